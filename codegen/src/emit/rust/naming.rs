//! Rust names for wire names: keywords escaped, never renamed.

use super::*;

/// The variant of a union (of `members`) that holds a member of this type. A member that
/// is not a named type is named by its kind (`List`, `Bool`), and gets `Value` after it
/// while a named member of the union has that name already.
pub(super) fn member_variant(members: &[Ty], ty: &Ty) -> String {
    let mut name = kind_variant(ty);
    if !matches!(ty, Ty::Named(_)) {
        while members
            .iter()
            .any(|m| matches!(m, Ty::Named(n) if *n == name))
        {
            name.push_str("Value");
        }
    }
    name
}

fn kind_variant(ty: &Ty) -> String {
    match ty {
        Ty::Bool => "Bool".to_owned(),
        Ty::Integer(_) => "Integer".to_owned(),
        Ty::Float(_) => "Float".to_owned(),
        Ty::String(_) => "String".to_owned(),
        Ty::List { .. } => "List".to_owned(),
        Ty::Map { .. } => "Map".to_owned(),
        Ty::Named(n) => n.clone(),
    }
}

/// The Rust type of a value. Std types by full path, so a spec type named like one
/// cannot shadow it.
pub fn rust_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::Bool => quote! { bool },
        Ty::Integer(_) => quote! { i64 },
        Ty::Float(_) => quote! { f64 },
        Ty::String(_) => quote! { ::std::string::String },
        Ty::List { item, .. } => {
            let item = rust_type(item);
            quote! { ::std::vec::Vec<#item> }
        }
        Ty::Map { value, .. } => {
            let value = rust_type(value);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
        Ty::Named(n) => {
            let n = ident(n);
            quote! { crate::types::#n }
        }
    }
}

/// Rust's strict and reserved keywords (2015-2024 editions).
pub(super) const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try",
    "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
pub(super) const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// A field identifier for a `snake_case` wire name: keywords become raw identifiers
/// (`r#type`), the few that cannot be raw get a trailing `_` (and a serde rename).
pub fn field_ident(wire: &str) -> Ident {
    if NOT_RAW.contains(&wire) {
        format_ident!("{wire}_")
    } else if KEYWORDS.contains(&wire) {
        Ident::new_raw(wire, Span::call_site())
    } else {
        Ident::new(wire, Span::call_site())
    }
}

/// A type or variant identifier (`PascalCase`); `Self` becomes `Self_`.
pub(super) fn variant_ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        format_ident!("{name}_")
    } else {
        Ident::new(name, Span::call_site())
    }
}

pub(super) fn ident(name: &str) -> Ident {
    variant_ident(name)
}
