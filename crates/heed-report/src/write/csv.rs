//! CSV: the layout's main sheet (its first), a header row and one row per line of it.
//! Dates are ISO text; RAG ratings are their names. UTF-8 with a byte-order mark, which
//! is how Excel knows a CSV is UTF-8 (without it, "’" and "–" arrive garbled).

use crate::ReportError;
use crate::model::{Report, Table};

pub fn write(report: &Report) -> Result<Vec<u8>, ReportError> {
    match report.sheets.first() {
        Some(s) => table(&s.table),
        None => Ok(Vec::new()),
    }
}

/// One table as CSV.
pub fn table(t: &Table) -> Result<Vec<u8>, ReportError> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(&t.header)?;
    for row in &t.rows {
        w.write_record(row.iter().map(|c| c.text.as_str()))?;
    }
    w.into_inner()
        .map_err(|e| ReportError::Io(std::io::Error::other(e.to_string())))
}
