//! Reads the hand-checked extraction files of the shared corpus (`corpus/gold/*.json`, in
//! the extraction JSON contract) into `heed_core::Document` values, so the register can be
//! tested and benchmarked on real documents without depending on the reader.

use heed_core::{
    Action, Deadline, Direction, Document, GlossaryEntry, Grade, Item, ItemKind, Judgement,
    NationalDistribution, Position, Rag, Response, Status,
};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The shared corpus's gold directory, when it is there (`../shared` beside the checkout).
pub fn gold_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/gold");
    dir.is_dir().then_some(dir)
}

/// Every gold document, by file stem, in name order.
pub fn gold_documents() -> Vec<(String, Document)> {
    let Some(dir) = gold_dir() else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let v: Value = serde_json::from_str(&text).ok()?;
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            Some((stem, document(&v)))
        })
        .collect()
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

/// A status given as a string or as a list of acceptable strings (the first is taken).
fn status(v: &Value) -> Option<Status> {
    match v.get("status")? {
        Value::String(x) => x.parse().ok(),
        Value::Array(a) => a.first()?.as_str()?.parse().ok(),
        _ => None,
    }
}

fn deadline(v: &Value, k: &str) -> Option<Deadline> {
    Deadline::parse(v.get(k)?.as_str()?, None)
}

pub fn document(v: &Value) -> Document {
    let items = v
        .get("items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let items = items
        .iter()
        .enumerate()
        .map(|(n, it)| {
            let kind = s(it, "kind")
                .and_then(|k| k.parse().ok())
                .unwrap_or(ItemKind::Recommendation);
            let mut item = Item::new(kind, s(it, "text").unwrap_or_default(), n + 1);
            item.r#ref = s(it, "ref");
            item.section = s(it, "section");
            item.status = status(it);
            item.rag = s(it, "rag").and_then(|r| r.parse::<Rag>().ok());
            item.position = s(it, "position").and_then(|p| p.parse::<Position>().ok());
            item.deadline = deadline(it, "deadline");
            item.see_also = it
                .get("see_also")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            item.actions = it
                .get("actions")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|x| Action {
                            key_point: s(x, "key_point"),
                            action: s(x, "action"),
                            result: s(x, "result"),
                            owner: None,
                            status: status(x),
                            status_words: None,
                            date: deadline(x, "date"),
                            deadline: None,
                            line: n + 1,
                        })
                        .collect()
                })
                .unwrap_or_default();
            item.responses = it
                .get("responses")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|r| s(r, "text"))
                        .map(|text| Response { text, line: n + 1 })
                        .collect()
                })
                .unwrap_or_default();
            item
        })
        .collect();
    let judgements = v
        .get("judgements")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .map(|(n, j)| Judgement {
                    area: s(j, "area").unwrap_or_default(),
                    title: s(j, "title").unwrap_or_default(),
                    grade: s(j, "grade").and_then(|g| g.parse::<Grade>().ok()),
                    direction: s(j, "direction").and_then(|d| d.parse::<Direction>().ok()),
                    national_distribution: j.get("national_distribution").and_then(|d| {
                        serde_json::from_value::<NationalDistribution>(d.clone()).ok()
                    }),
                    line: n + 1,
                })
                .collect()
        })
        .unwrap_or_default();
    let glossary = v
        .get("glossary")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .map(|(n, g)| GlossaryEntry {
                    term: s(g, "term").unwrap_or_default(),
                    expansion: s(g, "expansion").unwrap_or_default(),
                    line: n + 1,
                })
                .collect()
        })
        .unwrap_or_default();
    Document {
        title: s(v, "title"),
        items,
        judgements,
        glossary,
        ..Document::default()
    }
}
