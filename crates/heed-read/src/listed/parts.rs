//! What a listed entry holds besides its own request: lettered parts it leads in with a
//! colon ("1. Use the authorities available ... To that end, the agency should issue
//! rules to: a. Set ... b. Require ..."), each a recommendation of its own, and closing
//! notes in parentheses that are not its words: the report it came from ("(Review of
//! Claims, OEI-07-06-00620)"), a pointer elsewhere ("(See Appendix C for a list ...)") and
//! the body's position ("(The agency concurred.)"), which is read as the entry's.

use heed_core::{Item, Position, Response};

/// A list's entries with their closing notes taken off and their lettered parts read as
/// items after them.
pub(super) fn refine(found: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::with_capacity(found.len());
    for mut it in found {
        take_closing_notes(&mut it);
        match lettered_parts(&it) {
            Some((head, parts)) => {
                it.text = head;
                out.push(it);
                out.extend(parts);
            }
            None => out.push(it),
        }
    }
    out
}

/// Whether a list restates one read before it (a summary's list printed again in the
/// body, or the body's in an appendix): the same numbers, and each entry opening with
/// the same words as the earlier entry of its number.
pub(super) fn restates(earlier: &[Item], found: &[Item]) -> bool {
    let opening = |t: &str| -> String {
        t.split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    found.len() >= 2
        && found.iter().all(|f| {
            earlier
                .iter()
                .any(|e| e.r#ref == f.r#ref && opening(&e.text) == opening(&f.text))
        })
}

/// The lettered parts an entry leads in after a colon, each an item whose ref is the
/// entry's and the letter ("1.a"); the entry keeps its words up to the colon. `None`
/// when the entry has no colon followed by "a." and "b." in sequence.
pub(super) fn lettered_parts(item: &Item) -> Option<(String, Vec<Item>)> {
    let text = &item.text;
    let colon = text.find(": ")?;
    let mut marks: Vec<(usize, usize, char)> = Vec::new(); // (mark start, words start, letter)
    let mut from = colon + 1;
    for letter in 'a'..='z' {
        let Some((start, body)) = find_letter_mark(text, letter, from) else {
            break;
        };
        // The first part follows the colon directly.
        if letter == 'a' && !text[colon + 1..start].trim().is_empty() {
            return None;
        }
        marks.push((start, body, letter));
        from = body;
    }
    if marks.len() < 2 {
        return None;
    }
    let parent = item.r#ref.as_deref().unwrap_or_default();
    let mut parts = Vec::new();
    for (k, &(_, body, letter)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(text.len(), |m| m.0);
        let words = trim_part(&text[body..end]);
        if words.is_empty() {
            return None;
        }
        let mut it = Item::new(item.kind, words, item.line);
        it.r#ref = Some(if parent.is_empty() {
            letter.to_string()
        } else {
            format!("{parent}.{letter}")
        });
        it.addressee.clone_from(&item.addressee);
        it.position = item.position;
        it.position_words.clone_from(&item.position_words);
        it.deadline.clone_from(&item.deadline);
        parts.push(it);
    }
    Some((text[..=colon].trim_end().to_string(), parts))
}

/// Where the mark of part `letter` ("b.", "b)", "(b)") stands after `from`: after a
/// space that follows a colon or a finished clause, and before a capitalised word.
fn find_letter_mark(text: &str, letter: char, from: usize) -> Option<(usize, usize)> {
    let forms = [
        format!("{letter}. "),
        format!("{letter}) "),
        format!("({letter}) "),
    ];
    let mut best: Option<(usize, usize)> = None;
    for f in &forms {
        let mut at = from;
        while let Some(p) = text
            .get(at..)
            .and_then(|r| r.find(f.as_str()))
            .map(|p| p + at)
        {
            at = p + f.len();
            let before = text[..p].trim_end();
            // "...; and c. Publish": the joining word after the clause's end.
            let clause_end = [" and", " or"]
                .iter()
                .find_map(|c| before.strip_suffix(c).map(str::trim_end))
                .map_or(before.ends_with([':', '.', ';', ',']), |b| {
                    b.ends_with([';', ','])
                });
            let after_clause = text[..p].ends_with(' ') && clause_end;
            let capital = text[p + f.len()..].starts_with(char::is_uppercase);
            if after_clause && capital {
                if best.is_none_or(|b| p < b.0) {
                    best = Some((p, p + f.len()));
                }
                break;
            }
        }
    }
    best
}

/// A part's words without the joining "; and" at its end.
fn trim_part(s: &str) -> String {
    let t = s.trim();
    let t = ["; and", "; or"]
        .iter()
        .find_map(|c| t.strip_suffix(c))
        .unwrap_or(t);
    t.trim_end_matches([';', ',']).trim_end().to_string()
}

