//! Words a person typed into a search box, turned into a full-text query that cannot fail.
//!
//! SQLite's FTS5 has a query language of its own, in which a stray quote, a bare `NOT` or
//! `*` is a syntax error. Rather than pass text through, the words are read here the way
//! PostgreSQL's `websearch_to_tsquery` reads them (which never fails either): `"a phrase"`,
//! `-excluded`, `this or that`, everything else a word that must appear; punctuation only
//! separates words. Each word becomes an FTS5 string, so no input is an operator.

/// One part of a search: a word or phrase (its tokens), excluded or not.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    tokens: Vec<String>,
    excluded: bool,
}

/// An FTS5 MATCH expression for what was typed, or `None` when it holds no word at all.
pub(crate) fn fts5_query(typed: &str) -> Option<String> {
    // Groups of terms joined by OR; the terms in a group must all appear.
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
    let parts: Vec<String> = groups.iter().filter_map(|g| group(g)).collect();
    (!parts.is_empty()).then(|| parts.join(" OR "))
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
fn tokens(raw: &str) -> Vec<String> {
    raw.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
