//! The dashboard's figures and the review list's counts kept as counters, so that reading
//! them costs what the figures are (a few hundred rows), not what the register is.
//!
//! Each item adds one to a few counters, named by what they count (`dim`) and the value it
//! has there (`key`): its status and RAG together, its kind, status and RAG together,
//! and while it is open its review, owner,
//! theme, deadline day and opening day; actions also count in the months they were opened
//! and closed. Every write of the projection (`engine/`: an import's new items, an item's
//! new events, publishing a review) takes the counters its items left and adds the ones
//! they now make, in its own transaction; a register built before the counters existed,
//! or restored from a backup, has them counted again from the items ([`Facts`] for every
//! item). Counters of scope [`PUBLISHED`] count only the items of published reviews (what
//! readers not signed in see); scope [`ALL`] counts every item.
//!
//! What depends on the day (overdue, due soon, how late, how long open) is a sum over the
//! deadline and opening days, which are few beside the items (a register holds a few
//! thousand distinct days), so "today" is never part of a counter.

use std::collections::BTreeMap;

/// Every item.
pub(crate) const ALL: i64 = 0;
/// Items of published reviews.
pub(crate) const PUBLISHED: i64 = 1;

/// What a counter counts. Status and RAG are counted for every item; the rest only for
/// actions (`OPEN_*` while open).
pub(crate) const CELL: &str = "cell";
/// Kind, status and RAG together (`kind_cell_key`): lists narrowed by kind are counted
/// from them, where no index of the items sorts a kind out.
pub(crate) const KIND_CELL: &str = "kind_cell";
pub(crate) const ITEMS_OF_REVIEW: &str = "review_items";
pub(crate) const OPENED_MONTH: &str = "opened_month";
pub(crate) const CLOSED_MONTH: &str = "closed_month";
pub(crate) const OPEN: &str = "open";
pub(crate) const OPEN_OF_REVIEW: &str = "open_review";
pub(crate) const OPEN_OWNER: &str = "open_owner";
pub(crate) const OPEN_THEME: &str = "open_theme";
pub(crate) const OPEN_DUE: &str = "open_due";
pub(crate) const OPEN_OPENED: &str = "open_opened";

/// The columns of `items` an item's counters are made from, with whether its review is
/// published (read by name into the engine's `FactsRow`); `i` is the items table, `r` its
/// review.
pub(crate) const FACTS_SELECT: &str = "SELECT i.review_id, i.kind, i.status, i.rag, i.owner, i.theme, \
     i.deadline_due, i.opened_on, i.closed_on, r.published FROM items i JOIN reviews r ON r.id = i.review_id";

/// What an item's counters are made from: copies of its projected columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Facts {
    pub review: i64,
    pub kind: String,
    pub status: Option<String>,
    pub rag: Option<String>,
    pub owner: Option<String>,
    pub theme: Option<String>,
    pub due: Option<String>,
    pub opened: Option<String>,
    pub closed: Option<String>,
    pub published: bool,
}

/// A review's key: its id padded, so that keys sort as ids do.
pub(crate) fn review_key(id: i64) -> String {
    format!("{id:019}")
}

/// A group's key (owner, theme): empty for none, the value after a `+` otherwise.
pub(crate) fn group_key(v: &Option<String>) -> String {
    v.as_ref().map_or_else(String::new, |v| format!("+{v}"))
}

/// The value a group's key stands for.
pub(crate) fn group_of(key: &str) -> Option<String> {
    key.strip_prefix('+').map(str::to_string)
}

/// A status and RAG cell's key: `status|rag`, either side empty for none.
pub(crate) fn cell_key(status: Option<&str>, rag: Option<&str>) -> String {
    format!("{}|{}", status.unwrap_or(""), rag.unwrap_or(""))
}

/// A kind, status and RAG counter's key: `kind|status|rag`.
pub(crate) fn kind_cell_key(kind: &str, status: Option<&str>, rag: Option<&str>) -> String {
    format!("{kind}|{}", cell_key(status, rag))
}

/// Whether an item of `kind` is an action (`ItemKind::is_action`), by its stored spelling.
pub(crate) fn is_action(kind: &str) -> bool {
    matches!(kind, "recommendation" | "area_for_improvement")
}

/// Whether an item is open: an action whose status is not a closed one (the engine's
/// `OPEN` condition, for a row already read). The counters and the search index's
/// `open` facet both ask this.
pub(crate) fn is_open(kind: &str, status: Option<&str>) -> bool {
    is_action(kind) && !status.is_some_and(is_closed)
}

/// Whether a status closes an item (the engine's `CLOSED`).
pub(crate) fn is_closed(status: &str) -> bool {
    matches!(status, "completed" | "not_accepted" | "superseded")
}

