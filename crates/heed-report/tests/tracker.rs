//! Spreadsheet trackers in, with real files: a CSV written here, an XLSX written by
//! Heed's own export, and XLSX and ODS files that LibreOffice wrote.

mod common;

use heed_core::{Rag, Status};
use heed_report::tracker::{
    Field, TrackerError, TrackerFormat, TrackerOptions, parse_overrides, read_tracker,
};
use heed_report::{ExportFormat, export};
use heed_testkit::tools;

const CSV: &str = "\
Quarterly tracker,,,,,,,
Rec No.,Recommendation,Lead officer,Status,RAG,Target date,Progress update,Comments
R1,Nominate a dedicated CDRP officer in every borough.,Borough Commander,Completed,Green,30/06/2014,Officers named in every BOCU.,
2,Review tenure for key officers.,HR Directorate,In progress,Amber,Q2 2014,Draft policy written.,Waiting for the Service Review
3,Set up a victim focus desk.,Victim Care,Not started,Red,June 2014,,
4,,HR Directorate,In progress,Amber,2014-06-30,No text on this row.,
5,Publish a survivor survey.,Umbra,In progress,Purple,2014-06-30,,
6,Improve call handling.,Metcall,ongoing,Amber,soon-ish,,
7,Monitor the SOPs.,DV Board,Open,A,41820,,

";

