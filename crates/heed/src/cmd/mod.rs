//! One module per subcommand (`extract` reads reports; the others work on the register),
//! and what the register's share: the global options (which database, who is acting),
//! opening the store, today's date, and output formats.
//!
//! Each module exposes a clap `Args` struct and `run(args, &GlobalOpts)`; raw arguments are
//! turned into domain values (`Day`, `Status`, `DatabaseUrl`) before any work starts.

pub mod backup;
pub mod extract;
pub mod import;
pub mod items;
pub mod link;
pub mod publish;
pub mod report;
pub mod reviews;
pub mod serve;
pub mod show;
pub mod token;
pub mod update;
pub mod user;
pub mod verify;

use anyhow::Context;
use heed_core::date::Day;
use heed_store::{Actor, DatabaseUrl, Store};

/// Options every register subcommand takes.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalOpts {
    /// The register: a file path, sqlite://PATH or postgres://USER@HOST/DATABASE
    /// [default: ./heed.db]
    #[arg(
        long,
        global = true,
        env = "HEED_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: Option<String>,

    /// Who is making the change, as recorded in the history [default: $USER]
    #[arg(long, global = true, env = "HEED_AUTHOR", value_name = "NAME")]
    pub author: Option<String>,
}

impl GlobalOpts {
    /// The database URL, parsed.
    pub fn database_url(&self) -> anyhow::Result<DatabaseUrl> {
        match &self.database {
            Some(u) => Ok(DatabaseUrl::parse(u)?),
            None => Ok(DatabaseUrl::default_sqlite()),
        }
    }

    /// Opens the register (creating a SQLite file if needed).
    pub async fn open(&self) -> anyhow::Result<Box<dyn Store>> {
        let url = self.database_url()?;
        Ok(heed_store::open(&url).await?)
    }

    /// The person acting.
    pub fn actor(&self) -> Actor {
        let name = self
            .author
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "unknown".to_string());
        Actor::Person(name)
    }
}

/// Where a change made at the command line comes from, as recorded with its events:
/// `cli:` and the operating-system user running `heed` (which `--author` does not change).
pub fn cli_origin() -> String {
    let user = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string());
    format!("cli:{}", user.trim())
}

/// Today, in UTC: the only place the CLI reads the clock.
pub fn today() -> Day {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Day::from_epoch_days(secs.div_euclid(86_400))
}

/// Parses a `YYYY-MM-DD` argument.
pub fn parse_day(text: &str) -> Result<Day, String> {
    Day::parse_iso(text).ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Quotes one CSV field (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Prints rows as a table with columns padded to their widest cell; the last column is
/// left unpadded.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  "));
            }
        }
        println!("{}", out.trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        line(row.clone());
    }
}

pub use heed_app::words::clip;

/// Prints a value as pretty JSON.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!(
        "{}",
        serde_json::to_string_pretty(value).context("writing JSON")?
    );
    Ok(())
}
