//! The tracker reader's tests: header words, column mapping, dates, rows that cannot be read.

use super::*;

#[test]
fn header_words() {
    let f = |s: &str| Field::from_header(s);
    assert_eq!(f("Rec No."), Some(Field::Ref));
    assert_eq!(f("Recommendation"), Some(Field::Item));
    assert_eq!(f("Lead officer"), Some(Field::Owner));
    assert_eq!(f("RAG status"), Some(Field::Rag));
    assert_eq!(f("Target date"), Some(Field::Due));
    assert_eq!(f("Progress update"), Some(Field::Update));
    assert_eq!(f("Current status"), Some(Field::Status));
    assert_eq!(f("Comments"), Some(Field::Comments));
    assert_eq!(f("Last updated"), Some(Field::Updated));
    assert_eq!(f("Date of update"), Some(Field::Updated));
    assert_eq!(f("Position"), Some(Field::Position));
    assert_eq!(f("Accepted?"), Some(Field::Position));
    assert_eq!(f("Response position"), Some(Field::Position));
    assert_eq!(f("Current position"), Some(Field::Update));
    assert_eq!(f("Position update"), Some(Field::Update));
    assert_eq!(f("Item id"), Some(Field::Ignore));
    assert_eq!(f("Update"), Some(Field::Update));
    assert_eq!(f("Colour of the sky"), Some(Field::Rag));
    assert_eq!(f("Budget"), None);
}

#[test]
fn a_current_position_column_is_progress_not_the_response_position() {
    let csv = b"Ref,Recommendation,Current position,Status\n\
1,Publish the guidance,Draft with the board; sign-off due in May,In progress\n\
2,Train the staff,Two of five sessions held,In progress\n";
    let t = read_tracker(csv, TrackerFormat::Csv, &TrackerOptions::default()).expect("reads");
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    let doc = t.complete().expect("every row");
    assert_eq!(doc.items.len(), 2);
    assert!(doc.items.iter().all(|i| i.position.is_none()));
    assert!(
        doc.items[1]
            .responses
            .iter()
            .any(|r| r.text.contains("Two of five")),
        "{:?}",
        doc.items[1]
    );
}

#[test]
fn a_quoted_formula_in_heeds_csv_reads_back_as_written() {
    let csv = b"Ref,Recommendation\n1,'=1+1 is not a formula\n2,'plain quote\n";
    let t = read_tracker(csv, TrackerFormat::Csv, &TrackerOptions::default()).expect("reads");
    let doc = t.complete().expect("every row");
    assert_eq!(doc.items[0].text, "=1+1 is not a formula");
    assert_eq!(doc.items[1].text, "'plain quote");
}

/// A crafted workbook: well under a megabyte of zip whose shared strings unpack to
/// 65 MiB, and one whose parts each fit but together do not.
#[test]
fn workbooks_that_unpack_hugely_are_refused() {
    use std::io::Write;
    let bomb = |parts: &[(&str, usize)]| {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let mib = vec![b'a'; 1 << 20];
        for (name, size) in parts {
            w.start_file(*name, deflated).expect("start");
            for _ in 0..*size {
                w.write_all(&mib).expect("write");
            }
        }
        w.finish().expect("finish");
        out.into_inner()
    };
    let one = bomb(&[("[Content_Types].xml", 0), ("xl/sharedStrings.xml", 65)]);
    assert!(one.len() < 1 << 20, "{}", one.len());
    let many = bomb(&[
        ("xl/worksheets/sheet1.xml", 60),
        ("xl/worksheets/sheet2.xml", 60),
        ("xl/worksheets/sheet3.xml", 60),
        ("xl/worksheets/sheet4.xml", 60),
        ("xl/worksheets/sheet5.xml", 60),
    ]);
    for (bytes, says) in [(one, "xl/sharedStrings.xml"), (many, "the whole")] {
        match read_tracker(&bytes, TrackerFormat::Workbook, &TrackerOptions::default()) {
            Err(TrackerError::TooLarge(m)) => assert!(m.contains(says), "{m}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn serial_dates() {
    assert_eq!(day_of_serial(41820.0), Day::new(2014, 6, 30));
    assert_eq!(day_of_serial(45943.5), Day::new(2025, 10, 13));
    assert_eq!(day_of_serial(3.0), None);
}

#[test]
fn letters() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(column_letter(27), "AB");
}

#[test]
fn overrides_parse() {
    let o = parse_overrides("Lead officer=owner, C=ignore").expect("parses");
    assert_eq!(o[0].field, Field::Owner);
    assert_eq!(o[1].column, "C");
    assert!(parse_overrides("Budget=money").is_err());
}
