//! The register's values as callers see them: what goes into an import or an update, and
//! what comes back (items with their provenance, history events, import outcomes).
//!
//! These are plain serde values so the CLI and, later, the web layer can print them as JSON
//! without a second set of types. No SQL here.

use heed_core::date::Day;
use heed_core::{
    Action, Deadline, Document, GlossaryEntry, ItemId, ItemKind, Judgement, Position, Rag,
    ReportId, ReviewId, Status,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who makes a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "via", content = "name", rename_all = "snake_case")]
pub enum Actor {
    /// A person at the command line (or the web form): their name.
    Person(String),
    /// A program using the API: its client name.
    Api(String),
}

impl Actor {
    /// The name recorded as the event's author.
    pub fn name(&self) -> &str {
        match self {
            Actor::Person(n) | Actor::Api(n) => n,
        }
    }

    pub(crate) fn source(&self) -> Source {
        match self {
            Actor::Person(n) => Source::Person { name: n.clone() },
            Actor::Api(n) => Source::Api { client: n.clone() },
        }
    }
}

/// Where a value or an event came from: its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// Read from an imported document, at this 1-based line.
    Document { report: ReportId, line: usize },
    /// Typed by a person.
    Person { name: String },
    /// Sent by a program through the API.
    Api { client: String },
}

impl Source {
    pub(crate) fn kind_str(&self) -> &'static str {
        match self {
            Source::Document { .. } => "document",
            Source::Person { .. } => "person",
            Source::Api { .. } => "api",
        }
    }
}

/// Facts about a report that the document itself may not state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMeta {
    /// Overrides the document's own title.
    pub title: Option<String>,
    /// The body that issued it ("HMIC", "GAO").
    pub issuing_body: Option<String>,
    /// Overrides the document's own date; the date its changes take effect in the history.
    pub date: Option<Day>,
    /// What kind of report it is ("inspection", "progress report").
    pub kind: Option<String>,
}

/// One document to import.
#[derive(Debug, Clone)]
pub struct Import<'a> {
    /// The name it was read from, for messages and provenance.
    pub file_name: String,
    /// The original bytes: kept in the register and hashed to recognise a re-import.
    pub bytes: &'a [u8],
    /// What the reader made of it.
    pub document: &'a Document,
    pub meta: ReportMeta,
    /// The review it belongs to; `None` lets the store match it to an existing review by its
    /// items (a later progress report), or start a new one.
    pub review: Option<ReviewId>,
    pub by: Actor,
    /// Work everything out and report it, but store nothing.
    pub dry_run: bool,
}

/// How an incoming item was matched to one already in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchBy {
    /// Same kind and reference number (and the texts do not contradict it).
    Ref,
    /// Same kind and nearly the same words.
    Text,
}

/// One incoming item attached to an existing item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemMatch {
    /// Index of the item in the imported `Document::items`.
    pub incoming: usize,
    pub item: ItemId,
    pub r#ref: Option<String>,
    pub by: MatchBy,
    /// Word similarity of the two texts, 0 to 1 (1 when either text is empty).
    pub similarity: f64,
    /// Whether the incoming item changed anything (status, RAG, deadline, a response...).
    pub changed: bool,
    /// What it changed, in words ("status in_progress -> completed", "response: ...").
    pub changes: Vec<String>,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// The same bytes were imported before; nothing was added.
    AlreadyImported {
        report: ReportId,
        review: ReviewId,
    },
    Imported(ImportSummary),
}

/// The changes made by one import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// The new report's id (for a dry run, the id it would have had).
    pub report: ReportId,
    pub review: ReviewId,
    /// Whether the import started a new review rather than adding to an existing one.
    pub new_review: bool,
    /// Items added to the register.
    pub created: usize,
    /// Existing items that received updates from this document.
    pub updated: usize,
    /// Incoming items attached to existing ones.
    pub matches: Vec<ItemMatch>,
    pub events: usize,
    pub dry_run: bool,
}

/// A review, with counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: ReviewId,
    pub name: String,
    pub reports: i64,
    pub items: i64,
    /// Items not closed (completed, not accepted, superseded).
    pub open: i64,
}

