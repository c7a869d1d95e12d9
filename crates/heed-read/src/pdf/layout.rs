//! Glyphs to text lines: glyphs that touch become words, words on one baseline a line,
//! a line is cut into cells at gaps no word space could be, wrapped lines are joined
//! into paragraphs, and the page is written out with indentation, tabs between cells,
//! blank lines between blocks and larger type marked as headings.

use std::collections::HashMap;

use super::columns::{insert_side_headings, sidebar_edge, unroll_columns};
use super::content::{Glyph, Page, Rule};
use super::notes::mark_notes;
use super::tables::merge_ruled_rows;
use super::tabs::{TabGrid, split_at_stops};

/// A word: glyphs that touch on one baseline.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) text: String,
    /// A space glyph came between this word and the one before it in the content.
    pub(super) space_before: bool,
    /// A space glyph follows the word on its line (a wrapped line ends in one).
    pub(super) space_after: bool,
    /// The word was cut from the one before it at a tab that had no width.
    pub(super) tab_before: bool,
    /// Where a new text run starts inside the word: (byte offset, right edge of the
    /// text before, left edge of the run), for [`super::tabs::split_at_stops`].
    pub(super) cuts: Vec<(usize, f64, f64)>,
}

/// Lays one page's glyphs out as lines of text.
pub(super) fn layout_page(page: &mut Page, flow: &mut Flow) -> PageText {
    let last_grid = flow.grid;
    let words = words(&page.glyphs);
    let mut lines = group_lines(words);
    // Tab stops, where the page's running text holds tab-separated rows; the last
    // page's stops serve a page with too few tabs to measure its own.
    let found = TabGrid::find(&lines).or(last_grid.filter(|g| {
        lines
            .iter()
            .filter(|l| l.first().is_some_and(|w| (w.x0 - g.left).abs() < 1.5))
            .count()
            >= 3
    }));
    // A page marks its wraps when its wrapped lines end in the space they broke at,
    // and they end ragged: a justified page's lines all end at its margin, and its
    // writer may type a space after a paragraph's last word as well.
    let mut spaced_ends: Vec<f64> = lines
        .iter()
        .filter_map(|l| l.last())
        .filter(|w| w.space_after)
        .map(|w| w.x1)
        .collect();
    spaced_ends.sort_by(f64::total_cmp);
    let aligned = spaced_ends
        .iter()
        .enumerate()
        .map(|(k, &x)| {
            spaced_ends[k..]
                .iter()
                .take_while(|&&e| e - x <= 2.0)
                .count()
        })
        .max()
        .unwrap_or(0);
    let marks_wraps = spaced_ends.len() >= 3 && aligned * 2 < spaced_ends.len();
    // Rows printed as running text are a plain text's: one size of type throughout
    // (a typeset page sizes its headings and notes apart).
    let plain = one_size(&lines);
    // ... and its lines all start at the margin or right of it (no side headings, no
    // hanging numbers).
    let tabs = found.filter(|g| {
        marks_wraps
            && plain
            && lines
                .iter()
                .filter_map(|l| l.first())
                .all(|w| w.x0 > g.left - 2.0)
    });
    flow.grid = tabs;
    if let Some(g) = &tabs {
        for l in &mut lines {
            split_at_stops(l, g);
        }
    }
    let vrules: Vec<Rule> = page.rules.iter().copied().filter(Rule::vertical).collect();
    let hrules: Vec<Rule> = page
        .rules
        .iter()
        .copied()
        .filter(Rule::horizontal)
        .collect();
    if tabs.is_none() {
        lines = unroll_columns(lines, &vrules);
    }
    // Segments: each line cut at wide gaps or at a vertical rule between two words.
    let mut segmented: Vec<Vec<Segment>> = lines
        .iter_mut()
        .map(|l| segments(l, &vrules, tabs.as_ref()))
        .collect();
    let sidebar = sidebar_edge(&segmented);
    let mut out_lines: Vec<PLine> = Vec::new();
    let mut side: Vec<(f64, String)> = Vec::new();
    for segs in segmented.iter_mut() {
        if let Some(edge) = sidebar {
            // A side heading: segments wholly left of the body's edge, when the rest of
            // the line starts at the edge (or nothing else is on the line).
            let (left, rest): (Vec<Segment>, Vec<Segment>) = segs
                .drain(..)
                .partition(|s| s.x1 < edge - 2.0 && s.text.chars().any(char::is_alphabetic));
            if !left.is_empty() && rest.iter().all(|s| s.x0 >= edge - 2.0) {
                for s in &left {
                    side.push((s.y, s.text.clone()));
                }
                *segs = rest;
            } else {
                let mut all = left;
                all.extend(rest);
                all.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                *segs = all;
            }
        }
        if segs.is_empty() {
            continue;
        }
        let mut cells: Vec<(f64, String)> = Vec::with_capacity(segs.len());
        for (k, s) in segs.iter().enumerate() {
            // Each stop a jump passed is one tab: the stops passed over are empty cells.
            if let (Some(g), Some(p)) = (&tabs, k.checked_sub(1).map(|p| &segs[p])) {
                for _ in 1..g.tabs_between(p.x1, s.x0) {
                    cells.push((s.x0, String::new()));
                }
            }
            cells.push((s.x0, s.text.clone()));
        }
        out_lines.push(PLine {
            y: segs[0].y,
            size: segs.iter().map(|s| s.size).fold(0.0, f64::max),
            x0: segs[0].x0,
            x1: segs.iter().map(|s| s.x1).fold(f64::MIN, f64::max),
            y_end: segs[0].y,
            fixed: false,
            lead: segs[0].lead,
            cells,
            ends_space: segs.last().is_some_and(|s| s.ends_space),
            tab_lead: tabs.and_then(|g| g.stop(segs[0].x0)).unwrap_or(0),
            tabbed: segs.len() > 1 || tabs.and_then(|g| g.stop(segs[0].x0)).is_some(),
            note: false,
        });
    }
    let mut rows = merge_ruled_rows(out_lines, &hrules, &vrules);
    match &tabs {
        Some(g) => reflow_tabbed(&mut rows, g),
        None => reflow(&mut rows),
    }
    // A row of running text that a page break cut: the last row wrapped (it ends in
    // the space it broke at) and this page opens at the margin, not with a tab.
    let continues = tabs.is_some()
        && std::mem::take(&mut flow.open_row)
        && rows.first().is_some_and(|r| !r.fixed && r.tab_lead == 0);
    flow.open_row = tabs.is_some() && rows.last().is_some_and(|r| !r.fixed && r.ends_space);
    insert_side_headings(&mut rows, side);
    mark_notes(&mut rows);
    PageText {
        lines: render(&rows),
        continues,
    }
}

