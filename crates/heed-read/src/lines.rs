//! The line model every reader works on: one cleaned line per source line, knowing its
//! 1-based source line number, indentation, whether it is a heading, a bullet or a table
//! row, and whether a page break came before it. Page furniture (running heads and
//! footers, page numbers) is marked here, found by repetition rather than by a list of
//! strings.

use crate::markup::{clean_inline_text, html_page_to_lines, is_bullet_glyph, is_html_page};
use crate::text::Text;
use std::collections::HashMap;

/// One line of the document, cleaned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line<'a> {
    /// 1-based line of the source.
    pub no: usize,
    /// Leading spaces of the raw line (a tab counts as four).
    pub indent: usize,
    /// The line's words, markup removed, white space collapsed. For a table row, the
    /// cells joined by single spaces. Borrowed from the document where cleaning changed
    /// nothing.
    pub text: Text<'a>,
    /// Markdown heading level (1-6), or 7 for a line that is wholly bold or underlined.
    pub heading: Option<u8>,
    /// The line opened with a bullet ("- ", "• ", "❖", a private-use glyph).
    pub bullet: bool,
    /// Tab-separated cells, markup removed; empty for a line without tabs.
    pub cells: Vec<String>,
    /// A form feed came before this line.
    pub page_break: bool,
    /// Running head or footer, page number: not part of the text.
    pub furniture: bool,
}

impl Line<'_> {
    /// The line with its words owned, for a line read from text that does not last.
    pub fn into_owned(self) -> Line<'static> {
        Line {
            no: self.no,
            indent: self.indent,
            text: self.text.into_owned(),
            heading: self.heading,
            bullet: self.bullet,
            cells: self.cells,
            page_break: self.page_break,
            furniture: self.furniture,
        }
    }
    /// Blank after cleaning.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
    /// A row of a table (it had tabs).
    pub fn is_row(&self) -> bool {
        !self.cells.is_empty()
    }
}

/// The lines of a document, and the title of an HTML page if it had one.
pub struct Lines<'a> {
    pub lines: Vec<Line<'a>>,
    pub html_title: Option<String>,
}

/// Splits decoded text into cleaned lines.
pub fn to_lines(text: &str) -> Lines<'_> {
    if is_html_page(text) {
        let (page, html_title) = html_page_to_lines(text);
        let raw = page.iter().map(|(n, l)| (*n, l.as_str())).collect();
        // The page's lines go when this returns: the cleaned lines keep their own words.
        let lines = cleaned_lines(raw)
            .into_iter()
            .map(Line::into_owned)
            .collect();
        return Lines { lines, html_title };
    }
    let raw = {
        let mut v = Vec::with_capacity(text.len() / 60);
        let mut start = 0;
        let bytes = text.as_bytes();
        // A line ends at LF, CR LF, or a CR alone (old Mac and some word processors' text).
        for end in memchr::memchr2_iter(b'\n', b'\r', bytes).chain(std::iter::once(text.len())) {
            if end < start {
                continue; // the LF of a CR LF already ended this line
            }
            v.push((v.len() + 1, &text[start..end]));
            start = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
                end + 2
            } else {
                end + 1
            };
        }
        v
    };
    Lines {
        lines: cleaned_lines(raw),
        html_title: None,
    }
}

/// The source lines, numbered, cleaned and repaired, furniture marked.
fn cleaned_lines(raw: Vec<(usize, &str)>) -> Vec<Line<'_>> {
    let mut lines = Vec::with_capacity(raw.len());
    // Lines whose only text is their first cell, the others empty ("R2 ...<TAB>"): a table
    // row whose later cells are blank, or a line with a stray tab. Decided below, by the rows
    // around them.
    let mut open_rows = Vec::new();
    for (no, raw_line) in raw {
        // A form feed splits a line and marks a page break.
        if memchr::memchr(0x0c, raw_line.as_bytes()).is_none() {
            let line = parse_line(no, raw_line);
            if !line.is_row() && !line.is_blank() && ends_in_empty_cells(raw_line) {
                open_rows.push(lines.len());
            }
            lines.push(line);
            continue;
        }
        let mut page_break = false;
        let pieces: Vec<&str> = raw_line.split('\x0c').collect();
        let n = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            if k > 0 {
                page_break = true;
            }
            if n > 1 && piece.trim().is_empty() {
                continue;
            }
            let mut line = parse_line(no, piece);
            line.page_break = page_break;
            lines.push(line);
            page_break = false;
        }
    }
    reopen_rows(&mut lines, &open_rows);
    join_tail_cells(&mut lines);
    mark_glyph_bullets(&mut lines);
    join_split_labels(&mut lines);
    drop_numbers_before_labels(&mut lines);
    mark_furniture(&mut lines);
    lines
}

