//! Random specs through the whole generator: whatever the format accepts generates, and
//! whatever it refuses is refused with located errors; nothing panics, and no limit, however
//! large, makes the generator build a value of that size (issue 16).
//!
//! The specs are drawn from edge values: limits at 0, 1, the largest minimum, the largest
//! vector built, 2^53 - 1 and past it, u64::MAX, negative and fractional; names that clash,
//! keywords, unicode; defaults that do or do not fit; exclusivity, dependencies and
//! deprecations pointing anywhere; a catalog rejecting known and unknown parameters.

use std::panic::{AssertUnwindSafe, catch_unwind};

use llm_params_codegen::{SpecSource, load};
use proptest::prelude::*;

/// Maximums the format takes, small and huge.
const LIMITS: &[&str] = &[
    "0",
    "1",
    "2",
    "64",
    "4096",
    "4097",
    "100000",
    "9007199254740991",
];

/// Minimums: mostly small (a minimum above 4096 is refused).
const MINIMUMS: &[&str] = &["0", "1", "2", "64", "4096", "0", "1", "4097"];

/// Limits it refuses: past 2^53 - 1, negative, fractional.
const BAD_LIMITS: &[&str] = &["9007199254740992", "18446744073709551615", "-1", "1.5"];

/// Names other than the generated `p0`, `p1`, ...: clashes, keywords, unicode, case.
const ODD_NAMES: &[&str] = &[
    "type",
    "constructor",
    "self",
    "None",
    "émoji",
    "Temperature",
    "p0",
];

fn limit() -> impl Strategy<Value = Option<&'static str>> {
    of(LIMITS)
}

fn minimum() -> impl Strategy<Value = Option<&'static str>> {
    of(MINIMUMS)
}

/// One of `values` (or, rarely, a limit the format refuses) half of the time.
fn of(values: &'static [&'static str]) -> impl Strategy<Value = Option<&'static str>> {
    prop::option::weighted(
        0.5,
        prop_oneof![
            20 => prop::sample::select(values),
            1 => prop::sample::select(BAD_LIMITS),
        ],
    )
}

/// `, key: { min: .., max: .. }` or nothing.
fn bounds(key: &'static str) -> impl Strategy<Value = String> {
    (minimum(), limit()).prop_map(move |(lo, hi)| match (lo, hi) {
        (None, None) => String::new(),
        (lo, hi) => {
            let mut parts = Vec::new();
            if let Some(lo) = lo {
                parts.push(format!("min: {lo}"));
            }
            if let Some(hi) = hi {
                parts.push(format!("max: {hi}"));
            }
            format!(", {key}: {{ {} }}", parts.join(", "))
        }
    })
}

/// One parameter's type and limits, as keys of a YAML flow mapping.
fn param_body() -> impl Strategy<Value = String> {
    prop_oneof![
        bounds("range").prop_map(|b| format!("type: float{b}")),
        bounds("range").prop_map(|b| format!("type: integer{b}")),
        bounds("length").prop_map(|b| format!("type: string{b}")),
        Just("type: boolean".to_owned()),
        Just("type: Mode".to_owned()),
        (bounds("items"), bounds("length"))
            .prop_map(|(i, l)| format!("type: {{ list: {{ type: string{l} }} }}{i}")),
        (bounds("entries"), limit(), any::<bool>()).prop_map(|(e, key_max, token)| {
            let keys = match (token, key_max) {
                (true, _) => ", keys: { format: token_id }".to_owned(),
                (false, Some(hi)) => format!(", keys: {{ length: {{ max: {hi} }} }}"),
                (false, None) => String::new(),
            };
            format!(
                "type: {{ map: {{ type: integer, range: {{ min: -100, max: 100 }} }} }}{e}{keys}"
            )
        }),
    ]
}

