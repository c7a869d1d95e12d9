//! The `/tokens` page: API tokens, how programs act as a person without a browser session
//! (a request's token is read in `auth.rs`). A program sends
//! `Authorization: Bearer TOKEN`; the register keeps only the token's SHA-256, so a copy of
//! the database lets nobody in. A token acts with its person's role, needs no CSRF token
//! (a browser never sends it on its own), and its writes are recorded as the person "via
//! token NAME". Tokens are made with `heed token create` or on the `/tokens` page, where a
//! signed-in person manages their own; a revoked or unknown token gets 401 saying which.

use crate::auth::{MaybeUser, SignedIn};
use crate::display::Nav;
use crate::edge::page;
use crate::error::{PageError, WebError};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::{IntoResponse, Response};
use heed_store::ApiToken;
use serde::Deserialize;

use heed_app::accounts::new_api_token;

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    title: String,
    nav: Nav,
    csrf: String,
    tokens: Vec<ApiToken>,
    /// A token just made: shown this once.
    created: Option<(String, String)>,
    error: Option<String>,
}

/// The signed-in person, or 401 for these pages.
fn signed_in(user: Option<SignedIn>) -> Result<SignedIn, WebError> {
    user.ok_or_else(|| WebError::Unauthorized("sign in to manage your API tokens".into()))
}

async fn render(
    app: &AppState,
    me: &SignedIn,
    created: Option<(String, String)>,
    error: Option<String>,
) -> Result<Response, PageError> {
    let tokens = app.store.api_tokens(Some(&me.user.name)).await?;
    page(TokensPage {
        title: "API tokens".into(),
        nav: Nav::from(&Some(me.clone())),
        csrf: me.csrf.clone(),
        tokens,
        created,
        error,
    })
}

/// `GET /tokens`: the signed-in person's tokens, and a form to make one.
pub(crate) async fn list(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Response, PageError> {
    let me = signed_in(user)?;
    render(&app, &me, None, None).await
}

#[derive(Debug, Deserialize)]
pub(crate) struct TokenForm {
    csrf: String,
    name: String,
}

fn form_of(
    form: Result<Form<TokenForm>, FormRejection>,
    me: &SignedIn,
) -> Result<TokenForm, WebError> {
    let Form(f) =
        form.map_err(|e| WebError::BadRequest(format!("the token form: {}", e.body_text())))?;
    if !me.csrf_ok(&f.csrf) || me.via_token.is_some() {
        return Err(WebError::Forbidden(
            "the form did not come from this site, or your session changed; load the page again"
                .into(),
        ));
    }
    Ok(f)
}

/// `POST /tokens`: makes a token acting as the signed-in person and shows it once.
pub(crate) async fn create(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Result<Response, PageError> {
    let me = signed_in(user)?;
    let f = form_of(form, &me)?;
    let heed_app::accounts::NewToken { token, hash } = new_api_token()?;
    match app
        .store
        .create_api_token(&me.user.name, &f.name, &hash)
        .await
    {
        Ok(made) => render(&app, &me, Some((made.name, token)), None).await,
        Err(heed_store::StoreError::Invalid(message)) => {
            let mut r = render(&app, &me, None, Some(message)).await?;
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /tokens/revoke`: revokes one of the signed-in person's own tokens.
pub(crate) async fn revoke(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    form: Result<Form<TokenForm>, FormRejection>,
) -> Result<Response, PageError> {
    let me = signed_in(user)?;
    let f = form_of(form, &me)?;
    app.store
        .revoke_api_token(&f.name, Some(&me.user.name))
        .await?;
    Ok(axum::response::Redirect::to("/tokens").into_response())
}
