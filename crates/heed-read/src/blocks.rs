//! Block segmentation: lines to headings, table rows, bullets and paragraphs.
//!
//! Hard-wrapped text is joined back into paragraphs; a bullet takes its continuation
//! lines (indented, or carrying on in lower case); a paragraph or bullet split by a page
//! break (furniture between the halves, a sentence left open) is joined again. Furniture
//! lines never reach a block.

use crate::lines::{Line, ends_sentence};
use crate::text::Text;
use std::borrow::Cow;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A Markdown heading (level 1-6), or a wholly bold/underlined line (level 7).
    Heading(u8),
    /// One row of a tab-separated table.
    Row,
    Bullet,
    Paragraph,
}

/// A run of lines read as one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<'a> {
    pub kind: BlockKind,
    /// The text, white space collapsed; borrowed from its line when it is one line.
    pub text: Text<'a>,
    /// Cells of a row (empty otherwise), borrowed from its line.
    pub cells: Cow<'a, [String]>,
    /// 1-based source line of the block's first line.
    pub line: usize,
    /// 1-based source line of the block's last line.
    pub end_line: usize,
    /// A page break or furniture came between this block and the one before it.
    pub after_break: bool,
    /// Blank line(s) came before this block.
    pub after_blank: bool,
    /// Indentation of the first line.
    pub indent: usize,
    /// Indentation of the last line taken in.
    pub last_indent: usize,
}

impl Block<'_> {
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }
}

/// Whether `line` is the short tail of a bracket `open` left open at its end: `open`
/// has more "(" than ")", and `line` closes one before it opens any.
fn closes_open_bracket(open: &str, line: &str) -> bool {
    let unclosed = open.matches('(').count() > open.matches(')').count()
        && open.rfind('(').is_some_and(|at| open.len() - at <= 24);
    let head = line.split('(').next().unwrap_or("");
    unclosed && head.contains(')') && line.split_whitespace().nth(4).is_none()
}

fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

