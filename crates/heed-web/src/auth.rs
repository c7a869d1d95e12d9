//! Who is asking: the signed-in person read from the session cookie, or from an API token in
//! `Authorization: Bearer` (checked on every route by [`check_bearer`]), and the cookies
//! that carry a session. Hashes, tokens and the rules of who may change what are the
//! application's (`heed_app::accounts`), shared with `heed user` and `heed token`; sign-in
//! throttling is `throttle.rs`.
//!
//! Sessions live in the register (`Store::start_session`), so several `heed` processes on
//! one PostgreSQL database share them; the register keeps only each token's SHA-256.

use crate::display::{Nav, NavUser};
use crate::error::{ApiError, PageError, WebError};
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use heed_app::accounts::{random_token, same_secret, token_hash};
use heed_store::{TokenLookup, User};

/// The cookie that carries a session token.
pub const SESSION_COOKIE: &str = "heed_session";
/// The cookie that carries the sign-in form's CSRF token (double submit).
pub const LOGIN_CSRF_COOKIE: &str = "heed_login_csrf";
/// The header an API client sends its session's CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 8 * 3600;
/// A cookie's value from the request's `Cookie` headers.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, and Secure unless turned off.
pub(crate) fn set_cookie(
    name: &str,
    value: &str,
    path: &str,
    max_age: i64,
    secure: bool,
) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path={path}; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

/// The person signed in, with their session's CSRF token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub csrf: String,
    pub token_hash: String,
    /// The API token's name when the request came with `Authorization: Bearer` rather
    /// than a session cookie (no CSRF token is needed then: browsers do not send it on
    /// their own).
    pub via_token: Option<String>,
}

impl SignedIn {
    /// Who a write is recorded as made by: the person, or the person through a named token.
    pub fn actor(&self) -> heed_store::Actor {
        match &self.via_token {
            None => heed_store::Actor::Person(self.user.name.clone()),
            Some(token) => heed_store::Actor::Api(format!("{} via token {token}", self.user.name)),
        }
    }

    /// Whether a write needs this session's CSRF token (cookies do; bearer tokens do not),
    /// and whether `sent` is it.
    pub fn csrf_ok(&self, sent: &str) -> bool {
        self.via_token.is_some() || same_secret(sent, &self.csrf)
    }
}

/// Whether an API write's `X-CSRF-Token` header carries this session's token (a bearer
/// token needs none).
pub(crate) fn csrf_header_ok(me: &SignedIn, headers: &HeaderMap) -> bool {
    let sent = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    me.csrf_ok(sent)
}

/// A session's API write carries its CSRF token in `X-CSRF-Token`; a bearer token needs none.
pub(crate) fn api_csrf(me: &SignedIn, headers: &HeaderMap) -> Result<(), WebError> {
    if csrf_header_ok(me, headers) {
        Ok(())
    } else {
        Err(WebError::Forbidden(format!(
            "send this session's CSRF token in the {CSRF_HEADER} header, or use an API token"
        )))
    }
}

/// The header's account bar for the person signed in, if any.
impl From<&Option<SignedIn>> for Nav {
    fn from(signed_in: &Option<SignedIn>) -> Nav {
        Nav {
            user: signed_in.as_ref().map(|s| NavUser {
                name: s.user.name.clone(),
                role: s.user.role.to_string(),
                csrf: s.csrf.clone(),
            }),
        }
    }
}

/// The signed-in person, if any: read from the session cookie on every request.
pub(crate) struct MaybeUser(pub Option<SignedIn>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        if let Some(BearerUser(found)) = parts.extensions.get() {
            return Ok(MaybeUser(Some(found.clone())));
        }
        if parts.headers.contains_key(header::AUTHORIZATION) {
            return bearer(parts, app).await.map(MaybeUser);
        }
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Ok(MaybeUser(None));
        };
        let hash = token_hash(&token);
        match app.store.session(&hash).await {
            Ok(found) => Ok(MaybeUser(found.map(|session| SignedIn {
                user: session.user,
                csrf: session.csrf_token,
                token_hash: hash,
                via_token: None,
            }))),
            Err(e) if parts.uri.path().starts_with("/api/") => {
                Err(ApiError(e.into()).into_response())
            }
            Err(e) => Err(PageError(e.into()).into_response()),
        }
    }
}

/// The person a bearer token acts as, found once per request by [`check_bearer`].
#[derive(Clone)]
pub(crate) struct BearerUser(pub SignedIn);

/// Checks every request's `Authorization` header, on every route (a read with a revoked
/// token is refused too): 401 for a bad one, and the person it acts as for the handlers.
pub(crate) async fn check_bearer(
    State(app): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !request.headers().contains_key(header::AUTHORIZATION) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    match bearer(&parts, &app).await {
        Ok(found) => {
            if let Some(signed_in) = found {
                parts.extensions.insert(BearerUser(signed_in));
            }
            next.run(axum::extract::Request::from_parts(parts, body))
                .await
        }
        Err(refused) => refused,
    }
}

/// The person a request's `Authorization: Bearer` token acts as; 401 (as JSON under
/// `/api/`, a page elsewhere) for any other scheme, an unknown or a revoked token.
pub(crate) async fn bearer(parts: &Parts, app: &AppState) -> Result<Option<SignedIn>, Response> {
    let refuse = |e: WebError| {
        if parts.uri.path().starts_with("/api/") {
            ApiError(e).into_response()
        } else {
            PageError(e).into_response()
        }
    };
    let value = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(token) = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        return Err(refuse(WebError::Unauthorized(
            "Authorization: expected \"Bearer TOKEN\" with a token made by `heed token create` or on the tokens page".into(),
        )));
    };
    match app.store.api_token(&token_hash(token)).await {
        Ok(TokenLookup::Valid { user, token_name }) => {
            // A CSRF token nobody knows: forms need a session, not a bearer token.
            let csrf = random_token().map_err(|e| refuse(e.into()))?;
            Ok(Some(SignedIn {
                user,
                csrf,
                token_hash: String::new(),
                via_token: Some(token_name),
            }))
        }
        Ok(TokenLookup::Revoked(name)) => Err(refuse(WebError::Unauthorized(format!(
            "the API token {name:?} was revoked; ask for a new one"
        )))),
        Ok(TokenLookup::Unknown) => Err(refuse(WebError::Unauthorized(
            "unknown API token: it was mistyped, or never made here".into(),
        ))),
        Err(e) => Err(refuse(e.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; heed_session=abc; b=2".parse().expect("header"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }
}
