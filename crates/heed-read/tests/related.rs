//! Fixtures in the layouts of the related kinds of report (audit-office reports,
//! inspector-general pages, UN periodic review lists and responses), written for Heed in
//! layouts the corpus does not show: each test reads one and checks the items' refs, texts
//! and positions.

use heed_core::Position;
use heed_read::{ReadOptions, read};

fn items(src: &str) -> Vec<(Option<String>, String, Option<Position>)> {
    let doc = read(src.as_bytes(), &ReadOptions::default()).expect("a document");
    doc.items
        .into_iter()
        .map(|i| (i.r#ref, i.text, i.position))
        .collect()
}

fn r(n: &str, t: &str, p: Option<Position>) -> (Option<String>, String, Option<Position>) {
    (Some(n.to_string()), t.to_string(), p)
}

#[test]
fn upr_second_cycle_lists_with_supported_and_noted() {
    use Position::*;
    let got = items(include_str!("fixtures/upr-second-cycle.txt"));
    assert_eq!(
        got,
        vec![
            r(
                "115.1",
                "Ratify the Optional Protocol to the Convention against Torture",
                Some(Accepted)
            ),
            r(
                "115.2",
                "Consider ratifying the Convention on Migrant Workers",
                Some(Accepted)
            ),
            r(
                "115.3",
                "Take further steps for the protection of children of same-sex couples",
                Some(Accepted)
            ),
            r(
                "115.4",
                "Strengthen the ombudsman in line with the Paris Principles",
                Some(Accepted)
            ),
            r(
                "116.1",
                "Abolish the death penalty in all circumstances",
                Some(Noted)
            ),
            r("116.2", "Recognize the right to water", Some(Noted)),
        ]
    );
}

#[test]
fn upr_addendum_answers_by_number() {
    use Position::*;
    let doc = read(
        include_str!("fixtures/upr-addendum.txt").as_bytes(),
        &ReadOptions::default(),
    )
    .expect("a document");
    let got: Vec<(String, &str, Option<Position>, usize)> = doc
        .items
        .iter()
        .map(|i| {
            (
                i.r#ref.clone().unwrap_or_default(),
                i.text.as_str(),
                i.position,
                i.responses.len(),
            )
        })
        .collect();
    let want: Vec<(String, &str, Option<Position>, usize)> = [
        ("122.1", Accepted, 0),
        ("122.2", Accepted, 1),
        ("122.3", Accepted, 1),
        ("122.5", Accepted, 1),
        ("122.14", Accepted, 0),
        ("122.15", Accepted, 0),
        ("122.17", Accepted, 0),
        ("122.18", Accepted, 0),
        ("122.34", Noted, 0),
        ("122.35", Noted, 0),
        ("122.40", Noted, 1),
    ]
    .into_iter()
    .map(|(r, p, n)| (r.to_string(), "", Some(p), n))
    .collect();
    assert_eq!(got, want);
    assert_eq!(
        doc.items[2].responses[0].text,
        "We consider that the activities for the implementation of this recommendation are \
         already ongoing. The programme for Roma children is being carried out in all schools."
    );
}

mod never_panics {
    use heed_read::{ReadOptions, read_text};
    use proptest::prelude::*;

    const FIXTURES: &[&str] = &[
        include_str!("fixtures/upr-second-cycle.txt"),
        include_str!("fixtures/upr-addendum.txt"),
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Text made of the words these readers look for, in any order.
        #[test]
        fn on_recommendation_like_noise(words in proptest::collection::vec(prop_oneof![
            Just("(Recommendation".to_string()), Just("1)".to_string()), Just("(1)".to_string()), Just("(2)".to_string()), Just("We recommend that".to_string()),
            Just("concurred with our first".to_string()), Just("recommendations 122.17-".to_string()), Just("18".to_string()),
            Just("II. Conclusions and/or recommendations\n".to_string()), Just("1.  To".to_string()), Just("2.".to_string()),
            Just("115.1".to_string()), Just("(Norway);".to_string()), Just("\n".to_string()), Just("\n\n".to_string()), Just("\u{c}".to_string()),
            Just("İ".to_string()), Just("\u{212a}".to_string()), Just("–".to_string()), Just("Rec. 5".to_string()), Just("same-\n".to_string()),
            Just("<p>".to_string()), Just("</p>".to_string()), Just("<head>".to_string()), Just("should".to_string()), Just("noted".to_string()),
            "[a-zA-Z ]{0,12}",
        ], 0..80)) {
            let text = words.join(" ");
            let _ = read_text(&text, &ReadOptions::default());
        }

        /// A fixture cut at any character.
        #[test]
        fn on_cut_fixtures(which in 0usize..2, cut in 0usize..4000) {
            let text = FIXTURES[which];
            let mut at = cut.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let _ = read_text(&text[..at], &ReadOptions::default());
        }
    }
}

#[test]
fn audit_office_report_with_markers_matters_and_comments() {
    use Position::*;
    let doc = read(
        include_str!("fixtures/audit-office-report.md").as_bytes(),
        &ReadOptions::default(),
    )
    .expect("a document");
    assert_eq!(
        doc.title.as_deref(),
        Some("Military Housing: DOD and VA Should Improve Oversight of Privatized Homes")
    );
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
    assert_eq!(
        got,
        vec![
            (
                Some("1"),
                "Congress should consider requiring DOD to report annually on the condition of privatized homes.",
                None,
                0
            ),
            (
                Some("1"),
                "The Secretary of Defense should ensure that the military departments inspect every privatized home before a new tenant moves in.",
                Some(Accepted),
                1
            ),
            (
                Some("2"),
                "The Secretary of Defense should develop a tenant complaint database that the military departments and the private partners can both use.",
                Some(PartiallyAccepted),
                1
            ),
            (
                Some("3"),
                "The Secretary of Veterans Affairs should share its housing inspection checklist with DOD, and update it at least every 2 years.",
                Some(Rejected),
                1
            ),
        ]
    );
    assert!(
        doc.items[3].responses[0]
            .text
            .starts_with("VA did not concur")
    );
}

#[test]
fn one_response_answers_dash_numbered_recommendations_by_number() {
    use Position::*;
    let got = items(include_str!(
        "fixtures/dash-recommendations-with-response.md"
    ));
    let refs_positions: Vec<(Option<String>, Option<Position>)> =
        got.into_iter().map(|(r, _, p)| (r, p)).collect();
    assert_eq!(
        refs_positions,
        vec![
            (Some("1".into()), Some(Accepted)),
            (Some("2".into()), Some(Rejected)),
            (Some("3".into()), Some(Accepted)),
        ]
    );
}

#[test]
fn upr_first_cycle_lists_supported_examined_and_not_supported() {
    use Position::*;
    let got = items(include_str!("fixtures/upr-first-cycle-three-lists.txt"));
    assert_eq!(
        got,
        vec![
            r(
                "1",
                "To ratify the Convention against Torture",
                Some(Accepted)
            ),
            r(
                "2",
                "To strengthen the national human rights institution",
                Some(Accepted)
            ),
            r("1", "To abolish the death penalty", None),
            r("1", "To recognize same-sex unions", Some(Rejected)),
            r(
                "2",
                "To withdraw its reservations to the Covenant",
                Some(Rejected)
            ),
        ]
    );
}

#[test]
fn inspector_general_page_with_nested_clauses_and_positions_by_description() {
    use Position::*;
    let doc = read(
        include_str!("fixtures/oig-nested-inline.html").as_bytes(),
        &ReadOptions::default(),
    )
    .expect("a document");
    assert_eq!(
        doc.title.as_deref(),
        Some("Review of Outpatient Payments During Inpatient Stays")
    );
    let got: Vec<(Option<&str>, Option<Position>)> = doc
        .items
        .iter()
        .map(|i| (i.r#ref.as_deref(), i.position))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("1"), Some(PartiallyAccepted)),
            (Some("2"), Some(Accepted)),
            (Some("3"), Some(Rejected)),
            (Some("4"), Some(Accepted)),
        ]
    );
    assert!(
        doc.items[0]
            .text
            .starts_with("instruct its Medicare contractors to: (a) recover")
    );
    assert_eq!(
        doc.items[3].text,
        "modify existing edits to prevent payments for services already included in the inpatient rate"
    );
}
