//! The workflow around progress, as forms and API routes: Verify / Reject a claimed
//! completion (`POST /items/{id}/verify`, `POST /api/v1/items/{id}/verify`) and Publish /
//! Unpublish a review (`POST /reviews/{id}/publish`, `POST /api/v1/reviews/{id}/publish`).
//! Who may do either is `heed_app::accounts::{may_verify, may_publish}`; the store keeps the
//! rules that hold for every front end (a claimant may not verify their own claim).

use crate::access::Origin;
use crate::auth::{MaybeUser, SignedIn, api_csrf};
use crate::edge::with_etag;
use crate::edge::{expected_version, json_rejection, parse_id};
use crate::error::{ApiError, PageError, WebError};
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use heed_app::accounts::{may_verify, same_secret};
use heed_core::{Decision, ItemId, ReviewId, Version};
use heed_store::{Actor, VerifyRequest};
use serde::Deserialize;

fn signed_in_verifier(user: Option<SignedIn>, what: &str) -> Result<SignedIn, WebError> {
    let Some(s) = user else {
        return Err(WebError::Unauthorized(format!("sign in to {what}")));
    };
    if !may_verify(&s.user) {
        return Err(WebError::Forbidden(format!(
            "{} ({}) may not {what}: only the secretariat and admins may",
            s.user.name, s.user.role
        )));
    }
    Ok(s)
}

fn forged() -> WebError {
    WebError::Forbidden(
        "the form did not come from this site, or your session changed; load the page again".into(),
    )
}

fn decision_of(word: &str) -> Result<Decision, WebError> {
    word.parse::<Decision>()
        .map_err(|e| WebError::Unprocessable(format!("decision: {e}")))
}

// ---------------------------------------------------------------------------------------
// The item page's Verify / Reject form.

#[derive(Debug, Deserialize)]
pub(crate) struct VerifyForm {
    csrf: String,
    version: String,
    decision: String,
    #[serde(default)]
    note: String,
}

pub(crate) async fn verify_form(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Origin(origin): Origin,
    Path(raw): Path<String>,
    form: Result<Form<VerifyForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let id: ItemId = parse_id(&raw, "item")?;
    let s = signed_in_verifier(user, "verify completions")?;
    let Form(f) =
        form.map_err(|e| WebError::BadRequest(format!("the verify form: {}", e.body_text())))?;
    if !same_secret(&f.csrf, &s.csrf) {
        return Err(forged().into());
    }
    let version: Version = f.version.trim().parse().map_err(|_| {
        WebError::BadRequest(format!("the verify form: {:?} is not a version", f.version))
    })?;
    let request = VerifyRequest {
        decision: decision_of(&f.decision)?,
        note: Some(f.note).filter(|n| !n.trim().is_empty()),
        expected_version: Some(version),
        by: Actor::Person(s.user.name),
        on: None,
        origin: Some(origin),
    };
    app.store.verify(id, request).await?;
    Ok(Redirect::to(&format!("/items/{id}#history")).into_response())
}

// ---------------------------------------------------------------------------------------
// The review page's Publish / Unpublish form.

#[derive(Debug, Deserialize)]
pub(crate) struct PublishForm {
    csrf: String,
    published: String,
}

fn published_of(word: &str) -> Result<bool, WebError> {
    match word.trim() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        other => Err(WebError::Unprocessable(format!(
            "published: {other:?} is not true or false"
        ))),
    }
}

pub(crate) async fn publish_form(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Origin(origin): Origin,
    Path(raw): Path<String>,
    form: Result<Form<PublishForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let id: ReviewId = parse_id(&raw, "review")?;
    let s = signed_in_verifier(user, "publish reviews")?;
    let Form(f) =
        form.map_err(|e| WebError::BadRequest(format!("the publish form: {}", e.body_text())))?;
    if !same_secret(&f.csrf, &s.csrf) {
        return Err(forged().into());
    }
    let published = published_of(&f.published)?;
    app.store
        .publish_review(id, published, &Actor::Person(s.user.name), Some(&origin))
        .await?;
    Ok(Redirect::to(&format!("/reviews/{id}")).into_response())
}

// ---------------------------------------------------------------------------------------
// The API's twins.

/// A JSON body, or the 4xx that says what was wrong with it.
fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, WebError> {
    body.map(|Json(v)| v).map_err(json_rejection)
}

/// A verifier signed in with a session whose request carries its CSRF token, or with an API
/// token (which needs none).
fn api_verifier(
    user: Option<SignedIn>,
    headers: &HeaderMap,
    what: &str,
) -> Result<SignedIn, WebError> {
    let s = signed_in_verifier(user, what)?;
    api_csrf(&s, headers)?;
    Ok(s)
}

/// The body of `POST /api/v1/items/{id}/verify`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifyBody {
    decision: String,
    note: Option<String>,
    version: Option<Version>,
}

/// What [`api_verify`] checks of a body before it asks the register: its JSON, its version
/// (as if no `If-Match` came) and the decision; the 4xx it would answer.
pub(crate) fn check_verify(body: &[u8]) -> Result<(), WebError> {
    let body = json_body(Json::<VerifyBody>::from_bytes(body))?;
    expected_version(&HeaderMap::new(), body.version, "decision")?;
    decision_of(&body.decision)?;
    Ok(())
}

pub(crate) async fn api_verify(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Origin(origin): Origin,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Result<Json<VerifyBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let id: ItemId = parse_id(&raw, "item")?;
    let s = api_verifier(user, &headers, "verify completions")?;
    let body = json_body(body)?;
    let expected = expected_version(&headers, body.version, "decision")?;
    let request = VerifyRequest {
        decision: decision_of(&body.decision)?,
        note: body.note.filter(|n| !n.trim().is_empty()),
        expected_version: Some(expected),
        by: s.actor(),
        on: None,
        origin: Some(origin),
    };
    let item = app.store.verify(id, request).await?;
    Ok(with_etag(&item, StatusCode::OK))
}

/// The body of `POST /api/v1/reviews/{id}/publish`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublishBody {
    published: bool,
}

/// What [`api_publish`] checks of a body before it asks the register: its JSON.
pub(crate) fn check_publish(body: &[u8]) -> Result<(), WebError> {
    json_body(Json::<PublishBody>::from_bytes(body)).map(|_| ())
}

pub(crate) async fn api_publish(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Origin(origin): Origin,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Result<Json<PublishBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let id: ReviewId = parse_id(&raw, "review")?;
    let s = api_verifier(user, &headers, "publish reviews")?;
    let body = json_body(body)?;
    let changed = app
        .store
        .publish_review(id, body.published, &s.actor(), Some(&origin))
        .await?;
    let review = app
        .store
        .reviews()
        .await?
        .iter()
        .find(|r| r.id == id)
        .cloned()
        .ok_or_else(|| WebError::NotFound(format!("there is no review {id} in the register")))?;
    Ok(Json(serde_json::json!({ "review": review, "changed": changed })).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_words_are_read_strictly() {
        assert_eq!(published_of("true").ok(), Some(true));
        assert_eq!(published_of(" off ").ok(), Some(false));
        assert!(published_of("maybe").is_err());
    }
}
