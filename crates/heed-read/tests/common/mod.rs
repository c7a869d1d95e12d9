//! What the tests of documents Heed had not seen share: their fixtures (written for Heed,
//! in `tests/fixtures/unseen/`) read as the binary reads them, and the references read.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use heed_core::Document;
use heed_read::{ReadOptions, read};

/// The fixture `name` of `tests/fixtures/unseen/`, read with no options.
pub fn fixture(name: &str) -> Document {
    let path = format!(
        "{}/tests/fixtures/unseen/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read(&bytes, &ReadOptions::default()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The references of the items that have one, in order.
pub fn refs(d: &Document) -> Vec<&str> {
    d.items.iter().filter_map(|i| i.r#ref.as_deref()).collect()
}
