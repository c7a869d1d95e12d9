//! A process killed (SIGKILL) at any moment leaves the register whole: a large import is
//! either all there or not there at all, and nothing derived from the register (the
//! dashboard's counters, the SQLite search index beside it) disagrees with it afterwards.
//!
//! The campaign runs itself again as child processes and kills them at random moments:
//! - during large imports (from just after the import starts to a little past its measured
//!   length, so kills land early, in the middle of the transaction and during its commit);
//! - during a rebuild of the SQLite search index (the `-index` directory deleted, then a
//!   search in the child builds it again from the first event);
//! - during a recount of the counters (`item_counts`, migration 0008), which every open
//!   does when they are not marked as counted for the register's contents.
//!
//! After every kill: SQLite's `PRAGMA integrity_check` is `ok` for the register, and its
//! search index opens and counts each item once (on PostgreSQL, once the killed client's server process has gone, `amcheck`
//! finds every B-tree index sound); the items and reports are exactly as before the killed
//! import, or the import is there whole (a kill after its commit); the dashboard, the
//! review list and the counters agree with counts made from the rows; every search finds
//! exactly the items it should. Finally a full import succeeds and is counted right.
//!
//! On a SQLite file always, and on PostgreSQL when `HEED_TEST_POSTGRES_URL` is set. Knobs
//! (environment), for a longer run by hand:
//! - `HEED_KILL_TEST_KILLS`: kills during imports per backend (default 8);
//! - `HEED_KILL_TEST_REBUILDS`: kills during each kind of rebuild per backend (default 2);
//! - `HEED_KILL_TEST_ITEMS`: items per large import (default 20,000);
//! - `HEED_KILL_TEST_SEED`: the random seed (printed by every run, to replay a failure).
//!
//! `HEED_KILL_TEST_KILLS=40 HEED_KILL_TEST_REBUILDS=10 cargo test -p heed-store --test kill
//! -- --nocapture` is the long run; the README has its figures.

use heed_core::date::Day;
use heed_core::{Document, Item, ItemKind};
use heed_store::{
    Actor, DatabaseUrl, Import, ImportOutcome, ItemFilter, ItemRecord, ReportMeta, Store, open,
};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Set in a child: the register it works on.
const CHILD_DB: &str = "HEED_KILL_TEST_DB";
/// Set in a child: what it does (`import TITLE N`, `dry TITLE N`, `reindex`, `recount`).
const CHILD_JOB: &str = "HEED_KILL_TEST_JOB";

/// One backend's campaign at a time: each measures how long its imports take, which the
/// other's would distort.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn knob(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// A small random number generator (SplitMix64): the campaign needs a replayable sequence,
/// not good randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A duration drawn evenly from `from ..= to`.
    fn between(&mut self, from: Duration, to: Duration) -> Duration {
        let (a, b) = (from.as_micros() as u64, to.as_micros() as u64);
        Duration::from_micros(a + self.next() % (b.saturating_sub(a) + 1))
    }
}

/// A document of `n` unnumbered recommendations. Every text has "custody" and the title
/// twice over (`Kilo7`, `Kilo7x`), so a search for the title finds exactly this document's
/// items, and no item matches another document's by reference or by its words (a new
/// review each time, `n` new items).
fn document(title: &str, n: usize) -> Document {
    Document {
        title: Some(title.into()),
        items: (0..n)
            .map(|k| {
                Item::new(
                    ItemKind::Recommendation,
                    format!("{title} {title}x custody recommendation {k}"),
                    k + 1,
                )
            })
            .collect(),
        ..Document::default()
    }
}

fn file_name(title: &str) -> String {
    format!("{title}.md")
}

async fn import(store: &dyn Store, title: &str, n: usize, dry_run: bool) -> ImportOutcome {
    let doc = document(title, n);
    let bytes = serde_json::to_vec(&doc).expect("json");
    store
        .import_document(Import {
            file_name: file_name(title),
            bytes: &bytes,
            document: &doc,
            meta: ReportMeta::default(),
            review: None,
            by: Actor::Person("kill test".into()),
            origin: None,
            dry_run,
        })
        .await
        .expect("import")
}

fn text_filter(text: &str) -> ItemFilter {
    ItemFilter {
        text: Some(text.into()),
        ..ItemFilter::default()
    }
}

