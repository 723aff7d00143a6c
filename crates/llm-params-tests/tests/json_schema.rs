//! The generated JSON Schema agrees with the Rust validator: every conformance vector is
//! valid under the schema exactly when `validate` finds no error (warnings aside).

use std::path::Path;

use llm_params::{Severity, validate};
use serde_json::Value;

fn read(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../generated")
        .join(rel);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON")
}

fn check(schema_file: &str, draft: fn(&Value) -> jsonschema::Validator) {
    let validator = draft(&read(&format!("json-schema/{schema_file}")));
    let mut disagreements = Vec::new();
    let mut n = 0;
    for file in ["validate.json", "edge_cases.json"] {
        let doc = read(&format!("conformance/{file}"));
        for case in doc["validate"].as_array().into_iter().flatten() {
            n += 1;
            let input = &case["input"];
            let ours = !validate(input)
                .iter()
                .any(|i| i.severity == Severity::Error);
            let theirs = validator.is_valid(input);
            if ours != theirs {
                let why: Vec<String> = validator
                    .iter_errors(input)
                    .map(|e| e.to_string())
                    .collect();
                disagreements.push(format!(
                    "{}: ours {ours}, schema {theirs} {why:?}",
                    case["name"]
                ));
            }
        }
    }
    assert!(n > 200);
    assert!(
        disagreements.is_empty(),
        "{schema_file}:\n{}",
        disagreements.join("\n")
    );
}

#[test]
fn draft_2020_12_agrees_with_validate() {
    check("model-options.schema.json", |s| {
        jsonschema::draft202012::new(s).expect("the schema compiles")
    });
}

#[test]
fn draft_07_agrees_with_validate() {
    check("model-options.draft-07.schema.json", |s| {
        jsonschema::draft7::new(s).expect("the schema compiles")
    });
}

#[test]
fn the_schema_states_the_pair_the_dependency_and_deprecation() {
    let schema = read("json-schema/model-options.schema.json");
    let text = schema.to_string();
    assert!(
        text.contains(r#""required":["temperature","top_p"]"#),
        "exclusive pair"
    );
    assert_eq!(
        schema["properties"]["max_tokens"]["deprecated"],
        Value::Bool(true)
    );
    assert_eq!(
        schema["properties"]["temperature"]["default"],
        serde_json::json!(1.0)
    );
    assert!(
        text.contains(
            r#""then":{"properties":{"logprobs":{"const":true}},"required":["logprobs"]}"#
        ) || text.contains(
            r#""then":{"required":["logprobs"],"properties":{"logprobs":{"const":true}}}"#
        )
    );
}
