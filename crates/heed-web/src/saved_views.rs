//! Saved views: a search's filters kept under a name, with a shareable URL
//! (`/views/{slug}` leads to the search). Anyone signed in saves one from the search page;
//! its owner or the secretariat (and admins) delete it; everyone sees the list (`/views`,
//! the dashboard, `GET /api/v1/views`), readers not signed in without who saved each
//! (`access::views`). The filters are checked as the search checks them
//! before they are kept, so a saved view always opens.

use crate::auth::MaybeUser;
use crate::display::Nav;
use crate::display::ViewLink;
use crate::edge::page;
use crate::error::{ApiError, PageError, WebError};
use crate::filter::FilterParams;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use heed_app::accounts::may_delete_view;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "views.html")]
struct ViewsPage {
    title: String,
    nav: Nav,
    csrf: String,
    views: Vec<ViewLink>,
}

/// `GET /views`: every saved view.
pub(crate) async fn list(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Response, PageError> {
    let views = crate::access::views(&app, &user).await?;
    page(ViewsPage {
        title: "Saved views".into(),
        nav: Nav::from(&user),
        csrf: user.as_ref().map(|u| u.csrf.clone()).unwrap_or_default(),
        views,
    })
}

/// `GET /views/{slug}`: the search the view saved.
pub(crate) async fn open(
    State(app): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let view = app.store.saved_view(&slug).await?;
    Ok(Redirect::to(&format!("/search?{}", view.query)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct SaveForm {
    csrf: String,
    name: String,
    /// The search's URL (`/search?status=open`) or just its query string.
    search: String,
}

/// `POST /views`: saves a search under a name, then shows the list.
pub(crate) async fn save(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    form: Result<Form<SaveForm>, FormRejection>,
) -> Result<Response, PageError> {
    let me = user.ok_or_else(|| WebError::Unauthorized("sign in to save a view".into()))?;
    let Form(f) =
        form.map_err(|e| WebError::BadRequest(format!("the view form: {}", e.body_text())))?;
    if !me.csrf_ok(&f.csrf) {
        return Err(WebError::Forbidden(
            "the form did not come from this site, or your session changed; load the page again"
                .into(),
        )
        .into());
    }
    let raw = f.search.trim();
    let raw = raw
        .strip_prefix("/search")
        .unwrap_or(raw)
        .trim_start_matches('?');
    let params = FilterParams::from_query(Some(raw));
    // The same checks as the search: a saved view always opens.
    params.parse(app.today())?;
    let query = params.to_query(None);
    let view = app.store.save_view(me.user.id, &f.name, &query).await?;
    Ok(Redirect::to(&format!("/views#view-{}", view.slug)).into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct DeleteForm {
    csrf: String,
}

/// `POST /views/{slug}/delete`: by its owner, the secretariat or an admin.
pub(crate) async fn delete(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
    form: Result<Form<DeleteForm>, FormRejection>,
) -> Result<Response, PageError> {
    let me = user.ok_or_else(|| WebError::Unauthorized("sign in to delete a view".into()))?;
    let Form(f) =
        form.map_err(|e| WebError::BadRequest(format!("the delete form: {}", e.body_text())))?;
    if !me.csrf_ok(&f.csrf) {
        return Err(WebError::Forbidden(
            "the form did not come from this site, or your session changed; load the page again"
                .into(),
        )
        .into());
    }
    let view = app.store.saved_view(&slug).await?;
    if !may_delete_view(&me.user, &view) {
        return Err(WebError::Forbidden(format!(
            "{} ({}) may not delete {:?}: its owner ({}) or the secretariat may",
            me.user.name, me.user.role, view.name, view.owner
        ))
        .into());
    }
    app.store.delete_view(&slug).await?;
    Ok(Redirect::to("/views").into_response())
}

/// `GET /api/v1/views`: every saved view, with its URLs.
pub(crate) async fn api_list(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Response, ApiError> {
    let views = crate::access::views(&app, &user).await?;
    Ok(axum::Json(serde_json::json!({ "views": views })).into_response())
}
