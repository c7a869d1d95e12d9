//! A unit's body: labelled fields ("Target date:", "RAG:", "Response:", read with the
//! vocabulary of `labels.rs`), response and status blocks, positions standing alone, and
//! the attributions a UN recommendation ends with.

use super::*;
use crate::labels::{role_of_label, split_fields};
use crate::tables::Role;

/// Puts one labelled value of a unit where its label says: the deadline (read against the
/// document's date), a stated RAG, the status, the owner, or a response at `line`.
pub(crate) fn apply_body_field(
    item: &mut Item,
    role: Role,
    value: &str,
    line: usize,
    date: Option<heed_core::date::Day>,
) {
    match role {
        Role::Due => {
            // The value is the date itself ("June 2024"), or a phrase ("by the end of
            // 2024/25").
            let d = heed_core::date::parse_date_phrase(value, date)
                .or_else(|| crate::fields::deadline_in(value, date));
            if let Some(d) = d {
                item.deadline = Some(d);
            }
        }
        Role::Rag => {
            if let Some(r) = heed_core::Rag::from_words(value) {
                item.rag = Some(r);
                item.rag_reason = Some(format!("stated: {value:?}"));
            }
        }
        Role::Status => read_status(item, value),
        Role::Owner if !value.is_empty() => item.owner = Some(value.to_string()),
        Role::Owner => {}
        _ => push_response(item, value, line),
    }
}

/// A stated status ("complete.", "Partially implemented"): the status its words open with,
/// or the words alone when they name none Heed knows.
fn read_status(item: &mut Item, words: &str) {
    let words = words.trim().trim_end_matches('.');
    if let Some((s, w)) = Status::from_leading_words(words) {
        item.status = Some(s);
        item.status_words = Some(w.to_string());
    } else if !words.is_empty() && item.status_words.is_none() {
        item.status_words = Some(words.to_string());
    }
}

/// Reads one body block into the item: its labelled fields where their labels say, and
/// the words before the first label as a status, position or response.
pub(crate) fn read_body_block(item: &mut Item, b: &Block, date: Option<heed_core::date::Day>) {
    let (lead, fields) = split_fields(b.text.trim());
    for (role, value) in &fields {
        apply_body_field(item, *role, value, b.line, date);
    }
    if !lead.is_empty() {
        read_body_text(item, lead, b.line);
    }
}

pub(crate) fn read_body_text(item: &mut Item, t: &str, line: usize) {
    let t = t
        .strip_prefix(['•', '-', '*'])
        .map(str::trim_start)
        .unwrap_or(t);
    // Numbered progress paragraphs lose their number.
    let t = enumerator(t).map(|e| e.rest).unwrap_or(t);
    // "Status: complete." inside a paragraph, after words that do not end a sentence.
    if let Some(at) = t.find("Status:") {
        read_status(item, &t[at + 7..]);
        let before = t[..at].trim();
        if !before.is_empty() {
            push_response(item, before, line);
        }
        return;
    }
    if let Some((head, value)) = t.split_once(':') {
        let h = head.trim().to_lowercase();
        let value = value.trim();
        if role_of_label(&h) == Some(Role::Owner) {
            item.owner = Some(value.to_string());
            return;
        }
        // "Source of Position: A/HRC/43/15 - Para 121 Supported": a position, not a reply.
        if h.contains("position") && h.split_whitespace().nth(4).is_none() {
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
    if s.chars().nth(n).is_none() {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n).collect();
        c.push('…');
        c
    }
}

/// A flattened response table's row: the recommendation, the report paragraph it cites,
/// then the answer on the same line ("... taken forward. (Para 27) Accepted. Industry is
/// being consulted ..."). The words up to the citation are the item's; the rest is its
/// response, and its position when it opens with one. Only an answer that states a
/// position in its first words is split off: words after a citation that open no answer
/// may be the next conclusion run on.
pub(crate) fn split_cited_answer(text: &str) -> Option<(&str, &str, heed_core::Position, String)> {
    let mut from = 0;
    while let Some(p) = text[from..]
        .find("(Para")
        .or_else(|| text[from..].find("(para"))
    {
        let open = from + p;
        from = open + 5;
        let Some(close) = text[open..].find(')').filter(|c| *c < 40).map(|c| open + c) else {
            continue;
        };
        // Only after the recommendation's sentence has ended.
        if !text[..open].trim_end().ends_with(['.', '!', '?']) {
            continue;
        }
        let own = &text[..=close];
        cited_paragraph(own)?;
        let reply = text[close + 1..].trim();
        let head: String = reply
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        let (pos, words) = heed_core::Position::from_words(&head)?;
        if !head.to_lowercase().starts_with(&words.to_lowercase()) {
            return None;
        }
        return Some((own, reply, pos, words));
    }
    None
}
