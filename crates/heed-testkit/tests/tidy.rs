//! Tidy checks over the whole workspace, so that a newcomer can open any file and learn why
//! it exists and hold it in their head: every Rust source file (crates' src, tests, benches
//! and examples, the fuzz targets and the Rust under `scripts/`) begins with a `//!`
//! comment; every script in `scripts/` begins (after its `#!` line) with a comment saying
//! what it does; and no Rust file outside a `tests/` folder is over 900 lines.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`, leaving out build output.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != "corpus" && name != "artifacts" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_source_file_says_why_it_exists() {
    let root = workspace();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("fuzz"), &mut files);
    rust_files(&root.join("scripts"), &mut files);
    assert!(
        files.len() > 100,
        "only {} Rust files found under {}",
        files.len(),
        root.display()
    );
    let missing: Vec<String> = files
        .iter()
        .filter(|p| {
            !std::fs::read_to_string(p)
                .expect("read a source file")
                .starts_with("//!")
        })
        .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "these files do not begin with a //! comment saying why they exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_script_says_what_it_does() {
    let root = workspace();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(root.join("scripts"))
        .expect("read scripts/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    scripts.sort();
    assert!(
        scripts.len() > 5,
        "only {} scripts found under {}",
        scripts.len(),
        root.join("scripts").display()
    );
    let silent: Vec<String> = scripts
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).expect("read a script");
            let mut lines = text.lines().skip_while(|l| l.starts_with("#!"));
            // The first line after the interpreter is a comment with words in it.
            !lines
                .next()
                .is_some_and(|l| l.starts_with('#') && l.trim_start_matches('#').trim().len() > 10)
        })
        .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
        .collect();
    assert!(
        silent.is_empty(),
        "these scripts do not begin with a comment saying what they do:\n{}",
        silent.join("\n")
    );
}

/// The longest a Rust file outside `tests/` may be: past it, a file holds more than one
/// concern and is split by concern.
const MAX_LINES: usize = 900;

/// Files allowed over [`MAX_LINES`], each with the reason it is not split yet. Keep it
/// empty; an entry is a debt.
const LONG_FILES: &[(&str, &str)] = &[];

#[test]
fn no_source_file_outside_tests_is_over_900_lines() {
    let root = workspace();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("fuzz"), &mut files);
    rust_files(&root.join("scripts"), &mut files);
    let mut long = Vec::new();
    for p in &files {
        let rel = p.strip_prefix(&root).unwrap_or(p);
        if rel.components().any(|c| c.as_os_str() == "tests") {
            continue;
        }
        let name = rel.display().to_string();
        let lines = std::fs::read_to_string(p)
            .expect("read a source file")
            .lines()
            .count();
        if lines > MAX_LINES && !LONG_FILES.iter().any(|(f, _)| *f == name) {
            long.push(format!("{name}: {lines} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "these files are over {MAX_LINES} lines: split them by concern (or, with a reason, \
         list them in LONG_FILES):\n{}",
        long.join("\n")
    );
}
