//! Lists, counts and pages of items, narrowed by the one WHERE builder (`filter.rs`). On
//! SQLite a search (a filter with words), and a page or count of a list narrowed by
//! anything but a review, is answered by the search index beside the register
//! (`search/`): its page and its count are the index's, its rows the register's.

use super::*;
use crate::search::{self, Wanted};

impl SqlStore {
    /// The SQLite search index, when `f` searches words and the register has one (SQLite).
    fn index_for(&self, f: &ItemFilter) -> Option<&Arc<search::SearchIndex>> {
        self.search.as_ref().filter(|_| f.text.is_some())
    }

    /// The search index for a page or a count of `f`: when it searches words, and also when
    /// it narrows by anything but a review or publication (status, RAG, kind, owner,
    /// deadline, awaiting verification). The index answers such a filter in time in
    /// proportion to its matches, the register in time in proportion to the rows it walks
    /// to find a page: `overdue=true&kind=recommendation` walked tens of thousands of rows
    /// in page order (about 0.15 s at a million items, alone; 1 to 2 s under load). A
    /// review alone is a range of the register's page order, read as it is.
    fn index_for_page(&self, f: &ItemFilter) -> Option<&Arc<search::SearchIndex>> {
        let narrows = f.kind.is_some()
            || f.status.is_some()
            || f.rag.is_some()
            || f.owner.is_some()
            || f.overdue_on.is_some()
            || f.due_before.is_some()
            || f.awaiting_verification;
        self.search.as_ref().filter(|_| f.text.is_some() || narrows)
    }

    /// What the index is asked for `f`: its words and every other condition, the owners
    /// and published reviews read from the register (few beside the items).
    async fn wanted(&self, f: &ItemFilter) -> Result<Wanted> {
        use crate::search::{AWAITING, OPEN, day_number, facet};
        let mut w = Wanted {
            text: f.text.as_deref().map(|t| t.replace('\0', "")),
            ..Wanted::default()
        };
        if let Some(r) = f.review {
            w.facets.push(facet("v", &r.get().to_string()));
        }
        if let Some(k) = f.kind {
            w.facets.push(facet("k", k.as_str()));
        }
        if let Some(s) = f.status {
            w.facets.push(facet("s", s.as_str()));
        }
        if let Some(r) = f.rag {
            w.facets.push(facet("r", r.as_str()));
        }
        if let Some(d) = f.overdue_on {
            w.facets.push(OPEN.to_string());
            w.due_before = day_number(&d.to_string());
        }
        if let Some(d) = f.due_before {
            w.due_by = day_number(&d.to_string());
        }
        if f.awaiting_verification {
            w.facets.push(AWAITING.to_string());
        }
        if let Some(o) = &f.owner {
            // The owners whose names hold the typed words, read by skipping through
            // `items_owner` as the register's own filter does.
            let owners: Vec<(String,)> = sqlx::query_as(
                "WITH RECURSIVE o(v) AS (\
                 SELECT min(owner) FROM items WHERE owner IS NOT NULL \
                 UNION ALL SELECT (SELECT min(owner) FROM items WHERE owner > o.v) \
                 FROM o WHERE o.v IS NOT NULL) \
                 SELECT v FROM o WHERE lower(v) LIKE $1 ESCAPE '\\'",
            )
            .bind(format!(
                "%{}%",
                filter::like_literal(&o.replace('\0', "").to_lowercase())
            ))
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
            w.any_of
                .push(owners.into_iter().map(|(o,)| facet("o", &o)).collect());
        }
        if f.published_only {
            let reviews: Vec<(i64,)> =
                sqlx::query_as("SELECT id FROM reviews WHERE published = $1")
                    .bind(true)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(self.db())?;
            w.any_of.push(
                reviews
                    .into_iter()
                    .map(|(r,)| facet("v", &r.to_string()))
                    .collect(),
            );
        }
        Ok(w)
    }

    /// SQLite: every id the index finds for `f`'s words and conditions, as the JSON array
    /// `push_filter` takes; `None` for a filter without words or on PostgreSQL.
    pub(super) async fn text_ids(&self, f: &ItemFilter) -> Result<Option<String>> {
        let Some(index) = self.index_for(f) else {
            return Ok(None);
        };
        Ok(Some(json_ids(&index.all(&self.wanted(f).await?).await?)?))
    }

    /// SQLite: the index's exact count of what `f` (with words) matches, once level.
    async fn index_count(&self, index: &search::SearchIndex, f: &ItemFilter) -> Result<u64> {
        index.count(&self.wanted(f).await?).await
    }

    pub(super) async fn items(&self, f: &ItemFilter) -> Result<Vec<ItemRecord>> {
        let ids = self.text_ids(f).await?;
        let mut qb = QueryBuilder::<Db>::new(ITEM_SELECT);
        push_filter(&mut qb, f, ids.as_deref());
        qb.push(" ORDER BY i.review_id, i.report_id, i.ordinal, i.id");
        if let Some(l) = f.limit {
            qb.push(" LIMIT ").push_bind(i64::from(l));
        }
        let rows: Vec<ItemRow> = qb
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
        rows.into_iter().map(|r| self.record_of(r, None)).collect()
    }

