//! Numbered lists inside a section headed "Recommendations" ("II. Conclusions and/or
//! recommendations", "## Recommendations"), as UN review reports and many committee
//! reports print them: "1. To ratify ... (Spain);" one number per recommendation.
//!
//! This reader works on lines rather than blocks, because such lists are often printed
//! without blank lines between the entries, so one block holds many of them. An entry runs
//! from its number to the next number in sequence; a number out of sequence (the next
//! paragraph number of the document, "112.") or a new section ends the list. The trailing
//! attribution in parentheses that names who made the recommendation ("(Norway)") is not
//! part of the text; a hyphen at a line end is kept or dropped as the document's own
//! vocabulary says; page furniture between the halves of an entry is skipped. Numbered
//! paragraphs outside such a section (a summary of a dialogue in which states
//! "recommended" things) are not read.

use crate::Context;
use crate::labels::EntryFields;
use crate::lines::Line;
use heed_core::vocab::find_word;
use heed_core::{Document, Item, ItemKind, Position};
use std::collections::HashSet;

mod answers;
mod asked;
mod parts;

/// Strips a section enumerator ("II.", "A.", "4.", "4.2") from a heading-like line.
fn strip_enumerator(t: &str) -> &str {
    let t = t.trim();
    let Some((first, rest)) = t.split_once(char::is_whitespace) else {
        return t;
    };
    let f = first.trim_end_matches(['.', ')']);
    let roman = !f.is_empty() && f.chars().all(|c| "IVXLC".contains(c));
    let letter = f.len() == 1 && f.chars().all(|c| c.is_ascii_uppercase());
    let number = !f.is_empty() && f.chars().all(|c| c.is_ascii_digit() || c == '.');
    let marked = first.len() > f.len();
    if (marked && (roman || letter)) || number {
        rest.trim()
    } else {
        t
    }
}

/// Whether a line heads a recommendations section: short, names recommendations, and is
/// not a contents line (dot leaders, a page number at the end) or a sentence.
pub fn is_recommendations_heading(l: &Line) -> bool {
    if !(l.text.contains("ecommendation") || l.text.contains("ECOMMENDATION")) {
        return false;
    }
    let t = l.text.trim().trim_end_matches('*').trim_end();
    if t.contains("...") || t.contains(". .") || t.ends_with(['.', ',', ';']) {
        return false;
    }
    let body = strip_enumerator(t);
    let words: Vec<&str> = body.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    if words
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        return false;
    }
    let lower = body.to_lowercase();
    let names = lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "recommendations" | "recommendation" | "conclusions" | "proposals"
        )
    }) && lower.contains("recommendation");
    // Upper-case start (a heading), unless it is a Markdown heading.
    names && (l.heading.is_some() || body.starts_with(|c: char| c.is_uppercase()))
}

/// The number of an entry: "7" in "7.", or "115.3" (paragraph 115, entry 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Num {
    prefix: Option<u32>,
    n: u32,
    /// Lettered entries ("a)", "(b)", "c."), as audit offices print them: `n` 1 is "a".
    letter: bool,
}

impl Num {
    fn next(self) -> Num {
        Num {
            n: self.n + 1,
            ..self
        }
    }
    /// Whether `n` is a later entry of the same list than this expected one.
    fn skips_to(self, n: Num) -> bool {
        n.prefix == self.prefix && n.letter == self.letter && n.n > self.n
    }
    fn label(self) -> String {
        if self.letter {
            return char::from(b'a' + (self.n - 1) as u8).to_string();
        }
        match self.prefix {
            Some(p) => format!("{p}.{}", self.n),
            None => self.n.to_string(),
        }
    }
}

fn leading_digits(s: &str) -> Option<(u32, &str)> {
    let d: usize = s.chars().take_while(char::is_ascii_digit).count();
    if d == 0 || d > 3 {
        return None;
    }
    Some((s[..d].parse().ok()?, &s[d..]))
}

