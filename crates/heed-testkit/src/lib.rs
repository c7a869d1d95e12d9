//! What the test suites of several crates share, written once: a fresh database on the
//! PostgreSQL test server (`HEED_TEST_POSTGRES_URL`, started by `scripts/test`), a fresh
//! temporary directory, the shared corpus beside the checkout and the corpus's gold
//! extractions read as `heed_core::Document` values ([`gold`]), and the third-party
//! programs some tests need, found and run one way ([`tools`]), decompression bombs
//! ([`bombs`]) and the end of a hand-written PDF ([`pdf`]). A dev-dependency only:
//! nothing in a shipped crate depends on it.

#![allow(clippy::unwrap_used)]

pub mod bombs;
pub mod gold;
pub mod pdf;
pub mod tools;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The shared folder beside the checkout (`../shared`), which holds the corpus, its gold
/// and the scorer. Tests that need it skip themselves when it is absent.
pub fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// A file of the shared corpus: `corpus_file("seeds", "cmbvr-update-2004.txt")`.
pub fn corpus_file(folder: &str, name: &str) -> PathBuf {
    shared().join("corpus").join(folder).join(name)
}

/// An empty directory of the system's temporary folder, unique to this process and `tag`
/// (whatever was left there by an earlier run is removed first).
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heed-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("make a temporary directory");
    dir
}

/// A database made for one test on the PostgreSQL test server.
#[derive(Debug, Clone)]
pub struct FreshDatabase {
    /// The URL to open it with.
    pub url: String,
    /// Its name on the server.
    pub name: String,
    /// The server's own URL (`HEED_TEST_POSTGRES_URL`), to drop the database afterwards.
    pub server: String,
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The PostgreSQL test server's URL, when `HEED_TEST_POSTGRES_URL` names one.
pub fn postgres_server() -> Option<String> {
    std::env::var("HEED_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A new, empty database on the test server, or `None` when no server is configured.
/// Its name is `heed_<tag>_<process>_<n>`, numbered because test names are too long for
/// PostgreSQL's 63-byte identifiers; `tag` is cut to 20 characters.
pub async fn fresh_postgres(tag: &str) -> Option<FreshDatabase> {
    let server = postgres_server()?;
    let n = DATABASES.fetch_add(1, Ordering::SeqCst);
    let tag: String = tag
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(20)
        .collect::<String>()
        .to_ascii_lowercase();
    let name = format!("heed_{tag}_{}_{n}", std::process::id());
    run_on_server(
        &server,
        &[
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ],
    )
    .await;
    Some(FreshDatabase {
        url: database_url(&server, &name),
        name,
        server,
    })
}

impl FreshDatabase {
    /// Drops the database (closing whatever is still connected to it).
    pub async fn drop_database(&self) {
        run_on_server(
            &self.server,
            &[format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            )],
        )
        .await;
    }
}

async fn run_on_server(server: &str, statements: &[String]) {
    let admin = sqlx::PgPool::connect(server)
        .await
        .expect("connect to HEED_TEST_POSTGRES_URL");
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(&admin)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    admin.close().await;
}

/// The server's URL with its database replaced by `name`, keeping any `?options`.
pub fn database_url(server: &str, name: &str) -> String {
    let (head, tail) = server
        .split_once('?')
        .map_or((server, None), |(h, t)| (h, Some(t)));
    let cut = head.rfind('/').expect("a database URL with a path");
    match tail {
        Some(t) => format!("{}/{name}?{t}", &head[..cut]),
        None => format!("{}/{name}", &head[..cut]),
    }
}

#[cfg(test)]
mod tests {
    use super::database_url;

    #[test]
    fn a_database_url_keeps_the_servers_options() {
        assert_eq!(
            database_url("postgres://u@h:5432/postgres?sslmode=disable", "heed_x_1_0"),
            "postgres://u@h:5432/heed_x_1_0?sslmode=disable"
        );
        assert_eq!(
            database_url("postgres://u@h/postgres", "d"),
            "postgres://u@h/d"
        );
    }
}
