//! The SQLite backend: one file, WAL, a busy timeout, foreign keys on. Its SQL is the
//! shared engine compiled with SQLite's types.

pub(crate) type Db = sqlx::Sqlite;
pub(crate) const IS_SQLITE: bool = true;

// The same engine source is compiled for both backends, each with its own types.
#[allow(clippy::duplicate_mod)]
#[path = "engine/mod.rs"]
pub(crate) mod engine;

use crate::error::StoreError;
use crate::portable::REGISTER_TABLES;
use sqlx::Pool;
use std::path::Path;

/// Writes rows as multi-row INSERTs (`engine::bulk`): SQLite in the same process has no
/// statement cost a bulk form would save.
pub(crate) async fn write_rows(
    conn: &mut sqlx::SqliteConnection,
    rows: crate::bulk::Rows,
) -> Result<(), sqlx::Error> {
    for mut q in engine::bulk::insert_statements(rows) {
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// A consistent copy of the register taken while it is in use (`VACUUM INTO`), into a new
/// file that is itself a SQLite register.
pub(crate) async fn backup_register(
    pool: &Pool<Db>,
    _location: &str,
    to: &Path,
) -> Result<(), StoreError> {
    if to.exists() {
        return Err(StoreError::Invalid(format!(
            "{}: already exists; give a new file name for the backup",
            to.display()
        )));
    }
    let path = to.to_str().ok_or_else(|| {
        StoreError::Invalid(format!(
            "{}: the backup path is not valid UTF-8",
            to.display()
        ))
    })?;
    sqlx::query("VACUUM INTO $1")
        .bind(path.to_string())
        .execute(pool)
        .await
        .map_err(|e| StoreError::from_sqlx(path, e))?;
    Ok(())
}

/// Restores a SQLite backup into the open register: the backup is attached, checked, and
/// its rows replace the register's in one write transaction, so other processes see either
/// the old register or the restored one.
pub(crate) async fn restore_register(
    pool: &Pool<Db>,
    location: &str,
    from: &Path,
) -> Result<(), StoreError> {
    use sqlx::Connection;
    let shown = from.display().to_string();
    if !from.is_file() {
        return Err(StoreError::Io {
            path: shown,
            error: std::io::Error::new(std::io::ErrorKind::NotFound, "no such backup file"),
        });
    }
    let path = from
        .to_str()
        .ok_or_else(|| StoreError::Invalid(format!("{shown}: the path is not valid UTF-8")))?;
    let mut conn = pool
        .acquire()
        .await
        .map_err(|e| StoreError::from_sqlx(location, e))?;
    sqlx::query("ATTACH DATABASE $1 AS backup")
        .bind(path.to_string())
        .execute(&mut *conn)
        .await
        .map_err(|e| StoreError::from_sqlx(&shown, e))?;
    let result = async {
        let check: Vec<(String,)> = sqlx::query_as("PRAGMA backup.quick_check")
            .fetch_all(&mut *conn)
            .await
            .map_err(|e| StoreError::from_sqlx(&shown, e))?;
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
        let theirs: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT max(version) FROM backup._sqlx_migrations")
                .fetch_optional(&mut *conn)
                .await
                .map_err(|_| StoreError::Corrupt {
                    location: shown.clone(),
                    detail: "it is not a Heed register".into(),
                })?;
        let ours: (Option<i64>,) = sqlx::query_as("SELECT max(version) FROM main._sqlx_migrations")
            .fetch_one(&mut *conn)
            .await
            .map_err(|e| StoreError::from_sqlx(location, e))?;
        if theirs.and_then(|t| t.0) != ours.0 {
            return Err(StoreError::Schema {
                location: shown.clone(),
                detail: format!(
                    "backup schema version {:?}, register schema version {:?}",
                    theirs.and_then(|t| t.0),
                    ours.0
                ),
            });
        }
        let mut tx = conn
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(|e| StoreError::from_sqlx(location, e))?;
        for t in REGISTER_TABLES.iter().rev() {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM main.{t}")))
                .execute(&mut *tx)
                .await
                .map_err(|e| StoreError::from_sqlx(location, e))?;
        }
        for t in REGISTER_TABLES {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO main.{t} SELECT * FROM backup.{t}"
            )))
            .execute(&mut *tx)
            .await
            .map_err(|e| StoreError::from_sqlx(location, e))?;
        }
        // Restored contents are other contents: the search index beside the register,
        // made from the old ones, is built again (`search/`).
        sqlx::query(
            "UPDATE main.register_meta SET value = lower(hex(randomblob(16))) WHERE key = 'epoch'",
        )
        .execute(&mut *tx)
        .await
        .map_err(|e| StoreError::from_sqlx(location, e))?;
        tx.commit()
            .await
            .map_err(|e| StoreError::from_sqlx(location, e))
    }
    .await;
    let detached = sqlx::query("DETACH DATABASE backup")
        .execute(&mut *conn)
        .await;
    if detached.is_err() {
        // Do not hand a connection with the backup still attached back to the pool.
        let _ = conn.detach().close().await;
    }
    result
}
