//! Checks of the Python side with the machine's `python3` (`LLM_PARAMS_PYTHON` overrides
//! it), in one virtual environment, `target/python/venv`, holding the pinned, hashed
//! requirements of the generated package (`generated/python/requirements-dev.txt`:
//! flit_core, pytest, mypy) and of the upstream checks (`upstream/python/requirements.txt`:
//! livekit-agents, openai, ...); it is reused while those files and the interpreter stay
//! the same.
//!
//! (a) The repository's package, `generated/python`: installed (flit_core, no network),
//!     `mypy --strict` over the installed package (so its `py.typed` is proven) and over
//!     its tests, the Python examples of the reference docs type-checked and run, its own
//!     tests (conformance vectors, package metadata, the spec's example), then its sdist
//!     built, unpacked in a temporary directory outside the repository and its tests run
//!     there, as someone who downloads it would.
//! (b) Every fixture spec of [`generate::FIXTURES`], generated end to end into
//!     `target/fixtures/<name>/` and its package checked the same way (installed,
//!     `mypy --strict`, its own tests); the `full` fixture's package also runs the
//!     engine's hand-written tests (`codegen/runtime/python/engine_tests/`).
//! (c) The upstream checks of this repository's spec (`upstream/python/`) against
//!     `generated/python`: the types against openai's and livekit-agents' under mypy, one
//!     line per disagreement; `prepare` against LiveKit's own code; the options through
//!     both packages at run time. The benchmark there (`bench_validate.py`) is
//!     type-checked, not run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use llm_params_codegen::emit::python;

use crate::cmd::run_cmd;
use crate::generate;

/// The generated package's dev requirements, in its directory.
const REQUIREMENTS: &str = "requirements-dev.txt";
/// The upstream checks, and what they install on top.
const UPSTREAM: &str = "upstream/python";
/// The module the upstream checks import.
const UPSTREAM_MODULE: &str = "llm_params";
const UPSTREAM_REQUIREMENTS: &str = "upstream/python/requirements.txt";
/// The engine's hand-written tests, and the fixture whose package they run on.
const ENGINE_TESTS: &str = "codegen/runtime/python/engine_tests";
const ENGINE_FIXTURE: &str = "full";
const DOC_EXAMPLES: &str = "generated/docs/examples";
/// Written into the venv after a successful install: the interpreter and the requirements
/// it installed. While they match, the install is skipped.
const STAMP: &str = ".llm-params-installed";

/// Installs what the checks need and runs them; `true` when all pass.
pub fn run(root: &Path) -> bool {
    let work = root.join("target").join("python");
    let interpreter = std::env::var("LLM_PARAMS_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let Some(version) = python_version(&interpreter) else {
        eprintln!("python: `{interpreter}` does not run (set LLM_PARAMS_PYTHON)");
        return false;
    };
    println!("\n==> {interpreter}: Python {version}");
    let Some(py) = environment(root, &interpreter, &version, &work.join("venv")) else {
        return false;
    };
    let py = Python {
        exe: py.to_string_lossy().into_owned(),
        cache: work.join("mypy_cache").to_string_lossy().into_owned(),
    };
    let repo = repo_package(root, &py);
    let fixtures = fixtures(root, &py);
    let upstream = upstream(root, &py);
    repo && fixtures && upstream
}

/// The venv's interpreter and the mypy cache.
struct Python {
    exe: String,
    cache: String,
}

impl Python {
    /// `python <args>` in `dir`, titled with `label` (the directory as the reader knows
    /// it), bytecode unwritten and the conformance directory unset unless `env` sets it.
    fn run(&self, dir: &Path, label: &str, args: &[&str], env: &[(&str, &Path)]) -> bool {
        let title = format!("({label}) python {}", args.join(" "));
        self.run_titled(dir, &title, args, env)
    }

