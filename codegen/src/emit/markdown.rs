//! The reference page: everything the LiveKit reference says about each parameter, and
//! more (a table at a glance, limits with their sources, the model catalog, runtime
//! behaviour with examples in Rust, TypeScript and Python), as GitHub markdown.

use std::fmt::Write;

use crate::OutputFile;
use crate::emit::doc;
use crate::model::{
    CatalogModel, Model, ModelLimit, NamedKind, Param, PatternTarget, ReasoningSupport,
    ToolsEffort, Ty,
};
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
    let off = cat
        .effort
        .as_ref()
        .map(|e| e.off.as_str())
        .unwrap_or("none");
    let _ = writeln!(w, "## Model catalog\n");
    if !cat.description.is_empty() {
        let _ = writeln!(w, "{}\n", cat.description);
    }
    let _ = writeln!(w, "### Families\n");
    let _ = writeln!(
        w,
        "| Family | Reasoning | Rejects | Accepted again at effort {} | Source |\n|---|---|---|---|---|",
        code(off)
    );
    for f in &cat.families {
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} |",
            code(&f.name),
            if f.reasoning { "yes" } else { "no" },
            code_list(&f.rejects),
            code_list(&f.allowed_at_effort_none),
            cell(f.source.as_deref().unwrap_or("")),
        );
    }
    let _ = writeln!(w, "\n### Models\n");
    let _ = writeln!(
        w,
        "| Model | Family | Reasoning | Efforts | Accepted again at effort off | With tools | \
         Output cap / context window | Deprecated |\n|---|---|---|---|---|---|---|---|"
    );
    for m in &cat.models {
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            code(&m.id),
            code(&m.family),
            if m.reasoning { "yes" } else { "no" },
            or_none(efforts_text(&m.efforts, code)),
            or_none(code_list(&m.allowed_at_effort_off)),
            or_none(tools_text(m, off, false)),
            or_none(output_text(m)),
            or_none(deprecation_text(m)),
        );
    }
    let _ = writeln!(
        w,
        "\n`prepare` applies these rules for the model a request goes to: it removes what the \
         model rejects, moves a deprecated parameter to its replacement where the spec says \
         so, and reports every change with its reason.\n"
    );
    model_facts(w, model);
    prefixes(w, model);
}

/// `–` for a cell without a fact.
fn or_none(s: String) -> String {
    if s.is_empty() { "–".to_owned() } else { s }
}

/// Text in a list item: line breaks folded (a pipe needs no escape outside a table).
fn line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// Inline code in a table cell (see [`code_with`]).
fn code(s: &str) -> String {
    code_with(s, cell)
}

/// Inline code in a list item (see [`code_with`]).
fn code_line(s: &str) -> String {
    code_with(s, line)
}

/// Inline code with any text: escaped by `escape` ([`cell`] in a table, where GitHub
/// takes `\|` as a pipe even in code, [`line`] elsewhere, where it would show the
/// backslash), in a fence longer than any run of backticks inside.
fn code_with(s: &str, escape: fn(&str) -> String) -> String {
    let s = escape(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{s}{fence}")
    } else {
        format!("{fence} {s} {fence}")
    }
}

/// A link to a parameter's section (parameter names are checked identifiers).
fn param_link(name: &str) -> String {
    code_list(&[name.to_owned()])
}

/// ` Source: …` when the fact has one.
fn source_text(source: Option<&str>) -> String {
    match source {
        Some(s) if !s.trim().is_empty() => format!(" Source: {}", line(s.trim())),
        _ => String::new(),
    }
}

/// `lowest..highest (default d)`, with whichever of them the model has.
fn efforts_text(e: &crate::model::EffortRange, code: fn(&str) -> String) -> String {
    let listed: Vec<String> = e.accepted.iter().map(|v| code(v)).collect();
    let range = match (&e.lowest, &e.highest) {
        // Not every effort between the two: list them.
        _ if !listed.is_empty() && listed.len() > 1 => listed.join(", "),
        (Some(l), Some(h)) if l == h => format!("only {}", code(l)),
        (Some(l), Some(h)) => format!("{}..{}", code(l), code(h)),
        (Some(l), None) => format!("from {}", code(l)),
        (None, Some(h)) => format!("up to {}", code(h)),
        (None, None) => String::new(),
    };
    match (&e.default, range.is_empty()) {
        (Some(d), true) => format!("default {}", code(d)),
        (Some(d), false) => format!("{range} (default {})", code(d)),
        (None, _) => range,
    }
}

