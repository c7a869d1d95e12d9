//! The one WHERE builder (`push_filter`) of every item list, count, page and dashboard figure.

use super::*;

/// The WHERE clause of every item list, count, page and dashboard figure: one builder, so a
/// field added to [`ItemFilter`] narrows all of them alike. Refers to the items table as `i`.
/// Full-text search is the one condition spelt differently per backend: on SQLite the
/// caller has asked the search index beside the register (`search/`) and passes the ids
/// it found as a JSON array (`ids`); on PostgreSQL a tsvector and a tsquery made by Heed
/// (`tsearch.rs`) stand in the clause.
pub(super) fn push_filter(qb: &mut QueryBuilder<Db>, f: &ItemFilter, ids: Option<&str>) {
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
            // The index's ids, read by the integer primary key. A caller that did not
            // ask the index gets nothing rather than everything.
            debug_assert!(ids.is_some(), "a SQLite search without the index's ids");
            match ids {
                Some(ids) => {
                    qb.push(" AND i.id IN (SELECT value FROM json_each(")
                        .push_bind(ids.to_string())
                        .push("))");
                }
                None => {
                    qb.push(" AND 1 = 0");
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
