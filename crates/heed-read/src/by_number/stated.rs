//! A transmittal memo or summary that names a report's recommendations by number only: it
//! states the addressed body's position on all of them at once ("The agency concurred
//! with all five recommendations"), then how far each stands ("we closed recommendation
//! 2; we consider recommendations 1 and 4 resolved and open"). The count gives the
//! numbers (1 to N), each an item whose text is "" with that position; a later clause
//! naming some of them by number and saying closed or open gives their status.
//!
//! Read last, only when no reader found anything: a report that makes its recommendations
//! says the same of them in its summary, and its own words are the items there.

use super::{number_list, position_of};
use crate::Context;
use crate::blocks::BlockKind;
use heed_core::vocab::find_word;
use heed_core::{Document, Item, ItemKind, Status};

/// How far into a document a memo's first page runs, in lines.
const FIRST_PAGE_LINES: usize = 200;

/// A count written as a word or in figures, two to thirty.
fn count_word(w: &str) -> Option<u32> {
    crate::counts::number(w)
        .filter(|n| (2..=30).contains(n))
        .map(|n| n as u32)
}

/// "all six recommendations", "all 5 of the recommendations", "all of the report's four
/// recommendations": the count a sentence gives for every recommendation at once.
pub(super) fn all_count(sentence: &str) -> Option<u32> {
    let lower = sentence.to_lowercase();
    let at = find_word(&lower, "all")?;
    let words: Vec<&str> = lower[at + 3..]
        .split_whitespace()
        .take(6)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
        .collect();
    let mut n = None;
    for w in &words {
        if w.starts_with("recommendation") {
            return n;
        }
        if let Some(c) = count_word(w) {
            n = Some(c);
        } else if !matches!(
            *w,
            "of" | "the" | "its" | "our" | "report's" | "this" | "these"
        ) {
            return None;
        }
    }
    None
}

/// The status a clause states of the recommendations it lists: closed (not "not
/// closed"), or still open ("open", "unresolved", "remain open").
fn clause_status(clause: &str) -> Option<(Status, String)> {
    let l = clause.to_lowercase();
    if let Some(at) = find_word(&l, "closed")
        && !l[..at].trim_end().ends_with("not")
    {
        return Some((Status::Completed, "closed".into()));
    }
    ["open", "unresolved"]
        .iter()
        .find(|w| find_word(&l, w).is_some())
        .map(|w| (Status::InProgress, (*w).to_string()))
}

/// Where number lists start after "recommendation(s)": also where a converter ran the
/// word into the one before it at a line end ("we closedrecommendation 4").
fn glued_list_starts(sentence: &str) -> Vec<usize> {
    let lower = sentence.to_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = lower[from..].find("recommendation") {
        let mut at = from + p + "recommendation".len();
        if lower[at..].starts_with('s') {
            at += 1;
        }
        from = at;
        if lower[at..].starts_with(' ')
            && lower[at..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        {
            out.push(at);
        }
    }
    out
}

/// Reads the memo's recommendations by number, when nothing else was found.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    if !doc.items.is_empty() || !doc.judgements.is_empty() {
        return;
    }
    let mut items: Vec<Item> = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    for (i, b) in ctx.blocks.iter().enumerate() {
        if ctx.claimed[i] || b.kind == BlockKind::Row || !b.text.contains("ecommendation") {
            continue;
        }
        // A memo says it on its first page; a long report that tells deep in its text
        // that a state "had accepted all three recommendations made by" another speaks of
        // someone else's.
        if b.line > FIRST_PAGE_LINES {
            break;
        }
        for s in crate::fields::sentences(&b.text) {
            let (Some(n), Some((pos, words))) = (all_count(s), position_of(s)) else {
                continue;
            };
            if !items.is_empty() {
                continue;
            }
            for r in 1..=n {
                let mut it = Item::new(ItemKind::Recommendation, "", b.line);
                it.r#ref = Some(r.to_string());
                it.position = Some(pos);
                it.position_words = Some(words.clone());
                items.push(it);
            }
            used.push(i);
        }
    }
    if items.is_empty() {
        return;
    }
    // Statuses by number: each list's clause runs from the end of the list before it to
    // the next one.
    for (i, b) in ctx.blocks.iter().enumerate() {
        if ctx.claimed[i] || b.kind == BlockKind::Row || !b.text.contains("ecommendation") {
            continue;
        }
        for s in crate::fields::sentences(&b.text) {
            let starts = glued_list_starts(s);
            let mut clause_from = 0;
            for (k, &at) in starts.iter().enumerate() {
                let tail = s.get(at..).unwrap_or_default();
                let (refs, read) = number_list(tail);
                if refs.is_empty() {
                    continue;
                }
                // The clause before the list, less the cue word ("we closedrecommendation").
                let cue = s[..at].trim_end_matches(['s', 'S']).len() - "recommendation".len();
                let before = s.get(clause_from.min(cue)..cue).unwrap_or_default();
                let next = starts.get(k + 1).copied().unwrap_or(s.len());
                let after = s.get(at + read..next.max(at + read)).unwrap_or_default();
                let after = after
                    .get(
                        ..after
                            .to_lowercase()
                            .find("recommendation")
                            .unwrap_or(after.len()),
                    )
                    .unwrap_or(after);
                clause_from = at + read;
                // The words after the list speak of it ("1 and 5 unresolved"); else the
                // verb before it ("we closed recommendation 4").
                let Some((st, w)) = clause_status(after).or_else(|| clause_status(before)) else {
                    continue;
                };
                for it in items.iter_mut() {
                    if it.status.is_none() && it.r#ref.as_ref().is_some_and(|r| refs.contains(r)) {
                        it.status = Some(st);
                        it.status_words = Some(w.clone());
                        if !used.contains(&i) {
                            used.push(i);
                        }
                    }
                }
            }
        }
    }
    for i in used {
        ctx.claim(i, i + 1);
    }
    doc.items.extend(items);
    doc.layouts.push("response-by-number".to_string());
}
