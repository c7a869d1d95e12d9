//! Backups of a PostgreSQL register, in the one portable form Heed has: a SQLite register
//! file. `heed backup` on PostgreSQL copies every register table, inside one read-only
//! repeatable-read transaction (a consistent snapshot while others keep writing), into a new
//! SQLite file made by the SQLite migrations; `heed restore` on PostgreSQL reads such a file
//! (or a backup of a SQLite register, which is the same thing) and replaces the register's
//! rows in one transaction. So a backup moves a register between the two backends too.
//!
//! The copy is driven by PostgreSQL's own description of its columns, so a column added by
//! a later migration is copied without a change here; a table added by a later migration
//! must be named in [`REGISTER_TABLES`] (a conformance test compares that list with the
//! live schema).

use crate::connect::{SQLITE_MIGRATIONS, migrate_error, migrator};
use crate::error::StoreError;
use futures_util::TryStreamExt;
use sqlx::postgres::PgPool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::{Arguments, Connection, Row};
use std::path::{Path, PathBuf};

/// The tables a backup carries, in an order they can be filled (parents first). Sessions
/// and uploads waiting for confirmation are left out on purpose: a restored register signs
/// everyone out and forgets unconfirmed uploads.
pub(crate) const REGISTER_TABLES: &[&str] = &[
    "reviews",
    "reports",
    "items",
    "events",
    "links",
    "evidence",
    "judgements",
    "glossary",
    "users",
    "api_tokens",
    "saved_views",
];

/// Tables of the live schema that a backup deliberately does not carry.
pub const NOT_BACKED_UP: &[&str] = &[
    "_sqlx_migrations",
    "sessions",
    "pending_imports",
    "register_meta",
    // Derived from the items: counted again after a restore (`counts.rs`).
    "item_counts",
];

/// The tables a backup carries (for tests that compare it with the live schema).
pub fn backed_up_tables() -> &'static [&'static str] {
    REGISTER_TABLES
}

/// Rows copied per INSERT; fewer when a row has many columns (SQLite allows 32,766 bound
/// values a statement, PostgreSQL 65,535).
const ROWS_PER_INSERT: usize = 500;
/// A batch is written early once it holds this many bytes (reports keep their originals).
const BYTES_PER_INSERT: usize = 16 << 20;

/// A column's type as PostgreSQL describes it, which decides how a value is read and bound.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Int,
    Text,
    Json,
    Bytes,
    Bool,
}

#[derive(Debug)]
struct Column {
    name: String,
    kind: Kind,
}

#[derive(Debug)]
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
    Bool(Option<bool>),
}

impl Value {
    fn size(&self) -> usize {
        match self {
            Value::Text(Some(s)) => s.len(),
            Value::Bytes(Some(b)) => b.len(),
            _ => 8,
        }
    }
}

/// The copied columns of a table, in order: not generated ones, nor PostgreSQL's
/// full-text words (`items.search`), which are made again from the text after a restore
/// (`postgres::ensure_search_words`).
async fn columns(
    conn: &mut sqlx::PgConnection,
    location: &str,
    table: &str,
) -> Result<Vec<Column>, StoreError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' \
         AND data_type <> 'tsvector' \
         ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .map_err(|e| StoreError::from_sqlx(location, e))?;
    rows.into_iter()
        .map(|(name, ty)| {
            let kind = match ty.as_str() {
                "bigint" | "integer" | "smallint" => Kind::Int,
                "text" | "character varying" => Kind::Text,
                "jsonb" | "json" => Kind::Json,
                "bytea" => Kind::Bytes,
                "boolean" => Kind::Bool,
                other => {
                    return Err(StoreError::Schema {
                        location: location.into(),
                        detail: format!(
                            "{table}.{name} has type {other}, which a backup cannot carry"
                        ),
                    });
                }
            };
            Ok(Column { name, kind })
        })
        .collect()
}

/// A row's values, each read as its column's kind says (either backend's rows).
fn values_of<'r, R: Row>(row: &'r R, cols: &[Column]) -> Result<Vec<Value>, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<Vec<u8>>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<bool>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    cols.iter()
        .enumerate()
        .map(|(i, c)| {
            Ok(match c.kind {
                Kind::Int => Value::Int(row.try_get(i)?),
                Kind::Text | Kind::Json => Value::Text(row.try_get(i)?),
                Kind::Bytes => Value::Bytes(row.try_get(i)?),
                Kind::Bool => Value::Bool(row.try_get(i)?),
            })
        })
        .collect()
}

