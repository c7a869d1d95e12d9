//! Field readers shared by every layout, and the finishing pass over a read document:
//! references between items, deadlines, positions, statuses, RAG ratings and the
//! diagnostics that only the whole document can show (gaps in numbering).

use crate::blocks::{Block, BlockKind};
use heed_core::date::{Day, Deadline, find_deadline, parse_date_phrase};
use heed_core::vocab::{PhraseSet, find_word};
use heed_core::{Diagnostic, Document, Item, ItemKind, Position, Rag, Status};
use std::sync::LazyLock;

/// Reads a recommendation number as printed and returns it without decoration:
/// "6", "6.", "(6)", "R6", "Rec. 6", "115.3" all give the digits and dots.
pub fn clean_ref(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| c == '(' || c == ')' || c == '.' || c == ':' || c.is_whitespace());
    let lower = t.to_lowercase();
    let t = ["recommendation", "rec.", "rec", "r"]
        .iter()
        .find_map(|p| lower.strip_prefix(p).map(|_| t[p.len()..].trim()))
        .unwrap_or(t);
    let t = t.trim_matches(|c: char| c == '.' || c == ')' || c == '(');
    (!t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !t.ends_with('-'))
    .then(|| t.to_string())
}

/// Splits a leading number off an item's text: "1. The MPS should" gives ("1", "The MPS
/// should"); "3) ..." and "R3. ..." too. Only plain numbers up to three digits (with an
/// optional ".n" part) count.
pub fn split_leading_number(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    let t2 = t.strip_prefix('(').unwrap_or(t);
    let digits: usize = t2
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .map(char::len_utf8)
        .sum();
    if digits == 0 {
        return None;
    }
    let num = t2[..digits].trim_end_matches('.');
    if num.is_empty() || num.split('.').any(|p| p.is_empty() || p.len() > 3) {
        return None;
    }
    let rest = &t2[digits..];
    let had_dot = t2[..digits].ends_with('.');
    // "1.1 The force should": a sub-numbered item opens with a capital after the number.
    let sub_numbered = num.contains('.') && rest.trim_start().starts_with(char::is_uppercase);
    let rest = if let Some(r) = rest.strip_prefix(')') {
        r
    } else if had_dot || sub_numbered {
        rest
    } else {
        return None;
    };
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((num.to_string(), rest.trim_start()))
}

/// Finds references to other recommendations by number: "See Recommendation 14",
/// "(Rec. 13)", "recommendations 8/9", "recommendations 8 and 9", "recommendations 5-7".
pub fn find_refs(text: &str) -> Vec<String> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    static CUES: LazyLock<PhraseSet> = LazyLock::new(|| {
        PhraseSet::new([
            "recommendations",
            "recommendation",
            "recs.",
            "recs",
            "rec.",
            "rec",
        ])
    });
    let mut out = Vec::new();
    for (_, end, _) in CUES.find_iter(text) {
        // "See recommendation 122.28": numbers of a series, read whole.
        let (series, _) = crate::by_number::number_list(text[end..].trim_start_matches(' '));
        if series.iter().any(|r| r.contains('.')) {
            out.extend(series);
        } else {
            read_number_list(&text[end..], &mut out);
        }
    }
    // "R1", "R12": a capital R and the number, as trackers write their refs.
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if let Some(n) = w.strip_prefix('R')
            && !n.is_empty()
            && n.len() <= 3
            && n.chars().all(|c| c.is_ascii_digit())
        {
            out.push(n.trim_start_matches('0').to_string());
        }
    }
    out.dedup();
    out
}

