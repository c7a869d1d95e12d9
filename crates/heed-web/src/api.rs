//! The JSON API under `/api/v1`: list items (filters, a count, pages by cursor), show one, update one with
//! optimistic concurrency (the version travels as an ETag; a stale update gets 409), list
//! reviews. Request bodies are parsed into the store's `UpdateRequest` (`changes.rs`,
//! as the progress form's are); anything malformed is a 4xx that says what was wrong.
//!
//! Updates come from a signed-in person (session cookie plus its CSRF token in
//! `X-CSRF-Token`), allowed by their role and recorded under their name; or, only when the
//! server was started with `--unauthenticated-api-writes`, from any client, recorded under
//! its self-declared name marked `unauthenticated:`. Otherwise 401.

use crate::auth::{CSRF_HEADER, MaybeUser, csrf_header_ok};
use crate::changes::{Changes, update_request};
use crate::edge::with_etag;
use crate::edge::{expected_version, json_rejection, parse_id};
use crate::error::{ApiError, WebError};
use crate::filter::FilterParams;
use crate::filter::{Found, page_of};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use heed_app::accounts::may_update;
use heed_app::version::{etag, version_of_etag};
use heed_core::date::Day;
use heed_core::{ItemId, Version};
use heed_store::{Actor, ItemRecord};
use serde::{Deserialize, Serialize};

type ApiResult = Result<Response, ApiError>;

/// The header a client names itself with; recorded as the author of its writes.
pub const CLIENT_HEADER: &str = "x-heed-client";

fn is_true(b: &bool) -> bool {
    *b
}

#[derive(Serialize)]
struct ItemList<'a> {
    items: &'a [ItemRecord],
    /// How many items match the filters, on every page; at least this many when
    /// `total_exact` is false (written only then).
    total: u64,
    #[serde(skip_serializing_if = "is_true")]
    total_exact: bool,
    per_page: u32,
    /// The URL of the next page, when there is one.
    next: Option<String>,
}

pub(crate) async fn list_items(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let params = FilterParams::from_query(raw.as_deref());
    let mut search = params.parse(app.today())?;
    crate::access::restrict(&mut search.filter, &user);
    // The same list asked again of the same register is the same body (`bodies.rs`). The
    // key holds everything the body is made from: the parsed search (with today's date and
    // what the reader may see) and the query as written (the `next` link repeats it).
    let version = app.store.register_version().await?;
    let key = format!("{search:?}\n{}", raw.as_deref().unwrap_or(""));
    let body = match app.bodies.get(version, &key) {
        Some(body) => body,
        None => {
            let Found { page, total } = page_of(&*app.store, &search).await?;
            // The key says whether the reader is signed in (`published_only`), so a body
            // made for the public is only ever given to the public.
            let public: Vec<ItemRecord>;
            let items: &[ItemRecord] = if user.is_none() {
                public = page
                    .items
                    .iter()
                    .cloned()
                    .map(|mut i| {
                        crate::access::for_public(&mut i, &user);
                        i
                    })
                    .collect();
                &public
            } else {
                &page.items
            };
            let next = page
                .next
                .map(|c| format!("/api/v1/items?{}", params.to_query(Some(c))));
            let list = ItemList {
                items,
                total: total.n,
                total_exact: total.exact,
                per_page: search.per_page,
                next,
            };
            let body = Bytes::from(
                serde_json::to_vec(&list)
                    .map_err(|e| WebError::Internal(format!("writing a list as JSON: {e}")))?,
            );
            app.bodies.put(version, key, body.clone());
            body
        }
    };
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response())
}

pub(crate) async fn reviews(State(app): State<AppState>, MaybeUser(user): MaybeUser) -> ApiResult {
    let reviews: Vec<_> = app
        .store
        .reviews()
        .await?
        .iter()
        .filter(|r| crate::access::sees(r.published, &user))
        .cloned()
        .collect();
    Ok(Json(serde_json::json!({ "reviews": reviews })).into_response())
}

/// Who is signed in, and the CSRF token their writes must carry.
pub(crate) async fn session(MaybeUser(user): MaybeUser) -> ApiResult {
    let signed_in = user.ok_or_else(|| WebError::Unauthorized("not signed in".into()))?;
    Ok(Json(serde_json::json!({ "user": signed_in.user, "csrf": signed_in.csrf })).into_response())
}

