//! The counters (`counts.rs`, table `item_counts`): changed by every write of the projection,
//! counted again when they do not hold, and read for exact counts and the review list.

use super::*;

row_struct! {
    /// A row of `item_counts` in one scope: a dimension, its key, the count.
    CounterRow {
        dim: String,
        key: String,
        n: i64,
    }
}

row_struct! {
    /// An item's [`Facts`] as `counts::FACTS_SELECT` reads them.
    FactsRow {
        review_id: i64,
        kind: String,
        status: Option<String>,
        rag: Option<String>,
        owner: Option<String>,
        theme: Option<String>,
        deadline_due: Option<String>,
        opened_on: Option<String>,
        closed_on: Option<String>,
        published: bool,
    }
}

impl From<FactsRow> for Facts {
    fn from(r: FactsRow) -> Facts {
        Facts {
            review: r.review_id,
            kind: r.kind,
            status: r.status,
            rag: r.rag,
            owner: r.owner,
            theme: r.theme,
            due: r.deadline_due,
            opened: r.opened_on,
            closed: r.closed_on,
            published: r.published,
        }
    }
}

row_struct! {
    /// A review with the number of its reports, without its items' figures.
    ReviewRow {
        id: i64,
        name: String,
        reports: i64,
        published: bool,
    }
}

