//! Response documents that answer another report's recommendations by number alone:
//! "The Government accepts the recommendations 1–5, 14– 16, 20–23", "Recommendations
//! 122.17-18 enjoy the support of X", "X notes the following recommendations: 5., 6., 7.".
//!
//! Each number (ranges expanded, "122.34- 35" read as 122.34 and 122.35) becomes an item
//! whose text is "" and whose position is the one the sentence states. A later passage
//! that answers one recommendation ("Rec. 18   We consider that this recommendation is
//! implemented ...") becomes that item's response. Only a document in which no other
//! reader found recommendations of its own is read this way: a report that makes
//! recommendations mentions them by number in passing, a response document lists them.

use crate::Context;
use crate::blocks::BlockKind;
use crate::lines::{Line, ends_sentence};
use crate::positions;
use heed_core::vocab::find_word;
use heed_core::{Document, Item, ItemKind, Position, Response, Status};

/// A number as printed: "5", "122.17".
fn read_num(s: &str) -> Option<(Vec<u32>, usize)> {
    let mut parts = Vec::new();
    let mut at = 0;
    loop {
        let d: usize = s[at..].chars().take_while(char::is_ascii_digit).count();
        if d == 0 || d > 3 {
            return (!parts.is_empty()).then_some((parts, at.saturating_sub(1)));
        }
        parts.push(s[at..at + d].parse().ok()?);
        at += d;
        // "122.17": a dot followed by digits continues the number.
        if s[at..].starts_with('.') && s[at + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            at += 1;
            continue;
        }
        return Some((parts, at));
    }
}

fn label(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Reads a list of numbers and ranges from the start of `s`: "1–5, 14– 16, 44", "5., 6.,
/// 7.", "122.17-18 and 122.20". Returns the refs in order and the bytes read.
pub fn number_list(s: &str) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut at = 0;
    let skip_ws = |s: &str, mut at: usize| {
        while s[at..].starts_with(char::is_whitespace) {
            at += s[at..].chars().next().map_or(1, char::len_utf8);
        }
        at
    };
    // The last number read: "140.82-85, 87" goes on with 140.87.
    let mut prev: Option<Vec<u32>> = None;
    loop {
        let start = skip_ws(s, at);
        let Some((mut a, len)) = read_num(&s[start..]) else {
            break;
        };
        if let Some(p) = &prev
            && a.len() == 1
            && p.len() > 1
            && p.last().is_some_and(|&x| a[0] > x)
        {
            let mut full = p[..p.len() - 1].to_vec();
            full.push(a[0]);
            a = full;
        }
        let mut end = start + len;
        // A range: "-", "–", "—" or "to", spaces allowed around it ("(1 to 6)").
        let after = skip_ws(s, end);
        let dash = ['-', '–', '—']
            .iter()
            .find(|d| s[after..].starts_with(**d))
            .map(|d| d.len_utf8())
            .or_else(|| (after > end && s[after..].starts_with("to ")).then_some(2));
        let mut ranged = false;
        if let Some(dl) = dash {
            let b_at = skip_ws(s, after + dl);
            if let Some((b, blen)) = read_num(&s[b_at..]) {
                // "122.17-18": the end shares the start's leading parts.
                let mut full = a.clone();
                let keep = a.len().saturating_sub(b.len());
                full.truncate(keep);
                full.extend(&b);
                let (x, y) = (a.last().copied(), full.last().copied());
                if let (Some(x), Some(y)) = (x, y)
                    && full.len() == a.len()
                    && full[..keep] == a[..keep]
                    && y > x
                    && y - x <= 300
                {
                    for v in x..=y {
                        let mut p = a.clone();
                        if let Some(last) = p.last_mut() {
                            *last = v;
                        }
                        out.push(label(&p));
                    }
                    end = b_at + blen;
                    ranged = true;
                    prev = Some(full);
                }
            }
        }
        if !ranged {
            out.push(label(&a));
            prev = Some(a.clone());
        }
        // A final dot after the number ("5., 6."), then a separator.
        let mut next = end;
        let mut dotted = false;
        if s[next..].starts_with('.') && !s[next + 1..].starts_with(|c: char| c.is_alphanumeric()) {
            next += 1;
            dotted = true;
        }
        at = next;
        let sep = skip_ws(s, next);
        // "140.35. 140.36": a full stop typed for a comma, between numbers of one shape.
        let same_shape = dotted
            && read_num(&s[sep..])
                .is_some_and(|(b, _)| b.len() == a.len() && b.len() > 1 && b[0] == a[0]);
        if same_shape {
            at = sep;
        } else if s[sep..].starts_with([',', ';']) {
            at = sep + 1;
            // "2, 3, and 6": the serial comma before the last.
            let w = skip_ws(s, at);
            for conj in ["and ", "or "] {
                if s[w..].starts_with(conj) {
                    at = w + conj.len();
                }
            }
        } else if s[sep..].starts_with("and ") {
            at = sep + 4;
        } else if s[sep..].starts_with("or ") {
            at = sep + 3;
        } else {
            break;
        }
    }
    (out, at)
}