/// Segments lines into blocks.
pub fn segment<'a>(lines: &'a [Line]) -> Vec<Block<'a>> {
    let unwrapped = line_per_paragraph(lines);
    let double = double_spaced(lines);
    // A block per text line at most: one allocation, never grown and copied.
    let most = lines
        .iter()
        .filter(|l| !l.furniture && !l.is_blank())
        .count();
    let mut blocks: Vec<Block<'a>> = Vec::with_capacity(most);
    let mut pending_break = false;
    let mut pending_blank = false;
    // The last plain line was short and did not run on ("Theme: Health"): a numbered
    // line after it starts a unit even inside a paragraph.
    let mut last_short = false;
    // The last plain line opened with a label ("Expected Completion Date: March 2019"):
    // a labelled line after it is the next field of a record.
    let mut last_labelled = false;
    let mut open: Option<Block<'a>> = None; // paragraph or bullet still taking lines
    let close = |open: &mut Option<Block<'a>>, blocks: &mut Vec<Block<'a>>| {
        if let Some(mut b) = open.take() {
            b.text.shrink_to_fit();
            blocks.push(b);
        }
    };
    for l in lines {
        if l.furniture || l.page_break {
            pending_break = true;
            if l.furniture {
                continue;
            }
        }
        // Double-spaced text: its blank lines part the lines of a paragraph.
        if l.is_blank() && double {
            continue;
        }
        if l.is_blank() {
            pending_blank = true;
            // A blank line ends a paragraph, but a bullet may go on after it when the
            // next line is an indented continuation; decide on the next line.
            if let Some(b) = &open
                && b.kind == BlockKind::Paragraph
            {
                close(&mut open, &mut blocks);
            }
            continue;
        }
        let (after_break, after_blank) = (pending_break, pending_blank);
        let new = move |kind: BlockKind, l: &'a Line| Block {
            kind,
            text: l.text.borrowed(),
            cells: Cow::Borrowed(&l.cells),
            line: l.no,
            end_line: l.no,
            after_break,
            after_blank,
            indent: l.indent,
            last_indent: l.indent,
        };
        if l.is_row() {
            close(&mut open, &mut blocks);
            blocks.push(new(BlockKind::Row, l));
        } else if let Some(level) = l.heading {
            close(&mut open, &mut blocks);
            blocks.push(new(BlockKind::Heading(level), l));
        } else if l.bullet {
            close(&mut open, &mut blocks);
            open = Some(new(BlockKind::Bullet, l));
        } else {
            // A plain line: continuation of the open block, or a new paragraph.
            let continues = match &open {
                // A number on a line of its own ("2.") opens the unit whose words follow
                // on the next line.
                // ("(Paragraph" / "26)" closes a bracket, it opens nothing.)
                Some(b)
                    if is_bare_label(&l.text)
                        && b.text.matches('(').count() <= b.text.matches(')').count() =>
                {
                    false
                }
                Some(b) if b.line == b.end_line && is_bare_label(&b.text) => true,
                // The tail of a bracket the open block left open ("... we are grateful.
                // (Paragraph" / "5)", "(paras" / "12-14)."): it goes on with the block,
                // however the lines were broken, and opens nothing.
                Some(b) if closes_open_bracket(&b.text, &l.text) => true,
                // A numbered item heading ("AFI 11 – the Force should") is never the
                // tail of the bullet or paragraph before it.
                Some(_)
                    if crate::numbered::numbered_heading(&l.text)
                        .is_some_and(|(_, _, body)| body.split_whitespace().nth(2).is_some()) =>
                {
                    false
                }
                Some(b) if b.kind == BlockKind::Bullet => {
                    if pending_blank {
                        // After a blank line only an indented line continues a bullet,
                        // indented past the bullet's own mark: a paragraph at the mark's
                        // indent is the text going on after the list.
                        l.indent >= 2 && l.indent > b.indent && !pending_break
                    } else {
                        // A bullet that ended its sentence is not carried on by a line at
                        // the margin that starts a new one ("- perform an audit." /
                        // "Fast facts"): text with a line per paragraph.
                        // Nor is it by a numbered line at its margin ("- 8 - DECENT WORK"
                        // / "140.8 Ratify the Optional Protocol ...").
                        // A numbered paragraph after a finished sentence or a short
                        // title line ("Israel" / "1. The Committee considered ...")
                        // opens a unit, however far it is indented.
                        let at_margin = l.indent <= b.indent;
                        let numbered = crate::general::opens_unit(&l.text)
                            && (ends_sentence(&b.text) || last_short)
                            && b.line != b.end_line;
                        !(numbered
                            || at_margin
                                && ((ends_sentence(&b.text)
                                    && l.text.starts_with(char::is_uppercase))
                                    || crate::general::opens_unit(&l.text)))
                    }
                }
                // A paragraph goes on unless a blank line came, or this line is indented
                // further and opens a new sentence after one ended (a first-line indent).
                Some(b) => {
                    let first_line_indent = l.indent > b.last_indent
                        && ends_sentence(&b.text)
                        && l.text.starts_with(char::is_uppercase);
                    let after_label = b.line == b.end_line
                        && is_label_line(&b.text)
                        && l.text.starts_with(char::is_uppercase);
                    // A field label Heed reads ("Status:", "Target date:") opens a field
                    // after any line, a sentence ended or not.
                    let labelled = ((ends_sentence(&b.text) || last_labelled)
                        && opens_with_label(&l.text))
                        || crate::labels::field_line(&l.text).is_some();
                    // A numbered line after a finished sentence, or under a one-line
                    // numbered title ("R1 Publish the standards" / "1.1 The force has"),
                    // opens a unit of its own.
                    // A sub-numbered line ("122.4. Pursue ...", "2.26 The Committee") opens
                    // a unit after any line that did not stop mid-phrase: text with a line
                    // per paragraph leaves titles and table headers unpunctuated above it.
                    let mid_phrase = b.text.ends_with(';') || stops_mid_phrase(&b.text);
                    let numbered = crate::general::opens_unit(&l.text)
                        && (ends_sentence(&b.text)
                            || last_short
                            || (b.line == b.end_line && crate::general::opens_unit(&b.text))
                            || (crate::general::opens_sub_numbered(&l.text) && !mid_phrase));
                    // Text with a line per paragraph (not hard-wrapped): a line break ends
                    // the paragraph unless the line stopped mid-phrase or the next one
                    // goes on in lower case.
                    let own_line = unwrapped
                        && !l.text.starts_with(char::is_lowercase)
                        && !stops_mid_phrase(&b.text);
                    // A short title over a line that opens with an imperative
                    // ("International human rights standards" / "Ratify the Optional
                    // Protocol ..."): a heading of its own, not the first words of the
                    // request.
                    let over_imperative = b.line == b.end_line
                        && b.text.split_whitespace().nth(6).is_none()
                        && !b.text.ends_with(['.', ',', ';', ':', '-', '–', '('])
                        && b.text.starts_with(char::is_uppercase)
                        && !stops_mid_phrase(&b.text)
                        && l.text.starts_with(char::is_uppercase)
                        && crate::general::opens_with_imperative(&l.text);
                    // An item's label alone on its line ("Recommendation 3") or a
                    // division's heading ("Chapter 3: Audit Report No. 14 ...") in text
                    // hard-wrapped without blank lines: it opens a block unless the line
                    // before stopped mid-phrase ("as set out in" / "Recommendation 4").
                    let heads = (item_label_alone(&l.text) || opens_division(&l.text))
                        && !stops_mid_phrase(&b.text);
                    // A conclusion quoted with the paragraph it came from closes on the
                    // citation ("... under review. (Paragraph 10)"): what follows in
                    // hard-wrapped text is the answer to it.
                    let cited = crate::general::cited_paragraph(&b.text).is_some();
                    !(pending_blank
                        || cited
                        || first_line_indent
                        || after_label
                        || labelled
                        || numbered
                        || own_line
                        || over_imperative
                        || heads)
                }
                None => false,
            };
            let labelled_line = opens_with_label(&l.text);
            let short = l.text.split_whitespace().nth(10).is_none()
                && !l.text.ends_with([',', ';', '-', '–', '('])
                && l.text.matches('(').count() <= l.text.matches(')').count()
                && !crate::lines::ends_with_function_word_any_case(&l.text);
            if continues {
                if let Some(b) = open.as_mut() {
                    b.text.push(' ');
                    b.text.push_str(&l.text);
                    b.end_line = l.no;
                    b.last_indent = l.indent;
                }
            } else {
                close(&mut open, &mut blocks);
                open = Some(new(BlockKind::Paragraph, l));
            }
            pending_break = false;
            pending_blank = false;
            last_labelled = labelled_line;
            last_short = short;
            continue;
        }
        pending_break = false;
        pending_blank = false;
        last_short = false;
        last_labelled = false;
    }
    close(&mut open, &mut blocks);
    let mut blocks = split_run_on_units(join_split_blocks(blocks));
    // Room was made for a block per line; joined paragraphs leave most of it unused, and
    // the blocks are held while every reader runs (issue 13: memory under 4x the input).
    blocks.shrink_to_fit();
    blocks
}

