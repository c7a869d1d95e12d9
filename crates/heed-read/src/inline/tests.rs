//! Tests for `inline`.

use super::*;
use single::two_actions;

#[test]
fn a_statement_that_tells_of_recommendations_made_before() {
    assert!(tells_of_earlier_recommendations(
        "Across the reports summarized here, GAO has made numerous recommendations to OMB."
    ));
    assert!(tells_of_earlier_recommendations(
        "In total, we made 17 recommendations to OMB."
    ));
    assert!(!tells_of_earlier_recommendations(
        "We are making two recommendations to OMB."
    ));
    assert!(!tells_of_earlier_recommendations(
        "OMB has made progress on the recommendations."
    ));
}

#[test]
fn a_third_person_verb_after_the_name_is_the_request_verb() {
    // British English: "that the Government publishes ...", not "that the Government publish".
    let (c, who, _) = split_single(
        "We recommend that the Director publishes the plan by June. We recommend that the \
         Home Office ensures every force reviews its custody records.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        [
            "publishes the plan by June",
            "ensures every force reviews its custody records"
        ]
    );
    assert_eq!(who, "the Director");
    // A plural noun after a possessive is no verb: the known verb after it still is.
    let (c, _, _) = split_single(
        "We recommend that the Council's plans include targets.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(c, ["include targets"]);
}

#[test]
fn sentence_adverbs_before_a_recommendation_and_a_further_should() {
    let (c, _, _) = split_single(
        "We recommend that the Board publish its register. Finally, we recommend that \
         the Board train its staff. Also, prompt action should be taken to recover the \
         overpayments. The Board agreed.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        [
            "publish its register",
            "train its staff",
            "prompt action should be taken to recover the overpayments"
        ]
    );
    // A "should" after an adverb, with no recommendation before it, is not one.
    assert!(split_single("Also, the Board should have known of the gap.", false).is_none());
    // Lettered parts joined by "and" are one recommendation.
    assert!(
        two_actions(
            "take the following actions: (a) assess the files and (b) design and implement controls"
        )
        .is_none()
    );
}

#[test]
fn a_list_someone_else_recommended_is_reported_and_a_list_detailing_one_request_is_one() {
    // What another body recommended, listed, is not asked here.
    assert!(
        split_inline(
            "We asked whether clinics adopted three practices that the Board recommended: \
             (1) testing every adult; (2) dropping the consent form; and (3) testing again \
             each year."
        )
        .is_none()
    );
    // The request is whole before the colon; the numbered parts only detail it.
    let (c, who, _) = split_inline(
        "We recommend that the Agency require clinics to report two measures each year, \
         as follows: (1) clinics should report how many adults were tested, and (2) \
         clinics should report how many tests were positive.",
    )
    .unwrap_or_default();
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(
        c[0].starts_with("require clinics to report two measures"),
        "{c:?}"
    );
    assert_eq!(who, "the Agency");
    // A list that is the request itself stays a list.
    let (c, _, _) = split_inline(
        "We recommend that the Agency: (1) publish its targets; and (2) train its staff.",
    )
    .unwrap_or_default();
    assert_eq!(c, ["publish its targets", "train its staff"]);
}

#[test]
fn a_second_that_with_its_own_subject_is_a_second_request() {
    let (c, who, _) = split_single(
        "We are recommending that the Department implement changes to its claiming \
         procedures, and that the State refund $5.6 million to the Federal Government.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        [
            "implement changes to its claiming procedures",
            "refund $5.6 million to the Federal Government"
        ]
    );
    assert_eq!(who, "the Department");
    // "ensure that X is done, and that Y is kept" is one request about two things.
    let (c, _, _) = split_single(
        "We recommend that the agency ensure that claims are reviewed, and that records \
         of the reviews are kept.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(c.len(), 1, "{c:?}");
}

#[test]
fn we_recommended_without_that_needs_a_subject_and_its_verb() {
    let (c, who, _) = split_single(
        "The print shop did not monitor its receivables. We recommended the division \
         periodically review the aged receivables report. In addition, we recommended the \
         division restrict access to the billing system.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        [
            "periodically review the aged receivables report",
            "restrict access to the billing system"
        ]
    );
    assert_eq!(who, "the division");
    // A lead-in, or a sentence with no verb after a short subject, is not a request.
    assert!(split_single("We recommend the following changes to the plan.", false).is_none());
    assert!(
        split_single(
            "We recommended a number of improvements to the way the agency plans.",
            false
        )
        .is_none()
    );
}

#[test]
fn semicolons_and_commas() {
    let (c, who, _) = split_inline(
        "Findings. We recommended that CMS (1) adjust the claims; (2) consider reopening them, review them, and recover money; and (3) encourage reviews. CMS concurred.",
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        vec![
            "adjust the claims",
            "consider reopening them, review them, and recover money",
            "encourage reviews"
        ]
    );
    assert_eq!(who, "CMS");
    let (c, _, _) = split_inline(
        "We recommend that Alabama (1) refund $1.5 million (Federal share) for FFP, (2) refund $153,000, and (3) revise the policy.  Alabama disagreed.",
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        vec![
            "refund $1.5 million (Federal share) for FFP",
            "refund $153,000",
            "revise the policy"
        ]
    );
    let (c, who, _) = split_inline("The Secretary should (1) set a goal and (2) report on it.")
        .unwrap_or_default();
    assert_eq!(c, vec!["set a goal", "report on it"]);
    assert_eq!(who, "The Secretary");
    // The list set off from "should" by a colon, after a sentence that asks in general.
    let (c, who, _) = split_inline(
        "To end the delays, the Board should act now. Specifically, the Board should:  (1) publish \
         its targets; (2) train its staff; and (3) report each year.",
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        vec!["publish its targets", "train its staff", "report each year"]
    );
    assert_eq!(who, "Specifically, the Board");
    // The first marker's opening bracket left out.
    let (c, _, _) = split_inline(
        "We recommended that the school follow procedures to ensure that 1) every file holds a check, (2) every driver is screened, and (3) all rooms are locked. It agreed.",
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        vec![
            "every file holds a check",
            "every driver is screened",
            "all rooms are locked"
        ]
    );
}

