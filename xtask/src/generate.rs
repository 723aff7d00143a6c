//! Spec files in, generated files out: only files whose content changed are written, each
//! atomically; files under `generated/` that the generator no longer produces are removed.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use llm_params_codegen::emit::{conformance, python, rust};
use llm_params_codegen::{OutputFile, SpecSource};

pub const SPEC: &str = "schema/spec.yaml";
pub const CATALOG: &str = "schema/models.yaml";
pub const GENERATED: &str = "generated";
/// Hand-written conformance cases the generator cannot derive.
pub const EDGE_CASES: &str = "schema/edge_cases.json";

/// Directories under `generated/` that tools create (dependencies, caches, builds); they
/// are not the generator's and are never removed or compared.
const TOOL_DIRS: &[&str] = &[
    "node_modules",
    ".venv",
    "target",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    "dist",
    "build",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

pub fn run(root: &Path, mode: Mode) -> ExitCode {
    let outputs = match generate(root) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("{message}");
            eprintln!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    match mode {
        Mode::Write => match write(root, &outputs) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Mode::Check => {
            let stale = check(root, &outputs);
            if stale.is_empty() {
                println!("generated files are up to date ({} files)", outputs.len());
                ExitCode::SUCCESS
            } else {
                for s in &stale {
                    println!("{s}");
                }
                eprintln!(
                    "{} problem(s): stale generated files (run `cargo xtask gen` and commit the result) or a version without the bump its changes need",
                    stale.len()
                );
                ExitCode::FAILURE
            }
        }
    }
}

/// Reads the spec and renders every output, or says why not.
pub fn generate(root: &Path) -> Result<Vec<OutputFile>, String> {
    let mut model = try_load(root, SPEC, CATALOG)?;
    // The changelog's generated section (when it has the markers) is written first into
    // what the packages ship, so that one `gen` leaves both in step.
    let changelog = crate::evolve::changelog(root, SPEC, &model)?;
    if let Some(c) = &changelog {
        for f in model
            .shipped
            .iter_mut()
            .filter(|f| f.name == "CHANGELOG.md")
        {
            f.contents = c.contents.clone();
        }
    }
    let mut outputs = render_model(root, &model, EDGE_CASES)?;
    outputs.extend(changelog);
    outputs.extend(llm_params_codegen::emit::spec_schemas());
    let crate_name = outputs
        .iter()
        .find(|o| o.path == format!("{}/Cargo.toml", rust::DIR))
        .and_then(|o| package_name(&o.contents))
        .ok_or_else(|| format!("{}/Cargo.toml names no package", rust::DIR))?;
    for manifest in CRATE_USERS.iter().filter(|m| root.join(m).exists()) {
        outputs.push(crate_user(root, manifest, &crate_name)?);
    }
    Ok(outputs)
}

/// The manifests of this repository that depend on the generated crate: hand-written but
/// for the one line that depends on it, which follows the spec's `packages.rust` (cargo
/// finds a path dependency by its package name; without this, a spec that names its crate
/// would leave no cargo command of the workspace working, `cargo xtask gen` included).
pub const CRATE_USERS: &[&str] = &[
    "crates/llm-params-tests/Cargo.toml",
    "benches/default-features/Cargo.toml",
];

/// The line of a manifest that depends on the generated crate, by its prefix.
const DEPENDENCY: &str = "llm-params = { path = \"../../generated/rust\"";

/// `manifest` with its dependency on the generated crate naming `crate_name`.
fn crate_user(root: &Path, manifest: &str, crate_name: &str) -> Result<OutputFile, String> {
    let text = fs::read_to_string(root.join(manifest))
        .map_err(|e| format!("{manifest}: cannot read: {e}"))?;
    let mut found = false;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if !line.starts_with(DEPENDENCY) {
                return line.to_owned();
            }
            found = true;
            let features = line
                .find("features = ")
                .map(|i| format!(", {}", line[i..].trim_end_matches(['}', ' '])))
                .unwrap_or_default();
            format!("{DEPENDENCY}, package = {crate_name:?}{features} }}")
        })
        .collect();
    if !found {
        return Err(format!("{manifest}: no line starting with `{DEPENDENCY}`"));
    }
    Ok(OutputFile {
        path: (*manifest).to_owned(),
        contents: lines.join("\n") + "\n",
    })
}

