//! Committee reports, exports and spreadsheet trackers through the binary, on a fresh
//! register: `heed report` writes what `heed extract` reads back, `heed export` writes
//! every item, and a tracker with an unreadable row is refused whole.

use crate::support::{Session, command, seed};
use std::path::Path;
use std::process::Output;

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn extract(path: &Path) -> serde_json::Value {
    let o = command()
        .args(["extract", "--format", "json"])
        .arg(path)
        .output()
        .expect("run heed extract");
    serde_json::from_slice(&o.stdout).expect("extract prints JSON")
}

#[test]
fn a_report_from_the_register_reads_back_as_the_same_items() {
    let r = Session::new("reports-roundtrip").author("test");
    ok(&r.output(&["import", &seed("cdrp-scrutiny-progress-2005.txt")]));
    // The narrative holds the open recommendations only (14 of the 21).
    for (layout, ext, count, first) in [
        ("progress-table", "md", 21, ("1", "completed")),
        ("response-table", "html", 21, ("1", "completed")),
        ("narrative", "md", 14, ("2", "not_started")),
    ] {
        let out = r.path(&format!("{layout}.{ext}"));
        ok(&r.output(&[
            "report",
            "1",
            "--layout",
            layout,
            "--format",
            ext,
            "-o",
            out.to_str().expect("path"),
        ]));
        let back = extract(&out);
        let items = back["items"].as_array().expect("items");
        assert_eq!(items.len(), count, "{layout}.{ext}");
        assert_eq!(items[0]["ref"], first.0, "{layout}.{ext}");
        assert_eq!(items[0]["status"], first.1, "{layout}.{ext}");
    }
    for fmt in ["pdf", "docx", "xlsx", "csv"] {
        let out = r.path(&format!("overview.{fmt}"));
        ok(&r.output(&[
            "report",
            "1",
            "--layout",
            "overview",
            "--format",
            fmt,
            "-o",
            out.to_str().expect("path"),
        ]));
        assert!(
            std::fs::metadata(&out)
                .map(|m| m.len() > 100)
                .unwrap_or(false),
            "{fmt} written"
        );
    }
}

#[test]
fn a_report_as_of_a_past_day_leaves_out_later_updates() {
    let r = Session::new("reports-asof").author("test");
    ok(&r.output(&[
        "import",
        "--date",
        "2013-03-14",
        &seed("duty-of-care-response-2013.txt"),
    ]));
    ok(&r.output(&[
        "update",
        "1",
        "--status",
        "completed",
        "--note",
        "Training delivered.",
        "--on",
        "2014-06-01",
    ]));
    let before = ok(&r.output(&[
        "report",
        "1",
        "--layout",
        "response-table",
        "--as-of",
        "2014-01-01",
    ]));
    let after = ok(&r.output(&[
        "report",
        "1",
        "--layout",
        "response-table",
        "--as-of",
        "2014-07-01",
    ]));
    let completed = |s: &str| s.matches("| Completed |").count();
    assert_eq!(
        completed(&after),
        completed(&before) + 1,
        "{before}\n----\n{after}"
    );
}

#[test]
fn export_writes_every_item() {
    let r = Session::new("reports-export").author("test");
    ok(&r.output(&["import", &seed("london-dv-strategy-2006.txt")]));
    let csv = ok(&r.output(&["export", "--format", "csv"]));
    // Each row starts with the item's id in the register, so it can be found again.
    let header = csv.lines().next().unwrap_or("");
    assert!(
        header
            .trim_start_matches('\u{FEFF}')
            .starts_with("Item id,Ref,"),
        "{header}"
    );
    let ids: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    assert!(ids.contains(&"1") && ids.contains(&"14"), "{csv}");
    assert_eq!(
        csv.lines().filter(|l| l.contains("recommendation")).count(),
        14,
        "{csv}"
    );
    let json = ok(&r.output(&["export", "--format", "json", "--history"]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(14));
}

#[test]
fn spreadsheet_trackers_import_whole_or_not_at_all() {
    let r = Session::new("reports-tracker").author("test");
    let good = r.path("tracker.csv");
    std::fs::write(
        &good,
        "Ref,Recommendation,Lead,Target date,Status,Update\n1,Publish the plan,Head of Policy,31/03/2015,Completed,Published in March.\n2,Train the staff,Head of HR,Q2 2015,In progress,Half trained.\n",
    )
    .expect("write csv");
    let out = ok(&r.output(&["import", good.to_str().expect("path")]));
    assert!(out.contains("columns read as"), "{out}");
    let items = ok(&r.output(&["items", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&items).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(2));

    let bad = r.path("bad.csv");
    std::fs::write(&bad, "Ref,Recommendation,Target date\n1,Do one thing,31/03/2015\n2,,\n3,Do another,not a date at all\n").expect("write csv");
    let o = r.output(&["import", bad.to_str().expect("path")]);
    assert!(
        !o.status.success(),
        "a tracker with unreadable rows is refused"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("row 3: no item text"), "{err}");
    assert!(err.contains("row 4:"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    let items = ok(&r.output(&["items", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&items).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(2), "nothing half-imported");
}

#[test]
fn a_trackers_last_updated_day_dates_each_row() {
    let r = Session::new("reports-tracker-days").author("test");
    let march = r.path("march.csv");
    std::fs::write(
        &march,
        "Ref,Recommendation,Status\n1,Publish the plan,Not started\n2,Train the staff,Not started\n",
    )
    .expect("write csv");
    ok(&r.output(&[
        "import",
        "--date",
        "2015-03-01",
        march.to_str().expect("path"),
    ]));
    // A quarterly tracker dated 30 June whose first row says it was updated in April.
    let june = r.path("june.csv");
    std::fs::write(
        &june,
        "Ref,Recommendation,Accepted?,Status,Last updated,Update\n\
         1,Publish the plan,Yes,Completed,15/04/2015,Published in April.\n\
         2,Train the staff,Partially,In progress,,Half trained.\n",
    )
    .expect("write csv");
    let out = ok(&r.output(&[
        "import",
        "--date",
        "2015-06-30",
        june.to_str().expect("path"),
    ]));
    assert!(
        out.contains("\"Accepted?\"") && out.contains("position"),
        "{out}"
    );
    assert!(
        out.contains("\"Last updated\"") && out.contains("updated"),
        "{out}"
    );
    let show = |item: &str, day: &str| ok(&r.output(&["show", item, "--as-of", day]));
    assert!(show("1", "2015-04-14").contains("status     not_started"));
    let april = show("1", "2015-04-15");
    assert!(april.contains("status     completed"), "{april}");
    assert!(april.contains("position   accepted"), "{april}");
    // The row without a day takes the tracker's date.
    assert!(show("2", "2015-06-29").contains("status     not_started"));
    let june = show("2", "2015-06-30");
    assert!(june.contains("status     in_progress"), "{june}");
    assert!(june.contains("position   partially_accepted"), "{june}");
}
