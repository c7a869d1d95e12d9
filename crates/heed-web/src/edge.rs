//! The edge of a request: a path segment read into a typed id (a 400 naming what it should
//! have been), the version a write is based on (its `If-Match` header and its body's
//! `"version"`), and values written out as responses (a template rendered into a page, an
//! item as JSON with its ETag, a JSON or multipart body that could not be read as the 4xx
//! that says why). Every handler meets the outside world through these.

use crate::error::{PageError, WebError};
use askama::Template;
use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use heed_app::version::etag;
use heed_core::Version;
use heed_store::ItemRecord;

/// Renders a template into a page, or a 500 if the template fails.
pub(crate) fn page(t: impl Template) -> Result<Response, PageError> {
    let html = t
        .render()
        .map_err(|e| WebError::Internal(format!("rendering a page: {e}")))?;
    Ok(Html(html).into_response())
}

/// Parses a numeric id from a path segment, naming what it should have been.
pub(crate) fn parse_id<T: std::str::FromStr>(raw: &str, what: &str) -> Result<T, WebError> {
    raw.parse::<T>()
        .map_err(|_| WebError::BadRequest(format!("{raw:?} is not a {what} number")))
}

/// The version a write (`what`: "update", "decision") is based on: its `If-Match` header
/// and its body's `"version"`, read by `heed_app::version::expected_version`'s one rule.
/// A check of a body before the register is asked passes no headers (`HeaderMap::new()`).
pub(crate) fn expected_version(
    headers: &HeaderMap,
    in_body: Option<Version>,
    what: &str,
) -> Result<Version, WebError> {
    let if_match = headers
        .get(header::IF_MATCH)
        .map(|v| v.to_str().unwrap_or(""));
    Ok(heed_app::version::expected_version(
        if_match, in_body, what,
    )?)
}

/// An item as JSON, with its version as the ETag.
pub(crate) fn with_etag(item: &ItemRecord, status: StatusCode) -> Response {
    let mut response = (status, Json(item)).into_response();
    if let Ok(v) = HeaderValue::from_str(&etag(item.version)) {
        response.headers_mut().insert(header::ETAG, v);
    }
    response
}

/// A multipart body that could not be read: 413 (`TooLarge`, named `too_large`) when it went
/// over the limit (which shows up as an error while reading a field), 400 (named
/// `malformed`) otherwise.
pub(crate) fn multipart_error(
    e: axum::extract::multipart::MultipartError,
    too_large: &str,
    malformed: &str,
) -> WebError {
    let mut over_limit = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
    let mut cause: Option<&dyn std::error::Error> = Some(&e);
    while let Some(c) = cause {
        over_limit |= c.to_string().contains("length limit exceeded");
        cause = c.source();
    }
    if over_limit {
        WebError::TooLarge(format!("{too_large}: {}", e.body_text()))
    } else {
        WebError::BadRequest(format!("{malformed}: {}", e.body_text()))
    }
}

/// A JSON body that could not be read: 422 when it is JSON of the wrong shape, 415 when it
/// was not sent as JSON, 413 when it is over the limit, 400 otherwise.
pub(crate) fn json_rejection(e: axum::extract::rejection::JsonRejection) -> WebError {
    match e.status() {
        StatusCode::UNPROCESSABLE_ENTITY => WebError::Unprocessable(e.body_text()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => WebError::UnsupportedMediaType(e.body_text()),
        StatusCode::PAYLOAD_TOO_LARGE => WebError::TooLarge(e.body_text()),
        _ => WebError::BadRequest(e.body_text()),
    }
}
