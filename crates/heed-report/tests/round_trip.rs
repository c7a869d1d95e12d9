//! The round trip the issue demands: each corpus seed (and each related practice
//! document), read by Heed's reader, rendered in every layout as Markdown, as HTML and
//! as Word (DOCX), and read back, gives the same items — refs, texts and statuses for the item
//! layouts; kinds, areas, themes and texts of the findings, and the areas' grades,
//! directions of travel and national grade distributions, for the judgements layout.

mod common;

use heed_core::{Item, Status};
use heed_read::{ReadOptions, read};
use heed_report::input::{display_refs, is_actionable};
use heed_report::model::one_line;
use heed_report::{Format, Layout, ReportInput, render};

type Key = (Option<String>, String, Option<Status>);

fn expected(input: &ReportInput, layout: Layout) -> Vec<Key> {
    let items: Vec<&Item> = input
        .items
        .iter()
        .map(|ri| &ri.item)
        .filter(|i| is_actionable(i.kind))
        .collect();
    let always = matches!(layout, Layout::ProgressTable | Layout::Narrative);
    let refs = display_refs(&items, always);
    items
        .into_iter()
        .zip(refs)
        .filter(|(i, _)| layout != Layout::Narrative || !i.status.is_some_and(|s| s.is_closed()))
        .map(|(i, r)| (r, one_line(&i.text), i.status))
        .collect()
}

