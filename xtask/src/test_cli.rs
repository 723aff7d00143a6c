//! The three command lines (`docs/cli.md`) on the same files, compared: the Rust crate's
//! binary, the npm package's `bin` and the PyPI package's `python -m`.
//!
//! The files come from the spec: every `validate` vector's input, every `prepare` vector's
//! input (checked against each model of the catalog and an unknown one, with and without
//! tools, and prepared for a sample of the vectors' models), and files no parser may take
//! (broken JSON, bad UTF-8, `NaN`, numbers past a double, lone surrogates, nesting past 127
//! levels, roots that are not objects). Text output must be the same bytes on standard
//! output and standard error, with the exit status; JSON output the same value. Where the
//! wording is the parser's or the operating system's (a file that cannot be used), only
//! the exit status, standard output and which files failed are compared.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use llm_params_codegen::emit::{python, typescript};
use serde_json::Value;

use crate::cmd::banner;
use crate::generate;

const OUT: &str = "target/cli-compare";

/// Every `prepare` vector whose index is a multiple of this is also prepared by each
/// command line (one process per file), besides the first vector of each model.
const PREPARE_EVERY: usize = 25;

/// What one command line printed.
#[derive(Debug, PartialEq, Eq)]
struct Output {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// How two outputs must agree.
#[derive(Clone, Copy)]
enum Compare {
    /// Byte for byte, with the status.
    Exact,
    /// Status and standard error exact; standard output the same JSON value, with the
    /// wording and position of file errors left out.
    Json,
    /// Status and standard output exact; standard error the same files in error, in order.
    Unusable,
}

pub fn run(root: &Path) -> bool {
    banner("command lines: Rust, TypeScript and Python on the same files");
    let start = Instant::now();
    let verdict = compare_all(root);
    match &verdict {
        Ok(summary) => println!("{summary}"),
        Err(e) => eprintln!("cli: {e}"),
    }
    println!(
        "<== command lines: {} in {:.1?}",
        if verdict.is_ok() { "ok" } else { "FAILED" },
        start.elapsed()
    );
    verdict.is_ok()
}

fn compare_all(root: &Path) -> Result<String, String> {
    let model = generate::load_model(root).ok_or("the spec does not load")?;
    let clis = commands(root, &model)?;
    let dir = root.join(OUT);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;

    let vectors = |name: &str| -> Result<Value, String> {
        let path = root.join("generated/conformance").join(name);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut validate_inputs = Vec::new();
    for file in ["validate.json", "edge_cases.json"] {
        if !root.join("generated/conformance").join(file).exists() {
            continue;
        }
        let doc = vectors(file)?;
        for case in doc["validate"].as_array().into_iter().flatten() {
            validate_inputs.push(case["input"].clone());
        }
    }
    let prepare_doc = vectors("prepare.json")?;
    let prepare_cases: Vec<&Value> = prepare_doc["prepare"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();

    let write = |name: String, bytes: &[u8]| -> Result<String, String> {
        fs::write(dir.join(&name), bytes).map_err(|e| format!("cannot write {name}: {e}"))?;
        Ok(name)
    };
    let mut checked = Vec::new();
    for (i, input) in validate_inputs.iter().enumerate() {
        checked.push(write(
            format!("v{i:04}.json"),
            input.to_string().as_bytes(),
        )?);
    }
    let mut seen = BTreeSet::new();
    let mut prepared_files = Vec::new();
    let mut sample = Vec::new();
    let mut models_seen = BTreeSet::new();
    for (i, case) in prepare_cases.iter().enumerate() {
        let text = case["input"].to_string();
        let file = format!("p{i:04}.json");
        if seen.insert(text.clone()) {
            prepared_files.push(write(file.clone(), text.as_bytes())?);
        } else {
            write(file.clone(), text.as_bytes())?;
        }
        let model_id = case["model"].as_str().unwrap_or_default().to_owned();
        if models_seen.insert(model_id.clone()) || i % PREPARE_EVERY == 0 {
            sample.push((file, model_id, case["has_tools"].as_bool().unwrap_or(false)));
        }
    }
    let mut unusable = Vec::new();
    for (i, bytes) in unusable_files().iter().enumerate() {
        unusable.push(write(format!("bad{i:02}.json"), bytes)?);
    }

    let mut runs: Vec<(Vec<String>, Compare)> = Vec::new();
    let strs = |xs: &[&str]| xs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    runs.push(([strs(&["check"]), checked.clone()].concat(), Compare::Exact));
    runs.push((
        [strs(&["check", "--format", "json"]), checked.clone()].concat(),
        Compare::Json,
    ));
    let mut ids: Vec<String> = model.catalog.models.iter().map(|m| m.id.clone()).collect();
    ids.push("nobody/unknown-model".to_owned());
    // With and without tools in turn, and both for the unknown id: the `prepare` vectors
    // already cover each model both ways.
    for (i, id) in ids.iter().enumerate() {
        let last = i + 1 == ids.len();
        for tools in [false, true] {
            if !last && tools != (i % 2 == 1) {
                continue;
            }
            let mut args = strs(&["check", "--model", id]);
            if tools {
                args.push("--tools".to_owned());
            }
            runs.push(([args, prepared_files.clone()].concat(), Compare::Exact));
        }
    }
    for (i, (file, id, tools)) in sample.iter().enumerate() {
        for json in [false, true] {
            if json && i % 2 == 1 {
                continue;
            }
            let mut args = strs(&["prepare", "--model", id, file]);
            if *tools {
                args.push("--tools".to_owned());
            }
            if json {
                args.push("--format=json".to_owned());
            }
            runs.push((args, if json { Compare::Json } else { Compare::Exact }));
        }
    }
    let first = checked.first().cloned().unwrap_or_default();
    runs.push((
        [strs(&["check"]), unusable.clone(), vec![first.clone()]].concat(),
        Compare::Unusable,
    ));
    runs.push((
        [strs(&["check", "--format", "json"]), unusable.clone()].concat(),
        Compare::Json,
    ));
    for args in [
        &["--version"][..],
        &["--help"],
        &[],
        &["lint", "x.json"],
        &["--model", "m", "check", "x.json"],
        &["check"],
        &["check", "--tools", "x.json"],
        &["check", "--tools=yes", "--model", "m", "x.json"],
        &["check", "--model"],
        &["check", "--format", "yaml", "x.json"],
        &["check", "--frobnicate", "x.json"],
        &["check", "-", "-"],
        &["prepare", "x.json"],
        &["prepare", "--model", "m", "a.json", "b.json"],
    ] {
        runs.push((strs(args), Compare::Exact));
    }
    let mut disagreements = Vec::new();
    for (args, how) in &runs {
        // The three at once: most of the time is their start-up.
        let outputs: Vec<(&str, Output)> = std::thread::scope(|scope| {
            let handles: Vec<_> = clis
                .iter()
                .map(|(lang, cmd)| {
                    let dir = &dir;
                    scope.spawn(move || run_one(cmd, &args[..], dir).map(|o| (*lang, o)))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err("a runner thread panicked".into()))
                })
                .collect::<Result<_, _>>()
        })?;
        let (base_lang, base) = &outputs[0];
        for (lang, other) in &outputs[1..] {
            if let Some(why) = differ(base, other, *how) {
                disagreements.push(format!(
                    "`{} {}`: {base_lang} and {lang} differ: {why}",
                    model.packages.rust,
                    args.join(" ")
                ));
            }
        }
        if disagreements.len() >= 10 {
            break;
        }
    }
    if disagreements.is_empty() {
        Ok(format!(
            "{} runs of each command line ({} files checked, {} prepared, {} unusable), in {}: 0 disagreements",
            runs.len(),
            checked.len() + prepared_files.len(),
            sample.len(),
            unusable.len(),
            dir.display()
        ))
    } else {
        Err(format!(
            "the command lines disagree (files in {}):\n{}",
            dir.display(),
            disagreements.join("\n")
        ))
    }
}

/// The three command lines: (language, program and its first arguments).
fn commands(
    root: &Path,
    model: &llm_params_codegen::model::Model,
) -> Result<Vec<(&'static str, Vec<PathBuf>)>, String> {
    let krate = &model.packages.rust;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let built = Command::new(&cargo)
        .args(["build", "--quiet", "-p", krate, "--bin", krate])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !built.success() {
        return Err(format!("cargo build -p {krate} --bin {krate} failed"));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(|| root.join("target"), |t| root.join(t));
    let rust = target
        .join("debug")
        .join(format!("{krate}{}", std::env::consts::EXE_SUFFIX));
    let ts = root.join(typescript::DIR).join("dist/src/cli.js");
    let py = root.join("target/python/venv").join(if cfg!(windows) {
        "Scripts/python.exe"
    } else {
        "bin/python"
    });
    for (what, path) in [
        ("the Rust binary", &rust),
        ("the TypeScript build", &ts),
        ("the Python venv", &py),
    ] {
        if !path.exists() {
            return Err(format!(
                "{what} is missing ({}); run `cargo xtask test --only typescript` and `--only python` first",
                path.display()
            ));
        }
    }
    Ok(vec![
        ("Rust", vec![rust]),
        ("TypeScript", vec![PathBuf::from("node"), ts]),
        (
            "Python",
            vec![
                py,
                PathBuf::from("-m"),
                PathBuf::from(python::module_name(model)),
            ],
        ),
    ])
}

fn run_one(cmd: &[PathBuf], args: &[String], dir: &Path) -> Result<Output, String> {
    let out = Command::new(&cmd[0])
        .args(&cmd[1..])
        .args(args)
        .current_dir(dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", cmd[0].display()))?;
    Ok(Output {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// Why two outputs disagree, or `None`.
fn differ(a: &Output, b: &Output, how: Compare) -> Option<String> {
    if a.status != b.status {
        return Some(format!(
            "exit status {:?} and {:?}\n{}\n---\n{}",
            a.status, b.status, a.stderr, b.stderr
        ));
    }
    match how {
        Compare::Exact => first_difference("standard output", &a.stdout, &b.stdout)
            .or_else(|| first_difference("standard error", &a.stderr, &b.stderr)),
        Compare::Json => {
            let parse = |s: &str| serde_json::from_str::<Value>(s).map(without_wording);
            match (parse(&a.stdout), parse(&b.stdout)) {
                (Ok(x), Ok(y)) if x == y => {
                    first_difference("standard error", &a.stderr, &b.stderr)
                }
                (Ok(x), Ok(y)) => Some(format!("JSON output\n{x}\n---\n{y}")),
                _ => Some(format!(
                    "standard output is not JSON\n{}\n---\n{}",
                    a.stdout, b.stdout
                )),
            }
        }
        Compare::Unusable => {
            first_difference("standard output", &a.stdout, &b.stdout).or_else(|| {
                let files = |s: &str| -> Vec<String> {
                    s.lines()
                        .map(|l| l.split(':').next().unwrap_or_default().to_owned())
                        .collect()
                };
                (files(&a.stderr) != files(&b.stderr))
                    .then(|| format!("the files in error\n{}\n---\n{}", a.stderr, b.stderr))
            })
        }
    }
}

/// A JSON output with the parser's and the system's words left out: each file error keeps
/// only its first words (`invalid JSON`, `cannot read`, `not UTF-8`, `expected`).
fn without_wording(mut v: Value) -> Value {
    if let Some(files) = v.get_mut("files").and_then(Value::as_array_mut) {
        for f in files {
            if let Some(error) = f.get_mut("error").and_then(Value::as_object_mut) {
                let message = error["message"].as_str().unwrap_or_default();
                let kind = message.split(':').next().unwrap_or_default().to_owned();
                error.clear();
                error.insert("kind".to_owned(), Value::from(kind));
            }
        }
    }
    v
}

fn first_difference(what: &str, a: &str, b: &str) -> Option<String> {
    if a == b {
        return None;
    }
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = la
        .iter()
        .zip(&lb)
        .position(|(x, y)| x != y)
        .unwrap_or(la.len().min(lb.len()));
    Some(format!(
        "{what}, line {}:\n  {:?}\n  {:?}",
        at + 1,
        la.get(at).copied().unwrap_or("(end)"),
        lb.get(at).copied().unwrap_or("(end)")
    ))
}

/// Files no command line may take, each refused the same way in every language.
fn unusable_files() -> Vec<Vec<u8>> {
    let nested = |levels: usize| {
        let inner = levels - 1;
        format!("{{\"x\": {}{}}}", "[".repeat(inner), "]".repeat(inner)).into_bytes()
    };
    vec![
        b"".to_vec(),
        b"{\"a\": 1,\n  }".to_vec(),
        b"{\"a\": \xff}".to_vec(),
        b"\xef\xbb\xbf[]".to_vec(),
        b"{\"a\": NaN}".to_vec(),
        b"{\"a\": Infinity}".to_vec(),
        b"{\"a\": 1e400}".to_vec(),
        b"{\"a\": -1e400}".to_vec(),
        b"{\"a\": \"\\ud800\"}".to_vec(),
        b"{\"\\udc00\": 1}".to_vec(),
        nested(128),
        b"[]".to_vec(),
        b"\"options\"".to_vec(),
        b"1".to_vec(),
        b"true".to_vec(),
        b"null".to_vec(),
        b"{} {}".to_vec(),
        b"{\"a\": 01}".to_vec(),
        b"{'a': 1}".to_vec(),
    ]
}
