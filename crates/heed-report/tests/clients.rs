//! Heed's XLSX, DOCX and PDF as real third-party programs see them: LibreOffice converts
//! the XLSX to CSV and the DOCX to text, poppler's `pdftotext`, `pdfinfo` and `pdftoppm`
//! read and render the PDF. With `CI=true` these fail when a program is missing.

mod common;

use heed_report::{ExportFormat, Format, Layout, export, render};
use heed_testkit::tools;
use std::io::Read;
use std::path::Path;
use std::process::Command;

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut f = z.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("UTF-8 part");
    s
}

#[test]
fn xlsx_has_typed_dates_frozen_header_filters_and_rag_fills() {
    let input = common::sample();
    let bytes = render(&input, Layout::ResponseTable, Format::Xlsx).expect("renders");
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\""), "frozen header row");
    assert!(
        sheet.contains("<autoFilter ref=\"A1:G6\""),
        "filters: {sheet}"
    );
    let styles = zip_part(&bytes, "xl/styles.xml");
    for fill in ["FFF4A6A6", "FFFFD27F", "FFA8D5A2"] {
        assert!(styles.contains(fill), "RAG fill {fill}");
    }
    assert!(styles.contains("dd mmm yyyy"), "a date format");
    // Dates are numbers with that format, never text.
    assert!(
        sheet.contains("<c r=\"G3\" s=\"5\"><v>46112</v></c>"),
        "31 March 2026 as Excel's serial 46112: {sheet}"
    );
    let workbook = zip_part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(
            "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">"
        ),
        "Excel's name for the filter range: {workbook}"
    );
    let core = zip_part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>CDRP Scrutiny: progress on recommendations</dc:title>"),
        "{core}"
    );
}

