//! Snapshot tests of what the reader makes of each real document in `../shared/corpus`
//! (seeds and related kinds), and property tests that reading never panics: not on
//! arbitrary bytes, not on a corpus document cut at an arbitrary point.
//!
//! A snapshot is a compact rendering (one line per item, judgement and glossary entry)
//! so that a reviewer can judge a diff.

use heed_core::Document;
use heed_read::{ReadOptions, read, read_text};
use proptest::prelude::*;
use std::fmt::Write;
use std::path::PathBuf;

fn corpus_dir(sub: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(sub);
    assert!(
        dir.is_dir(),
        "the shared corpus is expected beside the checkout at {}",
        dir.display()
    );
    dir
}

fn corpus_text(sub: &str, name: &str) -> String {
    let path = corpus_dir(sub).join(format!("{name}.txt"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    heed_read::decode::decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn render(d: &Document) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "title: {:?}\ndate: {:?}\nlayouts: {:?}",
        d.title,
        d.date.map(|d| d.to_string()),
        d.layouts
    );
    for i in &d.items {
        let text: String = i.text.chars().take(70).collect();
        let _ = writeln!(
            o,
            "{} ref={} sec={} line={} | {} | status={} pos={} rag={} due={} see={:?} actions={} responses={}",
            i.kind,
            i.r#ref.as_deref().unwrap_or("-"),
            i.section.as_deref().unwrap_or("-"),
            i.line,
            text,
            i.status.map_or("-", |s| s.as_str()),
            i.position.map_or("-", |s| s.as_str()),
            i.rag.map_or("-", |s| s.as_str()),
            i.deadline.as_ref().map_or("-".to_string(), |d| d.to_iso()),
            i.see_also,
            i.actions.len(),
            i.responses.len(),
        );
        for a in &i.actions {
            let act: String = a
                .action
                .as_deref()
                .unwrap_or("-")
                .chars()
                .take(50)
                .collect();
            let _ = writeln!(
                o,
                "    action line={} | {} | status={} date={}",
                a.line,
                act,
                a.status.map_or("-", |s| s.as_str()),
                a.date.as_ref().map_or("-".to_string(), |d| d.to_iso())
            );
        }
    }
    for j in &d.judgements {
        let _ = writeln!(
            o,
            "judgement {} {} grade={:?} direction={:?} dist={:?}",
            j.area,
            j.title,
            j.grade,
            j.direction,
            j.national_distribution
                .map(|n| (n.poor, n.fair, n.good, n.excellent))
        );
    }
    for g in &d.glossary {
        let _ = writeln!(o, "glossary {} = {}", g.term, g.expansion);
    }
    for x in &d.diagnostics {
        let _ = writeln!(
            o,
            "diagnostic line={} {:?}: {}",
            x.line, x.severity, x.message
        );
    }
    o
}

macro_rules! snapshot {
    ($test:ident, $sub:literal, $name:literal) => {
        #[test]
        fn $test() {
            let doc = read_text(&corpus_text($sub, $name), &ReadOptions::default());
            insta::assert_snapshot!(concat!($sub, "-", $name), render(&doc));
        }
    };
}

snapshot!(seed_cdrp, "seeds", "cdrp-scrutiny-progress-2005");
snapshot!(seed_cmbvr, "seeds", "cmbvr-update-2004");
snapshot!(seed_duty_of_care, "seeds", "duty-of-care-response-2013");
snapshot!(seed_hmic, "seeds", "hmic-baseline-mps-2006");
snapshot!(seed_dv_strategy, "seeds", "london-dv-strategy-2006");
snapshot!(
    related_gao_inventory,
    "related",
    "gao-26-107551-program-inventory"
);
snapshot!(
    related_gao_animal_drugs,
    "related",
    "gao-26-107896-animal-drugs"
);
snapshot!(
    related_oig_oasis,
    "related",
    "hhs-oig-a-01-12-00508-home-health-oasis"
);
snapshot!(
    related_oig_chip,
    "related",
    "hhs-oig-a-04-11-08008-alabama-chip"
);
snapshot!(
    related_upr_slovenia,
    "related",
    "upr-slovenia-2010-working-group-report"
);

const SEEDS: &[&str] = &[
    "cdrp-scrutiny-progress-2005",
    "cmbvr-update-2004",
    "duty-of-care-response-2013",
    "hmic-baseline-mps-2006",
    "london-dv-strategy-2006",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read(&bytes, &ReadOptions::default());
    }

    #[test]
    fn never_panics_on_structured_noise(parts in proptest::collection::vec(prop_oneof![
        Just("Recommendation 1:\n".to_string()), Just("Key Points\tActions\tResults/Timescale\n".to_string()), Just("\tx\tCompleted May 2004\n".to_string()),
        Just("# 1A Area\n".to_string()), Just("## Strengths\n".to_string()), Just("- bullet\n".to_string()), Just("  wrapped\n".to_string()), Just("\x0c".to_string()), Just("<p>1. The</p>\t<p>x</p>\n".to_string()),
        Just("Grade\tDirection of Travel\n".to_string()), Just("Poor\tFair\tGood\tExcellent\n".to_string()), Just("1\t2\n".to_string()), Just("<ul><li>".to_string()), Just("&amp;".to_string()),
        Just("(Recommendation 2)\n".to_string()), Just("We recommended that CMS (1) a; (2) b.\n".to_string()), Just("\n".to_string()), Just("Glossary\nABC A B C\n".to_string()), Just("❖".to_string()),
        "[ -~]{0,30}", "\\PC{0,10}",
    ], 0..60)) {
        let text: String = parts.concat();
        let _ = read_text(&text, &ReadOptions::default());
    }

    #[test]
    fn never_panics_on_labelled_fields(parts in proptest::collection::vec(prop_oneof![
        Just("Recommendations\n"), Just("1. The Board should act. Status:\n"), Just("Status:\n"),
        Just("• Update:\n"), Just("- Target date: \n"), Just("2. Train staff; Owner: "), Just("Status: "),
        Just("R1 The Council should act. RAG:\n"), Just("Recommendation 3: Status: Update:\n"), Just(":"),
        Just(". Latest update:"), Just("é; Due by:"), Just("\n"), Just("Open or Closedb:"), Just("• "),
    ].prop_map(str::to_string), 0..40)) {
        let text: String = parts.concat();
        let _ = read_text(&text, &ReadOptions::default());
    }

    #[test]
    fn never_panics_on_a_document_cut_anywhere(doc in 0..SEEDS.len(), cut in 0.0f64..1.0) {
        let text = corpus_text("seeds", SEEDS[doc]);
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let _ = read_text(&text[..at], &ReadOptions::default());
    }
}
