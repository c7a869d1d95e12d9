//! Numbered paragraphs in sequence most of which ask ("21. The Committee notes ... and
//! recommends that the State party ...", "22. The Committee recommends ..."), as a
//! treaty body's concluding observations number theirs: each paragraph is one item as a
//! whole, the general reader's, so the inline reader leaves the sentences in them alone.
//! The numbering need not start at 1 (a page taken from the middle of a document).

use super::*;

/// For each block, whether it opens a paragraph of such a run: one-level numbers counting
/// up by one (headings and other blocks may stand between), three or more, at least half
/// of which ask in their own voice in some sentence.
pub(crate) fn asking_paragraph_runs(blocks: &[Block], claimed: &[bool]) -> Vec<bool> {
    let mut marked = vec![false; blocks.len()];
    // (block, number, asks) of each numbered paragraph.
    let mut run: Vec<(usize, u32, bool)> = Vec::new();
    let flush = |run: &mut Vec<(usize, u32, bool)>, marked: &mut Vec<bool>| {
        let asking = run.iter().filter(|u| u.2).count();
        if run.len() >= 3 && asking * 2 >= run.len() {
            for u in run.iter() {
                marked[u.0] = true;
            }
        }
        run.clear();
    };
    for (i, b) in blocks.iter().enumerate() {
        if claimed[i] || b.kind != BlockKind::Paragraph {
            continue;
        }
        let Some(e) = enumerator(&b.text).filter(|e| e.style == Style::Decimal(1)) else {
            continue;
        };
        if is_title_like(e.rest) {
            continue;
        }
        let Some(&n) = numbers(&e.label).first() else {
            continue;
        };
        if run.last().is_some_and(|u| u.1 + 1 != n) {
            flush(&mut run, &mut marked);
        }
        let asks = directive(e.rest).is_some()
            || (directive_later(e.rest).is_some() && !reports_speech(e.rest));
        run.push((i, n, asks));
    }
    flush(&mut run, &mut marked);
    marked
}
