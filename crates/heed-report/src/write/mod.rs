//! One writer per format. Each takes a [`Report`] and spells it; none decides what a
//! report contains.

pub mod csv;
pub mod docx;
pub mod font;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod svg;
pub mod xlsx;

use crate::model::Report;
use crate::{Format, ReportError};

/// Writes a built report in a format.
pub fn write(report: &Report, format: Format) -> Result<Vec<u8>, ReportError> {
    Ok(match format {
        Format::Markdown => markdown::write(report).into_bytes(),
        Format::Html => html::write(report).into_bytes(),
        Format::Csv => csv::write(report)?,
        Format::Xlsx => xlsx::write(&report.sheets, &report.title)?,
        Format::Docx => docx::write(report)?,
        Format::Pdf => pdf::write(report)?,
    })
}
