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

mod body;
mod column;
mod decisions;
mod logs;
mod minutes;
mod misses;
mod paragraphs;
mod parts;
mod records;
mod runs;
mod words;

pub(crate) use body::*;
pub(crate) use column::*;
pub(crate) use decisions::*;
pub(crate) use logs::*;
pub(crate) use minutes::*;
pub(crate) use misses::*;
pub(crate) use paragraphs::*;
pub(crate) use records::*;
pub(crate) use runs::*;
pub(crate) use words::*;

use crate::Context;
use crate::blocks::{Block, BlockKind};
use crate::fields::clean_ref;
use crate::positions;
use heed_core::vocab::find_word;
use heed_core::{Diagnostic, Document, Item, ItemKind, Response, Status};

/// How a unit is numbered. Units of one run share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// "R1", "R12:"
    RPrefix,
    /// "4.", "4)", "4.2" (depth 2), "4.2.1"
    Decimal(u8),
    /// "(4)"
    Paren,
    /// "a)", "(a)", "a."
    Letter,
    /// "i)", "(ii)", "iii." in lower case (a lone "i", "v" or "x" counts as a numeral)
    Roman,
    /// A reference code with letters and digits: "PCC/2011/14", "IR-07".
    Code,
}

/// The enumerator that opens a unit, and the unit's own words after it.
#[derive(Debug, Clone)]
pub(crate) struct Enumerator<'a> {
    pub(crate) style: Style,
    pub(crate) label: String,
    pub(crate) rest: &'a str,
}

