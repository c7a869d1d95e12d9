//! Recommendations a report names by the paragraphs of its own that made them: a review's
//! record of a dialogue in which each speaker's recommendations stand in its paragraph
//! ("28. ... It (b) recommended that the State amend ..."), closed by a sentence that
//! gives the State's stance on some of them by reference ("The recommendations noted in
//! the report in paragraphs 26 (b); 27; 31 (b) and (f) above did not enjoy the support of
//! the State"), and later paragraphs that answer them by the same references ("With regard
//! to recommendations 28 (b) and 31 (b), the State offers the following comments: ...").
//!
//! Each reference becomes an item: its ref as printed ("26 (b)", "43 (a) (ii)"), the
//! stance the sentence states, and the words of the paragraph's part that recommended
//! (for a whole paragraph, each of its sentences that recommends). A reference is read
//! only when it points back into the document ("above") and the paragraph it names is
//! there and recommends: a report that cites another's paragraphs names nothing here.

use crate::Context;
use crate::lines::Line;
use heed_core::vocab::find_word;
use heed_core::{Document, Item, ItemKind, Position, Response};

/// How an item read here says why it was taken; its ref numbers a paragraph, not a
/// recommendation in a numbered list (`fields` looks for gaps in those).
pub const EVIDENCE: &str = "named by its paragraph";

/// A paragraph reference: its number and its parts ("43", ["a", "ii"]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParaRef {
    pub num: u32,
    pub parts: Vec<String>,
}

impl ParaRef {
    /// The reference as the document prints it: "43 (a) (ii)".
    pub fn label(&self) -> String {
        let mut s = self.num.to_string();
        for p in &self.parts {
            s.push_str(" (");
            s.push_str(p);
            s.push(')');
        }
        s
    }
}

/// A part marker's letters: "b", "ii", at most four lowercase letters.
fn part_at(s: &str) -> Option<(&str, usize)> {
    let inner = s.strip_prefix('(')?;
    let close = inner.find(')')?;
    let p = &inner[..close];
    (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some((p, close + 2))
}

/// A roman numeral's value ("ii" 2, "xiv" 14); None for other letters.
fn roman(p: &str) -> Option<u32> {
    let mut total = 0;
    let mut last = 0;
    for c in p.chars().rev() {
        let v = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            _ => return None,
        };
        if v < last {
            total -= v;
        } else {
            total += v;
            last = v;
        }
    }
    Some(total)
}

/// The level at which a part named alone follows `parts`: the deepest whose part it can
/// come after, in that level's own style (letters "b" then "f"; roman numerals "i" then
/// "ii"). A level holding "i" after a letter is roman.
fn sibling_level(parts: &[String], next: &str) -> usize {
    for (k, p) in parts.iter().enumerate().rev() {
        let is_roman_level = k > 0 && roman(p).is_some() && (p.len() > 1 || p == "i");
        let follows = if is_roman_level {
            matches!((roman(p), roman(next)), (Some(a), Some(b)) if b > a && b <= a + 10)
        } else {
            p.len() == 1 && next.len() == 1 && next > p.as_str()
        };
        if follows {
            return k;
        }
    }
    parts.len().saturating_sub(1)
}

fn skip_ws(s: &str, mut at: usize) -> usize {
    while s[at..].starts_with(char::is_whitespace) {
        at += s[at..].chars().next().map_or(1, char::len_utf8);
    }
    at
}

