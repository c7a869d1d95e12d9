//! Layouts beyond the corpus, written for Heed: other wording of recommendation headings,
//! labelled fields under a recommendation or under the entries of a numbered list,
//! trackers with status/owner/date columns, and an HTML page with a RAG table. Each test
//! says what a user of such a document expects.

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

fn texts(d: &Document) -> Vec<(Option<&str>, &str)> {
    d.items
        .iter()
        .map(|i| (i.r#ref.as_deref(), i.text.as_str()))
        .collect()
}

#[test]
fn inspector_general_recommendations_with_management_comments() {
    // "Recommendation 1" alone on its line, then the text; the body's answer under
    // "Management Comments" is the response, the inspector's "Our Response" is not.
    let d = fixture("ig-management-comments.txt");
    assert_eq!(d.items.len(), 2, "{:#?}", d.items);
    let (r1, r2) = (&d.items[0], &d.items[1]);
    assert_eq!(r1.r#ref.as_deref(), Some("1"));
    assert!(
        r1.text
            .starts_with("We recommend that the Director, Regional Depot, revise")
    );
    assert!(r1.text.ends_with("against the ledger."), "{}", r1.text);
    assert_eq!(r1.responses.len(), 1);
    assert!(r1.responses[0].text.starts_with("The Director agreed"));
    assert!(
        !r1.responses[0].text.contains("resolved"),
        "{:?}",
        r1.responses
    );
    assert_eq!(r1.position, Some(Position::Accepted));
    assert_eq!(
        r1.deadline.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2024-09-30")
    );
    assert_eq!(r2.position, Some(Position::Rejected));
    assert!(!r2.responses[0].text.contains("unresolved"));
}

#[test]
fn audit_office_lettered_recommendations() {
    let d = fixture("audit-office-lettered.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("a"),
                "develop a long-term estate strategy by March 2025 that sets out how it will close the gap between the condition of buildings and the standard it expects"
            ),
            (
                Some("b"),
                "improve the quality of data on the condition of the estate, so that it can prioritise maintenance spending"
            ),
            (
                Some("c"),
                "publish an annual assessment of progress against the strategy"
            ),
        ]
    );
    assert_eq!(
        d.items[0].deadline.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2025-03")
    );
}

#[test]
fn inspection_recommendations_as_a_lead_in_and_bullets() {
    let d = fixture("inspection-bullets.txt");
    let recs: Vec<&str> = d
        .items
        .iter()
        .filter(|i| i.kind == heed_core::ItemKind::Recommendation)
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(
        recs,
        [
            "make sure that it answers emergency calls within ten seconds",
            "review its control room staffing model against its demand"
        ]
    );
    let afis = d
        .items
        .iter()
        .filter(|i| i.kind == heed_core::ItemKind::AreaForImprovement)
        .count();
    assert_eq!(afis, 2);
}

#[test]
fn action_plan_with_a_priority_beside_the_recommendation() {
    // A "Priority" column next to a "Recommendation" column rates the item; it is not
    // the item's text (alone, as in a Priority / Action plan, it would be).
    let d = fixture("audit-action-plan.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "Starters and leavers should be processed only on an authorised form."
            ),
            (
                Some("2"),
                "Overtime claims should be checked against rosters before payment."
            ),
            (Some("3"), "The payroll procedure notes should be updated."),
        ]
    );
    assert_eq!(d.items[0].owner.as_deref(), Some("Head of HR"));
    assert_eq!(d.items[2].position, Some(Position::Rejected));
}

#[test]
fn scrutiny_panel_headings_with_the_position_in_brackets() {
    let d = fixture("scrutiny-panel-progress.txt");
    let got: Vec<_> = d
        .items
        .iter()
        .map(|i| (i.r#ref.as_deref(), i.position, i.status))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("1"), Some(Position::Accepted), Some(Status::Completed)),
            (
                Some("2"),
                Some(Position::PartiallyAccepted),
                Some(Status::InProgress)
            ),
            (
                Some("3"),
                Some(Position::Rejected),
                Some(Status::NotAccepted)
            ),
        ]
    );
    assert_eq!(
        d.items[0].text,
        "That the Cabinet Member introduces a single point of contact for reporting fly-tipping."
    );
    assert!(
        d.items[1].responses[0]
            .text
            .starts_with("Schedules have been published")
    );
    assert_eq!(
        d.items[1].deadline.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2015-12")
    );
}

#[test]
fn audit_office_bullets_closed_by_recommendation_markers() {
    let d = fixture("audit-office-bullets.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "Develop a plan to assess the condition of the Army's ammunition plants"
            ),
            (
                Some("2"),
                "Update the department's guidance on the modernization of the plants"
            ),
        ]
    );
    assert!(
        d.items
            .iter()
            .all(|i| i.position == Some(Position::Accepted))
    );
}

