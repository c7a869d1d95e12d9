//! Reviews and their reports: the review list, publishing, the review's own events, a
//! report's original file.

use super::*;

row_struct! {
    /// A review with its figures counted from the items (before the counters hold).
    ReviewCountsRow {
        id: i64,
        name: String,
        reports: i64,
        items: i64,
        open: i64,
        published: bool,
    }
}

row_struct! {
    /// A row of `reports`, as the report list shows it.
    ReportRow {
        id: i64,
        review_id: i64,
        title: Option<String>,
        report_date: Option<String>,
        file_name: String,
        file_hash: String,
        imported_at: String,
        imported_by: String,
    }
}

impl SqlStore {
    pub(super) async fn reviews(&self) -> Result<Arc<Vec<ReviewSummary>>> {
        // Counting every review's items costs a pass over the items; remembered per version.
        let version = self.current_version().await?;
        if let Some(r) = self.cache.reviews.get(version, &()) {
            return Ok(r);
        }
        if let Some(reviews) = self.reviews_from_counts().await? {
            let reviews = Arc::new(reviews);
            self.cache.reviews.put(version, (), reviews.clone());
            return Ok(reviews);
        }
        let rows: Vec<ReviewCountsRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.id, r.name, \
               (SELECT count(*) FROM reports p WHERE p.review_id = r.id) AS reports, \
               (SELECT count(*) FROM items i WHERE i.review_id = r.id) AS items, \
               (SELECT count(*) FROM items i WHERE i.review_id = r.id{ACTIONS} AND (i.status IS NULL OR i.status NOT IN {CLOSED})) AS open, \
               r.published \
             FROM reviews r ORDER BY r.id"
        )))
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        let reviews: Vec<ReviewSummary> = rows
            .into_iter()
            .map(|r| ReviewSummary {
                id: ReviewId::from_raw(r.id),
                name: r.name,
                reports: r.reports,
                items: r.items,
                open: r.open,
                published: r.published,
            })
            .collect();
        let reviews = Arc::new(reviews);
        self.cache.reviews.put(version, (), reviews.clone());
        Ok(reviews)
    }

    pub(super) async fn review_count(&self) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM reviews")
            .fetch_one(&self.pool)
            .await
            .map_err(self.db())?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    pub(super) async fn reports(&self, review: Option<ReviewId>) -> Result<Vec<ReportSummary>> {
        let rows: Vec<ReportRow> =
            sqlx::query_as(
                "SELECT id, review_id, title, report_date, file_name, file_hash, imported_at, imported_by \
                 FROM reports WHERE ($1 IS NULL OR review_id = $1) ORDER BY id",
            )
            .bind(review.map(ReviewId::get))
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
        rows.into_iter()
            .map(|r| {
                Ok(ReportSummary {
                    id: ReportId::from_raw(r.id),
                    review: ReviewId::from_raw(r.review_id),
                    title: r.title,
                    date: r.report_date.as_deref().map(|d| self.day(d)).transpose()?,
                    file_name: r.file_name,
                    file_hash: r.file_hash,
                    imported_at: r.imported_at,
                    imported_by: r.imported_by,
                })
            })
            .collect()
    }

    pub(super) async fn review_events(&self, review: ReviewId) -> Result<Vec<Event>> {
        let rows: Vec<EventRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events \
             WHERE (report_id IN (SELECT id FROM reports WHERE review_id = $1) OR review_id = $1) \
               AND item_id IS NULL \
             ORDER BY effective_on, id"
        )))
        .bind(review.get())
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        rows.into_iter().map(|r| self.event_of(r)).collect()
    }

    pub(super) async fn publish_review(
        &self,
        review: ReviewId,
        published: bool,
        by: &Actor,
        origin: Option<&str>,
    ) -> Result<bool> {
        let now = now();
        let mut tx = self.begin_write().await?;
        let current: Option<(bool,)> =
            sqlx::query_as("SELECT published FROM reviews WHERE id = $1")
                .bind(review.get())
                .fetch_optional(&mut *tx)
                .await
                .map_err(self.db())?;
        match current {
            None => {
                return Err(StoreError::NotFound {
                    what: "review",
                    id: review.to_string(),
                });
            }
            Some((now_published,)) if now_published == published => return Ok(false),
            Some(_) => {}
        }
        sqlx::query("UPDATE reviews SET published = $1 WHERE id = $2")
            .bind(published)
            .bind(review.get())
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        // The review's items now count (or no longer count) among the published ones: the
        // one write whose counters cost the review's size, not one item's.
        let rows: Vec<FactsRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE i.review_id = $1",
            counts::FACTS_SELECT
        )))
        .bind(review.get())
        .fetch_all(&mut *tx)
        .await
        .map_err(self.db())?;
        let mut deltas = Deltas::default();
        for row in rows {
            deltas.add_published(&Facts::from(row), if published { 1 } else { -1 });
        }
        self.apply_counts(&mut tx, &deltas).await?;
        let event = NewEvent {
            undated: false,
            item: None,
            review: Some(review),
            source: by.source(),
            on: now.day,
            change: Change::Published { published },
            origin: origin.map(str::to_string),
        };
        self.insert_events(&mut tx, std::slice::from_ref(&event), by.name(), &now)
            .await?;
        self.commit(tx).await?;
        Ok(true)
    }

    pub(super) async fn original(&self, report: ReportId) -> Result<StoredFile> {
        let row: Option<(String, Vec<u8>)> =
            sqlx::query_as("SELECT file_name, original FROM reports WHERE id = $1")
                .bind(report.get())
                .fetch_optional(&self.pool)
                .await
                .map_err(self.db())?;
        row.map(|(name, bytes)| StoredFile { name, bytes })
            .ok_or_else(|| StoreError::NotFound {
                what: "report",
                id: report.to_string(),
            })
    }
}