    fn run_titled(&self, dir: &Path, title: &str, args: &[&str], env: &[(&str, &Path)]) -> bool {
        let mut cmd = Command::new(&self.exe);
        cmd.args(args)
            .current_dir(dir)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env_remove("LLM_PARAMS_CONFORMANCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        run_cmd(&mut cmd, title)
    }

    fn mypy(&self, dir: &Path, label: &str, targets: &[&str]) -> bool {
        let mut args = vec!["-m", "mypy", "--strict", "--cache-dir", &self.cache];
        args.extend_from_slice(targets);
        self.run(dir, label, &args, &[])
    }

    fn pytest(&self, dir: &Path, label: &str, target: &str, env: &[(&str, &Path)]) -> bool {
        self.run(
            dir,
            label,
            &["-m", "pytest", "-q", "-p", "no:cacheprovider", target],
            env,
        )
    }

    /// Installs the package in `dir` (built by flit_core, no network, no dependencies:
    /// the package has none on 3.11).
    fn install(&self, dir: &Path, label: &str) -> bool {
        self.run(
            dir,
            label,
            &[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--no-index",
                "--force-reinstall",
                ".",
            ],
            &[],
        )
    }

    /// A generated package end to end: installed, `mypy --strict` over the installed
    /// package and over its tests, then its tests (with the vectors it carries).
    fn package(&self, dir: &Path, label: &str, module: &str) -> bool {
        if !self.install(dir, label) {
            return false;
        }
        // mypy takes a package or files, not both: the installed package first (through
        // its py.typed, as users get it), then the tests that import it.
        let typed = self.mypy(dir, label, &["-p", module]) & self.mypy(dir, label, &["tests"]);
        let tested = self.pytest(dir, label, "tests", &[]);
        typed && tested
    }
}

/// (a) `generated/python`: the package, the docs' examples, and the release artifacts as
/// a user gets them.
fn repo_package(root: &Path, py: &Python) -> bool {
    let Some(model) = generate::load_model(root) else {
        return false;
    };
    let dist = root.join(python::DIR);
    let module = python::module_name(&model);
    let package = py.package(&dist, python::DIR, &module);
    let licenses: Vec<&str> = model
        .shipped
        .iter()
        .filter(|f| f.name != "CHANGELOG.md")
        .map(|f| f.name.as_str())
        .collect();
    package
        & doc_examples(root, py)
        & release(&dist, py, &licenses, &module, &model.packages.python)
}

/// The release artifacts, outside the repository: `python -m build` (sdist and wheel) and
/// `twine check --strict`; the sdist unpacked, with each of `licenses` in it and named in
/// its metadata, and its tests run there against the installed package; the wheel
/// installed into a fresh virtual environment, imported, one call made, and its console
/// script (`command`) run.
fn release(dist: &Path, py: &Python, licenses: &[&str], module: &str, command: &str) -> bool {
    let tmp = std::env::temp_dir().join(format!("llm-params-release-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    if let Err(e) = fs::create_dir_all(&tmp) {
        eprintln!("python: cannot create {}: {e}", tmp.display());
        return false;
    }
    let tmp_text = tmp.to_string_lossy().into_owned();
    let out = tmp.join("dist");
    let out_text = out.to_string_lossy().into_owned();
    let built = py.run(
        dist,
        python::DIR,
        &[
            "-m",
            "build",
            "--no-isolation",
            "--sdist",
            "--wheel",
            "--outdir",
            &out_text,
        ],
        &[],
    );
    let artifacts = |ext: &str| -> Vec<String> {
        fs::read_dir(&out)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path().to_string_lossy().into_owned())
            .filter(|p| p.ends_with(ext))
            .collect()
    };
    let (sdists, wheels) = (artifacts(".tar.gz"), artifacts(".whl"));
    if !built || sdists.len() != 1 || wheels.len() != 1 {
        eprintln!("python: `python -m build` did not write one sdist and one wheel in {out_text}");
        let _ = fs::remove_dir_all(&tmp);
        return false;
    }
    let twine = [
        &["-m", "twine", "check", "--strict"][..],
        &[&sdists[0], &wheels[0]],
    ]
    .concat();
    let checked = py.run(dist, python::DIR, &twine, &[]);
    // The sdist unpacks into `<tmp>/package`, whatever its name and version.
    let unpack = "import os, sys, tarfile\n\
                  sdist, out = sys.argv[1], sys.argv[2]\n\
                  with tarfile.open(sdist) as t:\n    \
                  t.extractall(out, filter='data')\n\
                  name = os.path.basename(sdist)[: -len('.tar.gz')]\n\
                  os.rename(os.path.join(out, name), os.path.join(out, 'package'))\n\
                  info = open(os.path.join(out, 'package', 'PKG-INFO'), encoding='utf-8').read()\n\
                  for lic in sys.argv[3:]:\n    \
                  assert os.path.exists(os.path.join(out, 'package', lic)), lic + ' is not in the sdist'\n    \
                  assert 'License-File: ' + lic in info, lic + ' is not in PKG-INFO'\n\
                  print('sdist:', name, 'with', ', '.join(sys.argv[3:]))\n";
    let unpacked = py.run_titled(
        dist,
        &format!("python: the sdist unpacked into {tmp_text}/package, its license files"),
        &[&["-c", unpack, &sdists[0], &tmp_text][..], licenses].concat(),
        &[],
    );
    let tested = unpacked
        && py.pytest(
            &tmp.join("package"),
            &format!("{tmp_text}/package"),
            "tests",
            &[],
        );
    let fresh = fresh_install(py, &tmp, &wheels[0], module, command);
    let _ = fs::remove_dir_all(&tmp);
    built && checked && tested && fresh
}

/// The wheel in a new virtual environment (nothing else installed: the package needs
/// nothing on this Python), imported, `validate` and `prepare` called, and the console
/// script run.
fn fresh_install(py: &Python, tmp: &Path, wheel: &str, module: &str, command: &str) -> bool {
    let venv = tmp.join("venv");
    let venv_text = venv.to_string_lossy().into_owned();
    if !py.run(tmp, "fresh venv", &["-m", "venv", &venv_text], &[]) {
        return false;
    }
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    let fresh = Python {
        exe: bin.join("python").to_string_lossy().into_owned(),
        cache: py.cache.clone(),
    };
    let installed = fresh.run(
        tmp,
        "fresh venv",
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--no-deps",
            wheel,
        ],
        &[],
    );
    let call = format!(
        "import {module} as p\n\
         assert p.validate({{}}) == [], 'validate({{}})'\n\
         out = p.prepare('no-such-provider/no-such-model', {{'not_a_parameter': 1}})\n\
         assert out.model is None and out.options == {{'not_a_parameter': 1}}, out\n\
         issues = p.validate({{'not_a_parameter': 1}})\n\
         assert [i.code for i in issues] == ['unknown_parameter'], issues\n\
         print('{module}', p.__version__, 'imported from', p.__file__)\n"
    );
    let used = installed && fresh.run(tmp, "fresh venv", &["-c", &call], &[]);
    let script = bin.join(command);
    let ran = used
        && run_cmd(
            Command::new(&script).arg("--version").current_dir(tmp),
            &format!("(fresh venv) {command} --version"),
        );
    installed && used && ran
}