#[test]
fn libreoffice_reads_the_xlsx() {
    let Some(soffice) = tools::need("soffice") else {
        return;
    };
    let dir = heed_testkit::temp_dir("xlsx");
    let input = common::sample();
    for (name, bytes) in [
        (
            "responses",
            render(&input, Layout::ResponseTable, Format::Xlsx).expect("renders"),
        ),
        (
            "export",
            export(&input.items, ExportFormat::Xlsx, true).expect("exports"),
        ),
    ] {
        let path = dir.join(format!("{name}.xlsx"));
        std::fs::write(&path, &bytes).expect("write");
        let csv_path = tools::soffice_convert(&soffice, &path, "csv", None);
        let csv = std::fs::read_to_string(&csv_path).expect("csv");
        let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_bytes())
            .records()
            .map(|r| r.expect("row").iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            rows.len(),
            if name == "export" { 8 } else { 6 },
            "{name}: {csv}"
        );
        // An export starts with the register's item id (empty here), then the ref.
        let ref_col = usize::from(name == "export");
        assert_eq!(rows[0][ref_col], "Ref");
        let row2 = rows
            .iter()
            .find(|r| r.get(ref_col).is_some_and(|c| c == "2"))
            .unwrap_or_else(|| panic!("{name}: no row for item 2: {csv}"));
        assert!(
            row2.iter()
                .any(|c| c.starts_with("The MPS should review tenure"))
        );
        assert!(row2.iter().any(|c| c == "Amber"), "{name}: {row2:?}");
        // A typed date: LibreOffice prints it in its locale's date format ("03/31/2026"),
        // never as the ISO text ("2026-03" / "2026-03-31") a text cell would keep.
        assert!(
            row2.iter()
                .any(|c| c == "03/31/2026" || c == "31 Mar 2026" || c == "31/03/2026"),
            "{name}: {row2:?}"
        );
        assert!(
            !row2.iter().any(|c| c.starts_with("2026-03")),
            "{name}: {row2:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn libreoffice_reads_the_docx() {
    let Some(soffice) = tools::need("soffice") else {
        return;
    };
    let dir = heed_testkit::temp_dir("docx");
    let input = common::sample();
    for layout in [Layout::ProgressTable, Layout::Overview] {
        let path = dir.join(format!("{layout}.docx"));
        std::fs::write(
            &path,
            render(&input, layout, Format::Docx).expect("renders"),
        )
        .expect("write");
        let txt = tools::soffice_convert(&soffice, &path, "txt:Text (encoded):UTF8", None);
        let text = std::fs::read_to_string(&txt).expect("text");
        assert!(
            text.contains("CDRP Scrutiny: progress on recommendations"),
            "{text}"
        );
        match layout {
            Layout::ProgressTable => {
                assert!(text.contains("Recommendation 2"));
                assert!(text.contains("Officers to be identified by BOCUs"));
                assert!(
                    text.contains("Progress update (2 October 2026): In progress. HR has drafted")
                );
                assert!(text.contains("Status: Completed"));
            }
            _ => {
                assert!(text.contains("Overdue as of 27 November 2026"));
                assert!(text.contains("Waiting for the Service Review to report."));
                assert!(text.contains("Not rated"));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A Word document written by LibreOffice (not by Heed) reads as the report it came from:
/// Heed's HTML of each seed's response and progress tables, converted to DOCX by
/// LibreOffice, gives the same refs, texts and statuses through Heed's reader.
#[test]
fn heed_reads_word_documents_that_libreoffice_wrote() {
    let Some(soffice) = tools::need("soffice") else {
        return;
    };
    let dir = heed_testkit::temp_dir("docx-in");
    let key =
        |d: &heed_core::Document| -> Vec<(Option<String>, String, Option<heed_core::Status>)> {
            d.items
                .iter()
                .map(|i| {
                    (
                        i.r#ref.clone(),
                        heed_report::model::one_line(&i.text),
                        i.status,
                    )
                })
                .collect()
        };
    let mut checked = 0;
    for (name, bytes) in common::seeds() {
        let doc = heed_read::read(&bytes, &heed_read::ReadOptions::default()).expect("seed");
        let input = heed_report::ReportInput::from_document(&doc, common::day(2026, 11, 27));
        for layout in [Layout::ResponseTable, Layout::ProgressTable] {
            let html = render(&input, layout, Format::Html).expect("renders");
            let from_html =
                heed_read::read(&html, &heed_read::ReadOptions::default()).expect("html reads");
            let path = dir.join(format!("{name}-{layout}.html"));
            std::fs::write(&path, &html).expect("write");
            let docx = tools::soffice_convert(
                &soffice,
                &path,
                "docx:MS Word 2007 XML",
                Some("HTML (StarWriter)"),
            );
            let word = std::fs::read(&docx).expect("docx");
            let from_word = heed_read::read(&word, &heed_read::ReadOptions::default())
                .unwrap_or_else(|e| panic!("{}: {e}", docx.display()));
            assert_eq!(
                key(&from_word),
                key(&from_html),
                "{name} {layout}: the Word document LibreOffice wrote ({})",
                docx.display()
            );
            checked += from_html.items.len();
        }
    }
    assert!(checked > 50, "only {checked} items checked");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn libreoffice_keeps_the_docx_charts() {
    let Some(soffice) = tools::need("soffice") else {
        return;
    };
    let dir = heed_testkit::temp_dir("docx-charts");
    let path = dir.join("overview.docx");
    std::fs::write(
        &path,
        render(&common::sample(), Layout::Overview, Format::Docx).expect("renders"),
    )
    .expect("write");
    let odt = tools::soffice_convert(&soffice, &path, "odt", None);
    let bytes = std::fs::read(&odt).expect("odt");
    let content = zip_part(&bytes, "content.xml");
    // Each chart came through as an embedded chart object.
    let objects = content.matches("<draw:object ").count();
    assert_eq!(objects, 2, "two chart objects in {content}");
    // (LibreOffice does not keep a chart's alternative text on import; the XML test in
    // write/docx.rs checks it is written.)
    // Each object is a bar chart whose data table holds the bars' labels and numbers.
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
    let names: Vec<String> = z
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.to_string())
        .collect();
    let mut charts = Vec::new();
    for name in names
        .iter()
        .filter(|n| n.starts_with("Object") && n.ends_with("/content.xml"))
    {
        let mut s = String::new();
        z.by_name(name)
            .expect("part")
            .read_to_string(&mut s)
            .expect("UTF-8");
        charts.push(s);
    }
    assert_eq!(charts.len(), 2, "{names:?}");
    let rag = charts
        .iter()
        .find(|c| c.contains("Items by RAG rating"))
        .expect("the RAG chart");
    assert!(rag.contains("chart:class=\"chart:bar\""), "{rag}");
    for label in ["Red", "Amber", "Green", "Not rated"] {
        assert!(
            rag.contains(&format!("<text:p>{label}</text:p>")),
            "{label} in {rag}"
        );
    }
    assert!(
        rag.contains("office:value=\"2\""),
        "the Not rated count in {rag}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{} {args:?}: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn poppler_reads_and_renders_the_pdf() {
    let (Some(pdftotext), Some(pdfinfo), Some(pdftoppm)) = (
        tools::need("pdftotext"),
        tools::need("pdfinfo"),
        tools::need("pdftoppm"),
    ) else {
        return;
    };
    let dir = heed_testkit::temp_dir("pdf");
    let small = dir.join("overview.pdf");
    std::fs::write(
        &small,
        render(&common::sample(), Layout::Overview, Format::Pdf).expect("renders"),
    )
    .expect("write");
    let info = squeeze(&run(&pdfinfo, &[small.to_str().expect("path")]));
    assert!(
        info.contains("Title: CDRP Scrutiny: progress on recommendations"),
        "{info}"
    );
    assert!(
        info.contains("Page size: 595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    let small_pages = page_count(&info);
    let text = run(&pdftotext, &["-layout", small.to_str().expect("path"), "-"]);
    for want in [
        "Items by RAG rating",
        "Overdue as of 27 November 2026",
        "Waiting for the Service Review to report.",
        "Amber",
        &format!("page {small_pages} of {small_pages}"),
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }

    // A long report: many pages, every item there, the header repeated.
    let big = dir.join("progress.pdf");
    let input = common::synthetic(120);
    std::fs::write(
        &big,
        render(&input, Layout::ResponseTable, Format::Pdf).expect("renders"),
    )
    .expect("write");
    let info = run(&pdfinfo, &[big.to_str().expect("path")]);
    let pages = page_count(&info);
    assert!(pages > 5, "{pages} pages");
    let text = run(&pdftotext, &[big.to_str().expect("path"), "-"]);
    assert!(text.contains(&format!("page {pages} of {pages}")));
    assert!(
        text.matches("Recommendation").count() >= pages,
        "header on every page"
    );
    for k in [0, 58, 118] {
        assert!(
            text.contains(&format!("Response to item {k}: work has begun")),
            "item {k} missing"
        );
    }
    run(
        &pdftoppm,
        &[
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "2",
            big.to_str().expect("path"),
            dir.join("page").to_str().expect("path"),
        ],
    );
    let pngs: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".png"))
        .collect();
    assert_eq!(pngs.len(), 2, "pdftoppm rendered two pages");
    assert!(
        pngs.iter()
            .all(|p| p.metadata().map(|m| m.len() > 1000).unwrap_or(false))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The sample with text no Windows-1252 font can print, in the title, an item and an
/// update.
fn unicode_sample() -> heed_report::ReportInput {
    let mut input = common::sample();
    input.title = "Zoë Łódź review – Ελληνικά".into();
    input.items[0].item.text = "Zoë Łódź – ≥ 25 % — Ελληνικά, “quotes”, € and Кириллица".into();
    input
}

#[test]
fn the_pdf_prints_every_character() {
    let Some(pdftotext) = tools::need("pdftotext") else {
        return;
    };
    let dir = heed_testkit::temp_dir("pdf-unicode");
    for layout in [Layout::ResponseTable, Layout::Overview] {
        let path = dir.join(format!("{layout}.pdf"));
        std::fs::write(
            &path,
            render(&unicode_sample(), layout, Format::Pdf).expect("renders"),
        )
        .expect("write");
        let text = run(&pdftotext, &[path.to_str().expect("path"), "-"]);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Zoë Łódź review – Ελληνικά"),
            "{layout}: {flat}"
        );
        if layout == Layout::ResponseTable {
            assert!(
                flat.contains("Zoë Łódź – ≥ 25 % — Ελληνικά, “quotes”, € and Кириллица"),
                "{layout}: {flat}"
            );
        }
        assert!(
            !flat.contains('?'),
            "{layout}: a character printed as '?': {flat}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_pdf_is_tagged() {
    let Some(pdfinfo) = tools::need("pdfinfo") else {
        return;
    };
    let dir = heed_testkit::temp_dir("pdf-tagged");
    let path = dir.join("overview.pdf");
    let bytes = render(&unicode_sample(), Layout::Overview, Format::Pdf).expect("renders");
    std::fs::write(&path, &bytes).expect("write");
    let p = path.to_str().expect("path");
    let info = squeeze(&run(&pdfinfo, &[p]));
    assert!(info.contains("Tagged: yes"), "{info}");
    assert!(info.contains("Metadata Stream: yes"), "{info}");
    assert!(info.contains("Title: Zoë Łódź review – Ελληνικά"), "{info}");
    // The structure tree as poppler reads it, with the text each element holds.
    let tree = run(&pdfinfo, &["-struct-text", p]);
    let lines: Vec<&str> = tree.lines().map(str::trim).collect();
    assert_eq!(lines.first(), Some(&"Document"), "{tree}");
    let after = |tag: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(tag))
            .and_then(|i| lines.get(i + 1))
            .copied()
            .unwrap_or_else(|| panic!("no {tag} in {tree}"))
    };
    assert_eq!(after("H1"), "\"Zoë Łódź review – Ελληνικά\"");
    assert_eq!(after("H2"), "\"Items by status\"");
    for tag in [
        "Figure",
        "Table",
        "TR",
        "TH:",
        "/Scope /Column",
        "TD",
        "P (block)",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(tag)),
            "no {tag} in {tree}"
        );
    }
    assert!(
        lines.contains(&"\"Overdue item\""),
        "a header cell's text: {tree}"
    );
    // Each chart is a Figure with alternative text naming its numbers (UTF-16BE).
    let raw = String::from_utf8_lossy(&bytes);
    let alt: String = "Bar chart: Items by RAG rating. Red 1, Amber 1, Green 1, Not rated 2."
        .encode_utf16()
        .map(|u| format!("{u:04X}"))
        .collect();
    let figure = raw
        .split("/Type /StructElem")
        .find(|e| e.contains(&alt))
        .expect("an element with the chart's alternative text");
    assert!(figure.starts_with(" /S /Figure "), "{figure}");
    for key in [
        "/MarkInfo << /Marked true >>",
        "/Lang (en-GB)",
        "/DisplayDocTitle true",
        "/ParentTree",
    ] {
        assert!(raw.contains(key), "catalog lacks {key}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn squeeze(s: &str) -> String {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn page_count(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count")
}

/// Writes every layout of the sample in every format to `$HEED_REPORT_SAMPLES` when it is
/// set, for a person to look at.
#[test]
fn write_samples_for_a_person_to_look_at() {
    let Some(dir) = std::env::var_os("HEED_REPORT_SAMPLES") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("samples dir");
    let input = common::sample();
    for layout in Layout::ALL {
        for format in Format::ALL {
            let bytes = render(&input, layout, format).expect("renders");
            std::fs::write(dir.join(format!("{layout}.{format}")), bytes).expect("write");
        }
    }
}
