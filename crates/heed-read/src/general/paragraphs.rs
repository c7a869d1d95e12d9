//! Unnumbered items: paragraphs under a lead-in that names them (and rates them), a lead-in
//! and its list run together, and lone paragraphs addressed to an office with comments or
//! a status recorded after them; and the nearest heading above a block.

use super::*;

/// Unmarked paragraphs under a lead-in that names what they are ("The report set out a
/// small number of broad areas for improvement:"), each asking in its first sentence ("The
/// force should develop ..."): items of the kind the lead-in names, up to the first
/// paragraph that asks nothing. Markers lost in conversion leave lists like this.
pub(crate) fn led_in_paragraphs(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        // Only a text ending in a colon has a last sentence that does (sentences run to
        // the end of the text): the sentences are cut only for those.
        let colon = b.text.trim_end().ends_with(':');
        let lead = colon
            .then(|| crate::fields::sentences(&b.text).pop())
            .flatten()
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
        // A heading or a title line that names them ("Areas for improvement", "Cause of
        // concern"): the same lead-in, set as a title. Not one that names their answers
        // ("Progress on recommendations").
        let titled = lead.is_none()
            && !ctx.claimed[i]
            && (b.is_heading() || (b.kind == BlockKind::Paragraph && is_title_like(&b.text)))
            && b.text.split_whitespace().nth(6).is_none()
            && !names_answers(&b.text);
        let kind = kind.or_else(|| titled.then(|| kind_named(&b.text)).flatten());
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
        // "23 Green responses, and five Red responses which included the following:": the
        // colour named last before the list is its entries' rating.
        let lead_rag = lead.and_then(|l| {
            let lower = l.to_lowercase();
            [
                ("red", heed_core::Rag::Red),
                ("amber", heed_core::Rag::Amber),
                ("green", heed_core::Rag::Green),
            ]
            .iter()
            .filter_map(|(w, r)| {
                let at = lower.rfind(&format!("{w} "))?;
                let next = lower[at + w.len()..].split_whitespace().next()?;
                [
                    "responses",
                    "actions",
                    "recommendations",
                    "rated",
                    "ratings",
                ]
                .iter()
                .any(|n| next.starts_with(n))
                .then_some((at, *r))
            })
            .max_by_key(|(at, _)| *at)
            .map(|(_, r)| r)
        });
        // The entries, each asking; between them may stand what answers the one before:
        // a status line, or a label ("Action Taken") and the words under it.
        // Under a sentence that names them ("Our recommendations include:"), a bullet
        // that opens with what is to be done ("Reinforcing the requirement ...",
        // "Strengthen controls ...") is one, though it has no "should" of its own.
        let named_list = lead.is_some_and(|l| !names_answers(l));
        let asks = |j: usize| {
            let t = blocks[j].text.trim_start_matches(|c: char| {
                matches!(c, '•' | '-' | '*' | ' ') || QUOTES.contains(&c)
            });
            !ctx.claimed[j]
                && matches!(blocks[j].kind, BlockKind::Paragraph | BlockKind::Bullet)
                && enumerator(&blocks[j].text).is_none()
                && starts_upper(t)
                // An entry is a sentence, not a label ("Audit Report").
                && t.split_whitespace().nth(3).is_some()
                && (directive(&blocks[j].text).is_some()
                    || (named_list
                        && blocks[j].kind == BlockKind::Bullet
                        && t.split_whitespace().nth(4).is_some()
                        && (opens_with_gerund(t) || opens_with_imperative(t))))
        };
        let mut entries: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut j = i + 1;
        let mut under_label = false;
        // A legend or a count between the title and its entries, or between groups of
        // them ("0 of 4 implemented", "Implemented", "Not implemented"): a few short
        // blocks passed over when an entry follows them.
        let short = |k: usize| {
            !ctx.claimed[k]
                && !blocks[k].is_heading()
                && blocks[k].kind != BlockKind::Row
                && blocks[k].text.split_whitespace().nth(6).is_none()
                && !blocks[k].text.contains(':')
        };
        // Cards: a short title over each request ("Revise the code for victims" / "The
        // Ministry should revise the code ..."), three pairs or more from the first: the
        // titles only name the requests under them.
        let card = |k: usize| {
            k + 1 < blocks.len()
                && !ctx.claimed[k]
                && blocks[k].kind == BlockKind::Paragraph
                && is_title_like(&blocks[k].text)
                && asks(k + 1)
                && !is_title_like(&blocks[k + 1].text)
        };
        // (A legend or a count may stand between the title and the first card.)
        let cards = (i + 1..i + 6).any(|s| (0..3).all(|p| card(s + 2 * p)));
        while j < blocks.len() {
            if cards && !under_label && card(j) {
                j += 1;
                continue;
            }
            if !under_label && short(j) && !asks(j) {
                let mut k = j;
                while k < blocks.len() && k < j + 4 && short(k) && !asks(k) {
                    k += 1;
                }
                // Under a title, one short line between entries may be the next section
                // ("Strengths"); a topic over a request in the same voice ("Detention" /
                // "Ensure that ...") is a sub-heading of the list.
                let topic = k == j + 1
                    && k < blocks.len()
                    && is_title_like(&blocks[j].text)
                    && !is_section_word(&blocks[j].text)
                    && opens_with_imperative(&blocks[k].text)
                    && entries
                        .last()
                        .is_some_and(|(e, _)| opens_with_imperative(&blocks[*e].text));
                if k < blocks.len()
                    && asks(k)
                    && (k > j + 1 || entries.is_empty() || !titled || topic)
                {
                    j = k;
                    continue;
                }
            }
            if asks(j) {
                entries.push((j, Vec::new()));
                under_label = false;
            } else if let Some((_, answers)) = entries.last_mut()
                && !ctx.claimed[j]
                && !blocks[j].is_heading()
                && blocks[j].kind != BlockKind::Row
            {
                let label = answer_label(&blocks[j].text);
                if label {
                    under_label = true;
                } else if blocks[j].kind != BlockKind::Bullet && answer_kind(&blocks[j]).is_some() {
                    answers.push(j);
                    under_label = false;
                } else if under_label {
                    answers.push(j);
                } else {
                    break;
                }
            } else {
                break;
            }
            j += 1;
        }
        // What followed the last entry belongs to it only when a label or status led it.
        let j = entries
            .last()
            .map_or(i + 1, |(e, answers)| answers.last().unwrap_or(e) + 1);
        if entries.is_empty() {
            i += 1;
            continue;
        }
        // Under a lead-in that names them, the first sentence is the item when it asks and
        // the rest says what was done: "X to be published. A draft policy was ...".
        let split = entries.iter().all(|(e, _)| {
            crate::fields::sentences(&blocks[*e].text)
                .iter()
                .skip(1)
                .all(|s| directive(s).is_none())
        });
        let first_taken = taken.len();
        let answered = entries.iter().any(|(_, a)| !a.is_empty());
        for (e, answers) in &entries {
            let nb = &blocks[*e];
            let sentences = crate::fields::sentences(&nb.text);
            let (text, rest) = match sentences.split_first() {
                Some((first, rest)) if split && !rest.is_empty() => {
                    (first.trim().to_string(), rest.join(" "))
                }
                _ => (unquoted(&nb.text), String::new()),
            };
            let mut item = Item::new(kind, text, nb.line);
            if !rest.trim().is_empty() {
                push_response(&mut item, rest.trim(), nb.line);
            }
            item.rag = lead_rag;
            item.evidence = vec![
                directive(&nb.text).unwrap_or_default(),
                format!("after a lead-in naming {}", kind.as_str().replace('_', " ")),
            ];
            for a in answers {
                if !is_placeholder(&blocks[*a].text) {
                    read_body_block(&mut item, &blocks[*a], ctx.date);
                }
            }
            taken.push(item);
        }
        ctx.claim(i, j);
        // A list of recommendations with no answer under its entries: the body's position
        // may follow it in prose ("HCFA generally concurred with the recommendations").
        if lead.is_some() && !answered && kind == ItemKind::Recommendation {
            crate::inline::answer(ctx, j - 1, "", &mut taken[first_taken..]);
        }
        i = j;
    }
}

