//! `cargo xtask test --only site`: the docs site in a real browser. For this repository's
//! spec and for the fixture specs `full` (every feature of the format) and `hostile`
//! (spec text that tries to become markup), the site is built as `cargo xtask site` builds
//! it (into `target/site-test/<spec>/`) and `xtask/site/browser-test.mjs` drives Debian's
//! Chromium (`/usr/bin/chromium`, headless) through playwright-core over it: every internal
//! link, the checker against the same TypeScript package run in node, the deep links, the
//! keyboard, 390 px and the dark scheme. Its screenshots are kept in
//! `target/site-artifacts/<spec>/`.
//!
//! Without Chromium the step installs it (`apt-get update`, `apt-get install -y chromium`) when it runs as
//! root, and otherwise fails saying how to install it: it never passes without a browser.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{banner, run_cmd};
use crate::generate;
use crate::site;

/// The browser the test drives (Debian's `chromium` package).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The fixture specs whose sites are tested besides this repository's.
pub const FIXTURES: &[&str] = &["full", "hostile"];

pub fn run(root: &Path) -> bool {
    let Some(chromium) = chromium() else {
        return false;
    };
    let Some(tools) = site::tools(root) else {
        return false;
    };
    let mut specs: Vec<(String, PathBuf)> = vec![("repo".to_owned(), root.to_path_buf())];
    for name in FIXTURES {
        banner(&format!("site: generate the fixture spec `{name}`"));
        match generate::emit_fixture(root, name) {
            Ok(dir) => specs.push(((*name).to_owned(), dir)),
            Err(e) => {
                eprintln!("site: fixture {name}: {e}");
                return false;
            }
        }
    }
    let mut ok = true;
    for (name, base) in specs {
        let out = root.join("target").join("site-test").join(&name);
        let artifacts = root.join("target").join("site-artifacts").join(&name);
        let pkg = root
            .join("target")
            .join("site-test")
            .join(format!("{name}-package.cjs"));
        let entry = base.join("generated/typescript/src/index.ts");
        let built = site::build(&tools, &base, &out)
            && site::esbuild(
                &tools,
                &[
                    &entry.to_string_lossy(),
                    "--bundle",
                    "--format=cjs",
                    "--platform=node",
                    &format!("--outfile={}", pkg.display()),
                ],
                &format!("({name}) esbuild the TypeScript package for node"),
            );
        ok &= built
            && run_cmd(
                Command::new("node")
                    .arg(tools.join("browser-test.mjs"))
                    .arg("--site")
                    .arg(&out)
                    .arg("--pkg")
                    .arg(&pkg)
                    .arg("--artifacts")
                    .arg(&artifacts)
                    .arg("--chromium")
                    .arg(&chromium),
                &format!("({name}) the site in headless Chromium"),
            );
    }
    ok
}

/// The browser: there, installed now when running as root, or a clear failure.
fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from(CHROMIUM);
    if path.is_file() {
        return Some(path);
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root
        && run_cmd(Command::new("apt-get").arg("update"), "apt-get update")
        && run_cmd(
            Command::new("apt-get")
                .args(["install", "-y", "chromium"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
            "apt-get install -y chromium",
        )
        && path.is_file()
    {
        return Some(path);
    }
    eprintln!(
        "site: the browser test needs Chromium at {CHROMIUM} and it is not there{}.\n\
         Install it (Debian/Ubuntu) with: sudo apt-get update && sudo apt-get install -y chromium\n\
         then rerun `cargo xtask test --only site`.",
        if root {
            " (apt-get install failed)"
        } else {
            ""
        }
    );
    None
}
