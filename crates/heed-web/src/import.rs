//! Importing in the browser and over the API: a document is uploaded, read as `heed import`
//! reads it (`heed_app::intake`), and shown as a preview (the items, judgements and diagnostics with
//! their lines, and the review the store's matching would attach it to, from a dry run); the
//! person corrects what was misread (`corrections.rs`: ref, kind, text, status, deadline, owner; or drops an
//! item), chooses the review, and confirms. The confirmation is one `import_corrected`
//! transaction in which each corrected value's provenance is the person, not the line.
//!
//! The upload waits in the register (`pending_imports`, so any process on one PostgreSQL
//! can confirm it) under a random id, visible only to its uploader, for [`PENDING_SECONDS`].
//! Only the secretariat and admins import; a cookie session needs its CSRF token, a bearer
//! token does not.

use crate::auth::{MaybeUser, SignedIn, api_csrf};
use crate::corrections::{
    Corrected, Correction, blank_to_none, correct, deadline_text, form_corrections,
};
use crate::display::{Nav, label, label_or_dash};
use crate::edge::page;
use crate::error::{ApiError, PageError, WebError};
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FormRejection};
use axum::extract::{FromRequest, Multipart, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use heed_app::AppError;
use heed_app::accounts::random_token;
use heed_app::intake::{Intake, IntakeOptions, read_file};
use heed_core::date::Day;
use heed_core::{Document, ItemKind, Position, Rag, ReviewId, Status};
use heed_store::{
    Corrections, Import, ImportOutcome, ImportSummary, PendingImport, ReportMeta, Role,
    UploadOptions,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long an upload waits for its confirmation.
pub const PENDING_SECONDS: i64 = 24 * 3600;

/// File name endings the importer reads: reports (text, Markdown, HTML, Word, PDF) and
/// spreadsheet trackers. A PDF is also known by its bytes, whatever its name.
const READABLE: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "pdf", "csv", "tsv", "xlsx",
    "xlsm", "xls", "ods",
];

/// Refuses anyone but the secretariat and admins.
fn importer(user: Option<SignedIn>) -> Result<SignedIn, WebError> {
    let me = user.ok_or_else(|| WebError::Unauthorized("sign in to import documents".into()))?;
    if !matches!(me.user.role, Role::Admin | Role::Secretariat) {
        return Err(WebError::Forbidden(format!(
            "{} ({}) may not import documents: the secretariat and admins import",
            me.user.name, me.user.role
        )));
    }
    Ok(me)
}

/// The file's name, checked: a name with an ending the importer reads, or any name for
/// a PDF (known by its bytes).
fn file_name(raw: &str, bytes: &[u8]) -> Result<String, WebError> {
    let name = raw
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    if name.is_empty() {
        return Err(WebError::BadRequest(
            "the document has no file name; give one (its ending says what kind of file it is)"
                .into(),
        ));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    if !READABLE.contains(&ext.as_str()) && !heed_app::intake::is_pdf(bytes) {
        let hint = match ext.as_str() {
            "doc" | "odt" | "rtf" => " (save it as .docx, HTML or text first)",
            _ => "",
        };
        return Err(WebError::UnsupportedMediaType(format!(
            "{name}: cannot import this kind of file{hint}; Heed reads {}",
            READABLE
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(name)
}

/// Reads an upload with what the uploader said about it, or says why it is not a document.
fn read_upload(name: &str, bytes: &[u8], options: &UploadOptions) -> Result<Intake, WebError> {
    let options = IntakeOptions {
        date: options.date,
        map: options.map.clone(),
        sheet: options.sheet.clone(),
    };
    read_file(name, bytes, &options).map_err(|e| match e {
        AppError::Store(_) | AppError::System(_) => e.into(),
        _ => WebError::Unprocessable(format!("{name}: {e}")),
    })
}

/// Which review the person chose: the store's matching, a new one, or a named one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReviewChoice {
    Matched,
    New,
    Existing(ReviewId),
}

impl ReviewChoice {
    fn parse(raw: Option<&str>) -> Result<ReviewChoice, WebError> {
        match raw.map(str::trim).unwrap_or("") {
            "" | "auto" | "match" => Ok(ReviewChoice::Matched),
            "new" => Ok(ReviewChoice::New),
            other => other
                .parse::<ReviewId>()
                .map(ReviewChoice::Existing)
                .map_err(|_| {
                    WebError::BadRequest(format!(
                        "review: {other:?} is not a review number, \"auto\" or \"new\""
                    ))
                }),
        }
    }

    fn review(self) -> Option<ReviewId> {
        match self {
            ReviewChoice::Existing(r) => Some(r),
            _ => None,
        }
    }
}

/// The dry run of an import: what the store would do with the document.
async fn dry_run(
    app: &AppState,
    me: &SignedIn,
    name: &str,
    bytes: &[u8],
    doc: &Document,
    date: Option<Day>,
    choice: ReviewChoice,
) -> Result<ImportOutcome, WebError> {
    let mut fix = Corrections::none(me.actor());
    fix.new_review = choice == ReviewChoice::New;
    Ok(app
        .store
        .import_corrected(
            Import {
                file_name: name.to_string(),
                bytes,
                document: doc,
                meta: ReportMeta {
                    date,
                    ..ReportMeta::default()
                },
                review: choice.review(),
                by: me.actor(),
                origin: None,
                dry_run: true,
            },
            &fix,
        )
        .await?)
}

/// Confirms a pending upload with corrections: one import transaction.
async fn confirm_pending(
    app: &AppState,
    me: &SignedIn,
    pending: &PendingImport,
    choice: ReviewChoice,
    corrections: &[Correction],
    origin: &str,
) -> Result<ImportOutcome, WebError> {
    let doc = read_upload(&pending.file_name, &pending.bytes, &pending.options)?.document;
    let Corrected {
        document: doc,
        fields,
    } = correct(doc, corrections, app.today())?;
    let fix = Corrections {
        by: me.actor(),
        fields,
        new_review: choice == ReviewChoice::New,
    };
    let outcome = app
        .store
        .import_corrected(
            Import {
                file_name: pending.file_name.clone(),
                bytes: &pending.bytes,
                document: &doc,
                meta: ReportMeta {
                    date: pending.options.date,
                    ..ReportMeta::default()
                },
                review: choice.review(),
                by: me.actor(),
                origin: Some(origin.to_string()),
                dry_run: false,
            },
            &fix,
        )
        .await?;
    app.store.drop_pending_import(&pending.id).await?;
    Ok(outcome)
}

/// A pending upload of `me`'s: 404 when there is none (or it expired), 403 when it is
/// someone else's.
async fn own_pending(app: &AppState, me: &SignedIn, id: &str) -> Result<PendingImport, WebError> {
    let pending = app.store.pending_import(id).await?.ok_or_else(|| {
        WebError::NotFound(format!(
            "no upload {id:?} is waiting to be imported (it was confirmed, or it expired after {} hours); upload it again",
            PENDING_SECONDS / 3600
        ))
    })?;
    if pending.user != me.user.id {
        return Err(WebError::Forbidden(
            "this upload is someone else's: only the person who uploaded it may see or confirm it"
                .into(),
        ));
    }
    Ok(pending)
}

// ---------------------------------------------------------------------------------------
// The pages

#[derive(Template)]
#[template(path = "import.html")]
struct UploadPage {
    title: String,
    nav: Nav,
    csrf: String,
    max_upload: String,
}

/// `GET /import`: the upload form.
pub(crate) async fn form(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Response, PageError> {
    let me = importer(user)?;
    page(UploadPage {
        title: "Import a document".into(),
        nav: Nav::from(&Some(me.clone())),
        csrf: me.csrf,
        max_upload: size_text(app.config.max_upload_bytes),
    })
}

fn size_text(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// A multipart error of the upload form: 413 when the body went over the limit, 400 otherwise.
fn multipart_error(e: axum::extract::multipart::MultipartError) -> WebError {
    crate::edge::multipart_error(e, "the upload", "the upload form")
}

/// `POST /import`: the upload (multipart: `csrf`, `document`); kept and shown as a preview.
pub(crate) async fn upload(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    request: Request,
) -> Result<Response, PageError> {
    let me = importer(user)?;
    let mut parts = Multipart::from_request(request, &app)
        .await
        .map_err(|e| WebError::BadRequest(format!("the upload form: {}", e.body_text())))?;
    let mut csrf = None;
    let mut file = None;
    let mut said = BTreeMap::new();
    while let Some(field) = parts.next_field().await.map_err(multipart_error)? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = Some(field.text().await.map_err(multipart_error)?),
            name @ ("date" | "map" | "sheet") => {
                let name = name.to_string();
                said.insert(name, field.text().await.map_err(multipart_error)?);
            }
            "document" => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(multipart_error)?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    if !me.csrf_ok(csrf.as_deref().unwrap_or("")) {
        return Err(WebError::Forbidden(
            "the form did not come from this site, or your session changed; load the page again"
                .into(),
        )
        .into());
    }
    let Some((raw_name, bytes)) = file else {
        return Err(
            WebError::BadRequest("the upload form: choose a document to upload".into()).into(),
        );
    };
    let name = file_name(&raw_name, &bytes)?;
    let options = upload_options(&said)?;
    // Refuse what cannot be read now, rather than after it was kept.
    read_upload(&name, &bytes, &options)?;
    let id = random_token()?;
    app.store
        .put_pending_import(&id, me.user.id, &name, &bytes, &options, PENDING_SECONDS)
        .await?;
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

/// What the uploader said (form fields or query parameters `date`, `map`, `sheet`), parsed.
fn upload_options(said: &BTreeMap<String, String>) -> Result<UploadOptions, WebError> {
    let text = |k: &str| said.get(k).and_then(|v| blank_to_none(v));
    let date = match text("date") {
        None => None,
        Some(d) => Some(Day::parse_iso(&d).ok_or_else(|| {
            WebError::BadRequest(format!("date: {d:?} is not a date (YYYY-MM-DD)"))
        })?),
    };
    Ok(UploadOptions {
        date,
        map: text("map"),
        sheet: text("sheet"),
    })
}

/// One extracted item as the preview shows it.
#[derive(Debug, Serialize)]
struct PreviewItem {
    index: usize,
    line: usize,
    kind: String,
    r#ref: String,
    section: String,
    text: String,
    status: String,
    deadline: String,
    owner: String,
    rag: String,
    position: String,
    /// What the store's matching would do with it, in words.
    matched: String,
}

#[derive(Debug, Serialize)]
struct PreviewJudgement {
    line: usize,
    area: String,
    title: String,
    grade: String,
    direction: String,
    /// How many forces received each grade nationally, as the report gives it ("poor 0,
    /// fair 15, good 28, excellent 0"), or a dash.
    national: String,
}

#[derive(Debug, Serialize)]
struct PreviewDiagnostic {
    line: usize,
    severity: String,
    message: String,
}

/// An option of a select, for templates.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "import_preview.html")]
struct PreviewPage {
    title: String,
    nav: Nav,
    /// The document states no date (nor do its rows) and the uploader gave none: its
    /// changes would be dated with the day they are recorded.
    undated: bool,
    csrf: String,
    id: String,
    file_name: String,
    expires_at: String,
    doc_title: String,
    /// For a tracker: how its columns were read.
    mapping: Option<String>,
    /// Where it would go, in words; `None` when the file was imported before.
    destination: String,
    already: Option<String>,
    items: Vec<PreviewItem>,
    judgements: Vec<PreviewJudgement>,
    diagnostics: Vec<PreviewDiagnostic>,
    reviews: Vec<Choice>,
    kinds: Vec<&'static str>,
    statuses: Vec<&'static str>,
    rags: Vec<&'static str>,
    positions: Vec<&'static str>,
}

fn preview_items(doc: &Document, outcome: &ImportOutcome) -> Vec<PreviewItem> {
    let matches: BTreeMap<usize, String> = match outcome {
        ImportOutcome::Imported(s) => s
            .matches
            .iter()
            .map(|m| {
                let by = match m.by {
                    heed_store::MatchBy::Ref => "same ref",
                    heed_store::MatchBy::Text => "same words",
                };
                let what = if m.changed {
                    m.changes.join("; ")
                } else {
                    "no change".into()
                };
                (
                    m.incoming,
                    format!(
                        "updates item {} ({by}, similarity {:.2}): {what}",
                        m.item, m.similarity
                    ),
                )
            })
            .collect(),
        ImportOutcome::AlreadyImported { .. } => BTreeMap::new(),
    };
    doc.items
        .iter()
        .enumerate()
        .map(|(i, it)| PreviewItem {
            index: i,
            line: it.line,
            kind: it.kind.as_str().to_string(),
            r#ref: it.r#ref.clone().unwrap_or_default(),
            section: it.section.clone().unwrap_or_default(),
            text: it.text.clone(),
            status: it
                .status
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            deadline: deadline_text(&it.deadline),
            owner: it.owner.clone().unwrap_or_default(),
            rag: it.rag.map(|r| r.as_str().to_string()).unwrap_or_default(),
            position: it
                .position
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            matched: matches
                .get(&i)
                .cloned()
                .unwrap_or_else(|| "new item".into()),
        })
        .collect()
}

fn destination(outcome: &ImportOutcome) -> (String, Option<String>) {
    match outcome {
        ImportOutcome::AlreadyImported { report, review } => (
            String::new(),
            Some(format!(
                "This file was imported before, as report {report} of review {review}: importing it again would add nothing."
            )),
        ),
        ImportOutcome::Imported(ImportSummary {
            review,
            new_review,
            created,
            updated,
            ..
        }) => (
            if *new_review {
                format!("a new review: {created} items added")
            } else {
                format!("review {review}: {created} items added, {updated} existing items updated")
            },
            None,
        ),
    }
}

/// `GET /import/{id}?review=`: the preview of a pending upload.
pub(crate) async fn preview(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let me = importer(user)?;
    let pending = own_pending(&app, &me, &id).await?;
    let query: BTreeMap<String, String> = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| WebError::BadRequest(format!("the preview's parameters: {e}")))?;
    let choice = ReviewChoice::parse(query.get("review").map(String::as_str))?;
    let Intake {
        document: doc,
        mapping,
    } = read_upload(&pending.file_name, &pending.bytes, &pending.options)?;
    let outcome = dry_run(
        &app,
        &me,
        &pending.file_name,
        &pending.bytes,
        &doc,
        pending.options.date,
        choice,
    )
    .await?;
    let (dest, already) = destination(&outcome);
    let mut reviews = vec![
        Choice {
            value: "auto".into(),
            label: "Where Heed matches it (as shown)".into(),
            selected: choice == ReviewChoice::Matched,
        },
        Choice {
            value: "new".into(),
            label: "A new review".into(),
            selected: choice == ReviewChoice::New,
        },
    ];
    for r in app.store.reviews().await?.iter() {
        reviews.push(Choice {
            value: r.id.to_string(),
            label: format!("Review {}: {}", r.id, r.name),
            selected: choice == ReviewChoice::Existing(r.id),
        });
    }
    page(PreviewPage {
        title: format!("Preview of {}", pending.file_name),
        nav: Nav::from(&Some(me.clone())),
        undated: is_undated(&doc, pending.options.date),
        csrf: me.csrf.clone(),
        id: pending.id.clone(),
        file_name: pending.file_name.clone(),
        expires_at: pending.expires_at.clone(),
        doc_title: doc
            .title
            .clone()
            .unwrap_or_else(|| "(no title found)".into()),
        mapping,
        destination: dest,
        already,
        items: preview_items(&doc, &outcome),
        judgements: judgements(&doc),
        diagnostics: diagnostics(&doc),
        reviews,
        kinds: ItemKind::ALL.iter().map(|k| k.as_str()).collect(),
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        rags: Rag::ALL.iter().map(|r| r.as_str()).collect(),
        positions: Position::ALL.iter().map(|p| p.as_str()).collect(),
    })
}

fn judgements(doc: &Document) -> Vec<PreviewJudgement> {
    doc.judgements
        .iter()
        .map(|j| PreviewJudgement {
            line: j.line,
            area: j.area.clone(),
            title: j.title.clone(),
            grade: label_or_dash(j.grade.map(|g| g.as_str())),
            direction: label_or_dash(j.direction.map(|d| d.as_str())),
            national: j
                .national_distribution
                .map(|n| n.to_string())
                .unwrap_or_else(|| "—".into()),
        })
        .collect()
}

/// Whether a document would be kept as undated: it states no date, nor do its rows, and
/// the uploader gave none.
fn is_undated(doc: &Document, date: Option<heed_core::date::Day>) -> bool {
    doc.date.is_none() && date.is_none() && doc.items.iter().any(|i| i.updated_on.is_none())
}

/// What an API client is told of an undated document, to pass on to its user.
const UNDATED_WARNING: &str = "The document states no date of its own, so it would be kept as undated (recorded today, counted in every view as of any day). Give the day it speaks for with the date parameter (date=YYYY-MM-DD).";

fn diagnostics(doc: &Document) -> Vec<PreviewDiagnostic> {
    doc.diagnostics
        .iter()
        .map(|d| PreviewDiagnostic {
            line: d.line,
            severity: label(match d.severity {
                heed_core::Severity::Warning => "warning",
                heed_core::Severity::Error => "error",
            }),
            message: d.message.clone(),
        })
        .collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `POST /import/{id}`: confirms the upload with the form's corrections and review.
pub(crate) async fn confirm(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    crate::access::Origin(origin): crate::access::Origin,
    Path(id): Path<String>,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, PageError> {
    let me = importer(user)?;
    let axum::Form(fields) = form.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(format!("the confirmation form: {}", e.body_text()))
        } else {
            WebError::BadRequest(format!("the confirmation form: {}", e.body_text()))
        }
    })?;
    if !me.csrf_ok(field(&fields, "csrf").unwrap_or("")) {
        return Err(WebError::Forbidden(
            "the form did not come from this site, or your session changed; load the preview again"
                .into(),
        )
        .into());
    }
    let pending = own_pending(&app, &me, &id).await?;
    let choice = ReviewChoice::parse(field(&fields, "review"))?;
    let item_fields: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| k != "csrf" && k != "review")
        .cloned()
        .collect();
    let corrections = form_corrections(&item_fields)?;
    match confirm_pending(&app, &me, &pending, choice, &corrections, &origin).await? {
        ImportOutcome::Imported(s) => {
            Ok(Redirect::to(&format!("/reviews/{}", s.review)).into_response())
        }
        ImportOutcome::AlreadyImported { review, .. } => {
            Ok(Redirect::to(&format!("/reviews/{review}")).into_response())
        }
    }
}

// ---------------------------------------------------------------------------------------
// The API

/// `POST /api/v1/imports?filename=NAME[&review=auto|new|N][&dry_run=true]` with the
/// document as the body: the preview as JSON, with the id to confirm it by (no id for a
/// dry run, which keeps nothing).
pub(crate) async fn api_upload(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let me = importer(user)?;
    api_csrf(&me, &headers)?;
    let query: BTreeMap<String, String> = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| WebError::BadRequest(format!("query: {e}")))?;
    for k in query.keys() {
        if !matches!(
            k.as_str(),
            "filename" | "review" | "dry_run" | "date" | "map" | "sheet"
        ) {
            return Err(WebError::BadRequest(format!(
                "unknown parameter {k:?}: expected filename, review, dry_run, date, map or sheet"
            ))
            .into());
        }
    }
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(format!("the document: {}", e.body_text()))
        } else {
            WebError::BadRequest(format!("the document: {}", e.body_text()))
        }
    })?;
    let name = file_name(
        query.get("filename").map(String::as_str).ok_or_else(|| {
            WebError::BadRequest(
                "parameter filename: give the document's file name (its ending says what kind of file it is)"
                    .into(),
            )
        })?,
        &bytes,
    )?;
    let dry = match query.get("dry_run").map(String::as_str) {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") | Some("") => true,
        Some(other) => {
            return Err(WebError::BadRequest(format!(
                "parameter dry_run: {other:?} is not true or false"
            ))
            .into());
        }
    };
    let options = upload_options(&query)?;
    let choice = ReviewChoice::parse(query.get("review").map(String::as_str))?;
    let Intake {
        document: doc,
        mapping,
    } = read_upload(&name, &bytes, &options)?;
    let outcome = dry_run(&app, &me, &name, &bytes, &doc, options.date, choice).await?;
    let pending = if dry || matches!(outcome, ImportOutcome::AlreadyImported { .. }) {
        None
    } else {
        let id = random_token()?;
        Some(
            app.store
                .put_pending_import(&id, me.user.id, &name, &bytes, &options, PENDING_SECONDS)
                .await?,
        )
    };
    let status = if pending.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let undated = is_undated(&doc, options.date);
    let body = serde_json::json!({
        "id": pending.as_ref().map(|p| p.id.clone()),
        "confirm": pending.as_ref().map(|p| format!("/api/v1/imports/{}/confirm", p.id)),
        "expires_at": pending.as_ref().map(|p| p.expires_at.clone()),
        "file_name": name,
        "title": doc.title,
        "date": doc.date,
        "undated": undated,
        "warning": undated.then_some(UNDATED_WARNING),
        "columns": mapping,
        "outcome": outcome,
        "items": preview_items(&doc, &outcome),
        "judgements": judgements(&doc),
        "diagnostics": diagnostics(&doc),
    });
    Ok((status, Json(body)).into_response())
}

/// The body of `POST /api/v1/imports/{id}/confirm` (optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfirmBody {
    /// "auto" (the store's matching, the default), "new", or a review number.
    review: Option<serde_json::Value>,
    #[serde(default)]
    corrections: Vec<Correction>,
}

