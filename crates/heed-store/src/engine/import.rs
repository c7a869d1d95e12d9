//! Importing a document: its hash checked, the review it belongs to found (`matching.rs`),
//! matched items updated and the rest created, in one transaction.

use super::*;
use crate::import_plan::{self, Matched, Target, plan_import};

/// How many reviews a document's items are matched against in full.
pub(super) const CANDIDATE_REVIEWS: usize = 5;

row_struct! {
    /// An item as matching compares it (`matching::Candidate`).
    CandidateRow {
        id: i64,
        kind: String,
        item_ref: Option<String>,
        text: String,
    }
}

row_struct! {
    /// A report already in the register, and its review.
    ReportRef {
        id: i64,
        review_id: i64,
    }
}

/// The review an import's items belong to: its existing items, and which of them the
/// incoming items are.
pub(super) struct MatchedReview {
    pub(super) review: ReviewId,
    pub(super) candidates: Vec<Candidate>,
    pub(super) found: Vec<matching::Found>,
}

impl SqlStore {
    /// Items of a review, for matching.
    pub(super) async fn candidates(&self, tx: &mut Tx, review: ReviewId) -> Result<Vec<Candidate>> {
        let rows: Vec<CandidateRow> = sqlx::query_as(
            "SELECT id, kind, item_ref, text FROM items WHERE review_id = $1 ORDER BY id",
        )
        .bind(review.get())
        .fetch_all(&mut **tx)
        .await
        .map_err(self.db())?;
        rows.into_iter()
            .map(|row| {
                Ok(Candidate {
                    id: ItemId::from_raw(row.id),
                    kind: row
                        .kind
                        .parse()
                        .map_err(|_| self.corrupt(format!("bad item kind {:?}", row.kind)))?,
                    r#ref: row.item_ref,
                    text: row.text,
                })
            })
            .collect()
    }

    /// The review whose items the incoming items match best, when at least half of them match.
    pub(super) async fn find_review(
        &self,
        tx: &mut Tx,
        items: &[Item],
    ) -> Result<Option<MatchedReview>> {
        let keys: BTreeSet<String> = items
            .iter()
            .map(|i| matching::text_key(&i.text))
            .filter(|k| !k.is_empty())
            .collect();
        let keys: Vec<String> = keys.into_iter().collect();
        // Reviews sharing item keys with the document, most shared first; only the few
        // best are matched in full, so a large register does not slow every import.
        let mut hits: HashMap<i64, i64> = HashMap::new();
        for chunk in keys.chunks(BATCH) {
            let mut qb = QueryBuilder::<Db>::new(
                "SELECT review_id, count(*) FROM items WHERE text_key IN (",
            );
            let mut sep = qb.separated(", ");
            for k in chunk {
                sep.push_bind(k.clone());
            }
            qb.push(") GROUP BY review_id");
            let rows: Vec<(i64, i64)> = qb
                .build_query_as()
                .fetch_all(&mut **tx)
                .await
                .map_err(self.db())?;
            for (review, n) in rows {
                *hits.entry(review).or_default() += n;
            }
        }
        let mut reviews: Vec<(i64, i64)> = hits.into_iter().collect();
        reviews.sort_by_key(|(review, n)| (std::cmp::Reverse(*n), *review));
        let reviews = reviews.into_iter().take(CANDIDATE_REVIEWS).map(|(r, _)| r);
        let mut best: Option<MatchedReview> = None;
        for r in reviews {
            let review = ReviewId::from_raw(r);
            let candidates = self.candidates(tx, review).await?;
            let found = matching::match_items(&candidates, items);
            if best.as_ref().is_none_or(|b| found.len() > b.found.len()) {
                best = Some(MatchedReview {
                    review,
                    candidates,
                    found,
                });
            }
        }
        Ok(best.filter(|b| !b.found.is_empty() && b.found.len() * 2 >= items.len()))
    }

