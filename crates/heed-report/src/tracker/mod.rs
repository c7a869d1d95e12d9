//! Spreadsheet trackers in: the CSV, XLSX and ODS files today's trackers live in, read
//! into a [`Document`] like any report, so the register imports them the same way.
//!
//! Columns are mapped by what their header says (recommendation, ref, owner / lead,
//! status, RAG, due / target date, update / progress, comments, last updated, position /
//! accepted?, ...), never by position; the mapping is returned so a CLI can show it, and
//! a caller can override any column ([`parse_overrides`]). Dates are read as
//! spreadsheets hold them: date cells, serial numbers, ISO and UK text dates, "June
//! 2014", "Q2 2014", "2013/14".
//!
//! A "last updated" column gives each row its own day ([`Item::updated_on`]): the
//! register dates that row's status and update then, not on the tracker's date. A
//! position column ("Accepted?": yes / partially / no, or "accepted", "agreed in
//! principle", "rejected", "noted") sets the body's [`heed_core::Position`].
//!
//! Reading is total in the reader's sense: rows that cannot be read (no item text, a due
//! date, RAG rating, position or update day that is not one) are returned with their spreadsheet row numbers in
//! [`Tracker::problems`] and as error diagnostics, and are left out of the document. A
//! caller that must not half-import (the register) refuses when `problems` is not empty.

use heed_core::date::{Day, Deadline, Precision, parse_date_phrase};
use heed_core::{Diagnostic, Document, Item, ItemKind, Position, Rag, Response, Status};
use std::fmt;
use std::io::Cursor;
use std::str::FromStr;

mod field;
mod grid;
#[cfg(test)]
mod tests;

pub use field::Field;
pub use grid::{MAX_PART_BYTES, MAX_UNPACKED_BYTES, day_of_serial};
use grid::{Value, column_letter, grid_of_csv, grid_of_workbook};

/// One column as mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Spreadsheet letter ("A", "AB").
    pub letter: String,
    /// The header as written.
    pub header: String,
    /// What it was taken to hold; `None` when the wording was not recognised.
    pub field: Option<Field>,
    /// Whether an override decided it.
    pub overridden: bool,
}

/// The mapping from columns to fields, in column order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnMap {
    /// 1-based row of the header.
    pub header_row: usize,
    pub columns: Vec<Column>,
}

impl ColumnMap {
    fn index_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == Some(field))
    }
}

impl fmt::Display for ColumnMap {
    /// One line a column: `B  "Lead officer" -> owner (override)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.columns {
            write!(
                f,
                "{:<3} {:<30} -> {}",
                c.letter,
                format!("{:?}", c.header),
                c.field.map_or("(not used)", Field::as_str)
            )?;
            if c.overridden {
                f.write_str(" (override)")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

/// A caller's correction of one column: by its header wording (any case), its letter
/// ("C") or its 1-based number ("3").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub column: String,
    pub field: Field,
}

/// Reads `--map` text: `"Lead officer=owner, C=ignore, 4=due"`.
pub fn parse_overrides(text: &str) -> Result<Vec<Override>, TrackerError> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (col, field) = p.rsplit_once('=').ok_or_else(|| {
                TrackerError::BadOverride(format!("{p:?}: expected COLUMN=FIELD"))
            })?;
            Ok(Override {
                column: col.trim().to_string(),
                field: field.parse()?,
            })
        })
        .collect()
}

/// The kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackerFormat {
    Csv,
    /// XLSX, XLS or ODS: calamine tells them apart by their content.
    Workbook,
}

impl TrackerFormat {
    /// From a file name's extension.
    pub fn from_path(path: &str) -> Option<TrackerFormat> {
        let ext = path.rsplit_once('.')?.1.to_lowercase();
        match ext.as_str() {
            "csv" | "txt" | "tsv" => Some(TrackerFormat::Csv),
            "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" => Some(TrackerFormat::Workbook),
            _ => None,
        }
    }
}

/// What the caller may say about a tracker.
#[derive(Debug, Clone, Default)]
pub struct TrackerOptions {
    /// The worksheet to read (by name); the first one otherwise.
    pub sheet: Option<String>,
    pub overrides: Vec<Override>,
    /// For relative deadlines ("within six months").
    pub today: Option<Day>,
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based spreadsheet row.
    pub row: usize,
    pub message: String,
}

