//! The general reader: every numbered, coded or bulleted unit that the layout recognisers
//! left unread is a candidate, and a candidate becomes an item only on evidence.
//!
//! A unit opens with an enumerator ("R1", "4.", "1)", "(2)", "b)", a reference code such as
//! "PCC/2011/14") and runs until the next unit of the same numbering, a heading, or a short
//! numbered section title. Its body (the blocks after its first) may hold a response
//! ("Force response: ...", "Update: ..."), a status line, a progress bullet or a numbered
//! progress paragraph. The evidence weighed for each unit:
//!
//! - **directive**: its words ask someone to act ("should", "must", "we recommend", or an
//!   opening imperative verb such as "Publish", "Review", "Ensure");
//! - **heading**: the nearest heading above its run names recommendations, actions,
//!   activities, references, areas for improvement or causes of concern;
//! - **answer**: a response, status or progress block follows it;
//! - **siblings**: two or more units of the same numbering, in ascending order.
//!
//! A unit is taken when it is directive and has one other sign, or when a heading and an
//! answer both speak for it. The signs that decided are kept on the item
//! (`Item::evidence`); a unit with some evidence but not enough is named in a diagnostic,
//! so "nothing found" always says which lines looked like items and why they were not
//! taken. Reported speech ("the Committee recommended that ...") is not directive: it
//! tells of someone else's recommendation.

use crate::Context;
use crate::blocks::{Block, BlockKind};
use crate::fields::clean_ref;
use crate::positions;
use heed_core::vocab::find_word;
use heed_core::{Diagnostic, Document, Item, ItemKind, Response, Status};

mod body;
mod directives;
mod enumerators;
mod passes;
#[cfg(test)]
mod tests;

use body::*;
use directives::*;
use enumerators::*;
use passes::*;

pub(crate) use directives::opens_with_imperative;
pub(crate) use enumerators::is_cited_conclusion;
pub use enumerators::opens_unit;
pub(crate) use passes::only_notes;

/// A title ("Progress Made but Challenges Must be Addressed"): most longer words
/// capitalised. A title names a subject; it does not ask anyone to act.
fn is_title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let t = text.trim_end();
    long.len() >= 3
        && text.split_whitespace().count() <= 20
        && !t.ends_with([';', '.'])
        && long
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .count()
            * 10
            >= long.len() * 7
}

/// Whether a heading names units that a body is asked to act on.
pub(crate) fn names_items(heading: &str) -> Option<ItemKind> {
    let h = heading.to_lowercase();
    if h.contains("area for improvement") || h.contains("areas for improvement") {
        return Some(ItemKind::AreaForImprovement);
    }
    [
        "recommendation",
        "action",
        "activit",
        "reference",
        "cause of concern",
        "causes of concern",
        "priorit",
        "improvement plan",
        "tracker",
        "matters for",
        "proposal",
    ]
    .iter()
    .any(|w| h.contains(w))
    .then_some(ItemKind::Recommendation)
}

/// A short line that names a section rather than saying something: a few words and no
/// closing punctuation.
fn is_title_like(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=8).contains(&words) && !t.trim_end().ends_with(['.', ';', ',', ':'])
}

/// A body block that answers the unit: a labelled response, update or status, a bullet, or
/// a numbered progress paragraph one level down.
fn answer_kind(b: &Block) -> Option<&'static str> {
    let t = b.text.trim();
    if let Some((head, _)) = t.split_once(':') {
        let h = head.to_lowercase();
        let words = h.split_whitespace().count();
        if words <= 4
            && [
                "response",
                "update",
                "progress",
                "status",
                "comment",
                "action taken",
                "actions taken",
                "position",
                "outcome",
            ]
            .iter()
            .any(|w| h.contains(w))
        {
            return Some("a response or status after it");
        }
    }
    if b.kind == BlockKind::Bullet {
        return Some("a progress bullet after it");
    }
    if Status::from_leading_words(t).is_some() {
        return Some("a status after it");
    }
    None
}

/// One candidate: the block that opens it, the blocks of its body, its enumerator.
struct Unit {
    start: usize,
    end: usize,
    style: Style,
    label: String,
    text: String,
}