    /// Ids for `n` new items. Chosen up front rather than read back with `RETURNING`, which
    /// costs a round trip per row on SQLite. On SQLite the import holds the write lock, so
    /// the next ids are free; on PostgreSQL they come from the column's own sequence.
    pub(super) async fn reserve_item_ids(&self, tx: &mut Tx, n: usize) -> Result<Vec<i64>> {
        if IS_SQLITE {
            let (max,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM items")
                .fetch_one(&mut **tx)
                .await
                .map_err(self.db())?;
            Ok((1..=n as i64).map(|k| max + k).collect())
        } else {
            let rows: Vec<(i64,)> = sqlx::query_as(
                "SELECT nextval(pg_get_serial_sequence('items', 'id')) FROM generate_series(1, $1)",
            )
            .bind(n as i64)
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?;
            Ok(rows.into_iter().map(|r| r.0).collect())
        }
    }

    pub(super) async fn import_in(
        &self,
        tx: &mut Tx,
        imp: &Import<'_>,
        fix: &Corrections,
        now: &Now,
    ) -> Result<ImportOutcome> {
        let mut counts = Deltas::default();
        let hash = sha256_hex(imp.bytes);
        if let Some(outcome) = self.imported_before(&mut **tx, &hash).await? {
            return Ok(outcome);
        }
        let doc = imp.document;
        // A document that states no date is recorded today but dated nothing (`undated`).
        let dated = imp.meta.date.or(doc.date);
        let title = imp.meta.title.clone().or_else(|| doc.title.clone());
        let author = imp.by.name();

        // Which review: the one named, the one whose items these match, or a new one.
        let found = match imp.review {
            _ if fix.new_review => None,
            Some(review) => {
                let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM reviews WHERE id = $1")
                    .bind(review.get())
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(self.db())?;
                if exists.is_none() {
                    return Err(StoreError::NotFound {
                        what: "review",
                        id: review.to_string(),
                    });
                }
                let candidates = self.candidates(tx, review).await?;
                let found = matching::match_items(&candidates, &doc.items);
                Some(MatchedReview {
                    review,
                    candidates,
                    found,
                })
            }
            None => self.find_review(tx, &doc.items).await?,
        };
        let new_review = found.is_none();
        let MatchedReview {
            review,
            candidates: cands,
            found,
        } = match found {
            Some(f) => f,
            None => {
                let name = title.clone().unwrap_or_else(|| imp.file_name.clone());
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO reviews (name, created_at) VALUES ($1, $2) RETURNING id",
                )
                .bind(name)
                .bind(now.stamp.clone())
                .fetch_one(&mut **tx)
                .await
                .map_err(self.db())?;
                MatchedReview {
                    review: ReviewId::from_raw(id),
                    candidates: Vec::new(),
                    found: Vec::new(),
                }
            }
        };

        let (report,): (i64,) = sqlx::query_as(
            "INSERT INTO reports (review_id, title, issuing_body, report_date, kind, file_name, file_hash, original, imported_at, imported_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(review.get())
        .bind(title.clone())
        .bind(imp.meta.issuing_body.clone())
        .bind(imp.meta.date.or(doc.date).map(|d| d.to_string()))
        .bind(imp.meta.kind.clone())
        .bind(imp.file_name.clone())
        .bind(&hash)
        .bind(imp.bytes)
        .bind(now.stamp.clone())
        .bind(author.to_string())
        .fetch_one(&mut **tx)
        .await
        .map_err(self.db())?;
        let report = ReportId::from_raw(report);

        // Items matched to existing ones: their state now, read (and locked) before the
        // import is decided. Each item is matched at most once, so reading them all first
        // sees what reading each just before its update would.
        let mut matched = Vec::with_capacity(found.len());
        for f in found {
            let (Some(_), Some(cand)) = (doc.items.get(f.incoming), cands.get(f.candidate)) else {
                continue;
            };
            let row = self
                .item_row(tx, cand.id, true)
                .await?
                .ok_or_else(|| self.corrupt("matched item vanished"))?;
            let current = self.record_of(row, None)?;
            matched.push(Matched {
                found: f,
                item: cand.id,
                current: current.state,
            });
        }
        let new_count = import_plan::unmatched(doc, &matched).len();
        let new_ids = if new_count == 0 {
            Vec::new()
        } else {
            self.reserve_item_ids(tx, new_count).await?
        };
        let target = Target {
            document: doc,
            file_name: &imp.file_name,
            title,
            dated,
            today: now.day,
            review,
            report,
            fix,
            origin: imp.origin.clone(),
        };
        let plan = plan_import(&target, &matched, &new_ids);
        let (updated, event_count) = (plan.updated(), plan.events());

        // Matched items that change: their events, and their projection brought level.
        for (item, events) in plan.updates {
            if !events.is_empty() {
                self.append_to_item(tx, item, events, author, now, None, &mut counts)
                    .await?;
            }
        }

        // The new items, written in batches. On PostgreSQL each carries its full-text words
        // and facets (`tsearch.rs`); SQLite's index is kept beside the register (`search/`).
        let mut columns = vec![
            "id",
            "review_id",
            "report_id",
            "ordinal",
            "kind",
            "item_ref",
            "text",
            "text_key",
            "owner",
            "status",
            "rag",
            "deadline_due",
            "version",
            "last_effective",
            "updated_at",
            "theme",
            "opened_on",
            "closed_on",
        ];
        if !IS_SQLITE {
            columns.push("search");
        }
        for (chunk, events) in plan
            .created
            .chunks(BATCH)
            .zip(plan.created_events.chunks(BATCH))
        {
            let mut rows = Rows::new("items", &columns);
            for new in chunk {
                let item = &doc.items[new.ordinal];
                let row: [Cell; 18] = [
                    new.id.into(),
                    review.get().into(),
                    report.get().into(),
                    (new.ordinal as i64).into(),
                    item.kind.as_str().into(),
                    item.r#ref.clone().into(),
                    item.text.clone().into(),
                    matching::text_key(&item.text).into(),
                    item.owner.clone().into(),
                    item.status.map(|s| s.as_str()).into(),
                    item.rag.map(|r| r.as_str()).into(),
                    item.deadline.as_ref().map(|d| d.due.to_string()).into(),
                    1_i64.into(),
                    new.on.to_string().into(),
                    now.stamp.clone().into(),
                    item.theme.clone().into(),
                    new.on.to_string().into(),
                    new.closed.then(|| new.on.to_string()).into(),
                ];
                let words = (!IS_SQLITE).then(|| {
                    let facets = crate::fts::facets(
                        item.kind.as_str(),
                        item.status.map(|s| s.as_str()),
                        item.rag.map(|r| r.as_str()),
                        review.get(),
                    );
                    Cell::Cast(crate::tsearch::item_words(&item.text, &facets), "tsvector")
                });
                rows.push(row.into_iter().chain(words));
            }
            // The creation events' rows (each the item's whole first state, as JSON) are
            // made while the database writes the items: SQLite works on a thread of its
            // own, and PostgreSQL in a process of its own, so the two overlap on a second
            // core.
            let make_events = async { event_rows(events, author, now) };
            let (written, events) = tokio::join!(self.write_rows(tx, rows), make_events);
            written?;
            self.write_rows(tx, events).await?;
        }
        // The new items' counters (`counts.rs`), from the values just written.
        if !plan.created.is_empty() {
            let (published,): (bool,) =
                sqlx::query_as("SELECT published FROM reviews WHERE id = $1")
                    .bind(review.get())
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(self.db())?;
            for new in &plan.created {
                let item = &doc.items[new.ordinal];
                let opened = new.on.to_string();
                counts.add(
                    &Facts {
                        review: review.get(),
                        kind: item.kind.as_str().to_string(),
                        status: item.status.map(|s| s.as_str().to_string()),
                        rag: item.rag.map(|r| r.as_str().to_string()),
                        owner: item.owner.clone(),
                        theme: item.theme.clone(),
                        due: item.deadline.as_ref().map(|d| d.due.to_string()),
                        closed: new.closed.then(|| opened.clone()),
                        opened: Some(opened),
                        published,
                    },
                    1,
                );
            }
        }
        self.apply_counts(tx, &counts).await?;

        for chunk in doc.judgements.chunks(BATCH) {
            let mut qb = QueryBuilder::<Db>::new(
                "INSERT INTO judgements (report_id, area, title, grade, direction, line) ",
            );
            qb.push_values(chunk, |mut b, j| {
                b.push_bind(report.get())
                    .push_bind(j.area.clone())
                    .push_bind(j.title.clone())
                    .push_bind(j.grade.map(|g| g.as_str()))
                    .push_bind(j.direction.map(|d| d.as_str()))
                    .push_bind(i64::try_from(j.line).unwrap_or(i64::MAX));
            });
            qb.build().execute(&mut **tx).await.map_err(self.db())?;
        }
        for chunk in doc.glossary.chunks(BATCH) {
            let mut qb =
                QueryBuilder::<Db>::new("INSERT INTO glossary (report_id, term, expansion, line) ");
            qb.push_values(chunk, |mut b, g| {
                b.push_bind(report.get())
                    .push_bind(g.term.clone())
                    .push_bind(g.expansion.clone())
                    .push_bind(i64::try_from(g.line).unwrap_or(i64::MAX));
            });
            qb.build().execute(&mut **tx).await.map_err(self.db())?;
        }
        self.insert_events(tx, std::slice::from_ref(&plan.imported), author, now)
            .await?;

        Ok(ImportOutcome::Imported(ImportSummary {
            report,
            review,
            new_review,
            created: plan.created.len(),
            updated,
            matches: plan.matches,
            events: event_count,
            dry_run: imp.dry_run,
        }))
    }

    /// `AlreadyImported` when a report of these bytes (their SHA-256, `hash`) is in the
    /// register.
    async fn imported_before<'e, E>(&self, on: E, hash: &str) -> Result<Option<ImportOutcome>>
    where
        E: sqlx::Executor<'e, Database = Db>,
    {
        let seen: Option<ReportRef> =
            sqlx::query_as("SELECT id, review_id FROM reports WHERE file_hash = $1")
                .bind(hash)
                .fetch_optional(on)
                .await
                .map_err(self.db())?;
        Ok(seen.map(|r| ImportOutcome::AlreadyImported {
            report: ReportId::from_raw(r.id),
            review: ReviewId::from_raw(r.review_id),
        }))
    }

    pub(super) async fn already_imported(&self, bytes: &[u8]) -> Result<Option<ImportOutcome>> {
        self.imported_before(&self.pool, &sha256_hex(bytes)).await
    }

    pub(super) async fn import_corrected(
        &self,
        import: Import<'_>,
        fix: &Corrections,
    ) -> Result<ImportOutcome> {
        let now = now();
        let mut tx = self.begin_write().await?;
        match self.import_in(&mut tx, &import, fix, &now).await {
            Ok(outcome) => {
                match &outcome {
                    ImportOutcome::Imported(s) => tracing::info!(
                        report_id = %s.report,
                        review_id = %s.review,
                        created = s.created,
                        updated = s.updated,
                        "imported"
                    ),
                    ImportOutcome::AlreadyImported { report, .. } => {
                        tracing::info!(report_id = %report, "already imported")
                    }
                }
                if import.dry_run || matches!(outcome, ImportOutcome::AlreadyImported { .. }) {
                    tx.rollback().await.map_err(self.db())?;
                } else {
                    self.commit(tx).await?;
                }
                Ok(outcome)
            }
            Err(e) => {
                // Dropping the transaction rolls it back; nothing of this document stays.
                drop(tx);
                // Another process may have imported the same bytes meanwhile.
                if let StoreError::Database {
                    error: sqlx::Error::Database(d),
                    ..
                } = &e
                    && d.is_unique_violation()
                    && let Some(outcome) = self.already_imported(import.bytes).await?
                {
                    return Ok(outcome);
                }
                Err(e)
            }
        }
    }
}
