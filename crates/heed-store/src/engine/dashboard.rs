//! The dashboard's figures: from the counters (`counts.rs`) when they answer the filter,
//! computed from the items otherwise.

use super::counters::CounterRow;
use super::*;

row_struct! {
    /// How many items have one status and RAG (either may be NULL).
    CellRow {
        status: Option<String>,
        rag: Option<String>,
        n: i64,
    }
}

row_struct! {
    /// How many open items one review has, with its name.
    ReviewGroupRow {
        id: i64,
        name: String,
        n: i64,
    }
}

/// The day `days` before `today`, as stored.
pub(super) fn days_before(today: Day, days: i64) -> String {
    Day::from_epoch_days(today.to_epoch_days() - days).to_string()
}

/// `SUM(n)` of the counters (`item_counts`, its `key` a day) meeting `condition` whose day
/// lies in the band of days before `today`: [`push_span_sum`] over counted days.
pub(super) fn push_span_count(qb: &mut QueryBuilder<Db>, condition: &str, span: &Span, today: Day) {
    qb.push(format!("CAST(COALESCE(SUM(CASE WHEN {condition}"));
    if span.from > 0 {
        qb.push(" AND key <= ")
            .push_bind(days_before(today, span.from));
    }
    if let Some(to) = span.to {
        qb.push(" AND key >= ").push_bind(days_before(today, to));
    }
    qb.push(" THEN n ELSE 0 END), 0) AS BIGINT)");
}

/// `SUM(...)` of the rows whose `column` (a day) lies in the band of days before `today`.
pub(super) fn push_span_sum(qb: &mut QueryBuilder<Db>, column: &str, span: &Span, today: Day) {
    qb.push(format!("COALESCE(SUM(CASE WHEN {column} IS NOT NULL"));
    if span.from > 0 {
        qb.push(format!(" AND {column} <= "))
            .push_bind(days_before(today, span.from));
    }
    if let Some(to) = span.to {
        qb.push(format!(" AND {column} >= "))
            .push_bind(days_before(today, to));
    }
    qb.push(" THEN 1 ELSE 0 END), 0)");
}

/// The count of items with one status and RAG (either may be none).
struct Cell {
    status: Option<Status>,
    rag: Option<Rag>,
    n: i64,
}

/// The total, the counts by status and the counts by RAG (each with "none" last).
struct Tally {
    total: i64,
    by_status: Vec<(Option<Status>, i64)>,
    by_rag: Vec<(Option<Rag>, i64)>,
}

/// The [`Tally`] of the counts of each status and RAG together.
fn tally(cells: &[Cell]) -> Tally {
    let total = cells.iter().map(|c| c.n).sum();
    let by_status = Status::ALL
        .iter()
        .map(|s| Some(*s))
        .chain([None])
        .map(|s| (s, cells.iter().filter(|c| c.status == s).map(|c| c.n).sum()))
        .collect();
    let by_rag = Rag::ALL
        .iter()
        .map(|r| Some(*r))
        .chain([None])
        .map(|r| (r, cells.iter().filter(|c| c.rag == r).map(|c| c.n).sum()))
        .collect();
    Tally {
        total,
        by_status,
        by_rag,
    }
}

/// Items opened and closed per month, months in order.
fn progress_of(months: std::collections::BTreeMap<String, (i64, i64)>) -> Vec<MonthCount> {
    months
        .into_iter()
        .map(|(month, (opened, closed))| MonthCount {
            month,
            opened,
            closed,
        })
        .collect()
}

impl SqlStore {
    pub(super) async fn dashboard(&self, f: &ItemFilter, today: Day) -> Result<Dashboard> {
        let key = (
            ItemFilter {
                limit: None,
                ..f.clone()
            },
            today,
        );
        if let Some(d) = self
            .cache
            .dashboards
            .get(self.current_version().await?, &key)
        {
            return Ok(d);
        }
        let _turn = self.cache.computing.lock().await;
        // A search's ids from the index beside the register (SQLite), read once.
        let ids = self.text_ids(f).await?;
        // One snapshot for every figure.
        let mut tx = self.begin_snapshot().await?;
        let version = self.version(&mut *tx).await?;
        if let Some(d) = self.cache.dashboards.get(version, &key) {
            return Ok(d);
        }
        let d = match self.dashboard_from_counts(&mut tx, &key.0, today).await? {
            Some(d) => d,
            None => {
                self.compute_dashboard(&mut tx, &key.0, ids.as_deref(), today)
                    .await?
            }
        };
        self.commit(tx).await?;
        self.cache.dashboards.put(version, key, d.clone());
        Ok(d)
    }