/// Reads a list of paragraph references from the start of `s`: "26 (b); 26 (c); 27; 28
/// (b) and 28 (c); 31 (b) and (f)", "31 (b) (Algeria), 43 (a) (ii) (Azerbaijan)", "45,
/// 55, 56, last sentence, and 63", "72 and paragraph 65". A part alone after a separator
/// ("and (f)") belongs to the number before it; a speaker in brackets is passed over.
/// Returns the references and the bytes read.
pub(crate) fn para_list(s: &str) -> (Vec<ParaRef>, usize) {
    let mut out: Vec<ParaRef> = Vec::new();
    let mut at = 0;
    loop {
        let start = skip_ws(s, at);
        let mut p = start;
        for w in ["paragraphs ", "paragraph ", "para. ", "paras. "] {
            if s[p..].starts_with(w) {
                p = skip_ws(s, p + w.len());
            }
        }
        let digits = s[p..].bytes().take_while(u8::is_ascii_digit).count();
        let mut r = if digits > 0 && digits <= 3 {
            // "115.79": a numbered recommendation of another list, not a paragraph.
            if s[p + digits..].starts_with('.')
                && s[p + digits + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                break;
            }
            let num = s[p..p + digits].parse().unwrap_or(0);
            p += digits;
            ParaRef { num, parts: vec![] }
        } else if let (Some(prev), Some((part, _))) = (out.last(), part_at(&s[p..])) {
            // "31 (b) and (f)": the same paragraph's part (f); "12 (b) (i) and (c)": (c)
            // is (b)'s sibling, "43 (a) (i) and (ii)" (i)'s.
            let level = sibling_level(&prev.parts, part);
            ParaRef {
                num: prev.num,
                parts: prev.parts[..level].to_vec(),
            }
        } else {
            break;
        };
        // Its parts, then a speaker's name in brackets.
        loop {
            let q = skip_ws(s, p);
            if let Some((part, len)) = part_at(&s[q..]) {
                r.parts.push(part.to_string());
                p = q + len;
                continue;
            }
            if s[q..].starts_with('(')
                && let Some(close) = s[q..].find(')')
                && close < 60
                && s[q + 1..q + close].starts_with(|c: char| c.is_alphabetic())
            {
                p = q + close + 1;
            }
            break;
        }
        if r.num == 0 {
            break;
        }
        out.push(r);
        at = p;
        // A separator, then perhaps "and"; or a short qualifier of the reference before
        // ("56, last sentence, and 63").
        let sep = skip_ws(s, at);
        let mut next = if s[sep..].starts_with([',', ';']) {
            sep + 1
        } else {
            sep
        };
        next = skip_ws(s, next);
        let mut joined = next > sep;
        for conj in ["and ", "or "] {
            if s[next..].starts_with(conj) {
                next += conj.len();
                joined = true;
            }
        }
        if !joined {
            break;
        }
        let rest = &s[next..];
        let word_count = rest
            .split(',')
            .next()
            .map_or(0, |q| q.split_whitespace().count());
        if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == 'p')
            && word_count <= 3
            && rest
                .split(',')
                .next()
                .is_some_and(|q| q.trim().chars().all(|c| c.is_lowercase() || c == ' '))
            && let Some(comma) = rest.find(',')
        {
            next = skip_ws(s, next + comma + 1);
            if s[next..].starts_with("and ") {
                next += 4;
            }
        }
        at = next;
    }
    let end = out.last().map_or(0, |_| at);
    (out, end)
}

/// Whether a sentence names recommendations by the document's own paragraphs: the list
/// after "paragraph(s)", in a sentence about recommendations that points back ("above").
fn cited_lists(sentence: &str) -> Vec<(usize, Vec<ParaRef>)> {
    let lower = sentence.to_ascii_lowercase();
    if !lower.contains("recommendation") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = lower
        .get(from..)
        .and_then(|r| find_word(r, "paragraphs").or_else(|| find_word(r, "paragraph")))
    {
        let at = from + p;
        let (refs, used) = para_list(&sentence[at..]);
        from = at + used.max(9);
        if refs.is_empty() {
            continue;
        }
        out.push((at, refs));
        if from >= sentence.len() {
            break;
        }
    }
    out
}

/// The stance a citing sentence states: "did not enjoy the support" (rejected), "enjoy the
/// support" (accepted), "noted" as a decision, not as "noted in the report".
fn stance(sentence: &str) -> Option<(Position, String)> {
    let (pos, words) = super::position_of(sentence)?;
    if pos == Position::Noted {
        return Position::from_words(sentence).filter(|p| p.0 == Position::Noted);
    }
    Some((pos, words))
}

