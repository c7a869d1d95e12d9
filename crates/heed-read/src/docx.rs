//! Word documents (.docx) to the text the readers understand: headings as Markdown
//! headings, wholly bold paragraphs in `**`, Word's automatic list numbers written out
//! ("3.", "(b)") from the numbering definitions, bulleted paragraphs as "- ", and each
//! table row as one tab-separated line. Everything happens on the bytes in memory.
//!
//! A WordprocessingML paragraph is `w:p` holding runs (`w:r`) of text (`w:t`), tabs and
//! breaks; its properties (`w:pPr`) name a style (`w:pStyle`, "Heading1") and a list
//! (`w:numPr`: `w:numId`, `w:ilvl`). Tables are `w:tbl` / `w:tr` / `w:tc`, whose cells
//! hold paragraphs of their own.
//!
//! A zip can expand a thousandfold (a 2 MB file to 2 GiB of XML), so every part is read
//! through a cap: no part may unpack to more than [`MAX_PART_BYTES`] and the parts together
//! to more than [`MAX_UNPACKED_BYTES`]; past either the document is refused, saying so,
//! before the memory is spent.

use crate::ReadError;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most one part of a Word document may unpack to (64 MiB of XML: a Word document of
/// a few thousand pages).
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// The most all the parts read may unpack to together.
pub const MAX_UNPACKED_BYTES: u64 = 128 << 20;

/// Whether the bytes are a zip container (a .docx, but also an .xlsx or .odt).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text of a Word document, or `None` when the zip holds no Word document (a
/// spreadsheet, say). A damaged Word document is an error that says so.
pub fn docx_text(bytes: &[u8]) -> Result<Option<String>, ReadError> {
    let damaged = |what: String| ReadError::Damaged(format!("a Word document, but {what}"));
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(None);
    };
    let mut budget = MAX_UNPACKED_BYTES;
    let Some(body) = part(&mut zip, "word/document.xml", &mut budget).map_err(damaged)? else {
        return Ok(None);
    };
    let numbering = part(&mut zip, "word/numbering.xml", &mut budget)
        .map_err(damaged)?
        .map(|x| read_numbering(&x))
        .transpose()
        .map_err(|e| damaged(format!("its list numbering cannot be read ({e})")))?
        .unwrap_or_default();
    let styles = part(&mut zip, "word/styles.xml", &mut budget)
        .map_err(damaged)?
        .map(|x| read_styles(&x))
        .transpose()
        .map_err(|e| damaged(format!("its styles cannot be read ({e})")))?
        .unwrap_or_default();
    let text = Writer::new(numbering, styles)
        .document(&body)
        .map_err(|e| damaged(format!("its text cannot be read ({e})")))?;
    Ok(Some(text))
}

/// One part as text, read through the caps: at most [`MAX_PART_BYTES`], and at most what
/// is left of `budget` (which it lessens).
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, String> {
    let f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name} cannot be opened ({e})")),
    };
    let cap = MAX_PART_BYTES.min(*budget);
    // Which cap was passed decides the words: this part alone, or the parts together.
    let too_big = || {
        if *budget < MAX_PART_BYTES {
            format!(
                "its parts unpack to more than {} MiB together ({name} passed the total; the most Heed reads of a whole document is {} MiB, of one part {} MiB), so it was refused",
                MAX_UNPACKED_BYTES >> 20,
                MAX_UNPACKED_BYTES >> 20,
                MAX_PART_BYTES >> 20
            )
        } else {
            format!(
                "{name} unpacks to more than {} MiB (the most Heed reads of one part is {} MiB, of a whole document {} MiB), so it was refused",
                cap >> 20,
                MAX_PART_BYTES >> 20,
                MAX_UNPACKED_BYTES >> 20
            )
        }
    };
    // The size the zip declares is checked first; the bytes read are counted regardless,
    // since a declared size can lie.
    if f.size() > cap {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    f.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name} cannot be read ({e})"))?;
    if bytes.len() as u64 > cap {
        return Err(too_big());
    }
    *budget -= bytes.len() as u64;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| format!("{name} cannot be read ({e})"))
}

/// The value of attribute `w:NAME` (any prefix) of an element.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        (local(key) == name).then(|| a.value.to_string())
    })
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// How a list level numbers its paragraphs.
#[derive(Debug, Clone, PartialEq)]
enum Format {
    Bullet,
    Decimal,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    None,
}

#[derive(Debug, Clone)]
struct Level {
    format: Format,
    start: u32,
    /// The level's own text pattern ("%1.", "(%1)", "%1.%2").
    text: String,
}

