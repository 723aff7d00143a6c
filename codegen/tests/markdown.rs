//! The generated reference renders cleanly as GitHub markdown: every table row has the
//! columns of its header, and every `#anchor` link points at a heading. Checked on the
//! page of this repository's spec and of every fixture spec.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use llm_params_codegen::emit::markdown::anchor;
use llm_params_codegen::model::Model;

/// Every spec with its reference page: (name, model, page).
fn pages() -> Vec<(String, Model, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let repo = common::load_texts(
        &common::read(&root.join("schema/spec.yaml")),
        &common::read(&root.join("schema/models.yaml")),
    )
    .expect("the spec loads");
    let mut specs = vec![("schema".to_owned(), repo)];
    for name in ["small", "minimal", "full", "keywords"] {
        specs.push((name.to_owned(), common::load_dir(name)));
    }
    specs
        .into_iter()
        .map(|(name, model)| {
            let page = llm_params_codegen::emit::markdown::emit(&model)
                .into_iter()
                .find(|f| f.path.ends_with("/parameters.md"))
                .expect("parameters.md")
                .contents;
            (name, model, page)
        })
        .collect()
}

/// Cells of a table row, honouring `\|` escapes.
fn cells(row: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    for c in row.trim().trim_matches('|').chars() {
        if c == '|' && prev != '\\' {
            n += 1;
        }
        prev = c;
    }
    n + 1
}

#[test]
fn tables_are_rectangular() {
    for (name, _, text) in pages() {
        tables_are_rectangular_in(&name, &text);
    }
}

fn tables_are_rectangular_in(name: &str, text: &str) {
    let mut in_code = false;
    let mut header: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code || !line.starts_with('|') {
            header = None;
            continue;
        }
        match header {
            None => header = Some(cells(line)),
            Some(n) => assert_eq!(cells(line), n, "{name}: line {}: {line}", i + 1),
        }
    }
}

#[test]
fn every_anchor_link_resolves_and_headings_are_unique() {
    for (name, model, text) in pages() {
        anchors_resolve_in(&name, &model, &text);
    }
}

fn anchors_resolve_in(name: &str, model: &Model, text: &str) {
    let mut anchors = BTreeSet::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            let heading = line.trim_start_matches('#').trim();
            assert!(
                anchors.insert(anchor(heading)),
                "{name}: duplicate anchor for {heading:?}"
            );
        }
    }
    let mut rest = text;
    let mut links = 0;
    while let Some(i) = rest.find("](#") {
        rest = &rest[i + 3..];
        let end = rest.find(')').expect("closed link");
        let target = &rest[..end];
        assert!(
            anchors.contains(target),
            "{name}: link to #{target} has no heading"
        );
        links += 1;
    }
    // At least the table of contents links every parameter.
    assert!(links >= model.params.len(), "{name}: {links} links");
}

#[test]
fn every_parameter_has_a_section_and_the_page_says_options_are_replaced() {
    for (name, model, text) in pages() {
        for p in &model.params {
            assert!(
                text.contains(&format!("\n### {}\n", p.name)),
                "{name}: {}",
                p.name
            );
        }
        assert!(text.contains("Options are replaced, not merged"), "{name}");
        assert!(
            text.contains("```typescript")
                && text.contains("```python")
                && text.contains("```rust"),
            "{name}"
        );
    }
}
