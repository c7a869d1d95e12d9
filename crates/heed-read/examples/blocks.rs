//! Developer aid: prints the blocks (and furniture lines) the reader sees in a file, to
//! debug a layout: `cargo run -p heed-read --example blocks -- FILE`. A PDF is laid out
//! as `read` lays it out, its footnotes marked as furniture.

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
    let (text, notes) = if heed_read::pdf::is_pdf(&bytes) {
        match heed_read::pdf::pdf_text(&bytes) {
            Ok(p) => (p.text, p.footnote_lines),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    } else {
        match heed_read::decode::decode(&bytes) {
            Ok(t) => (t, Vec::new()),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    };
    let mut lines = heed_read::lines::to_lines(&text).lines;
    for l in &mut lines {
        l.furniture |= notes.binary_search(&l.no).is_ok();
    }
    let lines = heed_read::spaced::unspace(heed_read::flat::unflatten(lines));
    for l in lines.iter().filter(|l| l.furniture) {
        println!("FURNITURE {:>5}: {}", l.no, l.text);
    }
    for b in heed_read::blocks::segment(&lines) {
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
