//! The full-text index of a SQLite register, kept in a file of its own beside it
//! (`<register>-search`) and brought level with the register by a task of its own.
//!
//! Why a second file: SQLite has one writer per file. With the index in the register, every
//! import tokenised and merged its items' texts inside its own transaction, on the one thread
//! that writes, and that was four tenths of an import's time. In a file of its own the index
//! is written by another connection, on another thread (so another core), in transactions
//! as large as the backlog: while the register takes one document, the index takes the last.
//!
//! What keeps it right:
//! - The index is derived: every row is an item's text and its facets (kind, status, RAG,
//!   review, open: `fts::facets`), under the item's id. It records
//!   which register it was made from (the register's `epoch`, which a restore changes) and
//!   the last event it has taken in (`upto`, an event id). An index that is missing,
//!   unreadable, of another register or ahead of the register's history is built again.
//! - Event ids grow in commit order on SQLite (one writer at a time), so the items created
//!   or changed after `upto` are exactly those the index lacks.
//! - A search first brings the index level with the register ([`SearchIndex::catch_up`]),
//!   so it finds everything committed before it began: the background task only makes
//!   that wait short. When the register is where the index was last seen to be (same
//!   epoch, same last event), that costs one read of the register and no turn. Several processes may share the files; each catch-up checks `upto`
//!   again inside its own write transaction, so two never apply the same events twice.
//! - Register connections attach the file read-only: a read-only attached database takes
//!   no write lock, so the register's writers and the index's writer never wait on each other.

use crate::error::StoreError;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
};
use sqlx::{Connection, QueryBuilder, Row, Sqlite};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The schema name the register's connections give the index.
pub(crate) const SCHEMA: &str = "search";

/// Events read per catch-up transaction: a backlog of a million items is taken in steps
/// whose memory stays small.
const EVENTS_PER_STEP: i64 = 50_000;

/// How often the task looks for other processes' writes when nothing in this one woke it.
const LOOK_EVERY: Duration = Duration::from_secs(2);

/// How long the task waits after a write before taking it in (a search never waits for
/// it: it catches up itself). Each catch-up is one FTS5 segment to write and merge later;
/// at a million items a second's gathering made the import 52 s where 0.2 s made it 58 to
/// 61 s (`scripts/bench-import 1000000`).
const GATHER: Duration = Duration::from_millis(1000);

/// What the index has taken in: the register's epoch and the last event id.
const STATE: &str = "SELECT epoch, upto FROM search_state";

/// A row of [`STATE`]: the register's epoch the index holds, and the last event taken in.
struct IndexState {
    epoch: String,
    upto: i64,
}

/// An item to index, as `take_in` reads it.
struct ToIndex {
    id: i64,
    text: String,
    /// Its facets (`fts::facets`).
    facets: String,
    /// Changed rather than created in the range, so it may be in the index already.
    changed: bool,
}

// Read by column name (sqlx's derive is not in the build).
impl<'r> sqlx::FromRow<'r, SqliteRow> for IndexState {
    fn from_row(row: &'r SqliteRow) -> Result<Self, sqlx::Error> {
        Ok(Self {
            epoch: row.try_get("epoch")?,
            upto: row.try_get("upto")?,
        })
    }
}

impl<'r> sqlx::FromRow<'r, SqliteRow> for ToIndex {
    fn from_row(row: &'r SqliteRow) -> Result<Self, sqlx::Error> {
        let kind: String = row.try_get("kind")?;
        let status: Option<String> = row.try_get("status")?;
        Ok(Self {
            id: row.try_get("id")?,
            text: row.try_get("text")?,
            facets: crate::fts::facets(
                &kind,
                status.as_deref(),
                row.try_get::<Option<String>, _>("rag")?.as_deref(),
                row.try_get("review_id")?,
            ),
            changed: row.try_get("changed")?,
        })
    }
}