fn due(i: &heed_core::Item) -> Option<String> {
    i.deadline.as_ref().map(|d| d.to_iso())
}

#[test]
fn numbered_list_with_labelled_lines_under_each_entry() {
    // "1." entries under "Recommendations", each followed at once (no blank line) by
    // labelled lines: the labels are the entry's fields, not words of its text.
    let d = fixture("list-labelled-lines.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "The Board should publish its pilotage charges each year"
            ),
            (
                Some("2"),
                "The Board should appoint a safety lead for the outer harbour"
            ),
            // A colon inside the sentence is not a label: the text stays whole.
            (
                Some("3"),
                "The Board should note: the tide tables used by pilots are out of date"
            ),
        ],
        "{:#?}",
        d.items
    );
    let (r1, r2, r3) = (&d.items[0], &d.items[1], &d.items[2]);
    assert_eq!(r1.status, Some(Status::Completed));
    assert_eq!(r1.status_words.as_deref(), Some("Completed"));
    assert_eq!(
        r1.responses[0].text,
        "Charges for 2021 were published in January."
    );
    assert_eq!(r1.responses[0].line, 6);
    assert_eq!(r2.status, Some(Status::InProgress));
    assert_eq!(r2.status_words.as_deref(), Some("In progress"));
    assert_eq!(r2.position, Some(Position::Accepted));
    assert_eq!(
        r2.responses[0].text,
        "Accepted. Interviews are planned for the autumn."
    );
    assert_eq!(due(r2).as_deref(), Some("2021-11"));
    assert_eq!(r2.rag, Some(Rag::Amber));
    assert_eq!(r2.owner.as_deref(), Some("Harbour Master"));
    assert_eq!(r3.responses[0].text, "New tables have been ordered.");
    assert_eq!(due(r3).as_deref(), Some("2021-07-31"));
    assert!(d.items.iter().all(|i| i.responses.len() == 1));
}

#[test]
fn numbered_list_with_labelled_paragraphs_and_numbers_left_out() {
    // The same fields as paragraphs of their own, a value wrapped onto the next line or
    // printed under its label, and entries 2, 3 and 5 left out of the list (a tracker of
    // the open ones): the fields between the entries show the list goes on.
    let d = fixture("list-labelled-paragraphs.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "The Board should replace the radio equipment in the control room"
            ),
            (
                Some("4"),
                "The Board should train every pilot in the new berthing rules"
            ),
            (
                Some("6"),
                "The Board should review the lighting on the north pier"
            ),
        ],
        "{:#?}",
        d.items
    );
    let (r1, r4, r6) = (&d.items[0], &d.items[1], &d.items[2]);
    assert_eq!(
        r1.responses[0].text,
        "Two of the four sets have been replaced and the rest are on order."
    );
    assert_eq!(r1.status, Some(Status::InProgress));
    assert_eq!(due(r1).as_deref(), Some("2022-03"));
    assert_eq!(r4.status, Some(Status::NotStarted));
    assert_eq!(r4.status_words.as_deref(), Some("Not started"));
    assert_eq!(r4.owner.as_deref(), Some("Head of Pilotage"));
    assert_eq!(r4.rag, Some(Rag::Red));
    assert!(r4.responses.is_empty());
    assert_eq!(r6.status, Some(Status::Completed));
    assert_eq!(
        r6.responses[0].text,
        "A survey found three lamps out of order; all have been repaired."
    );
    // The paragraph after the list is not part of the last entry.
    assert!(
        d.items
            .iter()
            .all(|i| i.responses.iter().all(|r| !r.text.contains("new year")))
    );
}

