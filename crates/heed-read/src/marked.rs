//! Recommendations closed by a trailing marker, as audit offices print them: a paragraph
//! of recommendation text ending "(Recommendation 3)", the marker possibly split across
//! lines or standing on a line of its own.
//!
//! A heading that a page break dropped into the middle of a recommendation (the text
//! before it left open, the text after it in lower case) is not part of the item. An
//! unnumbered recommendation that comes before the numbered ones in the same section
//! ("Congress should consider ...") is an item without a ref. Summary pages that restate
//! the recommendations in other words carry no markers and are left alone. After the last
//! item, the first paragraph that states the addressed body's position answers them all
//! (see [`crate::positions`]).

use crate::Context;
use crate::blocks::{Block, BlockKind};
use crate::lines::ends_sentence;
use crate::positions;
use heed_core::vocab::find_word;
use heed_core::{Document, Item, ItemKind};

/// Splits a trailing "(Recommendation N)" marker off a text: the text before it and the
/// number. "(Rec. 4)" and a final full stop after the bracket are accepted too.
pub fn split_marker(text: &str) -> Option<(&str, String)> {
    split_any_marker(text).and_then(|(b, n, matter)| (!matter).then_some((b, n)))
}

/// Like [`split_marker`], also for a matter for congressional consideration ("(Matter for
/// Consideration 2)", "(Matter 2)"); the flag says which it was.
pub fn split_any_marker(text: &str) -> Option<(&str, String, bool)> {
    let t = text.trim_end().trim_end_matches('.').trim_end();
    let body = t.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let inner = body[open + 1..].trim();
    let lower = inner.to_lowercase();
    let (rest, matter) = [
        ("recommendation", false),
        ("rec.", false),
        ("matter for congressional consideration", true),
        ("matter for consideration", true),
        ("matter", true),
    ]
    .iter()
    .find_map(|(p, m)| {
        lower
            .strip_prefix(p)
            .and_then(|_| inner.get(p.len()..))
            .map(|r| (r.trim(), *m))
    })?;
    let num = rest.trim_end_matches('.');
    if num.is_empty()
        || !num.starts_with(|c: char| c.is_ascii_digit())
        || !num.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    Some((text[..open].trim_end(), num.to_string(), matter))
}

/// Where markers inside a text end, when more text follows them: recommendations printed
/// without a blank line between them arrive as one block ("... (Recommendation 1) The
/// Secretary should ... (Recommendation 2)").
fn inner_marker_ends(text: &str) -> Vec<usize> {
    let t = text.trim_end();
    let mut out = Vec::new();
    for (p, _) in t.match_indices('(') {
        // Only a bracket closed within 60 bytes counts: looked for no further (a long
        // paragraph's unclosed brackets were each searched to its end).
        let near = &t.as_bytes()[p..t.len().min(p + 61)];
        let Some(q) = memchr::memchr(b')', near).map(|q| p + q) else {
            continue;
        };
        if q + 1 >= t.len() {
            continue;
        }
        let upto = &t[..=q];
        if split_any_marker(upto).is_some_and(|(body, _, _)| body.len() <= p) {
            out.push(q + 1);
        }
    }
    out
}

fn is_text(b: &Block) -> bool {
    matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet)
}

fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

/// A paragraph that reads as an unnumbered recommendation: a subject, then "should",
/// early in the first sentence ("Congress should consider ...", "The Secretary of the
/// Army should ...").
fn is_should_paragraph(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().take(12).collect();
    let Some(at) = words.iter().position(|w| *w == "should") else {
        return false;
    };
    at >= 1
        && words[0].starts_with(|c: char| c.is_uppercase())
        && !matches!(
            words[0],
            "We" | "It" | "This" | "That" | "These" | "If" | "As"
        )
        && !t.trim_end().ends_with(':')
}

/// The part of a text that makes the recommendation when other paragraphs ran into it:
/// from the last sentence that asks a named body ("The Secretary ... should ..."), or the
/// whole text when none does.
fn from_asking_sentence(text: &str) -> &str {
    let starts = std::iter::once(0).chain(
        text.match_indices(". ")
            .map(|(p, _)| p + 2)
            .filter(|&p| text[p..].starts_with(|c: char| c.is_uppercase())),
    );
    starts
        .filter(|&p| is_should_paragraph(&text[p..]))
        .last()
        .map_or(text, |p| &text[p..])
}

