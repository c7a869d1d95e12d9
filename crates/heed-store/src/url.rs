//! Database URLs: parsed once, at the edge, into the backend they name.

use crate::error::StoreError;
use std::path::PathBuf;

/// Where the register is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file: `sqlite://PATH`, `sqlite:PATH` or a plain path.
    Sqlite(PathBuf),
    /// A PostgreSQL database: `postgres://...` or `postgresql://...`.
    Postgres(String),
}

impl DatabaseUrl {
    /// The default register: `./heed.db`.
    pub fn default_sqlite() -> DatabaseUrl {
        DatabaseUrl::Sqlite(PathBuf::from("heed.db"))
    }

    pub fn parse(text: &str) -> Result<DatabaseUrl, StoreError> {
        let t = text.trim();
        let bad = |reason: &str| StoreError::BadUrl {
            url: t.to_string(),
            reason: reason.into(),
        };
        if t.is_empty() {
            return Err(bad("it is empty"));
        }
        if t.starts_with("postgres://") || t.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(t.to_string()));
        }
        if let Some(rest) = t
            .strip_prefix("sqlite://")
            .or_else(|| t.strip_prefix("sqlite:"))
        {
            let path = rest.split('?').next().unwrap_or(rest);
            if path.is_empty() {
                return Err(bad("no file path after sqlite://"));
            }
            if path.starts_with(":memory:") {
                return Err(bad("an in-memory register would be lost when heed exits"));
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = t.split_once("://") {
            return Err(bad(&format!("unknown scheme {scheme:?}")));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(t)))
    }

    /// The URL for messages, with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(p) => p.display().to_string(),
            DatabaseUrl::Postgres(u) => redact(u),
        }
    }
}

fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://x/heed.db").ok(),
            Some(DatabaseUrl::Sqlite("x/heed.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("heed.db").ok(),
            Some(DatabaseUrl::Sqlite("heed.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://a@b/c"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(DatabaseUrl::parse("sqlite::memory:").is_err());
        let e = DatabaseUrl::parse("mysql://a/b").expect_err("mysql is not supported");
        assert!(e.to_string().contains("unknown scheme"));
        assert_eq!(
            DatabaseUrl::parse("postgres://u:secret@h/db")
                .map(|u| u.redacted())
                .ok(),
            Some("postgres://u:***@h/db".to_string())
        );
    }
}