#[test]
fn every_reader_knows_every_field_label() {
    // Labels that only the general reader knew before ("Latest update:", "Due by:",
    // "Rating:", "Management response:", "Date due:", "Timescales:") are fields under a
    // list's entries and under a numbered heading too; "Owner:" and "Lead officer:" are
    // fields under a general unit. A value that names no date or colour ("one season")
    // leaves what was read before.
    let d = fixture("list-more-labels.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "The Board should survey every mooring chain before the winter"
            ),
            (
                Some("2"),
                "The Board should charge visiting yachts by the length of their hull"
            ),
        ],
        "{:#?}",
        d.items
    );
    let (r1, r2) = (&d.items[0], &d.items[1]);
    assert_eq!(
        r1.responses[0].text,
        "Eighty of the hundred chains have been surveyed."
    );
    assert_eq!(due(r1).as_deref(), Some("2022-12"));
    assert_eq!(r1.rag, Some(Rag::Amber));
    assert_eq!(
        r2.responses[0].text,
        "Agreed. The new charges start next season."
    );
    assert_eq!(r2.position, Some(Position::Accepted));
    assert_eq!(due(r2).as_deref(), Some("2023-04"));
    assert_eq!(r2.owner.as_deref(), Some("Harbour Master"));

    let d = fixture("headings-more-labels.txt");
    assert_eq!(d.items.len(), 2, "{:#?}", d.items);
    let (r1, r2) = (&d.items[0], &d.items[1]);
    assert_eq!(
        r1.responses[0].text,
        "The register is being built and will be in use by the summer."
    );
    assert_eq!(due(r1).as_deref(), Some("2024-03"));
    assert_eq!(r1.rag, Some(Rag::Green));
    assert_eq!(due(r2).as_deref(), Some("2024-12"));

    let d = fixture("units-more-labels.txt");
    assert_eq!(d.items.len(), 2, "{:#?}", d.items);
    let owners: Vec<_> = d.items.iter().map(|i| i.owner.as_deref()).collect();
    assert_eq!(owners, [Some("Head of Highways"), Some("Parks Manager")]);
    assert_eq!(due(&d.items[1]).as_deref(), Some("2025-12"));
    assert_eq!(d.items[1].responses[0].text, "Accepted.");
}

#[test]
fn fields_on_the_line_of_a_list_entry() {
    // A known label after a sentence end (". ", "; ") starts a field on the entry's own
    // line; the words before it are the entry. A label-like word inside a sentence, with
    // no sentence end before it, is the entry's text.
    let d = fixture("list-fields-on-entry-line.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "The Board should dredge the inner channel every spring"
            ),
            (
                Some("2"),
                "The Board should publish the soundings from each survey"
            ),
            (
                Some("3"),
                "The Board should note: the status of the review of the dredging plan: it has not yet begun"
            ),
            (
                Some("4"),
                "The Board should ask the pilots whether the buoys are well placed"
            ),
            (
                Some("5"),
                "The Board should stop marking a defect Status: Closed before it is repaired"
            ),
        ],
        "{:#?}",
        d.items
    );
    let (r1, r2, r3, r4, r5) = (
        &d.items[0],
        &d.items[1],
        &d.items[2],
        &d.items[3],
        &d.items[4],
    );
    assert_eq!(r1.status, Some(Status::Completed));
    assert_eq!(r1.responses[0].text, "The spring dredge finished in May.");
    assert_eq!(r1.responses[0].line, 5);
    assert_eq!(due(r2).as_deref(), Some("2023-03"));
    assert_eq!((r3.status, r3.responses.len()), (None, 0));
    // Fields on the entry's line come before those under it.
    assert_eq!(r4.owner.as_deref(), Some("Harbour Master"));
    assert_eq!(r4.rag, Some(Rag::Amber));
    assert_eq!(
        r4.responses[0].text,
        "A survey of the pilots was sent out in June."
    );
    assert_eq!((r5.status, r5.status_words.as_deref()), (None, None));
    // The paragraph after the list is not part of the last entry.
    assert!(d.items.iter().all(|i| !i.text.contains("new year")));
}

#[test]
fn fields_on_the_line_of_a_numbered_heading() {
    let d = fixture("headings-fields-on-line.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "The service should train every crew in water rescue."
            ),
            (
                Some("2"),
                "The service should keep a register of the training each firefighter completes."
            ),
            (
                Some("3"),
                "The service should review the status of each course: some are out of date."
            ),
            (
                Some("4"),
                "The service should test its breathing apparatus each month."
            ),
        ],
        "{:#?}",
        d.items
    );
    let r1 = &d.items[0];
    assert_eq!(r1.status, Some(Status::InProgress));
    assert_eq!(r1.status_words.as_deref(), Some("In progress"));
    assert_eq!(r1.responses[0].text, "Half the crews were trained by June.");
    assert_eq!(r1.responses[0].line, 3);
    assert_eq!(due(&d.items[1]).as_deref(), Some("2024-03"));
    assert_eq!(
        d.items[2].responses[0].text,
        "A review of each course has begun."
    );
    // On the line of the text under a heading alone, too.
    assert_eq!(d.items[3].owner.as_deref(), Some("Station Manager"));
}

