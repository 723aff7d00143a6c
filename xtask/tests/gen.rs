//! `cargo xtask gen` on scratch copies of the spec: what it writes, what `--check` says,
//! and that a broken spec leaves `generated/` untouched.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A scratch checkout whose `schema/` holds the generator's fixture spec that uses every
/// feature of the format (`codegen/tests/fixtures/full`, with the license text and the
/// changelog it ships; no edge cases, which are optional).
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(dir.path().join("schema")).expect("mkdir");
    for f in ["spec.yaml", "models.yaml", "LICENSE", "CHANGES.md"] {
        fs::copy(
            repo().join("codegen/tests/fixtures/full").join(f),
            dir.path().join("schema").join(f),
        )
        .expect("copy");
    }
    dir
}

fn xtask(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("xtask runs")
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

#[test]
fn second_run_writes_nothing_and_check_passes() {
    let dir = scratch();
    let first = xtask(dir.path(), &["gen"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("wrote     generated/rust/src/options.rs"));
    let lib = dir.path().join("generated/rust/src/lib.rs");
    let mtime = fs::metadata(&lib)
        .and_then(|m| m.modified())
        .expect("mtime");

    let second = xtask(dir.path(), &["gen"]);
    assert!(second.status.success());
    assert!(
        text(&second.stdout).contains(" 0 written")
            || text(&second.stdout).starts_with("0 written"),
        "{}",
        text(&second.stdout)
    );
    assert_eq!(
        fs::metadata(&lib)
            .and_then(|m| m.modified())
            .expect("mtime"),
        mtime
    );

    let check = xtask(dir.path(), &["gen", "--check"]);
    assert!(check.status.success(), "{}", text(&check.stdout));
}

#[test]
fn check_fails_with_a_diff_on_drift_and_names_extra_files() {
    let dir = scratch();
    assert!(xtask(dir.path(), &["gen"]).status.success());
    let options = dir.path().join("generated/rust/src/options.rs");
    let edited = fs::read_to_string(&options)
        .expect("read")
        .replace("pub temperature", "pub temp");
    fs::write(&options, edited).expect("write");
    fs::write(
        dir.path().join("generated/rust/src/stray.rs"),
        "// not generated\n",
    )
    .expect("write");

    let check = xtask(dir.path(), &["gen", "--check"]);
    assert!(!check.status.success());
    let out = text(&check.stdout);
    assert!(out.contains("--- a/generated/rust/src/options.rs"), "{out}");
    assert!(
        out.contains("-    pub temp:") && out.contains("+    pub temperature:"),
        "{out}"
    );
    assert!(out.contains("extra: generated/rust/src/stray.rs"), "{out}");
    // --check wrote nothing.
    assert!(
        fs::read_to_string(&options)
            .expect("read")
            .contains("pub temp:")
    );

    // gen repairs both.
    assert!(xtask(dir.path(), &["gen"]).status.success());
    assert!(!dir.path().join("generated/rust/src/stray.rs").exists());
    assert!(xtask(dir.path(), &["gen", "--check"]).status.success());
}

#[test]
fn a_broken_spec_lists_every_error_and_writes_nothing() {
    let dir = scratch();
    assert!(xtask(dir.path(), &["gen"]).status.success());
    let before =
        fs::read_to_string(dir.path().join("generated/rust/src/options.rs")).expect("read");

    let spec_path = dir.path().join("schema/spec.yaml");
    let spec = fs::read_to_string(&spec_path).expect("read");
    let broken = spec
        .replacen("exclusive_with: [top_p]", "exclusive_with: [top_pp]", 1)
        .replacen("    type: float\n", "    type: flaot\n", 1)
        .replacen("default: 1\n", "default: 7\n", 1);
    fs::write(&spec_path, broken).expect("write");

    let run = xtask(dir.path(), &["gen"]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    for needle in [
        "schema/spec.yaml:",
        "error[unknown_type]: unknown type `flaot`; did you mean `float`?",
        "error[unknown_parameter]",
        "nothing was written",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    let after = fs::read_to_string(dir.path().join("generated/rust/src/options.rs")).expect("read");
    assert_eq!(before, after, "generated/ was touched");
}

#[test]
fn an_edge_case_that_names_what_the_spec_lost_is_a_located_error() {
    let dir = scratch();
    let cases = r#"{
  "validate": [
    { "name": "still sends it", "input": { "gone": 1 }, "issues": [] },
    { "name": "means it unknown", "input": { "gone": 1 },
      "issues": [{ "path": "/gone", "code": "unknown_parameter", "severity": "error" }] }
  ],
  "prepare": [
    { "name": "old model", "model": "acme/gone-1", "input": {}, "expected_model": "acme/gone-1",
      "output": {}, "changes": [] }
  ]
}"#;
    fs::write(dir.path().join("schema/edge_cases.json"), cases).expect("write");
    let run = xtask(dir.path(), &["gen"]);
    assert_eq!(run.status.code(), Some(1));
    let err = text(&run.stderr);
    for needle in [
        "schema/edge_cases.json: /validate/0 (\"still sends it\"): sends `gone`, which the spec does not have",
        "schema/edge_cases.json: /prepare/0 (\"old model\"): expects the model `acme/gone-1`, which the catalog does not have",
        "2 edge case(s) no longer fit the spec",
        "nothing was written",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    assert!(!err.contains("/validate/1"), "{err}");
    assert!(!dir.path().join("generated").exists());
}
