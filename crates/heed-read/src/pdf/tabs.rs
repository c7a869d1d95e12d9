//! Tab stops: rows of tab-separated text that an office suite printed as running text.
//!
//! A text file's long tab-separated rows are printed by LibreOffice (and word processors
//! like it) as wrapped paragraphs, not as a table: each tab jumps to the next tab stop,
//! and the stops stand at one spacing from the left margin. What shows on the page is
//! glyphs, so the cells are found again from the stops: the page's tab jumps (gaps with
//! no typed space in them) land on a regular grid, which is measured here. With the
//! grid known,
//! - a tab that had no width (the text ended just at a stop) is a text run that starts
//!   on a stop with no space before it ("division.The" was "division.\tThe");
//! - a tab that did not fit on its line moves its cell to the next line, which then
//!   starts on a stop; a row that opens with a tab starts on a stop too;
//! - a wrapped line ends in the space it was wrapped at, and a paragraph's (a row's)
//!   last line does not, which tells rows apart where the margin cannot.
//!
//! Nothing here names a writer: a page only gets a grid when its own jumps fall on one.

use super::layout::Word;

/// How far (points) a cell's start may stand from its tab stop.
const TOLERANCE: f64 = 1.5;

/// The page's tab stops: `left + k * step` for k = 1, 2, ...
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TabGrid {
    pub(super) left: f64,
    pub(super) step: f64,
}

impl TabGrid {
    /// Measures the grid from the page's lines: the left margin is where most lines
    /// start; the step is the widest spacing that puts at least four in five of the
    /// tab jumps (and at least three, on three lines) on a stop.
    pub(super) fn find(lines: &[Vec<Word>]) -> Option<TabGrid> {
        let mut starts: Vec<i64> = lines
            .iter()
            .filter_map(|l| l.first())
            .map(|w| w.x0.round() as i64)
            .collect();
        starts.sort_unstable();
        let left = most_common(&starts)? as f64;
        let mut jumps: Vec<f64> = Vec::new();
        let mut lines_with_jumps = 0;
        for l in lines.iter().filter(|l| types_spaces(l)) {
            let before = jumps.len();
            for p in l.windows(2) {
                let em = p[0].size.max(p[1].size).max(1.0);
                if !p[1].space_before && p[1].x0 - p[0].x1 > 0.15 * em && p[1].x0 > left + 5.0 {
                    jumps.push(p[1].x0);
                }
            }
            lines_with_jumps += usize::from(jumps.len() > before);
            if jumps.len() > 300 {
                break;
            }
        }
        // Tabs on one line (a running head's) are no evidence of rows.
        if jumps.len() < 3 || lines_with_jumps < 3 {
            return None;
        }
        let fits = |step: f64| {
            jumps
                .iter()
                .filter(|&&x| {
                    let k = ((x - left) / step).round();
                    k >= 1.0 && (x - left - k * step).abs() <= TOLERANCE
                })
                .count()
        };
        let mut best: Option<(usize, f64)> = None;
        for &x in &jumps {
            for k in 1..=16 {
                let step = (x - left) / f64::from(k);
                if !(18.0..=120.0).contains(&step) {
                    continue;
                }
                let n = fits(step);
                if best.is_none_or(|(bn, bs)| n > bn || n == bn && step > bs) {
                    best = Some((n, step));
                }
            }
        }
        let (n, step) = best?;
        (n >= 3 && n * 5 >= jumps.len() * 4).then_some(TabGrid { left, step })
    }

    /// The stop `x` stands on (1 for the first stop right of the margin), if any.
    pub(super) fn stop(&self, x: f64) -> Option<usize> {
        let k = ((x - self.left) / self.step).round();
        ((1.0..200.0).contains(&k) && (x - self.left - k * self.step).abs() <= TOLERANCE)
            .then_some(k as usize)
    }

