//! The general reader: every numbered, coded or bulleted unit that the layout recognisers
//! left unread is a candidate, and a candidate becomes an item only on evidence.
//!
//! A unit opens with an enumerator ("R1", "4.", "1)", "(2)", "b)", a reference code such as
//! "PCC/2011/14") and runs until the next unit of the same numbering, a heading, or a short
//! numbered section title. Its body (the blocks after its first) may hold a response
//! ("Force response: ...", "Update: ..."), a status line, a progress bullet or a numbered
//! progress paragraph. The evidence weighed for each unit:
//!
//! - **directive**: its words ask someone to act ("should", "must", "we recommend", or an
//!   opening imperative verb such as "Publish", "Review", "Ensure");
//! - **heading**: the nearest heading above its run names recommendations, actions,
//!   activities, references, areas for improvement or causes of concern;
//! - **answer**: a response, status or progress block follows it;
//! - **siblings**: two or more units of the same numbering, in ascending order.
//!
//! A unit is taken when it is directive and has one other sign, or when a heading and an
//! answer both speak for it. The signs that decided are kept on the item
//! (`Item::evidence`); a unit with some evidence but not enough is named in a diagnostic,
//! so "nothing found" always says which lines looked like items and why they were not
//! taken. Reported speech ("the Committee recommended that ...") is not directive: it
//! tells of someone else's recommendation.

use crate::Context;
use crate::blocks::{Block, BlockKind};
use crate::fields::clean_ref;
use crate::positions;
use heed_core::vocab::find_word;
use heed_core::{Diagnostic, Document, Item, ItemKind, Response, Status};

/// How a unit is numbered. Units of one run share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// "R1", "R12:"
    RPrefix,
    /// "4.", "4)", "4.2" (depth 2), "4.2.1"
    Decimal(u8),
    /// "(4)"
    Paren,
    /// "a)", "(a)", "a."
    Letter,
    /// "i)", "(ii)", "iii." in lower case (a lone "i", "v" or "x" counts as a numeral)
    Roman,
    /// A reference code with letters and digits: "PCC/2011/14", "IR-07".
    Code,
}

/// The enumerator that opens a unit, and the unit's own words after it.
#[derive(Debug, Clone)]
struct Enumerator<'a> {
    style: Style,
    label: String,
    rest: &'a str,
}

fn starts_upper(t: &str) -> bool {
    t.trim_start_matches(['"', '\'', '“', '‘'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The enumerator opening `t`, when the words after it start a sentence or a title.
fn enumerator(t: &str) -> Option<Enumerator<'_>> {
    let t = t.trim_start();
    let (first, rest) = match t.split_once(char::is_whitespace) {
        Some((f, r)) => (f, r.trim_start()),
        None => return None,
    };
    if rest.is_empty() {
        return None;
    }
    let bare = first.trim_end_matches([':', '.', ')', '–', '-']);
    // "R1", "R12:"
    if let Some(n) = bare.strip_prefix('R')
        && !n.is_empty()
        && n.len() <= 3
        && n.chars().all(|c| c.is_ascii_digit())
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::RPrefix,
            label: n.to_string(),
            rest,
        });
    }
    // "i)", "(ii)", "iii." before letters: "i)" opens a list of numerals far more
    // often than the ninth entry of a lettered one.
    let numeral = first
        .strip_prefix('(')
        .and_then(|f| f.strip_suffix(')'))
        .or_else(|| first.strip_suffix([')', '.']));
    // Upper-case numerals ("II. Methodology") number a document's sections, not its items.
    if let Some(n) = numeral
        && roman_value(n).is_some()
        && n.starts_with(|c: char| c.is_ascii_lowercase())
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::Roman,
            label: n.to_string(),
            rest,
        });
    }
    // "(4)" and "(a)"
    if let Some(inner) = first.strip_prefix('(').and_then(|f| f.strip_suffix(')')) {
        if !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
            return Some(Enumerator {
                style: Style::Paren,
                label: inner.to_string(),
                rest,
            });
        }
        if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
            return Some(letter(inner, rest));
        }
        return None;
    }
    // "a)" and "a."
    if first.len() == 2
        && first.ends_with([')', '.'])
        && first.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return Some(letter(&first[..1], rest));
    }
    // "4.", "4)", "4.2", "4.2.1." (a bare "4" is too often a wrapped number)
    let marked = first.ends_with(['.', ')']) || first.contains('.');
    let num = first.trim_end_matches(['.', ')']);
    if marked
        && !num.is_empty()
        && num
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
        && starts_upper(rest)
    {
        let depth = num.split('.').count().min(4) as u8;
        return Some(Enumerator {
            style: Style::Decimal(depth),
            label: num.to_string(),
            rest,
        });
    }
    // A reference code: letters and digits joined by "/" or "-", an upper-case letter in it.
    let code = bare;
    // "K-12" and "COVID-19" are names; a reference code has a run of two letters or more
    // and two digits or more.
    let letters = code.chars().filter(char::is_ascii_alphabetic).count();
    let digits = code.chars().filter(char::is_ascii_digit).count();
    if (4..=24).contains(&code.len())
        && (code.contains('/') || letters >= 2)
        && digits >= 2
        && code.contains(['/', '-'])
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().any(|c| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == '.')
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::Code,
            label: code.to_string(),
            rest,
        });
    }
    None
}

/// A short title run into the unit after it, as converters join a heading to the next
/// paragraph ("Microbeads 5. We welcome ..."): the title (at most six words, the first
/// capitalised, no sentence end) and the unit's enumerator. Only a one-level
/// decimal number; the caller checks that it continues the numbering.
fn titled_enumerator(t: &str) -> Option<(&str, Enumerator<'_>)> {
    let t = t.trim_start();
    let mut words = 0;
    for (at, w) in t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
    {
        if words > 0 && w.ends_with('.') && w.len() <= 4 {
            let e = enumerator(&t[at..])?;
            return matches!(e.style, Style::Decimal(1)).then(|| (t[..at].trim_end(), e));
        }
        words += 1;
        // A title in title case or sentence case: its first word capitalised.
        let title_word = words > 1 || w.starts_with(|c: char| c.is_uppercase());
        if words > 6 || !title_word || w.ends_with(['.', ':', ';', ',', '?', '!']) {
            return None;
        }
    }
    None
}

/// A numbered conclusion quoted with the paragraph it came from ("4. ... We recommend the
/// Government ... (Paragraph 33)", also with a title run into it): one item as a whole,
/// which this reader takes, not a sentence of it.
pub(crate) fn is_cited_conclusion(t: &str) -> bool {
    (opens_unit(t) || titled_enumerator(t).is_some()) && cited_paragraph(t).is_some()
}

/// The unit numbered `next` run into a title before it, if `t` is one.
fn titled_next(t: &str, next: u32) -> Option<Enumerator<'_>> {
    titled_enumerator(t)
        .map(|(_, e)| e)
        .filter(|e| numbers(&e.label) == [next])
}

/// Whether a line opens with an enumerator (a numbered, lettered or coded unit).
pub fn opens_unit(t: &str) -> bool {
    let b = t.as_bytes().first().copied().unwrap_or(b' ');
    (b.is_ascii_alphanumeric() || b == b'(') && enumerator(t).is_some()
}

fn letter<'a>(l: &str, rest: &'a str) -> Enumerator<'a> {
    Enumerator {
        style: Style::Letter,
        label: l.to_string(),
        rest,
    }
}

