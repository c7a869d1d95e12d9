//! What committees' minutes and papers hold besides numbered units: reference codes in
//! prose, undertakings and requests recorded in the minutes, resolutions ("RESOLVED
//! That ..."), the clauses that close a set of minutes, and the resolutions that only note.

use super::*;

/// A tracked reference code in running text ("9/2022/P", "PCC/2011/14", "AP-07"): a
/// slash or hyphen, two digits or more, a letter, no spaces.
pub(crate) fn is_reference_code(w: &str) -> bool {
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
pub(crate) const REFERENCE_CUES: [&str; 9] = [
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
pub(crate) fn referenced_in_prose(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
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
            if code_title(&b.text) && taken.last().is_some_and(|t| t.line == b.line) {
                let from = taken.len() - 1;
                report_under_title(ctx, i, &mut taken[from]);
            }
        }
    }
}

/// A block that is a reference code and its title only ("14/2018/P – Police Telephony",
/// "25/2018/P (Measure 5 – Countering Fraud)"): what minutes head their report on it with.
/// A code followed by a sentence in lower case ("29/2020/P – job descriptions went to
/// ...") is its report, not a title.
fn code_title(text: &str) -> bool {
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/')
            .to_string()
    };
    let mut words = text.split_whitespace();
    words.next().is_some_and(|w| is_reference_code(&bare(w)))
        && words
            .find(|w| w.chars().any(char::is_alphanumeric))
            .is_some_and(|w| {
                w.trim_start_matches(['(', '"', '\''])
                    .starts_with(char::is_uppercase)
            })
        && text.split_whitespace().nth(14).is_none()
        && !text
            .split_whitespace()
            .skip(1)
            .any(|w| is_reference_code(&bare(w)))
}

/// Whether a block opens with a reference code: another code's report, never this one's.
fn opens_with_code(text: &str) -> bool {
    text.split_whitespace().next().is_some_and(|w| {
        is_reference_code(w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/'))
    })
}

/// The report on a code headed by its title (block `i`): the bullets under the title, or
/// the one paragraph under it, are its updates; a title that is itself a bullet under a
/// sentence on the references together ("Members noted that the remaining references were
/// complete ...") takes that sentence.
fn report_under_title(ctx: &mut Context<'_>, i: usize, item: &mut Item) {
    let blocks = ctx.blocks;
    let mut j = i + 1;
    let mut updates: Vec<(String, usize)> = Vec::new();
    while let Some(nb) = blocks.get(j) {
        if ctx.claimed[j] || nb.kind != BlockKind::Bullet || opens_with_code(&nb.text) {
            break;
        }
        updates.push((nb.text.to_string(), nb.line));
        j += 1;
    }
    if updates.is_empty()
        && let Some(nb) = blocks.get(j)
        && !ctx.claimed[j]
        && nb.kind == BlockKind::Paragraph
        && reports(&nb.text)
    {
        updates.push((nb.text.to_string(), nb.line));
        j += 1;
    }
    if updates.is_empty() && blocks[i].kind == BlockKind::Bullet {
        // Back over the other code bullets to the sentence that leads them.
        let lead = blocks[..i]
            .iter()
            .rev()
            .find(|p| !(p.kind == BlockKind::Bullet && code_title(&p.text)));
        if let Some(p) = lead.filter(|p| {
            p.kind == BlockKind::Paragraph && reports(&p.text) && {
                let l = p.text.to_lowercase();
                REFERENCE_CUES.iter().any(|c| find_word(&l, c).is_some())
            }
        }) {
            updates.push((p.text.to_string(), p.line));
        }
    }
    if updates.is_empty() {
        return;
    }
    item.responses.clear();
    for (t, line) in updates {
        push_response(item, &t, line);
    }
    ctx.claim(i + 1, j);
}

/// A paragraph that reports: a finished sentence, not a code's title.
fn reports(text: &str) -> bool {
    text.trim_end().ends_with('.')
        && !opens_with_code(text)
        && text.split_whitespace().nth(4).is_some()
}

/// What a committee's minutes record someone undertaking or being asked to do: "the
/// Commissioner undertook to look into this and confirm by note", "The Chairman requested
/// that he be provided with a clear definition of ...". Each is an action arising; its text
/// is the clause from the person who is to act. Read only in minutes (a resolution or a
/// report "received" or "considered" by the committee) where nothing else was found.
pub(crate) fn undertakings(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
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
            if subject.split_whitespace().nth(6).is_some() {
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
pub(crate) fn reads_as_minutes(text: &str) -> bool {
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
pub(crate) fn clause_label(t: &str) -> Option<Enumerator<'_>> {
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
pub(crate) fn closing_clauses(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
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

/// One clause of a resolution ("(a) That the Board ...", or a bullet) as an item, its
/// letter or number its reference; `None` when it only notes or approves.
fn clause(text: &str, line: usize) -> Option<Item> {
    let (label, body) = match enumerator(text) {
        // "(a)": a letter is the clause's reference as printed.
        Some(e) => (
            clean_ref(&e.label).or_else(|| {
                (e.label.len() <= 2 && e.label.chars().all(|c| c.is_ascii_lowercase()))
                    .then(|| e.label.clone())
            }),
            e.rest,
        ),
        None => (None, text),
    };
    let body = body.trim().trim_end_matches([';', ',']);
    let body = body.strip_suffix(" and").unwrap_or(body).trim();
    if only_notes(body) {
        return None;
    }
    let mut item = Item::new(ItemKind::Recommendation, body, line);
    item.r#ref = label;
    Some(item)
}

/// A committee's decisions as its minutes record them: "RESOLVED: That the Commissioner
/// provide a report on ...", or "RESOLVED that:" over lettered or numbered clauses ("(a)
/// the Commissioner publish the data ..."). Each decision that asks someone to act is an
/// item; one that only takes note is not.
pub(crate) fn resolutions(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
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
        // "Resolved: (i) That ..." with its first clause on its own line, the others under it.
        let first = enumerator(lead);
        if lead.is_empty() || lead.eq_ignore_ascii_case("that") || first.is_some() {
            // The clauses under it, up to the first block that is not one.
            // All of one style: the clauses end where the minutes' own numbering resumes.
            let style = first.as_ref().map(|e| e.style).or_else(|| {
                blocks
                    .get(i + 1)
                    .and_then(|nb| enumerator(&nb.text))
                    .map(|e| e.style)
            });
            let mut take = |text: &str, line: usize| {
                if let Some(mut item) = clause(text, line) {
                    item.evidence = evidence();
                    taken.push(item);
                }
            };
            if first.is_some() {
                take(lead, b.line);
            }
            let mut j = i + 1;
            while j < blocks.len()
                && !ctx.claimed[j]
                && (blocks[j].kind == BlockKind::Bullet
                    || enumerator(&blocks[j].text).is_some_and(|e| Some(e.style) == style))
            {
                take(&blocks[j].text, blocks[j].line);
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
