//! Layouts the layout recognisers were never shown, each a class of real document that read
//! as nothing before the general reader: a police authority's "R1" progress paper, a
//! committee's outstanding-references list, a flattened RAG dashboard, a force's response
//! to numbered recommendations, an inspectorate's cause of concern, an inquiry's status
//! table; and the smaller failures found beside them (guessed positions and dates, lost
//! status words, stated counts, HTML entities). Every fixture was written for Heed.

use heed_core::{Document, ItemKind, Position, Rag, Status};
use heed_read::ReadOptions;

mod common;
use common::fixture;

fn refs(d: &Document) -> Vec<&str> {
    d.items
        .iter()
        .map(|i| i.r#ref.as_deref().unwrap_or("-"))
        .collect()
}

#[test]
fn r_headings_with_numbered_status_paragraphs() {
    let d = fixture("pa-progress-r-headings.txt");
    assert_eq!(refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    assert_eq!(d.items[0].text, "Publish call handling standards");
    let st: Vec<_> = d.items.iter().map(|i| i.status).collect();
    assert_eq!(
        st,
        [
            Some(Status::Completed),
            Some(Status::InProgress),
            Some(Status::NotStarted)
        ]
    );
    assert!(
        d.items[1].responses[0]
            .text
            .starts_with("A review of demand")
    );
    assert!(!d.items[0].evidence.is_empty());
}

#[test]
fn outstanding_references_with_progress_bullets() {
    let d = fixture("committee-outstanding-references.txt");
    assert_eq!(
        refs(&d),
        ["PCC/2011/14", "PCC/2011/22", "PCC/2011/31"],
        "{:#?}",
        d.items
    );
    assert_eq!(d.items[0].text, "Review of custody healthcare provision");
    assert_eq!(d.items[1].status, Some(Status::Completed));
    assert!(d.items[2].responses[0].text.contains("national guidance"));
}

#[test]
fn flattened_rag_dashboard() {
    let d = fixture("pcc-rag-dashboard-flattened.txt");
    assert_eq!(refs(&d), ["1.1", "1.2", "2.1"], "{:#?}", d.items);
    let rag: Vec<_> = d.items.iter().map(|i| i.rag).collect();
    assert_eq!(rag, [Some(Rag::Green), Some(Rag::Amber), Some(Rag::Red)]);
    assert_eq!(d.items[1].owner.as_deref(), Some("ACC Operations"));
    assert_eq!(
        d.items[0].text,
        "Commission a new referral service for victims of crime"
    );
}

#[test]
fn numbered_recommendations_with_response_paragraphs_and_gaps() {
    let d = fixture("force-response-iopc.txt");
    assert_eq!(refs(&d), ["1", "4", "7"], "{:#?}", d.items);
    let pos: Vec<_> = d.items.iter().map(|i| i.position).collect();
    assert_eq!(
        pos,
        [
            Some(Position::Accepted),
            Some(Position::Accepted),
            Some(Position::Rejected)
        ]
    );
    assert!(d.items[2].responses[0].text.contains("Fixed cameras"));
    // The whole sentence, with or without its full stop: "Force response:" is a field
    // label, so the list reader reads these entries (and drops the stop, as it does for
    // every entry).
    assert!(
        d.items[0]
            .text
            .trim_end_matches('.')
            .ends_with("use of handcuffs")
    );
}

#[test]
fn cause_of_concern_recommendations_and_areas_for_improvement() {
    let d = fixture("cause-of-concern.txt");
    let kinds: Vec<_> = d.items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            ItemKind::Recommendation,
            ItemKind::Recommendation,
            ItemKind::Recommendation,
            ItemKind::AreaForImprovement,
            ItemKind::AreaForImprovement
        ],
        "{:#?}",
        d.items
    );
    assert!(d.items[0].text.starts_with("carry out a full assessment"));
    // "within six months" of the publication date.
    assert_eq!(
        d.items[0].deadline.as_ref().map(|x| x.to_iso()).as_deref(),
        Some("2020-05")
    );
}

#[test]
fn status_table_rows_after_an_empty_response_cell() {
    let d = fixture("inquiry-status-table.txt");
    assert_eq!(refs(&d), ["1", "2", "3", "4"], "{:#?}", d.items);
    assert_eq!(d.items[1].status_words.as_deref(), Some("Slipped"));
    assert_eq!(d.items[2].status_words.as_deref(), Some("Delayed"));
    assert_eq!(d.items[3].status, Some(Status::Completed));
}

#[test]
fn two_column_rows_after_an_empty_last_cell() {
    let d = fixture("two-column-empty-last-cell.txt");
    assert_eq!(refs(&d), ["1", "2", "3", "4", "5"], "{:#?}", d.items);
    assert!(d.items[1].responses.is_empty(), "{:#?}", d.items[1]);
    assert!(d.items[1].actions.is_empty(), "{:#?}", d.items[1]);
    assert_eq!(d.items[2].position, Some(Position::PartiallyAccepted));
    assert_eq!(d.items[3].position, Some(Position::Accepted));
}

