//! Unnumbered recommendations a sentence each: "We recommend(ed) that CMS develop ...",
//! "We also recommend that ...", the author naming itself ("OIG recommends that ..."), a
//! purpose clause before the recommending words, and the sentences that go on with one.

use super::*;

/// Sentence adverbs that may stand before "we recommend" or a further "should".
const OPENERS: [&str; 18] = [
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
    "therefore, ",
    "consequently, ",
    "thus, ",
    "as a result, ",
];

/// Sentences that each make one unnumbered recommendation: "We recommend(ed) that CMS
/// develop ...", "We also recommend that ...". Returns the texts (the addressee removed when
/// a verb shows where the request starts), the addressee of the first, and the byte where
/// the last such sentence ends.
pub fn split_single(text: &str, named: bool) -> Option<(Vec<String>, String, usize)> {
    // A sentence is taken only for one of these words (recommending words, an appeal's
    // verbs), or after one that was: a text without any is not cut into sentences.
    let cues = [
        "recommend",
        "we suggest",
        "call",
        "urge",
        "encourage",
        "invite",
        "requested",
    ];
    if !cues.iter().any(|c| contains_ascii_ci(text, c.as_bytes())) {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut who = String::new();
    // The addressee of the last request read, for a sentence that goes on with it ("CMS
    // could require States to ...").
    let mut last_who = String::new();
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
        .any(|p| lower.starts_with(p))
            || says_how(&lower, &last_who);
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
            last_who.clear();
            last_end = end;
        }
        if lead.is_none()
            && !purposed
            && !further
            && is_appeal(&lower)
            && !crate::general::only_notes(sentence)
        {
            out.push(sentence.trim_end_matches('.').trim().to_string());
            last_who.clear();
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
            last_who.clear();
            last_end = end;
        }
        if let Some(p) = lead {
            last_who.clear();
            let rest = sentence
                .get(p.len()..)
                .unwrap_or_default()
                .trim_end_matches('.')
                .trim();
            let words: Vec<&str> = rest.split_whitespace().collect();
            let verb_at = (0..words.len().min(10))
                .find(|&k| {
                    VERBS.contains(&words[k])
                        || crate::general::opens_with_imperative(words[k])
                        || third_person_verb(&words, k)
                })
                .filter(|&v| v > 0)
                // "that CMS rebase (i.e., redetermine ...)": a known verb in brackets
                // explains the name's own verb before them.
                .map(|v| match subjunctive_verb(&words) {
                    Some(s) if s < v && words[s + 1..v].iter().any(|w| w.starts_with('(')) => s,
                    _ => v,
                })
                .or_else(|| subjunctive_verb(&words))
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
                    last_who = words[..v].join(" ");
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
            if parts.len() >= 2 && actions_each(&parts) {
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

/// Whether a sentence (lower case) says how the addressee of the request before it could
/// carry it out: it opens with that addressee's name and a modal of possibility ("CMS could
/// require States to ...", "the Agency may also ..."). Its positions ("CMS concurred") and
/// a request of its own ("CMS should ...") are not.
fn says_how(lower: &str, addressee: &str) -> bool {
    let name = addressee.trim().to_lowercase();
    if name.is_empty() {
        return false;
    }
    let Some(rest) = lower.strip_prefix(name.as_str()) else {
        return false;
    };
    let mut words = rest.split_whitespace();
    rest.starts_with(' ')
        && words
            .next()
            .is_some_and(|w| matches!(w, "could" | "may" | "might" | "can"))
        && words.next().is_some_and(|w| w != "not")
}

/// Words that never open a request's verb phrase.
const NOT_VERBS: [&str; 40] = [
    "the", "a", "an", "its", "their", "this", "that", "these", "those", "which", "who", "all",
    "any", "each", "some", "other", "such", "more", "most", "to", "for", "of", "in", "on", "with",
    "by", "from", "as", "at", "not", "no", "be", "being", "been", "is", "are", "was", "were",
    "has", "have",
];

/// "publishes", "ensures": a known verb in the third person after a name, as British
/// English writes a recommendation's verb ("We recommend that the Government publishes
/// ..."). Without it a later word that can be a verb ("plan") was taken, and the item read
/// "plan by June". Not after a determiner or a possessive ("the Department's plans").
fn third_person_verb(words: &[&str], k: usize) -> bool {
    let w = words[k].to_lowercase();
    let known = |stem: &str| crate::general::opens_with_imperative(stem);
    let verb = w.strip_suffix("es").is_some_and(known) || w.strip_suffix('s').is_some_and(known);
    verb && k > 0 && {
        let prev = words[k - 1];
        prev.starts_with(char::is_uppercase)
            && !prev.ends_with("'s")
            && !prev.ends_with("\u{2019}s")
            && !prev.ends_with([',', ';', ':', '.'])
    }
}

/// Whether a clause opens with a word that can only be a bare verb here: lower case, not a
/// function word, not a participle or an adverb ("distinguish payments ...").
fn opens_with_bare_verb(clause: &str) -> bool {
    let t = clause.trim_start();
    let t = t
        .strip_prefix("and ")
        .or_else(|| t.strip_prefix("or "))
        .unwrap_or(t);
    let Some(w) = t.split_whitespace().next() else {
        return false;
    };
    w.len() >= 4
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !NOT_VERBS.contains(&w)
        && !w.ends_with("ing")
        && !w.ends_with("ed")
        && !w.ends_with("ly")
        && t.split_whitespace().nth(2).is_some()
}

/// "that CMS rebase ...": after a name ("the" and capitalised words, "of", "and", "the"
/// between them) the first lower-case word, when it can be a bare verb and is not a third-person
/// form ("CMS rebases" would report, not ask). Returns its index.
fn subjunctive_verb(words: &[&str]) -> Option<usize> {
    let from = usize::from(words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")));
    let k = from
        + words[from..]
            .iter()
            .take(6)
            .position(|w| w.starts_with(char::is_lowercase))?;
    let named = k > from
        && words[from..k].iter().all(|w| {
            w.starts_with(char::is_uppercase) && !w.ends_with([',', ';', ':', '.'])
                || matches!(*w, "of" | "and" | "the" | "for")
        });
    let w = words[k];
    (named && !w.ends_with('s') && opens_with_bare_verb(&words[k..].join(" "))).then_some(k)
}

/// Semicolon parts that are actions each ("rebase ...; distinguish ...; and consider
/// ..."): every part opens with a verb, known or bare, and one after the first with a
/// known one, so a list of things is not taken for actions.
fn actions_each(parts: &[&str]) -> bool {
    let known = |p: &str| crate::general::opens_with_imperative(p);
    parts.iter().all(|p| known(p))
        || (parts.iter().all(|p| known(p) || opens_with_bare_verb(p))
            && parts[1..].iter().any(|p| known(p)))
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
    (first.split_whitespace().nth(2).is_some())
        .then(|| (first.trim().to_string(), trim_clause(&words[v..].join(" "))))
}

/// "recover the $3.7 million in identified overpayments and use the results of this audit
/// in its ongoing provider education": two actions joined by "and", each opening with a
/// verb and each a phrase of its own (not "review and update the plan", one action on one
/// object). Split at the last such "and".
pub(super) fn two_actions(clause: &str) -> Option<(String, String)> {
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
            if a.split_whitespace().nth(2).is_some()
                && b.split_whitespace().nth(2).is_some()
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