/// What one page's layout hands on to the next.
#[derive(Debug, Default)]
pub(super) struct Flow {
    /// The tab stops of the last page printed as tab-separated rows.
    grid: Option<TabGrid>,
    /// That page's last row wrapped onto the next page.
    open_row: bool,
}

/// One page laid out.
pub(super) struct PageText {
    pub(super) lines: Vec<String>,
    /// The first line continues the previous page's last row.
    pub(super) continues: bool,
}

/// Whether nearly all of a page's text (nineteen characters in twenty) is set in one
/// size.
fn one_size(lines: &[Vec<Word>]) -> bool {
    let mut by_size: HashMap<i64, usize> = HashMap::new();
    let mut total = 0;
    for w in lines.iter().flatten() {
        let n = w.text.chars().count();
        *by_size.entry((w.size * 4.0).round() as i64).or_default() += n;
        total += n;
    }
    by_size
        .values()
        .max()
        .is_some_and(|&n| n * 20 >= total * 19)
}

/// A laid-out line: its cells (one for a plain line) with their left edges.
#[derive(Debug, Clone, Default)]
pub(super) struct PLine {
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) x0: f64,
    /// Right edge of the line's last word.
    pub(super) x1: f64,
    /// Baseline of the last printed line joined into this one.
    pub(super) y_end: f64,
    /// Part of a ruled table, or a side heading: never joined to another line.
    pub(super) fixed: bool,
    /// Width of the line's first word as printed.
    pub(super) lead: f64,
    pub(super) cells: Vec<(f64, String)>,
    /// The line ends in a typed space: where the page marks wraps so, it wrapped.
    pub(super) ends_space: bool,
    /// The tab stop the line starts on (0: the margin, or no tab stops on the page).
    pub(super) tab_lead: usize,
    /// The last printed line of it holds a tab (then its wrap is not always marked by
    /// a typed space: the writer may leave it off).
    pub(super) tabbed: bool,
    /// A footnote at the foot of the page (see [`super::notes`]).
    pub(super) note: bool,
}

