//! Committee reports from the register, shared by the web download
//! (`GET /reviews/{id}/report?layout=&format=&as_of=&since=`) and `heed report`: the items
//! of a review as they stood on a day, with their notes, slippage and history, and the
//! review's judgements from its imported reports, gathered into a `heed_report::ReportInput`.

use crate::AppState;
use crate::error::{PageError, WebError};
use crate::pages::parse_id;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use heed_core::date::Day;
use heed_core::{Item, Judgement, Response as ItemResponse, ReviewId};
use heed_report::{DeadlineChange, Format, HistoryEntry, Layout, ReportInput, ReportItem, Update};
use heed_store::{Change, Event, ItemFilter, ItemRecord, Source, Store, StoreError};

/// Gathers the report of one review as it stood at the end of `as_of`.
pub async fn report_input(
    store: &dyn Store,
    review: ReviewId,
    as_of: Day,
    since: Option<Day>,
) -> Result<ReportInput, WebError> {
    let summary = store
        .reviews()
        .await?
        .iter()
        .find(|r| r.id == review)
        .cloned()
        .ok_or_else(|| {
            WebError::NotFound(format!("there is no review {review} in the register"))
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
) -> Result<Vec<Judgement>, WebError> {
    let events = store.review_events(review).await?;
    Ok(events
        .iter()
        .rev()
        .filter(|e| e.effective_on <= as_of)
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
            detail: describe(&e.change),
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

fn describe(c: &Change) -> String {
    match c {
        Change::ReportImported { file_name, .. } => format!("imported from {file_name}"),
        Change::ItemCreated { .. } => "entered the register".to_string(),
        Change::Response { text } => text.clone(),
        Change::Linked { kind, from, to } => format!("{from} {} {to}", kind.as_str()),
        Change::Verified {
            decision,
            claimed,
            note,
            ..
        } => match note {
            Some(n) => format!("{decision} claimed {claimed}: {n}"),
            None => format!("{decision} claimed {claimed}"),
        },
        Change::Published { published } => if *published {
            "published"
        } else {
            "unpublished"
        }
        .to_string(),
        Change::ItemUpdated(u) => {
            let mut parts = Vec::new();
            if let Some(s) = u.status {
                parts.push(format!("status {s}"));
            }
            if let Some(s) = u.claim {
                parts.push(format!("claims {s}, awaiting verification"));
            }
            if let Some(r) = u.rag {
                parts.push(format!("RAG {r}"));
            }
            if let Some(o) = &u.owner {
                parts.push(format!("owner {o}"));
            }
            if let Some(d) = &u.deadline {
                let why = u.deadline_reason.as_deref().unwrap_or("no reason given");
                parts.push(format!("deadline {d} ({why})"));
            }
            if let Some(n) = &u.note {
                parts.push(n.clone());
            }
            parts.join("; ")
        }
    }
}

/// The download's query: layout, format, the day and the "since" day.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct ReportQuery {
    layout: Option<String>,
    format: Option<String>,
    as_of: Option<String>,
    since: Option<String>,
}

fn day_param(raw: &Option<String>, name: &str) -> Result<Option<Day>, WebError> {
    match raw.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => Day::parse_iso(s).map(Some).ok_or_else(|| {
            WebError::BadRequest(format!("{name}={s:?} is not a date (YYYY-MM-DD)"))
        }),
    }
}

/// `GET /reviews/{id}/report`: the committee report as a file to download.
pub(crate) async fn report(
    State(app): State<AppState>,
    crate::auth::MaybeUser(user): crate::auth::MaybeUser,
    Path(raw): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, PageError> {
    let id: ReviewId = parse_id(&raw, "review")?;
    crate::workflow::check_review(&app, &user, id).await?;
    let layout: Layout = q
        .layout
        .as_deref()
        .unwrap_or("overview")
        .parse()
        .map_err(|e| WebError::BadRequest(format!("layout: {e}")))?;
    let format: Format = q
        .format
        .as_deref()
        .unwrap_or("html")
        .parse()
        .map_err(|e| WebError::BadRequest(format!("format: {e}")))?;
    let as_of = day_param(&q.as_of, "as_of")?.unwrap_or_else(|| app.today());
    let since = day_param(&q.since, "since")?;
    let input = report_input(&*app.store, id, as_of, since).await?;
    let bytes = heed_report::render(&input, layout, format)
        .map_err(|e| WebError::Unprocessable(format!("the report could not be written: {e}")))?;
    let (mime, ext) = match format {
        Format::Markdown => ("text/markdown; charset=utf-8", "md"),
        Format::Html => ("text/html; charset=utf-8", "html"),
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        Format::Docx => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        Format::Pdf => ("application/pdf", "pdf"),
    };
    let name = format!(
        "review-{id}-{}-{as_of}.{ext}",
        q.layout
            .as_deref()
            .unwrap_or("overview")
            .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
    );
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
