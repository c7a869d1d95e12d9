//! PostgreSQL's full-text words, made by Heed rather than by the server.
//!
//! An item's `search` column is a `tsvector` and a search a `tsquery`, both written here as
//! their text forms: the server only parses them. `to_tsvector('english', text)` cost the
//! server 58 us an item (its parser alone 63 us for 20,000 items of 400 characters), more
//! than everything else an import writes together, on the one core a transaction has
//! (issue 17: importing through COPY at 20,000 items a second).
//!
//! The words are the letters-and-digits runs of the text (as the search box reads them,
//! `fts::tokens`), lower-cased; English stop words are left out but counted, so phrases
//! keep their distances; every other word is reduced to its stem by the Snowball English
//! stemmer, the algorithm of PostgreSQL's own `english` configuration. Index and query are
//! made by the same code, so what one writes the other finds.

use crate::fts::{self, Term};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Which words make `items.search`: kept in `register_meta` under `search_words`, so a
/// register whose words were made otherwise (by an older Heed, or not at all after a
/// restore) has them made again when it is opened.
pub(crate) const WORDS_VERSION: &str = "heed-snowball-english-facets-2";

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// PostgreSQL's English stop words (its `english.stop`, from Snowball), sorted: words too
/// common to find anything by, as its `english` configuration leaves them out.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "did",
    "do",
    "does",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// PostgreSQL's limits: a lexeme under 2 KiB, positions 1 to 16,383, at most 256 positions a
/// lexeme, a tsvector under 1 MiB. Longer words are left out (as `to_tsvector` leaves them),
/// later positions share the last, and lexemes past the size bound are not indexed.
const MAX_LEXEME_BYTES: usize = 2046;
const MAX_POSITION: usize = 16_383;
const MAX_POSITIONS: usize = 256;
const MAX_VECTOR_BYTES: usize = 512 * 1024;

/// A word's lexeme, or `None` for a stop word or one too long to index.
fn lexeme(token: &str) -> Option<String> {
    let lower = token.to_lowercase();
    if lower.len() > MAX_LEXEME_BYTES || STOP_WORDS.binary_search(&lower.as_str()).is_ok() {
        return None;
    }
    Some(STEMMER.stem(&lower).into_owned())
}

/// The words of `text` with their positions (1-based, stop words counted).
fn lexemes(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
        .filter_map(|(i, w)| lexeme(w).map(|l| ((i + 1).min(MAX_POSITION), l)))
}

/// What marks a facet's lexeme: a character no word of a text or a query keeps, so typed
/// words never reach the facets.
const FACET_MARK: char = '#';

/// What `items.search` holds for an item: its text's words (`tsvector`) and, without
/// positions, its facets (`fts::facets`: kind, status, RAG, review, open), each marked with
/// [`FACET_MARK`]. A search narrowed by any of them asks the index for words and facets
/// together, so the index intersects them, as SQLite's does.
pub(crate) fn item_words(text: &str, facets: &str) -> String {
    let mut out = tsvector(text);
    for f in facets.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        quoted(&mut out, &format!("{FACET_MARK}{f}"));
    }
    out
}

/// A search's `tsquery` (as [`tsquery`]) that also wants each of `facets`
/// (`fts::facet` words), or `None` when what was typed holds no word to look for.
pub(crate) fn tsquery_with(typed: &str, facets: &[String]) -> Option<String> {
    let mut q = tsquery(typed)?;
    if !facets.is_empty() {
        q = format!("( {q} )");
        for f in facets {
            q.push_str(" & ");
            quoted(&mut q, &format!("{FACET_MARK}{f}"));
        }
    }
    Some(q)
}

/// `text`'s `tsvector`, in PostgreSQL's text form (`'lexeme':1,4 'other':2`).
pub(crate) fn tsvector(text: &str) -> String {
    let mut at: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut bytes = 0;
    for (pos, lex) in lexemes(text) {
        match at.get_mut(&lex) {
            Some(p) if p.len() < MAX_POSITIONS && p.last() != Some(&pos) => p.push(pos),
            Some(_) => {}
            None if bytes + lex.len() <= MAX_VECTOR_BYTES => {
                bytes += lex.len();
                at.insert(lex, vec![pos]);
            }
            None => {}
        }
    }
    let mut out = String::with_capacity(bytes + at.len() * 8);
    for (lex, positions) in &at {
        if !out.is_empty() {
            out.push(' ');
        }
        quoted(&mut out, lex);
        out.push(':');
        for (i, p) in positions.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&p.to_string());
        }
    }
    out
}

