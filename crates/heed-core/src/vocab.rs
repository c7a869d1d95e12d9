//! The closed vocabularies of the domain: what an item is, how far it has got, what the
//! addressed body said of it, its RAG colour, and the grades of an inspection.
//!
//! Each enum has one canonical spelling (`as_str`, used in JSON, CSV and the database) and
//! a forgiving reader for the words real reports use (`from_words`), which keeps the words
//! it matched so the original phrase is never lost.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// A word that is not in a vocabulary; the message names the vocabulary and the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWord {
    pub vocabulary: &'static str,
    pub word: String,
    pub choices: &'static [&'static str],
}

impl fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}: expected one of {}",
            self.vocabulary,
            self.word,
            self.choices.join(", ")
        )
    }
}

impl std::error::Error for UnknownWord {}

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident, $label:literal, { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in a stable order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            const NAMES: &'static [&'static str] = &[$($text),+];

            /// The canonical spelling.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;
            /// Reads the canonical spelling, ignoring case, spaces and hyphens.
            fn from_str(s: &str) -> Result<Self, UnknownWord> {
                let key: String = s
                    .trim()
                    .chars()
                    .map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_lowercase() })
                    .collect();
                $(if key == $text { return Ok($name::$variant); })+
                Err(UnknownWord { vocabulary: $label, word: s.to_string(), choices: $name::NAMES })
            }
        }
    };
}

vocabulary!(
    /// What an item is.
    ItemKind, "kind", {
        /// Anything the body is asked to do: numbered recommendations, priorities, headline actions.
        Recommendation => "recommendation",
        /// An inspection's area for improvement.
        AreaForImprovement => "area_for_improvement",
        /// An inspection's strength.
        Strength => "strength",
        /// An inspection's note of work in progress.
        WorkInProgress => "work_in_progress",
    }
);

vocabulary!(
    /// How far an item's implementation has got, as a report states it.
    Status, "status", {
        Completed => "completed",
        InProgress => "in_progress",
        NotStarted => "not_started",
        NotAccepted => "not_accepted",
        NoResponse => "no_response",
        /// Overtaken by another recommendation or by events; closed without being done.
        Superseded => "superseded",
    }
);

vocabulary!(
    /// The addressed body's stated position on a recommendation (a different axis from status).
    Position, "position", {
        Accepted => "accepted",
        PartiallyAccepted => "partially_accepted",
        Rejected => "rejected",
        Noted => "noted",
        NoResponse => "no_response",
    }
);

vocabulary!(
    /// Red / amber / green.
    Rag, "RAG rating", {
        Red => "red",
        Amber => "amber",
        Green => "green",
    }
);

vocabulary!(
    /// An inspection grade for service delivery.
    Grade, "grade", {
        Excellent => "excellent",
        Good => "good",
        Fair => "fair",
        Poor => "poor",
    }
);

vocabulary!(
    /// An inspection's direction of travel.
    Direction, "direction of travel", {
        Improved => "improved",
        Stable => "stable",
        Declined => "declined",
        NotGraded => "not_graded",
    }
);

vocabulary!(
    /// Where an owner's claim to have closed an item stands. A claim does not close the
    /// item: it stays open (and can be overdue) until a verifier accepts it.
    Verification, "verification state", {
        /// Claimed by someone who may not verify; awaiting the secretariat.
        Awaiting => "awaiting",
        /// Accepted by the secretariat (or recorded by them, verified at once).
        Verified => "verified",
        /// Turned down by the secretariat, with a reason; the item stays open.
        Rejected => "rejected",
    }
);

vocabulary!(
    /// A verifier's answer to a claimed completion.
    Decision, "decision", {
        Accept => "accept",
        Reject => "reject",
    }
);

impl ItemKind {
    /// Whether the body is asked to act on it: a recommendation or an area for
    /// improvement. Strengths and notes of work in progress are findings, never open or
    /// overdue items.
    pub fn is_action(self) -> bool {
        matches!(
            self,
            ItemKind::Recommendation | ItemKind::AreaForImprovement
        )
    }
}

