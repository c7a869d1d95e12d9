//! The register's SQL, written once and compiled once per backend: the parent module
//! (`sqlite` or `postgres`) supplies `Db` and `IS_SQLITE`, and this file implements
//! [`crate::Store`] with that backend's concrete types. The SQL is the subset both
//! databases accept (`$1` placeholders, `RETURNING`, `ON CONFLICT`); the few places that
//! differ switch on `IS_SQLITE`.

use super::{Db, IS_SQLITE};
use crate::cache::{Memo, Recent, Writes};
use crate::counts::{self, Deltas, Facts, FactsRow};
use crate::error::StoreError;
use crate::figures::*;
use crate::matching::{self, Candidate};
use crate::model::*;
use crate::project;
use heed_core::date::Day;
use heed_core::{Item, ItemId, Rag, ReportId, ReviewId, Status};
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

/// How many reviews a document's items are matched against in full.
const CANDIDATE_REVIEWS: usize = 5;

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
    /// Match counts and dashboards, per register version (`cache.rs`).
    counts: Memo<ItemFilter, u64>,
    matches: Memo<ItemFilter, Matches>,
    dashboards: Memo<(ItemFilter, Day), Dashboard>,
    reviews: Memo<(), Arc<Vec<ReviewSummary>>>,
    /// Pages of items (a search's first page, a saved view's), per register version.
    pages: Memo<(ItemFilter, Option<Cursor>, u32), Arc<ItemPage>>,
    /// Held while a dashboard is computed: callers asking meanwhile wait for its answer
    /// instead of starting the same full scans on a machine already busy with them.
    computing: tokio::sync::Mutex<()>,
    /// Held while a count or a page that is not remembered is worked out: many readers
    /// asking for the same new search at once (a shared link, a load test) wait for the
    /// first one's answer instead of each running the same scan.
    querying: tokio::sync::Mutex<()>,
    /// This process's writes, and what was read lately between them (`cache.rs`): the
    /// register version, and who each live API token and session belongs to. Busy readers
    /// then ask the database for these a few times a second rather than on every request.
    writes: Writes,
    recent_version: Recent<(), i64>,
    recent_tokens: Recent<String, TokenLookup>,
    recent_sessions: Recent<String, (User, String)>,
    recent_views: Recent<(), Vec<SavedView>>,
    /// SQLite's full-text index, kept beside the register (`search.rs`); `None` on
    /// PostgreSQL, whose index is a column of `items`.
    search: Option<Arc<crate::search::SearchIndex>>,
}

/// A row of `events`, read by column name.
struct EventRow {
    id: i64,
    recorded_at: String,
    effective_on: String,
    author: String,
    source: String,
    report_id: Option<i64>,
    line: Option<i64>,
    review_id: Option<i64>,
    item_id: Option<i64>,
    payload: Json<Change>,
    origin: Option<String>,
    undated: bool,
}

impl<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> for EventRow {
    fn from_row(row: &'r <Db as sqlx::Database>::Row) -> std::result::Result<Self, sqlx::Error> {
        use sqlx::Row as _;
        Ok(Self {
            id: row.try_get("id")?,
            recorded_at: row.try_get("recorded_at")?,
            effective_on: row.try_get("effective_on")?,
            author: row.try_get("author")?,
            source: row.try_get("source")?,
            report_id: row.try_get("report_id")?,
            line: row.try_get("line")?,
            review_id: row.try_get("review_id")?,
            item_id: row.try_get("item_id")?,
            payload: row.try_get("payload")?,
            origin: row.try_get("origin")?,
            undated: row.try_get("undated")?,
        })
    }
}

const EVENT_COLUMNS: &str = "id, recorded_at, effective_on, author, source, report_id, line, review_id, item_id, payload, origin, undated";

/// A row of `items`, read by column name, with the payload of its creation event when
/// `state` is NULL (an item nothing happened to since it was read keeps its state only
/// once, in that event).
struct ItemRow {
    id: i64,
    review_id: i64,
    report_id: i64,
    version: i64,
    last_effective: String,
    state: Option<Json<ItemState>>,
    payload: Option<Json<Change>>,
}

impl<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> for ItemRow {
    fn from_row(row: &'r <Db as sqlx::Database>::Row) -> std::result::Result<Self, sqlx::Error> {
        use sqlx::Row as _;
        Ok(Self {
            id: row.try_get("id")?,
            review_id: row.try_get("review_id")?,
            report_id: row.try_get("report_id")?,
            version: row.try_get("version")?,
            last_effective: row.try_get("last_effective")?,
            state: row.try_get("state")?,
            payload: row.try_get("payload")?,
        })
    }
}

/// An [`ItemRow`] with the item's place in its report, for keyset paging.
struct PageRow {
    ordinal: i64,
    item: ItemRow,
}

impl<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> for PageRow {
    fn from_row(row: &'r <Db as sqlx::Database>::Row) -> std::result::Result<Self, sqlx::Error> {
        use sqlx::Row as _;
        Ok(Self {
            ordinal: row.try_get("ordinal")?,
            item: ItemRow::from_row(row)?,
        })
    }
}

/// Selects an [`ItemRow`]; filters refer to the items table as `i`.
const ITEM_SELECT: &str = "SELECT i.id, i.review_id, i.report_id, i.version, i.last_effective, i.state, e.payload \
     FROM items i LEFT JOIN events e ON i.state IS NULL AND e.item_id = i.id AND e.kind = 'item_created'";

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

/// A row of `users`: id, name, role, unit.
type UserRow = (i64, String, String, Option<String>);

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A pending event: what changed, where from, on which day.
struct NewEvent {
    item: Option<ItemId>,
    review: Option<ReviewId>,
    source: Source,
    on: Day,
    /// Read from a document that states no date: `on` is the day it was recorded.
    undated: bool,
    change: Change,
    origin: Option<String>,
}

impl SqlStore {
    fn user_of(&self, row: UserRow) -> Result<User> {
        let role = row
            .2
            .parse::<Role>()
            .map_err(|e| self.corrupt(format!("user {}: {e}", row.1)))?;
        Ok(User {
            id: row.0,
            name: row.1,
            role,
            unit: row.3,
        })
    }

    /// The account of that name, or `NotFound`.
    async fn existing_user(&self, tx: &mut Tx, name: &str) -> Result<User> {
        self.user_by_name(tx, name)
            .await?
            .map(|(user, _)| user)
            .ok_or_else(|| StoreError::NotFound {
                what: "account",
                id: name.to_string(),
            })
    }

