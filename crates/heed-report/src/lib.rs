//! Heed's committee reports and exports, and spreadsheet trackers in.
//!
//! A report is data in, bytes out: the caller (the register, later `heed report`) builds
//! a [`ReportInput`] — the review's title, the date the report is *as of*, the items with
//! their latest update, deadline changes and history, the judgements — and asks for a
//! [`Layout`] in a [`Format`]. Nothing here reads a file, a database or the clock.
//!
//! ```
//! use heed_core::{Item, ItemKind, Status, date::Day};
//! use heed_report::{render, Format, Layout, ReportInput, ReportItem};
//!
//! let mut item = Item::new(ItemKind::Recommendation, "Set up a victim focus desk.", 1);
//! item.r#ref = Some("2".into());
//! item.status = Some(Status::InProgress);
//! let input = ReportInput {
//!     title: "Crime Management Review".into(),
//!     as_of: Day::new(2026, 11, 27).unwrap(),
//!     since: None,
//!     items: vec![ReportItem::new(item)],
//!     judgements: vec![],
//! };
//! let md = render(&input, Layout::ResponseTable, Format::Markdown).unwrap();
//! assert!(String::from_utf8(md).unwrap().contains("| 2. Set up a victim focus desk. |"));
//! ```
//!
//! # The public surface
//! - [`render`]`(&ReportInput, Layout, Format) -> Result<Vec<u8>, ReportError>`: one
//!   report. [`build`] gives the format-neutral [`model::Report`] a layout makes, and
//!   [`write::write`] spells a `Report` in a format, for callers that need one without the
//!   other (a web page that embeds the HTML body, say).
//! - [`Layout`]: `progress-table`, `response-table`, `narrative`, `action-plan`,
//!   `judgements`, `overview`; [`Format`]: `md`, `html`, `csv`, `xlsx`, `docx`, `pdf`. Both
//!   parse from their command-line names (`"overview".parse::<Layout>()`).
//! - [`export`]`(&[ReportItem], ExportFormat, history: bool)`: any set of items as CSV,
//!   XLSX or JSON ([`ExportFormat`]), every field kept, history on request.
//! - [`tracker::read_tracker`]`(bytes, TrackerFormat, &TrackerOptions)`: a CSV, XLSX or ODS
//!   tracker into a [`heed_core::Document`], with the [`tracker::ColumnMap`] it used (its
//!   `Display` is the table a CLI shows), overrides ([`tracker::parse_overrides`] reads
//!   `"Lead officer=owner, C=ignore"`) and the rows it could not read
//!   ([`tracker::Tracker::problems`], with spreadsheet row numbers). The caller decides
//!   not to import at all when there are problems.
//! - [`ReportInput::from_document`] makes an input from one read document, with no
//!   register facts; [`input::display_refs`] is the numbering the item layouts print.
//!
//! # What each format holds
//! Markdown, HTML, DOCX and PDF hold the whole layout. CSV holds the layout's main sheet;
//! XLSX holds every sheet ([`model::Report::sheets`]). Charts (the overview's counts) are
//! SVG in HTML, drawn in PDF, and Word charts in DOCX (DrawingML, their data in an
//! embedded workbook); Markdown relies on the table that always follows each chart (the
//! other formats keep it too, for screen readers).
//!
//! The PDF is tagged (structure tree, alternative text for charts) and embeds a subset
//! of Liberation Sans, so it prints Greek, Cyrillic, "≥" or "€" as themselves. Its
//! limits: a character that font lacks (CJK) prints as an empty box, and text is set
//! left to right glyph by glyph (no bidirectional reordering or shaping, so Hebrew shows
//! in logical order and Arabic unjoined), though it still extracts as written.
//!
//! The benchmark (`cargo bench -p heed-report`, a 500-item review) is in the README's
//! performance table: every layout and format well under 200 ms, PDF included.
//!
//! # The round trip
//! Layouts are built into [`model::Report`] by [`layout`]; writers live in [`write`]. The
//! Markdown and HTML of every layout are written so that `heed_read::read` reads them
//! back: the item layouts to the same items, refs, texts and statuses; `judgements` to
//! the same findings (kind, area, theme, text) and the same grades and directions of
//! travel (see `tests/round_trip.rs`, run over every corpus seed). What that costs, and
//! its limits:
//! - unnumbered items are numbered in the layouts whose headings need a number, or when
//!   other items in the list are numbered (so the reader can tell rows apart);
//! - a ref the reader cannot see as a number ("1A") or text with Markdown emphasis
//!   characters (`*`) do not survive Markdown;
//! - the notes under a numbered recommendation are labelled lines ("Status:", "Due:");
//!   an update whose own words hold such a label mid-sentence is read as that field.

