//! What a report is made from: the review's title, the date it is "as of", and the items
//! with the facts a committee asks about (latest update, deadline changes and why, when
//! the item last changed, its history). The register builds a [`ReportInput`]; tests and
//! `heed extract` users can build one straight from a read [`Document`].

use heed_core::date::{Day, Deadline};
use heed_core::{Document, Item, ItemKind, Judgement};
use serde::{Deserialize, Serialize};

/// Everything one report needs. Plain data: no register, no clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportInput {
    /// The review's title ("Duty of Care: Improving support for victims of crime").
    pub title: String,
    /// The date the report speaks for: overdue is judged against it.
    pub as_of: Day,
    /// "Changed since" and "deadlines moved since" start here (the last report's date);
    /// `None` means since the beginning.
    pub since: Option<Day>,
    pub items: Vec<ReportItem>,
    pub judgements: Vec<Judgement>,
}

/// One item as the register knows it on the report's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportItem {
    /// The item's id in the register, when it comes from one (exports print it, so a
    /// row can be found again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub item: Item,
    /// The latest progress update, when the register has one newer than the item's own
    /// responses.
    pub latest_update: Option<Update>,
    /// Deadline changes, oldest first.
    pub deadline_changes: Vec<DeadlineChange>,
    /// When anything about the item last changed.
    pub changed_on: Option<Day>,
    /// The item's history, oldest first; only exports that ask for it print it.
    pub history: Vec<HistoryEntry>,
}

/// A progress update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Update {
    pub text: String,
    pub on: Day,
    /// Who gave it, when known.
    pub by: Option<String>,
}

/// A deadline moved (or first set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineChange {
    pub from: Option<Deadline>,
    pub to: Deadline,
    pub on: Day,
    pub reason: Option<String>,
}

/// One event in an item's history, in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub on: Day,
    /// What happened ("status", "update", "deadline", "imported").
    pub what: String,
    pub detail: String,
}

impl ReportItem {
    /// An item with no facts beyond its own.
    pub fn new(item: Item) -> ReportItem {
        ReportItem {
            id: None,
            item,
            latest_update: None,
            deadline_changes: Vec::new(),
            changed_on: None,
            history: Vec::new(),
        }
    }

    /// Whether nothing more is expected of the item's owner.
    pub fn is_closed(&self) -> bool {
        self.item.status.is_some_and(|s| s.is_closed())
    }

    /// Whether the item is open and its deadline passed before `as_of`.
    pub fn is_overdue(&self, as_of: Day) -> bool {
        !self.is_closed()
            && self
                .item
                .deadline
                .as_ref()
                .is_some_and(|d| d.is_past(as_of))
    }

    /// The latest words on progress: the register's update, else the item's last
    /// response, else its action rows' results.
    pub fn progress_text(&self) -> Option<String> {
        if let Some(u) = &self.latest_update {
            return Some(u.text.clone());
        }
        if let Some(r) = self.item.responses.last() {
            return Some(r.text.clone());
        }
        let results: Vec<&str> = self
            .item
            .actions
            .iter()
            .filter_map(|a| a.result.as_deref().or(a.action.as_deref()))
            .collect();
        (!results.is_empty()).then(|| results.join(" "))
    }
}

impl ReportInput {
    /// A report of one read document as it stands: its items, no register facts.
    pub fn from_document(doc: &Document, as_of: Day) -> ReportInput {
        ReportInput {
            title: doc.title.clone().unwrap_or_else(|| "Review".to_string()),
            as_of,
            since: None,
            items: doc.items.iter().cloned().map(ReportItem::new).collect(),
            judgements: doc.judgements.clone(),
        }
    }
}

/// Whether an item is something a body is asked to act on (the item layouts list
/// these; strengths and work-in-progress notes belong to the judgements layout).
pub fn is_actionable(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Recommendation | ItemKind::AreaForImprovement
    )
}

/// The numbers a layout prints. Items keep their own ref; when `always` is set (layouts
/// whose headings need a number) or when some other item in the list has one, an
/// unnumbered item gets the next number not already used, counting in list order, so a
/// reader can tell the items apart. Otherwise unnumbered items stay unnumbered.
pub fn display_refs(items: &[&Item], always: bool) -> Vec<Option<String>> {
    let any = items.iter().any(|i| i.r#ref.is_some());
    if !any && !always {
        return vec![None; items.len()];
    }
    let used: std::collections::HashSet<&str> =
        items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    let mut next = 0u32;
    items
        .iter()
        .map(|i| match &i.r#ref {
            Some(r) => Some(r.clone()),
            None => loop {
                next += 1;
                let n = next.to_string();
                if !used.contains(n.as_str()) {
                    break Some(n);
                }
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnumbered_items_get_free_numbers() {
        let mut a = Item::new(ItemKind::Recommendation, "a", 1);
        a.r#ref = Some("1".into());
        let b = Item::new(ItemKind::Recommendation, "b", 2);
        let c = Item::new(ItemKind::Recommendation, "c", 3);
        assert_eq!(
            display_refs(&[&a, &b, &c], false),
            vec![Some("1".into()), Some("2".into()), Some("3".into())]
        );
        assert_eq!(display_refs(&[&b, &c], false), vec![None, None]);
        assert_eq!(
            display_refs(&[&b, &c], true),
            vec![Some("1".into()), Some("2".into())]
        );
    }
}
