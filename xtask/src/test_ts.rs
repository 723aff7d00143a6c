//! Checks of the TypeScript side with the machine's node and npm.
//!
//! (a) The repository's package, `generated/typescript`: its dev dependencies installed
//!     from its committed lock file (`npm ci`, skipped while `node_modules/` holds exactly
//!     that lock file), a clean build with its own `npm run build` (`tsc`, strict: the ES
//!     module and its tests, then the CommonJS build), its own tests with node's test
//!     runner (conformance vectors, generic checks, both builds, the spec's example), the
//!     TypeScript examples of the reference docs compiled and run against it, and `npm
//!     pack` (which builds it again through `prepack`) into `target/typescript/pack/`, with
//!     the packed file list checked; then the tarball installed in fresh projects outside
//!     the repository and used from CommonJS, ES modules, its command line and the type
//!     checker under every module setting ([`consumers`]).
//! (b) Every fixture spec of [`generate::FIXTURES`], generated end to end into
//!     `target/fixtures/<name>/` and its package checked the same way (reusing the repository
//!     package's `node_modules/` through a link, so nothing more is installed): its build,
//!     its own tests against its own vectors, its docs' examples. The `full`
//!     fixture's package also gets the engine's hand-written tests
//!     (`codegen/runtime/typescript/engine_tests/`) copied into its `test/`.
//! (c) The upstream checks of this repository's spec (`upstream/typescript/`, its own lock
//!     file and `npm ci`) against the package built in (a): `@livekit/agents`' and
//!     `openai`'s types, one line per disagreement (`src/check.ts`). The benchmark there
//!     (`npm run bench`) is compiled with it, not run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;

use crate::cmd::{banner, run_cmd};
use crate::generate;

const PACKAGE: &str = "generated/typescript";
const DOC_EXAMPLES: &str = "generated/docs/examples";
/// The engine's hand-written tests, and the fixture whose package they run on.
const ENGINE_TESTS: &str = "codegen/runtime/typescript/engine_tests";
const ENGINE_FIXTURE: &str = "full";
/// This repository's checks against the real packages, with their own dependencies.
const UPSTREAM: &str = "upstream/typescript";
/// Where `npm pack` writes the package's tarball.
const PACK_OUT: &str = "target/typescript/pack";

/// Written into `node_modules/` after a successful `npm ci`: the lock file it installed.
/// While it matches `package-lock.json`, the install is skipped.
const STAMP: &str = "node_modules/.llm-params-installed-lock.json";

/// Installs what the checks need and runs them; `true` when all pass.
pub fn run(root: &Path) -> bool {
    let node_ok = run_cmd(Command::new("node").arg("--version"), "node --version");
    let npm_ok = run_cmd(Command::new("npm").arg("--version"), "npm --version");
    if !node_ok || !npm_ok {
        eprintln!("typescript: node and npm must be on PATH");
        return false;
    }
    let dir = root.join(PACKAGE);
    if !install(&dir, PACKAGE) {
        return false;
    }
    let built = package(&dir, PACKAGE, None);
    let repo = built
        && doc_examples(&root.join(DOC_EXAMPLES), &dir, PACKAGE)
            & pack(root, &dir).is_some_and(|tarball| consumers(&dir, &tarball));
    let fixtures = fixtures(root, &dir);
    let upstream = if built {
        upstream(root)
    } else {
        eprintln!("typescript: {UPSTREAM} not checked: {PACKAGE} does not build");
        false
    };
    repo && fixtures && upstream
}

/// The type checker installed in a package's `node_modules/`, relative to the package.
fn tsc() -> PathBuf {
    Path::new("node_modules")
        .join("typescript")
        .join("bin")
        .join("tsc")
}

/// `node <args>` in `dir`, titled with `label` (the directory as the reader knows it), the
/// conformance directory unset so that each package reads the vectors beside it.
fn node(dir: &Path, label: &str, args: &[&str]) -> bool {
    run_cmd(
        Command::new("node")
            .args(args)
            .current_dir(dir)
            .env_remove("LLM_PARAMS_CONFORMANCE"),
        &format!("({label}) node {}", args.join(" ")),
    )
}

/// Removes `dist/` in `dir`: a file removed from the sources must not linger in the build.
fn clean(dir: &Path) -> bool {
    let dist = dir.join("dist");
    match fs::remove_dir_all(&dist) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => {
            eprintln!("typescript: cannot remove {}: {e}", dist.display());
            false
        }
    }
}

