//! The shapes of items found beyond numbered units: references cited in prose,
//! undertakings, closing clauses of minutes, resolutions, led-in paragraphs and paragraphs
//! addressed to someone.

use super::*;

/// A tracked reference code in running text ("9/2022/P", "PCC/2011/14", "AP-07"): a
/// slash or hyphen, two digits or more, a letter, no spaces.
pub(super) fn is_reference_code(w: &str) -> bool {
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
pub(super) const REFERENCE_CUES: [&str; 9] = [
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
pub(super) fn referenced_in_prose(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
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
        }
    }
}

/// What a committee's minutes record someone undertaking or being asked to do: "the
/// Commissioner undertook to look into this and confirm by note", "The Chairman requested
/// that he be provided with a clear definition of ...". Each is an action arising; its text
/// is the clause from the person who is to act. Read only in minutes (a resolution or a
/// report "received" or "considered" by the committee) where nothing else was found.
pub(super) fn undertakings(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
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
            let Some(at) = CUES.iter().filter_map(|c| lower.find(c)).min() else {
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
            if subject.split_whitespace().count() > 6 {
                continue;
            }
            let mut item = Item::new(ItemKind::Recommendation, clause, b.line);
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
pub(super) fn reads_as_minutes(text: &str) -> bool {
    text.contains("RESOLVED")
        || [
            "received a",
            "considered a",
            "received the",
            "considered the",
        ]
        .iter()
        .any(|c| {
            ["Committee ", "Board ", "Panel ", "Authority "]
                .iter()
                .any(|b| text.contains(&format!("{b}{c}")))
        })
}

/// The numbered clauses that close a committee's minutes are its resolutions, when the
/// word "RESOLVED" above them was lost (a web page of minutes copied without it): "(a)
/// Standard items on the Panel's agenda include ...", "(b) the Panel's meeting in December
/// includes ...". Clauses of a second numbering under one ("(i) decisions by the PCC;")
/// are part of its text. Read only in minutes where nothing else was found, from the
/// first clause ("a", "1", "i") to the end of the text.
pub(super) fn closing_clauses(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
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

/// A committee's decisions as its minutes record them: "RESOLVED: That the Commissioner
/// provide a report on ...", or "RESOLVED that:" over lettered or numbered clauses ("(a)
/// the Commissioner publish the data ..."). Each decision that asks someone to act is an
/// item; one that only takes note is not.
pub(super) fn resolutions(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
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
        if lead.is_empty() || lead.eq_ignore_ascii_case("that") {
            // The clauses under it, up to the first block that is not one.
            // All of one style: the clauses end where the minutes' own numbering resumes.
            let style = blocks
                .get(i + 1)
                .and_then(|nb| enumerator(&nb.text))
                .map(|e| e.style);
            let mut j = i + 1;
            while j < blocks.len()
                && !ctx.claimed[j]
                && (blocks[j].kind == BlockKind::Bullet
                    || enumerator(&blocks[j].text).is_some_and(|e| Some(e.style) == style))
            {
                let nb = &blocks[j];
                let (label, body) = match enumerator(&nb.text) {
                    // "(a)": a letter is the clause's reference as printed.
                    Some(e) => (
                        clean_ref(&e.label).or_else(|| {
                            (e.label.len() <= 2 && e.label.chars().all(|c| c.is_ascii_lowercase()))
                                .then(|| e.label.clone())
                        }),
                        e.rest,
                    ),
                    None => (None, nb.text.as_str()),
                };
                let body = body.trim().trim_end_matches([';', ',']);
                let body = body.strip_suffix(" and").unwrap_or(body).trim();
                if !only_notes(body) {
                    let mut item = Item::new(ItemKind::Recommendation, body, nb.line);
                    item.r#ref = label;
                    item.evidence = evidence();
                    taken.push(item);
                }
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

/// Unmarked paragraphs under a lead-in that names what they are ("The report set out a
/// small number of broad areas for improvement:"), each asking in its first sentence ("The
/// force should develop ..."): items of the kind the lead-in names, up to the first
/// paragraph that asks nothing. Markers lost in conversion leave lists like this.
pub(super) fn led_in_paragraphs(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let lead = crate::fields::sentences(&b.text)
            .pop()
            .map(str::trim)
            .filter(|l| l.ends_with(':'))
            .filter(|_| {
                !ctx.claimed[i] && matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet)
            });
        // The kind named first: "areas for improvement rather than recommendations"; a
        // tracker's rated entries ("five Red responses which included the following:")
        // are its recommendations.
        let kind = lead.and_then(|l| {
            let lower = l.to_lowercase();
            let rated = ["red ", "amber ", "green "]
                .iter()
                .any(|c| lower.contains(c))
                && ["responses", "actions", "recommendations"]
                    .iter()
                    .any(|w| lower.contains(w));
            kind_named(l).or(rated.then_some(ItemKind::Recommendation))
        });
        let Some(kind) = kind else {
            if !ctx.claimed[i]
                && b.kind == BlockKind::Paragraph
                && let Some(items) = led_in_run_on(&b.text, b.line)
            {
                taken.extend(items);
                ctx.claim(i, i + 1);
            }
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < blocks.len()
            && !ctx.claimed[j]
            && matches!(blocks[j].kind, BlockKind::Paragraph | BlockKind::Bullet)
            && enumerator(&blocks[j].text).is_none()
            && directive(&blocks[j].text).is_some()
        {
            j += 1;
        }
        if j == i + 1 {
            i += 1;
            continue;
        }
        // Under a lead-in that names them, the first sentence is the item when it asks and
        // the rest says what was done: "X to be published. A draft policy was ...".
        let split = blocks[i + 1..j].iter().all(|nb| {
            crate::fields::sentences(&nb.text)
                .iter()
                .skip(1)
                .all(|s| directive(s).is_none())
        });
        for nb in &blocks[i + 1..j] {
            let sentences = crate::fields::sentences(&nb.text);
            let (text, rest) = match sentences.split_first() {
                Some((first, rest)) if split && !rest.is_empty() => {
                    (first.trim().to_string(), rest.join(" "))
                }
                _ => (nb.text.trim().to_string(), String::new()),
            };
            let mut item = Item::new(kind, text, nb.line);
            if !rest.trim().is_empty() {
                push_response(&mut item, rest.trim(), nb.line);
            }
            item.evidence = vec![
                directive(&nb.text).unwrap_or_default(),
                format!("after a lead-in naming {}", kind.as_str().replace('_', " ")),
            ];
            taken.push(item);
        }
        ctx.claim(i, j);
        i = j;
    }
}

/// The kind a lead-in names: "areas for improvement" or "recommendations", the one named
/// first ("areas for improvement rather than recommendations").
pub(super) fn kind_named(lead: &str) -> Option<ItemKind> {
    let l = lead.to_lowercase();
    let afi = l
        .find("area for improvement")
        .or_else(|| l.find("areas for improvement"));
    let rec = l.find("recommendation");
    match (afi, rec) {
        (Some(a), Some(r)) if r < a => Some(ItemKind::Recommendation),
        (Some(_), _) => Some(ItemKind::AreaForImprovement),
        (None, Some(_)) => Some(ItemKind::Recommendation),
        (None, None) => None,
    }
}

/// A lead-in and its list run into one paragraph, as text flattened from a PDF prints
/// them: "... a small number of broad 'Areas for Improvement' (AFIs): The force should
/// undertake ... The force should develop ... 2.4 Leadership ...". Each entry starts with
/// the words the first one opens with ("The force should"); it runs to the next entry,
/// or to the next numbered paragraph ("2.4 Leadership") or the end.
pub(super) fn led_in_run_on(text: &str, line: usize) -> Option<Vec<Item>> {
    text.match_indices(": ")
        .find_map(|(colon, _)| led_in_run_on_at(text, colon, line))
}

pub(super) fn led_in_run_on_at(text: &str, colon: usize, line: usize) -> Option<Vec<Item>> {
    let sentence_start = text[..colon].rfind(". ").map_or(0, |p| p + 2);
    let kind = kind_named(&text[sentence_start..colon])?;
    let after = text[colon + 2..].trim_start();
    let first = crate::fields::sentences(after).into_iter().next()?;
    directive(first)?;
    let opening: Vec<&str> = after.split_whitespace().take(3).collect();
    if opening.len() < 3 || !opening[0].starts_with(char::is_uppercase) {
        return None;
    }
    let opening = opening.join(" ");
    // Where the list ends: a numbered paragraph ("2.4 Leadership").
    let words: Vec<(usize, &str)> = after
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - after.as_ptr() as usize, w))
        .collect();
    let end = words
        .windows(2)
        .find(|w| {
            let n = w[0].1;
            n.contains('.')
                && n.split('.')
                    .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
                && w[1].1.starts_with(char::is_uppercase)
        })
        .map_or(after.len(), |w| w[0].0);
    let list = &after[..end];
    let mut starts: Vec<usize> = list.match_indices(&opening).map(|(p, _)| p).collect();
    starts.retain(|&p| {
        p == 0
            || list[..p]
                .trim_end()
                .ends_with(|c: char| c.is_alphanumeric() || c == '.')
    });
    if starts.len() < 2 {
        return None;
    }
    let items = starts
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let to = starts.get(k + 1).copied().unwrap_or(list.len());
            let mut item = Item::new(kind, list[p..to].trim(), line);
            item.evidence = vec![
                directive(&list[p..to]).unwrap_or_default(),
                format!("after a lead-in naming {}", kind.as_str().replace('_', " ")),
            ];
            item
        })
        .collect();
    Some(items)
}

/// Unnumbered recommendations standing as paragraphs of their own, as audit offices print
/// them: one sentence whose subject names an office ("The Director of OSTP should, in
/// coordination with ..., update ..."), with the body's comments on "our recommendation"
/// in the paragraphs after it. Read only where nothing else was found.
pub(super) fn addressed_paragraphs(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if ctx.claimed[i] || b.kind != BlockKind::Paragraph || !b.text.starts_with("The ") {
            continue;
        }
        let words: Vec<&str> = b.text.split_whitespace().collect();
        let Some(should) = words.iter().take(12).position(|w| {
            let w = w.trim_end_matches(',');
            w == "should" || w == "must"
        }) else {
            continue;
        };
        // The subject names an office or body: capitalised words after "The".
        let subject = &words[1..should];
        if subject.is_empty()
            || !subject[0].starts_with(char::is_uppercase)
            || words.len() > 90
            || crate::fields::sentences(&b.text).len() > 1
        {
            continue;
        }
        let answered = blocks[i + 1..].iter().take(3).any(|n| {
            n.text.contains("our recommendation") || n.text.contains("the recommendation")
        });
        if !answered {
            continue;
        }
        let text = b.text.trim().to_string();
        let mut item = Item::new(ItemKind::Recommendation, text, b.line);
        item.evidence = vec![
            format!(
                "directive wording (\"{}\")",
                words[should].trim_end_matches(',')
            ),
            "a paragraph addressed to a named office".to_string(),
            "comments on the recommendation after it".to_string(),
        ];
        item.addressee = Some(subject.join(" ").trim_end_matches(',').to_string());
        // The comments paragraph that answers it ("OSTP neither agreed nor disagreed with
        // our recommendation") is its response, with the position it states, if any.
        if let Some(c) = blocks[i + 1..].iter().take(3).find(|n| {
            n.kind == BlockKind::Paragraph
                && crate::fields::sentences(&n.text)
                    .iter()
                    .any(|s| positions::is_reply(s) || !positions::stances(s).is_empty())
        }) && !positions::apply(&c.text, c.line, std::slice::from_mut(&mut item))
        {
            item.responses.push(Response {
                text: positions::response_text(&c.text),
                line: c.line,
            });
        }
        ctx.claim(i, i + 1);
        taken.push(item);
    }
}
