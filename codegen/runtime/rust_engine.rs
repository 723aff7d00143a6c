//! The rules engine: validation, per-model preparation and the options holder.
//!
//! It interprets the tables of `rules.rs` (generated from the spec) and holds no knowledge
//! of any parameter. The TypeScript and Python packages carry the same engine; the
//! conformance vectors hold all three to the same verdicts.

use serde_json::{Map, Value};

/// Whether an issue makes the options invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The upstream API would reject the request.
    Error,
    /// The request works, but should change (a deprecated parameter).
    Warning,
}

/// Stable issue codes, the same strings in every language. Declared in the order of their
/// strings, so that ordering codes and ordering their strings agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A deprecated parameter (a warning).
    Deprecated,
    /// A value of the wrong JSON type, or a required field missing.
    InvalidType,
    /// A string outside its closed set, or a malformed map key.
    InvalidValue,
    /// A parameter set without the value another one needs.
    MissingDependency,
    /// Two parameters that may not be set together.
    MutuallyExclusive,
    /// A number outside its range, or too few items or characters.
    OutOfRange,
    /// A string longer than its limit.
    TooLong,
    /// A list or map with more items than its limit.
    TooManyItems,
    /// A key that is not a parameter (or not a field of the object).
    UnknownParameter,
}

impl Code {
    /// The code as a string (`out_of_range`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::UnknownParameter => "unknown_parameter",
            Code::InvalidType => "invalid_type",
            Code::InvalidValue => "invalid_value",
            Code::OutOfRange => "out_of_range",
            Code::TooLong => "too_long",
            Code::TooManyItems => "too_many_items",
            Code::MutuallyExclusive => "mutually_exclusive",
            Code::MissingDependency => "missing_dependency",
            Code::Deprecated => "deprecated",
        }
    }
}

/// One problem found by [`validate`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Issue {
    /// JSON Pointer to the value (`/logit_bias/1234`, `/stop/2`; `""` for the whole object).
    pub path: String,
    /// Stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
}

/// The shape and limits of a value, as tables generated from the spec.
#[derive(Debug)]
#[doc(hidden)]
pub enum Rule {
    Bool,
    Integer { min: Option<f64>, max: Option<f64> },
    Float { min: Option<f64>, max: Option<f64> },
    String { min_len: Option<u64>, max_len: Option<u64> },
    List { item: &'static Rule, min: Option<u64>, max: Option<u64> },
    Map {
        value: &'static Rule,
        min: Option<u64>,
        max: Option<u64>,
        key_min_len: Option<u64>,
        key_max_len: Option<u64>,
        token_id_keys: bool,
    },
    Enum { name: &'static str, values: &'static [&'static str] },
    Object { name: &'static str, fields: &'static [FieldRule] },
    Union { name: &'static str, members: &'static [&'static Rule] },
}

/// A field of an object rule.
#[derive(Debug)]
#[doc(hidden)]
pub struct FieldRule {
    pub name: &'static str,
    pub rule: &'static Rule,
    pub required: bool,
}

/// A JSON literal in a table (a required value).
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
#[allow(dead_code)] // which variants a spec uses depends on the spec
pub enum Lit {
    Bool(bool),
    Num(f64),
    Str(&'static str),
}

impl Lit {
    fn matches(self, v: &Value) -> bool {
        match (self, v) {
            (Lit::Bool(a), Value::Bool(b)) => a == *b,
            (Lit::Num(a), Value::Number(n)) => n.as_f64() == Some(a),
            (Lit::Str(a), Value::String(s)) => a == s,
            _ => false,
        }
    }

    fn to_json(self) -> Value {
        match self {
            Lit::Bool(b) => Value::Bool(b),
            Lit::Num(n) => serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number),
            Lit::Str(s) => Value::String(s.to_owned()),
        }
    }
}

/// How reasoning models treat a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
#[allow(dead_code)] // which variants a spec uses depends on the spec
pub enum Reasoning {
    Supported,
    Unsupported,
    Only,
}

/// Everything the engine knows about one parameter.
#[derive(Debug)]
#[doc(hidden)]
pub struct ParamRule {
    pub name: &'static str,
    pub rule: &'static Rule,
    pub reasoning: Reasoning,
    /// The partners of `exclusive_with` that come before this parameter in the spec.
    pub exclusive_with_earlier: &'static [&'static str],
    pub requires: &'static [(&'static str, Lit)],
    pub replaced_by: &'static [&'static str],
    pub moves_to: Option<&'static str>,
    pub deprecation_note: &'static str,
    pub requires_tools: bool,
}

/// One model of the catalog, with its family's rules applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelInfo {
    /// Full id, `provider/name`.
    pub id: &'static str,
    /// The family whose rules apply.
    pub family: &'static str,
    /// Whether it takes the reasoning effort parameter.
    pub reasoning: bool,
    /// Parameters it rejects.
    pub rejects: &'static [&'static str],
    /// Rejected parameters it takes again when reasoning is off.
    pub allowed_at_effort_off: &'static [&'static str],
    /// Its lowest reasoning effort.
    pub min_reasoning_effort: Option<&'static str>,
    /// Whether it rejects the reasoning effort when tools are present.
    pub rejects_effort_with_tools: bool,
}

