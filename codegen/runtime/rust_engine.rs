//! The rules engine: validation, per-model preparation and the options holder.
//!
//! It holds no knowledge of any parameter: validation of raw JSON is generated per
//! parameter (`raw.rs`) and of typed options per field (`options.rs`), both calling the
//! checks and reports here; `prepare` reads the tables of `rules.rs`. The TypeScript and
//! Python packages carry the same rules; the conformance vectors hold all three to the
//! same verdicts.

// Which checks and reports a spec's generated code calls depends on the spec: a spec
// without lists has no use for `check_count`, one without dependencies none for `Lit`.
#![allow(dead_code)]

use serde_json::{Map, Value};

/// Whether an issue makes the options invalid.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The upstream API would reject the request.
    Error,
    /// The request works, but should change (a deprecated parameter).
    Warning,
}

/// Stable issue codes, the same strings in every language. Declared in the order of their
/// strings, so that ordering codes and ordering their strings agree.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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
    /// ([`validate_for`]) A parameter the model rejects.
    UnsupportedByModel,
    /// ([`validate_for`]) A value the model does not take (an effort outside its range, one
    /// it needs off with tools, a value outside its list).
    UnsupportedValue,
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
            Code::UnsupportedByModel => "unsupported_by_model",
            Code::UnsupportedValue => "unsupported_value",
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

impl std::fmt::Display for Issue {
    /// `path: message` (`(options)` for the whole object), as a log line reads it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = if self.path.is_empty() {
            "(options)"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)
    }
}

impl std::error::Error for Issue {}

/// Every issue of options that did not validate: the error of `from_json`. It holds the
/// warnings too, sorted with the errors as [`validate`] sorts them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Issues(Vec<Issue>);

impl Issues {
    /// The issues, errors and warnings.
    pub fn into_vec(self) -> Vec<Issue> {
        self.0
    }

    /// The issues that make the options invalid.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.0.iter().filter(|i| i.severity == Severity::Error)
    }

    /// The warnings (deprecated parameters).
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.0.iter().filter(|i| i.severity == Severity::Warning)
    }
}

impl From<Vec<Issue>> for Issues {
    fn from(issues: Vec<Issue>) -> Self {
        Issues(issues)
    }
}

impl std::ops::Deref for Issues {
    type Target = [Issue];
    fn deref(&self) -> &[Issue] {
        &self.0
    }
}

impl IntoIterator for Issues {
    type Item = Issue;
    type IntoIter = std::vec::IntoIter<Issue>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Issues {
    type Item = &'a Issue;
    type IntoIter = std::slice::Iter<'a, Issue>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl std::fmt::Display for Issues {
    /// One line per issue, after a count of the errors.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors = self.errors().count();
        write!(
            f,
            "{errors} error{} in the options",
            if errors == 1 { "" } else { "s" }
        )?;
        for issue in &self.0 {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Issues {}

/// A string that is not one of the wire values of a closed set (the error of `FromStr`
/// and `TryFrom<&str>` on the generated enums).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The enum's name.
    pub type_name: &'static str,
    /// The string given.
    pub value: String,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a value of {}", self.value, self.type_name)
    }
}

impl std::error::Error for UnknownValue {}

/// Whole numbers written as floats (`2.0`, `1e3`), which JSON Schema and the three
/// validators count as integers, turned into JSON integers, so that the typed options
/// (whose integer fields are `i64`) can hold what `validate` accepts. Float fields take
/// JSON integers as they are.
#[doc(hidden)]
pub fn whole_numbers_as_integers(v: &mut Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) if n.is_f64() => {
                // The generated crate is edition 2021: no `let` chains.
                let whole = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18);
                if let Some(f) = whole {
                    *v = Value::from(f as i64);
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(map) => stack.extend(map.values_mut()),
            _ => {}
        }
    }
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
    /// The literal as a JSON value.
    pub(crate) fn to_value(self) -> Value {
        match self {
            Lit::Bool(b) => Value::Bool(b),
            Lit::Num(n) => number(n),
            Lit::Str(s) => Value::String(s.to_owned()),
        }
    }

    /// Whether a JSON value is this literal (numbers compared as `f64`).
    #[inline]
    pub(crate) fn matches(self, v: &Value) -> bool {
        match (self, v) {
            (Lit::Bool(a), Value::Bool(b)) => a == *b,
            (Lit::Num(a), Value::Number(n)) => n.as_f64() == Some(a),
            (Lit::Str(a), Value::String(s)) => a == s,
            _ => false,
        }
    }
}

