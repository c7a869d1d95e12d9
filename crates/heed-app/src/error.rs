//! The application layer's one error type. Each message says what was wrong and, where
//! there is one, what to do about it; the front ends add only where it happened (a file
//! name, an HTTP status) and never reword it.

use heed_store::StoreError;

/// Everything a use case can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not a document at all (binary, empty, a damaged or locked PDF).
    #[error("{0}")]
    NotADocument(#[from] heed_read::ReadError),
    /// A spreadsheet tracker that could not be opened or whose column map is wrong.
    #[error("{0}")]
    Tracker(#[from] heed_report::tracker::TrackerError),
    /// A tracker with rows that could not be read: nothing is half-imported.
    #[error(
        "{} rows could not be read, so nothing was imported (fix them, or map the columns: --map on the command line, the map field on the web)):\n{}",
        .problems.len(),
        .problems.iter().map(|p| format!("  row {}: {}", p.row, p.message)).collect::<Vec<_>>().join("\n")
    )]
    IncompleteTracker {
        mapping: String,
        problems: Vec<heed_report::tracker::RowProblem>,
    },
    /// Read, but with nothing in it to keep (`Document::has_findings`): importing it would
    /// make an empty review. `heed extract` refuses the same files.
    #[error("no recommendations, judgements or glossary found, so nothing was imported")]
    NothingFound,
    /// Something asked for that the register does not hold.
    #[error("{0}")]
    NotFound(String),
    /// A request that contradicts itself or is malformed (two different versions).
    #[error("{0}")]
    Invalid(String),
    /// A write that does not say which version of the item it is based on.
    #[error("{0}")]
    VersionRequired(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The operating system failed us (no random numbers, hashing failed): not the user's doing.
    #[error("{0}")]
    System(String),
}
