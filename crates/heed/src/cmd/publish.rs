//! `heed publish REVIEW [--unpublish]`: let readers who are not signed in to the web
//! application see a review (or stop them). Recorded as an event of the review.

use super::{GlobalOpts, cli_origin};
use heed_core::ReviewId;

/// Publish a review to readers who are not signed in, or unpublish it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The review's id (see `heed reviews`).
    pub review: ReviewId,
    /// Unpublish it instead: only people signed in see it.
    #[arg(long)]
    pub unpublish: bool,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let published = !args.unpublish;
    let store = global.open().await?;
    let result = store
        .publish_review(args.review, published, &global.actor(), Some(&cli_origin()))
        .await;
    store.close().await;
    let changed = result?;
    let state = if published {
        "published"
    } else {
        "unpublished"
    };
    if changed {
        println!("review {} is now {state}", args.review);
    } else {
        println!(
            "review {} was already {state}; nothing changed",
            args.review
        );
    }
    Ok(())
}