/// A row's last cell carried to a line of its own ("2 | To ensure ... |" then "Fully
/// Implemented |"): a line that is one cell closed by a pipe, right after a row, is that
/// row's next cell.
fn join_tail_cells(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let t = lines[i].text.trim();
        let tail =
            !lines[i].is_row() && t.ends_with('|') && t.matches('|').count() == 1 && t.len() > 1;
        if !tail || !lines[i - 1].is_row() {
            continue;
        }
        let cell = t.trim_end_matches('|').trim().to_string();
        let row = &mut lines[i - 1];
        row.text.push(' ');
        row.text.push_str(&cell);
        row.cells.push(cell);
        lines[i].text.clear();
    }
}

/// A label on a line of its own with its number on the next ("Recommendation" / "1"), as
/// a web page's separate boxes come out as text: one line "Recommendation 1", so the
/// number is not taken for a page number and the label reads as every other.
fn join_split_labels(lines: &mut [Line]) {
    for i in 0..lines.len().saturating_sub(1) {
        // Compared without lowering the line: no other character lowers to these letters.
        let label = lines[i].text.trim_end_matches([':', '.']);
        if ![
            "recommendation",
            "recommendation no",
            "rec",
            "action",
            "finding",
        ]
        .iter()
        .any(|w| label.eq_ignore_ascii_case(w))
            || lines[i].is_row()
            || lines[i + 1].is_row()
        {
            continue;
        }
        let next = lines[i + 1].text.trim();
        let number = !next.is_empty()
            && next.len() <= 6
            && next.starts_with(|c: char| c.is_ascii_digit())
            && next.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        if number {
            let joined = format!("{} {}", lines[i].text, next);
            lines[i].text = joined.into();
            lines[i + 1].text.clear();
        }
    }
}

/// The paragraph number before a label, as a government response numbers every paragraph
/// of its document: "1. Recommendation 1: “...”", then "2. Government response: ...".
/// The number only counts the document's paragraphs; the label says what the paragraph
/// is. Dropped before a recommendation's label with its own number and before the label
/// of an answer ("Government response:", "Response:"), where two such lines or more, one
/// of them a recommendation's, are numbered so; the response is then read with the
/// recommendation it answers.
fn drop_numbers_before_labels(lines: &mut [Line]) {
    fn after_number(t: &str) -> Option<&str> {
        // The number opens the line: most lines are done with at their first byte.
        if !t.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let (first, rest) = t.split_once(' ')?;
        let num = first.strip_suffix(['.', ')'])?;
        (!num.is_empty() && num.len() <= 3 && num.bytes().all(|b| b.is_ascii_digit()))
            .then_some(rest.trim_start())
    }
    fn answer_label(rest: &str) -> bool {
        rest.split_once(':').is_some_and(|(label, _)| {
            let words = label.split_whitespace().count();
            (1..=3).contains(&words)
                && label.starts_with(char::is_uppercase)
                && label.to_lowercase().ends_with("response")
        })
    }
    let labelled = |l: &Line| {
        !l.is_row()
            && after_number(&l.text)
                .is_some_and(|r| crate::numbered::rec_heading(r).is_some_and(|h| !h.1.is_empty()))
    };
    let answering = |l: &Line| !l.is_row() && after_number(&l.text).is_some_and(answer_label);
    let recs = lines.iter().filter(|l| labelled(l)).count();
    if recs == 0 || recs + lines.iter().filter(|l| answering(l)).count() < 2 {
        return;
    }
    for l in lines.iter_mut() {
        if l.is_row() {
            continue;
        }
        let Some(rest) = after_number(&l.text) else {
            continue;
        };
        if crate::numbered::rec_heading(rest).is_some() || answer_label(rest) {
            l.text = rest.to_string().into();
        }
    }
}

