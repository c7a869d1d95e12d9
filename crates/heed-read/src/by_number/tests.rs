//! Tests for `by_number`.

use super::*;

#[test]
fn a_long_report_answering_in_passing_is_not_a_response_document() {
    assert!(text_is_long_and_answers_little(12_854, 798_237));
    assert!(
        !text_is_long_and_answers_little(1_083, 22_515),
        "a short addendum"
    );
    assert!(
        !text_is_long_and_answers_little(30_000, 400_000),
        "answers in 7.5%"
    );
}

#[test]
fn lists_and_ranges() {
    let l = |s: &str| number_list(s).0;
    assert_eq!(l("5., 6., 7."), vec!["5", "6", "7"]);
    assert_eq!(l("122.17-18"), vec!["122.17", "122.18"]);
    assert_eq!(l("122.34- 35"), vec!["122.34", "122.35"]);
    assert_eq!(
        l("122.14– 15 and 122.20"),
        vec!["122.14", "122.15", "122.20"]
    );
    assert_eq!(
        l("1–3, 14– 16, 44."),
        vec!["1", "2", "3", "14", "15", "16", "44"]
    );
    assert_eq!(l("150 – 152, 159"), vec!["150", "151", "152", "159"]);
    // A shorter number goes on with the series before it.
    assert_eq!(
        l("140.82-85, 87"),
        vec!["140.82", "140.83", "140.84", "140.85", "140.87"]
    );
    assert_eq!(l("115.3, 7"), vec!["115.3", "115.7"]);
    assert!(l("Accepted").is_empty());
}

#[test]
fn a_response_document() {
    let text = "Addendum\n\nViews on conclusions and/or recommendations\n\n\
1. The Government accepts the recommendations 1–3, 5., 7.\n\n\
2. The Government notes the recommendations 4 and 6.\n\n\
Rec. 2   We consider that this recommendation is implemented. The act\n\
was adopted.\n\
Rec. 3   See recommendation 2.\n";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    let got: Vec<(Option<&str>, &str, Option<Position>, usize)> = doc
        .items
        .iter()
        .map(|i| {
            (
                i.r#ref.as_deref(),
                i.text.as_str(),
                i.position,
                i.responses.len(),
            )
        })
        .collect();
    use Position::*;
    assert_eq!(
        got,
        vec![
            (Some("1"), "", Some(Accepted), 0),
            (Some("2"), "", Some(Accepted), 1),
            (Some("3"), "", Some(Accepted), 1),
            (Some("5"), "", Some(Accepted), 0),
            (Some("7"), "", Some(Accepted), 0),
            (Some("4"), "", Some(Noted), 0),
            (Some("6"), "", Some(Noted), 0),
        ]
    );
    assert_eq!(
        doc.items[1].responses[0].text,
        "We consider that this recommendation is implemented. The act was adopted."
    );
}

#[test]
fn answers_under_bare_numbers_and_a_section_that_says_how_far() {
    let text = "Addendum\n\n\
I. Accepted recommendations\n\n\
3. The Government accepts the following recommendations: 90.1, 90.2,\n\
90.3, 90.4.\n\n\
II. Accepted recommendations that the State considers already implemented\n\n\
4. The Government accepts the following recommendations and adds: 90.5, 90.6,\n\
90.7, 90.9\n\
and wishes to provide the following information:\n\
90.5-6, 9\n\
The act on the ombudsman was amended in 2023.\n\
90.7\n\
Work on the new strategy is ongoing.\n\n\
III. Noted recommendations\n\n\
5. For the time being, the Government notes\n\
recommendations 90.8 and 90.10. The Government adds the following.\n";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    type Row<'a> = (&'a str, Option<Position>, Option<Status>, Option<&'a str>);
    let got: Vec<Row> = doc
        .items
        .iter()
        .map(|i| {
            (
                i.r#ref.as_deref().unwrap_or(""),
                i.position,
                i.status,
                i.responses.first().map(|r| r.text.as_str()),
            )
        })
        .collect();
    use Position::*;
    let amended = Some("The act on the ombudsman was amended in 2023.");
    assert_eq!(
        got,
        vec![
            ("90.1", Some(Accepted), None, None),
            ("90.2", Some(Accepted), None, None),
            ("90.3", Some(Accepted), None, None),
            ("90.4", Some(Accepted), None, None),
            // The heading says "already implemented"; 90.7's own answer says otherwise.
            ("90.5", Some(Accepted), Some(Status::Completed), amended),
            ("90.6", Some(Accepted), Some(Status::Completed), amended),
            (
                "90.7",
                Some(Accepted),
                Some(Status::InProgress),
                Some("Work on the new strategy is ongoing.")
            ),
            ("90.9", Some(Accepted), Some(Status::Completed), amended),
            // A line carrying on a sentence is not a label, though it starts
            // with "recommendations".
            ("90.8", Some(Noted), None, None),
            ("90.10", Some(Noted), None, None),
        ],
        "{:#?}",
        doc.items
    );
}

#[test]
fn a_reports_notes_are_not_a_response() {
    // A state's own report: its notes mention earlier recommendations and the
    // positions taken on them in passing.
    let text = "National report\n\n\
1. The Government has continued its work on equality since the last review.\n\n\
2. The new act on the ombudsman entered into force in 2018.\n\n\
Notes\n\n\
1 The State has noted and implemented recommendation 26 by appointing advocates.\n\
2 More is said in the mid-term report (recommendations 22, 46 and 47), which were accepted.\n";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    assert!(doc.items.is_empty(), "{:#?}", doc.items);
}

#[test]
fn counts_are_not_references() {
    assert!(is_count(" had enjoyed support; 24 had"));
    assert!(is_count(" out of 306"));
    assert!(!is_count(" and 5."));
    let text = "Report of the session\n\n\
827. Of the recommendations received, 87 per cent had been accepted: 270 had enjoyed \
support and 31 had been partially supported.\n";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    assert!(doc.items.is_empty(), "{:#?}", doc.items);
}