impl SqlStore {
    /// An item's [`Facts`] as the projection holds them now.
    pub(super) async fn facts(&self, tx: &mut Tx, id: ItemId) -> Result<Facts> {
        let row: FactsRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE i.id = $1",
            counts::FACTS_SELECT
        )))
        .bind(id.get())
        .fetch_one(&mut **tx)
        .await
        .map_err(self.db())?;
        Ok(Facts::from(row))
    }

    /// Adds changes to the counters, in the write's own transaction.
    pub(super) async fn apply_counts(&self, tx: &mut Tx, deltas: &Deltas) -> Result<()> {
        let rows = deltas.nonzero();
        for chunk in rows.chunks(BATCH) {
            let mut qb = QueryBuilder::<Db>::new("INSERT INTO item_counts (scope, dim, key, n) ");
            qb.push_values(chunk, |mut b, d| {
                b.push_bind(d.scope)
                    .push_bind(d.dim)
                    .push_bind(d.key.to_string())
                    .push_bind(d.n);
            });
            qb.push(" ON CONFLICT (scope, dim, key) DO UPDATE SET n = item_counts.n + excluded.n");
            qb.build().execute(&mut **tx).await.map_err(self.db())?;
        }
        Ok(())
    }

    /// Whether the counters were counted for the register's present contents (its epoch).
    pub(super) async fn counts_valid<'e, E>(&self, on: E) -> Result<bool>
    where
        E: sqlx::Executor<'e, Database = Db>,
    {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM register_meta a JOIN register_meta b ON a.value = b.value \
             WHERE a.key = 'epoch' AND b.key = 'counts'",
        )
        .fetch_one(on)
        .await
        .map_err(self.db())?;
        Ok(n == 1)
    }

    /// Counts the counters again from the items when they do not hold for the register's
    /// contents (a register made before them, a restore): one pass over the items, once.
    pub(crate) async fn ensure_counts(&self) -> Result<()> {
        if self.counts_valid(&self.pool).await? {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        if !IS_SQLITE {
            // Writers add to the counters after this count has read the items they wrote.
            sqlx::query("LOCK TABLE item_counts IN EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
        }
        if !self.counts_valid(&mut *tx).await? {
            sqlx::query("DELETE FROM item_counts")
                .execute(&mut *tx)
                .await
                .map_err(self.db())?;
            let mut deltas = Deltas::default();
            {
                use futures_util::TryStreamExt;
                let mut rows = sqlx::query_as::<_, FactsRow>(counts::FACTS_SELECT).fetch(&mut *tx);
                while let Some(row) = rows.try_next().await.map_err(self.db())? {
                    deltas.add(&Facts::from(row), 1);
                }
            }
            self.apply_counts(&mut tx, &deltas).await?;
            sqlx::query(
                "UPDATE register_meta SET value = (SELECT value FROM register_meta WHERE key = 'epoch') \
                 WHERE key = 'counts'",
            )
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        }
        self.commit(tx).await
    }

    /// How many items match a filter the counters (`counts.rs`) answer exactly: none, or a
    /// kind, a status, a RAG or any of them together, or a review, each as everyone or the
    /// public sees them. `None` for any other filter, or while the counters are being
    /// counted again.
    pub(super) async fn counted(&self, f: &ItemFilter) -> Result<Option<u64>> {
        let rest = ItemFilter {
            published_only: false,
            kind: None,
            status: None,
            rag: None,
            review: None,
            limit: None,
            ..f.clone()
        };
        if rest != ItemFilter::default()
            || (f.review.is_some() && (f.kind.is_some() || f.status.is_some() || f.rag.is_some()))
        {
            return Ok(None);
        }
        let scope = if f.published_only {
            counts::PUBLISHED
        } else {
            counts::ALL
        };
        let mut tx = self.begin_snapshot().await?;
        if !self.counts_valid(&mut *tx).await? {
            return Ok(None);
        }
        let n = if let Some(r) = f.review {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT n FROM item_counts WHERE scope = $1 AND dim = 'review_items' AND key = $2",
            )
            .bind(scope)
            .bind(counts::review_key(r.get()))
            .fetch_optional(&mut *tx)
            .await
            .map_err(self.db())?;
            row.map_or(0, |r| r.0)
        } else {
            // Kind, status and RAG cells: a few dozen rows, whichever of the three the
            // filter names.
            let cells: Vec<(String, i64)> = sqlx::query_as(
                "SELECT key, n FROM item_counts WHERE scope = $1 AND dim = $2 AND n <> 0",
            )
            .bind(scope)
            .bind(counts::KIND_CELL)
            .fetch_all(&mut *tx)
            .await
            .map_err(self.db())?;
            let want = |have: &str, of: Option<&str>| of.is_none_or(|of| have == of);
            cells
                .iter()
                .filter(|(key, _)| {
                    let mut parts = key.splitn(3, '|');
                    let (kind, status, rag) = (
                        parts.next().unwrap_or(""),
                        parts.next().unwrap_or(""),
                        parts.next().unwrap_or(""),
                    );
                    want(kind, f.kind.map(|k| k.as_str()))
                        && want(status, f.status.map(|s| s.as_str()))
                        && want(rag, f.rag.map(|r| r.as_str()))
                })
                .map(|c| c.1)
                .sum()
        };
        tx.commit().await.map_err(self.db())?;
        Ok(Some(u64::try_from(n).unwrap_or(0)))
    }

    /// The review list with its item counts read from the counters (`counts.rs`) in one
    /// read transaction; `None` while they are being counted again.
    pub(super) async fn reviews_from_counts(&self) -> Result<Option<Vec<ReviewSummary>>> {
        let mut tx = self.begin_snapshot().await?;
        if !self.counts_valid(&mut *tx).await? {
            return Ok(None);
        }
        let counted: Vec<CounterRow> = sqlx::query_as(
            "SELECT dim, key, n FROM item_counts WHERE scope = $1 AND dim IN ('review_items', 'open_review')",
        )
        .bind(counts::ALL)
        .fetch_all(&mut *tx)
        .await
        .map_err(self.db())?;
        let mut by_review: HashMap<i64, (i64, i64)> = HashMap::new();
        for CounterRow { dim, key, n } in counted {
            let id: i64 = key
                .parse()
                .map_err(|_| self.corrupt(format!("a review counter's key {key:?}")))?;
            let entry = by_review.entry(id).or_default();
            if dim == counts::ITEMS_OF_REVIEW {
                entry.0 += n;
            } else {
                entry.1 += n;
            }
        }
        let rows: Vec<ReviewRow> = sqlx::query_as(
            "SELECT r.id, r.name, (SELECT count(*) FROM reports p WHERE p.review_id = r.id) AS reports, r.published \
             FROM reviews r ORDER BY r.id",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(self.db())?;
        tx.commit().await.map_err(self.db())?;
        Ok(Some(
            rows.into_iter()
                .map(|r| {
                    let (items, open) = by_review.get(&r.id).copied().unwrap_or_default();
                    ReviewSummary {
                        id: ReviewId::from_raw(r.id),
                        name: r.name,
                        reports: r.reports,
                        items,
                        open,
                        published: r.published,
                    }
                })
                .collect(),
        ))
    }
}
