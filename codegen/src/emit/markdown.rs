//! The reference page: everything the LiveKit reference says about each parameter, and
//! more (a table at a glance, limits with their sources, the model catalog, runtime
//! behaviour with examples in Rust, TypeScript and Python), as GitHub markdown.
//!
//! Every text of the spec reaches the page through [`escape`], never as it is: a
//! description can hold markdown (code spans, emphasis, lists, links, code blocks), but no
//! raw HTML, no heading, and nothing that reaches past its own paragraph, cell or code span.

use std::fmt::Write;

use crate::OutputFile;
use crate::emit::doc;
use crate::model::{
    CatalogModel, Model, ModelLimit, NamedKind, Param, PatternTarget, ReasoningSupport,
    ToolsEffort, Ty,
};
use crate::render;

use escape::Place::{Cell, Line};
use escape::{Place, block, code, inline, link, text};

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
        file("prepare.ts", "//", examples::typescript_prepare(model)),
        file("usage.py", "#", examples::python_usage(model)),
        file("update_options.py", "#", examples::python_update(model)),
        file("prepare.py", "#", examples::python_prepare(model)),
    ]
}

/// The one escaping layer of the page: every text of the spec goes through one of these
/// functions before it is written. Each guarantees, whatever its input (the checker has
/// already refused carriage returns and other control characters):
///
/// - the output is on one line, except for [`block`];
/// - no raw HTML: outside code spans and code blocks, `<`, `>` and `&` are written as
///   `&lt;`, `&gt;` and `&amp;` (inside code they are literal already, so left alone);
/// - every backtick run either opens a code span that closes inside the output or is
///   escaped, so no code span reaches past the output;
/// - in a [`Place::Cell`], every `|` is preceded by a backslash (GitHub then never
///   splits the cell there, even inside code), and the output never ends with a lone
///   backslash that would escape what follows.
pub mod escape {
    /// Where a fragment is written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Place {
        /// A table cell: a `|` not preceded by a backslash ends the cell, even in code,
        /// and GitHub drops the backslash of every `\|` before reading the cell.
        Cell,
        /// Running text outside a table: a list item, a line of a paragraph, a link text.
        Line,
    }

    /// Line breaks folded into spaces.
    fn fold(s: &str) -> String {
        s.replace(['\r', '\n'], " ")
    }

    /// The longest run of `c` in `s`.
    fn longest_run(s: &str, c: char) -> usize {
        let (mut longest, mut run) = (0, 0);
        for x in s.chars() {
            run = if x == c { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        longest
    }

    /// `s` as inline code showing exactly `s` (line breaks as spaces): fenced by more
    /// backticks than its longest run of backticks, with a space inside each fence when `s`
    /// starts or ends with a backtick or both starts and ends with a space (CommonMark
    /// strips one space from each end). In a [`Place::Cell`], `|` is written `\|`, which
    /// GitHub shows as `|` even in code. The empty string shows as a space.
    pub fn code(s: &str, at: Place) -> String {
        let s = fold(s);
        let fence = "`".repeat(longest_run(&s, '`') + 1);
        let pad = s.starts_with('`')
            || s.ends_with('`')
            || (s.starts_with(' ') && s.ends_with(' ') && !s.trim_start_matches(' ').is_empty());
        let s = match at {
            Place::Cell => s.replace('|', "\\|"),
            Place::Line => s,
        };
        if s.is_empty() {
            format!("{fence} {fence}")
        } else if pad {
            format!("{fence} {s} {fence}")
        } else {
            format!("{fence}{s}{fence}")
        }
    }

    /// `s` as plain text showing exactly `s` (line breaks as spaces): every character
    /// markdown could read as inline markup (`\`, `` ` ``, `*`, `_`, `[`, `]`, `~`, `#`,
    /// `!`, and `|` in a [`Place::Cell`]) is backslash-escaped, and `<`, `>`, `&` are
    /// entities. For names and type texts, which are not markdown; like [`inline`], for a
    /// fragment that follows generated text on its line.
    pub fn text(s: &str, at: Place) -> String {
        let mut out = String::new();
        for c in fold(s).chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '|' if at == Place::Line => out.push(c),
                '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '#' | '!' | '|' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        out
    }

    /// `s`, markdown, as inline text (line breaks as spaces): its code spans, emphasis,
    /// links and backslash escapes stay, and see the guarantees of the module: raw HTML is
    /// escaped outside code spans, a backtick run that no equal run closes is escaped, a run
    /// of three or more `~` is escaped (it could open a code block after a list marker), a
    /// trailing backslash is doubled, and in a [`Place::Cell`] every `|` is escaped, a
    /// backslash before one too (an already escaped `\|` shows as `\|`). For a fragment
    /// that follows generated text on its line (it is never read as a block start).
    pub fn inline(s: &str, at: Place) -> String {
        scan(&fold(s), at, false)
    }

    /// A link: [`inline`] text in which `[` and `]` outside code spans are escaped too (so
    /// the text cannot close the link), and the url as a destination: spaces, `<`, `>`,
    /// parentheses, backslashes and backticks percent-encoded, `&` as an entity (which
    /// GitHub decodes back).
    pub fn link(title: &str, url: &str) -> String {
        let mut dest = String::new();
        for c in fold(url).chars() {
            match c {
                ' ' => dest.push_str("%20"),
                '<' => dest.push_str("%3C"),
                '>' => dest.push_str("%3E"),
                '(' => dest.push_str("%28"),
                ')' => dest.push_str("%29"),
                '\\' => dest.push_str("%5C"),
                '`' => dest.push_str("%60"),
                '&' => dest.push_str("&amp;"),
                c => dest.push(c),
            }
        }
        format!("[{}]({dest})", scan(&fold(title), Place::Line, true))
    }

    /// The escaping of [`inline`] (and of link texts with `brackets`), on one line.
    fn scan(s: &str, at: Place, brackets: bool) -> String {
        let chars: Vec<char> = s.chars().collect();
        let run_at = |i: usize, c: char| chars[i..].iter().take_while(|&&x| x == c).count();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' => match chars.get(i + 1) {
                    // A trailing backslash would escape what the page writes next.
                    None => {
                        out.push_str("\\\\");
                        i += 1;
                    }
                    // `\|` in a cell: text, not an escape GitHub would eat.
                    Some('|') if at == Place::Cell => {
                        out.push_str("\\\\\\|");
                        i += 2;
                    }
                    // A markdown escape: the character after it is text already.
                    Some(&n) if n.is_ascii_punctuation() => {
                        out.push('\\');
                        out.push(n);
                        i += 2;
                    }
                    Some(_) => {
                        out.push('\\');
                        i += 1;
                    }
                },
                '`' => {
                    let n = run_at(i, '`');
                    // The closing run: the next run of exactly `n` backticks.
                    let mut j = i + n;
                    let close = loop {
                        match chars[j..].iter().position(|&x| x == '`') {
                            None => break None,
                            Some(k) => {
                                let m = run_at(j + k, '`');
                                if m == n {
                                    break Some(j + k);
                                }
                                j += k + m;
                            }
                        }
                    };
                    match close {
                        Some(j) => {
                            let span: String = chars[i..j + n].iter().collect();
                            match at {
                                Place::Cell => out.push_str(&span.replace('|', "\\|")),
                                Place::Line => out.push_str(&span),
                            }
                            i = j + n;
                        }
                        None => {
                            out.push_str(&"\\`".repeat(n));
                            i += n;
                        }
                    }
                }
                '~' => {
                    let n = run_at(i, '~');
                    out.push_str(&if n >= 3 {
                        "\\~".repeat(n)
                    } else {
                        "~".repeat(n)
                    });
                    i += n;
                }
                _ => {
                    match c {
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        '&' => out.push_str("&amp;"),
                        '|' if at == Place::Cell => out.push_str("\\|"),
                        '[' | ']' if brackets => {
                            out.push('\\');
                            out.push(c);
                        }
                        c => out.push(c),
                    }
                    i += 1;
                }
            }
        }
        out
    }

    use crate::emit::doc::{columns, dedent};

    /// `line` without its leading spaces and tabs, and how many columns they take.
    fn indent(line: &str) -> (&str, usize) {
        let rest = line.trim_start_matches([' ', '\t']);
        (rest, columns(&line[..line.len() - rest.len()]))
    }

    /// The fence a line (without its indentation) opens: ``` (with no backtick after it)
    /// or ~~~, three or more.
    fn opener(trimmed: &str) -> Option<(char, usize)> {
        let ticks = trimmed.chars().take_while(|&c| c == '`').count();
        let waves = trimmed.chars().take_while(|&c| c == '~').count();
        if ticks >= 3 && !trimmed[ticks..].contains('`') {
            Some(('`', ticks))
        } else if waves >= 3 {
            Some(('~', waves))
        } else {
            None
        }
    }

    /// Whether `line` closes a fence of `n` × `c` (as CommonMark reads it).
    fn closes(line: &str, c: char, n: usize) -> bool {
        let (rest, cols) = indent(line);
        let run = rest.chars().take_while(|&x| x == c).count();
        cols < 4 && run >= n && rest[run..].trim_matches([' ', '\t']).is_empty()
    }

    /// `s`, markdown, as blocks to write between blank lines, that end where `s` ends:
    ///
    /// - a fenced code block (``` or ~~~) is moved to the first column (so that no list
    ///   item or paragraph of `s` decides where it ends) and kept, and closed when `s`
    ///   leaves it open;
    /// - an indented code block is fenced by more `~` than any line of `s` starts with;
    /// - every other line is [`inline`] text, so holds no raw HTML and no code span that
    ///   reaches another line, and a `#` (heading) or a line of `=` or `-` (which would
    ///   make the line before a heading) at its start is escaped: a description adds no
    ///   heading, no anchor, to the page.
    ///
    /// Only code blocks that start in the first column keep text as it is.
    pub fn block(s: &str) -> String {
        let waves = "~".repeat(
            s.lines()
                .map(|l| indent(l).0.chars().take_while(|&c| c == '~').count())
                .max()
                .unwrap_or(0)
                .max(2)
                + 1,
        );
        let mut out: Vec<String> = Vec::new();
        // The open fence: its character, its length, and the indentation of its opener
        // (removed from its lines, as CommonMark does).
        let mut fence: Option<(char, usize, usize)> = None;
        let mut indented = false;
        // Whether the line before is paragraph text, which an indented line continues.
        let mut paragraph = false;
        for line in s.lines() {
            if let Some((c, n, k)) = fence {
                let spaces = line.chars().take(k).take_while(|&c| c == ' ').count();
                let l = &line[spaces..];
                if closes(l, c, n) {
                    fence = None;
                }
                out.push(l.to_owned());
                continue;
            }
            let (rest, cols) = indent(line);
            if indented {
                if rest.is_empty() || cols >= 4 {
                    out.push(dedent(line).to_owned());
                    continue;
                }
                out.push(waves.clone());
                indented = false;
            }
            if rest.is_empty() {
                out.push(String::new());
                paragraph = false;
            } else if let Some((c, n)) = opener(rest).filter(|_| cols < 4) {
                out.push(rest.to_owned());
                fence = Some((c, n, cols));
                paragraph = false;
            } else if cols >= 4 && !paragraph {
                out.push(waves.clone());
                out.push(dedent(line).to_owned());
                indented = true;
            } else {
                let lead = &line[..line.len() - rest.len()];
                let body = rest.trim_end_matches([' ', '\t']);
                let underline = !body.is_empty()
                    && (body.chars().all(|c| c == '=')
                        || body.chars().all(|c| c == '-' || c == ' '));
                let escape = cols < 4 && (rest.starts_with('#') || underline);
                out.push(format!(
                    "{lead}{}{}",
                    if escape { "\\" } else { "" },
                    super::escape::inline(rest, Place::Line)
                ));
                paragraph = true;
            }
        }
        if indented {
            out.push(waves);
        } else if let Some((c, n, _)) = fence {
            out.push(c.to_string().repeat(n));
        }
        out.join("\n").trim_matches('\n').trim_end().to_owned()
    }
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

