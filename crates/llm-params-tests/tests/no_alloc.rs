//! `validate` allocates nothing for valid options: the path of a value is kept on the stack
//! and rendered only when an issue is reported, and the empty result `Vec` does not allocate.
//!
//! The workspace forbids `unsafe_code`, and implementing `GlobalAlloc` takes `unsafe`, so the
//! counting allocator is `stats_alloc`'s `StatsAlloc<System>` (atomic counters around the
//! system allocator). Counters are process-wide, so every check runs in the ONE test below and
//! only counts inside an armed window around the call; while this binary's single test runs,
//! the harness's main thread only waits for it.

use std::alloc::System;
use std::hint::black_box;

use serde_json::{Value, json};
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

fn validate_allocations(options: &Value) -> (Vec<llm_params::Issue>, usize) {
    allocations_during(|| llm_params::validate(black_box(options)))
}

/// Valid options, none of them deprecated (a deprecation warning is an issue, and allocates).
fn valid_examples() -> Vec<(&'static str, Value)> {
    vec![
        ("empty", json!({})),
        (
            "reference example",
            json!({"temperature": 0.7, "max_completion_tokens": 1000}),
        ),
        (
            "rich",
            json!({
                "top_p": 0.9,
                "max_completion_tokens": 4096,
                "reasoning_effort": "low",
                "frequency_penalty": -0.5,
                "presence_penalty": 1.5,
                "seed": -42,
                "stop": ["\n", "END", "stop/~here", "ß"],
                "n": 128,
                "logprobs": true,
                "top_logprobs": 20,
                "logit_bias": {"50256": -100, "0": 100, "007": 0},
                "parallel_tool_calls": false,
                "tool_choice": {"type": "function", "function": {"name": "lookup_weather"}},
                "service_tier": "flex",
                "metadata": {"team": "voice", "k/~": "v", "unicode-é": "✓"},
                "store": true,
                "prediction": {
                    "type": "content",
                    "content": [{"type": "text", "text": "a"}, {"type": "text", "text": ""}]
                },
                "modalities": ["text", "audio"],
                "web_search_options": {
                    "search_context_size": "high",
                    "user_location": {
                        "type": "approximate",
                        "approximate": {
                            "city": "San Francisco",
                            "country": "US",
                            "region": "California",
                            "timezone": "America/Los_Angeles"
                        }
                    }
                },
                "verbosity": "low",
                "prompt_cache_key": "session-1",
                "safety_identifier": "a".repeat(128),
                "prompt_cache_options": {"mode": "explicit", "ttl": "30m"}
            }),
        ),
        (
            "other union members and nulls",
            json!({
                "temperature": 2,
                "stop": "\n",
                "tool_choice": "required",
                "prediction": {"type": "content", "content": "fn main() {}"},
                "web_search_options": {"user_location": null},
                "prompt_cache_options": {},
                "metadata": {},
                "logit_bias": {},
                "modalities": [],
                "top_p": null,
                "max_tokens": null,
                "user": null
            }),
        ),
    ]
}

#[test]
fn validate_allocates_nothing_for_valid_options() {
    // Live counter: a plain allocation inside the window is seen.
    let (boxed, n) = allocations_during(|| Box::new(7u64));
    assert!(n >= 1, "the counting allocator saw no allocation for a Box");
    drop(boxed);

    // Warm up once outside any window (lazy statics, thread-locals).
    for (_, options) in valid_examples() {
        black_box(llm_params::validate(&options));
    }

    for (name, options) in valid_examples() {
        let (issues, n) = validate_allocations(&options);
        assert!(issues.is_empty(), "{name}: not valid: {issues:?}");
        assert_eq!(
            n, 0,
            "{name}: validate allocated {n} times for valid options {options}"
        );
    }

    // Typed options validate without allocating too.
    for (name, options) in valid_examples() {
        let typed: llm_params::ModelOptions =
            serde_json::from_value(options.clone()).expect("valid options fit the struct");
        let (issues, n) = allocations_during(|| typed.validate());
        assert!(issues.is_empty(), "{name}: typed not valid: {issues:?}");
        assert_eq!(n, 0, "{name}: ModelOptions::validate allocated {n} times");
    }

    // Invalid (and deprecated) options do allocate: the issues and their paths are rendered.
    let invalid = [
        json!({"temperature": 3}),
        json!({"temprature": 0.5}),
        json!({"stop": ["a", "b", "c", "d", "e"]}),
        json!({"metadata": {"k": 1}}),
        json!({"max_tokens": 5}),
        json!(null),
    ];
    for options in invalid {
        let (issues, n) = validate_allocations(&options);
        assert!(!issues.is_empty(), "{options} should have issues");
        assert!(
            n > 0,
            "validate reported {issues:?} for {options} without allocating: the counter is dead"
        );
    }
}