/// Quotation marks an entry quoted from another document may open and close with.
const QUOTES: [char; 5] = ['\'', '‘', '’', '"', '“'];

/// A quoted entry's own words: "’Commit to the implementation ...’ (made by Oman);" ->
/// "Commit to the implementation ...". The quotation marks, the closing punctuation and an
/// attribution after the quote ("(made by Oman)") are not its words.
fn unquoted(t: &str) -> String {
    let t = t.trim();
    let opens = t.starts_with(QUOTES);
    if !opens {
        return t.to_string();
    }
    let inner = t.trim_start_matches(QUOTES);
    let close = inner.rfind(QUOTES).unwrap_or(inner.len());
    let after = inner[close..].trim_start_matches(QUOTES).trim();
    // Only an attribution or punctuation may follow the closing mark.
    let attribution_only = after
        .trim_end_matches([';', '.', ','])
        .trim()
        .strip_prefix('(')
        .is_some_and(|a| a.ends_with(')'))
        || after.trim_matches([';', '.', ',', ' ']).is_empty();
    if attribution_only {
        inner[..close]
            .trim()
            .trim_end_matches([';', ','])
            .to_string()
    } else {
        t.to_string()
    }
}

/// "Reinforcing the requirement ...", "Seeking legislative change ...": a clause that
/// opens with what is to be done, as a list of recommendations words its entries.
fn opens_with_gerund(t: &str) -> bool {
    t.split_whitespace().next().is_some_and(|w| {
        w.len() > 5 && w.ends_with("ing") && w.chars().all(char::is_alphabetic) && starts_upper(w)
    })
}