/// How a type reads in the docs (Python-like, as the LiveKit reference writes them), as
/// plain text: write it through [`escape`].
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

/// Links to the sections of parameters, as code.
fn code_list(names: &[String], at: Place) -> String {
    names
        .iter()
        .map(|n| format!("[{}](#{})", code(n, at), anchor(n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The facts list of a parameter, one `- **Label:** text` line each: what
/// [`doc::param_facts`] says, with every text of the spec escaped.
fn param_facts(p: &Param, model: &Model) -> Vec<String> {
    const ESCAPED: doc::Escape = doc::Escape {
        code: |s| code(s, Line),
        text: |s| text(s, Line),
        prose: |s| inline(s, Line),
    };
    doc::param_facts_with(p, model, &ESCAPED)
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
        text(&model.version, Line)
    );
    if !model.description.trim().is_empty() {
        let _ = writeln!(w, "{}\n", block(&model.description));
    }
    let _ = writeln!(
        w,
        "> **Reasoning model compatibility.** Parameters that reasoning models do not support \
         are removed by `prepare` before a request is sent; the [model catalog](#model-catalog) \
         lists exactly which model rejects what. Unknown models get the options unchanged: \
         the API ignores what it does not support.\n"
    );
    let mut toc = vec![
        "At a glance",
        "Parameters",
        "Types",
        "Model catalog",
        "Install",
        "Usage",
    ];
    toc.extend([
        "Preparing a request",
        "Updating options at runtime",
        "Command line",
        "Validation",
        "Sources",
    ]);
    for title in toc {
        let _ = writeln!(w, "- [{title}](#{})", anchor(title));
    }
    let _ = writeln!(w);

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
            .map(|(k, v)| code(&format!("{k}: {}", doc::json(v)), Cell))
            .collect();
        let deprecated = p
            .deprecated
            .as_ref()
            .map(|d| {
                format!(
                    "yes: use {}",
                    code_list(&d.replaced_by, Cell).replace(", ", " or ")
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            code_list(std::slice::from_ref(&p.name), Cell),
            code(&type_text(&p.ty, model), Cell),
            p.default
                .as_ref()
                .map(|d| code(&doc::json(d), Cell))
                .unwrap_or_default(),
            text(&limits, Cell),
            reasoning_text(p),
            code_list(&p.exclusive_with, Cell),
            requires.join(", "),
            deprecated,
        );
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "## Parameters\n");
    for p in &model.params {
        let _ = writeln!(w, "### {}\n", inline(&p.name, Line));
        let mut line = format!("_({})_ (optional)", text(&type_text(&p.ty, model), Line));
        if p.extension {
            line.push_str(" - an extension: not a parameter of the upstream API");
        }
        let _ = writeln!(w, "{line}\n");
        if !p.summary.trim().is_empty() {
            let _ = writeln!(w, "{}\n", block(&p.summary));
        }
        if !p.description.trim().is_empty() {
            let _ = writeln!(w, "{}\n", block(&p.description));
        }
        for fact in param_facts(p, model) {
            let _ = writeln!(w, "{fact}");
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "## Types\n");
    for t in model.types.iter().filter(|t| !t.inline) {
        // "Type X": a type named like a parameter (`Verbosity`, `verbosity`) keeps its own
        // anchor.
        let _ = writeln!(w, "### Type {}\n", inline(&t.name, Line));
        if !t.description.trim().is_empty() {
            let _ = writeln!(w, "{}\n", block(&t.description));
        }
        match &t.kind {
            NamedKind::Enum(values) => {
                let _ = writeln!(w, "| Value | Meaning |\n|---|---|");
                for v in values {
                    let _ = writeln!(
                        w,
                        "| {} | {} |",
                        code(&format!("\"{}\"", v.value), Cell),
                        inline(&v.description, Cell)
                    );
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
                        "| {} | {} | {} | {} | {} |",
                        code(&f.name, Cell),
                        code(&type_text(&f.ty, model), Cell),
                        if f.required {
                            "yes"
                        } else if f.nullable {
                            "no (may be `null`)"
                        } else {
                            "no"
                        },
                        text(&render::limits(&f.ty).join("; "), Cell),
                        inline(&f.description, Cell),
                    );
                }
            }
            NamedKind::Union(members) => {
                let names: Vec<String> = members
                    .iter()
                    .map(|m| code(&type_text(m, model), Line))
                    .collect();
                let _ = writeln!(w, "One of: {}.", names.join(", "));
            }
        }
        let _ = writeln!(w);
    }

    catalog(w, model);
    examples(w, model);
    command_line(w, model);
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
                let _ = writeln!(w, "- {}: {}", code(&s.id, Line), link(&s.title, u));
            }
            None => {
                let _ = writeln!(w, "- {}: {}", code(&s.id, Line), inline(&s.title, Line));
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
    if !cat.description.trim().is_empty() {
        let _ = writeln!(w, "{}\n", block(&cat.description));
    }
    let _ = writeln!(w, "### Families\n");
    let _ = writeln!(
        w,
        "| Family | Reasoning | Rejects | Accepted again at effort {} | Source |\n|---|---|---|---|---|",
        code(off, Cell)
    );
    for f in &cat.families {
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} |",
            code(&f.name, Cell),
            if f.reasoning { "yes" } else { "no" },
            code_list(&f.rejects, Cell),
            code_list(&f.allowed_at_effort_none, Cell),
            inline(f.source.as_deref().unwrap_or(""), Cell),
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
            code(&m.id, Cell),
            code(&m.family, Cell),
            if m.reasoning { "yes" } else { "no" },
            or_none(efforts_text(&m.efforts, Cell)),
            or_none(code_list(&m.allowed_at_effort_off, Cell)),
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

/// A link to a parameter's section, in a list item.
fn param_link(name: &str) -> String {
    code_list(&[name.to_owned()], Line)
}

/// ` Source: …` when the fact has one.
fn source_text(source: Option<&str>) -> String {
    match source {
        Some(s) if !s.trim().is_empty() => format!(" Source: {}", inline(s.trim(), Line)),
        _ => String::new(),
    }
}

/// `lowest..highest (default d)`, with whichever of them the model has.
fn efforts_text(e: &crate::model::EffortRange, at: Place) -> String {
    let code = |s: &str| code(s, at);
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

/// What `prepare` does to the effort when tools are sent; `long` spells it out (for a list
/// item; the short form is for a cell).
fn tools_text(m: &CatalogModel, off: &str, long: bool) -> String {
    match (&m.tools, long) {
        (None, _) => String::new(),
        (Some((ToolsEffort::Reject, _)), false) => "effort removed".to_owned(),
        (Some((ToolsEffort::RequireOff, _)), false) => {
            format!("effort set to {}", code(off, Cell))
        }
        (Some((ToolsEffort::Reject, _)), true) => "with tools, the effort is removed.".to_owned(),
        (Some((ToolsEffort::RequireOff, _)), true) => {
            format!("with tools, the effort is set to {}.", code(off, Line))
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

/// `shutdown → successor`, for a cell.
fn deprecation_text(m: &CatalogModel) -> String {
    match &m.deprecated {
        None => String::new(),
        Some(d) => match (&d.shutdown, &d.successor) {
            (Some(s), Some(n)) => format!("{} → {}", inline(s, Cell), code(n, Cell)),
            (Some(s), None) => inline(s, Cell),
            (None, Some(n)) => format!("yes → {}", code(n, Cell)),
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
    let efforts = efforts_text(e, Line);
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
        let only: Vec<String> = v.only.iter().map(|x| code(x, Line)).collect();
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
                    code_list(&capped, Line)
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
            parts.push(format!("shuts down on {}", inline(s, Line)));
        }
        if let Some(n) = &d.successor {
            parts.push(format!("use {} instead", code(n, Line)));
        }
        let text = if parts.is_empty() {
            "Deprecated.".to_owned()
        } else {
            format!("Deprecated: {}.", parts.join(", "))
        };
        items.push(format!("{text}{}", source_text(d.source.as_deref())));
    }
    if !m.prefixes.is_empty() {
        let ps: Vec<String> = m.prefixes.iter().map(|p| code(p, Line)).collect();
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
        let _ = writeln!(w, "- {}", code(&m.id, Line));
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
            PatternTarget::Model(i) => cat
                .models
                .get(i)
                .map(|m| format!("model {}", code(&m.id, Cell))),
            PatternTarget::Family(i) => cat
                .family_entries
                .get(i)
                .map(|f| format!("family {}", code(&f.family, Cell))),
        };
        let _ = writeln!(
            w,
            "| {} | {} |",
            code(&p.prefix, Cell),
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
        let _ = writeln!(w, "- family {}", code(&f.family, Line));
        for i in items {
            let _ = writeln!(w, "{i}");
        }
    }
    let _ = writeln!(w);
}

fn examples(w: &mut String, model: &Model) {
    let p = &model.packages;
    let _ = writeln!(w, "## Install\n");
    let _ = writeln!(
        w,
        "| language | install | then |\n|---|---|---|\n\
         | Rust | `cargo add {rust}` | `use {rust_mod}::{name};` (needs only `serde` and `serde_json` at run time) |\n\
         | TypeScript / JavaScript | `npm install {npm}` | `import {{ validate, prepare }} from \"{npm}\"` (ES module and CommonJS, types included) |\n\
         | Python | `pip install {py}` | `from {py_mod} import {name}, validate, prepare` (standard library only) |\n\n\
         Every package carries the same command line: `{rust} check FILE... [--model ID [--tools]]` \
         and `{rust} prepare FILE --model ID` (see [Command line](#command-line)).\n",
        rust = p.rust,
        rust_mod = p.rust.replace('-', "_"),
        npm = p.npm,
        py = p.python,
        py_mod = p.python.replace('-', "_"),
        name = model.options_name,
    );
    let _ = writeln!(w, "## Usage\n");
    let set: Vec<String> = model.example.iter().map(|(k, _)| code(k, Line)).collect();
    if set.is_empty() {
        let _ = writeln!(
            w,
            "The spec gives no example: here, options with every parameter left out. They \
             serialize to exactly the JSON the API takes.\n"
        );
    } else {
        let _ = writeln!(
            w,
            "The spec's example: set {}. The options serialize to exactly the JSON the API \
             takes.\n",
            english_list(&set)
        );
    }
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
    let _ = writeln!(w, "## Preparing a request\n");
    let _ = writeln!(
        w,
        "`prepare(model, options, context)` returns what to send to one model of the catalog \
         and every change it made to get there (a parameter the model rejects removed, a \
         deprecated one moved, an effort or a number brought within what the model takes), \
         each with a stable reason; [the rules](#model-catalog) are the catalog's. The options \
         it returns are of the options type.\n"
    );
    let _ = writeln!(
        w,
        "**Rust**:\n\n```rust\n{}\n```\n",
        crate::emit::rust::prepare_example_code(model)
    );
    let _ = writeln!(
        w,
        "**TypeScript**:\n\n```typescript\n{}\n```\n",
        examples::typescript_prepare(model)
    );
    let _ = writeln!(
        w,
        "**Python**:\n\n```python\n{}\n```\n",
        examples::python_prepare(model)
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

/// The command line every package carries (`docs/cli.md` of the generator).
fn command_line(w: &mut String, model: &Model) {
    let p = &model.packages;
    let (a, _) = crate::emit::examples::models(model);
    let _ = writeln!(w, "## Command line\n");
    let _ = writeln!(
        w,
        "Each package installs the same command, with the same output in every language:\n\n\
         | package | run it as |\n|---|---|\n\
         | crates.io | `cargo install {rust}`, then `{rust} ...` |\n\
         | npm | `npx {npm_cmd} ...` |\n\
         | PyPI | `{py} ...`, or `python -m {py_mod} ...` |\n\n\
         ```sh\n\
         {rust} check options.json --model {a}            # every issue: FILE: /pointer: severity[code]: message\n\
         {rust} check *.json --model {a} --tools --format json\n\
         {rust} prepare options.json --model {a} > send.json  # the options to send; every change on standard error\n\
         ```\n\n\
         `-` reads standard input. Exit status: 0 clean (warnings do not fail), 1 an issue of \
         severity `error` (for `prepare`: the options are invalid), 2 bad usage or a file that \
         cannot be used (not UTF-8, not JSON, not an object: each reported with its line and \
         column where the parser gives one). `--format json` prints one JSON document for \
         machines.\n",
        rust = p.rust,
        npm_cmd = p.npm.rsplit('/').next().unwrap_or(&p.npm),
        py = p.python,
        py_mod = p.python.replace('-', "_"),
    );
}

/// `a`, `a and b`, `a, b and c`.
fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
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

    pub fn typescript_prepare(model: &Model) -> String {
        let npm = &model.packages.npm;
        let name = &model.options_name;
        let (a, _) = models(model);
        let known = if model.catalog.models.is_empty() {
            "null".to_owned()
        } else {
            format!("\"{a}\"")
        };
        format!(
            "import assert from \"node:assert/strict\";\nimport {{ prepare, validate, type {name} }} from \"{npm}\";\n\n\
             const modelOptions: {name} = {{\n{}\n}};\n\
             // Every issue at once (path, stable code, severity, message); [] when valid.\n\
             assert.deepEqual(validate(modelOptions), []);\n\
             // What to send to one model, and every change made to get there.\n\
             const prepared = prepare(\"{a}\", modelOptions, {{ hasTools: false }});\n\
             for (const change of prepared.changes) {{\n  console.log(`${{change.parameter}}: ${{change.message}} (${{change.reason}})`);\n}}\n\
             assert.equal(prepared.model, {known});\n\
             const body = JSON.stringify(prepared.options);\n\
             assert.ok(body.startsWith(\"{{\"));",
            ts_literal(model),
        )
    }

    pub fn python_prepare(model: &Model) -> String {
        let module = model.packages.python.replace('-', "_");
        let name = &model.options_name;
        let (a, _) = models(model);
        let known = if model.catalog.models.is_empty() {
            "None".to_owned()
        } else {
            format!("\"{a}\"")
        };
        format!(
            "import json\n\nfrom {module} import {name}, prepare, validate\n\n\
             extra_kwargs: {name} = {{\n{}\n}}\n\
             # Every issue at once (path, stable code, severity, message); [] when valid.\n\
             assert validate(extra_kwargs) == []\n\
             # What to send to one model, and every change made to get there.\n\
             prepared = prepare(\"{a}\", extra_kwargs, has_tools=False)\n\
             for change in prepared.changes:\n    print(f\"{{change.parameter}}: {{change.message}} ({{change.reason}})\")\n\
             assert prepared.model == {known}\n\
             body = json.dumps(prepared.options)\n\
             assert body.startswith(\"{{\")",
            py_literal(model),
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
