//! One conformance suite for the register, written once and run against every backend: a
//! fresh SQLite file always, and PostgreSQL when `HEED_TEST_POSTGRES_URL` names a server
//! (each test then gets its own database). Each test tells a short story in domain words.

use heed_core::date::Day;
use heed_core::{
    Deadline, Decision, Document, GlossaryEntry, Item, ItemId, ItemKind, Judgement, Rag, Response,
    Status, Verification, Version,
};
use heed_store::{
    Actor, Backend, Change, Cursor, DASHBOARD_LIST, DUE_SOON_DAYS, Dashboard, DatabaseUrl,
    DeadlineChange, EvidenceFile, GROUPS_NAMED, Groups, Import, ImportOutcome, ItemFilter,
    ItemRecord, ItemWithHistory, LATENESS, LinkKind, MatchBy, Matches, MonthCount, OPEN_FOR,
    ReportMeta, Source, Store, StoreError, StoredFile, UpdateRequest, VerifyRequest, open,
};
use std::sync::Arc;

use std::sync::atomic::{AtomicUsize, Ordering};

// ---------------------------------------------------------------------------------------
// Where each test's register lives.

/// A fresh, empty register for one test.
struct Fresh {
    url: DatabaseUrl,
    backend: Backend,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Fresh {
    fn sqlite(name: &str) -> Fresh {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = heed_testkit::temp_dir(&format!("store-conformance-{n}-{name}"));
        Fresh {
            url: DatabaseUrl::Sqlite(dir.join("heed.db")),
            backend: Backend::Sqlite,
        }
    }

    /// A new database on the test server, or `None` when no server is configured.
    async fn postgres(name: &str) -> Option<Fresh> {
        let db = heed_testkit::fresh_postgres(name).await?;
        Some(Fresh {
            url: DatabaseUrl::Postgres(db.url),
            backend: Backend::Postgres,
        })
    }

    async fn open(&self) -> Box<dyn Store> {
        open(&self.url).await.expect("open the test register")
    }

    /// Runs backend-specific SQL on the test register (used to inject failures).
    async fn execute(&self, sql: &str) {
        match &self.url {
            DatabaseUrl::Sqlite(p) => {
                let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", p.display()))
                    .await
                    .expect("connect");
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
                    .execute(&pool)
                    .await
                    .expect("run test SQL");
                pool.close().await;
            }
            DatabaseUrl::Postgres(u) => {
                let pool = sqlx::PgPool::connect(u).await.expect("connect");
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
                    .execute(&pool)
                    .await
                    .expect("run test SQL");
                pool.close().await;
            }
        }
    }
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::Fresh::sqlite(stringify!($name))).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    match super::Fresh::postgres(stringify!($name)).await {
                        Some(fresh) => super::$name(fresh).await,
                        None => eprintln!("skipped: set HEED_TEST_POSTGRES_URL to run on PostgreSQL"),
                    }
                }
            )*
        }
    };
}

conformance!(
    accounts_and_sessions,
    review_events_carry_each_reports_judgements,
    import_then_reimport_changes_nothing,
    later_report_updates_the_right_items,
    as_of_shows_the_earlier_state,
    a_rows_update_day_dates_its_changes,
    concurrent_updates_lose_nothing,
    failed_import_leaves_nothing,
    updates_keep_slippage_evidence_and_provenance,
    links_and_filters,
    dry_run_and_named_review,
    backup_and_restore,
    corpus_imports_once,
    claimed_completion_awaits_verification,
    publishing_is_an_event_and_narrows_listings,
    every_write_records_where_it_came_from,
    corrected_import,
    intake_records,
    dashboard_agrees_with_the_items,
    pages_walk_every_item_once,
    full_text_search,
    item_with_history_agrees_with_item_and_history,
    other_processes_writes_are_seen_soon_and_ours_at_once,
    owner_filter_takes_percent_and_underscore_literally,
    evidence_file_names_lose_their_folders,
    the_claimant_may_not_decide_their_own_claim,
    changes_dated_before_the_import_still_show_now,
    an_undated_report_counts_in_every_view_as_of_a_day,
    strengths_are_findings_not_open_items,
    dashboard_counters_equal_a_recount_after_mixed_writes,
    match_counts_and_first_pages_equal_the_items_they_stand_for,
    common_words_and_owners_page_as_the_items_they_stand_for,
    awkward_texts_are_kept_as_written,
);

// ---------------------------------------------------------------------------------------
// Documents, made by hand.

fn day(s: &str) -> Day {
    Day::parse_iso(s).expect("test date")
}

fn rec(r: &str, text: &str, line: usize) -> Item {
    let mut i = Item::new(ItemKind::Recommendation, text, line);
    i.r#ref = Some(r.to_string());
    i
}

/// An inspection report with three recommendations.
fn inspection() -> Document {
    let mut one = rec(
        "1",
        "The force should publish its performance targets each year",
        10,
    );
    one.status = Some(Status::InProgress);
    one.owner = Some("Chief Constable".into());
    one.deadline = Deadline::parse("2013-06", None);
    let mut two = rec("2", "Train all custody staff in emergency first aid", 14);
    two.status = Some(Status::NotStarted);
    two.deadline = Deadline::parse("2013-03", None);
    two.rag = Some(Rag::Red);
    let three = rec(
        "3",
        "Review the use of stop and search powers across the county",
        18,
    );
    Document {
        title: Some("Inspection of Anyshire Police".into()),
        date: Some(day("2013-01-10")),
        layouts: vec!["inspection".into()],
        items: vec![one, two, three],
        judgements: vec![Judgement {
            area: "1A".into(),
            title: "Neighbourhood policing".into(),
            grade: None,
            direction: None,
            national_distribution: None,
            line: 5,
        }],
        glossary: vec![GlossaryEntry {
            term: "PCSO".into(),
            expansion: "Police Community Support Officer".into(),
            line: 40,
        }],
        diagnostics: Vec::new(),
        pages: Vec::new(),
    }
}

/// A year later: a progress report on recommendations 1 and 3, and a new one.
fn progress() -> Document {
    let mut one = rec("1", "", 4);
    one.status = Some(Status::Completed);
    one.status_words = Some("Completed".into());
    let mut three = rec(
        "3",
        "Review the use of stop and search powers across the whole county",
        8,
    );
    three.status = Some(Status::InProgress);
    three.responses = vec![Response {
        text: "Work began in March.".into(),
        line: 9,
    }];
    let four = rec("4", "Appoint a diversity lead for the force", 12);
    Document {
        title: Some("Anyshire: progress on the 2013 inspection".into()),
        date: Some(day("2014-01-10")),
        layouts: vec!["progress-table".into()],
        items: vec![one, three, four],
        ..Document::default()
    }
}

fn bytes_of(doc: &Document) -> Vec<u8> {
    serde_json::to_vec(doc).expect("serialise test document")
}

fn me() -> Actor {
    Actor::Person("Ann Example".into())
}

async fn import(store: &dyn Store, doc: &Document, name: &str) -> ImportOutcome {
    let bytes = bytes_of(doc);
    store
        .import_document(Import {
            file_name: name.into(),
            bytes: &bytes,
            document: doc,
            meta: ReportMeta::default(),
            review: None,
            by: me(),
            origin: None,
            dry_run: false,
        })
        .await
        .expect("import")
}

fn summary(o: ImportOutcome) -> heed_store::ImportSummary {
    match o {
        ImportOutcome::Imported(s) => s,
        other => panic!("expected an import, got {other:?}"),
    }
}

/// Everything a user can see, to compare before and after.
async fn snapshot(store: &dyn Store) -> String {
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let mut histories = Vec::new();
    for i in &items {
        histories.push(store.history(i.id).await.expect("history").len());
    }
    let reviews = store.reviews().await.expect("reviews");
    let reports = store.reports(None).await.expect("reports");
    serde_json::to_string_pretty(&(items, histories, reviews, reports.len())).expect("json")
}

fn by_ref<'a>(items: &'a [heed_store::ItemRecord], r: &str) -> &'a heed_store::ItemRecord {
    items
        .iter()
        .find(|i| i.state.r#ref.as_deref() == Some(r))
        .unwrap_or_else(|| panic!("no item with ref {r}"))
}

// ---------------------------------------------------------------------------------------
// The stories.

async fn accounts_and_sessions(fresh: Fresh) {
    use heed_store::{Credentials, Role, Session};
    let store = fresh.open().await;
    let ann = store
        .add_user("ann", "$argon2id$hash-1", Role::Owner, Some("Custody"))
        .await
        .expect("add");
    assert_eq!(
        (ann.role, ann.unit.as_deref()),
        (Role::Owner, Some("Custody"))
    );
    let again = store.add_user(" ann ", "x", Role::Viewer, None).await;
    assert!(matches!(again, Err(StoreError::Invalid(_))), "{again:?}");
    let Credentials {
        user: found,
        password_hash: hash,
    } = store
        .user_credentials("ann")
        .await
        .expect("credentials")
        .expect("ann is there");
    assert_eq!((found, hash.as_str()), (ann.clone(), "$argon2id$hash-1"));
    assert!(store.user_credentials("bob").await.expect("none").is_none());

    store
        .start_session("t1", ann.id, "csrf-1", 3600)
        .await
        .expect("session");
    store
        .start_session("old", ann.id, "csrf-0", -10)
        .await
        .expect("expired session");
    let Session {
        user: who,
        csrf_token: csrf,
    } = store.session("t1").await.expect("read").expect("live");
    assert_eq!((who.name.as_str(), csrf.as_str()), ("ann", "csrf-1"));
    assert!(
        store.session("old").await.expect("read").is_none(),
        "expired"
    );
    assert!(store.session("nope").await.expect("read").is_none());

    let promoted = store
        .set_role("ann", Role::Secretariat, None)
        .await
        .expect("role");
    assert_eq!((promoted.role, promoted.unit), (Role::Secretariat, None));
    let Session { user: who, .. } = store.session("t1").await.expect("read").expect("live");
    assert_eq!(who.role, Role::Secretariat);

    store.end_session("t1").await.expect("end");
    assert!(store.session("t1").await.expect("read").is_none());
    store
        .start_session("t2", ann.id, "csrf-2", 3600)
        .await
        .expect("session");
    store
        .set_password("ann", "$argon2id$hash-2")
        .await
        .expect("passwd");
    assert!(
        store.session("t2").await.expect("read").is_none(),
        "a new password ends sessions"
    );
    assert!(matches!(
        store.set_password("bob", "x").await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.set_role("bob", Role::Viewer, None).await,
        Err(StoreError::NotFound { .. })
    ));
}

async fn review_events_carry_each_reports_judgements(fresh: Fresh) {
    let store = fresh.open().await;
    let s = summary(import(&*store, &inspection(), "inspection.md").await);
    let events = store.review_events(s.review).await.expect("review events");
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(events[0].item.is_none());
    match &events[0].change {
        heed_store::Change::ReportImported { judgements, .. } => {
            assert_eq!(judgements.len(), 1);
            assert_eq!(judgements[0].title, "Neighbourhood policing");
        }
        other => panic!("expected the report's import, got {other:?}"),
    }
    let other_review = heed_core::ReviewId::from_raw(s.review.get() + 1);
    assert!(
        store
            .review_events(other_review)
            .await
            .expect("none")
            .is_empty()
    );
}

async fn import_then_reimport_changes_nothing(fresh: Fresh) {
    let store = fresh.open().await;
    let s = summary(import(&*store, &inspection(), "inspection.md").await);
    assert_eq!((s.created, s.updated, s.new_review), (3, 0, true));
    let before = snapshot(&*store).await;

    let again = import(&*store, &inspection(), "inspection-copy.md").await;
    assert_eq!(
        again,
        ImportOutcome::AlreadyImported {
            report: s.report,
            review: s.review
        }
    );
    assert_eq!(snapshot(&*store).await, before);

    // A second process sees the same register.
    let other = fresh.open().await;
    assert_eq!(snapshot(&*other).await, before);
    let StoredFile {
        name,
        bytes: original,
    } = store.original(s.report).await.expect("original");
    assert_eq!(
        (name.as_str(), original),
        ("inspection.md", bytes_of(&inspection()))
    );
    store.close().await;
    other.close().await;
}

async fn later_report_updates_the_right_items(fresh: Fresh) {
    let store = fresh.open().await;
    let first = summary(import(&*store, &inspection(), "inspection.md").await);
    let before = store.items(&ItemFilter::default()).await.expect("items");
    let later = summary(import(&*store, &progress(), "progress.md").await);

    assert!(
        !later.new_review,
        "the progress report joins the inspection's review"
    );
    assert_eq!(later.review, first.review);
    assert_eq!((later.created, later.updated), (1, 2));
    let m: Vec<(usize, ItemId, MatchBy)> = later
        .matches
        .iter()
        .map(|m| (m.incoming, m.item, m.by))
        .collect();
    assert_eq!(
        m,
        vec![
            (0, by_ref(&before, "1").id, MatchBy::Ref),
            (1, by_ref(&before, "3").id, MatchBy::Ref)
        ]
    );

    let items = store.items(&ItemFilter::default()).await.expect("items");
    assert_eq!(items.len(), 4);
    let one = by_ref(&items, "1");
    assert_eq!(one.state.status, Some(Status::Completed));
    assert_eq!(
        one.state.text,
        "The force should publish its performance targets each year"
    );
    assert_eq!(one.version.get(), 2);
    assert_eq!(
        one.state.provenance.get("status"),
        Some(&Source::Document {
            report: later.report,
            line: 4
        })
    );
    let three = by_ref(&items, "3");
    assert_eq!(three.state.status, Some(Status::InProgress));
    assert_eq!(three.state.notes.len(), 1);
    assert_eq!(three.state.notes[0].text, "Work began in March.");
    let two = by_ref(&items, "2");
    assert_eq!(
        two.version.get(),
        1,
        "an item the progress report does not mention is untouched"
    );
    assert_eq!(store.reviews().await.expect("reviews").len(), 1);
    assert_eq!(
        later.matches[0].changes,
        vec!["status in_progress -> completed".to_string()]
    );
    assert_eq!(
        later.matches[1].changes,
        vec![
            "status none -> in_progress".to_string(),
            "response: Work began in March.".to_string()
        ],
        "{:?}",
        later.matches[1].changes
    );

    // A later copy of the progress report (other bytes, same words) repeats nothing.
    let mut copy = progress();
    copy.title = Some("Anyshire: progress (second printing)".into());
    let again = summary(import(&*store, &copy, "progress-copy.md").await);
    assert_eq!((again.created, again.updated), (0, 0), "{again:?}");
    let three = store
        .item(by_ref(&items, "3").id, None)
        .await
        .expect("item");
    assert_eq!(three.state.notes.len(), 1);
    store.close().await;
}

