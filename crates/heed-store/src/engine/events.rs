//! Writing events and keeping the projection (`items`) level with them: their rows,
//! appending to one item (applied on top or replayed), and the replay fold.

use super::*;

/// The rows that write `events` (payloads as JSON), for [`SqlStore::write_rows`].
pub(super) fn event_rows(events: &[NewEvent], author: &str, now: &Now) -> Rows {
    let mut rows = Rows::new(
        "events",
        &[
            "recorded_at",
            "effective_on",
            "author",
            "source",
            "report_id",
            "line",
            "review_id",
            "item_id",
            "kind",
            "payload",
            "origin",
            "undated",
        ],
    );
    for e in events {
        let (report, line) = match &e.source {
            Source::Document { report, line } => (
                Some(report.get()),
                Some(i64::try_from(*line).unwrap_or(i64::MAX)),
            ),
            _ => (None, None),
        };
        // Serialising a change cannot fail (its fields are strings, numbers and dates).
        let payload = serde_json::to_string(&e.change).unwrap_or_else(|_| "null".into());
        rows.push([
            now.stamp.clone().into(),
            e.on.to_string().into(),
            author.into(),
            e.source.kind_str().into(),
            report.into(),
            line.into(),
            e.review.map(ReviewId::get).into(),
            e.item.map(ItemId::get).into(),
            e.change.kind_str().into(),
            Cell::Cast(payload, "jsonb"),
            e.origin.clone().into(),
            e.undated.into(),
        ]);
    }
    rows
}

/// An item's projection as its events make it: what `items` holds of it.
pub(super) struct Projected {
    pub(super) state: ItemState,
    pub(super) version: Version,
    /// The day of the latest event.
    pub(super) last_effective: Day,
    /// The day its current closed status took effect (`project::closed_on`).
    pub(super) closed_on: Option<Day>,
}

/// Folds an item's events into its [`Projected`] state.
pub(super) fn replay(id: ItemId, events: &[Event]) -> Option<Projected> {
    let mut state = None;
    let mut version = 0_i64;
    let mut last: Option<Day> = None;
    let mut closed = None;
    // The item's creation first, then every other event in order of effect. A change whose
    // effective day comes before the creation's (a report dated earlier than an undated
    // import that was stamped with the day it was recorded, a `heed update --on` a past
    // day) still counts: the recording date must never hide a change.
    let created = events
        .iter()
        .filter(|e| matches!(e.change, Change::ItemCreated { .. }));
    let others = events
        .iter()
        .filter(|e| !matches!(e.change, Change::ItemCreated { .. }));
    for e in created.chain(others) {
        project::apply(&mut state, &e.change, &e.source, e.effective_on);
        if let Some(s) = state.as_mut() {
            project::link_end(s, &e.change, id);
            closed = project::closed_on(closed, &e.change, s, e.effective_on);
        }
        version += 1;
        last = last.max(Some(e.effective_on));
    }
    Some(Projected {
        state: state?,
        version: Version::from_raw(version),
        last_effective: last?,
        closed_on: closed,
    })
}

impl SqlStore {
    /// Writes events in multi-row statements.
    pub(super) async fn insert_events(
        &self,
        tx: &mut Tx,
        events: &[NewEvent],
        author: &str,
        now: &Now,
    ) -> Result<()> {
        self.write_rows(tx, event_rows(events, author, now)).await
    }

    /// Appends events to one item and brings its projection up to date: by applying them
    /// on top when they are not older than what is there, by replaying its whole history
    /// otherwise. `expected` guards against a concurrent writer.
    // `counts` gathers the counters' changes of the whole write, applied once before it
    // commits (in key order, so writers on PostgreSQL never deadlock on counter rows).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn append_to_item(
        &self,
        tx: &mut Tx,
        id: ItemId,
        events: Vec<NewEvent>,
        author: &str,
        now: &Now,
        expected: Option<Version>,
        counts: &mut Deltas,
    ) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let row = self.existing_item_row(tx, id, true).await?;
        let current = self.record_of(row, None)?;
        if let Some(exp) = expected
            && exp != current.version
        {
            return Err(StoreError::Conflict {
                item: id,
                expected: exp,
                actual: current.version,
            });
        }
        self.insert_events(tx, &events, author, now).await?;
        let earliest = events
            .iter()
            .map(|e| e.on)
            .min()
            .unwrap_or(current.updated_on);
        let Projected {
            state,
            version,
            last_effective: last,
            closed_on: closed,
        } = if earliest >= current.updated_on {
            let (closed,): (Option<String>,) =
                sqlx::query_as("SELECT closed_on FROM items WHERE id = $1")
                    .bind(id.get())
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(self.db())?;
            let mut closed = closed.as_deref().map(|d| self.day(d)).transpose()?;
            let mut state = Some(current.state);
            let mut last = current.updated_on;
            for e in &events {
                project::apply(&mut state, &e.change, &e.source, e.on);
                if let Some(s) = state.as_mut() {
                    project::link_end(s, &e.change, id);
                    closed = project::closed_on(closed, &e.change, s, e.on);
                }
                last = last.max(e.on);
            }
            let state = state.ok_or_else(|| self.corrupt("item without a creation event"))?;
            let version = Version::from_raw(current.version.get() + events.len() as i64);
            Projected {
                state,
                version,
                last_effective: last,
                closed_on: closed,
            }
        } else {
            let all = self.item_events(tx, id, None).await?;
            replay(id, &all).ok_or_else(|| self.corrupt("item without a creation event"))?
        };
        let before = self.facts(tx, id).await?;
        // On PostgreSQL the full-text column holds the item's facets too (`tsearch.rs`):
        // made again with the new status and RAG. (SQLite's index beside the register
        // takes the change in from the event, `search/`.)
        let words = (!IS_SQLITE).then(|| {
            let facets = crate::fts::facets(
                state.kind.as_str(),
                state.status.map(|s| s.as_str()),
                state.rag.map(|r| r.as_str()),
                before.review,
            );
            crate::tsearch::item_words(&state.text, &facets)
        });
        let update = sqlx::query(if IS_SQLITE {
            "UPDATE items SET owner = $1, status = $2, rag = $3, deadline_due = $4, state = $5, version = $6, last_effective = $7, updated_at = $8, theme = $9, closed_on = $10, verification = $13 WHERE id = $11 AND version = $12"
        } else {
            "UPDATE items SET owner = $1, status = $2, rag = $3, deadline_due = $4, state = $5, version = $6, last_effective = $7, updated_at = $8, theme = $9, closed_on = $10, verification = $13, search = $14::tsvector WHERE id = $11 AND version = $12"
        })
        .bind(state.owner.clone())
        .bind(state.status.map(|s| s.as_str()))
        .bind(state.rag.map(|r| r.as_str()))
        .bind(state.deadline.as_ref().map(|d| d.due.to_string()))
        .bind(Json(&state))
        .bind(version.get())
        .bind(last.to_string())
        .bind(now.stamp.clone())
        .bind(state.theme.clone())
        .bind(closed.map(|d| d.to_string()))
        .bind(id.get())
        .bind(current.version.get())
        .bind(state.verification.as_ref().map(|v| v.state.as_str()));
        let done = match words {
            Some(w) => update.bind(w),
            None => update,
        }
        .execute(&mut **tx)
        .await
        .map_err(self.db())?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict {
                item: id,
                expected: current.version,
                actual: Version::from_raw(current.version.get() + 1),
            });
        }
        let after = self.facts(tx, id).await?;
        counts.change(&before, &after);
        Ok(())
    }
}
