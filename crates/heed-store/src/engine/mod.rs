//! The register's SQL, written once and compiled once per backend: the parent module
//! (`sqlite` or `postgres`) supplies `Db` and `IS_SQLITE`, and this module implements
//! [`crate::Store`] with that backend's concrete types. The SQL is the subset both
//! databases accept (`$1` placeholders, `RETURNING`, `ON CONFLICT`); the few places that
//! differ switch on `IS_SQLITE`.
//!
//! This file holds the store, its transactions and the trait's entry points; each concern's
//! queries live in a submodule (see ARCHITECTURE.md's code map), which shares this file's
//! imports through `use super::*`.

mod accounts;
pub(super) mod bulk;
mod counters;
mod dashboard;
mod events;
mod filter;
mod import;
mod item;
mod items;
mod pending;
mod reviews;
mod rows;
mod saved_views;
mod updates;

use super::{Db, IS_SQLITE};
use crate::bulk::{Cell, Rows};
use crate::cache::{Caches, RegisterVersion};
use crate::counts::{self, Deltas, Facts};
use crate::error::StoreError;
use crate::figures::*;
use crate::import_plan::NewEvent;
use crate::matching::{self, Candidate};
use crate::model::*;
use crate::project;
use counters::FactsRow;
use events::{Projected, event_rows, replay};
use filter::push_filter;
use heed_core::date::Day;
use heed_core::{EvidenceId, Item, ItemId, Rag, ReportId, ReviewId, Status, UserId, Version};
use rows::{EVENT_COLUMNS, EventRow, ITEM_SELECT, ItemRow, PageRow, UserRow, row_struct};
use sha2::{Digest, Sha256};
use sqlx::types::Json;
use sqlx::{Pool, QueryBuilder, Transaction};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

type Tx = Transaction<'static, Db>;
type Result<T> = std::result::Result<T, StoreError>;

/// Rows per multi-row INSERT: large enough that per-statement cost vanishes, small enough
/// to stay under both databases' bind-parameter limits.
const BATCH: usize = 1000;

/// Statuses that close an item, as stored.
const CLOSED: &str = "('completed', 'not_accepted', 'superseded')";

/// The condition "not closed", on the items table as `i`.
/// Items the body is asked to act on (`ItemKind::is_action`): strengths and notes of work
/// in progress are findings, never open, overdue or opened.
const ACTIONS: &str = " AND i.kind IN ('recommendation', 'area_for_improvement')";
const OPEN: &str = " AND i.kind IN ('recommendation', 'area_for_improvement') \
     AND (i.status IS NULL OR i.status NOT IN ('completed', 'not_accepted', 'superseded'))";

/// The store over one pool.
pub(crate) struct SqlStore {
    pool: Pool<Db>,
    /// Where write transactions begin: on SQLite a pool of one connection, whose page
    /// cache stays warm between writes; on PostgreSQL the same pool.
    writer: Pool<Db>,
    location: String,
    /// What it remembers, and the turns its costly answers take (`cache.rs`).
    cache: Caches,
    /// SQLite's full-text index, kept beside the register (`search/`); `None` on
    /// PostgreSQL, whose index is a column of `items`.
    search: Option<Arc<crate::search::SearchIndex>>,
}

/// The wall clock, read once per operation.
struct Now {
    stamp: String,
    day: Day,
}

fn now() -> Now {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let day = Day::from_epoch_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    Now {
        stamp: format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60),
        day,
    }
}

