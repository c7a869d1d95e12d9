//! Footnotes: the block of notes at the foot of a page, set smaller than the page's body
//! text and opened by a note's mark ("1", "*", "†"), is told apart from the body, so
//! that the line model keeps it out of the text as page furniture, and a paragraph that
//! a page break cut reads on over it.

use super::layout::{PLine, body_size};

/// Marks the page's footnote rows: from the foot of the page up, the rows set clearly
/// smaller than the body (and the short body-size lines among them, a footer, a page
/// number, which are left as they are), from the first that opens with a note's mark.
/// A page with no body text above them has no footnotes.
pub(super) fn mark_notes(rows: &mut [PLine]) {
    let Some(body) = body_size(rows) else { return };
    let small = |r: &PLine| r.size <= 0.85 * body;
    let mut start = None;
    for (k, r) in rows.iter().enumerate().rev() {
        if r.cells.is_empty() {
            continue;
        }
        if r.fixed {
            break;
        }
        if small(r) {
            // A mark set raised on a row of its own opens the note below it.
            let next_small = rows[k + 1..]
                .iter()
                .find(|n| !n.cells.is_empty())
                .is_some_and(|n| small(n) && !n.fixed);
            if opens_note(r) || (is_lone_mark(r) && next_small) {
                start = Some(k);
            }
            continue;
        }
        let words: usize = r
            .cells
            .iter()
            .map(|(_, t)| t.split_whitespace().count())
            .sum();
        if words > 8 {
            break;
        }
    }
    let Some(start) = start else { return };
    if !rows[..start]
        .iter()
        .any(|r| !r.cells.is_empty() && !small(r))
    {
        return;
    }
    for r in rows[start..].iter_mut().filter(|r| small(r)) {
        r.note = true;
    }
}

/// A row that is only a note's number ("19"), as a superscript mark set above its note's
/// first line is laid out.
fn is_lone_mark(r: &PLine) -> bool {
    let [(_, t)] = r.cells.as_slice() else {
        return false;
    };
    let t = t.trim();
    (1..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// A note's mark opens the row: a number of one to three digits, or a reference
/// symbol.
fn opens_note(r: &PLine) -> bool {
    let Some((_, t)) = r.cells.first() else {
        return false;
    };
    let t = t.trim_start();
    if t.starts_with(['*', '†', '‡', '§']) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && t[digits..]
            .chars()
            .next()
            .is_some_and(|c| c == ' ' || c.is_alphabetic())
}
