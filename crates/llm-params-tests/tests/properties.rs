//! Property tests of the rules engine: `validate` and `prepare` never panic on arbitrary JSON,
//! their outputs keep their invariants, and options built only from valid values (per
//! `schema/spec.yaml`) validate with nothing but deprecation warnings.

use llm_params::{
    Action, Code, Issue, Modality, ModelInfo, ModelOptions, PredictionContentType,
    PredictionTextPartType, PrepareContext, PromptCacheMode, PromptCacheRetention, PromptCacheTtl,
    ReasoningEffort, SearchContextSize, ServiceTier, Severity, ToolChoiceMode, ToolChoiceType,
    Verbosity, WebSearchUserLocationType, find_model, models, prepare, validate,
};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

/// Cases per property: enough to find shallow bugs, small enough for debug builds.
const CASES: u32 = 256;

/// No regression files: failures print the minimal input instead.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(CASES)
    }
}

/// Parameters the spec marks deprecated: the only ones valid options may warn about.
const DEPRECATED: &[&str] = &["max_tokens", "user", "prompt_cache_retention"];

/// Field names of the nested option objects, so arbitrary objects sometimes hit them.
const FIELD_NAMES: &[&str] = &[
    "type",
    "function",
    "name",
    "content",
    "text",
    "search_context_size",
    "user_location",
    "approximate",
    "city",
    "country",
    "region",
    "timezone",
    "mode",
    "ttl",
];

/// Model ids no catalog entry answers to (neither by full id nor by bare id).
const UNKNOWN_MODELS: &[&str] = &["acme/no-such-model", "", "no-such-model", "openai/"];

// ---------------------------------------------------------------------------------------------
// Arbitrary JSON
// ---------------------------------------------------------------------------------------------

/// Every wire value of every generated enum, plus the literals of the nested objects.
fn enum_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    words.extend(ReasoningEffort::ALL.iter().map(|v| v.as_str()));
    words.extend(ServiceTier::ALL.iter().map(|v| v.as_str()));
    words.extend(ToolChoiceMode::ALL.iter().map(|v| v.as_str()));
    words.extend(ToolChoiceType::ALL.iter().map(|v| v.as_str()));
    words.extend(Modality::ALL.iter().map(|v| v.as_str()));
    words.extend(Verbosity::ALL.iter().map(|v| v.as_str()));
    words.extend(SearchContextSize::ALL.iter().map(|v| v.as_str()));
    words.extend(PredictionContentType::ALL.iter().map(|v| v.as_str()));
    words.extend(PredictionTextPartType::ALL.iter().map(|v| v.as_str()));
    words.extend(PromptCacheMode::ALL.iter().map(|v| v.as_str()));
    words.extend(PromptCacheTtl::ALL.iter().map(|v| v.as_str()));
    words.extend(PromptCacheRetention::ALL.iter().map(|v| v.as_str()));
    words.extend(WebSearchUserLocationType::ALL.iter().map(|v| v.as_str()));
    words
}

fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        -300.0f64..300.0,
        (-200i32..200).prop_map(f64::from),
        Just(-0.0),
        Just(1e300),
    ]
}

fn arb_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        select(enum_words()).prop_map(str::to_owned),
        "[0-9]{0,5}",
        "[~/a0]{0,4}",
        // Too long for the length-limited strings (64, 128, 512 characters).
        (60usize..=600).prop_map(|n| "é".repeat(n)),
    ]
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        select(ModelOptions::PARAMETERS).prop_map(str::to_owned),
        select(FIELD_NAMES).prop_map(str::to_owned),
        arb_string(),
    ]
}

fn arb_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-300i64..300).prop_map(Value::from),
        finite_f64().prop_map(Value::from),
        arb_string().prop_map(Value::String),
    ]
}

