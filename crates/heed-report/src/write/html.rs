//! HTML: one self-contained page (styles inline, charts as inline SVG, no scripts, no
//! outside resources) that prints on A4 and reads well with a screen reader: a language,
//! one `h1`, captions and header scopes on tables, RAG colours always named in words
//! beside the swatch, colours with enough contrast for black text.
//!
//! Empty table cells hold a no-break space so that every row keeps its columns when the
//! page is turned back into text (Heed's reader drops leading empty cells otherwise).

use super::svg::{bar_chart, esc};
use crate::model::{Block, Report, Table, rag_fill, rag_strong};
use heed_core::Rag;
use std::fmt::Write;

const STYLE: &str = "
body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;line-height:1.4;color:#111;max-width:60em;margin:1.5em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}
h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #999}
h3{font-size:1.05em}
p.subtitle{color:#333;margin-top:0}
table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em}
th,td{border:1px solid #777;padding:.3em .45em;vertical-align:top;text-align:left}
th{background:#e8e8e8}
td.rag{white-space:nowrap;font-weight:bold}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.35em;border:1px solid #333;vertical-align:-.05em}
.rag-red{background:#F4A6A6}.rag-amber{background:#FFD27F}.rag-green{background:#A8D5A2}
.swatch.rag-red{background:#C0392B}.swatch.rag-amber{background:#E69500}.swatch.rag-green{background:#2E8B3E}
svg.chart{display:block;margin:.5em 0}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}tr,svg{break-inside:avoid}thead{display:table-header-group}th,.rag-red,.rag-amber,.rag-green,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@page{size:A4;margin:15mm}
";

pub fn write(report: &Report) -> String {
    let mut out = String::with_capacity(8192);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n",
        esc(&report.title),
        esc(&report.title),
        esc(&report.subtitle)
    );
    let mut charts = 0;
    for b in &report.blocks {
        match b {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", esc(text));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", esc(p));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for i in items {
                    let _ = writeln!(out, "<li>{}</li>", esc(i));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => table(&mut out, t),
            Block::Chart(c) => {
                charts += 1;
                out.push_str(&bar_chart(c, &format!("chart{charts}")));
                out.push('\n');
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn rag_class(r: Rag) -> &'static str {
    match r {
        Rag::Red => "rag-red",
        Rag::Amber => "rag-amber",
        Rag::Green => "rag-green",
    }
}

fn table(out: &mut String, t: &Table) {
    // The caption is a label, not a visible line: a visible caption would read back as
    // part of the paragraph before the table.
    match &t.caption {
        Some(c) => {
            let _ = writeln!(out, "<table aria-label=\"{}\">", esc(c));
        }
        None => out.push_str("<table>\n"),
    }
    out.push_str("<thead><tr>");
    for h in &t.header {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for c in row {
            match c.rag {
                Some(r) => {
                    let _ = write!(
                        out,
                        "<td class=\"rag {cls}\" style=\"background:#{fill}\"><span class=\"swatch {cls}\" style=\"background:#{strong}\" aria-hidden=\"true\"></span>{}</td>",
                        esc(&c.text),
                        cls = rag_class(r),
                        fill = rag_fill(r),
                        strong = rag_strong(r),
                    );
                }
                None if c.text.is_empty() => out.push_str("<td>&nbsp;</td>"),
                None => {
                    let _ = write!(out, "<td>{}</td>", esc(&c.text));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