    pub(super) async fn count_items(&self, f: &ItemFilter) -> Result<u64> {
        let key = ItemFilter {
            limit: None,
            ..f.clone()
        };
        if let Some(n) = self.cache.counts.get(self.current_version().await?, &key) {
            return Ok(n);
        }
        if let Some(index) = self.index_for_page(&key) {
            // The index counts exactly, in a pass over its lists.
            // The version first: the count then holds at least what it names.
            let version = self.current_version().await?;
            let n = self.index_count(index, &key).await?;
            self.cache.counts.put(version, key, n);
            return Ok(n);
        }
        let _turn = self.cache.querying.lock().await;
        let version = self.current_version().await?;
        if let Some(n) = self.cache.counts.get(version, &key) {
            return Ok(n);
        }
        let mut qb = QueryBuilder::<Db>::new("SELECT count(*) FROM items i");
        push_filter(&mut qb, &key, None);
        let (n,): (i64,) = qb
            .build_query_as()
            .fetch_one(&self.pool)
            .await
            .map_err(self.db())?;
        let n = u64::try_from(n).unwrap_or(0);
        self.cache.counts.put(version, key, n);
        Ok(n)
    }

    pub(super) async fn count_matches(&self, f: &ItemFilter) -> Result<Matches> {
        let key = ItemFilter {
            limit: None,
            ..f.clone()
        };
        let version = self.current_version().await?;
        if let Some(m) = self.cache.matches.get(version, &key) {
            return Ok(m);
        }
        // The counters first for a filter without words: one small read.
        let counted = match key.text {
            None => self.counted(&key).await?,
            Some(_) => None,
        };
        let m = if let Some(n) = counted {
            Matches { n, exact: true }
        } else if let Some(index) = self.index_for_page(&key) {
            // Exact, and cheap: the index counts a common word's matches in a
            // millisecond or two at a million items.
            Matches {
                n: self.index_count(index, &key).await?,
                exact: true,
            }
        } else {
            // At most one more than the bound is looked at: a page's worth of work for
            // a common filter, however large the register.
            let mut qb = QueryBuilder::<Db>::new("SELECT count(*) FROM (SELECT 1 FROM items i");
            push_filter(&mut qb, &key, None);
            qb.push(" LIMIT ")
                .push_bind(MATCHES_COUNTED as i64 + 1)
                .push(") m");
            let (n,): (i64,) = qb
                .build_query_as()
                .fetch_one(&self.pool)
                .await
                .map_err(self.db())?;
            let n = u64::try_from(n).unwrap_or(0);
            Matches {
                n: n.min(MATCHES_COUNTED),
                exact: n <= MATCHES_COUNTED,
            }
        };
        self.cache.matches.put(version, key, m);
        Ok(m)
    }

    /// Whether a page of `f` (a list without words) is found sooner by walking the register
    /// in page order than by the search index. The index orders every match: its cost grows
    /// with the matches `n` (about 0.1 µs each: 16 ms for a sixth of a million items). The
    /// walk reads rows until a page is found: about `limit * total / n` of them when the
    /// matches are spread out, some 30 times the cost of a match in the index each. So the
    /// walk wins once `n * n >= 30 * limit * total`: from about 40,000 matches for a page of
    /// 50 at a million items. Under the filtered-list load at a million items the index for
    /// every filter halved the lists served a second (137 to 63); for a rare combination the
    /// walk is what was slow (`overdue=true&kind=recommendation`, 28,000 matches: 0.15 s).
    /// The costs were measured before the page's collector passed over matches by their
    /// review (`search::view::PageOrder`), which makes a match cheaper: not measured again.
    async fn walk_is_cheaper(&self, f: &ItemFilter, limit: u32) -> Result<bool> {
        const WALK_ROW_COST: u64 = 30;
        let n = self.count_matches(f).await?.n;
        let everything = ItemFilter {
            published_only: f.published_only,
            ..ItemFilter::default()
        };
        let Some(total) = self.counted(&everything).await? else {
            return Ok(false);
        };
        Ok(n.saturating_mul(n) >= WALK_ROW_COST * (u64::from(limit) + 1) * total.max(1))
    }