/// Where sub-numbered units ("131.2. Ratify ...", "131.3 Ratify ...") start inside a
/// paragraph that ran a table or a list together (text taken from a PDF or a web page):
/// a label of one paragraph number and an ascending entry number, then a capitalised word
/// of lower-case letters. Three or more in ascending order, all with the same paragraph
/// number, or none.
fn run_on_units(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut found: Vec<(usize, u32, u32)> = Vec::new(); // (byte, paragraph, entry)
    let digits = |from: usize| {
        let n = b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        (1..=3).contains(&n).then_some(n)
    };
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && (i == 0 || b[i - 1] == b' ')
            && let Some(n1) = digits(i)
            && b.get(i + n1) == Some(&b'.')
            && let Some(n2) = digits(i + n1 + 1)
        {
            let mut j = i + n1 + 1 + n2;
            if b.get(j) == Some(&b'.') {
                j += 1;
            }
            let word = text.get(j + 1..).unwrap_or("");
            let capital = b.get(j) == Some(&b' ')
                && word.starts_with(|c: char| c.is_ascii_uppercase())
                && word[1..]
                    .chars()
                    .take(2)
                    .filter(char::is_ascii_lowercase)
                    .count()
                    == 2;
            if capital {
                let p: u32 = text[i..i + n1].parse().unwrap_or(0);
                let e: u32 = text[i + n1 + 1..i + n1 + 1 + n2].parse().unwrap_or(0);
                found.push((i, p, e));
            }
            i = j;
            continue;
        }
        i += 1;
    }
    // The paragraph number most labels share, and its entries in ascending order.
    let Some(para) = found
        .iter()
        .map(|f| f.1)
        .max_by_key(|p| found.iter().filter(|f| f.1 == *p).count())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut last = 0;
    for &(at, p, e) in &found {
        if p == para && e > last {
            out.push(at);
            last = e;
        }
    }
    if out.len() >= 3 { out } else { Vec::new() }
}

