//! Columns: a column of side headings left of the body is found by where lines start,
//! and each side heading is put before the paragraph it stands beside; a page set in
//! two columns is read column by column.

use std::collections::HashMap;

use super::content::Rule;
use super::layout::{PLine, Segment, Word};

/// The left edge of the body beside a column of side headings, when the page has one:
/// several lines start at one x, and the lines that have text left of it hold only
/// short segments that end before it.
pub(super) fn sidebar_edge(lines: &[Vec<Segment>]) -> Option<f64> {
    // The body's left edge: where most lines start.
    let mut starts: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        if let Some(s) = l.first() {
            *starts.entry((s.x0 / 3.0).round() as i64).or_default() += 1;
        }
    }
    let (&bin, &count) = starts.iter().max_by_key(|(b, c)| (**c, -**b))?;
    if count < 5 {
        return None;
    }
    let edge = bin as f64 * 3.0 - 4.0;
    // Side headings: words (not bullets or numbers) wholly left of the edge, on a page
    // whose lines do not run across it.
    let wordy = |s: &Segment| s.text.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let mut beside = 0;
    let mut crossing = 0;
    for l in lines {
        if l.len() > 2 {
            // Three or more cells on a line: a table, not side headings.
            return None;
        }
        if l.iter().any(|s| s.x1 < edge - 2.0 && wordy(s)) {
            beside += 1;
        }
        if l.iter().any(|s| s.x0 < edge - 4.0 && s.x1 > edge + 4.0) {
            crossing += 1;
        }
    }
    (beside >= 1 && beside * 3 <= lines.len() && crossing * 4 <= lines.len()).then_some(edge)
}

/// Side headings go before the paragraph they stand beside: before the first body line
/// at their height, moved back to the start of its paragraph.
pub(super) fn insert_side_headings(rows: &mut Vec<PLine>, side: Vec<(f64, String)>) {
    if side.is_empty() {
        return;
    }
    // Group consecutive side lines into headings.
    let mut groups: Vec<(f64, f64, Vec<String>)> = Vec::new();
    for (y, t) in side {
        match groups.last_mut() {
            Some((_, last, texts)) if *last - y < 20.0 => {
                *last = y;
                texts.push(t);
            }
            _ => groups.push((y, y, vec![t])),
        }
    }
    for (top, _, texts) in groups.into_iter().rev() {
        let mut at = rows
            .iter()
            .position(|r| r.y <= top + 1.0)
            .unwrap_or(rows.len());
        // Back to the paragraph's first line: while the line above is close.
        while at > 0 && at < rows.len() {
            let gap = rows[at - 1].y - rows[at].y;
            if gap > 1.6 * rows[at].size.max(1.0) || rows[at - 1].y > top + 60.0 {
                break;
            }
            at -= 1;
        }
        let size = rows.get(at).map_or(10.0, |r| r.size);
        let blank = PLine {
            y: top,
            size,
            x0: 0.0,
            x1: 0.0,
            y_end: top,
            fixed: true,
            lead: 0.0,
            cells: vec![],
            ..PLine::default()
        };
        let mut insert = vec![blank.clone()];
        for t in texts {
            insert.push(PLine {
                cells: vec![(0.0, t)],
                ..blank.clone()
            });
        }
        insert.push(blank);
        rows.splice(at..at, insert);
    }
}

/// The least share of a page's lines that must keep clear of a gutter.
const GUTTER_CLEAR: f64 = 0.8;

/// A page set in two columns, read column by column: a gutter is a vertical band in
/// the middle of the text that no word crosses on nearly all of the page's lines, with
/// a column of filled lines (prose, not a table's short cells) on each side and no rule
/// in it. Lines that cross the gutter (a title, a figure's caption, a footer) cut the
/// page into sections; each section's left column is read before its right one. The
/// right column is moved below the left one, its lines shifted to the left column's
/// edge, so that everything after this (joining wrapped lines, blank lines between
/// paragraphs, indentation) sees one column. A page without a gutter is returned as it
/// came.
pub(super) fn unroll_columns(lines: Vec<Vec<Word>>, vrules: &[Rule]) -> Vec<Vec<Word>> {
    let Some((g0, g1)) = gutter(&lines, vrules) else {
        return lines;
    };
    // A line with a word in the gutter crosses it: it is read whole, where it stands.
    let spans = |l: &[Word]| l.iter().any(|w| w.x1 > g0 && w.x0 < g1);
    // Where each column starts: the right one moves onto the left one's edge.
    let edge = |left: bool| {
        lines
            .iter()
            .filter(|l| !spans(l))
            .filter_map(|l| l.iter().find(|w| (w.x1 <= g0) == left))
            .map(|w| w.x0)
            .fold(f64::INFINITY, f64::min)
    };
    let shift_x = edge(false) - edge(true);
    let leading = line_spacing(&lines);
    let mut out: Vec<Vec<Word>> = Vec::with_capacity(lines.len() + 8);
    let mut offset = 0.0;
    let mut k = 0;
    while k < lines.len() {
        if spans(&lines[k]) {
            out.push(moved(&lines[k], 0.0, offset));
            k += 1;
            continue;
        }
        let end = (k..lines.len())
            .find(|&j| spans(&lines[j]))
            .unwrap_or(lines.len());
        let section = &lines[k..end];
        let left: Vec<Vec<Word>> = section
            .iter()
            .map(|l| l.iter().filter(|w| w.x1 <= g0).cloned().collect::<Vec<_>>())
            .filter(|l| !l.is_empty())
            .collect();
        let right: Vec<Vec<Word>> = section
            .iter()
            .map(|l| l.iter().filter(|w| w.x0 >= g1).cloned().collect::<Vec<_>>())
            .filter(|l| !l.is_empty())
            .collect();
        for l in &left {
            out.push(moved(l, 0.0, offset));
        }
        if let (Some(bottom), Some(top)) = (
            left.last().and_then(|l| l.first()).map(|w| w.y),
            right.first().and_then(|l| l.first()).map(|w| w.y),
        ) {
            // The right column's first line comes a line's spacing below the left's last.
            offset += top - bottom + leading;
        }
        for l in &right {
            out.push(moved(l, shift_x, offset));
        }
        k = end;
    }
    out
}