/// Opens a rendered line that is a footnote; [`super::layout_document`] takes it off
/// and names the line. (Control characters never reach a rendered line otherwise:
/// [`normalise`] turns them into spaces.)
pub(super) const NOTE: char = '\u{1}';

#[derive(Debug, Clone)]
pub(super) struct Segment {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    /// Width of the segment's first word.
    pub(super) lead: f64,
    pub(super) text: String,
    /// Its last word is followed by a typed space.
    pub(super) ends_space: bool,
}

fn words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut saw_blank = false;
    let mut blank_end = f64::MIN;
    let mut blank_y = f64::NAN;
    let mut run = 0u32;
    for g in glyphs {
        let blank = g.text.chars().all(char::is_whitespace);
        if blank {
            saw_blank = true;
            blank_end = blank_end.max(g.x1);
            blank_y = g.y;
        }
        if let Some(w) = cur.as_mut() {
            let same_line = (g.y - w.y).abs() < 0.3 * w.size.max(g.size);
            let gap = g.x0 - w.x1;
            let touching = gap < 0.12 * w.size.min(g.size) && gap > -0.5 * w.size;
            if same_line && touching && !blank {
                if g.run != run && w.cuts.len() < 8 {
                    w.cuts.push((w.text.len(), w.x1, g.x0));
                }
                run = g.run;
                w.text.push_str(&g.text);
                w.x1 = w.x1.max(g.x1);
                w.size = w.size.max(g.size);
                continue;
            }
            if blank && same_line && gap < 0.6 * w.size && gap > -0.5 * w.size {
                w.space_after = true;
            }
            if let Some(w) = cur.take()
                && !w.text.trim().is_empty()
            {
                words.push(w);
            }
        }
        if !blank {
            run = g.run;
            cur = Some(Word {
                x0: g.x0,
                x1: g.x1,
                y: g.y,
                size: g.size,
                text: g.text.clone(),
                // Typed spaces join the words they stand between; a space followed by a
                // jump (a line ending in a space, then a word placed further on) does not.
                space_before: saw_blank
                    && (g.y - blank_y).abs() < 0.3 * g.size
                    && g.x0 - blank_end < 0.6 * g.size
                    && g.x0 >= blank_end - 0.5 * g.size,
                space_after: false,
                tab_before: false,
                cuts: Vec::new(),
            });
            saw_blank = false;
            blank_end = f64::MIN;
        }
    }
    if let Some(w) = cur
        && !w.text.trim().is_empty()
    {
        words.push(w);
    }
    words
}

/// Words grouped into lines by baseline, top to bottom, each left to right.
fn group_lines(mut words: Vec<Word>) -> Vec<Vec<Word>> {
    words.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut base = f64::NAN;
    let mut size: f64 = 0.0;
    for w in words {
        let tol = 0.45 * size.min(w.size).max(1.0);
        if lines.is_empty() || (base - w.y).abs() > tol {
            base = w.y;
            size = w.size;
            lines.push(vec![w]);
        } else if let Some(l) = lines.last_mut() {
            size = size.max(w.size);
            l.push(w);
        }
    }
    for l in &mut lines {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // Superscripts sit above the baseline: the line's baseline is its most common.
        if let Some(main) = l.iter().max_by(|a, b| a.size.total_cmp(&b.size)) {
            let y = main.y;
            for w in l.iter_mut() {
                w.y = y;
            }
        }
    }
    lines
}

