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
//! Hostile input is bounded: every stream is decompressed against a byte budget, the
//! number of content operations, glyphs, pages and nested forms is capped, and no
//! input-derived value is unwrapped. What cannot be read on a page is skipped; pages
//! that carry no text at all are reported so that the caller can say so.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

use crate::ReadError;

/// The most bytes one stream may decompress to.
const MAX_STREAM: usize = 32 * 1024 * 1024;
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
    Ok(layout_document(&doc, ocr))
}

/// The largest picture on each page that has no text, for OCR.
pub fn page_images(bytes: &[u8]) -> Result<Vec<PageImage>, ReadError> {
    let doc = open(bytes)?;
    let text = layout_document(&doc, &std::collections::BTreeMap::new());
    let pages = doc.get_pages();
    let mut out = Vec::new();
    for page in text.pages_without_text {
        let Some(id) = u32::try_from(page).ok().and_then(|p| pages.get(&p)) else {
            continue;
        };
        if let Some(image) = largest_image(&doc, *id) {
            out.push(PageImage { page, image });
        }
    }
    Ok(out)
}

fn largest_image(doc: &Document, page_id: ObjectId) -> Option<Image> {
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
        s.decompressed_content_with_limit(MAX_STREAM).ok()?
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

/// A glyph (or a run of glyphs decoded together) placed on the page, in points, y up.
#[derive(Debug, Clone)]
struct Glyph {
    x0: f64,
    x1: f64,
    /// Baseline.
    y: f64,
    /// Font size on the page.
    size: f64,
    text: String,
}

/// A drawn rule (a thin rectangle or a stroked line), for table cells.
#[derive(Debug, Clone, Copy)]
struct Rule {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rule {
    fn vertical(&self) -> bool {
        (self.x1 - self.x0) < 2.0 && (self.y1 - self.y0) > 4.0
    }
    fn horizontal(&self) -> bool {
        (self.y1 - self.y0) < 2.0 && (self.x1 - self.x0) > 4.0
    }
}

/// What one page held.
#[derive(Default)]
struct Page {
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
    images: usize,
}

fn layout_document(doc: &Document, ocr: &std::collections::BTreeMap<usize, String>) -> PdfText {
    let mut out = PdfText::default();
    let mut fonts = FontCache::default();
    let mut budget = MAX_OPERATIONS;
    let mut pages: Vec<Vec<String>> = Vec::new();
    for (n, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        if n >= MAX_PAGES {
            break;
        }
        let mut page = Page::default();
        let mut interp = Interp {
            doc,
            fonts: &mut fonts,
            page: &mut page,
            budget: &mut budget,
        };
        interp.run_page(page_id);
        let mut lines = layout_page(&mut page);
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
            out.text.push_str(l);
            out.text.push('\n');
            line_no += 1;
        }
        // The page's last line ends with the newline above; the form feed opens the next
        // page's first line, which keeps the line count equal to the text's.
    }
    out
}

/// A table row that a page break cut: the next page repeats the table's header row,
/// and the row under it continues the previous page's last row (its text opens in
/// lower case, mid-sentence). The continuation's cells are joined to that row's cells,
/// so that the row is read whole on the page where it starts.
fn continue_split_row(prev: &mut [String], next: &mut Vec<String>) {
    let Some(h) = next.iter().position(|l| l.contains('\t')) else {
        return;
    };
    let header = next[h].trim();
    let Some(ph) = prev.iter().position(|l| l.trim() == header) else {
        return;
    };
    // The previous page's last table line: only lines without cells (a footer, a page
    // number) may follow it.
    let Some(p) = prev.iter().rposition(|l| l.contains('\t')) else {
        return;
    };
    let Some(c) = (h + 1..next.len()).find(|&k| !next[k].trim().is_empty()) else {
        return;
    };
    let width = header.split('\t').count();
    // Spaces only: an empty last cell is a trailing tab, which `trim` would drop.
    let cells = |l: &str| -> Vec<String> {
        l.trim_matches(' ')
            .split('\t')
            .map(str::to_string)
            .collect()
    };
    let (mut row, cont) = (cells(&prev[p]), cells(&next[c]));
    let opens_lower = cont
        .iter()
        .find(|t| !t.trim().is_empty())
        .and_then(|t| t.trim().chars().next())
        .is_some_and(char::is_lowercase);
    if p <= ph || row.len() != width || cont.len() != width || !opens_lower {
        return;
    }
    for (cell, more) in row.iter_mut().zip(&cont) {
        if !more.trim().is_empty() {
            join_wrapped(cell, more.trim());
        }
    }
    let indent = prev[p].len() - prev[p].trim_start().len();
    prev[p] = format!("{}{}", " ".repeat(indent), row.join("\t"));
    next.remove(c);
}

/// A 2-D affine matrix [a b c d e f] as PDF writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    /// self × other (apply self first, then other).
    fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }
    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }
    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }
    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (k, o) in ops.iter().take(6).enumerate() {
            m[k] = num(o)?;
        }
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The graphics and text state that `q`/`Q` save.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<ObjectId>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: Matrix::IDENTITY,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// One font's decoding: codes to text, codes to widths.
struct Font {
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    simple: Vec<String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space to text space (1/1000, or a Type 3 font's matrix).
    scale: f64,
}

impl Font {
    fn text(&self, code: u32) -> Option<&str> {
        if let Some(t) = self.to_unicode.get(&code) {
            return Some(t);
        }
        if !self.two_byte {
            return self.simple.get(code as usize).map(String::as_str);
        }
        None
    }
    fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }
}

