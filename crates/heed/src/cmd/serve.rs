//! `heed serve [--listen ADDR]`: the web application and JSON API over the same register
//! as the other subcommands (`--database` / `HEED_DATABASE_URL`).

use super::GlobalOpts;
use anyhow::Context;
use std::net::SocketAddr;
use std::sync::Arc;

/// Serve the register as web pages and a JSON API.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Also let API clients that are not signed in change items (recorded as
    /// `unauthenticated:NAME`). Only where everyone who can reach the address may change
    /// the register.
    #[arg(long)]
    pub unauthenticated_api_writes: bool,
    /// Send cookies without the Secure flag, for plain HTTP on an address other than
    /// localhost (browsers drop Secure cookies there). Prefer HTTPS in front of heed.
    #[arg(long)]
    pub insecure_cookies: bool,
    /// Log each request (method, path, status, time taken) to standard error.
    #[arg(long)]
    pub log: bool,
    /// Refuse request bodies larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024)]
    pub max_body: usize,
    /// Refuse progress forms (which may carry an evidence file) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_upload: usize,
    /// Record the client address of each write from the X-Forwarded-For header (the last
    /// address in it), for a server behind a reverse proxy that sets it. Without this the
    /// connection's peer address is recorded.
    #[arg(long)]
    pub trust_proxy: bool,
    /// Serve at most this many connections at once (the next wait to be accepted).
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub max_connections: usize,
    /// Serve at most this many connections at once from one client address (the
    /// connection's peer; behind a reverse proxy, the proxy's, so raise it there); more from
    /// that address are answered 429 and closed while others are still served.
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub max_connections_per_address: usize,
    /// Close a connection that has not sent a whole request head within this many seconds
    /// (a new one, or a kept-alive one between requests).
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub header_timeout: u64,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    if args.log {
        let _ = tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .with_max_level(tracing_subscriber::filter::LevelFilter::INFO)
            .try_init();
    }
    let store = global.open().await?;
    let location = store.location().to_string();
    let config = heed_web::Config {
        today: None,
        api_writes: args.unauthenticated_api_writes,
        max_body_bytes: args.max_body,
        max_upload_bytes: args.max_upload,
        secure_cookies: !args.insecure_cookies,
        trust_proxy: args.trust_proxy,
        header_timeout: std::time::Duration::from_secs(args.header_timeout.max(1)),
        max_connections: args.max_connections.max(1),
        max_connections_per_address: args.max_connections_per_address.max(1),
        ..heed_web::Config::default()
    };
    eprintln!(
        "heed: serving {location} on http://{}/ (Ctrl-C to stop){}",
        args.listen,
        if config.api_writes {
            "; API writes are ON for clients that are not signed in"
        } else {
            ""
        }
    );
    let store: Arc<dyn heed_store::Store> = Arc::from(store);
    let result = heed_web::serve(args.listen, store.clone(), config)
        .await
        .with_context(|| format!("cannot serve on {}", args.listen));
    store.close().await;
    result
}