/// A condition of a [`Step`], read when the step is reached.
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
#[allow(dead_code)] // which variants a spec uses depends on the spec
pub enum Cond {
    /// The request has tools.
    Tools,
    /// The request has no tools.
    NoTools,
    /// The parameter is present and not `null`.
    Set(&'static str),
    /// The parameter is absent or `null`.
    Unset(&'static str),
    /// The parameter holds one of the strings, or (when the flag is set) is not set.
    In(&'static str, &'static [&'static str], bool),
    /// Not [`Cond::In`].
    NotIn(&'static str, &'static [&'static str], bool),
    /// The parameter is a number above this one.
    Above(&'static str, f64),
    /// The parameter is a number below this one.
    Below(&'static str, f64),
}

impl Cond {
    fn holds(self, out: &Map<String, Value>, has_tools: bool) -> bool {
        let within = |p: &str, values: &[&str], unset: bool| match out.get(p) {
            None | Some(Value::Null) => unset,
            Some(Value::String(s)) => values.contains(&s.as_str()),
            Some(_) => false,
        };
        let number = |p: &str| out.get(p).and_then(Value::as_f64);
        match self {
            Cond::Tools => has_tools,
            Cond::NoTools => !has_tools,
            Cond::Set(p) => is_set(out, p),
            Cond::Unset(p) => !is_set(out, p),
            Cond::In(p, values, unset) => within(p, values, unset),
            Cond::NotIn(p, values, unset) => !within(p, values, unset),
            Cond::Above(p, n) => number(p).is_some_and(|x| x > n),
            Cond::Below(p, n) => number(p).is_some_and(|x| x < n),
        }
    }
}

/// What a [`Step`] does.
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
#[allow(dead_code)] // which variants a spec uses depends on the spec
pub enum Act {
    /// Not sent (the parameter must be present).
    Remove,
    /// Sent under this name (the parameter must be present).
    Move(&'static str),
    /// Sent with this value, present or not.
    Set(Lit),
    /// Sent as this number (the parameter must be present).
    Clamp(f64),
    /// A warning; nothing changes.
    Warn,
}

/// One step of `prepare`: when every condition holds, the action is taken and a change
/// (or a warning) recorded; the message is one text, or two with the entry's id between them.
#[derive(Debug)]
#[doc(hidden)]
pub struct Step {
    pub param: &'static str,
    pub when: &'static [Cond],
    pub act: Act,
    pub reason: Reason,
    /// One text, or two with the entry's id between them.
    pub message: &'static [&'static str],
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
    /// Its highest reasoning effort.
    pub max_reasoning_effort: Option<&'static str>,
    /// Its reasoning effort when the request gives none.
    pub default_reasoning_effort: Option<&'static str>,
    /// Whether it takes tools only with reasoning off.
    pub requires_effort_off_with_tools: bool,
    /// The most tokens one response may have.
    pub max_output_tokens: Option<u64>,
    /// The most tokens of input and output together.
    pub context_window: Option<u64>,
    /// When it stops answering (`YYYY-MM-DD`), if it is deprecated.
    pub shutdown: Option<&'static str>,
    /// The catalog id to use instead, if it is deprecated.
    pub successor: Option<&'static str>,
    /// Ids that get its rules: prefixes of the id, or of the name without the provider.
    pub prefixes: &'static [&'static str],
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

    /// A `deprecated` warning for a parameter, with its message from the tables.
    #[cold]
    #[inline(never)]
    pub(crate) fn deprecated(&mut self, path: &Path<'_>, message: &str) {
        self.issues.push(Issue {
            path: path.render(),
            code: Code::Deprecated,
            severity: Severity::Warning,
            message: message.to_owned(),
        });
    }

    /// A `mutually_exclusive` error, with its message from the tables.
    #[cold]
    #[inline(never)]
    pub(crate) fn exclusive(&mut self, path: &Path<'_>, message: &str) {
        self.error(path, Code::MutuallyExclusive, message.to_owned());
    }

    /// A `missing_dependency` error, with its message from the tables.
    #[cold]
    #[inline(never)]
    pub(crate) fn missing(&mut self, path: &Path<'_>, message: &str) {
        self.error(path, Code::MissingDependency, message.to_owned());
    }

    /// How many issues so far (a union tries its members and rolls back).
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.issues.len()
    }

    #[inline]
    pub(crate) fn truncate(&mut self, len: usize) {
        self.issues.truncate(len);
    }

    /// `invalid_type`: a value of the wrong JSON kind.
    #[cold]
    #[inline(never)]
    pub(crate) fn wrong_type(&mut self, path: &Path<'_>, text: Text, got: &Value) {
        self.error(path, Code::InvalidType, fill(text, kind(got)));
    }

    /// `unknown_parameter`, naming the nearest of `names` when one is close.
    #[cold]
    #[inline(never)]
    pub(crate) fn unknown(
        &mut self,
        path: &Path<'_>,
        text: Text,
        key: &str,
        names: &'static [&'static str],
    ) {
        let message = fill(text, key) + &hint(suggest_in(key, names));
        self.error(path, Code::UnknownParameter, message);
    }

    /// `invalid_value`: a string outside an enum.
    #[cold]
    #[inline(never)]
    pub(crate) fn not_in_enum(
        &mut self,
        path: &Path<'_>,
        text: Text,
        got: &str,
        values: &'static [&'static str],
    ) {
        let message = fill(text, got) + &hint(suggest_in(got, values));
        self.error(path, Code::InvalidValue, message);
    }

    /// `invalid_type`: a required field of an object is missing (or null).
    #[cold]
    #[inline(never)]
    pub(crate) fn missing_field(&mut self, path: &Path<'_>, field: &str, message: &str) {
        self.error(
            &Path::Key(path, field),
            Code::InvalidType,
            message.to_owned(),
        );
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
//
// Inlined so that the `Vec` lives in the caller's frame: returning it from a frame where
// it was built copies its three words with a 16-byte load of three 8-byte stores, which
// stalls store forwarding (a third of the time of small valid options).
#[inline]
pub fn validate(options: &Value) -> Vec<Issue> {
    let mut issues = Vec::new();
    validate_into(options, &mut issues);
    issues
}

fn validate_into(options: &Value, issues: &mut Vec<Issue>) {
    match options {
        Value::Object(map) => crate::raw::validate_map(map, &mut Sink::new(issues)),
        other => issues.push(Issue {
            path: String::new(),
            code: Code::InvalidType,
            severity: Severity::Error,
            message: fill(crate::rules::NOT_AN_OBJECT, kind(other)),
        }),
    }
    sort_issues(issues);
}

/// [`validate`], plus what `model` does not take: each change [`prepare`] would make (and
/// each warning it would give) as an issue at the parameter's path, with the change's
/// message, so a caller can refuse a request instead of rewriting it. Sorted like
/// [`validate`].
pub fn validate_for(model: &str, options: &Value, context: PrepareContext) -> Vec<Issue> {
    let mut issues = validate(options);
    let Value::Object(map) = options else {
        return issues;
    };
    let prepared = prepare(model, map, context);
    let root = Path::Root;
    for c in prepared.changes {
        let (code, severity) = crate::rules::reason_issue(c.reason);
        issues.push(Issue {
            path: Path::Key(&root, &c.parameter).render(),
            code,
            severity,
            message: c.message,
        });
    }
    for w in prepared.warnings {
        let (code, severity) = crate::rules::reason_issue(w.reason);
        issues.push(Issue {
            path: String::new(),
            code,
            severity,
            message: w.message,
        });
    }
    sort_issues(&mut issues);
    issues
}

/// Sorts issues the way every language does (the order is the rule plan's, in the tables:
/// by path, then code, as strings).
pub fn sort_issues(issues: &mut [Issue]) {
    if issues.len() < 2 {
        return;
    }
    issues.sort_by(crate::rules::issue_order);
}

/// Whether `name` is set (present and not `null`).
pub(crate) fn is_set(map: &Map<String, Value>, name: &str) -> bool {
    map.get(name).is_some_and(|v| !v.is_null())
}

/// The JSON kind of a value as messages write it (`a string`, `null`).
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A message: the text before and after the one value it is about. The generator writes
/// every text (in the tables, or as arguments in the generated checks); the engine writes
/// none.
#[doc(hidden)]
pub type Text = (&'static str, &'static str);

/// A message with its value written in.
fn fill(text: Text, value: &str) -> String {
    let mut out = String::with_capacity(text.0.len() + value.len() + text.1.len());
    out.push_str(text.0);
    out.push_str(value);
    out.push_str(text.1);
    out
}

/// The "did you mean" after a message, when a name is close.
fn hint(closest: Option<&str>) -> String {
    closest.map_or_else(String::new, |c| fill(crate::rules::HINT, c))
}

#[inline]
pub(crate) fn check_range(
    n: f64,
    min: Option<f64>,
    max: Option<f64>,
    outside: Text,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    if !in_range(n, min, max) {
        out_of_range(n, outside, path, sink);
    }
}

// Yes-or-no forms of the checks, for the pass that decides whether there is anything to
// report at all (typed options: `ModelOptions::validate`).

/// Whether a number is within its bounds.
#[inline]
pub(crate) fn in_range(n: f64, min: Option<f64>, max: Option<f64>) -> bool {
    !(min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m))
}

/// Whether a size is within its limits.
#[inline]
pub(crate) fn count_ok(n: usize, min: Option<u64>, max: Option<u64>) -> bool {
    let n = n as u64;
    !(max.is_some_and(|m| n > m) || min.is_some_and(|m| n < m))
}

/// Whether a string's length in code points is within its limits.
#[inline]
pub(crate) fn len_ok(s: &str, min: Option<u64>, max: Option<u64>) -> bool {
    bytes_settle_len(s, min, max) || count_ok(s.chars().count(), min, max)
}

/// Whether the byte length alone proves a string within its limits (a code point takes
/// 1 to 4 bytes), so that counting code points can be skipped.
#[inline]
fn bytes_settle_len(s: &str, min: Option<u64>, max: Option<u64>) -> bool {
    let bytes = s.len() as u64;
    max.is_none_or(|m| bytes <= m) && min.is_none_or(|m| bytes / 4 >= m)
}

/// Whether a map key is a token id: digits only, at least one.
#[inline]
fn is_token_id(k: &str) -> bool {
    !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a map key has its length and, for token ids, digits only.
#[inline]
pub(crate) fn key_ok(k: &str, min: Option<u64>, max: Option<u64>, token_id: bool) -> bool {
    len_ok(k, min, max) && (!token_id || is_token_id(k))
}

#[cold]
#[inline(never)]
fn out_of_range(n: f64, outside: Text, path: &Path<'_>, sink: &mut Sink<'_>) {
    sink.error(path, Code::OutOfRange, fill(outside, &fmt_num(n)));
}

/// The messages of a size above and below its limits.
#[doc(hidden)]
pub type Sizes = (Text, Text);

/// Counts a size against its limits: too many -> `too_many`, too few -> `out_of_range`.
#[inline]
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_count(
    n: usize,
    min: Option<u64>,
    max: Option<u64>,
    texts: Sizes,
    too_many: Code,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    if !count_ok(n, min, max) {
        bad_count(n as u64, max, texts, too_many, path, sink);
    }
}

#[cold]
#[inline(never)]
fn bad_count(
    n: u64,
    max: Option<u64>,
    (many, few): Sizes,
    too_many: Code,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    if max.is_some_and(|m| n > m) {
        sink.error(path, too_many, fill(many, &n.to_string()));
    } else {
        sink.error(path, Code::OutOfRange, fill(few, &n.to_string()));
    }
}

/// A string's length in code points against its limits. Counting is skipped when the byte
/// length already settles it (a code point takes 1 to 4 bytes).
#[inline]
pub(crate) fn check_str(
    s: &str,
    min: Option<u64>,
    max: Option<u64>,
    texts: Sizes,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    check_len(s, min, max, texts, path, sink);
}

#[inline]
fn check_len(
    s: &str,
    min: Option<u64>,
    max: Option<u64>,
    texts: Sizes,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    if !bytes_settle_len(s, min, max) {
        count_chars(s, min, max, texts, path, sink);
    }
}

#[inline(never)]
fn count_chars(
    s: &str,
    min: Option<u64>,
    max: Option<u64>,
    texts: Sizes,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    check_count(
        s.chars().count(),
        min,
        max,
        texts,
        Code::TooLong,
        path,
        sink,
    );
}

/// The rules of a map key: its length, and digits only for token ids.
#[inline]
pub(crate) fn check_key(
    k: &str,
    min: Option<u64>,
    max: Option<u64>,
    token_id: bool,
    texts: Sizes,
    at: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    check_len(k, min, max, texts, at, sink);
    if token_id && !is_token_id(k) {
        not_a_token_id(k, at, sink);
    }
}

#[cold]
#[inline(never)]
fn not_a_token_id(k: &str, at: &Path<'_>, sink: &mut Sink<'_>) {
    sink.error(
        at,
        Code::InvalidValue,
        fill(crate::rules::NOT_A_TOKEN_ID, k),
    );
}

// Checks of raw JSON values, called by the validator generated per parameter (`raw.rs`).

/// A boolean.
#[inline]
pub(crate) fn raw_bool(v: &Value, path: &Path<'_>, sink: &mut Sink<'_>) {
    if !v.is_boolean() {
        sink.wrong_type(path, crate::rules::WRONG_BOOLEAN, v);
    }
}

/// A whole number within its bounds (`2.0` is whole, as in JSON Schema).
#[inline]
pub(crate) fn raw_integer(
    v: &Value,
    min: Option<f64>,
    max: Option<f64>,
    outside: Text,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    match v {
        Value::Number(n) => match whole(n) {
            Some(f) => check_range(f, min, max, outside, path, sink),
            None => not_an_integer(n, path, sink),
        },
        other => sink.wrong_type(path, crate::rules::WRONG_INTEGER, other),
    }
}

/// The number as `f64` when it is whole. Parsed integers are; a float is when it equals
/// its truncation (every float of 2^52 or more is whole). The same test as
/// `f.fract() == 0.0`, without calling `trunc` (a libm call on baseline x86-64).
#[inline]
fn whole(n: &serde_json::Number) -> Option<f64> {
    let f = n.as_f64()?;
    if n.is_i64() || n.is_u64() {
        return Some(f);
    }
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52
    let whole = if f.abs() < EXACT {
        (f as i64) as f64 == f
    } else {
        f.is_finite()
    };
    whole.then_some(f)
}

#[cold]
#[inline(never)]
fn not_an_integer(n: &serde_json::Number, path: &Path<'_>, sink: &mut Sink<'_>) {
    sink.error(
        path,
        Code::InvalidType,
        fill(crate::rules::NOT_AN_INTEGER, &n.to_string()),
    );
}

/// A number within its bounds.
#[inline]
pub(crate) fn raw_float(
    v: &Value,
    min: Option<f64>,
    max: Option<f64>,
    outside: Text,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    match v {
        Value::Number(n) => check_range(
            n.as_f64().unwrap_or(f64::NAN),
            min,
            max,
            outside,
            path,
            sink,
        ),
        other => sink.wrong_type(path, crate::rules::WRONG_NUMBER, other),
    }
}

/// A string within its length limits.
#[inline]
pub(crate) fn raw_string(
    v: &Value,
    min: Option<u64>,
    max: Option<u64>,
    texts: Sizes,
    path: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    match v {
        Value::String(s) => check_str(s, min, max, texts, path, sink),
        other => sink.wrong_type(path, crate::rules::WRONG_STRING, other),
    }
}

// Shapes: the limits of a value's type, as data. The generator writes one `static` per
// distinct type of the spec (`shapes.rs`); raw validation interprets it on JSON values and
// typed validation on the Rust values (the `Limited` trait), so a parameter costs one table
// row instead of a function body per validator.

/// Bounds of a number and the message of a number outside them.
#[doc(hidden)]
pub struct Bounds {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub outside: Text,
}

/// Limits of a size (characters, items, entries) and the messages of a size above and
/// below them.
#[doc(hidden)]
pub struct Size {
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub texts: Sizes,
}

/// The rules of a map's keys: their length, and digits only for token ids.
#[doc(hidden)]
pub struct KeyRule {
    pub size: Size,
    pub token_id: bool,
}

/// The type of a value with its limits.
#[doc(hidden)]
pub enum Shape {
    Bool,
    Integer(Bounds),
    Float(Bounds),
    String(Size),
    /// A list: its count (`None` when unbounded) and its items.
    List(Option<Size>, &'static Shape),
    /// A map: its count (`None` when unbounded), its keys' rules and its values.
    Map(Option<Size>, Option<KeyRule>, &'static Shape),
    /// A named type (an enum, an object, a union): its generated raw check. Typed values
    /// of named types check themselves (their `Limited` impl ignores the shape).
    Named(fn(&Value, &Path<'_>, &mut Sink<'_>)),
}

/// Defines a checker of raw JSON values against a shape, whose lists and maps check their
/// items with `$item`: the same body at two levels of inlining (see [`check_json`]).
macro_rules! json_checker {
    ($(#[$attr:meta])* $name:ident, $item:ident) => {
        $(#[$attr])*
        #[inline(always)]
        pub(crate) fn $name(shape: &Shape, v: &Value, path: &Path<'_>, sink: &mut Sink<'_>) {
            match shape {
                Shape::Bool => raw_bool(v, path, sink),
                Shape::Integer(b) => raw_integer(v, b.min, b.max, b.outside, path, sink),
                Shape::Float(b) => raw_float(v, b.min, b.max, b.outside, path, sink),
                Shape::String(s) => raw_string(v, s.min, s.max, s.texts, path, sink),
                Shape::List(count, item) => match v {
                    Value::Array(items) => {
                        if let Some(s) = count {
                            check_count(
                                items.len(),
                                s.min,
                                s.max,
                                s.texts,
                                Code::TooManyItems,
                                path,
                                sink,
                            );
                        }
                        for (i, x) in items.iter().enumerate() {
                            $item(item, x, &Path::Index(path, i), sink);
                        }
                    }
                    other => sink.wrong_type(path, crate::rules::WRONG_ARRAY, other),
                },
                Shape::Map(count, key, value) => match v {
                    Value::Object(entries) => {
                        if let Some(s) = count {
                            check_count(
                                entries.len(),
                                s.min,
                                s.max,
                                s.texts,
                                Code::TooManyItems,
                                path,
                                sink,
                            );
                        }
                        for (k, x) in entries {
                            let at = Path::Key(path, k);
                            if let Some(r) = key {
                                check_key(
                                    k,
                                    r.size.min,
                                    r.size.max,
                                    r.token_id,
                                    r.size.texts,
                                    &at,
                                    sink,
                                );
                            }
                            $item(value, x, &at, sink);
                        }
                    }
                    other => sink.wrong_type(path, crate::rules::WRONG_OBJECT, other),
                },
                Shape::Named(check) => check(v, path, sink),
            }
        }
    };
}

json_checker!(
    /// Checks a raw JSON value against its shape: its JSON type, then its limits. Forced
    /// inline where the shape is a constant (a parameter's check in `raw.rs`, a field's in
    /// an object's), so that it folds to that shape's checks, as if written out; so do the
    /// items of its lists and maps ([`check_item`]). Deeper items go through a call
    /// ([`check_json_at`]): the shape is recursive, its inlining cannot be.
    check_json,
    check_item
);

json_checker!(
    /// [`check_json`] of an item of a list or a map.
    check_item,
    check_json_at
);

/// [`check_json`] of an item two levels down, by a call.
#[inline(never)]
fn check_json_at(shape: &Shape, v: &Value, path: &Path<'_>, sink: &mut Sink<'_>) {
    check_json(shape, v, path, sink);
}

/// A typed value that checks its limits against its shape: yes or no (`ok`, building no
/// path and no message), or with every issue (`check`). The types rule out wrong types.
#[doc(hidden)]
pub(crate) trait Limited {
    fn ok(&self, shape: &Shape) -> bool;
    fn check(&self, shape: &Shape, path: &Path<'_>, sink: &mut Sink<'_>);
}

impl Limited for bool {
    #[inline]
    fn ok(&self, _: &Shape) -> bool {
        true
    }

    #[inline]
    fn check(&self, _: &Shape, _: &Path<'_>, _: &mut Sink<'_>) {}
}

impl Limited for i64 {
    #[inline]
    fn ok(&self, shape: &Shape) -> bool {
        match shape {
            Shape::Integer(b) => in_range(*self as f64, b.min, b.max),
            _ => true,
        }
    }

    #[inline]
    fn check(&self, shape: &Shape, path: &Path<'_>, sink: &mut Sink<'_>) {
        if let Shape::Integer(b) = shape {
            check_range(*self as f64, b.min, b.max, b.outside, path, sink);
        }
    }
}

impl Limited for f64 {
    #[inline]
    fn ok(&self, shape: &Shape) -> bool {
        match shape {
            Shape::Float(b) => in_range(*self, b.min, b.max),
            _ => true,
        }
    }

    #[inline]
    fn check(&self, shape: &Shape, path: &Path<'_>, sink: &mut Sink<'_>) {
        if let Shape::Float(b) = shape {
            check_range(*self, b.min, b.max, b.outside, path, sink);
        }
    }
}

impl Limited for String {
    #[inline]
    fn ok(&self, shape: &Shape) -> bool {
        match shape {
            Shape::String(s) => len_ok(self, s.min, s.max),
            _ => true,
        }
    }

    #[inline]
    fn check(&self, shape: &Shape, path: &Path<'_>, sink: &mut Sink<'_>) {
        if let Shape::String(s) = shape {
            check_str(self, s.min, s.max, s.texts, path, sink);
        }
    }
}

impl<T: Limited> Limited for Vec<T> {
    #[inline]
    fn ok(&self, shape: &Shape) -> bool {
        let Shape::List(count, item) = shape else {
            return true;
        };
        if count
            .as_ref()
            .is_some_and(|s| !count_ok(self.len(), s.min, s.max))
        {
            return false;
        }
        // A loop rather than `Iterator::all`, whose `try_fold` inlines less well.
        for x in self {
            if !x.ok(item) {
                return false;
            }
        }
        true
    }

    #[inline]
    fn check(&self, shape: &Shape, path: &Path<'_>, sink: &mut Sink<'_>) {
        let Shape::List(count, item) = shape else {
            return;
        };
        if let Some(s) = count {
            check_count(
                self.len(),
                s.min,
                s.max,
                s.texts,
                Code::TooManyItems,
                path,
                sink,
            );
        }
        for (i, x) in self.iter().enumerate() {
            x.check(item, &Path::Index(path, i), sink);
        }
    }
}

impl<T: Limited> Limited for std::collections::BTreeMap<String, T> {
    #[inline]
    fn ok(&self, shape: &Shape) -> bool {
        let Shape::Map(count, key, value) = shape else {
            return true;
        };
        if count
            .as_ref()
            .is_some_and(|s| !count_ok(self.len(), s.min, s.max))
        {
            return false;
        }
        for (k, x) in self {
            if key
                .as_ref()
                .is_some_and(|r| !key_ok(k, r.size.min, r.size.max, r.token_id))
                || !x.ok(value)
            {
                return false;
            }
        }
        true
    }

    #[inline]
    fn check(&self, shape: &Shape, path: &Path<'_>, sink: &mut Sink<'_>) {
        let Shape::Map(count, key, value) = shape else {
            return;
        };
        if let Some(s) = count {
            check_count(
                self.len(),
                s.min,
                s.max,
                s.texts,
                Code::TooManyItems,
                path,
                sink,
            );
        }
        for (k, x) in self {
            let at = Path::Key(path, k);
            if let Some(r) = key {
                check_key(
                    k,
                    r.size.min,
                    r.size.max,
                    r.token_id,
                    r.size.texts,
                    &at,
                    sink,
                );
            }
            x.check(value, &at, sink);
        }
    }
}

/// Whether an optional field passes its shape (an absent one does).
#[inline]
pub(crate) fn field_ok<T: Limited>(v: &Option<T>, shape: &Shape) -> bool {
    v.as_ref().is_none_or(|v| v.ok(shape))
}

/// Checks an optional field, set, against its shape at `root/<name of parameter i>`.
#[inline]
pub(crate) fn field<T: Limited>(
    v: &Option<T>,
    shape: &Shape,
    i: usize,
    root: &Path<'_>,
    sink: &mut Sink<'_>,
) {
    if let Some(v) = v {
        v.check(shape, &Path::Key(root, crate::raw::NAMES[i]), sink);
    }
}

/// The farthest a "did you mean" suggestion may be from the key: a Levenshtein distance
/// over code points of at most 2. Every language uses this same bound.
const SUGGEST_WITHIN: usize = 2;

/// Name lists shorter than this are scanned; longer ones get a symmetric-delete index.
/// The same threshold as TypeScript and Python. A lookup that finds a name within 1 costs
/// a hash lookup per deletion of one code point of the key (0.6 µs at 5,001 names, where
/// a scan of 51 names took 1.2 µs); one that finds none builds the key's deletions of
/// two code points too, unless its length is already too far from every name's.
const INDEX_FROM: usize = 16;

/// The closest name by Levenshtein distance over code points, when the distance is at
/// most 2; ties go to the first name; `None` when no name is within 2. Every language
/// uses this same rule. A plain scan of `names`: see [`suggest_in`] for the indexed one.
pub fn suggest<'a>(key: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let key: Vec<char> = key.chars().collect();
    let mut bound = SUGGEST_WITHIN;
    let mut best = None;
    let mut row = Vec::new();
    for name in names {
        // A later name must be strictly closer to win: only distances within `bound` count.
        if let Some(d) = levenshtein_within(&key, name, bound, &mut row) {
            best = Some(name);
            match d.checked_sub(1) {
                Some(b) => bound = b,
                None => break,
            }
        }
    }
    best
}

/// [`suggest`] over a static list of names, with the same answer, in time independent of
/// the list's length: lists of 16 names or more are looked up in a symmetric-delete index
/// (every name's deletions of up to 2 code points, to the names they come from), built
/// once per list on first use and kept for the life of the process.
#[doc(hidden)]
pub fn suggest_in(key: &str, names: &'static [&'static str]) -> Option<&'static str> {
    if names.len() < INDEX_FROM {
        return suggest(key, names.iter().copied());
    }
    suggest_index(names).closest(key, names)
}

/// The symmetric-delete index of one name list: each name, and each string made by
/// deleting one or two code points of a name, to the names (positions, ascending) it comes
/// from.
struct SuggestIndex {
    exact: std::collections::HashMap<String, u32, FastHash>,
    one: Variants,
    two: Variants,
    /// The shortest and longest name, in code points: a key further than 2 from both
    /// ends has no suggestion, and is not expanded.
    shortest: usize,
    longest: usize,
}

/// The index of `names`, built on first use (keyed by the list's address and length).
fn suggest_index(names: &'static [&'static str]) -> std::sync::Arc<SuggestIndex> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Cache = Mutex<HashMap<(usize, usize), Arc<SuggestIndex>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let key = (names.as_ptr() as usize, names.len());
    // A panic elsewhere while the lock was held leaves a consistent map: take it anyway.
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    Arc::clone(
        map.entry(key)
            .or_insert_with(|| Arc::new(SuggestIndex::new(names))),
    )
}

/// Calls `each` with every string made by deleting one code point of `word` (`two`:
/// two code points), spelt into `buf`, in order; a repeated letter gives a string twice.
fn each_deletion(word: &[char], two: bool, buf: &mut String, each: &mut dyn FnMut(&str)) {
    for a in 0..word.len() {
        if two {
            for b in a + 1..word.len() {
                buf.clear();
                buf.extend(
                    word.iter()
                        .enumerate()
                        .filter(|(k, _)| *k != a && *k != b)
                        .map(|(_, c)| *c),
                );
                each(buf);
            }
        } else {
            buf.clear();
            buf.extend(word[..a].iter().chain(&word[a + 1..]));
            each(buf);
        }
    }
}

type Variants = std::collections::HashMap<String, Vec<u32>, FastHash>;

/// The names (positions, ascending) that `index` has under `k`.
fn list<'m>(index: &'m Variants, k: &str) -> &'m [u32] {
    index.get(k).map_or(&[], Vec::as_slice)
}

/// Adds name `i` under `variant`, once (names are added in order).
fn index_add(
    index: &mut std::collections::HashMap<String, Vec<u32>, FastHash>,
    variant: &str,
    i: u32,
) {
    match index.get_mut(variant) {
        Some(list) => {
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        None => {
            index.insert(variant.to_owned(), vec![i]);
        }
    }
}

impl SuggestIndex {
    fn new(names: &[&str]) -> Self {
        let mut index = SuggestIndex {
            exact: std::collections::HashMap::default(),
            one: std::collections::HashMap::default(),
            two: std::collections::HashMap::default(),
            shortest: usize::MAX,
            longest: 0,
        };
        let mut buf = String::new();
        for (i, name) in names.iter().enumerate() {
            let i = i as u32;
            let chars: Vec<char> = name.chars().collect();
            index.shortest = index.shortest.min(chars.len());
            index.longest = index.longest.max(chars.len());
            index.exact.entry((*name).to_owned()).or_insert(i);
            each_deletion(&chars, false, &mut buf, &mut |v| {
                index_add(&mut index.one, v, i)
            });
            each_deletion(&chars, true, &mut buf, &mut |v| {
                index_add(&mut index.two, v, i)
            });
        }
        index
    }

    /// The closest name within 2 (ties to the earliest), as [`suggest`] finds it. Two
    /// strings are within 2 only if deleting at most two code points of each gives a
    /// common string (symmetric deletion, as in SymSpell), and where the deletions meet
    /// tells much of the distance: none from either side, 0; none from one side and one
    /// from the other, 1; one from each, 1 or 2; two from one side only, 2; three or four
    /// in all, at most 2. Distance 1 is searched first, with the key's one-deletions only;
    /// the distance is measured only for the pairs where the meeting leaves it open. The
    /// same answer and the same rule as the TypeScript and Python engines.
    fn closest(&self, key: &str, names: &'static [&'static str]) -> Option<&'static str> {
        let a: Vec<char> = key.chars().collect();
        if a.len() + SUGGEST_WITHIN < self.shortest || a.len() > self.longest + SUGGEST_WITHIN {
            return None;
        }
        if let Some(&i) = self.exact.get(key) {
            return Some(names[i as usize]);
        }
        let mut row = Vec::new();
        let mut buf = String::with_capacity(key.len());
        let within = |i: u32, bound: usize, row: &mut Vec<usize>| {
            levenshtein_within(&a, names[i as usize], bound, row).is_some()
        };
        // Distance 1: a name with one more code point (certain), one fewer (certain), or
        // as many with one changed (one deletion from each side: 1 or 2, measured).
        let mut best = list(&self.one, key).first().copied().unwrap_or(u32::MAX);
        each_deletion(&a, false, &mut buf, &mut |k| {
            if let Some(&i) = self.exact.get(k) {
                best = best.min(i);
            }
        });
        each_deletion(&a, false, &mut buf, &mut |k| {
            for &i in list(&self.one, k) {
                if i >= best {
                    break;
                }
                if within(i, 1, &mut row) {
                    best = i;
                }
            }
        });
        if best != u32::MAX {
            return Some(names[best as usize]);
        }
        // Distance 2, no name being nearer: certain for one deletion from each side, or two
        // from one side only; measured when the deletions add up to three or four.
        let mut open: Vec<u32> = Vec::new();
        each_deletion(&a, false, &mut buf, &mut |k| {
            if let Some(&i) = self.one.get(k).and_then(|l| l.first()) {
                best = best.min(i);
            }
            open.extend_from_slice(list(&self.two, k));
        });
        if let Some(&i) = list(&self.two, key).first() {
            best = best.min(i);
        }
        each_deletion(&a, true, &mut buf, &mut |k| {
            if let Some(&i) = self.exact.get(k) {
                best = best.min(i);
            }
            open.extend_from_slice(list(&self.one, k));
            open.extend_from_slice(list(&self.two, k));
        });
        open.retain(|&i| i < best);
        open.sort_unstable();
        open.dedup();
        for i in open {
            if within(i, SUGGEST_WITHIN, &mut row) {
                best = i;
                break;
            }
        }
        (best != u32::MAX).then(|| names[best as usize])
    }
}

/// The hasher of the engine's lookup tables (parameter names, deletion variants): FxHash,
/// a multiply-rotate over words. The tables hold the spec's names, fixed at build time,
/// and a lookup only probes them.
#[doc(hidden)]
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.0 = (self.0.rotate_left(5) ^ read_small(rest)).wrapping_mul(K);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(K);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The product's high bits are the well-mixed ones; hashbrown picks the bucket with
        // the low bits.
        self.0.rotate_left(26)
    }
}

