//! Spec evolution: `cargo xtask diff`, the version bump check of `gen --check`, and the
//! changelog section written from the diff. The comparison itself is
//! `llm_params_codegen::diff`; this module finds the old spec (a git revision or a folder).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use llm_params_codegen::diff::{self, Change};
use llm_params_codegen::model::Model;
use llm_params_codegen::{OutputFile, SpecSource};

use crate::generate::{CATALOG, SPEC};

/// The markers of the generated section of the spec's changelog.
pub const BEGIN: &str = "<!-- llm-params:changelog:begin -->";
pub const END: &str = "<!-- llm-params:changelog:end -->";

/// `git -C root args`, its standard output when it succeeds.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Where `root` stands inside its git work tree (`""` at the top, `sub/dir/`), or `None`
/// outside any.
fn git_prefix(root: &Path) -> Option<String> {
    git(root, &["rev-parse", "--show-prefix"]).map(|s| s.trim().to_owned())
}

/// The `version:` line of a spec text.
fn version_of(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        l.strip_prefix("version:").map(|v| {
            v.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
                .to_owned()
        })
    })
}

/// The default base: the commit before the last first-parent commit that changed the
/// spec's `version` (or `HEAD` when the work tree's version differs from `HEAD`'s: the
/// bump is being made). `Err` says why there is none (no git, a shallow clone, a version
/// that never changed).
pub fn default_base(root: &Path) -> Result<String, String> {
    let prefix = git_prefix(root).ok_or("not in a git work tree")?;
    let path = format!("{prefix}{SPEC}");
    let now = fs::read_to_string(root.join(SPEC)).map_err(|e| format!("{SPEC}: {e}"))?;
    let at = |rev: &str| git(root, &["show", &format!("{rev}:{path}")]);
    match at("HEAD") {
        None => return Err(format!("{SPEC} is not committed")),
        Some(head) if version_of(&head) != version_of(&now) => return Ok("HEAD".to_owned()),
        Some(_) => {}
    }
    let log = git(
        root,
        &[
            "log",
            "--first-parent",
            "--format=%H",
            "-G^version:",
            "HEAD",
            "--",
            &path,
        ],
    )
    .ok_or("git log failed")?;
    let shallow =
        git(root, &["rev-parse", "--is-shallow-repository"]).is_some_and(|s| s.trim() == "true");
    for commit in log.lines() {
        let parent = format!("{commit}^");
        if git(
            root,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{parent}^{{commit}}"),
            ],
        )
        .is_none()
        {
            return Err(if shallow {
                format!("the history is shallow: {parent} is missing")
            } else {
                format!(
                    "{SPEC} has had version {} since its first commit",
                    version_of(&now).unwrap_or_default()
                )
            });
        }
        let (Some(a), Some(b)) = (at(commit), at(&parent)) else {
            // The spec did not exist before this commit.
            return Err(format!(
                "{SPEC} has had its version since it was added ({})",
                &commit[..commit.len().min(12)]
            ));
        };
        if version_of(&a) != version_of(&b) {
            return Ok(git(root, &["rev-parse", "--short=12", &parent])
                .map(|s| s.trim().to_owned())
                .unwrap_or(parent));
        }
    }
    Err(if shallow {
        "the history is shallow: no commit that changed the version is in it".to_owned()
    } else {
        "no commit changed the spec's version".to_owned()
    })
}

/// The spec at `rev` (its `schema/spec.yaml` and `schema/models.yaml`), checked. The
/// files it ships are read from the work tree (the diff does not compare them).
pub fn load_rev(root: &Path, rev: &str) -> Result<Model, String> {
    let prefix = git_prefix(root).ok_or("not in a git work tree")?;
    let show = |p: &str| {
        git(root, &["show", &format!("{rev}:{prefix}{p}")])
            .ok_or_else(|| format!("cannot read {p} at {rev} (`git show {rev}:{prefix}{p}`)"))
    };
    let (spec, catalog) = (show(SPEC)?, show(CATALOG)?);
    let dir = root.join(SPEC);
    let dir = dir.parent().unwrap_or(root);
    llm_params_codegen::load_in(
        dir,
        SpecSource {
            file: &format!("{rev}:{SPEC}"),
            text: &spec,
        },
        SpecSource {
            file: &format!("{rev}:{CATALOG}"),
            text: &catalog,
        },
    )
    .map_err(|e| e.to_string())
}

