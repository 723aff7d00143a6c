//! Checks of the generated npm package (`generated/typescript/`) with the machine's node and
//! npm: install the dev dependencies from the committed lock file, type-check with
//! `tsc --strict` (the ecosystem type test against `@livekit/agents` and `openai` is part of
//! it), then run the tests (conformance vectors, runtime, example) with node's test runner.
//! The benchmark (`npm run bench`) is not part of it. Then the TypeScript examples of the
//! reference docs (`generated/docs/examples/*.ts`) are compiled and run against the package,
//! and the package of the small fixture spec (`codegen/tests/fixtures/small`), emitted into
//! `target/`, is compiled and its example run, so the emitter is known to print valid
//! TypeScript for another spec too.

use std::fs;
use std::path::Path;
use std::process::Command;

use llm_params_codegen::SpecSource;
use llm_params_codegen::emit::typescript;

use crate::test::run_cmd;

const PACKAGE: &str = "generated/typescript";

/// Written into `node_modules/` after a successful `npm ci`: the lock file it installed.
/// While it matches `package-lock.json`, the install is skipped.
const STAMP: &str = "node_modules/.llm-params-installed-lock.json";

/// Installs what the checks need and runs them; `true` when all pass.
pub fn run(root: &Path) -> bool {
    let dir = root.join(PACKAGE);
    let node_ok = run_cmd(Command::new("node").arg("--version"), "node --version");
    let npm_ok = run_cmd(Command::new("npm").arg("--version"), "npm --version");
    if !node_ok || !npm_ok {
        eprintln!("typescript: node and npm must be on PATH");
        return false;
    }
    if !install(&dir) {
        return false;
    }
    // A clean build: a test file removed from the package must not linger in dist/.
    let dist = dir.join("dist");
    if dist.exists()
        && let Err(e) = fs::remove_dir_all(&dist)
    {
        eprintln!("typescript: cannot remove {}: {e}", dist.display());
        return false;
    }
    let tsc = Path::new("node_modules")
        .join("typescript")
        .join("bin")
        .join("tsc");
    let built = run_cmd(
        Command::new("node")
            .arg(&tsc)
            .args(["-p", "tsconfig.json", "--strict"])
            .current_dir(&dir),
        &format!(
            "({PACKAGE}) node {} -p tsconfig.json --strict",
            tsc.display()
        ),
    );
    let tested = built
        && run_cmd(
            Command::new("node")
                .args(["--test", "--test-reporter=spec", "dist/test/"])
                .current_dir(&dir),
            &format!("({PACKAGE}) node --test --test-reporter=spec dist/test/"),
        );
    tested && doc_examples(root, &dir, &tsc) && fixture(root, &dir, &tsc)
}

const DOC_EXAMPLES: &str = "generated/docs/examples";