/// Bullets that each ask for action in the imperative, three or more in a row ("Incorporate
/// UPR recommendations into ...", "Establish a national network ...", "Monitor progress
/// ..."): a checklist of recommendations, read only where nothing else was found. Short
/// bullets (a menu, "Send feedback") and lists of which fewer than three in four open with
/// a verb are not.
pub(crate) fn imperative_lists(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    // A bullet titled by a short imperative and then telling what people said
    // ("Harmonize incident reporting. A few participants said ...") reports suggestions.
    let shaped = |b: &Block| {
        let sentences = crate::fields::sentences(&b.text);
        matches!(b.kind, BlockKind::Bullet | BlockKind::Paragraph)
            // "Report | Equal access ...": a table's row whose pipes were not read as one.
            && !b.text.contains(" | ")
            && sentences
                .first()
                .is_some_and(|s| s.split_whitespace().nth(5).is_some())
            && starts_upper(&b.text)
            && !sentences.iter().skip(1).any(|s| {
                let l = s.to_lowercase();
                [" said", " stated", " noted", " told us", " reported"]
                    .iter()
                    .any(|w| l.contains(w))
            })
    };
    // The list may be grouped under sub-headings ("3.2 Broadcasters").
    let mut i = 0;
    while i < blocks.len() {
        let mut members: Vec<usize> = Vec::new();
        let mut j = i;
        while j < blocks.len() && !ctx.claimed[j] {
            // Bullets with bullets, paragraphs with paragraphs: a lead-in paragraph does
            // not join the bullets under it.
            let same_kind = members
                .first()
                .is_none_or(|&f| blocks[f].kind == blocks[j].kind);
            if shaped(&blocks[j]) && same_kind {
                members.push(j);
            } else if shaped(&blocks[j])
                || members.is_empty()
                || blocks[j].kind != BlockKind::Paragraph
                || !is_title_like(&blocks[j].text)
                || !blocks.get(j + 1).is_some_and(&shaped)
            {
                break;
            }
            j += 1;
        }
        // Three or more, and at least three in four opening with a verb Heed knows
        // ("Report on both ..." is one it does not).
        let imperative = members
            .iter()
            .filter(|&&m| opens_with_imperative(&blocks[m].text))
            .count();
        // Paragraphs (a web page's lines, bullets lost) must all open with a verb.
        let bulleted = members.iter().all(|&m| blocks[m].kind == BlockKind::Bullet);
        let enough = if bulleted {
            imperative * 4 >= members.len() * 3
        } else {
            imperative == members.len()
        };
        if imperative >= 3 && enough {
            for &m in &members {
                let b = &blocks[m];
                let mut item =
                    Item::new(ItemKind::Recommendation, b.text.trim().to_string(), b.line);
                item.evidence = vec![format!(
                    "one of a list of {} entries, each asking for action",
                    members.len()
                )];
                taken.push(item);
                ctx.claim(m, m + 1);
            }
        }
        i = j.max(i + 1);
    }
}

