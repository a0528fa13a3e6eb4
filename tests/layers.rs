//! The library's layers, checked: a module may use only the layers below it, so the arrows
//! run one way and the faces (the desk and the command line) stay thin. The order is the one
//! in `src/lib.rs`'s module documentation and the README; a new top-level module must be
//! given a place in [`LAYERS`] before this test passes.

use std::path::{Path, PathBuf};

/// Bottom up. Modules on one line are siblings: they may not use each other either.
const LAYERS: &[&[&str]] = &[
    &["text", "safe_text"],
    &["domain"],
    &["store"],
    &["search", "report", "interop", "paper"],
    &["sample"],
    &["demo"],
    &["config", "host", "reference_files"],
    &["tui", "cli"],
];

/// Crates that draw on the terminal: only the desk may use them.
const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm"];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn order() -> String {
    LAYERS
        .iter()
        .map(|layer| layer.join(" | "))
        .collect::<Vec<_>>()
        .join("  <  ")
}

/// The module path of a source file: `src/store/queue/detail.rs` → `store::queue::detail`,
/// `src/store/mod.rs` → `store`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The top-level modules a line names: `crate::x`, `crate::{x, y::z}`, and `super::` chains
/// that climb to the crate root.
fn named_modules(line: &str, path: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            found.extend(inner.split(',').map(|item| ident(item.trim())));
        } else {
            found.push(ident(after));
        }
        rest = after;
    }
    if let Some(at) = line.find("super::") {
        let chain = &line[at..];
        let climbs = chain.matches("super::").count();
        let tail = chain.rsplit("super::").next().unwrap_or("");
        if climbs == path.len() {
            found.push(ident(tail));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

/// Every forbidden import in one file's text, as `file:line: why`.
fn violations(file: &str, path: &[String], text: &str) -> Vec<String> {
    let Some(module) = path.first() else {
        return Vec::new();
    };
    let Some(own) = rank(module) else {
        return vec![format!(
            "{file}: module `{module}` has no place in the layers ({}); add it to LAYERS in \
             tests/layers.rs, src/lib.rs and the README",
            order()
        )];
    };
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for used in named_modules(code, path) {
            match rank(&used) {
                Some(theirs) if used != *module && theirs >= own => found.push(format!(
                    "{file}:{}: `{module}` uses `crate::{used}`, which is not below it \
                     (layers, bottom up: {})",
                    number + 1,
                    order()
                )),
                _ => {}
            }
        }
        if module != "tui" {
            for terminal in TERMINAL_CRATES {
                if code.contains(&format!("{terminal}::")) {
                    found.push(format!(
                        "{file}:{}: `{module}` uses `{terminal}`; only src/tui may draw on the \
                         terminal",
                        number + 1
                    ));
                }
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_layer_uses_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        // The crate roots: lib.rs declares the modules, main.rs is the binary over them.
        if relative == Path::new("lib.rs") || relative == Path::new("main.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let shown = format!("src/{}", relative.display());
        found.extend(violations(&shown, &module_path(relative), &text));
    }
    assert!(found.is_empty(), "\n{}\n", found.join("\n"));
}

#[test]
fn every_module_of_the_library_has_a_layer() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod") {
            let name = name.trim().trim_end_matches(';');
            assert!(
                rank(name).is_some(),
                "src/lib.rs declares `{name}`, which has no place in LAYERS ({})",
                order()
            );
        }
    }
}

#[test]
fn the_check_finds_upward_imports_and_terminal_use() {
    let path = |p: &str| module_path(Path::new(p));
    let store = path("store/intake.rs");
    assert_eq!(
        violations("src/store/intake.rs", &store, "use crate::search::Catalog;").len(),
        1
    );
    let grouped = "use crate::{domain::Intake, report::Report, tui};";
    assert_eq!(violations("src/store/x.rs", &store, grouped).len(), 2);
    let climbing = "use super::super::super::config::config_dir;";
    assert_eq!(
        violations("src/store/queue/x.rs", &path("store/queue/x.rs"), climbing).len(),
        1
    );
    assert_eq!(
        violations(
            "src/report/x.rs",
            &path("report/x.rs"),
            "use ratatui::text::Line;"
        )
        .len(),
        1
    );
    let allowed = "use crate::domain::Intake; use super::columns; // crate::tui in a comment";
    assert!(violations("src/store/x.rs", &store, allowed).is_empty());
    let message = &violations(
        "src/domain/x.rs",
        &path("domain/x.rs"),
        "\nuse crate::store::Store;",
    )[0];
    assert!(
        message.starts_with("src/domain/x.rs:2: `domain` uses `crate::store`"),
        "{message}"
    );
}
