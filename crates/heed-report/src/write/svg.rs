//! Bar charts as SVG, drawn by hand: labelled, titled for screen readers, every bar's
//! number printed beside it, RAG bars in their colour. No chart library: the charts are
//! a dozen rectangles, and this keeps the HTML self-contained and the build small.

use crate::model::{Chart, rag_strong};
use std::fmt::Write;

/// Escapes text for XML.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart.
pub fn bar_chart(chart: &Chart, id: &str) -> String {
    let row_h = 26;
    let label_w = 130;
    let bar_w = 300;
    let h = 30 + chart.bars.len() * row_h + 10;
    let max = chart.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-t" width="{w}" height="{h}" viewBox="0 0 {w} {h}" class="chart"><title id="{id}-t">{t}</title>"#,
        w = label_w + bar_w + 60,
        t = esc(&chart.title)
    );
    let _ = write!(
        s,
        r#"<text x="0" y="18" font-size="14" font-weight="bold">{}</text>"#,
        esc(&chart.title)
    );
    for (i, b) in chart.bars.iter().enumerate() {
        let y = 30 + i * row_h;
        let w = b.value * bar_w / max;
        let fill = b.rag.map_or("4A5A78", rag_strong);
        let _ = write!(
            s,
            r##"<text x="{lx}" y="{ty}" font-size="12" text-anchor="end">{label}</text><rect x="{bx}" y="{y}" width="{w}" height="18" fill="#{fill}"/><text x="{nx}" y="{ty}" font-size="12">{n}</text>"##,
            lx = label_w - 8,
            ty = y + 14,
            label = esc(&b.label),
            bx = label_w,
            nx = label_w + w + 6,
            n = b.value
        );
    }
    s.push_str("</svg>");
    s
}