/// The confirmation's body read: its corrections and the review it chooses (none is "auto").
fn confirm_body(body: &[u8]) -> Result<(ConfirmBody, ReviewChoice), WebError> {
    let parsed: ConfirmBody = if body.iter().all(u8::is_ascii_whitespace) {
        ConfirmBody::default()
    } else {
        serde_json::from_slice(body)
            .map_err(|e| WebError::Unprocessable(format!("the confirmation: {e}")))?
    };
    let review = match &parsed.review {
        None => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(WebError::Unprocessable(format!(
                "review: expected \"auto\", \"new\" or a review number, not {other}"
            )));
        }
    };
    let choice = ReviewChoice::parse(review.as_deref())?;
    Ok((parsed, choice))
}

/// What [`api_confirm`] checks of a body before it writes to the register: its JSON, the
/// review it chooses, and its corrections applied to the upload's document; the 4xx it
/// would answer.
pub(crate) fn check_confirm(body: &[u8], upload: &Document, today: Day) -> Result<(), WebError> {
    let (parsed, _) = confirm_body(body)?;
    correct(upload.clone(), &parsed.corrections, today)?;
    Ok(())
}

/// `POST /api/v1/imports/{id}/confirm`: imports a pending upload, with corrections.
pub(crate) async fn api_confirm(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    crate::access::Origin(origin): crate::access::Origin,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let me = importer(user)?;
    api_csrf(&me, &headers)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(format!("the confirmation: {}", e.body_text()))
        } else {
            WebError::BadRequest(format!("the confirmation: {}", e.body_text()))
        }
    })?;
    let (parsed, choice) = confirm_body(&body)?;
    let pending = own_pending(&app, &me, &id).await?;
    let outcome =
        confirm_pending(&app, &me, &pending, choice, &parsed.corrections, &origin).await?;
    Ok((StatusCode::CREATED, Json(outcome)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_can_be_read() {
        assert!(file_name("C:\\x\\report.TXT", b"").is_ok());
        assert_eq!(file_name("/a/b/plan.xlsx", b"").expect("name"), "plan.xlsx");
        assert!(file_name("report.pdf", b"").is_ok());
        // A PDF is known by its bytes whatever its name says.
        assert!(file_name("scan.bin", b"%PDF-1.7\n").is_ok());
        let e = file_name("report.doc", b"").expect_err("doc");
        assert!(e.to_string().contains(".docx"));
        assert_eq!(e.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            file_name("", b"").expect_err("none").status(),
            StatusCode::BAD_REQUEST
        );
    }
}
