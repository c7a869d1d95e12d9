//! Tables on the page: a ruled table's cell rows become one line each, every column
//! given its cell, and a row that a page break cut is joined to its start.

use super::content::Rule;
use super::layout::{PLine, join_wrapped};

/// A row of running text that wrapped across a page break: the next page's first line
/// is joined to the previous page's last.
pub(super) fn join_across_pages(prev: &mut [String], next: &mut Vec<String>) {
    let (Some(p), Some(n)) = (
        prev.iter().rposition(|l| !l.trim().is_empty()),
        next.iter().position(|l| !l.trim().is_empty()),
    ) else {
        return;
    };
    let more = next.remove(n);
    join_wrapped(&mut prev[p], more.trim());
}

/// A table row that a page break cut: the next page repeats the table's header row,
/// and the row under it continues the previous page's last row (its text opens in
/// lower case, mid-sentence). The continuation's cells are joined to that row's cells,
/// so that the row is read whole on the page where it starts.
pub(super) fn continue_split_row(prev: &mut [String], next: &mut Vec<String>) {
    let Some(h) = next.iter().position(|l| l.contains('\t')) else {
        return;
    };
    let header = next[h].trim();
    let Some(ph) = prev.iter().position(|l| l.trim() == header) else {
        return;
    };
    // The previous page's last table line: only lines without cells (a footer, a page
    // number) may follow it.
    let Some(p) = prev.iter().rposition(|l| l.contains('\t')) else {
        return;
    };
    let Some(c) = (h + 1..next.len()).find(|&k| !next[k].trim().is_empty()) else {
        return;
    };
    let width = header.split('\t').count();
    // Spaces only: an empty last cell is a trailing tab, which `trim` would drop.
    let cells = |l: &str| -> Vec<String> {
        l.trim_matches(' ')
            .split('\t')
            .map(str::to_string)
            .collect()
    };
    let (mut row, cont) = (cells(&prev[p]), cells(&next[c]));
    let opens_lower = cont
        .iter()
        .find(|t| !t.trim().is_empty())
        .and_then(|t| t.trim().chars().next())
        .is_some_and(char::is_lowercase);
    if p <= ph || row.len() != width || cont.len() != width || !opens_lower {
        return;
    }
    for (cell, more) in row.iter_mut().zip(&cont) {
        if !more.trim().is_empty() {
            join_wrapped(cell, more.trim());
        }
    }
    let indent = prev[p].len() - prev[p].trim_start().len();
    prev[p] = format!("{}{}", " ".repeat(indent), row.join("\t"));
    next.remove(c);
}

/// Lines inside one cell row of a ruled table (between two horizontal rules, with
/// vertical rules between the cells) become one line, each cell's text joined.
pub(super) fn merge_ruled_rows(lines: Vec<PLine>, hrules: &[Rule], vrules: &[Rule]) -> Vec<PLine> {
    if vrules.is_empty() || hrules.is_empty() {
        return lines;
    }
    // The row bands: y ranges between consecutive horizontal rules.
    let mut ys: Vec<f64> = hrules.iter().map(|r| (r.y0 + r.y1) / 2.0).collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    ys.dedup_by(|a, b| (*a - *b).abs() < 1.5);
    let band = |y: f64| -> Option<usize> {
        ys.windows(2)
            .position(|w| y < w[0] && y > w[1])
            .filter(|&k| ys[k] - ys[k + 1] < 400.0)
    };
    let mut out: Vec<PLine> = Vec::new();
    let mut out_band: Vec<Option<usize>> = Vec::new();
    for l in lines {
        let b = band(l.y);
        // The line's cells by the vertical rules left of them.
        let in_table = b.is_some()
            && vrules.iter().any(|r| {
                r.y0 <= l.y + 1.0 && r.y1 >= l.y && r.x0 > l.x0 - 400.0 && r.x0 < l.x0 + 2000.0
            });
        if in_table
            && let (Some(prev), Some(pb)) = (out.last_mut(), out_band.last())
            && *pb == b
        {
            // The row now ends lower: the gap to the next row is measured from here.
            prev.y_end = prev.y_end.min(l.y);
            // Same row: each cell of this line joins the cell of the row whose column
            // it falls in (the column starting at or left of it).
            for (x, t) in l.cells {
                let col = vrules
                    .iter()
                    .filter(|r| r.x0 <= x + 1.0 && r.y0 <= l.y + 1.0 && r.y1 >= l.y)
                    .map(|r| r.x0)
                    .fold(f64::MIN, f64::max);
                let target = prev.cells.iter().rposition(|(cx, _)| {
                    let ccol = vrules
                        .iter()
                        .filter(|r| r.x0 <= cx + 1.0 && r.y0 <= l.y + 1.0 && r.y1 >= l.y)
                        .map(|r| r.x0)
                        .fold(f64::MIN, f64::max);
                    (ccol - col).abs() < 2.0
                });
                match target {
                    Some(k) => {
                        let cell = &mut prev.cells[k].1;
                        join_wrapped(cell, &t);
                    }
                    None => {
                        let pos = prev
                            .cells
                            .iter()
                            .position(|(cx, _)| *cx > x)
                            .unwrap_or(prev.cells.len());
                        prev.cells.insert(pos, (x, t));
                    }
                }
            }
            continue;
        }
        out_band.push(if in_table { b } else { None });
        let mut l = l;
        l.fixed = in_table;
        out.push(l);
    }
    // Each table row gets one cell per column, empty ones included, so that a row whose
    // first cells are blank still lines up with its header.
    for l in out.iter_mut().filter(|l| l.fixed) {
        let mut cols: Vec<f64> = vrules
            .iter()
            .filter(|r| r.y0 <= l.y + 1.0 && r.y1 >= l.y)
            .map(|r| r.x0)
            .collect();
        cols.sort_by(f64::total_cmp);
        cols.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        if cols.len() < 3 {
            continue;
        }
        let mut cells: Vec<(f64, String)> = cols[..cols.len() - 1]
            .iter()
            .map(|x| (*x, String::new()))
            .collect();
        for (x, t) in l.cells.drain(..) {
            let k = cols[..cols.len() - 1]
                .iter()
                .rposition(|c| *c <= x + 1.0)
                .unwrap_or(0);
            join_wrapped(&mut cells[k].1, &t);
        }
        l.x0 = cells.first().map_or(l.x0, |c| c.0);
        l.cells = cells;
    }
    out
}