/// A generated package end to end: a clean build with its own `npm run build` (`tsc`,
/// strict, into `dist/src/` and `dist/test/`, then the CommonJS build into `dist/cjs/`),
/// then its tests (the compiled `dist/test/`). `extra_tests` are copied into its `test/`
/// first.
fn package(dir: &Path, label: &str, extra_tests: Option<&Path>) -> bool {
    if !clean(dir) {
        return false;
    }
    if let Some(from) = extra_tests
        && let Err(e) = copy_ts(from, &dir.join("test"))
    {
        eprintln!("typescript: cannot copy {}: {e}", from.display());
        return false;
    }
    run_cmd(
        Command::new("npm").args(["run", "build"]).current_dir(dir),
        &format!("({label}) npm run build"),
    ) && node(
        dir,
        label,
        &["--test", "--test-reporter=spec", "dist/test/"],
    )
}

/// Copies every `.ts` file of `from` into `to`.
fn copy_ts(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().ends_with(".ts") {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// The TypeScript examples of a spec's reference docs (`examples`), compiled and run against
/// its package: they are copied into `dist/docs-examples/` inside it, where an import of the
/// package's name resolves to the package itself (its `exports`).
fn doc_examples(examples: &Path, package: &Path, label: &str) -> bool {
    let mut names: Vec<String> = fs::read_dir(examples)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ts"))
        .collect();
    if names.is_empty() {
        println!("\n==> {}/*.ts: none", examples.display());
        return true;
    }
    names.sort();
    let out = package.join("dist").join("docs-examples");
    let written = (|| -> std::io::Result<()> {
        fs::create_dir_all(&out)?;
        for name in &names {
            fs::copy(examples.join(name), out.join(name))?;
        }
        fs::write(
            out.join("tsconfig.json"),
            r#"{ "extends": "../../tsconfig.json", "compilerOptions": { "rootDir": ".", "outDir": "js", "declaration": false }, "include": ["*.ts"] }"#,
        )
    })();
    if let Err(e) = written {
        eprintln!("typescript: cannot copy the doc examples: {e}");
        return false;
    }
    let tsc = tsc();
    let compiled = node(
        package,
        &format!("{label}, the docs' examples"),
        &[
            &tsc.to_string_lossy(),
            "-p",
            "dist/docs-examples/tsconfig.json",
            "--strict",
        ],
    );
    compiled
        && names.iter().all(|name| {
            let js = format!("dist/docs-examples/js/{}", name.replace(".ts", ".js"));
            node(package, label, &[&js])
        })
}

/// `npm pack` of the package into [`PACK_OUT`] (its `prepack` script builds it), then its
/// file list checked: both builds with their declarations, every file the manifest points
/// at, and the JSON Schema, no tests. The tarball, when all holds.
fn pack(root: &Path, dir: &Path) -> Option<PathBuf> {
    let out = root.join(PACK_OUT);
    let _ = fs::remove_dir_all(&out);
    if let Err(e) = fs::create_dir_all(&out) {
        eprintln!("typescript: cannot create {}: {e}", out.display());
        return None;
    }
    let manifest = match read_json(&dir.join("package.json")) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("typescript: {e}");
            return None;
        }
    };
    let out_text = out.to_string_lossy().into_owned();
    let title = format!("({PACKAGE}) npm pack --json --pack-destination {PACK_OUT}");
    println!("\n==> {title}");
    let start = Instant::now();
    let output = Command::new("npm")
        .args([
            "pack",
            "--json",
            "--no-audit",
            "--no-fund",
            "--pack-destination",
            &out_text,
        ])
        .current_dir(dir)
        .stderr(std::process::Stdio::inherit())
        .output();
    let verdict = match output {
        Err(e) => Err(format!("cannot run npm: {e}")),
        Ok(o) if !o.status.success() => Err(format!(
            "npm pack failed:\n{}",
            String::from_utf8_lossy(&o.stdout)
        )),
        Ok(o) => packed_files(&o.stdout).and_then(|files| {
            let shipped: Vec<String> = generate::load_model(root)
                .map(|m| m.shipped.into_iter().map(|f| f.name).collect())
                .unwrap_or_default();
            let mut wanted = manifest_targets(&manifest);
            wanted.extend(shipped);
            check_packed(&files, &out, &wanted).map(|summary| (summary, out.join(&files.0)))
        }),
    };
    let tarball = match verdict {
        Ok((summary, tarball)) => {
            println!("{summary}");
            Some(tarball)
        }
        Err(e) => {
            eprintln!("typescript: {e}");
            None
        }
    };
    println!(
        "<== {title}: {} in {:.1?}",
        if tarball.is_some() { "ok" } else { "FAILED" },
        start.elapsed()
    );
    tarball
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every file the manifest points at (`main`, `types`, `bin`, and the targets of `exports`
/// but for patterns), as paths in the package.
fn manifest_targets(manifest: &Value) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) if !s.contains('*') => {
                out.push(s.trim_start_matches("./").to_owned());
            }
            Value::Object(m) => m.values().for_each(|v| walk(v, out)),
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for key in ["main", "types", "bin", "exports"] {
        walk(&manifest[key], &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// The tarball's name and the paths of the files `npm pack --json` says it packed.
fn packed_files(stdout: &[u8]) -> Result<(String, Vec<String>), String> {
    // npm prints the JSON after whatever the `prepack` script printed.
    let text = String::from_utf8_lossy(stdout);
    let start = text
        .find("\n[")
        .map(|i| i + 1)
        .or_else(|| text.starts_with('[').then_some(0))
        .ok_or_else(|| format!("npm pack printed no JSON:\n{text}"))?;
    let json: Value = serde_json::from_str(&text[start..])
        .map_err(|e| format!("npm pack printed no JSON ({e}):\n{text}"))?;
    let entry = &json[0];
    let name = entry["filename"].as_str().unwrap_or_default().to_owned();
    let files = entry["files"]
        .as_array()
        .map(|files| {
            files
                .iter()
                .filter_map(|f| f["path"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    Ok((name, files))
}

/// `wanted`: files that must be there besides the builds' own: what the manifest points at
/// and what the spec ships verbatim (license texts, changelog).
fn check_packed(
    (name, files): &(String, Vec<String>),
    out: &Path,
    wanted: &[String],
) -> Result<String, String> {
    let mut wrong = Vec::new();
    if !out.join(name).is_file() {
        wrong.push(format!("no tarball {name} in {PACK_OUT}"));
    }
    let mut missing: Vec<&str> = [
        "package.json",
        "README.md",
        // The ES module (`import`) and the command line.
        "dist/src/index.js",
        "dist/src/index.d.ts",
        "dist/src/engine.js",
        "dist/src/rules.js",
        "dist/src/cli.js",
        // The CommonJS build (`require`), and what makes node read it as CommonJS.
        "dist/cjs/index.js",
        "dist/cjs/index.d.ts",
        "dist/cjs/engine.js",
        "dist/cjs/rules.js",
        "dist/cjs/package.json",
        "json-schema/model-options.schema.json",
    ]
    .into_iter()
    .chain(wanted.iter().map(String::as_str))
    .filter(|want| !files.iter().any(|f| f == want))
    .collect();
    missing.sort_unstable();
    missing.dedup();
    wrong.extend(missing.iter().map(|m| format!("{m} is not in the package")));
    for f in files {
        let allowed = f == "package.json"
            || f == "README.md"
            || llm_params_codegen::emit::is_shipped_name(f)
            || f.starts_with("dist/src/")
            || f.starts_with("dist/cjs/")
            || f.starts_with("json-schema/");
        if !allowed {
            wrong.push(format!("{f} should not be in the package"));
        }
    }
    if wrong.is_empty() {
        Ok(format!(
            "{PACK_OUT}/{name}: {} files, dist/src/, dist/cjs/ and json-schema/",
            files.len()
        ))
    } else {
        Err(format!(
            "the packed package is wrong:\n{}",
            wrong.join("\n")
        ))
    }
}

/// Node.js binaries (a list in the format of `PATH`) that run the `require`, `import` and
/// command line checks of [`consumers`] besides the `node` on `PATH`: for example the one of
/// `npm install node@18` in a scratch folder (`<folder>/node_modules/.bin/node`).
const EXTRA_NODES: &str = "LLM_PARAMS_EXTRA_NODES";

/// What the consumer checks take from the package's manifest: nothing of one spec is
/// written here.
struct Manifest {
    name: String,
    version: String,
    /// The command of `bin`, and the file it runs.
    command: String,
    bin: String,
    /// The version of `typescript` among the dev dependencies: the one the users' projects
    /// are checked with.
    typescript: String,
}

impl Manifest {
    fn read(dir: &Path) -> Result<Self, String> {
        let m = read_json(&dir.join("package.json"))?;
        let text = |v: &Value, what: &str| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{PACKAGE}/package.json has no {what}"))
        };
        let (command, bin) = match m["bin"].as_object().map(|b| b.iter().collect::<Vec<_>>()) {
            Some(b) if b.len() == 1 => (b[0].0.clone(), text(b[0].1, "bin path")?),
            _ => return Err(format!("{PACKAGE}/package.json: `bin` is not one command")),
        };
        Ok(Self {
            name: text(&m["name"], "name")?,
            version: text(&m["version"], "version")?,
            command,
            bin: bin.trim_start_matches("./").to_owned(),
            typescript: text(
                &m["devDependencies"]["typescript"],
                "typescript dev dependency",
            )?,
        })
    }
}

/// A user's code, typed against the installed package: the same text as an ES module
/// (`.ts` in a `"type": "module"` project, `.mts`) and as CommonJS (`.ts` in a CommonJS
/// project, `.cts`), where `import` compiles to `require`.
fn consumer_ts(name: &str) -> String {
    format!(
        r#"import {{ LlmOptions, PARAMETERS, findModel, models, prepare, validate, type Issue, type ModelInfo, type Prepared }} from {name};

const issues: Issue[] = validate({{}});
const first: ModelInfo | undefined = models()[0];
const id: string = first === undefined ? "some/model" : first.id;
const prepared: Prepared = prepare(id, {{}}, {{ hasTools: false }});
const llm = new LlmOptions(id, {{}});
llm.updateOptions({{ modelOptions: {{}} }});
const parameter: string | undefined = PARAMETERS[0];
export const seen = [issues.length, prepared.model, findModel(id)?.id, parameter, llm.model];
"#,
        name = serde_json::to_string(name).unwrap_or_default()
    )
}

/// The checks of `require` and `import`: one real call of each kind, and a line saying what
/// was loaded.
fn consumer_js(name: &str, esm: bool) -> String {
    let name = serde_json::to_string(name).unwrap_or_default();
    let (load, kind, from) = if esm {
        (
            format!("import assert from \"node:assert/strict\";\nimport * as m from {name};"),
            "import",
            "typeof import.meta.resolve === \"function\" ? import.meta.resolve(name) : \"?\"",
        )
    } else {
        (
            format!("const assert = require(\"node:assert/strict\");\nconst m = require({name});"),
            "require",
            "require.resolve(name)",
        )
    };
    format!(
        r#"{load}
const name = {name};
assert.deepEqual(m.validate({{}}), [], "validate({{}})");
const catalog = m.models();
const id = catalog.length > 0 ? catalog[0].id : "some/model";
const p = m.prepare(id, {{}}, {{ hasTools: false }});
assert.deepEqual(p.options, {{}}, "prepare(" + JSON.stringify(id) + ", {{}}).options");
assert.equal(p.model, catalog.length > 0 ? id : null, "prepare(" + JSON.stringify(id) + ", {{}}).model");
assert.equal(new m.LlmOptions(id).model, id);
console.log(`${{process.version}}: {kind}(${{JSON.stringify(name)}}) loads ${{{from}}}: validate({{}}) is [], prepare(${{JSON.stringify(id)}}, {{}}) gives model ${{JSON.stringify(p.model)}}, options ${{JSON.stringify(p.options)}}`);
"#
    )
}

/// A user's project of [`consumers`], in its own folder.
struct Project {
    folder: &'static str,
    /// Its `package.json`'s `"type"` (none: no `package.json` of its own).
    kind: Option<&'static str>,
    /// The consumer files ([`consumer_ts`]), whose extension or folder says what they are.
    files: &'static [&'static str],
    /// Each `(module, moduleResolution)` a tsconfig of its own checks the files with.
    settings: &'static [(&'static str, &'static str)],
}

const PROJECTS: &[Project] = &[
    Project {
        folder: "esm",
        kind: Some("module"),
        files: &["consumer.ts", "consumer.cts"],
        settings: &[("node16", "node16"), ("nodenext", "nodenext")],
    },
    Project {
        folder: "cjs",
        kind: Some("commonjs"),
        files: &["consumer.ts", "consumer.mts"],
        settings: &[("node16", "node16"), ("nodenext", "nodenext")],
    },
    Project {
        folder: "bundler",
        kind: None,
        files: &["consumer.ts"],
        settings: &[("esnext", "bundler"), ("preserve", "bundler")],
    },
];

/// The packed package as its users get it, in projects made outside the repository (in the
/// system's temporary directory, so that no `node_modules/`, `package.json` or tsconfig of
/// the repository is found): one `npm install` of the tarball and of the package's own
/// version of `typescript` from the registry, then
/// - `require` of the package's name (`node -e`) and `import` of it (an `.mjs` file), each
///   with one `validate` and one `prepare`, and its command line (`npx --no -- <command>
///   --version`, installing nothing), with the `node` on `PATH` and every one of
///   [`EXTRA_NODES`] (which run the command line's file);
/// - `tsc --noEmit --strict` on a user's code for each module setting: `node16` and
///   `nodenext` in a `"type": "module"` project and in a CommonJS one (each with a file of
///   the other kind, `.cts` or `.mts`), and `bundler` with `module` `esnext` and `preserve`.
///
/// The folder is removed when every check passes, and kept (and named) when one fails.
fn consumers(package: &Path, tarball: &Path) -> bool {
    let manifest = match Manifest::read(package) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("typescript: the consumers: {e}");
            return false;
        }
    };
    let tmp = std::env::temp_dir().join(format!(
        "{}-consumers-{}",
        manifest.command,
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&tmp);
    if let Err(e) = write_consumers(&tmp, &manifest) {
        eprintln!(
            "typescript: cannot write the consumers in {}: {e}",
            tmp.display()
        );
        return false;
    }
    let label = format!("consumers in {}", tmp.display());
    let installed = run_cmd(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund"])
            .arg(tarball)
            .arg(format!("typescript@{}", manifest.typescript))
            .current_dir(&tmp),
        &format!(
            "({label}) npm install --no-audit --no-fund {} typescript@{}",
            tarball.display(),
            manifest.typescript
        ),
    );
    let ok = installed && run_consumers(&tmp, &manifest);
    if ok {
        let _ = fs::remove_dir_all(&tmp);
    } else {
        eprintln!(
            "typescript: the package does not work as its users get it; the projects are in {}",
            tmp.display()
        );
    }
    ok
}

fn write_consumers(tmp: &Path, m: &Manifest) -> std::io::Result<()> {
    fs::create_dir_all(tmp)?;
    fs::write(
        tmp.join("package.json"),
        "{\n  \"private\": true,\n  \"description\": \"a user of the packed package\"\n}\n",
    )?;
    fs::write(tmp.join("import.mjs"), consumer_js(&m.name, true))?;
    fs::write(tmp.join("require.cjs"), consumer_js(&m.name, false))?;
    let ts = consumer_ts(&m.name);
    for Project {
        folder,
        kind,
        files,
        settings,
    } in PROJECTS
    {
        let dir = tmp.join(folder);
        fs::create_dir_all(&dir)?;
        if let Some(kind) = kind {
            fs::write(
                dir.join("package.json"),
                format!("{{\n  \"type\": \"{kind}\"\n}}\n"),
            )?;
        }
        for file in *files {
            fs::write(dir.join(file), &ts)?;
        }
        let include = files
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(", ");
        for (module, resolution) in *settings {
            fs::write(
                dir.join(format!("tsconfig.{module}.json")),
                format!(
                    r#"{{
  "compilerOptions": {{
    "module": "{module}",
    "moduleResolution": "{resolution}",
    "target": "es2022",
    "lib": ["es2022"],
    "types": [],
    "strict": true,
    "noEmit": true
  }},
  "include": [{include}]
}}
"#
                ),
            )?;
        }
    }
    Ok(())
}

fn run_consumers(tmp: &Path, m: &Manifest) -> bool {
    let label = "consumer";
    let mut nodes = vec![PathBuf::from("node")];
    if let Some(extra) = std::env::var_os(EXTRA_NODES) {
        nodes.extend(std::env::split_paths(&extra).filter(|p| !p.as_os_str().is_empty()));
    }
    let require = consumer_js(&m.name, false);
    let bin = Path::new("node_modules").join(&m.name).join(&m.bin);
    let mut ok = true;
    for node in &nodes {
        let shown = node.display();
        ok &= run_cmd(
            Command::new(node).args(["-e", &require]).current_dir(tmp),
            &format!(
                "({label}) {shown} -e <the text of require.cjs: require({:?}), one validate, one prepare>",
                m.name
            ),
        );
        ok &= run_cmd(
            Command::new(node).arg("import.mjs").current_dir(tmp),
            &format!(
                "({label}) {shown} import.mjs (import of {:?}, one validate, one prepare)",
                m.name
            ),
        );
        if node != Path::new("node") {
            ok &= prints_version(
                Command::new(node)
                    .arg(&bin)
                    .arg("--version")
                    .current_dir(tmp),
                &format!("({label}) {shown} {} --version", bin.display()),
                m,
            );
        }
    }
    ok &= prints_version(
        Command::new("npx")
            .args(["--no", "--", &m.command, "--version"])
            .current_dir(tmp),
        &format!("({label}) npx --no -- {} --version", m.command),
        m,
    );
    let tsc = Path::new("..").join(tsc());
    for Project {
        folder,
        kind,
        files,
        settings,
    } in PROJECTS
    {
        let kind = match kind {
            Some("module") => "an ES module project",
            Some(_) => "a CommonJS project",
            None => "a bundler's project",
        };
        for (module, resolution) in *settings {
            ok &= run_cmd(
                Command::new("node")
                    .arg(&tsc)
                    .args([
                        "-p",
                        &format!("tsconfig.{module}.json"),
                        "--noEmit",
                        "--strict",
                    ])
                    .current_dir(tmp.join(folder)),
                &format!(
                    "({label}, {kind}, module {module}, moduleResolution {resolution}: {}) tsc -p {folder}/tsconfig.{module}.json --noEmit --strict",
                    files.join(", ")
                ),
            );
        }
    }
    ok
}

/// Runs the command line (`cmd`), which must print `<command> <version>` and nothing else.
fn prints_version(cmd: &mut Command, title: &str, m: &Manifest) -> bool {
    banner(title);
    let start = Instant::now();
    let want = format!("{} {}\n", m.command, m.version);
    let ok = match cmd.output() {
        Err(e) => {
            eprintln!("cannot run {title}: {e}");
            false
        }
        Ok(o) if o.status.success() && o.stdout == want.as_bytes() && o.stderr.is_empty() => {
            print!("{want}");
            true
        }
        Ok(o) => {
            eprintln!(
                "{title}: expected {want:?} and success, got {} with stdout {:?} and stderr {:?}",
                o.status,
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            false
        }
    };
    println!(
        "<== {title}: {} in {:.1?}",
        if ok { "ok" } else { "FAILED" },
        start.elapsed()
    );
    ok
}

/// (b) Every fixture spec, generated into `target/fixtures/<name>/`, its package checked
/// end to end with the repository package's dependencies; the engine's tests on `full`.
fn fixtures(root: &Path, repo_package: &Path) -> bool {
    let modules = repo_package.join("node_modules");
    // An absolute target, so that the link resolves from where it stands.
    let modules = fs::canonicalize(&modules).unwrap_or(modules);
    let mut ok = true;
    for name in generate::FIXTURES {
        let out = match generate::emit_fixture(root, name) {
            Ok(out) => out,
            Err(e) => {
                eprintln!("typescript: fixture {name}: {e}");
                ok = false;
                continue;
            }
        };
        let dir = out.join(PACKAGE);
        let label = format!("target/fixtures/{name}/{PACKAGE}");
        if let Err(e) = link_modules(&modules, &dir.join("node_modules")) {
            eprintln!("typescript: cannot link {label}/node_modules: {e}");
            ok = false;
            continue;
        }
        let engine_tests = root.join(ENGINE_TESTS);
        let extra = (*name == ENGINE_FIXTURE).then_some(engine_tests.as_path());
        let examples = out.join(generate::GENERATED).join("docs").join("examples");
        ok &= package(&dir, &label, extra) && doc_examples(&examples, &dir, &label);
    }
    ok
}

/// Points `link` at `target` (the repository package's `node_modules/`), unless it does
/// already.
fn link_modules(target: &Path, link: &Path) -> std::io::Result<()> {
    if fs::read_link(link).is_ok_and(|t| t == target) {
        return Ok(());
    }
    match fs::symlink_metadata(link) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(link)?,
        Ok(_) => remove_link(link)?,
        Err(_) => {}
    }
    link_dir(target, link)
}

#[cfg(unix)]
fn link_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(unix)]
fn remove_link(link: &Path) -> std::io::Result<()> {
    fs::remove_file(link)
}

#[cfg(windows)]
fn link_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(target, link)
}

