//! Heed's report readers: bytes of a report in, a [`heed_core::Document`] out.
//!
//! Reading is total: a messy report still yields what could be read, plus diagnostics
//! with the line they refer to. `Err` is kept for input that is not a document at all
//! (binary data, nothing but white space). No I/O happens here: callers pass the bytes
//! and, when they know it, the date to read relative phrases against.
//!
//! The pipeline: [`decode`] (bytes to text) → [`lines`] (cleaned lines, furniture marked)
//! → [`blocks`] (headings, rows, bullets, paragraphs) → the recognisers, each of which
//! claims the blocks it understands → [`fields`] (statuses, deadlines, cross-references,
//! positions, RAG) → diagnostics.

pub mod blocks;
pub mod by_number;
pub mod counts;
pub mod decode;
pub mod docx;
pub mod fields;
pub mod flat;
pub mod general;
pub mod inline;
pub mod inspection;
pub mod labels;
pub mod lines;
pub mod listed;
pub mod marked;
pub mod markup;
pub mod numbered;
pub mod pdf;
pub mod positions;
pub mod spaced;
pub mod tables;
pub mod text;

use blocks::Block;
use heed_core::Document;
use heed_core::date::Day;

/// What a caller may tell the reader about the document.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The document's date, when known from outside; relative deadlines ("within the next
    /// six months") are read against it. When `None`, the document's own date is used.
    pub date: Option<Day>,
    /// For a PDF: text read by OCR from the picture of a page without a text layer, by
    /// 1-based page number (the binary's `--ocr` fills it from [`pdf::page_images`]).
    pub ocr: std::collections::BTreeMap<usize, String>,
}

/// Input that is not a document at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The bytes are not text (a NUL byte outside UTF-16, or mostly control characters).
    Binary,
    /// Nothing but white space.
    Empty,
    /// A document container (a Word file, a PDF) that cannot be read: what is wrong with it.
    Damaged(String),
    /// A PDF that opens only with the user's password.
    Encrypted,
    /// A PDF none of whose pages (the number given) has a text layer: a scan.
    NoText(usize),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Binary => {
                f.write_str("this is a binary file, not a text, Markdown or HTML report")
            }
            ReadError::Empty => f.write_str("the file is empty"),
            ReadError::Damaged(what) => f.write_str(what),
            ReadError::NoText(pages) => write!(
                f,
                "none of this PDF's {pages} pages has a text layer (a scan); read it with --ocr"
            ),
            ReadError::Encrypted => f.write_str(
                "this PDF is protected by a password that must be typed to open it; save an unprotected copy and read that",
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// What every recogniser sees: the blocks, which of them are already claimed by another
/// recogniser, and the document's date.
pub struct Context<'a> {
    pub blocks: &'a [Block<'a>],
    /// The document's text.
    pub text: &'a str,
    /// The cleaned lines the blocks were made from, for the few readers that need them
    /// again (lists whose entries share one block).
    pub lines: &'a [lines::Line<'a>],
    /// `claimed[i]` is true once a recogniser has read `blocks[i]`.
    pub claimed: Vec<bool>,
    /// The document's date, for relative deadlines.
    pub date: Option<Day>,
}

impl Context<'_> {
    /// Marks blocks `from..to` as read.
    pub fn claim(&mut self, from: usize, to: usize) {
        for c in &mut self.claimed[from.min(to)..to.min(self.blocks.len())] {
            *c = true;
        }
    }
}

/// Reads one document.
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    // A Word document is a zip; its text is written out as lines the readers know.
    if docx::is_zip(bytes) {
        let text = docx::docx_text(bytes)?.ok_or(ReadError::Binary)?;
        if text.trim().is_empty() {
            return Err(ReadError::Empty);
        }
        return Ok(read_text(&text, options));
    }
    // A PDF is recognised by its bytes; its pages are laid out as lines the readers know.
    if pdf::is_pdf(bytes) {
        return read_pdf(bytes, options);
    }
    let text = decode::decode(bytes)?;
    Ok(read_text(&text, options))
}

/// [`read`] of bytes the caller gives up, so that a text file is not held twice: UTF-8
/// text becomes the document's text in place.
pub fn read_owned(bytes: Vec<u8>, options: &ReadOptions) -> Result<Document, ReadError> {
    if docx::is_zip(&bytes) || pdf::is_pdf(&bytes) {
        return read(&bytes, options);
    }
    let text = decode::decode_owned(bytes)?;
    Ok(read_text(&text, options))
}

/// Reads a PDF: its text laid out as lines, then read as any text is; the document
/// keeps the line each page starts on, and pages without text are named.
fn read_pdf(bytes: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    let pdf = pdf::pdf_text_with_ocr(bytes, &options.ocr)?;
    if pdf.pages_without_text.len() == pdf.pages {
        return Err(if pdf.pages == 0 {
            ReadError::Damaged("this PDF has no pages".into())
        } else {
            ReadError::NoText(pdf.pages)
        });
    }
    let mut doc = read_lines(&pdf.text, options, &pdf.footnote_lines);
    doc.pages = pdf.page_lines;
    if !pdf.pages_read_by_ocr.is_empty() {
        doc.diagnostics.push(heed_core::Diagnostic::warning(
            0,
            format!(
                "read by OCR from the picture of the page, check its words: {}",
                page_list(&pdf.pages_read_by_ocr)
            ),
        ));
    }
    if !pdf.pages_without_text.is_empty() {
        doc.diagnostics.push(heed_core::Diagnostic::warning(
            0,
            format!(
                "{} without a text layer (a scan or a picture), not read (--ocr reads them): {}",
                if pdf.pages_without_text.len() == 1 {
                    "a page"
                } else {
                    "pages"
                },
                page_list(&pdf.pages_without_text)
            ),
        ));
    }
    Ok(doc)
}

