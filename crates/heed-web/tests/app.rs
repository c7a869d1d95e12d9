//! Every route of the web application, driven in process through the real router on a
//! fresh SQLite register per test (`TestApp`), seeded from the shared corpus through the
//! store as `heed import` would. Each test reads as a short visit: ask, check the status,
//! check what a person or program would look for in the answer.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use heed_core::date::Day;
use heed_core::{Document, Item, ItemId, ItemKind};
use heed_store::{
    Actor, DatabaseUrl, EvidenceFile, Import, ImportOutcome, ImportSummary, ItemFilter, ItemRecord,
    ReportMeta, Role, Store, UpdateRequest,
};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;

/// The corpus's gold extractions as documents, shared with the register's own tests.
#[path = "../../heed-store/tests/support/gold.rs"]
#[allow(dead_code)]
mod gold;

/// The day the tests pretend it is: after the 2004 deadlines, so some items are overdue.
const TODAY: &str = "2005-01-01";

static DATABASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

struct TestApp {
    router: Router,
    store: Arc<dyn Store>,
    /// The SQLite file's directory, removed afterwards.
    dir: Option<PathBuf>,
    config: heed_web::Config,
}

struct TestResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl TestResponse {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no {name} header"))
    }

    /// The error message of a JSON error answer.
    fn message(&self) -> String {
        self.json()["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("no error message in {}", self.body))
            .to_string()
    }
}

impl TestApp {
    /// A fresh SQLite register; API writes on, so the write routes can be tested.
    async fn sqlite(name: &str) -> TestApp {
        let dir = std::env::temp_dir().join(format!("heed-web-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = DatabaseUrl::Sqlite(dir.join("heed.db"));
        TestApp::open(url, Some(dir)).await
    }

    /// A fresh database on the PostgreSQL test server (`HEED_TEST_POSTGRES_URL`, as the
    /// register's own suite uses), or `None` when there is none.
    async fn postgres(name: &str) -> Option<TestApp> {
        let base = std::env::var("HEED_TEST_POSTGRES_URL")
            .ok()
            .filter(|u| !u.is_empty())?;
        // Story names are too long for PostgreSQL's 63-byte identifiers: number them.
        let n = DATABASES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let db = format!("heed_web_{}_{n}", std::process::id());
        eprintln!("{name}: database {db}");
        let admin = sqlx::PgPool::connect(&base)
            .await
            .expect("connect to HEED_TEST_POSTGRES_URL");
        for sql in [
            format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
            format!("CREATE DATABASE {db}"),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&admin)
                .await
                .expect("make the test database");
        }
        admin.close().await;
        let (head, tail) = base
            .split_once('?')
            .map_or((base.as_str(), None), |(h, t)| (h, Some(t)));
        let cut = head.rfind('/').expect("a database URL with a path");
        let mut url = format!("{}/{db}", &head[..cut]);
        if let Some(t) = tail {
            url = format!("{url}?{t}");
        }
        Some(TestApp::open(DatabaseUrl::Postgres(url), None).await)
    }

    async fn open(url: DatabaseUrl, dir: Option<PathBuf>) -> TestApp {
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
            dir,
            config,
        }
    }

    /// The same register, served with API writes off (the default of `heed serve`).
    fn read_only(mut self) -> TestApp {
        self.config.api_writes = false;
        self.router = routed(self.store.clone(), self.config.clone());
        self
    }

    /// Imports a corpus seed through the store, as `heed import` does: the seed's bytes,
    /// with its hand-checked extraction (`corpus/gold`) standing in for the reader's, so
    /// these tests depend on the register and not on how well the reader reads.
    async fn import(&self, seed: &str) -> ImportSummary {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
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
        let document = gold::document(&value);
        self.import_document(seed, &bytes, &document).await
    }

