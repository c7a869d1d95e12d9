//! PDF files read directly: PDFs this test writes by hand (so every byte is known: two
//! pages with a running head and page numbers, a table, a page that is only a picture),
//! password-protected copies made by qpdf, a decompression bomb, and a property test that
//! mutated PDFs never make the reader panic or run away.

use heed_read::{ReadError, ReadOptions, pdf};
use proptest::prelude::*;
use std::fmt::Write as _;

/// A PDF of `pages`, each a list of (x, y, size, text) in Courier-like metrics (every
/// glyph 600/1000 wide), and optionally an image-only page appended.
fn make_pdf(pages: &[Vec<(f64, f64, f64, &str)>], image_page: bool) -> Vec<u8> {
    make_drawn_pdf(pages, &[], image_page)
}

/// [`make_pdf`], with `drawing[k]` (content-stream operators: rules, boxes) drawn on
/// page k before its text.
fn make_drawn_pdf(
    pages: &[Vec<(f64, f64, f64, &str)>],
    drawing: &[&str],
    image_page: bool,
) -> Vec<u8> {
    let mut objs: Vec<String> = Vec::new();
    // 1: catalog, 2: pages, 3: font; pages from 4 on.
    let n = pages.len() + usize::from(image_page);
    let widths = vec!["600"; 224].join(" ");
    objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|k| format!("{} 0 R", 4 + 2 * k)).collect();
    objs.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objs.push(format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [{widths}] >>"
    ));
    let mut image_obj = None;
    for (k, page) in pages.iter().enumerate() {
        let mut content = drawing.get(k).copied().unwrap_or_default().to_string();
        for (x, y, size, text) in page {
            let esc = text
                .replace('\\', "\\\\")
                .replace('(', "\\(")
                .replace(')', "\\)");
            let _ = writeln!(content, "BT /F1 {size} Tf {x} {y} Td ({esc}) Tj ET");
        }
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * k
        ));
        objs.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.chars().count()
        ));
    }
    if image_page {
        let k = pages.len();
        let img = 4 + 2 * n;
        image_obj = Some(img);
        let content = "q 612 0 0 792 0 0 cm /Im1 Do Q\n";
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 {img} 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * k
        ));
        objs.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (k, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        // Latin-1: each char one byte, as WinAnsi strings are written.
        let obj = format!("{} 0 obj\n{o}\nendobj\n", k + 1);
        out.extend(
            obj.chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')),
        );
    }
    if let Some(img) = image_obj {
        offsets.push(out.len());
        let pixels = vec![0xffu8; 16];
        out.extend_from_slice(
            format!(
                "{img} 0 obj\n<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 16 >>\nstream\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(&pixels);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }
    heed_testkit::pdf::finish(&mut out, &offsets);
    out
}

fn report_pages() -> Vec<Vec<(f64, f64, f64, &'static str)>> {
    vec![
        vec![
            (72.0, 740.0, 9.0, "Panel review of custody 2024"),
            (72.0, 700.0, 14.0, "Recommendations"),
            (72.0, 670.0, 10.0, "Recommendation 1"),
            (
                72.0,
                655.0,
                10.0,
                "The force should publish its custody \u{93}guidance\u{94} by",
            ),
            (72.0, 643.0, 10.0, "April 2025."),
            (72.0, 40.0, 9.0, "1"),
        ],
        vec![
            (72.0, 740.0, 9.0, "Panel review of custody 2024"),
            (72.0, 700.0, 10.0, "Recommendation 2"),
            (
                72.0,
                685.0,
                10.0,
                "The force should train every custody officer in the",
            ),
            (72.0, 673.0, 10.0, "new procedure by March 2026."),
            (72.0, 640.0, 10.0, "Ref"),
            (150.0, 640.0, 10.0, "Owner"),
            (300.0, 640.0, 10.0, "Status"),
            (72.0, 626.0, 10.0, "R1"),
            (150.0, 626.0, 10.0, "Custody lead"),
            (300.0, 626.0, 10.0, "Completed"),
            (72.0, 40.0, 9.0, "2"),
        ],
    ]
}

#[test]
fn a_pdf_is_read_like_its_text_with_pages_named() {
    let bytes = make_pdf(&report_pages(), false);
    let text = pdf::pdf_text(&bytes).expect("pdf");
    assert_eq!(text.pages, 2);
    assert_eq!(text.page_lines.len(), 2);
    assert!(text.text.contains('\x0c'), "{}", text.text);
    // Typographic quotes are plain; the table row arrives as tab-separated cells.
    assert!(text.text.contains("\"guidance\""), "{}", text.text);
    assert!(
        text.text.contains("R1\tCustody lead\tCompleted"),
        "{}",
        text.text
    );
    let doc = heed_read::read(&bytes, &ReadOptions::default()).expect("read");
    let refs: Vec<_> = doc.items.iter().filter_map(|i| i.r#ref.clone()).collect();
    assert!(
        refs.contains(&"1".to_string()) && refs.contains(&"2".to_string()),
        "{doc:#?}"
    );
    let second = doc
        .items
        .iter()
        .find(|i| i.r#ref.as_deref() == Some("2"))
        .expect("recommendation 2");
    assert!(second.text.contains("new procedure"), "{}", second.text);
    assert!(
        !second.text.contains("Panel review"),
        "running head kept: {}",
        second.text
    );
    let (page, line_on_page) = doc.page_of(second.line).expect("a page");
    assert_eq!(page, 2);
    assert!(line_on_page >= 1);
}

#[test]
fn a_page_without_text_is_named_and_a_scan_is_refused() {
    let bytes = make_pdf(&report_pages(), true);
    let doc = heed_read::read(&bytes, &ReadOptions::default()).expect("read");
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.message.contains("without a text layer") && d.message.contains("page 3")),
        "{:?}",
        doc.diagnostics
    );
    let scan = make_pdf(&[], true);
    assert!(matches!(
        heed_read::read(&scan, &ReadOptions::default()),
        Err(ReadError::NoText(1))
    ));
}

#[test]
fn an_owner_password_is_read_and_a_user_password_refused() {
    let Some(qpdf) = heed_testkit::tools::need("qpdf") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("heed-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let plain = dir.join("plain.pdf");
    std::fs::write(&plain, make_pdf(&report_pages(), false)).expect("write");
    for (user, bits) in [
        ("", "128"),
        ("", "256"),
        ("secret", "256"),
        ("secret", "40"),
    ] {
        let out = dir.join(format!("enc-{user}-{bits}.pdf"));
        let status = std::process::Command::new(&qpdf)
            .args(["--allow-weak-crypto", "--encrypt", user, "owner-only", bits])
            .args(if bits == "40" {
                vec!["--extract=n"]
            } else {
                vec!["--extract=n", "--modify=none"]
            })
            .arg("--")
            .arg(&plain)
            .arg(&out)
            .status()
            .expect("qpdf runs");
        assert!(status.success(), "qpdf {user} {bits}");
        let bytes = std::fs::read(&out).expect("read");
        let got = heed_read::read(&bytes, &ReadOptions::default());
        if user.is_empty() {
            let doc = got.unwrap_or_else(|e| panic!("owner-only {bits}-bit: {e}"));
            assert_eq!(doc.items.len(), 2, "owner-only {bits}-bit");
        } else {
            assert!(
                matches!(got, Err(ReadError::Encrypted)),
                "user password {bits}-bit: {got:?}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Real PDFs to mutate: the shared corpus's when it is beside the checkout, else one this
/// test writes.
fn seeds() -> Vec<Vec<u8>> {
    let mut v = vec![make_pdf(&report_pages(), true)];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/pdf");
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        paths.sort();
        for p in paths.into_iter().take(2) {
            if let Ok(b) = std::fs::read(p) {
                v.push(b);
            }
        }
    }
    v
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    Repeat(usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (
            any::<usize>(),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..16),
                Just(b" 0 0 R ".to_vec()),
                Just(b"<< /Length 999999999 >>".to_vec()),
                Just(b"[[[[[[[[[[[[[[[[".to_vec()),
                Just(b" 1 0 obj << /Kids [1 0 R] >> endobj ".to_vec()),
                Just(b"BT /F1 1e30 Tf 1e30 0 0 1e30 0 0 Tm (x) Tj ET".to_vec()),
            ]
        )
            .prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<usize>(), 1usize..64).prop_map(|(a, n)| Mutation::Delete(a, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..64, 1usize..50).prop_map(|(a, n, k)| Mutation::Repeat(a, n, k)),
    ]
}

fn apply(mut b: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        let len = b.len().max(1);
        match m {
            Mutation::Flip(at, v) => {
                let at = at % len;
                if at < b.len() {
                    b[at] ^= v | 1;
                }
            }
            Mutation::Insert(at, bytes) => {
                let at = at % (b.len() + 1);
                b.splice(at..at, bytes.iter().copied());
            }
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(b.len());
                if at < end {
                    b.drain(at..end);
                }
            }
            Mutation::Truncate(at) => b.truncate(at % len),
            Mutation::Repeat(at, n, k) => {
                let at = at % len;
                let end = (at + n).min(b.len());
                let piece = b[at.min(end)..end].to_vec();
                for _ in 0..*k {
                    b.splice(end..end, piece.iter().copied());
                }
            }
        }
    }
    b
}

proptest! {
    // Cases: PROPTEST_CASES (the ten-minute run in crates/heed-read/README.md sets it high).
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn mutated_pdfs_never_panic(pick in any::<usize>(), muts in prop::collection::vec(mutation(), 1..6)) {
        let seeds = seeds();
        let bytes = apply(seeds[pick % seeds.len()].clone(), &muts);
        let started = std::time::Instant::now();
        let _ = heed_read::read(&bytes, &ReadOptions::default());
        prop_assert!(started.elapsed().as_secs() < 30, "took {:?}", started.elapsed());
    }
}

#[test]
fn a_ragged_right_paragraph_is_joined_where_a_long_word_did_not_fit() {
    // Wrapped ragged-right at 78 characters (make_pdf's glyphs are 0.6 of the font size
    // wide): the second line stops 11 characters short of the margin because
    // "commissioned" (12) did not fit, so the break is a wrap, not the paragraph's end.
    // "work." opening a wrapped line is a word, not a list entry.
    let lines = [
        "The chief constable should review custody guidance with the partners it worked",
        "with and publish what it finds each year on its website in a report",
        "commissioned independently of the force and its partners in the partnership",
        "work. The head of the unit should be an officer of senior rank.",
    ];
    for pair in lines.windows(2) {
        let next = pair[1].split(' ').next().unwrap_or_default();
        assert!(pair[0].len() <= 78 && pair[0].len() + 1 + next.len() > 78);
    }
    assert_eq!((lines[0].len(), lines[1].len()), (78, 78 - 11));
    let page: Vec<(f64, f64, f64, &str)> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| (72.0, 700.0 - 12.0 * k as f64, 10.0, *l))
        .collect();
    let text = pdf::pdf_text(&make_pdf(&[page], false)).expect("pdf").text;
    assert!(text.lines().any(|l| l.trim() == lines.join(" ")), "{text}");
}

#[test]
fn a_tab_in_text_whose_spaces_are_typed_starts_a_cell() {
    // An office suite's export of a tab-separated row: spaces are typed, and each tab
    // moves the next cell to a tab stop, however near (here a quarter of a character).
    let page = vec![
        (72.0, 700.0, 10.0, "Key Points"),
        (132.0 + 20.0, 700.0, 10.0, "Actions"),
        (
            72.0,
            688.0,
            10.0,
            "All boroughs to have a nominated officer",
        ),
        (
            72.0 + 240.0 + 2.5,
            688.0,
            10.0,
            "Officers to be named by boroughs",
        ),
    ];
    let text = pdf::pdf_text(&make_pdf(&[page], false)).expect("pdf").text;
    assert!(
        text.lines().any(|l| l.trim()
            == "All boroughs to have a nominated officer\tOfficers to be named by boroughs"),
        "{text}"
    );
}

#[test]
fn the_rows_of_a_ruled_table_follow_each_other_with_wrapped_cells_joined() {
    // Two columns ruled as Heed's own report rules them (a stroked box per cell), rows
    // padded so that the gap between two rows is wider than a line's spacing.
    let mut boxes = String::new();
    for (top, bottom) in [(700.0, 684.0), (684.0, 646.0), (646.0, 630.0)] {
        for (x, w) in [(72.0, 200.0), (272.0, 200.0)] {
            let _ = writeln!(boxes, "{x} {bottom} {w} {} re S", top - bottom);
        }
    }
    let page = vec![
        (75.0, 690.0, 8.5, "Recommendation"),
        (275.0, 690.0, 8.5, "Response"),
        (75.0, 674.0, 8.5, "The force should publish"),
        (75.0, 663.0, 8.5, "its custody guidance."),
        (275.0, 674.0, 8.5, "Accepted."),
        (75.0, 636.0, 8.5, "The force should train."),
        (275.0, 636.0, 8.5, "Under way."),
    ];
    let text = pdf::pdf_text(&make_drawn_pdf(&[page], &[&boxes], false))
        .expect("pdf")
        .text;
    assert!(
        text.contains(
            "Recommendation\tResponse\nThe force should publish its custody guidance.\tAccepted.\nThe force should train.\tUnder way.\n"
        ),
        "{text}"
    );
}

#[test]
fn a_table_row_cut_by_a_page_break_is_read_whole() {
    // The row that opens on page 1 runs on below the header row repeated on page 2, its
    // text continuing mid-sentence; the next row starts afresh.
    let boxes = |rows: &[(f64, f64)]| {
        let mut b = String::new();
        for (top, bottom) in rows {
            for (x, w) in [(72.0, 200.0), (272.0, 200.0)] {
                let _ = writeln!(b, "{x} {bottom} {w} {} re S", top - bottom);
            }
        }
        b
    };
    let first = boxes(&[(700.0, 684.0), (684.0, 60.0)]);
    let second = boxes(&[(700.0, 684.0), (684.0, 668.0), (668.0, 652.0)]);
    let header = [
        (75.0, 690.0, 8.5, "Recommendation"),
        (275.0, 690.0, 8.5, "Response"),
    ];
    let mut one = header.to_vec();
    one.extend([
        (75.0, 674.0, 8.5, "The force should publish its"),
        (275.0, 674.0, 8.5, "Accepted."),
        (72.0, 40.0, 9.0, "1"),
    ]);
    let mut two = header.to_vec();
    two.extend([
        (75.0, 674.0, 8.5, "custody guidance by April."),
        (75.0, 658.0, 8.5, "The force should train."),
        (275.0, 658.0, 8.5, "Under way."),
        (72.0, 40.0, 9.0, "2"),
    ]);
    let bytes = make_drawn_pdf(&[one, two], &[&first, &second], false);
    let text = pdf::pdf_text(&bytes).expect("pdf").text;
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches([' ', '\x0c']))
        .collect();
    assert!(
        lines.contains(&"The force should publish its custody guidance by April.\tAccepted."),
        "{text}"
    );
    assert!(
        lines.contains(&"The force should train.\tUnder way."),
        "{text}"
    );
    assert!(!text.contains("\ncustody"), "{text}");
}