#[doc(hidden)]
pub type FastHash = std::hash::BuildHasherDefault<FastHasher>;

/// The 1 to 7 bytes of `b` as one word, read by whole loads (two overlapping ones from 4
/// bytes up): copying them into a zeroed word and reading that back stalls on the store
/// (most of a lookup's time, measured). Distinct strings of one length give distinct words.
#[inline]
fn read_small(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
        u64::from(lo) | u64::from(hi) << 32
    } else if n > 0 {
        u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16
    } else {
        0
    }
}

/// The index in `crate::raw::NAMES` (spec order) of the parameter named `key`: one hash
/// lookup, whatever the number of parameters. The map is built on first use. (Specs of up
/// to 64 parameters use a `match` instead, `crate::raw::param_index`: faster there.)
#[allow(dead_code)]
pub(crate) fn param_index_hashed(key: &str) -> Option<usize> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static INDEX: OnceLock<HashMap<&'static str, usize, FastHash>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let names = crate::raw::NAMES;
            let mut map = HashMap::with_capacity_and_hasher(names.len(), FastHash::default());
            for (i, n) in names.iter().enumerate() {
                map.entry(*n).or_insert(i);
            }
            map
        })
        .get(key)
        .copied()
}

/// One optional field of a struct as serde's derive writes it with `skip_serializing_if =
/// "Option::is_none"`: the value, or a skipped field. (The options struct's `Serialize` is
/// written out in chunks, one call per field.)
pub(crate) fn serialize_field<S: serde::ser::SerializeStruct, T: serde::Serialize>(
    state: &mut S,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(v) => state.serialize_field(key, v),
        None => state.skip_field(key),
    }
}