#[test]
fn csv_tracker_maps_columns_reads_dates_and_reports_bad_rows() {
    let t = read_tracker(
        CSV.as_bytes(),
        TrackerFormat::Csv,
        &TrackerOptions::default(),
    )
    .expect("reads");
    assert_eq!(t.mapping.header_row, 2);
    let fields: Vec<Option<Field>> = t.mapping.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            Some(Field::Ref),
            Some(Field::Item),
            Some(Field::Owner),
            Some(Field::Status),
            Some(Field::Rag),
            Some(Field::Due),
            Some(Field::Update),
            Some(Field::Comments),
        ]
    );
    let shown = t.mapping.to_string();
    assert!(shown.contains("C   \"Lead officer\""), "{shown}");
    let items = &t.document.items;
    let refs: Vec<&str> = items.iter().filter_map(|i| i.r#ref.as_deref()).collect();
    assert_eq!(refs, vec!["1", "2", "3", "7"]);
    let due: Vec<String> = items
        .iter()
        .map(|i| {
            i.deadline
                .as_ref()
                .map(|d| d.due.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(due, vec!["2014-06-30"; 4]);
    assert_eq!(items[0].status, Some(Status::Completed));
    assert_eq!(items[1].rag, Some(Rag::Amber));
    assert_eq!(items[1].responses.len(), 2);
    assert_eq!(items[0].line, 3);
    // "Open" is not a status Heed knows: kept as words, with a warning.
    assert_eq!(items[3].status, None);
    assert_eq!(items[3].status_words.as_deref(), Some("Open"));
    let rows: Vec<usize> = t.problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![6, 7, 8]);
    assert!(t.problems[0].message.contains("no item text"));
    assert!(t.problems[1].message.contains("\"Purple\""));
    assert!(t.problems[2].message.contains("\"soon-ish\""));
    let errors = t
        .document
        .diagnostics
        .iter()
        .filter(|d| d.line == 6)
        .count();
    assert_eq!(errors, 1, "each problem is also a diagnostic on its row");
    assert_eq!(
        t.complete().map_err(|p| p.len()),
        Err(3),
        "nothing is half-imported"
    );
}

#[test]
fn overrides_change_the_mapping() {
    let csv = "Ref,Wording,Who,Notes\n1,Do the thing.,Alice,2014-01-01\n";
    let err = read_tracker(
        csv.as_bytes(),
        TrackerFormat::Csv,
        &TrackerOptions::default(),
    );
    assert!(
        matches!(
            err,
            Err(TrackerError::NoHeader) | Err(TrackerError::NoItemColumn(_))
        ),
        "{err:?}"
    );
    let options = TrackerOptions {
        overrides: parse_overrides("wording=item, D=due").expect("parses"),
        ..TrackerOptions::default()
    };
    let t = read_tracker(csv.as_bytes(), TrackerFormat::Csv, &options).expect("reads");
    assert!(t.mapping.columns[1].overridden);
    assert_eq!(t.document.items[0].text, "Do the thing.");
    assert_eq!(t.document.items[0].owner.as_deref(), Some("Alice"));
    assert_eq!(
        t.document.items[0]
            .deadline
            .as_ref()
            .map(|d| d.due.to_string())
            .as_deref(),
        Some("2014-01-01")
    );
}

#[test]
fn heeds_own_xlsx_export_reads_back_whole() {
    let input = common::sample();
    let bytes = export(&input.items, ExportFormat::Xlsx, true).expect("exports");
    let t =
        read_tracker(&bytes, TrackerFormat::Workbook, &TrackerOptions::default()).expect("reads");
    let doc = t.complete().expect("every row reads");
    assert_eq!(doc.items.len(), input.items.len());
    for (got, want) in doc.items.iter().zip(&input.items) {
        let want = &want.item;
        assert_eq!(got.r#ref, want.r#ref);
        assert_eq!(got.kind, want.kind);
        assert_eq!(got.text, want.text);
        assert_eq!(got.status, want.status);
        assert_eq!(got.rag, want.rag);
        assert_eq!(got.owner, want.owner);
        assert_eq!(
            got.deadline.as_ref().map(|d| d.due),
            want.deadline.as_ref().map(|d| d.due),
            "typed due dates come back as days"
        );
    }
}

#[test]
fn trackers_that_libreoffice_wrote_read_like_the_csv() {
    let Some(soffice) = tools::need("soffice") else {
        return;
    };
    let dir = heed_testkit::temp_dir("tracker");
    let csv = "Ref,Recommendation,Owner,Status,RAG,Due date,Update\n\
               1,Nominate a dedicated officer.,Borough Commander,Completed,Green,2014-06-30,Done.\n\
               2,Review tenure.,HR,In progress,Amber,Q2 2014,Draft written.\n\
               3,Set up a victim focus desk.,Victim Care,Not started,Red,2015-01-31,\n";
    let path = dir.join("tracker.csv");
    std::fs::write(&path, csv).expect("write csv");
    let from_csv = read_tracker(
        csv.as_bytes(),
        TrackerFormat::Csv,
        &TrackerOptions::default(),
    )
    .expect("csv reads");
    for to in ["xlsx", "ods"] {
        let out = tools::soffice_convert(&soffice, &path, to, Some("CSV:44,34,76,1"));
        let bytes = std::fs::read(&out).expect("converted file");
        let t = read_tracker(&bytes, TrackerFormat::Workbook, &TrackerOptions::default())
            .unwrap_or_else(|e| panic!("{to}: {e}"));
        assert!(t.problems.is_empty(), "{to}: {:?}", t.problems);
        assert_eq!(t.document.items.len(), 3, "{to}");
        for (a, b) in t.document.items.iter().zip(&from_csv.document.items) {
            assert_eq!(
                (&a.r#ref, &a.text, a.status, a.rag),
                (&b.r#ref, &b.text, b.status, b.rag),
                "{to}"
            );
            assert_eq!(
                a.deadline.as_ref().map(|d| d.due),
                b.deadline.as_ref().map(|d| d.due),
                "{to}: {:?}",
                a.text
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn heeds_own_csv_export_reads_back_whole() {
    let input = common::sample();
    let exported = export(&input.items, ExportFormat::Csv, true).expect("exports");
    assert!(
        exported.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a byte-order mark"
    );
    let doc = read_tracker(&exported, TrackerFormat::Csv, &TrackerOptions::default())
        .expect("reads")
        .complete()
        .expect("every row reads");
    let texts: Vec<&str> = doc.items.iter().map(|i| i.text.as_str()).collect();
    let want: Vec<&str> = input.items.iter().map(|i| i.item.text.as_str()).collect();
    assert_eq!(texts, want);
}

/// A tracker with the day each row was last updated and the body's position on it.
const POSITIONS: &str = "\
Ref,Recommendation,Accepted?,Status,Last updated,Update
1,Nominate a dedicated officer.,Yes,Completed,2014-10-03,Done.
2,Review tenure.,Partially,In progress,2014-09-15,Draft written.
3,Set up a victim focus desk.,Not accepted,Not started,,
4,Publish a survivor survey.,Agreed in principle,In progress,2014-11-28,Survey drafted.
";

#[test]
fn last_updated_and_position_columns_are_read() {
    use heed_core::Position;
    let day = |s: &str| heed_core::date::Day::parse_iso(s);
    let check = |t: &heed_report::tracker::Tracker, what: &str| {
        assert!(t.problems.is_empty(), "{what}: {:?}", t.problems);
        let fields: Vec<Option<Field>> = t.mapping.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![
                Some(Field::Ref),
                Some(Field::Item),
                Some(Field::Position),
                Some(Field::Status),
                Some(Field::Updated),
                Some(Field::Update),
            ],
            "{what}"
        );
        let got: Vec<_> = t
            .document
            .items
            .iter()
            .map(|i| (i.position, i.updated_on))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(Position::Accepted), day("2014-10-03")),
                (Some(Position::PartiallyAccepted), day("2014-09-15")),
                (Some(Position::Rejected), None),
                (Some(Position::PartiallyAccepted), day("2014-11-28")),
            ],
            "{what}"
        );
        assert_eq!(
            t.document.items[1].position_words.as_deref(),
            Some("Partially"),
            "{what}"
        );
    };
    let t = read_tracker(
        POSITIONS.as_bytes(),
        TrackerFormat::Csv,
        &TrackerOptions::default(),
    )
    .expect("reads");
    check(&t, "csv");
    assert!(t.mapping.to_string().contains("updated"), "{}", t.mapping);

    // The same tracker as LibreOffice writes it: the dates are date cells there.
    let Some(soffice) = tools::need("soffice") else {
        return;
    };
    let dir = heed_testkit::temp_dir("tracker-positions");
    let path = dir.join("positions.csv");
    std::fs::write(&path, POSITIONS).expect("write csv");
    for to in ["xlsx", "ods"] {
        let out = tools::soffice_convert(&soffice, &path, to, Some("CSV:44,34,76,1"));
        let bytes = std::fs::read(&out).expect("converted file");
        let t = read_tracker(&bytes, TrackerFormat::Workbook, &TrackerOptions::default())
            .unwrap_or_else(|e| panic!("{to}: {e}"));
        check(&t, to);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unreadable_positions_and_update_days_are_reported_and_can_be_mapped_away() {
    let csv = "\
Ref,Recommendation,Position,Date of update
1,Nominate a dedicated officer.,Accepted,03/10/2014
2,Review tenure.,Maybe later,2014-09-15
3,Set up a victim focus desk.,Rejected,October 2014
";
    let t = read_tracker(
        csv.as_bytes(),
        TrackerFormat::Csv,
        &TrackerOptions::default(),
    )
    .expect("reads");
    let problems: Vec<(usize, &str)> = t
        .problems
        .iter()
        .map(|p| (p.row, p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                3,
                "position \"Maybe later\" is not accepted, partially accepted, rejected or noted"
            ),
            (4, "last updated \"October 2014\" is not a day"),
        ]
    );
    // UK text dates are days.
    assert_eq!(
        t.document.items[0].updated_on,
        heed_core::date::Day::parse_iso("2014-10-03")
    );
    // --map moves or drops the columns.
    let options = TrackerOptions {
        overrides: parse_overrides("Position=comments, D=ignore").expect("overrides"),
        ..TrackerOptions::default()
    };
    let t = read_tracker(csv.as_bytes(), TrackerFormat::Csv, &options).expect("reads");
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert!(
        t.document
            .items
            .iter()
            .all(|i| i.position.is_none() && i.updated_on.is_none())
    );
    assert_eq!(t.document.items[1].responses[0].text, "Maybe later");
    // And a column with other wording can be named the update day.
    let csv = "Ref,Recommendation,Reviewed\n1,Nominate a dedicated officer.,2014-10-03\n";
    let options = TrackerOptions {
        overrides: parse_overrides("Reviewed=updated").expect("overrides"),
        ..TrackerOptions::default()
    };
    let t = read_tracker(csv.as_bytes(), TrackerFormat::Csv, &options).expect("reads");
    assert_eq!(
        t.document.items[0].updated_on,
        heed_core::date::Day::parse_iso("2014-10-03")
    );
}
