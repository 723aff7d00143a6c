//! `validate` allocates nothing for valid options: the path of a value is kept on the stack
//! and rendered only when an issue is reported, and the empty result `Vec` does not allocate.
//!
//! The workspace forbids `unsafe_code`, and implementing `GlobalAlloc` takes `unsafe`, so the
//! counting allocator is `stats_alloc`'s `StatsAlloc<System>` (atomic counters around the
//! system allocator). Counters are process-wide, so every check runs in the ONE test below and
//! only counts inside an armed window around the call; while this binary's single test runs,
//! the harness's main thread only waits for it.

mod common;

use std::alloc::System;
use std::hint::black_box;

use serde_json::Value;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocation requests (fresh allocations and reallocations) made while `f` runs.
fn allocations_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let armed = Region::new(GLOBAL);
    let out = black_box(f());
    let change = armed.change();
    (out, change.allocations + change.reallocations)
}

/// Inputs, each with a name that says where it comes from.
type Named = Vec<(String, Value)>;

/// Valid options without a warning (a deprecation warning is an issue, and allocates): the
/// spec's vectors that expect no issue. Invalid ones: the vectors that expect some.
fn vectors(spec: common::SpecDir) -> (Named, Named) {
    let model = spec.model();
    let files = spec.vectors(&model);
    let (mut valid, mut invalid) = (Vec::new(), Vec::new());
    for (file, case) in common::validate_cases(&files) {
        let named = (format!("{file}: {}", case["name"]), case["input"].clone());
        if case["issues"].as_array().is_some_and(Vec::is_empty) {
            valid.push(named);
        } else {
            invalid.push(named);
        }
    }
    assert!(!valid.is_empty(), "{}: no valid vector", spec.0);
    assert!(!invalid.is_empty(), "{}: no invalid vector", spec.0);
    (valid, invalid)
}

/// Every check for one generated crate: `$krate` with options type `$options`, spec `$dir`.
macro_rules! check_crate {
    ($krate:ident :: $options:ident, $dir:literal) => {{
        let (valid, invalid) = vectors(common::SpecDir($dir));
        // Warm up once outside any window (lazy statics, thread-locals).
        for (_, options) in &valid {
            black_box($krate::validate(options));
        }
        let mut typed_checked = 0;
        for (name, options) in &valid {
            let (issues, n) = allocations_during(|| $krate::validate(black_box(options)));
            assert!(issues.is_empty(), "{name}: not valid: {issues:?}");
            assert_eq!(
                n, 0,
                "{name}: validate allocated {n} times for valid options {options}"
            );
            // Typed options validate without allocating too, where the struct holds them.
            if let Ok(typed) = serde_json::from_value::<$krate::$options>(options.clone()) {
                let (issues, n) = allocations_during(|| typed.validate());
                assert!(issues.is_empty(), "{name}: typed not valid: {issues:?}");
                assert_eq!(n, 0, "{name}: typed validate allocated {n} times");
                typed_checked += 1;
            }
        }
        assert!(
            typed_checked > 0,
            "{}: no valid vector fits the struct",
            $dir
        );
        // Invalid (and deprecated) options do allocate: the issues and their paths are
        // rendered.
        for (name, options) in &invalid {
            let (issues, n) = allocations_during(|| $krate::validate(black_box(options)));
            assert!(!issues.is_empty(), "{name}: {options} should have issues");
            assert!(
                n > 0,
                "{name}: issues {issues:?} without allocating: the counter is dead"
            );
        }
    }};
}

#[test]
fn validate_allocates_nothing_for_valid_options() {
    // Live counter: a plain allocation inside the window is seen.
    let (boxed, n) = allocations_during(|| Box::new(7u64));
    assert!(n >= 1, "the counting allocator saw no allocation for a Box");
    drop(boxed);
    check_crate!(llm_params::__Options, "schema");
    check_crate!(fixture_full::ChatOptions, "codegen/tests/fixtures/full");
    check_crate!(fixture_small::ModelOptions, "codegen/tests/fixtures/small");
}
