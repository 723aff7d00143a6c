//! The Rust command line (`docs/cli.md`, `codegen/runtime/rust_cli.rs`) on the crate of the
//! `full` fixture, with files in a temporary folder and in-memory streams. `cargo xtask
//! test` also runs the three languages' command lines on the same files and compares them.

use std::path::PathBuf;

use fixture_full::__cli::run;

struct Run {
    status: u8,
    out: String,
    err: String,
}

fn cli(args: &[&str], stdin: &[u8]) -> Run {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let stdin = stdin.to_vec();
    let status = run(&args, &mut out, &mut err, &mut || Ok(stdin.clone()));
    Run {
        status,
        out: String::from_utf8(out).expect("stdout is UTF-8"),
        err: String::from_utf8(err).expect("stderr is UTF-8"),
    }
}

/// A file with these bytes in a fresh folder of its own.
fn file(name: &str, bytes: &[u8]) -> String {
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "llm-params-cli-{}-{}",
        std::process::id(),
        name.replace('.', "-")
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_str().expect("UTF-8 path").to_owned()
}

#[test]
fn a_clean_file_prints_nothing_and_exits_0() {
    let f = file("clean.json", br#"{"temperature": 0.5, "top_k": 3}"#);
    let r = cli(&["check", &f], b"");
    assert_eq!((r.status, r.out.as_str(), r.err.as_str()), (0, "", ""));
}

#[test]
fn issues_are_lines_in_validates_order_and_exit_1() {
    let f = file(
        "bad.json",
        br#"{"top_p": 0.5, "temperature": 3, "tempratur": 1}"#,
    );
    let r = cli(&["check", &f], b"");
    assert_eq!(r.status, 1);
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.out);
    assert_eq!(
        lines[0],
        format!("{f}: /temperature: error[out_of_range]: 3 is outside the range 0 to 2")
    );
    assert!(
        lines[1].starts_with(&format!("{f}: /tempratur: error[unknown_parameter]: ")),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains("did you mean `temperature`"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!("{f}: /top_p: error[mutually_exclusive]: ")),
        "{}",
        lines[2]
    );
}

#[test]
fn warnings_alone_exit_0() {
    let f = file("warn.json", br#"{"max_tokens": 10}"#);
    let r = cli(&["check", &f], b"");
    assert_eq!(r.status, 0);
    assert!(
        r.out
            .starts_with(&format!("{f}: /max_tokens: warning[deprecated]: ")),
        "{}",
        r.out
    );
}

#[test]
fn check_with_a_model_reports_what_it_does_not_take() {
    let f = file("model.json", br#"{"effort": "low", "seed": 1}"#);
    let r = cli(&["check", "--model", "acme/think-3", "--tools", &f], b"");
    assert_eq!(r.status, 1, "{}", r.out);
    assert!(
        r.out.contains(": /seed: error[unsupported_by_model]: "),
        "{}",
        r.out
    );
    assert!(
        r.out.contains(": /effort: error[unsupported_value]: "),
        "{}",
        r.out
    );
    assert!(
        r.out.contains(": (root): warning[deprecated]: "),
        "{}",
        r.out
    );
    let unknown = cli(&["check", "--model=nobody/x", &f], b"");
    assert_eq!(unknown.status, 0);
    assert_eq!(
        unknown.err,
        format!("{f}: (root): note: model `nobody/x` is not in the catalog: nothing is changed\n")
    );
}

#[test]
fn prepare_prints_the_options_and_every_change() {
    let f = file(
        "prepare.json",
        br#"{"temperature": 1.0, "labels": {"k": "\u0001\u00e9\"/\\"}, "penalty": 1.5e-7, "seed": -0.0, "effort": "low", "max_tokens": 100}"#,
    );
    let r = cli(&["prepare", &f, "--model", "acme/chat-1"], b"");
    assert_eq!(r.status, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "{\n  \"labels\": {\n    \"k\": \"\\u0001é\\\"/\\\\\"\n  },\n  \"max_tokens\": 100,\n  \
         \"penalty\": 1.5e-7,\n  \"seed\": 0,\n  \"temperature\": 1\n}\n"
    );
    assert_eq!(
        r.err,
        format!(
            "{f}: /effort: removed[not_reasoning_model]: `effort` removed: acme/chat-1 is not a \
             reasoning model\n"
        )
    );
    let moved = cli(&["prepare", &f, "--model", "acme/think-1"], b"");
    assert_eq!(moved.status, 0, "{}", moved.err);
    assert!(
        moved.out.contains("\"max_output_tokens\": 100"),
        "{}",
        moved.out
    );
    let lines: Vec<&str> = moved.err.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{f}: /max_tokens: moved[unsupported_by_model]: "))),
        "{}",
        moved.err
    );
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "{f}: /temperature: removed[unsupported_by_model]: "
        ))),
        "{}",
        moved.err
    );
}