/// The RFC 3339 stamp `seconds` from now, in the same form as [`now`]'s.
fn stamp_in(seconds: i64) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
        .saturating_add(seconds);
    let day = Day::from_epoch_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl SqlStore {
    pub(crate) fn new(pool: Pool<Db>, location: String) -> SqlStore {
        SqlStore {
            writer: pool.clone(),
            pool,
            location,
            cache: Caches::default(),
            search: None,
        }
    }

    /// The store with writes on a pool of their own.
    #[allow(dead_code)] // The PostgreSQL instance of this file has no use for it.
    pub(crate) fn with_writer(self, writer: Pool<Db>) -> SqlStore {
        SqlStore { writer, ..self }
    }

    /// The store with its SQLite search index.
    #[allow(dead_code)] // The PostgreSQL instance of this file has no use for it.
    pub(crate) fn with_search(self, search: Arc<crate::search::SearchIndex>) -> SqlStore {
        SqlStore {
            search: Some(search),
            ..self
        }
    }

    fn db(&self) -> impl Fn(sqlx::Error) -> StoreError + '_ {
        move |e| StoreError::from_sqlx(&self.location, e)
    }

    fn corrupt(&self, detail: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            location: self.location.clone(),
            detail: detail.into(),
        }
    }

    fn day(&self, text: &str) -> Result<Day> {
        Day::parse_iso(text).ok_or_else(|| self.corrupt(format!("bad date {text:?} in a row")))
    }

    /// A transaction that writes. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so a read-then-write never fails to upgrade; other writers wait for it
    /// up to the busy timeout.
    async fn begin_write(&self) -> Result<Tx> {
        self.cache.writes.moved();
        if IS_SQLITE {
            self.writer
                .begin_with("BEGIN IMMEDIATE")
                .await
                .map_err(self.db())
        } else {
            self.writer.begin().await.map_err(self.db())
        }
    }

    /// A read transaction that sees one snapshot in every query: SQLite's read transaction
    /// is one already; PostgreSQL is asked for repeatable read.
    async fn begin_snapshot(&self) -> Result<Tx> {
        let mut tx = self.pool.begin().await.map_err(self.db())?;
        if !IS_SQLITE {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
        }
        Ok(tx)
    }

    /// Commits a write transaction: what was read before it is not used after it.
    async fn commit(&self, tx: Tx) -> Result<()> {
        let done = tx.commit().await.map_err(self.db());
        self.cache.writes.moved();
        if let Some(index) = &self.search {
            index.wake();
        }
        if IS_SQLITE && done.is_ok() {
            self.refresh_statistics().await;
        }
        done
    }

    /// SQLite: the planner's statistics taken again after a write, for the tables whose
    /// size has changed a great deal since they were taken (`PRAGMA optimize`; asking
    /// costs some 20 us, and the answer is yes a handful of times in a register's life,
    /// as it grows 25-fold). Taken only on opening, statistics of a register opened small
    /// kept saying "one item" while tens of thousands came in: the search index's
    /// catch-up then read every item for each new event's item (3 min 47 s for one step
    /// at 60,000 items) and the import that waited on it wrote a WAL of 1.3 GB that no
    /// checkpoint could reset.
    ///
    /// Other connections keep the statistics they read with the schema, which `ANALYZE`
    /// does not change; a table made and dropped does, so each reads them again before
    /// its next statement. Only plans depend on this: a failure is logged, not returned.
    async fn refresh_statistics(&self) {
        let taken = async {
            let mut conn = self.writer.acquire().await?;
            let due: Vec<(String,)> = sqlx::query_as("PRAGMA main.optimize = 0x10003")
                .fetch_all(&mut *conn)
                .await?;
            if due.is_empty() {
                return Ok::<_, sqlx::Error>(());
            }
            sqlx::query("PRAGMA main.optimize = 0x10002")
                .execute(&mut *conn)
                .await?;
            sqlx::raw_sql(
                "CREATE TABLE IF NOT EXISTS statistics_taken (at INTEGER); \
                 DROP TABLE statistics_taken;",
            )
            .execute(&mut *conn)
            .await?;
            Ok(())
        };
        if let Err(e) = taken.await {
            tracing::warn!(register = %self.location, error = %e, "planner statistics not taken");
        }
    }

    /// The register's version: the newest event's id (every change is an event, and events
    /// are never deleted), so any write by anyone moves it.
    async fn version<'e, E>(&self, on: E) -> Result<RegisterVersion>
    where
        E: sqlx::Executor<'e, Database = Db>,
    {
        let (v,): (i64,) = sqlx::query_as("SELECT COALESCE(max(id), 0) FROM events")
            .fetch_one(on)
            .await
            .map_err(self.db())?;
        Ok(RegisterVersion::from_raw(v))
    }

    /// The register version as read lately (see `cache::FRESH_FOR`), or read now.
    async fn current_version(&self) -> Result<RegisterVersion> {
        let writes = self.cache.writes.count();
        if let Some(v) = self.cache.version.get(writes, &()) {
            return Ok(v);
        }
        let v = self.version(&self.pool).await?;
        self.cache.version.put(writes, (), v);
        Ok(v)
    }
}