/// Verbs that open an action or a recommendation in the imperative ("Publish the plan").
const IMPERATIVES: &[&str] = &[
    "abolish",
    "accede",
    "accelerate",
    "act",
    "address",
    "adjust",
    "adopt",
    "agree",
    "align",
    "allocate",
    "allow",
    "amend",
    "apply",
    "appoint",
    "approve",
    "arrange",
    "assess",
    "audit",
    "authorise",
    "authorize",
    "avoid",
    "brief",
    "bring",
    "build",
    "cancel",
    "carry",
    "cease",
    "change",
    "clarify",
    "collaborate",
    "collate",
    "collect",
    "combat",
    "commission",
    "communicate",
    "complete",
    "comply",
    "conduct",
    "consider",
    "consolidate",
    "consult",
    "continue",
    "coordinate",
    "correct",
    "create",
    "criminalise",
    "criminalize",
    "decide",
    "decriminalize",
    "define",
    "deliver",
    "design",
    "determine",
    "develop",
    "disburse",
    "disclose",
    "discontinue",
    "document",
    "educate",
    "eliminate",
    "embed",
    "enable",
    "enact",
    "encourage",
    "end",
    "enforce",
    "engage",
    "enhance",
    "enshrine",
    "ensure",
    "enter",
    "establish",
    "evaluate",
    "examine",
    "expand",
    "expedite",
    "explore",
    "extend",
    "facilitate",
    "finalise",
    "finalize",
    "formalise",
    "formalize",
    "fund",
    "guarantee",
    "harmonise",
    "harmonize",
    "hire",
    "identify",
    "implement",
    "improve",
    "include",
    "incorporate",
    "increase",
    "inform",
    "instruct",
    "integrate",
    "intensify",
    "introduce",
    "investigate",
    "invite",
    "issue",
    "justify",
    "keep",
    "launch",
    "lead",
    "limit",
    "maintain",
    "make",
    "modify",
    "monitor",
    "notify",
    "obtain",
    "offer",
    "oversee",
    "pass",
    "pay",
    "perform",
    "pilot",
    "plan",
    "prepare",
    "prevent",
    "prioritise",
    "prioritize",
    "procure",
    "produce",
    "prohibit",
    "promote",
    "promulgate",
    "protect",
    "provide",
    "publish",
    "pursue",
    "put",
    "raise",
    "ratify",
    "reassess",
    "reassign",
    "recalculate",
    "recognise",
    "recognize",
    "reconcile",
    "reconsider",
    "record",
    "recoup",
    "recover",
    "recruit",
    "redetermine",
    "redouble",
    "reduce",
    "reevaluate",
    "reform",
    "refrain",
    "refresh",
    "refund",
    "reimburse",
    "reinforce",
    "reinstate",
    "reject",
    "remove",
    "renew",
    "repay",
    "repeal",
    "replace",
    "report",
    "reprocess",
    "require",
    "rescind",
    "resolve",
    "respect",
    "respond",
    "restore",
    "restrict",
    "resubmit",
    "retain",
    "return",
    "review",
    "revise",
    "revoke",
    "roll",
    "safeguard",
    "secure",
    "seek",
    "segregate",
    "set",
    "share",
    "simplify",
    "specify",
    "speed",
    "standardise",
    "standardize",
    "step",
    "stop",
    "streamline",
    "strengthen",
    "submit",
    "supervise",
    "support",
    "take",
    "target",
    "terminate",
    "tighten",
    "train",
    "undertake",
    "update",
    "upgrade",
    "use",
    "validate",
    "verify",
    "withdraw",
    "work",
    "write",
];

/// Whether a clause opens with an imperative verb ("review the claims", "either establish").
pub(crate) fn opens_with_imperative(clause: &str) -> bool {
    let lower = clause.trim_start().to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let mut first = words.next().unwrap_or("");
    while is_adverb(first) || matches!(first, "either" | "both" | "and" | "or") {
        first = words.next().unwrap_or("");
    }
    IMPERATIVES.contains(&first)
}

/// Words that may stand before an imperative verb ("Further strengthen", "Fully implement").
fn is_adverb(w: &str) -> bool {
    w.ends_with("ly") || matches!(w, "further" | "also" | "urgently" | "still" | "again")
}

/// Words that tell of someone else's recommendation rather than make one.
const REPORTED: &[&str] = &[
    "recommended",
    "urged",
    "called on",
    "called upon",
    "encouraged",
    "requested",
    "noted that",
];

/// Verbs that report what someone else said or thought.
const REPORTING_VERBS: &[&str] = &[
    "stated",
    "said",
    "says",
    "considered",
    "emphasized",
    "emphasised",
    "noted",
    "stressed",
    "expressed",
    "indicated",
    "observed",
    "believed",
    "suggested",
    "added",
    "concluded",
    "found",
    "reported",
    "highlighted",
    "underlined",
    "pointed out",
    "argued",
    "claimed",
    "explained",
    "affirmed",
    "asserted",
    "mentioned",
    "recalled",
    "reiterated",
    "felt",
];

/// The directive sign in a unit's words, if any: what was found, for the evidence.
fn directive(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    // The ask is in the unit's first sentence, in its own voice: not after "X stated
    // that" (someone else's words) and not deep in a paragraph of narrative; what later
    // sentences report ("The Head of Planning noted that ...") is what was done.
    // (Sentences are found in the text as printed: a sentence starts with a capital.)
    let first_sentence = crate::fields::sentences(text)
        .into_iter()
        .next()
        .unwrap_or(text)
        .to_lowercase();
    if REPORTED
        .iter()
        .any(|w| find_word(&first_sentence, w).is_some())
        || is_title_case(text)
    {
        return None;
    }
    for cue in [
        "should",
        "must",
        "recommend",
        "recommends",
        "ought to",
        "needs to",
    ] {
        if let Some(at) = find_word(&first_sentence, cue) {
            let before = &first_sentence[..at];
            if REPORTING_VERBS
                .iter()
                .any(|v| find_word(before, v).is_some())
            {
                return None;
            }
            return Some(format!("directive wording (\"{cue}\")"));
        }
    }
    // A requirement in the passive infinitive, as trackers word recommendations: "Policy
    // for responding to fraud to be published", "Guidance to be provided to ...". Not
    // a forecast ("likely to be published", "expected to be completed").
    if let Some(at) = find_word(&first_sentence, "to be") {
        let mut after = first_sentence[at + 5..]
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()));
        let mut next = after.next().unwrap_or("");
        // "to be consistently applied"
        if next.ends_with("ly") {
            next = after.next().unwrap_or("");
        }
        let participle = (next.len() > 3 && (next.ends_with("ed") || next.ends_with("en")))
            || [
                "made", "set", "kept", "done", "held", "put", "sent", "built", "met", "run",
            ]
            .contains(&next);
        // The requirement is the sentence's main clause: its subject alone before "to
        // be", no verb of its own ("AI noted ... had yet to be adopted", "The delegation
        // recalled ...") and no forecast ("likely to be", "expected to be").
        let before: Vec<&str> = first_sentence[..at]
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
            .collect();
        const FINITE: [&str; 24] = [
            "is", "are", "was", "were", "has", "have", "had", "will", "would", "may", "might",
            "can", "could", "remains", "remain", "yet", "still", "needs", "need", "likely", "due",
            "going", "about", "seems",
        ];
        let determiners = ["the", "a", "an", "its", "their", "this", "these", "our"];
        let has_verb = before.iter().enumerate().any(|(k, w)| {
            FINITE.contains(w)
                || (w.len() > 3
                    && w.ends_with("ed")
                    // "cyber-enabled flag": a compound adjective
                    && !w.contains('-')
                    && !k
                        .checked_sub(1)
                        .is_some_and(|p| determiners.contains(&before[p])))
        });
        if participle && !has_verb && (1..=15).contains(&before.len()) {
            return Some(format!("a requirement (\"to be {next}\")"));
        }
    }
    // A committee's resolution: "That the Panel continue to receive ...", "That, in
    // discussion with the OPCC, the working group develop ...".
    if let Some(rest) = text.trim_start().strip_prefix("That")
        && rest.starts_with([' ', ','])
    {
        let next = rest
            .trim_start_matches([' ', ','])
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let narrative = [
            "is", "was", "said", "being", "will", "would", "may", "might", "could", "has", "had",
            "means", "seems", "did", "does", "can",
        ];
        // "That members note the progress made": the committee takes note only.
        let notes = only_notes(text);
        if !next.is_empty() && !narrative.contains(&next.as_str()) && !notes {
            return Some("a resolution (\"That ...\")".to_string());
        }
    }
    let mut words = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let mut first = words.next()?;
    let mut second = words.next().unwrap_or("");
    if is_adverb(first) {
        first = second;
        second = words.next().unwrap_or("");
    }
    // "Review of ..." is a title, not an instruction.
    if IMPERATIVES.contains(&first) && second != "of" {
        return Some(format!("an imperative verb (\"{first}\")"));
    }
    None
}

