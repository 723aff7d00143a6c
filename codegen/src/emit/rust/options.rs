//! `options.rs`: the options struct, its typed validation and `from_json`.

use super::shapes::Shapes;
use super::*;

pub(super) fn options_rs(model: &Model, shapes: &Shapes) -> TokenStream {
    let name = ident(&model.options_name);
    let de = options_deserialize(model, &name);
    let param_checks: Vec<TokenStream> = model
        .params
        .iter()
        .map(|p| typed::param_check(p, model, shapes))
        .filter(|c| !c.is_empty())
        .collect();
    // Per-parameter work is split into functions of at most `CHUNK` parameters each, so
    // that no generated function grows with the spec (the optimizer's time on one huge
    // function grows faster than its size).
    let chunk = super::raw::CHUNK;
    let report_chunks: Vec<(Ident, &[TokenStream])> = param_checks
        .chunks(chunk)
        .enumerate()
        .map(|(i, c)| (format_ident!("report_{}", i), c))
        .collect();
    let report_calls = report_chunks
        .iter()
        .map(|(f, _)| quote! { self.#f(sink, &root); });
    let report_fns = report_chunks.iter().map(|(f, checks)| {
        quote! {
            #[inline(never)]
            fn #f(&self, sink: &mut crate::engine::Sink<'_>, root: &crate::engine::Path<'_>) {
                let root = *root;
                #(#checks)*
            }
        }
    });
    // A spec whose parameters have no limits has nothing to report on typed options.
    let report_body = if param_checks.is_empty() {
        quote! { let _ = issues; }
    } else {
        quote! {
            {
                let sink = &mut crate::engine::Sink::new(issues);
                let root = crate::engine::Path::Root;
                #(#report_calls)*
            }
            crate::engine::sort_issues(issues);
        }
    };
    // Only the types some parameter reaches: the others would be dead code (a warning in
    // the generated crate), and they have no shapes.
    let reachable = model.reachable_types();
    let type_checks = model
        .types
        .iter()
        .filter(|t| reachable.contains(t.name.as_str()))
        .filter(|t| typed::named_has_checks(&t.name, model))
        .map(|t| typed::type_check_fn(t, model, shapes));
    let (mut scalar_oks, mut deep_oks) = (Vec::new(), Vec::new());
    for p in &model.params {
        let (scalar, deep) = typed::param_ok(p, model, shapes);
        scalar_oks.extend(scalar);
        deep_oks.extend(deep);
    }
    let ok_chunks = |prefix: &str, oks: &[TokenStream]| -> (Vec<TokenStream>, Vec<TokenStream>) {
        oks.chunks(chunk)
            .enumerate()
            .map(|(i, c)| {
                let f = format_ident!("{}_{}", prefix, i);
                (
                    quote! { self.#f() },
                    quote! {
                        #[inline(never)]
                        fn #f(&self) -> bool {
                            #(#c)&&*
                        }
                    },
                )
            })
            .unzip()
    };
    let (scalar_calls, scalar_fns) = ok_chunks("is_clean", &scalar_oks);
    let (deep_calls, deep_fns) = ok_chunks("deep_is_clean", &deep_oks);
    let deep_fields: Vec<Ident> = model
        .params
        .iter()
        .filter(|p| typed::is_deep(p, model))
        .map(|p| field_ident(&p.name))
        .collect();
    let mut clean_calls = scalar_calls;
    if deep_fields.len() > chunk {
        clean_calls.push(quote! { self.deep_is_clean() });
    } else if !deep_fields.is_empty() {
        // Options with no list, map or object set never enter the frame that loops need.
        clean_calls.push(quote! { ((#(self.#deep_fields.is_none())&&*) || self.deep_is_clean()) });
    }
    let all = |calls: &[TokenStream]| {
        if calls.is_empty() {
            quote! { true }
        } else {
            quote! { #(#calls)&&* }
        }
    };
    let clean_all = all(&clean_calls);
    let deep_all = all(&deep_calls);
    let type_oks = model
        .types
        .iter()
        .filter(|t| reachable.contains(t.name.as_str()))
        .filter(|t| typed::named_has_checks(&t.name, model))
        .map(|t| typed::type_ok_fn(t, model, shapes));
    let limited_impls = model
        .types
        .iter()
        .filter(|t| reachable.contains(t.name.as_str()))
        .map(|t| typed::type_limited_impl(t, model));
    let fields = model.params.iter().map(|p| param_field(p, model));
    let std_impls = std_impls(model, &name);
    let wire_names = model.params.iter().map(|p| p.name.as_str());
    let struct_doc = doc::lines(
        "Model parameters of a chat completion request.\n\n\
         Every field is optional; an absent field is not serialized, and the upstream API \
         uses its default. Keys are the wire names, exactly as the upstream API takes them.",
    );
    quote! {
        #![allow(deprecated)]

        // A spec may have no limit to check on typed options.
        #[allow(unused_imports)]
        use crate::engine as e;
        #[allow(unused_imports)]
        use crate::shapes as s;

        #(#[doc = #struct_doc])*
        #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
        // Every field optional for schemars, as for the hand-written `Deserialize`.
        #[cfg_attr(feature = "schemars", serde(default, deny_unknown_fields))]
        pub struct #name {
            #(#fields)*
        }

        #std_impls

        #de

        impl #name {
            /// Wire names of every parameter, in the order of the reference.
            pub const PARAMETERS: &'static [&'static str] = &[#(#wire_names),*];

            /// Validates typed options: the same issues as [`crate::validate`] on their
            /// JSON, computed on the fields (the types already rule out wrong types,
            /// unknown keys and missing fields). Valid options allocate nothing.
            #[inline]
            pub fn validate(&self) -> ::std::vec::Vec<crate::Issue> {
                // Built in the caller's frame, like `crate::validate` (see there); valid
                // options take only the yes-or-no pass.
                let mut issues = ::std::vec::Vec::new();
                if !self.is_clean() {
                    self.report(&mut issues);
                }
                issues
            }

            /// Every issue, with its path and message.
            #[inline(never)]
            fn report(&self, issues: &mut ::std::vec::Vec<crate::Issue>) {
                #report_body
            }

            /// Whether [`Self::validate`] would find nothing: the same checks answered yes
            /// or no, building no path and no message. Valid options take only this pass.
            /// The checks without loops come first, so that options with no list, map or
            /// object set never enter a frame that loops need.
            #[inline(never)]
            fn is_clean(&self) -> bool {
                #clean_all
            }

            /// The checks of [`Self::is_clean`] that walk a list, a map or an object.
            #[inline(never)]
            #[allow(dead_code)]
            fn deep_is_clean(&self) -> bool {
                #deep_all
            }

            #(#scalar_fns)*

            #(#deep_fns)*

            #(#report_fns)*

            /// Parses options from JSON text and validates them: the options when they
            /// have no error, or every issue (errors and warnings, exactly those of
            /// [`crate::validate`]). On success, [`Self::validate`] gives the warnings
            /// (deprecated parameters), if any.
            ///
            /// The fast path parses straight into the struct; text that does not fit it (an
            /// unknown key, a wrong type) is validated as JSON. Whole numbers written as
            /// floats (`2.0`) are integers, as in JSON Schema and the other two languages.
            /// Valid options that the struct cannot hold (an integer beyond `i64`, where the
            /// spec sets no bound) give one issue that says so.
            //
            // Inlined, so that the struct (hundreds of bytes) is parsed into the caller's
            // frame rather than copied out of this one.
            #[inline]
            pub fn from_json(text: &str) -> ::core::result::Result<Self, crate::Issues> {
                if let ::core::result::Result::Ok(options) = ::serde_json::from_str::<Self>(text) {
                    if options.is_clean() {
                        return ::core::result::Result::Ok(options);
                    }
                    let issues = options.validate();
                    if issues.iter().all(|i| i.severity == crate::Severity::Warning) {
                        return ::core::result::Result::Ok(options);
                    }
                    return ::core::result::Result::Err(crate::Issues::from(issues));
                }
                Self::from_json_value(text)
            }

            /// The slow path of [`Self::from_json`]: the issues of the text as JSON, and the
            /// options from the JSON value when it has no error.
            #[inline(never)]
            fn from_json_value(text: &str) -> ::core::result::Result<Self, crate::Issues> {
                let whole = |message: ::std::string::String| {
                    crate::Issues::from(::std::vec![crate::Issue {
                        path: ::std::string::String::new(),
                        code: crate::Code::InvalidType,
                        severity: crate::Severity::Error,
                        message,
                    }])
                };
                let mut value = ::serde_json::from_str::<::serde_json::Value>(text)
                    .map_err(|e| whole(::std::format!("not JSON: {e}")))?;
                let issues = crate::validate(&value);
                if issues.iter().any(|i| i.severity == crate::Severity::Error) {
                    return ::core::result::Result::Err(crate::Issues::from(issues));
                }
                crate::engine::whole_numbers_as_integers(&mut value);
                ::serde_json::from_value::<Self>(value)
                    .map_err(|e| whole(::std::format!("valid, but does not fit the Rust types: {e}")))
            }

            /// What to send to `model`, typed: [`crate::prepare`] on these options. What
            /// `prepare` sends is always options of this type (it removes parameters, moves
            /// one to a parameter of the same type, or sets one to a value it takes).
            pub fn prepare(&self, model: &str, context: crate::PrepareContext) -> crate::Prepared<Self> {
                crate::prepare(model, &::serde_json::Map::from(self), context).map_options(|options| {
                    let mut value = ::serde_json::Value::Object(options);
                    crate::engine::whole_numbers_as_integers(&mut value);
                    // Unreachable fallback: every value `prepare` leaves or writes has the
                    // parameter's type (moves are between parameters of one type, checked by
                    // the generator), and the suites compare this with the untyped result.
                    ::serde_json::from_value(value).unwrap_or_default()
                })
            }
        }

        impl ::core::convert::From<&#name> for ::serde_json::Map<::std::string::String, ::serde_json::Value> {
            /// The options as a JSON object, for [`crate::prepare`] and [`crate::LlmOptions`].
            fn from(options: &#name) -> Self {
                match ::serde_json::to_value(options) {
                    ::core::result::Result::Ok(::serde_json::Value::Object(map)) => map,
                    // Unreachable: the options serialize to an object, and nothing in them
                    // can fail to serialize.
                    _ => ::serde_json::Map::new(),
                }
            }
        }

        impl ::core::convert::From<#name> for ::serde_json::Map<::std::string::String, ::serde_json::Value> {
            fn from(options: #name) -> Self {
                ::core::convert::From::from(&options)
            }
        }

        #(#type_checks)*

        #(#type_oks)*

        #(#limited_impls)*
    }
}

pub(super) fn param_field(p: &Param, model: &Model) -> TokenStream {
    let docs = doc::lines(&doc::param_doc(p, model, doc::Target::Rust));
    let field = field_ident(&p.name);
    let wire = &p.name;
    let rename = rename_attr(&field, wire)
        .map(|_| quote! { #[cfg_attr(feature = "schemars", serde(rename = #wire))] });
    let ty = rust_type(&p.ty);
    let deprecated = p.deprecated.as_ref().map(|d| {
        let note = doc::deprecation_note(d);
        quote! { #[deprecated(note = #note)] }
    });
    quote! {
        #(#[doc = #docs])*
        #deprecated
        #rename
        pub #field: ::core::option::Option<#ty>,
    }
}

/// `Default`, `Clone`, `PartialEq`, `Debug` and `Serialize` of the options struct, written
/// out as the derives would (the same output, field by field, in spec order) but in
/// functions of at most `CHUNK` fields each. The derives make one function of P fields
/// each, and worse: a struct literal whose fields are calls (`Default`, `Clone`) gets an
/// unwind path per field that drops every field before it, so its code is quadratic in
/// P; at 5,000 parameters the release build ran out of 24 GB. Here `Default` is a literal
/// of `None`s (no call, no unwind path) and the others fill or read the fields in chunks.
fn std_impls(model: &Model, name: &Ident) -> TokenStream {
    let chunk = super::raw::CHUNK;
    let fields: Vec<Ident> = model.params.iter().map(|p| field_ident(&p.name)).collect();
    let wires: Vec<&str> = model.params.iter().map(|p| p.name.as_str()).collect();
    let title = name.to_string();
    let title = title.trim_start_matches("r#");
    let groups: Vec<(usize, &[Ident], &[&str])> = fields
        .chunks(chunk)
        .zip(wires.chunks(chunk))
        .enumerate()
        .map(|(i, (f, w))| (i, f, w))
        .collect();
    let fn_name = |prefix: &str, i: usize| format_ident!("{}_{}", prefix, i);
    let clone_fns = groups.iter().map(|(i, f, _)| {
        let n = fn_name("clone_into", *i);
        quote! {
            #[inline(never)]
            #[allow(clippy::clone_on_copy)]
            fn #n(&self, out: &mut Self) {
                #(out.#f = self.#f.clone();)*
            }
        }
    });
    let clone_calls = groups.iter().map(|(i, _, _)| {
        let n = fn_name("clone_into", *i);
        quote! { self.#n(&mut out); }
    });
    let eq_fns = groups.iter().map(|(i, f, _)| {
        let n = fn_name("eq", *i);
        quote! {
            #[inline(never)]
            fn #n(&self, other: &Self) -> bool {
                #(self.#f == other.#f)&&*
            }
        }
    });
    let eq_calls = groups.iter().map(|(i, _, _)| {
        let n = fn_name("eq", *i);
        quote! { self.#n(other) }
    });
    let debug_fns = groups.iter().map(|(i, f, _)| {
        let n = fn_name("debug", *i);
        let labels = f.iter().map(|f| {
            let t = f.to_string();
            t.trim_start_matches("r#").to_string()
        });
        quote! {
            #[inline(never)]
            fn #n(&self, d: &mut ::core::fmt::DebugStruct<'_, '_>) {
                #(d.field(#labels, &self.#f);)*
            }
        }
    });
    let debug_calls = groups.iter().map(|(i, _, _)| {
        let n = fn_name("debug", *i);
        quote! { self.#n(&mut d); }
    });
    let len_fns = groups.iter().map(|(i, f, _)| {
        let n = fn_name("set_count", *i);
        quote! {
            #[inline(never)]
            fn #n(&self) -> usize {
                #(usize::from(self.#f.is_some()))+*
            }
        }
    });
    let len_calls = groups.iter().map(|(i, _, _)| {
        let n = fn_name("set_count", *i);
        quote! { self.#n() }
    });
    let ser_fns = groups.iter().map(|(i, f, w)| {
        let n = fn_name("serialize", *i);
        quote! {
            #[inline(never)]
            fn #n<S: ::serde::ser::SerializeStruct>(&self, state: &mut S) -> ::core::result::Result<(), S::Error> {
                use crate::engine::serialize_field as put;
                #(put(state, #w, &self.#f)?;)*
                ::core::result::Result::Ok(())
            }
        }
    });
    let ser_calls = groups.iter().map(|(i, _, _)| {
        let n = fn_name("serialize", *i);
        quote! { self.#n(&mut state)?; }
    });
    let len_all = if groups.is_empty() {
        quote! { 0 }
    } else {
        quote! { #(#len_calls)+* }
    };
    let eq_all = if groups.is_empty() {
        quote! { let _ = other; true }
    } else {
        quote! { #(#eq_calls)&&* }
    };
    quote! {
        // A literal of `None`s: the derive would call `Default::default` per field.
        #[allow(clippy::derivable_impls)]
        impl ::core::default::Default for #name {
            fn default() -> Self {
                Self { #(#fields: ::core::option::Option::None),* }
            }
        }

        impl ::core::clone::Clone for #name {
            fn clone(&self) -> Self {
                let mut out = Self::default();
                #(#clone_calls)*
                out
            }
        }

        impl ::core::cmp::PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                #eq_all
            }
        }

        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut d = f.debug_struct(#title);
                #(#debug_calls)*
                d.finish()
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let len = #len_all;
                let mut state = serializer.serialize_struct(#title, len)?;
                #(#ser_calls)*
                state.end()
            }
        }

        impl #name {
            #(#clone_fns)*
            #(#eq_fns)*
            #(#debug_fns)*
            #(#len_fns)*
            #(#ser_fns)*
        }
    }
}

/// `, rename = "wire"` when the identifier does not spell the wire name (serde already
/// strips `r#`).
pub(super) fn rename_attr(field: &Ident, wire: &str) -> Option<TokenStream> {
    let text = field.to_string();
    let unraw = text.strip_prefix("r#").unwrap_or(&text);
    (unraw != wire).then(|| quote! { , rename = #wire })
}

/// `Deserialize` for the options struct, hand-written so that no function grows with the
/// spec: a key is found by the engine's one hash lookup (`param_index`), and its value read
/// by the function of its chunk of `CHUNK` parameters (one `match` arm per parameter). Like
/// serde's derive with `deny_unknown_fields` and every field `default`: JSON objects only,
/// `null` is `None`, an unknown or repeated key is an error.
fn options_deserialize(model: &Model, name: &Ident) -> TokenStream {
    let chunk = super::raw::CHUNK;
    let expecting = format!("a JSON object ({})", name.to_string().trim_end_matches('_'));
    let words = model.params.len().div_ceil(64);
    let chunks: Vec<(Ident, TokenStream)> = model
        .params
        .chunks(chunk)
        .enumerate()
        .map(|(c, ps)| {
            let f = format_ident!("read_{}", c);
            let arms = ps.iter().enumerate().map(|(k, p)| {
                let i = c * chunk + k;
                let field = field_ident(&p.name);
                quote! { #i => options.#field = map.next_value()?, }
            });
            let body = quote! {
                #[inline(never)]
                fn #f<'de, A: ::serde::de::MapAccess<'de>>(
                    options: &mut #name,
                    i: usize,
                    map: &mut A,
                ) -> ::core::result::Result<(), A::Error> {
                    match i {
                        #(#arms)*
                        _ => {}
                    }
                    ::core::result::Result::Ok(())
                }
            };
            (f, body)
        })
        .collect();
    let dispatch = chunks.iter().enumerate().map(|(c, (f, _))| {
        quote! { #c => #f(&mut options, i, &mut map)?, }
    });
    let fns = chunks.iter().map(|(_, body)| body);
    quote! {
        // A spec with up to 32 parameters has one chunk, hence single-arm matches.
        #[allow(clippy::single_match)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                /// A key: the index of its parameter, or an unknown-field error.
                struct Key(usize);

                impl<'de> ::serde::Deserialize<'de> for Key {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        struct KeyVisitor;

                        impl<'de> ::serde::de::Visitor<'de> for KeyVisitor {
                            type Value = Key;

                            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                                f.write_str("a parameter name")
                            }

                            fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<Key, E> {
                                match crate::raw::param_index(v) {
                                    ::core::option::Option::Some(i) => ::core::result::Result::Ok(Key(i)),
                                    ::core::option::Option::None => ::core::result::Result::Err(E::unknown_field(v, crate::raw::NAMES)),
                                }
                            }
                        }

                        deserializer.deserialize_identifier(KeyVisitor)
                    }
                }

                #(#fns)*

                struct Visitor;

                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }

                    #[allow(unused_mut)]
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<#name, A::Error> {
                        let mut options = <#name as ::core::default::Default>::default();
                        let mut seen = [0u64; #words];
                        while let ::core::option::Option::Some(Key(i)) = map.next_key::<Key>()? {
                            let bit = 1u64 << (i % 64);
                            if seen[i / 64] & bit != 0 {
                                return ::core::result::Result::Err(<A::Error as ::serde::de::Error>::duplicate_field(crate::raw::NAMES[i]));
                            }
                            seen[i / 64] |= bit;
                            match i / #chunk {
                                #(#dispatch)*
                                _ => {}
                            }
                        }
                        ::core::result::Result::Ok(options)
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    }
}