/// Reads "8/9", "8 and 9", "5-7", "5, 6 and 7" from the start of `s`.
fn read_number_list(s: &str, out: &mut Vec<String>) {
    let mut rest = s.trim_start_matches([' ', '.']);
    let mut last: Option<u32> = None;
    let mut range = false;
    loop {
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if n.is_empty() {
            break;
        }
        rest = &rest[n.len()..];
        if let Ok(v) = n.parse::<u32>() {
            match (range, last) {
                (true, Some(a)) if v > a && v - a <= 50 => {
                    out.extend((a + 1..=v).map(|x| x.to_string()))
                }
                _ => out.push(v.to_string()),
            }
            last = Some(v);
        }
        range = false;
        let trimmed = rest.trim_start();
        if let Some(r) = trimmed.strip_prefix(['/', ',', '&']) {
            rest = r.trim_start();
        } else if let Some(r) = trimmed.strip_prefix("and ") {
            rest = r.trim_start();
        } else if let Some(r) = trimmed.strip_prefix(['-', '–']) {
            rest = r.trim_start();
            range = true;
        } else if let Some(r) = trimmed.strip_prefix("to ") {
            rest = r.trim_start();
            range = true;
        } else {
            break;
        }
    }
}

/// Status of a results cell or a progress narrative. A leading status word wins; then
/// phrases inside the text; a text reporting both finished and unfinished work is in
/// progress. `None` for an empty text.
pub fn status_of_text(text: &str) -> Option<(Status, Option<String>)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some((s, w)) = Status::from_leading_words(t) {
        return Some((s, Some(w.to_string())));
    }
    let lower = t.to_lowercase();
    let done = completion_cue(&lower);
    let going = Status::find_all(t)
        .into_iter()
        .find(|(s, _)| *s != Status::Completed);
    match (done, going) {
        (Some(_), Some((Status::InProgress, w))) | (Some(_), Some((Status::NotStarted, w))) => {
            Some((Status::InProgress, Some(w)))
        }
        (Some(w), _) => Some((Status::Completed, Some(w))),
        (None, Some((s, w))) => Some((s, Some(w))),
        (None, None) => None,
    }
}

/// A phrase saying work is finished, not preceded by "to be", "will be" or "not".
fn completion_cue(lower: &str) -> Option<String> {
    for cue in [
        "completed",
        "complete",
        "implemented",
        "now in place",
        "in place",
        "provided with",
        "now available",
        "has been established",
        "have been established",
        "achieved",
    ] {
        if let Some(at) = find_word(lower, cue) {
            let before = lower[..at].trim_end();
            if [
                "to be", "will be", "not", "be", "yet", "to", "will", "not yet", "been", "being",
            ]
            .iter()
            .any(|n| before.ends_with(n))
                && !before.ends_with("has been")
                && !before.ends_with("have been")
                && !before.ends_with("had been")
            {
                continue;
            }
            return Some(cue.to_string());
        }
    }
    None
}

/// Status of a row whose results cell has no status words: work described as done or
/// under way is in progress; work only promised ("will") has not started.
pub fn status_of_prose(text: &str) -> Status {
    let lower = format!(" {} ", text.to_lowercase());
    let progress = [
        " has ",
        " have ",
        " had ",
        " is being ",
        " are being ",
        " being ",
        " already ",
        " continues ",
        " currently ",
    ]
    .iter()
    .any(|c| lower.contains(c));
    if !progress && lower.contains(" will ") {
        Status::NotStarted
    } else {
        Status::InProgress
    }
}

/// The date a document states for itself: a month and year in one of its first headings
/// or short lines ("Baseline Assessment October 2006", "15 March 2010").
pub fn document_date(blocks: &[Block]) -> Option<Day> {
    for b in blocks.iter().take(30) {
        if b.text.len() > 120 || b.kind == BlockKind::Row || crate::general::opens_unit(&b.text) {
            continue;
        }
        let words: Vec<&str> = b.text.split_whitespace().collect();
        for i in 0..words.len() {
            let w = words[i];
            let may_start_date = w.starts_with(|c: char| c.is_ascii_digit())
                || heed_core::date::month_number(w).is_some();
            if !may_start_date {
                continue;
            }
            // "by March 2006", "from April 2005": a deadline or a period, not the date
            // the document was written.
            if i > 0
                && matches!(
                    words[i - 1].to_lowercase().as_str(),
                    "by" | "before"
                        | "until"
                        | "till"
                        | "from"
                        | "in"
                        | "during"
                        | "after"
                        | "to"
                        | "within"
                        | "since"
                        | "end"
                        | "due"
                )
            {
                continue;
            }
            if let Some(d) = parse_date_phrase(&words[i..words.len().min(i + 3)].join(" "), None)
                && matches!(
                    d.precision,
                    heed_core::Precision::Day | heed_core::Precision::Month
                )
            {
                let day = if d.precision == heed_core::Precision::Day {
                    d.due
                } else {
                    Day { day: 1, ..d.due }
                };
                return Some(day);
            }
        }
    }
    None
}

