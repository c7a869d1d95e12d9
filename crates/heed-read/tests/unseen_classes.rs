//! Classes of real document that still read as nothing, or as too little, after the
//! general reader: a recommendation printed as a page of its own (a lead-in with its
//! bullets, then a dated log of statuses and comments), a table whose one known column
//! names recommendations, a "we recommend that" sentence of several actions opened by a
//! sentence adverb, a government response that titles each recommendation and prints its
//! words under the title, and the diagnostic that says why nothing was taken. Every
//! fixture was written for Heed; each class has a negative case beside it.

use heed_core::{Position, Status};

mod common;
use common::fixture;

/// A page holding one unnumbered recommendation: an opening time without a comma, a
/// lead-in whose bullets are its parts, and a log in which dated records set the status
/// (the last stands) and the comments between them are its responses, one each.
#[test]
fn a_recommendation_page_with_bulleted_parts_and_a_dated_log() {
    let d = fixture("recommendation-page-bulleted-log.txt");
    assert_eq!(d.items.len(), 1, "{:#?}", d.items);
    let it = &d.items[0];
    assert!(
        it.text
            .starts_with("Within nine months the constabulary should")
    );
    assert!(
        it.text
            .ends_with("recorded on the case file in plain terms.")
    );
    assert_eq!(it.addressee.as_deref(), Some("the constabulary"));
    assert_eq!(it.status, Some(Status::Completed));
    let responses: Vec<&str> = it.responses.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        responses,
        [
            "Recommendation raised",
            "A revisit took place in the autumn; the team will report back after it.",
            "Note from the revisit team: \"Supervisors now sign off each assessment and the file template has been changed.\"",
            "Closed on the evidence gathered during the revisit.",
        ]
    );
}

/// Where numbered recommendations were read, a narrative "should" over bullets and a dated
/// line is no recommendation.
#[test]
fn a_narrative_should_beside_numbered_recommendations_is_not_an_item() {
    let d = fixture("numbered-with-narrative-should.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(d.items.len(), 2, "{texts:#?}");
    assert!(texts.iter().all(|t| !t.contains("proud")));
}

/// A table whose header names only its recommendation column ("Open Recommendation",
/// "Source Report", "Topic"): its rows are the items when that column's cells ask a named
/// body to act.
#[test]
fn a_table_with_one_known_column_of_requests() {
    let d = fixture("table-one-known-column.html");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The Procurement Office should publish the criteria it uses to approve sole-source purchases.",
            "The Facilities Service should keep a single inventory of vehicles owned by every regional office.",
            "The Procurement Office should require two quotes for every purchase above the threshold.",
        ]
    );
}

/// The same header over report titles asks nothing: no items.
#[test]
fn a_table_with_one_known_column_of_titles_is_no_list() {
    let d = fixture("table-one-known-column-titles.html");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// "Therefore, we recommend that the Agency reprice ...; distinguish ...; and consider
/// ...": a sentence adverb before the recommending words, a name and its bare verb (one
/// Heed does not know), and semicolon parts that are actions each. "did not state whether
/// it concurred" states no position.
#[test]
fn a_recommending_sentence_of_several_actions_after_a_sentence_adverb() {
    let d = fixture("oig-summary-therefore-semicolon-actions.html");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "reprice the vaccine payment schedule to reflect what clinics now pay",
            "distinguish payments to rural clinics from payments to urban clinics",
            "consider a yearly review of the schedule against market prices",
        ]
    );
    let positions: Vec<_> = d.items.iter().map(|i| i.position).collect();
    assert_eq!(
        positions,
        [None, Some(Position::Rejected), Some(Position::Accepted)]
    );
}

