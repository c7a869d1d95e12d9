//! PDF, written by hand: A4 pages, tables ruled and wrapped with their header repeated on
//! each page, RAG cells filled and named, bar charts drawn as rectangles, and "page n of
//! N" in the footer.
//!
//! Text is set in Liberation Sans, embedded as a per-document subset (see `font.rs`), so
//! any character the font has prints and extracts as itself.
//!
//! The PDF is tagged, for screen readers and reflow: the catalog has /MarkInfo, /Lang,
//! /ViewerPreferences /DisplayDocTitle and XMP metadata with the title; a structure tree (Document; H1 for the title, H2
//! to H4, P, L/LI/Lbl/LBody, Table/TR/TH/TD with column scope, Figure with /Alt saying
//! each chart's numbers) points at marked-content sequences (MCIDs) in the page content,
//! and a /ParentTree maps them back. Rules, fills, the repeated table header and the
//! footer are marked as artifacts.
//!
//! Why not a PDF crate: what a committee report needs is text, lines and filled
//! rectangles, which is a few hundred lines of PDF operators; printpdf and friends bring
//! image stacks, and no program outside the binary is needed at run time.

use super::font::{FontError, PdfFont, Weight};
use crate::model::{Block, Chart, Report, Table, rag_fill, rag_strong};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use std::fmt::Write as _;
use std::io::Write as _;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const MARGIN_TOP: f32 = 56.0;
const MARGIN_BOTTOM: f32 = 60.0;
const BODY_W: f32 = PAGE_W - 2.0 * MARGIN_X;

#[derive(Clone, Copy, PartialEq)]
enum Font {
    Regular,
    Bold,
}

impl Font {
    fn name(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }
}

