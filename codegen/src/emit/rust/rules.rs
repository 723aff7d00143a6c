//! `rules.rs`: the tables `prepare` reads (parameters, models, the effort rule).

use super::*;

pub(super) fn opt_f64(v: Option<f64>) -> TokenStream {
    match v {
        Some(x) => {
            let lit = proc_macro2::Literal::f64_suffixed(x);
            quote! { ::core::option::Option::Some(#lit) }
        }
        None => quote! { ::core::option::Option::None },
    }
}

pub(super) fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(x) => {
            let lit = proc_macro2::Literal::u64_suffixed(x);
            quote! { ::core::option::Option::Some(#lit) }
        }
        None => quote! { ::core::option::Option::None },
    }
}

pub(super) fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(x) => quote! { ::core::option::Option::Some(#x) },
        None => quote! { ::core::option::Option::None },
    }
}

pub(super) fn lit(v: &serde_json::Value) -> TokenStream {
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

pub(super) fn rules_rs(model: &Model) -> TokenStream {
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
