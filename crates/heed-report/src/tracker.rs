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

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Ref,
    /// The item's own words.
    Item,
    Owner,
    Status,
    Rag,
    Due,
    /// Progress update, response, action taken.
    Update,
    Comments,
    /// The inspection area or section code.
    Section,
    Theme,
    /// Recommendation / strength / area for improvement.
    Kind,
    /// The day the row was last updated: its status and update take effect then.
    Updated,
    /// Accepted / partially accepted / not accepted / rejected.
    Position,
    /// Read but not used.
    Ignore,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::Ref,
        Field::Item,
        Field::Owner,
        Field::Status,
        Field::Rag,
        Field::Due,
        Field::Update,
        Field::Comments,
        Field::Section,
        Field::Theme,
        Field::Kind,
        Field::Updated,
        Field::Position,
        Field::Ignore,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Ref => "ref",
            Field::Item => "item",
            Field::Owner => "owner",
            Field::Status => "status",
            Field::Rag => "rag",
            Field::Due => "due",
            Field::Update => "update",
            Field::Comments => "comments",
            Field::Section => "section",
            Field::Theme => "theme",
            Field::Kind => "kind",
            Field::Updated => "updated",
            Field::Position => "position",
            Field::Ignore => "ignore",
        }
    }

    /// The field a header's wording names, if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = header
            .trim()
            .trim_end_matches([':', '.', '*', '?'])
            .to_lowercase()
            .replace(['_', '-', '/'], " ");
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        let has = |w: &str| h.split(' ').any(|x| x == w) || h.contains(w) && w.contains(' ');
        if h.is_empty() {
            return None;
        }
        // Columns of Heed's own export that only restate another column.
        if matches!(
            h.as_str(),
            "status words"
                | "rag reason"
                | "due as written"
                | "changed on"
                | "see also"
                | "history"
                | "addressee"
                | "item id"
        ) {
            return Some(Field::Ignore);
        }
        // "Current position", "Position update", "Latest position": where the work stands,
        // in prose (a progress narrative), not the body's accepted / rejected position.
        let narrative_position = has("position")
            && ["current", "latest", "update", "progress", "present", "now"]
                .iter()
                .any(|w| has(w));
        Some(
            if has("last updated")
                || has("date updated")
                || has("update date")
                || has("date of update")
                || has("date of last update")
                || has("updated on")
                || h == "updated"
                || h == "as at"
                || h == "as of"
            {
                Field::Updated
            } else if narrative_position {
                Field::Update
            } else if has("position")
                || matches!(
                    h.as_str(),
                    "accepted"
                        | "agreed"
                        | "accepted rejected"
                        | "accept reject"
                        | "agreed not agreed"
                        | "accepted or rejected"
                        | "agreed or not"
                        | "response position"
                        | "accepted by management"
                )
            {
                Field::Position
            } else if has("rag") || h == "rating" || has("colour") || has("color") {
                Field::Rag
            } else if matches!(
                h.as_str(),
                "ref"
                    | "ref no"
                    | "no"
                    | "no."
                    | "#"
                    | "number"
                    | "rec no"
                    | "id"
                    | "reference"
                    | "rec ref"
                    | "item no"
                    | "rec"
                    | "rec."
                    | "ref."
            ) {
                Field::Ref
            } else if has("due")
                || has("deadline")
                || has("target date")
                || has("by when")
                || has("timescale")
                || has("completion date")
                || h == "target"
                || h == "date"
                || has("due date")
            {
                Field::Due
            } else if has("status") || h == "state" || h == "progress status" {
                Field::Status
            } else if has("owner")
                || h == "lead"
                || has("lead officer")
                || has("responsible")
                || has("responsibility")
                || has("by whom")
                || h == "who"
                || has("accountable")
                || has("lead body")
                || has("assigned to")
            {
                Field::Owner
            } else if has("recommendation")
                || has("recommendations")
                || has("priority")
                || has("area for improvement")
                || has("areas for improvement")
                || h == "finding"
                || h == "issue"
                || h == "description"
                || h == "objective"
                || h == "text"
                || h == "title"
                || h == "item"
            {
                Field::Item
            } else if has("update")
                || has("progress")
                || has("response")
                || has("action taken")
                || has("actions taken")
                || has("evidence")
                || has("narrative")
            {
                Field::Update
            } else if has("comment")
                || has("comments")
                || has("notes")
                || h == "note"
                || has("remarks")
            {
                Field::Comments
            } else if h == "area" || h == "section" || h == "domain" {
                Field::Section
            } else if h == "theme" || h == "category" || h == "strand" {
                Field::Theme
            } else if h == "type" || h == "kind" {
                Field::Kind
            } else if h == "action" || h == "actions" || h == "action required" {
                // An action plan's action: the item when no other column is (resolved later).
                Field::Update
            } else {
                return None;
            },
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Field {
    type Err = TrackerError;
    fn from_str(s: &str) -> Result<Field, TrackerError> {
        let k = s.trim().to_lowercase();
        Field::ALL
            .into_iter()
            .find(|f| f.as_str() == k)
            .or_else(|| Field::from_header(&k))
            .ok_or_else(|| {
                TrackerError::BadOverride(format!(
                    "{s:?} is not a field: expected one of {}",
                    Field::ALL.map(Field::as_str).join(", ")
                ))
            })
    }
}

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
enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(Day),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
        }
    }
    fn is_empty(&self) -> bool {
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

fn grid_of_csv(bytes: &[u8]) -> Result<(Vec<Vec<Value>>, Option<String>), TrackerError> {
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

fn grid_of_workbook(
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

fn column_letter(mut i: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words() {
        let f = |s: &str| Field::from_header(s);
        assert_eq!(f("Rec No."), Some(Field::Ref));
        assert_eq!(f("Recommendation"), Some(Field::Item));
        assert_eq!(f("Lead officer"), Some(Field::Owner));
        assert_eq!(f("RAG status"), Some(Field::Rag));
        assert_eq!(f("Target date"), Some(Field::Due));
        assert_eq!(f("Progress update"), Some(Field::Update));
        assert_eq!(f("Current status"), Some(Field::Status));
        assert_eq!(f("Comments"), Some(Field::Comments));
        assert_eq!(f("Last updated"), Some(Field::Updated));
        assert_eq!(f("Date of update"), Some(Field::Updated));
        assert_eq!(f("Position"), Some(Field::Position));
        assert_eq!(f("Accepted?"), Some(Field::Position));
        assert_eq!(f("Response position"), Some(Field::Position));
        assert_eq!(f("Current position"), Some(Field::Update));
        assert_eq!(f("Position update"), Some(Field::Update));
        assert_eq!(f("Item id"), Some(Field::Ignore));
        assert_eq!(f("Update"), Some(Field::Update));
        assert_eq!(f("Colour of the sky"), Some(Field::Rag));
        assert_eq!(f("Budget"), None);
    }

    #[test]
    fn a_current_position_column_is_progress_not_the_response_position() {
        let csv = b"Ref,Recommendation,Current position,Status\n\
1,Publish the guidance,Draft with the board; sign-off due in May,In progress\n\
2,Train the staff,Two of five sessions held,In progress\n";
        let t = read_tracker(csv, TrackerFormat::Csv, &TrackerOptions::default()).expect("reads");
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        let doc = t.complete().expect("every row");
        assert_eq!(doc.items.len(), 2);
        assert!(doc.items.iter().all(|i| i.position.is_none()));
        assert!(
            doc.items[1]
                .responses
                .iter()
                .any(|r| r.text.contains("Two of five")),
            "{:?}",
            doc.items[1]
        );
    }

    #[test]
    fn a_quoted_formula_in_heeds_csv_reads_back_as_written() {
        let csv = b"Ref,Recommendation\n1,'=1+1 is not a formula\n2,'plain quote\n";
        let t = read_tracker(csv, TrackerFormat::Csv, &TrackerOptions::default()).expect("reads");
        let doc = t.complete().expect("every row");
        assert_eq!(doc.items[0].text, "=1+1 is not a formula");
        assert_eq!(doc.items[1].text, "'plain quote");
    }

    /// A crafted workbook: well under a megabyte of zip whose shared strings unpack to
    /// 65 MiB, and one whose parts each fit but together do not.
    #[test]
    fn workbooks_that_unpack_hugely_are_refused() {
        use std::io::Write;
        let bomb = |parts: &[(&str, usize)]| {
            let mut out = Cursor::new(Vec::new());
            let mut w = zip::ZipWriter::new(&mut out);
            let deflated = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            let mib = vec![b'a'; 1 << 20];
            for (name, size) in parts {
                w.start_file(*name, deflated).expect("start");
                for _ in 0..*size {
                    w.write_all(&mib).expect("write");
                }
            }
            w.finish().expect("finish");
            out.into_inner()
        };
        let one = bomb(&[("[Content_Types].xml", 0), ("xl/sharedStrings.xml", 65)]);
        assert!(one.len() < 1 << 20, "{}", one.len());
        let many = bomb(&[
            ("xl/worksheets/sheet1.xml", 60),
            ("xl/worksheets/sheet2.xml", 60),
            ("xl/worksheets/sheet3.xml", 60),
            ("xl/worksheets/sheet4.xml", 60),
            ("xl/worksheets/sheet5.xml", 60),
        ]);
        for (bytes, says) in [(one, "xl/sharedStrings.xml"), (many, "the whole")] {
            match read_tracker(&bytes, TrackerFormat::Workbook, &TrackerOptions::default()) {
                Err(TrackerError::TooLarge(m)) => assert!(m.contains(says), "{m}"),
                other => panic!("expected a refusal, got {other:?}"),
            }
        }
    }

    #[test]
    fn serial_dates() {
        assert_eq!(day_of_serial(41820.0), Day::new(2014, 6, 30));
        assert_eq!(day_of_serial(45943.5), Day::new(2025, 10, 13));
        assert_eq!(day_of_serial(3.0), None);
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn overrides_parse() {
        let o = parse_overrides("Lead officer=owner, C=ignore").expect("parses");
        assert_eq!(o[0].field, Field::Owner);
        assert_eq!(o[1].column, "C");
        assert!(parse_overrides("Budget=money").is_err());
    }
}
