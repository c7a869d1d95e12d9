//! The one error type of the register, with messages a user can act on: each names the
//! database (URL with any password hidden) or file it is about, and says what to do.

use heed_core::{ItemId, Version};

/// Everything that can go wrong in the register.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{url}: not a database URL ({reason}); use a file path, sqlite://PATH or postgres://USER@HOST/DATABASE"
    )]
    BadUrl { url: String, reason: String },

    #[error(
        "{location}: not a Heed database, or it is damaged ({detail}); restore it from a backup with `heed restore`"
    )]
    Corrupt { location: String, detail: String },

    #[error(
        "{location}: cannot reach the database server ({detail}); check that PostgreSQL is running and the URL is right"
    )]
    Unreachable { location: String, detail: String },

    #[error("{location}: cannot open the database ({detail})")]
    CannotOpen { location: String, detail: String },

    #[error(
        "{location}: the database was written by a newer or different Heed ({detail}); use a matching heed"
    )]
    Schema { location: String, detail: String },

    #[error(
        "item {item} was changed by someone else meanwhile (it is now at version {actual}, the update expected {expected}); look at it again and retry"
    )]
    Conflict {
        item: ItemId,
        expected: Version,
        actual: Version,
    },

    #[error("no {what} {id} in the register")]
    NotFound { what: &'static str, id: String },

    #[error("{0}")]
    Invalid(String),

    #[error("{0}")]
    Unsupported(String),

    /// A rule of the workflow forbids this person doing this (the one who claimed a
    /// completion may not verify or reject it).
    #[error("{0}")]
    NotAllowed(String),

    // The underlying errors are part of the message rather than a `source`, so that a
    // printed error chain says it once.
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },

    #[error("{location}: {error}")]
    Database {
        location: String,
        error: sqlx::Error,
    },

    /// The search index beside a SQLite register (derived data: deleting its directory
    /// makes Heed build it again).
    #[error("{location}: the search index beside the register: {detail}")]
    SearchIndex { location: String, detail: String },
}

impl StoreError {
    /// Classifies a driver error against the database it came from.
    pub(crate) fn from_sqlx(location: &str, e: sqlx::Error) -> StoreError {
        let location = location.to_string();
        match &e {
            sqlx::Error::Database(db) => {
                let msg = db.message().to_string();
                let lower = msg.to_lowercase();
                if lower.contains("file is not a database")
                    || lower.contains("malformed")
                    || lower.contains("not a database")
                {
                    StoreError::Corrupt {
                        location,
                        detail: msg,
                    }
                } else if lower.contains("unable to open")
                    || matches!(db.code().as_deref(), Some("3D000" | "28000" | "28P01"))
                {
                    StoreError::CannotOpen {
                        location,
                        detail: msg,
                    }
                } else {
                    StoreError::Database { location, error: e }
                }
            }
            sqlx::Error::Io(io) => StoreError::Unreachable {
                location,
                detail: io.to_string(),
            },
            sqlx::Error::PoolTimedOut => StoreError::Unreachable {
                location,
                detail: "timed out waiting for a connection".into(),
            },
            sqlx::Error::Tls(t) => StoreError::Unreachable {
                location,
                detail: t.to_string(),
            },
            sqlx::Error::Configuration(c) => StoreError::BadUrl {
                url: location,
                reason: c.to_string(),
            },
            _ => StoreError::Database { location, error: e },
        }
    }
}