/// The `name` of a Cargo manifest's package.
pub fn package_name(manifest: &str) -> Option<String> {
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("name = "))
        .map(|n| n.trim_matches('"').to_owned())
}

/// The checked model of the repository's spec, or `None` after saying why not.
pub fn load_model(root: &Path) -> Option<llm_params_codegen::model::Model> {
    load(root, SPEC, CATALOG)
}

/// The checked model of the spec `spec` with the catalog `catalog` (paths relative to
/// `root`, as errors name them), or `None` after saying why not.
pub fn load(root: &Path, spec: &str, catalog: &str) -> Option<llm_params_codegen::model::Model> {
    try_load(root, spec, catalog)
        .map_err(|e| eprintln!("{e}"))
        .ok()
}

/// The checked model of the repository's spec, or its errors as text.
pub fn load_model_text(root: &Path) -> Result<llm_params_codegen::model::Model, String> {
    try_load(root, SPEC, CATALOG)
}

/// [`load`], with the errors as text.
fn try_load(
    root: &Path,
    spec: &str,
    catalog: &str,
) -> Result<llm_params_codegen::model::Model, String> {
    let read =
        |p: &str| fs::read_to_string(root.join(p)).map_err(|e| format!("{p}: cannot read: {e}"));
    let (spec_text, catalog_text) = (read(spec)?, read(catalog)?);
    let dir = root.join(spec);
    let dir = dir.parent().unwrap_or(root);
    llm_params_codegen::load_in(
        dir,
        SpecSource {
            file: spec,
            text: &spec_text,
        },
        SpecSource {
            file: catalog,
            text: &catalog_text,
        },
    )
    .map_err(|e| e.to_string())
}

/// Every output of one spec: `spec` and `catalog` (and the optional `edge_cases`), paths
/// relative to `root`, which is how errors name them.
pub fn render(
    root: &Path,
    spec: &str,
    catalog: &str,
    edge_cases: &str,
) -> Result<Vec<OutputFile>, String> {
    let model = try_load(root, spec, catalog)?;
    render_model(root, &model, edge_cases)
}

/// Every output of a checked spec (see [`render`]).
pub fn render_model(
    root: &Path,
    model: &llm_params_codegen::model::Model,
    edge_cases: &str,
) -> Result<Vec<OutputFile>, String> {
    let mut outputs = llm_params_codegen::emit::all(model);
    // The edge cases are optional: a spec without any gets only the derived vectors.
    if root.join(edge_cases).exists() {
        let edge = fs::read_to_string(root.join(edge_cases))
            .map_err(|e| format!("{edge_cases}: cannot read: {e}"))?;
        outputs.push(llm_params_codegen::emit::conformance::edge_cases(
            model, &edge, edge_cases,
        )?);
    }
    // The Python sdist carries its tests, so it carries the vectors they run too.
    let vectors = format!("{}/", conformance::DIR);
    let copies: Vec<OutputFile> = outputs
        .iter()
        .filter_map(|o| {
            let name = o.path.strip_prefix(&vectors)?;
            Some(OutputFile {
                path: format!("{}/{name}", python::VECTORS_DIR),
                contents: o.contents.clone(),
            })
        })
        .collect();
    outputs.extend(copies);
    Ok(outputs)
}

/// The fixture specs under `codegen/tests/fixtures/` that are generated and checked end to
/// end in every language by `cargo xtask test`.
pub const FIXTURES: &[&str] = &["small", "minimal", "full", "keywords", "hostile", "large"];

