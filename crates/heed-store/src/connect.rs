//! Opening the register: the URL picks the backend, the connection is configured for it
//! (SQLite: WAL, busy timeout, foreign keys), and that backend's migrations run.

use crate::error::StoreError;
use crate::url::DatabaseUrl;
use crate::{Store, postgres, sqlite};
use sqlx::migrate::{MigrateError, Migration, MigrationType, Migrator};
use std::borrow::Cow;
use std::time::Duration;

/// How long a writer waits for another writer before giving up. Long, so that several
/// `heed` processes on one SQLite file queue rather than fail.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// How much of the register file each reader connection maps: none. In WAL mode a reader
/// that finds the register written since its last read drops its page cache and unmaps
/// its whole map (SQLite's `pagerBeginReadTransaction`), then faults the pages in again:
/// under a writer at 5 updates a second, unmapping and faulting were a tenth of a busy
/// server's CPU (perf), and readers reading through `pread` served 10 to 15% more searches
/// and item pages a second than through a 2 GiB map, side by side at a million items.
const READER_MMAP_BYTES: &str = "0";

/// Opens (creating if needed) the register at `url` and brings its schema up to date.
pub async fn open(url: &DatabaseUrl) -> Result<Box<dyn Store>, StoreError> {
    let location = url.redacted();
    match url {
        DatabaseUrl::Sqlite(path) => {
            // Two processes creating the same new file at once can meet SQLite's locks
            // before its busy timeout applies (switching to WAL); a second try finds the
            // file made.
            let mut tries = 0;
            loop {
                match open_sqlite(path, &location).await {
                    Err(e) if tries < 3 && is_locked(&e) => tries += 1,
                    other => return other,
                }
            }
        }
        DatabaseUrl::Postgres(u) => {
            use std::str::FromStr;
            let options = sqlx::postgres::PgConnectOptions::from_str(u)
                .map_err(|e| StoreError::BadUrl {
                    url: location.clone(),
                    reason: e.to_string(),
                })?
                // A search's bitmap of a common word's matches (100,000 at a million
                // items) outgrew the default 4 MB and went lossy: every item of a lossy
                // page was tested against the query again (220 ms for a count bounded at
                // 10,001; 85 to 133 ms with 32 MB). Per sort or bitmap of a connection.
                .options([("work_mem", "32MB")]);
            // One direct connection first: a refused or failed connection is reported at
            // once, with the server's own words, instead of as a pool time-out.
            {
                use sqlx::Connection;
                let probe = sqlx::postgres::PgConnection::connect_with(&options)
                    .await
                    .map_err(|e| StoreError::from_sqlx(&location, e))?;
                let _ = probe.close().await;
            }
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(4)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await
                .map_err(|e| StoreError::from_sqlx(&location, e))?;
            migrator(POSTGRES_MIGRATIONS)
                .run(&pool)
                .await
                .map_err(|e| migrate_error(&location, e))?;
            postgres::ensure_search_words(&pool, &location).await?;
            let store = postgres::engine::SqlStore::new(pool, location);
            store.ensure_counts().await?;
            Ok(Box::new(store))
        }
    }
}

async fn open_sqlite(path: &std::path::Path, location: &str) -> Result<Box<dyn Store>, StoreError> {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true)
        // 64 MiB of page cache per connection (the default is 2 MiB): imports insert into
        // several indexes, and a large register outgrows a small cache.
        .pragma("cache_size", "-65536")
        .pragma("temp_store", "memory")
        // Checkpoint the WAL every 40 MiB rather than every 4 MiB: index pages that an
        // import touches again and again are copied back to the file once.
        .pragma("wal_autocheckpoint", "10000");
    let db = |e| StoreError::from_sqlx(location, e);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        // Readers run side by side in WAL mode; each connection has a thread of its own.
        // Eight answered item pages at 64 connections faster than four (p99 13 vs 16 ms),
        // two or one much slower (p99 over 40 ms).
        .max_connections(8)
        .acquire_timeout(BUSY_TIMEOUT)
        // Readers keep 4 MiB of pages each (the writer keeps 64 MiB for imports): eight
        // connections' caches filled at 64 MiB held over 500 MiB of a 1,000,000-item
        // register in memory; what they miss comes from the operating system's file cache,
        // read with `pread` (no memory map: `READER_MMAP_BYTES`).
        .connect_with(
            options
                .clone()
                .pragma("cache_size", "-4096")
                .pragma("mmap_size", READER_MMAP_BYTES),
        )
        .await;
    let pool = pool.map_err(db)?;
    // SQLite has no migration lock of its own: run the migrations inside one write
    // transaction, so that processes opening a new file at once take turns and the later
    // ones find the schema made (each migration nests as a savepoint).
    {
        use sqlx::Connection;
        let mut conn = pool.acquire().await.map_err(db)?;
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await.map_err(db)?;
        // `run_direct` rather than `run`: `run`'s `Acquire` bound is not general enough for
        // the future to be `Send` across all lifetimes (sqlx's own note on `run_direct`).
        migrator(SQLITE_MIGRATIONS)
            .run_direct(None, &mut *tx, false)
            .await
            .map_err(|e| migrate_error(location, e))?;
        tx.commit().await.map_err(db)?;
        // Statistics for the planner (`sqlite_stat1`), taken when missing or when a table
        // has grown or shrunk a great deal since (SQLite's `optimize`, which samples at
        // most a few thousand rows an index: 1.2 s once at a million items, nothing when
        // they are current). Without them SQLite cannot tell a review's five items from a
        // status's 166,000: `review=N&status=completed` read every completed item (0.13 s
        // for 0 matches; 0.000 s with them, by `items_order`). Only a plan depends on them,
        // so a register another process holds locked is left as it is.
        if let Err(e) = sqlx::query("PRAGMA main.optimize = 0x10002")
            .execute(&mut *conn)
            .await
        {
            tracing::warn!(register = %location, error = %e, "planner statistics not taken");
        }
    }
    // Writers take turns on one connection of their own (other processes' writers still
    // wait on SQLite's lock and the busy timeout). Its page cache then stays valid from one
    // write to the next, where a write on any of the readers' connections found the file
    // changed by another connection and read its pages again.
    let writer = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(BUSY_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(db)?;
    // The full-text index lives in a directory beside the register (`search/`), kept
    // level by a task of its own: an import never waits for it.
    let search = crate::search::SearchIndex::start(path, pool.clone(), location.to_string())?;
    let store = sqlite::engine::SqlStore::new(pool, location.to_string())
        .with_writer(writer)
        .with_search(search);
    store.ensure_counts().await?;
    Ok(Box::new(store))
}

