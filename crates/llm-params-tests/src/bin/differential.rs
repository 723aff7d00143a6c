//! The differential test of the three engines: `validate` and `prepare` (every model of the
//! catalog and an unknown one, with and without tools) on seeded random option objects
//! derived from the spec, in Rust here and in TypeScript and Python by the scripts beside
//! this crate (`differential/run.mjs`, `differential/run.py`); `cargo xtask differential`
//! runs all three and compares.
//!
//! ```text
//! differential generate --count N --seed S --out DIR   writes DIR/inputs.jsonl, DIR/ids.json, DIR/rust.jsonl
//! differential compare --out DIR                        compares DIR/{rust,typescript,python}.jsonl
//! ```
//!
//! Each result line is `[issues, prepared]`: the issues as `[path, code, severity, message]`,
//! and per model and tools setting `[model found, changes, replay, warnings, matched]`, the
//! changes as `[parameter, action, to, reason, message]` (and the value sent, for `set` and
//! `clamped`), `replay` whether the output is exactly the input with the changes applied,
//! the warnings as `[reason, message]` and the match as `[by, entry, pattern]`. Only strings, booleans and `null`: the numbers enter
//! through the verdicts, the messages (as each language writes them) and `replay`.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use llm_params::{Action, PrepareContext, models, prepare, validate};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value, json};

