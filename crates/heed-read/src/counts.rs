//! The stated-count check: a document's own total ("This report makes 17 recommendations",
//! "we make five recommendations", "the following 12 areas for improvement") compared with
//! what was read. When they differ, a warning names the line of the statement, so a reader
//! that missed items (or took too many) says so instead of staying silent.

use heed_core::{Diagnostic, Document, ItemKind};

const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Words that, just before a count, make it the document's own total.
const STATING: &[&str] = &[
    "make",
    "makes",
    "made",
    "making",
    "contains",
    "contain",
    "includes",
    "include",
    "following",
    "of",
    "out",
    "are",
    "total",
];

/// A count written in figures (up to 2,000) or as a word (zero to twenty).
pub(crate) fn number(w: &str) -> Option<usize> {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if let Ok(n) = w.parse::<usize>() {
        return (n <= 2000).then_some(n);
    }
    NUMBER_WORDS.iter().position(|x| *x == w)
}

/// Adds a warning for each kind whose stated total differs from the items read.
pub fn check(doc: &mut Document, text: &str) {
    // Cheap test first: most documents never state a total.
    let lower_hint = text.contains("ecommendations") || text.contains("mprovement");
    if !lower_hint {
        return;
    }
    let mut seen: Vec<ItemKind> = Vec::new();
    for (no, line) in lines_naming_items(text) {
        if seen.len() == 2 {
            break; // both kinds' totals found: nothing more to check
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        for (k, w) in words.iter().enumerate() {
            // Compared without lowering the word: only ASCII letters lower to these.
            let opens = |p: &str| w.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
            let (kind, name) = if opens("recommendations") {
                (ItemKind::Recommendation, "recommendations")
            } else if opens("areas")
                && words
                    .get(k + 1)
                    .is_some_and(|n| n.eq_ignore_ascii_case("for"))
                && words
                    .get(k + 2)
                    .is_some_and(|n| n.to_lowercase().starts_with("improvement"))
            {
                (ItemKind::AreaForImprovement, "areas for improvement")
            } else {
                continue;
            };
            if seen.contains(&kind) {
                continue;
            }
            // "17 recommendations", "17 new recommendations", "five key recommendations".
            let mut at = k;
            if at >= 1
                && matches!(
                    words[at - 1].to_lowercase().as_str(),
                    "new" | "key" | "main"
                )
            {
                at -= 1;
            }
            let Some(n) = at.checked_sub(1).and_then(|p| number(words[p])) else {
                continue;
            };
            let stated_by = at
                .checked_sub(2)
                .map(|p| words[p].to_lowercase())
                .is_some_and(|w| STATING.contains(&w.trim_matches(|c: char| !c.is_alphabetic())));
            if !stated_by {
                continue;
            }
            seen.push(kind);
            let read = doc.items.iter().filter(|i| i.kind == kind).count();
            // A total often leaves out what is addressed elsewhere (a matter for the
            // legislature beside numbered recommendations to an agency): the numbered
            // items alone may make it.
            let numbered = doc
                .items
                .iter()
                .filter(|i| i.kind == kind && i.r#ref.is_some())
                .count();
            if read != n && numbered != n {
                doc.diagnostics.push(Diagnostic::warning(
                    no + 1,
                    format!(
                        "the document says it makes {n} {name}, but {read} were read: check for missed or extra items"
                    ),
                ));
            }
        }
    }
}

/// The lines (0-based number and text, as `str::lines` gives them) that hold
/// "ecommendations" or "mprovement", found by searching the whole text rather than each
/// line in turn.
fn lines_naming_items(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let finders = [
        memchr::memmem::Finder::new("ecommendations"),
        memchr::memmem::Finder::new("mprovement"),
    ];
    let b = text.as_bytes();
    let (mut pos, mut no) = (0, 0); // `pos` starts line `no`
    // Each word's next place at or after `pos` (`None`: none left), looked for again only
    // once the lines passed it: a word far ahead is not sought again for every line the
    // other names (the text was searched once per line found, to the far word each time).
    let mut next = finders.each_ref().map(|f| f.find(b));
    std::iter::from_fn(move || {
        for (f, at) in finders.iter().zip(&mut next) {
            if at.is_some_and(|k| k < pos) {
                *at = f.find(&b[pos..]).map(|k| k + pos);
            }
        }
        let hit = next.iter().flatten().copied().min()?;
        let start = memchr::memrchr(b'\n', &b[pos..hit]).map_or(pos, |k| pos + k + 1);
        no += memchr::memchr_iter(b'\n', &b[pos..start]).count();
        let end = memchr::memchr(b'\n', &b[hit..]).map_or(b.len(), |k| hit + k);
        let line = text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[start..end]);
        let found = (no, line);
        no += 1;
        pos = (end + 1).min(b.len());
        Some(found)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use heed_core::Item;

    fn doc_with(n: usize) -> Document {
        let mut d = Document::default();
        for k in 0..n {
            d.items
                .push(Item::new(ItemKind::Recommendation, "x", k + 1));
        }
        d
    }

    #[test]
    fn totals_in_words_and_digits() {
        let mut d = doc_with(2);
        check(
            &mut d,
            "Intro\nThis report makes 17 recommendations to the force.\n",
        );
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].line, 2);
        let mut d = doc_with(5);
        check(&mut d, "We make five recommendations.\n");
        assert!(d.diagnostics.is_empty());
        let mut d = doc_with(1);
        check(&mut d, "the following 12 areas for improvement\n");
        assert_eq!(d.diagnostics.len(), 1);
    }

    #[test]
    fn counts_that_are_not_totals_are_ignored() {
        let mut d = doc_with(1);
        check(&mut d, "Of those, 12 recommendations were implemented.\n");
        assert!(d.diagnostics.is_empty());
    }
}
