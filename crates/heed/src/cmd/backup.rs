//! `heed backup FILE` and `heed restore FILE`: a consistent copy of the register taken while
//! it is in use, and putting one back in a single transaction. The file is a SQLite register
//! whichever backend wrote it, so it also moves a register between SQLite and PostgreSQL.

use super::GlobalOpts;
use std::path::PathBuf;

/// Copy the register to a new file.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The new file to write (it must not exist).
    pub file: PathBuf,
}

/// Replace the register's contents with a backup's.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A file written by `heed backup`.
    pub file: PathBuf,
}

pub async fn run_backup(args: BackupArgs, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let result = store.backup(&args.file).await;
    store.close().await;
    result?;
    println!("backed up {} to {}", store.location(), args.file.display());
    Ok(())
}

pub async fn run_restore(args: RestoreArgs, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let result = store.restore(&args.file).await;
    store.close().await;
    result?;
    println!("restored {} from {}", store.location(), args.file.display());
    Ok(())
}