    /// The dashboard read from the counters (`counts.rs`) for the filters they are kept
    /// for: none, or what readers who are not signed in see. `None` for any other filter,
    /// or while the counters are being counted again.
    pub(super) async fn dashboard_from_counts(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        today: Day,
    ) -> Result<Option<Dashboard>> {
        let rest = ItemFilter {
            published_only: false,
            limit: None,
            ..f.clone()
        };
        if rest != ItemFilter::default() || !self.counts_valid(&mut **tx).await? {
            return Ok(None);
        }
        let scope = if f.published_only {
            counts::PUBLISHED
        } else {
            counts::ALL
        };
        let rows: Vec<CounterRow> = sqlx::query_as(
            "SELECT dim, key, n FROM item_counts WHERE scope = $1 AND n <> 0 \
             AND dim IN ('cell', 'open', 'opened_month', 'closed_month')",
        )
        .bind(scope)
        .fetch_all(&mut **tx)
        .await
        .map_err(self.db())?;
        let mut cells = Vec::new();
        let mut open = 0;
        let mut months: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
        for CounterRow { dim, key, n } in rows {
            match dim.as_str() {
                counts::CELL => {
                    let (status, rag) = key.split_once('|').unwrap_or((key.as_str(), ""));
                    let status = (!status.is_empty())
                        .then(|| status.parse::<Status>())
                        .transpose()
                        .map_err(|e| self.corrupt(format!("an item's status: {e}")))?;
                    let rag = (!rag.is_empty())
                        .then(|| rag.parse::<Rag>())
                        .transpose()
                        .map_err(|e| self.corrupt(format!("an item's RAG: {e}")))?;
                    cells.push(Cell { status, rag, n });
                }
                counts::OPEN => open += n,
                counts::OPENED_MONTH => months.entry(key).or_default().0 += n,
                _ => months.entry(key).or_default().1 += n,
            }
        }
        let Tally {
            total,
            by_status,
            by_rag,
        } = tally(&cells);

        // What depends on the day: sums over the open items' deadline and opening days.
        use sqlx::Row;
        let soon = Day::from_epoch_days(today.to_epoch_days() + DUE_SOON_DAYS);
        let due = "dim = 'open_due' AND key <> ''";
        // PostgreSQL sums BIGINTs as NUMERIC: every sum is cast back.
        let mut qb = QueryBuilder::<Db>::new(format!(
            "SELECT CAST(COALESCE(SUM(CASE WHEN {due} AND key < "
        ));
        qb.push_bind(today.to_string())
            .push(format!(
                " THEN n ELSE 0 END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN {due} AND key >= "
            ))
            .push_bind(today.to_string())
            .push(" AND key <= ")
            .push_bind(soon.to_string())
            .push(" THEN n ELSE 0 END), 0) AS BIGINT)");
        for span in LATENESS {
            qb.push(", ");
            push_span_count(&mut qb, due, span, today);
        }
        for span in OPEN_FOR {
            qb.push(", ");
            push_span_count(&mut qb, "dim = 'open_opened' AND key <> ''", span, today);
        }
        qb.push(" FROM item_counts WHERE scope = ")
            .push_bind(scope)
            .push(" AND dim IN ('open_due', 'open_opened')");
        let row = qb.build().fetch_one(&mut **tx).await.map_err(self.db())?;
        let get = |k: usize| row.try_get::<i64, usize>(k).map_err(self.db());
        let overdue = get(0)?;
        let due_soon = get(1)?;
        let lateness = (0..LATENESS.len())
            .map(|k| get(2 + k))
            .collect::<Result<Vec<_>>>()?;
        let open_for = (0..OPEN_FOR.len())
            .map(|k| get(2 + LATENESS.len() + k))
            .collect::<Result<Vec<_>>>()?;

        let top = |dim: &'static str| {
            sqlx::query_as::<_, (String, i64)>(
                "SELECT key, n FROM item_counts WHERE scope = $1 AND dim = $2 AND n <> 0 \
                 ORDER BY n DESC, key LIMIT $3",
            )
            .bind(scope)
            .bind(dim)
            .bind(GROUPS_NAMED as i64)
        };
        let groups = |top: Vec<(String, i64)>| {
            let named: i64 = top.iter().map(|g| g.1).sum();
            Groups {
                top: top
                    .into_iter()
                    .map(|(k, n)| (counts::group_of(&k), n))
                    .collect(),
                others: open - named,
            }
        };
        let owners = top(counts::OPEN_OWNER)
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let themes = top(counts::OPEN_THEME)
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let reviews = top(counts::OPEN_OF_REVIEW)
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let mut named_reviews = Vec::with_capacity(reviews.len());
        for (key, n) in reviews {
            let id: i64 = key
                .parse()
                .map_err(|_| self.corrupt(format!("a review counter's key {key:?}")))?;
            let (name,): (String,) = sqlx::query_as("SELECT name FROM reviews WHERE id = $1")
                .bind(id)
                .fetch_one(&mut **tx)
                .await
                .map_err(self.db())?;
            named_reviews.push(((ReviewId::from_raw(id), name), n));
        }
        let named: i64 = named_reviews.iter().map(|r| r.1).sum();
        let progress = progress_of(months);
        let (overdue_first, due_soon_first) = self.first_lists(tx, f, None, today, soon).await?;
        Ok(Some(Dashboard {
            today,
            total,
            open,
            by_status,
            by_rag,
            overdue,
            due_soon,
            lateness,
            open_for,
            open_by_review: Groups {
                top: named_reviews,
                others: open - named,
            },
            open_by_owner: groups(owners),
            open_by_theme: groups(themes),
            progress,
            overdue_first,
            due_soon_first,
        }))
    }

    /// The largest groups of open items by `column`, and the count of the rest.
    pub(super) async fn open_groups(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        ids: Option<&str>,
        column: &str,
        open: i64,
    ) -> Result<Groups<Option<String>>> {
        let mut qb = QueryBuilder::<Db>::new(format!("SELECT {column}, count(*) FROM items i"));
        push_filter(&mut qb, f, ids);
        qb.push(OPEN);
        // Ties by key with "none" first, the same on both backends (their NULLs sort apart).
        qb.push(format!(
            " GROUP BY {column} ORDER BY count(*) DESC, ({column} IS NOT NULL), {column} LIMIT "
        ))
        .push_bind(GROUPS_NAMED as i64);
        let top: Vec<(Option<String>, i64)> = qb
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let named: i64 = top.iter().map(|g| g.1).sum();
        Ok(Groups {
            top,
            others: open - named,
        })
    }

    /// The first few overdue items and the first few due by `soon`, by deadline.
    async fn first_lists(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        ids: Option<&str>,
        today: Day,
        soon: Day,
    ) -> Result<(Vec<ItemRecord>, Vec<ItemRecord>)> {
        let overdue = self
            .first_by_deadline(tx, f, ids, None, Some(today), None)
            .await?;
        let due_soon = self
            .first_by_deadline(tx, f, ids, Some(today), None, Some(soon))
            .await?;
        Ok((overdue, due_soon))
    }

    /// Items matching the filter and a further condition, by deadline, the first few.
    pub(super) async fn first_by_deadline(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        ids: Option<&str>,
        from: Option<Day>,
        before: Option<Day>,
        upto: Option<Day>,
    ) -> Result<Vec<ItemRecord>> {
        let mut qb = QueryBuilder::<Db>::new(ITEM_SELECT);
        push_filter(&mut qb, f, ids);
        qb.push(OPEN);
        if let Some(d) = from {
            qb.push(" AND i.deadline_due >= ").push_bind(d.to_string());
        }
        if let Some(d) = before {
            qb.push(" AND i.deadline_due < ").push_bind(d.to_string());
        }
        if let Some(d) = upto {
            qb.push(" AND i.deadline_due <= ").push_bind(d.to_string());
        }
        qb.push(" ORDER BY i.deadline_due, i.id LIMIT ")
            .push_bind(DASHBOARD_LIST as i64);
        let rows: Vec<ItemRow> = qb
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        rows.into_iter().map(|r| self.record_of(r, None)).collect()
    }

    /// Items opened or closed per month, by `column` (`opened_on` or `closed_on`).
    pub(super) async fn per_month(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        ids: Option<&str>,
        column: &str,
    ) -> Result<Vec<(String, i64)>> {
        let mut qb = QueryBuilder::<Db>::new(format!(
            "SELECT substr({column}, 1, 7), count(*) FROM items i"
        ));
        push_filter(&mut qb, f, ids);
        qb.push(ACTIONS);
        qb.push(format!(
            " AND {column} IS NOT NULL GROUP BY substr({column}, 1, 7)"
        ));
        qb.build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())
    }

    /// Every figure of the dashboard, in one transaction.
    pub(super) async fn compute_dashboard(
        &self,
        tx: &mut Tx,
        f: &ItemFilter,
        ids: Option<&str>,
        today: Day,
    ) -> Result<Dashboard> {
        use sqlx::Row;
        let soon = Day::from_epoch_days(today.to_epoch_days() + DUE_SOON_DAYS);

        // Status and RAG together: one scan.
        let mut qb = QueryBuilder::<Db>::new("SELECT i.status, i.rag, count(*) AS n FROM items i");
        push_filter(&mut qb, f, ids);
        qb.push(" GROUP BY i.status, i.rag");
        let cells: Vec<CellRow> = qb
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let mut cells_typed = Vec::with_capacity(cells.len());
        for CellRow { status, rag, n } in cells {
            let status = status
                .map(|s| s.parse::<Status>())
                .transpose()
                .map_err(|e| self.corrupt(format!("an item's status: {e}")))?;
            let rag = rag
                .map(|r| r.parse::<Rag>())
                .transpose()
                .map_err(|e| self.corrupt(format!("an item's RAG: {e}")))?;
            cells_typed.push(Cell { status, rag, n });
        }
        let Tally {
            total,
            by_status,
            by_rag,
        } = tally(&cells_typed);

        // Open items: how many, overdue, due soon, how late, how long open: one scan.
        let mut qb =
            QueryBuilder::<Db>::new("SELECT count(*), COALESCE(SUM(CASE WHEN i.deadline_due < ");
        qb.push_bind(today.to_string())
            .push(" THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN i.deadline_due >= ")
            .push_bind(today.to_string())
            .push(" AND i.deadline_due <= ")
            .push_bind(soon.to_string())
            .push(" THEN 1 ELSE 0 END), 0)");
        for span in LATENESS {
            qb.push(", ");
            push_span_sum(&mut qb, "i.deadline_due", span, today);
        }
        for span in OPEN_FOR {
            qb.push(", ");
            push_span_sum(&mut qb, "i.opened_on", span, today);
        }
        qb.push(" FROM items i");
        push_filter(&mut qb, f, ids);
        qb.push(OPEN);
        let row = qb.build().fetch_one(&mut **tx).await.map_err(self.db())?;
        let get = |k: usize| row.try_get::<i64, usize>(k).map_err(self.db());
        let open = get(0)?;
        let overdue = get(1)?;
        let due_soon = get(2)?;
        let lateness = (0..LATENESS.len())
            .map(|k| get(3 + k))
            .collect::<Result<Vec<_>>>()?;
        let open_for = (0..OPEN_FOR.len())
            .map(|k| get(3 + LATENESS.len() + k))
            .collect::<Result<Vec<_>>>()?;

        // Open items by review, with the reviews' names.
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT g.k AS id, r.name, g.n FROM (SELECT i.review_id AS k, count(*) AS n FROM items i",
        );
        push_filter(&mut qb, f, ids);
        qb.push(OPEN);
        qb.push(" GROUP BY i.review_id ORDER BY count(*) DESC, i.review_id LIMIT ")
            .push_bind(GROUPS_NAMED as i64)
            .push(") g JOIN reviews r ON r.id = g.k ORDER BY g.n DESC, g.k");
        let reviews: Vec<ReviewGroupRow> = qb
            .build_query_as()
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
        let named: i64 = reviews.iter().map(|r| r.n).sum();
        let open_by_review = Groups {
            top: reviews
                .into_iter()
                .map(|r| ((ReviewId::from_raw(r.id), r.name), r.n))
                .collect(),
            others: open - named,
        };
        let open_by_owner = self.open_groups(tx, f, ids, "i.owner", open).await?;
        let open_by_theme = self.open_groups(tx, f, ids, "i.theme", open).await?;

        // Opened and closed per month.
        let mut months: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
        for (m, n) in self.per_month(tx, f, ids, "i.opened_on").await? {
            months.entry(m).or_default().0 += n;
        }
        for (m, n) in self.per_month(tx, f, ids, "i.closed_on").await? {
            months.entry(m).or_default().1 += n;
        }
        let progress = progress_of(months);

        let (overdue_first, due_soon_first) = self.first_lists(tx, f, ids, today, soon).await?;
        Ok(Dashboard {
            today,
            total,
            open,
            by_status,
            by_rag,
            overdue,
            due_soon,
            lateness,
            open_for,
            open_by_review,
            open_by_owner,
            open_by_theme,
            progress,
            overdue_first,
            due_soon_first,
        })
    }
}
