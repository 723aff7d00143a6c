//! Spec evolution: one fixture pair per kind of change under `tests/fixtures/diff/<case>/`
//! (`old/` and `new/`, each a `spec.yaml` and an optional `models.yaml`), with the
//! classification it must get written beside it: `expected.txt` (old -> new) and, where
//! the other direction differs, `reverse.txt` (new -> old), one diff line each, as
//! `cargo xtask diff` prints them. Blank lines and `#` comments are ignored. The test fails
//! on a missing change, an extra one, or another class.
//! Then the bump rule, as a table of versions and change classes.

mod common;

use std::path::Path;

use llm_params_codegen::SpecSource;
use llm_params_codegen::diff::{self, Bump, Class};
use llm_params_codegen::model::Model;

const EMPTY_CATALOG: &str = "families: []\nmodels: []\n";

fn load(dir: &Path) -> Model {
    let spec = common::read(&dir.join("spec.yaml"));
    let models = std::fs::read_to_string(dir.join("models.yaml"))
        .unwrap_or_else(|_| EMPTY_CATALOG.to_owned());
    llm_params_codegen::load_in(
        dir,
        SpecSource {
            file: "spec.yaml",
            text: &spec,
        },
        SpecSource {
            file: "models.yaml",
            text: &models,
        },
    )
    .unwrap_or_else(|e| panic!("{} does not load:\n{e}", dir.display()))
}

fn expected(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect(),
    )
}

fn lines(old: &Model, new: &Model) -> Vec<String> {
    diff::diff(old, new).iter().map(|c| c.line()).collect()
}

