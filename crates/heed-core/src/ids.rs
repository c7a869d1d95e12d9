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