/// The Levenshtein distance over code points when it is at most `bound`, else `None`. It
/// gives up early: as soon as the length difference, or every cell of a row, exceeds it.
fn levenshtein_within(a: &[char], b: &str, bound: usize, row: &mut Vec<usize>) -> Option<usize> {
    let n = b.chars().count();
    if n.abs_diff(a.len()) > bound {
        return None;
    }
    row.clear();
    row.extend(0..=n);
    for (i, &ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, cb) in b.chars().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            least = least.min(row[j + 1]);
            prev = cur;
        }
        if least > bound {
            return None;
        }
    }
    (row[n] <= bound).then_some(row[n])
}

/// What `prepare` did to one parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// Not sent.
    Removed,
    /// Sent under another name (`to`).
    Moved,
    /// Sent with a value the model takes (an effort raised, lowered or set).
    Set,
    /// A number brought within the model's limit.
    Clamped,
}

/// Why `prepare` changed a parameter. Stable strings in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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
    /// The effort is below the model's lowest.
    EffortTooLow,
    /// The effort is above the model's highest.
    EffortTooHigh,
    /// The model takes the parameter only at other values.
    ValueUnsupportedByModel,
    /// A number above the model's limit (its output cap, or a narrower range).
    AboveModelLimit,
    /// A number below the model's limit.
    BelowModelLimit,
    /// The model is being retired (a warning; nothing changes).
    DeprecatedModel,
}

