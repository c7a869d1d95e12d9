//! PDF files to the text lines the other readers already know, so that a published
//! report is read as it was printed: one line per printed line, a form feed between
//! pages (the line model marks running heads, footers and page numbers from that), table
//! cells separated by tabs, a left-hand column of side headings put before the paragraph
//! it stands beside, ligatures and typographic quotes normalised.
//!
//! lopdf parses the file (cross-reference tables and streams, object streams, filters,
//! decryption); everything after that is here: the content-stream operators are
//! interpreted into positioned glyphs ([`Glyph`]), with each font's codes decoded through
//! its `/ToUnicode` map or its simple encoding, and the glyphs are laid out into lines by
//! their positions. Nothing depends on a system library.
//!
//! Hostile input is bounded: every stream is decompressed against a byte budget, and all
//! the streams read for a document together against another (many small streams that
//! each expand a thousandfold, or one form drawn again and again, are refused, saying so),
//! the number of content operations, glyphs, pages and nested forms is capped, and no
//! input-derived value is unwrapped. What cannot be read on a page is skipped; pages
//! that carry no text at all are reported so that the caller can say so.

mod columns;
mod content;
mod fonts;
mod layout;
mod notes;
mod tables;
mod tabs;

use lopdf::{Document, Object, ObjectId};

use crate::ReadError;
use content::{Interp, Page, deref, page_resources, resource_dict};
use fonts::FontCache;
pub use layout::normalise;
use layout::{Flow, layout_page};
use tables::{continue_split_row, join_across_pages};

/// The most bytes one stream may decompress to.
const MAX_STREAM: usize = 32 * 1024 * 1024;
/// The most bytes the streams read for one document may decompress to together: page
/// contents, forms (each time one is drawn), fonts' `/ToUnicode` maps and OCR's images.
pub const MAX_TOTAL_INFLATED: usize = 256 * 1024 * 1024;
/// The most content-stream operations read in one document (a hang guard).
const MAX_OPERATIONS: usize = 20_000_000;
/// The most glyphs kept on one page.
const MAX_GLYPHS_PER_PAGE: usize = 400_000;
/// The most pages read.
const MAX_PAGES: usize = 5_000;
/// The most objects a file may hold.
const MAX_OBJECTS: usize = 2_000_000;
/// How deeply form XObjects may nest.
const MAX_FORM_DEPTH: usize = 8;

/// A PDF's text, laid out for the line model.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// The pages' lines, pages separated by a form feed.
    pub text: String,
    /// The 1-based line of `text` each page starts on, in page order.
    pub page_lines: Vec<usize>,
    /// 1-based numbers of the pages that carry no text (scans, pictures).
    pub pages_without_text: Vec<usize>,
    /// 1-based numbers of the pages whose text came from OCR.
    pub pages_read_by_ocr: Vec<usize>,
    /// 1-based lines of `text` that are footnotes at the foot of a page.
    pub footnote_lines: Vec<usize>,
    /// The number of pages.
    pub pages: usize,
}

/// The picture of a page without a text layer, for OCR outside the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    /// 1-based page number.
    pub page: usize,
    pub image: Image,
}

/// An image as the PDF holds it, in a form an OCR program reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Image {
    /// A JPEG file's bytes (a `/DCTDecode` image).
    Jpeg(Vec<u8>),
    /// A binary PNM file (PGM for gray, PPM for RGB) made from decoded 8-bit samples.
    Pnm(Vec<u8>),
}

/// Whether the bytes are a PDF file: `%PDF-` near the start, as readers accept it.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// Reads a PDF's text. A file that opens only with a user password is
/// [`ReadError::Encrypted`]; a file lopdf cannot parse is [`ReadError::Damaged`].
pub fn pdf_text(bytes: &[u8]) -> Result<PdfText, ReadError> {
    pdf_text_with_ocr(bytes, &std::collections::BTreeMap::new())
}

/// [`pdf_text`], with text read by OCR standing in for pages that have no text layer.
pub fn pdf_text_with_ocr(
    bytes: &[u8],
    ocr: &std::collections::BTreeMap<usize, String>,
) -> Result<PdfText, ReadError> {
    let doc = open(bytes)?;
    let mut inflated = Inflated::new(MAX_TOTAL_INFLATED);
    let text = layout_document(&doc, ocr, &mut inflated);
    inflated.check()?;
    Ok(text)
}

