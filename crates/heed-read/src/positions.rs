//! The addressed body's positions as an auditor reports them in prose, shared by the
//! readers of audit-office and inspector-general reports.
//!
//! One comments paragraph often answers several recommendations at once: "CMS fully
//! concurred with our first and third recommendations, partially concurred with our second
//! recommendation, and did not concur with our fourth", "HHS concurred with our
//! recommendations", "the Department agreed with recommendations 1 and 3 and disagreed
//! with recommendation 2", "OMB did not provide comments". This module finds each stated
//! position and the recommendations it covers, so every item gets its own position and the
//! paragraph as its response. A recommendation withdrawn from the draft ("did not concur
//! with a recommendation in our draft report ... omitted it") is neither an item nor a
//! position, and the auditor's own "we agreed" is not the body's position.

use crate::fields::{find_refs, sentences};
use crate::markup::collapse_ws;
use heed_core::vocab::find_word;
use heed_core::{Item, ItemKind, Position, Response, Status};

/// Which recommendations a stated position covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Targets {
    /// All of them ("our recommendations", "all of our recommendations", "both").
    All,
    /// Those not covered by another statement ("the remaining recommendations").
    Remaining,
    /// By number or ordinal, 1-based as printed ("first and third", "recommendations 1 and 3").
    Numbers(Vec<String>),
    /// By what it asks ("our recommendation to develop guidance"): the words that follow.
    Described(String),
    /// The last one ("our final recommendation").
    Last,
}

/// One position stated in a sentence, and what it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stance {
    pub position: Position,
    /// The words it was read from.
    pub words: String,
    pub targets: Targets,
    /// The body stating it, when named by an acronym ("VA did not concur"): where
    /// recommendations go to several bodies, its statement covers only its own.
    pub subject: Option<String>,
}

const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];

/// The other parts of a report an ordinal may count: "our second finding" is none of its
/// recommendations.
const OTHER_PARTS: &[&str] = &[
    "finding",
    "findings",
    "conclusion",
    "conclusions",
    "objective",
    "objectives",
    "observation",
    "observations",
    "issue",
    "issues",
];

/// Whether a sentence speaks of a recommendation that is not in the report: one dropped
/// from the draft ("a recommendation in our draft report", "omitted it from the final
/// report").
pub fn is_withdrawal(sentence: &str) -> bool {
    let l = sentence.to_lowercase();
    let indefinite = [
        "a recommendation",
        "one recommendation",
        "that recommendation",
    ]
    .iter()
    .any(|p| find_word(&l, p).is_some());
    let dropped = ["omitted", "removed", "deleted", "withdrew", "withdrawn"]
        .iter()
        .any(|p| find_word(&l, p).is_some());
    (indefinite && (l.contains("draft") || dropped)) || (dropped && l.contains("final report"))
}

