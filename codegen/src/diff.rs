//! What changed between two checked specs, each change classified by what it does to the
//! requests of the packages' users: `breaking`, `additive` or `docs`; and the version bump
//! each class needs (`cargo xtask diff`, the bump check of `cargo xtask gen --check`).
//!
//! Both sides are [`Model`]s, the checker's output: inline unions are already named, a
//! model's rules already merged from its family's, a `renamed_from` already lowered into a
//! deprecated parameter that moves to the new one. The comparison is element by element;
//! every change names its element by a dotted path (`parameters.temperature.range.max`,
//! `types.Foo.fields.bar`, `models.openai/gpt-5.family`, `families.x.rejects`).

use std::fmt;

use serde_json::{Value, json};

use crate::model::{
    CatalogModel, Count, EffortRange, Family, Model, NamedKind, NamedType, Param, Range, Ty,
};

/// What a change does to users' requests. Ordered: the largest class of a diff decides the
/// bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Descriptions, summaries, sources, examples, metadata: no request changes verdict.
    Docs,
    /// Something added, a limit widened, a rejection lifted: every request that passed
    /// still passes.
    Additive,
    /// A request that passed may now fail or be rewritten differently.
    Breaking,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Docs => "docs",
            Class::Additive => "additive",
            Class::Breaking => "breaking",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The element, dotted: `parameters.temperature.range.max`.
    pub path: String,
    pub class: Class,
    /// The old value, when the element has one worth showing.
    pub old: Option<String>,
    pub new: Option<String>,
    /// What happened when old and new do not say it (`removed`, `added`, a possible rename).
    pub note: String,
}

impl Change {
    /// One line: `breaking  parameters.temperature.range.max: 2 -> 1`.
    pub fn line(&self) -> String {
        let mut what = Vec::new();
        if self.old.is_some() || self.new.is_some() {
            let show = |v: &Option<String>| v.as_deref().map_or("none".to_owned(), short);
            what.push(format!("{} -> {}", show(&self.old), show(&self.new)));
        }
        if !self.note.is_empty() {
            what.push(self.note.clone());
        }
        format!("{:<9} {}: {}", self.class, self.path, what.join("; "))
    }
}

/// A value on one line, shortened past 60 characters.
fn short(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 60 {
        format!("{}...", one.chars().take(57).collect::<String>())
    } else {
        one
    }
}

/// The largest class among `changes` (`None` when there is none).
pub fn class_of(changes: &[Change]) -> Option<Class> {
    changes.iter().map(|c| c.class).max()
}

/// A version bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// A semantic version (the `semver` crate: pre-releases ordered by their identifiers, so
/// `rc.10` comes after `rc.9`).
pub fn parse_version(v: &str) -> Option<semver::Version> {
    semver::Version::parse(v).ok()
}

/// The bump a change of `class` needs from `old` (semver: breaking is major, or minor while
/// the major is 0; additive is minor; docs is patch).
pub fn needed_bump(old: &str, class: Class) -> Bump {
    let major = parse_version(old).map_or(1, |v| v.major);
    match class {
        Class::Breaking if major == 0 => Bump::Minor,
        Class::Breaking => Bump::Major,
        Class::Additive => Bump::Minor,
        Class::Docs => Bump::Patch,
    }
}

/// The lowest version that has `bump` over `old` (`0.4.1` + minor = `0.5.0`).
pub fn bumped(old: &str, bump: Bump) -> Option<String> {
    let v = parse_version(old)?;
    Some(match bump {
        Bump::Major => format!("{}.0.0", v.major + 1),
        Bump::Minor => format!("{}.{}.0", v.major, v.minor + 1),
        Bump::Patch => format!("{}.{}.{}", v.major, v.minor, v.patch + 1),
    })
}

/// Whether going from version `old` to `new` is the bump that changes of `class` need
/// (`None`: no change, any version will do). A larger bump will do; so will a pre-release
/// of the right next version (`1.0.0-rc.1`). From a pre-release, any later version will
/// do (a pre-release promises nothing). `Err` says what is wrong and which version is
/// the least that would do.
pub fn check_bump(old: &str, new: &str, class: Option<Class>) -> Result<(), String> {
    let Some(class) = class else { return Ok(()) };
    let (Some(o), Some(n)) = (parse_version(old), parse_version(new)) else {
        return Err(format!("`{old}` or `{new}` is not a semantic version"));
    };
    if !o.pre.is_empty() {
        return if n.cmp_precedence(&o).is_gt() {
            Ok(())
        } else {
            Err(format!(
                "the spec changed ({class}) but version {new} does not come after {old}"
            ))
        };
    }
    let bump = needed_bump(old, class);
    let least = bumped(old, bump).unwrap_or_default();
    let core = |v: &semver::Version| (v.major, v.minor, v.patch);
    if parse_version(&least).is_some_and(|t| core(&n) >= core(&t)) {
        Ok(())
    } else {
        Err(format!(
            "the spec changed ({class}) since {old}: that needs a {bump} bump, to {least} or later (a pre-release of it will do), but the version is {new}"
        ))
    }
}

