//! Matching a later document's items to the items already in a review, by reference number
//! and by the similarity of their words, so a progress report updates items instead of
//! duplicating them. Pure: the store loads the candidates and stores the result.

use crate::model::MatchBy;
use heed_core::{Item, ItemId, ItemKind};
use std::collections::HashSet;

/// An item already in the register, as far as matching needs it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: ItemId,
    pub kind: ItemKind,
    pub r#ref: Option<String>,
    pub text: String,
}

/// A match of the incoming item at `incoming` to `candidates[candidate]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub incoming: usize,
    pub candidate: usize,
    pub by: MatchBy,
    pub similarity: f64,
}

/// Texts at least this similar match without a reference.
pub const TEXT_THRESHOLD: f64 = 0.75;
/// With the same reference, texts must not be more different than this.
pub const REF_THRESHOLD: f64 = 0.3;

/// Matches each incoming item to at most one candidate and each candidate to at most one
/// incoming item: first by reference (same kind, same reference, texts not contradicting),
/// then by text similarity.
pub fn match_items(candidates: &[Candidate], incoming: &[Item]) -> Vec<Found> {
    let cand_words: Vec<HashSet<String>> = candidates.iter().map(|c| words(&c.text)).collect();
    let mut taken = vec![false; candidates.len()];
    let mut found = Vec::new();
    let mut unmatched = Vec::new();
    for (i, item) in incoming.iter().enumerate() {
        let iw = words(&item.text);
        let by_ref = item.r#ref.as_deref().map(normal_ref).and_then(|r| {
            candidates
                .iter()
                .enumerate()
                .filter(|(c, cand)| {
                    !taken[*c]
                        && cand.kind == item.kind
                        && cand.r#ref.as_deref().map(normal_ref).as_deref() == Some(r.as_str())
                })
                .map(|(c, _)| (c, similarity(&iw, &cand_words[c])))
                .filter(|(_, s)| *s >= REF_THRESHOLD)
                .max_by(|a, b| a.1.total_cmp(&b.1))
        });
        match by_ref {
            Some((c, s)) => {
                taken[c] = true;
                found.push(Found {
                    incoming: i,
                    candidate: c,
                    by: MatchBy::Ref,
                    similarity: s,
                });
            }
            None => unmatched.push((i, iw)),
        }
    }
    for (i, iw) in unmatched {
        if iw.is_empty() {
            continue;
        }
        let best = candidates
            .iter()
            .enumerate()
            .filter(|(c, cand)| !taken[*c] && cand.kind == incoming[i].kind)
            .map(|(c, _)| (c, similarity(&iw, &cand_words[c])))
            .filter(|(_, s)| *s >= TEXT_THRESHOLD)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((c, s)) = best {
            taken[c] = true;
            found.push(Found {
                incoming: i,
                candidate: c,
                by: MatchBy::Text,
                similarity: s,
            });
        }
    }
    found.sort_by_key(|f| f.incoming);
    found
}

fn normal_ref(r: &str) -> String {
    r.trim()
        .trim_end_matches(['.', ')'])
        .trim_start_matches(['(', '#'])
        .to_ascii_lowercase()
}

/// Lower-case words of two letters or more.
pub fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// Dice coefficient of two word sets; 1 when either is empty (nothing contradicts).
pub fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 1.0;
    }
    let common = a.intersection(b).count() as f64;
    2.0 * common / (a.len() + b.len()) as f64
}

/// How many leading words make an item's key.
const KEY_WORDS: usize = 6;

/// The key items are found by when looking for the review a document belongs to: the first
/// few words of the text, lower case, punctuation dropped. Progress reports tend to quote the
/// opening of a recommendation even when they shorten or reword the rest.
pub fn text_key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(KEY_WORDS)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(id: i64, r: Option<&str>, text: &str) -> Candidate {
        Candidate {
            id: ItemId::from_raw(id),
            kind: ItemKind::Recommendation,
            r#ref: r.map(str::to_string),
            text: text.into(),
        }
    }

    fn item(r: Option<&str>, text: &str) -> Item {
        let mut i = Item::new(ItemKind::Recommendation, text, 1);
        i.r#ref = r.map(str::to_string);
        i
    }

    #[test]
    fn by_ref_then_by_text() {
        let cands = [
            cand(
                1,
                Some("1"),
                "The force should publish its targets each year",
            ),
            cand(2, Some("2"), "Train all custody staff in first aid"),
            cand(
                3,
                None,
                "Review the use of stop and search powers across the county",
            ),
        ];
        let inc = [
            item(Some("2"), ""),
            item(
                None,
                "Review the use of stop and search powers across the whole county",
            ),
            item(Some("9"), "Something entirely new"),
        ];
        let f = match_items(&cands, &inc);
        assert_eq!(f.len(), 2);
        assert_eq!(
            (f[0].incoming, f[0].candidate, f[0].by),
            (0, 1, MatchBy::Ref)
        );
        assert_eq!(
            (f[1].incoming, f[1].candidate, f[1].by),
            (1, 2, MatchBy::Text)
        );
    }

    #[test]
    fn same_ref_with_contradicting_text_does_not_match() {
        let cands = [cand(
            1,
            Some("1"),
            "Publish the targets every year for the public",
        )];
        let inc = [item(
            Some("1"),
            "Buy new helicopters for the air support unit",
        )];
        assert!(match_items(&cands, &inc).is_empty());
    }

    #[test]
    fn key_is_short_and_plain() {
        assert_eq!(
            text_key("The Force, should: PUBLISH"),
            "the force should publish"
        );
    }
}
