//! The dashboard (`GET /`): counts by status and RAG, open items by review, owner and theme,
//! overdue items by how late, open items by how long open, progress over time, and the saved
//! views. The figures are the store's (`Store::dashboard`, computed in SQL) and their HTML is
//! kept per register version, day and visibility (`AppState::dashboards`).

use crate::access;
use crate::auth::MaybeUser;
use crate::chart::Chart;
use crate::display::{ItemRow, Nav, clip, label};
use crate::edge::page;
use crate::error::{PageError, WebError};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use heed_core::date::Day;
use heed_store::ItemFilter;
use std::sync::Arc;

type PageResult = Result<Response, PageError>;

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
    views: Vec<crate::display::ViewLink>,
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
    access::restrict(&mut visible, &user);
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
    let views = access::views(&app, &user).await?;
    page(DashboardPage {
        views,
        title: "Dashboard".into(),
        nav: Nav::from(&user),
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
