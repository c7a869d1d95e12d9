//! The fields of an item whose origin the register keeps: the keys of an item's provenance
//! and of a person's corrections to an import, typed so that a misspelt field is a compile
//! error rather than a value credited to nobody.
//!
//! Each is stored and served under the same word as before it was typed (`"status"`,
//! `"ref"`), so registers and JSON written earlier read back unchanged; the variants are
//! declared in the order of those words, so a map keyed by `Field` lists its keys in the
//! order a map keyed by the words did.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A field of an item that has a provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Actions,
    Addressee,
    Deadline,
    Kind,
    Owner,
    Position,
    Rag,
    Ref,
    Section,
    Status,
    Text,
    Theme,
    /// Where a claim to have closed the item stands.
    Verification,
}

impl Field {
    /// Every field, in the order of their words.
    pub const ALL: &'static [Field] = &[
        Field::Actions,
        Field::Addressee,
        Field::Deadline,
        Field::Kind,
        Field::Owner,
        Field::Position,
        Field::Rag,
        Field::Ref,
        Field::Section,
        Field::Status,
        Field::Text,
        Field::Theme,
        Field::Verification,
    ];

    /// The word it is stored and served under.
    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Actions => "actions",
            Field::Addressee => "addressee",
            Field::Deadline => "deadline",
            Field::Kind => "kind",
            Field::Owner => "owner",
            Field::Position => "position",
            Field::Rag => "rag",
            Field::Ref => "ref",
            Field::Section => "section",
            Field::Status => "status",
            Field::Text => "text",
            Field::Theme => "theme",
            Field::Verification => "verification",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Exactly the stored word (`"status"`), as a form's field name or a stored key holds it.
impl std::str::FromStr for Field {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Field::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| format!("unknown field {s:?}"))
    }
}

/// A map keyed by `Field` may be asked by the word (`provenance.get("status")`): the
/// variants are ordered as their words are, which `Borrow` requires.
impl std::borrow::Borrow<str> for Field {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn fields_are_ordered_as_their_words_and_read_back() {
        let words: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
        let mut sorted = words.clone();
        sorted.sort_unstable();
        assert_eq!(
            words, sorted,
            "declare the variants in the order of their words"
        );
        let mut by_order = Field::ALL.to_vec();
        by_order.sort();
        assert_eq!(by_order, Field::ALL);
        for f in Field::ALL {
            assert_eq!(f.as_str().parse::<Field>(), Ok(*f));
            assert_eq!(
                serde_json::to_string(f).expect("json"),
                format!("\"{}\"", f.as_str())
            );
        }
        assert!("Status".parse::<Field>().is_err());
    }

    #[test]
    fn maps_keep_the_words_they_had() {
        let stored = r#"{"owner":1,"ref":2,"status":3,"verification":4}"#;
        let map: BTreeMap<Field, i32> = serde_json::from_str(stored).expect("read");
        assert_eq!(map.get("ref"), Some(&2));
        assert_eq!(map.get(&Field::Status), Some(&3));
        assert_eq!(serde_json::to_string(&map).expect("write"), stored);
    }
}
