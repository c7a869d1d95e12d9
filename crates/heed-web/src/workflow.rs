//! The workflow around progress: who may verify a claimed completion and publish a review,
//! what a reader who is not signed in may see (only published reviews, and everything in
//! them), and where each write came from (the client's address).
//!
//! The visibility rule lives here once: listings narrow the store's `ItemFilter` with
//! [`restrict`], single things ask [`check_review`] / [`check_item`], which answer 404 for
//! an unpublished review so that its existence does not leak. What a reader not signed in
//! is shown of a published item is [`for_public`] / [`events_for_public`]: the items,
//! statuses and notes, with every staff name read as "staff", no client address, and only
//! the evidence marked public when it was attached ([`public_evidence`]). Handlers for the Verify /
//! Reject and Publish forms and their API twins are here too.

use crate::AppState;
use crate::api::with_etag;
use crate::auth::{CSRF_HEADER, MaybeUser, SignedIn, same_secret};
use crate::error::{ApiError, PageError, WebError};
use crate::pages::parse_id;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use heed_core::{Decision, ItemId, ReviewId};
use heed_store::{
    Actor, Change, Event, ItemFilter, ItemRecord, ItemState, Role, Source, User, VerifyRequest,
};
use serde::Deserialize;
use std::net::SocketAddr;

/// The header a trusted reverse proxy names the client in (`heed serve --trust-proxy`).
pub const FORWARDED_FOR: &str = "x-forwarded-for";

/// Whether `user` may verify or reject claimed completions: admin and secretariat.
pub fn may_verify(user: &User) -> bool {
    matches!(user.role, Role::Admin | Role::Secretariat)
}

/// Whether `user` may publish and unpublish reviews: admin and secretariat.
pub fn may_publish(user: &User) -> bool {
    may_verify(user)
}

/// Narrows a listing to what the reader may see: everything when signed in, the items of
/// published reviews otherwise.
pub(crate) fn restrict(filter: &mut ItemFilter, user: &Option<SignedIn>) {
    if user.is_none() {
        filter.published_only = true;
    }
}

/// Whether the reader may see a review with this publishing state.
pub(crate) fn sees(published: bool, user: &Option<SignedIn>) -> bool {
    published || user.is_some()
}

/// Fails with the same 404 as a review that does not exist when the reader may not see it.
pub(crate) async fn check_review(
    app: &AppState,
    user: &Option<SignedIn>,
    review: ReviewId,
) -> Result<(), WebError> {
    let visible = app
        .store
        .reviews()
        .await?
        .iter()
        .any(|r| r.id == review && sees(r.published, user));
    if visible {
        Ok(())
    } else {
        Err(WebError::NotFound(format!(
            "there is no review {review} in the register"
        )))
    }
}

/// As [`check_review`], for an item: 404 worded as for an item that does not exist.
pub(crate) async fn check_item(
    app: &AppState,
    user: &Option<SignedIn>,
    item: &ItemRecord,
) -> Result<(), WebError> {
    if user.is_some() {
        return Ok(());
    }
    check_review(app, user, item.review)
        .await
        .map_err(|_| WebError::NotFound(format!("no item {} in the register", item.id)))
}

/// The name a reader not signed in sees for any person or API client.
pub(crate) const STAFF: &str = "staff";

fn public_source(source: &mut Source) {
    match source {
        Source::Person { name } => *name = STAFF.to_string(),
        Source::Api { client } => *client = STAFF.to_string(),
        Source::Document { .. } => {}
    }
}

fn public_state(s: &mut ItemState) {
    s.notes
        .iter_mut()
        .for_each(|n| public_source(&mut n.source));
    s.slippage
        .iter_mut()
        .for_each(|x| public_source(&mut x.source));
    s.provenance.values_mut().for_each(public_source);
    s.evidence.retain(|e| e.public);
    if let Some(v) = &mut s.verification {
        v.claimed_by = STAFF.to_string();
        if let Some(d) = &mut v.decided_by {
            *d = STAFF.to_string();
        }
    }
}