/// What is left of the bytes all of one document's streams may decompress to together
/// ([`MAX_TOTAL_INFLATED`]); once passed, nothing more is decompressed and the document is
/// refused.
pub(super) struct Inflated {
    left: usize,
    passed: bool,
}

impl Inflated {
    fn new(total: usize) -> Inflated {
        Inflated {
            left: total,
            passed: false,
        }
    }

    /// Whether more may be decompressed.
    pub(super) fn open(&self) -> bool {
        !self.passed
    }

    /// Counts a stream decompressed to `bytes`: its bytes when they fit in what is left,
    /// `None` (and the document refused) when they do not.
    pub(super) fn take(&mut self, bytes: Vec<u8>) -> Option<Vec<u8>> {
        if self.passed || bytes.len() > self.left {
            self.passed = true;
            self.left = 0;
            return None;
        }
        self.left -= bytes.len();
        Some(bytes)
    }

    /// The refusal, when the total was passed.
    fn check(&self) -> Result<(), ReadError> {
        if self.passed {
            return Err(ReadError::Damaged(format!(
                "this PDF's streams decompress to more than {} MiB together (the most Heed reads of one PDF; of one stream, {} MiB), so it was refused",
                MAX_TOTAL_INFLATED >> 20,
                MAX_STREAM >> 20
            )));
        }
        Ok(())
    }
}

/// The largest picture on each page that has no text, for OCR.
pub fn page_images(bytes: &[u8]) -> Result<Vec<PageImage>, ReadError> {
    let doc = open(bytes)?;
    let mut inflated = Inflated::new(MAX_TOTAL_INFLATED);
    let text = layout_document(&doc, &std::collections::BTreeMap::new(), &mut inflated);
    let pages = doc.get_pages();
    let mut out = Vec::new();
    for page in text.pages_without_text {
        let Some(id) = u32::try_from(page).ok().and_then(|p| pages.get(&p)) else {
            continue;
        };
        if let Some(image) = largest_image(&doc, *id, &mut inflated) {
            out.push(PageImage { page, image });
        }
    }
    inflated.check()?;
    Ok(out)
}

fn largest_image(doc: &Document, page_id: ObjectId, inflated: &mut Inflated) -> Option<Image> {
    let resources = page_resources(doc, page_id);
    let xobjects = resource_dict(doc, &resources, b"XObject");
    let mut best: Option<(i64, &lopdf::Stream)> = None;
    for (_, o) in xobjects.iter() {
        let Some(s) = deref(doc, o).and_then(|o| o.as_stream().ok()) else {
            continue;
        };
        if s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() != Some(b"Image") {
            continue;
        }
        let area = int_of(&s.dict, b"Width").saturating_mul(int_of(&s.dict, b"Height"));
        if best.is_none_or(|(a, _)| area > a) {
            best = Some((area, s));
        }
    }
    let (_, s) = best?;
    let filters: Vec<Vec<u8>> = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => vec![],
    };
    if filters.last().is_some_and(|f| f == b"DCTDecode") {
        if filters.len() == 1 {
            return Some(Image::Jpeg(s.content.clone()));
        }
        return None;
    }
    let dim = |k: &[u8]| int_of(&s.dict, k);
    let (w, h) = (dim(b"Width"), dim(b"Height"));
    let bpc = dim(b"BitsPerComponent");
    let comps: i64 = match s.dict.get(b"ColorSpace").and_then(|c| c.as_name()) {
        Ok(b"DeviceGray") => 1,
        Ok(b"DeviceRGB") => 3,
        _ => return None,
    };
    if bpc != 8 || w <= 0 || h <= 0 || w.saturating_mul(h) > 100_000_000 {
        return None;
    }
    let data = if filters.is_empty() {
        s.content.clone()
    } else {
        inflated.take(s.decompressed_content_with_limit(MAX_STREAM).ok()?)?
    };
    let need = usize::try_from(w * h * comps).ok()?;
    if data.len() < need {
        return None;
    }
    let magic = if comps == 1 { "P5" } else { "P6" };
    let mut pnm = format!("{magic}\n{w} {h}\n255\n").into_bytes();
    pnm.extend_from_slice(&data[..need]);
    Some(Image::Pnm(pnm))
}

