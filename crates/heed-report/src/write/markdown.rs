//! Markdown: headings, paragraphs, bullets and pipe tables (GitHub style). Charts are left
//! out: their numbers are in the table that follows each one.
//!
//! Heed's reader reads pipe tables, so a Markdown report reads back. Cell text is one
//! line with `|` escaped; an empty cell stays empty. Markdown has no colours, so a RAG
//! cell shows its colour as a coloured circle before the name ("🟠 Amber").
//!
//! Every text (title, headings, paragraphs, bullets, cells) comes from reports and people,
//! and Markdown passes raw HTML through to whatever renders it: `<` and `&` are written as
//! the entities `&lt;` and `&amp;`, so a `<script>` in an item is shown, never run (and
//! Heed's reader decodes them, so the report still reads back).

use crate::model::{Block, Report, Table};
use heed_core::Rag;
use std::fmt::Write;

pub fn write(report: &Report) -> String {
    let mut out = String::with_capacity(4096);
    let _ = writeln!(
        out,
        "# {}\n\n{}\n",
        text(&report.title),
        text(&report.subtitle)
    );
    for b in &report.blocks {
        match b {
            Block::Heading { level, text } => {
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat(usize::from(*level)),
                    self::text(text)
                );
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{}\n", text(p));
            }
            Block::Bullets(items) => {
                for i in items {
                    let _ = writeln!(out, "- {}", text(i));
                }
                out.push('\n');
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(_) => {}
        }
    }
    out
}

/// Text with raw HTML made inert: `&` and `<` as entities.
fn text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['&', '<']) {
        std::borrow::Cow::Owned(s.replace('&', "&amp;").replace('<', "&lt;"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn cell(s: &str) -> String {
    text(s).replace('|', "\\|")
}

fn table(out: &mut String, t: &Table) {
    out.push('|');
    for h in &t.header {
        let _ = write!(out, " {} |", cell(h));
    }
    out.push_str("\n|");
    for _ in &t.header {
        out.push_str("---|");
    }
    out.push('\n');
    for row in &t.rows {
        out.push('|');
        for c in row {
            match c.rag {
                Some(r) => {
                    let _ = write!(out, " {} {} |", circle(r), cell(&c.text));
                }
                None if c.text.is_empty() => out.push_str("  |"),
                None => {
                    let _ = write!(out, " {} |", cell(&c.text));
                }
            }
        }
        out.push('\n');
    }
    out.push('\n');
}

fn circle(r: Rag) -> &'static str {
    match r {
        Rag::Red => "\u{1F534}",
        Rag::Amber => "\u{1F7E0}",
        Rag::Green => "\u{1F7E2}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    #[test]
    fn raw_html_in_titles_items_and_notes_is_escaped() {
        let report = Report {
            title: "<script>alert(1)</script> review".into(),
            subtitle: "As of <b>today</b>".into(),
            blocks: vec![
                Block::Heading {
                    level: 2,
                    text: "<img src=x onerror=alert(2)>".into(),
                },
                Block::Paragraph("Note: <iframe src=//x.example>".into()),
                Block::Bullets(vec!["<a href=javascript:alert(3)>x</a> & more".into()]),
                Block::Table(Table {
                    caption: None,
                    header: vec!["<th>".into()],
                    rows: vec![vec![Cell::text("<svg onload=alert(4)>")]],
                    widths: vec![],
                }),
            ],
            sheets: vec![],
        };
        let md = write(&report);
        assert!(!md.contains('<'), "{md}");
        assert!(
            md.contains("&lt;script&gt;") || md.contains("&lt;script>"),
            "{md}"
        );
        assert!(md.contains("&amp; more"), "{md}");
    }
}