/// Splits paragraphs that hold a run of sub-numbered units into a block for each (see
/// [`run_on_units`]); the words before the first stay a block of their own.
fn split_run_on_units(blocks: Vec<Block>) -> Vec<Block> {
    // Most documents have no paragraph that holds three units: the blocks are kept as
    // they are unless one does.
    let long = |b: &Block| b.kind == BlockKind::Paragraph && b.text.len() > 200;
    let mut splits: Vec<(usize, Vec<usize>)> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| long(b))
        .map(|(k, b)| (k, run_on_units(&b.text)))
        .filter(|(_, starts)| !starts.is_empty())
        .collect();
    if splits.is_empty() {
        return blocks;
    }
    splits.reverse(); // popped in block order
    let mut out = Vec::with_capacity(blocks.len() + splits.len() * 3);
    for (k, b) in blocks.into_iter().enumerate() {
        let starts = match splits.last() {
            Some((at, _)) if *at == k => splits.pop().map(|(_, s)| s).unwrap_or_default(),
            _ => Vec::new(),
        };
        if starts.is_empty() {
            out.push(b);
            continue;
        }
        let mut cuts = starts.clone();
        if cuts[0] != 0 {
            cuts.insert(0, 0);
        }
        for (k, &from) in cuts.iter().enumerate() {
            let to = cuts.get(k + 1).copied().unwrap_or(b.text.len());
            let text = b.text[from..to].trim();
            if text.is_empty() {
                continue;
            }
            out.push(Block {
                text: text.to_string().into(),
                cells: Cow::Borrowed(&[]),
                after_blank: b.after_blank || k > 0,
                ..b.clone()
            });
        }
    }
    out
}

/// Whether a paragraph stopped inside a phrase that the next line finishes: on a comma,
/// a dash or hyphen, an open bracket, a slash or ampersand, or a function word.
fn stops_mid_phrase(text: &str) -> bool {
    text.ends_with([',', '-', '–', '(', '/', '&'])
        || crate::lines::ends_with_function_word_any_case(text)
}

/// Text printed double-spaced, as some converters print a PDF's pages: a blank line after
/// nearly every line, and many of those lines wrapped mid-sentence (near the page's width,
/// ending in a word, not a sentence's close). Its blank lines part the lines of a
/// paragraph, not paragraphs.
fn double_spaced(lines: &[Line]) -> bool {
    let (mut text_lines, mut blank_after, mut wrapped) = (0usize, 0usize, 0usize);
    for (k, l) in lines.iter().enumerate() {
        if l.is_blank() || l.furniture || l.is_row() || l.heading.is_some() {
            continue;
        }
        text_lines += 1;
        if lines.get(k + 1).is_some_and(|n| n.is_blank()) {
            blank_after += 1;
            let t = l.text.trim_end();
            // A wrapped line runs near the page's width; a title ("High-Rise Buildings")
            // also ends in a word, but short.
            let width = t.chars().count();
            if (50..=130).contains(&width)
                && t.ends_with(|c: char| c.is_lowercase() || c == ',')
                && !ends_sentence(t)
            {
                wrapped += 1;
            }
        }
    }
    text_lines >= 12 && blank_after * 10 >= text_lines * 8 && wrapped * 10 >= blank_after * 4
}

/// Whether the text keeps a paragraph on one line rather than wrapping it, as text taken
/// from a web page does: lines far longer than any wrapping width (over 160 characters)
/// are a tenth or more of its plain lines of some length (over 40 characters), two at
/// least.
fn line_per_paragraph(lines: &[Line]) -> bool {
    let plain: Vec<&Line> = lines
        .iter()
        .filter(|l| !l.is_blank() && !l.is_row() && !l.furniture && l.heading.is_none())
        .collect();
    // A text has no more characters than bytes: only a line longer in bytes is counted.
    let longer = |t: &str, n: usize| t.len() > n && (t.len() > 4 * n || t.chars().count() > n);
    let long = plain.iter().filter(|l| longer(&l.text, 160)).count();
    // Short lines (labels, figures, dates: a web page's boxes) say nothing of wrapping.
    let wrapping = plain.iter().filter(|l| longer(&l.text, 40)).count();
    long >= 2 && long * 10 >= wrapping
}

