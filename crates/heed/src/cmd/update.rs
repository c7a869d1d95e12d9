//! `heed update ITEM`: record progress on an item (status, RAG, note, deadline with its
//! reason, owner, evidence), as a new event in its history.

use super::{GlobalOpts, parse_day, today};
use anyhow::Context;
use heed_core::date::Day;
use heed_core::{Deadline, ItemId, Rag, Status, Version};
use heed_store::{DeadlineChange, EvidenceFile, UpdateRequest};
use std::path::PathBuf;

/// Record progress on an item.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The item's id (see `heed items`).
    pub item: ItemId,
    #[arg(long)]
    pub status: Option<Status>,
    #[arg(long)]
    pub rag: Option<Rag>,
    /// What happened, in words.
    #[arg(long)]
    pub note: Option<String>,
    /// A new deadline: YYYY-MM-DD, YYYY-MM, YYYY or a phrase ("Q3 2014/15").
    #[arg(long, requires = "reason")]
    pub deadline: Option<String>,
    /// Why the deadline moved (required with --deadline; kept as slippage history).
    #[arg(long, requires = "deadline")]
    pub reason: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    /// A file to keep as evidence.
    #[arg(long, value_name = "FILE")]
    pub evidence: Option<PathBuf>,
    /// Readers not signed in may download the evidence file (from a published review);
    /// evidence is private otherwise.
    #[arg(long, requires = "evidence")]
    pub public_evidence: bool,
    /// Refuse if the item is no longer at this version (see `heed show`).
    #[arg(long, value_name = "N")]
    pub expect_version: Option<Version>,
    /// The day the change took effect [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub on: Option<Day>,
    /// Record a closing --status (completed, not_accepted, superseded) as a claim awaiting
    /// the secretariat's verification (`heed verify`); the item stays open until then.
    /// Without it a closing status is taken as verified at once.
    #[arg(long, requires = "status")]
    pub claim: bool,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let deadline = match (&args.deadline, &args.reason) {
        (Some(text), Some(reason)) => {
            let deadline = Deadline::parse(text, Some(args.on.unwrap_or_else(today)))
                .with_context(|| format!("--deadline {text:?}: not a date or period"))?;
            Some(DeadlineChange {
                deadline,
                reason: reason.clone(),
            })
        }
        _ => None,
    };
    let evidence = match &args.evidence {
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            Some(EvidenceFile {
                file_name,
                bytes,
                public: args.public_evidence,
            })
        }
        None => None,
    };
    let mut update = UpdateRequest::by(global.actor());
    update.status = args.status;
    update.rag = args.rag;
    update.note = args.note;
    update.deadline = deadline;
    update.owner = args.owner;
    update.evidence = evidence;
    update.expected_version = args.expect_version;
    update.on = args.on;
    update.origin = Some(super::cli_origin());
    update.claim_only = args.claim;
    let store = global.open().await?;
    let result = store.record_update(args.item, update).await;
    store.close().await;
    let item = result?;
    if item.awaits_verification() {
        println!(
            "item {} is now at version {}; its completion awaits verification (heed verify {})",
            item.id, item.version, item.id
        );
    } else {
        println!("item {} is now at version {}", item.id, item.version);
    }
    Ok(())
}
