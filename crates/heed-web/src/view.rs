//! Plain values for templates: the register's types turned into the words and links a page
//! shows ("In progress", "report 3, line 14", "/items/7"), so templates hold no logic.

use axum::http::StatusCode;
use heed_core::date::Day;
use heed_store::{Change, ItemRecord, ItemUpdate, Source, VerificationState};

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

impl Nav {
    pub fn of(signed_in: &Option<crate::auth::SignedIn>) -> Nav {
        Nav {
            user: signed_in.as_ref().map(|s| NavUser {
                name: s.user.name.clone(),
                role: s.user.role.to_string(),
                csrf: s.csrf.clone(),
            }),
        }
    }
}

/// A vocabulary word as people read it: `in_progress` -> "In progress".
pub fn label(word: &str) -> String {
    let spaced = word.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An optional vocabulary word as people read it, with a dash for none.
pub fn label_or_dash(word: Option<&str>) -> String {
    word.map(label).unwrap_or_else(|| "—".into())
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

/// The report a value was read from, for a link, when it came from a document.
pub fn source_report(s: &Source) -> Option<String> {
    match s {
        Source::Document { report, .. } => Some(report.to_string()),
        _ => None,
    }
}

/// Shortens text to `n` characters on one line.
/// Reads only as far into the text as it needs: every row of a long list is clipped.
pub fn clip(text: &str, n: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        let sep = usize::from(!out.is_empty());
        let len = word.chars().count();
        if count + sep + len <= n {
            if sep == 1 {
                out.push(' ');
            }
            out.push_str(word);
            count += sep + len;
            continue;
        }
        // Longer than `n` on one line: its first n - 1 characters, then an ellipsis.
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
        let mut cut: String = out.chars().take(n.saturating_sub(1)).collect();
        cut.push('…');
        return cut;
    }
    out
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

/// What an event did, in one line.
pub fn change_text(c: &Change) -> String {
    match c {
        Change::ReportImported {
            file_name, items, ..
        } => format!("Report {file_name} imported ({items} items)"),
        Change::ItemCreated { .. } => "Entered the register, as read".into(),
        Change::ItemUpdated(u) => update_text(u),
        Change::Response { text } => format!("Response: {}", clip(text, 300)),
        Change::Linked { kind, from, to } => {
            format!("Linked: item {from} {} item {to}", label(kind.as_str()))
        }
        Change::Verified {
            decision,
            claimed,
            note,
            back_to,
        } => {
            let why = note
                .as_deref()
                .map(|n| format!(": {}", clip(n, 300)))
                .unwrap_or_default();
            match decision {
                heed_core::Decision::Accept => {
                    format!("Verified: {}{why}", label(claimed.as_str()).to_lowercase())
                }
                heed_core::Decision::Reject => format!(
                    "Claim of {} rejected, back to {}{why}",
                    label(claimed.as_str()).to_lowercase(),
                    label_or_dash(back_to.map(|s| s.as_str())).to_lowercase()
                ),
            }
        }
        Change::Published { published: true } => "Review published".into(),
        Change::Published { published: false } => "Review unpublished".into(),
    }
}

fn update_text(u: &ItemUpdate) -> String {
    let mut parts = Vec::new();
    if let Some(s) = u.status {
        let verified = if u.verified { " (verified)" } else { "" };
        parts.push(format!("status {}{verified}", label(s.as_str())));
    }
    if let Some(s) = u.claim {
        parts.push(format!(
            "claims {}, awaiting verification",
            label(s.as_str()).to_lowercase()
        ));
    }
    if let Some(r) = u.rag {
        parts.push(format!("RAG {}", label(r.as_str())));
    }
    if let Some(p) = u.position {
        parts.push(format!("position {}", label(p.as_str())));
    }
    if let Some(o) = &u.owner {
        parts.push(format!("owner {o}"));
    }
    if let Some(d) = &u.deadline {
        let why = u
            .deadline_reason
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        parts.push(format!("deadline {}{why}", d.to_iso()));
    }
    if let Some(a) = &u.actions {
        parts.push(format!("{} actions", a.len()));
    }
    if let Some(n) = &u.note {
        parts.push(format!("note: {}", clip(n, 300)));
    }
    if let Some(e) = &u.evidence {
        parts.push(format!("evidence {}", e.file_name));
    }
    if parts.is_empty() {
        "Updated".into()
    } else {
        format!("Updated: {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_as_people_write_them() {
        assert_eq!(label("in_progress"), "In progress");
        assert_eq!(label(""), "");
        assert_eq!(label_or_dash(None), "—");
        assert_eq!(clip("a  b\nc", 10), "a b c");
        // The same as clipping the whole text joined on one line, for every length.
        let whole = |text: &str, n: usize| {
            let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if one_line.chars().count() <= n {
                one_line
            } else {
                let cut: String = one_line.chars().take(n.saturating_sub(1)).collect();
                format!("{cut}…")
            }
        };
        for text in [
            "",
            "  ",
            "a",
            "ab cd",
            " Zoë  Łódź\t–\n≥ 25 % ",
            "one two three four",
        ] {
            for n in 0..20 {
                assert_eq!(clip(text, n), whole(text, n), "{text:?} at {n}");
            }
        }
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(status_title(StatusCode::NOT_FOUND), "404 Not Found");
    }
}
