//! Shared by the test binaries: a spec loaded through the generator itself, its conformance
//! vectors and JSON Schemas rendered in memory, and proptest strategies derived from the spec
//! (valid values of every type, arbitrary JSON that hits the spec's names and words).
//!
//! Nothing here names a parameter, type or model of any spec: everything comes from the
//! [`Model`] the generator builds from the YAML.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use llm_params_codegen::SpecSource;
use llm_params_codegen::model::{Count, Model, NamedKind, Range, Ty};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A spec folder (relative to the repository root): its `spec.yaml`, `models.yaml` and the
/// optional `edge_cases.json`.
#[derive(Clone, Copy, Debug)]
pub struct SpecDir(pub &'static str);

impl SpecDir {
    fn read(self, name: &str) -> Option<String> {
        std::fs::read_to_string(root().join(self.0).join(name)).ok()
    }

    /// The checked model, as `cargo xtask gen` builds it.
    pub fn model(self) -> Model {
        let text = |name: &str| {
            self.read(name)
                .unwrap_or_else(|| panic!("{}/{name} cannot be read", self.0))
        };
        let (spec, catalog) = (text("spec.yaml"), text("models.yaml"));
        let (spec_file, catalog_file) = (
            format!("{}/spec.yaml", self.0),
            format!("{}/models.yaml", self.0),
        );
        llm_params_codegen::load_in(
            &root().join(self.0),
            SpecSource {
                file: &spec_file,
                text: &spec,
            },
            SpecSource {
                file: &catalog_file,
                text: &catalog,
            },
        )
        .unwrap_or_else(|e| panic!("{} does not load:\n{e}", self.0))
    }

    /// Every conformance vector file of the spec, as the generator writes them (derived
    /// vectors and the edge cases): (file name, document).
    pub fn vectors(self, model: &Model) -> Vec<(String, Value)> {
        let mut files: Vec<(String, Value)> = llm_params_codegen::emit::conformance::emit(model)
            .into_iter()
            .map(|f| (f.path, parse(&f.contents)))
            .collect();
        let edge = format!("{}/edge_cases.json", self.0);
        if let Some(text) = self.read("edge_cases.json") {
            let f = llm_params_codegen::emit::conformance::edge_cases(model, &text, &edge)
                .unwrap_or_else(|e| panic!("{e}"));
            files.push((f.path, parse(&f.contents)));
        }
        files
    }
}

/// A generated JSON file (the header is a `$comment` key).
fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("generated JSON")
}

/// The JSON Schemas of the options: (file name, schema).
pub fn json_schemas(model: &Model) -> Vec<(String, Value)> {
    llm_params_codegen::emit::json_schema::emit(model)
        .into_iter()
        .map(|f| (f.path, parse(&f.contents)))
        .collect()
}

/// Every `validate` case of the vector files: (file, case).
pub fn validate_cases(files: &[(String, Value)]) -> Vec<(&str, &Value)> {
    files
        .iter()
        .flat_map(|(file, doc)| {
            doc["validate"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |case| (file.as_str(), case))
        })
        .collect()
}

/// Every `prepare` case of the vector files: (file, case).
pub fn prepare_cases(files: &[(String, Value)]) -> Vec<(&str, &Value)> {
    files
        .iter()
        .flat_map(|(file, doc)| {
            doc["prepare"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |case| (file.as_str(), case))
        })
        .collect()
}

/// The values of an enum-typed parameter, in spec order (empty for any other type).
pub fn enum_values(model: &Model, param: &str) -> Vec<String> {
    model
        .param(param)
        .and_then(|p| llm_params_codegen::check::enum_values(model, &p.ty))
        .unwrap_or_default()
}

/// `/key` with the JSON Pointer escapes.
pub fn pointer_token(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

// ---------------------------------------------------------------------------------------------
// Strategies derived from the spec
// ---------------------------------------------------------------------------------------------

/// Cases per property: enough to find shallow bugs, small enough for debug builds.
pub const CASES: u32 = 192;

/// No regression files: failures print the minimal input instead.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(CASES)
    }
}

