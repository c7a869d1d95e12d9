//! What stands around an unnumbered recommendation printed as a page of its own: the
//! parts of its lead-in (a sentence ending in a colon and the bullets under it), an
//! opening time without a comma ("Within six months the force should ..."), and the log
//! after it, in which dated records set its status ("awaiting review" on one day,
//! "complete" on a later one) and the comments between them are its responses.

use super::*;

/// Time units that close an opening time phrase.
const TIME_UNITS: [&str; 8] = [
    "day", "days", "week", "weeks", "month", "months", "year", "years",
];

/// Where the subject starts after an opening time phrase written without a comma
/// ("Within six months the force should ..."): the byte after the time unit, when at most
/// four words after "within" reach it.
pub(crate) fn time_phrase_end(text: &str) -> Option<usize> {
    dated_phrase_end(text).or_else(|| within_phrase_end(text))
}

/// "Not later than 31 March 2015 those forces ...", "By June 2016 every force ...": a
/// closing date without a comma, to its year (within seven words).
fn dated_phrase_end(text: &str) -> Option<usize> {
    let lower = text.trim_start().to_lowercase();
    let lead = ["not later than ", "no later than ", "by "]
        .iter()
        .find(|p| lower.starts_with(**p))?;
    let start = text.len() - text.trim_start().len() + lead.len();
    let mut at = start;
    for w in text[start..].split_whitespace().take(5) {
        at = text[at..].find(w)? + at + w.len();
        let digits = w.trim_end_matches([',', '.']);
        if digits.len() == 4
            && (digits.starts_with("19") || digits.starts_with("20"))
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            let rest = &text[at..];
            let rest_t = rest.trim_start().trim_start_matches(',').trim_start();
            return (!rest_t.is_empty()).then(|| text.len() - rest_t.len());
        }
    }
    None
}

fn within_phrase_end(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let lead = t.len() - t.trim_start_matches(|c: char| c.is_whitespace()).len();
    let first = t.split_whitespace().next()?;
    if !first.eq_ignore_ascii_case("within") {
        return None;
    }
    let mut at = lead;
    for (k, w) in t.split_whitespace().enumerate().take(5) {
        let start = t[at - lead..].find(w)? + at;
        at = start + w.len();
        if k > 0 && TIME_UNITS.contains(&w.to_lowercase().as_str()) {
            let rest = &text[at..];
            return (!rest.trim().is_empty()).then(|| at + (rest.len() - rest.trim_start().len()));
        }
    }
    None
}

/// The parts of a lead-in that ends in a colon: the bullets right after block `at`, each
/// unclaimed. Returns their words joined, and how many blocks they take.
pub(crate) fn lead_in_parts(ctx: &Context<'_>, at: usize) -> (String, usize) {
    let blocks = ctx.blocks;
    if !blocks[at].text.trim_end().ends_with(':') {
        return (String::new(), 0);
    }
    let mut words = String::new();
    let mut k = at + 1;
    while k < blocks.len() && !ctx.claimed[k] && blocks[k].kind == BlockKind::Bullet {
        words.push(' ');
        words.push_str(blocks[k].text.trim());
        k += 1;
    }
    (words, k - at - 1)
}

/// Bracketed tags (`[on]`, `[/comment]`) and their words removed: what a log line says.
fn untagged(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| c + open) else {
            break;
        };
        let inner = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        // A tag is a short word, perhaps closing: "[status]", "[/on]".
        if !(inner.len() <= 12
            && inner
                .trim_start_matches('/')
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-'))
        {
            out.push_str(&rest[open..=close]);
        }
        out.push(' ');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A line of a log that only dates or tags what follows ("[on]2nd February 2018
/// [comment]", "12 March 2019:"): tags or a date, and at most three words besides dates.
pub(crate) fn is_log_marker(text: &str) -> bool {
    let plain = untagged(text);
    let tagged = plain.len() < text.len();
    let dated = plain.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        heed_core::date::month_number(w).is_some()
            || (w.len() == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.bytes().all(|b| b.is_ascii_digit()))
    }) && plain.contains(|c: char| c.is_ascii_digit());
    // Words besides the dates: a status or a tag's word or two.
    let other = plain
        .split_whitespace()
        .filter(|w| {
            !w.contains(|c: char| c.is_ascii_digit())
                && heed_core::date::month_number(w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .is_none()
        })
        .count();
    (tagged || dated) && other <= 3
}

/// Reads the log after a recommendation, from `after[0]` (a status record): every record
/// sets its status (the last one stands), and the prose between two records is one
/// response. Stops at a heading, a row or bullet, or a block that is neither record nor
/// prose of the log. Returns how many blocks the log takes.
pub(crate) fn read_log(after: &[Block], item: &mut Item) -> usize {
    let mut k = 0;
    let mut comment: Vec<(usize, String)> = Vec::new();
    let flush = |comment: &mut Vec<(usize, String)>, item: &mut Item| {
        if let Some(&(line, _)) = comment.first() {
            let text: Vec<String> = comment.drain(..).map(|(_, t)| t).collect();
            item.responses.push(Response {
                text: text.join(" "),
                line,
            });
        }
    };
    while k < after.len() {
        let b = &after[k];
        if b.is_heading() || b.kind != BlockKind::Paragraph {
            break;
        }
        // "no further action needed" closes a recommendation in a log of its own (in
        // prose it is as often said of a complaint, so it is read only here).
        let closed = || {
            let plain = untagged(&b.text).replace('-', " ").to_lowercase();
            let at = plain.find("no further action")?;
            let words: Vec<&str> = plain[at..]
                .split_whitespace()
                .take(4)
                .take_while(|w| w.chars().all(char::is_alphabetic))
                .collect();
            Some((Status::Completed, words.join(" ")))
        };
        let record = status_record(&b.text).or_else(|| {
            b.text
                .contains('[')
                .then(closed)
                .flatten()
                .filter(|_| is_log_marker(&b.text))
        });
        if record.is_some() || is_log_marker(&b.text) {
            flush(&mut comment, item);
            if let Some((status, words)) = record {
                item.status = Some(status);
                item.status_words = Some(words);
            }
            k += 1;
            continue;
        }
        // Prose of the log follows a record or a marker; what follows prose with no
        // record between is the next part of the page.
        if !comment.is_empty() && !comment.last().is_some_and(|(_, t)| t.ends_with(':')) {
            break;
        }
        comment.push((b.line, b.text.trim().to_string()));
        k += 1;
    }
    flush(&mut comment, item);
    k
}

/// Whether the paragraph at `at` is a recommendation printed as a page of its own: the
/// first paragraph of its page (only short title lines above it) followed by nothing, or
/// by a dated log (its first block a log marker, "[on]4th May 2016").
pub(crate) fn logged_or_alone(ctx: &Context<'_>, at: usize) -> bool {
    let blocks = ctx.blocks;
    let above = blocks[..at]
        .iter()
        .all(|b| b.is_heading() || (b.text.len() < 160 && !b.text.trim_end().ends_with('.')));
    let after = &blocks[at + 1..];
    above && at <= 2 && (after.is_empty() || is_log_marker(&after[0].text))
}