    async fn import_document(
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

    async fn items(&self) -> Vec<ItemRecord> {
        self.store
            .items(&ItemFilter::default())
            .await
            .expect("items")
    }

    async fn send(&self, request: Request<Body>) -> TestResponse {
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

    async fn get(&self, uri: &str) -> TestResponse {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    async fn get_with(&self, uri: &str, name: &str, value: &str) -> TestResponse {
        self.send(
            Request::get(uri)
                .header(name, value)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// Sends a body with a method, content type and extra headers as given.
    async fn send_body(
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

    async fn patch_json(&self, uri: &str, body: Value, headers: &[(&str, &str)]) -> TestResponse {
        self.send_body(
            Method::PATCH,
            uri,
            Some("application/json"),
            headers,
            body.to_string(),
        )
        .await
    }

    async fn post_json(&self, uri: &str, body: Value) -> TestResponse {
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
fn routed(store: Arc<dyn Store>, config: heed_web::Config) -> Router {
    heed_web::router(store, config).layer(axum::extract::connect_info::MockConnectInfo(
        std::net::SocketAddr::from(([192, 0, 2, 7], 40_000)),
    ))
}

/// The address every test request comes from.
const CLIENT_ADDRESS: &str = "192.0.2.7";

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Runs each story on a fresh SQLite register, and on PostgreSQL when
/// `HEED_TEST_POSTGRES_URL` names a test server.
macro_rules! stories {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::TestApp::sqlite(stringify!($name)).await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    match super::TestApp::postgres(stringify!($name)).await {
                        Some(app) => super::$name(app).await,
                        None => eprintln!("skipped: set HEED_TEST_POSTGRES_URL to run on PostgreSQL"),
                    }
                }
            )*
        }
    };
}

stories!(
    an_empty_register_has_a_dashboard_and_says_how_to_fill_it,
    dashboard_counts_by_status_and_rag_with_a_table_for_each_chart,
    reviews_list_their_items_in_document_order_with_judgements,
    an_item_page_shows_text_provenance_slippage_evidence_and_history,
    text_from_documents_is_escaped,
    search_filters_live_in_the_url_and_pages_link_onwards,
    unknown_pages_stylesheet_and_methods,
    api_lists_items_with_filters_and_pages,
    api_shows_an_item_with_its_version_as_etag,
    api_updates_need_the_version_and_a_stale_one_gets_409,
    api_bad_input_gets_a_4xx_that_says_what_was_wrong,
    api_writes_are_refused_unless_turned_on,
    signing_in_and_out,
    repeated_failed_sign_ins_are_throttled,
    roles_decide_who_may_update_which_item,
    owners_record_progress_from_the_item_page,
    permissions_matrix,
    progress_can_carry_an_evidence_file,
    api_item_json_has_a_stable_shape,
    openapi_document_is_stable_and_every_path_answers,
    a_review_report_downloads_in_every_format,
    owners_claim_and_the_secretariat_verifies_or_rejects,
    readers_not_signed_in_see_only_published_reviews,
    writes_record_where_they_came_from,
    importing_in_the_browser_with_preview_and_correction,
    uploads_that_cannot_be_imported_get_a_4xx,
    programs_import_and_update_with_a_bearer_token,
    people_manage_their_own_api_tokens,
    saved_views_keep_a_search_under_a_name,
    intake_permissions_matrix,
    verifying_and_publishing_work_with_a_bearer_token,
    odd_searches_never_fail,
    the_public_sees_no_staff_names_addresses_or_private_evidence,
    an_items_cross_references_are_shown_and_followed,
);

/// Whatever is typed into the search box, the answer is a page or a 4xx, never a 5xx; words
/// are found by full-text search.
async fn odd_searches_never_fail(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    app.import("duty-of-care-response-2013.txt").await;
    let custody = app.get("/api/v1/items?q=custody").await.json();
    assert!(
        custody["total"].as_u64().is_some_and(|n| n > 0),
        "{custody}"
    );
    for q in [
        "%22",
        "%22%22",
        "-",
        "*",
        "custody*",
        "NOT",
        "AND%20OR%20NOT",
        "(custody",
        "custody:staff",
        "NEAR(custody%20staff)",
        "%27%3B%20DROP%20TABLE%20items%3B%20--",
        "custody%20%26%20staff%20%7C%20!first",
        "%5C",
        "%25_",
        "%00",
        "na%C3%AFve",
        "%F0%9F%99%82",
    ] {
        for uri in [format!("/search?q={q}"), format!("/api/v1/items?q={q}")] {
            let r = app.get(&uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        }
    }
}

async fn a_review_report_downloads_in_every_format(app: TestApp) {
    let s = app.import("duty-of-care-response-2013.txt").await;
    let page = app.get(&format!("/reviews/{}", s.review)).await;
    assert!(
        page.body
            .contains(&format!("action=\"/reviews/{}/report\"", s.review)),
        "{}",
        page.body
    );
    let r = app
        .get(&format!(
            "/reviews/{}/report?layout=response-table&format=md",
            s.review
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/markdown"));
    assert!(
        r.header(header::CONTENT_DISPOSITION)
            .starts_with("attachment")
    );
    assert!(r.body.contains("| Recommendation | Response"), "{}", r.body);
    for format in ["html", "csv", "xlsx", "docx", "pdf"] {
        let r = app
            .get(&format!(
                "/reviews/{}/report?layout=overview&format={format}&as_of=2014-01-01",
                s.review
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{format}");
    }
    let bad = app
        .get(&format!("/reviews/{}/report?layout=sideways", s.review))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = app
        .get(&format!("/reviews/{}/report?as_of=yesterday", s.review))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let missing = app.get("/reviews/999/report").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

fn by_ref<'a>(items: &'a [ItemRecord], r: &str) -> &'a ItemRecord {
    items
        .iter()
        .find(|i| i.state.r#ref.as_deref() == Some(r))
        .unwrap_or_else(|| panic!("no item with ref {r}"))
}

// ---------------------------------------------------------------------------------------
// Pages

async fn an_empty_register_has_a_dashboard_and_says_how_to_fill_it(app: TestApp) {
    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("0 items in the register"), "{}", r.body);
    let r = app.get("/reviews").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("heed import FILE"));
}

async fn dashboard_counts_by_status_and_rag_with_a_table_for_each_chart(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let overdue = items
        .iter()
        .filter(|i| i.is_overdue(Day::parse_iso(TODAY).expect("day")))
        .count();
    assert!(overdue > 0, "the seed has a 2004 deadline");

    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "text/html; charset=utf-8");
    let b = &r.body;
    assert!(b.contains(&format!("{} items in the register", items.len())));
    assert!(b.contains("<h2 id=\"chart-status\">Items by status</h2>"));
    assert!(b.contains("<h2 id=\"chart-rag\">Items by RAG rating</h2>"));
    assert_eq!(b.matches("<svg").count(), 8);
    // How long open items have been open, and progress over time, each with its table.
    let open = items
        .iter()
        .filter(|i| i.state.status.is_none_or(|s| !s.is_closed()))
        .count();
    assert!(
        b.contains("<caption>Open items by how long they have been open, as numbers</caption>")
    );
    assert!(
        b.contains("<caption>Progress over time, as numbers</caption>"),
        "{b}"
    );
    assert!(
        b.contains(&format!("<td>{}</td><td>", items.len())),
        "the month the seed was read opens every item: {b}"
    );
    assert!(b.contains(&format!("<td>{open}</td></tr>")), "{b}");
    assert!(b.contains("<caption>Open items by theme, as numbers</caption>"));
    // The seed's 2004-08 deadline is 123 days past on 2005-01-01.
    assert!(
        b.contains("<a href=\"/search?overdue=true\">91 days to a year</a></th><td>1</td>"),
        "{b}"
    );
    assert!(b.contains("<caption>Open items by review, as numbers</caption>"));
    assert!(b.contains("<caption>Open items by owner, as numbers</caption>"));
    assert!(
        b.contains("href=\"/search?review=1\">Crime Management Best Value Review"),
        "{b}"
    );
    assert!(
        b.contains("aria-hidden=\"true\""),
        "charts are not read twice"
    );
    assert!(b.contains("<caption>Items by status, as numbers</caption>"));
    let in_progress = items
        .iter()
        .filter(|i| i.state.status == Some(heed_core::Status::InProgress))
        .count();
    assert!(
        b.contains(&format!(
            "<a href=\"/search?status=in_progress\">In progress</a></th><td>{in_progress}</td>"
        )),
        "{b}"
    );
    assert!(b.contains(&format!("Overdue ({overdue})")));
    assert!(b.contains("<strong class=\"overdue\">overdue</strong>"));
    assert!(b.contains("Due in the next 30 days (0)"));
}

async fn reviews_list_their_items_in_document_order_with_judgements(app: TestApp) {
    let small = app.import("cmbvr-update-2004.txt").await;
    let inspection = app.import("hmic-baseline-mps-2006.txt").await;

    let r = app.get("/reviews").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains(&format!("href=\"/reviews/{}\"", small.review))
    );
    assert!(
        r.body
            .contains(&format!("href=\"/reviews/{}\"", inspection.review))
    );

    let r = app.get(&format!("/reviews/{}", small.review)).await;
    assert_eq!(r.status, StatusCode::OK);
    let items = app.items().await;
    let mine: Vec<&ItemRecord> = items.iter().filter(|i| i.review == small.review).collect();
    let positions: Vec<usize> = mine
        .iter()
        .map(|i| app_pos(&r.body, &format!("/items/{}\"", i.id)))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(
        !r.body.contains("<h2 id=\"judgements\">"),
        "no judgements in an update"
    );

    let r = app.get(&format!("/reviews/{}", inspection.review)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<h2 id=\"judgements\">Judgements</h2>"));
    assert!(
        r.body.contains("Fairness and Equality in Service Delivery"),
        "{}",
        r.body
    );
    // HMIC's national grade distribution is kept and shown with the judgement (issue 15:
    // it was read and then dropped at import).
    assert!(
        r.body.contains("poor 0, fair 15, good 28, excellent 0"),
        "{}",
        r.body
    );

    assert_eq!(app.get("/reviews/999").await.status, StatusCode::NOT_FOUND);
    let r = app.get("/reviews/abc").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("&#34;abc&#34; is not a review number"),
        "{}",
        r.body
    );
}

fn app_pos(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("{needle} not on the page"))
}

async fn an_item_page_shows_text_provenance_slippage_evidence_and_history(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6");

    let r = app.get(&format!("/items/{}", six.id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<h1>Recommendation 6</h1>"), "{}", r.body);
    assert!(r.body.contains("Pre-charge prisoner reception"));
    assert!(r.body.contains("Overdue:"));
    assert!(r.body.contains("<h2 id=\"provenance\">"));
    assert!(r.body.contains("report 1, line"));
    assert!(r.body.contains("Entered the register, as read"));
    assert!(r.body.contains("The deadline has not moved."));

    let mut u = UpdateRequest::by(Actor::Person("Olive Owner".into()));
    u.deadline = Some(heed_store::DeadlineChange {
        deadline: heed_core::Deadline::parse("2005-06", None).expect("deadline"),
        reason: "Custody refurbishment delayed".into(),
    });
    u.evidence = Some(EvidenceFile {
        file_name: "plan \"v2\".pdf".into(),
        bytes: b"%PDF-1.4 evidence".to_vec(),
        public: true,
    });
    let updated = app.store.record_update(six.id, u).await.expect("update");
    let evidence = &updated.state.evidence[0];

    let r = app.get(&format!("/items/{}", six.id)).await;
    assert!(r.body.contains("Custody refurbishment delayed"));
    assert!(
        r.body.contains("<td>2004-08</td><td>2005-06</td>"),
        "{}",
        r.body
    );
    // Staff names are for readers signed in; the public sees "staff".
    assert!(!r.body.contains("Olive Owner"), "{}", r.body);
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let signed_in = app
        .get_with(&format!("/items/{}", six.id), "cookie", &viewer.cookie)
        .await;
    assert!(signed_in.body.contains("Olive Owner"));
    assert!(
        r.body
            .contains(&format!("href=\"/evidence/{}\"", evidence.id))
    );
    assert!(!r.body.contains("Overdue:"), "the new deadline is ahead");

    let r = app.get(&format!("/evidence/{}", evidence.id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, "%PDF-1.4 evidence");
    assert_eq!(
        r.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"plan__v2_.pdf\""
    );
    assert_eq!(app.get("/evidence/999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/evidence/x").await.status, StatusCode::BAD_REQUEST);
    // The item as it stood at the end of a day. The report states no date, so what it
    // says is undated: it counts as of any day, and its history says so (a dated report's
    // items do not exist before its day: the store's conformance tests).
    let today = updated.updated_on;
    let r = app.get(&format!("/items/{}?as_of={today}", six.id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("As it stood at the end of"));
    let r = app
        .get(&format!("/items/{}?as_of=1999-01-01", six.id))
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "an undated report counts on any day"
    );
    assert!(r.body.contains("undated (recorded "), "{}", r.body);
    let r = app.get(&format!("/items/{}?as_of=yesterday", six.id)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("parameter as_of"));
    assert_eq!(app.get("/items/999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/items/1x").await.status, StatusCode::BAD_REQUEST);
}

async fn text_from_documents_is_escaped(app: TestApp) {
    let doc = Document {
        title: Some("<b>Title</b>".into()),
        items: vec![Item::new(
            ItemKind::Recommendation,
            "<script>alert('x')</script> & more",
            1,
        )],
        ..Document::default()
    };
    app.import_document("evil.md", b"evil", &doc).await;
    let id = app.items().await[0].id;
    for uri in [
        format!("/items/{id}"),
        "/search?q=script".to_string(),
        "/reviews".into(),
    ] {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(!r.body.contains("<script>"), "{uri}: {}", r.body);
        assert!(!r.body.contains("<b>Title"), "{uri}");
    }
    let r = app.get(&format!("/items/{id}")).await;
    assert!(
        r.body
            .contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; more"),
        "{}",
        r.body
    );
}

async fn search_filters_live_in_the_url_and_pages_link_onwards(app: TestApp) {
    let s = app.import("cmbvr-update-2004.txt").await;
    app.import("duty-of-care-response-2013.txt").await;
    let items = app.items().await;

    let r = app.get("/search").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("role=\"search\""));
    assert!(r.body.contains("<label for=\"status\">Status</label>"));
    assert_eq!(
        r.body.matches("href=\"/items/").count(),
        items.len().min(50)
    );

    let uri = format!("/search?review={}&status=in_progress&q=custody", s.review);
    let r = app.get(&uri).await;
    assert_eq!(r.status, StatusCode::OK);
    let six = by_ref(&items, "6");
    assert!(r.body.contains(&format!("href=\"/items/{}\"", six.id)));
    assert_eq!(r.body.matches("href=\"/items/").count(), 1, "{}", r.body);
    assert!(r.body.contains("<option value=\"in_progress\" selected>"));
    assert!(r.body.contains("value=\"custody\""));
    assert!(r.body.contains(&format!(
        "href=\"/search?review={}&#38;status=in_progress&#38;q=custody\"",
        s.review
    )));

    let r = app.get("/search?overdue=true").await;
    assert!(r.body.contains(&format!("href=\"/items/{}\"", six.id)));
    assert!(
        r.body
            .contains("name=\"overdue\" type=\"checkbox\" value=\"true\" checked")
    );

    // Pages follow one another by cursor; every item is on exactly one page.
    let mut uri = "/search?per_page=7".to_string();
    let mut seen = Vec::new();
    loop {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(
            r.body.contains(&format!("{} items match", items.len())),
            "{}",
            r.body
        );
        if seen.is_empty() {
            assert!(!r.body.contains(">First page<"));
        } else {
            assert!(
                r.body
                    .contains("<a href=\"/search?per_page=7\">First page</a>")
            );
        }
        for i in &items {
            if r.body.contains(&format!("href=\"/items/{}\"", i.id)) {
                seen.push(i.id);
            }
        }
        let Some(at) = r.body.find("\" rel=\"next\"") else {
            break;
        };
        let start = r.body[..at].rfind("href=\"").expect("a link") + 6;
        uri = r.body[start..at].replace("&#38;", "&");
        assert!(uri.starts_with("/search?per_page=7&after="), "{uri}");
    }
    assert_eq!(seen, items.iter().map(|i| i.id).collect::<Vec<_>>());

    // Results are made once per register version and shared: a write shows at once, in
    // the search page and in the API list alike.
    let uri = format!("/search?review={}&status=in_progress&q=custody", s.review);
    let api = format!(
        "/api/v1/items?review={}&status=in_progress&q=custody",
        s.review
    );
    assert_eq!(app.get(&api).await.json()["total"], 1);
    let mut u = UpdateRequest::by(Actor::Person("Olive Owner".into()));
    u.status = Some(heed_core::Status::NotStarted);
    app.store.record_update(six.id, u).await.expect("update");
    let r = app.get(&uri).await;
    assert!(r.body.contains("0 items match"), "{}", r.body);
    assert!(!r.body.contains(&format!("href=\"/items/{}\"", six.id)));
    assert_eq!(app.get(&api).await.json()["total"], 0);

    let r = app.get("/search?status=finished").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("role=\"alert\""));
    assert!(r.body.contains("parameter status"), "{}", r.body);
    assert!(
        r.body.contains("<form"),
        "the form stays to correct the mistake"
    );
}

async fn unknown_pages_stylesheet_and_methods(app: TestApp) {
    let r = app.get("/nowhere").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("<h1>404 Not Found</h1>"));
    let r = app.get("/api/v1/nowhere").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.message().contains("/api/v1/nowhere"));
    let r = app.get("/").await;
    assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(
        r.header(header::CONTENT_SECURITY_POLICY)
            .contains("frame-ancestors 'none'")
    );
    let r = app.get("/static/style.css").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "text/css; charset=utf-8");
    assert!(r.body.contains("prefers-color-scheme"));
    let r = app.post_json("/api/v1/items", json!({})).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}

// ---------------------------------------------------------------------------------------
// API

async fn api_lists_items_with_filters_and_pages(app: TestApp) {
    let s = app.import("cmbvr-update-2004.txt").await;
    app.import("duty-of-care-response-2013.txt").await;
    let items = app.items().await;

    let r = app.get("/api/v1/reviews").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["reviews"].as_array().map(Vec::len), Some(2));

    let r = app.get("/api/v1/items").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(items.len()));
    assert_eq!(
        (v["total"].as_u64(), v["per_page"].as_u64()),
        (Some(items.len() as u64), Some(50))
    );
    assert!(v["next"].is_null());

    // Following `next` walks every item once, in document order.
    let mut next = json!("/api/v1/items?per_page=2");
    let mut walked = Vec::new();
    while let Some(uri) = next.as_str() {
        let v = app.get(uri).await.json();
        assert_eq!(v["total"].as_u64(), Some(items.len() as u64));
        walked.extend(
            v["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|i| i["id"].clone()),
        );
        next = v["next"].clone();
        if let Some(n) = next.as_str() {
            assert!(n.starts_with("/api/v1/items?per_page=2&after="), "{n}");
        }
    }
    assert_eq!(
        walked,
        items.iter().map(|i| json!(i.id)).collect::<Vec<_>>()
    );

    let v = app
        .get(&format!("/api/v1/items?review={}&overdue=1", s.review))
        .await
        .json();
    let refs: Vec<&str> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["ref"].as_str())
        .collect();
    assert_eq!(refs, vec!["6"]);

    for (q, word) in [
        ("kind=wish", "parameter kind"),
        ("after=-1", "parameter after"),
        ("after=1-2-3", "parameter after"),
        ("review=x", "parameter review"),
    ] {
        let r = app.get(&format!("/api/v1/items?{q}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        assert!(r.message().contains(word), "{q}: {}", r.body);
    }
}

async fn api_shows_an_item_with_its_version_as_etag(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();

    let r = app.get(&format!("/api/v1/items/{}", six.id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::ETAG), format!("\"v{}\"", six.version));
    let v = r.json();
    assert_eq!(v["ref"], "6");
    assert_eq!(v["version"], json!(six.version));
    assert_eq!(v["provenance"]["text"]["kind"], "document");

    let etag = r.header(header::ETAG).to_string();
    let r = app
        .get_with(&format!("/api/v1/items/{}", six.id), "if-none-match", &etag)
        .await;
    assert_eq!(r.status, StatusCode::NOT_MODIFIED);

    let r = app.get("/api/v1/items/424242").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["status"], 404);
    let r = app.get("/api/v1/items/six").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("\"six\" is not a item number") || r.message().contains("six"));
}

