//! Inputs shared by the tests and the benchmark: the corpus seeds read by Heed's reader,
//! a small hand-made review that exercises every fact a report shows, and a synthetic
//! review of any size.
#![allow(dead_code)]

use heed_core::date::{Day, Deadline};
use heed_core::{Action, Direction, Grade, Item, ItemKind, Judgement, Rag, Response, Status};
use heed_report::{DeadlineChange, HistoryEntry, ReportInput, ReportItem, Update};
use std::path::PathBuf;

pub fn day(y: i32, m: u8, d: u8) -> Day {
    Day::new(y, m, d).expect("a valid test date")
}

/// The corpus seeds (`../shared/corpus/seeds/*.txt`), by file name.
pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let out = corpus("seeds");
    assert_eq!(out.len(), 5, "expected the five corpus seeds");
    out
}

/// The `.txt` documents of a corpus folder (`seeds`, `related`), by file name.
pub fn corpus(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(folder);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes =
                std::fs::read(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
            (name, bytes)
        })
        .collect();
    out.sort();
    assert_eq!(
        out.len(),
        5,
        "expected the five corpus seeds in {}",
        dir.display()
    );
    out
}

fn rec(r: &str, text: &str, status: Option<Status>, rag: Option<Rag>) -> Item {
    let mut i = Item::new(ItemKind::Recommendation, text, 1);
    i.r#ref = Some(r.to_string());
    i.status = status;
    i.rag = rag;
    i
}

/// A small review with every kind of fact: actions, responses, updates, RAG ratings,
/// owners, deadlines (one overdue, one moved), judgements with strengths and areas for
/// improvement, and text that needs escaping.
pub fn sample() -> ReportInput {
    let mut r1 = rec(
        "1",
        "Borough commanders should nominate an officer at Inspector rank or above.",
        Some(Status::Completed),
        Some(Rag::Green),
    );
    r1.actions = vec![
        Action {
            key_point: Some("All boroughs to have nominated officer".into()),
            action: Some("Officers to be identified by BOCUs".into()),
            result: Some("Completed September 2003".into()),
            owner: None,
            status: Some(Status::Completed),
            status_words: Some("Completed".into()),
            date: None,
            deadline: None,
            line: 2,
        },
        Action {
            key_point: None,
            action: Some("Database created with these officers' details".into()),
            result: Some("Completed. Last updated April 2005".into()),
            owner: None,
            status: Some(Status::Completed),
            status_words: Some("Completed".into()),
            date: None,
            deadline: None,
            line: 3,
        },
    ];
    let mut r2 = rec(
        "2",
        "The MPS should review tenure for key officers (BLOs & dedicated officers) | the panel's view.",
        Some(Status::InProgress),
        Some(Rag::Amber),
    );
    r2.owner = Some("HR Directorate".into());
    r2.deadline = Deadline::month(2026, 3, "by March 2026");
    r2.responses = vec![Response {
        text: "Work is under way in the Partnership strand of the Service Review.".into(),
        line: 5,
    }];
    let mut r3 = rec(
        "3",
        "A victim focus desk should be established on each borough.",
        Some(Status::NotAccepted),
        Some(Rag::Red),
    );
    r3.responses = vec![Response {
        text: "Not accepted: the Victim Care Units already do this.".into(),
        line: 7,
    }];
    let mut r4 = rec(
        "4",
        "Publish an annual survivor satisfaction survey.",
        None,
        None,
    );
    r4.deadline = Deadline::month(2027, 6, "June 2027");
    let mut afi = Item::new(
        ItemKind::AreaForImprovement,
        "The force should improve the timeliness of call handling.",
        9,
    );
    afi.section = Some("5A".into());
    let mut strength = Item::new(
        ItemKind::Strength,
        "Neighbourhood teams are in every ward.",
        10,
    );
    strength.section = Some("1B".into());
    strength.theme = Some("Neighbourhood Policing".into());
    let mut wip = Item::new(
        ItemKind::WorkInProgress,
        "A new call-handling system is being procured.",
        11,
    );
    wip.section = Some("5A".into());

    let mut i2 = ReportItem::new(r2);
    i2.latest_update = Some(Update {
        text: "In progress. HR has drafted a minimum-tenure policy for borough commanders.".into(),
        on: day(2026, 10, 2),
        by: Some("HR Directorate".into()),
    });
    i2.changed_on = Some(day(2026, 10, 2));
    i2.deadline_changes = vec![DeadlineChange {
        from: Deadline::month(2025, 12, "December 2025"),
        to: Deadline::month(2026, 3, "March 2026").expect("valid"),
        on: day(2026, 9, 15),
        reason: Some("Waiting for the Service Review to report.".into()),
    }];
    i2.history = vec![
        HistoryEntry {
            on: day(2025, 6, 1),
            what: "imported".into(),
            detail: "from cdrp-scrutiny-progress-2005.txt".into(),
        },
        HistoryEntry {
            on: day(2026, 10, 2),
            what: "update".into(),
            detail: "In progress. HR has drafted a minimum-tenure policy.".into(),
        },
    ];
    let mut i3 = ReportItem::new(r3);
    i3.changed_on = Some(day(2026, 5, 1));
    ReportInput {
        title: "CDRP Scrutiny: progress on recommendations".into(),
        as_of: day(2026, 11, 27),
        since: Some(day(2026, 6, 1)),
        items: vec![
            ReportItem::new(r1),
            i2,
            i3,
            ReportItem::new(r4),
            ReportItem::new(afi),
            ReportItem::new(strength),
            ReportItem::new(wip),
        ],
        judgements: vec![
            Judgement {
                area: "1B".into(),
                title: "Neighbourhood Policing and Problem Solving".into(),
                grade: Some(Grade::Good),
                direction: Some(Direction::Improved),
                national_distribution: Some(heed_core::NationalDistribution {
                    poor: 0,
                    fair: 15,
                    good: 28,
                    excellent: 0,
                }),
                line: 20,
            },
            Judgement {
                area: "5A".into(),
                title: "Contact Management".into(),
                grade: Some(Grade::Fair),
                direction: Some(Direction::Stable),
                national_distribution: None,
                line: 21,
            },
        ],
    }
}

