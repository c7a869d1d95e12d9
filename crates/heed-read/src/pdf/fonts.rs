//! Fonts: how a font's codes become text (its `/ToUnicode` map, or its simple encoding)
//! and how wide each code is, so that glyphs can be placed.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

use super::content::{deref, num};
use super::{Inflated, MAX_STREAM};

/// One font's decoding: codes to text, codes to widths.
pub(super) struct Font {
    pub(super) two_byte: bool,
    pub(super) to_unicode: HashMap<u32, String>,
    pub(super) simple: Vec<String>,
    pub(super) widths: HashMap<u32, f64>,
    pub(super) default_width: f64,
    /// Glyph space to text space (1/1000, or a Type 3 font's matrix).
    pub(super) scale: f64,
}

impl Font {
    pub(super) fn text(&self, code: u32) -> Option<&str> {
        if let Some(t) = self.to_unicode.get(&code) {
            return Some(t);
        }
        if !self.two_byte {
            return self.simple.get(code as usize).map(String::as_str);
        }
        None
    }
    pub(super) fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }
}

#[derive(Default)]
pub(super) struct FontCache {
    pub(super) fonts: HashMap<ObjectId, Font>,
    /// Fonts written directly into a resource dictionary get made-up ids.
    pub(super) next_direct: u32,
}

pub(super) fn load_font(doc: &Document, dict: &Dictionary, inflated: &mut Inflated) -> Font {
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
        .and_then(|cmap| inflated.take(cmap))
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
pub(super) fn parse_to_unicode(data: &[u8]) -> HashMap<u32, String> {
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
