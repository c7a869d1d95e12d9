//! A committee report's input from the register, for the web download
//! (`GET /reviews/{id}/report`) and `heed report` alike: the items of a review as they stood
//! on a day, with their notes, slippage and history, and the review's judgements from its
//! imported reports, gathered into a `heed_report::ReportInput`; and any item as a report
//! row (`heed export`).

use crate::AppError;
use heed_core::date::Day;
use heed_core::{Item, Judgement, Response as ItemResponse, ReviewId};
use heed_report::{DeadlineChange, HistoryEntry, ReportInput, ReportItem, Update};
use heed_store::{Change, Event, ItemFilter, ItemRecord, Source, Store, StoreError};

/// Gathers the report of one review as it stood at the end of `as_of`.
pub async fn report_input(
    store: &dyn Store,
    review: ReviewId,
    as_of: Day,
    since: Option<Day>,
) -> Result<ReportInput, AppError> {
    let summary = store
        .reviews()
        .await?
        .iter()
        .find(|r| r.id == review)
        .cloned()
        .ok_or_else(|| {
            AppError::NotFound(format!("there is no review {review} in the register"))
        })?;
    let filter = ItemFilter {
        review: Some(review),
        ..ItemFilter::default()
    };
    let mut items = Vec::new();
    for rec in store.items(&filter).await? {
        // The item as it stood on the day; one that did not exist yet is left out.
        match store.item(rec.id, Some(as_of)).await {
            Ok(then) => items.push(report_item(&then, &[])),
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(ReportInput {
        title: summary.name,
        as_of,
        since,
        items,
        judgements: judgements_of(store, review, as_of).await?,
    })
}

/// The judgements of the latest report of the review, imported by the day, that has any.
async fn judgements_of(
    store: &dyn Store,
    review: ReviewId,
    as_of: Day,
) -> Result<Vec<Judgement>, AppError> {
    let events = store.review_events(review).await?;
    Ok(events
        .iter()
        .rev()
        .filter(|e| e.counts_on(as_of))
        .find_map(|e| match &e.change {
            Change::ReportImported { judgements, .. } if !judgements.is_empty() => {
                Some(judgements.clone())
            }
            _ => None,
        })
        .unwrap_or_default())
}

/// An item as the report layouts want it: its state, its latest update typed by a person
/// or sent through the API, its deadline changes and (for exports) its history.
pub fn report_item(rec: &ItemRecord, history: &[Event]) -> ReportItem {
    let s = &rec.state;
    let mut item = Item::new(s.kind, s.text.clone(), 0);
    item.r#ref = s.r#ref.clone();
    item.section = s.section.clone();
    item.theme = s.theme.clone();
    item.addressee = s.addressee.clone();
    item.owner = s.owner.clone();
    item.position = s.position;
    item.position_words = s.position_words.clone();
    item.status = s.status;
    item.status_words = s.status_words.clone();
    item.rag = s.rag;
    item.rag_reason = s.rag_reason.clone();
    item.deadline = s.deadline.clone();
    item.see_also = s.see_also.clone();
    item.actions = s.actions.clone();
    item.responses = s
        .notes
        .iter()
        .filter(|n| matches!(n.source, Source::Document { .. }))
        .map(|n| ItemResponse {
            text: n.text.clone(),
            line: 0,
        })
        .collect();
    let latest_update = s
        .notes
        .iter()
        .rev()
        .find(|n| !matches!(n.source, Source::Document { .. }))
        .map(|n| Update {
            text: n.text.clone(),
            on: n.on,
            by: match &n.source {
                Source::Person { name } => Some(name.clone()),
                Source::Api { client } => Some(client.clone()),
                Source::Document { .. } => None,
            },
        });
    let deadline_changes = s
        .slippage
        .iter()
        .map(|sl| DeadlineChange {
            from: sl.from.clone(),
            to: sl.to.clone(),
            on: sl.on,
            reason: sl.reason.clone(),
        })
        .collect();
    let history = history
        .iter()
        .map(|e| HistoryEntry {
            on: e.effective_on,
            what: e.change.label().to_string(),
            detail: crate::change::describe(&e.change, usize::MAX),
        })
        .collect();
    ReportItem {
        id: Some(rec.id.get()),
        item,
        latest_update,
        deadline_changes,
        changed_on: Some(rec.updated_on),
        history,
    }
}
