// The checks that hold for any spec, run on a crate generated from it. Included by
// `tests/suites.rs` into one module per spec, where `engine` is the crate, `Options` its
// options type and `SPEC` the spec folder; everything a check needs to know about the spec
// comes from the generator's own model of it.

use std::sync::LazyLock;

use llm_params_codegen::model::{Model, ReasoningSupport, Ty};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{Map, Value, json};

use crate::common;
use engine::{Action, Code, PrepareContext, Severity, find_model, models, prepare, validate};

static MODEL: LazyLock<Model> = LazyLock::new(|| SPEC.model());
static VECTORS: LazyLock<Vec<(String, Value)>> = LazyLock::new(|| SPEC.vectors(&MODEL));

/// Model ids the catalog does not answer to, unless it does (checked where used).
const UNKNOWN_MODELS: &[&str] = &["no-such-provider/no-such-model", "", "no-such-model", "x/"];

fn summary(issues: &[engine::Issue]) -> Vec<Value> {
    issues
        .iter()
        .map(|i| json!({"path": i.path, "code": i.code.as_str(), "severity": i.severity}))
        .collect()
}

/// One value drawn from a strategy, deterministically.
fn sample(strategy: BoxedStrategy<Value>) -> Value {
    let mut runner = TestRunner::deterministic();
    strategy
        .new_tree(&mut runner)
        .expect("a value")
        .current()
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn every_vector_gets_the_expected_verdict() {
    let mut disagreements = Vec::new();
    let validate_cases = common::validate_cases(&VECTORS);
    assert!(!validate_cases.is_empty(), "no validate vectors");
    for (file, case) in &validate_cases {
        let issues = validate(&case["input"]);
        let got = Value::Array(summary(&issues));
        if got != case["issues"] {
            disagreements.push(format!(
                "{file}: {}\n  input: {}\n  want:  {}\n  got:   {got}",
                case["name"], case["input"], case["issues"]
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
    let prepare_cases = common::prepare_cases(&VECTORS);
    assert!(
        MODEL.catalog.models.is_empty() || !prepare_cases.is_empty(),
        "a catalog with models and no prepare vectors"
    );
    for (file, case) in &prepare_cases {
        let input = case["input"].as_object().expect("prepare input is an object");
        let context = PrepareContext {
            has_tools: case["has_tools"].as_bool().unwrap_or(false),
        };
        let out = prepare(case["model"].as_str().expect("model id"), input, context);
        let changes: Vec<Value> = out
            .changes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut v = json!({"parameter": c.parameter, "action": c.action, "reason": c.reason});
                // Derived vectors state every message; hand-written ones may leave it out.
                if case["changes"][i].get("message").is_some() {
                    v["message"] = json!(c.message);
                }
                if let Some(to) = &c.to {
                    v["to"] = json!(to);
                }
                v
            })
            .collect();
        let mut got = json!({"model": out.model, "output": out.options, "changes": changes});
        let mut want = json!({
            "model": case["expected_model"],
            "output": case["output"],
            "changes": case["changes"],
        });
        // Derived vectors state the warnings and the match; hand-written ones may not.
        if let Some(warnings) = case.get("warnings") {
            got["warnings"] = json!(out.warnings);
            want["warnings"] = warnings.clone();
        }
        if let Some(matched) = case.get("matched") {
            got["matched"] = json!(out.matched);
            want["matched"] = matched.clone();
        }
        if got != want {
            disagreements.push(format!("{file}: {}\n  want: {want}\n  got:  {got}", case["name"]));
        }
        // validate_for: validate's issues, and one per expected change and warning.
        let table = VECTORS
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, doc)| &doc["reason_issues"]);
        if let (Some(table @ Value::Object(_)), Some(warnings)) = (table, case.get("warnings")) {
            let row = |path: &str, code: &str, severity: &str, message: &str| {
                json!([path, code, severity, message])
            };
            let input = &case["input"];
            let mut want: Vec<Value> = validate(input)
                .iter()
                .map(|i| row(&i.path, i.code.as_str(), i.severity.as_str(), &i.message))
                .collect();
            let of = |reason: &Value| &table[reason.as_str().unwrap_or_default()];
            for c in case["changes"].as_array().into_iter().flatten() {
                let t = of(&c["reason"]);
                want.push(row(
                    &common::pointer_token(c["parameter"].as_str().unwrap_or_default()),
                    t["code"].as_str().unwrap_or_default(),
                    t["severity"].as_str().unwrap_or_default(),
                    c["message"].as_str().unwrap_or_default(),
                ));
            }
            for w in warnings.as_array().into_iter().flatten() {
                let t = of(&w["reason"]);
                want.push(row(
                    "",
                    t["code"].as_str().unwrap_or_default(),
                    t["severity"].as_str().unwrap_or_default(),
                    w["message"].as_str().unwrap_or_default(),
                ));
            }
            let key = |v: &Value| (v[0].as_str().map(str::to_owned), v[1].as_str().map(str::to_owned));
            want.sort_by_key(key);
            let got: Vec<Value> = engine::validate_for(case["model"].as_str().unwrap_or_default(), input, context)
                .iter()
                .map(|i| row(&i.path, i.code.as_str(), i.severity.as_str(), &i.message))
                .collect();
            if got != want {
                disagreements.push(format!(
                    "{file}: {} (validate_for)\n  want: {}\n  got:  {}",
                    case["name"],
                    json!(want),
                    json!(got)
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreement(s):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// Typed options and `from_json` agree with `validate` on every vector, issue for issue
/// (messages included): `from_json` gives the options exactly when `validate` finds no
/// error, or else exactly `validate`'s issues.
#[test]
fn typed_validation_agrees_with_raw_validation() {
    let mut typed = 0;
    for (file, case) in common::validate_cases(&VECTORS) {
        let input = &case["input"];
        let raw = validate(input);
        let valid = raw.iter().all(|i| i.severity == Severity::Warning);
        match Options::from_json(&input.to_string()) {
            Ok(options) => {
                assert!(valid, "{file}: {}: from_json accepted {raw:?}", case["name"]);
                assert_eq!(options.validate(), raw, "{file}: {}: typed", case["name"]);
                typed += 1;
            }
            // Valid options the struct cannot hold (an integer beyond `i64`, where the spec
            // sets no bound): one issue that says so.
            Err(issues) if valid => {
                assert_eq!(issues.len(), 1, "{file}: {}: {issues}", case["name"]);
                assert!(
                    issues[0].message.starts_with("valid, but does not fit the Rust types"),
                    "{file}: {}: from_json refused valid options: {issues}",
                    case["name"]
                );
            }
            Err(issues) => {
                assert_eq!(issues.into_vec(), raw, "{file}: {}: from_json", case["name"]);
            }
        }
        if let Ok(options) = serde_json::from_value::<Options>(input.clone()) {
            assert_eq!(options.validate(), raw, "{file}: {}: typed from a Value", case["name"]);
        }
    }
    assert!(typed > 0, "no vector fits the Rust types");
}

/// Every parameter set at once, each to a valid value: more set parameters with rules
/// between them than the generated code keeps as it meets them. Exactly the exclusivity
/// and dependency errors the spec's rules call for, and the deprecation warnings; typed
/// validation agrees.
#[test]
fn every_parameter_set_at_once() {
    let options: Map<String, Value> = MODEL
        .params
        .iter()
        .map(|p| (p.name.clone(), sample(common::valid_value(&MODEL, &p.ty, 0))))
        .collect();
    let value = Value::Object(options.clone());
    let mut expected: Vec<(String, Code)> = Vec::new();
    for p in &MODEL.params {
        let path = common::pointer_token(&p.name);
        if p.deprecated.is_some() {
            expected.push((path.clone(), Code::Deprecated));
        }
        let Some(c) = llm_params_codegen::plan::constraint(&MODEL, p) else { continue };
        for _ in &c.exclusive {
            expected.push((path.clone(), Code::MutuallyExclusive));
        }
        for r in &c.requires {
            if !options.get(&r.other).is_some_and(|v| same_json(v, &r.value)) {
                expected.push((path.clone(), Code::MissingDependency));
            }
        }
    }
    expected.sort();
    let issues = validate(&value);
    let mut got: Vec<(String, Code)> = issues.iter().map(|i| (i.path.clone(), i.code)).collect();
    got.sort();
    assert_eq!(got, expected, "{value}");
    if let Ok(typed) = serde_json::from_value::<Options>(value.clone()) {
        assert_eq!(typed.validate(), issues, "typed validation of {value}");
    }
}

/// Every validate vector is valid under the generated JSON Schemas exactly when `validate`
/// finds no error (warnings aside).
#[test]
fn the_json_schemas_agree_with_validate() {
    for (file, schema) in common::json_schemas(&MODEL) {
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("{file} is not a JSON Schema: {e}"));
        let mut disagreements = Vec::new();
        for (vectors, case) in common::validate_cases(&VECTORS) {
            let input = &case["input"];
            let ours = !validate(input).iter().any(|i| i.severity == Severity::Error);
            let theirs = validator.is_valid(input);
            if ours != theirs {
                let why: Vec<String> = validator.iter_errors(input).map(|e| e.to_string()).collect();
                disagreements.push(format!("{vectors}: {}: ours {ours}, schema {theirs} {why:?}", case["name"]));
            }
        }
        assert!(disagreements.is_empty(), "{file}:\n{}", disagreements.join("\n"));
    }
}

#[test]
fn parameters_are_the_spec_s_in_spec_order() {
    let spec: Vec<&str> = MODEL.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(Options::PARAMETERS, spec.as_slice());
    let schema = schemars::schema_for!(Options).to_value();
    let props = schema["properties"].as_object().expect("properties");
    let keys: Vec<&str> = props.keys().map(String::as_str).collect();
    assert_eq!(keys, spec, "the schemars schema names every parameter by its wire name");
    let required = schema.get("required").and_then(|r| r.as_array()).map_or(0, Vec::len);
    assert_eq!(required, 0, "every parameter is optional in the schemars schema: {schema}");
}

#[test]
fn models_are_the_catalog_s() {
    let ours: Vec<(&str, &str, bool)> = models().iter().map(|m| (m.id, m.family, m.reasoning)).collect();
    let spec: Vec<(&str, &str, bool)> = MODEL
        .catalog
        .models
        .iter()
        .map(|m| (m.id.as_str(), m.family.as_str(), m.reasoning))
        .collect();
    assert_eq!(ours, spec);
    for m in models() {
        assert_eq!(find_model(m.id).map(|f| f.id), Some(m.id));
        // A bare id finds the first model with that bare id.
        let first = models().iter().find(|o| o.bare_id() == m.bare_id()).map(|o| o.id);
        assert_eq!(find_model(m.bare_id()).map(|f| f.id), first, "{}", m.bare_id());
    }
}

/// The spec's example (the reference's usage example) parses, validates with no error and
/// serializes back to itself.
#[test]
fn the_example_round_trips_and_validates() {
    if MODEL.example.is_empty() {
        eprintln!("skipped: {} has no example", SPEC.0);
        return;
    }
    let example = Value::Object(MODEL.example.iter().cloned().collect());
    let parsed = Options::from_json(&example.to_string())
        .unwrap_or_else(|issues| panic!("the example does not validate: {issues}"));
    assert_eq!(serde_json::to_value(&parsed).expect("serialize"), example);
    assert_eq!(serde_json::to_value(Options::default()).expect("serialize"), json!({}));
}

#[test]
fn update_options_replaces_never_merges() {
    let first = MODEL.catalog.models.first().map_or("no-such-model", |m| m.id.as_str());
    let last = MODEL.catalog.models.last().map_or("other-model", |m| m.id.as_str());
    let options = object(sample(common::valid_options(&MODEL).prop_map(Value::Object).boxed()));
    let mut llm = engine::LlmOptions::new(first, options.clone());
    assert_eq!(llm.options(), &options);
    let replacement = object(json!({"a-key": 1}));
    llm.update_options(None, Some(replacement.clone()));
    assert_eq!(llm.options(), &replacement, "replaced, not merged");
    assert_eq!(llm.model(), first, "model kept when not given");
    llm.update_options(Some(last), None);
    assert_eq!(llm.model(), last);
    assert_eq!(llm.options(), &replacement, "options kept when not given");
    llm.update_options(None, Some(Map::new()));
    assert!(llm.options().is_empty(), "{{}} clears");
    llm.update_options(Some(first), Some(options.clone()));
    let next = llm.request(PrepareContext::default());
    assert_eq!(next, prepare(first, &options, PrepareContext::default()));
}

/// A parameter name missing its last letter is unknown, and the message suggests a
/// parameter.
#[test]
fn unknown_keys_name_a_near_parameter() {
    let mut checked = 0;
    for p in MODEL.params.iter().filter(|p| p.name.chars().count() >= 4) {
        let mut key = p.name.clone();
        key.pop();
        if MODEL.param(&key).is_some() {
            continue;
        }
        let issues = validate(&json!({ key.clone(): 1 }));
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].code, Code::UnknownParameter);
        assert_eq!(issues[0].path, common::pointer_token(&key));
        let suggested = MODEL
            .params
            .iter()
            .any(|q| issues[0].message.contains(&format!("did you mean `{}`", q.name)));
        assert!(suggested, "{key}: {}", issues[0].message);
        checked += 1;
    }
    if checked == 0 {
        eprintln!("skipped: {} has no parameter name of 4 or more letters", SPEC.0);
    }
}

/// Each deprecated parameter, set alone to a valid value, gets a warning that names every
/// replacement.
#[test]
fn deprecated_parameters_warn_and_name_their_replacements() {
    let deprecated: Vec<_> = MODEL.params.iter().filter(|p| p.deprecated.is_some()).collect();
    if deprecated.is_empty() {
        eprintln!("skipped: {} deprecates no parameter", SPEC.0);
    }
    for p in deprecated {
        let value = sample(common::valid_value(&MODEL, &p.ty, 0));
        let issues = validate(&json!({ p.name.clone(): value }));
        let warning = issues
            .iter()
            .find(|i| i.code == Code::Deprecated)
            .unwrap_or_else(|| panic!("{}: no warning in {issues:?}", p.name));
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(warning.path, common::pointer_token(&p.name));
        for r in &p.deprecated.as_ref().expect("deprecated").replaced_by {
            assert!(warning.message.contains(&format!("`{r}`")), "{}: {}", p.name, warning.message);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Invariants, checked on random input
// ---------------------------------------------------------------------------------------------

/// The invariants of every `validate` result, whatever the input.
fn check_issues(input: &Value, issues: &[engine::Issue]) -> Result<(), TestCaseError> {
    for issue in issues {
        prop_assert!(
            issue.path.is_empty() || issue.path.starts_with('/'),
            "path {:?} is not a JSON Pointer: {issue:?}",
            issue.path
        );
        let expected = if issue.code == Code::Deprecated { Severity::Warning } else { Severity::Error };
        prop_assert_eq!(issue.severity, expected, "severity inconsistent with code: {:?}", issue);
        prop_assert!(!issue.message.is_empty(), "empty message: {issue:?}");
        // The pointer leads to the value; for a missing required field, to its object.
        let resolves = input.pointer(&issue.path).is_some();
        let parent_is_object = issue
            .path
            .rfind('/')
            .is_some_and(|i| input.pointer(&issue.path[..i]).is_some_and(Value::is_object));
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
            let path = common::pointer_token(key);
            let unknown = issues
                .iter()
                .filter(|i| i.code == Code::UnknownParameter && i.path == path)
                .count();
            prop_assert_eq!(unknown, usize::from(MODEL.param(key).is_none()), "{}", key);
        }
    } else {
        prop_assert_eq!(issues.len(), 1, "a non-object gets one issue: {:?}", issues);
        prop_assert_eq!(issues[0].code, Code::InvalidType);
    }
    Ok(())
}

/// JSON values equal, numbers compared by value (`4096` and `4096.0` alike).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// The invariants of `prepare` for one catalog model.
fn check_prepared(
    info: &engine::ModelInfo,
    input: &Map<String, Value>,
    has_tools: bool,
) -> Result<(), TestCaseError> {
    let prepared = prepare(info.id, input, PrepareContext { has_tools });
    prop_assert_eq!(prepared.model.as_deref(), Some(info.id));
    let out = &prepared.options;
    let effort = MODEL.catalog.effort.as_ref();
    // Reasoning is off when the effort sent is the off value, or when none is sent and the
    // model's default effort is.
    let effort_off = effort.is_some_and(|e| match out.get(&e.parameter) {
        None | Some(Value::Null) => info.default_reasoning_effort == Some(e.off.as_str()),
        Some(v) => v.as_str() == Some(e.off.as_str()),
    });
    for key in out.keys() {
        let rejected = info.rejects.contains(&key.as_str())
            && !(effort_off && info.allowed_at_effort_off.contains(&key.as_str()));
        prop_assert!(!rejected, "{} (tools: {has_tools}) still sends rejected `{key}`: {out:?}", info.id);
    }
    if !has_tools {
        for p in MODEL.params.iter().filter(|p| p.requires_tools) {
            prop_assert!(!out.contains_key(&p.name), "`{}` kept without tools", p.name);
        }
    }
    let sent = |name: &str| out.get(name).is_some_and(|v| !v.is_null());
    if !info.reasoning {
        for p in MODEL.params.iter().filter(|p| p.reasoning == ReasoningSupport::Only) {
            prop_assert!(!sent(&p.name), "{} is no reasoning model but gets `{}`", info.id, p.name);
        }
    }
    if let Some(e) = effort
        && has_tools
        && info.rejects_effort_with_tools
    {
        prop_assert!(!sent(&e.parameter), "{} (with tools) still sends the effort", info.id);
    }
    // An effort sent (of the enum: prepare does not validate) is one the model takes.
    if let Some(e) = effort
        && let Some(Value::String(sent_effort)) = out.get(&e.parameter)
    {
        let values = common::enum_values(&MODEL, &e.parameter);
        let rank = |v: &str| values.iter().position(|x| x == v);
        if let Some(at) = rank(sent_effort) {
            if let Some(lo) = info.min_reasoning_effort.and_then(rank) {
                prop_assert!(at >= lo, "{} gets effort `{sent_effort}` below its lowest", info.id);
            }
            if let Some(hi) = info.max_reasoning_effort.and_then(rank) {
                prop_assert!(at <= hi, "{} gets effort `{sent_effort}` above its highest", info.id);
            }
        }
    }
    // No output cap is exceeded.
    if let Some(cap) = info.max_output_tokens {
        for name in &MODEL.catalog.output_parameters {
            let n = out.get(name).and_then(Value::as_f64);
            prop_assert!(n.is_none_or(|n| n <= cap as f64), "{} gets `{name}` above its cap {cap}", info.id);
        }
    }
    // Replaying the reported changes on the input gives exactly the output.
    let mut replay = input.clone();
    for change in &prepared.changes {
        let removed = replay.remove(&change.parameter);
        match change.action {
            Action::Removed => {
                prop_assert!(removed.is_some(), "change of an absent key: {change:?}");
                prop_assert!(change.to.is_none(), "{change:?}");
            }
            Action::Moved => {
                prop_assert!(removed.is_some(), "change of an absent key: {change:?}");
                let to = change.to.clone().expect("a move names its target");
                prop_assert!(!info.rejects.contains(&to.as_str()) || effort_off, "moved to a rejected key: {change:?}");
                replay.insert(to, removed.expect("checked above"));
            }
            // The value set or clamped is the one sent (a later step may change it again).
            Action::Set | Action::Clamped => {
                prop_assert!(
                    change.action == Action::Set || removed.is_some(),
                    "clamp of an absent key: {change:?}"
                );
                let value = out.get(&change.parameter).cloned().unwrap_or(Value::Null);
                prop_assert!(
                    change.action == Action::Set || value.is_number(),
                    "clamped to a value that is not a number: {change:?}"
                );
                replay.insert(change.parameter.clone(), value);
            }
            other => prop_assert!(false, "an action this test does not know: {other}"),
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
        for id in UNKNOWN_MODELS.iter().filter(|id| find_model(id).is_none()) {
            let prepared = prepare(id, input, PrepareContext { has_tools });
            prop_assert_eq!(prepared.model, None);
            prop_assert!(prepared.changes.is_empty());
            prop_assert_eq!(&prepared.options, input);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::config())]

    #[test]
    fn validate_never_panics_on_arbitrary_json(value in common::arb_json(&MODEL)) {
        let issues = validate(&value);
        check_issues(&value, &issues)?;
        prop_assert_eq!(validate(&value), issues, "validate is not deterministic");
    }

    #[test]
    fn validate_keeps_its_invariants_on_arbitrary_options(options in common::arb_options(&MODEL)) {
        let value = Value::Object(options);
        let issues = validate(&value);
        check_issues(&value, &issues)?;
    }

    #[test]
    fn prepare_never_sends_what_a_model_rejects(options in common::arb_options(&MODEL)) {
        check_prepare_all(&options)?;
    }

    #[test]
    fn prepare_handles_any_unknown_model_id(id in any::<String>(), options in common::arb_options(&MODEL)) {
        prop_assume!(find_model(&id).is_none());
        for has_tools in [false, true] {
            let prepared = prepare(&id, &options, PrepareContext { has_tools });
            // An id no model answers to can still start with a family's prefix (`o1`):
            // that family's rules apply. Only an id nothing matches is left alone.
            if prepared.matched.is_some() {
                continue;
            }
            prop_assert_eq!(prepared.model, None);
            prop_assert!(prepared.changes.is_empty());
            prop_assert_eq!(&prepared.options, &options);
        }
    }

    #[test]
    fn options_of_valid_values_validate_with_only_deprecation_warnings(
        options in common::valid_options(&MODEL)
    ) {
        let value = Value::Object(options.clone());
        let issues = validate(&value);
        check_issues(&value, &issues)?;
        for issue in &issues {
            prop_assert_eq!(issue.code, Code::Deprecated, "unexpected issue {:?} in {}", issue, value);
        }
        let warned: Vec<&str> = issues.iter().map(|i| &i.path[1..]).collect();
        let mut deprecated_set: Vec<String> = MODEL
            .params
            .iter()
            .filter(|p| p.deprecated.is_some() && options.get(&p.name).is_some_and(|v| !v.is_null()))
            .map(|p| common::pointer_token(&p.name)[1..].to_owned())
            .collect();
        deprecated_set.sort_unstable();
        prop_assert_eq!(warned, deprecated_set, "deprecation warnings");

        let typed: Options = serde_json::from_value(value.clone())
            .map_err(|e| TestCaseError::fail(format!("{value} does not parse as the options type: {e}")))?;
        prop_assert_eq!(typed.validate(), issues, "typed validation disagrees for {}", value);

        // Valid options stay valid once prepared for any model, and the typed `prepare`
        // gives what the JSON one gives (never its fallback).
        check_prepare_all(&options)?;
        let typed_map = Map::from(&typed);
        for info in models() {
            for has_tools in [false, true] {
                let context = PrepareContext { has_tools };
                let raw = prepare(info.id, &typed_map, context);
                let typed_prepared = typed.prepare(info.id, context);
                prop_assert_eq!(&typed_prepared.changes, &raw.changes);
                prop_assert_eq!(&typed_prepared.warnings, &raw.warnings);
                prop_assert_eq!(&typed_prepared.model, &raw.model);
                let sent = Value::Object(Map::from(&typed_prepared.options));
                prop_assert!(
                    same_json(&sent, &Value::Object(raw.options.clone())),
                    "{} (tools: {has_tools}): typed prepare sent {} where prepare sends {:?}",
                    info.id, sent, raw.options
                );
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

/// `[[[...null...]]]` or `{"a":{"a":...}}`, `DEPTH` deep, built iteratively (serde_json's
/// parser would stop at its recursion limit).
fn deep(depth: usize, key: Option<&str>) -> Value {
    let mut v = Value::Null;
    for _ in 0..depth {
        v = match key {
            None => Value::Array(vec![v]),
            Some(k) => Value::Object(Map::from_iter([(k.to_owned(), v)])),
        };
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

/// `deep` placed where a value of `ty` is read one level down: as an item of a list, a value
/// of a map, or each field of an object.
fn one_level_down(ty: &Ty, deep: &dyn Fn() -> Value) -> Vec<Value> {
    match ty {
        Ty::List { .. } => vec![Value::Array(vec![deep()])],
        Ty::Map { .. } => vec![Value::Object(Map::from_iter([("1".to_owned(), deep())]))],
        Ty::Named(name) => match &MODEL.named(name).expect("named type").kind {
            llm_params_codegen::model::NamedKind::Object(fields) => fields
                .iter()
                .map(|f| Value::Object(Map::from_iter([(f.name.clone(), deep())])))
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

#[test]
fn validate_survives_ten_thousand_levels_of_nesting() {
    let builders: [&dyn Fn() -> Value; 3] =
        [&|| deep(DEPTH, None), &|| deep(DEPTH, Some("a")), &|| deep(DEPTH, Some("type"))];
    for build in builders {
        let mut inputs = vec![build(), Value::Object(Map::from_iter([("not a parameter".to_owned(), build())]))];
        for p in &MODEL.params {
            inputs.push(Value::Object(Map::from_iter([(p.name.clone(), build())])));
            for inner in one_level_down(&p.ty, build) {
                inputs.push(Value::Object(Map::from_iter([(p.name.clone(), inner)])));
            }
        }
        for input in inputs {
            let issues = validate(&input);
            assert!(!issues.is_empty(), "deeply nested input validated clean");
            for issue in &issues {
                assert!(issue.path.is_empty() || issue.path.starts_with('/'));
                assert!(issue.path.matches('/').count() <= 16, "validation descended into the nesting: {}", issue.path);
            }
            dismantle(input);
        }
    }
}

/// `prepare` copies the options map (recursive in serde_json), so its stack use grows with
/// the nesting of any value; this checks the depth serde_json's parser accepts by default.
#[test]
fn prepare_survives_the_nesting_serde_json_can_parse() {
    const PARSEABLE: usize = 128;
    let mut map: Map<String, Value> = MODEL.params.iter().map(|p| (p.name.clone(), deep(PARSEABLE, None))).collect();
    map.insert("not a parameter".to_owned(), deep(PARSEABLE, None));
    for has_tools in [false, true] {
        for info in models() {
            let prepared = prepare(info.id, &map, PrepareContext { has_tools });
            assert!(prepared.options.contains_key("not a parameter"));
        }
        let unknown = prepare(UNKNOWN_MODELS[0], &map, PrepareContext { has_tools });
        assert_eq!(unknown.options, map);
    }
}
