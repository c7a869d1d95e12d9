//! Heed's application layer: the use cases both front ends call, so the CLI and the web do
//! each thing one way and neither depends on the other. Each module is one use case:
//!
//! - `intake.rs`: a file (uploaded or named on the command line) read into a `Document`;
//! - `report.rs`: a review's committee report input, and any item as a report row;
//! - `accounts.rs`: password hashes, session and API tokens, who may change an item;
//! - `change.rs`: what an event did, in words (item page, `heed show`, exports);
//! - `links.rs`: an item's cross-references, followed to the items they name;
//! - `version.rs`: which version of an item a write is based on (ETag, `If-Match`);
//! - `words.rs`: vocabulary words and long texts as people read them.
//!
//! Everything here takes the register as `&dyn heed_store::Store` and "today" as an
//! argument: no HTTP, no terminal, no files, no clock. Failures are one [`AppError`].

pub mod accounts;
pub mod change;
mod error;
pub mod intake;
pub mod links;
pub mod report;
pub mod version;
pub mod words;

pub use error::AppError;
