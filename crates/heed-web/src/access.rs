//! Who may see what, and where a write came from: the rules every handler asks, written once.
//! What a reader who is not signed in may see is only published reviews, and everything in
//! them.
//!
//! The visibility rule lives here once: listings narrow the store's `ItemFilter` with
//! [`restrict`], single things ask [`check_review`] / [`check_item`], which answer 404 for
//! an unpublished review so that its existence does not leak. What a reader not signed in
//! is shown of a published item is [`for_public`] / [`events_for_public`]: the items,
//! statuses and notes, with every staff name read as "staff", no client address, and only
//! the evidence marked public when it was attached ([`public_evidence`]); of a review's
//! reports and of the saved views, likewise no names ([`reports_for_public`], [`views`]). [`Origin`] is the
//! client address each write records. Who may verify, publish or change an item is the
//! application's rule (`heed_app::accounts`).

use crate::auth::SignedIn;
use crate::display::{ViewLink, view_links};
use crate::error::WebError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::extract::connect_info::ConnectInfo;
use axum::http::request::Parts;
use heed_core::{EvidenceId, ReviewId};
use heed_store::{Change, Event, ItemFilter, ItemRecord, ItemState, ReportSummary, Source};
use std::net::SocketAddr;

/// The header a trusted reverse proxy names the client in (`heed serve --trust-proxy`).
pub const FORWARDED_FOR: &str = "x-forwarded-for";

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

/// What a reader not signed in is shown of a review's reports: who imported each reads
/// "staff".
pub(crate) fn reports_for_public(reports: &mut [ReportSummary], user: &Option<SignedIn>) {
    if user.is_none() {
        reports
            .iter_mut()
            .for_each(|r| r.imported_by = STAFF.to_string());
    }
}

/// The saved views as links for this reader (everyone sees the list: a view's link is
/// shareable), each marked deletable when they may delete it; for a reader not signed in,
/// who saved each reads "staff".
pub(crate) async fn views(
    app: &AppState,
    user: &Option<SignedIn>,
) -> Result<Vec<ViewLink>, WebError> {
    let mut views = view_links(&*app.store, user.as_ref().map(|s| &s.user)).await?;
    if user.is_none() {
        views.iter_mut().for_each(|v| v.owner = STAFF.to_string());
    }
    Ok(views)
}

/// Whether the reader may download evidence file `id` of `item` (already checked with
/// [`check_item`]): signed in, or the file was marked public when attached.
pub(crate) fn public_evidence(item: &ItemRecord, id: EvidenceId, user: &Option<SignedIn>) -> bool {
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
