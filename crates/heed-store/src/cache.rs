//! Everything the store remembers, in one place ([`Caches`]), under one rule: nothing
//! remembered is ever shown for a register older than the one the caller could see.
//!
//! Answers that cost the register (counts, match counts, pages, dashboards, the review
//! list) are kept in a [`Memo`] under the register version they were made at (the newest
//! event id: every change is an event and events are never deleted, so any write by any
//! process moves it) and used only by a call that reads that same version when it begins.
//! Small facts read on almost every request (the version itself, who a live API token or
//! session belongs to, the saved views) are kept in a [`Recent`] for at most [`FRESH_FOR`],
//! and only while no write of this process has begun or ended since ([`Writes`], moved by
//! every write when it begins and again when it commits): a store sees its own writes at
//! once and another process's within [`FRESH_FOR`]. Every answer is put under the version
//! or write count read *before* its data was read, so a write racing with it can only make
//! it look older than it is, never newer. A costly answer that is not remembered is worked
//! out by one caller while the others asking for it wait for its answer (the single-flight
//! turns `computing` for dashboards and `querying` for exact counts); pages and bounded
//! counts take no turn, since each costs a bounded amount. The engine reads the version
//! (`current_version`) and moves [`Writes`] (`begin_write`, `commit`) in `engine/mod.rs`;
//! nothing else in the crate remembers a register answer.

use crate::figures::{Cursor, Dashboard, ItemPage, Matches};
use crate::model::{ItemFilter, ReviewSummary, SavedView, Session, TokenLookup};
use heed_core::date::Day;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What one store remembers between calls, and the turns its costly answers take.
pub(crate) struct Caches {
    /// Exact counts (`count_items`), bounded counts (`count_matches`), dashboards and the
    /// review list, per register version.
    pub(crate) counts: Memo<ItemFilter, u64>,
    pub(crate) matches: Memo<ItemFilter, Matches>,
    pub(crate) dashboards: Memo<(ItemFilter, Day), Dashboard>,
    pub(crate) reviews: Memo<(), Arc<Vec<ReviewSummary>>>,
    /// Pages of items (a search's first page, a saved view's), per register version.
    pub(crate) pages: Memo<(ItemFilter, Option<Cursor>, u32), Arc<ItemPage>>,
    /// Held while a dashboard is computed: callers asking meanwhile wait for its answer
    /// instead of starting the same full scans on a machine already busy with them.
    pub(crate) computing: tokio::sync::Mutex<()>,
    /// Held while a count that is not remembered is worked out: many readers asking for the
    /// same new search at once (a shared link, a load test) wait for the first one's answer
    /// instead of each running the same scan.
    pub(crate) querying: tokio::sync::Mutex<()>,
    /// This process's writes, and what was read lately between them: the register version,
    /// who each live API token and session belongs to, the saved views. Busy readers then
    /// ask the database for these a few times a second rather than on every request.
    pub(crate) writes: Writes,
    pub(crate) version: Recent<(), RegisterVersion>,
    pub(crate) tokens: Recent<String, TokenLookup>,
    pub(crate) sessions: Recent<String, Session>,
    pub(crate) views: Recent<(), Vec<SavedView>>,
}

impl Default for Caches {
    fn default() -> Caches {
        Caches {
            counts: Memo::new(),
            matches: Memo::new(),
            dashboards: Memo::new(),
            reviews: Memo::new(),
            pages: Memo::bounded(KEEP, KEEP_BYTES, |_, page| page_bytes(page)),
            computing: Default::default(),
            querying: Default::default(),
            writes: Writes::default(),
            version: Recent::new(),
            tokens: Recent::new(),
            sessions: Recent::new(),
            views: Recent::new(),
        }
    }
}

/// About what a page of items holds in memory: its items as JSON (their texts, actions,
/// notes and history fields), which is within a small factor of their size in memory.
fn page_bytes(page: &ItemPage) -> usize {
    page.items
        .iter()
        .map(|i| serde_json::to_vec(i).map_or(4096, |v| v.len()))
        .sum::<usize>()
        + std::mem::size_of::<ItemPage>()
}

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

impl<K: std::hash::Hash + Eq, V: Clone> Default for Recent<K, V> {
    fn default() -> Recent<K, V> {
        Recent::new()
    }
}

/// The register's version: its newest event's id. Every change is an event and events are
/// never deleted, so any write by any process moves it; answers kept under it are as new as
/// the register they were made from. Not an item's [`heed_core::Version`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegisterVersion(i64);