    async fn user_by_name(&self, tx: &mut Tx, name: &str) -> Result<Option<(User, String)>> {
        let row: Option<(i64, String, String, Option<String>, String)> =
            sqlx::query_as("SELECT id, name, role, unit, password_hash FROM users WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut **tx)
                .await
                .map_err(self.db())?;
        row.map(|(id, name, role, unit, hash)| Ok((self.user_of((id, name, role, unit))?, hash)))
            .transpose()
    }

    pub(crate) fn new(pool: Pool<Db>, location: String) -> SqlStore {
        SqlStore {
            writer: pool.clone(),
            pool,
            location,
            counts: Memo::new(),
            matches: Memo::new(),
            dashboards: Memo::new(),
            reviews: Memo::new(),
            pages: Memo::new(),
            computing: tokio::sync::Mutex::new(()),
            querying: tokio::sync::Mutex::new(()),
            writes: Writes::default(),
            recent_version: Recent::new(),
            recent_tokens: Recent::new(),
            recent_sessions: Recent::new(),
            recent_views: Recent::new(),
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

    /// Before a search runs, the index takes in whatever the register has that it lacks.
    async fn searchable(&self, f: &ItemFilter) -> Result<()> {
        match (&self.search, &f.text) {
            (Some(index), Some(_)) => index.catch_up().await,
            _ => Ok(()),
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
        self.writes.moved();
        if IS_SQLITE {
            self.writer
                .begin_with("BEGIN IMMEDIATE")
                .await
                .map_err(self.db())
        } else {
            self.writer.begin().await.map_err(self.db())
        }
    }

    /// Commits a write transaction: what was read before it is not used after it.
    async fn commit(&self, tx: Tx) -> Result<()> {
        let done = tx.commit().await.map_err(self.db());
        self.writes.moved();
        if let Some(index) = &self.search {
            index.wake();
        }
        done
    }

    fn source_of(&self, row: &EventRow) -> Result<Source> {
        Ok(match row.source.as_str() {
            "document" => Source::Document {
                report: ReportId::from_raw(row.report_id.unwrap_or(0)),
                line: usize::try_from(row.line.unwrap_or(0)).unwrap_or(0),
            },
            "person" => Source::Person {
                name: row.author.clone(),
            },
            "api" => Source::Api {
                client: row.author.clone(),
            },
            other => return Err(self.corrupt(format!("unknown event source {other:?}"))),
        })
    }

    fn event_of(&self, row: EventRow) -> Result<Event> {
        let source = self.source_of(&row)?;
        Ok(Event {
            id: row.id,
            recorded_at: row.recorded_at,
            effective_on: self.day(&row.effective_on)?,
            undated: row.undated,
            author: row.author,
            source,
            review: row.review_id.map(ReviewId::from_raw),
            item: row.item_id.map(ItemId::from_raw),
            change: row.payload.0,
            origin: row.origin,
        })
    }

    fn record_of(&self, row: ItemRow, as_of: Option<Day>) -> Result<ItemRecord> {
        let state = match (row.state, row.payload) {
            (Some(state), _) => state.0,
            (None, Some(Json(Change::ItemCreated { state }))) => *state,
            _ => return Err(self.corrupt(format!("item {} has no state", row.id))),
        };
        Ok(ItemRecord {
            id: ItemId::from_raw(row.id),
            review: ReviewId::from_raw(row.review_id),
            report: ReportId::from_raw(row.report_id),
            version: row.version,
            updated_on: self.day(&row.last_effective)?,
            as_of,
            state,
        })
    }

    async fn item_row(&self, tx: &mut Tx, id: ItemId, lock: bool) -> Result<Option<ItemRow>> {
        let lock = if lock && !IS_SQLITE {
            " FOR UPDATE OF i"
        } else {
            ""
        };
        sqlx::query_as::<_, ItemRow>(sqlx::AssertSqlSafe(format!(
            "{ITEM_SELECT} WHERE i.id = $1{lock}"
        )))
        .bind(id.get())
        .fetch_optional(&mut **tx)
        .await
        .map_err(self.db())
    }

    async fn item_events(&self, tx: &mut Tx, id: ItemId, upto: Option<Day>) -> Result<Vec<Event>> {
        let rows: Vec<EventRow> = match upto {
            None => sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE item_id = $1 ORDER BY effective_on, id"
            )))
            .bind(id.get())
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?,
            Some(d) => sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE item_id = $1 AND (effective_on <= $2 OR undated) ORDER BY effective_on, id"
            )))
            .bind(id.get())
            .bind(d.to_string())
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?,
        };
        rows.into_iter().map(|r| self.event_of(r)).collect()
    }

    /// Writes events in multi-row statements.
    async fn insert_events(
        &self,
        tx: &mut Tx,
        events: &[NewEvent],
        author: &str,
        now: &Now,
    ) -> Result<()> {
        self.run_all(tx, events_inserts(events, author, now)).await
    }

    /// Runs built statements in order.
    async fn run_all(&self, tx: &mut Tx, statements: Vec<QueryBuilder<Db>>) -> Result<()> {
        for mut q in statements {
            q.build().execute(&mut **tx).await.map_err(self.db())?;
        }
        Ok(())
    }

    /// Appends events to one item and brings its projection up to date: by applying them
    /// on top when they are not older than what is there, by replaying its whole history
    /// otherwise. `expected` guards against a concurrent writer.
    // `counts` gathers the counters' changes of the whole write, applied once before it
    // commits (in key order, so writers on PostgreSQL never deadlock on counter rows).
    #[allow(clippy::too_many_arguments)]
    async fn append_to_item(
        &self,
        tx: &mut Tx,
        id: ItemId,
        events: Vec<NewEvent>,
        author: &str,
        now: &Now,
        expected: Option<i64>,
        counts: &mut Deltas,
    ) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let row = self
            .item_row(tx, id, true)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            })?;
        let current = self.record_of(row, None)?;
        if let Some(exp) = expected
            && exp != current.version
        {
            return Err(StoreError::Conflict {
                item: id,
                expected: exp,
                actual: current.version,
            });
        }
        self.insert_events(tx, &events, author, now).await?;
        let earliest = events
            .iter()
            .map(|e| e.on)
            .min()
            .unwrap_or(current.updated_on);
        let (state, version, last, closed) = if earliest >= current.updated_on {
            let (closed,): (Option<String>,) =
                sqlx::query_as("SELECT closed_on FROM items WHERE id = $1")
                    .bind(id.get())
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(self.db())?;
            let mut closed = closed.as_deref().map(|d| self.day(d)).transpose()?;
            let mut state = Some(current.state);
            let mut last = current.updated_on;
            for e in &events {
                project::apply(&mut state, &e.change, &e.source, e.on);
                if let Some(s) = state.as_mut() {
                    project::link_end(s, &e.change, id);
                    closed = project::closed_on(closed, &e.change, s, e.on);
                }
                last = last.max(e.on);
            }
            let state = state.ok_or_else(|| self.corrupt("item without a creation event"))?;
            (state, current.version + events.len() as i64, last, closed)
        } else {
            let all = self.item_events(tx, id, None).await?;
            replay(id, &all).ok_or_else(|| self.corrupt("item without a creation event"))?
        };
        let before = self.facts(tx, id).await?;
        let done = sqlx::query(
            "UPDATE items SET owner = $1, status = $2, rag = $3, deadline_due = $4, state = $5, version = $6, last_effective = $7, updated_at = $8, theme = $9, closed_on = $10, verification = $13 WHERE id = $11 AND version = $12",
        )
        .bind(state.owner.clone())
        .bind(state.status.map(|s| s.as_str()))
        .bind(state.rag.map(|r| r.as_str()))
        .bind(state.deadline.as_ref().map(|d| d.due.to_string()))
        .bind(Json(&state))
        .bind(version)
        .bind(last.to_string())
        .bind(now.stamp.clone())
        .bind(state.theme.clone())
        .bind(closed.map(|d| d.to_string()))
        .bind(id.get())
        .bind(current.version)
        .bind(state.verification.as_ref().map(|v| v.state.as_str()))
        .execute(&mut **tx)
        .await
        .map_err(self.db())?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict {
                item: id,
                expected: current.version,
                actual: current.version + 1,
            });
        }
        let after = self.facts(tx, id).await?;
        counts.change(&before, &after);
        Ok(())
    }

    /// Items of a review, for matching.
    async fn candidates(&self, tx: &mut Tx, review: ReviewId) -> Result<Vec<Candidate>> {
        let rows: Vec<(i64, String, Option<String>, String)> = sqlx::query_as(
            "SELECT id, kind, item_ref, text FROM items WHERE review_id = $1 ORDER BY id",
        )
        .bind(review.get())
        .fetch_all(&mut **tx)
        .await
        .map_err(self.db())?;
        rows.into_iter()
            .map(|(id, kind, r, text)| {
                Ok(Candidate {
                    id: ItemId::from_raw(id),
                    kind: kind
                        .parse()
                        .map_err(|_| self.corrupt(format!("bad item kind {kind:?}")))?,
                    r#ref: r,
                    text,
                })
            })
            .collect()
    }

    /// The review whose items the incoming items match best, when at least half of them match.
    async fn find_review(
        &self,
        tx: &mut Tx,
        items: &[Item],
    ) -> Result<Option<(ReviewId, Vec<Candidate>, Vec<matching::Found>)>> {
        let keys: BTreeSet<String> = items
            .iter()
            .map(|i| matching::text_key(&i.text))
            .filter(|k| !k.is_empty())
            .collect();
        let keys: Vec<String> = keys.into_iter().collect();
        // Reviews sharing item keys with the document, most shared first; only the few
        // best are matched in full, so a large register does not slow every import.
        let mut hits: HashMap<i64, i64> = HashMap::new();
        for chunk in keys.chunks(BATCH) {
            let mut qb = QueryBuilder::<Db>::new(
                "SELECT review_id, count(*) FROM items WHERE text_key IN (",
            );
            let mut sep = qb.separated(", ");
            for k in chunk {
                sep.push_bind(k.clone());
            }
            qb.push(") GROUP BY review_id");
            let rows: Vec<(i64, i64)> = qb
                .build_query_as()
                .fetch_all(&mut **tx)
                .await
                .map_err(self.db())?;
            for (review, n) in rows {
                *hits.entry(review).or_default() += n;
            }
        }
        let mut reviews: Vec<(i64, i64)> = hits.into_iter().collect();
        reviews.sort_by_key(|(review, n)| (std::cmp::Reverse(*n), *review));
        let reviews = reviews.into_iter().take(CANDIDATE_REVIEWS).map(|(r, _)| r);
        let mut best: Option<(ReviewId, Vec<Candidate>, Vec<matching::Found>)> = None;
        for r in reviews {
            let review = ReviewId::from_raw(r);
            let cands = self.candidates(tx, review).await?;
            let found = matching::match_items(&cands, items);
            if best.as_ref().is_none_or(|b| found.len() > b.2.len()) {
                best = Some((review, cands, found));
            }
        }
        Ok(best.filter(|b| !b.2.is_empty() && b.2.len() * 2 >= items.len()))
    }

    /// Ids for `n` new items. Chosen up front rather than read back with `RETURNING`, which
    /// costs a round trip per row on SQLite. On SQLite the import holds the write lock, so
    /// the next ids are free; on PostgreSQL they come from the column's own sequence.
    async fn reserve_item_ids(&self, tx: &mut Tx, n: usize) -> Result<Vec<i64>> {
        if IS_SQLITE {
            let (max,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM items")
                .fetch_one(&mut **tx)
                .await
                .map_err(self.db())?;
            Ok((1..=n as i64).map(|k| max + k).collect())
        } else {
            let rows: Vec<(i64,)> = sqlx::query_as(
                "SELECT nextval(pg_get_serial_sequence('items', 'id')) FROM generate_series(1, $1)",
            )
            .bind(n as i64)
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
            Ok(rows.into_iter().map(|r| r.0).collect())
        }
    }

    async fn import_in(
        &self,
        tx: &mut Tx,
        imp: &Import<'_>,
        fix: &Corrections,
        now: &Now,
    ) -> Result<ImportOutcome> {
        let mut counts = Deltas::default();
        let hash = sha256_hex(imp.bytes);
        let seen: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, review_id FROM reports WHERE file_hash = $1")
                .bind(&hash)
                .fetch_optional(&mut **tx)
                .await
                .map_err(self.db())?;
        if let Some((report, review)) = seen {
            return Ok(ImportOutcome::AlreadyImported {
                report: ReportId::from_raw(report),
                review: ReviewId::from_raw(review),
            });
        }
        let doc = imp.document;
        // A document that states no date is recorded today but dated nothing (`undated`).
        let dated = imp.meta.date.or(doc.date);
        let on = dated.unwrap_or(now.day);
        let title = imp.meta.title.clone().or_else(|| doc.title.clone());
        let author = imp.by.name();

        // Which review: the one named, the one whose items these match, or a new one.
        let found = match imp.review {
            _ if fix.new_review => None,
            Some(review) => {
                let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM reviews WHERE id = $1")
                    .bind(review.get())
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(self.db())?;
                if exists.is_none() {
                    return Err(StoreError::NotFound {
                        what: "review",
                        id: review.to_string(),
                    });
                }
                let cands = self.candidates(tx, review).await?;
                let found = matching::match_items(&cands, &doc.items);
                Some((review, cands, found))
            }
            None => self.find_review(tx, &doc.items).await?,
        };
        let new_review = found.is_none();
        let (review, cands, found) = match found {
            Some(f) => f,
            None => {
                let name = title.clone().unwrap_or_else(|| imp.file_name.clone());
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO reviews (name, created_at) VALUES ($1, $2) RETURNING id",
                )
                .bind(name)
                .bind(now.stamp.clone())
                .fetch_one(&mut **tx)
                .await
                .map_err(self.db())?;
                (ReviewId::from_raw(id), Vec::new(), Vec::new())
            }
        };

        let (report,): (i64,) = sqlx::query_as(
            "INSERT INTO reports (review_id, title, issuing_body, report_date, kind, file_name, file_hash, original, imported_at, imported_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(review.get())
        .bind(title.clone())
        .bind(imp.meta.issuing_body.clone())
        .bind(imp.meta.date.or(doc.date).map(|d| d.to_string()))
        .bind(imp.meta.kind.clone())
        .bind(imp.file_name.clone())
        .bind(&hash)
        .bind(imp.bytes)
        .bind(now.stamp.clone())
        .bind(author.to_string())
        .fetch_one(&mut **tx)
        .await
        .map_err(self.db())?;
        let report = ReportId::from_raw(report);

        // Items matched to existing ones become updates of those items.
        let mut matches = Vec::new();
        let mut matched = vec![false; doc.items.len()];
        let mut updated = 0;
        let mut event_count = 0;
        for f in &found {
            let (Some(incoming), Some(cand)) = (doc.items.get(f.incoming), cands.get(f.candidate))
            else {
                continue;
            };
            matched[f.incoming] = true;
            // A tracker row that says when it was last updated takes effect that day.
            let row_undated = dated.is_none() && incoming.updated_on.is_none();
            let on = incoming.updated_on.unwrap_or(on);
            let row = self
                .item_row(tx, cand.id, true)
                .await?
                .ok_or_else(|| self.corrupt("matched item vanished"))?;
            let current = self.record_of(row, None)?;
            let mut events = Vec::new();
            let diff = project::diff_from_document(&current.state, incoming);
            let mut changes = project::describe(&current.state, &diff);
            let src = Source::Document {
                report,
                line: incoming.line,
            };
            // What the person corrected is their update; the rest is the document's.
            let (diff, corrected) =
                project::split_update(diff, |field| fix.corrected(f.incoming, field));
            if !diff.is_empty() {
                events.push(NewEvent {
                    undated: row_undated,
                    item: Some(cand.id),
                    review: Some(review),
                    source: src.clone(),
                    on,
                    change: Change::ItemUpdated(Box::new(diff)),
                    origin: imp.origin.clone(),
                });
            }
            if !corrected.is_empty() {
                events.push(NewEvent {
                    undated: row_undated,
                    item: Some(cand.id),
                    review: Some(review),
                    source: fix.by.source(),
                    on,
                    change: Change::ItemUpdated(Box::new(corrected)),
                    origin: imp.origin.clone(),
                });
            }
            // A response the register already has (a report quoting an earlier one) is not
            // added twice.
            let known: std::collections::HashSet<&str> = current
                .state
                .notes
                .iter()
                .map(|n| n.text.as_str())
                .collect();
            for r in incoming
                .responses
                .iter()
                .filter(|r| !known.contains(r.text.as_str()))
            {
                changes.push(format!("response: {}", clip(&r.text, 60)));
                events.push(NewEvent {
                    undated: row_undated,
                    item: Some(cand.id),
                    review: Some(review),
                    source: Source::Document {
                        report,
                        line: r.line,
                    },
                    on,
                    change: Change::Response {
                        text: r.text.clone(),
                    },
                    origin: imp.origin.clone(),
                });
            }
            let changed = !events.is_empty();
            if changed {
                updated += 1;
                event_count += events.len();
                self.append_to_item(tx, cand.id, events, author, now, None, &mut counts)
                    .await?;
            }
            matches.push(ItemMatch {
                incoming: f.incoming,
                item: cand.id,
                r#ref: incoming.r#ref.clone(),
                by: f.by,
                similarity: f.similarity,
                changed,
                changes,
            });
        }

        // The rest are new items, written in batches.
        let new_items: Vec<(usize, &Item)> = doc
            .items
            .iter()
            .enumerate()
            .filter(|(i, _)| !matched[*i])
            .collect();
        for chunk in new_items.chunks(BATCH) {
            let ids = self.reserve_item_ids(tx, chunk.len()).await?;
            let mut qb = QueryBuilder::<Db>::new(
                "INSERT INTO items (id, review_id, report_id, ordinal, kind, item_ref, text, text_key, owner, status, rag, deadline_due, version, last_effective, updated_at, theme, opened_on, closed_on) ",
            );
            let closed = |item: &Item| {
                item.status
                    .is_some_and(|s| s.is_closed())
                    .then(|| item.updated_on.unwrap_or(on).to_string())
            };
            qb.push_values(chunk.iter().zip(&ids), |mut b, ((ordinal, item), id)| {
                b.push_bind(*id)
                    .push_bind(review.get())
                    .push_bind(report.get())
                    .push_bind(*ordinal as i64)
                    .push_bind(item.kind.as_str())
                    .push_bind(item.r#ref.clone())
                    .push_bind(item.text.clone())
                    .push_bind(matching::text_key(&item.text))
                    .push_bind(item.owner.clone())
                    .push_bind(item.status.map(|s| s.as_str()))
                    .push_bind(item.rag.map(|r| r.as_str()))
                    .push_bind(item.deadline.as_ref().map(|d| d.due.to_string()))
                    .push_bind(1_i64)
                    .push_bind(item.updated_on.unwrap_or(on).to_string())
                    .push_bind(now.stamp.clone())
                    .push_bind(item.theme.clone())
                    .push_bind(item.updated_on.unwrap_or(on).to_string())
                    .push_bind(closed(item));
            });
            // The items' creation events (each the item's whole first state, as JSON) are
            // made while the database writes the items: SQLite works on a thread of its
            // own, so the two overlap on a second core.
            let make_events = async {
                let events: Vec<NewEvent> = chunk
                    .iter()
                    .zip(&ids)
                    .map(|((ordinal, item), id)| {
                        let row_undated = dated.is_none() && item.updated_on.is_none();
                        let on = item.updated_on.unwrap_or(on);
                        let mut state = project::initial_state(item, report, on);
                        if let Some(fields) = fix.fields.get(ordinal) {
                            for field in fields {
                                state.provenance.insert(field.clone(), fix.by.source());
                            }
                        }
                        NewEvent {
                            undated: row_undated,
                            item: Some(ItemId::from_raw(*id)),
                            review: Some(review),
                            source: Source::Document {
                                report,
                                line: item.line,
                            },
                            on,
                            change: Change::ItemCreated {
                                state: Box::new(state),
                            },
                            origin: imp.origin.clone(),
                        }
                    })
                    .collect();
                events_inserts(&events, author, now)
            };
            let (written, event_inserts) = tokio::join!(qb.build().execute(&mut **tx), make_events);
            written.map_err(self.db())?;
            self.run_all(tx, event_inserts).await?;
            event_count += chunk.len();
        }
        // The new items' counters (`counts.rs`), from the values just written.
        if !new_items.is_empty() {
            let (published,): (bool,) =
                sqlx::query_as("SELECT published FROM reviews WHERE id = $1")
                    .bind(review.get())
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(self.db())?;
            for (_, item) in &new_items {
                let opened = item.updated_on.unwrap_or(on).to_string();
                counts.add(
                    &Facts {
                        review: review.get(),
                        kind: item.kind.as_str().to_string(),
                        status: item.status.map(|s| s.as_str().to_string()),
                        rag: item.rag.map(|r| r.as_str().to_string()),
                        owner: item.owner.clone(),
                        theme: item.theme.clone(),
                        due: item.deadline.as_ref().map(|d| d.due.to_string()),
                        closed: item
                            .status
                            .is_some_and(|s| s.is_closed())
                            .then(|| opened.clone()),
                        opened: Some(opened),
                        published,
                    },
                    1,
                );
            }
        }
        self.apply_counts(tx, &counts).await?;

        for chunk in doc.judgements.chunks(BATCH) {
            let mut qb = QueryBuilder::<Db>::new(
                "INSERT INTO judgements (report_id, area, title, grade, direction, line) ",
            );
            qb.push_values(chunk, |mut b, j| {
                b.push_bind(report.get())
                    .push_bind(j.area.clone())
                    .push_bind(j.title.clone())
                    .push_bind(j.grade.map(|g| g.as_str()))
                    .push_bind(j.direction.map(|d| d.as_str()))
                    .push_bind(i64::try_from(j.line).unwrap_or(i64::MAX));
            });
            qb.build().execute(&mut **tx).await.map_err(self.db())?;
        }
        for chunk in doc.glossary.chunks(BATCH) {
            let mut qb =
                QueryBuilder::<Db>::new("INSERT INTO glossary (report_id, term, expansion, line) ");
            qb.push_values(chunk, |mut b, g| {
                b.push_bind(report.get())
                    .push_bind(g.term.clone())
                    .push_bind(g.expansion.clone())
                    .push_bind(i64::try_from(g.line).unwrap_or(i64::MAX));
            });
            qb.build().execute(&mut **tx).await.map_err(self.db())?;
        }
        let imported = NewEvent {
            undated: dated.is_none(),
            item: None,
            review: Some(review),
            source: Source::Document { report, line: 0 },
            on,
            change: Change::ReportImported {
                file_name: imp.file_name.clone(),
                title,
                items: doc.items.len(),
                judgements: doc.judgements.clone(),
                glossary: doc.glossary.clone(),
            },
            origin: imp.origin.clone(),
        };
        self.insert_events(tx, std::slice::from_ref(&imported), author, now)
            .await?;
        event_count += 1;

        Ok(ImportOutcome::Imported(ImportSummary {
            report,
            review,
            new_review,
            created: new_items.len(),
            updated,
            matches,
            events: event_count,
            dry_run: imp.dry_run,
        }))
    }

    async fn already_imported(&self, bytes: &[u8]) -> Result<Option<ImportOutcome>> {
        let seen: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, review_id FROM reports WHERE file_hash = $1")
                .bind(sha256_hex(bytes))
                .fetch_optional(&self.pool)
                .await
                .map_err(self.db())?;
        Ok(seen.map(|(report, review)| ImportOutcome::AlreadyImported {
            report: ReportId::from_raw(report),
            review: ReviewId::from_raw(review),
        }))
    }
}

/// The multi-row INSERTs that write `events`, their values bound (payloads as JSON).
fn events_inserts(events: &[NewEvent], author: &str, now: &Now) -> Vec<QueryBuilder<Db>> {
    events
        .chunks(BATCH)
        .map(|chunk| {
            let mut qb = QueryBuilder::<Db>::new(
                "INSERT INTO events (recorded_at, effective_on, author, source, report_id, line, review_id, item_id, kind, payload, origin, undated) ",
            );
            qb.push_values(chunk, |mut b, e| {
                let (report, line) = match &e.source {
                    Source::Document { report, line } => (
                        Some(report.get()),
                        Some(i64::try_from(*line).unwrap_or(i64::MAX)),
                    ),
                    _ => (None, None),
                };
                b.push_bind(now.stamp.clone())
                    .push_bind(e.on.to_string())
                    .push_bind(author.to_string())
                    .push_bind(e.source.kind_str())
                    .push_bind(report)
                    .push_bind(line)
                    .push_bind(e.review.map(ReviewId::get))
                    .push_bind(e.item.map(ItemId::get))
                    .push_bind(e.change.kind_str())
                    .push_bind(Json(&e.change))
                    .push_bind(e.origin.clone())
                    .push_bind(e.undated);
            });
            qb
        })
        .collect()
}

/// The first `n` characters of a text, on one line.
fn clip(text: &str, n: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        format!("{}…", one.chars().take(n).collect::<String>())
    }
}