/// The number that opens an entry line ("1.", "1)", "(1)", "115.3", "115.3."), and the
/// text after it.
fn entry_number(t: &str) -> Option<(Num, &str)> {
    let t = t.trim_start();
    if let Some(lettered) = entry_letter(t) {
        return Some(lettered);
    }
    let bracketed = t.starts_with('(');
    let inner = t.strip_prefix('(').unwrap_or(t);
    let (a, rest) = leading_digits(inner)?;
    // "115.3": a paragraph number and the entry's number within it.
    if !bracketed
        && let Some(after_dot) = rest.strip_prefix('.')
        && let Some((b, rest2)) = leading_digits(after_dot)
    {
        let rest2 = rest2.strip_prefix(['.', ')']).unwrap_or(rest2);
        if !rest2.is_empty() && !rest2.starts_with(char::is_whitespace) {
            return None;
        }
        let num = Num {
            prefix: Some(a),
            n: b,
            letter: false,
        };
        return Some((num, rest2.trim_start()));
    }
    let rest = if bracketed {
        rest.strip_prefix(')')?
    } else {
        rest.strip_prefix(['.', ')'])?
    };
    // A number alone on its line ("1." and the words on the next): an entry too.
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((
        Num {
            prefix: None,
            n: a,
            letter: false,
        },
        rest.trim_start(),
    ))
}

/// A lettered entry marked as one: "a)", "(a)", "a." before its text (lower-case letters
/// only: "A." heads a section).
fn entry_letter(t: &str) -> Option<(Num, &str)> {
    let bracketed = t.starts_with('(');
    let inner = t.strip_prefix('(').unwrap_or(t);
    let mut chars = inner.chars();
    let c = chars
        .next()
        .filter(|c| c.is_ascii_lowercase() && *c <= 'x')?;
    let rest = chars.as_str();
    let rest = if bracketed {
        rest.strip_prefix(')')?
    } else {
        rest.strip_prefix([')', '.'])?
    };
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((letter(c), rest.trim_start()))
}

fn letter(c: char) -> Num {
    Num {
        prefix: None,
        n: u32::from(c) - u32::from('a') + 1,
        letter: true,
    }
}

/// A lettered entry printed with the bare letter ("a develop a long-term strategy"), as
/// audit offices' summaries do: read only where the caller knows an entry may start
/// (after a blank line, in a list or after its lead-in), since "a" is also a word.
fn bare_letter(t: &str) -> Option<(Num, &str)> {
    let t = t.trim_start();
    let mut chars = t.chars();
    let c = chars
        .next()
        .filter(|c| c.is_ascii_lowercase() && *c <= 'x')?;
    let rest = chars.as_str().strip_prefix(' ')?;
    rest.starts_with(char::is_lowercase)
        .then(|| (letter(c), rest.trim_start()))
}

/// The words of the document, for deciding whether a line-end hyphen belongs to the word.
fn vocabulary(lines: &[Line]) -> HashSet<String> {
    let mut v = HashSet::new();
    for l in lines {
        for w in l
            .text
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| w.len() > 2 && !w.ends_with('-') && !w.starts_with('-'))
        {
            v.insert(w.to_lowercase());
        }
    }
    v
}

/// Joins the next line of an entry onto its text. A hyphen at the end of the text before
/// a lower-case word is dropped only when the document spells the joined word without it
/// elsewhere and never with it ("strength-\nen"); otherwise the hyphen belongs to a
/// compound ("same-\nsex", "awareness-\nraising") and is kept.
pub fn join_line(text: &mut String, next: &str, vocab: &HashSet<String>) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    let hyphen_end = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    if hyphen_end && next.starts_with(|c: char| c.is_lowercase()) {
        let stem: String = text[..text.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let joined = format!("{stem}{tail}").to_lowercase();
        let compound = format!("{stem}-{tail}").to_lowercase();
        if vocab.contains(&joined) && !vocab.contains(&compound) {
            text.pop();
        }
        text.push_str(next);
        return;
    }
    text.push(' ');
    text.push_str(next);
}

