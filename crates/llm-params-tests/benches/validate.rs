//! `validate` against the alternatives a user would pick, on the same inputs:
//! - the `jsonschema` crate with the generated JSON Schema (generated/json-schema/);
//! - parse-plus-validate from JSON text against a plain `serde_json` parse into the struct.
//!
//! Run: `cargo bench -p llm-params-tests --bench validate`. Figures: BENCHMARKS.md.
//!
//! Every routine hands back a number (`.len()`, `.count()`, a `bool`), not the `Vec` of
//! issues itself: criterion's `black_box` on a returned `Vec` reads its three words back
//! with a 16-byte load that stalls store forwarding, a cost of the harness, not of the
//! validator (5 ns, half the time of the smallest input).

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

fn inputs() -> Vec<(&'static str, Value)> {
    vec![
        (
            "reference example",
            json!({"temperature": 0.7, "max_completion_tokens": 1000}),
        ),
        (
            "rich valid",
            json!({
                "temperature": 0.7, "max_completion_tokens": 1000, "frequency_penalty": 0.5,
                "presence_penalty": -0.5, "seed": 42, "stop": ["\n", "END"], "n": 1,
                "logprobs": true, "top_logprobs": 5, "logit_bias": {"50256": -100, "1234": 10},
                "parallel_tool_calls": true,
                "tool_choice": {"type": "function", "function": {"name": "lookup"}},
                "service_tier": "auto", "metadata": {"team": "voice", "env": "prod"},
                "store": false, "modalities": ["text"], "verbosity": "low",
                "web_search_options": {"search_context_size": "medium", "user_location": {"type": "approximate", "approximate": {"city": "Paris", "country": "FR"}}},
                "prompt_cache_key": "session-1", "safety_identifier": "u-123"
            }),
        ),
        (
            "invalid",
            json!({"temperature": 3, "top_p": 0.5, "max_token": 5, "top_logprobs": 30, "stop": ["a","b","c","d","e"], "logit_bias": {"x": 200}}),
        ),
    ]
}

/// A lower bound for any validator of a `Value`: visit every key and value once (the kind
/// of each, the length of each string) and check nothing.
fn visit(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.iter().map(|(k, x)| k.len() + visit(x)).sum(),
        Value::Array(a) => a.iter().map(visit).sum(),
        Value::String(s) => s.len(),
        Value::Number(n) => usize::from(n.is_f64()),
        Value::Bool(b) => usize::from(*b),
        Value::Null => 0,
    }
}

fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../generated/json-schema/model-options.schema.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("read schema")).expect("JSON")
}

fn bench(c: &mut Criterion) {
    let schema = schema();
    let compiled = jsonschema::draft202012::new(&schema).expect("schema compiles");
    for (name, input) in inputs() {
        let mut g = c.benchmark_group(format!("validate/{name}"));
        g.bench_function("floor: visit every node, check nothing", |b| {
            b.iter(|| visit(black_box(&input)))
        });
        g.bench_function("llm_params::validate", |b| {
            b.iter(|| llm_params::validate(black_box(&input)).len())
        });
        if let Ok(typed) = serde_json::from_value::<llm_params::__Options>(input.clone()) {
            g.bench_function("ModelOptions::validate (typed)", |b| {
                b.iter(|| black_box(&typed).validate().len())
            });
        }
        g.bench_function(
            "jsonschema::is_valid, one-shot (compiles every call)",
            |b| b.iter(|| jsonschema::is_valid(black_box(&schema), black_box(&input))),
        );
        g.bench_function("jsonschema::is_valid", |b| {
            b.iter(|| compiled.is_valid(black_box(&input)))
        });
        g.bench_function("jsonschema::iter_errors", |b| {
            b.iter(|| compiled.iter_errors(black_box(&input)).count())
        });
        // Ours returns each issue with its JSON Pointer and message already rendered;
        // jsonschema renders both when asked. This is the same work.
        g.bench_function("jsonschema::iter_errors + pointer and message", |b| {
            b.iter(|| {
                compiled
                    .iter_errors(black_box(&input))
                    .map(|e| (e.instance_path().to_string(), e.to_string()))
                    .collect::<Vec<_>>()
                    .len()
            })
        });
        g.finish();
    }
    for (name, input) in inputs().into_iter().take(2) {
        let text = input.to_string();
        let mut g = c.benchmark_group(format!("parse/{name}"));
        g.bench_function("serde_json::from_str::<ModelOptions>", |b| {
            b.iter(|| {
                serde_json::from_str::<llm_params::__Options>(black_box(&text)).expect("parses")
            })
        });
        g.bench_function("ModelOptions::from_json (parse + validate)", |b| {
            b.iter(|| llm_params::__Options::from_json(black_box(&text)))
        });
        g.bench_function("from_str::<Value> + validate", |b| {
            b.iter(|| {
                let v: Value = serde_json::from_str(black_box(&text)).expect("parses");
                llm_params::validate(&v)
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = bench
}
criterion_main!(benches);