/// In a child: announce the job, do it (the parent kills us meanwhile), say it is done.
#[test]
fn child_process() {
    let (Ok(db), Ok(job)) = (std::env::var(CHILD_DB), std::env::var(CHILD_JOB)) else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let url = DatabaseUrl::parse(&db).expect("database URL");
    let words: Vec<&str> = job.split(' ').collect();
    rt.block_on(async {
        match words.as_slice() {
            [job @ ("import" | "dry"), title, n] => {
                let n: usize = n.parse().expect("a number of items");
                let store = open(&url).await.expect("open");
                println!("started");
                // A dry run does all an import does but commit: how long an import takes
                // now, without adding to the register.
                import(&*store, title, n, *job == "dry").await;
                println!("done");
                store.close().await;
            }
            ["reindex"] => {
                // Opening makes an empty index; the search then takes in every event.
                let store = open(&url).await.expect("open");
                println!("started");
                store
                    .count_items(&text_filter("custody"))
                    .await
                    .expect("search");
                println!("done");
                store.close().await;
            }
            ["recount"] => {
                // Opening counts the counters again (the parent marked them stale).
                println!("started");
                let store = open(&url).await.expect("open");
                println!("done");
                store.close().await;
            }
            other => panic!("unknown job {other:?}"),
        }
    });
}

/// Where a kill landed, as far as the register and the child's output tell.
#[derive(Debug, Default)]
struct Tally {
    /// Nothing of the killed job is in the register.
    rolled_back: usize,
    /// The import is there whole, but the child had not said so: killed in its commit or
    /// just after.
    committed_unsaid: usize,
    /// The child had finished before the kill.
    finished: usize,
    /// Kills aimed at the end of the import (its commit).
    aimed_at_end: usize,
    /// Kills that left nothing though they came after a dry run's length (all of an
    /// import but its commit): most in the commit, some in an import slower than the dry
    /// run.
    past_dry_run: usize,
}

/// What a check found: the register's fingerprint and sizes.
#[derive(Debug, Clone, PartialEq)]
struct Look {
    fingerprint: u64,
    items: usize,
    reports: Vec<String>,
}

struct Campaign {
    backend: &'static str,
    url: DatabaseUrl,
    child_url: String,
    /// The SQLite register's file.
    file: Option<PathBuf>,
    /// The PostgreSQL server's URL and the test database's name.
    server: Option<(String, String)>,
    rt: tokio::runtime::Runtime,
    rng: Rng,
    items_per_import: usize,
    /// Each document in the register: its title and items.
    documents: BTreeMap<String, usize>,
    attempts: usize,
}

impl Campaign {
    fn store(&self) -> Box<dyn Store> {
        self.rt.block_on(open(&self.url)).expect("open")
    }