async fn as_of_shows_the_earlier_state(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    import(&*store, &progress(), "progress.md").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let one = by_ref(&items, "1").id;

    let then = store
        .item(one, Some(day("2013-06-30")))
        .await
        .expect("as of 2013");
    assert_eq!(then.state.status, Some(Status::InProgress));
    assert_eq!(then.version.get(), 1);
    assert_eq!(then.as_of, Some(day("2013-06-30")));
    let now = store.item(one, None).await.expect("now");
    assert_eq!(now.state.status, Some(Status::Completed));
    // Replaying everything gives the projection.
    let replayed = store
        .item(one, Some(day("2099-01-01")))
        .await
        .expect("as of later");
    assert_eq!(replayed.state, now.state);
    assert_eq!(replayed.version, now.version);

    let before = store.item(one, Some(day("2012-12-31"))).await;
    assert!(
        matches!(before, Err(StoreError::NotFound { .. })),
        "{before:?}"
    );

    // An update dated before the progress report slots in before it in the history.
    let mut u = UpdateRequest::by(me());
    u.rag = Some(Rag::Amber);
    u.on = Some(day("2013-09-01"));
    store
        .record_update(one, u)
        .await
        .expect("back-dated update");
    let autumn = store
        .item(one, Some(day("2013-10-01")))
        .await
        .expect("as of autumn");
    assert_eq!(
        (autumn.state.status, autumn.state.rag),
        (Some(Status::InProgress), Some(Rag::Amber))
    );
    let now = store.item(one, None).await.expect("now");
    assert_eq!(
        (now.state.status, now.state.rag),
        (Some(Status::Completed), Some(Rag::Amber))
    );
    assert_eq!(now.version.get(), 3);
    store.close().await;
}

/// A tracker row that says when it was last updated: its changes take effect that day,
/// not on the tracker's own date.
async fn a_rows_update_day_dates_its_changes(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let mut tracker = progress();
    tracker.items[0].updated_on = Some(day("2013-11-20"));
    tracker.items[2].updated_on = Some(day("2013-12-01"));
    import(&*store, &tracker, "tracker.xlsx").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let (one, four) = (by_ref(&items, "1").id, by_ref(&items, "4").id);
    let status_on = |d: &'static str| {
        let store = &store;
        async move {
            store
                .item(one, Some(day(d)))
                .await
                .expect("item one")
                .state
                .status
        }
    };
    assert_eq!(status_on("2013-11-19").await, Some(Status::InProgress));
    assert_eq!(status_on("2013-11-20").await, Some(Status::Completed));
    // Item 3 had no update day: its response is dated with the tracker (2014-01-10).
    let three = by_ref(&items, "3").id;
    let dec = store
        .item(three, Some(day("2013-12-31")))
        .await
        .expect("three");
    assert_eq!(dec.state.status, None);
    // The new item 4 exists from its own update day.
    assert!(matches!(
        store.item(four, Some(day("2013-11-30"))).await,
        Err(StoreError::NotFound { .. })
    ));
    store
        .item(four, Some(day("2013-12-01")))
        .await
        .expect("item four on its update day");
    store.close().await;
}

async fn concurrent_updates_lose_nothing(fresh: Fresh) {
    let a: Arc<dyn Store> = Arc::from(fresh.open().await);
    let b: Arc<dyn Store> = Arc::from(fresh.open().await);
    import(&*a, &inspection(), "inspection.md").await;
    let items = a.items(&ItemFilter::default()).await.expect("items");
    let id = by_ref(&items, "2").id;
    let seen = a.item(id, None).await.expect("item").version;

    // Both saw the same version: exactly one wins, the other is told of the conflict.
    let update = |store: Arc<dyn Store>, note: &'static str, expected: Option<Version>| async move {
        let mut u = UpdateRequest::by(me());
        u.note = Some(note.into());
        u.expected_version = expected;
        store.record_update(id, u).await
    };
    let (ra, rb) = tokio::join!(
        tokio::spawn(update(a.clone(), "from a", Some(seen))),
        tokio::spawn(update(b.clone(), "from b", Some(seen)))
    );
    let results = [ra.expect("task a"), rb.expect("task b")];
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict { expected, .. }) if *expected == seen))
        .count();
    assert_eq!((ok, conflicts), (1, 1), "{results:?}");

    // Without a version, both apply, one after the other; nothing is lost.
    let mut tasks = Vec::new();
    for k in 0..6 {
        let store = if k % 2 == 0 { a.clone() } else { b.clone() };
        let note: &'static str = ["n0", "n1", "n2", "n3", "n4", "n5"][k];
        tasks.push(tokio::spawn(update(store, note, None)));
    }
    for t in tasks {
        t.await.expect("task").expect("update without a version");
    }
    let after = b.item(id, None).await.expect("item");
    assert_eq!(after.version.get(), seen.get() + 7);
    let notes: Vec<&str> = after.state.notes.iter().map(|n| n.text.as_str()).collect();
    for n in ["n0", "n1", "n2", "n3", "n4", "n5"] {
        assert!(notes.contains(&n), "{n} lost: {notes:?}");
    }
    assert_eq!(a.history(id).await.expect("history").len(), 8);
    a.close().await;
    b.close().await;
}

