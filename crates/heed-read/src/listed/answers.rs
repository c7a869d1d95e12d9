//! The comments section after a report's listed recommendations, answering them one by
//! one by number or ordinal ("With regard to recommendation 1.a., the agency noted ...",
//! "In relation to our second recommendation, ...", "The agency concurred with our fourth
//! recommendation ..."): each such paragraph is the named item's response, and the
//! paragraphs after it that name no recommendation carry that response on (the auditor's
//! reply to it). A paragraph naming several recommendations at once answers none alone.

use crate::Context;
use crate::blocks::BlockKind;
use heed_core::{Item, Position, Response, Status};

const ORDINALS: [&str; 12] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];

/// Reads the comments section after line `after` into `items`' responses.
pub(super) fn read(ctx: &mut Context<'_>, items: &mut [Item], after: usize) {
    let blocks = ctx.blocks;
    let Some(h) = blocks
        .iter()
        .position(|b| b.line >= after && is_comments_heading(b))
    else {
        return;
    };
    let mut current: Option<usize> = None;
    for (k, b) in blocks.iter().enumerate().skip(h + 1) {
        if b.is_heading() || is_title(&b.text) {
            break;
        }
        if ctx.claimed[k] || b.kind != BlockKind::Paragraph {
            current = None;
            continue;
        }
        let first = crate::fields::sentences(&b.text)
            .first()
            .map_or("", |s| s.trim())
            .to_string();
        // The first sentence says which recommendation the paragraph answers; a
        // paragraph naming none carries the answer before it on.
        let lead = named(&first);
        let target = match lead.as_slice() {
            [one] if one != "*" => {
                current = items
                    .iter()
                    .position(|it| it.r#ref.as_deref() == Some(one) && it.line < b.line);
                if let Some(it) = current.and_then(|c| items.get_mut(c))
                    && it.position.is_none()
                    && let Some((p, w)) = Position::from_words(&first)
                    && p != Position::Noted
                {
                    it.position = Some(p);
                    it.position_words = Some(w);
                }
                current
            }
            [] if named(&b.text).is_empty() => current,
            _ => {
                current = None;
                None
            }
        };
        if let Some(it) = target.and_then(|c| items.get_mut(c)) {
            // Recommendations this report makes: nothing is implemented yet.
            if it.status.is_none() {
                it.status = Some(if it.position == Some(Position::Rejected) {
                    Status::NotAccepted
                } else {
                    Status::NotStarted
                });
                it.status_words =
                    Some("recommendation made in this report, answered in its comments".into());
            }
            it.responses.push(Response {
                text: b.text.trim().to_string(),
                line: b.line,
            });
            ctx.claim(k, k + 1);
        }
    }
}

/// "Agency Comments and Office of Inspector General Response", "Management response": a
/// heading or a short title naming comments or a response, not a contents line.
fn is_comments_heading(b: &crate::blocks::Block) -> bool {
    let l = b.text.to_lowercase();
    (b.is_heading() || is_title(&b.text))
        && (l.contains("comments") || l.contains("response"))
        && !l.contains("..")
        && !l.trim_end().ends_with(|c: char| c.is_ascii_digit())
}

/// A short line without closing punctuation, in capitals or as a heading would be set.
fn is_title(t: &str) -> bool {
    let t = t.trim();
    t.split_whitespace().nth(12).is_none()
        && !t.ends_with(['.', ',', ';', ':'])
        && t.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && t.chars().any(char::is_alphabetic)
}

/// The recommendations a text names, as refs: "recommendation 1.a." gives "1.a", "our
/// second recommendation" gives "2"; each once, in order.
fn named(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let ordinal = |k: usize| {
            k.checked_sub(1)
                .and_then(|p| ORDINALS.iter().position(|o| *o == words[p]))
        };
        let found = if w.starts_with("recommendations") {
            // "recommendations 1(a)-(c), 2, 3, and 5", "our first and third
            // recommendations": several.
            (words
                .get(k + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
                || ordinal(k).is_some())
            .then(|| "*".to_string())
        } else if w.starts_with("recommendation") {
            let next = (*w == "recommendation")
                .then(|| words.get(k + 1).and_then(|n| as_ref(n)))
                .flatten();
            next.or_else(|| ordinal(k).map(|p| (p + 1).to_string()))
        } else {
            None
        };
        if let Some(r) = found
            && !out.contains(&r)
        {
            out.push(r);
        }
    }
    out
}

/// "1.a.," -> "1.a"; "4" -> "4"; words are no refs.
fn as_ref(token: &str) -> Option<String> {
    let t = token.trim_end_matches([',', '.', ';', ':', ')']);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    match rest {
        "" => Some(t.to_string()),
        _ if rest.starts_with('.')
            && rest.len() == 2
            && rest[1..].chars().all(|c| c.is_ascii_lowercase()) =>
        {
            Some(t.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_number_and_ordinal() {
        assert_eq!(
            named("More specifically, with regard to recommendation 1.a., the agency noted"),
            ["1.a"]
        );
        assert_eq!(
            named("In relation to our second recommendation, it said"),
            ["2"]
        );
        assert_eq!(
            named("It concurred with our fourth recommendation and"),
            ["4"]
        );
        assert!(named("We made five recommendations in the report.").is_empty());
        assert_eq!(
            named("whether it concurs with our recommendations 2, 3, and 5."),
            ["*"]
        );
        assert!(named("the recommendation of the board was published").is_empty());
    }
}
