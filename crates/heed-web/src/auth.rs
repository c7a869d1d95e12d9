//! Accounts in the web layer: Argon2id password hashes, session tokens and CSRF tokens,
//! the signed-in person read from the session cookie, and the rules of who may change what.
//!
//! Sessions live in the register (`Store::start_session`), so several `heed` processes on
//! one PostgreSQL database share them; the register keeps only each token's SHA-256.

use crate::AppState;
use crate::error::{ApiError, PageError, WebError};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use heed_store::{ItemRecord, Role, User};
use sha2::{Digest, Sha256};
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

/// Hashes a password as an Argon2id PHC string.
pub fn hash_password(password: &str) -> Result<String, WebError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| WebError::Internal(format!("hashing a password: {e}")))
}

/// A hash of a password nobody has, checked when a name has no account.
pub(crate) fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// 32 random bytes from the operating system, as hex.
pub(crate) fn random_token() -> Result<String, WebError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| WebError::Internal(format!("no random numbers from the system: {e}")))?;
    Ok(hex(&bytes))
}

/// How a token is kept in the register.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets without stopping at the first difference.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

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

/// Whether `user` may change `item`: admin and secretariat anything, an owner the items
/// owned in their name or their unit's, a viewer nothing.
pub fn may_update(user: &User, item: &ItemRecord) -> bool {
    match user.role {
        Role::Admin | Role::Secretariat => true,
        Role::Viewer => false,
        Role::Owner => {
            let owner = item.state.owner.as_deref().map(str::trim).unwrap_or("");
            !owner.is_empty()
                && (owner.eq_ignore_ascii_case(user.name.trim())
                    || user
                        .unit
                        .as_deref()
                        .is_some_and(|u| owner.eq_ignore_ascii_case(u.trim())))
        }
    }
}

/// Whether `user` may reassign items to another owner: admin and secretariat only.
pub fn may_reassign(user: &User) -> bool {
    matches!(user.role, Role::Admin | Role::Secretariat)
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
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("correct horsE", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_kept_hashed() {
        let a = random_token().expect("token");
        let b = random_token().expect("token");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret("ab", "abc"));
    }

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
