//! The register's values as callers see them: what goes into an import or an update, and
//! what comes back (items with their provenance, history events, import outcomes).
//!
//! These are plain serde values so the CLI and, later, the web layer can print them as JSON
//! without a second set of types. No SQL here.

use crate::field::Field;
use heed_core::date::Day;
use heed_core::{
    Action, Deadline, Decision, Document, EvidenceId, GlossaryEntry, ItemId, ItemKind, Judgement,
    Position, Rag, ReportId, ReviewId, Status, UserId, Verification, Version,
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

    /// The person behind the actor: a person's name, or the account an API token acts
    /// for ("ann via token nightly" is ann).
    pub fn person(&self) -> &str {
        person_of(self.name())
    }

    pub(crate) fn source(&self) -> Source {
        match self {
            Actor::Person(n) => Source::Person { name: n.clone() },
            Actor::Api(n) => Source::Api { client: n.clone() },
        }
    }
}

/// The person an author's name stands for: "ann via token nightly" is ann.
pub fn person_of(author: &str) -> &str {
    author
        .split_once(" via token ")
        .map_or(author, |(person, _)| person)
        .trim()
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
    /// Where the import came from (see [`Event::origin`]).
    pub origin: Option<String>,
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
    /// Whether readers who are not signed in may see it (publishing is per review).
    pub published: bool,
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
    /// Only items of published reviews: what a reader who is not signed in may see.
    pub published_only: bool,
    /// Only items with a claimed completion awaiting verification.
    pub awaiting_verification: bool,
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
    /// The name it was sent with; the register keeps only its last component
    /// ([`evidence_name`]).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Readers not signed in may download it (from a published review). Decided when the
    /// file is attached and kept in the event, like everything else about it.
    pub public: bool,
}

/// A file the register keeps as it was given: an imported report's original, or an
/// evidence file. The name is as it was stored (evidence kept before the register dropped
/// folders may still have some: offer it through [`evidence_name`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The name an evidence file is kept and offered under: the last component of whatever
/// path a client sent (`/` and `\\` both separate), without control characters; never
/// empty, `.` or `..`. A browser or a client may send `C:\\Users\\ann\\plan.pdf` or
/// `../../etc/passwd`; a download must not suggest a folder.
pub fn evidence_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let name: String = last.chars().filter(|c| !c.is_control()).collect();
    let name = name.trim();
    if name.is_empty() || name == "." || name == ".." {
        "evidence".to_string()
    } else {
        name.to_string()
    }
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
    pub expected_version: Option<Version>,
    pub by: Actor,
    /// The day the change takes effect in the history; `None` means today.
    pub on: Option<Day>,
    /// Where the update came from (see [`Event::origin`]).
    pub origin: Option<String>,
    /// The author may not verify completions: a closing status (completed, not accepted,
    /// superseded) is recorded as a claim awaiting verification, and the item stays open.
    /// When `false`, a closing status is verified at once and recorded as such.
    pub claim_only: bool,
}

/// A verifier's answer to a claimed completion: accept it (the item closes with the claimed
/// status) or reject it with a reason (the item stays open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyRequest {
    pub decision: Decision,
    /// Why; required when rejecting.
    pub note: Option<String>,
    /// As for [`UpdateRequest::expected_version`].
    pub expected_version: Option<Version>,
    pub by: Actor,
    pub on: Option<Day>,
    pub origin: Option<String>,
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
            origin: None,
            claim_only: false,
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
    pub id: EvidenceId,
    pub file_name: String,
    pub sha256: String,
    pub size: usize,
    /// Marked public when attached: readers not signed in may download it. Evidence is
    /// private unless marked (events written before the mark existed have none).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub public: bool,
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
    /// Where a claim to have closed the item stands: absent until someone records a closing
    /// status. While it is awaiting, `status` is still the status before the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<VerificationState>,
    /// For each field that has a value, where that value came from.
    pub provenance: BTreeMap<Field, Source>,
}

/// A claimed closing status and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationState {
    pub state: Verification,
    /// The closing status claimed (usually completed).
    pub claimed: Status,
    pub claimed_by: String,
    pub claimed_on: Day,
    /// Who accepted or rejected the claim, on which day, and why.
    pub decided_by: Option<String>,
    pub decided_on: Option<Day>,
    pub note: Option<String>,
}

/// An item in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    pub id: ItemId,
    pub review: ReviewId,
    /// The report it was first read from.
    pub report: ReportId,
    /// Bumped by every event; pass it back as `expected_version` to detect conflicts.
    pub version: Version,
    /// The day of the latest event included.
    pub updated_on: Day,
    /// Set when this is the state on a past day rather than the current state.
    pub as_of: Option<Day>,
    #[serde(flatten)]
    pub state: ItemState,
}

/// An item's current state and its history, read together (an item page shows both).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemWithHistory {
    pub item: ItemRecord,
    /// Every event of the item, in the order it took effect.
    pub history: Vec<Event>,
}

impl ItemRecord {
    /// Whether a claimed completion awaits verification.
    pub fn awaits_verification(&self) -> bool {
        self.state
            .verification
            .as_ref()
            .is_some_and(|v| v.state == Verification::Awaiting)
    }