impl Severity {
    /// The severity as a string (`error`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Action {
    /// The action as a string (`removed`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Removed => "removed",
            Action::Moved => "moved",
            Action::Set => "set",
            Action::Clamped => "clamped",
        }
    }
}

impl Reason {
    /// The reason as a string (`unsupported_by_model`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::NoTools => "no_tools",
            Reason::NotReasoningModel => "not_reasoning_model",
            Reason::EffortWithTools => "effort_with_tools",
            Reason::UnsupportedByModel => "unsupported_by_model",
            Reason::ReplacementSet => "replacement_set",
            Reason::EffortTooLow => "effort_too_low",
            Reason::EffortTooHigh => "effort_too_high",
            Reason::ValueUnsupportedByModel => "value_unsupported_by_model",
            Reason::AboveModelLimit => "above_model_limit",
            Reason::BelowModelLimit => "below_model_limit",
            Reason::DeprecatedModel => "deprecated_model",
        }
    }
}

/// `Display` as the stable strings of the wire and of the other two languages.
macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(Code, Severity, Action, Reason);

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

/// Something `prepare` reports without changing anything (a deprecated model).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PrepareWarning {
    /// Stable reason code.
    pub reason: Reason,
    /// What the request should know, for people.
    pub message: String,
}

/// How a model id found its rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Matched {
    /// `id` (its catalog id), `name` (its name without the provider) or `prefix`.
    pub by: String,
    /// The catalog id of the model, or the family whose prefix matched.
    pub entry: String,
    /// The prefix, for `prefix`.
    pub pattern: Option<String>,
}

