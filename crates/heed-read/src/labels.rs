//! Labelled fields under an item ("Status: In progress", "Owner: Head of Transport",
//! "Target date: March 2006", "Update: ..."): the labels Heed reads and where each value
//! goes. Shared by the reader of "Recommendation N" headings (`numbered.rs`) and the reader
//! of numbered lists (`listed.rs`), so that both read the same vocabulary the same way.

use crate::tables::Role;
use heed_core::{Item, Response};

/// Field labels that may open a line under a recommendation.
pub(crate) const FIELD_LABELS: &[(&str, Role)] = &[
    ("implementation status", Role::Status),
    ("open or closed", Role::Status),
    ("status", Role::Status),
    ("rag status", Role::Rag),
    ("rag rating", Role::Rag),
    ("rag", Role::Rag),
    ("owner", Role::Owner),
    ("lead officer", Role::Owner),
    ("lead", Role::Owner),
    ("responsible officer", Role::Owner),
    ("expected completion date", Role::Due),
    ("estimated completion date", Role::Due),
    ("target completion date", Role::Due),
    ("completion date", Role::Due),
    ("implementation date", Role::Due),
    ("target date", Role::Due),
    ("deadline", Role::Due),
    ("due date", Role::Due),
    ("due", Role::Due),
    ("timescale", Role::Due),
    ("corrective actions", Role::Response),
    ("corrective action", Role::Response),
    ("planned actions", Role::Response),
    ("planned action", Role::Response),
    ("response", Role::Response),
    ("update", Role::Response),
    ("progress update", Role::Response),
    ("progress", Role::Response),
    ("comment", Role::Response),
    ("comments", Role::Response),
];

/// Splits "Status: In progress Owner: Head of Transport" into labelled values, when the
/// text opens with a known label. `None` for plain prose.
pub(crate) fn labelled_fields(text: &str) -> Option<Vec<(Role, String)>> {
    let lower = text.to_lowercase();
    let mut marks: Vec<(usize, usize, Role)> = Vec::new(); // (label start, value start, role)
    for (label, role) in FIELD_LABELS {
        let mut from = 0;
        while let Some(p) = lower[from..].find(label) {
            let at = from + p;
            from = at + label.len();
            // "Open or Closed:", or with a footnote's letter run into it ("Closedb:").
            let after = &lower[at + label.len()..];
            let colon = if after.starts_with(':') {
                Some(1)
            } else {
                let mut ch = after.chars();
                (ch.next().is_some_and(|c| c.is_ascii_lowercase()) && ch.next() == Some(':'))
                    .then_some(2)
            };
            let Some(colon) = colon else { continue };
            let boundary = at == 0 || lower[..at].ends_with(' ');
            if boundary && !marks.iter().any(|(a, v, _)| at >= *a && at < *v) {
                marks.push((at, at + label.len() + colon, *role));
            }
        }
    }
    marks.sort_by_key(|m| m.0);
    if marks.first().is_none_or(|m| m.0 != 0) {
        return None;
    }
    let mut out = Vec::new();
    for (k, (_, v, role)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(text.len(), |n| n.0);
        let value = text.get(*v..end).unwrap_or("").trim();
        out.push((*role, without_sublabel(value).to_string()));
    }
    Some(out)
}

/// A value without the rest of a column header that was split at its colon
/// ("Corrective Action: Taken or Planned: DRR will ..." gives "DRR will ..."): a few
/// capitalised words and a colon before the words themselves.
fn without_sublabel(value: &str) -> &str {
    match value.split_once(':') {
        Some((head, rest)) if is_short_label(head, 4) && !rest.trim().is_empty() => rest.trim(),
        _ => value,
    }
}

/// A label before a colon: one to `max_words` words, capitalised, no sentence in it.
pub(crate) fn is_short_label(head: &str, max_words: usize) -> bool {
    (1..=max_words).contains(&head.split_whitespace().count())
        && head.starts_with(char::is_uppercase)
        && !head.contains(['.', ','])
}