/// Cuts a line into segments at gaps wider than a justified space could be, or where a
/// vertical rule stands between two words.
fn segments(line: &[Word], vrules: &[Rule], tabs: Option<&TabGrid>) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    // A justified line spreads its words evenly: when most gaps are wide and alike, they
    // are word spaces, not cell boundaries.
    let gaps: Vec<f64> = line
        .windows(2)
        .map(|p| (p[1].x0 - p[0].x1) / p[0].size.max(1.0))
        .collect();
    let wide: Vec<f64> = gaps
        .iter()
        .copied()
        .filter(|g| (1.0..4.0).contains(g))
        .collect();
    let justified = wide.len() >= 2
        && wide.len() * 2 >= gaps.len()
        && wide.iter().copied().fold(0.0, f64::max)
            <= 1.6 * wide.iter().copied().fold(f64::MAX, f64::min);
    // Where the document types its word spaces (as office suites do), a gap wider than
    // a glyph's side bearing with no space typed in it is a tab: the start of the next cell even
    // when the tab stop was near (a table exported as text, its cells tab-separated).
    let types_spaces = !justified && line.iter().filter(|w| w.space_before).count() >= 3;
    let untyped_word_gap = if types_spaces { 0.15 } else { 1.0 };
    for w in line {
        let first = segs.len() == 1;
        if let Some(s) = segs.last_mut() {
            let gap = w.x0 - s.x1;
            let em = s.size.max(w.size);
            let ruled = vrules.iter().any(|r| {
                r.x0 >= s.x1 - 1.0 && r.x1 <= w.x0 + 1.0 && r.y0 <= w.y + 1.0 && r.y1 >= w.y
            });
            // Spaces the document typed join words however wide; a gap with no space
            // in it is a word space up to a justified line's widest, else a new cell.
            let typed = (w.space_before || justified) && gap < 6.0 * em;
            // A list marker ("1.", "(a)", "II.", a bullet) and its hanging text are one
            // paragraph, not two cells.
            let marker = first && is_list_marker(&s.text) && gap < 8.0 * em;
            // On a page of tab stops, a jump with no space typed that lands on a stop
            // is a tab, on a line of few words too ("Grade\tDirection of Travel").
            let tab =
                !w.space_before && gap > 0.15 * em && tabs.is_some_and(|g| g.stop(w.x0).is_some());
            if (typed || marker || gap < untyped_word_gap * em) && !ruled && !w.tab_before && !tab {
                if typed && gap > 2.0 * em {
                    s.text.push_str("   ");
                } else if gap > 0.1 * em || w.space_before {
                    s.text.push(' ');
                }
                s.text.push_str(&w.text);
                s.x1 = s.x1.max(w.x1);
                s.size = s.size.max(w.size);
                s.ends_space = w.space_after;
                continue;
            }
        }
        segs.push(Segment {
            x0: w.x0,
            x1: w.x1,
            y: w.y,
            size: w.size,
            lead: w.x1 - w.x0,
            text: w.text.clone(),
            ends_space: w.space_after,
        });
    }
    for s in &mut segs {
        s.text = normalise(&s.text);
    }
    segs
}

/// "1.", "12)", "(a)", "iv.", "A.", a bullet glyph: what opens a list entry (a word
/// ending a sentence, "work.", does not).
pub(super) fn is_list_marker(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() == 1 {
        return matches!(
            t,
            "•" | "-" | "–" | "▪" | "◦" | "o" | "*" | "·" | "\u{f0b7}"
        );
    }
    let inner = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .or_else(|| t.strip_suffix('.'))
        .or_else(|| t.strip_suffix(')'));
    inner.is_some_and(|x| {
        !x.is_empty()
            && x.len() <= 5
            && (x.chars().all(|c| c.is_ascii_digit() || c == '.')
                || x.chars().all(|c| c.is_ascii_alphabetic())
                    && (x.len() == 1 || x.chars().all(|c| "ivxlcIVXLC".contains(c)))
                    && x.len() <= 4)
    })
}

/// Ligatures to their letters, typographic quotes and dashes that split words to plain
/// ones, control characters dropped.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{00ad}' => out.push('-'),
            '\u{00a0}' | '\u{2002}'..='\u{200a}' => out.push(' '),
            '\u{200b}' | '\u{feff}' | '\u{fffd}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Lines that a paragraph wrapped are joined again: a line that runs to the page's