#[test]
fn a_larger_heading_is_marked_and_a_smaller_footnote_kept_apart() {
    // A heading set larger than the body, directly above it; a footnote set smaller,
    // directly below a paragraph.
    let page = vec![
        (72.0, 700.0, 14.0, "1A Fairness and Equality"),
        (72.0, 684.0, 10.0, "Grade and direction of travel follow."),
        (
            72.0,
            660.0,
            10.0,
            "The force has made progress in the area it",
        ),
        (72.0, 648.0, 10.0, "chose to review."),
        (
            72.0,
            639.0,
            7.0,
            "1 Source: force data for the year of the review",
        ),
    ];
    let text = pdf::pdf_text(&make_pdf(&[page], false)).expect("pdf").text;
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(
        lines.windows(3).any(|w| w
            == [
                "## 1A Fairness and Equality",
                "",
                "Grade and direction of travel follow."
            ]),
        "{text}"
    );
    assert!(
        lines
            .windows(2)
            .any(|w| w[0].ends_with("chose to review.") && w[1].is_empty()),
        "{text}"
    );
}

#[test]
fn tab_separated_rows_printed_as_running_text_are_rebuilt_from_tab_stops() {
    // A text file's long tab-separated rows as an office suite prints them: one size of
    // type, ragged right, word spaces typed, a wrapped line ending in the space it broke
    // at, tab stops every 36 points from the margin at 72 (make_pdf's glyphs are 6
    // points wide at size 10), and each cell shown as a text run of its own.
    let long = "Train every custody officer in the new procedure by March 2026 and report on it";
    assert_eq!(long.len(), 79); // ends at 546, where no tab stop is left on the line
    let page = vec![
        (72.0, 700.0, 10.0, "Key points for the panel"),
        (252.0, 700.0, 10.0, "Actions taken"),
        (
            72.0,
            688.0,
            10.0,
            "Publish the custody guidance promptly for all ",
        ),
        // "the officers" ends on the stop at 144: the tab after it had no width.
        (72.0, 676.0, 10.0, "the officers"),
        (144.0, 676.0, 10.0, "Guidance published in May "),
        (72.0, 664.0, 10.0, "2024."),
        // The tab after this row's first cell did not fit: its cell starts the next
        // line on the first stop.
        (72.0, 652.0, 10.0, long),
        (108.0, 640.0, 10.0, "Training under way "),
        (72.0, 628.0, 10.0, "since May."),
        // A row that opens with a tab.
        (108.0, 616.0, 10.0, "No action is needed yet."),
        (72.0, 604.0, 10.0, "Name a lead officer for it"),
        (252.0, 604.0, 10.0, "Named in June this year."),
        (72.0, 592.0, 10.0, "Review the policy on it"),
        (216.0, 592.0, 10.0, "Reviewed in May and June."),
        // Short rows whose words are not spaced: a jump onto a stop is a tab.
        (72.0, 580.0, 10.0, "Grade"),
        (108.0, 580.0, 10.0, "Direction of travel"),
        (72.0, 568.0, 10.0, "0"),
        (108.0, 568.0, 10.0, "15"),
        (144.0, 568.0, 10.0, "28"),
    ];
    let text = pdf::pdf_text(&make_pdf(&[page], false)).expect("pdf").text;
    let lines: Vec<&str> = text.lines().map(|l| l.trim_matches(' ')).collect();
    let want = [
        "Key points for the panel\tActions taken",
        "Publish the custody guidance promptly for all the officers\tGuidance published in May 2024.",
        &format!("{long}\tTraining under way since May."),
        "\tNo action is needed yet.",
        "Name a lead officer for it\tNamed in June this year.",
        "Review the policy on it\tReviewed in May and June.",
        "Grade\tDirection of travel",
        "0\t15\t28",
    ];
    assert_eq!(lines, want, "{text}");
}

