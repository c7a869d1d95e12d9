//! Typed identifiers, so that an item id can never be passed where a report id is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// Wraps a raw database key. Only the store should call this.
            pub const fn from_raw(raw: i64) -> Self {
                Self(raw)
            }
            /// The raw database key.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().trim_start_matches('#').parse().map(Self)
            }
        }
    };
}

id_type!(
    /// A review: the body of work (an inspection, a scrutiny review) a set of items belongs to.
    ReviewId
);
id_type!(
    /// One imported document.
    ReportId
);
id_type!(
    /// One recommendation, area for improvement, strength or note in the register.
    ItemId
);
id_type!(
    /// One evidence file attached to an item.
    EvidenceId
);
id_type!(
    /// A person's account: who started a session, waits on an upload, saved a view.
    UserId
);

/// Which state of an item a write is based on: bumped by every event, handed out with the
/// item (and as its ETag, `"v7"`), and passed back with a write so that a stale one is a
/// conflict rather than an overwrite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Version(i64);

impl Version {
    /// Wraps the register's counter.
    pub const fn from_raw(raw: i64) -> Self {
        Self(raw)
    }
    /// The register's counter.
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Exactly a number, as a form field or an ETag holds it (no `#`, no spaces).
impl std::str::FromStr for Version {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_versions_read_back_what_they_write() {
        let e: EvidenceId = "#12".parse().expect("id");
        assert_eq!(e, EvidenceId::from_raw(12));
        assert_eq!(e.to_string(), "12");
        let v: Version = "7".parse().expect("version");
        assert_eq!(v.get(), 7);
        assert_eq!(v.to_string().parse::<Version>(), Ok(v));
        assert!(" 7".parse::<Version>().is_err());
        assert!("#7".parse::<Version>().is_err());
    }
}
