//! Every file of the fuzz corpus (`fuzz/corpus/<target>/`) and every input the fuzzer once
//! crashed on (`fuzz/artifacts/<target>/`, kept as regression files) run through the same
//! function the fuzz target calls, on stable, in the normal `cargo test`: a crash found once
//! stays a test, and a target without a corpus or a corpus without a target fails here.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, none when the directory does not exist.
fn files(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = dir
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found
}

#[test]
fn every_corpus_and_regression_file_reads_without_a_panic() {
    let mut failed = Vec::new();
    for (target, run) in heed_fuzz::TARGETS {
        let corpus = files("corpus", target);
        assert!(
            !corpus.is_empty(),
            "fuzz/corpus/{target}/ has no seed files"
        );
        for path in corpus.iter().chain(&files("artifacts", target)) {
            let bytes = std::fs::read(path).expect("a corpus file");
            if catch_unwind(AssertUnwindSafe(|| run(&bytes))).is_err() {
                failed.push(format!("{target}: {}", path.display()));
            }
        }
    }
    assert!(failed.is_empty(), "panicked on:\n{}", failed.join("\n"));
}

#[test]
fn every_target_has_a_function_and_every_function_a_target() {
    let dir = fuzz_dir().join("fuzz_targets");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fuzz/fuzz_targets")
        .filter_map(|e| {
            let name = e.expect("a directory entry").file_name();
            name.to_str()?.strip_suffix(".rs").map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = heed_fuzz::TARGETS
        .iter()
        .map(|(t, _)| t.to_string())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    for target in &on_disk {
        let source = std::fs::read_to_string(dir.join(format!("{target}.rs"))).expect("target");
        assert!(
            source.contains(&format!("heed_fuzz::{target}(data)")),
            "fuzz/fuzz_targets/{target}.rs does not call heed_fuzz::{target}"
        );
    }
}

#[test]
fn the_corpus_exercises_what_it_is_for() {
    // The seeds reach the readers they are meant for, not only their refusals.
    let read = |dir: &str, name: &str| {
        std::fs::read(fuzz_dir().join("corpus").join(dir).join(name)).expect("seed")
    };
    let none = heed_read::ReadOptions::default();
    let pdf = heed_read::read(&read("pdf", "minimal-two-pages.pdf"), &none).expect("pdf");
    assert_eq!(pdf.pages.len(), 2);
    let docx = heed_read::read(&read("docx", "minimal-stored.docx"), &none).expect("docx");
    assert_eq!(docx.items.len(), 2);
    let options = heed_app::intake::IntakeOptions::default();
    for (name, seed) in [
        ("t.ods", "tracker.ods"),
        ("t.xlsx", "minimal-stored.xlsx"),
        ("t.csv", "tracker-minimal.csv"),
    ] {
        let t = heed_app::intake::read_file(name, &read("tracker", seed), &options);
        assert!(t.is_ok_and(|t| !t.document.items.is_empty()), "{seed}");
    }
}
