//! Numbered recommendations under their own headings ("Recommendation 6: ...",
//! "Rec. 3 –", "R3.") followed by their text, a key points / actions / results table,
//! or a narrative update.

use crate::Context;
use crate::blocks::{Block, BlockKind};
use crate::fields::clean_ref;
use crate::labels::{FIELD_LABELS, apply_field, entry_fields, is_short_label, labelled_fields};
use crate::tables::{Role, action_row, header_roles};
use heed_core::{Document, Item, ItemKind, Response};

mod titled;

/// A recommendation heading: its ref and the text that follows the number on the same line.
pub fn rec_heading(text: &str) -> Option<(String, String)> {
    numbered_heading(text)
        .filter(|h| h.0 == ItemKind::Recommendation)
        .map(|h| (h.1, h.2))
}

/// A numbered item heading: "Recommendation 6:", "Rec. 3 –", "R3.", "Area for
/// improvement 2:", "AFI 2 -". Returns the kind, the ref and the text after the number.
pub fn numbered_heading(text: &str) -> Option<(ItemKind, String, String)> {
    let t = without_issuer(text.trim());
    // Every form opens with an R or an A: most blocks are passed over here.
    if !t.starts_with(['R', 'r', 'A', 'a']) {
        return None;
    }
    let head: String = t.chars().take(40).collect::<String>().to_lowercase();
    let (kind, after) = [
        ("recommendation", ItemKind::Recommendation),
        ("rec.", ItemKind::Recommendation),
        ("rec", ItemKind::Recommendation),
        ("area for improvement", ItemKind::AreaForImprovement),
        (
            "action for further improvement",
            ItemKind::AreaForImprovement,
        ),
        ("afi", ItemKind::AreaForImprovement),
    ]
    .iter()
    .find_map(|(p, k)| {
        head.strip_prefix(p)
            .and_then(|_| t.get(p.len()..))
            .map(|a| (*k, a))
    })
    .or_else(|| {
        // "R3." / "R3:" with the number right after the R.
        let mut ch = t.chars();
        (ch.next() == Some('R') && ch.next().is_some_and(|c| c.is_ascii_digit()))
            .then(|| (ItemKind::Recommendation, &t[1..]))
    })?;
    let mut after_trim = after.trim_start();
    // "Action for Further Improvement (AFI) 7": the label's abbreviation before the number.
    if let Some(inner) = after_trim.strip_prefix('(')
        && let Some(close) = inner.find(')')
        && close <= 8
        && inner[..close].chars().all(|c| c.is_ascii_uppercase())
    {
        after_trim = inner[close + 1..].trim_start();
    }
    // "Rec. No.: 1", "Recommendation #09-1", "Recommendation Number 4".
    let lower_after = after_trim.to_lowercase();
    if let Some(n) = ["number", "no.", "no", "nr.", "#"].iter().find(|w| {
        lower_after.starts_with(**w)
            && lower_after[w.len()..]
                .trim_start_matches([':', ' '])
                .starts_with(|c: char| c.is_ascii_digit())
    }) {
        after_trim = after_trim[n.len()..].trim_start_matches([':', ' ']);
    }
    // The number, with its parts joined by dots or hyphens ("4.2", "09-1").
    let mut num = String::new();
    let mut chars = after_trim.chars().peekable();
    while let Some(c) = chars.next() {
        let joins = c == '-' && num.ends_with(|d: char| d.is_ascii_digit());
        if c.is_ascii_digit()
            || c == '.'
            || (joins && chars.peek().is_some_and(char::is_ascii_digit))
        {
            num.push(c);
        } else {
            break;
        }
    }
    let num_t = num.trim_end_matches('.');
    if num_t.is_empty() || !num_t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = &after_trim[num.len()..];
    // A note in brackets after the number ("Recommendation 3 (Accepted)") is the
    // body's position or the item's status, read by `heading_note`; the text follows it.
    let rest = match heading_note(rest) {
        Some(note) => &rest.trim_start()[note.len() + 2..],
        None => rest,
    };
    let rest_t = rest.trim_start();
    // The number must be followed by a separator or the end of the line, not by more words
    // of a sentence ("Recommendation 6 requires the MPS ...").
    let sep =
        rest_t.starts_with([':', '–', '—', '-', ')']) || num.ends_with('.') || rest_t.is_empty();
    if !sep {
        return None;
    }
    let body = rest_t
        .trim_start_matches([':', '–', '—', '-', ')', ' '])
        .trim();
    Some((kind, clean_ref(num_t)?, body.to_string()))
}

