//! Exports of a set of items (whatever filter the caller applied) as CSV, XLSX or JSON,
//! with their history on request. Unlike a report, an export keeps every field, so it can
//! be re-imported or analysed elsewhere.
//!
//! - Every row starts with the item's id in the register (`Item id`), empty for items that
//!   do not come from one.
//! - CSV: one row per item; with history, a last `History` column holding one entry a
//!   line (`YYYY-MM-DD what: detail`).
//! - XLSX: an `Items` sheet (typed dates, frozen header, filters, RAG fills) and, with
//!   history, a `History` sheet with one row per entry.
//! - JSON: an array of objects, each the item's extraction fields plus the register's
//!   facts (`latest_update`, `deadline_changes`, `changed_on`) and, with history, `history`.

use crate::ReportError;
use crate::input::{DeadlineChange, HistoryEntry, ReportItem, Update};
use crate::layout::status_words;
use crate::model::{Cell, Sheet, Table, Value};
use heed_core::Item;
use heed_core::date::Day;
use serde::Serialize;

/// The formats an export comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
}

impl std::str::FromStr for ExportFormat {
    type Err = crate::UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().trim_start_matches('.').to_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "xlsx" => Ok(ExportFormat::Xlsx),
            "json" => Ok(ExportFormat::Json),
            _ => Err(crate::UnknownName {
                what: "export format",
                word: s.to_string(),
                choices: "csv, xlsx, json".into(),
            }),
        }
    }
}

/// Exports items; `history` adds each item's history.
pub fn export(
    items: &[ReportItem],
    format: ExportFormat,
    history: bool,
) -> Result<Vec<u8>, ReportError> {
    match format {
        ExportFormat::Csv => crate::write::csv::table(&items_table(items, history)),
        ExportFormat::Xlsx => {
            let mut sheets = vec![Sheet {
                name: "Items".into(),
                table: items_table(items, false),
            }];
            if history {
                sheets.push(Sheet {
                    name: "History".into(),
                    table: history_table(items),
                });
            }
            crate::write::xlsx::write(&sheets, "Heed export")
        }
        ExportFormat::Json => {
            let rows: Vec<JsonItem<'_>> = items
                .iter()
                .map(|ri| JsonItem {
                    id: ri.id,
                    item: &ri.item,
                    latest_update: ri.latest_update.as_ref(),
                    deadline_changes: &ri.deadline_changes,
                    changed_on: ri.changed_on,
                    history: history.then_some(ri.history.as_slice()),
                })
                .collect();
            let mut out = serde_json::to_vec_pretty(&rows)?;
            out.push(b'\n');
            Ok(out)
        }
    }
}

#[derive(Serialize)]
struct JsonItem<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    #[serde(flatten)]
    item: &'a Item,
    latest_update: Option<&'a Update>,
    deadline_changes: &'a [DeadlineChange],
    changed_on: Option<Day>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<&'a [HistoryEntry]>,
}

fn date_cell(d: Option<Day>) -> Cell {
    d.map_or_else(|| Cell::text(""), Cell::date)
}

/// The export's columns; the CSV and the XLSX `Items` sheet share them.
pub const COLUMNS: &[&str] = &[
    "Item id",
    "Ref",
    "Kind",
    "Section",
    "Theme",
    "Text",
    "Addressee",
    "Owner",
    "Position",
    "Status",
    "Status words",
    "RAG",
    "RAG reason",
    "Due",
    "Due as written",
    "Latest update",
    "Updated on",
    "Changed on",
    "See also",
];

fn items_table(items: &[ReportItem], history: bool) -> Table {
    let mut header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    if history {
        header.push("History".into());
    }
    let rows = items
        .iter()
        .map(|ri| {
            let i = &ri.item;
            let mut row = vec![
                ri.id.map_or_else(
                    || Cell::text(""),
                    |id| Cell {
                        text: id.to_string(),
                        value: Value::Number(id as f64),
                        rag: None,
                    },
                ),
                Cell::opt(i.r#ref.as_deref()),
                Cell::text(i.kind.as_str()),
                Cell::opt(i.section.as_deref()),
                Cell::opt(i.theme.as_deref()),
                Cell::text(&i.text),
                Cell::opt(i.addressee.as_deref()),
                Cell::opt(i.owner.as_deref()),
                Cell::text(i.position.map(|p| p.as_str()).unwrap_or("")),
                Cell::text(i.status.map(status_words).unwrap_or("")),
                Cell::opt(i.status_words.as_deref()),
                Cell::rag(i.rag),
                Cell::opt(i.rag_reason.as_deref()),
                date_cell(i.deadline.as_ref().map(|d| d.due)),
                Cell::opt(i.deadline.as_ref().map(|d| d.phrase.as_str())),
                Cell::opt(ri.progress_text().as_deref()),
                date_cell(ri.latest_update.as_ref().map(|u| u.on)),
                date_cell(ri.changed_on),
                Cell::text(i.see_also.join(", ")),
            ];
            if history {
                // One entry a line: CSV quotes the cell, so the line breaks survive.
                let text = ri
                    .history
                    .iter()
                    .map(|h| format!("{} {}: {}", h.on, h.what, crate::model::one_line(&h.detail)))
                    .collect::<Vec<_>>()
                    .join("\n");
                row.push(Cell {
                    text,
                    value: Value::Text,
                    rag: None,
                });
            }
            row
        })
        .collect();
    Table {
        caption: Some("Items".into()),
        header,
        rows,
        widths: vec![
            8, 6, 16, 8, 16, 60, 16, 16, 14, 12, 20, 8, 24, 12, 16, 50, 12, 12, 10, 50,
        ],
    }
}

fn history_table(items: &[ReportItem]) -> Table {
    let mut rows = Vec::new();
    for ri in items {
        for h in &ri.history {
            rows.push(vec![
                Cell::opt(ri.item.r#ref.as_deref()),
                Cell::text(&ri.item.text),
                Cell::date(h.on),
                Cell::text(&h.what),
                Cell::text(&h.detail),
            ]);
        }
    }
    Table {
        caption: Some("History".into()),
        header: vec![
            "Ref".into(),
            "Item".into(),
            "Date".into(),
            "What".into(),
            "Detail".into(),
        ],
        rows,
        widths: vec![6, 50, 12, 12, 60],
    }
}