/// Arbitrary JSON, nested up to depth 6.
fn arb_json() -> impl Strategy<Value = Value> {
    arb_leaf().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            vec((arb_key(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// An options object: mostly parameter keys holding arbitrary, valid, or valid-but-broken
/// values, and some arbitrary keys.
fn arb_options() -> impl Strategy<Value = Map<String, Value>> {
    let param_entry = select(ModelOptions::PARAMETERS).prop_flat_map(|name| {
        let value = prop_oneof![
            2 => arb_json(),
            2 => valid_value(name),
            1 => (valid_value(name), arb_json(), any::<prop::sample::Index>())
                .prop_map(|(v, junk, at)| corrupt(v, junk, at)),
        ];
        (Just(name.to_owned()), value)
    });
    let entry = prop_oneof![4 => param_entry, 1 => (arb_key(), arb_json())];
    vec(entry, 0..12).prop_map(|entries| entries.into_iter().collect())
}

/// Replaces one node of `v` (chosen by `at`, in pre-order) with `junk`.
fn corrupt(mut v: Value, junk: Value, at: prop::sample::Index) -> Value {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(items) => items.iter().map(count).sum(),
            Value::Object(map) => map.values().map(count).sum(),
            _ => 0,
        }
    }
    fn replace(v: &mut Value, target: &mut usize, junk: &mut Option<Value>) {
        if *target == 0 {
            if let Some(j) = junk.take() {
                *v = j;
            }
            return;
        }
        *target -= 1;
        match v {
            Value::Array(items) => items.iter_mut().for_each(|x| replace(x, target, junk)),
            Value::Object(map) => map.values_mut().for_each(|x| replace(x, target, junk)),
            _ => {}
        }
    }
    let mut target = at.index(count(&v));
    replace(&mut v, &mut target, &mut Some(junk));
    v
}

// ---------------------------------------------------------------------------------------------
// Valid values, per schema/spec.yaml
// ---------------------------------------------------------------------------------------------

fn enum_value(values: Vec<&'static str>) -> BoxedStrategy<Value> {
    select(values).prop_map(Value::from).boxed()
}

/// A string of at most `max` characters (any Unicode scalar value), often exactly `max`.
fn string_up_to(max: usize) -> BoxedStrategy<String> {
    prop_oneof![
        4 => vec(any::<char>(), 0..=max).prop_map(String::from_iter),
        1 => vec(any::<char>(), max..=max).prop_map(String::from_iter),
        1 => Just(String::new()),
    ]
    .boxed()
}

/// A float in `min..=max`, sometimes a boundary or an integer-valued JSON number.
fn float_in(min: f64, max: f64) -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (min..=max).prop_map(Value::from),
        1 => select(vec![min, max]).prop_map(Value::from),
        // Whole numbers written as JSON integers (`"temperature": 1`).
        1 => ((min as i64)..=(max as i64)).prop_map(Value::from),
    ]
    .boxed()
}

fn int_in(min: i64, max: i64) -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (min..=max).prop_map(Value::from),
        1 => select(vec![min, max]).prop_map(Value::from),
    ]
    .boxed()
}

/// An optional field of a nested object: absent, `null` (not set), or a value.
fn opt_field(value: BoxedStrategy<Value>) -> BoxedStrategy<Option<Value>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Value::Null)),
        3 => value.prop_map(Some),
    ]
    .boxed()
}

fn object_of(fields: Vec<(&'static str, Option<Value>)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect(),
    )
}

fn tool_choice() -> BoxedStrategy<Value> {
    prop_oneof![
        enum_value(ToolChoiceMode::ALL.iter().map(|m| m.as_str()).collect()),
        any::<String>().prop_map(|name| {
            json!({"type": ToolChoiceType::Function.as_str(), "function": {"name": name}})
        }),
    ]
    .boxed()
}

fn prediction() -> BoxedStrategy<Value> {
    let part = any::<String>()
        .prop_map(|text| json!({"type": PredictionTextPartType::Text.as_str(), "text": text}));
    let content = prop_oneof![
        any::<String>().prop_map(Value::String),
        vec(part, 0..4).prop_map(Value::Array),
    ];
    content
        .prop_map(
            |content| json!({"type": PredictionContentType::Content.as_str(), "content": content}),
        )
        .boxed()
}

