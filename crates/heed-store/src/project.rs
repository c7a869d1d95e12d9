//! The rules of the history, without SQL: how an event changes an item's state, how a
//! document item becomes an initial state, and what a later document's item changes.
//!
//! Both backends keep their `items` table as the fold of these functions over the item's
//! events, in `(effective_on, id)` order; `as of DATE` is the same fold stopped at DATE. So
//! the projection and the replay cannot disagree.

use crate::field::Field;
use crate::model::{Change, ItemState, ItemUpdate, Note, Slippage, Source, VerificationState};
use heed_core::date::Day;
use heed_core::{Decision, Item, ReportId, Status, Verification};
use std::collections::BTreeMap;

/// The state an item has when it is first read from a document.
pub fn initial_state(item: &Item, report: ReportId, on: Day) -> ItemState {
    let src = Source::Document {
        report,
        line: item.line,
    };
    let mut provenance = BTreeMap::new();
    let mut mark = |field: Field, present: bool| {
        if present {
            provenance.insert(field, src.clone());
        }
    };
    mark(Field::Kind, true);
    mark(Field::Text, !item.text.is_empty());
    mark(Field::Ref, item.r#ref.is_some());
    mark(Field::Section, item.section.is_some());
    mark(Field::Theme, item.theme.is_some());
    mark(Field::Addressee, item.addressee.is_some());
    mark(Field::Owner, item.owner.is_some());
    mark(Field::Position, item.position.is_some());
    mark(Field::Status, item.status.is_some());
    mark(Field::Rag, item.rag.is_some());
    mark(Field::Deadline, item.deadline.is_some());
    mark(Field::Actions, !item.actions.is_empty());
    let notes = item
        .responses
        .iter()
        .map(|r| Note {
            on,
            text: r.text.clone(),
            source: Source::Document {
                report,
                line: r.line,
            },
        })
        .collect();
    ItemState {
        kind: item.kind,
        r#ref: item.r#ref.clone(),
        section: item.section.clone(),
        theme: item.theme.clone(),
        text: item.text.clone(),
        addressee: item.addressee.clone(),
        owner: item.owner.clone(),
        position: item.position,
        position_words: item.position_words.clone(),
        status: item.status,
        status_words: item.status_words.clone(),
        rag: item.rag,
        rag_reason: item.rag_reason.clone(),
        deadline: item.deadline.clone(),
        see_also: item.see_also.clone(),
        actions: item.actions.clone(),
        notes,
        slippage: Vec::new(),
        evidence: Vec::new(),
        links: Vec::new(),
        verification: None,
        provenance,
    }
}

/// What a later document says about an item already in the register: only the values it
/// states and that differ from the current ones.
pub fn diff_from_document(current: &ItemState, incoming: &Item) -> ItemUpdate {
    let mut u = ItemUpdate::default();
    if incoming.status.is_some() && incoming.status != current.status {
        u.status = incoming.status;
        u.status_words = incoming.status_words.clone();
    }
    if incoming.rag.is_some() && incoming.rag != current.rag {
        u.rag = incoming.rag;
        u.rag_reason = incoming.rag_reason.clone();
    }
    if incoming.position.is_some() && incoming.position != current.position {
        u.position = incoming.position;
        u.position_words = incoming.position_words.clone();
    }
    if incoming.owner.is_some() && incoming.owner != current.owner {
        u.owner = incoming.owner.clone();
    }
    if incoming.deadline.is_some() && incoming.deadline != current.deadline {
        u.deadline = incoming.deadline.clone();
    }
    if !incoming.actions.is_empty() && incoming.actions != current.actions {
        u.actions = Some(incoming.actions.clone());
    }
    u
}

/// An update's changes in words, against the state it applies to.
pub fn describe(current: &ItemState, u: &ItemUpdate) -> Vec<String> {
    fn show<T: std::fmt::Display>(v: &Option<T>) -> String {
        v.as_ref()
            .map_or_else(|| "none".to_string(), |x| x.to_string())
    }
    let mut out = Vec::new();
    if u.status.is_some() {
        out.push(format!(
            "status {} -> {}",
            show(&current.status),
            show(&u.status)
        ));
    }
    if u.rag.is_some() {
        out.push(format!("RAG {} -> {}", show(&current.rag), show(&u.rag)));
    }
    if u.position.is_some() {
        out.push(format!(
            "position {} -> {}",
            show(&current.position),
            show(&u.position)
        ));
    }
    if u.owner.is_some() {
        out.push(format!(
            "owner {} -> {}",
            show(&current.owner),
            show(&u.owner)
        ));
    }
    if u.deadline.is_some() {
        out.push(format!(
            "deadline {} -> {}",
            show(&current.deadline),
            show(&u.deadline)
        ));
    }
    if let Some(a) = &u.actions {
        out.push(format!("{} action rows", a.len()));
    }
    if u.note.is_some() {
        out.push("a note".into());
    }
    if let Some(e) = &u.evidence {
        out.push(format!("evidence {}", e.file_name));
    }
    out
}

/// Applies one event to an item's state. `ItemCreated` replaces whatever was there.
pub fn apply(state: &mut Option<ItemState>, change: &Change, source: &Source, on: Day) {
    match change {
        Change::ItemCreated { state: initial } => *state = Some((**initial).clone()),
        Change::ItemUpdated(u) => {
            if let Some(s) = state {
                apply_update(s, u, source, on);
            }
        }
        Change::Response { text } => {
            if let Some(s) = state {
                s.notes.push(Note {
                    on,
                    text: text.clone(),
                    source: source.clone(),
                });
            }
        }
        Change::Verified {
            decision,
            claimed,
            note,
            back_to,
        } => {
            if let Some(s) = state {
                if let Some(v) = s.verification.as_mut() {
                    v.state = match decision {
                        Decision::Accept => Verification::Verified,
                        Decision::Reject => Verification::Rejected,
                    };
                    v.decided_by = Some(author_of(source));
                    v.decided_on = Some(on);
                    v.note = note.clone();
                }
                let status = match decision {
                    Decision::Accept => Some(*claimed),
                    Decision::Reject => *back_to,
                };
                if let Some(st) = status {
                    s.status = Some(st);
                    s.status_words = None;
                    s.provenance.insert(Field::Status, source.clone());
                }
                s.provenance.insert(Field::Verification, source.clone());
            }
        }
        Change::Published { .. } => {}
        Change::Linked { kind, from, to } => {
            // The caller applies a link event to both ends; which end this is is decided
            // by the caller through `link_end`.
            let _ = (kind, from, to);
        }
        Change::ReportImported { .. } => {}
    }
}

/// Applies a link event to one of its ends.
pub fn link_end(state: &mut ItemState, change: &Change, this: heed_core::ItemId) {
    if let Change::Linked { kind, from, to } = change {
        let (other, outgoing) = if *from == this {
            (*to, true)
        } else {
            (*from, false)
        };
        let link = crate::model::LinkRef {
            kind: *kind,
            other,
            outgoing,
        };
        if !state.links.contains(&link) {
            state.links.push(link);
        }
    }
}

/// The name a source records: the person's or client's, or "document".
pub fn author_of(source: &Source) -> String {
    match source {
        Source::Person { name } => name.clone(),
        Source::Api { client } => client.clone(),
        Source::Document { report, .. } => format!("report {report}"),
    }
}

/// Where a rejected claim sends the item: back to the status it had, or in progress.
pub fn rejected_to(current: Option<Status>) -> Status {
    match current {
        Some(st) if !st.is_closed() => st,
        _ => Status::InProgress,
    }
}

/// Splits an update into the fields `taken` says belong elsewhere (a person's corrections
/// of a document's values) and the rest: `(rest, taken)`. Each field moves with its words
/// or reason.
pub fn split_update(mut u: ItemUpdate, taken: impl Fn(Field) -> bool) -> (ItemUpdate, ItemUpdate) {
    let mut t = ItemUpdate::default();
    if taken(Field::Status) {
        t.status = u.status.take();
        t.status_words = u.status_words.take();
    }
    if taken(Field::Rag) {
        t.rag = u.rag.take();
        t.rag_reason = u.rag_reason.take();
    }
    if taken(Field::Position) {
        t.position = u.position.take();
        t.position_words = u.position_words.take();
    }
    if taken(Field::Owner) {
        t.owner = u.owner.take();
    }
    if taken(Field::Deadline) {
        t.deadline = u.deadline.take();
        t.deadline_reason = u.deadline_reason.take();
    }
    if taken(Field::Actions) {
        t.actions = u.actions.take();
    }
    (u, t)
}

fn apply_update(s: &mut ItemState, u: &ItemUpdate, source: &Source, on: Day) {
    // A claim leaves the status as it is; a status set directly settles any claim.
    if let Some(claimed) = u.claim {
        s.verification = Some(VerificationState {
            state: Verification::Awaiting,
            claimed,
            claimed_by: author_of(source),
            claimed_on: on,
            decided_by: None,
            decided_on: None,
            note: None,
        });
        s.provenance.insert(Field::Verification, source.clone());
    } else if let Some(st) = u.status {
        s.verification = (u.verified && st.is_closed()).then(|| VerificationState {
            state: Verification::Verified,
            claimed: st,
            claimed_by: author_of(source),
            claimed_on: on,
            decided_by: Some(author_of(source)),
            decided_on: Some(on),
            note: None,
        });
        if s.verification.is_some() {
            s.provenance.insert(Field::Verification, source.clone());
        } else {
            s.provenance.remove(&Field::Verification);
        }
    }
    let mut mark = |field: Field| {
        s.provenance.insert(field, source.clone());
    };
    if u.status.is_some() {
        mark(Field::Status);
    }
    if u.rag.is_some() {
        mark(Field::Rag);
    }
    if u.position.is_some() {
        mark(Field::Position);
    }
    if u.owner.is_some() {
        mark(Field::Owner);
    }
    if u.deadline.is_some() {
        mark(Field::Deadline);
    }
    if u.actions.is_some() {
        mark(Field::Actions);
    }
    if let Some(st) = u.status {
        s.status = Some(st);
        s.status_words = u.status_words.clone();
    }
    if let Some(r) = u.rag {
        s.rag = Some(r);
        s.rag_reason = u.rag_reason.clone();
    }
    if let Some(p) = u.position {
        s.position = Some(p);
        s.position_words = u.position_words.clone();
    }
    if let Some(o) = &u.owner {
        s.owner = Some(o.clone());
    }
    if let Some(d) = &u.deadline {
        if s.deadline.as_ref() != Some(d) {
            s.slippage.push(Slippage {
                from: s.deadline.clone(),
                to: d.clone(),
                reason: u.deadline_reason.clone(),
                on,
                source: source.clone(),
            });
        }
        s.deadline = Some(d.clone());
    }
    if let Some(a) = &u.actions {
        s.actions = a.clone();
    }
    if let Some(n) = &u.note {
        s.notes.push(Note {
            on,
            text: n.clone(),
            source: source.clone(),
        });
    }
    if let Some(e) = &u.evidence {
        s.evidence.push(e.clone());
    }
}

/// The day an item's current closed status took effect, after one more event: an event that
/// sets a status decides it afresh (the event's day when the status it sets is a closed one,
/// nothing when it is open); other events keep `before`. Folding this over an
/// item's events in effective order gives the projection's `closed_on`: the effective day of
/// the latest event that set the item's current closed status.
pub fn closed_on(before: Option<Day>, change: &Change, after: &ItemState, on: Day) -> Option<Day> {
    let sets_status = match change {
        Change::ItemCreated { .. } => true,
        Change::ItemUpdated(u) => u.status.is_some(),
        _ => false,
    };
    if !sets_status {
        return before;
    }
    after.status.is_some_and(|s| s.is_closed()).then_some(on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use heed_core::{Deadline, ItemKind, Status};

    fn day(s: &str) -> Day {
        Day::parse_iso(s).expect("test date")
    }

    #[test]
    fn deadline_change_is_kept_as_slippage() {
        let mut item = Item::new(ItemKind::Recommendation, "Do the thing", 3);
        item.deadline = Deadline::parse("2013-04", None);
        let mut st = Some(initial_state(
            &item,
            ReportId::from_raw(1),
            day("2013-01-01"),
        ));
        let u = ItemUpdate {
            deadline: Deadline::parse("2013-09", None),
            deadline_reason: Some("staff shortage".into()),
            status: Some(Status::InProgress),
            ..ItemUpdate::default()
        };
        let who = Source::Person { name: "ann".into() };
        apply(
            &mut st,
            &Change::ItemUpdated(Box::new(u)),
            &who,
            day("2013-05-01"),
        );
        let st = st.expect("created");
        assert_eq!(st.slippage.len(), 1);
        assert_eq!(st.slippage[0].reason.as_deref(), Some("staff shortage"));
        assert_eq!(st.provenance.get("status"), Some(&who));
        assert_eq!(
            st.provenance.get("text"),
            Some(&Source::Document {
                report: ReportId::from_raw(1),
                line: 3
            })
        );
    }

    #[test]
    fn split_moves_corrected_fields_with_their_words() {
        let u = ItemUpdate {
            status: Some(Status::Completed),
            status_words: Some("done".into()),
            owner: Some("Custody".into()),
            ..ItemUpdate::default()
        };
        let (rest, taken) = split_update(u, |f| f == Field::Status);
        assert_eq!(taken.status, Some(Status::Completed));
        assert_eq!(taken.status_words.as_deref(), Some("done"));
        assert_eq!(rest.status, None);
        assert_eq!(rest.owner.as_deref(), Some("Custody"));
        let (rest, taken) = split_update(rest, |_| false);
        assert!(taken.is_empty());
        assert!(!rest.is_empty());
    }

    #[test]
    fn diff_keeps_only_what_changed() {
        let mut item = Item::new(ItemKind::Recommendation, "Do the thing", 3);
        item.status = Some(Status::InProgress);
        let st = initial_state(&item, ReportId::from_raw(1), day("2013-01-01"));
        assert!(diff_from_document(&st, &item).is_empty());
        item.status = Some(Status::Completed);
        assert_eq!(
            diff_from_document(&st, &item).status,
            Some(Status::Completed)
        );
    }
}