/// Unnumbered recommendations under a label of their own: "Recommendation: The DOD
/// Inspector General should assess ...", as a database of open recommendations prints each
/// one. The words after the label are the item when they ask for action, or when the
/// label comes back for others; the labelled status or comments under it answer it.
pub(crate) fn labelled_recommendations(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    let rest_of = |b: &Block| -> Option<String> {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet) {
            return None;
        }
        let t = b.text.trim();
        let (label, rest) = t.split_once(':')?;
        let rest = rest.trim();
        (label.trim().eq_ignore_ascii_case("recommendation")
            && rest.split_whitespace().nth(3).is_some()
            && starts_upper(rest))
        .then(|| rest.to_string())
    };
    let labelled: Vec<usize> = (0..blocks.len())
        .filter(|&i| !ctx.claimed[i] && rest_of(&blocks[i]).is_some())
        .collect();
    for (k, &i) in labelled.iter().enumerate() {
        let Some(text) = rest_of(&blocks[i]) else {
            continue;
        };
        if labelled.len() < 2 && directive(&text).is_none() {
            continue;
        }
        let mut item = Item::new(ItemKind::Recommendation, text, blocks[i].line);
        item.evidence = vec!["labelled \"Recommendation:\"".to_string()];
        let next = labelled.get(k + 1).copied().unwrap_or(blocks.len());
        let mut end = i + 1;
        while end < next
            && !ctx.claimed[end]
            && !blocks[end].is_heading()
            && answer_kind(&blocks[end]).is_some()
        {
            read_body_block(&mut item, &blocks[end], ctx.date);
            end += 1;
        }
        ctx.claim(i, end);
        taken.push(item);
    }
}

