//! The Python target: the `llm-params` distribution (import name `llm_params`).
//!
//! Generated from the model: the `TypedDict`s and `Literal` aliases (`_options.py`), the
//! spec's tables (`_rules.py`), the package's `__init__.py`, manifest, README and the
//! example test. Kept beside the generator and embedded as they are (with the header):
//! the engine that interprets the tables and the command-line checker of `docs/cli.md`
//! (`codegen/runtime/python/`; the command is named like the distribution: `COMMAND` in
//! `_rules.py`, a console script in `pyproject.toml`), the tests that hold for any spec
//! (`codegen/runtime/python/tests/`) and the pinned test requirements. The engine's own
//! tests (`codegen/runtime/python/engine_tests/`) are not embedded: they run on the
//! package of the `full` fixture spec.
//!
//! Python code is built as text: there is no Python syntax tree in Rust worth the
//! dependency, and every piece of text that comes from the spec goes through one of
//! [`py_str`], [`docstring`] or [`comment`], which make it inert.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use crate::OutputFile;
use crate::emit::doc;
use crate::model::{Count, Field, Model, NamedKind, NamedType, Param, Range, Ty};
use crate::plan;

/// Where the distribution goes.
pub const DIR: &str = "generated/python";
/// Where the package's tests find the conformance vectors: `xtask` copies every file of
/// [`super::conformance::DIR`] there, so the sdist's tests run outside the repository.
pub const VECTORS_DIR: &str = "generated/python/tests/conformance";

/// Where a hand-written file goes.
#[derive(Clone, Copy)]
enum Place {
    /// In the package directory (`src/<module>/`).
    Package,
    /// At this path in the distribution.
    Dist,
}

/// A file kept beside the generator and copied into the package.
struct Embedded {
    place: Place,
    path: &'static str,
    /// Path of the source, for the header.
    source: &'static str,
    text: &'static str,
}

macro_rules! embedded {
    ($place:ident, $path:literal) => {
        Embedded {
            place: Place::$place,
            path: $path,
            source: concat!("codegen/runtime/python/", $path),
            text: include_str!(concat!("../../runtime/python/", $path)),
        }
    };
}

/// Hand-written files, the same for every spec. The tests hold for any spec: they name no
/// parameter, type or model, and read what they need from the package and the vectors
/// (`tests/conformance/`, copied there by `cargo xtask gen`, so the sdist carries them).
const EMBEDDED: &[Embedded] = &[
    embedded!(Package, "_engine.py"),
    embedded!(Package, "_tables.py"),
    embedded!(Package, "_cli.py"),
    embedded!(Package, "__main__.py"),
    embedded!(Dist, "tests/test_cli.py"),
    embedded!(Dist, "tests/test_conformance.py"),
    embedded!(Dist, "tests/test_package.py"),
    embedded!(Dist, "requirements-dev.txt"),
];

/// The import name the hand-written tests are written with; each package's tests import
/// it under its own [`module_name`].
const RUNTIME_MODULE: &str = "llm_params";

/// The import name: the distribution name with `_` for `-`.
pub fn module_name(model: &Model) -> String {
    model.packages.python.replace('-', "_")
}