/// Folds an item's events into its state, version, last effective day and the day its
/// current closed status took effect (`project::closed_on`).
fn replay(id: ItemId, events: &[Event]) -> Option<(ItemState, i64, Day, Option<Day>)> {
    let mut state = None;
    let mut version = 0;
    let mut last: Option<Day> = None;
    let mut closed = None;
    // The item's creation first, then every other event in order of effect. A change whose
    // effective day comes before the creation's (a report dated earlier than an undated
    // import that was stamped with the day it was recorded, a `heed update --on` a past
    // day) still counts: the recording date must never hide a change.
    let created = events
        .iter()
        .filter(|e| matches!(e.change, Change::ItemCreated { .. }));
    let others = events
        .iter()
        .filter(|e| !matches!(e.change, Change::ItemCreated { .. }));
    for e in created.chain(others) {
        project::apply(&mut state, &e.change, &e.source, e.effective_on);
        if let Some(s) = state.as_mut() {
            project::link_end(s, &e.change, id);
            closed = project::closed_on(closed, &e.change, s, e.effective_on);
        }
        version += 1;
        last = last.max(Some(e.effective_on));
    }
    Some((state?, version, last?, closed))
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
        let now = now();
        let mut tx = self.begin_write().await?;
        match self.import_in(&mut tx, &import, fix, &now).await {
            Ok(outcome) => {
                match &outcome {
                    ImportOutcome::Imported(s) => tracing::info!(
                        report_id = %s.report,
                        review_id = %s.review,
                        created = s.created,
                        updated = s.updated,
                        "imported"
                    ),
                    ImportOutcome::AlreadyImported { report, .. } => {
                        tracing::info!(report_id = %report, "already imported")
                    }
                }
                if import.dry_run || matches!(outcome, ImportOutcome::AlreadyImported { .. }) {
                    tx.rollback().await.map_err(self.db())?;
                } else {
                    self.commit(tx).await?;
                }
                Ok(outcome)
            }
            Err(e) => {
                // Dropping the transaction rolls it back; nothing of this document stays.
                drop(tx);
                // Another process may have imported the same bytes meanwhile.
                if let StoreError::Database {
                    error: sqlx::Error::Database(d),
                    ..
                } = &e
                    && d.is_unique_violation()
                    && let Some(outcome) = self.already_imported(import.bytes).await?
                {
                    return Ok(outcome);
                }
                Err(e)
            }
        }
    }

    async fn reviews(&self) -> Result<Arc<Vec<ReviewSummary>>> {
        // Counting every review's items costs a pass over the items; remembered per version.
        let version = self.current_version().await?;
        if let Some(r) = self.reviews.get(version, &()) {
            return Ok(r);
        }
        if let Some(reviews) = self.reviews_from_counts().await? {
            let reviews = Arc::new(reviews);
            self.reviews.put(version, (), reviews.clone());
            return Ok(reviews);
        }
        let rows: Vec<(i64, String, i64, i64, i64, bool)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.id, r.name, \
               (SELECT count(*) FROM reports p WHERE p.review_id = r.id), \
               (SELECT count(*) FROM items i WHERE i.review_id = r.id), \
               (SELECT count(*) FROM items i WHERE i.review_id = r.id{ACTIONS} AND (i.status IS NULL OR i.status NOT IN {CLOSED})), \
               r.published \
             FROM reviews r ORDER BY r.id"
        )))
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        let reviews: Vec<ReviewSummary> = rows
            .into_iter()
            .map(
                |(id, name, reports, items, open, published)| ReviewSummary {
                    id: ReviewId::from_raw(id),
                    name,
                    reports,
                    items,
                    open,
                    published,
                },
            )
            .collect();
        let reviews = Arc::new(reviews);
        self.reviews.put(version, (), reviews.clone());
        Ok(reviews)
    }

    async fn review_count(&self) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM reviews")
            .fetch_one(&self.pool)
            .await
            .map_err(self.db())?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn reports(&self, review: Option<ReviewId>) -> Result<Vec<ReportSummary>> {
        let rows: Vec<(i64, i64, Option<String>, Option<String>, String, String, String, String)> =
            sqlx::query_as(
                "SELECT id, review_id, title, report_date, file_name, file_hash, imported_at, imported_by \
                 FROM reports WHERE ($1 IS NULL OR review_id = $1) ORDER BY id",
            )
            .bind(review.map(ReviewId::get))
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
        rows.into_iter()
            .map(|r| {
                Ok(ReportSummary {
                    id: ReportId::from_raw(r.0),
                    review: ReviewId::from_raw(r.1),
                    title: r.2,
                    date: r.3.as_deref().map(|d| self.day(d)).transpose()?,
                    file_name: r.4,
                    file_hash: r.5,
                    imported_at: r.6,
                    imported_by: r.7,
                })
            })
            .collect()
    }

    async fn items(&self, f: &ItemFilter) -> Result<Vec<ItemRecord>> {
        self.searchable(f).await?;
        let mut qb = QueryBuilder::<Db>::new(ITEM_SELECT);
        push_filter(&mut qb, f);
        qb.push(" ORDER BY i.review_id, i.report_id, i.ordinal, i.id");
        if let Some(l) = f.limit {
            qb.push(" LIMIT ").push_bind(i64::from(l));
        }
        let rows: Vec<ItemRow> = qb
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
        rows.into_iter().map(|r| self.record_of(r, None)).collect()
    }

    async fn count_items(&self, f: &ItemFilter) -> Result<u64> {
        let key = ItemFilter {
            limit: None,
            ..f.clone()
        };
        if let Some(n) = self.counts.get(self.current_version().await?, &key) {
            return Ok(n);
        }
        let _turn = self.querying.lock().await;
        let version = self.current_version().await?;
        if let Some(n) = self.counts.get(version, &key) {
            return Ok(n);
        }
        self.searchable(f).await?;
        let mut qb = QueryBuilder::<Db>::new("SELECT count(*) FROM items i");
        push_filter(&mut qb, &key);
        let (n,): (i64,) = qb
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(self.db())?;
        let n = u64::try_from(n).unwrap_or(0);
        self.counts.put(version, key, n);
        Ok(n)
    }

    async fn count_matches(&self, f: &ItemFilter) -> Result<Matches> {
        let key = ItemFilter {
            limit: None,
            ..f.clone()
        };
        let version = self.current_version().await?;
        if let Some(m) = self.matches.get(version, &key) {
            return Ok(m);
        }
        let m = match self.counted(&key).await? {
            Some(n) => Matches { n, exact: true },
            None => {
                self.searchable(f).await?;
                // At most one more than the bound is looked at: a page's worth of work for
                // a common word, however large the register.
                let mut qb = QueryBuilder::<Db>::new("SELECT count(*) FROM (SELECT 1 FROM items i");
                // The text alone: its count is the index's, so only the index's first
                // matches are listed (a common word's full list is a fifth of the register).
                let text_alone = key.text.is_some()
                    && ItemFilter {
                        text: None,
                        ..key.clone()
                    } == ItemFilter::default();
                let plan = if text_alone {
                    TextPlan::FirstMatches(MATCHES_COUNTED as i64 + 1)
                } else if self.common_text(&key).await? && self.few_besides_text(&key).await? {
                    TextPlan::Probe
                } else {
                    TextPlan::List
                };
                push_filter_as(&mut qb, &key, plan);
                qb.push(" LIMIT ")
                    .push_bind(MATCHES_COUNTED as i64 + 1)
                    .push(") m");
                let (n,): (i64,) = qb
                    .build_query_as()
                    .fetch_one(&self.pool)
                    .await
                    .map_err(self.db())?;
                let n = u64::try_from(n).unwrap_or(0);
                Matches {
                    n: n.min(MATCHES_COUNTED),
                    exact: n <= MATCHES_COUNTED,
                }
            }
        };
        self.matches.put(version, key, m);
        Ok(m)
    }

    async fn items_page(
        &self,
        f: &ItemFilter,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Arc<ItemPage>> {
        let limit = limit.max(1);
        // The same page asked again of the same register (a shared search, a saved view, a
        // dashboard link) is remembered; any write moves the version and it is made anew.
        let key = (
            ItemFilter {
                limit: None,
                ..f.clone()
            },
            after,
            limit,
        );
        let version = self.current_version().await?;
        if let Some(page) = self.pages.get(version, &key) {
            return Ok(page);
        }
        // No turn taken: every page costs a bounded amount (below), so readers asking for
        // different pages at once run side by side rather than queue behind each other.
        self.searchable(f).await?;
        let mut select = ITEM_SELECT.replacen("SELECT ", "SELECT i.ordinal, ", 1);
        let mut plan = TextPlan::List;
        if IS_SQLITE && self.count_matches(&key.0).await?.few() {
            // A common word among the few items another filter's own index reads (a
            // review, a RAG): each of those asks the full-text index about itself.
            if self.common_text(f).await? && self.few_besides_text(f).await? {
                plan = TextPlan::Probe;
            }
        } else if IS_SQLITE {
            // Many matches: walk the items in page order and stop after one page. Left to
            // itself SQLite prefers an index on a filtered column (status) and sorts every
            // match (a sixth of the register) for each page. Few matches: SQLite reads them
            // by the filter's own index and sorts them, rather than walk the whole register
            // in page order to find them. PostgreSQL weighs the two with statistics.
            select = select.replacen("FROM items i ", "FROM items i INDEXED BY items_order ", 1);
            // A common word's list of matches would be a large part of the register (a
            // fifth, 0.1 s, for "custody" at a million items): in page order each walked
            // item asks the index about itself instead, and the walk stops after a page.
            // Only in page order: driven by another filter's index, every entry of it
            // would ask (18 s for a status and a common word).
            if self.common_text(f).await? {
                plan = TextPlan::Probe;
            }
        }
        let mut qb = QueryBuilder::<Db>::new(select);
        push_filter_as(&mut qb, f, plan);
        if let Some(c) = after {
            qb.push(" AND (i.review_id, i.report_id, i.ordinal, i.id) > (")
                .push_bind(c.review)
                .push(", ")
                .push_bind(c.report)
                .push(", ")
                .push_bind(c.ordinal)
                .push(", ")
                .push_bind(c.id)
                .push(")");
        }
        qb.push(" ORDER BY i.review_id, i.report_id, i.ordinal, i.id LIMIT ")
            .push_bind(i64::from(limit) + 1);
        let rows: Vec<PageRow> = qb
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
        let more = rows.len() > limit as usize;
        let mut items = Vec::with_capacity(rows.len());
        let mut last = None;
        for PageRow { ordinal, item } in rows.into_iter().take(limit as usize) {
            last = Some(Cursor {
                review: item.review_id,
                report: item.report_id,
                ordinal,
                id: item.id,
            });
            items.push(self.record_of(item, None)?);
        }
        let page = Arc::new(ItemPage {
            items,
            next: if more { last } else { None },
        });
        self.pages.put(version, key, page.clone());
        Ok(page)
    }

    async fn dashboard(&self, f: &ItemFilter, today: Day) -> Result<Dashboard> {
        let key = (
            ItemFilter {
                limit: None,
                ..f.clone()
            },
            today,
        );
        if let Some(d) = self.dashboards.get(self.current_version().await?, &key) {
            return Ok(d);
        }
        let _turn = self.computing.lock().await;
        self.searchable(f).await?;
        let mut tx = self.pool.begin().await.map_err(self.db())?;
        if !IS_SQLITE {
            // One snapshot for every figure (SQLite's read transaction is one already).
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
        }
        let version = self.version(&mut *tx).await?;
        if let Some(d) = self.dashboards.get(version, &key) {
            return Ok(d);
        }
        let d = match self.dashboard_from_counts(&mut tx, &key.0, today).await? {
            Some(d) => d,
            None => self.compute_dashboard(&mut tx, &key.0, today).await?,
        };
        self.commit(tx).await?;
        self.dashboards.put(version, key, d.clone());
        Ok(d)
    }

    async fn item(&self, id: ItemId, as_of: Option<Day>) -> Result<ItemRecord> {
        if as_of.is_none() {
            // The current state is one row: no transaction needed.
            let row = sqlx::query_as::<_, ItemRow>(sqlx::AssertSqlSafe(format!(
                "{ITEM_SELECT} WHERE i.id = $1"
            )))
            .bind(id.get())
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?
            .ok_or_else(|| StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            })?;
            return self.record_of(row, None);
        }
        let mut tx = self.pool.begin().await.map_err(self.db())?;
        let row = self
            .item_row(&mut tx, id, false)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            })?;
        let Some(day) = as_of else {
            return self.record_of(row, None);
        };
        let events = self.item_events(&mut tx, id, Some(day)).await?;
        let (state, version, last, _) =
            replay(id, &events).ok_or_else(|| StoreError::NotFound {
                what: "item",
                id: format!("{id} on {day} (it entered the register later)"),
            })?;
        Ok(ItemRecord {
            id,
            review: ReviewId::from_raw(row.review_id),
            report: ReportId::from_raw(row.report_id),
            version,
            updated_on: last,
            as_of: Some(day),
            state,
        })
    }

    async fn history(&self, id: ItemId) -> Result<Vec<Event>> {
        // Every item has at least the event that created it, so no events means no item.
        let rows: Vec<EventRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE item_id = $1 ORDER BY effective_on, id"
        )))
        .bind(id.get())
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        if rows.is_empty() {
            return Err(StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            });
        }
        rows.into_iter().map(|r| self.event_of(r)).collect()
    }

    async fn register_version(&self) -> Result<i64> {
        self.current_version().await
    }

    async fn item_with_history(&self, id: ItemId) -> Result<(ItemRecord, Vec<Event>)> {
        /// An event of the item, with the item's own row beside it.
        struct Row {
            event: EventRow,
            review: i64,
            report: i64,
            version: i64,
            last_effective: String,
            state: Option<Json<ItemState>>,
        }
        impl<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> for Row {
            fn from_row(
                row: &'r <Db as sqlx::Database>::Row,
            ) -> std::result::Result<Self, sqlx::Error> {
                use sqlx::Row as _;
                Ok(Self {
                    event: EventRow::from_row(row)?,
                    review: row.try_get("i_review")?,
                    report: row.try_get("i_report")?,
                    version: row.try_get("i_version")?,
                    last_effective: row.try_get("i_last_effective")?,
                    state: row.try_get("i_state")?,
                })
            }
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT e.id, e.recorded_at, e.effective_on, e.author, e.source, e.report_id, e.line, \
             e.review_id, e.item_id, e.payload, e.origin, e.undated, \
             i.review_id AS i_review, i.report_id AS i_report, i.version AS i_version, \
             i.last_effective AS i_last_effective, i.state AS i_state \
             FROM events e JOIN items i ON i.id = e.item_id \
             WHERE e.item_id = $1 ORDER BY e.effective_on, e.id",
        )
        .bind(id.get())
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        let Some(first) = rows.first() else {
            return Err(StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            });
        };
        let (review, report, version, on, state) = (
            first.review,
            first.report,
            first.version,
            first.last_effective.clone(),
            first.state.clone(),
        );
        let mut events = Vec::with_capacity(rows.len());
        for r in rows {
            events.push(self.event_of(r.event)?);
        }
        // The projection's state, or (nothing happened since it was read) its creation's.
        let created = || {
            events.iter().find_map(|e| match &e.change {
                Change::ItemCreated { state } => Some(Json(Change::ItemCreated {
                    state: state.clone(),
                })),
                _ => None,
            })
        };
        let created = if state.is_none() { created() } else { None };
        let record = self.record_of(
            ItemRow {
                id: id.get(),
                review_id: review,
                report_id: report,
                version,
                last_effective: on,
                state,
                payload: created,
            },
            None,
        )?;
        Ok((record, events))
    }

    #[tracing::instrument(skip_all, fields(item_id = %id, author = u.by.name()))]
    async fn record_update(&self, id: ItemId, u: UpdateRequest) -> Result<ItemRecord> {
        if let Some(d) = &u.deadline
            && d.reason.trim().is_empty()
        {
            return Err(StoreError::Invalid(
                "a deadline change needs a reason (it is kept as slippage history)".into(),
            ));
        }
        let nothing = u.status.is_none()
            && u.rag.is_none()
            && u.note.as_deref().is_none_or(|n| n.trim().is_empty())
            && u.deadline.is_none()
            && u.owner.is_none()
            && u.evidence.is_none();
        if nothing {
            return Err(StoreError::Invalid(
                "nothing to record: give a status, RAG, note, deadline, owner or evidence".into(),
            ));
        }
        let now = now();
        let on = u.on.unwrap_or(now.day);
        let mut tx = self.begin_write().await?;
        let mut counts = Deltas::default();
        // Check the version before storing any evidence, so a conflict writes nothing.
        let row = self
            .item_row(&mut tx, id, true)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            })?;
        if let Some(exp) = u.expected_version
            && exp != row.version
        {
            return Err(StoreError::Conflict {
                item: id,
                expected: exp,
                actual: row.version,
            });
        }
        let review = ReviewId::from_raw(row.review_id);
        let evidence = match &u.evidence {
            None => None,
            Some(f) => {
                let sha = sha256_hex(&f.bytes);
                let file_name = crate::model::evidence_name(&f.file_name);
                let (eid,): (i64,) = sqlx::query_as(
                    "INSERT INTO evidence (item_id, file_name, sha256, bytes, added_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(id.get())
                .bind(file_name.clone())
                .bind(sha.clone())
                .bind(f.bytes.as_slice())
                .bind(now.stamp.clone())
                .fetch_one(&mut *tx)
                .await
                .map_err(self.db())?;
                Some(EvidenceRef {
                    id: eid,
                    file_name,
                    sha256: sha,
                    size: f.bytes.len(),
                    public: f.public,
                })
            }
        };
        // A closing status from someone who may not verify is a claim; from anyone else it
        // is verified at once.
        let (status, claim, verified) = match u.status {
            Some(st) if st.is_closed() && u.claim_only => (None, Some(st), false),
            Some(st) if st.is_closed() => (Some(st), None, true),
            other => (other, None, false),
        };
        let change = ItemUpdate {
            status,
            status_words: None,
            rag: u.rag,
            rag_reason: None,
            position: None,
            position_words: None,
            owner: u.owner.clone(),
            deadline: u.deadline.as_ref().map(|d| d.deadline.clone()),
            deadline_reason: u.deadline.as_ref().map(|d| d.reason.clone()),
            actions: None,
            note: u.note.clone().filter(|n| !n.trim().is_empty()),
            evidence,
            claim,
            verified,
        };
        let event = NewEvent {
            undated: false,
            item: Some(id),
            review: Some(review),
            source: u.by.source(),
            on,
            change: Change::ItemUpdated(Box::new(change)),
            origin: u.origin.clone(),
        };
        self.append_to_item(
            &mut tx,
            id,
            vec![event],
            u.by.name(),
            &now,
            u.expected_version,
            &mut counts,
        )
        .await?;
        self.apply_counts(&mut tx, &counts).await?;
        self.commit(tx).await?;
        self.item(id, None).await
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
        if from == to {
            return Err(StoreError::Invalid(format!(
                "item {from} cannot be linked to itself"
            )));
        }
        let now = now();
        let mut tx = self.begin_write().await?;
        let mut counts = Deltas::default();
        for id in [from, to] {
            if self.item_row(&mut tx, id, false).await?.is_none() {
                return Err(StoreError::NotFound {
                    what: "item",
                    id: id.to_string(),
                });
            }
        }
        let done = sqlx::query(
            "INSERT INTO links (from_item, to_item, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(from.get())
        .bind(to.get())
        .bind(kind.as_str())
        .execute(&mut *tx)
        .await
        .map_err(self.db())?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        for id in [from, to] {
            let event = NewEvent {
                undated: false,
                item: Some(id),
                review: None,
                source: by.source(),
                on: now.day,
                change: Change::Linked { kind, from, to },
                origin: origin.map(str::to_string),
            };
            self.append_to_item(&mut tx, id, vec![event], by.name(), &now, None, &mut counts)
                .await?;
        }
        self.apply_counts(&mut tx, &counts).await?;
        self.commit(tx).await?;
        Ok(true)
    }

    async fn review_events(&self, review: ReviewId) -> Result<Vec<Event>> {
        let rows: Vec<EventRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events \
             WHERE (report_id IN (SELECT id FROM reports WHERE review_id = $1) OR review_id = $1) \
               AND item_id IS NULL \
             ORDER BY effective_on, id"
        )))
        .bind(review.get())
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        rows.into_iter().map(|r| self.event_of(r)).collect()
    }

    #[tracing::instrument(skip_all, fields(item_id = %id, author = v.by.name(), decision = v.decision.as_str()))]
    async fn verify(&self, id: ItemId, v: VerifyRequest) -> Result<ItemRecord> {
        let note = v.note.clone().filter(|n| !n.trim().is_empty());
        if v.decision == heed_core::Decision::Reject && note.is_none() {
            return Err(StoreError::Invalid(
                "rejecting a claimed completion needs a reason (the owner reads it in the history)"
                    .into(),
            ));
        }
        let now = now();
        let on = v.on.unwrap_or(now.day);
        let mut tx = self.begin_write().await?;
        let mut counts = Deltas::default();
        let row = self
            .item_row(&mut tx, id, true)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            })?;
        let current = self.record_of(row, None)?;
        if let Some(exp) = v.expected_version
            && exp != current.version
        {
            return Err(StoreError::Conflict {
                item: id,
                expected: exp,
                actual: current.version,
            });
        }
        let claimed = match &current.state.verification {
            Some(c) if c.state == heed_core::Verification::Awaiting => {
                // Separation of duties, for every front end alike: the one who claimed a
                // completion (in person or through one of their API tokens) may not decide it.
                if crate::model::person_of(&c.claimed_by).eq_ignore_ascii_case(v.by.person()) {
                    return Err(StoreError::NotAllowed(format!(
                        "item {id}: {} claimed this completion, so someone else must verify or reject it",
                        c.claimed_by
                    )));
                }
                c.claimed
            }
            _ => {
                return Err(StoreError::Invalid(format!(
                    "item {id} has no completion awaiting verification"
                )));
            }
        };
        let back_to = (v.decision == heed_core::Decision::Reject)
            .then(|| project::rejected_to(current.state.status));
        let event = NewEvent {
            undated: false,
            item: Some(id),
            review: Some(current.review),
            source: v.by.source(),
            on,
            change: Change::Verified {
                decision: v.decision,
                claimed,
                note,
                back_to,
            },
            origin: v.origin.clone(),
        };
        self.append_to_item(
            &mut tx,
            id,
            vec![event],
            v.by.name(),
            &now,
            v.expected_version,
            &mut counts,
        )
        .await?;
        self.apply_counts(&mut tx, &counts).await?;
        self.commit(tx).await?;
        self.item(id, None).await
    }

    #[tracing::instrument(skip_all, fields(review_id = %review, published))]
    async fn publish_review(
        &self,
        review: ReviewId,
        published: bool,
        by: &Actor,
        origin: Option<&str>,
    ) -> Result<bool> {
        let now = now();
        let mut tx = self.begin_write().await?;
        let current: Option<(bool,)> =
            sqlx::query_as("SELECT published FROM reviews WHERE id = $1")
                .bind(review.get())
                .fetch_optional(&mut *tx)
                .await
                .map_err(self.db())?;
        match current {
            None => {
                return Err(StoreError::NotFound {
                    what: "review",
                    id: review.to_string(),
                });
            }
            Some((now_published,)) if now_published == published => return Ok(false),
            Some(_) => {}
        }
        sqlx::query("UPDATE reviews SET published = $1 WHERE id = $2")
            .bind(published)
            .bind(review.get())
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        // The review's items now count (or no longer count) among the published ones: the
        // one write whose counters cost the review's size, not one item's.
        let rows: Vec<FactsRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE i.review_id = $1",
            counts::FACTS_SELECT
        )))
        .bind(review.get())
        .fetch_all(&mut *tx)
        .await
        .map_err(self.db())?;
        let mut deltas = Deltas::default();
        for row in rows {
            deltas.add_published(&Facts::from(row), if published { 1 } else { -1 });
        }
        self.apply_counts(&mut tx, &deltas).await?;
        let event = NewEvent {
            undated: false,
            item: None,
            review: Some(review),
            source: by.source(),
            on: now.day,
            change: Change::Published { published },
            origin: origin.map(str::to_string),
        };
        self.insert_events(&mut tx, std::slice::from_ref(&event), by.name(), &now)
            .await?;
        self.commit(tx).await?;
        Ok(true)
    }

    async fn evidence_item(&self, id: i64) -> Result<ItemId> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT item_id FROM evidence WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?;
        row.map(|(item,)| ItemId::from_raw(item))
            .ok_or_else(|| StoreError::NotFound {
                what: "evidence file",
                id: id.to_string(),
            })
    }

    async fn add_user(
        &self,
        name: &str,
        password_hash: &str,
        role: Role,
        unit: Option<&str>,
    ) -> Result<User> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("an account needs a name".into()));
        }
        let mut tx = self.begin_write().await?;
        if self.user_by_name(&mut tx, name).await?.is_some() {
            return Err(StoreError::Invalid(format!(
                "there is already an account named {name:?}"
            )));
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO users (name, password_hash, role, unit, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(unit)
        .bind(now().stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(User {
            id,
            name: name.to_string(),
            role,
            unit: unit.map(str::to_string),
        })
    }

    async fn set_password(&self, name: &str, password_hash: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let user = self.existing_user(&mut tx, name).await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.id)
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.id)
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        self.commit(tx).await
    }

    async fn set_role(&self, name: &str, role: Role, unit: Option<&str>) -> Result<User> {
        let mut tx = self.begin_write().await?;
        let user = self.existing_user(&mut tx, name).await?;
        sqlx::query("UPDATE users SET role = $1, unit = $2 WHERE id = $3")
            .bind(role.as_str())
            .bind(unit)
            .bind(user.id)
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(User {
            role,
            unit: unit.map(str::to_string),
            ..user
        })
    }

    async fn user_credentials(&self, name: &str) -> Result<Option<(User, String)>> {
        let mut tx = self.pool.begin().await.map_err(self.db())?;
        self.user_by_name(&mut tx, name.trim()).await
    }

    async fn start_session(
        &self,
        token_hash: &str,
        user: i64,
        csrf_token: &str,
        seconds: i64,
    ) -> Result<()> {
        let now = now();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user)
        .bind(csrf_token)
        .bind(&now.stamp)
        .bind(stamp_in(seconds))
        .execute(&self.pool)
        .await
        .map_err(self.db())?;
        // Expired sessions of this person go as a new one starts.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
            .bind(user)
            .bind(&now.stamp)
            .execute(&self.pool)
            .await
            .map_err(self.db())?;
        Ok(())
    }

    async fn session(&self, token_hash: &str) -> Result<Option<(User, String)>> {
        let writes = self.writes.count();
        if let Some(found) = self.recent_sessions.get(writes, &token_hash.to_string()) {
            return Ok(Some(found));
        }
        let row: Option<(i64, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT u.id, u.name, u.role, u.unit, s.csrf_token FROM sessions s \
             JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now().stamp)
        .fetch_optional(&self.pool)
        .await
        .map_err(self.db())?;
        let found = row
            .map(|(id, name, role, unit, csrf)| Ok((self.user_of((id, name, role, unit))?, csrf)))
            .transpose()?;
        if let Some(f) = &found {
            self.recent_sessions
                .put(writes, token_hash.to_string(), f.clone());
        }
        Ok(found)
    }

    async fn end_session(&self, token_hash: &str) -> Result<()> {
        self.writes.moved();
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(self.db());
        self.writes.moved();
        done.map(|_| ())
    }

    async fn original(&self, report: ReportId) -> Result<(String, Vec<u8>)> {
        sqlx::query_as("SELECT file_name, original FROM reports WHERE id = $1")
            .bind(report.get())
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?
            .ok_or_else(|| StoreError::NotFound {
                what: "report",
                id: report.to_string(),
            })
    }

    async fn evidence_file(&self, id: i64) -> Result<(String, Vec<u8>)> {
        sqlx::query_as("SELECT file_name, bytes FROM evidence WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?
            .ok_or_else(|| StoreError::NotFound {
                what: "evidence file",
                id: id.to_string(),
            })
    }

    #[tracing::instrument(skip_all, fields(to = %to.display()))]
    async fn backup(&self, to: &Path) -> Result<()> {
        super::backup_register(&self.pool, &self.location, to).await
    }

    #[tracing::instrument(skip_all, fields(from = %from.display()))]
    async fn restore(&self, from: &Path) -> Result<()> {
        self.writes.moved();
        let done = super::restore_register(&self.pool, &self.location, from).await;
        self.writes.moved();
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
        user: i64,
        file_name: &str,
        bytes: &[u8],
        options: &UploadOptions,
        seconds: i64,
    ) -> Result<PendingImport> {
        let now = now();
        let expires = stamp_in(seconds);
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM pending_imports WHERE expires_at <= $1")
            .bind(&now.stamp)
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        sqlx::query(
            "INSERT INTO pending_imports (id, user_id, file_name, bytes, report_date, column_map, sheet, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(user)
        .bind(file_name)
        .bind(bytes)
        .bind(options.date.map(|d| d.to_string()))
        .bind(options.map.clone())
        .bind(options.sheet.clone())
        .bind(&now.stamp)
        .bind(&expires)
        .execute(&mut *tx)
        .await
        .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(PendingImport {
            id: id.to_string(),
            user,
            file_name: file_name.to_string(),
            bytes: bytes.to_vec(),
            options: options.clone(),
            created_at: now.stamp,
            expires_at: expires,
        })
    }

    async fn pending_import(&self, id: &str) -> Result<Option<PendingImport>> {
        type Row = (
            String,
            i64,
            String,
            Vec<u8>,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            String,
        );
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, user_id, file_name, bytes, report_date, column_map, sheet, created_at, expires_at \
             FROM pending_imports WHERE id = $1 AND expires_at > $2",
        )
        .bind(id)
        .bind(now().stamp)
        .fetch_optional(&self.pool)
        .await
        .map_err(self.db())?;
        let Some((id, user, file_name, bytes, date, map, sheet, created_at, expires_at)) = row
        else {
            return Ok(None);
        };
        let date = date.map(|d| self.day(&d)).transpose()?;
        Ok(Some(PendingImport {
            id,
            user,
            file_name,
            bytes,
            options: UploadOptions { date, map, sheet },
            created_at,
            expires_at,
        }))
    }

    async fn drop_pending_import(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM pending_imports WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(self.db())?;
        Ok(())
    }

    async fn create_api_token(&self, user: &str, name: &str, token_hash: &str) -> Result<ApiToken> {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(StoreError::Invalid(
                "a token needs a name (what program uses it)".into(),
            ));
        }
        let mut tx = self.begin_write().await?;
        let owner = self.existing_user(&mut tx, user).await?;
        let taken: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM api_tokens WHERE name = $1 AND revoked_at IS NULL")
                .bind(name)
                .fetch_optional(&mut *tx)
                .await
                .map_err(self.db())?;
        if taken.is_some() {
            return Err(StoreError::Invalid(format!(
                "there is already a token named {name:?}; revoke it first or pick another name"
            )));
        }
        let stamp = now().stamp;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(owner.id)
        .bind(name)
        .bind(token_hash)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(ApiToken {
            id,
            name: name.to_string(),
            user: owner.name,
            created_at: stamp,
            revoked_at: None,
        })
    }

    async fn api_tokens(&self, user: Option<&str>) -> Result<Vec<ApiToken>> {
        let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT t.id, t.name, u.name, t.created_at, t.revoked_at FROM api_tokens t \
             JOIN users u ON u.id = t.user_id WHERE ($1 IS NULL OR u.name = $1) ORDER BY t.id",
        )
        .bind(user.map(str::trim))
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        Ok(rows
            .into_iter()
            .map(|(id, name, user, created_at, revoked_at)| ApiToken {
                id,
                name,
                user,
                created_at,
                revoked_at,
            })
            .collect())
    }

    async fn revoke_api_token(&self, name: &str, user: Option<&str>) -> Result<ApiToken> {
        let mut tx = self.begin_write().await?;
        let row: Option<(i64, String, String)> = sqlx::query_as(
            "SELECT t.id, u.name, t.created_at FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.name = $1 AND t.revoked_at IS NULL AND ($2 IS NULL OR u.name = $2)",
        )
        .bind(name.trim())
        .bind(user.map(str::trim))
        .fetch_optional(&mut *tx)
        .await
        .map_err(self.db())?;
        let Some((id, owner, created_at)) = row else {
            return Err(StoreError::NotFound {
                what: "live API token",
                id: name.trim().to_string(),
            });
        };
        let stamp = now().stamp;
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
            .bind(&stamp)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(ApiToken {
            id,
            name: name.trim().to_string(),
            user: owner,
            created_at,
            revoked_at: Some(stamp),
        })
    }

    async fn api_token(&self, token_hash: &str) -> Result<TokenLookup> {
        let writes = self.writes.count();
        if let Some(found) = self.recent_tokens.get(writes, &token_hash.to_string()) {
            return Ok(found);
        }
        let row: Option<(i64, String, String, Option<String>, String, Option<String>)> =
            sqlx::query_as(
                "SELECT u.id, u.name, u.role, u.unit, t.name, t.revoked_at FROM api_tokens t \
                 JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?;
        Ok(match row {
            None => TokenLookup::Unknown,
            Some((_, _, _, _, name, Some(_))) => TokenLookup::Revoked(name),
            Some((id, user, role, unit, name, None)) => {
                let found = TokenLookup::Valid(self.user_of((id, user, role, unit))?, name);
                // Only live tokens are remembered: unknown ones cost a lookup each time.
                self.recent_tokens
                    .put(writes, token_hash.to_string(), found.clone());
                found
            }
        })
    }

    async fn save_view(&self, owner: i64, name: &str, query: &str) -> Result<SavedView> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a saved view needs a name".into()));
        }
        if name.chars().count() > 200 {
            return Err(StoreError::Invalid(
                "a saved view's name must be at most 200 characters".into(),
            ));
        }
        let base = slug_of(name);
        let mut tx = self.begin_write().await?;
        let taken: Vec<(String,)> =
            sqlx::query_as("SELECT slug FROM saved_views WHERE slug = $1 OR slug LIKE $2")
                .bind(&base)
                .bind(format!("{base}-%"))
                .fetch_all(&mut *tx)
                .await
                .map_err(self.db())?;
        let taken: BTreeSet<String> = taken.into_iter().map(|(s,)| s).collect();
        let slug = std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|s| !taken.contains(s))
            .unwrap_or(base);
        let stamp = now().stamp;
        let (id, owner_name): (i64, String) = sqlx::query_as(
            "INSERT INTO saved_views (slug, name, query, owner_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id, (SELECT name FROM users WHERE id = $4)",
        )
        .bind(&slug)
        .bind(name)
        .bind(query)
        .bind(owner)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(SavedView {
            id,
            slug,
            name: name.to_string(),
            query: query.to_string(),
            owner: owner_name,
            created_at: stamp,
        })
    }

    async fn views(&self) -> Result<Vec<SavedView>> {
        // Listed on every dashboard: read a few times a second at most (`cache.rs`).
        let writes = self.writes.count();
        if let Some(views) = self.recent_views.get(writes, &()) {
            return Ok(views);
        }
        let rows: Vec<ViewRow> = sqlx::query_as(VIEW_SELECT_ALL)
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
        let views: Vec<SavedView> = rows.into_iter().map(view_of).collect();
        self.recent_views.put(writes, (), views.clone());
        Ok(views)
    }

    async fn view(&self, slug: &str) -> Result<SavedView> {
        let row: Option<ViewRow> = sqlx::query_as(VIEW_SELECT_ONE)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?;
        row.map(view_of).ok_or_else(|| StoreError::NotFound {
            what: "saved view",
            id: slug.to_string(),
        })
    }

    async fn delete_view(&self, slug: &str) -> Result<()> {
        self.writes.moved();
        let done = sqlx::query("DELETE FROM saved_views WHERE slug = $1")
            .bind(slug)
            .execute(&self.pool)
            .await
            .map_err(self.db());
        self.writes.moved();
        let done = done?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "saved view",
                id: slug.to_string(),
            });
        }
        Ok(())
    }
    async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
        if let Some(index) = &self.search {
            index.close().await;
        }
    }
}