/// Reads the units the layout recognisers left.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    let n = blocks.len();
    let mut units: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < n {
        let b = &blocks[i];
        if ctx.claimed[i] || b.kind == BlockKind::Row {
            i += 1;
            continue;
        }
        // "Microbeads 5. We welcome ...": taken when 5 is the next number (or the first).
        let next_decimal = units
            .iter()
            .rev()
            .find(|u| u.style == Style::Decimal(1))
            .map_or(1, |u| numbers(&u.label)[0] + 1);
        let Some(e) = enumerator(&b.text).or_else(|| titled_next(&b.text, next_decimal)) else {
            i += 1;
            continue;
        };
        // A short numbered title ("2. Progress") is a section heading, not a unit.
        if matches!(e.style, Style::Decimal(1))
            && is_title_like(e.rest)
            && b.text.len() < 60
            && cited_paragraph(e.rest).is_none()
            && directive(e.rest).is_none()
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n {
            let c = &blocks[j];
            if ctx.claimed[j] || c.is_heading() {
                break;
            }
            if matches!(e.style, Style::Decimal(1))
                && numbers(&e.label)
                    .first()
                    .and_then(|n| titled_next(&c.text, n + 1))
                    .is_some()
            {
                break;
            }
            if let Some(f) = enumerator(&c.text) {
                if f.style == e.style {
                    break;
                }
                if matches!(f.style, Style::Decimal(1) | Style::RPrefix | Style::Code)
                    && is_title_like(f.rest)
                {
                    break;
                }
            }
            j += 1;
        }
        units.push(Unit {
            start: i,
            end: j,
            style: e.style,
            label: e.label.clone(),
            text: e.rest.to_string(),
        });
        i = j;
    }
    // Runs: units of one style with nothing but their bodies between them.
    let mut runs: Vec<(usize, usize)> = Vec::new(); // unit index range
    for k in 0..units.len() {
        let joined =
            k > 0 && units[k - 1].style == units[k].style && units[k - 1].end == units[k].start;
        if !joined {
            runs.push((k, k + 1));
        } else if let Some(last) = runs.last_mut() {
            last.1 = k + 1;
        }
    }
    let others_found = doc.items.iter().any(|i| {
        matches!(
            i.kind,
            ItemKind::Recommendation | ItemKind::AreaForImprovement
        )
    });
    let mut near_misses: Vec<Diagnostic> = Vec::new();
    let mut taken: Vec<Item> = Vec::new();
    for &(from, to) in &runs {
        let run = &units[from..to];
        // In sequence: most neighbours ascend (a thematic list regroups some entries).
        let rising = run
            .windows(2)
            // Reference codes carry no order of their own.
            .filter(|w| w[0].style == Style::Code || numbers(&w[1].label) > numbers(&w[0].label))
            .count();
        // A long run in which few units ask anything is the document's own paragraph
        // numbering (a state's report, a narrative): its order says nothing about the
        // few that use "should" or "must" in passing.
        let asking = run
            .iter()
            .filter(|u| directive(&u.text).is_some() || cited_paragraph(&u.text).is_some())
            .count();
        let narrative = run.len() >= 8 && asking * 3 < run.len();
        let ascending = run.len() >= 2 && rising * 10 >= (run.len() - 1) * 6 && !narrative;
        let heading = heading_above(blocks, run[0].start);
        let heading_kind = heading.as_deref().and_then(names_items);
        for u in run {
            let mut evidence: Vec<String> = Vec::new();
            let direct = directive(&u.text);
            let later = direct.is_none().then(|| directive_later(&u.text)).flatten();
            if let Some(d) = direct.as_ref().or(later.as_ref()) {
                evidence.push(d.clone());
            }
            let cites = cited_paragraph(&u.text);
            if let Some(c) = cites {
                evidence.push(format!("cites the report's paragraph (\"{c}\")"));
            }
            if let (Some(h), Some(_)) = (&heading, heading_kind) {
                evidence.push(format!("under the heading \"{h}\""));
            }
            let answers: Vec<&Block> = blocks[u.start + 1..u.end].iter().collect();
            let answer = answers.iter().find_map(|b| answer_kind(b)).or_else(|| {
                // Numbered progress paragraphs one level down ("1.1 The force has ...").
                answers
                    .iter()
                    .any(|b| {
                        enumerator(&b.text).is_some_and(|f| f.style != u.style)
                            && crate::fields::status_of_text(&b.text).is_some()
                    })
                    .then_some("a progress paragraph after it")
            });
            if let Some(a) = answer {
                evidence.push(a.to_string());
            }
            if ascending {
                evidence.push(format!(
                    "numbered in sequence with {} others",
                    run.len() - 1
                ));
            }
            // Where the layout recognisers already read items, the document's own layout
            // has been understood: a unit they passed over needs every sign but one.
            // A cited paragraph marks a quoted conclusion: with an ask in it, it is an item
            // whatever else was found.
            let take = if cites.is_some() && (direct.is_some() || later.is_some() || ascending) {
                true
            } else if others_found {
                direct.is_some() && heading_kind.is_some() && (answer.is_some() || ascending)
            } else {
                (direct.is_some() && (heading_kind.is_some() || answer.is_some() || ascending))
                    || (heading_kind.is_some() && answer.is_some())
            };
            if !take {
                if !evidence.is_empty() && direct.is_some() || heading_kind.is_some() {
                    near_misses.push(Diagnostic::warning(
                        blocks[u.start].line,
                        format!(
                            "\"{}\" looked like an item but was not taken: {}",
                            clip(&blocks[u.start].text, 60),
                            if evidence.is_empty() {
                                "no sign that it asks for action".to_string()
                            } else {
                                format!("only {}", evidence.join(", "))
                            }
                        ),
                    ));
                }
                continue;
            }
            let kind = heading_kind.unwrap_or(ItemKind::Recommendation);
            let mut item = Item::new(kind, without_attributions(&u.text), blocks[u.start].line);
            item.r#ref = match u.style {
                Style::Code | Style::Roman => Some(u.label.clone()),
                _ => clean_ref(&u.label),
            };
            item.evidence = evidence;
            // Under a title ("Review of custody provision"), bullets report progress;
            // under a sentence they are its own parts or tags.
            let titled = u.text.split_whitespace().count() <= 14
                && !u.text.trim_end().ends_with(['.', ';', ':', ',']);
            for b in &blocks[u.start + 1..u.end] {
                if b.kind == BlockKind::Bullet && !titled {
                    continue;
                }
                // A label line ("Theme: Health") groups what follows; it answers nothing.
                if b.kind == BlockKind::Paragraph
                    && is_title_like(&b.text)
                    && answer_kind(b).is_none()
                    && labelled_fields(&b.text).1.is_empty()
                {
                    continue;
                }
                // A label with nothing after it ("Supporting documents:") says nothing.
                let t = b.text.trim();
                if t.ends_with(':') && t.split_whitespace().count() <= 4 {
                    continue;
                }
                read_body_block(&mut item, b, ctx.date);
            }
            taken.push(item);
        }
    }
    for u in &units {
        if taken.iter().any(|t| t.line == blocks[u.start].line) {
            ctx.claim(u.start, u.end);
        }
    }
    led_in_paragraphs(ctx, &mut taken);
    // A committee's resolutions stand beside what its minutes report on by code: the
    // minutes of an outstanding-references item end "RESOLVED – That the report be noted".
    let before_resolutions = taken.len();
    resolutions(ctx, &mut taken);
    let after_resolutions = taken.len();
    if !others_found && taken.is_empty() {
        addressed_paragraphs(ctx, &mut taken);
    }
    if !others_found && before_resolutions == 0 && taken.len() == after_resolutions {
        referenced_in_prose(ctx, &mut taken);
    }
    if !others_found && before_resolutions == 0 && taken.len() == after_resolutions {
        closing_clauses(ctx, &mut taken);
    }
    if !others_found && before_resolutions == 0 && taken.len() == after_resolutions {
        undertakings(ctx, &mut taken);
    }
    if taken.is_empty() && doc.items.is_empty() {
        doc.diagnostics.extend(near_misses.into_iter().take(20));
    }
    doc.items.extend(taken);
    if !doc.layouts.iter().any(|l| l == "general")
        && doc.items.iter().any(|i| !i.evidence.is_empty())
    {
        doc.layouts.push("general".to_string());
    }
}