#[test]
fn government_response_to_numbered_conclusions_citing_paragraphs() {
    let d = fixture("committee-government-response.txt");
    // Titles run into "1." and "4.", an ask in a later sentence, a conclusion without an
    // ask in a cited series, a "We recommend" sentence read as part of its unit.
    assert_eq!(refs(&d), ["1", "2", "3", "4", "5"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("Rural bus services have declined")
    );
    assert!(d.items[0].text.ends_with("(Paragraph 14)"));
    assert!(
        d.items[3].text.starts_with("Older people"),
        "{}",
        d.items[3].text
    );
    assert!(d.items[0].responses[0].text.starts_with("We agree that"));
    assert_eq!(d.items[1].position, Some(Position::Accepted));
    assert_eq!(d.items[3].position, Some(Position::Rejected));
    assert!(
        d.items[2]
            .evidence
            .iter()
            .any(|e| e.contains("(Paragraph 25)")),
        "{:?}",
        d.items[2].evidence
    );
}

#[test]
fn positions_and_dates_are_not_guessed() {
    let d = fixture("no-guessed-position-or-date.txt");
    assert_eq!(refs(&d), ["1", "2", "3"]);
    // "has been circulated ... will be signed": progress, not a stated position.
    assert_eq!(d.items[0].position, None, "{:?}", d.items[0]);
    // A deadline is not the document's date.
    assert_eq!(d.date, None);
    assert_eq!(
        d.items[0].deadline.as_ref().map(|x| x.to_iso()).as_deref(),
        Some("2006-03")
    );
    // "during 2006/07": the financial year's end.
    assert_eq!(
        d.items[1].deadline.as_ref().map(|x| x.to_iso()).as_deref(),
        Some("2007-03")
    );
    assert_eq!(d.items[1].see_also, ["1"]);
    assert_eq!(d.items[1].status_words.as_deref(), Some("Slipped"));
    assert_eq!(d.items[2].status_words.as_deref(), Some("Delayed"));
}

#[test]
fn a_stated_count_that_differs_is_reported() {
    let d = fixture("stated-count.txt");
    assert_eq!(d.items.len(), 2);
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.message.contains("5 recommendations") && x.message.contains("2")),
        "{:?}",
        d.diagnostics
    );
}

#[test]
fn html_entities_and_attributes() {
    let d = fixture("html-entities.html");
    assert_eq!(refs(&d), ["1", "2"], "{:#?}", d.items);
    let t = &d.items[0].text;
    assert!(
        t.starts_with("The council should cut energy use by ½"),
        "{t}"
    );
    assert!(
        t.contains("18°C") && t.contains("≤ 200") && t.contains("m²"),
        "{t}"
    );
    assert!(t.contains("École") && t.contains("3×2"), "{t}");
    assert!(!t.contains("\">") && !t.contains("b\""), "{t}");
    assert_eq!(d.title.as_deref(), Some("Review of estates & facilities"));
}

#[test]
fn angle_brackets_in_plain_text_are_words() {
    let d = fixture("plain-text-angle-brackets.txt");
    assert_eq!(d.items.len(), 1);
    assert!(
        d.items[0].text.contains("<lead officer>") && d.items[0].text.contains("<10>"),
        "{}",
        d.items[0].text
    );
}

#[test]
fn nothing_found_names_the_lines_that_looked_like_items() {
    let text = "Minutes of the panel\n\nAgenda\n\n1. Minutes of the last meeting\n\n2. Update from the chair on the estates review and the budget\n";
    let d = heed_read::read_text(text, &ReadOptions::default());
    assert!(d.items.is_empty(), "{:#?}", d.items);
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.line == 7 && x.message.contains("not taken")),
        "{:?}",
        d.diagnostics
    );
}

#[test]
fn minutes_reporting_on_actions_by_their_codes() {
    let d = fixture("minutes-action-codes.txt");
    // Codes after "action"/"actions" are items; a report number after "report" is not,
    // nor a code after a title's "Action", nor the date or a time.
    assert_eq!(
        refs(&d),
        ["9/2022/S", "16/2022/S", "18/2022/S"],
        "{:#?}",
        d.items
    );
    assert!(d.items[0].text.contains("on-call crewing"));
    assert!(d.items[1].text.starts_with("Officers updated the Board"));
    assert!(!d.items[0].responses.is_empty());
    assert!(d.items[0].evidence[0].contains("reference code"));
}

#[test]
fn unmarked_paragraphs_under_a_lead_in_naming_areas_for_improvement() {
    let d = fixture("lead-in-areas-for-improvement.txt");
    // Bullets lost in conversion: each "The force should" paragraph after the lead-in is
    // an area for improvement; the numbered paragraph after them asks nothing.
    assert_eq!(d.items.len(), 3, "{:#?}", d.items);
    assert!(
        d.items
            .iter()
            .all(|i| i.kind == ItemKind::AreaForImprovement)
    );
    assert!(
        d.items[1]
            .text
            .starts_with("The force should develop its understanding")
    );
    assert!(d.items[0].evidence.iter().any(|e| e.contains("lead-in")));
}

