//! `heed user add|passwd|role`: accounts for the web application. Passwords are read from
//! standard input (one line), hashed with Argon2id here, and only the hash reaches the
//! register; they never appear on the command line, where other users could see them.

use super::GlobalOpts;
use anyhow::Context;
use heed_store::Role;
use std::io::{BufRead, IsTerminal, Write};

/// Accounts for `heed serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Add an account; the password is read from standard input.
    Add {
        name: String,
        /// admin, secretariat, owner or viewer.
        #[arg(long)]
        role: Role,
        /// For an owner: the unit whose items they may update, besides their own.
        #[arg(long)]
        unit: Option<String>,
    },
    /// Set a new password (read from standard input); signs the person out everywhere.
    Passwd { name: String },
    /// Change an account's role (and unit).
    Role {
        name: String,
        role: Role,
        #[arg(long)]
        unit: Option<String>,
    },
}

/// Passwords shorter than this are refused.
const MIN_PASSWORD: usize = 10;

fn read_password(name: &str) -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password for {name} (shown as you type; pipe it in to hide it): ");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.chars().count() < MIN_PASSWORD {
        anyhow::bail!("the password must be at least {MIN_PASSWORD} characters");
    }
    Ok(password)
}

fn hash(password: &str) -> anyhow::Result<String> {
    Ok(heed_app::accounts::hash_password(password)?)
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    // Read the password before opening the register, so a bad one changes nothing.
    let password_hash = match &args.command {
        UserCommand::Add { name, .. } | UserCommand::Passwd { name } => {
            Some(hash(&read_password(name)?)?)
        }
        UserCommand::Role { .. } => None,
    };
    let store = global.open().await?;
    let result = async {
        match args.command {
            UserCommand::Add { name, role, unit } => {
                let hash = password_hash.unwrap_or_default();
                let user = store.add_user(&name, &hash, role, unit.as_deref()).await?;
                println!("added {} ({})", user.name, user.role);
            }
            UserCommand::Passwd { name } => {
                let hash = password_hash.unwrap_or_default();
                store.set_password(&name, &hash).await?;
                println!("changed the password of {name}; their sessions have ended");
            }
            UserCommand::Role { name, role, unit } => {
                let user = store.set_role(&name, role, unit.as_deref()).await?;
                println!("{} is now {}", user.name, user.role);
            }
        }
        anyhow::Ok(())
    }
    .await;
    store.close().await;
    result
}