const UNKNOWN: &str = "no-such-provider/no-such-model";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let out = PathBuf::from(flag("--out").unwrap_or_else(|| "target/differential".to_owned()));
    let result = match args.first().map(String::as_str) {
        Some("generate") => {
            let count = flag("--count")
                .and_then(|c| c.parse().ok())
                .unwrap_or(10_000);
            let seed = flag("--seed").and_then(|c| c.parse().ok()).unwrap_or(1);
            generate(&out, count, seed)
        }
        Some("compare") => compare(&out),
        _ => Err(
            "usage: differential generate --count N --seed S --out DIR | compare --out DIR"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(out: &Path, count: usize, seed: u64) -> Result<(), String> {
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let model = common::SpecDir("schema").model();
    // Every catalog model, an id for every prefix of the catalog, and an unknown one.
    let prefixed: Vec<String> = model
        .catalog
        .patterns
        .iter()
        .map(|p| {
            if p.prefix.contains('/') {
                format!("{}-differential", p.prefix)
            } else {
                format!("acme/{}-differential", p.prefix)
            }
        })
        .collect();
    let mut ids: Vec<&str> = models().iter().map(|m| m.id).collect();
    ids.extend(prefixed.iter().map(String::as_str));
    ids.push(UNKNOWN);
    write(&out.join("ids.json"), &json!(ids).to_string())?;

    let started = std::time::Instant::now();
    let strategy = common::differential_input(&model);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let mut inputs = BufWriter::new(create(&out.join("inputs.jsonl"))?);
    for _ in 0..count {
        let value = strategy
            .new_tree(&mut runner)
            .map_err(|e| format!("cannot generate an input: {e}"))?
            .current();
        writeln!(inputs, "{value}").map_err(|e| e.to_string())?;
    }
    inputs.flush().map_err(|e| e.to_string())?;
    drop(inputs);

    println!("generated in {:.1?}", started.elapsed());
    // The Rust results, from the inputs as written (numbers read back from text, as the
    // other two languages read them).
    let reader = BufReader::new(File::open(out.join("inputs.jsonl")).map_err(|e| e.to_string())?);
    let mut results = BufWriter::new(create(&out.join("rust.jsonl"))?);
    for line in reader.lines() {
        let line = line.map_err(|e| e.to_string())?;
        let input: Value = serde_json::from_str(&line).map_err(|e| format!("{e}: {line}"))?;
        writeln!(results, "{}", result(&input, &ids)).map_err(|e| e.to_string())?;
    }
    results.flush().map_err(|e| e.to_string())?;
    println!("ran in {:.1?}", started.elapsed());
    println!(
        "{count} inputs (seed {seed}) and their Rust results in {}",
        out.display()
    );
    Ok(())
}

fn result(input: &Value, ids: &[&str]) -> Value {
    let issues: Vec<Value> = validate(input)
        .iter()
        .map(|i| json!([i.path, i.code.as_str(), i.severity, i.message]))
        .collect();
    let Value::Object(options) = input else {
        return json!([issues, null]);
    };
    let mut prepared = Vec::new();
    for id in ids {
        for has_tools in [false, true] {
            let out = prepare(id, options, PrepareContext { has_tools });
            let changes: Vec<Value> = out
                .changes
                .iter()
                .map(|c| {
                    let mut change = json!([c.parameter, c.action, c.to, c.reason, c.message]);
                    // A value set or clamped: the one sent.
                    if matches!(c.action, Action::Set | Action::Clamped)
                        && let (Some(v), Value::Array(items)) =
                            (out.options.get(&c.parameter), &mut change)
                    {
                        items.push(v.clone());
                    }
                    change
                })
                .collect();
            let warnings: Vec<Value> = out
                .warnings
                .iter()
                .map(|w| json!([w.reason, w.message]))
                .collect();
            let matched = out
                .matched
                .as_ref()
                .map(|m| json!([m.by, m.entry, m.pattern]));
            prepared.push(json!([
                out.model,
                changes,
                replay(options, &out),
                warnings,
                matched
            ]));
        }
    }
    json!([issues, prepared])
}

/// Whether the output is the input with the changes applied, value for value.
fn replay(input: &Map<String, Value>, out: &llm_params::Prepared) -> bool {
    let mut expected: std::collections::BTreeMap<&str, &Value> =
        input.iter().map(|(k, v)| (k.as_str(), v)).collect();
    for c in &out.changes {
        let removed = expected.remove(c.parameter.as_str());
        match c.action {
            Action::Set | Action::Clamped => {
                if c.action == Action::Clamped && removed.is_none() {
                    return false;
                }
                if let Some(v) = out.options.get(&c.parameter) {
                    expected.insert(c.parameter.as_str(), v);
                }
            }
            _ => {
                let Some(v) = removed else {
                    return false;
                };
                if let Some(to) = &c.to {
                    expected.insert(to.as_str(), v);
                }
            }
        }
    }
    expected.len() == out.options.len()
        && expected
            .iter()
            .all(|(k, v)| out.options.get(*k) == Some(*v))
}

fn compare(out: &Path) -> Result<(), String> {
    let open = |name: &str| -> Result<Vec<String>, String> {
        let path = out.join(name);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(text.lines().map(str::to_owned).collect())
    };
    let inputs = open("inputs.jsonl")?;
    let sides = [
        ("rust", open("rust.jsonl")?),
        ("typescript", open("typescript.jsonl")?),
        ("python", open("python.jsonl")?),
    ];
    for (name, lines) in &sides {
        if lines.len() != inputs.len() {
            return Err(format!(
                "{name}: {} results for {} inputs",
                lines.len(),
                inputs.len()
            ));
        }
    }
    let mut disagreements = 0;
    for (i, input) in inputs.iter().enumerate() {
        let parsed: Vec<Value> = sides
            .iter()
            .map(|(_, lines)| serde_json::from_str(&lines[i]).unwrap_or(Value::Null))
            .collect();
        if parsed[0] == parsed[1] && parsed[0] == parsed[2] {
            continue;
        }
        disagreements += 1;
        if disagreements <= 10 {
            eprintln!("input {}: {input}", i + 1);
            for ((name, _), result) in sides.iter().zip(&parsed) {
                eprintln!(
                    "  {name:<10} {}",
                    first_difference(result, &parsed[0]).unwrap_or_else(|| result.to_string())
                );
            }
        }
    }
    let replay_failures = sides
        .iter()
        .map(|(_, lines)| lines.iter().filter(|l| l.contains(",false]")).count())
        .sum::<usize>();
    println!(
        "{} inputs, {} models with and without tools: {disagreements} disagreement(s) between Rust, TypeScript and Python",
        inputs.len(),
        fs::read_to_string(out.join("ids.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
            .map_or(0, |v| v.len()),
    );
    if disagreements > 0 {
        return Err(format!("{disagreements} disagreement(s)"));
    }
    let _ = replay_failures;
    Ok(())
}

/// The validate part, or the first prepare entry that differs from `reference`.
fn first_difference(result: &Value, reference: &Value) -> Option<String> {
    if result[0] != reference[0] {
        return Some(format!("issues {}", result[0]));
    }
    let (a, b) = (result[1].as_array()?, reference[1].as_array()?);
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .map(|i| format!("prepare #{i}: {}", a[i]))
}

fn create(path: &Path) -> Result<File, String> {
    File::create(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
