//! The reference page: everything the LiveKit reference says about each parameter, and
//! more (a table at a glance, limits with their sources, the model catalog, runtime
//! behaviour with examples in Rust, TypeScript and Python), as GitHub markdown.

use std::fmt::Write;

use crate::OutputFile;
use crate::emit::doc;
use crate::model::{Model, NamedKind, Param, ReasoningSupport, Ty};
use crate::render;

pub const DIR: &str = "generated/docs";
pub const FILE: &str = "parameters.md";

pub fn emit(model: &Model) -> Vec<OutputFile> {
    let file = |name: &str, prefix: &str, body: String| OutputFile {
        path: format!("{DIR}/examples/{name}"),
        contents: format!("{}\n\n{body}\n", doc::header(prefix, "schema/spec.yaml")),
    };
    vec![
        OutputFile {
            path: format!("{DIR}/{FILE}"),
            contents: page(model),
        },
        file("usage.ts", "//", examples::typescript_usage(model)),
        file(
            "update_options.ts",
            "//",
            examples::typescript_update(model),
        ),
        file("usage.py", "#", examples::python_usage(model)),
        file("update_options.py", "#", examples::python_update(model)),
    ]
}

/// A table cell: pipes escaped, line breaks folded.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The GitHub anchor of a heading: lowercase, punctuation other than `-` and `_` dropped,
/// spaces to `-`.
pub fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// How a type reads in the docs (Python-like, as the LiveKit reference writes them).
pub fn type_text(ty: &Ty, model: &Model) -> String {
    match ty {
        Ty::Bool => "bool".to_owned(),
        Ty::Integer(_) => "int".to_owned(),
        Ty::Float(_) => "float".to_owned(),
        Ty::String(_) => "str".to_owned(),
        Ty::List { item, .. } => format!("list[{}]", type_text(item, model)),
        Ty::Map { value, .. } => format!("dict[str, {}]", type_text(value, model)),
        Ty::Named(n) => match model.named(n).map(|t| (&t.kind, t.inline)) {
            Some((NamedKind::Enum(values), _)) if values.len() <= 7 => values
                .iter()
                .map(|v| format!("\"{}\"", v.value))
                .collect::<Vec<_>>()
                .join(" | "),
            Some((NamedKind::Union(members), true)) => members
                .iter()
                .map(|m| type_text(m, model))
                .collect::<Vec<_>>()
                .join(" | "),
            _ => n.clone(),
        },
    }
}

fn reasoning_text(p: &Param) -> &'static str {
    match p.reasoning {
        ReasoningSupport::Supported => "supported",
        ReasoningSupport::Unsupported => "not supported",
        ReasoningSupport::Only => "only",
    }
}

