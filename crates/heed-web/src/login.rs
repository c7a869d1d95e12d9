//! Signing in and out: the sign-in form (with a double-submit CSRF token), checking the
//! password, starting a session in the register, and ending it. Repeated failures for one
//! name from one client address are slowed down (`auth::Throttle`), with a `Retry-After`;
//! no one can lock an account for everyone.

use crate::auth::{
    LOGIN_CSRF_COOKIE, MaybeUser, SESSION_COOKIE, SESSION_SECONDS, cookie, set_cookie,
};
use crate::display::Nav;
use crate::error::{PageError, WebError};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use heed_app::accounts::{dummy_hash, random_token, same_secret, token_hash, verify_password};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    title: String,
    nav: Nav,
    csrf: String,
    name: String,
    error: Option<String>,
}

/// Renders the form with a fresh CSRF token, also set as a cookie.
fn form(
    app: &AppState,
    status: StatusCode,
    name: &str,
    error: Option<String>,
) -> Result<Response, PageError> {
    let csrf = random_token()?;
    let html = LoginPage {
        title: "Sign in".into(),
        nav: Nav::default(),
        csrf: csrf.clone(),
        name: name.to_string(),
        error,
    }
    .render()
    .map_err(|e| WebError::Internal(format!("rendering a page: {e}")))?;
    let cookie = set_cookie(
        LOGIN_CSRF_COOKIE,
        &csrf,
        "/login",
        3600,
        app.config.secure_cookies,
    );
    Ok((status, [(header::SET_COOKIE, cookie)], Html(html)).into_response())
}

pub(crate) async fn login_form(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Response, PageError> {
    if user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    form(&app, StatusCode::OK, "", None)
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    name: String,
    password: String,
    csrf: String,
}

pub(crate) async fn login(
    State(app): State<AppState>,
    crate::access::Origin(address): crate::access::Origin,
    headers: HeaderMap,
    body: Result<Form<LoginForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(f) =
        body.map_err(|e| WebError::BadRequest(format!("the sign-in form: {}", e.body_text())))?;
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(&expected, &f.csrf) {
        return Err(WebError::Forbidden(
            "the sign-in form has expired or did not come from this site; load it again".into(),
        )
        .into());
    }
    let name = f.name.trim();
    if let Some(wait) = app.throttle.wait(&address, name) {
        let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
        let mut r = form(
            &app,
            StatusCode::TOO_MANY_REQUESTS,
            name,
            Some(format!(
                "Too many failed attempts for this name from your address: wait {seconds} seconds and try again."
            )),
        )?;
        r.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        return Ok(r);
    }
    let found = app.store.user_credentials(name).await?;
    let matches = match &found {
        Some(found) => verify_password(&f.password, &found.password_hash),
        None => {
            // Take as long as a real check, so the answer's timing does not tell which
            // names have accounts.
            let _ = verify_password(&f.password, dummy_hash());
            false
        }
    };
    let user = match found {
        Some(found) if matches => found.user,
        _ => {
            app.throttle.failed(&address, name);
            return form(
                &app,
                StatusCode::UNAUTHORIZED,
                name,
                Some("That name and password do not match an account.".into()),
            );
        }
    };
    app.throttle.succeeded(&address, name);
    let token = random_token()?;
    let csrf = random_token()?;
    app.store
        .start_session(&token_hash(&token), user.id, &csrf, SESSION_SECONDS)
        .await?;
    let secure = app.config.secure_cookies;
    let mut response = Redirect::to("/").into_response();
    let h = response.headers_mut();
    for c in [
        set_cookie(SESSION_COOKIE, &token, "/", SESSION_SECONDS, secure),
        set_cookie(LOGIN_CSRF_COOKIE, "", "/login", 0, secure),
    ] {
        if let Ok(v) = c.parse() {
            h.append(header::SET_COOKIE, v);
        }
    }
    Ok(response)
}

#[derive(Debug, Deserialize)]
pub(crate) struct LogoutForm {
    csrf: String,
}

pub(crate) async fn logout(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    body: Result<Form<LogoutForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(f) =
        body.map_err(|e| WebError::BadRequest(format!("the sign-out form: {}", e.body_text())))?;
    let Some(signed_in) = user else {
        return Ok(Redirect::to("/").into_response());
    };
    if !same_secret(&signed_in.csrf, &f.csrf) {
        return Err(
            WebError::Forbidden("the sign-out form did not come from this site".into()).into(),
        );
    }
    app.store.end_session(&signed_in.token_hash).await?;
    let cookie = set_cookie(SESSION_COOKIE, "", "/", 0, app.config.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}
