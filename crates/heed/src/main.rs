//! The `heed` binary: one clap subcommand per module under `cmd/`. Raw arguments become
//! validated values before any work starts; `main` prints an error's whole chain on one
//! line (the file or database first) and exits with a meaningful code (1: something could
//! not be done, 2: bad usage).

mod cmd;
mod contract;
mod ocr;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Heed: recommendations from oversight reports, kept in a register.
#[derive(Debug, Parser)]
#[command(
    name = "heed",
    version,
    about = "Reads oversight reports and keeps their recommendations in a register."
)]
struct Cli {
    #[command(flatten)]
    global: cmd::GlobalOpts,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read reports and print the recommendations, judgements and glossary found in them.
    Extract(cmd::extract::Args),
    /// Import reports into the register.
    Import(cmd::import::Args),
    /// List the reviews in the register.
    Reviews(cmd::reviews::Args),
    /// List items, filtered.
    Items(cmd::items::Args),
    /// Show one item, its provenance and history.
    Show(cmd::show::Args),
    /// Record progress on an item.
    Update(cmd::update::Args),
    /// Link two items.
    Link(cmd::link::Args),
    /// Verify a claimed completion, or reject it with a reason.
    Verify(cmd::verify::Args),
    /// Publish a review to readers who are not signed in (or unpublish it).
    Publish(cmd::publish::Args),
    /// Write the committee report of a review (progress table, response table, narrative,
    /// action plan, judgements or overview) as Markdown, HTML, PDF, DOCX, XLSX or CSV.
    Report(cmd::report::Args),
    /// Export items (filtered) as CSV, XLSX or JSON, with their history on request.
    Export(cmd::report::ExportArgs),
    /// Serve the register as web pages and a JSON API.
    Serve(cmd::serve::Args),
    /// Accounts for the web application: add, passwd, role.
    User(cmd::user::Args),
    /// API tokens for programs: create, list, revoke.
    Token(cmd::token::Args),
    /// Copy the register (SQLite or PostgreSQL) to a new SQLite file, consistently, while in use.
    Backup(cmd::backup::BackupArgs),
    /// Replace the register's contents with a backup's, in one transaction (either backend).
    Restore(cmd::backup::RestoreArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Reading reports needs no runtime and no database.
    let command = match cli.command {
        Command::Extract(args) => {
            return cmd::extract::run(args).unwrap_or_else(|e| {
                eprintln!("heed: {e:#}");
                ExitCode::FAILURE
            });
        }
        other => other,
    };
    // One thread is enough for a command; the web server answers requests on all cores.
    let mut builder = if matches!(command, Command::Serve(_)) {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("heed: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let g = &cli.global;
    let result = runtime.block_on(async {
        match command {
            Command::Extract(_) => Ok(()),
            Command::Import(a) => cmd::import::run(a, g).await,
            Command::Reviews(a) => cmd::reviews::run(a, g).await,
            Command::Items(a) => cmd::items::run(a, g).await,
            Command::Show(a) => cmd::show::run(a, g).await,
            Command::Update(a) => cmd::update::run(a, g).await,
            Command::Link(a) => cmd::link::run(a, g).await,
            Command::Verify(a) => cmd::verify::run(a, g).await,
            Command::Publish(a) => cmd::publish::run(a, g).await,
            Command::Report(a) => cmd::report::run(a, g).await,
            Command::Export(a) => cmd::report::run_export(a, g).await,
            Command::Serve(a) => cmd::serve::run(a, g).await,
            Command::User(a) => cmd::user::run(a, g).await,
            Command::Token(a) => cmd::token::run(a, g).await,
            Command::Backup(a) => cmd::backup::run_backup(a, g).await,
            Command::Restore(a) => cmd::backup::run_restore(a, g).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("heed: {e:#}");
            ExitCode::FAILURE
        }
    }
}