fn read_back(bytes: &[u8]) -> Vec<Key> {
    let doc = read(bytes, &ReadOptions::default()).expect("a report reads as a document");
    doc.items
        .iter()
        .map(|i| (i.r#ref.clone(), one_line(&i.text), i.status))
        .collect()
}

fn check(name: &str, input: &ReportInput) -> usize {
    let mut checked = 0;
    for layout in Layout::ALL {
        if layout == Layout::Judgements {
            continue;
        }
        let want = expected(input, layout);
        for format in [Format::Markdown, Format::Html, Format::Docx] {
            let bytes = render(input, layout, format).expect("renders");
            let got = read_back(&bytes);
            if got != want {
                let path = std::env::temp_dir().join(format!("heed-rt-{name}-{layout}.{format}"));
                let _ = std::fs::write(&path, &bytes);
                for (k, (g, w)) in got.iter().zip(&want).enumerate() {
                    if g != w {
                        panic!(
                            "{name}: {layout} as {format}: item {k} differs (output in {})\n got: {g:?}\nwant: {w:?}",
                            path.display()
                        );
                    }
                }
                panic!(
                    "{name}: {layout} as {format}: {} items read back, {} expected (output in {})",
                    got.len(),
                    want.len(),
                    path.display()
                );
            }
            checked += want.len();
        }
    }
    checked
}

#[test]
fn every_seed_round_trips_through_every_item_layout() {
    let mut total = 0;
    for (name, bytes) in common::seeds() {
        let doc = read(&bytes, &ReadOptions::default()).expect("seed reads");
        let input = ReportInput::from_document(&doc, common::day(2026, 11, 27));
        total += check(&name, &input);
    }
    assert!(total > 100, "only {total} items were checked");
}

type Finding = (heed_core::ItemKind, Option<String>, Option<String>, String);
type Grading = (
    String,
    Option<heed_core::Grade>,
    Option<heed_core::Direction>,
    Option<heed_core::NationalDistribution>,
);

/// The findings (sorted: the layout groups them by area and kind, whatever order the
/// source gave them in) and the gradings.
fn findings(doc: &heed_core::Document) -> (Vec<Finding>, Vec<Grading>) {
    let mut items: Vec<Finding> = doc
        .items
        .iter()
        .filter(|i| i.kind != heed_core::ItemKind::Recommendation)
        .map(|i| {
            (
                i.kind,
                i.section.clone(),
                i.theme.clone(),
                one_line(&i.text),
            )
        })
        .collect();
    items.sort();
    let judgements = doc
        .judgements
        .iter()
        .map(|j| {
            (
                j.area.clone(),
                j.grade,
                j.direction,
                j.national_distribution,
            )
        })
        .collect();
    (items, judgements)
}

fn check_judgements(name: &str, input: &ReportInput) -> usize {
    let want = findings(&heed_core::Document {
        items: input.items.iter().map(|ri| ri.item.clone()).collect(),
        judgements: input.judgements.clone(),
        ..heed_core::Document::default()
    });
    for format in [Format::Markdown, Format::Html, Format::Docx] {
        let bytes = render(input, Layout::Judgements, format).expect("renders");
        let doc = read(&bytes, &ReadOptions::default()).expect("reads");
        let got = findings(&doc);
        if got != want {
            let path = std::env::temp_dir().join(format!("heed-rt-{name}-judgements.{format}"));
            let _ = std::fs::write(&path, &bytes);
            let missing: Vec<&Finding> = want.0.iter().filter(|w| !got.0.contains(w)).collect();
            let extra: Vec<&Finding> = got.0.iter().filter(|g| !want.0.contains(g)).collect();
            assert!(
                missing.is_empty() && extra.is_empty() && got.0.len() == want.0.len(),
                "{name}: judgements as {format} ({}): {} findings read back, {} expected\nmissing: {missing:#?}\nextra: {extra:#?}",
                path.display(),
                got.0.len(),
                want.0.len()
            );
            assert_eq!(
                got.1,
                want.1,
                "{name}: judgements as {format}: grades ({})",
                path.display()
            );
        }
    }
    want.0.len() + want.1.len()
}

#[test]
fn every_seed_round_trips_through_the_judgements_layout() {
    let mut total = 0;
    for (name, bytes) in common::seeds() {
        let doc = read(&bytes, &ReadOptions::default()).expect("seed reads");
        let input = ReportInput::from_document(&doc, common::day(2026, 11, 27));
        total += check_judgements(&name, &input);
    }
    assert!(total > 100, "only {total} findings and grades were checked");
}

#[test]
fn related_documents_round_trip_too() {
    let mut total = 0;
    for (name, bytes) in common::corpus("related") {
        let doc = read(&bytes, &ReadOptions::default()).expect("document reads");
        let input = ReportInput::from_document(&doc, common::day(2026, 11, 27));
        total += check(&name, &input);
        total += check_judgements(&name, &input);
    }
    assert!(total > 50, "only {total} readings were checked");
}

#[test]
fn the_sample_round_trips_too() {
    check("sample", &common::sample());
    // RAG ratings too, where the item has one (the reader rates unrated items itself).
    let input = common::sample();
    for layout in [Layout::ResponseTable, Layout::Overview] {
        for format in [Format::Markdown, Format::Html] {
            let doc = read(
                &render(&input, layout, format).expect("renders"),
                &ReadOptions::default(),
            )
            .expect("reads");
            let rated: Vec<_> = input
                .items
                .iter()
                .filter(|i| i.item.rag.is_some())
                .collect();
            for ri in rated {
                let back = doc.items.iter().find(|i| i.text == ri.item.text);
                assert_eq!(
                    back.and_then(|i| i.rag),
                    ri.item.rag,
                    "{layout} as {format}"
                );
            }
        }
    }
}

#[test]
fn judgements_layout_lists_every_finding_under_its_area() {
    let input = common::sample();
    for format in [Format::Markdown, Format::Html] {
        let out = String::from_utf8(render(&input, Layout::Judgements, format).expect("renders"))
            .expect("UTF-8");
        for ri in &input.items {
            if !is_actionable(ri.item.kind) || ri.item.section.is_some() {
                assert!(
                    out.contains(&ri.item.text),
                    "{format}: missing {:?}",
                    ri.item.text
                );
            }
        }
        assert!(out.contains("5A Contact Management"));
        assert!(out.contains("Improved"));
    }
}
