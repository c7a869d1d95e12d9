//! Tests of finishing items' fields: titles, deadlines, positions, statuses, numbering.

use super::*;

#[test]
fn titles_in_capitals_read_as_titles() {
    assert_eq!(
        title_case("LONDON DOMESTIC VIOLENCE STRATEGY (2nd Edition) OF THE MPS"),
        "London Domestic Violence Strategy (2nd Edition) of the MPS"
    );
    assert!(is_all_caps("METROPOLITAN POLICE SERVICE"));
    assert!(!is_all_caps("Metropolitan Police Service"));
    assert!(names_a_body("Her Majesty's Inspectorate of Constabulary"));
    assert!(!names_a_body("Managing the prison estate"));
    assert!(opens_with_kind("Report of the Working Group"));
}

#[test]
fn refs() {
    assert_eq!(clean_ref("Recommendation 6:").as_deref(), Some("6"));
    assert_eq!(clean_ref("(Rec. 13)").as_deref(), Some("13"));
    assert_eq!(clean_ref("R3.").as_deref(), Some("3"));
    assert_eq!(clean_ref("115.3").as_deref(), Some("115.3"));
    assert_eq!(
        find_refs("using the systems set up as part of recommendations 8/9."),
        vec!["8", "9"]
    );
    assert_eq!(
        find_refs("designed for probationary officers (Rec. 13)."),
        vec!["13"]
    );
    assert_eq!(
        find_refs("See recommendation 122.28. Upon the adoption of the Act"),
        vec!["122.28"]
    );
    assert_eq!(
        find_refs("see recommendations 140.3-5"),
        vec!["140.3", "140.4", "140.5"]
    );
    assert_eq!(
        find_refs("See Recommendation 14 (Completion July 2005)."),
        vec!["14"]
    );
    assert_eq!(
        find_refs("recommendations 5-7 and 9"),
        vec!["5", "6", "7", "9"]
    );
    assert!(find_refs("the recommendations from the recent evaluation").is_empty());
}

#[test]
fn leading_numbers() {
    assert_eq!(
        split_leading_number("1. The MPS should"),
        Some(("1".into(), "The MPS should"))
    );
    assert_eq!(
        split_leading_number("(2) consider"),
        Some(("2".into(), "consider"))
    );
    assert_eq!(split_leading_number("2006 was a year"), None);
    assert_eq!(split_leading_number("1.5 million people"), None);
    assert_eq!(
        split_leading_number("2.3 The force should"),
        Some(("2.3".into(), "The force should"))
    );
}

#[test]
fn statuses() {
    assert_eq!(
        status_of_text("Internal website complete. Work in progress on external website.")
            .map(|s| s.0),
        Some(Status::InProgress)
    );
    assert_eq!(
        status_of_text("All CSU offices provided with digital photography equipment").map(|s| s.0),
        Some(Status::Completed)
    );
    assert_eq!(
        status_of_text("Staff policy in progress. To be completed by end 2006.").map(|s| s.0),
        Some(Status::InProgress)
    );
    assert_eq!(
        status_of_prose("An evaluation of the different approaches will then be possible"),
        Status::NotStarted
    );
    assert_eq!(
        status_of_prose("The responsibility for monitoring funding has led to closer working"),
        Status::InProgress
    );
}

#[test]
fn deadlines_in_text() {
    let d = |t: &str| deadline_in(t, None).map(|d| d.to_iso());
    assert_eq!(
        d("The reports will be produced and circulated to members in October 2006.").as_deref(),
        Some("2006-10")
    );
    assert_eq!(
        d("CPU will be established on every BOCU by August 2004.").as_deref(),
        Some("2004-08")
    );
    assert_eq!(d("The work was reported in July 2005."), None);
}