    /// Runs a child with `job`, kills it `after` its "started" line (if it has not finished
    /// by then), and says whether it had finished.
    fn kill_child(&self, job: &str, after: Duration) -> (bool, Duration) {
        let exe = std::env::current_exe().expect("test binary");
        let mut child = Command::new(exe)
            .args([
                "--exact",
                "child_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DB, &self.child_url)
            .env(CHILD_JOB, job)
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send((line.trim().to_string(), Instant::now()));
            }
        });
        let started = loop {
            match rx.recv_timeout(Duration::from_secs(120)) {
                Ok((l, at)) if l.ends_with("started") => break at,
                Ok(_) => continue,
                Err(e) => panic!("child ended before starting its job ({job}): {e}"),
            }
        };
        let deadline = started + after;
        let mut finished = None;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(left) {
                Ok((l, at)) if l.ends_with("done") => {
                    finished = Some(at - started);
                    break;
                }
                Ok(_) => continue,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    panic!("child ({job}) ended without finishing: {:?}", child.wait())
                }
            }
        }
        // SIGKILL, even when it has said "done": it may be closing the register.
        let _ = child.kill();
        child.wait().expect("reap child");
        let _ = reader.join();
        // A "done" written just before the kill may be read only now.
        if finished.is_none() {
            while let Ok((l, at)) = rx.try_recv() {
                if l.ends_with("done") {
                    finished = Some(at - started);
                }
            }
        }
        (finished.is_some(), finished.unwrap_or(after))
    }

    /// Runs `job` in a child to its end and says how long it took from its "started" line.
    fn run_child(&self, job: &str) -> Duration {
        let (finished, took) = self.kill_child(job, Duration::from_secs(600));
        assert!(finished, "child ({job}) did not finish in 10 minutes");
        took
    }

    /// Waits until nothing but us is connected to the PostgreSQL test database: the killed
    /// client's server process has noticed, and rolled back or committed what it had.
    fn settle(&self) {
        let Some((server, db)) = &self.server else {
            return;
        };
        self.rt.block_on(async {
            let admin = sqlx::PgPool::connect(server).await.expect("connect");
            let start = Instant::now();
            loop {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 \
                     AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
                )
                .bind(db)
                .fetch_one(&admin)
                .await
                .expect("pg_stat_activity");
                if n == 0 {
                    break;
                }
                assert!(
                    start.elapsed() < Duration::from_secs(60),
                    "a killed client's session still runs after 60 s"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            admin.close().await;
        });
    }

    /// The files' own integrity: SQLite's check of the register (its search index is
    /// checked by `index_agrees`);
    /// PostgreSQL's B-tree indexes checked by `amcheck` (when the server has it).
    fn integrity(&self) {
        match (&self.file, &self.server) {
            (Some(file), _) => {
                for f in [file.clone()] {
                    if !f.exists() {
                        continue;
                    }
                    let (check,): (String,) = self.rt.block_on(async {
                        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", f.display()))
                            .await
                            .expect("connect");
                        let row = sqlx::query_as("PRAGMA integrity_check")
                            .fetch_one(&pool)
                            .await
                            .expect("integrity_check");
                        pool.close().await;
                        row
                    });
                    assert_eq!(check, "ok", "{}", f.display());
                }
            }
            (None, Some(_)) => self.rt.block_on(async {
                let pool = sqlx::PgPool::connect(&self.child_url)
                    .await
                    .expect("connect");
                let amcheck = sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
                    .execute(&pool)
                    .await;
                if let Err(e) = &amcheck {
                    eprintln!("PostgreSQL: indexes not checked: no amcheck ({e})");
                } else {
                    let (checked,): (i64,) = sqlx::query_as(
                        "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i \
                         JOIN pg_class c ON c.oid = i.indexrelid \
                         JOIN pg_am a ON a.oid = c.relam \
                         JOIN pg_namespace n ON n.oid = c.relnamespace \
                         WHERE a.amname = 'btree' AND n.nspname = 'public'",
                    )
                    .fetch_one(&pool)
                    .await
                    .expect("amcheck");
                    assert!(checked > 0, "no index checked");
                }
                pool.close().await;
            }),
            (None, None) => {}
        }
    }

    /// The register's items and reports, and every figure derived from them checked
    /// against the rows.
    fn check(&self) -> Look {
        self.settle();
        self.integrity();
        let store = self.store();
        let today = Day::parse_iso("2030-01-01").expect("day");
        let look = self.rt.block_on(async {
            let items = store.items(&ItemFilter::default()).await.expect("items");
            let reports = store.reports(None).await.expect("reports");
            let mut h = std::collections::hash_map::DefaultHasher::new();
            serde_json::to_vec(&(&items, &reports))
                .expect("json")
                .hash(&mut h);
            let total = items.len();
            // Counts made from the rows...
            let open_item = |i: &ItemRecord| {
                i.state.kind.is_action() && i.state.status.is_none_or(|s| !s.is_closed())
            };
            let open = items.iter().filter(|i| open_item(i)).count();
            let mut per_review: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
            for i in &items {
                let e = per_review.entry(i.review.get()).or_default();
                e.0 += 1;
                e.1 += i64::from(open_item(i));
            }
            // ...against the counters: the dashboard and the review list.
            assert_eq!(
                store
                    .count_items(&ItemFilter::default())
                    .await
                    .expect("count"),
                total as u64
            );
            let dash = store
                .dashboard(&ItemFilter::default(), today)
                .await
                .expect("dashboard");
            assert_eq!((dash.total, dash.open), (total as i64, open as i64));
            assert_eq!(
                dash.by_status.iter().map(|s| s.1).sum::<i64>(),
                total as i64
            );
            let listed: BTreeMap<i64, (i64, i64)> = store
                .reviews()
                .await
                .expect("reviews")
                .iter()
                .filter(|r| r.items > 0)
                .map(|r| (r.id.get(), (r.items, r.open)))
                .collect();
            assert_eq!(listed, per_review, "the review list's counts");
            let public = store
                .dashboard(
                    &ItemFilter {
                        published_only: true,
                        ..ItemFilter::default()
                    },
                    today,
                )
                .await
                .expect("public dashboard");
            let published = store
                .count_items(&ItemFilter {
                    published_only: true,
                    ..ItemFilter::default()
                })
                .await
                .expect("count");
            assert_eq!(public.total, published as i64);
            // Every search finds what it should: each document's items by its title, and
            // every item by the word they all have.
            assert_eq!(
                store
                    .count_items(&text_filter("custody"))
                    .await
                    .expect("search"),
                total as u64
            );
            for (title, n) in &self.documents {
                finds(&*store, title, *n).await;
            }
            store.close().await;
            Look {
                fingerprint: h.finish(),
                items: total,
                reports: reports.iter().map(|r| r.file_name.clone()).collect(),
            }
        });
        self.index_agrees(look.items);
        self.counters_recount_the_same();
        look
    }

    /// The SQLite index itself (after the searches brought it level): one entry per item,
    /// none missing, none twice (a search's count on SQLite is the index's own count of
    /// its documents).
    fn index_agrees(&self, items: usize) {
        if self.file.is_none() {
            return;
        }
        let store = self.store();
        let n = self.rt.block_on(async {
            let f = ItemFilter {
                text: Some("custody".into()),
                ..ItemFilter::default()
            };
            let n = store.count_items(&f).await.expect("index");
            store.close().await;
            n
        });
        assert_eq!(n, items as u64, "entries in the search index");
    }

    /// Every counter as kept, against the same counted again from the items (the store
    /// counts them again when they are marked stale).
    fn counters_recount_the_same(&self) {
        let kept = self.counters();
        self.mark_counters_stale();
        let store = self.store();
        self.rt.block_on(store.close());
        assert_eq!(self.counters(), kept, "the counters against the rows");
    }

    fn counters(&self) -> Vec<(i64, String, String, i64)> {
        let sql =
            "SELECT scope, dim, key, n FROM item_counts WHERE n <> 0 ORDER BY scope, dim, key";
        self.rt.block_on(async {
            match &self.file {
                Some(f) => {
                    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", f.display()))
                        .await
                        .expect("connect");
                    let rows = sqlx::query_as(sql).fetch_all(&pool).await.expect("counts");
                    pool.close().await;
                    rows
                }
                None => {
                    let pool = sqlx::PgPool::connect(&self.child_url)
                        .await
                        .expect("connect");
                    let rows = sqlx::query_as(sql).fetch_all(&pool).await.expect("counts");
                    pool.close().await;
                    rows
                }
            }
        })
    }

    fn mark_counters_stale(&self) {
        let sql = "UPDATE register_meta SET value = '' WHERE key = 'counts'";
        self.rt.block_on(async {
            match &self.file {
                Some(f) => {
                    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", f.display()))
                        .await
                        .expect("connect");
                    sqlx::query(sql).execute(&pool).await.expect("stale");
                    pool.close().await;
                }
                None => {
                    let pool = sqlx::PgPool::connect(&self.child_url)
                        .await
                        .expect("connect");
                    sqlx::query(sql).execute(&pool).await.expect("stale");
                    pool.close().await;
                }
            }
        });
    }

    fn delete_index(&self) {
        if let Some(file) = &self.file {
            let _ = std::fs::remove_dir_all(format!("{}-index", file.display()));
        }
    }

    fn next_title(&mut self) -> String {
        self.attempts += 1;
        format!("Kilo{}", self.attempts)
    }

    /// How long an import takes now (the machine's load and the register's size change
    /// it): a dry run's length, all of an import but its commit.
    fn measure(&mut self) -> Duration {
        self.attempts += 1;
        let title = format!("Dry{}", self.attempts);
        self.run_child(&format!("dry {title} {}", self.items_per_import))
    }

    /// Kills an import after a random delay and checks what is left. `near_end`: from a
    /// little before the import's `length` (a dry run's) to a little past it, where the
    /// commit is; otherwise from just after it starts to its length.
    fn kill_an_import(
        &mut self,
        before: &Look,
        length: Duration,
        near_end: bool,
        tally: &mut Tally,
    ) -> Look {
        let title = self.next_title();
        let n = self.items_per_import;
        let after = if near_end {
            self.rng.between(length * 17 / 20, length * 23 / 20)
        } else {
            self.rng.between(Duration::from_millis(20), length)
        };
        let (finished, at) = self.kill_child(&format!("import {title} {n}"), after);
        if near_end {
            tally.aimed_at_end += 1;
        }
        let aim = if near_end { " (aimed at its end)" } else { "" };
        let look = self.check();
        if look == *before {
            assert!(!finished, "{title} was imported, then lost");
            tally.rolled_back += 1;
            if at > length {
                tally.past_dry_run += 1;
            }
            eprintln!(
                "{}: killed {title} at {:.2} s of ~{:.2} s{aim}: nothing left",
                self.backend,
                at.as_secs_f64(),
                length.as_secs_f64()
            );
            return look;
        }
        // Killed after its commit: then it is there whole.
        assert_eq!(look.items, before.items + n, "{title}: a part of an import");
        let mut reports = before.reports.clone();
        reports.push(file_name(&title));
        assert_eq!(look.reports, reports, "{title}: its report");
        if finished {
            tally.finished += 1;
        } else {
            tally.committed_unsaid += 1;
        }
        eprintln!(
            "{}: killed {title} at {:.2} s of ~{:.2} s{aim}: all there ({})",
            self.backend,
            after.as_secs_f64(),
            length.as_secs_f64(),
            if finished {
                "it had finished"
            } else {
                "killed in or after its commit"
            }
        );
        // Searched for once it is in: the check above did not know the title yet.
        let store = self.store();
        self.rt.block_on(async {
            finds(&*store, &title, n).await;
            store.close().await;
        });
        self.documents.insert(title, n);
        look
    }
}

