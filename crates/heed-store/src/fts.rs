//! Words a person typed into a search box, turned into a full-text query that cannot fail.
//!
//! SQLite's FTS5 has a query language of its own, in which a stray quote, a bare `NOT` or
//! `*` is a syntax error. Rather than pass text through, the words are read here the way
//! PostgreSQL's `websearch_to_tsquery` reads them (which never fails either): `"a phrase"`,
//! `-excluded`, `this or that`, everything else a word that must appear; punctuation only
//! separates words. Each word becomes an FTS5 string, so no input is an operator.
//! PostgreSQL's query is written from the same reading ([`parse`], `tsearch.rs`).

/// One part of a search: a word or phrase (its tokens), excluded or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub(crate) tokens: Vec<String>,
    pub(crate) excluded: bool,
}

/// An FTS5 MATCH expression for what was typed, or `None` when it holds no word at all.
pub(crate) fn fts5_query(typed: &str) -> Option<String> {
    let parts: Vec<String> = parse(typed).iter().filter_map(|g| group(g)).collect();
    (!parts.is_empty()).then(|| parts.join(" OR "))
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

/// A group's FTS5 form: its wanted terms ANDed, each excluded term cut away with NOT. A
/// group of exclusions only wants nothing, so it is dropped (as nothing would match it).
fn group(terms: &[Term]) -> Option<String> {
    let wanted: Vec<String> = terms.iter().filter(|t| !t.excluded).map(phrase).collect();
    if wanted.is_empty() {
        return None;
    }
    let mut q = format!("({})", wanted.join(" AND "));
    for t in terms.iter().filter(|t| t.excluded) {
        q = format!("({q} NOT {})", phrase(t));
    }
    Some(q)
}

/// Tokens as one FTS5 string (a phrase when there are several).
fn phrase(t: &Term) -> String {
    format!("\"{}\"", t.tokens.join(" "))
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

/// What was typed, asked of the `text` column, with `facets` that must all hold: the
/// MATCH expression of a search narrowed by kind, status, RAG, review or openness.
pub(crate) fn with_facets(typed: &str, facets: &[String]) -> Option<String> {
    let words = fts5_query(typed)?;
    if facets.is_empty() {
        return Some(format!("text : ({words})"));
    }
    let wanted: Vec<String> = facets.iter().map(|f| format!("\"{f}\"")).collect();
    Some(format!(
        "(text : ({words})) AND (facets : ({}))",
        wanted.join(" AND ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_are_one_word_each_and_typed_words_never_reach_them() {
        assert_eq!(
            facets("area_for_improvement", None, Some("red"), 12),
            "zzkareaforimprovement zzsnone zzrred zzv12 zzopen"
        );
        assert_eq!(
            with_facets("custody or cells", &[facet("s", "in_progress")]).as_deref(),
            Some("(text : ((\"custody\") OR (\"cells\"))) AND (facets : (\"zzsinprogress\"))")
        );
        assert_eq!(
            with_facets("zzopen", &[]).as_deref(),
            Some("text : ((\"zzopen\"))")
        );
        assert_eq!(with_facets("-only", &[facet("s", "none")]), None);
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        assert_eq!(
            fts5_query("custody staff").as_deref(),
            Some("(\"custody\" AND \"staff\")")
        );
        assert_eq!(
            fts5_query("\"stop and search\" -vehicle").as_deref(),
            Some("((\"stop and search\") NOT \"vehicle\")")
        );
        assert_eq!(
            fts5_query("custody or cells").as_deref(),
            Some("(\"custody\") OR (\"cells\")")
        );
        assert_eq!(fts5_query("e-mail").as_deref(), Some("(\"e mail\")"));
    }

    #[test]
    fn odd_input_is_never_an_operator() {
        assert_eq!(fts5_query(""), None);
        assert_eq!(fts5_query("   \"\" - * ( ) : ^"), None);
        assert_eq!(fts5_query("-only"), None);
        assert_eq!(fts5_query("or"), None);
        assert_eq!(fts5_query("NOT AND"), Some("(\"NOT\" AND \"AND\")".into()));
        assert_eq!(
            fts5_query("\"unclosed phrase"),
            Some("(\"unclosed phrase\")".into())
        );
        assert_eq!(fts5_query("name:value*"), Some("(\"name value\")".into()));
    }
}
