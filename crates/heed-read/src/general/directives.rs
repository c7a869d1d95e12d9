//! Whether words ask someone to act: opening imperatives, "should" and "we recommend",
//! and reported speech, which tells of someone else's recommendation.

use super::*;

/// Verbs that open an action or a recommendation in the imperative ("Publish the plan").
pub(super) const IMPERATIVES: &[&str] = &[
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
    "arrange",
    "assess",
    "audit",
    "avoid",
    "brief",
    "bring",
    "build",
    "carry",
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
    "disclose",
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
    "fund",
    "guarantee",
    "harmonise",
    "harmonize",
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
    "produce",
    "prohibit",
    "promote",
    "protect",
    "provide",
    "publish",
    "pursue",
    "put",
    "raise",
    "ratify",
    "reassess",
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
    "reform",
    "refrain",
    "refresh",
    "refund",
    "reimburse",
    "reinforce",
    "reinstate",
    "remove",
    "repay",
    "repeal",
    "replace",
    "report",
    "reprocess",
    "require",
    "resolve",
    "respect",
    "respond",
    "restore",
    "resubmit",
    "return",
    "review",
    "revise",
    "roll",
    "safeguard",
    "secure",
    "seek",
    "set",
    "share",
    "simplify",
    "speed",
    "standardise",
    "standardize",
    "step",
    "stop",
    "streamline",
    "strengthen",
    "submit",
    "support",
    "take",
    "target",
    "train",
    "undertake",
    "update",
    "upgrade",
    "use",
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
pub(super) fn is_adverb(w: &str) -> bool {
    w.ends_with("ly") || matches!(w, "further" | "also" | "urgently" | "still" | "again")
}

/// Words that tell of someone else's recommendation rather than make one.
pub(super) const REPORTED: &[&str] = &[
    "recommended",
    "urged",
    "called on",
    "called upon",
    "encouraged",
    "requested",
    "noted that",
];

/// Verbs that report what someone else said or thought.
pub(super) const REPORTING_VERBS: &[&str] = &[
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
pub(super) fn directive(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if REPORTED.iter().any(|w| find_word(&lower, w).is_some()) || is_title_case(text) {
        return None;
    }
    // The ask is in the unit's first sentence, in its own voice: not after "X stated
    // that" (someone else's words) and not deep in a paragraph of narrative.
    let first_sentence = crate::fields::sentences(&lower)
        .into_iter()
        .next()
        .unwrap_or(&lower)
        .to_string();
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
pub(super) fn directive_later(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    if is_title_case(text) {
        return None;
    }
    for sentence in crate::fields::sentences(&lower).into_iter().skip(1) {
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
