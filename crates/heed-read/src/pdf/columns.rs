//! Page regions beside the body text: a column of side headings left of the body is
//! found by where lines start, and each side heading is put before the paragraph it
//! stands beside.

use std::collections::HashMap;

use super::layout::{PLine, Segment};

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
                y: top,
                size,
                x0: 0.0,
                x1: 0.0,
                y_end: top,
                fixed: true,
                lead: 0.0,
                cells: vec![(0.0, t)],
                ..PLine::default()
            });
        }
        insert.push(blank);
        rows.splice(at..at, insert);
    }
}
