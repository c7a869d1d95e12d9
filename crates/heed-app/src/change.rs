//! What an event did, in one line: the one wording of a change that the item page's
//! history, `heed show --history` and an export's history all show. Only how much of a note
//! is shown differs (`longest`): a page and a terminal clip, an export keeps it all.

use crate::words::{clip, label, label_or_dash};
use heed_store::{Change, Event, ItemUpdate};

/// When an event took effect, as the history shows it: its day, or for an event read from
/// a document that states no date, "undated" with the day it was recorded.
pub fn when(e: &Event) -> String {
    if e.undated {
        format!("undated (recorded {})", e.effective_on)
    } else {
        e.effective_on.to_string()
    }
}

/// What an event did, in one line; notes and responses clipped to `longest` characters
/// (`usize::MAX` for all of them).
pub fn describe(c: &Change, longest: usize) -> String {
    match c {
        Change::ReportImported {
            file_name, items, ..
        } => format!("Report {file_name} imported ({items} items)"),
        Change::ItemCreated { .. } => "Entered the register, as read".into(),
        Change::ItemUpdated(u) => update_text(u, longest),
        Change::Response { text } => format!("Response: {}", clip(text, longest)),
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
                .map(|n| format!(": {}", clip(n, longest)))
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

fn update_text(u: &ItemUpdate, longest: usize) -> String {
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
        parts.push(format!("note: {}", clip(n, longest)));
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
    use heed_core::Status;

    #[test]
    fn one_wording_with_notes_clipped_as_asked() {
        let update = Change::ItemUpdated(Box::new(ItemUpdate {
            status: Some(Status::InProgress),
            note: Some("Half the staff trained; the rest by March.".into()),
            ..ItemUpdate::default()
        }));
        assert_eq!(
            describe(&update, usize::MAX),
            "Updated: status In progress; note: Half the staff trained; the rest by March."
        );
        assert_eq!(
            describe(&update, 9),
            "Updated: status In progress; note: Half the…"
        );
        assert_eq!(
            describe(&Change::ItemUpdated(Box::default()), 10),
            "Updated"
        );
        assert_eq!(
            describe(&Change::Published { published: false }, 10),
            "Review unpublished"
        );
    }
}