/// A recommendation quoted from the report it answers, and where the report said it:
/// "“We welcome ... communities.” (Paragraphs 21 and 30 of the report)." gives the words
/// inside the quotation marks. Text that is not wholly such a quotation is kept whole.
fn quoted_words(text: &str) -> &str {
    let t = text.trim();
    let Some(inner) = t.strip_prefix(['“', '"']) else {
        return text;
    };
    let Some(close) = inner.rfind(['”', '"']) else {
        return text;
    };
    let after = inner[close..]
        .trim_start_matches(['”', '"'])
        .trim()
        .trim_end_matches('.');
    let cited = after.is_empty()
        || after
            .strip_prefix('(')
            .is_some_and(|c| c.ends_with(')') && c.to_lowercase().starts_with("para"));
    let words = inner[..close].trim();
    if cited && !words.is_empty() && !words.contains(['“', '”', '"']) {
        words
    } else {
        text
    }
}

/// A heading's text without the issuer's initials before its label ("TAS RECOMMENDATION
/// #09-1", "OIG Recommendation 3"): one or two words of capitals only, or a classification
/// marking in brackets ("(U) Rec. 1:").
fn without_issuer(t: &str) -> &str {
    let mut rest = t;
    for _ in 0..2 {
        let Some((word, after)) = rest.split_once(' ') else {
            break;
        };
        // "(U) Rec. 1:", "(CUI) Recommendation 2": a classification marking counts too.
        let marking = word
            .strip_prefix('(')
            .and_then(|w| w.strip_suffix(')'))
            .is_some_and(|w| {
                (1..=12).contains(&w.len())
                    && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'/')
            });
        let initials = marking
            || ((2..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase()));
        if !initials {
            break;
        }
        let after = after.trim_start();
        let lower: String = after.chars().take(14).collect::<String>().to_lowercase();
        if lower.starts_with("recommendation") || lower.starts_with("rec.") {
            return after;
        }
        rest = after;
    }
    t
}

/// The words in brackets right after a heading's number ("(Accepted)", "(Partially
/// accepted)", "(Complete)"), when short enough to be a note rather than text.
fn heading_note(after_number: &str) -> Option<&str> {
    let t = after_number.trim_start().strip_prefix('(')?;
    let close = t.find(')')?;
    let note = &t[..close];
    (!note.is_empty() && note.split_whitespace().nth(4).is_none() && !note.contains('('))
        .then_some(note)
}

/// The note in brackets after the number of a numbered heading, if any.
fn note_of_heading(text: &str) -> Option<&str> {
    let t = text.trim();
    let digit = t.find(|c: char| c.is_ascii_digit())?;
    let after = t[digit..].trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    heading_note(after)
}

