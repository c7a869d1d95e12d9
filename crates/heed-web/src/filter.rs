//! The item filter as it travels in a URL (`?review=1&status=in_progress&after=...`),
//! parsed once into the store's [`ItemFilter`] plus where the page starts (the store's
//! opaque [`Cursor`], keyset paging) and its size, and written back into links so that a
//! search is shareable. Parsing is total: an unknown parameter is ignored, a bad value is a
//! [`WebError::BadRequest`] that names the parameter and says what it expected.

use crate::error::WebError;
use heed_core::date::Day;
use heed_core::{ItemKind, Rag, ReviewId, Status};
use heed_store::{Cursor, ItemFilter, ItemPage, Store};
use std::str::FromStr;

/// Items per page unless the URL says otherwise, and the most a page may hold.
pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;

/// The filter parameters exactly as given (empty ones dropped), in a fixed order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterParams {
    pub review: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub rag: Option<String>,
    pub owner: Option<String>,
    pub overdue: Option<String>,
    /// Only items whose claimed completion awaits verification.
    pub awaiting: Option<String>,
    pub q: Option<String>,
    pub after: Option<String>,
    pub per_page: Option<String>,
}

/// A parsed search: what to ask the store for, and which page of it.
#[derive(Debug, Clone)]
pub struct Search {
    pub filter: ItemFilter,
    pub overdue: bool,
    /// The page starts after this item (`None`: the first page).
    pub after: Option<Cursor>,
    pub per_page: u32,
}

impl FilterParams {
    /// Reads a raw query string; repeated parameters keep the last value.
    pub fn from_query(raw: Option<&str>) -> FilterParams {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default();
        let mut p = FilterParams::default();
        for (k, v) in pairs {
            let v = v.trim();
            let v = (!v.is_empty()).then(|| v.to_string());
            match k.as_str() {
                "review" => p.review = v,
                "kind" => p.kind = v,
                "status" => p.status = v,
                "rag" => p.rag = v,
                "owner" => p.owner = v,
                "overdue" => p.overdue = v,
                "awaiting" => p.awaiting = v,
                "q" => p.q = v,
                "after" => p.after = v,
                "per_page" => p.per_page = v,
                _ => {}
            }
        }
        p
    }

    /// Turns the parameters into a store filter, or says which one is wrong.
    pub fn parse(&self, today: Day) -> Result<Search, WebError> {
        fn word<T: FromStr>(name: &str, v: &Option<String>) -> Result<Option<T>, WebError>
        where
            T::Err: std::fmt::Display,
        {
            v.as_deref()
                .map(|s| {
                    s.parse::<T>()
                        .map_err(|e| WebError::BadRequest(format!("parameter {name}: {e}")))
                })
                .transpose()
        }
        let review = self
            .review
            .as_deref()
            .map(|s| {
                s.parse::<ReviewId>().map_err(|_| {
                    WebError::BadRequest(format!("parameter review: {s:?} is not a review number"))
                })
            })
            .transpose()?;
        let overdue = match self.overdue.as_deref() {
            None | Some("0" | "false" | "no" | "off") => false,
            Some("1" | "true" | "yes" | "on") => true,
            Some(other) => {
                return Err(WebError::BadRequest(format!(
                    "parameter overdue: {other:?} is not true or false"
                )));
            }
        };
        let awaiting = match self.awaiting.as_deref() {
            None | Some("0" | "false" | "no" | "off") => false,
            Some("1" | "true" | "yes" | "on") => true,
            Some(other) => {
                return Err(WebError::BadRequest(format!(
                    "parameter awaiting: {other:?} is not true or false"
                )));
            }
        };
        let number = |name: &str, v: &Option<String>, default: u32, max: u32| match v.as_deref() {
            None => Ok(default),
            Some(s) => match s.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(WebError::BadRequest(format!(
                    "parameter {name}: {s:?} is not a whole number from 1 to {max}"
                ))),
            },
        };
        let after = self
            .after
            .as_deref()
            .map(|s| {
                s.parse::<Cursor>()
                    .map_err(|e| WebError::BadRequest(format!("parameter after: {e}")))
            })
            .transpose()?;
        let per_page = number("per_page", &self.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
        let filter = ItemFilter {
            review,
            kind: word::<ItemKind>("kind", &self.kind)?,
            status: word::<Status>("status", &self.status)?,
            rag: word::<Rag>("rag", &self.rag)?,
            owner: self.owner.clone(),
            overdue_on: overdue.then_some(today),
            due_before: None,
            text: self.q.clone(),
            limit: None,
            published_only: false,
            awaiting_verification: awaiting,
        };
        Ok(Search {
            filter,
            overdue,
            after,
            per_page,
        })
    }

