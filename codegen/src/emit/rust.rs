//! The Rust target: a crate with the options struct and its types.
//!
//! Every item is built as tokens with `quote`, parsed by `syn` and printed by
//! `prettyplease`; nothing is pasted as text except the Cargo manifest.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::OutputFile;
use crate::emit::doc;
use crate::model::{Field, Model, NamedKind, NamedType, Param, Ty};
use crate::names::variant_name;

/// Where the crate goes.
pub const DIR: &str = "generated/rust";

pub fn emit(model: &Model) -> Vec<OutputFile> {
    vec![
        OutputFile {
            path: format!("{DIR}/Cargo.toml"),
            contents: manifest(model),
        },
        OutputFile {
            path: format!("{DIR}/rustfmt.toml"),
            contents: format!(
                "{}\n\n# prettyplease formats this crate when it is generated; rustfmt must not\n\
                 # reformat it, or `cargo xtask gen --check` would see drift.\n\
                 disable_all_formatting = true\n",
                doc::header("#", "schema/spec.yaml")
            ),
        },
        rust_file("src/lib.rs", lib_rs(model)),
        rust_file("src/options.rs", options_rs(model)),
        rust_file("src/types.rs", types_rs(model)),
        rust_file("src/rules.rs", rules_rs(model)),
        rust_file("src/raw.rs", raw::raw_rs(model)),
        rust_file("src/engine.rs", engine_rs()),
    ]
}

