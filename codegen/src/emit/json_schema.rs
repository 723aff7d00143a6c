//! The JSON Schema of the options (draft 2020-12), and a draft-07 rendering of the same
//! schema for validators that stop there (Python's fastjsonschema).
//!
//! It says what the validators say, as far as JSON Schema can: `null` counts as not set
//! (so every optional value also takes `null`, and the exclusive pair and the dependency
//! only fire on non-null values), unknown keys are rejected, integers are numbers without
//! a fraction. What it cannot say is the `deprecated` warning as a verdict: it carries
//! `deprecated: true`, which validators report as an annotation, not an error.

use serde_json::{Map, Value, json};

use crate::OutputFile;
use crate::emit::{doc, json_file};
use crate::model::{KeyFormat, Model, NamedKind, Ty};

pub const DIR: &str = "generated/json-schema";
pub const FILE: &str = "model-options.schema.json";
pub const DRAFT_07: &str = "model-options.draft-07.schema.json";

pub fn emit(model: &Model) -> Vec<OutputFile> {
    let schema = schema(model);
    let draft07 = to_draft_07(&schema);
    vec![
        OutputFile {
            path: format!("{DIR}/{FILE}"),
            contents: json_file(schema, "schema/spec.yaml"),
        },
        OutputFile {
            path: format!("{DIR}/{DRAFT_07}"),
            contents: json_file(draft07, "schema/spec.yaml"),
        },
    ]
}

/// The draft 2020-12 schema.
pub fn schema(model: &Model) -> Value {
    let mut properties = Map::new();
    for p in &model.params {
        let mut s = nullable(ty_schema(&p.ty));
        let o = s.as_object_mut().expect("schemas are objects");
        let mut description = p.summary.clone();
        if !p.description.is_empty() {
            description.push_str("\n\n");
            description.push_str(&p.description);
        }
        o.insert("description".to_owned(), json!(description));
        if let Some(d) = &p.default {
            o.insert("default".to_owned(), d.clone());
        }
        if let Some(d) = &p.deprecated {
            o.insert("deprecated".to_owned(), json!(true));
            o.insert(
                "$comment".to_owned(),
                json!(format!("Deprecated: {}", doc::deprecation_note(d))),
            );
        }
        properties.insert(p.name.clone(), s);
    }
    let not_null = json!({ "not": { "type": "null" } });
    let mut all_of = Vec::new();
    for (i, p) in model.params.iter().enumerate() {
        for other in &p.exclusive_with {
            let j = model
                .params
                .iter()
                .position(|q| q.name == *other)
                .unwrap_or(0);
            if j > i {
                all_of.push(json!({
                    "$comment": format!("`{}` and `{other}` cannot both be set", p.name),
                    "not": {
                        "required": [p.name, other],
                        "properties": { p.name.clone(): not_null.clone(), other.clone(): not_null.clone() }
                    }
                }));
            }
        }
        if !p.requires.is_empty() {
            let required: Vec<&str> = p.requires.iter().map(|(k, _)| k.as_str()).collect();
            let consts: Map<String, Value> = p
                .requires
                .iter()
                .map(|(k, v)| (k.clone(), json!({ "const": v })))
                .collect();
            all_of.push(json!({
                "$comment": format!("`{}` requires {}", p.name, p.requires.iter().map(|(k, v)| format!("`{k}: {v}`")).collect::<Vec<_>>().join(", ")),
                "if": { "required": [p.name], "properties": { p.name.clone(): not_null.clone() } },
                "then": { "required": required, "properties": consts }
            }));
        }
    }
    let defs: Map<String, Value> = model
        .types
        .iter()
        .map(|t| {
            let mut s = match &t.kind {
                NamedKind::Enum(values) => {
                    json!({ "type": "string", "enum": values.iter().map(|v| v.value.clone()).collect::<Vec<_>>() })
                }
                NamedKind::Object(fields) => {
                    let props: Map<String, Value> = fields
                        .iter()
                        .map(|f| {
                            let mut s = ty_schema(&f.ty);
                            if !f.required {
                                s = nullable(s);
                            }
                            if !f.description.is_empty() {
                                s["description"] = json!(f.description);
                            }
                            (f.name.clone(), s)
                        })
                        .collect();
                    let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name.as_str()).collect();
                    json!({ "type": "object", "properties": props, "required": required, "additionalProperties": false })
                }
                NamedKind::Union(members) => json!({ "anyOf": members.iter().map(ty_schema).collect::<Vec<_>>() }),
            };
            if !t.description.is_empty() {
                s["description"] = json!(t.description);
            }
            (t.name.clone(), s)
        })
        .collect();
    let mut root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("https://unpkg.com/{}@{}/json-schema/{FILE}", model.packages.npm, model.version),
        "title": model.options_name,
        "description": format!("Model parameters of a chat completion request ({} {}). `null` counts as not set.", model.packages.npm, model.version),
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !all_of.is_empty() {
        root["allOf"] = Value::Array(all_of);
    }
    root["$defs"] = Value::Object(defs);
    root
}