    /// The first stop right of `x`.
    pub(super) fn next_after(&self, x: f64) -> f64 {
        let k = ((x - self.left) / self.step).floor() + 1.0;
        self.left + k.max(1.0) * self.step
    }

    /// How many stops a jump from `x1` to `x0` passed: one tab each.
    pub(super) fn tabs_between(&self, x1: f64, x0: f64) -> usize {
        let mut n = 0;
        let mut at = self.next_after(x1);
        while at <= x0 + TOLERANCE && n < 50 {
            n += 1;
            at += self.step;
        }
        n
    }
}

/// Whether a line's word spaces are typed (as office suites type them): then a gap
/// with no space in it is a tab.
pub(super) fn types_spaces(line: &[Word]) -> bool {
    line.iter().filter(|w| w.space_before).count() >= 3
}

/// Splits the words of a line that types its spaces where a text run starts on a tab
/// stop with no space before it: a tab that had no width.
pub(super) fn split_at_stops(line: &mut Vec<Word>, grid: &TabGrid) {
    if !types_spaces(line) || line.iter().all(|w| w.cuts.is_empty()) {
        return;
    }
    let mut out = Vec::with_capacity(line.len() + 1);
    for w in line.drain(..) {
        let mut rest = w;
        // Cuts from the right, so that byte offsets stay valid.
        let cuts = std::mem::take(&mut rest.cuts);
        let mut pieces = Vec::new();
        for (at, end, start) in cuts.into_iter().rev() {
            if grid.stop(start).is_none() || !rest.text.is_char_boundary(at) || at == 0 {
                continue;
            }
            // Not inside a word: a run may also start mid-word (a writer's kerning or a
            // change of language), never on a stop after a letter before a lower-case one.
            let before = rest.text[..at].chars().next_back();
            let after = rest.text[at..].chars().next();
            if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_lowercase) {
                continue;
            }
            let text = rest.text.split_off(at);
            pieces.push(Word {
                x0: start,
                x1: rest.x1,
                text,
                space_before: false,
                space_after: rest.space_after,
                tab_before: true,
                cuts: Vec::new(),
                ..rest.clone()
            });
            rest.x1 = end;
            rest.space_after = false;
        }
        out.push(rest);
        out.extend(pieces.into_iter().rev());
    }
    *line = out;
}

fn most_common(sorted: &[i64]) -> Option<i64> {
    let mut best: Option<(usize, i64)> = None;
    let mut k = 0;
    while k < sorted.len() {
        let v = sorted[k];
        let n = sorted[k..].iter().take_while(|&&x| x - v <= 1).count();
        if best.is_none_or(|(bn, _)| n > bn) {
            best = Some((n, v));
        }
        k += sorted[k..].iter().take_while(|&&x| x == v).count();
    }
    best.filter(|(n, _)| *n >= 3).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f64, x1: f64, space_before: bool) -> Word {
        Word {
            x0,
            x1,
            y: 700.0,
            size: 10.0,
            text: "w".into(),
            space_before,
            space_after: false,
            tab_before: false,
            cuts: Vec::new(),
        }
    }

    #[test]
    fn the_grid_is_the_widest_spacing_the_jumps_fall_on() {
        let line = |jump: f64| {
            vec![
                word(56.8, 70.0, false),
                word(73.0, 80.0, true),
                word(83.0, 90.0, true),
                word(93.0, 100.0, true),
                word(jump, jump + 20.0, false),
            ]
        };
        let lines: Vec<Vec<Word>> = [127.7, 340.4, 269.5, 517.7, 198.6]
            .iter()
            .map(|&x| line(x))
            .collect();
        let grid = TabGrid::find(&lines).expect("a grid");
        assert!((grid.step - 35.4).abs() < 0.3, "{grid:?}");
        assert_eq!(grid.stop(92.4), Some(1));
        assert_eq!(grid.stop(110.0), None);
        assert_eq!(grid.tabs_between(100.0, 163.1), 2);
    }
}