/// A search for a document's title finds its `n` items.
async fn finds(store: &dyn Store, title: &str, n: usize) {
    assert_eq!(
        store
            .count_items(&text_filter(&format!("{title}x")))
            .await
            .expect("search"),
        n as u64,
        "a search for {title}"
    );
}

#[test]
fn sigkill_campaign_on_sqlite() {
    if std::env::var(CHILD_DB).is_ok() {
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = heed_testkit::temp_dir("kill");
    let path = dir.join("heed.db");
    campaign(
        "SQLite",
        DatabaseUrl::Sqlite(path.clone()),
        format!("sqlite://{}", path.display()),
        Some(path),
        None,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigkill_campaign_on_postgres() {
    if std::env::var(CHILD_DB).is_ok() {
        return;
    }
    if heed_testkit::postgres_server().is_none() {
        eprintln!("skipped on PostgreSQL: set HEED_TEST_POSTGRES_URL");
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let db = rt
        .block_on(heed_testkit::fresh_postgres("kill"))
        .expect("a test server");
    campaign(
        "PostgreSQL",
        DatabaseUrl::Postgres(db.url.clone()),
        db.url.clone(),
        None,
        Some((db.server.clone(), db.name.clone())),
    );
    rt.block_on(db.drop_database());
}

fn campaign(
    backend: &'static str,
    url: DatabaseUrl,
    child_url: String,
    file: Option<PathBuf>,
    server: Option<(String, String)>,
) {
    let seed = knob(
        "HEED_KILL_TEST_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64),
    );
    let kills = knob("HEED_KILL_TEST_KILLS", 8) as usize;
    let rebuilds = knob("HEED_KILL_TEST_REBUILDS", 2) as usize;
    let items = knob("HEED_KILL_TEST_ITEMS", 20_000) as usize;
    eprintln!(
        "{backend}: HEED_KILL_TEST_SEED={seed} HEED_KILL_TEST_KILLS={kills} \
         HEED_KILL_TEST_REBUILDS={rebuilds} HEED_KILL_TEST_ITEMS={items}"
    );
    let began = Instant::now();
    let mut c = Campaign {
        backend,
        url,
        child_url,
        file,
        server,
        rt: tokio::runtime::Runtime::new().expect("runtime"),
        rng: Rng(seed),
        items_per_import: items,
        documents: BTreeMap::new(),
        attempts: 0,
    };

    // A small published review (so the public counters count something), then one large
    // import run to its end, which says how long an import takes here.
    let store = c.store();
    c.rt.block_on(async {
        let ImportOutcome::Imported(small) = import(&*store, "Small", 3, false).await else {
            panic!("the small document was not imported");
        };
        store
            .publish_review(small.review, true, &Actor::Person("kill test".into()), None)
            .await
            .expect("publish");
        store.close().await;
    });
    c.documents.insert("Small".into(), 3);
    let title = c.next_title();
    let length = c.run_child(&format!("import {title} {items}"));
    c.documents.insert(title, items);
    eprintln!(
        "{backend}: a {items}-item import takes {:.2} s",
        length.as_secs_f64()
    );
    let mut look = c.check();

    let mut tally = Tally::default();
    let kills_began = Instant::now();
    let mut length = length;
    for k in 0..kills {
        // Measured again now and then: the register grows and the machine's load changes.
        if k.is_multiple_of(4) {
            length = c.measure();
        }
        // One kill in three aimed at the end of the import, where the commit is.
        look = c.kill_an_import(&look, length, k % 3 == 2, &mut tally);
    }
    let import_kills = kills_began.elapsed();

    // Rebuilding the search index (SQLite: PostgreSQL's is a column of the items table,
    // written in the import's own transaction).
    let mut rebuild_tally = (0, 0);
    if c.file.is_some() && rebuilds > 0 {
        c.delete_index();
        let rebuild = c.run_child("reindex");
        eprintln!(
            "{backend}: building the search index again takes {:.2} s",
            rebuild.as_secs_f64()
        );
        assert_eq!(c.check(), look);
        for _ in 0..rebuilds {
            c.delete_index();
            let after = c.rng.between(Duration::from_millis(10), rebuild);
            let (finished, at) = c.kill_child("reindex", after);
            // The index the child left (maybe half built) is checked and used as it is.
            c.integrity();
            assert_eq!(c.check(), look, "the register after a killed rebuild");
            rebuild_tally.0 += 1;
            eprintln!(
                "{backend}: killed the index rebuild at {:.2} s of ~{:.2} s{}",
                at.as_secs_f64(),
                rebuild.as_secs_f64(),
                if finished { " (it had finished)" } else { "" }
            );
        }
    }

    // Counting the counters again.
    if rebuilds > 0 {
        c.mark_counters_stale();
        let recount = c.run_child("recount");
        eprintln!(
            "{backend}: counting the counters again takes {:.2} s",
            recount.as_secs_f64()
        );
        assert_eq!(c.check(), look);
        for _ in 0..rebuilds {
            c.mark_counters_stale();
            let after = c.rng.between(Duration::from_millis(10), recount);
            let (finished, at) = c.kill_child("recount", after);
            assert_eq!(c.check(), look, "the register after a killed recount");
            rebuild_tally.1 += 1;
            eprintln!(
                "{backend}: killed the recount at {:.2} s of ~{:.2} s{}",
                at.as_secs_f64(),
                recount.as_secs_f64(),
                if finished { " (it had finished)" } else { "" }
            );
        }
    }

    // After it all, a full import goes in and is counted right.
    let title = c.next_title();
    let store = c.store();
    let outcome = c.rt.block_on(async {
        let outcome = import(&*store, &title, items, false).await;
        store.close().await;
        outcome
    });
    let ImportOutcome::Imported(summary) = outcome else {
        panic!("the last import was not imported: {outcome:?}");
    };
    assert_eq!((summary.created, summary.updated), (items, 0));
    c.documents.insert(title, items);
    let last = c.check();
    assert_eq!(last.items, look.items + items);

    eprintln!(
        "{backend}: seed {seed}: {kills} kills during {items}-item imports ({} aimed at \
         the end) in {:.1} s ({} left nothing, {} of them after a dry run's length; {} left \
         the whole import though killed in or after its commit, {} had finished); {} kills \
         during index rebuilds, {} during recounts; {} items at the end; {:.1} s in all",
        tally.aimed_at_end,
        import_kills.as_secs_f64(),
        tally.rolled_back,
        tally.past_dry_run,
        tally.committed_unsaid,
        tally.finished,
        rebuild_tally.0,
        rebuild_tally.1,
        last.items,
        began.elapsed().as_secs_f64()
    );
}