#[test]
fn numbered_resolutions_of_a_committee() {
    let d = fixture("minutes-resolutions.txt");
    // "That the Panel continue ...": a resolution asks; "That said, ..." does not, nor
    // does "That members note the report".
    assert_eq!(refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    assert!(d.items[2].text.starts_with("That, in discussion"));
    // A label with nothing after it is no response.
    assert!(
        d.items[2].responses.is_empty(),
        "{:?}",
        d.items[2].responses
    );
    assert_eq!(d.items[2].status, None);
}

#[test]
fn a_committee_action_log_table() {
    let d = fixture("committee-action-log.txt");
    // No recommendation column: the actions are the items; "Action No." is the
    // reference column, holding codes; "Meeting" is a column Heed does not read.
    assert_eq!(
        refs(&d),
        ["AC/21/04", "AC/21/07", "AC/21/09"],
        "{:#?}",
        d.items
    );
    assert_eq!(d.items[1].text, "Report on the cost of overtime in custody");
    assert_eq!(d.items[1].owner.as_deref(), Some("Chief Finance Officer"));
    let st: Vec<_> = d.items.iter().map(|i| i.status).collect();
    assert_eq!(
        st,
        [
            Some(Status::Completed),
            Some(Status::InProgress),
            Some(Status::NotStarted)
        ]
    );
    assert_eq!(
        d.items[2].deadline.as_ref().map(|x| x.to_iso()).as_deref(),
        Some("2021-09")
    );
}

#[test]
fn numbered_labels_on_their_own_line_and_a_cause_of_concern() {
    let d = fixture("custody-labelled-afis.txt");
    // "Area for improvement 1" on its own line gives the number to the text under it; a
    // cause of concern is a finding, not an area for improvement; the recommendations
    // under it follow their lead-in.
    let got: Vec<(ItemKind, &str)> = d
        .items
        .iter()
        .map(|i| (i.kind, i.r#ref.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(
        got,
        [
            (ItemKind::AreaForImprovement, "1"),
            (ItemKind::AreaForImprovement, "2"),
            (ItemKind::Recommendation, "-"),
            (ItemKind::Recommendation, "-"),
        ],
        "{:#?}",
        d.items
    );
    assert!(d.items[0].text.starts_with("The force should ensure"));
    assert!(d.items.iter().all(|i| !i.text.contains("Cause of concern")));
}

#[test]
fn decisions_recorded_as_resolved_in_minutes() {
    let d = fixture("minutes-resolved.txt");
    // A single "RESOLVED: That ..." decision, lettered clauses under "RESOLVED that:",
    // and a decision that only takes note, which asks nothing.
    assert_eq!(refs(&d), ["-", "a", "b"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("That the Commissioner provide a report")
    );
    assert_eq!(
        d.items[1].text,
        "the Commissioner publish the complaints data on the website each quarter"
    );
    assert_eq!(
        d.items[2].deadline.as_ref().map(|x| x.to_iso()).as_deref(),
        Some("2022-09")
    );
    assert!(d.items[0].evidence[0].contains("RESOLVED"));
}

#[test]
fn labelled_fields_under_numbered_recommendations() {
    let d = fixture("labelled-fields-under-items.txt");
    assert_eq!(refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    // "RAG: Green" is the stated colour, not one guessed from the position.
    let rag: Vec<_> = d.items.iter().map(|i| i.rag).collect();
    assert_eq!(rag, [Some(Rag::Green), Some(Rag::Amber), Some(Rag::Red)]);
    assert_eq!(
        d.items[0].deadline.as_ref().map(|x| x.to_iso()).as_deref(),
        Some("2024-06")
    );
    // The label is not part of the response.
    assert!(
        d.items[0].responses[0]
            .text
            .starts_with("Accepted. A lead officer")
    );
    assert_eq!(d.items[1].position, Some(Position::PartiallyAccepted));
    // A refusal's "no budget ... in 2024/25" is not a date to meet.
    assert_eq!(d.items[2].deadline, None);
}

/// A state's replies under the numbers of recommendations printed elsewhere: every number
/// is an item with an empty text, the reply as its response and the position it states.
#[test]
fn answers_under_numbers_alone_are_read() {
    let d = fixture("answers-by-number-only.txt");
    let refs: Vec<&str> = d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(
        refs,
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]
    );
    assert!(
        d.items
            .iter()
            .all(|i| i.text.is_empty() && i.responses.len() == 1)
    );
    let pos = |r: &str| {
        d.items
            .iter()
            .find(|i| i.r#ref.as_deref() == Some(r))
            .and_then(|i| i.position)
    };
    assert_eq!(pos("1"), None, "no position stated");
    assert_eq!(pos("2"), Some(Position::Accepted));
    assert_eq!(
        pos("9"),
        Some(Position::Accepted),
        "a label carried to the next line"
    );
    assert_eq!(pos("10"), Some(Position::Rejected));
    assert_eq!(pos("11"), Some(Position::Noted));
    assert!(
        d.items[1].responses[0]
            .text
            .contains("laid before parliament in March")
    );
}

/// Resolutions numbered with lower-case Roman numerals, the word "RESOLVED" lost: each
/// that asks for something is an item; "iii)" is not the tail of the sentence before it.
#[test]
fn resolutions_numbered_in_roman_numerals_are_read() {
    let d = fixture("minutes-roman-resolutions.txt");
    let got: Vec<(Option<&str>, &str)> = d
        .items
        .iter()
        .map(|i| (i.r#ref.as_deref(), i.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("ii"),
                "That a site visit to the control room be arranged for April 2032"
            ),
            (
                Some("iii"),
                "That a future Panel meeting be held in Northtown."
            )
        ]
    );
}

/// Minutes record what someone undertook or was asked to do: each is an action arising,
/// its text the clause from the person who is to act; a remark is not.
#[test]
fn undertakings_and_requests_in_minutes_are_read() {
    let d = fixture("minutes-undertakings.txt");
    let got: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        got,
        [
            "the Chief Officer undertook to look into this and report to the next meeting.",
            "The Chair requested that the data for each ward be shown separately in future reports."
        ]
    );
}

/// Minutes of a sub-committee (lower case "committee") with no "RESOLVED": a request
/// carries the minutes' own action number in brackets, which becomes its ref; a direction
/// the Chair "stated ... should" is read too; a remark that states nothing to do is not.
#[test]
fn requests_in_sub_committee_minutes_keep_their_action_number() {
    let d = fixture("minutes-subcommittee-numbered-requests.txt");
    let got: Vec<(&str, &str)> = d
        .items
        .iter()
        .map(|i| (i.r#ref.as_deref().unwrap_or("-"), i.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "4",
                "The Chair requested that a note on the training being planned be sent to Members."
            ),
            (
                "-",
                "The Chair stated that every workforce observation should be signed off by the HR department."
            )
        ]
    );
}

/// A page that holds one recommendation: an unnumbered paragraph addressed to a group
/// ("Within six months, all forces should ..."), the statuses recorded against it (the
/// last one stands), and what was done.
#[test]
fn a_lone_addressed_recommendation_with_its_status_record() {
    let d = fixture("recommendation-page-status-record.txt");
    assert_eq!(d.items.len(), 1, "{:#?}", d.items);
    let it = &d.items[0];
    assert!(
        it.text
            .starts_with("Within six months, all forces should review")
    );
    assert!(it.text.ends_with("passed to the receiving service."));
    assert_eq!(it.status, Some(Status::Completed));
    assert_eq!(it.responses.len(), 1);
    assert!(
        it.responses[0]
            .text
            .starts_with("The force has agreed a handover protocol")
    );
}

/// A state's addendum that explains why it only notes some recommendations: the
/// explanation is their response, and says nothing of progress (no status); a supported
/// one with news of work under way is in progress.
#[test]
fn a_noted_recommendations_reasons_are_no_progress() {
    let d = fixture("noted-with-reasons.txt");
    let got: Vec<(&str, Option<Position>, Option<Status>, usize)> = d
        .items
        .iter()
        .map(|i| {
            (
                i.r#ref.as_deref().unwrap_or("-"),
                i.position,
                i.status,
                i.responses.len(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "98.1",
                Some(Position::Accepted),
                Some(Status::InProgress),
                1
            ),
            ("98.4", Some(Position::Accepted), None, 0),
            ("98.2", Some(Position::Noted), None, 1),
            ("98.3", Some(Position::Noted), None, 1),
        ]
    );
}

/// Under a lead-in naming a tracker's rated responses, each sub-bullet ("o" and spaces,
/// as a word processor saves it) is a recommendation: its first sentence the ask (a
/// "to be provided" requirement or a "should"), the rest what was done.
#[test]
fn rated_responses_under_a_lead_in_are_read() {
    let d = fixture("rated-responses-lead-in.txt");
    let got: Vec<(&str, usize)> = d
        .items
        .iter()
        .map(|i| (i.text.as_str(), i.responses.len()))
        .collect();
    assert_eq!(
        got,
        [
            ("Custody record audit to be published.", 1),
            (
                "Training for control room staff to be provided to all shifts.",
                1
            ),
            ("Detention rooms should be repainted to a safe standard.", 1)
        ]
    );
    assert!(
        d.items[1].responses[0]
            .text
            .starts_with("Two of five shifts")
    );
    // "12 Green responses and three Red responses, which included the following:": the
    // colour named last before the list rates its entries.
    assert!(
        d.items.iter().all(|i| i.rag == Some(Rag::Red)),
        "{:#?}",
        d.items
    );
}

/// Minutes whose word "RESOLVED" was lost: the lettered clauses that close them are the
/// resolutions; "(i)" under "(a)" is part of (a); a clause that only notes is left out.
#[test]
fn clauses_closing_the_minutes_are_its_resolutions() {
    let d = fixture("minutes-closing-clauses.txt");
    let refs: Vec<&str> = d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(refs, ["a", "b", "c"]);
    assert!(
        d.items[0].text.contains("(ii) feedback from inspections"),
        "{}",
        d.items[0].text
    );
    assert!(
        d.items[2]
            .text
            .starts_with("two visits to the control room")
    );
}

#[test]
fn paragraph_numbers_run_into_their_first_word_under_a_list_heading() {
    // "3.14The Committee ...": the number set in its own column, joined to the text on
    // conversion. The first asks without "recommend" but is one of a numbered list under a
    // heading that names recommendations, most of which ask.
    let d = fixture("committee-glued-paragraph-numbers.txt");
    assert_eq!(refs(&d), ["3.14", "3.15", "3.40", "3.52"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("The Committee requires a report")
    );
    assert!(d.items[2].text.contains("signed late"));
}

#[test]
fn numbered_entries_one_line_each_under_an_unpunctuated_header() {
    // Text with a line per paragraph: the header line above the first entry ends without
    // punctuation, yet "88.3." opens an entry; "AccedeCRPD" is a verb run into a name.
    let d = fixture("thematic-list-one-line-each.txt");
    assert_eq!(refs(&d), ["88.3", "89.1", "88.7"], "{:#?}", d.items);
    let pos: Vec<_> = d.items.iter().map(|i| i.position).collect();
    assert_eq!(
        pos,
        [
            Some(Position::Accepted),
            Some(Position::Noted),
            Some(Position::Accepted)
        ]
    );
}

#[test]
fn a_title_naming_them_leads_paragraphs_each_followed_by_its_answer() {
    // "Cause for Concern" as a title, then each point the body must act on, its "Action
    // Taken" and its status; a placeholder ("xxx") is no answer.
    let d = fixture("service-response-cause-for-concern.txt");
    assert_eq!(d.items.len(), 2, "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("The Service should make sure its board")
    );
    assert_eq!(d.items[0].status, Some(Status::Completed));
    assert!(
        d.items[0].responses[0]
            .text
            .starts_with("A new performance report")
    );
    assert_eq!(d.items[1].status, Some(Status::InProgress));
    assert!(d.items[1].responses.is_empty(), "{:#?}", d.items[1]);
}

#[test]
fn a_page_with_a_line_per_paragraph_ends_its_areas_for_improvement_at_the_findings() {
    // Web text keeps each paragraph on one line: a line break ends a paragraph, and the
    // labelled section holds only what asks.
    let d = fixture("effectiveness-page-one-line-each.txt");
    assert_eq!(d.items.len(), 1, "{:#?}", d.items);
    assert_eq!(d.items[0].kind, ItemKind::AreaForImprovement);
    assert!(
        d.items[0]
            .text
            .starts_with("The service should make sure its crews")
    );
}

#[test]
fn records_of_an_answer_under_a_recommendation_number() {
    // "Rec. No.: 1" then the answer's fields: the action, its date and whether it is open;
    // a footnote's letter run into a label ("Closedb:") and fields Heed does not read
    // ("Monetary Benefits: $0") are not the answer's words.
    let d = fixture("oig-appendix-records.txt");
    assert_eq!(refs(&d), ["1", "2"], "{:#?}", d.items);
    assert_eq!(d.items[0].text, "");
    assert_eq!(
        d.items[0].responses[0].text,
        "The Division will write a procedure for approving grant extensions and train its staff to use it."
    );
    assert_eq!(
        d.items[0].deadline.as_ref().map(|x| x.to_iso()).as_deref(),
        Some("2019-03-31")
    );
    assert_eq!(d.items[0].status, Some(Status::InProgress));
    assert_eq!(d.items[1].status, Some(Status::Completed));
    assert!(!d.items[1].responses[0].text.contains("41,200"));
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.message.contains("only its answer"))
    );
}

#[test]
fn a_recommendation_label_with_the_issuers_initials_and_a_hyphenated_number() {
    let d = fixture("advocate-recommendation-labels.txt");
    assert_eq!(refs(&d), ["4-1", "4-2"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("Publish the expected processing time")
    );
    assert!(
        d.items[0].responses[0]
            .text
            .starts_with("The agency agrees")
    );
    assert_eq!(d.items[1].position, Some(Position::Rejected));
}

#[test]
fn a_checklist_whose_bullet_glyphs_became_a_repeated_digit() {
    let d = fixture("checklist-lost-bullet-glyphs.txt");
    assert_eq!(d.items.len(), 6, "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("Include the review's findings"));
    assert!(d.items[3].text.starts_with("Establish a network"));
    assert!(d.items.iter().all(|i| i.kind == ItemKind::Recommendation));
}

#[test]
fn gerund_bullets_under_a_sentence_naming_recommendations_with_the_position_after() {
    let d = fixture("oig-summary-gerund-bullets.html");
    assert_eq!(d.items.len(), 3, "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("Reminding grantees"));
    assert!(
        d.items[2]
            .text
            .starts_with("Strengthening the payment controls")
    );
    for i in &d.items {
        assert_eq!(i.position, Some(Position::Accepted), "{i:#?}");
        assert!(
            i.responses[0]
                .text
                .starts_with("The agency generally concurred")
        );
    }
}

#[test]
fn a_dashboard_with_each_label_and_number_on_lines_of_their_own() {
    let d = fixture("dashboard-split-labels.txt");
    assert_eq!(refs(&d), ["1", "2"], "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("The mission determine whether"));
    assert!(d.items[1].text.ends_with("of the audit report."));
}

#[test]
fn an_addendum_answering_by_number_in_a_sentence_and_line_by_line() {
    let d = fixture("addendum-positions-by-number.txt");
    let mut got: Vec<(String, Option<Position>, Option<Status>)> = d
        .items
        .iter()
        .map(|i| (i.r#ref.clone().unwrap_or_default(), i.position, i.status))
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    use Position::*;
    use Status::*;
    let want: Vec<(String, Option<Position>, Option<Status>)> = [
        ("88.1", Accepted, Some(InProgress)),
        ("88.10", Rejected, None),
        ("88.11", Rejected, None),
        ("88.12", PartiallyAccepted, None),
        ("88.2", Accepted, Some(NotStarted)),
        ("88.3", PartiallyAccepted, Some(InProgress)),
        ("88.4", Accepted, Some(Completed)),
    ]
    .into_iter()
    .map(|(r, p, s)| (r.to_string(), Some(p), s))
    .collect();
    // The document's own paragraph numbers ("1.", "2.", "3.") are not recommendations.
    assert_eq!(got, want, "{:#?}", d.items);
    assert!(d.items.iter().all(|i| i.text.is_empty()));
}

#[test]
fn a_web_tracker_with_each_number_and_status_on_lines_of_their_own() {
    let d = fixture("tracker-bare-numbers.txt");
    assert_eq!(refs(&d), ["1", "2", "3", "4"], "{:#?}", d.items);
    assert!(
        d.items[1]
            .text
            .starts_with("The inspectorate recommends that the service should make")
    );
    let st: Vec<_> = d.items.iter().map(|i| i.status).collect();
    assert_eq!(
        st,
        [
            Some(Status::Completed),
            Some(Status::InProgress),
            Some(Status::Completed),
            Some(Status::NotStarted)
        ]
    );
    assert!(
        d.items.iter().all(|i| i.responses.is_empty()),
        "{:#?}",
        d.items
    );
}

#[test]
fn a_list_of_recommendations_with_paragraph_numbers_and_parts_under_a_colon() {
    let d = fixture("committee-list-paragraph-numbers.txt");
    assert_eq!(refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("The Committee recommends that the Department")
    );
    assert!(
        d.items[1]
            .text
            .starts_with("The Committee recommends: That the Department")
    );
    assert!(d.items[1].text.ends_with("end of the financial year."));
    assert!(
        d.items[2]
            .text
            .ends_with("publish a summary of each report.")
    );
    assert!(
        d.items.iter().all(|i| i.responses.is_empty()),
        "{:#?}",
        d.items
    );
}

#[test]
fn a_database_listing_that_starts_past_recommendation_one() {
    let d = fixture("recommendations-database-listing.txt");
    assert_eq!(refs(&d), ["3"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .contains("The Secretary of Agriculture should ensure")
    );
}

#[test]
fn numbers_closed_by_a_colon_with_bulleted_parts() {
    let d = fixture("inquiry-colon-numbers.txt");
    assert_eq!(refs(&d), ["41", "42"], "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("That the government set up"));
    assert!(
        d.items[0]
            .text
            .ends_with("the kinds of building the inspector may approve")
    );
}

#[test]
fn a_trackers_records_with_position_and_status_before_the_words() {
    let d = fixture("tracker-records-rec-n.txt");
    assert_eq!(refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    assert!(d.items.iter().all(|i| i.kind == ItemKind::Recommendation));
    assert!(
        d.items[0]
            .text
            .starts_with("We recommend that the Department publish")
    );
    let got: Vec<_> = d.items.iter().map(|i| (i.position, i.status)).collect();
    assert_eq!(got[0], (Some(Position::Accepted), Some(Status::InProgress)));
    assert_eq!(got[1], (Some(Position::Accepted), Some(Status::Completed)));
    assert_eq!(got[2].0, Some(Position::Rejected));
}

#[test]
fn a_statement_appealing_in_its_own_voice() {
    let d = fixture("ngo-statement-appeals.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts.len(), 4, "{texts:#?}");
    assert!(texts[0].contains("we call for a fresh effort"));
    assert!(texts[1].starts_with("We therefore call upon States to report"));
    assert!(texts[2].starts_with("States should publish"));
    assert!(texts[3].contains("we encourage the Council to keep"));
}

#[test]
fn unnumbered_recommendations_each_under_its_label() {
    let d = fixture("open-recommendations-labelled.txt");
    assert_eq!(d.items.len(), 2, "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("The Inspector General should assess")
    );
    assert!(
        d.items[1]
            .text
            .starts_with("The Inspector General should publish")
    );
    assert!(d.items.iter().all(|i| i.r#ref.is_none()));
}

#[test]
fn quoted_bullets_under_a_sentence_naming_recommendations() {
    let d = fixture("quoted-recommendations-made-by.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Report every two years on the implementation of the recommendations received",
            "Consult civil society when preparing the mid-term report"
        ]
    );
}

#[test]
fn imperative_lines_of_a_web_page_where_nothing_else_was_found() {
    let d = fixture("open-recs-marked-and-imperative.txt");
    assert_eq!(d.items.len(), 3, "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("Direct the grantee to show"));
    assert!(d.items[2].text.starts_with("Resolve the $9,410"));
}

#[test]
fn a_classification_marking_before_the_label() {
    let d = fixture("classification-marked-recs.txt");
    assert_eq!(refs(&d), ["1", "2"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("The OIG recommended that the Director")
    );
}

#[test]
fn a_legend_and_a_count_between_a_title_and_its_recommendations() {
    let d = fixture("inspection-recs-with-legend.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts.len(), 4, "{texts:#?}");
    // "All requested searches": an adjective, not someone else's request.
    assert!(texts[1].starts_with("All requested searches"));
    assert!(texts[3].starts_with("The use of force"));
}

#[test]
fn pipe_rows_without_their_opening_pipe_and_a_last_cell_on_its_own_line() {
    let d = fixture("pipe-rows-without-opening-pipe.txt");
    assert_eq!(refs(&d), ["1", "4"], "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("The Department should publish"));
    assert_eq!(d.items[0].status, Some(Status::Completed));
    assert_eq!(d.items[1].status, Some(Status::InProgress));
}

#[test]
fn resolutions_that_name_recommendations_by_number_are_not_a_response_document() {
    let d = fixture("minutes-resolutions-naming-recommendations.txt");
    assert_eq!(refs(&d), ["3", "4"], "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("That a timetable be prepared"));
    assert!(d.items.iter().all(|i| i.position.is_none()));
}

/// A number alone on its line, the words on the next (text taken from a PDF whose numbers
/// stood in a column of their own), and the position a sentence after the lists gives all
/// of them: after a blank line as the next paragraph, or straight after the last entry.
#[test]
fn lone_numbers_and_a_position_stated_after_the_list() {
    let d = fixture("review-lone-numbers-trailer.txt");
    assert_eq!(refs(&d), ["1", "2", "3", "1", "2"], "{:#?}", d.items);
    assert_eq!(
        d.items[1].text,
        "To set up a standing forum with the pilots' association"
    );
    assert_eq!(
        d.items[4].text,
        "To report each quarter on the condition of the north quay"
    );
    let pos: Vec<_> = d.items.iter().map(|i| i.position).collect();
    assert_eq!(
        pos,
        [
            Some(Position::Accepted),
            Some(Position::Accepted),
            Some(Position::Accepted),
            Some(Position::Noted),
            Some(Position::Noted)
        ]
    );
}

/// A web page that lost its list's numbers: each line under "Recommendations" names a body
/// and then asks it to act, in the bare form of the verb ("The Regional Water Board
/// develop ..."), perhaps with an adverb ("formally designate").
#[test]
fn unmarked_requests_under_a_recommendations_heading() {
    let d = fixture("web-recommendations-no-markers.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{:#?}", d.items);
    assert!(texts[1].starts_with("The Regional Water Board formally designate"));
    assert_eq!(
        d.items[0].addressee.as_deref(),
        Some("The Regional Water Board")
    );
    assert_eq!(d.items[2].addressee.as_deref(), Some("District managers"));
}

/// A section whose heading names recommendations but which tells of the work in prose:
/// one "Agencies should" among five paragraphs is criteria quoted, not a request.
#[test]
fn prose_under_a_recommendations_heading_is_not_a_list() {
    let d = fixture("prose-under-recommendations-heading.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// Sub-headings printed on the line straight above a request ("Treaties and standards" /
/// "Ratify the ..."), no blank line between: the heading is not the request's first words.
#[test]
fn a_short_title_over_an_imperative_is_a_heading_of_its_own() {
    let d = fixture("suggested-recommendations-subheadings.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts.len(), 4, "{:#?}", d.items);
    assert!(
        texts[0].starts_with("Ratify the Optional Protocol"),
        "{texts:?}"
    );
    assert!(texts[2].starts_with("Ensure that everyone"), "{texts:?}");
}

/// A recommendation database's export: each record a row of short fields opening with its
/// number, then a row whose one filled cell holds its words, under a header naming
/// recommendations whose other columns (costs, flags) Heed does not read.
#[test]
fn records_of_two_rows_under_a_header_naming_recommendations() {
    let d = fixture("record-rows-spanning-text.txt");
    assert_eq!(refs(&d), ["004", "007", "009"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("We recommend the Director of Facilities: Draw up")
    );
    assert!(d.items[2].text.ends_with("in 2021."), "{}", d.items[2].text);
}

/// A status table run together into one paragraph (a web page's copy of a PDF): entries
/// "88.1. Ratify ... (Ruritania); Fully implemented § 12" one after another, each a unit
/// of its own, the status after its attribution read as its status.
#[test]
fn sub_numbered_entries_run_together_with_their_statuses() {
    let d = fixture("status-table-run-together.txt");
    assert_eq!(refs(&d), ["88.1", "88.2", "88.4", "88.7"], "{:#?}", d.items);
    assert_eq!(
        d.items[1].text,
        "Adopt a national plan against trafficking in persons"
    );
    let st: Vec<_> = d.items.iter().map(|i| i.status).collect();
    assert_eq!(
        st,
        [
            Some(Status::Completed),
            Some(Status::InProgress),
            Some(Status::NotStarted),
            Some(Status::Completed)
        ]
    );
}

/// Requests lettered "a." to "c." after a letter's lead-in: each keeps its letter.
#[test]
fn lettered_requests_keep_their_letters() {
    let d = fixture("letter-lettered-requests.txt");
    assert_eq!(refs(&d), ["a", "b", "c"], "{:#?}", d.items);
    assert!(d.items[2].text.starts_with("Publish the register"));
}

/// A UN review's list copied without its line breaks: "42.1 Ratify ... (Eastland); 42.2
/// Adopt ..." on one line, each entry its own item; a number cited inside an entry
/// ("Convention No. 29 Protocol") is not one.
#[test]
fn list_entries_run_together_on_one_line() {
    let d = fixture("review-list-run-together.txt");
    assert_eq!(refs(&d), ["42.1", "42.2", "42.3", "42.4"], "{:#?}", d.items);
    assert_eq!(
        d.items[1].text,
        "Adopt a plan against trafficking in persons, in line with Convention No. 29 Protocol"
    );
    assert!(
        d.items
            .iter()
            .all(|i| i.position == Some(Position::Accepted))
    );
}

/// Answers labelled "Rec. 3", "Recs. 8, 11" run together in one paragraph (a copy that lost
/// its line breaks): each label starts the answer to the recommendations it names.
#[test]
fn labelled_answers_run_together_in_one_paragraph() {
    let d = fixture("answers-labelled-run-together.txt");
    let answer = |r: &str| {
        d.items
            .iter()
            .find(|i| i.r#ref.as_deref() == Some(r))
            .and_then(|i| i.responses.first())
            .map(|x| x.text.clone())
            .unwrap_or_default()
    };
    assert!(
        answer("3").ends_with("ratified the convention in May."),
        "{:#?}",
        d.items
    );
    assert!(
        answer("5").starts_with("We consider that the work"),
        "{}",
        answer("5")
    );
    assert!(answer("5").ends_with("adopted in June."), "{}", answer("5"));
    assert!(
        answer("11").contains("new law on equal treatment"),
        "{}",
        answer("11")
    );
}

/// An inspection report as text without Markdown (a PDF's text): area headings, domain
/// headings and sub-headings are short lines of their own. The areas are judged, each
/// section's items read, and a title inside a section is its items' theme, not an item.
#[test]
fn inspection_report_with_plain_line_headings() {
    let d = fixture("inspection-plain-text-headings.txt");
    let areas: Vec<(&str, Option<heed_core::Grade>)> = d
        .judgements
        .iter()
        .map(|j| (j.area.as_str(), j.grade))
        .collect();
    assert_eq!(
        areas,
        [
            ("1A", Some(heed_core::Grade::Good)),
            ("2A", Some(heed_core::Grade::Fair))
        ]
    );
    let kinds: Vec<(ItemKind, Option<&str>)> = d
        .items
        .iter()
        .map(|i| (i.kind, i.theme.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (ItemKind::Strength, None),
            (ItemKind::Strength, Some("Schools")),
            (ItemKind::AreaForImprovement, None),
            (ItemKind::AreaForImprovement, Some("High-Rise Buildings")),
            (ItemKind::AreaForImprovement, None),
        ],
        "{:#?}",
        d.items
    );
    assert_eq!(d.items[4].section.as_deref(), Some("2A"));
}
