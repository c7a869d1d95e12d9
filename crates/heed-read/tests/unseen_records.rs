//! Classes of real document that read as nothing before: an inspector general's
//! transmittal memo that states a position on all of a report's recommendations at once
//! and a status for some by number; a council decision approving another body's
//! recommendations by their numbers; a recommendation register's page holding one
//! unnumbered recommendation, alone or over a dated log; a web listing of records numbered
//! "No. 1", "No. 2", each with a status line over its words; a committee's list of
//! recommendations hard-wrapped without blank lines, "Recommendation N" blocks grouped under
//! a chapter heading for each report it reviewed; deadlines opened by "Not later than"; an
//! inspector general's requests in running prose, each followed by a sentence saying how
//! the addressee could carry it out; a web listing of open recommendations, each record
//! opened by its code alone on its line; minutes recording a committee's recommendation
//! and the numbered decisions that answer it; a resolution whose first clause stands on
//! the line of "Resolved:".
//! Every fixture was written for Heed; each
//! class has a negative case beside it.

use heed_core::{Position, Status};

mod common;
use common::{fixture, refs};

/// "concurred with all five recommendations": items 1 to 5, text "", accepted; "we closed
/// recommendation 3" completes 3, the open ones stay open.
#[test]
fn a_memo_stating_a_position_on_all_its_recommendations() {
    let d = fixture("memo-positions-for-all.txt");
    assert_eq!(refs(&d), ["1", "2", "3", "4", "5"], "{:#?}", d.items);
    assert!(d.items.iter().all(|i| i.text.is_empty()));
    assert!(
        d.items
            .iter()
            .all(|i| i.position == Some(Position::Accepted))
    );
    let status: Vec<Option<Status>> = d.items.iter().map(|i| i.status).collect();
    assert_eq!(status[2], Some(Status::Completed));
    assert!(
        [0, 1, 3, 4]
            .iter()
            .all(|&k| status[k] != Some(Status::Completed)),
        "{status:?}"
    );
}

/// The same sentence in a report that prints its own recommendations: they are read, with
/// their words, and no empty items are made from the count.
#[test]
fn a_position_on_all_beside_the_recommendations_themselves() {
    let d = fixture("memo-positions-for-all-with-own-list.txt");
    assert_eq!(d.items.len(), 3, "{:#?}", d.items);
    assert!(d.items.iter().all(|i| !i.text.is_empty()));
}