pub fn emit(model: &Model) -> Vec<OutputFile> {
    let pkg = format!("src/{}", module_name(model));
    let file = |path: &str, contents: String| OutputFile {
        path: format!("{DIR}/{path}"),
        contents,
    };
    let mut out = vec![
        file("pyproject.toml", pyproject(model)),
        file("README.md", readme(model)),
        file(&format!("{pkg}/__init__.py"), init_py(model)),
        file(&format!("{pkg}/_options.py"), options_py(model)),
        file(&format!("{pkg}/_rules.py"), rules_py(model)),
        file(
            &format!("{pkg}/py.typed"),
            format!(
                "{}\n# PEP 561: the package carries its own type information.\n",
                header("schema/spec.yaml")
            ),
        ),
        file("tests/test_example.py", example_test(model)),
    ];
    let module = module_name(model);
    for e in EMBEDDED {
        let (path, text) = match e.place {
            Place::Package => (format!("{pkg}/{}", e.path), embed(e)),
            // The tests are written against `llm_params`; they import the package under
            // its own name.
            Place::Dist => (e.path.to_owned(), embed(e).replace(RUNTIME_MODULE, &module)),
        };
        out.push(file(&path, text));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn header(from: &str) -> String {
    doc::header("#", from)
}

/// A hand-written file with the header in front.
fn embed(e: &Embedded) -> String {
    format!("{}\n{}", header(e.source), e.text)
}

// --- names --------------------------------------------------------------------------------

/// Python's hard keywords: not identifiers, so never an attribute name.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Builtins the annotations use: a key named like one, declared in a class body, would
/// shadow it for the keys after it.
const SHADOWING: &[&str] = &["bool", "dict", "float", "int", "list", "str"];

/// Whether a wire name can be a key declared in a `TypedDict` class body. The others go
/// in the functional form (`TypedDict("T", {"from": int})`), under their wire name: a
/// key is never renamed.
pub fn is_class_key(name: &str) -> bool {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric());
    identifier
        && !KEYWORDS.contains(&name)
        && !SHADOWING.contains(&name)
        // A name starting with two underscores would be mangled in a class body.
        && !name.starts_with("__")
}

/// The typing helpers `_options.py` imports, and what it calls them: a spec type with the
/// same name would shadow one, so then the helper is imported under a private alias.
struct Helpers {
    names: [(&'static str, String); 4],
}

impl Helpers {
    fn new(model: &Model) -> Self {
        let alias = |h: &'static str| {
            let taken = model.types.iter().any(|t| t.name == h) || model.options_name == h;
            (h, if taken { format!("_{h}") } else { h.to_owned() })
        };
        Helpers {
            names: [
                alias("Literal"),
                alias("Required"),
                alias("TypeAlias"),
                alias("TypedDict"),
            ],
        }
    }

    fn get<'a>(&'a self, helper: &'a str) -> &'a str {
        self.names
            .iter()
            .find(|(h, _)| *h == helper)
            .map_or(helper, |(_, n)| n.as_str())
    }

    fn import_list(&self) -> String {
        self.names
            .iter()
            .map(|(h, n)| {
                if *h == n.as_str() {
                    (*h).to_owned()
                } else {
                    format!("{h} as {n}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

// --- literals -------------------------------------------------------------------------------

/// A Python string literal. JSON's escapes are all Python escapes, and serde_json leaves
/// `/` alone, so a JSON string is a Python string.
pub fn py_str(s: &str) -> String {
    Value::from(s).to_string()
}

/// A float literal that reads back as the same f64 (`2.0`, `-100.0`, `1e300`).
fn py_float(x: f64) -> String {
    format!("{x:?}")
}

/// A Python value for a JSON value (`None`, `True`, numbers as written).
pub fn py_value(v: &Value) -> String {
    match v {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(u)) => u.to_string(),
            _ => py_float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => py_str(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(py_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), py_value(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// A tuple of expressions (`(a,)`, `(a, b)`, `()`).
fn py_tuple(items: &[String]) -> String {
    match items {
        [] => "()".to_owned(),
        [one] => format!("({one},)"),
        _ => format!("({})", items.join(", ")),
    }
}

/// A tuple of strings (`("a",)`, `("a", "b")`, `()`).
fn str_tuple<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(py_str).collect();
    py_tuple(&items)
}

/// A docstring at `indent`: a raw string when the text has backslashes (so `"\n"` in a
/// description stays two characters), escaped where a raw one cannot hold it.
pub fn docstring(text: &str, indent: &str) -> String {
    let text = text.trim_end();
    let needs_escape = text.contains("\"\"\"") || text.ends_with('"') || text.ends_with('\\');
    let (prefix, body) = if needs_escape {
        let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
        ("", escaped)
    } else if text.contains('\\') {
        ("r", text.to_owned())
    } else {
        ("", text.to_owned())
    };
    if !body.contains('\n') {
        return format!("{indent}{prefix}\"\"\"{body}\"\"\"\n");
    }
    let mut out = format!("{indent}{prefix}\"\"\"");
    for (i, line) in body.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    out.push('\n');
    out.push_str(indent);
    out.push_str("\"\"\"\n");
    out
}

/// Text as `#` comment lines at `indent`.
fn comment(text: &str, indent: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                format!("{indent}#\n")
            } else {
                format!("{indent}# {l}\n")
            }
        })
        .collect()
}

// --- types ----------------------------------------------------------------------------------

/// The Python type of a value, and the named types it mentions (to order definitions).
fn py_type(ty: &Ty, model: &Model, deps: &mut BTreeSet<String>) -> String {
    match ty {
        Ty::Bool => "bool".to_owned(),
        Ty::Integer(_) => "int".to_owned(),
        Ty::Float(_) => "float".to_owned(),
        Ty::String(_) => "str".to_owned(),
        Ty::List { item, .. } => format!("list[{}]", py_type(item, model, deps)),
        Ty::Map { value, .. } => format!("dict[str, {}]", py_type(value, model, deps)),
        Ty::Named(n) => match model.named(n) {
            // An inline union reads best spelled out where it stands (`str | list[str]`);
            // its alias is still defined for those who want to name it.
            Some(NamedType {
                inline: true,
                kind: NamedKind::Union(members),
                ..
            }) => union_members(members, model, deps),
            _ => {
                deps.insert(n.clone());
                n.clone()
            }
        },
    }
}

fn union_members(members: &[Ty], model: &Model, deps: &mut BTreeSet<String>) -> String {
    members
        .iter()
        .map(|m| py_type(m, model, deps))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The named types in an order where each comes after the types it mentions (a type
/// that takes part in a cycle is quoted where it is not defined yet).
fn definition_order(model: &Model) -> Vec<&NamedType> {
    fn visit<'m>(
        t: &'m NamedType,
        model: &'m Model,
        seen: &mut BTreeSet<String>,
        out: &mut Vec<&'m NamedType>,
    ) {
        if !seen.insert(t.name.clone()) {
            return;
        }
        let mut deps = BTreeSet::new();
        match &t.kind {
            NamedKind::Enum(_) => {}
            NamedKind::Object(fields) => {
                for f in fields {
                    py_type(&f.ty, model, &mut deps);
                }
            }
            NamedKind::Union(members) => {
                union_members(members, model, &mut deps);
            }
        }
        // Inline unions are spelled out, so what they mention comes first too.
        let mut inline = BTreeSet::new();
        collect_inline(&t.kind, model, &mut inline);
        for d in deps.iter().chain(inline.iter()) {
            if let Some(dt) = model.named(d) {
                visit(dt, model, seen, out);
            }
        }
        out.push(t);
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for t in &model.types {
        visit(t, model, &mut seen, &mut out);
    }
    out
}

/// Inline unions used by a type's fields (their aliases are defined before it).
fn collect_inline(kind: &NamedKind, model: &Model, out: &mut BTreeSet<String>) {
    let mut tys: Vec<&Ty> = match kind {
        NamedKind::Enum(_) => Vec::new(),
        NamedKind::Object(fields) => fields.iter().map(|f| &f.ty).collect(),
        NamedKind::Union(members) => members.iter().collect(),
    };
    while let Some(ty) = tys.pop() {
        match ty {
            Ty::List { item, .. } => tys.push(item),
            Ty::Map { value, .. } => tys.push(value),
            Ty::Named(n) => {
                if let Some(t) = model.named(n).filter(|t| t.inline) {
                    out.insert(t.name.clone());
                }
            }
            _ => {}
        }
    }
}

/// An annotation, quoted when it mentions a type not defined yet.
fn annotation(text: String, deps: &BTreeSet<String>, defined: &BTreeSet<String>) -> String {
    if deps.iter().all(|d| defined.contains(d)) {
        text
    } else {
        py_str(&text)
    }
}

fn options_py(model: &Model) -> String {
    let h = Helpers::new(model);
    let mut out = String::new();
    let _ = write!(
        out,
        "{}\n{}\nimport sys\n\nif sys.version_info >= (3, 11):\n    from typing import {imports}\nelse:\n    from typing_extensions import {imports}\n\n",
        header("schema/spec.yaml"),
        docstring(
            &format!(
                "The parameters as types: `{}` (a `TypedDict` of every parameter, keyed by wire name) and the types of its values.",
                model.options_name
            ),
            ""
        ),
        imports = h.import_list(),
    );
    // Top-level definitions two blank lines apart (PEP 8).
    let mut items = Vec::new();
    let mut defined = BTreeSet::new();
    for t in definition_order(model) {
        items.push(named_type_py(t, model, &h, &defined));
        defined.insert(t.name.clone());
    }
    items.push(options_class(model, &h, &defined));
    let items: Vec<&str> = items.iter().map(|i| i.trim_matches('\n')).collect();
    out.push('\n');
    out.push_str(&items.join("\n\n\n"));
    out.push('\n');
    out
}

/// The docstring text of an enum: its description and each value's.
fn enum_doc(t: &NamedType, model: &Model) -> String {
    let mut text = doc::type_doc(t, model);
    if let NamedKind::Enum(values) = &t.kind {
        let described: Vec<String> = values
            .iter()
            .filter(|v| !v.description.is_empty())
            .map(|v| format!("- `{}`: {}", v.value, v.description.trim()))
            .collect();
        if !described.is_empty() {
            text.push_str("\n\n");
            text.push_str(&described.join("\n"));
        }
    }
    text
}

fn named_type_py(t: &NamedType, model: &Model, h: &Helpers, defined: &BTreeSet<String>) -> String {
    match &t.kind {
        NamedKind::Enum(values) => {
            let values: Vec<String> = values.iter().map(|v| py_str(&v.value)).collect();
            format!(
                "\n{}: {} = {}[{}]\n{}",
                t.name,
                h.get("TypeAlias"),
                h.get("Literal"),
                values.join(", "),
                docstring(&enum_doc(t, model), "")
            )
        }
        NamedKind::Union(members) => {
            let mut deps = BTreeSet::new();
            let text = union_members(members, model, &mut deps);
            format!(
                "\n{}: {} = {}\n{}",
                t.name,
                h.get("TypeAlias"),
                annotation(text, &deps, defined),
                docstring(&doc::type_doc(t, model), "")
            )
        }
        NamedKind::Object(fields) => {
            let keys: Vec<Key> = fields
                .iter()
                .map(|f| field_key(f, model, h, defined, &t.name))
                .collect();
            typed_dict(&t.name, &doc::type_doc(t, model), &keys, h)
        }
    }
}

/// One key of a `TypedDict`: wire name, annotation and documentation.
struct Key {
    name: String,
    annotation: String,
    doc: String,
}

fn field_key(
    f: &Field,
    model: &Model,
    h: &Helpers,
    defined: &BTreeSet<String>,
    owner: &str,
) -> Key {
    let mut deps = BTreeSet::new();
    let mut text = py_type(&f.ty, model, &mut deps);
    if f.nullable {
        text.push_str(" | None");
    }
    if f.required {
        text = format!("{}[{text}]", h.get("Required"));
    }
    // The owner itself is not defined while its body is evaluated.
    let mut defined = defined.clone();
    defined.remove(owner);
    Key {
        name: f.name.clone(),
        annotation: annotation(text, &deps, &defined),
        doc: doc::field_doc(f),
    }
}

fn param_key(p: &Param, model: &Model, defined: &BTreeSet<String>) -> Key {
    let mut deps = BTreeSet::new();
    let text = py_type(&p.ty, model, &mut deps);
    let mut text_doc = doc::param_doc(p, model, doc::Target::Python);
    if let Some(d) = &p.deprecated {
        // No standard marker reaches a TypedDict key (PEP 702's `@deprecated` covers
        // classes, functions and overloads): the docstring says it first, where hovers
        // and readers look, and `validate` reports it as a `deprecated` warning.
        text_doc = format!("Deprecated: {}.\n\n{text_doc}", doc::deprecation_note(d));
    }
    Key {
        name: p.name.clone(),
        annotation: annotation(text, &deps, defined),
        doc: text_doc,
    }
}

fn options_class(model: &Model, h: &Helpers, defined: &BTreeSet<String>) -> String {
    let keys: Vec<Key> = model
        .params
        .iter()
        .map(|p| param_key(p, model, defined))
        .collect();
    let text = "Model parameters of a chat completion request.\n\n\
         Every key is optional; an absent key is not sent, and the upstream API uses its \
         default. Keys are the wire names, exactly as the upstream API takes them. `validate` checks the values (a `None` \
         value counts as not set); `prepare` fits them to a model.";
    typed_dict(&model.options_name, text, &keys, h)
}

/// A `TypedDict` (`total=False`): keys that can be declared in a class body are, each with
/// its docstring; the others (keywords) go in a functional-form base it inherits from,
/// documented by comments.
fn typed_dict(name: &str, doc_text: &str, keys: &[Key], h: &Helpers) -> String {
    let td = h.get("TypedDict");
    let (class_keys, other): (Vec<&Key>, Vec<&Key>) =
        keys.iter().partition(|k| is_class_key(&k.name));
    let mut out = String::new();
    let base = if other.is_empty() {
        td.to_owned()
    } else {
        let base = format!("_{name}Keywords");
        let _ = writeln!(
            out,
            "\n# The keys of `{name}` that are Python keywords (or would shadow a builtin in a\n\
             # class body), under their wire names.\n{base} = {td}(\n    {},\n    {{",
            py_str(&base)
        );
        for k in &other {
            out.push_str(&comment(&k.doc, "        "));
            let _ = writeln!(out, "        {}: {},", py_str(&k.name), k.annotation);
        }
        out.push_str("    },\n    total=False,\n)\n");
        base
    };
    let _ = write!(
        out,
        "\n\nclass {name}({base}, total=False):\n{}",
        docstring(doc_text, "    ")
    );
    for k in class_keys {
        let _ = write!(
            out,
            "\n    {}: {}\n{}",
            k.name,
            k.annotation,
            docstring(&k.doc, "    ")
        );
    }
    out
}

// --- tables ---------------------------------------------------------------------------------

fn opt_num(label: &str, v: Option<f64>) -> Option<String> {
    v.map(|x| format!("{label}={}", py_float(x)))
}

fn opt_count(label: &str, v: Option<u64>) -> Option<String> {
    v.map(|x| format!("{label}={x}"))
}

/// The table expression of a type.
/// A message template as a `(before, after)` pair.
fn text_py(t: &plan::Template) -> String {
    format!("({}, {})", py_str(&t.before), py_str(&t.after))
}

/// The size messages of a limit, as `many=..., few=...` arguments (none when unbounded).
fn count_texts(prefix: &str, counted: plan::Counted, c: Count) -> Vec<Option<String>> {
    if c.is_unbounded() {
        return Vec::new();
    }
    vec![
        Some(format!(
            "{prefix}many={}",
            text_py(&plan::too_many(counted, c.min, c.max))
        )),
        Some(format!(
            "{prefix}few={}",
            text_py(&plan::too_few(counted, c.min, c.max))
        )),
    ]
}

fn rule_py(ty: &Ty) -> String {
    let call = |class: &str, args: Vec<Option<String>>| {
        let args: Vec<String> = args.into_iter().flatten().collect();
        format!("{class}({})", args.join(", "))
    };
    let outside = |r: &Range| {
        (r.min.is_some() || r.max.is_some())
            .then(|| format!("outside={}", text_py(&plan::outside(r.min, r.max))))
    };
    match ty {
        Ty::Bool => "BoolRule()".to_owned(),
        Ty::Integer(r) => call(
            "IntegerRule",
            vec![opt_num("min", r.min), opt_num("max", r.max), outside(r)],
        ),
        Ty::Float(r) => call(
            "FloatRule",
            vec![opt_num("min", r.min), opt_num("max", r.max), outside(r)],
        ),
        Ty::String(c) => {
            let mut args = vec![opt_count("min_len", c.min), opt_count("max_len", c.max)];
            args.extend(count_texts("", plan::Counted::Characters, *c));
            call("StringRule", args)
        }
        Ty::List { item, items } => {
            let mut args = vec![
                Some(format!("item={}", rule_py(item))),
                opt_count("min", items.min),
                opt_count("max", items.max),
            ];
            args.extend(count_texts("", plan::Counted::Items, *items));
            call("ListRule", args)
        }
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            let mut args = vec![
                Some(format!("value={}", rule_py(value))),
                opt_count("min", entries.min),
                opt_count("max", entries.max),
                opt_count("key_min_len", key_length.min),
                opt_count("key_max_len", key_length.max),
                key_format.map(|_| "token_id_keys=True".to_owned()),
            ];
            args.extend(count_texts("", plan::Counted::Entries, *entries));
            args.extend(count_texts(
                "key_",
                plan::Counted::KeyCharacters,
                *key_length,
            ));
            call("MapRule", args)
        }
        Ty::Named(n) => format!("RefRule({})", py_str(n)),
    }
}

/// A required value as a table literal: numbers as floats (compared as f64, as in Rust).
fn lit_py(v: &Value) -> String {
    match v {
        Value::Number(n) => py_float(n.as_f64().unwrap_or(0.0)),
        other => py_value(other),
    }
}

fn rules_py(model: &Model) -> String {
    let mut out = format!(
        "{}\n{}\nfrom ._tables import (\n    BoolRule,\n    Cond,\n    Constraint,\n    EnumRule,\n    FieldRule,\n    FloatRule,\n    IntegerRule,\n    ListRule,\n    MapRule,\n    ModelInfo,\n    NamedRule,\n    ObjectRule,\n    ParamRule,\n    RefRule,\n    Step,\n    StringRule,\n    UnionRule,\n)\n",
        header("schema/spec.yaml and schema/models.yaml"),
        docstring(
            "The spec as tables for the engine: parameters, their types and the model catalog.",
            ""
        )
    );
    out.push_str("\nTYPES: dict[str, NamedRule] = {\n");
    for t in &model.types {
        let name = py_str(&t.name);
        let body = match &t.kind {
            NamedKind::Enum(values) => {
                let listed: Vec<String> = values.iter().map(|v| v.value.clone()).collect();
                format!(
                    "EnumRule(\n        {name},\n        {},\n        wrong={},\n        invalid={},\n    )",
                    str_tuple(listed.iter().map(String::as_str)),
                    text_py(&plan::wrong_kind(&format!("a {}", t.name))),
                    text_py(&plan::not_in_set(&t.name, &listed))
                )
            }
            NamedKind::Object(fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let required = if f.required {
                            format!(
                                ", required=True, missing={}",
                                py_str(&plan::missing_field(&t.name, &f.name))
                            )
                        } else {
                            String::new()
                        };
                        format!(
                            "            FieldRule({}, {}{required}),\n",
                            py_str(&f.name),
                            rule_py(&f.ty)
                        )
                    })
                    .collect();
                format!(
                    "ObjectRule(\n        {name},\n        (\n{}        ),\n        wrong={},\n        unknown={},\n    )",
                    fields.concat(),
                    text_py(&plan::wrong_kind(&format!("a {}", t.name))),
                    text_py(&plan::unknown(&format!("field of {}", t.name)))
                )
            }
            NamedKind::Union(members) => {
                let members: Vec<String> = members.iter().map(rule_py).collect();
                format!(
                    "UnionRule({name}, {}, wrong={})",
                    py_tuple(&members),
                    text_py(&plan::wrong_kind(&format!("a {}", t.name)))
                )
            }
        };
        let _ = writeln!(out, "    {name}: {body},");
    }
    out.push_str("}\n\"\"\"Every named type, by name.\"\"\"\n");

    out.push_str("\nPARAMS: tuple[ParamRule, ...] = (\n");
    for p in &model.params {
        let deprecation = match plan::deprecation_of(p) {
            Some(m) => format!(", {}", py_str(&m)),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "    ParamRule({}, {}{deprecation}),",
            py_str(&p.name),
            rule_py(&p.ty)
        );
    }
    out.push_str(")\n\"\"\"Every parameter, in spec order, with its deprecation warning.\"\"\"\n");

    out.push_str("\nCONSTRAINTS: tuple[Constraint, ...] = (\n");
    for c in plan::constraints(model) {
        let exclusive: Vec<String> = c
            .exclusive
            .iter()
            .map(|e| format!("({}, {})", py_str(&e.other), py_str(&e.message)))
            .collect();
        let requires: Vec<String> = c
            .requires
            .iter()
            .map(|r| {
                format!(
                    "({}, {}, {})",
                    py_str(&r.other),
                    lit_py(&r.value),
                    py_str(&r.message)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "    Constraint(\n        {},\n        exclusive={},\n        requires={},\n    ),",
            py_str(&c.param),
            py_tuple(&exclusive),
            py_tuple(&requires)
        );
    }
    out.push_str(
        ")\n\"\"\"The rules between parameters, per parameter that carries their issues.\"\"\"\n",
    );

    let prepare = plan::prepare(model);
    let _ = write!(
        out,
        "\nCOMMON_STEPS: tuple[Step, ...] = {}\n\"\"\"`prepare`'s steps for every known model, before its own.\"\"\"\n",
        steps_py(&prepare.common, "    ")
    );
    out.push_str("\nSTEP_GROUPS: tuple[tuple[Step, ...], ...] = (\n");
    for g in &prepare.groups {
        let _ = writeln!(out, "    {},", steps_py(g, "        "));
    }
    out.push_str(")\n\"\"\"Distinct lists of steps; models with the same rules share one.\"\"\"\n");
    let groups: Vec<String> = prepare.model_group.iter().map(usize::to_string).collect();
    let _ = write!(
        out,
        "\nMODEL_GROUPS: tuple[int, ...] = {}\n\"\"\"The step group of each model of `MODELS`.\"\"\"\n",
        py_tuple(&groups)
    );
    out.push_str("\nMESSAGES: dict[str, tuple[str, str]] = {\n");
    for (name, t) in plan::common_messages() {
        let _ = writeln!(out, "    {}: {},", py_str(name), text_py(&t));
    }
    out.push_str(
        "}\n\"\"\"The messages every spec has: the text before and after the value.\"\"\"\n",
    );
    out.push_str("\nREASON_ISSUES: dict[str, tuple[str, str]] = {\n");
    for (reason, code, severity) in plan::REASON_ISSUES {
        let _ = writeln!(
            out,
            "    {}: ({}, {}),",
            py_str(reason),
            py_str(code),
            py_str(severity)
        );
    }
    out.push_str("}\n\"\"\"The issue `validate_for` reports for each reason of a change of `prepare`.\"\"\"\n");
    let order: Vec<String> = plan::ISSUE_ORDER.iter().map(|f| py_str(f)).collect();
    let _ = write!(
        out,
        "\nISSUE_ORDER: tuple[str, ...] = {}\n\"\"\"The fields issues are sorted by.\"\"\"\n",
        py_tuple(&order)
    );

    out.push_str("\nMODELS: tuple[ModelInfo, ...] = (\n");
    for m in &model.catalog.models {
        let mut args = vec![
            py_str(&m.id),
            py_str(&m.family),
            format!("reasoning={}", if m.reasoning { "True" } else { "False" }),
        ];
        if !m.rejects.is_empty() {
            args.push(format!(
                "rejects={}",
                str_tuple(m.rejects.iter().map(String::as_str))
            ));
        }
        if !m.allowed_at_effort_off.is_empty() {
            args.push(format!(
                "allowed_at_effort_off={}",
                str_tuple(m.allowed_at_effort_off.iter().map(String::as_str))
            ));
        }
        if let Some(e) = &m.min_reasoning_effort {
            args.push(format!("min_reasoning_effort={}", py_str(e)));
        }
        if m.rejects_effort_with_tools {
            args.push("rejects_effort_with_tools=True".to_owned());
        }
        args.extend(model_facts_py(m));
        out.push_str("    ModelInfo(\n");
        for a in args {
            let _ = writeln!(out, "        {a},");
        }
        out.push_str("    ),\n");
    }
    out.push_str(")\n\"\"\"Every model of the catalog, in catalog order.\"\"\"\n");

    out.push_str("\nFAMILY_ENTRIES: tuple[ModelInfo, ...] = (\n");
    for m in &model.catalog.family_entries {
        let mut args = vec![
            py_str(&m.id),
            py_str(&m.family),
            format!("reasoning={}", if m.reasoning { "True" } else { "False" }),
        ];
        args.extend(model_facts_py(m));
        let _ = writeln!(out, "    ModelInfo({}),", args.join(", "));
    }
    out.push_str(")\n\"\"\"The families that ids match by prefix, as entries.\"\"\"\n");
    let groups: Vec<String> = prepare.family_group.iter().map(usize::to_string).collect();
    let _ = write!(
        out,
        "\nFAMILY_GROUPS: tuple[int, ...] = {}\n\"\"\"The step group of each of `FAMILY_ENTRIES`.\"\"\"\n",
        py_tuple(&groups)
    );
    out.push_str("\nPATTERNS: tuple[tuple[str, bool, int], ...] = (\n");
    for p in &model.catalog.patterns {
        let (family, index) = match p.target {
            crate::model::PatternTarget::Model(i) => (false, i),
            crate::model::PatternTarget::Family(i) => (true, i),
        };
        let _ = writeln!(
            out,
            "    ({}, {}, {index}),",
            py_str(&p.prefix),
            if family { "True" } else { "False" }
        );
    }
    out.push_str(")\n\"\"\"Id prefixes, longest first: the prefix, whether it leads to a family entry (else a model), and the index.\"\"\"\n");
    let _ = write!(
        out,
        "\nCOMMAND: str = {}\n\"\"\"The command-line checker's name (`_cli.py`): the distribution's.\"\"\"\n",
        py_str(&model.packages.python)
    );

    out
}

/// The keyword arguments of a `ModelInfo` for the facts beyond its rules.
fn model_facts_py(m: &crate::model::CatalogModel) -> Vec<String> {
    let mut args = Vec::new();
    if let Some(e) = &m.efforts.highest {
        args.push(format!("max_reasoning_effort={}", py_str(e)));
    }
    if let Some(e) = &m.efforts.default {
        args.push(format!("default_reasoning_effort={}", py_str(e)));
    }
    if matches!(m.tools, Some((crate::model::ToolsEffort::RequireOff, _))) {
        args.push("requires_effort_off_with_tools=True".to_owned());
    }
    if let Some(o) = &m.output {
        if let Some(n) = o.max_tokens {
            args.push(format!("max_output_tokens={n}"));
        }
        if let Some(n) = o.context_window {
            args.push(format!("context_window={n}"));
        }
    }
    if let Some(d) = &m.deprecated {
        if let Some(date) = &d.shutdown {
            args.push(format!("shutdown={}", py_str(date)));
        }
        if let Some(next) = &d.successor {
            args.push(format!("successor={}", py_str(next)));
        }
    }
    if !m.prefixes.is_empty() {
        args.push(format!(
            "prefixes={}",
            str_tuple(m.prefixes.iter().map(String::as_str))
        ));
    }
    args
}

/// A tuple of `prepare` steps, one per line at `indent`.
fn steps_py(steps: &[plan::Step], indent: &str) -> String {
    if steps.is_empty() {
        return "()".to_owned();
    }
    let mut out = "(\n".to_owned();
    for s in steps {
        let when: Vec<String> = s
            .when
            .iter()
            .map(|c| match c {
                plan::Cond::Tools(true) => "Cond(\"tools\")".to_owned(),
                plan::Cond::Tools(false) => "Cond(\"no_tools\")".to_owned(),
                plan::Cond::Set(p) => format!("Cond(\"set\", {})", py_str(p)),
                plan::Cond::Unset(p) => format!("Cond(\"unset\", {})", py_str(p)),
                plan::Cond::In {
                    param,
                    values,
                    unset,
                }
                | plan::Cond::NotIn {
                    param,
                    values,
                    unset,
                } => format!(
                    "Cond({}, {}, {}{})",
                    if matches!(c, plan::Cond::In { .. }) {
                        "\"in\""
                    } else {
                        "\"not_in\""
                    },
                    py_str(param),
                    str_tuple(values.iter().map(String::as_str)),
                    if *unset { ", unset=True" } else { "" }
                ),
                plan::Cond::Above(p, n) => {
                    format!("Cond(\"above\", {}, number={})", py_str(p), py_float(*n))
                }
                plan::Cond::Below(p, n) => {
                    format!("Cond(\"below\", {}, number={})", py_str(p), py_float(*n))
                }
            })
            .collect();
        let (action, extra) = match &s.act {
            plan::Act::Remove => ("remove", String::new()),
            plan::Act::Move { to } => ("move", format!(", to={}", py_str(to))),
            plan::Act::Set { value } => ("set", format!(", value={}", py_value(value))),
            plan::Act::Clamp { value } => (
                "clamp",
                format!(", value={}", py_value(&plan::number(*value))),
            ),
            plan::Act::Warn => ("warn", String::new()),
        };
        let _ = writeln!(
            out,
            "{indent}Step({}, {}, \"{action}\", {}, {}{extra}),",
            py_str(&s.param),
            py_tuple(&when),
            py_str(s.reason),
            str_tuple(s.message.iter().map(String::as_str))
        );
    }
    out.push_str(&indent[4..]);
    out.push(')');
    out
}

// --- package --------------------------------------------------------------------------------

/// What the package re-exports from the engine as it is.
const ENGINE_EXPORTS: &[&str] = &[
    "Action",
    "Change",
    "Code",
    "Issue",
    "Matched",
    "NOT_GIVEN",
    "NotGiven",
    "PARAMETERS",
    "PrepareWarning",
    "Prepared",
    "Reason",
    "Severity",
    "find_model",
    "models",
    "suggest",
    "validate",
    "validate_for",
];

/// What `__init__.py` defines: the engine's, typed with the spec's options type.
const TYPED_EXPORTS: &[&str] = &["LlmOptions", "plain", "prepare"];

fn options_exports(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = model.types.iter().map(|t| t.name.clone()).collect();
    names.push(model.options_name.clone());
    names.sort();
    names
}

/// The engine's options holder, `prepare` (overloaded: typed options in, typed options out;
/// any other mapping in, `dict[str, Any]` out) and `plain`, bound to the options type `name`.
/// Names that a spec type could take (PascalCase) are imported under a leading underscore.
fn typed_api(name: &str) -> String {
    format!(
        r#"

class LlmOptions(_engine.OptionsHolder[{name}]):
    """The documented runtime behaviour of an LLM's options, typed with
    `{name}`: a model and persistent options, where
    `update_options(model=..., extra_kwargs=...)` **replaces** the options (never merges)
    and `{{}}` clears them, as LiveKit's `LLM.update_options` does. `request()` gives
    `Prepared[{name}]`."""

    __slots__ = ()


# The overloads overlap (the options type is a mapping), and both hold where they do:
# `prepare` returns a new dict, of the options' type when they are typed.
@_overload
def prepare(  # type: ignore[overload-overlap]
    model: str, options: {name}, *, has_tools: bool = False
) -> Prepared[{name}]: ...
@_overload
def prepare(
    model: str, options: _Mapping[str, object], *, has_tools: bool = False
) -> Prepared: ...
def prepare(
    model: str, options: _Mapping[str, object], *, has_tools: bool = False
) -> Prepared[_Any]:
    """Prepares options for a model: removes what it rejects, moves what has moved, brings
    efforts and numbers within what it takes, and reports every change (and, without
    changing anything, a deprecated model). Unknown models get the options unchanged (the
    API ignores what it does not support). Keys that are not parameters pass through.

    Typed as what it is given: options typed `{name}` give
    `Prepared[{name}]`; any other mapping (a dict read from JSON) gives
    `Prepared[dict[str, Any]]`. To hand typed options to an API with an options type of
    its own, see `plain`."""
    return _engine.prepare(model, options, has_tools=has_tools)


def plain(options: {name}) -> dict[str, _Any]:
    """The options as a plain `dict[str, Any]` (a new dict; the values are the caller's,
    not copies), for an API that types its options with a type of its own, such as
    LiveKit's `inference.LLM(extra_kwargs=plain(options))`, or to unpack into openai's
    `create(**plain(options))`.

    A `TypedDict` is assignable to another only if every key they share has exactly the
    same type (values are invariant, PEP 589), so a type checker rejects
    `extra_kwargs=options` even where every value fits; `dict[str, Any]` it takes."""
    return dict(options)
"#
    )
}

fn init_py(model: &Model) -> String {
    let mut text = doc::package_intro(model);
    let _ = write!(
        text,
        "`{name}` is a `TypedDict` of every parameter (wire names as keys, each optional). \
         `validate` reports every issue of some options; `prepare` fits them to one model \
         of the catalog and says what it changed (`Prepared[{name}]` for typed options); \
         `LlmOptions` holds a model and its options, replacing (never merging) them on \
         `update_options`; `plain` gives typed options to an API with an options type of \
         its own (LiveKit's `extra_kwargs`).\n\n\
         Example:\n\n\
         ```python\n{example}```\n",
        name = model.options_name,
        example = usage_example(model)
    );
    let options = options_exports(model);
    let mut all: Vec<&str> = ENGINE_EXPORTS.to_vec();
    all.extend(TYPED_EXPORTS);
    all.push("ModelInfo");
    all.extend(options.iter().map(String::as_str));
    all.push("__version__");
    all.sort_unstable();
    let mut out = format!("{}\n{}\n", header("schema/spec.yaml"), docstring(&text, ""));
    out.push_str(
        "from collections.abc import Mapping as _Mapping\n\
         from typing import Any as _Any\n\
         from typing import overload as _overload\n\n\
         from . import _engine\n\
         from ._engine import (\n",
    );
    for e in ENGINE_EXPORTS {
        let _ = writeln!(out, "    {e},");
    }
    out.push_str(")\nfrom ._options import (\n");
    for o in &options {
        let _ = writeln!(out, "    {o},");
    }
    out.push_str(")\nfrom ._tables import ModelInfo\n");
    let _ = write!(
        out,
        "\n__version__ = {}\n\"\"\"The version of the spec this package was generated from.\"\"\"\n",
        py_str(&model.version)
    );
    out.push_str(&typed_api(&model.options_name));
    out.push_str("\n\n__all__ = [\n");
    for a in all {
        let _ = writeln!(out, "    {},", py_str(a));
    }
    out.push_str("]\n");
    out
}

/// The reference's example as a `ModelOptions` literal.
fn example_literal(model: &Model) -> String {
    let entries: Vec<String> = model
        .example
        .iter()
        .map(|(k, v)| format!("{}: {}", py_str(k), py_value(v)))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

/// The usage example, for the package docstring and the README.
fn usage_example(model: &Model) -> String {
    let package = module_name(model);
    let name = &model.options_name;
    let prepare = match model.catalog.models.first() {
        Some(m) => format!(
            "request = prepare({}, options, has_tools=False)",
            py_str(&m.id)
        ),
        None => "request = prepare(\"provider/model\", options)".to_owned(),
    };
    format!(
        "from {package} import {name}, prepare, validate\n\n\
         options: {name} = {}\n\
         assert validate(options) == []\n\
         {prepare}\n\
         print(request.options, request.changes)\n",
        example_literal(model)
    )
}

fn example_test(model: &Model) -> String {
    let package = module_name(model);
    let expected = Value::Object(
        model
            .example
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
    .to_string();
    let usage: String = usage_example(model)
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_owned()
            } else {
                format!("    {l}\n")
            }
        })
        .collect();
    format!(
        "{}\n{}\nimport json\n\nfrom {package} import {name}, validate\n\nEXAMPLE_JSON = {json}\n\"\"\"The example as the spec writes it.\"\"\"\n\n\n\
         def test_the_example_is_valid_and_is_the_json_the_api_takes() -> None:\n    \
         options: {name} = {literal}\n    \
         assert validate(options) == []\n    \
         sent = json.loads(json.dumps(options))\n    \
         expected = json.loads(EXAMPLE_JSON)\n    \
         assert sent == expected\n    \
         assert [type(v) for v in sent.values()] == [type(v) for v in expected.values()]\n\n\n\
         def test_the_usage_example_of_the_readme_runs() -> None:\n{usage}",
        header("schema/spec.yaml"),
        docstring(
            "The usage example of the reference, typed: valid, and exactly the JSON the API takes; and the README's usage example, run.",
            ""
        ),
        name = model.options_name,
        json = py_str(&expected),
        literal = example_literal(model),
    )
}

fn pyproject(model: &Model) -> String {
    format!(
        r#"{header}

[build-system]
requires = ["flit_core>=3.12,<5"]
build-backend = "flit_core.buildapi"

[project]
name = "{name}"
version = "{version}"
description = "LLM model parameters: typed options, validation and per-model request preparation, generated from one spec"
readme = "README.md"
requires-python = ">=3.10"
license = {license}
license-files = [{license_files}]
keywords = [{keywords}]
classifiers = [
    "Development Status :: {status}",
    "Intended Audience :: Developers",
    "Operating System :: OS Independent",
    "Programming Language :: Python :: 3",
    "Programming Language :: Python :: 3 :: Only",
    "Programming Language :: Python :: 3.10",
    "Programming Language :: Python :: 3.11",
    "Programming Language :: Python :: 3.12",
    "Programming Language :: Python :: 3.13",
    "Programming Language :: Python :: 3.14",
    "Topic :: Software Development :: Libraries :: Python Modules",
    "Typing :: Typed",
]
# Nothing at run time beyond the standard library on Python 3.11 and later.
dependencies = ['typing_extensions>=4.0; python_version < "3.11"']
{urls}
[project.scripts]
"{name}" = "{module}._cli:main"

[tool.flit.module]
name = "{module}"

[tool.flit.sdist]
include = [{sdist}"requirements-dev.txt", "tests/"]

[tool.mypy]
strict = true
python_version = "3.11"

[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = "-p no:cacheprovider"
"#,
        header = header("schema/spec.yaml"),
        name = model.packages.python,
        module = module_name(model),
        version = model.version,
        license = doc::toml_str(&model.packages.license),
        license_files = doc::toml_strs(
            model
                .shipped
                .iter()
                .filter(|f| f.name != "CHANGELOG.md")
                .map(|f| f.name.as_str())
        ),
        keywords = doc::toml_strs(model.packages.keywords.iter().map(String::as_str)),
        status = development_status(&model.version),
        urls = project_urls(model),
        sdist = if model.shipped.iter().any(|f| f.name == "CHANGELOG.md") {
            "\"CHANGELOG.md\", "
        } else {
            ""
        },
    )
}

/// The trove classifier of a version: a pre-release is alpha, 0.x beta, later stable.
fn development_status(version: &str) -> &'static str {
    if version.contains('-') {
        "3 - Alpha"
    } else if version.starts_with("0.") {
        "4 - Beta"
    } else {
        "5 - Production/Stable"
    }
}

/// `[project.urls]`, from the spec's links (nothing when it has none).
fn project_urls(model: &Model) -> String {
    let links: Vec<String> = [
        ("Homepage", &model.packages.homepage),
        ("Documentation", &model.packages.documentation),
        ("Repository", &model.packages.repository),
    ]
    .iter()
    .filter_map(|(key, url)| Some(format!("{key} = {}\n", doc::toml_str(url.as_deref()?))))
    .collect();
    if links.is_empty() {
        String::new()
    } else {
        format!("\n[project.urls]\n{}", links.concat())
    }
}

/// The header as an HTML comment, for Markdown.
fn md_header(from: &str) -> String {
    format!("<!-- {} -->", doc::header("", from).trim_start())
}

fn readme(model: &Model) -> String {
    let name = &model.options_name;
    let mut out = format!(
        "{}\n\n# {}\n\nModel parameters for LLM chat completions (version {}), generated from one spec.\n\n",
        md_header("schema/spec.yaml"),
        model.packages.python,
        model.version
    );
    if !model.description.is_empty() {
        out.push_str(model.description.trim_end());
        out.push_str("\n\n");
    }
    let _ = write!(
        out,
        "```sh\npip install {dist}\n```\n\n\
         Pure Python: nothing at run time beyond the standard library (and\n\
         `typing_extensions` on Python 3.10).\n\n\
         ## Usage\n\n```python\n{example}```\n\n\
         - `{name}`: a `TypedDict` (`total=False`) of every parameter under its wire name.\n\
         - `validate(options) -> list[Issue]`: every issue (`path`, `code`, `severity`,\n  \
         `message`), sorted by path then code; `None` counts as not set.\n\
         - `prepare(model, options, *, has_tools=False) -> Prepared[{name}]`: what to send\n  \
         to one model of the catalog (`model`, `options`, `changes`). Any other mapping\n  \
         (a dict read from JSON) is taken too, and gives `Prepared[dict[str, Any]]`.\n\
         - `LlmOptions(model, extra_kwargs)`: `update_options(model=..., extra_kwargs=...)`\n  \
         replaces the options, never merges them; `{{}}` clears them. Typed with `{name}`.\n\
         - `plain(options) -> dict[str, Any]`: the options for an API that types them with\n  \
         a type of its own, e.g. LiveKit's `inference.LLM(extra_kwargs=plain(options))`\n  \
         (a type checker rejects one `TypedDict` for another unless every shared key has\n  \
         exactly the same type).\n\
         - `models()`, `find_model(id)`: the catalog.\n\n\
         The Rust crate and the npm package give the same verdicts: all three run the\n\
         same conformance vectors.\n\n\
         ## Parameters\n\n| key | type | summary |\n|---|---|---|\n",
        dist = model.packages.python,
        example = usage_example(model),
    );
    for p in &model.params {
        let mut deps = BTreeSet::new();
        let ty = py_type(&p.ty, model, &mut deps).replace('|', "\\|");
        let deprecated = if p.deprecated.is_some() {
            " (deprecated)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| `{}`{deprecated} | `{ty}` | {} |",
            p.name,
            p.summary.replace('|', "\\|").replace('\n', " ")
        );
    }
    let _ = write!(
        out,
        "\n## Preparing a request\n\n```python\n{}\n```\n",
        crate::emit::markdown::examples::python_prepare(model)
    );
    out.push_str(&doc::command_line_section(
        model,
        &model.packages.python,
        "",
        "The Rust crate and the npm package",
    ));
    out.push_str(&doc::links_section(
        model,
        &format!("https://pypi.org/project/{}/", model.packages.python),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_shadowing_names_leave_the_class_body() {
        for name in ["from", "class", "def", "None", "str", "__x"] {
            assert!(!is_class_key(name), "{name}");
        }
        for name in ["temperature", "self", "type", "match", "_x", "top_p"] {
            assert!(is_class_key(name), "{name}");
        }
    }

    #[test]
    fn docstrings_keep_backslashes_and_quotes_inert() {
        assert_eq!(docstring("a", ""), "\"\"\"a\"\"\"\n");
        assert_eq!(
            docstring("stop=[\"\\n\"]", ""),
            "r\"\"\"stop=[\"\\n\"]\"\"\"\n"
        );
        assert_eq!(docstring("say \"hi\"", ""), "\"\"\"say \\\"hi\\\"\"\"\"\n");
        assert_eq!(
            docstring("a\n\nb", "    "),
            "    \"\"\"a\n\n    b\n    \"\"\"\n"
        );
    }

    #[test]
    fn values_are_python_literals() {
        let v = serde_json::json!({"a": [1, 2.5, true, null, "x\ny"], "b": -3});
        assert_eq!(
            py_value(&v),
            "{\"a\": [1, 2.5, True, None, \"x\\ny\"], \"b\": -3}"
        );
        assert_eq!(py_float(2.0), "2.0");
        assert_eq!(py_float(1e300), "1e300");
        assert_eq!(str_tuple(["a"]), "(\"a\",)");
        assert_eq!(str_tuple([]), "()");
    }
}
