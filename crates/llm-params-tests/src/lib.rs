//! Tests of the generated `llm-params` crate live in `tests/`; this crate exists so they can
//! depend on it (and on its `schemars` feature) without the generated crate depending on
//! anything of ours.
