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

mod appeal;
mod single;

use appeal::is_appeal;
pub use single::split_single;

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
        // "X should (1) ...", and "X should: (1) ..." with the list set off by a colon.
        let recommending = (ll.contains("recommend") && !reported)
            || ll
                .trim_end()
                .trim_end_matches(':')
                .trim_end()
                .ends_with("should");
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

/// "We recommended that CMS" -> "CMS"; "the Secretary should" -> "the Secretary".
fn addressee_of(lead: &str) -> String {
    let l = lead.to_lowercase();
    let t = if let Some(at) = find_word(&l, "that") {
        lead.get(at + 4..).unwrap_or(lead)
    } else {
        lead
    };
    let t = t.trim().trim_end_matches(':').trim_end();
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
        && lower[at..]
            .trim_end_matches(':')
            .split_whitespace()
            .nth(3)
            .is_none()
    {
        // "Within six months, the force should:" under a "Recommendations" heading, or
        // what a thing asked for should hold ("the controls should address:", "the plan
        // should include the following:"): the bullets are the parts asked for.
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
        let short =
            b.text.split_whitespace().nth(6).is_none() && !b.text.ends_with(['.', ':', ';']);
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
    // Numbered paragraphs in sequence most of which ask are items as wholes: the general
    // reader's.
    let asking_runs = crate::general::asking_paragraph_runs(blocks, &ctx.claimed);
    for (i, b) in blocks.iter().enumerate() {
        if ctx.claimed[i]
            || asking_runs[i]
            || !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet)
        {
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