impl ModelInfo {
    /// The id without its provider prefix.
    pub fn bare_id(&self) -> &'static str {
        let id = self.id;
        id.rsplit('/').next().unwrap_or(id)
    }
}

/// A path into the options, kept on the stack while validating; rendered as a JSON
/// Pointer only when an issue is reported, so valid input allocates nothing.
#[derive(Clone, Copy)]
#[doc(hidden)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.render_into(out);
                out.push('/');
                for c in key.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Path::Index(parent, i) => {
                parent.render_into(out);
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }
}

/// Where issues are collected.
#[doc(hidden)]
pub(crate) struct Sink<'a> {
    issues: &'a mut Vec<Issue>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(issues: &'a mut Vec<Issue>) -> Self {
        Sink { issues }
    }

    /// A `deprecated` warning for a parameter, with the same message as [`validate`].
    pub(crate) fn deprecated(&mut self, path: &Path<'_>, name: &str) {
        if let Some(p) = crate::rules::param(name) {
            self.issues.push(Issue {
                path: path.render(),
                code: Code::Deprecated,
                severity: Severity::Warning,
                message: deprecation_message(p),
            });
        }
    }

    /// A `mutually_exclusive` error, with the same message as [`validate`].
    pub(crate) fn exclusive(&mut self, path: &Path<'_>, name: &str, other: &str) {
        self.error(path, Code::MutuallyExclusive, format!("`{name}` and `{other}` cannot both be set; set one of them"));
    }

    /// A `missing_dependency` error, with the same message as [`validate`].
    pub(crate) fn missing(&mut self, path: &Path<'_>, name: &str, other: &str, lit: Lit) {
        self.error(path, Code::MissingDependency, format!("`{name}` requires `{other}: {}`", lit.to_json()));
    }

    pub(crate) fn error(&mut self, path: &Path<'_>, code: Code, message: String) {
        self.issues.push(Issue {
            path: path.render(),
            code,
            severity: Severity::Error,
            message,
        });
    }
}

/// Validates raw options (a JSON object of parameters) and returns every issue, sorted by
/// path then code. `null` counts as not set.
pub fn validate(options: &Value) -> Vec<Issue> {
    let mut issues = Vec::new();
    match options {
        Value::Object(map) => validate_map(map, &mut issues),
        other => issues.push(Issue {
            path: String::new(),
            code: Code::InvalidType,
            severity: Severity::Error,
            message: format!("options must be a JSON object, not {}", kind(other)),
        }),
    }
    sort_issues(&mut issues);
    issues
}

/// Sorts issues the way every language does: by path, then code (as strings).
pub fn sort_issues(issues: &mut [Issue]) {
    issues.sort_by(|a, b| (a.path.as_str(), a.code.as_str()).cmp(&(b.path.as_str(), b.code.as_str())));
}