fn is_locked(e: &StoreError) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("database is locked") || text.contains("busy")
}

/// Each backend's migrations, embedded in the binary. Never edit an applied one: add the
/// next number, to both directories together.
pub(crate) const SQLITE_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "register",
        include_str!("../migrations/sqlite/0001_register.sql"),
    ),
    (
        2,
        "accounts",
        include_str!("../migrations/sqlite/0002_accounts.sql"),
    ),
    (
        3,
        "workflow",
        include_str!("../migrations/sqlite/0003_workflow.sql"),
    ),
    (
        4,
        "intake",
        include_str!("../migrations/sqlite/0004_intake.sql"),
    ),
    (
        5,
        "scale",
        include_str!("../migrations/sqlite/0005_scale.sql"),
    ),
    (
        6,
        "lean_indexes",
        include_str!("../migrations/sqlite/0006_lean_indexes.sql"),
    ),
    (
        7,
        "search_beside",
        include_str!("../migrations/sqlite/0007_search_beside.sql"),
    ),
    (
        8,
        "counts",
        include_str!("../migrations/sqlite/0008_counts.sql"),
    ),
    (
        9,
        "filter_indexes",
        include_str!("../migrations/sqlite/0009_filter_indexes.sql"),
    ),
    (
        10,
        "open_indexes",
        include_str!("../migrations/sqlite/0010_open_indexes.sql"),
    ),
    (
        11,
        "undated",
        include_str!("../migrations/sqlite/0011_undated.sql"),
    ),
    (
        12,
        "kind_counts",
        include_str!("../migrations/sqlite/0012_kind_counts.sql"),
    ),
    (
        13,
        "open_status",
        include_str!("../migrations/sqlite/0013_open_status.sql"),
    ),
    (
        14,
        "lean_month_indexes",
        include_str!("../migrations/sqlite/0014_lean_month_indexes.sql"),
    ),
    (
        15,
        "search_words",
        include_str!("../migrations/sqlite/0015_search_words.sql"),
    ),
];
const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "register",
        include_str!("../migrations/postgres/0001_register.sql"),
    ),
    (
        2,
        "accounts",
        include_str!("../migrations/postgres/0002_accounts.sql"),
    ),
    (
        3,
        "workflow",
        include_str!("../migrations/postgres/0003_workflow.sql"),
    ),
    (
        4,
        "intake",
        include_str!("../migrations/postgres/0004_intake.sql"),
    ),
    (
        5,
        "scale",
        include_str!("../migrations/postgres/0005_scale.sql"),
    ),
    (
        6,
        "lean_indexes",
        include_str!("../migrations/postgres/0006_lean_indexes.sql"),
    ),
    (
        7,
        "search_beside",
        include_str!("../migrations/postgres/0007_search_beside.sql"),
    ),
    (
        8,
        "counts",
        include_str!("../migrations/postgres/0008_counts.sql"),
    ),
    (
        9,
        "filter_indexes",
        include_str!("../migrations/postgres/0009_filter_indexes.sql"),
    ),
    (
        10,
        "open_indexes",
        include_str!("../migrations/postgres/0010_open_indexes.sql"),
    ),
    (
        11,
        "undated",
        include_str!("../migrations/postgres/0011_undated.sql"),
    ),
    (
        12,
        "kind_counts",
        include_str!("../migrations/postgres/0012_kind_counts.sql"),
    ),
    (
        13,
        "open_status",
        include_str!("../migrations/postgres/0013_open_status.sql"),
    ),
    (
        14,
        "lean_month_indexes",
        include_str!("../migrations/postgres/0014_lean_month_indexes.sql"),
    ),
    (
        15,
        "search_words",
        include_str!("../migrations/postgres/0015_search_words.sql"),
    ),
];

/// Builds the migrator from the embedded files (what `sqlx::migrate!` would do, without
/// pulling sqlx's proc-macro crate and a second build of both drivers into the build).
pub(crate) fn migrator(files: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    let migrations = files
        .iter()
        .map(|(version, name, sql)| {
            Migration::new(
                *version,
                Cow::Borrowed(*name),
                MigrationType::Simple,
                sqlx::SqlStr::from_static(sql),
                false,
            )
        })
        .collect();
    Migrator::with_migrations(migrations)
}

pub(crate) fn migrate_error(location: &str, e: MigrateError) -> StoreError {
    match e {
        MigrateError::Execute(e) => StoreError::from_sqlx(location, e),
        other => StoreError::Schema {
            location: location.into(),
            detail: other.to_string(),
        },
    }
}
