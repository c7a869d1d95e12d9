//! Reading an uploaded or named file into a `Document`, the one way `heed import` and the
//! web's import (page and API) both do it: reports (text, Markdown, HTML, Word, PDF-converted text
//! and PDF files, a PDF known by its bytes) through `heed_read`, spreadsheet trackers (.csv, .tsv, .xlsx, .xls, .ods) through
//! `heed_report::tracker`, refused whole when a row cannot be read. Bytes in, a document out:
//! no files, no register. Why a file could not be read at all is an [`AppError`] (`NotADocument`,
//! `Tracker`, `IncompleteTracker`, `NothingFound`); anything less is a diagnostic in the document.

use crate::AppError;
use heed_core::Document;
use heed_core::date::Day;
use heed_report::tracker::{self, TrackerFormat, TrackerOptions};

/// Whether bytes are a PDF (read as a report whatever the file's name says).
pub use heed_read::pdf::is_pdf;

/// What the person importing may say about a file.
#[derive(Debug, Clone, Default)]
pub struct IntakeOptions {
    /// The report's date when the document does not state it; relative deadlines read
    /// against it.
    pub date: Option<Day>,
    /// For trackers: column overrides, e.g. "Lead officer=owner, C=ignore".
    pub map: Option<String>,
    /// For trackers: the worksheet to read (the first one otherwise).
    pub sheet: Option<String>,
}

/// A file as read.
#[derive(Debug, Clone)]
pub struct Intake {
    pub document: Document,
    /// For a tracker, how its columns were read (one line per column).
    pub mapping: Option<String>,
}

/// The spreadsheet format of a file name, when it names a tracker (a `.txt` is a report).
pub fn tracker_format(file_name: &str) -> Option<TrackerFormat> {
    let ext = file_name.rsplit_once('.')?.1.to_lowercase();
    matches!(
        ext.as_str(),
        "xlsx" | "xlsm" | "xls" | "ods" | "csv" | "tsv"
    )
    .then(|| TrackerFormat::from_path(file_name))
    .flatten()
}

/// Reads one file by its name's extension: a tracker or a report.
pub fn read_file(
    file_name: &str,
    bytes: &[u8],
    options: &IntakeOptions,
) -> Result<Intake, AppError> {
    // A PDF is a report whatever its name says.
    let format = tracker_format(file_name).filter(|_| !heed_read::pdf::is_pdf(bytes));
    let Some(format) = format else {
        let read = heed_read::ReadOptions {
            date: options.date,
            ..heed_read::ReadOptions::default()
        };
        let document = heed_read::read(bytes, &read)?;
        if !document.has_findings() {
            return Err(AppError::NothingFound);
        }
        return Ok(Intake {
            document,
            mapping: None,
        });
    };
    let overrides = match &options.map {
        Some(m) => tracker::parse_overrides(m)?,
        None => Vec::new(),
    };
    let read = TrackerOptions {
        sheet: options.sheet.clone(),
        overrides,
        today: options.date,
    };
    let t = tracker::read_tracker(bytes, format, &read)?;
    let mapping = t.mapping.to_string();
    match t.complete() {
        Ok(document) if !document.has_findings() => Err(AppError::NothingFound),
        Ok(document) => Ok(Intake {
            document,
            mapping: Some(mapping),
        }),
        Err(problems) => Err(AppError::IncompleteTracker { mapping, problems }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_and_trackers_are_told_apart_by_extension() {
        assert!(tracker_format("plan.xlsx").is_some());
        assert!(tracker_format("Plan.CSV").is_some());
        assert!(tracker_format("report.txt").is_none());
        assert!(tracker_format("report").is_none());
        let doc = read_file(
            "r.md",
            b"# Recommendations\n\nRecommendation 1\n\nThe force should do the thing.\n",
            &IntakeOptions::default(),
        )
        .expect("read");
        assert!(doc.mapping.is_none());
        let csv = read_file(
            "t.csv",
            b"Ref,Recommendation,Status\n1,Do the thing,Completed\n",
            &IntakeOptions::default(),
        )
        .expect("tracker");
        assert_eq!(csv.document.items.len(), 1);
        assert!(csv.mapping.is_some());
        assert!(matches!(
            read_file("x.txt", b"\0\0\x01binary", &IntakeOptions::default()),
            Err(AppError::NotADocument(_))
        ));
    }

    #[test]
    fn files_with_nothing_in_them_are_refused() {
        let none = IntakeOptions::default();
        for (name, bytes) in [
            ("empty.txt", &b""[..]),
            ("one-byte.txt", &b"\xf5"[..]),
            ("blank.md", &b"\n\n   \n"[..]),
            (
                "prose.txt",
                &b"A letter about the weather, with no recommendations.\n"[..],
            ),
            ("header-only.csv", &b"Ref,Recommendation,Status\n"[..]),
        ] {
            assert!(
                matches!(
                    read_file(name, bytes, &none),
                    Err(AppError::NothingFound | AppError::NotADocument(_))
                ),
                "{name}"
            );
        }
        assert!(matches!(
            read_file("one-byte.txt", b"\xf5", &none),
            Err(AppError::NothingFound)
        ));
    }
}