/// Every wire value of every enum of the spec.
pub fn enum_words(model: &Model) -> Vec<String> {
    let mut words: Vec<String> = model
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            NamedKind::Enum(values) => Some(values.iter().map(|v| v.value.clone())),
            _ => None,
        })
        .flatten()
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Every parameter and field name of the spec.
pub fn names(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = model.params.iter().map(|p| p.name.clone()).collect();
    for t in &model.types {
        if let NamedKind::Object(fields) = &t.kind {
            names.extend(fields.iter().map(|f| f.name.clone()));
        }
    }
    names.sort();
    names.dedup();
    names
}

fn finite_f64() -> BoxedStrategy<f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        -300.0f64..300.0,
        (-200i32..200).prop_map(f64::from),
        Just(-0.0),
        Just(1e300),
    ]
    .boxed()
}

/// Strings that hit the spec's words, keys that look like token ids or pointers, and
/// strings long enough to break any small length limit.
fn arb_string(model: &Model) -> BoxedStrategy<String> {
    let mut words = enum_words(model);
    words.extend(names(model));
    words.push(String::new());
    prop_oneof![
        any::<String>(),
        select(words),
        "[0-9]{0,5}",
        "[~/a0]{0,4}",
        (60usize..=600).prop_map(|n| "é".repeat(n)),
    ]
    .boxed()
}

fn arb_leaf(model: &Model) -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-300i64..300).prop_map(Value::from),
        finite_f64().prop_map(Value::from),
        arb_string(model).prop_map(Value::String),
    ]
    .boxed()
}

/// Arbitrary JSON, nested up to depth 6, whose keys are often the spec's names.
pub fn arb_json(model: &Model) -> BoxedStrategy<Value> {
    let names = names(model);
    let key = prop_oneof![2 => select(names), 1 => arb_string(model)].boxed();
    arb_leaf(model)
        .prop_recursive(6, 96, 8, move |inner| {
            prop_oneof![
                vec(inner.clone(), 0..8).prop_map(Value::Array),
                vec((key.clone(), inner), 0..8)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
        .boxed()
}

/// An options object: mostly parameter keys holding arbitrary, valid, or valid-but-broken
/// values, and some arbitrary keys.
pub fn arb_options(model: &Model) -> BoxedStrategy<Map<String, Value>> {
    let params: Vec<BoxedStrategy<(String, Value)>> = model
        .params
        .iter()
        .map(|p| {
            let name = p.name.clone();
            let valid = valid_value(model, &p.ty, 0);
            let value = prop_oneof![
                2 => arb_json(model),
                2 => valid.clone(),
                1 => (valid, arb_json(model), any::<prop::sample::Index>())
                    .prop_map(|(v, junk, at)| corrupt(v, junk, at)),
            ];
            (Just(name), value).boxed()
        })
        .collect();
    let param_entry =
        select((0..params.len()).collect::<Vec<_>>()).prop_flat_map(move |i| params[i].clone());
    let other = (arb_string(model), arb_json(model));
    let entry = prop_oneof![4 => param_entry, 1 => other];
    vec(entry, 0..12)
        .prop_map(|entries| entries.into_iter().collect())
        .boxed()
}

/// Replaces one node of `v` (chosen by `at`, in pre-order) with `junk`.
fn corrupt(mut v: Value, junk: Value, at: prop::sample::Index) -> Value {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(items) => items.iter().map(count).sum(),
            Value::Object(map) => map.values().map(count).sum(),
            _ => 0,
        }
    }
    fn replace(v: &mut Value, target: &mut usize, junk: &mut Option<Value>) {
        if *target == 0 {
            if let Some(j) = junk.take() {
                *v = j;
            }
            return;
        }
        *target -= 1;
        match v {
            Value::Array(items) => items.iter_mut().for_each(|x| replace(x, target, junk)),
            Value::Object(map) => map.values_mut().for_each(|x| replace(x, target, junk)),
            _ => {}
        }
    }
    let mut target = at.index(count(&v));
    replace(&mut v, &mut target, &mut Some(junk));
    v
}

/// The longest string, list or map a strategy builds beyond the minimum: limits far above it
/// are exercised at the minimum and just above, not at their maximum.
const SPAN: u64 = 24;

/// A length in `count`'s bounds: often the minimum or the maximum (when that is reachable).
fn length_in(min: Option<u64>, max: Option<u64>) -> BoxedStrategy<usize> {
    let lo = min.unwrap_or(0);
    let hi = max.unwrap_or(u64::MAX).min(lo.saturating_add(SPAN));
    let (lo, hi) = (lo as usize, hi as usize);
    let mut edges = vec![lo];
    if let Some(m) = max
        && m <= 4096
    {
        edges.push(m as usize);
    }
    prop_oneof![4 => lo..=hi, 1 => select(edges)].boxed()
}

fn int_in(r: Range) -> BoxedStrategy<Value> {
    let lo = r
        .min
        .map_or(i64::MIN, |m| m.ceil().max(i64::MIN as f64) as i64);
    let hi = r
        .max
        .map_or(i64::MAX, |m| m.floor().min(i64::MAX as f64) as i64);
    prop_oneof![
        4 => (lo..=hi).prop_map(Value::from),
        1 => select(vec![lo, hi]).prop_map(Value::from),
    ]
    .boxed()
}

fn float_in(r: Range) -> BoxedStrategy<Value> {
    let (lo, hi) = match (r.min, r.max) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) => (a, a + 1e6),
        (None, Some(b)) => (b - 1e6, b),
        (None, None) => return finite_f64().prop_map(Value::from).boxed(),
    };
    let whole = (lo.ceil(), hi.floor());
    let mut options = vec![
        (4, (lo..=hi).prop_map(Value::from).boxed()),
        (1, select(vec![lo, hi]).prop_map(Value::from).boxed()),
    ];
    // Whole numbers written as JSON integers (`1` for a float).
    if whole.0 <= whole.1 && whole.0.abs() < 9e15 && whole.1.abs() < 9e15 {
        let (a, b) = (whole.0 as i64, whole.1 as i64);
        options.push((1, (a..=b).prop_map(Value::from).boxed()));
    }
    proptest::strategy::Union::new_weighted(options).boxed()
}