/// A row of `saved_views` with its owner's name.
type ViewRow = (i64, String, String, String, String, String);

const VIEW_SELECT_ALL: &str = "SELECT v.id, v.slug, v.name, v.query, u.name, v.created_at \
     FROM saved_views v JOIN users u ON u.id = v.owner_id ORDER BY lower(v.name), v.id";
const VIEW_SELECT_ONE: &str = "SELECT v.id, v.slug, v.name, v.query, u.name, v.created_at \
     FROM saved_views v JOIN users u ON u.id = v.owner_id WHERE v.slug = $1";

fn view_of((id, slug, name, query, owner, created_at): ViewRow) -> SavedView {
    SavedView {
        id,
        slug,
        name,
        query,
        owner,
        created_at,
    }
}

/// The WHERE clause of every item list, count, page and dashboard figure: one builder, so a
/// field added to [`ItemFilter`] narrows all of them alike. Refers to the items table as `i`.
/// Full-text search is the one condition spelt differently per backend: FTS5 on SQLite (the
/// words made safe by `fts::fts5_query`), a tsvector and `websearch_to_tsquery` (which
/// accepts any text) on PostgreSQL.
fn push_filter(qb: &mut QueryBuilder<Db>, f: &ItemFilter) {
    push_filter_as(qb, f, TextPlan::List);
}

