//! Recording progress from the item page: the HTML form's POST (URL-encoded, or multipart
//! with an evidence file), for a signed-in person whose role allows it (the same rule and
//! the same parsing as the API's update), with the session's CSRF token and the version the
//! person saw, so a stale form gets 409.

use crate::auth::MaybeUser;
use crate::changes::{Changes, update_request};
use crate::edge::parse_id;
use crate::error::{PageError, WebError};
use crate::state::AppState;
use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use heed_app::accounts::{may_update, same_secret};
use heed_core::{ItemId, Version};
use heed_store::{Actor, EvidenceFile};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
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
    /// An evidence file, from a multipart form.
    #[serde(skip)]
    evidence: Option<EvidenceFile>,
    /// The evidence may be downloaded by readers not signed in (a checkbox).
    #[serde(skip)]
    evidence_public: bool,
}

/// Reads the form as URL-encoded fields, or as multipart (which may carry an evidence file).
async fn read_form(app: &AppState, request: Request) -> Result<ProgressForm, WebError> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let bad = |e: String| WebError::BadRequest(format!("the progress form: {e}"));
    if !multipart {
        let Form(f) = Form::<ProgressForm>::from_request(request, app)
            .await
            .map_err(|e| bad(e.body_text()))?;
        return Ok(f);
    }
    let mut parts = Multipart::from_request(request, app)
        .await
        .map_err(|e| bad(e.body_text()))?;
    let mut f = ProgressForm::default();
    let mut version = None;
    let mut csrf = None;
    // A body over the limit shows up as an error while reading a field: 413, not 400.
    let failed = |e| crate::edge::multipart_error(e, "the progress form", "the progress form");
    while let Some(field) = parts.next_field().await.map_err(failed)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "evidence" {
            let file_name = field.file_name().unwrap_or("").trim().to_string();
            let bytes = field.bytes().await.map_err(failed)?;
            if !file_name.is_empty() || !bytes.is_empty() {
                if file_name.is_empty() {
                    return Err(bad("the evidence file has no name".into()));
                }
                f.evidence = Some(EvidenceFile {
                    file_name,
                    bytes: bytes.to_vec(),
                    public: false,
                });
            }
            continue;
        }
        let text = field.text().await.map_err(failed)?;
        match name.as_str() {
            "csrf" => csrf = Some(text),
            "version" => version = Some(text),
            "status" => f.status = text,
            "rag" => f.rag = text,
            "note" => f.note = text,
            "deadline" => f.deadline = text,
            "reason" => f.reason = text,
            "evidence_public" => f.evidence_public = !text.is_empty() && text != "false",
            _ => {}
        }
    }
    f.csrf = csrf.ok_or_else(|| bad("missing field `csrf`".into()))?;
    f.version = version.ok_or_else(|| bad("missing field `version`".into()))?;
    Ok(f)
}

pub(crate) async fn record(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    crate::access::Origin(origin): crate::access::Origin,
    Path(raw): Path<String>,
    request: Request,
) -> Result<Response, PageError> {
    let id: ItemId = parse_id(&raw, "item")?;
    let Some(signed_in) = user else {
        return Err(WebError::Unauthorized("sign in to record progress".into()).into());
    };
    let f = read_form(&app, request).await?;
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
    let version: Version = f.version.trim().parse().map_err(|_| {
        WebError::BadRequest(format!(
            "the progress form: {:?} is not a version",
            f.version
        ))
    })?;
    let deadline = if f.deadline.trim().is_empty() && f.reason.trim().is_empty() {
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
    let evidence = f.evidence.map(|e| EvidenceFile {
        public: f.evidence_public,
        ..e
    });
    let claim_only = !heed_app::accounts::may_verify(&signed_in.user);
    let mut update = if evidence.is_some() && changes_are_empty(&changes) {
        // Evidence alone is a change worth recording.
        let mut u = heed_store::UpdateRequest::by(Actor::Person(signed_in.user.name));
        u.expected_version = Some(version);
        u
    } else {
        update_request(
            changes,
            Actor::Person(signed_in.user.name),
            version,
            app.today(),
        )?
    };
    update.evidence = evidence;
    update.claim_only = claim_only;
    update.origin = Some(origin);
    app.store.record_update(id, update).await?;
    Ok(Redirect::to(&format!("/items/{id}#history")).into_response())
}

fn changes_are_empty(c: &Changes) -> bool {
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    blank(&c.status) && blank(&c.rag) && blank(&c.note) && blank(&c.owner) && c.deadline.is_none()
}