    /// The parameters as a query string (without `?`), starting after `after` (`None`: the
    /// first page).
    pub fn to_query(&self, after: Option<Cursor>) -> String {
        let after = after.map(|c| c.to_string());
        let pairs: Vec<(&str, &str)> = [
            ("review", self.review.as_deref()),
            ("kind", self.kind.as_deref()),
            ("status", self.status.as_deref()),
            ("rag", self.rag.as_deref()),
            ("owner", self.owner.as_deref()),
            ("overdue", self.overdue.as_deref()),
            ("awaiting", self.awaiting.as_deref()),
            ("q", self.q.as_deref()),
            ("per_page", self.per_page.as_deref()),
            ("after", after.as_deref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// What a search found: one page of it and how many items match in all.
#[derive(Debug)]
pub(crate) struct Found {
    /// The page (keyset paging in the store).
    pub page: std::sync::Arc<ItemPage>,
    /// Exact, or a bound when counting every match would cost more than the page.
    pub total: heed_store::Matches,
}

/// One page of a search (keyset paging in the store), and how many items match in all.
pub(crate) async fn page_of(store: &dyn Store, search: &Search) -> Result<Found, WebError> {
    let page = store
        .items_page(&search.filter, search.after, search.per_page)
        .await?;
    let total = store.count_matches(&search.filter).await?;
    Ok(Found { page, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Day {
        Day::parse_iso("2014-01-01").expect("a day")
    }

    #[test]
    fn a_query_round_trips_through_a_link() {
        let p = FilterParams::from_query(Some(
            "review=2&status=in_progress&q=custody+staff&owner=&after=1-2-3-4&junk=1",
        ));
        assert_eq!(p.owner, None);
        let next: Cursor = "1-2-a-ff".parse().expect("a cursor");
        assert_eq!(
            p.to_query(Some(next)),
            "review=2&status=in_progress&q=custody+staff&after=1-2-a-ff"
        );
        assert_eq!(
            p.to_query(None),
            "review=2&status=in_progress&q=custody+staff"
        );
        let s = p.parse(today()).expect("parses");
        assert_eq!(s.filter.status, Some(Status::InProgress));
        assert_eq!(s.filter.text.as_deref(), Some("custody staff"));
        assert_eq!(s.per_page, 50);
        assert_eq!(s.after.map(|c| c.to_string()).as_deref(), Some("1-2-3-4"));
    }

    #[test]
    fn bad_values_name_the_parameter() {
        for (q, want) in [
            ("status=finished", "parameter status"),
            ("review=abc", "parameter review"),
            ("overdue=maybe", "parameter overdue"),
            ("after=7", "parameter after"),
            ("after=1-2-3-x", "parameter after"),
            ("per_page=100000", "parameter per_page"),
            ("rag=purple", "parameter rag"),
        ] {
            let err = FilterParams::from_query(Some(q))
                .parse(today())
                .expect_err(q);
            assert!(err.to_string().contains(want), "{q}: {err}");
        }
    }

    #[test]
    fn overdue_is_measured_from_today() {
        let s = FilterParams::from_query(Some("overdue=true"))
            .parse(today())
            .expect("parses");
        assert_eq!(s.filter.overdue_on, Some(today()));
    }
}