#[test]
fn a_row_of_running_text_that_a_page_break_cut_is_read_whole() {
    // Tab-separated rows printed as running text (as in the test above) on two pages:
    // the last line of the first page wraps (it ends in the space it broke at), so the
    // second page's first line, at the margin, goes on with the same row.
    let rows = |y0: f64| {
        vec![
            (
                72.0,
                y0,
                10.0,
                "Publish the custody guidance promptly to all of the officers and the ",
            ),
            (72.0, y0 - 12.0, 10.0, "staff of the force"),
            (216.0, y0 - 12.0, 10.0, "Guidance published in May."),
            (72.0, y0 - 24.0, 10.0, "Name a lead officer for it"),
            (252.0, y0 - 24.0, 10.0, "Named in June this year."),
            (72.0, y0 - 36.0, 10.0, "Review the policy on it"),
            (216.0, y0 - 36.0, 10.0, "Reviewed in May and June."),
        ]
    };
    let mut one = rows(700.0);
    one.extend([
        (
            72.0,
            640.0,
            10.0,
            "Keep a register of the custody officers who are trained and of those who ",
        ),
        (
            72.0,
            628.0,
            10.0,
            "are still to be trained in the procedure of the custody suites and ",
        ),
    ]);
    let mut two = vec![
        (72.0, 700.0, 10.0, "its partners"),
        (180.0, 700.0, 10.0, "Register kept since May and kept "),
        (
            72.0,
            688.0,
            10.0,
            "up to date and checked by the inspectors of the custody suites each month of ",
        ),
        (72.0, 676.0, 10.0, "the year."),
    ];
    two.extend(rows(664.0));
    let text = pdf::pdf_text(&make_pdf(&[one, two], false))
        .expect("pdf")
        .text;
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches([' ', '\x0c']))
        .collect();
    assert!(
        lines.contains(
            &"Keep a register of the custody officers who are trained and of those who are still to be trained in the procedure of the custody suites and its partners\tRegister kept since May and kept up to date and checked by the inspectors of the custody suites each month of the year."
        ),
        "{text}"
    );
    assert_eq!(
        lines.iter().filter(|l| **l == "Publish the custody guidance promptly to all of the officers and the staff of the force\tGuidance published in May.").count(),
        2,
        "{text}"
    );
}

