//! Conformance vectors: cases derived from the spec, with the verdict each one must get,
//! for every language's validator and `prepare` to run. The expected results are built
//! by construction here (a value just above the maximum is `out_of_range` at its path),
//! not by running any engine. The format is documented in `docs/conformance.md`.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::OutputFile;
use crate::emit::json_file;
use crate::model::{Count, MAX_MATERIALIZED, Model, NamedKind, Param, Range, Ty};
use crate::suggest::Suggester;

pub const DIR: &str = "generated/conformance";

pub fn emit(model: &Model) -> Vec<OutputFile> {
    let v = Vectors::new(model);
    let validate = json!({
        "spec_version": model.version,
        "validate": v.validate_cases(),
    });
    let reason_issues: Map<String, Value> = crate::plan::REASON_ISSUES
        .iter()
        .map(|(reason, code, severity)| {
            (
                (*reason).to_owned(),
                json!({ "code": code, "severity": severity }),
            )
        })
        .collect();
    let prepare = json!({
        "spec_version": model.version,
        "reason_issues": reason_issues,
        "prepare": v.prepare_cases(),
    });
    vec![
        OutputFile {
            path: format!("{DIR}/validate.json"),
            contents: json_file(validate, "schema/spec.yaml"),
        },
        OutputFile {
            path: format!("{DIR}/prepare.json"),
            contents: json_file(prepare, "schema/spec.yaml and schema/models.yaml"),
        },
    ]
}

/// Checks the hand-written edge cases (`schema/edge_cases.json`) and copies them next to
/// the derived vectors. Each case needs a `name`, an `input`, and `issues` (validate) or
/// `model` and `output` (prepare).
pub fn edge_cases(model: &Model, text: &str, file: &str) -> Result<OutputFile, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("{file}:{}:{}: {e}", e.line(), e.column()))?;
    for (kind, required) in [
        ("validate", &["name", "input", "issues"][..]),
        (
            "prepare",
            &["name", "model", "input", "output", "changes"][..],
        ),
    ] {
        let Some(cases) = value.get(kind) else {
            continue;
        };
        let cases = cases
            .as_array()
            .ok_or_else(|| format!("{file}: `/{kind}` must be an array"))?;
        for (i, case) in cases.iter().enumerate() {
            for key in required {
                if case.get(*key).is_none() {
                    return Err(format!("{file}: `/{kind}/{i}` needs `{key}`"));
                }
            }
        }
    }
    let stale = stale_edge_cases(model, &value);
    if !stale.is_empty() {
        let n = stale.len();
        let lines: Vec<String> = stale.into_iter().map(|s| format!("{file}: {s}")).collect();
        return Err(format!(
            "{}\n{n} edge case(s) no longer fit the spec: edit or delete them",
            lines.join("\n")
        ));
    }
    let mut out = Map::new();
    out.insert("spec_version".to_owned(), json!(model.version));
    if let Value::Object(map) = value {
        for (k, v) in map {
            if !k.starts_with('$') {
                out.insert(k, v);
            }
        }
    }
    Ok(OutputFile {
        path: format!("{DIR}/edge_cases.json"),
        contents: json_file(Value::Object(out), file),
    })
}

/// Edge cases that name what the spec no longer has, each as `/pointer (name): why`: a
/// key sent as a parameter (its case expects no `unknown_parameter` for it, or a change to
/// it), or a model the case expects to be found. Removing a parameter or a model from the
/// spec without its edge cases is then a located error of `cargo xtask gen`, not a
/// disagreement in three languages.
fn stale_edge_cases(model: &Model, doc: &Value) -> Vec<String> {
    let mut stale = Vec::new();
    let unknown_expected = |issues: &Value, key: &str| {
        let pointer = format!("/{}", key.replace('~', "~0").replace('/', "~1"));
        issues
            .as_array()
            .into_iter()
            .flatten()
            .any(|i| i["path"] == pointer.as_str() && i["code"] == "unknown_parameter")
    };
    for (i, case) in doc["validate"].as_array().into_iter().flatten().enumerate() {
        for key in case["input"].as_object().into_iter().flat_map(|m| m.keys()) {
            if model.param(key).is_none() && !unknown_expected(&case["issues"], key) {
                stale.push(format!(
                    "/validate/{i} ({}): sends `{key}`, which the spec does not have",
                    case["name"]
                ));
            }
        }
    }
    for (i, case) in doc["prepare"].as_array().into_iter().flatten().enumerate() {
        if let Some(id) = case["expected_model"].as_str()
            && !model.catalog.models.iter().any(|m| m.id == id)
        {
            stale.push(format!(
                "/prepare/{i} ({}): expects the model `{id}`, which the catalog does not have",
                case["name"]
            ));
        }
        for change in case["changes"].as_array().into_iter().flatten() {
            for key in [&change["parameter"], &change["to"]] {
                if let Some(key) = key.as_str()
                    && model.param(key).is_none()
                {
                    stale.push(format!(
                        "/prepare/{i} ({}): expects a change to `{key}`, which the spec does not have",
                        case["name"]
                    ));
                }
            }
        }
    }
    stale
}