/// Every difference from `old` to `new`, in order: top level, parameters, types, catalog.
pub fn diff(old: &Model, new: &Model) -> Vec<Change> {
    let mut d = Differ {
        old,
        new,
        out: Vec::new(),
    };
    d.top();
    d.params();
    d.types();
    d.catalog();
    d.out
}

/// The text report: one line per change, then the summary.
pub fn render_text(old_version: &str, new_version: &str, changes: &[Change]) -> String {
    let mut s: String = changes.iter().map(|c| c.line() + "\n").collect();
    s.push_str(&summary(old_version, new_version, changes));
    s.push('\n');
    s
}

/// `3 changes (1 breaking, 2 additive, 0 docs) from 0.4.0 to 0.5.0: needs a minor bump
/// (0.5.0 or later)`, and whether the version has it.
pub fn summary(old_version: &str, new_version: &str, changes: &[Change]) -> String {
    let count = |k: Class| changes.iter().filter(|c| c.class == k).count();
    let Some(class) = class_of(changes) else {
        return format!("no change from {old_version} to {new_version}");
    };
    let bump = needed_bump(old_version, class);
    let least = bumped(old_version, bump).unwrap_or_default();
    let verdict = match check_bump(old_version, new_version, Some(class)) {
        Ok(()) => format!("version {new_version} has it"),
        Err(_) => format!("version {new_version} does not"),
    };
    format!(
        "{} change{} ({} breaking, {} additive, {} docs) from {old_version} to {new_version}: needs a {bump} bump ({least} or later); {verdict}",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" },
        count(Class::Breaking),
        count(Class::Additive),
        count(Class::Docs),
    )
}

/// The JSON report: `{ old_version, new_version, changes: [{path, class, old, new, note}],
/// summary: { breaking, additive, docs, class, bump, least, ok } }`.
pub fn to_json(old_version: &str, new_version: &str, changes: &[Change]) -> Value {
    let count = |k: Class| changes.iter().filter(|c| c.class == k).count();
    let class = class_of(changes);
    let bump = class.map(|c| needed_bump(old_version, c));
    json!({
        "old_version": old_version,
        "new_version": new_version,
        "changes": changes.iter().map(|c| json!({
            "path": c.path,
            "class": c.class.as_str(),
            "old": c.old,
            "new": c.new,
            "note": c.note,
        })).collect::<Vec<_>>(),
        "summary": {
            "breaking": count(Class::Breaking),
            "additive": count(Class::Additive),
            "docs": count(Class::Docs),
            "class": class.map(Class::as_str),
            "bump": bump.map(|b| b.to_string()),
            "least": bump.and_then(|b| bumped(old_version, b)),
            "ok": check_bump(old_version, new_version, class).is_ok(),
        },
    })
}

/// The changelog section of `version` (a markdown `## version` heading, then `###
/// Breaking`, `### Added`, `### Docs`), one bullet per change.
pub fn changelog_section(version: &str, changes: &[Change]) -> String {
    let mut s = format!("## {version}\n");
    if changes.is_empty() {
        s.push_str("\nNo change to the spec.\n");
    }
    for (class, title) in [
        (Class::Breaking, "Breaking"),
        (Class::Additive, "Added"),
        (Class::Docs, "Docs"),
    ] {
        let of: Vec<&Change> = changes.iter().filter(|c| c.class == class).collect();
        if of.is_empty() {
            continue;
        }
        s.push_str(&format!("\n### {title}\n\n"));
        for c in of {
            let line = c.line();
            let rest = line[9..].trim_start();
            let (path, what) = rest.split_once(": ").unwrap_or((rest, ""));
            s.push_str(&format!("- `{path}`: {what}\n"));
        }
    }
    s
}

struct Differ<'a> {
    old: &'a Model,
    new: &'a Model,
    out: Vec<Change>,
}

