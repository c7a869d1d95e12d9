//! `heed token create|list|revoke`: API tokens for programs. A token acts as one account,
//! with its role; it is printed once, when made, and the register keeps only its SHA-256.
//! Programs send it as `Authorization: Bearer TOKEN`; their writes are recorded as the
//! account's, "via token NAME".

use super::{Format, GlobalOpts, print_json, print_table};

/// API tokens for programs using `heed serve`'s JSON API.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: TokenCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TokenCommand {
    /// Make a token acting as an account; the token is printed once.
    Create {
        /// What the token is for (the program's name); shown in the history of its writes.
        name: String,
        /// The account it acts as (see `heed user add`).
        #[arg(long)]
        user: String,
    },
    /// List tokens (never the tokens themselves).
    List {
        /// Only the tokens acting as this account.
        #[arg(long)]
        user: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Revoke a token: it stops working at once.
    Revoke { name: String },
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let result = async {
        match args.command {
            TokenCommand::Create { name, user } => {
                let heed_app::accounts::NewToken { token, hash } =
                    heed_app::accounts::new_api_token()?;
                let made = store.create_api_token(&user, &name, &hash).await?;
                eprintln!(
                    "made token {} acting as {}; it is shown once, keep it secret:",
                    made.name, made.user
                );
                println!("{token}");
            }
            TokenCommand::List { user, format } => {
                let tokens = store.api_tokens(user.as_deref()).await?;
                match format {
                    Format::Json => print_json(&tokens)?,
                    Format::Table | Format::Csv => {
                        let rows: Vec<Vec<String>> = tokens
                            .iter()
                            .map(|t| {
                                vec![
                                    t.name.clone(),
                                    t.user.clone(),
                                    t.created_at.clone(),
                                    t.revoked_at
                                        .as_deref()
                                        .map(|r| format!("revoked {r}"))
                                        .unwrap_or_else(|| "live".into()),
                                ]
                            })
                            .collect();
                        if format == Format::Csv {
                            println!("name,user,created_at,state");
                            for r in rows {
                                let cells: Vec<String> =
                                    r.iter().map(|c| super::csv_field(c)).collect();
                                println!("{}", cells.join(","));
                            }
                        } else if rows.is_empty() {
                            println!("no API tokens");
                        } else {
                            print_table(&["NAME", "USER", "MADE", "STATE"], &rows);
                        }
                    }
                }
            }
            TokenCommand::Revoke { name } => {
                let t = store.revoke_api_token(&name, None).await?;
                println!("revoked token {} of {}", t.name, t.user);
            }
        }
        anyhow::Ok(())
    }
    .await;
    store.close().await;
    result
}
