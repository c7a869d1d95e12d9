//! Extraction throughput on the real corpus, in bytes per second: every seed document,
//! and the 400 KB inspection report on its own. `cargo bench -p heed-read`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use heed_read::{ReadOptions, read};
use std::hint::black_box;
use std::path::PathBuf;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let mut docs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect();
    docs.sort();
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let options = ReadOptions::default();
    let total: usize = docs.iter().map(|d| d.1.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("seed corpus", |b| {
        b.iter(|| {
            for (_, bytes) in &docs {
                black_box(read(black_box(bytes), &options).ok());
            }
        })
    });
    for (name, bytes) in &docs {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(read(black_box(bytes), &options).ok()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