/// The options to send to one model, and what was changed to get there: `O` is a JSON
/// object ([`prepare`]) or the typed options (their `prepare` method).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Prepared<O = Map<String, Value>> {
    /// The catalog id of the model (the id as given, when a family's prefix matched it),
    /// or `None` when the model is unknown.
    pub model: Option<String>,
    /// What to send.
    pub options: O,
    /// Every change, in the order they were made.
    pub changes: Vec<Change>,
    /// What the request should know and nothing changed for (a deprecated model).
    #[serde(default)]
    pub warnings: Vec<PrepareWarning>,
    /// How the model was found, or `None` when it is unknown.
    #[serde(default)]
    pub matched: Option<Matched>,
}

impl<O> Prepared<O> {
    /// The same result with its options converted (to the typed options, or back to JSON).
    pub fn map_options<P>(self, f: impl FnOnce(O) -> P) -> Prepared<P> {
        Prepared {
            model: self.model,
            options: f(self.options),
            changes: self.changes,
            warnings: self.warnings,
            matched: self.matched,
        }
    }
}

/// Finds a model by its full id, by its name without the provider prefix, or by the
/// longest of the catalog models' prefixes that the id starts with.
pub fn find_model(model: &str) -> Option<&'static ModelInfo> {
    resolve(model).and_then(|(info, _, _, _)| info)
}

