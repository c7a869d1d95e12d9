//! Real third-party programs for tests: LibreOffice (`soffice`) and poppler's
//! `pdftotext`. A test that needs one fails when `CI=true` and the program is missing
//! (the test script installs them), and skips with a note otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The program's path, or `None` (skip) when it is missing outside CI.
pub fn need(program: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "{program} is missing and CI=true: scripts/test installs it (libreoffice-writer, libreoffice-calc, poppler-utils)"
            );
        }
        eprintln!("skipping: {program} is not installed");
    }
    found
}

/// A fresh directory under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("heed-{tag}-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Converts `input` with LibreOffice (`soffice --headless --convert-to TO`) into `outdir`
/// and returns the new file. Each call has its own LibreOffice profile, so tests can run
/// at the same time.
///
/// A profile is made by a start of its own first (`--terminate_after_init`): LibreOffice
/// may end its very first start in a new profile with a restart (exit status 81) before it
/// converts anything, which made a conversion on a just-installed LibreOffice fail once in
/// a while. A conversion that still leaves no file is tried once more.
pub fn soffice_convert(soffice: &Path, input: &Path, to: &str, infilter: Option<&str>) -> PathBuf {
    let outdir = input
        .parent()
        .expect("input in a directory")
        .join(format!("out-{}", to.replace([':', ' ', '"'], "_")));
    let profile = temp_dir("lo-profile");
    let profile_arg = format!("-env:UserInstallation=file://{}", profile.display());
    let _ = Command::new(soffice)
        .arg(&profile_arg)
        .args(["--headless", "--norestore", "--terminate_after_init"])
        .output();
    let convert = || {
        let mut cmd = Command::new(soffice);
        cmd.arg(&profile_arg)
            .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
            .arg(&outdir);
        if let Some(f) = infilter {
            cmd.arg(format!("--infilter={f}"));
        }
        cmd.arg(input).output().expect("soffice runs")
    };
    let ext = to.split(':').next().unwrap_or(to);
    let stem = input
        .file_stem()
        .expect("file name")
        .to_string_lossy()
        .into_owned();
    let result = outdir.join(format!("{stem}.{ext}"));
    let mut out = convert();
    if !result.is_file() {
        out = convert();
    }
    assert!(
        result.is_file(),
        "soffice made no {ext}: status {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&profile);
    result
}