/// What `prepare` does to the effort when tools are sent; `long` spells it out.
fn tools_text(m: &CatalogModel, off: &str, long: bool) -> String {
    match (&m.tools, long) {
        (None, _) => String::new(),
        (Some((ToolsEffort::Reject, _)), false) => "effort removed".to_owned(),
        (Some((ToolsEffort::RequireOff, _)), false) => format!("effort set to {}", code(off)),
        (Some((ToolsEffort::Reject, _)), true) => "with tools, the effort is removed.".to_owned(),
        (Some((ToolsEffort::RequireOff, _)), true) => {
            format!("with tools, the effort is set to {}.", code_line(off))
        }
    }
}

fn tokens(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| "–".to_owned())
}

/// `max_tokens / context_window`.
fn output_text(m: &CatalogModel) -> String {
    match &m.output {
        Some(o) if o.max_tokens.is_some() || o.context_window.is_some() => {
            format!("{} / {}", tokens(o.max_tokens), tokens(o.context_window))
        }
        _ => String::new(),
    }
}

/// `shutdown → successor`.
fn deprecation_text(m: &CatalogModel) -> String {
    match &m.deprecated {
        None => String::new(),
        Some(d) => match (&d.shutdown, &d.successor) {
            (Some(s), Some(n)) => format!("{} → {}", cell(s), code(n)),
            (Some(s), None) => cell(s),
            (None, Some(n)) => format!("yes → {}", code(n)),
            (None, None) => "yes".to_owned(),
        },
    }
}

fn number(x: f64, integer: bool) -> String {
    if integer || x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}

fn limit_text(l: &ModelLimit) -> String {
    let kind = if l.integer { " (whole numbers)" } else { "" };
    let r = &l.range;
    let range = match (r.min, r.max) {
        (Some(a), Some(b)) => format!("from {} to {}", number(a, l.integer), number(b, l.integer)),
        (Some(a), None) => format!("at least {}", number(a, l.integer)),
        (None, Some(b)) => format!("at most {}", number(b, l.integer)),
        (None, None) => "any value".to_owned(),
    };
    format!("{}: {range}{kind}.", param_link(&l.param))
}

/// The facts of one entry (a model or a family with prefixes), each with its source, as
/// list items indented by `indent`; `all` also gives the facts the models table shows when
/// they have no source.
fn fact_items(m: &CatalogModel, model: &Model, indent: &str, all: bool) -> Vec<String> {
    let cat = &model.catalog;
    let off = cat
        .effort
        .as_ref()
        .map(|e| e.off.as_str())
        .unwrap_or("none");
    let mut items = Vec::new();
    let e = &m.efforts;
    let efforts = efforts_text(e, code_line);
    // The models table shows the efforts, the tools rule, the output and the deprecation:
    // they are repeated here only to cite their sources.
    let sourced = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    if !efforts.is_empty() && (all || sourced(&e.source)) {
        items.push(format!(
            "Efforts: {efforts}.{}",
            source_text(e.source.as_deref())
        ));
    }
    if let Some((_, source)) = m.tools.as_ref().filter(|(_, s)| all || sourced(s)) {
        let text = tools_text(m, off, true);
        let mut first = text.chars();
        let text = first
            .next()
            .map(|c| c.to_uppercase().chain(first).collect::<String>())
            .unwrap_or_default();
        items.push(format!("{text}{}", source_text(source.as_deref())));
    }
    for v in &m.values {
        let only: Vec<String> = v.only.iter().map(|x| code_line(x)).collect();
        items.push(format!(
            "{}: only {}.{}",
            param_link(&v.param),
            only.join(", "),
            source_text(v.source.as_deref())
        ));
    }
    // The output cap on the output parameters is said once, with the output.
    let is_cap = |l: &ModelLimit| {
        m.output.as_ref().is_some_and(|o| {
            cat.output_parameters.contains(&l.param)
                && l.range.min.is_none()
                && o.max_tokens.is_some_and(|n| l.range.max == Some(n as f64))
                && l.source == o.source
        })
    };
    let mut capped = Vec::new();
    for l in &m.limits {
        if is_cap(l) {
            capped.push(l.param.clone());
            continue;
        }
        items.push(format!(
            "{}{}",
            limit_text(l),
            source_text(l.source.as_deref())
        ));
    }
    if let Some(o) = m
        .output
        .as_ref()
        .filter(|o| all || sourced(&o.source) || !capped.is_empty())
    {
        let mut parts = Vec::new();
        if let Some(n) = o.max_tokens {
            if capped.is_empty() {
                parts.push(format!("at most {n} output tokens"));
            } else {
                parts.push(format!(
                    "at most {n} output tokens (the cap on {})",
                    code_list(&capped)
                ));
            }
        }
        if let Some(n) = o.context_window {
            parts.push(format!("a context window of {n} tokens"));
        }
        if !parts.is_empty() {
            items.push(format!(
                "Output: {}.{}",
                parts.join(", "),
                source_text(o.source.as_deref())
            ));
        }
    }
    if let Some(d) = m.deprecated.as_ref().filter(|d| all || sourced(&d.source)) {
        let mut parts = Vec::new();
        if let Some(s) = &d.shutdown {
            parts.push(format!("shuts down on {}", line(s)));
        }
        if let Some(n) = &d.successor {
            parts.push(format!("use {} instead", code_line(n)));
        }
        let text = if parts.is_empty() {
            "Deprecated.".to_owned()
        } else {
            format!("Deprecated: {}.", parts.join(", "))
        };
        items.push(format!("{text}{}", source_text(d.source.as_deref())));
    }
    if !m.prefixes.is_empty() {
        let ps: Vec<String> = m.prefixes.iter().map(|p| code_line(p)).collect();
        items.push(format!("Ids starting with: {}.", ps.join(", ")));
    }
    items
        .into_iter()
        .map(|i| format!("{indent}- {i}"))
        .collect()
}