/// Opens a PDF with lopdf within Heed's limits, decrypting an owner-password-only file.
fn open(bytes: &[u8]) -> Result<Document, ReadError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..lopdf::LoadOptions::default()
    };
    let mut doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::InvalidPassword) => return Err(ReadError::Encrypted),
        Err(e) => return Err(ReadError::Damaged(format!("this PDF cannot be read: {e}"))),
    };
    if doc.objects.len() > MAX_OBJECTS {
        return Err(ReadError::Damaged(format!(
            "this PDF has {} objects, more than the {MAX_OBJECTS} Heed reads",
            doc.objects.len()
        )));
    }
    if doc.is_encrypted() {
        // An owner password only restricts what a reader may do; the text opens with
        // the empty user password. Anything else needs the user's password.
        if doc.decrypt("").is_err() {
            return Err(ReadError::Encrypted);
        }
    }
    Ok(doc)
}

fn layout_document(
    doc: &Document,
    ocr: &std::collections::BTreeMap<usize, String>,
    inflated: &mut Inflated,
) -> PdfText {
    let mut out = PdfText::default();
    let mut fonts = FontCache::default();
    let mut budget = MAX_OPERATIONS;
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut flow = Flow::default();
    for (n, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        if n >= MAX_PAGES || !inflated.open() {
            break;
        }
        let mut page = Page::default();
        let mut interp = Interp {
            doc,
            fonts: &mut fonts,
            page: &mut page,
            budget: &mut budget,
            inflated,
        };
        interp.run_page(page_id);
        let laid = layout_page(&mut page, &mut flow);
        let mut lines = laid.lines;
        if laid.continues
            && let Some(prev) = pages.last_mut()
        {
            join_across_pages(prev, &mut lines);
        }
        if lines.iter().all(|l| l.trim().is_empty())
            && let Some(t) = ocr.get(&(n + 1))
            && !t.trim().is_empty()
        {
            lines = t.lines().map(normalise).collect();
            out.pages_read_by_ocr.push(n + 1);
        }
        if lines.iter().all(|l| l.trim().is_empty()) {
            out.pages_without_text.push(n + 1);
        }
        if let Some(prev) = pages.last_mut() {
            continue_split_row(prev, &mut lines);
        }
        pages.push(lines);
    }
    let mut line_no = 1usize;
    for (n, lines) in pages.iter().enumerate() {
        if n > 0 {
            out.text.push('\x0c');
        }
        out.page_lines.push(line_no);
        out.pages = n + 1;
        for l in lines {
            let l = match l.strip_prefix(layout::NOTE) {
                Some(note) => {
                    out.footnote_lines.push(line_no);
                    note
                }
                None => l,
            };
            out.text.push_str(l);
            out.text.push('\n');
            line_no += 1;
        }
        // The page's last line ends with the newline above; the form feed opens the next
        // page's first line, which keeps the line count equal to the text's.
    }
    out
}

/// An integer entry of a dictionary ("Width", "Height"), 0 when missing or not a number.
fn int_of(dict: &lopdf::Dictionary, key: &[u8]) -> i64 {
    dict.get(key)
        .ok()
        .and_then(|v| v.as_i64().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::fonts::parse_to_unicode;
    use super::*;

    #[test]
    fn to_unicode_ranges_and_chars() {
        let cmap = b"begincmap 2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar
            1 beginbfrange <0024> <0026> <0041> endbfrange
            1 beginbfrange <0030> <0031> [<0078> <0079>] endbfrange endcmap";
        let m = parse_to_unicode(cmap);
        assert_eq!(m.get(&3).map(String::as_str), Some(" "));
        assert_eq!(m.get(&0x11).map(String::as_str), Some("fi"));
        assert_eq!(m.get(&0x25).map(String::as_str), Some("B"));
        assert_eq!(m.get(&0x31).map(String::as_str), Some("y"));
    }

    #[test]
    fn ligatures_and_quotes_are_normalised() {
        assert_eq!(
            normalise("\u{fb01}nd \u{2018}it\u{2019}s\u{201d}"),
            "find 'it's\""
        );
    }

    #[test]
    fn not_a_pdf_is_damaged_not_a_panic() {
        assert!(is_pdf(b"%PDF-1.4\n%junk"));
        assert!(!is_pdf(b"plain text"));
        assert!(matches!(
            pdf_text(b"%PDF-1.4\n garbage"),
            Err(ReadError::Damaged(_))
        ));
    }
}