/// "3, 7-9, 12".
fn page_list(pages: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < pages.len() {
        let mut j = k;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        out.push(if j > k {
            format!("page {}-{}", pages[k], pages[j])
        } else {
            format!("page {}", pages[k])
        });
        k = j + 1;
    }
    out.join(", ")
}

/// Sorts items by their line, ties kept in the order they came: a stable sort by a small
/// key and then the items moved into place, so that no second array of whole items (a
/// stable sort's buffer) is made.
fn sort_by_line(items: &mut [heed_core::Item]) {
    let mut order: Vec<(usize, usize)> =
        items.iter().enumerate().map(|(k, i)| (i.line, k)).collect();
    order.sort_unstable();
    // `order[p].1` is the item that belongs at `p`: follow each cycle of the permutation.
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        if done[start] {
            continue;
        }
        let mut p = start;
        loop {
            done[p] = true;
            let from = order[p].1;
            if from == start {
                break;
            }
            items.swap(p, from);
            p = from;
        }
    }
}

/// Reads one document that is already text.
pub fn read_text(text: &str, options: &ReadOptions) -> Document {
    read_lines(text, options, &[])
}

/// [`read_text`], with the lines a layout knew to be page furniture (a PDF page's
/// footnotes) marked as such beside those the line model finds by repetition.
fn read_lines(text: &str, options: &ReadOptions, furniture: &[usize]) -> Document {
    let lines::Lines {
        mut lines,
        html_title,
    } = lines::to_lines(text);
    if !furniture.is_empty() {
        for l in &mut lines {
            l.furniture |= furniture.binary_search(&l.no).is_ok();
        }
    }
    let lines = spaced::unspace(flat::unflatten(lines));
    let blocks = blocks::segment(&lines);
    let date = options.date.or_else(|| fields::document_date(&blocks));
    let mut ctx = Context {
        blocks: &blocks,
        text,
        lines: &lines,
        claimed: vec![false; blocks.len()],
        date,
    };
    let mut doc = Document {
        title: fields::title(&blocks, html_title.as_deref()),
        date,
        ..Document::default()
    };
    // Marker-closed recommendations are unambiguous; read them before the inspection
    // reader, whose glossary section would otherwise take the rest of an audit report.
    marked::read(&mut ctx, &mut doc);
    inspection::read(&mut ctx, &mut doc);
    tables::read(&mut ctx, &mut doc);
    tables::read_record_pairs(&mut ctx, &mut doc);
    numbered::read(&mut ctx, &mut doc);
    listed::read(&mut ctx, &mut doc);
    inline::read(&mut ctx, &mut doc);
    by_number::read(&mut ctx, &mut doc);
    // Last, the general reader: numbered, coded and bulleted units nothing else read,
    // taken on evidence.
    general::read(&mut ctx, &mut doc);
    inline::read_named(&mut ctx, &mut doc);
    // A review's record of a dialogue that names some of its recommendations by the
    // paragraphs that made them, with the State's stance on them.
    by_number::cited::read(&mut ctx, &mut doc);
    // Still nothing: a memo that states positions on all of a report's recommendations at
    // once and names some by number.
    by_number::stated::read(&mut ctx, &mut doc);
    // Still nothing: a web listing's records, each opened by its code alone on its line.
    general::read_coded_records(&mut ctx, &mut doc);
    // Nothing found: the unnumbered paragraphs that asked are named, so that nothing found
    // without a diagnostic means no unit in the text asked for anything.
    if doc.items.is_empty() && doc.judgements.is_empty() && doc.glossary.is_empty() {
        let room = 20usize.saturating_sub(doc.diagnostics.len());
        doc.diagnostics
            .extend(general::unnumbered_misses(&ctx, room));
    }
    // Recognisers push in their own order; the document's order is the source's.
    sort_by_line(&mut doc.items);
    positions::cross_answers(&mut doc.items);
    let rag_words = ["RAG", "amber", "Amber", "AMBER"]
        .iter()
        .any(|w| memchr::memmem::find(text.as_bytes(), w.as_bytes()).is_some());
    fields::finish(&mut doc, &blocks, date, rag_words);
    counts::check(&mut doc, text);
    doc
}

#[cfg(test)]
mod tests {
    use heed_core::{Item, ItemKind};

    #[test]
    fn items_sort_by_line_keeping_ties_in_order() {
        let lines = [3, 1, 3, 2, 1, 5, 2, 3];
        let mut items: Vec<Item> = lines
            .iter()
            .enumerate()
            .map(|(k, &l)| Item::new(ItemKind::Recommendation, k.to_string(), l))
            .collect();
        super::sort_by_line(&mut items);
        let got: Vec<(usize, &str)> = items.iter().map(|i| (i.line, i.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "1"),
                (1, "4"),
                (2, "3"),
                (2, "6"),
                (3, "0"),
                (3, "2"),
                (3, "7"),
                (5, "5")
            ]
        );
    }
}