/// The index file's schema. The tokenizer is the one the register's index always had.
const SCHEMA_SQL: &str = "
CREATE TABLE IF NOT EXISTS search_state (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    epoch  TEXT NOT NULL,
    upto   INTEGER NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
    text,
    facets,
    content = '',
    contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
";

/// The index file beside the register at `register`.
pub(crate) fn path_beside(register: &Path) -> PathBuf {
    let mut name = register.as_os_str().to_os_string();
    name.push("-search");
    PathBuf::from(name)
}

/// `path` as a read-only SQLite URI (RFC 3986 escapes for anything but plain characters).
pub(crate) fn read_only_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(*b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?mode=ro");
    uri
}

/// Opens (creating, or making anew when damaged) the index file, with one connection
/// that stays open while the register is: it keeps the file's WAL in place for the
/// register's read-only connections.
pub(crate) async fn open_file(path: &Path) -> Result<SqlitePool, StoreError> {
    let shown = path.display().to_string();
    match try_open(path).await {
        Ok(pool) => Ok(pool),
        // Derived data: an index that is not a database, or a damaged one, is thrown away
        // and built again. Anything else (a busy file another process is creating, a
        // directory that cannot be written) is reported, and the file left alone.
        Err(e) if is_damage(&e) => {
            tracing::warn!(index = %shown, error = %e, "search index damaged; building it again");
            for suffix in ["", "-wal", "-shm"] {
                let mut p = path.as_os_str().to_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
            try_open(path)
                .await
                .map_err(|e| StoreError::from_sqlx(&shown, e))
        }
        Err(e) => Err(StoreError::from_sqlx(&shown, e)),
    }
}

/// SQLITE_CORRUPT or SQLITE_NOTADB, in any of their extended forms.
fn is_damage(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| matches!(c & 0xff, 11 | 26))
}

async fn try_open(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(60))
        .pragma("cache_size", "-65536");
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(60))
        .connect_with(options)
        .await?;
    let made = async {
        let mut conn = pool.acquire().await?;
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::raw_sql(SCHEMA_SQL).execute(&mut *tx).await?;
        let state: Option<(i64,)> = sqlx::query_as("SELECT upto FROM search_state")
            .fetch_optional(&mut *tx)
            .await?;
        if state.is_none() {
            sqlx::query("INSERT INTO search_state (id, epoch, upto) VALUES (1, '', 0)")
                .execute(&mut *tx)
                .await?;
        }
        // An index made before items had facets is made again, from event 0.
        let (facetted,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM pragma_table_info('items_fts') WHERE name = 'facets'",
        )
        .fetch_one(&mut *tx)
        .await?;
        if facetted == 0 {
            sqlx::query("DROP TABLE items_fts")
                .execute(&mut *tx)
                .await?;
            sqlx::raw_sql(SCHEMA_SQL).execute(&mut *tx).await?;
            sqlx::query("UPDATE search_state SET epoch = '', upto = 0")
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }
    .await;
    match made {
        Ok(()) => Ok(pool),
        Err(e) => {
            pool.close().await;
            Err(e)
        }
    }
}

/// The index and what keeps it level with the register.
pub(crate) struct SearchIndex {
    /// The index file's one read-write connection.
    index: SqlitePool,
    /// The register, read for the texts to index.
    register: SqlitePool,
    location: String,
    /// One catch-up at a time in this process.
    turn: tokio::sync::Mutex<()>,
    /// What the index was last seen to hold: the register's epoch and `upto`. A search
    /// whose register is no further on needs no turn and no look at the index file.
    level: Mutex<Option<(String, i64)>>,
    wake: Arc<tokio::sync::Notify>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl SearchIndex {
    /// Starts keeping the index at `index` level with `register`, in a task of its own.
    pub(crate) fn start(index: SqlitePool, register: SqlitePool, location: String) -> Arc<Self> {
        let me = Arc::new(SearchIndex {
            index,
            register,
            location,
            turn: tokio::sync::Mutex::new(()),
            level: Mutex::new(None),
            wake: Arc::new(tokio::sync::Notify::new()),
            task: Mutex::new(None),
        });
        // The task holds the index weakly: a store dropped without `close` stops it too.
        let weak = Arc::downgrade(&me);
        let wake = me.wake.clone();
        // It waits before its first look: a short command (`heed show`) ends before it, so
        // opening the register costs it no index work; a search catches up by itself.
        let task = tokio::spawn(async move {
            loop {
                if tokio::time::timeout(LOOK_EVERY, wake.notified())
                    .await
                    .is_ok()
                {
                    // Woken by a write: let a few more come, so the index takes them in
                    // one larger transaction (each one costs a segment and its merging).
                    tokio::time::sleep(GATHER).await;
                }
                let Some(me) = weak.upgrade() else { return };
                if let Err(e) = me.catch_up().await {
                    tracing::warn!(error = %e, "search index not brought up to date");
                }
            }
        });
        if let Ok(mut slot) = me.task.lock() {
            *slot = Some(task);
        }
        me
    }

    /// Something was written: the task takes it in soon.
    pub(crate) fn wake(&self) {
        self.wake.notify_one();
    }

    /// Stops the task (what it had not committed is taken in by the next catch-up) and
    /// closes the index file.
    pub(crate) async fn close(&self) {
        let task = self.task.lock().ok().and_then(|mut t| t.take());
        if let Some(task) = task {
            task.abort();
            let _ = task.await;
        }
        self.index.close().await;
    }

    fn db(&self) -> impl Fn(sqlx::Error) -> StoreError + '_ {
        move |e| StoreError::from_sqlx(&self.location, e)
    }