/// How a search's text condition is put to SQLite's full-text index (`push_filter_as`).
/// PostgreSQL has one form: its planner weighs the GIN index against the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextPlan {
    /// One list of every matching id, read from the index first: the cost of the matches,
    /// right when they are few.
    List,
    /// Each candidate row asks the index about its own id: for a common word, whose list
    /// would be a large part of the register, while a page walks the items in page order
    /// and stops after a page.
    Probe,
    /// Only the index's first `n` matches: for a count of the text alone, bounded at
    /// `n`, which is then exact below `n` and "at least `n`" otherwise.
    FirstMatches(i64),
}

/// More full-text matches than this make a word common (`TextPlan::Probe` for its pages):
/// one item in a hundred at a million items, so a page walks a few thousand at most.
const FEW_TEXT_MATCHES: i64 = MATCHES_COUNTED as i64;

/// [`push_filter`] with the text condition written as `plan` says (SQLite; PostgreSQL
/// ignores it).
fn push_filter_as(qb: &mut QueryBuilder<Db>, f: &ItemFilter, plan: TextPlan) {
    // A NUL cannot be in a PostgreSQL text (nor in any value it could match), so typed
    // words lose it rather than make the query fail.
    let typed = |t: &str| t.replace('\0', "");
    qb.push(" WHERE 1 = 1");
    if let Some(r) = f.review {
        qb.push(" AND i.review_id = ").push_bind(r.get());
    }
    if let Some(k) = f.kind {
        qb.push(" AND i.kind = ").push_bind(k.as_str());
        if k != heed_core::ItemKind::Recommendation {
            // Implied by the kind, and spelt as `items_kind`'s condition so SQLite may use
            // that partial index (without it an area for improvement was looked for in
            // every item of the register: 0.9 s for a list at a million items).
            qb.push(" AND i.kind <> 'recommendation'");
        }
    }
    if let Some(s) = f.status {
        qb.push(" AND i.status = ").push_bind(s.as_str());
    }
    if let Some(r) = f.rag {
        qb.push(" AND i.rag = ").push_bind(r.as_str());
    }
    if let Some(o) = &f.owner {
        // The typed words are matched as they are: `%`, `_` and the escape character itself
        // are literal, on both backends. Owners are few beside items: the distinct owners
        // are read by skipping through `items_owner` (one seek each), the words matched
        // against them, and those owners' items read by the same index (`lower(owner) LIKE`
        // on the items read every item of the register, for every owner filter).
        qb.push(
            " AND i.owner IN (WITH RECURSIVE o(v) AS (\
             SELECT min(owner) FROM items \
             UNION ALL SELECT (SELECT min(owner) FROM items WHERE owner > o.v) \
             FROM o WHERE o.v IS NOT NULL) \
             SELECT v FROM o WHERE lower(v) LIKE ",
        )
        .push_bind(format!("%{}%", like_literal(&typed(o).to_lowercase())))
        .push(" ESCAPE '\\')");
    }
    if let Some(d) = f.overdue_on {
        qb.push(" AND i.deadline_due < ").push_bind(d.to_string());
        qb.push(OPEN);
    }
    if let Some(d) = f.due_before {
        qb.push(" AND i.deadline_due <= ").push_bind(d.to_string());
    }
    if let Some(t) = &f.text {
        let t = &typed(t);
        if IS_SQLITE {
            // `List`: one list of ids, from the full-text index and the reference's index
            // (`items_ref`): an OR of the two conditions on `items` made SQLite test every
            // item of the register against both, for every search. `Probe`: each candidate
            // asks the index about its id, so a common word's page reads a page's worth.
            let q = crate::fts::fts5_query(t);
            match (plan, q) {
                (TextPlan::Probe, Some(q)) => {
                    qb.push(" AND (lower(i.item_ref) = ")
                        .push_bind(t.trim().to_lowercase())
                        .push(
                            " OR EXISTS (SELECT 1 FROM search.items_fts s \
                             WHERE s.items_fts MATCH ",
                        )
                        .push_bind(q)
                        .push(" AND s.rowid = i.id))");
                }
                (plan, q) => {
                    qb.push(" AND i.id IN (SELECT id FROM items WHERE lower(item_ref) = ")
                        .push_bind(t.trim().to_lowercase());
                    if let Some(q) = q {
                        qb.push(" UNION ALL SELECT rowid FROM (SELECT rowid FROM search.items_fts WHERE items_fts MATCH ")
                            .push_bind(q);
                        if let TextPlan::FirstMatches(n) = plan {
                            qb.push(" LIMIT ").push_bind(n);
                        }
                        qb.push(")");
                    }
                    qb.push(")");
                }
            }
        } else {
            // Both conditions have an index (`items_ref`, `items_search`): PostgreSQL ORs
            // the two bitmaps.
            qb.push(" AND (lower(i.item_ref) = ")
                .push_bind(t.trim().to_lowercase());
            qb.push(" OR i.search @@ websearch_to_tsquery('english', ")
                .push_bind(t.clone())
                .push("))");
        }
    }
    if f.published_only {
        qb.push(" AND i.review_id IN (SELECT id FROM reviews WHERE published = ")
            .push_bind(true)
            .push(")");
    }
    if f.awaiting_verification {
        qb.push(" AND i.verification = ")
            .push_bind(heed_core::Verification::Awaiting.as_str());
    }
}

