//! Snapshots of every layout of the sample review as Markdown and HTML, and of the CSV
//! and JSON exports: a change in what a committee reads shows up as a reviewable diff.

mod common;

use heed_report::{ExportFormat, Format, Layout, export, render};

#[test]
fn markdown_and_html_of_every_layout() {
    let input = common::sample();
    for layout in Layout::ALL {
        for format in [Format::Markdown, Format::Html] {
            let out =
                String::from_utf8(render(&input, layout, format).expect("renders")).expect("UTF-8");
            insta::assert_snapshot!(format!("{layout}.{format}"), out);
        }
    }
}

#[test]
fn csv_of_every_layout() {
    let input = common::sample();
    for layout in Layout::ALL {
        let out = String::from_utf8(render(&input, layout, Format::Csv).expect("renders"))
            .expect("UTF-8");
        insta::assert_snapshot!(format!("{layout}.csv"), out);
    }
}

#[test]
fn exports_with_history() {
    let input = common::sample();
    let csv = String::from_utf8(export(&input.items, ExportFormat::Csv, true).expect("csv"))
        .expect("UTF-8");
    insta::assert_snapshot!("export.csv", csv);
    let json =
        String::from_utf8(export(&input.items[..2], ExportFormat::Json, true).expect("json"))
            .expect("UTF-8");
    insta::assert_snapshot!("export.json", json);
    let plain =
        String::from_utf8(export(&input.items[..1], ExportFormat::Json, false).expect("json"))
            .expect("UTF-8");
    assert!(!plain.contains("\"history\""));
}

#[test]
fn html_is_self_contained() {
    let input = common::sample();
    for layout in Layout::ALL {
        let html = String::from_utf8(render(&input, layout, Format::Html).expect("renders"))
            .expect("UTF-8");
        for outside in ["<script", "<link", "src=", "url(", "@import", "href="] {
            assert!(!html.contains(outside), "{layout}: {outside}");
        }
        assert!(html.contains("<html lang=\"en-GB\">"));
        assert!(html.contains("@media print"));
    }
    let overview =
        String::from_utf8(render(&input, Layout::Overview, Format::Html).expect("renders"))
            .expect("UTF-8");
    assert!(overview.contains("<svg") && overview.contains("role=\"img\""));
    // The RAG colour is shown and named.
    let responses =
        String::from_utf8(render(&input, Layout::ResponseTable, Format::Html).expect("renders"))
            .expect("UTF-8");
    assert!(responses.contains("background:#FFD27F\"><span class=\"swatch rag-amber\""));
    assert!(responses.contains("</span>Amber</td>"));
}