    /// Brings the index level with the register as it is now: after this, a search finds
    /// every item committed before the call.
    ///
    /// Every search calls this (a page and its count, each), so the usual answer, "already
    /// level", is one read of the register and no turn: under 64 connections the turn and
    /// the index file's one connection made every search wait for every other's look.
    pub(crate) async fn catch_up(&self) -> Result<(), StoreError> {
        let (epoch, last) = self.register_now().await?;
        if self.level_holds(&epoch, last) {
            return Ok(());
        }
        let _turn = self.turn.lock().await;
        // Someone else may have brought it level while this waited for the turn.
        if self.level_holds(&epoch, last) {
            return Ok(());
        }
        // Level with the register as it is now: writes that come meanwhile are the next
        // catch-up's, so a search behind a busy importer does not chase it.
        let target = last;
        loop {
            // The index first, then the register: whoever set `upto` read the register
            // before this does, so `upto` past the register's last event means the
            // register went back (a file copied over it), not a race with another process.
            let IndexState {
                epoch: have_epoch,
                upto,
            } = sqlx::query_as(STATE)
                .fetch_one(&self.index)
                .await
                .map_err(self.db())?;
            let (epoch, last) = self.register_now().await?;
            if have_epoch != epoch || upto > last {
                self.forget_level();
                self.start_again(&have_epoch, upto, &epoch).await?;
                continue;
            }
            if upto >= target {
                self.set_level(epoch, upto);
                return Ok(());
            }
            let to = target.min(upto + EVENTS_PER_STEP);
            self.take_in(&epoch, upto, to).await?;
        }
    }

    /// The register's epoch and its last event id, as they are now.
    async fn register_now(&self) -> Result<(String, i64), StoreError> {
        sqlx::query_as(
            "SELECT (SELECT value FROM register_meta WHERE key = 'epoch'), \
             (SELECT COALESCE(max(id), 0) FROM events)",
        )
        .fetch_one(&self.register)
        .await
        .map_err(self.db())
    }

    /// Whether the index was seen to hold register `epoch` up to event `last` exactly.
    /// `upto` only grows within an epoch (a new epoch empties the index, and is another
    /// key), so an index seen at `last` still holds it. A register that went back (`last`
    /// below what the index holds) or on takes the turn, which looks at the index itself.
    fn level_holds(&self, epoch: &str, last: i64) -> bool {
        let level = self.level.lock().unwrap_or_else(|p| p.into_inner());
        level
            .as_ref()
            .is_some_and(|(e, upto)| e == epoch && *upto == last)
    }

    fn set_level(&self, epoch: String, upto: i64) {
        *self.level.lock().unwrap_or_else(|p| p.into_inner()) = Some((epoch, upto));
    }

