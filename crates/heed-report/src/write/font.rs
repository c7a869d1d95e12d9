//! The PDF's font: Liberation Sans (regular and bold, `fonts/`, SIL Open Font License 1.1),
//! so a report prints every character the font has (Latin, Greek, Cyrillic, Hebrew,
//! typographic punctuation, €, ≥) instead of the Windows-1252 the standard fonts allow.
//!
//! Each document embeds only the glyphs it uses: text is encoded as it is laid out
//! (`encode`), which gives each glyph a new id in a [`subsetter::GlyphRemapper`]; at the
//! end `subset` cuts the font down to those glyphs. The PDF writes it as a Type0 font
//! with a CIDFontType2 descendant, Identity-H encoding (the content holds the new glyph
//! ids), a width for every glyph, and a ToUnicode map so text extracts and searches.
//! Liberation Sans is metric-compatible with Helvetica and Arial, so a report wraps and
//! pages as it did with the standard fonts, and as the DOCX (Arial) does.
//!
//! A character the font has no glyph for (CJK, say) prints as the font's empty box and
//! extracts as U+FFFD. Glyphs are placed one per character, left to right: no shaping
//! and no bidirectional reordering.

use std::collections::HashMap;
use std::fmt::Write;
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");

/// Which of the two faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// One face as a document uses it: metrics for layout, and the glyphs used so far.
pub struct PdfFont {
    data: &'static [u8],
    face: Face<'static>,
    /// The PostScript name, for /BaseFont.
    pub name: &'static str,
    /// Font units per em.
    units: f32,
    /// Advance widths of ASCII characters in 1/1000 em, looked up once.
    ascii: [f32; 128],
    remapper: GlyphRemapper,
    /// For each new glyph id: the character it was first used for and its width in
    /// 1/1000 em.
    used: Vec<(Option<char>, f32)>,
    /// Character to new glyph id, so encoding does not look the font up again.
    ids: HashMap<char, u16>,
}

/// Why a font could not be embedded; never expected with the fonts compiled in.
#[derive(Debug, thiserror::Error)]
#[error("the PDF font could not be read or subset: {0}")]
pub struct FontError(String);

impl PdfFont {
    pub fn new(weight: Weight) -> Result<PdfFont, FontError> {
        let (data, name) = match weight {
            Weight::Regular => (REGULAR, "LiberationSans"),
            Weight::Bold => (BOLD, "LiberationSans-Bold"),
        };
        let face = Face::parse(data, 0).map_err(|e| FontError(e.to_string()))?;
        let units = f32::from(face.units_per_em());
        let mut font = PdfFont {
            data,
            face,
            name,
            units,
            ascii: [0.0; 128],
            remapper: GlyphRemapper::new(),
            used: Vec::new(),
            ids: HashMap::new(),
        };
        let notdef = font.advance(GlyphId(0));
        font.used.push((None, notdef));
        for b in 0u8..128 {
            let c = char::from(b);
            font.ascii[usize::from(b)] = font.advance(font.glyph(c));
        }
        Ok(font)
    }

    /// The glyph for a character; control characters are drawn as a space, and a
    /// character the font lacks as glyph 0 (an empty box).
    fn glyph(&self, c: char) -> GlyphId {
        let c = if c.is_control() { ' ' } else { c };
        self.face.glyph_index(c).unwrap_or(GlyphId(0))
    }

    fn advance(&self, g: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(g).unwrap_or(0)) * 1000.0 / self.units
    }

    /// A character's advance width in 1/1000 em.
    pub fn char_width(&self, c: char) -> f32 {
        match self.ascii.get(c as usize) {
            Some(w) if !c.is_ascii_control() => *w,
            _ => self.advance(self.glyph(c)),
        }
    }

    /// A string's width in points at `size`.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.char_width(c)).sum::<f32>() * size / 1000.0
    }

    /// Writes `s` as a PDF hex string of new glyph ids, noting each glyph as used.
    pub fn encode(&mut self, s: &str, out: &mut String) {
        out.push('<');
        for c in s.chars() {
            let c = if c.is_control() { ' ' } else { c };
            let id = match self.ids.get(&c) {
                Some(id) => *id,
                None => {
                    let g = self.glyph(c);
                    let id = self.remapper.remap(g.0);
                    if usize::from(id) == self.used.len() {
                        self.used.push((Some(c), self.advance(g)));
                    }
                    self.ids.insert(c, id);
                    id
                }
            };
            let _ = write!(out, "{id:04X}");
        }
        out.push('>');
    }

    /// The font program cut down to the glyphs used, in their new order.
    pub fn subset(&self) -> Result<Vec<u8>, FontError> {
        subsetter::subset(self.data, 0, &self.remapper).map_err(|e| FontError(format!("{e:?}")))
    }

    /// The /W array: one run of widths from glyph 0.
    pub fn widths(&self) -> String {
        let mut out = String::from("[0 [");
        for (i, (_, w)) in self.used.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let _ = write!(out, "{}", w.round());
        }
        out.push_str("]]");
        out
    }

    /// The ToUnicode CMap: each glyph id to the character it stands for.
    pub fn to_unicode(&self) -> String {
        let mut out = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<(usize, char)> = self
            .used
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (i, c.unwrap_or('\u{FFFD}')))
            .collect();
        // At most 100 entries in one bfchar block.
        for chunk in entries.chunks(100) {
            let _ = writeln!(out, "{} beginbfchar", chunk.len());
            for (id, c) in chunk {
                let _ = write!(out, "<{id:04X}> <");
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "{u:04X}");
                }
                out.push_str(">\n");
            }
            out.push_str("endbfchar\n");
        }
        out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        out
    }

    /// The font descriptor's metrics, in 1/1000 em: bounding box, ascent, descent, cap
    /// height.
    pub fn metrics(&self) -> ([f32; 4], f32, f32, f32) {
        let s = 1000.0 / self.units;
        let b = self.face.global_bounding_box();
        (
            [
                f32::from(b.x_min) * s,
                f32::from(b.y_min) * s,
                f32::from(b.x_max) * s,
                f32::from(b.y_max) * s,
            ],
            f32::from(self.face.ascender()) * s,
            f32::from(self.face.descender()) * s,
            f32::from(self.face.capital_height().unwrap_or(self.face.ascender())) * s,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_helvetica_compatible_and_encoding_remaps() {
        let mut f = PdfFont::new(Weight::Regular).expect("font");
        // Helvetica's AFM: space 278, A 667, a 556, W 944.
        for (c, w) in [(' ', 278.0), ('A', 667.0), ('a', 556.0), ('W', 944.0)] {
            assert!(
                (f.char_width(c) - w).abs() < 1.0,
                "{c}: {}",
                f.char_width(c)
            );
        }
        assert!(f.char_width('Ł') > 0.0 && f.char_width('λ') > 0.0 && f.char_width('≥') > 0.0);
        let mut out = String::new();
        f.encode("abλ", &mut out);
        assert_eq!(out, "<000100020003>");
        out.clear();
        f.encode("ba", &mut out);
        assert_eq!(out, "<00020001>");
        let cmap = f.to_unicode();
        assert!(cmap.contains("<0003> <03BB>"), "{cmap}");
        assert!(f.widths().starts_with("[0 ["));
        let sub = f.subset().expect("subset");
        assert!(sub.len() < 20_000, "{} bytes", sub.len());
        let parsed = Face::parse(&sub, 0).expect("the subset is a font");
        assert_eq!(parsed.number_of_glyphs(), 4);
    }
}