#[derive(Default)]
struct FontCache {
    fonts: HashMap<ObjectId, Font>,
    /// Fonts written directly into a resource dictionary get made-up ids.
    next_direct: u32,
}

/// Interprets one page's content streams into glyphs and rules.
struct Interp<'a, 'b> {
    doc: &'a Document,
    fonts: &'b mut FontCache,
    page: &'b mut Page,
    budget: &'b mut usize,
}

impl Interp<'_, '_> {
    fn run_page(&mut self, page_id: ObjectId) {
        let Ok(content) = self.doc.get_page_content_with_limit(page_id, MAX_STREAM) else {
            return;
        };
        let resources = page_resources(self.doc, page_id);
        self.run(&content, &resources, State::default(), 0);
    }

    fn run(&mut self, content: &[u8], resources: &Dictionary, start: State, depth: usize) {
        let fonts = resource_dict(self.doc, resources, b"Font");
        let xobjects = resource_dict(self.doc, resources, b"XObject");
        let mut state = start;
        let mut stack: Vec<State> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut path_start: Option<(f64, f64)> = None;
        let mut path_point: Option<(f64, f64)> = None;
        let mut pending: Vec<Rule> = Vec::new();
        for op in Content::decode_iter(content) {
            let Ok(op) = op else { break };
            if *self.budget == 0 {
                return;
            }
            *self.budget -= 1;
            let o = &op.operands;
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(state.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        state.ctm = m.then(&state.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    if let (Some(name), Some(size)) = (o.first(), o.get(1).and_then(num)) {
                        state.font_size = size;
                        state.font = name.as_name().ok().and_then(|n| self.font_id(&fonts, n));
                    }
                }
                "Tc" => state.char_spacing = o.first().and_then(num).unwrap_or(0.0),
                "Tw" => state.word_spacing = o.first().and_then(num).unwrap_or(0.0),
                "Tz" => state.h_scale = o.first().and_then(num).unwrap_or(100.0) / 100.0,
                "TL" => state.leading = o.first().and_then(num).unwrap_or(0.0),
                "Ts" => state.rise = o.first().and_then(num).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (x, y) = (
                        o.first().and_then(num).unwrap_or(0.0),
                        o.get(1).and_then(num).unwrap_or(0.0),
                    );
                    if op.operator == "TD" {
                        state.leading = -y;
                    }
                    tlm = Matrix::translate(x, y).then(&tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(s, &state, &mut tm);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        state.word_spacing = o.first().and_then(num).unwrap_or(0.0);
                        state.char_spacing = o.get(1).and_then(num).unwrap_or(0.0);
                    }
                    tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(s, &state, &mut tm);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(parts)) = o.first() {
                        for p in parts {
                            match p {
                                Object::String(s, _) => self.show(s, &state, &mut tm),
                                other => {
                                    if let Some(n) = num(other) {
                                        let tx = -n / 1000.0 * state.font_size * state.h_scale;
                                        tm = Matrix::translate(tx, 0.0).then(&tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "re" if o.len() >= 4 => {
                    let v: Vec<f64> = o.iter().take(4).filter_map(num).collect();
                    if v.len() == 4 {
                        let (ax, ay) = state.ctm.apply(v[0], v[1]);
                        let (bx, by) = state.ctm.apply(v[0] + v[2], v[1] + v[3]);
                        pending.push(Rule {
                            x0: ax.min(bx),
                            y0: ay.min(by),
                            x1: ax.max(bx),
                            y1: ay.max(by),
                        });
                    }
                }
                "m" => {
                    if let (Some(x), Some(y)) = (o.first().and_then(num), o.get(1).and_then(num)) {
                        let p = state.ctm.apply(x, y);
                        path_start = Some(p);
                        path_point = Some(p);
                    }
                }
                "l" => {
                    if let (Some(x), Some(y), Some(a)) =
                        (o.first().and_then(num), o.get(1).and_then(num), path_point)
                    {
                        let b = state.ctm.apply(x, y);
                        pending.push(Rule {
                            x0: a.0.min(b.0),
                            y0: a.1.min(b.1),
                            x1: a.0.max(b.0),
                            y1: a.1.max(b.1),
                        });
                        path_point = Some(b);
                    }
                }
                "h" => path_point = path_start,
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    if pending.len() < 10_000 && self.page.rules.len() < 50_000 {
                        // A stroked rectangle is four rules, its edges.
                        let stroked =
                            matches!(op.operator.as_str(), "S" | "s" | "B" | "B*" | "b" | "b*");
                        for r in pending.drain(..) {
                            if stroked && !r.vertical() && !r.horizontal() {
                                let edges = [
                                    Rule { x1: r.x0, ..r },
                                    Rule { x0: r.x1, ..r },
                                    Rule { y1: r.y0, ..r },
                                    Rule { y0: r.y1, ..r },
                                ];
                                self.page.rules.extend(edges);
                            } else {
                                self.page.rules.push(r);
                            }
                        }
                    }
                    pending.clear();
                }
                "n" => pending.clear(),
                "Do" => {
                    if let Some(name) = o.first().and_then(|n| n.as_name().ok()) {
                        self.draw_xobject(&xobjects, name, &state, depth);
                    }
                }
                "BI" => self.page.images += 1,
                _ => {}
            }
        }
    }

    /// Shows a string with the current font: one glyph per code.
    fn show(&mut self, s: &[u8], state: &State, tm: &mut Matrix) {
        let Some(font) = state.font.and_then(|id| self.fonts.fonts.get(&id)) else {
            return;
        };
        let fs = state.font_size;
        let step = if font.two_byte { 2 } else { 1 };
        let mut k = 0;
        while k + step <= s.len() {
            let code = if step == 2 {
                u32::from(s[k]) << 8 | u32::from(s[k + 1])
            } else {
                u32::from(s[k])
            };
            k += step;
            let w0 = font.width(code);
            let trm = tm.then(&state.ctm);
            let (x0, y0) = trm.apply(0.0, state.rise);
            let (x1, _) = trm.apply(w0 * fs * state.h_scale, state.rise);
            // The size of the text on the page: how far one unit of text-space height
            // moves in user space.
            let [_, b, c, d, _, _] = trm.0;
            let size = (c * c + d * d).sqrt() * fs.abs();
            let upright = b.abs() < 1e-3 * (1.0 + d.abs()) && c.abs() < 1e-3 * (1.0 + d.abs());
            if let Some(text) = font.text(code)
                && upright
                && d > 0.0
                && size.is_finite()
                && size > 0.5
                && self.page.glyphs.len() < MAX_GLYPHS_PER_PAGE
            {
                self.page.glyphs.push(Glyph {
                    x0: x0.min(x1),
                    x1: x0.max(x1),
                    y: y0,
                    size,
                    text: text.to_string(),
                });
            }
            let mut tx = w0 * fs + state.char_spacing;
            if step == 1 && code == 32 {
                tx += state.word_spacing;
            }
            *tm = Matrix::translate(tx * state.h_scale, 0.0).then(tm);
        }
    }

    fn draw_xobject(&mut self, xobjects: &Dictionary, name: &[u8], state: &State, depth: usize) {
        let Ok(obj) = xobjects.get(name) else { return };
        let Ok((_, obj)) = self.doc.dereference(obj) else {
            return;
        };
        let Ok(stream) = obj.as_stream() else { return };
        let subtype = stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok();
        match subtype {
            Some(b"Image") => self.page.images += 1,
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                let Ok(content) = stream
                    .decompressed_content_with_limit(MAX_STREAM)
                    .or_else(|e| {
                        if stream.dict.get(b"Filter").is_err() {
                            Ok(stream.content.clone())
                        } else {
                            Err(e)
                        }
                    })
                else {
                    return;
                };
                let mut inner = state.clone();
                if let Some(m) = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|m| m.as_array().ok())
                    .and_then(|a| Matrix::from_operands(a))
                {
                    inner.ctm = m.then(&state.ctm);
                }
                let resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| self.doc.dereference(r).ok())
                    .and_then(|(_, r)| r.as_dict().ok())
                    .cloned()
                    .unwrap_or_default();
                self.run(&content, &resources, inner, depth + 1);
            }
            _ => {}
        }
    }

    /// The font a resource name stands for, loaded into the cache once.
    fn font_id(&mut self, fonts: &Dictionary, name: &[u8]) -> Option<ObjectId> {
        let obj = fonts.get(name).ok()?;
        let id = match obj {
            Object::Reference(id) => *id,
            _ => {
                // A font written directly into the resources: give it an id of its own.
                self.fonts.next_direct = self.fonts.next_direct.wrapping_add(1);
                (u32::MAX - self.fonts.next_direct, u16::MAX)
            }
        };
        if !self.fonts.fonts.contains_key(&id) {
            let (_, obj) = self.doc.dereference(obj).ok()?;
            let dict = obj.as_dict().ok()?;
            let font = load_font(self.doc, dict);
            self.fonts.fonts.insert(id, font);
        }
        Some(id)
    }
}

/// The page's resources: its own, or the nearest ancestor's.
fn page_resources(doc: &Document, page_id: ObjectId) -> Dictionary {
    if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
        if let Some(d) = direct {
            return d.clone();
        }
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                return d.clone();
            }
        }
    }
    Dictionary::new()
}

