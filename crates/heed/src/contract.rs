//! The extraction contract of `../shared/spec/extraction-json.md` (plus Heed's extra
//! fields: lines, source phrases, diagnostics), and the plain-text summary for a person.

use heed_core::{Document, Item, ItemKind, Status};
use serde_json::{Value, json};
use std::fmt::Write;

fn status_str(s: Option<Status>) -> Value {
    match s {
        // The contract has no "superseded"; the words are kept beside it.
        Some(Status::Superseded) | None => Value::Null,
        Some(s) => json!(s.as_str()),
    }
}

fn item_json(d: &Document, i: &Item) -> Value {
    let mut v = json!({
        "kind": i.kind.as_str(),
        "ref": i.r#ref,
        "section": i.section,
        "theme": i.theme,
        "text": i.text,
        "position": i.position.map(|p| p.as_str()),
        "position_words": i.position_words,
        "status": status_str(i.status),
        "status_words": i.status_words,
        "rag": i.rag.map(|r| r.as_str()),
        "rag_reason": i.rag_reason,
        "deadline": i.deadline.as_ref().map(|d| d.to_iso()),
        "deadline_phrase": i.deadline.as_ref().map(|d| d.phrase.clone()),
        "owner": i.owner,
        "see_also": i.see_also,
        "actions": i.actions.iter().map(|a| json!({
            "key_point": a.key_point,
            "action": a.action,
            "result": a.result,
            "owner": a.owner,
            "status": status_str(a.status),
            "status_words": a.status_words,
            "date": a.date.as_ref().map(|d| d.to_iso()),
            "deadline": a.deadline.as_ref().map(|d| d.to_iso()),
            "line": a.line,
        })).collect::<Vec<_>>(),
        "responses": i.responses.iter().map(|r| json!({"text": r.text, "line": r.line})).collect::<Vec<_>>(),
        "line": i.line,
    });
    add_page(d, i.line, &mut v);
    v
}

/// For a document read from pages (a PDF): the page a line is on and the line's number
/// on that page, beside the line of the whole text.
fn add_page(d: &Document, line: usize, v: &mut Value) {
    if let (Some((page, on_page)), Some(o)) = (d.page_of(line), v.as_object_mut()) {
        o.insert("page".into(), json!(page));
        o.insert("page_line".into(), json!(on_page));
    }
}

/// "line 14" or, for a PDF, "page 2 line 14".
fn where_is(d: &Document, line: usize) -> String {
    match d.page_of(line) {
        Some((page, on_page)) => format!("page {page} line {on_page}"),
        None => format!("line {line}"),
    }
}

/// The contract JSON of one document.
pub fn to_json(file: &str, d: &Document) -> Value {
    json!({
        "file": file,
        "title": d.title,
        "date": d.date.map(|d| d.to_string()),
        "layouts": d.layouts,
        "items": d.items.iter().map(|i| item_json(d, i)).collect::<Vec<_>>(),
        "judgements": d.judgements.iter().map(|j| json!({
            "area": j.area,
            "title": j.title,
            "grade": j.grade.map(|g| g.as_str()),
            "direction": j.direction.map(|g| g.as_str()),
            "national_distribution": j.national_distribution,
            "line": j.line,
        })).collect::<Vec<_>>(),
        "glossary": d.glossary.iter().map(|g| json!({"term": g.term, "expansion": g.expansion, "line": g.line})).collect::<Vec<_>>(),
        "diagnostics": d.diagnostics.iter().map(|x| {
            let mut v = json!({"severity": x.severity, "line": x.line, "message": x.message});
            add_page(d, x.line, &mut v);
            v
        }).collect::<Vec<_>>(),
    })
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