/// Splits text into lines no wider than `width`; words longer than a line are cut.
fn wrap(text: &str, font: &PdfFont, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0;
    let space = font.char_width(' ') * size / 1000.0;
    for word in text.split_whitespace() {
        let word_w = font.width(word, size);
        if !cur.is_empty() && cur_w + space + word_w <= width {
            cur.push(' ');
            cur.push_str(word);
            cur_w += space + word_w;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if word_w <= width {
            cur = word.to_string();
            cur_w = word_w;
        } else {
            cur_w = 0.0;
            for c in word.chars() {
                let w = font.char_width(c) * size / 1000.0;
                if cur_w + w > width && !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0.0;
                }
                cur.push(c);
                cur_w += w;
            }
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

fn rgb(hex: &str) -> (f32, f32, f32) {
    let v = u32::from_str_radix(hex, 16).unwrap_or(0);
    (
        ((v >> 16) & 0xFF) as f32 / 255.0,
        ((v >> 8) & 0xFF) as f32 / 255.0,
        (v & 0xFF) as f32 / 255.0,
    )
}

/// A node of the structure tree.
struct Elem {
    role: &'static str,
    parent: usize,
    kids: Vec<Kid>,
    /// Alternative text (figures).
    alt: Option<String>,
    /// An attribute dictionary, written as is.
    attrs: Option<String>,
}

enum Kid {
    Elem(usize),
    /// A marked-content sequence on a page.
    Content {
        page: usize,
        mcid: usize,
    },
}

struct Page {
    content: String,
    /// The structure element each MCID on this page belongs to, by MCID.
    mcids: Vec<usize>,
}

/// Lays pages out top to bottom and keeps the structure tree as it goes.
struct Pages {
    pages: Vec<Page>,
    y: f32,
    fonts: [PdfFont; 2],
    /// Element 0 is the Document.
    tree: Vec<Elem>,
}

/// The document's root structure element.
const DOC: usize = 0;

impl Pages {
    fn new() -> Result<Pages, FontError> {
        Ok(Pages {
            pages: vec![Page {
                content: String::new(),
                mcids: Vec::new(),
            }],
            y: PAGE_H - MARGIN_TOP,
            fonts: [PdfFont::new(Weight::Regular)?, PdfFont::new(Weight::Bold)?],
            tree: vec![Elem {
                role: "Document",
                parent: DOC,
                kids: Vec::new(),
                alt: None,
                attrs: None,
            }],
        })
    }
    fn font(&self, f: Font) -> &PdfFont {
        match f {
            Font::Regular => &self.fonts[0],
            Font::Bold => &self.fonts[1],
        }
    }
    fn width(&self, s: &str, f: Font, size: f32) -> f32 {
        self.font(f).width(s, size)
    }
    fn wrap(&self, text: &str, f: Font, size: f32, width: f32) -> Vec<String> {
        wrap(text, self.font(f), size, width)
    }
    fn cur(&mut self) -> &mut String {
        let last = self.pages.len() - 1;
        &mut self.pages[last].content
    }
    fn new_page(&mut self) {
        self.pages.push(Page {
            content: String::new(),
            mcids: Vec::new(),
        });
        self.y = PAGE_H - MARGIN_TOP;
    }
    /// Starts a new page unless `h` points still fit.
    fn need(&mut self, h: f32) {
        if self.y - h < MARGIN_BOTTOM {
            self.new_page();
        }
    }

    /// A new structure element under `parent`.
    fn elem(&mut self, parent: usize, role: &'static str) -> usize {
        let id = self.tree.len();
        self.tree.push(Elem {
            role,
            parent,
            kids: Vec::new(),
            alt: None,
            attrs: None,
        });
        self.tree[parent].kids.push(Kid::Elem(id));
        id
    }
    /// Opens a marked-content sequence belonging to `elem` on the current page.
    fn begin(&mut self, elem: usize) {
        let page = self.pages.len() - 1;
        let mcid = self.pages[page].mcids.len();
        self.pages[page].mcids.push(elem);
        self.tree[elem].kids.push(Kid::Content { page, mcid });
        let role = self.tree[elem].role;
        let _ = writeln!(self.cur(), "/{role} <</MCID {mcid}>> BDC");
    }
    fn end(&mut self) {
        self.cur().push_str("EMC\n");
    }

    /// Text, not tagged (the caller has opened a sequence or an artifact).
    fn raw_text(&mut self, x: f32, y: f32, s: &str, font: Font, size: f32) {
        let mut op = format!("BT /{} {size} Tf {x:.2} {y:.2} Td ", font.name());
        let i = match font {
            Font::Regular => 0,
            Font::Bold => 1,
        };
        self.fonts[i].encode(s, &mut op);
        op.push_str(" Tj ET\n");
        self.cur().push_str(&op);
    }
    /// Text that is content of `elem`.
    fn text(&mut self, x: f32, y: f32, s: &str, font: Font, size: f32, elem: usize) {
        self.begin(elem);
        self.raw_text(x, y, s, font, size);
        self.end();
    }
    fn raw_fill(&mut self, x: f32, y: f32, w: f32, h: f32, hex: &str) {
        let (r, g, b) = rgb(hex);
        let op = format!("q {r:.3} {g:.3} {b:.3} rg {x:.2} {y:.2} {w:.2} {h:.2} re f Q\n");
        self.cur().push_str(&op);
    }
    /// A filled rectangle that is decoration (the text beside it says what it means).
    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, hex: &str) {
        self.cur().push_str("/Artifact BMC\n");
        self.raw_fill(x, y, w, h, hex);
        self.end();
    }
    fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let op = format!("/Artifact BMC\nq 0.45 G 0.5 w {x:.2} {y:.2} {w:.2} {h:.2} re S Q\nEMC\n");
        self.cur().push_str(&op);
    }
    /// A wrapped block of text at the left margin (plus `indent`), as content of `elem`.
    fn lines(
        &mut self,
        text: &str,
        font: Font,
        size: f32,
        indent: f32,
        space_after: f32,
        elem: usize,
    ) {
        let lh = size * 1.3;
        for line in self.wrap(text, font, size, BODY_W - indent) {
            self.need(lh);
            self.y -= lh;
            let y = self.y + size * 0.25;
            self.text(MARGIN_X + indent, y, &line, font, size, elem);
        }
        self.y -= space_after;
    }

    fn table(&mut self, t: &Table) {
        let size = 8.5;
        let lh = size * 1.25;
        let pad = 3.0;
        let n = t.header.len().max(1);
        let total: f32 = if t.widths.len() == n {
            t.widths.iter().map(|w| f32::from(*w)).sum()
        } else {
            n as f32
        };
        let widths: Vec<f32> = (0..n)
            .map(|i| {
                let w = if t.widths.len() == n {
                    f32::from(t.widths[i])
                } else {
                    1.0
                };
                BODY_W * w / total.max(1.0)
            })
            .collect();
        let header_lines: Vec<Vec<String>> = t
            .header
            .iter()
            .zip(&widths)
            .map(|(h, w)| self.wrap(h, Font::Bold, size, w - 2.0 * pad))
            .collect();
        let header_h = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let table = self.elem(DOC, "Table");
        if let Some(c) = &t.caption {
            self.tree[table].attrs = Some(format!("<< /O /Table /Summary {} >>", text_string(c)));
        }
        // The header row is tagged where it first appears; its repeats on later pages
        // are artifacts.
        let mut header_cells: Option<Vec<usize>> = {
            let tr = self.elem(table, "TR");
            Some(
                (0..header_lines.len())
                    .map(|_| {
                        let th = self.elem(tr, "TH");
                        self.tree[th].attrs = Some("<< /O /Table /Scope /Column >>".into());
                        th
                    })
                    .collect(),
            )
        };
        let mut draw_header = |p: &mut Pages| {
            let mut x = MARGIN_X;
            let top = p.y;
            let cells = header_cells.take();
            for (i, (lines, w)) in header_lines.iter().zip(&widths).enumerate() {
                p.fill_rect(x, top - header_h, *w, header_h, "E8E8E8");
                p.stroke_rect(x, top - header_h, *w, header_h);
                for (k, l) in lines.iter().enumerate() {
                    let y = top - pad - (k as f32 + 1.0) * lh + size * 0.25;
                    match cells.as_ref().and_then(|c| c.get(i)) {
                        Some(th) => p.text(x + pad, y, l, Font::Bold, size, *th),
                        None => {
                            p.cur().push_str("/Artifact BMC\n");
                            p.raw_text(x + pad, y, l, Font::Bold, size);
                            p.end();
                        }
                    }
                }
                x += w;
            }
            p.y -= header_h;
        };
        self.need(header_h + lh + 2.0 * pad);
        draw_header(self);
        for row in &t.rows {
            let tr = self.elem(table, "TR");
            let tds: Vec<usize> = row.iter().map(|_| self.elem(tr, "TD")).collect();
            let cells: Vec<(Vec<String>, Font)> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    let font = if c.rag.is_some() {
                        Font::Bold
                    } else {
                        Font::Regular
                    };
                    (self.wrap(&c.text, font, size, w - 2.0 * pad), font)
                })
                .collect();
            let rows_of_lines = cells.iter().map(|(l, _)| l.len()).max().unwrap_or(1);
            let mut done = 0;
            while done < rows_of_lines {
                let room = ((self.y - MARGIN_BOTTOM - 2.0 * pad) / lh).floor().max(0.0) as usize;
                // On a page that holds only the header, take what fits (at least a line),
                // so a header taller than a page cannot loop for ever.
                let fresh = self.y >= PAGE_H - MARGIN_TOP - header_h - 0.01;
                if !fresh && (room == 0 || (done == 0 && room < rows_of_lines.min(3))) {
                    self.new_page();
                    draw_header(self);
                    continue;
                }
                let take = room.max(1).min(rows_of_lines - done);
                let h = take as f32 * lh + 2.0 * pad;
                let top = self.y;
                let mut x = MARGIN_X;
                for (((lines, font), (cell, w)), td) in cells
                    .iter()
                    .zip(row.iter().zip(&widths))
                    .zip(tds.iter().copied())
                {
                    if let Some(r) = cell.rag {
                        self.fill_rect(x, top - h, *w, h, rag_fill(r));
                        // A swatch in the strong colour, so the rating shows even in grey.
                        self.fill_rect(x + *w - 8.0, top - h, 8.0, h, rag_strong(r));
                    }
                    self.stroke_rect(x, top - h, *w, h);
                    for (k, l) in lines.iter().skip(done).take(take).enumerate() {
                        let y = top - pad - (k as f32 + 1.0) * lh + size * 0.25;
                        self.text(x + pad, y, l, *font, size, td);
                    }
                    x += w;
                }
                self.y -= h;
                done += take;
                if done < rows_of_lines {
                    self.new_page();
                    draw_header(self);
                }
            }
        }
        self.y -= 10.0;
    }

    /// A chart is one Figure: its drawing is one marked-content sequence, and its /Alt
    /// says every bar's label and number (the table after it says them too).
    fn chart(&mut self, c: &Chart) {
        let bar_h = 14.0;
        let gap = 5.0;
        let label_w = 110.0;
        let bar_w = BODY_W - label_w - 40.0;
        let h = 18.0 + c.bars.len() as f32 * (bar_h + gap);
        self.need(h + 22.0);
        let figure = self.elem(DOC, "Figure");
        let numbers: Vec<String> = c
            .bars
            .iter()
            .map(|b| format!("{} {}", b.label, b.value))
            .collect();
        self.tree[figure].alt = Some(format!("Bar chart: {}. {}.", c.title, numbers.join(", ")));
        let top = self.y;
        self.begin(figure);
        self.y -= 12.0;
        let title_y = self.y;
        self.raw_text(MARGIN_X, title_y, &c.title, Font::Bold, 10.0);
        self.y -= 8.0;
        let max = c.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f32;
        for b in &c.bars {
            self.y -= bar_h + gap;
            let y = self.y;
            let lw = self.width(&b.label, Font::Regular, 9.0);
            self.raw_text(
                MARGIN_X + label_w - 6.0 - lw,
                y + 4.0,
                &b.label,
                Font::Regular,
                9.0,
            );
            let w = b.value as f32 * bar_w / max;
            if w > 0.0 {
                self.raw_fill(
                    MARGIN_X + label_w,
                    y,
                    w,
                    bar_h,
                    b.rag.map_or("4A5A78", rag_strong),
                );
            }
            self.raw_text(
                MARGIN_X + label_w + w + 4.0,
                y + 4.0,
                &b.value.to_string(),
                Font::Regular,
                9.0,
            );
        }
        self.end();
        self.tree[figure].attrs = Some(format!(
            "<< /O /Layout /Placement /Block /BBox [{MARGIN_X:.2} {:.2} {:.2} {top:.2}] >>",
            self.y,
            MARGIN_X + BODY_W
        ));
        self.y -= 10.0;
    }
}