/// Where [`emit_fixture`] writes a fixture's outputs, relative to the repository root.
pub fn fixture_root(root: &Path, name: &str) -> PathBuf {
    root.join("target").join("fixtures").join(name)
}

/// Renders the fixture spec `name` (`codegen/tests/fixtures/<name>/spec.yaml`,
/// `models.yaml` and the optional `edge_cases.json`) and writes every output under
/// [`fixture_root`] (cleared first, tool directories aside). Returns that directory.
pub fn emit_fixture(root: &Path, name: &str) -> Result<PathBuf, String> {
    let dir = format!("codegen/tests/fixtures/{name}");
    let outputs = render(
        root,
        &format!("{dir}/spec.yaml"),
        &format!("{dir}/models.yaml"),
        &format!("{dir}/edge_cases.json"),
    )?;
    let out = fixture_root(root, name);
    let generated = out.join(GENERATED);
    if generated.exists() {
        // Keep node_modules and the like: only the generator's files are replaced.
        for old in existing_generated(&out) {
            fs::remove_file(out.join(&old)).map_err(|e| format!("{old}: {e}"))?;
        }
    }
    write_quiet(&out, &outputs).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(out)
}

fn write_quiet(root: &Path, outputs: &[OutputFile]) -> std::io::Result<()> {
    for o in outputs {
        write_atomic(&root.join(&o.path), o.contents.as_bytes())?;
    }
    Ok(())
}

/// Files under `generated/` now, skipping tool directories.
fn existing_generated(root: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path.is_dir() {
                if !TOOL_DIRS.contains(&name.as_ref()) && !name.ends_with(".egg-info") {
                    walk(&path, root, out);
                }
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join(GENERATED), root, &mut out);
    out.sort();
    out
}

fn write(root: &Path, outputs: &[OutputFile]) -> std::io::Result<()> {
    let (mut written, mut unchanged) = (0, 0);
    for o in outputs {
        let path = root.join(&o.path);
        if fs::read(&path).is_ok_and(|old| old == o.contents.as_bytes()) {
            unchanged += 1;
            continue;
        }
        write_atomic(&path, o.contents.as_bytes())?;
        println!("wrote     {}", o.path);
        written += 1;
    }
    let wanted: BTreeSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let mut removed = 0;
    for old in existing_generated(root) {
        if !wanted.contains(old.as_str()) {
            fs::remove_file(root.join(&old))?;
            println!("removed   {old}");
            removed += 1;
        }
    }
    println!("{written} written, {unchanged} unchanged, {removed} removed");
    Ok(())
}

/// Writes to a temporary file beside the target, then renames it over the target, so a
/// reader (or a generator killed half-way) never sees a half-written file. No `fsync`: a
/// generated tree is reproducible from the spec, and one sync per file made a first `gen`
/// of a 5,000-parameter spec (thousands of site pages) three times slower.
fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Every stale file, as a unified diff (or a line saying it is missing or extra).
pub fn check(root: &Path, outputs: &[OutputFile]) -> Vec<String> {
    let mut stale = Vec::new();
    for o in outputs {
        match fs::read_to_string(root.join(&o.path)) {
            Ok(old) if old == o.contents => {}
            Ok(old) => stale.push(
                similar::TextDiff::from_lines(&old, &o.contents)
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{}", o.path), &format!("b/{}", o.path))
                    .to_string(),
            ),
            Err(_) => stale.push(format!("missing: {} (would be created)", o.path)),
        }
    }
    let wanted: BTreeSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    for old in existing_generated(root) {
        if !wanted.contains(old.as_str()) {
            stale.push(format!("extra: {old} (the generator does not produce it)"));
        }
    }
    // The version must have the bump the spec's changes need (a note without history).
    match crate::evolve::bump_check(root) {
        Ok(note) => println!("{note}"),
        Err(failure) => stale.push(failure),
    }
    stale
}
