//! The bodies of Heed's fuzz targets, one function per entry point a user's bytes reach:
//! reports (plain text and Markdown, HTML, Word, PDF) and trackers (CSV, XLSX, ODS) as
//! `heed import` and the web's import read them, the same reports as `heed extract` reads
//! them, and the JSON bodies of the API as the server checks them. `fuzz/fuzz_targets/*.rs`
//! call these and nothing else, and `tests/replay.rs` runs every file of `fuzz/corpus/` and
//! `fuzz/artifacts/` through them on stable, so a crash the fuzzer once found stays a test.
//!
//! Each function panics only when Heed does: a reader that panics, or an API body the server
//! would answer with a 5xx (user input never answers 5xx).

use heed_app::intake::{IntakeOptions, read_file};
use heed_core::Document;
use heed_core::date::Day;
use heed_web::ApiBody;
use std::sync::OnceLock;

/// A target's body: bytes in; a panic is a finding.
pub type Target = fn(&[u8]);

/// Every target by the name of its file in `fuzz/fuzz_targets/` and its corpus directory.
pub const TARGETS: &[(&str, Target)] = &[
    ("text", text),
    ("html", html),
    ("docx", docx),
    ("pdf", pdf),
    ("tracker", tracker),
    ("api_json", api_json),
];

/// A report file: read as `heed extract` reads it and as `heed import` does (which also
/// decides, by its name and bytes, that it is a report and not a tracker).
fn report(name: &str, bytes: &[u8]) {
    let _ = heed_read::read(bytes, &heed_read::ReadOptions::default());
    let _ = read_file(name, bytes, &IntakeOptions::default());
}

/// A plain-text or Markdown report (in any encoding the reader decodes).
pub fn text(bytes: &[u8]) {
    report("report.md", bytes);
}

/// An HTML page.
pub fn html(bytes: &[u8]) {
    report("report.html", bytes);
}

/// A Word document (a zip of XML). Bytes that are not a zip are the document's parts
/// themselves, `word/document.xml`, `word/numbering.xml` and `word/styles.xml` parted by NUL
/// bytes (which XML never holds), packed into a zip here: a mutation of a zipped part fails
/// the zip's checksum, so this is how the fuzzer reaches the reading of Word's XML.
pub fn docx(bytes: &[u8]) {
    if heed_read::docx::is_zip(bytes) {
        report("report.docx", bytes);
    } else {
        report("report.docx", &word_zip(bytes));
    }
}

/// The parts parted by NUL bytes, as a Word document's zip (stored, not compressed).
fn word_zip(parts: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    for (name, part) in names.iter().zip(parts.split(|b| *b == 0)) {
        zip.start_file(*name, stored)
            .and_then(|()| zip.write_all(part).map_err(Into::into))
            .expect("a zip in memory is written");
    }
    zip.finish().expect("a zip in memory is written");
    out.into_inner()
}

/// A PDF.
pub fn pdf(bytes: &[u8]) {
    report("report.pdf", bytes);
}

/// A tracker, by its bytes as a person would name it: a zip is a workbook (calamine tells
/// XLSX from ODS by its content), an OLE file an XLS, anything else a CSV.
pub fn tracker(bytes: &[u8]) {
    let name = if bytes.starts_with(b"PK\x03\x04") {
        "tracker.xlsx"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "tracker.xls"
    } else {
        "tracker.csv"
    };
    let _ = read_file(name, bytes, &IntakeOptions::default());
}

/// The upload the import confirmation's corrections apply to: three items, read from text.
fn upload() -> &'static Document {
    static UPLOAD: OnceLock<Document> = OnceLock::new();
    UPLOAD.get_or_init(|| {
        heed_read::read_text(
            "# Recommendations\n\n\
             Recommendation 1\n\nThe council should publish its plan by March 2025.\n\n\
             Recommendation 2\n\nThe council should train its staff. Status: In progress.\n\n\
             Recommendation 3\n\nThe board should review the register every quarter.\n",
            &heed_read::ReadOptions::default(),
        )
    })
}

/// A JSON body, as the body of every API route that takes one: read and checked as the
/// server does before it asks the register. Any answer but a 4xx is a bug.
pub fn api_json(bytes: &[u8]) {
    let today = Day::new(2025, 6, 30).expect("a real day");
    for body in [
        ApiBody::ItemPatch,
        ApiBody::Verify,
        ApiBody::Publish,
        ApiBody::ImportConfirm(upload()),
    ] {
        if let Err(e) = heed_web::check_api_body(body, bytes, today) {
            assert!(
                e.status().is_client_error(),
                "{body:?} answered {}: {e}",
                e.status()
            );
        }
    }
}
