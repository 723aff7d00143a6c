//! The first pass: the document against the spec format's own JSON Schema (every unknown
//! key and wrong type at once, located), then decoding into the spec types.

use super::*;

/// Checks the document's shape against `T`'s JSON Schema, then decodes it.
pub(super) fn decode<T: serde::de::DeserializeOwned + schemars::JsonSchema>(
    file: &str,
    doc: &Located,
    errors: &mut Vec<SpecError>,
) -> Option<T> {
    let schema = schemars::schema_for!(T).to_value();
    let known_keys = property_names(&schema);
    let validator = match jsonschema::validator_for(&schema) {
        Ok(v) => v,
        Err(e) => {
            errors.push(SpecError::new(
                file,
                doc.pos(""),
                "internal",
                format!("the spec format's schema does not compile: {e}"),
            ));
            return None;
        }
    };
    let before = errors.len();
    scan(file, doc, "", &doc.value, errors);
    if errors.len() > before {
        return None;
    }
    for error in validator.iter_errors(&doc.value) {
        shape_errors(file, doc, &error, &schema, &known_keys, errors);
    }
    if errors.len() > before {
        return None;
    }
    match serde_json::from_value(doc.value.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(SpecError::new(
                file,
                doc.pos(""),
                "wrong_type",
                e.to_string(),
            ));
            None
        }
    }
}

/// Every property name the schema knows, to suggest a fix for an unknown key.
pub(super) fn property_names(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    pub(super) fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(schema, &mut out);
    out
}

