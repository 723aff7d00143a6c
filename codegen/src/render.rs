//! Plain-text renderings of limits and types, shared by doc comments in every target and by
//! checker messages, so they all say the same thing.

use crate::model::{Count, KeyFormat, NamedKind, Range, Ty};

/// A number as the spec wrote it: `2`, not `2.0`.
pub fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A number as JSON, whole numbers as integers (`2`, not `2.0`), as the spec wrote them.
pub fn json_number(x: f64) -> serde_json::Value {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        serde_json::Value::from(x as i64)
    } else {
        serde_json::Value::from(x)
    }
}

/// `0 to 2`, `at least 1`, `at most 20`, or `any`.
pub fn range(r: &Range) -> String {
    match (r.min, r.max) {
        (Some(lo), Some(hi)) => format!("{} to {}", num(lo), num(hi)),
        (Some(lo), None) => format!("at least {}", num(lo)),
        (None, Some(hi)) => format!("at most {}", num(hi)),
        (None, None) => "any".to_owned(),
    }
}

/// Like [`range`], for counts.
pub fn count(c: &Count) -> String {
    range(&Range {
        min: c.min.map(|n| n as f64),
        max: c.max.map(|n| n as f64),
    })
}

/// A short name of the type for messages: `a float`, `a list`, `ToolChoice`.
pub fn ty_name(ty: &Ty) -> String {
    match ty {
        Ty::Bool => "a boolean".to_owned(),
        Ty::Integer(_) => "an integer".to_owned(),
        Ty::Float(_) => "a number".to_owned(),
        Ty::String(_) => "a string".to_owned(),
        Ty::List { .. } => "a list".to_owned(),
        Ty::Map { .. } => "an object".to_owned(),
        Ty::Named(n) => format!("a `{n}`"),
    }
}

/// Every limit of a type, as sentence fragments: `range 0 to 2`, `at most 4 items`,
/// `keys at most 64 characters`. Empty when it has none.
pub fn limits(ty: &Ty) -> Vec<String> {
    let mut out = Vec::new();
    match ty {
        Ty::Integer(r) | Ty::Float(r) if r.min.is_some() || r.max.is_some() => {
            out.push(range(r));
        }
        Ty::String(c) if !c.is_unbounded() => out.push(format!("{} characters", count(c))),
        Ty::List { item, items } => {
            if !items.is_unbounded() {
                out.push(format!("{} items", count(items)));
            }
            out.extend(limits(item).into_iter().map(|l| format!("each item {l}")));
        }
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            if !entries.is_unbounded() {
                out.push(format!("{} entries", count(entries)));
            }
            if !key_length.is_unbounded() {
                out.push(format!("keys {} characters", count(key_length)));
            }
            if let Some(KeyFormat::TokenId) = key_format {
                out.push("keys are token ids (digits)".to_owned());
            }
            out.extend(limits(value).into_iter().map(|l| format!("values {l}")));
        }
        _ => {}
    }
    out
}

/// Whether a named type is an enum (for renderers that show enums inline).
pub fn is_enum(kind: &NamedKind) -> bool {
    matches!(kind, NamedKind::Enum(_))
}
