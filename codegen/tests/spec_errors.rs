//! Every kind of spec error, each with a small fixture under `tests/fixtures/errors/`.
//! A fixture states what it expects in comments:
//! `# expect: <file>:<line>:<column> <code> [words the message contains]`.
//! The test fails on a missing error, an extra one, or a wrong position.

mod common;

use std::path::Path;

const EMPTY_CATALOG: &str = "families: []\nmodels: []\n";

#[derive(Debug, PartialEq)]
struct Expect {
    file: String,
    line: usize,
    column: usize,
    code: String,
    words: String,
}

fn expectations(text: &str) -> Vec<Expect> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|rest| {
            let (loc, tail) = rest.split_once(' ').expect("location then code");
            let (code, words) = tail.split_once(' ').unwrap_or((tail, ""));
            let mut parts = loc.split(':');
            Expect {
                file: parts.next().expect("file").to_owned(),
                line: parts.next().expect("line").parse().expect("line number"),
                column: parts
                    .next()
                    .expect("column")
                    .parse()
                    .expect("column number"),
                code: code.to_owned(),
                words: words.trim().to_owned(),
            }
        })
        .collect()
}

fn run_fixture(path: &Path) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let text = common::read(path);
    let expected = expectations(&text);
    assert!(!expected.is_empty(), "{name} states no expectation");
    let result = if name.starts_with("catalog_") {
        let spec = common::read(&common::fixtures().join("small/spec.yaml"));
        common::load_texts(&spec, &text)
    } else {
        common::load_texts(&text, EMPTY_CATALOG)
    };
    let errors = match result {
        Ok(_) => panic!("{name}: the spec was accepted, expected {expected:?}"),
        Err(e) => e.0,
    };
    let rendered: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors.len(),
        expected.len(),
        "{name}: expected {} errors, got:\n{}",
        expected.len(),
        rendered.join("\n")
    );
    for e in &expected {
        let found = errors.iter().any(|got| {
            got.file == e.file
                && got.pos.line == e.line
                && got.pos.column == e.column
                && got.code == e.code
                && got.message.contains(&e.words)
        });
        assert!(
            found,
            "{name}: no error like {e:?}; got:\n{}",
            rendered.join("\n")
        );
    }
}

#[test]
fn every_error_fixture() {
    let dir = common::fixtures().join("errors");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("errors fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 12, "the error fixtures are missing");
    for path in paths {
        run_fixture(&path);
    }
}

#[test]
fn errors_render_with_file_line_column_and_code() {
    let err = common::load_texts("version: 1.0.0\nparameters: []\nbogus: 1\n", EMPTY_CATALOG)
        .expect_err("unknown key");
    assert_eq!(
        err.to_string(),
        "spec.yaml:3:1: error[unknown_key]: unknown key `bogus`\n1 error in the spec"
    );
}

#[test]
fn the_small_fixture_is_valid() {
    let model = common::load_dir("small");
    // 13 written, and the old name of the one declared renamed.
    assert_eq!(model.params.len(), 14);
    let old = model
        .param("random_seed")
        .expect("the renamed parameter's old name");
    assert_eq!(
        old.deprecated.as_ref().and_then(|d| d.moves_to.as_deref()),
        Some("seed")
    );
    // The inline union of `stop` is named after it.
    assert!(model.named("Stop").is_some());
    let think1 = &model.catalog.models[0];
    assert_eq!(think1.allowed_at_effort_off, ["temperature"]);
    let think2 = &model.catalog.models[1];
    assert!(
        think2.allowed_at_effort_off.is_empty(),
        "its lowest effort is not `none`"
    );
}