/// The model an id stands for (`None` for a family entry), its steps, the entry's id and
/// how it was matched.
#[allow(clippy::type_complexity)]
fn resolve(
    model: &str,
) -> Option<(
    Option<&'static ModelInfo>,
    &'static [Step],
    &'static str,
    Matched,
)> {
    let models = crate::rules::MODELS;
    let of_model = |i: usize, by: &str, pattern: Option<&str>| {
        let info = &models[i];
        Some((
            Some(info),
            crate::rules::STEP_GROUPS[crate::rules::MODEL_GROUPS[i]],
            info.id,
            Matched {
                by: by.to_owned(),
                entry: info.id.to_owned(),
                pattern: pattern.map(str::to_owned),
            },
        ))
    };
    if let Some(i) = models.iter().position(|m| m.id == model) {
        return of_model(i, "id", None);
    }
    let bare = model.rsplit('/').next().unwrap_or(model);
    if let Some(i) = models.iter().position(|m| m.bare_id() == bare) {
        return of_model(i, "name", None);
    }
    for &(prefix, family, i) in crate::rules::PATTERNS {
        let subject = if prefix.contains('/') { model } else { bare };
        if !subject.starts_with(prefix) {
            continue;
        }
        if !family {
            return of_model(i, "prefix", Some(prefix));
        }
        let entry = &crate::rules::FAMILY_ENTRIES[i];
        return Some((
            None,
            crate::rules::STEP_GROUPS[crate::rules::FAMILY_GROUPS[i]],
            "",
            Matched {
                by: "prefix".to_owned(),
                entry: entry.family.to_owned(),
                pattern: Some(prefix.to_owned()),
            },
        ));
    }
    None
}

