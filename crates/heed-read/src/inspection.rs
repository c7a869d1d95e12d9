//! Inspection reports: graded areas ("1A Fairness and Equality ..."), their grade and
//! direction-of-travel tables, national grade distributions, the strengths, areas for
//! improvement and work-in-progress notes under each area, the summary-of-judgements
//! table (checked against the sections it summarises), and a glossary of abbreviations.
//!
//! Sections are found by their labels, which are the vocabulary of inspection reports,
//! and by area codes (a digit and a capital letter); sub-headings inside a section become
//! the item's theme.

use crate::Context;
use crate::blocks::{Block, BlockKind};
use heed_core::{
    Diagnostic, Direction, Document, GlossaryEntry, Grade, Item, ItemKind, Judgement,
    NationalDistribution,
};

/// An area heading: "1A Fairness and Equality in Service Delivery".
pub fn area_heading(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let mut ch = t.chars();
    let d = ch.next()?;
    let l = ch.next()?;
    if !d.is_ascii_digit() || !l.is_ascii_uppercase() {
        return None;
    }
    let rest = &t[2..];
    if !rest.starts_with([' ', '\t', ':', '.']) {
        return None;
    }
    let title = rest.trim_start_matches([' ', ':', '.', '–', '-']).trim();
    if title.is_empty()
        || title.len() > 90
        || !title.starts_with(|c: char| c.is_uppercase())
        || title.ends_with('.')
    {
        return None;
    }
    Some((t[..2].to_string(), title.to_string()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Kind(ItemKind),
    /// A section whose content is not items (contextual factors, good practice, ...).
    Other,
    Glossary,
}

/// A section label, read from the start of a heading.
fn label_of(text: &str) -> Option<Label> {
    let l = text.trim().trim_end_matches(':').to_lowercase();
    let starts = |p: &str| l.starts_with(p);
    Some(
        if starts("strengths") || l == "strength" || starts("key strengths") {
            Label::Kind(ItemKind::Strength)
        } else if starts("areas for improvement")
            || starts("area for improvement")
            || starts("areas for development")
            || starts("areas requiring improvement")
        {
            Label::Kind(ItemKind::AreaForImprovement)
        } else if starts("work in progress") {
            Label::Kind(ItemKind::WorkInProgress)
        } else if (l.contains("glossary") || l.contains("abbreviations")) && l.len() < 80 {
            Label::Glossary
        } else if starts("contextual factors")
            || starts("national position")
            || starts("national grade distribution")
            || starts("good practice")
            || starts("summary of judgements")
            || starts("recommendations")
            || starts("cause of concern")
            || starts("causes of concern")
            || starts("appendix")
            || starts("contact")
        {
            Label::Other
        } else {
            return None;
        },
    )
}

/// "Work in Progress" in a tracker's record ("Rec 1" / "Accepted" / "Work in Progress"): a
/// status beside a position or a number, not a section of work-in-progress notes.
fn is_record_status(blocks: &[Block], i: usize) -> bool {
    let t = blocks[i].text.trim().to_lowercase();
    if !t.starts_with("work in progress") || t.split_whitespace().nth(3).is_some() || i == 0 {
        return false;
    }
    let prev = blocks[i - 1].text.trim();
    (prev.split_whitespace().nth(3).is_none() && heed_core::Position::from_words(prev).is_some())
        || crate::numbered::numbered_heading(prev).is_some()
}

fn is_heading_like(b: &Block) -> bool {
    b.is_heading()
        || (b.kind == BlockKind::Paragraph
            && !b.text.ends_with('.')
            && (b.text.len() <= 60 || (b.text.len() <= 140 && label_of(&b.text).is_some())))
}

/// A title on a line of its own: a few words starting with a capital, no closing
/// punctuation, and not the opening of a sentence the next line goes on with.
fn is_title_line(t: &str) -> bool {
    let t = t.trim();
    let words = t.split_whitespace().count();
    (1..=8).contains(&words)
        && t.len() <= 60
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !t.ends_with(['.', ';', ':', ',', '-'])
        && !crate::lines::ends_with_function_word_any_case(t)
}

/// Reads the inspection structure, if the document has one (at least one area heading
/// and one labelled section of strengths or areas for improvement).
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    // An area heading set as a heading, or (text without Markdown, as a PDF gives it) a
    // short line of its own: "1A Fairness and Equality in Service Delivery".
    let area_line =
        |b: &Block| (b.is_heading() || is_heading_like(b)) && area_heading(&b.text).is_some();
    let has_area = blocks.iter().any(area_line);
    let has_labels = blocks
        .iter()
        .any(|b| is_heading_like(b) && matches!(label_of(&b.text), Some(Label::Kind(_))));
    if has_area && has_labels {
        doc.layouts.push("inspection".to_string());
    }
    let mut area: Option<String> = None;
    let mut kind: Option<ItemKind> = None;
    let mut theme: Option<String> = None;
    // The number a label line ("Area for improvement 1") gives the item under it.
    let mut pending_ref: Option<String> = None;
    let mut in_glossary = false;
    let mut summary: Vec<(String, Option<Grade>, Option<Direction>, usize)> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if ctx.claimed[i] {
            i += 1;
            continue;
        }
        let b = &blocks[i];
        // Tables: grade and direction, national distribution, summary of judgements.
        if b.kind == BlockKind::Row {
            let cells: Vec<String> = b.cells.iter().map(|c| c.trim().to_lowercase()).collect();
            let is_grade_header =
                cells.iter().any(|c| c == "grade") && cells.iter().any(|c| c.contains("direction"));
            let is_dist_header = ["poor", "fair", "good", "excellent"]
                .iter()
                .all(|w| cells.iter().any(|c| c == w));
            if is_grade_header && cells.first().is_some_and(|c| c.starts_with("summary")) {
                let mut j = i + 1;
                // Group headings ("Reducing Crime") with empty grade cells arrive as
                // short paragraphs between the rows; the table goes on past them.
                let group_heading = |k: usize| {
                    blocks[k].kind == BlockKind::Paragraph
                        && blocks[k].text.len() < 60
                        && blocks.get(k + 1).is_some_and(|n| n.kind == BlockKind::Row)
                };
                while j < blocks.len() && (blocks[j].kind == BlockKind::Row || group_heading(j)) {
                    let c = &blocks[j].cells;
                    if c.len() >= 2 {
                        let g = c.get(1).and_then(|x| Grade::from_words(x));
                        let d = c.get(2).and_then(|x| Direction::from_words(x));
                        if g.is_some() || d.is_some() {
                            summary.push((c[0].trim().to_string(), g, d, blocks[j].line));
                        }
                    }
                    j += 1;
                }
                ctx.claim(i, j);
                i = j;
                continue;
            }
            if is_grade_header
                && i + 1 < blocks.len()
                && matches!(blocks[i + 1].kind, BlockKind::Row | BlockKind::Paragraph)
            {
                // The values row; a row whose other cells are empty arrives as a paragraph.
                let next = &blocks[i + 1];
                let vals: Vec<String> = if next.kind == BlockKind::Row {
                    next.cells.to_vec()
                } else {
                    vec![next.text.to_string()]
                };
                let gi = cells.iter().position(|c| c == "grade");
                let di = cells.iter().position(|c| c.contains("direction"));
                // "No direction of travel allocated" in the header itself.
                let not_graded = di
                    .and_then(|k| cells.get(k))
                    .is_some_and(|c| c.starts_with("no ") || c.contains("not graded"));
                if let (Some(a), Some(j)) = (&area, doc.judgements.last_mut())
                    && &j.area == a
                {
                    j.grade = gi
                        .and_then(|k| vals.get(k))
                        .and_then(|x| Grade::from_words(x));
                    j.direction = di
                        .and_then(|k| vals.get(k))
                        .and_then(|x| Direction::from_words(x));
                    if j.direction.is_none() && not_graded {
                        j.direction = Some(Direction::NotGraded);
                    }
                }
                ctx.claim(i, i + 2);
                i += 2;
                continue;
            }
            if is_dist_header && i + 1 < blocks.len() && blocks[i + 1].kind == BlockKind::Row {
                let vals = &blocks[i + 1].cells;
                let get = |w: &str| {
                    cells
                        .iter()
                        .position(|c| c == w)
                        .and_then(|k| vals.get(k))
                        .and_then(|v| v.trim().parse::<u32>().ok())
                };
                if let (Some(poor), Some(fair), Some(good), Some(excellent)) =
                    (get("poor"), get("fair"), get("good"), get("excellent"))
                    && let (Some(a), Some(j)) = (&area, doc.judgements.last_mut())
                    && &j.area == a
                {
                    j.national_distribution = Some(NationalDistribution {
                        poor,
                        fair,
                        good,
                        excellent,
                    });
                }
                ctx.claim(i, i + 2);
                i += 2;
                continue;
            }
            if in_glossary && b.cells.len() == 2 {
                push_glossary(doc, &b.cells[0], &b.cells[1], b.line);
                ctx.claim(i, i + 1);
            }
            i += 1;
            continue;
        }
        if (b.is_heading() || (is_heading_like(b) && label_of(&b.text).is_some()) || area_line(b))
            && !is_record_status(blocks, i)
        {
            if let Some((code, title)) = area_heading(&b.text) {
                area = Some(code.clone());
                kind = None;
                theme = None;
                in_glossary = false;
                if !doc.judgements.iter().any(|j| j.area == code) {
                    doc.judgements.push(Judgement {
                        area: code,
                        title,
                        grade: None,
                        direction: None,
                        national_distribution: None,
                        line: b.line,
                    });
                }
                ctx.claim(i, i + 1);
                i += 1;
                continue;
            }
            match label_of(&b.text) {
                Some(Label::Kind(k)) => {
                    kind = Some(k);
                    theme = None;
                    in_glossary = false;
                    // "Area for improvement 1" on a line of its own: the number is the
                    // next item's.
                    pending_ref = crate::numbered::numbered_heading(&b.text)
                        .filter(|(_, _, body)| body.trim().is_empty())
                        .map(|(_, r, _)| r);
                    ctx.claim(i, i + 1);
                    i += 1;
                    continue;
                }
                // A list of abbreviations under a bold line in the front matter (audit
                // offices print one before the letter) is not the report's glossary: a
                // glossary is named so, or is a section of its own (a real heading).
                Some(Label::Glossary)
                    if !b.text.to_lowercase().contains("glossary")
                        && !matches!(b.kind, BlockKind::Heading(l) if l < 7) =>
                {
                    kind = None;
                    theme = None;
                    in_glossary = false;
                    i += 1;
                    continue;
                }
                Some(Label::Glossary) => {
                    in_glossary = true;
                    kind = None;
                    ctx.claim(i, i + 1);
                    i += 1;
                    continue;
                }
                Some(Label::Other) => {
                    kind = None;
                    theme = None;
                    in_glossary = false;
                    i += 1;
                    continue;
                }
                None => {}
            }
            // A domain heading ("2 Reducing Crime (Domain 1)") ends the area's sections.
            if b.text.chars().next().is_some_and(|c| c.is_ascii_digit())
                && b.text.chars().nth(1) == Some(' ')
            {
                kind = None;
                theme = None;
                i += 1;
                continue;
            }
            if kind.is_some() && b.text.len() <= 80 {
                theme = Some(b.text.to_string());
                ctx.claim(i, i + 1);
            }
            if in_glossary && b.text.chars().nth(2).is_some() {
                read_glossary_line(doc, &b.text, b.line);
            }
            i += 1;
            continue;
        }
        if in_glossary {
            read_glossary_line(doc, &b.text, b.line);
            ctx.claim(i, i + 1);
            i += 1;
            continue;
        }
        // Outside an inspection report's graded areas, a labelled section of areas for
        // improvement holds what asks; a paragraph that asks nothing ("We set out our
        // detailed findings below.") ends it.
        if kind.is_some()
            && !has_area
            && b.kind == BlockKind::Paragraph
            && crate::general::directive(&b.text).is_none()
            && crate::numbered::numbered_heading(&b.text).is_none()
            && !b.text.starts_with(char::is_lowercase)
        {
            kind = None;
            i += 1;
            continue;
        }
        // Text without Markdown (as a PDF gives it) sets the report's headings as short
        // lines of their own: a domain heading ("3 Investigating Crime (Domain 2)") ends the
        // area's sections, and a title inside a section ("Child Abuse Investigations") is
        // the theme of the items under it, not one of them.
        if kind.is_some() && has_area && b.kind == BlockKind::Paragraph && is_title_line(&b.text) {
            if b.text.chars().next().is_some_and(|c| c.is_ascii_digit())
                && b.text.chars().nth(1) == Some(' ')
            {
                kind = None;
            }
            theme = kind.map(|_| b.text.to_string());
            ctx.claim(i, i + 1);
            i += 1;
            continue;
        }
        if let Some(k) = kind {
            match b.kind {
                BlockKind::Bullet | BlockKind::Paragraph => {
                    // A paragraph carries on the item before it only when a page break
                    // cut a sentence: the item left open, the paragraph in lower case.
                    let continues = b.kind == BlockKind::Paragraph
                        && b.text.starts_with(char::is_lowercase)
                        && doc
                            .items
                            .last()
                            .is_some_and(|p| p.kind == k && !crate::lines::ends_sentence(&p.text));
                    if continues {
                        if let Some(p) = doc.items.last_mut() {
                            p.text.push(' ');
                            p.text.push_str(&b.text);
                        }
                    } else {
                        let mut it = Item::new(k, b.text.clone(), b.line);
                        // "Area for improvement 2: ..." carries its own kind and number.
                        if let Some((kind, r, body)) = crate::numbered::numbered_heading(&b.text) {
                            it.kind = kind;
                            it.r#ref = Some(r);
                            it.text = body;
                        }
                        if it.r#ref.is_none() {
                            it.r#ref = pending_ref.take();
                        }
                        it.section = area.clone();
                        it.theme = theme.clone();
                        doc.items.push(it);
                    }
                    ctx.claim(i, i + 1);
                }
                _ => {}
            }
        }
        i += 1;
    }
    check_summary(doc, &summary);
}