/// What a reader not signed in is shown of an item (already checked with [`check_item`]):
/// everything but staff names (each reads "staff") and evidence not marked public. Signed-in
/// readers get it whole.
pub(crate) fn for_public(item: &mut ItemRecord, user: &Option<SignedIn>) {
    if user.is_none() {
        public_state(&mut item.state);
    }
}

/// As [`for_public`], for an item's history: no author names and no client addresses.
pub(crate) fn events_for_public(events: &mut [Event], user: &Option<SignedIn>) {
    if user.is_some() {
        return;
    }
    for e in events {
        public_source(&mut e.source);
        e.author = heed_store::project::author_of(&e.source);
        e.origin = None;
        match &mut e.change {
            Change::ItemCreated { state } => public_state(state),
            Change::ItemUpdated(u) => u.evidence = u.evidence.take().filter(|f| f.public),
            _ => {}
        }
    }
}

/// Whether the reader may download evidence file `id` of `item` (already checked with
/// [`check_item`]): signed in, or the file was marked public when attached.
pub(crate) fn public_evidence(item: &ItemRecord, id: i64, user: &Option<SignedIn>) -> bool {
    user.is_some() || item.state.evidence.iter().any(|e| e.id == id && e.public)
}

/// Where a request came from: the peer's address, or with `--trust-proxy` the address the
/// proxy put last in `X-Forwarded-For` (the one it saw; earlier entries are the client's
/// own claims). `unknown` when neither is there (a request made in process).
pub(crate) struct Origin(pub String);

impl FromRequestParts<AppState> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, std::convert::Infallible> {
        let forwarded = app
            .config
            .trust_proxy
            .then(|| {
                parts
                    .headers
                    .get_all(FORWARDED_FOR)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(','))
                    .map(str::trim)
                    .filter_map(|a| a.parse::<std::net::IpAddr>().ok())
                    .next_back()
            })
            .flatten();
        let peer = ConnectInfo::<SocketAddr>::from_request_parts(parts, app)
            .await
            .ok()
            .map(|c| c.0.ip());
        Ok(Origin(forwarded.or(peer).map_or_else(
            || "unknown".to_string(),
            |ip| ip.to_string(),
        )))
    }
}

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
    let version: i64 = f.version.trim().parse().map_err(|_| {
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
    body.map(|Json(v)| v).map_err(|e| match e.status() {
        StatusCode::UNPROCESSABLE_ENTITY => WebError::Unprocessable(e.body_text()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => WebError::UnsupportedMediaType(e.body_text()),
        StatusCode::PAYLOAD_TOO_LARGE => WebError::TooLarge(e.body_text()),
        _ => WebError::BadRequest(e.body_text()),
    })
}

/// A verifier signed in with a session whose request carries its CSRF token, or with an API
/// token (which needs none).
fn api_verifier(
    user: Option<SignedIn>,
    headers: &HeaderMap,
    what: &str,
) -> Result<SignedIn, WebError> {
    let s = signed_in_verifier(user, what)?;
    let sent = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !s.csrf_ok(sent) {
        return Err(WebError::Forbidden(format!(
            "send this session's CSRF token in the {CSRF_HEADER} header, or use an API token"
        )));
    }
    Ok(s)
}

/// The body of `POST /api/v1/items/{id}/verify`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifyBody {
    decision: String,
    note: Option<String>,
    version: Option<i64>,
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
    let if_match = headers
        .get(header::IF_MATCH)
        .map(|v| v.to_str().unwrap_or(""));
    let expected = heed_app::version::expected_version(if_match, body.version, "decision")?;
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
    fn only_the_secretariat_and_admins_verify() {
        let user = |role| User {
            id: 1,
            name: "x".into(),
            role,
            unit: None,
        };
        assert!(may_verify(&user(Role::Admin)));
        assert!(may_verify(&user(Role::Secretariat)));
        assert!(!may_verify(&user(Role::Owner)));
        assert!(!may_publish(&user(Role::Viewer)));
    }

    #[test]
    fn publishing_words_are_read_strictly() {
        assert_eq!(published_of("true").ok(), Some(true));
        assert_eq!(published_of(" off ").ok(), Some(false));
        assert!(published_of("maybe").is_err());
    }
}
