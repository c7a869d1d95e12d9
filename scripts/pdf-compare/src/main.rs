//! Compares PDF text extraction candidates on a folder of PDFs: for each file and each
//! candidate, the time to read it and how closely its words (and word pairs, for reading
//! order) agree with poppler's `pdftotext -layout`, run side by side in the same process.
//!
//! `cargo run --release --manifest-path scripts/pdf-compare/Cargo.toml -- DIR...`

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn f1<T: std::hash::Hash + Eq + Clone>(a: &[T], b: &[T]) -> f64 {
    let mut m: HashMap<T, i64> = HashMap::new();
    for x in b {
        *m.entry(x.clone()).or_default() += 1;
    }
    let mut hit = 0;
    for x in a {
        if let Some(c) = m.get_mut(x)
            && *c > 0
        {
            *c -= 1;
            hit += 1;
        }
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let p = hit as f64 / a.len() as f64;
    let r = hit as f64 / b.len() as f64;
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn pairs(w: &[String]) -> Vec<(String, String)> {
    w.windows(2).map(|p| (p[0].clone(), p[1].clone())).collect()
}

fn main() {
    let mut files = Vec::new();
    for dir in std::env::args().skip(1) {
        let p = Path::new(&dir);
        if p.is_file() {
            files.push(p.to_path_buf());
            continue;
        }
        let Ok(rd) = std::fs::read_dir(p) else { continue };
        for e in rd.flatten() {
            if e.path().extension().is_some_and(|x| x == "pdf") {
                files.push(e.path());
            }
        }
    }
    files.sort();
    std::panic::set_hook(Box::new(|_| {}));
    println!("| file | candidate | ms | words F1 | word pairs F1 |");
    println!("|---|---|---|---|---|");
    let mut totals: HashMap<&str, (f64, f64, f64, usize)> = HashMap::new();
    for f in files {
        let bytes = std::fs::read(&f).expect("read");
        let t = Instant::now();
        let out = Command::new("pdftotext")
            .args(["-layout", &f.display().to_string(), "-"])
            .output()
            .expect("pdftotext");
        let ms_ref = t.elapsed().as_secs_f64() * 1000.0;
        let reference = String::from_utf8_lossy(&out.stdout).to_string();
        let rw = words(&reference);
        let rp = pairs(&rw);
        let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        println!("| {name} | pdftotext -layout (reference) | {ms_ref:.0} | 1.000 | 1.000 |");
        type Cand = fn(&[u8]) -> Option<String>;
        let cands: [(&str, Cand); 3] = [
            ("lopdf extract_text", |b| {
                let d = lopdf::Document::load_mem(b).ok()?;
                let pages: Vec<u32> = d.get_pages().keys().copied().collect();
                d.extract_text(&pages).ok()
            }),
            ("pdf-extract", |b| {
                std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(b).ok())
                    .ok()
                    .flatten()
            }),
            ("heed (lopdf + own layout)", |b| {
                heed_read::pdf::pdf_text(b).ok().map(|t| t.text)
            }),
        ];
        for (cname, c) in cands {
            let t = Instant::now();
            let text = c(&bytes);
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let (fw, fp) = match &text {
                Some(s) => {
                    let w = words(s);
                    (f1(&w, &rw), f1(&pairs(&w), &rp))
                }
                None => (0.0, 0.0),
            };
            let fail = if text.is_none() { " (failed)" } else { "" };
            println!("| {name} | {cname}{fail} | {ms:.0} | {fw:.3} | {fp:.3} |");
            let e = totals.entry(cname).or_default();
            e.0 += ms;
            e.1 += fw;
            e.2 += fp;
            e.3 += 1;
        }
        let e = totals.entry("pdftotext -layout (reference)").or_default();
        e.0 += ms_ref;
        e.1 += 1.0;
        e.2 += 1.0;
        e.3 += 1;
    }
    println!();
    println!("| candidate | total ms | mean words F1 | mean word pairs F1 |");
    println!("|---|---|---|---|");
    let mut names: Vec<_> = totals.keys().copied().collect();
    names.sort();
    for n in names {
        let (ms, fw, fp, k) = totals[n];
        let k = k.max(1) as f64;
        println!("| {n} | {ms:.0} | {:.3} | {:.3} |", fw / k, fp / k);
    }
}
