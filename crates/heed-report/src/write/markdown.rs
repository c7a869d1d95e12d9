//! Markdown: headings, paragraphs, bullets and pipe tables (GitHub style). Charts are left
//! out: their numbers are in the table that follows each one.
//!
//! Heed's reader reads pipe tables, so a Markdown report reads back. Cell text is one
//! line with `|` escaped; an empty cell stays empty. Markdown has no colours, so a RAG
//! cell shows its colour as a coloured circle before the name ("🟠 Amber").

use crate::model::{Block, Report, Table};
use heed_core::Rag;
use std::fmt::Write;

pub fn write(report: &Report) -> String {
    let mut out = String::with_capacity(4096);
    let _ = writeln!(out, "# {}\n\n{}\n", report.title, report.subtitle);
    for b in &report.blocks {
        match b {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level)), text);
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{p}\n");
            }
            Block::Bullets(items) => {
                for i in items {
                    let _ = writeln!(out, "- {i}");
                }
                out.push('\n');
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(_) => {}
        }
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
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