/// Whether `t` opens with a capital, after any quotation mark or a bracket that opens a
/// word ("(Recommendation 1) We are ...", not a code's "(E)").
pub(crate) fn starts_upper(t: &str) -> bool {
    if let Some(inner) = t.strip_prefix('(') {
        let mut c = inner.chars();
        return c.next().is_some_and(char::is_uppercase)
            && c.next().is_some_and(char::is_lowercase);
    }
    t.trim_start_matches(['"', '\'', '“', '‘'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A decimal number as paragraphs are numbered: "4", "4.2", "122.4.1" (parts of one to
/// three digits).
fn is_decimal_label(num: &str) -> bool {
    num.split('.')
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A bracketed label run into the word after it, as a web page prints a lettered list whose
/// labels sat in a column of their own ("(a)We recommend ...", "(4)The force ..."): a
/// digit or three, or one lower-case letter, then a capitalised word of two letters or
/// more, the rest lower case. Lower-case numerals ("(ii)") are numerals, as spaced ones.
fn glued_bracket(t: &str) -> Option<Enumerator<'_>> {
    let inner_end = t.strip_prefix('(')?.find(')')? + 1;
    let inner = &t[1..inner_end];
    let rest = &t[inner_end + 1..];
    let mut word = rest.chars();
    let capital = word.next().is_some_and(|c| c.is_ascii_uppercase());
    let tail: Vec<char> = word.take_while(|c| c.is_alphabetic()).collect();
    if !capital || tail.is_empty() || !tail.iter().all(char::is_ascii_lowercase) {
        return None;
    }
    if inner.starts_with(|c: char| c.is_ascii_lowercase()) && roman_value(inner).is_some() {
        return Some(Enumerator {
            style: Style::Roman,
            label: inner.to_string(),
            rest,
        });
    }
    if (1..=3).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_digit()) {
        return Some(Enumerator {
            style: Style::Paren,
            label: inner.to_string(),
            rest,
        });
    }
    (inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase())).then(|| letter(inner, rest))
}

/// A decimal number run into the word after it, as text taken from a PDF or a web page
/// prints a paragraph number set in its own column ("2.26The Committee ..."): the number
/// (two levels or more, or closed by a dot) and the word, which must be a capitalised word
/// of two letters or more, the rest lower case ("1.We", "2.26The"; "2.5GHz" is a measure).
/// Returns the number's length.
fn glued_number(t: &str) -> Option<usize> {
    let num = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map(|(at, _)| at)?;
    let label = &t[..num];
    let number = label.trim_end_matches('.');
    let levels_ok = number.contains('.') || label.ends_with('.');
    let digits_ok = is_decimal_label(number);
    let mut word = t[num..].chars();
    let capital = word.next().is_some_and(|c| c.is_ascii_uppercase());
    let rest: Vec<char> = word.take_while(|c| c.is_alphabetic()).collect();
    let lower = !rest.is_empty() && rest.iter().all(char::is_ascii_lowercase);
    (levels_ok && digits_ok && capital && lower).then_some(num)
}

/// The enumerator opening `t`, when the words after it start a sentence or a title.
fn enumerator(t: &str) -> Option<Enumerator<'_>> {
    let t = t.trim_start();
    if let Some(num) = glued_number(t) {
        let label = t[..num].trim_end_matches('.');
        return Some(Enumerator {
            style: Style::Decimal(label.split('.').count().min(4) as u8),
            label: label.to_string(),
            rest: &t[num..],
        });
    }
    if let Some(e) = glued_bracket(t) {
        return Some(e);
    }
    let (first, rest) = match t.split_once(char::is_whitespace) {
        Some((f, r)) => (f, r.trim_start()),
        None => return None,
    };
    if rest.is_empty() {
        return None;
    }
    let bare = first.trim_end_matches([':', '.', ')', '–', '-']);
    // "R1", "R12:"
    if let Some(n) = bare.strip_prefix('R')
        && !n.is_empty()
        && n.len() <= 3
        && n.chars().all(|c| c.is_ascii_digit())
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::RPrefix,
            label: n.to_string(),
            rest,
        });
    }
    // "i)", "(ii)", "iii." before letters: "i)" opens a list of numerals far more
    // often than the ninth entry of a lettered one.
    let numeral = first
        .strip_prefix('(')
        .and_then(|f| f.strip_suffix(')'))
        .or_else(|| first.strip_suffix([')', '.']));
    // Upper-case numerals ("II. Methodology") number a document's sections, not its items.
    if let Some(n) = numeral
        && roman_value(n).is_some()
        && n.starts_with(|c: char| c.is_ascii_lowercase())
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::Roman,
            label: n.to_string(),
            rest,
        });
    }
    // "(4)" and "(a)"
    if let Some(inner) = first.strip_prefix('(').and_then(|f| f.strip_suffix(')')) {
        if !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
            return Some(Enumerator {
                style: Style::Paren,
                label: inner.to_string(),
                rest,
            });
        }
        if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
            return Some(letter(inner, rest));
        }
        return None;
    }
    // "a)" and "a."
    if first.len() == 2
        && first.ends_with([')', '.'])
        && first.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return Some(letter(&first[..1], rest));
    }
    // "4.", "4)", "4.2", "4.2.1." (a bare "4" is too often a wrapped number)
    // "29: That the government establish ...": a colon after the number marks it too.
    let marked = first.ends_with(['.', ')', ':']) || first.contains('.');
    let num = first.trim_end_matches(['.', ')', ':']);
    if marked && is_decimal_label(num) && starts_upper(rest) {
        let depth = num.split('.').count().min(4) as u8;
        return Some(Enumerator {
            style: Style::Decimal(depth),
            label: num.to_string(),
            rest,
        });
    }
    // A reference code: letters and digits joined by "/" or "-", an upper-case letter in it.
    let code = bare;
    // "K-12" and "COVID-19" are names; a reference code has a run of two letters or more
    // and two digits or more.
    let letters = code.chars().filter(char::is_ascii_alphabetic).count();
    let digits = code.chars().filter(char::is_ascii_digit).count();
    if (4..=24).contains(&code.len())
        && (code.contains('/') || letters >= 2)
        && digits >= 2
        && code.contains(['/', '-'])
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().any(|c| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == '.')
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::Code,
            label: code.to_string(),
            rest,
        });
    }
    None
}