impl Status {
    /// Whether the item is closed: nothing more is expected of its owner.
    pub const fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Completed | Status::NotAccepted | Status::Superseded
        )
    }

    /// Reads the status words a report opens a cell or sentence with ("Completed May 2004",
    /// "Ongoing.", "Awaits", "Partially implemented"), returning the status and the words
    /// matched. Case and trailing punctuation are ignored; only a leading phrase counts.
    pub fn from_leading_words(text: &str) -> Option<(Status, &str)> {
        let t = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lower = t.to_lowercase();
        for (phrase, status) in STATUS_PHRASES {
            if let Some(rest) = lower.strip_prefix(phrase) {
                // A whole word: "Completed" but not "Completeness".
                if rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                    let end = t
                        .char_indices()
                        .nth(phrase.chars().count())
                        .map_or(t.len(), |(i, _)| i);
                    return Some((*status, &t[..end]));
                }
            }
        }
        None
    }

    /// Every status phrase in a text, in order of position. A completion phrase after
    /// "not" or "yet to be" reads as not started.
    pub fn find_all(text: &str) -> Vec<(Status, String)> {
        static SET: LazyLock<PhraseSet> = LazyLock::new(|| {
            PhraseSet::new(
                STATUS_PHRASES
                    .iter()
                    .chain(INLINE_STATUS_PHRASES)
                    .map(|p| p.0),
            )
        });
        SET.find_iter(text)
            .map(|(start, end, k)| {
                let status = STATUS_PHRASES
                    .iter()
                    .chain(INLINE_STATUS_PHRASES)
                    .nth(k)
                    .map_or(Status::InProgress, |p| p.1);
                let before = text[..start].trim_end();
                let negated = ends_with_ci(before, " not") || ends_with_ci(before, "yet to be");
                let status = if negated && status == Status::Completed {
                    Status::NotStarted
                } else {
                    status
                };
                (status, text[start..end].to_string())
            })
            .collect()
    }

    /// Finds a status phrase anywhere in a short text ("Initial research completed May 2004",
    /// "Work in progress on external website"). Negated phrases ("not completed") read as
    /// not started. Returns the first phrase found, by position.
    pub fn find_in(text: &str) -> Option<(Status, String)> {
        Status::find_all(text).into_iter().next()
    }
}

/// Whether `s` ends with `suffix`, ignoring ASCII case.
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.is_char_boundary(s.len() - suffix.len())
        && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// A set of phrases found in one pass over a text, ignoring ASCII case, at word
/// boundaries; where phrases overlap the leftmost, then the longest, wins.
pub struct PhraseSet {
    ac: AhoCorasick,
}

