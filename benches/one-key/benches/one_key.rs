//! `validate` of options with one key, on the crate of a synthetic spec (see `run.sh`):
//! one of the spec's last parameters (its dispatch is the farthest in spec order), an unknown key
//! one edit from it (a "did you mean"), and an unknown key near no parameter.

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let names = llm_params::__Options::PARAMETERS;
    // The last parameter that takes the integer 1 (the same kind of check at every size).
    let last = *names
        .iter()
        .rev()
        .take(64)
        .find(|n| llm_params::validate(&json!({ **n: 1 })).is_empty())
        .expect("a parameter near the end takes 1");
    let known = json!({ last: 1 });
    eprintln!("known key: {known}");
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
        ("a known key (the last that takes 1)", &known),
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
