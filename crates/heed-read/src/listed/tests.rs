//! The listed reader's unit tests.

use super::*;

#[test]
fn attributions() {
    assert_eq!(
        strip_attribution("To ratify the Convention (Spain, Argentina);"),
        "To ratify the Convention"
    );
    assert_eq!(
        strip_attribution(
            "To make efforts (United Kingdom of Great Britain and Northern Ireland);"
        ),
        "To make efforts"
    );
    assert_eq!(
        strip_attribution("Convention, 1993 (No. 174) (Argentina);"),
        "Convention, 1993 (No. 174)"
    );
    assert_eq!(
        strip_attribution(
            "To end violence against girls (Azerbaijan); to continue to promote it (Italy)."
        ),
        "To end violence against girls (Azerbaijan); to continue to promote it"
    );
    assert_eq!(
        strip_attribution("To hold a review (in 2012)."),
        "To hold a review (in 2012)"
    );
}

#[test]
fn hyphens_in_joined_text() {
    let doc = "we will strengthen it. decision-making matters. short- and long-term";
    assert_eq!(
        repair_hyphens(
            "improve decision- making and strength- en the short- and long-term plan",
            doc
        ),
        "improve decision-making and strengthen the short- and long-term plan"
    );
}

#[test]
fn hyphens() {
    let vocab: HashSet<String> = ["strengthen".to_string()].into_iter().collect();
    let mut t = "equal rights for same-".to_string();
    join_line(&mut t, "sex couples", &vocab);
    assert_eq!(t, "equal rights for same-sex couples");
    let mut t = "to strength-".to_string();
    join_line(&mut t, "en it", &vocab);
    assert_eq!(t, "to strengthen it");
}

#[test]
fn list_in_recommendations_section() {
    let text = "1. The dialogue went well and Chile recommended things.\n\
2. More dialogue.\n\n\
II. Conclusions and/or recommendations\n\
3. The recommendations below will be examined:\n\
 1.  To ratify the Convention on\n\n\n14\n\n\x0c\n\
the Rights of Migrants (Spain);\n\
 2.  To strengthen the Ombudsman (Egypt).\n\
4. All conclusions reflect the positions of States.\n\n\
III. Voluntary pledges\n\
• A pledge.\n";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    let got: Vec<(Option<&str>, &str)> = doc
        .items
        .iter()
        .map(|i| (i.r#ref.as_deref(), i.text.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some("1"),
                "To ratify the Convention on the Rights of Migrants"
            ),
            (Some("2"), "To strengthen the Ombudsman"),
        ]
    );
}