/// Reads the marked recommendations of a document.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    // item, first block, last block, whether it is a matter for congressional consideration
    let mut items: Vec<(Item, usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        if ctx.claimed[i] || !is_text(b) {
            i += 1;
            continue;
        }
        // Several marked recommendations in one block: one item per marker.
        let inner = inner_marker_ends(&b.text);
        let closed = usize::from(split_any_marker(&b.text).is_some());
        if inner.len() + closed >= 2 {
            let mut from = 0;
            let mut ends = inner.clone();
            ends.push(b.text.len());
            for end in ends {
                let piece = b.text.get(from..end).unwrap_or_default().trim();
                from = end;
                if let Some((body, num, matter)) = split_any_marker(piece)
                    && !body.is_empty()
                {
                    let mut item = Item::new(ItemKind::Recommendation, body, b.line);
                    item.r#ref = Some(num);
                    items.push((item, i, i, matter));
                }
            }
            i += 1;
            continue;
        }
        // One marker inside the block, more text after it: paragraphs printed without a
        // blank line between them ("... (Recommendation 1) We provided a draft ..."). The
        // item is the text up to the marker, from the sentence that asks.
        if inner.len() == 1
            && closed == 0
            && let Some((body, num, matter)) = split_any_marker(&b.text[..inner[0]])
        {
            let body = from_asking_sentence(body);
            if !body.is_empty() {
                let mut item = Item::new(ItemKind::Recommendation, body, b.line);
                item.r#ref = Some(num);
                items.push((item, i, i, matter));
            }
            i += 1;
            continue;
        }
        let Some((body, num, matter)) = split_any_marker(&b.text) else {
            i += 1;
            continue;
        };
        // Walk back over continuations: a text starting in lower case (or the marker
        // alone) carries on the paragraph before it, across a dropped heading. Between two
        // marked items, a text left open before a dropped heading is carried on even when
        // the next part starts with a capital ("... checklist with" / "DOD, and ...").
        let mut parts: Vec<&str> = vec![body];
        let mut first = i;
        let mut head = body;
        let after_item = items.last().is_some_and(|it| it.2 < i);
        // A marker after the last bullet of a list: the list and the sentence that opens
        // it ("The Secretary should ensure that the plan includes:") are the item.
        if b.kind == BlockKind::Bullet {
            let mut j = i;
            let mut bullets: Vec<usize> = Vec::new();
            while j > 0 {
                j -= 1;
                let p = &blocks[j];
                if ctx.claimed[j]
                    || split_any_marker(&p.text).is_some()
                    || !inner_marker_ends(&p.text).is_empty()
                {
                    break;
                }
                if p.kind == BlockKind::Bullet {
                    bullets.push(j);
                    continue;
                }
                let opens = p.kind == BlockKind::Paragraph
                    && p.text.trim_end().ends_with(':')
                    && find_word(&p.text.to_lowercase(), "should").is_some();
                if opens {
                    parts.extend(bullets.iter().map(|&k| blocks[k].text.as_str()));
                    parts.push(p.text.as_str());
                    first = j;
                    head = p.text.as_str();
                }
                break;
            }
        }
        loop {
            let mut j = first;
            let mut over_heading = false;
            let mut prev = None;
            while j > 0 {
                j -= 1;
                if ctx.claimed[j] || blocks[j].kind == BlockKind::Row {
                    break;
                }
                if blocks[j].is_heading() {
                    over_heading = true;
                    continue;
                }
                if is_text(&blocks[j])
                    && split_any_marker(&blocks[j].text).is_none()
                    && inner_marker_ends(&blocks[j].text).is_empty()
                {
                    prev = Some(j);
                }
                break;
            }
            let Some(j) = prev else { break };
            let open = !ends_sentence(&blocks[j].text);
            let joins = head.is_empty()
                || (starts_lower(head) && open)
                || (after_item && over_heading && open);
            if !joins {
                break;
            }
            parts.push(blocks[j].text.as_str());
            first = j;
            head = blocks[j].text.as_str();
        }
        parts.reverse();
        let text = parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let mut item = Item::new(ItemKind::Recommendation, text, blocks[first].line);
        item.r#ref = Some(num);
        items.push((item, first, i, matter));
        i += 1;
    }
    // A marker is also how other reports cross-refer ("... as we said (Recommendation 14)"):
    // the layout needs its first recommendation, and recommendations that ask ("should").
    let asks = items
        .iter()
        .filter(|(it, ..)| find_word(&it.text.to_lowercase(), "should").is_some())
        .count();
    let has_first = items
        .iter()
        .any(|(it, ..)| it.r#ref.as_deref() == Some("1"));
    // A listing of open recommendations starts where it likes ("(Recommendation 2)"):
    // without the first, every one must ask, early in its words ("The Secretary ...
    // should ensure ...").
    let all_ask_early = items.iter().all(|(it, ..)| {
        let lower = it.text.to_lowercase();
        find_word(&lower, "should")
            .is_some_and(|at| lower[..at].split_whitespace().nth(20).is_none())
    });
    if items.is_empty() || !(has_first || all_ask_early) || asks * 2 < items.len() {
        return;
    }
    // The same number twice (a summary that kept the markers): keep the fuller text.
    let mut kept: Vec<(Item, usize, usize, bool)> = Vec::new();
    for it in items {
        if let Some(k) = kept
            .iter()
            .position(|k| k.0.r#ref == it.0.r#ref && k.3 == it.3)
        {
            if it.0.text.len() > kept[k].0.text.len() {
                kept[k] = it;
            }
        } else {
            kept.push(it);
        }
    }
    kept.sort_by_key(|k| k.1);
    // Unnumbered recommendations before the first numbered one, in the same section.
    let mut lead: Vec<(Item, usize)> = Vec::new();
    if let Some(&(_, first, _, _)) = kept.first() {
        let mut j = first;
        while j > 0 {
            j -= 1;
            let b = &blocks[j];
            if ctx.claimed[j] || b.kind == BlockKind::Row {
                break;
            }
            if b.is_heading() {
                let l = b.text.to_lowercase();
                if !(l.contains("recommend") || l.contains("consideration")) {
                    lead.clear();
                }
                break;
            }
            if is_text(b) && is_should_paragraph(&b.text) {
                lead.push((
                    Item::new(ItemKind::Recommendation, b.text.clone(), b.line),
                    j,
                ));
            }
            if first - j > 6 {
                lead.clear();
                break;
            }
        }
        lead.reverse();
    }
    let last_block = kept.iter().map(|k| k.2).max().unwrap_or(0);
    for (_, j) in &lead {
        ctx.claim(*j, j + 1);
    }
    for (_, a, b, _) in &kept {
        ctx.claim(*a, b + 1);
    }
    // Matters for Congress are not answered by the agency: only recommendations take its
    // positions.
    let mut others: Vec<Item> = lead.into_iter().map(|(i, _)| i).collect();
    let mut all: Vec<Item> = Vec::new();
    for (mut item, _, _, matter) in kept {
        if matter {
            // A matter for congressional consideration is addressed to the legislature,
            // which does not answer the report.
            item.addressee = Some("Congress".to_string());
            others.push(item);
        } else {
            all.push(item);
        }
    }
    // The comments paragraphs after the items: each answers those not yet answered.
    let mut replied = false;
    for (j, b) in blocks.iter().enumerate().skip(last_block + 1).take(29) {
        // Comments come before the appendices (which quote earlier reports).
        if b.is_heading()
            && (b.kind == BlockKind::Heading(1) || b.text.to_lowercase().starts_with("appendix"))
        {
            break;
        }
        if ctx.claimed[j] || !is_text(b) {
            continue;
        }
        if positions::states_position(&b.text) {
            positions::apply(&b.text, b.line, &mut all);
            if positions::all_answered(&all) {
                break;
            }
        } else if !replied
            && crate::fields::sentences(&b.text)
                .iter()
                .any(|s| positions::is_reply(s) || s.to_lowercase().contains("neither agreed"))
        {
            // "IRS neither agreed nor disagreed with our recommendations. IRS told us
            // that it will ...": the body's reply, stating no position, is the response of
            // every item it has not otherwise answered.
            replied = true;
            let text = positions::response_text(&b.text);
            for it in all
                .iter_mut()
                .filter(|i| i.responses.is_empty() && i.position.is_none())
            {
                it.responses.push(heed_core::Response {
                    text: text.clone(),
                    line: b.line,
                });
            }
        }
    }
    all.extend(others);
    all.sort_by_key(|i| i.line);
    // Line-end hyphens left by the joining of lines.
    if all.iter().any(|i| i.text.contains("- ")) {
        let doc_lower = ctx.text.to_lowercase();
        for it in &mut all {
            it.text = crate::listed::repair_hyphens(&it.text, &doc_lower);
        }
    }
    doc.items.extend(all);
    doc.layouts.push("marked".to_string());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReadOptions;
    use heed_core::Position;

    #[test]
    fn markers() {
        assert_eq!(
            split_marker("do this. (Recommendation 2)"),
            Some(("do this.", "2".to_string()))
        );
        assert_eq!(
            split_marker("do this (Rec. 4)."),
            Some(("do this", "4".to_string()))
        );
        assert_eq!(split_marker("(Recommendation 12)"), Some(("", "12".into())));
        assert_eq!(split_marker("see our report (GAO-21-152)"), None);
    }

    #[test]
    fn cross_references_are_not_markers() {
        let text = "# Progress report\n\nTraining has been reviewed and the new course runs from May (Recommendation 14).\n\n\
The panel has met twice (Recommendation 3).\n";
        let doc = crate::read_text(text, &ReadOptions::default());
        assert!(doc.layouts.iter().all(|l| l != "marked"));
    }

    /// Each item's ref and words, in order.
    fn refs_and_texts(doc: &heed_core::Document) -> Vec<(Option<&str>, &str)> {
        doc.items
            .iter()
            .map(|i| (i.r#ref.as_deref(), i.text.as_str()))
            .collect()
    }

    /// Paragraphs printed without blank lines between them: the recommendation, its marker,
    /// and the agency's comments after it in one block; the prose before the asking
    /// sentence is not part of it.
    #[test]
    fn one_marker_inside_a_block_of_run_together_paragraphs() {
        let text = "## Conclusions\n\nStates read the exemption differently. Without more\n\
guidance some may forgo funds.\nThe Secretary of Health should direct the agency to clarify\n\
its guidance on the use of the funds. (Recommendation 1)\nWe provided a draft of this report\n\
to the department for comment.\n";
        let doc = crate::read_text(text, &ReadOptions::default());
        let got = refs_and_texts(&doc);
        assert_eq!(
            got,
            vec![(
                Some("1"),
                "The Secretary of Health should direct the agency to clarify its guidance on the use of the funds."
            )]
        );
    }

    #[test]
    fn several_markers_in_one_block() {
        let text = "## Recommendations\n\nThe Secretary should do one thing. (Recommendation 1)\n\
The Secretary should do another thing. (Recommendation\n2) The Secretary should do a third\n\
thing. (Recommendation 3)\n";
        let doc = crate::read_text(text, &ReadOptions::default());
        let got = refs_and_texts(&doc);
        assert_eq!(
            got,
            vec![
                (Some("1"), "The Secretary should do one thing."),
                (Some("2"), "The Secretary should do another thing."),
                (Some("3"), "The Secretary should do a third thing."),
            ]
        );
    }

    #[test]
    fn a_bystanders_silence_is_no_answer_and_a_reply_without_a_position_is_kept() {
        let text = "## Recommendations for Executive Action\n\n\
The Commissioner of Customs should publish the plan. (Recommendation 1)\n\n\
The Commissioner of Customs should train the staff. (Recommendation 2)\n\n\
We provided a draft of this report to Customs and the Treasury for review and comment. \
Customs provided written comments, which are reproduced in appendix II. Treasury did not \
provide comments.\n\n\
Customs neither agreed nor disagreed with our recommendations. Customs told us that it \
will set out its plans in its statement of actions.\n";
        let doc = crate::read_text(text, &ReadOptions::default());
        assert_eq!(doc.items.len(), 2);
        for it in &doc.items {
            assert_eq!(it.position, None, "{it:?}");
            assert_eq!(it.responses.len(), 1, "{it:?}");
            assert!(it.responses[0].text.starts_with("Customs neither agreed"));
        }
    }

    #[test]
    fn marker_after_a_list() {
        let text = "## Recommendations for Executive Action\n\n\
We are making the following two recommendations:\n\n\
The Secretary should ensure that the plan includes:\n\n\
- goals for each year;\n- a schedule. (Recommendation 1)\n\n\
- The Secretary should publish the plan. (Recommendation 2)\n";
        let doc = crate::read_text(text, &ReadOptions::default());
        let got: Vec<&str> = doc.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "The Secretary should ensure that the plan includes: goals for each year; a schedule.",
                "The Secretary should publish the plan."
            ]
        );
    }

    #[test]
    fn marked_section_with_dropped_heading_and_split_marker() {
        let text = "# Report\n\n#### Recommendations for Executive Action\n\n\
Congress should consider amending the act.\n\n\
We are making the following three recommendations:\n\n\
The Secretary should do the first thing. (Recommendation\n1)\n\n\
The Secretary should do the second thing and\n\n#### Agency Comments\n\n\
carry on doing it. (Recommendation 2)\n\n\
The Secretary should do the third thing.\n\n(Recommendation 3)\n\n\
We provided a draft to the Department. The Department agreed with recommendations 1 and 3 and disagreed with recommendation 2.\n";
        let doc = crate::read_text(text, &ReadOptions::default());
        let got: Vec<(Option<&str>, &str, Option<Position>)> = doc
            .items
            .iter()
            .map(|i| (i.r#ref.as_deref(), i.text.as_str(), i.position))
            .collect();
        assert_eq!(
            got,
            vec![
                (None, "Congress should consider amending the act.", None),
                (
                    Some("1"),
                    "The Secretary should do the first thing.",
                    Some(Position::Accepted)
                ),
                (
                    Some("2"),
                    "The Secretary should do the second thing and carry on doing it.",
                    Some(Position::Rejected)
                ),
                (
                    Some("3"),
                    "The Secretary should do the third thing.",
                    Some(Position::Accepted)
                ),
            ]
        );
    }
}