fn cases() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(common::fixtures().join("diff"))
        .expect("tests/fixtures/diff")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_fixture_pair_gets_its_written_classification() {
    let dirs = cases();
    assert!(dirs.len() >= 10, "the diff fixtures are missing");
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let (old, new) = (load(&dir.join("old")), load(&dir.join("new")));
        let forward = expected(&dir.join("expected.txt"))
            .unwrap_or_else(|| panic!("{name}: no expected.txt"));
        let got = lines(&old, &new);
        if got != forward {
            failures.push(format!(
                "{name} (old -> new): expected\n{}\ngot\n{}",
                forward.join("\n"),
                got.join("\n")
            ));
        }
        // Without a reverse.txt the other direction is the same list with the classes
        // the fixture writes in it; with one, exactly that.
        if let Some(reverse) = expected(&dir.join("reverse.txt")) {
            let got = lines(&new, &old);
            if got != reverse {
                failures.push(format!(
                    "{name} (new -> old): expected\n{}\ngot\n{}",
                    reverse.join("\n"),
                    got.join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_spec_compared_with_itself_has_no_change() {
    for dir in cases() {
        for side in ["old", "new"] {
            let m = load(&dir.join(side));
            assert_eq!(lines(&m, &m), Vec::<String>::new(), "{}", dir.display());
        }
    }
    for name in ["full", "small", "minimal", "keywords", "hostile"] {
        let m = common::load_dir(name);
        assert_eq!(lines(&m, &m), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_fixtures_cover_every_class() {
    // The fixtures must exercise each class, and a breaking change's reverse must not be
    // breaking everywhere (else the classification could be "everything breaks").
    let mut seen = std::collections::BTreeSet::new();
    for dir in cases() {
        let (old, new) = (load(&dir.join("old")), load(&dir.join("new")));
        for c in diff::diff(&old, &new) {
            seen.insert(c.class);
        }
    }
    assert_eq!(
        seen,
        [Class::Docs, Class::Additive, Class::Breaking].into(),
        "fixture classes"
    );
}

#[test]
fn the_bump_rule() {
    use Class::*;
    // (old, class, the bump it needs, the least version that has it)
    let table = [
        ("0.4.0", Breaking, Bump::Minor, "0.5.0"),
        ("0.4.3", Additive, Bump::Minor, "0.5.0"),
        ("0.4.3", Docs, Bump::Patch, "0.4.4"),
        ("1.2.3", Breaking, Bump::Major, "2.0.0"),
        ("1.2.3", Additive, Bump::Minor, "1.3.0"),
        ("1.2.3", Docs, Bump::Patch, "1.2.4"),
    ];
    for (old, class, bump, least) in table {
        assert_eq!(diff::needed_bump(old, class), bump, "{old} {class}");
        assert_eq!(
            diff::bumped(old, bump).as_deref(),
            Some(least),
            "{old} {class}"
        );
    }
    // (old, new, class, accepted)
    let checks = [
        ("0.4.0", "0.5.0", Some(Breaking), true),
        ("0.4.0", "0.4.1", Some(Breaking), false),
        ("0.4.0", "1.0.0", Some(Breaking), true),
        ("0.4.0", "0.4.0", Some(Docs), false),
        ("0.4.0", "0.4.1", Some(Docs), true),
        ("0.4.0", "0.4.1", Some(Additive), false),
        ("0.4.0", "0.5.0-rc.1", Some(Additive), true),
        ("1.2.3", "1.3.0", Some(Breaking), false),
        ("1.2.3", "2.0.0", Some(Breaking), true),
        ("1.2.3", "2.0.0-alpha.1", Some(Breaking), true),
        ("1.2.3", "1.9.0", Some(Additive), true),
        ("1.2.3", "1.2.3", Some(Additive), false),
        ("1.2.3", "1.2.3", None, true),
        ("1.2.3", "1.2.2", None, true),
        // From a pre-release, any later version.
        ("2.0.0-rc.1", "2.0.0-rc.2", Some(Breaking), true),
        ("2.0.0-rc.1", "2.0.0", Some(Breaking), true),
        ("2.0.0-rc.1", "2.0.0-rc.1", Some(Docs), false),
        ("2.0.0-rc.2", "1.9.0", Some(Docs), false),
        // Pre-releases in semver's order: numeric identifiers as numbers.
        ("2.0.0-rc.9", "2.0.0-rc.10", Some(Breaking), true),
        ("2.0.0-rc.10", "2.0.0-rc.9", Some(Docs), false),
        ("2.0.0-beta.2", "2.0.0-rc.1", Some(Docs), true),
    ];
    for (old, new, class, ok) in checks {
        let got = diff::check_bump(old, new, class);
        assert_eq!(got.is_ok(), ok, "{old} -> {new} with {class:?}: {got:?}");
    }
    let why = diff::check_bump("0.4.0", "0.4.1", Some(Breaking))
        .expect_err("a patch is not enough for a breaking change");
    assert!(why.contains("minor") && why.contains("0.5.0"), "{why}");
}

#[test]
fn the_changelog_section_groups_the_changes_by_class() {
    let dir = common::fixtures().join("diff/renamed_from");
    let (old, new) = (load(&dir.join("old")), load(&dir.join("new")));
    let changes = diff::diff(&old, &new);
    let section = diff::changelog_section(&new.version, &changes);
    assert!(section.starts_with("## 0.2.0\n"), "{section}");
    let added = section.find("### Added").expect("an Added heading");
    assert!(section.find("### Breaking").is_none(), "{section}");
    assert!(
        section[added..].contains("`parameters.max_output_tokens`"),
        "{section}"
    );
    let text = diff::render_text(&old.version, &new.version, &changes);
    assert!(
        text.lines()
            .last()
            .unwrap_or_default()
            .contains("needs a minor bump"),
        "{text}"
    );
}

#[test]
fn a_declared_rename_keeps_the_old_name_for_its_minor_series_and_moves_its_value() {
    use llm_params_codegen::plan;
    let dir = common::fixtures().join("diff/renamed_from/new");
    let model = load(&dir);
    let old = model
        .param("max_tokens")
        .expect("the old name is a parameter");
    let d = old.deprecated.as_ref().expect("deprecated");
    assert_eq!(d.moves_to.as_deref(), Some("max_output_tokens"));
    assert_eq!(d.replaced_by, ["max_output_tokens"]);
    assert_eq!(old.ty, model.param("max_output_tokens").expect("new").ty);
    // Right after the new name, in the docs' order.
    let pos = |n: &str| model.params.iter().position(|p| p.name == n);
    assert_eq!(pos("max_tokens"), pos("max_output_tokens").map(|i| i + 1));
    // Every model rejects the old name, so `prepare` moves its value to the new one.
    for m in &model.catalog.models {
        assert!(m.rejects.iter().any(|r| r == "max_tokens"), "{}", m.id);
    }
    let prepare = plan::prepare(&model);
    let found = plan::find(&model, "acme/one").expect("acme/one");
    let mut options = serde_json::Map::new();
    options.insert("max_tokens".into(), 100.into());
    let (changes, _) = prepare.run(found.entry, "acme/one", &mut options, false);
    assert_eq!(options.get("max_output_tokens"), Some(&100.into()));
    assert!(!options.contains_key("max_tokens"));
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].action, "moved");
    // `validate` warns on the old name.
    assert!(plan::deprecation_of(old).is_some_and(|w| w.contains("max_output_tokens")));
}

/// The old name of a renamed parameter carries the new name's rules: what `prepare` sends
/// under the new name may not be sent with the new name's exclusive partners, nor without
/// what it requires.
#[test]
fn a_renamed_parameter_s_old_name_has_its_rules() {
    let spec = "version: 1.2.0\nparameters:\n\
        - { name: seed, type: integer, exclusive_with: [fixed], requires: { sampling: true }, renamed_from: { name: random_seed, since: 1.2.0 }, summary: Seed. }\n\
        - { name: fixed, type: boolean, exclusive_with: [seed], summary: Fixed. }\n\
        - { name: sampling, type: boolean, summary: Sampling. }\n";
    let model = llm_params_codegen::load(
        SpecSource {
            file: "spec.yaml",
            text: spec,
        },
        SpecSource {
            file: "models.yaml",
            text: "families: []\nmodels: []\n",
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let old = model.param("random_seed").expect("the old name is lowered");
    assert_eq!(old.exclusive_with, ["fixed"]);
    assert_eq!(old.requires.len(), 1);
    let fixed = model.param("fixed").expect("fixed");
    assert_eq!(fixed.exclusive_with, ["random_seed", "seed"]);
    let rules = llm_params_codegen::plan::constraint(&model, fixed).expect("fixed has rules");
    let partners: Vec<&str> = rules.exclusive.iter().map(|e| e.other.as_str()).collect();
    assert_eq!(
        partners,
        ["random_seed", "seed"],
        "reported on `fixed`, the later one"
    );
}
