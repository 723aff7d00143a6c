//! Typed validation, generated per field: only the limits the Rust types cannot express.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{field_ident, ident, member_variant, opt_f64, opt_u64, variant_ident};
use crate::model::{Model, NamedKind, NamedType, Param, Ty};
use crate::plan;

pub fn named_has_checks(name: &str, model: &Model) -> bool {
    match model.named(name).map(|t| &t.kind) {
        Some(NamedKind::Object(fields)) => fields.iter().any(|f| has_checks(&f.ty, model)),
        Some(NamedKind::Union(members)) => members.iter().any(|m| has_checks(m, model)),
        _ => false,
    }
}

fn has_checks(ty: &Ty, model: &Model) -> bool {
    match ty {
        Ty::Bool => false,
        Ty::Integer(r) | Ty::Float(r) => r.min.is_some() || r.max.is_some(),
        Ty::String(c) => !c.is_unbounded(),
        Ty::List { item, items } => !items.is_unbounded() || has_checks(item, model),
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            !entries.is_unbounded()
                || !key_length.is_unbounded()
                || key_format.is_some()
                || has_checks(value, model)
        }
        Ty::Named(n) => named_has_checks(n, model),
    }
}

fn check_fn(name: &str) -> proc_macro2::Ident {
    format_ident!("check_{}", heck::ToSnakeCase::to_snake_case(name))
}

