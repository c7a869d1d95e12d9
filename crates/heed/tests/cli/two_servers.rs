//! The scale-out path: two `heed serve` processes on one PostgreSQL database serve the same
//! register. A write through one is seen through the other within a second, on every kind
//! of answer that keeps something in memory (an item, a filtered list, a search, the
//! dashboard), even when the other had just answered the same question. Runs when
//! `HEED_TEST_POSTGRES_URL` names a test server (as `scripts/test` does).

use crate::support::{Server, Session, get, http};
use std::time::{Duration, Instant};

fn serve(session: &Session, url: &str) -> Server {
    session.serve(&["--database", url, "--unauthenticated-api-writes"])
}

/// Asks `path` of `server` until `seen` holds of the body, for at most a second after the
/// write; returns how long that took.
fn within_a_second(server: &Server, path: &str, seen: impl Fn(&str) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        let (status, body) = get(&server.addr, path);
        assert_eq!(status, 200, "{path}: {body}");
        if seen(&body) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{path} through the second server still shows the old answer after 1 s:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn two_servers_on_one_postgres_serve_the_same_register() {
    if heed_testkit::postgres_server().is_none() {
        eprintln!("skipped: set HEED_TEST_POSTGRES_URL to run on PostgreSQL");
        return;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let db = rt
        .block_on(heed_testkit::fresh_postgres("two_servers"))
        .expect("a test server");
    let s = Session::new("two-servers");
    s.write(
        "report.md",
        "# Inspection of Anyshire\n\nDate: 1 March 2005\n\n\
         Recommendation 1: The force should publish its custody targets.\n\n\
         Recommendation 2: The force should train every custody sergeant.\n\n\
         Recommendation 3: The force should audit its detention logs.\n",
    );
    s.heed(&["--database", &db.url, "import", "report.md"]).ok();
    // Published, so that API clients that are not signed in see it.
    s.heed(&["--database", &db.url, "publish", "1"]).ok();
    let a = serve(&s, &db.url);
    let b = serve(&s, &db.url);

    // Both answer the same, and each remembers what it answered.
    let paths = [
        "/api/v1/items/1",
        "/api/v1/items?status=in_progress",
        "/api/v1/items?q=targets&status=in_progress",
        "/",
    ];
    for path in paths {
        let (sa, ba) = get(&a.addr, path);
        let (sb, bb) = get(&b.addr, path);
        assert_eq!((sa, sb), (200, 200), "{path}");
        assert_eq!(ba, bb, "{path}: the two servers differ before any write");
    }
    let (_, before) = get(&b.addr, "/api/v1/items?status=in_progress");
    assert!(before.contains("\"total\":0"), "{before}");
    let (_, dashboard_before) = get(&b.addr, "/");

    // A write through the first server...
    let (_, item) = get(&a.addr, "/api/v1/items/1");
    let version: serde_json::Value = serde_json::from_str(&item).expect("item JSON");
    let version = version["version"].as_i64().expect("version").to_string();
    let (status, body) = http(
        &a.addr,
        "PATCH",
        "/api/v1/items/1",
        &[("If-Match", &format!("\"v{version}\""))],
        r#"{"status":"in_progress","note":"Targets published on the force website"}"#,
    );
    assert_eq!(status, 200, "{body}");

    // ... is seen through the second within a second, on every kind of answer.
    let took = [
        within_a_second(&b, "/api/v1/items/1", |b| {
            b.contains("Targets published on the force website")
        }),
        within_a_second(&b, "/api/v1/items?status=in_progress", |b| {
            b.contains("\"total\":1")
        }),
        within_a_second(&b, "/api/v1/items?q=targets&status=in_progress", |b| {
            b.contains("\"total\":1")
        }),
        within_a_second(&b, "/", |b| b != dashboard_before),
    ];
    eprintln!("seen through the second server after {took:?}");
    drop((a, b));
    rt.block_on(db.drop_database());
}