fn web_search_options() -> BoxedStrategy<Value> {
    let text = || any::<String>().prop_map(Value::String).boxed();
    let approximate = (
        opt_field(text()),
        opt_field(text()),
        opt_field(text()),
        opt_field(text()),
    )
        .prop_map(|(city, country, region, timezone)| {
            object_of(vec![
                ("city", city),
                ("country", country),
                ("region", region),
                ("timezone", timezone),
            ])
        });
    let user_location = approximate
        .prop_map(|approximate| {
            json!({"type": WebSearchUserLocationType::Approximate.as_str(), "approximate": approximate})
        })
        .boxed();
    let size = enum_value(SearchContextSize::ALL.iter().map(|s| s.as_str()).collect());
    (opt_field(size), opt_field(user_location))
        .prop_map(|(size, location)| {
            object_of(vec![
                ("search_context_size", size),
                ("user_location", location),
            ])
        })
        .boxed()
}

fn prompt_cache_options() -> BoxedStrategy<Value> {
    let mode = enum_value(PromptCacheMode::ALL.iter().map(|m| m.as_str()).collect());
    let ttl = enum_value(PromptCacheTtl::ALL.iter().map(|t| t.as_str()).collect());
    (opt_field(mode), opt_field(ttl))
        .prop_map(|(mode, ttl)| object_of(vec![("mode", mode), ("ttl", ttl)]))
        .boxed()
}

/// A valid value of one parameter, respecting the limits of schema/spec.yaml.
fn valid_value(name: &str) -> BoxedStrategy<Value> {
    match name {
        "temperature" => float_in(0.0, 2.0),
        "top_p" => float_in(0.0, 1.0),
        "max_tokens" | "max_completion_tokens" => int_in(1, i64::MAX),
        "reasoning_effort" => enum_value(ReasoningEffort::ALL.iter().map(|e| e.as_str()).collect()),
        "frequency_penalty" | "presence_penalty" => float_in(-2.0, 2.0),
        "seed" => int_in(i64::MIN, i64::MAX),
        "stop" => prop_oneof![
            any::<String>().prop_map(Value::from),
            vec(any::<String>(), 0..=4).prop_map(Value::from),
        ]
        .boxed(),
        "n" => int_in(1, 128),
        "logprobs" | "parallel_tool_calls" | "store" => any::<bool>().prop_map(Value::from).boxed(),
        "top_logprobs" => int_in(0, 20),
        "logit_bias" => btree_map("[0-9]{1,6}", -100i64..=100, 0..8)
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k, v.into())).collect()))
            .boxed(),
        "tool_choice" => tool_choice(),
        "user" | "prompt_cache_key" => any::<String>().prop_map(Value::from).boxed(),
        "service_tier" => enum_value(ServiceTier::ALL.iter().map(|t| t.as_str()).collect()),
        "metadata" => btree_map(string_up_to(64), string_up_to(512), 0..=16)
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k, v.into())).collect()))
            .boxed(),
        "prediction" => prediction(),
        "modalities" => vec(select(Modality::ALL), 0..=3)
            .prop_map(|ms| ms.iter().map(|m| Value::from(m.as_str())).collect())
            .boxed(),
        "web_search_options" => web_search_options(),
        "verbosity" => enum_value(Verbosity::ALL.iter().map(|v| v.as_str()).collect()),
        "safety_identifier" => string_up_to(128).prop_map(Value::from).boxed(),
        "prompt_cache_options" => prompt_cache_options(),
        "prompt_cache_retention" => enum_value(
            PromptCacheRetention::ALL
                .iter()
                .map(|r| r.as_str())
                .collect(),
        ),
        other => panic!("no valid-value strategy for parameter `{other}`; add one"),
    }
}