/// How deep [`valid_value`] follows recursive types before it picks the smallest value.
const MAX_DEPTH: usize = 6;

/// A valid value of `ty`, within every limit the spec sets on it.
pub fn valid_value(model: &Model, ty: &Ty, depth: usize) -> BoxedStrategy<Value> {
    match ty {
        Ty::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Ty::Integer(r) => int_in(*r),
        Ty::Float(r) => float_in(*r),
        Ty::String(c) => length_in(c.min, c.max)
            .prop_flat_map(|n| vec(any::<char>(), n..=n))
            .prop_map(|chars| Value::String(chars.into_iter().collect()))
            .boxed(),
        Ty::List { item, items } => {
            let item = valid_value(model, item, depth + 1);
            let items = if depth >= MAX_DEPTH {
                length_in(items.min, items.min)
            } else {
                length_in(items.min, items.max)
            };
            items
                .prop_flat_map(move |n| vec(item.clone(), n..=n))
                .prop_map(Value::Array)
                .boxed()
        }
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            let value = valid_value(model, value, depth + 1);
            let key: BoxedStrategy<String> = match key_format {
                Some(_) => length_in(key_length.min.or(Some(1)), key_length.max)
                    .prop_flat_map(|n| vec(proptest::char::range('0', '9'), n.max(1)..=n.max(1)))
                    .prop_map(String::from_iter)
                    .boxed(),
                None => length_in(key_length.min, key_length.max)
                    .prop_flat_map(|n| vec(any::<char>(), n..=n))
                    .prop_map(String::from_iter)
                    .boxed(),
            };
            // A size range, not an exact size: with few possible keys (one-digit token ids)
            // an exact size would be rejected until proptest gives up.
            let lo = entries.min.unwrap_or(0);
            let hi = if depth >= MAX_DEPTH {
                lo
            } else {
                entries.max.unwrap_or(u64::MAX).min(lo.saturating_add(SPAN))
            };
            proptest::collection::btree_map(key, value, lo as usize..=hi as usize)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed()
        }
        Ty::Named(name) => {
            let t = model
                .named(name)
                .unwrap_or_else(|| panic!("unknown type {name}"));
            match &t.kind {
                NamedKind::Enum(values) => {
                    select(values.iter().map(|v| v.value.clone()).collect::<Vec<_>>())
                        .prop_map(Value::String)
                        .boxed()
                }
                NamedKind::Union(members) => {
                    let members: Vec<BoxedStrategy<Value>> = members
                        .iter()
                        .map(|m| valid_value(model, m, depth + 1))
                        .collect();
                    select((0..members.len()).collect::<Vec<_>>())
                        .prop_flat_map(move |i| members[i].clone())
                        .boxed()
                }
                NamedKind::Object(fields) => {
                    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
                        .iter()
                        .map(|f| {
                            let name = f.name.clone();
                            let value = valid_value(model, &f.ty, depth + 1);
                            let set = {
                                let name = name.clone();
                                value.prop_map(move |v| Some((name.clone(), v)))
                            };
                            if f.required {
                                set.boxed()
                            } else if f.nullable {
                                prop_oneof![
                                    2 => Just(None),
                                    1 => Just(Some((name, Value::Null))),
                                    3 => set,
                                ]
                                .boxed()
                            } else {
                                prop_oneof![2 => Just(None), 3 => set].boxed()
                            }
                        })
                        .collect();
                    fields
                        .prop_map(|fields| Value::Object(fields.into_iter().flatten().collect()))
                        .boxed()
                }
            }
        }
    }
}

