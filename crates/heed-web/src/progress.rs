//! Recording progress from the item page: the HTML form's POST, for a signed-in person whose
//! role allows it (the same rule and the same parsing as the API's update), with the
//! session's CSRF token and the version the person saw, so a stale form gets 409.

use crate::AppState;
use crate::api::{Changes, update_request};
use crate::auth::{MaybeUser, may_update, same_secret};
use crate::error::{PageError, WebError};
use crate::pages::parse_id;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use heed_core::ItemId;
use heed_store::Actor;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(crate) struct ProgressForm {
    csrf: String,
    version: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    rag: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    reason: String,
}

pub(crate) async fn record(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(raw): Path<String>,
    body: Result<Form<ProgressForm>, FormRejection>,
) -> Result<Response, PageError> {
    let id: ItemId = parse_id(&raw, "item")?;
    let Some(signed_in) = user else {
        return Err(WebError::Unauthorized("sign in to record progress".into()).into());
    };
    let Form(f) =
        body.map_err(|e| WebError::BadRequest(format!("the progress form: {}", e.body_text())))?;
    if !same_secret(&f.csrf, &signed_in.csrf) {
        return Err(WebError::Forbidden(
            "the form did not come from this site, or your session changed; load the item again"
                .into(),
        )
        .into());
    }
    let item = app.store.item(id, None).await?;
    if !may_update(&signed_in.user, &item) {
        return Err(WebError::Forbidden(format!(
            "{} ({}) may not change item {id}",
            signed_in.user.name, signed_in.user.role
        ))
        .into());
    }
    let version: i64 = f.version.trim().parse().map_err(|_| {
        WebError::BadRequest(format!(
            "the progress form: {:?} is not a version",
            f.version
        ))
    })?;
    let deadline = if f.deadline.trim().is_empty() {
        None
    } else {
        Some((f.deadline, f.reason))
    };
    let changes = Changes {
        status: Some(f.status),
        rag: Some(f.rag),
        note: Some(f.note),
        owner: None,
        deadline,
    };
    let update = update_request(
        changes,
        Actor::Person(signed_in.user.name),
        version,
        app.today(),
    )?;
    app.store.record_update(id, update).await?;
    Ok(Redirect::to(&format!("/items/{id}#history")).into_response())
}