/// Reads every recommendation heading and what follows it, up to the next one.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    let heads: Vec<(usize, ItemKind, String, String)> = blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| !ctx.claimed[*i] && b.kind != BlockKind::Row)
        // A contents page's entry names a recommendation that follows.
        .filter(|(_, b)| !titled::is_contents_entry(&b.text))
        .filter_map(|(i, b)| numbered_heading(&b.text).map(|(k, r, t)| (i, k, r, t)))
        .collect();
    if heads.is_empty() {
        return;
    }
    let mut progress_table = false;
    for (k, (start, kind, r, body)) in heads.iter().enumerate() {
        let mut end = heads.get(k + 1).map_or(blocks.len(), |h| h.0);
        // A heading ends the recommendation: of the same or a higher level when the
        // recommendation is itself a heading, any Markdown heading otherwise, except the
        // labels of its own parts ("Response", "Update", "Progress").
        let own_level = match blocks[*start].kind {
            BlockKind::Heading(level) if level < 7 => level,
            _ => 6,
        };
        // So does a division's heading printed as a paragraph ("Chapter 3: Audit Report
        // No. 14 ..." in a list grouped by the report each chapter reviewed).
        if let Some(stop) = (start + 1..end).find(|&j| {
            (matches!(blocks[j].kind, BlockKind::Heading(l) if l <= own_level)
                && !is_part_label(&blocks[j].text))
                || (blocks[j].kind == BlockKind::Paragraph
                    && crate::blocks::opens_division(&blocks[j].text))
        }) {
            end = stop;
        }
        let mut item = Item::new(*kind, quoted_words(body).to_string(), blocks[*start].line);
        item.r#ref = Some(r.clone());
        if let Some(note) = note_of_heading(&blocks[*start].text) {
            if let Some((p, w)) = heed_core::Position::from_words(note) {
                item.position = Some(p);
                item.position_words = Some(w);
            }
            if let Some((st, w)) = crate::fields::status_of_text(note) {
                item.status = Some(st);
                item.status_words = w.or_else(|| Some(note.to_string()));
            }
        }
        // "Recommendation 3: A better approach to risk assessment" over the paragraphs
        // that ask: those are its words, the title only names them.
        let mut first = start + 1;
        if titled::is_title_only(body)
            && let Some((words, next)) = titled::words_under_title(ctx, start + 1, end)
        {
            item.text = words;
            first = next;
        }
        let mut roles: Option<Vec<Option<Role>>> = None;
        let mut narrative: Vec<&Block> = Vec::new();
        // The line of the block the recommendation's words came from.
        let mut text_line = item.line;
        for (j, b) in blocks.iter().enumerate().take(end).skip(first) {
            if ctx.claimed[j] {
                continue;
            }
            match b.kind {
                BlockKind::Row => {
                    if let Some(h) = header_roles(&b.cells) {
                        roles = Some(h);
                        progress_table = true;
                        continue;
                    }
                    let rl = roles
                        .clone()
                        .unwrap_or_else(|| default_roles(b.cells.len()));
                    if item.text.is_empty() && narrative.is_empty() && item.actions.is_empty() {
                        text_line = b.line;
                        item.text = b
                            .cells
                            .iter()
                            .filter(|c| !c.is_empty())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" ");
                        continue;
                    }
                    let a = action_row(&b.cells, &rl, b.line, item.actions.last());
                    item.actions.push(a);
                }
                _ => {
                    // The report's own paragraph number under the heading ("2.33").
                    if item.text.is_empty() && narrative.is_empty() && is_paragraph_number(&b.text)
                    {
                        continue;
                    }
                    // A tracker's record before the words ("Rec 1" / "Accepted" / "Work in
                    // Progress" / "a) We recommend ..."): a position and a status.
                    let t = b.text.trim();
                    if item.text.is_empty()
                        && narrative.is_empty()
                        && t.split_whitespace().nth(3).is_none()
                    {
                        if let Some((p, w)) = crate::fields::lone_position(t)
                            && item.position.is_none()
                        {
                            item.position = Some(p);
                            item.position_words = Some(w);
                            continue;
                        }
                        if let Some((st, w)) = crate::fields::lone_status(t) {
                            item.status = Some(st);
                            item.status_words = Some(w);
                            continue;
                        }
                    }
                    // A record ("Rec. No.: 1" / "Corrective Action: ..."): the heading
                    // is all of the recommendation there is; its fields follow.
                    if item.text.is_empty()
                        && narrative.is_empty()
                        && labelled_fields(&b.text).is_none()
                    {
                        text_line = b.line;
                        // "3.12 The Committee recommends ...": the paragraph number too.
                        item.text = match b.text.split_once(' ') {
                            Some((n, rest))
                                if is_paragraph_number(n)
                                    && n.contains('.')
                                    && rest.starts_with(char::is_uppercase) =>
                            {
                                rest.trim().to_string()
                            }
                            // "a) We recommend ...": the report's own letter for it.
                            Some((n, rest))
                                if n.len() == 2
                                    && n.ends_with(')')
                                    && n.starts_with(|c: char| c.is_ascii_lowercase())
                                    && rest.starts_with(char::is_uppercase) =>
                            {
                                rest.trim().to_string()
                            }
                            _ => b.text.to_string(),
                        };
                    } else if narrative.is_empty()
                        && opens_list(&item.text)
                        && labelled_fields(&b.text).is_none()
                        && part_label(&b.text).is_none()
                    {
                        // "The Committee recommends:" / "That ...; and" / "That ...": the
                        // parts of its list are its words.
                        item.text.push(' ');
                        item.text.push_str(b.text.trim());
                    } else {
                        narrative.push(b);
                    }
                }
            }
        }
        let mut prose: Vec<String> = Vec::new();
        // Fields printed after the words on their line ("Train staff. Target date: March
        // 2006"): the words are the recommendation, the fields are read as under it.
        if let Some((words, fields)) = entry_fields(&item.text) {
            let words = words.to_string();
            for (label, value) in fields {
                apply_field(&mut item, label, value, &mut prose);
            }
            item.text = words;
        }
        let reply_line = (!prose.is_empty()).then_some(text_line);
        let mut reviewer_speaks = false;
        for b in &narrative {
            if let Some((who, rest)) = part_label(&b.text) {
                reviewer_speaks = who == Speaker::Reviewer;
                if rest.is_empty() {
                    continue;
                }
            }
            if reviewer_speaks {
                // The reviewer's reply to the answer ("Our Response"): not the body's words.
                continue;
            }
            let text = part_label(&b.text).map_or(b.text.as_str(), |(_, rest)| rest);
            match labelled_fields(text) {
                Some(fields) => {
                    for (label, value) in fields {
                        apply_field(&mut item, label, value, &mut prose);
                    }
                }
                None if is_unread_field(text) => {}
                // "The plan was agreed. Status: Completed": the words, then the fields.
                None => match entry_fields(text) {
                    Some((words, fields)) => {
                        prose.push(strip_label(words));
                        for (label, value) in fields {
                            apply_field(&mut item, label, value, &mut prose);
                        }
                    }
                    None => prose.push(strip_label(text)),
                },
            }
        }
        if let Some(line) = reply_line.or(narrative.first().map(|b| b.line)) {
            let text = prose
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if !text.is_empty() {
                item.responses.push(Response { text, line });
            }
        }
        ctx.claim(*start, end);
        if item.text.is_empty() {
            doc.diagnostics.push(heed_core::Diagnostic::warning(
                item.line,
                if item.responses.is_empty() {
                    format!(
                        "{} {r} has a heading but no text could be read after it",
                        item.kind.as_str().replace('_', " ")
                    )
                } else {
                    format!(
                        "{} {r}: only its answer's fields follow its number; its own words are not in this document",
                        item.kind.as_str().replace('_', " ")
                    )
                },
            ));
        }
        doc.items.push(item);
    }
    doc.layouts.push(
        if progress_table {
            "progress-table"
        } else {
            "narrative"
        }
        .to_string(),
    );
}