/// The one-character token a line opens with, before a space and an upper-case letter:
/// "4" in "4 Incorporate UPR recommendations ...". A symbol font's bullet comes out of a
/// PDF or a word processor as such a character ("4" for a tick, "l" for a dot, "q" for a
/// box, "§" for a square).
fn lead_token(l: &Line) -> Option<char> {
    if l.bullet || l.is_row() || l.heading.is_some() {
        return None;
    }
    let mut chars = l.text.chars();
    let c = chars.next()?;
    (chars.next() == Some(' ')
        && chars.next().is_some_and(char::is_uppercase)
        && !c.is_whitespace()
        // "A Summary", "I Introduction": words, not glyphs.
        && !matches!(c, 'A' | 'I' | 'a'))
    .then_some(c)
}

/// Lines that open with the same one-character token, three or more close together ("4
/// Incorporate ...", "4 Contribute ...", "4 Support ..."), are a bulleted list whose bullet
/// glyph was lost: a numbered list counts up, it does not repeat its number. They become
/// bullets, the token removed. A line or two between them (a sub-heading, a wrapped line)
/// does not break the list.
fn mark_glyph_bullets(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        let Some(token) = lead_token(&lines[i]) else {
            i += 1;
            continue;
        };
        let mut members = vec![i];
        let mut j = i + 1;
        while j < lines.len() && j - members[members.len() - 1] <= 3 {
            if lead_token(&lines[j]) == Some(token) {
                members.push(j);
            }
            j += 1;
        }
        if members.len() >= 3 {
            for &m in &members {
                let l = &mut lines[m];
                l.text = l.text[token.len_utf8()..].trim_start().to_string().into();
                l.bullet = true;
            }
        }
        i = members[members.len() - 1] + 1;
    }
}

/// "89.1<tab>Ratify ...": a list's label set off from its words as a cell of its own (a
/// word processor's hanging indent, or the gap a PDF's layout printed) is a numbered
/// line, not a row of two cells. Its words, label first.
fn labelled_line(cells: &mut [String]) -> Option<String> {
    let [label, words] = cells else {
        return None;
    };
    if !is_list_label(label) || words.is_empty() {
        return None;
    }
    let mut t = std::mem::take(label);
    t.push(' ');
    t.push_str(words);
    Some(t)
}

/// A list entry's label alone: "89.1", "4.2.1", "12.", "(a)", "b)", "(iv)".
fn is_list_label(cell: &str) -> bool {
    let c = cell.trim();
    if c.is_empty() || c.len() > 8 {
        return false;
    }
    let bracketed = c
        .strip_prefix('(')
        .unwrap_or(c)
        .strip_suffix(')')
        .filter(|inner| !inner.is_empty() && inner.len() <= 4);
    if let Some(inner) = bracketed {
        return inner.bytes().all(|b| b.is_ascii_digit())
            || inner.bytes().all(|b| b.is_ascii_lowercase());
    }
    let number = c.strip_suffix('.').unwrap_or(c);
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    // "89.1" or "12.": a bare "12" may be a table's number column.
    numeric && (parts.len() >= 2 || c.ends_with('.'))
}

/// The raw line has text in its first cell and only empty cells after it.
fn ends_in_empty_cells(raw: &str) -> bool {
    if memchr::memchr(b'\t', raw.as_bytes()).is_none() {
        return false;
    }
    let mut cells = raw.split('\t');
    cells.next().is_some_and(|c| !c.trim().is_empty()) && cells.all(|c| c.trim().is_empty())
}

/// A line with text only in its first cell is a row of the table around it when the
/// line just before or after it is a row: it gets that row's width, the later
/// cells empty. Without this, one empty last cell ends the table and every later row is read
/// as a paragraph.
fn reopen_rows(lines: &mut [Line], open: &[usize]) {
    for &i in open {
        // Earlier open lines are decided first, so a run of them follows the row above. A
        // blank line between ends the table: "Recommendation 2:<TAB><TAB>" after a table
        // and a blank line is a heading.
        let neighbour = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .find(|&j| lines.get(j).is_some_and(Line::is_row));
        let Some(j) = neighbour else { continue };
        let w = lines[j].cells.len().max(2);
        let first = lines[i].text.to_string();
        let cells = &mut lines[i].cells;
        cells.push(first);
        cells.resize(w, String::new());
    }
}