/// A PDF text string (UTF-16BE), for titles and alternative text in any script.
fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for u in s.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push('>');
    out
}

pub fn write(report: &Report) -> Result<Vec<u8>, FontError> {
    let mut p = Pages::new()?;
    let h1 = p.elem(DOC, "H1");
    p.lines(&report.title, Font::Bold, 17.0, 0.0, 2.0, h1);
    if !report.subtitle.is_empty() {
        let sub = p.elem(DOC, "P");
        p.lines(&report.subtitle, Font::Regular, 10.5, 0.0, 10.0, sub);
    }
    for b in &report.blocks {
        match b {
            Block::Heading { level, text } => {
                let (size, role) = match level {
                    0..=2 => (13.0, "H2"),
                    3 => (11.0, "H3"),
                    _ => (10.0, "H4"),
                };
                // Keep a heading with at least three lines of what follows.
                p.need(size * 1.3 + 40.0);
                p.y -= 8.0;
                let h = p.elem(DOC, role);
                p.lines(text, Font::Bold, size, 0.0, 3.0, h);
            }
            Block::Paragraph(t) => {
                let para = p.elem(DOC, "P");
                p.lines(t, Font::Regular, 10.0, 0.0, 6.0, para);
            }
            Block::Bullets(items) => {
                let list = p.elem(DOC, "L");
                for i in items {
                    let li = p.elem(list, "LI");
                    let lbl = p.elem(li, "Lbl");
                    p.need(13.0);
                    let y = p.y - 13.0 + 2.5;
                    p.text(MARGIN_X + 2.0, y, "•", Font::Regular, 10.0, lbl);
                    let body = p.elem(li, "LBody");
                    p.lines(i, Font::Regular, 10.0, 12.0, 2.0, body);
                }
                p.y -= 4.0;
            }
            Block::Table(t) => p.table(t),
            Block::Chart(c) => p.chart(c),
        }
    }
    let n = p.pages.len();
    for k in 0..n {
        let footer = format!("{} - page {} of {n}", report.title, k + 1);
        let mut op = String::from("/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n");
        op.push_str(&format!("BT /F1 8 Tf {MARGIN_X:.2} 30 Td "));
        p.fonts[0].encode(&footer, &mut op);
        op.push_str(" Tj ET\nEMC\n");
        p.pages[k].content.push_str(&op);
    }
    assemble(&p, &report.title)
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(bytes);
    z.finish().unwrap_or_default()
}