/// The positions a sentence states, in order. Empty when it states none about
/// recommendations (e.g. "HHS noted that FDA already ...").
pub fn stances(sentence: &str) -> Vec<Stance> {
    if is_withdrawal(sentence) {
        return Vec::new();
    }
    let lower = sentence.to_lowercase();
    // Every position phrase, in order of place.
    let mut found: Vec<(usize, usize, Position)> = Vec::new();
    let mut from = 0;
    while from < lower.len() {
        let Some(rest) = sentence.get(from..) else {
            break;
        };
        let Some((pos, words)) = Position::from_words(rest) else {
            break;
        };
        let wl = words.to_lowercase();
        let Some(at) = lower.get(from..).and_then(|r| find_word(r, &wl)) else {
            break;
        };
        let start = from + at;
        let end = start + wl.len();
        found.push((start, end, pos));
        from = end;
        while from < lower.len() && !lower.is_char_boundary(from) {
            from += 1;
        }
    }
    let mut out = Vec::new();
    for (k, &(start, end, pos)) in found.iter().enumerate() {
        let before = lower[..start].trim_end();
        // The auditor's own view, a neither-nor, or a nominal use ("noted that").
        if before.ends_with(" we") || before == "we" || before.ends_with("neither") {
            continue;
        }
        // "did not state whether it concurred": an open question, no position.
        if before
            .split_whitespace()
            .rev()
            .take(3)
            .any(|w| w == "whether")
        {
            continue;
        }
        let after = lower[end..].trim_start();
        if before.ends_with("nor")
            || after.starts_with("nor ")
            || after.starts_with("or disagree")
            || after.starts_with("or not")
        {
            continue;
        }
        let scope_end = found.get(k + 1).map_or(lower.len(), |n| n.0);
        let scope = &lower[end..scope_end];
        // "concurred in part with": partly.
        let pos = if pos == Position::Accepted
            && ["in part", "partially"]
                .iter()
                .any(|p| scope.trim_start().starts_with(p))
        {
            Position::PartiallyAccepted
        } else {
            pos
        };
        let targets = match targets_in(scope) {
            Some(t) => t,
            None if pos == Position::NoResponse => Targets::All,
            None => continue,
        };
        let subject = sentence.get(..start).and_then(|b| {
            b.split(|c: char| !c.is_alphanumeric())
                .rev()
                .find(|w| !w.is_empty())
                .filter(|w| (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()))
                .map(str::to_string)
        });
        out.push(Stance {
            position: pos,
            words: sentence.get(start..end).unwrap_or_default().to_string(),
            targets,
            subject,
        });
    }
    // "did not concur with our fourth" after other statements: an ordinal with no noun.
    out
}

/// What a position's scope says it covers; `None` when it names no recommendation.
fn targets_in(scope: &str) -> Option<Targets> {
    let s = scope.trim_start_matches([' ', ',']);
    let names_rec =
        find_word(s, "recommendation").is_some() || find_word(s, "recommendations").is_some();
    // Ordinals that count the report's other parts ("our second finding", "the first,
    // third, and fourth findings") name no recommendation.
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let counted = |k: usize| {
        words[k + 1..]
            .iter()
            .copied()
            .find(|w| !w.is_empty() && !ORDINALS.contains(w) && !matches!(*w, "and" | "or"))
            .is_some_and(|w| OTHER_PARTS.contains(&w))
    };
    let mut nums: Vec<String> = Vec::new();
    for (i, o) in ORDINALS.iter().enumerate() {
        if words.iter().enumerate().any(|(k, w)| w == o && !counted(k)) {
            nums.push((i + 1).to_string());
        }
    }
    // "our final recommendation", "the last one".
    let head6: Vec<&str> = s.split_whitespace().take(6).collect();
    if head6.iter().any(|w| matches!(*w, "final" | "last")) && names_rec {
        return Some(Targets::Last);
    }
    // An ordinal only counts near the start of the scope ("with our fourth").
    if !nums.is_empty() {
        let head: String = s.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
        if nums
            .iter()
            .filter_map(|n| n.parse::<usize>().ok())
            .any(|n| find_word(&head, ORDINALS[n - 1]).is_some())
        {
            return Some(Targets::Numbers(nums));
        }
    }
    if !names_rec {
        return None;
    }
    let refs = find_refs(s);
    if !refs.is_empty() {
        return Some(Targets::Numbers(refs));
    }
    if find_word(s, "remaining").is_some() || find_word(s, "other").is_some() {
        return Some(Targets::Remaining);
    }
    if [
        "a recommendation",
        "one recommendation",
        "some of",
        "most of",
        "several of",
    ]
    .iter()
    .any(|p| find_word(s, p).is_some())
    {
        return None;
    }
    // "two of our recommendations", "with one": a count, not which ones.
    let words: Vec<&str> = s.split_whitespace().take(6).collect();
    const COUNTS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let all_of = words.iter().any(|w| matches!(*w, "all" | "both" | "each"));
    if !all_of
        && words.windows(2).any(|w| {
            (COUNTS.contains(&w[0]) || w[0].chars().all(|c| c.is_ascii_digit())) && w[1] == "of"
        })
    {
        return None;
    }
    // "our recommendation to develop guidance": which one, by what it asks.
    for cue in ["recommendation to ", "recommendation that "] {
        if let Some(at) = s.find(cue) {
            let desc: String = s[at + cue.len()..]
                .split_whitespace()
                .take(20)
                .collect::<Vec<_>>()
                .join(" ");
            if !desc.is_empty() {
                return Some(Targets::Described(desc));
            }
        }
    }
    Some(Targets::All)
}