/// The keys the object schema at `keyword_location` (the location of its
/// `additionalProperties`, `$ref`s followed) takes, in the schema's order.
fn allowed_here(schema: &Value, keyword_location: &str) -> Option<Vec<String>> {
    let segments: Vec<String> = keyword_location
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let (last, path) = segments.split_last()?;
    if last != "additionalProperties" {
        return None;
    }
    let mut node = schema;
    for seg in path {
        if seg == "$ref" {
            let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            node = schema.pointer(target)?;
            continue;
        }
        node = match node {
            Value::Object(map) => map.get(seg)?,
            Value::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    let props = node.get("properties")?.as_object()?;
    Some(props.keys().cloned().collect())
}

/// "; did you mean `x`?" for a close key, else the keys the place takes (a few).
fn suggestion_or_list(key: &str, allowed: &[String], listed: &[String]) -> String {
    let close = suggestion(key, allowed.iter().map(String::as_str));
    if !close.is_empty() || listed.is_empty() {
        return close;
    }
    if listed.len() <= 8 {
        format!("; this place takes {}", listed.join(", "))
    } else {
        format!("; this place takes {}, ...", listed[..8].join(", "))
    }
}

/// Turns one JSON Schema error into located spec errors. For `anyOf` (a type expression
/// can take several forms) it reports the errors of the alternative that came closest.
pub(super) fn shape_errors(
    file: &str,
    doc: &Located,
    error: &jsonschema::ValidationError<'_>,
    schema: &Value,
    known_keys: &BTreeSet<String>,
    out: &mut Vec<SpecError>,
) {
    use jsonschema::error::ValidationErrorKind as K;
    let pointer = error.instance_path().as_str().to_owned();
    match error.kind() {
        K::AdditionalProperties { unexpected } => {
            // The keys this place takes, read from the schema where the error was found;
            // every key of the format when that cannot be read.
            let here = allowed_here(schema, error.schema_path().as_str());
            for key in unexpected {
                let at = push_token(&pointer, key);
                let message = match &here {
                    Some(allowed) if known_keys.contains(key.as_str()) => {
                        let listed: Vec<String> =
                            allowed.iter().map(|k| format!("`{k}`")).collect();
                        format!(
                            "key `{key}` is not allowed here{}",
                            suggestion_or_list(key, allowed, &listed)
                        )
                    }
                    Some(allowed) => format!(
                        "unknown key `{key}`{}",
                        suggestion(key, allowed.iter().map(String::as_str))
                    ),
                    // A key of the format, in a place that does not take it: suggesting
                    // the key itself (the other names are of other places) helps no one.
                    None if known_keys.contains(key.as_str()) => {
                        format!("key `{key}` is not allowed here")
                    }
                    None => format!(
                        "unknown key `{key}`{}",
                        suggestion(key, known_keys.iter().map(String::as_str))
                    ),
                };
                out.push(SpecError::new(
                    file,
                    doc.key_pos(&at),
                    "unknown_key",
                    message,
                ));
            }
        }
        K::AnyOf { context } | K::OneOfNotValid { context } => {
            let best = context.iter().min_by_key(|branch| {
                let type_mismatch = branch.iter().any(|e| {
                    matches!(e.kind(), K::Type { .. }) && e.instance_path().as_str() == pointer
                });
                let depth = branch
                    .iter()
                    .map(|e| e.instance_path().as_str().len())
                    .max()
                    .unwrap_or(0);
                (type_mismatch, usize::MAX - depth, branch.len())
            });
            match best {
                Some(branch) if !branch.is_empty() => {
                    for e in branch {
                        shape_errors(file, doc, e, schema, known_keys, out);
                    }
                }
                _ => out.push(SpecError::new(
                    file,
                    doc.pos(&pointer),
                    "wrong_type",
                    "this value fits none of the allowed forms".to_owned(),
                )),
            }
        }
        K::Required { property } => out.push(SpecError::new(
            file,
            doc.pos(&pointer),
            "missing_key",
            format!("missing required key {property}"),
        )),
        _ => out.push(SpecError::new(
            file,
            doc.pos(&pointer),
            "wrong_type",
            format!("{} (at `{}`)", error, display_pointer(&pointer)),
        )),
    }
}

/// The largest integer every language holds exactly (JavaScript numbers are f64).
const EXACT_INTEGER: u64 = (1 << 53) - 1;

/// What is refused in a text of the spec, by character class: a text is written into
/// source code, doc comments, markdown and JSON of three languages, and these would end a
/// comment or a line there, hide or reorder what a reader sees, or be lost. Everything else
/// is escaped by each target (`emit/doc.rs`, each emitter's literal writer).
pub fn refused_character(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' => None,
        '\r' => Some("a carriage return (write line breaks as line breaks)"),
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some("a control character"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some("a bidirectional formatting character (it reorders what a reader sees)")
        }
        '\u{2028}' | '\u{2029}' => Some("a line or paragraph separator"),
        _ => None,
    }
}

/// Refuses, located, every text holding a [`refused_character`] (keys and values) and
/// every integer past ±(2^53 - 1), which not every language holds exactly.
fn scan(file: &str, doc: &Located, pointer: &str, v: &Value, out: &mut Vec<SpecError>) {
    let text = |s: &str, at: &str, out: &mut Vec<SpecError>| {
        if let Some((c, why)) = s.chars().find_map(|c| refused_character(c).map(|w| (c, w))) {
            out.push(SpecError::new(
                file,
                doc.pos(at),
                "bad_character",
                format!(
                    "this text holds U+{:04X}, {why}; control characters, bidirectional controls and line separators are refused in every text of the spec",
                    c as u32
                ),
            ));
        }
    };
    match v {
        Value::String(s) => text(s, pointer, out),
        Value::Number(n) => {
            let beyond = match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => i.unsigned_abs() > EXACT_INTEGER,
                (None, Some(_)) => true,
                _ => false,
            };
            if beyond {
                out.push(SpecError::new(
                    file,
                    doc.pos(pointer),
                    "bad_number",
                    format!(
                        "{n} is past 2^53 - 1 ({EXACT_INTEGER}): not every language holds it exactly (JavaScript numbers are doubles)"
                    ),
                ));
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                scan(file, doc, &format!("{pointer}/{i}"), x, out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let at = push_token(pointer, k);
                text(k, &at, out);
                scan(file, doc, &at, x, out);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}
