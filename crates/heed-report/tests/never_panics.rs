//! Edges never panic: any bytes given as a tracker, and any text in any item rendered in
//! any layout and format.

mod common;

use heed_core::{Item, ItemKind, Rag, Status};
use heed_report::tracker::{TrackerFormat, TrackerOptions, read_tracker};
use heed_report::{Format, Layout, ReportInput, ReportItem, render};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn trackers_of_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_tracker(&bytes, TrackerFormat::Csv, &TrackerOptions::default());
        let _ = read_tracker(&bytes, TrackerFormat::Workbook, &TrackerOptions::default());
    }

    #[test]
    fn csv_trackers_of_any_text(text in "[a-zA-Z0-9 ,\\n\\\"/-]{0,300}") {
        let csv = format!("Ref,Recommendation,Status,RAG,Due\n{text}");
        let _ = read_tracker(csv.as_bytes(), TrackerFormat::Csv, &TrackerOptions::default());
    }

    #[test]
    fn reports_of_any_text(texts in proptest::collection::vec("\\PC{0,80}", 1..6), r in "\\PC{0,6}") {
        let items = texts
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let mut i = Item::new(ItemKind::ALL[k % 4], t.clone(), k);
                i.r#ref = (k % 2 == 0).then(|| r.clone());
                i.status = Some(Status::ALL[k % Status::ALL.len()]);
                i.rag = Some(Rag::ALL[k % 3]);
                i.owner = Some(t.clone());
                ReportItem::new(i)
            })
            .collect();
        let input = ReportInput {
            title: r.clone(),
            as_of: common::day(2026, 11, 27),
            since: None,
            items,
            judgements: Vec::new(),
        };
        for layout in Layout::ALL {
            for format in Format::ALL {
                prop_assert!(render(&input, layout, format).is_ok());
            }
        }
    }
}