/// A tracker as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracker {
    /// The rows that were read, one item each; diagnostics include every problem.
    pub document: Document,
    pub mapping: ColumnMap,
    pub problems: Vec<RowProblem>,
}

impl Tracker {
    /// The document, only when every row was read: an import that must not be partial
    /// takes this, and shows the problems otherwise.
    pub fn complete(self) -> Result<Document, Vec<RowProblem>> {
        if self.problems.is_empty() {
            Ok(self.document)
        } else {
            Err(self.problems)
        }
    }
}

/// A file that is not a tracker at all, or a mapping that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackerError {
    #[error("not a spreadsheet this can read: {0}")]
    Unreadable(String),
    #[error("no worksheet named {0:?}")]
    NoSheet(String),
    #[error(
        "no header row found in the first 20 rows: a header names at least two columns, one of them the recommendation or item text"
    )]
    NoHeader,
    #[error(
        "no column holds the item text; columns were:\n{0}use an override such as \"Description=item\""
    )]
    NoItemColumn(ColumnMap),
    #[error("bad column override: {0}")]
    BadOverride(String),
    /// A workbook whose parts unpack to more than Heed reads (a decompression bomb, or a
    /// tracker far larger than any committee keeps).
    #[error("refused: {0}")]
    TooLarge(String),
}

