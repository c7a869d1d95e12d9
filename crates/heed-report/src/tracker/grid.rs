//! A spreadsheet's cells as a grid of [`Value`]s: CSV, XLSX and ODS read alike, with a
//! workbook's unpacked size checked before it is unpacked.

use super::*;

/// The most one part of an .xlsx or .ods workbook (a sheet, the shared strings) may unpack
/// to: 64 MiB of XML, some hundreds of thousands of rows.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// The most all the parts of a workbook may unpack to together.
pub const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// Refuses a zip (an .xlsx or .ods) any part of which unpacks to more than
/// [`MAX_PART_BYTES`], or all of them to more than [`MAX_UNPACKED_BYTES`], before the
/// spreadsheet reader unpacks it in memory. Each part is inflated into nothing, counting,
/// and given up at the cap: declared sizes are checked first but not trusted.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), TrackerError> {
    use std::io::Read;
    if !bytes.starts_with(b"PK") {
        return Ok(()); // .xls is not compressed
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // the spreadsheet reader says what is wrong with it
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("number {}", i + 1));
        let cap = MAX_PART_BYTES.min(MAX_UNPACKED_BYTES - total);
        let refuse = |what: &str| {
            TrackerError::TooLarge(format!(
                "{what} of the workbook unpacks to more than Heed reads (at most {} MiB a part and {} MiB in all)",
                MAX_PART_BYTES >> 20,
                MAX_UNPACKED_BYTES >> 20
            ))
        };
        let what = if cap < MAX_PART_BYTES {
            "the whole".to_string()
        } else {
            format!("part {name}")
        };
        if part.size() > cap {
            return Err(refuse(&what));
        }
        let n = std::io::copy(&mut part.take(cap + 1), &mut std::io::sink()).unwrap_or(0);
        if n > cap {
            return Err(refuse(&what));
        }
        total += n;
    }
    Ok(())
}

/// A cell as the spreadsheet held it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(Day),
}

impl Value {
    pub(super) fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
        }
    }
    pub(super) fn is_empty(&self) -> bool {
        self.text().is_empty()
    }
}

/// The day an Excel or LibreOffice serial number stands for (1900 date system; serial 60
/// is Excel's phantom 29 February 1900, irrelevant to any tracker).
pub fn day_of_serial(serial: f64) -> Option<Day> {
    // Plausible tracker dates only: 1950 to 2150.
    (18_264.0..=91_311.0)
        .contains(&serial)
        .then(|| Day::from_epoch_days(serial.floor() as i64 - 25_569))
}

pub(super) fn grid_of_csv(bytes: &[u8]) -> Result<(Vec<Vec<Value>>, Option<String>), TrackerError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{FEFF}').to_string(),
        // Excel's "CSV" on Windows is Windows-1252.
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    };
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| TrackerError::Unreadable(e.to_string()))?;
        rows.push(
            rec.iter()
                .map(|c| {
                    if c.trim().is_empty() {
                        Value::Empty
                    } else {
                        // Heed's CSV writes text that looks like a formula after a `'`
                        // (`write::csv::inert`); a spreadsheet hides it, and so does this.
                        let c = match c.strip_prefix('\'') {
                            Some(rest) if crate::write::csv::looks_like_formula(rest) => rest,
                            _ => c,
                        };
                        Value::Text(c.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok((rows, None))
}

pub(super) fn grid_of_workbook(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Vec<Vec<Value>>, Option<String>), TrackerError> {
    use calamine::{Data, Reader, open_workbook_auto_from_rs};
    check_unpacked_size(bytes)?;
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| TrackerError::Unreadable(e.to_string()))?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| TrackerError::NoSheet(s.to_string()))?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| TrackerError::Unreadable("the workbook has no worksheet".into()))?,
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| TrackerError::Unreadable(e.to_string()))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Value>> = vec![Vec::new(); row0 as usize];
    for r in range.rows() {
        let mut row = vec![Value::Empty; col0 as usize];
        for c in r {
            row.push(match c {
                Data::Empty | Data::Error(_) => Value::Empty,
                Data::String(s) => Value::Text(s.clone()),
                Data::Int(i) => Value::Number(*i as f64),
                Data::Float(f) => Value::Number(*f),
                Data::Bool(b) => Value::Text(b.to_string()),
                Data::DateTime(dt) if dt.is_datetime() => {
                    let (y, m, d, ..) = dt.to_ymd_hms_milli();
                    Day::new(i32::from(y), m, d).map_or(Value::Number(dt.as_f64()), Value::Date)
                }
                Data::DateTime(dt) => Value::Number(dt.as_f64()),
                Data::DateTimeIso(s) => {
                    Day::parse_iso(s).map_or(Value::Text(s.clone()), Value::Date)
                }
                Data::DurationIso(s) => Value::Text(s.clone()),
            });
        }
        rows.push(row);
    }
    Ok((rows, Some(name)))
}

pub(super) fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}