async fn api_updates_need_the_version_and_a_stale_one_gets_409(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();
    let uri = format!("/api/v1/items/{}", six.id);
    let etag = format!("\"v{}\"", six.version);

    let r = app
        .patch_json(&uri, json!({ "status": "completed" }), &[])
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    assert!(r.message().contains("If-Match"));

    let r = app
        .patch_json(
            &uri,
            json!({ "status": "completed", "note": "All custody teams in place" }),
            &[("if-match", &etag), ("x-heed-client", "tracker")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    // A client that may not verify only claims the completion: the item stays open.
    assert_eq!(v["status"], "in_progress");
    assert_eq!(v["verification"]["state"], "awaiting");
    assert_eq!(v["verification"]["claimed"], "completed");
    assert_eq!(v["version"], json!(six.version + 1));
    assert_eq!(r.header(header::ETAG), format!("\"v{}\"", six.version + 1));

    // Someone else's update was based on the old version: refused, not overwritten.
    let r = app
        .patch_json(
            &uri,
            json!({ "status": "in_progress" }),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.message().contains("changed by someone else"),
        "{}",
        r.body
    );
    let r = app
        .patch_json(&uri, json!({ "rag": "red", "version": six.version }), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        app.store
            .item(six.id, None)
            .await
            .expect("item")
            .state
            .status,
        Some(heed_core::Status::InProgress),
        "the conflicting update changed nothing"
    );

    // A deadline change with its reason, based on the body's version.
    let r = app
        .patch_json(
            &uri,
            json!({ "version": six.version + 1, "deadline": { "due": "2005-09", "reason": "Refit" } }),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["deadline"]["due"], "2005-09-30");

    // The history names the (self-declared, unauthenticated) client.
    let history = app.store.history(six.id).await.expect("history");
    assert!(
        history
            .iter()
            .any(|e| e.author == "unauthenticated:tracker")
    );
    // Signed in, the page names it; the public sees "staff".
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let page = app
        .get_with(&format!("/items/{}", six.id), "cookie", &viewer.cookie)
        .await;
    assert!(
        page.body
            .contains("unauthenticated:tracker (through the API)")
    );
    let public = app.get(&format!("/items/{}", six.id)).await;
    assert!(!public.body.contains("unauthenticated:tracker"));
    assert!(page.body.contains("All custody teams in place"));
}

async fn api_bad_input_gets_a_4xx_that_says_what_was_wrong(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();
    let uri = format!("/api/v1/items/{}", six.id);
    let v = six.version;
    let cases: Vec<(Option<&str>, String, StatusCode, &str)> = vec![
        (
            Some("application/json"),
            "{\"status\": ".into(),
            StatusCode::BAD_REQUEST,
            "EOF",
        ),
        (
            Some("application/json"),
            "[1,2]".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid type",
        ),
        (
            None,
            format!("{{\"version\": {v}, \"rag\": \"red\"}}"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"colour\": \"red\"}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown field `colour`",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"status\": \"finished\"}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "status",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"rag\": \"purple\"}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "rag",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "nothing to change",
        ),
        (
            Some("application/json"),
            format!(
                "{{\"version\": {v}, \"deadline\": {{\"due\": \"someday\", \"reason\": \"x\"}}}}"
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "deadline.due",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"deadline\": {{\"due\": \"2006\", \"reason\": \" \"}}}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "deadline.reason",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": \"{v}\"}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "version",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"note\": \"{}\"}}", "x".repeat(5000)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "",
        ),
    ];
    for (ct, body, want, words) in cases {
        let r = app
            .send_body(Method::PATCH, &uri, ct, &[], body.clone())
            .await;
        assert_eq!(r.status, want, "{body:.80}: {}", r.body);
        if !words.is_empty() {
            assert!(r.message().contains(words), "{body:.80}: {}", r.body);
        }
    }
    let r = app
        .patch_json(&uri, json!({ "rag": "red" }), &[("if-match", "yesterday")])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("If-Match"));
    let r = app
        .patch_json(
            &uri,
            json!({ "rag": "red", "version": v + 5 }),
            &[("if-match", &format!("\"v{v}\""))],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .patch_json(
            "/api/v1/items/9999",
            json!({ "rag": "red", "version": 1 }),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Nothing above changed the item.
    assert_eq!(app.store.item(six.id, None).await.expect("item").version, v);
}

async fn api_writes_are_refused_unless_turned_on(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();
    let r = app
        .patch_json(
            &format!("/api/v1/items/{}", six.id),
            json!({ "rag": "red", "version": six.version }),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.message().contains("sign in"), "{}", r.body);
    assert_eq!(
        app.store.item(six.id, None).await.expect("item").version,
        six.version
    );
}

/// A signed-in browser: its session cookie and CSRF token.
struct Session {
    cookie: String,
    csrf: String,
}

impl TestApp {
    /// Makes an account and signs in through the form, as a person would.
    async fn login_as(&self, name: &str, role: Role, unit: Option<&str>) -> Session {
        let hash = heed_app::accounts::hash_password("a long enough password").expect("hash");
        self.store
            .add_user(name, &hash, role, unit)
            .await
            .expect("add user");
        let r = self.sign_in(name, "a long enough password").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let cookie = set_cookie_value(&r, "heed_session");
        let r = self
            .get_with(
                "/api/v1/session",
                "cookie",
                &format!("heed_session={cookie}"),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let csrf = r.json()["csrf"].as_str().expect("csrf").to_string();
        Session {
            cookie: format!("heed_session={cookie}"),
            csrf,
        }
    }

    /// Loads the sign-in form and posts it back with a name and password.
    async fn sign_in(&self, name: &str, password: &str) -> TestResponse {
        let form = self.get("/login").await;
        assert_eq!(form.status, StatusCode::OK);
        let csrf = set_cookie_value(&form, "heed_login_csrf");
        assert!(
            form.body
                .contains(&format!("name=\"csrf\" value=\"{csrf}\""))
        );
        let body = serde_urlencoded::to_string([
            ("name", name),
            ("password", password),
            ("csrf", csrf.as_str()),
        ])
        .expect("form");
        self.send_body(
            Method::POST,
            "/login",
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &format!("heed_login_csrf={csrf}"))],
            body,
        )
        .await
    }
}

/// The value a response sets for a cookie.
fn set_cookie_value(r: &TestResponse, name: &str) -> String {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie set"))
        .to_string()
}

async fn signing_in_and_out(app: TestApp) {
    let hash = heed_app::accounts::hash_password("correct horse battery").expect("hash");
    app.store
        .add_user("ann", &hash, Role::Secretariat, None)
        .await
        .expect("add");

    let form = app.get("/login").await;
    assert!(
        form.body
            .contains("<label for=\"password\">Password</label>")
    );
    let set = form.header(header::SET_COOKIE).to_string();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Secure"));

    let r = app.sign_in("ann", "wrong").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("do not match an account"));
    let r = app.sign_in("nobody", "wrong").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // A form that did not come from the sign-in page is refused.
    let r = app
        .send_body(
            Method::POST,
            "/login",
            Some("application/x-www-form-urlencoded"),
            &[("cookie", "heed_login_csrf=aaaa")],
            "name=ann&password=correct+horse+battery&csrf=bbbb",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_body(
            Method::POST,
            "/login",
            Some("application/x-www-form-urlencoded"),
            &[],
            "name=ann",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("the sign-in form"), "{}", r.body);

    let r = app.sign_in("ann", "correct horse battery").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(header::LOCATION), "/");
    let token = set_cookie_value(&r, "heed_session");
    let cookie = format!("heed_session={token}");
    let page = app.get_with("/", "cookie", &cookie).await;
    assert!(
        page.body.contains("Signed in as ann (secretariat)"),
        "{}",
        page.body
    );
    assert!(!app.get("/").await.body.contains("Signed in as"));
    let session = app
        .get_with("/api/v1/session", "cookie", &cookie)
        .await
        .json();
    assert_eq!(session["user"]["role"], "secretariat");
    let csrf = session["csrf"].as_str().expect("csrf").to_string();
    assert!(
        page.body.contains(&csrf),
        "the sign-out form carries the token"
    );

    // Signing out needs the session's token; then the session is gone.
    let r = app
        .send_body(
            Method::POST,
            "/logout",
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &cookie)],
            "csrf=forged",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_body(
            Method::POST,
            "/logout",
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &cookie)],
            format!("csrf={csrf}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.header(header::SET_COOKIE).starts_with("heed_session=;"));
    let r = app.get_with("/api/v1/session", "cookie", &cookie).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn repeated_failed_sign_ins_are_throttled(app: TestApp) {
    let hash = heed_app::accounts::hash_password("correct horse battery").expect("hash");
    app.store
        .add_user("bob", &hash, Role::Viewer, None)
        .await
        .expect("add");
    for _ in 0..3 {
        assert_eq!(
            app.sign_in("bob", "guess").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let r = app.sign_in("bob", "correct horse battery").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Too many failed attempts"));
    // It says how long to wait, in seconds: a backoff, not a 15-minute lockout.
    let wait: u64 = r
        .header(header::RETRY_AFTER)
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    // The account is not locked for everyone: its owner signs in from another address.
    let form = app.get("/login").await;
    let csrf = set_cookie_value(&form, "heed_login_csrf");
    let body = serde_urlencoded::to_string([
        ("name", "bob"),
        ("password", "correct horse battery"),
        ("csrf", csrf.as_str()),
    ])
    .expect("form");
    let request = Request::builder()
        .method(Method::POST)
        .uri("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("heed_login_csrf={csrf}"))
        .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            [198, 51, 100, 20],
            40_001,
        ))))
        .body(Body::from(body))
        .expect("request");
    let r = app.send(request).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.header(header::SET_COOKIE).starts_with("heed_session="));
}

/// Every role against the write route: who may change which item, and who is recorded.
async fn roles_decide_who_may_update_which_item(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6").id;
    let two = by_ref(&items, "2").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    app.store.record_update(six, setup).await.expect("owner");

    let admin = app.login_as("ada", Role::Admin, None).await;
    let sec = app.login_as("sam", Role::Secretariat, None).await;
    let owner = app.login_as("olu", Role::Owner, Some("custody")).await;
    let viewer = app.login_as("vic", Role::Viewer, None).await;

    let patch = |s: &Session, item: ItemId| {
        let headers = [
            ("cookie".to_string(), s.cookie.clone()),
            ("x-csrf-token".to_string(), s.csrf.clone()),
        ];
        let app = &app;
        async move {
            let version = app.store.item(item, None).await.expect("item").version;
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.patch_json(
                &format!("/api/v1/items/{item}"),
                json!({ "note": "progress", "version": version }),
                &h,
            )
            .await
        }
    };
    let cases = [
        (&admin, six, StatusCode::OK, "ada"),
        (&sec, two, StatusCode::OK, "sam"),
        (&owner, six, StatusCode::OK, "olu"),
        (&owner, two, StatusCode::FORBIDDEN, ""),
        (&viewer, six, StatusCode::FORBIDDEN, ""),
    ];
    for (session, item, want, author) in cases {
        let r = patch(session, item).await;
        assert_eq!(r.status, want, "{author} on {item}: {}", r.body);
        if want == StatusCode::OK {
            let history = app.store.history(item).await.expect("history");
            let last = history.last().expect("an event");
            assert_eq!(last.author, author);
            assert_eq!(
                last.source,
                heed_store::Source::Person {
                    name: author.into()
                }
            );
        }
    }
    let r = app
        .patch_json(
            &format!("/api/v1/items/{six}"),
            json!({ "note": "x", "version": 1 }),
            &[("cookie", &admin.cookie)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token");
    assert!(r.message().contains("x-csrf-token"));
    let r = app
        .patch_json(
            &format!("/api/v1/items/{six}"),
            json!({ "note": "x", "version": 1 }),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "anonymous");
}

/// A multipart body: text fields, then an optional file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "heedtestboundary7MA4YWxk";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn progress_can_carry_an_evidence_file(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").id;
    let sec = app.login_as("sam", Role::Secretariat, None).await;
    let version = app.store.item(six, None).await.expect("item").version;
    let page = app
        .get_with(&format!("/items/{six}"), "cookie", &sec.cookie)
        .await;
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(page.body.contains("name=\"evidence\" type=\"file\""));
    assert!(
        page.body
            .contains("name=\"evidence_public\" type=\"checkbox\"")
    );

    let v = version.to_string();
    let (ct, body) = multipart(
        &[
            ("csrf", &sec.csrf),
            ("version", &v),
            ("note", "Minutes attached"),
        ],
        Some(("minutes.pdf", b"%PDF-1.4 minutes")),
    );
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let item = app.store.item(six, None).await.expect("item");
    assert_eq!(item.state.evidence.len(), 1);
    let evidence = &item.state.evidence[0];
    assert_eq!(evidence.file_name, "minutes.pdf");
    assert!(!evidence.public, "evidence is private unless marked");
    let r = app
        .get_with(&format!("/evidence/{}", evidence.id), "cookie", &sec.cookie)
        .await;
    assert_eq!(r.body, "%PDF-1.4 minutes");
    assert_eq!(
        app.get(&format!("/evidence/{}", evidence.id)).await.status,
        StatusCode::NOT_FOUND
    );

    // Evidence alone is an update.
    let v = item.version.to_string();
    let (ct, body) = multipart(
        &[
            ("csrf", &sec.csrf),
            ("version", &v),
            ("evidence_public", "true"),
        ],
        Some(("..\\..\\photos/photo.jpg", b"JPEG")),
    );
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let item = app.store.item(six, None).await.expect("item");
    assert_eq!(item.state.evidence.len(), 2);
    // A client's path is not kept: the file is offered under its own name only.
    let photo = &item.state.evidence[1];
    assert_eq!(photo.file_name, "photo.jpg");
    assert!(photo.public, "marked public on the form");
    assert_eq!(
        app.get(&format!("/evidence/{}", photo.id)).await.body,
        "JPEG"
    );
    let r = app
        .get_with(&format!("/evidence/{}", photo.id), "cookie", &sec.cookie)
        .await;
    assert_eq!(
        r.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"photo.jpg\""
    );

    // Too big for an upload (16 KiB in these tests): refused, nothing stored.
    let v = item.version.to_string();
    let big = vec![b'x'; 20 * 1024];
    let (ct, body) = multipart(
        &[("csrf", &sec.csrf), ("version", &v)],
        Some(("big.bin", &big)),
    );
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    // Declared too big in Content-Length: refused before the body is read.
    let (ct, body) = multipart(
        &[("csrf", &sec.csrf), ("version", &v)],
        Some(("big.bin", &big)),
    );
    let len = body.len().to_string();
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie), ("content-length", &len)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A multipart form without its CSRF token is malformed.
    let (ct, body) = multipart(&[("version", &v)], None);
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("csrf"), "{}", r.body);
    assert_eq!(
        app.store.item(six, None).await.expect("item").version,
        item.version
    );
}