/// A value for one type: a label, the value, and the issues it must get, each as (path
/// below the value, code).
type TypeCase = (String, Value, Vec<(Vec<String>, &'static str)>);

/// How many parameters no step touches a full `prepare` case also sends.
const UNTOUCHED: usize = 3;

struct Vectors<'a> {
    model: &'a Model,
    prepare: crate::plan::PreparePlan,
    finder: crate::plan::Finder<'a>,
    /// Every parameter's name, in spec order, ready for the expected "did you mean"s.
    names: Suggester,
    /// For each step group, the parameters its full cases send ([`relevant`]).
    relevant: Vec<Vec<usize>>,
}

impl<'a> Vectors<'a> {
    fn new(model: &'a Model) -> Self {
        let prepare = crate::plan::prepare(model);
        let relevant = (0..prepare.groups.len())
            .map(|g| relevant(model, &prepare, g))
            .collect();
        Vectors {
            model,
            prepare,
            finder: crate::plan::Finder::new(model),
            names: Suggester::new(&model.params.iter().map(|p| &p.name).collect::<Vec<_>>()),
            relevant,
        }
    }
}

/// The parameters the steps of group `g` read or write (the parameter of each step, the
/// ones its conditions read, where it moves to), and the first few of the spec that no
/// step touches (they must pass through), as indices in spec order: what a full case of
/// that group sends. The cases grow with the rules, not with the parameters times the
/// models.
fn relevant(model: &Model, plan: &crate::plan::PreparePlan, g: usize) -> Vec<usize> {
    use crate::plan::{Act, Cond};
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for step in plan.common.iter().chain(&plan.groups[g]) {
        names.insert(&step.param);
        for c in &step.when {
            match c {
                Cond::Tools(_) => {}
                Cond::Set(p) | Cond::Unset(p) | Cond::Above(p, _) | Cond::Below(p, _) => {
                    names.insert(p);
                }
                Cond::In { param, .. } | Cond::NotIn { param, .. } => {
                    names.insert(param);
                }
            }
        }
        if let Act::Move { to } = &step.act {
            names.insert(to);
        }
    }
    let mut out: Vec<usize> = names
        .iter()
        .filter_map(|n| model.param_index.get(*n).copied())
        .collect();
    out.extend(
        model
            .params
            .iter()
            .enumerate()
            .filter(|(_, p)| !names.contains(p.name.as_str()))
            .take(UNTOUCHED)
            .map(|(i, _)| i),
    );
    out.sort_unstable();
    out
}

/// An expected issue, as the vectors state it.
fn issue(path: &str, code: &str) -> Value {
    let severity = if code == "deprecated" {
        "warning"
    } else {
        "error"
    };
    json!({ "path": path, "code": code, "severity": severity })
}

fn pointer(param: &str, rest: &[&str]) -> String {
    let mut p = crate::yaml::push_token("", param);
    for r in rest {
        p.push_str(&crate::yaml::push_token("", r));
    }
    p
}

/// The largest integer every language holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The nearest number past a bound (`up`: above it, else below), or `None` when there is
/// none: for an integer the next integer, if every language still holds it exactly; for a
/// float the next representable `f64`, if it is finite (nothing lies past `f64::MAX`).
fn past(bound: f64, up: bool, integer: bool) -> Option<f64> {
    let next = match (integer, up) {
        (true, true) => bound + 1.0,
        (true, false) => bound - 1.0,
        (false, true) => bound.next_up(),
        (false, false) => bound.next_down(),
    };
    let holds = if integer {
        next.abs() <= MAX_SAFE_INTEGER
    } else {
        next.is_finite()
    };
    (holds && next != bound).then_some(next)
}

/// A number within a range: the whole number at or below the middle when the range has
/// one there, else the middle (halves added, so that wide ranges do not overflow).
fn number_sample(r: &Range) -> f64 {
    match (r.min, r.max) {
        (Some(lo), Some(hi)) => {
            let mid = lo / 2.0 + hi / 2.0;
            let mid = mid.clamp(lo, hi);
            if mid.floor() >= lo { mid.floor() } else { mid }
        }
        (Some(lo), None) => lo.max(1.0),
        (None, Some(hi)) => hi.min(0.0),
        (None, None) => 1.0,
    }
}

/// Whether a count is within its bounds.
fn count_fits(c: &Count, n: u64) -> bool {
    c.min.is_none_or(|m| n >= m) && c.max.is_none_or(|m| n <= m)
}

/// How many items or entries a valid sample holds: one, or the bounds' nearest count.
fn sample_count(c: &Count) -> usize {
    c.min.unwrap_or(1).max(1).min(c.max.unwrap_or(1)) as usize
}

/// The `i`th map key of `len` characters: digits (a token id: `100`, `101`, ... first, then
/// every string of `len` digits) or a `k` and digits (`k0`, `k1`, ..., then letters); one
/// letter or digit at length 1; the empty key at length 0. Keys may repeat at length 1 and
/// for token ids: [`MapKeys::distinct`] skips repeats.
fn made_key(i: usize, len: usize, token: bool) -> String {
    let block = 10usize.saturating_pow(u32::try_from(len.saturating_sub(1)).unwrap_or(u32::MAX));
    match (len, token) {
        (0, _) => String::new(),
        (1, true) => format!("{}", i % 10),
        (1, false) => char::from(b'a' + (i % 26) as u8).to_string(),
        (_, true) if i < block => format!("1{i:0>w$}", w = len - 1),
        (_, true) => format!("{:0>len$}", i - block),
        (_, false) if i < block => format!("k{i:0>w$}", w = len - 1),
        (_, false) => {
            // Letters, in base 26, `a` for zero.
            let mut j = i - block;
            let mut out = vec![b'a'; len];
            for slot in out.iter_mut().rev() {
                *slot = b'a' + (j % 26) as u8;
                j /= 26;
            }
            String::from_utf8(out).unwrap_or_default()
        }
    }
}

/// Keys that a map's key rules take (length, token id), and keys that break exactly one.
struct MapKeys {
    length: Count,
    token: bool,
    /// The length of [`MapKeys::key`]'s keys.
    len: usize,
}

impl MapKeys {
    /// The keys of a map with these key rules and `entries`: long enough for as many
    /// different keys as the vectors need (the least count, and one past the greatest
    /// they build).
    fn new(length: &Count, token: bool, entries: &Count) -> Self {
        let needed = entries.min.unwrap_or(0).max(
            entries
                .max
                .filter(|&m| m <= MAX_MATERIALIZED)
                .map_or(0, |m| m + 1),
        );
        let base: u64 = if token { 10 } else { 26 };
        let mut len: u64 = if token { 3 } else { 2 };
        len = len.max(length.min.unwrap_or(0));
        while base.checked_pow(len as u32).is_some_and(|n| n < needed) {
            len += 1;
        }
        MapKeys {
            length: *length,
            token,
            len: len.min(length.max.unwrap_or(u64::MAX)) as usize,
        }
    }

    /// Whether the map takes `k` as a key.
    fn fits(&self, k: &str) -> bool {
        count_fits(&self.length, k.chars().count() as u64)
            && (!self.token || (!k.is_empty() && k.bytes().all(|b| b.is_ascii_digit())))
    }

    /// The `i`th valid key (keys may repeat: see [`MapKeys::distinct`]).
    fn key(&self, i: usize) -> String {
        made_key(i, self.len, self.token)
    }

    /// `count` different valid keys, none equal to `except`, or `None` when the key rules
    /// do not allow that many (the search is bounded: a repeat-heavy key space ends it).
    fn distinct(&self, count: usize, except: Option<&str>) -> Option<Vec<String>> {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::with_capacity(count.min(MAX_MATERIALIZED as usize + 1));
        let bound = count.saturating_add(2).saturating_mul(3).saturating_add(
            10usize.saturating_pow(u32::try_from(self.len.saturating_sub(1)).unwrap_or(u32::MAX)),
        );
        for i in 0..bound {
            if out.len() == count {
                break;
            }
            let k = self.key(i);
            if Some(k.as_str()) != except && self.fits(&k) && seen.insert(k.clone()) {
                out.push(k);
            }
        }
        (out.len() == count).then_some(out)
    }

    /// The key of a sample map.
    fn sample(&self) -> String {
        let k = if self.token { "1234" } else { "key" };
        if self.fits(k) {
            k.to_owned()
        } else {
            self.key(0)
        }
    }

    /// A key of `len` characters, of the kind the map takes (digits for token ids).
    fn of_length(&self, len: usize) -> String {
        if self.token { "1" } else { "k" }.repeat(len)
    }
}

impl Vectors<'_> {
    /// A valid value of a type.
    fn sample(&self, ty: &Ty) -> Value {
        match ty {
            Ty::Bool => json!(true),
            Ty::Integer(r) | Ty::Float(r) => crate::render::json_number(number_sample(r)),
            Ty::String(c) => {
                let n = c.min.unwrap_or(4).max(1).min(c.max.unwrap_or(4)) as usize;
                json!("x".repeat(n))
            }
            Ty::List { item, items } => Value::Array(vec![self.sample(item); sample_count(items)]),
            Ty::Map {
                value,
                entries,
                key_length,
                key_format,
            } => {
                let keys = MapKeys::new(key_length, key_format.is_some(), entries);
                let x = self.sample(value);
                match sample_count(entries) {
                    1 => json!({ keys.sample(): x }),
                    n => Value::Object(
                        keys.distinct(n, None)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|k| (k, x.clone()))
                            .collect(),
                    ),
                }
            }
            Ty::Named(n) => match self.model.named(n).map(|t| &t.kind) {
                Some(NamedKind::Enum(values)) => json!(values[0].value),
                Some(NamedKind::Object(fields)) => Value::Object(
                    fields
                        .iter()
                        .map(|f| (f.name.clone(), self.sample(&f.ty)))
                        .collect(),
                ),
                Some(NamedKind::Union(members)) => self.sample(&members[0]),
                None => Value::Null,
            },
        }
    }

    /// A value of another JSON kind than any the type takes, if there is one (`null` is
    /// not: it means not set).
    fn wrong_kind(&self, ty: &Ty) -> Option<Value> {
        let kinds = self.kinds(ty);
        [
            json!(true),
            json!(12),
            json!("text"),
            json!([1]),
            json!({"k": 1}),
        ]
        .into_iter()
        .find(|v| !kinds.contains(&kind(v)))
    }

    fn kinds(&self, ty: &Ty) -> Vec<&'static str> {
        match ty {
            Ty::Bool => vec!["boolean"],
            Ty::Integer(_) | Ty::Float(_) => vec!["number"],
            Ty::String(_) => vec!["string"],
            Ty::List { .. } => vec!["array"],
            Ty::Map { .. } => vec!["object"],
            Ty::Named(n) => match self.model.named(n).map(|t| &t.kind) {
                Some(NamedKind::Enum(_)) => vec!["string"],
                Some(NamedKind::Object(_)) => vec!["object"],
                Some(NamedKind::Union(members)) => {
                    members.iter().flat_map(|m| self.kinds(m)).collect()
                }
                None => vec![],
            },
        }
    }

    /// (label, value, issues as (path below the value, code)) for one type: its
    /// boundaries, wrong types, enum values, lists, maps and objects.
    fn type_cases(&self, ty: &Ty) -> Vec<TypeCase> {
        let mut out = Vec::new();
        let ok = |label: &str, v: Value| (label.to_owned(), v, vec![]);
        let bad =
            |label: &str, v: Value, code: &'static str| (label.to_owned(), v, vec![(vec![], code)]);
        out.push(ok("a valid value", self.sample(ty)));
        if let Some(v) = self.wrong_kind(ty) {
            out.push(bad("a value of the wrong type", v, "invalid_type"));
        }
        match ty {
            Ty::Integer(r) | Ty::Float(r) => {
                let integer = matches!(ty, Ty::Integer(_));
                // Just past a bound is the nearest number past it; a bound with none past
                // it (f64::MAX, an integer at 2^53 - 1) has no such case.
                if let Some(lo) = r.min {
                    out.push(ok("at its minimum", crate::render::json_number(lo)));
                    if let Some(below) = past(lo, false, integer) {
                        out.push(bad(
                            "just below its minimum",
                            crate::render::json_number(below),
                            "out_of_range",
                        ));
                    }
                }
                if let Some(hi) = r.max {
                    out.push(ok("at its maximum", crate::render::json_number(hi)));
                    if let Some(above) = past(hi, true, integer) {
                        out.push(bad(
                            "just above its maximum",
                            crate::render::json_number(above),
                            "out_of_range",
                        ));
                    }
                }
                if integer {
                    let x = number_sample(r);
                    // A fraction within the range (so that it breaks only the integer
                    // rule); a range with none (min == max) has no such case.
                    let within =
                        |v: f64| r.min.is_none_or(|lo| v >= lo) && r.max.is_none_or(|hi| v <= hi);
                    if let Some(f) = [x + 0.5, x - 0.5]
                        .into_iter()
                        .find(|&f| f.fract() != 0.0 && within(f))
                    {
                        out.push(bad("a fraction", json!(f), "invalid_type"));
                    }
                    out.push(ok("a whole number written as a float", json!(x)));
                    out.push(bad(
                        "a numeric string",
                        json!(self.sample(ty).to_string()),
                        "invalid_type",
                    ));
                }
            }
            Ty::String(c) => {
                if let Some(hi) = c.max.filter(|&hi| hi <= MAX_MATERIALIZED) {
                    out.push(ok("at its maximum length", json!("a".repeat(hi as usize))));
                    if hi > 0 {
                        out.push(ok(
                            "at its maximum length in multi-byte characters",
                            json!("é".repeat(hi as usize)),
                        ));
                    }
                    out.push(bad(
                        "one character too long",
                        json!("a".repeat(hi as usize + 1)),
                        "too_long",
                    ));
                }
            }
            Ty::List { item, items } => {
                let x = self.sample(item);
                if let Some(hi) = items.max.filter(|&hi| hi <= MAX_MATERIALIZED) {
                    out.push(ok(
                        "at its maximum items",
                        Value::Array(vec![x.clone(); hi as usize]),
                    ));
                    out.push(bad(
                        "one item too many",
                        Value::Array(vec![x.clone(); hi as usize + 1]),
                        "too_many_items",
                    ));
                }
                // The item under test first, then valid items up to the list's least count;
                // a list that takes no items is also too long.
                let n = sample_count(items).max(1);
                for (label, v, issues) in self.type_cases(item).into_iter().skip(1) {
                    let mut issues: Vec<_> = issues
                        .into_iter()
                        .map(|(mut p, code)| {
                            p.insert(0, "0".to_owned());
                            (p, code)
                        })
                        .collect();
                    if !count_fits(
                        &Count {
                            min: None,
                            ..*items
                        },
                        n as u64,
                    ) {
                        issues.push((vec![], "too_many_items"));
                    }
                    let mut list = vec![v];
                    list.extend(std::iter::repeat_n(x.clone(), n - 1));
                    out.push((format!("an item {label}"), Value::Array(list), issues));
                }
            }
            Ty::Map {
                value,
                entries,
                key_length,
                key_format,
            } => {
                let x = self.sample(value);
                let keys = MapKeys::new(key_length, key_format.is_some(), entries);
                // The entry under test, then valid entries up to the map's least count; a
                // map that takes no entries is also too long.
                let n = sample_count(entries).max(1);
                let with = |label: String, k: &str, v: Value, mut issues: Vec<_>| -> TypeCase {
                    let mut m = Map::new();
                    m.insert(k.to_owned(), v);
                    for f in keys.distinct(n - 1, Some(k)).unwrap_or_default() {
                        m.insert(f, x.clone());
                    }
                    if !count_fits(
                        &Count {
                            min: None,
                            ..*entries
                        },
                        m.len() as u64,
                    ) {
                        issues.push((vec![], "too_many_items"));
                    }
                    (label, Value::Object(m), issues)
                };
                if let Some(hi) = entries.max.filter(|&hi| hi <= MAX_MATERIALIZED)
                    && let Some(mut all) = keys.distinct(hi as usize + 1, None)
                {
                    let extra = all.pop().unwrap_or_default();
                    let full: Map<String, Value> =
                        all.into_iter().map(|k| (k, x.clone())).collect();
                    out.push(ok("at its maximum entries", Value::Object(full.clone())));
                    let mut over = full;
                    over.insert(extra, x.clone());
                    out.push(bad(
                        "one entry too many",
                        Value::Object(over),
                        "too_many_items",
                    ));
                }
                if let Some(hi) = key_length.max.filter(|&hi| hi <= MAX_MATERIALIZED) {
                    let long = keys.of_length(hi as usize);
                    if keys.fits(&long) {
                        out.push(with(
                            "a key at its maximum length".to_owned(),
                            &long,
                            x.clone(),
                            vec![],
                        ));
                    }
                    let longer = keys.of_length(hi as usize + 1);
                    out.push(with(
                        "a key one character too long".to_owned(),
                        &longer,
                        x.clone(),
                        vec![(vec![longer.clone()], "too_long")],
                    ));
                }
                if keys.token {
                    // Not digits, at a length the map takes.
                    let not_token = ["abc".to_owned(), "k".repeat(keys.len)]
                        .into_iter()
                        .find(|k| count_fits(key_length, k.chars().count() as u64));
                    if let Some(k) = not_token {
                        out.push(with(
                            "a key that is not a token id".to_owned(),
                            &k,
                            x.clone(),
                            vec![(vec![k.clone()], "invalid_value")],
                        ));
                    }
                }
                let k = keys.key(0);
                for (label, v, issues) in self.type_cases(value).into_iter().skip(1) {
                    let issues = issues
                        .into_iter()
                        .map(|(mut p, code)| {
                            p.insert(0, k.clone());
                            (p, code)
                        })
                        .collect();
                    out.push(with(format!("a value {label}"), &k, v, issues));
                }
            }
            Ty::Named(n) => match self.model.named(n).map(|t| &t.kind) {
                Some(NamedKind::Enum(values)) => {
                    for v in values {
                        out.push(ok(&format!("`{}`", v.value), json!(v.value)));
                    }
                    let mut outside = "not-a-value".to_owned();
                    while values.iter().any(|v| v.value == outside) {
                        outside.push('_');
                    }
                    out.push(bad(
                        "a string outside the enum",
                        json!(outside),
                        "invalid_value",
                    ));
                }
                Some(NamedKind::Object(fields)) => {
                    let full = self.sample(ty);
                    for f in fields {
                        let mut m = full.as_object().cloned().unwrap_or_default();
                        m.remove(&f.name);
                        if f.required {
                            out.push((
                                format!("without its required field `{}`", f.name),
                                Value::Object(m.clone()),
                                vec![(vec![f.name.clone()], "invalid_type")],
                            ));
                        } else {
                            out.push(ok(
                                &format!("without its optional field `{}`", f.name),
                                Value::Object(m.clone()),
                            ));
                        }
                        for (label, v, issues) in self.type_cases(&f.ty).into_iter().skip(1) {
                            let mut m = full.as_object().cloned().unwrap_or_default();
                            m.insert(f.name.clone(), v);
                            let issues = issues
                                .into_iter()
                                .map(|(mut p, code)| {
                                    p.insert(0, f.name.clone());
                                    (p, code)
                                })
                                .collect();
                            out.push((
                                format!("field `{}` {label}", f.name),
                                Value::Object(m),
                                issues,
                            ));
                        }
                    }
                    let mut m = full.as_object().cloned().unwrap_or_default();
                    m.insert("unexpected_field".to_owned(), json!(1));
                    out.push((
                        "with an unknown field".to_owned(),
                        Value::Object(m),
                        vec![(vec!["unexpected_field".to_owned()], "unknown_parameter")],
                    ));
                }
                Some(NamedKind::Union(members)) => {
                    for (i, m) in members.iter().enumerate().skip(1) {
                        out.push(ok(&format!("member {i}"), self.sample(m)));
                    }
                }
                None => {}
            },
            Ty::Bool => {
                out.push(ok("false", json!(false)));
                out.push(bad("the string \"true\"", json!("true"), "invalid_type"));
            }
        }
        out
    }

    /// The other parameters a case for `p` needs so that only `p` is judged: the values
    /// it requires, and the values those require in turn.
    fn context(&self, p: &Param) -> Map<String, Value> {
        let mut m = Map::new();
        let mut todo: Vec<&Param> = vec![p];
        while let Some(q) = todo.pop() {
            for (dep, value) in &q.requires {
                if dep == &p.name || m.contains_key(dep) {
                    continue;
                }
                m.insert(dep.clone(), value.clone());
                if let Some(d) = self.model.param(dep) {
                    todo.push(d);
                }
            }
        }
        m
    }

    /// The issues that options bring regardless of the parameter under test: those each
    /// parameter set (not null) in them implies.
    fn implied_by(&self, options: &Map<String, Value>) -> Vec<Value> {
        options
            .iter()
            .filter(|(_, v)| !v.is_null())
            .filter_map(|(k, _)| self.model.param(k))
            .flat_map(|q| self.implied(q))
            .collect()
    }

    /// Issues that setting `p` (to a non-null value) brings regardless of its value.
    fn implied(&self, p: &Param) -> Vec<Value> {
        let mut out = Vec::new();
        if p.deprecated.is_some() {
            out.push(issue(&pointer(&p.name, &[]), "deprecated"));
        }
        out
    }

    fn validate_cases(&self) -> Vec<Value> {
        let mut cases = Vec::new();
        let mut push =
            |name: String, input: Value, mut issues: Vec<Value>, extra: Option<(&str, Value)>| {
                issues.sort_by(|a, b| {
                    (a["path"].as_str(), a["code"].as_str())
                        .cmp(&(b["path"].as_str(), b["code"].as_str()))
                });
                let mut case = json!({ "name": name, "input": input, "issues": issues });
                if let Some((k, v)) = extra {
                    case[k] = v;
                }
                cases.push(case);
            };
        push("empty options".to_owned(), json!({}), vec![], None);
        for v in [json!([]), json!("temperature"), json!(null), json!(1)] {
            push(
                format!("options that are {}", kind(&v)),
                v,
                vec![issue("", "invalid_type")],
                None,
            );
        }
        for p in &self.model.params {
            let base = self.context(p);
            let with = |v: Value| {
                let mut m = base.clone();
                m.insert(p.name.clone(), v);
                Value::Object(m)
            };
            push(
                format!("{}: null means not set", p.name),
                with(Value::Null),
                self.implied_by(&base),
                None,
            );
            for (label, v, issues) in self.type_cases(&p.ty) {
                let mut expected: Vec<Value> = issues
                    .iter()
                    .map(|(rest, code)| {
                        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
                        issue(&pointer(&p.name, &rest), code)
                    })
                    .collect();
                expected.extend(self.implied(p));
                expected.extend(self.implied_by(&base));
                push(format!("{}: {label}", p.name), with(v), expected, None);
            }
            // Near-miss keys: the last character dropped, and two characters swapped.
            let chars: Vec<char> = p.name.chars().collect();
            let mut typos = vec![chars[..chars.len() - 1].iter().collect::<String>()];
            if chars.len() > 3 {
                let mut swapped = chars.clone();
                swapped.swap(1, 2);
                typos.push(swapped.into_iter().collect());
            }
            for typo in typos {
                if self.model.param(&typo).is_some() || typo == p.name {
                    continue;
                }
                let hint = self
                    .names
                    .suggest(&typo)
                    .map(|i| self.model.params[i].name.as_str());
                push(
                    format!("{}: near-miss key `{typo}`", p.name),
                    json!({ typo.clone(): self.sample(&p.ty) }),
                    vec![issue(&pointer(&typo, &[]), "unknown_parameter")],
                    hint.map(|h| ("message_contains", json!(format!("did you mean `{h}`")))),
                );
            }
        }
        push(
            "a key far from every parameter".to_owned(),
            json!({"zzzzzzzz_qqqq": 1}),
            vec![issue("/zzzzzzzz_qqqq", "unknown_parameter")],
            None,
        );
        for p in &self.model.params {
            for other in &p.exclusive_with {
                let Some(q) = self.model.param(other) else {
                    continue;
                };
                let (first, second) = if self.index(&p.name) < self.index(other) {
                    (p, q)
                } else {
                    continue;
                };
                let mut m = self.context(first);
                m.extend(self.context(second));
                m.insert(first.name.clone(), self.sample(&first.ty));
                m.insert(second.name.clone(), self.sample(&second.ty));
                let mut expected = vec![issue(&pointer(&second.name, &[]), "mutually_exclusive")];
                expected.extend(self.implied_by(&m));
                push(
                    format!("{} and {} together", first.name, second.name),
                    Value::Object(m),
                    expected,
                    None,
                );
                let mut m = self.context(first);
                m.insert(first.name.clone(), self.sample(&first.ty));
                m.insert(second.name.clone(), Value::Null);
                let expected = self.implied_by(&m);
                push(
                    format!("{} with {} null", first.name, second.name),
                    Value::Object(m),
                    expected,
                    None,
                );
            }
            for (dep, value) in &p.requires {
                // Every other requirement met, so that only `dep` is judged.
                let mut base = self.context(p);
                base.insert(p.name.clone(), self.sample(&p.ty));
                let at = pointer(&p.name, &[]);
                let mut m = base.clone();
                m.remove(dep);
                let mut expected = vec![issue(&at, "missing_dependency")];
                expected.extend(self.implied_by(&m));
                push(
                    format!("{} without {dep}", p.name),
                    Value::Object(m),
                    expected,
                    None,
                );
                let other = match value {
                    Value::Bool(b) => json!(!b),
                    _ => Value::Null,
                };
                let mut m = base.clone();
                m.insert(dep.clone(), other.clone());
                let mut expected = vec![issue(&at, "missing_dependency")];
                expected.extend(self.implied_by(&m));
                push(
                    format!("{} with {dep}: {other}", p.name),
                    Value::Object(m),
                    expected,
                    None,
                );
                let mut m = base;
                m.insert(dep.clone(), value.clone());
                let expected = self.implied_by(&m);
                push(
                    format!("{} with {dep}: {value}", p.name),
                    Value::Object(m),
                    expected,
                    None,
                );
            }
        }
        cases
    }

    fn index(&self, name: &str) -> usize {
        self.model
            .params
            .iter()
            .position(|p| p.name == name)
            .unwrap_or(usize::MAX)
    }

    /// Every parameter set to a valid sample; the effort (if any) set to `effort`.
    /// Every relevant parameter of the entry (see [`relevant`]) set to a valid value, the
    /// effort as given, and a key that is not a parameter.
    fn everything_for(
        &self,
        entry: Option<crate::plan::Entry>,
        effort: Option<&str>,
    ) -> Map<String, Value> {
        let group = match entry {
            Some(crate::plan::Entry::Model(i)) => self.prepare.model_group.get(i),
            Some(crate::plan::Entry::Family(i)) => self.prepare.family_group.get(i),
            None => None,
        };
        let Some(indices) = group.and_then(|&g| self.relevant.get(g)) else {
            return self.everything(effort);
        };
        let mut m: Map<String, Value> = indices
            .iter()
            .map(|&i| &self.model.params[i])
            .map(|p| (p.name.clone(), self.sample(&p.ty)))
            .collect();
        if let (Some(e), Some(value)) = (&self.model.catalog.effort, effort) {
            m.insert(e.parameter.clone(), json!(value));
        }
        m.insert("not_a_parameter".to_owned(), json!("passes through"));
        m
    }

    fn everything(&self, effort: Option<&str>) -> Map<String, Value> {
        let mut m: Map<String, Value> = self
            .model
            .params
            .iter()
            .map(|p| (p.name.clone(), self.sample(&p.ty)))
            .collect();
        if let (Some(e), Some(value)) = (&self.model.catalog.effort, effort) {
            m.insert(e.parameter.clone(), json!(value));
        }
        m.insert("not_a_parameter".to_owned(), json!("passes through"));
        m
    }

    fn prepare_cases(&self) -> Vec<Value> {
        let cat = &self.model.catalog;
        let effort_values: Vec<String> = cat
            .effort
            .as_ref()
            .and_then(|e| self.model.param(&e.parameter))
            .and_then(|p| match &p.ty {
                Ty::Named(n) => self.model.named(n),
                _ => None,
            })
            .and_then(|t| match &t.kind {
                NamedKind::Enum(v) => Some(v.iter().map(|x| x.value.clone()).collect()),
                _ => None,
            })
            .unwrap_or_default();
        let off = cat.effort.as_ref().map(|e| e.off.clone());
        let on = effort_values
            .iter()
            .find(|v| Some(*v) != off.as_ref())
            .cloned();
        let mut cases = Vec::new();
        // The groups (models whose steps are the same) whose full cases are written: the
        // first model of each gets them, the others one case each.
        let mut covered = BTreeSet::new();
        for (i, m) in cat.models.iter().enumerate() {
            let entry = crate::plan::Entry::Model(i);
            let group = self.prepare.model_group.get(i).copied();
            if !covered.insert(group) {
                cases.push(self.prepare_case(
                    &m.id,
                    &self.everything_for(Some(entry), on.as_deref()),
                    true,
                    "the rules of its group, with an effort",
                ));
                continue;
            }
            // With and without tools: a reasoning effort that is on, the off value, and
            // none given (the model's default).
            for has_tools in [false, true] {
                let mut efforts = vec![on.clone()];
                if off.is_some() {
                    efforts.push(off.clone());
                    efforts.push(None);
                }
                for effort in efforts {
                    let mut input = self.everything_for(Some(entry), effort.as_deref());
                    if effort.is_none()
                        && let Some(e) = &cat.effort
                    {
                        input.remove(&e.parameter);
                    }
                    cases.push(self.prepare_case(
                        &m.id,
                        &input,
                        has_tools,
                        &format!("effort {}", effort.as_deref().unwrap_or("not given")),
                    ));
                }
            }
            // Every other effort alone: raised, lowered or kept.
            if let Some(e) = &cat.effort {
                for v in effort_values
                    .iter()
                    .filter(|v| Some(*v) != on.as_ref() && Some(*v) != off.as_ref())
                {
                    let input: Map<String, Value> =
                        [(e.parameter.clone(), json!(v))].into_iter().collect();
                    cases.push(self.prepare_case(
                        &m.id,
                        &input,
                        false,
                        &format!("effort {v} alone"),
                    ));
                }
            }
            // Past every limit of the model, and a value it does not take.
            let mut past = Map::new();
            for l in &m.limits {
                if let Some(max) = l.range.max {
                    past.insert(l.param.clone(), crate::plan::number(max + 1.0));
                } else if let Some(min) = l.range.min {
                    past.insert(l.param.clone(), crate::plan::number(min - 1.0));
                }
            }
            for v in &m.values {
                let outside = self
                    .model
                    .param(&v.param)
                    .and_then(|p| crate::check::enum_values(self.model, &p.ty))
                    .and_then(|all| all.into_iter().find(|x| !v.only.contains(x)));
                if let Some(x) = outside {
                    past.insert(v.param.clone(), json!(x));
                }
            }
            if !past.is_empty() {
                cases.push(self.prepare_case(&m.id, &past, false, "past the model's limits"));
            }
            // Only the deprecated parameters that move, without their replacement.
            let movers: Map<String, Value> = self
                .model
                .params
                .iter()
                .filter(|p| p.deprecated.as_ref().is_some_and(|d| d.moves_to.is_some()))
                .map(|p| (p.name.clone(), self.sample(&p.ty)))
                .collect();
            if !movers.is_empty() {
                cases.push(self.prepare_case(&m.id, &movers, false, "moved parameters alone"));
            }
            cases.push(self.prepare_case(
                m.bare_id(),
                &self.everything_for(Some(entry), on.as_deref()),
                true,
                "the id without its provider",
            ));
        }
        // An id for every prefix (the entry it leads to, unless a longer prefix or an exact
        // id wins: the expected result says which).
        for p in &cat.patterns {
            let id = if p.prefix.contains('/') {
                format!("{}-conformance-0", p.prefix)
            } else {
                format!("acme/{}-conformance-0", p.prefix)
            };
            let entry = match p.target {
                crate::model::PatternTarget::Model(i) => crate::plan::Entry::Model(i),
                crate::model::PatternTarget::Family(i) => crate::plan::Entry::Family(i),
            };
            cases.push(self.prepare_case(
                &id,
                &self.everything_for(Some(entry), on.as_deref()),
                false,
                &format!("an id matching the prefix {}", p.prefix),
            ));
        }
        cases.push(self.prepare_case(
            "acme/unknown-model-1",
            &self.everything(on.as_deref()),
            false,
            "an unknown model",
        ));
        cases
    }

    /// One prepare case, its expected result the plan's steps run on the input.
    fn prepare_case(
        &self,
        id: &str,
        input: &Map<String, Value>,
        has_tools: bool,
        label: &str,
    ) -> Value {
        let cat = &self.model.catalog;
        let matched = self.finder.find(self.model, id);
        let mut out = input.clone();
        let (expected_model, changes, warnings) = match &matched {
            Some(found) => {
                let entry_id = match found.entry {
                    crate::plan::Entry::Model(i) => cat.models[i].id.clone(),
                    crate::plan::Entry::Family(_) => id.to_owned(),
                };
                let (changes, warnings) =
                    self.prepare
                        .run(found.entry, &entry_id, &mut out, has_tools);
                (Some(entry_id), changes, warnings)
            }
            None => (None, Vec::new(), Vec::new()),
        };
        let changes: Vec<Value> = changes
            .into_iter()
            .map(|c| {
                let mut v = json!({
                    "parameter": c.parameter,
                    "action": c.action,
                    "reason": c.reason,
                    "message": c.message,
                });
                if let Some(to) = c.to {
                    v["to"] = json!(to);
                }
                v
            })
            .collect();
        let warnings: Vec<Value> = warnings
            .into_iter()
            .map(|w| json!({ "reason": w.reason, "message": w.message }))
            .collect();
        let matched = matched.map(|m| {
            let entry = match m.entry {
                crate::plan::Entry::Model(i) => cat.models[i].id.clone(),
                crate::plan::Entry::Family(i) => cat.family_entries[i].family.clone(),
            };
            json!({ "by": m.by, "entry": entry, "pattern": m.pattern })
        });
        json!({
            "name": format!("{id}: {label}{}", if has_tools { ", with tools" } else { "" }),
            "model": id,
            "has_tools": has_tools,
            "input": input,
            "expected_model": expected_model,
            "matched": matched,
            "output": out,
            "changes": changes,
            "warnings": warnings,
        })
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (parameter, action, reason) of every change and the reason of every warning of
    /// a prepare case.
    fn fired(case: &Value) -> Vec<String> {
        let changes = case["changes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| format!("{} {} {}", c["parameter"], c["action"], c["reason"]));
        let warnings = case["warnings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|w| format!("warning {}", w["reason"]));
        changes.chain(warnings).collect()
    }

    /// The prepare vectors send only what each model's rules read, and one case per model
    /// after the first of its group; they still make every change the cases with every
    /// parameter made, group by group: no rule lost its vector. On this repository's spec
    /// and on every fixture.
    #[test]
    fn the_rule_cases_cover_what_every_parameter_covered() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut dirs = vec![root.join("schema")];
        for f in ["small", "minimal", "full", "keywords", "hostile"] {
            dirs.push(root.join("codegen/tests/fixtures").join(f));
        }
        for dir in dirs {
            let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("spec file");
            let (spec, catalog) = (read("spec.yaml"), read("models.yaml"));
            let model = crate::check::load_in(
                &dir,
                crate::SpecSource {
                    file: "spec.yaml",
                    text: &spec,
                },
                crate::SpecSource {
                    file: "models.yaml",
                    text: &catalog,
                },
            )
            .expect("the spec loads");
            let v = Vectors::new(&model);
            let cat = &model.catalog;
            let group_of = |id: &str| {
                cat.models
                    .iter()
                    .position(|m| m.id == id)
                    .and_then(|i| v.prepare.model_group.get(i).copied())
            };
            let mut now: BTreeSet<(usize, String)> = BTreeSet::new();
            for case in v.prepare_cases() {
                if let Some(g) = group_of(case["model"].as_str().unwrap_or_default()) {
                    now.extend(fired(&case).into_iter().map(|f| (g, f)));
                }
            }
            // What the cases with every parameter made, for every model.
            let efforts: Vec<Option<String>> = cat
                .effort
                .as_ref()
                .and_then(|e| model.param(&e.parameter))
                .and_then(|p| crate::check::enum_values(&model, &p.ty))
                .map(|vals| vals.into_iter().map(Some).chain([None]).collect())
                .unwrap_or_else(|| vec![None]);
            for (i, m) in cat.models.iter().enumerate() {
                let g = v.prepare.model_group[i];
                for has_tools in [false, true] {
                    for effort in &efforts {
                        let mut input = v.everything(effort.as_deref());
                        if effort.is_none()
                            && let Some(e) = &cat.effort
                        {
                            input.remove(&e.parameter);
                        }
                        for f in fired(&v.prepare_case(&m.id, &input, has_tools, "")) {
                            assert!(
                                now.contains(&(g, f.clone())),
                                "{}: {} (tools: {has_tools}, effort {effort:?}): `{f}` has no vector now",
                                dir.display(),
                                m.id
                            );
                        }
                    }
                }
            }
        }
    }
}
