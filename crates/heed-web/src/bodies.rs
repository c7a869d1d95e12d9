//! Response bodies that many readers ask for alike (an API list of items, a search's
//! results table, the dashboard's figures), kept per register version so that none is ever
//! older than the register it was asked of.
//!
//! The store already remembers the items of such a page; what is left on every request is
//! copying them and writing them out, which under load is most of the work. The body is
//! made once per register version and key, then shared. Any change to the register moves
//! the version (`Store::register_version`), and the body is made anew. The memory is the
//! store's own per-version memo (`heed_store::Memo`), keyed by text.

use axum::body::Bytes;

/// How many bodies of one kind are kept (the oldest goes first).
pub(crate) const KEEP: usize = 64;

/// How many bytes the bodies of one kind may take (the oldest go first): a page of 500
/// items with long texts is a megabyte, and 64 of them would be most of the server's memory.
pub(crate) const KEEP_BYTES: usize = 8 << 20;

/// Bodies (or parts of pages) by key, each with the register version it was made at.
pub(crate) type Bodies<V = Bytes> = heed_store::Memo<String, V>;

/// What a kept body weighs: its key and its bytes.
pub(crate) trait Weigh {
    fn weight(&self) -> usize;
}

impl Weigh for Bytes {
    fn weight(&self) -> usize {
        self.len()
    }
}

impl Weigh for std::sync::Arc<String> {
    fn weight(&self) -> usize {
        self.len()
    }
}

// `&String`: the memo's weigher is a `fn(&K, &V)` with `K = String`.
#[allow(clippy::ptr_arg)]
fn weigh<V: Weigh>(key: &String, body: &V) -> usize {
    key.len() + body.weight() + 64
}

/// An empty memory of at most `KEEP` bodies and `KEEP_BYTES` bytes.
pub(crate) fn bodies<V: Clone + Weigh>() -> std::sync::Arc<Bodies<V>> {
    std::sync::Arc::new(Bodies::bounded(KEEP, KEEP_BYTES, weigh::<V>))
}

#[cfg(test)]
mod tests {
    use super::*;
    use heed_store::RegisterVersion;

    #[test]
    fn bodies_are_kept_per_version_and_key() {
        let b: Bodies = Bodies::keeping(KEEP);
        let key = |k: &str| k.to_string();
        let (v3, v4) = (RegisterVersion::from_raw(3), RegisterVersion::from_raw(4));
        b.put(v3, "a".into(), Bytes::from_static(b"one"));
        assert_eq!(b.get(v3, &key("a")).as_deref(), Some(&b"one"[..]));
        assert_eq!(b.get(v4, &key("a")), None, "the register moved on");
        assert_eq!(b.get(v3, &key("b")), None);
        b.put(v4, "a".into(), Bytes::from_static(b"two"));
        assert_eq!(b.get(v3, &key("a")), None, "older bodies of a key go");
        for k in 0..(KEEP + 5) {
            b.put(v4, format!("k{k}"), Bytes::from_static(b"x"));
        }
        assert_eq!(b.len(), KEEP);
        assert!(b.get(v4, &format!("k{}", KEEP + 4)).is_some());
    }

    #[test]
    fn bodies_are_kept_within_their_bytes() {
        let b = bodies::<Bytes>();
        let v = RegisterVersion::from_raw(1);
        let mb = Bytes::from(vec![b'x'; 1 << 20]);
        for k in 0..20 {
            b.put(v, format!("page{k}"), mb.clone());
        }
        assert!(b.bytes() <= KEEP_BYTES, "{} bytes kept", b.bytes());
        assert_eq!(
            b.len(),
            7,
            "seven pages of a megabyte and their keys fit in 8 MiB"
        );
        assert!(b.get(v, &"page19".to_string()).is_some());
    }
}