/// A search's `tsquery`, in PostgreSQL's text form, or `None` when what was typed holds no
/// word to look for (nothing, punctuation, stop words only). Read as the search box is read
/// for SQLite (`fts::parse`): groups joined by OR (`|`), each wanting all its terms (`&`)
/// and none of its excluded ones (`& !`); a phrase's words follow each other at the
/// distances they were typed at (`<->`, `<2>` over a stop word).
pub(crate) fn tsquery(typed: &str) -> Option<String> {
    let groups: Vec<String> = fts::parse(typed)
        .iter()
        .filter_map(|g| {
            let wanted: Vec<String> = g
                .iter()
                .filter(|t| !t.excluded)
                .filter_map(phrase)
                .collect();
            if wanted.is_empty() {
                return None;
            }
            let mut q = wanted.join(" & ");
            for t in g.iter().filter(|t| t.excluded) {
                if let Some(p) = phrase(t) {
                    q = format!("{q} & !{p}");
                }
            }
            Some(format!("( {q} )"))
        })
        .collect();
    (!groups.is_empty()).then(|| groups.join(" | "))
}

/// A term's words as one `tsquery` operand: a lexeme, or a phrase of them in brackets.
fn phrase(t: &Term) -> Option<String> {
    let words: Vec<(usize, String)> = lexemes(&t.tokens.join(" ")).collect();
    let (first_at, first) = words.first()?;
    let mut out = String::new();
    quoted(&mut out, first);
    let mut last = *first_at;
    for (pos, lex) in &words[1..] {
        match pos - last {
            1 => out.push_str(" <-> "),
            d => out.push_str(&format!(" <{d}> ")),
        }
        quoted(&mut out, lex);
        last = *pos;
    }
    Some(if words.len() > 1 {
        format!("( {out} )")
    } else {
        out
    })
}

/// A lexeme in quotes, as both text forms write one. Lexemes are letters and digits, but a
/// quote or backslash would be doubled or escaped all the same.
fn quoted(out: &mut String, lex: &str) {
    out.push('\'');
    for c in lex.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('\'');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_text_is_its_stems_at_their_places() {
        // What PostgreSQL 15's `to_tsvector('english', ...)` gives for the same texts.
        assert_eq!(
            tsvector("The force should review its custody records, and review them again."),
            "'custodi':6 'forc':2 'record':7 'review':4,9"
        );
        assert_eq!(tsvector(""), "");
        assert_eq!(tsvector("the and of"), "");
        assert_eq!(tsvector("Ä café's ÉCOLE"), "'café':2 'ä':1 'école':4");
    }

    #[test]
    fn a_search_is_read_as_the_search_box_is() {
        assert_eq!(
            tsquery("custody staff").as_deref(),
            Some("( 'custodi' & 'staff' )")
        );
        assert_eq!(
            tsquery("\"stop and search\" -vehicle").as_deref(),
            Some("( ( 'stop' <2> 'search' ) & !'vehicl' )")
        );
        assert_eq!(
            tsquery("custody or cells").as_deref(),
            Some("( 'custodi' ) | ( 'cell' )")
        );
        assert_eq!(tsquery("the"), None);
        assert_eq!(tsquery("-only"), None);
        assert_eq!(tsquery("\"'\\ ! & | :* <-> ("), None);
        assert_eq!(tsquery("NOT AND"), None);
        assert_eq!(tsquery("e-mail").as_deref(), Some("( ( 'e' <-> 'mail' ) )"));
    }

    #[test]
    fn facets_are_words_no_typed_word_reaches() {
        let facets = crate::fts::facets("recommendation", Some("in_progress"), None, 7);
        assert_eq!(
            item_words("Review custody", &facets),
            "'custodi':2 'review':1 '#zzkrecommendation' '#zzsinprogress' '#zzrnone' \
             '#zzv7' '#zzopen'"
        );
        assert_eq!(
            tsquery_with("custody", &[crate::fts::facet("s", "in_progress")]).as_deref(),
            Some("( ( 'custodi' ) ) & '#zzsinprogress'")
        );
        assert_eq!(
            tsquery("#zzopen zzopen").as_deref(),
            Some("( 'zzopen' & 'zzopen' )")
        );
        assert_eq!(tsquery_with("the", &[crate::fts::facet("s", "none")]), None);
    }

    #[test]
    fn limits_are_kept() {
        let long = "x".repeat(3000);
        assert_eq!(tsvector(&long), "");
        let many = "word ".repeat(20_000);
        let v = tsvector(&many);
        assert_eq!(v.matches(',').count(), MAX_POSITIONS - 1);
        assert!(v.ends_with(",256"));
    }
}
