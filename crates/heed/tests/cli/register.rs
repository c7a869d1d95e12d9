//! The register's subcommands driven as a user would, through the real binary: each test
//! reads like a short shell session in a fresh directory. They check what the binary owns
//! (messages, exit codes, output formats), not what the reader extracts.

use crate::support::Session;
use std::path::Path;

const REPORT: &str = "# Inspection of Anyshire\n\nRecommendation 1: publish the targets.\n";

#[test]
fn import_twice_then_list() {
    let s = Session::new("twice");
    s.write("a.md", REPORT);
    // $ heed import a.md
    let first = s.heed(&["import", "a.md"]).ok();
    assert!(
        first
            .stdout
            .starts_with("a.md: imported as report 1 into new review 1"),
        "{}",
        first.stdout
    );
    assert!(
        !first.stderr.contains('\u{1b}'),
        "no progress bar when piped: {:?}",
        first.stderr
    );
    assert!(
        Path::new(&s.path("heed.db")).exists(),
        "the default register is ./heed.db"
    );
    // $ heed import a.md
    let again = s.heed(&["import", "a.md"]).ok();
    assert_eq!(
        again.stdout.trim(),
        "a.md: already imported as report 1 (review 1); nothing added"
    );
    // $ heed reviews --format json
    let reviews = s.heed(&["reviews", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&reviews.stdout).expect("json");
    assert_eq!(v[0]["id"], 1);
    assert_eq!(v[0]["reports"], 1);
    // $ heed items --format json   (an array)
    let items = s.heed(&["items", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&items.stdout).expect("json");
    assert!(v.is_array());
    // $ heed items --format csv
    let csv = s
        .heed(&[
            "items",
            "--format",
            "csv",
            "--overdue",
            "--as-of",
            "2020-01-01",
        ])
        .ok();
    assert!(
        csv.stdout
            .starts_with("id,review,ref,kind,status,rag,deadline,owner,text")
    );
}

#[test]
fn dry_run_stores_nothing() {
    let s = Session::new("dry");
    s.write("a.md", REPORT);
    let dry = s.heed(&["import", "--dry-run", "a.md"]).ok();
    assert!(dry.stdout.contains("would import"), "{}", dry.stdout);
    let reviews = s.heed(&["reviews", "--format", "json"]).ok();
    assert_eq!(reviews.stdout.trim(), "[]");
}

#[test]
fn errors_name_the_file_or_url() {
    let s = Session::new("errors");
    // $ heed import missing.md
    let r = s.heed(&["import", "missing.md"]).fails();
    assert!(r.stderr.contains("missing.md: "), "{}", r.stderr);
    // $ heed --database mysql://host/db items
    let r = s.heed(&["--database", "mysql://host/db", "items"]).fails();
    assert!(r.stderr.contains("mysql://host/db"), "{}", r.stderr);
    // $ heed --database junk.db reviews
    s.write("junk.db", &"not a database ".repeat(500));
    let r = s.heed(&["--database", "junk.db", "reviews"]).fails();
    assert!(
        r.stderr.contains("junk.db: not a Heed database"),
        "{}",
        r.stderr
    );
    // $ heed --database postgres://heed:secret@127.0.0.1:1/heed reviews
    let r = s
        .heed(&[
            "--database",
            "postgres://heed:secret@127.0.0.1:1/heed",
            "reviews",
        ])
        .fails();
    assert!(
        r.stderr.contains("cannot reach the database server"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("secret"),
        "the password is hidden: {}",
        r.stderr
    );
    // $ heed show 99
    let r = s.heed(&["show", "99"]).fails();
    assert!(r.stderr.contains("no item 99"), "{}", r.stderr);
    // $ heed update 1 --deadline 2014-03   (a deadline change needs a reason)
    let r = s.heed(&["update", "1", "--deadline", "2014-03"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--reason"), "{}", r.stderr);
}

#[test]
fn files_with_nothing_in_them_are_refused_by_import_and_extract_alike() {
    let s = Session::new("nothing");
    s.write("empty.txt", "");
    std::fs::write(s.path("one-byte.txt"), b"\xf5").expect("write");
    for file in ["empty.txt", "one-byte.txt"] {
        // $ heed extract empty.txt ; heed import empty.txt
        let extract = s.heed(&["extract", file]);
        assert_eq!(extract.code, 1, "extract {file}: {}", extract.stderr);
        let r = s.heed(&["import", file]).fails();
        assert_eq!(r.code, 1, "import {file}");
        assert!(r.stderr.contains(file), "{}", r.stderr);
    }
    assert_eq!(count_reviews(&s), 0, "no empty review was made");
}

#[test]
fn an_undated_report_says_so_and_asks_for_its_date() {
    let s = Session::new("undated");
    s.write("a.md", REPORT).write(
        "b.md",
        "# Another report\n\nRecommendation 1: train staff.\n",
    );
    // $ heed import a.md   (the report states no date)
    let r = s.heed(&["import", "a.md"]).ok();
    assert!(r.stderr.contains("a.md: states no date"), "{}", r.stderr);
    assert!(r.stderr.contains("--date"), "{}", r.stderr);
    // $ heed import --date 2013-01-10 b.md
    let r = s.heed(&["import", "--date", "2013-01-10", "b.md"]).ok();
    assert!(!r.stderr.contains("states no date"), "{}", r.stderr);
    // The undated report is kept as undated, not as a report of today: the register as it
    // stood years ago has its item, and its history says it is undated.
    // $ heed report 1 --as-of 2005-06-30
    let r = s.heed(&["report", "1", "--as-of", "2005-06-30"]).ok();
    assert!(r.stdout.contains("publish the targets"), "{}", r.stdout);
    // $ heed report 2 --as-of 2005-06-30   (dated 2013: nothing yet)
    let r = s.heed(&["report", "2", "--as-of", "2005-06-30"]).ok();
    assert!(!r.stdout.contains("train staff"), "{}", r.stdout);
    // $ heed show 1 --history
    let r = s.heed(&["show", "1", "--history"]).ok();
    assert!(r.stdout.contains("undated (recorded "), "{}", r.stdout);
}

#[test]
fn backup_and_restore() {
    let s = Session::new("backup");
    s.write("a.md", REPORT).write(
        "b.md",
        "# Another report\n\nRecommendation 1: train staff.\n",
    );
    s.heed(&["import", "a.md"]).ok();
    // $ heed backup copy.db
    s.heed(&["backup", "copy.db"]).ok();
    // $ heed backup copy.db   (never overwrites)
    let r = s.heed(&["backup", "copy.db"]).fails();
    assert!(r.stderr.contains("copy.db"), "{}", r.stderr);
    s.heed(&["import", "b.md"]).ok();
    assert_eq!(count_reviews(&s), 2);
    // $ heed restore copy.db
    s.heed(&["restore", "copy.db"]).ok();
    assert_eq!(count_reviews(&s), 1);
}

fn count_reviews(s: &Session) -> usize {
    let r = s.heed(&["reviews", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    v.as_array().map_or(0, Vec::len)
}

// ---------------------------------------------------------------------------------------
// Sessions over a register seeded with a hand-made document (so they do not depend on
// what the reader extracts).

fn seeded(name: &str) -> Session {
    use heed_core::{Deadline, Document, Item, ItemKind, Status};
    let s = Session::new(name);
    let mut one = Item::new(
        ItemKind::Recommendation,
        "Publish the force's targets each year",
        3,
    );
    one.r#ref = Some("1".into());
    one.status = Some(Status::InProgress);
    one.owner = Some("Chief Constable".into());
    one.deadline = Deadline::parse("2013-06", None);
    let mut two = Item::new(
        ItemKind::Recommendation,
        "Train custody staff in first aid",
        7,
    );
    two.r#ref = Some("2".into());
    // The report's own cross-references: one to an item of the review, one to nothing in it.
    two.see_also = vec!["1".into(), "7".into()];
    let doc = Document {
        title: Some("Inspection of Anyshire".into()),
        date: heed_core::date::Day::parse_iso("2013-01-10"),
        items: vec![one, two],
        ..Document::default()
    };
    let url = heed_store::DatabaseUrl::Sqlite(s.path("heed.db"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = heed_store::open(&url).await.expect("open");
        store
            .import_document(heed_store::Import {
                file_name: "inspection.md".into(),
                bytes: b"the inspection",
                document: &doc,
                meta: heed_store::ReportMeta::default(),
                review: None,
                by: heed_store::Actor::Person("Seeder".into()),
                origin: None,
                dry_run: false,
            })
            .await
            .expect("seed");
        store.close().await;
    });
    s
}

#[test]
fn update_show_and_history() {
    let s = seeded("update");
    // $ heed items
    let table = s.heed(&["items"]).ok();
    assert!(
        table.stdout.starts_with("id  review  ref  kind"),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("Publish the force's targets each year")
    );
    // $ heed items --overdue --as-of 2013-07-01 --format csv
    let csv = s
        .heed(&[
            "items",
            "--overdue",
            "--as-of",
            "2013-07-01",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(csv.stdout.lines().count(), 2, "{}", csv.stdout);
    // $ heed update 1 --status completed --note "Published" --on 2013-09-01
    s.write("proof.pdf", "%PDF proof");
    let up = s
        .heed(&[
            "update",
            "1",
            "--status",
            "completed",
            "--note",
            "Published",
            "--on",
            "2013-09-01",
            "--deadline",
            "2013-08",
            "--reason",
            "board met late",
            "--evidence",
            "proof.pdf",
        ])
        .ok();
    assert_eq!(up.stdout.trim(), "item 1 is now at version 2");
    // $ heed update 1 --note "again" --expect-version 1   (stale)
    let stale = s
        .heed(&["update", "1", "--note", "again", "--expect-version", "1"])
        .fails();
    assert!(
        stale.stderr.contains("changed by someone else"),
        "{}",
        stale.stderr
    );
    // $ heed show 1
    let show = s.heed(&["show", "1"]).ok();
    assert!(
        show.stdout.contains("status     completed   [Test User]"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("text       Publish the force's targets each year   [report 1 line 3]"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("slipped    2013-06 -> 2013-08 on 2013-09-01: board met late"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("evidence   #1 proof.pdf"),
        "{}",
        show.stdout
    );
    // $ heed show 1 --as-of 2013-05-01 --history
    let then = s
        .heed(&["show", "1", "--as-of", "2013-05-01", "--history"])
        .ok();
    assert!(
        then.stdout.contains("status     in_progress"),
        "{}",
        then.stdout
    );
    let events = then
        .stdout
        .lines()
        .filter(|l| l.starts_with("  2013-"))
        .count();
    assert_eq!(
        events, 1,
        "only the creation happened by then: {}",
        then.stdout
    );
    // $ heed show 1 --history --json
    let json = s.heed(&["show", "1", "--history", "--json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v["item"]["status"], "completed");
    assert_eq!(v["history"].as_array().map(Vec::len), Some(2));
    // $ heed items --overdue --as-of 2013-12-31
    let none = s
        .heed(&[
            "items",
            "--overdue",
            "--as-of",
            "2013-12-31",
            "--format",
            "json",
        ])
        .ok();
    assert_eq!(none.stdout.trim(), "[]");
}

#[test]
fn show_lists_the_reports_cross_references_and_follows_them() {
    let s = seeded("see-also");
    // $ heed show 2
    let show = s.heed(&["show", "2"]).ok();
    assert!(
        show.stdout
            .contains("see also   recommendation 1 -> item 1"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("see also   7 (not in this review)"),
        "{}",
        show.stdout
    );
    // Links made in the register are listed beside them.
    s.heed(&["link", "2", "1", "--kind", "see_also"]).ok();
    let show = s.heed(&["show", "2"]).ok();
    assert!(
        show.stdout.contains("link       see_also -> item 1"),
        "{}",
        show.stdout
    );
}

#[test]
fn link_items() {
    let s = seeded("link");
    // $ heed link 2 1 --kind supersedes
    let r = s.heed(&["link", "2", "1", "--kind", "supersedes"]).ok();
    assert_eq!(r.stdout.trim(), "item 2 supersedes item 1");
    let r = s.heed(&["link", "2", "1", "--kind", "supersedes"]).ok();
    assert!(r.stdout.contains("already"), "{}", r.stdout);
    let show = s.heed(&["show", "1"]).ok();
    assert!(
        show.stdout.contains("link       supersedes <- item 2"),
        "{}",
        show.stdout
    );
    // $ heed link 1 1
    s.heed(&["link", "1", "1"]).fails();
    // $ heed link 1 2 --kind cousin
    let r = s.heed(&["link", "1", "2", "--kind", "cousin"]);
    assert_eq!(r.code, 2, "a usage error: {}", r.stderr);
}

#[test]
fn concurrent_processes_never_see_a_locked_database() {
    let s = seeded("concurrent");
    for k in 0..6 {
        s.write(
            &format!("r{k}.md"),
            &format!("# Report {k}\n\nRecommendation 1: thing {k}.\n"),
        );
    }
    // Six processes at once: three import, three update the same item.
    let children: Vec<_> = (0..6)
        .map(|k| {
            let mut cmd = crate::support::command();
            cmd.current_dir(&s.dir);
            if k % 2 == 0 {
                cmd.args(["import", &format!("r{k}.md")]);
            } else {
                cmd.args(["update", "1", "--note", &format!("note {k}")]);
            }
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("start heed")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("run heed");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(!err.contains("locked"), "{err}");
    }
    let show = s.heed(&["show", "1", "--json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&show.stdout).expect("json");
    assert_eq!(
        v["item"]["notes"].as_array().map(Vec::len),
        Some(3),
        "no update lost"
    );
    assert_eq!(count_reviews(&s), 4);
}