async fn failed_import_leaves_nothing(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let before = snapshot(&*store).await;
    // Make the last step of an import (its glossary) fail, after its items were written.
    let trigger = match fresh.backend {
        Backend::Sqlite => {
            "CREATE TRIGGER boom BEFORE INSERT ON glossary WHEN NEW.term = 'BOOM' \
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        }
        Backend::Postgres => {
            "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN \
               IF NEW.term = 'BOOM' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; \
             END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER boom BEFORE INSERT ON glossary FOR EACH ROW EXECUTE FUNCTION boom();"
        }
    };
    fresh.execute(trigger).await;
    let mut doc = Document {
        title: Some("Another force entirely".into()),
        date: Some(day("2015-05-05")),
        items: (0..2500)
            .map(|n| rec(&n.to_string(), &format!("Unrelated thing {n}"), n + 1))
            .collect(),
        ..Document::default()
    };
    doc.glossary.push(GlossaryEntry {
        term: "BOOM".into(),
        expansion: "fails".into(),
        line: 1,
    });
    let bytes = bytes_of(&doc);
    let result = store
        .import_document(Import {
            file_name: "boom.md".into(),
            bytes: &bytes,
            document: &doc,
            meta: ReportMeta::default(),
            review: None,
            by: me(),
            origin: None,
            dry_run: false,
        })
        .await;
    let err = result.expect_err("the injected failure");
    assert!(err.to_string().contains("injected failure"), "{err}");
    assert_eq!(snapshot(&*store).await, before);

    // Progress reports that fail leave the earlier items untouched too.
    let mut p = progress();
    p.glossary.push(GlossaryEntry {
        term: "BOOM".into(),
        expansion: "fails".into(),
        line: 1,
    });
    let bytes = bytes_of(&p);
    let result = store
        .import_document(Import {
            file_name: "progress.md".into(),
            bytes: &bytes,
            document: &p,
            meta: ReportMeta::default(),
            review: None,
            by: me(),
            origin: None,
            dry_run: false,
        })
        .await;
    assert!(result.is_err());
    assert_eq!(snapshot(&*store).await, before);
    store.close().await;
}

async fn updates_keep_slippage_evidence_and_provenance(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let id = by_ref(&items, "2").id;

    let mut bad = UpdateRequest::by(me());
    bad.deadline = Some(DeadlineChange {
        deadline: Deadline::parse("2013-09", None).expect("deadline"),
        reason: "  ".into(),
    });
    assert!(matches!(
        store.record_update(id, bad).await,
        Err(StoreError::Invalid(_))
    ));
    let empty = UpdateRequest::by(me());
    assert!(matches!(
        store.record_update(id, empty).await,
        Err(StoreError::Invalid(_))
    ));

    let mut u = UpdateRequest::by(me());
    u.status = Some(Status::InProgress);
    u.owner = Some("Head of Custody".into());
    u.note = Some("Training booked".into());
    u.deadline = Some(DeadlineChange {
        deadline: Deadline::parse("2013-09", None).expect("deadline"),
        reason: "trainer unavailable".into(),
    });
    u.evidence = Some(EvidenceFile {
        file_name: "plan.pdf".into(),
        bytes: b"%PDF-1.4 plan".to_vec(),
        public: false,
    });
    u.on = Some(day("2013-04-01"));
    let after = store.record_update(id, u).await.expect("update");
    assert_eq!(after.state.status, Some(Status::InProgress));
    assert_eq!(after.state.owner.as_deref(), Some("Head of Custody"));
    assert_eq!(after.state.slippage.len(), 1);
    assert_eq!(
        after.state.slippage[0].reason.as_deref(),
        Some("trainer unavailable")
    );
    assert_eq!(
        after.state.slippage[0].from.as_ref().map(|d| d.to_iso()),
        Some("2013-03".into())
    );
    let who = Source::Person {
        name: "Ann Example".into(),
    };
    assert_eq!(after.state.provenance.get("status"), Some(&who));
    assert!(matches!(
        after.state.provenance.get("text"),
        Some(Source::Document { line: 14, .. })
    ));
    assert_eq!(after.state.evidence.len(), 1);
    let StoredFile { name, bytes } = store
        .evidence_file(after.state.evidence[0].id)
        .await
        .expect("evidence file");
    assert_eq!(
        (name.as_str(), bytes.as_slice()),
        ("plan.pdf", &b"%PDF-1.4 plan"[..])
    );

    let history = store.history(id).await.expect("history");
    assert_eq!(history.len(), 2);
    assert!(matches!(history[0].change, Change::ItemCreated { .. }));
    assert!(matches!(history[1].change, Change::ItemUpdated(_)));
    assert_eq!(history[1].source, who);
    assert_eq!(history[1].author, "Ann Example");
    assert_eq!(history[1].effective_on, day("2013-04-01"));

    let missing = store
        .record_update(ItemId::from_raw(999_999), UpdateRequest::by(me()))
        .await;
    assert!(missing.is_err());
    store.close().await;
}

async fn links_and_filters(fresh: Fresh) {
    let store = fresh.open().await;
    let s = summary(import(&*store, &inspection(), "inspection.md").await);
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let (one, two) = (by_ref(&items, "1").id, by_ref(&items, "2").id);

    assert!(
        store
            .link_items(two, one, LinkKind::SeeAlso, &me(), None)
            .await
            .expect("link")
    );
    assert!(
        !store
            .link_items(two, one, LinkKind::SeeAlso, &me(), None)
            .await
            .expect("again")
    );
    assert!(
        store
            .link_items(one, one, LinkKind::Supersedes, &me(), None)
            .await
            .is_err()
    );
    let one_now = store.item(one, None).await.expect("item");
    assert_eq!(one_now.state.links.len(), 1);
    assert_eq!(one_now.state.links[0].other, two);
    assert!(!one_now.state.links[0].outgoing);

    let count = |f: ItemFilter| {
        let store = &store;
        async move { store.items(&f).await.expect("items").len() }
    };
    assert_eq!(
        count(ItemFilter {
            review: Some(s.review),
            ..Default::default()
        })
        .await,
        3
    );
    assert_eq!(
        count(ItemFilter {
            status: Some(Status::NotStarted),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(ItemFilter {
            rag: Some(Rag::Red),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(ItemFilter {
            owner: Some("chief".into()),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(ItemFilter {
            text: Some("STOP AND SEARCH".into()),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(ItemFilter {
            text: Some("2".into()),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(ItemFilter {
            overdue_on: Some(day("2013-04-15")),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(ItemFilter {
            overdue_on: Some(day("2013-12-31")),
            ..Default::default()
        })
        .await,
        2
    );
    assert_eq!(
        count(ItemFilter {
            due_before: Some(day("2013-03-31")),
            ..Default::default()
        })
        .await,
        1
    );
    assert_eq!(
        count(ItemFilter {
            limit: Some(2),
            ..Default::default()
        })
        .await,
        2
    );
    // Completing an item takes it off the overdue list.
    let mut u = UpdateRequest::by(me());
    u.status = Some(Status::Completed);
    store.record_update(two, u).await.expect("complete");
    assert_eq!(
        count(ItemFilter {
            overdue_on: Some(day("2013-12-31")),
            ..Default::default()
        })
        .await,
        1
    );
    // Only an open action is overdue: a closed status or a kind not acted on asks for
    // nothing (which the query states outright), an open status for what it did.
    let overdue = |status: Option<Status>, kind: Option<ItemKind>| ItemFilter {
        overdue_on: Some(day("2013-12-31")),
        status,
        kind,
        ..Default::default()
    };
    for closed in [Status::Completed, Status::NotAccepted, Status::Superseded] {
        assert_eq!(count(overdue(Some(closed), None)).await, 0, "{closed:?}");
    }
    assert_eq!(count(overdue(None, Some(ItemKind::Strength))).await, 0);
    assert_eq!(count(overdue(Some(Status::InProgress), None)).await, 1);
    assert_eq!(
        count(overdue(None, Some(ItemKind::Recommendation))).await,
        1
    );
    let none = overdue(Some(Status::Completed), None);
    assert!(store.items(&none).await.expect("items").is_empty());
    let m = store.count_matches(&none).await.expect("count");
    assert_eq!((m.n, m.exact), (0, true));
    let reviews = store.reviews().await.expect("reviews");
    assert_eq!((reviews[0].items, reviews[0].open), (3, 2));
    store.close().await;
}

async fn dry_run_and_named_review(fresh: Fresh) {
    let store = fresh.open().await;
    let first = summary(import(&*store, &inspection(), "inspection.md").await);
    let before = snapshot(&*store).await;
    let p = progress();
    let bytes = bytes_of(&p);
    let dry = store
        .import_document(Import {
            file_name: "progress.md".into(),
            bytes: &bytes,
            document: &p,
            meta: ReportMeta::default(),
            review: None,
            by: me(),
            origin: None,
            dry_run: true,
        })
        .await
        .expect("dry run");
    let dry = summary(dry);
    assert!(dry.dry_run);
    assert_eq!((dry.created, dry.updated, dry.matches.len()), (1, 2, 2));
    assert_eq!(snapshot(&*store).await, before, "a dry run stores nothing");

    // A document that matches nothing, attached explicitly to the review.
    let mut other = progress();
    other.items = vec![rec("9", "Something the inspection never said", 3)];
    let bytes = bytes_of(&other);
    let named = store
        .import_document(Import {
            file_name: "letter.md".into(),
            bytes: &bytes,
            document: &other,
            meta: ReportMeta {
                issuing_body: Some("HMIC".into()),
                ..ReportMeta::default()
            },
            review: Some(first.review),
            by: me(),
            origin: None,
            dry_run: false,
        })
        .await
        .expect("named review");
    let named = summary(named);
    assert_eq!(
        (named.review, named.new_review, named.created),
        (first.review, false, 1)
    );
    let missing = store
        .import_document(Import {
            file_name: "x.md".into(),
            bytes: b"other bytes",
            document: &other,
            meta: ReportMeta::default(),
            review: Some(heed_core::ReviewId::from_raw(424_242)),
            by: me(),
            origin: None,
            dry_run: false,
        })
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    store.close().await;
}

/// A directory for one test's backup files.
fn scratch(name: &str) -> std::path::PathBuf {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!(
        "heed-store-backups-{}-{n}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

async fn backup_and_restore(fresh: Fresh) {
    use heed_store::Role;
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let ann = store
        .add_user("ann", "$argon2id$hash", Role::Owner, Some("Custody"))
        .await
        .expect("add");
    store
        .start_session("t1", ann.id, "csrf", 3600)
        .await
        .expect("session");
    let dir = scratch("backup_and_restore");
    let backup = dir.join("backup.db");
    store.backup(&backup).await.expect("backup");
    assert!(
        !dir.join("backup.db.partial").exists(),
        "no partial file is left beside a finished backup"
    );
    assert!(
        store.backup(&backup).await.is_err(),
        "a backup never overwrites a file"
    );
    let saved = snapshot(&*store).await;

    import(&*store, &progress(), "progress.md").await;
    store
        .add_user("bob", "$argon2id$hash", Role::Viewer, None)
        .await
        .expect("add bob");
    assert_ne!(snapshot(&*store).await, saved);
    let diversity = ItemFilter {
        text: Some("diversity".into()),
        ..Default::default()
    };
    assert_eq!(store.count_items(&diversity).await.expect("count"), 1);
    store.restore(&backup).await.expect("restore");
    assert_eq!(snapshot(&*store).await, saved);
    assert_eq!(
        store.count_items(&diversity).await.expect("count"),
        0,
        "a search finds what the restored register has, not what it had"
    );
    assert!(
        store.user_credentials("ann").await.expect("ann").is_some(),
        "accounts are part of the register"
    );
    assert!(store.user_credentials("bob").await.expect("bob").is_none());
    assert!(
        store.session("t1").await.expect("session").is_none(),
        "a restored register signs everyone out"
    );
    // New rows after a restore get new ids (identity columns go on after the restored ones).
    let after = summary(import(&*store, &progress(), "progress.md").await);
    assert!(after.updated + after.created > 0, "{after:?}");

    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"this is not a database at all, not even close....").expect("junk");
    let before = snapshot(&*store).await;
    let err = store.restore(&junk).await.expect_err("junk is refused");
    assert!(err.to_string().contains("junk.db"), "{err}");
    assert_eq!(
        snapshot(&*store).await,
        before,
        "a refused restore changes nothing"
    );
    let missing = store.restore(&dir.join("nothing-here.db")).await;
    assert!(matches!(missing, Err(StoreError::Io { .. })), "{missing:?}");
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A backup is a SQLite register whichever backend wrote it, so it moves a register from
/// SQLite to PostgreSQL (a team outgrowing one machine) and back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backups_move_registers_between_backends() {
    let Some(pg) = Fresh::postgres("between_backends").await else {
        eprintln!("skipped: set HEED_TEST_POSTGRES_URL to run on PostgreSQL");
        return;
    };
    let dir = scratch("between_backends");
    let lite = Fresh::sqlite("between_backends");
    let from_lite = lite.open().await;
    import(&*from_lite, &inspection(), "inspection.md").await;
    import(&*from_lite, &progress(), "progress.md").await;
    let id = from_lite
        .items(&ItemFilter::default())
        .await
        .expect("items")[0]
        .id;
    from_lite
        .record_update(
            id,
            UpdateRequest {
                note: Some("moved with the register".into()),
                ..UpdateRequest::by(me())
            },
        )
        .await
        .expect("update");
    let expected = snapshot(&*from_lite).await;
    from_lite
        .backup(&dir.join("lite.db"))
        .await
        .expect("backup");
    from_lite.close().await;

    let on_pg = pg.open().await;
    import(&*on_pg, &progress(), "other.md").await;
    on_pg
        .restore(&dir.join("lite.db"))
        .await
        .expect("restore on PostgreSQL");
    assert_eq!(snapshot(&*on_pg).await, expected, "SQLite -> PostgreSQL");
    // A backup carries no full-text words: PostgreSQL's are made again from the text.
    let found = on_pg
        .items(&ItemFilter {
            text: Some("trained custody".into()),
            ..Default::default()
        })
        .await
        .expect("search after restore");
    assert_eq!(
        found.len(),
        1,
        "a search after the restore finds what it did before"
    );
    on_pg
        .backup(&dir.join("pg.db"))
        .await
        .expect("backup of PostgreSQL");
    on_pg.close().await;

    let back = Fresh::sqlite("between_backends_back");
    let again = back.open().await;
    again
        .restore(&dir.join("pg.db"))
        .await
        .expect("restore on SQLite");
    assert_eq!(snapshot(&*again).await, expected, "PostgreSQL -> SQLite");
    again.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every table of the schema is either carried by a backup or deliberately left out, so a
/// table added by a later migration cannot be forgotten by `heed backup`.
#[tokio::test]
async fn backups_carry_every_table() {
    let lite = Fresh::sqlite("every_table");
    lite.open().await.close().await;
    let DatabaseUrl::Sqlite(path) = &lite.url else {
        unreachable!()
    };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("sqlite");
    let mut live: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .expect("tables");
    pool.close().await;
    let mut carried: Vec<&str> = heed_store::backed_up_tables()
        .iter()
        .chain(heed_store::NOT_BACKED_UP)
        .copied()
        .collect();
    carried.sort();
    live.sort();
    assert_eq!(
        live.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
        carried
    );
}

async fn corpus_imports_once(fresh: Fresh) {
    let docs = heed_testkit::gold::gold_documents();
    if docs.is_empty() {
        eprintln!("skipped: no ../shared/corpus/gold beside the checkout");
        return;
    }
    let store = fresh.open().await;
    let mut expected = 0;
    for (name, doc) in &docs {
        let s = summary(import(&*store, doc, name).await);
        assert!(s.new_review, "{name} starts its own review");
        assert_eq!(s.created, doc.items.len(), "{name}");
        expected += doc.items.len();
    }
    let before = snapshot(&*store).await;
    assert_eq!(
        store
            .items(&ItemFilter::default())
            .await
            .expect("items")
            .len(),
        expected
    );
    assert_eq!(store.reviews().await.expect("reviews").len(), docs.len());
    for (name, doc) in &docs {
        let again = import(&*store, doc, name).await;
        assert!(
            matches!(again, ImportOutcome::AlreadyImported { .. }),
            "{name}: {again:?}"
        );
    }
    assert_eq!(snapshot(&*store).await, before);
    store.close().await;
}

// ---------------------------------------------------------------------------------------
// A large register's questions: counts, pages, the dashboard, full-text search.

/// A register with the corpus (when it is there), the hand-made inspection and its progress
/// report, and a few updates: an item closed, one closed and reopened, a deadline moved.
async fn busy_register(store: &dyn Store) {
    for (name, doc) in heed_testkit::gold::gold_documents() {
        import(store, &doc, &name).await;
    }
    import(store, &inspection(), "inspection.md").await;
    import(store, &progress(), "progress.md").await;
    let items = store
        .items(&ItemFilter {
            text: Some("custody".into()),
            ..Default::default()
        })
        .await
        .expect("items");
    let two = by_ref(&items, "2").id;
    let all = store.items(&ItemFilter::default()).await.expect("items");
    let update = |status, on| UpdateRequest {
        status: Some(status),
        on: Some(day(on)),
        ..UpdateRequest::by(me())
    };
    store
        .record_update(two, update(Status::Completed, "2014-02-03"))
        .await
        .expect("close");
    store
        .record_update(two, update(Status::InProgress, "2014-03-03"))
        .await
        .expect("reopen");
    if let Some(other) = all.iter().rev().find(|i| i.state.status.is_none()) {
        store
            .record_update(other.id, update(Status::NotAccepted, "2014-01-20"))
            .await
            .expect("not accepted");
        // An update dated before the last one replays the item's whole history.
        store
            .record_update(other.id, update(Status::Superseded, "2013-12-01"))
            .await
            .expect("back-dated");
    }
}

/// The dashboard's figures worked out in memory from `items` and each item's history, as
/// the definitions in `heed_store` (spans, "due soon", groups) say.
async fn dashboard_by_hand(store: &dyn Store, f: &ItemFilter, today: Day) -> Dashboard {
    use std::collections::BTreeMap;
    let items = store.items(f).await.expect("items");
    let days = |d: Day| today.to_epoch_days() - d.to_epoch_days();
    let soon = Day::from_epoch_days(today.to_epoch_days() + DUE_SOON_DAYS);
    let is_open =
        |i: &ItemRecord| i.state.kind.is_action() && i.state.status.is_none_or(|s| !s.is_closed());
    let open: Vec<&ItemRecord> = items.iter().filter(|i| is_open(i)).collect();
    let due = |i: &ItemRecord| i.state.deadline.as_ref().map(|d| d.due);
    let mut opened_on = BTreeMap::new();
    let mut months: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for i in &items {
        let history = store.history(i.id).await.expect("history");
        let mut state = None;
        let mut closed = None;
        for e in &history {
            heed_store::project::apply(&mut state, &e.change, &e.source, e.effective_on);
            if let Some(s) = state.as_ref() {
                closed = heed_store::project::closed_on(closed, &e.change, s, e.effective_on);
            }
        }
        let opened = history
            .iter()
            .find(|e| matches!(e.change, Change::ItemCreated { .. }))
            .map(|e| e.effective_on)
            .expect("a creation event");
        opened_on.insert(i.id, opened);
        if !i.state.kind.is_action() {
            continue; // a finding: never opened, open or closed
        }
        months
            .entry(opened.to_string()[..7].to_string())
            .or_default()
            .0 += 1;
        if let Some(c) = closed {
            months.entry(c.to_string()[..7].to_string()).or_default().1 += 1;
        }
    }
    let count =
        |pred: &dyn Fn(&ItemRecord) -> bool| items.iter().filter(|i| pred(i)).count() as i64;
    fn groups<K: Ord + Clone>(keys: Vec<K>) -> Groups<K> {
        let mut by: BTreeMap<K, i64> = BTreeMap::new();
        for k in &keys {
            *by.entry(k.clone()).or_default() += 1;
        }
        let mut all: Vec<(K, i64)> = by.into_iter().collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let top: Vec<(K, i64)> = all.into_iter().take(GROUPS_NAMED).collect();
        let named: i64 = top.iter().map(|t| t.1).sum();
        Groups {
            top,
            others: keys.len() as i64 - named,
        }
    }
    let names: BTreeMap<_, _> = store
        .reviews()
        .await
        .expect("reviews")
        .iter()
        .map(|r| (r.id, r.name.clone()))
        .collect();
    let overdue: Vec<&ItemRecord> = open
        .iter()
        .copied()
        .filter(|i| i.is_overdue(today))
        .collect();
    let due_soon: Vec<&ItemRecord> = open
        .iter()
        .copied()
        .filter(|i| due(i).is_some_and(|d| d >= today && d <= soon))
        .collect();
    let first = |mut list: Vec<&ItemRecord>| {
        list.sort_by_key(|i| (due(i), i.id.get()));
        list.into_iter()
            .take(DASHBOARD_LIST)
            .cloned()
            .collect::<Vec<_>>()
    };
    Dashboard {
        today,
        total: items.len() as i64,
        open: open.len() as i64,
        by_status: Status::ALL
            .iter()
            .map(|s| Some(*s))
            .chain([None])
            .map(|s| (s, count(&|i| i.state.status == s)))
            .collect(),
        by_rag: Rag::ALL
            .iter()
            .map(|r| Some(*r))
            .chain([None])
            .map(|r| (r, count(&|i| i.state.rag == r)))
            .collect(),
        overdue: overdue.len() as i64,
        due_soon: due_soon.len() as i64,
        lateness: LATENESS
            .iter()
            .map(|s| {
                overdue
                    .iter()
                    .filter(|i| due(i).is_some_and(|d| s.holds(days(d))))
                    .count() as i64
            })
            .collect(),
        open_for: OPEN_FOR
            .iter()
            .map(|s| {
                open.iter()
                    .filter(|i| s.holds(days(opened_on[&i.id])))
                    .count() as i64
            })
            .collect(),
        open_by_review: groups(
            open.iter()
                .map(|i| (i.review, names[&i.review].clone()))
                .collect(),
        ),
        open_by_owner: groups(open.iter().map(|i| i.state.owner.clone()).collect()),
        open_by_theme: groups(open.iter().map(|i| i.state.theme.clone()).collect()),
        progress: months
            .into_iter()
            .map(|(month, (opened, closed))| MonthCount {
                month,
                opened,
                closed,
            })
            .collect(),
        overdue_first: first(overdue),
        due_soon_first: first(due_soon),
    }
}

async fn dashboard_agrees_with_the_items(fresh: Fresh) {
    let store = fresh.open().await;
    let empty = store
        .dashboard(&ItemFilter::default(), day("2014-01-01"))
        .await
        .expect("dashboard of nothing");
    assert_eq!((empty.total, empty.open, empty.progress.len()), (0, 0, 0));
    busy_register(&*store).await;
    let review = store.reviews().await.expect("reviews")[0].id;
    for today in ["2013-02-20", "2014-01-15", "2016-06-30"] {
        for f in [
            ItemFilter::default(),
            ItemFilter {
                review: Some(review),
                ..Default::default()
            },
            ItemFilter {
                text: Some("police".into()),
                ..Default::default()
            },
            ItemFilter {
                kind: Some(ItemKind::Recommendation),
                owner: Some("e".into()),
                ..Default::default()
            },
        ] {
            let got = store.dashboard(&f, day(today)).await.expect("dashboard");
            let want = dashboard_by_hand(&*store, &f, day(today)).await;
            assert_eq!(got, want, "{today}, {f:?}");
            assert_eq!(
                got.total as u64,
                store.count_items(&f).await.expect("count"),
                "{f:?}"
            );
        }
    }
    let all = store
        .dashboard(&ItemFilter::default(), day("2014-01-15"))
        .await
        .expect("dashboard");
    assert!(
        all.total > 0 && all.open > 0 && all.progress.len() >= 2,
        "{all:?}"
    );

    // A write anywhere is seen at once: the remembered figures are per register version.
    let item = store.items(&ItemFilter::default()).await.expect("items")[0].id;
    let before = store
        .dashboard(&ItemFilter::default(), day("2014-01-15"))
        .await
        .expect("dashboard");
    let closed_before = before.by_status[0].1;
    assert_eq!(before.by_status[0].0, Some(Status::Completed));
    store
        .record_update(
            item,
            UpdateRequest {
                status: Some(Status::InProgress),
                ..UpdateRequest::by(me())
            },
        )
        .await
        .expect("update");
    store
        .record_update(
            item,
            UpdateRequest {
                status: Some(Status::Completed),
                ..UpdateRequest::by(me())
            },
        )
        .await
        .expect("update");
    let after = store
        .dashboard(&ItemFilter::default(), day("2014-01-15"))
        .await
        .expect("dashboard");
    let was_completed = before
        .overdue_first
        .iter()
        .chain(&before.due_soon_first)
        .all(|i| i.id != item);
    assert!(was_completed || after != before);
    assert_eq!(
        after,
        dashboard_by_hand(&*store, &ItemFilter::default(), day("2014-01-15")).await
    );
    assert!(after.by_status[0].1 >= closed_before);
    store.close().await;
}

async fn pages_walk_every_item_once(fresh: Fresh) {
    let store = fresh.open().await;
    busy_register(&*store).await;
    for f in [
        ItemFilter::default(),
        ItemFilter {
            status: Some(Status::InProgress),
            ..Default::default()
        },
        ItemFilter {
            text: Some("force".into()),
            ..Default::default()
        },
    ] {
        let all = store.items(&f).await.expect("items");
        assert_eq!(
            store.count_items(&f).await.expect("count"),
            all.len() as u64
        );
        for size in [1, 7, 500] {
            let mut walked = Vec::new();
            let mut after = None;
            loop {
                let page = store.items_page(&f, after, size).await.expect("page");
                assert!(page.items.len() <= size as usize);
                walked.extend(page.items.iter().cloned());
                match page.next {
                    Some(c) => {
                        // A cursor travels as text.
                        after = Some(c.to_string().parse::<Cursor>().expect("cursor"));
                    }
                    None => break,
                }
            }
            assert_eq!(walked, all, "{f:?}, pages of {size}");
        }
    }
    let last = store
        .items(&ItemFilter::default())
        .await
        .expect("items")
        .len();
    let page = store
        .items_page(
            &ItemFilter::default(),
            None,
            u32::try_from(last).expect("small"),
        )
        .await
        .expect("one page holds everything");
    assert_eq!((page.items.len(), page.next), (last, None));

    // A page asked again is remembered, but never past a write: the next ask after an
    // update shows the updated item.
    let f = ItemFilter::default();
    let first = store.items_page(&f, None, 5).await.expect("page");
    assert_eq!(store.items_page(&f, None, 5).await.expect("again"), first);
    let target = first.items[0].id;
    let mut u = UpdateRequest::by(me());
    u.note = Some("A note written after the page was remembered".into());
    store.record_update(target, u).await.expect("update");
    let after = store
        .items_page(&f, None, 5)
        .await
        .expect("after the write");
    assert_eq!(after.items[0].id, target);
    assert_eq!(
        after.items[0].version.get(),
        first.items[0].version.get() + 1
    );
    assert_eq!(
        after.items[0],
        store.item(target, None).await.expect("item")
    );
    store.close().await;
}

async fn full_text_search(fresh: Fresh) {
    let store = fresh.open().await;
    // A dry run writes nothing, not even to the search index.
    let doc = inspection();
    let bytes = bytes_of(&doc);
    store
        .import_document(Import {
            file_name: "dry.md".into(),
            bytes: &bytes,
            document: &doc,
            meta: ReportMeta::default(),
            review: None,
            by: me(),
            origin: None,
            dry_run: true,
        })
        .await
        .expect("dry run");
    let refs = |q: &str| {
        let store = &store;
        let q = q.to_string();
        async move {
            let f = ItemFilter {
                text: Some(q.clone()),
                ..Default::default()
            };
            let items = store
                .items(&f)
                .await
                .unwrap_or_else(|e| panic!("{q:?}: {e}"));
            assert_eq!(
                store.count_items(&f).await.expect("count"),
                items.len() as u64,
                "{q:?}"
            );
            let mut refs: Vec<String> = items.into_iter().filter_map(|i| i.state.r#ref).collect();
            refs.sort();
            refs
        }
    };
    assert!(refs("custody").await.is_empty());
    import(&*store, &inspection(), "inspection.md").await;
    import(&*store, &progress(), "progress.md").await;
    // Words in any order and form; a phrase; an exclusion; either of two.
    assert_eq!(refs("staff custody").await, ["2"]);
    assert_eq!(refs("trained").await, ["2"], "stemmed: train");
    assert_eq!(refs("CUSTODY").await, ["2"]);
    assert_eq!(refs("\"stop and search\"").await, ["3"]);
    assert!(refs("\"search and stop\"").await.is_empty());
    assert_eq!(refs("force").await, ["1", "4"]);
    assert_eq!(refs("force -diversity").await, ["1"]);
    assert_eq!(refs("diversity or custody").await, ["2", "4"]);
    // A reference, exactly.
    assert_eq!(refs("3").await, ["3"]);
    assert_eq!(refs(" 4 ").await, ["4"]);
    // Odd input is never an error: at worst it finds nothing.
    for odd in [
        "\"",
        "\"\"",
        "-",
        "*",
        "custody*",
        "NOT",
        "AND OR NOT",
        "(custody",
        "custody)",
        "custody:staff",
        "^custody",
        "NEAR(custody staff)",
        "'; DROP TABLE items; --",
        "custody & staff | !first",
        "\\",
        "%_",
        "naïve café",
        "\u{0}",
        "🙂",
        &"x".repeat(5000),
    ] {
        refs(odd).await;
    }
    assert_eq!(refs("custody*").await, ["2"]);
    assert_eq!(refs("(custody").await, ["2"]);

    // An item a later report updated (a new status, a response) is found as before.
    let mut later = progress();
    later.title = Some("Anyshire: second progress report".into());
    later.items = vec![rec("4", "Appoint a diversity lead for the force", 3)];
    later.items[0].status = Some(Status::Completed);
    assert_eq!(
        summary(import(&*store, &later, "later.md").await).updated,
        1
    );
    assert_eq!(refs("diversity").await, ["4"]);
    assert_eq!(refs("force").await, ["1", "4"]);

    // What another process has just written is found at once (on SQLite the index is
    // brought up to date before a search runs, whoever wrote).
    let other = fresh.open().await;
    let mut elsewhere = inspection();
    elsewhere.title = Some("Inspection of Northmoor Police".into());
    elsewhere.items = vec![rec(
        "N1",
        "Northmoor should open a dedicated hate crime unit",
        3,
    )];
    import(&*other, &elsewhere, "northmoor.md").await;
    other.close().await;
    assert_eq!(refs("hate crime").await, ["N1"]);
    store.close().await;
}

/// SQLite's search index is a directory beside the register, derived from it: one that
/// is missing or damaged is built again, and nothing is lost from a search. The FTS5 file
/// that registers had before it is removed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_index_beside_the_register_is_rebuilt() {
    let fresh = Fresh::sqlite("search_index_rebuilt");
    let DatabaseUrl::Sqlite(path) = fresh.url.clone() else {
        unreachable!()
    };
    let beside = |suffix: &str| {
        let mut p = path.as_os_str().to_os_string();
        p.push(suffix);
        std::path::PathBuf::from(p)
    };
    let found = |store: Box<dyn Store>| async move {
        let f = ItemFilter {
            text: Some("custody".into()),
            ..Default::default()
        };
        let n = store.count_items(&f).await.expect("count");
        store.close().await;
        n
    };
    std::fs::write(beside("-search"), b"an FTS5 file of an older Heed").expect("old file");
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    assert_eq!(found(store).await, 1);
    assert!(
        beside("-index").is_dir(),
        "the index lives beside the register"
    );
    assert!(!beside("-search").exists(), "the old index file is gone");

    std::fs::remove_dir_all(beside("-index")).expect("remove the index");
    assert_eq!(
        found(fresh.open().await).await,
        1,
        "a missing index is built"
    );

    // Every file of the index spoilt: its meta file and its segments.
    for entry in std::fs::read_dir(beside("-index")).expect("index dir") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::write(entry.path(), b"not an index, just bytes where it was").expect("junk");
        }
    }
    assert_eq!(
        found(fresh.open().await).await,
        1,
        "a damaged index is built"
    );
}

/// SQLite's planner statistics follow the register as it grows within one process: taken
/// when a register was opened small, they said "one item" while tens of thousands came in,
/// and the search index's catch-up read every item for each new one (minutes for a step).
#[tokio::test]
async fn planner_statistics_follow_a_growing_register() {
    let fresh = Fresh::sqlite("statistics_follow");
    let DatabaseUrl::Sqlite(path) = fresh.url.clone() else {
        unreachable!()
    };
    let rows_in_statistics = || async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
            .await
            .expect("connect");
        let stat: Option<(String,)> =
            sqlx::query_as("SELECT stat FROM sqlite_stat1 WHERE idx = 'items_order'")
                .fetch_optional(&pool)
                .await
                .expect("sqlite_stat1");
        pool.close().await;
        stat.map(|(s,)| {
            s.split(' ')
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .expect("a row count first")
        })
    };
    let store = fresh.open().await;
    let mut small = inspection();
    small.items.truncate(1);
    import(&*store, &small, "small.md").await;
    store.close().await;
    // Opening takes them: the register holds one item.
    let store = fresh.open().await;
    assert_eq!(rows_in_statistics().await, Some(1));
    // A connection open all along, as a server's are, plans by the statistics it read.
    let mut reader = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!(
        "sqlite://{}",
        path.display()
    ))
    .await
    .expect("connect");
    async fn plan(conn: &mut sqlx::SqliteConnection) -> String {
        let q = "EXPLAIN QUERY PLAN SELECT i.id, c.changed FROM \
                   (SELECT item_id, max(kind <> 'item_created') AS changed FROM events \
                     WHERE id > 5 AND id <= 50000 AND item_id IS NOT NULL GROUP BY item_id) c \
                 JOIN items i ON i.id = c.item_id ORDER BY i.id";
        // A statement that reads the register first: it finds the schema changed, if it
        // was, and reads it again (EXPLAIN alone reads nothing). The plan is prepared
        // anew each time, as a changed schema makes every cached statement be.
        sqlx::query("SELECT count(*) FROM items")
            .execute(&mut *conn)
            .await
            .expect("read");
        let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(q)
            .persistent(false)
            .fetch_all(conn)
            .await
            .expect("plan");
        rows.into_iter().map(|r| r.3).collect::<Vec<_>>().join("; ")
    }
    let before = plan(&mut reader).await;
    assert!(
        !before.contains("SEARCH i USING INTEGER PRIMARY KEY"),
        "with one item counted, items are scanned: {before}"
    );
    let mut reports = 0;
    for r in 0..80 {
        let items = (0..20)
            .map(|k| {
                rec(
                    &format!("{k}"),
                    &format!("Report {r} asks the force to mend matter {k} of its custody suite"),
                    k + 1,
                )
            })
            .collect();
        let doc = Document {
            title: Some(format!("Report {r}")),
            items,
            ..Document::default()
        };
        let new = summary(import(&*store, &doc, &format!("report-{r}.md")).await);
        assert_eq!(new.created, 20);
        reports += 1;
    }
    assert_eq!(reports, 80);
    let rows = rows_in_statistics().await.expect("statistics kept");
    // `optimize` takes them again when a table has grown 25-fold since.
    assert!(
        rows * 25 >= 1_601,
        "after 1,601 items the statistics still say {rows}"
    );
    let after = plan(&mut reader).await;
    assert!(
        after.contains("SEARCH i USING INTEGER PRIMARY KEY"),
        "the open connection plans by the new statistics: {after}"
    );
    sqlx::Connection::close(reader).await.expect("close");
    // And what was written is found.
    let f = ItemFilter {
        text: Some("custody".into()),
        ..Default::default()
    };
    assert_eq!(store.count_items(&f).await.expect("count"), 80 * 20);
    store.close().await;
}

// ---------------------------------------------------------------------------------------
// Opening: bad URLs and damaged files give clear errors (SQLite only; no server needed).

#[tokio::test]
async fn bad_urls_and_corrupt_files_are_named() {
    let err = DatabaseUrl::parse("mysql://localhost/heed").expect_err("mysql");
    assert!(err.to_string().contains("mysql://localhost/heed"), "{err}");

    let fresh = Fresh::sqlite("corrupt");
    let DatabaseUrl::Sqlite(path) = &fresh.url else {
        unreachable!()
    };
    std::fs::write(path, vec![b'x'; 8192]).expect("write junk");
    let err = open(&fresh.url)
        .await
        .err()
        .expect("a junk file is refused");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("heed.db"), "{err}");

    let nowhere = DatabaseUrl::Sqlite("/nonexistent-dir/deeper/heed.db".into());
    let err = open(&nowhere).await.err().expect("no such directory");
    assert!(
        err.to_string().contains("/nonexistent-dir/deeper/heed.db"),
        "{err}"
    );

    let unreachable = DatabaseUrl::Postgres("postgres://heed@127.0.0.1:1/heed".into());
    let err = open(&unreachable)
        .await
        .err()
        .expect("nothing listens on port 1");
    assert!(matches!(err, StoreError::Unreachable { .. }), "{err:?}");
}

/// Both backends have the same tables with the same columns in the same order (but for the
/// full-text index), and the same migrations (habit: migrations are a contract, both backends change together).
#[tokio::test]
async fn schemas_match() {
    let dir = |b: &str| {
        let d = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(b);
        let mut names: Vec<String> = std::fs::read_dir(d)
            .expect("migrations dir")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        dir("sqlite"),
        dir("postgres"),
        "every migration exists for both backends"
    );

    let Some(pg) = Fresh::postgres("schemas_match").await else {
        eprintln!("skipped: set HEED_TEST_POSTGRES_URL to compare with PostgreSQL");
        return;
    };
    let lite = Fresh::sqlite("schemas_match");
    lite.open().await.close().await;
    pg.open().await.close().await;
    let DatabaseUrl::Sqlite(path) = &lite.url else {
        unreachable!()
    };
    let DatabaseUrl::Postgres(url) = &pg.url else {
        unreachable!()
    };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("sqlite");
    let lite_cols: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
         ORDER BY m.name, p.cid",
    )
    .fetch_all(&pool)
    .await
    .expect("sqlite columns");
    pool.close().await;
    let pool = sqlx::PgPool::connect(url).await.expect("postgres");
    let pg_cols: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' \
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(&pool)
    .await
    .expect("postgres columns");
    pool.close().await;
    // Full-text search is the one place the backends differ: SQLite's index is beside
    // the register (`search.rs`), PostgreSQL's a tsvector column (`tsearch.rs`).
    let pg_cols: Vec<(String, String)> = pg_cols
        .into_iter()
        .filter(|(t, c)| (t.as_str(), c.as_str()) != ("items", "search"))
        .collect();
    assert!(!lite_cols.is_empty());
    assert_eq!(lite_cols, pg_cols);
}

/// Several processes opening a new SQLite register at once all succeed (the first creates
/// the schema; the others find it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_opens_succeed() {
    let fresh = Arc::new(Fresh::sqlite("first_opens"));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let fresh = fresh.clone();
            tokio::spawn(async move { open(&fresh.url).await.map(|_| ()) })
        })
        .collect();
    for t in tasks {
        let result = t.await.expect("task");
        assert!(result.is_ok(), "{:?}", result.err());
    }
}

// ---------------------------------------------------------------------------------------
// The workflow: claims and their verification, publishing, where writes came from.

fn claim(by: &str, on: &str, origin: &str) -> UpdateRequest {
    let mut u = UpdateRequest::by(Actor::Person(by.into()));
    u.status = Some(Status::Completed);
    u.note = Some("All custody staff trained".into());
    u.claim_only = true;
    u.on = Some(day(on));
    u.origin = Some(origin.into());
    u
}

fn decide(decision: Decision, note: Option<&str>, on: &str) -> VerifyRequest {
    VerifyRequest {
        decision,
        note: note.map(str::to_string),
        expected_version: None,
        by: Actor::Person("Sam Secretariat".into()),
        on: Some(day(on)),
        origin: Some("198.51.100.4".into()),
    }
}

async fn claimed_completion_awaits_verification(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let two = by_ref(&items, "2").id;
    let three = by_ref(&items, "3").id;
    let open_count =
        |store: Arc<dyn Store>| async move { store.reviews().await.expect("reviews")[0].open };
    let store: Arc<dyn Store> = Arc::from(store);
    let awaiting = ItemFilter {
        awaiting_verification: true,
        ..ItemFilter::default()
    };
    let overdue = ItemFilter {
        overdue_on: Some(day("2013-06-01")),
        ..ItemFilter::default()
    };
    assert_eq!(open_count(store.clone()).await, 3);

    // An owner's completion is a claim: the item stays open, and overdue.
    let claimed = store
        .record_update(two, claim("Olu Owner", "2013-04-01", "192.0.2.10"))
        .await
        .expect("claim");
    assert_eq!(claimed.state.status, Some(Status::NotStarted));
    assert!(claimed.awaits_verification());
    let v = claimed.state.verification.clone().expect("verification");
    assert_eq!(
        (v.state, v.claimed, v.claimed_by.as_str(), v.claimed_on),
        (
            Verification::Awaiting,
            Status::Completed,
            "Olu Owner",
            day("2013-04-01")
        )
    );
    assert_eq!(open_count(store.clone()).await, 3);
    let ids =
        |list: Vec<heed_store::ItemRecord>| list.into_iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.items(&awaiting).await.expect("awaiting")),
        vec![two]
    );
    assert!(ids(store.items(&overdue).await.expect("overdue")).contains(&two));
    let completed = ItemFilter {
        status: Some(Status::Completed),
        ..ItemFilter::default()
    };
    assert!(store.items(&completed).await.expect("completed").is_empty());

    // A rejection needs a reason; a stale version is a conflict; nothing is written.
    let no_reason = store
        .verify(two, decide(Decision::Reject, Some("  "), "2013-04-05"))
        .await;
    assert!(
        matches!(no_reason, Err(StoreError::Invalid(_))),
        "{no_reason:?}"
    );
    let mut stale = decide(Decision::Accept, None, "2013-04-05");
    stale.expected_version = Some(Version::from_raw(claimed.version.get() - 1));
    let stale = store.verify(two, stale).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert_eq!(
        store.item(two, None).await.expect("item").version,
        claimed.version
    );

    // Rejected: back to the status it had, with who, when and why.
    let mut reject = decide(
        Decision::Reject,
        Some("No training records attached"),
        "2013-04-05",
    );
    reject.expected_version = Some(claimed.version);
    let rejected = store.verify(two, reject).await.expect("reject");
    assert_eq!(rejected.state.status, Some(Status::NotStarted));
    let v = rejected.state.verification.clone().expect("verification");
    assert_eq!(
        (
            v.state,
            v.decided_by.as_deref(),
            v.decided_on,
            v.note.as_deref()
        ),
        (
            Verification::Rejected,
            Some("Sam Secretariat"),
            Some(day("2013-04-05")),
            Some("No training records attached")
        )
    );
    assert!(store.items(&awaiting).await.expect("awaiting").is_empty());
    let nothing = store
        .verify(two, decide(Decision::Accept, None, "2013-04-06"))
        .await;
    assert!(
        matches!(nothing, Err(StoreError::Invalid(_))),
        "{nothing:?}"
    );

    // Claimed again and accepted: now it is closed.
    store
        .record_update(two, claim("Olu Owner", "2013-05-01", "192.0.2.10"))
        .await
        .expect("claim again");
    let verified = store
        .verify(
            two,
            decide(Decision::Accept, Some("Records seen"), "2013-05-02"),
        )
        .await
        .expect("accept");
    assert_eq!(verified.state.status, Some(Status::Completed));
    assert_eq!(
        verified.state.verification.as_ref().map(|v| v.state),
        Some(Verification::Verified)
    );
    assert_eq!(open_count(store.clone()).await, 2);
    assert!(!ids(store.items(&overdue).await.expect("overdue")).contains(&two));

    // The history has each step; as-of replays them.
    let history = store.history(two).await.expect("history");
    let labels: Vec<&str> = history.iter().map(|e| e.change.label()).collect();
    assert_eq!(
        labels,
        ["created", "updated", "rejected", "updated", "verified"]
    );
    let rejection = &history[2];
    assert_eq!(rejection.author, "Sam Secretariat");
    assert_eq!(rejection.origin.as_deref(), Some("198.51.100.4"));
    for (on, status, state) in [
        ("2013-04-02", Status::NotStarted, Verification::Awaiting),
        ("2013-04-10", Status::NotStarted, Verification::Rejected),
        ("2013-05-01", Status::NotStarted, Verification::Awaiting),
        ("2013-05-03", Status::Completed, Verification::Verified),
    ] {
        let then = store.item(two, Some(day(on))).await.expect("as of");
        assert_eq!(then.state.status, Some(status), "{on}");
        assert_eq!(
            then.state.verification.as_ref().map(|v| v.state),
            Some(state),
            "{on}"
        );
    }
    let replayed = store
        .item(two, Some(day("2099-01-01")))
        .await
        .expect("replay");
    assert_eq!(replayed.state, verified.state);

    // A completion recorded by a verifier is verified at once, and recorded as such.
    let mut direct = UpdateRequest::by(Actor::Person("Sam Secretariat".into()));
    direct.status = Some(Status::Completed);
    direct.on = Some(day("2013-06-01"));
    let done = store.record_update(three, direct).await.expect("direct");
    assert_eq!(done.state.status, Some(Status::Completed));
    let v = done.state.verification.clone().expect("verified at once");
    assert_eq!(
        (v.state, v.decided_by.as_deref()),
        (Verification::Verified, Some("Sam Secretariat"))
    );
    let last = store.history(three).await.expect("history");
    match &last.last().expect("event").change {
        Change::ItemUpdated(u) => assert!(u.verified && u.claim.is_none()),
        other => panic!("expected an update, got {other:?}"),
    }
    assert_eq!(open_count(store.clone()).await, 1);
}

async fn publishing_is_an_event_and_narrows_listings(fresh: Fresh) {
    let store = fresh.open().await;
    let review = summary(import(&*store, &inspection(), "inspection.md").await).review;
    let published_only = ItemFilter {
        published_only: true,
        ..ItemFilter::default()
    };
    assert!(!store.reviews().await.expect("reviews")[0].published);
    assert!(
        store
            .items(&published_only)
            .await
            .expect("items")
            .is_empty()
    );

    let by = Actor::Person("Sam Secretariat".into());
    assert!(
        store
            .publish_review(review, true, &by, Some("198.51.100.4"))
            .await
            .expect("publish")
    );
    assert!(
        !store
            .publish_review(review, true, &by, None)
            .await
            .expect("already published")
    );
    assert!(store.reviews().await.expect("reviews")[0].published);
    assert_eq!(store.items(&published_only).await.expect("items").len(), 3);

    store
        .publish_review(review, false, &by, Some("198.51.100.4"))
        .await
        .expect("unpublish");
    assert!(!store.reviews().await.expect("reviews")[0].published);
    assert!(
        store
            .items(&published_only)
            .await
            .expect("items")
            .is_empty()
    );

    let events = store.review_events(review).await.expect("events");
    let published: Vec<(&str, &str, Option<&str>)> = events
        .iter()
        .filter(|e| matches!(e.change, Change::Published { .. }))
        .map(|e| (e.change.label(), e.author.as_str(), e.origin.as_deref()))
        .collect();
    assert_eq!(
        published,
        [
            ("published", "Sam Secretariat", Some("198.51.100.4")),
            ("unpublished", "Sam Secretariat", Some("198.51.100.4"))
        ]
    );
    let missing = store
        .publish_review(heed_core::ReviewId::from_raw(99), true, &by, None)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
}

async fn every_write_records_where_it_came_from(fresh: Fresh) {
    let store = fresh.open().await;
    let doc = inspection();
    let bytes = bytes_of(&doc);
    store
        .import_document(Import {
            file_name: "inspection.md".into(),
            bytes: &bytes,
            document: &doc,
            meta: ReportMeta::default(),
            review: None,
            by: me(),
            origin: Some("cli:ann".into()),
            dry_run: false,
        })
        .await
        .expect("import");
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let (one, two) = (by_ref(&items, "1").id, by_ref(&items, "2").id);
    let mut u = UpdateRequest::by(me());
    u.note = Some("Targets drafted".into());
    u.origin = Some("203.0.113.7".into());
    store.record_update(one, u).await.expect("update");
    store
        .link_items(one, two, LinkKind::SeeAlso, &me(), Some("cli:ann"))
        .await
        .expect("link");
    let origins: Vec<Option<String>> = store
        .history(one)
        .await
        .expect("history")
        .into_iter()
        .map(|e| e.origin)
        .collect();
    assert_eq!(
        origins,
        [
            Some("cli:ann".to_string()),
            Some("203.0.113.7".to_string()),
            Some("cli:ann".to_string())
        ]
    );
    let json = serde_json::to_value(store.history(one).await.expect("history")).expect("json");
    assert_eq!(json[1]["origin"], "203.0.113.7");
}

// Intake: corrected imports, uploads waiting for confirmation, API tokens, saved views.

/// A person's corrections at import time are credited to them, not to the document line;
/// a matched item's corrected update is its own event; "new review" overrides matching.
async fn corrected_import(fresh: Fresh) {
    use heed_store::{Corrections, Field};
    use std::collections::{BTreeMap, BTreeSet};
    let store = fresh.open().await;
    let doc = inspection();
    let bytes = bytes_of(&doc);
    let sam = Actor::Person("Sam Secretariat".into());
    let mut fields = BTreeMap::new();
    fields.insert(1, BTreeSet::from([Field::Text, Field::Owner]));
    let fix = Corrections {
        by: sam.clone(),
        fields,
        new_review: false,
    };
    let first = summary(
        store
            .import_corrected(
                Import {
                    file_name: "inspection.txt".into(),
                    bytes: &bytes,
                    document: &doc,
                    meta: ReportMeta::default(),
                    review: None,
                    by: sam.clone(),
                    origin: None,
                    dry_run: false,
                },
                &fix,
            )
            .await
            .expect("import"),
    );
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let two = by_ref(&items, "2");
    let person = Source::Person {
        name: "Sam Secretariat".into(),
    };
    assert_eq!(two.state.provenance.get("text"), Some(&person));
    assert_eq!(two.state.provenance.get("owner"), Some(&person));
    assert_eq!(
        two.state.provenance.get("status"),
        Some(&Source::Document {
            report: first.report,
            line: 14
        })
    );
    let one = by_ref(&items, "1");
    assert!(matches!(
        one.state.provenance.get("text"),
        Some(Source::Document { .. })
    ));

    // The progress report matches review 1; the person corrects item 1's status.
    let later = progress();
    let bytes = bytes_of(&later);
    let mut fields = BTreeMap::new();
    fields.insert(0, BTreeSet::from([Field::Status]));
    let fix = Corrections {
        by: sam.clone(),
        fields,
        new_review: false,
    };
    let second = summary(
        store
            .import_corrected(
                Import {
                    file_name: "progress.txt".into(),
                    bytes: &bytes,
                    document: &later,
                    meta: ReportMeta::default(),
                    review: None,
                    by: sam.clone(),
                    origin: None,
                    dry_run: false,
                },
                &fix,
            )
            .await
            .expect("import"),
    );
    assert_eq!(second.review, first.review);
    let one = store.item(one.id, None).await.expect("item");
    assert_eq!(one.state.status, Some(Status::Completed));
    assert_eq!(one.state.provenance.get("status"), Some(&person));
    let history = store.history(one.id).await.expect("history");
    assert_eq!(history.last().map(|e| &e.source), Some(&person));

    // The same document as a new review, by choice: a dry run shows it.
    let third = progress();
    let mut third_doc = third.clone();
    third_doc.title = Some("Another copy".into());
    let bytes = bytes_of(&third_doc);
    let mut fix = Corrections::none(sam.clone());
    fix.new_review = true;
    let dry = summary(
        store
            .import_corrected(
                Import {
                    file_name: "copy.txt".into(),
                    bytes: &bytes,
                    document: &third_doc,
                    meta: ReportMeta::default(),
                    review: Some(first.review),
                    by: sam,
                    origin: None,
                    dry_run: true,
                },
                &fix,
            )
            .await
            .expect("dry run"),
    );
    assert!(dry.new_review);
    assert!(dry.matches.is_empty());
    assert_eq!(store.reviews().await.expect("reviews").len(), 1);
}

/// Uploads wait for their uploader and expire; tokens are found by hash, revoked, and their
/// names reused; saved views get unique slugs and can be deleted.
async fn intake_records(fresh: Fresh) {
    use heed_store::{Role, TokenLookup};
    let store = fresh.open().await;
    let ann = store
        .add_user("ann", "$argon2id$x", Role::Secretariat, None)
        .await
        .expect("add");
    let bob = store
        .add_user("bob", "$argon2id$y", Role::Viewer, None)
        .await
        .expect("add");

    let options = heed_store::UploadOptions {
        date: Some(day("2013-03-14")),
        map: Some("Lead=owner".into()),
        sheet: None,
    };
    let p = store
        .put_pending_import("abc", ann.id, "r.txt", b"Recommendation 1", &options, 3600)
        .await
        .expect("keep");
    assert_eq!(p.user, ann.id);
    let found = store
        .pending_import("abc")
        .await
        .expect("find")
        .expect("there");
    assert_eq!(found.bytes, b"Recommendation 1");
    assert_eq!(found.file_name, "r.txt");
    assert_eq!(found.options, options);
    store
        .put_pending_import("old", ann.id, "o.txt", b"x", &Default::default(), -1)
        .await
        .expect("keep");
    assert!(
        store.pending_import("old").await.expect("find").is_none(),
        "expired"
    );
    store.drop_pending_import("abc").await.expect("drop");
    assert!(store.pending_import("abc").await.expect("find").is_none());
    store
        .drop_pending_import("abc")
        .await
        .expect("dropping twice is fine");

    let t = store
        .create_api_token("ann", "ci", "hash-1")
        .await
        .expect("token");
    assert_eq!((t.user.as_str(), t.name.as_str()), ("ann", "ci"));
    let again = store.create_api_token("bob", "ci", "hash-2").await;
    assert!(matches!(again, Err(StoreError::Invalid(_))), "{again:?}");
    let nobody = store.create_api_token("zed", "x", "hash-3").await;
    assert!(
        matches!(nobody, Err(StoreError::NotFound { .. })),
        "{nobody:?}"
    );
    store
        .create_api_token("bob", "reports", "hash-4")
        .await
        .expect("token");
    assert_eq!(
        store.api_token("hash-1").await.expect("look up"),
        TokenLookup::Valid {
            user: ann.clone(),
            token_name: "ci".into()
        }
    );
    assert_eq!(
        store.api_token("nope").await.expect("look up"),
        TokenLookup::Unknown
    );
    assert_eq!(store.api_tokens(None).await.expect("list").len(), 2);
    assert_eq!(store.api_tokens(Some("bob")).await.expect("list").len(), 1);
    let wrong_owner = store.revoke_api_token("ci", Some("bob")).await;
    assert!(matches!(wrong_owner, Err(StoreError::NotFound { .. })));
    let revoked = store.revoke_api_token("ci", None).await.expect("revoke");
    assert!(revoked.revoked_at.is_some());
    assert_eq!(
        store.api_token("hash-1").await.expect("look up"),
        TokenLookup::Revoked("ci".into())
    );
    // The name is free again.
    store
        .create_api_token("ann", "ci", "hash-5")
        .await
        .expect("reuse the name");

    let v = store
        .save_view(ann.id, "Overdue in custody!", "overdue=true&owner=custody")
        .await
        .expect("save");
    assert_eq!(
        (v.slug.as_str(), v.owner.as_str()),
        ("overdue-in-custody", "ann")
    );
    let w = store
        .save_view(bob.id, "overdue in  custody", "overdue=true")
        .await
        .expect("save");
    assert_eq!(w.slug, "overdue-in-custody-2");
    let blank = store.save_view(bob.id, "  ", "x=1").await;
    assert!(matches!(blank, Err(StoreError::Invalid(_))));
    assert_eq!(store.saved_views().await.expect("views").len(), 2);
    assert_eq!(
        store
            .saved_view("overdue-in-custody")
            .await
            .expect("view")
            .query,
        "overdue=true&owner=custody"
    );
    store
        .delete_view("overdue-in-custody")
        .await
        .expect("delete");
    assert!(matches!(
        store.saved_view("overdue-in-custody").await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(store.delete_view("overdue-in-custody").await.is_err());
    assert_eq!(store.saved_views().await.expect("views").len(), 1);
}

async fn item_with_history_agrees_with_item_and_history(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    // One item as read (its state kept only in its creation event), one changed since.
    let (untouched, changed) = (by_ref(&items, "1").id, by_ref(&items, "2").id);
    let mut u = UpdateRequest::by(me());
    u.note = Some("progress".into());
    u.status = Some(Status::InProgress);
    store.record_update(changed, u).await.expect("update");
    for id in [untouched, changed] {
        let ItemWithHistory {
            item: record,
            history,
        } = store.item_with_history(id).await.expect("both");
        assert_eq!(record, store.item(id, None).await.expect("item"));
        assert_eq!(history, store.history(id).await.expect("history"));
    }
    assert_eq!(
        store
            .item_with_history(changed)
            .await
            .expect("both")
            .history
            .len(),
        2
    );
    let missing = store.item_with_history(ItemId::from_raw(999_999)).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { what: "item", .. })),
        "{missing:?}"
    );
    store.close().await;
}

/// Two stores on one database are two processes. What one writes, the other sees within
/// `FRESH_FOR` (a quarter of a second; it remembers the register version and who holds a
/// token that long); what a store writes itself, it sees at once.
async fn other_processes_writes_are_seen_soon_and_ours_at_once(fresh: Fresh) {
    use heed_store::{Role, TokenLookup};
    let a = fresh.open().await;
    let b = fresh.open().await;
    import(&*a, &inspection(), "inspection.md").await;
    let open = ItemFilter {
        status: Some(Status::InProgress),
        ..ItemFilter::default()
    };
    let before = a.count_items(&open).await.expect("count");
    let items = a.items(&ItemFilter::default()).await.expect("items");
    let id = by_ref(&items, "2").id;
    let mut u = UpdateRequest::by(me());
    u.status = Some(Status::InProgress);
    u.note = Some("started".into());
    b.record_update(id, u).await.expect("update by the other");
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(
        a.count_items(&open).await.expect("count"),
        before + 1,
        "the other process's write is seen once FRESH_FOR has passed"
    );
    // Our own write is seen at once, however recently the version was read.
    let id2 = by_ref(&items, "3").id;
    let mut u = UpdateRequest::by(me());
    u.status = Some(Status::InProgress);
    a.record_update(id2, u).await.expect("update by us");
    assert_eq!(a.count_items(&open).await.expect("count"), before + 2);

    // Tokens: revoked here, refused here at once; revoked there, refused here soon.
    a.add_user("ann", "$argon2id$x", Role::Viewer, None)
        .await
        .expect("user");
    a.create_api_token("ann", "one", "hash-one")
        .await
        .expect("token");
    a.create_api_token("ann", "two", "hash-two")
        .await
        .expect("token");
    for h in ["hash-one", "hash-two"] {
        assert!(matches!(
            a.api_token(h).await.expect("look up"),
            TokenLookup::Valid { .. }
        ));
    }
    a.revoke_api_token("one", None).await.expect("revoke here");
    assert!(matches!(
        a.api_token("hash-one").await.expect("look up"),
        TokenLookup::Revoked(_)
    ));
    b.revoke_api_token("two", None).await.expect("revoke there");
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert!(matches!(
        a.api_token("hash-two").await.expect("look up"),
        TokenLookup::Revoked(_)
    ));
    // Sessions: ended here, gone here at once.
    let ann = a
        .user_credentials("ann")
        .await
        .expect("ann")
        .expect("ann")
        .user;
    a.start_session("s1", ann.id, "c1", 3600)
        .await
        .expect("session");
    assert!(a.session("s1").await.expect("read").is_some());
    a.end_session("s1").await.expect("end");
    assert!(a.session("s1").await.expect("read").is_none());
    a.close().await;
    b.close().await;
}

async fn owner_filter_takes_percent_and_underscore_literally(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    for (r, owner) in [("1", "100% Team"), ("2", "a_b unit"), ("3", "axb unit\\x")] {
        let mut u = UpdateRequest::by(me());
        u.owner = Some(owner.into());
        store
            .record_update(by_ref(&items, r).id, u)
            .await
            .expect("owner");
    }
    let owners = |o: &str| {
        let store = &store;
        let f = ItemFilter {
            owner: Some(o.into()),
            ..Default::default()
        };
        async move {
            let mut v: Vec<String> = store
                .items(&f)
                .await
                .expect("items")
                .into_iter()
                .filter_map(|i| i.state.owner)
                .collect();
            v.sort();
            v
        }
    };
    assert_eq!(owners("%").await, vec!["100% Team".to_string()]);
    assert_eq!(owners("_").await, vec!["a_b unit".to_string()]);
    assert_eq!(owners("a_b").await, vec!["a_b unit".to_string()]);
    assert_eq!(owners("\\").await, vec!["axb unit\\x".to_string()]);
    assert_eq!(owners("unit").await.len(), 2);
    assert!(owners("%%").await.is_empty());
    store.close().await;
}

async fn evidence_file_names_lose_their_folders(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let id = by_ref(&items, "1").id;
    for (sent, kept) in [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ann\\plan.pdf", "plan.pdf"),
        ("dir/..", "evidence"),
        ("a\nb.txt", "ab.txt"),
        ("report.pdf", "report.pdf"),
    ] {
        let mut u = UpdateRequest::by(me());
        u.evidence = Some(EvidenceFile {
            file_name: sent.into(),
            bytes: b"x".to_vec(),
            public: false,
        });
        let after = store.record_update(id, u).await.expect("evidence");
        let last = after.state.evidence.last().expect("kept");
        assert_eq!(last.file_name, kept, "{sent:?}");
        let StoredFile { name, .. } = store.evidence_file(last.id).await.expect("file");
        assert_eq!(name, kept, "{sent:?}");
    }
    store.close().await;
}

async fn the_claimant_may_not_decide_their_own_claim(fresh: Fresh) {
    let store = fresh.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let two = by_ref(&items, "2").id;
    store
        .record_update(two, claim("Olu Owner", "2013-04-01", "cli:olu"))
        .await
        .expect("claim");
    let by = |actor: Actor, decision: Decision| VerifyRequest {
        by: actor,
        ..decide(decision, Some("looked at it"), "2013-04-02")
    };
    // Neither in person, nor through one of their API tokens, nor by a name in other case.
    for actor in [
        Actor::Person("Olu Owner".into()),
        Actor::Api("Olu Owner via token nightly".into()),
        Actor::Person("olu owner".into()),
    ] {
        for decision in [Decision::Accept, Decision::Reject] {
            let r = store.verify(two, by(actor.clone(), decision)).await;
            assert!(
                matches!(&r, Err(StoreError::NotAllowed(m)) if m.contains("someone else")),
                "{actor:?} {decision:?}: {r:?}"
            );
        }
    }
    let still = store.item(two, None).await.expect("item");
    assert!(still.awaits_verification(), "nothing was decided");
    let done = store
        .verify(two, decide(Decision::Accept, None, "2013-04-02"))
        .await
        .expect("someone else verifies");
    assert_eq!(done.state.status, Some(Status::Completed));
    store.close().await;
}

async fn changes_dated_before_the_import_still_show_now(fresh: Fresh) {
    let store = fresh.open().await;
    // A report recorded without a date of its own takes the day it was recorded; a
    // progress report dated years earlier (but recorded later) must still show.
    let undated = Document {
        date: None,
        ..inspection()
    };
    import(&*store, &undated, "undated.md").await;
    let s = summary(import(&*store, &progress(), "progress.md").await);
    assert!(s.updated > 0, "{s:?}");
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let one = by_ref(&items, "1");
    assert_eq!(one.state.status, Some(Status::Completed), "the list");
    let now = store.item(one.id, None).await.expect("item");
    assert_eq!(now.state.status, Some(Status::Completed), "the item");
    // A person's change dated before the item's import counts too.
    let two = by_ref(&items, "2").id;
    let mut u = UpdateRequest::by(me());
    u.status = Some(Status::InProgress);
    u.on = Some(day("2005-06-01"));
    let after = store.record_update(two, u).await.expect("update");
    assert_eq!(after.state.status, Some(Status::InProgress));
    let listed = store.items(&ItemFilter::default()).await.expect("items");
    assert_eq!(by_ref(&listed, "2").state.status, Some(Status::InProgress));
    store.close().await;
}

async fn an_undated_report_counts_in_every_view_as_of_a_day(fresh: Fresh) {
    let store = fresh.open().await;
    // A report that states no date is recorded today, but nothing says when it spoke: the
    // register as it stood on a day years ago still has its items (issue 15: `report
    // --as-of 2013-06-30` of an undated review was empty), and a dated progress report
    // still takes effect on its own day after it.
    let undated = Document {
        date: None,
        ..inspection()
    };
    import(&*store, &undated, "undated.md").await;
    let items = store.items(&ItemFilter::default()).await.expect("items");
    let one = by_ref(&items, "1").id;
    let history = store.history(one).await.expect("history");
    assert!(history[0].undated, "{history:?}");
    let then = store
        .item(one, Some(day("2013-06-30")))
        .await
        .expect("as of");
    assert_eq!(then.state.status, Some(Status::InProgress));
    import(&*store, &progress(), "progress.md").await;
    let history = store.history(one).await.expect("history");
    let dated: Vec<bool> = history.iter().map(|e| e.undated).collect();
    assert!(
        dated.contains(&false),
        "the progress report is dated: {history:?}"
    );
    let before = store
        .item(one, Some(day("2013-12-31")))
        .await
        .expect("as of");
    assert_eq!(
        before.state.status,
        Some(Status::InProgress),
        "before the progress report"
    );
    let after = store
        .item(one, Some(day("2014-01-10")))
        .await
        .expect("as of");
    assert_eq!(after.state.status, Some(Status::Completed), "on its day");
    // A dated report's events are dated: its items are not in a view before its day.
    let dated_review = Document {
        title: Some("Another force".into()),
        items: vec![rec(
            "1",
            "Open a second custody suite in the north of the county",
            3,
        )],
        ..inspection()
    };
    import(&*store, &dated_review, "dated.md").await;
    let all = store.items(&ItemFilter::default()).await.expect("items");
    let other = all
        .iter()
        .find(|i| i.state.text.starts_with("Open a second custody suite"))
        .expect("imported");
    assert!(matches!(
        store.item(other.id, Some(day("2012-12-31"))).await,
        Err(StoreError::NotFound { .. })
    ));
    store.close().await;
}

async fn strengths_are_findings_not_open_items(fresh: Fresh) {
    let store = fresh.open().await;
    let mut doc = inspection();
    for (kind, text, line) in [
        (
            ItemKind::Strength,
            "Neighbourhood teams are in every ward",
            30,
        ),
        (
            ItemKind::WorkInProgress,
            "A new call-handling system is being procured",
            32,
        ),
    ] {
        let mut finding = Item::new(kind, text, line);
        finding.deadline = Deadline::parse("2013-02", None);
        doc.items.push(finding);
    }
    import(&*store, &doc, "inspection.md").await;
    let reviews = store.reviews().await.expect("reviews");
    assert_eq!((reviews[0].items, reviews[0].open), (5, 3), "{reviews:?}");
    let overdue = store
        .items(&ItemFilter {
            overdue_on: Some(day("2013-12-31")),
            ..Default::default()
        })
        .await
        .expect("items");
    assert!(
        overdue.iter().all(|i| i.state.kind.is_action()),
        "{overdue:?}"
    );
    let all = store.items(&ItemFilter::default()).await.expect("items");
    let strength = all
        .iter()
        .find(|i| i.state.kind == ItemKind::Strength)
        .expect("the strength");
    assert!(!strength.is_overdue(day("2013-12-31")));
    let by_hand = dashboard_by_hand(&*store, &ItemFilter::default(), day("2013-12-31")).await;
    let dash = store
        .dashboard(&ItemFilter::default(), day("2013-12-31"))
        .await
        .expect("dashboard");
    assert_eq!(dash, by_hand);
    store.close().await;
}

/// The dashboard's counters (kept by each write in its own transaction) equal a count of the
/// items by hand after any mix of writes: imports that create and match items, updates of
/// status, RAG, owner and deadline (some back-dated, some claims), verifications, links,
/// publishing and unpublishing, and a restore. A seeded random walk, three seeds.
async fn dashboard_counters_equal_a_recount_after_mixed_writes(fresh: Fresh) {
    let store = fresh.open().await;
    busy_register(&*store).await;
    let today = day("2014-01-15");
    let public = ItemFilter {
        published_only: true,
        ..Default::default()
    };
    let check = |when: String| {
        let store = &store;
        let public = public.clone();
        async move {
            for f in [ItemFilter::default(), public] {
                for on in [today, day("2013-02-20"), day("2016-06-30")] {
                    let got = store.dashboard(&f, on).await.expect("dashboard");
                    let want = dashboard_by_hand(&**store, &f, on).await;
                    assert_eq!(got, want, "{when}: {on}, {f:?}");
                }
            }
            let items = store.items(&ItemFilter::default()).await.expect("items");
            for r in store.reviews().await.expect("reviews").iter() {
                let of: Vec<&ItemRecord> = items.iter().filter(|i| i.review == r.id).collect();
                let open = of
                    .iter()
                    .filter(|i| {
                        i.state.kind.is_action() && i.state.status.is_none_or(|s| !s.is_closed())
                    })
                    .count();
                assert_eq!(
                    (r.items, r.open),
                    (of.len() as i64, open as i64),
                    "{when}: {r:?}"
                );
            }
        }
    };
    check("after the imports".into()).await;
    let statuses = [
        None,
        Some(Status::Completed),
        Some(Status::InProgress),
        Some(Status::NotStarted),
        Some(Status::NotAccepted),
        Some(Status::Superseded),
    ];
    let owners = ["Chief Constable", "", "Head of Service", "chief constable"];
    for seed in [1u64, 7, 42] {
        let mut state = seed;
        let mut next = move |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % n.max(1)
        };
        let reviews = store.reviews().await.expect("reviews");
        for step in 0..24 {
            let items = store.items(&ItemFilter::default()).await.expect("items");
            let item = &items[next(items.len())];
            match next(6) {
                0..=2 => {
                    // Never before the item's last change: an update dated before the item
                    // entered the register is worked out differently by `dashboard_by_hand`
                    // (it replays it before the creation) than by the projection, counters or
                    // not.
                    let on =
                        Day::from_epoch_days(item.updated_on.to_epoch_days() + next(90) as i64);
                    let update = UpdateRequest {
                        status: statuses[next(statuses.len())],
                        rag: [None, Some(Rag::Red), Some(Rag::Amber), Some(Rag::Green)][next(4)],
                        owner: (next(3) == 0).then(|| owners[next(owners.len())].to_string()),
                        deadline: (next(3) == 0).then(|| DeadlineChange {
                            deadline: Deadline::parse(
                                ["2013-03", "2014-01-20", "2014-02", "2015"][next(4)],
                                None,
                            )
                            .expect("deadline"),
                            reason: "replanned".into(),
                        }),
                        on: Some(on),
                        claim_only: next(3) == 0,
                        ..UpdateRequest::by(me())
                    };
                    store.record_update(item.id, update).await.expect("update");
                }
                3 => {
                    let awaiting = store
                        .items(&ItemFilter {
                            awaiting_verification: true,
                            ..Default::default()
                        })
                        .await
                        .expect("claims");
                    if let Some(claim) = awaiting.first() {
                        let decision = if next(2) == 0 {
                            Decision::Accept
                        } else {
                            Decision::Reject
                        };
                        let note = (decision == Decision::Reject).then_some("not yet");
                        store
                            .verify(claim.id, decide(decision, note, "2014-01-10"))
                            .await
                            .expect("verify");
                    }
                }
                4 => {
                    let review = reviews[next(reviews.len())].id;
                    store
                        .publish_review(review, next(3) != 0, &me(), None)
                        .await
                        .expect("publish");
                }
                _ => {
                    let other = &items[next(items.len())];
                    if other.id != item.id {
                        store
                            .link_items(item.id, other.id, LinkKind::SeeAlso, &me(), None)
                            .await
                            .expect("link");
                    }
                }
            }
            if step % 8 == 7 {
                check(format!("seed {seed}, step {step}")).await;
            }
        }
    }
    // A restore brings back other contents: the counters are counted again.
    let dir = scratch("counters_restore");
    let backup = dir.join("backup.db");
    store.backup(&backup).await.expect("backup");
    let item = store.items(&ItemFilter::default()).await.expect("items")[0].id;
    store
        .record_update(
            item,
            UpdateRequest {
                status: Some(Status::Superseded),
                ..UpdateRequest::by(me())
            },
        )
        .await
        .expect("update");
    store.restore(&backup).await.expect("restore");
    check("after a restore".into()).await;
    store.close().await;
}

/// A list's count (`count_matches`: from the counters for the filters they hold, a count of
/// the matches otherwise) and its first page (on SQLite read by the search index for any
/// filter but a review; on PostgreSQL by the filter's index when matches are few, in page
/// order otherwise) agree with the items themselves (read by the register's own WHERE), for
/// every filter the UI offers alone and together, before and after writes that move the
/// counters and the items' facets.
async fn match_counts_and_first_pages_equal_the_items_they_stand_for(fresh: Fresh) {
    let store = fresh.open().await;
    busy_register(&*store).await;
    let reviews = store.reviews().await.expect("reviews");
    let first = reviews[0].id;
    // A reference with a letter in it when there is one, so that case is tested.
    let refs: Vec<String> = store
        .items(&ItemFilter::default())
        .await
        .expect("items")
        .into_iter()
        .filter_map(|i| i.state.r#ref)
        .collect();
    let some_ref = refs
        .iter()
        .find(|r| r.chars().any(|c| c.is_ascii_lowercase()))
        .or(refs.first())
        .expect("a reference")
        .clone();
    let filters = |published_only: bool| {
        let mut out = vec![
            ItemFilter::default(),
            ItemFilter {
                status: Some(Status::Completed),
                ..Default::default()
            },
            ItemFilter {
                status: Some(Status::InProgress),
                rag: Some(Rag::Red),
                ..Default::default()
            },
            ItemFilter {
                rag: Some(Rag::Amber),
                ..Default::default()
            },
            ItemFilter {
                review: Some(first),
                ..Default::default()
            },
            ItemFilter {
                review: Some(first),
                status: Some(Status::Completed),
                ..Default::default()
            },
            ItemFilter {
                kind: Some(ItemKind::Recommendation),
                ..Default::default()
            },
            // Kind with status and RAG: counted from the kind counters.
            ItemFilter {
                kind: Some(ItemKind::Recommendation),
                status: Some(Status::Completed),
                ..Default::default()
            },
            ItemFilter {
                kind: Some(ItemKind::AreaForImprovement),
                status: Some(Status::InProgress),
                rag: Some(Rag::Red),
                ..Default::default()
            },
            ItemFilter {
                text: Some("police".into()),
                status: Some(Status::InProgress),
                ..Default::default()
            },
            ItemFilter {
                text: Some("custody".into()),
                ..Default::default()
            },
            ItemFilter {
                text: Some(some_ref.to_uppercase()),
                ..Default::default()
            },
            ItemFilter {
                owner: Some("chief".into()),
                ..Default::default()
            },
            ItemFilter {
                overdue_on: Some(day("2014-01-15")),
                ..Default::default()
            },
            ItemFilter {
                due_before: Some(day("2014-06-30")),
                rag: Some(Rag::Red),
                ..Default::default()
            },
            ItemFilter {
                awaiting_verification: true,
                ..Default::default()
            },
        ];
        for f in &mut out {
            f.published_only = published_only;
        }
        out
    };
    let check = |when: &'static str| {
        let store = &store;
        async move {
            for f in filters(false).into_iter().chain(filters(true)) {
                let items = store.items(&f).await.expect("items");
                let got = store.count_matches(&f).await.expect("count");
                assert_eq!(
                    got,
                    Matches {
                        n: items.len() as u64,
                        exact: true
                    },
                    "{when}: {f:?}"
                );
                let page = store.items_page(&f, None, 5).await.expect("page");
                let ids: Vec<ItemId> = page.items.iter().map(|i| i.id).collect();
                let want: Vec<ItemId> = items.iter().take(5).map(|i| i.id).collect();
                assert_eq!(ids, want, "{when}: {f:?}");
                assert_eq!(page.next.is_some(), items.len() > 5, "{when}: {f:?}");
            }
        }
    };
    check("after the imports").await;
    let text_match = store
        .items(&ItemFilter {
            text: Some(some_ref.to_uppercase()),
            ..Default::default()
        })
        .await
        .expect("items");
    assert!(
        text_match
            .iter()
            .any(|i| i.state.r#ref.as_deref() == Some(some_ref.as_str())),
        "a search finds an item by its reference typed in capitals"
    );
    let items = store.items(&ItemFilter::default()).await.expect("items");
    for (k, item) in items.iter().enumerate().take(12) {
        let update = UpdateRequest {
            status: Some([Status::Completed, Status::InProgress, Status::NotStarted][k % 3]),
            rag: Some([Rag::Red, Rag::Amber, Rag::Green][k % 3]),
            claim_only: k % 4 == 0,
            ..UpdateRequest::by(me())
        };
        store.record_update(item.id, update).await.expect("update");
    }
    store
        .publish_review(first, true, &me(), None)
        .await
        .expect("publish");
    check("after updates and publishing").await;
    // The full-text index narrows a search by the items' facets (status, RAG, ...): after
    // the updates above moved statuses and RAGs, a search with a status or a RAG finds
    // what the words alone find with that status or RAG, item for item.
    for text in ["police", "custody", "the"] {
        let words = ItemFilter {
            text: Some(text.into()),
            ..Default::default()
        };
        let found = store.items(&words).await.expect("items");
        for status in [Status::Completed, Status::InProgress, Status::NotStarted] {
            let f = ItemFilter {
                status: Some(status),
                ..words.clone()
            };
            let want: Vec<ItemId> = found
                .iter()
                .filter(|i| i.state.status == Some(status))
                .map(|i| i.id)
                .collect();
            let got: Vec<ItemId> = store
                .items(&f)
                .await
                .expect("items")
                .iter()
                .map(|i| i.id)
                .collect();
            assert_eq!(got, want, "{f:?}");
            assert_eq!(
                store.count_matches(&f).await.expect("count").n,
                want.len() as u64
            );
        }
        for rag in [Rag::Red, Rag::Amber, Rag::Green] {
            let f = ItemFilter {
                rag: Some(rag),
                ..words.clone()
            };
            let want = found.iter().filter(|i| i.state.rag == Some(rag)).count();
            assert_eq!(store.items(&f).await.expect("items").len(), want, "{f:?}");
        }
    }
    store.close().await;
}

/// A word in more items than a count looks at (`MATCHES_COUNTED`): on PostgreSQL its count
/// is "more than", on SQLite the search index counts it exactly; its pages, with or without
/// other filters, are those of the whole list. And an owner filter, matched against the
/// distinct owners and then read by owner, finds what a match on every item would.
async fn common_words_and_owners_page_as_the_items_they_stand_for(fresh: Fresh) {
    let sqlite = matches!(fresh.url, DatabaseUrl::Sqlite(_));
    let store = fresh.open().await;
    let owners = [
        "Chief Constable",
        "Head of Service",
        "Deputy Chief Constable",
        "Board",
    ];
    let per_report = 3_500;
    for r in 0..3_usize {
        let items = (0..per_report)
            .map(|n| {
                let k = r * per_report + n;
                // "common" is in every item; "custody" in one in three, "rare" in a few.
                // The number first: no two items share a matching key, so each report
                // is a review of its own rather than an update of the first.
                let mut text = format!("{k} the force should make common progress");
                if k % 3 == 0 {
                    text.push_str(" custody");
                }
                if k % 1_000 == 7 {
                    text.push_str(" rare");
                }
                let mut i = rec(&format!("R{k}"), &text, n + 1);
                i.status = Some(Status::ALL[k % Status::ALL.len()]);
                i.rag = (k % 5 == 0).then_some([Rag::Red, Rag::Amber, Rag::Green][k % 3]);
                i.owner = (k % 7 == 0).then(|| owners[k % owners.len()].to_string());
                i.deadline = Deadline::parse(&format!("{}-06", 2010 + k % 8), None);
                if k % 11 == 0 {
                    i.kind = ItemKind::AreaForImprovement;
                }
                i
            })
            .collect();
        let doc = Document {
            title: Some(format!("Inspection of force {r}")),
            date: Some(day("2011-01-10")),
            items,
            ..Document::default()
        };
        import(&*store, &doc, &format!("force-{r}.md")).await;
    }
    let all = store.items(&ItemFilter::default()).await.expect("items");
    assert_eq!(all.len(), 3 * per_report);
    // The count of reviews a search page asks for, without the reviews' figures.
    let reviews = store.reviews().await.expect("reviews");
    assert_eq!(reviews.len(), 3);
    assert_eq!(store.review_count().await.expect("count"), 3);
    let filters = [
        ItemFilter {
            text: Some("common".into()),
            ..Default::default()
        },
        ItemFilter {
            text: Some("common".into()),
            status: Some(Status::InProgress),
            ..Default::default()
        },
        ItemFilter {
            text: Some("common -custody".into()),
            ..Default::default()
        },
        ItemFilter {
            text: Some("common progress".into()),
            overdue_on: Some(day("2015-01-01")),
            ..Default::default()
        },
        ItemFilter {
            text: Some("common custody".into()),
            ..Default::default()
        },
        ItemFilter {
            text: Some("common".into()),
            rag: Some(Rag::Red),
            ..Default::default()
        },
        ItemFilter {
            text: Some("rare".into()),
            ..Default::default()
        },
        ItemFilter {
            text: Some("r14".into()),
            ..Default::default()
        },
        ItemFilter {
            owner: Some("chief".into()),
            ..Default::default()
        },
        ItemFilter {
            owner: Some("CONSTABLE".into()),
            overdue_on: Some(day("2015-01-01")),
            ..Default::default()
        },
        ItemFilter {
            owner: Some("nobody".into()),
            ..Default::default()
        },
        ItemFilter {
            rag: Some(Rag::Red),
            overdue_on: Some(day("2015-01-01")),
            ..Default::default()
        },
        ItemFilter {
            kind: Some(ItemKind::AreaForImprovement),
            ..Default::default()
        },
        ItemFilter {
            kind: Some(ItemKind::AreaForImprovement),
            text: Some("common".into()),
            status: Some(Status::NotStarted),
            ..Default::default()
        },
        ItemFilter {
            status: Some(Status::InProgress),
            overdue_on: Some(day("2015-01-01")),
            ..Default::default()
        },
        ItemFilter {
            status: Some(Status::Completed),
            overdue_on: Some(day("2015-01-01")),
            ..Default::default()
        },
    ];
    for f in &filters {
        let items = store.items(f).await.expect("items");
        let got = store.count_matches(f).await.expect("count");
        let want = if sqlite && f.text.is_some() {
            Matches {
                n: items.len() as u64,
                exact: true,
            }
        } else {
            Matches {
                n: (items.len() as u64).min(heed_store::MATCHES_COUNTED),
                exact: items.len() as u64 <= heed_store::MATCHES_COUNTED,
            }
        };
        assert_eq!(got, want, "{f:?}");
        // The first three pages, each from the last one's cursor.
        let mut after = None;
        let mut seen = Vec::new();
        for _ in 0..3 {
            let page = store.items_page(f, after, 50).await.expect("page");
            seen.extend(page.items.iter().map(|i| i.id));
            after = page.next;
            if after.is_none() {
                break;
            }
        }
        let want: Vec<ItemId> = items.iter().take(seen.len()).map(|i| i.id).collect();
        assert_eq!(seen, want, "{f:?}");
        assert_eq!(seen.len(), items.len().min(150), "{f:?}");
    }
    // The common word alone is more than the count looks at; the reference alone one item.
    let common = store.items(&filters[0]).await.expect("items");
    assert_eq!(common.len(), 3 * per_report);
    assert_eq!(store.items(&filters[7]).await.expect("items").len(), 1);
    // A kind's list is that kind's items (every eleventh), found by the partial index.
    let afi: Vec<ItemId> = all
        .iter()
        .filter(|i| i.state.kind == ItemKind::AreaForImprovement)
        .map(|i| i.id)
        .collect();
    assert_eq!(afi.len(), (3 * per_report).div_ceil(11));
    let kind_list: Vec<ItemId> = store
        .items(&ItemFilter {
            kind: Some(ItemKind::AreaForImprovement),
            ..Default::default()
        })
        .await
        .expect("items")
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(kind_list, afi);
    // An open status overdue has items; a closed one has none (SQLite finds the WHERE
    // false by itself: status = 'completed' against OPEN's NOT IN).
    let in_progress = filters.len() - 2;
    assert!(
        !store
            .items(&filters[in_progress])
            .await
            .expect("items")
            .is_empty()
    );
    assert!(
        store
            .items(&filters[in_progress + 1])
            .await
            .expect("items")
            .is_empty()
    );
    store.close().await;
}

/// Texts holding what would end a value or a row in a bulk write (tabs, line ends,
/// backslashes, quotes), in an import of many items (which PostgreSQL writes through COPY,
/// a few through INSERT), come back exactly as they were written, and are found.
async fn awkward_texts_are_kept_as_written(fresh: Fresh) {
    let store = fresh.open().await;
    let awkward = [
        "Tab\there and a line\nend",
        "A backslash \\ and \\N, which COPY reads as NULL",
        "Carriage\r\nreturn; 'single' and \"double\" quotes",
        "Ünïcödé, emoji 🙂 and \u{2028} a line separator",
    ];
    // The few first: the many then match too few of them to be taken for a later edition.
    for n in [3, 40] {
        let mut doc = inspection();
        doc.title = Some(format!("Awkward texts, {n} items"));
        doc.items = (0..n)
            .map(|i| {
                let text = format!("{} (item {i} of {n})", awkward[i % awkward.len()]);
                rec(&format!("A{n}-{i}"), &text, i + 1)
            })
            .collect();
        let s = summary(import(&*store, &doc, &format!("awkward-{n}.md")).await);
        let items = store
            .items(&ItemFilter {
                review: Some(s.review),
                ..Default::default()
            })
            .await
            .expect("items");
        let texts: Vec<&str> = items.iter().map(|i| i.state.text.as_str()).collect();
        let wanted: Vec<&str> = doc.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, wanted, "{n} items");
        let found = store
            .items(&ItemFilter {
                review: Some(s.review),
                text: Some("backslash".into()),
                ..Default::default()
            })
            .await
            .expect("search");
        assert_eq!(
            found.len(),
            n.div_ceil(4),
            "{n} items: a word of the texts is found"
        );
    }
    store.close().await;
}

/// PostgreSQL's full-text words are made by Heed (`tsearch.rs`): a register whose words were
/// made otherwise (by the server before schema 15) has them made again when it is opened,
/// and they are the words PostgreSQL's own `english` configuration makes of plain text,
/// with the item's facets beside them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_words_are_made_again_when_made_otherwise() {
    let Some(pg) = Fresh::postgres("words_made_again").await else {
        eprintln!("skipped: set HEED_TEST_POSTGRES_URL to run on PostgreSQL");
        return;
    };
    let store = pg.open().await;
    import(&*store, &inspection(), "inspection.md").await;
    store.close().await;
    let DatabaseUrl::Postgres(url) = &pg.url else {
        unreachable!("a PostgreSQL register")
    };
    let pool = sqlx::PgPool::connect(url).await.expect("connect");
    let differ = |pool: sqlx::PgPool| async move {
        // The text's words, beside the facets (lexemes marked `#`, `tsearch::item_words`).
        let (n,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM items WHERE search IS NULL \
             OR ts_delete(search, ARRAY(SELECT lexeme FROM unnest(search) WHERE lexeme LIKE '#%')) \
                IS DISTINCT FROM to_tsvector('english', text) \
             OR NOT search @@ ('''#zzk' || kind || ''' & ''#zzv' || review_id || '''')::tsquery",
        )
        .fetch_one(&pool)
        .await
        .expect("compare words");
        n
    };
    assert_eq!(
        differ(pool.clone()).await,
        0,
        "Heed's words are PostgreSQL's"
    );
    pg.execute(
        "UPDATE items SET search = to_tsvector('simple', 'nothing'); \
         DELETE FROM register_meta WHERE key = 'search_words'",
    )
    .await;
    assert!(differ(pool.clone()).await > 0);
    let store = pg.open().await;
    assert_eq!(differ(pool.clone()).await, 0, "made again on opening");
    let found = store
        .items(&ItemFilter {
            text: Some("trained custody".into()),
            ..Default::default()
        })
        .await
        .expect("search");
    assert_eq!(found.len(), 1);
    store.close().await;
    pool.close().await;
}
