//! The web application under test, written once for every story of this binary: `TestApp`
//! (the real router over a fresh register, SQLite always and PostgreSQL when
//! `HEED_TEST_POSTGRES_URL` is set), its answers (`TestResponse`), signed-in browsers
//! (`session`), forms and uploads (`forms`), and askers of every role (`who`). Stories are
//! plain `async fn(TestApp)`; [`stories!`](crate::stories) runs each on both backends.

mod forms;
mod session;
mod who;

pub use forms::*;
pub use session::*;
pub use who::*;

pub use axum::Router;
pub use axum::body::Body;
pub use axum::http::{HeaderMap, Method, Request, StatusCode, header};
pub use heed_core::date::Day;
pub use heed_core::{Document, Item, ItemId, ItemKind, ReviewId, Status};
pub use heed_store::{
    Actor, DatabaseUrl, EvidenceFile, Import, ImportOutcome, ImportSummary, ItemFilter, ItemRecord,
    ReportMeta, Role, Store, UpdateRequest,
};
pub use serde_json::{Value, json};
pub use std::path::PathBuf;
pub use std::sync::Arc;
pub use tower::ServiceExt;

/// The day the tests pretend it is: after the 2004 deadlines, so some items are overdue.
pub const TODAY: &str = "2005-01-01";

pub struct TestApp {
    pub router: Router,
    pub store: Arc<dyn Store>,
    /// Where the register is (the permission matrix counts rows in it directly).
    pub url: DatabaseUrl,
    /// The SQLite file's directory, removed afterwards.
    pub dir: Option<PathBuf>,
    pub config: heed_web::Config,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no {name} header"))
    }

    /// The error message of a JSON error answer.
    pub fn message(&self) -> String {
        self.json()["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("no error message in {}", self.body))
            .to_string()
    }
}

impl TestApp {
    /// A fresh SQLite register; API writes on, so the write routes can be tested.
    pub async fn sqlite(name: &str) -> TestApp {
        let dir = heed_testkit::temp_dir(&format!("web-{name}"));
        let url = DatabaseUrl::Sqlite(dir.join("heed.db"));
        TestApp::open(url, Some(dir)).await
    }

    /// A fresh database on the PostgreSQL test server (`HEED_TEST_POSTGRES_URL`, as the
    /// register's own suite uses), or `None` when there is none.
    pub async fn postgres(name: &str) -> Option<TestApp> {
        let db = heed_testkit::fresh_postgres(name).await?;
        eprintln!("{name}: database {}", db.name);
        Some(TestApp::open(DatabaseUrl::Postgres(db.url), None).await)
    }

    pub async fn open(url: DatabaseUrl, dir: Option<PathBuf>) -> TestApp {
        let store: Arc<dyn Store> = Arc::from(heed_store::open(&url).await.expect("open store"));
        let config = heed_web::Config {
            today: Day::parse_iso(TODAY),
            api_writes: true,
            max_body_bytes: 4096,
            max_upload_bytes: 16 * 1024,
            secure_cookies: true,
            trust_proxy: false,
            ..heed_web::Config::default()
        };
        TestApp {
            router: routed(store.clone(), config.clone()),
            store,
            url,
            dir,
            config,
        }
    }

    /// The same register, served with API writes off (the default of `heed serve`).
    pub fn read_only(mut self) -> TestApp {
        self.config.api_writes = false;
        self.router = routed(self.store.clone(), self.config.clone());
        self
    }

