//! Name rules shared by the checker and the emitters.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `snake_case`: lowercase ASCII letters, digits and single underscores, starting with a letter.
pub fn is_snake_case(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.contains("__")
        && !name.ends_with('_')
        && name.to_snake_case() == name
}

/// Why a wire name (a parameter or a field) cannot be one, or `None`: the keys that every
/// JavaScript object already has as snake_case would make every options literal
/// unassignable to the generated TypeScript type (`constructor`), and Rust's identifiers
/// that cannot be raw (`self`, `super`, `crate`, `Self`) could name no field.
pub fn reserved_wire_name(name: &str) -> Option<&'static str> {
    match name {
        "constructor" => Some(
            "is a member of every JavaScript object (`Object.prototype.constructor`): every options literal would fail to type-check in TypeScript",
        ),
        _ => None,
    }
}

/// `PascalCase`: starts with an ASCII capital, then ASCII letters and digits.
pub fn is_pascal_case(name: &str) -> bool {
    matches!(name.chars().next(), Some('A'..='Z'))
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.to_upper_camel_case() == name
}

/// `PascalCase` identifier for an enum value such as `24h` or `in_memory`: heck's upper
/// camel case, with a `V` in front when it would start with a digit. `None` when nothing
/// identifier-like is left (the checker reports it).
pub fn variant_name(value: &str) -> Option<String> {
    // Non-ASCII characters are spelled by their code point (`ü` -> `Ufc`), so that every
    // target gets a plain ASCII identifier and distinct values stay distinct.
    let ascii: String = value
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("_u{:x}_", u32::from(c))
            }
        })
        .collect();
    let camel = ascii.to_upper_camel_case();
    if camel.is_empty() || !camel.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        Some(format!("V{camel}"))
    } else {
        Some(camel)
    }
}

/// The closest candidate to `name` by Jaro-Winkler similarity, when it is close enough to
/// be a plausible typo.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// ", did you mean `x`?" or nothing.
pub fn suggestion<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(name, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case() {
        for ok in ["temperature", "top_p", "max_tokens2", "a1_b"] {
            assert!(is_snake_case(ok), "{ok}");
        }
        for bad in [
            "Temperature",
            "topP",
            "top-p",
            "_x",
            "x_",
            "a__b",
            "1a",
            "",
            "tóp",
        ] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }

    #[test]
    fn pascal_case() {
        assert!(is_pascal_case("ToolChoice"));
        assert!(!is_pascal_case("toolChoice"));
        assert!(!is_pascal_case("Tool_Choice"));
        assert!(!is_pascal_case("TOOLChoice"));
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("24h").as_deref(), Some("V24h"));
        assert_eq!(variant_name("in_memory").as_deref(), Some("InMemory"));
        assert_eq!(variant_name("xhigh").as_deref(), Some("Xhigh"));
        assert_eq!(variant_name("!!"), None);
        assert_eq!(variant_name("ünï").as_deref(), Some("UfcNUef"));
        assert_ne!(variant_name("é"), variant_name("è"));
    }

    #[test]
    fn suggestions() {
        let known = ["max_tokens", "max_completion_tokens", "temperature"];
        assert_eq!(did_you_mean("max_token", known), Some("max_tokens"));
        assert_eq!(did_you_mean("temprature", known), Some("temperature"));
        assert_eq!(did_you_mean("zzz", known), None);
    }
}