/// A title that names the answers to items rather than the items ("Progress on
/// recommendations", "Response to the areas for improvement").
fn names_answers(t: &str) -> bool {
    let l = t.to_lowercase();
    [
        "response",
        "progress",
        "update",
        "status",
        "implementation",
        "action taken",
        "actions taken",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// A label standing alone over the answer under it: "Action Taken", "Progress update",
/// "Management response:" (a few words naming an answer, nothing after them).
fn answer_label(t: &str) -> bool {
    let t = t.trim().trim_end_matches(':');
    !t.contains(':')
        && (1..=4).contains(&t.split_whitespace().take(5).count())
        && !t.ends_with(['.', ';', ','])
        && (names_answers(t) || t.to_lowercase().contains("comment"))
}

/// Words that stand in for an answer not yet written: "xxx", "TBC", "n/a", "-".
fn is_placeholder(t: &str) -> bool {
    let l = t.trim().trim_end_matches('.').to_lowercase();
    l.chars().all(|c| c == 'x' || !c.is_alphanumeric())
        || ["tbc", "tba", "n/a", "na", "none", "to follow"].contains(&l.as_str())
}

/// The kind a lead-in names: "areas for improvement" or "recommendations", the one named
/// first ("areas for improvement rather than recommendations").
pub(crate) fn kind_named(lead: &str) -> Option<ItemKind> {
    let l = lead.to_lowercase();
    let afi = l
        .find("area for improvement")
        .or_else(|| l.find("areas for improvement"));
    let rec = l
        .find("recommendation")
        .or_else(|| l.find("cause of concern"))
        .or_else(|| l.find("causes of concern"))
        .or_else(|| l.find("cause for concern"))
        .or_else(|| l.find("causes for concern"));
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
pub(crate) fn led_in_run_on(text: &str, line: usize) -> Option<Vec<Item>> {
    text.match_indices(": ")
        .find_map(|(colon, _)| led_in_run_on_at(text, colon, line))
}

pub(crate) fn led_in_run_on_at(text: &str, colon: usize, line: usize) -> Option<Vec<Item>> {
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

/// Unnumbered recommendations standing as paragraphs of their own, as audit offices and
/// inspectorates print them: a sentence whose subject names an office or a group of them
/// ("The Director of OSTP should, in coordination with ..., update ...", "By 31 August
/// 2015, all chief constables should ..."), perhaps with a sentence or two more of what it
/// should include, and after it either the body's comments on "our recommendation" or a
/// status recorded against it ("awaiting review", then "complete"), with what was done.
/// Read only where nothing else was found.
pub(crate) fn addressed_paragraphs(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        if ctx.claimed[i] || b.kind != BlockKind::Paragraph {
            continue;
        }
        // "By 31 August 2015, all chief constables should": a time before the subject.
        let body = time_adverbial_end(&b.text)
            .or_else(|| time_phrase_end(&b.text))
            .map_or(b.text.as_str(), |at| &b.text[at..]);
        let words: Vec<&str> = body.split_whitespace().collect();
        // A page of its own (a dated log after it, or nothing else on the page) may name a
        // group with a clause of its own ("those forces using X, that have not yet done
        // so, should ...").
        let own_page = logged_or_alone(ctx, i);
        let Some(should) = words
            .iter()
            .take(if own_page { 20 } else { 12 })
            .position(|w| {
                let w = w.trim_end_matches(',');
                w == "should" || w == "must"
            })
        else {
            continue;
        };
        // The subject names an office, body or group: "The Director of OSTP", "Chief
        // constables", "all forces"; not a pronoun or a clause of its own.
        let the = usize::from(words.first() == Some(&"The"));
        let subject = &words[the..should];
        let sentences = crate::fields::sentences(&b.text).len();
        if subject.is_empty()
            || subject.len() > if own_page { 16 } else { 8 }
            || (the == 1 && !subject[0].starts_with(char::is_uppercase))
            || matches!(
                subject[0].to_lowercase().as_str(),
                "it" | "this" | "that" | "they" | "we" | "he" | "she" | "there" | "you" | "i"
            )
            || (!own_page && subject.iter().any(|w| w.ends_with([',', ';', ':'])))
            || words.len() > 120
            || sentences > 3
            || (the == 0 && sentences > 1 && words.len() > 90)
        {
            continue;
        }
        // "... arrangements to ensure that:" and the bullets under it: its own parts.
        let (parts, skip) = lead_in_parts(ctx, i);
        let after = &blocks[i + 1 + skip..];
        let answered = after.iter().take(3).any(|n| {
            n.text.contains("our recommendation") || n.text.contains("the recommendation")
        });
        // A status recorded against it, the last one standing ("awaiting review" on one
        // day, "complete" on a later one).
        let recorded = after.iter().take(3).position(|n| {
            n.text.contains("[status]")
                || status_record(&n.text).is_some()
                || (own_page && is_log_marker(&n.text))
        });
        let alone = own_page && after.is_empty();
        if !answered && recorded.is_none() && !alone {
            continue;
        }
        // One sentence, as audit offices print them; more only with a status recorded.
        if sentences > 1 && recorded.is_none() && !alone {
            continue;
        }
        let text = b.text.trim().to_string() + &parts;
        let mut item = Item::new(ItemKind::Recommendation, text, b.line);
        item.evidence = vec![
            format!(
                "directive wording (\"{}\")",
                words[should].trim_end_matches(',')
            ),
            "a paragraph addressed to a named office".to_string(),
            if recorded.is_some() {
                "a status recorded against it".to_string()
            } else if alone {
                "the only paragraph of its page".to_string()
            } else {
                "comments on the recommendation after it".to_string()
            },
        ];
        item.addressee = Some(subject.join(" ").trim_end_matches(',').to_string());
        let mut end = i + 1 + skip;
        if let Some(k) = recorded {
            end += k + read_log(&after[k..], &mut item);
        }
        // The comments paragraph that answers it ("OSTP neither agreed nor disagreed with
        // our recommendation") is its response, with the position it states, if any.
        else if let Some(c) = after.iter().take(3).find(|n| {
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
        ctx.claim(i, end.min(blocks.len()));
        taken.push(item);
    }
}

/// Where the subject starts after an opening time ("By 31 August 2015, ", "Within six
/// months, ", "Immediately, "): the byte after the comma.
pub(crate) fn time_adverbial_end(text: &str) -> Option<usize> {
    let comma = text.find(", ")?;
    let head = text[..comma].to_lowercase();
    let timely = head.starts_with("by ")
        || head.starts_with("within ")
        || head.starts_with("immediately")
        || head.starts_with("with immediate effect")
        || head.starts_with("from ");
    (timely && head.split_whitespace().nth(6).is_none()).then_some(comma + 2)
}

/// The status a record line leaves standing: the last status phrase in it ("... awaiting
/// review ... complete" is complete), and its words. Only a short line, or one whose
/// status is marked as such, is a record.
pub(crate) fn status_record(text: &str) -> Option<(Status, String)> {
    let marked = text.contains("[status]") || text.to_lowercase().starts_with("status");
    if !marked && text.split_whitespace().nth(6).is_some() {
        return None;
    }
    let plain = text.replace(['[', ']', '/'], " ").replace('-', " ");
    Status::find_all(&plain).into_iter().last()
}

/// The nearest heading above block `at`: a heading block, or a short title-like paragraph
/// that is not itself a numbered unit of a run.
pub(crate) fn heading_above(blocks: &[Block], at: usize) -> Option<String> {
    let mut nearest: Option<String> = None;
    for b in blocks[..at].iter().rev().take(12) {
        let strip = enumerator(&b.text)
            .map(|e| e.rest)
            .unwrap_or(&b.text)
            .trim();
        let heading = b.is_heading() || (b.kind == BlockKind::Paragraph && is_title_like(&b.text));
        if !heading {
            continue;
        }
        if names_items(strip).is_some() {
            return Some(strip.to_string());
        }
        if nearest.is_none() {
            nearest = Some(strip.to_string());
        }
        // A real heading closes the search: what lies above it is another section.
        if b.is_heading() {
            break;
        }
    }
    nearest
}

/// Whether a sentence asks a named body to act in its own words: an imperative opening
/// ("Develop a plan ..."), or a short subject naming a body and then a verb in its bare
/// form or "should"/"must" ("USAID/Afghanistan develop ...", "The Mission officially
/// designate ...", "Each district should ..."). Returns the subject, empty for an
/// imperative.
pub(crate) fn addressed_directive(sentence: &str) -> Option<String> {
    // "Report: GAO-26-108943 | Published: ...": a label, not a verb.
    let label = sentence
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(':'));
    if label || sentence.contains(" | ") {
        return None;
    }
    if opens_with_imperative(sentence) {
        return Some(String::new());
    }
    let words: Vec<&str> = sentence.split_whitespace().take(10).collect();
    let first = words.first()?;
    if !first.starts_with(char::is_uppercase)
        || matches!(
            *first,
            "It" | "This"
                | "That"
                | "These"
                | "Those"
                | "They"
                | "We"
                | "He"
                | "She"
                | "There"
                | "I"
                | "You"
                | "Our"
                | "Its"
                | "Their"
        )
    {
        return None;
    }
    for k in 1..words.len().min(7) {
        let w = words[k].trim_end_matches([',', ';', ':']).to_lowercase();
        let modal = matches!(w.as_str(), "should" | "must");
        let verb = k + 1 < words.len() && opens_with_imperative(&words[k..].join(" "));
        if modal || verb {
            // "USAID/Afghanistan officially designate": an adverb goes with the verb.
            let subject = &words[..k];
            let finite = subject.iter().any(|s| {
                let s = s.to_lowercase();
                s.ends_with([',', ';', ':', '.'])
                    || s.starts_with("recommend")
                    || matches!(
                        s.as_str(),
                        "is" | "are"
                            | "was"
                            | "were"
                            | "has"
                            | "have"
                            | "had"
                            | "will"
                            | "would"
                            | "can"
                            | "could"
                            | "may"
                            | "might"
                            | "did"
                            | "does"
                            | "do"
                            | "not"
                            | "who"
                            | "which"
                            | "that"
                    )
            });
            if finite {
                return None;
            }
            let subject: Vec<&str> = subject
                .iter()
                .copied()
                .filter(|s| {
                    !(s.len() > 4 && s.ends_with("ly") && s.starts_with(char::is_lowercase))
                })
                .collect();
            return Some(subject.join(" "));
        }
    }
    None
}

/// Paragraphs with no number or bullet under a heading that names recommendations, each
/// asking a named body to act ("Recommendations" and then "USAID/Afghanistan develop an
/// implementation plan ..."), as a web page prints a report's list once its numbers are
/// gone. The last of the general reader's ways, when nothing else was found: each needs
/// both the heading and its own directive wording, and the run ends at the next heading.
pub(crate) fn headed_directives(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let h = &blocks[i];
        let heading = h.is_heading() || (h.kind == BlockKind::Paragraph && is_title_like(&h.text));
        let lower = h.text.to_lowercase();
        if ctx.claimed[i]
            || !heading
            || !(lower.contains("recommendation")
                || names_items(&h.text) == Some(ItemKind::AreaForImprovement))
        {
            i += 1;
            continue;
        }
        let kind = names_items(&h.text).unwrap_or(ItemKind::Recommendation);
        let mut j = i + 1;
        let mut found: Vec<(usize, String)> = Vec::new();
        let mut members = 0;
        while j < blocks.len() && !ctx.claimed[j] && j - i <= 40 {
            let b = &blocks[j];
            let directive = |b: &Block| {
                let sentences = crate::fields::sentences(&b.text);
                sentences
                    .first()
                    .is_some_and(|s| s.split_whitespace().nth(5).is_some())
                    && sentences.len() <= 2
                    && matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet)
                    && sentences
                        .first()
                        .and_then(|s| addressed_directive(s))
                        .is_some()
            };
            // A sub-heading inside the list ("Detention"), right above a request.
            let sub_heading = b.kind == BlockKind::Paragraph
                && is_title_like(&b.text)
                && names_items(&b.text).is_none()
                && blocks.get(j + 1).is_some_and(directive)
                && !ctx.claimed[j + 1];
            if sub_heading {
                j += 1;
                continue;
            }
            if b.is_heading()
                || !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet)
                || (b.kind == BlockKind::Paragraph && is_title_like(&b.text))
            {
                break;
            }
            let sentences = crate::fields::sentences(&b.text);
            let long_enough = sentences
                .first()
                .is_some_and(|s| s.split_whitespace().nth(5).is_some());
            members += usize::from(long_enough);
            if long_enough
                && sentences.len() <= 2
                && let Some(subject) = sentences.first().and_then(|s| addressed_directive(s))
            {
                found.push((j, subject));
            }
            j += 1;
        }
        // A list of recommendations is mostly requests; a section of prose that says
        // "agencies should" in passing is not.
        if found.len() * 3 < members * 2 {
            found.clear();
        }
        for (k, subject) in found {
            let b = &blocks[k];
            let mut item = Item::new(kind, b.text.trim().to_string(), b.line);
            item.evidence = vec![
                format!("under the heading \"{}\"", h.text.trim()),
                "directive wording in its own voice".to_string(),
            ];
            if !subject.is_empty() {
                item.addressee = Some(subject);
            }
            taken.push(item);
            ctx.claim(k, k + 1);
        }
        i = j.max(i + 1);
    }
}

/// A title that opens a section of its own kind rather than a topic inside a list:
/// "Strengths", "Conclusion", "Progress", "Areas for improvement".
fn is_section_word(t: &str) -> bool {
    let lower = t.to_lowercase();
    kind_named(t).is_some()
        || names_items(t).is_some()
        || names_answers(t)
        || [
            "strength",
            "conclusion",
            "summary",
            "background",
            "finding",
            "introduction",
            "progress",
            "response",
            "comment",
            "appendix",
            "annex",
            "judgement",
            "judgment",
            "next steps",
        ]
        .iter()
        .any(|w| lower.contains(w))
}