fn resource_dict(doc: &Document, resources: &Dictionary, key: &[u8]) -> Dictionary {
    resources
        .get(key)
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .cloned()
        .unwrap_or_default()
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn load_font(doc: &Document, dict: &Dictionary) -> Font {
    let subtype = dict.get(b"Subtype").and_then(|s| s.as_name()).ok();
    let two_byte = subtype == Some(b"Type0");
    let mut font = Font {
        two_byte,
        to_unicode: HashMap::new(),
        simple: Vec::new(),
        widths: HashMap::new(),
        default_width: if two_byte { 1000.0 } else { 500.0 },
        scale: 0.001,
    };
    if let Some(cmap) = dict
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_stream().ok())
        .and_then(|s| s.decompressed_content_with_limit(MAX_STREAM).ok())
    {
        font.to_unicode = parse_to_unicode(&cmap);
    }
    if two_byte {
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        if let Some(cid) = descendant {
            if let Some(dw) = cid.get(b"DW").ok().and_then(num) {
                font.default_width = dw;
            }
            if let Some(w) = cid
                .get(b"W")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
            {
                read_cid_widths(doc, w, &mut font.widths);
            }
        }
        return font;
    }
    if subtype == Some(b"Type3")
        && let Some(m) = dict
            .get(b"FontMatrix")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(num)
    {
        font.scale = m;
    }
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(num)
        .unwrap_or(0.0);
    if let Some(ws) = dict
        .get(b"Widths")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
    {
        for (k, w) in ws.iter().take(256).enumerate() {
            if let Some(w) = deref(doc, w).and_then(num) {
                font.widths
                    .insert((first.max(0.0) as u32).saturating_add(k as u32), w);
            }
        }
    }
    if let Some(mw) = dict
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(num)
        && mw > 0.0
    {
        font.default_width = mw;
    }
    // The simple encoding: lopdf's tables (standard, WinAnsi, MacRoman, Differences).
    font.simple = match dict.get_font_encoding(doc) {
        Ok(enc) => (0u8..=255)
            .map(|b| enc.bytes_to_string(&[b]).unwrap_or_default())
            .collect(),
        Err(_) => (0u8..=255).map(|b| latin1(b).to_string()).collect(),
    };
    for s in &mut font.simple {
        if s.chars().all(|c| c == '\u{fffd}' || c == '\0') {
            s.clear();
        }
    }
    font
}

