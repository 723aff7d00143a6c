//! The crate generated from the small fixture spec: its parameters (`bias`, `effort`,
//! `choice`) and models (`acme/*`) exist only in YAML, and validation and preparation
//! follow them with no code written for them.

use fixture_small::{Code, PrepareContext, prepare, validate};
use serde_json::{Value, json};

#[test]
fn limits_from_yaml_are_enforced() {
    let issues = validate(&json!({"bias": {"12": 101, "x": 1}, "top_logprobs": 3}));
    let got: Vec<(&str, Code)> = issues.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(
        got,
        [
            ("/bias/12", Code::OutOfRange),
            ("/bias/x", Code::InvalidValue),
            ("/top_logprobs", Code::MissingDependency),
        ]
    );
}

#[test]
fn nested_collections_are_checked_at_every_level() {
    let valid = json!({"grid": [{"a": [0, 9]}, {}]});
    assert_eq!(validate(&valid), []);
    let input = json!({"grid": [{"a": [1, 2, 3, 10], "b": [], "c": [0.5]}, {}, {}]});
    let issues = validate(&input);
    let got: Vec<(&str, Code)> = issues.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(
        got,
        [
            ("/grid", Code::TooManyItems),
            ("/grid/0", Code::TooManyItems),
            ("/grid/0/a", Code::TooManyItems),
            ("/grid/0/a/3", Code::OutOfRange),
            ("/grid/0/c/0", Code::InvalidType),
        ]
    );
    // The typed options find the same issues on the fields (less the wrong type, which
    // the struct cannot hold).
    let typed: fixture_small::ModelOptions =
        serde_json::from_value(json!({"grid": [{"a": [1, 2, 3, 10], "b": [], "c": []}, {}, {}]}))
            .expect("fits the struct");
    let typed: Vec<(String, Code)> = typed
        .validate()
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect();
    assert_eq!(
        typed,
        got[..4]
            .iter()
            .map(|(p, c)| ((*p).to_owned(), *c))
            .collect::<Vec<_>>()
    );
}

#[test]
fn models_from_yaml_are_prepared() {
    let input = json!({"temperature": 0.3, "max_tokens": 9, "effort": "none", "choice": "auto"});
    let input = input.as_object().cloned().expect("object");
    // think-1's lowest effort is `none`, so temperature comes back; max_tokens moves.
    let out = prepare("think-1", &input, PrepareContext { has_tools: false });
    assert_eq!(out.model.as_deref(), Some("acme/think-1"));
    assert_eq!(
        Value::Object(out.options),
        json!({"temperature": 0.3, "max_completion_tokens": 9, "effort": "none"})
    );
    // think-2 rejects the effort with tools; without it, temperature is rejected again.
    let out = prepare("acme/think-2", &input, PrepareContext { has_tools: true });
    assert_eq!(
        Value::Object(out.options),
        json!({"max_completion_tokens": 9, "choice": "auto"})
    );
    // A plain model drops the reasoning-only parameter.
    let out = prepare("other/plain-1", &input, PrepareContext { has_tools: true });
    assert!(!out.options.contains_key("effort"));
}

/// A parameter declared `renamed_from` sends its old name under the new one, and the
/// change says it was renamed (not that the model rejects it).
#[test]
fn a_renamed_parameter_is_sent_under_its_new_name() {
    let options = json!({"random_seed": 7});
    let Value::Object(map) = options else {
        unreachable!()
    };
    for info in fixture_small::models() {
        let prepared = prepare(info.id, &map, PrepareContext::default());
        assert_eq!(prepared.options.get("seed"), Some(&json!(7)), "{}", info.id);
        assert!(!prepared.options.contains_key("random_seed"), "{}", info.id);
        let change = &prepared.changes[0];
        assert_eq!(
            change.message,
            format!(
                "`random_seed` renamed to `seed`: {} takes it under its new name",
                info.id
            )
        );
    }
}