#[test]
fn fields_on_the_line_of_a_general_unit() {
    let d = fixture("units-fields-on-line.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "The Council should replace the lamps on the ring road."
            ),
            (
                Some("2"),
                "The Council should publish a plan for lighting in the town's parks"
            ),
            (
                Some("3"),
                "The Council should report on the status of the review: it is overdue."
            ),
        ],
        "{:#?}",
        d.items
    );
    let (r1, r2, r3) = (&d.items[0], &d.items[1], &d.items[2]);
    assert_eq!(r1.position, Some(Position::Accepted));
    assert_eq!(r1.status, Some(Status::Completed));
    assert_eq!(r1.responses[0].text, "Accepted.");
    assert_eq!(due(r2).as_deref(), Some("2025-06"));
    assert_eq!(r2.rag, Some(Rag::Amber));
    assert_eq!(
        r3.responses[0].text,
        "The report will go to the panel in May."
    );
}

#[test]
fn bulleted_field_lines_are_fields() {
    // "• Status: Completed", "- Update: ..." under an entry are its fields as unbulleted
    // lines are: under a list's entry, a general unit and a numbered heading.
    let d = fixture("bulleted-field-lines.txt");
    assert_eq!(d.items.len(), 2, "{:#?}", d.items);
    let (r1, r2) = (&d.items[0], &d.items[1]);
    assert_eq!(r1.status, Some(Status::InProgress));
    assert_eq!(
        r1.responses[0].text,
        "Two of the three pontoons were inspected after the January storm."
    );
    assert_eq!(r1.responses[0].line, 7);
    assert_eq!(r2.status, Some(Status::Completed));
    assert_eq!(r2.owner.as_deref(), Some("Harbour Engineer"));

    let d = fixture("bulleted-field-units.txt");
    assert_eq!(d.items.len(), 3, "{:#?}", d.items);
    let (r1, r2, r3) = (&d.items[0], &d.items[1], &d.items[2]);
    assert_eq!(r1.status, Some(Status::InProgress));
    assert_eq!(r1.responses[0].text, "Half the lamps have been replaced.");
    assert_eq!(due(r1).as_deref(), Some("2025-06"));
    assert_eq!(r2.status, Some(Status::Completed));
    assert_eq!(r2.owner.as_deref(), Some("Parks Manager"));
    // Bullets that are not fields stay the parts of the sentence they finish.
    assert_eq!(
        r3.text,
        "The Council should report to the panel on the following: Progress reports on \
         repairs: each quarter Status of the lamps on the ring road"
    );
    assert_eq!((r3.status, r3.responses.len()), (None, 0));

    let d = fixture("bulleted-field-headings.txt");
    assert_eq!(d.items.len(), 2, "{:#?}", d.items);
    assert_eq!(d.items[0].status, Some(Status::InProgress));
    assert_eq!(
        d.items[0].responses[0].text,
        "Half the crews were trained by June."
    );
    assert_eq!(d.items[1].owner.as_deref(), Some("Head of Training"));
}

#[test]
fn odd_label_lines_read_without_harm() {
    // Empty values, a label alone at the end of the text, a line of only "Status:": read
    // without a panic, and an empty value sets nothing.
    for text in [
        "Recommendations\n\n1. The Board should act. Status:\n",
        "Recommendations\n\n1. The Board should act. Status:",
        "Recommendations\n\n1. The Board should act.\nStatus:\n• Owner:\n- Update:\n",
        "Recommendations\n\n1. Status:\n2. Owner: Update:\n",
        "Recommendation 1: The service should act. Target date:\n\nStatus:\n",
        "Recommendation 1: Status:\n",
        "R1 The Council should act. RAG: Owner:\n\nStatus:\n\n• Status:\n",
        "Status:\n",
        "Status:",
        ":\n: :\n",
    ] {
        let d = heed_read::read_text(text, &ReadOptions::default());
        for i in &d.items {
            assert!(i.owner.as_deref().is_none_or(|o| !o.is_empty()), "{text:?}");
            assert_eq!(i.rag, None, "{text:?}");
            assert!(i.responses.iter().all(|r| !r.text.is_empty()), "{text:?}");
        }
    }
}

#[test]
fn label_lines_under_a_unit_whose_sentence_did_not_end() {
    // A line that opens with a known label is a field even when the unit's words above
    // it end without a full stop; a wrapped line in lower case carries the sentence on.
    let d = fixture("units-label-lines-unended.txt");
    assert_eq!(
        texts(&d),
        vec![
            (
                Some("1"),
                "The Council should replace the lamps on the ring road with low-energy lamps"
            ),
            (
                Some("2"),
                "The Council should publish a plan for lighting in the town's parks"
            ),
            (
                Some("3"),
                "The Council should report to the panel on the status of the review: it has \
                 not begun."
            ),
        ],
        "{:#?}",
        d.items
    );
    assert_eq!(d.items[0].status, Some(Status::Completed));
    assert_eq!(d.items[0].owner.as_deref(), Some("Head of Highways"));
    assert_eq!(due(&d.items[1]).as_deref(), Some("2025-06"));
    assert_eq!(d.items[2].status, None);
}