#[cfg(windows)]
fn remove_link(link: &Path) -> std::io::Result<()> {
    fs::remove_dir(link)
}

/// (c) `upstream/typescript`: its dependencies (`npm ci`), its sources compiled (the check
/// and the benchmark, against the package built in (a)), then the check.
fn upstream(root: &Path) -> bool {
    let dir = root.join(UPSTREAM);
    // A team that does not compare its spec with openai and LiveKit deletes `upstream/`.
    if !dir.exists() {
        println!("\n==> {UPSTREAM}: not there, nothing compared with upstream packages");
        return true;
    }
    if !install(&dir, UPSTREAM) || !clean(&dir) {
        return false;
    }
    let tsc = tsc();
    node(
        &dir,
        UPSTREAM,
        &[&tsc.to_string_lossy(), "-p", "tsconfig.json", "--strict"],
    ) && node(&dir, UPSTREAM, &["dist/check.js"])
}

/// `npm ci` from the committed lock file in `dir`, unless `node_modules/` already holds
/// exactly it. Install scripts are skipped: nothing here needs them (the packages are only
/// type-checked against, or are plain JavaScript), and it keeps native builds out of the
/// test.
fn install(dir: &Path, label: &str) -> bool {
    let lock = match fs::read(dir.join("package-lock.json")) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("typescript: {label}/package-lock.json: {e}");
            return false;
        }
    };
    if fs::read(dir.join(STAMP)).is_ok_and(|s| s == lock) {
        println!("\n==> ({label}) npm ci: skipped, node_modules/ matches package-lock.json");
        return true;
    }
    let ok = run_cmd(
        Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(dir),
        &format!("({label}) npm ci --ignore-scripts --no-audit --no-fund"),
    );
    if ok && let Err(e) = fs::write(dir.join(STAMP), &lock) {
        eprintln!("typescript: cannot write {label}/{STAMP}: {e}");
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pack_listing_is_read_after_what_prepack_printed() {
        let stdout = b"\n> x@1.0.0 prepack\n> npm run build\n\n[\n  {\"filename\": \"x-1.0.0.tgz\", \"files\": [{\"path\": \"package.json\"}, {\"path\": \"dist/src/index.js\"}]}\n]\n";
        let (name, files) = packed_files(stdout).unwrap_or_default();
        assert_eq!(name, "x-1.0.0.tgz");
        assert_eq!(files, ["package.json", "dist/src/index.js"]);
    }

    #[test]
    fn every_file_the_manifest_points_at_is_wanted() {
        let manifest: Value = serde_json::from_str(
            r#"{"main": "./dist/cjs/index.js", "types": "./dist/cjs/index.d.ts",
                "bin": {"x": "./dist/src/cli.js"},
                "exports": {".": {"import": {"types": "./dist/src/index.d.ts", "default": "./dist/src/index.js"},
                                  "require": {"types": "./dist/cjs/index.d.ts", "default": "./dist/cjs/index.js"}},
                            "./json-schema/*": "./json-schema/*"}}"#,
        )
        .unwrap_or_default();
        assert_eq!(
            manifest_targets(&manifest),
            [
                "dist/cjs/index.d.ts",
                "dist/cjs/index.js",
                "dist/src/cli.js",
                "dist/src/index.d.ts",
                "dist/src/index.js"
            ]
        );
    }

    #[test]
    fn tests_in_the_package_are_reported() {
        let files = vec![
            "package.json".to_owned(),
            "dist/test/example.test.js".to_owned(),
        ];
        let verdict = check_packed(
            &("x.tgz".to_owned(), files),
            Path::new("/nonexistent"),
            &["LICENSE".to_owned()],
        );
        let message = verdict.err().unwrap_or_default();
        assert!(message.contains("dist/test/example.test.js should not be in the package"));
        assert!(message.contains("dist/src/index.js is not in the package"));
        assert!(message.contains("no tarball x.tgz"));
        assert!(message.contains("LICENSE is not in the package"));
    }
}