/// Directive wording in a later sentence of the unit, in its own voice ("... research is
/// underway. The Government should set out a timescale ..."): the unit states a finding,
/// then asks. Weaker than an ask in the first sentence; it needs another sign.
fn directive_later(text: &str) -> Option<String> {
    if is_title_case(text) {
        return None;
    }
    for sentence in crate::fields::sentences(text).into_iter().skip(1) {
        let sentence = sentence.to_lowercase();
        let sentence = sentence.as_str();
        if REPORTED.iter().any(|w| find_word(sentence, w).is_some()) {
            continue;
        }
        for cue in ["should", "must", "recommend", "ought to", "needs to"] {
            if let Some(at) = find_word(sentence, cue)
                && !REPORTING_VERBS
                    .iter()
                    .any(|v| find_word(&sentence[..at], v).is_some())
            {
                return Some(format!("directive wording in a later sentence (\"{cue}\")"));
            }
        }
    }
    None
}

/// The paragraph of the report a unit was taken from, cited at its end ("... (Paragraph
/// 26)", "(Paragraphs 40-42)", "(para 4.2)"): a report's conclusion quoted in a response
/// or a summary of recommendations.
pub(crate) fn cited_paragraph(text: &str) -> Option<&str> {
    let t = text.trim_end().trim_end_matches('.').trim_end();
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let cite = &inner[open + 1..];
    let lower = cite.to_lowercase();
    let rest = [
        "paragraphs",
        "paragraph",
        "paras.",
        "paras",
        "para.",
        "para",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest.trim_start();
    (rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || " .,-–—and".contains(c)))
    .then_some(&t[open..])
}

/// The numbers of a label ("122.11" -> [122, 11]; "b" -> its place), for ordering.
/// The value of a Roman numeral written in one case, up to 39 ("ii" -> 2, "XIV" -> 14).
fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if s != lower && s != s.to_ascii_uppercase() {
        return None;
    }
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    const TENS: [&str; 4] = ["", "x", "xx", "xxx"];
    (1..40)
        .find(|&n| format!("{}{}", TENS[n / 10], ONES[n % 10]) == lower)
        .map(|n| n as u32)
}

fn numbers(label: &str) -> Vec<u32> {
    if let Some(v) = roman_value(label) {
        return vec![v];
    }
    label
        .split('.')
        .map(|p| {
            p.parse()
                .unwrap_or_else(|_| p.bytes().next().map_or(0, u32::from))
        })
        .collect()
}

/// A title ("Progress Made but Challenges Must be Addressed"): most longer words
/// capitalised. A title names a subject; it does not ask anyone to act.
fn is_title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let t = text.trim_end();
    long.len() >= 3
        && text.split_whitespace().count() <= 20
        && !t.ends_with([';', '.'])
        && long
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .count()
            * 10
            >= long.len() * 7
}

/// Whether a heading names units that a body is asked to act on.
pub(crate) fn names_items(heading: &str) -> Option<ItemKind> {
    let h = heading.to_lowercase();
    if h.contains("area for improvement") || h.contains("areas for improvement") {
        return Some(ItemKind::AreaForImprovement);
    }
    [
        "recommendation",
        "action",
        "activit",
        "reference",
        "cause of concern",
        "causes of concern",
        "priorit",
        "improvement plan",
        "tracker",
        "matters for",
        "proposal",
    ]
    .iter()
    .any(|w| h.contains(w))
    .then_some(ItemKind::Recommendation)
}

/// A short line that names a section rather than saying something: a few words and no
/// closing punctuation.
fn is_title_like(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=8).contains(&words) && !t.trim_end().ends_with(['.', ';', ',', ':'])
}

/// A body block that answers the unit: a labelled response, update or status, a bullet, or
/// a numbered progress paragraph one level down.
fn answer_kind(b: &Block) -> Option<&'static str> {
    let t = b.text.trim();
    if let Some((head, _)) = t.split_once(':') {
        let h = head.to_lowercase();
        let words = h.split_whitespace().count();
        if words <= 4
            && [
                "response",
                "update",
                "progress",
                "status",
                "comment",
                "action taken",
                "actions taken",
                "position",
                "outcome",
            ]
            .iter()
            .any(|w| h.contains(w))
        {
            return Some("a response or status after it");
        }
    }
    if b.kind == BlockKind::Bullet {
        return Some("a progress bullet after it");
    }
    if Status::from_leading_words(t).is_some() {
        return Some("a status after it");
    }
    None
}

/// One candidate: the block that opens it, the blocks of its body, its enumerator.
struct Unit {
    start: usize,
    end: usize,
    style: Style,
    label: String,
    text: String,
}