#[test]
fn single_recommendations() {
    let (c, who, _) = split_single(
        "Our review found errors. We recommended that CMS develop a reliable methodology for adjusting the error rate. CMS concurred with our findings.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        vec!["develop a reliable methodology for adjusting the error rate"]
    );
    assert_eq!(who, "CMS");
    assert!(split_single("In 2010, we recommended that CMS act. It did.", false).is_none());
    // An appeal names whom it asks; a description of what people do is not one.
    assert!(is_appeal("slovenia is encouraged to ratify the convention"));
    assert!(!is_appeal(
        "students who need more support are invited to attend saturday school"
    ));
    // A sentence that says what the recommended thing should hold belongs to it.
    let (c, _, _) = split_single(
        "We recommend that the Office implement procedures for monitoring funds. These should include reviews of progress reports. The Office agreed.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(
        c,
        vec![
            "implement procedures for monitoring funds. These should include reviews of progress reports."
        ]
    );
    // The author naming itself, read only when asked (the last reader of all).
    let named = "OIG recommends that, for open findings, the Under Secretary direct the bureau to report. The bureau agreed.";
    assert!(split_single(named, false).is_none());
    let (c, who, _) = split_single(named, true).unwrap_or_default();
    assert_eq!(c, vec!["direct the bureau to report"]);
    assert_eq!(who, "for open findings, the Under Secretary");
    // Someone the text spoke of before is reported, not the author.
    assert!(split_single("It further recommends that a review be held.", true).is_none());
}

#[test]
fn lead_in_and_bullets() {
    let text = "<html><body><h2>Summary</h2><p>We found errors.</p>\
<p>We recommend that the State agency:</p><ul><li>refund $1.5 million to the Federal Government;</li>\
<li>strengthen its controls; and</li><li>review the remaining claims.</li></ul>\
<p>The State agency agreed with our first and third recommendations and disagreed with our second.</p></body></html>";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    let got: Vec<(&str, Option<heed_core::Position>)> = doc
        .items
        .iter()
        .map(|i| (i.text.as_str(), i.position))
        .collect();
    use heed_core::Position::*;
    assert_eq!(
        got,
        vec![
            (
                "refund $1.5 million to the Federal Government",
                Some(Accepted)
            ),
            ("strengthen its controls", Some(Rejected)),
            ("review the remaining claims", Some(Accepted)),
        ]
    );
    assert_eq!(doc.items[0].addressee.as_deref(), Some("the State agency"));
}

#[test]
fn comments_under_their_own_heading() {
    let text = "<html><body><h2>Recommendations</h2><p>We recommend that the State agency (1) refund $10,000 and (2) improve its controls.</p>\
<h2>State Agency Comments</h2><p>The State agency concurred with our recommendations.</p></body></html>";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    let p: Vec<_> = doc.items.iter().map(|i| i.position).collect();
    use heed_core::Position::*;
    assert_eq!(p, vec![Some(Accepted), Some(Accepted)]);
}

#[test]
fn causal_lists_are_not_recommendations() {
    assert!(
        split_inline("This occurred because (1) enrolment was retroactive and (2) nobody checked.")
            .is_none()
    );
}

#[test]
fn positions_from_the_next_paragraph() {
    let text = "<html><body><h2>Summary</h2><p>We recommended that CMS (1) adjust the claims; (2) consider reopening them; and (3) encourage reviews.</p>\
<p>CMS concurred with our first and third recommendations and did not concur with our second recommendation.</p></body></html>";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    let p: Vec<_> = doc.items.iter().map(|i| i.position).collect();
    use heed_core::Position::*;
    assert_eq!(p, vec![Some(Accepted), Some(Rejected), Some(Accepted)]);
    assert_eq!(doc.items[0].responses.len(), 1);
}

#[test]
fn a_reply_stating_no_position_is_each_items_response() {
    let text = "Summary\n\nWe recommend that the Regional Carrier (RC) (1) recover \
$12,000 in overpayments, (2) verify $3,000 in underpayments, and (3) train its staff. RC \
stated that it would review the claims and train its staff next year.\n";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    assert_eq!(doc.items.len(), 3, "{:#?}", doc.items);
    for it in &doc.items {
        assert_eq!(it.responses.len(), 1, "{it:#?}");
        assert!(it.responses[0].text.starts_with("RC stated that"));
        // Comments on a draft say nothing of progress, and state no position here.
        assert_eq!((it.position, it.status), (None, None), "{it:#?}");
    }
}

#[test]
fn two_actions_joined_by_and() {
    let t = |c: &str| two_actions(c);
    assert_eq!(
        t("recover the $3.7 million in overpayments and use the results of this audit"),
        Some((
            "recover the $3.7 million in overpayments".to_string(),
            "use the results of this audit".to_string()
        ))
    );
    // One action on one object, or "and" inside a thing, is not split.
    assert_eq!(t("review and update the plan for the service"), None);
    assert_eq!(
        t("develop guidance on fees and charges for local services"),
        None
    );
    let (c, who, _) = split_single(
        "We recommended that CMS recoup the $4.4 million in unallowable payments and \
         implement system enhancements to prevent improper payments.",
        false,
    )
    .unwrap_or_default();
    assert_eq!(who, "CMS");
    assert_eq!(c.len(), 2, "{c:?}");
}
