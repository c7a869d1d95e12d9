//! The general reader's words: enumerator letters, the imperative verbs that open an
//! ask, reported speech, and the directive sign a unit's first sentence gives (or a later
//! one), with the paragraph citations and numerals units carry.

use super::*;

pub(crate) fn letter<'a>(l: &str, rest: &'a str) -> Enumerator<'a> {
    Enumerator {
        style: Style::Letter,
        label: l.to_string(),
        rest,
    }
}

/// Verbs that open an action or a recommendation in the imperative ("Publish the plan").
pub(crate) const IMPERATIVES: &[&str] = &[
    "abolish",
    "accede",
    "accelerate",
    "accept",
    "acknowledge",
    "act",
    "address",
    "adhere",
    "adjust",
    "administer",
    "adopt",
    "advise",
    "agree",
    "align",
    "allocate",
    "allow",
    "amend",
    "analyse",
    "analyze",
    "announce",
    "apply",
    "appoint",
    "appraise",
    "approve",
    "arrange",
    "assess",
    "assign",
    "assist",
    "audit",
    "authorise",
    "authorize",
    "avoid",
    "brief",
    "bring",
    "build",
    "calculate",
    "cancel",
    "capture",
    "carry",
    "categorise",
    "categorize",
    "cease",
    "certify",
    "change",
    "circulate",
    "clarify",
    "co-ordinate",
    "codify",
    "collaborate",
    "collate",
    "collect",
    "combat",
    "commission",
    "commit",
    "communicate",
    "compile",
    "complete",
    "comply",
    "conduct",
    "confirm",
    "consider",
    "consolidate",
    "construct",
    "consult",
    "continue",
    "convene",
    "cooperate",
    "coordinate",
    "correct",
    "create",
    "criminalise",
    "criminalize",
    "decide",
    "decriminalize",
    "define",
    "deliver",
    "deploy",
    "design",
    "designate",
    "determine",
    "develop",
    "devise",
    "direct",
    "disburse",
    "disclose",
    "discontinue",
    "disseminate",
    "distribute",
    "document",
    "draft",
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
    "eradicate",
    "establish",
    "evaluate",
    "examine",
    "expand",
    "expedite",
    "explain",
    "explore",
    "extend",
    "facilitate",
    "finalise",
    "finalize",
    "formalise",
    "formalize",
    "fund",
    "gather",
    "guarantee",
    "harmonise",
    "harmonize",
    "have",
    "highlight",
    "hire",
    "identify",
    "implement",
    "impose",
    "improve",
    "incentivise",
    "include",
    "incorporate",
    "increase",
    "inform",
    "inspect",
    "instigate",
    "institute",
    "instruct",
    "integrate",
    "intensify",
    "introduce",
    "investigate",
    "invite",
    "issue",
    "itemise",
    "justify",
    "keep",
    "launch",
    "lead",
    "limit",
    "locate",
    "maintain",
    "make",
    "measure",
    "minimise",
    "minimize",
    "mobilise",
    "mobilize",
    "modernise",
    "modernize",
    "modify",
    "monitor",
    "negotiate",
    "nominate",
    "notify",
    "obtain",
    "offer",
    "organise",
    "organize",
    "oversee",
    "pass",
    "pay",
    "perform",
    "pilot",
    "plan",
    "prepare",
    "prescribe",
    "preserve",
    "prevent",
    "prioritise",
    "prioritize",
    "procure",
    "produce",
    "prohibit",
    "promote",
    "promulgate",
    "propose",
    "protect",
    "provide",
    "publicise",
    "publicize",
    "publish",
    "pursue",
    "put",
    "quantify",
    "raise",
    "ratify",
    "rationalise",
    "rationalize",
    "re-examine",
    "reaffirm",
    "realign",
    "reassess",
    "reassign",
    "recalculate",
    "recognise",
    "recognize",
    "recommit",
    "reconcile",
    "reconsider",
    "record",
    "recoup",
    "recover",
    "recruit",
    "redesign",
    "redetermine",
    "redouble",
    "reduce",
    "reevaluate",
    "refer",
    "refocus",
    "reform",
    "refrain",
    "refresh",
    "refund",
    "regularise",
    "regularize",
    "regulate",
    "reimburse",
    "reinforce",
    "reinstate",
    "reinvigorate",
    "reject",
    "relaunch",
    "remedy",
    "remove",
    "renew",
    "reorganise",
    "reorganize",
    "repay",
    "repeal",
    "replace",
    "report",
    "reposition",
    "reprocess",
    "require",
    "rescind",
    "resolve",
    "resource",
    "respect",
    "respond",
    "restore",
    "restrict",
    "restructure",
    "resubmit",
    "retain",
    "return",
    "review",
    "revise",
    "revisit",
    "revoke",
    "roll",
    "safeguard",
    "scrutinise",
    "scrutinize",
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
    "summarise",
    "summarize",
    "supervise",
    "support",
    "sustain",
    "tackle",
    "take",
    "target",
    "terminate",
    "tighten",
    "train",
    "translate",
    "undertake",
    "update",
    "upgrade",
    "uphold",
    "use",
    "utilise",
    "utilize",
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
pub(crate) fn is_adverb(w: &str) -> bool {
    w.ends_with("ly") || matches!(w, "further" | "also" | "urgently" | "still" | "again")
}

/// Words that tell of someone else's recommendation rather than make one.
pub(crate) const REPORTED: &[&str] = &[
    "recommended",
    "urged",
    "called on",
    "called upon",
    "encouraged",
    "requested",
    "noted that",
];

/// Verbs that report what someone else said or thought.
pub(crate) const REPORTING_VERBS: &[&str] = &[
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

/// Whether a text tells what someone else said anywhere in it ("OSCE/ODIHR stated that",
/// "UN Watch urged ..."): a summary of others' views, whose asks are theirs.
pub(crate) fn reports_speech(text: &str) -> bool {
    let lower = text.to_lowercase();
    REPORTED
        .iter()
        .chain(REPORTING_VERBS)
        .any(|w| reports(&lower, w))
}

/// The directive sign in a unit's words, if any: what was found, for the evidence.
/// Whether a reporting word stands in a sentence as a verb: "the committee requested",
/// not "all requested searches" (after a determiner it describes a noun).
fn reports(sentence: &str, word: &str) -> bool {
    let Some(at) = find_word(sentence, word) else {
        return false;
    };
    let before = sentence[..at].split_whitespace().next_back().unwrap_or("");
    !matches!(
        before,
        "all" | "the" | "a" | "an" | "any" | "each" | "every" | "its" | "their"
    )
}

/// The words with which a sentence asks for something to be done, looked for as whole
/// words in the sentence that may ask.
const ASKING_CUES: [&str; 8] = [
    "should",
    "must",
    "recommend",
    "recommends",
    "urges",
    "calls upon",
    "ought to",
    "needs to",
];

pub(crate) fn directive(text: &str) -> Option<String> {
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
    if REPORTED.iter().any(|w| reports(&first_sentence, w)) || is_title_case(text) {
        return None;
    }
    for cue in ASKING_CUES {
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
    // A verb run into the name after it, as text taken from a PDF prints it ("RatifyCED
    // (Spain)"): the word ends where a capital follows a small letter.
    let glued = text
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .char_indices()
        .skip(1)
        .scan(false, |prev_lower, (at, c)| {
            let boundary = *prev_lower && c.is_uppercase();
            *prev_lower = c.is_lowercase();
            Some((at, boundary, c.is_alphabetic()))
        })
        .take_while(|(_, _, alpha)| *alpha)
        .find(|(_, boundary, _)| *boundary)
        .map(|(at, _, _)| {
            text.trim_start_matches(|c: char| !c.is_alphabetic())[..at].to_lowercase()
        });
    if let Some(verb) = glued
        && IMPERATIVES.contains(&verb.as_str())
    {
        return Some(format!("an imperative verb (\"{verb}\")"));
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
pub(crate) fn directive_later(text: &str) -> Option<String> {
    if is_title_case(text) {
        return None;
    }
    for sentence in crate::fields::sentences(text).into_iter().skip(1) {
        let sentence = sentence.to_lowercase();
        let sentence = sentence.as_str();
        if REPORTED.iter().any(|w| find_word(sentence, w).is_some()) {
            continue;
        }
        for cue in ASKING_CUES {
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
pub(crate) fn roman_value(s: &str) -> Option<u32> {
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

pub(crate) fn numbers(label: &str) -> Vec<u32> {
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
