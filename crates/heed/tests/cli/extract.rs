//! The `heed` binary as a user meets it: each test reads like a shell session (a command,
//! what it prints, its exit code). Bad input gets one line naming the file; other files
//! in the same run are still read.

use crate::support::{command, heed, seed, stderr};
use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("heed-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p
}

#[test]
fn extract_json_follows_the_contract() {
    let o = heed(&[
        "extract",
        "--format",
        "json",
        &seed("duty-of-care-response-2013.txt"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    let items = v["items"].as_array().expect("items");
    assert_eq!(items.len(), 10);
    assert_eq!(items[4]["position"], "no_response");
    assert_eq!(items[4]["rag"], "red");
    assert_eq!(items[3]["deadline"], "2013-04");
    assert_eq!(items[9]["see_also"], serde_json::json!(["9"]));
    assert!(v["judgements"].is_array() && v["glossary"].is_array());
}

#[test]
fn extract_text_is_a_readable_summary() {
    let o = heed(&["extract", &seed("cdrp-scrutiny-progress-2005.txt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("recommendation (21)"), "{out}");
    assert!(out.contains("status: completed"), "{out}");
    assert!(
        out.contains("gap in numbering: recommendations 20, 21 and 23 are missing"),
        "{out}"
    );
}

#[test]
fn standard_input_with_dash() {
    let mut child = command()
        .args(["extract", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(
            b"Recommendation 1: Publish the plan.\n\nResponse: Agreed; published in May 2014.\n",
        )
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["items"][0]["text"], "Publish the plan.");
    assert_eq!(v["items"][0]["position"], "accepted");
}

#[test]
fn bad_files_get_one_line_each_and_the_rest_are_read() {
    let empty = tmp("empty.txt", b"");
    let binary = tmp("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00");
    let prose = tmp(
        "prose.txt",
        b"Minutes of the meeting.\n\nThe chair opened the meeting and thanked members.\n",
    );
    let dir = std::env::temp_dir();
    let o = heed(&[
        "extract",
        "--format",
        "json",
        "/no/such/report.txt",
        dir.to_str().expect("utf-8 temp dir"),
        empty.to_str().expect("path"),
        binary.to_str().expect("path"),
        prose.to_str().expect("path"),
        &seed("cmbvr-update-2004.txt"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("/no/such/report.txt: no such file")),
        "{err}"
    );
    assert!(lines.iter().any(|l| l.contains("is a directory")), "{err}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("empty.txt: the file is empty")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("image.png: this is a binary file")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("prose.txt: no recommendations")),
        "{err}"
    );
    // The good file is still read: an array of the documents that could be read.
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let docs = v.as_array().expect("array for several files");
    assert!(
        docs.iter()
            .any(|d| d["items"].as_array().is_some_and(|i| i.len() == 3))
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = heed(&["extract"]);
    assert_eq!(o.status.code(), Some(2));
    let o = heed(&["extract", "--format", "yaml", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
}

/// A PDF whose streams each stay under the one-stream cap but together decompress to more
/// than 256 MiB is refused by extract and import alike, in a line naming the file.
#[test]
fn a_pdf_decompressing_hugely_is_refused_naming_the_file() {
    let s = crate::support::Session::new("pdf-bomb");
    std::fs::write(s.path("bomb.pdf"), heed_testkit::bombs::flate_pdf(12, 24)).expect("write");
    for args in [["extract", "bomb.pdf"], ["import", "bomb.pdf"]] {
        // $ heed extract bomb.pdf
        let r = s.heed(&args).fails();
        assert!(
            r.stderr
                .contains("bomb.pdf: this PDF's streams decompress to more than 256 MiB together"),
            "{args:?}: {}",
            r.stderr
        );
    }
}