fn is_set(map: &Map<String, Value>, name: &str) -> bool {
    map.get(name).is_some_and(|v| !v.is_null())
}

fn validate_map(map: &Map<String, Value>, issues: &mut Vec<Issue>) {
    let mut sink = Sink { issues };
    let root = Path::Root;
    for (key, value) in map {
        let path = Path::Key(&root, key);
        let Some(param) = crate::rules::param(key) else {
            let names = crate::rules::PARAMS.iter().map(|p| p.name);
            sink.error(&path, Code::UnknownParameter, unknown_message("parameter", key, names));
            continue;
        };
        if value.is_null() {
            continue;
        }
        check(param.rule, value, &path, &mut sink);
        if !param.replaced_by.is_empty() {
            sink.issues.push(Issue {
                path: path.render(),
                code: Code::Deprecated,
                severity: Severity::Warning,
                message: deprecation_message(param),
            });
        }
        // Each exclusive pair is reported once, on the parameter that comes later in the
        // spec: the tables list for each parameter only its earlier partners.
        for other in param.exclusive_with_earlier {
            if is_set(map, other) {
                sink.error(
                    &path,
                    Code::MutuallyExclusive,
                    format!("`{}` and `{other}` cannot both be set; set one of them", param.name),
                );
            }
        }
        for (other, lit) in param.requires {
            if !map.get(*other).is_some_and(|v| lit.matches(v)) {
                sink.error(
                    &path,
                    Code::MissingDependency,
                    format!("`{}` requires `{other}: {}`", param.name, lit.to_json()),
                );
            }
        }
    }
}

fn deprecation_message(p: &ParamRule) -> String {
    let names: Vec<String> = p.replaced_by.iter().map(|n| format!("`{n}`")).collect();
    let mut m = format!("`{}` is deprecated; use {} instead", p.name, names.join(" or "));
    if !p.deprecation_note.is_empty() {
        m.push_str(". ");
        m.push_str(p.deprecation_note);
    }
    m
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Whether a value has the JSON kind a rule takes (for choosing a union member).
fn kind_fits(rule: &Rule, v: &Value) -> bool {
    match rule {
        Rule::Bool => v.is_boolean(),
        Rule::Integer { .. } | Rule::Float { .. } => v.is_number(),
        Rule::String { .. } | Rule::Enum { .. } => v.is_string(),
        Rule::List { .. } => v.is_array(),
        Rule::Map { .. } | Rule::Object { .. } => v.is_object(),
        Rule::Union { members, .. } => members.iter().any(|m| kind_fits(m, v)),
    }
}

fn expected(rule: &Rule) -> String {
    match rule {
        Rule::Bool => "a boolean".to_owned(),
        Rule::Integer { .. } => "an integer".to_owned(),
        Rule::Float { .. } => "a number".to_owned(),
        Rule::String { .. } => "a string".to_owned(),
        Rule::List { .. } => "an array".to_owned(),
        Rule::Map { .. } => "an object".to_owned(),
        Rule::Enum { name, .. } | Rule::Object { name, .. } | Rule::Union { name, .. } => {
            format!("a {name}")
        }
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn bounds(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{} to {}", fmt_num(a), fmt_num(b)),
        (Some(a), None) => format!("at least {}", fmt_num(a)),
        (None, Some(b)) => format!("at most {}", fmt_num(b)),
        (None, None) => "any".to_owned(),
    }
}

fn count_bounds(min: Option<u64>, max: Option<u64>) -> String {
    bounds(min.map(|n| n as f64), max.map(|n| n as f64))
}

pub(crate) fn check_range(n: f64, min: Option<f64>, max: Option<f64>, path: &Path<'_>, sink: &mut Sink<'_>) {
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        sink.error(
            path,
            Code::OutOfRange,
            format!("{} is outside the range {}", fmt_num(n), bounds(min, max)),
        );
    }
}

/// Counts a size against its limits: too many -> `too_many`, too few -> `out_of_range`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_count(
    n: usize,
    min: Option<u64>,
    max: Option<u64>,
    what: &str,
    too_many: Code,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    let n = n as u64;
    if max.is_some_and(|m| n > m) {
        sink.error(path, too_many, format!("{n} {what}, more than the limit ({})", count_bounds(min, max)));
    } else if min.is_some_and(|m| n < m) {
        sink.error(path, Code::OutOfRange, format!("{n} {what}, fewer than the limit ({})", count_bounds(min, max)));
    }
}