/// A paragraph number standing alone: "2.33", "4.".
fn is_paragraph_number(t: &str) -> bool {
    let t = t.trim();
    (1..=8).contains(&t.len())
        && t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Whether the recommendation's words so far stop where a list of its parts goes on: a
/// colon ("recommends:", "including:"), or a part closed by a semicolon or "; and".
fn opens_list(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with([':', ';'])
        || ["; and", "; or", ", and", "; and/or"]
            .iter()
            .any(|e| t.ends_with(e))
}

/// A field of a record Heed does not read ("Monetary Benefits: $0", "Resolved: Yes"): a
/// short capitalised label and a value of a few words.
fn is_unread_field(text: &str) -> bool {
    text.split_once(':').is_some_and(|(head, value)| {
        is_short_label(head, 5)
            && value.split_whitespace().nth(6).is_none()
            && !value.trim().is_empty()
    })
}

fn default_roles(n: usize) -> Vec<Option<Role>> {
    match n {
        0..=2 => vec![Some(Role::Action), Some(Role::Result)],
        _ => vec![Some(Role::KeyPoint), Some(Role::Action), Some(Role::Result)],
    }
}

/// Who speaks in the part of a recommendation that a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Speaker {
    /// The addressed body: "Management Comments", "Agency Response", "Council response".
    Body,
    /// The reviewer answering the body: "Our Response", "OIG Response", "Evaluation of
    /// Management Comments", "Auditor's comment".
    Reviewer,
}

