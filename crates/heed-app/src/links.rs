//! An item's cross-references as the report wrote them ("See Recommendation 14"), each
//! followed to the item of that reference in the same review: the item page and `heed show`
//! list the same ones.

use crate::AppError;
use heed_core::{ItemId, ItemKind};
use heed_store::{ItemFilter, ItemRecord, Store};

/// A reference the report makes from an item, and the item it names in the same review
/// (`None` when the review holds no other item of that reference).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossReference {
    pub reference: String,
    pub target: Option<(ItemId, ItemKind)>,
}

/// The item's cross-references, in the report's order. Reads the review's items only when
/// there is a reference to follow.
pub async fn cross_references(
    store: &dyn Store,
    item: &ItemRecord,
) -> Result<Vec<CrossReference>, AppError> {
    if item.state.see_also.is_empty() {
        return Ok(Vec::new());
    }
    let same_review = store
        .items(&ItemFilter {
            review: Some(item.review),
            ..ItemFilter::default()
        })
        .await?;
    Ok(item
        .state
        .see_also
        .iter()
        .map(|r| CrossReference {
            target: same_review
                .iter()
                .find(|i| i.id != item.id && i.state.r#ref.as_deref() == Some(r.as_str()))
                .map(|t| (t.id, t.state.kind)),
            reference: r.clone(),
        })
        .collect())
}
