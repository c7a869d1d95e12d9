//! Unit tests of the general reader's signs and readers, on strings written for them.

use super::*;

#[test]
fn a_lead_in_run_into_its_list() {
    let t = "2.3 The report asked a question: how well? It set out three areas for improvement: The force should map demand. This is so it can plan. The force should cost its outputs The force should plan its workforce. The plan should include skills. 2.4 Leadership of the response has moved.";
    let items = led_in_run_on(t, 1).expect("read");
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The force should map demand. This is so it can plan.",
            "The force should cost its outputs",
            "The force should plan its workforce. The plan should include skills."
        ]
    );
    assert!(items.iter().all(|i| i.kind == ItemKind::AreaForImprovement));
}

#[test]
fn enumerators() {
    let e = |t: &str| enumerator(t).map(|e| (e.style, e.label));
    assert_eq!(e("R1 Publish the plan"), Some((Style::RPrefix, "1".into())));
    assert_eq!(
        e("4. The force should"),
        Some((Style::Decimal(1), "4".into()))
    );
    assert_eq!(
        e("1.1 The force has"),
        Some((Style::Decimal(2), "1.1".into()))
    );
    assert_eq!(e("(2) Review it"), Some((Style::Paren, "2".into())));
    assert_eq!(e("b) Review it"), Some((Style::Letter, "b".into())));
    assert_eq!(e("ii) That the plan"), Some((Style::Roman, "ii".into())));
    assert_eq!(e("(iv) Review it"), Some((Style::Roman, "iv".into())));
    assert_eq!(e("i) That it"), Some((Style::Roman, "i".into())));
    assert_eq!(e("iiii) That it"), None);
    assert_eq!(
        e("PCC/2011/14 Review of custody"),
        Some((Style::Code, "PCC/2011/14".into()))
    );
    assert_eq!(e("2006 was a year"), None);
    assert_eq!(e("4 the rest of a wrapped line"), None);
    assert_eq!(e("2011-12 Budget"), None);
}

#[test]
fn cited_paragraphs() {
    for t in [
        "The Government should act. (Paragraph 26)",
        "It must. (Paragraphs 30-32).",
        "Fund it (para 4.2)",
        "Fund it (paras 4 and 5)",
    ] {
        assert!(cited_paragraph(t).is_some(), "{t}");
    }
    for t in [
        "See paragraph 26.",
        "Fund it (Paragraph)",
        "Fund it (paragraph 3 of the act says so)",
        "Fund it (2019)",
    ] {
        assert!(cited_paragraph(t).is_none(), "{t}");
    }
}

#[test]
fn titles_run_into_a_unit() {
    let (title, e) = titled_enumerator("Microbeads 5. We welcome it.").unwrap();
    assert_eq!((title, e.label.as_str()), ("Microbeads", "5"));
    let (title, _) = titled_enumerator("Fares and concessions 4. Older people").unwrap();
    assert_eq!(title, "Fares and concessions");
    assert!(titled_enumerator("We found 5. The rest").is_some());
    assert!(titled_enumerator("In 2019, we found 5. The rest").is_none());
    assert!(titled_enumerator("the force had 5. The rest").is_none());
    assert!(titled_enumerator("One two three four five six seven 8. The").is_none());
    assert!(titled_next("Microbeads 5. We welcome it.", 5).is_some());
    assert!(titled_next("Microbeads 5. We welcome it.", 6).is_none());
}

#[test]
fn directives() {
    assert!(directive("The force should ensure that ...").is_some());
    assert!(directive("Publish the call handling standards").is_some());
    assert!(directive("Review of custody healthcare").is_none());
    assert!(directive("The Committee recommended that Slovenia should ratify").is_none());
    assert!(directive("This report updates members on progress").is_none());
    // Only the first sentence asks: a "should" deep in a narrative paragraph is a later
    // sentence's (sentences are found before the text is lower-cased).
    let narrative = "Under housing law, towns provide housing units. The term does not \
                     mean apartments. The list of beneficiaries should be kept open.";
    assert!(directive(narrative).is_none());
    assert!(directive_later(narrative).is_some());
    // What a later sentence reports is what was done, not a reason to drop the ask.
    assert!(
        directive(
            "Home Office flag for hate crime to be consistently applied. The Head of \
             Planning noted that the Force was now using the flag."
        )
        .is_some()
    );
}

#[test]
fn a_narrative_numbered_paragraph_by_paragraph_is_not_a_list_of_asks() {
    // A state's own report: numbered paragraphs of narrative, two of which use
    // "should" or "must" in passing.
    let mut text = String::from("National report of Examplestan\n\n");
    for n in 1..=12 {
        let body = match n {
            4 => {
                "Complaints against the police must be examined by an independent body, \
                  which was set up in 2012."
            }
            9 => {
                "The new act states that remarks from partners should be taken into \
                  account as far as possible."
            }
            _ => "The Government adopted a programme in 2013 and reported on it in 2015.",
        };
        text.push_str(&format!("{n}. {body}\n\n"));
    }
    let doc = crate::read_text(&text, &crate::ReadOptions::default());
    assert!(doc.items.is_empty(), "{:#?}", doc.items);
    // The same run in which most paragraphs ask is a list of recommendations.
    let asks = (1..=12)
        .map(|n| format!("{n}. The Government should review programme {n}.\n\n"))
        .collect::<String>();
    let doc = crate::read_text(&asks, &crate::ReadOptions::default());
    assert_eq!(doc.items.len(), 12);
}

#[test]
fn an_addressed_paragraph_takes_the_comments_that_answer_it() {
    let text = "Conclusions\n\nThe strategy is out of date.\n\n\
The Director of the Office should, in coordination with the agencies, update the \
national strategy.\n\n\
We provided a draft of this report to the Office for review and comment. The Office \
neither agreed nor disagreed with our recommendation.\n";
    let doc = crate::read_text(text, &crate::ReadOptions::default());
    assert_eq!(doc.items.len(), 1, "{:#?}", doc.items);
    let it = &doc.items[0];
    assert_eq!(it.position, None);
    assert_eq!(it.responses.len(), 1);
    assert!(
        it.responses[0]
            .text
            .contains("neither agreed nor disagreed")
    );
}

#[test]
fn labelled_fields_under_an_item() {
    use crate::labels::split_fields;
    use crate::tables::Role;
    let (lead, f) = split_fields(
        "Response: Accepted. A lead officer was appointed. Target date: June 2024 RAG: Green",
    );
    assert_eq!(lead, "");
    assert_eq!(
        f,
        vec![
            (Role::Response, "Accepted. A lead officer was appointed."),
            (Role::Due, "June 2024"),
            (Role::Rag, "Green")
        ]
    );
    let (lead, f) = split_fields("The plan is late: the board has not met.");
    assert_eq!(
        (lead, f.len()),
        ("The plan is late: the board has not met.", 0)
    );
}

#[test]
fn bracketed_labels_run_into_a_word() {
    let e = enumerator("(a)We recommend it").unwrap();
    assert_eq!(
        (e.style, e.label.as_str(), e.rest),
        (Style::Letter, "a", "We recommend it")
    );
    assert_eq!(enumerator("(12)The force").unwrap().style, Style::Paren);
    assert_eq!(enumerator("(ii)The force").unwrap().style, Style::Roman);
    // A year, an acronym or a lower-case word after the bracket is not a label.
    assert!(glued_bracket("(2019)Report").is_none());
    assert!(glued_bracket("(a)NHS trusts").is_none());
    assert!(glued_bracket("(a)we").is_none());
}