/// The verbs by which a speaker recommends in a record of a dialogue.
const RECOMMENDING: [&str; 8] = [
    "recommended",
    "recommends",
    "recommend",
    "recommending",
    "encouraged",
    "urged",
    "called upon",
    "called on",
];

fn recommends(s: &str) -> bool {
    let l = s.to_lowercase();
    RECOMMENDING.iter().any(|w| find_word(&l, w).is_some())
}

/// A paragraph of the document: its first line and its words.
struct Para {
    line: usize,
    text: String,
}

/// The paragraph numbered `num` before line `before`: the first whose number stands at a
/// line's start ("28. ..." or "28." alone), up to the next numbered line. A report may
/// number a later list the same way ("27. To continue ..."); the caller picks the
/// paragraph that holds what it looks for.
fn paragraphs(lines: &[Line], num: u32, before: usize) -> Vec<Para> {
    let tag = format!("{num}.");
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() && lines[k].no < before {
        let t = lines[k].text.trim_start();
        let opens = t
            .strip_prefix(tag.as_str())
            .is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace));
        if !opens || lines[k].furniture {
            k += 1;
            continue;
        }
        let mut text = t[tag.len()..].trim().to_string();
        let line = lines[k].no;
        let mut j = k + 1;
        while j < lines.len() && j < k + 40 && lines[j].no < before {
            let u = lines[j].text.trim();
            if starts_numbered(u) || lines[j].heading.is_some() {
                break;
            }
            if !u.is_empty() && !lines[j].furniture {
                text.push(' ');
                text.push_str(u);
            }
            j += 1;
        }
        out.push(Para { line, text });
        k = j;
    }
    out
}

fn starts_numbered(t: &str) -> bool {
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    d > 0
        && d <= 3
        && t[d..].starts_with('.')
        && !t[d + 1..].starts_with(|c: char| c.is_ascii_digit())
}

/// Where part markers ("(b)", "(ii)") stand in `s`, from byte `from`.
fn markers(s: &str, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    s[from..to]
        .match_indices('(')
        .map(move |(i, _)| from + i)
        .filter(move |&i| part_at(&s[i..]).is_some())
}

/// The words of part `parts` of a paragraph: the sentence's words before its first part
/// marker ("Although X is not party to the Covenant, it"), the words of each enclosing
/// part before the next marker ("ratify" of "(a) ratify (i) ... and (ii) ..."), then the
/// part's own up to the next marker or the sentence's end. None when a marker is not there.
fn part_text(para: &str, parts: &[String]) -> Option<String> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for p in parts {
        let m = format!("({p})");
        let found = para[at..].find(&m)? + at;
        spans.push((found, found + m.len()));
        at = found + m.len();
    }
    let first = spans.first()?.0;
    let last = *spans.last()?;
    let bounds = |pos: usize| {
        crate::fields::sentences(para).into_iter().find_map(|s| {
            let start = s.as_ptr() as usize - para.as_ptr() as usize;
            (start <= pos && pos < start + s.len()).then_some((start, start + s.len()))
        })
    };
    let (start, _) = bounds(first)?;
    let (_, end) = bounds(last.0)?;
    // A sibling part before this one ends the lead: "(a) to join ..., and (b) to accede".
    let lead_end = markers(para, start, first).next().unwrap_or(first);
    let mut out = para[start..lead_end].trim_end().to_string();
    let mut add = |w: &str| {
        let w = w
            .trim()
            .trim_end_matches(" and")
            .trim_end_matches(" or")
            .trim_end_matches([',', ';'])
            .trim();
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    };
    // An enclosing part's words run to its first inner marker.
    for k in 1..spans.len() {
        let inner = markers(para, spans[k - 1].1, spans[k].0)
            .next()
            .unwrap_or(spans[k].0);
        add(&para[spans[k - 1].1..inner]);
    }
    let body_end = markers(para, last.1, end).next().unwrap_or(end);
    let body = &para[last.1..body_end];
    if body.trim().is_empty() {
        return None;
    }
    add(body);
    Some(out)
}

