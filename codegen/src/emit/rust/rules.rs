//! `rules.rs`: the tables `prepare` reads (parameters, models, the effort rule).

use super::*;

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

/// A list of `prepare` steps as a slice expression.
fn steps_rs(steps: &[plan::Step]) -> TokenStream {
    let steps = steps.iter().map(|s| {
        let param = &s.param;
        let when = s.when.iter().map(|c| match c {
            plan::Cond::Tools(true) => quote! { Cond::Tools },
            plan::Cond::Tools(false) => quote! { Cond::NoTools },
            plan::Cond::Set(p) => quote! { Cond::Set(#p) },
            plan::Cond::Unset(p) => quote! { Cond::Unset(#p) },
            plan::Cond::In {
                param,
                values,
                unset,
            } => quote! { Cond::In(#param, &[#(#values),*], #unset) },
            plan::Cond::NotIn {
                param,
                values,
                unset,
            } => quote! { Cond::NotIn(#param, &[#(#values),*], #unset) },
            plan::Cond::Above(p, n) => {
                let n = proc_macro2::Literal::f64_suffixed(*n);
                quote! { Cond::Above(#p, #n) }
            }
            plan::Cond::Below(p, n) => {
                let n = proc_macro2::Literal::f64_suffixed(*n);
                quote! { Cond::Below(#p, #n) }
            }
        });
        let act = match &s.act {
            plan::Act::Remove => quote! { Act::Remove },
            plan::Act::Move { to } => quote! { Act::Move(#to) },
            plan::Act::Set { value } => {
                let lit = lit(value);
                quote! { Act::Set(#lit) }
            }
            plan::Act::Clamp { value } => {
                let n = proc_macro2::Literal::f64_suffixed(*value);
                quote! { Act::Clamp(#n) }
            }
            plan::Act::Warn => quote! { Act::Warn },
        };
        let reason = format_ident!("{}", heck::AsUpperCamelCase(s.reason).to_string());
        let message = s.message.iter();
        quote! {
            Step {
                param: #param,
                when: &[#(#when),*],
                act: #act,
                reason: Reason::#reason,
                message: &[#(#message),*],
            }
        }
    });
    quote! { &[#(#steps),*] }
}

pub(super) fn rules_rs(model: &Model) -> TokenStream {
    let info = |m: &crate::model::CatalogModel| {
        let (id, family, reasoning) = (&m.id, &m.family, m.reasoning);
        let rejects = m.rejects.iter();
        let allowed = m.allowed_at_effort_off.iter();
        let min = opt_str(m.min_reasoning_effort.as_deref());
        let tools = m.rejects_effort_with_tools;
        let max = opt_str(m.efforts.highest.as_deref());
        let default = opt_str(m.efforts.default.as_deref());
        let off_with_tools = matches!(m.tools, Some((crate::model::ToolsEffort::RequireOff, _)));
        let output = opt_u64(m.output.as_ref().and_then(|o| o.max_tokens));
        let window = opt_u64(m.output.as_ref().and_then(|o| o.context_window));
        let shutdown = opt_str(m.deprecated.as_ref().and_then(|d| d.shutdown.as_deref()));
        let successor = opt_str(m.deprecated.as_ref().and_then(|d| d.successor.as_deref()));
        let prefixes = m.prefixes.iter();
        quote! {
            ModelInfo {
                id: #id,
                family: #family,
                reasoning: #reasoning,
                rejects: &[#(#rejects),*],
                allowed_at_effort_off: &[#(#allowed),*],
                min_reasoning_effort: #min,
                rejects_effort_with_tools: #tools,
                max_reasoning_effort: #max,
                default_reasoning_effort: #default,
                requires_effort_off_with_tools: #off_with_tools,
                max_output_tokens: #output,
                context_window: #window,
                shutdown: #shutdown,
                successor: #successor,
                prefixes: &[#(#prefixes),*],
            }
        }
    };
    let models = model.catalog.models.iter().map(info);
    let family_entries = model.catalog.family_entries.iter().map(info);
    let patterns = model.catalog.patterns.iter().map(|p| {
        let prefix = &p.prefix;
        let (family, i) = match p.target {
            crate::model::PatternTarget::Model(i) => (false, i),
            crate::model::PatternTarget::Family(i) => (true, i),
        };
        quote! { (#prefix, #family, #i) }
    });
    let order =
        plan::ISSUE_ORDER
            .iter()
            .fold(quote! { ::core::cmp::Ordering::Equal }, |acc, field| {
                let key = match *field {
                    "code" => quote! { code.as_str() },
                    other => {
                        let f = format_ident!("{}", other);
                        quote! { #f.as_str() }
                    }
                };
                quote! { #acc.then_with(|| a.#key.cmp(b.#key)) }
            });
    let reason_arms = plan::REASON_ISSUES.iter().map(|(reason, code, severity)| {
        let reason = format_ident!("{}", heck::AsUpperCamelCase(reason).to_string());
        let code = format_ident!("{}", heck::AsUpperCamelCase(code).to_string());
        let severity = format_ident!("{}", heck::AsUpperCamelCase(severity).to_string());
        quote! {
            Reason::#reason => (crate::engine::Code::#code, crate::engine::Severity::#severity),
        }
    });
    let prepare = plan::prepare(model);
    let common = steps_rs(&prepare.common);
    let groups = prepare.groups.iter().map(|g| steps_rs(g));
    let model_group = prepare.model_group.iter();
    let family_group = prepare.family_group.iter();
    let messages = plan::common_messages().into_iter().map(|(name, t)| {
        let name = format_ident!("{}", name.to_uppercase());
        let text = text_rs(&t);
        quote! { pub(crate) const #name: Text = #text; }
    });
    quote! {
        //! The spec as tables for `prepare`: the model catalog and the steps that prepare a
        //! request for each model.
        #![allow(clippy::all, dead_code)]

        #[allow(unused_imports)] // a catalog without steps names no condition or reason
        use crate::engine::{Act, Cond, Lit, ModelInfo, Reason, Step, Text};

        /// Every model of the catalog, in catalog order.
        pub(crate) static MODELS: &[ModelInfo] = &[#(#models),*];

        /// `prepare`'s steps for every known model, before its own.
        pub(crate) static COMMON_STEPS: &[Step] = #common;

        /// Distinct lists of steps; models with the same rules share one.
        pub(crate) static STEP_GROUPS: &[&[Step]] = &[#(#groups),*];

        /// The step group of each model of [`MODELS`].
        pub(crate) static MODEL_GROUPS: &[usize] = &[#(#model_group),*];

        /// The families that ids match by prefix, as entries.
        pub(crate) static FAMILY_ENTRIES: &[ModelInfo] = &[#(#family_entries),*];

        /// The step group of each of [`FAMILY_ENTRIES`].
        pub(crate) static FAMILY_GROUPS: &[usize] = &[#(#family_group),*];

        /// Id prefixes, longest first: the prefix, whether it leads to a family entry
        /// (else a model), and the index.
        pub(crate) static PATTERNS: &[(&str, bool, usize)] = &[#(#patterns),*];

        // The messages every spec has: the text before and after the value.
        #(#messages)*

        /// The issue `validate_for` reports for each reason of a change of `prepare`.
        pub(crate) fn reason_issue(
            reason: Reason,
        ) -> (crate::engine::Code, crate::engine::Severity) {
            match reason {
                #(#reason_arms)*
                #[allow(unreachable_patterns)]
                _ => (crate::engine::Code::UnsupportedByModel, crate::engine::Severity::Error),
            }
        }

        /// The order of issues: by each of these fields in turn, as strings.
        pub(crate) fn issue_order(
            a: &crate::engine::Issue,
            b: &crate::engine::Issue,
        ) -> ::core::cmp::Ordering {
            #order
        }
    }
}

/// A message template as a `(before, after)` tuple expression.
pub(super) fn text_rs(t: &plan::Template) -> TokenStream {
    let (before, after) = (&t.before, &t.after);
    quote! { (#before, #after) }
}

/// The messages of a number outside its range.
pub(super) fn outside_rs(r: &crate::model::Range) -> TokenStream {
    text_rs(&plan::outside(r.min, r.max))
}

/// The messages of a size above and below its limits, as a `(many, few)` tuple.
pub(super) fn sizes_rs(counted: plan::Counted, c: &crate::model::Count) -> TokenStream {
    let many = text_rs(&plan::too_many(counted, c.min, c.max));
    let few = text_rs(&plan::too_few(counted, c.min, c.max));
    quote! { (#many, #few) }
}