fn parse_line(no: usize, raw: &str) -> Line<'_> {
    let indent = raw
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let trimmed = raw.trim();
    let mut line = Line {
        no,
        indent,
        ..Line::default()
    };
    if memchr::memchr(b'\t', raw.as_bytes()).is_some() {
        let mut cells: Vec<String> = raw.split('\t').map(clean_cell).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if let Some(t) = labelled_line(&mut cells) {
            line.text = t.into();
            return line;
        }
        if cells.len() >= 2 {
            line.text = cells
                .iter()
                .filter(|c| !c.is_empty())
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ")
                .into();
            line.cells = cells;
            return line;
        }
    }
    // A Markdown pipe-table row reads like a tab-separated one; its delimiter row
    // ("|---|:--:|") is dropped.
    // A row exported without its opening pipe ("2 | To ensure that ... |"): two pipes or
    // more, the last closing the line.
    let opened;
    let piped = if !trimmed.starts_with('|')
        && trimmed.ends_with('|')
        && trimmed.matches(" | ").count() >= 1
        && trimmed.matches('|').count() >= 2
    {
        opened = format!("|{trimmed}");
        opened.as_str()
    } else {
        trimmed
    };
    if let Some(cells) = pipe_cells(piped) {
        if cells.iter().all(|c| is_delimiter_cell(c)) {
            return line;
        }
        let mut cells: Vec<String> = cells.iter().map(|c| clean_cell(c)).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if let Some(t) = labelled_line(&mut cells) {
            line.text = t.into();
            return line;
        }
        if cells.len() >= 2 {
            line.text = cells
                .iter()
                .filter(|c| !c.is_empty())
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ")
                .into();
            line.cells = cells;
            return line;
        }
    }
    let mut body = trimmed;
    // Markdown heading.
    let hashes = body.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && body[hashes..].starts_with([' ', '\t']) {
        line.heading = Some(hashes as u8);
        body = body[hashes..].trim_start();
    }
    // Bullet.
    let (is_bullet, rest) = strip_bullet(body);
    if is_bullet {
        line.bullet = true;
        body = rest;
    }
    // A line wholly in bold or underline reads as a heading.
    if line.heading.is_none() && !line.bullet && is_wholly_emphasised(body) {
        line.heading = Some(7);
    }
    line.text = match spaced_paragraph_number(body) {
        Some(marked) => clean_inline_text(&marked).into_owned(),
        None => clean_inline_text(body),
    };
    line
}

/// A paragraph number set in a column of its own and printed with spaces for its tab
/// ("1  In the four years ..."): a number of one to three digits, two spaces or more, then
/// a sentence. Written with its dot ("1. In the four years ..."), so the readers see the
/// numbered paragraph it is; one space after a bare number is too often a wrapped line
/// or a figure ("43 forces").
fn spaced_paragraph_number(body: &str) -> Option<String> {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &body[digits..];
    let words = rest.trim_start_matches(' ');
    // A sentence follows: a capitalised word of letters, then more words ("12   GE.25-02819"
    // is a page's footer).
    let first = words.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches([',', ':', ';']);
    let sentence = word.starts_with(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && (word.chars().count() == 1 || word.chars().any(char::is_lowercase))
        && words.split_whitespace().nth(3).is_some();
    (rest.len() - words.len() >= 2 && sentence).then(|| format!("{}. {words}", &body[..digits]))
}

/// The cells of a Markdown pipe-table row ("| a | b \\| c |"): at least two, the row
/// opening and closing with a pipe; `\\|` is a pipe inside a cell.
fn pipe_cells(t: &str) -> Option<Vec<String>> {
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    if inner.ends_with('\\') {
        return None;
    }
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cells.last_mut()?.push('|');
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut()?.push(c),
        }
    }
    (cells.len() >= 2).then_some(cells)
}

