//! Response bodies that many readers ask for alike (an API list of items), kept per
//! register version so that none is ever older than the register it was asked of.
//!
//! The store already remembers the items of such a page; what is left on every request is
//! copying them and writing them out as JSON, which under load is most of the work. The
//! body is made once per register version and key, then shared. Any change to the
//! register moves the version (`Store::register_version`), and the body is made anew.

use axum::body::Bytes;
use std::sync::Mutex;

/// How many bodies are kept (the oldest goes first).
const KEEP: usize = 64;

/// Bodies (or parts of pages) by key, each with the register version it was made at.
pub(crate) struct Bodies<V = Bytes> {
    entries: Mutex<Vec<(i64, String, V)>>,
}

impl<V> Default for Bodies<V> {
    fn default() -> Bodies<V> {
        Bodies {
            entries: Mutex::new(Vec::new()),
        }
    }
}

impl<V: Clone> Bodies<V> {
    /// The body made for `key` at register version `version`, if kept.
    pub(crate) fn get(&self, version: i64, key: &str) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .iter()
            .find(|(v, k, _)| *v == version && k == key)
            .map(|(_, _, b)| b.clone())
    }

    /// Keeps a body made at `version` (read before the body's data was), replacing older
    /// ones for the same key.
    pub(crate) fn put(&self, version: i64, key: String, body: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|(v, k, _)| *k != key && *v >= version);
        if entries.len() >= KEEP {
            entries.remove(0);
        }
        entries.push((version, key, body));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_kept_per_version_and_key() {
        let b: Bodies = Bodies::default();
        b.put(3, "a".into(), Bytes::from_static(b"one"));
        assert_eq!(b.get(3, "a").as_deref(), Some(&b"one"[..]));
        assert_eq!(b.get(4, "a"), None, "the register moved on");
        assert_eq!(b.get(3, "b"), None);
        b.put(4, "a".into(), Bytes::from_static(b"two"));
        assert_eq!(b.get(3, "a"), None, "older bodies of a key go");
        for k in 0..(KEEP + 5) {
            b.put(4, format!("k{k}"), Bytes::from_static(b"x"));
        }
        assert_eq!(b.entries.lock().expect("lock").len(), KEEP);
        assert!(b.get(4, &format!("k{}", KEEP + 4)).is_some());
    }
}