/// The spec of a folder: `DIR/spec.yaml` (or `DIR/schema/spec.yaml`) and its `models.yaml`.
pub fn load_dir(dir: &Path) -> Result<Model, String> {
    let dir: PathBuf = if dir.join("spec.yaml").exists() {
        dir.to_owned()
    } else {
        dir.join("schema")
    };
    let read = |name: &str| {
        let p = dir.join(name);
        fs::read_to_string(&p).map_err(|e| format!("{}: cannot read: {e}", p.display()))
    };
    let (spec, catalog) = (read("spec.yaml")?, read("models.yaml")?);
    let (sf, cf) = (
        dir.join("spec.yaml").display().to_string(),
        dir.join("models.yaml").display().to_string(),
    );
    llm_params_codegen::load_in(
        &dir,
        SpecSource {
            file: &sf,
            text: &spec,
        },
        SpecSource {
            file: &cf,
            text: &catalog,
        },
    )
    .map_err(|e| e.to_string())
}

/// `cargo xtask diff [REV | OLD_DIR [NEW_DIR]] [--format json] [--changelog]`: exit 0 no
/// change, 1 changes, 2 an error.
pub fn run(root: &Path, args: &[&str]) -> ExitCode {
    let mut json = false;
    let mut changelog = false;
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--format" => match it.next() {
                Some(&"json") => json = true,
                Some(&"text") => json = false,
                other => {
                    eprintln!("diff: --format takes text or json, not {other:?}");
                    return ExitCode::from(2);
                }
            },
            "--changelog" => changelog = true,
            s if s.starts_with('-') => {
                eprintln!("diff: unknown option `{s}`");
                return ExitCode::from(2);
            }
            s => positional.push(s),
        }
    }
    let loaded = (|| -> Result<(Model, Model, String), String> {
        match positional.as_slice() {
            [] => {
                let base = default_base(root)
                    .map_err(|why| format!("diff: no base to compare with: {why}; name one (a git revision or a spec folder)"))?;
                let new = crate::generate::load_model_text(root)?;
                Ok((load_rev(root, &base)?, new, base))
            }
            [one] if Path::new(one).is_dir() => {
                let new = crate::generate::load_model_text(root)?;
                Ok((load_dir(Path::new(one))?, new, (*one).to_owned()))
            }
            [rev] => {
                let new = crate::generate::load_model_text(root)?;
                Ok((load_rev(root, rev)?, new, (*rev).to_owned()))
            }
            [old, new] => Ok((
                load_dir(Path::new(old))?,
                load_dir(Path::new(new))?,
                (*old).to_owned(),
            )),
            _ => Err("diff: at most two folders".to_owned()),
        }
    })();
    let (old, new, base) = match loaded {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let changes = diff::diff(&old, &new);
    if changelog {
        print!("{}", diff::changelog_section(&new.version, &changes));
    } else if json {
        let mut v = diff::to_json(&old.version, &new.version, &changes);
        v["base"] = base.into();
        println!(
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_else(|e| e.to_string())
        );
    } else {
        println!("comparing with {base}");
        print!(
            "{}",
            diff::render_text(&old.version, &new.version, &changes)
        );
    }
    if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The changes since the default base and the base's model, or why there is no base.
fn since_base(root: &Path, new: &Model) -> Result<(String, Model, Vec<Change>), String> {
    let base = default_base(root)?;
    let old =
        load_rev(root, &base).map_err(|e| format!("the spec at {base} does not load:\n{e}"))?;
    let changes = diff::diff(&old, new);
    Ok((base, old, changes))
}

/// The bump check of `gen --check`: `Ok` with a note to print, or `Err` with the diff's
/// summary and the bump needed. Without the history it needs, a note, never a failure.
pub fn bump_check(root: &Path) -> Result<String, String> {
    if let Err(why) = default_base(root) {
        return Ok(format!("version check skipped: {why}"));
    }
    let new = crate::generate::load_model_text(root)?;
    let new = &new;
    let (base, old, changes) = match since_base(root, new) {
        Ok(x) => x,
        Err(why) => return Ok(format!("version check skipped: {why}")),
    };
    let summary = diff::summary(&old.version, &new.version, &changes);
    match diff::check_bump(&old.version, &new.version, diff::class_of(&changes)) {
        Ok(()) => Ok(format!("version check against {base}: {summary}")),
        Err(why) => {
            let lines: String = changes
                .iter()
                .map(|c| format!("  {}\n", c.line()))
                .collect();
            Err(format!(
                "version check against {base} failed: {why}\n{lines}{summary}\n(`cargo xtask diff {base}` lists the changes)"
            ))
        }
    }
}

/// The spec's changelog with its generated section (between [`BEGIN`] and [`END`])
/// written from the diff since the base, when the file has the markers. A section of
/// another version found between the markers is kept as written, below them. `None` when
/// there is nothing to write (no changelog, no markers, no history: said on stderr).
pub fn changelog(root: &Path, spec: &str, model: &Model) -> Result<Option<OutputFile>, String> {
    let Some(rel) = &model.packages.changelog else {
        return Ok(None);
    };
    let spec_dir = Path::new(spec).parent().unwrap_or(Path::new(""));
    let path = normalize(&spec_dir.join(rel));
    let Ok(text) = fs::read_to_string(root.join(&path)) else {
        return Ok(None);
    };
    let (Some(b), Some(e)) = (marker(&text, BEGIN), marker(&text, END)) else {
        return Ok(None);
    };
    if e < b {
        return Err(format!("{path}: `{END}` comes before `{BEGIN}`"));
    }
    let changes = match since_base(root, model) {
        Ok((_, _, changes)) => changes,
        Err(why) => {
            eprintln!("{path}: changelog section left as it is: {why}");
            return Ok(None);
        }
    };
    let inner = &text[b + BEGIN.len()..e];
    let section = diff::changelog_section(&model.version, &changes);
    let heading = format!("## {}", model.version);
    let previous = inner.trim();
    let kept = if !previous.is_empty() && previous.lines().next() != Some(heading.as_str()) {
        format!("\n\n{previous}")
    } else {
        String::new()
    };
    let after = &text[e + END.len()..];
    let contents = format!("{}{BEGIN}\n{section}{END}{kept}{after}", &text[..b]);
    Ok(Some(OutputFile { path, contents }))
}

/// Where `marker` stands alone on a line of `text` (a marker quoted in a sentence is no
/// marker).
fn marker(text: &str, marker: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == marker {
            return Some(at + line.find(marker).unwrap_or(0));
        }
        at += line.len();
    }
    None
}