/// A delimiter cell of a pipe table: dashes, with optional alignment colons.
fn is_delimiter_cell(c: &str) -> bool {
    let t = c.trim();
    t.contains('-') && t.chars().all(|c| c == '-' || c == ':')
}

fn clean_cell(c: &str) -> String {
    let t = c.trim();
    let (_, rest) = strip_bullet(t);
    clean_inline_text(rest).into()
}

/// Removes a leading bullet marker; returns whether there was one.
pub fn strip_bullet(s: &str) -> (bool, &str) {
    let t = s.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some(c @ ('-' | '*' | '+' | '–')) if chars.next().is_some_and(char::is_whitespace) => {
            (true, t[c.len_utf8()..].trim_start())
        }
        Some(c) if is_bullet_glyph(c) => (true, t[c.len_utf8()..].trim_start()),
        // A word processor's second-level bullet saved as text: "o" then a tab or spaces.
        Some('o') if t[1..].starts_with('\t') || t[1..].starts_with("  ") => {
            (true, t[1..].trim_start())
        }
        _ => (false, t),
    }
}

fn is_wholly_emphasised(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with("**") && t.ends_with("**") && t.len() > 4 && !t[2..t.len() - 2].contains("**"))
        || (t.starts_with("<u>") && t.ends_with("</u>") && !t[3..].contains("<u>"))
        || (t.starts_with("<b>") && t.ends_with("</b>"))
        || (t.starts_with("<strong>") && t.ends_with("</strong>"))
}

/// Whether a line is only a page number ("12", "Page 3", "- 4 -", "3 of 20", "7 | Page",
/// the word letter-spaced as a footer's design prints it: "7 | P a g e").
pub fn is_page_number(text: &str) -> bool {
    if text.len() > 20 || text.is_empty() {
        return false;
    }
    if let Some((a, b)) = text.split_once('|') {
        let page_word = |s: &str| {
            let w: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            w.eq_ignore_ascii_case("page")
        };
        let number = if page_word(a) {
            b
        } else if page_word(b) {
            a
        } else {
            return false;
        };
        let n = number.trim();
        return !n.contains('|') && !n.is_empty() && is_page_number(n);
    }
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let t = match t.split_once(" of ") {
        Some((a, b)) if b.trim().chars().all(|c| c.is_ascii_digit()) => a.trim(),
        _ => t,
    };
    (!t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()))
        || (!t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// A line that is only a position, status or RAG word ("Supported", "Completed", "Red"):
/// what a list of items says of each of them, however often it repeats, and never a
/// running head, even when the first item's stands among the opening lines.
fn is_a_verdict(key: &str) -> bool {
    let k = key.trim().trim_end_matches(['.', ':']);
    let whole = |w: &str| w.trim().eq_ignore_ascii_case(k);
    heed_core::Position::from_words(k).is_some_and(|(_, w)| whole(&w))
        || heed_core::Status::from_leading_words(k).is_some_and(|(_, w)| whole(w))
        || (k.split_whitespace().count() == 1 && heed_core::Rag::from_words(k).is_some())
}

/// Lines that hold a bare number counting up by one from the bare number a few lines
/// before, three or more in a run: a list's numbers, each over its entry's words (a table
/// flattened a cell a line). A page's number stands beside a page break, or a page of
/// lines from the last.
fn list_numbers(lines: &[Line]) -> Vec<bool> {
    let mut marked = vec![false; lines.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut last: Option<(u32, usize)> = None; // value, index
    let mut words_since = 0; // non-blank lines since the last number
    let flush = |run: &mut Vec<usize>, marked: &mut Vec<bool>| {
        if run.len() >= 3 {
            for &k in run.iter() {
                marked[k] = true;
            }
        }
        run.clear();
    };
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        let t = l.text.trim();
        // A number beside a page break is the page's.
        let at_break = l.page_break
            || lines[i + 1..]
                .iter()
                .find(|n| !n.is_blank())
                .is_some_and(|n| n.page_break);
        let n = (!l.is_row() && !at_break && (1..=3).contains(&t.len()))
            .then(|| t.parse::<u32>().ok())
            .flatten();
        let Some(n) = n else {
            words_since += 1;
            continue;
        };
        let follows = last.is_some_and(|(v, _)| n == v + 1) && (1..=4).contains(&words_since);
        if !follows {
            flush(&mut run, &mut marked);
        }
        run.push(i);
        last = Some((n, i));
        words_since = 0;
    }
    flush(&mut run, &mut marked);
    marked
}

/// The words of a two-cell line whose other cell is a page number.
fn page_foot<'l>(l: &'l Line) -> Option<&'l str> {
    let [a, b] = l.cells.as_slice() else {
        return None;
    };
    if is_page_number(b) && !a.trim().is_empty() {
        Some(a.trim())
    } else if is_page_number(a) && !b.trim().is_empty() {
        Some(b.trim())
    } else {
        None
    }
}

