//! The line model every reader works on: one cleaned line per source line, knowing its
//! 1-based source line number, indentation, whether it is a heading, a bullet or a table
//! row, and whether a page break came before it. Page furniture (running heads and
//! footers, page numbers) is marked here, found by repetition rather than by a list of
//! strings.

use crate::markup::{clean_inline, collapse_ws, html_page_to_lines, is_bullet_glyph, is_html_page};
use std::collections::HashMap;

/// One line of the document, cleaned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// 1-based line of the source.
    pub no: usize,
    /// Leading spaces of the raw line (a tab counts as four).
    pub indent: usize,
    /// The line's words, markup removed, white space collapsed. For a table row, the
    /// cells joined by single spaces.
    pub text: String,
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

impl Line {
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
pub struct Lines {
    pub lines: Vec<Line>,
    pub html_title: Option<String>,
}

/// Splits decoded text into cleaned lines.
pub fn to_lines(text: &str) -> Lines {
    let (raw, html_title): (Vec<(usize, String)>, Option<String>) = if is_html_page(text) {
        (html_page_to_lines(text), crate::markup::html_title(text))
    } else {
        let mut v = Vec::new();
        for (i, l) in text.split('\n').enumerate() {
            v.push((i + 1, l.trim_end_matches('\r').to_string()));
        }
        (v, None)
    };
    let mut lines = Vec::with_capacity(raw.len());
    for (no, raw_line) in raw {
        // A form feed splits a line and marks a page break.
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
    mark_furniture(&mut lines);
    Lines { lines, html_title }
}

fn parse_line(no: usize, raw: &str) -> Line {
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
    if raw.contains('\t') {
        let mut cells: Vec<String> = raw.split('\t').map(clean_cell).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.len() >= 2 {
            line.text = collapse_ws(&cells.join(" "));
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
    line.text = clean_inline(body);
    line
}

fn clean_cell(c: &str) -> String {
    let t = c.trim();
    let (_, rest) = strip_bullet(t);
    clean_inline(rest)
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

/// Whether a line is only a page number ("12", "Page 3", "- 4 -", "3 of 20").
pub fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let t = t.split(" of ").next().unwrap_or(t);
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
        || (!t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

fn furniture_key(l: &Line) -> String {
    l.text.to_lowercase()
}

/// Marks running heads, footers and page numbers.
///
/// A short line is furniture when it repeats (three times or more) and at least one of its
/// occurrences interrupts the flow of text: the text before it does not end a sentence,
/// or the text after it carries on in lower case, or a page break sits beside it. Lines
/// that only repeat because they are section labels ("Strengths") always stand between
/// whole sentences and are kept. Lone numbers between blank lines are page numbers.
fn mark_furniture(lines: &mut [Line]) {
    let mut count: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.is_blank() && !l.is_row() && !l.bullet && l.text.chars().count() <= 90 {
            count.entry(furniture_key(l)).or_default().push(i);
        }
    }
    let prev_content = |lines: &[Line], i: usize| {
        lines[..i]
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .map(|l| l.text.clone())
    };
    let next_content = |lines: &[Line], i: usize| {
        lines[i + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .map(|l| l.text.clone())
    };
    let mut furniture = vec![false; lines.len()];
    for idx in count.values().filter(|v| v.len() >= 3) {
        let interrupts = idx.iter().any(|&i| {
            let before = prev_content(lines, i);
            let after = next_content(lines, i);
            let open_before = before.is_some_and(|b| !ends_sentence(&b));
            let lower_after =
                after.is_some_and(|a| a.chars().next().is_some_and(char::is_lowercase));
            open_before
                || lower_after
                || lines[i].page_break
                || lines.get(i + 1).is_some_and(|n| n.page_break)
        });
        // A repeated opening line of paragraphs ("The Director of X should ensure that")
        // is not furniture: every time, it starts after a blank line, is itself an open
        // sentence, and goes straight on into a lower-case line of the same paragraph.
        let opens_paragraphs = idx.iter().all(|&i| {
            let blank_before = i == 0 || lines[i - 1].is_blank();
            let next = lines.get(i + 1);
            blank_before
                && !lines[i].page_break
                && !ends_sentence(&lines[i].text)
                && next.is_some_and(|n| {
                    !n.page_break && n.text.chars().next().is_some_and(char::is_lowercase)
                })
        });
        // A running head comes once a page: lines that repeat every few lines are the
        // shared wording of a run of paragraphs, not furniture.
        let mut gaps: Vec<usize> = idx
            .windows(2)
            .map(|w| lines[w[1]].no.saturating_sub(lines[w[0]].no))
            .collect();
        gaps.sort_unstable();
        let too_close = gaps.get(gaps.len() / 2).is_some_and(|g| *g < 10);
        // Repeats of one and the same line of the title block count too, when the line
        // comes back at least three times and is not a section label followed by content.
        if interrupts && !opens_paragraphs && !too_close {
            for &i in idx {
                furniture[i] = true;
            }
        }
    }
    // A short line that opens every page it appears on, at least twice, is a running head.
    for idx in count.values().filter(|v| v.len() >= 2) {
        if idx.iter().all(|&i| lines[i].page_break) {
            for &i in idx {
                furniture[i] = true;
            }
        }
    }
    // Lines that sit next to a furniture line and also repeat are furniture too (a running
    // head of two lines: title, then date).
    for (key, idx) in &count {
        if idx.len() >= 2
            && !key.is_empty()
            && idx
                .iter()
                .all(|&i| neighbour_is_furniture(&furniture, lines, i))
        {
            for &i in idx {
                furniture[i] = true;
            }
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if !l.is_row() && !l.bullet && l.heading.is_none() && is_page_number(&l.text) {
            let blank_around =
                (i == 0 || lines[i - 1].is_blank()) && lines.get(i + 1).is_none_or(Line::is_blank);
            // A page number at the foot of a page: blank before it, and the next line opens
            // a new page (a form feed, possibly with the running head on the same line).
            let foot_of_page = (i == 0 || lines[i - 1].is_blank())
                && lines.get(i + 1).is_some_and(|n| n.page_break);
            if blank_around || foot_of_page || l.page_break {
                furniture[i] = true;
            }
        }
    }
    for (l, f) in lines.iter_mut().zip(furniture) {
        l.furniture = f;
    }
}

fn neighbour_is_furniture(furniture: &[bool], lines: &[Line], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        j -= 1;
        if !lines[j].is_blank() {
            if furniture[j] {
                return true;
            }
            break;
        }
    }
    let mut j = i + 1;
    while j < lines.len() {
        if !lines[j].is_blank() {
            return furniture[j];
        }
        j += 1;
    }
    false
}

/// Whether text ends a sentence (or a heading-like line that needs no full stop).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c == '"' || c == '”' || c == '’' || c == '\'' || c == ')' || c.is_whitespace()
    });
    t.ends_with(['.', '!', '?', ':', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_kinds() {
        let l = to_lines("# **Strengths**\n- one\n  cont\nKey\tAction\tResult\n\x0cNext\n").lines;
        assert_eq!(l[0].heading, Some(1));
        assert_eq!(l[0].text, "Strengths");
        assert!(l[1].bullet);
        assert_eq!(l[2].indent, 2);
        assert_eq!(l[3].cells, vec!["Key", "Action", "Result"]);
        assert!(l[4].page_break);
    }
}