/// Reads the references of a citing sentence into items, and the answers that name them.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let text = ctx.text;
    let paragraph = memchr::memmem::Finder::new("aragraph");
    let above = memchr::memmem::Finder::new("above");
    let has = |f: &memchr::memmem::Finder, t: &str| f.find(t.as_bytes()).is_some();
    if !has(&paragraph, text) || !has(&above, text) {
        return;
    }
    let lines = ctx.lines;
    let mut items: Vec<Item> = Vec::new();
    for b in ctx.blocks.iter() {
        if !has(&paragraph, &b.text)
            || !has(&above, &b.text)
            || !super::mentions_recommendation(&b.text)
        {
            continue;
        }
        for s in crate::fields::sentences(&b.text) {
            if !s.contains("above") {
                continue;
            }
            let lists = cited_lists(s);
            if lists.is_empty() {
                continue;
            }
            // "... did not enjoy the support of X". Recommendations that "will be examined"
            // have no stance yet: the State's later answer names them. A sentence that
            // answers one ("With regard to the recommendation in paragraph 35 above, X
            // can ...") states no stance on it either.
            if ANSWER_CUES.iter().any(|c| s.trim_start().starts_with(c)) {
                continue;
            }
            let Some((pos, words)) = stance(s) else {
                continue;
            };
            for (_, refs) in lists {
                for r in refs {
                    let label = r.label();
                    if items
                        .iter()
                        .any(|i| i.r#ref.as_deref() == Some(label.as_str()))
                    {
                        continue;
                    }
                    // The paragraph, and in it the words that recommend.
                    let found: Vec<(usize, String)> = paragraphs(lines, r.num, b.line)
                        .into_iter()
                        .find_map(|p| {
                            if r.parts.is_empty() {
                                let said: Vec<(usize, String)> = crate::fields::sentences(&p.text)
                                    .into_iter()
                                    .filter(|s| recommends(s))
                                    .map(|s| (p.line, s.trim().to_string()))
                                    .collect();
                                (!said.is_empty()).then_some(said)
                            } else {
                                part_text(&p.text, &r.parts).map(|t| vec![(p.line, t)])
                            }
                        })
                        .unwrap_or_default();
                    for (line, t) in found {
                        let mut it = Item::new(ItemKind::Recommendation, t, line);
                        it.r#ref = Some(label.clone());
                        it.position = Some(pos);
                        it.position_words = Some(words.clone());
                        it.evidence.push(format!(
                            "{EVIDENCE} in line {}'s sentence on the recommendations",
                            b.line
                        ));
                        items.push(it);
                    }
                }
            }
        }
    }
    if items.is_empty() {
        return;
    }
    answers(ctx, &mut items);
    doc.items.extend(items);
}

/// The words that open an answer to recommendations named by reference.
const ANSWER_CUES: [&str; 4] = [
    "With regard to ",
    "With respect to ",
    "Regarding ",
    "Concerning ",
];