/// A string's length in code points against its limits. Counting is skipped when the byte
/// length already settles it (a code point takes 1 to 4 bytes).
pub(crate) fn check_str(s: &str, min: Option<u64>, max: Option<u64>, path: &Path<'_>, sink: &mut Sink<'_>) {
    let bytes = s.len() as u64;
    let surely_short_enough = max.is_none_or(|m| bytes <= m);
    let surely_long_enough = min.is_none_or(|m| bytes / 4 >= m);
    if !(surely_short_enough && surely_long_enough) {
        check_count(s.chars().count(), min, max, "characters", Code::TooLong, path, sink);
    }
}

/// The rules of a map key: its length, and digits only for token ids.
pub(crate) fn check_key(k: &str, min: Option<u64>, max: Option<u64>, token_id: bool, at: &Path<'_>, sink: &mut Sink<'_>) {
    let bytes = k.len() as u64;
    if !(max.is_none_or(|m| bytes <= m) && min.is_none_or(|m| bytes / 4 >= m)) {
        check_count(k.chars().count(), min, max, "characters in the key", Code::TooLong, at, sink);
    }
    if token_id && (k.is_empty() || !k.bytes().all(|b| b.is_ascii_digit())) {
        sink.error(at, Code::InvalidValue, format!("key `{k}` is not a token id (digits)"));
    }
}

fn check(rule: &Rule, v: &Value, path: &Path<'_>, sink: &mut Sink<'_>) {
    match (rule, v) {
        (Rule::Bool, Value::Bool(_)) => {}
        (Rule::Integer { min, max }, Value::Number(n)) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 => check_range(f, *min, *max, path, sink),
            _ => sink.error(path, Code::InvalidType, format!("expected an integer, got {n}")),
        },
        (Rule::Float { min, max }, Value::Number(n)) => {
            check_range(n.as_f64().unwrap_or(f64::NAN), *min, *max, path, sink);
        }
        (Rule::String { min_len, max_len }, Value::String(s)) => {
            check_str(s, *min_len, *max_len, path, sink);
        }
        (Rule::List { item, min, max }, Value::Array(items)) => {
            check_count(items.len(), *min, *max, "items", Code::TooManyItems, path, sink);
            for (i, x) in items.iter().enumerate() {
                check(item, x, &Path::Index(path, i), sink);
            }
        }
        (
            Rule::Map {
                value,
                min,
                max,
                key_min_len,
                key_max_len,
                token_id_keys,
            },
            Value::Object(entries),
        ) => {
            check_count(entries.len(), *min, *max, "entries", Code::TooManyItems, path, sink);
            for (k, x) in entries {
                let at = Path::Key(path, k);
                check_key(k, *key_min_len, *key_max_len, *token_id_keys, &at, sink);
                check(value, x, &at, sink);
            }
        }
        (Rule::Enum { name, values }, Value::String(s)) => {
            if !values.contains(&s.as_str()) {
                let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                let hint = suggest(s, values.iter().copied())
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                sink.error(path, Code::InvalidValue, format!("`{s}` is not a {name}: expected one of {}{hint}", list.join(", ")));
            }
        }
        (Rule::Object { name, fields }, Value::Object(entries)) => {
            for f in *fields {
                match entries.get(f.name) {
                    None | Some(Value::Null) => {
                        if f.required {
                            sink.error(&Path::Key(path, f.name), Code::InvalidType, format!("a {name} needs the field `{}`", f.name));
                        }
                    }
                    Some(x) => check(f.rule, x, &Path::Key(path, f.name), sink),
                }
            }
            for k in entries.keys() {
                if !fields.iter().any(|f| f.name == k) {
                    let names = fields.iter().map(|f| f.name);
                    sink.error(&Path::Key(path, k), Code::UnknownParameter, unknown_message(&format!("field of {name}"), k, names));
                }
            }
        }
        (Rule::Union { name, members }, v) => {
            // The first member that takes the value wins; otherwise the first member of
            // the value's JSON kind explains what is wrong.
            let before = sink.issues.len();
            for m in *members {
                if kind_fits(m, v) {
                    check(m, v, path, sink);
                    if sink.issues.len() == before {
                        return;
                    }
                    sink.issues.truncate(before);
                }
            }
            match members.iter().find(|m| kind_fits(m, v)) {
                Some(m) => check(m, v, path, sink),
                None => sink.error(path, Code::InvalidType, format!("expected a {name}, got {}", kind(v))),
            }
        }
        (rule, v) => sink.error(path, Code::InvalidType, format!("expected {}, got {}", expected(rule), kind(v))),
    }
}