fn latin1(b: u8) -> char {
    if (0x20..0x7f).contains(&b) || b >= 0xa0 {
        char::from(b)
    } else {
        ' '
    }
}

/// `/W [c [w1 w2 ...] c1 c2 w ...]`.
fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f64>) {
    let mut k = 0;
    while k < w.len() && out.len() < 100_000 {
        let Some(c) = deref(doc, &w[k]).and_then(num) else {
            return;
        };
        let c = c.max(0.0) as u32;
        match w.get(k + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (j, wv) in ws.iter().enumerate() {
                    if let Some(v) = num(wv) {
                        out.insert(c.saturating_add(j as u32), v);
                    }
                }
                k += 2;
            }
            Some(o) => {
                let (Some(last), Some(v)) = (num(o), w.get(k + 2).and_then(num)) else {
                    return;
                };
                let last = (last.max(0.0) as u32).min(c.saturating_add(65_536));
                for code in c..=last {
                    out.insert(code, v);
                }
                k += 3;
            }
            None => return,
        }
    }
}

/// A `/ToUnicode` CMap's `bfchar` and `bfrange` entries.
fn parse_to_unicode(data: &[u8]) -> HashMap<u32, String> {
    #[derive(PartialEq)]
    enum Tok {
        Hex(Vec<u8>),
        Open,
        Close,
        Word(Vec<u8>),
    }
    let mut toks = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'<' => {
                let end = memchr::memchr(b'>', &data[i + 1..]).map_or(data.len(), |e| i + 1 + e);
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter_map(|b| (*b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
                    .collect();
                toks.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'%' => {
                i = memchr::memchr(b'\n', &data[i..]).map_or(data.len(), |e| i + e);
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !matches!(data[i], b'<' | b'[' | b']' | b'/' | b'%')
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                toks.push(Tok::Word(data[start..i].to_vec()));
            }
        }
        if toks.len() > 2_000_000 {
            break;
        }
    }
    let code = |b: &[u8]| b.iter().take(4).fold(0u32, |a, x| a << 8 | u32::from(*x));
    let text = |b: &[u8]| {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0)))
            .collect();
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{fffd}'))
            .collect::<String>()
    };
    let mut map = HashMap::new();
    let mut k = 0;
    let mut mode = 0u8;
    while k < toks.len() {
        match &toks[k] {
            Tok::Word(w) if w == b"beginbfchar" => mode = 1,
            Tok::Word(w) if w == b"beginbfrange" => mode = 2,
            Tok::Word(w) if w.starts_with(b"end") => mode = 0,
            Tok::Hex(src) if mode == 1 => {
                if let Some(Tok::Hex(dst)) = toks.get(k + 1) {
                    map.insert(code(src), text(dst));
                    k += 1;
                }
            }
            Tok::Hex(lo) if mode == 2 => {
                let (lo_c, hi_c) = match toks.get(k + 1) {
                    Some(Tok::Hex(hi)) => (code(lo), code(hi)),
                    _ => {
                        k += 1;
                        continue;
                    }
                };
                let hi_c = hi_c.min(lo_c.saturating_add(65_535));
                match toks.get(k + 2) {
                    Some(Tok::Hex(dst)) if !dst.is_empty() => {
                        let base = text(dst);
                        let mut chars: Vec<char> = base.chars().collect();
                        for c in lo_c..=hi_c {
                            map.insert(c, chars.iter().collect());
                            if let Some(last) = chars.last_mut() {
                                *last = char::from_u32(*last as u32 + 1).unwrap_or('\u{fffd}');
                            }
                        }
                        k += 2;
                    }
                    Some(Tok::Open) => {
                        let mut j = k + 3;
                        let mut c = lo_c;
                        while let Some(Tok::Hex(dst)) = toks.get(j) {
                            if c <= hi_c {
                                map.insert(c, text(dst));
                            }
                            c = c.saturating_add(1);
                            j += 1;
                        }
                        k = j;
                    }
                    _ => k += 1,
                }
            }
            _ => {}
        }
        k += 1;
        if map.len() > 200_000 {
            break;
        }
    }
    map
}

/// A word: glyphs that touch on one baseline.
#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    /// A space glyph came between this word and the one before it in the content.
    space_before: bool,
}