/// The XMP metadata packet: the title and language, which assistive technology and
/// document managers read from here rather than from /Info.
fn xmp(title: &str) -> String {
    let t = super::svg::esc(title);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title><dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language><pdf:Producer>Heed</pdf:Producer><xmp:CreatorTool>Heed</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}'
    )
}

/// The objects of a PDF file, numbered from 1, written with their cross-reference table.
struct Objects(Vec<Vec<u8>>);

impl Objects {
    fn set(&mut self, id: usize, body: impl Into<Vec<u8>>) {
        self.0[id - 1] = body.into();
    }
    fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "<< {dict} /Filter /FlateDecode /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\nendstream");
        out
    }
    fn finish(self, root: usize, info: usize) -> Vec<u8> {
        let size: usize = self.0.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(size + 40 * self.0.len() + 256);
        out.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
        let mut offsets = Vec::with_capacity(self.0.len());
        for (i, o) in self.0.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", self.0.len() + 1);
        for off in offsets {
            // Each entry is exactly 20 bytes, its line break included.
            let _ = writeln!(tail, "{off:010} 00000 n ");
        }
        let _ = write!(
            tail,
            "trailer\n<< /Size {} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.0.len() + 1
        );
        out.extend_from_slice(tail.as_bytes());
        out
    }
}

