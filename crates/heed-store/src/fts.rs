//! Words a person typed into a search box, read once into groups of terms that cannot
//! fail as a query: `"a phrase"`, `-excluded`, `this or that`, everything else a word that
//! must appear; punctuation only separates words (as PostgreSQL's `websearch_to_tsquery`
//! reads them, which never fails either). Each backend's query is written from this one
//! reading: the SQLite index's (`search.rs`) and PostgreSQL's tsquery (`tsearch.rs`).

/// One part of a search: a word or phrase (its tokens), excluded or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub(crate) tokens: Vec<String>,
    pub(crate) excluded: bool,
}

/// What was typed, as groups joined by OR whose terms must all appear (or, excluded, must
/// not); the one reading of a search box, which each backend's query is written from.
pub(crate) fn parse(typed: &str) -> Vec<Vec<Term>> {
    let mut groups: Vec<Vec<Term>> = vec![Vec::new()];
    let mut rest = typed;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (excluded, body) = match rest.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, rest),
        };
        let (raw, after) = if let Some(inner) = body.strip_prefix('"') {
            match inner.find('"') {
                Some(end) => (&inner[..end], &inner[end + 1..]),
                None => (inner, ""),
            }
        } else {
            let end = body.find(char::is_whitespace).unwrap_or(body.len());
            (&body[..end], &body[end..])
        };
        rest = after;
        let tokens = tokens(raw);
        if tokens.is_empty() {
            continue;
        }
        if !excluded && !body.starts_with('"') && raw.eq_ignore_ascii_case("or") {
            if groups.last().is_some_and(|g| !g.is_empty()) {
                groups.push(Vec::new());
            }
            continue;
        }
        if let Some(g) = groups.last_mut() {
            g.push(Term { tokens, excluded });
        }
    }
    groups
}

/// The letters-and-digits runs of a piece of text; nothing else reaches the query.
pub(crate) fn tokens(raw: &str) -> Vec<String> {
    raw.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Where an item stands, as words of the index's `facets` column: its kind, status, RAG
/// and review, and whether it is open. A search narrowed by any of them asks the index
/// for the words and these together, so the index intersects them (a common word with a
/// status) rather than the register testing every match of the word. Letters and digits
/// only, prefixed `zz` and run together, so that the tokenizer keeps each one word and no
/// typed word reaches them (typed words are asked of the `text` column alone). PostgreSQL's
/// full-text column holds the same words, marked (`tsearch::item_words`).
pub(crate) fn facets(kind: &str, status: Option<&str>, rag: Option<&str>, review: i64) -> String {
    let mut out = format!(
        "{} {} {} {}",
        facet("k", kind),
        facet("s", status.unwrap_or("none")),
        facet("r", rag.unwrap_or("none")),
        facet("v", &review.to_string())
    );
    // Whether it is open follows from its kind and status, as the counters judge it.
    if crate::counts::is_open(kind, status) {
        out.push(' ');
        out.push_str(OPEN_FACET);
    }
    out
}

/// The facet of an open item (an action not closed): overdue lists ask for it.
pub(crate) const OPEN_FACET: &str = "zzopen";

/// One facet word: `zz`, what it names, and the value's letters and digits.
pub(crate) fn facet(what: &str, value: &str) -> String {
    let v: String = value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    format!("zz{what}{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each group's terms as "word", "a phrase", or "-excluded".
    fn read(typed: &str) -> Vec<Vec<String>> {
        parse(typed)
            .into_iter()
            .filter(|g| !g.is_empty())
            .map(|g| {
                g.into_iter()
                    .map(|t| {
                        format!(
                            "{}{}",
                            if t.excluded { "-" } else { "" },
                            t.tokens.join(" ")
                        )
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn facets_are_one_word_each_and_typed_words_never_reach_them() {
        assert_eq!(
            facets("area_for_improvement", None, Some("red"), 12),
            "zzkareaforimprovement zzsnone zzrred zzv12 zzopen"
        );
        assert_eq!(facet("s", "in_progress"), "zzsinprogress");
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        assert_eq!(read("custody staff"), [["custody", "staff"]]);
        assert_eq!(
            read("\"stop and search\" -vehicle"),
            [["stop and search", "-vehicle"]]
        );
        assert_eq!(read("custody or cells"), [["custody"], ["cells"]]);
        assert_eq!(read("e-mail"), [["e mail"]]);
    }

    #[test]
    fn odd_input_is_never_an_operator() {
        assert!(read("").is_empty());
        assert!(read("   \"\" - * ( ) : ^").is_empty());
        assert_eq!(read("-only"), [["-only"]]);
        assert!(read("or").is_empty());
        assert_eq!(read("NOT AND"), [["NOT", "AND"]]);
        assert_eq!(read("\"unclosed phrase"), [["unclosed phrase"]]);
        assert_eq!(read("name:value*"), [["name value"]]);
    }
}
