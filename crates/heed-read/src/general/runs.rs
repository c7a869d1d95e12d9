//! Numbered paragraphs in sequence most of which ask ("21. The Committee notes ... and
//! recommends that the State party ...", "22. The Committee recommends ..."), as a
//! treaty body's concluding observations number theirs: each paragraph is one item as a
//! whole, the general reader's, so the inline reader leaves the sentences in them alone.
//! The numbering need not start at 1 (a page taken from the middle of a document).
//! Also the runs of numbers alone on their lines ("1" / its words / "2" / ...), whose
//! entries' words stand in the blocks after each.

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

/// A block that is only a number ("3", "No. 3", "#3"), as a web tracker's boxes print each
/// entry's number, or a number and whom the entry is to ("No. 3 to FAA").
pub(super) fn bare_number(b: &Block) -> Option<u32> {
    let t = b.text.trim();
    let t = ["No. ", "No.", "No ", "#"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim_start();
    let (num, to) = t.split_once(' ').unwrap_or((t, ""));
    // "to the Federal Aviation Administration": a name, a few words, no sentence.
    let addressed = to.is_empty()
        || to.strip_prefix("to ").is_some_and(|name| {
            name.split_whitespace().count() <= 6
                && name.starts_with(|c: char| c.is_uppercase() || c == 't')
                && !name.ends_with(['.', ':', ';'])
        });
    (b.kind == BlockKind::Paragraph && (1..=3).contains(&num.len()) && addressed)
        .then(|| num.parse().ok())
        .flatten()
}

/// Blocks that are bare numbers counting up by one, each within a few blocks of the last,
/// three or more: the numbers of a list whose entries' words stand in the blocks after
/// each ("1" / "Completed" / "HMIC recommends that ..."). A table of figures does not count
/// up by one; a page number stands beside furniture and was taken out before.
pub(super) fn bare_number_runs(blocks: &[Block]) -> Vec<bool> {
    let mut marked = vec![false; blocks.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut last: Option<u32> = None;
    let flush = |run: &mut Vec<usize>, marked: &mut Vec<bool>| {
        if run.len() >= 3 {
            for &k in run.iter() {
                marked[k] = true;
            }
        }
        run.clear();
    };
    for (i, b) in blocks.iter().enumerate() {
        let Some(n) = bare_number(b) else {
            if run.last().is_some_and(|&l| i - l > 6) {
                flush(&mut run, &mut marked);
                last = None;
            }
            continue;
        };
        if last.is_some_and(|l| n == l + 1) {
            run.push(i);
        } else {
            flush(&mut run, &mut marked);
            run.push(i);
        }
        last = Some(n);
    }
    flush(&mut run, &mut marked);
    marked
}
