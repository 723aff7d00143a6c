//! Runs every file of `generated/conformance/` against the Rust engine. The TypeScript and
//! Python packages run the same files; the format is in `docs/conformance.md`.

use std::path::{Path, PathBuf};

use llm_params::{PrepareContext, prepare, validate};
use serde_json::{Value, json};

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generated/conformance")
}

fn files() -> Vec<(String, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(conformance_dir())
        .expect("generated/conformance exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read vector file");
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (
                name,
                serde_json::from_str(&text).expect("vector file is JSON"),
            )
        })
        .collect()
}

fn summary(issues: &[llm_params::Issue]) -> Vec<Value> {
    issues
        .iter()
        .map(|i| json!({"path": i.path, "code": i.code.as_str(), "severity": i.severity}))
        .collect()
}

#[test]
fn every_vector_gets_the_expected_verdict() {
    let mut disagreements = Vec::new();
    let (mut validated, mut prepared) = (0, 0);
    for (file, doc) in files() {
        for case in doc["validate"].as_array().into_iter().flatten() {
            validated += 1;
            let issues = validate(&case["input"]);
            let got = summary(&issues);
            let want = case["issues"].as_array().cloned().unwrap_or_default();
            if got != want {
                disagreements.push(format!(
                    "{file}: {}\n  input: {}\n  want:  {}\n  got:   {}",
                    case["name"],
                    case["input"],
                    Value::Array(want),
                    Value::Array(got)
                ));
                continue;
            }
            if let Some(words) = case["message_contains"].as_str()
                && !issues.iter().any(|i| i.message.contains(words))
            {
                disagreements.push(format!(
                    "{file}: {}: no message contains {words:?}: {issues:?}",
                    case["name"]
                ));
            }
        }
        for case in doc["prepare"].as_array().into_iter().flatten() {
            prepared += 1;
            let input = case["input"]
                .as_object()
                .cloned()
                .expect("prepare input is an object");
            let context = PrepareContext {
                has_tools: case["has_tools"].as_bool().unwrap_or(false),
            };
            let out = prepare(case["model"].as_str().expect("model id"), &input, context);
            let changes: Vec<Value> = out
                .changes
                .iter()
                .map(|c| {
                    let mut v =
                        json!({"parameter": c.parameter, "action": c.action, "reason": c.reason});
                    if let Some(to) = &c.to {
                        v["to"] = json!(to);
                    }
                    v
                })
                .collect();
            let got = json!({"model": out.model, "output": out.options, "changes": changes});
            let want = json!({
                "model": case["expected_model"],
                "output": case["output"],
                "changes": case["changes"],
            });
            if got != want {
                disagreements.push(format!(
                    "{file}: {}\n  want: {want}\n  got:  {got}",
                    case["name"]
                ));
            }
        }
    }
    assert!(
        validated > 200 && prepared > 100,
        "too few vectors: {validated} / {prepared}"
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreement(s):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// Typed options and `from_json` agree with `validate` on every vector the Rust types can
/// hold, issue for issue (messages included).
#[test]
fn typed_validation_agrees_with_raw_validation() {
    let (mut typed, mut total) = (0, 0);
    for (file, doc) in files() {
        for case in doc["validate"].as_array().into_iter().flatten() {
            total += 1;
            let input = &case["input"];
            let raw = validate(input);
            let (parsed, from_text) = llm_params::ModelOptions::from_json(&input.to_string());
            assert_eq!(from_text, raw, "{file}: {}: from_json", case["name"]);
            if let Some(options) = parsed {
                typed += 1;
                assert_eq!(options.validate(), raw, "{file}: {}: typed", case["name"]);
            }
        }
    }
    assert!(
        typed * 3 > total,
        "only {typed} of {total} vectors fit the Rust types"
    );
}