    fn forget_level(&self) {
        *self.level.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Empties an index made from other contents, to be built again from event 0.
    async fn start_again(&self, was: &str, upto: i64, epoch: &str) -> Result<(), StoreError> {
        let mut tx = self
            .index
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(self.db())?;
        // Only if no other process did it meanwhile.
        let changed = sqlx::query(
            "UPDATE search_state SET epoch = $1, upto = 0 WHERE epoch = $2 AND upto = $3",
        )
        .bind(epoch)
        .bind(was)
        .bind(upto)
        .execute(&mut *tx)
        .await
        .map_err(self.db())?;
        if changed.rows_affected() == 1 {
            sqlx::query("INSERT INTO items_fts (items_fts) VALUES ('delete-all')")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
        }
        tx.commit().await.map_err(self.db())
    }

    /// Indexes the items created or changed by events `from + 1 ..= to`.
    async fn take_in(&self, epoch: &str, from: i64, to: i64) -> Result<(), StoreError> {
        // Each item once, with its text as it is now, and whether it may be in the index
        // already (changed rather than created in this range). A text changed again after
        // `to` is indexed now and once more when that event is taken in.
        let rows: Vec<ToIndex> = sqlx::query_as(
            "SELECT i.id, i.text, i.kind, i.status, i.rag, i.review_id, c.changed FROM \
               (SELECT item_id, max(kind <> 'item_created') AS changed FROM events \
                 WHERE id > $1 AND id <= $2 AND item_id IS NOT NULL \
                   AND kind IN ('item_created', 'item_updated', 'verified') GROUP BY item_id) c \
             JOIN items i ON i.id = c.item_id ORDER BY i.id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.register)
        .await
        .map_err(self.db())?;
        let mut tx = self
            .index
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(self.db())?;
        // Another process may have taken these events in meanwhile.
        let IndexState {
            epoch: have_epoch,
            upto,
        } = sqlx::query_as(STATE)
            .fetch_one(&mut *tx)
            .await
            .map_err(self.db())?;
        if have_epoch != epoch || upto != from {
            return Ok(());
        }
        for changed in rows
            .iter()
            .filter(|r| r.changed)
            .collect::<Vec<_>>()
            .chunks(500)
        {
            let mut qb = QueryBuilder::<Sqlite>::new("DELETE FROM items_fts WHERE rowid IN (");
            let mut ids = qb.separated(", ");
            for r in changed {
                ids.push_bind(r.id);
            }
            qb.push(")");
            qb.build().execute(&mut *tx).await.map_err(self.db())?;
        }
        for chunk in rows.chunks(1000) {
            let mut qb =
                QueryBuilder::<Sqlite>::new("INSERT INTO items_fts (rowid, text, facets) ");
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.id)
                    .push_bind(r.text.as_str())
                    .push_bind(r.facets.as_str());
            });
            qb.build().execute(&mut *tx).await.map_err(self.db())?;
        }
        sqlx::query("UPDATE search_state SET upto = $1")
            .bind(to)
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        tx.commit().await.map_err(self.db())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index forgets an item that may not be in it (created and changed in one
    /// catch-up) without complaint, and keeps one copy of a re-indexed text.
    #[tokio::test]
    async fn forgetting_an_absent_item_is_no_error() {
        let dir = std::env::temp_dir().join(format!("heed-search-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let pool = open_file(&dir.join("x-search")).await.expect("open");
        for sql in [
            "DELETE FROM items_fts WHERE rowid IN (7)",
            "INSERT INTO items_fts (rowid, text) VALUES (7, 'custody staff')",
            "DELETE FROM items_fts WHERE rowid IN (7)",
            "INSERT INTO items_fts (rowid, text) VALUES (7, 'custody officers')",
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&pool)
                .await
                .expect(sql);
        }
        let hits = |q: &'static str| {
            let pool = pool.clone();
            async move {
                let (n,): (i64,) =
                    sqlx::query_as("SELECT count(*) FROM items_fts WHERE items_fts MATCH $1")
                        .bind(q)
                        .fetch_one(&pool)
                        .await
                        .expect("match");
                n
            }
        };
        assert_eq!(hits("custody").await, 1);
        assert_eq!(hits("staff").await, 0);
        assert_eq!(hits("officers").await, 1);
        pool.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// An index file made before items had facets (one `text` column) is made again on
    /// opening: the facets column is there, and the state says nothing is taken in, so
    /// the next catch-up indexes the register from its first event.
    #[tokio::test]
    async fn an_index_without_facets_is_made_again() {
        let dir = std::env::temp_dir().join(format!("heed-search-old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("x-search");
        {
            let old = SqlitePool::connect_with(
                SqliteConnectOptions::new()
                    .filename(&path)
                    .create_if_missing(true),
            )
            .await
            .expect("old file");
            sqlx::raw_sql(
                "CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), \
                 epoch TEXT NOT NULL, upto INTEGER NOT NULL); \
                 INSERT INTO search_state VALUES (1, 'e1', 42); \
                 CREATE VIRTUAL TABLE items_fts USING fts5(text, content = '', \
                 contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2'); \
                 INSERT INTO items_fts (rowid, text) VALUES (7, 'custody staff');",
            )
            .execute(&old)
            .await
            .expect("old schema");
            old.close().await;
        }
        let pool = open_file(&path).await.expect("open");
        let state: (String, i64) = sqlx::query_as(STATE).fetch_one(&pool).await.expect("state");
        assert_eq!(state, (String::new(), 0));
        sqlx::query("INSERT INTO items_fts (rowid, text, facets) VALUES (8, 'custody', 'zzsnone')")
            .execute(&pool)
            .await
            .expect("facets column");
        let (n,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'text : custody AND facets : zzsnone'",
        )
        .fetch_one(&pool)
        .await
        .expect("match");
        assert_eq!(
            n, 1,
            "the old rows are gone, the new one is found by its facet"
        );
        pool.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn uri_escapes_what_sqlite_would_read_as_uri_syntax() {
        assert_eq!(
            read_only_uri(Path::new("/tmp/a b/heed?.db#1%")),
            "file:/tmp/a%20b/heed%3F.db%231%25?mode=ro"
        );
        assert_eq!(
            path_beside(Path::new("dir/heed.db")),
            PathBuf::from("dir/heed.db-search")
        );
    }
}