/// A comments paragraph's sentences that belong to the response: all of them, up to the
/// first one about a withdrawn draft recommendation.
pub fn response_text(paragraph: &str) -> String {
    let paragraph = collapse_ws(paragraph);
    let mut kept: Vec<&str> = Vec::new();
    for s in sentences(&paragraph) {
        if is_withdrawal(s) {
            break;
        }
        kept.push(s.trim());
    }
    // The auditor's own account of the review ("We provided a draft of this report to
    // ...", "Additionally, we provided ...", "DOE provided technical comments, which we
    // incorporated") is not the body's response: it starts at the first sentence that
    // replies or states a position, and leaves the auditor's sentences out.
    let own = |s: &str| {
        let l = s.to_lowercase();
        l.split_whitespace()
            .take(3)
            .any(|w| matches!(w.trim_matches(|c: char| !c.is_alphabetic()), "we" | "our"))
            || l.contains("technical comments")
    };
    let replies = |s: &str| {
        is_reply(s) || !stances(s).is_empty() || s.to_lowercase().contains("neither agreed")
    };
    // A body that gave no comments has no words of its own: the auditor's sentence that
    // says what it was asked is kept with it ("We provided a draft ... OMB did not
    // provide comments on the report.").
    let silent = |s: &str| {
        stances(s)
            .iter()
            .any(|st| st.position == Position::NoResponse)
    };
    if let Some(first) = kept
        .iter()
        .position(|s| replies(s) && !own(s))
        .filter(|&k| !silent(kept[k]))
    {
        let answer: Vec<&str> = kept[first..].iter().copied().filter(|s| !own(s)).collect();
        return answer.join(" ");
    }
    kept.join(" ")
}

/// Whether a sentence reports the audited body's reply without stating a position: "NGS
/// stated that it would review ...", "In response, CDC described its corrective actions",
/// "Noridian provided information on actions ...", "The State did not indicate either
/// concurrence or nonconcurrence". The auditor's own voice ("We ...") is not a reply.
pub fn is_reply(sentence: &str) -> bool {
    let t = sentence.trim_start();
    let lower = t.to_lowercase();
    if lower.starts_with("we ") || lower.starts_with("our ") {
        return false;
    }
    const CUES: [&str; 15] = [
        "in response",
        "in comments",
        "in written comments",
        "in its comments",
        "in their comments",
        "commented",
        "responded",
        "stated that",
        "said that",
        "indicated that",
        "did not indicate",
        "described",
        "provided information",
        "acknowledged",
        "did not respond",
    ];
    CUES.iter().any(|c| find_word(&lower, c).is_some())
        || [
            "our finding",
            "our findings",
            "our recommendation",
            "our recommendations",
        ]
        .iter()
        .any(|c| find_word(&lower, c).is_some())
}

/// Whether a paragraph states at least one position about recommendations.
pub fn states_position(paragraph: &str) -> bool {
    sentences(&collapse_ws(paragraph))
        .iter()
        .any(|s| !stances(s).is_empty())
}