/// "1. That the recommendations (1 to 4) ... are approved": the decision answers another
/// body's recommendations 1 to 4 by number.
#[test]
fn a_decision_approving_recommendations_by_number() {
    let d = fixture("decision-approving-numbered-recommendations.txt");
    let empty: Vec<&str> = d
        .items
        .iter()
        .filter(|i| i.text.is_empty())
        .filter_map(|i| i.r#ref.as_deref())
        .collect();
    assert_eq!(empty, ["1", "2", "3", "4"], "{:#?}", d.items);
    assert!(
        d.items
            .iter()
            .filter(|i| i.text.is_empty())
            .all(|i| i.position == Some(Position::Accepted))
    );
}

/// A register's page: a title, one recommendation opened by a closing date and naming a
/// group with a clause of its own, and a dated log whose entries are its responses.
#[test]
fn a_register_page_with_a_dated_log() {
    let d = fixture("register-page-dated-log.txt");
    assert_eq!(d.items.len(), 1, "{:#?}", d.items);
    let it = &d.items[0];
    assert!(
        it.text
            .starts_with("No later than 30 June 2019 those councils")
    );
    assert!(it.text.ends_with("for each ward at risk."));
    assert_eq!(it.responses.len(), 2, "{:#?}", it.responses);
    assert!(it.responses[0].text.starts_with("A review of this"));
    assert!(it.responses[1].text.starts_with("The plans have since"));
    assert_eq!(
        it.deadline.as_ref().map(|d| (d.due.year, d.due.month)),
        Some((2019, 6))
    );
}

/// A page that is nothing but one recommendation addressed to a named group.
#[test]
fn a_register_page_of_one_paragraph() {
    let d = fixture("register-page-one-paragraph.txt");
    assert_eq!(d.items.len(), 1, "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("Every health board should agree")
    );
    assert!(d.items[0].text.ends_with("within a year."));
}

/// One paragraph that only remarks ("It should be noted that ...") asks nothing.
#[test]
fn a_page_of_one_remark_is_no_recommendation() {
    let d = fixture("register-page-one-paragraph-narrative.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// "No. 1", "No. 2" alone on their lines of a web page's text: each record's words are the
/// line that asks, not the status line or the addressee above it; the status line gives
/// the status.
#[test]
fn a_listing_of_records_numbered_no() {
    let d = fixture("listing-numbered-records.txt");
    assert_eq!(refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Replace the fire alarm panels that the inspection found out of date in each of the outpatient clinics named in the report.",
            "Train maintenance staff to test the alarm panels every month and to report any fault to the facility's safety officer on the same day.",
            "Record each monthly test in the facility's maintenance log and keep the log for at least three years after the test.",
        ]
    );
    assert_eq!(d.items[0].status, Some(Status::Completed));
    assert_eq!(d.items[2].status, Some(Status::Completed));
}

/// A committee's numbered conclusions in text with a line per paragraph, each closed by
/// the paragraph it comes from, that citation broken over two lines ("(Paragraph" / "4)"):
/// the tail is the end of the conclusion, not a unit numbered 4, so the list stays one run
/// in sequence (before, nothing was read).
#[test]
fn conclusions_whose_paragraph_citations_are_broken_across_lines() {
    let d = fixture("conclusions-citation-broken-across-lines.txt");
    assert_eq!(refs(&d), ["1", "2", "3", "4"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .contains("grateful to the inspectorate for this flexibility."),
        "{}",
        d.items[0].text
    );
}

/// A committee's lettered conclusions whose labels a web page ran into their first word
/// ("(a)We recommend ..."): each is a unit of the lettered list, as "(a) We" is.
#[test]
fn lettered_labels_run_into_their_first_word() {
    let d = fixture("lettered-labels-run-into-words.txt");
    let r = refs(&d);
    assert!(r.contains(&"a") && r.contains(&"c"), "{:#?}", d.items);
    let a = d.items.iter().find(|i| i.r#ref.as_deref() == Some("a"));
    assert!(a.is_some_and(|a| {
        a.text
            .starts_with("We recommend that the department review")
    }));
}

/// A committee's list hard-wrapped without a blank line: "Recommendation N" alone on its
/// line opens a block, and so does each chapter's heading ("Chapter 3: Audit Report No. 11
/// ..."), whose title may wrap; the heading ends the recommendation above it and is no
/// answer to it (before, the whole list was one paragraph and nothing was read).
#[test]
fn a_committee_list_of_recommendations_under_chapter_headings() {
    let d = fixture("committee-recommendations-under-chapters.txt");
    assert_eq!(refs(&d), ["1", "2", "3", "4", "5"], "{:#?}", d.items);
    assert!(
        d.items
            .iter()
            .all(|i| i.text.starts_with("The Committee recommends that")),
        "{:#?}",
        d.items
    );
    assert!(d.items.iter().all(|i| !i.text.contains("Chapter")));
    assert!(d.items.iter().all(|i| i.responses.is_empty()));
    assert!(d.items[1].text.contains("against that schedule."));
    assert!(d.items[3].text.contains("are still open."));
    assert_eq!(
        d.items[3]
            .deadline
            .as_ref()
            .map(|d| (d.due.year, d.due.month)),
        Some((2027, 3))
    );
}

/// The same layout's words in narrative: a line holding only "Recommendation 3" after a
/// line that stopped mid-phrase ("in line with") carries the sentence on and heads
/// nothing, so nothing is read.
#[test]
fn a_recommendation_named_on_a_line_of_its_own_mid_sentence_heads_nothing() {
    let d = fixture("committee-narrative-citing-recommendations.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// "Not later than 31 March 2027 every trust should ..." and "no later than the end of
/// 2026" set deadlines, as "by" does; "not later than that" names no date, and a bare
/// year after the cue ("no later than 2028") states none, as after "by".
#[test]
fn deadlines_opened_by_not_later_than() {
    let d = fixture("deadlines-not-later-than.txt");
    let due: Vec<Option<String>> = d
        .items
        .iter()
        .map(|i| i.deadline.as_ref().map(|d| d.to_iso()))
        .collect();
    assert_eq!(
        due,
        [
            Some("2027-03-31".to_string()),
            Some("2026-12".to_string()),
            None,
            None
        ],
        "{:#?}",
        d.items
    );
}

/// "We recommend that the Agency require ... . The Agency could give ...": the sentence
/// that says how the addressee could carry the request out is part of it; the position
/// after both ("concurred with both") is not.
#[test]
fn a_request_in_prose_takes_the_sentence_saying_how() {
    let d = fixture("oig-summary-requests-with-how.html");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "require State surveyors to review a sample of aide training records at every survey. The Agency could give surveyors a short checklist for this review and publish it on its website.",
            "collect each State's survey findings on aide training in one national database",
        ]
    );
    assert!(
        d.items
            .iter()
            .all(|i| i.position == Some(Position::Accepted))
    );
}

/// The addressee's "could not" and another body's "could" after a request say nothing of
/// how to carry it out: each request keeps its own sentence only.
#[test]
fn a_could_not_or_another_bodys_could_is_no_part_of_the_request() {
    let d = fixture("oig-summary-requests-without-how.html");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "require State surveyors to review a sample of aide training records at every survey",
            "collect each State's survey findings on aide training in one national database",
        ]
    );
}

/// A listing's records, each opened by its code alone on its line under a filter legend
/// ("Status" / "Open" / "Closed"): the code is the ref, the imperative paragraph after the
/// labels and the category's explanation is the text, "Closed on ..." completes it, and
/// the paragraphs under its "Status" label (not those under "Analysis") are responses.
#[test]
fn a_listing_of_open_recommendations_opened_by_codes() {
    let d = fixture("open-recommendations-coded-records.txt");
    assert_eq!(
        refs(&d),
        [
            "2024-HX-2001-001-A",
            "2024-HX-2001-001-B",
            "2024-HX-2001-002-A"
        ],
        "{:#?}",
        d.items
    );
    assert!(d.items[0].text.starts_with("Support the repair costs"));
    assert!(d.items[1].text.starts_with("Train the grant managers"));
    assert!(d.items[2].text.starts_with("Revise the grant handbook"));
    assert_ne!(d.items[0].status, Some(Status::Completed));
    assert_eq!(d.items[1].status, Some(Status::Completed));
    let responses: Vec<&str> = d.items[2]
        .responses
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(responses.len(), 2, "{responses:#?}");
    assert!(responses[0].starts_with("As of March 2026"));
    assert!(d.items[..2].iter().all(|i| i.responses.is_empty()));
}

/// Codes alone on their lines over paragraphs that only describe (a list of reports by
/// number) are no records: nothing is read.
#[test]
fn codes_over_descriptions_are_no_records() {
    let d = fixture("reports-listed-by-code.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// "The Housing Scrutiny Panel agreed to recommend that the Executive ..." over "The
/// Executive then:-" and "(1) Noted that ...": the recommendation is the item, the
/// numbered decisions are its responses, and no decision is an item of its own.
#[test]
fn minutes_recording_a_recommendation_answered_by_decisions() {
    let d = fixture("minutes-recommendation-answered-by-decisions.txt");
    assert_eq!(d.items.len(), 1, "{:#?}", d.items);
    let it = &d.items[0];
    assert!(it.text.starts_with("that the Executive set a target time"));
    assert!(it.text.ends_with("how many repairs met it."));
    let responses: Vec<&str> = it.responses.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(responses.len(), 2, "{responses:#?}");
    assert!(responses[0].starts_with("Noted that a target of twenty working days"));
    assert!(responses[1].starts_with("Noted that the first quarterly report"));
}

/// A recommendation the minutes only tell of ("the Chair reminded members that the Panel
/// had agreed to recommend ..."), with no decisions after it, is not read.
#[test]
fn minutes_telling_of_a_recommendation_read_nothing() {
    let d = fixture("minutes-recommendation-reported-only.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// "Resolved:  (a) That ..." with its first clause on the line of "Resolved", the others
/// under it: each clause that asks for something is an item with its letter, the one
/// that only notes is not, and the "Reasons:" clauses after them are no part of it.
#[test]
fn a_resolution_whose_first_clause_shares_its_line() {
    let d = fixture("minutes-resolved-first-clause-on-its-line.txt");
    assert_eq!(refs(&d), ["b", "c"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("That the Executive extend evening opening")
    );
    assert!(d.items[1].text.starts_with("That officers report the use"));
    assert!(d.items.iter().all(|i| !i.text.starts_with("To ")));
}