    pub(super) async fn items_page(
        &self,
        f: &ItemFilter,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Arc<ItemPage>> {
        let limit = limit.max(1);
        // The same page asked again of the same register (a shared search, a saved view, a
        // dashboard link) is remembered; any write moves the version and it is made anew.
        let key = (
            ItemFilter {
                limit: None,
                ..f.clone()
            },
            after,
            limit,
        );
        let version = self.current_version().await?;
        if let Some(page) = self.cache.pages.get(version, &key) {
            return Ok(page);
        }
        // No turn taken: every page costs a bounded amount (below), so readers asking for
        // different pages at once run side by side rather than queue behind each other.
        let select = ITEM_SELECT.replacen("SELECT ", "SELECT i.ordinal, ", 1);
        let mut qb = QueryBuilder::<Db>::new("");
        let index = match self.index_for_page(f) {
            Some(_) if f.text.is_none() && self.walk_is_cheaper(&key.0, limit).await? => None,
            index => index,
        };
        if let Some(index) = index {
            // The index finds the page (its first `limit + 1` matches in page order after
            // the cursor); the register reads those rows and tests the other conditions
            // again, so an item changed since is not shown under a filter it left.
            let at = after.map(|c| (c.review, c.report, c.ordinal, c.id));
            let ids = index
                .page(&self.wanted(f).await?, at, limit as usize + 1)
                .await?;
            let ids = json_ids(&ids)?;
            // The ids drive the query (`CROSS JOIN` keeps them the outer loop): left to
            // itself SQLite may read every item of a status to test each against the list.
            let (columns, _) = select.split_once("FROM items i ").unwrap_or((&select, ""));
            qb.push(columns)
                .push("FROM json_each(")
                .push_bind(ids)
                .push(") j CROSS JOIN items i ON i.id = j.value ");
            push_filter(
                &mut qb,
                &ItemFilter {
                    text: None,
                    ..f.clone()
                },
                None,
            );
        } else if self.count_matches(&key.0).await?.few() {
            // Few matches: they are read first, by the plan the database makes for the
            // filter alone (its own index), then sorted into page order. Left to itself,
            // with the ORDER BY in view, the database may walk the whole register in page
            // order instead. SQLite did for an owner no item has (0.46 s), its statistics
            // saying that index sorts nothing out; PostgreSQL did for a word no item holds
            // (5 to 8 s at a million items), guessing a few thousand matches for a word
            // its statistics do not list.
            if IS_SQLITE {
                // The CROSS JOIN keeps `m` the outer loop.
                push_few_candidates(&mut qb, f);
                qb.push(select.replacen(
                    "FROM items i ",
                    "FROM m CROSS JOIN items i ON i.id = m.id ",
                    1,
                ));
                push_filter(&mut qb, &ItemFilter::default(), None);
            } else {
                // The matches' rows, each read once, behind an `OFFSET 0` the planner does
                // not look through: it plans them for the filter alone, then sorts the few
                // for the page. (Materialising their ids and joining the rows back read
                // each twice, and under load served a third fewer lists a second.)
                qb.push(select.replacen("FROM items i ", "FROM (SELECT * FROM items i", 1));
                push_filter(&mut qb, f, None);
                qb.push(" OFFSET 0) i");
                push_filter(&mut qb, &ItemFilter::default(), None);
            }
        } else if IS_SQLITE {
            // Many matches: walk the items in page order and stop after one page. Left to
            // itself SQLite prefers an index on a filtered column (status) and sorts every
            // match (a sixth of the register) for each page. PostgreSQL weighs the two
            // with statistics, which know a common word's matches well.
            qb.push(select.replacen("FROM items i ", "FROM items i INDEXED BY items_order ", 1));
            push_filter(&mut qb, f, None);
        } else {
            qb.push(select);
            push_filter(&mut qb, f, None);
        }
        if let Some(c) = after {
            qb.push(" AND (i.review_id, i.report_id, i.ordinal, i.id) > (")
                .push_bind(c.review)
                .push(", ")
                .push_bind(c.report)
                .push(", ")
                .push_bind(c.ordinal)
                .push(", ")
                .push_bind(c.id)
                .push(")");
        }
        qb.push(" ORDER BY i.review_id, i.report_id, i.ordinal, i.id LIMIT ")
            .push_bind(i64::from(limit) + 1);
        let rows: Vec<PageRow> = qb
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
        let more = rows.len() > limit as usize;
        let mut items = Vec::with_capacity(rows.len());
        let mut last = None;
        for PageRow { ordinal, item } in rows.into_iter().take(limit as usize) {
            last = Some(Cursor {
                review: item.review_id,
                report: item.report_id,
                ordinal,
                id: item.id,
            });
            items.push(self.record_of(item, None)?);
        }
        let page = Arc::new(ItemPage {
            items,
            next: if more { last } else { None },
        });
        self.cache.pages.put(version, key, page.clone());
        Ok(page)
    }
}

/// `WITH m(id) AS MATERIALIZED (...)`: the ids of the items `f` matches, read by the plan
/// SQLite makes for `f` alone, for a query that then joins them `FROM m CROSS JOIN items i`
/// (the cross join keeps `m` the outer loop). Only for filters known to match few items
/// (`Matches::few`): the list is bounded all the same.
fn push_few_candidates(qb: &mut QueryBuilder<Db>, f: &ItemFilter) {
    qb.push("WITH m(id) AS MATERIALIZED (SELECT i.id FROM items i");
    push_filter(qb, f, None);
    qb.push(" LIMIT ")
        .push_bind(MATCHES_COUNTED as i64 + 1)
        .push(") ");
}

/// Ids as the JSON array `push_filter` and `json_each` take.
fn json_ids(ids: &[i64]) -> Result<String> {
    serde_json::to_string(ids).map_err(|e| StoreError::Invalid(e.to_string()))
}
