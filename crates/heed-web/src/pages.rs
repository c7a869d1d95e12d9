//! The pages people read: dashboard, reviews, one review, one item, search. Each handler
//! asks the store, builds plain view values (`view.rs`, `chart.rs`) and renders an askama
//! template from `templates/`. Failures become pages through [`PageError`].

use crate::AppState;
use crate::auth::MaybeUser;
use crate::chart::Chart;
use crate::error::{PageError, WebError};
use crate::filter::FilterParams;
use crate::view::{self, ItemRow, Nav, clip, label, label_or_dash, source_report, source_text};
use crate::workflow;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use heed_core::date::Day;
use heed_core::{ItemId, ItemKind, Rag, ReviewId, Status};
use heed_store::{Change, ItemFilter};
use std::sync::Arc;

type PageResult = Result<Response, PageError>;

/// Renders a template into a page, or a 500 if the template fails.
pub(crate) fn page(t: impl Template) -> PageResult {
    let html = t
        .render()
        .map_err(|e| WebError::Internal(format!("rendering a page: {e}")))?;
    Ok(Html(html).into_response())
}

/// Parses a numeric id from a path segment, naming what it should have been.
pub(crate) fn parse_id<T: std::str::FromStr>(raw: &str, what: &str) -> Result<T, WebError> {
    raw.parse::<T>()
        .map_err(|_| WebError::BadRequest(format!("{raw:?} is not a {what} number")))
}

/// Up to how many reviews the search form offers as a list; past that, a number box (a
/// register of thousands of reviews would make every search page a long download).
const REVIEWS_LISTED: usize = 200;

pub(crate) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/style.css"),
    )
        .into_response()
}

pub(crate) async fn not_found(uri: Uri) -> Response {
    let e = WebError::NotFound(format!("there is no page at {}", uri.path()));
    if uri.path().starts_with("/api/") {
        crate::error::ApiError(e).into_response()
    } else {
        PageError(e).into_response()
    }
}

// ---------------------------------------------------------------------------------------
// Dashboard

#[derive(Template)]
#[template(path = "dashboard_figures.html")]
struct DashboardFigures {
    today: String,
    total: i64,
    open: i64,
    charts: Vec<Chart>,
    /// Progress over time: the chart of open items at each period's end, and every
    /// period's numbers for the table.
    progress_chart: Chart,
    progress: Vec<crate::trend::Period>,
    overdue: Vec<ItemRow>,
    overdue_count: usize,
    overdue_href: String,
    due_soon: Vec<ItemRow>,
    due_soon_count: usize,
    /// Claimed completions the secretariat has still to verify.
    awaiting_count: usize,
}

/// The dashboard: its figures (made once per register version, day and visibility, and
/// shared) and what is made for each reader (the signed-in bar, the saved views).
#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    title: String,
    nav: Nav,
    figures: Arc<String>,
    /// Saved views, linked from the dashboard.
    views: Vec<crate::views::ViewLink>,
}

/// Chart rows for the largest groups and the rest: `(label, count, link, css class)`.
fn group_rows<K>(
    groups: &heed_store::Groups<K>,
    none: &str,
    others: &str,
    row: impl Fn(&K) -> Option<(String, String)>,
) -> Vec<(String, usize, String, String)> {
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    let mut rows: Vec<(String, usize, String, String)> = groups
        .top
        .iter()
        .map(|(k, n)| match row(k) {
            Some((label, href)) => (clip(&label, 40), count(*n), href, "bar".to_string()),
            None => (
                none.to_string(),
                count(*n),
                String::new(),
                "status-none".into(),
            ),
        })
        .collect();
    if groups.others > 0 {
        rows.push((
            others.to_string(),
            count(groups.others),
            String::new(),
            "status-none".into(),
        ));
    }
    rows
}

