//! `heed extract FILE... [--format json|text]`: reads reports and prints what was found.
//!
//! Every file is tried even when an earlier one fails; each failure is one line on
//! standard error naming the file. The exit code is 1 when some file yielded nothing.

use crate::contract;
use anyhow::Result;
use heed_core::Document;
use heed_read::{ReadError, ReadOptions};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Report files (.txt, .md, .html, .htm, .docx, .pdf); `-` reads standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// `json`: the extraction contract (one object per file; an array for several files).
    /// `text`: a readable summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The document's date (YYYY-MM-DD), for relative deadlines such as "within six months".
    #[arg(long, value_parser = parse_day)]
    date: Option<heed_core::date::Day>,
    /// Read the pages of a PDF that have no text layer (scans) with Tesseract
    /// (Debian package tesseract-ocr).
    #[arg(long)]
    ocr: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Json,
    Text,
}

fn parse_day(s: &str) -> Result<heed_core::date::Day, String> {
    heed_core::date::Day::parse_iso(s)
        .ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

/// Reads a file's bytes, with a message that names it.
pub fn read_bytes(path: &PathBuf) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("standard input: {e}"))?;
        return Ok(buf);
    }
    let name = path.display();
    if path.is_dir() {
        return Err(format!("{name}: is a directory, not a report file"));
    }
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{name}: no such file"),
        std::io::ErrorKind::PermissionDenied => format!("{name}: permission denied"),
        _ => format!("{name}: {e}"),
    })
}

/// Reads one file into a document, or says in one line why not.
/// With `ocr`, the pages of a PDF that have no text layer are read by OCR.
pub fn extract_file(path: &PathBuf, options: &ReadOptions, ocr: bool) -> Result<Document, String> {
    let bytes = read_bytes(path)?;
    let name = path.display();
    let mut options = options.clone();
    if ocr {
        options.ocr = crate::ocr::ocr_pages(&bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    heed_read::read_owned(bytes, &options).map_err(|e: ReadError| format!("{name}: {e}"))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let options = ReadOptions {
        date: args.date,
        ..ReadOptions::default()
    };
    let mut failed = false;
    let mut docs = Vec::new();
    for path in &args.files {
        match extract_file(path, &options, args.ocr) {
            Ok(doc) => {
                let name = if path.as_os_str() == "-" {
                    "standard input".to_string()
                } else {
                    path.display().to_string()
                };
                if !doc.has_findings() {
                    eprintln!("heed: {name}: no recommendations, judgements or glossary found");
                    failed = true;
                }
                for d in &doc.diagnostics {
                    if matches!(args.format, Format::Json) {
                        eprintln!("heed: {name}:{}: {:?}: {}", d.line, d.severity, d.message);
                    }
                }
                docs.push((name, doc));
            }
            Err(msg) => {
                eprintln!("heed: {msg}");
                failed = true;
            }
        }
    }
    // Standard output is line-buffered: pretty JSON would cost a write call per line.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match args.format {
        Format::Json => {
            let values: Vec<contract::Contract> =
                docs.iter().map(|(n, d)| contract::to_json(n, d)).collect();
            if let [one] = values.as_slice() {
                serde_json::to_writer_pretty(&mut out, one)?;
            } else {
                serde_json::to_writer_pretty(&mut out, &values)?;
            }
            writeln!(out)?;
        }
        Format::Text => {
            for (n, d) in &docs {
                write!(out, "{}", contract::to_text(n, d))?;
            }
        }
    }
    out.flush()?;
    // The process ends here: freeing every string of a large document one by one took
    // longer than writing its JSON, and the system takes the memory back at once.
    std::mem::forget(docs);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