/// Lays one page's glyphs out as lines of text.
fn layout_page(page: &mut Page) -> Vec<String> {
    let words = words(&page.glyphs);
    let mut lines = group_lines(words);
    let vrules: Vec<Rule> = page.rules.iter().copied().filter(Rule::vertical).collect();
    let hrules: Vec<Rule> = page
        .rules
        .iter()
        .copied()
        .filter(Rule::horizontal)
        .collect();
    // Segments: each line cut at wide gaps or at a vertical rule between two words.
    let mut segmented: Vec<Vec<Segment>> = lines.iter_mut().map(|l| segments(l, &vrules)).collect();
    let sidebar = sidebar_edge(&segmented);
    let mut out_lines: Vec<PLine> = Vec::new();
    let mut side: Vec<(f64, String)> = Vec::new();
    for segs in segmented.iter_mut() {
        if let Some(edge) = sidebar {
            // A side heading: segments wholly left of the body's edge, when the rest of
            // the line starts at the edge (or nothing else is on the line).
            let (left, rest): (Vec<Segment>, Vec<Segment>) = segs
                .drain(..)
                .partition(|s| s.x1 < edge - 2.0 && s.text.chars().any(char::is_alphabetic));
            if !left.is_empty() && rest.iter().all(|s| s.x0 >= edge - 2.0) {
                for s in &left {
                    side.push((s.y, s.text.clone()));
                }
                *segs = rest;
            } else {
                let mut all = left;
                all.extend(rest);
                all.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                *segs = all;
            }
        }
        if segs.is_empty() {
            continue;
        }
        out_lines.push(PLine {
            y: segs[0].y,
            size: segs.iter().map(|s| s.size).fold(0.0, f64::max),
            x0: segs[0].x0,
            x1: segs.iter().map(|s| s.x1).fold(f64::MIN, f64::max),
            y_end: segs[0].y,
            fixed: false,
            lead: segs[0].lead,
            cells: segs.iter().map(|s| (s.x0, s.text.clone())).collect(),
        });
    }
    let mut rows = merge_ruled_rows(out_lines, &hrules, &vrules);
    reflow(&mut rows);
    insert_side_headings(&mut rows, side);
    render(&rows)
}

/// A laid-out line: its cells (one for a plain line) with their left edges.
#[derive(Debug, Clone)]
struct PLine {
    y: f64,
    size: f64,
    x0: f64,
    /// Right edge of the line's last word.
    x1: f64,
    /// Baseline of the last printed line joined into this one.
    y_end: f64,
    /// Part of a ruled table, or a side heading: never joined to another line.
    fixed: bool,
    /// Width of the line's first word as printed.
    lead: f64,
    cells: Vec<(f64, String)>,
}

#[derive(Debug, Clone)]
struct Segment {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// Width of the segment's first word.
    lead: f64,
    text: String,
}

fn words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut saw_blank = false;
    let mut blank_end = f64::MIN;
    let mut blank_y = f64::NAN;
    for g in glyphs {
        let blank = g.text.chars().all(char::is_whitespace);
        if blank {
            saw_blank = true;
            blank_end = blank_end.max(g.x1);
            blank_y = g.y;
        }
        if let Some(w) = cur.as_mut() {
            let same_line = (g.y - w.y).abs() < 0.3 * w.size.max(g.size);
            let gap = g.x0 - w.x1;
            let touching = gap < 0.12 * w.size.min(g.size) && gap > -0.5 * w.size;
            if same_line && touching && !blank {
                w.text.push_str(&g.text);
                w.x1 = w.x1.max(g.x1);
                w.size = w.size.max(g.size);
                continue;
            }
            if let Some(w) = cur.take()
                && !w.text.trim().is_empty()
            {
                words.push(w);
            }
        }
        if !blank {
            cur = Some(Word {
                x0: g.x0,
                x1: g.x1,
                y: g.y,
                size: g.size,
                text: g.text.clone(),
                // Typed spaces join the words they stand between; a space followed by a
                // jump (a line ending in a space, then a word placed further on) does not.
                space_before: saw_blank
                    && (g.y - blank_y).abs() < 0.3 * g.size
                    && g.x0 - blank_end < 0.6 * g.size
                    && g.x0 >= blank_end - 0.5 * g.size,
            });
            saw_blank = false;
            blank_end = f64::MIN;
        }
    }
    if let Some(w) = cur
        && !w.text.trim().is_empty()
    {
        words.push(w);
    }
    words
}

/// Words grouped into lines by baseline, top to bottom, each left to right.
fn group_lines(mut words: Vec<Word>) -> Vec<Vec<Word>> {
    words.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut base = f64::NAN;
    let mut size: f64 = 0.0;
    for w in words {
        let tol = 0.45 * size.min(w.size).max(1.0);
        if lines.is_empty() || (base - w.y).abs() > tol {
            base = w.y;
            size = w.size;
            lines.push(vec![w]);
        } else if let Some(l) = lines.last_mut() {
            size = size.max(w.size);
            l.push(w);
        }
    }
    for l in &mut lines {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // Superscripts sit above the baseline: the line's baseline is its most common.
        if let Some(main) = l.iter().max_by(|a, b| a.size.total_cmp(&b.size)) {
            let y = main.y;
            for w in l.iter_mut() {
                w.y = y;
            }
        }
    }
    lines
}