/// Checks of `v` (a reference to a value of `ty`) at `path`.
fn checks(ty: &Ty, v: &TokenStream, model: &Model) -> TokenStream {
    if !has_checks(ty, model) {
        return quote! {};
    }
    match ty {
        Ty::Bool => quote! {},
        Ty::Integer(r) => {
            let (min, max) = (opt_f64(r.min), opt_f64(r.max));
            let outside = super::rules::outside_rs(r);
            quote! { crate::engine::check_range(*#v as f64, #min, #max, #outside, &path, sink); }
        }
        Ty::Float(r) => {
            let (min, max) = (opt_f64(r.min), opt_f64(r.max));
            let outside = super::rules::outside_rs(r);
            quote! { crate::engine::check_range(*#v, #min, #max, #outside, &path, sink); }
        }
        Ty::String(c) => {
            let (min, max) = (opt_u64(c.min), opt_u64(c.max));
            let texts = super::rules::sizes_rs(plan::Counted::Characters, c);
            quote! { crate::engine::check_str(#v, #min, #max, #texts, &path, sink); }
        }
        Ty::List { item, items } => {
            let count = (!items.is_unbounded()).then(|| {
                let (min, max) = (opt_u64(items.min), opt_u64(items.max));
                let texts = super::rules::sizes_rs(plan::Counted::Items, items);
                quote! { crate::engine::check_count(#v.len(), #min, #max, #texts, crate::Code::TooManyItems, &path, sink); }
            });
            let inner = checks(item, &quote! { x }, model);
            let each = (!inner.is_empty()).then(|| {
                quote! {
                    for (i, x) in #v.iter().enumerate() {
                        let path = crate::engine::Path::Index(&path, i);
                        #inner
                    }
                }
            });
            quote! { #count #each }
        }
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            let count = (!entries.is_unbounded()).then(|| {
                let (min, max) = (opt_u64(entries.min), opt_u64(entries.max));
                let texts = super::rules::sizes_rs(plan::Counted::Entries, entries);
                quote! { crate::engine::check_count(#v.len(), #min, #max, #texts, crate::Code::TooManyItems, &path, sink); }
            });
            let key = (!key_length.is_unbounded() || key_format.is_some()).then(|| {
                let (min, max) = (opt_u64(key_length.min), opt_u64(key_length.max));
                let token = key_format.is_some();
                let texts = super::rules::sizes_rs(plan::Counted::KeyCharacters, key_length);
                quote! { crate::engine::check_key(k, #min, #max, #token, #texts, &path, sink); }
            });
            let inner = checks(value, &quote! { x }, model);
            // The value is named only when something checks it (a key alone is checked
            // for maps of plain integers).
            let x = if inner.is_empty() {
                quote! { _ }
            } else {
                quote! { x }
            };
            let each = (key.is_some() || !inner.is_empty()).then(|| {
                quote! {
                    for (k, #x) in #v.iter() {
                        let path = crate::engine::Path::Key(&path, k);
                        #key
                        #inner
                    }
                }
            });
            quote! { #count #each }
        }
        Ty::Named(n) => {
            let f = check_fn(n);
            quote! { #f(#v, &path, sink); }
        }
    }
}

/// `fn check_<type>(v, path, sink)` for a named type with limits inside.
pub fn type_check_fn(t: &NamedType, model: &Model) -> TokenStream {
    let f = check_fn(&t.name);
    let name = ident(&t.name);
    let body = match &t.kind {
        NamedKind::Object(fields) => {
            let each = fields.iter().filter(|f| has_checks(&f.ty, model)).map(|f| {
                let field = field_ident(&f.name);
                let wire = &f.name;
                let inner = checks(&f.ty, &quote! { x }, model);
                if f.required {
                    quote! { { let x = &v.#field; let path = crate::engine::Path::Key(path, #wire); #inner } }
                } else {
                    quote! { if let ::core::option::Option::Some(x) = &v.#field { let path = crate::engine::Path::Key(path, #wire); #inner } }
                }
            });
            quote! { #(#each)* }
        }
        NamedKind::Union(members) => {
            let arms = members.iter().map(|m| {
                let variant = variant_ident(&member_variant(members, m));
                let inner = checks(m, &quote! { x }, model);
                quote! { crate::types::#name::#variant(x) => { let path = *path; #inner } }
            });
            quote! {
                #[allow(unused_variables)]
                match v { #(#arms)* }
            }
        }
        NamedKind::Enum(_) => quote! {},
    };
    quote! {
        #[allow(clippy::needless_borrow)]
        fn #f(v: &crate::types::#name, path: &crate::engine::Path<'_>, sink: &mut crate::engine::Sink<'_>) {
            #body
        }
    }
}

/// The condition under which `other` does not have the `value` a dependency needs.
fn unmet(other: &str, value: &serde_json::Value, model: &Model) -> TokenStream {
    let of = field_ident(other);
    let Some(target) = model.param(other) else {
        return quote! { true };
    };
    match (&target.ty, value) {
        (Ty::Bool, serde_json::Value::Bool(b)) => {
            quote! { self.#of != ::core::option::Option::Some(#b) }
        }
        (Ty::Integer(_), serde_json::Value::Number(n)) => {
            let n = proc_macro2::Literal::i64_suffixed(n.as_f64().unwrap_or(0.0) as i64);
            quote! { self.#of != ::core::option::Option::Some(#n) }
        }
        (Ty::Float(_), serde_json::Value::Number(n)) => {
            let n = proc_macro2::Literal::f64_suffixed(n.as_f64().unwrap_or(0.0));
            quote! { self.#of != ::core::option::Option::Some(#n) }
        }
        (Ty::String(_), serde_json::Value::String(s)) => {
            quote! { self.#of.as_deref() != ::core::option::Option::Some(#s) }
        }
        (Ty::Named(_), serde_json::Value::String(s)) => {
            quote! { self.#of.map(|x| x.as_str()) != ::core::option::Option::Some(#s) }
        }
        _ => quote! { true },
    }
}

fn ok_fn(name: &str) -> proc_macro2::Ident {
    format_ident!("ok_{}", heck::ToSnakeCase::to_snake_case(name))
}

/// Whether `v` (a reference to a value of `ty`) passes every check: the yes-or-no form
/// of [`checks`], which builds no path and no message. `None` when there is nothing to
/// check.
fn ok(ty: &Ty, v: &TokenStream, model: &Model) -> Option<TokenStream> {
    if !has_checks(ty, model) {
        return None;
    }
    match ty {
        Ty::Bool => None,
        Ty::Integer(r) => {
            let (min, max) = (opt_f64(r.min), opt_f64(r.max));
            Some(quote! { crate::engine::in_range(*#v as f64, #min, #max) })
        }
        Ty::Float(r) => {
            let (min, max) = (opt_f64(r.min), opt_f64(r.max));
            Some(quote! { crate::engine::in_range(*#v, #min, #max) })
        }
        Ty::String(c) => {
            let (min, max) = (opt_u64(c.min), opt_u64(c.max));
            Some(quote! { crate::engine::len_ok(#v, #min, #max) })
        }
        Ty::List { item, items } => {
            let mut parts = Vec::new();
            if !items.is_unbounded() {
                let (min, max) = (opt_u64(items.min), opt_u64(items.max));
                parts.push(quote! { crate::engine::count_ok(#v.len(), #min, #max) });
            }
            if let Some(inner) = ok(item, &quote! { x }, model) {
                parts.push(every(quote! { x }, v, &[inner]));
            }
            Some(all(&parts))
        }
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            let mut parts = Vec::new();
            if !entries.is_unbounded() {
                let (min, max) = (opt_u64(entries.min), opt_u64(entries.max));
                parts.push(quote! { crate::engine::count_ok(#v.len(), #min, #max) });
            }
            let key = (!key_length.is_unbounded() || key_format.is_some()).then(|| {
                let (min, max) = (opt_u64(key_length.min), opt_u64(key_length.max));
                let token = key_format.is_some();
                quote! { crate::engine::key_ok(k, #min, #max, #token) }
            });
            let value = ok(value, &quote! { x }, model);
            // Name only what is read: no unused bindings in the generated code.
            let pattern = match (key.is_some(), value.is_some()) {
                (true, true) => quote! { (k, x) },
                (true, false) => quote! { (k, _) },
                _ => quote! { (_, x) },
            };
            let each: Vec<TokenStream> = key.into_iter().chain(value).collect();
            if !each.is_empty() {
                parts.push(every(pattern, v, &each));
            }
            Some(all(&parts))
        }
        Ty::Named(n) => {
            let f = ok_fn(n);
            Some(quote! { #f(#v) })
        }
    }
}

/// Whether every item of `v` passes: a loop rather than `Iterator::all`, whose
/// `try_fold` over a `BTreeMap` does not inline (half the time of the rich input).
fn every(pattern: TokenStream, v: &TokenStream, each: &[TokenStream]) -> TokenStream {
    let each = all(each);
    quote! {
        {
            let mut every = true;
            for #pattern in #v.iter() {
                if !#each {
                    every = false;
                    break;
                }
            }
            every
        }
    }
}

/// `a && b`, parenthesized when there is more than one part (it is negated).
fn all(parts: &[TokenStream]) -> TokenStream {
    match parts {
        [one] => one.clone(),
        _ => quote! { (#(#parts)&&*) },
    }
}

/// `fn ok_<type>(v) -> bool` for a named type with limits inside.
pub fn type_ok_fn(t: &NamedType, model: &Model) -> TokenStream {
    let f = ok_fn(&t.name);
    let name = ident(&t.name);
    let body = match &t.kind {
        NamedKind::Object(fields) => {
            let each = fields.iter().filter_map(|f| {
                let field = field_ident(&f.name);
                let inner = ok(&f.ty, &quote! { x }, model)?;
                Some(if f.required {
                    quote! { { let x = &v.#field; if !#inner { return false; } } }
                } else {
                    quote! { if let ::core::option::Option::Some(x) = &v.#field { if !#inner { return false; } } }
                })
            });
            quote! { #(#each)* true }
        }
        NamedKind::Union(members) => {
            let arms = members.iter().map(|m| {
                let variant = variant_ident(&member_variant(members, m));
                let inner = ok(m, &quote! { x }, model).unwrap_or_else(|| quote! { true });
                quote! { crate::types::#name::#variant(x) => #inner, }
            });
            quote! {
                #[allow(unused_variables)]
                match v { #(#arms)* }
            }
        }
        NamedKind::Enum(_) => quote! { true },
    };
    quote! {
        #[allow(clippy::needless_borrow, unused_parens)]
        #[inline]
        fn #f(v: &crate::types::#name) -> bool {
            #body
        }
    }
}

/// Whether a parameter's own checks walk something (a list, a map, a named type):
/// those run after the scalar ones, and only when such a parameter is set.
pub fn is_deep(p: &Param, model: &Model) -> bool {
    matches!(p.ty, Ty::List { .. } | Ty::Map { .. } | Ty::Named(_)) && has_checks(&p.ty, model)
}

/// The yes-or-no checks of one parameter, as (checks without loops, checks of its
/// value that walk it): whether it leaves nothing to report.
pub fn param_ok(p: &Param, model: &Model) -> (TokenStream, TokenStream) {
    let field = field_ident(&p.name);
    if p.deprecated.is_some() {
        return (
            quote! { if self.#field.is_some() { return false; } },
            quote! {},
        );
    }
    let constraint = plan::constraint(model, p);
    let mut rest: Vec<TokenStream> = constraint
        .iter()
        .flat_map(|c| &c.exclusive)
        .map(|e| {
            let of = field_ident(&e.other);
            quote! { self.#of.is_some() }
        })
        .collect();
    rest.extend(
        constraint
            .iter()
            .flat_map(|c| &c.requires)
            .map(|r| unmet(&r.other, &r.value, model)),
    );
    let cross = (!rest.is_empty())
        .then(|| quote! { if self.#field.is_some() && (#(#rest)||*) { return false; } });
    let own = ok(&p.ty, &quote! { v }, model).map(|inner| {
        quote! {
            if let ::core::option::Option::Some(v) = &self.#field { if !#inner { return false; } }
        }
    });
    if is_deep(p, model) {
        (quote! { #cross }, quote! { #own })
    } else {
        (quote! { #cross #own }, quote! {})
    }
}

/// The checks of one parameter of the options struct: limits, deprecation,
/// exclusivity (reported on the later one of a pair), dependency.
pub fn param_check(p: &Param, model: &Model) -> TokenStream {
    let field = field_ident(&p.name);
    let wire = &p.name;
    let inner = checks(&p.ty, &quote! { v }, model);
    let deprecated = plan::deprecation_of(p).map(|m| quote! { sink.deprecated(&path, #m); });
    let constraint = plan::constraint(model, p);
    let exclusive = constraint.iter().flat_map(|c| &c.exclusive).map(|e| {
        let of = field_ident(&e.other);
        let message = &e.message;
        quote! { if self.#of.is_some() { sink.exclusive(&path, #message); } }
    });
    let requires = constraint.iter().flat_map(|c| &c.requires).map(|r| {
        let unmet = unmet(&r.other, &r.value, model);
        let message = &r.message;
        quote! { if #unmet { sink.missing(&path, #message); } }
    });
    let rest: Vec<TokenStream> = deprecated
        .into_iter()
        .chain(exclusive)
        .chain(requires)
        .collect();
    if inner.is_empty() && rest.is_empty() {
        return quote! {};
    }
    let path = quote! { let path = crate::engine::Path::Key(&root, #wire); };
    if inner.is_empty() {
        quote! { if self.#field.is_some() { #path #(#rest)* } }
    } else {
        quote! {
            if let ::core::option::Option::Some(v) = &self.#field {
                #path
                #inner
                #(#rest)*
            }
        }
    }
}
