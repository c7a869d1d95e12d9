//! The SQLite backend: one file, WAL, a busy timeout, foreign keys on. Its SQL is the
//! shared engine compiled with SQLite's types.

pub(crate) type Db = sqlx::Sqlite;
pub(crate) const IS_SQLITE: bool = true;

// The same engine source is compiled for both backends, each with its own types.
#[allow(clippy::duplicate_mod)]
#[path = "engine.rs"]
pub(crate) mod engine;