/// Options built only from valid values: each parameter absent, `null` (not set) or valid;
/// of an exclusive pair at most one set; whatever a set parameter requires set to the value
/// it requires. Keys shuffled.
pub fn valid_options(model: &Model) -> BoxedStrategy<Map<String, Value>> {
    let per_param: Vec<BoxedStrategy<Option<(String, Value)>>> = model
        .params
        .iter()
        .map(|p| {
            let name = p.name.clone();
            let set = valid_value(model, &p.ty, 0).prop_map(move |v| Some((name.clone(), v)));
            let name = p.name.clone();
            prop_oneof![
                3 => Just(None),
                1 => Just(Some((name, Value::Null))),
                4 => set,
            ]
            .boxed()
        })
        .collect();
    let model = model.clone();
    (per_param, vec(any::<bool>(), model.params.len()))
        .prop_map(move |(entries, coin)| {
            let mut entries: Vec<(String, Value)> = entries.into_iter().flatten().collect();
            settle(&model, &mut entries, &coin);
            entries
        })
        .prop_shuffle()
        .prop_map(|entries| entries.into_iter().collect())
        .boxed()
}

/// Makes `entries` obey the rules between parameters: of two exclusive parameters one goes
/// (`coin` says which), and a parameter's requirements are set; a parameter whose
/// requirements cannot be met goes.
fn settle(model: &Model, entries: &mut Vec<(String, Value)>, coin: &[bool]) {
    let set = |entries: &[(String, Value)], key: &str| {
        entries.iter().any(|(k, v)| k == key && !v.is_null())
    };
    for _ in 0..=model.params.len() {
        let mut changed = false;
        for (i, p) in model.params.iter().enumerate() {
            if !set(entries, &p.name) {
                continue;
            }
            for other in &p.exclusive_with {
                if set(entries, other) {
                    let drop = if coin[i] {
                        other.clone()
                    } else {
                        p.name.clone()
                    };
                    entries.retain(|(k, _)| *k != drop);
                    changed = true;
                }
            }
            if !set(entries, &p.name) {
                continue;
            }
            for (needed, value) in &p.requires {
                let has = entries.iter().any(|(k, v)| k == needed && v == value);
                if !has {
                    entries.retain(|(k, _)| k != needed);
                    entries.push((needed.clone(), value.clone()));
                    changed = true;
                }
            }
        }
        if !changed {
            return;
        }
    }
    // No fixed point: keep only what needs nothing and excludes nothing.
    entries.retain(|(k, _)| {
        model
            .param(k)
            .is_some_and(|p| p.requires.is_empty() && p.exclusive_with.is_empty())
    });
}

// ---------------------------------------------------------------------------------------------
// Values at and around the limits, for the differential test
// ---------------------------------------------------------------------------------------------

/// Numbers every numeric check must agree on, whatever the limits.
fn odd_numbers() -> Vec<Value> {
    let mut v: Vec<Value> = [0.0, -0.0, 5e-324, -5e-324, 1e308, -1e308, 0.5, 1e-300]
        .into_iter()
        .map(Value::from)
        .collect();
    v.extend([
        Value::from(9_007_199_254_740_992_i64),
        Value::from(9_007_199_254_740_993_i64),
        Value::from(i64::MIN),
        Value::from(u64::MAX),
        Value::from(4_503_599_627_370_495.5_f64),
    ]);
    v
}

