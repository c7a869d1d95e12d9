//! Heed's register: every report, item and change, kept as an event history with the current
//! state projected beside it, in SQLite (the default, one file) or PostgreSQL (shared).
//!
//! Callers speak to the [`Store`] trait in domain words; [`open`] picks the backend from the
//! database URL. This is the only crate that knows SQL. The rules of the history (how an
//! event changes an item, how a later report's items are matched to earlier ones, what an
//! import writes) live in [`project`], [`matching`] and `import_plan`, free of SQL, and both backends share one implementation of
//! the queries (`engine/`), compiled once per backend with that backend's types.

mod bulk;
mod cache;
mod counts;
mod error;
mod field;
mod figures;
mod fts;
mod import_plan;
pub mod matching;
mod model;
mod portable;
pub mod project;
mod search;
mod tsearch;
mod url;

mod connect;
mod postgres;
mod sqlite;

pub use cache::{Memo, RegisterVersion};
pub use connect::open;
pub use error::StoreError;
pub use field::Field;
pub use figures::*;
pub use model::*;
pub use portable::{NOT_BACKED_UP, backed_up_tables};
pub use url::DatabaseUrl;

use heed_core::date::Day;
use heed_core::{EvidenceId, ItemId, ReportId, ReviewId, UserId};
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
    async fn reviews(&self) -> Result<std::sync::Arc<Vec<ReviewSummary>>, StoreError>;

    /// How many reviews the register holds, without their figures: one count of the
    /// reviews table, where [`Store::reviews`] reads every review's counters (1.4 s for
    /// 200,000 reviews, again after every write).
    async fn review_count(&self) -> Result<u64, StoreError>;

    /// The reports imported, oldest first, optionally of one review.
    async fn reports(&self, review: Option<ReviewId>) -> Result<Vec<ReportSummary>, StoreError>;

    /// Items matching the filter, in document order.
    async fn items(&self, filter: &ItemFilter) -> Result<Vec<ItemRecord>, StoreError>;

    /// How many items match the filter (its `limit` is ignored). Remembered per register
    /// version, so asking again before anything changes costs one lookup.
    async fn count_items(&self, filter: &ItemFilter) -> Result<u64, StoreError>;

    /// How many items match the filter, for a list's "N items match": exact when the
    /// counters (`counts.rs`) hold it or when at most [`MATCHES_COUNTED`] match, otherwise
    /// "more than" that, so its cost is bounded by the bound, not by the register.
    async fn count_matches(&self, filter: &ItemFilter) -> Result<Matches, StoreError>;

    /// Up to `limit` items matching the filter, in document order (review, report, place in
    /// the report), starting after `after`; the page's `next` continues it.
    async fn items_page(
        &self,
        filter: &ItemFilter,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<std::sync::Arc<ItemPage>, StoreError>;

    /// The dashboard's figures for the items matching the filter, on `today`, computed in
    /// SQL and remembered per register version (a write anywhere makes the next call
    /// compute them again).
    async fn dashboard(&self, filter: &ItemFilter, today: Day) -> Result<Dashboard, StoreError>;

    /// One item: its current state, or its state at the end of `as_of`.
    async fn item(&self, id: ItemId, as_of: Option<Day>) -> Result<ItemRecord, StoreError>;

    /// Everything that happened to an item, in the order it took effect.
    async fn history(&self, id: ItemId) -> Result<Vec<Event>, StoreError>;

    /// The register's version: the newest event's id. Any change to the register moves it;
    /// what this store wrote is seen at once, what another process wrote within
    /// `FRESH_FOR` (a quarter of a second). Answers derived from the register may be
    /// remembered under it.
    async fn register_version(&self) -> Result<RegisterVersion, StoreError>;

    /// An item's current state and its history together, read in one query (an item page
    /// shows both; they agree with `item(id, None)` and `history(id)`).
    async fn item_with_history(&self, id: ItemId) -> Result<ItemWithHistory, StoreError>;

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
        origin: Option<&str>,
    ) -> Result<bool, StoreError>;

    /// Accepts or rejects a claimed completion (see [`VerifyRequest`]). An item with no
    /// claim awaiting verification, or a rejection without a reason, is
    /// [`StoreError::Invalid`]; a stale `expected_version` is [`StoreError::Conflict`].
    async fn verify(&self, id: ItemId, request: VerifyRequest) -> Result<ItemRecord, StoreError>;

    /// Publishes a review (readers who are not signed in may then see it) or unpublishes
    /// it, as an event in its history. Returns `false` when it already was so.
    async fn publish_review(
        &self,
        review: ReviewId,
        published: bool,
        by: &Actor,
        origin: Option<&str>,
    ) -> Result<bool, StoreError>;

    /// The item an evidence file belongs to.
    async fn evidence_item(&self, id: EvidenceId) -> Result<ItemId, StoreError>;

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
    async fn user_credentials(&self, name: &str) -> Result<Option<Credentials>, StoreError>;

    /// Starts a session lasting `seconds`, kept by the SHA-256 of its token, with its CSRF token.
    async fn start_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        seconds: i64,
    ) -> Result<(), StoreError>;

    /// The person and CSRF token of a session that has not expired.
    async fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError>;

    /// Ends a session (signing out); ending one that is not there is not an error.
    async fn end_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// The original bytes of an imported report, with its file name.
    async fn original(&self, report: ReportId) -> Result<StoredFile, StoreError>;

    /// An evidence file, with its name.
    async fn evidence_file(&self, id: EvidenceId) -> Result<StoredFile, StoreError>;

    /// A consistent copy of the whole register, taken while it is in use, into a new file.
    async fn backup(&self, to: &Path) -> Result<(), StoreError>;

    /// Replaces the register's contents with a backup's, in one transaction.
    async fn restore(&self, from: &Path) -> Result<(), StoreError>;

    /// Closes the connections.
    async fn close(&self);

    /// Imports one document as [`Store::import_document`] does, with the values a person
    /// corrected in its preview recorded as theirs: a corrected field's provenance (and, for
    /// an item matched to one already in the register, the update it makes) is the person in
    /// `corrections`, not the document's line.
    async fn import_corrected(
        &self,
        import: Import<'_>,
        corrections: &Corrections,
    ) -> Result<ImportOutcome, StoreError>;

    /// Keeps an upload waiting for its uploader's confirmation for `seconds`, under `id`
    /// (a random token made by the caller). Expired uploads are removed as a new one comes.
    async fn put_pending_import(
        &self,
        id: &str,
        user: UserId,
        file_name: &str,
        bytes: &[u8],
        options: &UploadOptions,
        seconds: i64,
    ) -> Result<PendingImport, StoreError>;

    /// An upload waiting for confirmation that has not expired; `None` when there is none.
    async fn pending_import(&self, id: &str) -> Result<Option<PendingImport>, StoreError>;

    /// Forgets a waiting upload (confirmed or abandoned); one that is not there is no error.
    async fn drop_pending_import(&self, id: &str) -> Result<(), StoreError>;

    /// Adds an API token named `name` acting as the account `user`, kept by the SHA-256 of
    /// the token (made by the caller, who shows it once). A name already used by a live
    /// token, or an unknown account, is [`StoreError::Invalid`] / [`StoreError::NotFound`].
    async fn create_api_token(
        &self,
        user: &str,
        name: &str,
        token_hash: &str,
    ) -> Result<ApiToken, StoreError>;

    /// API tokens, oldest first: everyone's, or those acting as `user`.
    async fn api_tokens(&self, user: Option<&str>) -> Result<Vec<ApiToken>, StoreError>;

    /// Revokes the live token named `name` (of `user` only, when given): it stops working
    /// at once. [`StoreError::NotFound`] when there is no such live token.
    async fn revoke_api_token(
        &self,
        name: &str,
        user: Option<&str>,
    ) -> Result<ApiToken, StoreError>;

    /// Who a bearer token acts as, by the token's SHA-256.
    async fn api_token(&self, token_hash: &str) -> Result<TokenLookup, StoreError>;

    /// Saves a search under a name; its slug is made from the name (with `-2`, `-3`... when
    /// taken). An empty name is [`StoreError::Invalid`].
    async fn save_view(
        &self,
        owner: UserId,
        name: &str,
        query: &str,
    ) -> Result<SavedView, StoreError>;

    /// Every saved view, by name.
    async fn saved_views(&self) -> Result<Vec<SavedView>, StoreError>;

    /// One saved view by its slug.
    async fn saved_view(&self, slug: &str) -> Result<SavedView, StoreError>;

    /// Deletes a saved view.
    async fn delete_view(&self, slug: &str) -> Result<(), StoreError>;
}
