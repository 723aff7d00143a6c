//! Validation of raw JSON (`serde_json::Value`), generated per parameter.
//!
//! One pass over the object: each key's parameter is found (a `match`, or a hash lookup
//! beyond 64 parameters) and its value checked against the parameter's shape (`shapes.rs`),
//! a constant that the engine's `check_json` folds to that shape's checks. The pass records
//! the parameters that a cross-parameter rule (exclusivity, dependency) needs, so those
//! rules cost no map lookups. Each named
//! type gets a function. Reports (messages, "did you mean") live in the engine, out of the
//! hot path. The issues must be exactly those of the TypeScript and Python engines, which
//! interpret the same rules as tables: the conformance vectors check it.

use std::collections::BTreeSet;

use crate::plan;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::shapes::Shapes;
use crate::model::{Model, NamedKind, NamedType, Param, Ty};

/// The generated `raw.rs`.
pub fn raw_rs(model: &Model, shapes: &Shapes) -> TokenStream {
    let validate = validate_map(model, shapes);
    // Only the types some parameter reaches: the others would be dead code.
    let reachable = model.reachable_types();
    let types = model
        .types
        .iter()
        .filter(|t| reachable.contains(t.name.as_str()))
        .map(|t| type_fn(t, model, shapes));
    quote! {
        //! Validation of raw JSON options, generated per parameter from the spec: one pass
        //! over the object, limits as constants, no lookups.
        #![allow(clippy::all)]

        use serde_json::{Map, Value};

        use crate::engine::{self as e, Path, Sink};
        #[allow(unused_imports)]
        use crate::shapes as s;

        #validate

        #(#types)*
    }
}

/// The function checking a value of a named type.
pub(super) fn type_fn_name(name: &str) -> Ident {
    format_ident!("check_{}", heck::ToSnakeCase::to_snake_case(name))
}

