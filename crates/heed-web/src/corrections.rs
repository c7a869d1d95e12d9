//! Corrections to an upload's reading, as the person (the preview's form) or a program (the
//! import API's JSON) sent them: each field given replaces the read value, an item can be
//! dropped; [`correct`] applies them to the document and says which fields of which items
//! the person changed, so the store credits those values to them rather than to the line.

use crate::error::WebError;
use heed_core::date::Day;
use heed_core::{Deadline, Document, ItemKind, Position, Rag, Status};
use heed_store::Field;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// One item as the person or program corrected it: each field given replaces the read value
/// (an empty text clears it); `drop` leaves the item out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Correction {
    /// The item's position in the preview's list, from 0.
    index: usize,
    #[serde(default)]
    drop: bool,
    r#ref: Option<String>,
    kind: Option<String>,
    text: Option<String>,
    status: Option<String>,
    deadline: Option<String>,
    owner: Option<String>,
    section: Option<String>,
    rag: Option<String>,
    position: Option<String>,
}

/// How a deadline is shown for correcting (and read back).
pub(crate) fn deadline_text(d: &Option<Deadline>) -> String {
    d.as_ref().map(|d| d.to_iso()).unwrap_or_default()
}

/// Sets `field` to `new`; true when that changed it.
fn replace<T: PartialEq>(field: &mut T, new: T) -> bool {
    if *field == new {
        return false;
    }
    *field = new;
    true
}

/// A vocabulary word as typed (status, RAG, position): none when blank.
fn word<T: std::str::FromStr>(typed: &str) -> Result<Option<T>, String>
where
    T::Err: std::fmt::Display,
{
    blank_to_none(typed)
        .map(|w| w.parse::<T>().map_err(|e| e.to_string()))
        .transpose()
}

