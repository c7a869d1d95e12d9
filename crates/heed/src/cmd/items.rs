//! `heed items`: the items in the register, filtered, as a table, JSON or CSV.

use super::{Format, GlobalOpts, clip, csv_field, parse_day, print_json, print_table, today};
use heed_core::date::Day;
use heed_core::{ItemKind, Rag, ReviewId, Status};
use heed_store::{ItemFilter, ItemRecord};

/// Which items: the filters `heed items` and `heed export` share.
#[derive(Debug, clap::Args)]
pub struct Filters {
    /// Only items of this review (its id, see `heed reviews`).
    #[arg(long)]
    pub review: Option<ReviewId>,
    /// recommendation, area_for_improvement, strength or work_in_progress.
    #[arg(long)]
    pub kind: Option<ItemKind>,
    /// completed, in_progress, not_started, not_accepted, no_response or superseded.
    #[arg(long)]
    pub status: Option<Status>,
    /// red, amber or green.
    #[arg(long)]
    pub rag: Option<Rag>,
    /// Owner contains these words (ignoring case).
    #[arg(long)]
    pub owner: Option<String>,
    /// Only items past their deadline and not closed, judged against today or --as-of.
    #[arg(long)]
    pub overdue: bool,
    /// The day --overdue is judged against [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<Day>,
    /// Only items due on or before this day.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub due_before: Option<Day>,
    /// Text contains these words, or the reference is exactly this.
    #[arg(long)]
    pub text: Option<String>,
    /// Only items whose claimed completion awaits verification (see `heed verify`).
    #[arg(long)]
    pub awaiting: bool,
}

impl Filters {
    /// The store's filter, with at most `limit` items.
    pub fn to_filter(&self, limit: Option<u32>) -> ItemFilter {
        ItemFilter {
            review: self.review,
            kind: self.kind,
            status: self.status,
            rag: self.rag,
            owner: self.owner.clone(),
            overdue_on: self.overdue.then(|| self.as_of.unwrap_or_else(today)),
            due_before: self.due_before,
            text: self.text.clone(),
            limit,
            published_only: false,
            awaiting_verification: self.awaiting,
        }
    }
}

/// List items, filtered.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: Filters,
    /// At most this many items.
    #[arg(long)]
    pub limit: Option<u32>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let filter = args.filters.to_filter(args.limit);
    let store = global.open().await?;
    let items = store.items(&filter).await?;
    store.close().await;
    match args.format {
        Format::Json => print_json(&items)?,
        Format::Csv => {
            println!("id,review,ref,kind,status,rag,deadline,owner,text");
            for i in &items {
                let c = cells(i);
                let line: Vec<String> = c.iter().map(|s| csv_field(s)).collect();
                println!("{}", line.join(","));
            }
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|i| {
                    let mut c = cells(i);
                    if let Some(t) = c.last_mut() {
                        *t = clip(t, 70);
                    }
                    c
                })
                .collect();
            print_table(
                &[
                    "id", "review", "ref", "kind", "status", "rag", "deadline", "owner", "text",
                ],
                &rows,
            );
        }
    }
    Ok(())
}

fn cells(i: &ItemRecord) -> Vec<String> {
    let s = &i.state;
    vec![
        i.id.to_string(),
        i.review.to_string(),
        s.r#ref.clone().unwrap_or_default(),
        s.kind.to_string(),
        s.status.map(|x| x.to_string()).unwrap_or_default(),
        s.rag.map(|x| x.to_string()).unwrap_or_default(),
        s.deadline.as_ref().map(|d| d.to_iso()).unwrap_or_default(),
        s.owner.clone().unwrap_or_default(),
        s.text.clone(),
    ]
}