/// The gutter's x range, if the page has one (see [`unroll_columns`]).
fn gutter(lines: &[Vec<Word>], vrules: &[Rule]) -> Option<(f64, f64)> {
    if lines.len() < 10 {
        return None;
    }
    let x_min = lines
        .iter()
        .flatten()
        .map(|w| w.x0)
        .fold(f64::INFINITY, f64::min);
    let x_max = lines
        .iter()
        .flatten()
        .map(|w| w.x1)
        .fold(f64::MIN, f64::max);
    let width = x_max - x_min;
    if !(width > 100.0 && width < 5000.0) {
        return None;
    }
    // How many lines cover each point across the middle half: a word, or the space
    // between two words of a line closer than a gutter could be.
    let size = median(lines.iter().flatten().map(|w| w.size).collect())?;
    let min_gutter = 0.8 * size;
    let (lo, hi) = (x_min + 0.25 * width, x_max - 0.25 * width);
    let steps = ((hi - lo) / 1.0).ceil().max(0.0) as usize;
    let mut covered = vec![0usize; steps + 1];
    for l in lines {
        let mut spans: Vec<(f64, f64)> = Vec::new();
        for w in l {
            match spans.last_mut() {
                Some(s) if w.x0 - s.1 < min_gutter => s.1 = s.1.max(w.x1),
                _ => spans.push((w.x0, w.x1)),
            }
        }
        for (a, b) in spans {
            let from = ((a - lo).floor().max(0.0)) as usize;
            let to = ((b - lo).ceil().max(0.0) as usize).min(steps);
            for c in covered.iter_mut().take(to + 1).skip(from) {
                *c += 1;
            }
        }
    }
    let allowed = ((1.0 - GUTTER_CLEAR) * lines.len() as f64) as usize;
    // The widest clear run of points.
    let mut best: Option<(usize, usize)> = None;
    let mut k = 0;
    while k <= steps {
        if covered[k] > allowed {
            k += 1;
            continue;
        }
        let start = k;
        while k <= steps && covered[k] <= allowed {
            k += 1;
        }
        if best.is_none_or(|(a, b)| k - start > b - a) {
            best = Some((start, k));
        }
    }
    let (a, b) = best?;
    let (g0, g1) = (lo + a as f64, lo + b as f64 - 1.0);
    if g1 - g0 < min_gutter || vrules.iter().any(|r| r.x0 > g0 - 1.0 && r.x1 < g1 + 1.0) {
        return None;
    }
    // Prose on both sides: two columns of about the same measure (a column of side
    // headings is narrower), each with many lines, most of them running across their
    // column (a table's cells are short), and most of the page's lines in them.
    let (left_w, right_w) = (g0 - x_min, x_max - g1);
    if left_w < 0.35 * width || right_w < 0.35 * width {
        return None;
    }
    let mut columns = 0;
    let (mut left_lines, mut left_long, mut right_lines, mut right_long) = (0, 0, 0, 0);
    for l in lines {
        if l.iter().any(|w| w.x1 > g0 && w.x0 < g1) {
            continue;
        }
        columns += 1;
        let side = |left: bool| {
            let ws: Vec<&Word> = l.iter().filter(|w| (w.x1 <= g0) == left).collect();
            let (a, b) = (ws.first()?.x0, ws.last()?.x1);
            Some(b - a)
        };
        if let Some(w) = side(true) {
            left_lines += 1;
            left_long += usize::from(w >= 0.6 * left_w);
        }
        if let Some(w) = side(false) {
            right_lines += 1;
            right_long += usize::from(w >= 0.6 * right_w);
        }
    }
    (columns * 2 >= lines.len()
        && left_lines >= 8
        && right_lines >= 8
        && left_long * 2 >= left_lines
        && right_long * 2 >= right_lines)
        .then_some((g0, g1))
}

/// A line's words moved left by `dx` and down by `dy`.
fn moved(line: &[Word], dx: f64, dy: f64) -> Vec<Word> {
    line.iter()
        .map(|w| Word {
            x0: w.x0 - dx,
            x1: w.x1 - dx,
            y: w.y - dy,
            ..w.clone()
        })
        .collect()
}

/// The most common distance between consecutive baselines.
fn line_spacing(lines: &[Vec<Word>]) -> f64 {
    let gaps: Vec<f64> = lines
        .windows(2)
        .filter_map(|p| Some(p[0].first()?.y - p[1].first()?.y))
        .filter(|g| *g > 0.0)
        .collect();
    median(gaps).unwrap_or(12.0)
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}