/// A string of `n` characters drawn from ASCII, two-byte, and astral (surrogate pairs in
/// JavaScript) characters, so that every language must count code points.
fn text_of(n: usize) -> BoxedStrategy<Value> {
    vec(
        select(vec!['a', 'é', '🙂', '\u{0}', '"', '\\', '/', '~']),
        n..=n,
    )
    .prop_map(|c| Value::String(c.into_iter().collect()))
    .boxed()
}

/// The lengths at and around a count's bounds (capped, so a huge limit stays cheap).
fn around(c: Count) -> Vec<usize> {
    let mut out = Vec::new();
    for b in [c.min, c.max].into_iter().flatten() {
        for d in [-1i64, 0, 1] {
            let n = b as i64 + d;
            if (0..=5000).contains(&n) {
                out.push(n as usize);
            }
        }
    }
    if out.is_empty() {
        out.push(0);
    }
    out
}

/// A value of `ty` at or just beyond one of its limits, or of a wrong type, or odd in some
/// other way a spec allows (extra keys, a missing required field, a misspelt enum value).
pub fn near_limit_value(model: &Model, ty: &Ty, depth: usize) -> BoxedStrategy<Value> {
    let valid = valid_value(model, ty, depth + 1);
    let odd = select(odd_numbers()).boxed();
    let wrong = prop_oneof![
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(Value::from("1")),
        Just(Value::Array(Vec::new())),
        Just(Value::Object(Map::new())),
    ]
    .boxed();
    if depth > 4 {
        return prop_oneof![valid, wrong].boxed();
    }
    let near: BoxedStrategy<Value> = match ty {
        Ty::Integer(r) | Ty::Float(r) => {
            let mut edges: Vec<Value> = Vec::new();
            for b in [r.min, r.max].into_iter().flatten() {
                edges.extend([b - 1.0, b - 0.5, b, b + 0.5, b + 1.0].map(Value::from));
                edges.extend([b.next_down(), b.next_up()].map(Value::from));
                if b.fract() == 0.0 && b.abs() < 9e15 {
                    let i = b as i64;
                    edges.extend([i - 1, i, i + 1].map(Value::from));
                }
            }
            if edges.is_empty() {
                edges.push(Value::from(0));
            }
            prop_oneof![3 => select(edges), 1 => odd].boxed()
        }
        Ty::String(c) => select(around(*c)).prop_flat_map(text_of).boxed(),
        Ty::List { item, items } => {
            let item = prop_oneof![
                3 => valid_value(model, item, depth + 1),
                1 => near_limit_value(model, item, depth + 1),
            ]
            .boxed();
            select(around(*items))
                .prop_flat_map(move |n| vec(item.clone(), n..=n))
                .prop_map(Value::Array)
                .boxed()
        }
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            let value = prop_oneof![
                3 => valid_value(model, value, depth + 1),
                1 => near_limit_value(model, value, depth + 1),
            ]
            .boxed();
            let mut keys: Vec<String> = around(*key_length)
                .into_iter()
                .map(|n| "7".repeat(n))
                .collect();
            if key_format.is_some() {
                keys.extend(["12a", "-5", "", "٣", "１２", "007"].map(str::to_owned));
            } else {
                keys.extend(["🙂", "a/b~c", "__proto__", "constructor"].map(str::to_owned));
            }
            let key = prop_oneof![
                1 => select(keys),
                1 => (0u32..100_000).prop_map(|n| n.to_string()),
            ];
            select(around(*entries))
                .prop_flat_map(move |n| {
                    proptest::collection::btree_map(key.clone(), value.clone(), 0..=n)
                })
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed()
        }
        Ty::Bool => select(vec![
            Value::Bool(false),
            Value::from(0),
            Value::from("true"),
        ])
        .boxed(),
        Ty::Named(name) => match &model.named(name).expect("named type").kind {
            NamedKind::Enum(values) => {
                let mut words: Vec<Value> = Vec::new();
                for v in values {
                    words.push(Value::from(v.value.clone()));
                    words.push(Value::from(v.value.to_uppercase()));
                    words.push(Value::from(format!("{} ", v.value)));
                }
                words.push(Value::from(""));
                select(words).boxed()
            }
            NamedKind::Union(members) => {
                let members: Vec<BoxedStrategy<Value>> = members
                    .iter()
                    .map(|m| near_limit_value(model, m, depth + 1))
                    .collect();
                select((0..members.len()).collect::<Vec<_>>())
                    .prop_flat_map(move |i| members[i].clone())
                    .boxed()
            }
            NamedKind::Object(fields) => {
                let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
                let odd_fields: Vec<BoxedStrategy<(String, Value)>> = fields
                    .iter()
                    .map(|f| {
                        (
                            Just(f.name.clone()),
                            near_limit_value(model, &f.ty, depth + 1),
                        )
                            .boxed()
                    })
                    .collect();
                let n = odd_fields.len();
                (
                    valid_value(model, ty, depth + 1),
                    select((0..n.max(1)).collect::<Vec<_>>()),
                    0u8..4,
                )
                    .prop_flat_map(move |(base, i, how)| {
                        let field = odd_fields.get(i).cloned();
                        let names = names.clone();
                        (
                            Just(base),
                            Just(how),
                            Just(names),
                            field.map_or_else(|| Just(None).boxed(), |f| f.prop_map(Some).boxed()),
                        )
                    })
                    .prop_map(|(mut base, how, names, field)| {
                        if let Value::Object(map) = &mut base {
                            match (how, field) {
                                // An extra key, misspelt from a field's name.
                                (0, _) => {
                                    let near =
                                        names.first().map_or("x".to_owned(), |n| format!("{n}_"));
                                    map.insert(near, Value::from(1));
                                }
                                // A field removed (required ones included).
                                (1, _) => {
                                    if let Some(n) = names.first() {
                                        map.remove(n);
                                    }
                                }
                                (_, Some((k, v))) => {
                                    map.insert(k, v);
                                }
                                (_, None) => {}
                            }
                        }
                        base
                    })
                    .boxed()
            }
        },
    };
    prop_oneof![4 => near, 1 => wrong, 1 => valid].boxed()
}

