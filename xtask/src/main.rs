//! `cargo xtask gen [--check]` and `cargo xtask test`: the only code that touches the file
//! system. It knows nothing of any target's syntax.

mod generate;
mod test;
mod test_py;
mod test_ts;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask gen            regenerate generated/ and the spec's JSON Schemas
  cargo xtask gen --check    write nothing; fail with a diff when anything is stale
  cargo xtask test           every check in every language (what CI runs)
  cargo xtask test --only rust|typescript|python
                             the drift check, then one language's checks";

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
        ["test"] => test::run(&root, None),
        ["test", "--only", step] if test::STEPS.contains(step) => test::run(&root, Some(step)),
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
