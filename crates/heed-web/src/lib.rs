//! Heed's web application: the register as server-rendered pages for people (dashboard,
//! reviews, items, search) and as a JSON API under `/api/v1` for programs, over any
//! [`Store`]. The binary's `heed serve` opens the store and calls [`serve`]; tests call
//! [`router`] and drive it in process.
//!
//! Handlers (`pages.rs`, `api.rs`) turn raw requests into domain values at the edge
//! (`filter.rs`), ask the store, and hand plain view values to templates or JSON. HTTP status
//! codes are decided in one place, `error.rs`.

// The OpenAPI document is one `json!` literal, deeper than the default limit allows.
#![recursion_limit = "256"]

// Modules in layers; each imports only from the layers above it (`tests/layers.rs` checks):
// 1. values with no web state: what pages show, charts, the dashboard's trend, kept bodies,
//    sign-in throttling;
mod bodies;
mod chart;
mod display;
mod throttle;
mod trend;
// 2. errors and their one mapping to HTTP;
mod error;
// 3. the shared state and configuration;
mod state;
// 4. the request's edge and forms: ids and responses, filter parameters, typed changes,
//    corrections to an upload's reading;
mod changes;
mod corrections;
mod edge;
mod filter;
// 5. who is asking (sessions, bearer tokens), then what they may see (visibility, origin);
mod access;
mod auth;
// 6. handlers, one module per part of the site; `lib.rs` routes to them.
mod api;
mod dashboard;
mod download;
mod import;
mod login;
mod openapi;
mod pages;
mod progress;
mod saved_views;
mod tokens;
mod workflow;

pub use error::WebError;
use state::AppState;
pub use state::Config;

/// A JSON request body of the API, for [`check_api_body`].
#[derive(Debug, Clone, Copy)]
pub enum ApiBody<'a> {
    /// `PATCH /api/v1/items/{id}`.
    ItemPatch,
    /// `POST /api/v1/items/{id}/verify`.
    Verify,
    /// `POST /api/v1/reviews/{id}/publish`.
    Publish,
    /// `POST /api/v1/imports/{id}/confirm`, with the upload's document as read.
    ImportConfirm(&'a heed_core::Document),
}

/// Reads a request body as the server reads that route's body and makes every check the
/// server makes of it before it asks the register; the error is the 4xx it would answer.
/// For holding the API's edge to account without a server or a register (the fuzz
/// targets); the handlers call the same functions.
pub fn check_api_body(
    body: ApiBody<'_>,
    bytes: &[u8],
    today: heed_core::date::Day,
) -> Result<(), WebError> {
    match body {
        ApiBody::ItemPatch => api::check_patch(bytes, today),
        ApiBody::Verify => workflow::check_verify(bytes),
        ApiBody::Publish => workflow::check_publish(bytes),
        ApiBody::ImportConfirm(upload) => import::check_confirm(bytes, upload, today),
    }
}

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use heed_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;

/// The whole application: every page and API route, with the body limit applied.
pub fn router(store: Arc<dyn Store>, config: Config) -> Router {
    let limit = config.max_body_bytes;
    let upload_limit = config.max_upload_bytes;
    let state = AppState {
        store,
        config: Arc::new(config),
        throttle: Arc::default(),
        bodies: bodies::bodies(),
        searches: bodies::bodies(),
        dashboards: bodies::bodies(),
    };
    Router::new()
        .route("/", get(dashboard::dashboard))
        .route("/reviews", get(pages::reviews))
        .route("/reviews/{id}", get(pages::review))
        .route("/reviews/{id}/report", get(download::report))
        .route("/items/{id}", get(pages::item))
        .route("/search", get(pages::search))
        .route("/login", get(login::login_form).post(login::login))
        .route("/logout", axum::routing::post(login::logout))
        .route("/evidence/{id}", get(pages::evidence))
        .route(
            "/items/{id}/verify",
            axum::routing::post(workflow::verify_form),
        )
        .route(
            "/reviews/{id}/publish",
            axum::routing::post(workflow::publish_form),
        )
        .route(
            "/api/v1/items/{id}/verify",
            axum::routing::post(workflow::api_verify),
        )
        .route(
            "/api/v1/reviews/{id}/publish",
            axum::routing::post(workflow::api_publish),
        )
        .route("/static/style.css", get(pages::stylesheet))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/v1/reviews", get(api::reviews))
        .route("/api/v1/session", get(api::session))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/revoke", axum::routing::post(tokens::revoke))
        .route("/views", get(saved_views::list).post(saved_views::save))
        .route("/views/{slug}", get(saved_views::open))
        .route(
            "/views/{slug}/delete",
            axum::routing::post(saved_views::delete),
        )
        .route("/api/v1/views", get(saved_views::api_list))
        .route("/api/v1/items", get(api::list_items))
        .route(
            "/api/v1/items/{id}",
            get(api::show_item).patch(api::update_item),
        )
        // Every route reads at most `limit` bytes of body, refused from Content-Length
        // before reading; the progress form (which may carry evidence) `upload_limit`.
        .layer(DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        .merge(
            Router::new()
                .route(
                    "/items/{id}/progress",
                    axum::routing::post(progress::record),
                )
                // Imports carry whole documents (and their previews' corrections).
                .route("/import", get(import::form).post(import::upload))
                .route("/import/{id}", get(import::preview).post(import::confirm))
                .route("/api/v1/imports", axum::routing::post(import::api_upload))
                .route(
                    "/api/v1/imports/{id}/confirm",
                    axum::routing::post(import::api_confirm),
                )
                .layer(DefaultBodyLimit::max(upload_limit))
                .layer(RequestBodyLimitLayer::new(upload_limit)),
        )
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::check_bearer,
        ))
        .layer(axum::middleware::map_response(security_headers))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(
                    tower_http::trace::DefaultMakeSpan::new().level(tracing::Level::INFO),
                )
                .on_request(())
                .on_response(
                    tower_http::trace::DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Micros),
                ),
        )
        .with_state(state)
}