/// "unknown parameter `x`; did you mean `y`?"
fn unknown_message<'a>(what: &str, key: &str, names: impl Iterator<Item = &'a str>) -> String {
    match suggest(key, names) {
        Some(c) => format!("unknown {what} `{key}`; did you mean `{c}`?"),
        None => format!("unknown {what} `{key}`"),
    }
}

/// The closest name by Levenshtein distance over code points, when the distance is at
/// most max(2, a third of the key's length); ties go to the first name. Every language
/// uses this same rule.
pub fn suggest<'a>(key: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let len = key.chars().count();
    let limit = std::cmp::max(2, len / 3);
    let mut best: Option<(usize, &'a str)> = None;
    let mut row = Vec::new();
    for name in names {
        // The distance is at least the difference in length: skip what cannot qualify.
        if name.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = levenshtein(key, name, &mut row);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, name));
        }
    }
    best.map(|(_, n)| n)
}

fn levenshtein(a: &str, b: &str, row: &mut Vec<usize>) -> usize {
    let n = b.chars().count();
    row.clear();
    row.extend(0..=n);
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.chars().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[n]
}

/// What `prepare` did to one parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Not sent.
    Removed,
    /// Sent under another name (`to`).
    Moved,
}

/// Why `prepare` changed a parameter. Stable strings in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// It only means something with tools, and the request has none.
    NoTools,
    /// It is for reasoning models and this one is not.
    NotReasoningModel,
    /// The model rejects the reasoning effort when tools are present.
    EffortWithTools,
    /// The model rejects it.
    UnsupportedByModel,
    /// The model rejects it and its replacement is already set.
    ReplacementSet,
}

/// One change made by `prepare`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    /// The parameter as given.
    pub parameter: String,
    /// Removed or moved.
    pub action: Action,
    /// Where it moved to (for `moved`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Stable reason code.
    pub reason: Reason,
    /// What happened and why, for people.
    pub message: String,
}

/// What the request needs beyond the options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PrepareContext {
    /// Whether the request carries tools.
    pub has_tools: bool,
}

/// The options to send to one model, and what was changed to get there.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
    /// The catalog id of the model, or `None` when the model is unknown.
    pub model: Option<String>,
    /// What to send.
    pub options: Map<String, Value>,
    /// Every removal and move, in the order they were made.
    pub changes: Vec<Change>,
}

/// Finds a model by its full id, or by its name without the provider prefix.
pub fn find_model(model: &str) -> Option<&'static ModelInfo> {
    let models = crate::rules::MODELS;
    models.iter().find(|m| m.id == model).or_else(|| {
        let bare = model.rsplit('/').next().unwrap_or(model);
        models.iter().find(|m| m.bare_id() == bare)
    })
}