/// A line that names what follows rather than starting a sentence: a few capitalised
/// words or numbers, no closing punctuation ("Recommendation 1", "Management Comments",
/// "Our Response"). A hard-wrapped sentence does not end its first line this way.
fn is_label_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    // A name and a number: "Area for improvement 1", "Cause of concern 2".
    let numbered_name = (2..=5).contains(&words.len())
        && t.starts_with(char::is_uppercase)
        && words.last().is_some_and(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_digit())
                && w.chars().all(|c| c.is_ascii_digit() || c == '.')
                && !w.ends_with('.')
        })
        && words[..words.len() - 1]
            .iter()
            .all(|w| w.chars().all(char::is_alphabetic));
    // A section's name in sentence case: "Cause of concern", "Areas for improvement".
    let names_section = (1..=5).contains(&words.len())
        && t.starts_with(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', ':'])
        && crate::general::names_items(t).is_some();
    if numbered_name || names_section {
        return true;
    }
    (1..=5).contains(&words.len())
        && !t.ends_with([',', ';', '.', '-', '–', '('])
        && words.iter().all(|w| {
            w.trim_start_matches('(')
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || (w.starts_with('(') && w.len() > 1)
                || w.ends_with(')')
        })
        && words.len() + usize::from(t.ends_with(':')) > 1
}

/// A line that opens with a field label: one to three words, the first capitalised, then a
/// colon ("Progress: ...", "Lead officer: ...", "Target date: ...").
fn opens_with_label(t: &str) -> bool {
    let Some((head, rest)) = t.split_once(':') else {
        return false;
    };
    let words = head.split_whitespace().count();
    (1..=3).contains(&words)
        && head.starts_with(char::is_uppercase)
        && head
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '\'')
        && (rest.is_empty()
            || rest.starts_with(' ')
            // A footnote's letter after the colon ("Resolved:a Yes or No").
            || (rest.starts_with(|c: char| c.is_ascii_lowercase())
                && rest[1..].starts_with(' ')))
}

/// Words no sentence ends on: a paragraph stopping on one goes on elsewhere.
const CANNOT_END: [&str; 32] = [
    "a", "about", "an", "and", "as", "at", "between", "by", "for", "from", "in", "into", "its",
    "of", "on", "or", "our", "than", "that", "the", "their", "these", "this", "those", "to",
    "under", "which", "with", "within", "without", "whether", "over",
];

/// Joins a paragraph that carries on a sentence left open by the block before it (across
/// a page break or a stray blank line): the earlier block does not end a sentence and the
/// later one starts in lower case.
fn join_split_blocks(mut blocks: Vec<Block>) -> Vec<Block> {
    // Done in place: `blocks[..kept]` are the blocks kept so far, `blocks[next]` the one
    // read now, moved down to `kept` unless it is joined to one kept before it.
    let mut kept = 0;
    for next in 0..blocks.len() {
        let (out, rest) = blocks.split_at_mut(next);
        let out = &mut out[..kept];
        let b = &rest[0];
        // Behind a footnote, a sentence may go on with a capital ("... educate all states
        // about" / footnote / "FNS' policy ..."), when it stopped on a small word.
        let behind_footnote = out.last().is_some_and(is_footnote);
        // A lower-case enumerator ("iii) That ...", "b) Review ...") opens a unit of its own.
        if b.kind == BlockKind::Paragraph
            && (starts_lower(&b.text) || behind_footnote)
            && !crate::general::opens_unit(&b.text)
        {
            // The open block may sit behind footnotes the page break put between the
            // halves of its sentence ("109 GAO-24-107656."): look past them.
            let mut k = out.len();
            while k > 0 && is_footnote(&out[k - 1]) {
                k -= 1;
            }
            if let Some(prev) = k.checked_sub(1).map(|p| &mut out[p]) {
                let stopped_on_small_word = prev
                    .text
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| CANNOT_END.contains(&w));
                let prev_open = matches!(prev.kind, BlockKind::Paragraph | BlockKind::Bullet)
                    && !ends_sentence(&prev.text)
                    && (starts_lower(&b.text) || stopped_on_small_word);
                if prev_open {
                    prev.text.push(' ');
                    prev.text.push_str(&b.text);
                    prev.end_line = b.end_line;
                    continue;
                }
            }
        }
        blocks.swap(kept, next);
        kept += 1;
    }
    blocks.truncate(kept);
    blocks
}

