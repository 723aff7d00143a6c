//! `cargo xtask site [--out DIR]`: the docs site `gen` wrote under `generated/site/`, with
//! its checker bundled. The pages are copied as they are; `src/checker.ts` (which imports
//! the generated TypeScript package from `generated/typescript/src/`) is bundled by esbuild
//! into one classic script, `checker.js` (`--format=iife`: no ES module, so the site works
//! from `file://`). esbuild is pinned in `xtask/site/package-lock.json` and installed with
//! `npm ci` into `target/site-tools/`, with the TypeScript compiler that type-checks the
//! checker first.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::cmd::run_cmd;

/// The tools' manifest, lock file and browser test, in the repository.
pub const TOOLS_SRC: &str = "xtask/site";
/// Where they are installed.
pub const TOOLS_DIR: &str = "target/site-tools";
/// The site as `gen` writes it, under a checkout (or a fixture's output directory).
pub const SITE: &str = "generated/site";
/// Where `cargo xtask site` writes the built site by default.
pub const DEFAULT_OUT: &str = "target/site";

/// Written into `node_modules/` after a successful `npm ci`: the lock file it installed.
const STAMP: &str = "node_modules/.llm-params-installed-lock.json";

pub fn run(root: &Path, out: Option<PathBuf>) -> ExitCode {
    let out = out.unwrap_or_else(|| root.join(DEFAULT_OUT));
    let Some(tools) = tools(root) else {
        return ExitCode::FAILURE;
    };
    if build(&tools, root, &out) {
        println!("site: {}", out.join("index.html").display());
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Installs the tools (`npm ci` from `xtask/site/package-lock.json` into
/// `target/site-tools/`, skipped while it holds exactly that lock file); their directory.
pub fn tools(root: &Path) -> Option<PathBuf> {
    let src = root.join(TOOLS_SRC);
    let dir = root.join(TOOLS_DIR);
    let copy = || -> std::io::Result<Vec<u8>> {
        fs::create_dir_all(&dir)?;
        for f in ["package.json", "package-lock.json", "browser-test.mjs"] {
            fs::copy(src.join(f), dir.join(f))?;
        }
        fs::read(dir.join("package-lock.json"))
    };
    let lock = match copy() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("site: cannot copy {TOOLS_SRC} into {TOOLS_DIR}: {e}");
            return None;
        }
    };
    if fs::read(dir.join(STAMP)).is_ok_and(|s| s == lock) {
        println!("\n==> ({TOOLS_DIR}) npm ci: skipped, node_modules/ matches package-lock.json");
        return Some(dir);
    }
    let ok = run_cmd(
        Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&dir),
        &format!("({TOOLS_DIR}) npm ci --ignore-scripts --no-audit --no-fund"),
    );
    if !ok {
        eprintln!("site: npm ci failed in {TOOLS_DIR} (node and npm must be on PATH)");
        return None;
    }
    if let Err(e) = fs::write(dir.join(STAMP), &lock) {
        eprintln!("site: cannot write {TOOLS_DIR}/{STAMP}: {e}");
    }
    Some(dir)
}

/// `node <tools>/node_modules/esbuild/bin/esbuild <args>`.
pub fn esbuild(tools: &Path, args: &[&str], title: &str) -> bool {
    run_cmd(
        Command::new("node")
            .arg(tools.join("node_modules/esbuild/bin/esbuild"))
            .args(args)
            .arg("--log-level=warning"),
        title,
    )
}

/// The site of the checkout (or fixture output) `base` (its `generated/site/`, with the
/// checker bundled from its `generated/typescript/src/`), written into `out` (replaced).
pub fn build(tools: &Path, base: &Path, out: &Path) -> bool {
    let site = base.join(SITE);
    if !site.join("index.html").is_file() {
        eprintln!(
            "site: {} has no index.html: run `cargo xtask gen` first",
            site.display()
        );
        return false;
    }
    if out.exists()
        && let Err(e) = fs::remove_dir_all(out)
    {
        eprintln!("site: cannot remove {}: {e}", out.display());
        return false;
    }
    if let Err(e) = copy_dir(&site, out) {
        eprintln!(
            "site: cannot copy {} to {}: {e}",
            site.display(),
            out.display()
        );
        return false;
    }
    let entry = site.join("src").join("checker.ts");
    // esbuild strips types without checking them: tsc (the generated package's version)
    // checks the checker against the package first, strict, with the DOM's types.
    let typed = run_cmd(
        Command::new("node")
            .arg(tools.join("node_modules/typescript/bin/tsc"))
            .args([
                "--noEmit",
                "--strict",
                "--noUncheckedIndexedAccess",
                "--target",
                "es2022",
                "--lib",
                "es2022,dom,dom.iterable",
                "--module",
                "esnext",
                "--moduleResolution",
                "bundler",
                "--types",
                "",
            ])
            .arg(&entry),
        &format!("tsc --strict {}", entry.display()),
    );
    if !typed {
        return false;
    }
    let outfile = out.join(llm_params_codegen::emit::site::CHECKER_BUNDLE);
    let banner = format!(
        "--banner:js=// Built by `cargo xtask site` from {SITE}/src/checker.ts and the generated TypeScript package. Do not edit."
    );
    esbuild(
        tools,
        &[
            &entry.to_string_lossy(),
            "--bundle",
            "--format=iife",
            "--target=es2020",
            "--charset=utf8",
            &banner,
            &format!("--outfile={}", outfile.display()),
        ],
        &format!("esbuild {SITE}/src/checker.ts -> {}", outfile.display()),
    )
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            fs::copy(&path, &dest)?;
        }
    }
    Ok(())
}
