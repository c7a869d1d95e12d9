//! PDF, written by hand: A4 pages, the standard Helvetica fonts (every PDF reader has
//! them, so nothing is embedded), WinAnsi text, tables ruled and wrapped with their
//! header repeated on each page, RAG cells filled and named, bar charts drawn as
//! rectangles, and "page n of N" in the footer.
//!
//! Why not a PDF crate: what a committee report needs is text, lines and filled
//! rectangles, which is a few hundred lines of PDF operators; printpdf and friends bring
//! font parsing and image stacks, and no program outside the binary is needed at run
//! time. Characters outside Windows-1252 print as "?".

use crate::model::{Block, Chart, Report, Table, rag_fill, rag_strong};
use std::fmt::Write;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const MARGIN_TOP: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 60.0;
const BODY_W: f32 = PAGE_W - 2.0 * MARGIN_X;

/// Helvetica's advance widths (1/1000 em) for ASCII 32..=126, from its AFM.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // :;<=>?@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, // A-Z
    278, 278, 278, 469, 556, 333, // [\]^_`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
    278, 556, 500, 722, 500, 500, 500, // a-z
    334, 260, 334, 584, // {|}~
];

#[derive(Clone, Copy, PartialEq)]
enum Font {
    Regular,
    Bold,
}

impl Font {
    fn name(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// The Windows-1252 byte for a character, or `?`.
fn win_ansi(c: char) -> u8 {
    let u = c as u32;
    match u {
        0x20..=0x7E | 0xA0..=0xFF => u as u8,
        _ => match c {
            '€' => 0x80,
            '‚' => 0x82,
            'ƒ' => 0x83,
            '„' => 0x84,
            '…' => 0x85,
            '†' => 0x86,
            '‡' => 0x87,
            'ˆ' => 0x88,
            '‰' => 0x89,
            'Š' => 0x8A,
            '‹' => 0x8B,
            'Œ' => 0x8C,
            'Ž' => 0x8E,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '˜' => 0x98,
            '™' => 0x99,
            'š' => 0x9A,
            '›' => 0x9B,
            'œ' => 0x9C,
            'ž' => 0x9E,
            'Ÿ' => 0x9F,
            '\t' | '\n' | '\r' => b' ',
            _ => b'?',
        },
    }
}

fn char_width(b: u8, font: Font) -> f32 {
    let w = match b {
        0x20..=0x7E => f32::from(HELVETICA[usize::from(b - 0x20)]),
        0x85 | 0x89 | 0x97 | 0x99 | 0x8C | 0x9C => 1000.0,
        0x95 => 350.0,
        0x91..=0x94 | 0x82 | 0x84 | 0x8B | 0x9B => 333.0,
        _ => 667.0,
    };
    // Helvetica-Bold is a little wider; erring wide keeps text inside its cell.
    if font == Font::Bold { w * 1.1 } else { w }
}

fn text_width(s: &str, font: Font, size: f32) -> f32 {
    s.chars()
        .map(|c| char_width(win_ansi(c), font))
        .sum::<f32>()
        * size
        / 1000.0
}

/// Splits text into lines no wider than `width`; words longer than a line are cut.
fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if text_width(&candidate, font, size) <= width {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if text_width(word, font, size) <= width {
            cur = word.to_string();
        } else {
            for c in word.chars() {
                let mut next = cur.clone();
                next.push(c);
                if text_width(&next, font, size) > width && !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                    cur.push(c);
                } else {
                    cur = next;
                }
            }
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// A PDF string literal in WinAnsi.
fn pdf_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('(');
    for c in s.chars() {
        match win_ansi(c) {
            b'(' => out.push_str("\\("),
            b')' => out.push_str("\\)"),
            b'\\' => out.push_str("\\\\"),
            b @ 0x20..=0x7E => out.push(char::from(b)),
            b => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
    out
}

fn rgb(hex: &str) -> (f32, f32, f32) {
    let v = u32::from_str_radix(hex, 16).unwrap_or(0);
    (
        ((v >> 16) & 0xFF) as f32 / 255.0,
        ((v >> 8) & 0xFF) as f32 / 255.0,
        (v & 0xFF) as f32 / 255.0,
    )
}

/// Lays pages out top to bottom.
struct Pages {
    pages: Vec<String>,
    y: f32,
}

impl Pages {
    fn new() -> Pages {
        Pages {
            pages: vec![String::new()],
            y: PAGE_H - MARGIN_TOP,
        }
    }
    fn cur(&mut self) -> &mut String {
        if self.pages.is_empty() {
            self.pages.push(String::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }
    fn new_page(&mut self) {
        self.pages.push(String::new());
        self.y = PAGE_H - MARGIN_TOP;
    }
    /// Starts a new page unless `h` points still fit.
    fn need(&mut self, h: f32) {
        if self.y - h < MARGIN_BOTTOM {
            self.new_page();
        }
    }
    fn text(&mut self, x: f32, y: f32, s: &str, font: Font, size: f32) {
        let op = format!(
            "BT /{} {size} Tf {x:.2} {y:.2} Td {} Tj ET\n",
            font.name(),
            pdf_string(s)
        );
        self.cur().push_str(&op);
    }
    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, hex: &str) {
        let (r, g, b) = rgb(hex);
        let op = format!("q {r:.3} {g:.3} {b:.3} rg {x:.2} {y:.2} {w:.2} {h:.2} re f Q\n");
        self.cur().push_str(&op);
    }
    fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let op = format!("q 0.45 G 0.5 w {x:.2} {y:.2} {w:.2} {h:.2} re S Q\n");
        self.cur().push_str(&op);
    }
    /// A wrapped block of text at the left margin (plus `indent`).
    fn lines(&mut self, text: &str, font: Font, size: f32, indent: f32, space_after: f32) {
        let lh = size * 1.3;
        for line in wrap(text, font, size, BODY_W - indent) {
            self.need(lh);
            self.y -= lh;
            let y = self.y + size * 0.25;
            self.text(MARGIN_X + indent, y, &line, font, size);
        }
        self.y -= space_after;
    }

    fn table(&mut self, t: &Table) {
        let size = 8.5;
        let lh = size * 1.25;
        let pad = 3.0;
        let n = t.header.len().max(1);
        let total: f32 = if t.widths.len() == n {
            t.widths.iter().map(|w| f32::from(*w)).sum()
        } else {
            n as f32
        };
        let widths: Vec<f32> = (0..n)
            .map(|i| {
                let w = if t.widths.len() == n {
                    f32::from(t.widths[i])
                } else {
                    1.0
                };
                BODY_W * w / total.max(1.0)
            })
            .collect();
        let header_lines: Vec<Vec<String>> = t
            .header
            .iter()
            .zip(&widths)
            .map(|(h, w)| wrap(h, Font::Bold, size, w - 2.0 * pad))
            .collect();
        let header_h = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let draw_header = |p: &mut Pages| {
            let mut x = MARGIN_X;
            let top = p.y;
            for (lines, w) in header_lines.iter().zip(&widths) {
                p.fill_rect(x, top - header_h, *w, header_h, "E8E8E8");
                p.stroke_rect(x, top - header_h, *w, header_h);
                for (k, l) in lines.iter().enumerate() {
                    let y = top - pad - (k as f32 + 1.0) * lh + size * 0.25;
                    p.text(x + pad, y, l, Font::Bold, size);
                }
                x += w;
            }
            p.y -= header_h;
        };
        self.need(header_h + lh + 2.0 * pad);
        draw_header(self);
        for row in &t.rows {
            let cells: Vec<(Vec<String>, Font)> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    let font = if c.rag.is_some() {
                        Font::Bold
                    } else {
                        Font::Regular
                    };
                    (wrap(&c.text, font, size, w - 2.0 * pad), font)
                })
                .collect();
            let rows_of_lines = cells.iter().map(|(l, _)| l.len()).max().unwrap_or(1);
            let mut done = 0;
            while done < rows_of_lines {
                let room = ((self.y - MARGIN_BOTTOM - 2.0 * pad) / lh).floor().max(0.0) as usize;
                // On a page that holds only the header, take what fits (at least a line),
                // so a header taller than a page cannot loop for ever.
                let fresh = self.y >= PAGE_H - MARGIN_TOP - header_h - 0.01;
                if !fresh && (room == 0 || (done == 0 && room < rows_of_lines.min(3))) {
                    self.new_page();
                    draw_header(self);
                    continue;
                }
                let take = room.max(1).min(rows_of_lines - done);
                let h = take as f32 * lh + 2.0 * pad;
                let top = self.y;
                let mut x = MARGIN_X;
                for ((lines, font), (cell, w)) in cells.iter().zip(row.iter().zip(&widths)) {
                    if let Some(r) = cell.rag {
                        self.fill_rect(x, top - h, *w, h, rag_fill(r));
                        // A swatch in the strong colour, so the rating shows even in grey.
                        self.fill_rect(x + *w - 8.0, top - h, 8.0, h, rag_strong(r));
                    }
                    self.stroke_rect(x, top - h, *w, h);
                    for (k, l) in lines.iter().skip(done).take(take).enumerate() {
                        let y = top - pad - (k as f32 + 1.0) * lh + size * 0.25;
                        self.text(x + pad, y, l, *font, size);
                    }
                    x += w;
                }
                self.y -= h;
                done += take;
                if done < rows_of_lines {
                    self.new_page();
                    draw_header(self);
                }
            }
        }
        self.y -= 10.0;
    }

    fn chart(&mut self, c: &Chart) {
        let bar_h = 14.0;
        let gap = 5.0;
        let label_w = 110.0;
        let bar_w = BODY_W - label_w - 40.0;
        let h = 18.0 + c.bars.len() as f32 * (bar_h + gap);
        self.need(h);
        self.y -= 12.0;
        let title_y = self.y;
        self.text(MARGIN_X, title_y, &c.title, Font::Bold, 10.0);
        self.y -= 8.0;
        let max = c.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f32;
        for b in &c.bars {
            self.y -= bar_h + gap;
            let y = self.y;
            let lw = text_width(&b.label, Font::Regular, 9.0);
            self.text(
                MARGIN_X + label_w - 6.0 - lw,
                y + 4.0,
                &b.label,
                Font::Regular,
                9.0,
            );
            let w = b.value as f32 * bar_w / max;
            if w > 0.0 {
                self.fill_rect(
                    MARGIN_X + label_w,
                    y,
                    w,
                    bar_h,
                    b.rag.map_or("4A5A78", rag_strong),
                );
            }
            self.text(
                MARGIN_X + label_w + w + 4.0,
                y + 4.0,
                &b.value.to_string(),
                Font::Regular,
                9.0,
            );
        }
        self.y -= 10.0;
    }
}

/// A PDF text string for the document information dictionary (UTF-16BE, so any title
/// shows right in a viewer's title bar).
fn info_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for u in s.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push('>');
    out
}

pub fn write(report: &Report) -> Vec<u8> {
    let mut p = Pages::new();
    p.lines(&report.title, Font::Bold, 17.0, 0.0, 2.0);
    p.lines(&report.subtitle, Font::Regular, 10.5, 0.0, 10.0);
    for b in &report.blocks {
        match b {
            Block::Heading { level, text } => {
                let size = match level {
                    0..=2 => 13.0,
                    3 => 11.0,
                    _ => 10.0,
                };
                // Keep a heading with at least three lines of what follows.
                p.need(size * 1.3 + 40.0);
                p.y -= 8.0;
                p.lines(text, Font::Bold, size, 0.0, 3.0);
            }
            Block::Paragraph(t) => p.lines(t, Font::Regular, 10.0, 0.0, 6.0),
            Block::Bullets(items) => {
                for i in items {
                    p.need(13.0);
                    let y = p.y - 13.0 + 2.5;
                    p.text(MARGIN_X + 2.0, y, "•", Font::Regular, 10.0);
                    p.lines(i, Font::Regular, 10.0, 12.0, 2.0);
                }
                p.y -= 4.0;
            }
            Block::Table(t) => p.table(t),
            Block::Chart(c) => p.chart(c),
        }
    }
    let n = p.pages.len();
    for (k, page) in p.pages.iter_mut().enumerate() {
        let footer = format!("{} - page {} of {n}", report.title, k + 1);
        let _ = writeln!(
            page,
            "BT /F1 8 Tf {MARGIN_X:.2} 30 Td {} Tj ET",
            pdf_string(&footer)
        );
    }
    assemble(&p.pages, &report.title)
}

/// Objects, cross-reference table and trailer.
fn assemble(pages: &[String], title: &str) -> Vec<u8> {
    // 1 catalog, 2 pages, 3 regular font, 4 bold font, 5 info, then a page and its
    // content stream for each page.
    let n = pages.len();
    let mut objects: Vec<String> = Vec::with_capacity(5 + 2 * n);
    objects.push("<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    );
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .into(),
    );
    objects.push(format!(
        "<< /Title {} /Producer (Heed) >>",
        info_string(title)
    ));
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
            7 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let mut out = String::with_capacity(pages.iter().map(String::len).sum::<usize>() + 4096);
    out.push_str("%PDF-1.4\n%\u{e2}\u{e3}\u{cf}\u{d3}\n");
    // The binary-marker comment above is written as UTF-8 bytes; offsets count bytes.
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{o}\nendobj\n", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        // Each entry is exactly 20 bytes, its line break included.
        let _ = writeln!(out, "{off:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_and_strings() {
        let lines = wrap(
            "one two three four five six seven",
            Font::Regular,
            10.0,
            60.0,
        );
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| text_width(l, Font::Regular, 10.0) <= 60.0)
        );
        assert_eq!(pdf_string("a (b) \\ – é"), "(a \\(b\\) \\\\ \\226 \\351)");
        assert_eq!(wrap("", Font::Regular, 10.0, 50.0), vec![String::new()]);
    }

    #[test]
    fn a_table_wider_than_the_page_still_ends() {
        let t = Table {
            caption: None,
            header: (0..80)
                .map(|i| format!("Column heading number {i}"))
                .collect(),
            rows: vec![vec![crate::model::Cell::text("x"); 80]; 3],
            widths: Vec::new(),
        };
        let report = Report {
            title: "Wide".into(),
            subtitle: String::new(),
            blocks: vec![Block::Table(t)],
            sheets: Vec::new(),
        };
        assert!(write(&report).starts_with(b"%PDF-1.4"));
    }
}
