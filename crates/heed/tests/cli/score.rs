//! Extraction accuracy, measured the way the project is judged: the shared scorer
//! (`../shared/bin/score-extraction`) runs this build's `heed extract` over the corpus
//! and compares with the hand-checked gold files. Fails below the targets.

use std::process::Command;

struct Score {
    items_f1: f64,
    score: f64,
    report: String,
}

fn score(seeds: &str, gold: &str, macro_avg: bool) -> Score {
    let shared = heed_testkit::shared();
    let scorer = shared.join("bin/score-extraction");
    assert!(
        scorer.exists(),
        "the shared scorer is expected beside the checkout: {}",
        scorer.display()
    );
    let cmd = format!("{} extract --format json {{}}", env!("CARGO_BIN_EXE_heed"));
    let mut c = Command::new("python3");
    c.arg(&scorer);
    if macro_avg {
        c.arg("--macro");
    }
    let out = c
        .arg("--cmd")
        .arg(&cmd)
        .arg(shared.join("corpus").join(seeds))
        .arg(shared.join("corpus").join(gold))
        .output()
        .expect("python3 runs the scorer");
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "scorer failed: {report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = report.lines().last().unwrap_or_default().to_string();
    let field = |name: &str| -> f64 {
        last.split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {last:?}"))
    };
    Score {
        items_f1: field("items_f1"),
        score: field("score"),
        report,
    }
}

#[test]
fn seed_corpus_meets_the_target() {
    let s = score("seeds", "gold", false);
    println!("{}", s.report);
    assert!(
        s.score >= 0.97,
        "score {} below 0.97\n{}",
        s.score,
        s.report
    );
    assert!(
        s.items_f1 >= 0.98,
        "items_f1 {} below 0.98\n{}",
        s.items_f1,
        s.report
    );
}

#[test]
fn related_kinds_meet_the_target() {
    let s = score("related", "related-gold", true);
    println!("{}", s.report);
    assert!(
        s.score >= 0.80,
        "macro score {} below 0.80 on the related kinds\n{}",
        s.score,
        s.report
    );
}