pub(crate) async fn dashboard(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> PageResult {
    let today = app.today();
    let mut visible = ItemFilter::default();
    workflow::restrict(&mut visible, &user);
    let version = app.store.register_version().await?;
    let key = format!("{today}\n{visible:?}");
    let figures = match app.dashboards.get(version, &key) {
        Some(f) => f,
        None => {
            let f = Arc::new(dashboard_figures(&app, &visible, today).await?);
            app.dashboards.put(version, key, f.clone());
            f
        }
    };
    let views = crate::views::links(&app, user.as_ref()).await?;
    page(DashboardPage {
        views,
        title: "Dashboard".into(),
        nav: Nav::of(&user),
        figures,
    })
}

/// The dashboard's figures as HTML, for readers who may see `visible`.
async fn dashboard_figures(
    app: &AppState,
    visible: &ItemFilter,
    today: Day,
) -> Result<String, WebError> {
    let d = app.store.dashboard(visible, today).await?;
    let awaiting = app
        .store
        .count_items(&ItemFilter {
            awaiting_verification: true,
            ..visible.clone()
        })
        .await?;
    let count = |n: i64| usize::try_from(n).unwrap_or(0);

    let status_rows = d
        .by_status
        .iter()
        .map(|(s, n)| match s {
            Some(s) => (
                label(s.as_str()),
                count(*n),
                format!("/search?status={}", s.as_str()),
                format!("status-{}", s.as_str()),
            ),
            None => (
                "Not stated".into(),
                count(*n),
                String::new(),
                "status-none".into(),
            ),
        })
        .collect();
    let rag_rows = d
        .by_rag
        .iter()
        .map(|(r, n)| match r {
            Some(r) => (
                label(r.as_str()),
                count(*n),
                format!("/search?rag={}", r.as_str()),
                format!("rag-{}", r.as_str()),
            ),
            None => (
                "Not rated".into(),
                count(*n),
                String::new(),
                "rag-none".into(),
            ),
        })
        .collect();
    let review_rows = group_rows(&d.open_by_review, "", "Other reviews", |(id, name)| {
        Some((name.clone(), format!("/search?review={id}")))
    });
    let owner_rows = group_rows(&d.open_by_owner, "No owner", "Other owners", |o| {
        o.as_ref().map(|o| {
            let query = serde_urlencoded::to_string([("owner", o)]).unwrap_or_default();
            (o.clone(), format!("/search?{query}"))
        })
    });
    let theme_rows = group_rows(&d.open_by_theme, "No theme", "Other themes", |t| {
        t.as_ref().map(|t| (t.clone(), String::new()))
    });
    let lateness_rows = heed_store::LATENESS
        .iter()
        .zip(&d.lateness)
        .map(|(span, n)| {
            (
                span.label.to_string(),
                count(*n),
                "/search?overdue=true".to_string(),
                "rag-red".to_string(),
            )
        })
        .collect();
    let open_for_rows = heed_store::OPEN_FOR
        .iter()
        .zip(&d.open_for)
        .map(|(span, n)| {
            (
                span.label.to_string(),
                count(*n),
                String::new(),
                "bar".into(),
            )
        })
        .collect();
    let progress = crate::trend::periods(&d.progress);
    let progress_chart = Chart::new(
        "chart-progress",
        "Open items at the end of each period",
        progress
            .iter()
            .map(|p| {
                (
                    p.label.clone(),
                    count(p.open_at_end),
                    String::new(),
                    "bar".to_string(),
                )
            })
            .collect(),
    );

    DashboardFigures {
        today: today.to_string(),
        total: d.total,
        open: d.open,
        charts: vec![
            Chart::new("chart-status", "Items by status", status_rows),
            Chart::new("chart-rag", "Items by RAG rating", rag_rows),
            Chart::new("chart-review", "Open items by review", review_rows),
            Chart::new("chart-owner", "Open items by owner", owner_rows),
            Chart::new("chart-theme", "Open items by theme", theme_rows),
            Chart::new("chart-ageing", "Overdue items by how late", lateness_rows),
            Chart::new(
                "chart-open-for",
                "Open items by how long they have been open",
                open_for_rows,
            ),
        ],
        progress_chart,
        progress,
        overdue_count: count(d.overdue),
        awaiting_count: usize::try_from(awaiting).unwrap_or(0),
        overdue_href: "/search?overdue=true".into(),
        overdue: d
            .overdue_first
            .iter()
            .map(|i| ItemRow::of(i, today))
            .collect(),
        due_soon_count: count(d.due_soon),
        due_soon: d
            .due_soon_first
            .iter()
            .map(|i| ItemRow::of(i, today))
            .collect(),
    }
    .render()
    .map_err(|e| WebError::Internal(format!("rendering a page: {e}")))
}

// ---------------------------------------------------------------------------------------
// Reviews

struct ReviewRow {
    id: String,
    name: String,
    reports: i64,
    items: i64,
    open: i64,
}

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    title: String,
    nav: Nav,
    reviews: Vec<ReviewRow>,
}

