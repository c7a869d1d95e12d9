//! The shape every layout is built into before it is written: headings, paragraphs,
//! bullet lists, tables of typed cells, bar charts, and the flat sheets spreadsheets get.
//! Layouts decide *what* a committee reads; the writers in `write/` decide only *how*
//! each format spells it, so a new format is one writer and a new layout one builder.

use heed_core::Rag;
use heed_core::date::Day;

/// A report ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    /// The line under the title ("As of 27 November 2026").
    pub subtitle: String,
    pub blocks: Vec<Block>,
    /// The same content as flat tables, for CSV (the first sheet) and XLSX (every sheet).
    pub sheets: Vec<Sheet>,
}

/// One unit of a report's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 2, 3 or 4 (level 1 is the title).
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    Bullets(Vec<String>),
    Table(Table),
    /// A bar chart; writers that cannot draw it rely on the table that always follows it.
    Chart(Chart),
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Says what the table is, for screen readers and captions.
    pub caption: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Relative column widths (any unit), one per header cell; empty for equal widths.
    pub widths: Vec<u16>,
}

/// A table cell: its text, and what it is when it is more than text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub value: Value,
    /// A RAG rating shown as the cell's colour (the text names it too).
    pub rag: Option<Rag>,
}

/// The typed value of a cell, for spreadsheets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Text,
    Date(Day),
    Number(f64),
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Cell {
        Cell {
            text: one_line(&t.into()),
            value: Value::Text,
            rag: None,
        }
    }
    pub fn opt(t: Option<&str>) -> Cell {
        Cell::text(t.unwrap_or(""))
    }
    pub fn date(d: Day) -> Cell {
        Cell {
            text: d.to_string(),
            value: Value::Date(d),
            rag: None,
        }
    }
    pub fn number(n: usize) -> Cell {
        Cell {
            text: n.to_string(),
            value: Value::Number(n as f64),
            rag: None,
        }
    }
    pub fn rag(r: Option<Rag>) -> Cell {
        Cell {
            text: r.map(rag_name).unwrap_or_default().to_string(),
            value: Value::Text,
            rag: r,
        }
    }
}

/// A flat table with a name, for one spreadsheet tab.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub table: Table,
}

/// Labelled bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    /// A RAG bar is drawn in its colour; others in the neutral colour.
    pub rag: Option<Rag>,
}

/// The word a report prints for a RAG rating.
pub fn rag_name(r: Rag) -> &'static str {
    match r {
        Rag::Red => "Red",
        Rag::Amber => "Amber",
        Rag::Green => "Green",
    }
}

/// The colour a RAG rating is shown in, as RRGGBB. Chosen so black text stays readable
/// on each (contrast ratio above 4.5:1).
pub fn rag_fill(r: Rag) -> &'static str {
    match r {
        Rag::Red => "F4A6A6",
        Rag::Amber => "FFD27F",
        Rag::Green => "A8D5A2",
    }
}

/// A stronger shade of the RAG colour, for chart bars and borders.
pub fn rag_strong(r: Rag) -> &'static str {
    match r {
        Rag::Red => "C0392B",
        Rag::Amber => "E69500",
        Rag::Green => "2E8B3E",
    }
}

/// Text as one line: tabs, line breaks and runs of white space become one space.
pub fn one_line(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "27 November 2026".
pub fn long_date(d: Day) -> String {
    let month = MONTH_NAMES
        .get(usize::from(d.month).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{} {} {}", d.day, month, d.year)
}
