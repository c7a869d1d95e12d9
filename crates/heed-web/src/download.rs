//! The committee report as a download (`GET /reviews/{id}/report?layout=&format=&as_of=&since=`):
//! the query read at the edge, the input built by `heed_app::report` (as `heed report` builds
//! it), rendered by `heed_report` and sent as a file.

use crate::edge::parse_id;
use crate::error::{PageError, WebError};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use heed_core::ReviewId;
use heed_core::date::Day;
use heed_report::{Format, Layout};

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
    crate::access::check_review(&app, &user, id).await?;
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
    let input = heed_app::report::report_input(&*app.store, id, as_of, since).await?;
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
