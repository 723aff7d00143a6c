//! The documented runtime behaviour: `update_options` replaces, never merges; model
//! lookup with and without the provider prefix; typed validation.

use llm_params::{Code, LlmOptions, ModelOptions, PrepareContext, Severity, find_model, validate};
use serde_json::{Map, Value, json};

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().expect("an object")
}

#[test]
fn update_options_replaces_never_merges() {
    let mut llm = LlmOptions::new(
        "openai/gpt-4o",
        obj(json!({"temperature": 0.7, "max_completion_tokens": 1000})),
    );
    llm.update_options(None, Some(obj(json!({"top_p": 0.5}))));
    assert_eq!(Value::Object(llm.options().clone()), json!({"top_p": 0.5}));
    assert_eq!(llm.model(), "openai/gpt-4o");

    llm.update_options(Some("openai/gpt-5.3-chat-latest"), None);
    assert_eq!(llm.model(), "openai/gpt-5.3-chat-latest");
    assert_eq!(
        Value::Object(llm.options().clone()),
        json!({"top_p": 0.5}),
        "options kept when not given"
    );

    llm.update_options(None, Some(Map::new()));
    assert!(llm.options().is_empty(), "{{}} clears");

    llm.update_options(
        Some("openai/gpt-4o"),
        Some(obj(json!({"temperature": 0.7}))),
    );
    let next = llm.request(PrepareContext::default());
    assert_eq!(Value::Object(next.options), json!({"temperature": 0.7}));
}

#[test]
fn the_next_request_uses_the_new_model_rules() {
    let mut llm = LlmOptions::new("openai/gpt-4o", obj(json!({"temperature": 0.7})));
    assert_eq!(llm.request(PrepareContext::default()).options.len(), 1);
    llm.update_options(Some("openai/gpt-5"), None);
    let next = llm.request(PrepareContext::default());
    assert!(next.options.is_empty());
    assert_eq!(next.changes[0].parameter, "temperature");
}

#[test]
fn models_are_found_with_or_without_their_provider() {
    assert_eq!(
        find_model("openai/gpt-5").map(|m| m.id),
        Some("openai/gpt-5")
    );
    assert_eq!(find_model("gpt-5").map(|m| m.id), Some("openai/gpt-5"));
    assert_eq!(
        find_model("azure/gpt-5").map(|m| m.id),
        Some("openai/gpt-5")
    );
    assert_eq!(find_model("gpt-5-2025-08-07"), None);
}

#[test]
fn typed_options_validate_like_raw_ones() {
    let typed = ModelOptions {
        temperature: Some(3.0),
        top_p: Some(0.5),
        ..Default::default()
    };
    let issues = typed.validate();
    let codes: Vec<Code> = issues.iter().map(|i| i.code).collect();
    assert_eq!(codes, [Code::OutOfRange, Code::MutuallyExclusive]);
    assert_eq!(
        issues,
        validate(&serde_json::to_value(&typed).expect("ser"))
    );
}

#[test]
fn unknown_keys_name_the_nearest_parameter() {
    let issues = validate(&json!({"max_token": 5}));
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path, "/max_token");
    assert_eq!(issues[0].severity, Severity::Error);
    assert!(
        issues[0].message.contains("did you mean `max_tokens`"),
        "{}",
        issues[0].message
    );
}

#[test]
fn deprecated_user_names_both_replacements() {
    let issues = validate(&json!({"user": "u-1"}));
    assert_eq!(issues[0].code, Code::Deprecated);
    assert_eq!(issues[0].severity, Severity::Warning);
    assert!(
        issues[0]
            .message
            .contains("`safety_identifier` or `prompt_cache_key`"),
        "{}",
        issues[0].message
    );
}