/// Words wrapped greedily into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(l) if l.len() + 1 + word.len() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[test]
fn a_two_column_page_is_read_column_by_column() {
    // A title across the page, two columns of prose with a gutter of 36 points between
    // them (their lines on the same baselines), a page number centred below.
    let left = "The force should publish its custody guidance by April 2025 and review it \
        every year with the partners who work in its custody suites, so that officers and \
        detainees know what is expected of them and the panel can see what changed from \
        one year to the next in each of the suites it visited. The guidance should be \
        written in plain English and published on its website.";
    let right = "The force should train every custody officer in the new procedure by March \
        2026 and keep a record of the training given, so that the inspectors can check at \
        their next visit that no officer works in custody without it, and report to the \
        panel on the numbers trained in each suite every quarter. The record should be \
        kept for six years by the head of custody.";
    let (l, r) = (wrap(left, 36), wrap(right, 36));
    assert!(l.len() >= 10 && r.len() >= 10);
    let mut page: Vec<(f64, f64, f64, String)> = vec![(
        72.0,
        740.0,
        10.0,
        "Annual report of the independent custody panel for the year 2024".to_string(),
    )];
    for (k, t) in l.iter().enumerate() {
        page.push((72.0, 710.0 - 12.0 * k as f64, 10.0, t.clone()));
    }
    for (k, t) in r.iter().enumerate() {
        page.push((324.0, 710.0 - 12.0 * k as f64, 10.0, t.clone()));
    }
    page.push((303.0, 40.0, 10.0, "1".to_string()));
    let page: Vec<(f64, f64, f64, &str)> = page
        .iter()
        .map(|(x, y, s, t)| (*x, *y, *s, t.as_str()))
        .collect();
    let text = pdf::pdf_text(&make_pdf(&[page], false)).expect("pdf").text;
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = |want: &str| lines.iter().position(|l| *l == want);
    let (title, l, r) = (
        at("Annual report of the independent custody panel for the year 2024"),
        at(left),
        at(right),
    );
    assert!(
        title.is_some() && l.is_some() && r.is_some() && title < l && l < r,
        "{text}"
    );
}

