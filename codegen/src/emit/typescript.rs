//! The TypeScript target: an npm package with the options type and its types, the rule
//! tables, the engine (`codegen/runtime/typescript/src/engine.ts`) and its tests.
//!
//! What is the same for every spec (the engine, the tests that hold for any spec, the
//! manifest and its lock file) is written by hand under `codegen/runtime/typescript/` and
//! copied with the generated-file header; what depends on the spec is printed here. The
//! package carries only tests that hold for any spec: the conformance runner, the generic
//! tests of `test/package.test.ts` and the example test printed from the spec. The engine's
//! own tests (`codegen/runtime/typescript/engine_tests/`) run on the `full` fixture's
//! package, and the checks against LiveKit's and openai's types on this repository's spec
//! live in `upstream/typescript/`: neither is copied.

use serde_json::{Map, Value};

use crate::OutputFile;
use crate::emit::{doc, json_schema};
use crate::model::{Count, Field, Model, NamedKind, NamedType, Param, Ty};
use crate::plan;
use crate::render;

/// Where the package goes.
pub const DIR: &str = "generated/typescript";

const FROM_SPEC: &str = "schema/spec.yaml";
const FROM_SPEC_AND_CATALOG: &str = "schema/spec.yaml and schema/models.yaml";

/// Hand-written files copied into the package: (path in the package, source).
const RUNTIME: &[(&str, &str)] = &[
    (
        "src/engine.ts",
        include_str!("../../runtime/typescript/src/engine.ts"),
    ),
    (
        "src/cli.ts",
        include_str!("../../runtime/typescript/src/cli.ts"),
    ),
    (
        "test/conformance.test.ts",
        include_str!("../../runtime/typescript/test/conformance.test.ts"),
    ),
    (
        "test/package.test.ts",
        include_str!("../../runtime/typescript/test/package.test.ts"),
    ),
];

const PACKAGE_JSON: &str = include_str!("../../runtime/typescript/package.json");
const PACKAGE_LOCK: &str = include_str!("../../runtime/typescript/package-lock.json");

/// Where the compiled command line is, as `bin` names it.
const BIN: &str = "./dist/src/cli.js";

pub fn emit(model: &Model) -> Vec<OutputFile> {
    let mut out = vec![
        file("package.json", package_json(model)),
        file("package-lock.json", package_lock(model)),
        file("tsconfig.json", tsconfig()),
        file("tsconfig.cjs.json", tsconfig_cjs()),
        file(
            ".gitignore",
            format!(
                "{}\nnode_modules/\ndist/\n",
                doc::header("#", "codegen/src/emit/typescript.rs")
            ),
        ),
        file("README.md", readme(model)),
        file("src/index.ts", index_ts(model)),
        file("src/options.ts", options_ts(model)),
        file("src/rules.ts", rules_ts(model)),
        file("test/example.test.ts", example_test(model)),
    ];
    // The JSON Schema of the options ships in the package, where its `$id` points.
    out.extend(json_schema::emit(model).into_iter().filter_map(|f| {
        let rest = f.path.strip_prefix(json_schema::DIR)?;
        Some(file(&format!("json-schema{rest}"), f.contents))
    }));
    out.extend(RUNTIME.iter().map(|(path, source)| {
        // A `#!` line stays the first line (the command line's entry point).
        let (shebang, source) = match source.split_once('\n') {
            Some((first, rest)) if first.starts_with("#!") => (format!("{first}\n"), rest),
            _ => (String::new(), *source),
        };
        file(
            path,
            format!(
                "{shebang}{}\n\n{source}",
                doc::header("//", &format!("codegen/runtime/typescript/{path}"))
            ),
        )
    }));
    out
}

/// The command the package installs (its `bin`): the npm name, after the `/` of a scope.
fn command_name(npm: &str) -> &str {
    npm.rsplit_once('/').map_or(npm, |(_, name)| name)
}

fn file(path: &str, contents: String) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{path}"),
        contents,
    }
}

// ---------------------------------------------------------------------------------------
// Manifest and lock file

