//! The import's decisions on plain values: which events each matched and new item gets,
//! from which source, on which day, and what the summary says — no database.

use super::*;
use crate::field::Field;
use crate::model::{Actor, MatchBy};
use heed_core::{ItemKind, Rag, Response, Status};
use std::collections::{BTreeMap, BTreeSet};

fn day(s: &str) -> Day {
    Day::parse_iso(s).expect("a test day")
}

const REPORT: i64 = 7;
const REVIEW: i64 = 3;

fn doc(items: Vec<Item>, date: Option<&str>) -> Document {
    Document {
        title: Some("Inspection".into()),
        date: date.map(day),
        items,
        ..Document::default()
    }
}

fn rec(text: &str, line: usize) -> Item {
    Item::new(ItemKind::Recommendation, text, line)
}

fn target<'a>(document: &'a Document, fix: &'a Corrections) -> Target<'a> {
    Target {
        document,
        file_name: "report.txt",
        title: document.title.clone(),
        dated: document.date,
        today: day("2026-12-05"),
        review: ReviewId::from_raw(REVIEW),
        report: ReportId::from_raw(REPORT),
        fix,
        origin: Some("cli:ann".into()),
    }
}

/// An item already in the register, as an earlier report created it.
fn existing(id: i64, item: &Item, incoming: usize) -> Matched {
    Matched {
        found: Found {
            incoming,
            candidate: 0,
            by: MatchBy::Text,
            similarity: 0.9,
        },
        item: ItemId::from_raw(id),
        current: project::initial_state(item, ReportId::from_raw(1), day("2025-01-01")),
    }
}

fn none() -> Corrections {
    Corrections::none(Actor::Person("ann".into()))
}

fn from_line(line: usize) -> Source {
    Source::Document {
        report: ReportId::from_raw(REPORT),
        line,
    }
}

#[test]
fn a_new_document_creates_every_item_and_the_reports_event() {
    let d = doc(
        vec![rec("Fix the roof", 4), rec("Paint the door", 9)],
        Some("2026-03-01"),
    );
    let fix = none();
    let to = target(&d, &fix);
    assert_eq!(unmatched(&d, &[]), vec![0, 1]);
    let plan = plan_import(&to, &[], &[41, 42]);
    assert!(plan.updates.is_empty() && plan.matches.is_empty());
    assert_eq!(
        plan.created,
        vec![
            NewItem {
                ordinal: 0,
                id: 41,
                on: day("2026-03-01"),
                closed: false
            },
            NewItem {
                ordinal: 1,
                id: 42,
                on: day("2026-03-01"),
                closed: false
            },
        ]
    );
    let first = &plan.created_events[0];
    assert_eq!(first.item, Some(ItemId::from_raw(41)));
    assert_eq!(first.review, Some(ReviewId::from_raw(REVIEW)));
    assert_eq!(first.source, from_line(4));
    assert!(!first.undated);
    assert_eq!(first.origin.as_deref(), Some("cli:ann"));
    let Change::ItemCreated { state } = &first.change else {
        panic!("a creation event: {:?}", first.change);
    };
    assert_eq!(state.text, "Fix the roof");
    assert_eq!(plan.imported.item, None);
    assert_eq!(plan.imported.source, from_line(0));
    assert_eq!(plan.imported.on, day("2026-03-01"));
    assert!(matches!(
        &plan.imported.change,
        Change::ReportImported { file_name, items: 2, title: Some(t), .. }
            if file_name == "report.txt" && t == "Inspection"
    ));
    assert_eq!((plan.updated(), plan.events()), (0, 3));
}

#[test]
fn an_undated_document_takes_today_and_says_so_unless_a_row_has_its_day() {
    let mut closed = rec("Close the file", 2);
    closed.status = Some(Status::Completed);
    closed.updated_on = Some(day("2026-06-30"));
    let d = doc(vec![rec("Open the file", 1), closed], None);
    let fix = none();
    let plan = plan_import(&target(&d, &fix), &[], &[1, 2]);
    let (open, closed) = (&plan.created_events[0], &plan.created_events[1]);
    assert_eq!((open.on, open.undated), (day("2026-12-05"), true));
    assert_eq!(
        (closed.on, closed.undated),
        (day("2026-06-30"), false),
        "a tracker row's 'last updated' day dates it"
    );
    assert_eq!(
        plan.created[1],
        NewItem {
            ordinal: 1,
            id: 2,
            on: day("2026-06-30"),
            closed: true
        }
    );
    assert!(plan.imported.undated);
    assert_eq!(plan.imported.on, day("2026-12-05"));
}

