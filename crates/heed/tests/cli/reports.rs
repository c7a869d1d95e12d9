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

/// An inspection report in HMIC's layout: one graded area with its national grade
/// distribution (how many forces received each grade), and a finding.
const INSPECTION: &str = "# Baseline assessment of Anyshire\n\n# 1A Fairness and Equality in Service Delivery\n\nGrade\tDirection of Travel\nFair\tImproved\n\n#### **National Grade Distribution**\n\nPoor\tFair\tGood\tExcellent\n0\t15\t28\t0\n\n# **Areas for Improvement**\n\n- The force should publish its equality targets.\n";

#[test]
fn the_national_grade_distribution_reaches_the_preview_the_report_and_the_sheet() {
    let r = Session::new("reports-national").author("test");
    r.write("inspection.md", INSPECTION);
    // $ heed import --dry-run --date 2006-10-01 inspection.md
    let preview = ok(&r.output(&[
        "import",
        "--dry-run",
        "--date",
        "2006-10-01",
        "inspection.md",
    ]));
    assert!(
        preview.contains(
            "judgement 1A Fairness and Equality in Service Delivery: grade fair, direction improved; nationally poor 0, fair 15, good 28, excellent 0"
        ),
        "{preview}"
    );
    ok(&r.output(&["import", "--date", "2006-10-01", "inspection.md"]));
    // $ heed report 1 --layout judgements   (Markdown)
    let md = ok(&r.output(&["report", "1", "--layout", "judgements"]));
    assert!(
        md.contains("| Poor | Fair | Good | Excellent |") && md.contains("| 0 | 15 | 28 | 0 |"),
        "{md}"
    );
    // ... and it reads back with the distribution.
    let out = r.path("judgements.md");
    std::fs::write(&out, &md).expect("write");
    let v = extract(&out);
    assert_eq!(
        v["judgements"][0]["national_distribution"],
        serde_json::json!({"poor": 0, "fair": 15, "good": 28, "excellent": 0}),
        "{v}"
    );
    // $ heed report 1 --layout judgements --format csv   (the summary sheet)
    let csv = ok(&r.output(&["report", "1", "--layout", "judgements", "--format", "csv"]));
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or("").trim_start_matches('\u{FEFF}');
    assert!(
        header.ends_with("Nationally poor,Nationally fair,Nationally good,Nationally excellent"),
        "{csv}"
    );
    assert!(
        lines.any(|l| l.starts_with("1A,") && l.ends_with(",0,15,28,0")),
        "{csv}"
    );
}

/// Today as the binary's clock has it (UTC), in ISO form.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    heed_core::date::Day::from_epoch_days(i64::try_from(secs / 86_400).expect("days")).to_string()
}

/// Issue 15: a change is recorded today but takes effect on the day it speaks for; the
/// exports and reports show that day, never the day it was typed in.
#[test]
fn exports_show_the_day_a_change_took_effect_not_the_day_it_was_recorded() {
    let r = Session::new("reports-effective").author("test");
    r.write(
        "report.md",
        "# Inspection of Anyshire\n\nRecommendation 1: publish the targets.\n",
    );
    let before = today();
    ok(&r.output(&["import", "--date", "2005-01-10", "report.md"]));
    // $ heed update 1 --status completed --note "Targets published" --on 2005-06-01
    ok(&r.output(&[
        "update",
        "1",
        "--status",
        "completed",
        "--note",
        "Targets published",
        "--on",
        "2005-06-01",
    ]));
    let recorded = [before, today()];
    // $ heed export --format csv --history
    let csv = ok(&r.output(&["export", "--format", "csv", "--history"]));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{FEFF}')
        .split(',')
        .collect();
    let row = lines.next().unwrap_or("");
    let cells: Vec<&str> = row.split(',').collect();
    let cell = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .and_then(|k| cells.get(k).copied())
            .unwrap_or_else(|| panic!("no {name} column: {csv}"))
    };
    assert_eq!(cell("Updated on"), "2005-06-01", "{csv}");
    assert_eq!(cell("Changed on"), "2005-06-01", "{csv}");
    assert!(csv.contains("2005-01-10 created"), "{csv}");
    assert!(csv.contains("2005-06-01 updated"), "{csv}");
    for day in &recorded {
        assert!(
            !csv.contains(day.as_str()),
            "the recording day {day} in {csv}"
        );
    }
    // $ heed export --format json --history
    let json = ok(&r.output(&["export", "--format", "json", "--history"]));
    for day in &recorded {
        assert!(
            !json.contains(day.as_str()),
            "the recording day {day} in {json}"
        );
    }
    assert!(json.contains("2005-06-01"), "{json}");
    // A report as of a day after the change shows it; as of the day before, not.
    let as_of =
        |day: &str| ok(&r.output(&["report", "1", "--layout", "response-table", "--as-of", day]));
    assert!(
        as_of("2005-06-30").contains("| Completed |"),
        "{}",
        as_of("2005-06-30")
    );
    assert!(
        !as_of("2005-05-31").contains("| Completed |"),
        "{}",
        as_of("2005-05-31")
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