/// List definitions: `numId` to the levels of its abstract definition.
#[derive(Debug, Default)]
struct Numbering {
    lists: HashMap<String, HashMap<u32, Level>>,
}

fn read_numbering(xml: &str) -> Result<Numbering, quick_xml::Error> {
    let mut r = Reader::from_str(xml);
    let mut abstracts: HashMap<String, HashMap<u32, Level>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut cur_abstract: Option<String> = None;
    let mut cur_level: Option<(u32, Level)> = None;
    let mut cur_num: Option<String> = None;
    loop {
        match r.read_event()? {
            Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref()) {
                "abstractNum" => cur_abstract = attr(&e, "abstractNumId"),
                "lvl" => {
                    let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    cur_level = Some((
                        ilvl,
                        Level {
                            format: Format::Decimal,
                            start: 1,
                            text: String::new(),
                        },
                    ));
                }
                "start" => {
                    if let Some((_, l)) = cur_level.as_mut() {
                        l.start = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let Some((_, l)) = cur_level.as_mut() {
                        l.format = match attr(&e, "val").as_deref() {
                            Some("bullet") => Format::Bullet,
                            Some("lowerLetter") => Format::LowerLetter,
                            Some("upperLetter") => Format::UpperLetter,
                            Some("lowerRoman") => Format::LowerRoman,
                            Some("upperRoman") => Format::UpperRoman,
                            Some("none") => Format::None,
                            _ => Format::Decimal,
                        };
                    }
                }
                "lvlText" => {
                    if let Some((_, l)) = cur_level.as_mut() {
                        l.text = attr(&e, "val").unwrap_or_default();
                    }
                }
                "num" => cur_num = attr(&e, "numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(a)) = (cur_num.clone(), attr(&e, "val")) {
                        nums.insert(n, a);
                    }
                }
                _ => {}
            },
            Event::End(e) => match local(e.name().as_ref()) {
                "lvl" => {
                    if let (Some(a), Some((i, l))) = (cur_abstract.as_ref(), cur_level.take()) {
                        abstracts.entry(a.clone()).or_default().insert(i, l);
                    }
                }
                "abstractNum" => cur_abstract = None,
                "num" => cur_num = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let lists = nums
        .into_iter()
        .filter_map(|(num, a)| abstracts.get(&a).map(|levels| (num, levels.clone())))
        .collect();
    Ok(Numbering { lists })
}

/// Paragraph styles that are headings, by style id: "Heading2" -> 2, "Title" -> 1, and
/// styles whose name says so ("heading 2") whatever their id.
fn read_styles(xml: &str) -> Result<HashMap<String, u8>, quick_xml::Error> {
    let mut r = Reader::from_str(xml);
    let mut out = HashMap::new();
    let mut id: Option<String> = None;
    loop {
        match r.read_event()? {
            Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref()) {
                "style" => id = attr(&e, "styleId"),
                "name" => {
                    if let (Some(i), Some(name)) = (id.as_ref(), attr(&e, "val"))
                        && let Some(level) = heading_level(&name)
                    {
                        out.insert(i.clone(), level);
                    }
                }
                _ => {}
            },
            Event::End(e) if local(e.name().as_ref()) == "style" => id = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// "heading 2" / "Heading2" -> 2; "Title" -> 1.
fn heading_level(style: &str) -> Option<u8> {
    let l = style.to_lowercase().replace(' ', "");
    if l == "title" {
        return Some(1);
    }
    let n = l.strip_prefix("heading")?;
    n.parse::<u8>().ok().filter(|n| (1..=6).contains(n))
}

/// One paragraph as it is read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    list: Option<(String, u32)>,
    /// Whether every run with text was bold.
    all_bold: bool,
    any_text: bool,
}

/// Writes the body as lines, keeping list counters as Word would.
struct Writer {
    numbering: Numbering,
    headings: HashMap<String, u8>,
    /// Per list and level, the last number given.
    counters: HashMap<(String, u32), u32>,
}

impl Writer {
    fn new(numbering: Numbering, headings: HashMap<String, u8>) -> Writer {
        Writer {
            numbering,
            headings,
            counters: HashMap::new(),
        }
    }

    fn document(mut self, xml: &str) -> Result<String, quick_xml::Error> {
        let mut r = Reader::from_str(xml);
        let mut out = String::new();
        // Open tables: the cells of the current row of each.
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut cell: Vec<String> = Vec::new();
        let mut para: Option<Para> = None;
        let mut in_text = false;
        let mut run_bold = false;
        let mut in_run_props = false;
        let mut in_deleted = 0usize;
        loop {
            match r.read_event()? {
                Event::Start(e) => match local(e.name().as_ref()) {
                    "p" => {
                        para = Some(Para {
                            all_bold: true,
                            ..Para::default()
                        })
                    }
                    "r" => run_bold = false,
                    "rPr" => in_run_props = true,
                    "t" => in_text = true,
                    "del" => in_deleted += 1,
                    "tbl" => rows.push(Vec::new()),
                    "tr" => {
                        if let Some(row) = rows.last_mut() {
                            row.clear();
                        }
                    }
                    "tc" => cell.clear(),
                    _ => self.property(&e, &mut para, in_run_props, &mut run_bold),
                },
                Event::Empty(e) => match local(e.name().as_ref()) {
                    "tab" if !in_run_props => {
                        if let Some(p) = para.as_mut() {
                            p.text.push(' ');
                        }
                    }
                    "br" | "cr" => {
                        if let Some(p) = para.as_mut() {
                            p.text.push(' ');
                        }
                    }
                    _ => self.property(&e, &mut para, in_run_props, &mut run_bold),
                },
                Event::Text(t) if in_text && in_deleted == 0 => {
                    if let Some(p) = para.as_mut() {
                        let s = t.xml10_content();
                        if !s.trim().is_empty() {
                            p.any_text = true;
                            p.all_bold &= run_bold;
                        }
                        p.text.push_str(&s);
                    }
                }
                Event::GeneralRef(g) if in_text && in_deleted == 0 => {
                    if let Some(p) = para.as_mut() {
                        let name: &str = &g;
                        p.text.push_str(match name {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        });
                        if let Ok(Some(c)) = g.resolve_char_ref() {
                            p.text.push(c);
                        }
                    }
                }
                Event::End(e) => match local(e.name().as_ref()) {
                    "t" => in_text = false,
                    "rPr" => in_run_props = false,
                    "del" => in_deleted = in_deleted.saturating_sub(1),
                    "p" => {
                        if let Some(p) = para.take() {
                            let line = self.line(p);
                            if rows.is_empty() {
                                if !line.is_empty() {
                                    out.push_str(&line);
                                    out.push_str("\n\n");
                                }
                            } else if !line.is_empty() {
                                cell.push(line);
                            }
                        }
                    }
                    "tc" => {
                        let text = cell
                            .drain(..)
                            .map(|c| c.replace('\t', " "))
                            .collect::<Vec<_>>()
                            .join(" ");
                        if let Some(row) = rows.last_mut() {
                            row.push(text.trim().to_string());
                        }
                    }
                    "tr" => {
                        if let Some(row) = rows.last_mut() {
                            let line = row.join("\t");
                            if rows.len() == 1 {
                                if !line.trim().is_empty() {
                                    out.push_str(line.trim_end());
                                    out.push('\n');
                                }
                            } else {
                                // A table inside a cell: its rows become that cell's text.
                                cell.push(line.replace('\t', " "));
                            }
                        }
                    }
                    "tbl" => {
                        rows.pop();
                        if rows.is_empty() {
                            out.push('\n');
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }

    /// Reads a property element of a paragraph or a run.
    fn property(
        &self,
        e: &BytesStart<'_>,
        para: &mut Option<Para>,
        in_run_props: bool,
        run_bold: &mut bool,
    ) {
        let Some(p) = para.as_mut() else { return };
        match local(e.name().as_ref()) {
            "pStyle" => p.style = attr(e, "val"),
            "numId" => {
                let level = p.list.as_ref().map_or(0, |l| l.1);
                p.list = attr(e, "val").filter(|v| v != "0").map(|v| (v, level));
            }
            "ilvl" => {
                let level = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                match p.list.as_mut() {
                    Some(l) => l.1 = level,
                    None => p.list = Some((String::new(), level)),
                }
            }
            "b" if in_run_props => {
                *run_bold = !matches!(attr(e, "val").as_deref(), Some("0" | "false"));
            }
            _ => {}
        }
    }

    /// The paragraph as one line of text.
    fn line(&mut self, p: Para) -> String {
        let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return text;
        }
        if let Some(level) = p
            .style
            .as_ref()
            .and_then(|s| self.headings.get(s).copied().or_else(|| heading_level(s)))
        {
            return format!("{} {text}", "#".repeat(usize::from(level)));
        }
        if let Some((num, level)) = p.list.filter(|(n, _)| !n.is_empty())
            && let Some(marker) = self.marker(&num, level)
        {
            return format!("{marker} {text}");
        }
        if p.all_bold && p.any_text && text.len() < 200 {
            return format!("**{text}**");
        }
        text
    }

    /// The list marker Word would show for the next paragraph of list `num` at `level`.
    fn marker(&mut self, num: &str, level: u32) -> Option<String> {
        let def = self.numbering.lists.get(num)?.get(&level)?.clone();
        // A deeper level restarts when a shallower one moves on.
        self.counters.retain(|(n, l), _| !(n == num && *l > level));
        let n = self
            .counters
            .entry((num.to_string(), level))
            .and_modify(|c| *c += 1)
            .or_insert(def.start);
        let n = *n;
        let shown = match def.format {
            Format::Bullet => return Some("-".to_string()),
            Format::None => return None,
            Format::Decimal => n.to_string(),
            Format::LowerLetter => letters(n, false),
            Format::UpperLetter => letters(n, true),
            Format::LowerRoman => roman(n).to_lowercase(),
            Format::UpperRoman => roman(n),
        };
        // "%1." -> "3."; "(%1)" -> "(c)"; "%1.%2" -> "3.2" (outer levels' counters).
        let mut pattern = if def.text.is_empty() {
            "%1.".to_string()
        } else {
            def.text.clone()
        };
        for outer in 0..level {
            let c = self
                .counters
                .get(&(num.to_string(), outer))
                .copied()
                .unwrap_or(1);
            pattern = pattern.replace(&format!("%{}", outer + 1), &c.to_string());
        }
        Some(pattern.replace(&format!("%{}", level + 1), &shown))
    }
}

fn letters(n: u32, upper: bool) -> String {
    let base = if upper { b'A' } else { b'a' };
    let c = char::from(base + ((n.max(1) - 1) % 26) as u8);
    c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers() {
        assert_eq!(letters(1, false), "a");
        assert_eq!(letters(28, true), "BB");
        assert_eq!(roman(14), "XIV");
        assert_eq!(heading_level("heading 2"), Some(2));
        assert_eq!(heading_level("Heading1"), Some(1));
        assert_eq!(heading_level("Body Text"), None);
    }

    /// A crafted Word document: a few hundred KiB of zip whose body unpacks to 65 MiB.
    #[test]
    fn a_part_that_unpacks_hugely_is_refused_before_it_is_read() {
        use std::io::Write;
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        w.start_file("word/document.xml", deflated).expect("start");
        w.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
            .expect("write");
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..65 {
            w.write_all(&spaces).expect("write");
        }
        w.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
            .expect("write");
        w.finish().expect("finish");
        let bytes = out.into_inner();
        assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
        match docx_text(&bytes) {
            Err(ReadError::Damaged(m)) => {
                assert!(m.contains("unpacks to more than 64 MiB"), "{m}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    /// A crafted Word document whose parts each stay under the one-part cap but together
    /// unpack to more than the whole-document cap: 60 MiB of body, 60 MiB of list
    /// numbering and 20 MiB of styles, from well under a MiB of zip.
    #[test]
    fn parts_that_unpack_hugely_together_are_refused() {
        use std::io::Write;
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let spaces = vec![b' '; 1 << 20];
        for (name, open, close, mib) in [
            (
                "word/document.xml",
                "<w:document><w:body><w:p><w:r><w:t>Recommendation 1: act.",
                "</w:t></w:r></w:p></w:body></w:document>",
                60,
            ),
            ("word/numbering.xml", "<w:numbering>", "</w:numbering>", 60),
            ("word/styles.xml", "<w:styles>", "</w:styles>", 20),
        ] {
            w.start_file(name, deflated).expect("start");
            w.write_all(open.as_bytes()).expect("write");
            for _ in 0..mib {
                w.write_all(&spaces).expect("write");
            }
            w.write_all(close.as_bytes()).expect("write");
        }
        w.finish().expect("finish");
        let bytes = out.into_inner();
        assert!(bytes.len() < 1 << 20, "the bomb is small: {}", bytes.len());
        match docx_text(&bytes) {
            Err(ReadError::Damaged(m)) => {
                assert!(
                    m.contains("its parts unpack to more than 128 MiB together"),
                    "{m}"
                );
                assert!(m.contains("word/styles.xml passed the total"), "{m}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn not_a_zip_is_not_a_word_document() {
        assert_eq!(docx_text(b"PK\x03\x04 but not really"), Ok(None));
    }
}
