//! Developer aid: times the reader's phases on one file (`cargo run --release -p
//! heed-read --example phase -- FILE`); the benchmark is `cargo bench -p heed-read`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phase FILE");
        std::process::exit(2);
    };
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("{path}: cannot read");
        std::process::exit(1);
    };
    let Ok(text) = heed_read::decode::decode(&bytes) else {
        eprintln!("{path}: not text");
        std::process::exit(1);
    };
    let n = 20;
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = heed_read::lines::to_lines(&text);
    }
    println!("lines   {:?}", t.elapsed() / n);
    let lines = heed_read::lines::to_lines(&text);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = heed_read::blocks::segment(&lines.lines);
    }
    println!("segment {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let _ = heed_read::read_text(&text, &Default::default());
    }
    println!("all     {:?}", t.elapsed() / n);
}