/// Reads the units the layout recognisers left.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    let n = blocks.len();
    let mut units: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < n {
        let b = &blocks[i];
        if ctx.claimed[i] || b.kind == BlockKind::Row {
            i += 1;
            continue;
        }
        // "Microbeads 5. We welcome ...": taken when 5 is the next number (or the first).
        let next_decimal = units
            .iter()
            .rev()
            .find(|u| u.style == Style::Decimal(1))
            .map_or(1, |u| numbers(&u.label)[0] + 1);
        let Some(e) = enumerator(&b.text).or_else(|| titled_next(&b.text, next_decimal)) else {
            i += 1;
            continue;
        };
        // A short numbered title ("2. Progress") is a section heading, not a unit.
        if matches!(e.style, Style::Decimal(1))
            && is_title_like(e.rest)
            && b.text.len() < 60
            && cited_paragraph(e.rest).is_none()
            && directive(e.rest).is_none()
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n {
            let c = &blocks[j];
            if ctx.claimed[j] || c.is_heading() {
                break;
            }
            if matches!(e.style, Style::Decimal(1))
                && numbers(&e.label)
                    .first()
                    .and_then(|n| titled_next(&c.text, n + 1))
                    .is_some()
            {
                break;
            }
            if let Some(f) = enumerator(&c.text) {
                if f.style == e.style {
                    break;
                }
                if matches!(f.style, Style::Decimal(1) | Style::RPrefix | Style::Code)
                    && is_title_like(f.rest)
                {
                    break;
                }
            }
            j += 1;
        }
        units.push(Unit {
            start: i,
            end: j,
            style: e.style,
            label: e.label.clone(),
            text: e.rest.to_string(),
        });
        i = j;
    }
    // Runs: units of one style with nothing but their bodies between them.
    let mut runs: Vec<(usize, usize)> = Vec::new(); // unit index range
    for k in 0..units.len() {
        let joined =
            k > 0 && units[k - 1].style == units[k].style && units[k - 1].end == units[k].start;
        if !joined {
            runs.push((k, k + 1));
        } else if let Some(last) = runs.last_mut() {
            last.1 = k + 1;
        }
    }
    let others_found = doc.items.iter().any(|i| {
        matches!(
            i.kind,
            ItemKind::Recommendation | ItemKind::AreaForImprovement
        )
    });
    let mut near_misses: Vec<Diagnostic> = Vec::new();
    let mut taken: Vec<Item> = Vec::new();
    for &(from, to) in &runs {
        let run = &units[from..to];
        // In sequence: most neighbours ascend (a thematic list regroups some entries).
        let rising = run
            .windows(2)
            // Reference codes carry no order of their own.
            .filter(|w| w[0].style == Style::Code || numbers(&w[1].label) > numbers(&w[0].label))
            .count();
        // A long run in which few units ask anything is the document's own paragraph
        // numbering (a state's report, a narrative): its order says nothing about the
        // few that use "should" or "must" in passing.
        let asking = run
            .iter()
            .filter(|u| directive(&u.text).is_some() || cited_paragraph(&u.text).is_some())
            .count();
        let narrative = run.len() >= 8 && asking * 3 < run.len();
        let ascending = run.len() >= 2 && rising * 10 >= (run.len() - 1) * 6 && !narrative;
        let heading = heading_above(blocks, run[0].start);
        let heading_kind = heading.as_deref().and_then(names_items);
        for u in run {
            let mut evidence: Vec<String> = Vec::new();
            let direct = directive(&u.text);
            let later = direct.is_none().then(|| directive_later(&u.text)).flatten();
            if let Some(d) = direct.as_ref().or(later.as_ref()) {
                evidence.push(d.clone());
            }
            let cites = cited_paragraph(&u.text);
            if let Some(c) = cites {
                evidence.push(format!("cites the report's paragraph (\"{c}\")"));
            }
            if let (Some(h), Some(_)) = (&heading, heading_kind) {
                evidence.push(format!("under the heading \"{h}\""));
            }
            let answers: Vec<&Block> = blocks[u.start + 1..u.end].iter().collect();
            let answer = answers.iter().find_map(|b| answer_kind(b)).or_else(|| {
                // Numbered progress paragraphs one level down ("1.1 The force has ...").
                answers
                    .iter()
                    .any(|b| {
                        enumerator(&b.text).is_some_and(|f| f.style != u.style)
                            && crate::fields::status_of_text(&b.text).is_some()
                    })
                    .then_some("a progress paragraph after it")
            });
            if let Some(a) = answer {
                evidence.push(a.to_string());
            }
            if ascending {
                evidence.push(format!(
                    "numbered in sequence with {} others",
                    run.len() - 1
                ));
            }
            // Where the layout recognisers already read items, the document's own layout
            // has been understood: a unit they passed over needs every sign but one.
            // A cited paragraph marks a quoted conclusion: with an ask in it, it is an item
            // whatever else was found.
            let take = if cites.is_some() && (direct.is_some() || later.is_some() || ascending) {
                true
            } else if others_found {
                direct.is_some() && heading_kind.is_some() && (answer.is_some() || ascending)
            } else {
                (direct.is_some() && (heading_kind.is_some() || answer.is_some() || ascending))
                    || (heading_kind.is_some() && answer.is_some())
            };
            if !take {
                if !evidence.is_empty() && direct.is_some() || heading_kind.is_some() {
                    near_misses.push(Diagnostic::warning(
                        blocks[u.start].line,
                        format!(
                            "\"{}\" looked like an item but was not taken: {}",
                            clip(&blocks[u.start].text, 60),
                            if evidence.is_empty() {
                                "no sign that it asks for action".to_string()
                            } else {
                                format!("only {}", evidence.join(", "))
                            }
                        ),
                    ));
                }
                continue;
            }
            let kind = heading_kind.unwrap_or(ItemKind::Recommendation);
            let mut item = Item::new(kind, without_attributions(&u.text), blocks[u.start].line);
            item.r#ref = match u.style {
                Style::Code | Style::Roman => Some(u.label.clone()),
                _ => clean_ref(&u.label),
            };
            item.evidence = evidence;
            // Under a title ("Review of custody provision"), bullets report progress;
            // under a sentence they are its own parts or tags.
            let titled = u.text.split_whitespace().count() <= 14
                && !u.text.trim_end().ends_with(['.', ';', ':', ',']);
            for b in &blocks[u.start + 1..u.end] {
                if b.kind == BlockKind::Bullet && !titled {
                    continue;
                }
                // A label line ("Theme: Health") groups what follows; it answers nothing.
                if b.kind == BlockKind::Paragraph
                    && is_title_like(&b.text)
                    && answer_kind(b).is_none()
                    && labelled_fields(&b.text).1.is_empty()
                {
                    continue;
                }
                // A label with nothing after it ("Supporting documents:") says nothing.
                let t = b.text.trim();
                if t.ends_with(':') && t.split_whitespace().count() <= 4 {
                    continue;
                }
                read_body_block(&mut item, b, ctx.date);
            }
            taken.push(item);
        }
    }
    for u in &units {
        if taken.iter().any(|t| t.line == blocks[u.start].line) {
            ctx.claim(u.start, u.end);
        }
    }
    led_in_paragraphs(ctx, &mut taken);
    // A committee's resolutions stand beside what its minutes report on by code: the
    // minutes of an outstanding-references item end "RESOLVED – That the report be noted".
    let before_resolutions = taken.len();
    resolutions(ctx, &mut taken);
    let after_resolutions = taken.len();
    if !others_found && taken.is_empty() {
        addressed_paragraphs(ctx, &mut taken);
    }
    if !others_found && before_resolutions == 0 && taken.len() == after_resolutions {
        referenced_in_prose(ctx, &mut taken);
    }
    if !others_found && before_resolutions == 0 && taken.len() == after_resolutions {
        closing_clauses(ctx, &mut taken);
    }
    if !others_found && before_resolutions == 0 && taken.len() == after_resolutions {
        undertakings(ctx, &mut taken);
    }
    if taken.is_empty() && doc.items.is_empty() {
        doc.diagnostics.extend(near_misses.into_iter().take(20));
    }
    doc.items.extend(taken);
    if !doc.layouts.iter().any(|l| l == "general")
        && doc.items.iter().any(|i| !i.evidence.is_empty())
    {
        doc.layouts.push("general".to_string());
    }
}

/// A tracked reference code in running text ("9/2022/P", "PCC/2011/14", "AP-07"): a
/// slash or hyphen, two digits or more, a letter, no spaces.
fn is_reference_code(w: &str) -> bool {
    let digits = w.chars().filter(char::is_ascii_digit).count();
    (4..=24).contains(&w.len())
        && w.contains(['/', '-'])
        && digits >= 2
        && w.chars().any(|c| c.is_ascii_alphabetic())
        && w.chars().any(|c| c.is_ascii_uppercase())
        && w.starts_with(|c: char| c.is_ascii_alphanumeric())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-')
        && !w.contains("//")
}

/// Words that say the code after them names a tracked action or reference.
const REFERENCE_CUES: [&str; 9] = [
    "action",
    "actions",
    "reference",
    "references",
    "ref",
    "refs",
    "recommendation",
    "recommendations",
    "item",
];

