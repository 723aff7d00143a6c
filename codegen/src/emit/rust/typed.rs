//! Typed validation, generated per field: only the limits the Rust types cannot express,
//! as the field's shape (`shapes.rs`) given to the engine's `Limited` trait.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{field_ident, ident, member_variant, variant_ident};
use crate::model::{Model, NamedKind, NamedType, Param, Ty};
use crate::plan;

use super::shapes::Shapes;

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

/// Checks of `v` (a reference to a value of `ty`) at `path`: its shape, interpreted by
/// the engine (`Limited`). Nothing when the type has no limits.
fn checks(ty: &Ty, v: &TokenStream, model: &Model, shapes: &Shapes) -> TokenStream {
    if !has_checks(ty, model) {
        return quote! {};
    }
    let shape = shapes.of(ty);
    quote! { e::Limited::check(#v, &#shape, &path, sink); }
}

/// `fn check_<type>(v, path, sink)` for a named type with limits inside.
pub fn type_check_fn(t: &NamedType, model: &Model, shapes: &Shapes) -> TokenStream {
    let f = check_fn(&t.name);
    let name = ident(&t.name);
    let body = match &t.kind {
        NamedKind::Object(fields) => {
            let each = fields.iter().filter(|f| has_checks(&f.ty, model)).map(|f| {
                let field = field_ident(&f.name);
                let wire = &f.name;
                let inner = checks(&f.ty, &quote! { x }, model, shapes);
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
                let inner = checks(m, &quote! { x }, model, shapes);
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
fn ok(ty: &Ty, v: &TokenStream, model: &Model, shapes: &Shapes) -> Option<TokenStream> {
    if !has_checks(ty, model) {
        return None;
    }
    let shape = shapes.of(ty);
    Some(quote! { e::Limited::ok(#v, &#shape) })
}

/// `fn ok_<type>(v) -> bool` for a named type with limits inside.
pub fn type_ok_fn(t: &NamedType, model: &Model, shapes: &Shapes) -> TokenStream {
    let f = ok_fn(&t.name);
    let name = ident(&t.name);
    let body = match &t.kind {
        NamedKind::Object(fields) => {
            let each = fields.iter().filter_map(|f| {
                let field = field_ident(&f.name);
                let inner = ok(&f.ty, &quote! { x }, model, shapes)?;
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
                let inner = ok(m, &quote! { x }, model, shapes).unwrap_or_else(|| quote! { true });
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
/// value that walk it): expressions true when it leaves nothing to report.
pub fn param_ok(p: &Param, model: &Model, shapes: &Shapes) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let field = field_ident(&p.name);
    if p.deprecated.is_some() {
        return (vec![quote! { self.#field.is_none() }], Vec::new());
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
    let cross = (!rest.is_empty()).then(|| quote! { !(self.#field.is_some() && (#(#rest)||*)) });
    let own = has_checks(&p.ty, model).then(|| {
        let shape = shapes.of(&p.ty);
        quote! { e::field_ok(&self.#field, &#shape) }
    });
    if is_deep(p, model) {
        (cross.into_iter().collect(), own.into_iter().collect())
    } else {
        (cross.into_iter().chain(own).collect(), Vec::new())
    }
}

/// The checks of one parameter of the options struct: limits (its shape), deprecation,
/// exclusivity (reported on the later one of a pair), dependency.
pub fn param_check(p: &Param, model: &Model, shapes: &Shapes) -> TokenStream {
    let field = field_ident(&p.name);
    let wire = &p.name;
    let own = has_checks(&p.ty, model).then(|| {
        let shape = shapes.of(&p.ty);
        // The parameter's index names it (`NAMES`), which keeps the call on one line.
        let i = model.param_index.get(&p.name).copied().unwrap_or_default();
        quote! { e::field(&self.#field, &#shape, #i, &root, sink); }
    });
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
    let rules = (!rest.is_empty()).then(|| {
        quote! {
            if self.#field.is_some() {
                let path = crate::engine::Path::Key(&root, #wire);
                #(#rest)*
            }
        }
    });
    quote! { #own #rules }
}

/// `Limited` for a named type: its generated checks (the shape it is given is its own).
pub fn type_limited_impl(t: &NamedType, model: &Model) -> TokenStream {
    let name = ident(&t.name);
    let (ok, check) = if named_has_checks(&t.name, model) {
        let (okf, checkf) = (ok_fn(&t.name), check_fn(&t.name));
        (quote! { #okf(self) }, quote! { #checkf(self, path, sink); })
    } else {
        (quote! { true }, quote! { let _ = (path, sink); })
    };
    quote! {
        impl crate::engine::Limited for crate::types::#name {
            #[inline]
            fn ok(&self, _: &crate::engine::Shape) -> bool {
                #ok
            }

            #[inline]
            fn check(&self, _: &crate::engine::Shape, path: &crate::engine::Path<'_>, sink: &mut crate::engine::Sink<'_>) {
                #check
            }
        }
    }
}
