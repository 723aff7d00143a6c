//! The differential test: seeded option objects derived from the spec, through `validate`
//! and `prepare` (every model, with and without tools) in Rust, TypeScript and Python, and
//! every result compared (`crates/llm-params-tests/src/bin/differential.rs` says how).
//!
//! `cargo xtask test` runs it on 10,000 objects after the TypeScript and Python steps,
//! which build and install the two packages it loads; `cargo xtask differential --count N
//! --seed S` runs a longer one.

use std::path::Path;
use std::process::Command;

use llm_params_codegen::emit::{python, typescript};

use crate::cmd::run_cmd;

/// How many objects `cargo xtask test` runs.
pub const COUNT: u64 = 10_000;
/// The seed `cargo xtask test` uses, so that CI runs are repeatable.
pub const SEED: u64 = 1;

const OUT: &str = "target/differential";
/// Objects per chunk: each chunk is generated, run and compared before the next.
const CHUNK: u64 = 25_000;
const SCRIPTS: &str = "crates/llm-params-tests/differential";

/// Runs the test; `true` when the three languages agree on every object.
pub fn run(root: &Path, count: u64, seed: u64, out: Option<&Path>) -> bool {
    let Some(module) = crate::generate::load_model(root).map(|m| python::module_name(&m)) else {
        return false;
    };
    let entry = root
        .join(typescript::DIR)
        .join("dist")
        .join("src")
        .join("index.js");
    let py = root
        .join("target")
        .join("python")
        .join("venv")
        .join(if cfg!(windows) {
            "Scripts/python.exe"
        } else {
            "bin/python"
        });
    if !entry.exists() || !py.exists() {
        eprintln!(
            "differential: the TypeScript package is not built or the Python one not installed; run `cargo xtask test --only typescript` and `--only python` first"
        );
        return false;
    }
    let out = out.map_or_else(|| root.join(OUT), Path::to_path_buf);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let differential = |action: &str, extra: &[&str]| {
        let mut cmd = Command::new(&cargo);
        cmd.args([
            "run",
            "--quiet",
            "-p",
            "llm-params-tests",
            "--bin",
            "differential",
            "--",
            action,
            "--out",
        ])
        .arg(&out)
        .args(extra)
        .current_dir(root);
        cmd
    };
    // In chunks, each with a seed of its own, so that a long run needs no more disk than a
    // short one.
    let chunks = count.div_ceil(CHUNK);
    for chunk in 0..chunks {
        let n = CHUNK.min(count - chunk * CHUNK).to_string();
        let chunk_seed = seed.wrapping_mul(1_000_003).wrapping_add(chunk).to_string();
        let label = format!("differential {}/{chunks}", chunk + 1);
        let ok = run_cmd(
            &mut differential("generate", &["--count", &n, "--seed", &chunk_seed]),
            &format!("{label}: {n} objects (seed {chunk_seed}), Rust"),
        ) && run_cmd(
            Command::new("node")
                .arg(root.join(SCRIPTS).join("run.mjs"))
                .arg(&entry)
                .arg(&out),
            &format!("{label}: TypeScript"),
        ) && run_cmd(
            Command::new(&py)
                .arg(root.join(SCRIPTS).join("run.py"))
                .arg(&module)
                .arg(&out)
                .env("PYTHONDONTWRITEBYTECODE", "1"),
            &format!("{label}: Python"),
        ) && run_cmd(
            &mut differential("compare", &[]),
            &format!("{label}: compare"),
        );
        if !ok {
            eprintln!(
                "differential: the inputs of the failing chunk are in {}",
                out.display()
            );
            return false;
        }
    }
    println!("\ndifferential: {count} objects, 0 disagreements");
    true
}