/// Cuts a line into segments at gaps wider than a justified space could be, or where a
/// vertical rule stands between two words.
fn segments(line: &[Word], vrules: &[Rule]) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    // A justified line spreads its words evenly: when most gaps are wide and alike, they
    // are word spaces, not cell boundaries.
    let gaps: Vec<f64> = line
        .windows(2)
        .map(|p| (p[1].x0 - p[0].x1) / p[0].size.max(1.0))
        .collect();
    let wide: Vec<f64> = gaps
        .iter()
        .copied()
        .filter(|g| (1.0..4.0).contains(g))
        .collect();
    let justified = wide.len() >= 2
        && wide.len() * 2 >= gaps.len()
        && wide.iter().copied().fold(0.0, f64::max)
            <= 1.6 * wide.iter().copied().fold(f64::MAX, f64::min);
    // Where the document types its word spaces (as office suites do), a gap wider than
    // a glyph's side bearing with no space typed in it is a tab: the start of the next cell even
    // when the tab stop was near (a table exported as text, its cells tab-separated).
    let types_spaces = !justified && line.iter().filter(|w| w.space_before).count() >= 3;
    let untyped_word_gap = if types_spaces { 0.15 } else { 1.0 };
    for w in line {
        let first = segs.len() == 1;
        if let Some(s) = segs.last_mut() {
            let gap = w.x0 - s.x1;
            let em = s.size.max(w.size);
            let ruled = vrules.iter().any(|r| {
                r.x0 >= s.x1 - 1.0 && r.x1 <= w.x0 + 1.0 && r.y0 <= w.y + 1.0 && r.y1 >= w.y
            });
            // Spaces the document typed join words however wide; a gap with no space
            // in it is a word space up to a justified line's widest, else a new cell.
            let typed = (w.space_before || justified) && gap < 6.0 * em;
            // A list marker ("1.", "(a)", "II.", a bullet) and its hanging text are one
            // paragraph, not two cells.
            let marker = first && is_list_marker(&s.text) && gap < 8.0 * em;
            if (typed || marker || gap < untyped_word_gap * em) && !ruled {
                if typed && gap > 2.0 * em {
                    s.text.push_str("   ");
                } else if gap > 0.1 * em || w.space_before {
                    s.text.push(' ');
                }
                s.text.push_str(&w.text);
                s.x1 = s.x1.max(w.x1);
                s.size = s.size.max(w.size);
                continue;
            }
        }
        segs.push(Segment {
            x0: w.x0,
            x1: w.x1,
            y: w.y,
            size: w.size,
            lead: w.x1 - w.x0,
            text: w.text.clone(),
        });
    }
    for s in &mut segs {
        s.text = normalise(&s.text);
    }
    segs
}

/// "1.", "12)", "(a)", "iv.", "A.", a bullet glyph: what opens a list entry (a word
/// ending a sentence, "work.", does not).
fn is_list_marker(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() == 1 {
        return matches!(
            t,
            "•" | "-" | "–" | "▪" | "◦" | "o" | "*" | "·" | "\u{f0b7}"
        );
    }
    let inner = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .or_else(|| t.strip_suffix('.'))
        .or_else(|| t.strip_suffix(')'));
    inner.is_some_and(|x| {
        !x.is_empty()
            && x.len() <= 5
            && (x.chars().all(|c| c.is_ascii_digit() || c == '.')
                || x.chars().all(|c| c.is_ascii_alphabetic())
                    && (x.len() == 1 || x.chars().all(|c| "ivxlcIVXLC".contains(c)))
                    && x.len() <= 4)
    })
}

/// Ligatures to their letters, typographic quotes and dashes that split words to plain
/// ones, control characters dropped.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{00ad}' => out.push('-'),
            '\u{00a0}' | '\u{2002}'..='\u{200a}' => out.push(' '),
            '\u{200b}' | '\u{feff}' | '\u{fffd}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The left edge of the body beside a column of side headings, when the page has one:
/// several lines start at one x, and the lines that have text left of it hold only
/// short segments that end before it.
fn sidebar_edge(lines: &[Vec<Segment>]) -> Option<f64> {
    // The body's left edge: where most lines start.
    let mut starts: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        if let Some(s) = l.first() {
            *starts.entry((s.x0 / 3.0).round() as i64).or_default() += 1;
        }
    }
    let (&bin, &count) = starts.iter().max_by_key(|(b, c)| (**c, -**b))?;
    if count < 5 {
        return None;
    }
    let edge = bin as f64 * 3.0 - 4.0;
    // Side headings: words (not bullets or numbers) wholly left of the edge, on a page
    // whose lines do not run across it.
    let wordy = |s: &Segment| s.text.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let mut beside = 0;
    let mut crossing = 0;
    for l in lines {
        if l.len() > 2 {
            // Three or more cells on a line: a table, not side headings.
            return None;
        }
        if l.iter().any(|s| s.x1 < edge - 2.0 && wordy(s)) {
            beside += 1;
        }
        if l.iter().any(|s| s.x0 < edge - 4.0 && s.x1 > edge + 4.0) {
            crossing += 1;
        }
    }
    (beside >= 1 && beside * 3 <= lines.len() && crossing * 4 <= lines.len()).then_some(edge)
}

