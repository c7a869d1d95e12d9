//! Heed's register: every report, item and change, kept as an event history with the current
//! state projected beside it, in SQLite (the default, one file) or PostgreSQL (shared).
//!
//! Callers speak to the [`Store`] trait in domain words; [`open`] picks the backend from the
//! database URL. This is the only crate that knows SQL. The rules of the history (how an
//! event changes an item, how a later report's items are matched to earlier ones) live in
//! [`project`] and [`matching`], free of SQL, and both backends share one implementation of
//! the queries (`engine.rs`), compiled once per backend with that backend's types.

mod cache;
mod error;
mod figures;
mod fts;
pub mod matching;
mod model;
pub mod project;
mod url;

mod connect;
mod postgres;
mod sqlite;

pub use connect::open;
pub use error::StoreError;
pub use figures::*;
pub use model::*;
pub use url::DatabaseUrl;

use heed_core::date::Day;
use heed_core::{ItemId, ReportId, ReviewId};
use std::path::Path;

/// The register, in domain words. Every method that changes something appends events and
/// updates the projection in one transaction.
#[async_trait::async_trait]
pub trait Store: Send + Sync {
    /// Which database this is.
    fn backend(&self) -> Backend;

    /// The database URL with any password hidden, for messages.
    fn location(&self) -> &str;

    /// Imports one document in one transaction. The same bytes a second time add nothing
    /// ([`ImportOutcome::AlreadyImported`]). A document whose items match items of an
    /// existing review (or of `import.review`) updates those items instead of duplicating
    /// them; the matches are returned.
    async fn import_document(&self, import: Import<'_>) -> Result<ImportOutcome, StoreError>;

    /// All reviews, oldest first, with counts.
    async fn reviews(&self) -> Result<Vec<ReviewSummary>, StoreError>;

    /// The reports imported, oldest first, optionally of one review.
    async fn reports(&self, review: Option<ReviewId>) -> Result<Vec<ReportSummary>, StoreError>;

    /// Items matching the filter, in document order.
    async fn items(&self, filter: &ItemFilter) -> Result<Vec<ItemRecord>, StoreError>;

    /// How many items match the filter (its `limit` is ignored). Remembered per register
    /// version, so asking again before anything changes costs one lookup.
    async fn count_items(&self, filter: &ItemFilter) -> Result<u64, StoreError>;

    /// Up to `limit` items matching the filter, in document order (review, report, place in
    /// the report), starting after `after`; the page's `next` continues it.
    async fn items_page(
        &self,
        filter: &ItemFilter,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<ItemPage, StoreError>;

    /// The dashboard's figures for the items matching the filter, on `today`, computed in
    /// SQL and remembered per register version (a write anywhere makes the next call
    /// compute them again).
    async fn dashboard(&self, filter: &ItemFilter, today: Day) -> Result<Dashboard, StoreError>;

    /// One item: its current state, or its state at the end of `as_of`.
    async fn item(&self, id: ItemId, as_of: Option<Day>) -> Result<ItemRecord, StoreError>;

    /// Everything that happened to an item, in the order it took effect.
    async fn history(&self, id: ItemId) -> Result<Vec<Event>, StoreError>;

    /// The events of a review that belong to no one item (each report's import, with its
    /// judgements and glossary), in the order they took effect.
    async fn review_events(&self, review: ReviewId) -> Result<Vec<Event>, StoreError>;

    /// Records a progress update. With `expected_version` set, refuses with
    /// [`StoreError::Conflict`] when the item has changed since.
    async fn record_update(
        &self,
        id: ItemId,
        update: UpdateRequest,
    ) -> Result<ItemRecord, StoreError>;

    /// Links two items (`from` see-also / duplicate-of / supersedes `to`). Returns `false`
    /// when the link was already there.
    async fn link_items(
        &self,
        from: ItemId,
        to: ItemId,
        kind: LinkKind,
        by: &Actor,
    ) -> Result<bool, StoreError>;

    /// Adds an account. `password_hash` is a PHC string made by the caller (the store
    /// never sees a password). A name already taken is [`StoreError::Invalid`].
    async fn add_user(
        &self,
        name: &str,
        password_hash: &str,
        role: Role,
        unit: Option<&str>,
    ) -> Result<User, StoreError>;

    /// Replaces a password hash and ends that person's sessions.
    async fn set_password(&self, name: &str, password_hash: &str) -> Result<(), StoreError>;

    /// Changes a person's role and unit.
    async fn set_role(
        &self,
        name: &str,
        role: Role,
        unit: Option<&str>,
    ) -> Result<User, StoreError>;

    /// An account and its password hash, for signing in; `None` when there is no such name.
    async fn user_credentials(&self, name: &str) -> Result<Option<(User, String)>, StoreError>;

    /// Starts a session lasting `seconds`, kept by the SHA-256 of its token, with its CSRF token.
    async fn start_session(
        &self,
        token_hash: &str,
        user: i64,
        csrf_token: &str,
        seconds: i64,
    ) -> Result<(), StoreError>;

    /// The person and CSRF token of a session that has not expired.
    async fn session(&self, token_hash: &str) -> Result<Option<(User, String)>, StoreError>;

    /// Ends a session (signing out); ending one that is not there is not an error.
    async fn end_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// The original bytes of an imported report, with its file name.
    async fn original(&self, report: ReportId) -> Result<(String, Vec<u8>), StoreError>;

    /// An evidence file, with its name.
    async fn evidence_file(&self, id: i64) -> Result<(String, Vec<u8>), StoreError>;

    /// A consistent copy of the whole register, taken while it is in use, into a new file.
    async fn backup(&self, to: &Path) -> Result<(), StoreError>;

    /// Replaces the register's contents with a backup's, in one transaction.
    async fn restore(&self, from: &Path) -> Result<(), StoreError>;

    /// Closes the connections.
    async fn close(&self);
}
