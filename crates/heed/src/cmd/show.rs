//! `heed show ITEM`: one item with where each value came from, its links and the report's
//! cross-references (followed to the items they name), optionally as it stood on a past day
//! and with its whole history.

use super::{GlobalOpts, parse_day, print_json};
use heed_core::ItemId;
use heed_core::date::Day;
use heed_store::{Event, Field, ItemRecord, Source};

/// Show one item.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The item's id (see `heed items`).
    pub item: ItemId,
    /// Also list every event in its history.
    #[arg(long)]
    pub history: bool,
    /// Show the item as it stood at the end of this day.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<Day>,
    /// Print JSON (the item, and with --history its events) instead of text.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let item = store.item(args.item, args.as_of).await?;
    let history = if args.history {
        let mut h = store.history(args.item).await?;
        if let Some(day) = args.as_of {
            h.retain(|e| e.counts_on(day));
        }
        Some(h)
    } else {
        None
    };
    // The report's own cross-references ("See Recommendation 14"), followed to the item of
    // that reference in the same review when there is one (as the item page does).
    let see_also: Vec<String> = heed_app::links::cross_references(store.as_ref(), &item)
        .await?
        .into_iter()
        .map(|x| match x.target {
            Some((id, kind)) => format!("  see also   {kind} {} -> item {id}", x.reference),
            None => format!("  see also   {} (not in this review)", x.reference),
        })
        .collect();
    store.close().await;
    if args.json {
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            item: &'a ItemRecord,
            #[serde(skip_serializing_if = "Option::is_none")]
            history: Option<&'a Vec<Event>>,
        }
        return print_json(&Shown {
            item: &item,
            history: history.as_ref(),
        });
    }
    print_item(&item);
    for l in &see_also {
        println!("{l}");
    }
    if let Some(h) = history {
        println!();
        println!("history:");
        for e in &h {
            let from = e
                .origin
                .as_deref()
                .map(|o| format!(", from {o}"))
                .unwrap_or_default();
            println!(
                "  {}  {:<15} {}  ({}{from})",
                heed_app::change::when(e),
                e.change.label(),
                heed_app::change::describe(&e.change, 60),
                source(&e.source, &e.author)
            );
        }
    }
    Ok(())
}

fn source(s: &Source, author: &str) -> String {
    match s {
        Source::Document { report, line } => {
            format!("report {report} line {line}, imported by {author}")
        }
        Source::Person { name } => format!("by {name}"),
        Source::Api { client } => format!("via API client {client}"),
    }
}

fn print_item(item: &ItemRecord) {
    let s = &item.state;
    let from = |field: Field| match s.provenance.get(&field) {
        Some(Source::Document { report, line }) => format!("   [report {report} line {line}]"),
        Some(Source::Person { name }) => format!("   [{name}]"),
        Some(Source::Api { client }) => format!("   [API {client}]"),
        None => String::new(),
    };
    let when = item
        .as_of
        .map(|d| format!(" as of {d}"))
        .unwrap_or_default();
    println!(
        "item {} (review {}, version {}){when}",
        item.id, item.review, item.version
    );
    let field = |name: &str, key: Field, value: Option<String>| {
        if let Some(v) = value {
            println!("  {name:<10} {v}{}", from(key));
        }
    };
    field("kind", Field::Kind, Some(s.kind.to_string()));
    field("ref", Field::Ref, s.r#ref.clone());
    field("section", Field::Section, s.section.clone());
    field("theme", Field::Theme, s.theme.clone());
    field("addressee", Field::Addressee, s.addressee.clone());
    field("owner", Field::Owner, s.owner.clone());
    field(
        "position",
        Field::Position,
        s.position.map(|p| p.to_string()),
    );
    field("status", Field::Status, s.status.map(|p| p.to_string()));
    field("rag", Field::Rag, s.rag.map(|p| p.to_string()));
    field(
        "verified",
        Field::Verification,
        s.verification.as_ref().map(|v| {
            let decided = match (&v.decided_by, v.decided_on) {
                (Some(by), Some(on)) => format!(", decided by {by} on {on}"),
                _ => String::new(),
            };
            let why = v
                .note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default();
            format!(
                "{} ({} claimed by {} on {}{decided}{why})",
                v.state, v.claimed, v.claimed_by, v.claimed_on
            )
        }),
    );
    field(
        "deadline",
        Field::Deadline,
        s.deadline
            .as_ref()
            .map(|d| format!("{} ({:?})", d.to_iso(), d.phrase)),
    );
    field("text", Field::Text, Some(s.text.clone()));
    for sl in &s.slippage {
        let was = sl
            .from
            .as_ref()
            .map(|d| d.to_iso())
            .unwrap_or_else(|| "none".into());
        let why = sl.reason.as_deref().unwrap_or("no reason given");
        println!(
            "  slipped    {was} -> {} on {}: {why}",
            sl.to.to_iso(),
            sl.on
        );
    }
    for n in &s.notes {
        println!("  note       {}: {}", n.on, n.text);
    }
    for e in &s.evidence {
        println!("  evidence   #{} {} ({} bytes)", e.id, e.file_name, e.size);
    }
    for l in &s.links {
        let dir = if l.outgoing { "->" } else { "<-" };
        println!("  link       {} {dir} item {}", l.kind.as_str(), l.other);
    }
}
