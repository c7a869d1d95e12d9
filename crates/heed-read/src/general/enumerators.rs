//! How a unit is numbered: the enumerators that open units ("R1", "4.", "(b)", a
//! reference code), their styles and the numbers they stand for.

use super::*;

/// How a unit is numbered. Units of one run share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// "R1", "R12:"
    RPrefix,
    /// "4.", "4)", "4.2" (depth 2), "4.2.1"
    Decimal(u8),
    /// "(4)"
    Paren,
    /// "a)", "(a)", "a."
    Letter,
    /// "i)", "(ii)", "iii." in lower case (a lone "i", "v" or "x" counts as a numeral)
    Roman,
    /// A reference code with letters and digits: "PCC/2011/14", "IR-07".
    Code,
}

/// The enumerator that opens a unit, and the unit's own words after it.
#[derive(Debug, Clone)]
pub(super) struct Enumerator<'a> {
    pub(super) style: Style,
    pub(super) label: String,
    pub(super) rest: &'a str,
}

pub(super) fn starts_upper(t: &str) -> bool {
    t.trim_start_matches(['"', '\'', '“', '‘'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The enumerator opening `t`, when the words after it start a sentence or a title.
pub(super) fn enumerator(t: &str) -> Option<Enumerator<'_>> {
    let t = t.trim_start();
    let (first, rest) = match t.split_once(char::is_whitespace) {
        Some((f, r)) => (f, r.trim_start()),
        None => return None,
    };
    if rest.is_empty() {
        return None;
    }
    let bare = first.trim_end_matches([':', '.', ')', '–', '-']);
    // "R1", "R12:"
    if let Some(n) = bare.strip_prefix('R')
        && !n.is_empty()
        && n.len() <= 3
        && n.chars().all(|c| c.is_ascii_digit())
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::RPrefix,
            label: n.to_string(),
            rest,
        });
    }
    // "i)", "(ii)", "iii." before letters: "i)" opens a list of numerals far more
    // often than the ninth entry of a lettered one.
    let numeral = first
        .strip_prefix('(')
        .and_then(|f| f.strip_suffix(')'))
        .or_else(|| first.strip_suffix([')', '.']));
    // Upper-case numerals ("II. Methodology") number a document's sections, not its items.
    if let Some(n) = numeral
        && roman_value(n).is_some()
        && n.starts_with(|c: char| c.is_ascii_lowercase())
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::Roman,
            label: n.to_string(),
            rest,
        });
    }
    // "(4)" and "(a)"
    if let Some(inner) = first.strip_prefix('(').and_then(|f| f.strip_suffix(')')) {
        if !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
            return Some(Enumerator {
                style: Style::Paren,
                label: inner.to_string(),
                rest,
            });
        }
        if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
            return Some(letter(inner, rest));
        }
        return None;
    }
    // "a)" and "a."
    if first.len() == 2
        && first.ends_with([')', '.'])
        && first.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return Some(letter(&first[..1], rest));
    }
    // "4.", "4)", "4.2", "4.2.1." (a bare "4" is too often a wrapped number)
    let marked = first.ends_with(['.', ')']) || first.contains('.');
    let num = first.trim_end_matches(['.', ')']);
    if marked
        && !num.is_empty()
        && num
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
        && starts_upper(rest)
    {
        let depth = num.split('.').count().min(4) as u8;
        return Some(Enumerator {
            style: Style::Decimal(depth),
            label: num.to_string(),
            rest,
        });
    }
    // A reference code: letters and digits joined by "/" or "-", an upper-case letter in it.
    let code = bare;
    // "K-12" and "COVID-19" are names; a reference code has a run of two letters or more
    // and two digits or more.
    let letters = code.chars().filter(char::is_ascii_alphabetic).count();
    let digits = code.chars().filter(char::is_ascii_digit).count();
    if (4..=24).contains(&code.len())
        && (code.contains('/') || letters >= 2)
        && digits >= 2
        && code.contains(['/', '-'])
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().any(|c| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == '.')
        && starts_upper(rest)
    {
        return Some(Enumerator {
            style: Style::Code,
            label: code.to_string(),
            rest,
        });
    }
    None
}