/// Fills grades the sections lack from the summary table, and warns where they disagree.
fn check_summary(
    doc: &mut Document,
    summary: &[(String, Option<Grade>, Option<Direction>, usize)],
) {
    // Each title is normalised once, not once for every pair.
    let titles: Vec<String> = doc.judgements.iter().map(|j| norm(&j.title)).collect();
    for (title, g, d, line) in summary {
        let key = norm(title);
        let Some(k) = titles
            .iter()
            .position(|t| *t == key || similar_norms(t, &key))
        else {
            continue;
        };
        let j = &mut doc.judgements[k];
        match (j.grade, g) {
            (None, Some(_)) => j.grade = *g,
            (Some(a), Some(b)) if a != *b => doc.diagnostics.push(Diagnostic::warning(
                *line,
                format!("summary of judgements grades {} {} but its section (line {}) grades it {}; kept the section's grade", j.area, b, j.line, a),
            )),
            _ => {}
        }
        match (j.direction, d) {
            (None, Some(_)) => j.direction = *d,
            (Some(a), Some(b)) if a != *b => doc.diagnostics.push(Diagnostic::warning(
                *line,
                format!("summary of judgements gives {} direction {} but its section (line {}) gives {}; kept the section's", j.area, b, j.line, a),
            )),
            _ => {}
        }
        if norm(&j.title) != key {
            let msg = format!(
                "summary of judgements names {} {:?}, its section heading {:?}",
                j.area, title, j.title
            );
            doc.diagnostics.push(Diagnostic::warning(*line, msg));
        }
    }
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Titles (normalised by [`norm`]) that differ by a letter or two ("Road" / "Roads").
fn similar_norms(a: &str, b: &str) -> bool {
    a.len().abs_diff(b.len()) <= 2
        && a.len() > 6
        && (a.starts_with(&b[..b.len().min(a.len()) * 3 / 4]))
}

/// Whether a word is an abbreviation: two or more capitals, letters (and "/", "&").
fn is_abbreviation(w: &str) -> bool {
    let caps = w.chars().filter(char::is_ascii_uppercase).count();
    caps >= 2
        && w.len() <= 12
        && w.chars()
            .all(|c| c.is_alphanumeric() || c == '/' || c == '&')
        && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

fn read_glossary_line(doc: &mut Document, text: &str, line: usize) {
    let t = text.trim();
    let (term, rest) = match t.split_once([' ', '\t']) {
        Some(x) => x,
        None => return,
    };
    let rest = rest.trim_start_matches(['–', '-', ':', '=', ' ']).trim();
    // An expansion is a short phrase that starts with the abbreviation's first letter.
    let first_matches = rest.chars().next().map(|c| c.to_lowercase().to_string())
        == term.chars().next().map(|c| c.to_lowercase().to_string());
    if is_abbreviation(term)
        && !rest.is_empty()
        && first_matches
        && rest.split_whitespace().nth(15).is_none()
    {
        push_glossary(doc, term, rest, line);
    }
}

fn push_glossary(doc: &mut Document, term: &str, expansion: &str, line: usize) {
    let term = term.trim();
    if !doc.glossary.iter().any(|g| g.term == term) && is_abbreviation(term) {
        doc.glossary.push(GlossaryEntry {
            term: term.to_string(),
            expansion: expansion.trim().to_string(),
            line,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_headings() {
        assert_eq!(
            area_heading("1A Fairness and Equality in Service Delivery"),
            Some((
                "1A".into(),
                "Fairness and Equality in Service Delivery".into()
            ))
        );
        assert_eq!(
            area_heading("5A Contact Management"),
            Some(("5A".into(), "Contact Management".into()))
        );
        assert_eq!(area_heading("1 Citizen Focus (Domain A)"), None);
        assert_eq!(area_heading("4B is a room number."), None);
    }

    #[test]
    fn abbreviations() {
        assert!(is_abbreviation("ACPO"));
        assert!(is_abbreviation("QoSC"));
        assert!(is_abbreviation("TfL"));
        assert!(!is_abbreviation("The"));
        assert!(!is_abbreviation("C"));
    }
}
