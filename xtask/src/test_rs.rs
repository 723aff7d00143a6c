//! The generated crate as a user gets it: packaged by `cargo publish --dry-run` (which
//! builds the package it would upload, and must have nothing to warn about), then that
//! package built in a project of its own, outside this workspace, so that no feature
//! another workspace member turns on (serde_json's `float_roundtrip`, `preserve_order`)
//! hides what the crate's own manifest asks for.

use std::fs;
use std::path::Path;
use std::process::Command;

use llm_params_codegen::emit::rust;

use crate::cmd::run_cmd;

const PROJECT: &str = "target/standalone-rust";

/// Packages the crate, writes the project (a binary depending on the package by path) and
/// runs it; `true` when both pass.
pub fn run(root: &Path) -> bool {
    let Some(crate_name) = crate_name(root) else {
        return false;
    };
    let Some(version) = crate_version(root) else {
        return false;
    };
    if !publish_dry_run(root, &crate_name) {
        return false;
    }
    let packaged = root
        .join("target")
        .join("package")
        .join(format!("{crate_name}-{version}"));
    let dir = root.join(PROJECT);
    let krate = crate_name.replace('-', "_");
    let manifest = format!(
        "[package]\nname = \"standalone-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         # Not a member of the repository's workspace.\n[workspace]\n\n\
         [dependencies]\n{crate_name:?} = {{ path = {:?} }}\nserde_json = \"1\"\n",
        packaged.to_string_lossy()
    );
    let main = format!(
        r##"//! Numbers are read exactly, as JavaScript and Python read them.
fn main() {{
    let text = r#"{{"x": 1.9999999999999998, "y": 0.9999999999999999}}"#;
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).expect("an object");
    assert_ne!(map["y"].as_f64(), Some(1.0), "0.9999999999999999 was read as 1");
    let out = {krate}::prepare("no-such-provider/no-such-model", &map, Default::default());
    let sent = serde_json::to_string(&out.options).expect("serializes");
    assert_eq!(sent, r#"{{"x":1.9999999999999998,"y":0.9999999999999999}}"#);
    println!("numbers are read and sent exactly: {{sent}}");
    let empty = serde_json::Value::Object(Default::default());
    assert!({krate}::validate(&empty).is_empty(), "{{{{}}}} has issues");
    println!("{krate}, as packaged, validates and prepares");
}}
"##
    );
    let written = (|| -> std::io::Result<()> {
        fs::create_dir_all(dir.join("src"))?;
        fs::write(dir.join("Cargo.toml"), manifest)?;
        fs::write(dir.join("src").join("main.rs"), main)?;
        // The workspace's lock file, so the same versions are used (cargo drops the rest).
        fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map(|_| ())
    })();
    if let Err(e) = written {
        eprintln!("rust: cannot write {PROJECT}: {e}");
        return false;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run_cmd(
        Command::new(cargo)
            .args(["run", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", dir.join("target")),
        &format!("({PROJECT}) cargo run: {crate_name} outside the workspace"),
    )
}

/// `cargo publish --dry-run` of the crate: it packages the crate and builds the package;
/// a warning (metadata it lacks, a file it would leave out) fails the step too.
fn publish_dry_run(root: &Path, crate_name: &str) -> bool {
    let title = format!("cargo publish --dry-run -p {crate_name}");
    println!("\n==> {title}");
    let start = std::time::Instant::now();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["publish", "--dry-run", "--allow-dirty", "-p", crate_name])
        .current_dir(root)
        .output();
    let verdict = match output {
        Err(e) => Err(format!("cannot run cargo: {e}")),
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            eprint!("{err}");
            let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
            let aborted = |l: &&str| l.contains("aborting upload due to dry run");
            let warnings: Vec<&str> = warnings.into_iter().filter(|l| !aborted(l)).collect();
            if !o.status.success() {
                Err("cargo publish --dry-run failed".to_owned())
            } else if !warnings.is_empty() {
                Err(format!(
                    "cargo publish --dry-run warns (set what it asks for under `packages:` in the spec):\n{}",
                    warnings.join("\n")
                ))
            } else {
                Ok(())
            }
        }
    };
    if let Err(e) = &verdict {
        eprintln!("rust: {e}");
    }
    println!(
        "<== {title}: {} in {:.1?}",
        if verdict.is_ok() { "ok" } else { "FAILED" },
        start.elapsed()
    );
    verdict.is_ok()
}

fn crate_version(root: &Path) -> Option<String> {
    let text = fs::read_to_string(root.join(rust::DIR).join("Cargo.toml")).ok()?;
    let version = text.lines().find_map(|l| {
        let v = l.strip_prefix("version = \"")?.strip_suffix('"')?;
        Some(v.to_owned())
    });
    if version.is_none() {
        eprintln!("rust: no package version in {}/Cargo.toml", rust::DIR);
    }
    version
}

fn crate_name(root: &Path) -> Option<String> {
    let text = fs::read_to_string(root.join(rust::DIR).join("Cargo.toml")).ok()?;
    let name = crate::generate::package_name(&text);
    if name.is_none() {
        eprintln!("rust: no package name in {}/Cargo.toml", rust::DIR);
    }
    name
}