/// Puts a labelled value where its label says; a reply's words go to `prose`.
pub(crate) fn apply_field(item: &mut Item, role: Role, value: String, prose: &mut Vec<String>) {
    match role {
        Role::Status => {
            if let Some((s, w)) = crate::fields::status_of_text(&value) {
                item.status = Some(s);
                item.status_words = w.or(Some(value));
            }
        }
        Role::Rag => {
            item.rag = heed_core::Rag::from_words(&value);
            item.rag_reason = Some(format!("RAG: {value}"));
        }
        Role::Owner => item.owner = Some(value),
        Role::Due => {
            item.deadline = heed_core::Deadline::parse(&value, None)
                .or_else(|| crate::fields::deadline_in(&value, None))
        }
        _ => prose.push(value),
    }
}

/// A line that opens with a field label, as printed under an entry of a list ("Status:
/// Completed", "Target date: March 2006 RAG: Amber"): capitalised, the label first. A
/// label-like word inside a sentence ("The force should note: ...") is not one.
pub(crate) fn field_line(text: &str) -> Option<Vec<(Role, String)>> {
    let t = text.trim();
    t.starts_with(char::is_uppercase)
        .then(|| labelled_fields(t))
        .flatten()
}

/// The labelled lines under one entry of a list, gathered until the entry ends and then
/// put into its item as the numbered-heading reader puts them: status, RAG, owner and
/// deadline where their labels say, the replies ("Update:", "Response:") as one response.
#[derive(Debug, Default)]
pub(crate) struct EntryFields {
    /// Each field's role, its value and the line it stands on.
    fields: Vec<(Role, String, usize)>,
}

impl EntryFields {
    pub(crate) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Reads a line that opens with a label; false (and nothing read) for any other line.
    pub(crate) fn read_line(&mut self, text: &str, line: usize) -> bool {
        let Some(fields) = field_line(text) else {
            return false;
        };
        self.fields
            .extend(fields.into_iter().map(|(role, value)| (role, value, line)));
        true
    }

    /// The value of the last field read, which a wrapped line carries on.
    pub(crate) fn last_value(&mut self) -> Option<&mut String> {
        self.fields.last_mut().map(|f| &mut f.1)
    }

    /// Puts the fields into the item; the replies become one response, at the line of the
    /// first.
    pub(crate) fn apply(self, item: &mut Item) {
        let mut prose = Vec::new();
        let mut first = None;
        for (role, value, line) in self.fields {
            let before = prose.len();
            apply_field(item, role, value, &mut prose);
            if prose.len() > before {
                first.get_or_insert(line);
            }
        }
        let text = prose
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(line) = first
            && !text.is_empty()
        {
            item.responses.push(Response { text, line });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_line_opens_with_its_label() {
        assert_eq!(
            field_line("Status: In progress Owner: Head of Estates"),
            Some(vec![
                (Role::Status, "In progress".to_string()),
                (Role::Owner, "Head of Estates".to_string()),
            ])
        );
        assert_eq!(
            field_line("Target date: June 2022"),
            Some(vec![(Role::Due, "June 2022".to_string())])
        );
        // A label-like word inside a sentence, or a wrapped line in lower case, is text.
        assert_eq!(
            field_line("The council should note: the status of each site is unknown"),
            None
        );
        assert_eq!(field_line("progress: the council has begun"), None);
        assert_eq!(field_line("Updated plans are due in May."), None);
    }

    #[test]
    fn fields_go_where_their_labels_say() {
        let mut f = EntryFields::default();
        assert!(f.read_line("Update: The plan was", 4));
        f.last_value().unwrap().push_str(" agreed.");
        assert!(f.read_line("Status: Completed", 5));
        assert!(f.read_line("Response: Accepted.", 6));
        assert!(!f.read_line("A line of prose.", 7));
        let mut item = Item::new(heed_core::ItemKind::Recommendation, "Agree a plan", 3);
        f.apply(&mut item);
        assert_eq!(item.status, Some(heed_core::Status::Completed));
        assert_eq!(item.status_words.as_deref(), Some("Completed"));
        assert_eq!(item.responses.len(), 1);
        assert_eq!(item.responses[0].text, "The plan was agreed. Accepted.");
        assert_eq!(item.responses[0].line, 4);
    }
}
