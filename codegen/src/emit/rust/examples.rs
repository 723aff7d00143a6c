//! The spec's example as Rust: the doc tests and the docs page render the same code.

use super::*;

/// The usage example as Rust statements: build the options, serialize them, compare with
/// the JSON, parse them back.
pub fn example_code(model: &Model) -> String {
    let crate_ident = format_ident!("{}", model.packages.rust.replace('-', "_"));
    let options = ident(&model.options_name);
    let fields = example_fields(model);
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

/// The `prepare` example: validate the example options, then prepare them for a model of
/// the catalog and print every change.
pub fn prepare_example_code(model: &Model) -> String {
    let crate_ident = format_ident!("{}", model.packages.rust.replace('-', "_"));
    let options = ident(&model.options_name);
    let fields = example_fields(model);
    let (a, _) = crate::emit::examples::models(model);
    let body = quote! {
        fn main() {
            use #crate_ident::{#options, PrepareContext};

            let options = #options {
                #(#fields)*
                ..Default::default()
            };
            // Every issue at once (path, stable code, severity, message); empty when valid.
            assert!(options.validate().is_empty());
            // What to send to one model, and every change made to get there.
            let prepared = options.prepare(#a, PrepareContext { has_tools: false });
            for change in &prepared.changes {
                println!("{}: {} ({})", change.parameter, change.message, change.reason);
            }
            let body = serde_json::to_string(&prepared.options).expect("options serialize");
            assert!(body.starts_with('{'));
        }
    };
    unwrap_main(body)
}

/// The example's parameters as struct fields (`temperature: Some(0.7),`).
fn example_fields(model: &Model) -> Vec<TokenStream> {
    model
        .example
        .iter()
        .filter_map(|(name, value)| {
            let p = model.param(name)?;
            let field = field_ident(name);
            let v = rust_value(&p.ty, value, model);
            Some(quote! { #field: Some(#v), })
        })
        .collect()
}

/// Formats `fn main() { .. }` and returns its body, dedented: example code for docs.
pub(super) fn unwrap_main(body: TokenStream) -> String {
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
pub(super) fn normalized(ty: &Ty, value: &serde_json::Value, model: &Model) -> serde_json::Value {
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
            // By its path in the crate: the example runs outside it, and imports nothing
            // but the options type.
            let krate = format_ident!("{}", model.packages.rust.replace('-', "_"));
            let name = ident(n);
            let name = quote! { #krate::#name };
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
                            let variant = variant_ident(&member_variant(members, m));
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
