//! A numbered paragraph that asks with a colon over lettered parts that each ask: "16.
//! The Committee recommends that the State party: (a) Strengthen ...; (b) Promptly
//! implement ...". The contract reads recommendations that share one sentence as one item
//! each, its text its own clause; the ref is the paragraph's number and the part's letter
//! ("16 (a)"). The parts may run on in the paragraph's words or stand as blocks of their
//! own under it. Parts that ask nothing ("... to address the following: (a) the root
//! causes; (b) ...") detail one ask and stay in it.

use super::{Style, directive, enumerator, opens_with_imperative};
use crate::blocks::Block;

/// One lettered part: its letter, its words, its line.
pub(crate) struct Part {
    pub letter: char,
    pub text: String,
    pub line: usize,
}

/// Removes the joining punctuation and conjunction from a part's end.
fn trim_part(t: &str) -> String {
    let mut t = t.trim();
    loop {
        let before = t;
        t = t.trim_end_matches([';', ',', ' ']);
        for conj in [" and", " or"] {
            if let Some(x) = t.strip_suffix(conj) {
                t = x;
            }
        }
        if t == before {
            break;
        }
    }
    t.to_string()
}

/// Whether a part opens with an imperative, or with one after "To" as a treaty body or
/// rapporteur words each part of "calls upon States: (a) To review ...".
fn opens_asking(t: &str) -> bool {
    let t = t.trim_start();
    let bare = t
        .strip_prefix("To ")
        .or_else(|| t.strip_prefix("to "))
        .unwrap_or(t);
    opens_with_imperative(bare)
}

/// Whether parts ask: most open with an imperative or use directive words.
fn parts_ask(parts: &[Part]) -> bool {
    let asking = parts
        .iter()
        .filter(|p| opens_asking(&p.text) || directive(&p.text).is_some())
        .count();
    parts.len() >= 2 && asking * 2 >= parts.len()
}

/// Whether the words before the parts ask and lead them in with a colon.
fn leads_in(lead: &str) -> bool {
    lead.trim_end().ends_with(':') && directive(lead).is_some()
}

/// The parts run on in `text` after its colon: "(a) ...; (b) ...", the letters in order
/// from (a). Returns the lead and the parts (all on `line`).
pub(crate) fn inline_parts(text: &str, line: usize) -> Option<(String, Vec<Part>)> {
    let first = text.find(": (a) ")? + 1;
    let lead = &text[..first];
    if !leads_in(lead) {
        return None;
    }
    let mut marks: Vec<(char, usize, usize)> = Vec::new();
    let mut from = first;
    for letter in 'a'..='z' {
        let m = format!("({letter}) ");
        let Some(p) = text[from..].find(&m).map(|p| p + from) else {
            break;
        };
        // A marker opens a part after white space, where the part before it ended.
        let before = text[..p].trim_end();
        let closed = before.ends_with([';', ',', '.', ':'])
            || before.ends_with(" and")
            || before.ends_with(" or");
        if letter != 'a' && !closed {
            break;
        }
        marks.push((letter, p, p + m.len()));
        from = p + m.len();
    }
    let parts: Vec<Part> = marks
        .iter()
        .enumerate()
        .map(|(k, &(letter, _, start))| Part {
            letter,
            text: trim_part(&text[start..marks.get(k + 1).map_or(text.len(), |m| m.1)]),
            line,
        })
        .collect();
    (parts_ask(&parts) && parts.iter().all(|p| !p.text.is_empty()))
        .then(|| (lead.trim_end().to_string(), parts))
}

/// The parts as blocks of their own after an ask that ends in a colon: "(a) ..." then
/// "(b) ..." from `blocks[from]`, the letters in order from (a). Returns the parts and
/// the index of the first block after them.
pub(crate) fn block_parts(
    lead: &str,
    blocks: &[Block],
    from: usize,
    to: usize,
) -> Option<(Vec<Part>, usize)> {
    if !leads_in(lead) {
        return None;
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut k = from;
    while k < to {
        let Some(e) = enumerator(&blocks[k].text) else {
            break;
        };
        let expected = (b'a' + parts.len() as u8) as char;
        if e.style != Style::Letter || !e.label.starts_with(expected) {
            break;
        }
        parts.push(Part {
            letter: expected,
            text: trim_part(e.rest),
            line: blocks[k].line,
        });
        k += 1;
    }
    parts_ask(&parts).then_some((parts, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_run_on_after_the_colon_of_an_ask() {
        let (lead, parts) = inline_parts(
            "The Committee recommends that the State party: (a) Strengthen the plan in rural \
             areas; (b) Promptly implement the laws on health; and (c) Ensure that children are heard.",
            4,
        )
        .expect("parts");
        assert_eq!(lead, "The Committee recommends that the State party:");
        let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Strengthen the plan in rural areas",
                "Promptly implement the laws on health",
                "Ensure that children are heard."
            ]
        );
        assert_eq!(parts[2].letter, 'c');
    }

    #[test]
    fn parts_that_ask_nothing_stay_in_their_ask() {
        assert!(
            inline_parts(
                "The Committee recommends that the Department report on the following: (a) the \
                 root causes of the delay; (b) the cost of the delay.",
                1,
            )
            .is_none()
        );
        // A colon that leads in no ask.
        assert!(
            inline_parts(
                "The figures were as follows: (a) Review staff; (b) Publish figures.",
                1
            )
            .is_none()
        );
    }
}