/// (b) Every fixture spec, generated into `target/fixtures/<name>/`, its package checked
/// end to end; the engine's tests on the `full` one.
fn fixtures(root: &Path, py: &Python) -> bool {
    let mut ok = true;
    for name in generate::FIXTURES {
        let dir = format!("codegen/tests/fixtures/{name}");
        let Some(model) = generate::load(
            root,
            &format!("{dir}/spec.yaml"),
            &format!("{dir}/models.yaml"),
        ) else {
            ok = false;
            continue;
        };
        let out = match generate::emit_fixture(root, name) {
            Ok(out) => out,
            Err(e) => {
                eprintln!("python: fixture {name}: {e}");
                ok = false;
                continue;
            }
        };
        let label = format!("target/fixtures/{name}/{}", python::DIR);
        let package = out.join(python::DIR);
        ok &= py.package(&package, &label, &python::module_name(&model));
        if *name == ENGINE_FIXTURE {
            let tests = root.join(ENGINE_TESTS);
            let vectors = out.join(generate::GENERATED).join("conformance");
            ok &= py.mypy(&tests, ENGINE_TESTS, &["."]);
            ok &= py.pytest(
                &tests,
                ENGINE_TESTS,
                ".",
                &[("LLM_PARAMS_CONFORMANCE", &vectors)],
            );
        }
    }
    ok
}