pub(crate) async fn show_item(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    let id: ItemId = parse_id(&raw, "item")?;
    let mut item = app.store.item(id, None).await?;
    crate::access::check_item(&app, &user, &item).await?;
    crate::access::for_public(&mut item, &user);
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .and_then(version_of_etag)
        == Some(item.version);
    if unchanged {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        if let Ok(v) = HeaderValue::from_str(&etag(item.version)) {
            r.headers_mut().insert(header::ETAG, v);
        }
        return Ok(r);
    }
    Ok(with_etag(&item, StatusCode::OK))
}

/// The body of `PATCH /api/v1/items/{id}`: the fields to change, and the version they are
/// based on (or send it as `If-Match`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemPatch {
    version: Option<Version>,
    status: Option<String>,
    rag: Option<String>,
    note: Option<String>,
    owner: Option<String>,
    deadline: Option<DeadlinePatch>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeadlinePatch {
    due: String,
    reason: String,
}

pub(crate) async fn update_item(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    crate::access::Origin(origin): crate::access::Origin,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Result<Json<ItemPatch>, JsonRejection>,
) -> ApiResult {
    let id: ItemId = parse_id(&raw, "item")?;
    let Json(patch) = body.map_err(json_rejection)?;
    // Only a verifier's closing status closes the item; anyone else's is a claim.
    let mut claim_only = true;
    let actor = match user {
        Some(signed_in) => {
            if !csrf_header_ok(&signed_in, &headers) {
                return Err(WebError::Forbidden(format!(
                    "send this session's CSRF token in the {CSRF_HEADER} header"
                ))
                .into());
            }
            let item = app.store.item(id, None).await?;
            if !may_update(&signed_in.user, &item) {
                return Err(WebError::Forbidden(format!(
                    "{} ({}) may not change item {id}{}",
                    signed_in.user.name,
                    signed_in.user.role,
                    if signed_in.user.role == heed_store::Role::Owner {
                        ": an owner changes only the items owned in their name or their unit's"
                    } else {
                        ""
                    }
                ))
                .into());
            }
            if patch.owner.is_some() && !heed_app::accounts::may_reassign(&signed_in.user) {
                return Err(WebError::Forbidden(format!(
                    "{} ({}) may not change who owns an item; ask the secretariat",
                    signed_in.user.name, signed_in.user.role
                ))
                .into());
            }
            claim_only = !heed_app::accounts::may_verify(&signed_in.user);
            signed_in.actor()
        }
        None if app.config.api_writes => {
            // An unpublished item is as absent to this client as to any other reader.
            let item = app.store.item(id, None).await?;
            crate::access::check_item(&app, &None, &item).await?;
            let client = headers
                .get(CLIENT_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .filter(|c| !c.is_empty() && c.len() <= 64)
                .unwrap_or("anonymous");
            Actor::Api(format!("unauthenticated:{client}"))
        }
        None => {
            return Err(WebError::Unauthorized(
                "sign in to change items (POST /login), or start the server with \
                 `heed serve --unauthenticated-api-writes`"
                    .into(),
            )
            .into());
        }
    };
    let expected = expected_version(&headers, patch.version, "update")?;
    let mut update = update_request(patch.into_changes(), actor, expected, app.today())?;
    update.claim_only = claim_only;
    update.origin = Some(origin);
    let item = app.store.record_update(id, update).await?;
    Ok(with_etag(&item, StatusCode::OK))
}

/// What [`update_item`] checks of a body before it asks the register: its JSON, its
/// version (as if no `If-Match` came) and the typed changes; the 4xx it would answer.
pub(crate) fn check_patch(body: &[u8], today: Day) -> Result<(), WebError> {
    let Json(patch) = Json::<ItemPatch>::from_bytes(body).map_err(json_rejection)?;
    let expected = expected_version(&HeaderMap::new(), patch.version, "update")?;
    update_request(
        patch.into_changes(),
        Actor::Api("check".into()),
        expected,
        today,
    )?;
    Ok(())
}

impl ItemPatch {
    fn into_changes(self) -> Changes {
        Changes {
            status: self.status,
            rag: self.rag,
            note: self.note,
            owner: self.owner,
            deadline: self.deadline.map(|d| (d.due, d.reason)),
        }
    }
}