/// Text for a `LIKE` pattern (with `ESCAPE '\\'`) that matches only itself.
fn like_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The day `days` before `today`, as stored.
fn days_before(today: Day, days: i64) -> String {
    Day::from_epoch_days(today.to_epoch_days() - days).to_string()
}

/// `SUM(n)` of the counters (`item_counts`, its `key` a day) meeting `condition` whose day
/// lies in the band of days before `today`: [`push_span_sum`] over counted days.
fn push_span_count(qb: &mut QueryBuilder<Db>, condition: &str, span: &Span, today: Day) {
    qb.push(format!("CAST(COALESCE(SUM(CASE WHEN {condition}"));
    if span.from > 0 {
        qb.push(" AND key <= ")
            .push_bind(days_before(today, span.from));
    }
    if let Some(to) = span.to {
        qb.push(" AND key >= ").push_bind(days_before(today, to));
    }
    qb.push(" THEN n ELSE 0 END), 0) AS BIGINT)");
}

/// `SUM(...)` of the rows whose `column` (a day) lies in the band of days before `today`.
fn push_span_sum(qb: &mut QueryBuilder<Db>, column: &str, span: &Span, today: Day) {
    qb.push(format!("COALESCE(SUM(CASE WHEN {column} IS NOT NULL"));
    if span.from > 0 {
        qb.push(format!(" AND {column} <= "))
            .push_bind(days_before(today, span.from));
    }
    if let Some(to) = span.to {
        qb.push(format!(" AND {column} >= "))
            .push_bind(days_before(today, to));
    }
    qb.push(" THEN 1 ELSE 0 END), 0)");
}