/// The document's title: the page title of a web page (report number and date removed),
/// else the first heading or short opening line that is not an appendix label.
pub fn title(blocks: &[Block], html_title: Option<&str>) -> Option<String> {
    if let Some(t) = html_title {
        let mut t = t.trim().to_string();
        // "Name Audit (A-01-12-00508) 03-11-2014" -> "Name"
        if let Some(p) = t.find(" (")
            && t[p..].chars().any(|c| c.is_ascii_digit())
        {
            t.truncate(p);
        }
        for suffix in [" Audit", " Report", " Evaluation", " Inspection"] {
            if let Some(s) = t.strip_suffix(suffix) {
                t = s.to_string();
            }
        }
        if !t.is_empty() {
            return Some(t);
        }
    }
    // Candidates: the opening headings and short lines, before the first recommendation.
    let mut candidates: Vec<(usize, &str)> = Vec::new();
    for (k, b) in blocks.iter().enumerate().take(24) {
        let t = b.text.trim_start_matches([':', ' ', '-', '–']).trim();
        if t.is_empty() || b.kind == BlockKind::Row || t.len() > 200 {
            continue;
        }
        let lower = t.to_lowercase();
        if lower.starts_with("recommendation ") {
            break;
        }
        // Not titles: contents, numbered paragraphs, metadata lines ("Report: X |
        // Published: ..."), who a report is by or for, sentences.
        if lower.starts_with("appendix") && t.len() < 16
            || split_leading_number(t).is_some()
            || lower.starts_with("contents")
            || t.contains(" | ")
            || lower.starts_with("report by")
            || lower.starts_with("report to")
            || (t.ends_with('.') && t.split_whitespace().nth(12).is_some())
        {
            continue;
        }
        if b.is_heading() || t.len() <= 160 {
            candidates.push((k, t));
        }
    }
    let first = candidates.first().copied()?;
    // A line that opens by saying what the document is ("Report of the Working Group",
    // "Inspection of ...") is the title; else the first line, unless that only names who
    // wrote it ("Her Majesty's Inspectorate of Constabulary"), when the first line naming a
    // kind of document is; of those, a later line that repeats it in full is fuller.
    let opening = candidates
        .iter()
        .take(10)
        .copied()
        .find(|(_, t)| opens_with_kind(t));
    let mut best = opening.unwrap_or_else(|| {
        if names_a_body(first.1) {
            candidates
                .iter()
                .take(10)
                .copied()
                .find(|(_, t)| names_document_kind(t) && !t.ends_with([';', '.', ',']))
                .unwrap_or(first)
        } else {
            first
        }
    });
    if let Some(fuller) = candidates
        .iter()
        .take(10)
        .find(|(k, t)| *k > best.0 && t.len() > best.1.len() && t.contains(best.1))
    {
        best = *fuller;
    }
    let (k, t) = best;
    let mut title = t.trim_end_matches('*').trim_end().to_string();
    // The subject on the next line ("Report of the Working Group on the Universal Periodic
    // Review" / "Slovenia"), or the body under an all-capitals title.
    if let Some(next) = blocks
        .get(k + 1)
        .filter(|n| !n.is_heading() || blocks[k].is_heading())
    {
        let n = next.text.trim();
        let short =
            !n.is_empty() && n.split_whitespace().nth(4).is_none() && !n.ends_with(['.', ':']);
        let capitalised = n.chars().next().is_some_and(char::is_uppercase);
        if short
            && capitalised
            && lower_case_start(&title)
            && title.to_lowercase().starts_with("report of")
        {
            title = format!("{title}: {n}");
        } else if short && is_all_caps(&title) && is_all_caps(n) {
            title = format!("{} – {}", title_case(&title), title_case(n));
        }
    }
    if is_all_caps(&title) {
        title = title_case(&title);
    }
    Some(title)
}

