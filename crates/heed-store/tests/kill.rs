//! A process killed (SIGKILL) in the middle of an import leaves the register as it was
//! before that document. The test runs itself again as a child process that starts a large
//! import, kills the child once the import is under way, and looks at what is left. On a
//! SQLite file always, and on PostgreSQL when `HEED_TEST_POSTGRES_URL` is set.

use heed_core::{Document, Item, ItemKind};
use heed_store::{Actor, DatabaseUrl, Import, ImportOutcome, ItemFilter, ReportMeta, open};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const CHILD_ENV: &str = "HEED_KILL_TEST_DB";

fn document(title: &str, n: usize) -> Document {
    Document {
        title: Some(title.into()),
        items: (0..n)
            .map(|k| {
                let mut i = Item::new(
                    ItemKind::Recommendation,
                    format!("{title}: recommendation number {k} about custody"),
                    k + 1,
                );
                i.r#ref = Some((k + 1).to_string());
                i
            })
            .collect(),
        ..Document::default()
    }
}

async fn import(url: &DatabaseUrl, doc: &Document) -> ImportOutcome {
    let store = open(url).await.expect("open");
    let bytes = serde_json::to_vec(doc).expect("json");
    let outcome = store
        .import_document(Import {
            file_name: "big.md".into(),
            bytes: &bytes,
            document: doc,
            meta: ReportMeta::default(),
            review: None,
            by: Actor::Person("kill test".into()),
            origin: None,
            dry_run: false,
        })
        .await
        .expect("import");
    store.close().await;
    outcome
}

/// In the child: announce the import, then run it (the parent kills us meanwhile).
fn child(db: &str) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let url = DatabaseUrl::parse(db).expect("database URL");
    let doc = document("Big", 300_000);
    println!("importing");
    rt.block_on(import(&url, &doc));
    println!("imported");
}

#[test]
fn sigkill_mid_import_leaves_the_register_as_before() {
    if let Ok(db) = std::env::var(CHILD_ENV) {
        return child(&db);
    }
    let dir = std::env::temp_dir().join(format!("heed-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("heed.db");
    kill_mid_import(
        DatabaseUrl::Sqlite(path.clone()),
        &format!("sqlite://{}", path.display()),
    );
    let check: (String,) = tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(async {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .expect("connect");
            let row = sqlx::query_as("PRAGMA integrity_check")
                .fetch_one(&pool)
                .await
                .expect("check");
            pool.close().await;
            row
        });
    assert_eq!(check.0, "ok");
    let _ = std::fs::remove_dir_all(&dir);

    let Ok(base) = std::env::var("HEED_TEST_POSTGRES_URL") else {
        eprintln!("skipped on PostgreSQL: set HEED_TEST_POSTGRES_URL");
        return;
    };
    let db = format!("heed_t_{}_kill", std::process::id());
    let url = tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(async {
            let admin = sqlx::PgPool::connect(&base).await.expect("connect");
            for sql in [
                format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
                format!("CREATE DATABASE {db}"),
            ] {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&admin)
                    .await
                    .expect("create database");
            }
            admin.close().await;
            let head = base.split('?').next().unwrap_or(&base);
            let cut = head.rfind('/').expect("a database URL with a path");
            format!("{}/{db}", &head[..cut])
        });
    kill_mid_import(DatabaseUrl::Postgres(url.clone()), &url);
}

/// Imports a small document, then kills a child process in the middle of a large import
/// into the same register, and compares what is left with what was there.
fn kill_mid_import(url: DatabaseUrl, child_url: &str) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(import(&url, &document("Small", 3)));
    let look = || {
        rt.block_on(async {
            let store = open(&url).await.expect("open");
            let items = store.items(&ItemFilter::default()).await.expect("items");
            let reports = store.reports(None).await.expect("reports");
            store.close().await;
            serde_json::to_string(&(items, reports)).expect("json")
        })
    };
    let before = look();

    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "sigkill_mid_import_leaves_the_register_as_before",
            "--nocapture",
        ])
        .env(CHILD_ENV, child_url)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn child");
    let stdout = child.stdout.take().expect("child stdout");
    let mut lines = BufReader::new(stdout).lines();
    loop {
        match lines.next() {
            Some(Ok(l)) if l.trim() == "importing" => break,
            Some(Ok(_)) => continue,
            other => panic!("child ended before importing: {other:?}"),
        }
    }
    // Let the import get well into its transaction, then kill it outright.
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().expect("SIGKILL");
    child.wait().expect("reap child");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        !rest.iter().any(|l| l.trim() == "imported"),
        "the import finished before the kill; make the document bigger"
    );
    assert_eq!(look(), before, "the killed import left something behind");
}