fn show_value(v: &Value) -> String {
    v.to_string()
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

fn list(v: &[String]) -> String {
    format!("[{}]", v.join(", "))
}

impl Differ<'_> {
    fn push(&mut self, path: String, class: Class, old: Option<String>, new: Option<String>) {
        self.out.push(Change {
            path,
            class,
            old,
            new,
            note: String::new(),
        });
    }

    fn note(&mut self, path: String, class: Class, note: impl Into<String>) {
        self.out.push(Change {
            path,
            class,
            old: None,
            new: None,
            note: note.into(),
        });
    }

    /// A text that only documents: `docs` when it changed.
    fn text(&mut self, path: String, old: &str, new: &str) {
        if old != new {
            let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            self.push(path, Class::Docs, some(old), some(new));
        }
    }

    fn opt_text(&mut self, path: String, old: &Option<String>, new: &Option<String>) {
        self.text(
            path,
            old.as_deref().unwrap_or(""),
            new.as_deref().unwrap_or(""),
        );
    }

    fn top(&mut self) {
        let (o, n) = (self.old, self.new);
        self.text("description".into(), &o.description, &n.description);
        if o.options_name != n.options_name {
            self.push(
                "options_name".into(),
                Class::Breaking,
                Some(o.options_name.clone()),
                Some(n.options_name.clone()),
            );
        }
        for (key, a, b) in [
            ("rust", &o.packages.rust, &n.packages.rust),
            ("npm", &o.packages.npm, &n.packages.npm),
            ("python", &o.packages.python, &n.packages.python),
        ] {
            if a != b {
                self.push(
                    format!("packages.{key}"),
                    Class::Breaking,
                    Some(a.clone()),
                    Some(b.clone()),
                );
            }
        }
        let (op, np) = (&o.packages, &n.packages);
        self.opt_text("packages.repository".into(), &op.repository, &np.repository);
        self.opt_text("packages.homepage".into(), &op.homepage, &np.homepage);
        self.opt_text(
            "packages.documentation".into(),
            &op.documentation,
            &np.documentation,
        );
        self.text(
            "packages.keywords".into(),
            &op.keywords.join(", "),
            &np.keywords.join(", "),
        );
        self.text("packages.license".into(), &op.license, &np.license);
        self.opt_text("packages.changelog".into(), &op.changelog, &np.changelog);
        let show = |s: &crate::model::Source| {
            format!("{} ({})", s.title, s.url.as_deref().unwrap_or("no url"))
        };
        for s in &n.sources {
            match o.sources.iter().find(|x| x.id == s.id) {
                None => self.push(
                    format!("sources.{}", s.id),
                    Class::Docs,
                    None,
                    Some(show(s)),
                ),
                Some(x) => self.text(format!("sources.{}", s.id), &show(x), &show(s)),
            }
        }
        for s in o
            .sources
            .iter()
            .filter(|s| !n.sources.iter().any(|x| x.id == s.id))
        {
            self.push(
                format!("sources.{}", s.id),
                Class::Docs,
                Some(show(s)),
                None,
            );
        }
        let ex = |m: &Model| {
            m.example
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.text("example".into(), &ex(o), &ex(n));
    }

    fn params(&mut self) {
        let (o, n) = (self.old, self.new);
        for p in &n.params {
            let path = format!("parameters.{}", p.name);
            match o.param(&p.name) {
                Some(old) => self.param(&path, old, p),
                None => {
                    let note = match &p.renamed_from {
                        Some(r) => format!(
                            "added, renamed from `{}` (the old name still works, deprecated, until after {})",
                            r.name, r.since
                        ),
                        None => match self.alias_of(&p.name) {
                            Some(to) => format!(
                                "added as the former name of `{to}` (declared with `renamed_from`)"
                            ),
                            None => "added".to_owned(),
                        },
                    };
                    self.note(path, Class::Additive, note)
                }
            }
        }
        for p in o.params.iter().filter(|p| n.param(&p.name).is_none()) {
            let path = format!("parameters.{}", p.name);
            let twins: Vec<&str> = n
                .params
                .iter()
                .filter(|q| o.param(&q.name).is_none() && self.same_ty(&p.ty, &q.ty))
                .map(|q| q.name.as_str())
                .collect();
            let note = match twins.as_slice() {
                [] => "removed".to_owned(),
                names => format!(
                    "removed (possible rename to {}: same type and limits; declare it with `renamed_from: {{ name: {}, since: {} }}` on the new parameter)",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    p.name,
                    n.version
                ),
            };
            self.note(path, Class::Breaking, note);
        }
    }

    /// The same type with the same limits, inline types compared by their content (their
    /// names follow the parameter's).
    fn same_ty(&self, a: &Ty, b: &Ty) -> bool {
        match (a, b) {
            (Ty::List { item: x, items: i }, Ty::List { item: y, items: j }) => {
                i == j && self.same_ty(x, y)
            }
            (
                Ty::Map {
                    value: x,
                    entries: e,
                    key_length: k,
                    key_format: f,
                },
                Ty::Map {
                    value: y,
                    entries: e2,
                    key_length: k2,
                    key_format: f2,
                },
            ) => e == e2 && k == k2 && f == f2 && self.same_ty(x, y),
            (Ty::Named(x), Ty::Named(y)) => match (self.old.named(x), self.new.named(y)) {
                (Some(tx), Some(ty)) if tx.inline && ty.inline => match (&tx.kind, &ty.kind) {
                    (NamedKind::Union(a), NamedKind::Union(b)) => {
                        a.len() == b.len() && a.iter().zip(b).all(|(a, b)| self.same_ty(a, b))
                    }
                    _ => false,
                },
                _ => x == y,
            },
            _ => a == b,
        }
    }

    fn param(&mut self, path: &str, o: &Param, n: &Param) {
        let both_old = |name: &str| self.old.param(name).is_some();
        self.ty(&format!("{path}.type"), &o.ty, &n.ty);
        if o.default != n.default {
            self.push(
                format!("{path}.default"),
                Class::Docs,
                o.default.as_ref().map(show_value),
                n.default.as_ref().map(show_value),
            );
        }
        if o.reasoning != n.reasoning {
            use crate::model::ReasoningSupport::*;
            let class = match (o.reasoning, n.reasoning) {
                (Unsupported | Only, Supported) => Class::Additive,
                _ => Class::Breaking,
            };
            let r = |r: crate::model::ReasoningSupport| format!("{r:?}").to_lowercase();
            self.push(
                format!("{path}.reasoning"),
                class,
                Some(r(o.reasoning)),
                Some(r(n.reasoning)),
            );
        }
        for x in &n.exclusive_with {
            // Each pair once, on its first name; a pair with a parameter that is new
            // breaks no request (that parameter was refused before).
            if !o.exclusive_with.contains(x) && (n.name < *x || self.old.param(x).is_none()) {
                let class = if both_old(x) && both_old(&n.name) {
                    Class::Breaking
                } else {
                    Class::Additive
                };
                self.note(format!("{path}.exclusive_with"), class, format!("+ {x}"));
            }
        }
        for x in &o.exclusive_with {
            if !n.exclusive_with.contains(x) && (n.name < *x || self.new.param(x).is_none()) {
                self.note(
                    format!("{path}.exclusive_with"),
                    Class::Additive,
                    format!("- {x}"),
                );
            }
        }
        for (k, v) in &n.requires {
            let at = format!("{path}.requires.{k}");
            match o.requires.iter().find(|(ok, _)| ok == k) {
                None => self.push(at, Class::Breaking, None, Some(show_value(v))),
                Some((_, ov)) if ov != v => self.push(
                    at,
                    Class::Breaking,
                    Some(show_value(ov)),
                    Some(show_value(v)),
                ),
                Some(_) => {}
            }
        }
        for (k, v) in &o.requires {
            if !n.requires.iter().any(|(nk, _)| nk == k) {
                self.push(
                    format!("{path}.requires.{k}"),
                    Class::Additive,
                    Some(show_value(v)),
                    None,
                );
            }
        }
        match (&o.deprecated, &n.deprecated) {
            (None, None) => {}
            (None, Some(d)) => {
                let note = match (self.alias_of(&n.name), &d.moves_to) {
                    (Some(to), _) => format!("renamed to `{to}` (declared with `renamed_from`)"),
                    (None, Some(to)) => format!("deprecated, its value moves to `{to}`"),
                    (None, None) => "deprecated".to_owned(),
                };
                self.note(format!("{path}.deprecated"), Class::Docs, note);
            }
            (Some(_), None) => self.note(
                format!("{path}.deprecated"),
                Class::Docs,
                "no longer deprecated",
            ),
            (Some(a), Some(b)) => {
                if a.moves_to != b.moves_to {
                    let class = if a.moves_to.is_none() {
                        Class::Additive
                    } else {
                        Class::Breaking
                    };
                    self.push(
                        format!("{path}.deprecated.moves_to"),
                        class,
                        a.moves_to.clone(),
                        b.moves_to.clone(),
                    );
                }
                self.text(
                    format!("{path}.deprecated.replaced_by"),
                    &list(&a.replaced_by),
                    &list(&b.replaced_by),
                );
                self.text(format!("{path}.deprecated.note"), &a.note, &b.note);
            }
        }
        if o.requires_tools != n.requires_tools {
            let class = if n.requires_tools {
                Class::Breaking
            } else {
                Class::Additive
            };
            self.push(
                format!("{path}.requires_tools"),
                class,
                Some(o.requires_tools.to_string()),
                Some(n.requires_tools.to_string()),
            );
        }
        // A declared rename's old name takes the texts of a renamed parameter: its
        // deprecation line says so.
        if !self.is_alias(&n.name) {
            self.text(format!("{path}.summary"), &o.summary, &n.summary);
            self.text(
                format!("{path}.description"),
                &o.description,
                &n.description,
            );
            self.opt_text(format!("{path}.source"), &o.source, &n.source);
        }
        if o.extension != n.extension {
            self.push(
                format!("{path}.extension"),
                Class::Docs,
                Some(o.extension.to_string()),
                Some(n.extension.to_string()),
            );
        }
    }

    /// The JSON kind of a value of `t` (a union member is picked by it), in the old spec's
    /// types or the new one's.
    fn json_kind(&self, t: &Ty, old: bool) -> &'static str {
        let types = if old { self.old } else { self.new };
        match t {
            Ty::Bool => "boolean",
            Ty::Integer(_) | Ty::Float(_) => "number",
            Ty::String(_) => "string",
            Ty::List { .. } => "array",
            Ty::Map { .. } => "object",
            Ty::Named(n) => match types.named(n).map(|t| &t.kind) {
                Some(NamedKind::Enum(_)) => "string",
                Some(NamedKind::Object(_)) => "object",
                _ => "union",
            },
        }
    }

    fn ty_name(&self, t: &Ty) -> String {
        match t {
            Ty::Bool => "boolean".into(),
            Ty::Integer(_) => "integer".into(),
            Ty::Float(_) => "float".into(),
            Ty::String(_) => "string".into(),
            Ty::List { item, .. } => format!("list of {}", self.ty_name(item)),
            Ty::Map { value, .. } => format!("map of {}", self.ty_name(value)),
            Ty::Named(n) => n.clone(),
        }
    }

    /// A type and its limits; named types are compared under `types.`.
    fn ty(&mut self, path: &str, o: &Ty, n: &Ty) {
        match (o, n) {
            (Ty::Bool, Ty::Bool) => {}
            (Ty::Integer(a), Ty::Integer(b)) | (Ty::Float(a), Ty::Float(b)) => {
                self.range(&format!("{path}.range"), a, b)
            }
            (Ty::String(a), Ty::String(b)) => self.count(&format!("{path}.length"), a, b),
            (Ty::List { item: x, items: a }, Ty::List { item: y, items: b }) => {
                self.count(&format!("{path}.items"), a, b);
                self.ty(&format!("{path}.item"), x, y);
            }
            (
                Ty::Map {
                    value: x,
                    entries: a,
                    key_length: ka,
                    key_format: fa,
                },
                Ty::Map {
                    value: y,
                    entries: b,
                    key_length: kb,
                    key_format: fb,
                },
            ) => {
                self.count(&format!("{path}.entries"), a, b);
                self.count(&format!("{path}.keys.length"), ka, kb);
                if fa != fb {
                    let f = |k: &Option<crate::model::KeyFormat>| {
                        k.map(|k| format!("{k:?}").to_lowercase())
                    };
                    let class = if fb.is_none() {
                        Class::Additive
                    } else {
                        Class::Breaking
                    };
                    self.push(format!("{path}.keys.format"), class, f(fa), f(fb));
                }
                self.ty(&format!("{path}.value"), x, y);
            }
            (Ty::Named(a), Ty::Named(b)) if a == b => {}
            (Ty::Named(a), Ty::Named(b))
                if self.old.named(a).is_some_and(|t| t.inline)
                    && self.new.named(b).is_some_and(|t| t.inline) =>
            {
                // An inline union renamed with its parameter: compare the content.
                if let (Some(x), Some(y)) = (self.old.named(a), self.new.named(b)) {
                    let (x, y) = (x.clone(), y.clone());
                    self.named_kind(path, &x, &y);
                }
            }
            _ => self.push(
                path.to_owned(),
                Class::Breaking,
                Some(self.ty_name(o)),
                Some(self.ty_name(n)),
            ),
        }
    }

    fn bound(&mut self, path: String, o: Option<f64>, n: Option<f64>, is_min: bool) {
        if o == n {
            return;
        }
        let narrower = match (o, n) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => {
                if is_min {
                    b > a
                } else {
                    b < a
                }
            }
            (None, None) => return,
        };
        let class = if narrower {
            Class::Breaking
        } else {
            Class::Additive
        };
        self.push(path, class, o.map(num), n.map(num));
    }

    fn range(&mut self, path: &str, o: &Range, n: &Range) {
        self.bound(format!("{path}.min"), o.min, n.min, true);
        self.bound(format!("{path}.max"), o.max, n.max, false);
    }

    fn count(&mut self, path: &str, o: &Count, n: &Count) {
        let f = |v: Option<u64>| v.map(|v| v as f64);
        self.bound(format!("{path}.min"), f(o.min), f(n.min), true);
        self.bound(format!("{path}.max"), f(o.max), f(n.max), false);
    }

    fn types(&mut self) {
        let (o, n) = (self.old, self.new);
        for t in &n.types {
            let path = format!("types.{}", t.name);
            match o.named(&t.name) {
                Some(old) => self.named_type(&path, old, t),
                None if !t.inline => self.note(path, Class::Additive, "added"),
                None => {}
            }
        }
        for t in o
            .types
            .iter()
            .filter(|t| !t.inline && n.named(&t.name).is_none())
        {
            self.note(format!("types.{}", t.name), Class::Breaking, "removed");
        }
    }

    fn named_type(&mut self, path: &str, o: &NamedType, n: &NamedType) {
        self.text(
            format!("{path}.description"),
            &o.description,
            &n.description,
        );
        self.named_kind(path, o, n);
    }

    fn named_kind(&mut self, path: &str, o: &NamedType, n: &NamedType) {
        let kind = |k: &NamedKind| match k {
            NamedKind::Enum(_) => "enum",
            NamedKind::Object(_) => "object",
            NamedKind::Union(_) => "union",
        };
        match (&o.kind, &n.kind) {
            (NamedKind::Enum(a), NamedKind::Enum(b)) => {
                for v in b {
                    let at = format!("{path}.values.{}", v.value);
                    match a.iter().find(|x| x.value == v.value) {
                        None => self.note(at, Class::Additive, "added"),
                        Some(x) => {
                            self.text(format!("{at}.description"), &x.description, &v.description)
                        }
                    }
                }
                for v in a.iter().filter(|x| !b.iter().any(|v| v.value == x.value)) {
                    self.note(
                        format!("{path}.values.{}", v.value),
                        Class::Breaking,
                        "removed",
                    );
                }
            }
            (NamedKind::Object(a), NamedKind::Object(b)) => {
                for f in b {
                    let at = format!("{path}.fields.{}", f.name);
                    let Some(x) = a.iter().find(|x| x.name == f.name) else {
                        if f.required {
                            self.note(at, Class::Breaking, "added, required");
                        } else {
                            self.note(at, Class::Additive, "added");
                        }
                        continue;
                    };
                    if x.required != f.required {
                        let class = if f.required {
                            Class::Breaking
                        } else {
                            Class::Additive
                        };
                        self.push(
                            format!("{at}.required"),
                            class,
                            Some(x.required.to_string()),
                            Some(f.required.to_string()),
                        );
                    }
                    if x.nullable != f.nullable {
                        let class = if f.nullable {
                            Class::Additive
                        } else {
                            Class::Breaking
                        };
                        self.push(
                            format!("{at}.nullable"),
                            class,
                            Some(x.nullable.to_string()),
                            Some(f.nullable.to_string()),
                        );
                    }
                    self.ty(&format!("{at}.type"), &x.ty, &f.ty);
                    self.text(format!("{at}.description"), &x.description, &f.description);
                }
                for x in a.iter().filter(|x| !b.iter().any(|f| f.name == x.name)) {
                    self.note(
                        format!("{path}.fields.{}", x.name),
                        Class::Breaking,
                        "removed",
                    );
                }
            }
            (NamedKind::Union(a), NamedKind::Union(b)) => {
                // Members are paired by what they are, not by position: the same type
                // first, then one of the same JSON kind (compared for its limits). A member
                // inserted or moved is then not every later member changed. Paths name the
                // new position, the old one for a removed member.
                let mut pair: Vec<Option<usize>> = vec![None; a.len()];
                let mut taken = vec![false; b.len()];
                for (i, x) in a.iter().enumerate() {
                    if let Some(j) = (0..b.len()).find(|&j| !taken[j] && self.same_ty(x, &b[j])) {
                        taken[j] = true;
                        pair[i] = Some(j);
                    }
                }
                for (i, x) in a.iter().enumerate() {
                    if pair[i].is_some() {
                        continue;
                    }
                    let k = self.json_kind(x, true);
                    if let Some(j) =
                        (0..b.len()).find(|&j| !taken[j] && self.json_kind(&b[j], false) == k)
                    {
                        taken[j] = true;
                        pair[i] = Some(j);
                    }
                }
                for (i, x) in a.iter().enumerate() {
                    match pair[i] {
                        Some(j) => self.ty(&format!("{path}.one_of.{j}"), x, &b[j]),
                        None => self.push(
                            format!("{path}.one_of.{i}"),
                            Class::Breaking,
                            Some(self.ty_name(x)),
                            None,
                        ),
                    }
                }
                for (j, y) in b.iter().enumerate().filter(|(j, _)| !taken[*j]) {
                    self.push(
                        format!("{path}.one_of.{j}"),
                        Class::Additive,
                        None,
                        Some(self.ty_name(y)),
                    );
                }
            }
            (a, b) => self.push(
                path.to_owned(),
                Class::Breaking,
                Some(kind(a).to_owned()),
                Some(kind(b).to_owned()),
            ),
        }
    }

    fn catalog(&mut self) {
        let (o, n) = (&self.old.catalog, &self.new.catalog);
        self.text("catalog.description".into(), &o.description, &n.description);
        let eff = |e: &Option<crate::model::Effort>| {
            e.as_ref()
                .map(|e| format!("{} (off: {})", e.parameter, e.off))
        };
        if o.effort != n.effort {
            self.push(
                "catalog.effort".into(),
                Class::Breaking,
                eff(&o.effort),
                eff(&n.effort),
            );
        }
        for p in &n.output_parameters {
            if !o.output_parameters.contains(p) {
                self.note(
                    "catalog.output_parameters".into(),
                    Class::Breaking,
                    format!("+ {p}"),
                );
            }
        }
        for p in &o.output_parameters {
            if !n.output_parameters.contains(p) {
                self.note(
                    "catalog.output_parameters".into(),
                    Class::Additive,
                    format!("- {p}"),
                );
            }
        }
        for f in &n.families {
            let path = format!("families.{}", f.name);
            match o.families.iter().find(|x| x.name == f.name) {
                None => self.note(path, Class::Additive, "added"),
                Some(x) => self.family(&path, x, f),
            }
        }
        for f in o
            .families
            .iter()
            .filter(|f| !n.families.iter().any(|x| x.name == f.name))
        {
            self.note(format!("families.{}", f.name), Class::Breaking, "removed");
        }
        for e in &n.family_entries {
            if let Some(x) = o.family_entries.iter().find(|x| x.family == e.family) {
                self.rules(&format!("families.{}", e.family), x, e);
            } else if o.families.iter().any(|f| f.name == e.family) {
                for p in &e.prefixes {
                    self.note(
                        format!("families.{}.prefixes", e.family),
                        Class::Additive,
                        format!("+ {p}"),
                    );
                }
            }
        }
        for x in &o.family_entries {
            if n.families.iter().any(|f| f.name == x.family)
                && !n.family_entries.iter().any(|e| e.family == x.family)
            {
                for p in &x.prefixes {
                    self.note(
                        format!("families.{}.prefixes", x.family),
                        Class::Breaking,
                        format!("- {p}"),
                    );
                }
            }
        }
        for m in &n.models {
            let path = format!("models.{}", m.id);
            match o.models.iter().find(|x| x.id == m.id) {
                None => self.note(path, Class::Additive, "added"),
                Some(x) => self.model(&path, x, m),
            }
        }
        for m in o
            .models
            .iter()
            .filter(|m| !n.models.iter().any(|x| x.id == m.id))
        {
            self.note(format!("models.{}", m.id), Class::Breaking, "removed");
        }
    }

    /// A parameter newly rejected breaks requests that send it, unless its value moves
    /// to another parameter (a deprecation with `moves_to`, a declared rename) or it is new.
    fn rejection_class(&self, param: &str) -> Class {
        let moves = self
            .new
            .param(param)
            .and_then(|p| p.deprecated.as_ref())
            .is_some_and(|d| d.moves_to.is_some());
        if moves || self.old.param(param).is_none() {
            Class::Additive
        } else {
            Class::Breaking
        }
    }

    /// The new name of `old` when the new spec declares the rename (`renamed_from`).
    fn alias_of(&self, old: &str) -> Option<&str> {
        Self::alias_in(self.new, old)
    }

    /// Whether either side declares `name` as the former name of a parameter.
    fn is_alias(&self, name: &str) -> bool {
        Self::alias_in(self.old, name).is_some() || Self::alias_in(self.new, name).is_some()
    }

    fn alias_in<'m>(model: &'m Model, old: &str) -> Option<&'m str> {
        model
            .params
            .iter()
            .find(|q| q.renamed_from.as_ref().is_some_and(|r| r.name == old))
            .map(|q| q.name.as_str())
    }

    /// Rejections of a declared rename's old name (every model gets one) are the rename's
    /// line; a removed parameter's, the removal's.
    fn rejects(&mut self, path: &str, o: &[String], n: &[String]) {
        let added: Vec<&String> = n
            .iter()
            .filter(|p| !o.contains(p) && !self.is_alias(p))
            .collect();
        for p in added {
            let class = self.rejection_class(p);
            self.note(format!("{path}.rejects"), class, format!("+ {p}"));
        }
        let lifted: Vec<&String> = o
            .iter()
            .filter(|p| !n.contains(p) && self.new.param(p).is_some() && !self.is_alias(p))
            .collect();
        for p in lifted {
            self.note(format!("{path}.rejects"), Class::Additive, format!("- {p}"));
        }
    }

    fn allowed(&mut self, path: &str, o: &[String], n: &[String]) {
        for p in n.iter().filter(|p| !o.contains(p)) {
            self.note(path.to_owned(), Class::Additive, format!("+ {p}"));
        }
        for p in o.iter().filter(|p| !n.contains(p)) {
            self.note(path.to_owned(), Class::Breaking, format!("- {p}"));
        }
    }

    fn family(&mut self, path: &str, o: &Family, n: &Family) {
        if o.reasoning != n.reasoning {
            self.push(
                format!("{path}.reasoning"),
                Class::Breaking,
                Some(o.reasoning.to_string()),
                Some(n.reasoning.to_string()),
            );
        }
        self.rejects(path, &o.rejects, &n.rejects);
        self.allowed(
            &format!("{path}.allowed_at_effort_none"),
            &o.allowed_at_effort_none,
            &n.allowed_at_effort_none,
        );
        self.text(
            format!("{path}.description"),
            &o.description,
            &n.description,
        );
        self.opt_text(format!("{path}.source"), &o.source, &n.source);
    }

    fn model(&mut self, path: &str, o: &CatalogModel, n: &CatalogModel) {
        if o.family != n.family {
            self.push(
                format!("{path}.family"),
                Class::Breaking,
                Some(o.family.clone()),
                Some(n.family.clone()),
            );
        }
        if o.reasoning != n.reasoning {
            self.push(
                format!("{path}.reasoning"),
                Class::Breaking,
                Some(o.reasoning.to_string()),
                Some(n.reasoning.to_string()),
            );
        }
        self.rejects(path, &o.rejects, &n.rejects);
        self.allowed(
            &format!("{path}.allowed_at_effort_none"),
            &o.allowed_at_effort_off,
            &n.allowed_at_effort_off,
        );
        self.rules(path, o, n);
        match (&o.deprecated, &n.deprecated) {
            (None, Some(_)) => self.note(format!("{path}.deprecated"), Class::Docs, "deprecated"),
            (Some(_), None) => self.note(
                format!("{path}.deprecated"),
                Class::Docs,
                "no longer deprecated",
            ),
            (Some(a), Some(b)) if a != b => {
                let f = |d: &crate::model::ModelDeprecation| {
                    format!(
                        "shutdown {}, successor {}",
                        d.shutdown.as_deref().unwrap_or("none"),
                        d.successor.as_deref().unwrap_or("none")
                    )
                };
                self.push(
                    format!("{path}.deprecated"),
                    Class::Docs,
                    Some(f(a)),
                    Some(f(b)),
                )
            }
            _ => {}
        }
    }

    /// The efforts a range takes, in the effort enum's order.
    fn effort_set(&self, model: &Model, e: &EffortRange) -> Vec<String> {
        if !e.accepted.is_empty() {
            return e.accepted.clone();
        }
        let values = model
            .catalog
            .effort
            .as_ref()
            .and_then(|eff| model.param(&eff.parameter))
            .and_then(|p| crate::check::enum_values(model, &p.ty))
            .unwrap_or_default();
        let lo = e
            .lowest
            .as_ref()
            .and_then(|l| values.iter().position(|v| v == l))
            .unwrap_or(0);
        let hi = e
            .highest
            .as_ref()
            .and_then(|h| values.iter().position(|v| v == h))
            .unwrap_or(values.len().saturating_sub(1));
        values
            .iter()
            .enumerate()
            .filter(|(i, _)| *i >= lo && *i <= hi)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The per-model rules a model or a family with prefixes has (families' rejects are
    /// compared on the family).
    fn rules(&mut self, path: &str, o: &CatalogModel, n: &CatalogModel) {
        let (so, sn) = (
            self.effort_set(self.old, &o.efforts),
            self.effort_set(self.new, &n.efforts),
        );
        if so != sn {
            let class = if so.iter().all(|e| sn.contains(e)) {
                Class::Additive
            } else {
                Class::Breaking
            };
            self.push(
                format!("{path}.efforts"),
                class,
                Some(list(&so)),
                Some(list(&sn)),
            );
        }
        if o.efforts.default != n.efforts.default {
            self.push(
                format!("{path}.efforts.default"),
                Class::Docs,
                o.efforts.default.clone(),
                n.efforts.default.clone(),
            );
        }
        let tools = |m: &CatalogModel| {
            m.tools
                .as_ref()
                .map(|(t, _)| format!("{t:?}").to_lowercase())
                .or_else(|| m.rejects_effort_with_tools.then(|| "reject".to_owned()))
        };
        let (to, tn) = (tools(o), tools(n));
        if to != tn {
            let class = if tn.is_none() {
                Class::Additive
            } else {
                Class::Breaking
            };
            self.push(format!("{path}.tools.effort"), class, to, tn);
        }
        for v in &n.values {
            let at = format!("{path}.values.{}", v.param);
            match o.values.iter().find(|x| x.param == v.param) {
                None => self.push(at, Class::Breaking, None, Some(list(&v.only))),
                Some(x) if x.only != v.only => {
                    let class = if x.only.iter().all(|a| v.only.contains(a)) {
                        Class::Additive
                    } else {
                        Class::Breaking
                    };
                    self.push(at, class, Some(list(&x.only)), Some(list(&v.only)));
                }
                Some(_) => {}
            }
        }
        for x in o
            .values
            .iter()
            .filter(|x| !n.values.iter().any(|v| v.param == x.param))
        {
            self.push(
                format!("{path}.values.{}", x.param),
                Class::Additive,
                Some(list(&x.only)),
                None,
            );
        }
        for l in &n.limits {
            let at = format!("{path}.limits.{}", l.param);
            let old = o
                .limits
                .iter()
                .find(|x| x.param == l.param)
                .map(|x| x.range)
                .unwrap_or_default();
            self.range(&at, &old, &l.range);
        }
        for x in o
            .limits
            .iter()
            .filter(|x| !n.limits.iter().any(|l| l.param == x.param))
        {
            self.range(
                &format!("{path}.limits.{}", x.param),
                &x.range,
                &Range::default(),
            );
        }
        let (oo, no) = (o.output.as_ref(), n.output.as_ref());
        // The cap itself is enforced through `limits` (of the output parameters), reported
        // above; here it is what a source says.
        let mt = |x: Option<&crate::model::OutputFacts>| {
            x.and_then(|x| x.max_tokens).map(|v| v.to_string())
        };
        if mt(oo) != mt(no) {
            self.push(
                format!("{path}.output.max_tokens"),
                Class::Docs,
                mt(oo),
                mt(no),
            );
        }
        let cw = |x: Option<&crate::model::OutputFacts>| {
            x.and_then(|x| x.context_window).map(|v| v.to_string())
        };
        if cw(oo) != cw(no) {
            self.push(
                format!("{path}.output.context_window"),
                Class::Docs,
                cw(oo),
                cw(no),
            );
        }
        for p in n.prefixes.iter().filter(|p| !o.prefixes.contains(p)) {
            self.note(
                format!("{path}.prefixes"),
                Class::Additive,
                format!("+ {p}"),
            );
        }
        for p in o.prefixes.iter().filter(|p| !n.prefixes.contains(p)) {
            self.note(
                format!("{path}.prefixes"),
                Class::Breaking,
                format!("- {p}"),
            );
        }
    }
}