/// A short title run into the unit after it, as converters join a heading to the next
/// paragraph ("Microbeads 5. We welcome ..."): the title (at most six words, the first
/// capitalised, no sentence end) and the unit's enumerator. Only a one-level
/// decimal number; the caller checks that it continues the numbering.
fn titled_enumerator(t: &str) -> Option<(&str, Enumerator<'_>)> {
    let t = t.trim_start();
    let mut words = 0;
    for (at, w) in t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
    {
        if words > 0 && w.ends_with('.') && w.len() <= 4 {
            let e = enumerator(&t[at..])?;
            return matches!(e.style, Style::Decimal(1)).then(|| (t[..at].trim_end(), e));
        }
        words += 1;
        // A title in title case or sentence case: its first word capitalised.
        let title_word = words > 1 || w.starts_with(|c: char| c.is_uppercase());
        if words > 6 || !title_word || w.ends_with(['.', ':', ';', ',', '?', '!']) {
            return None;
        }
    }
    None
}

/// A numbered conclusion quoted with the paragraph it came from ("4. ... We recommend the
/// Government ... (Paragraph 33)", also with a title run into it): one item as a whole,
/// which this reader takes, not a sentence of it.
pub(crate) fn is_cited_conclusion(t: &str) -> bool {
    (opens_unit(t) || titled_enumerator(t).is_some()) && cited_paragraph(t).is_some()
}

/// The unit numbered `next` run into a title before it, if `t` is one.
fn titled_next(t: &str, next: u32) -> Option<Enumerator<'_>> {
    titled_enumerator(t)
        .map(|(_, e)| e)
        .filter(|e| numbers(&e.label) == [next])
}

/// Whether a line opens with a number of two levels or more ("122.4.", "2.26"), or a
/// number run into its first word ("2.26The"): a paragraph number, never a wrapped line.
pub fn opens_sub_numbered(t: &str) -> bool {
    enumerator(t).is_some_and(|e| match e.style {
        Style::Decimal(depth) => depth >= 2 || glued_number(t.trim_start()).is_some(),
        _ => false,
    })
}

/// Whether a line opens with an enumerator (a numbered, lettered or coded unit).
pub fn opens_unit(t: &str) -> bool {
    let b = t.as_bytes().first().copied().unwrap_or(b' ');
    (b.is_ascii_alphanumeric() || b == b'(') && enumerator(t).is_some()
}

/// A title ("Progress Made but Challenges Must be Addressed"): most longer words
/// capitalised. A title names a subject; it does not ask anyone to act.
fn is_title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let t = text.trim_end();
    long.len() >= 3
        && text.split_whitespace().nth(20).is_none()
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
    let words = t.split_whitespace().take(9).count(); // nine stands for "more than eight"
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
    // A position on a line of its own ("Supported", "Noted").
    if crate::fields::lone_position(t).is_some() {
        return Some("a position after it");
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
    /// A body block that holds the unit's own words (its number stood on a line alone).
    own_text: Option<usize>,
}