/// Takes the closing notes in parentheses off an entry's text: a source report's title
/// and code, a pointer elsewhere in the document, the body's position (read as the item's
/// position, the note its response). Returns whether the text changed.
pub(super) fn take_closing_notes(item: &mut Item) -> bool {
    let mut changed = false;
    loop {
        let t = item.text.trim_end();
        let t = t.strip_suffix('.').map_or(t, str::trim_end);
        let Some(open) = matching_open(t) else { break };
        let inner = t[open + 1..t.len() - 1].trim();
        let before = t[..open].trim_end();
        if before.split_whitespace().nth(3).is_none() {
            break;
        }
        if let Some((pos, words)) = stated_position(inner) {
            // The entry's own note is more particular than a lead-in's.
            item.position = Some(pos);
            item.position_words = Some(words);
            item.responses.push(Response {
                text: inner.to_string(),
                line: item.line,
            });
        } else if !(cites_a_report(inner) || points_elsewhere(inner)) {
            break;
        }
        item.text = before.to_string();
        changed = true;
    }
    changed
}

/// The byte where the parenthesis closed by the text's final ")" opens.
fn matching_open(s: &str) -> Option<usize> {
    if !s.ends_with(')') {
        return None;
    }
    let mut depth = 0i32;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// "CMS concurred.", "The Department did not concur": a short sentence of the body's
/// position, without numbers.
fn stated_position(inner: &str) -> Option<(Position, String)> {
    let words = inner.split_whitespace().count();
    if !(2..=10).contains(&words) || inner.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let last = inner.trim_end_matches('.').split_whitespace().last()?;
    let verb = last.to_lowercase();
    let closing = [
        "concurred",
        "concur",
        "concurs",
        "agreed",
        "agree",
        "agrees",
        "disagreed",
        "accepted",
        "rejected",
        "nonconcurred",
    ]
    .contains(&verb.as_str());
    if !closing {
        return None;
    }
    Position::from_words(inner)
}

/// A source report named with its code ("Inappropriate Claims, OEI-07-08-00430"): the
/// last comma part is a code of letters and numbers joined by hyphens.
fn cites_a_report(inner: &str) -> bool {
    let last = inner.rsplit(',').next().unwrap_or_default().trim();
    let digits = last.chars().filter(char::is_ascii_digit).count();
    last.split_whitespace().count() <= 3
        && last.contains('-')
        && digits >= 4
        && last.starts_with(|c: char| c.is_ascii_uppercase())
        && last
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
}

/// "See Appendix C for a list of ...", "see page 13": a pointer to another part of the
/// document, not to another recommendation (which is a cross-reference, kept).
fn points_elsewhere(inner: &str) -> bool {
    let l = inner.to_lowercase();
    l.starts_with("see ") && crate::fields::find_refs(inner).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use heed_core::ItemKind;

    fn item(r: &str, t: &str) -> Item {
        let mut it = Item::new(ItemKind::Recommendation, t.to_string(), 1);
        it.r#ref = Some(r.to_string());
        it
    }

    #[test]
    fn lettered_parts_after_a_colon_are_items() {
        let it = item(
            "2",
            "Use the powers the act gives. To that end, the agency should issue rules to: a. Set a minimum standard for all attendants. b. Require each claim to name the attendant; and c. Publish the standard.",
        );
        let (head, parts) = lettered_parts(&it).expect("parts");
        assert!(head.ends_with("issue rules to:"));
        let got: Vec<(&str, &str)> = parts
            .iter()
            .map(|p| (p.r#ref.as_deref().unwrap_or(""), p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2.a", "Set a minimum standard for all attendants."),
                ("2.b", "Require each claim to name the attendant"),
                ("2.c", "Publish the standard."),
            ]
        );
    }

    #[test]
    fn letters_in_prose_are_no_parts() {
        for t in [
            "Review the plan. It covers: the budget, the staff and the buildings of block a. B. Smith wrote it.",
            "Publish the results of the survey in plan a. Nothing more is asked.",
        ] {
            assert!(lettered_parts(&item("1", t)).is_none(), "{t}");
        }
    }

    #[test]
    fn closing_notes_are_taken_off_and_a_position_read() {
        let mut it = item(
            "1",
            "Work with States to reduce erroneous payments (Payments Made in Error During Stays, OEI-07-06-00620) (The agency did not concur.)",
        );
        assert!(take_closing_notes(&mut it));
        assert_eq!(it.text, "Work with States to reduce erroneous payments");
        assert_eq!(it.position, Some(Position::Rejected));
        assert_eq!(it.responses[0].text, "The agency did not concur.");
        let mut it = item(
            "5",
            "Address the earlier recommendations. (See Appendix C for a list of them.)",
        );
        assert!(take_closing_notes(&mut it));
        assert_eq!(it.text, "Address the earlier recommendations.");
    }

    #[test]
    fn parentheses_that_are_words_stay() {
        for t in [
            "Publish the register of assets (including vehicles and buildings)",
            "Train every officer in the procedure (see Recommendation 4)",
            "Report the figures each quarter (2023-24 onwards)",
        ] {
            let mut it = item("1", t);
            assert!(!take_closing_notes(&mut it), "{t}");
            assert_eq!(it.text, t);
        }
    }
}