pub(crate) async fn reviews(State(app): State<AppState>, MaybeUser(user): MaybeUser) -> PageResult {
    let reviews = app
        .store
        .reviews()
        .await?
        .iter()
        .filter(|r| workflow::sees(r.published, &user))
        .map(|r| ReviewRow {
            id: r.id.to_string(),
            name: r.name.clone(),
            reports: r.reports,
            items: r.items,
            open: r.open,
        })
        .collect();
    page(ReviewsPage {
        title: "Reviews".into(),
        nav: Nav::of(&user),
        reviews,
    })
}

struct ReportRow {
    id: String,
    title: String,
    date: String,
    file_name: String,
    imported_at: String,
    imported_by: String,
}

struct JudgementRow {
    report: String,
    area: String,
    title: String,
    grade: String,
    direction: String,
    national: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    title: String,
    nav: Nav,
    id: String,
    reports: Vec<ReportRow>,
    judgements: Vec<JudgementRow>,
    items: Vec<ItemRow>,
    open: i64,
    published: bool,
    /// The Publish / Unpublish form's CSRF token, for a person allowed to publish.
    publish_csrf: Option<String>,
}

pub(crate) async fn review(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(raw): Path<String>,
) -> PageResult {
    let id: ReviewId = parse_id(&raw, "review")?;
    let summary = app
        .store
        .reviews()
        .await?
        .iter()
        .find(|r| r.id == id && workflow::sees(r.published, &user))
        .cloned()
        .ok_or_else(|| WebError::NotFound(format!("there is no review {id} in the register")))?;
    let today = app.today();
    let reports = app
        .store
        .reports(Some(id))
        .await?
        .into_iter()
        .map(|r| ReportRow {
            id: r.id.to_string(),
            title: r.title.unwrap_or_else(|| "(untitled)".into()),
            date: r.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            file_name: r.file_name,
            imported_at: r.imported_at,
            imported_by: r.imported_by,
        })
        .collect();
    let mut judgements = Vec::new();
    for e in app.store.review_events(id).await? {
        if let Change::ReportImported { judgements: js, .. } = &e.change {
            let report = source_report(&e.source).unwrap_or_default();
            for j in js {
                judgements.push(JudgementRow {
                    report: report.clone(),
                    area: j.area.clone(),
                    title: j.title.clone(),
                    grade: label_or_dash(j.grade.map(|g| g.as_str())),
                    direction: label_or_dash(j.direction.map(|d| d.as_str())),
                    national: j
                        .national_distribution
                        .map(|n| {
                            format!(
                                "poor {}, fair {}, good {}, excellent {}",
                                n.poor, n.fair, n.good, n.excellent
                            )
                        })
                        .unwrap_or_else(|| "—".into()),
                });
            }
        }
    }
    let items = app
        .store
        .items(&ItemFilter {
            review: Some(id),
            ..ItemFilter::default()
        })
        .await?
        .iter()
        .map(|i| ItemRow::of(i, today))
        .collect();
    page(ReviewPage {
        title: summary.name,
        nav: Nav::of(&user),
        id: id.to_string(),
        reports,
        judgements,
        items,
        open: summary.open,
        published: summary.published,
        publish_csrf: user
            .as_ref()
            .filter(|s| workflow::may_publish(&s.user))
            .map(|s| s.csrf.clone()),
    })
}

// ---------------------------------------------------------------------------------------
// Item

struct Fact {
    name: String,
    value: String,
}

struct NoteRow {
    on: String,
    text: String,
    source: String,
}

struct ActionRow {
    key_point: String,
    action: String,
    result: String,
    owner: String,
    status: String,
    deadline: String,
}

struct SlipRow {
    on: String,
    from: String,
    to: String,
    reason: String,
    source: String,
}

struct LinkRow {
    text: String,
    other: String,
}

struct SeeAlsoRow {
    text: String,
    href: Option<String>,
}

struct EvidenceRow {
    id: String,
    file_name: String,
    size: usize,
    sha256: String,
    public: bool,
}

