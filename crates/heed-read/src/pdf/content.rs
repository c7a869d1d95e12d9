//! A page's content streams interpreted into what was drawn: glyphs placed on the page
//! (decoded through the page's fonts) and the rules that table cells are drawn with.
//! Graphics state, text state and form XObjects are followed; every operation counts
//! against the document's budget, and every stream decompressed against its total.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::{FontCache, load_font};
use super::{Inflated, MAX_FORM_DEPTH, MAX_GLYPHS_PER_PAGE, MAX_STREAM};

/// A glyph (or a run of glyphs decoded together) placed on the page, in points, y up.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x0: f64,
    pub(super) x1: f64,
    /// Baseline.
    pub(super) y: f64,
    /// Font size on the page.
    pub(super) size: f64,
    pub(super) text: String,
    /// Which text run the glyph was shown in: a run starts wherever the text position
    /// is set anew (`BT`, `Td`, `Tm`, `T*`), so a writer that places each tab-separated
    /// cell itself starts a run at each cell, even where no gap shows.
    pub(super) run: u32,
}

/// A drawn rule (a thin rectangle or a stroked line), for table cells.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
}

impl Rule {
    pub(super) fn vertical(&self) -> bool {
        (self.x1 - self.x0) < 2.0 && (self.y1 - self.y0) > 4.0
    }
    pub(super) fn horizontal(&self) -> bool {
        (self.y1 - self.y0) < 2.0 && (self.x1 - self.x0) > 4.0
    }
}

/// What one page held.
#[derive(Default)]
pub(super) struct Page {
    pub(super) glyphs: Vec<Glyph>,
    pub(super) rules: Vec<Rule>,
    pub(super) images: usize,
    /// Text runs started so far (see [`Glyph::run`]).
    pub(super) runs: u32,
}

/// A 2-D affine matrix [a b c d e f] as PDF writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    /// self × other (apply self first, then other).
    pub(super) fn then(&self, o: &Matrix) -> Matrix {
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
    pub(super) fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }
    pub(super) fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }
    pub(super) fn from_operands(ops: &[Object]) -> Option<Matrix> {
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

pub(super) fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The graphics and text state that `q`/`Q` save.
#[derive(Clone)]
pub(super) struct State {
    pub(super) ctm: Matrix,
    pub(super) font: Option<ObjectId>,
    pub(super) font_size: f64,
    pub(super) char_spacing: f64,
    pub(super) word_spacing: f64,
    pub(super) h_scale: f64,
    pub(super) leading: f64,
    pub(super) rise: f64,
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

/// Interprets one page's content streams into glyphs and rules.
pub(super) struct Interp<'a, 'b> {
    pub(super) doc: &'a Document,
    pub(super) fonts: &'b mut FontCache,
    pub(super) page: &'b mut Page,
    pub(super) budget: &'b mut usize,
    /// What is left of the document's decompressed bytes.
    pub(super) inflated: &'b mut Inflated,
}

impl Interp<'_, '_> {
    pub(super) fn run_page(&mut self, page_id: ObjectId) {
        if !self.inflated.open() {
            return;
        }
        let Ok(content) = self.doc.get_page_content_with_limit(page_id, MAX_STREAM) else {
            return;
        };
        let Some(content) = self.inflated.take(content) else {
            return;
        };
        let resources = page_resources(self.doc, page_id);
        self.run(&content, &resources, State::default(), 0);
    }

    pub(super) fn run(
        &mut self,
        content: &[u8],
        resources: &Dictionary,
        start: State,
        depth: usize,
    ) {
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
            if *self.budget == 0 || !self.inflated.open() {
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
                    self.page.runs = self.page.runs.wrapping_add(1);
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
                    self.page.runs = self.page.runs.wrapping_add(1);
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
                    self.page.runs = self.page.runs.wrapping_add(1);
                    if let Some(m) = Matrix::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    self.page.runs = self.page.runs.wrapping_add(1);
                    tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(s, &state, &mut tm);
                    }
                }
                "'" | "\"" => {
                    self.page.runs = self.page.runs.wrapping_add(1);
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
    pub(super) fn show(&mut self, s: &[u8], state: &State, tm: &mut Matrix) {
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
                    run: self.page.runs,
                });
            }
            let mut tx = w0 * fs + state.char_spacing;
            if step == 1 && code == 32 {
                tx += state.word_spacing;
            }
            *tm = Matrix::translate(tx * state.h_scale, 0.0).then(tm);
        }
    }

    pub(super) fn draw_xobject(
        &mut self,
        xobjects: &Dictionary,
        name: &[u8],
        state: &State,
        depth: usize,
    ) {
        let Ok(obj) = xobjects.get(name) else { return };
        let Ok((_, obj)) = self.doc.dereference(obj) else {
            return;
        };
        let Ok(stream) = obj.as_stream() else { return };
        let subtype = stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok();
        match subtype {
            Some(b"Image") => self.page.images += 1,
            Some(b"Form") if depth < MAX_FORM_DEPTH && self.inflated.open() => {
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
                let Some(content) = self.inflated.take(content) else {
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
    pub(super) fn font_id(&mut self, fonts: &Dictionary, name: &[u8]) -> Option<ObjectId> {
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
            let font = load_font(self.doc, dict, self.inflated);
            self.fonts.fonts.insert(id, font);
        }
        Some(id)
    }
}

/// The page's resources: its own, or the nearest ancestor's.
pub(super) fn page_resources(doc: &Document, page_id: ObjectId) -> Dictionary {
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

pub(super) fn resource_dict(doc: &Document, resources: &Dictionary, key: &[u8]) -> Dictionary {
    resources
        .get(key)
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .cloned()
        .unwrap_or_default()
}

pub(super) fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}