/// Numbers the objects and writes them: catalog, page tree, information, structure tree
/// root and parent tree, XMP metadata, two fonts (five objects each), each page and its content, then
/// each structure element.
fn assemble(p: &Pages, title: &str) -> Result<Vec<u8>, FontError> {
    const CATALOG: usize = 1;
    const PAGES: usize = 2;
    const INFO: usize = 3;
    const STRUCT_ROOT: usize = 4;
    const PARENT_TREE: usize = 5;
    const METADATA: usize = 6;
    const FONTS: usize = 7;
    let first_page = FONTS + 5 * p.fonts.len();
    let n = p.pages.len();
    let page_id = |i: usize| first_page + 2 * i;
    let first_elem = first_page + 2 * n;
    let elem_id = |e: usize| first_elem + e;
    let mut objects = Objects(vec![Vec::new(); first_elem + p.tree.len() - 1]);

    objects.set(
        CATALOG,
        format!(
            "<< /Type /Catalog /Pages {PAGES} 0 R /Lang (en-GB) /MarkInfo << /Marked true >> /StructTreeRoot {STRUCT_ROOT} 0 R /Metadata {METADATA} 0 R /ViewerPreferences << /DisplayDocTitle true >> >>"
        ),
    );
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", page_id(i))).collect();
    objects.set(
        PAGES,
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
    );
    objects.set(
        INFO,
        format!(
            "<< /Title {} /Producer (Heed) /Creator (Heed) >>",
            text_string(title)
        ),
    );
    objects.set(
        STRUCT_ROOT,
        format!(
            "<< /Type /StructTreeRoot /K [{} 0 R] /ParentTree {PARENT_TREE} 0 R /ParentTreeNextKey {n} >>",
            elem_id(DOC)
        ),
    );
    let mut nums = String::from("<< /Nums [");
    for (i, page) in p.pages.iter().enumerate() {
        let _ = write!(nums, "{i} [");
        for e in &page.mcids {
            let _ = write!(nums, "{} 0 R ", elem_id(*e));
        }
        nums.push_str("] ");
    }
    nums.push_str("] >>");
    objects.set(PARENT_TREE, nums);
    let meta = xmp(title);
    let mut stream = format!(
        "<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n",
        meta.len()
    )
    .into_bytes();
    stream.extend_from_slice(meta.as_bytes());
    stream.extend_from_slice(b"\nendstream");
    objects.set(METADATA, stream);

    for (k, font) in p.fonts.iter().enumerate() {
        let base = FONTS + 5 * k;
        // A subset's name starts with six capital letters and a plus.
        let name = format!("HEEDA{}+{}", char::from(b'A' + k as u8), font.name);
        objects.set(
            base,
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{} 0 R] /ToUnicode {} 0 R >>",
                base + 1,
                base + 4
            ),
        );
        objects.set(
            base + 1,
            format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {} 0 R /CIDToGIDMap /Identity /DW 1000 /W {} >>",
                base + 2,
                font.widths()
            ),
        );
        let (bbox, ascent, descent, cap) = font.metrics();
        objects.set(
            base + 2,
            format!(
                "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{:.0} {:.0} {:.0} {:.0}] /ItalicAngle 0 /Ascent {ascent:.0} /Descent {descent:.0} /CapHeight {cap:.0} /StemV {} /FontFile2 {} 0 R >>",
                bbox[0],
                bbox[1],
                bbox[2],
                bbox[3],
                if k == 0 { 80 } else { 140 },
                base + 3
            ),
        );
        let program = font.subset()?;
        objects.set(
            base + 3,
            Objects::stream(&format!("/Length1 {}", program.len()), &deflate(&program)),
        );
        objects.set(
            base + 4,
            Objects::stream("", &deflate(font.to_unicode().as_bytes())),
        );
    }
    let resources = format!("<< /Font << /F1 {} 0 R /F2 {} 0 R >> >>", FONTS, FONTS + 5);
    for (i, page) in p.pages.iter().enumerate() {
        objects.set(
            page_id(i),
            format!(
                "<< /Type /Page /Parent {PAGES} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources {resources} /Contents {} 0 R /StructParents {i} /Tabs /S >>",
                page_id(i) + 1
            ),
        );
        objects.set(
            page_id(i) + 1,
            Objects::stream("", &deflate(page.content.as_bytes())),
        );
    }
    for (e, elem) in p.tree.iter().enumerate() {
        let mut s = format!("<< /Type /StructElem /S /{} /P ", elem.role);
        if e == DOC {
            let _ = write!(s, "{STRUCT_ROOT} 0 R");
        } else {
            let _ = write!(s, "{} 0 R", elem_id(elem.parent));
        }
        if let Some(alt) = &elem.alt {
            let _ = write!(s, " /Alt {}", text_string(alt));
        }
        if let Some(a) = &elem.attrs {
            let _ = write!(s, " /A {a}");
        }
        s.push_str(" /K [");
        for kid in &elem.kids {
            match kid {
                Kid::Elem(k) => {
                    let _ = write!(s, "{} 0 R ", elem_id(*k));
                }
                Kid::Content { page, mcid } => {
                    let _ = write!(
                        s,
                        "<< /Type /MCR /Pg {} 0 R /MCID {mcid} >> ",
                        page_id(*page)
                    );
                }
            }
        }
        s.push_str("] >>");
        objects.set(elem_id(e), s);
    }
    Ok(objects.finish(CATALOG, INFO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping() {
        let f = PdfFont::new(Weight::Regular).expect("font");
        let lines = wrap("one two three four five six seven", &f, 10.0, 60.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| f.width(l, 10.0) <= 60.0));
        assert_eq!(lines.join(" "), "one two three four five six seven");
        assert_eq!(wrap("", &f, 10.0, 50.0), vec![String::new()]);
        let long = wrap("Łódźaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &f, 10.0, 50.0);
        assert!(long.len() > 2 && long.iter().all(|l| f.width(l, 10.0) <= 50.0));
    }

    #[test]
    fn a_table_wider_than_the_page_still_ends() {
        let t = Table {
            caption: None,
            header: (0..80)
                .map(|i| format!("Column heading number {i}"))
                .collect(),
            rows: vec![vec![crate::model::Cell::text("x"); 80]; 3],
            widths: Vec::new(),
        };
        let report = Report {
            title: "Wide".into(),
            subtitle: String::new(),
            blocks: vec![Block::Table(t)],
            sheets: Vec::new(),
        };
        assert!(write(&report).expect("writes").starts_with(b"%PDF-1.7"));
    }
}
