//! Labelled fields of an item ("Status: In progress", "Owner: Head of Transport",
//! "Target date: March 2006", "Update: ..."): the one vocabulary of labels Heed reads, where
//! a label may stand, and where each value goes. Shared by the reader of "Recommendation N"
//! headings (`numbered.rs`), the reader of numbered lists (`listed.rs`) and the general
//! reader's unit bodies (`general/body.rs`), so that all three know every label and read
//! it the same way.

use crate::tables::Role;
use heed_core::{Item, Response};

/// The field labels Heed reads, in lower case, and the role of each value.
pub(crate) const FIELD_LABELS: &[(&str, Role)] = &[
    ("implementation status", Role::Status),
    ("open or closed", Role::Status),
    ("status", Role::Status),
    ("rag status", Role::Rag),
    ("rag rating", Role::Rag),
    ("rag", Role::Rag),
    ("rating", Role::Rag),
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
    ("date due", Role::Due),
    ("due by", Role::Due),
    ("due", Role::Due),
    ("timescale", Role::Due),
    ("timescales", Role::Due),
    ("corrective actions", Role::Response),
    ("corrective action", Role::Response),
    ("planned actions", Role::Response),
    ("planned action", Role::Response),
    ("response", Role::Response),
    ("management response", Role::Response),
    ("force response", Role::Response),
    ("update", Role::Response),
    ("latest update", Role::Response),
    ("progress update", Role::Response),
    ("progress", Role::Response),
    ("comment", Role::Response),
    ("comments", Role::Response),
];

/// The most words a label has.
const LABEL_WORDS: usize = 3;

/// The role a label names ("Target date", "RAG status", "LATEST UPDATE"), in any case, if
/// Heed reads it. A footnote's letter run into the label ("Closedb") is let through, but
/// not a "d" that makes another word of it ("Updated: 3 May" is a date, not an update).
pub(crate) fn role_of_label(label: &str) -> Option<Role> {
    let exact = |l: &str| {
        FIELD_LABELS
            .iter()
            .find(|(known, _)| same_words(l, known))
            .map(|(_, role)| *role)
    };
    exact(label).or_else(|| {
        let l = label.trim_end();
        let last = l.chars().next_back()?;
        (last.is_ascii_lowercase() && last != 'd' && l.split_whitespace().last()?.len() > 2)
            .then(|| exact(&l[..l.len() - 1]))
            .flatten()
    })
}

/// Whether `label`'s words are `known`'s (single spaces, lower case), in any case.
fn same_words(label: &str, known: &str) -> bool {
    let mut a = label.split_whitespace();
    let mut b = known.split(' ');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
            _ => return false,
        }
    }
}

/// A label found in a text: its role, where it starts and where its value starts.
#[derive(Debug, Clone, Copy)]
struct Mark {
    role: Role,
    label: usize,
    value: usize,
}

/// The labels in a text. A label is a known one, capitalised, before a colon, standing at
/// the start of the text, after a sentence end (". ", "; ") or after the value of the
/// label before it ("Status: In progress Owner: Head of Transport"). So "The force should
/// note: ..." and "... the status of the review: it ..." hold none.
fn marks(text: &str) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    for (colon, _) in text.match_indices(':') {
        let before = text[..colon].trim_end();
        let floor = marks.last().map_or(0, |m| m.value);
        // The longest label that ends at this colon and stands where a label may.
        let found = last_word_starts(before, LABEL_WORDS)
            .into_iter()
            .rev()
            .filter(|&s| s >= floor)
            .find_map(|s| {
                let label = &before[s..];
                let placed = s == 0
                    || ends_sentence_before(&text[..s])
                    || (!marks.is_empty() && text[..s].ends_with(char::is_whitespace));
                (placed && label.starts_with(char::is_uppercase))
                    .then(|| role_of_label(label))
                    .flatten()
                    .map(|role| Mark {
                        role,
                        label: s,
                        value: colon + 1,
                    })
            });
        marks.extend(found);
    }
    marks
}

/// Where the last `n` words of `text` start, the last word first.
fn last_word_starts(text: &str, n: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(n);
    let mut start = None;
    for (i, c) in text.char_indices().rev() {
        if !c.is_whitespace() {
            start = Some(i);
        } else if let Some(s) = start.take() {
            out.push(s);
            if out.len() == n {
                return out;
            }
        }
    }
    out.extend(start);
    out
}

/// Whether the text before a label closes a sentence ("... policy. ", "...; "): a full
/// stop, semicolon, question or exclamation mark (a closing quote or bracket after it),
/// then a space.
fn ends_sentence_before(before: &str) -> bool {
    let t = before.trim_end();
    t.len() < before.len()
        && t.trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', ';', '?', '!'])
}

