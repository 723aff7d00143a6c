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
    for error in validator.iter_errors(&doc.value) {
        shape_errors(file, doc, &error, &known_keys, errors);
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

/// Turns one JSON Schema error into located spec errors. For `anyOf` (a type expression
/// can take several forms) it reports the errors of the alternative that came closest.
pub(super) fn shape_errors(
    file: &str,
    doc: &Located,
    error: &jsonschema::ValidationError<'_>,
    known_keys: &BTreeSet<String>,
    out: &mut Vec<SpecError>,
) {
    use jsonschema::error::ValidationErrorKind as K;
    let pointer = error.instance_path().as_str().to_owned();
    match error.kind() {
        K::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let at = push_token(&pointer, key);
                out.push(SpecError::new(
                    file,
                    doc.key_pos(&at),
                    "unknown_key",
                    format!(
                        "unknown key `{key}`{}",
                        suggestion(key, known_keys.iter().map(String::as_str))
                    ),
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
                        shape_errors(file, doc, e, known_keys, out);
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