/// Actions and references a committee's minutes report on by their codes only ("The
/// Board received an update on action 9/2022/P ...", "Officers updated the Board on
/// actions 16/2022/P and 18/2022/P"). Each code is an item of its own, its text the
/// sentence that reports on it, that sentence also its update. A code counts when a cue
/// word ("action", "reference") stands before it, or anywhere once a heading or the title
/// names outstanding references, an action log or matters arising. Read only where nothing else was found.
fn referenced_in_prose(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    let named = blocks
        .iter()
        .take_while(|b| b.kind != BlockKind::Paragraph || is_title_like(&b.text))
        .chain(blocks.iter().filter(|b| b.is_heading()))
        .any(|b| {
            let h = b.text.to_lowercase();
            is_title_like(&b.text)
                && [
                    "outstanding",
                    "action log",
                    "action list",
                    "action tracker",
                    "actions arising",
                    "matters arising",
                ]
                .iter()
                .any(|w| h.contains(w))
        });
    let mut seen: Vec<String> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if ctx.claimed[i] || !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet) {
            continue;
        }
        let mut found_here = false;
        for sentence in crate::fields::sentences(&b.text) {
            let words: Vec<&str> = sentence.split_whitespace().collect();
            // The cue governs a list of codes after it ("actions 16/2022/P and 18/2022/P").
            let mut cued = false;
            for (k, w) in words.iter().enumerate() {
                let bare = w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/');
                let lower = bare.to_lowercase();
                // "Action 4/2023" opening a sentence, "action 4/2023" within one; a
                // capital inside a sentence is a title's ("Programme of Action A/HRC/43/74").
                let cue_case = k == 0 || bare.starts_with(|c: char| c.is_lowercase());
                if REFERENCE_CUES.contains(&lower.as_str()) && cue_case {
                    // "... for Congressional Action, GAO-23-106567": a title ends there.
                    cued = !w.ends_with([',', ';', ':', '.', ')']);
                    continue;
                }
                if !is_reference_code(bare) {
                    if !["and", "&", "the", "no", "no."].contains(&lower.as_str()) {
                        cued = false;
                    }
                    continue;
                }
                if !(cued || named) || seen.iter().any(|s| s == bare) {
                    continue;
                }
                seen.push(bare.to_string());
                let mut item = Item::new(ItemKind::Recommendation, sentence.trim(), b.line);
                item.r#ref = Some(bare.to_string());
                item.evidence = vec![if cued {
                    "a reference code after \"action\" or \"reference\"".to_string()
                } else {
                    "a reference code under a heading naming references or actions".to_string()
                }];
                push_response(&mut item, sentence, b.line);
                taken.push(item);
                found_here = true;
            }
        }
        if found_here {
            ctx.claim(i, i + 1);
        }
    }
}

/// What a committee's minutes record someone undertaking or being asked to do: "the
/// Commissioner undertook to look into this and confirm by note", "The Chairman requested
/// that he be provided with a clear definition of ...". Each is an action arising; its text
/// is the clause from the person who is to act. Read only in minutes (a resolution or a
/// report "received" or "considered" by the committee) where nothing else was found.
fn undertakings(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    if !reads_as_minutes(ctx.text) {
        return;
    }
    const CUES: [&str; 8] = [
        " undertook to ",
        " requested that ",
        " asked that ",
        " agreed to provide ",
        " agreed to circulate ",
        " agreed to report ",
        " would report back ",
        " agreed to arrange ",
    ];
    for (i, b) in blocks.iter().enumerate() {
        if ctx.claimed[i] || b.kind != BlockKind::Paragraph {
            continue;
        }
        let mut found_here = false;
        for sentence in crate::fields::sentences(&b.text) {
            let lower = sentence.to_lowercase();
            // "The Chairman stated that all the observations should be checked off by HR":
            // a direction recorded in the minutes.
            let stated = lower
                .find(" stated that ")
                .filter(|&s| find_word(&lower[s..], "should").is_some());
            let Some(at) = CUES
                .iter()
                .filter_map(|c| lower.find(c))
                .chain(stated)
                .min()
            else {
                continue;
            };
            // The clause of the person who is to act: after the last "and" or comma
            // before the cue ("... raised concern and the Commissioner undertook to ...").
            let head = &lower[..at];
            let from = [" and ", ", "]
                .iter()
                .filter_map(|j| head.rfind(j).map(|p| p + j.len()))
                .max()
                .unwrap_or(0);
            let Some(clause) = sentence.get(from..).map(str::trim) else {
                continue;
            };
            // The subject is a person or body: a few words, not a clause of its own.
            let subject = clause.get(..at - from).unwrap_or_default();
            if subject.split_whitespace().count() > 6 {
                continue;
            }
            // "... be provided to Members. (7)": the minutes' own number for the action.
            let (clause, number) = match clause
                .trim_end()
                .strip_suffix(')')
                .and_then(|c| c.rsplit_once('('))
                .filter(|(_, n)| {
                    !n.is_empty() && n.len() <= 4 && n.chars().all(|c| c.is_ascii_digit())
                }) {
                Some((body, n)) => (body.trim_end(), Some(n.to_string())),
                None => (clause, None),
            };
            let mut item = Item::new(ItemKind::Recommendation, clause, b.line);
            item.r#ref = number;
            item.evidence = vec!["an undertaking or request recorded in the minutes".into()];
            taken.push(item);
            found_here = true;
        }
        if found_here {
            ctx.claim(i, i + 1);
        }
    }
}

/// Whether the text reads as a committee's minutes: a resolution, or a report the
/// committee "received" or "considered".
fn reads_as_minutes(text: &str) -> bool {
    if text.contains("RESOLVED")
        || text
            .lines()
            .any(|l| matches!(l.trim(), "Minutes" | "Minutes:" | "MINUTES"))
    {
        return true;
    }
    // "The Sub-committee received a report", "the Panel considered the ...".
    let lower = text.to_lowercase();
    [
        "received a",
        "considered a",
        "received the",
        "considered the",
    ]
    .iter()
    .any(|c| {
        ["committee ", "board ", "panel ", "authority "]
            .iter()
            .any(|b| lower.contains(&format!("{b}{c}")))
    })
}

/// A clause's label, its words in either case: "(b) the Panel's meeting ...", "(i)
/// decisions by the PCC;", as well as every unit's enumerator.
fn clause_label(t: &str) -> Option<Enumerator<'_>> {
    if let Some(e) = enumerator(t) {
        return Some(e);
    }
    let t = t.trim_start();
    let (first, rest) = t.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    let inner = first.strip_prefix('(').unwrap_or(first).strip_suffix(')')?;
    if rest.is_empty() || inner.is_empty() {
        return None;
    }
    let style =
        if inner.starts_with(|c: char| c.is_ascii_lowercase()) && roman_value(inner).is_some() {
            Style::Roman
        } else if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
            Style::Letter
        } else if inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
            Style::Paren
        } else {
            return None;
        };
    Some(Enumerator {
        style,
        label: inner.to_string(),
        rest,
    })
}

/// The numbered clauses that close a committee's minutes are its resolutions, when the
/// word "RESOLVED" above them was lost (a web page of minutes copied without it): "(a)
/// Standard items on the Panel's agenda include ...", "(b) the Panel's meeting in December
/// includes ...". Clauses of a second numbering under one ("(i) decisions by the PCC;")
/// are part of its text. Read only in minutes where nothing else was found, from the
/// first clause ("a", "1", "i") to the end of the text.
fn closing_clauses(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    if !reads_as_minutes(ctx.text) {
        return;
    }
    // The end, past a closing label ("Supporting documents:") or link text.
    let mut end = blocks.len();
    while end > 0 && clause_label(&blocks[end - 1].text).is_none() && {
        let t = blocks[end - 1].text.trim();
        t.ends_with(':') || is_title_like(t)
    } {
        end -= 1;
    }
    // Back over the clauses to the first of the top numbering.
    let mut start = end;
    while start > 0
        && !ctx.claimed[start - 1]
        && matches!(blocks[start - 1].kind, BlockKind::Paragraph)
        && clause_label(&blocks[start - 1].text).is_some()
    {
        start -= 1;
    }
    let Some(top) = blocks.get(start).and_then(|b| clause_label(&b.text)) else {
        return;
    };
    if start == end || !matches!(top.label.as_str(), "a" | "1" | "i") {
        return;
    }
    let mut items: Vec<Item> = Vec::new();
    for b in &blocks[start..end] {
        let Some(e) = clause_label(&b.text) else {
            return;
        };
        // "(i)" under "(a)" is a sub-clause, not the ninth letter.
        let expected_letter = items
            .last()
            .and_then(|i| i.r#ref.as_deref())
            .and_then(|r| r.bytes().next())
            .map(|c| char::from(c + 1).to_string());
        let sub_numeral = e.style == Style::Letter
            && roman_value(&e.label).is_some()
            && expected_letter.is_some_and(|x| x != e.label);
        if e.style == top.style && !sub_numeral {
            let body = e.rest.trim().trim_end_matches([';', ',']);
            let body = body.strip_suffix(" and").unwrap_or(body).trim();
            let mut item = Item::new(ItemKind::Recommendation, body, b.line);
            item.r#ref = Some(e.label.clone());
            item.evidence =
                vec!["a numbered clause closing the minutes (a resolution)".to_string()];
            items.push(item);
        } else if let Some(last) = items.last_mut() {
            last.text
                .push_str(&format!(" ({}) {}", e.label, e.rest.trim()));
        }
    }
    if items.len() < 2 {
        return;
    }
    ctx.claim(start, end);
    taken.extend(items.into_iter().filter(|i| !only_notes(&i.text)));
}

/// Whether a resolution only takes note ("That the report be noted", "that members note
/// the progress made"): nobody is asked to act.
pub(crate) fn only_notes(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "be noted",
        "be received",
        "be approved",
        "be agreed",
        "be signed",
        "requested to note",
        "asked to note",
        "invited to note",
    ]
    .iter()
    .any(|p| find_word(&lower, p).is_some())
        || text.split_whitespace().take(8).any(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphabetic())
                    .to_lowercase()
                    .as_str(),
                "note" | "notes" | "noted"
            )
        })
}