/// Options built only from valid values: each parameter absent, `null`, or valid; never both
/// `temperature` and `top_p`; `logprobs: true` whenever `top_logprobs` is set. Keys shuffled.
fn valid_options() -> impl Strategy<Value = Map<String, Value>> {
    let per_param: Vec<BoxedStrategy<Option<(String, Value)>>> = ModelOptions::PARAMETERS
        .iter()
        .map(|&name| {
            prop_oneof![
                3 => Just(None),
                1 => Just(Some((name.to_owned(), Value::Null))),
                4 => valid_value(name).prop_map(move |v| Some((name.to_owned(), v))),
            ]
            .boxed()
        })
        .collect();
    (per_param, any::<bool>())
        .prop_map(|(entries, keep_temperature)| {
            let mut entries: Vec<(String, Value)> = entries.into_iter().flatten().collect();
            let set = |entries: &[(String, Value)], key: &str| {
                entries.iter().any(|(k, v)| k == key && !v.is_null())
            };
            if set(&entries, "temperature") && set(&entries, "top_p") {
                let drop = if keep_temperature {
                    "top_p"
                } else {
                    "temperature"
                };
                entries.retain(|(k, _)| k != drop);
            }
            if set(&entries, "top_logprobs") {
                entries.retain(|(k, _)| k != "logprobs");
                entries.push(("logprobs".to_owned(), Value::Bool(true)));
            }
            entries
        })
        .prop_shuffle()
        .prop_map(|entries| entries.into_iter().collect())
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

/// The invariants of every `validate` result, whatever the input.
fn check_issues(input: &Value, issues: &[Issue]) -> Result<(), TestCaseError> {
    for issue in issues {
        prop_assert!(
            issue.path.is_empty() || issue.path.starts_with('/'),
            "path {:?} is not a JSON Pointer: {issue:?}",
            issue.path
        );
        let warning = issue.code == Code::Deprecated;
        let expected = if warning {
            Severity::Warning
        } else {
            Severity::Error
        };
        prop_assert_eq!(
            issue.severity,
            expected,
            "severity inconsistent with code: {:?}",
            issue
        );
        prop_assert!(!issue.message.is_empty(), "empty message: {issue:?}");
        // The pointer leads to the value; for a missing required field, to its object.
        let resolves = input.pointer(&issue.path).is_some();
        let parent_is_object = issue.path.rfind('/').is_some_and(|i| {
            input
                .pointer(&issue.path[..i])
                .is_some_and(Value::is_object)
        });
        prop_assert!(
            resolves || (issue.code == Code::InvalidType && parent_is_object),
            "path {:?} does not point into the input: {issue:?}",
            issue.path
        );
    }
    for pair in issues.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        prop_assert!(
            (a.path.as_str(), a.code.as_str()) <= (b.path.as_str(), b.code.as_str()),
            "issues not sorted by (path, code) as strings: {a:?} before {b:?}"
        );
    }
    if let Value::Object(map) = input {
        // Exactly one `unknown_parameter` per key that is not a parameter.
        for key in map.keys() {
            let path = pointer_token(key);
            let unknown = issues
                .iter()
                .filter(|i| i.path == path && i.code == Code::UnknownParameter)
                .count();
            let expected = usize::from(!ModelOptions::PARAMETERS.contains(&key.as_str()));
            prop_assert_eq!(
                unknown,
                expected,
                "unknown_parameter count for key {:?}",
                key
            );
        }
    } else {
        prop_assert_eq!(issues.len(), 1);
        prop_assert_eq!(issues[0].path.as_str(), "");
        prop_assert_eq!(issues[0].code, Code::InvalidType);
    }
    Ok(())
}

