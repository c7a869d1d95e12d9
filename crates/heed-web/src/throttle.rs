//! Sign-in throttling: failed sign-ins slow down the next tries from the same client
//! address (per process), so passwords cannot be guessed at speed, without locking an
//! account for everyone. Kept in `AppState`; the sign-in form (`login.rs`) asks and tells it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-ins for one name from one client address before each next try waits.
const FREE_FAILURES: u32 = 3;
/// Failed sign-ins from one client address, whatever the names, before it waits.
const FREE_FAILURES_PER_ADDRESS: u32 = 20;
/// The longest wait, and how long failures are remembered after the last one.
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// Failures remembered at most (the oldest forgotten first, beyond it).
const REMEMBERED: usize = 10_000;

/// Failed sign-ins, to slow down password guessing (per process), by client address and
/// name together, and by address alone: after [`FREE_FAILURES`] failures for a name from an
/// address, each next try from there waits 1, 2, 4 ... seconds (at most [`MAX_WAIT`]).
/// Nothing locks an account for everyone: the same name from another address is not
/// slowed, so someone guessing cannot keep its owner out.
#[derive(Debug, Default)]
pub(crate) struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

fn backoff(count: u32, free: u32) -> Option<Duration> {
    let over = count.checked_sub(free)?;
    Some(Duration::from_secs(1u64 << over.min(20)).min(MAX_WAIT))
}

impl Throttle {
    fn keys(address: &str, name: &str) -> [(String, u32); 2] {
        [
            (format!("{address}\n{}", name.to_lowercase()), FREE_FAILURES),
            (address.to_string(), FREE_FAILURES_PER_ADDRESS),
        ]
    }

    /// How long a sign-in as `name` from `address` must still wait, if at all.
    pub fn wait(&self, address: &str, name: &str) -> Option<Duration> {
        let map = self.failures.lock().ok()?;
        Throttle::keys(address, name)
            .iter()
            .filter_map(|(key, free)| {
                let (count, last) = map.get(key)?;
                let wait = backoff(*count, *free)?;
                wait.checked_sub(last.elapsed()).filter(|w| !w.is_zero())
            })
            .max()
    }

    pub fn failed(&self, address: &str, name: &str) {
        if let Ok(mut map) = self.failures.lock() {
            if map.len() >= REMEMBERED {
                map.retain(|_, (_, last)| last.elapsed() < MAX_WAIT);
            }
            if map.len() >= REMEMBERED
                && let Some(oldest) = map
                    .iter()
                    .min_by_key(|(_, (_, last))| *last)
                    .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
            for (key, _) in Throttle::keys(address, name) {
                let entry = map.entry(key).or_insert((0, Instant::now()));
                if entry.1.elapsed() >= MAX_WAIT {
                    entry.0 = 0;
                }
                entry.0 += 1;
                entry.1 = Instant::now();
            }
        }
    }

    /// A sign-in succeeded: that name's failures from that address are forgotten.
    pub fn succeeded(&self, address: &str, name: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(&Throttle::keys(address, name)[0].0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_is_throttled_by_address_and_name_with_backoff() {
        let t = Throttle::default();
        for _ in 0..FREE_FAILURES {
            assert!(t.wait("192.0.2.1", "Ann").is_none());
            t.failed("192.0.2.1", "ann");
        }
        let first = t.wait("192.0.2.1", "ANN").expect("waits");
        assert!(first <= Duration::from_secs(1), "{first:?}");
        t.failed("192.0.2.1", "ann");
        let second = t.wait("192.0.2.1", "ann").expect("waits");
        assert!(second > Duration::from_secs(1), "backs off: {second:?}");
        // Another address, or another name, is not held up.
        assert!(t.wait("198.51.100.2", "ann").is_none());
        assert!(t.wait("192.0.2.1", "bob").is_none());
        t.succeeded("192.0.2.1", "ann");
        assert!(t.wait("192.0.2.1", "ann").is_none());
        // Many names from one address: the address waits.
        let t = Throttle::default();
        for i in 0..FREE_FAILURES_PER_ADDRESS {
            t.failed("192.0.2.9", &format!("user{i}"));
        }
        assert!(t.wait("192.0.2.9", "someone-else").is_some());
        assert_eq!(backoff(100, FREE_FAILURES), Some(MAX_WAIT));
    }
}