/// A committee's decisions as its minutes record them: "RESOLVED: That the Commissioner
/// provide a report on ...", or "RESOLVED that:" over lettered or numbered clauses ("(a)
/// the Commissioner publish the data ..."). Each decision that asks someone to act is an
/// item; one that only takes note is not.
fn resolutions(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let t = b.text.trim();
        let Some(rest) = t
            .get(..8)
            .filter(|h| h.eq_ignore_ascii_case("resolved"))
            .map(|_| t[8..].trim_start_matches([':', '–', '—', '-', ',', ' ']))
            .filter(|_| !ctx.claimed[i] && b.kind == BlockKind::Paragraph)
        else {
            i += 1;
            continue;
        };
        let evidence = || vec!["a committee's resolution (\"RESOLVED\")".to_string()];
        let lead = rest.trim_end_matches(':').trim();
        if lead.is_empty() || lead.eq_ignore_ascii_case("that") {
            // The clauses under it, up to the first block that is not one.
            // All of one style: the clauses end where the minutes' own numbering resumes.
            let style = blocks
                .get(i + 1)
                .and_then(|nb| enumerator(&nb.text))
                .map(|e| e.style);
            let mut j = i + 1;
            while j < blocks.len()
                && !ctx.claimed[j]
                && (blocks[j].kind == BlockKind::Bullet
                    || enumerator(&blocks[j].text).is_some_and(|e| Some(e.style) == style))
            {
                let nb = &blocks[j];
                let (label, body) = match enumerator(&nb.text) {
                    // "(a)": a letter is the clause's reference as printed.
                    Some(e) => (
                        clean_ref(&e.label).or_else(|| {
                            (e.label.len() <= 2 && e.label.chars().all(|c| c.is_ascii_lowercase()))
                                .then(|| e.label.clone())
                        }),
                        e.rest,
                    ),
                    None => (None, nb.text.as_str()),
                };
                let body = body.trim().trim_end_matches([';', ',']);
                let body = body.strip_suffix(" and").unwrap_or(body).trim();
                if !only_notes(body) {
                    let mut item = Item::new(ItemKind::Recommendation, body, nb.line);
                    item.r#ref = label;
                    item.evidence = evidence();
                    taken.push(item);
                }
                j += 1;
            }
            ctx.claim(i, j);
            i = j.max(i + 1);
            continue;
        }
        if !only_notes(rest) {
            let mut item = Item::new(ItemKind::Recommendation, rest.trim(), b.line);
            item.evidence = evidence();
            taken.push(item);
        }
        ctx.claim(i, i + 1);
        i += 1;
    }
}

/// Unmarked paragraphs under a lead-in that names what they are ("The report set out a
/// small number of broad areas for improvement:"), each asking in its first sentence ("The
/// force should develop ..."): items of the kind the lead-in names, up to the first
/// paragraph that asks nothing. Markers lost in conversion leave lists like this.
fn led_in_paragraphs(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let lead = crate::fields::sentences(&b.text)
            .pop()
            .map(str::trim)
            .filter(|l| l.ends_with(':'))
            .filter(|_| {
                !ctx.claimed[i] && matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet)
            });
        // The kind named first: "areas for improvement rather than recommendations"; a
        // tracker's rated entries ("five Red responses which included the following:")
        // are its recommendations.
        let kind = lead.and_then(|l| {
            let lower = l.to_lowercase();
            let rated = ["red ", "amber ", "green "]
                .iter()
                .any(|c| lower.contains(c))
                && ["responses", "actions", "recommendations"]
                    .iter()
                    .any(|w| lower.contains(w));
            kind_named(l).or(rated.then_some(ItemKind::Recommendation))
        });
        let Some(kind) = kind else {
            if !ctx.claimed[i]
                && b.kind == BlockKind::Paragraph
                && let Some(items) = led_in_run_on(&b.text, b.line)
            {
                taken.extend(items);
                ctx.claim(i, i + 1);
            }
            i += 1;
            continue;
        };
        // "23 Green responses, and five Red responses which included the following:": the
        // colour named last before the list is its entries' rating.
        let lead_rag = lead.and_then(|l| {
            let lower = l.to_lowercase();
            [
                ("red", heed_core::Rag::Red),
                ("amber", heed_core::Rag::Amber),
                ("green", heed_core::Rag::Green),
            ]
            .iter()
            .filter_map(|(w, r)| {
                let at = lower.rfind(&format!("{w} "))?;
                let next = lower[at + w.len()..].split_whitespace().next()?;
                [
                    "responses",
                    "actions",
                    "recommendations",
                    "rated",
                    "ratings",
                ]
                .iter()
                .any(|n| next.starts_with(n))
                .then_some((at, *r))
            })
            .max_by_key(|(at, _)| *at)
            .map(|(_, r)| r)
        });
        let mut j = i + 1;
        while j < blocks.len()
            && !ctx.claimed[j]
            && matches!(blocks[j].kind, BlockKind::Paragraph | BlockKind::Bullet)
            && enumerator(&blocks[j].text).is_none()
            && directive(&blocks[j].text).is_some()
        {
            j += 1;
        }
        if j == i + 1 {
            i += 1;
            continue;
        }
        // Under a lead-in that names them, the first sentence is the item when it asks and
        // the rest says what was done: "X to be published. A draft policy was ...".
        let split = blocks[i + 1..j].iter().all(|nb| {
            crate::fields::sentences(&nb.text)
                .iter()
                .skip(1)
                .all(|s| directive(s).is_none())
        });
        for nb in &blocks[i + 1..j] {
            let sentences = crate::fields::sentences(&nb.text);
            let (text, rest) = match sentences.split_first() {
                Some((first, rest)) if split && !rest.is_empty() => {
                    (first.trim().to_string(), rest.join(" "))
                }
                _ => (nb.text.trim().to_string(), String::new()),
            };
            let mut item = Item::new(kind, text, nb.line);
            if !rest.trim().is_empty() {
                push_response(&mut item, rest.trim(), nb.line);
            }
            item.rag = lead_rag;
            item.evidence = vec![
                directive(&nb.text).unwrap_or_default(),
                format!("after a lead-in naming {}", kind.as_str().replace('_', " ")),
            ];
            taken.push(item);
        }
        ctx.claim(i, j);
        i = j;
    }
}

