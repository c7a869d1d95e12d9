//! The PostgreSQL backend, for registers shared by several machines. Its SQL is the shared
//! engine compiled with PostgreSQL's types.

pub(crate) type Db = sqlx::Postgres;
pub(crate) const IS_SQLITE: bool = false;

// The same engine source is compiled for both backends, each with its own types.
#[allow(clippy::duplicate_mod)]
#[path = "engine/mod.rs"]
pub(crate) mod engine;

pub(crate) use crate::portable::{
    backup_postgres as backup_register, restore_postgres as restore_register,
};
