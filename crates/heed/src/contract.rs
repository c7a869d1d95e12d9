//! The extraction contract of `../shared/spec/extraction-json.md` (plus Heed's extra
//! fields: lines, source phrases, diagnostics), and the plain-text summary for a person.

use heed_core::{Action, Document, Item, ItemKind, Status};
use serde::Serialize;
use std::fmt::Write;

// The contract is written straight from the document through these borrowed views (no
// intermediate JSON tree: a large report's JSON cost more than reading it). Fields are
// declared in alphabetical order, the order the output has always had.

fn status_str(s: Option<Status>) -> Option<&'static str> {
    match s {
        // The contract has no "superseded"; the words are kept beside it.
        Some(Status::Superseded) | None => None,
        Some(s) => Some(s.as_str()),
    }
}

#[derive(Serialize)]
struct ActionView<'a> {
    action: &'a Option<String>,
    date: Option<String>,
    deadline: Option<String>,
    key_point: &'a Option<String>,
    line: usize,
    owner: &'a Option<String>,
    result: &'a Option<String>,
    status: Option<&'static str>,
    status_words: &'a Option<String>,
}

impl<'a> ActionView<'a> {
    fn of(a: &'a Action) -> Self {
        ActionView {
            action: &a.action,
            date: a.date.as_ref().map(|d| d.to_iso()),
            deadline: a.deadline.as_ref().map(|d| d.to_iso()),
            key_point: &a.key_point,
            line: a.line,
            owner: &a.owner,
            result: &a.result,
            status: status_str(a.status),
            status_words: &a.status_words,
        }
    }
}

#[derive(Serialize)]
struct ResponseView<'a> {
    line: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct ItemView<'a> {
    actions: Vec<ActionView<'a>>,
    deadline: Option<String>,
    deadline_phrase: Option<&'a str>,
    /// Why the general reader took the unit (absent for the layout recognisers' items).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    evidence: &'a [String],
    kind: &'static str,
    line: usize,
    owner: &'a Option<String>,
    /// For a document read from pages (a PDF): the page the item starts on, and the
    /// line's number on that page, beside the line of the whole text.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_line: Option<usize>,
    position: Option<&'static str>,
    position_words: &'a Option<String>,
    rag: Option<&'static str>,
    rag_reason: &'a Option<String>,
    r#ref: &'a Option<String>,
    responses: Vec<ResponseView<'a>>,
    section: &'a Option<String>,
    see_also: &'a [String],
    status: Option<&'static str>,
    status_words: &'a Option<String>,
    text: &'a str,
    theme: &'a Option<String>,
}

impl<'a> ItemView<'a> {
    fn of(d: &Document, i: &'a Item) -> Self {
        let page = d.page_of(i.line);
        ItemView {
            actions: i.actions.iter().map(ActionView::of).collect(),
            deadline: i.deadline.as_ref().map(|d| d.to_iso()),
            deadline_phrase: i.deadline.as_ref().map(|d| d.phrase.as_str()),
            evidence: &i.evidence,
            kind: i.kind.as_str(),
            line: i.line,
            owner: &i.owner,
            page: page.map(|p| p.0),
            page_line: page.map(|p| p.1),
            position: i.position.map(|p| p.as_str()),
            position_words: &i.position_words,
            rag: i.rag.map(|r| r.as_str()),
            rag_reason: &i.rag_reason,
            r#ref: &i.r#ref,
            responses: i
                .responses
                .iter()
                .map(|r| ResponseView {
                    line: r.line,
                    text: &r.text,
                })
                .collect(),
            section: &i.section,
            see_also: &i.see_also,
            status: status_str(i.status),
            status_words: &i.status_words,
            text: &i.text,
            theme: &i.theme,
        }
    }
}

#[derive(Serialize)]
struct DistributionView {
    excellent: u32,
    fair: u32,
    good: u32,
    poor: u32,
}

#[derive(Serialize)]
struct JudgementView<'a> {
    area: &'a str,
    direction: Option<&'static str>,
    grade: Option<&'static str>,
    line: usize,
    national_distribution: Option<DistributionView>,
    title: &'a str,
}

#[derive(Serialize)]
struct GlossaryView<'a> {
    expansion: &'a str,
    line: usize,
    term: &'a str,
}

#[derive(Serialize)]
struct DiagnosticView<'a> {
    line: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_line: Option<usize>,
    severity: heed_core::Severity,
}

