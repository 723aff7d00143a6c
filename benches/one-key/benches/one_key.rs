//! `validate` of options with one key, on the crate of a synthetic spec (see `run.sh`):
//! the spec's last parameter (its dispatch is the farthest in spec order), an unknown key
//! one edit from it (a "did you mean"), and an unknown key near no parameter.

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

/// A value the parameter takes without an issue, among a few of each JSON kind.
fn valid_value(name: &str) -> Value {
    let candidates = [
        json!(1),
        json!(0.5),
        json!(true),
        json!("a"),
        json!([]),
        json!({}),
    ];
    candidates
        .into_iter()
        .find(|v| llm_params::validate(&json!({ name: v.clone() })).is_empty())
        .unwrap_or(json!(1))
}

fn bench(c: &mut Criterion) {
    let names = llm_params::__Options::PARAMETERS;
    let last = *names.last().expect("a parameter");
    let known = json!({ last: valid_value(last) });
    assert!(llm_params::validate(&known).is_empty(), "{known}");
    let mut near = last.to_owned();
    near.push('x');
    let near = json!({ near: 1 });
    let hinted = llm_params::validate(&near);
    assert!(hinted[0].message.contains("did you mean"), "{hinted:?}");
    let far = json!({ "zzzzzzzzzzzzzzzz": 1 });
    assert!(!llm_params::validate(&far)[0].message.contains("did you mean"));
    let mut g = c.benchmark_group(format!("one key, {} parameters", names.len()));
    for (name, input) in [
        ("the last parameter", &known),
        ("unknown, with a suggestion", &near),
        ("unknown, no suggestion", &far),
    ] {
        g.bench_function(name, |b| b.iter(|| llm_params::validate(black_box(input)).len()));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = bench
}
criterion_main!(benches);
