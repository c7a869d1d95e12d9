//! The pages people read: reviews, one review, one item (and its evidence files), search
//! (the dashboard is `dashboard.rs`). Each handler
//! asks the store, builds plain view values (`display.rs`, `chart.rs`) and renders an askama
//! template from `templates/`. Failures become pages through [`PageError`].

use crate::access;
use crate::auth::MaybeUser;
use crate::display::{self, ItemRow, Nav, label, label_or_dash, source_report, source_text};
use crate::edge::{page, parse_id};
use crate::error::{PageError, WebError};
use crate::filter::FilterParams;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use heed_core::date::Day;
use heed_core::{EvidenceId, ItemId, ItemKind, Rag, ReviewId, Status, Version};
use heed_store::{Change, ItemFilter, ItemWithHistory, StoredFile};

type PageResult = Result<Response, PageError>;

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
        .filter(|r| access::sees(r.published, &user))
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
        nav: Nav::from(&user),
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
        .find(|r| r.id == id && access::sees(r.published, &user))
        .cloned()
        .ok_or_else(|| WebError::NotFound(format!("there is no review {id} in the register")))?;
    let today = app.today();
    let mut reports = app.store.reports(Some(id)).await?;
    access::reports_for_public(&mut reports, &user);
    let reports = reports
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
                        .map(|n| n.to_string())
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
        nav: Nav::from(&user),
        id: id.to_string(),
        reports,
        judgements,
        items,
        open: summary.open,
        published: summary.published,
        publish_csrf: user
            .as_ref()
            .filter(|s| heed_app::accounts::may_publish(&s.user))
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
    /// The effective day, for `<time datetime>`.
    day: String,
    /// The effective day as shown: the day, or "undated (recorded D)".
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
    version: Version,
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
    let ItemWithHistory {
        mut item,
        mut history,
    } = match as_of {
        None => app.store.item_with_history(id).await?,
        Some(_) => ItemWithHistory {
            item: app.store.item(id, as_of).await?,
            history: app.store.history(id).await?,
        },
    };
    access::check_item(&app, &user, &item).await?;
    access::for_public(&mut item, &user);
    access::events_for_public(&mut history, &user);
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
    let see_also = heed_app::links::cross_references(app.store.as_ref(), &item)
        .await?
        .into_iter()
        .map(|x| match x.target {
            Some((id, kind)) => SeeAlsoRow {
                text: format!(
                    "The report refers to {} {}",
                    label(kind.as_str()).to_lowercase(),
                    x.reference
                ),
                href: Some(format!("/items/{id}")),
            },
            None => SeeAlsoRow {
                text: format!("The report refers to {} (not in this review)", x.reference),
                href: None,
            },
        })
        .collect();
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
            name: label(field.as_str()),
            value: source_text(src),
        })
        .collect();
    let history = history
        .iter()
        .map(|e| EventRow {
            day: e.effective_on.to_string(),
            on: heed_app::change::when(e),
            recorded_at: e.recorded_at.clone(),
            author: e.author.clone(),
            source: source_text(&e.source),
            text: display::change_text(&e.change),
            origin: e.origin.clone().unwrap_or_default(),
        })
        .collect();
    let verification = s.verification.as_ref().map(display::verification_text);
    let verify_csrf = user
        .as_ref()
        .filter(|u| {
            as_of.is_none() && item.awaits_verification() && heed_app::accounts::may_verify(&u.user)
        })
        .map(|u| u.csrf.clone());
    let form = match &user {
        Some(signed_in)
            if as_of.is_none() && heed_app::accounts::may_update(&signed_in.user, &item) =>
        {
            let statuses = Status::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>();
            let rags = Rag::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>();
            Some(ProgressForm {
                csrf: signed_in.csrf.clone(),
                claims: !heed_app::accounts::may_verify(&signed_in.user),
                statuses: options(&statuses, None),
                rags: options(&rags, None),
            })
        }
        _ => None,
    };
    page(ItemPage {
        title,
        nav: Nav::from(&user),
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
    let id: EvidenceId = parse_id(&raw, "evidence file")?;
    if user.is_none() {
        let item = app.store.evidence_item(id).await?;
        let item = app.store.item(item, None).await?;
        let visible = access::check_item(&app, &user, &item).await.is_ok()
            && access::public_evidence(&item, id, &user);
        if !visible {
            return Err(
                WebError::NotFound(format!("no evidence file {id} in the register")).into(),
            );
        }
    }
    let StoredFile { name, bytes } = app.store.evidence_file(id).await?;
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
    // The reviews' figures only when there are few enough to list: at 200,000 reviews
    // reading them cost 1.4 s, again after every write, for every search page.
    let reviews_listed = app.store.review_count().await? <= REVIEWS_LISTED as u64;
    let all_reviews = if reviews_listed {
        app.store.reviews().await?
    } else {
        Default::default()
    };
    let chosen_review = params.review.as_deref();
    let reviews = all_reviews
        .iter()
        .filter(|r| reviews_listed && access::sees(r.published, &user))
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
        nav: Nav::from(&user),
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
    access::restrict(&mut search.filter, &user);
    // The results of the same search on the same register and day are the same for every
    // reader who may see them (`restrict` is in the key): made once, then shared.
    let version = app.store.register_version().await?;
    let key = format!("{today}\n{search:?}");
    let found = match app.searches.get(version, &key) {
        Some(found) => found,
        None => {
            let crate::filter::Found { page, total } =
                crate::filter::page_of(&*app.store, &search).await?;
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
            let found = std::sync::Arc::new(display::SearchResults {
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

/// A table of items on its own (the search page's results).
#[derive(Template)]
#[template(path = "items_table.html")]
struct ItemsTable {
    caption: String,
    rows: Vec<ItemRow>,
}