impl RegisterVersion {
    /// Wraps the newest event's id. Only the store (and tests) should call this.
    pub const fn from_raw(raw: i64) -> Self {
        Self(raw)
    }
    /// The newest event's id.
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl std::fmt::Display for RegisterVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How many answers of one kind are remembered by default (the oldest goes first).
const KEEP: usize = 16;

/// How many bytes the answers of one kind may take by default (the oldest go first).
pub const KEEP_BYTES: usize = 16 << 20;

/// Answers of one kind, by key, each with the register version it was made at. Public so
/// that the web layer keeps what it makes from the register (bodies, tables) the same way.
/// Bounded twice: at most `keep` answers, and at most `budget` bytes as `weigh` counts
/// them (one answer larger than the budget is not kept at all), so a few huge pages
/// cannot hold memory that many small ones would not.
pub struct Memo<K, V> {
    entries: Mutex<Vec<(RegisterVersion, K, V, usize)>>,
    keep: usize,
    budget: usize,
    weigh: fn(&K, &V) -> usize,
}

/// The default weight of an answer: its own size, without what it points to.
fn shallow<K, V>(_: &K, _: &V) -> usize {
    std::mem::size_of::<(RegisterVersion, K, V, usize)>()
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    pub fn new() -> Memo<K, V> {
        Memo::keeping(KEEP)
    }

    /// A memo of at most `keep` answers, each weighed by its own size.
    pub fn keeping(keep: usize) -> Memo<K, V> {
        Memo::bounded(keep, KEEP_BYTES, shallow::<K, V>)
    }

    /// A memo of at most `keep` answers and `budget` bytes, as `weigh` counts an answer
    /// (its key and value, with what they own).
    pub fn bounded(keep: usize, budget: usize, weigh: fn(&K, &V) -> usize) -> Memo<K, V> {
        Memo {
            entries: Mutex::new(Vec::new()),
            keep: keep.max(1),
            budget,
            weigh,
        }
    }

    /// The answer for `key` made at `version`, if remembered.
    pub fn get(&self, version: RegisterVersion, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .iter()
            .find(|(v, k, _, _)| *v == version && k == key)
            .map(|(_, _, value, _)| value.clone())
    }

    /// Remembers an answer made at `version` (read before the answer's data was),
    /// replacing older ones for the same key.
    pub fn put(&self, version: RegisterVersion, key: K, value: V) {
        let weight = (self.weigh)(&key, &value);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|(v, k, _, _)| *k != key && *v >= version);
        if weight > self.budget {
            return;
        }
        let mut held: usize = entries.iter().map(|e| e.3).sum();
        while !entries.is_empty() && (entries.len() >= self.keep || held + weight > self.budget) {
            held -= entries.remove(0).3;
        }
        entries.push((version, key, value, weight));
    }

    /// How many bytes the remembered answers weigh.
    pub fn bytes(&self) -> usize {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.iter().map(|e| e.3).sum()
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
        let (one, two) = (RegisterVersion::from_raw(1), RegisterVersion::from_raw(2));
        m.put(one, "a", 10);
        assert_eq!(m.get(one, &"a"), Some(10));
        assert_eq!(m.get(two, &"a"), None, "a newer register is asked again");
        m.put(two, "a", 11);
        assert_eq!(m.get(one, &"a"), None);
        assert_eq!(m.get(two, &"a"), Some(11));
        for n in 0..40 {
            m.put(two, "b", n);
        }
        assert_eq!(m.get(two, &"b"), Some(39));
        assert_eq!(
            m.get(two, &"a"),
            Some(11),
            "one key's answers do not push out another's"
        );
    }

    #[test]
    fn answers_are_kept_within_their_bytes() {
        let m: Memo<u32, String> = Memo::bounded(100, 1_000, |_, v| v.len());
        let v = RegisterVersion::from_raw(1);
        for k in 0..10 {
            m.put(v, k, "x".repeat(300));
        }
        assert_eq!(m.len(), 3, "three of 300 bytes fit in 1,000");
        assert!(m.bytes() <= 1_000);
        assert!(
            m.get(v, &9).is_some() && m.get(v, &6).is_none(),
            "the oldest go first"
        );
        m.put(v, 20, "y".repeat(1_001));
        assert_eq!(
            m.get(v, &20),
            None,
            "an answer larger than the budget is not kept"
        );
        assert_eq!(m.len(), 3);
        m.put(v, 21, "z".repeat(900));
        assert_eq!((m.len(), m.bytes()), (1, 900));
    }
}
