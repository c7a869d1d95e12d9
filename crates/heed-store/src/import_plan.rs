//! What importing a document changes, decided without a database. Given the document, the
//! person's corrections, the review and report it goes to, the current state of every item
//! of the register it was matched to and ids for its new items, [`plan_import`] returns the
//! events to append to each matched item (with what they change, for the summary), the new
//! items with their creation events, and the report's own event. The engine
//! (`engine/import.rs`) reads what this needs and writes what it returns, in the import's
//! one transaction; the rules of a single change stay in `project.rs`.

use crate::matching::Found;
use crate::model::{Change, Corrections, ItemMatch, ItemState, Source};
use crate::project;
use heed_core::date::Day;
use heed_core::{Document, Item, ItemId, ReportId, ReviewId};

/// A pending event: what changed, where from, on which day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewEvent {
    pub(crate) item: Option<ItemId>,
    pub(crate) review: Option<ReviewId>,
    pub(crate) source: Source,
    pub(crate) on: Day,
    /// Read from a document that states no date: `on` is the day it was recorded.
    pub(crate) undated: bool,
    pub(crate) change: Change,
    pub(crate) origin: Option<String>,
}

/// Where a document goes and what is known about it, besides its items.
#[derive(Debug, Clone)]
pub(crate) struct Target<'a> {
    pub(crate) document: &'a Document,
    pub(crate) file_name: &'a str,
    pub(crate) title: Option<String>,
    /// The day the document is dated (its own, or the one given at import); `None` when it
    /// states none.
    pub(crate) dated: Option<Day>,
    /// The day it is recorded: an undated document's events take effect then.
    pub(crate) today: Day,
    pub(crate) review: ReviewId,
    pub(crate) report: ReportId,
    pub(crate) fix: &'a Corrections,
    pub(crate) origin: Option<String>,
}

impl Target<'_> {
    /// The day the document's events take effect, unless a row says otherwise.
    pub(crate) fn on(&self) -> Day {
        self.dated.unwrap_or(self.today)
    }
}

/// An incoming item matched to an item of the register, with that item's state now.
#[derive(Debug, Clone)]
pub(crate) struct Matched {
    pub(crate) found: Found,
    pub(crate) item: ItemId,
    pub(crate) current: ItemState,
}

/// An incoming item that becomes a new item of the register.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewItem {
    /// Its place in the document (`Document::items`).
    pub(crate) ordinal: usize,
    pub(crate) id: i64,
    /// The day it takes effect: the row's own `updated_on`, or the document's.
    pub(crate) on: Day,
    /// Whether its status is a closed one (then it closed on `on`).
    pub(crate) closed: bool,
}

/// What an import writes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    /// Per matched item, in the order of the matches: the events to append (none when the
    /// document says nothing new about it).
    pub(crate) updates: Vec<(ItemId, Vec<NewEvent>)>,
    /// The matches as the summary reports them.
    pub(crate) matches: Vec<ItemMatch>,
    /// The new items, in document order, and their creation events (the same order).
    pub(crate) created: Vec<NewItem>,
    pub(crate) created_events: Vec<NewEvent>,
    /// The report's own event (no item).
    pub(crate) imported: NewEvent,
}

impl Plan {
    /// How many matched items change.
    pub(crate) fn updated(&self) -> usize {
        self.updates.iter().filter(|(_, e)| !e.is_empty()).count()
    }

    /// How many events the import writes.
    pub(crate) fn events(&self) -> usize {
        self.updates.iter().map(|(_, e)| e.len()).sum::<usize>() + self.created.len() + 1
    }
}

/// The places in the document of the items no match claims: they become new items.
pub(crate) fn unmatched(document: &Document, matched: &[Matched]) -> Vec<usize> {
    let mut claimed = vec![false; document.items.len()];
    for m in matched {
        if let Some(c) = claimed.get_mut(m.found.incoming) {
            *c = true;
        }
    }
    (0..document.items.len()).filter(|i| !claimed[*i]).collect()
}