#[test]
fn a_matched_item_changes_only_in_what_the_document_says_anew() {
    let before = rec("Fix the roof", 4);
    let mut now = before.clone();
    now.status = Some(Status::InProgress);
    now.rag = Some(Rag::Amber);
    let unchanged = rec("Paint the door", 9);
    let d = doc(
        vec![now, unchanged.clone(), rec("New one", 12)],
        Some("2026-03-01"),
    );
    let fix = none();
    let matched = vec![existing(100, &before, 0), existing(101, &unchanged, 1)];
    assert_eq!(unmatched(&d, &matched), vec![2]);
    let plan = plan_import(&target(&d, &fix), &matched, &[500]);

    let (item, events) = &plan.updates[0];
    assert_eq!(*item, ItemId::from_raw(100));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].source, from_line(4));
    assert_eq!(events[0].on, day("2026-03-01"));
    let Change::ItemUpdated(u) = &events[0].change else {
        panic!("an update: {:?}", events[0].change);
    };
    assert_eq!(
        (u.status, u.rag),
        (Some(Status::InProgress), Some(Rag::Amber))
    );
    assert!(plan.matches[0].changed);
    assert!(
        plan.matches[0]
            .changes
            .iter()
            .any(|c| c.starts_with("status "))
    );

    assert_eq!(plan.updates[1], (ItemId::from_raw(101), Vec::new()));
    assert!(!plan.matches[1].changed && plan.matches[1].changes.is_empty());
    assert_eq!(plan.matches[1].by, MatchBy::Text);

    assert_eq!(plan.created.len(), 1);
    assert_eq!(plan.created[0].ordinal, 2);
    assert_eq!((plan.updated(), plan.events()), (1, 3));
}

#[test]
fn corrected_fields_are_the_persons_own_event_and_provenance() {
    let before = rec("Fix the roof", 4);
    let mut now = before.clone();
    now.status = Some(Status::InProgress);
    now.owner = Some("Estates".into());
    let mut fresh = rec("New one", 12);
    fresh.owner = Some("Finance".into());
    let d = doc(vec![now, fresh], Some("2026-03-01"));
    let fix = Corrections {
        by: Actor::Person("bob".into()),
        fields: BTreeMap::from([
            (0, BTreeSet::from([Field::Owner])),
            (1, BTreeSet::from([Field::Owner])),
        ]),
        new_review: false,
    };
    let plan = plan_import(&target(&d, &fix), &[existing(100, &before, 0)], &[500]);
    let events = &plan.updates[0].1;
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].source, from_line(4), "the document's part first");
    let person = Source::Person { name: "bob".into() };
    assert_eq!(events[1].source, person);
    let (Change::ItemUpdated(doc_part), Change::ItemUpdated(theirs)) =
        (&events[0].change, &events[1].change)
    else {
        panic!("two updates");
    };
    assert_eq!(
        (doc_part.status, doc_part.owner.as_deref()),
        (Some(Status::InProgress), None)
    );
    assert_eq!(
        (theirs.status, theirs.owner.as_deref()),
        (None, Some("Estates"))
    );

    let Change::ItemCreated { state } = &plan.created_events[0].change else {
        panic!("a creation");
    };
    assert_eq!(state.provenance.get("owner"), Some(&person));
    assert_eq!(plan.events(), 4);
}

#[test]
fn a_response_the_register_has_is_not_added_twice() {
    let mut before = rec("Fix the roof", 4);
    before.responses = vec![Response {
        text: "Agreed.".into(),
        line: 5,
    }];
    let mut now = rec("Fix the roof", 4);
    now.responses = vec![
        Response {
            text: "Agreed.".into(),
            line: 5,
        },
        Response {
            text: "Work   began in\nMarch and will take a long while to finish, the council says."
                .into(),
            line: 6,
        },
    ];
    let d = doc(vec![now], Some("2026-03-01"));
    let fix = none();
    let plan = plan_import(&target(&d, &fix), &[existing(100, &before, 0)], &[]);
    let events = &plan.updates[0].1;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].source, from_line(6));
    assert!(
        matches!(&events[0].change, Change::Response { text } if text.starts_with("Work   began"))
    );
    assert_eq!(
        plan.matches[0].changes,
        vec!["response: Work began in March and will take a long while to finish, th…"]
    );
}

#[test]
fn clip_keeps_short_text_whole_on_one_line() {
    assert_eq!(clip("a\n b", 60), "a b");
    assert_eq!(clip("abcdef", 3), "abc…");
    assert_eq!(clip("abc", 3), "abc");
}
