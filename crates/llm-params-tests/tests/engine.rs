//! Hand-written tests of the generated Rust engine and types, on the crate of the fixture
//! spec that uses every feature of the format (`codegen/tests/fixtures/full`, compiled from
//! `codegen/tests/snapshots/full`). They may rely on that spec's names; nothing here depends
//! on this repository's spec (`schema/`), whose crate gets only the checks that hold for any
//! spec (`tests/suites.rs`).

#![allow(deprecated)]

use fixture_full::{
    Action, ChatOptions, Code, Effort, LlmOptions, NamedTool, NamedToolType, PrepareContext,
    Reason, ResponseFormat, ResponseFormatHint, Severity, Stop, ToolChoice, ToolMode, find_model,
    prepare, validate,
};
use serde_json::{Map, Value, json};

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().expect("an object")
}

#[test]
fn an_inline_union_is_a_string_or_a_list() {
    let one: ChatOptions = serde_json::from_value(json!({"stop": "\n"})).expect("string");
    assert_eq!(one.stop, Some(Stop::String("\n".to_owned())));
    let many: ChatOptions = serde_json::from_value(json!({"stop": ["a", "b"]})).expect("list");
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
fn a_named_union_of_an_enum_and_an_object_with_a_keyword_field() {
    let named = ChatOptions {
        tool_choice: Some(ToolChoice::NamedTool(NamedTool {
            r#type: NamedToolType::Function,
            name: "lookup".to_owned(),
        })),
        ..Default::default()
    };
    let wire = json!({"tool_choice": {"type": "function", "name": "lookup"}});
    assert_eq!(serde_json::to_value(&named).expect("ser"), wire);
    assert_eq!(
        serde_json::from_value::<ChatOptions>(wire).expect("de"),
        named
    );
    let auto: ChatOptions = serde_json::from_value(json!({"tool_choice": "auto"})).expect("de");
    assert_eq!(auto.tool_choice, Some(ToolChoice::ToolMode(ToolMode::Auto)));
}

#[test]
fn an_object_with_optional_nullable_list_and_union_fields() {
    let wire = json!({"format": {"type": "json_schema", "schema_name": "answer", "strict": true, "examples": ["a"], "hint": 3}});
    let options: ChatOptions = serde_json::from_value(wire.clone()).expect("de");
    let format = options.format.clone().expect("format");
    assert_eq!(format.hint, Some(ResponseFormatHint::Integer(3)));
    assert_eq!(format.examples.as_deref(), Some(&["a".to_owned()][..]));
    assert_eq!(serde_json::to_value(&options).expect("ser"), wire);
    // The required field is required by the type and by validate.
    assert!(serde_json::from_value::<ResponseFormat>(json!({"strict": true})).is_err());
    let issues = validate(&json!({"format": {"strict": true}}));
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(
        (issues[0].path.as_str(), issues[0].code),
        ("/format/type", Code::InvalidType)
    );
    // `null` in an optional field means "not set", nullable or not; a required field
    // must hold a value.
    assert_eq!(
        validate(&json!({"format": {"type": "text", "schema_name": null}})),
        []
    );
    assert_eq!(
        validate(&json!({"format": {"type": "text", "strict": null}})),
        []
    );
    let issues = validate(&json!({"format": {"type": null}}));
    assert_eq!(
        issues.iter().map(|i| i.path.as_str()).collect::<Vec<_>>(),
        ["/format/type"]
    );
}

#[test]
fn enums_keep_their_wire_values() {
    for effort in Effort::ALL {
        let wire = serde_json::to_value(effort).expect("ser");
        assert_eq!(wire, json!(effort.as_str()));
        assert_eq!(Effort::from_wire(effort.as_str()), Some(*effort));
    }
    assert_eq!(Effort::from_wire("extreme"), None);
    assert_eq!(
        Effort::from_wire("High"),
        None,
        "wire values are case-sensitive"
    );
}

#[test]
fn deprecated_fields_keep_their_wire_names() {
    let options = ChatOptions {
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
fn typed_options_validate_like_raw_ones() {
    let typed = ChatOptions {
        temperature: Some(3.0),
        top_p: Some(0.5),
        top_k: Some(0),
        ..Default::default()
    };
    let issues = typed.validate();
    let got: Vec<(&str, Code)> = issues.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(
        got,
        [
            ("/temperature", Code::OutOfRange),
            ("/top_k", Code::OutOfRange),
            ("/top_p", Code::MutuallyExclusive),
        ]
    );
    assert_eq!(
        issues,
        validate(&serde_json::to_value(&typed).expect("ser"))
    );
}

#[test]
fn limits_on_strings_maps_and_lists() {
    let input = json!({
        "end_user": "",
        "session_tag": "x".repeat(33),
        "labels": {"": "v", "k": "é".repeat(513)},
        "bias": {"12a": 1, "7": 101},
        "modes": [],
    });
    let issues = validate(&input);
    let got: Vec<(&str, Code)> = issues.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(
        got,
        [
            ("/bias/12a", Code::InvalidValue),
            ("/bias/7", Code::OutOfRange),
            ("/end_user", Code::OutOfRange),
            ("/labels/", Code::OutOfRange),
            ("/labels/k", Code::TooLong),
            ("/modes", Code::OutOfRange),
            ("/session_tag", Code::TooLong),
        ]
    );
}

#[test]
fn unknown_keys_name_the_nearest_parameter() {
    let issues =
        validate(&json!({"max_output_token": 5, "format": {"type": "text", "strict_": true}}));
    let got: Vec<(&str, Code, Severity)> = issues
        .iter()
        .map(|i| (i.path.as_str(), i.code, i.severity))
        .collect();
    assert_eq!(
        got,
        [
            ("/format/strict_", Code::UnknownParameter, Severity::Error),
            ("/max_output_token", Code::UnknownParameter, Severity::Error),
        ]
    );
    assert!(
        issues[0].message.contains("did you mean `strict`"),
        "{}",
        issues[0].message
    );
    assert!(
        issues[1]
            .message
            .contains("did you mean `max_output_tokens`"),
        "{}",
        issues[1].message
    );
    let far = validate(&json!({"zzzzzzzz": 1}));
    assert!(
        !far[0].message.contains("did you mean"),
        "{}",
        far[0].message
    );
}

#[test]
fn a_deprecation_names_every_replacement() {
    let issues = validate(&json!({"user": "u-1"}));
    assert_eq!(issues[0].code, Code::Deprecated);
    assert_eq!(issues[0].severity, Severity::Warning);
    assert!(
        issues[0].message.contains("`end_user` or `session_tag`"),
        "{}",
        issues[0].message
    );
}

#[test]
fn a_dependency_fires_only_when_its_parameter_is_set() {
    let codes = |v: Value| {
        validate(&v)
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(json!({"top_logprobs": 3})),
        [("/top_logprobs".to_owned(), Code::MissingDependency)]
    );
    assert_eq!(
        codes(json!({"top_logprobs": 3, "logprobs": false})),
        [("/top_logprobs".to_owned(), Code::MissingDependency)]
    );
    assert_eq!(codes(json!({"top_logprobs": 3, "logprobs": true})), []);
    assert_eq!(codes(json!({"top_logprobs": null})), [], "null is not set");
}

#[test]
fn update_options_replaces_never_merges() {
    let mut llm = LlmOptions::new(
        "acme/chat-1",
        obj(json!({"temperature": 0.7, "max_output_tokens": 1000})),
    );
    llm.update_options(None, Some(obj(json!({"top_p": 0.5}))));
    assert_eq!(Value::Object(llm.options().clone()), json!({"top_p": 0.5}));
    assert_eq!(llm.model(), "acme/chat-1");
    llm.update_options(Some("acme/think-2"), None);
    assert_eq!(llm.model(), "acme/think-2");
    assert_eq!(Value::Object(llm.options().clone()), json!({"top_p": 0.5}));
    llm.update_options(None, Some(Map::new()));
    assert!(llm.options().is_empty(), "{{}} clears");
}

#[test]
fn the_next_request_uses_the_new_model_rules() {
    let mut llm = LlmOptions::new("acme/chat-1", obj(json!({"temperature": 0.7})));
    assert_eq!(llm.request(PrepareContext::default()).options.len(), 1);
    llm.update_options(Some("acme/think-mini"), None);
    let next = llm.request(PrepareContext::default());
    assert!(next.options.is_empty());
    assert_eq!(next.changes[0].parameter, "temperature");
    assert_eq!(next.changes[0].action, Action::Removed);
}

#[test]
fn models_are_found_with_or_without_their_provider() {
    assert_eq!(
        find_model("acme/think-1").map(|m| m.id),
        Some("acme/think-1")
    );
    assert_eq!(find_model("think-1").map(|m| m.id), Some("acme/think-1"));
    assert_eq!(
        find_model("azure/think-1").map(|m| m.id),
        Some("acme/think-1")
    );
    assert_eq!(find_model("think-1-2025-08-07"), None);
    assert_eq!(
        find_model("other/chat-2").map(|m| m.reasoning),
        Some(true),
        "a model overrides its family"
    );
}

#[test]
fn prepare_moves_a_deprecated_parameter_and_strips_what_the_family_rejects() {
    let input = obj(
        json!({"temperature": 0.3, "max_tokens": 9, "effort": "low", "tool_choice": "auto", "penalty": 1}),
    );
    let out = prepare(
        "acme/think-mini",
        &input,
        PrepareContext { has_tools: false },
    );
    assert_eq!(out.model.as_deref(), Some("acme/think-mini"));
    assert_eq!(
        Value::Object(out.options),
        json!({"max_output_tokens": 9, "effort": "low"})
    );
    let got: Vec<(&str, Action, Reason)> = out
        .changes
        .iter()
        .map(|c| (c.parameter.as_str(), c.action, c.reason))
        .collect();
    assert!(
        got.contains(&("max_tokens", Action::Moved, Reason::UnsupportedByModel)),
        "{got:?}"
    );
    assert!(
        got.contains(&("tool_choice", Action::Removed, Reason::NoTools)),
        "{got:?}"
    );
    assert!(out.changes.iter().all(|c| !c.message.is_empty()));
}

#[test]
fn prepare_follows_effort_floors_tools_and_families() {
    let input =
        obj(json!({"temperature": 0.3, "effort": "none", "tool_choice": "auto", "bias": {"1": 2}}));
    // think-1's lowest effort is `none`: at `none` temperature comes back.
    let out = prepare("think-1", &input, PrepareContext { has_tools: true });
    assert_eq!(
        Value::Object(out.options),
        json!({"temperature": 0.3, "effort": "none", "tool_choice": "auto", "bias": {"1": 2}})
    );
    // think-2 rejects the effort with tools; without the effort, temperature is rejected.
    let out = prepare("acme/think-2", &input, PrepareContext { has_tools: true });
    assert_eq!(
        Value::Object(out.options),
        json!({"tool_choice": "auto", "bias": {"1": 2}})
    );
    // A plain model drops the reasoning-only effort; the toolless family drops the tools.
    let out = prepare("acme/chat-1", &input, PrepareContext { has_tools: true });
    assert!(!out.options.contains_key("effort"));
    let out = prepare("acme/tiny-1", &input, PrepareContext { has_tools: true });
    assert_eq!(Value::Object(out.options), json!({"temperature": 0.3}));
    // An unknown model gets everything, unchanged.
    let out = prepare("nobody/model", &input, PrepareContext { has_tools: false });
    assert_eq!(
        (out.model, Value::Object(out.options)),
        (None, Value::Object(input))
    );
}

/// The generated crates depend on serde and serde_json, and optionally schemars, whatever
/// the spec: checked on this repository's crate and every fixture's.
#[test]
fn generated_crates_depend_only_on_serde_serde_json_and_optional_schemars() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut manifests = vec![root.join("generated/rust/Cargo.toml")];
    for entry in std::fs::read_dir(root.join("codegen/tests/snapshots")).expect("snapshots") {
        manifests.push(entry.expect("entry").path().join("Cargo.toml"));
    }
    for path in manifests {
        let manifest = std::fs::read_to_string(&path).expect("manifest");
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
        assert_eq!(
            deps,
            ["serde", "serde_json", "schemars"],
            "{}",
            path.display()
        );
        assert!(manifest.contains("schemars = { version = \"1\", optional = true }"));
    }
}

#[test]
fn from_json_gives_the_options_or_every_issue() {
    let options = ChatOptions::from_json(r#"{"temperature": 0.5, "user": "u"}"#).expect("valid");
    assert_eq!(options.temperature, Some(0.5));
    // The warnings stay reachable on success.
    let warnings = options.validate();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].severity, Severity::Warning);

    // A whole number written as a float is an integer, as in the other two languages.
    let options = ChatOptions::from_json(r#"{"max_output_tokens": 2.0, "top_k": 1e1}"#)
        .expect("whole numbers are integers");
    assert_eq!(
        (options.max_output_tokens, options.top_k),
        (Some(2), Some(10))
    );

    let issues =
        ChatOptions::from_json(r#"{"temperature": 3, "max_output_token": 1, "user": "u"}"#)
            .expect_err("invalid");
    assert_eq!(issues.errors().count(), 2);
    assert_eq!(issues.warnings().count(), 1);
    assert_eq!(
        issues.to_string(),
        "2 errors in the options\n  /max_output_token: unknown parameter `max_output_token`; did you mean `max_output_tokens`?\n  /temperature: 3 is outside the range 0 to 2\n  /user: `user` is deprecated; use `end_user` or `session_tag` instead. Split in two"
    );
    let source: &dyn std::error::Error = &issues;
    assert!(source.to_string().starts_with("2 errors"));

    let not_json = ChatOptions::from_json("{").expect_err("not JSON");
    assert_eq!(not_json[0].path, "");
    assert!(
        not_json[0].to_string().starts_with("(options): not JSON"),
        "{}",
        not_json[0]
    );
}

#[test]
fn closed_sets_parse_and_print_their_wire_values() {
    use std::str::FromStr;
    assert_eq!(Effort::from_str("high"), Ok(Effort::High));
    assert_eq!(Effort::try_from("none"), Ok(Effort::None));
    let err = Effort::from_str("High").expect_err("case-sensitive");
    assert_eq!(err.to_string(), "\"High\" is not a value of Effort");
    assert_eq!(Effort::High.to_string(), "high");
    assert_eq!(Code::OutOfRange.to_string(), "out_of_range");
    assert_eq!(Reason::NoTools.to_string(), "no_tools");
    assert_eq!(Action::Moved.to_string(), "moved");
    assert_eq!(Severity::Warning.to_string(), "warning");
}

#[test]
fn prepare_and_the_holder_take_typed_options() {
    let typed = ChatOptions {
        temperature: Some(0.3),
        max_tokens: Some(9),
        ..Default::default()
    };
    let raw = obj(serde_json::to_value(&typed).expect("ser"));
    assert_eq!(Map::from(&typed), raw);
    let context = PrepareContext { has_tools: false };
    let prepared = typed.prepare("acme/think-mini", context);
    // Typed all the way: what is sent is the options type, the moved value in place.
    let sent: &ChatOptions = &prepared.options;
    assert_eq!(sent.max_output_tokens, Some(9));
    assert_eq!((sent.max_tokens, sent.temperature), (None, None));
    assert_eq!(
        prepared.map_options(|o| Map::from(&o)),
        prepare("acme/think-mini", &raw, context)
    );
    let llm = LlmOptions::new("acme/chat-1", typed.clone());
    assert_eq!(llm.options(), &raw);
}

mod suggestions {
    use fixture_full::{__suggest as suggest, __suggest_in as suggest_in};
    use proptest::prelude::*;

    /// Names and keys from a small alphabet (with a non-ASCII letter), so that many are
    /// within 2 edits of each other and ties are common.
    fn word() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec!['a', 'b', 'c', '_', 'é']),
            0..9,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// The symmetric-delete index answers what the plain scan answers: the nearest name
        /// within 2, ties to the earliest, for lists below and above the indexing size.
        #[test]
        fn the_index_finds_what_the_scan_finds(
            names in proptest::collection::vec(word(), 0..300),
            keys in proptest::collection::vec(word(), 1..20),
        ) {
            let names: &'static [&'static str] = Box::leak(
                names.into_iter().map(|n| &*Box::leak(n.into_boxed_str())).collect::<Vec<_>>().into_boxed_slice(),
            );
            for key in &keys {
                prop_assert_eq!(suggest_in(key, names), suggest(key, names.iter().copied()), "{}", key);
            }
        }
    }

    #[test]
    fn only_names_within_two_edits_are_suggested() {
        let names: &'static [&'static str] = &[
            "temperature",
            "top_p",
            "top_k",
            "max_output_tokens",
            "seed",
            "stop",
            "a0",
            "a1",
            "a2",
            "a3",
            "a4",
            "a5",
            "a6",
            "a7",
            "a8",
            "a9",
            "b0",
        ];
        // Fillers far from every key, so the list is long enough for the index (used from
        // 16 names in every language; 128 here, past any threshold); its first 5 names are
        // scanned.
        let long: &'static [&'static str] = Box::leak(
            names
                .iter()
                .copied()
                .chain((0..120).map(|i| &*Box::leak(format!("zz{i:03}").into_boxed_str())))
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        );
        assert!(long.len() >= 128, "past the index's threshold");
        for names in [long, &names[..5]] {
            assert_eq!(suggest_in("temprature", names), Some("temperature"));
            assert_eq!(suggest_in("tmpratur", names), None, "3 edits");
            assert_eq!(
                suggest_in("top_x", names),
                Some("top_p"),
                "tie: the earliest"
            );
            assert_eq!(
                suggest_in("max_output_token", names),
                Some("max_output_tokens")
            );
            // A third of the key's length is no longer the bound.
            assert_eq!(suggest_in("max_outptu_tkns", names), None);
        }
    }
}