/// Repairs hyphens that a line break left in a text already joined with spaces ("decision-
/// making", "strength- en"): the word is joined without the hyphen when the document
/// spells it so elsewhere and never with one, else the hyphen stays and the space goes. A
/// suspended hyphen ("short- and long-term") is left alone. `doc_lower` is the whole
/// document in lower case.
pub fn repair_hyphens(text: &str, doc_lower: &str) -> String {
    if !text.contains("- ") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("- ") {
        let (before, after) = rest.split_at(at);
        let after = &after[2..];
        let stem: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        out.push_str(before);
        let suspended = matches!(tail.as_str(), "and" | "or" | "to" | "nor" | "than");
        if stem.is_empty() || tail.is_empty() || !after.starts_with(char::is_lowercase) || suspended
        {
            out.push_str("- ");
        } else {
            let joined = format!("{stem}{tail}").to_lowercase();
            let compound = format!("{stem}-{tail}").to_lowercase();
            if !contains_word(doc_lower, &joined) || doc_lower.contains(&compound) {
                out.push('-');
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn contains_word(hay: &str, w: &str) -> bool {
    find_word(hay, w).is_some()
}

/// Removes the entry's closing punctuation and a trailing attribution in parentheses
/// naming who made the recommendation ("(Norway)", "(Iran (Islamic Republic of))").
pub fn strip_attribution(t: &str) -> String {
    let mut s = t.trim().trim_end_matches([';', '.', ',']).trim_end();
    for conj in ["; and", "; or"] {
        s = s.strip_suffix(conj).unwrap_or(s);
    }
    if let Some(open) = matching_open(s)
        && open > 0
        && is_attribution(&s[open + 1..s.len() - 1])
    {
        s = s[..open].trim_end();
    }
    s.trim_end_matches([';', ',']).trim_end().to_string()
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

/// Whether the words in a closing parenthesis name who made a recommendation: capitalised
/// names separated by commas, slashes or "and", no digits ("Spain, Argentina", "United
/// Kingdom of Great Britain and Northern Ireland", "Côte d’Ivoire").
fn is_attribution(inner: &str) -> bool {
    let inner = inner.replace(['(', ')'], " ");
    !inner.trim().is_empty()
        && !inner.chars().any(|c| c.is_ascii_digit())
        && inner.split([',', '/']).all(|part| {
            let ws: Vec<&str> = part.split_whitespace().collect();
            !ws.is_empty()
                && ws.iter().any(|w| w.starts_with(char::is_uppercase))
                && ws.iter().all(|w| {
                    w.chars().any(char::is_uppercase)
                        || matches!(
                            *w,
                            "of" | "and" | "the" | "for" | "de" | "du" | "la" | "former"
                        )
                })
        })
}

/// The position a list's lead-in states for all its entries: "enjoy the support of",
/// "were noted by", "did not enjoy the support"; `None` for "will be examined".
pub(crate) fn lead_in_position(text: &str) -> Option<(Position, String)> {
    let l = text.to_lowercase();
    for (phrases, pos) in [
        (
            &[
                "did not enjoy",
                "do not enjoy",
                "does not enjoy",
                "not supported",
                "rejected",
                "not accepted",
            ][..],
            Position::Rejected,
        ),
        (
            &[
                "enjoy the support",
                "enjoys the support",
                "enjoyed the support",
                "enjoy its support",
                "enjoys its support",
                "enjoyed its support",
                "supported by",
                "are supported",
                "accepted by",
                "are accepted",
                "accepts",
                "supports",
            ][..],
            Position::Accepted,
        ),
        (
            &[
                "noted by",
                "were noted",
                "are noted",
                "notes",
                "took note",
                "takes note",
            ][..],
            Position::Noted,
        ),
    ] {
        if let Some(p) = phrases.iter().find(|p| find_word(&l, p).is_some()) {
            return Some((pos, (*p).to_string()));
        }
    }
    None
}

/// Whether a line opens a new section: a Markdown heading, or an enumerated short title
/// ("III. Voluntary pledges and commitments").
fn is_section_heading(l: &Line) -> bool {
    if l.heading.is_some_and(|h| h < 7) {
        return true;
    }
    let t = l.text.trim().trim_end_matches('*');
    let body = strip_enumerator(t);
    let marked = t
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(['.', ')']));
    marked
        && body.len() < t.len()
        && entry_number(t).is_none()
        && body.starts_with(char::is_uppercase)
        && body.split_whitespace().nth(10).is_none()
        && !body.ends_with(['.', ';', ',', ':'])
}

/// Reads the numbered lists of recommendations sections.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    // A list restating recommendations another reader found (a summary) is not read again.
    if doc.items.iter().any(|i| i.kind == ItemKind::Recommendation) {
        return;
    }
    // The lines are needed only when some block names recommendations at all.
    if !ctx
        .blocks
        .iter()
        .any(|b| b.text.contains("ecommendation") || b.text.contains("ECOMMENDATION"))
    {
        return;
    }
    let lines = ctx.lines;
    if lines.is_empty() {
        return;
    }
    // Which source lines belong to blocks another reader has claimed, by line number.
    let last = lines
        .iter()
        .map(|l| l.no)
        .chain(ctx.blocks.iter().map(|b| b.end_line));
    let mut taken = vec![false; last.max().unwrap_or(0) + 1];
    for (i, b) in ctx.blocks.iter().enumerate() {
        if ctx.claimed[i] && b.line <= b.end_line {
            taken[b.line..=b.end_line].fill(true);
        }
    }
    let mut vocab: Option<HashSet<String>> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if l.furniture || taken[l.no] || !is_recommendations_heading(l) {
            i += 1;
            continue;
        }
        // The lists of the section: each starts at an entry numbered 1 ("1.", "115.1"),
        // and the text before it (the lead-in) may state a position for all of it.
        let mut from = i + 1;
        let mut lists_here = 0;
        let section_from = items.len();
        loop {
            let mut start = None;
            let mut seen = 0;
            let mut lead = String::new();
            for (j, m) in lines.iter().enumerate().skip(from) {
                if m.furniture || m.is_blank() {
                    continue;
                }
                if is_section_heading(m) || taken[m.no] {
                    break;
                }
                seen += 1;
                if seen > 25 {
                    break;
                }
                let after_lead_in = lead.trim_end().ends_with(':');
                if entry_number(&m.text).is_some_and(|(n, _)| n.n == 1)
                    || (after_lead_in && bare_letter(&m.text).is_some_and(|(n, _)| n.n == 1))
                {
                    start = Some(j);
                    break;
                }
                lead.push(' ');
                lead.push_str(&m.text);
            }
            let Some(start) = start else { break };
            let vocab = vocab.get_or_insert_with(|| vocabulary(lines));
            let (mut found, end) = read_list(lines, start, &taken, vocab);
            // Paragraphs that answer recommendations by number are a response, not a list
            // of recommendations.
            let citing = found
                .iter()
                .filter(|it| crate::by_number::cites_by_number(&it.text))
                .count();
            // One entry is a list only when it follows another list of the section and
            // its lead-in speaks of recommendations.
            let single_ok = lists_here > 0 && lead.to_lowercase().contains("recommendation");
            if found.is_empty() || (found.len() < 2 && !single_ok) || citing * 2 >= found.len() {
                from = start + 1;
                continue;
            }
            // Entries that ask nothing under a paragraph that asks and leads them in: one
            // ask and its parts; the asking paragraphs after them are asks too.
            let mut after_list = None;
            if let Some(one) = asked::parts_of_one(ctx.blocks, l, lines[start].no, &found) {
                let next = lines.get(end).map_or(usize::MAX, |n| n.no);
                let (more, span) = asked::asking_after(ctx.blocks, next);
                found = std::iter::once(one).chain(more).collect();
                after_list = span;
            }
            if let Some((pos, words)) = lead_in_position(&lead) {
                for it in &mut found {
                    it.position = Some(pos);
                    it.position_words = Some(words.clone());
                }
                // "... enjoy the support of X, which considers that they are already
                // implemented or in the process of implementation:": how far, too.
                if let Some((status, words)) = crate::fields::status_of_text(&lead) {
                    for it in found.iter_mut().filter(|it| it.status.is_none()) {
                        it.status = Some(status);
                        it.status_words = words.clone();
                    }
                }
            }
            let found = parts::refine(found);
            let restated = parts::restates(&items, &found);
            lists_here += 1;
            spans.push((lines[start].no, lines[end.min(lines.len() - 1)].no));
            spans.extend(after_list);
            if !restated {
                items.extend(found);
            }
            // "61. All recommendations formulated during the interactive dialogue ...
            // enjoy the support of Ecuador": a position stated after the lists, for all
            // of them, is each one's that states none of its own.
            from = end;
            if let Some((pos, words, after)) = trailer_position(lines, end) {
                for it in items[section_from..]
                    .iter_mut()
                    .filter(|it| it.position.is_none())
                {
                    it.position = Some(pos);
                    it.position_words = Some(words.clone());
                }
                // Not the lead-in of the next list.
                from = after;
            }
        }
        i = from.max(i + 1);
    }
    if items.is_empty() {
        return;
    }
    let first_end = spans.first().map(|s| s.1);
    for (from, to) in spans {
        for (k, b) in ctx.blocks.iter().enumerate() {
            // The list's lead-in ("we recommend that the agency take the following
            // actions:") is the list's, not a request of its own.
            let lead_in = b.end_line < from
                && b.text.ends_with(':')
                && ctx.blocks.get(k + 1).is_some_and(|n| n.line >= from);
            if (b.end_line >= from && b.line <= to) || lead_in {
                ctx.claimed[k] = true;
            }
        }
    }
    // A comments section after the lists may answer them one by one.
    if let Some(end) = first_end {
        answers::read(ctx, &mut items, end);
    }
    doc.items.extend(items);
    doc.layouts.push("numbered-list".to_string());
}

/// The position a paragraph right after a list gives all the recommendations ("All
/// recommendations ... enjoy the support of Ecuador"): the paragraph starting at line
/// `from` (after blank lines), when it speaks of all the recommendations.
fn trailer_position(lines: &[Line], from: usize) -> Option<(Position, String, usize)> {
    let mut text = String::new();
    let mut after = from;
    for l in lines.iter().skip(from) {
        after += 1;
        if l.furniture {
            continue;
        }
        if l.is_blank() {
            if text.is_empty() {
                continue;
            }
            break;
        }
        if is_section_heading(l) || text.len() > 600 {
            after -= 1;
            break;
        }
        text.push(' ');
        text.push_str(&l.text);
    }
    let (pos, words) = speaks_of_all(&text)
        .then(|| lead_in_position(&text))
        .flatten()?;
    Some((pos, words, after))
}

/// Whether a sentence speaks of the recommendations all together, as its subject: "All
/// recommendations formulated ...", "The recommendations listed above ...", "These
/// recommendations ...".
fn speaks_of_all(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().take(8).collect();
    let Some(at) = words.iter().position(|w| *w == "recommendations") else {
        return false;
    };
    at <= 3
        && (words[..at].iter().any(|w| {
            matches!(
                *w,
                "all" | "these" | "above" | "foregoing" | "aforementioned"
            )
        }) || words[at + 1..]
            .iter()
            .take(2)
            .any(|w| matches!(*w, "above" | "listed" | "above," | "above:")))
}

/// Whether the list goes on a few lines further with the expected entry, after a footnote
/// or a stray line between its entries; returns the index of that entry line.
fn resumes_at(lines: &[Line], from: usize, expected: Num) -> Option<usize> {
    let mut seen = 0;
    for (j, l) in lines.iter().enumerate().skip(from) {
        if l.furniture || l.is_blank() {
            continue;
        }
        if entry_number(&l.text)
            .or_else(|| expected.letter.then(|| bare_letter(&l.text)).flatten())
            .is_some_and(|(n, _)| n == expected)
        {
            return Some(j);
        }
        if is_section_heading(l) {
            return None;
        }
        seen += 1;
        if seen > 4 {
            return None;
        }
    }
    None
}

/// Reads one list from its first entry line; returns the items and the index of the line
/// after the list.
fn read_list(
    lines: &[Line],
    start: usize,
    taken: &[bool],
    vocab: &HashSet<String>,
) -> (Vec<Item>, usize) {
    let mut items: Vec<Item> = Vec::new();
    let mut cur: Option<(Num, String, usize)> = None;
    // The labelled lines under the open entry ("Status: Completed", "Update: ...").
    let mut fields = EntryFields::default();
    let mut blank_before = false;
    // The open entry's indent, and whether a list nested in it is being read.
    let mut entry_indent = 0;
    let mut nested = false;
    let mut j = start;
    let finish =
        |cur: Option<(Num, String, usize)>, mut fields: EntryFields, items: &mut Vec<Item>| {
            if let Some((n, text, line)) = cur {
                let text = fields.split_entry(&text, line);
                let mut it = Item::new(ItemKind::Recommendation, strip_attribution(&text), line);
                it.r#ref = Some(n.label());
                fields.apply(&mut it);
                items.push(it);
            }
        };
    while j < lines.len() {
        let l = &lines[j];
        if l.furniture {
            j += 1;
            continue;
        }
        if l.is_blank() {
            blank_before = true;
            j += 1;
            continue;
        }
        if taken[l.no] || l.is_row() {
            break;
        }
        let expected = cur.as_ref().map(|c| c.0.next());
        let bare = || {
            // The list's first line, or a later entry after a blank line.
            let may = match expected {
                None => true,
                Some(e) => e.letter && blank_before,
            };
            may.then(|| bare_letter(&l.text)).flatten()
        };
        // A lettered line inside a numbered entry ("(a) ...") is part of that entry.
        let same_style = |(n, _): &(Num, &str)| expected.is_none_or(|e| e.letter == n.letter);
        if let Some((n, rest)) = entry_number(&l.text).or_else(bare).filter(same_style) {
            // Entries with labelled fields may skip numbers (a tracker leaving closed ones
            // out) when fields stand under the later entry too.
            let skips = !fields.is_empty()
                && expected.is_some_and(|e| e.skips_to(n))
                && fields_follow(lines, j + 1);
            if expected.is_none_or(|e| e == n) || skips {
                finish(cur.take(), std::mem::take(&mut fields), &mut items);
                let mut text = String::new();
                join_line(&mut text, rest, vocab);
                cur = Some((n, text, l.no));
                entry_indent = l.indent;
                nested = false;
                split_run_on(&mut cur, &mut items, &finish);
                blank_before = false;
                j += 1;
                continue;
            }
            break; // a number out of sequence: the document's next paragraph
        }
        let Some(c) = cur.as_mut() else { break };
        // A list nested in the entry after its colon ("so there is:" / "• better
        // visibility ...; and"), indented under the entry's number: the entry's words.
        if l.bullet
            && l.indent > entry_indent
            && fields.is_empty()
            && (nested || c.1.trim_end().ends_with(':'))
        {
            join_line(&mut c.1, &l.text, vocab);
            nested = true;
            blank_before = false;
            j += 1;
            continue;
        }
        let plain = !(l.heading.is_some_and(|h| h < 7) || l.bullet || is_section_heading(l));
        // A line opening with a field label is the entry's, blank lines before it or not,
        // bulleted or not ("• Status: Completed").
        if (plain || l.bullet) && fields.read_line(&l.text, l.no) {
            blank_before = false;
            j += 1;
            continue;
        }
        // After a gap, only text that carries on an open sentence continues the entry (or
        // its last field, when the value is still to come).
        let open = match fields.last_value() {
            Some(v) => v.is_empty(),
            None => crate::labels::entry_open(&c.1),
        };
        // "The recommendations listed above enjoy the support of Morocco.": a sentence
        // about all of them, after the last one ended, closes the list.
        if (!open || !fields.is_empty()) && speaks_of_all(&l.text) {
            break;
        }
        // A title between the lists of a section ("Recommendations to the regions")
        // carries on no entry.
        let continues = plain
            && (!blank_before || open || l.text.starts_with(char::is_lowercase))
            && !(blank_before && is_recommendations_heading(l));
        if !continues {
            // A footnote or stray line between two entries: skip to the next entry.
            if let Some(next) = expected.and_then(|e| resumes_at(lines, j, e)) {
                j = next;
                continue;
            }
            break;
        }
        match fields.last_value() {
            Some(v) => join_line(v, &l.text, vocab),
            None => {
                join_line(&mut c.1, &l.text, vocab);
                split_run_on(&mut cur, &mut items, &finish);
            }
        }
        blank_before = false;
        j += 1;
    }
    finish(cur, fields, &mut items);
    (items, j)
}

/// Whether labelled fields stand under the entry on the line before `from`, before the next
/// entry: what shows a number out of sequence to be the list's next entry rather than the
/// document's next paragraph.
fn fields_follow(lines: &[Line], from: usize) -> bool {
    lines[from.min(lines.len())..]
        .iter()
        .filter(|l| !l.furniture && !l.is_blank())
        .take(4)
        .take_while(|l| entry_number(&l.text).is_none() && !is_section_heading(l))
        .any(|l| crate::labels::field_line(&l.text).is_some())
}

/// Entries run together on one line, as a copy that lost the list's line breaks prints
/// them ("121.1 Ratify ... (France); 121.2 Complete the process ... (Ukraine); 121.3 ..."):
/// the open entry ends where the next number in sequence stands before a capitalised word,
/// and that entry opens there, as often as the text holds the next one.
fn split_run_on(
    cur: &mut Option<(Num, String, usize)>,
    items: &mut Vec<Item>,
    finish: &impl Fn(Option<(Num, String, usize)>, EntryFields, &mut Vec<Item>),
) {
    while let Some((n, text, line)) = cur.as_ref() {
        let next = n.next();
        if next.letter {
            return;
        }
        let label = next.label();
        let Some((at, body)) = inline_label(text, &label, next.prefix.is_none()) else {
            return;
        };
        let rest = text[body..].to_string();
        let (n, mut text, line) = (*n, text.clone(), *line);
        text.truncate(at);
        let head = text.trim_end().to_string();
        finish(Some((n, head, line)), EntryFields::default(), items);
        *cur = Some((next, rest, line));
    }
}

/// Where `label` ("121.2", or "7" closed by a dot when `dotted`) stands in `text` after a
/// space and before a capitalised word: the label's start and its words' start.
fn inline_label(text: &str, label: &str, dotted: bool) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(p) = text[from..].find(label).map(|p| p + from) {
        from = p + label.len();
        let before_ok = p > 0 && text[..p].ends_with(' ');
        let mut after = &text[p + label.len()..];
        if let Some(a) = after.strip_prefix('.') {
            after = a;
        } else if dotted {
            continue;
        }
        let Some(words) = after.strip_prefix(' ').map(str::trim_start) else {
            continue;
        };
        let capital = words.starts_with(|c: char| c.is_uppercase())
            && words
                .chars()
                .skip(1)
                .take(2)
                .filter(|c| c.is_lowercase())
                .count()
                == 2;
        // "Convention No. 189 Domestic ...": not after a "No." or a "paragraph".
        let cited = text[..p].split_whitespace().next_back().is_some_and(|w| {
            let w = w.to_lowercase();
            w.starts_with("no") || w.starts_with("para") || w.starts_with("art") || w == "§"
        });
        if before_ok && capital && !cited {
            return Some((p, text.len() - words.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests;