/// Reads the units the layout recognisers left.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    let n = blocks.len();
    let mut units: Vec<Unit> = Vec::new();
    let bare_runs = bare_number_runs(blocks);
    // A numbered paragraph of a run in sequence that asks is a unit of its own, never the
    // body of the unit above it ("CERD/C/65/CO/3 Page 5" / "21. The Committee ...").
    let asking_runs = asking_paragraph_runs(blocks, &ctx.claimed);
    let mut i = 0;
    while i < n {
        let b = &blocks[i];
        if ctx.claimed[i] || b.kind == BlockKind::Row {
            i += 1;
            continue;
        }
        // A number alone, one of a run: its words are the first sentence-long block after
        // it; the short ones beside it ("Completed") answer it.
        if bare_runs[i] {
            let mut j = i + 1;
            while j < n && !ctx.claimed[j] && !blocks[j].is_heading() && !bare_runs[j] {
                j += 1;
            }
            // A block that asks is the entry's words before a status line of six words.
            let long = |k: &usize| {
                blocks[*k].kind == BlockKind::Paragraph
                    && blocks[*k].text.split_whitespace().nth(5).is_some()
            };
            let own = (i + 1..j)
                .filter(long)
                .find(|&k| directive(&blocks[k].text).is_some())
                .or_else(|| (i + 1..j).find(long));
            if let (Some(own), Some(num)) = (own, bare_number(&blocks[i])) {
                units.push(Unit {
                    start: i,
                    end: j,
                    style: Style::Decimal(1),
                    label: num.to_string(),
                    text: blocks[own].text.to_string(),
                    own_text: Some(own),
                });
                i = j;
                continue;
            }
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
        // A code that opens the document is its symbol ("A/HRC/58/49", "CRC/C/15/Add.170"),
        // whatever the converter ran into it, not an entry of a coded list.
        if e.style == Style::Code && i == 0 {
            i += 1;
            continue;
        }
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
            if ctx.claimed[j] || c.is_heading() || asking_runs[j] {
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
                // "42. The recommendations listed below ...:" and then "42.1 Ratify ...":
                // a lead-in's own entries are units, not its body.
                if e.style == Style::Decimal(1)
                    && e.rest.trim_end().ends_with(':')
                    && f.style == Style::Decimal(2)
                    && f.label
                        .starts_with(&format!("{}.", e.label.trim_end_matches('.')))
                {
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
            own_text: None,
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
        let taken_before = taken.len();
        // "42. The recommendations listed below ... enjoy the support of X:" right above
        // the run: the position of every entry that states none of its own.
        let lead_position = run[0]
            .start
            .checked_sub(1)
            .map(|k| &blocks[k])
            .filter(|b| b.text.trim_end().ends_with(':'))
            .and_then(|b| crate::listed::lead_in_position(&b.text));
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
            // Numbered in sequence among siblings most of which ask, with a heading that
            // names them or an answer of its own: one of the list, however it is worded
            // ("The Committee requires an update ...", "RatifyCED (Spain)").
            let among_asking = ascending
                && asking * 2 >= run.len()
                && (heading_kind.is_some() || answer.is_some());
            if among_asking && direct.is_none() && later.is_none() {
                evidence.push(format!(
                    "{asking} of the {} units numbered with it ask for action",
                    run.len()
                ));
            }
            let quoted = cites.is_some() && (direct.is_some() || later.is_some() || ascending);
            let listed = among_asking && (!others_found || heading_kind.is_some());
            // Asking in a later sentence ("The Committee notes ... The State party
            // should ..."), in sequence among numbered paragraphs when nothing else was
            // found: a treaty body's observation and its recommendation in one paragraph.
            // Not in a summary of what others said ("X stated ...", "Y recommended ...").
            let observed =
                later.is_some() && ascending && !others_found && !reports_speech(&u.text);
            let take = if quoted || listed || observed {
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
            // A sentence left open over a list of names, a line each ("... provide a
            // response on why their reports were late" / "Harbour Authority" / ...): the
            // names are its words.
            // Fields printed after the unit's words on its line ("... its policy. Status:
            // Completed."): the words are the item's, the fields are read as under it.
            let (own, inline) =
                crate::labels::entry_fields(&u.text).unwrap_or((u.text.as_str(), Vec::new()));
            // "... (Para 27) Accepted. Industry is being consulted ...": a flattened
            // response table's row, its answer after the cited paragraph.
            let answered = split_cited_answer(own);
            let own = answered.as_ref().map_or(own, |a| a.0);
            let trailing = trailing_status(own);
            let mut text = without_attributions(trailing.as_ref().map_or(own, |t| &t.0));
            let mut listed = u.start + 1;
            if !crate::lines::ends_sentence(own) && directive(&text).is_some() {
                while listed < u.end
                    && blocks[listed].kind == BlockKind::Paragraph
                    && is_title_like(&blocks[listed].text)
                    && answer_kind(&blocks[listed]).is_none()
                    && !blocks[listed].text.contains(':')
                {
                    text.push(' ');
                    text.push_str(blocks[listed].text.trim());
                    listed += 1;
                }
            }
            // "... adding the following sub-paragraph:" over the paragraph it announces,
            // the only one under it or the one that closes on the cited paragraph: its
            // words too.
            if own.trim_end().ends_with(':')
                && listed == u.start + 1
                && listed < u.end
                && blocks[listed].kind == BlockKind::Paragraph
                && (listed + 1 == u.end || cited_paragraph(&blocks[listed].text).is_some())
            {
                text.push(' ');
                text.push_str(blocks[listed].text.trim());
                listed += 1;
            }
            let mut item = Item::new(kind, text, blocks[u.start].line);
            if let Some((_, reply, pos, words)) = answered {
                item.responses.push(Response {
                    text: reply.to_string(),
                    line: item.line,
                });
                item.position = Some(pos);
                item.position_words = Some(words);
            }
            item.r#ref = match u.style {
                Style::Code | Style::Roman | Style::Letter => Some(u.label.clone()),
                _ => clean_ref(&u.label),
            };
            item.evidence = evidence;
            if let Some((_, status, words)) = trailing {
                item.status = Some(status);
                item.status_words = Some(words);
            }
            for (role, value) in &inline {
                apply_body_field(&mut item, *role, value, blocks[u.start].line, ctx.date);
            }
            // Under a title ("Review of custody provision"), bullets report progress;
            // under a sentence they are its own parts or tags.
            let titled = own.split_whitespace().nth(14).is_none()
                && !own.trim_end().ends_with(['.', ';', ':', ',']);
            // "16. The Committee recommends that the State party: (a) ...; (b) ...": each
            // part that asks is an item of its own.
            let lettered = parts::inline_parts(&item.text, item.line)
                .map(|(lead, ps)| {
                    item.text = lead;
                    ps
                })
                .or_else(|| {
                    let (ps, next) = parts::block_parts(&item.text, blocks, listed, u.end)?;
                    listed = next;
                    Some(ps)
                });
            let mut parts = item.text.trim_end().ends_with(':');
            for (k, b) in blocks.iter().enumerate().take(u.end).skip(listed) {
                if Some(k) == u.own_text {
                    continue;
                }
                // A bulleted field ("• Status: Completed") is read as an unbulleted one.
                let field = || crate::labels::labelled_fields(&b.text).is_some();
                if b.kind == BlockKind::Bullet && !titled && !field() {
                    // "... the following services nationally:" / bullets: its own parts.
                    if parts {
                        item.text.push(' ');
                        item.text.push_str(b.text.trim());
                    }
                    continue;
                }
                parts = false;
                // A label line ("Theme: Health") groups what follows; it answers nothing.
                if b.kind == BlockKind::Paragraph
                    && is_title_like(&b.text)
                    && answer_kind(b).is_none()
                    && crate::labels::split_fields(&b.text).1.is_empty()
                {
                    continue;
                }
                // A label with nothing after it ("Supporting documents:") says nothing.
                let t = b.text.trim();
                if t.ends_with(':') && t.split_whitespace().nth(4).is_none() {
                    continue;
                }
                read_body_block(&mut item, b, ctx.date);
            }
            match lettered {
                Some(ps) => taken.extend(ps.into_iter().map(|p| {
                    let mut it = item.clone();
                    it.r#ref = item.r#ref.as_ref().map(|r| format!("{r} ({})", p.letter));
                    it.text = p.text;
                    it.line = p.line;
                    it.evidence.push(format!(
                        "part ({}) of an ask that leads in its parts",
                        p.letter
                    ));
                    it
                })),
                None => taken.push(item),
            }
        }
        if let Some((pos, words)) = &lead_position {
            for it in taken[taken_before..]
                .iter_mut()
                .filter(|it| it.position.is_none())
            {
                it.position = Some(*pos);
                it.position_words = Some(words.clone());
            }
        }
    }
    for u in &units {
        if taken.iter().any(|t| t.line == blocks[u.start].line) {
            ctx.claim(u.start, u.end);
        }
    }
    labelled_recommendations(ctx, &mut taken);
    led_in_paragraphs(ctx, &mut taken);
    // A committee's resolutions stand beside what its minutes report on by code: the
    // minutes of an outstanding-references item end "RESOLVED – That the report be noted".
    let before_resolutions = taken.len();
    resolutions(ctx, &mut taken);
    let after_resolutions = taken.len();
    if !others_found && taken.is_empty() {
        recommended_then_decided(ctx, &mut taken);
    }
    if !others_found && taken.is_empty() {
        recommendation_column(ctx, &mut taken);
    }
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
    if !others_found && taken.is_empty() {
        imperative_lists(ctx, &mut taken);
    }
    if !others_found && taken.is_empty() {
        headed_directives(ctx, &mut taken);
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

#[cfg(test)]
mod tests;
