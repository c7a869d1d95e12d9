//! Recommendations numbered inline in one sentence, as inspector-general summaries print
//! them: "We recommend(ed) that CMS (1) adjust ...; (2) consider ...; and (3) complete ...",
//! with commas instead of semicolons, or "X should (1) ..., and (2) ...".
//!
//! Each "(n)" clause is an item whose text is its own clause, without the lead-in, the
//! marker or the joining "; and". A numbered list only counts when a recommending lead-in
//! ("recommend", "should") introduces it in the same sentence, so causal lists ("occurred
//! because (1) ... and (2) ...") are not items. This is the weakest evidence of a
//! recommendation, so it is read only when no other reader found any: a report that lists
//! its own recommendations elsewhere quotes earlier ones inline as history. The position
//! comes from the rest of the paragraph or the paragraphs after it
//! (see [`crate::positions`]).

use crate::Context;
use crate::blocks::BlockKind;
use crate::fields::{sentences, split_leading_number};
use crate::positions;
use heed_core::vocab::find_word;
use heed_core::{Document, Item, ItemKind, Response};

/// Finds "(n)" at a word start in `s`, from byte `from`, or "n)" with its opening bracket
/// left out ("ensure that 1) all files ..., (2) all drivers ..."): where the marker starts
/// and where its clause starts.
fn find_marker(s: &str, n: usize, from: usize) -> Option<(usize, usize)> {
    let bracketed = format!("({n})");
    let bare = format!("{n})");
    let mut at = from;
    loop {
        let rest = s.get(at..)?;
        let p = rest.find(&bare)?;
        let pos = at + p;
        let (start, len) = if s[..pos].ends_with('(') {
            (pos - 1, bracketed.len())
        } else {
            (pos, bare.len())
        };
        let before_ok = s[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == ':' || c == '—');
        if before_ok {
            return Some((start, start + len));
        }
        at = pos + bare.len();
    }
}

/// The end of the sentence that starts at or before `from`: the first ". " followed by an
/// upper-case letter, or the end of the text.
fn sentence_end(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        if matches!(b[i], b'.' | b'?' | b'!')
            && b.get(i + 1).is_none_or(|c| *c == b' ')
            && s.get(i + 1..)
                .map(str::trim_start)
                .is_none_or(|r| r.is_empty() || r.starts_with(|c: char| c.is_uppercase()))
        {
            // Not a decimal or an initial ("$1.5 million", "U.S.").
            let prev_upper_initial =
                i >= 2 && b[i - 1].is_ascii_uppercase() && (b[i - 2] == b'.' || b[i - 2] == b' ');
            if !prev_upper_initial {
                return i + 1;
            }
        }
        i += 1;
    }
    s.len()
}

/// The start of the sentence holding byte `at`: after the last ". " before it that ends a
/// sentence, not an abbreviation ("Services, Inc. (NGS)", "U.S. Department", "No. 5").
fn sentence_start(text: &str, at: usize) -> usize {
    let mut end = at;
    while let Some(p) = text[..end].rfind(". ") {
        let word = text[..p]
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let abbreviation = matches!(
            word,
            "Inc"
                | "Co"
                | "Ltd"
                | "Corp"
                | "No"
                | "Nos"
                | "Dr"
                | "Mr"
                | "Mrs"
                | "Ms"
                | "St"
                | "Jr"
                | "vs"
                | "etc"
                | "Dept"
                | "U.S"
                | "e.g"
                | "i.e"
        ) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()));
        if !abbreviation {
            return (p + 2).min(at);
        }
        end = p;
    }
    0
}