fn code_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("[`{n}`](#{})", anchor(n)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn page(model: &Model) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "<!-- {} -->\n",
        doc::header("", "schema/spec.yaml and schema/models.yaml").trim_start()
    );
    let _ = writeln!(w, "# LLM model parameters\n");
    let _ = writeln!(
        w,
        "Version {} of the spec. Every parameter below is typed, validated and prepared per \
         model by the Rust, TypeScript and Python packages generated from the same spec.\n",
        model.version
    );
    if !model.description.is_empty() {
        let _ = writeln!(w, "{}\n", model.description.trim());
    }
    let _ = writeln!(
        w,
        "> **Reasoning model compatibility.** Parameters that reasoning models do not support \
         are removed by `prepare` before a request is sent; the [model catalog](#model-catalog) \
         lists exactly which model rejects what. Unknown models get the options unchanged: \
         the API ignores what it does not support.\n"
    );
    let _ = writeln!(
        w,
        "- [At a glance](#at-a-glance)\n- [Parameters](#parameters)\n- [Types](#types)\n- [Model catalog](#model-catalog)\n- [Usage](#usage)\n- [Updating options at runtime](#updating-options-at-runtime)\n- [Validation](#validation)\n- [Sources](#sources)\n"
    );

    let _ = writeln!(w, "## At a glance\n");
    let _ = writeln!(
        w,
        "| Parameter | Type | Default | Range or limits | Reasoning models | Exclusive with | Requires | Deprecated |"
    );
    let _ = writeln!(w, "|---|---|---|---|---|---|---|---|");
    for p in &model.params {
        let limits = render::limits(&p.ty).join("; ");
        let requires: Vec<String> = p
            .requires
            .iter()
            .map(|(k, v)| format!("`{k}: {}`", doc::json(v)))
            .collect();
        let deprecated = p
            .deprecated
            .as_ref()
            .map(|d| {
                format!(
                    "yes: use {}",
                    code_list(&d.replaced_by).replace(", ", " or ")
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            w,
            "| [`{}`](#{}) | `{}` | {} | {} | {} | {} | {} | {} |",
            p.name,
            anchor(&p.name),
            cell(&type_text(&p.ty, model)),
            p.default
                .as_ref()
                .map(|d| format!("`{}`", cell(&doc::json(d))))
                .unwrap_or_default(),
            cell(&limits),
            reasoning_text(p),
            code_list(&p.exclusive_with),
            requires.join(", "),
            deprecated,
        );
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "## Parameters\n");
    for p in &model.params {
        let _ = writeln!(w, "### {}\n", p.name);
        let mut line = format!("_({})_ (optional)", type_text(&p.ty, model));
        if p.extension {
            line.push_str(" - an extension: not a parameter of the upstream API");
        }
        let _ = writeln!(w, "{line}\n");
        let _ = writeln!(w, "{}\n", p.summary);
        if !p.description.is_empty() {
            let _ = writeln!(w, "{}\n", p.description);
        }
        for fact in doc::param_facts(p, model) {
            let _ = writeln!(w, "{fact}");
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "## Types\n");
    for t in model.types.iter().filter(|t| !t.inline) {
        // "Type X": a type named like a parameter (`Verbosity`, `verbosity`) keeps its own
        // anchor.
        let _ = writeln!(w, "### Type {}\n", t.name);
        if !t.description.is_empty() {
            let _ = writeln!(w, "{}\n", t.description.trim());
        }
        match &t.kind {
            NamedKind::Enum(values) => {
                let _ = writeln!(w, "| Value | Meaning |\n|---|---|");
                for v in values {
                    let _ = writeln!(w, "| `\"{}\"` | {} |", cell(&v.value), cell(&v.description));
                }
            }
            NamedKind::Object(fields) => {
                let _ = writeln!(
                    w,
                    "| Field | Type | Required | Limits | Description |\n|---|---|---|---|---|"
                );
                for f in fields {
                    let _ = writeln!(
                        w,
                        "| `{}` | `{}` | {} | {} | {} |",
                        f.name,
                        cell(&type_text(&f.ty, model)),
                        if f.required {
                            "yes"
                        } else if f.nullable {
                            "no (may be `null`)"
                        } else {
                            "no"
                        },
                        cell(&render::limits(&f.ty).join("; ")),
                        cell(&f.description),
                    );
                }
            }
            NamedKind::Union(members) => {
                let names: Vec<String> = members
                    .iter()
                    .map(|m| format!("`{}`", cell(&type_text(m, model))))
                    .collect();
                let _ = writeln!(w, "One of: {}.", names.join(", "));
            }
        }
        let _ = writeln!(w);
    }

    catalog(w, model);
    examples(w, model);
    let _ = writeln!(w, "## Validation\n");
    let _ = writeln!(
        w,
        "`validate(options)` returns every issue, not the first, each with a JSON Pointer \
         `path`, a stable `code` and a `severity`: `unknown_parameter` (with the nearest \
         known name), `invalid_type`, `invalid_value`, `out_of_range`, `too_long`, \
         `too_many_items`, `mutually_exclusive`, `missing_dependency` (errors) and \
         `deprecated` (a warning naming the replacement). `null` counts as not set. Rust, \
         TypeScript and Python give the same verdicts: they run the same conformance \
         vectors.\n"
    );
    let _ = writeln!(w, "## Sources\n");
    for s in &model.sources {
        match &s.url {
            Some(u) => {
                let _ = writeln!(w, "- `{}`: [{}]({u})", s.id, s.title);
            }
            None => {
                let _ = writeln!(w, "- `{}`: {}", s.id, s.title);
            }
        }
    }
    out
}

fn catalog(w: &mut String, model: &Model) {
    let cat = &model.catalog;
    let _ = writeln!(w, "## Model catalog\n");
    if !cat.description.is_empty() {
        let _ = writeln!(w, "{}\n", cat.description);
    }
    let _ = writeln!(w, "### Families\n");
    let _ = writeln!(
        w,
        "| Family | Reasoning | Rejects | Accepted again at effort `{}` | Source |\n|---|---|---|---|---|",
        cat.effort
            .as_ref()
            .map(|e| e.off.as_str())
            .unwrap_or("none")
    );
    for f in &cat.families {
        let _ = writeln!(
            w,
            "| `{}` | {} | {} | {} | {} |",
            f.name,
            if f.reasoning { "yes" } else { "no" },
            code_list(&f.rejects),
            code_list(&f.allowed_at_effort_none),
            cell(f.source.as_deref().unwrap_or("")),
        );
    }
    let _ = writeln!(w, "\n### Models\n");
    let _ = writeln!(
        w,
        "| Model | Family | Reasoning | Lowest effort | Accepted again at effort off | Rejects effort with tools |\n|---|---|---|---|---|---|"
    );
    for m in &cat.models {
        let _ = writeln!(
            w,
            "| `{}` | `{}` | {} | {} | {} | {} |",
            m.id,
            m.family,
            if m.reasoning { "yes" } else { "no" },
            m.min_reasoning_effort
                .as_deref()
                .map(|e| format!("`{e}`"))
                .unwrap_or_default(),
            code_list(&m.allowed_at_effort_off),
            if m.rejects_effort_with_tools {
                "yes"
            } else {
                ""
            },
        );
    }
    let _ = writeln!(
        w,
        "\n`prepare` applies these rules for the model a request goes to: it removes what the \
         model rejects, moves a deprecated parameter to its replacement where the spec says \
         so, and reports every change with its reason.\n"
    );
}

fn examples(w: &mut String, model: &Model) {
    let _ = writeln!(w, "## Usage\n");
    let _ = writeln!(
        w,
        "The reference's example: set `temperature` and `max_completion_tokens`. The options serialize to exactly the JSON the API takes.\n"
    );
    let _ = writeln!(
        w,
        "**Rust**:\n\n```rust\n{}\n```\n",
        crate::emit::rust::example_code(model)
    );
    let _ = writeln!(
        w,
        "**TypeScript**:\n\n```typescript\n{}\n```\n",
        examples::typescript_usage(model)
    );
    let _ = writeln!(
        w,
        "**Python**:\n\n```python\n{}\n```\n",
        examples::python_usage(model)
    );
    let _ = writeln!(w, "## Updating options at runtime\n");
    let _ = writeln!(
        w,
        "Swap models or change persistent options between requests: `update_options()` in \
         Rust and Python, `updateOptions()` in TypeScript. Both arguments are optional. The \
         next request uses the new values.\n\n> **Options are replaced, not merged.** The \
         options argument replaces the existing options object: keys you don't include are \
         dropped. To clear all options, pass `{{}}`.\n"
    );
    let _ = writeln!(
        w,
        "**Rust**:\n\n```rust\n{}\n```\n",
        crate::emit::rust::update_example_code(model)
    );
    let _ = writeln!(
        w,
        "**TypeScript**:\n\n```typescript\n{}\n```\n",
        examples::typescript_update(model)
    );
    let _ = writeln!(
        w,
        "**Python**:\n\n```python\n{}\n```\n",
        examples::python_update(model)
    );
}

/// The TypeScript and Python examples of the docs. The same text is written to
/// `generated/docs/examples/`, where each language's test command runs it.
pub mod examples {
    use crate::emit::examples::{first, models};
    use crate::model::Model;

    fn ts_literal(model: &Model) -> String {
        model
            .example
            .iter()
            .map(|(k, v)| format!("  {k}: {},", super::doc::json(v)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn py_literal(model: &Model) -> String {
        model
            .example
            .iter()
            .map(|(k, v)| format!("    \"{k}\": {},", python_value(v)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn python_value(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::Null => "None".to_owned(),
            serde_json::Value::Bool(true) => "True".to_owned(),
            serde_json::Value::Bool(false) => "False".to_owned(),
            other => super::doc::json(other),
        }
    }

    pub fn typescript_usage(model: &Model) -> String {
        let npm = &model.packages.npm;
        let name = &model.options_name;
        format!(
            "import assert from \"node:assert/strict\";\nimport {{ validate, type {name} }} from \"{npm}\";\n\nconst modelOptions: {name} = {{\n{}\n}};\nassert.deepEqual(validate(modelOptions), []);\nassert.equal(JSON.stringify(modelOptions), {});",
            ts_literal(model),
            super::doc::json(&serde_json::Value::String(json_text(model)))
        )
    }

    pub fn python_usage(model: &Model) -> String {
        let module = model.packages.python.replace('-', "_");
        let name = &model.options_name;
        format!(
            "import json\n\nfrom {module} import {name}, validate\n\nextra_kwargs: {name} = {{\n{}\n}}\nassert validate(extra_kwargs) == []\nassert json.dumps(extra_kwargs, separators=(\",\", \":\")) == {}",
            py_literal(model),
            super::doc::json(&serde_json::Value::String(json_text(model)))
        )
    }

    pub fn typescript_update(model: &Model) -> String {
        let npm = &model.packages.npm;
        let (a, b) = models(model);
        let all = format!("{{\n{}\n}}", ts_literal(model));
        let one = first(model)
            .map(|(k, v)| format!("{{ {k}: {} }}", super::doc::json(v)))
            .unwrap_or_else(|| "{}".to_owned());
        format!(
            "import assert from \"node:assert/strict\";\nimport {{ LlmOptions }} from \"{npm}\";\n\nconst llm = new LlmOptions(\"{a}\", {all});\nllm.updateOptions({{ model: \"{b}\", modelOptions: {one} }});\nassert.equal(llm.model, \"{b}\");\nassert.deepEqual(llm.modelOptions, {one}); // replaced, not merged\nllm.updateOptions({{ modelOptions: {{}} }}); // clears them\nassert.deepEqual(llm.modelOptions, {{}});"
        )
    }

    pub fn python_update(model: &Model) -> String {
        let module = model.packages.python.replace('-', "_");
        let (a, b) = models(model);
        let all = format!("{{\n{}\n}}", py_literal(model));
        let one = first(model)
            .map(|(k, v)| format!("{{\"{k}\": {}}}", python_value(v)))
            .unwrap_or_else(|| "{}".to_owned());
        format!(
            "from {module} import LlmOptions\n\nllm = LlmOptions(\"{a}\", {all})\nllm.update_options(model=\"{b}\", extra_kwargs={one})\nassert llm.model == \"{b}\"\nassert llm.extra_kwargs == {one}  # replaced, not merged\nllm.update_options(extra_kwargs={{}})  # clears them\nassert llm.extra_kwargs == {{}}"
        )
    }

    /// The example as compact JSON in parameter order, as `JSON.stringify` and
    /// `json.dumps` write it.
    fn json_text(model: &Model) -> String {
        let parts: Vec<String> = model
            .example
            .iter()
            .map(|(k, v)| format!("\"{k}\":{}", super::doc::json(v)))
            .collect();
        format!("{{{}}}", parts.join(","))
    }
}
