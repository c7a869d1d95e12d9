//! Import throughput of the register: imports a deterministic synthetic corpus (see
//! `synth.rs`) of a given number of items, one transaction per report, and prints items per
//! second. Run in release:
//!
//! ```text
//! cargo run --release -p heed-store --example import_bench -- --items 1000000 [--per-report N]
//!     [--database URL] [--seed S] [--reopen]
//! ```
//!
//! Without `--database` it uses a new SQLite file in the temporary directory. With
//! `--reopen` the register is closed and opened again after the first report, as a new
//! user's is between their first import and the rest: what the register learnt about
//! itself while small (SQLite's planner statistics) is then what it starts with.

mod synth;

use heed_testkit::gold;

use heed_store::{Actor, DatabaseUrl, Import, ImportOutcome, ItemFilter, ReportMeta, open};
use std::time::{Duration, Instant};

struct Options {
    items: usize,
    per_report: Option<usize>,
    database: Option<String>,
    seed: u64,
    reopen: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        items: 100_000,
        per_report: None,
        database: None,
        seed: 1,
        reopen: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--items" => o.items = value()?.parse().map_err(|e| format!("--items: {e}"))?,
            "--per-report" => {
                o.per_report = Some(value()?.parse().map_err(|e| format!("--per-report: {e}"))?)
            }
            "--database" => o.database = Some(value()?),
            "--seed" => o.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--reopen" => o.reopen = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(o)
}

fn main() -> std::process::ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("import_bench: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(run(o)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("import_bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(o: Options) -> Result<(), Box<dyn std::error::Error>> {
    let url = match &o.database {
        Some(u) => DatabaseUrl::parse(u)?,
        None => {
            let path = std::env::temp_dir().join(format!("heed-bench-{}.db", std::process::id()));
            DatabaseUrl::Sqlite(path)
        }
    };
    let families: Vec<_> = gold::gold_documents().into_iter().map(|(_, d)| d).collect();
    let corpus = synth::Corpus::new(families, o.seed);
    let mut store = open(&url).await?;
    let (mut items, mut reports) = (0usize, 0usize);
    let mut importing = Duration::ZERO;
    let started = Instant::now();
    while items < o.items {
        let mut doc = corpus.report(reports, o.per_report);
        doc.items.truncate(o.items - items);
        let bytes = synth::render(&doc);
        let t = Instant::now();
        let outcome = store
            .import_document(Import {
                file_name: format!("synthetic-{reports}.txt"),
                bytes: &bytes,
                document: &doc,
                meta: ReportMeta::default(),
                review: None,
                by: Actor::Person("bench".into()),
                origin: None,
                dry_run: false,
            })
            .await?;
        importing += t.elapsed();
        match outcome {
            ImportOutcome::Imported(s) if s.created == doc.items.len() => {}
            other => {
                return Err(format!("report {reports} did not import as new: {other:?}").into());
            }
        }
        items += doc.items.len();
        reports += 1;
        if o.reopen && reports == 1 {
            let t = Instant::now();
            store.close().await;
            store = open(&url).await?;
            importing += t.elapsed();
        }
    }
    // Imported means found by a search too: on SQLite the full-text index is kept beside
    // the register by a task of its own, which may still be taking in the last documents.
    // A search brings it level first, so the time to the first answer is part of the import.
    let t = Instant::now();
    let rare = ItemFilter {
        text: Some("zyzzyva".into()),
        ..Default::default()
    };
    store.count_items(&rare).await?;
    let settling = t.elapsed();
    store.close().await;
    let secs = (importing + settling).as_secs_f64();
    println!(
        "{} ({:?}): {items} items in {reports} reports; import {secs:.1} s = {:.0} items/s \
         (of which {:.1} s the first search after the last document; \
         total with generation {:.1} s)",
        url.redacted(),
        store.backend(),
        items as f64 / secs.max(1e-9),
        settling.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    if let DatabaseUrl::Sqlite(p) = &url
        && o.database.is_none()
    {
        let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        println!("database file: {:.0} MiB", size as f64 / 1_048_576.0);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
        let _ = std::fs::remove_dir_all(format!("{}-index", p.display()));
    }
    Ok(())
}
