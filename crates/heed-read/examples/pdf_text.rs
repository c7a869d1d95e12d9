//! Prints the text Heed lays out from a PDF (pages separated by form feeds), and with
//! `--time` how long reading took: for comparing with `pdftotext` side by side.
//!
//! `cargo run --release -p heed-read --example pdf_text -- [--time] FILE.pdf`

use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let time = args.first().is_some_and(|a| a == "--time");
    if time {
        args.remove(0);
    }
    let Some(path) = args.first() else {
        eprintln!("usage: pdf_text [--time] FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let start = Instant::now();
    match heed_read::pdf::pdf_text(&bytes) {
        Ok(t) => {
            let took = start.elapsed();
            if time {
                eprintln!(
                    "{path}: {} pages in {:.1} ms",
                    t.pages,
                    took.as_secs_f64() * 1000.0
                );
            } else {
                print!("{}", t.text);
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
