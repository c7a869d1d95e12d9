//! A unit's body: labelled fields ("Target date:", "RAG:", "Response:"), response and
//! status blocks, positions standing alone, and the attributions a UN recommendation ends
//! with.

use super::*;

/// Reads one body block into the item: a labelled status, owner or due date, or a response.
/// What a field label under an item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyField {
    Due,
    Rag,
    Reply,
}

/// The field a label names ("Target date", "RAG status", "Response"), if Heed reads it.
pub(crate) fn field_of_label(label: &str) -> Option<BodyField> {
    let l = label.trim().to_lowercase();
    Some(match l.as_str() {
        "target date"
        | "deadline"
        | "due"
        | "due date"
        | "due by"
        | "timescale"
        | "timescales"
        | "completion date"
        | "target completion date"
        | "date due" => BodyField::Due,
        "rag" | "rag status" | "rag rating" | "rating" => BodyField::Rag,
        "response"
        | "update"
        | "progress"
        | "progress update"
        | "comment"
        | "comments"
        | "management response"
        | "force response"
        | "latest update" => BodyField::Reply,
        _ => return None,
    })
}

/// Splits "Response: Accepted. ... Target date: June 2024 RAG: Green" at each label Heed
/// reads (capitalised, then a colon), into the text before the first and each labelled
/// value in order.
pub(crate) fn labelled_fields(t: &str) -> (&str, Vec<(BodyField, &str)>) {
    let mut marks: Vec<(usize, usize, BodyField)> = Vec::new(); // label start, value start
    for (at, _) in t.match_indices(':') {
        let before = &t[..at];
        // The label: the last one to three words before the colon.
        let words: Vec<(usize, &str)> = before
            .split_whitespace()
            .rev()
            .take(3)
            .map(|w| (before.rfind(w).unwrap_or(0), w))
            .collect();
        for n in (1..=words.len()).rev() {
            let start = words[n - 1].0;
            let label = &before[start..];
            if label.starts_with(char::is_uppercase)
                && let Some(f) = field_of_label(label)
            {
                marks.push((start, at + 1, f));
                break;
            }
        }
    }
    let lead = marks.first().map_or(t, |m| &t[..m.0]);
    let fields = marks
        .iter()
        .enumerate()
        .map(|(k, &(_, from, f))| {
            let to = marks.get(k + 1).map_or(t.len(), |n| n.0);
            (f, t[from..to].trim())
        })
        .collect();
    (lead.trim(), fields)
}

pub(crate) fn read_body_block(item: &mut Item, b: &Block, date: Option<heed_core::date::Day>) {
    let t = b.text.trim();
    // Labelled fields Heed reads: the value goes where the label says, and the rest of
    // the block is read as before.
    let (lead, fields) = labelled_fields(t);
    if !fields.is_empty() {
        for (f, value) in fields {
            match f {
                BodyField::Due => {
                    // The value is the date itself ("June 2024"), or a phrase ("by the
                    // end of 2024/25").
                    let d = heed_core::date::parse_date_phrase(value, date)
                        .or_else(|| crate::fields::deadline_in(value, date));
                    if let Some(d) = d {
                        item.deadline = Some(d);
                    }
                }
                BodyField::Rag => {
                    if let Some(r) = heed_core::Rag::from_words(value) {
                        item.rag = Some(r);
                        item.rag_reason = Some(format!("stated: {value:?}"));
                    }
                }
                BodyField::Reply => push_response(item, value, b.line),
            }
        }
        if !lead.is_empty() {
            read_body_text(item, lead, b.line);
        }
        return;
    }
    read_body_text(item, t, b.line);
}

pub(crate) fn read_body_text(item: &mut Item, t: &str, line: usize) {
    let t = t
        .strip_prefix(['•', '-', '*'])
        .map(str::trim_start)
        .unwrap_or(t);
    // Numbered progress paragraphs lose their number.
    let t = enumerator(t).map(|e| e.rest).unwrap_or(t);
    // "Status: complete." on a line of its own, or at the end of a paragraph.
    if let Some(at) = t.find("Status:") {
        let words = t[at + 7..].trim().trim_end_matches('.');
        if let Some((s, w)) = Status::from_leading_words(words) {
            item.status = Some(s);
            item.status_words = Some(w.to_string());
        } else if !words.is_empty() && item.status_words.is_none() {
            item.status_words = Some(words.to_string());
        }
        let before = t[..at].trim();
        if !before.is_empty() {
            push_response(item, before, line);
        }
        return;
    }
    if let Some((head, value)) = t.split_once(':') {
        let h = head.trim().to_lowercase();
        let value = value.trim();
        if ["owner", "lead", "lead officer", "responsible officer"].contains(&h.as_str()) {
            item.owner = Some(value.to_string());
            return;
        }
        // "Source of Position: A/HRC/43/15 - Para 121 Supported": a position, not a reply.
        if h.contains("position") && h.split_whitespace().count() <= 4 {
            if let Some((p, w)) = heed_core::Position::from_words(value) {
                item.position = Some(p);
                item.position_words = Some(w);
            }
            return;
        }
    }
    if let Some((p, w)) = crate::fields::lone_position(t) {
        item.position = Some(p);
        item.position_words = Some(w);
        return;
    }
    if let Some((st, w)) = crate::fields::lone_status(t) {
        item.status = Some(st);
        item.status_words = Some(w);
        return;
    }
    push_response(item, t, line);
}

/// The text without the trailing attributions naming who made it ("(France) (Lithuania);"),
/// when it has any; otherwise as printed.
pub(crate) fn without_attributions(text: &str) -> String {
    let mut t = text.trim().to_string();
    let mut changed = false;
    loop {
        let s = crate::listed::strip_attribution(&t);
        if s.len() + 2 >= t.len() || !t.trim_end_matches([';', '.', ',']).ends_with(')') {
            break;
        }
        changed = true;
        t = s;
    }
    if changed { t } else { text.trim().to_string() }
}

/// A status printed after the attribution that closes an entry, as a flattened status
/// table runs its columns together ("Ratify ... (Italy); Fully implemented § 5"): the
/// entry's words up to the attribution, the status, and its words.
pub(crate) fn trailing_status(text: &str) -> Option<(String, Status, String)> {
    let close = text.rfind(") ").max(text.rfind(");"))?;
    let tail = text[close + 1..].trim_start_matches([';', ',', ' ']);
    let words = tail.split_whitespace().count();
    if tail.is_empty() || words > 8 {
        return None;
    }
    let (status, _) = Status::from_leading_words(tail)?;
    let head = text[..=close].trim().to_string();
    // The words before must be an attribution: a bracket that names who made it.
    let open = head.rfind('(')?;
    let inner = &head[open + 1..head.len() - 1];
    if inner.is_empty() || !inner.starts_with(char::is_uppercase) || inner.len() > 120 {
        return None;
    }
    Some((head, status, tail.trim().to_string()))
}

pub(crate) fn push_response(item: &mut Item, text: &str, line: usize) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    item.responses.push(Response {
        text: text.to_string(),
        line,
    });
}

pub(crate) fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n).collect();
        c.push('…');
        c
    }
}
