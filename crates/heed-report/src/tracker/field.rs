//! What a tracker column holds ([`Field`]), told from the words of its header.

use super::*;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Ref,
    /// The item's own words.
    Item,
    Owner,
    Status,
    Rag,
    Due,
    /// Progress update, response, action taken.
    Update,
    Comments,
    /// The inspection area or section code.
    Section,
    Theme,
    /// Recommendation / strength / area for improvement.
    Kind,
    /// The day the row was last updated: its status and update take effect then.
    Updated,
    /// Accepted / partially accepted / not accepted / rejected.
    Position,
    /// Read but not used.
    Ignore,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::Ref,
        Field::Item,
        Field::Owner,
        Field::Status,
        Field::Rag,
        Field::Due,
        Field::Update,
        Field::Comments,
        Field::Section,
        Field::Theme,
        Field::Kind,
        Field::Updated,
        Field::Position,
        Field::Ignore,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Ref => "ref",
            Field::Item => "item",
            Field::Owner => "owner",
            Field::Status => "status",
            Field::Rag => "rag",
            Field::Due => "due",
            Field::Update => "update",
            Field::Comments => "comments",
            Field::Section => "section",
            Field::Theme => "theme",
            Field::Kind => "kind",
            Field::Updated => "updated",
            Field::Position => "position",
            Field::Ignore => "ignore",
        }
    }

    /// The field a header's wording names, if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = header
            .trim()
            .trim_end_matches([':', '.', '*', '?'])
            .to_lowercase()
            .replace(['_', '-', '/'], " ");
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        let has = |w: &str| h.split(' ').any(|x| x == w) || h.contains(w) && w.contains(' ');
        if h.is_empty() {
            return None;
        }
        // Columns of Heed's own export that only restate another column.
        if matches!(
            h.as_str(),
            "status words"
                | "rag reason"
                | "due as written"
                | "changed on"
                | "see also"
                | "history"
                | "addressee"
                | "item id"
        ) {
            return Some(Field::Ignore);
        }
        // "Current position", "Position update", "Latest position": where the work stands,
        // in prose (a progress narrative), not the body's accepted / rejected position.
        let narrative_position = has("position")
            && ["current", "latest", "update", "progress", "present", "now"]
                .iter()
                .any(|w| has(w));
        Some(
            if has("last updated")
                || has("date updated")
                || has("update date")
                || has("date of update")
                || has("date of last update")
                || has("updated on")
                || h == "updated"
                || h == "as at"
                || h == "as of"
            {
                Field::Updated
            } else if narrative_position {
                Field::Update
            } else if has("position")
                || matches!(
                    h.as_str(),
                    "accepted"
                        | "agreed"
                        | "accepted rejected"
                        | "accept reject"
                        | "agreed not agreed"
                        | "accepted or rejected"
                        | "agreed or not"
                        | "response position"
                        | "accepted by management"
                )
            {
                Field::Position
            } else if has("rag") || h == "rating" || has("colour") || has("color") {
                Field::Rag
            } else if matches!(
                h.as_str(),
                "ref"
                    | "ref no"
                    | "no"
                    | "no."
                    | "#"
                    | "number"
                    | "rec no"
                    | "id"
                    | "reference"
                    | "rec ref"
                    | "item no"
                    | "rec"
                    | "rec."
                    | "ref."
            ) {
                Field::Ref
            } else if has("due")
                || has("deadline")
                || has("target date")
                || has("by when")
                || has("timescale")
                || has("completion date")
                || h == "target"
                || h == "date"
                || has("due date")
            {
                Field::Due
            } else if has("status") || h == "state" || h == "progress status" {
                Field::Status
            } else if has("owner")
                || h == "lead"
                || has("lead officer")
                || has("responsible")
                || has("responsibility")
                || has("by whom")
                || h == "who"
                || has("accountable")
                || has("lead body")
                || has("assigned to")
            {
                Field::Owner
            } else if has("recommendation")
                || has("recommendations")
                || has("priority")
                || has("area for improvement")
                || has("areas for improvement")
                || h == "finding"
                || h == "issue"
                || h == "description"
                || h == "objective"
                || h == "text"
                || h == "title"
                || h == "item"
            {
                Field::Item
            } else if has("update")
                || has("progress")
                || has("response")
                || has("action taken")
                || has("actions taken")
                || has("evidence")
                || has("narrative")
            {
                Field::Update
            } else if has("comment")
                || has("comments")
                || has("notes")
                || h == "note"
                || has("remarks")
            {
                Field::Comments
            } else if h == "area" || h == "section" || h == "domain" {
                Field::Section
            } else if h == "theme" || h == "category" || h == "strand" {
                Field::Theme
            } else if h == "type" || h == "kind" {
                Field::Kind
            } else if h == "action" || h == "actions" || h == "action required" {
                // An action plan's action: the item when no other column is (resolved later).
                Field::Update
            } else {
                return None;
            },
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Field {
    type Err = TrackerError;
    fn from_str(s: &str) -> Result<Field, TrackerError> {
        let k = s.trim().to_lowercase();
        Field::ALL
            .into_iter()
            .find(|f| f.as_str() == k)
            .or_else(|| Field::from_header(&k))
            .ok_or_else(|| {
                TrackerError::BadOverride(format!(
                    "{s:?} is not a field: expected one of {}",
                    Field::ALL.map(Field::as_str).join(", ")
                ))
            })
    }
}
