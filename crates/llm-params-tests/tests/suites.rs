//! The checks that hold for any spec (`tests/suite/body.rs`), run on the crate generated
//! from this repository's spec and on the crate of every fixture spec of the generator
//! (`codegen/tests/fixtures/`, compiled from `codegen/tests/snapshots/`): conformance
//! vectors, typed against raw validation, the JSON Schemas against `validate`, the parameter
//! and model lists against the spec, the example, `update_options`, "did you mean",
//! deprecation warnings, and property tests whose inputs are derived from the spec.

mod common;

macro_rules! suite {
    ($name:ident, $krate:ident :: $options:ident, $dir:literal) => {
        mod $name {
            use $krate as engine;
            type Options = engine::$options;
            const SPEC: crate::common::SpecDir = crate::common::SpecDir($dir);
            include!("suite/body.rs");
        }
    };
}

suite!(repository, llm_params::__Options, "schema");
suite!(
    small,
    fixture_small::ModelOptions,
    "codegen/tests/fixtures/small"
);
suite!(
    minimal,
    fixture_minimal::ModelOptions,
    "codegen/tests/fixtures/minimal"
);
suite!(
    full,
    fixture_full::ChatOptions,
    "codegen/tests/fixtures/full"
);
suite!(
    keywords,
    keyword_fixture::ModelOptions,
    "codegen/tests/fixtures/keywords"
);
suite!(
    hostile,
    hostile_fixture::Options,
    "codegen/tests/fixtures/hostile"
);
suite!(
    large,
    fixture_large::ModelOptions,
    "codegen/tests/fixtures/large"
);