/// (c) The upstream checks of this repository's spec against `generated/python` (already
/// installed), the benchmark among them type-checked.
fn upstream(root: &Path, py: &Python) -> bool {
    let dir = root.join(UPSTREAM);
    if !dir.exists() {
        println!("\n==> {UPSTREAM}: not there, nothing compared with upstream packages");
        return true;
    }
    // The checks import the package by the name this repository's spec gives it.
    let module = generate::load_model(root).map(|m| python::module_name(&m));
    if let Some(module) = module.filter(|m| m != UPSTREAM_MODULE) {
        println!(
            "\n==> {UPSTREAM}: skipped: it checks the package `{UPSTREAM_MODULE}`, and the spec now names its package `{module}`; change the imports of {UPSTREAM} to `{module}`, or delete {UPSTREAM} if the spec no longer mirrors openai and LiveKit"
        );
        return true;
    }
    let typed = py.mypy(root, ".", &[UPSTREAM]);
    let out = root.join("target").join("python").join("upstream");
    let out_text = out.to_string_lossy().into_owned();
    let types = py.run(
        &dir,
        UPSTREAM,
        &[
            "check_types.py",
            "--out",
            &out_text,
            "--cache-dir",
            &py.cache,
        ],
        &[],
    );
    let tested = py.pytest(&dir, UPSTREAM, ".", &[]);
    typed && types && tested
}

/// The Python examples of the reference docs, type-checked and run against the installed
/// package.
fn doc_examples(root: &Path, py: &Python) -> bool {
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
    let targets: Vec<&str> = examples.iter().map(String::as_str).collect();
    let mut ok = py.mypy(&dir, DOC_EXAMPLES, &targets);
    for example in &targets {
        ok &= py.run(&dir, DOC_EXAMPLES, &[example], &[]);
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

/// The venv's interpreter, after creating the venv and installing both requirement files
/// unless the stamp says they are already there.
fn environment(root: &Path, interpreter: &str, version: &str, venv: &Path) -> Option<PathBuf> {
    let dev = format!("{}/{REQUIREMENTS}", python::DIR);
    // A team that does not compare its spec with openai and LiveKit deletes `upstream/`.
    let files: Vec<&str> = std::iter::once(dev.as_str())
        .chain(
            root.join(UPSTREAM_REQUIREMENTS)
                .exists()
                .then_some(UPSTREAM_REQUIREMENTS),
        )
        .collect();
    let mut stamp = format!("{version}\n");
    for file in &files {
        match fs::read_to_string(root.join(file)) {
            Ok(text) => stamp.push_str(&text),
            Err(e) => {
                eprintln!("python: cannot read {file}: {e}");
                return None;
            }
        }
    }
    let py = if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    };
    let stamp_path = venv.join(STAMP);
    if py.exists() && fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        println!(
            "\n==> {}: up to date with {}",
            venv.display(),
            files.join(" and ")
        );
        return Some(py);
    }
    let venv_text = venv.to_string_lossy().into_owned();
    let created = run_cmd(
        Command::new(interpreter).args(["-m", "venv", "--clear", &venv_text]),
        &format!("{interpreter} -m venv --clear {venv_text}"),
    );
    let py_text = py.to_string_lossy().into_owned();
    // One resolution over both files: the versions they share are the same (the upstream
    // file is compiled with the dev file as constraints).
    let requirement_args: Vec<&str> = files.iter().flat_map(|f| ["--requirement", f]).collect();
    let installed = created
        && run_cmd(
            Command::new(&py)
                .args(["-m", "pip", "install", "--quiet", "--require-hashes"])
                .args(&requirement_args)
                .current_dir(root)
                .env("PIP_DISABLE_PIP_VERSION_CHECK", "1"),
            &format!(
                "{py_text} -m pip install --require-hashes {}",
                requirement_args.join(" ")
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