/// Lines inside one cell row of a ruled table (between two horizontal rules, with
/// vertical rules between the cells) become one line, each cell's text joined.
fn merge_ruled_rows(lines: Vec<PLine>, hrules: &[Rule], vrules: &[Rule]) -> Vec<PLine> {
    if vrules.is_empty() || hrules.is_empty() {
        return lines;
    }
    // The row bands: y ranges between consecutive horizontal rules.
    let mut ys: Vec<f64> = hrules.iter().map(|r| (r.y0 + r.y1) / 2.0).collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    ys.dedup_by(|a, b| (*a - *b).abs() < 1.5);
    let band = |y: f64| -> Option<usize> {
        ys.windows(2)
            .position(|w| y < w[0] && y > w[1])
            .filter(|&k| ys[k] - ys[k + 1] < 400.0)
    };
    let mut out: Vec<PLine> = Vec::new();
    let mut out_band: Vec<Option<usize>> = Vec::new();
    for l in lines {
        let b = band(l.y);
        // The line's cells by the vertical rules left of them.
        let in_table = b.is_some()
            && vrules.iter().any(|r| {
                r.y0 <= l.y + 1.0 && r.y1 >= l.y && r.x0 > l.x0 - 400.0 && r.x0 < l.x0 + 2000.0
            });
        if in_table
            && let (Some(prev), Some(pb)) = (out.last_mut(), out_band.last())
            && *pb == b
        {
            // The row now ends lower: the gap to the next row is measured from here.
            prev.y_end = prev.y_end.min(l.y);
            // Same row: each cell of this line joins the cell of the row whose column
            // it falls in (the column starting at or left of it).
            for (x, t) in l.cells {
                let col = vrules
                    .iter()
                    .filter(|r| r.x0 <= x + 1.0 && r.y0 <= l.y + 1.0 && r.y1 >= l.y)
                    .map(|r| r.x0)
                    .fold(f64::MIN, f64::max);
                let target = prev.cells.iter().rposition(|(cx, _)| {
                    let ccol = vrules
                        .iter()
                        .filter(|r| r.x0 <= cx + 1.0 && r.y0 <= l.y + 1.0 && r.y1 >= l.y)
                        .map(|r| r.x0)
                        .fold(f64::MIN, f64::max);
                    (ccol - col).abs() < 2.0
                });
                match target {
                    Some(k) => {
                        let cell = &mut prev.cells[k].1;
                        join_wrapped(cell, &t);
                    }
                    None => {
                        let pos = prev
                            .cells
                            .iter()
                            .position(|(cx, _)| *cx > x)
                            .unwrap_or(prev.cells.len());
                        prev.cells.insert(pos, (x, t));
                    }
                }
            }
            continue;
        }
        out_band.push(if in_table { b } else { None });
        let mut l = l;
        l.fixed = in_table;
        out.push(l);
    }
    // Each table row gets one cell per column, empty ones included, so that a row whose
    // first cells are blank still lines up with its header.
    for l in out.iter_mut().filter(|l| l.fixed) {
        let mut cols: Vec<f64> = vrules
            .iter()
            .filter(|r| r.y0 <= l.y + 1.0 && r.y1 >= l.y)
            .map(|r| r.x0)
            .collect();
        cols.sort_by(f64::total_cmp);
        cols.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        if cols.len() < 3 {
            continue;
        }
        let mut cells: Vec<(f64, String)> = cols[..cols.len() - 1]
            .iter()
            .map(|x| (*x, String::new()))
            .collect();
        for (x, t) in l.cells.drain(..) {
            let k = cols[..cols.len() - 1]
                .iter()
                .rposition(|c| *c <= x + 1.0)
                .unwrap_or(0);
            join_wrapped(&mut cells[k].1, &t);
        }
        l.x0 = cells.first().map_or(l.x0, |c| c.0);
        l.cells = cells;
    }
    out
}

/// Lines that a paragraph wrapped are joined again: a line that runs to the page's
/// right margin continues on the next one when that is no further indented, set in the
/// same size, close below, and does not open a list entry. A paragraph becomes one line
/// of the text, as it was before it was printed; a hyphen at the break stays
/// ("cost-effective").
fn reflow(rows: &mut Vec<PLine>) {
    let mut ends: Vec<f64> = rows.iter().filter(|r| !r.fixed).map(|r| r.x1).collect();
    if ends.len() < 3 {
        return;
    }
    ends.sort_by(f64::total_cmp);
    let right = ends[ends.len() * 9 / 10];
    let mut out: Vec<PLine> = Vec::with_capacity(rows.len());
    let mut last_y = f64::NAN;
    for r in rows.drain(..) {
        let y = r.y;
        if let Some(a) = out.last_mut()
            && !a.fixed
            && !r.fixed
            && a.x1 + first_word_width(&r) >= right - 0.5 * a.size
            && (r.size - a.size).abs() < 0.15 * a.size
            && last_y - y > 0.0
            && last_y - y < 1.6 * a.size
            && r.x0 <= a.x0 + 1.0 * a.size
            && !r
                .cells
                .first()
                .is_some_and(|(_, t)| t.split_whitespace().next().is_some_and(is_list_marker))
        {
            let mut cells = r.cells.into_iter();
            if let (Some((_, first)), Some((_, last))) = (cells.next(), a.cells.last_mut()) {
                if !last.ends_with('-') || last.ends_with(" -") {
                    last.push(' ');
                }
                last.push_str(&first);
            }
            a.cells.extend(cells);
            a.x1 = r.x1;
            a.y_end = r.y_end;
            last_y = y;
            continue;
        }
        last_y = y;
        out.push(r);
    }
    *rows = out;
}

