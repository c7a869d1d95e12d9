//! The web crate's modules import one way: each module names only modules of the layers
//! before its own (values, errors, state, the request's edge and forms, who is asking,
//! handlers), so there is no circle and a handler never reaches into another handler.
//! The layers are listed in `src/lib.rs`; this test reads the sources and holds them to it.

use std::collections::BTreeMap;

/// Each module of `src/` and its layer, as `src/lib.rs` lists them.
const LAYERS: &[(&str, u8)] = &[
    ("bodies", 1),
    ("chart", 1),
    ("display", 1),
    ("throttle", 1),
    ("trend", 1),
    ("error", 2),
    ("state", 3),
    ("changes", 4),
    ("corrections", 4),
    ("edge", 4),
    ("filter", 4),
    ("auth", 5),
    ("access", 6),
    ("api", 7),
    ("dashboard", 7),
    ("download", 7),
    ("import", 7),
    ("login", 7),
    ("openapi", 7),
    ("pages", 7),
    ("progress", 7),
    ("saved_views", 7),
    ("tokens", 7),
    ("workflow", 7),
];

/// The modules a source file names as `crate::module`.
fn imports(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.push(name);
        }
    }
    found
}

#[test]
fn modules_import_only_from_earlier_layers() {
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut seen = Vec::new();
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src") {
        let path = entry.expect("entry").path();
        let Some(module) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".rs"))
        else {
            continue;
        };
        if module == "lib" {
            continue;
        }
        let Some(&own) = layers.get(module) else {
            wrong.push(format!(
                "{module}.rs is in no layer: add it to LAYERS and lib.rs"
            ));
            continue;
        };
        seen.push(module.to_string());
        let source = std::fs::read_to_string(&path).expect("source");
        for used in imports(&source) {
            match layers.get(used.as_str()) {
                Some(&theirs) if theirs < own || used == module => {}
                Some(&theirs) => wrong.push(format!(
                    "{module} (layer {own}) imports {used} (layer {theirs})"
                )),
                None => wrong.push(format!("{module} imports {used}, which is in no layer")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        seen.len(),
        LAYERS.len(),
        "a listed module has no file: {seen:?}"
    );
}

#[test]
fn the_reader_of_imports_finds_module_names() {
    assert_eq!(
        imports("use crate::auth::{MaybeUser};\nlet x = crate::access::sees(p, &u);"),
        vec!["auth", "access"]
    );
    assert!(imports("use crate::AppState;").is_empty());
}
