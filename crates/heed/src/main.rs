//! The `heed` binary: one clap subcommand per module under `cmd/`. Raw arguments become
//! validated values before any work starts; `main` prints an error's whole chain on one
//! line and exits with a meaningful code (1: something could not be done, 2: bad usage).

mod cmd;
mod contract;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "heed",
    version,
    about = "Reads oversight reports and keeps their recommendations in a register."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read reports and print the recommendations, judgements and glossary found in them.
    Extract(cmd::extract::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("heed: {e:#}");
            ExitCode::FAILURE
        }
    }
}
