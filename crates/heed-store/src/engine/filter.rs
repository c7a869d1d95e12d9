//! The one WHERE builder (`push_filter`) of every item list, count, page and dashboard figure.

use super::*;

/// The WHERE clause of every item list, count, page and dashboard figure: one builder, so a
/// field added to [`ItemFilter`] narrows all of them alike. Refers to the items table as `i`.
/// Full-text search is the one condition spelt differently per backend: FTS5 on SQLite (the
/// words made safe by `fts::fts5_query`), a tsvector and a tsquery made by Heed
/// (`tsearch.rs`, from the same reading of what was typed) on PostgreSQL.
pub(super) fn push_filter(qb: &mut QueryBuilder<Db>, f: &ItemFilter) {
    push_filter_as(qb, f, TextPlan::List);
}

/// How a search's text condition is put to SQLite's full-text index (`push_filter_as`).
/// PostgreSQL has one form: its planner weighs the GIN index against the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextPlan {
    /// One list of every matching id, read from the index first: the cost of the matches,
    /// right when they are few.
    List,
    /// Each candidate row asks the index about its own id: for a common word, whose list
    /// would be a large part of the register, while a page walks the items in page order
    /// and stops after a page.
    Probe,
    /// Only the index's first `n` matches: for a count of the text alone, bounded at
    /// `n`, which is then exact below `n` and "at least `n`" otherwise.
    FirstMatches(i64),
}

/// More full-text matches than this make a word common (`TextPlan::Probe` for its pages).
/// The two plans' costs cross here: a list of matches costs about 0.13 us a match (15,048
/// in 2 ms), a probe about 10 us an item asked (a page of a word in one item in a hundred
/// asked 5,100 items, 50 ms), so at a million items a page by probes costs
/// 51 * 1,000,000 / n * 10 us and one by the list n * 0.13 us: equal near n = 60,000,
/// where either takes about 8 ms. Counting the matches up to it is a read of the same
/// list (2.5 ms at most).
pub(super) const FEW_TEXT_MATCHES: i64 = 60_000;