/// A review of `n` items: four in five recommendations, each with two action rows, a
/// response, an owner, a deadline (some overdue, some moved) and a RAG rating; one in
/// five an inspection finding (strength, area for improvement, work in progress) under
/// one of ten graded areas.
pub fn synthetic(n: usize) -> ReportInput {
    let statuses = Status::ALL;
    let rags = Rag::ALL;
    let items = (0..n)
        .map(|k| {
            let mut i = rec(
                &(k + 1).to_string(),
                &format!(
                    "Recommendation text number {k}: the service should review how it handles \
                     case {k}, agree a plan with its partners and report progress to the committee."
                ),
                Some(statuses[k % statuses.len()]),
                Some(rags[k % rags.len()]),
            );
            i.owner = Some(format!("Owner {}", k % 7));
            i.deadline = Deadline::month(2024 + (k % 4) as i32, (k % 12) as u8 + 1, "month");
            i.actions = (0..2)
                .map(|a| Action {
                    key_point: (a == 0).then(|| format!("Key point {k}")),
                    action: Some(format!("Action {a} for item {k}: set up a working group.")),
                    result: Some(format!("Completed May 2005. Result {a} of item {k}.")),
                    owner: None,
                    status: Some(Status::Completed),
                    status_words: Some("Completed".into()),
                    date: None,
                    deadline: None,
                    line: k * 3 + a,
                })
                .collect();
            i.responses = vec![Response {
                text: format!("Response to item {k}: work has begun and will continue."),
                line: k * 3,
            }];
            if k % 5 == 4 {
                let kinds = [
                    ItemKind::Strength,
                    ItemKind::AreaForImprovement,
                    ItemKind::WorkInProgress,
                ];
                i.kind = kinds[(k / 5) % 3];
                i.section = Some(format!("{}A", k % 10));
                i.theme = (k % 3 == 0).then(|| "Partnership".to_string());
                i.actions.clear();
            }
            let mut ri = ReportItem::new(i);
            ri.changed_on = Some(day(2026, 1 + (k % 11) as u8, 1));
            if k % 5 == 0 {
                ri.deadline_changes.push(DeadlineChange {
                    from: Deadline::month(2023, 6, "June 2023"),
                    to: Deadline::month(2024, 6, "June 2024").expect("valid"),
                    on: day(2026, 7, 1),
                    reason: Some("Funding moved to the next year.".into()),
                });
            }
            ri
        })
        .collect();
    ReportInput {
        title: "Synthetic review".into(),
        as_of: day(2026, 11, 27),
        since: Some(day(2026, 6, 1)),
        items,
        judgements: (0..10)
            .map(|a| Judgement {
                area: format!("{a}A"),
                title: format!("Graded area number {a}"),
                grade: Some([Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor][a % 4]),
                direction: Some(
                    [Direction::Improved, Direction::Stable, Direction::Declined][a % 3],
                ),
                national_distribution: None,
                line: a,
            })
            .collect(),
    }
}