pub(crate) fn blank_to_none(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A document as corrected.
#[derive(Debug)]
pub(crate) struct Corrected {
    pub document: Document,
    /// Which fields of which of its remaining items, by index, the person changed.
    pub fields: BTreeMap<usize, BTreeSet<Field>>,
}

/// Applies corrections to a document: the corrected document, and which fields of which of
/// its (remaining) items the person changed.
pub(crate) fn correct(
    mut doc: Document,
    corrections: &[Correction],
    today: Day,
) -> Result<Corrected, WebError> {
    let n = doc.items.len();
    let mut fields: BTreeMap<usize, BTreeSet<Field>> = BTreeMap::new();
    let mut dropped = BTreeSet::new();
    for c in corrections {
        let bad = |what: &str, e: String| {
            WebError::Unprocessable(format!("item {} ({what}): {e}", c.index + 1))
        };
        let Some(item) = doc.items.get_mut(c.index) else {
            return Err(WebError::Unprocessable(format!(
                "correction of item index {}: the document has {n} items (indexes 0 to {})",
                c.index,
                n.saturating_sub(1)
            )));
        };
        if c.drop {
            dropped.insert(c.index);
            continue;
        }
        let mut mark = |f: Field| {
            fields.entry(c.index).or_default().insert(f);
        };
        if let Some(r) = &c.r#ref
            && replace(&mut item.r#ref, blank_to_none(r))
        {
            mark(Field::Ref);
        }
        if let Some(k) = &c.kind {
            let kind: ItemKind = k.parse().map_err(|e| bad("kind", format!("{e}")))?;
            if replace(&mut item.kind, kind) {
                mark(Field::Kind);
            }
        }
        if let Some(t) = &c.text {
            let t = t.trim();
            if t.is_empty() {
                return Err(bad(
                    "text",
                    "an item needs its text; drop the item instead".into(),
                ));
            }
            if t != item.text.trim() {
                item.text = t.to_string();
                mark(Field::Text);
            }
        }
        if let Some(s) = &c.status {
            let status: Option<Status> = word(s).map_err(|e| bad("status", e))?;
            if replace(&mut item.status, status) {
                item.status_words = None;
                mark(Field::Status);
            }
        }
        if let Some(d) = &c.deadline {
            let shown = deadline_text(&item.deadline);
            let unchanged = d.trim() == shown
                || item
                    .deadline
                    .as_ref()
                    .is_some_and(|x| x.phrase.trim() == d.trim());
            if !unchanged {
                item.deadline = match blank_to_none(d) {
                    None => None,
                    Some(text) => Some(Deadline::parse(&text, Some(today)).ok_or_else(|| {
                        bad(
                            "deadline",
                            format!(
                                "{text:?} is not a date or period (YYYY-MM-DD, YYYY-MM, YYYY or a phrase like \"March 2015\")"
                            ),
                        )
                    })?),
                };
                mark(Field::Deadline);
            }
        }
        if let Some(o) = &c.owner
            && replace(&mut item.owner, blank_to_none(o))
        {
            mark(Field::Owner);
        }
        if let Some(x) = &c.section
            && replace(&mut item.section, blank_to_none(x))
        {
            mark(Field::Section);
        }
        if let Some(r) = &c.rag {
            let rag: Option<Rag> = word(r).map_err(|e| bad("rag", e))?;
            if replace(&mut item.rag, rag) {
                item.rag_reason = None;
                mark(Field::Rag);
            }
        }
        if let Some(p) = &c.position {
            let position: Option<Position> = word(p).map_err(|e| bad("position", e))?;
            if replace(&mut item.position, position) {
                item.position_words = None;
                mark(Field::Position);
            }
        }
    }
    // Drop items, and renumber the corrected fields to the remaining items' positions.
    let mut renumbered = BTreeMap::new();
    let mut kept = Vec::with_capacity(n);
    for (i, item) in std::mem::take(&mut doc.items).into_iter().enumerate() {
        if dropped.contains(&i) {
            continue;
        }
        if let Some(f) = fields.remove(&i) {
            renumbered.insert(kept.len(), f);
        }
        kept.push(item);
    }
    doc.items = kept;
    Ok(Corrected {
        document: doc,
        fields: renumbered,
    })
}

/// The confirmation form's fields into corrections: `ref-3`, `kind-3`, `text-3`,
/// `status-3`, `deadline-3`, `owner-3`, `section-3`, `rag-3`, `position-3`, `drop-3` for
/// the item at index 3.
pub(crate) fn form_corrections(fields: &[(String, String)]) -> Result<Vec<Correction>, WebError> {
    let mut by_index: BTreeMap<usize, Correction> = BTreeMap::new();
    for (key, value) in fields {
        let Some((field, index)) = key.rsplit_once('-') else {
            continue;
        };
        let Ok(index) = index.parse::<usize>() else {
            continue;
        };
        let c = by_index.entry(index).or_insert_with(|| Correction {
            index,
            ..Correction::default()
        });
        if field == "drop" {
            c.drop = !value.is_empty();
            continue;
        }
        let v = Some(value.clone());
        match field.parse::<Field>() {
            Ok(Field::Ref) => c.r#ref = v,
            Ok(Field::Kind) => c.kind = v,
            Ok(Field::Text) => c.text = v,
            Ok(Field::Status) => c.status = v,
            Ok(Field::Deadline) => c.deadline = v,
            Ok(Field::Owner) => c.owner = v,
            Ok(Field::Section) => c.section = v,
            Ok(Field::Rag) => c.rag = v,
            Ok(Field::Position) => c.position = v,
            _ => {
                return Err(WebError::BadRequest(format!(
                    "the confirmation form: unknown field {field:?}"
                )));
            }
        }
    }
    Ok(by_index.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use heed_core::Item;

    fn doc() -> Document {
        let mut d = Document::default();
        d.items
            .push(Item::new(ItemKind::Recommendation, "First", 3));
        d.items
            .push(Item::new(ItemKind::Recommendation, "Second", 5));
        d.items
            .push(Item::new(ItemKind::Recommendation, "Third", 7));
        d
    }

    #[test]
    fn corrections_mark_only_what_changed_and_follow_dropped_items() {
        let today = Day::parse_iso("2015-01-01").expect("day");
        let fixes = vec![
            Correction {
                index: 0,
                drop: true,
                ..Correction::default()
            },
            Correction {
                index: 2,
                text: Some("Third, as meant".into()),
                status: Some("completed".into()),
                owner: Some(String::new()),
                r#ref: Some(String::new()),
                ..Correction::default()
            },
        ];
        let Corrected {
            document: d,
            fields,
        } = correct(doc(), &fixes, today).expect("correct");
        assert_eq!(d.items.len(), 2);
        assert_eq!(d.items[1].text, "Third, as meant");
        assert_eq!(d.items[1].status, Some(Status::Completed));
        let f: Vec<&str> = fields[&1].iter().map(|f| f.as_str()).collect();
        assert_eq!(f, ["status", "text"]);
        assert!(!fields.contains_key(&0));
    }

    #[test]
    fn bad_corrections_say_which_item_and_field() {
        let today = Day::parse_iso("2015-01-01").expect("day");
        let bad = |c: Correction| {
            correct(doc(), &[c], today)
                .expect_err("refused")
                .to_string()
        };
        assert!(
            bad(Correction {
                index: 9,
                ..Correction::default()
            })
            .contains("has 3 items")
        );
        assert!(
            bad(Correction {
                index: 1,
                status: Some("nearly".into()),
                ..Correction::default()
            })
            .contains("item 2 (status)")
        );
        assert!(
            bad(Correction {
                index: 0,
                deadline: Some("soonish".into()),
                ..Correction::default()
            })
            .contains("not a date")
        );
        assert!(
            bad(Correction {
                index: 0,
                text: Some(" ".into()),
                ..Correction::default()
            })
            .contains("drop the item")
        );
    }

    #[test]
    fn form_fields_become_corrections() {
        let f = vec![
            ("text-1".to_string(), "x".to_string()),
            ("drop-0".to_string(), "on".to_string()),
        ];
        let c = form_corrections(&f).expect("ok");
        assert_eq!(c.len(), 2);
        assert!(c[0].drop);
        assert_eq!(c[1].text.as_deref(), Some("x"));
        let bad = vec![("colour-1".to_string(), "x".to_string())];
        assert!(form_corrections(&bad).is_err());
    }
}
