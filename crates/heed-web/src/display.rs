//! Plain values for templates: the register's types turned into the words and links a page
//! shows ("In progress", "report 3, line 14", "/items/7"), so templates hold no logic; a search's results as shown; saved views as links.

use axum::http::StatusCode;
use heed_app::accounts::may_delete_view;
pub use heed_app::words::{clip, label, label_or_dash};
use heed_core::date::Day;
use heed_store::{Change, ItemRecord, Source, Store, StoreError, User, VerificationState};

/// What the header shows about who is signed in.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub user: Option<NavUser>,
}

#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub role: String,
    /// For the sign-out form.
    pub csrf: String,
}

/// A page title for an error status: "404 Not Found".
pub fn status_title(status: StatusCode) -> String {
    format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    )
}

/// Where a value came from, in words.
pub fn source_text(s: &Source) -> String {
    match s {
        Source::Document { report, line } => format!("report {report}, line {line}"),
        Source::Person { name } => format!("{name} (in person)"),
        Source::Api { client } => format!("{client} (through the API)"),
    }
}

/// Where a claim to have closed an item stands, in one sentence.
pub fn verification_text(v: &VerificationState) -> String {
    let claimed = label(v.claimed.as_str()).to_lowercase();
    let claim = format!("{claimed} claimed by {} on {}", v.claimed_by, v.claimed_on);
    let decided = |what: &str| {
        let by = v.decided_by.as_deref().unwrap_or("someone");
        let on = v.decided_on.map(|d| d.to_string()).unwrap_or_default();
        let why = v
            .note
            .as_deref()
            .map(|n| format!(": {}", clip(n, 300)))
            .unwrap_or_default();
        format!("{what} by {by} on {on}{why}")
    };
    match v.state {
        heed_core::Verification::Awaiting => {
            format!(
                "Awaiting verification: {claim}; it stays open until the secretariat verifies it"
            )
        }
        heed_core::Verification::Verified
            if v.claimed_by == v.decided_by.as_deref().unwrap_or("") =>
        {
            format!(
                "Verified: {claimed}, recorded by {} on {}",
                v.claimed_by, v.claimed_on
            )
        }
        heed_core::Verification::Verified => format!("Verified: {claim}; {}", decided("verified")),
        heed_core::Verification::Rejected => {
            format!("Claim rejected: {claim}; {}", decided("rejected"))
        }
    }
}

/// What an event did, in one line (`heed_app::change`, as `heed show` says it).
pub fn change_text(c: &Change) -> String {
    heed_app::change::describe(c, 300)
}

/// The report a value was read from, for a link, when it came from a document.
pub fn source_report(s: &Source) -> Option<String> {
    match s {
        Source::Document { report, .. } => Some(report.to_string()),
        _ => None,
    }
}

/// One item as a row of a table.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub id: String,
    pub reference: String,
    pub kind: String,
    pub text: String,
    pub status: String,
    pub rag: String,
    /// The CSS class of the RAG badge ("rag-red"), empty for none.
    pub rag_class: String,
    pub owner: String,
    pub deadline: String,
    pub overdue: bool,
}

impl ItemRow {
    pub fn of(item: &ItemRecord, today: Day) -> ItemRow {
        let s = &item.state;
        ItemRow {
            id: item.id.to_string(),
            reference: s.r#ref.clone().unwrap_or_else(|| "—".into()),
            kind: label(s.kind.as_str()),
            text: if s.text.trim().is_empty() {
                "(no text: named by number only)".into()
            } else {
                clip(&s.text, 160)
            },
            status: label_or_dash(s.status.map(|x| x.as_str())),
            rag: label_or_dash(s.rag.map(|x| x.as_str())),
            rag_class: s
                .rag
                .map(|r| format!("rag-{}", r.as_str()))
                .unwrap_or_default(),
            owner: s.owner.clone().unwrap_or_else(|| "—".into()),
            deadline: s
                .deadline
                .as_ref()
                .map(|d| d.to_iso())
                .unwrap_or_else(|| "—".into()),
            overdue: item.is_overdue(today),
        }
    }
}

/// What a search found, as the search page shows it.
pub(crate) struct SearchResults {
    pub table: String,
    pub total: heed_store::Matches,
    pub next: Option<heed_store::Cursor>,
}

/// A saved view as the list, the dashboard and the API show it.
#[derive(Debug, serde::Serialize)]
pub(crate) struct ViewLink {
    pub slug: String,
    pub name: String,
    pub owner: String,
    pub created_at: String,
    /// The shareable URL.
    pub url: String,
    /// The search it opens.
    pub search: String,
    /// The same filters over the API.
    pub api: String,
    #[serde(skip)]
    pub deletable: bool,
}

/// Every saved view, as links, each marked deletable when `me` may delete it.
pub(crate) async fn view_links(
    store: &dyn Store,
    me: Option<&User>,
) -> Result<Vec<ViewLink>, StoreError> {
    Ok(store
        .saved_views()
        .await?
        .into_iter()
        .map(|v| ViewLink {
            deletable: me.is_some_and(|m| may_delete_view(m, &v)),
            url: format!("/views/{}", v.slug),
            search: format!("/search?{}", v.query),
            api: format!("/api/v1/items?{}", v.query),
            slug: v.slug,
            name: v.name,
            owner: v.owner,
            created_at: v.created_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_pages_are_titled_by_status() {
        assert_eq!(status_title(StatusCode::NOT_FOUND), "404 Not Found");
    }
}