/// An enumerator with nothing after it on its line: "2.", "2)", "(2)", "R2".
fn is_bare_label(t: &str) -> bool {
    let t = t.trim();
    let inner = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| t.strip_suffix(['.', ')']))
        .or_else(|| t.strip_prefix('R'));
    inner.is_some_and(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A numbered item's label and nothing else: "Recommendation 3", "Area for improvement
/// 2:", not "Recommendation 3 of the report" nor a sentence ending on it ("... 3.").
fn item_label_alone(t: &str) -> bool {
    let t = t.trim();
    !t.ends_with('.')
        && crate::numbered::numbered_heading(t).is_some_and(|(_, r, body)| {
            !r.is_empty() && body.trim_matches([':', '-', '–', ' ']).is_empty()
        })
}

/// A division's heading: "Chapter 3: Audit Report No. 14 ...", "Part 2 - Funding",
/// "Chapter 4" alone; the number closed by a colon, a dash or the end of the line, and a
/// capitalised title after it ("see Chapter 3 of the report" is a sentence).
pub(crate) fn opens_division(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let Some(word) = words.next() else {
        return false;
    };
    if !["Chapter", "CHAPTER", "Part", "PART", "Section", "SECTION"].contains(&word) {
        return false;
    }
    let rest = t[word.len()..].trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let after = rest[digits..].trim_start();
    if after.is_empty() {
        return true;
    }
    let Some(title) = after
        .strip_prefix([':', '-', '–', '.'])
        .map(str::trim_start)
    else {
        return false;
    };
    title.starts_with(|c: char| c.is_uppercase())
}

/// A footnote: a short paragraph opening with its number ("12 See the ...").
fn is_footnote(b: &Block) -> bool {
    let digits = b.text.bytes().take_while(u8::is_ascii_digit).count();
    b.kind == BlockKind::Paragraph
        && (1..=3).contains(&digits)
        && b.text[digits..].starts_with(' ')
        && b.text.len() < 400
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::to_lines;

    #[test]
    fn a_bullet_is_not_carried_on_by_a_new_sentence_or_unit_at_its_margin() {
        let text = "- publish a charter.\nFast facts\n- 8 - DECENT WORK\n140.8 Ratify the Protocol (Spain);\n- wrapped bullet that goes\non here\n";
        let lines = to_lines(text).lines;
        let b = segment(&lines);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "publish a charter.",
                "Fast facts",
                "8 - DECENT WORK",
                "140.8 Ratify the Protocol (Spain);",
                "wrapped bullet that goes on here"
            ]
        );
    }

    #[test]
    fn a_number_on_its_own_line_opens_the_unit_below_it() {
        let text = "1. We recommend that the plan is\npublished. (Paragraph\n14)\n2.\nWe recommend that staff\nare trained. (Paragraph 17)\n";
        let lines = to_lines(text).lines;
        let b = segment(&lines);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "1. We recommend that the plan is published. (Paragraph 14)",
                "2. We recommend that staff are trained. (Paragraph 17)"
            ]
        );
    }

    #[test]
    fn footnotes_between_the_halves_of_a_sentence() {
        let text =
            "The agency has not set out how it will\n\n12 See GAO-21-152.\n\nmeasure progress.\n";
        let lines = to_lines(text).lines;
        let b = segment(&lines);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The agency has not set out how it will measure progress.",
                "12 See GAO-21-152."
            ]
        );
        // Behind a footnote the sentence may go on with a capital, when it stopped on a
        // small word; a sentence that ended, or a heading-like stop, is not joined.
        let text = "We recommend that the Secretary brief all states about

1 The committee asked for this study.

FNS policy on the logo.

The agency agreed

2 See the appendix.

The Next Section
";
        let lines = to_lines(text).lines;
        let b = segment(&lines);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "We recommend that the Secretary brief all states about FNS policy on the logo.",
                "1 The committee asked for this study.",
                "The agency agreed",
                "2 See the appendix.",
                "The Next Section"
            ]
        );
    }

    #[test]
    fn a_label_line_is_not_joined_to_the_sentence_under_it() {
        let text = "Recommendation 1\nWe recommend that the Director revise the\nguidance.\n\nThe Council\nagreed to it.\nProgress: done.\n\nRecommendation 2 (Accepted)\nThat it acts.\n";
        let lines = to_lines(text).lines;
        let b = segment(&lines);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Recommendation 1",
                "We recommend that the Director revise the guidance.",
                "The Council agreed to it.",
                "Progress: done.",
                "Recommendation 2 (Accepted)",
                "That it acts."
            ]
        );
    }

    #[test]
    fn wrapped_bullets_and_split_paragraphs() {
        let text = "# Strengths\n\n- One bullet\n  wrapped here.\n- Two\n\nA paragraph that is\nhard wrapped and\n\nsplit by a break.\n";
        let lines = to_lines(text).lines;
        let b = segment(&lines);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Strengths",
                "One bullet wrapped here.",
                "Two",
                "A paragraph that is hard wrapped and split by a break."
            ]
        );
    }
}