/// `schema/../CHANGELOG.md` -> `CHANGELOG.md`.
fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODELS: &str = "families: []\nmodels: []\n";

    fn spec(version: &str, description: &str, extra: &str) -> String {
        format!(
            "version: {version}\ndescription: {description}\npackages: {{ changelog: ../CHANGELOG.md }}\nparameters:\n  - name: temperature\n    type: float\n    summary: Sampling temperature.\n{extra}"
        )
    }

    struct Repo(tempfile::TempDir);

    impl Repo {
        fn new() -> Repo {
            let dir = tempfile::tempdir().expect("temp dir");
            let repo = Repo(dir);
            repo.git(&["init", "-q", "-b", "main"]);
            repo.git(&["config", "user.email", "t@example.com"]);
            repo.git(&["config", "user.name", "t"]);
            repo
        }
        fn root(&self) -> &Path {
            self.0.path()
        }
        fn git(&self, args: &[&str]) {
            let ok = Command::new("git")
                .arg("-C")
                .arg(self.root())
                .args(args)
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "git {args:?}");
        }
        fn write(&self, spec: &str, changelog: &str) {
            fs::create_dir_all(self.root().join("schema")).expect("mkdir");
            fs::write(self.root().join(SPEC), spec).expect("spec");
            fs::write(self.root().join(CATALOG), MODELS).expect("models");
            fs::write(self.root().join("CHANGELOG.md"), changelog).expect("changelog");
        }
        fn commit(&self, spec: &str, changelog: &str) {
            self.write(spec, changelog);
            self.git(&["add", "-A"]);
            self.git(&["-c", "commit.gpgsign=false", "commit", "-q", "-m", "x"]);
        }
    }

    const PARAM: &str = "  - name: seed\n    type: integer\n    summary: Seed.\n";

    #[test]
    fn the_bump_check_follows_the_history() {
        let repo = Repo::new();
        let log = "# Changelog\n";
        repo.commit(&spec("0.1.0", "One.", ""), log);
        // The version never changed: nothing to compare with, a note.
        let note = bump_check(repo.root()).expect("no base is no failure");
        assert!(note.contains("skipped"), "{note}");
        // A patch release of a description: docs, a patch will do.
        repo.commit(&spec("0.1.1", "Two.", ""), log);
        let note = bump_check(repo.root()).expect("docs under a patch");
        assert!(note.contains("1 docs"), "{note}");
        // A parameter added under the same version: additive needs a minor bump.
        repo.commit(&spec("0.1.1", "Two.", PARAM), log);
        let why = bump_check(repo.root()).expect_err("an addition under a patch");
        assert!(why.contains("minor") && why.contains("0.2.0"), "{why}");
        assert!(why.contains("additive  parameters.seed: added"), "{why}");
        // Bumped in the work tree: compared with HEAD, where nothing else changed.
        repo.write(&spec("0.2.0", "Two.", PARAM), log);
        assert_eq!(default_base(repo.root()).as_deref(), Ok("HEAD"));
        bump_check(repo.root()).expect("bumped");
        // A shallow clone has no base: a note, never a failure.
        let clone = tempfile::tempdir().expect("temp dir");
        let url = format!("file://{}", repo.root().display());
        let ok = Command::new("git")
            .args(["clone", "-q", "--depth", "1", &url])
            .arg(clone.path().join("c"))
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "git clone --depth 1");
        let note = bump_check(&clone.path().join("c")).expect("shallow is no failure");
        assert!(
            note.contains("skipped") && note.contains("shallow"),
            "{note}"
        );
        // Outside git: a note.
        let bare = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(bare.path().join("schema")).expect("mkdir");
        fs::write(bare.path().join(SPEC), spec("0.1.0", "x", "")).expect("spec");
        let note = bump_check(bare.path()).expect("no git is no failure");
        assert!(note.contains("skipped"), "{note}");
    }

    #[test]
    fn the_changelog_section_is_written_between_the_markers() {
        let repo = Repo::new();
        // A marker quoted in a sentence is no marker.
        let quoted = format!("# Changelog\n\nThe section goes between `{BEGIN}` and `{END}`.\n");
        repo.commit(&spec("0.1.0", "One.", ""), &quoted);
        let model = crate::generate::load_model_text(repo.root()).expect("loads");
        assert_eq!(changelog(repo.root(), SPEC, &model), Ok(None));
        let log = format!("# Changelog\n\n{BEGIN}\n{END}\n\n## 0.1.0\n\nWritten by hand.\n");
        repo.commit(&spec("0.1.0", "One.", ""), &log);
        repo.commit(&spec("0.2.0", "One.", PARAM), &log);
        let model = crate::generate::load_model_text(repo.root()).expect("loads");
        let out = changelog(repo.root(), SPEC, &model)
            .expect("no error")
            .expect("a changelog with markers");
        assert_eq!(out.path, "CHANGELOG.md");
        let want = format!(
            "# Changelog\n\n{BEGIN}\n## 0.2.0\n\n### Added\n\n- `parameters.seed`: added\n{END}\n\n## 0.1.0\n\nWritten by hand.\n"
        );
        assert_eq!(out.contents, want);
        // The next version's section pushes this one below the markers, as it was.
        repo.commit(&spec("0.2.0", "One.", PARAM), &want);
        repo.commit(&spec("0.2.1", "Three.", PARAM), &want);
        let model = crate::generate::load_model_text(repo.root()).expect("loads");
        let out = changelog(repo.root(), SPEC, &model)
            .expect("no error")
            .expect("a changelog with markers");
        assert!(
            out.contents.starts_with(&format!(
                "# Changelog\n\n{BEGIN}\n## 0.2.1\n\n### Docs\n\n- `description`: One. -> Three.\n{END}\n\n## 0.2.0\n\n### Added"
            )),
            "{}",
            out.contents
        );
        assert!(
            out.contents.ends_with("Written by hand.\n"),
            "{}",
            out.contents
        );
    }

    #[test]
    fn the_diff_command_exits_0_without_change_1_with_changes_2_on_errors() {
        let repo = Repo::new();
        repo.commit(&spec("0.1.0", "One.", ""), "# Changelog\n");
        assert_eq!(run(repo.root(), &["HEAD"]), ExitCode::SUCCESS);
        repo.write(&spec("0.1.0", "One.", PARAM), "# Changelog\n");
        assert_eq!(run(repo.root(), &["HEAD"]), ExitCode::from(1));
        assert_eq!(
            run(repo.root(), &["HEAD", "--format", "json"]),
            ExitCode::from(1)
        );
        assert_eq!(run(repo.root(), &["no-such-revision"]), ExitCode::from(2));
        assert_eq!(run(repo.root(), &["--format", "yaml"]), ExitCode::from(2));
        assert_eq!(run(repo.root(), &["--bogus"]), ExitCode::from(2));
        // The version never changed: no default base, said, an error.
        assert_eq!(run(repo.root(), &[]), ExitCode::from(2));
        // Two folders.
        let schema = repo.root().join("schema");
        let dir = schema.to_string_lossy();
        assert_eq!(run(repo.root(), &[&dir, &dir]), ExitCode::SUCCESS);
    }
}
