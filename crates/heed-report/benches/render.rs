//! How long a committee waits: a synthetic 500-item review (two action rows, a response,
//! an owner, a deadline and a RAG rating each) rendered in every layout and format, the
//! exports, and reading a 500-row tracker back. Targets: under 200 ms each, PDF under 1 s.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use heed_report::tracker::{TrackerFormat, TrackerOptions, read_tracker};
use heed_report::{ExportFormat, Format, Layout, export, render};
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let input = common::synthetic(500);
    let mut g = c.benchmark_group("render-500");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for layout in Layout::ALL {
        for format in Format::ALL {
            g.bench_function(format!("{layout}.{format}"), |b| {
                b.iter(|| render(black_box(&input), layout, format).expect("renders"))
            });
        }
    }
    for (name, format) in [
        ("csv", ExportFormat::Csv),
        ("xlsx", ExportFormat::Xlsx),
        ("json", ExportFormat::Json),
    ] {
        g.bench_function(format!("export-with-history.{name}"), |b| {
            b.iter(|| export(black_box(&input.items), format, true).expect("exports"))
        });
    }
    let xlsx = export(&input.items, ExportFormat::Xlsx, false).expect("exports");
    g.bench_function("tracker-in.xlsx", |b| {
        b.iter(|| {
            read_tracker(
                black_box(&xlsx),
                TrackerFormat::Workbook,
                &TrackerOptions::default(),
            )
            .expect("reads")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