/// Applies a comments paragraph to the items it answers (the numbered recommendations of
/// `items`, or all of them when none is numbered): each covered item gets its position and
/// the paragraph as its response. Returns whether any position was found.
/// Whether someone other than `subject` "provided comments" (written, technical or
/// other) in `paragraph`.
fn another_commented(paragraph: &str, subject: &str) -> bool {
    let text = collapse_ws(paragraph);
    sentences(&text).iter().any(|s| {
        let lower = s.to_lowercase();
        let Some(at) = lower.find(" provided ") else {
            return false;
        };
        let who = s[..at].trim();
        lower[at..].contains("comments")
            && !lower[..at].contains(" not")
            && !who.is_empty()
            && !who.eq_ignore_ascii_case(subject)
            && !lower.starts_with("we ")
    })
}

pub fn apply(paragraph: &str, line: usize, items: &mut [Item]) -> bool {
    let all: Vec<Stance> = sentences(&collapse_ws(paragraph))
        .iter()
        .flat_map(|s| stances(s))
        .collect();
    if all.is_empty() {
        return false;
    }
    let numbered = items.iter().any(|i| i.r#ref.is_some());
    let answers: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == ItemKind::Recommendation && (!numbered || i.r#ref.is_some()))
        .map(|(k, _)| k)
        .collect();
    let mut set: Vec<Option<(Position, String)>> = vec![None; items.len()];
    // A statement by one of several addressed bodies covers only its recommendations.
    let own = |st: &Stance| -> Option<Vec<usize>> {
        let subject = st.subject.as_deref()?;
        let mine: Vec<usize> = answers
            .iter()
            .copied()
            .filter(|&k| addressed_to(subject, &items[k].text))
            .collect();
        (!mine.is_empty() && mine.len() < answers.len()).then_some(mine)
    };
    // "IRS provided written comments ... Treasury did not provide comments": another body
    // did comment, so the silence of one to which no recommendation is addressed says
    // nothing of them.
    let flat = collapse_ws(paragraph);
    let silent_bystander = |st: &Stance| -> bool {
        if st.position != Position::NoResponse {
            return false;
        }
        // Its subject: the acronym found, or the capitalised word just before the words
        // ("Treasury did not provide comments").
        let subject = st.subject.clone().or_else(|| {
            let at = flat.find(&st.words)?;
            flat[..at]
                .split_whitespace()
                .last()
                .filter(|w| w.starts_with(char::is_uppercase) && w.len() >= 3)
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        });
        let Some(subject) = subject else {
            return false;
        };
        !answers
            .iter()
            .any(|&k| addressed_to(&subject, &items[k].text))
            && another_commented(paragraph, &subject)
    };
    let all: Vec<Stance> = all.into_iter().filter(|s| !silent_bystander(s)).collect();
    if all.is_empty() {
        return false;
    }
    for st in all.iter().filter(|s| s.targets != Targets::Remaining) {
        let only = own(st);
        for (n, &k) in answers.iter().enumerate() {
            if only.as_ref().is_some_and(|o| !o.contains(&k)) {
                continue;
            }
            let covered = match &st.targets {
                Targets::All => true,
                Targets::Numbers(ns) => ns.iter().any(|x| {
                    items[k].r#ref.as_deref() == Some(x.as_str())
                        || (items[k].r#ref.is_none() && *x == (n + 1).to_string())
                }),
                Targets::Remaining => false,
                Targets::Described(d) => best_match(d, items, &answers) == Some(k),
                Targets::Last => n + 1 == answers.len(),
            };
            // A specific statement wins over a general one made before it.
            if covered && (set[k].is_none() || !matches!(st.targets, Targets::All)) {
                set[k] = Some((st.position, st.words.clone()));
            }
        }
    }
    for st in all.iter().filter(|s| s.targets == Targets::Remaining) {
        let only = own(st);
        for &k in &answers {
            if only.as_ref().is_some_and(|o| !o.contains(&k)) {
                continue;
            }
            if set[k].is_none() {
                set[k] = Some((st.position, st.words.clone()));
            }
        }
    }
    let text = response_text(paragraph);
    let mut any = false;
    for (k, s) in set.into_iter().enumerate() {
        let Some((pos, words)) = s else { continue };
        // An earlier statement already answered this one.
        if items[k].position.is_some() {
            continue;
        }
        any = true;
        let item = &mut items[k];
        item.position = Some(pos);
        item.position_words = Some(words);
        if !text.is_empty() {
            item.responses.push(Response {
                text: text.clone(),
                line,
            });
        }
        // Recommendations made in this report: nothing is implemented yet.
        if item.status.is_none() {
            item.status = Some(if pos == Position::Rejected {
                Status::NotAccepted
            } else {
                Status::NotStarted
            });
            item.status_words = Some(format!(
                "recommendation made in this report; {}",
                item.position_words.as_deref().unwrap_or_default()
            ));
        }
    }
    any
}

/// One item's response that answers other items by number ("The Department agreed with
/// recommendations 1 and 3 and disagreed with recommendation 2", read as the narrative of
/// the last recommendation): the items it names that have no position and no response of
/// their own take the stated position and the same response.
pub fn cross_answers(items: &mut [Item]) {
    let mut given: Vec<(usize, Position, String, Response)> = Vec::new();
    for (k, it) in items.iter().enumerate() {
        if it.kind != ItemKind::Recommendation {
            continue;
        }
        for r in &it.responses {
            // Only numbers name other items here: a response without a digit names none.
            if !r.text.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            for s in sentences(&collapse_ws(&r.text)) {
                for st in stances(s) {
                    let Targets::Numbers(ns) = &st.targets else {
                        continue;
                    };
                    for (j, other) in items.iter().enumerate() {
                        let named = other
                            .r#ref
                            .as_ref()
                            .is_some_and(|x| ns.iter().any(|n| n == x));
                        // A matter for the legislature is not answered by the agency.
                        let to_legislature = other.addressee.as_deref() == Some("Congress");
                        if j != k
                            && named
                            && !to_legislature
                            && other.kind == ItemKind::Recommendation
                            && other.position.is_none()
                            && other.responses.is_empty()
                        {
                            given.push((j, st.position, st.words.clone(), r.clone()));
                        }
                    }
                }
            }
        }
    }
    for (j, pos, words, r) in given {
        let it = &mut items[j];
        if it.position.is_none() {
            it.position = Some(pos);
            it.position_words = Some(words);
            it.responses.push(r);
        }
    }
}

/// Whether a recommendation is addressed to the body an acronym names: the acronym is in
/// its addressee ("The Director of OMB"), or made of the addressee's initials ("VA" of
/// "the Secretary of Veterans Affairs", "DHS" of "the Secretary of Homeland Security",
/// "DOD" of "the Secretary of Defense").
fn addressed_to(acronym: &str, text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(14).collect();
    let Some(end) = words.iter().position(|w| *w == "should") else {
        return false;
    };
    let who = &words[..end];
    if who
        .iter()
        .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == acronym)
    {
        return true;
    }
    let initials = |with_of: bool| -> String {
        who.iter()
            .filter(|w| w.starts_with(char::is_uppercase) || (with_of && **w == "of"))
            .filter(|w| **w != "The")
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_uppercase()
    };
    let short = acronym.strip_prefix('D').filter(|s| s.len() >= 2);
    [initials(false), initials(true)]
        .iter()
        .any(|i| i.ends_with(acronym) || short.is_some_and(|s| i.ends_with(s)))
}

/// Which item a description names: the one whose text holds most of its words (at least
/// half of the words longer than three letters).
fn best_match(desc: &str, items: &[Item], among: &[usize]) -> Option<usize> {
    let words: Vec<String> = desc
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for &k in among {
        let t = items[k].text.to_lowercase();
        let hits = words.iter().filter(|w| find_word(&t, w).is_some()).count();
        if hits * 2 >= words.len() && best.is_none_or(|(_, h)| hits > h) {
            best = Some((k, hits));
        }
    }
    best.map(|(k, _)| k)
}

/// Whether every numbered recommendation among `items` (all of them when none is
/// numbered) has a position.
pub fn all_answered(items: &[Item]) -> bool {
    let numbered = items.iter().any(|i| i.r#ref.is_some());
    items
        .iter()
        .filter(|i| !numbered || i.r#ref.is_some())
        .all(|i| i.position.is_some())
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_response_leaves_out_the_auditors_account() {
        assert_eq!(
            response_text(
                "We provided a draft of this report to DOE and OSTP for review. DOE provided technical comments, which we incorporated as appropriate. OSTP neither agreed nor disagreed with our recommendation."
            ),
            "OSTP neither agreed nor disagreed with our recommendation."
        );
        assert_eq!(
            response_text(
                "Additionally, we provided a draft to State. In its comments, State agreed with our recommendations. State also provided technical comments that we incorporated."
            ),
            "In its comments, State agreed with our recommendations."
        );
        // A body that gave no comments: the auditor's sentence is its context.
        assert_eq!(
            response_text(
                "We provided a draft of this report to OMB for review and comment. OMB did not provide comments on the report."
            ),
            "We provided a draft of this report to OMB for review and comment. OMB did not provide comments on the report."
        );
    }

    use super::*;

    fn rec(r: &str) -> Item {
        let mut i = Item::new(ItemKind::Recommendation, format!("do {r}"), 1);
        i.r#ref = Some(r.to_string());
        i
    }

    fn positions(p: &str, n: usize) -> Vec<Option<Position>> {
        let mut items: Vec<Item> = (1..=n).map(|k| rec(&k.to_string())).collect();
        apply(p, 1, &mut items);
        items.iter().map(|i| i.position).collect()
    }

    #[test]
    fn ordinals_of_findings_name_no_recommendation() {
        use Position::*;
        assert_eq!(
            positions(
                "In written comments, the agency agreed with our second finding and all four of our recommendations. However, it disagreed with our first, third, and fourth findings.",
                4
            ),
            vec![Some(Accepted); 4]
        );
        // An ordinal of a recommendation beside one of a finding still counts.
        assert_eq!(
            positions(
                "The agency agreed with our first finding and our second recommendation.",
                2
            ),
            vec![None, Some(Accepted)]
        );
    }

    #[test]
    fn ordinals() {
        use Position::*;
        assert_eq!(
            positions(
                "CMS fully concurred with our first and third recommendations, partially concurred with our second recommendation, and did not concur with our fourth recommendation.  In addition, CMS did not concur with a recommendation in our draft report.  We agreed with CMS's rationale for not concurring with that recommendation and have omitted it from the final report.",
                4
            ),
            vec![
                Some(Accepted),
                Some(PartiallyAccepted),
                Some(Accepted),
                Some(Rejected)
            ]
        );
    }

    #[test]
    fn all_at_once_and_by_number() {
        use Position::*;
        assert_eq!(
            positions("Alabama disagreed with all of our recommendations.", 2),
            vec![Some(Rejected), Some(Rejected)]
        );
        assert_eq!(
            positions(
                "In its comments, HHS concurred with our recommendations. HHS noted that FDA already does it.",
                2
            ),
            vec![Some(Accepted), Some(Accepted)]
        );
        assert_eq!(
            positions(
                "The Department agreed with recommendations 1 and 3 and disagreed with recommendation 2.",
                3
            ),
            vec![Some(Accepted), Some(Rejected), Some(Accepted)]
        );
        assert_eq!(
            positions(
                "We provided a draft of this report to OMB for review and comment. OMB did not provide comments on the report.",
                2
            ),
            vec![Some(NoResponse), Some(NoResponse)]
        );
        assert_eq!(
            positions(
                "DOD concurred with our first recommendation and partially concurred with the remaining recommendations.",
                3
            ),
            vec![
                Some(Accepted),
                Some(PartiallyAccepted),
                Some(PartiallyAccepted)
            ]
        );
        assert_eq!(
            positions(
                "OMB neither agreed nor disagreed with our recommendations.",
                1
            ),
            vec![None]
        );
    }

    #[test]
    fn counts_and_descriptions() {
        use Position::*;
        let mut items: Vec<Item> = vec![rec("1"), rec("2")];
        items[0].text = "The Secretary should develop guidance on fees.".into();
        items[1].text = "The Secretary should publish the data each year.".into();
        apply(
            "DOD concurred with one of our recommendations and partially concurred with the other.",
            1,
            &mut items,
        );
        assert_eq!(items[0].position, None);
        apply(
            "DOD partially concurred with our recommendation to publish the data each year.",
            2,
            &mut items,
        );
        apply(
            "DOD concurred with our recommendation to develop guidance.",
            3,
            &mut items,
        );
        assert_eq!(items[0].position, Some(Accepted));
        assert_eq!(items[1].position, Some(PartiallyAccepted));
        assert!(all_answered(&items));
    }

    #[test]
    fn several_bodies_answer_their_own() {
        use Position::*;
        let mut items: Vec<Item> = (1..=3).map(|k| rec(&k.to_string())).collect();
        items[0].text = "The Secretary of Defense should inspect homes.".into();
        items[1].text = "The Secretary of Defense should build a database.".into();
        items[2].text = "The Secretary of Veterans Affairs should share its checklist.".into();
        apply(
            "DOD concurred with its recommendations. VA did not concur with its recommendation.",
            1,
            &mut items,
        );
        let got: Vec<_> = items.iter().map(|i| i.position).collect();
        assert_eq!(got, vec![Some(Accepted), Some(Accepted), Some(Rejected)]);
        assert!(addressed_to(
            "HHS",
            "The Secretary of Health and Human Services should act."
        ));
        assert!(addressed_to(
            "DHS",
            "The Secretary of Homeland Security should act."
        ));
        assert!(!addressed_to("HHS", "The Commissioner of FDA should act."));
    }

    #[test]
    fn answers_in_another_items_response() {
        use Position::*;
        let mut items: Vec<Item> = (1..=3).map(|k| rec(&k.to_string())).collect();
        items[2].responses.push(Response {
            text: "The Department agreed with recommendations 1 and 3 and disagreed with recommendation 2.".into(),
            line: 9,
        });
        cross_answers(&mut items);
        assert_eq!(items[0].position, Some(Accepted));
        assert_eq!(items[1].position, Some(Rejected));
        assert_eq!(items[2].position, None); // its own response: left to the finishing pass
    }

    #[test]
    fn all_of_a_count_and_non_positions() {
        use Position::*;
        assert_eq!(
            positions("DOD agreed with all three of our recommendations.", 3),
            vec![Some(Accepted), Some(Accepted), Some(Accepted)]
        );
        assert_eq!(
            positions("VA did not agree or disagree with our recommendations.", 2),
            vec![None, None]
        );
    }

    #[test]
    fn in_part_and_final() {
        use Position::*;
        assert_eq!(
            positions(
                "CMS concurred in part with our first recommendation, concurred with our second and third recommendations, and did not concur with our final recommendation.",
                4
            ),
            vec![
                Some(PartiallyAccepted),
                Some(Accepted),
                Some(Accepted),
                Some(Rejected)
            ]
        );
        assert_eq!(
            positions(
                "CMS concurred with our findings and outlined steps for implementing our recommendation.",
                1
            ),
            vec![Some(Accepted)]
        );
    }

    #[test]
    fn response_stops_at_withdrawal() {
        assert_eq!(
            response_text(
                "CMS concurred with our first recommendation. In addition, CMS did not concur with a recommendation in our draft report. We agreed and have omitted it from the final report."
            ),
            "CMS concurred with our first recommendation."
        );
    }
}
