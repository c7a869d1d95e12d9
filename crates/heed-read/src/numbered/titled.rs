//! A recommendation heading that carries only a title ("Recommendation 3: A better
//! approach to risk assessment"), as government responses print each recommendation: its
//! words are the paragraphs under the title that ask (should, must), with the parts of
//! their lists, up to the first paragraph in which the answering body speaks ("The
//! government agrees ..."). And the contents page's entries for those headings, which are
//! no recommendations at all.

use crate::Context;
use heed_core::vocab::find_word;

/// A contents entry: a run of leader dots (five or more, or three ellipses) and a page
/// number, as a contents page prints "Recommendation 4: A strategy ....... 18".
pub(crate) fn is_contents_entry(text: &str) -> bool {
    let t = text.trim_end();
    let leader = t.contains(".....") || t.contains("…………") || t.contains(". . . . .");
    let page = t
        .rsplit(|c: char| c.is_whitespace() || c == '.' || c == '…')
        .next()
        .is_some_and(|w| w.is_empty() || w.chars().all(|c| c.is_ascii_digit()));
    leader && page
}

/// A heading's words that only name a subject: short, no sentence end, asking nothing.
pub(crate) fn is_title_only(body: &str) -> bool {
    let t = body.trim();
    let words = t.split_whitespace().count();
    (1..=16).contains(&words)
        && !t.ends_with(['.', ';', ':', '?'])
        && crate::general::directive(t).is_none()
        && !asks(t)
}

/// "should" or "must" in the text.
fn asks(text: &str) -> bool {
    let lower = text.to_lowercase();
    find_word(&lower, "should").is_some() || find_word(&lower, "must").is_some()
}

/// Whether the answering body speaks in the text's first sentence: a position word among
/// its first eight words, before any "should" or "must" ("The government agrees ...",
/// "The Department accepts ..."). A request that names a position later ("should accept
/// ...") is no answer.
fn answers(text: &str) -> bool {
    let Some(first) = crate::fields::sentences(text).first().copied() else {
        return false;
    };
    let head: Vec<&str> = first.split_whitespace().take(8).collect();
    let head = head.join(" ");
    let cut = head
        .to_lowercase()
        .split_whitespace()
        .position(|w| w == "should" || w == "must");
    let head: String = match cut {
        Some(n) => head
            .split_whitespace()
            .take(n)
            .collect::<Vec<_>>()
            .join(" "),
        None => head,
    };
    heed_core::Position::from_words(&head).is_some()
}

/// The recommendation's words under a title heading: the blocks from `from` (before `end`)
/// of which the first asks, each next one asking too or going on with a list (the text
/// before it ends in a colon, a semicolon or "and"/"or", or it opens in lower case, with a
/// bracket, or with a list letter "A."), none of them answering. Returns the words and
/// the block after them.
pub(crate) fn words_under_title(
    ctx: &Context<'_>,
    from: usize,
    end: usize,
) -> Option<(String, usize)> {
    let blocks = ctx.blocks;
    let mut text = String::new();
    let mut k = from;
    while k < end && !ctx.claimed[k] && !blocks[k].is_heading() {
        let t = blocks[k].text.trim();
        if answers(t) {
            break;
        }
        let prev = text.trim_end();
        let goes_on = !text.is_empty()
            && (prev.ends_with([':', ';', ','])
                || prev.ends_with(" and")
                || prev.ends_with(" or")
                || t.starts_with(|c: char| c.is_lowercase() || c == '(')
                || list_letter(t));
        if !(asks(t) || goes_on) {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(t);
        k += 1;
    }
    (k > from).then_some((text, k))
}

/// "A. be adaptable;", "b) include ...": a list letter before the words.
fn list_letter(t: &str) -> bool {
    let mut ch = t.chars();
    ch.next().is_some_and(|c| c.is_ascii_alphabetic())
        && matches!(ch.next(), Some('.' | ')'))
        && ch.next() == Some(' ')
}