/// Splits a text at the labels in it: the words before the first label (trimmed; all of
/// the text when there is none) and each labelled value in order, trimmed. "Response:
/// Accepted. A lead was appointed. Target date: June 2024 RAG: Green" gives "" and three
/// fields; "Train staff. Target date: March 2006" gives "Train staff." and one.
pub(crate) fn split_fields(text: &str) -> (&str, Vec<(Role, &str)>) {
    if !text.contains(':') {
        return (text.trim(), Vec::new());
    }
    let marks = marks(text);
    let lead = marks.first().map_or(text, |m| &text[..m.label]).trim();
    let fields = marks
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let end = marks.get(k + 1).map_or(text.len(), |n| n.label);
            (m.role, text[m.value..end].trim())
        })
        .collect();
    (lead, fields)
}

/// Splits "Status: In progress Owner: Head of Transport" into labelled values, when the
/// text opens with a known label. `None` for plain prose.
pub(crate) fn labelled_fields(text: &str) -> Option<Vec<(Role, String)>> {
    let text = text.trim();
    // The first label ends at the first colon: most lines are passed over here.
    let colon = text.find(':')?;
    role_of_label(&text[..colon])?;
    let (lead, fields) = split_fields(text);
    (lead.is_empty() && !fields.is_empty()).then(|| owned(fields))
}

/// An entry's own words and the fields printed after them on its line ("The force should
/// review its policy. Status: Completed. Update: Done in May.", "Train staff. Target date:
/// March 2006"): the words before the first label and the fields, when there are both.
/// `None` for text with no field after its words, or nothing but fields.
pub(crate) fn entry_fields(text: &str) -> Option<(&str, Vec<(Role, String)>)> {
    let (lead, fields) = split_fields(text);
    let lead = lead.trim_end_matches([';', ',', ' ']);
    (!lead.is_empty() && !fields.is_empty()).then(|| (lead, owned(fields)))
}

fn owned(fields: Vec<(Role, &str)>) -> Vec<(Role, String)> {
    fields
        .into_iter()
        .map(|(role, value)| (role, without_sublabel(value).to_string()))
        .collect()
}

