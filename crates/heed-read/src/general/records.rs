//! Records an oversight office's web listing prints one under another, each opened by its
//! reference code standing alone on its line ("2019-XX-0001-001-A"): short labels after
//! the code (an amount, a category, "Priority"), a paragraph explaining the category, a
//! line saying when the record was closed, then the recommendation itself, an imperative
//! paragraph; a "Status" label may follow with the office's account of progress. Read
//! only where no other reader found anything.

use super::*;

/// How many blocks after its code a record's own words may stand.
const WORDS_WITHIN: usize = 8;

/// A reference code and nothing else: parts joined by hyphens (three or more), digits in
/// them (three or more), an upper-case letter, no spaces ("2021-LA-1002-002-A").
fn is_record_code(text: &str) -> bool {
    let t = text.trim();
    let parts: Vec<&str> = t.split('-').collect();
    (8..=32).contains(&t.len())
        && parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty())
        && t.bytes().filter(u8::is_ascii_digit).count() >= 3
        && t.bytes().any(|b| b.is_ascii_uppercase())
        && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A paragraph of a record that is its recommendation: six words or more opening with an
/// imperative verb ("Provide adequate documentation ...", "Update the handbook ...").
fn asks(b: &Block) -> bool {
    b.kind == BlockKind::Paragraph
        && b.text.split_whitespace().nth(5).is_some()
        && opens_with_imperative(&b.text)
}

/// "Closed on September 10, 2025": the record was closed.
fn closed_line(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.starts_with("closed on ") && text.split_whitespace().nth(6).is_none()
}

/// A label of a record's part ("Status", "Analysis"): one or two capitalised words.
fn part_label(text: &str) -> Option<&str> {
    let t = text.trim().trim_end_matches(':');
    (t.split_whitespace().nth(2).is_none()
        && t.starts_with(char::is_uppercase)
        && t.chars().all(|c| c.is_alphabetic() || c == ' '))
    .then_some(t)
}

/// Reads the coded records of a listing when nothing else was found: each bare code with
/// an imperative paragraph after it (before the next code, a heading, or
/// [`WORDS_WITHIN`] blocks) is an item with the code as its ref; a "Closed on ..." line
/// before its words completes it; the paragraphs under a "Status" label after its words
/// are its responses.
pub(crate) fn read_coded_records(ctx: &mut Context<'_>, doc: &mut Document) {
    if !doc.items.is_empty() || !doc.judgements.is_empty() {
        return;
    }
    let blocks = ctx.blocks;
    let codes: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            !ctx.claimed[i]
                && blocks[i].kind == BlockKind::Paragraph
                && is_record_code(&blocks[i].text)
        })
        .collect();
    let mut taken: Vec<(usize, usize, Item)> = Vec::new();
    for (k, &at) in codes.iter().enumerate() {
        let next = codes.get(k + 1).copied().unwrap_or(blocks.len());
        let end = (at + 1..next)
            .find(|&j| ctx.claimed[j] || blocks[j].is_heading())
            .unwrap_or(next);
        let Some(own) = (at + 1..end.min(at + 1 + WORDS_WITHIN)).find(|&j| asks(&blocks[j])) else {
            continue;
        };
        let mut item = Item::new(
            ItemKind::Recommendation,
            blocks[own].text.to_string(),
            blocks[at].line,
        );
        item.r#ref = Some(blocks[at].text.trim().to_string());
        item.evidence = vec![
            "a record opened by its code alone on its line".to_string(),
            "its words open with an imperative verb".to_string(),
        ];
        if let Some(c) = (at + 1..own).find(|&j| closed_line(&blocks[j].text)) {
            item.status = Some(Status::Completed);
            item.status_words = Some(blocks[c].text.trim().to_string());
        }
        // "Status" / the office's account of progress, up to the next label.
        let mut under_status = false;
        for b in &blocks[own + 1..end] {
            if let Some(label) = part_label(&b.text) {
                under_status = label.eq_ignore_ascii_case("status");
                continue;
            }
            if under_status && b.text.split_whitespace().nth(5).is_some() {
                item.responses.push(Response {
                    text: b.text.to_string(),
                    line: b.line,
                });
            }
        }
        taken.push((at, end, item));
    }
    for (at, end, item) in taken {
        ctx.claim(at, end);
        doc.items.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_codes() {
        for t in [
            "2021-LA-1002-002-A",
            "2019-XX-0001-001-B",
            "OEI-01-09-00550",
        ] {
            assert!(is_record_code(t), "{t}");
        }
        for t in [
            "2021",
            "COVID-19",
            "K-12",
            "2021-LA 1002",
            "$1,388,545",
            "2021-2022",
            "Questioned Costs",
        ] {
            assert!(!is_record_code(t), "{t}");
        }
    }
}
