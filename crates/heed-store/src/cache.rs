//! A short memory of expensive answers (the dashboard's figures, match counts), kept per
//! register version so that it can never show a register older than the one it asked.
//!
//! The version is the newest event id: every change to the register is an event, events
//! are never deleted, so any write (by this process or another one on the same database)
//! moves it. Each answer is asked for the version first; a remembered answer made at that
//! version is returned, anything older is recomputed. A write racing with a computation can
//! only make a remembered answer newer than its version, never older.

use std::sync::Mutex;

/// How many answers of one kind are remembered (the oldest goes first).
const KEEP: usize = 16;

/// Answers of one kind, by key, each with the register version it was made at.
pub(crate) struct Memo<K, V> {
    entries: Mutex<Vec<(i64, K, V)>>,
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    pub(crate) fn new() -> Memo<K, V> {
        Memo {
            entries: Mutex::new(Vec::new()),
        }
    }

    /// The answer for `key` made at `version`, if remembered.
    pub(crate) fn get(&self, version: i64, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .iter()
            .find(|(v, k, _)| *v == version && k == key)
            .map(|(_, _, value)| value.clone())
    }

    /// Remembers an answer, replacing older ones for the same key.
    pub(crate) fn put(&self, version: i64, key: K, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|(v, k, _)| *k != key && *v >= version);
        if entries.len() >= KEEP {
            entries.remove(0);
        }
        entries.push((version, key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_per_version() {
        let m: Memo<&str, i64> = Memo::new();
        m.put(1, "a", 10);
        assert_eq!(m.get(1, &"a"), Some(10));
        assert_eq!(m.get(2, &"a"), None, "a newer register is asked again");
        m.put(2, "a", 11);
        assert_eq!(m.get(1, &"a"), None);
        assert_eq!(m.get(2, &"a"), Some(11));
        for n in 0..40 {
            m.put(2, "b", n);
        }
        assert_eq!(m.get(2, &"b"), Some(39));
        assert_eq!(
            m.get(2, &"a"),
            Some(11),
            "one key's answers do not push out another's"
        );
    }
}