/// Whether `v` has the JSON kind of `ty` (how a union picks the member to check).
fn fits(ty: &Ty, v: &TokenStream, model: &Model, seen: &mut BTreeSet<String>) -> TokenStream {
    match ty {
        Ty::Bool => quote! { #v.is_boolean() },
        Ty::Integer(_) | Ty::Float(_) => quote! { #v.is_number() },
        Ty::String(_) => quote! { #v.is_string() },
        Ty::List { .. } => quote! { #v.is_array() },
        Ty::Map { .. } => quote! { #v.is_object() },
        Ty::Named(n) => match model.named(n).map(|t| &t.kind) {
            Some(NamedKind::Enum(_)) => quote! { #v.is_string() },
            Some(NamedKind::Object(_)) => quote! { #v.is_object() },
            Some(NamedKind::Union(members)) if seen.insert(n.clone()) => {
                let each: Vec<TokenStream> =
                    members.iter().map(|m| fits(m, v, model, seen)).collect();
                seen.remove(n);
                if each.is_empty() {
                    quote! { false }
                } else {
                    quote! { (#(#each)||*) }
                }
            }
            // The checker rejects unknown and recursive types.
            _ => quote! { false },
        },
    }
}

/// The statement checking `v` (a `&Value`) of type `ty` at `path` (a `Path`): the engine
/// interprets the type's shape.
fn checks(ty: &Ty, v: &TokenStream, path: &TokenStream, shapes: &Shapes) -> TokenStream {
    let shape = shapes.of(ty);
    quote! { e::check_json(&#shape, #v, &#path, sink); }
}

/// `fn check_<type>(v, path, sink)`.
fn type_fn(t: &NamedType, model: &Model, shapes: &Shapes) -> TokenStream {
    let f = type_fn_name(&t.name);
    let name = &t.name;
    let expected = super::rules::text_rs(&plan::wrong_kind(&format!("a {name}")));
    let body = match &t.kind {
        NamedKind::Enum(values) => {
            let listed: Vec<String> = values.iter().map(|v| v.value.clone()).collect();
            let invalid = super::rules::text_rs(&plan::not_in_set(name, &listed));
            let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            let known = if values.is_empty() {
                quote! { false }
            } else {
                quote! { matches!(s.as_str(), #(#values)|*) }
            };
            quote! {
                match v {
                    Value::String(s) => {
                        if !#known {
                            sink.not_in_enum(path, #invalid, s, &[#(#values),*]);
                        }
                    }
                    other => sink.wrong_type(path, #expected, other),
                }
            }
        }
        NamedKind::Object(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            let what = super::rules::text_rs(&plan::unknown(&format!("field of {name}")));
            let required: Vec<(Ident, &str)> = fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.required)
                .map(|(i, f)| (format_ident!("has_{}", i), f.name.as_str()))
                .collect();
            let flags = required
                .iter()
                .map(|(flag, _)| quote! { let mut #flag = false; });
            let arms = fields.iter().enumerate().map(|(i, f)| {
                let wire = &f.name;
                let mark = f.required.then(|| {
                    let flag = format_ident!("has_{}", i);
                    quote! { #flag = true; }
                });
                let inner = checks(&f.ty, &quote! { x }, &quote! { at }, shapes);
                quote! {
                    #wire => {
                        if x.is_null() {
                            continue;
                        }
                        #mark
                        let at = Path::Key(path, k);
                        #inner
                    }
                }
            });
            let missing = required.iter().map(|(flag, wire)| {
                let message = plan::missing_field(name, wire);
                quote! { if !#flag { sink.missing_field(path, #wire, #message); } }
            });
            quote! {
                let Value::Object(entries) = v else {
                    sink.wrong_type(path, #expected, v);
                    return;
                };
                #(#flags)*
                for (k, x) in entries {
                    match k.as_str() {
                        #(#arms)*
                        _ => sink.unknown(&Path::Key(path, k), #what, k, &[#(#names),*]),
                    }
                }
                #(#missing)*
            }
        }
        NamedKind::Union(members) => {
            // The first member of the value's kind that finds nothing wins; when every one
            // finds something, the issues of the first member of the value's kind stand.
            let v = quote! { v };
            let path = quote! { *path };
            let mut seen = BTreeSet::from([t.name.clone()]);
            let tries = members.iter().map(|m| {
                let fit = fits(m, &v, model, &mut seen);
                let inner = checks(m, &v, &path, shapes);
                quote! {
                    if #fit {
                        let mark = sink.len();
                        #inner
                        if sink.len() == mark {
                            sink.truncate(before);
                            return;
                        }
                        if reported {
                            sink.truncate(mark);
                        }
                        reported = true;
                    }
                }
            });
            quote! {
                let before = sink.len();
                let mut reported = false;
                #(#tries)*
                if !reported {
                    sink.wrong_type(path, #expected, v);
                }
            }
        }
    };
    let doc = format!(" Checks a `{name}`.");
    quote! {
        #[doc = #doc]
        pub(crate) fn #f(v: &Value, path: &Path<'_>, sink: &mut Sink<'_>) {
            #body
        }
    }
}

/// How many parameters one generated dispatch function checks: a function per chunk keeps
/// each one small for the compiler, and the chunk is picked by arithmetic.
pub(super) const CHUNK: usize = 32;

/// Up to how many parameters a key is found by a `match` rather than a hash lookup.
const MATCHED: usize = 64;

/// `NAMES` and `validate_map`: every key once, found by one hash lookup (the engine's
/// `param_index`) and checked by the function of its chunk of parameters; a parameter's
/// cross-parameter rules run with it, reading the other parameters by lookup.
fn validate_map(model: &Model, shapes: &Shapes) -> TokenStream {
    let names = model.params.iter().map(|p| p.name.as_str());
    // One chunk is inlined into `validate_map`, so the `match` on the key and the one on
    // its index become one (a call per key cost a third more on a rich input); several
    // must not be, or the optimizer sees them as one function again.
    let apart = if model.params.len() > CHUNK {
        quote! { #[inline(never)] }
    } else {
        quote! { #[inline(always)] }
    };
    // The values of the few parameters that a dependency reads, kept as the pass meets
    // them, instead of a hash lookup per rule (up to `SLOTS` of them; beyond, a lookup).
    let partners = partners(model);
    let slot_count = partners.len();
    let slots_decl = (slot_count > 0).then(|| {
        quote! { let mut slots: [::core::option::Option<&Value>; #slot_count] = [::core::option::Option::None; #slot_count]; }
    });
    let keep = (slot_count > 0).then(|| {
        let arms = partners.iter().enumerate().map(|(k, j)| {
            quote! { #j => slots[#k] = ::core::option::Option::Some(value), }
        });
        quote! {
            match i {
                #(#arms)*
                _ => {}
            }
        }
    });
    let slots_param =
        (slot_count > 0).then(|| quote! { slots: &[::core::option::Option<&Value>; #slot_count], });
    let slots_arg = (slot_count > 0).then(|| quote! { &slots, });
    // Each parameter's check: its shape, a constant, given to the engine's interpreter,
    // which folds to the checks of that shape. One line per parameter, by chunk.
    let chunks: Vec<TokenStream> = model
        .params
        .chunks(CHUNK)
        .enumerate()
        .map(|(c, ps)| {
            let f = format_ident!("check_params_{}", c);
            let arms = ps.iter().enumerate().map(|(k, p)| {
                let i = c * CHUNK + k;
                let shape = shapes.of(&p.ty);
                match plan::deprecation_of(p) {
                    Some(m) => quote! {
                        #i => {
                            e::check_json(&#shape, value, path, sink);
                            sink.deprecated(path, #m);
                        }
                    },
                    None => quote! { #i => e::check_json(&#shape, value, path, sink), },
                }
            });
            quote! {
                #apart
                fn #f(i: usize, value: &Value, path: &Path<'_>, sink: &mut Sink<'_>) {
                    match i {
                        #(#arms)*
                        _ => {}
                    }
                }
            }
        })
        .collect();
    let dispatch = (0..chunks.len()).map(|c| {
        let f = format_ident!("check_params_{}", c);
        quote! { #c => #f(i, value, &path, sink), }
    });
    // Cross-parameter rules: the parameters seen set, as bits; after the pass, the rules of
    // each set parameter that has some (the bits of `RULED`), by chunk like the checks.
    let words = model.params.len().div_ceil(64).max(1);
    let bits = words == 1;
    let ruled: Vec<bool> = model
        .params
        .iter()
        .map(|p| !cross_rules(p, model, &partners, bits).is_empty())
        .collect();
    let any_rule = ruled.iter().any(|r| *r);
    let mut masks = vec![0u64; words];
    for (i, r) in ruled.iter().enumerate() {
        if *r {
            masks[i / 64] |= 1 << (i % 64);
        }
    }
    // Up to 64 parameters, the set ones are bits of one word, which an exclusivity reads;
    // beyond, a bitset would cost a word per 64 parameters to clear on every call, so an
    // exclusivity looks its partner up in the map instead.
    let (seen_param, seen_arg, seen_mark, seen_init, overflow) = if bits {
        (
            quote! { seen: &[u64; 1], },
            quote! { &seen, },
            quote! { seen[0] |= 1u64 << i; },
            quote! { let mut seen = [0u64; 1]; },
            quote! {
                let mut b = seen[0] & RULED[0];
                while b != 0 {
                    let i = b.trailing_zeros() as usize;
                    b &= b - 1;
                    rules(i, sink);
                }
            },
        )
    } else {
        (
            quote! {},
            quote! {},
            quote! {},
            quote! {},
            quote! {
                // More than 16 set parameters with rules: found again, by a second pass.
                for (key, value) in map {
                    if let ::core::option::Option::Some(i) = crate::raw::param_index(key) {
                        if !value.is_null() && RULED[i / 64] >> (i % 64) & 1 != 0 {
                            rules(i, sink);
                        }
                    }
                }
            },
        )
    };
    let rule_chunks: Vec<TokenStream> = model
        .params
        .chunks(CHUNK)
        .enumerate()
        .map(|(c, ps)| {
            let f = format_ident!("rules_{}", c);
            let arms = ps.iter().enumerate().filter_map(|(k, p)| {
                let i = c * CHUNK + k;
                let cross = cross_rules(p, model, &partners, bits);
                (!cross.is_empty()).then(|| quote! { #i => { #cross } })
            });
            quote! {
                #[allow(unused_variables)]
                #apart
                fn #f(i: usize, #seen_param #slots_param path: Path<'_>, map: &Map<String, Value>, sink: &mut Sink<'_>) {
                    match i {
                        #(#arms)*
                        _ => {}
                    }
                }
            }
        })
        .collect();
    let rule_dispatch = (0..rule_chunks.len()).map(|c| {
        let f = format_ident!("rules_{}", c);
        quote! { #c => #f(i, #seen_arg #slots_arg path, map, sink), }
    });
    let (mark, after) = if any_rule {
        (
            quote! {
                #seen_mark
                if RULED[i / 64] >> (i % 64) & 1 != 0 {
                    if let ::core::option::Option::Some(slot) = ruled.get_mut(ruled_count) {
                        *slot = i;
                    }
                    ruled_count += 1;
                }
            },
            quote! {
                let rules = |i: usize, sink: &mut Sink<'_>| {
                    let path = Path::Key(&root, NAMES[i]);
                    match i / #CHUNK {
                        #(#rule_dispatch)*
                        _ => {}
                    }
                };
                if ruled_count <= ruled.len() {
                    // The few set parameters that have rules, as the pass met them.
                    for &i in &ruled[..ruled_count] {
                        rules(i, sink);
                    }
                } else {
                    #overflow
                }
            },
        )
    } else {
        (quote! {}, quote! {})
    };
    // The set parameters that have rules: up to 16 listed as met (the rules then cost
    // nothing per parameter of the spec), more found by a scan of the bitset.
    let seen_decl = any_rule.then(|| {
        quote! {
            const RULED: [u64; #words] = [#(#masks),*];
            #seen_init
            let mut ruled = [0usize; 16];
            let mut ruled_count = 0usize;
        }
    });
    let rule_fns = if any_rule { rule_chunks } else { Vec::new() };
    // Up to `MATCHED` parameters, a `match` on the key finds it faster than a hash lookup
    // (a length switch and a comparison or two); beyond, one hash lookup, in the engine.
    let lookup = if model.params.len() <= MATCHED {
        let arms = model.params.iter().enumerate().map(|(i, p)| {
            let wire = &p.name;
            quote! { #wire => ::core::option::Option::Some(#i), }
        });
        quote! {
            match key {
                #(#arms)*
                _ => ::core::option::Option::None,
            }
        }
    } else {
        quote! { crate::engine::param_index_hashed(key) }
    };
    quote! {
        /// Every parameter's name, in spec order (a parameter's index is its place here).
        pub(crate) static NAMES: &[&str] = &[#(#names),*];

        /// The index in [`NAMES`] of the parameter named `key`, in a time that does not
        /// grow with the number of parameters.
        #[inline]
        pub(crate) fn param_index(key: &str) -> ::core::option::Option<usize> {
            #lookup
        }

        /// Checks every parameter of raw options; `null` counts as not set.
        pub(crate) fn validate_map(map: &Map<String, Value>, sink: &mut Sink<'_>) {
            let root = Path::Root;
            #seen_decl
            #slots_decl
            for (key, value) in map {
                let Some(i) = crate::raw::param_index(key) else {
                    sink.unknown(&Path::Key(&root, key), crate::rules::UNKNOWN_PARAMETER, key, NAMES);
                    continue;
                };
                if value.is_null() {
                    continue;
                }
                #mark
                #keep
                let path = Path::Key(&root, key);
                match i / #CHUNK {
                    #(#dispatch)*
                    _ => {}
                }
            }
            #after
        }

        #(#chunks)*

        #(#rule_fns)*
    }
}

/// Up to how many parameters read by dependencies are kept in slots during the pass.
const SLOTS: usize = 16;

/// The parameters (indices) whose values a dependency reads, when they are few enough to
/// keep in slots; none otherwise (every rule then looks its partner up).
fn partners(model: &Model) -> Vec<usize> {
    let mut out: Vec<usize> = model
        .params
        .iter()
        .filter_map(|p| plan::constraint(model, p))
        .flat_map(|c| c.requires.into_iter().map(|r| r.other))
        .filter_map(|o| model.param_index.get(&o).copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    if out.len() > SLOTS {
        out.clear();
    }
    out
}

/// The rules between one parameter (set, at `path`) and others, as the plan has them.
fn cross_rules(p: &Param, model: &Model, partners: &[usize], bits: bool) -> TokenStream {
    let Some(c) = plan::constraint(model, p) else {
        return quote! {};
    };
    let exclusive = c.exclusive.iter().map(|e| {
        let j = model
            .param_index
            .get(&e.other)
            .copied()
            .unwrap_or(usize::MAX);
        let message = &e.message;
        let set = if bits {
            quote! { seen[0] >> #j & 1 != 0 }
        } else {
            let other = &e.other;
            quote! { e::is_set(map, #other) }
        };
        quote! {
            if #set {
                sink.exclusive(&path, #message);
            }
        }
    });
    let requires = c.requires.iter().map(|r| {
        let other = &r.other;
        let lit = super::lit(&r.value);
        let message = &r.message;
        let slot = model
            .param_index
            .get(other)
            .and_then(|j| partners.iter().position(|k| k == j));
        let value = match slot {
            Some(k) => quote! { slots[#k] },
            None => quote! { map.get(#other) },
        };
        quote! {
            if !#value.is_some_and(|v| !v.is_null() && crate::engine::#lit.matches(v)) {
                sink.missing(&path, #message);
            }
        }
    });
    quote! {
        #(#exclusive)*
        #(#requires)*
    }
}
