//! `heed report REVIEW --layout L --format F [--as-of DATE] [--since DATE] [-o FILE]`: the
//! committee report of one review, from the register, as it stood on a day; and
//! `heed export`: any filtered set of items as CSV, XLSX or JSON, history on request.
//!
//! The gathering is `heed_app::report`, as for the web download: the register
//! gives the items (as of the day), their notes, slippage and history, and the review's
//! judgements; `heed-report` writes the bytes.

use super::{GlobalOpts, parse_day, today};
use anyhow::Context;
use heed_core::ReviewId;
use heed_core::date::Day;
use heed_report::{ExportFormat, Format, Layout};
use heed_store::Store;
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
    #[command(flatten)]
    pub filters: super::items::Filters,
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
    let input = heed_app::report::report_input(store, args.review, as_of, args.since).await?;
    heed_report::render(&input, args.layout, args.format)
        .with_context(|| format!("writing the report of review {}", args.review))
}

pub async fn run_export(args: ExportArgs, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let result = async {
        let filter = args.filters.to_filter(None);
        let mut items = Vec::new();
        for rec in store.items(&filter).await? {
            let history = if args.history {
                store.history(rec.id).await?
            } else {
                Vec::new()
            };
            items.push(heed_app::report::report_item(&rec, &history));
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