#[test]
fn a_footnote_is_page_furniture_and_a_paragraph_reads_on_over_it() {
    // A recommendation cut by a page break, with a footnote (set smaller, opened by its
    // number) and a page number between its halves.
    let body = |y: f64, t: &'static str| (72.0, y, 10.0, t);
    let one = vec![
        (72.0, 740.0, 14.0, "Recommendations"),
        body(700.0, "Recommendation 1"),
        body(
            680.0,
            "The force should review the custody guidance it published in 2019 with",
        ),
        body(
            668.0,
            "the partners who work in its custody suites, and publish what it finds",
        ),
        body(
            656.0,
            "every year on its website, in a report written in plain English for the",
        ),
        (
            72.0,
            90.0,
            7.0,
            "1 The guidance of 2019 was issued by the chief constable.",
        ),
        (72.0, 81.0, 7.0, "It replaced the guidance of 2012."),
        (300.0, 40.0, 10.0, "1"),
    ];
    let two = vec![
        body(740.0, "public and the panel, by April 2025."),
        body(716.0, "Recommendation 2"),
        body(
            696.0,
            "The force should train every custody officer in the new procedure.",
        ),
        (300.0, 40.0, 10.0, "2"),
    ];
    let bytes = make_pdf(&[one, two], false);
    let text = pdf::pdf_text(&bytes).expect("pdf");
    assert_eq!(text.footnote_lines.len(), 2, "{:?}", text.text);
    let note = text
        .text
        .lines()
        .nth(text.footnote_lines[0] - 1)
        .unwrap_or("");
    assert!(
        note.contains("The guidance of 2019 was issued"),
        "{}",
        text.text
    );
    let doc = heed_read::read(&bytes, &ReadOptions::default()).expect("read");
    let first = doc
        .items
        .iter()
        .find(|i| i.r#ref.as_deref() == Some("1"))
        .expect("recommendation 1");
    assert!(
        first
            .text
            .ends_with("for the public and the panel, by April 2025."),
        "{}",
        first.text
    );
    assert!(!first.text.contains("chief constable"), "{}", first.text);
}

/// A footnote whose mark is set raised, on a row of its own above the note's first line
/// (as a superscript is laid out): the mark and the note are furniture, and the
/// recommendation the page break cut reads on over them.
#[test]
fn a_footnote_whose_mark_stands_on_its_own_row_is_furniture() {
    let body = |y: f64, t: &'static str| (72.0, y, 10.0, t);
    let one = vec![
        (72.0, 740.0, 14.0, "Recommendations"),
        body(700.0, "Recommendation 1"),
        body(
            680.0,
            "The service should compare the fuel each vehicle was sold with the miles",
        ),
        body(
            668.0,
            "it logged, month by month, and ask the driver to explain any purchase that",
        ),
        (72.0, 96.0, 6.0, "7"),
        (
            72.0,
            88.0,
            7.0,
            "The fleet log records miles at each refuelling stop.",
        ),
        (72.0, 79.0, 7.0, "It has done so since the spring of 2020."),
        (300.0, 40.0, 10.0, "1"),
    ];
    let two = vec![
        body(740.0, "the log cannot account for, within a month."),
        (300.0, 40.0, 10.0, "2"),
    ];
    let bytes = make_pdf(&[one, two], false);
    let text = pdf::pdf_text(&bytes).expect("pdf");
    assert_eq!(text.footnote_lines.len(), 3, "{:?}", text.text);
    let doc = heed_read::read(&bytes, &ReadOptions::default()).expect("read");
    let first = doc
        .items
        .iter()
        .find(|i| i.r#ref.as_deref() == Some("1"))
        .expect("recommendation 1");
    assert!(
        first
            .text
            .ends_with("the log cannot account for, within a month."),
        "{}",
        first.text
    );
    assert!(!first.text.contains("refuelling"), "{}", first.text);
}

/// A lone small number with no note under it (a figure's label at the foot of the page)
/// opens no footnote.
#[test]
fn a_lone_small_number_without_a_note_under_it_is_no_footnote() {
    let body = |y: f64, t: &'static str| (72.0, y, 10.0, t);
    let page = vec![
        (72.0, 740.0, 14.0, "Findings"),
        body(
            700.0,
            "The service sold fuel to forty vehicles in the year and checked none of the",
        ),
        body(688.0, "purchases against the miles the vehicles logged."),
        (72.0, 96.0, 6.0, "7"),
        (300.0, 40.0, 10.0, "1"),
    ];
    let text = pdf::pdf_text(&make_pdf(&[page], false)).expect("pdf");
    assert!(text.footnote_lines.is_empty(), "{:?}", text.text);
}

/// Twelve pages of 24 MiB each: every stream under the one-stream cap (32 MiB), all of
/// them together over the document's (256 MiB), from a file of a few hundred KiB.
#[test]
fn streams_that_decompress_hugely_together_are_refused() {
    let bomb = heed_testkit::bombs::flate_pdf(12, 24);
    assert!(bomb.len() < 1 << 20, "the bomb is small: {}", bomb.len());
    match pdf::pdf_text(&bomb) {
        Err(ReadError::Damaged(m)) => assert!(
            m.contains("decompress to more than 256 MiB together"),
            "{m}"
        ),
        other => panic!("expected a refusal, got {:?}", other.map(|t| t.pages)),
    }
    // Under the total, the same streams are read (and found to hold no text).
    assert_eq!(
        heed_read::read(
            &heed_testkit::bombs::flate_pdf(2, 24),
            &ReadOptions::default()
        ),
        Err(ReadError::NoText(2))
    );
}
