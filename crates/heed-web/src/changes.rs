//! An item change as a person or program typed it (the progress form, the API's `PATCH`),
//! before parsing: [`Changes`] holds the raw words, [`update_request`] turns them into the
//! store's `UpdateRequest` or says which field is wrong (422). Both front doors of a change
//! go through it, so a status, a RAG or a deadline is read the same way from either.

use crate::error::WebError;
use heed_core::{Deadline, Rag, Status, Version};
use heed_store::{Actor, DeadlineChange, UpdateRequest};

/// What an update asks to change, as typed (API body or HTML form), before parsing.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    pub status: Option<String>,
    pub rag: Option<String>,
    pub note: Option<String>,
    pub owner: Option<String>,
    /// The new deadline's text and the reason it moved.
    pub deadline: Option<(String, String)>,
}

/// Parses typed changes into the store's update, or says which field is wrong.
pub(crate) fn update_request(
    changes: Changes,
    actor: Actor,
    expected_version: Version,
    today: heed_core::date::Day,
) -> Result<UpdateRequest, WebError> {
    let mut update = UpdateRequest::by(actor);
    update.expected_version = Some(expected_version);
    update.status = parse_word::<Status>("status", &non_empty(changes.status))?;
    update.rag = parse_word::<Rag>("rag", &non_empty(changes.rag))?;
    update.note = non_empty(changes.note);
    update.owner = non_empty(changes.owner);
    if let Some((due, reason)) = changes.deadline {
        let deadline = Deadline::parse(&due, Some(today)).ok_or_else(|| {
            WebError::Unprocessable(format!(
                "deadline.due: {due:?} is not a date or period (YYYY-MM-DD, YYYY-MM, YYYY or a phrase like \"March 2015\")"
            ))
        })?;
        if reason.trim().is_empty() {
            return Err(WebError::Unprocessable(
                "deadline.reason: a deadline change needs a reason (it is kept as slippage history)"
                    .into(),
            ));
        }
        update.deadline = Some(DeadlineChange { deadline, reason });
    }
    let nothing = update.status.is_none()
        && update.rag.is_none()
        && update.note.is_none()
        && update.owner.is_none()
        && update.deadline.is_none();
    if nothing {
        return Err(WebError::Unprocessable(
            "nothing to change: give at least one of status, rag, note, owner, deadline".into(),
        ));
    }
    Ok(update)
}

fn parse_word<T: std::str::FromStr>(name: &str, v: &Option<String>) -> Result<Option<T>, WebError>
where
    T::Err: std::fmt::Display,
{
    v.as_deref()
        .map(|s| {
            s.parse::<T>()
                .map_err(|e| WebError::Unprocessable(format!("{name}: {e}")))
        })
        .transpose()
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}
