//! Layouts beyond the corpus, written for Heed: other wording of recommendation headings,
//! labelled fields under a recommendation, trackers with status/owner/date columns, and an
//! HTML page with a RAG table. Each test says what a user of such a document expects.

use heed_core::{Document, Position, Rag, Status};
use heed_read::{ReadOptions, read};

fn fixture(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read(&bytes, &ReadOptions::default()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn dash_headings_with_labelled_fields() {
    let d = fixture("dash-headings.txt");
    let refs: Vec<_> = d
        .items
        .iter()
        .map(|i| i.r#ref.as_deref().unwrap_or("-"))
        .collect();
    assert_eq!(refs, ["1", "2", "3", "5"]);
    let r1 = &d.items[0];
    assert_eq!(
        r1.text,
        "The service should publish a fleet replacement plan covering all operational vehicles."
    );
    assert_eq!(r1.position, Some(Position::Accepted));
    assert_eq!(r1.status, Some(Status::InProgress));
    assert_eq!(r1.owner.as_deref(), Some("Head of Transport"));
    assert_eq!(
        r1.deadline.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2014-09")
    );
    assert_eq!(d.items[1].status, Some(Status::Completed));
    assert_eq!(d.items[2].position, Some(Position::Rejected));
    assert_eq!(d.items[2].status, Some(Status::NotAccepted));
    let r5 = &d.items[3];
    assert_eq!(r5.status, Some(Status::NotStarted));
    assert_eq!(r5.see_also, vec!["2"]);
    assert_eq!(
        r5.deadline.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2014-12")
    );
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.message.contains("recommendation 4 is missing")),
        "{:?}",
        d.diagnostics
    );
    assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2014-06-12"));
}

#[test]
fn tracker_with_status_owner_and_date_columns() {
    let d = fixture("tracker-table.txt");
    assert_eq!(d.items.len(), 4);
    let st: Vec<_> = d.items.iter().map(|i| i.status).collect();
    assert_eq!(
        st,
        [
            Some(Status::Completed),
            Some(Status::InProgress),
            Some(Status::NotStarted),
            Some(Status::Superseded)
        ]
    );
    let due: Vec<_> = d
        .items
        .iter()
        .map(|i| i.deadline.as_ref().map(|d| d.to_iso()).unwrap_or_default())
        .collect();
    assert_eq!(due, ["2015-03-31", "2015-09", "2015-09", "2015-12"]);
    assert_eq!(d.items[0].r#ref.as_deref(), Some("1"));
    assert_eq!(
        d.items[0].owner.as_deref(),
        Some("Director of Children's Services")
    );
    assert_eq!(
        d.items[1].responses[0].text,
        "68% of staff trained; the remaining sessions are booked."
    );
    assert_eq!(d.items[3].see_also, vec!["1"]);
}

#[test]
fn html_page_with_rag_table() {
    let d = fixture("rag-table.html");
    assert_eq!(
        d.title.as_deref(),
        Some("Scrutiny of Library Services: response to recommendations")
    );
    let rags: Vec<_> = d.items.iter().map(|i| i.rag).collect();
    assert_eq!(rags, [Some(Rag::Green), Some(Rag::Amber), Some(Rag::Red)]);
    assert_eq!(d.items[2].position, Some(Position::Rejected));
    assert_eq!(
        d.items[1].text,
        "The Council should introduce self-service machines by March 2016."
    );
    assert_eq!(
        d.items[1].deadline.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2016-03")
    );
    assert!(d.items.iter().all(|i| !i.text.contains("Home")));
}

#[test]
fn numbered_headings_of_both_kinds_and_numbered_table_cells() {
    use heed_core::ItemKind;
    let d = fixture("custody-inspection.md");
    let seen: Vec<(ItemKind, Option<&str>)> = d
        .items
        .iter()
        .map(|i| (i.kind, i.r#ref.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            (ItemKind::Recommendation, Some("1")),
            (ItemKind::Recommendation, Some("2")),
            (ItemKind::AreaForImprovement, Some("1")),
            (ItemKind::AreaForImprovement, Some("2")),
            (ItemKind::Recommendation, Some("3")),
            (ItemKind::Recommendation, Some("4")),
        ]
    );
    assert_eq!(
        d.items[0].text,
        "The force should ensure that every detainee is offered a free telephone call on arrival."
    );
    assert_eq!(d.items[0].status, Some(Status::Completed));
    assert_eq!(d.items[1].status, Some(Status::InProgress));
    assert_eq!(
        d.items[1].deadline.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2016-03")
    );
    assert_eq!(
        d.items[2].text,
        "The force should improve the recording of the use of force in custody."
    );
    assert_eq!(d.items[4].text, "Publish a custody strategy.");
    assert_eq!(
        d.items[4].deadline.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2016-06")
    );
    assert_eq!(d.items[5].status, Some(Status::Completed));
}