pub mod export;
pub mod input;
pub mod layout;
pub mod model;
pub mod tracker;
pub mod write;

pub use export::{ExportFormat, export};
pub use input::{DeadlineChange, HistoryEntry, ReportInput, ReportItem, Update};
pub use layout::build;

use std::fmt;
use std::str::FromStr;

/// What a report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Each recommendation, then its key points / actions / results-timescale rows.
    ProgressTable,
    /// Recommendation / response / status / RAG, the colour shown and named.
    ResponseTable,
    /// Each open recommendation with its latest update.
    Narrative,
    /// Priority / action / owner / due / status.
    ActionPlan,
    /// Graded areas with direction of travel; strengths and areas for improvement by area.
    Judgements,
    /// For a committee: counts by status and RAG (charts and tables), overdue items,
    /// deadlines moved and why, items changed since a date, every item's status.
    Overview,
}

impl Layout {
    pub const ALL: [Layout; 6] = [
        Layout::ProgressTable,
        Layout::ResponseTable,
        Layout::Narrative,
        Layout::ActionPlan,
        Layout::Judgements,
        Layout::Overview,
    ];

    /// The name used on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Layout::ProgressTable => "progress-table",
            Layout::ResponseTable => "response-table",
            Layout::Narrative => "narrative",
            Layout::ActionPlan => "action-plan",
            Layout::Judgements => "judgements",
            Layout::Overview => "overview",
        }
    }

    /// The words a report prints for its layout.
    pub const fn title(self) -> &'static str {
        match self {
            Layout::ProgressTable => "Progress report",
            Layout::ResponseTable => "Response to recommendations",
            Layout::Narrative => "Open recommendations",
            Layout::ActionPlan => "Action plan",
            Layout::Judgements => "Summary of judgements",
            Layout::Overview => "Overview",
        }
    }
}

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    /// One self-contained, printable page (styles inline, charts as inline SVG).
    Html,
    /// The layout's main sheet.
    Csv,
    /// Every sheet of the layout: typed dates, frozen header, filters, RAG fills.
    Xlsx,
    /// Word: built-in heading styles, repeating table headers, shaded RAG cells.
    Docx,
    /// A4, tagged, an embedded Unicode font (subset), ruled tables, drawn charts, page
    /// numbers.
    Pdf,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Xlsx,
        Format::Docx,
        Format::Pdf,
    ];

    /// The file extension, which is also the name used on the command line.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A name that is not a layout or format; the message lists the choices.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {word:?}: expected one of {choices}")]
pub struct UnknownName {
    pub what: &'static str,
    pub word: String,
    pub choices: String,
}

impl FromStr for Layout {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        let key = s.trim().to_lowercase().replace('_', "-");
        Layout::ALL
            .into_iter()
            .find(|l| l.as_str() == key)
            .ok_or_else(|| UnknownName {
                what: "layout",
                word: s.to_string(),
                choices: Layout::ALL.map(Layout::as_str).join(", "),
            })
    }
}

impl FromStr for Format {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        let key = s.trim().trim_start_matches('.').to_lowercase();
        let key = if key == "markdown" { "md".into() } else { key };
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == key)
            .ok_or_else(|| UnknownName {
                what: "format",
                word: s.to_string(),
                choices: Format::ALL.map(Format::extension).join(", "),
            })
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// What can go wrong writing a report or export: only the spreadsheet, CSV, zip and JSON
/// libraries can fail (Markdown, HTML and PDF are written to memory and cannot).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("writing XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing DOCX: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing PDF: {0}")]
    PdfFont(#[from] write::font::FontError),
}

/// Renders one layout in one format.
pub fn render(input: &ReportInput, layout: Layout, format: Format) -> Result<Vec<u8>, ReportError> {
    let report = build(input, layout);
    write::write(&report, format)
}
