//! Heed's pure core: the words of the domain and the rules between them.
//!
//! Everything here takes values and returns values: no files, no database, no clock
//! (callers pass "today" in). The report readers (`heed-read`), the register
//! (`heed-store`) and the binary all speak in these types, so a status or a deadline is
//! parsed once, at the edge, and never re-read from a string afterwards.

pub mod date;
pub mod document;
pub mod ids;
pub mod vocab;

pub use date::{Deadline, Precision};
pub use document::{
    Action, Diagnostic, Document, GlossaryEntry, Item, Judgement, NationalDistribution, Response,
    Severity,
};
pub use ids::{EvidenceId, ItemId, ReportId, ReviewId, UserId, Version};
pub use vocab::{
    Decision, Direction, Grade, ItemKind, Position, Rag, Status, UnknownWord, Verification,
};