/// `"a", "b"`: column names quoted for SQL (they come from the database's own catalogue).
fn names(cols: &[Column]) -> String {
    cols.iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn rows_per_insert(cols: &[Column]) -> usize {
    ROWS_PER_INSERT.min(30_000 / cols.len().max(1)).max(1)
}

/// Backs up the PostgreSQL register behind `pool` into a new SQLite file at `to`. The file
/// appears only when complete: it is written beside `to` under a temporary name and
/// renamed at the end.
pub(crate) async fn backup_postgres(
    pool: &PgPool,
    location: &str,
    to: &Path,
) -> Result<(), StoreError> {
    if to.exists() {
        return Err(StoreError::Invalid(format!(
            "{}: already exists; give a new file name for the backup",
            to.display()
        )));
    }
    let partial = partial_name(to);
    let _ = std::fs::remove_file(&partial);
    let result = copy_to_sqlite(pool, location, &partial).await;
    match result {
        Ok(()) => std::fs::rename(&partial, to).map_err(|error| StoreError::Io {
            path: to.display().to_string(),
            error,
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn partial_name(to: &Path) -> PathBuf {
    let mut name = to.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    to.with_file_name(name)
}

async fn copy_to_sqlite(pool: &PgPool, location: &str, file: &Path) -> Result<(), StoreError> {
    let shown = file.display().to_string();
    let lite = |e| StoreError::from_sqlx(&shown, e);
    let pg = |e| StoreError::from_sqlx(location, e);
    let target = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(
            SqliteConnectOptions::new()
                .filename(file)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Delete)
                .foreign_keys(true),
        )
        .await
        .map_err(lite)?;
    let result = async {
        let mut out = target.acquire().await.map_err(lite)?;
        migrator(SQLITE_MIGRATIONS)
            .run_direct(None, &mut *out, false)
            .await
            .map_err(|e| migrate_error(&shown, e))?;
        let mut source = pool.acquire().await.map_err(pg)?;
        let mut snapshot = source
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await
            .map_err(pg)?;
        let mut tx = out.begin().await.map_err(lite)?;
        for table in REGISTER_TABLES {
            let cols = columns(&mut snapshot, location, table).await?;
            let select = cols
                .iter()
                .map(|c| match c.kind {
                    Kind::Json => format!("\"{}\"::text", c.name),
                    Kind::Int => format!("\"{}\"::bigint", c.name),
                    _ => format!("\"{}\"", c.name),
                })
                .collect::<Vec<_>>()
                .join(", ");
            let query = format!("SELECT {select} FROM {table} ORDER BY 1");
            let mut rows = sqlx::query(sqlx::AssertSqlSafe(query)).fetch(&mut *snapshot);
            let mut batch = Batch::default();
            while let Some(row) = rows.try_next().await.map_err(pg)? {
                let values = values_of(&row, &cols).map_err(pg)?;
                if batch.push(values, &cols) {
                    insert_sqlite(&mut tx, table, &cols, &mut batch)
                        .await
                        .map_err(lite)?;
                }
            }
            drop(rows);
            insert_sqlite(&mut tx, table, &cols, &mut batch)
                .await
                .map_err(lite)?;
        }
        snapshot.commit().await.map_err(pg)?;
        tx.commit().await.map_err(lite)?;
        let check: (String,) = sqlx::query_as("PRAGMA integrity_check")
            .fetch_one(&mut *out)
            .await
            .map_err(lite)?;
        if check.0 != "ok" {
            return Err(StoreError::Corrupt {
                location: shown.clone(),
                detail: check.0,
            });
        }
        Ok(())
    }
    .await;
    target.close().await;
    result
}

/// Rows waiting to be written, and their size.
#[derive(Default)]
struct Batch {
    rows: Vec<Vec<Value>>,
    bytes: usize,
}

impl Batch {
    /// Adds a row; true when the batch is full and should be written.
    fn push(&mut self, row: Vec<Value>, cols: &[Column]) -> bool {
        self.bytes += row.iter().map(Value::size).sum::<usize>();
        self.rows.push(row);
        self.rows.len() >= rows_per_insert(cols) || self.bytes >= BYTES_PER_INSERT
    }
}

async fn insert_sqlite(
    tx: &mut sqlx::SqliteConnection,
    table: &str,
    cols: &[Column],
    batch: &mut Batch,
) -> Result<(), sqlx::Error> {
    if batch.rows.is_empty() {
        return Ok(());
    }
    let mut args = sqlx::sqlite::SqliteArguments::default();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", names(cols));
    let mut n = 0;
    for (r, row) in batch.rows.drain(..).enumerate() {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for (i, v) in row.into_iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            n += 1;
            sql.push_str(&format!("${n}"));
            match v {
                Value::Int(x) => args.add(x),
                Value::Text(x) => args.add(x),
                Value::Bytes(x) => args.add(x),
                Value::Bool(x) => args.add(x),
            }
            .map_err(sqlx::Error::Encode)?;
        }
        sql.push(')');
    }
    batch.bytes = 0;
    sqlx::query_with(sqlx::AssertSqlSafe(sql), args)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Replaces the PostgreSQL register's rows with those of a SQLite backup at `from`, in one
/// transaction: other clients see the old register or the restored one, never a mixture.
pub(crate) async fn restore_postgres(
    pool: &PgPool,
    location: &str,
    from: &Path,
) -> Result<(), StoreError> {
    let shown = from.display().to_string();
    if !from.is_file() {
        return Err(StoreError::Io {
            path: shown,
            error: std::io::Error::new(std::io::ErrorKind::NotFound, "no such backup file"),
        });
    }
    let lite = |e| StoreError::from_sqlx(&shown, e);
    let pg = |e| StoreError::from_sqlx(location, e);
    let source: SqlitePool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(SqliteConnectOptions::new().filename(from).read_only(true))
        .await
        .map_err(lite)?;
    let result = async {
        let mut input = source.acquire().await.map_err(lite)?;
        let check: Vec<(String,)> = sqlx::query_as("PRAGMA quick_check")
            .fetch_all(&mut *input)
            .await
            .map_err(lite)?;
        if check.first().map(|c| c.0.as_str()) != Some("ok") {
            return Err(StoreError::Corrupt {
                location: shown.clone(),
                detail: check
                    .into_iter()
                    .map(|c| c.0)
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }
        let theirs: (Option<i64>,) = sqlx::query_as("SELECT max(version) FROM _sqlx_migrations")
            .fetch_one(&mut *input)
            .await
            .map_err(|_| StoreError::Corrupt {
                location: shown.clone(),
                detail: "it is not a Heed register".into(),
            })?;
        let mut out = pool.acquire().await.map_err(pg)?;
        let ours: (Option<i64>,) = sqlx::query_as("SELECT max(version) FROM _sqlx_migrations")
            .fetch_one(&mut *out)
            .await
            .map_err(pg)?;
        if theirs.0 != ours.0 {
            return Err(StoreError::Schema {
                location: shown.clone(),
                detail: format!(
                    "backup schema version {:?}, register schema version {:?}",
                    theirs.0, ours.0
                ),
            });
        }
        let mut tx = out.begin().await.map_err(pg)?;
        // TRUNCATE takes the tables' exclusive locks at once, so no writer slips a row in
        // between the emptying and the filling; CASCADE empties what refers to them and is
        // not carried (sessions: everyone signs in again).
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "TRUNCATE {} CASCADE",
            REGISTER_TABLES.join(", ")
        )))
        .execute(&mut *tx)
        .await
        .map_err(pg)?;
        for table in REGISTER_TABLES {
            let cols = columns(&mut tx, location, table).await?;
            let query = format!("SELECT {} FROM {table} ORDER BY 1", names(&cols));
            let mut rows = sqlx::query(sqlx::AssertSqlSafe(query)).fetch(&mut *input);
            let mut batch = Batch::default();
            while let Some(row) = rows.try_next().await.map_err(lite)? {
                let values = values_of(&row, &cols).map_err(lite)?;
                if batch.push(values, &cols) {
                    insert_postgres(&mut tx, table, &cols, &mut batch)
                        .await
                        .map_err(pg)?;
                }
            }
            drop(rows);
            insert_postgres(&mut tx, table, &cols, &mut batch)
                .await
                .map_err(pg)?;
            if cols.iter().any(|c| c.name == "id" && c.kind == Kind::Int) {
                // Identity columns go on after the highest restored id.
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
                )))
                .execute(&mut *tx)
                .await
                .map_err(pg)?;
            }
        }
        // The dashboard's counters were counted from the old contents: they are counted
        // again (`counts.rs`; until then the dashboard counts the items).
        sqlx::query("UPDATE register_meta SET value = '' WHERE key = 'counts'")
            .execute(&mut *tx)
            .await
            .map_err(pg)?;
        // The items came without their full-text words: they are made from the text.
        sqlx::query("DELETE FROM register_meta WHERE key = 'search_words'")
            .execute(&mut *tx)
            .await
            .map_err(pg)?;
        tx.commit().await.map_err(pg)?;
        crate::postgres::ensure_search_words(pool, location).await
    }
    .await;
    source.close().await;
    result
}

async fn insert_postgres(
    tx: &mut sqlx::PgConnection,
    table: &str,
    cols: &[Column],
    batch: &mut Batch,
) -> Result<(), sqlx::Error> {
    if batch.rows.is_empty() {
        return Ok(());
    }
    let mut args = sqlx::postgres::PgArguments::default();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", names(cols));
    let mut n = 0;
    for (r, row) in batch.rows.drain(..).enumerate() {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for (i, v) in row.into_iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            n += 1;
            let cast = if cols[i].kind == Kind::Json {
                "::jsonb"
            } else {
                ""
            };
            sql.push_str(&format!("${n}{cast}"));
            match v {
                // SQLite keeps booleans as integers.
                Value::Int(x) if cols[i].kind == Kind::Bool => args.add(x.map(|x| x != 0)),
                Value::Int(x) => args.add(x),
                Value::Text(x) => args.add(x),
                Value::Bytes(x) => args.add(x),
                Value::Bool(x) => args.add(x),
            }
            .map_err(sqlx::Error::Encode)?;
        }
        sql.push(')');
    }
    batch.bytes = 0;
    sqlx::query_with(sqlx::AssertSqlSafe(sql), args)
        .execute(&mut *tx)
        .await?;
    Ok(())
}
