//! `heed reviews`: the reviews in the register, each with its id and counts.

use super::{Format, GlobalOpts, csv_field, print_json, print_table};

/// List the reviews in the register.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub async fn run(args: Args, global: &GlobalOpts) -> anyhow::Result<()> {
    let store = global.open().await?;
    let reviews = store.reviews().await?;
    store.close().await;
    match args.format {
        Format::Json => print_json(&reviews)?,
        Format::Csv => {
            println!("id,name,reports,items,open,published");
            for r in reviews.iter() {
                println!(
                    "{},{},{},{},{},{}",
                    r.id,
                    csv_field(&r.name),
                    r.reports,
                    r.items,
                    r.open,
                    r.published
                );
            }
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = reviews
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.reports.to_string(),
                        r.items.to_string(),
                        r.open.to_string(),
                        if r.published { "yes" } else { "no" }.to_string(),
                        r.name.clone(),
                    ]
                })
                .collect();
            print_table(
                &["id", "reports", "items", "open", "published", "name"],
                &rows,
            );
        }
    }
    Ok(())
}