/// [`push_filter`] with the text condition written as `plan` says (SQLite; PostgreSQL
/// ignores it).
pub(super) fn push_filter_as(qb: &mut QueryBuilder<Db>, f: &ItemFilter, plan: TextPlan) {
    // A NUL cannot be in a PostgreSQL text (nor in any value it could match), so typed
    // words lose it rather than make the query fail.
    let typed = |t: &str| t.replace('\0', "");
    qb.push(" WHERE 1 = 1");
    if let Some(r) = f.review {
        qb.push(" AND i.review_id = ").push_bind(r.get());
    }
    if let Some(k) = f.kind {
        qb.push(" AND i.kind = ").push_bind(k.as_str());
        if k != heed_core::ItemKind::Recommendation {
            // Implied by the kind, and spelt as `items_kind`'s condition so SQLite may use
            // that partial index (without it an area for improvement was looked for in
            // every item of the register: 0.9 s for a list at a million items).
            qb.push(" AND i.kind <> 'recommendation'");
        }
    }
    if let Some(s) = f.status {
        qb.push(" AND i.status = ").push_bind(s.as_str());
    }
    if let Some(r) = f.rag {
        qb.push(" AND i.rag = ").push_bind(r.as_str());
    }
    if let Some(o) = &f.owner {
        // The typed words are matched as they are: `%`, `_` and the escape character itself
        // are literal, on both backends. Owners are few beside items: the distinct owners
        // are read by skipping through `items_owner` (one seek each), the words matched
        // against them, and those owners' items read by the same index (`lower(owner) LIKE`
        // on the items read every item of the register, for every owner filter).
        qb.push(
            " AND i.owner IN (WITH RECURSIVE o(v) AS (\
             SELECT min(owner) FROM items WHERE owner IS NOT NULL \
             UNION ALL SELECT (SELECT min(owner) FROM items WHERE owner > o.v) \
             FROM o WHERE o.v IS NOT NULL) \
             SELECT v FROM o WHERE lower(v) LIKE ",
        )
        .push_bind(format!("%{}%", like_literal(&typed(o).to_lowercase())))
        .push(" ESCAPE '\\')");
    }
    if let Some(d) = f.overdue_on {
        qb.push(" AND i.deadline_due < ").push_bind(d.to_string());
        qb.push(OPEN);
        // Only an open action is overdue: with a closed status or a kind that is not
        // acted on the filter asks for nothing, and says so, which neither planner sees
        // in `OPEN` (PostgreSQL read every completed item with a deadline for
        // `status=completed&overdue=true`, 1.5 s at a million items).
        if f.status.is_some_and(|s| counts::is_closed(s.as_str()))
            || f.kind.is_some_and(|k| !counts::is_action(k.as_str()))
        {
            qb.push(" AND 1 = 0");
        }
    }
    if let Some(d) = f.due_before {
        qb.push(" AND i.deadline_due <= ").push_bind(d.to_string());
    }
    if let Some(t) = &f.text {
        let t = &typed(t);
        if IS_SQLITE {
            // `List`: one list of ids, from the full-text index and the reference's index
            // (`items_ref`): an OR of the two conditions on `items` made SQLite test every
            // item of the register against both, for every search. `Probe`: each candidate
            // asks the index about its id, so a common word's page reads a page's worth.
            let q = fts_of(f);
            match (plan, q) {
                (TextPlan::Probe, Some(q)) => {
                    qb.push(" AND (lower(i.item_ref) = ")
                        .push_bind(t.trim().to_lowercase())
                        .push(
                            " OR EXISTS (SELECT 1 FROM search.items_fts s \
                             WHERE s.items_fts MATCH ",
                        )
                        .push_bind(q)
                        .push(" AND s.rowid = i.id))");
                }
                (plan, q) => {
                    qb.push(" AND i.id IN (SELECT id FROM items WHERE lower(item_ref) = ")
                        .push_bind(t.trim().to_lowercase());
                    if let Some(q) = q {
                        qb.push(" UNION ALL SELECT rowid FROM (SELECT rowid FROM search.items_fts WHERE items_fts MATCH ")
                            .push_bind(q);
                        if let TextPlan::FirstMatches(n) = plan {
                            qb.push(" LIMIT ").push_bind(n);
                        }
                        qb.push(")");
                    }
                    qb.push(")");
                }
            }
        } else {
            // Both conditions have an index (`items_ref`, `items_search`): PostgreSQL ORs
            // the two bitmaps. The query's words are made as the items' were
            // (`tsearch.rs`), with the filter's facets (`tsearch::item_words`), so that a
            // common word with a status is one intersection in the index, not a bitmap of
            // every item of the status beside it; the columns still decide. Typed text
            // with no word (punctuation, stop words) finds by reference only.
            qb.push(" AND (lower(i.item_ref) = ")
                .push_bind(t.trim().to_lowercase());
            if let Some(q) = crate::tsearch::tsquery_with(t, &facets_of(f)) {
                qb.push(" OR i.search @@ ").push_bind(q).push("::tsquery");
            }
            qb.push(")");
        }
    }
    if f.published_only {
        qb.push(" AND i.review_id IN (SELECT id FROM reviews WHERE published = ")
            .push_bind(true)
            .push(")");
    }
    if f.awaiting_verification {
        qb.push(" AND i.verification = ")
            .push_bind(heed_core::Verification::Awaiting.as_str());
    }
}

/// The full-text query of a search (SQLite): the typed words, asked of the items' text,
/// with the facets (`fts::facets`) of the filter's kind, status, RAG and review, and
/// openness for an overdue list, so that the index intersects them. The same conditions
/// stand in the WHERE clause as well: the facets narrow, the columns decide.
pub(super) fn fts_of(f: &ItemFilter) -> Option<String> {
    let typed = f.text.as_deref()?.replace('\0', "");
    crate::fts::with_facets(&typed, &facets_of(f))
}

/// The facets (`fts::facets`) a filter narrows to: its kind, status, RAG and review, and
/// openness for an overdue list. Both backends' full-text queries ask for them.
pub(super) fn facets_of(f: &ItemFilter) -> Vec<String> {
    use crate::fts::{OPEN_FACET, facet};
    let mut facets = Vec::new();
    if let Some(k) = f.kind {
        facets.push(facet("k", k.as_str()));
    }
    if let Some(s) = f.status {
        facets.push(facet("s", s.as_str()));
    }
    if let Some(r) = f.rag {
        facets.push(facet("r", r.as_str()));
    }
    if let Some(v) = f.review {
        facets.push(facet("v", &v.get().to_string()));
    }
    if f.overdue_on.is_some() {
        facets.push(OPEN_FACET.to_string());
    }
    facets
}

/// Whether the index alone answers the filter: words, and besides them only what the
/// facets hold exactly (kind, status, RAG, review).
pub(super) fn facets_answer(f: &ItemFilter) -> bool {
    f.text.is_some()
        && ItemFilter {
            text: None,
            kind: None,
            status: None,
            rag: None,
            review: None,
            limit: None,
            ..f.clone()
        } == ItemFilter::default()
}

/// Text for a `LIKE` pattern (with `ESCAPE '\\'`) that matches only itself.
pub(super) fn like_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