/// Where number lists of recommendations start in a sentence: right after
/// "recommendation(s)" (and "the following", "nos.", "number(s)"), or after a colon
/// ending a clause that speaks of recommendations.
pub fn list_starts(sentence: &str) -> Vec<usize> {
    let lower = sentence.to_lowercase();
    let mut out = Vec::new();
    for cue in ["recommendations", "recommendation", "recs.", "rec."] {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|r| find_word(r, cue)) {
            let mut at = from + p + cue.len();
            from = at;
            for filler in [" nos.", " no.", " numbers", " number", " contained in"] {
                if lower[at..].starts_with(filler) {
                    at += filler.len();
                }
            }
            if lower[at..].starts_with(':') {
                at += 1;
            }
            // "the recommendations (1 to 6)": the numbers in brackets.
            if lower[at..].starts_with(" (") {
                at += 2;
            }
            out.push(at);
        }
    }
    if let Some(colon) = lower.find(':')
        && lower[..colon].contains("recommendation")
    {
        out.push(colon + 1);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The position a sentence states about the recommendations it lists.
fn position_of(sentence: &str) -> Option<(Position, String)> {
    let l = sentence.to_lowercase();
    let table: [(&[&str], Position); 4] = [
        (
            &[
                "did not enjoy",
                "do not enjoy",
                "does not enjoy",
                "not supported",
                "does not accept",
                "do not accept",
                "cannot accept",
                "rejects",
                "rejected",
                "not accepted",
                "did not concur",
                "does not concur",
                "do not concur",
                "non-concurred",
                "nonconcurred",
            ],
            Position::Rejected,
        ),
        (
            &[
                "partially accepts",
                "partially accepted",
                "partially supports",
                "partially supported",
                "accepted in part",
            ],
            Position::PartiallyAccepted,
        ),
        (
            &[
                "enjoy the support",
                "enjoys the support",
                "enjoyed the support",
                "enjoy its support",
                "enjoys its support",
                "enjoyed its support",
                "supported",
                "supports",
                "support",
                "accepts",
                "accepted",
                "accept",
                "agrees",
                "agreed",
                "concurred",
                "concurs",
                "concur",
                "approved",
                "approves",
            ],
            Position::Accepted,
        ),
        (
            &["notes", "noted", "takes note", "took note", "take note"],
            Position::Noted,
        ),
    ];
    for (phrases, pos) in table {
        if let Some(p) = phrases.iter().find(|p| find_word(&l, p).is_some()) {
            return Some((pos, (*p).to_string()));
        }
    }
    None
}

/// The position a list's own clause states: the words before it since the last list
/// ("... with the exception of recommendations 5 and 6": not supported; "X notes
/// recommendations 3 and 4"), else the words after it up to the next recommendation named
/// ("..., while recommendations 7 and 8 are accepted in part").
fn clause_position(before: &str, after: &str) -> Option<(Position, String)> {
    let lower = before.to_lowercase();
    if ["with the exception of", "except for", "except "]
        .iter()
        .any(|w| lower.contains(w))
    {
        return Some((Position::Rejected, "with the exception of".to_string()));
    }
    let after_lower = after.to_lowercase();
    let after = after
        .get(..after_lower.find("recommendation").unwrap_or(after.len()))
        .unwrap_or(after);
    position_of(before).or_else(|| position_of(after))
}

/// "Rec. 18", "Recommendation 18:", "Recommendations 8 and 9 –" at a line start: the refs
/// and the text after them.
/// Splits an answer's text where a short label ("Rec. 45", "Recs. 46, 49") opens a new
/// sentence inside it: the answers a paragraph ran together, each with its refs.
fn split_run_on_answers(refs: Vec<String>, text: &str) -> Vec<(Vec<String>, String)> {
    let mut out: Vec<(Vec<String>, String)> = Vec::new();
    let mut cur_refs = refs;
    let mut from = 0;
    let mut search = 0;
    while let Some(p) = text[search..].find(" Rec").map(|p| p + search + 1) {
        search = p;
        let after_sentence = text[..p - 1].ends_with(['.', ';', ')']);
        let short = text[p..].starts_with("Rec. ") || text[p..].starts_with("Recs. ");
        let Some((next_refs, body)) = (after_sentence && short)
            .then(|| answer_label(&text[p..]))
            .flatten()
        else {
            continue;
        };
        out.push((cur_refs, text[from..p].trim().to_string()));
        cur_refs = next_refs;
        from = text.len() - body.len();
        search = from;
    }
    out.push((cur_refs, text[from..].trim().to_string()));
    out
}

fn answer_label(t: &str) -> Option<(Vec<String>, &str)> {
    let lower = t.to_lowercase();
    let cue = ["recommendations", "recommendation", "recs.", "rec."]
        .iter()
        .find(|c| lower.starts_with(**c))?;
    let rest = t.get(cue.len()..)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let (refs, used) = number_list(rest);
    if refs.is_empty() {
        return None;
    }
    let body = rest[used..].trim_start_matches([':', '–', '—', '-', ' ', '.', ')']);
    (!body.is_empty()).then_some((refs, body))
}

/// Whether the words after a number make it a count, not a reference: "270 had enjoyed
/// support; 24 had already been implemented", "292 out of 306", "31 per cent".
fn is_count(after: &str) -> bool {
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    matches!(
        next.as_str(),
        "had"
            | "have"
            | "has"
            | "were"
            | "was"
            | "are"
            | "is"
            | "out"
            | "per"
            | "percent"
            | "of"
            | "recommendations"
    )
}

/// A line holding nothing but numbers ("140.59", "140.72-75"): the label of the answer
/// that follows it, when the numbers are recommendations the document lists.
fn bare_refs(t: &str) -> Option<Vec<String>> {
    // A line of a longer list of numbers ends with a comma, and the list's last line
    // with its full stop.
    let t = t.trim();
    let (refs, used) = number_list(t);
    (!refs.is_empty() && !t.ends_with([',', '.']) && t[used..].trim().is_empty()).then_some(refs)
}

/// "2. That the proposed Action Plan be noted ...": a numbered resolution. One whose
/// subject is the recommendations it numbers ("1. That the recommendations (1 to 6) of the
/// review are approved") answers them, and is read here.
fn is_resolution(t: &str) -> bool {
    let t = t.trim_start();
    let Some((num, rest)) = t.split_once(' ') else {
        return false;
    };
    let Some(that) = rest.trim_start().strip_prefix("That ") else {
        return false;
    };
    let on_numbered = ["the recommendations ", "recommendations "]
        .iter()
        .find_map(|p| that.strip_prefix(p))
        .is_some_and(|r| !number_list(r.trim_start_matches('(')).0.is_empty());
    num.trim_end_matches(['.', ')'])
        .chars()
        .all(|c| c.is_ascii_digit())
        && num.len() <= 4
        && !on_numbered
}

/// A cheap test before the closer reading: the text names a recommendation ("Rec. 5").
pub fn mentions_recommendation(t: &str) -> bool {
    t.contains("ecommendation") || t.contains("ECOMMENDATION") || t.contains("ec.")
}

/// Whether a text answers recommendations by number ("accepts the recommendations 1–3").
pub fn cites_by_number(text: &str) -> bool {
    list_starts(text)
        .into_iter()
        .any(|at| !number_list(text.get(at..).unwrap_or_default()).0.is_empty())
}

/// Reads a response document's references by number.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    // A document with items or judgements of its own is not a response document.
    if !doc.items.is_empty() || !doc.judgements.is_empty() {
        return;
    }
    let blocks = ctx.blocks;
    let lines = ctx.lines;
    let mut items: Vec<Item> = Vec::new();
    let mut used_len = 0usize;
    // The status each item's section heading states, in the order of `items`.
    let mut sections: Vec<Option<(Status, Option<String>)>> = Vec::new();
    let mut section_position: Option<(Position, String)> = None;
    // A section heading may also say how far its recommendations are implemented ("II.
    // Accepted recommendations that X considers already implemented").
    let mut section_status: Option<(Status, Option<String>)> = None;
    // A report's notes ("Notes", "Endnotes") mention recommendations in passing ("1
    // Slovenia has noted and implemented recommendation 26 ..."); a response document
    // states its positions in its own paragraphs, before them.
    let notes_from = lines
        .iter()
        .find(|l| {
            let t = l.text.trim().trim_end_matches(':').to_lowercase();
            matches!(t.as_str(), "notes" | "endnotes" | "footnotes")
        })
        .map_or(usize::MAX, |l| l.no);
    for (i, b) in blocks.iter().enumerate() {
        if ctx.claimed[i] || b.kind == BlockKind::Row || b.line > notes_from {
            continue;
        }
        // A committee's own numbered resolution ("2. That the Action Plan be noted, and
        // that all the recommendations be agreed, noting that recommendations 1 and 9 ...")
        // decides; it is not a response to another report's recommendations.
        if is_resolution(&b.text) {
            continue;
        }
        // Most blocks name no recommendation at all: only a heading resets the section.
        if !mentions_recommendation(&b.text) {
            if b.is_heading() || (b.text.len() < 120 && !ends_sentence(&b.text)) {
                section_position = None;
                section_status = None;
            }
            continue;
        }
        // A heading ("I. Accepted recommendations") on its own or on the block's first line.
        let first = lines
            .binary_search_by_key(&b.line, |l| l.no)
            .ok()
            .and_then(|k| lines.get(k))
            .map(|l| l.text.as_str())
            .unwrap_or_default();
        let (heading, body) = if b.is_heading() || (b.text.len() < 120 && !ends_sentence(&b.text)) {
            (Some(b.text.as_str()), "")
        } else if !first.is_empty()
            && first.len() < 100
            && !ends_sentence(first)
            && b.text.len() > first.len()
            && b.text.starts_with(first)
            && first.split_whitespace().nth(8).is_none()
            // A sentence carried on to the next line is not under a heading.
            && !b.text[first.len()..]
                .trim_start()
                .starts_with(char::is_lowercase)
        {
            (Some(first), &b.text[first.len()..])
        } else {
            (None, b.text.as_str())
        };
        if let Some(h) = heading {
            let names = h.to_lowercase().contains("recommendation");
            section_position = names.then(|| position_of(h)).flatten();
            section_status = names.then(|| crate::fields::status_of_text(h)).flatten();
        }
        let mut used = false;
        for s in crate::fields::sentences(body) {
            // Where the last list read in this sentence ended: each list's own clause
            // states its position ("X supports recommendations 1 and 2, and notes
            // recommendations 3 and 4").
            let mut clause_from = 0;
            for at in list_starts(s) {
                let tail = s.get(at..).unwrap_or_default();
                let (refs, read) = number_list(tail);
                // "24 are implemented" counts; "101.8, 101.34 are accepted" lists.
                let single = refs.len() == 1 && !refs[0].contains('.');
                if refs.is_empty() || (single && is_count(&tail[read..])) {
                    continue;
                }
                let before = s.get(clause_from.min(at)..at).unwrap_or_default();
                clause_from = at + read;
                let Some((pos, words)) = clause_position(before, &tail[read..])
                    .or_else(|| position_of(s))
                    .or_else(|| section_position.clone())
                else {
                    continue;
                };
                for r in refs {
                    if items
                        .iter()
                        .any(|it| it.r#ref.as_deref() == Some(r.as_str()))
                    {
                        continue;
                    }
                    let mut it = Item::new(ItemKind::Recommendation, "", b.line);
                    it.r#ref = Some(r);
                    it.position = Some(pos);
                    it.position_words = Some(words.clone());
                    items.push(it);
                    sections.push(section_status.clone());
                }
                used = true;
            }
        }
        if !used && let Some(it) = progress_on_one(body, b.line, &items) {
            items.push(it);
            sections.push(None);
            used = true;
        }
        if used {
            ctx.claim(i, i + 1);
            used_len += b.text.len();
        }
    }
    // A long report that tells in a few of its paragraphs what states said of their
    // recommendations (a council's session report: "Nicaragua supported recommendations
    // 5, 12 and 15-24") is not their response document: under 2% of a text of more than
    // 250 KB. A response document answers in most of its text.
    if !items.is_empty() && text_is_long_and_answers_little(used_len, ctx.text.len()) {
        doc.diagnostics.push(heed_core::Diagnostic::warning(
            items.first().map_or(0, |i| i.line),
            format!(
                "{} recommendations are answered by number in passing in a long report; not read as a response document",
                items.len()
            ),
        ));
        return;
    }
    numbered_answers(ctx, &mut items);
    sections.resize(items.len(), None);
    if items.is_empty() {
        return;
    }
    answers(lines, &mut items);
    // An item's own answer says how far it is implemented; its section's heading speaks
    // for the items whose answer does not (or that have none).
    for (it, section) in items.iter_mut().zip(sections) {
        let own = it
            .responses
            .first()
            .and_then(|r| crate::fields::status_of_text(&r.text));
        if let (None, Some((st, w))) = (own, section) {
            it.status = Some(st);
            it.status_words = w;
        }
    }
    // Blocks holding the answers are read too.
    let first = items.iter().map(|i| i.line).min().unwrap_or(0);
    for (k, b) in blocks.iter().enumerate() {
        if b.line >= first && answer_label(&b.text).is_some() {
            ctx.claimed[k] = true;
        }
    }
    doc.items.extend(items);
    doc.layouts.push("response-by-number".to_string());
}

/// A progress paragraph on one recommendation named by its number and no position: "As
/// reported in June for Recommendation 78, ... This recommendation has, therefore, been
/// fully implemented." The paragraph names one number only (however often), and its last
/// sentence that speaks of a recommendation and states a status gives the status (a
/// narrative ends with its verdict); the paragraph is the response, the text "".
fn progress_on_one(body: &str, line: usize, items: &[Item]) -> Option<Item> {
    let mut refs: Vec<String> = Vec::new();
    for s in crate::fields::sentences(body) {
        for at in list_starts(s) {
            let tail = s.get(at..).unwrap_or_default();
            let (found, read) = number_list(tail);
            if found.len() == 1 && is_count(&tail[read..]) {
                continue;
            }
            for r in found {
                if !refs.contains(&r) {
                    refs.push(r);
                }
            }
        }
    }
    let [r] = refs.as_slice() else {
        return None;
    };
    if items
        .iter()
        .any(|it| it.r#ref.as_deref() == Some(r.as_str()))
    {
        return None;
    }
    let (status, words) = crate::fields::sentences(body)
        .into_iter()
        .rev()
        .filter(|s| mentions_recommendation(s))
        .find_map(crate::fields::status_of_text)?;
    let text = body.trim();
    let mut it = Item::new(ItemKind::Recommendation, "", line);
    it.r#ref = Some(r.clone());
    it.status = Some(status);
    it.status_words = words;
    it.responses.push(Response {
        text: text.to_string(),
        line,
    });
    Some(it)
}

/// "5., 6., 7.   Slovenia accepts these recommendations ...": a line that opens with the
/// numbers of the recommendations it answers, each closed by a dot, then the answer. The
/// refs, the answer's first words, and whether the label goes on to the next line ("40.,
/// 41., 42.," then "43., 44.").
fn numbered_answer(t: &str) -> Option<(Vec<String>, &str, bool)> {
    let t = t.trim_start();
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (refs, used) = number_list(t);
    let label = t[..used].trim_end();
    // Every number closed by a dot ("5.", not "5" or "5)"): the numbering of answers, not
    // a count or a date.
    let dotted = label
        .trim_end_matches(',')
        .split([',', ';'])
        .all(|n| n.trim().ends_with('.'));
    if refs.is_empty() || !dotted {
        return None;
    }
    let body = t[used..].trim_start();
    let goes_on = label.ends_with(',');
    (body.is_empty() || starts_upper_word(body)).then_some((refs, body, goes_on))
}

fn starts_upper_word(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// A document that answers recommendations paragraph by paragraph under their numbers
/// alone ("1.   Slovenia accepts the recommendation. ...", "5., 6., 7.   The Government
/// accepts these recommendations ..."), the recommendations themselves printed elsewhere.
/// Each number becomes an item whose text is "" and whose response is the paragraph. Read
/// only on evidence: at least three such paragraphs state a position on "the
/// recommendation(s)" in their first sentence, and they are most of the numbered ones.
fn numbered_answers(ctx: &mut Context<'_>, items: &mut Vec<Item>) {
    let lines = ctx.lines;
    // (refs, answer, first line, last line)
    let mut found: Vec<(Vec<String>, String, usize, usize)> = Vec::new();
    let mut label_goes_on = false;
    for l in lines {
        if l.furniture || l.is_blank() {
            continue;
        }
        if label_goes_on && let Some(cur) = found.last_mut() {
            let t = l.text.trim();
            let (more, used) = number_list(t);
            if !more.is_empty() {
                cur.0.extend(more);
                label_goes_on = t[..used].trim_end().ends_with(',');
                let rest = t[used..].trim();
                if !rest.is_empty() {
                    cur.1.push_str(rest);
                }
                cur.3 = l.no;
                continue;
            }
        }
        label_goes_on = false;
        if l.heading.is_some() || l.is_row() {
            if let Some(cur) = found.last_mut() {
                cur.3 = cur.3.min(l.no);
            }
            found.push((Vec::new(), String::new(), l.no, l.no));
            continue;
        }
        if let Some((refs, body, goes_on)) = numbered_answer(&l.text) {
            found.push((refs, body.to_string(), l.no, l.no));
            label_goes_on = goes_on;
            continue;
        }
        if let Some(cur) = found.last_mut()
            && !cur.0.is_empty()
        {
            if !cur.1.is_empty() {
                cur.1.push(' ');
            }
            cur.1.push_str(l.text.trim());
            cur.3 = l.no;
        }
    }
    found.retain(|f| !f.0.is_empty() && !f.1.is_empty());
    // Recommendations numbered "101.1" beside paragraphs numbered "4.": the paragraphs
    // are the document's own.
    let dotted = |r: &String| r.contains('.');
    if found.iter().any(|f| f.0.iter().any(dotted))
        || items.iter().any(|it| it.r#ref.as_ref().is_some_and(dotted))
    {
        found.retain(|f| f.0.iter().all(dotted));
    }
    let answers_one = |text: &str| {
        let first = crate::fields::sentences(text)
            .into_iter()
            .next()
            .unwrap_or_default()
            .to_string();
        (first.to_lowercase().contains("recommendation") && position_of(&first).is_some())
            || bare_position(text).is_some()
    };
    let stating = found.iter().filter(|f| answers_one(&f.1)).count();
    if stating < 3 || stating * 2 < found.len() {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    for (refs, text, first, last) in &found {
        let lead = crate::fields::sentences(text)
            .into_iter()
            .next()
            .unwrap_or_default()
            .to_string();
        let bare = bare_position(text);
        let position = bare
            .clone()
            .or_else(|| position_of(&lead).filter(|_| answers_one(text)));
        // "Accepted / being implemented": how far, too.
        // A footnote's number may be run into the last word ("implemented1").
        let status = bare.as_ref().and_then(|(_, words)| {
            let rest = text.trim().get(words.len()..).unwrap_or_default();
            crate::fields::status_of_text(
                rest.trim_start_matches([' ', '/', '-', '–', ',', ';'])
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' '),
            )
        });
        for r in refs {
            if !seen.insert(r.clone()) {
                continue;
            }
            // A number a sentence of the document already answered ("recommendations
            // 101.8 and 101.34 are accepted in part") keeps that position.
            let k = match items.iter().position(|it| it.r#ref.as_ref() == Some(r)) {
                Some(k) => k,
                None => {
                    let mut it = Item::new(ItemKind::Recommendation, "", *first);
                    it.r#ref = Some(r.clone());
                    items.push(it);
                    items.len() - 1
                }
            };
            let it = &mut items[k];
            if let Some((pos, words)) = &position
                && it.position.is_none()
            {
                it.position = Some(*pos);
                it.position_words = Some(words.clone());
            }
            if let Some((st, words)) = &status
                && it.status.is_none()
            {
                it.status = Some(*st);
                it.status_words = words.clone();
            }
            // A position and a status alone are not a response in words.
            if bare.is_none() {
                it.responses.push(Response {
                    text: text.clone(),
                    line: *first,
                });
            }
        }
        for (k, b) in ctx.blocks.iter().enumerate() {
            if b.line >= *first && b.line <= *last {
                ctx.claimed[k] = true;
            }
        }
    }
}

/// An answer that is a position and little else: "Accepted / being implemented",
/// "Accepted in part", "Noted". At most six words, opening with the position.
fn bare_position(text: &str) -> Option<(Position, String)> {
    let t = text.trim();
    if t.split_whitespace().nth(6).is_some() {
        return None;
    }
    let (pos, words) = heed_core::Position::from_words(t)?;
    t.to_lowercase()
        .starts_with(&words.to_lowercase())
        .then_some((pos, words))
}

/// Whether the blocks that answer by number are a small part of a long text.
fn text_is_long_and_answers_little(answering: usize, total: usize) -> bool {
    total > 250_000 && answering * 50 < total
}

/// Attaches each "Rec. N  text" passage to item N as its response.
fn answers(lines: &[Line], items: &mut [Item]) {
    // A document that labels its answers ("Rec. 18") does so throughout: a lone number
    // there is a footnote's.
    // A line that carries on an open sentence ("... Slovenia notes\nrecommendations
    // 6–13, 17 ...") is not a label, whatever its first word.
    let mut starts = vec![true; lines.len()];
    let mut open = false;
    for (k, l) in lines.iter().enumerate() {
        if l.furniture {
            continue;
        }
        if l.is_blank() {
            open = false;
            continue;
        }
        starts[k] = !open;
        open = !ends_sentence(&l.text);
    }
    let labelled = lines
        .iter()
        .zip(&starts)
        .any(|(l, &s)| s && !l.furniture && answer_label(&l.text).is_some());
    let mut cur: Option<(Vec<String>, String, usize)> = None;
    let mut gap = false;
    let mut after_comma = false;
    let flush = |cur: Option<(Vec<String>, String, usize)>, items: &mut [Item]| {
        let Some((refs, text, line)) = cur.filter(|c| !c.1.is_empty()) else {
            return;
        };
        // Answers run together in one paragraph ("... in July 2014. Rec. 45 We consider
        // ..."), where the document labels its answers: each label starts one.
        let parts = if labelled {
            split_run_on_answers(refs, &text)
        } else {
            vec![(refs, text)]
        };
        for (refs, text) in parts {
            for it in items.iter_mut() {
                if it.r#ref.as_ref().is_some_and(|r| refs.contains(r)) && it.responses.is_empty() {
                    it.responses.push(Response {
                        text: text.clone(),
                        line,
                    });
                }
            }
        }
    };
    for (l, &starts_here) in lines.iter().zip(&starts) {
        if l.furniture {
            continue;
        }
        if l.is_blank() {
            gap = true;
            continue;
        }
        // A line of numbers that carries on the list of the line before is not a label.
        let bare = bare_refs(&l.text).filter(|refs| {
            !labelled
                && !after_comma
                && refs
                    .iter()
                    .all(|r| items.iter().any(|it| it.r#ref.as_ref() == Some(r)))
        });
        after_comma = l.text.trim_end().ends_with(',');
        let label = if !starts_here {
            None
        } else {
            answer_label(&l.text).or(bare.map(|r| (r, "")))
        };
        if let Some((refs, body)) = label {
            flush(cur.take(), items);
            cur = Some((refs, body.to_string(), l.no));
            gap = false;
            continue;
        }
        if let Some(c) = cur.as_mut() {
            let carries_on = !gap || !ends_sentence(&c.1) || l.text.starts_with(char::is_lowercase);
            if carries_on && l.heading.is_none() && !l.is_row() {
                if !c.1.is_empty() {
                    c.1.push(' ');
                }
                c.1.push_str(l.text.trim());
            } else {
                flush(cur.take(), items);
            }
        }
        gap = false;
    }
    flush(cur, items);
    // Positions stated in the answers themselves where the list gave none.
    for it in items.iter_mut().filter(|i| i.position.is_none()) {
        if let Some(r) = it.responses.first()
            && positions::states_position(&r.text)
        {
            it.position = Position::from_words(&r.text).map(|p| p.0);
        }
    }
}

pub mod cited;
pub mod stated;

#[cfg(test)]
mod tests;