/// Removes the joining punctuation and conjunction from a clause's end.
fn trim_clause(c: &str) -> String {
    let mut t = c.trim();
    loop {
        let before = t;
        t = t.trim_end_matches([';', ',', '.', ' ']);
        for conj in [" and", " or", " and/or"] {
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

/// The inline recommendations of a text: the clauses, the lead-in ("CMS"), and the byte
/// where the sentence holding them ends.
pub fn split_inline(text: &str) -> Option<(Vec<String>, String, usize)> {
    let mut search = 0;
    while let Some((first, _)) = find_marker(text, 1, search) {
        search = first + 2;
        // The sentence start: after the last sentence end before the marker.
        let start = sentence_start(text, first);
        let lead = &text[start..first];
        let ll = lead.to_lowercase();
        // "four practices that CDC recommended: (1) ...": what someone else recommended is
        // reported, not asked; a past "recommended" asks only as "we recommended" or
        // "recommended that".
        let reported = !ll.contains("recommend ")
            && !ll.contains("recommends")
            && !ll.contains("recommendation")
            && !ll.contains("we recommended")
            && !ll.contains("recommended that")
            && !ll.contains("it is recommended");
        let recommending =
            (ll.contains("recommend") && !reported) || ll.trim_end().ends_with("should");
        if !recommending {
            continue;
        }
        let Some(second) = find_marker(text, 2, first + 2) else {
            continue;
        };
        let end = sentence_end(text, second.0);
        let mut marks = vec![
            find_marker(text, 1, first).unwrap_or((first, first + 3)),
            second,
        ];
        let mut n = 3;
        while let Some(p) = find_marker(text, n, marks[marks.len() - 1].1) {
            if p.0 >= end {
                break;
            }
            marks.push(p);
            n += 1;
        }
        let end = sentence_end(text, marks[marks.len() - 1].0);
        let mut clauses = Vec::new();
        for (k, &(_, from)) in marks.iter().enumerate() {
            let to = marks.get(k + 1).map_or(end, |m| m.0);
            let c = trim_clause(text.get(from..to).unwrap_or_default());
            if c.is_empty() {
                return None;
            }
            clauses.push(c);
        }
        let addressee = addressee_of(lead);
        // "We recommend that HRSA require grantees to report two metrics, as follows: (1)
        // ..., and (2) ...": the request is whole before the colon, and the list only
        // details it. One recommendation: the whole sentence from its verb.
        let words: Vec<&str> = addressee.split_whitespace().collect();
        if lead.trim_end().ends_with(':')
            && let Some(v) = words
                .iter()
                .take(8)
                .position(|w| VERBS.contains(w) || crate::general::opens_with_imperative(w))
                .filter(|&v| v > 0 && words.len() >= v + 5)
        {
            let from = start + lead.find(&format!(" {} ", words[v])).map_or(0, |a| a + 1);
            let whole = trim_clause(text.get(from..end).unwrap_or_default());
            return Some((vec![whole], words[..v].join(" "), end));
        }
        return Some((clauses, addressee, end));
    }
    None
}

/// Verbs a recommendation opens with, to tell its addressee ("the State agency") from
/// what it asks ("refund $1.5 million").
const VERBS: &[&str] = &[
    "adjust",
    "amend",
    "assess",
    "clarify",
    "collect",
    "complete",
    "conduct",
    "consider",
    "continue",
    "coordinate",
    "correct",
    "determine",
    "develop",
    "direct",
    "educate",
    "encourage",
    "ensure",
    "establish",
    "evaluate",
    "explore",
    "identify",
    "implement",
    "improve",
    "include",
    "increase",
    "instruct",
    "issue",
    "make",
    "modify",
    "monitor",
    "notify",
    "obtain",
    "perform",
    "provide",
    "publish",
    "recover",
    "reduce",
    "refund",
    "reimburse",
    "remind",
    "require",
    "reprocess",
    "return",
    "review",
    "revise",
    "seek",
    "strengthen",
    "submit",
    "take",
    "update",
    "use",
    "work",
    "work",
    "verify",
];

/// Sentence adverbs that may stand before "we recommend" or a further "should".
const OPENERS: [&str; 14] = [
    "in addition, ",
    "additionally, ",
    "also, ",
    "finally, ",
    "lastly, ",
    "further, ",
    "furthermore, ",
    "moreover, ",
    "first, ",
    "second, ",
    "third, ",
    "secondly, ",
    "thirdly, ",
    "accordingly, ",
];

/// Sentences that each make one unnumbered recommendation: "We recommend(ed) that CMS
/// develop ...", "We also recommend that ...". Returns the texts (the addressee removed when
/// a verb shows where the request starts), the addressee of the first, and the byte where
/// the last such sentence ends.
pub fn split_single(text: &str, named: bool) -> Option<(Vec<String>, String, usize)> {
    let mut out: Vec<String> = Vec::new();
    let mut who = String::new();
    let mut last_end = 0;
    let mut start = 0;
    while start < text.len() {
        let end = sentence_end(text, start);
        let sentence = text.get(start..end).unwrap_or_default().trim();
        let lower = sentence.to_lowercase();
        // "These should include, but are not limited to, ...": a sentence that goes on
        // with what the recommendation just made should do belongs to it.
        let elaborates = [
            "these should ",
            "this should ",
            "it should ",
            "they should ",
        ]
        .iter()
        .any(|p| lower.starts_with(p));
        if elaborates
            && last_end > 0
            && text
                .get(last_end..start)
                .is_some_and(|gap| gap.trim().is_empty())
            && let Some(last) = out.last_mut()
        {
            last.push_str(". ");
            last.push_str(sentence.trim_end_matches('.'));
            last.push('.');
            last_end = end;
            start = end.max(start + 1);
            while start < text.len() && !text.is_char_boundary(start) {
                start += 1;
            }
            continue;
        }
        const LEADS: [&str; 9] = [
            "we recommend that ",
            "we recommended that ",
            "we also recommend that ",
            "we also recommended that ",
            "we therefore recommend that ",
            "we further recommend that ",
            "we are recommending that ",
            "we are also recommending that ",
            "we suggest that ",
        ];
        // "OIG recommends that ...", "The Auditor-General recommends that, for ...": the
        // author naming itself, in the present tense (a past "recommended" tells of an
        // earlier recommendation). Its subject is a short name.
        let named_lead = ["recommends that ", "recommends that, "]
            .iter()
            .filter(|_| named)
            .filter_map(|cue| lower.find(cue).map(|at| (at, cue.len())))
            .min()
            .filter(|&(at, len)| {
                let Some(subject) = sentence
                    .get(..at)
                    .filter(|_| sentence.get(..at + len).is_some())
                else {
                    return false;
                };
                let n = subject.split_whitespace().count();
                (1..=5).contains(&n)
                    && subject.trim_start().starts_with(char::is_uppercase)
                    && !subject.contains([',', ';', ':'])
                    // "It further recommends that": someone the text spoke of before.
                    && !subject.split_whitespace().any(|w| {
                        matches!(
                            w.to_lowercase().as_str(),
                            "it" | "he" | "she" | "they" | "this" | "further" | "also"
                        )
                    })
            })
            .and_then(|(at, len)| sentence.get(..at + len));
        // "Finally, we recommend that ...", "In addition, we recommended ...": a sentence
        // adverb before the recommending words.
        let opener = OPENERS
            .iter()
            .find(|o| lower.starts_with(**o))
            .map_or(0, |o| o.len());
        let tail = &lower[opener..];
        // "We recommended the division restrict ...": the same without "that", when a
        // subject and its verb follow (checked below), not "we recommend the following:".
        let bare_lead = LEADS
            .iter()
            .map(|p| p.trim_end_matches("that "))
            .filter(|p| tail.starts_with(*p))
            .max_by_key(|p| p.len())
            .map(|p| &sentence[..opener + p.len()]);
        let lead = LEADS
            .iter()
            .find(|p| tail.starts_with(**p))
            .map(|p| &sentence[..opener + p.len()])
            .or(named_lead)
            .or(bare_lead);
        let bare =
            lead.is_some_and(|l| !l.to_lowercase().ends_with("that ") && !l.ends_with("that, "));
        // "To better protect ..., we are recommending that the Secretary ...": a purpose
        // clause before the recommending words belongs to the recommendation.
        let purposed = lead.is_none()
            && (lower.starts_with("to ") || lower.starts_with("in order to "))
            && LEADS.iter().any(|p| lower.contains(&format!(", {p}")));
        // "Slovenia is encouraged to ...", "The Government is further urged to ...": an
        // appeal in the author's own voice (the present passive, not a report of one).
        // "The Committee is requested to note this report" asks nobody to act.
        // "Also, aggressive management action should be taken to ...", right after a
        // recommendation in the same paragraph: one more.
        // "States should use all resources ...", right after an appeal to States: one
        // more, addressed by name (a pronoun's "should" goes on with the last one above).
        let named_should = {
            let w: Vec<&str> = sentence.split_whitespace().take(4).collect();
            w.iter().position(|x| *x == "should").is_some_and(|k| {
                (1..=3).contains(&k)
                    && w[0].starts_with(char::is_uppercase)
                    && !matches!(
                        w[0],
                        "It" | "This" | "They" | "These" | "That" | "We" | "There"
                    )
            })
        };
        let further = lead.is_none()
            && !purposed
            && (opener > 0 || named_should)
            && last_end > 0
            && text
                .get(last_end..start)
                .is_some_and(|gap| gap.trim().is_empty())
            && find_word(tail, "should").is_some()
            && !crate::general::only_notes(sentence);
        if further {
            out.push(sentence[opener..].trim_end_matches('.').trim().to_string());
            last_end = end;
        }
        if lead.is_none()
            && !purposed
            && !further
            && is_appeal(&lower)
            && !crate::general::only_notes(sentence)
        {
            out.push(sentence.trim_end_matches('.').trim().to_string());
            last_end = end;
        }
        if purposed {
            let clause = sentence.trim_end_matches('.').trim().to_string();
            if who.is_empty()
                && let Some(p) = LEADS.iter().find(|p| lower.contains(&format!(", {p}")))
                && let Some(at) = lower.find(&format!(", {p}"))
            {
                let rest = sentence.get(at + 2 + p.len()..).unwrap_or_default();
                let words: Vec<&str> = rest.split_whitespace().collect();
                if let Some(v) = words
                    .iter()
                    .take(10)
                    .position(|w| VERBS.contains(w) || crate::general::opens_with_imperative(w))
                {
                    who = words[..v].join(" ");
                }
            }
            out.push(clause);
            last_end = end;
        }
        if let Some(p) = lead {
            let rest = sentence
                .get(p.len()..)
                .unwrap_or_default()
                .trim_end_matches('.')
                .trim();
            let words: Vec<&str> = rest.split_whitespace().collect();
            let verb_at = words
                .iter()
                .take(10)
                .position(|w| VERBS.contains(w) || crate::general::opens_with_imperative(w))
                .filter(|&v| v > 0)
                // "the division periodically review": the adverb goes with the verb.
                .map(|mut v| {
                    while v > 1
                        && words[v - 1].len() > 4
                        && words[v - 1].ends_with("ly")
                        && words[v - 1].chars().all(|c| c.is_ascii_lowercase())
                        && !matches!(
                            words[v - 1],
                            "supply" | "assembly" | "family" | "reply" | "monopoly" | "anomaly"
                        )
                    {
                        v -= 1;
                    }
                    v
                });
            // Without "that", only a short subject and then a verb make it a request.
            let bare_ok = !bare
                || verb_at.is_some_and(|v| {
                    v <= 6
                        && !words[..v]
                            .iter()
                            .any(|w| matches!(w.to_lowercase().as_str(), "following" | "that"))
                });
            let clause = match verb_at.filter(|_| bare_ok) {
                _ if !bare_ok => String::new(),
                Some(v) => {
                    if who.is_empty() {
                        who = words[..v].join(" ");
                    }
                    words[v..].join(" ")
                }
                None => rest.to_string(),
            };
            // "that the Department implement ..., and that the State refund $5.6 million":
            // a second "that" with a subject and its verb is a second request.
            let (clause, second) = match second_request(&clause) {
                Some((a, b)) => (a, Some(b)),
                None => (clause, None),
            };
            // "that CMS instruct ...; provide ...; and either establish ...": clauses
            // joined by semicolons, each opening with a verb, are recommendations each.
            let parts: Vec<&str> = clause.split("; ").collect();
            if parts.len() >= 2
                && parts
                    .iter()
                    .all(|p| crate::general::opens_with_imperative(p))
            {
                for p in parts {
                    let p = p.trim();
                    let p = p
                        .strip_prefix("and ")
                        .or_else(|| p.strip_prefix("or "))
                        .unwrap_or(p);
                    out.push(trim_clause(p));
                }
                last_end = end;
            } else if let Some((a, b)) = two_actions(&clause) {
                out.push(a);
                out.push(b);
                last_end = end;
            } else if !clause.is_empty() {
                out.push(clause);
                last_end = end;
            }
            if let Some(b) = second.filter(|_| last_end == end) {
                out.push(b);
            }
        }
        start = end.max(start + 1);
        while start < text.len() && !text.is_char_boundary(start) {
            start += 1;
        }
    }
    (!out.is_empty()).then_some((out, who, last_end))
}

/// "implement changes ..., and that the State refund $5.6 million": the clause before
/// ", and that" and the request after it (its subject removed), when a subject of at most
/// six words and then a verb follow the second "that".
fn second_request(clause: &str) -> Option<(String, String)> {
    let at = clause
        .find(", and that ")
        .map(|a| (a, ", and that ".len()))?;
    let (first, rest) = (&clause[..at.0], &clause[at.0 + at.1..]);
    let words: Vec<&str> = rest.split_whitespace().collect();
    let v = words
        .iter()
        .take(7)
        .position(|w| VERBS.contains(w) || crate::general::opens_with_imperative(w))
        .filter(|&v| v > 0)?;
    (first.split_whitespace().count() >= 3)
        .then(|| (first.trim().to_string(), trim_clause(&words[v..].join(" "))))
}

/// "recover the $3.7 million in identified overpayments and use the results of this audit
/// in its ongoing provider education": two actions joined by "and", each opening with a
/// verb and each a phrase of its own (not "review and update the plan", one action on one
/// object). Split at the last such "and".
fn two_actions(clause: &str) -> Option<(String, String)> {
    if !crate::general::opens_with_imperative(clause) {
        return None;
    }
    // "take the following actions: (a) assess ... and (b) design and implement ...": one
    // recommendation in lettered parts, not two joined by "and".
    if clause.contains("(a)") || clause.contains("(b)") || clause.contains("the following") {
        return None;
    }
    let mut best = None;
    for sep in [", and ", " and "] {
        let mut from = 0;
        while let Some(at) = clause[from..].find(sep).map(|a| a + from) {
            let (a, b) = (&clause[..at], &clause[at + sep.len()..]);
            if a.split_whitespace().count() >= 3
                && b.split_whitespace().count() >= 3
                && crate::general::opens_with_imperative(b)
                // Inside parentheses or a list of things, not between two actions.
                && a.matches('(').count() == a.matches(')').count()
            {
                best = Some(at);
            }
            from = at + sep.len();
        }
        if let Some(at) = best {
            let a = clause[..at].trim_end_matches(',').trim();
            let b = clause[at + sep.len()..].trim();
            return Some((trim_clause(a), trim_clause(b)));
        }
    }
    None
}

/// Whether `hay` holds `needle` (lower-case ASCII) in any mix of ASCII case: the same
/// answer as `hay.to_lowercase().contains(needle)` for an ASCII needle without "k" or "i"
/// (which a Kelvin sign or a dotted capital I would lower to), without the copy.
fn contains_ascii_ci(hay: &str, needle: &[u8]) -> bool {
    let (h, n) = (hay.as_bytes(), needle);
    let Some(&first) = n.first() else {
        return true;
    };
    let upper = first.to_ascii_uppercase();
    let mut at = 0;
    while let Some(p) = memchr::memchr2(first, upper, &h[at.min(h.len())..]) {
        let s = at + p;
        if h.get(s..s + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return true;
        }
        at = s + 1;
    }
    false
}

/// Whether a document says it has made recommendations before ("GAO has made nearly 200
/// recommendations", "we have made 31 recommendations"): the present perfect of past
/// reports, as a testimony or a summary of prior work puts it.
fn tells_of_earlier_recommendations(text: &str) -> bool {
    let lower = text.to_lowercase();
    // "GAO has made numerous recommendations", "In total, we made 17 recommendations".
    for cue in ["has made", "have made", "had made", "we made"] {
        let mut from = 0;
        while let Some(p) = lower[from..].find(cue) {
            let at = from + p + cue.len();
            let window: Vec<&str> = lower[at..].split_whitespace().take(5).collect();
            let counted = window.iter().any(|w| {
                w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || matches!(
                        *w,
                        "numerous" | "several" | "many" | "multiple" | "dozens" | "hundreds"
                    )
            });
            if counted && window.iter().any(|w| w.starts_with("recommendation")) {
                return true;
            }
            from = at;
        }
    }
    false
}

/// Whether a sentence appeals to a body in the present passive: "is encouraged to", "are
/// also invited to", "is strongly urged to", "is requested to", "is called upon to".
fn is_appeal(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    if calls_upon(&words) {
        return true;
    }
    words.windows(2).enumerate().any(|(k, w)| {
        if !matches!(w[0], "is" | "are") {
            return false;
        }
        // The one appealed to is named, not described: "Slovenia is encouraged to", "The
        // State party is further urged to", not "Students who need more support are
        // invited to attend ..." (a description of what happens).
        if words[..k]
            .iter()
            .any(|w| matches!(*w, "who" | "which" | "whose" | "whom"))
        {
            return false;
        }
        let mut j = k + 1;
        while j < words.len() && matches!(words[j], "also" | "further" | "strongly" | "again") {
            j += 1;
        }
        let verb = words.get(j).copied().unwrap_or("");
        let to = words.get(j + 1).copied().unwrap_or("");
        let to = if verb == "called" && matches!(to, "upon" | "on") {
            words.get(j + 2).copied().unwrap_or("")
        } else {
            to
        };
        matches!(
            verb,
            "encouraged" | "invited" | "urged" | "requested" | "called"
        ) && to == "to"
    })
}

/// The author appealing in its own voice: "we call for a qualitative leap ...", "we
/// therefore call upon States to ...", "we encourage States to use ...", "we urge the
/// Government to ...": "we", perhaps an adverb, the verb, and for all but "call for" the
/// one appealed to (a few words) and "to".
fn calls_upon(words: &[&str]) -> bool {
    let Some(we) = words.iter().position(|w| *w == "we") else {
        return false;
    };
    // "we" opens the sentence or its main clause ("While ..., we call for ...").
    if we > 0 && !words[we - 1].ends_with(',') {
        return false;
    }
    let mut j = we + 1;
    while j < words.len()
        && matches!(
            words[j],
            "therefore" | "also" | "further" | "strongly" | "again" | "urgently"
        )
    {
        j += 1;
    }
    let verb = words.get(j).copied().unwrap_or("");
    let next = words.get(j + 1).copied().unwrap_or("");
    if verb == "call" && next == "for" {
        return true;
    }
    let from = match (verb, next) {
        ("call", "upon" | "on") => j + 2,
        ("urge" | "encourage" | "invite", _) => j + 1,
        _ => return false,
    };
    words
        .iter()
        .skip(from)
        .take(7)
        .position(|w| *w == "to")
        .is_some_and(|k| k >= 1)
}

/// "We recommended that CMS" -> "CMS"; "the Secretary should" -> "the Secretary".
fn addressee_of(lead: &str) -> String {
    let l = lead.to_lowercase();
    let t = if let Some(at) = find_word(&l, "that") {
        lead.get(at + 4..).unwrap_or(lead)
    } else {
        lead
    };
    let t = t.trim();
    t.strip_suffix("should").unwrap_or(t).trim().to_string()
}

/// A paragraph that introduces a list of recommendations ("We recommend that the State
/// agency:", "We recommend that CMS take the following actions:"): its addressee.
fn list_lead_in(text: &str, under_recommendations: bool) -> Option<String> {
    let t = text.trim_end();
    if !t.ends_with(':') {
        return None;
    }
    let last = crate::fields::sentences(t).pop().unwrap_or(t);
    let lower = last.to_lowercase();
    if under_recommendations
        && let Some(at) = find_word(&lower, "should")
        && lower[at..].trim_end_matches(':').trim() == "should"
    {
        // "Within six months, the force should:" under a "Recommendations" heading.
        let who = last[..at].rsplit(',').next().unwrap_or_default().trim();
        return Some(who.to_string());
    }
    let at = find_word(&lower, "recommend")
        .or_else(|| find_word(&lower, "recommends"))
        .or_else(|| find_word(&lower, "recommended"))?;
    let after = last.get(at..).unwrap_or_default();
    let who = after
        .split_once(" that ")
        .map(|(_, w)| w.trim_end_matches(':').trim())
        .unwrap_or_default();
    let who = [
        "take the following",
        "implement the following",
        "do the following",
    ]
    .iter()
    .find_map(|p| who.find(p).map(|at| &who[..at]))
    .unwrap_or(who)
    .trim();
    Some(who.to_string())
}

/// Whether block `i` sits right under a heading naming recommendations ("Recommendations",
/// "## Our recommendations"), a heading block or a short line without closing punctuation.
fn under_recommendations(blocks: &[crate::blocks::Block], i: usize) -> bool {
    blocks[..i].iter().rev().take(3).any(|b| {
        let short = b.text.split_whitespace().count() <= 6 && !b.text.ends_with(['.', ':', ';']);
        (b.is_heading() || (b.kind == BlockKind::Paragraph && short))
            && b.text.to_lowercase().contains("recommendation")
    })
}

/// The response to recommendations read from block `i`: the rest of its paragraph (`rest`),
/// else the paragraphs after it that state a position.
pub(crate) fn answer(ctx: &mut Context<'_>, i: usize, rest: &str, items: &mut [Item]) {
    let blocks = ctx.blocks;
    let line = blocks.get(i).map_or(0, |b| b.line);
    let states = !rest.is_empty() && positions::states_position(rest);
    if states {
        positions::apply(rest, line, items);
    }
    if !states
        && sentences(rest)
            .first()
            .is_some_and(|s| positions::is_reply(s))
    {
        // The body's reply after the recommendations, stating no position ("NGS stated
        // that it would review the line items ..."): the response of each.
        let text = positions::response_text(rest);
        for it in items.iter_mut().filter(|it| it.responses.is_empty()) {
            it.responses.push(Response {
                text: text.clone(),
                line,
            });
        }
    }
    // The comments may sit under a heading of their own ("Auditee Comments", "Agency
    // Comments and Our Evaluation"), some blocks on, but not in an appendix.
    let mut j = i + 1;
    while !positions::all_answered(items) && j < blocks.len() && j <= i + 30 {
        let nb = &blocks[j];
        if nb.is_heading() && nb.text.to_lowercase().starts_with("appendix") {
            break;
        }
        if !ctx.claimed[j]
            && matches!(nb.kind, BlockKind::Paragraph)
            && positions::states_position(&nb.text)
        {
            positions::apply(&nb.text, nb.line, items);
            ctx.claim(j, j + 1);
        }
        j += 1;
    }
}

/// Reads inline numbered recommendations, when no other reader found recommendations.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    read_with(ctx, doc, false);
}

/// Last of all readers, when none found a recommendation: a sentence in which the author
/// names itself recommending ("OIG recommends that, for ..., the Under Secretary direct
/// ..."). Weaker evidence than any other, as a report's summary says the same of the
/// recommendations its body makes.
pub fn read_named(ctx: &mut Context<'_>, doc: &mut Document) {
    read_with(ctx, doc, true);
}

fn read_with(ctx: &mut Context<'_>, doc: &mut Document, named: bool) {
    if doc.items.iter().any(|i| i.kind == ItemKind::Recommendation) {
        return;
    }
    let blocks = ctx.blocks;
    // Read the whole text only when a block says "we recommended" (rare).
    let mut summarises_earlier: Option<bool> = None;
    let mut found: Vec<Item> = Vec::new();
    // A lead-in ("We recommend that the State agency:") and the list under it.
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        // Only a line ending in a colon leads a list in; only for those is the heading
        // above looked at.
        let lead_in = b
            .text
            .trim_end()
            .ends_with(':')
            .then(|| list_lead_in(&b.text, under_recommendations(blocks, i)));
        let Some(addressee) = lead_in.flatten().filter(|_| {
            !ctx.claimed[i] && matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet)
        }) else {
            i += 1;
            continue;
        };
        // "we recommend that within six months the force should:": the lead-in's
        // deadline is each entry's.
        let lead_deadline = crate::fields::deadline_in(&b.text, ctx.date);
        let mut items: Vec<Item> = Vec::new();
        let mut j = i + 1;
        while j < blocks.len() && !ctx.claimed[j] {
            let nb = &blocks[j];
            let entry = match nb.kind {
                BlockKind::Bullet => Some((None, nb.text.as_str())),
                BlockKind::Paragraph => split_leading_number(&nb.text).map(|(n, t)| (Some(n), t)),
                _ => None,
            };
            let Some((mut num, mut text)) = entry else {
                break;
            };
            // "Develop a plan ... (Recommendation 1)": the marker gives the ref.
            if let Some((body, n)) = crate::marked::split_marker(text) {
                text = body;
                num = num.or(Some(n));
            }
            let mut it = Item::new(ItemKind::Recommendation, trim_clause(text), nb.line);
            it.r#ref = num;
            if !addressee.is_empty() {
                it.addressee = Some(addressee.clone());
            }
            it.deadline = lead_deadline.clone();
            items.push(it);
            j += 1;
        }
        if items.is_empty() {
            i += 1;
            continue;
        }
        ctx.claim(i, j);
        answer(ctx, j.saturating_sub(1), "", &mut items);
        found.extend(items);
        i = j;
    }
    for (i, b) in blocks.iter().enumerate() {
        if ctx.claimed[i] || !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet) {
            continue;
        }
        // In a document that tells of recommendations made before ("GAO has made at least
        // 51 recommendations", a testimony summarising reports), "we recommended (that)" is
        // one of those, not a new one.
        // The second pass differs from the first only where the author names itself
        // recommending ("OIG recommends that"); the first found nothing in every other
        // block, and the blocks claimed since are fewer to read, not more.
        if named && !contains_ascii_ci(&b.text, b"recommends that") {
            continue;
        }
        if contains_ascii_ci(&b.text, b"we recommended ")
            && *summarises_earlier.get_or_insert_with(|| tells_of_earlier_recommendations(ctx.text))
        {
            continue;
        }
        // A numbered conclusion quoted with its paragraph ("4. ... We recommend the
        // Government ... (Paragraph 33)") is one item as a whole: the general reader's.
        if crate::general::is_cited_conclusion(&b.text) {
            continue;
        }
        let (clauses, addressee, end, numbered) = match split_inline(&b.text) {
            // "We recommend that HRSA require ..., as follows: (1) ..., (2) ... . We also
            // recommend that HRSA continue ...": a list that details one request, and
            // more recommendations after it.
            Some((mut c, a, mut e)) if c.len() == 1 => {
                if let Some((more, _, e2)) = b.text.get(e..).and_then(|r| split_single(r, named)) {
                    c.extend(more);
                    e += e2;
                }
                (c, a, e, false)
            }
            Some((c, a, e)) => (c, a, e, true),
            None if !b.text.contains("ecommend")
                && !b.text.contains("suggest that")
                && !b.text.contains("d to ") =>
            {
                continue;
            }
            None => match split_single(&b.text, named) {
                Some((c, a, e)) => (c, a, e, false),
                None => continue,
            },
        };
        let mut items: Vec<Item> = Vec::new();
        for (k, c) in clauses.iter().enumerate() {
            if found.iter().any(|f| f.text == *c) {
                continue;
            }
            let mut it = Item::new(ItemKind::Recommendation, c.clone(), b.line);
            it.r#ref = numbered.then(|| (k + 1).to_string());
            if !addressee.is_empty() {
                it.addressee = Some(addressee.clone());
            }
            items.push(it);
        }
        if items.is_empty() {
            continue;
        }
        ctx.claim(i, i + 1);
        let rest = b.text.get(end..).unwrap_or_default().trim();
        // An appeal in a letter or report ("X is encouraged to") expects no reply in it.
        let appeals = !numbered && items.iter().all(|it| is_appeal(&it.text.to_lowercase()));
        if !appeals {
            answer(ctx, i, rest, &mut items);
        }
        found.extend(items);
    }
    if found.iter().any(|i| i.text.contains("- ")) {
        let doc_lower = ctx.text.to_lowercase();
        for it in &mut found {
            it.text = crate::listed::repair_hyphens(&it.text, &doc_lower);
        }
    }
    if !found.is_empty() {
        doc.items.extend(found);
        doc.layouts.push("inline".to_string());
    }
}

#[cfg(test)]
mod tests;