/// The kind a lead-in names: "areas for improvement" or "recommendations", the one named
/// first ("areas for improvement rather than recommendations").
fn kind_named(lead: &str) -> Option<ItemKind> {
    let l = lead.to_lowercase();
    let afi = l
        .find("area for improvement")
        .or_else(|| l.find("areas for improvement"));
    let rec = l.find("recommendation");
    match (afi, rec) {
        (Some(a), Some(r)) if r < a => Some(ItemKind::Recommendation),
        (Some(_), _) => Some(ItemKind::AreaForImprovement),
        (None, Some(_)) => Some(ItemKind::Recommendation),
        (None, None) => None,
    }
}

/// A lead-in and its list run into one paragraph, as text flattened from a PDF prints
/// them: "... a small number of broad 'Areas for Improvement' (AFIs): The force should
/// undertake ... The force should develop ... 2.4 Leadership ...". Each entry starts with
/// the words the first one opens with ("The force should"); it runs to the next entry,
/// or to the next numbered paragraph ("2.4 Leadership") or the end.
fn led_in_run_on(text: &str, line: usize) -> Option<Vec<Item>> {
    text.match_indices(": ")
        .find_map(|(colon, _)| led_in_run_on_at(text, colon, line))
}

fn led_in_run_on_at(text: &str, colon: usize, line: usize) -> Option<Vec<Item>> {
    let sentence_start = text[..colon].rfind(". ").map_or(0, |p| p + 2);
    let kind = kind_named(&text[sentence_start..colon])?;
    let after = text[colon + 2..].trim_start();
    let first = crate::fields::sentences(after).into_iter().next()?;
    directive(first)?;
    let opening: Vec<&str> = after.split_whitespace().take(3).collect();
    if opening.len() < 3 || !opening[0].starts_with(char::is_uppercase) {
        return None;
    }
    let opening = opening.join(" ");
    // Where the list ends: a numbered paragraph ("2.4 Leadership").
    let words: Vec<(usize, &str)> = after
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - after.as_ptr() as usize, w))
        .collect();
    let end = words
        .windows(2)
        .find(|w| {
            let n = w[0].1;
            n.contains('.')
                && n.split('.')
                    .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
                && w[1].1.starts_with(char::is_uppercase)
        })
        .map_or(after.len(), |w| w[0].0);
    let list = &after[..end];
    let mut starts: Vec<usize> = list.match_indices(&opening).map(|(p, _)| p).collect();
    starts.retain(|&p| {
        p == 0
            || list[..p]
                .trim_end()
                .ends_with(|c: char| c.is_alphanumeric() || c == '.')
    });
    if starts.len() < 2 {
        return None;
    }
    let items = starts
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let to = starts.get(k + 1).copied().unwrap_or(list.len());
            let mut item = Item::new(kind, list[p..to].trim(), line);
            item.evidence = vec![
                directive(&list[p..to]).unwrap_or_default(),
                format!("after a lead-in naming {}", kind.as_str().replace('_', " ")),
            ];
            item
        })
        .collect();
    Some(items)
}

/// Unnumbered recommendations standing as paragraphs of their own, as audit offices and
/// inspectorates print them: a sentence whose subject names an office or a group of them
/// ("The Director of OSTP should, in coordination with ..., update ...", "By 31 August
/// 2015, all chief constables should ..."), perhaps with a sentence or two more of what it
/// should include, and after it either the body's comments on "our recommendation" or a
/// status recorded against it ("awaiting review", then "complete"), with what was done.
/// Read only where nothing else was found.
fn addressed_paragraphs(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if ctx.claimed[i] || b.kind != BlockKind::Paragraph {
            continue;
        }
        // "By 31 August 2015, all chief constables should": a time before the subject.
        let body = time_adverbial_end(&b.text).map_or(b.text.as_str(), |at| &b.text[at..]);
        let words: Vec<&str> = body.split_whitespace().collect();
        let Some(should) = words.iter().take(12).position(|w| {
            let w = w.trim_end_matches(',');
            w == "should" || w == "must"
        }) else {
            continue;
        };
        // The subject names an office, body or group: "The Director of OSTP", "Chief
        // constables", "all forces"; not a pronoun or a clause of its own.
        let the = usize::from(words.first() == Some(&"The"));
        let subject = &words[the..should];
        let sentences = crate::fields::sentences(&b.text).len();
        if subject.is_empty()
            || subject.len() > 8
            || (the == 1 && !subject[0].starts_with(char::is_uppercase))
            || matches!(
                subject[0].to_lowercase().as_str(),
                "it" | "this" | "that" | "they" | "we" | "he" | "she" | "there" | "you" | "i"
            )
            || subject.iter().any(|w| w.ends_with([',', ';', ':']))
            || words.len() > 120
            || sentences > 3
            || (the == 0 && sentences > 1 && words.len() > 90)
        {
            continue;
        }
        let after = &blocks[i + 1..];
        let answered = after.iter().take(3).any(|n| {
            n.text.contains("our recommendation") || n.text.contains("the recommendation")
        });
        // A status recorded against it, the last one standing ("awaiting review" on one
        // day, "complete" on a later one).
        let recorded = after
            .iter()
            .take(3)
            .position(|n| n.text.contains("[status]") || status_record(&n.text).is_some());
        if !answered && recorded.is_none() {
            continue;
        }
        // One sentence, as audit offices print them; more only with a status recorded.
        if sentences > 1 && recorded.is_none() {
            continue;
        }
        let text = b.text.trim().to_string();
        let mut item = Item::new(ItemKind::Recommendation, text, b.line);
        item.evidence = vec![
            format!(
                "directive wording (\"{}\")",
                words[should].trim_end_matches(',')
            ),
            "a paragraph addressed to a named office".to_string(),
            if recorded.is_some() {
                "a status recorded against it".to_string()
            } else {
                "comments on the recommendation after it".to_string()
            },
        ];
        item.addressee = Some(subject.join(" ").trim_end_matches(',').to_string());
        let mut end = i + 1;
        if let Some(k) = recorded {
            let s = &after[k];
            if let Some((status, words)) = status_record(&s.text) {
                item.status = Some(status);
                item.status_words = Some(words);
            }
            // What was done, in the prose after the status.
            for n in after[k + 1..].iter().take(3) {
                if n.kind != BlockKind::Paragraph || n.is_heading() {
                    break;
                }
                let text = n.text.trim();
                if !text.is_empty() {
                    item.responses.push(Response {
                        text: text.to_string(),
                        line: n.line,
                    });
                }
            }
            end = i + 1 + k + 1 + item.responses.len();
        }
        // The comments paragraph that answers it ("OSTP neither agreed nor disagreed with
        // our recommendation") is its response, with the position it states, if any.
        else if let Some(c) = after.iter().take(3).find(|n| {
            n.kind == BlockKind::Paragraph
                && crate::fields::sentences(&n.text)
                    .iter()
                    .any(|s| positions::is_reply(s) || !positions::stances(s).is_empty())
        }) && !positions::apply(&c.text, c.line, std::slice::from_mut(&mut item))
        {
            item.responses.push(Response {
                text: positions::response_text(&c.text),
                line: c.line,
            });
        }
        ctx.claim(i, end.min(blocks.len()));
        taken.push(item);
    }
}

/// Where the subject starts after an opening time ("By 31 August 2015, ", "Within six
/// months, ", "Immediately, "): the byte after the comma.
fn time_adverbial_end(text: &str) -> Option<usize> {
    let comma = text.find(", ")?;
    let head = text[..comma].to_lowercase();
    let timely = head.starts_with("by ")
        || head.starts_with("within ")
        || head.starts_with("immediately")
        || head.starts_with("with immediate effect")
        || head.starts_with("from ");
    (timely && head.split_whitespace().count() <= 6).then_some(comma + 2)
}