    /// Imports a corpus seed through the store, as `heed import` does: the seed's bytes,
    /// with its hand-checked extraction (`corpus/gold`) standing in for the reader's, so
    /// these tests depend on the register and not on how well the reader reads.
    pub async fn import(&self, seed: &str) -> ImportSummary {
        let corpus = heed_testkit::shared().join("corpus");
        let path = corpus.join("seeds").join(seed);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the shared corpus is expected at ../shared beside the checkout)",
                path.display()
            )
        });
        let stem = seed.trim_end_matches(".txt");
        let gold = corpus.join("gold").join(format!("{stem}.json"));
        let text =
            std::fs::read_to_string(&gold).unwrap_or_else(|e| panic!("{}: {e}", gold.display()));
        let value: Value = serde_json::from_str(&text).expect("gold JSON");
        let document = heed_testkit::gold::document(&value);
        self.import_document(seed, &bytes, &document).await
    }

    pub async fn import_document(
        &self,
        name: &str,
        bytes: &[u8],
        document: &Document,
    ) -> ImportSummary {
        let outcome = self
            .store
            .import_document(Import {
                file_name: name.into(),
                bytes,
                document,
                meta: ReportMeta::default(),
                review: None,
                by: Actor::Person("Test Importer".into()),
                origin: None,
                dry_run: false,
            })
            .await
            .expect("import");
        let summary = match outcome {
            ImportOutcome::Imported(s) => s,
            other => panic!("expected an import, got {other:?}"),
        };
        // Published, so that readers who are not signed in see it as before publishing
        // existed; the publishing stories unpublish what they need.
        self.store
            .publish_review(
                summary.review,
                true,
                &Actor::Person("Test Importer".into()),
                None,
            )
            .await
            .expect("publish");
        summary
    }

    pub async fn items(&self) -> Vec<ItemRecord> {
        self.store
            .items(&ItemFilter::default())
            .await
            .expect("items")
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router always answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024)
            .await
            .expect("body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn get_with(&self, uri: &str, name: &str, value: &str) -> TestResponse {
        self.send(
            Request::get(uri)
                .header(name, value)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// Sends a body with a method, content type and extra headers as given.
    pub async fn send_body(
        &self,
        method: Method,
        uri: &str,
        content_type: Option<&str>,
        headers: &[(&str, &str)],
        body: impl Into<Body>,
    ) -> TestResponse {
        let mut r = Request::builder().method(method).uri(uri);
        if let Some(ct) = content_type {
            r = r.header(header::CONTENT_TYPE, ct);
        }
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        self.send(r.body(body.into()).expect("request")).await
    }

    pub async fn patch_json(
        &self,
        uri: &str,
        body: Value,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        self.send_body(
            Method::PATCH,
            uri,
            Some("application/json"),
            headers,
            body.to_string(),
        )
        .await
    }

    pub async fn post_json(&self, uri: &str, body: Value) -> TestResponse {
        self.send_body(
            Method::POST,
            uri,
            Some("application/json"),
            &[],
            body.to_string(),
        )
        .await
    }
}

/// The application as `heed serve` runs it, with every request coming from
/// [`CLIENT_ADDRESS`] (as the connection's peer address would).
pub fn routed(store: Arc<dyn Store>, config: heed_web::Config) -> Router {
    heed_web::router(store, config).layer(axum::extract::connect_info::MockConnectInfo(
        std::net::SocketAddr::from(([192, 0, 2, 7], 40_000)),
    ))
}

/// The address every test request comes from.
pub const CLIENT_ADDRESS: &str = "192.0.2.7";

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Runs each story on a fresh SQLite register, and on PostgreSQL when
/// `HEED_TEST_POSTGRES_URL` names a test server. `stories!(with f; a, b)` passes each fresh
/// application through `f` first (to serve it with another configuration).
#[macro_export]
macro_rules! stories {
    (with $setup:ident; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let app = $crate::support::TestApp::sqlite(stringify!($name)).await;
                    super::$name(super::$setup(app)).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    match $crate::support::TestApp::postgres(stringify!($name)).await {
                        Some(app) => super::$name(super::$setup(app)).await,
                        None => eprintln!("skipped: set HEED_TEST_POSTGRES_URL to run on PostgreSQL"),
                    }
                }
            )*
        }
    };
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::support::TestApp::sqlite(stringify!($name)).await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    match $crate::support::TestApp::postgres(stringify!($name)).await {
                        Some(app) => super::$name(app).await,
                        None => eprintln!("skipped: set HEED_TEST_POSTGRES_URL to run on PostgreSQL"),
                    }
                }
            )*
        }
    };
}

pub fn by_ref<'a>(items: &'a [ItemRecord], r: &str) -> &'a ItemRecord {
    items
        .iter()
        .find(|i| i.state.r#ref.as_deref() == Some(r))
        .unwrap_or_else(|| panic!("no item with ref {r}"))
}
