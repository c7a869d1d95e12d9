//! Minutes that record a committee's recommendation to another body and that body's
//! decisions on it: "The Scrutiny Committee agreed to recommend that the Cabinet ...",
//! then a lead-in ("The Cabinet then:-") over numbered decisions ("(1) Noted that ...",
//! "(2) Agreed that ..."). The recommendation is the item; the decisions are its
//! responses. Without decisions after it, a sentence telling of a recommendation is
//! reported speech and is not read.

use super::*;

/// A committee deciding to make a recommendation, as minutes record it.
const CUES: [&str; 3] = [
    "agreed to recommend that ",
    "resolved to recommend that ",
    "decided to recommend that ",
];

/// How many blocks after the recommendation its decisions' lead-in may stand.
const LEAD_IN_WITHIN: usize = 3;

/// The recommendation a block records: the words from "that" to the end of its sentence,
/// when the subject of "agreed to recommend" is a short name ("The Scrutiny Committee").
fn recommended(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    let (at, cue) = CUES
        .iter()
        .filter_map(|c| lower.find(c).map(|a| (a, *c)))
        .min()?;
    let start = text[..at].rfind(". ").map_or(0, |s| s + 2);
    let subject: Vec<&str> = text[start..at].split_whitespace().collect();
    if subject.is_empty()
        || subject.len() > 8
        || !subject[0].starts_with(char::is_uppercase)
        || subject.iter().any(|w| w.ends_with([',', ';', ':']))
        // A name: its words capitalised but for the small words between them.
        || !subject.iter().all(|w| {
            w.starts_with(char::is_uppercase) || matches!(*w, "of" | "and" | "the" | "for" | "on")
        })
    {
        return None;
    }
    let from = at + cue.len() - "that ".len();
    let rest = text.get(from..)?;
    let end = rest.find(". ").map_or(rest.len(), |e| e + 1);
    let words = rest[..end].trim();
    (words.split_whitespace().nth(5).is_some()).then_some(words)
}

/// A short line that leads in the decisions: "The Cabinet then:-", "It was RESOLVED:".
/// Returns what follows it in its block (the first decision, when the lines were joined).
fn leads_in(text: &str) -> Option<&str> {
    let t = text.trim();
    let colon = t.find(':')?;
    let head = &t[..colon];
    let rest = t[colon + 1..].trim_start_matches(['-', '—']).trim_start();
    (head.split_whitespace().nth(7).is_none()
        && head.starts_with(char::is_uppercase)
        && (rest.is_empty() || clause_label(rest).is_some()))
    .then_some(rest)
}

/// Reads each recorded recommendation with the numbered decisions after its lead-in.
pub(crate) fn recommended_then_decided(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let blocks = ctx.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let words = (!ctx.claimed[i] && b.kind == BlockKind::Paragraph)
            .then(|| recommended(&b.text))
            .flatten();
        let Some(words) = words else {
            i += 1;
            continue;
        };
        let Some((lead, first)) = (i + 1..blocks.len().min(i + 1 + LEAD_IN_WITHIN))
            .take_while(|&j| !ctx.claimed[j] && !blocks[j].is_heading())
            .find_map(|j| leads_in(&blocks[j].text).map(|rest| (j, rest)))
        else {
            i += 1;
            continue;
        };
        let mut item = Item::new(ItemKind::Recommendation, words.to_string(), b.line);
        let mut decide = |t: &str, line: usize| {
            let e = clause_label(t).filter(|e| matches!(e.style, Style::Paren | Style::Decimal(1)));
            if let Some(e) = &e {
                item.responses.push(Response {
                    text: e.rest.trim().to_string(),
                    line,
                });
            }
            e.is_some()
        };
        let mut j = lead + 1;
        if first.is_empty() || decide(first, blocks[lead].line) {
            while j < blocks.len()
                && !ctx.claimed[j]
                && !blocks[j].is_heading()
                && decide(&blocks[j].text, blocks[j].line)
            {
                j += 1;
            }
        }
        if item.responses.is_empty() {
            i += 1;
            continue;
        }
        item.evidence = vec![
            "a committee agreed to recommend it".to_string(),
            format!(
                "{} numbered decision(s) after \"{}\" answer it",
                item.responses.len(),
                clip(&blocks[lead].text, 40)
            ),
        ];
        ctx.claim(i, j);
        taken.push(item);
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_recommendations() {
        assert_eq!(
            recommended(
                "It was raised. The Audit Panel agreed to recommend that the Board publish its register every month."
            ),
            Some("that the Board publish its register every month.")
        );
        assert_eq!(
            recommended(
                "Members said that they had agreed to recommend that the Board wait for the next audit."
            ),
            None
        );
        assert_eq!(leads_in("The Cabinet then:-"), Some(""));
        assert_eq!(
            leads_in("The Cabinet then:- (1) Noted the report."),
            Some("(1) Noted the report.")
        );
        assert_eq!(leads_in("The Cabinet then considered the report."), None);
        assert_eq!(leads_in("The Cabinet noted: the report was late."), None);
    }
}
