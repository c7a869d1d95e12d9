//! What every handler can reach: the configuration the binary chose ([`Config`]) and the
//! shared state built from it ([`AppState`]: the register, sign-in throttling, the bodies
//! kept per register version), and the one place the web layer reads the clock.

use crate::bodies::{Bodies, Weigh};
use crate::display::SearchResults;
use crate::throttle::Throttle;
use heed_core::date::Day;
use heed_store::Store;
use std::sync::Arc;
use std::time::Duration;

/// How the web application behaves; the binary builds it from the command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// The day "overdue" and "due soon" are measured from; `None` reads the clock (tests pin it).
    pub today: Option<Day>,
    /// Whether `PATCH /api/v1/items/{id}` also accepts changes from clients that are not
    /// signed in (recorded as `unauthenticated:NAME`). Off unless the person starting the
    /// server turns it on; signed-in people write according to their role either way.
    pub api_writes: bool,
    /// Bodies larger than this are refused with 413 before they are read.
    pub max_body_bytes: usize,
    /// The progress form, which may carry an evidence file, is allowed this much instead.
    pub max_upload_bytes: usize,
    /// Whether cookies carry the `Secure` flag (sent over HTTPS and to localhost only).
    pub secure_cookies: bool,
    /// Whether the client address recorded with each write is read from `X-Forwarded-For`
    /// (set by a reverse proxy in front) rather than the connection's peer address.
    pub trust_proxy: bool,
    /// [`serve`] closes a connection that has not sent a whole request head within this
    /// long: a new one, or a kept-alive one between requests.
    pub header_timeout: Duration,
    /// [`serve`] cuts off a request body that sends nothing for this long ...
    pub body_idle_timeout: Duration,
    /// ... or that is not all there this long after its head.
    pub body_deadline: Duration,
    /// [`serve`] serves at most this many connections at once; the next wait to be accepted.
    pub max_connections: usize,
    /// ... and at most this many from one client address (the connection's peer: behind a
    /// reverse proxy, the proxy's); more from that address are answered 429 and closed,
    /// so one client cannot take every slot from the others.
    pub max_connections_per_address: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            today: None,
            api_writes: false,
            max_body_bytes: 64 * 1024,
            max_upload_bytes: 10 * 1024 * 1024,
            secure_cookies: true,
            trust_proxy: false,
            header_timeout: Duration::from_secs(10),
            body_idle_timeout: Duration::from_secs(30),
            body_deadline: Duration::from_secs(300),
            max_connections: 512,
            max_connections_per_address: 32,
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub(crate) struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub throttle: Arc<Throttle>,
    /// Response bodies made lately, per register version (`bodies.rs`).
    pub bodies: Arc<Bodies>,
    /// Search results as shown (the table, the count, the next page), per register version.
    pub searches: Arc<Bodies<Arc<SearchResults>>>,
    /// The dashboard's figures as HTML, per register version, day and visibility.
    pub dashboards: Arc<Bodies<Arc<String>>>,
}

impl AppState {
    /// Today: the pinned day, or the clock's (UTC). The only place the web layer reads the clock.
    pub fn today(&self) -> Day {
        self.config.today.unwrap_or_else(|| {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            Day::from_epoch_days(secs.div_euclid(86_400))
        })
    }
}

/// A search's results table weighs its HTML (kept in `AppState::searches`). Here rather
/// than in `bodies` or `display`, which are of one layer and import neither.
impl Weigh for Arc<SearchResults> {
    fn weight(&self) -> usize {
        self.table.len() + std::mem::size_of::<SearchResults>()
    }
}