impl PhraseSet {
    /// Builds the set. The phrases are the crate's own constants, so building cannot fail
    /// on input; an impossible build yields a set that finds nothing.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseSet {
        let phrases: Vec<&str> = phrases.into_iter().collect();
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .or_else(|_| AhoCorasick::new(Vec::<&str>::new()));
        match ac {
            Ok(ac) => PhraseSet { ac },
            Err(e) => unreachable!("an empty phrase set always builds: {e}"),
        }
    }

    /// `(start, end, phrase index)` of each match at word boundaries.
    pub fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.ac
            .find_iter(text)
            .filter(move |m| at_word_boundaries(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
    }
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// Leading status phrases, longest first so "not started" wins over "started".
const STATUS_PHRASES: &[(&str, Status)] = &[
    // "Accepted / being implemented", "Accepted / to be implemented" (a UN review's
    // responses): before the bare "implemented".
    ("being implemented", Status::InProgress),
    // A state's table of how its review's recommendations stand ("Fully implemented",
    // "In the process of implementation").
    ("fully implemented", Status::Completed),
    ("in the process of implementation", Status::InProgress),
    ("in the process of being implemented", Status::InProgress),
    ("to be implemented", Status::NotStarted),
    ("partially implemented", Status::InProgress),
    ("partially completed", Status::InProgress),
    ("partially complete", Status::InProgress),
    ("partly implemented", Status::InProgress),
    ("not yet started", Status::NotStarted),
    ("not started", Status::NotStarted),
    ("not yet implemented", Status::NotStarted),
    ("not implemented", Status::NotStarted),
    ("not accepted", Status::NotAccepted),
    ("not agreed", Status::NotAccepted),
    ("no response", Status::NoResponse),
    ("work in progress", Status::InProgress),
    ("in progress", Status::InProgress),
    // A status table's "Keep under review": watched, not closed.
    ("keep under review", Status::InProgress),
    ("kept under review", Status::InProgress),
    ("under review", Status::InProgress),
    ("in hand", Status::InProgress),
    ("on-going", Status::InProgress),
    ("ongoing", Status::InProgress),
    ("on going", Status::InProgress),
    ("underway", Status::InProgress),
    ("under way", Status::InProgress),
    ("on track", Status::InProgress),
    ("started", Status::InProgress),
    // Late but going on: the words are kept, so "Slipped" is not lost in the register.
    ("slipped", Status::InProgress),
    ("delayed", Status::InProgress),
    ("behind schedule", Status::InProgress),
    ("overdue", Status::InProgress),
    ("completed", Status::Completed),
    ("complete", Status::Completed),
    ("implemented", Status::Completed),
    ("achieved", Status::Completed),
    ("delivered", Status::Completed),
    ("done", Status::Completed),
    ("closed", Status::Completed),
    ("awaits", Status::NotStarted),
    ("awaiting", Status::NotStarted),
    ("pending", Status::NotStarted),
    ("outstanding", Status::NotStarted),
    ("rejected", Status::NotAccepted),
    ("superseded", Status::Superseded),
];

/// Phrases that only mean a status inside running text.
const INLINE_STATUS_PHRASES: &[(&str, Status)] = &[
    ("being developed", Status::InProgress),
    ("being reviewed", Status::InProgress),
    ("being carried out", Status::InProgress),
    ("continues", Status::InProgress),
    // A tracked reference "would remain open" or "remained open": not yet closed.
    ("remains open", Status::InProgress),
    ("remained open", Status::InProgress),
    ("remain open", Status::InProgress),
];

impl Position {
    /// Reads a position from the words of a response ("accepted", "supported", "concurs",
    /// "does not concur", "will not", "noted", "no response received"). Returns the
    /// position and the phrase that decided it. Negations are read before affirmations.
    pub fn from_words(text: &str) -> Option<(Position, String)> {
        static SET: LazyLock<PhraseSet> =
            LazyLock::new(|| PhraseSet::new(POSITION_PHRASES.iter().map(|p| p.0)));
        SET.find_iter(text)
            .find(|&(start, end, k)| {
                let (before, after) = (&text[..start], &text[end..]);
                !neither_nor(before, after)
                    && (POSITION_PHRASES
                        .get(k)
                        .is_some_and(|p| p.1 != Position::Noted)
                        || !describes_not_decides(before, after))
            })
            .and_then(|(start, end, k)| {
                POSITION_PHRASES
                    .get(k)
                    .map(|p| (p.1, text[start..end].to_string()))
            })
    }
}

/// Whether a position word between `before` and `after` is half of a neither-nor
/// ("neither agreed nor disagreed"): no position at all.
fn neither_nor(before: &str, after: &str) -> bool {
    let before = before.trim_end().to_lowercase();
    let after = after.trim_start().to_lowercase();
    before.ends_with("neither") || before.ends_with(" nor") || after.starts_with("nor ")
}

/// Whether "noted" between `before` and `after` describes something rather than states a
/// position: "the deficiencies noted in the report", "as noted above", "HHS noted that FDA
/// already ...", "The Commissioner noted that, contrary to ...", "noted at the meeting".
fn describes_not_decides(before: &str, after: &str) -> bool {
    let after = after.trim_start().to_lowercase();
    let before = before.trim_end().to_lowercase();
    [
        "in ",
        "during ",
        "above",
        "below",
        "earlier",
        "previously",
        "that ",
        "that,",
        "at ",
    ]
    .iter()
    .any(|w| after.starts_with(w))
        || before.ends_with(" as")
        || before == "as"
}

/// Finds `phrase` in `hay` at word boundaries.
pub fn find_word(hay: &str, phrase: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = hay[from..].find(phrase) {
        let at = from + pos;
        let before_ok = hay[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[at + phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + phrase.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

const POSITION_PHRASES: &[(&str, Position)] = &[
    ("partially concurred", Position::PartiallyAccepted),
    ("partially concurs", Position::PartiallyAccepted),
    ("partially concur", Position::PartiallyAccepted),
    ("partially agreed", Position::PartiallyAccepted),
    ("partially agrees", Position::PartiallyAccepted),
    ("partially accepted", Position::PartiallyAccepted),
    ("partially accepts", Position::PartiallyAccepted),
    ("partially supported", Position::PartiallyAccepted),
    ("accepted in part", Position::PartiallyAccepted),
    ("accepted in principle", Position::PartiallyAccepted),
    ("agreed in principle", Position::PartiallyAccepted),
    ("did not concur", Position::Rejected),
    ("does not concur", Position::Rejected),
    ("do not concur", Position::Rejected),
    ("non-concurred", Position::Rejected),
    ("nonconcurred", Position::Rejected),
    ("did not agree", Position::Rejected),
    ("not agreed", Position::Rejected),
    ("not supported", Position::Rejected),
    ("does not agree", Position::Rejected),
    ("do not agree", Position::Rejected),
    ("disagreed", Position::Rejected),
    ("disagrees", Position::Rejected),
    ("did not accept", Position::Rejected),
    ("does not accept", Position::Rejected),
    ("do not accept", Position::Rejected),
    ("do not support", Position::Rejected),
    ("does not support", Position::Rejected),
    ("not accepted", Position::Rejected),
    ("cannot accept", Position::Rejected),
    ("can not accept", Position::Rejected),
    ("will not", Position::Rejected),
    ("rejected", Position::Rejected),
    ("rejects", Position::Rejected),
    ("declined", Position::Rejected),
    ("no response received", Position::NoResponse),
    (
        "did not indicate concurrence or nonconcurrence",
        Position::NoResponse,
    ),
    (
        "did not indicate either concurrence or nonconcurrence",
        Position::NoResponse,
    ),
    (
        "did not indicate whether it concurred",
        Position::NoResponse,
    ),
    ("no response", Position::NoResponse),
    ("did not provide comments", Position::NoResponse),
    ("did not comment", Position::NoResponse),
    ("did not respond", Position::NoResponse),
    ("has not responded", Position::NoResponse),
    ("fully concurred", Position::Accepted),
    ("concurred", Position::Accepted),
    ("concurs", Position::Accepted),
    ("concur", Position::Accepted),
    ("agreed", Position::Accepted),
    ("agrees", Position::Accepted),
    ("accepted", Position::Accepted),
    ("accepts", Position::Accepted),
    ("accept", Position::Accepted),
    ("supported", Position::Accepted),
    ("supports", Position::Accepted),
    ("enjoys the support", Position::Accepted),
    ("noted", Position::Noted),
];

impl Rag {
    /// Reads an explicit colour word ("Red", "amber", "G", "Amber/Green" reads as amber).
    pub fn from_words(text: &str) -> Option<Rag> {
        let t = text.trim().to_lowercase();
        match t.as_str() {
            "r" => return Some(Rag::Red),
            "a" => return Some(Rag::Amber),
            "g" => return Some(Rag::Green),
            _ => {}
        }
        let found = [
            ("red", Rag::Red),
            ("amber", Rag::Amber),
            ("green", Rag::Green),
        ]
        .into_iter()
        .filter_map(|(w, r)| find_word(&t, w).map(|at| (at, r)))
        .min_by_key(|(at, _)| *at);
        found.map(|(_, r)| r)
    }
}

impl Grade {
    /// Reads a grade word in any case.
    pub fn from_words(text: &str) -> Option<Grade> {
        text.trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .parse()
            .ok()
    }
}

impl Direction {
    /// Reads a direction word ("Improved", "Stable", "Declined", "Not Graded").
    pub fn from_words(text: &str) -> Option<Direction> {
        let t = text
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        match t.as_str() {
            "improved" | "improving" => Some(Direction::Improved),
            "stable" => Some(Direction::Stable),
            "declined" | "declining" | "deteriorated" => Some(Direction::Declined),
            "not graded" | "not_graded" | "ungraded" | "n/a" => Some(Direction::NotGraded),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>().ok(), Some(*s));
        }
        for k in ItemKind::ALL {
            assert_eq!(k.as_str().parse::<ItemKind>().ok(), Some(*k));
        }
        assert_eq!(
            "In Progress".parse::<Status>().ok(),
            Some(Status::InProgress)
        );
        let err = "sideways".parse::<Rag>().unwrap_err();
        assert!(err.to_string().contains("red, amber, green"));
    }

    #[test]
    fn noted_describing_is_not_a_position() {
        let p = |t: &str| Position::from_words(t).map(|p| p.0);
        assert_eq!(p("the deficiencies noted in the report"), None);
        assert_eq!(p("As noted above, the plan was revised."), None);
        assert_eq!(p("HHS noted that FDA already checks"), None);
        assert_eq!(p("Noted"), Some(Position::Noted));
        // Neither for nor against: no position, not the UN's "noted".
        assert_eq!(
            p("OSTP neither agreed nor disagreed with our recommendation"),
            None
        );
        assert_eq!(p("The recommendation is noted."), Some(Position::Noted));
        // A later phrase still counts when an earlier "noted" only describes.
        assert_eq!(
            p("Issues noted during the visit; the State agreed."),
            Some(Position::Accepted)
        );
        assert_eq!(
            p("It did not indicate concurrence or nonconcurrence with our recommendations."),
            Some(Position::NoResponse)
        );
    }

    #[test]
    fn leading_status_words() {
        assert_eq!(
            Status::from_leading_words("Completed May 2004"),
            Some((Status::Completed, "Completed"))
        );
        assert_eq!(
            Status::from_leading_words("Ongoing. Home Office"),
            Some((Status::InProgress, "Ongoing"))
        );
        assert_eq!(
            Status::from_leading_words("Awaits This work"),
            Some((Status::NotStarted, "Awaits"))
        );
        assert_eq!(Status::from_leading_words("Completeness matters"), None);
        assert_eq!(
            Status::from_leading_words("Not started"),
            Some((Status::NotStarted, "Not started"))
        );
        assert_eq!(
            Status::from_leading_words("Fully implemented § 5"),
            Some((Status::Completed, "Fully implemented"))
        );
        assert_eq!(
            Status::from_leading_words("In the process of implementation"),
            Some((Status::InProgress, "In the process of implementation"))
        );
    }

    #[test]
    fn inline_status_words() {
        assert_eq!(
            Status::find_in("Initial research completed May 2004").map(|x| x.0),
            Some(Status::Completed)
        );
        assert_eq!(
            Status::find_in("Internal website complete. Work in progress on external").map(|x| x.0),
            Some(Status::Completed)
        );
        assert_eq!(
            Status::find_in("The report was not completed").map(|x| x.0),
            Some(Status::NotStarted)
        );
    }

    #[test]
    fn positions() {
        assert_eq!(
            Position::from_words("HHS concurred with our recommendations").map(|x| x.0),
            Some(Position::Accepted)
        );
        assert_eq!(
            Position::from_words("CMS did not concur with our fourth").map(|x| x.0),
            Some(Position::Rejected)
        );
        assert_eq!(
            Position::from_words("I will not set additional targets").map(|x| x.0),
            Some(Position::Rejected)
        );
        assert_eq!(
            Position::from_words("No response received to date").map(|x| x.0),
            Some(Position::NoResponse)
        );
        assert_eq!(
            Position::from_words("Alabama disagreed with all").map(|x| x.0),
            Some(Position::Rejected)
        );
    }

    #[test]
    fn rag_words() {
        assert_eq!(Rag::from_words("Amber"), Some(Rag::Amber));
        assert_eq!(Rag::from_words("G"), Some(Rag::Green));
        assert_eq!(Rag::from_words("greenish"), None);
    }
}
