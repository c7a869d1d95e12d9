//! `heed verify`, `heed update --claim`, `heed items --awaiting` and `heed publish`, driven
//! through the real binary in a fresh directory, like a short shell session of the
//! secretariat. Each change must say where it came from (`cli:USER`) in the history.

use crate::support::{Run, Session};

fn ids(run: &Run) -> Vec<i64> {
    run.json()
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect()
}

#[test]
fn a_claimed_completion_waits_for_heed_verify() {
    let s = session("verify");
    s.heed_as("Sam", &["import", "a.md"]).ok();

    // $ heed update 1 --status completed --claim --note "Targets published"
    let r = s
        .heed_as(
            "Olu",
            &[
                "update",
                "1",
                "--status",
                "completed",
                "--claim",
                "--note",
                "Targets published",
            ],
        )
        .ok();
    assert!(r.stdout.contains("awaits verification"), "{}", r.stdout);
    let awaiting = s
        .heed_as("Sam", &["items", "--awaiting", "--format", "json"])
        .ok();
    assert_eq!(ids(&awaiting), vec![1]);
    let done = s
        .heed_as(
            "Sam",
            &["items", "--status", "completed", "--format", "json"],
        )
        .ok();
    assert!(ids(&done).is_empty(), "a claim is not a completion");

    // A rejection needs a reason (clap says so), and is recorded with it.
    let r = s.heed_as("Sam", &["verify", "1", "--reject"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--note"), "{}", r.stderr);
    let r = s
        .heed_as(
            "Sam",
            &["verify", "1", "--reject", "--note", "No link to the page"],
        )
        .ok();
    assert!(
        r.stdout.contains("rejected the claim on item 1"),
        "{}",
        r.stdout
    );
    // Nothing awaits now.
    let r = s.heed_as("Sam", &["verify", "1"]).fails();
    assert!(
        r.stderr.contains("no completion awaiting verification"),
        "{}",
        r.stderr
    );

    // Claimed again; a stale version is refused; then verified.
    s.heed_as("Olu", &["update", "1", "--status", "completed", "--claim"])
        .ok();
    // $ HEED_AUTHOR=Olu heed verify 1   (the claimant may not verify their own claim)
    let r = s.heed_as("Olu", &["verify", "1"]).fails();
    assert!(
        r.stderr.contains("someone else must verify"),
        "{}",
        r.stderr
    );
    let r = s
        .heed_as("Sam", &["verify", "1", "--expect-version", "1"])
        .fails();
    assert!(r.stderr.contains("changed by someone else"), "{}", r.stderr);
    let r = s
        .heed_as("Sam", &["verify", "1", "--note", "Page seen"])
        .ok();
    assert!(
        r.stdout.contains("verified item 1: status completed"),
        "{}",
        r.stdout
    );
    let done = s
        .heed_as(
            "Sam",
            &["items", "--status", "completed", "--format", "json"],
        )
        .ok();
    assert_eq!(ids(&done), vec![1]);

    // $ heed show 1 --history: who, what and from where.
    let shown = s.heed_as("Sam", &["show", "1", "--history"]).ok();
    assert!(
        shown.stdout.contains("verified   verified"),
        "{}",
        shown.stdout
    );
    assert!(shown.stdout.contains("rejected"), "{}", shown.stdout);
    assert!(
        shown.stdout.contains("No link to the page"),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains("by Olu, from cli:clerk"),
        "{}",
        shown.stdout
    );
    let json = s
        .heed_as("Sam", &["show", "1", "--history", "--json"])
        .ok()
        .json();
    let history = json["history"].as_array().expect("history");
    let last = history.last().expect("an event");
    assert_eq!(last["author"], "Sam");
    assert_eq!(last["origin"], "cli:clerk");
    assert_eq!(json["item"]["verification"]["state"], "verified");
    assert_eq!(json["item"]["verification"]["decided_by"], "Sam");

    // A completion recorded without --claim is verified at once.
    let r = s
        .heed_as("Sam", &["update", "1", "--status", "in_progress"])
        .ok();
    assert!(!r.stdout.contains("awaits"), "{}", r.stdout);
    s.heed_as("Sam", &["update", "1", "--status", "completed"])
        .ok();
    let json = s.heed_as("Sam", &["show", "1", "--json"]).ok().json();
    assert_eq!(json["item"]["status"], "completed");
    assert_eq!(json["item"]["verification"]["state"], "verified");
}

#[test]
fn heed_publish_and_unpublish_a_review() {
    let s = session("publish");
    s.heed_as("Sam", &["import", "a.md"]).ok();
    let published = |s: &Session| {
        s.heed_as("Sam", &["reviews", "--format", "json"])
            .ok()
            .json()[0]["published"]
            .clone()
    };
    assert_eq!(published(&s), false);

    // $ heed publish 1
    let r = s.heed_as("Sam", &["publish", "1"]).ok();
    assert!(
        r.stdout.contains("review 1 is now published"),
        "{}",
        r.stdout
    );
    assert_eq!(published(&s), true);
    let r = s.heed_as("Sam", &["publish", "1"]).ok();
    assert!(r.stdout.contains("already published"), "{}", r.stdout);
    let table = s.heed_as("Sam", &["reviews"]).ok();
    assert!(table.stdout.contains("published"), "{}", table.stdout);

    // $ heed publish 1 --unpublish
    s.heed_as("Sam", &["publish", "1", "--unpublish"]).ok();
    assert_eq!(published(&s), false);

    let r = s.heed_as("Sam", &["publish", "9"]).fails();
    assert!(r.stderr.contains("no review 9"), "{}", r.stderr);
}

/// A session whose directory holds a one-recommendation report, `a.md`.
fn session(name: &str) -> Session {
    let s = Session::new(&format!("workflow-{name}"));
    s.write(
        "a.md",
        "# Inspection of Anyshire\n\nRecommendation 1: publish the targets.\n",
    );
    s
}

#[test]
fn only_evidence_marked_public_of_a_published_review_reaches_readers_not_signed_in() {
    let s = Session::new("public-evidence");
    s.write(
        "published.md",
        "# Inspection of Anyshire\n\nRecommendation 1: publish the targets.\n",
    );
    s.write(
        "unpublished.md",
        "# Review of Bordershire\n\nRecommendation 7: train custody staff in first aid.\n",
    );
    s.write("summary.txt", "PUBLIC-SUMMARY");
    s.write("minutes.txt", "PRIVATE-MINUTES");
    s.write("draft.txt", "UNPUBLISHED-DRAFT");
    // $ heed import --date 2013-01-10 published.md unpublished.md
    let imported = s
        .heed(&[
            "import",
            "--date",
            "2013-01-10",
            "published.md",
            "unpublished.md",
        ])
        .ok();
    assert!(
        imported.stdout.contains("into new review 2"),
        "{}",
        imported.stdout
    );
    // $ heed update 1 --evidence summary.txt --public-evidence   (evidence #1)
    s.heed(&[
        "update",
        "1",
        "--evidence",
        "summary.txt",
        "--public-evidence",
    ])
    .ok();
    // $ heed update 1 --evidence minutes.txt                     (#2, private)
    s.heed(&["update", "1", "--evidence", "minutes.txt"]).ok();
    // $ heed update 2 --evidence draft.txt --public-evidence     (#3, an unpublished review)
    s.heed(&[
        "update",
        "2",
        "--evidence",
        "draft.txt",
        "--public-evidence",
    ])
    .ok();
    // Nothing is published yet: nobody may download anything.
    {
        let server = s.serve(&[]);
        for id in 1..=3 {
            let (status, body) = crate::support::get(&server.addr, &format!("/evidence/{id}"));
            assert_eq!(status, 404, "evidence {id} before publishing: {body}");
        }
    }
    // $ heed publish 1
    s.heed(&["publish", "1"]).ok();
    let server = s.serve(&[]);
    let (status, body) = crate::support::get(&server.addr, "/evidence/1");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("PUBLIC-SUMMARY"), "{body}");
    for id in [2, 3] {
        let (status, body) = crate::support::get(&server.addr, &format!("/evidence/{id}"));
        assert_eq!(status, 404, "evidence {id}: {body}");
        assert!(!body.contains("PRIVATE") && !body.contains("UNPUBLISHED"));
    }
    // The item page names only the public file to them.
    let (status, page) = crate::support::get(&server.addr, "/items/1");
    assert_eq!(status, 200);
    assert!(page.contains("summary.txt"), "{page}");
    assert!(!page.contains("minutes.txt"), "{page}");
}