fn lower_case_start(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A line that opens by naming the kind of document: "Report of ...", "Review of ...",
/// "Inspection of ...", "Concluding observations on ...".
fn opens_with_kind(t: &str) -> bool {
    let l = t.to_lowercase();
    [
        "report of",
        "report on",
        "review of",
        "inspection of",
        "audit of",
        "evaluation of",
        "assessment of",
        "concluding observations",
        "progress report",
        "response to",
    ]
    .iter()
    .any(|p| l.starts_with(p))
}

/// A short line that names a body rather than a document: an organisation's word and no
/// word of a document's kind ("Her Majesty's Inspectorate of Constabulary").
fn names_a_body(t: &str) -> bool {
    let l = t.to_lowercase();
    t.split_whitespace().nth(6).is_none()
        && !names_document_kind(t)
        && [
            "inspectorate",
            "office",
            "council",
            "committee",
            "nations",
            "assembly",
            "department",
            "service",
            "police",
            "authority",
            "ministry",
            "government",
            "agency",
            "commission",
            "board",
            "constabulary",
            "inspector",
        ]
        .iter()
        .any(|w| find_word(&l, w).is_some())
}

/// Words that say what kind of document a line titles.
fn names_document_kind(t: &str) -> bool {
    let l = t.to_lowercase();
    [
        "report",
        "review",
        "assessment",
        "inspection",
        "audit",
        "evaluation",
        "update",
        "progress",
        "response",
        "strategy",
        "recommendations",
        "action plan",
        "observations",
        "scrutiny",
    ]
    .iter()
    .any(|w| find_word(&l, w).is_some())
}

/// Mostly capital letters: at least two words of letters, none of them in lower case.
fn is_all_caps(t: &str) -> bool {
    let words: Vec<&str> = t
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect();
    !words.is_empty()
        && words
            .iter()
            .filter(|w| !w.chars().any(char::is_lowercase))
            .count()
            * 2
            > words.len()
        && t.split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .count()
            >= 2
}

/// "LONDON DOMESTIC VIOLENCE STRATEGY (2nd Edition)" -> "London Domestic Violence
/// Strategy (2nd Edition)": capitalised words, small words in lower case, and words
/// without a vowel (abbreviations: "MPS", "CPS") left as they are.
fn title_case(t: &str) -> String {
    let small = [
        "of", "the", "and", "on", "for", "to", "in", "a", "an", "by", "at", "or",
    ];
    t.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            let upper = !letters.is_empty() && !letters.chars().any(char::is_lowercase);
            let vowel = letters.chars().any(|c| "AEIOUY".contains(c));
            if !upper || !vowel || letters.len() < 2 {
                return w.to_string();
            }
            let lower = w.to_lowercase();
            if i > 0 && small.contains(&lower.as_str()) {
                return lower;
            }
            let mut out = String::new();
            let mut done = false;
            for c in lower.chars() {
                if !done && c.is_alphabetic() {
                    out.extend(c.to_uppercase());
                    done = true;
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the document rates items by RAG (it explains red/amber/green, or has a RAG column).
pub fn rates_by_rag(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| {
        let t = &b.text;
        // "RAG" is written in capitals; colour words in any case. Cheap tests first: this
        // runs over every block of every document.
        let rag = t.contains("RAG") && find_word(t, "RAG").is_some();
        let colours = (t.contains("mber") || t.contains("MBER")) && {
            let l = t.to_lowercase();
            find_word(&l, "amber").is_some() && find_word(&l, "green").is_some()
        };
        rag || colours
    })
}

/// A position standing alone on its line ("Supported", "Noted", "Accepted in part"): three
/// words at most. The readers of bodies, trackers and answers share this one rule.
pub fn lone_position(t: &str) -> Option<(heed_core::Position, String)> {
    if t.split_whitespace().nth(3).is_some() {
        return None;
    }
    heed_core::Position::from_words(t)
}

/// A status standing alone ("Completed", "In progress."): the status words and nothing
/// else, three words at most; a status, not words in reply.
pub fn lone_status(t: &str) -> Option<(Status, String)> {
    if t.split_whitespace().nth(3).is_some() {
        return None;
    }
    let (st, w) = Status::from_leading_words(t)?;
    t.trim_end_matches('.')
        .eq_ignore_ascii_case(w.trim())
        .then(|| (st, w.to_string()))
}

/// Sentences of a text, split after ". ", "? ", "! ".
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        if matches!(b[i], b'.' | b'?' | b'!')
            && b.get(i + 1) == Some(&b' ')
            && b.get(i + 2)
                .is_some_and(|c| c.is_ascii_uppercase() || *c == b'"')
        {
            out.push(&text[start..=i]);
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The deadline a text sets: a cue ("by", "completion", "to be launched") before a date,
/// or a plan for a month ("will be circulated ... in October 2006").
pub fn deadline_in(text: &str, today: Option<Day>) -> Option<Deadline> {
    if !text.bytes().any(|b| b.is_ascii_digit())
        && !text.contains("month")
        && !text.contains("year")
    {
        return None;
    }
    for s in sentences(text) {
        if let Some(d) = find_deadline(s, today) {
            return Some(d);
        }
        let lower = s.to_lowercase();
        if find_word(&lower, "will").is_some() {
            let mut from = 0;
            while let Some(at) = find_word(&lower[from..], "in").map(|p| p + from) {
                from = at + 2;
                if let Some(d) = parse_date_phrase(&s[at + 2..], today)
                    && d.precision == heed_core::Precision::Month
                {
                    let phrase = format!("in {}", d.phrase);
                    return Some(Deadline { phrase, ..d });
                }
            }
        }
    }
    None
}

/// The finishing pass: fills what each item's own words and responses say, resolves
/// "See recommendation 9" answers, rolls action statuses up, and checks numbering.
/// `rag_words`: whether the text mentions RAG or amber at all (a cheap test over the
/// whole text that spares the block-by-block reading for most documents).
pub fn finish(doc: &mut Document, blocks: &[Block], date: Option<Day>, rag_words: bool) {
    let rag_doc = rag_words && rates_by_rag(blocks);
    let refs: Vec<Option<String>> = doc.items.iter().map(|i| i.r#ref.clone()).collect();
    let infer_positions = doc.layouts.iter().any(|l| l == "response-table");
    // In an audit report the response is the body's comments on the draft, made before
    // any work: it says nothing of progress unless its words do. Elsewhere (a tracker, a
    // progress paper) a response is a progress report, so an item with one is under way.
    let comments_on_draft = doc.layouts.iter().any(|l| l == "inline");
    for item in doc.items.iter_mut() {
        if item.kind != ItemKind::Recommendation {
            continue;
        }
        // Cross-references from the text, the actions and the responses.
        let mut texts: Vec<&str> = vec![item.text.as_str()];
        for a in &item.actions {
            texts.extend(a.key_point.as_deref());
            texts.extend(a.action.as_deref());
            texts.extend(a.result.as_deref());
        }
        texts.extend(item.responses.iter().map(|r| r.text.as_str()));
        let mut see: Vec<String> = item.see_also.clone();
        for t in &texts {
            for r in find_refs(t) {
                // A ref of the document's items, or of the same series as this item's
                // ("See recommendation 122.28" from 122.34, where the document answers
                // only some of the series).
                let series = |x: &str| x.rsplit_once('.').map(|(head, _)| head.to_string());
                let same_series = item
                    .r#ref
                    .as_deref()
                    .and_then(series)
                    .is_some_and(|h| series(&r).is_some_and(|rh| rh == h));
                let known = same_series || refs.iter().any(|x| x.as_deref() == Some(r.as_str()));
                if Some(r.as_str()) != item.r#ref.as_deref() && known && !see.contains(&r) {
                    see.push(r);
                }
            }
        }
        item.see_also = see;
        // Deadline: the item's own words first, then its actions, then its responses.
        if item.deadline.is_none() {
            item.deadline = deadline_in(&item.text, date)
                .or_else(|| {
                    item.actions
                        .iter()
                        .find_map(|a| a.result.as_deref().and_then(|r| deadline_in(r, date)))
                })
                .or_else(|| {
                    // A refusal sets no date to meet ("Not accepted. There is no budget for
                    // this post in 2024/25").
                    item.responses
                        .iter()
                        .filter(|r| {
                            item.position != Some(Position::Rejected)
                                && Position::from_words(&r.text).map(|p| p.0)
                                    != Some(Position::Rejected)
                        })
                        .find_map(|r| deadline_in(&r.text, date))
                });
        }
        // Status from action rows.
        if item.status.is_none() && !item.actions.is_empty() {
            let st: Vec<Status> = item.actions.iter().filter_map(|a| a.status).collect();
            if !st.is_empty() {
                let s = if st.iter().all(|s| *s == Status::Completed) {
                    Status::Completed
                } else if st.iter().all(|s| *s == Status::NotStarted) {
                    Status::NotStarted
                } else {
                    Status::InProgress
                };
                item.status = Some(s);
                item.status_words = Some(format!(
                    "{} of {} action rows completed",
                    st.iter().filter(|s| **s == Status::Completed).count(),
                    st.len()
                ));
            }
        }
        // Position and status from the responses.
        let joined: String = item
            .responses
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if item.position.is_none()
            && !joined.is_empty()
            && let Some((p, w)) = position_of_response(&joined, infer_positions)
        {
            item.position = Some(p);
            item.position_words = Some(w);
        }
        if item.status.is_none() && !joined.is_empty() {
            let (s, w) = match item.position {
                Some(Position::Rejected) => {
                    (Some(Status::NotAccepted), item.position_words.clone())
                }
                Some(Position::NoResponse) => {
                    (Some(Status::NoResponse), item.position_words.clone())
                }
                // A recommendation only noted (the UN's "not supported") is not being
                // acted on because it was answered: its answer says why, not how far.
                _ => match status_of_text(&joined) {
                    Some((s, w)) => (Some(s), w),
                    None if comments_on_draft => (None, None),
                    None if item.position == Some(Position::Noted) => (None, None),
                    None => (Some(Status::InProgress), None),
                },
            };
            item.status = s;
            item.status_words = w;
        }
    }
    resolve_see_answers(doc);
    if rag_doc {
        for item in doc.items.iter_mut().filter(|i| {
            i.kind == ItemKind::Recommendation && i.rag.is_none() && !i.responses.is_empty()
        }) {
            let (rag, why) = match (item.position, item.status) {
                (Some(Position::Rejected), _) | (_, Some(Status::NotAccepted)) => (
                    Rag::Red,
                    format!(
                        "not accepted: {:?}",
                        item.position_words.clone().unwrap_or_default()
                    ),
                ),
                (Some(Position::NoResponse), _) | (_, Some(Status::NoResponse)) => (
                    Rag::Red,
                    format!(
                        "no response: {:?}",
                        item.position_words.clone().unwrap_or_default()
                    ),
                ),
                (_, Some(Status::Completed)) => (
                    Rag::Green,
                    format!(
                        "implemented: {:?}",
                        item.status_words.clone().unwrap_or_default()
                    ),
                ),
                _ => (
                    Rag::Amber,
                    "some progress reported, not complete".to_string(),
                ),
            };
            item.rag = Some(rag);
            item.rag_reason = Some(why);
        }
    }
    numbering_gaps(doc);
}

/// The addressed body's position as a response states it. Explicit words first; a
/// response that reports the body acting on the recommendation reads as accepted.
pub fn position_of_response(text: &str, infer: bool) -> Option<(Position, String)> {
    if let Some(found) = Position::from_words(text) {
        return Some(found);
    }
    // Only a document that answers recommendations (a table with a response column)
    // speaks for the body when it reports acting; elsewhere progress is not a position.
    if !infer {
        return None;
    }
    let lower = text.to_lowercase();
    if let Some(at) = find_word(&lower, "would not") {
        return Some((Position::Rejected, text[at..at + 9].to_string()));
    }
    for cue in [
        "has begun",
        "have begun",
        "has been",
        "have been",
        "have increased",
        "have worked",
        "has worked",
        "is being",
        "are being",
        "includes",
        "will be",
    ] {
        if let Some(at) = find_word(&lower, cue) {
            return Some((
                Position::Accepted,
                text.get(at..at + cue.len()).unwrap_or(cue).to_string(),
            ));
        }
    }
    None
}

/// "See recommendation 9" as the whole response: the item takes that item's position,
/// status and RAG.
fn resolve_see_answers(doc: &mut Document) {
    for i in 0..doc.items.len() {
        let item = &doc.items[i];
        let [only] = item.responses.as_slice() else {
            continue;
        };
        let t = only.text.trim().trim_end_matches('.').to_lowercase();
        if !(t.starts_with("see ") || t.starts_with("as ")) || t.split_whitespace().nth(4).is_some()
        {
            continue;
        }
        let Some(target) = find_refs(&t).into_iter().next() else {
            continue;
        };
        let Some(src) = doc
            .items
            .iter()
            .find(|x| x.r#ref.as_deref() == Some(target.as_str()) && x.kind == item.kind)
            .cloned()
        else {
            continue;
        };
        let item = &mut doc.items[i];
        item.position = src.position;
        item.position_words = src
            .position_words
            .map(|w| format!("as recommendation {target}: {w}"));
        item.status = src.status;
        item.status_words = src.status_words;
        if !item.see_also.contains(&target) {
            item.see_also.push(target);
        }
    }
}

/// Warns about gaps in a numbered sequence of recommendations ("20, 21 and 23 missing").
fn numbering_gaps(doc: &mut Document) {
    let nums: Vec<(u32, usize)> = doc
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Recommendation)
        // A recommendation named by the paragraph that made it is of no numbered list.
        .filter(|i| {
            !i.evidence
                .iter()
                .any(|e| e.starts_with(crate::by_number::cited::EVIDENCE))
        })
        .filter_map(|i| {
            i.r#ref
                .as_deref()
                .and_then(|r| r.parse::<u32>().ok())
                .map(|n| (n, i.line))
        })
        .collect();
    if nums.len() < 3 {
        return;
    }
    let mut missing = Vec::new();
    let mut line = 0;
    for w in nums.windows(2) {
        let (a, b) = (w[0].0, w[1].0);
        if b > a + 1 && b - a < 20 {
            missing.extend(a + 1..b);
            if line == 0 {
                line = w[1].1;
            }
        }
    }
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(u32::to_string).collect();
        let words = match list.as_slice() {
            [one] => format!("recommendation {one} is"),
            [init @ .., last] => format!("recommendations {} and {last} are", init.join(", ")),
            [] => String::new(),
        };
        doc.diagnostics.push(Diagnostic::warning(
            line,
            format!("gap in numbering: {words} missing"),
        ));
    }
}

/// Makes an item from a numbered text, splitting a leading number off as its ref.
pub fn item_from_text(kind: ItemKind, text: &str, line: usize) -> Item {
    match split_leading_number(text) {
        Some((r, rest)) => {
            let mut it = Item::new(kind, rest, line);
            it.r#ref = Some(r);
            it
        }
        None => Item::new(kind, text, line),
    }
}

#[cfg(test)]
mod tests;