/// Semicolons between the things a request names are no actions: one item.
#[test]
fn semicolons_between_things_make_one_request() {
    let d = fixture("oig-summary-semicolon-things.html");
    assert_eq!(d.items.len(), 1, "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("review the records kept"));
    assert!(d.items[0].text.ends_with("field stations abroad in Europe"));
}

/// A government response that titles each recommendation ("Recommendation 1: One body for
/// flood warnings") and prints its words under the title: the words are the paragraphs
/// that ask, with their lettered parts, up to the government's answer, which is the
/// response. The contents page's entries are no recommendations; a title with no asking
/// words under it keeps the title as its text.
#[test]
fn titled_recommendations_take_the_asking_paragraphs_under_the_title() {
    let d = fixture("government-response-titled-recommendations.txt");
    let refs: Vec<&str> = d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(refs, ["1", "2", "3"], "{:#?}", d.items);
    let first = &d.items[0];
    assert!(
        first
            .text
            .starts_with("The government should give a single body")
    );
    assert!(first.text.contains("B. test its warning system"));
    assert!(
        first
            .text
            .ends_with("within 18 months of the publication of the review.")
    );
    assert!(
        first.responses[0]
            .text
            .starts_with("The government agrees that warnings")
    );
    assert_eq!(first.position, Some(Position::Accepted));
    assert!(
        d.items[1]
            .text
            .starts_with("The Environment Agency must update")
    );
    assert!(
        d.items[1].responses[0]
            .text
            .starts_with("The government accepts")
    );
    assert_eq!(d.items[2].text, "Funding for local schemes");
    assert!(d.items.iter().all(|i| !i.text.contains("....")));
}

/// Nothing found, but a paragraph asked a named body to act: the diagnostic names its line
/// and why it was not taken.
#[test]
fn nothing_found_names_the_unnumbered_paragraph_that_asked() {
    let d = fixture("nothing-found-unnumbered-asks.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
    assert_eq!(d.diagnostics.len(), 1, "{:#?}", d.diagnostics);
    assert_eq!(d.diagnostics[0].line, 5);
    assert!(
        d.diagnostics[0]
            .message
            .contains("addressed to \"The parks service\""),
        "{}",
        d.diagnostics[0].message
    );
}

/// A text in which nothing asks has nothing to name: "it should be said" is no request.
#[test]
fn nothing_found_in_narrative_says_nothing_more() {
    let d = fixture("nothing-found-narrative-only.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
    assert!(d.diagnostics.is_empty(), "{:#?}", d.diagnostics);
}

/// Paragraph numbers printed with spaces for their tab ("1  Since the unit ..."), under
/// "Conclusions and recommendations": each numbered paragraph that asks is an item, its
/// text the whole paragraph, its number the reference.
#[test]
fn paragraph_numbers_spaced_from_their_text_are_units() {
    let d = fixture("conclusions-spaced-numbers.txt");
    let refs: Vec<&str> = d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(refs, ["1", "2", "3"], "{:#?}", d.items);
    assert!(d.items[0].text.starts_with("Since the licensing unit"));
    assert!(d.items[1].text.ends_with("to reduce costs"));
    assert!(d.items[2].text.contains("should be restored"));
}

/// The same numbering over paragraphs that only tell what happened: no items.
#[test]
fn spaced_paragraph_numbers_over_narrative_are_no_items() {
    let d = fixture("background-spaced-numbers.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// A status table whose columns lost their tabs: a header of column names on one line
/// ("Recommendations Lead Status"), rows that open with a reference and close with a
/// status (a date or a mark after it), theme sub-headings between. The lead that other
/// rows close with too is the owner, not the text; a joint lead goes with it.
#[test]
fn a_status_table_with_single_spaces_between_columns() {
    let d = fixture("status-table-spaced-columns.txt");
    let refs: Vec<&str> = d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(
        refs,
        ["12", "40", "7", "HR2", "18", "25", "9"],
        "{:#?}",
        d.items
    );
    let statuses: Vec<Option<Status>> = d.items.iter().map(|i| i.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::InProgress),
            Some(Status::Completed),
            Some(Status::Completed),
            Some(Status::Completed),
            Some(Status::InProgress),
            Some(Status::InProgress),
            Some(Status::NotStarted),
        ]
    );
    assert_eq!(
        d.items[0].text,
        "Publish the register of interests of board members"
    );
    assert_eq!(
        d.items[3].text,
        "Refer every allegation of misuse of force to the prosecutor"
    );
    assert_eq!(d.items[3].owner.as_deref(), Some("Prosecutor & Service"));
    assert_eq!(
        d.items[4].text,
        "Hold the powers of the commissioner in mind"
    );
}

/// The same header over lines that open with a number and tell what happened: no table,
/// no items.
#[test]
fn a_status_header_over_narrative_lines_is_no_table() {
    let d = fixture("status-table-spaced-narrative.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// A government response that numbers every paragraph: "3. Recommendation 1: \"...\"
/// (Paragraphs 12 and 14 of the report)." then "4. Government response: ...". The
/// paragraph number only counts paragraphs; the recommendation is the quoted words, and
/// the next paragraph's response is its response.
#[test]
fn a_response_numbering_its_paragraphs_answers_the_recommendation_before() {
    let d = fixture("response-numbered-paragraphs.txt");
    let refs: Vec<&str> = d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(refs, ["1", "2"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("The Environment Agency should send every warning")
    );
    assert!(d.items[0].text.ends_with("reached in time."));
    assert!(
        d.items[0].responses[0]
            .text
            .starts_with("The government agrees.")
    );
    assert_eq!(d.items[0].position, Some(Position::Accepted));
    assert_eq!(
        d.items[1].text,
        "Local councils must publish their flood plans in plain English."
    );
    assert_eq!(d.items[1].position, Some(Position::Rejected));
}

/// Numbered paragraphs with answers' labels but no recommendation's: the numbers stay, and
/// nothing is an item.
#[test]
fn numbered_answers_without_recommendations_are_no_items() {
    let d = fixture("response-numbered-paragraphs-narrative.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// A progress report that names recommendations by number only, a paragraph each, and
/// ends each paragraph with its verdict ("This recommendation has, therefore, been fully
/// implemented."): an item per number, its text "", the paragraph its response, the
/// verdict its status.
#[test]
fn progress_paragraphs_on_recommendations_named_by_number() {
    let d = fixture("progress-by-number-narrative.txt");
    let refs: Vec<&str> = d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(refs, ["14", "22"], "{:#?}", d.items);
    assert!(d.items.iter().all(|i| i.text.is_empty()));
    assert_eq!(d.items[0].status, Some(Status::Completed));
    assert_eq!(d.items[1].status, Some(Status::InProgress));
    assert!(
        d.items[0].responses[0]
            .text
            .starts_with("As reported in the autumn for Recommendation 14")
    );
    assert!(
        d.items[1].responses[0]
            .text
            .ends_with("Recommendation 22 is, therefore, still in progress.")
    );
}

/// Recommendations named by number in passing, with no verdict on them: no items.
#[test]
fn recommendations_named_in_passing_are_no_items() {
    let d = fixture("progress-by-number-in-passing.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// Under a "Recommendations" heading, a sentence saying what the thing asked for should
/// hold ("the written procedures ... should cover:") leads bullets that are the parts
/// asked for, each an item beside the request before it: a page footer printed as "12 | P a g e" between them is
/// furniture, the paragraph after the list at the bullets' own indent is not the last
/// bullet's tail, and the bullets under a later narrative lead-in are not read. The
/// response after the list gives each its position.
#[test]
fn a_should_cover_lead_in_under_recommendations_leads_its_parts() {
    let d = fixture("oig-should-cover-bullets.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The department should ensure that its regional offices write and follow procedures that give reasonable assurance that fuel cards are used only for official travel.",
            "who may hold a card and how each card is signed out and returned",
            "a monthly comparison of fuel purchased with the mileage each vehicle logged",
            "the steps a supervisor takes when a purchase cannot be explained",
            "keeping the signed card records for at least three years after a card is cancelled",
        ],
        "{:#?}",
        d.items
    );
    assert!(
        d.items[1..]
            .iter()
            .all(|i| i.position == Some(Position::Accepted))
    );
}

/// The same wording in narrative, under no recommendations heading, leads no items.
#[test]
fn a_should_cover_lead_in_in_narrative_leads_nothing() {
    let d = fixture("oig-should-cover-narrative.txt");
    assert!(
        d.items.iter().all(|i| !i.text.contains("who may hold")),
        "{:#?}",
        d.items
    );
}

/// A list of recommendations printed in the summary and again in the body is read once
/// (the summary's words); an entry that leads lettered parts after a colon has each part
/// as an item ("1.a"); the lead-in sentence over the list is no item; an appendix list's
/// closing notes (the source report and its code, the body's position) are not its
/// words, and the position is read; a title between two lists of the appendix and a
/// note after the last entry are no entry's words.
#[test]
fn a_repeated_list_with_lettered_parts_and_closing_notes() {
    let d = fixture("oig-summary-list-repeated-with-parts.txt");
    let got: Vec<(&str, &str)> = d
        .items
        .iter()
        .map(|i| (i.r#ref.as_deref().unwrap_or(""), i.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "1",
                "Make fuller use of the powers the fleet regulations give it to oversee regional fuel programs. To that end, the Service should issue rules to:"
            ),
            (
                "1.a",
                "Set one national standard for who may hold a fuel card."
            ),
            (
                "1.b",
                "Require every fuel purchase record to name the vehicle and the driver."
            ),
            (
                "1.c",
                "Reduce the differences between regional procedures by issuing guidance on reconciling purchases with mileage"
            ),
            (
                "2",
                "Issue guidance to regions on checks to run before a purchase is paid"
            ),
            (
                "3",
                "Address the recommendations of earlier reviews that remain open."
            ),
            ("1", "Reconcile fuel purchases with mileage every month"),
            (
                "2",
                "Recover payments for fuel bought after a vehicle was sold"
            ),
            ("3", "Keep signed records of every fuel card issued"),
        ],
        "{:#?}",
        d.items
    );
    let positions: Vec<Option<Position>> = d.items[6..].iter().map(|i| i.position).collect();
    assert_eq!(
        positions,
        [
            Some(Position::Accepted),
            Some(Position::Rejected),
            Some(Position::Accepted)
        ]
    );
    assert_eq!(d.items[7].responses[0].text, "The Service did not concur.");
}

/// Lettered sentences and parentheses in an ordinary numbered list stay its words.
#[test]
fn letters_and_parentheses_in_an_ordinary_list_stay_its_words() {
    let d = fixture("oig-list-letters-in-prose.txt");
    let got: Vec<(&str, &str)> = d
        .items
        .iter()
        .map(|i| (i.r#ref.as_deref().unwrap_or(""), i.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "1",
                "Publish the fuel standard for all regions (including the island offices)"
            ),
            (
                "2",
                "Train staff in the standard: each region should use plan a. The plan B. Smith wrote is not to be used"
            ),
        ],
        "{:#?}",
        d.items
    );
}

/// Minutes that head their report on each tracked code with the code and its title
/// ("9/2021/B – Recruitment of Special Constables"): the bullets under the title are the
/// code's updates, and codes listed as bullets under a sentence on the references
/// together ("Members noted that the remaining actions were complete ...") take that
/// sentence.
#[test]
fn minutes_code_titles_take_the_updates_under_them() {
    let d = fixture("minutes-code-titles-with-updates.txt");
    let refs: Vec<&str> = d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(
        refs,
        [
            "7/2021/B",
            "9/2021/B",
            "11/2021/B",
            "12/2021/B",
            "13/2021/B"
        ],
        "{:#?}",
        d.items
    );
    let responses: Vec<Vec<&str>> = d
        .items
        .iter()
        .map(|i| i.responses.iter().map(|r| r.text.as_str()).collect())
        .collect();
    assert_eq!(
        responses,
        [
            vec!["Members noted that this action had been completed and could be closed."],
            vec![
                "The Deputy Chief Constable said that 12 recruits were still in training and would finish by June 2022.",
                "Members asked for the figures by district."
            ],
            vec![
                "The Deputy Chief Constable noted that, contrary to the written update, this action remained open."
            ],
            vec!["Members noted that the remaining actions were complete and could be closed."],
            vec!["Members noted that the remaining actions were complete and could be closed."],
        ]
    );
    // The updates give the status ("had been completed", "remained open"); "noted that"
    // reports what was said, no position.
    let statuses: Vec<Option<Status>> = d.items.iter().map(|i| i.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::Completed),
            Some(Status::InProgress),
            Some(Status::InProgress),
            Some(Status::Completed),
            Some(Status::Completed)
        ]
    );
    assert!(
        d.items.iter().all(|i| i.position.is_none()),
        "{:#?}",
        d.items
    );
}

/// A code inside a sentence of report is no title: the sentence stays its update, and a
/// bullet after it is not taken as another.
#[test]
fn minutes_code_sentences_keep_their_own_update() {
    let d = fixture("minutes-code-sentences.txt");
    let first = d
        .items
        .iter()
        .find(|i| i.r#ref.as_deref() == Some("7/2021/B"))
        .expect("7/2021/B");
    assert_eq!(first.responses.len(), 1, "{:#?}", d.items);
    assert!(first.responses[0].text.contains("repairs were finished"));
    // A code bullet whose words are its report in lower case is no title: the next code's
    // bullet is not its update.
    let third = d
        .items
        .iter()
        .find(|i| i.r#ref.as_deref() == Some("3/2021/B"))
        .expect("3/2021/B");
    assert_eq!(third.responses.len(), 1, "{:#?}", third.responses);
    assert!(third.responses[0].text.contains("job descriptions"));
}

/// Cards under a title naming recommendations: a short title over each request, one line
/// each. The requests are the items, the titles are not, whatever voice each request is in.
#[test]
fn cards_of_titles_over_requests() {
    let d = fixture("cards-titles-over-requests.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts.len(), 4, "{texts:#?}");
    assert!(texts[0].starts_with("The Department for Transport should publish"));
    assert!(texts[1].starts_with("Combined authorities must review"));
    assert!(texts[2].starts_with("The Chair recommends that the rail regulator"));
    assert!(texts[3].starts_with("Operators should train"));
}

/// Titles over narrative paragraphs in the same layout: no items.
#[test]
fn cards_of_titles_over_narrative_are_no_items() {
    let d = fixture("cards-titles-over-narrative.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// A numbered entry that ends in a colon and leads a list nested under it ("so that
/// there is:" / "• a clear picture ...; and" / "• public accountability ..."): the nested
/// list is the entry's words.
#[test]
fn a_list_nested_under_an_entrys_colon_is_its_words() {
    let d = fixture("oag-entry-with-nested-bullets.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:#?}");
    assert_eq!(
        texts[2],
        "report each year on the state of the catchments so that there is: a clear picture of the trends in water quality and the actions taken; and public accountability for the money spent on restoring the catchments"
    );
}

/// Bullets under an entry that ended its sentence are not its words.
#[test]
fn bullets_after_a_finished_entry_are_not_its_words() {
    let d = fixture("oag-entry-then-bullets.txt");
    let last = d
        .items
        .iter()
        .find(|i| i.r#ref.as_deref() == Some("3"))
        .expect("entry 3");
    assert_eq!(last.text, "report each year on the state of the catchments");
}

/// A comments section after the listed recommendations that answers them one by one, by
/// number ("recommendation 1.a.") or ordinal ("our second recommendation"): each such
/// paragraph is that item's response, the auditor's reply after it too; a paragraph on
/// all of them answers none alone.
#[test]
fn comments_answer_listed_recommendations_by_number() {
    let d = fixture("oig-comments-by-number.txt");
    let by_ref = |r: &str| {
        d.items
            .iter()
            .find(|i| i.r#ref.as_deref() == Some(r))
            .unwrap_or_else(|| panic!("{r}: {:#?}", d.items))
    };
    let texts =
        |r: &str| -> Vec<String> { by_ref(r).responses.iter().map(|x| x.text.clone()).collect() };
    assert_eq!(
        texts("1.a"),
        [
            "With regard to recommendation 1.a., the Service said that it had begun drafting a national standard with the regions.",
            "We welcome the draft standard, but we continue to recommend that the Service publish it as a rule."
        ]
    );
    assert!(texts("1.b").is_empty());
    assert!(texts("2")[0].starts_with("In relation to our second recommendation"));
    assert!(texts("3")[0].starts_with("The Service concurred with our third"));
    assert_eq!(by_ref("3").position, Some(Position::Accepted));
    // Made in this report and only answered: not started.
    assert_eq!(by_ref("2").status, Some(Status::NotStarted));
}

/// Paragraphs that name recommendations in passing, outside a comments section, answer
/// nothing.
#[test]
fn recommendations_named_outside_comments_answer_nothing() {
    let d = fixture("oig-list-letters-in-prose.txt");
    assert!(
        d.items.iter().all(|i| i.responses.is_empty()),
        "{:#?}",
        d.items
    );
}

/// A review's record of a dialogue whose conclusions name some recommendations by the
/// paragraphs that made them ("in paragraphs 10 (b); 11; 12 (b) (i) and (c) above did not
/// enjoy the support"): each becomes an item with the stance and the words of its part,
/// and the answers that name them by paragraph are their responses. Recommendations that
/// "will be examined" have no stance yet and are not read from that sentence.
#[test]
fn recommendations_named_by_the_paragraphs_that_made_them() {
    let d = fixture("review-dialogue-cited-by-paragraph.txt");
    let cited: Vec<&heed_core::Item> = d
        .items
        .iter()
        .filter(|i| i.position == Some(Position::Rejected))
        .collect();
    let refs: Vec<&str> = cited.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(
        refs,
        ["10 (b)", "11", "12 (b) (i)", "12 (c)"],
        "{:#?}",
        d.items
    );
    assert_eq!(
        cited[0].text,
        "It recommended that Freedonia repeal the offence of insulting a public official."
    );
    assert_eq!(
        cited[1].text,
        "It recommended that Freedonia end the detention of children with their parents for immigration purposes."
    );
    assert_eq!(
        cited[2].text,
        "Latveria recommended that Freedonia ratify the Optional Protocol on individual complaints"
    );
    assert_eq!(
        cited[3].text,
        "Latveria recommended that Freedonia keep its moratorium on evictions in winter."
    );
    let answer = "the offence protects officials from threats, and the moratorium is decided each year by the regions.";
    assert_eq!(cited[0].responses.len(), 1);
    assert_eq!(cited[0].responses[0].text, answer);
    assert_eq!(cited[3].responses[0].text, answer);
    assert!(cited[2].responses.is_empty());
    assert!(cited[1].responses[0].text.starts_with(
        "With regard to the recommendation in paragraph 11 above, Freedonia indicated"
    ));
    // Paragraph 13's recommendation will be examined: no item from it.
    assert!(
        d.items
            .iter()
            .all(|i| !i.text.contains("standing invitation"))
    );
    // The supported list is read as before, and no gap is reported in its numbers.
    assert!(
        d.items
            .iter()
            .any(|i| i.text.starts_with("To adopt a national plan on housing"))
    );
    assert!(
        d.diagnostics.iter().all(|x| !x.message.contains("gap")),
        "{:#?}",
        d.diagnostics
    );
}

/// A treaty body's numbered paragraph that asks with a colon over lettered parts that
/// each ask: one item per part, ref "15 (a)", text the part's own words, whether the parts
/// stand on lines of their own or run on after the colon. Parts that name only what to
/// report stay in their ask.
#[test]
fn lettered_parts_of_a_numbered_ask_are_items_of_their_own() {
    let d = fixture("treaty-body-lettered-parts.txt");
    assert_eq!(
        common::refs(&d),
        ["15 (a)", "15 (b)", "16 (a)", "16 (b)", "16 (c)", "17"],
        "{:#?}",
        d.items
    );
    assert_eq!(
        d.items[0].text,
        "Give the children's commissioner the power to receive and investigate complaints from children"
    );
    assert_eq!(d.items[3].text, "Publish the data each year");
    assert!(
        d.items[5]
            .text
            .contains("(a) the number of children in detention")
    );
    assert!(d.items.iter().all(|i| i.status.is_none()), "{:#?}", d.items);
}

/// A review's lists under lead-ins that state the State's stance in their own words
/// ("have been examined by X and enjoy its support") and how far it considers them done
/// ("already implemented or in the process of implementation"): each entry's position
/// and status. A list to be examined later has neither.
#[test]
fn a_review_lists_stance_and_progress_in_its_lead_ins() {
    let d = fixture("review-lists-its-support.txt");
    assert_eq!(
        common::refs(&d),
        ["90.1", "90.2", "91.1", "91.2", "92.1", "92.2"],
        "{:#?}",
        d.items
    );
    let pos: Vec<Option<Position>> = d.items.iter().map(|i| i.position).collect();
    let accepted = Some(Position::Accepted);
    assert_eq!(pos, [accepted, accepted, accepted, accepted, None, None]);
    let st: Vec<Option<Status>> = d.items.iter().map(|i| i.status).collect();
    let going = Some(Status::InProgress);
    assert_eq!(st, [None, None, going, going, None, None]);
}

/// A response table flattened into lines: each row's recommendation closes on the report
/// paragraph it cites, and the answer follows on the same line. The answer is the
/// response and gives the position when it opens with one; words after a citation that
/// open no position stay in the item.
#[test]
fn a_flattened_row_answers_after_its_cited_paragraph() {
    let d = fixture("flattened-response-rows.txt");
    assert_eq!(common::refs(&d), ["1", "2", "3", "4"], "{:#?}", d.items);
    assert_eq!(
        d.items[0].text,
        "The Department must publish the harbour inspection results each year. (Para 14)"
    );
    assert_eq!(
        d.items[0].responses[0].text,
        "Accepted. The first results will appear in the spring."
    );
    let pos: Vec<Option<Position>> = d.items.iter().map(|i| i.position).collect();
    assert_eq!(
        pos[..3],
        [
            Some(Position::Accepted),
            Some(Position::Rejected),
            Some(Position::Accepted)
        ]
    );
    assert_eq!(d.items[2].responses[0].text, "Accepted");
    assert!(
        d.items[3]
            .text
            .ends_with("We note that the inspectorate has begun a new programme.")
    );
    assert!(d.items[3].responses.is_empty());
}

/// A written answer's table printed as running lines: a header of column names whose last
/// names the recommendations and says they were accepted, each row's label (a report and
/// its month) before its first recommendation, one "That ..." clause a line. Each line is
/// one accepted recommendation, without the label.
#[test]
fn a_flattened_column_of_accepted_recommendations() {
    let d = fixture("written-answer-accepted-column.txt");
    let texts: Vec<&str> = d.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "That the Department should publish each year the number of rural routes withdrawn.",
            "That county councils should be consulted before any tendered route is ended.",
            "That automatic half-barrier crossings on fast lines should be reviewed within two years.",
            "That the Railway Inspectorate be given more staff to carry out the review.",
            "That drivers found to have zigzagged round barriers should face higher penalties.",
        ]
    );
    assert!(
        d.items
            .iter()
            .all(|i| i.position == Some(Position::Accepted))
    );
}

/// The same layout whose column lists themes that ask nothing: no items.
#[test]
fn a_flattened_column_of_themes_is_no_list() {
    let d = fixture("written-answer-published-column.txt");
    assert!(d.items.is_empty(), "{:#?}", d.items);
}

/// A comments paragraph that counts the report's findings by ordinal ("agreed with our
/// third finding and all three of our recommendations ... disagreed with our first and
/// second findings"): the ordinals name findings, not recommendations, so every
/// recommendation is accepted and answered by the paragraph.
#[test]
fn ordinals_of_findings_are_not_recommendations() {
    let d = fixture("oig-ordinals-of-findings.txt");
    assert_eq!(d.items.len(), 3, "{:#?}", d.items);
    for it in &d.items {
        assert_eq!(it.position, Some(Position::Accepted), "{it:#?}");
        assert_eq!(it.responses.len(), 1, "{it:#?}");
    }
}

/// A review's list laid out from a PDF: each entry's number set off from its words by a
/// tab ("40.1<tab>Ratify ..."), and each page closed by a foot printed as two cells, the
/// job number and the page number ("GE.99-12345<tab>7", "8<tab>GE.99-12345"), then the
/// next page's running head. The labels make numbered lines, not rows; the feet are page
/// furniture, so an entry cut by a page break is read whole and the list goes on.
#[test]
fn tab_set_labels_and_two_cell_page_feet() {
    let d = fixture("review-list-tab-labels-page-feet.txt");
    assert_eq!(
        common::refs(&d),
        ["40.1", "40.2", "40.3", "40.4", "40.5", "40.6", "40.7"],
        "{:#?}",
        d.items
    );
    assert_eq!(
        d.items[2].text,
        "Establish an independent national human rights institution with the resources it needs to receive and investigate complaints"
    );
    assert!(
        d.items
            .iter()
            .all(|i| i.position == Some(Position::Accepted))
    );
    assert!(d.items.iter().all(|i| !i.text.contains("GE.99")));
}

/// A dashboard that labels each recommendation with its number and whom it is to ("No. 1
/// to Harbour Authority") on a line of its own, its words in the paragraph after: the
/// label gives the ref, the paragraph the text.
#[test]
fn numbers_addressed_on_lines_of_their_own() {
    let d = fixture("dashboard-numbered-to-addressee.txt");
    assert_eq!(common::refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    assert_eq!(
        d.items[1].text,
        "Require every pilot boat operator to report engine failures within 48 hours."
    );
}

/// A "Number / Recommendation" table flattened a cell a line: each number alone between
/// blank lines, its recommendation in the paragraph after. The numbers count up by one a
/// paragraph apart, so they are the list's, not page numbers.
#[test]
fn a_table_flattened_a_cell_a_line() {
    let d = fixture("table-cell-a-line.txt");
    assert_eq!(common::refs(&d), ["1", "2", "3"], "{:#?}", d.items);
    assert!(
        d.items[0]
            .text
            .starts_with("Follow-up visits are often late.")
    );
    assert_eq!(
        d.items[2].text,
        "The inspectorate should grade each harbour's progress on a four-point scale."
    );
}

/// A rapporteur's page: the document's symbol opens it, run into the section heading by
/// the converter ("A/HRC/99/12 IV. Recommendations"), and the recommending paragraph
/// calls upon the Government over parts worded "To review ...". The symbol is no coded
/// entry (it swallowed the paragraphs below it), and "To" + a verb asks.
#[test]
fn a_symbol_over_a_rapporteurs_parts_worded_to() {
    let d = fixture("rapporteur-symbol-and-to-parts.txt");
    assert_eq!(
        common::refs(&d),
        ["42 (a)", "42 (b)", "42 (c)"],
        "{:#?}",
        d.items
    );
    assert_eq!(
        d.items[1].text,
        "To guarantee that no one is detained for taking part in a peaceful assembly"
    );
}
