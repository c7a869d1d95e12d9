//! `heed link FROM TO`: record that one item relates to another (see also, duplicate of,
//! supersedes).

use super::GlobalOpts;
use heed_core::ItemId;
use heed_store::LinkKind;

/// Link two items.
#[derive(Debug, clap::Args)]
pub struct Args {
    pub from: ItemId,
    pub to: ItemId,
    /// see_also, duplicate_of or supersedes (FROM supersedes TO).
    #[arg(long, default_value = "see_also")]
    pub kind: LinkKind,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let result = store
        .link_items(
            args.from,
            args.to,
            args.kind,
            &global.actor(),
            Some(&super::cli_origin()),
        )
        .await;
    store.close().await;
    if result? {
        println!("item {} {} item {}", args.from, args.kind.as_str(), args.to);
    } else {
        println!(
            "item {} already {} item {}; nothing changed",
            args.from,
            args.kind.as_str(),
            args.to
        );
    }
    Ok(())
}
