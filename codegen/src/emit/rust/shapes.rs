//! `shapes.rs`: every distinct type of the spec with its limits, as data.
//!
//! A parameter's checks used to be written out twice per parameter (raw JSON in `raw.rs`,
//! typed fields in `options.rs`), each a function body of its limits as constants. Now the
//! limits are one `static` per distinct type, shared by every parameter of that type: the
//! engine interprets it on JSON values (`check_json`) and on Rust values (the `Limited`
//! trait). A parameter then costs a table row in `raw.rs` and a line or two in
//! `options.rs`, and parameters of one type (the common case: many share `0 to 2`) share
//! their shape.

use std::collections::HashMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::rules::{outside_rs, sizes_rs};
use crate::model::{Count, Model, NamedKind, Range, Ty};
use crate::plan;

/// The shapes of a spec: each distinct type once, named `S0`, `S1`, ... in the order the
/// parameters (then the named types' fields and members) first use them. They are
/// `const`s, not `static`s: a `const` is visible to the optimizer in every codegen unit, so
/// a check of a known shape folds to its constants, as if written out.
pub struct Shapes {
    ids: HashMap<String, usize>,
    items: Vec<TokenStream>,
}

impl Shapes {
    pub fn new(model: &Model) -> Self {
        let mut shapes = Shapes {
            ids: HashMap::new(),
            items: Vec::new(),
        };
        for p in &model.params {
            shapes.intern(&p.ty);
        }
        let reachable = model.reachable_types();
        for t in model
            .types
            .iter()
            .filter(|t| reachable.contains(t.name.as_str()))
        {
            match &t.kind {
                NamedKind::Object(fields) => fields.iter().for_each(|f| {
                    shapes.intern(&f.ty);
                }),
                NamedKind::Union(members) => members.iter().for_each(|m| {
                    shapes.intern(m);
                }),
                NamedKind::Enum(_) => {}
            }
        }
        shapes
    }

    /// The name of the shape of `ty` (interned when the emitters were built), as
    /// `s::S<n>`: the files that name shapes import `crate::shapes as s`.
    pub fn of(&self, ty: &Ty) -> TokenStream {
        let key = expr(ty, &mut |inner| self.of(inner)).to_string();
        let id = self.ids.get(&key).copied();
        debug_assert!(id.is_some(), "a shape asked for but not interned: {key}");
        let id = id.unwrap_or_default();
        let name = name(id);
        quote! { s::#name }
    }

    fn intern(&mut self, ty: &Ty) -> TokenStream {
        let e = expr(ty, &mut |inner| self.intern(inner));
        let key = e.to_string();
        let id = match self.ids.get(&key) {
            Some(id) => *id,
            None => {
                let id = self.items.len();
                self.ids.insert(key, id);
                self.items.push(e);
                id
            }
        };
        let name = name(id);
        quote! { s::#name }
    }

    /// The generated `shapes.rs`.
    pub fn file(&self) -> TokenStream {
        let statics = self.items.iter().enumerate().map(|(i, e)| {
            let name = name(i);
            quote! { pub(crate) const #name: Shape = #e; }
        });
        quote! {
            //! Every distinct type of the spec with its limits, as data that the raw and the
            //! typed validators share (`engine::check_json`, `engine::Limited`).
            #![allow(clippy::all)]

            // Which of these a spec's shapes name depends on the spec.
            #[allow(unused_imports)]
            use crate::engine::{Bounds, KeyRule, Shape, Size};
            #[allow(unused_imports)]
            use crate::shapes as s;

            #(#statics)*
        }
    }
}

fn name(id: usize) -> Ident {
    format_ident!("S{}", id)
}

fn opt<T>(v: Option<T>, lit: impl Fn(T) -> proc_macro2::Literal) -> TokenStream {
    match v {
        Some(x) => {
            let l = lit(x);
            quote! { Some(#l) }
        }
        None => quote! { None },
    }
}

fn bounds(r: &Range) -> TokenStream {
    let min = opt(r.min, proc_macro2::Literal::f64_suffixed);
    let max = opt(r.max, proc_macro2::Literal::f64_suffixed);
    let outside = outside_rs(r);
    quote! { Bounds { min: #min, max: #max, outside: #outside } }
}

fn size(counted: plan::Counted, c: &Count) -> TokenStream {
    let min = opt(c.min, proc_macro2::Literal::u64_suffixed);
    let max = opt(c.max, proc_macro2::Literal::u64_suffixed);
    let texts = sizes_rs(counted, c);
    quote! { Size { min: #min, max: #max, texts: #texts } }
}

fn count(counted: plan::Counted, c: &Count) -> TokenStream {
    if c.is_unbounded() {
        quote! { None }
    } else {
        let s = size(counted, c);
        quote! { Some(#s) }
    }
}

/// The shape of `ty` as an expression, its inner types named by `inner`.
fn expr(ty: &Ty, inner: &mut dyn FnMut(&Ty) -> TokenStream) -> TokenStream {
    match ty {
        Ty::Bool => quote! { Shape::Bool },
        Ty::Integer(r) => {
            let b = bounds(r);
            quote! { Shape::Integer(#b) }
        }
        Ty::Float(r) => {
            let b = bounds(r);
            quote! { Shape::Float(#b) }
        }
        Ty::String(c) => {
            let s = size(plan::Counted::Characters, c);
            quote! { Shape::String(#s) }
        }
        Ty::List { item, items } => {
            let c = count(plan::Counted::Items, items);
            let item = inner(item);
            quote! { Shape::List(#c, &#item) }
        }
        Ty::Map {
            value,
            entries,
            key_length,
            key_format,
        } => {
            let c = count(plan::Counted::Entries, entries);
            let key = if key_length.is_unbounded() && key_format.is_none() {
                quote! { None }
            } else {
                let s = size(plan::Counted::KeyCharacters, key_length);
                let token = key_format.is_some();
                quote! { Some(KeyRule { size: #s, token_id: #token }) }
            };
            let value = inner(value);
            quote! { Shape::Map(#c, #key, &#value) }
        }
        Ty::Named(n) => {
            let f = super::raw::type_fn_name(n);
            quote! { Shape::Named(crate::raw::#f) }
        }
    }
}