fn furniture_key(l: &Line) -> String {
    l.text.to_lowercase()
}

/// Marks running heads, footers and page numbers.
///
/// A short line that comes back three times or more is a running head when it stands on
/// its own (blank lines, a page break or other furniture on both sides) in most of its
/// occurrences, and either repeats words of the document's opening title block (report
/// title, organisation, date, document symbol) or, somewhere, sits inside a sentence the
/// page break cut (the text before it left open, the text after it in lower case).
/// Section labels ("Strengths") repeat too, but stand between whole sentences and are not
/// in the title block, so they are kept. Lone numbers beside blank lines or furniture are
/// page numbers.
fn mark_furniture(lines: &mut [Line]) {
    // Each short line's key (its text lowered) is numbered once; `keys[k]` holds the lines
    // of key `k`, and `key_of[i]` the key of line `i` when its lowered text is one, so the
    // tests below compare numbers instead of lowering lines again.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut keys: Vec<(String, Vec<usize>)> = Vec::new();
    let mut key_of: Vec<Option<usize>> = vec![None; lines.len()];
    let mut longest = 0; // in characters
    // A text of n characters holds n to 4n bytes: its length in bytes settles most
    // comparisons without counting.
    let at_most = |t: &str, n: usize| t.len() <= n || (t.len() <= 4 * n && t.chars().count() <= n);
    // Lowered into one buffer: a key is copied only the first time it is seen.
    let mut key = String::new();
    for (i, l) in lines.iter().enumerate() {
        key.clear();
        // A running foot a layout printed as two cells, the page's number in one
        // ("GE.14-10028<tab>13", "12<tab>GE.14-10028"): keyed by its other cell.
        if let Some(foot) = page_foot(l).filter(|f| at_most(f, 80)) {
            key.push_str(&foot.to_lowercase());
        } else if !l.is_blank() && !l.is_row() && !l.bullet && at_most(&l.text, 80) {
            if l.text.is_ascii() {
                key.push_str(&l.text);
                key.make_ascii_lowercase();
            } else {
                key.push_str(&furniture_key(l));
            }
            longest = longest.max(key.chars().count());
        } else {
            continue;
        }
        let k = match ids.get(key.as_str()) {
            Some(&k) => k,
            None => {
                ids.insert(key.clone(), keys.len());
                keys.push((key.clone(), Vec::new()));
                keys.len() - 1
            }
        };
        keys[k].1.push(i);
        key_of[i] = Some(k);
    }
    // Other lines (rows, bullets, long lines) may still lower to a key; lowering never
    // shortens a text in characters, so only those no longer than the longest key can.
    for (i, l) in lines.iter().enumerate() {
        if key_of[i].is_none() && !l.is_blank() && at_most(&l.text, longest) {
            key_of[i] = ids.get(&furniture_key(l)).copied();
        }
    }
    let title_block: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(10)
        .map(furniture_key)
        .collect();
    let in_title_block =
        |key: &str| key.chars().count() >= 8 && title_block.iter().any(|t| contains_phrase(t, key));
    let is_page_no = |l: &Line| !l.is_row() && !l.bullet && is_page_number(&l.text);
    let repeated = |j: usize| key_of[j].is_some_and(|k| keys[k].1.len() >= 3);
    let quiet = |j: Option<usize>, key: usize| match j {
        None => true,
        Some(j) => {
            let l = &lines[j];
            l.is_blank() || is_page_no(l) || (repeated(j) && key_of[j] != Some(key))
        }
    };
    let mut furniture = vec![false; lines.len()];
    for (k, (key, idx)) in keys.iter().enumerate().filter(|(_, (_, v))| v.len() >= 3) {
        if ends_with_function_word(key) || key.ends_with(',') || is_a_verdict(key) {
            continue;
        }
        let standalone = idx
            .iter()
            .filter(|&&i| {
                let before = quiet(i.checked_sub(1), k) || lines[i].page_break;
                let after = quiet((i + 1 < lines.len()).then_some(i + 1), k)
                    || lines.get(i + 1).is_some_and(|n| n.page_break);
                before && after
            })
            .count();
        if standalone * 3 < idx.len() * 2 {
            continue;
        }
        let interrupts = idx.iter().any(|&i| {
            let before = (0..i)
                .rev()
                .find(|&j| !lines[j].is_blank() && key_of[j] != Some(k))
                .map(|j| &lines[j]);
            // Past the next page's own running head ("A/HRC/25/12" after the foot
            // "GE.14-10028 13"): a line that opens a page and repeats under another key.
            let after = (i + 1..lines.len())
                .find(|&j| {
                    let l = &lines[j];
                    let next_head = l.page_break && repeated(j) && key_of[j] != Some(k);
                    !(l.is_blank() || is_page_no(l) || next_head)
                })
                .map(|j| &lines[j]);
            before.is_some_and(|b| !b.is_row() && !ends_sentence(&b.text))
                && after.is_some_and(|a| a.text.chars().next().is_some_and(char::is_lowercase))
        });
        if in_title_block(key) || interrupts {
            for &i in idx {
                furniture[i] = true;
            }
        }
    }
    // A short line that opens every page it appears on, at least twice, is a running head
    // (a document symbol such as "A/HRC/14/15/Add.1" in a short document).
    for (_, idx) in keys.iter().filter(|(_, v)| v.len() >= 2) {
        if idx.iter().all(|&i| lines[i].page_break) {
            for &i in idx {
                furniture[i] = true;
            }
        }
    }
    // Page numbers: a lone number beside blank lines, a page break or other furniture.
    // Not the numbers of a list flattened a cell a line ("1" / its words / "2" / ...).
    let labels = list_numbers(lines);
    for _ in 0..2 {
        for i in 0..lines.len() {
            let l = &lines[i];
            if furniture[i] || l.heading.is_some() || !is_page_no(l) || labels[i] {
                continue;
            }
            let side = |j: Option<usize>| {
                j.is_none_or(|j| lines[j].is_blank() || furniture[j] || lines[j].page_break)
            };
            let before = side(i.checked_sub(1)) || l.page_break;
            let after = side((i + 1 < lines.len()).then_some(i + 1));
            if before && after {
                furniture[i] = true;
            }
        }
    }
    for (l, f) in lines.iter_mut().zip(furniture) {
        l.furniture = f;
    }
}

/// Whether `hay` contains `needle` at word boundaries.
pub fn contains_phrase(hay: &str, needle: &str) -> bool {
    heed_core::vocab::find_word(hay, needle).is_some()
}

pub(crate) fn ends_with_function_word(key: &str) -> bool {
    let last = key.rsplit(' ').next().unwrap_or("");
    is_function_word(last)
}

/// [`ends_with_function_word`] of text in any case: only its last word is lowered.
pub(crate) fn ends_with_function_word_any_case(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or("");
    is_function_word(&last.to_lowercase())
}

fn is_function_word(last: &str) -> bool {
    matches!(
        last,
        "the"
            | "of"
            | "to"
            | "and"
            | "a"
            | "an"
            | "in"
            | "for"
            | "that"
            | "with"
            | "on"
            | "by"
            | "or"
            | "as"
            | "its"
            | "their"
            | "is"
            | "are"
            | "be"
    )
}

/// Whether text ends a sentence (or a heading-like line that needs no full stop).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c == '"' || c == '”' || c == '’' || c == '\'' || c == ')' || c.is_whitespace()
    });
    t.ends_with(['.', '!', '?', ':', ';'])
}

#[cfg(test)]
mod tests;