/// Openings of the reviewer's own reply to an answer.
const REVIEWER_LABELS: &[&str] = &[
    "our response",
    "our comment",
    "our evaluation",
    "evaluation of",
    "oig response",
    "oig comment",
    "gao response",
    "gao comment",
    "auditor's comment",
    "auditor comment",
    "auditors' comment",
    "inspector's comment",
    "inspectorate's comment",
    "reviewer's comment",
];

/// A label opening the body's answer or the reviewer's reply, alone ("Management
/// Comments") or before the words it labels ("Our Response: The recommendation is
/// resolved"). Returns who speaks and the words after the label.
fn part_label(text: &str) -> Option<(Speaker, &str)> {
    let t = text.trim();
    let lower = t.to_lowercase();
    if REVIEWER_LABELS.iter().any(|l| lower.starts_with(l)) {
        // The label runs to a colon or, alone on its line, to the end.
        return match t.find(':') {
            Some(c) if c < 60 => Some((Speaker::Reviewer, t[c + 1..].trim())),
            _ if t.split_whitespace().nth(6).is_none() && !t.ends_with('.') => {
                Some((Speaker::Reviewer, ""))
            }
            _ => None,
        };
    }
    let head = t.split(':').next().unwrap_or("").trim();
    let head_lower = head.to_lowercase();
    let alone = !t.contains(':');
    let words = head.split_whitespace().count();
    // "Agency Response", or what it answers named after it ("IRS Response to
    // Recommendation", "Management's comments on the finding").
    let names_answer = ((1..=4).contains(&words)
        && ["comments", "comment", "response", "responses"]
            .iter()
            .any(|w| head_lower.ends_with(w)))
        || ((3..=6).contains(&words)
            && ["response to ", "comments on ", "comment on "]
                .iter()
                .any(|w| head_lower.contains(w)));
    let answer_label = names_answer && (alone || head.len() < t.len());
    if !answer_label || (alone && t.ends_with('.')) {
        return None;
    }
    // "Response" alone is a field label, read by `labelled_fields`.
    if words == 1 {
        return None;
    }
    let rest = if alone {
        ""
    } else {
        t[head.len()..].trim_start_matches([' ', ':']).trim()
    };
    Some((Speaker::Body, rest))
}

/// A heading that names a part of a recommendation rather than a new section.
fn is_part_label(text: &str) -> bool {
    if part_label(text).is_some() {
        return true;
    }
    let l = text.trim().trim_end_matches(':').to_lowercase();
    FIELD_LABELS
        .iter()
        .any(|(label, _)| l == *label || l.starts_with(&format!("{label} ")))
        || l.starts_with("action")
        || l.starts_with("key points")
}

/// Removes a "Response:" / "Update:" / "Progress:" label from the start of a narrative.
fn strip_label(t: &str) -> String {
    let lower = t.to_lowercase();
    for label in [
        "response:",
        "update:",
        "progress:",
        "progress update:",
        "comment:",
        "comments:",
    ] {
        if lower.starts_with(label) {
            return t[label.len()..].trim().to_string();
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(
            rec_heading("Recommendation 1:"),
            Some(("1".into(), "".into()))
        );
        assert_eq!(
            rec_heading("Recommendation 2: A victim focus desk."),
            Some(("2".into(), "A victim focus desk.".into()))
        );
        assert_eq!(
            rec_heading("Recommendation 3 – Improve"),
            Some(("3".into(), "Improve".into()))
        );
        assert_eq!(rec_heading("R3. Do it"), Some(("3".into(), "Do it".into())));
        assert_eq!(
            rec_heading("Recommendation 6 requires the MPS to define"),
            None
        );
        assert_eq!(rec_heading("Recommendations for Executive Action"), None);
        assert_eq!(
            rec_heading("Recommendation 3 (Partially accepted)"),
            Some(("3".into(), "".into()))
        );
        assert_eq!(
            rec_heading("Recommendation 4 (Accepted): That the Council acts"),
            Some(("4".into(), "That the Council acts".into()))
        );
        assert_eq!(
            note_of_heading("Recommendation 4 (Accepted)"),
            Some("Accepted")
        );
        assert_eq!(
            rec_heading("Recommendation 5 (see paragraph 4.2 of the report which says more)"),
            None
        );
        assert_eq!(
            rec_heading("Rec. 12.3: text"),
            Some(("12.3".into(), "text".into()))
        );
    }
}
