//! Real third-party programs for tests, found and run one way: LibreOffice (`soffice`),
//! poppler (`pdftoppm`, `pdftotext`), qpdf and Tesseract. A test that needs one asks
//! [`need`]: when the program is missing it skips with a note, except under `CI=true`,
//! where the absence fails (`scripts/test` installs them all). [`soffice_convert`] is the
//! one way tests convert files with LibreOffice.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The program's path on `PATH`, or `None` (skip the test) when it is missing outside CI.
/// With `CI=true` a missing program fails the test instead.
pub fn need(program: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "{program} is missing and CI=true: scripts/test installs it \
             (libreoffice-writer, libreoffice-calc, poppler-utils, qpdf, tesseract-ocr)"
        );
        eprintln!("skipping: {program} is not installed");
    }
    found
}

/// A directory of its own under the system's temporary folder for each call (named by the
/// process and the time, so calls at the same time from parallel tests never share one).
fn scratch_dir(tag: &str) -> PathBuf {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("heed-{tag}-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a temporary directory");
    dir
}

/// Converts `input` with LibreOffice (`soffice --headless --convert-to TO`, with
/// `--infilter` when given) into a folder beside it named for the target format, and
/// returns the new file. See [`soffice_convert_all`].
pub fn soffice_convert(soffice: &Path, input: &Path, to: &str, infilter: Option<&str>) -> PathBuf {
    let outdir = input
        .parent()
        .expect("input in a directory")
        .join(format!("out-{}", to.replace([':', ' ', '"'], "_")));
    soffice_convert_all(soffice, &[input.to_path_buf()], to, infilter, &outdir)
        .pop()
        .expect("one file converted")
}

/// Converts every file of `inputs` with LibreOffice into `outdir` in one run and returns
/// the new files, in the order of `inputs`. Each call has its own LibreOffice profile, so
/// tests can convert at the same time.
///
/// The profile is made first by a start of its own (`--terminate_after_init`), because
/// LibreOffice may end its very first start in a new profile (as on a just-installed
/// LibreOffice) with a restart, exit status 81, before it converts anything. Files the
/// conversion still did not write are converted once more, and the note printed says so
/// and why.
pub fn soffice_convert_all(
    soffice: &Path,
    inputs: &[PathBuf],
    to: &str,
    infilter: Option<&str>,
    outdir: &Path,
) -> Vec<PathBuf> {
    let profile = scratch_dir("lo-profile");
    let profile_arg = format!("-env:UserInstallation=file://{}", profile.display());
    let _ = Command::new(soffice)
        .arg(&profile_arg)
        .args(["--headless", "--norestore", "--terminate_after_init"])
        .output();
    let convert = |files: &[&PathBuf]| -> Output {
        let mut cmd = Command::new(soffice);
        cmd.arg(&profile_arg)
            .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
            .arg(outdir);
        if let Some(f) = infilter {
            cmd.arg(format!("--infilter={f}"));
        }
        cmd.args(files).output().expect("soffice runs")
    };
    let ext = to.split(':').next().unwrap_or(to);
    let results: Vec<PathBuf> = inputs
        .iter()
        .map(|input| {
            let stem = input.file_stem().expect("file name").to_string_lossy();
            outdir.join(format!("{stem}.{ext}"))
        })
        .collect();
    let missing = || -> Vec<&PathBuf> {
        inputs
            .iter()
            .zip(&results)
            .filter(|(_, made)| !made.is_file())
            .map(|(input, _)| input)
            .collect()
    };
    let mut out = convert(&inputs.iter().collect::<Vec<_>>());
    let first_try = missing();
    if !first_try.is_empty() {
        eprintln!(
            "soffice made no {ext} of {} file(s) on its first run in a fresh profile (status \
             {:?}; a new LibreOffice profile's first start may end in a restart, exit status \
             81, before converting): converting them once more",
            first_try.len(),
            out.status
        );
        out = convert(&first_try);
    }
    let _ = std::fs::remove_dir_all(&profile);
    let still = missing();
    assert!(
        still.is_empty(),
        "soffice made no {ext} of {still:?}, even on a second run: status {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    results
}