/// One imported document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSummary {
    pub id: ReportId,
    pub review: ReviewId,
    pub title: Option<String>,
    pub date: Option<Day>,
    pub file_name: String,
    pub file_hash: String,
    pub imported_at: String,
    pub imported_by: String,
}

/// Which items to list. Every field narrows the list; the default lists everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemFilter {
    pub review: Option<ReviewId>,
    pub kind: Option<ItemKind>,
    pub status: Option<Status>,
    pub rag: Option<Rag>,
    /// Owner, matched ignoring case, as a substring.
    pub owner: Option<String>,
    /// Past its deadline on this day and not closed.
    pub overdue_on: Option<Day>,
    /// Due on or before this day.
    pub due_before: Option<Day>,
    /// A full-text search of the item's text (every word must appear, in any form the
    /// stemmer relates: "inspect" finds "inspections"; `"a phrase"`, `-excluded`, `this or
    /// that`), or the item's reference exactly, ignoring case.
    pub text: Option<String>,
    pub limit: Option<u32>,
}

/// A change of deadline: always with a reason, kept as slippage history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineChange {
    pub deadline: Deadline,
    pub reason: String,
}

/// A file attached to an update as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A progress update typed by a person or sent through the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRequest {
    pub status: Option<Status>,
    pub rag: Option<Rag>,
    pub note: Option<String>,
    pub deadline: Option<DeadlineChange>,
    pub owner: Option<String>,
    pub evidence: Option<EvidenceFile>,
    /// The version the person saw; when the item has moved on, the update is refused with
    /// [`crate::StoreError::Conflict`]. `None` applies the update on top of whatever is there.
    pub expected_version: Option<i64>,
    pub by: Actor,
    /// The day the change takes effect in the history; `None` means today.
    pub on: Option<Day>,
}

impl UpdateRequest {
    /// An update that changes nothing yet, by `by`.
    pub fn by(by: Actor) -> UpdateRequest {
        UpdateRequest {
            status: None,
            rag: None,
            note: None,
            deadline: None,
            owner: None,
            evidence: None,
            expected_version: None,
            by,
            on: None,
        }
    }
}

/// How two items relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    SeeAlso,
    DuplicateOf,
    Supersedes,
}

impl LinkKind {
    pub const ALL: &'static [LinkKind] = &[
        LinkKind::SeeAlso,
        LinkKind::DuplicateOf,
        LinkKind::Supersedes,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            LinkKind::SeeAlso => "see_also",
            LinkKind::DuplicateOf => "duplicate_of",
            LinkKind::Supersedes => "supersedes",
        }
    }
}

impl std::str::FromStr for LinkKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let key = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        LinkKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == key)
            .ok_or_else(|| {
                format!("unknown link kind {s:?}: expected see_also, duplicate_of or supersedes")
            })
    }
}

/// A link as seen from one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef {
    pub kind: LinkKind,
    pub other: ItemId,
    /// `true` when this item is the link's subject ("this supersedes other").
    pub outgoing: bool,
}

/// A deadline that moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slippage {
    pub from: Option<Deadline>,
    pub to: Deadline,
    pub reason: Option<String>,
    pub on: Day,
    pub source: Source,
}

/// A response, progress narrative or note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub on: Day,
    pub text: String,
    pub source: Source,
}

/// Evidence attached to an item (the bytes stay in the register).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub size: usize,
}

/// An item's state: what its events add up to, on a given day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemState {
    pub kind: ItemKind,
    pub r#ref: Option<String>,
    pub section: Option<String>,
    pub theme: Option<String>,
    pub text: String,
    pub addressee: Option<String>,
    pub owner: Option<String>,
    pub position: Option<Position>,
    pub position_words: Option<String>,
    pub status: Option<Status>,
    pub status_words: Option<String>,
    pub rag: Option<Rag>,
    pub rag_reason: Option<String>,
    pub deadline: Option<Deadline>,
    pub see_also: Vec<String>,
    pub actions: Vec<Action>,
    pub notes: Vec<Note>,
    pub slippage: Vec<Slippage>,
    pub evidence: Vec<EvidenceRef>,
    pub links: Vec<LinkRef>,
    /// For each field that has a value, where that value came from.
    pub provenance: BTreeMap<String, Source>,
}