    /// An action (not a strength or a note of work in progress), past its deadline on
    /// `today` and not closed.
    pub fn is_overdue(&self, today: Day) -> bool {
        let open = self.state.kind.is_action() && self.state.status.is_none_or(|s| !s.is_closed());
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
    /// A verifier accepted or rejected a claimed closing status. On rejection the item's
    /// status becomes `back_to` (the status before the claim, or in progress).
    Verified {
        decision: Decision,
        claimed: Status,
        note: Option<String>,
        back_to: Option<Status>,
    },
    /// A review was published (readers who are not signed in may see it) or unpublished.
    Published { published: bool },
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
            Change::Verified {
                decision: Decision::Accept,
                ..
            } => "verified",
            Change::Verified {
                decision: Decision::Reject,
                ..
            } => "rejected",
            Change::Published { published: true } => "published",
            Change::Published { published: false } => "unpublished",
        }
    }

    pub(crate) fn kind_str(&self) -> &'static str {
        match self {
            Change::ReportImported { .. } => "report_imported",
            Change::ItemCreated { .. } => "item_created",
            Change::ItemUpdated(_) => "item_updated",
            Change::Response { .. } => "response",
            Change::Linked { .. } => "linked",
            Change::Verified { .. } => "verified",
            Change::Published { .. } => "published",
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
    /// A closing status claimed by someone who may not verify it: `status` is left as it
    /// was and the claim awaits verification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<Status>,
    /// The closing `status` was set by a verifier, and so is verified at once.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verified: bool,
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
    /// The day it takes effect: the document's date, or the day a person recorded it. For
    /// an event read from a document that states no date ([`Event::undated`]) it is the day
    /// the document was recorded, which orders the history but says nothing of when.
    pub effective_on: Day,
    /// Read from a document that states no date of its own, imported without `--date`:
    /// nothing places it in time, so it counts in every view as of any day
    /// ([`Event::counts_on`]) and is shown as undated.
    #[serde(default)]
    pub undated: bool,
    pub author: String,
    pub source: Source,
    pub review: Option<ReviewId>,
    pub item: Option<ItemId>,
    pub change: Change,
    /// Where the change came from: the client's address for the web and the API
    /// (`203.0.113.7`), `cli:USER` (the operating-system user) for the command line;
    /// `None` for events recorded before Heed kept it.
    pub origin: Option<String>,
}

impl Event {
    /// Whether the event counts in a view of the register as it stood on `day`: dated
    /// events from their effective day on, undated ones always (an undated report is the
    /// baseline of every view, never hidden by the day it happened to be recorded).
    pub fn counts_on(&self, day: Day) -> bool {
        self.undated || self.effective_on <= day
    }
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
    pub id: UserId,
    pub name: String,
    pub role: Role,
    /// The unit whose items an owner may update, besides those owned in their own name.
    pub unit: Option<String>,
}

/// An account and its password hash (a PHC string), for checking a password at sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

/// A live session: the person signed in, and the CSRF token their forms must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
}

/// Values a person corrected in an import's preview before confirming it: for each
/// incoming item (its index in `Document::items`), the fields they changed. Those fields'
/// provenance is the person, not the document's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrections {
    pub by: Actor,
    pub fields: BTreeMap<usize, std::collections::BTreeSet<Field>>,
    /// The person chose a new review rather than the one the items match (or the one named
    /// in the import).
    pub new_review: bool,
}

impl Corrections {
    /// No corrections, by `by`.
    pub fn none(by: Actor) -> Corrections {
        Corrections {
            by,
            fields: BTreeMap::new(),
            new_review: false,
        }
    }

    /// Whether `field` of incoming item `index` was corrected.
    pub fn corrected(&self, index: usize, field: Field) -> bool {
        self.fields.get(&index).is_some_and(|f| f.contains(&field))
    }
}

/// An upload read and previewed, waiting for its uploader to confirm it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingImport {
    pub id: String,
    /// The uploader's account; nobody else may see or confirm it.
    pub user: UserId,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub options: UploadOptions,
    pub created_at: String,
    pub expires_at: String,
}

/// What the uploader said about a document, as `heed import`'s options say it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadOptions {
    /// The report's date, when the document does not state it.
    pub date: Option<Day>,
    /// For trackers: column overrides ("Lead officer=owner, C=ignore").
    pub map: Option<String>,
    /// For trackers: the worksheet to read.
    pub sheet: Option<String>,
}

/// An API token as listed (the token itself is shown once, when made, and never kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    /// The person it acts as.
    pub user: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// What an `Authorization: Bearer` token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenLookup {
    /// A live token: the person it acts as, and the token's name.
    Valid { user: User, token_name: String },
    /// A token that was revoked, by name.
    Revoked(String),
    /// No such token.
    Unknown,
}

/// A search saved under a name, reachable at `/views/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// The search's query string (`status=open&owner=custody`), without the page.
    pub query: String,
    /// The name of the person who saved it.
    pub owner: String,
    pub created_at: String,
}

/// A view's URL name from its name: lower-case letters and digits joined by `-`.
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "view".to_string()
    } else {
        slug.chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    }
}
