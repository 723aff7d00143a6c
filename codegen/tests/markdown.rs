//! The generated reference renders cleanly as GitHub markdown: every table row has the
//! columns of its header, and every `#anchor` link points at a heading.

use std::collections::BTreeSet;
use std::path::Path;

use llm_params_codegen::emit::markdown::anchor;

fn page() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/docs/parameters.md");
    std::fs::read_to_string(path).expect("generated/docs/parameters.md")
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
    let text = page();
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
            Some(n) => assert_eq!(cells(line), n, "line {}: {line}", i + 1),
        }
    }
}

#[test]
fn every_anchor_link_resolves_and_headings_are_unique() {
    let text = page();
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
                "duplicate anchor for {heading:?}"
            );
        }
    }
    let mut rest = text.as_str();
    let mut links = 0;
    while let Some(i) = rest.find("](#") {
        rest = &rest[i + 3..];
        let end = rest.find(')').expect("closed link");
        let target = &rest[..end];
        assert!(anchors.contains(target), "link to #{target} has no heading");
        links += 1;
    }
    assert!(links > 50, "{links}");
}

#[test]
fn every_parameter_has_a_section_and_the_page_says_options_are_replaced() {
    let text = page();
    for name in [
        "temperature",
        "top_logprobs",
        "safety_identifier",
        "web_search_options",
    ] {
        assert!(text.contains(&format!("\n### {name}\n")), "{name}");
    }
    assert!(text.contains("Options are replaced, not merged"));
    assert!(
        text.contains("```typescript") && text.contains("```python") && text.contains("```rust")
    );
}
