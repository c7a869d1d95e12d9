//! Numbered recommendations under their own headings ("Recommendation 6: ...",
//! "Rec. 3 –", "R3.") followed by their text, a key points / actions / results table,
//! or a narrative update.

use crate::Context;
use crate::blocks::{Block, BlockKind};
use crate::fields::clean_ref;
use crate::tables::{Role, action_row, header_roles};
use heed_core::{Document, Item, ItemKind, Response};

/// A recommendation heading: its ref and the text that follows the number on the same line.
pub fn rec_heading(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let after = ["recommendation", "rec.", "rec"]
        .iter()
        .find_map(|p| lower.strip_prefix(p).map(|_| &t[p.len()..]))
        .or_else(|| {
            // "R3." / "R3:" with the number right after the R.
            let mut ch = t.chars();
            (ch.next() == Some('R') && ch.next().is_some_and(|c| c.is_ascii_digit()))
                .then(|| &t[1..])
        })?;
    let after_trim = after.trim_start();
    let num: String = after_trim
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let num_t = num.trim_end_matches('.');
    if num_t.is_empty() || !num_t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = &after_trim[num.len()..];
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
    Some((clean_ref(num_t)?, body.to_string()))
}

/// Reads every recommendation heading and what follows it, up to the next one.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    let heads: Vec<(usize, String, String)> = blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| !ctx.claimed[*i] && b.kind != BlockKind::Row)
        .filter_map(|(i, b)| rec_heading(&b.text).map(|(r, t)| (i, r, t)))
        .collect();
    if heads.is_empty() {
        return;
    }
    let mut progress_table = false;
    for (k, (start, r, body)) in heads.iter().enumerate() {
        let mut end = heads.get(k + 1).map_or(blocks.len(), |h| h.0);
        // A markdown heading of the same or a higher level ends the recommendation.
        if let BlockKind::Heading(level) = blocks[*start].kind {
            if let Some(stop) = (start + 1..end).find(
                |&j| matches!(blocks[j].kind, BlockKind::Heading(l) if l <= level && level < 7),
            ) {
                end = stop;
            }
        }
        let mut item = Item::new(ItemKind::Recommendation, body.clone(), blocks[*start].line);
        item.r#ref = Some(r.clone());
        let mut roles: Option<Vec<Option<Role>>> = None;
        let mut narrative: Vec<&Block> = Vec::new();
        for j in start + 1..end {
            if ctx.claimed[j] {
                continue;
            }
            let b = &blocks[j];
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
                    if item.text.is_empty() {
                        item.text = b.text.clone();
                    } else {
                        narrative.push(b);
                    }
                }
            }
        }
        if !narrative.is_empty() {
            let text = narrative
                .iter()
                .map(|b| strip_label(&b.text))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if !text.is_empty() {
                item.responses.push(Response {
                    text,
                    line: narrative[0].line,
                });
            }
        }
        ctx.claim(*start, end);
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

fn default_roles(n: usize) -> Vec<Option<Role>> {
    match n {
        0..=2 => vec![Some(Role::Action), Some(Role::Result)],
        _ => vec![Some(Role::KeyPoint), Some(Role::Action), Some(Role::Result)],
    }
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
            rec_heading("Rec. 12.3: text"),
            Some(("12.3".into(), "text".into()))
        );
    }
}
