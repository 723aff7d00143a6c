//! `cargo xtask test`: every check in every language, in the order a failure is cheapest
//! to read. Every step runs; the summary lists the ones that failed.

use std::path::Path;
use std::process::{Command, ExitCode};

use crate::cmd::{banner, run_cmd};
use crate::generate;

/// The steps `--only` can pick.
pub const STEPS: &[&str] = &[
    "rust",
    "typescript",
    "python",
    "differential",
    "cli",
    "site",
];

/// Runs every step, or only the one named by `only` (one of [`STEPS`]): the drift check
/// always runs first.
pub fn run(root: &Path, only: Option<&str>) -> ExitCode {
    let wanted = |step: &str| only.is_none_or(|o| o == step);
    let mut failed = Vec::new();
    let mut step = |name: &str, ok: bool| {
        if !ok {
            failed.push(name.to_owned());
        }
    };

    banner("drift: cargo xtask gen --check");
    let drift_ok = match generate::generate(root) {
        Ok(outputs) => {
            let stale = generate::check(root, &outputs);
            stale.iter().for_each(|s| println!("{s}"));
            stale.is_empty()
        }
        Err(e) => {
            eprintln!("{e}");
            false
        }
    };
    step("gen --check", drift_ok);

    if wanted("rust") {
        step("cargo fmt", cargo(root, &["fmt", "--all", "--check"]));
        // The engine and command line every generated crate copies are no module of this
        // workspace, so `cargo fmt` does not see them; the generated crates are edition 2021.
        step(
            "rustfmt (the Rust engine and command line)",
            run_cmd(
                Command::new("rustfmt")
                    .args([
                        "--edition",
                        "2021",
                        "--check",
                        "codegen/runtime/rust_engine.rs",
                        "codegen/runtime/rust_cli.rs",
                    ])
                    .current_dir(root),
                "rustfmt --edition 2021 --check codegen/runtime/rust_engine.rs codegen/runtime/rust_cli.rs",
            ),
        );
        step(
            "cargo clippy",
            cargo(
                root,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--quiet",
                    "--",
                    "-D",
                    "warnings",
                ],
            ),
        );
        step(
            "cargo test",
            cargo(root, &["test", "--workspace", "--quiet"]),
        );
        step("rust outside the workspace", crate::test_rs::run(root));
    }
    if wanted("typescript") {
        step("typescript", crate::test_ts::run(root));
    }
    if wanted("python") {
        step("python", crate::test_py::run(root));
    }
    if wanted("differential") {
        step(
            "differential",
            crate::test_diff::run(root, crate::test_diff::COUNT, crate::test_diff::SEED, None),
        );
    }

    if wanted("cli") {
        step("command lines", crate::test_cli::run(root));
    }

    if wanted("site") {
        step("site", crate::test_site::run(root));
    }

    if failed.is_empty() {
        println!("\nall checks passed");
        ExitCode::SUCCESS
    } else {
        eprintln!("\nFAILED: {}", failed.join(", "));
        ExitCode::FAILURE
    }
}

fn cargo(root: &Path, args: &[&str]) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run_cmd(
        Command::new(cargo).args(args).current_dir(root),
        &format!("cargo {}", args.join(" ")),
    )
}
