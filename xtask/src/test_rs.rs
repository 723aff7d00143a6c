//! The generated crate as a user gets it: built in a project of its own, outside this
//! workspace, so that no feature another workspace member turns on (serde_json's
//! `float_roundtrip`, `preserve_order`) hides what the crate's own manifest asks for.

use std::fs;
use std::path::Path;
use std::process::Command;

use llm_params_codegen::emit::rust;

use crate::cmd::run_cmd;

const PROJECT: &str = "target/standalone-rust";

/// Writes the project (a binary depending on `generated/rust` by path) and runs it; `true`
/// when it passes.
pub fn run(root: &Path) -> bool {
    let Some(crate_name) = crate_name(root) else {
        return false;
    };
    let dir = root.join(PROJECT);
    let krate = crate_name.replace('-', "_");
    let manifest = format!(
        "[package]\nname = \"standalone-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         # Not a member of the repository's workspace.\n[workspace]\n\n\
         [dependencies]\n{crate_name:?} = {{ path = {:?} }}\nserde_json = \"1\"\n",
        root.join(rust::DIR).to_string_lossy()
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

fn crate_name(root: &Path) -> Option<String> {
    let text = fs::read_to_string(root.join(rust::DIR).join("Cargo.toml")).ok()?;
    let name = crate::generate::package_name(&text);
    if name.is_none() {
        eprintln!("rust: no package name in {}/Cargo.toml", rust::DIR);
    }
    name
}