impl Facts {
    /// Whether the item is an action (`ItemKind::is_action`).
    fn action(&self) -> bool {
        is_action(&self.kind)
    }

    /// Whether the item is open: an action whose status is not a closed one.
    fn open(&self) -> bool {
        is_open(&self.kind, self.status.as_deref())
    }

    /// The counters this item adds one to, in each scope it counts in.
    pub(crate) fn counters(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![
            (CELL, cell_key(self.status.as_deref(), self.rag.as_deref())),
            (
                KIND_CELL,
                kind_cell_key(&self.kind, self.status.as_deref(), self.rag.as_deref()),
            ),
            (ITEMS_OF_REVIEW, review_key(self.review)),
        ];
        if self.action() {
            if let Some(d) = &self.opened {
                out.push((OPENED_MONTH, d.chars().take(7).collect()));
            }
            if let Some(d) = &self.closed {
                out.push((CLOSED_MONTH, d.chars().take(7).collect()));
            }
        }
        if self.open() {
            out.push((OPEN, String::new()));
            out.push((OPEN_OF_REVIEW, review_key(self.review)));
            out.push((OPEN_OWNER, group_key(&self.owner)));
            out.push((OPEN_THEME, group_key(&self.theme)));
            out.push((OPEN_DUE, self.due.clone().unwrap_or_default()));
            out.push((OPEN_OPENED, self.opened.clone().unwrap_or_default()));
        }
        out
    }
}

/// Changes to counters, by scope, what and key; applied in key order (so two writers on
/// PostgreSQL lock counter rows in the same order and never deadlock).
#[derive(Debug, Default)]
pub(crate) struct Deltas(pub BTreeMap<(i64, &'static str, String), i64>);

impl Deltas {
    /// Adds (`sign` 1) or takes away (-1) an item's counters, in the scopes it counts in.
    pub(crate) fn add(&mut self, facts: &Facts, sign: i64) {
        for (dim, key) in facts.counters() {
            if facts.published {
                *self.0.entry((PUBLISHED, dim, key.clone())).or_default() += sign;
            }
            *self.0.entry((ALL, dim, key)).or_default() += sign;
        }
    }

    /// Only the item's counters of published reviews.
    pub(crate) fn add_published(&mut self, facts: &Facts, sign: i64) {
        for (dim, key) in facts.counters() {
            *self.0.entry((PUBLISHED, dim, key)).or_default() += sign;
        }
    }

    /// From an item's old facts to its new ones.
    pub(crate) fn change(&mut self, before: &Facts, after: &Facts) {
        if before != after {
            self.add(before, -1);
            self.add(after, 1);
        }
    }

    /// The changes that change something.
    pub(crate) fn nonzero(&self) -> Vec<Delta<'_>> {
        self.0
            .iter()
            .filter(|(_, n)| **n != 0)
            .map(|((scope, dim, key), n)| Delta {
                scope: *scope,
                dim,
                key: key.as_str(),
                n: *n,
            })
            .collect()
    }
}

/// One counter's change: in `scope` (all reviews or the published ones), counter `dim`
/// at `key` changes by `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Delta<'a> {
    pub scope: i64,
    pub dim: &'static str,
    pub key: &'a str,
    pub n: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: Option<&str>) -> Facts {
        Facts {
            review: 3,
            kind: "recommendation".into(),
            status: status.map(str::to_string),
            rag: Some("red".into()),
            owner: None,
            theme: Some("".into()),
            due: Some("2014-03-31".into()),
            opened: Some("2013-01-10".into()),
            closed: None,
            published: true,
        }
    }

    #[test]
    fn an_open_action_counts_where_the_dashboard_looks() {
        let c = facts(Some("in_progress")).counters();
        assert!(c.contains(&(CELL, "in_progress|red".into())));
        assert!(c.contains(&(KIND_CELL, "recommendation|in_progress|red".into())));
        assert!(c.contains(&(OPEN_OWNER, String::new())));
        assert!(
            c.contains(&(OPEN_THEME, "+".into())),
            "an empty theme is not none"
        );
        assert!(c.contains(&(OPEN_DUE, "2014-03-31".into())));
        assert!(c.contains(&(OPENED_MONTH, "2013-01".into())));
        let closed = facts(Some("completed")).counters();
        assert!(!closed.iter().any(|(d, _)| *d == OPEN));
    }

    #[test]
    fn a_change_and_its_reverse_cancel() {
        let mut d = Deltas::default();
        let (a, b) = (facts(Some("in_progress")), facts(Some("completed")));
        d.change(&a, &b);
        assert!(!d.nonzero().is_empty());
        d.change(&b, &a);
        assert!(d.nonzero().is_empty());
        let mut same = Deltas::default();
        same.change(&a, &a.clone());
        assert!(same.0.is_empty());
    }
}
