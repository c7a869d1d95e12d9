//! What a reader makes of one document: its items, judgements, glossary and diagnostics.
//!
//! These are values, not rows: they carry the line each thing was read from (provenance)
//! but no database ids. `heed-read` produces them; `heed-store` turns them into events.

use crate::date::{Day, Deadline};
use crate::vocab::{Direction, Grade, ItemKind, Position, Rag, Status};
use serde::{Deserialize, Serialize};

/// One document as read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The report's own title, markup removed.
    pub title: Option<String>,
    /// The date the document states for itself, when it states one.
    pub date: Option<Day>,
    /// The layout families the reader recognised ("progress-table", "inspection", ...).
    pub layouts: Vec<String>,
    pub items: Vec<Item>,
    pub judgements: Vec<Judgement>,
    pub glossary: Vec<GlossaryEntry>,
    pub diagnostics: Vec<Diagnostic>,
    /// For a document read from pages (a PDF): the 1-based line each page starts on, so
    /// that a line can be named as a page and a line on it ([`Document::page_of`]).
    /// Empty for documents without pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<usize>,
}

impl Document {
    /// The 1-based page a 1-based source line is on, and the line's number on that page;
    /// `None` for documents without pages or for line 0 (the whole document).
    pub fn page_of(&self, line: usize) -> Option<(usize, usize)> {
        if line == 0 || self.pages.is_empty() {
            return None;
        }
        let k = self.pages.partition_point(|&start| start <= line);
        let start = *self.pages.get(k.checked_sub(1)?)?;
        Some((k, line - start + 1))
    }
}

impl Document {
    /// Whether reading found anything to extract or keep: an item, a judgement or a
    /// glossary entry. A document with none (an empty file, a stray byte, a page of
    /// prose) is refused alike by `heed extract`, `heed import` and the web's import.
    pub fn has_findings(&self) -> bool {
        !(self.items.is_empty() && self.judgements.is_empty() && self.glossary.is_empty())
    }
}

/// A recommendation, area for improvement, strength or work-in-progress note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    /// The number as printed, without decoration ("6", "115.3"); `None` when unnumbered.
    pub r#ref: Option<String>,
    /// The inspection area code it sits under ("1A").
    pub section: Option<String>,
    /// A sub-heading inside the section ("Domestic Violence"), when there is one.
    pub theme: Option<String>,
    /// The item's own words; empty when the document names it by number only.
    pub text: String,
    /// Who the item is addressed to ("the MPS", "CMS"), when the text says.
    pub addressee: Option<String>,
    pub owner: Option<String>,
    pub position: Option<Position>,
    /// The words the position was read from.
    pub position_words: Option<String>,
    pub status: Option<Status>,
    /// The words the status was read from ("Awaits", "Completed May 2004").
    pub status_words: Option<String>,
    pub rag: Option<Rag>,
    /// The phrase that decided the RAG rating.
    pub rag_reason: Option<String>,
    pub deadline: Option<Deadline>,
    pub see_also: Vec<String>,
    pub actions: Vec<Action>,
    pub responses: Vec<Response>,
    /// The day the document says this item was last updated (a tracker's "last updated"
    /// column): the register dates this item's changes then, not on the document's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_on: Option<Day>,
    /// Why a general reader took this unit as an item ("directive wording (\"should\")",
    /// "a response or status after it"); empty for items a layout recogniser read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// 1-based line of the source the item starts on.
    pub line: usize,
}

impl Item {
    /// An item with only its kind, text and line set.
    pub fn new(kind: ItemKind, text: impl Into<String>, line: usize) -> Item {
        Item {
            kind,
            r#ref: None,
            section: None,
            theme: None,
            text: text.into(),
            addressee: None,
            owner: None,
            position: None,
            position_words: None,
            status: None,
            status_words: None,
            rag: None,
            rag_reason: None,
            deadline: None,
            see_also: Vec::new(),
            actions: Vec::new(),
            responses: Vec::new(),
            updated_on: None,
            evidence: Vec::new(),
            line,
        }
    }
}

/// One row of a key points / actions / results table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Carried by the first row of its group only.
    pub key_point: Option<String>,
    pub action: Option<String>,
    /// The results / timescale cell.
    pub result: Option<String>,
    pub owner: Option<String>,
    pub status: Option<Status>,
    pub status_words: Option<String>,
    /// The completion date the result states.
    pub date: Option<Deadline>,
    pub deadline: Option<Deadline>,
    pub line: usize,
}

/// A response or progress narrative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub text: String,
    pub line: usize,
}

/// A graded inspection area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judgement {
    pub area: String,
    pub title: String,
    pub grade: Option<Grade>,
    pub direction: Option<Direction>,
    pub national_distribution: Option<NationalDistribution>,
    pub line: usize,
}

/// How many forces received each grade nationally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalDistribution {
    pub poor: u32,
    pub fair: u32,
    pub good: u32,
    pub excellent: u32,
}

/// "poor 2, fair 10, good 25, excellent 6": how every front end prints it.
impl std::fmt::Display for NationalDistribution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "poor {}, fair {}, good {}, excellent {}",
            self.poor, self.fair, self.good, self.excellent
        )
    }
}

/// An abbreviation and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub expansion: String,
    pub line: usize,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something was read but may be wrong (a contradiction, a gap in numbering).
    Warning,
    /// Something could not be read at all.
    Error,
}

/// Something the reader wants a person to look at, with the line it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based source line, 0 when it concerns the whole document.
    pub line: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn warning(line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            line,
            message: message.into(),
        }
    }
    pub fn error(line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            line,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod page_tests {
    use super::Document;

    #[test]
    fn lines_are_named_by_page() {
        let doc = Document {
            pages: vec![1, 40, 95],
            ..Document::default()
        };
        assert_eq!(doc.page_of(1), Some((1, 1)));
        assert_eq!(doc.page_of(39), Some((1, 39)));
        assert_eq!(doc.page_of(40), Some((2, 1)));
        assert_eq!(doc.page_of(100), Some((3, 6)));
        assert_eq!(doc.page_of(0), None);
        assert_eq!(Document::default().page_of(5), None);
    }
}