/// The rules engine, the same for every spec: a Rust source kept beside the generator
/// (`codegen/runtime/rust_engine.rs`), parsed with syn and printed with prettyplease like the
/// rest of the crate.
fn engine_rs() -> TokenStream {
    let source = include_str!("../../runtime/rust_engine.rs");
    match syn::parse_file(source) {
        Ok(file) => quote! { #file },
        Err(e) => panic!("codegen/runtime/rust_engine.rs does not parse: {e}"),
    }
}

fn opt_f64(v: Option<f64>) -> TokenStream {
    match v {
        Some(x) => {
            let lit = proc_macro2::Literal::f64_suffixed(x);
            quote! { ::core::option::Option::Some(#lit) }
        }
        None => quote! { ::core::option::Option::None },
    }
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(x) => {
            let lit = proc_macro2::Literal::u64_suffixed(x);
            quote! { ::core::option::Option::Some(#lit) }
        }
        None => quote! { ::core::option::Option::None },
    }
}

fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(x) => quote! { ::core::option::Option::Some(#x) },
        None => quote! { ::core::option::Option::None },
    }
}

fn lit(v: &serde_json::Value) -> TokenStream {
    match v {
        serde_json::Value::Bool(b) => quote! { Lit::Bool(#b) },
        serde_json::Value::Number(n) => {
            let x = proc_macro2::Literal::f64_suffixed(n.as_f64().unwrap_or(0.0));
            quote! { Lit::Num(#x) }
        }
        serde_json::Value::String(s) => quote! { Lit::Str(#s) },
        // The checker only lets scalars through as required values.
        _ => quote! { Lit::Bool(false) },
    }
}

fn rules_rs(model: &Model) -> TokenStream {
    use crate::model::ReasoningSupport as R;
    let params = model.params.iter().map(|p| {
        let name = &p.name;
        let reasoning = match p.reasoning {
            R::Supported => quote! { Reasoning::Supported },
            R::Unsupported => quote! { Reasoning::Unsupported },
            R::Only => quote! { Reasoning::Only },
        };
        let replaced_by = p.deprecated.iter().flat_map(|d| d.replaced_by.iter());
        let moves_to = opt_str(p.deprecated.as_ref().and_then(|d| d.moves_to.as_deref()));
        let note = p
            .deprecated
            .as_ref()
            .map(|d| d.note.trim_end_matches('.').to_owned())
            .unwrap_or_default();
        let requires_tools = p.requires_tools;
        quote! {
            ParamRule {
                name: #name,
                reasoning: #reasoning,
                replaced_by: &[#(#replaced_by),*],
                moves_to: #moves_to,
                deprecation_note: #note,
                requires_tools: #requires_tools,
            }
        }
    });
    let arms = model.params.iter().enumerate().map(|(i, p)| {
        let name = &p.name;
        quote! { #name => ::core::option::Option::Some(&PARAMS[#i]), }
    });
    let models = model.catalog.models.iter().map(|m| {
        let (id, family, reasoning) = (&m.id, &m.family, m.reasoning);
        let rejects = m.rejects.iter();
        let allowed = m.allowed_at_effort_off.iter();
        let min = opt_str(m.min_reasoning_effort.as_deref());
        let tools = m.rejects_effort_with_tools;
        quote! {
            ModelInfo {
                id: #id,
                family: #family,
                reasoning: #reasoning,
                rejects: &[#(#rejects),*],
                allowed_at_effort_off: &[#(#allowed),*],
                min_reasoning_effort: #min,
                rejects_effort_with_tools: #tools,
            }
        }
    });
    let effort = match &model.catalog.effort {
        Some(e) => {
            let (p, off) = (&e.parameter, &e.off);
            quote! { ::core::option::Option::Some((#p, #off)) }
        }
        None => quote! { ::core::option::Option::None },
    };
    quote! {
        //! The spec as tables for `prepare`: parameters (reasoning support, deprecation, tools)
        //! and the model catalog.
        #![allow(clippy::all, dead_code)]

        use crate::engine::{ModelInfo, ParamRule, Reasoning};

        /// Every parameter, in spec order.
        pub(crate) static PARAMS: &[ParamRule] = &[#(#params),*];

        /// The rules of a parameter, by wire name.
        pub(crate) fn param(key: &str) -> ::core::option::Option<&'static ParamRule> {
            match key {
                #(#arms)*
                _ => ::core::option::Option::None,
            }
        }

        /// Every model of the catalog, in catalog order.
        pub(crate) static MODELS: &[ModelInfo] = &[#(#models),*];

        /// The reasoning effort parameter and its value that turns reasoning off.
        pub(crate) static EFFORT: ::core::option::Option<(&str, &str)> = #effort;
    }
}

fn rust_file(path: &str, tokens: TokenStream) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{path}"),
        contents: format_tokens(tokens),
    }
}

/// Formats a token stream as a Rust file with the generated-file header. The tokens are
/// built by this module, so a parse failure is a bug in the emitter, not in the spec.
pub fn format_tokens(tokens: TokenStream) -> String {
    let file: syn::File = match syn::parse2(tokens.clone()) {
        Ok(f) => f,
        Err(e) => panic!("the Rust emitter built invalid tokens ({e}):\n{tokens}"),
    };
    format!(
        "{}\n\n{}",
        doc::header("//", "schema/spec.yaml"),
        space_items(&prettyplease::unparse(&file))
    )
}

/// prettyplease puts items back to back; a blank line after each top-level item that ends
/// at column 0 makes the output read like hand-written code. Only whitespace changes.
fn space_items(code: &str) -> String {
    let first_word = |l: &str| l.split_whitespace().next().unwrap_or("").to_owned();
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev: Option<&str> = None;
    for line in code.lines() {
        let top_level = !line.is_empty() && !line.starts_with([' ', '}']);
        if let Some(p) = prev {
            let closed = p == "}" || (p.ends_with(';') && !p.starts_with([' ', '/']));
            let same_group = matches!(first_word(p).as_str(), "use" | "mod" | "pub")
                && first_word(p) == first_word(line)
                && p.ends_with(';');
            if closed && top_level && !line.starts_with("//!") && !same_group {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

fn manifest(model: &Model) -> String {
    format!(
        r#"{header}

[package]
name = "{crate_name}"
version = "{version}"
edition = "2021"
rust-version = "1.82"
description = "LLM model parameters: typed options, validation and per-model request preparation, generated from one spec"
license = "MIT OR Apache-2.0"
keywords = ["llm", "openai", "livekit", "parameters", "validation"]
categories = ["api-bindings"]

[features]
default = []
# Derive `schemars::JsonSchema` for every type.
schemars = ["dep:schemars"]

[dependencies]
serde = {{ version = "1", features = ["derive"] }}
# `float_roundtrip`: numbers are read exactly, as JavaScript and Python read them, so
# `0.9999999999999999` is not taken for the integer 1 (serde_json's default parsing is
# approximate to the last bit).
serde_json = {{ version = "1", features = ["float_roundtrip"] }}
schemars = {{ version = "1", optional = true }}

[lints.rust]
missing_docs = "warn"
"#,
        header = doc::header("#", "schema/spec.yaml"),
        version = model.version,
        crate_name = model.packages.rust,
    )
}

fn lib_rs(model: &Model) -> TokenStream {
    let options = ident(&model.options_name);
    // A spec may have no named types; an empty glob re-export would be a warning.
    let types_use = (!model.types.is_empty()).then(|| quote! { pub use types::*; });
    let mut text = doc::rust_crate_doc(model);
    if !model.example.is_empty() {
        text.push_str(&format!(
            "\n# Example\n\nThe usage example of the reference, typed; it serializes to exactly \
             the JSON the API takes:\n\n```rust\n{}\n```\n",
            example_code(model)
        ));
        text.push_str(&format!(
            "\n# Updating options at runtime\n\nOptions are replaced, not merged; `{{}}` \
             clears them; the next request uses the new values:\n\n```rust\n{}\n```\n",
            update_example_code(model)
        ));
    }
    let crate_doc = doc::lines(&text);
    quote! {
        #(#![doc = #crate_doc])*
        #![forbid(unsafe_code)]

        mod engine;
        mod options;
        mod raw;
        mod rules;
        mod types;

        pub use engine::{
            find_model, prepare, validate, Action, Change, Code, Issue, Issues, LlmOptions,
            ModelInfo, PrepareContext, Prepared, Reason, Severity, UnknownValue,
        };
        pub use options::#options;
        #types_use

        /// Every model of the catalog, in catalog order.
        pub fn models() -> &'static [ModelInfo] {
            rules::MODELS
        }
    }
}

fn options_rs(model: &Model) -> TokenStream {
    let name = ident(&model.options_name);
    let de = map_only_deserialize(
        &name,
        &model
            .params
            .iter()
            .map(|p| (p.name.as_str(), true, rust_type(&p.ty)))
            .collect::<Vec<_>>(),
    );
    let param_checks: Vec<TokenStream> = model
        .params
        .iter()
        .map(|p| typed::param_check(p, model))
        .filter(|c| !c.is_empty())
        .collect();
    // A spec whose parameters have no limits has nothing to report on typed options.
    let report_body = if param_checks.is_empty() {
        quote! { let _ = issues; }
    } else {
        quote! {
            {
                let sink = &mut crate::engine::Sink::new(issues);
                let root = crate::engine::Path::Root;
                #(#param_checks)*
            }
            crate::engine::sort_issues(issues);
        }
    };
    let type_checks = model
        .types
        .iter()
        .filter(|t| typed::named_has_checks(&t.name, model))
        .map(|t| typed::type_check_fn(t, model));
    let (scalar_oks, deep_oks): (Vec<TokenStream>, Vec<TokenStream>) = model
        .params
        .iter()
        .map(|p| typed::param_ok(p, model))
        .unzip();
    let deep_fields: Vec<Ident> = model
        .params
        .iter()
        .filter(|p| typed::is_deep(p, model))
        .map(|p| field_ident(&p.name))
        .collect();
    let deep_call = if deep_fields.is_empty() {
        quote! { true }
    } else {
        quote! { (#(self.#deep_fields.is_none())&&*) || self.deep_is_clean() }
    };
    let type_oks = model
        .types
        .iter()
        .filter(|t| typed::named_has_checks(&t.name, model))
        .map(|t| typed::type_ok_fn(t, model));
    let fields = model.params.iter().map(|p| param_field(p, model));
    let wire_names = model.params.iter().map(|p| p.name.as_str());
    let struct_doc = doc::lines(
        "Model parameters of a chat completion request.\n\n\
         Every field is optional; an absent field is not serialized, and the upstream API \
         uses its default. Keys are the wire names, exactly as the API and LiveKit's \
         `extra_kwargs` / `modelOptions` take them.",
    );
    quote! {
        #![allow(deprecated)]

        #(#[doc = #struct_doc])*
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize)]
        #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct #name {
            #(#fields)*
        }

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
                #(#scalar_oks)*
                #deep_call
            }

            /// The checks of [`Self::is_clean`] that walk a list, a map or an object.
            #[inline(never)]
            #[allow(dead_code)]
            fn deep_is_clean(&self) -> bool {
                #(#deep_oks)*
                true
            }

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

            /// What to send to `model`: [`crate::prepare`] on these options.
            pub fn prepare(&self, model: &str, context: crate::PrepareContext) -> crate::Prepared {
                crate::prepare(model, &::serde_json::Map::from(self), context)
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
    }
}

fn param_field(p: &Param, model: &Model) -> TokenStream {
    let docs = doc::lines(&doc::param_doc(p, model, doc::Target::Rust));
    let field = field_ident(&p.name);
    let rename = rename_attr(&field, &p.name);
    let ty = rust_type(&p.ty);
    let deprecated = p.deprecated.as_ref().map(|d| {
        let note = doc::deprecation_note(d);
        quote! { #[deprecated(note = #note)] }
    });
    quote! {
        #(#[doc = #docs])*
        #deprecated
        #[serde(default, skip_serializing_if = "::core::option::Option::is_none" #rename)]
        pub #field: ::core::option::Option<#ty>,
    }
}

/// `, rename = "wire"` when the identifier does not spell the wire name (serde already
/// strips `r#`).
fn rename_attr(field: &Ident, wire: &str) -> Option<TokenStream> {
    let text = field.to_string();
    let unraw = text.strip_prefix("r#").unwrap_or(&text);
    (unraw != wire).then(|| quote! { , rename = #wire })
}

fn types_rs(model: &Model) -> TokenStream {
    let items = model.types.iter().map(|t| named_type(t, model));
    quote! {
        //! Types used by the parameters.
        #(#items)*
    }
}

fn named_type(t: &NamedType, model: &Model) -> TokenStream {
    let name = ident(&t.name);
    let docs = doc::lines(&doc::type_doc(t, model));
    match &t.kind {
        NamedKind::Enum(values) => {
            let name_text = t.name.as_str();
            let variants: Vec<Ident> = values
                .iter()
                .map(|v| variant_ident(&variant_name(&v.value).unwrap_or_default()))
                .collect();
            let wire: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            let variant_docs = values.iter().map(|v| {
                let text = if v.description.is_empty() {
                    format!("`{}`", v.value)
                } else {
                    format!("`{}`: {}", v.value, v.description)
                };
                let lines = doc::lines(&text);
                quote! { #(#[doc = #lines])* }
            });
            quote! {
                #(#[doc = #docs])*
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
                #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
                pub enum #name {
                    #(
                        #variant_docs
                        #[serde(rename = #wire)]
                        #variants,
                    )*
                }

                impl #name {
                    /// Every value, in the order of the spec.
                    pub const ALL: &'static [Self] = &[#(Self::#variants),*];

                    /// The value as it is sent on the wire.
                    pub const fn as_str(self) -> &'static str {
                        match self {
                            #(Self::#variants => #wire,)*
                        }
                    }

                    /// Parses a wire value.
                    pub fn from_wire(value: &str) -> ::core::option::Option<Self> {
                        match value {
                            #(#wire => ::core::option::Option::Some(Self::#variants),)*
                            _ => ::core::option::Option::None,
                        }
                    }
                }

                impl ::core::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl ::core::str::FromStr for #name {
                    type Err = crate::UnknownValue;

                    /// Parses a wire value (exactly: wire values are case-sensitive).
                    fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                        Self::from_wire(value).ok_or_else(|| crate::UnknownValue {
                            type_name: #name_text,
                            value: ::std::borrow::ToOwned::to_owned(value),
                        })
                    }
                }

                impl ::core::convert::TryFrom<&str> for #name {
                    type Error = crate::UnknownValue;

                    fn try_from(value: &str) -> ::core::result::Result<Self, Self::Error> {
                        ::core::str::FromStr::from_str(value)
                    }
                }
            }
        }
        NamedKind::Object(fields) => {
            let de = map_only_deserialize(
                &name,
                &fields
                    .iter()
                    .map(|f| (f.name.as_str(), !f.required, rust_type(&f.ty)))
                    .collect::<Vec<_>>(),
            );
            let fields = fields.iter().map(object_field);
            quote! {
                #(#[doc = #docs])*
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
                #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
                #[serde(deny_unknown_fields)]
                pub struct #name {
                    #(#fields)*
                }

                #de
            }
        }
        NamedKind::Union(members) => {
            let variants = members.iter().map(|m| {
                let v = variant_ident(&member_variant(m));
                let ty = rust_type(m);
                let text = format!(" {}.", crate::render::ty_name(m));
                quote! {
                    #[doc = #text]
                    #v(#ty),
                }
            });
            quote! {
                #(#[doc = #docs])*
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
                #[serde(untagged)]
                pub enum #name {
                    #(#variants)*
                }
            }
        }
    }
}

/// `Deserialize` for a struct that only reads JSON objects. serde's derive also reads a
/// struct from a JSON array (by field position), which the validators reject; so the
/// derive goes on a private twin of the struct, fed through `deserialize_map`.
fn map_only_deserialize(name: &Ident, fields: &[(&str, bool, TokenStream)]) -> TokenStream {
    let twin = format_ident!("{}Fields", name);
    let expecting = format!("a JSON object ({name})");
    let idents: Vec<Ident> = fields
        .iter()
        .map(|(wire, _, _)| field_ident(wire))
        .collect();
    let decls = fields
        .iter()
        .zip(&idents)
        .map(|((wire, optional, ty), field)| {
            let rename = rename_attr(field, wire);
            if *optional {
                quote! {
                    #[serde(default #rename)]
                    #field: ::core::option::Option<#ty>,
                }
            } else {
                let rename = rename.map(|_| quote! { #[serde(rename = #wire)] });
                quote! { #rename #field: #ty, }
            }
        });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #[derive(::serde::Deserialize)]
                #[serde(deny_unknown_fields)]
                struct #twin {
                    #(#decls)*
                }

                struct Visitor;

                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::core::result::Result<#name, A::Error> {
                        let t: #twin = ::serde::Deserialize::deserialize(::serde::de::value::MapAccessDeserializer::new(map))?;
                        ::core::result::Result::Ok(#name { #(#idents: t.#idents),* })
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

fn object_field(f: &Field) -> TokenStream {
    let docs = doc::lines(&doc::field_doc(f));
    let field = field_ident(&f.name);
    let rename = rename_attr(&field, &f.name);
    let ty = rust_type(&f.ty);
    if f.required {
        let rename = rename.map(|r| {
            let wire = &f.name;
            let _ = r;
            quote! { #[serde(rename = #wire)] }
        });
        quote! {
            #(#[doc = #docs])*
            #rename
            pub #field: #ty,
        }
    } else {
        quote! {
            #(#[doc = #docs])*
            #[serde(default, skip_serializing_if = "::core::option::Option::is_none" #rename)]
            pub #field: ::core::option::Option<#ty>,
        }
    }
}

/// The usage example as Rust statements: build the options, serialize them, compare with
/// the JSON, parse them back.
pub fn example_code(model: &Model) -> String {
    let crate_ident = format_ident!("{}", model.packages.rust.replace('-', "_"));
    let options = ident(&model.options_name);
    let fields = model.example.iter().filter_map(|(name, value)| {
        let p = model.param(name)?;
        let field = field_ident(name);
        let v = rust_value(&p.ty, value, model);
        Some(quote! { #field: Some(#v), })
    });
    let expected = expected_json(model);
    let body = quote! {
        fn main() {
            use #crate_ident::#options;

            let options = #options {
                #(#fields)*
                ..Default::default()
            };
            let json = serde_json::to_string(&options).expect("options serialize");
            assert_eq!(json, #expected);
            let back: #options = serde_json::from_str(&json).expect("options parse");
            assert_eq!(back, options);
        }
    };
    unwrap_main(body)
}

/// The runtime example: options are replaced, not merged, and `{}` clears them.
pub fn update_example_code(model: &Model) -> String {
    let crate_ident = format_ident!("{}", model.packages.rust.replace('-', "_"));
    let (a, b) = crate::emit::examples::models(model);
    let all = serde_json::Value::Object(model.example.iter().cloned().collect()).to_string();
    let one =
        serde_json::Value::Object(model.example.iter().take(1).cloned().collect()).to_string();
    let body = quote! {
        fn main() {
            use #crate_ident::{LlmOptions, PrepareContext};
            use serde_json::{Map, Value};

            let options = |json: &str| -> Map<String, Value> { serde_json::from_str(json).expect("an object") };
            let mut llm = LlmOptions::new(#a, options(#all));
            llm.update_options(Some(#b), Some(options(#one)));
            assert_eq!(llm.model(), #b);
            assert_eq!(llm.options(), &options(#one)); // replaced, not merged
            let next = llm.request(PrepareContext { has_tools: false }); // what the next request sends
            assert_eq!(next.model.as_deref(), Some(#b));
            llm.update_options(None, Some(Map::new())); // clears them
            assert!(llm.options().is_empty());
        }
    };
    unwrap_main(body)
}

/// Formats `fn main() { .. }` and returns its body, dedented: example code for docs.
fn unwrap_main(body: TokenStream) -> String {
    let file: syn::File = match syn::parse2(body) {
        Ok(f) => f,
        Err(e) => panic!("the Rust emitter built an invalid example: {e}"),
    };
    prettyplease::unparse(&file)
        .lines()
        .skip(1)
        .take_while(|l| *l != "}")
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The JSON text that serde_json writes for the example: keys in parameter order, floats
/// as f64 (`1.0`, not `1`).
pub fn expected_json(model: &Model) -> String {
    let parts: Vec<String> = model
        .example
        .iter()
        .filter_map(|(name, value)| {
            let p = model.param(name)?;
            Some(format!(
                "{}:{}",
                serde_json::Value::from(name.as_str()),
                normalized(&p.ty, value, model)
            ))
        })
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// A value as the typed Rust struct writes it back.
fn normalized(ty: &Ty, value: &serde_json::Value, model: &Model) -> serde_json::Value {
    use serde_json::Value as V;
    match (ty, value) {
        (Ty::Float(_), V::Number(n)) => n.as_f64().map(V::from).unwrap_or(V::Null),
        (Ty::List { item, .. }, V::Array(a)) => {
            V::Array(a.iter().map(|v| normalized(item, v, model)).collect())
        }
        (Ty::Map { value: vt, .. }, V::Object(m)) => V::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), normalized(vt, v, model)))
                .collect(),
        ),
        (Ty::Named(n), v) => match model.named(n).map(|t| &t.kind) {
            Some(NamedKind::Object(fields)) => match v {
                V::Object(m) => V::Object(
                    fields
                        .iter()
                        .filter_map(|f| {
                            let x = m.get(&f.name)?;
                            Some((f.name.clone(), normalized(&f.ty, x, model)))
                        })
                        .collect(),
                ),
                other => other.clone(),
            },
            Some(NamedKind::Union(members)) => members
                .iter()
                .find(|m| crate::check::fits(m, v, &model.types).is_ok())
                .map(|m| normalized(m, v, model))
                .unwrap_or_else(|| v.clone()),
            _ => v.clone(),
        },
        (_, v) => v.clone(),
    }
}

/// A Rust expression of type `ty` for a value the checker already found to fit it, written
/// as user code (prelude names), for examples and tests.
pub fn rust_value(ty: &Ty, value: &serde_json::Value, model: &Model) -> TokenStream {
    use serde_json::Value as V;
    match (ty, value) {
        (Ty::Bool, V::Bool(b)) => quote! { #b },
        (Ty::Integer(_), V::Number(n)) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(n.as_f64().unwrap_or(0.0) as i64);
            quote! { #lit }
        }
        (Ty::Float(_), V::Number(n)) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(n.as_f64().unwrap_or(0.0));
            quote! { #lit }
        }
        (Ty::String(_), V::String(s)) => quote! { String::from(#s) },
        (Ty::List { item, .. }, V::Array(a)) => {
            let items = a.iter().map(|v| rust_value(item, v, model));
            quote! { vec![#(#items),*] }
        }
        (Ty::Map { value: vt, .. }, V::Object(m)) => {
            let entries = m.iter().map(|(k, v)| {
                let v = rust_value(vt, v, model);
                quote! { (String::from(#k), #v) }
            });
            quote! { std::collections::BTreeMap::from([#(#entries),*]) }
        }
        (Ty::Named(n), v) => {
            let name = ident(n);
            match model.named(n).map(|t| &t.kind) {
                Some(NamedKind::Enum(values)) => {
                    let variant = values
                        .iter()
                        .find(|x| Some(x.value.as_str()) == v.as_str())
                        .and_then(|x| variant_name(&x.value))
                        .unwrap_or_default();
                    let variant = variant_ident(&variant);
                    quote! { #name::#variant }
                }
                Some(NamedKind::Object(fields)) => {
                    let inits = fields.iter().map(|f| {
                        let field = field_ident(&f.name);
                        match v.get(&f.name).filter(|x| !x.is_null()) {
                            Some(x) if f.required => {
                                let x = rust_value(&f.ty, x, model);
                                quote! { #field: #x, }
                            }
                            Some(x) => {
                                let x = rust_value(&f.ty, x, model);
                                quote! { #field: Some(#x), }
                            }
                            None => quote! { #field: None, },
                        }
                    });
                    quote! { #name { #(#inits)* } }
                }
                Some(NamedKind::Union(members)) => {
                    match members
                        .iter()
                        .find(|m| crate::check::fits(m, v, &model.types).is_ok())
                    {
                        Some(m) => {
                            let variant = variant_ident(&member_variant(m));
                            let inner = rust_value(m, v, model);
                            quote! { #name::#variant(#inner) }
                        }
                        None => quote! { ::core::unreachable!() },
                    }
                }
                None => quote! { ::core::unreachable!() },
            }
        }
        _ => quote! { ::core::unreachable!() },
    }
}

/// The variant of a union that holds a member of this type.
fn member_variant(ty: &Ty) -> String {
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
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try",
    "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

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
fn variant_ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        format_ident!("{name}_")
    } else {
        Ident::new(name, Span::call_site())
    }
}

fn ident(name: &str) -> Ident {
    variant_ident(name)
}

mod raw;

/// Typed validation, generated per field: only the limits the Rust types cannot express.
mod typed {
    use proc_macro2::TokenStream;
    use quote::{format_ident, quote};

    use super::{field_ident, ident, member_variant, opt_f64, opt_u64, variant_ident};
    use crate::model::{Model, NamedKind, NamedType, Param, Ty};

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
                quote! { crate::engine::check_range(*#v as f64, #min, #max, &path, sink); }
            }
            Ty::Float(r) => {
                let (min, max) = (opt_f64(r.min), opt_f64(r.max));
                quote! { crate::engine::check_range(*#v, #min, #max, &path, sink); }
            }
            Ty::String(c) => {
                let (min, max) = (opt_u64(c.min), opt_u64(c.max));
                quote! { crate::engine::check_str(#v, #min, #max, &path, sink); }
            }
            Ty::List { item, items } => {
                let count = (!items.is_unbounded()).then(|| {
                    let (min, max) = (opt_u64(items.min), opt_u64(items.max));
                    quote! { crate::engine::check_count(#v.len(), #min, #max, "items", crate::Code::TooManyItems, &path, sink); }
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
                    quote! { crate::engine::check_count(#v.len(), #min, #max, "entries", crate::Code::TooManyItems, &path, sink); }
                });
                let key = (!key_length.is_unbounded() || key_format.is_some()).then(|| {
                    let (min, max) = (opt_u64(key_length.min), opt_u64(key_length.max));
                    let token = key_format.is_some();
                    quote! { crate::engine::check_key(k, #min, #max, #token, &path, sink); }
                });
                let inner = checks(value, &quote! { x }, model);
                let each = (key.is_some() || !inner.is_empty()).then(|| {
                    quote! {
                        for (k, x) in #v.iter() {
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
                    let variant = variant_ident(&member_variant(m));
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
                    let variant = variant_ident(&member_variant(m));
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
        let position = |n: &str| model.params.iter().position(|q| q.name == n);
        let mut rest: Vec<TokenStream> = p
            .exclusive_with
            .iter()
            .filter(|o| position(o) < position(&p.name))
            .map(|o| {
                let of = field_ident(o);
                quote! { self.#of.is_some() }
            })
            .collect();
        rest.extend(
            p.requires
                .iter()
                .map(|(other, value)| unmet(other, value, model)),
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
        let deprecated = p
            .deprecated
            .is_some()
            .then(|| quote! { sink.deprecated(&path, #wire); });
        let position = |n: &str| model.params.iter().position(|q| q.name == n);
        let exclusive = p
            .exclusive_with
            .iter()
            .filter(|o| position(o) < position(&p.name))
            .map(|o| {
                let of = field_ident(o);
                quote! { if self.#of.is_some() { sink.exclusive(&path, #wire, #o); } }
            });
        let requires = p.requires.iter().map(|(other, value)| {
            let unmet = unmet(other, value, model);
            let lit = super::lit(value);
            quote! { if #unmet { sink.missing(&path, #wire, #other, crate::engine::#lit); } }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped_never_renamed() {
        assert_eq!(field_ident("type").to_string(), "r#type");
        assert_eq!(field_ident("gen").to_string(), "r#gen");
        assert_eq!(field_ident("self").to_string(), "self_");
        assert_eq!(field_ident("top_p").to_string(), "top_p");
        let f = field_ident("type");
        assert!(rename_attr(&f, "type").is_none(), "serde strips r# itself");
        let f = field_ident("self");
        assert!(rename_attr(&f, "self").is_some());
        assert_eq!(variant_ident("Self").to_string(), "Self_");
    }
}
