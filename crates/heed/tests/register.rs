//! The register's subcommands driven as a user would, through the real binary: each test
//! reads like a short shell session in a fresh directory. They check what the binary owns
//! (messages, exit codes, output formats), not what the reader extracts.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Session {
    dir: PathBuf,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Session {
    fn new(name: &str) -> Session {
        let dir = std::env::temp_dir().join(format!("heed-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Session { dir }
    }

    fn write(&self, name: &str, text: &str) -> &Session {
        std::fs::write(self.dir.join(name), text).expect("write file");
        self
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn heed(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_heed"))
            .args(args)
            .current_dir(&self.dir)
            .env_remove("HEED_DATABASE_URL")
            .env("HEED_AUTHOR", "Test User")
            .output()
            .expect("run heed");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    fn fails(self) -> Run {
        assert_ne!(self.code, 0, "expected a failure; stdout: {}", self.stdout);
        assert_eq!(
            self.stderr.trim().lines().count(),
            1,
            "one line: {}",
            self.stderr
        );
        self
    }
}

const REPORT: &str = "# Inspection of Anyshire\n\nRecommendation 1: publish the targets.\n";

#[test]
fn import_twice_then_list() {
    let s = Session::new("twice");
    s.write("a.md", REPORT);
    // $ heed import a.md
    let first = s.heed(&["import", "a.md"]).ok();
    assert!(
        first
            .stdout
            .starts_with("a.md: imported as report 1 into new review 1"),
        "{}",
        first.stdout
    );
    assert!(
        !first.stderr.contains('\u{1b}'),
        "no progress bar when piped: {:?}",
        first.stderr
    );
    assert!(
        Path::new(&s.path("heed.db")).exists(),
        "the default register is ./heed.db"
    );
    // $ heed import a.md
    let again = s.heed(&["import", "a.md"]).ok();
    assert_eq!(
        again.stdout.trim(),
        "a.md: already imported as report 1 (review 1); nothing added"
    );
    // $ heed reviews --format json
    let reviews = s.heed(&["reviews", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&reviews.stdout).expect("json");
    assert_eq!(v[0]["id"], 1);
    assert_eq!(v[0]["reports"], 1);
    // $ heed items --format json   (an array)
    let items = s.heed(&["items", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&items.stdout).expect("json");
    assert!(v.is_array());
    // $ heed items --format csv
    let csv = s
        .heed(&[
            "items",
            "--format",
            "csv",
            "--overdue",
            "--as-of",
            "2020-01-01",
        ])
        .ok();
    assert!(
        csv.stdout
            .starts_with("id,review,ref,kind,status,rag,deadline,owner,text")
    );
}

#[test]
fn dry_run_stores_nothing() {
    let s = Session::new("dry");
    s.write("a.md", REPORT);
    let dry = s.heed(&["import", "--dry-run", "a.md"]).ok();
    assert!(dry.stdout.contains("would import"), "{}", dry.stdout);
    let reviews = s.heed(&["reviews", "--format", "json"]).ok();
    assert_eq!(reviews.stdout.trim(), "[]");
}

#[test]
fn errors_name_the_file_or_url() {
    let s = Session::new("errors");
    // $ heed import missing.md
    let r = s.heed(&["import", "missing.md"]).fails();
    assert!(r.stderr.contains("missing.md: "), "{}", r.stderr);
    // $ heed --database mysql://host/db items
    let r = s.heed(&["--database", "mysql://host/db", "items"]).fails();
    assert!(r.stderr.contains("mysql://host/db"), "{}", r.stderr);
    // $ heed --database junk.db reviews
    s.write("junk.db", &"not a database ".repeat(500));
    let r = s.heed(&["--database", "junk.db", "reviews"]).fails();
    assert!(
        r.stderr.contains("junk.db: not a Heed database"),
        "{}",
        r.stderr
    );
    // $ heed --database postgres://heed:secret@127.0.0.1:1/heed reviews
    let r = s
        .heed(&[
            "--database",
            "postgres://heed:secret@127.0.0.1:1/heed",
            "reviews",
        ])
        .fails();
    assert!(
        r.stderr.contains("cannot reach the database server"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("secret"),
        "the password is hidden: {}",
        r.stderr
    );
    // $ heed show 99
    let r = s.heed(&["show", "99"]).fails();
    assert!(r.stderr.contains("no item 99"), "{}", r.stderr);
    // $ heed update 1 --deadline 2014-03   (a deadline change needs a reason)
    let r = s.heed(&["update", "1", "--deadline", "2014-03"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--reason"), "{}", r.stderr);
}

#[test]
fn backup_and_restore() {
    let s = Session::new("backup");
    s.write("a.md", REPORT).write(
        "b.md",
        "# Another report\n\nRecommendation 1: train staff.\n",
    );
    s.heed(&["import", "a.md"]).ok();
    // $ heed backup copy.db
    s.heed(&["backup", "copy.db"]).ok();
    // $ heed backup copy.db   (never overwrites)
    let r = s.heed(&["backup", "copy.db"]).fails();
    assert!(r.stderr.contains("copy.db"), "{}", r.stderr);
    s.heed(&["import", "b.md"]).ok();
    assert_eq!(count_reviews(&s), 2);
    // $ heed restore copy.db
    s.heed(&["restore", "copy.db"]).ok();
    assert_eq!(count_reviews(&s), 1);
}

fn count_reviews(s: &Session) -> usize {
    let r = s.heed(&["reviews", "--format", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    v.as_array().map_or(0, Vec::len)
}