/// An item in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    pub id: ItemId,
    pub review: ReviewId,
    /// The report it was first read from.
    pub report: ReportId,
    /// Bumped by every event; pass it back as `expected_version` to detect conflicts.
    pub version: i64,
    /// The day of the latest event included.
    pub updated_on: Day,
    /// Set when this is the state on a past day rather than the current state.
    pub as_of: Option<Day>,
    #[serde(flatten)]
    pub state: ItemState,
}

impl ItemRecord {
    /// Past its deadline on `today` and not closed.
    pub fn is_overdue(&self, today: Day) -> bool {
        let open = self.state.status.is_none_or(|s| !s.is_closed());
        open && self
            .state
            .deadline
            .as_ref()
            .is_some_and(|d| d.is_past(today))
    }
}

/// What an event did to the register: the payload kept in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// A document was imported.
    ReportImported {
        file_name: String,
        title: Option<String>,
        items: usize,
        judgements: Vec<Judgement>,
        glossary: Vec<GlossaryEntry>,
    },
    /// An item entered the register, as read.
    ItemCreated { state: Box<ItemState> },
    /// An item's status, RAG, owner, deadline or position changed, or a note was added.
    ItemUpdated(Box<ItemUpdate>),
    /// A response or progress narrative about an item.
    Response { text: String },
    /// Two items were linked.
    Linked {
        kind: LinkKind,
        from: ItemId,
        to: ItemId,
    },
}

impl Change {
    /// A short word for people: "report_imported", "created", "updated", "response",
    /// "linked" (the history's and the exports' column).
    pub fn label(&self) -> &'static str {
        match self {
            Change::ReportImported { .. } => "report_imported",
            Change::ItemCreated { .. } => "created",
            Change::ItemUpdated(_) => "updated",
            Change::Response { .. } => "response",
            Change::Linked { .. } => "linked",
        }
    }

    pub(crate) fn kind_str(&self) -> &'static str {
        match self {
            Change::ReportImported { .. } => "report_imported",
            Change::ItemCreated { .. } => "item_created",
            Change::ItemUpdated(_) => "item_updated",
            Change::Response { .. } => "response",
            Change::Linked { .. } => "linked",
        }
    }
}

/// The fields an update sets; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemUpdate {
    pub status: Option<Status>,
    pub status_words: Option<String>,
    pub rag: Option<Rag>,
    pub rag_reason: Option<String>,
    pub position: Option<Position>,
    pub position_words: Option<String>,
    pub owner: Option<String>,
    pub deadline: Option<Deadline>,
    pub deadline_reason: Option<String>,
    pub actions: Option<Vec<Action>>,
    pub note: Option<String>,
    pub evidence: Option<EvidenceRef>,
}

impl ItemUpdate {
    pub fn is_empty(&self) -> bool {
        *self == ItemUpdate::default()
    }
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    /// When it was written to the register (UTC, RFC 3339).
    pub recorded_at: String,
    /// The day it takes effect: the document's date, or the day a person recorded it.
    pub effective_on: Day,
    pub author: String,
    pub source: Source,
    pub review: Option<ReviewId>,
    pub item: Option<ItemId>,
    pub change: Change,
}

/// Which database an open store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What a person signed in to the web application may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including accounts.
    Admin,
    /// Edits every item and verifies claimed completions.
    Secretariat,
    /// Updates only the items assigned to them or their unit.
    Owner,
    /// Reads.
    Viewer,
}

impl Role {
    pub const ALL: &'static [Role] = &[Role::Admin, Role::Secretariat, Role::Owner, Role::Viewer];

    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
            Role::Owner => "owner",
            Role::Viewer => "viewer",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let key = s.trim().to_ascii_lowercase();
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == key)
            .ok_or_else(|| {
                format!("unknown role {s:?}: expected admin, secretariat, owner or viewer")
            })
    }
}

/// A person with an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// The unit whose items an owner may update, besides those owned in their own name.
    pub unit: Option<String>,
}