/// A spec and its catalog: parameters `p0`, `p1`, ... (now and then another name), pairs
/// of them exclusive, deprecations moving one to another, defaults, and a family that
/// rejects some.
fn spec_text() -> impl Strategy<Value = (String, String)> {
    let param = (
        prop::option::weighted(0.05, prop::sample::select(ODD_NAMES)),
        param_body(),
        prop::option::weighted(0.08, 0usize..6),
        prop::option::weighted(
            0.15,
            prop::sample::select(&["1", "0.5", "\"x\"", "true", "[]", "alpha", "4097"][..]),
        ),
        any::<bool>(),
    );
    (
        prop::collection::vec(param, 1..7),
        prop::collection::vec(0usize..8, 0..4),
        any::<bool>(),
        0usize..4,
    )
        .prop_map(|(params, rejects, pair, models)| {
            let n = params.len();
            let names: Vec<String> = params
                .iter()
                .enumerate()
                .map(|(i, (odd, ..))| odd.map_or_else(|| format!("p{i}"), str::to_owned))
                .collect();
            let mut spec = String::from("version: 0.0.1\nparameters:\n");
            for (i, (_, body, moves, default, reasoning)) in params.into_iter().enumerate() {
                spec.push_str(&format!("  - {{ name: {:?}, {body}, summary: S.", names[i]));
                // The first two exclusive with each other (both ways), when asked.
                if pair && n >= 2 && i < 2 {
                    spec.push_str(&format!(", exclusive_with: [{:?}]", names[1 - i]));
                }
                if let Some(j) = moves {
                    // Now and then a parameter the spec does not have.
                    let other = format!("p{}", j % (n + 1));
                    spec.push_str(&format!(
                        ", deprecated: {{ replaced_by: [{other:?}], moves_to: {other:?} }}"
                    ));
                }
                if let Some(d) = default {
                    spec.push_str(&format!(", default: {d}"));
                }
                if reasoning {
                    spec.push_str(", reasoning: unsupported");
                }
                spec.push_str(" }\n");
            }
            spec.push_str("types:\n  Mode:\n    enum: [alpha, beta]\n");
            let rejects: Vec<String> = rejects
                .iter()
                .map(|j| format!("p{}", j % (n + 1)))
                .collect();
            let mut catalog = format!(
                "families:\n  - {{ name: fam, reasoning: false, rejects: [{}] }}\nmodels:",
                rejects.join(", ")
            );
            if models == 0 {
                catalog.push_str(" []\n");
            } else {
                catalog.push('\n');
                for m in 0..models {
                    catalog.push_str(&format!("  - {{ id: acme/m-{m}, family: fam }}\n"));
                }
            }
            (spec, catalog)
        })
}

/// Runs one spec through the generator: `Ok(true)` when it generated, `Ok(false)` when it
/// was refused with located errors, `Err` for anything else.
fn through_the_generator(spec: &str, catalog: &str) -> Result<bool, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let loaded = load(
            SpecSource {
                file: "spec.yaml",
                text: spec,
            },
            SpecSource {
                file: "models.yaml",
                text: catalog,
            },
        );
        loaded.map(|model| llm_params_codegen::emit::all(&model))
    }))
    .map_err(|_| format!("the generator panicked on\n{spec}\n{catalog}"))?;
    match outcome {
        Ok(files) => {
            let size: usize = files.iter().map(|f| f.contents.len()).sum();
            if size >= 20_000_000 {
                return Err(format!("{size} bytes generated for\n{spec}\n{catalog}"));
            }
            Ok(true)
        }
        Err(errors) => {
            if errors.0.is_empty() {
                return Err(format!("refused without an error:\n{spec}\n{catalog}"));
            }
            for e in &errors.0 {
                if e.pos.line == 0 || e.pos.column == 0 {
                    return Err(format!("unlocated: {e}\n{spec}\n{catalog}"));
                }
            }
            Ok(false)
        }
    }
}

/// 400 specs from a fixed seed (the same ones on every run): each generates or is refused
/// with located errors, and enough of them generate for the test to mean something.
#[test]
fn any_spec_generates_or_is_refused_with_located_errors() {
    let config = ProptestConfig {
        cases: 400,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new_with_rng(
        config,
        proptest::test_runner::TestRng::from_seed(
            proptest::test_runner::RngAlgorithm::ChaCha,
            &[7; 32],
        ),
    );
    let generated = std::cell::Cell::new(0usize);
    let result = runner.run(&spec_text(), |(spec, catalog)| {
        let ok = through_the_generator(&spec, &catalog).map_err(TestCaseError::fail)?;
        generated.set(generated.get() + usize::from(ok));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(
        generated.get() >= 40,
        "only {} of 400 random specs generated: the strategy makes too few valid specs",
        generated.get()
    );
}
