//! The generated options type on the wire: the reference's usage example, unions, keyword
//! fields, enums and deprecated fields.

#![allow(deprecated)]

use llm_params::{
    ModelOptions, NamedToolChoice, ReasoningEffort, Stop, ToolChoice, ToolChoiceFunction,
    ToolChoiceMode, ToolChoiceType,
};
use serde_json::json;

#[test]
fn reference_usage_example_round_trips_exactly() {
    let options = ModelOptions {
        temperature: Some(0.7),
        max_completion_tokens: Some(1000),
        ..Default::default()
    };
    let text = serde_json::to_string(&options).expect("serialize");
    assert_eq!(text, r#"{"temperature":0.7,"max_completion_tokens":1000}"#);
    let back: ModelOptions = serde_json::from_str(&text).expect("parse");
    assert_eq!(back, options);
}

#[test]
fn empty_options_serialize_to_an_empty_object() {
    assert_eq!(
        serde_json::to_value(ModelOptions::default()).expect("ser"),
        json!({})
    );
}

#[test]
fn stop_is_a_string_or_a_list() {
    let one: ModelOptions = serde_json::from_value(json!({"stop": "\n"})).expect("string");
    assert_eq!(one.stop, Some(Stop::String("\n".to_owned())));
    let many: ModelOptions = serde_json::from_value(json!({"stop": ["a", "b"]})).expect("list");
    assert_eq!(
        many.stop,
        Some(Stop::List(vec!["a".to_owned(), "b".to_owned()]))
    );
    assert_eq!(
        serde_json::to_value(&many).expect("ser"),
        json!({"stop": ["a", "b"]})
    );
}

#[test]
fn tool_choice_mode_or_named_function_with_a_keyword_field() {
    let named = ModelOptions {
        tool_choice: Some(ToolChoice::NamedToolChoice(NamedToolChoice {
            r#type: ToolChoiceType::Function,
            function: ToolChoiceFunction {
                name: "lookup".to_owned(),
            },
        })),
        ..Default::default()
    };
    let wire = json!({"tool_choice": {"type": "function", "function": {"name": "lookup"}}});
    assert_eq!(serde_json::to_value(&named).expect("ser"), wire);
    assert_eq!(
        serde_json::from_value::<ModelOptions>(wire).expect("de"),
        named
    );

    let auto: ModelOptions = serde_json::from_value(json!({"tool_choice": "auto"})).expect("de");
    assert_eq!(
        auto.tool_choice,
        Some(ToolChoice::ToolChoiceMode(ToolChoiceMode::Auto))
    );
}

#[test]
fn enums_keep_their_wire_values() {
    for effort in ReasoningEffort::ALL {
        let wire = serde_json::to_value(effort).expect("ser");
        assert_eq!(wire, json!(effort.as_str()));
        assert_eq!(ReasoningEffort::from_wire(effort.as_str()), Some(*effort));
    }
    assert_eq!(ReasoningEffort::from_wire("extreme"), None);
}

#[test]
fn deprecated_fields_keep_their_wire_names() {
    let options = ModelOptions {
        max_tokens: Some(5),
        user: Some("u".to_owned()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&options).expect("ser"),
        json!({"max_tokens": 5, "user": "u"})
    );
}

#[test]
fn parameters_list_every_wire_name_in_reference_order() {
    assert_eq!(ModelOptions::PARAMETERS.len(), 27);
    assert_eq!(
        &ModelOptions::PARAMETERS[..3],
        ["temperature", "top_p", "max_tokens"]
    );
    assert!(ModelOptions::PARAMETERS.contains(&"safety_identifier"));
}

#[test]
fn the_schemars_feature_derives_a_schema_with_wire_names() {
    let schema = schemars::schema_for!(ModelOptions).to_value();
    let props = schema["properties"].as_object().expect("properties");
    assert!(props.contains_key("max_completion_tokens"));
    assert!(props.contains_key("web_search_options"));
    assert_eq!(props.len(), ModelOptions::PARAMETERS.len());
}

#[test]
fn the_generated_crate_depends_only_on_serde_serde_json_and_optional_schemars() {
    let manifest = include_str!("../../../generated/rust/Cargo.toml");
    let deps: Vec<&str> = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("a [dependencies] table")
        .lines()
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split('=').next())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(deps, ["serde", "serde_json", "schemars"]);
    assert!(manifest.contains("schemars = { version = \"1\", optional = true }"));
}