/// The TypeScript examples of the reference docs, compiled and run against the package: they
/// are copied into `dist/docs-examples/` inside it, where `import .. from "llm-params"`
/// resolves to the package itself (its `exports`).
fn doc_examples(root: &Path, package: &Path, tsc: &Path) -> bool {
    let Ok(entries) = fs::read_dir(root.join(DOC_EXAMPLES)) else {
        println!("\n==> {DOC_EXAMPLES}: none");
        return true;
    };
    let mut examples: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ts"))
        .collect();
    examples.sort();
    let out = package.join("dist").join("docs-examples");
    let written = (|| -> std::io::Result<()> {
        fs::create_dir_all(&out)?;
        for name in &examples {
            fs::copy(root.join(DOC_EXAMPLES).join(name), out.join(name))?;
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
    let config = Path::new("dist")
        .join("docs-examples")
        .join("tsconfig.json");
    let compiled = run_cmd(
        Command::new("node")
            .arg(tsc)
            .args(["-p".as_ref(), config.as_os_str(), "--strict".as_ref()])
            .current_dir(package),
        &format!(
            "({PACKAGE}) tsc -p {} --strict ({DOC_EXAMPLES}/*.ts)",
            config.display()
        ),
    );
    compiled
        && examples.iter().all(|name| {
            let js = Path::new("dist")
                .join("docs-examples")
                .join("js")
                .join(name.replace(".ts", ".js"));
            run_cmd(
                Command::new("node").arg(&js).current_dir(package),
                &format!("({PACKAGE}) node {} ({DOC_EXAMPLES}/{name})", js.display()),
            )
        })
}

const FIXTURE: &str = "codegen/tests/fixtures/small";
const FIXTURE_OUT: &str = "target/typescript-fixture-small";

/// Emits the small fixture's package into `target/` (its sources, its example test and its
/// manifests; the runtime tests are about the real spec) with the dev dependencies of the
/// real package, compiles it and runs the example.
fn fixture(root: &Path, package: &Path, tsc: &Path) -> bool {
    let read = |name: &str| fs::read_to_string(root.join(FIXTURE).join(name));
    let (spec, catalog) = match (read("spec.yaml"), read("models.yaml")) {
        (Ok(s), Ok(c)) => (s, c),
        _ => {
            eprintln!("typescript: cannot read {FIXTURE}");
            return false;
        }
    };
    let model = match llm_params_codegen::load(
        SpecSource {
            file: "spec.yaml",
            text: &spec,
        },
        SpecSource {
            file: "models.yaml",
            text: &catalog,
        },
    ) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("typescript: {FIXTURE} does not load:\n{e}");
            return false;
        }
    };
    let out = root.join(FIXTURE_OUT);
    let prefix = format!("{}/", typescript::DIR);
    let written = (|| -> std::io::Result<()> {
        if out.exists() {
            fs::remove_dir_all(&out)?;
        }
        for f in typescript::emit(&model) {
            let Some(rel) = f.path.strip_prefix(&prefix) else {
                continue;
            };
            let keep = rel.starts_with("src/")
                || rel == "test/example.test.ts"
                || rel == "tsconfig.json"
                || rel == "package.json";
            if keep {
                let path = out.join(rel);
                fs::create_dir_all(path.parent().unwrap_or(&out))?;
                fs::write(path, f.contents)?;
            }
        }
        link_dir(&package.join("node_modules"), &out.join("node_modules"))
    })();
    if let Err(e) = written {
        eprintln!("typescript: cannot write {FIXTURE_OUT}: {e}");
        return false;
    }
    run_cmd(
        Command::new("node")
            .arg(package.join(tsc))
            .args(["-p", "tsconfig.json", "--strict"])
            .current_dir(&out),
        &format!("({FIXTURE_OUT}) tsc -p tsconfig.json --strict"),
    ) && run_cmd(
        Command::new("node")
            .args(["--test", "--test-reporter=spec", "dist/test/"])
            .current_dir(&out),
        &format!("({FIXTURE_OUT}) node --test --test-reporter=spec dist/test/"),
    )
}

#[cfg(unix)]
fn link_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
fn link_dir(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_dir(target, link)
}

/// `npm ci` from the committed lock file, unless `node_modules/` already holds exactly it.
/// Install scripts are skipped: nothing here needs them (the packages are only type-checked
/// against, or are plain JavaScript), and it keeps native builds out of the test.
fn install(dir: &Path) -> bool {
    let lock = match fs::read(dir.join("package-lock.json")) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("typescript: {PACKAGE}/package-lock.json: {e}; run `cargo xtask gen`");
            return false;
        }
    };
    if fs::read(dir.join(STAMP)).is_ok_and(|s| s == lock) {
        println!("\n==> ({PACKAGE}) npm ci: skipped, node_modules/ matches package-lock.json");
        return true;
    }
    let ok = run_cmd(
        Command::new("npm")
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(dir),
        &format!("({PACKAGE}) npm ci --ignore-scripts --no-audit --no-fund"),
    );
    if ok && let Err(e) = fs::write(dir.join(STAMP), &lock) {
        eprintln!("typescript: cannot write {STAMP}: {e}");
    }
    ok
}
