//! Accounts in the web layer: the signed-in person read from the session cookie (or a bearer
//! token), cookies, and sign-in throttling. Hashes, tokens and the rules of who may change
//! what are the application's (`heed_app::accounts`), shared with `heed user` and `heed token`.
//!
//! Sessions live in the register (`Store::start_session`), so several `heed` processes on
//! one PostgreSQL database share them; the register keeps only each token's SHA-256.

use crate::AppState;
use crate::error::{ApiError, PageError};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
pub use heed_app::accounts::{
    dummy_hash, may_reassign, may_update, random_token, same_secret, token_hash, verify_password,
};
use heed_store::User;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The cookie that carries a session token.
pub const SESSION_COOKIE: &str = "heed_session";
/// The cookie that carries the sign-in form's CSRF token (double submit).
pub const LOGIN_CSRF_COOKIE: &str = "heed_login_csrf";
/// The header an API client sends its session's CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts.
pub const SESSION_SECONDS: i64 = 8 * 3600;
/// Failed sign-ins for one name from one client address before each next try waits.
const FREE_FAILURES: u32 = 3;
/// Failed sign-ins from one client address, whatever the names, before it waits.
const FREE_FAILURES_PER_ADDRESS: u32 = 20;
/// The longest wait, and how long failures are remembered after the last one.
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// Failures remembered at most (the oldest forgotten first, beyond it).
const REMEMBERED: usize = 10_000;

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

/// The signed-in person, if any: read from the session cookie on every request.
pub(crate) struct MaybeUser(pub Option<SignedIn>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        if let Some(crate::tokens::BearerUser(found)) = parts.extensions.get() {
            return Ok(MaybeUser(Some(found.clone())));
        }
        if parts.headers.contains_key(header::AUTHORIZATION) {
            return crate::tokens::bearer(parts, app).await.map(MaybeUser);
        }
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Ok(MaybeUser(None));
        };
        let hash = token_hash(&token);
        match app.store.session(&hash).await {
            Ok(found) => Ok(MaybeUser(found.map(|(user, csrf)| SignedIn {
                user,
                csrf,
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

/// Failed sign-ins, to slow down password guessing (per process), by client address and
/// name together, and by address alone: after [`FREE_FAILURES`] failures for a name from an
/// address, each next try from there waits 1, 2, 4 ... seconds (at most [`MAX_WAIT`]).
/// Nothing locks an account for everyone: the same name from another address is not
/// slowed, so someone guessing cannot keep its owner out.
#[derive(Debug, Default)]
pub(crate) struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

fn backoff(count: u32, free: u32) -> Option<Duration> {
    let over = count.checked_sub(free)?;
    Some(Duration::from_secs(1u64 << over.min(20)).min(MAX_WAIT))
}

impl Throttle {
    fn keys(address: &str, name: &str) -> [(String, u32); 2] {
        [
            (format!("{address}\n{}", name.to_lowercase()), FREE_FAILURES),
            (address.to_string(), FREE_FAILURES_PER_ADDRESS),
        ]
    }

    /// How long a sign-in as `name` from `address` must still wait, if at all.
    pub fn wait(&self, address: &str, name: &str) -> Option<Duration> {
        let map = self.failures.lock().ok()?;
        Throttle::keys(address, name)
            .iter()
            .filter_map(|(key, free)| {
                let (count, last) = map.get(key)?;
                let wait = backoff(*count, *free)?;
                wait.checked_sub(last.elapsed()).filter(|w| !w.is_zero())
            })
            .max()
    }

    pub fn failed(&self, address: &str, name: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if map.len() >= REMEMBERED {
                map.retain(|_, (_, last)| last.elapsed() < MAX_WAIT);
            }
            if map.len() >= REMEMBERED
                && let Some(oldest) = map
                    .iter()
                    .min_by_key(|(_, (_, last))| *last)
                    .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
            for (key, _) in Throttle::keys(address, name) {
                let entry = map.entry(key).or_insert((0, Instant::now()));
                if entry.1.elapsed() >= MAX_WAIT {
                    entry.0 = 0;
                }
                entry.0 += 1;
                entry.1 = Instant::now();
            }
        }
    }

    /// A sign-in succeeded: that name's failures from that address are forgotten.
    pub fn succeeded(&self, address: &str, name: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(&Throttle::keys(address, name)[0].0);
        }
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

    #[test]
    fn sign_in_is_throttled_by_address_and_name_with_backoff() {
        let t = Throttle::default();
        for _ in 0..FREE_FAILURES {
            assert!(t.wait("192.0.2.1", "Ann").is_none());
            t.failed("192.0.2.1", "ann");
        }
        let first = t.wait("192.0.2.1", "ANN").expect("waits");
        assert!(first <= Duration::from_secs(1), "{first:?}");
        t.failed("192.0.2.1", "ann");
        let second = t.wait("192.0.2.1", "ann").expect("waits");
        assert!(second > Duration::from_secs(1), "backs off: {second:?}");
        // Another address, or another name, is not held up.
        assert!(t.wait("198.51.100.2", "ann").is_none());
        assert!(t.wait("192.0.2.1", "bob").is_none());
        t.succeeded("192.0.2.1", "ann");
        assert!(t.wait("192.0.2.1", "ann").is_none());
        // Many names from one address: the address waits.
        let t = Throttle::default();
        for i in 0..FREE_FAILURES_PER_ADDRESS {
            t.failed("192.0.2.9", &format!("user{i}"));
        }
        assert!(t.wait("192.0.2.9", "someone-else").is_some());
        assert_eq!(backoff(100, FREE_FAILURES), Some(MAX_WAIT));
    }
}