/// `/key` with the JSON Pointer escapes.
fn pointer_token(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The invariants of `prepare` for a catalog model.
fn check_prepared(
    info: &ModelInfo,
    input: &Map<String, Value>,
    has_tools: bool,
) -> Result<(), TestCaseError> {
    let prepared = prepare(info.id, input, PrepareContext { has_tools });
    prop_assert_eq!(prepared.model.as_deref(), Some(info.id));
    let out = &prepared.options;
    let effort_off = out.get("reasoning_effort").and_then(Value::as_str) == Some("none");
    for key in out.keys() {
        let rejected = info.rejects.contains(&key.as_str())
            && !(effort_off && info.allowed_at_effort_off.contains(&key.as_str()));
        prop_assert!(
            !rejected,
            "{} (tools: {has_tools}) still sends rejected `{key}`: {out:?}",
            info.id
        );
    }
    if !has_tools {
        prop_assert!(
            !out.contains_key("tool_choice"),
            "tool_choice kept without tools"
        );
    }
    if !info.reasoning || (has_tools && info.rejects_effort_with_tools) {
        prop_assert!(
            !out.contains_key("reasoning_effort"),
            "{} (tools: {has_tools}) still sends reasoning_effort",
            info.id
        );
    }
    // Replaying the reported changes on the input gives exactly the output.
    let mut replay = input.clone();
    for change in &prepared.changes {
        let removed = replay.remove(&change.parameter);
        prop_assert!(removed.is_some(), "change of an absent key: {change:?}");
        match change.action {
            Action::Removed => prop_assert!(change.to.is_none(), "{change:?}"),
            Action::Moved => {
                let to = change.to.clone().expect("a move names its target");
                prop_assert!(
                    !info.rejects.contains(&to.as_str()) || effort_off,
                    "moved to a rejected key: {change:?}"
                );
                replay.insert(to, removed.expect("checked above"));
            }
        }
    }
    prop_assert_eq!(&replay, out, "changes do not explain the output");
    Ok(())
}

fn check_prepare_all(input: &Map<String, Value>) -> Result<(), TestCaseError> {
    for has_tools in [false, true] {
        for info in models() {
            check_prepared(info, input, has_tools)?;
        }
        for id in UNKNOWN_MODELS {
            prop_assert!(find_model(id).is_none(), "{id:?} is in the catalog");
            let prepared = prepare(id, input, PrepareContext { has_tools });
            prop_assert_eq!(prepared.model, None);
            prop_assert!(prepared.changes.is_empty());
            prop_assert_eq!(&prepared.options, input);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn validate_never_panics_on_arbitrary_json(value in arb_json()) {
        let issues = validate(&value);
        check_issues(&value, &issues)?;
        prop_assert_eq!(validate(&value), issues, "validate is not deterministic");
    }

    #[test]
    fn validate_keeps_its_invariants_on_arbitrary_options(options in arb_options()) {
        let value = Value::Object(options);
        let issues = validate(&value);
        check_issues(&value, &issues)?;
    }

    #[test]
    fn prepare_never_sends_what_a_model_rejects(options in arb_options()) {
        check_prepare_all(&options)?;
    }

    #[test]
    fn prepare_handles_any_unknown_model_id(id in any::<String>(), options in arb_options()) {
        prop_assume!(find_model(&id).is_none());
        for has_tools in [false, true] {
            let prepared = prepare(&id, &options, PrepareContext { has_tools });
            prop_assert_eq!(prepared.model, None);
            prop_assert!(prepared.changes.is_empty());
            prop_assert_eq!(&prepared.options, &options);
        }
    }

    #[test]
    fn options_of_valid_values_validate_with_only_deprecation_warnings(
        options in valid_options()
    ) {
        let value = Value::Object(options.clone());
        let issues = validate(&value);
        check_issues(&value, &issues)?;
        for issue in &issues {
            prop_assert_eq!(issue.code, Code::Deprecated, "unexpected issue {:?} in {}", issue, value);
            prop_assert_eq!(issue.severity, Severity::Warning);
        }
        let warned: Vec<&str> = issues.iter().map(|i| &i.path[1..]).collect();
        let mut deprecated_set: Vec<&str> = DEPRECATED
            .iter()
            .copied()
            .filter(|k| options.get(*k).is_some_and(|v| !v.is_null()))
            .collect();
        deprecated_set.sort_unstable();
        prop_assert_eq!(warned, deprecated_set, "deprecation warnings");

        let typed: ModelOptions = serde_json::from_value(value.clone())
            .map_err(|e| TestCaseError::fail(format!("{value} does not parse as ModelOptions: {e}")))?;
        prop_assert_eq!(typed.validate(), issues, "typed validation disagrees for {}", value);

        // Valid options stay valid once prepared for any model.
        check_prepare_all(&options)?;
        for info in models() {
            for has_tools in [false, true] {
                let prepared = prepare(info.id, &options, PrepareContext { has_tools });
                let after = validate(&Value::Object(prepared.options));
                prop_assert!(
                    after.iter().all(|i| i.code == Code::Deprecated),
                    "{} (tools: {has_tools}) made valid options invalid: {after:?}",
                    info.id
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Deep nesting
// ---------------------------------------------------------------------------------------------

const DEPTH: usize = 10_000;

/// `[[[...null...]]]`, `DEPTH` arrays deep, built iteratively (serde_json's parser would stop
/// at its recursion limit).
fn deep_array() -> Value {
    let mut v = Value::Null;
    for _ in 0..DEPTH {
        v = Value::Array(vec![v]);
    }
    v
}

/// `{"a":{"a":...}}`, `DEPTH` objects deep, built iteratively.
fn deep_object(key: &str) -> Value {
    let mut v = Value::Null;
    for _ in 0..DEPTH {
        let mut map = Map::new();
        map.insert(key.to_owned(), v);
        v = Value::Object(map);
    }
    v
}

/// Drops a value without recursing, so the test does not depend on the stack depth of
/// `Value`'s own drop.
fn dismantle(v: Value) {
    let mut stack = vec![v];
    while let Some(mut v) = stack.pop() {
        match &mut v {
            Value::Array(items) => stack.append(items),
            Value::Object(map) => stack.extend(std::mem::take(map).into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// `{key: value}`, moving `value` in (`json!` would serialize it, recursively).
fn obj(entries: Vec<(&str, Value)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

#[test]
fn validate_survives_ten_thousand_levels_of_nesting() {
    let content = || ("type", Value::from("content"));
    let wrappers: &[fn(Value) -> Value] = &[
        |deep| deep,
        |deep| obj(vec![("stop", deep)]),
        |deep| obj(vec![("modalities", deep)]),
        |deep| obj(vec![("tool_choice", deep)]),
        |deep| obj(vec![("metadata", obj(vec![("k", deep)]))]),
        |deep| obj(vec![("logit_bias", obj(vec![("1", deep)]))]),
        |deep| obj(vec![("not_a_parameter", deep)]),
        |deep| obj(vec![("web_search_options", deep)]),
        |deep| obj(vec![("prompt_cache_options", deep)]),
        |deep| obj(vec![("prediction", deep)]),
        |deep| {
            let location = obj(vec![
                ("type", Value::from("approximate")),
                ("approximate", obj(vec![("city", deep)])),
            ]);
            obj(vec![(
                "web_search_options",
                obj(vec![("user_location", location)]),
            )])
        },
    ];
    let builders: &[fn() -> Value] = &[deep_array, || deep_object("a"), || deep_object("type")];
    let mut inputs: Vec<Value> = Vec::new();
    for build in builders {
        inputs.extend(wrappers.iter().map(|wrap| wrap(build())));
        let (c1, c2) = (content(), content());
        inputs.push(obj(vec![(
            "prediction",
            obj(vec![c1, ("content", build())]),
        )]));
        inputs.push(obj(vec![(
            "prediction",
            obj(vec![c2, ("content", Value::Array(vec![build()]))]),
        )]));
    }
    for input in inputs {
        let issues = validate(&input);
        assert!(!issues.is_empty(), "deeply nested input validated clean");
        for issue in &issues {
            assert!(issue.path.is_empty() || issue.path.starts_with('/'));
            assert_eq!(issue.severity, Severity::Error, "{issue:?}");
            assert!(
                issue.path.matches('/').count() <= 6,
                "validation descended into the nesting: {}",
                issue.path
            );
        }
        dismantle(input);
    }
}

/// `prepare` copies the whole options map (`Map::clone`, recursive in serde_json), so unlike
/// `validate` its stack use grows with the nesting of any value, parameter or not: on a
/// 2 MiB test thread in a debug build it overflows between 1,000 and 2,000 levels. This
/// checks the depth serde_json's parser accepts by default (128).
#[test]
fn prepare_survives_the_nesting_serde_json_can_parse() {
    const PARSEABLE: usize = 128;
    let deep = || {
        let mut v = Value::Null;
        for _ in 0..PARSEABLE {
            v = Value::Array(vec![v]);
        }
        v
    };
    let Value::Object(map) = obj(vec![("stop", deep()), ("not_a_parameter", deep())]) else {
        unreachable!("obj builds an object")
    };
    for has_tools in [false, true] {
        for info in models() {
            let prepared = prepare(info.id, &map, PrepareContext { has_tools });
            assert!(prepared.options.contains_key("not_a_parameter"));
            assert_eq!(
                prepared.options.contains_key("stop"),
                !info.rejects.contains(&"stop"),
                "{}",
                info.id
            );
        }
        let unknown = prepare(UNKNOWN_MODELS[0], &map, PrepareContext { has_tools });
        assert_eq!(unknown.options, map);
    }
}
