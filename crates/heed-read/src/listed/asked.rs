//! A numbered list that is the parts of one ask rather than asks of its own: under a
//! section named for its recommendation ("1. Recommendation"), a paragraph that asks in
//! its own voice and leads in with a colon ("... the Committee recommends that the
//! Accounting Officer presents a strategy to address the following:") over entries that
//! ask nothing ("1. The root causes ...", "2. The nature of ..."). The paragraph and its
//! entries are one item, numbered as the section is; the asking paragraphs after the list
//! in the same section ("The Committee also recommends that ...") are items too.

use crate::blocks::{Block, BlockKind};
use crate::general::directive;
use crate::lines::Line;
use heed_core::{Item, ItemKind};

/// Whether a paragraph asks in its own voice by a directive word ("recommends", "should"),
/// not only by a passive infinitive ("Report to be considered.").
fn asks(text: &str) -> bool {
    directive(text).is_some_and(|d| d.starts_with("directive wording"))
}

/// The one item a list and the asking paragraph leading it in make, when its entries ask
/// nothing: the paragraph's words, then each entry's with its number; the ref the
/// section's heading's number. `list_line` is the list's first source line.
pub(super) fn parts_of_one(
    blocks: &[Block],
    heading: &Line,
    list_line: usize,
    found: &[Item],
) -> Option<Item> {
    let lead = blocks
        .iter()
        .take_while(|b| b.line < list_line)
        .last()
        .filter(|b| b.kind == BlockKind::Paragraph && b.line > heading.no)?;
    let text = lead.text.trim();
    let parts_ask = found
        .iter()
        .any(|it| directive(&it.text).is_some() || crate::general::opens_with_imperative(&it.text));
    if !text.ends_with(':') || !asks(text) || parts_ask || found.len() < 2 {
        return None;
    }
    let mut words = text.to_string();
    for it in found {
        words.push(' ');
        if let Some(r) = &it.r#ref {
            words.push_str(r);
            words.push_str(". ");
        }
        words.push_str(it.text.trim());
    }
    let mut item = Item::new(ItemKind::Recommendation, words, lead.line);
    let number = heading
        .text
        .split_whitespace()
        .next()
        .map(|w| w.trim_end_matches(['.', ')']))
        .filter(|w| !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()));
    item.r#ref = number.map(str::to_string);
    Some(item)
}

/// The asking paragraphs right after the list (from source line `after`), up to the first
/// that does not ask: items without a number, with the span of lines they cover.
pub(super) fn asking_after(blocks: &[Block], after: usize) -> (Vec<Item>, Option<(usize, usize)>) {
    let mut items = Vec::new();
    let mut span: Option<(usize, usize)> = None;
    for b in blocks.iter().filter(|b| b.line >= after) {
        if b.kind != BlockKind::Paragraph || !asks(&b.text) || b.text.trim().ends_with(':') {
            break;
        }
        items.push(Item::new(
            ItemKind::Recommendation,
            b.text.trim().to_string(),
            b.line,
        ));
        span = Some((span.map_or(b.line, |s| s.0), b.end_line));
    }
    (items, span)
}