/// A schema that also takes `null` (not set).
fn nullable(mut s: Value) -> Value {
    let Some(o) = s.as_object_mut() else { return s };
    if let Some(Value::String(t)) = o.get("type").cloned()
        && !o.contains_key("enum")
    {
        o.insert("type".to_owned(), json!([t, "null"]));
        return s;
    }
    json!({ "anyOf": [s, { "type": "null" }] })
}

fn ty_schema(ty: &Ty) -> Value {
    let mut s = Map::new();
    let count =
        |s: &mut Map<String, Value>, min: Option<u64>, max: Option<u64>, lo: &str, hi: &str| {
            if let Some(m) = min {
                s.insert(lo.to_owned(), json!(m));
            }
            if let Some(m) = max {
                s.insert(hi.to_owned(), json!(m));
            }
        };
    match ty {
        Ty::Bool => {
            s.insert("type".to_owned(), json!("boolean"));
        }
        Ty::Integer(r) | Ty::Float(r) => {
            let t = if matches!(ty, Ty::Integer(_)) {
                "integer"
            } else {
                "number"
            };
            s.insert("type".to_owned(), json!(t));
            if let Some(m) = r.min {
                s.insert("minimum".to_owned(), crate::render::json_number(m));
            }
            if let Some(m) = r.max {
                s.insert("maximum".to_owned(), crate::render::json_number(m));
            }
        }
        Ty::String(c) => {
            s.insert("type".to_owned(), json!("string"));
            count(&mut s, c.min, c.max, "minLength", "maxLength");
        }
        Ty::List { item, items } => {
            s.insert("type".to_owned(), json!("array"));
            s.insert("items".to_owned(), ty_schema(item));
            count(&mut s, items.min, items.max, "minItems", "maxItems");
        }
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            s.insert("type".to_owned(), json!("object"));
            s.insert("additionalProperties".to_owned(), ty_schema(value));
            count(
                &mut s,
                entries.min,
                entries.max,
                "minProperties",
                "maxProperties",
            );
            let mut names = Map::new();
            count(
                &mut names,
                key_length.min,
                key_length.max,
                "minLength",
                "maxLength",
            );
            if let Some(KeyFormat::TokenId) = key_format {
                names.insert("pattern".to_owned(), json!("^[0-9]+$"));
            }
            if !names.is_empty() {
                s.insert("propertyNames".to_owned(), Value::Object(names));
            }
        }
        Ty::Named(n) => {
            s.insert("$ref".to_owned(), json!(format!("#/$defs/{n}")));
        }
    }
    Value::Object(s)
}

/// The same schema in draft-07 words: `definitions` for `$defs`, no `$id` path change.
pub fn to_draft_07(schema: &Value) -> Value {
    fn walk(v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| {
                        let k = if k == "$defs" {
                            "definitions".to_owned()
                        } else {
                            k.clone()
                        };
                        let v = match (k.as_str(), v) {
                            ("$ref", Value::String(r)) => {
                                json!(r.replace("#/$defs/", "#/definitions/"))
                            }
                            ("$schema", _) => json!("http://json-schema.org/draft-07/schema#"),
                            ("$id", Value::String(id)) => json!(id.replace(FILE, DRAFT_07)),
                            _ => walk(v),
                        };
                        (k, v)
                    })
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(walk).collect()),
            other => other.clone(),
        }
    }
    walk(schema)
}
