//! One item: its row, its events, its state as of a day, its evidence.

use super::*;

row_struct! {
    /// An event of an item, with the item's own row beside it (`i_` columns).
    EventAndItemRow {
        ..event: EventRow,
        i_review: i64,
        i_report: i64,
        i_version: i64,
        i_last_effective: String,
        i_state: Option<Json<ItemState>>,
    }
}

impl SqlStore {
    /// The item's row, or `NotFound`.
    pub(super) async fn existing_item_row(
        &self,
        tx: &mut Tx,
        id: ItemId,
        lock: bool,
    ) -> Result<ItemRow> {
        self.item_row(tx, id, lock)
            .await?
            .ok_or_else(|| StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            })
    }

    pub(super) async fn item_row(
        &self,
        tx: &mut Tx,
        id: ItemId,
        lock: bool,
    ) -> Result<Option<ItemRow>> {
        let lock = if lock && !IS_SQLITE {
            " FOR UPDATE OF i"
        } else {
            ""
        };
        sqlx::query_as::<_, ItemRow>(sqlx::AssertSqlSafe(format!(
            "{ITEM_SELECT} WHERE i.id = $1{lock}"
        )))
        .bind(id.get())
        .fetch_optional(&mut **tx)
        .await
        .map_err(self.db())
    }

    pub(super) async fn item_events(
        &self,
        tx: &mut Tx,
        id: ItemId,
        upto: Option<Day>,
    ) -> Result<Vec<Event>> {
        let rows: Vec<EventRow> = match upto {
            None => sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE item_id = $1 ORDER BY effective_on, id"
            )))
            .bind(id.get())
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?,
            Some(d) => sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE item_id = $1 AND (effective_on <= $2 OR undated) ORDER BY effective_on, id"
            )))
            .bind(id.get())
            .bind(d.to_string())
            .fetch_all(&mut **tx)
            .await
            .map_err(self.db())?,
        };
        rows.into_iter().map(|r| self.event_of(r)).collect()
    }

    pub(super) async fn item(&self, id: ItemId, as_of: Option<Day>) -> Result<ItemRecord> {
        if as_of.is_none() {
            // The current state is one row: no transaction needed.
            let row = sqlx::query_as::<_, ItemRow>(sqlx::AssertSqlSafe(format!(
                "{ITEM_SELECT} WHERE i.id = $1"
            )))
            .bind(id.get())
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?
            .ok_or_else(|| StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            })?;
            return self.record_of(row, None);
        }
        let mut tx = self.pool.begin().await.map_err(self.db())?;
        let row = self.existing_item_row(&mut tx, id, false).await?;
        let Some(day) = as_of else {
            return self.record_of(row, None);
        };
        let events = self.item_events(&mut tx, id, Some(day)).await?;
        let Projected {
            state,
            version,
            last_effective: last,
            ..
        } = replay(id, &events).ok_or_else(|| StoreError::NotFound {
            what: "item",
            id: format!("{id} on {day} (it entered the register later)"),
        })?;
        Ok(ItemRecord {
            id,
            review: ReviewId::from_raw(row.review_id),
            report: ReportId::from_raw(row.report_id),
            version,
            updated_on: last,
            as_of: Some(day),
            state,
        })
    }

    pub(super) async fn history(&self, id: ItemId) -> Result<Vec<Event>> {
        // Every item has at least the event that created it, so no events means no item.
        let rows: Vec<EventRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE item_id = $1 ORDER BY effective_on, id"
        )))
        .bind(id.get())
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        if rows.is_empty() {
            return Err(StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            });
        }
        rows.into_iter().map(|r| self.event_of(r)).collect()
    }

    pub(super) async fn item_with_history(&self, id: ItemId) -> Result<ItemWithHistory> {
        let rows: Vec<EventAndItemRow> = sqlx::query_as(
            "SELECT e.id, e.recorded_at, e.effective_on, e.author, e.source, e.report_id, e.line, \
             e.review_id, e.item_id, e.payload, e.origin, e.undated, \
             i.review_id AS i_review, i.report_id AS i_report, i.version AS i_version, \
             i.last_effective AS i_last_effective, i.state AS i_state \
             FROM events e JOIN items i ON i.id = e.item_id \
             WHERE e.item_id = $1 ORDER BY e.effective_on, e.id",
        )
        .bind(id.get())
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        let Some(first) = rows.first() else {
            return Err(StoreError::NotFound {
                what: "item",
                id: id.to_string(),
            });
        };
        let (review, report, version, on, state) = (
            first.i_review,
            first.i_report,
            first.i_version,
            first.i_last_effective.clone(),
            first.i_state.clone(),
        );
        let mut events = Vec::with_capacity(rows.len());
        for r in rows {
            events.push(self.event_of(r.event)?);
        }
        // The projection's state, or (nothing happened since it was read) its creation's.
        let created = || {
            events.iter().find_map(|e| match &e.change {
                Change::ItemCreated { state } => Some(Json(Change::ItemCreated {
                    state: state.clone(),
                })),
                _ => None,
            })
        };
        let created = if state.is_none() { created() } else { None };
        let record = self.record_of(
            ItemRow {
                id: id.get(),
                review_id: review,
                report_id: report,
                version,
                last_effective: on,
                state,
                payload: created,
            },
            None,
        )?;
        Ok(ItemWithHistory {
            item: record,
            history: events,
        })
    }

    pub(super) async fn evidence_item(&self, id: EvidenceId) -> Result<ItemId> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT item_id FROM evidence WHERE id = $1")
            .bind(id.get())
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?;
        row.map(|(item,)| ItemId::from_raw(item))
            .ok_or_else(|| StoreError::NotFound {
                what: "evidence file",
                id: id.to_string(),
            })
    }

    pub(super) async fn evidence_file(&self, id: EvidenceId) -> Result<StoredFile> {
        let row: Option<(String, Vec<u8>)> =
            sqlx::query_as("SELECT file_name, bytes FROM evidence WHERE id = $1")
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await
                .map_err(self.db())?;
        row.map(|(name, bytes)| StoredFile { name, bytes })
            .ok_or_else(|| StoreError::NotFound {
                what: "evidence file",
                id: id.to_string(),
            })
    }
}
