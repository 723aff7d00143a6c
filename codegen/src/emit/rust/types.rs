//! `types.rs`: the named types (enums, objects, unions).

use super::*;

pub(super) fn types_rs(model: &Model) -> TokenStream {
    let items = model.types.iter().map(|t| named_type(t, model));
    quote! {
        //! Types used by the parameters.
        #(#items)*
    }
}

pub(super) fn named_type(t: &NamedType, model: &Model) -> TokenStream {
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
                let v = variant_ident(&member_variant(members, m));
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
pub(super) fn map_only_deserialize(
    name: &Ident,
    fields: &[(&str, bool, TokenStream)],
) -> TokenStream {
    // `Self_` (a spec type named `Self`) has a twin `SelfFields`: no underscore in it.
    let twin = format_ident!("{}Fields", name.to_string().trim_end_matches('_'));
    let expecting = format!("a JSON object ({})", name.to_string().trim_end_matches('_'));
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

pub(super) fn object_field(f: &Field) -> TokenStream {
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
