//! `heed import FILE...`: read each report and add it to the register, one transaction per
//! document. Shows a progress bar on a terminal and nothing extra when piped; says when a
//! file was imported before, and which existing items a later report updated.

use super::{GlobalOpts, parse_day};
use anyhow::Context;
use heed_core::ReviewId;
use heed_core::date::Day;
use heed_store::{Import, ImportOutcome, MatchBy, ReportMeta, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Import reports into the register.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The report files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Add to this review (see `heed reviews`) instead of letting Heed match it by its items.
    #[arg(long)]
    pub review: Option<ReviewId>,
    /// Show what would change, and store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The issuing body ("HMIC", "GAO").
    #[arg(long)]
    pub issuing_body: Option<String>,
    /// The report's date, when the document does not state it (or states it wrongly).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date: Option<Day>,
    /// What kind of report it is ("inspection", "progress report").
    #[arg(long)]
    pub kind: Option<String>,
    /// For spreadsheet trackers (.xlsx, .ods, .csv): override the column mapping, e.g.
    /// "Lead officer=owner, C=ignore".
    #[arg(long, value_name = "COLUMN=FIELD,...")]
    pub map: Option<String>,
    /// For spreadsheet trackers: the worksheet to read (the first one otherwise).
    #[arg(long)]
    pub sheet: Option<String>,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(args.files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut failed = 0;
    for path in &args.files {
        bar.set_message(path.display().to_string());
        match import_one(&*store, path, &args, global).await {
            Ok((lines, notes)) => {
                for n in notes {
                    bar.suspend(|| eprintln!("{n}"));
                }
                for l in lines {
                    bar.suspend(|| println!("{l}"));
                }
            }
            Err(e) if args.files.len() == 1 => {
                bar.finish_and_clear();
                store.close().await;
                return Err(e);
            }
            Err(e) => {
                failed += 1;
                bar.suspend(|| eprintln!("heed: {e:#}"));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    store.close().await;
    if failed > 0 {
        anyhow::bail!("{failed} of {} files were not imported", args.files.len());
    }
    Ok(())
}

async fn import_one(
    store: &dyn Store,
    path: &Path,
    args: &Args,
    global: &GlobalOpts,
) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| shown.clone())?;
    let mut lines = Vec::new();
    let mut notes = Vec::new();
    let options = heed_app::intake::IntakeOptions {
        date: args.date,
        map: args.map.clone(),
        sheet: args.sheet.clone(),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let document = match heed_app::intake::read_file(&file_name, &bytes, &options) {
        Ok(read) => {
            if let Some(mapping) = read.mapping {
                lines.push(format!("{shown}: columns read as\n{mapping}"));
            }
            read.document
        }
        Err(e) => return Err(anyhow::Error::new(e).context(shown)),
    };
    // The day a report speaks for is what its changes are dated with; one that states none
    // (and whose rows state none) is kept as undated: it counts in every view as of any day
    // and its history shows the day it was recorded, not a day it spoke for. Say so, and
    // how to give the day.
    let undated_rows = document.items.iter().any(|i| i.updated_on.is_none());
    if args.date.is_none() && document.date.is_none() && undated_rows {
        notes.push(format!(
            "heed: {shown}: states no date of its own, so it is kept as undated (recorded today, counted in every view as of any day); give the day it speaks for with --date YYYY-MM-DD"
        ));
    }
    let outcome = store
        .import_document(Import {
            file_name,
            bytes: &bytes,
            document: &document,
            meta: ReportMeta {
                title: None,
                issuing_body: args.issuing_body.clone(),
                date: args.date,
                kind: args.kind.clone(),
            },
            review: args.review,
            by: global.actor(),
            origin: Some(super::cli_origin()),
            dry_run: args.dry_run,
        })
        .await
        .with_context(|| shown.clone())?;
    match outcome {
        ImportOutcome::AlreadyImported { report, review } => lines.push(format!(
            "{shown}: already imported as report {report} (review {review}); nothing added"
        )),
        ImportOutcome::Imported(s) => {
            let verb = if s.dry_run {
                "would import"
            } else {
                "imported"
            };
            let review = if s.new_review {
                format!("new review {}", s.review)
            } else {
                format!("review {}", s.review)
            };
            lines.push(format!(
                "{shown}: {verb} as report {} into {review}: {} items added, {} updated",
                s.report, s.created, s.updated
            ));
            // The graded areas it holds, with the national grade distribution the report
            // gives for each (how many forces got each grade), so the preview shows them.
            for j in &document.judgements {
                let words = |w: Option<&str>| w.unwrap_or("-").replace('_', " ");
                let national = j
                    .national_distribution
                    .map(|n| format!("; nationally {n}"))
                    .unwrap_or_default();
                lines.push(format!(
                    "  judgement {} {}: grade {}, direction {}{national}",
                    j.area,
                    j.title,
                    words(j.grade.map(|g| g.as_str())),
                    words(j.direction.map(|d| d.as_str())),
                ));
            }
            for m in &s.matches {
                let r = m
                    .r#ref
                    .as_deref()
                    .map(|r| format!("ref {r}"))
                    .unwrap_or_else(|| "unnumbered".into());
                let by = match m.by {
                    MatchBy::Ref => "same ref",
                    MatchBy::Text => "same words",
                };
                let what = if m.changed {
                    m.changes.join("; ")
                } else {
                    "no change".to_string()
                };
                lines.push(format!(
                    "  {r} (entry {}) -> item {} ({by}, similarity {:.2}): {what}",
                    m.incoming + 1,
                    m.item,
                    m.similarity
                ));
            }
        }
    }
    Ok((lines, notes))
}