/// Finds the header row (within the first 20) and maps its columns.
fn map_columns(grid: &[Vec<Value>], overrides: &[Override]) -> Result<ColumnMap, TrackerError> {
    let mut best: Option<(usize, usize)> = None;
    for (r, row) in grid.iter().enumerate().take(20) {
        let fields: Vec<Field> = row
            .iter()
            .filter_map(|v| match v {
                Value::Text(t) => Field::from_header(t),
                _ => None,
            })
            .collect();
        let item_like = fields.contains(&Field::Item) || fields.contains(&Field::Update);
        if fields.len() >= 2 && item_like && best.is_none_or(|(_, n)| fields.len() > n) {
            best = Some((r, fields.len()));
        }
    }
    let header_index = match best {
        Some((r, _)) => r,
        // With overrides naming an item column, the first non-empty row is the header.
        None if overrides.iter().any(|o| o.field == Field::Item) => grid
            .iter()
            .position(|row| row.iter().any(|v| !v.is_empty()))
            .ok_or(TrackerError::NoHeader)?,
        None => return Err(TrackerError::NoHeader),
    };
    let header = &grid[header_index];
    let mut columns: Vec<Column> = header
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let text = v.text();
            Column {
                letter: column_letter(i),
                field: Field::from_header(&text),
                header: text,
                overridden: false,
            }
        })
        .collect();
    // An action plan: with no item column, the first "action"-like column is the item.
    let has_item = columns.iter().any(|c| c.field == Some(Field::Item));
    if let Some(c) = columns.iter_mut().filter(|_| !has_item).find(|c| {
        matches!(
            c.header.to_lowercase().trim(),
            "action" | "actions" | "action required"
        )
    }) {
        c.field = Some(Field::Item);
    }
    // Two columns mapped to one single-valued field: the first keeps it.
    for f in [
        Field::Ref,
        Field::Item,
        Field::Owner,
        Field::Status,
        Field::Rag,
        Field::Due,
        Field::Updated,
        Field::Position,
    ] {
        let mut seen = false;
        for c in columns.iter_mut().filter(|c| c.field == Some(f)) {
            if seen {
                c.field = Some(match f {
                    Field::Item => Field::Update,
                    Field::Updated => Field::Ignore,
                    _ => Field::Comments,
                });
            }
            seen = true;
        }
    }
    for o in overrides {
        let key = o.column.trim();
        let idx = columns
            .iter()
            .position(|c| c.header.eq_ignore_ascii_case(key))
            .or_else(|| {
                columns
                    .iter()
                    .position(|c| c.letter.eq_ignore_ascii_case(key))
            })
            .or_else(|| key.parse::<usize>().ok().and_then(|n| n.checked_sub(1)))
            .filter(|i| *i < columns.len())
            .ok_or_else(|| {
                TrackerError::BadOverride(format!(
                    "no column {key:?}: columns are {}",
                    columns
                        .iter()
                        .map(|c| format!("{} {:?}", c.letter, c.header))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        // The field moves: any other column that had it loses it.
        if o.field != Field::Ignore && o.field != Field::Update && o.field != Field::Comments {
            for c in columns.iter_mut() {
                if c.field == Some(o.field) {
                    c.field = None;
                }
            }
        }
        columns[idx].field = Some(o.field);
        columns[idx].overridden = true;
    }
    let map = ColumnMap {
        header_row: header_index + 1,
        columns,
    };
    if map.index_of(Field::Item).is_none() {
        return Err(TrackerError::NoItemColumn(map));
    }
    Ok(map)
}

fn deadline_of(v: &Value, today: Option<Day>) -> Option<Deadline> {
    match v {
        Value::Date(d) => Some(Deadline::day(*d, d.to_string())),
        Value::Number(n) => day_of_serial(*n).map(|d| Deadline::day(d, d.to_string())),
        Value::Text(t) => {
            let t = t.trim();
            if let Ok(n) = t.parse::<f64>() {
                return day_of_serial(n).map(|d| Deadline::day(d, d.to_string()));
            }
            Deadline::parse(t, today).or_else(|| parse_date_phrase(t, today))
        }
        Value::Empty => None,
    }
}

/// The day a cell names; a month or a year is not the day of an update.
fn day_of(v: &Value, today: Option<Day>) -> Option<Day> {
    deadline_of(v, today)
        .filter(|d| d.precision == Precision::Day)
        .map(|d| d.due)
}

/// A position as trackers write it: a word of Heed's vocabulary ("accepted", "partially
/// accepted", "rejected", "noted"), a yes / no / partly answer to "Accepted?", or a
/// phrase heed-core's reader knows ("agreed in principle", "does not concur").
fn position_of(words: &str) -> Option<Position> {
    let w = words
        .trim()
        .trim_end_matches(['.', '!'])
        .to_lowercase()
        .replace(['_', '-'], " ");
    match w.as_str() {
        "yes" | "y" | "accept" | "accepted" | "agree" | "agreed" | "supported" => {
            return Some(Position::Accepted);
        }
        "no" | "n" | "reject" | "rejected" | "not accepted" | "not agreed" | "declined" => {
            return Some(Position::Rejected);
        }
        "partly" | "partially" | "partial" | "in part" | "partially accepted"
        | "partly accepted" | "accepted in part" => return Some(Position::PartiallyAccepted),
        "noted" => return Some(Position::Noted),
        "no response" | "none received" | "no response received" => {
            return Some(Position::NoResponse);
        }
        _ => {}
    }
    w.parse::<Position>()
        .ok()
        .or_else(|| Position::from_words(words).map(|x| x.0))
}

fn status_of(words: &str) -> Option<Status> {
    words
        .parse::<Status>()
        .ok()
        .or_else(|| Status::from_leading_words(words).map(|x| x.0))
        .or_else(|| Status::find_in(words).map(|x| x.0))
}

fn kind_of(words: &str) -> Option<ItemKind> {
    let w = words.trim().to_lowercase();
    w.parse::<ItemKind>().ok().or(match w.as_str() {
        "rec" | "recommendation" | "recommendations" | "action" | "priority" => {
            Some(ItemKind::Recommendation)
        }
        "afi" | "area for improvement" | "areas for improvement" | "improvement" => {
            Some(ItemKind::AreaForImprovement)
        }
        "strength" | "strengths" => Some(ItemKind::Strength),
        "wip" | "work in progress" => Some(ItemKind::WorkInProgress),
        _ => None,
    })
}

/// Reads a tracker.
pub fn read_tracker(
    bytes: &[u8],
    format: TrackerFormat,
    options: &TrackerOptions,
) -> Result<Tracker, TrackerError> {
    let (grid, sheet) = match format {
        TrackerFormat::Csv => grid_of_csv(bytes)?,
        TrackerFormat::Workbook => grid_of_workbook(bytes, options.sheet.as_deref())?,
    };
    let mapping = map_columns(&grid, &options.overrides)?;
    let get = |row: &[Value], f: Field| -> Option<Value> {
        mapping
            .index_of(f)
            .and_then(|i| row.get(i))
            .filter(|v| !v.is_empty())
            .cloned()
    };
    let mut doc = Document {
        title: sheet,
        layouts: vec!["tracker".into()],
        ..Document::default()
    };
    let mut problems = Vec::new();
    for (r, row) in grid.iter().enumerate().skip(mapping.header_row) {
        let row_no = r + 1;
        if row.iter().all(Value::is_empty) {
            continue;
        }
        let mut errors: Vec<String> = Vec::new();
        let text = get(row, Field::Item).map(|v| v.text()).unwrap_or_default();
        if text.is_empty() {
            errors.push("no item text".into());
        }
        let kind = match get(row, Field::Kind) {
            Some(v) => kind_of(&v.text()).unwrap_or_else(|| {
                errors.push(format!("kind {:?} is not one Heed knows", v.text()));
                ItemKind::Recommendation
            }),
            None => ItemKind::Recommendation,
        };
        let mut item = Item::new(kind, text, row_no);
        item.r#ref = get(row, Field::Ref).map(|v| {
            let t = v.text();
            t.trim_start_matches(|c: char| c.is_alphabetic() && !t.chars().all(char::is_alphabetic))
                .trim_start_matches(['.', ' '])
                .trim_end_matches(['.', ')', ':'])
                .to_string()
        });
        item.owner = get(row, Field::Owner).map(|v| v.text());
        item.section = get(row, Field::Section).map(|v| v.text());
        item.theme = get(row, Field::Theme).map(|v| v.text());
        if let Some(v) = get(row, Field::Status) {
            let words = v.text();
            item.status = status_of(&words);
            if item.status.is_none() {
                if let Some(rag) = Rag::from_words(&words) {
                    item.rag = Some(rag);
                    item.rag_reason = Some(format!("status column: {words}"));
                } else {
                    doc.diagnostics.push(Diagnostic::warning(
                        row_no,
                        format!("row {row_no}: status {words:?} not understood; kept as words"),
                    ));
                }
            }
            item.status_words = Some(words);
        }
        if let Some(v) = get(row, Field::Rag) {
            let words = v.text();
            match Rag::from_words(&words) {
                Some(rag) => {
                    item.rag = Some(rag);
                    item.rag_reason = Some(format!("RAG column: {words}"));
                }
                None => errors.push(format!("RAG {words:?} is not red, amber or green")),
            }
        }
        if let Some(v) = get(row, Field::Due) {
            match deadline_of(&v, options.today) {
                Some(d) => item.deadline = Some(d),
                None => errors.push(format!("due date {:?} is not a date", v.text())),
            }
        }
        if let Some(v) = get(row, Field::Position) {
            let words = v.text();
            match position_of(&words) {
                Some(p) => {
                    item.position = Some(p);
                    item.position_words = Some(words);
                }
                None => errors.push(format!(
                    "position {words:?} is not accepted, partially accepted, rejected or noted"
                )),
            }
        }
        if let Some(v) = get(row, Field::Updated) {
            match day_of(&v, options.today) {
                Some(d) => item.updated_on = Some(d),
                None => errors.push(format!("last updated {:?} is not a day", v.text())),
            }
        }
        for f in [Field::Update, Field::Comments] {
            for (i, _) in mapping
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.field == Some(f))
            {
                if let Some(v) = row.get(i).filter(|v| !v.is_empty()) {
                    item.responses.push(Response {
                        text: v.text(),
                        line: row_no,
                    });
                }
            }
        }
        if errors.is_empty() {
            doc.items.push(item);
        } else {
            let message = errors.join("; ");
            doc.diagnostics.push(Diagnostic::error(
                row_no,
                format!("row {row_no}: {message}"),
            ));
            problems.push(RowProblem {
                row: row_no,
                message,
            });
        }
    }
    Ok(Tracker {
        document: doc,
        mapping,
        problems,
    })
}