/// The status a record line leaves standing: the last status phrase in it ("... awaiting
/// review ... complete" is complete), and its words. Only a short line, or one whose
/// status is marked as such, is a record.
fn status_record(text: &str) -> Option<(Status, String)> {
    let marked = text.contains("[status]") || text.to_lowercase().starts_with("status");
    if !marked && text.split_whitespace().count() > 6 {
        return None;
    }
    let plain = text.replace(['[', ']', '/'], " ").replace('-', " ");
    Status::find_all(&plain).into_iter().last()
}

/// The nearest heading above block `at`: a heading block, or a short title-like paragraph
/// that is not itself a numbered unit of a run.
fn heading_above(blocks: &[Block], at: usize) -> Option<String> {
    let mut nearest: Option<String> = None;
    for b in blocks[..at].iter().rev().take(12) {
        let strip = enumerator(&b.text)
            .map(|e| e.rest)
            .unwrap_or(&b.text)
            .trim();
        let heading = b.is_heading() || (b.kind == BlockKind::Paragraph && is_title_like(&b.text));
        if !heading {
            continue;
        }
        if names_items(strip).is_some() {
            return Some(strip.to_string());
        }
        if nearest.is_none() {
            nearest = Some(strip.to_string());
        }
        // A real heading closes the search: what lies above it is another section.
        if b.is_heading() {
            break;
        }
    }
    nearest
}

/// Reads one body block into the item: a labelled status, owner or due date, or a response.
/// What a field label under an item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyField {
    Due,
    Rag,
    Reply,
}

/// The field a label names ("Target date", "RAG status", "Response"), if Heed reads it.
fn field_of_label(label: &str) -> Option<BodyField> {
    let l = label.trim().to_lowercase();
    Some(match l.as_str() {
        "target date"
        | "deadline"
        | "due"
        | "due date"
        | "due by"
        | "timescale"
        | "timescales"
        | "completion date"
        | "target completion date"
        | "date due" => BodyField::Due,
        "rag" | "rag status" | "rag rating" | "rating" => BodyField::Rag,
        "response"
        | "update"
        | "progress"
        | "progress update"
        | "comment"
        | "comments"
        | "management response"
        | "force response"
        | "latest update" => BodyField::Reply,
        _ => return None,
    })
}

/// Splits "Response: Accepted. ... Target date: June 2024 RAG: Green" at each label Heed
/// reads (capitalised, then a colon), into the text before the first and each labelled
/// value in order.
fn labelled_fields(t: &str) -> (&str, Vec<(BodyField, &str)>) {
    let mut marks: Vec<(usize, usize, BodyField)> = Vec::new(); // label start, value start
    for (at, _) in t.match_indices(':') {
        let before = &t[..at];
        // The label: the last one to three words before the colon.
        let words: Vec<(usize, &str)> = before
            .split_whitespace()
            .rev()
            .take(3)
            .map(|w| (before.rfind(w).unwrap_or(0), w))
            .collect();
        for n in (1..=words.len()).rev() {
            let start = words[n - 1].0;
            let label = &before[start..];
            if label.starts_with(char::is_uppercase)
                && let Some(f) = field_of_label(label)
            {
                marks.push((start, at + 1, f));
                break;
            }
        }
    }
    let lead = marks.first().map_or(t, |m| &t[..m.0]);
    let fields = marks
        .iter()
        .enumerate()
        .map(|(k, &(_, from, f))| {
            let to = marks.get(k + 1).map_or(t.len(), |n| n.0);
            (f, t[from..to].trim())
        })
        .collect();
    (lead.trim(), fields)
}

fn read_body_block(item: &mut Item, b: &Block, date: Option<heed_core::date::Day>) {
    let t = b.text.trim();
    // Labelled fields Heed reads: the value goes where the label says, and the rest of
    // the block is read as before.
    let (lead, fields) = labelled_fields(t);
    if !fields.is_empty() {
        for (f, value) in fields {
            match f {
                BodyField::Due => {
                    // The value is the date itself ("June 2024"), or a phrase ("by the
                    // end of 2024/25").
                    let d = heed_core::date::parse_date_phrase(value, date)
                        .or_else(|| crate::fields::deadline_in(value, date));
                    if let Some(d) = d {
                        item.deadline = Some(d);
                    }
                }
                BodyField::Rag => {
                    if let Some(r) = heed_core::Rag::from_words(value) {
                        item.rag = Some(r);
                        item.rag_reason = Some(format!("stated: {value:?}"));
                    }
                }
                BodyField::Reply => push_response(item, value, b.line),
            }
        }
        if !lead.is_empty() {
            read_body_text(item, lead, b.line);
        }
        return;
    }
    read_body_text(item, t, b.line);
}

fn read_body_text(item: &mut Item, t: &str, line: usize) {
    let t = t
        .strip_prefix(['•', '-', '*'])
        .map(str::trim_start)
        .unwrap_or(t);
    // Numbered progress paragraphs lose their number.
    let t = enumerator(t).map(|e| e.rest).unwrap_or(t);
    // "Status: complete." on a line of its own, or at the end of a paragraph.
    if let Some(at) = t.find("Status:") {
        let words = t[at + 7..].trim().trim_end_matches('.');
        if let Some((s, w)) = Status::from_leading_words(words) {
            item.status = Some(s);
            item.status_words = Some(w.to_string());
        } else if !words.is_empty() && item.status_words.is_none() {
            item.status_words = Some(words.to_string());
        }
        let before = t[..at].trim();
        if !before.is_empty() {
            push_response(item, before, line);
        }
        return;
    }
    if let Some((head, value)) = t.split_once(':') {
        let h = head.trim().to_lowercase();
        let value = value.trim();
        if ["owner", "lead", "lead officer", "responsible officer"].contains(&h.as_str()) {
            item.owner = Some(value.to_string());
            return;
        }
        // "Source of Position: A/HRC/43/15 - Para 121 Supported": a position, not a reply.
        if h.contains("position") && h.split_whitespace().count() <= 4 {
            if let Some((p, w)) = heed_core::Position::from_words(value) {
                item.position = Some(p);
                item.position_words = Some(w);
            }
            return;
        }
    }
    // A position standing alone ("Supported", "Noted").
    if t.split_whitespace().count() <= 3
        && let Some((p, w)) = heed_core::Position::from_words(t)
    {
        item.position = Some(p);
        item.position_words = Some(w);
        return;
    }
    push_response(item, t, line);
}

/// The text without the trailing attributions naming who made it ("(France) (Lithuania);"),
/// when it has any; otherwise as printed.
fn without_attributions(text: &str) -> String {
    let mut t = text.trim().to_string();
    let mut changed = false;
    loop {
        let s = crate::listed::strip_attribution(&t);
        if s.len() + 2 >= t.len() || !t.trim_end_matches([';', '.', ',']).ends_with(')') {
            break;
        }
        changed = true;
        t = s;
    }
    if changed { t } else { text.trim().to_string() }
}

fn push_response(item: &mut Item, text: &str, line: usize) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    item.responses.push(Response {
        text: text.to_string(),
        line,
    });
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(n).collect();
        c.push('…');
        c
    }
}

#[cfg(test)]
mod tests {
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
        let (lead, f) = labelled_fields(
            "Response: Accepted. A lead officer was appointed. Target date: June 2024 RAG: Green",
        );
        assert_eq!(lead, "");
        assert_eq!(
            f,
            vec![
                (BodyField::Reply, "Accepted. A lead officer was appointed."),
                (BodyField::Due, "June 2024"),
                (BodyField::Rag, "Green")
            ]
        );
        let (lead, f) = labelled_fields("The plan is late: the board has not met.");
        assert_eq!(
            (lead, f.len()),
            ("The plan is late: the board has not met.", 0)
        );
    }
}