/// The contract JSON of one document, ready to serialize.
#[derive(Serialize)]
pub struct Contract<'a> {
    date: Option<String>,
    diagnostics: Vec<DiagnosticView<'a>>,
    file: &'a str,
    glossary: Vec<GlossaryView<'a>>,
    items: Vec<ItemView<'a>>,
    judgements: Vec<JudgementView<'a>>,
    layouts: &'a [String],
    title: &'a Option<String>,
}

/// The contract JSON of one document.
pub fn to_json<'a>(file: &'a str, d: &'a Document) -> Contract<'a> {
    Contract {
        date: d.date.map(|d| d.to_string()),
        diagnostics: d
            .diagnostics
            .iter()
            .map(|x| {
                let page = d.page_of(x.line);
                DiagnosticView {
                    line: x.line,
                    message: &x.message,
                    page: page.map(|p| p.0),
                    page_line: page.map(|p| p.1),
                    severity: x.severity,
                }
            })
            .collect(),
        file,
        glossary: d
            .glossary
            .iter()
            .map(|g| GlossaryView {
                expansion: &g.expansion,
                line: g.line,
                term: &g.term,
            })
            .collect(),
        items: d.items.iter().map(|i| ItemView::of(d, i)).collect(),
        judgements: d
            .judgements
            .iter()
            .map(|j| JudgementView {
                area: &j.area,
                direction: j.direction.map(|g| g.as_str()),
                grade: j.grade.map(|g| g.as_str()),
                line: j.line,
                national_distribution: j.national_distribution.as_ref().map(|n| DistributionView {
                    excellent: n.excellent,
                    fair: n.fair,
                    good: n.good,
                    poor: n.poor,
                }),
                title: &j.title,
            })
            .collect(),
        layouts: &d.layouts,
        title: &d.title,
    }
}

/// "line 14" or, for a PDF, "page 2 line 14".
fn where_is(d: &Document, line: usize) -> String {
    match d.page_of(line) {
        Some((page, on_page)) => format!("page {page} line {on_page}"),
        None => format!("line {line}"),
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// A summary for a terminal: items by kind, with status, deadline and position, then
/// judgements, glossary size and warnings.
pub fn to_text(file: &str, d: &Document) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{file}");
    if let Some(t) = &d.title {
        let _ = writeln!(o, "  {t}");
    }
    for kind in ItemKind::ALL {
        let items: Vec<&Item> = d.items.iter().filter(|i| i.kind == *kind).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "\n  {} ({})",
            kind.as_str().replace('_', " "),
            items.len()
        );
        for i in items {
            let r = i
                .r#ref
                .as_deref()
                .map(|r| format!("{r}. "))
                .unwrap_or_default();
            let sec = i
                .section
                .as_deref()
                .map(|s| format!("[{s}] "))
                .unwrap_or_default();
            let _ = writeln!(o, "    {sec}{r}{}", short(&i.text, 90));
            let mut facts = Vec::new();
            if let Some(s) = i.status {
                facts.push(format!("status: {s}"));
            }
            if let Some(p) = i.position {
                facts.push(format!("position: {p}"));
            }
            if let Some(rag) = i.rag {
                facts.push(format!("RAG: {rag}"));
            }
            if let Some(dl) = &i.deadline {
                facts.push(format!("due: {dl} ({})", dl.phrase));
            }
            if !i.actions.is_empty() {
                facts.push(format!("{} actions", i.actions.len()));
            }
            if !i.see_also.is_empty() {
                facts.push(format!("see {}", i.see_also.join(", ")));
            }
            if !facts.is_empty() {
                let _ = writeln!(o, "        {}", facts.join("; "));
            }
        }
    }
    if !d.judgements.is_empty() {
        let _ = writeln!(o, "\n  judgements ({})", d.judgements.len());
        for j in &d.judgements {
            let g = j.grade.map_or("-", |g| g.as_str());
            let dir = j.direction.map_or("-", |g| g.as_str());
            let _ = writeln!(
                o,
                "    {:<4} {:<50} {:<10} {}",
                j.area,
                short(&j.title, 50),
                g,
                dir
            );
        }
    }
    if !d.glossary.is_empty() {
        let _ = writeln!(o, "\n  glossary: {} terms", d.glossary.len());
    }
    if !d.diagnostics.is_empty() {
        let _ = writeln!(o, "\n  warnings");
        for x in &d.diagnostics {
            let at = if x.line == 0 {
                "document".to_string()
            } else {
                where_is(d, x.line)
            };
            let _ = writeln!(o, "    {at}: {}", x.message);
        }
    }
    let _ = writeln!(o);
    o
}