/// Prepares options for a model: removes what it rejects, moves what has moved, and
/// reports every change. Unknown models get the options unchanged (the API ignores
/// what it does not support). Keys that are not parameters pass through.
pub fn prepare(model: &str, options: &Map<String, Value>, context: PrepareContext) -> Prepared {
    let mut out = options.clone();
    let mut changes = Vec::new();
    let Some(info) = find_model(model) else {
        return Prepared { model: None, options: out, changes };
    };
    let remove = |out: &mut Map<String, Value>, changes: &mut Vec<Change>, name: &str, reason: Reason, why: String| {
        if out.remove(name).is_some() {
            changes.push(Change { parameter: name.to_owned(), action: Action::Removed, to: None, reason, message: why });
        }
    };
    if !context.has_tools {
        for p in crate::rules::PARAMS.iter().filter(|p| p.requires_tools) {
            remove(&mut out, &mut changes, p.name, Reason::NoTools, format!("`{}` removed: the request has no tools", p.name));
        }
    }
    let effort = crate::rules::EFFORT;
    if let Some((effort_param, _)) = effort {
        if context.has_tools && info.rejects_effort_with_tools {
            remove(&mut out, &mut changes, effort_param, Reason::EffortWithTools, format!("`{effort_param}` removed: {} rejects it when tools are present", info.id));
        }
    }
    if !info.reasoning {
        for p in crate::rules::PARAMS.iter().filter(|p| p.reasoning == Reasoning::Only) {
            remove(&mut out, &mut changes, p.name, Reason::NotReasoningModel, format!("`{}` removed: {} is not a reasoning model", p.name, info.id));
        }
    }
    let effort_off = effort.is_some_and(|(param, off)| out.get(param).and_then(Value::as_str) == Some(off));
    let rejected = |name: &str| info.rejects.contains(&name) && !(effort_off && info.allowed_at_effort_off.contains(&name));
    for p in crate::rules::PARAMS.iter().filter(|p| rejected(p.name)) {
        let Some(value) = out.get(p.name) else { continue };
        match p.moves_to.filter(|to| !rejected(to)) {
            Some(to) if !value.is_null() => {
                if is_set(&out, to) {
                    remove(&mut out, &mut changes, p.name, Reason::ReplacementSet, format!("`{}` removed: {} rejects it and `{to}` is already set", p.name, info.id));
                } else if let Some(v) = out.remove(p.name) {
                    out.insert(to.to_owned(), v);
                    changes.push(Change {
                        parameter: p.name.to_owned(),
                        action: Action::Moved,
                        to: Some(to.to_owned()),
                        reason: Reason::UnsupportedByModel,
                        message: format!("`{}` moved to `{to}`: {} rejects `{}`", p.name, info.id, p.name),
                    });
                }
            }
            _ => remove(&mut out, &mut changes, p.name, Reason::UnsupportedByModel, format!("`{}` removed: {} does not support it", p.name, info.id)),
        }
    }
    Prepared { model: Some(info.id.to_owned()), options: out, changes }
}

/// The documented runtime behaviour of an LLM's options: a model and persistent options,
/// where an update **replaces** the options (never merges) and `{}` clears them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LlmOptions {
    model: String,
    options: Map<String, Value>,
}

impl LlmOptions {
    /// A model and its persistent options.
    pub fn new(model: impl Into<String>, options: Map<String, Value>) -> Self {
        LlmOptions { model: model.into(), options }
    }

    /// Both arguments are optional. `options` replaces the previous options object: keys
    /// not in it are dropped; `Some(Map::new())` clears them.
    pub fn update_options(&mut self, model: Option<&str>, options: Option<Map<String, Value>>) {
        if let Some(m) = model {
            self.model = m.to_owned();
        }
        if let Some(o) = options {
            self.options = o;
        }
    }

    /// The current model.
    pub fn model(&self) -> &str {
        &self.model
    }

    /// The current persistent options.
    pub fn options(&self) -> &Map<String, Value> {
        &self.options
    }

    /// What the next request sends: the current options prepared for the current model.
    pub fn request(&self, context: PrepareContext) -> Prepared {
        prepare(&self.model, &self.options, context)
    }
}
