//! `cargo xtask gen [--check]` and `cargo xtask test`: the only code that touches the file
//! system. It knows nothing of any target's syntax.

mod cmd;
mod evolve;
mod generate;
mod site;
mod synth;
mod test;
mod test_cli;
mod test_diff;
mod test_py;
mod test_rs;
mod test_site;
mod test_ts;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask gen            regenerate generated/ and the spec's JSON Schemas
  cargo xtask gen --check    write nothing; fail with a diff when anything is stale, or
                             when the version lacks the bump the spec's changes need
  cargo xtask diff [REV | OLD_DIR [NEW_DIR]] [--format json] [--changelog]
                             every change of the spec since REV (a git revision; by
                             default the commit before the last version change) or
                             between two spec folders, each breaking, additive or docs,
                             and the bump it needs; exit 0 no change, 1 changes, 2 error
  cargo xtask test           every check in every language (what CI runs)
  cargo xtask test --only rust|typescript|python|differential|cli|site
                             the drift check, then one step
  cargo xtask site [--out DIR]
                             the docs site (generated/site with its checker bundled)
                             into DIR (default target/site/)
  cargo xtask differential [--count N] [--seed S] [--out DIR]
                             the differential test of the three languages on N objects
                             (after `cargo xtask test`, which builds the packages)
  cargo xtask synth --params N --models M DIR
                             write a synthetic spec of that size into DIR/schema, for
                             measuring the generator (`cargo xtask --root DIR gen`)";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--root DIR` runs on another checkout (the tests use it on a scratch copy).
    let root = match args.iter().position(|a| a == "--root") {
        Some(i) if i + 1 < args.len() => {
            let dir = PathBuf::from(args.remove(i + 1));
            args.remove(i);
            dir
        }
        _ => repo_root(),
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["gen"] => generate::run(&root, generate::Mode::Write),
        ["gen", "--check"] => generate::run(&root, generate::Mode::Check),
        ["diff", rest @ ..] => evolve::run(&root, rest),
        ["test"] => test::run(&root, None),
        ["test", "--only", step] if test::STEPS.contains(step) => test::run(&root, Some(step)),
        ["site"] => site::run(&root, None),
        ["site", "--out", dir] => site::run(&root, Some(PathBuf::from(dir))),
        ["differential", rest @ ..] => {
            let flag = |name: &str, default: u64| {
                rest.iter()
                    .position(|a| *a == name)
                    .and_then(|i| rest.get(i + 1))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(default)
            };
            let count = flag("--count", test_diff::COUNT);
            let seed = flag("--seed", test_diff::SEED);
            let out = rest
                .iter()
                .position(|a| *a == "--out")
                .and_then(|i| rest.get(i + 1))
                .map(PathBuf::from);
            if test_diff::run(&root, count, seed, out.as_deref()) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        ["synth", rest @ ..] => {
            let flag = |name: &str| {
                rest.iter()
                    .position(|a| *a == name)
                    .and_then(|i| rest.get(i + 1))
                    .and_then(|v| v.parse::<usize>().ok())
            };
            let dir = rest.last().filter(|d| !d.starts_with("--"));
            match (flag("--params"), flag("--models"), dir) {
                (Some(params), Some(models), Some(dir)) => {
                    let dir = PathBuf::from(dir).join("schema");
                    match synth::write(&dir, params, models) {
                        Ok(()) => {
                            println!("wrote {}", dir.display());
                            ExitCode::SUCCESS
                        }
                        Err(e) => {
                            eprintln!("synth: cannot write {}: {e}", dir.display());
                            ExitCode::FAILURE
                        }
                    }
                }
                _ => {
                    eprintln!("{USAGE}");
                    ExitCode::from(2)
                }
            }
        }
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
