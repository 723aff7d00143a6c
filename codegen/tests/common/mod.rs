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
    load_path(&fixtures().join(name))
}

/// Loads the spec folder `dir` (its `spec.yaml` and `models.yaml`, and the files it names).
pub fn load_path(dir: &Path) -> Model {
    let name = dir.display();
    let result = llm_params_codegen::load_in(
        dir,
        SpecSource {
            file: "spec.yaml",
            text: &read(&dir.join("spec.yaml")),
        },
        SpecSource {
            file: "models.yaml",
            text: &read(&dir.join("models.yaml")),
        },
    );
    match result {
        Ok(m) => m,
        Err(e) => panic!("{name} does not load:\n{e}"),
    }
}
