//! llm-params generator: spec (YAML) -> checked [`model::Model`] -> one emitter per target.
//!
//! Emitters are pure functions from the model to [`OutputFile`]s; only `xtask` touches the
//! file system.

pub mod check;
pub mod diff;
pub mod emit;
pub mod error;
pub mod model;
pub mod names;
pub mod plan;
pub mod render;
pub mod spec;
pub mod suggest;
pub mod yaml;

pub use check::{SpecSource, load, load_in};
pub use error::{Pos, SpecError, SpecErrors};

/// One generated file: a path relative to the repository root and its full content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// The command that regenerates every output; generated headers name it.
pub const REGENERATE: &str = "cargo xtask gen";
