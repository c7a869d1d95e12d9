//! `heed verify ITEM [--reject --note TEXT]`: the secretariat's answer to a claimed
//! completion. Accepting closes the item with the status claimed; rejecting (with a reason)
//! leaves it open. Both are events in the item's history, with who, when and why.

use super::{GlobalOpts, cli_origin, parse_day};
use heed_core::date::Day;
use heed_core::{Decision, ItemId, Version};
use heed_store::VerifyRequest;

/// Verify (or reject) a claimed completion.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The item's id (see `heed items --awaiting`).
    pub item: ItemId,
    /// Reject the claim instead: the item goes back to its status before the claim (or in
    /// progress). Needs --note.
    #[arg(long, requires = "note")]
    pub reject: bool,
    /// Why (required with --reject), kept in the history.
    #[arg(long)]
    pub note: Option<String>,
    /// Refuse if the item is no longer at this version (see `heed show`).
    #[arg(long, value_name = "N")]
    pub expect_version: Option<Version>,
    /// The day the decision took effect [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub on: Option<Day>,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let decision = if args.reject {
        Decision::Reject
    } else {
        Decision::Accept
    };
    let request = VerifyRequest {
        decision,
        note: args.note,
        expected_version: args.expect_version,
        by: global.actor(),
        on: args.on,
        origin: Some(cli_origin()),
    };
    let store = global.open().await?;
    let result = store.verify(args.item, request).await;
    store.close().await;
    let item = result?;
    let status = item
        .state
        .status
        .map_or_else(|| "none".to_string(), |s| s.to_string());
    let verb = match decision {
        Decision::Accept => "verified",
        Decision::Reject => "rejected the claim on",
    };
    println!(
        "{verb} item {}: status {status}, now at version {}",
        item.id, item.version
    );
    Ok(())
}
