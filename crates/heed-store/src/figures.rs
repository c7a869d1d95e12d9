//! What a large register is asked for at interactive speed, as values: how many items match
//! a filter, one page of them after a [`Cursor`] (keyset paging, so page 20,000 costs what
//! page 1 does), and the dashboard's figures ([`Dashboard`]), all computed in SQL by the
//! store over the same `ItemFilter` conditions as [`crate::Store::items`].
//!
//! The spans and the "due soon" horizon are defined here, once, so the store's SQL and any
//! in-memory check of it (the conformance suite) count the same thing.

use crate::model::ItemRecord;
use heed_core::date::Day;
use heed_core::{Rag, ReviewId, Status};
use serde::Serialize;

/// How many days ahead an open item's deadline counts as "due soon".
pub const DUE_SOON_DAYS: i64 = 30;

/// How many groups (reviews, owners, themes) the dashboard names; the rest are counted
/// together in [`Groups::others`].
pub const GROUPS_NAMED: usize = 8;

/// How many overdue and due-soon items the dashboard lists.
pub const DASHBOARD_LIST: usize = 10;

/// A band of whole days, `from` to `to` inclusive (`None`: no upper end). A band starting
/// at 0 also holds negative lengths (a deadline or an opening day after today).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub label: &'static str,
    pub from: i64,
    pub to: Option<i64>,
}

impl Span {
    /// Whether a length in days falls in this band.
    pub fn holds(&self, days: i64) -> bool {
        (days >= self.from || self.from <= 0) && self.to.is_none_or(|t| days <= t)
    }
}

/// How late overdue items are: days past their deadline.
pub const LATENESS: &[Span] = &[
    Span {
        label: "Up to 30 days",
        from: 1,
        to: Some(30),
    },
    Span {
        label: "31 to 90 days",
        from: 31,
        to: Some(90),
    },
    Span {
        label: "91 days to a year",
        from: 91,
        to: Some(365),
    },
    Span {
        label: "Over a year",
        from: 366,
        to: None,
    },
];

/// How long open items have been open: days since they entered the register.
pub const OPEN_FOR: &[Span] = &[
    Span {
        label: "Under 3 months",
        from: 0,
        to: Some(90),
    },
    Span {
        label: "3 to 6 months",
        from: 91,
        to: Some(182),
    },
    Span {
        label: "6 months to a year",
        from: 183,
        to: Some(365),
    },
    Span {
        label: "1 to 2 years",
        from: 366,
        to: Some(730),
    },
    Span {
        label: "Over 2 years",
        from: 731,
        to: None,
    },
];

/// Where a page of items ends: the next page starts after it. Opaque to callers, who get
/// it from one page and hand it back for the next; it holds the last item's position in
/// document order (review, report, place in the report, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cursor {
    pub(crate) review: i64,
    pub(crate) report: i64,
    pub(crate) ordinal: i64,
    pub(crate) id: i64,
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:x}-{:x}-{:x}-{:x}",
            self.review, self.report, self.ordinal, self.id
        )
    }
}

/// A cursor that is not one this store handed out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a page cursor (use the `next` value of the previous page)")]
pub struct BadCursor(pub String);

impl std::str::FromStr for Cursor {
    type Err = BadCursor;
    fn from_str(s: &str) -> Result<Cursor, BadCursor> {
        let bad = || BadCursor(s.to_string());
        let parts: Vec<i64> = s
            .split('-')
            .map(|p| {
                if p.is_empty() || p.len() > 15 || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(bad());
                }
                i64::from_str_radix(p, 16).map_err(|_| bad())
            })
            .collect::<Result<_, _>>()?;
        match parts[..] {
            [review, report, ordinal, id] => Ok(Cursor {
                review,
                report,
                ordinal,
                id,
            }),
            _ => Err(bad()),
        }
    }
}

/// How many items match a filter: exact, or "more than `n`" when counting every match
/// would cost more than the page it goes with (a common word at a million items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matches {
    pub n: u64,
    /// False when `n` is [`MATCHES_COUNTED`] and more items match.
    pub exact: bool,
}

impl Matches {
    /// Few enough to read by a filter's own index and sort, rather than walk the register
    /// in page order to find them.
    pub fn few(&self) -> bool {
        self.exact && self.n <= 2_000
    }
}

/// Matches are counted one by one up to this many; beyond it the count is a bound. On
/// PostgreSQL a common word's count read every counted match's row to recheck it: 86 to
/// 112 ms at 10,000 (the search pages served 41 a second at a million items), 23 to 28 ms
/// at 1,000. On SQLite the search index and the counters count exactly.
pub const MATCHES_COUNTED: u64 = 1_000;

/// One page of items in document order, and where the next one starts (`None` on the last).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPage {
    pub items: Vec<ItemRecord>,
    pub next: Option<Cursor>,
}

/// The largest groups by open items, and how many open items the rest hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Groups<K> {
    /// At most [`GROUPS_NAMED`], most open items first (ties by key).
    pub top: Vec<(K, i64)>,
    pub others: i64,
}

/// Items that entered the register and items whose closing took effect in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub opened: i64,
    pub closed: i64,
}

/// The dashboard's figures for the items matching a filter, on a day. "Open" means not
/// closed (completed, not accepted, superseded).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dashboard {
    pub today: Day,
    pub total: i64,
    pub open: i64,
    /// Every status in `Status::ALL` order, then items with none.
    pub by_status: Vec<(Option<Status>, i64)>,
    /// Every RAG rating in `Rag::ALL` order, then items with none.
    pub by_rag: Vec<(Option<Rag>, i64)>,
    /// Open and past their deadline.
    pub overdue: i64,
    /// Open, due from today to [`DUE_SOON_DAYS`] days ahead.
    pub due_soon: i64,
    /// Overdue items by [`LATENESS`] band.
    pub lateness: Vec<i64>,
    /// Open items by [`OPEN_FOR`] band.
    pub open_for: Vec<i64>,
    pub open_by_review: Groups<(ReviewId, String)>,
    /// `None`: no owner named.
    pub open_by_owner: Groups<Option<String>>,
    /// `None`: no theme.
    pub open_by_theme: Groups<Option<String>>,
    /// Every month in which items were opened or closed, oldest first.
    pub progress: Vec<MonthCount>,
    /// The first [`DASHBOARD_LIST`] overdue items, oldest deadline first.
    pub overdue_first: Vec<ItemRecord>,
    /// The first [`DASHBOARD_LIST`] due-soon items, soonest first.
    pub due_soon_first: Vec<ItemRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_anything_else() {
        let c = Cursor {
            review: 3,
            report: 17,
            ordinal: 0,
            id: 1_000_000,
        };
        assert_eq!(c.to_string().parse::<Cursor>(), Ok(c));
        for bad in [
            "",
            "1-2-3",
            "1-2-3-4-5",
            "x-1-2-3",
            "-1-2-3",
            "1--2-3",
            "ffffffffffffffff-1-1-1",
        ] {
            assert!(bad.parse::<Cursor>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn spans_cover_every_length_once() {
        for spans in [LATENESS, OPEN_FOR] {
            for days in -5..2000 {
                let n = spans.iter().filter(|s| s.holds(days)).count();
                let expected = usize::from(days >= spans[0].from || spans[0].from <= 0);
                assert_eq!(n, expected, "{days} days");
            }
        }
    }
}