/// right margin continues on the next one when that is no further indented, set in the
/// same size, close below, and does not open a list entry. A paragraph becomes one line
/// of the text, as it was before it was printed; a hyphen at the break stays
/// ("cost-effective").
fn reflow(rows: &mut Vec<PLine>) {
    let mut ends: Vec<f64> = rows.iter().filter(|r| !r.fixed).map(|r| r.x1).collect();
    if ends.len() < 3 {
        return;
    }
    ends.sort_by(f64::total_cmp);
    let right = ends[ends.len() * 9 / 10];
    let mut out: Vec<PLine> = Vec::with_capacity(rows.len());
    let mut last_y = f64::NAN;
    for r in rows.drain(..) {
        let y = r.y;
        if let Some(a) = out.last_mut()
            && !a.fixed
            && !r.fixed
            && a.x1 + first_word_width(&r) >= right - 0.5 * a.size
            && (r.size - a.size).abs() < 0.15 * a.size
            && last_y - y > 0.0
            && last_y - y < 1.6 * a.size
            && r.x0 <= a.x0 + 1.0 * a.size
            && !r
                .cells
                .first()
                .is_some_and(|(_, t)| t.split_whitespace().next().is_some_and(is_list_marker))
        {
            let mut cells = r.cells.into_iter();
            if let (Some((_, first)), Some((_, last))) = (cells.next(), a.cells.last_mut()) {
                if !last.ends_with('-') || last.ends_with(" -") {
                    last.push(' ');
                }
                last.push_str(&first);
            }
            a.cells.extend(cells);
            a.x1 = r.x1;
            a.y_end = r.y_end;
            last_y = y;
            continue;
        }
        last_y = y;
        out.push(r);
    }
    *rows = out;
}

/// [`reflow`] on a page of tab-separated rows printed as running text (see
/// [`super::tabs`]): a line that ends in its typed space wraps onto a next line that
/// starts at the margin; a line that starts on a tab stop continues the row above as
/// its next cell when that row is short of the table's cells and the tab could not fit
/// after it, and otherwise opens a row whose first cells are empty; any other line
/// opens a row.
fn reflow_tabbed(rows: &mut Vec<PLine>, grid: &TabGrid) {
    let mut ends: Vec<f64> = rows.iter().filter(|r| !r.fixed).map(|r| r.x1).collect();
    if ends.is_empty() {
        return;
    }
    ends.sort_by(f64::total_cmp);
    let edge = ends[ends.len() - 1];
    let mut out: Vec<PLine> = Vec::with_capacity(rows.len());
    let mut last_y = f64::NAN;
    for mut r in rows.drain(..) {
        let y = r.y;
        let width = table_width(&out);
        if let Some(a) = out.last_mut()
            && !a.fixed
            && !r.fixed
            && (r.size - a.size).abs() < 0.15 * a.size
            && last_y - y > 0.0
            && last_y - y < 1.6 * a.size
        {
            // The tab, or the word after it, did not fit after the row's last word.
            let tab_wrapped = r.tab_lead > 0
                && a.cells.len() < width
                && grid.next_after(a.x1) + first_word_width(&r) > edge;
            // A line that fills the measure to its edge has no room for the space it
            // broke at: it wrapped too.
            // A line that holds a tab may leave its wrap's space off: there a sentence
            // left open and the next line's first word not fitting after it tell.
            let open = a
                .cells
                .last()
                .and_then(|(_, t)| t.trim_end().chars().next_back())
                .is_some_and(|c| !matches!(c, '.' | '!' | '?' | ':' | ';'));
            let full = a.x1 > edge - 0.3 * a.size
                || a.tabbed && open && a.x1 + first_word_width(&r) > edge;
            let wrapped =
                r.tab_lead == 0 && (a.ends_space || full) && (r.x0 - grid.left).abs() < 2.0;
            if tab_wrapped {
                for _ in 1..r.tab_lead {
                    a.cells.push((r.x0, String::new()));
                }
                a.cells.append(&mut r.cells);
            } else if wrapped {
                let mut cells = std::mem::take(&mut r.cells).into_iter();
                if let (Some((_, first)), Some((_, last))) = (cells.next(), a.cells.last_mut()) {
                    join_wrapped(last, &first);
                }
                a.cells.extend(cells);
            }
            if tab_wrapped || wrapped {
                a.x1 = r.x1;
                a.y_end = r.y_end;
                a.ends_space = r.ends_space;
                a.tabbed = r.tabbed;
                last_y = y;
                continue;
            }
        }
        if r.tab_lead > 0 && !r.fixed {
            // A row that opens with tabs: its first cells are empty.
            let empty = (0..r.tab_lead).map(|_| (grid.left, String::new()));
            r.cells.splice(0..0, empty);
            r.x0 = grid.left;
        }
        last_y = y;
        out.push(r);
    }
    *rows = out;
}

