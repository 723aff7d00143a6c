//! Checks of the generated Python distribution (`generated/python/`) with the machine's
//! `python3` (`LLM_PARAMS_PYTHON` overrides it):
//!
//! 1. a virtual environment in `target/python/venv`, with the pinned, hashed test tools of
//!    `requirements-dev.txt` (pytest, mypy, livekit-agents, openai, ...); it is reused
//!    while that file and the interpreter stay the same;
//! 2. the package built and installed from `generated/python` (flit_core, no network);
//! 3. `mypy --strict` over the installed package (so its `py.typed` is proven), its tests
//!    (the ecosystem type test among them) and its benchmark;
//! 4. the packages of two fixture specs, emitted into `target/python/fixtures/`
//!    (`codegen/tests/fixtures/small`, every construct of the format, and
//!    `codegen/runtime/python/fixtures/keywords`, Python keywords as wire names), under
//!    `mypy --strict`, so the emitter is known to print valid typed Python for other specs;
//! 5. the Python examples of the reference docs (`generated/docs/examples/*.py`), under
//!    `mypy --strict`, then run;
//! 6. pytest: conformance vectors, runtime, LiveKit parity, ecosystem, example.
//!
//! The benchmark (`python benchmarks/bench_validate.py`) is not part of it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use llm_params_codegen::SpecSource;
use llm_params_codegen::emit::python;
use llm_params_codegen::model::Model;

use crate::generate;
use crate::test::run_cmd;

const REQUIREMENTS: &str = "requirements-dev.txt";
/// Written into the venv after a successful install: the interpreter and the requirements
/// it installed. While they match, the install is skipped.
const STAMP: &str = ".llm-params-installed";

/// The fixture specs whose packages are type-checked: (name, spec, models).
const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "small",
        "codegen/tests/fixtures/small/spec.yaml",
        "codegen/tests/fixtures/small/models.yaml",
    ),
    (
        "keywords",
        "codegen/runtime/python/fixtures/keywords/spec.yaml",
        "codegen/runtime/python/fixtures/keywords/models.yaml",
    ),
];

/// Installs what the checks need and runs them; `true` when all pass.
pub fn run(root: &Path) -> bool {
    let dist = root.join(python::DIR);
    let work = root.join("target").join("python");
    let interpreter = std::env::var("LLM_PARAMS_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let Some(version) = python_version(&interpreter) else {
        eprintln!("python: `{interpreter}` does not run (set LLM_PARAMS_PYTHON)");
        return false;
    };
    println!("\n==> {interpreter}: Python {version}");
    let venv = work.join("venv");
    let Some(py) = environment(&interpreter, &version, &venv, &dist) else {
        return false;
    };
    let py = py.to_string_lossy().into_owned();
    let installed = run_cmd(
        Command::new(&py)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--no-index",
                "--force-reinstall",
                ".",
            ])
            .current_dir(&dist)
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1"),
        &format!(
            "({}) {py} -m pip install --no-deps --no-build-isolation --no-index --force-reinstall .",
            python::DIR
        ),
    );
    if !installed {
        return false;
    }
    let cache = work.join("mypy_cache");
    let cache = cache.to_string_lossy().into_owned();
    let Some(module) =
        load(root, generate::SPEC, generate::CATALOG).map(|m| python::module_name(&m))
    else {
        return false;
    };
    // mypy takes a package or files, not both: the installed package first (through its
    // py.typed, as users get it), then the tests and the benchmark that import it.
    let mypy = |targets: &[&str]| {
        run_cmd(
            Command::new(&py)
                .args(["-m", "mypy", "--strict", "--cache-dir", &cache])
                .args(targets)
                .current_dir(&dist)
                .env("PYTHONDONTWRITEBYTECODE", "1"),
            &format!(
                "({}) {py} -m mypy --strict {}",
                python::DIR,
                targets.join(" ")
            ),
        )
    };
    let typed = mypy(&["-p", &module]) & mypy(&["tests", "benchmarks"]);
    let fixtures = fixtures(root, &work, &py, &cache);
    let examples = doc_examples(root, &py, &cache);
    let conformance = root.join("generated").join("conformance");
    let tested = run_cmd(
        Command::new(&py)
            .args(["-m", "pytest", "-q", "tests"])
            .current_dir(&dist)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("LLM_PARAMS_CONFORMANCE", &conformance),
        &format!("({}) {py} -m pytest -q tests", python::DIR),
    );
    typed && fixtures && examples && tested
}

const DOC_EXAMPLES: &str = "generated/docs/examples";

