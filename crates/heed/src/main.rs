//! The `heed` binary: parses the command line and hands each subcommand to its module in
//! `cmd/`. Errors are printed as one line (the file or database first) with a non-zero exit.
//!
//! Minimal wiring for the register's subcommands; the reader's `extract` joins it here.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Heed: recommendations from oversight reports, kept in a register.
#[derive(Debug, Parser)]
#[command(name = "heed", version)]
struct Cli {
    #[command(flatten)]
    global: cmd::GlobalOpts,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    /// Serve the register as web pages and a JSON API.
    Serve(cmd::serve::Args),
    /// Accounts for the web application: add, passwd, role.
    User(cmd::user::Args),
    /// Copy the register to a new file (SQLite).
    Backup(cmd::backup::BackupArgs),
    /// Replace the register's contents with a backup's (SQLite).
    Restore(cmd::backup::RestoreArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // One thread is enough for a command; the web server answers requests on all cores.
    let mut builder = if matches!(cli.command, Command::Serve(_)) {
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
        match cli.command {
            Command::Import(a) => cmd::import::run(a, g).await,
            Command::Reviews(a) => cmd::reviews::run(a, g).await,
            Command::Items(a) => cmd::items::run(a, g).await,
            Command::Show(a) => cmd::show::run(a, g).await,
            Command::Update(a) => cmd::update::run(a, g).await,
            Command::Link(a) => cmd::link::run(a, g).await,
            Command::Serve(a) => cmd::serve::run(a, g).await,
            Command::User(a) => cmd::user::run(a, g).await,
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
