//! A short memory of expensive answers (the dashboard's figures, match counts), kept per
//! register version so that it can never show a register older than the one it asked.
//!
//! The version is the newest event id: every change to the register is an event, events
//! are never deleted, so any write (by this process or another one on the same database)
//! moves it. Each answer is asked for the version first; a remembered answer made at that
//! version is returned, anything older is recomputed. A write racing with a computation can
//! only make a remembered answer newer than its version, never older.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a fact read from the database (the register version, who a token or session
/// belongs to) is taken as still true without asking again. What this process writes is
/// seen at once (every write forgets what was read before it); what another process
/// writes to the same database is seen within this long.
pub(crate) const FRESH_FOR: Duration = Duration::from_millis(250);

/// Counts this process's writes, so that a fact read before or during a write is not used
/// after it. A write moves it when it begins and again when it ends: a reader that read the
/// count before its query and finds it unchanged afterwards saw no write of ours in between.
#[derive(Default)]
pub(crate) struct Writes(AtomicU64);

impl Writes {
    pub(crate) fn count(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    pub(crate) fn moved(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

/// Facts by key, each read at a known write count and moment; one is used only while no
/// write of ours has happened since and it is younger than [`FRESH_FOR`].
pub(crate) struct Recent<K, V> {
    entries: Mutex<HashMap<K, (V, u64, Instant)>>,
}

/// At most this many facts of one kind are kept (all are forgotten when it is reached:
/// they are cheap to read again, and a flood of unknown tokens cannot grow the map).
const RECENT_KEEP: usize = 4096;

impl<K: std::hash::Hash + Eq, V: Clone> Recent<K, V> {
    pub(crate) fn new() -> Recent<K, V> {
        Recent {
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The fact for `key`, if it was read since the last write (`writes`) and lately.
    pub(crate) fn get(&self, writes: u64, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(key)
            .filter(|(_, w, at)| *w == writes && at.elapsed() < FRESH_FOR)
            .map(|(v, _, _)| v.clone())
    }

    /// Keeps a fact read at write count `writes` (taken before the read began).
    pub(crate) fn put(&self, writes: u64, key: K, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= RECENT_KEEP {
            entries.clear();
        }
        entries.insert(key, (value, writes, Instant::now()));
    }
}

/// How many answers of one kind are remembered by default (the oldest goes first).
const KEEP: usize = 16;

/// Answers of one kind, by key, each with the register version it was made at. Public so
/// that the web layer keeps what it makes from the register (bodies, tables) the same way.
pub struct Memo<K, V> {
    entries: Mutex<Vec<(i64, K, V)>>,
    keep: usize,
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    pub fn new() -> Memo<K, V> {
        Memo::keeping(KEEP)
    }

    /// A memo of at most `keep` answers.
    pub fn keeping(keep: usize) -> Memo<K, V> {
        Memo {
            entries: Mutex::new(Vec::new()),
            keep: keep.max(1),
        }
    }

    /// The answer for `key` made at `version`, if remembered.
    pub fn get(&self, version: i64, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .iter()
            .find(|(v, k, _)| *v == version && k == key)
            .map(|(_, _, value)| value.clone())
    }

    /// Remembers an answer made at `version` (read before the answer's data was),
    /// replacing older ones for the same key.
    pub fn put(&self, version: i64, key: K, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|(v, k, _)| *k != key && *v >= version);
        if entries.len() >= self.keep {
            entries.remove(0);
        }
        entries.push((version, key, value));
    }

    /// How many answers are remembered.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<K: PartialEq, V: Clone> Default for Memo<K, V> {
    fn default() -> Memo<K, V> {
        Memo::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_facts_are_forgotten_after_a_write_or_a_while() {
        let writes = Writes::default();
        let r: Recent<&str, i64> = Recent::new();
        let before = writes.count();
        r.put(before, "v", 7);
        assert_eq!(r.get(writes.count(), &"v"), Some(7));
        assert_eq!(r.get(writes.count(), &"w"), None);
        writes.moved();
        assert_eq!(
            r.get(writes.count(), &"v"),
            None,
            "a write of ours happened since"
        );
        // A fact read while a write was under way is not used once it has ended.
        let during = writes.count();
        writes.moved();
        r.put(during, "v", 8);
        assert_eq!(r.get(writes.count(), &"v"), None);
        let now = writes.count();
        r.put(now, "v", 9);
        assert_eq!(r.get(now, &"v"), Some(9));
        std::thread::sleep(FRESH_FOR + Duration::from_millis(20));
        assert_eq!(
            r.get(now, &"v"),
            None,
            "another process may have written since"
        );
    }

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
