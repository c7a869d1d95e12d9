//! Classes of real document read only in part before: a treaty body's concluding
//! observations, a page of numbered paragraphs taken from the middle of the document
//! ("31.", "32." ...) whose recommendations stand in any sentence of the paragraph
//! ("The Committee notes ... and recommends that the State party ...", "urges", "calls
//! upon"); the same printed double-spaced, a blank line after every wrapped line, under a
//! converter's bullet; and a government response hard-wrapped without blank lines, each
//! conclusion opened by "N. (Recommendation N)" and closed by its paragraph, the
//! government's answer after it. Every fixture was written for Heed; each class has a
//! negative case beside it.

use heed_core::Position;

mod common;
use common::{fixture, refs};

/// Paragraphs 31 to 35, each one item as a whole: the observation and the recommendation
/// in a later sentence of 31, "urges" and "calls upon" in 33 and 35.
#[test]
fn observations_numbered_from_the_middle_of_the_document() {
    let d = fixture("observations-mid-document.txt");
    assert_eq!(refs(&d), ["31", "32", "33", "34", "35"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("The Committee notes the limited data")
    );
    assert!(
        d.items[0].text.ends_with("published each year."),
        "{}",
        d.items[0].text
    );
    assert!(
        d.items[3]
            .text
            .starts_with("The Committee notes that the State party")
    );
}

/// Numbered paragraphs that welcome and take note ask nothing; a sentence reporting what
/// the delegation said ("stated that the Government should") is not the Committee's ask.
#[test]
fn observations_that_only_welcome_are_not_items() {
    let d = fixture("observations-positive-aspects.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// Double-spaced text under a converter's bullet: the paragraphs are joined again, and
/// only paragraph 3, whose second sentence asks, is an item; 1, 2 and 4 tell.
#[test]
fn double_spaced_observations_are_read_as_paragraphs() {
    let d = fixture("observations-double-spaced.txt");
    assert_eq!(refs(&d), ["3"], "{:#?}", d.items);
    let t = &d.items[0].text;
    assert!(
        t.starts_with("The Committee recognizes the difficulties"),
        "{t}"
    );
    assert!(t.contains("The State party should, however, ensure"), "{t}");
    assert!(t.ends_with("guaranteed by the Convention."), "{t}");
}

/// Each conclusion ends at its paragraph; the paragraph after it is the government's
/// answer, its response (and "agrees" its position). The introduction and the answers
/// are no items, and conclusion 1, answered by nothing, has no response.
#[test]
fn a_hard_wrapped_government_response_answers_each_conclusion() {
    let d = fixture("response-hard-wrapped.txt");
    assert_eq!(refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    assert!(d.items[0].responses.is_empty(), "{:#?}", d.items[0]);
    assert!(d.items[0].text.contains("We thank the Minister"));
    assert!(!d.items[0].text.contains("Recommendation 2"));
    let r2: Vec<&str> = d.items[1]
        .responses
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(r2.len(), 1, "{r2:?}");
    assert!(r2[0].starts_with("The Government agrees"), "{r2:?}");
    assert_eq!(d.items[1].position, Some(Position::Accepted));
    assert!(
        d.items[2].responses[0]
            .text
            .starts_with("The Government has shared"),
        "{:#?}",
        d.items[2]
    );
}

/// Under "1. Recommendation", a paragraph that asks and leads in a numbered list of what
/// the plan must address (the entries ask nothing): one item numbered 1, its parts in its
/// words; the two asking paragraphs after the list are items; "Report to be considered."
/// is not.
#[test]
fn a_numbered_list_that_is_the_parts_of_one_recommendation() {
    let d = fixture("recommendation-with-parts.txt");
    let refs: Vec<Option<&str>> = d.items.iter().map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(refs, [Some("1"), None, None], "{:#?}", d.items);
    let t = &d.items[0].text;
    assert!(
        t.starts_with("Given the weak state of asset management"),
        "{t}"
    );
    assert!(t.contains("2. The extent of the losses"), "{t}");
    assert!(d.items[1].text.starts_with("The Committee also recommends"));
    assert!(
        d.items[2]
            .text
            .starts_with("The Committee further recommends")
    );
}

/// The same lead-in over entries that each ask ("Publish ...", "Report ..."): three items.
#[test]
fn a_numbered_list_of_asks_under_a_lead_in_stays_a_list() {
    let d = fixture("recommendation-list-of-asks.txt");
    assert_eq!(refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("Publish its asset register"));
}

/// A summary's prose, hard-wrapped: "We recommend that the Department reviews ..." is
/// read from its verb; "We express concern ..., and
/// urge the Agency to publish ..." is the author's appeal, read whole. What witnesses
/// "urged" is reported, not asked.
#[test]
fn prose_asks_in_a_summary() {
    let d = fixture("summary-prose-asks.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:#?}");
    assert!(texts[0].starts_with("reviews the measures"), "{texts:#?}");
    assert!(texts[1].starts_with("We express concern"), "{texts:#?}");
    assert!(
        texts[1].contains("urge the Agency to publish"),
        "{texts:#?}"
    );
}

/// A summary of what others said, numbered in sequence, each paragraph with a "should"
/// after its report ("Rights Watch stated that ... The police should ..."): their asks, not
/// the author's; no items.
#[test]
fn a_numbered_summary_of_others_views_is_not_items() {
    let d = fixture("stakeholders-summary.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}
