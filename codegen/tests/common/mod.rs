//! Shared by the integration tests: load a fixture spec from `tests/fixtures/`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use llm_params_codegen::model::Model;
use llm_params_codegen::{SpecErrors, SpecSource};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Loads `spec` and `models` texts, labelled `spec.yaml` and `models.yaml`.
pub fn load_texts(spec: &str, models: &str) -> Result<Model, SpecErrors> {
    llm_params_codegen::load(
        SpecSource {
            file: "spec.yaml",
            text: spec,
        },
        SpecSource {
            file: "models.yaml",
            text: models,
        },
    )
}

/// Loads the fixture directory `name` (its `spec.yaml` and `models.yaml`).
pub fn load_dir(name: &str) -> Model {
    let dir = fixtures().join(name);
    match load_texts(
        &read(&dir.join("spec.yaml")),
        &read(&dir.join("models.yaml")),
    ) {
        Ok(m) => m,
        Err(e) => panic!("fixture {name} does not load:\n{e}"),
    }
}
