//! `heed report REVIEW --layout L --format F [--as-of DATE] [--since DATE] [-o FILE]`: the
//! committee report of one review, from the register, as it stood on a day; and
//! `heed export`: any filtered set of items as CSV, XLSX or JSON, history on request.
//!
//! This module only gathers: the register gives the items (as of the day), their notes,
//! slippage and history; the review's judgements come from its imported documents, read
//! again; `heed-report` writes the bytes.

use super::show::Named;
use super::{GlobalOpts, parse_day, today};
use anyhow::Context;
use heed_core::date::Day;
use heed_core::{Item, ItemKind, Judgement, Rag, Response, ReviewId, Status};
use heed_report::{
    DeadlineChange, ExportFormat, Format, HistoryEntry, Layout, ReportInput, ReportItem, Update,
};
use heed_store::{Change, Event, ItemFilter, ItemRecord, Source, Store};
use std::io::Write;
use std::path::PathBuf;

/// Write a committee report of one review.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The review (its id in `heed reviews`).
    pub review: ReviewId,
    /// progress-table, response-table, narrative, action-plan, judgements or overview.
    #[arg(long, default_value = "overview", value_parser = parse_layout)]
    pub layout: Layout,
    /// md, html, pdf, docx, xlsx or csv.
    #[arg(long, default_value = "md", value_parser = parse_format)]
    pub format: Format,
    /// The day the report speaks for [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<Day>,
    /// Changes and moved deadlines are listed from this day (the last report's date).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: Option<Day>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Export items from the register.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Only items of this review.
    #[arg(long)]
    pub review: Option<ReviewId>,
    #[arg(long)]
    pub kind: Option<ItemKind>,
    #[arg(long)]
    pub status: Option<Status>,
    #[arg(long)]
    pub rag: Option<Rag>,
    /// Owner (a part of the name, any case).
    #[arg(long)]
    pub owner: Option<String>,
    /// Words in the text or the ref.
    #[arg(long)]
    pub text: Option<String>,
    /// csv, xlsx or json.
    #[arg(long, default_value = "csv", value_parser = parse_export_format)]
    pub format: ExportFormat,
    /// Include each item's history.
    #[arg(long)]
    pub history: bool,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn parse_layout(s: &str) -> Result<Layout, String> {
    s.parse::<Layout>().map_err(|e| e.to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    match s.to_lowercase().as_str() {
        "csv" => Ok(ExportFormat::Csv),
        "xlsx" => Ok(ExportFormat::Xlsx),
        "json" => Ok(ExportFormat::Json),
        _ => Err(format!(
            "{s:?} is not an export format: expected csv, xlsx or json"
        )),
    }
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let result = build_report(&*store, &args).await;
    store.close().await;
    let bytes = result?;
    write_out(args.output.as_ref(), &bytes)
}

async fn build_report(store: &dyn Store, args: &Args) -> anyhow::Result<Vec<u8>> {
    let as_of = args.as_of.unwrap_or_else(today);
    let review = store
        .reviews()
        .await?
        .into_iter()
        .find(|r| r.id == args.review)
        .with_context(|| {
            format!(
                "no review {} in the register (see `heed reviews`)",
                args.review
            )
        })?;
    let filter = ItemFilter {
        review: Some(args.review),
        ..ItemFilter::default()
    };
    let mut items = Vec::new();
    for rec in store.items(&filter).await? {
        // The item as it stood on the day; one that did not exist yet is left out.
        let Ok(then) = store.item(rec.id, Some(as_of)).await else {
            continue;
        };
        items.push(report_item(&then, &[]));
    }
    let input = ReportInput {
        title: review.name.clone(),
        as_of,
        since: args.since,
        items,
        judgements: judgements_of(store, args.review).await?,
    };
    heed_report::render(&input, args.layout, args.format)
        .with_context(|| format!("writing the report of review {}", args.review))
}

/// The judgements of a review: those of its latest imported document that has any, read
/// again from the original the register keeps.
async fn judgements_of(store: &dyn Store, review: ReviewId) -> anyhow::Result<Vec<Judgement>> {
    let mut reports = store.reports(Some(review)).await?;
    reports.sort_by_key(|r| std::cmp::Reverse(r.id));
    for r in reports {
        let (_, bytes) = store.original(r.id).await?;
        if let Ok(doc) = heed_read::read(&bytes, &heed_read::ReadOptions { date: r.date })
            && !doc.judgements.is_empty()
        {
            return Ok(doc.judgements);
        }
    }
    Ok(Vec::new())
}

/// An item as the report layouts want it: its state, its latest update typed by a person
/// or sent through the API, its deadline changes and its history.
pub fn report_item(rec: &ItemRecord, history: &[Event]) -> ReportItem {
    let s = &rec.state;
    let mut item = Item::new(s.kind, s.text.clone(), 0);
    item.r#ref = s.r#ref.clone();
    item.section = s.section.clone();
    item.theme = s.theme.clone();
    item.addressee = s.addressee.clone();
    item.owner = s.owner.clone();
    item.position = s.position;
    item.position_words = s.position_words.clone();
    item.status = s.status;
    item.status_words = s.status_words.clone();
    item.rag = s.rag;
    item.rag_reason = s.rag_reason.clone();
    item.deadline = s.deadline.clone();
    item.see_also = s.see_also.clone();
    item.actions = s.actions.clone();
    item.responses = s
        .notes
        .iter()
        .filter(|n| matches!(n.source, Source::Document { .. }))
        .map(|n| Response {
            text: n.text.clone(),
            line: 0,
        })
        .collect();
    let latest_update = s
        .notes
        .iter()
        .rev()
        .find(|n| !matches!(n.source, Source::Document { .. }))
        .map(|n| Update {
            text: n.text.clone(),
            on: n.on,
            by: match &n.source {
                Source::Person { name } => Some(name.clone()),
                Source::Api { client } => Some(client.clone()),
                Source::Document { .. } => None,
            },
        });
    let deadline_changes = s
        .slippage
        .iter()
        .map(|sl| DeadlineChange {
            from: sl.from.clone(),
            to: sl.to.clone(),
            on: sl.on,
            reason: sl.reason.clone(),
        })
        .collect();
    let history = history
        .iter()
        .map(|e| HistoryEntry {
            on: e.effective_on,
            what: e.change_name().to_string(),
            detail: describe(&e.change),
        })
        .collect();
    ReportItem {
        item,
        latest_update,
        deadline_changes,
        changed_on: Some(rec.updated_on),
        history,
    }
}

fn describe(c: &Change) -> String {
    match c {
        Change::ReportImported { file_name, .. } => format!("imported from {file_name}"),
        Change::ItemCreated { .. } => "entered the register".to_string(),
        Change::Response { text } => text.clone(),
        Change::Linked { kind, from, to } => format!("{from} {} {to}", kind.as_str()),
        Change::ItemUpdated(u) => {
            let mut parts = Vec::new();
            if let Some(s) = u.status {
                parts.push(format!("status {s}"));
            }
            if let Some(r) = u.rag {
                parts.push(format!("RAG {r}"));
            }
            if let Some(o) = &u.owner {
                parts.push(format!("owner {o}"));
            }
            if let Some(d) = &u.deadline {
                let why = u.deadline_reason.as_deref().unwrap_or("no reason given");
                parts.push(format!("deadline {d} ({why})"));
            }
            if let Some(n) = &u.note {
                parts.push(n.clone());
            }
            parts.join("; ")
        }
    }
}

pub async fn run_export(args: ExportArgs, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let result = async {
        let filter = ItemFilter {
            review: args.review,
            kind: args.kind,
            status: args.status,
            rag: args.rag,
            owner: args.owner.clone(),
            text: args.text.clone(),
            ..ItemFilter::default()
        };
        let mut items = Vec::new();
        for rec in store.items(&filter).await? {
            let history = if args.history {
                store.history(rec.id).await?
            } else {
                Vec::new()
            };
            items.push(report_item(&rec, &history));
        }
        heed_report::export(&items, args.format, args.history).context("writing the export")
    }
    .await;
    store.close().await;
    write_out(args.output.as_ref(), &result?)
}

fn write_out(output: Option<&PathBuf>, bytes: &[u8]) -> anyhow::Result<()> {
    match output {
        Some(path) => std::fs::write(path, bytes).with_context(|| path.display().to_string()),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).context("standard output")?;
            out.flush().context("standard output")
        }
    }
}