/// "With regard to (the) recommendation(s) (in paragraph(s)) 28 (b) and 31 (b), the State
/// offers the following comments: ...": the words after the colon, or the whole answer when
/// no colon introduces them, are those items' response. An answer runs to the next one
/// or its paragraph's end; several may share a paragraph ("NOTE 1. With regard to ...
/// NOTE 2. With regard to ...").
fn answers(ctx: &Context<'_>, items: &mut [Item]) {
    for b in ctx.blocks.iter() {
        let t = b.text.as_str();
        let mut opens: Vec<usize> = ANSWER_CUES
            .iter()
            .flat_map(|c| t.match_indices(c).map(|(i, _)| i))
            .filter(|&i| i == 0 || t[..i].trim_end().ends_with(['.', ':']))
            .collect();
        if opens.is_empty() {
            continue;
        }
        opens.sort_unstable();
        for (k, &open) in opens.iter().enumerate() {
            let close = opens.get(k + 1).copied().unwrap_or(t.len());
            let mut answer = t[open..close].trim_end();
            // The next answer's label ("NOTE 2.") belongs to it.
            if let Some(label) = answer.rfind(". ").map(|p| p + 2)
                && answer[label..].split_whitespace().count() <= 2
                && answer[label..].ends_with('.')
                && answer[label..].starts_with(char::is_uppercase)
            {
                answer = answer[..label].trim_end();
            }
            let cue = ANSWER_CUES
                .iter()
                .find(|c| answer.starts_with(**c))
                .map_or(0, |c| c.len());
            let mut at = cue;
            for w in [
                "the ",
                "recommendations ",
                "recommendation ",
                "contained ",
                "in ",
            ] {
                if answer[at..]
                    .get(..w.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(w))
                {
                    at += w.len();
                }
            }
            if at == cue {
                continue;
            }
            let (refs, used) = para_list(&answer[at..]);
            if refs.is_empty() {
                continue;
            }
            let after = &answer[at + used..];
            let reply = match after.find(':') {
                Some(c) if c < 120 => after[c + 1..].trim(),
                _ => answer,
            };
            if reply.is_empty() {
                continue;
            }
            for r in refs {
                let label = r.label();
                for it in items
                    .iter_mut()
                    .filter(|i| i.r#ref.as_deref() == Some(label.as_str()))
                {
                    if it.responses.iter().all(|x| x.text != reply) {
                        it.responses.push(Response {
                            text: reply.to_string(),
                            line: b.line,
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        para_list(s).0.iter().map(ParaRef::label).collect()
    }

    #[test]
    fn lists_of_paragraphs_and_their_parts() {
        assert_eq!(
            labels(
                "26 (b); 26 (c); 27; 28 (b) and 28 (c); 31 (b) and (f); 39 (a) and (b); and 58 (b) above did"
            ),
            [
                "26 (b)", "26 (c)", "27", "28 (b)", "28 (c)", "31 (b)", "31 (f)", "39 (a)",
                "39 (b)", "58 (b)"
            ]
        );
        assert_eq!(
            labels(
                "31 (b) (Algeria), 43 (a) (ii) (Azerbaijan) and 74 (a) (the Philippines), Monaco"
            ),
            ["31 (b)", "43 (a) (ii)", "74 (a)"]
        );
        assert_eq!(
            labels("45, 55, 56, last sentence, and 63 above"),
            ["45", "55", "56", "63"]
        );
        assert_eq!(labels("12 (b) (i) and (c) above"), ["12 (b) (i)", "12 (c)"]);
        assert_eq!(
            labels("43 (a) (i) and (ii) above"),
            ["43 (a) (i)", "43 (a) (ii)"]
        );
        assert_eq!(labels("72 and paragraph 65 above"), ["72", "65"]);
        assert!(labels("115.79 of the report").is_empty());
    }

    #[test]
    fn a_part_is_its_sentence_lead_and_its_own_words() {
        let p = "Freedonia welcomed the report. While noting progress, it (a) recommended that \
                 the State ratify the Covenant, and (b) recommended that it review its laws on \
                 assembly. It asked about prisons.";
        assert_eq!(
            part_text(p, &["b".to_string()]).as_deref(),
            Some("While noting progress, it recommended that it review its laws on assembly.")
        );
        assert_eq!(
            part_text(p, &["a".to_string()]).as_deref(),
            Some("While noting progress, it recommended that the State ratify the Covenant")
        );
        assert_eq!(part_text(p, &["c".to_string()]), None);
    }

    proptest::proptest! {
        /// Odd input (brackets, digits, letters outside ASCII) neither panics nor reads a
        /// reference past the text.
        #[test]
        fn odd_lists_and_parts_do_not_panic(s in "[0-9 ()abivxçİ;,.:and]{0,60}") {
            let (refs, used) = para_list(&s);
            proptest::prop_assert!(used <= s.len());
            proptest::prop_assert!(refs.iter().all(|r| r.num > 0));
            let _ = part_text(&s, &["b".to_string(), "ii".to_string()]);
            let _ = cited_lists(&format!("The recommendations in paragraphs {s} above"));
        }
    }
}