/// A short title run into the unit after it, as converters join a heading to the next
/// paragraph ("Microbeads 5. We welcome ..."): the title (at most six words, the first
/// capitalised, no sentence end) and the unit's enumerator. Only a one-level
/// decimal number; the caller checks that it continues the numbering.
pub(super) fn titled_enumerator(t: &str) -> Option<(&str, Enumerator<'_>)> {
    let t = t.trim_start();
    let mut words = 0;
    for (at, w) in t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
    {
        if words > 0 && w.ends_with('.') && w.len() <= 4 {
            let e = enumerator(&t[at..])?;
            return matches!(e.style, Style::Decimal(1)).then(|| (t[..at].trim_end(), e));
        }
        words += 1;
        // A title in title case or sentence case: its first word capitalised.
        let title_word = words > 1 || w.starts_with(|c: char| c.is_uppercase());
        if words > 6 || !title_word || w.ends_with(['.', ':', ';', ',', '?', '!']) {
            return None;
        }
    }
    None
}

/// A numbered conclusion quoted with the paragraph it came from ("4. ... We recommend the
/// Government ... (Paragraph 33)", also with a title run into it): one item as a whole,
/// which this reader takes, not a sentence of it.
pub(crate) fn is_cited_conclusion(t: &str) -> bool {
    (opens_unit(t) || titled_enumerator(t).is_some()) && cited_paragraph(t).is_some()
}

/// The unit numbered `next` run into a title before it, if `t` is one.
pub(super) fn titled_next(t: &str, next: u32) -> Option<Enumerator<'_>> {
    titled_enumerator(t)
        .map(|(_, e)| e)
        .filter(|e| numbers(&e.label) == [next])
}

/// Whether a line opens with an enumerator (a numbered, lettered or coded unit).
pub fn opens_unit(t: &str) -> bool {
    let b = t.as_bytes().first().copied().unwrap_or(b' ');
    (b.is_ascii_alphanumeric() || b == b'(') && enumerator(t).is_some()
}

pub(super) fn letter<'a>(l: &str, rest: &'a str) -> Enumerator<'a> {
    Enumerator {
        style: Style::Letter,
        label: l.to_string(),
        rest,
    }
}

/// The numbers of a label ("122.11" -> [122, 11]; "b" -> its place), for ordering.
/// The value of a Roman numeral written in one case, up to 39 ("ii" -> 2, "XIV" -> 14).
pub(super) fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if s != lower && s != s.to_ascii_uppercase() {
        return None;
    }
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    const TENS: [&str; 4] = ["", "x", "xx", "xxx"];
    (1..40)
        .find(|&n| format!("{}{}", TENS[n / 10], ONES[n % 10]) == lower)
        .map(|n| n as u32)
}

pub(super) fn numbers(label: &str) -> Vec<u32> {
    if let Some(v) = roman_value(label) {
        return vec![v];
    }
    label
        .split('.')
        .map(|p| {
            p.parse()
                .unwrap_or_else(|_| p.bytes().next().map_or(0, u32::from))
        })
        .collect()
}

/// A clause's label, its words in either case: "(b) the Panel's meeting ...", "(i)
/// decisions by the PCC;", as well as every unit's enumerator.
pub(super) fn clause_label(t: &str) -> Option<Enumerator<'_>> {
    if let Some(e) = enumerator(t) {
        return Some(e);
    }
    let t = t.trim_start();
    let (first, rest) = t.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    let inner = first.strip_prefix('(').unwrap_or(first).strip_suffix(')')?;
    if rest.is_empty() || inner.is_empty() {
        return None;
    }
    let style =
        if inner.starts_with(|c: char| c.is_ascii_lowercase()) && roman_value(inner).is_some() {
            Style::Roman
        } else if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
            Style::Letter
        } else if inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
            Style::Paren
        } else {
            return None;
        };
    Some(Enumerator {
        style,
        label: inner.to_string(),
        rest,
    })
}