/// How many cells the table the last rows belong to has: the most in any of them,
/// back to a gap wider than a line's spacing.
fn table_width(rows: &[PLine]) -> usize {
    let mut width = 1;
    for (k, r) in rows.iter().enumerate().rev().take(12) {
        width = width.max(r.cells.len());
        if k > 0 && rows[k - 1].y_end - r.y > 1.75 * r.size.max(1.0) {
            break;
        }
    }
    width
}

/// How wide the first word of a line is as printed, with a space before it: the word
/// that did not fit on the line above when the line above was wrapped.
fn first_word_width(r: &PLine) -> f64 {
    r.lead + 0.25 * r.size
}

/// Joins a cell's next line onto it as a wrapped line reads.
pub(super) fn join_wrapped(cell: &mut String, next: &str) {
    if cell.is_empty() {
        cell.push_str(next);
    } else {
        cell.push(' ');
        cell.push_str(next);
    }
}

/// The lines as text: indentation from the left edge, cells separated by tabs, a blank
/// line where the gap between two lines is wider than a line's spacing.
fn render(rows: &[PLine]) -> Vec<String> {
    let left = rows
        .iter()
        .filter(|r| !r.cells.is_empty())
        .map(|r| r.x0)
        .fold(f64::INFINITY, f64::min);
    let body = body_size(rows);
    let mut out = Vec::with_capacity(rows.len());
    let mut prev: Option<&PLine> = None;
    for r in rows {
        if r.cells.is_empty() {
            if out.last().is_some_and(|l: &String| !l.is_empty()) {
                out.push(String::new());
            }
            prev = None;
            continue;
        }
        // Rows of one ruled table follow each other however padded their cells are.
        let same_table = |p: &PLine| p.fixed && r.fixed && p.cells.len() > 1 && r.cells.len() > 1;
        // A change of type size ends a block: a heading set larger than the text under
        // it, a footnote set smaller than the paragraph above it.
        let resized = |p: &PLine| (p.size - r.size).abs() > 0.15 * p.size.max(r.size);
        if let Some(p) = prev
            && !same_table(p)
            && (p.y_end - r.y > 1.75 * r.size.max(p.size) || resized(p))
            && out.last().is_some_and(|l: &String| !l.is_empty())
        {
            out.push(String::new());
        }
        let indent = if left.is_finite() {
            ((r.x0 - left) / (r.size.max(4.0) * 0.5))
                .round()
                .clamp(0.0, 60.0) as usize
        } else {
            0
        };
        let mut line = if r.note {
            NOTE.to_string()
        } else {
            String::new()
        };
        line.push_str(&" ".repeat(indent));
        if is_heading(r, body) {
            line.push_str("## ");
        }
        for (k, (_, t)) in r.cells.iter().enumerate() {
            if k > 0 {
                line.push('\t');
            }
            line.push_str(t.trim());
        }
        out.push(line);
        prev = Some(r);
    }
    out
}

/// The size most of a page's text is set in (weighted by characters), if any.
pub(super) fn body_size(rows: &[PLine]) -> Option<f64> {
    let mut by_size: HashMap<i64, usize> = HashMap::new();
    for r in rows {
        let n: usize = r.cells.iter().map(|(_, t)| t.len()).sum();
        *by_size.entry((r.size * 4.0).round() as i64).or_default() += n;
    }
    let (&size, _) = by_size.iter().max_by_key(|(s, n)| (**n, -**s))?;
    Some(size as f64 / 4.0)
}

/// A heading: one short line of words set clearly larger than the page's body text,
/// not closed by a full stop. It is marked as Markdown marks it, so that the readers
/// see the document's sections as they see them in converted text.
fn is_heading(r: &PLine, body: Option<f64>) -> bool {
    let Some(body) = body else { return false };
    let [(_, t)] = r.cells.as_slice() else {
        return false;
    };
    let t = t.trim();
    !r.fixed
        && r.size >= 1.2 * body
        && t.chars().count() <= 120
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !t.ends_with('.')
}
