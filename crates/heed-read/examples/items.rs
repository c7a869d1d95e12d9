//! Developer aid: prints what the reader found in a file, one line an item, with the
//! evidence of the general reader and the diagnostics:
//! `cargo run -p heed-read --example items -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: items FILE");
        std::process::exit(2);
    };
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("{path}: cannot read");
        std::process::exit(1);
    };
    let doc = match heed_read::read(&bytes, &heed_read::ReadOptions::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "title: {:?} date: {:?} layouts: {:?}",
        doc.title, doc.date, doc.layouts
    );
    for i in &doc.items {
        let text: String = i.text.chars().take(90).collect();
        println!(
            "{:>5} {:?} ref={:?} pos={:?} st={:?}/{:?} rag={:?} due={:?} see={:?} resp={} act={} | {}",
            i.line,
            i.kind,
            i.r#ref,
            i.position,
            i.status,
            i.status_words,
            i.rag,
            i.deadline.as_ref().map(|d| d.to_iso()),
            i.see_also,
            i.responses.len(),
            i.actions.len(),
            text
        );
        for r in &i.responses {
            let t: String = r.text.chars().take(100).collect();
            println!("        > {t}");
        }
        if !i.evidence.is_empty() {
            println!("        evidence: {}", i.evidence.join("; "));
        }
    }
    for d in &doc.diagnostics {
        println!("{:>5} {:?}: {}", d.line, d.severity, d.message);
    }
}
