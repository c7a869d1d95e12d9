//! The web layer's one error type and the one place it becomes an HTTP status: as a JSON
//! body for the API ([`ApiError`]) or as a page for people ([`PageError`]). User input never
//! maps to a 5xx; a 5xx message hides internals and the detail goes to the server's stderr.

use crate::display;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use heed_store::StoreError;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The request itself is malformed (a bad id, filter or JSON document).
    #[error("{0}")]
    BadRequest(String),
    /// Well-formed, but asks for something that cannot be done (an empty update, a bad date).
    #[error("{0}")]
    Unprocessable(String),
    /// A body that is not JSON where JSON was expected.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// A body over the size limit.
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    NotFound(String),
    /// Needs someone signed in.
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    /// An update without the version it was based on.
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A template failed to render: a bug, not the user's doing.
    #[error("{0}")]
    Internal(String),
}

/// The application layer's failures keep their message; only the status is decided here.
impl From<heed_app::AppError> for WebError {
    fn from(e: heed_app::AppError) -> WebError {
        use heed_app::AppError;
        match e {
            AppError::Store(e) => WebError::Store(e),
            AppError::NotFound(m) => WebError::NotFound(m),
            AppError::Invalid(m) => WebError::BadRequest(m),
            AppError::VersionRequired(m) => WebError::PreconditionRequired(m),
            AppError::System(m) => WebError::Internal(m),
            e @ (AppError::NotADocument(_)
            | AppError::Tracker(_)
            | AppError::IncompleteTracker { .. }
            | AppError::NothingFound) => WebError::Unprocessable(e.to_string()),
        }
    }
}

impl WebError {
    /// The HTTP status: decided here and nowhere else.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            WebError::Store(e) => match e {
                StoreError::NotFound { .. } => StatusCode::NOT_FOUND,
                StoreError::Conflict { .. } => StatusCode::CONFLICT,
                StoreError::Invalid(_) | StoreError::Unsupported(_) => {
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                StoreError::NotAllowed(_) => StatusCode::FORBIDDEN,
                StoreError::Unreachable { .. } => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the client is told. Server-side failures are logged whole and reported briefly.
    fn public_message(&self) -> String {
        let status = self.status();
        if status.is_server_error() {
            eprintln!("heed serve: {status}: {self}");
            match status {
                StatusCode::SERVICE_UNAVAILABLE => {
                    "the register's database cannot be reached; try again shortly".into()
                }
                _ => "the server failed to answer this request; the details are in its log".into(),
            }
        } else {
            self.to_string()
        }
    }
}

/// A failure answered as JSON: `{"error": {"status": 409, "message": "..."}}`.
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> ApiError {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = serde_json::json!({
            "error": { "status": status.as_u16(), "message": self.0.public_message() }
        });
        (status, axum::Json(body)).into_response()
    }
}

/// A failure answered as an HTML page that says what went wrong.
#[derive(Debug)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for PageError {
    fn from(e: E) -> PageError {
        PageError(e.into())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    nav: display::Nav,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let page = ErrorPage {
            nav: display::Nav::default(),
            title: display::status_title(status),
            message: self.0.public_message(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, page.message).into_response(),
        }
    }
}