/// A key a user might type instead of a parameter's name: one letter dropped, doubled or
/// changed, or the case changed.
pub fn misspelt(model: &Model) -> BoxedStrategy<String> {
    let names: Vec<String> = model.params.iter().map(|p| p.name.clone()).collect();
    (select(names), any::<prop::sample::Index>(), 0u8..4)
        .prop_map(|(name, at, how)| {
            let mut chars: Vec<char> = name.chars().collect();
            let i = at.index(chars.len().max(1));
            match how {
                0 if chars.len() > 1 => {
                    chars.remove(i);
                }
                1 => chars.insert(i, chars.get(i).copied().unwrap_or('x')),
                2 => {
                    if let Some(c) = chars.get_mut(i) {
                        *c = if *c == 'e' { 'a' } else { 'e' };
                    }
                }
                _ => return name.to_uppercase(),
            }
            chars.into_iter().collect()
        })
        .boxed()
}

/// Options of one to five entries: parameters at and around their limits, misspelt keys,
/// and now and then a valid value.
pub fn near_limit_options(model: &Model) -> BoxedStrategy<Map<String, Value>> {
    let params: Vec<BoxedStrategy<(String, Value)>> = model
        .params
        .iter()
        .map(|p| (Just(p.name.clone()), near_limit_value(model, &p.ty, 0)).boxed())
        .collect();
    let param =
        select((0..params.len()).collect::<Vec<_>>()).prop_flat_map(move |i| params[i].clone());
    let misspelt = (misspelt(model), arb_json(model));
    let entry = prop_oneof![5 => param, 1 => misspelt];
    vec(entry, 1..=5)
        .prop_map(|entries| entries.into_iter().collect())
        .boxed()
}

/// Everything the differential test feeds the three engines.
pub fn differential_input(model: &Model) -> BoxedStrategy<Value> {
    prop_oneof![
        3 => near_limit_options(model).prop_map(Value::Object),
        2 => arb_options(model).prop_map(Value::Object),
        2 => valid_options(model).prop_map(Value::Object),
        1 => arb_json(model),
    ]
    .boxed()
}