/// A bound as a JSON number: an integer when it is whole, as every language writes it.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// Prepares options for a model: removes what it rejects, moves what has moved, brings
/// efforts and numbers within what it takes, and reports every change (and, without
/// changing anything, a deprecated model). Unknown models get the options unchanged (the
/// API ignores what it does not support). Keys that are not parameters pass through.
pub fn prepare(model: &str, options: &Map<String, Value>, context: PrepareContext) -> Prepared {
    let mut out = options.clone();
    let mut changes = Vec::new();
    let mut warnings = Vec::new();
    let Some((_, own, entry_id, matched)) = resolve(model) else {
        return Prepared {
            model: None,
            options: out,
            changes,
            warnings,
            matched: None,
        };
    };
    let entry_id = if entry_id.is_empty() { model } else { entry_id };
    for step in crate::rules::COMMON_STEPS.iter().chain(own) {
        if !step.when.iter().all(|c| c.holds(&out, context.has_tools)) {
            continue;
        }
        let message = step.message.join(entry_id);
        let (action, to) = match step.act {
            Act::Warn => {
                warnings.push(PrepareWarning {
                    reason: step.reason,
                    message,
                });
                continue;
            }
            Act::Set(lit) => {
                out.insert(step.param.to_owned(), lit.to_value());
                (Action::Set, None)
            }
            _ if !out.contains_key(step.param) => continue,
            Act::Remove => {
                out.remove(step.param);
                (Action::Removed, None)
            }
            Act::Move(to) => {
                let value = out.remove(step.param).unwrap_or(Value::Null);
                out.insert(to.to_owned(), value);
                (Action::Moved, Some(to.to_owned()))
            }
            Act::Clamp(n) => {
                out.insert(step.param.to_owned(), number(n));
                (Action::Clamped, None)
            }
        };
        changes.push(Change {
            parameter: step.param.to_owned(),
            action,
            to,
            reason: step.reason,
            message,
        });
    }
    Prepared {
        model: Some(entry_id.to_owned()),
        options: out,
        changes,
        warnings,
        matched: Some(matched),
    }
}

/// The documented runtime behaviour of an LLM's options: a model and persistent options,
/// where an update **replaces** the options (never merges) and `{}` clears them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LlmOptions {
    model: String,
    options: Map<String, Value>,
}

impl LlmOptions {
    /// A model and its persistent options: a JSON object, or the typed options.
    pub fn new(model: impl Into<String>, options: impl Into<Map<String, Value>>) -> Self {
        LlmOptions {
            model: model.into(),
            options: options.into(),
        }
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
