//! The line model's unit tests.

use super::*;

#[test]
fn list_labels_set_off_by_a_tab() {
    for l in ["89.1", "4.2.1", "12.", "(a)", "(iv)", "b)", "(3)"] {
        assert!(is_list_label(l), "{l}");
    }
    for l in [
        "12",
        "2019",
        "GE.14-10028",
        "Status",
        "(Germany)",
        "1.2.3.4.5.6",
        "",
    ] {
        assert!(!is_list_label(l), "{l}");
    }
    let l = parse_line(1, "89.1\tRatify the Convention (France);");
    assert!(l.cells.is_empty());
    assert_eq!(&*l.text, "89.1 Ratify the Convention (France);");
    assert_eq!(parse_line(1, "12\tRatify the Convention").cells.len(), 2);
}

#[test]
fn lines_end_at_lf_crlf_or_a_lone_cr() {
    let l = to_lines("one\rtwo\r\nthree\nfour").lines;
    let t: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(t, ["one", "two", "three", "four"]);
    let n: Vec<usize> = l.iter().map(|l| l.no).collect();
    assert_eq!(n, [1, 2, 3, 4]);
}

#[test]
fn a_label_and_its_number_on_two_lines_are_one() {
    let l = to_lines("Recommendation\n2\n\nDo this.\n").lines;
    assert_eq!(l[0].text, "Recommendation 2");
    assert!(l[1].is_blank());
}

#[test]
fn a_repeated_one_character_token_is_a_lost_bullet_glyph() {
    let text = "Checklist\n4 Incorporate the plan.\n4 Contribute to it.\n2.1 Journalists\n4 Establish a network.\n1 January 2020\n";
    let l = to_lines(text).lines;
    assert!(l[1].bullet && l[2].bullet && l[4].bullet);
    assert_eq!(l[1].text, "Incorporate the plan.");
    assert!(!l[3].bullet && !l[5].bullet);
    // Numbers that count up are a numbered list, not glyphs.
    let l = to_lines("1 Do this.\n2 Do that.\n3 Do more.\n").lines;
    assert!(l.iter().all(|l| !l.bullet));
}

#[test]
fn line_kinds() {
    let l = to_lines("# **Strengths**\n- one\n  cont\nKey\tAction\tResult\n\x0cNext\n").lines;
    assert_eq!(l[0].heading, Some(1));
    assert_eq!(l[0].text, "Strengths");
    assert!(l[1].bullet);
    assert_eq!(l[2].indent, 2);
    assert_eq!(l[3].cells, vec!["Key", "Action", "Result"]);
    assert!(l[4].page_break);
}

#[test]
fn a_page_word_beside_a_bar_is_a_page_number() {
    for t in ["12 | P a g e", "Page | 7", "iv | Page", "3 | page"] {
        assert!(super::is_page_number(t), "{t}");
    }
    for t in ["Status | Owner", "12 | 13", "A | P a g e", "Pages | 4 | 5"] {
        assert!(!super::is_page_number(t), "{t}");
    }
}

#[test]
fn a_repeated_verdict_is_never_a_running_head() {
    // The first item's "Supported" stands among the opening lines, as a title would,
    // and alone between repeated lines, as a running head would: it is still data.
    let mut text = String::from("Recommendation\nPosition\n");
    for n in 1..=5 {
        text.push_str(&format!(
            "1.{n} Ratify the protocol (Spain);\nSource of position: A/1 - Para. 3\nSupported\nA12 Acceptance of norms\n\n"
        ));
    }
    let l = to_lines(&text).lines;
    let supported: Vec<&Line> = l.iter().filter(|l| l.text == "Supported").collect();
    assert_eq!(supported.len(), 5);
    assert!(supported.iter().all(|l| !l.furniture));
    assert!(is_a_verdict("completed") && is_a_verdict("noted") && is_a_verdict("red"));
    assert!(!is_a_verdict("annual report 2024") && !is_a_verdict("red tape review"));
}

#[test]
fn pipe_tables() {
    let l = to_lines("| Key | Action \\| more |\n|---|:--:|\n|  | done |\n| one |\n").lines;
    assert_eq!(l[0].cells, vec!["Key", "Action | more"]);
    assert!(l[1].is_blank());
    assert_eq!(l[2].cells, vec!["", "done"]);
    assert!(!l[3].is_row());
}