/// Whether an entry's words so far leave it open for the next line to carry on: a sentence
/// not yet ended, or a field printed after it whose value is still to come.
pub(crate) fn entry_open(text: &str) -> bool {
    match entry_fields(text) {
        Some((_, fields)) => fields.last().is_none_or(|f| f.1.is_empty()),
        // A sentence closed inside a closing bracket or quote ("(CMS concurred.)") is
        // closed too.
        None => {
            let t = text.trim_end();
            !t.trim_end_matches([')', '"', '”'])
                .ends_with(['.', ';', ':'])
        }
    }
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

/// Puts a labelled value where its label says; a reply's words go to `prose`. An empty
/// value ("Status:" with nothing after it) says nothing.
pub(crate) fn apply_field(item: &mut Item, role: Role, value: String, prose: &mut Vec<String>) {
    if value.is_empty() {
        return;
    }
    match role {
        Role::Status => {
            if let Some((s, w)) = crate::fields::status_of_text(&value) {
                item.status = Some(s);
                item.status_words = w.or(Some(value));
            }
        }
        Role::Rag => {
            // "Rating: High" is a priority, not a colour.
            if let Some(rag) = heed_core::Rag::from_words(&value) {
                item.rag = Some(rag);
                item.rag_reason = Some(format!("RAG: {value}"));
            }
        }
        Role::Owner => item.owner = Some(value),
        Role::Due => {
            // "Timescales: one season" names no date: a date read before stands.
            let due = heed_core::Deadline::parse(&value, None)
                .or_else(|| crate::fields::deadline_in(&value, None));
            if due.is_some() {
                item.deadline = due;
            }
        }
        _ => prose.push(value),
    }
}

/// A line that opens with a field label, as printed under an entry of a list ("Status:
/// Completed", "Target date: March 2006 RAG: Amber"): capitalised, the label first. A
/// label-like word inside a sentence ("The force should note: ...") is not one.
pub(crate) fn field_line(text: &str) -> Option<Vec<(Role, String)>> {
    labelled_fields(text)
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

    /// The entry's own words without the fields printed after them on its line ("Train
    /// staff. Target date: March 2006" gives "Train staff."); those fields come before the
    /// ones under it.
    pub(crate) fn split_entry(&mut self, text: &str, line: usize) -> String {
        let Some((words, fields)) = entry_fields(text) else {
            return text.to_string();
        };
        let inline = fields.into_iter().map(|(role, value)| (role, value, line));
        self.fields.splice(0..0, inline);
        words.to_string()
    }

    /// Puts the fields into the item; the replies become one response, at the line of the
    /// first. A value a wrapped line carried on may hold the next label after a sentence
    /// end ("Update: The plan was" / "agreed. Status: Completed"): it is read too.
    pub(crate) fn apply(self, item: &mut Item) {
        let mut prose = Vec::new();
        let mut first = None;
        for (role, value, line) in self.fields {
            let (value, more) = match entry_fields(&value) {
                Some((words, more)) => (words.to_string(), more),
                None => (value, Vec::new()),
            };
            for (role, value) in std::iter::once((role, value)).chain(more) {
                let before = prose.len();
                apply_field(item, role, value, &mut prose);
                if prose.len() > before {
                    first.get_or_insert(line);
                }
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

    #[test]
    fn one_vocabulary_for_every_reader() {
        // Labels the general reader's unit bodies read are field lines under a list's
        // entries and a numbered heading too.
        for (line, role) in [
            ("Latest update: The survey is half done.", Role::Response),
            ("Management response: Agreed.", Role::Response),
            ("Force response: Accepted.", Role::Response),
            ("Due by: May 2025", Role::Due),
            ("Date due: June 2025", Role::Due),
            ("Timescales: six months", Role::Due),
            ("Rating: Amber", Role::Rag),
            ("Lead officer: Head of Estates", Role::Owner),
            ("STATUS: Completed", Role::Status),
        ] {
            let fields = field_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(fields[0].0, role, "{line}");
        }
        // The longest label that ends at the colon ("Target completion date", not
        // "completion date"); a footnote's letter run into a label is let through, a
        // participle is not.
        assert_eq!(
            split_fields("Target completion date: June 2022").1,
            vec![(Role::Due, "June 2022")]
        );
        assert_eq!(
            split_fields("Open or Closedb: Closed").1,
            vec![(Role::Status, "Closed")]
        );
        assert_eq!(field_line("Updated: 3 May 2021"), None);
    }

    #[test]
    fn a_rating_that_is_no_colour_and_an_empty_value_say_nothing() {
        let mut item = Item::new(heed_core::ItemKind::Recommendation, "Agree a plan", 3);
        let mut prose = Vec::new();
        apply_field(&mut item, Role::Due, "June 2022".into(), &mut prose);
        apply_field(&mut item, Role::Rag, "High".into(), &mut prose);
        apply_field(&mut item, Role::Due, "one season".into(), &mut prose);
        apply_field(&mut item, Role::Owner, String::new(), &mut prose);
        apply_field(&mut item, Role::Response, String::new(), &mut prose);
        assert_eq!(item.rag, None);
        assert_eq!(item.rag_reason, None);
        assert_eq!(item.owner, None);
        assert_eq!(
            item.deadline.map(|d| d.to_iso()).as_deref(),
            Some("2022-06")
        );
        assert!(prose.is_empty());
    }

    #[test]
    fn odd_text_around_labels() {
        for t in [
            "",
            ":",
            "::::",
            "Status:",
            "Status: ",
            "Status::",
            " Status :",
            "Train staff. Status:",
            "Train staff. Status: Owner:",
            "é: Status: ü",
            "Ärger. Status: Ölig. Ünd:",
            "…; Status:…",
            "Status:Completed",
        ] {
            let (lead, fields) = split_fields(t);
            assert!(t.contains(lead), "{t:?}");
            assert!(fields.iter().all(|(_, v)| t.contains(v)), "{t:?}");
        }
        assert_eq!(
            labelled_fields("Status:"),
            Some(vec![(Role::Status, String::new())])
        );
        assert_eq!(
            split_fields("Train staff. Status:"),
            ("Train staff.", vec![(Role::Status, "")])
        );
        assert_eq!(
            split_fields("Status:Completed").1,
            vec![(Role::Status, "Completed")]
        );
    }

    #[test]
    fn fields_after_an_entrys_words() {
        assert_eq!(
            entry_fields(
                "The force should review its policy. Status: Completed. Update: Done in May."
            ),
            Some((
                "The force should review its policy.",
                vec![
                    (Role::Status, "Completed.".to_string()),
                    (Role::Response, "Done in May.".to_string())
                ]
            ))
        );
        assert_eq!(
            entry_fields("Train staff; Target date: March 2006"),
            Some(("Train staff", vec![(Role::Due, "March 2006".to_string())]))
        );
        // Only a known, capitalised label after a sentence end.
        for t in [
            "The force should note: the policy is out of date.",
            "The force should report on the status of the review: it is late.",
            "The force should mark each case Status: Closed when it ends.",
            "The force should act. Its view: none.",
            "The force should act. status: none.",
            "Status: Completed",
            "Status:",
        ] {
            assert_eq!(entry_fields(t), None, "{t}");
        }
        // A label alone at the end, its value still to come, leaves the entry open.
        assert!(entry_open("Train staff. Status:"));
        assert!(!entry_open("Train staff. Status: Completed"));
        assert!(entry_open("Train staff in"));
        assert!(!entry_open("Train staff."));
    }
}