/// The Python examples of the reference docs, type-checked and run against the installed
/// package.
fn doc_examples(root: &Path, py: &str, cache: &str) -> bool {
    let dir = root.join(DOC_EXAMPLES);
    let mut examples: Vec<String> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".py"))
        .collect();
    if examples.is_empty() {
        println!("\n==> {DOC_EXAMPLES}/*.py: none");
        return true;
    }
    examples.sort();
    let mut ok = run_cmd(
        Command::new(py)
            .args(["-m", "mypy", "--strict", "--cache-dir", cache])
            .args(&examples)
            .current_dir(&dir)
            .env("PYTHONDONTWRITEBYTECODE", "1"),
        &format!(
            "({DOC_EXAMPLES}) {py} -m mypy --strict {}",
            examples.join(" ")
        ),
    );
    for example in &examples {
        ok &= run_cmd(
            Command::new(py)
                .arg(example)
                .current_dir(&dir)
                .env("PYTHONDONTWRITEBYTECODE", "1"),
            &format!("({DOC_EXAMPLES}) {py} {example}"),
        );
    }
    ok
}

fn python_version(interpreter: &str) -> Option<String> {
    let out = Command::new(interpreter)
        .args([
            "-c",
            "import sys; print(sys.version.split()[0], sys.executable)",
        ])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The venv's interpreter, after creating the venv and installing the requirements unless
/// the stamp says they are already there.
fn environment(interpreter: &str, version: &str, venv: &Path, dist: &Path) -> Option<PathBuf> {
    let requirements = match fs::read_to_string(dist.join(REQUIREMENTS)) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("python: cannot read {}/{REQUIREMENTS}: {e}", python::DIR);
            return None;
        }
    };
    let py = if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    };
    let stamp = format!("{version}\n{requirements}");
    let stamp_path = venv.join(STAMP);
    if py.exists() && fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        println!(
            "\n==> {}: up to date with {}/{REQUIREMENTS}",
            venv.display(),
            python::DIR
        );
        return Some(py);
    }
    let venv_text = venv.to_string_lossy().into_owned();
    let created = run_cmd(
        Command::new(interpreter).args(["-m", "venv", "--clear", &venv_text]),
        &format!("{interpreter} -m venv --clear {venv_text}"),
    );
    let py_text = py.to_string_lossy().into_owned();
    let installed = created
        && run_cmd(
            Command::new(&py)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--require-hashes",
                    "--requirement",
                    REQUIREMENTS,
                ])
                .current_dir(dist)
                .env("PIP_DISABLE_PIP_VERSION_CHECK", "1"),
            &format!(
                "({}) {py_text} -m pip install --require-hashes --requirement {REQUIREMENTS}",
                python::DIR
            ),
        );
    if !installed {
        return None;
    }
    if let Err(e) = fs::write(&stamp_path, stamp) {
        eprintln!("python: cannot write {}: {e}", stamp_path.display());
    }
    Some(py)
}

/// Loads a spec and its catalog, or says why not.
fn load(root: &Path, spec: &str, models: &str) -> Option<Model> {
    let read = |p: &str| fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let model = match (read(spec), read(models)) {
        (Ok(s), Ok(m)) => llm_params_codegen::load(
            SpecSource {
                file: spec,
                text: &s,
            },
            SpecSource {
                file: models,
                text: &m,
            },
        )
        .map_err(|e| e.to_string()),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    model.map_err(|e| eprintln!("python: {e}")).ok()
}

/// The fixture specs' packages, emitted into `target/python/fixtures/<name>/` and checked
/// with `mypy --strict`.
fn fixtures(root: &Path, work: &Path, py: &str, cache: &str) -> bool {
    let mut packages = Vec::new();
    for (name, spec, models) in FIXTURES {
        let Some(model) = load(root, spec, models) else {
            return false;
        };
        let dir = work.join("fixtures").join(name);
        let _ = fs::remove_dir_all(&dir);
        for f in python::emit(&model) {
            let path = dir.join(&f.path);
            let written = path
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::write(&path, &f.contents));
            if let Err(e) = written {
                eprintln!("python: cannot write {}: {e}", path.display());
                return false;
            }
        }
        let package = dir
            .join(python::DIR)
            .join("src")
            .join(python::module_name(&model));
        packages.push(package.to_string_lossy().into_owned());
    }
    run_cmd(
        Command::new(py)
            .args(["-m", "mypy", "--strict", "--cache-dir", cache])
            .args(&packages)
            .env("PYTHONDONTWRITEBYTECODE", "1"),
        &format!("{py} -m mypy --strict {}", packages.join(" ")),
    )
}