impl SqlStore {
    /// An item's [`Facts`] as the projection holds them now.
    async fn facts(&self, tx: &mut Tx, id: ItemId) -> Result<Facts> {
        let row: FactsRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE i.id = $1",
            counts::FACTS_SELECT
        )))
        .bind(id.get())
        .fetch_one(&mut **tx)
        .await
        .map_err(self.db())?;
        Ok(Facts::from(row))
    }

    /// Adds changes to the counters, in the write's own transaction.
    async fn apply_counts(&self, tx: &mut Tx, deltas: &Deltas) -> Result<()> {
        let rows = deltas.nonzero();
        for chunk in rows.chunks(BATCH) {
            let mut qb = QueryBuilder::<Db>::new("INSERT INTO item_counts (scope, dim, key, n) ");
            qb.push_values(chunk, |mut b, (scope, dim, key, n)| {
                b.push_bind(*scope)
                    .push_bind(*dim)
                    .push_bind(key.to_string())
                    .push_bind(*n);
            });
            qb.push(" ON CONFLICT (scope, dim, key) DO UPDATE SET n = item_counts.n + excluded.n");
            qb.build().execute(&mut **tx).await.map_err(self.db())?;
        }
        Ok(())
    }

    /// Whether the counters were counted for the register's present contents (its epoch).
    async fn counts_valid<'e, E>(&self, on: E) -> Result<bool>
    where
        E: sqlx::Executor<'e, Database = Db>,
    {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM register_meta a JOIN register_meta b ON a.value = b.value \
             WHERE a.key = 'epoch' AND b.key = 'counts'",
        )
        .fetch_one(on)
        .await
        .map_err(self.db())?;
        Ok(n == 1)
    }

    /// Counts the counters again from the items when they do not hold for the register's
    /// contents (a register made before them, a restore): one pass over the items, once.
    pub(crate) async fn ensure_counts(&self) -> Result<()> {
        if self.counts_valid(&self.pool).await? {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        if !IS_SQLITE {
            // Writers add to the counters after this count has read the items they wrote.
            sqlx::query("LOCK TABLE item_counts IN EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
        }
        if !self.counts_valid(&mut *tx).await? {
            sqlx::query("DELETE FROM item_counts")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
            let mut deltas = Deltas::default();
            {
                use futures_util::TryStreamExt;
                let mut rows = sqlx::query_as::<_, FactsRow>(counts::FACTS_SELECT).fetch(&mut *tx);
                while let Some(row) = rows.try_next().await.map_err(self.db())? {
                    deltas.add(&Facts::from(row), 1);
                }
            }
            self.apply_counts(&mut tx, &deltas).await?;
            sqlx::query(
                "UPDATE register_meta SET value = (SELECT value FROM register_meta WHERE key = 'epoch') \
                 WHERE key = 'counts'",
            )
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        }
        self.commit(tx).await
    }

    /// The dashboard read from the counters (`counts.rs`) for the filters they are kept
    /// for: none, or what readers who are not signed in see. `None` for any other filter,
    /// or while the counters are being counted again.
    async fn dashboard_from_counts(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        today: Day,
    ) -> Result<Option<Dashboard>> {
        let rest = ItemFilter {
            published_only: false,
            limit: None,
            ..f.clone()
        };
        if rest != ItemFilter::default() || !self.counts_valid(&mut **tx).await? {
            return Ok(None);
        }
        let scope = if f.published_only {
            counts::PUBLISHED
        } else {
            counts::ALL
        };
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT dim, key, n FROM item_counts WHERE scope = $1 AND n <> 0 \
             AND dim IN ('cell', 'open', 'opened_month', 'closed_month')",
        )
        .bind(scope)
        .fetch_all(&mut **tx)
        .await
        .map_err(self.db())?;
        let mut cells = Vec::new();
        let mut open = 0;
        let mut months: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
        for (dim, key, n) in rows {
            match dim.as_str() {
                counts::CELL => {
                    let (status, rag) = key.split_once('|').unwrap_or((key.as_str(), ""));
                    let status = (!status.is_empty())
                        .then(|| status.parse::<Status>())
                        .transpose()
                        .map_err(|e| self.corrupt(format!("an item's status: {e}")))?;
                    let rag = (!rag.is_empty())
                        .then(|| rag.parse::<Rag>())
                        .transpose()
                        .map_err(|e| self.corrupt(format!("an item's RAG: {e}")))?;
                    cells.push((status, rag, n));
                }
                counts::OPEN => open += n,
                counts::OPENED_MONTH => months.entry(key).or_default().0 += n,
                _ => months.entry(key).or_default().1 += n,
            }
        }
        let total = cells.iter().map(|c| c.2).sum();
        let by_status = Status::ALL
            .iter()
            .map(|s| Some(*s))
            .chain([None])
            .map(|s| (s, cells.iter().filter(|c| c.0 == s).map(|c| c.2).sum()))
            .collect();
        let by_rag = Rag::ALL
            .iter()
            .map(|r| Some(*r))
            .chain([None])
            .map(|r| (r, cells.iter().filter(|c| c.1 == r).map(|c| c.2).sum()))
            .collect();

        // What depends on the day: sums over the open items' deadline and opening days.
        use sqlx::Row;
        let soon = Day::from_epoch_days(today.to_epoch_days() + DUE_SOON_DAYS);
        let due = "dim = 'open_due' AND key <> ''";
        // PostgreSQL sums BIGINTs as NUMERIC: every sum is cast back.
        let mut qb = QueryBuilder::<Db>::new(format!(
            "SELECT CAST(COALESCE(SUM(CASE WHEN {due} AND key < "
        ));
        qb.push_bind(today.to_string())
            .push(format!(
                " THEN n ELSE 0 END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN {due} AND key >= "
            ))
            .push_bind(today.to_string())
            .push(" AND key <= ")
            .push_bind(soon.to_string())
            .push(" THEN n ELSE 0 END), 0) AS BIGINT)");
        for span in LATENESS {
            qb.push(", ");
            push_span_count(&mut qb, due, span, today);
        }
        for span in OPEN_FOR {
            qb.push(", ");
            push_span_count(&mut qb, "dim = 'open_opened' AND key <> ''", span, today);
        }
        qb.push(" FROM item_counts WHERE scope = ")
            .push_bind(scope)
            .push(" AND dim IN ('open_due', 'open_opened')");
        let row = qb.build().fetch_one(&mut **tx).await.map_err(self.db())?;
        let get = |k: usize| row.try_get::<i64, usize>(k).map_err(self.db());
        let overdue = get(0)?;
        let due_soon = get(1)?;
        let lateness = (0..LATENESS.len())
            .map(|k| get(2 + k))
            .collect::<Result<Vec<_>>>()?;
        let open_for = (0..OPEN_FOR.len())
            .map(|k| get(2 + LATENESS.len() + k))
            .collect::<Result<Vec<_>>>()?;

        let top = |dim: &'static str| {
            sqlx::query_as::<_, (String, i64)>(
                "SELECT key, n FROM item_counts WHERE scope = $1 AND dim = $2 AND n <> 0 \
                 ORDER BY n DESC, key LIMIT $3",
            )
            .bind(scope)
            .bind(dim)
            .bind(GROUPS_NAMED as i64)
        };
        let groups = |top: Vec<(String, i64)>| {
            let named: i64 = top.iter().map(|g| g.1).sum();
            Groups {
                top: top
                    .into_iter()
                    .map(|(k, n)| (counts::group_of(&k), n))
                    .collect(),
                others: open - named,
            }
        };
        let owners = top(counts::OPEN_OWNER)
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let themes = top(counts::OPEN_THEME)
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let reviews = top(counts::OPEN_OF_REVIEW)
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let mut named_reviews = Vec::with_capacity(reviews.len());
        for (key, n) in reviews {
            let id: i64 = key
                .parse()
                .map_err(|_| self.corrupt(format!("a review counter's key {key:?}")))?;
            let (name,): (String,) = sqlx::query_as("SELECT name FROM reviews WHERE id = $1")
                .bind(id)
                .fetch_one(&mut **tx)
                .await
                .map_err(self.db())?;
            named_reviews.push(((ReviewId::from_raw(id), name), n));
        }
        let named: i64 = named_reviews.iter().map(|r| r.1).sum();
        let progress = months
            .into_iter()
            .map(|(month, (opened, closed))| MonthCount {
                month,
                opened,
                closed,
            })
            .collect();
        let overdue_first = self
            .first_by_deadline(tx, f, None, Some(today), None)
            .await?;
        let due_soon_first = self
            .first_by_deadline(tx, f, Some(today), None, Some(soon))
            .await?;
        Ok(Some(Dashboard {
            today,
            total,
            open,
            by_status,
            by_rag,
            overdue,
            due_soon,
            lateness,
            open_for,
            open_by_review: Groups {
                top: named_reviews,
                others: open - named,
            },
            open_by_owner: groups(owners),
            open_by_theme: groups(themes),
            progress,
            overdue_first,
            due_soon_first,
        }))
    }

    /// How many items match a filter the counters (`counts.rs`) answer exactly: none, or a
    /// status, a RAG or both, or a review, each as everyone or the public sees them. `None`
    /// for any other filter, or while the counters are being counted again.
    /// Whether a search's words match more than [`FEW_TEXT_MATCHES`] items in SQLite's
    /// full-text index: counted up to one more than that, a page's worth of work.
    async fn common_text(&self, f: &ItemFilter) -> Result<bool> {
        let Some(q) = f
            .text
            .as_deref()
            .filter(|_| IS_SQLITE)
            .and_then(|t| crate::fts::fts5_query(&t.replace('\0', "")))
        else {
            return Ok(false);
        };
        let (n,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM (SELECT 1 FROM search.items_fts WHERE items_fts MATCH $1 LIMIT $2)",
        )
        .bind(q)
        .bind(FEW_TEXT_MATCHES + 1)
        .fetch_one(&self.pool)
        .await
        .map_err(self.db())?;
        Ok(n > FEW_TEXT_MATCHES)
    }

    /// Whether the filter's conditions other than its text match few items (`Matches::few`),
    /// counted by the counters or by an index (bounded): then a common word's matches are
    /// found by reading those few and asking the full-text index about each, not by listing
    /// the word's matches (a fifth of the register for "custody"). A kind is left out: no
    /// index has it, so its count would read the register.
    async fn few_besides_text(&self, f: &ItemFilter) -> Result<bool> {
        let rest = ItemFilter {
            text: None,
            limit: None,
            ..f.clone()
        };
        if rest.kind.is_some() || rest == ItemFilter::default() {
            return Ok(false);
        }
        Ok(<Self as crate::Store>::count_matches(self, &rest)
            .await?
            .few())
    }

    async fn counted(&self, f: &ItemFilter) -> Result<Option<u64>> {
        let rest = ItemFilter {
            published_only: false,
            status: None,
            rag: None,
            review: None,
            limit: None,
            ..f.clone()
        };
        if rest != ItemFilter::default()
            || (f.review.is_some() && (f.status.is_some() || f.rag.is_some()))
        {
            return Ok(None);
        }
        let scope = if f.published_only {
            counts::PUBLISHED
        } else {
            counts::ALL
        };
        let mut tx = self.pool.begin().await.map_err(self.db())?;
        if !IS_SQLITE {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
        }
        if !self.counts_valid(&mut *tx).await? {
            return Ok(None);
        }
        let n = if let Some(r) = f.review {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT n FROM item_counts WHERE scope = $1 AND dim = 'review_items' AND key = $2",
            )
            .bind(scope)
            .bind(counts::review_key(r.get()))
            .fetch_optional(&mut *tx)
            .await
            .map_err(self.db())?;
            row.map_or(0, |r| r.0)
        } else {
            let cells: Vec<(String, i64)> = sqlx::query_as(
                "SELECT key, n FROM item_counts WHERE scope = $1 AND dim = 'cell' AND n <> 0",
            )
            .bind(scope)
            .fetch_all(&mut *tx)
            .await
            .map_err(self.db())?;
            let want = |have: &str, of: Option<&str>| of.is_none_or(|of| have == of);
            cells
                .iter()
                .filter(|(key, _)| {
                    let (status, rag) = key.split_once('|').unwrap_or((key.as_str(), ""));
                    want(status, f.status.map(|s| s.as_str()))
                        && want(rag, f.rag.map(|r| r.as_str()))
                })
                .map(|c| c.1)
                .sum()
        };
        tx.commit().await.map_err(self.db())?;
        Ok(Some(u64::try_from(n).unwrap_or(0)))
    }

    /// The review list with its item counts read from the counters (`counts.rs`) in one
    /// read transaction; `None` while they are being counted again.
    async fn reviews_from_counts(&self) -> Result<Option<Vec<ReviewSummary>>> {
        let mut tx = self.pool.begin().await.map_err(self.db())?;
        if !IS_SQLITE {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
        }
        if !self.counts_valid(&mut *tx).await? {
            return Ok(None);
        }
        let counted: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT dim, key, n FROM item_counts WHERE scope = $1 AND dim IN ('review_items', 'open_review')",
        )
        .bind(counts::ALL)
        .fetch_all(&mut *tx)
        .await
        .map_err(self.db())?;
        let mut by_review: HashMap<i64, (i64, i64)> = HashMap::new();
        for (dim, key, n) in counted {
            let id: i64 = key
                .parse()
                .map_err(|_| self.corrupt(format!("a review counter's key {key:?}")))?;
            let entry = by_review.entry(id).or_default();
            if dim == counts::ITEMS_OF_REVIEW {
                entry.0 += n;
            } else {
                entry.1 += n;
            }
        }
        let rows: Vec<(i64, String, i64, bool)> = sqlx::query_as(
            "SELECT r.id, r.name, (SELECT count(*) FROM reports p WHERE p.review_id = r.id), r.published \
             FROM reviews r ORDER BY r.id",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(self.db())?;
        tx.commit().await.map_err(self.db())?;
        Ok(Some(
            rows.into_iter()
                .map(|(id, name, reports, published)| {
                    let (items, open) = by_review.get(&id).copied().unwrap_or_default();
                    ReviewSummary {
                        id: ReviewId::from_raw(id),
                        name,
                        reports,
                        items,
                        open,
                        published,
                    }
                })
                .collect(),
        ))
    }

    /// The register's version: the newest event's id (every change is an event, and events
    /// are never deleted), so any write by anyone moves it.
    async fn version<'e, E>(&self, on: E) -> Result<i64>
    where
        E: sqlx::Executor<'e, Database = Db>,
    {
        let (v,): (i64,) = sqlx::query_as("SELECT COALESCE(max(id), 0) FROM events")
            .fetch_one(on)
            .await
            .map_err(self.db())?;
        Ok(v)
    }

    /// The register version as read lately (see `cache::FRESH_FOR`), or read now.
    async fn current_version(&self) -> Result<i64> {
        let writes = self.writes.count();
        if let Some(v) = self.recent_version.get(writes, &()) {
            return Ok(v);
        }
        let v = self.version(&self.pool).await?;
        self.recent_version.put(writes, (), v);
        Ok(v)
    }

    /// The largest groups of open items by `column`, and the count of the rest.
    async fn open_groups(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        column: &str,
        open: i64,
    ) -> Result<Groups<Option<String>>> {
        let mut qb = QueryBuilder::<Db>::new(format!("SELECT {column}, count(*) FROM items i"));
        push_filter(&mut qb, f);
        qb.push(OPEN);
        // Ties by key with "none" first, the same on both backends (their NULLs sort apart).
        qb.push(format!(
            " GROUP BY {column} ORDER BY count(*) DESC, ({column} IS NOT NULL), {column} LIMIT "
        ))
        .push_bind(GROUPS_NAMED as i64);
        let top: Vec<(Option<String>, i64)> = qb
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let named: i64 = top.iter().map(|g| g.1).sum();
        Ok(Groups {
            top,
            others: open - named,
        })
    }

    /// Items matching the filter and a further condition, by deadline, the first few.
    async fn first_by_deadline(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        from: Option<Day>,
        before: Option<Day>,
        upto: Option<Day>,
    ) -> Result<Vec<ItemRecord>> {
        let mut qb = QueryBuilder::<Db>::new(ITEM_SELECT);
        push_filter(&mut qb, f);
        qb.push(OPEN);
        if let Some(d) = from {
            qb.push(" AND i.deadline_due >= ").push_bind(d.to_string());
        }
        if let Some(d) = before {
            qb.push(" AND i.deadline_due < ").push_bind(d.to_string());
        }
        if let Some(d) = upto {
            qb.push(" AND i.deadline_due <= ").push_bind(d.to_string());
        }
        qb.push(" ORDER BY i.deadline_due, i.id LIMIT ")
            .push_bind(DASHBOARD_LIST as i64);
        let rows: Vec<ItemRow> = qb
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        rows.into_iter().map(|r| self.record_of(r, None)).collect()
    }

    /// Items opened or closed per month, by `column` (`opened_on` or `closed_on`).
    async fn per_month(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        column: &str,
    ) -> Result<Vec<(String, i64)>> {
        let mut qb = QueryBuilder::<Db>::new(format!(
            "SELECT substr({column}, 1, 7), count(*) FROM items i"
        ));
        push_filter(&mut qb, f);
        qb.push(ACTIONS);
        qb.push(format!(
            " AND {column} IS NOT NULL GROUP BY substr({column}, 1, 7)"
        ));
        qb.build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())
    }

    /// Every figure of the dashboard, in one transaction.
    async fn compute_dashboard(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        today: Day,
    ) -> Result<Dashboard> {
        use sqlx::Row;
        let soon = Day::from_epoch_days(today.to_epoch_days() + DUE_SOON_DAYS);

        // Status and RAG together: one scan.
        let mut qb = QueryBuilder::<Db>::new("SELECT i.status, i.rag, count(*) FROM items i");
        push_filter(&mut qb, f);
        qb.push(" GROUP BY i.status, i.rag");
        let cells: Vec<(Option<String>, Option<String>, i64)> = qb
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let mut cells_typed = Vec::with_capacity(cells.len());
        for (status, rag, n) in cells {
            let status = status
                .map(|s| s.parse::<Status>())
                .transpose()
                .map_err(|e| self.corrupt(format!("an item's status: {e}")))?;
            let rag = rag
                .map(|r| r.parse::<Rag>())
                .transpose()
                .map_err(|e| self.corrupt(format!("an item's RAG: {e}")))?;
            cells_typed.push((status, rag, n));
        }
        let total = cells_typed.iter().map(|c| c.2).sum();
        let by_status = Status::ALL
            .iter()
            .map(|s| Some(*s))
            .chain([None])
            .map(|s| {
                (
                    s,
                    cells_typed.iter().filter(|c| c.0 == s).map(|c| c.2).sum(),
                )
            })
            .collect();
        let by_rag = Rag::ALL
            .iter()
            .map(|r| Some(*r))
            .chain([None])
            .map(|r| {
                (
                    r,
                    cells_typed.iter().filter(|c| c.1 == r).map(|c| c.2).sum(),
                )
            })
            .collect();

        // Open items: how many, overdue, due soon, how late, how long open: one scan.
        let mut qb =
            QueryBuilder::<Db>::new("SELECT count(*), COALESCE(SUM(CASE WHEN i.deadline_due < ");
        qb.push_bind(today.to_string())
            .push(" THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN i.deadline_due >= ")
            .push_bind(today.to_string())
            .push(" AND i.deadline_due <= ")
            .push_bind(soon.to_string())
            .push(" THEN 1 ELSE 0 END), 0)");
        for span in LATENESS {
            qb.push(", ");
            push_span_sum(&mut qb, "i.deadline_due", span, today);
        }
        for span in OPEN_FOR {
            qb.push(", ");
            push_span_sum(&mut qb, "i.opened_on", span, today);
        }
        qb.push(" FROM items i");
        push_filter(&mut qb, f);
        qb.push(OPEN);
        let row = qb.build().fetch_one(&mut **tx).await.map_err(self.db())?;
        let get = |k: usize| row.try_get::<i64, usize>(k).map_err(self.db());
        let open = get(0)?;
        let overdue = get(1)?;
        let due_soon = get(2)?;
        let lateness = (0..LATENESS.len())
            .map(|k| get(3 + k))
            .collect::<Result<Vec<_>>>()?;
        let open_for = (0..OPEN_FOR.len())
            .map(|k| get(3 + LATENESS.len() + k))
            .collect::<Result<Vec<_>>>()?;

        // Open items by review, with the reviews' names.
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT g.k, r.name, g.n FROM (SELECT i.review_id AS k, count(*) AS n FROM items i",
        );
        push_filter(&mut qb, f);
        qb.push(OPEN);
        qb.push(" GROUP BY i.review_id ORDER BY count(*) DESC, i.review_id LIMIT ")
            .push_bind(GROUPS_NAMED as i64)
            .push(") g JOIN reviews r ON r.id = g.k ORDER BY g.n DESC, g.k");
        let reviews: Vec<(i64, String, i64)> = qb
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let named: i64 = reviews.iter().map(|r| r.2).sum();
        let open_by_review = Groups {
            top: reviews
                .into_iter()
                .map(|(id, name, n)| ((ReviewId::from_raw(id), name), n))
                .collect(),
            others: open - named,
        };
        let open_by_owner = self.open_groups(tx, f, "i.owner", open).await?;
        let open_by_theme = self.open_groups(tx, f, "i.theme", open).await?;

        // Opened and closed per month.
        let mut months: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
        for (m, n) in self.per_month(tx, f, "i.opened_on").await? {
            months.entry(m).or_default().0 += n;
        }
        for (m, n) in self.per_month(tx, f, "i.closed_on").await? {
            months.entry(m).or_default().1 += n;
        }
        let progress = months
            .into_iter()
            .map(|(month, (opened, closed))| MonthCount {
                month,
                opened,
                closed,
            })
            .collect();

        let overdue_first = self
            .first_by_deadline(tx, f, None, Some(today), None)
            .await?;
        let due_soon_first = self
            .first_by_deadline(tx, f, Some(today), None, Some(soon))
            .await?;
        Ok(Dashboard {
            today,
            total,
            open,
            by_status,
            by_rag,
            overdue,
            due_soon,
            lateness,
            open_for,
            open_by_review,
            open_by_owner,
            open_by_theme,
            progress,
            overdue_first,
            due_soon_first,
        })
    }
}