/// The permissions matrix: every role (and nobody) against every write route.
async fn permissions_matrix(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let own = by_ref(&items, "6").id;
    let other = by_ref(&items, "2").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    app.store.record_update(own, setup).await.expect("owner");
    let sessions = [
        ("admin", Some(app.login_as("ada", Role::Admin, None).await)),
        (
            "secretariat",
            Some(app.login_as("sam", Role::Secretariat, None).await),
        ),
        (
            "owner",
            Some(app.login_as("olu", Role::Owner, Some("Custody")).await),
        ),
        (
            "viewer",
            Some(app.login_as("vic", Role::Viewer, None).await),
        ),
        ("nobody", None),
    ];
    use StatusCode as S;
    // (route, item) -> expected status for admin, secretariat, owner, viewer, nobody.
    let matrix: [(&str, ItemId, [S; 5]); 6] = [
        (
            "api note",
            own,
            [S::OK, S::OK, S::OK, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            "api note",
            other,
            [S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            "api owner",
            own,
            [S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            "api owner",
            other,
            [S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            "form",
            own,
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "form",
            other,
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
    ];
    for (route, item, expected) in matrix {
        for ((role, session), want) in sessions.iter().zip(expected) {
            let version = app.store.item(item, None).await.expect("item").version;
            let (cookie, csrf) = session
                .as_ref()
                .map(|s| (s.cookie.clone(), s.csrf.clone()))
                .unwrap_or_default();
            let r = match route {
                "form" => {
                    app.send_body(
                        Method::POST,
                        &format!("/items/{item}/progress"),
                        Some("application/x-www-form-urlencoded"),
                        &[("cookie", &cookie)],
                        format!("csrf={csrf}&version={version}&note=by+{role}"),
                    )
                    .await
                }
                _ => {
                    // Keep the owner as it was, so the matrix's later rows still apply.
                    let body = if route == "api owner" {
                        let owner = if item == own { "Custody" } else { "Someone" };
                        json!({ "owner": owner, "version": version })
                    } else {
                        json!({ "note": format!("by {role}"), "version": version })
                    };
                    app.patch_json(
                        &format!("/api/v1/items/{item}"),
                        body,
                        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
                    )
                    .await
                }
            };
            assert_eq!(
                r.status, want,
                "{role} on {route} of item {item}: {}",
                r.body
            );
            let after = app.store.item(item, None).await.expect("item").version;
            let wrote = want == S::OK || want == S::SEE_OTHER;
            assert_eq!(after > version, wrote, "{role} on {route} of item {item}");
        }
    }

    // Verifying (API and form) and publishing (API and form): the secretariat and admins
    // only. Before each attempt the owner claims a completion afresh, so there is
    // something to decide; each allowed attempt rejects it, and each publish flips.
    let verifiers = [S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED];
    let review = app.store.item(own, None).await.expect("item").review;
    for route in ["api verify", "form verify", "api publish", "form publish"] {
        for ((role, session), want) in sessions.iter().zip(verifiers) {
            let (cookie, csrf) = session
                .as_ref()
                .map(|s| (s.cookie.clone(), s.csrf.clone()))
                .unwrap_or_default();
            let events = app.store.review_events(review).await.expect("events").len();
            let published = app
                .store
                .reviews()
                .await
                .expect("reviews")
                .iter()
                .any(|r| r.id == review && r.published);
            let mut claim = UpdateRequest::by(Actor::Person("olu".into()));
            claim.status = Some(heed_core::Status::Completed);
            claim.claim_only = true;
            let version = app
                .store
                .record_update(own, claim)
                .await
                .expect("claim")
                .version;
            let r = match route {
                "api verify" => {
                    app.send_body(
                        Method::POST,
                        &format!("/api/v1/items/{own}/verify"),
                        Some("application/json"),
                        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
                        json!({ "decision": "reject", "note": format!("by {role}"), "version": version })
                            .to_string(),
                    )
                    .await
                }
                "form verify" => {
                    app.send_body(
                        Method::POST,
                        &format!("/items/{own}/verify"),
                        Some("application/x-www-form-urlencoded"),
                        &[("cookie", &cookie)],
                        format!("csrf={csrf}&version={version}&decision=reject&note=by+{role}"),
                    )
                    .await
                }
                "api publish" => {
                    app.send_body(
                        Method::POST,
                        &format!("/api/v1/reviews/{review}/publish"),
                        Some("application/json"),
                        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
                        json!({ "published": !published }).to_string(),
                    )
                    .await
                }
                _ => {
                    app.send_body(
                        Method::POST,
                        &format!("/reviews/{review}/publish"),
                        Some("application/x-www-form-urlencoded"),
                        &[("cookie", &cookie)],
                        format!("csrf={csrf}&published={}", !published),
                    )
                    .await
                }
            };
            let want = if route.starts_with("form") && want == S::OK {
                S::SEE_OTHER
            } else {
                want
            };
            assert_eq!(r.status, want, "{role} on {route}: {}", r.body);
            let wrote = want == S::OK || want == S::SEE_OTHER;
            let item = app.store.item(own, None).await.expect("item");
            if route.ends_with("verify") {
                assert_eq!(item.version > version, wrote, "{role} on {route}");
                assert_eq!(item.awaits_verification(), !wrote, "{role} on {route}");
            } else {
                let after = app.store.review_events(review).await.expect("events").len();
                assert_eq!(after > events, wrote, "{role} on {route}");
            }
        }
    }
}

async fn owners_record_progress_from_the_item_page(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6").id;
    let two = by_ref(&items, "2").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    let version = app
        .store
        .record_update(six, setup)
        .await
        .expect("owner")
        .version;

    let owner = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let page = app
        .get_with(&format!("/items/{six}"), "cookie", &owner.cookie)
        .await;
    assert!(page.body.contains("<h2 id=\"record\">Record progress</h2>"));
    assert!(
        page.body
            .contains(&format!("name=\"version\" value=\"{version}\""))
    );
    for (who, item) in [(&owner, two), (&viewer, six)] {
        let other = app
            .get_with(&format!("/items/{item}"), "cookie", &who.cookie)
            .await;
        assert!(
            !other.body.contains("Record progress"),
            "no form where it cannot be used"
        );
    }
    assert!(
        !app.get(&format!("/items/{six}"))
            .await
            .body
            .contains("Record progress")
    );

    let post = |who: &Session, item: ItemId, body: String| {
        let cookie = who.cookie.clone();
        let app = &app;
        async move {
            app.send_body(
                Method::POST,
                &format!("/items/{item}/progress"),
                Some("application/x-www-form-urlencoded"),
                &[("cookie", &cookie)],
                body,
            )
            .await
        }
    };
    let form = |csrf: &str, version: i64, rest: &str| {
        format!(
            "csrf={csrf}&version={version}&status=completed&rag=&note=Custody+teams+in+place&deadline=&reason={rest}"
        )
    };

    let r = post(&owner, six, form(&owner.csrf, version, "")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header(header::LOCATION), format!("/items/{six}#history"));
    let after = app.store.item(six, None).await.expect("item");
    // An owner's completion is a claim awaiting the secretariat; the status is unchanged.
    assert_eq!(after.state.status, Some(heed_core::Status::InProgress));
    assert!(after.awaits_verification());
    let last = app.store.history(six).await.expect("history");
    assert_eq!(last.last().map(|e| e.author.as_str()), Some("olu"));

    // The same form again is stale: someone (here, the owner) changed the item meanwhile.
    let r = post(&owner, six, form(&owner.csrf, version, "")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("changed by someone else"), "{}", r.body);

    let r = post(&owner, six, form("forged", after.version, "")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let v2 = app.store.item(two, None).await.expect("two").version;
    let r = post(&owner, two, form(&owner.csrf, v2, "")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "not the owner's item");
    let r = post(&viewer, six, form(&viewer.csrf, after.version, "")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some("application/x-www-form-urlencoded"),
            &[],
            form("x", after.version, ""),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // Bad input says what was wrong and changes nothing.
    let bad = format!(
        "csrf={}&version={}&deadline=someday&reason=late",
        owner.csrf, after.version
    );
    let r = post(&owner, six, bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("deadline.due"), "{}", r.body);
    let r = post(&owner, six, format!("csrf={}&version=latest", owner.csrf)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(&owner, six, format!("csrf={}", owner.csrf)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "no version");
    assert_eq!(
        app.store.item(six, None).await.expect("item").version,
        after.version
    );
}

/// The item JSON as an API client sees it, with the day it was imported (the real clock's,
/// as the seed's gold extraction states no date) redacted so the snapshot is stable.
async fn api_item_json_has_a_stable_shape(app: TestApp) {
    app.import("duty-of-care-response-2013.txt").await;
    let items = app.items().await;
    let four = by_ref(&items, "4").id;
    let mut v = app.get(&format!("/api/v1/items/{four}")).await.json();
    assert_eq!(v["updated_on"].as_str().map(str::len), Some(10));
    v["updated_on"] = json!("[import day]");
    for note in v["notes"].as_array_mut().into_iter().flatten() {
        note["on"] = json!("[import day]");
    }
    insta::assert_json_snapshot!("item_4_duty_of_care", v);
}

#[test]
fn every_source_file_says_why_it_exists() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in ["src", "tests"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read");
                assert!(text.starts_with("//!"), "{} has no //! doc", path.display());
            }
        }
    }
}

async fn openapi_document_is_stable_and_every_path_answers(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let r = app.get("/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    insta::assert_json_snapshot!("openapi", doc);
    let id: ItemId = app.items().await[0].id;
    let paths = doc["paths"].as_object().expect("paths");
    assert_eq!(paths.len(), 9);
    for (path, ops) in paths {
        let uri = path.replace("{id}", &id.to_string());
        if ops.get("get").is_some() {
            let r = app.get(&uri).await;
            let want = if path == "/api/v1/session" {
                StatusCode::UNAUTHORIZED // nobody is signed in
            } else {
                StatusCode::OK
            };
            assert_eq!(r.status, want, "GET {uri}");
        }
        if ops.get("patch").is_some() {
            let r = app
                .patch_json(&uri, json!({ "note": "checked", "version": 1 }), &[])
                .await;
            assert_eq!(r.status, StatusCode::OK, "PATCH {uri}: {}", r.body);
        }
        if ops.get("post").is_some() {
            if path.contains("/imports") {
                // Imports need a person: the route answers, refusing the anonymous.
                let r = app
                    .send_body(Method::POST, &uri, Some("text/plain"), &[], "x")
                    .await;
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "POST {uri}: {}", r.body);
                assert!(r.json()["error"]["message"].is_string());
            } else {
                // Verifying and publishing need a signed-in secretariat: nobody is signed in.
                let r = app.post_json(&uri, json!({})).await;
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "POST {uri}: {}", r.body);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Intake: import in the browser and over the API, API tokens, saved views.

/// A body in 1 KiB chunks with no length known in advance (as a chunked upload arrives).
fn futures_stream(
    bytes: Vec<u8>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    struct Chunks(std::collections::VecDeque<Vec<u8>>);
    impl futures_core::Stream for Chunks {
        type Item = Result<Vec<u8>, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.pop_front().map(Ok))
        }
    }
    Chunks(bytes.chunks(1024).map(<[u8]>::to_vec).collect())
}

/// A corpus seed's bytes.
fn seed(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/seeds")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

impl TestApp {
    /// Posts the upload form (multipart: csrf, document) as a signed-in person.
    async fn upload(&self, s: &Session, file_name: &str, bytes: &[u8]) -> TestResponse {
        let boundary = "heedtestboundary7MA4YWxk";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n",
            s.csrf
        )
        .into_bytes();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let len = body.len().to_string();
        self.send_body(
            Method::POST,
            "/import",
            Some(&format!("multipart/form-data; boundary={boundary}")),
            &[("cookie", &s.cookie), ("content-length", &len)],
            body,
        )
        .await
    }

    /// Makes an API token for an existing account, as `heed token create` does.
    async fn token(&self, user: &str, name: &str) -> String {
        let heed_app::accounts::NewToken { token, hash } =
            heed_app::accounts::new_api_token().expect("token");
        self.store
            .create_api_token(user, name, &hash)
            .await
            .expect("create token");
        token
    }

    async fn post_form(
        &self,
        uri: &str,
        cookie: &str,
        fields: &[(String, String)],
    ) -> TestResponse {
        self.send_body(
            Method::POST,
            uri,
            Some("application/x-www-form-urlencoded"),
            &[("cookie", cookie)],
            serde_urlencoded::to_string(fields).expect("form"),
        )
        .await
    }
}

fn pair(k: impl Into<String>, v: impl Into<String>) -> (String, String) {
    (k.into(), v.into())
}

/// The confirmation form as the preview fills it: every item's values as read.
fn confirmation(csrf: &str, doc: &Document) -> Vec<(String, String)> {
    let mut f = vec![pair("csrf", csrf), pair("review", "auto")];
    for (i, it) in doc.items.iter().enumerate() {
        f.push(pair(
            format!("ref-{i}"),
            it.r#ref.clone().unwrap_or_default(),
        ));
        f.push(pair(format!("kind-{i}"), it.kind.as_str()));
        f.push(pair(format!("text-{i}"), it.text.clone()));
        f.push(pair(
            format!("status-{i}"),
            it.status.map(|s| s.as_str()).unwrap_or(""),
        ));
        f.push(pair(
            format!("deadline-{i}"),
            it.deadline.as_ref().map(|d| d.to_iso()).unwrap_or_default(),
        ));
        f.push(pair(
            format!("owner-{i}"),
            it.owner.clone().unwrap_or_default(),
        ));
        f.push(pair(
            format!("section-{i}"),
            it.section.clone().unwrap_or_default(),
        ));
        f.push(pair(
            format!("rag-{i}"),
            it.rag.map(|r| r.as_str()).unwrap_or(""),
        ));
        f.push(pair(
            format!("position-{i}"),
            it.position.map(|p| p.as_str()).unwrap_or(""),
        ));
    }
    f
}

async fn importing_in_the_browser_with_preview_and_correction(app: TestApp) {
    let name = "cmbvr-update-2004.txt";
    let bytes = seed(name);
    // What the real reader makes of it: the preview must show the same.
    let doc = heed_read::read(&bytes, &heed_read::ReadOptions::default()).expect("read");
    assert!(doc.items.len() >= 3, "{} items", doc.items.len());
    let sam = app.login_as("sam", Role::Secretariat, None).await;

    let form = app.get_with("/import", "cookie", &sam.cookie).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    assert!(form.body.contains(&sam.csrf));
    assert!(
        form.body
            .contains("<label for=\"document\">Document</label>")
    );
    assert!(form.body.contains("name=\"map\"") && form.body.contains("name=\"date\""));

    let r = app.upload(&sam, name, &bytes).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let preview_uri = r.header(header::LOCATION).to_string();
    assert!(preview_uri.starts_with("/import/"), "{preview_uri}");
    assert!(
        app.store.reviews().await.expect("reviews").is_empty(),
        "nothing imported yet"
    );

    let preview = app.get_with(&preview_uri, "cookie", &sam.cookie).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(preview.body.contains(&format!("Preview of {name}")));
    assert!(
        preview
            .body
            .contains(&format!("Items ({})", doc.items.len()))
    );
    assert!(preview.body.contains("a new review"), "where it goes");
    assert_eq!(
        preview.body.contains("states no date"),
        doc.date.is_none() && doc.items.iter().any(|i| i.updated_on.is_none()),
        "the preview says whether the document states its date"
    );
    // A document without a date of its own says so, and asks for one.
    let r = app
        .upload(
            &sam,
            "undated.md",
            b"# Inspection of Anyshire\n\nRecommendation 1: publish the targets.\n",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let undated = app
        .get_with(r.header(header::LOCATION), "cookie", &sam.cookie)
        .await;
    assert!(undated.body.contains("states no date"), "{}", undated.body);
    assert!(
        preview
            .body
            .contains(&format!("(line {})", doc.items[0].line))
    );
    assert!(preview.body.contains("name=\"text-0\""));
    for d in &doc.diagnostics {
        assert!(preview.body.contains(&format!("<td>{}</td>", d.line)));
    }
    assert!(preview.body.contains("Confirm and import"));

    // Only the uploader sees it.
    let ada = app.login_as("ada", Role::Admin, None).await;
    let r = app.get_with(&preview_uri, "cookie", &ada.cookie).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("someone else"), "{}", r.body);

    // Correct the first item's text and owner, leave the second out, confirm.
    let mut f = confirmation(&sam.csrf, &doc);
    for (k, v) in f.iter_mut() {
        if k == "text-0" {
            *v = "The corrected words of the first item".into();
        }
        if k == "owner-0" {
            *v = "Custody".into();
        }
        if k == "rag-0" {
            *v = "amber".into();
        }
        if k == "section-0" {
            *v = "Custody suites".into();
        }
    }
    f.push(pair("drop-1", "on"));
    let r = app.post_form(&preview_uri, &sam.cookie, &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let review = r.header(header::LOCATION).to_string();
    assert!(review.starts_with("/reviews/"), "{review}");

    let items = app.items().await;
    assert_eq!(items.len(), doc.items.len() - 1);
    assert!(!items.iter().any(|i| i.state.text == doc.items[1].text));
    let first = items
        .iter()
        .find(|i| i.state.text == "The corrected words of the first item")
        .expect("the corrected item");
    let sam_source = heed_store::Source::Person { name: "sam".into() };
    assert_eq!(first.state.provenance.get("text"), Some(&sam_source));
    assert_eq!(first.state.provenance.get("owner"), Some(&sam_source));
    assert_eq!(first.state.rag, Some(heed_core::Rag::Amber));
    assert_eq!(first.state.section.as_deref(), Some("Custody suites"));
    assert_eq!(first.state.provenance.get("rag"), Some(&sam_source));
    assert_eq!(first.state.provenance.get("section"), Some(&sam_source));
    assert!(matches!(
        first.state.provenance.get("kind"),
        Some(heed_store::Source::Document { .. })
    ));
    let untouched = items
        .iter()
        .find(|i| i.state.text == doc.items[2].text)
        .expect("third item");
    assert!(matches!(
        untouched.state.provenance.get("text"),
        Some(heed_store::Source::Document { .. })
    ));
    // Signed in: a review imported in the browser is unpublished until someone publishes it.
    let page = app
        .get_with(&format!("/items/{}", first.id), "cookie", &sam.cookie)
        .await;
    assert!(page.body.contains("The corrected words of the first item"));
    assert!(page.body.contains("sam (in person)"), "{}", page.body);

    // Confirmed uploads are gone; the same file again says it was imported.
    let r = app.get_with(&preview_uri, "cookie", &sam.cookie).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.upload(&sam, name, &bytes).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let again = app
        .get_with(r.header(header::LOCATION), "cookie", &sam.cookie)
        .await;
    assert!(again.body.contains("imported before"), "{}", again.body);
    assert!(!again.body.contains("Confirm and import"));
}

async fn uploads_that_cannot_be_imported_get_a_4xx(app: TestApp) {
    let sam = app.login_as("sam", Role::Secretariat, None).await;
    let ann = app.login_as("ann", Role::Secretariat, None).await;
    let token = app.token("sam", "ci").await;
    let auth = format!("Bearer {token}");
    // Over the upload limit (16 KiB in these tests): refused from its length, unread.
    let big = vec![b'a'; 20 * 1024];
    let r = app.upload(&sam, "big.txt", &big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=big.txt",
            Some("text/plain"),
            &[("authorization", &auth), ("content-length", "20480")],
            big,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    // Without a Content-Length (streamed), the body is cut off at the limit: 413 too.
    let mut streamed = format!(
        "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--x\r\nContent-Disposition: form-data; name=\"document\"; filename=\"big.txt\"\r\n\r\n",
        sam.csrf
    )
    .into_bytes();
    streamed.extend(std::iter::repeat_n(b'a', 20 * 1024));
    streamed.extend_from_slice(b"\r\n--x--\r\n");
    let r = app
        .send_body(
            Method::POST,
            "/import",
            Some("multipart/form-data; boundary=x"),
            &[("cookie", &sam.cookie)],
            Body::from_stream(futures_stream(streamed.clone())),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=big.txt",
            Some("text/plain"),
            &[("authorization", &auth)],
            Body::from_stream(futures_stream(streamed)),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert!(r.message().contains("the document"), "{}", r.body);

    let r = app.upload(&sam, "report.doc", b"\xd0\xcf\x11\xe0").await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.body.contains(".docx"), "{}", r.body);
    // A PDF is read; one damaged past reading says so.
    let r = app.upload(&sam, "report.pdf", b"%PDF-1.4 ...").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("PDF cannot be read"), "{}", r.body);
    let r = app
        .upload(&sam, "report.txt", b"\0\x01\x02\0\0\x03binary\0")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("binary"), "{}", r.body);
    let r = app.upload(&sam, "empty.txt", b"  \n").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A stray byte, or a tracker with a header and no rows, holds nothing to import: refused
    // as `heed import` and `heed extract` refuse it, never an empty review.
    for (name, bytes) in [
        ("one-byte.txt", &b"\xf5"[..]),
        ("header-only.csv", &b"Ref,Recommendation,Status\n"[..]),
    ] {
        let r = app.upload(&sam, name, bytes).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            r.body
        );
        assert!(
            r.body.contains("nothing was imported"),
            "{name}: {}",
            r.body
        );
        let r = app
            .send_body(
                Method::POST,
                &format!("/api/v1/imports?filename={name}"),
                Some("text/plain"),
                &[("authorization", &auth)],
                bytes.to_vec(),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            r.body
        );
    }
    // Trackers: one with a row that cannot be read is refused whole, naming the row.
    let r = app
        .upload(
            &sam,
            "tracker.csv",
            b"Ref,Recommendation,RAG\n1,Do it,Purple\n",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("row 2"), "{}", r.body);
    let r = app
        .upload(
            &sam,
            "tracker.csv",
            b"Ref,Recommendation,Status\n1,Do the thing,Completed\n2,Do another,In progress\n",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let preview = app
        .get_with(r.header(header::LOCATION), "cookie", &sam.cookie)
        .await;
    assert!(preview.body.contains("Items (2)"), "{}", preview.body);
    let r = app
        .send_body(
            Method::POST,
            "/import",
            Some("multipart/form-data; boundary=x"),
            &[("cookie", &sam.cookie)],
            "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nforged\r\n--x--\r\n",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_body(
            Method::POST,
            "/import",
            Some("multipart/form-data; boundary=x"),
            &[("cookie", &sam.cookie)],
            format!(
                "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--x--\r\n",
                sam.csrf
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("choose a document"), "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            "/import",
            Some("text/plain"),
            &[("cookie", &sam.cookie)],
            "x",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let api = |q: &str| format!("/api/v1/imports{q}");
    let post = |uri: String, body: Vec<u8>| {
        let auth = auth.clone();
        let app = &app;
        async move {
            app.send_body(
                Method::POST,
                &uri,
                Some("text/plain"),
                &[("authorization", &auth)],
                body,
            )
            .await
        }
    };
    let doc = seed("cmbvr-update-2004.txt");
    let r = post(api(""), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("filename"), "{}", r.body);
    let r = post(api("?filename=a.txt&colour=red"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(api("?filename=a.rtf"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = post(api("?filename=a.txt&review=latest"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("review"), "{}", r.body);
    let r = post(api("?filename=a.txt&review=99"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = post(api("?filename=a.txt&dry_run=maybe"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(api("?filename=a.txt&date=03-11-2014"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(api("?filename=a.txt"), b"\0\0\0\x01".to_vec()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    let confirm = |id: &str| format!("/api/v1/imports/{id}/confirm");
    let r = post(confirm("nope"), Vec::new()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.message().contains("upload it again"), "{}", r.body);
    let r = post(api("?filename=a.txt"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().expect("id").to_string();
    // Someone else's pending import.
    let r = app
        .send_body(
            Method::POST,
            &confirm(&id),
            Some("application/json"),
            &[("cookie", &ann.cookie), ("x-csrf-token", &ann.csrf)],
            "{}",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // A session without its CSRF token.
    let r = app
        .send_body(
            Method::POST,
            &confirm(&id),
            Some("application/json"),
            &[("cookie", &sam.cookie)],
            "{}",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    for (body, says) in [
        ("{", "the confirmation"),
        ("{\"colour\": 1}", "unknown field"),
        ("{\"review\": true}", "review"),
        (
            "{\"corrections\": [{\"index\": 99, \"text\": \"x\"}]}",
            "items",
        ),
        (
            "{\"corrections\": [{\"index\": 0, \"status\": \"nearly\"}]}",
            "status",
        ),
        (
            "{\"corrections\": [{\"index\": 0, \"kind\": \"wish\"}]}",
            "kind",
        ),
    ] {
        let r = post(confirm(&id), body.as_bytes().to_vec()).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
        assert!(r.message().contains(says), "{body}: {}", r.body);
    }
    assert!(
        app.store.reviews().await.expect("reviews").is_empty(),
        "nothing imported"
    );
}

async fn programs_import_and_update_with_a_bearer_token(app: TestApp) {
    // Bearer tokens work whether or not unauthenticated API writes are allowed.
    let app = app.read_only();
    app.login_as("sam", Role::Secretariat, None).await;
    app.login_as("vic", Role::Viewer, None).await;
    let token = app.token("sam", "ci").await;
    let auth = format!("Bearer {token}");
    let name = "cmbvr-update-2004.txt";
    let bytes = seed(name);
    let doc = heed_read::read(&bytes, &heed_read::ReadOptions::default()).expect("read");

    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/imports?filename={name}&dry_run=true"),
            Some("text/plain"),
            &[("authorization", &auth)],
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert!(v["id"].is_null(), "a dry run keeps nothing");
    assert_eq!(v["items"].as_array().expect("items").len(), doc.items.len());
    assert_eq!(v["outcome"]["outcome"], "imported");
    assert_eq!(v["outcome"]["dry_run"], true);
    assert_eq!(v["items"][0]["line"], doc.items[0].line);
    assert_eq!(
        v["diagnostics"].as_array().expect("diagnostics").len(),
        doc.diagnostics.len()
    );
    assert!(app.store.reviews().await.expect("reviews").is_empty());

    // A tracker whose item column has an unusual header: mapped as `heed import --map` would.
    let tracker = b"Ref,Thing to do,Status\n1,Publish the targets,Completed\n".to_vec();
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=plan.csv&dry_run=true",
            Some("text/csv"),
            &[("authorization", &auth)],
            tracker.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.message().contains("item text"), "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=plan.csv&dry_run=true&map=Thing+to+do%3Ditem",
            Some("text/csv"),
            &[("authorization", &auth)],
            tracker,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["items"][0]["text"], "Publish the targets");
    assert_eq!(v["items"][0]["status"], "completed");
    assert!(
        v["columns"]
            .as_str()
            .expect("mapping")
            .contains("Thing to do"),
        "{v}"
    );

    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/imports?filename={name}"),
            Some("text/plain"),
            &[("authorization", &auth)],
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v = r.json();
    let confirm = v["confirm"].as_str().expect("confirm link").to_string();
    let status = if doc.items[0].status == Some(heed_core::Status::Completed) {
        "in_progress"
    } else {
        "completed"
    };
    // A RAG rating that is not one says which item and field.
    let r = app
        .send_body(
            Method::POST,
            &confirm,
            Some("application/json"),
            &[("authorization", &auth)],
            json!({ "review": "new", "corrections": [{ "index": 0, "rag": "purple" }] })
                .to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.message().contains("item 1 (rag)"), "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            &confirm,
            Some("application/json"),
            &[("authorization", &auth)],
            json!({ "review": "new", "corrections": [
                { "index": 0, "status": status, "rag": "red", "position": "accepted" }
            ] })
            .to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["created"], doc.items.len());
    let items = app.items().await;
    let first = items
        .iter()
        .find(|i| i.state.text == doc.items[0].text)
        .expect("first item");
    assert_eq!(first.state.status.map(|s| s.as_str()), Some(status));
    assert_eq!(first.state.rag, Some(heed_core::Rag::Red));
    assert_eq!(first.state.position, Some(heed_core::Position::Accepted));
    let via = heed_store::Source::Api {
        client: "sam via token ci".into(),
    };
    assert_eq!(first.state.provenance.get("status"), Some(&via));
    let r = app
        .send_body(
            Method::POST,
            &confirm,
            None,
            &[("authorization", &auth)],
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "confirmed once");
    // The same file again: the preview says it was imported, and nothing is kept.
    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/imports?filename={name}"),
            Some("text/plain"),
            &[("authorization", &auth)],
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["outcome"]["outcome"], "already_imported");
    assert!(r.json()["id"].is_null());

    // An update needs no CSRF token with a bearer token, and is recorded as made through it.
    let r = app
        .patch_json(
            &format!("/api/v1/items/{}", first.id),
            json!({ "note": "checked by the nightly job", "version": first.version }),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let history = app.store.history(first.id).await.expect("history");
    let last = history.last().expect("event");
    assert_eq!(last.author, "sam via token ci");
    assert_eq!(last.source, via);

    // A viewer's token reads but does not write.
    let vic = format!("Bearer {}", app.token("vic", "reader").await);
    let r = app.get_with("/api/v1/items", "authorization", &vic).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app
        .patch_json(
            &format!("/api/v1/items/{}", first.id),
            json!({ "note": "no", "version": first.version + 1 }),
            &[("authorization", &vic)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);

    // Revoked, unknown and malformed tokens: 401 saying which.
    app.store
        .revoke_api_token("ci", None)
        .await
        .expect("revoke");
    let r = app.get_with("/api/v1/items", "authorization", &auth).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.message().contains("\"ci\" was revoked"), "{}", r.body);
    let r = app
        .get_with("/api/v1/items", "authorization", "Bearer heed_0000")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.message().contains("unknown API token"), "{}", r.body);
    let r = app
        .get_with("/api/v1/items", "authorization", "Basic YTpi")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.message().contains("Bearer"), "{}", r.body);
    let r = app.get_with("/", "authorization", "Bearer heed_0000").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("unknown API token"));
}

async fn people_manage_their_own_api_tokens(app: TestApp) {
    let olu = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let vic = app.login_as("vic", Role::Viewer, None).await;
    assert_eq!(app.get("/tokens").await.status, StatusCode::UNAUTHORIZED);
    let page = app.get_with("/tokens", "cookie", &olu.cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("You have no API tokens"));

    let r = app
        .post_form(
            "/tokens",
            &olu.cookie,
            &[pair("csrf", &olu.csrf), pair("name", "spreadsheet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let start = r.body.find("heed_").expect("the token is shown");
    let token: String = r.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    assert_eq!(token.len(), 69, "{token}");
    let me = app
        .get_with(
            "/api/v1/session",
            "authorization",
            &format!("Bearer {token}"),
        )
        .await;
    // A bearer token has no session to show; the items answer as olu.
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["user"]["name"], "olu");
    // Shown once: the list does not show it again.
    let page = app.get_with("/tokens", "cookie", &olu.cookie).await;
    assert!(page.body.contains("spreadsheet") && !page.body.contains(&token));
    // Another person's list does not show it, and they cannot revoke it.
    let theirs = app.get_with("/tokens", "cookie", &vic.cookie).await;
    assert!(!theirs.body.contains("spreadsheet"));
    let r = app
        .post_form(
            "/tokens/revoke",
            &vic.cookie,
            &[pair("csrf", &vic.csrf), pair("name", "spreadsheet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The same name twice is refused with a message; forged forms are refused.
    let r = app
        .post_form(
            "/tokens",
            &olu.cookie,
            &[pair("csrf", &olu.csrf), pair("name", "spreadsheet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("already a token named"), "{}", r.body);
    let r = app
        .post_form(
            "/tokens",
            &olu.cookie,
            &[pair("csrf", "forged"), pair("name", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post_form("/tokens", &olu.cookie, &[pair("name", "x")])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let r = app
        .post_form(
            "/tokens/revoke",
            &olu.cookie,
            &[pair("csrf", &olu.csrf), pair("name", "spreadsheet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app
        .get_with("/api/v1/items", "authorization", &format!("Bearer {token}"))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let page = app.get_with("/tokens", "cookie", &olu.cookie).await;
    assert!(page.body.contains("Revoked"));
}

async fn saved_views_keep_a_search_under_a_name(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let sam = app.login_as("sam", Role::Secretariat, None).await;
    let olu = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let vic = app.login_as("vic", Role::Viewer, None).await;
    let search = app
        .get_with("/search?status=in_progress", "cookie", &olu.cookie)
        .await;
    assert!(search.body.contains("Save this view"));
    assert!(!app.get("/search").await.body.contains("Save this view"));

    let save = |s: &Session, name: &str, search: &str| {
        vec![
            pair("csrf", &s.csrf),
            pair("name", name),
            pair("search", search),
        ]
    };
    let r = app
        .post_form(
            "/views",
            &olu.cookie,
            &save(&olu, "Open work", "/search?status=in_progress&page=3"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header(header::LOCATION), "/views#view-open-work");
    let list = app.get("/views").await;
    assert!(
        list.body
            .contains("<a href=\"/views/open-work\">Open work</a>"),
        "{}",
        list.body
    );
    let r = app.get("/views/open-work").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let to = r.header(header::LOCATION).to_string();
    assert!(
        to.starts_with("/search?") && to.contains("status=in_progress") && !to.contains("page"),
        "{to}"
    );
    let results = app.get(&to).await;
    assert_eq!(results.status, StatusCode::OK);
    let api = app.get("/api/v1/views").await.json();
    assert_eq!(api["views"][0]["slug"], "open-work");
    // Who saved it is a staff name: "staff" to readers not signed in, the name to others.
    assert_eq!(api["views"][0]["owner"], "staff");
    let signed_in = app
        .get_with("/api/v1/views", "cookie", &olu.cookie)
        .await
        .json();
    assert_eq!(signed_in["views"][0]["owner"], "olu");
    let items_uri = api["views"][0]["api"]
        .as_str()
        .expect("api link")
        .to_string();
    assert_eq!(app.get(&items_uri).await.status, StatusCode::OK);
    assert!(
        app.get("/")
            .await
            .body
            .contains("href=\"/views/open-work\""),
        "the dashboard links it"
    );

    // Filters the search would refuse are refused here too; and the name is required.
    let r = app
        .post_form(
            "/views",
            &olu.cookie,
            &save(&olu, "Bad", "/search?status=nearly"),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("status"), "{}", r.body);
    let r = app
        .post_form(
            "/views",
            &olu.cookie,
            &save(&olu, " ", "status=in_progress"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form("/views", "", &save(&olu, "Nobody's", ""))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let mut forged = save(&olu, "Forged", "");
    forged[0].1 = "forged".into();
    assert_eq!(
        app.post_form("/views", &olu.cookie, &forged).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/views/nothing-here").await.status,
        StatusCode::NOT_FOUND
    );

    // A viewer may not delete someone else's view; the secretariat may.
    let del = |s: &Session| vec![pair("csrf", &s.csrf)];
    let r = app
        .post_form("/views/open-work/delete", &vic.cookie, &del(&vic))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("its owner (olu)"), "{}", r.body);
    let r = app
        .post_form("/views/open-work/delete", &sam.cookie, &del(&sam))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/views/open-work").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Every role (nobody, and programs with a secretariat's or a viewer's token) against every
/// write route of the intake: import (page and API, upload and confirm), tokens, views.
async fn intake_permissions_matrix(app: TestApp) {
    use StatusCode as S;
    let app = app.read_only();
    let ada = app.login_as("ada", Role::Admin, None).await;
    let sam = app.login_as("sam", Role::Secretariat, None).await;
    let olu = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let vic = app.login_as("vic", Role::Viewer, None).await;
    let sam_token = format!("Bearer {}", app.token("sam", "sam-bot").await);
    let vic_token = format!("Bearer {}", app.token("vic", "vic-bot").await);
    let none = Session {
        cookie: String::new(),
        csrf: String::new(),
    };
    // (who, user name, session, bearer)
    let who: [(&str, &str, &Session, Option<&str>); 7] = [
        ("admin", "ada", &ada, None),
        ("secretariat", "sam", &sam, None),
        ("owner", "olu", &olu, None),
        ("viewer", "vic", &vic, None),
        ("nobody", "sam", &none, None),
        ("secretariat token", "sam", &none, Some(&sam_token)),
        ("viewer token", "vic", &none, Some(&vic_token)),
    ];
    let bytes = seed("cmbvr-update-2004.txt");
    let routes: [(&str, [S; 7]); 9] = [
        (
            "upload page",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::FORBIDDEN,
            ],
        ),
        (
            "confirm page",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::FORBIDDEN,
            ],
        ),
        (
            "api upload",
            [
                S::CREATED,
                S::CREATED,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::CREATED,
                S::FORBIDDEN,
            ],
        ),
        (
            "api confirm",
            [
                S::CREATED,
                S::CREATED,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::CREATED,
                S::FORBIDDEN,
            ],
        ),
        (
            "token create",
            [
                S::OK,
                S::OK,
                S::OK,
                S::OK,
                S::UNAUTHORIZED,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            "token revoke",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::UNAUTHORIZED,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            "view save",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::SEE_OTHER,
            ],
        ),
        (
            "view delete others'",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::FORBIDDEN,
            ],
        ),
        (
            "view delete own",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::SEE_OTHER,
            ],
        ),
    ];
    let mut n = 0;
    for (route, expected) in routes {
        for ((role, user, session, bearer), want) in who.iter().zip(expected) {
            n += 1;
            let account = app
                .store
                .user_credentials(user)
                .await
                .expect("user")
                .expect("exists")
                .0;
            let mut headers: Vec<(&str, String)> = vec![("cookie", session.cookie.clone())];
            if let Some(b) = bearer {
                headers.push(("authorization", b.to_string()));
            }
            // Each attempt imports different bytes, so none is "already imported".
            let mut doc = bytes.clone();
            doc.extend_from_slice(format!("\n\nAttempt {n}.\n").as_bytes());
            let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let form = |extra: Vec<(String, String)>| {
                let mut f = vec![pair("csrf", &session.csrf)];
                f.extend(extra);
                serde_urlencoded::to_string(f).expect("form")
            };
            let urlencoded = Some("application/x-www-form-urlencoded");
            let r = match route {
                "upload page" => {
                    let boundary = "b0undary";
                    let mut body = format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a{n}.txt\"\r\n\r\n",
                        session.csrf
                    )
                    .into_bytes();
                    body.extend_from_slice(&doc);
                    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
                    app.send_body(
                        Method::POST,
                        "/import",
                        Some(&format!("multipart/form-data; boundary={boundary}")),
                        &h,
                        body,
                    )
                    .await
                }
                "confirm page" | "api confirm" => {
                    let id = format!("pending-{n}");
                    app.store
                        .put_pending_import(
                            &id,
                            account.id,
                            &format!("a{n}.txt"),
                            &doc,
                            &Default::default(),
                            3600,
                        )
                        .await
                        .expect("pending");
                    if route == "confirm page" {
                        app.send_body(
                            Method::POST,
                            &format!("/import/{id}"),
                            urlencoded,
                            &h,
                            form(vec![]),
                        )
                        .await
                    } else {
                        let mut h = h.clone();
                        h.push(("x-csrf-token", &session.csrf));
                        app.send_body(
                            Method::POST,
                            &format!("/api/v1/imports/{id}/confirm"),
                            None,
                            &h,
                            "",
                        )
                        .await
                    }
                }
                "api upload" => {
                    let mut h = h.clone();
                    h.push(("x-csrf-token", &session.csrf));
                    app.send_body(
                        Method::POST,
                        &format!("/api/v1/imports?filename=a{n}.txt"),
                        Some("text/plain"),
                        &h,
                        doc,
                    )
                    .await
                }
                "token create" => {
                    app.send_body(
                        Method::POST,
                        "/tokens",
                        urlencoded,
                        &h,
                        form(vec![pair("name", format!("t{n}"))]),
                    )
                    .await
                }
                "token revoke" => {
                    let name = format!("r{n}");
                    app.token(user, &name).await;
                    app.send_body(
                        Method::POST,
                        "/tokens/revoke",
                        urlencoded,
                        &h,
                        form(vec![pair("name", name)]),
                    )
                    .await
                }
                "view save" => {
                    app.send_body(
                        Method::POST,
                        "/views",
                        urlencoded,
                        &h,
                        form(vec![
                            pair("name", format!("v{n}")),
                            pair("search", "/search?overdue=true"),
                        ]),
                    )
                    .await
                }
                _ => {
                    let owner = if route == "view delete own" {
                        account.id
                    } else {
                        // Someone else's: olu's, or ada's when olu is acting.
                        let other = if *user == "olu" { "ada" } else { "olu" };
                        app.store
                            .user_credentials(other)
                            .await
                            .expect("user")
                            .expect("exists")
                            .0
                            .id
                    };
                    let v = app
                        .store
                        .save_view(owner, &format!("d{n}"), "overdue=true")
                        .await
                        .expect("view");
                    app.send_body(
                        Method::POST,
                        &format!("/views/{}/delete", v.slug),
                        urlencoded,
                        &h,
                        form(vec![]),
                    )
                    .await
                }
            };
            assert_eq!(r.status, want, "{role} on {route}: {}", r.body);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The workflow: claims and verification, publishing, where writes came from.

async fn owners_claim_and_the_secretariat_verifies_or_rejects(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6").id;
    let two = by_ref(&items, "2").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    app.store.record_update(six, setup).await.expect("owner");
    let owner = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let sec = app.login_as("sam", Role::Secretariat, None).await;
    let before = app.store.item(six, None).await.expect("item");
    let open_before = app.store.reviews().await.expect("reviews")[0].open;

    // The owner records completion from the item page: a claim.
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &owner.cookie)],
            format!(
                "csrf={}&version={}&status=completed&note=Teams+in+place",
                owner.csrf, before.version
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let claimed = app.store.item(six, None).await.expect("item");
    assert_eq!(claimed.state.status, before.state.status);
    assert!(claimed.awaits_verification());
    assert_eq!(
        app.store.reviews().await.expect("reviews")[0].open,
        open_before,
        "a claim does not close the item"
    );
    let page = app
        .get_with(&format!("/items/{six}"), "cookie", &owner.cookie)
        .await;
    assert!(page.body.contains("Awaiting verification"), "{}", page.body);
    assert!(page.body.contains("A completion you record is a claim"));
    assert!(
        !page.body.contains("/verify\""),
        "an owner gets no Verify form"
    );

    // The dashboard counts it and links to the list; search and the API filter on it.
    let dash = app.get("/").await;
    assert!(
        dash.body.contains("Awaiting verification (1)"),
        "{}",
        dash.body
    );
    assert!(dash.body.contains("href=\"/search?awaiting=true\""));
    let found = app.get("/search?awaiting=true").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains(&format!("href=\"/items/{six}\"")));
    assert!(!found.body.contains(&format!("href=\"/items/{two}\"")));
    let listed = app.get("/api/v1/items?awaiting=true").await.json();
    let ids: Vec<i64> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect();
    assert_eq!(ids, vec![six.get()]);
    assert_eq!(
        app.get("/search?awaiting=perhaps").await.status,
        StatusCode::BAD_REQUEST
    );

    // The secretariat sees Verify and Reject; a rejection needs a reason.
    let page = app
        .get_with(&format!("/items/{six}"), "cookie", &sec.cookie)
        .await;
    assert!(
        page.body
            .contains(&format!("action=\"/items/{six}/verify\""))
    );
    assert!(page.body.contains(">Reject</button>"));
    let form = |decision: &str, note: &str, version: i64| {
        format!(
            "csrf={}&version={version}&decision={decision}&note={note}",
            sec.csrf
        )
    };
    let post = |body: String| {
        let cookie = sec.cookie.clone();
        let app = &app;
        async move {
            app.send_body(
                Method::POST,
                &format!("/items/{six}/verify"),
                Some("application/x-www-form-urlencoded"),
                &[("cookie", &cookie)],
                body,
            )
            .await
        }
    };
    let r = post(form("reject", "", claimed.version)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("needs a reason"), "{}", r.body);
    let r = post(form("maybe", "", claimed.version)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = post(form("reject", "No+evidence+attached", claimed.version)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rejected = app.store.item(six, None).await.expect("item");
    assert_eq!(rejected.state.status, before.state.status);
    assert!(!rejected.awaits_verification());
    let page = app.get(&format!("/items/{six}")).await;
    assert!(page.body.contains("Claim rejected"), "{}", page.body);
    assert!(page.body.contains("No evidence attached"));
    // Nothing awaits now: deciding again is refused.
    let r = post(form("accept", "", rejected.version)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("no completion awaiting verification"));

    // Claimed again through the API, verified through the API with the version.
    let r = app
        .patch_json(
            &format!("/api/v1/items/{six}"),
            json!({ "status": "completed", "version": rejected.version }),
            &[("cookie", &owner.cookie), ("x-csrf-token", &owner.csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["verification"]["state"], "awaiting");
    let version = r.json()["version"].as_i64().expect("version");
    let verify = |who: &Session, body: Value, if_match: Option<String>| {
        let app = &app;
        let mut headers = vec![
            ("cookie".to_string(), who.cookie.clone()),
            ("x-csrf-token".to_string(), who.csrf.clone()),
        ];
        if let Some(m) = if_match {
            headers.push(("if-match".to_string(), m));
        }
        async move {
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.send_body(
                Method::POST,
                &format!("/api/v1/items/{six}/verify"),
                Some("application/json"),
                &h,
                body.to_string(),
            )
            .await
        }
    };
    let r = verify(
        &owner,
        json!({ "decision": "accept", "version": version }),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = verify(&sec, json!({ "decision": "accept" }), None).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED, "{}", r.body);
    let r = verify(
        &sec,
        json!({ "decision": "accept" }),
        Some(format!("\"v{}\"", version - 1)),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = verify(&sec, json!({ "decision": "accept", "extra": 1 }), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/items/{six}/verify"),
            Some("application/json"),
            &[("cookie", &sec.cookie), ("x-csrf-token", &sec.csrf)],
            "{not json",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = verify(
        &sec,
        json!({ "decision": "accept", "note": "Seen the rota" }),
        Some(format!("\"v{version}\"")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["status"], "completed");
    assert_eq!(v["verification"]["state"], "verified");
    assert_eq!(v["verification"]["decided_by"], "sam");
    assert_eq!(r.header(header::ETAG), format!("\"v{}\"", version + 1));
    assert_eq!(
        app.store.reviews().await.expect("reviews")[0].open,
        open_before - 1,
        "verified, it is closed"
    );

    // A completion the secretariat records is verified at once.
    let two_version = app.store.item(two, None).await.expect("two").version;
    let r = app
        .patch_json(
            &format!("/api/v1/items/{two}"),
            json!({ "status": "completed", "version": two_version }),
            &[("cookie", &sec.cookie), ("x-csrf-token", &sec.csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "completed");
    assert_eq!(r.json()["verification"]["state"], "verified");

    // The history says who decided, when and why.
    let history = app.store.history(six).await.expect("history");
    let labels: Vec<&str> = history.iter().map(|e| e.change.label()).collect();
    assert!(
        labels.ends_with(&["updated", "rejected", "updated", "verified"]),
        "{labels:?}"
    );
    let page = app.get(&format!("/items/{six}")).await;
    assert!(page.body.contains("rejected, back to"), "{}", page.body);
    assert!(page.body.contains("Verified: completed"), "{}", page.body);
}

async fn readers_not_signed_in_see_only_published_reviews(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let hidden = app.import("london-dv-strategy-2006.txt").await;
    let sec = app.login_as("sam", Role::Secretariat, None).await;
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let hidden_items = app
        .store
        .items(&ItemFilter {
            review: Some(hidden.review),
            ..ItemFilter::default()
        })
        .await
        .expect("items");
    let item = hidden_items.first().expect("an item").id;
    let mut with_evidence = UpdateRequest::by(Actor::Person("Setup".into()));
    with_evidence.evidence = Some(EvidenceFile {
        file_name: "minutes.txt".into(),
        bytes: b"minutes".to_vec(),
        public: true,
    });
    let evidence = app
        .store
        .record_update(item, with_evidence)
        .await
        .expect("evidence")
        .state
        .evidence[0]
        .id;

    // The secretariat unpublishes the second review through the API.
    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/reviews/{}/publish", hidden.review),
            Some("application/json"),
            &[("cookie", &sec.cookie), ("x-csrf-token", &sec.csrf)],
            json!({ "published": false }).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["review"]["published"], false);
    assert_eq!(r.json()["changed"], true);
    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/reviews/{}/publish", hidden.review),
            Some("application/json"),
            &[("cookie", &sec.cookie), ("x-csrf-token", &sec.csrf)],
            json!({ "published": "no" }).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    // Not signed in: every way to it is a 404, and listings and counts leave it out.
    let everywhere = [
        format!("/reviews/{}", hidden.review),
        format!("/reviews/{}/report?format=csv", hidden.review),
        format!("/items/{item}"),
        format!("/items/{item}?as_of=2099-01-01"),
        format!("/api/v1/items/{item}"),
        format!("/evidence/{evidence}"),
    ];
    for uri in &everywhere {
        assert_eq!(app.get(uri).await.status, StatusCode::NOT_FOUND, "{uri}");
        let r = app.get_with(uri, "cookie", &viewer.cookie).await;
        assert_eq!(r.status, StatusCode::OK, "{uri} signed in: {}", r.body);
    }
    let missing = app.get("/reviews/999").await;
    let hidden_page = app.get(&format!("/reviews/{}", hidden.review)).await;
    assert_eq!(
        hidden_page.body.replace(&hidden.review.to_string(), "N"),
        missing.body.replace("999", "N"),
        "an unpublished review looks exactly like a missing one"
    );
    let reviews = app.get("/api/v1/reviews").await.json();
    assert_eq!(reviews["reviews"].as_array().expect("reviews").len(), 1);
    let signed_in = app
        .get_with("/api/v1/reviews", "cookie", &viewer.cookie)
        .await
        .json();
    assert_eq!(signed_in["reviews"].as_array().expect("reviews").len(), 2);
    let listed = app.get("/api/v1/items?per_page=200").await.json();
    let listed = listed["items"].as_array().expect("items");
    assert!(
        listed
            .iter()
            .all(|i| i["review"] != json!(hidden.review.get()))
    );
    assert!(!listed.is_empty());
    let search = app.get(&format!("/search?review={}", hidden.review)).await;
    assert!(!search.body.contains(&format!("href=\"/items/{item}\"")));
    let list = app.get("/reviews").await;
    assert!(
        !list
            .body
            .contains(&format!("href=\"/reviews/{}\"", hidden.review))
    );
    let total = app.items().await.len();
    let visible = total - hidden_items.len();
    let dash = app.get("/").await;
    assert!(
        dash.body.contains(&format!("{visible} items"))
            || dash.body.contains(&format!(">{visible}<")),
        "{}",
        dash.body
    );
    let dash_in = app.get_with("/", "cookie", &viewer.cookie).await;
    assert!(
        dash_in.body.contains(&format!("{total} items"))
            || dash_in.body.contains(&format!(">{total}<"))
    );

    // A client writing without signing in cannot reach it either.
    let r = app
        .patch_json(
            &format!("/api/v1/items/{item}"),
            json!({ "note": "hello", "version": 2 }),
            &[("x-heed-client", "tracker")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    // The review page shows the state, and the secretariat's Publish button publishes.
    let page = app
        .get_with(
            &format!("/reviews/{}", hidden.review),
            "cookie",
            &sec.cookie,
        )
        .await;
    assert!(page.body.contains("Not published"), "{}", page.body);
    assert!(page.body.contains(">Publish</button>"));
    let viewer_page = app
        .get_with(
            &format!("/reviews/{}", hidden.review),
            "cookie",
            &viewer.cookie,
        )
        .await;
    assert!(!viewer_page.body.contains(">Publish</button>"));
    let r = app
        .send_body(
            Method::POST,
            &format!("/reviews/{}/publish", hidden.review),
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &sec.cookie)],
            format!("csrf={}&published=true", sec.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for uri in &everywhere {
        assert_eq!(
            app.get(uri).await.status,
            StatusCode::OK,
            "{uri} once published"
        );
    }
    let events = app
        .store
        .review_events(hidden.review)
        .await
        .expect("events");
    let published: Vec<(&str, &str)> = events
        .iter()
        .filter(|e| matches!(e.change, heed_store::Change::Published { .. }))
        .map(|e| (e.change.label(), e.author.as_str()))
        .collect();
    assert_eq!(
        published,
        [
            ("published", "Test Importer"),
            ("unpublished", "sam"),
            ("published", "sam")
        ]
    );
}

async fn writes_record_where_they_came_from(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();
    let uri = format!("/api/v1/items/{}", six.id);
    let r = app
        .patch_json(
            &uri,
            json!({ "note": "From the tracker", "version": six.version }),
            &[("x-forwarded-for", "198.51.100.1, 203.0.113.9")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let last = app.store.history(six.id).await.expect("history");
    assert_eq!(
        last.last().and_then(|e| e.origin.as_deref()),
        Some(CLIENT_ADDRESS),
        "without --trust-proxy the header is ignored"
    );
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let page = app
        .get_with(&format!("/items/{}", six.id), "cookie", &viewer.cookie)
        .await;
    assert!(
        page.body.contains(&format!("from {CLIENT_ADDRESS}")),
        "{}",
        page.body
    );
    // Client addresses are for people signed in only.
    let public = app.get(&format!("/items/{}", six.id)).await;
    assert!(!public.body.contains(CLIENT_ADDRESS), "{}", public.body);

    // Behind a trusted proxy, the address the proxy saw (the last one it added).
    let mut config = app.config.clone();
    config.trust_proxy = true;
    let behind = routed(app.store.clone(), config);
    let response = behind
        .oneshot(
            Request::patch(&uri)
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-forwarded-for", "198.51.100.1, 203.0.113.9")
                .body(Body::from(
                    json!({ "note": "Through the proxy", "version": six.version + 1 }).to_string(),
                ))
                .expect("request"),
        )
        .await
        .expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    let last = app.store.history(six.id).await.expect("history");
    assert_eq!(
        last.last().and_then(|e| e.origin.as_deref()),
        Some("203.0.113.9")
    );
}

async fn verifying_and_publishing_work_with_a_bearer_token(app: TestApp) {
    // Found by schemathesis with a secretariat's token: the API's verify and publish routes
    // asked a bearer token for a session's CSRF token, and so refused every program.
    let app = app.read_only();
    let s = app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    app.store.record_update(six, setup).await.expect("owner");
    app.login_as("olu", Role::Owner, Some("Custody")).await;
    app.login_as("sam", Role::Secretariat, None).await;
    let olu = format!("Bearer {}", app.token("olu", "olu-bot").await);
    let sam = format!("Bearer {}", app.token("sam", "sam-bot").await);
    let version = app.store.item(six, None).await.expect("item").version;

    let r = app
        .patch_json(
            &format!("/api/v1/items/{six}"),
            json!({ "status": "completed", "version": version }),
            &[("authorization", &olu)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["verification"]["state"], "awaiting");
    let version = r.json()["version"].as_i64().expect("version");
    let post = |uri: String, who: &str, body: Value| {
        let app = &app;
        let who = who.to_string();
        async move {
            app.send_body(
                Method::POST,
                &uri,
                Some("application/json"),
                &[("authorization", &who)],
                body.to_string(),
            )
            .await
        }
    };
    let verify = format!("/api/v1/items/{six}/verify");
    let r = post(
        verify.clone(),
        &olu,
        json!({ "decision": "accept", "version": version }),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "an owner's token may not verify: {}",
        r.body
    );
    let r = post(
        verify,
        &sam,
        json!({ "decision": "accept", "version": version }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "completed");
    assert_eq!(r.json()["verification"]["state"], "verified");
    let history = app.store.history(six).await.expect("history");
    let last = history.last().expect("an event");
    assert_eq!(last.author, "sam via token sam-bot", "{last:?}");

    let publish = format!("/api/v1/reviews/{}/publish", s.review);
    let r = post(publish.clone(), &olu, json!({ "published": false })).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = post(publish, &sam, json!({ "published": false })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["changed"], true);
    assert_eq!(r.json()["review"]["published"], false);
}

/// A published review seen by a reader not signed in: its items, statuses and notes, but no
/// staff names, no client addresses, and only the evidence marked public.
async fn the_public_sees_no_staff_names_addresses_or_private_evidence(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").id;
    let evidence = |name: &str, public: bool| EvidenceFile {
        file_name: name.into(),
        bytes: format!("bytes of {name}").into_bytes(),
        public,
    };
    let mut u = UpdateRequest::by(Actor::Person("Olive Owner".into()));
    u.note = Some("Cells refurbished".into());
    u.status = Some(heed_core::Status::Completed);
    u.claim_only = true;
    u.evidence = Some(evidence("private-minutes.txt", false));
    u.origin = Some("203.0.113.9".into());
    app.store.record_update(six, u).await.expect("claim");
    let mut u = UpdateRequest::by(Actor::Api("Olive Owner via token laptop".into()));
    u.evidence = Some(evidence("public-photo.jpg", true));
    u.origin = Some("203.0.113.10".into());
    let item = app.store.record_update(six, u).await.expect("evidence");
    app.store
        .verify(
            six,
            heed_store::VerifyRequest {
                decision: heed_core::Decision::Accept,
                note: Some("Seen on a visit".into()),
                expected_version: None,
                by: Actor::Person("Sam Secretariat".into()),
                on: None,
                origin: Some("198.51.100.4".into()),
            },
        )
        .await
        .expect("verify");
    let private = item.state.evidence[0].id;
    let public = item.state.evidence[1].id;
    let secrets = [
        "Olive Owner",
        "Sam Secretariat",
        "Test Importer",
        "laptop",
        "203.0.113.9",
        "203.0.113.10",
        "198.51.100.4",
        "private-minutes.txt",
    ];
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    for uri in [
        format!("/items/{six}"),
        format!("/api/v1/items/{six}"),
        "/api/v1/items?per_page=200".to_string(),
        "/search?q=cells".to_string(),
    ] {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        for s in secrets {
            assert!(
                !r.body.contains(s),
                "{uri} shows {s:?} to the public:\n{}",
                r.body
            );
        }
        // Signed in, the same page names them.
        let r = app.get_with(&uri, "cookie", &viewer.cookie).await;
        if uri.contains(&six.to_string()) {
            assert!(r.body.contains("Olive Owner"), "{uri}: {}", r.body);
        }
    }
    let page = app.get(&format!("/items/{six}")).await;
    assert!(
        page.body.contains("Cells refurbished"),
        "notes are published"
    );
    assert!(page.body.contains("public-photo.jpg"));
    assert!(!page.body.contains(&format!("href=\"/evidence/{private}\"")));
    assert_eq!(
        app.get(&format!("/evidence/{private}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/evidence/{public}")).await.body,
        "bytes of public-photo.jpg"
    );
    let r = app
        .get_with(&format!("/evidence/{private}"), "cookie", &viewer.cookie)
        .await;
    assert_eq!(r.body, "bytes of private-minutes.txt");
}

/// "See Recommendation 14": the report's own cross-references are on the item page, as
/// links to the items they name in the same review.
async fn an_items_cross_references_are_shown_and_followed(app: TestApp) {
    app.import("cdrp-scrutiny-progress-2005.txt").await;
    let items = app.items().await;
    let fifteen = by_ref(&items, "15");
    assert_eq!(fifteen.state.see_also, vec!["14".to_string()]);
    let fourteen = by_ref(&items, "14").id;
    let page = app.get(&format!("/items/{}", fifteen.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!(
            "<a href=\"/items/{fourteen}\">The report refers to recommendation 14</a>"
        )),
        "{}",
        page.body
    );
}