/// Decides an import: the events for each matched item and for each new one (which takes
/// the ids in `new_ids`, one per [`unmatched`] item, in order), and the report's event.
pub(crate) fn plan_import(to: &Target<'_>, matched: &[Matched], new_ids: &[i64]) -> Plan {
    let doc = to.document;
    let on = to.on();
    let mut updates = Vec::with_capacity(matched.len());
    let mut matches = Vec::with_capacity(matched.len());
    for m in matched {
        let Some(incoming) = doc.items.get(m.found.incoming) else {
            continue;
        };
        let (events, changes) = update_of(to, m, incoming);
        matches.push(ItemMatch {
            incoming: m.found.incoming,
            item: m.item,
            r#ref: incoming.r#ref.clone(),
            by: m.found.by,
            similarity: m.found.similarity,
            changed: !events.is_empty(),
            changes,
        });
        updates.push((m.item, events));
    }
    let mut created = Vec::new();
    let mut created_events = Vec::new();
    for (ordinal, id) in unmatched(doc, matched).into_iter().zip(new_ids) {
        let item = &doc.items[ordinal];
        let (new, event) = creation_of(to, ordinal, item, *id);
        created.push(new);
        created_events.push(event);
    }
    let imported = NewEvent {
        undated: to.dated.is_none(),
        item: None,
        review: Some(to.review),
        source: Source::Document {
            report: to.report,
            line: 0,
        },
        on,
        change: Change::ReportImported {
            file_name: to.file_name.to_string(),
            title: to.title.clone(),
            items: doc.items.len(),
            judgements: doc.judgements.clone(),
            glossary: doc.glossary.clone(),
        },
        origin: to.origin.clone(),
    };
    Plan {
        updates,
        matches,
        created,
        created_events,
        imported,
    }
}

/// A matched item's events, and what they change in words.
fn update_of(to: &Target<'_>, m: &Matched, incoming: &Item) -> (Vec<NewEvent>, Vec<String>) {
    // A tracker row that says when it was last updated takes effect that day.
    let undated = to.dated.is_none() && incoming.updated_on.is_none();
    let on = incoming.updated_on.unwrap_or(to.on());
    let event = |source: Source, change: Change| NewEvent {
        undated,
        item: Some(m.item),
        review: Some(to.review),
        source,
        on,
        change,
        origin: to.origin.clone(),
    };
    let mut events = Vec::new();
    let diff = project::diff_from_document(&m.current, incoming);
    let mut changes = project::describe(&m.current, &diff);
    // What the person corrected is their update; the rest is the document's.
    let (diff, corrected) =
        project::split_update(diff, |field| to.fix.corrected(m.found.incoming, field));
    if !diff.is_empty() {
        events.push(event(
            Source::Document {
                report: to.report,
                line: incoming.line,
            },
            Change::ItemUpdated(Box::new(diff)),
        ));
    }
    if !corrected.is_empty() {
        events.push(event(
            to.fix.by.source(),
            Change::ItemUpdated(Box::new(corrected)),
        ));
    }
    // A response the register already has (a report quoting an earlier one) is not added
    // twice.
    let known: std::collections::HashSet<&str> =
        m.current.notes.iter().map(|n| n.text.as_str()).collect();
    for r in incoming
        .responses
        .iter()
        .filter(|r| !known.contains(r.text.as_str()))
    {
        changes.push(format!("response: {}", clip(&r.text, 60)));
        events.push(event(
            Source::Document {
                report: to.report,
                line: r.line,
            },
            Change::Response {
                text: r.text.clone(),
            },
        ));
    }
    (events, changes)
}

/// A new item, and the event that creates it with its whole first state (the fields the
/// person corrected credited to them).
fn creation_of(to: &Target<'_>, ordinal: usize, item: &Item, id: i64) -> (NewItem, NewEvent) {
    let undated = to.dated.is_none() && item.updated_on.is_none();
    let on = item.updated_on.unwrap_or(to.on());
    let mut state = project::initial_state(item, to.report, on);
    if let Some(fields) = to.fix.fields.get(&ordinal) {
        for field in fields {
            state.provenance.insert(*field, to.fix.by.source());
        }
    }
    let new = NewItem {
        ordinal,
        id,
        on,
        closed: item.status.is_some_and(|s| s.is_closed()),
    };
    let event = NewEvent {
        undated,
        item: Some(ItemId::from_raw(id)),
        review: Some(to.review),
        source: Source::Document {
            report: to.report,
            line: item.line,
        },
        on,
        change: Change::ItemCreated {
            state: Box::new(state),
        },
        origin: to.origin.clone(),
    };
    (new, event)
}

/// The first `n` characters of a text, on one line.
fn clip(text: &str, n: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        format!("{}…", one.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests;