/// The `//` key npm tolerates in `package.json` (and in its lock file) as a comment.
fn with_header(value: Value, from: &str, patch: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut map = match value {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    patch(&mut map);
    let mut out = Map::new();
    out.insert(
        "//".to_owned(),
        Value::String(doc::header("", from).trim_start().to_owned()),
    );
    out.extend(map);
    let mut text = serde_json::to_string_pretty(&Value::Object(out)).unwrap_or_default();
    text.push('\n');
    text
}

fn set_name_version(map: &mut Map<String, Value>, model: &Model) {
    map.insert("name".to_owned(), Value::from(model.packages.npm.as_str()));
    map.insert("version".to_owned(), Value::from(model.version.as_str()));
}

/// Inserts `key` right after `after` (at the end when `after` is not there).
fn insert_after(map: &mut Map<String, Value>, after: &str, key: &str, value: Value) {
    let at = map
        .keys()
        .position(|k| k == after)
        .map_or(map.len(), |i| i + 1);
    map.shift_insert(at, key.to_owned(), value);
}

/// The `bin` entry: the command, at the compiled command line (`path`).
fn bin(model: &Model, path: &str) -> Value {
    let mut bin = Map::new();
    bin.insert(
        command_name(&model.packages.npm).to_owned(),
        Value::from(path),
    );
    Value::Object(bin)
}

/// The manifest: `codegen/runtime/typescript/package.json` with the package name and version
/// of the spec.
fn package_json(model: &Model) -> String {
    let template = serde_json::from_str(PACKAGE_JSON).unwrap_or(Value::Null);
    with_header(
        template,
        "codegen/runtime/typescript/package.json and schema/spec.yaml",
        |m| {
            set_name_version(m, model);
            set_metadata(m, model);
            insert_after(m, "types", "bin", bin(model, BIN));
        },
    )
}

/// What the spec says about its packages: license, keywords, links, and the files it ships
/// (license texts, changelog) in `files`.
fn set_metadata(m: &mut Map<String, Value>, model: &Model) {
    let p = &model.packages;
    m.insert("license".to_owned(), Value::from(p.license.as_str()));
    m.insert("keywords".to_owned(), Value::from(p.keywords.clone()));
    let mut after = "keywords";
    if let Some(home) = p.homepage.as_ref().or(p.documentation.as_ref()) {
        insert_after(m, after, "homepage", Value::from(home.as_str()));
        after = "homepage";
    }
    if let Some(repository) = &p.repository {
        let mut repo = Map::new();
        repo.insert("type".to_owned(), Value::from("git"));
        repo.insert("url".to_owned(), Value::from(repository.as_str()));
        insert_after(m, after, "repository", Value::Object(repo));
    }
    if let Some(Value::Array(files)) = m.get_mut("files") {
        files.retain(|f| f.as_str().is_some_and(|f| f.ends_with('/')));
        files.extend(model.shipped.iter().map(|f| Value::from(f.name.as_str())));
    }
}

/// The lock file of the dev dependencies, so that `npm ci` installs exactly what was tested:
/// `codegen/runtime/typescript/package-lock.json` (written by `npm install
/// --package-lock-only` beside the manifest template) with the spec's name and version.
fn package_lock(model: &Model) -> String {
    let template = serde_json::from_str(PACKAGE_LOCK).unwrap_or(Value::Null);
    with_header(
        template,
        "codegen/runtime/typescript/package-lock.json and schema/spec.yaml",
        |m| {
            set_name_version(m, model);
            if let Some(Value::Object(root)) = m
                .get_mut("packages")
                .and_then(|p| p.as_object_mut())
                .and_then(|p| p.get_mut(""))
            {
                set_name_version(root, model);
                root.insert(
                    "license".to_owned(),
                    Value::from(model.packages.license.as_str()),
                );
                // As npm records it: the path without its `./`.
                let path = BIN.trim_start_matches("./");
                insert_after(root, "license", "bin", bin(model, path));
            }
        },
    )
}

fn tsconfig() -> String {
    format!(
        r#"{header}
{{
  "compilerOptions": {{
    "target": "es2022",
    "lib": ["es2022"],
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "types": ["node"],
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "noImplicitOverride": true,
    "verbatimModuleSyntax": true,
    "declaration": true,
    "noEmitOnError": true,
    "skipLibCheck": true,
    "rootDir": ".",
    "outDir": "dist"
  }},
  "include": ["src", "test"]
}}
"#,
        header = doc::header("//", "codegen/src/emit/typescript.rs")
    )
}

/// The CommonJS build (`dist/cjs/`, which `require` loads): the library only, from
/// `src/index.ts` and what it imports. The command line (`src/cli.ts`, which finds itself
/// with `import.meta.url`) is an ES module and runs as one. The build script writes
/// `dist/cjs/package.json` (`{"type": "commonjs"}`): the package's own `"type": "module"`
/// would otherwise make node load these files as ES modules.
fn tsconfig_cjs() -> String {
    format!(
        r#"{header}
{{
  "extends": "./tsconfig.json",
  "compilerOptions": {{
    "module": "commonjs",
    "moduleResolution": "bundler",
    "verbatimModuleSyntax": false,
    "rootDir": "src",
    "outDir": "dist/cjs"
  }},
  "include": [],
  "files": ["src/index.ts"]
}}
"#,
        header = doc::header("//", "codegen/src/emit/typescript.rs")
    )
}

// ---------------------------------------------------------------------------------------
// Names and literals

/// Names a CommonJS module cannot declare at its top level: the code tsc writes for it
/// calls `Object.defineProperty(exports, ...)`. A spec enum named like one has its values
/// declared under another name and exported under its own.
const COMMONJS_RESERVED: &[&str] = &["Object"];

/// ECMAScript reserved words (including strict mode and module code): a property named like
/// one is written quoted, never renamed.
const RESERVED: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// A property key: the wire name as is when it is a plain identifier, else quoted.
pub fn prop_key(name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier && !RESERVED.contains(&name) {
        name.to_owned()
    } else {
        string_lit(name)
    }
}

/// A string literal (JSON's escaping is valid TypeScript).
pub fn string_lit(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A number literal. Rust's `Display` of an `f64` never uses an exponent and is valid
/// TypeScript (`2`, `-0.5`).
fn num_lit(n: f64) -> String {
    format!("{n}")
}

/// A number as JavaScript's `Number.prototype.toString` writes it (what `JSON.stringify`
/// sends): no fraction for integers, an exponent from 1e21 and below 1e-6.
fn js_number(n: f64) -> String {
    let abs = n.abs();
    if n == 0.0 {
        "0".to_owned()
    } else if (1e-6..1e21).contains(&abs) {
        format!("{n}")
    } else {
        // `{:e}` gives the shortest digits too: `1e21`, `1.5e-7`.
        let s = format!("{n:e}");
        match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
            _ => s,
        }
    }
}

/// Whether a key is an array index, which JavaScript objects list first, in ascending order.
fn is_array_index(k: &str) -> bool {
    k.parse::<u32>()
        .is_ok_and(|n| n != u32::MAX && n.to_string() == k)
}

/// `JSON.stringify` of a value built from this JSON in this key order.
fn js_json(v: &Value) -> String {
    match v {
        Value::Number(n) => js_number(n.as_f64().unwrap_or(0.0)),
        Value::Array(a) => format!("[{}]", a.iter().map(js_json).collect::<Vec<_>>().join(",")),
        Value::Object(m) => {
            let mut indexes: Vec<(&String, &Value)> =
                m.iter().filter(|(k, _)| is_array_index(k)).collect();
            indexes.sort_by_key(|(k, _)| k.parse::<u32>().unwrap_or(0));
            let rest = m.iter().filter(|(k, _)| !is_array_index(k));
            let parts: Vec<String> = indexes
                .into_iter()
                .chain(rest)
                .map(|(k, x)| format!("{}:{}", string_lit(k), js_json(x)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// A JSDoc comment, indented: `*/` cannot end it early, and a line starting with `@` is
/// escaped so that it stays text, not a tag.
pub fn jsdoc(text: &str, tags: &[String], indent: &str) -> String {
    let mut lines: Vec<String> = text
        .trim_end()
        .lines()
        .map(|l| {
            let l = l.replace("*/", "*\\/");
            if l.trim_start().starts_with('@') {
                l.replacen('@', "\\@", 1)
            } else {
                l
            }
        })
        .collect();
    if !tags.is_empty() {
        lines.push(String::new());
        lines.extend(tags.iter().map(|t| t.replace("*/", "*\\/")));
    }
    let mut out = format!("{indent}/**\n");
    for l in lines {
        if l.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {l}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// The TypeScript type of a value. Only keywords and the spec's own names: no global type
/// (`Record`, `Array`) that a spec type could shadow.
pub fn ts_type(ty: &Ty) -> String {
    match ty {
        Ty::Bool => "boolean".to_owned(),
        Ty::Integer(_) | Ty::Float(_) => "number".to_owned(),
        Ty::String(_) => "string".to_owned(),
        // Unions are named types, so an item type never needs parentheses.
        Ty::List { item, .. } => format!("{}[]", ts_type(item)),
        Ty::Map { value, .. } => format!("{{ [key: string]: {} }}", ts_type(value)),
        Ty::Named(n) => n.clone(),
    }
}

// ---------------------------------------------------------------------------------------
// src/options.ts: the options type and the named types

fn options_ts(model: &Model) -> String {
    let mut out = format!(
        "{}\n\n/**\n * The options type and the types of its values.\n *\n * @module\n */\n\n",
        doc::header("//", FROM_SPEC)
    );
    let type_doc = format!(
        "Model parameters of a chat completion request.\n\n\
         Every field is optional; an absent field is not sent, and the upstream API uses its \
         default. Keys are the wire names, exactly as the upstream API takes them.\n\n\
         A type alias rather than an interface: an object type has an implicit index \
         signature, so `{}` can be passed where a `Record<string, unknown>` is expected \
         (as SDKs that forward options often type them), while misspelled keys are still \
         rejected in object literals.",
        model.options_name
    );
    out.push_str(&jsdoc(&type_doc, &[], ""));
    out.push_str(&format!("export type {} = {{\n", model.options_name));
    for (i, p) in model.params.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&param_field(p, model));
    }
    out.push_str("};\n");
    for t in &model.types {
        out.push('\n');
        out.push_str(&named_type(t, model));
    }
    out
}

fn param_field(p: &Param, model: &Model) -> String {
    let mut tags = Vec::new();
    if let Some(d) = &p.default {
        tags.push(format!("@default {}", doc::json(d)));
    }
    if let Some(d) = &p.deprecated {
        tags.push(format!("@deprecated {}", doc::deprecation_note(d)));
    }
    let text = doc::param_doc(p, model, doc::Target::TypeScript);
    format!(
        "{}  {}?: {};\n",
        jsdoc(&text, &tags, "  "),
        prop_key(&p.name),
        ts_type(&p.ty)
    )
}

fn named_type(t: &NamedType, model: &Model) -> String {
    let text = doc::type_doc(t, model);
    match &t.kind {
        NamedKind::Enum(values) => {
            let mut text = text;
            text.push_str("\n\nValues:\n");
            for v in values {
                if v.description.is_empty() {
                    text.push_str(&format!("\n- `{}`", v.value));
                } else {
                    let desc = v.description.trim().replace('\n', " ");
                    text.push_str(&format!("\n- `{}`: {desc}", v.value));
                }
            }
            let lits: Vec<String> = values.iter().map(|v| string_lit(&v.value)).collect();
            let name = &t.name;
            // `$` is in no spec type's name (they are PascalCase): no clash.
            let (declare, export) = if COMMONJS_RESERVED.contains(&name.as_str()) {
                (
                    format!("const {name}$"),
                    format!("export {{ {name}$ as {name} }};\n"),
                )
            } else {
                (format!("export const {name}"), String::new())
            };
            format!(
                "{doc}export type {name} = {union};\n\n\
                 /** Every value of {{@link {name}}}, in the order of the spec. */\n\
                 {declare}: readonly {name}[] = [{list}];\n{export}",
                doc = jsdoc(&text, &[], ""),
                union = lits.join(" | "),
                list = lits.join(", "),
            )
        }
        NamedKind::Object(fields) => {
            let body: Vec<String> = fields.iter().map(object_field).collect();
            format!(
                "{}export interface {} {{\n{}}}\n",
                jsdoc(&text, &[], ""),
                t.name,
                body.join("\n")
            )
        }
        NamedKind::Union(members) => {
            let members: Vec<String> = members.iter().map(ts_type).collect();
            format!(
                "{}export type {} = {};\n",
                jsdoc(&text, &[], ""),
                t.name,
                members.join(" | ")
            )
        }
    }
}

fn object_field(f: &Field) -> String {
    let optional = if f.required { "" } else { "?" };
    let null = if f.nullable { " | null" } else { "" };
    format!(
        "{}  {}{optional}: {}{null};\n",
        jsdoc(&doc::field_doc(f), &[], "  "),
        prop_key(&f.name),
        ts_type(&f.ty)
    )
}

// ---------------------------------------------------------------------------------------
// src/rules.ts: the spec as tables for the engine

fn opt_field(name: &str, v: Option<String>) -> String {
    v.map(|v| format!(", {name}: {v}")).unwrap_or_default()
}

/// A message template as a `[before, after]` pair.
fn text_ts(t: &plan::Template) -> String {
    format!("[{}, {}]", string_lit(&t.before), string_lit(&t.after))
}

/// The size messages of a limit, as `, many: ..., few: ...` (nothing when unbounded).
fn count_texts(prefix: &str, counted: plan::Counted, c: Count) -> String {
    if c.is_unbounded() {
        return String::new();
    }
    let (many, few) = if prefix.is_empty() {
        ("many".to_owned(), "few".to_owned())
    } else {
        (format!("{prefix}Many"), format!("{prefix}Few"))
    };
    format!(
        ", {many}: {}, {few}: {}",
        text_ts(&plan::too_many(counted, c.min, c.max)),
        text_ts(&plan::too_few(counted, c.min, c.max))
    )
}

fn rule(ty: &Ty) -> String {
    match ty {
        Ty::Bool => r#"{ kind: "bool" }"#.to_owned(),
        Ty::Integer(r) | Ty::Float(r) => format!(
            "{{ kind: {}{}{}{} }}",
            if matches!(ty, Ty::Integer(_)) {
                r#""integer""#
            } else {
                r#""float""#
            },
            opt_field("min", r.min.map(num_lit)),
            opt_field("max", r.max.map(num_lit)),
            opt_field(
                "outside",
                (r.min.is_some() || r.max.is_some()).then(|| text_ts(&plan::outside(r.min, r.max)))
            ),
        ),
        Ty::String(c) => format!(
            r#"{{ kind: "string"{}{}{} }}"#,
            opt_field("minLen", c.min.map(|n| n.to_string())),
            opt_field("maxLen", c.max.map(|n| n.to_string())),
            count_texts("", plan::Counted::Characters, *c),
        ),
        Ty::List { item, items } => format!(
            r#"{{ kind: "list", item: {}{}{}{} }}"#,
            rule(item),
            opt_field("min", items.min.map(|n| n.to_string())),
            opt_field("max", items.max.map(|n| n.to_string())),
            count_texts("", plan::Counted::Items, *items),
        ),
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => format!(
            r#"{{ kind: "map", value: {}{}{}{}{}, tokenIdKeys: {}{}{} }}"#,
            rule(value),
            opt_field("min", entries.min.map(|n| n.to_string())),
            opt_field("max", entries.max.map(|n| n.to_string())),
            opt_field("keyMinLen", key_length.min.map(|n| n.to_string())),
            opt_field("keyMaxLen", key_length.max.map(|n| n.to_string())),
            key_format.is_some(),
            count_texts("", plan::Counted::Entries, *entries),
            count_texts("key", plan::Counted::KeyCharacters, *key_length),
        ),
        Ty::Named(n) => format!(r#"{{ kind: "ref", name: {} }}"#, string_lit(n)),
    }
}

fn str_list<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| string_lit(s)).collect();
    format!("[{}]", items.join(", "))
}

fn scalar_lit(v: &Value) -> String {
    match v {
        Value::Number(n) => num_lit(n.as_f64().unwrap_or(0.0)),
        // The checker only lets scalars through as required values.
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn rules_ts(model: &Model) -> String {
    let mut out = format!(
        "{}\n\n/**\n * The spec as tables for the engine: parameters, their types and the model catalog.\n *\n * @module\n */\n\n\
         import type {{\n  Code,\n  Constraint,\n  IssueField,\n  MessageName,\n  ModelInfo,\n  ParamRule,\n  Reason,\n  Rule,\n  Severity,\n  Step,\n  Text,\n}} from \"./engine.js\";\n\n",
        doc::header("//", FROM_SPEC_AND_CATALOG)
    );
    out.push_str("/** Every named type, by name in `ref` rules. */\nexport const TYPES: readonly Rule[] = [\n");
    for t in &model.types {
        let name = string_lit(&t.name);
        let body = match &t.kind {
            NamedKind::Enum(values) => {
                let listed: Vec<String> = values.iter().map(|v| v.value.clone()).collect();
                format!(
                    "{{\n    kind: \"enum\",\n    name: {name},\n    values: {},\n    wrong: {},\n    invalid: {},\n  }}",
                    str_list(&listed),
                    text_ts(&plan::wrong_kind(&format!("a {}", t.name))),
                    text_ts(&plan::not_in_set(&t.name, &listed))
                )
            }
            NamedKind::Object(fields) => {
                let fields: String = fields
                    .iter()
                    .map(|f| {
                        format!(
                            "      {{ name: {}, rule: {}, required: {}{} }},\n",
                            string_lit(&f.name),
                            rule(&f.ty),
                            f.required,
                            opt_field(
                                "missing",
                                f.required
                                    .then(|| string_lit(&plan::missing_field(&t.name, &f.name)))
                            )
                        )
                    })
                    .collect();
                format!(
                    "{{\n    kind: \"object\",\n    name: {name},\n    fields: [\n{fields}    ],\n    wrong: {},\n    unknown: {},\n  }}",
                    text_ts(&plan::wrong_kind(&format!("a {}", t.name))),
                    text_ts(&plan::unknown(&format!("field of {}", t.name)))
                )
            }
            NamedKind::Union(members) => {
                let members: Vec<String> = members.iter().map(rule).collect();
                format!(
                    r#"{{ kind: "union", name: {name}, members: [{}], wrong: {} }}"#,
                    members.join(", "),
                    text_ts(&plan::wrong_kind(&format!("a {}", t.name)))
                )
            }
        };
        out.push_str(&format!("  {body},\n"));
    }
    out.push_str("];\n\n");

    out.push_str(
        "/** Every parameter, in spec order, with its deprecation warning. */\nexport const PARAMS: readonly ParamRule[] = [\n",
    );
    for p in &model.params {
        let deprecation =
            plan::deprecation_of(p).map_or_else(|| "null".to_owned(), |m| string_lit(&m));
        out.push_str(&format!(
            "  {{ name: {}, rule: {}, deprecation: {deprecation} }},\n",
            string_lit(&p.name),
            rule(&p.ty),
        ));
    }
    out.push_str("];\n\n");

    out.push_str(
        "/** The rules between parameters, per parameter that carries their issues. */\n\
         export const CONSTRAINTS: readonly Constraint[] = [\n",
    );
    for c in plan::constraints(model) {
        let exclusive: Vec<String> = c
            .exclusive
            .iter()
            .map(|e| format!("[{}, {}]", string_lit(&e.other), string_lit(&e.message)))
            .collect();
        let requires: Vec<String> = c
            .requires
            .iter()
            .map(|r| {
                format!(
                    "[{}, {}, {}]",
                    string_lit(&r.other),
                    scalar_lit(&r.value),
                    string_lit(&r.message)
                )
            })
            .collect();
        out.push_str(&format!(
            "  {{\n    param: {},\n    exclusive: [{}],\n    requires: [{}],\n  }},\n",
            string_lit(&c.param),
            exclusive.join(", "),
            requires.join(", ")
        ));
    }
    out.push_str("];\n\n");

    out.push_str(&format!(
        "/** The command the package installs (`bin`) and the package's version, for the command line. */\n\
         export const COMMAND = {};\nexport const VERSION = {};\n\n",
        string_lit(command_name(&model.packages.npm)),
        string_lit(&model.version)
    ));
    let order: Vec<String> = plan::ISSUE_ORDER.iter().map(|f| string_lit(f)).collect();
    out.push_str(&format!(
        "/** The fields issues are sorted by, in turn (strings compared by code point). */\n\
         export const ISSUE_ORDER: readonly IssueField[] = [{}];\n\n",
        order.join(", ")
    ));
    out.push_str(
        "/** The issue `validateFor` reports for each reason of a change of `prepare`. */\n\
         export const REASON_ISSUES: Readonly<Record<Reason, readonly [Code, Severity]>> = {\n",
    );
    for (reason, code, severity) in plan::REASON_ISSUES {
        out.push_str(&format!("  {reason}: [\"{code}\", \"{severity}\"],\n"));
    }
    out.push_str("};\n\n");
    out.push_str(
        "/** The messages every spec has: the text before and after the value. */\n\
         export const MESSAGES: Readonly<Record<MessageName, Text>> = {\n",
    );
    for (name, t) in plan::common_messages() {
        out.push_str(&format!("  {name}: {},\n", text_ts(&t)));
    }
    out.push_str("};\n\n");

    let prepare = plan::prepare(model);
    out.push_str(&format!(
        "/** `prepare`'s steps for every known model, before its own. */\n\
         export const COMMON_STEPS: readonly Step[] = {};\n\n",
        steps_ts(&prepare.common, "  ")
    ));
    out.push_str(
        "/** Distinct lists of steps; models with the same rules share one. */\n\
         export const STEP_GROUPS: readonly (readonly Step[])[] = [\n",
    );
    for g in &prepare.groups {
        out.push_str(&format!("  {},\n", steps_ts(g, "    ")));
    }
    out.push_str("];\n\n");
    let groups: Vec<String> = prepare.model_group.iter().map(usize::to_string).collect();
    out.push_str(&format!(
        "/** The step group of each model of `MODELS`. */\n\
         export const MODEL_GROUPS: readonly number[] = [{}];\n\n",
        groups.join(", ")
    ));

    out.push_str(
        "/** Every model of the catalog, in catalog order. */\nexport const MODELS: readonly ModelInfo[] = [\n",
    );
    for m in &model.catalog.models {
        out.push_str(&model_info_ts(m));
    }
    out.push_str("];\n\n");
    out.push_str(
        "/** The families that ids match by prefix, as entries. */\nexport const FAMILY_ENTRIES: readonly ModelInfo[] = [\n",
    );
    for m in &model.catalog.family_entries {
        out.push_str(&model_info_ts(m));
    }
    out.push_str("];\n\n");
    let groups: Vec<String> = prepare.family_group.iter().map(usize::to_string).collect();
    out.push_str(&format!(
        "/** The step group of each of `FAMILY_ENTRIES`. */\nexport const FAMILY_GROUPS: readonly number[] = [{}];\n\n",
        groups.join(", ")
    ));
    out.push_str(
        "/** Id prefixes, longest first: the prefix, whether it leads to a family entry (else a model), and the index. */\n\
         export const PATTERNS: readonly (readonly [string, boolean, number])[] = [\n",
    );
    for p in &model.catalog.patterns {
        let (family, index) = match p.target {
            crate::model::PatternTarget::Model(i) => (false, i),
            crate::model::PatternTarget::Family(i) => (true, i),
        };
        out.push_str(&format!(
            "  [{}, {family}, {index}],\n",
            string_lit(&p.prefix)
        ));
    }
    out.push_str("];\n");
    out
}

/// One `ModelInfo` literal.
fn model_info_ts(m: &crate::model::CatalogModel) -> String {
    let opt = |v: Option<&str>| v.map_or_else(|| "null".to_owned(), string_lit);
    let num = |v: Option<u64>| v.map_or_else(|| "null".to_owned(), |n| n.to_string());
    format!(
        "  {{\n    id: {},\n    family: {},\n    reasoning: {},\n    rejects: {},\n    \
         allowedAtEffortOff: {},\n    minReasoningEffort: {},\n    rejectsEffortWithTools: {},\n    \
         maxReasoningEffort: {},\n    defaultReasoningEffort: {},\n    requiresEffortOffWithTools: {},\n    \
         maxOutputTokens: {},\n    contextWindow: {},\n    shutdown: {},\n    successor: {},\n    prefixes: {},\n  }},\n",
        string_lit(&m.id),
        string_lit(&m.family),
        m.reasoning,
        str_list(&m.rejects),
        str_list(&m.allowed_at_effort_off),
        opt(m.min_reasoning_effort.as_deref()),
        m.rejects_effort_with_tools,
        opt(m.efforts.highest.as_deref()),
        opt(m.efforts.default.as_deref()),
        matches!(m.tools, Some((crate::model::ToolsEffort::RequireOff, _))),
        num(m.output.as_ref().and_then(|o| o.max_tokens)),
        num(m.output.as_ref().and_then(|o| o.context_window)),
        opt(m.deprecated.as_ref().and_then(|d| d.shutdown.as_deref())),
        opt(m.deprecated.as_ref().and_then(|d| d.successor.as_deref())),
        str_list(&m.prefixes),
    )
}

/** An array of `prepare` steps, one per line at `indent`. */
fn steps_ts(steps: &[plan::Step], indent: &str) -> String {
    if steps.is_empty() {
        return "[]".to_owned();
    }
    let mut out = "[\n".to_owned();
    for s in steps {
        let when: Vec<String> = s
            .when
            .iter()
            .map(|c| match c {
                plan::Cond::Tools(true) => r#"{ test: "tools" }"#.to_owned(),
                plan::Cond::Tools(false) => r#"{ test: "no_tools" }"#.to_owned(),
                plan::Cond::Set(p) => format!(r#"{{ test: "set", param: {} }}"#, string_lit(p)),
                plan::Cond::Unset(p) => format!(r#"{{ test: "unset", param: {} }}"#, string_lit(p)),
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
                    r#"{{ test: "{}", param: {}, values: {}, unset: {unset} }}"#,
                    if matches!(c, plan::Cond::In { .. }) {
                        "in"
                    } else {
                        "not_in"
                    },
                    string_lit(param),
                    str_list(values)
                ),
                plan::Cond::Above(p, n) => format!(
                    r#"{{ test: "above", param: {}, number: {} }}"#,
                    string_lit(p),
                    num_lit(*n)
                ),
                plan::Cond::Below(p, n) => format!(
                    r#"{{ test: "below", param: {}, number: {} }}"#,
                    string_lit(p),
                    num_lit(*n)
                ),
            })
            .collect();
        let (action, extra) = match &s.act {
            plan::Act::Remove => ("remove", String::new()),
            plan::Act::Move { to } => ("move", format!(", to: {}", string_lit(to))),
            plan::Act::Set { value } => ("set", format!(", value: {}", scalar_lit(value))),
            plan::Act::Clamp { value } => ("clamp", format!(", value: {}", num_lit(*value))),
            plan::Act::Warn => ("warn", String::new()),
        };
        out.push_str(&format!(
            "{indent}{{ param: {}, when: [{}], action: \"{action}\", reason: {}, message: {}{extra} }},\n",
            string_lit(&s.param),
            when.join(", "),
            string_lit(s.reason),
            str_list(&s.message)
        ));
    }
    out.push_str(&indent[2..]);
    out.push(']');
    out
}

// ---------------------------------------------------------------------------------------
// src/index.ts: the public API

fn index_ts(model: &Model) -> String {
    let name = &model.options_name;
    let mut out = format!(
        "{}\n\n{}\n",
        doc::header("//", FROM_SPEC),
        jsdoc(&package_doc(model), &["@module".to_owned()], "").trim_end()
    );
    out.push_str(
        "\nimport {\n  OptionsHolder,\n  plainOptions,\n  prepare as prepareOptions,\n  type PrepareContext,\n  type Prepared,\n} from \"./engine.js\";\n\
         export {\n  findModel,\n  models,\n  OptionsHolder,\n  suggest,\n  validate,\n  validateFor,\n  \
         type Action,\n  type Change,\n  type Code,\n  type Issue,\n  type Matched,\n  type ModelInfo,\n  type PrepareContext,\n  \
         type PrepareWarning,\n  type Prepared,\n  type Reason,\n  type Severity,\n} from \"./engine.js\";\n",
    );
    // Every spec type by name, not `export *`: a spec type named like an engine export is
    // then a duplicate export that tsc reports, not a silent shadowing.
    let enums: Vec<&str> = model
        .types
        .iter()
        .filter(|t| render::is_enum(&t.kind))
        .map(|t| t.name.as_str())
        .collect();
    let others: Vec<&str> = std::iter::once(name.as_str())
        .chain(
            model
                .types
                .iter()
                .filter(|t| !render::is_enum(&t.kind))
                .map(|t| t.name.as_str()),
        )
        .collect();
    out.push_str(&format!(
        "import type {{ {name} }} from \"./options.js\";\nexport {{\n{}}} from \"./options.js\";\nexport type {{\n{}}} from \"./options.js\";\n",
        enums.iter().map(|n| format!("  {n},\n")).collect::<String>(),
        others.iter().map(|n| format!("  {n},\n")).collect::<String>(),
    ));
    let params: Vec<String> = model.params.iter().map(|p| string_lit(&p.name)).collect();
    out.push_str(&format!(
        "\n/** Wire names of every parameter, in the order of the reference. */\n\
         export const PARAMETERS: readonly (keyof {name})[] = [\n{}];\n",
        params
            .iter()
            .map(|p| format!("  {p},\n"))
            .collect::<String>()
    ));
    out.push_str(&format!(
        "\n/**\n * The documented runtime behaviour of an LLM's options, typed with {{@link {name}}}: a\n \
         * model and persistent options, where `updateOptions({{ model?, modelOptions? }})`\n \
         * **replaces** the options (never merges) and `{{}}` clears them.\n */\n\
         export class LlmOptions extends OptionsHolder<{name}> {{}}\n"
    ));
    out.push_str(&typed_api(name));
    out
}

/// `prepare`, overloaded (typed options in, typed options out; any other object in,
/// `Record<string, unknown>` out), and `plain`, bound to the options type `name`.
fn typed_api(name: &str) -> String {
    format!(
        r#"
/**
 * Prepares options for a model: removes what it rejects, moves what has moved, brings efforts
 * and numbers within what it takes, and reports every change (and, without changing
 * anything, a deprecated model). Unknown models get the options unchanged (the API ignores
 * what it does not support). Keys that are not parameters pass through. The input is not
 * modified.
 *
 * Typed as what it is given: options typed {{@link {name}}} give
 * `Prepared<{name}>`; any other object gives `Prepared` (`Prepared<Record<string,
 * unknown>>`). A value typed `any` (what `JSON.parse` returns) counts as typed options: type
 * it `Record<string, unknown>` until it is validated. To hand typed options to an API with an
 * options type of its own, see {{@link plain}}.
 */
export function prepare(model: string, options: {name}, context?: PrepareContext): Prepared<{name}>;
export function prepare(model: string, options: object, context?: PrepareContext): Prepared;
export function prepare(model: string, options: object, context?: PrepareContext): Prepared {{
  return prepareOptions(model, options, context);
}}

/**
 * The options as a plain `Record<string, unknown>` (a shallow copy, without the keys whose
 * value is `undefined`), for an API whose own options type does not take every value the
 * spec allows but takes any `Record<string, unknown>`, such as LiveKit's
 * `new inference.LLM({{ model, modelOptions: plain(options) }})`.
 */
export function plain(options: {name}): Record<string, unknown> {{
  return plainOptions(options);
}}
"#
    )
}

fn package_doc(model: &Model) -> String {
    let mut text = doc::package_intro(model);
    text.push_str(&format!(
        "`{}` holds every parameter, each optional. `validate` reports every issue, \
         `prepare` adapts options to one model of the catalog, and `LlmOptions` keeps a \
         model and its options, and `updateOptions` replaces them, never merges.",
        model.options_name
    ));
    text
}

// ---------------------------------------------------------------------------------------
// test/example.test.ts: the usage example of the reference

/// The example as an object literal typed with the options type.
fn example_literal(model: &Model, indent: &str) -> String {
    let mut out = String::from("{\n");
    for (name, value) in &model.example {
        out.push_str(&format!(
            "{indent}  {}: {},\n",
            prop_key(name),
            serde_json::to_string(value).unwrap_or_default()
        ));
    }
    out.push_str(indent);
    out.push('}');
    out
}

/// The JSON text `JSON.stringify` writes for the example.
fn example_json(model: &Model) -> String {
    let map: Map<String, Value> = model.example.iter().cloned().collect();
    js_json(&Value::Object(map))
}

fn example_test(model: &Model) -> String {
    let name = &model.options_name;
    format!(
        r#"{header}

// The usage example of the reference, typed: it serializes to exactly the JSON the API
// takes, parses back, and is valid.

import assert from "node:assert/strict";
import {{ test }} from "node:test";

import {{ validate, type {name} }} from "../src/index.js";

test("the usage example serializes to exactly its JSON and validates", () => {{
  const options: {name} = {literal};
  const json = JSON.stringify(options);
  assert.equal(json, {expected});
  assert.deepEqual(JSON.parse(json), options);
  assert.deepEqual(validate(options), []);
}});
"#,
        header = doc::header("//", FROM_SPEC),
        literal = example_literal(model, "  "),
        expected = string_lit(&example_json(model)),
    )
}

// ---------------------------------------------------------------------------------------
// README.md

fn readme(model: &Model) -> String {
    let name = &model.options_name;
    let pkg = &model.packages.npm;
    let mut out = format!(
        "<!--{} -->\n\n# {pkg}\n\n",
        doc::header("", FROM_SPEC_AND_CATALOG)
    );
    out.push_str(&package_doc(model));
    out.push_str(&format!(
        "\n\n## Install\n\n```sh\nnpm install {pkg}\n```\n\nFor Node.js 18 or later, from ES modules (`import`) and CommonJS (`require`) \
         alike, with type declarations for both; no runtime dependencies. The JSON Schema of \
         the options is included (`{pkg}/json-schema/model-options.schema.json`).\n\n\
         ```js\nconst {{ prepare, validate }} = require(\"{pkg}\");\n```\n\n\
         The package holds two builds of the same code: an ES module (`dist/src/`, which \
         `import` loads) and CommonJS (`dist/cjs/`, which `require` loads). A program that \
         loads both gets two copies, each with the rule tables it compiles when loaded; they \
         give the same answers and keep no state of their users, so mixing them is harmless, \
         but a class of one is not the other's (`instanceof LlmOptions` is `false` across \
         them).\n\n## Usage\n\n```ts\n\
         import {{ LlmOptions, prepare, validate, type {name} }} from \"{pkg}\";\n\n\
         const options: {name} = {literal};\n\n\
         // Every issue at once (path, stable code, severity, message); [] when valid.\n\
         const issues = validate(options);\n\n\
         // What to send to one model, and every change made to get there.\n\
         const {{ model, options: send, changes }} = prepare(\"{model_id}\", options, {{ hasTools: false }});\n\n\
         // Options replace, never merge; {{}} clears them.\n\
         const llm = new LlmOptions(\"{model_id}\", options);\n\
         llm.updateOptions({{ modelOptions: {{}} }});\n```\n",
        literal = example_literal(model, ""),
        model_id = model
            .catalog
            .models
            .first()
            .map_or("provider/model", |m| m.id.as_str()),
    ));
    out.push_str(
        "\n## API\n\n\
         | export | what |\n|---|---|\n",
    );
    let prepare_sig = format!("prepare(model, options, {{ hasTools }}): Prepared<{name}>");
    for (export, what) in [
        (
            name.as_str(),
            "the options type: every parameter, optional, keyed by its wire name",
        ),
        (
            "validate(options: unknown): Issue[]",
            "every issue, sorted by path then code; `null` counts as not set",
        ),
        (
            prepare_sig.as_str(),
            "the options for one catalog model (`model: null` when unknown) and every change made; any other object is taken too, and gives `Prepared` (`options: Record<string, unknown>`)",
        ),
        (
            "plain(options): Record<string, unknown>",
            "the options for an API with an options type of its own, e.g. LiveKit's `new inference.LLM({ model, modelOptions: plain(options) })`",
        ),
        (
            "LlmOptions",
            "a model and its options; `updateOptions({ model?, modelOptions? })` replaces, never merges",
        ),
        (
            "findModel(id), models()",
            "the model catalog, by full id or by the name after the provider",
        ),
        ("PARAMETERS", "wire names of every parameter, in order"),
    ] {
        out.push_str(&format!("| `{export}` | {what} |\n"));
    }
    out.push_str(
        "\nIssue codes: `unknown_parameter`, `invalid_type`, `invalid_value`, `out_of_range`, \
         `too_long`, `too_many_items`, `mutually_exclusive`, `missing_dependency` (errors) and \
         `deprecated` (a warning). The same codes, paths and verdicts as the Rust crate and the \
         Python package: all three run the same conformance vectors.\n\n\
         An issue's `message` is built when first read (validation is faster for it), so it is \
         a getter, not an own property: `JSON.stringify(issue)`, `console.log(issue)` and \
         `issue.message` see it, but `{ ...issue }`, `Object.keys(issue)`, `structuredClone` \
         and `assert.deepStrictEqual` do not. `{ ...issue, message: issue.message }` is a plain \
         copy with all four fields.\n",
    );
    out.push_str("\n## Parameters\n\n| parameter | type | default | limits |\n|---|---|---|---|\n");
    for p in &model.params {
        let deprecated = if p.deprecated.is_some() {
            " (deprecated)"
        } else {
            ""
        };
        out.push_str(&format!(
            "| `{}`{deprecated} | `{}` | {} | {} |\n",
            p.name,
            ts_type(&p.ty).replace('|', "\\|"),
            p.default
                .as_ref()
                .map_or_else(String::new, |d| format!("`{}`", doc::json(d))),
            render::limits(&p.ty).join("; "),
        ));
    }
    out.push_str(&format!(
        "\nEach field of `{name}` documents its description, default, limits, reasoning-model \
         support, exclusivity, dependency and deprecation in its JSDoc.\n\n\
         ## Tests\n\n\
         `npm ci && npm test` builds the package (`tsc`, strict: the ES module, then \
         CommonJS) and runs its tests with \
         node's test runner: the conformance vectors, read from `../conformance` beside the \
         package or from the directory `LLM_PARAMS_CONFORMANCE` names; the usage example; and \
         generic checks of the exported parameter list and model catalog, and of what `import` \
         and `require` of the package load. `npm pack` builds \
         it too; the package holds `dist/src/` (the ES module and the command line), \
         `dist/cjs/` (CommonJS) and `json-schema/`.\n"
    ));
    out.push_str(&format!(
        "\n## Preparing a request\n\n```ts\n{}\n```\n",
        crate::emit::markdown::examples::typescript_prepare(model)
    ));
    out.push_str(&doc::command_line_section(
        model,
        &format!("npx {}", command_name(&model.packages.npm)),
        "",
        "The Rust crate and the PyPI package",
    ));
    out.push_str(&doc::links_section(
        model,
        &format!("https://www.npmjs.com/package/{}", model.packages.npm),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words_are_quoted_never_renamed() {
        assert_eq!(prop_key("function"), "\"function\"");
        assert_eq!(prop_key("default"), "\"default\"");
        assert_eq!(prop_key("type"), "type");
        assert_eq!(prop_key("top_p"), "top_p");
        assert_eq!(prop_key("24h"), "\"24h\"");
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        assert_eq!(js_number(1000.0), "1000");
        assert_eq!(js_number(0.7), "0.7");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(1.5e-7), "1.5e-7");
        assert_eq!(js_number(-2.0), "-2");
        assert_eq!(num_lit(2.0), "2");
        assert_eq!(num_lit(-0.5), "-0.5");
    }

    #[test]
    fn json_orders_array_index_keys_first() {
        let v: Value = serde_json::from_str(r#"{"b":1,"10":2,"2":3,"01":4}"#).unwrap_or_default();
        assert_eq!(js_json(&v), r#"{"2":3,"10":2,"b":1,"01":4}"#);
    }

    #[test]
    fn the_command_is_the_package_name_without_its_scope() {
        assert_eq!(command_name("llm-params"), "llm-params");
        assert_eq!(command_name("@acme/params"), "params");
    }

    #[test]
    fn jsdoc_cannot_be_closed_early() {
        let d = jsdoc("a */ b\n@not a tag", &["@default 1".to_owned()], "");
        assert!(d.contains("a *\\/ b"));
        assert!(d.contains(" * \\@not a tag"));
        assert!(d.contains(" * @default 1"));
    }

    #[test]
    fn the_lock_file_template_matches_the_manifest_template() {
        let manifest: Value = serde_json::from_str(PACKAGE_JSON).unwrap_or_default();
        let lock: Value = serde_json::from_str(PACKAGE_LOCK).unwrap_or_default();
        assert_eq!(
            manifest["devDependencies"], lock["packages"][""]["devDependencies"],
            "run `npm install --package-lock-only` in codegen/runtime/typescript"
        );
        assert_eq!(manifest["name"], lock["name"]);
    }
}