/// Per model, every fact of the catalog with its source.
fn model_facts(w: &mut String, model: &Model) {
    let cat = &model.catalog;
    let entries: Vec<(&CatalogModel, Vec<String>)> = cat
        .models
        .iter()
        .map(|m| (m, fact_items(m, model, "  ", false)))
        .filter(|(_, items)| !items.is_empty())
        .collect();
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(w, "### Model rules and sources\n");
    let outputs: Vec<String> = cat
        .output_parameters
        .iter()
        .map(|p| param_link(p))
        .collect();
    let _ = writeln!(
        w,
        "What each model takes, as `prepare` applies it (an effort outside the range moves \
         to its nearest end, a value outside a range is clamped, a value not listed is \
         removed){}.\n",
        if outputs.is_empty() {
            String::new()
        } else {
            format!("; the output cap limits {}", outputs.join(", "))
        }
    );
    for (m, items) in entries {
        let _ = writeln!(w, "- {}", code_line(&m.id));
        for i in items {
            let _ = writeln!(w, "{i}");
        }
    }
    let _ = writeln!(w);
}

/// The prefixes an unknown id is matched by, longest first, and the rules of each family
/// that has some.
fn prefixes(w: &mut String, model: &Model) {
    let cat = &model.catalog;
    if cat.patterns.is_empty() {
        return;
    }
    let _ = writeln!(w, "### Model id prefixes\n");
    let _ = writeln!(
        w,
        "An id that is not in the catalog gets the rules of the entry of the longest prefix \
         it starts with (an exact id wins over every prefix). A prefix with a `/` is matched \
         against the full id, any other against the name without the provider.\n"
    );
    let _ = writeln!(w, "| Prefix | Rules of |\n|---|---|");
    for p in &cat.patterns {
        let target = match p.target {
            PatternTarget::Model(i) => cat.models.get(i).map(|m| format!("model {}", code(&m.id))),
            PatternTarget::Family(i) => cat
                .family_entries
                .get(i)
                .map(|f| format!("family {}", code(&f.family))),
        };
        let _ = writeln!(
            w,
            "| {} | {} |",
            code(&p.prefix),
            or_none(target.unwrap_or_default())
        );
    }
    let _ = writeln!(w);
    // The rejects and the prefixes of these families are in the tables above.
    let families: Vec<(&CatalogModel, Vec<String>)> = cat
        .family_entries
        .iter()
        .map(|f| {
            let own = CatalogModel {
                prefixes: Vec::new(),
                ..f.clone()
            };
            (f, fact_items(&own, model, "  ", true))
        })
        .filter(|(_, items)| !items.is_empty())
        .collect();
    if families.is_empty() {
        return;
    }
    let _ = writeln!(
        w,
        "What an id matched by a family prefix takes besides the family's rules above:\n"
    );
    for (f, items) in families {
        let _ = writeln!(w, "- family {}", code_line(&f.family));
        for i in items {
            let _ = writeln!(w, "{i}");
        }
    }
    let _ = writeln!(w);
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