/// Headers on every answer: pages load nothing from elsewhere and run no script (there is
/// none), are not framed, and are not sniffed into another content type.
async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM (what service managers send): requests in flight
/// finish, then the server stops and the binary closes the register.
async fn shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The answer to a connection over [`Config::max_connections_per_address`], written
/// before it is closed (without reading its request).
const TOO_MANY_FROM_ADDRESS: &[u8] = b"HTTP/1.1 429 Too Many Requests\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 46\r\nretry-after: 1\r\nconnection: close\r\n\r\nToo many connections from your address at once";

/// The connections open per client address, each at most `limit`.
struct PerAddress {
    limit: usize,
    open: std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>,
}

impl PerAddress {
    /// Counts one more connection from `ip`, or `None` when it already has `limit` open.
    /// The count goes down when the returned guard is dropped.
    fn take(self: &Arc<Self>, ip: std::net::IpAddr) -> Option<AddressSlot> {
        // An IPv4 client on an IPv6 socket is the same client as on an IPv4 one.
        let ip = ip.to_canonical();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let n = open.entry(ip).or_insert(0);
        if *n >= self.limit {
            return None;
        }
        *n += 1;
        Some(AddressSlot {
            of: self.clone(),
            ip,
        })
    }
}

/// One open connection from an address, counted in [`PerAddress`] until dropped.
struct AddressSlot {
    of: Arc<PerAddress>,
    ip: std::net::IpAddr,
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut open = self.of.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Serves the application on `addr` until Ctrl-C or SIGTERM.
pub async fn serve(addr: SocketAddr, store: Arc<dyn Store>, config: Config) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_on(listener, store, config, shutdown()).await
}

/// Serves the application on a bound listener until `stop` resolves; connections in
/// flight then finish their requests (the binary's `serve`, and tests on port 0).
///
/// What `axum::serve` does, plus what a server on a network needs against slow or
/// stalled clients (which would otherwise hold a connection, and its task, forever):
/// - a head not all there within [`Config::header_timeout`] closes the connection (hyper's
///   header read timeout: also an idle kept-alive connection, between requests);
/// - a body stalled for [`Config::body_idle_timeout`], or not all there within
///   [`Config::body_deadline`], is cut off (its handler sees a failed body, a 4xx);
/// - at most [`Config::max_connections`] are served at once; the next wait in the
///   listen queue until one closes, so a crowd of slow clients delays others by at most a
///   header timeout rather than starving them;
/// - at most [`Config::max_connections_per_address`] of them from one client address: the
///   next from that address is answered 429 and closed at once, so one client cannot take
///   every slot while others wait.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    store: Arc<dyn Store>,
    config: Config,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;
    let limits = config.clone();
    let app = router(store, config)
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            limits.body_idle_timeout,
        ))
        .layer(tower_http::timeout::RequestBodyDeadlineLayer::new(
            limits.body_deadline,
        ));
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let per_address = Arc::new(PerAddress {
        limit: limits.max_connections_per_address.max(1),
        open: std::sync::Mutex::default(),
    });
    // Closed when serving stops: each connection then finishes its request and closes.
    let (stopping, stopped) = tokio::sync::watch::channel(());
    let mut stop = std::pin::pin!(stop);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors, a connection reset before it was accepted: wait a
                // moment rather than spin, and go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let Some(held) = per_address.take(peer.ip()) else {
            // Not waited for: the slot goes back at once, and the client is told why.
            drop(slot);
            let _ = stream.try_write(TOO_MANY_FROM_ADDRESS);
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        // The peer's address travels with each request: writes record where they came from.
        let service = app.clone().map_request(
            move |mut request: axum::http::Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                request.map(axum::body::Body::new)
            },
        );
        let service = hyper_util::service::TowerToHyperService::new(service);
        let mut stopped = stopped.clone();
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = http
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopped.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(held);
            drop(slot);
        });
    }
    drop(stopped);
    // Graceful: tell every connection, then wait until each has given its slot back.
    stopping.send_replace(());
    drop(stopping);
    let _ = slots
        .acquire_many(u32::try_from(limits.max_connections.max(1)).unwrap_or(u32::MAX))
        .await;
    Ok(())
}