struct EventRow {
    on: String,
    recorded_at: String,
    author: String,
    source: String,
    text: String,
    /// Where the write came from (a client address, `cli:USER`), when known.
    origin: String,
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage {
    title: String,
    nav: Nav,
    /// The progress form, for a signed-in person allowed to change this item.
    form: Option<ProgressForm>,
    id: String,
    /// Set when the page shows the item as it stood at the end of a past day.
    as_of: Option<String>,
    review: String,
    version: i64,
    text: String,
    facts: Vec<Fact>,
    overdue: bool,
    notes: Vec<NoteRow>,
    actions: Vec<ActionRow>,
    slippage: Vec<SlipRow>,
    links: Vec<LinkRow>,
    /// The report's own cross-references, followed when the review has the item.
    see_also: Vec<SeeAlsoRow>,
    evidence: Vec<EvidenceRow>,
    provenance: Vec<Fact>,
    history: Vec<EventRow>,
    /// A claim's state in words, when someone has claimed a closing status.
    verification: Option<String>,
    /// The Verify / Reject form's CSRF token, for a verifier while a claim awaits.
    verify_csrf: Option<String>,
}

pub(crate) async fn item(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> PageResult {
    let id: ItemId = parse_id(&raw, "item")?;
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
    let as_of = match pairs.iter().rev().find(|(k, _)| k == "as_of") {
        Some((_, v)) if !v.trim().is_empty() => {
            Some(Day::parse_iso(v.trim()).ok_or_else(|| {
                WebError::BadRequest(format!("parameter as_of: {v:?} is not a date (YYYY-MM-DD)"))
            })?)
        }
        _ => None,
    };
    let (mut item, mut history) = match as_of {
        None => app.store.item_with_history(id).await?,
        Some(_) => (
            app.store.item(id, as_of).await?,
            app.store.history(id).await?,
        ),
    };
    workflow::check_item(&app, &user, &item).await?;
    workflow::for_public(&mut item, &user);
    workflow::events_for_public(&mut history, &user);
    let today = app.today();
    let s = &item.state;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let kind = label(s.kind.as_str());
    let title = match &s.r#ref {
        Some(r) => format!("{kind} {r}"),
        None => format!("{kind} (unnumbered, item {id})"),
    };
    let facts = vec![
        Fact {
            name: "Status".into(),
            value: label_or_dash(s.status.map(|x| x.as_str())),
        },
        Fact {
            name: "Status as written".into(),
            value: opt(&s.status_words),
        },
        Fact {
            name: "RAG".into(),
            value: label_or_dash(s.rag.map(|x| x.as_str())),
        },
        Fact {
            name: "Position".into(),
            value: label_or_dash(s.position.map(|x| x.as_str())),
        },
        Fact {
            name: "Owner".into(),
            value: opt(&s.owner),
        },
        Fact {
            name: "Addressed to".into(),
            value: opt(&s.addressee),
        },
        Fact {
            name: "Deadline".into(),
            value: s
                .deadline
                .as_ref()
                .map(|d| format!("{} (“{}”, due {})", d.to_iso(), d.phrase, d.due))
                .unwrap_or_else(|| "—".into()),
        },
        Fact {
            name: "Section".into(),
            value: opt(&s.section),
        },
        Fact {
            name: "Theme".into(),
            value: opt(&s.theme),
        },
        Fact {
            name: "Last changed".into(),
            value: item.updated_on.to_string(),
        },
    ];
    let notes = s
        .notes
        .iter()
        .map(|n| NoteRow {
            on: n.on.to_string(),
            text: n.text.clone(),
            source: source_text(&n.source),
        })
        .collect();
    let actions = s
        .actions
        .iter()
        .map(|a| ActionRow {
            key_point: opt(&a.key_point),
            action: opt(&a.action),
            result: opt(&a.result),
            owner: opt(&a.owner),
            status: label_or_dash(a.status.map(|x| x.as_str())),
            deadline: a
                .deadline
                .as_ref()
                .map(|d| d.to_iso())
                .unwrap_or_else(|| "—".into()),
        })
        .collect();
    let slippage = s
        .slippage
        .iter()
        .map(|sl| SlipRow {
            on: sl.on.to_string(),
            from: sl
                .from
                .as_ref()
                .map(|d| d.to_iso())
                .unwrap_or_else(|| "none".into()),
            to: sl.to.to_iso(),
            reason: opt(&sl.reason),
            source: source_text(&sl.source),
        })
        .collect();
    let links = s
        .links
        .iter()
        .map(|l| LinkRow {
            text: if l.outgoing {
                format!(
                    "This item {} item {}",
                    label(l.kind.as_str()).to_lowercase(),
                    l.other
                )
            } else {
                format!(
                    "Item {} {} this item",
                    l.other,
                    label(l.kind.as_str()).to_lowercase()
                )
            },
            other: l.other.to_string(),
        })
        .collect();
    // The report's own cross-references ("See Recommendation 14"), followed to the item of
    // that reference in the same review when there is one.
    let mut see_also = Vec::new();
    if !s.see_also.is_empty() {
        let same_review = app
            .store
            .items(&heed_store::ItemFilter {
                review: Some(item.review),
                ..heed_store::ItemFilter::default()
            })
            .await?;
        for r in &s.see_also {
            let target = same_review
                .iter()
                .find(|i| i.id != item.id && i.state.r#ref.as_deref() == Some(r.as_str()));
            see_also.push(match target {
                Some(t) => SeeAlsoRow {
                    text: format!(
                        "The report refers to {} {r}",
                        label(t.state.kind.as_str()).to_lowercase()
                    ),
                    href: Some(format!("/items/{}", t.id)),
                },
                None => SeeAlsoRow {
                    text: format!("The report refers to {r} (not in this review)"),
                    href: None,
                },
            });
        }
    }
    let evidence = s
        .evidence
        .iter()
        .map(|e| EvidenceRow {
            id: e.id.to_string(),
            file_name: e.file_name.clone(),
            size: e.size,
            sha256: e.sha256.clone(),
            public: e.public,
        })
        .collect();
    let provenance = s
        .provenance
        .iter()
        .map(|(field, src)| Fact {
            name: label(field),
            value: source_text(src),
        })
        .collect();
    let history = history
        .iter()
        .map(|e| EventRow {
            on: e.effective_on.to_string(),
            recorded_at: e.recorded_at.clone(),
            author: e.author.clone(),
            source: source_text(&e.source),
            text: view::change_text(&e.change),
            origin: e.origin.clone().unwrap_or_default(),
        })
        .collect();
    let verification = s.verification.as_ref().map(view::verification_text);
    let verify_csrf = user
        .as_ref()
        .filter(|u| as_of.is_none() && item.awaits_verification() && workflow::may_verify(&u.user))
        .map(|u| u.csrf.clone());
    let form = match &user {
        Some(signed_in) if as_of.is_none() && crate::auth::may_update(&signed_in.user, &item) => {
            let statuses = Status::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>();
            let rags = Rag::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>();
            Some(ProgressForm {
                csrf: signed_in.csrf.clone(),
                claims: !workflow::may_verify(&signed_in.user),
                statuses: options(&statuses, None),
                rags: options(&rags, None),
            })
        }
        _ => None,
    };
    page(ItemPage {
        title,
        nav: Nav::of(&user),
        form,
        id: id.to_string(),
        as_of: item.as_of.map(|d| d.to_string()),
        review: item.review.to_string(),
        version: item.version,
        text: s.text.clone(),
        facts,
        overdue: item.is_overdue(today),
        notes,
        actions,
        slippage,
        links,
        see_also,
        evidence,
        provenance,
        history,
        verification,
        verify_csrf,
    })
}

pub(crate) async fn evidence(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(raw): Path<String>,
) -> PageResult {
    let id: i64 = parse_id(&raw, "evidence file")?;
    if user.is_none() {
        let item = app.store.evidence_item(id).await?;
        let item = app.store.item(item, None).await?;
        let visible = workflow::check_item(&app, &user, &item).await.is_ok()
            && workflow::public_evidence(&item, id, &user);
        if !visible {
            return Err(
                WebError::NotFound(format!("no evidence file {id} in the register")).into(),
            );
        }
    }
    let (name, bytes) = app.store.evidence_file(id).await?;
    // Served as a download, never rendered in the page's origin: its content is untrusted.
    // Its name without folders (files kept before the store dropped them may have some).
    let safe_name: String = heed_store::evidence_name(&name)
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe_name}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        bytes,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------
// Search

/// What the item page's progress form needs.
struct ProgressForm {
    csrf: String,
    /// The person may not verify: a closing status they record is a claim.
    claims: bool,
    statuses: Vec<Opt>,
    rags: Vec<Opt>,
}

struct Opt {
    value: String,
    label: String,
    selected: bool,
}

fn options(words: &[&str], chosen: Option<&str>) -> Vec<Opt> {
    words
        .iter()
        .map(|w| Opt {
            value: w.to_string(),
            label: label(w),
            selected: chosen == Some(*w),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    title: String,
    nav: Nav,
    reviews: Vec<Opt>,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    rags: Vec<Opt>,
    owner: String,
    q: String,
    overdue: bool,
    awaiting: bool,
    /// The matching items' table, as HTML (empty when none match).
    table: String,
    /// How many items match, on every page ("more than" it when not exact).
    total: u64,
    total_exact: bool,
    /// Whether this is a later page (so "First page" is offered).
    later: bool,
    first_href: String,
    next_href: Option<String>,
    share_href: String,
    error: Option<String>,
    /// A list of every review to choose from, or (when there are too many for a list) a
    /// number box.
    review_number: String,
    reviews_listed: bool,
}

pub(crate) async fn search(
    State(app): State<AppState>,
    MaybeUser(user): MaybeUser,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let params = FilterParams::from_query(raw.as_deref());
    let today = app.today();
    let all_reviews = app.store.reviews().await?;
    let chosen_review = params.review.as_deref();
    let reviews_listed = all_reviews.len() <= REVIEWS_LISTED;
    let reviews = all_reviews
        .iter()
        .filter(|r| reviews_listed && workflow::sees(r.published, &user))
        .map(|r| Opt {
            value: r.id.to_string(),
            label: r.name.clone(),
            selected: chosen_review == Some(r.id.to_string().as_str()),
        })
        .collect();
    let kinds = ItemKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>();
    let statuses = Status::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>();
    let rags = Rag::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>();
    let mut result = SearchPage {
        title: "Search".into(),
        nav: Nav::of(&user),
        reviews,
        kinds: options(&kinds, params.kind.as_deref()),
        statuses: options(&statuses, params.status.as_deref()),
        rags: options(&rags, params.rag.as_deref()),
        owner: params.owner.clone().unwrap_or_default(),
        q: params.q.clone().unwrap_or_default(),
        overdue: false,
        awaiting: false,
        table: String::new(),
        total: 0,
        total_exact: true,
        later: params.after.is_some(),
        first_href: format!("/search?{}", params.to_query(None)),
        next_href: None,
        share_href: format!("/search?{}", params.to_query(None)),
        error: None,
        review_number: chosen_review.unwrap_or_default().to_string(),
        reviews_listed,
    };
    let mut search = match params.parse(today) {
        Ok(s) => s,
        Err(e) => {
            // The form stays, with the message, so the person can correct it.
            result.error = Some(e.to_string());
            let html = result
                .render()
                .map_err(|e| WebError::Internal(format!("rendering a page: {e}")))?;
            return Ok((StatusCode::BAD_REQUEST, Html(html)).into_response());
        }
    };
    workflow::restrict(&mut search.filter, &user);
    // The results of the same search on the same register and day are the same for every
    // reader who may see them (`restrict` is in the key): made once, then shared.
    let version = app.store.register_version().await?;
    let key = format!("{today}\n{search:?}");
    let found = match app.searches.get(version, &key) {
        Some(found) => found,
        None => {
            let (page, total) = crate::api::page_of(&*app.store, &search).await?;
            let table = if page.items.is_empty() {
                String::new()
            } else {
                ItemsTable {
                    caption: "Matching items".into(),
                    rows: page.items.iter().map(|i| ItemRow::of(i, today)).collect(),
                }
                .render()
                .map_err(|e| WebError::Internal(format!("rendering a page: {e}")))?
            };
            let found = std::sync::Arc::new(SearchResults {
                table,
                total,
                next: page.next,
            });
            app.searches.put(version, key, found.clone());
            found
        }
    };
    result.overdue = search.overdue;
    result.awaiting = search.filter.awaiting_verification;
    result.total = found.total.n;
    result.total_exact = found.total.exact;
    result.table = found.table.clone();
    result.next_href = found
        .next
        .map(|c| format!("/search?{}", params.to_query(Some(c))));
    page(result)
}

/// What a search found, as the search page shows it.
pub(crate) struct SearchResults {
    table: String,
    total: heed_store::Matches,
    next: Option<heed_store::Cursor>,
}

/// A table of items on its own (the search page's results).
#[derive(Template)]
#[template(path = "items_table.html")]
struct ItemsTable {
    caption: String,
    rows: Vec<ItemRow>,
}
