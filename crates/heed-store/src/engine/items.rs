//! Lists, counts and pages of items, narrowed by the one WHERE builder (`filter.rs`).

use super::*;

impl SqlStore {
    /// Before a search runs, the index takes in whatever the register has that it lacks.
    pub(super) async fn searchable(&self, f: &ItemFilter) -> Result<()> {
        match (&self.search, &f.text) {
            (Some(index), Some(_)) => index.catch_up().await,
            _ => Ok(()),
        }
    }

    pub(super) async fn items(&self, f: &ItemFilter) -> Result<Vec<ItemRecord>> {
        self.searchable(f).await?;
        let mut qb = QueryBuilder::<Db>::new(ITEM_SELECT);
        push_filter(&mut qb, f);
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
        let _turn = self.cache.querying.lock().await;
        let version = self.current_version().await?;
        if let Some(n) = self.cache.counts.get(version, &key) {
            return Ok(n);
        }
        self.searchable(f).await?;
        let mut qb = QueryBuilder::<Db>::new("SELECT count(*) FROM items i");
        push_filter(&mut qb, &key);
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
        let m = match self.counted(&key).await? {
            Some(n) => Matches { n, exact: true },
            None => {
                self.searchable(f).await?;
                // At most one more than the bound is looked at: a page's worth of work for
                // a common word, however large the register.
                // The text alone, or with what its facets hold: the count is the index's,
                // so only the index's first matches are listed (a common word's full list
                // is a fifth of the register).
                let text_alone = filter::facets_answer(&key);
                let mut qb = QueryBuilder::<Db>::new("");
                if text_alone && IS_SQLITE {
                    // The index's first matches counted as they are, each not looked up in
                    // the register (10,001 lookups were most of a search's time), with
                    // the items whose reference is the words.
                    let typed = key.text.as_deref().unwrap_or("").replace('\0', "");
                    qb.push("SELECT count(*) FROM (SELECT i.id FROM items i");
                    push_filter_as(&mut qb, &without_text(&key), TextPlan::List);
                    qb.push(" AND lower(i.item_ref) = ")
                        .push_bind(typed.trim().to_lowercase());
                    if let Some(q) = filter::fts_of(&key) {
                        qb.push(
                            " UNION SELECT rowid FROM (SELECT rowid FROM search.items_fts \
                             WHERE items_fts MATCH ",
                        )
                        .push_bind(q)
                        .push(" LIMIT ")
                        .push_bind(MATCHES_COUNTED as i64 + 1)
                        .push(")");
                    }
                } else if text_alone {
                    qb.push("SELECT count(*) FROM (SELECT 1 FROM items i");
                    push_filter_as(
                        &mut qb,
                        &key,
                        TextPlan::FirstMatches(MATCHES_COUNTED as i64 + 1),
                    );
                } else if self.common_text(&key).await? && self.few_besides_text(&key).await? {
                    // The few items of the other filters, each asking the index about
                    // itself (`few_candidates`).
                    push_few_candidates(&mut qb, &without_text(&key));
                    qb.push(
                        "SELECT count(*) FROM (SELECT 1 FROM m CROSS JOIN items i ON i.id = m.id",
                    );
                    push_filter_as(&mut qb, &text_only(&key), TextPlan::Probe);
                } else {
                    qb.push("SELECT count(*) FROM (SELECT 1 FROM items i");
                    push_filter_as(&mut qb, &key, TextPlan::List);
                }
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
            }
        };
        self.cache.matches.put(version, key, m);
        Ok(m)
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
        self.searchable(f).await?;
        let mut select = ITEM_SELECT.replacen("SELECT ", "SELECT i.ordinal, ", 1);
        let mut plan = TextPlan::List;
        let mut qb = QueryBuilder::<Db>::new("");
        let mut outer = f.clone();
        if IS_SQLITE && self.count_matches(&key.0).await?.few() {
            // Few matches: they are read first, by the plan SQLite makes for the filter
            // alone (its own index), then sorted into page order. Left to itself, with
            // the ORDER BY in view, SQLite may walk the whole register in page order
            // instead: it did for an owner no item has (0.46 s), its statistics saying
            // that index sorts nothing out.
            let inner = if self.common_text(f).await? && self.few_besides_text(f).await? {
                // A common word among the few items another filter's own index reads
                // (a review, a RAG): each of those asks the full-text index about itself.
                plan = TextPlan::Probe;
                outer = text_only(f);
                without_text(f)
            } else {
                outer = ItemFilter::default();
                f.clone()
            };
            push_few_candidates(&mut qb, &inner);
            select = select.replacen(
                "FROM items i ",
                "FROM m CROSS JOIN items i ON i.id = m.id ",
                1,
            );
        } else if IS_SQLITE {
            // Many matches: walk the items in page order and stop after one page. Left to
            // itself SQLite prefers an index on a filtered column (status) and sorts every
            // match (a sixth of the register) for each page. Few matches: SQLite reads them
            // by the filter's own index and sorts them, rather than walk the whole register
            // in page order to find them. PostgreSQL weighs the two with statistics.
            select = select.replacen("FROM items i ", "FROM items i INDEXED BY items_order ", 1);
            // A common word's list of matches would be a large part of the register (a
            // fifth, 0.1 s, for "custody" at a million items): in page order each walked
            // item asks the index about itself instead, and the walk stops after a page.
            // Only in page order: driven by another filter's index, every entry of it
            // would ask (18 s for a status and a common word).
            if self.common_text(f).await? {
                plan = TextPlan::Probe;
            }
        }
        qb.push(select);
        push_filter_as(&mut qb, &outer, plan);
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

    /// Whether a search's words match more than [`FEW_TEXT_MATCHES`] items in SQLite's
    /// full-text index: counted up to one more than that, a page's worth of work.
    pub(super) async fn common_text(&self, f: &ItemFilter) -> Result<bool> {
        let Some(q) = Some(f).filter(|_| IS_SQLITE).and_then(filter::fts_of) else {
            return Ok(false);
        };
        let (n,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM (SELECT 1 FROM search.items_fts WHERE items_fts MATCH $1 LIMIT $2)",
        )
        .bind(q)
        .bind(FEW_TEXT_MATCHES + 1)
        .fetch_one(&self.pool)
        .await
        .map_err(self.db())?;
        Ok(n > FEW_TEXT_MATCHES)
    }

    /// Whether the filter's conditions other than its text match few items (`Matches::few`),
    /// counted by the counters or by an index (bounded): then a common word's matches are
    /// found by reading those few and asking the full-text index about each, not by listing
    /// the word's matches (a fifth of the register for "custody"). A kind is left out: no
    /// index has it, so its count would read the register.
    pub(super) async fn few_besides_text(&self, f: &ItemFilter) -> Result<bool> {
        let rest = without_text(f);
        if rest.kind.is_some() || rest == ItemFilter::default() {
            return Ok(false);
        }
        Ok(<Self as crate::Store>::count_matches(self, &rest)
            .await?
            .few())
    }
}

/// `WITH m(id) AS MATERIALIZED (...)`: the ids of the items `f` matches, read by the plan
/// SQLite makes for `f` alone, for a query that then joins them `FROM m CROSS JOIN items i`
/// (the cross join keeps `m` the outer loop). Only for filters known to match few items
/// (`Matches::few`): the list is bounded all the same.
fn push_few_candidates(qb: &mut QueryBuilder<Db>, f: &ItemFilter) {
    qb.push("WITH m(id) AS MATERIALIZED (SELECT i.id FROM items i");
    push_filter_as(qb, f, TextPlan::List);
    qb.push(" LIMIT ")
        .push_bind(MATCHES_COUNTED as i64 + 1)
        .push(") ");
}

/// The filter without its words.
fn without_text(f: &ItemFilter) -> ItemFilter {
    ItemFilter {
        text: None,
        limit: None,
        ..f.clone()
    }
}

/// The filter's words alone.
fn text_only(f: &ItemFilter) -> ItemFilter {
    ItemFilter {
        text: f.text.clone(),
        ..ItemFilter::default()
    }
}
