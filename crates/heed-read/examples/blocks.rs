//! Developer aid: prints the blocks (and furniture lines) the reader sees in a file, to
//! debug a layout: `cargo run -p heed-read --example blocks -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: blocks FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let text = match heed_read::decode::decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let lines = heed_read::lines::to_lines(&text);
    for l in lines.lines.iter().filter(|l| l.furniture) {
        println!("FURNITURE {:>5}: {}", l.no, l.text);
    }
    for b in heed_read::blocks::segment(&lines.lines) {
        let t: String = b.text.chars().take(100).collect();
        println!(
            "{:>5} {:?}{} {}",
            b.line,
            b.kind,
            if b.after_break { " (after break)" } else { "" },
            t
        );
    }
}