#[async_trait::async_trait]
impl crate::Store for SqlStore {
    fn backend(&self) -> Backend {
        if IS_SQLITE {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    fn location(&self) -> &str {
        &self.location
    }

    #[tracing::instrument(skip_all, fields(backend = ?self.backend(), file = %import.file_name, items = import.document.items.len(), dry_run = import.dry_run))]
    async fn import_document(&self, import: Import<'_>) -> Result<ImportOutcome> {
        let fix = Corrections::none(import.by.clone());
        self.import_corrected(import, &fix).await
    }

    async fn import_corrected(
        &self,
        import: Import<'_>,
        fix: &Corrections,
    ) -> Result<ImportOutcome> {
        self.import_corrected(import, fix).await
    }

    async fn reviews(&self) -> Result<Arc<Vec<ReviewSummary>>> {
        self.reviews().await
    }

    async fn review_count(&self) -> Result<u64> {
        self.review_count().await
    }

    async fn reports(&self, review: Option<ReviewId>) -> Result<Vec<ReportSummary>> {
        self.reports(review).await
    }

    async fn items(&self, f: &ItemFilter) -> Result<Vec<ItemRecord>> {
        self.items(f).await
    }

    async fn count_items(&self, f: &ItemFilter) -> Result<u64> {
        self.count_items(f).await
    }

    async fn count_matches(&self, f: &ItemFilter) -> Result<Matches> {
        self.count_matches(f).await
    }

    async fn items_page(
        &self,
        f: &ItemFilter,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Arc<ItemPage>> {
        self.items_page(f, after, limit).await
    }

    async fn dashboard(&self, f: &ItemFilter, today: Day) -> Result<Dashboard> {
        self.dashboard(f, today).await
    }

    async fn item(&self, id: ItemId, as_of: Option<Day>) -> Result<ItemRecord> {
        self.item(id, as_of).await
    }

    async fn history(&self, id: ItemId) -> Result<Vec<Event>> {
        self.history(id).await
    }

    async fn register_version(&self) -> Result<RegisterVersion> {
        self.current_version().await
    }

    async fn item_with_history(&self, id: ItemId) -> Result<ItemWithHistory> {
        self.item_with_history(id).await
    }

    #[tracing::instrument(skip_all, fields(item_id = %id, author = u.by.name()))]
    async fn record_update(&self, id: ItemId, u: UpdateRequest) -> Result<ItemRecord> {
        self.record_update(id, u).await
    }

    #[tracing::instrument(skip_all, fields(from = %from, to = %to, kind = kind.as_str()))]
    async fn link_items(
        &self,
        from: ItemId,
        to: ItemId,
        kind: LinkKind,
        by: &Actor,
        origin: Option<&str>,
    ) -> Result<bool> {
        self.link_items(from, to, kind, by, origin).await
    }

    async fn review_events(&self, review: ReviewId) -> Result<Vec<Event>> {
        self.review_events(review).await
    }

    #[tracing::instrument(skip_all, fields(item_id = %id, author = v.by.name(), decision = v.decision.as_str()))]
    async fn verify(&self, id: ItemId, v: VerifyRequest) -> Result<ItemRecord> {
        self.verify(id, v).await
    }

    #[tracing::instrument(skip_all, fields(review_id = %review, published))]
    async fn publish_review(
        &self,
        review: ReviewId,
        published: bool,
        by: &Actor,
        origin: Option<&str>,
    ) -> Result<bool> {
        self.publish_review(review, published, by, origin).await
    }

    async fn evidence_item(&self, id: EvidenceId) -> Result<ItemId> {
        self.evidence_item(id).await
    }

    async fn add_user(
        &self,
        name: &str,
        password_hash: &str,
        role: Role,
        unit: Option<&str>,
    ) -> Result<User> {
        self.add_user(name, password_hash, role, unit).await
    }

    async fn set_password(&self, name: &str, password_hash: &str) -> Result<()> {
        self.set_password(name, password_hash).await
    }

    async fn set_role(&self, name: &str, role: Role, unit: Option<&str>) -> Result<User> {
        self.set_role(name, role, unit).await
    }

    async fn user_credentials(&self, name: &str) -> Result<Option<Credentials>> {
        self.user_credentials(name).await
    }

    async fn start_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        seconds: i64,
    ) -> Result<()> {
        self.start_session(token_hash, user, csrf_token, seconds)
            .await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        self.session(token_hash).await
    }

    async fn end_session(&self, token_hash: &str) -> Result<()> {
        self.end_session(token_hash).await
    }

    async fn original(&self, report: ReportId) -> Result<StoredFile> {
        self.original(report).await
    }

    async fn evidence_file(&self, id: EvidenceId) -> Result<StoredFile> {
        self.evidence_file(id).await
    }

    #[tracing::instrument(skip_all, fields(to = %to.display()))]
    async fn backup(&self, to: &Path) -> Result<()> {
        super::backup_register(&self.pool, &self.location, to).await
    }

    #[tracing::instrument(skip_all, fields(from = %from.display()))]
    async fn restore(&self, from: &Path) -> Result<()> {
        self.cache.writes.moved();
        let done = super::restore_register(&self.pool, &self.location, from).await;
        self.cache.writes.moved();
        if let Some(index) = &self.search {
            index.wake();
        }
        done?;
        // Restored contents are counted again (until then the dashboard counts the items).
        self.ensure_counts().await
    }

    async fn put_pending_import(
        &self,
        id: &str,
        user: UserId,
        file_name: &str,
        bytes: &[u8],
        options: &UploadOptions,
        seconds: i64,
    ) -> Result<PendingImport> {
        self.put_pending_import(id, user, file_name, bytes, options, seconds)
            .await
    }

    async fn pending_import(&self, id: &str) -> Result<Option<PendingImport>> {
        self.pending_import(id).await
    }

    async fn drop_pending_import(&self, id: &str) -> Result<()> {
        self.drop_pending_import(id).await
    }

    async fn create_api_token(&self, user: &str, name: &str, token_hash: &str) -> Result<ApiToken> {
        self.create_api_token(user, name, token_hash).await
    }

    async fn api_tokens(&self, user: Option<&str>) -> Result<Vec<ApiToken>> {
        self.api_tokens(user).await
    }

    async fn revoke_api_token(&self, name: &str, user: Option<&str>) -> Result<ApiToken> {
        self.revoke_api_token(name, user).await
    }

    async fn api_token(&self, token_hash: &str) -> Result<TokenLookup> {
        self.api_token(token_hash).await
    }

    async fn save_view(&self, owner: UserId, name: &str, query: &str) -> Result<SavedView> {
        self.save_view(owner, name, query).await
    }

    async fn saved_views(&self) -> Result<Vec<SavedView>> {
        self.saved_views().await
    }

    async fn saved_view(&self, slug: &str) -> Result<SavedView> {
        self.saved_view(slug).await
    }

    async fn delete_view(&self, slug: &str) -> Result<()> {
        self.delete_view(slug).await
    }

    async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
        if let Some(index) = &self.search {
            index.close().await;
        }
    }
}