/// How wide the first word of a line is as printed, with a space before it: the word
/// that did not fit on the line above when the line above was wrapped.
fn first_word_width(r: &PLine) -> f64 {
    r.lead + 0.25 * r.size
}

/// Joins a cell's next line onto it as a wrapped line reads.
fn join_wrapped(cell: &mut String, next: &str) {
    if cell.is_empty() {
        cell.push_str(next);
    } else {
        cell.push(' ');
        cell.push_str(next);
    }
}

/// Side headings go before the paragraph they stand beside: before the first body line
/// at their height, moved back to the start of its paragraph.
fn insert_side_headings(rows: &mut Vec<PLine>, side: Vec<(f64, String)>) {
    if side.is_empty() {
        return;
    }
    // Group consecutive side lines into headings.
    let mut groups: Vec<(f64, f64, Vec<String>)> = Vec::new();
    for (y, t) in side {
        match groups.last_mut() {
            Some((_, last, texts)) if *last - y < 20.0 => {
                *last = y;
                texts.push(t);
            }
            _ => groups.push((y, y, vec![t])),
        }
    }
    for (top, _, texts) in groups.into_iter().rev() {
        let mut at = rows
            .iter()
            .position(|r| r.y <= top + 1.0)
            .unwrap_or(rows.len());
        // Back to the paragraph's first line: while the line above is close.
        while at > 0 && at < rows.len() {
            let gap = rows[at - 1].y - rows[at].y;
            if gap > 1.6 * rows[at].size.max(1.0) || rows[at - 1].y > top + 60.0 {
                break;
            }
            at -= 1;
        }
        let size = rows.get(at).map_or(10.0, |r| r.size);
        let blank = PLine {
            y: top,
            size,
            x0: 0.0,
            x1: 0.0,
            y_end: top,
            fixed: true,
            lead: 0.0,
            cells: vec![],
        };
        let mut insert = vec![blank.clone()];
        for t in texts {
            insert.push(PLine {
                y: top,
                size,
                x0: 0.0,
                x1: 0.0,
                y_end: top,
                fixed: true,
                lead: 0.0,
                cells: vec![(0.0, t)],
            });
        }
        insert.push(blank);
        rows.splice(at..at, insert);
    }
}

/// The lines as text: indentation from the left edge, cells separated by tabs, a blank
/// line where the gap between two lines is wider than a line's spacing.
fn render(rows: &[PLine]) -> Vec<String> {
    let left = rows
        .iter()
        .filter(|r| !r.cells.is_empty())
        .map(|r| r.x0)
        .fold(f64::INFINITY, f64::min);
    let body = body_size(rows);
    let mut out = Vec::with_capacity(rows.len());
    let mut prev: Option<&PLine> = None;
    for r in rows {
        if r.cells.is_empty() {
            if out.last().is_some_and(|l: &String| !l.is_empty()) {
                out.push(String::new());
            }
            prev = None;
            continue;
        }
        // Rows of one ruled table follow each other however padded their cells are.
        let same_table = |p: &PLine| p.fixed && r.fixed && p.cells.len() > 1 && r.cells.len() > 1;
        // A change of type size ends a block: a heading set larger than the text under
        // it, a footnote set smaller than the paragraph above it.
        let resized = |p: &PLine| (p.size - r.size).abs() > 0.15 * p.size.max(r.size);
        if let Some(p) = prev
            && !same_table(p)
            && (p.y_end - r.y > 1.75 * r.size.max(p.size) || resized(p))
            && out.last().is_some_and(|l: &String| !l.is_empty())
        {
            out.push(String::new());
        }
        let indent = if left.is_finite() {
            ((r.x0 - left) / (r.size.max(4.0) * 0.5))
                .round()
                .clamp(0.0, 60.0) as usize
        } else {
            0
        };
        let mut line = " ".repeat(indent);
        if is_heading(r, body) {
            line.push_str("## ");
        }
        for (k, (_, t)) in r.cells.iter().enumerate() {
            if k > 0 {
                line.push('\t');
            }
            line.push_str(t.trim());
        }
        out.push(line);
        prev = Some(r);
    }
    out
}

/// The size most of a page's text is set in (weighted by characters), if any.
fn body_size(rows: &[PLine]) -> Option<f64> {
    let mut by_size: HashMap<i64, usize> = HashMap::new();
    for r in rows {
        let n: usize = r.cells.iter().map(|(_, t)| t.len()).sum();
        *by_size.entry((r.size * 4.0).round() as i64).or_default() += n;
    }
    let (&size, _) = by_size.iter().max_by_key(|(s, n)| (**n, -**s))?;
    Some(size as f64 / 4.0)
}

/// A heading: one short line of words set clearly larger than the page's body text,
/// not closed by a full stop. It is marked as Markdown marks it, so that the readers
/// see the document's sections as they see them in converted text.
fn is_heading(r: &PLine, body: Option<f64>) -> bool {
    let Some(body) = body else { return false };
    let [(_, t)] = r.cells.as_slice() else {
        return false;
    };
    let t = t.trim();
    !r.fixed
        && r.size >= 1.2 * body
        && t.chars().count() <= 120
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !t.ends_with('.')
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