#[test]
fn prepare_refuses_invalid_options() {
    let f = file("invalid.json", br#"{"temperature": 5}"#);
    let r = cli(&["prepare", "--model", "acme/chat-1", &f], b"");
    assert_eq!((r.status, r.out.as_str()), (1, ""));
    assert_eq!(
        r.err,
        format!("{f}: /temperature: error[out_of_range]: 5 is outside the range 0 to 2\n")
    );
}

#[test]
fn files_that_cannot_be_used_exit_2_and_the_others_are_still_checked() {
    let good = file("good.json", br#"{"temperature": 9}"#);
    let cases: [(&[u8], &str); 9] = [
        (b"{\"a\": 1,\n  }", ":2:3: error: invalid JSON: "),
        (b"{\"a\": \xff}", ": error: not UTF-8 (byte 6)"),
        (b"{\"a\": NaN}", ":1:7: error: invalid JSON: "),
        (b"{\"a\": 1e400}", ": error: invalid JSON: "),
        (b"{\"a\": \"\\ud800\"}", ": error: invalid JSON: "),
        (
            b"[]",
            ": error: expected a JSON object of options, got an array",
        ),
        (
            b"\"x\"",
            ": error: expected a JSON object of options, got a string",
        ),
        (
            b"1",
            ": error: expected a JSON object of options, got a number",
        ),
        (
            b"null",
            ": error: expected a JSON object of options, got null",
        ),
    ];
    for (i, (bytes, expected)) in cases.iter().enumerate() {
        let bad = file(&format!("bad{i}.json"), bytes);
        let r = cli(&["check", &bad, &good], b"");
        assert_eq!(r.status, 2, "{bad}: {}", r.err);
        assert!(r.err.starts_with(&bad), "{}", r.err);
        assert!(r.err.contains(expected), "{expected:?} in {}", r.err);
        assert!(
            r.out.contains("/temperature: error[out_of_range]"),
            "{}",
            r.out
        );
    }
    let missing = cli(&["check", "/nonexistent/options.json"], b"");
    assert_eq!(missing.status, 2);
    assert!(
        missing.err.starts_with(
            "/nonexistent/options.json: error: cannot read /nonexistent/options.json: "
        )
    );
}

#[test]
fn a_byte_order_mark_is_skipped_and_columns_count_characters() {
    let bom = cli(&["check", "-"], b"\xef\xbb\xbf{\"top_k\": 1}");
    assert_eq!((bom.status, bom.err.as_str()), (0, ""));
    let wide = cli(&["check", "-"], "{\"é€\": x}".as_bytes());
    assert!(
        wide.err.starts_with("<stdin>:1:8: error: invalid JSON: "),
        "{}",
        wide.err
    );
}

#[test]
fn nesting_stops_at_127_levels() {
    let nested = |levels: usize| {
        let inner = levels - 1;
        format!("{{\"x\": {}{}}}", "[".repeat(inner), "]".repeat(inner))
    };
    let ok = cli(&["check", "-"], nested(127).as_bytes());
    assert_eq!(ok.status, 1, "{}", ok.err);
    let deep = cli(&["check", "-"], nested(128).as_bytes());
    assert_eq!(deep.status, 2, "{}", deep.out);
}

#[test]
fn json_output_has_the_documented_shape() {
    let f = file("json.json", br#"{"temperature": 3}"#);
    let r = cli(&["check", "--format", "json", &f, "-"], b"[");
    assert_eq!(r.status, 2);
    let doc: serde_json::Value = serde_json::from_str(&r.out).expect("JSON");
    assert_eq!(doc["files"][0]["file"], f.as_str());
    assert_eq!(doc["files"][0]["issues"][0]["code"], "out_of_range");
    assert_eq!(doc["files"][1]["file"], "<stdin>");
    assert_eq!(doc["files"][1]["error"]["line"], 1);
    let p = cli(
        &["prepare", "--format=json", "--model", "acme/chat-1", "-"],
        br#"{"effort": "low"}"#,
    );
    assert_eq!(p.status, 0, "{}", p.err);
    let doc: serde_json::Value = serde_json::from_str(&p.out).expect("JSON");
    assert_eq!(doc["model"], "acme/chat-1");
    assert_eq!(doc["matched"]["by"], "id");
    assert_eq!(doc["options"], serde_json::json!({}));
    assert_eq!(doc["changes"][0]["reason"], "not_reasoning_model");
    assert!(doc["changes"][0].get("to").is_none());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["lint", "x.json"],
        &["check"],
        &["check", "--tools", "x.json"],
        &["prepare", "x.json"],
        &["prepare", "--model", "m", "a.json", "b.json"],
        &["check", "--format", "yaml", "x.json"],
        &["check", "--model"],
        &["check", "-", "-"],
        &["check", "--frobnicate", "x.json"],
    ] {
        let r = cli(args, b"{}");
        assert_eq!(r.status, 2, "{args:?}");
        assert!(r.err.contains(": error: "), "{args:?}: {}", r.err);
        assert!(r.out.is_empty(), "{args:?}");
    }
    let dashed = file("--tools", b"{}");
    let r = cli(&["check", "--", &dashed], b"");
    assert_eq!(r.status, 0, "{}", r.err);
    let version = cli(&["--version"], b"");
    assert_eq!(version.status, 0);
    let fixture_manifest = include_str!("../../../codegen/tests/snapshots/full/Cargo.toml");
    let declared = fixture_manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = "))
        .expect("a version line");
    assert_eq!(
        version.out,
        format!("fixture-full {}\n", declared.trim_matches('"'))
    );
}
