//! The crate around the code: the manifest, `lib.rs`, and formatting tokens into files.

use super::*;

pub(super) fn rust_file(path: &str, tokens: TokenStream) -> OutputFile {
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
pub(super) fn space_items(code: &str) -> String {
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

pub(super) fn manifest(model: &Model) -> String {
    format!(
        r#"{header}

[package]
name = "{crate_name}"
version = "{version}"
edition = "2021"
rust-version = "1.82"
description = "LLM model parameters: typed options, validation and per-model request preparation, generated from one spec"
license = {license}
readme = "README.md"
keywords = [{keywords}]
categories = ["api-bindings"]{links}

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
        license = doc::toml_str(&model.packages.license),
        keywords = doc::toml_strs(model.packages.keywords.iter().map(String::as_str)),
        links = [
            ("repository", &model.packages.repository),
            ("homepage", &model.packages.homepage),
            ("documentation", &model.packages.documentation),
        ]
        .iter()
        .filter_map(|(key, url)| Some(format!("\n{key} = {}", doc::toml_str(url.as_deref()?))))
        .collect::<String>(),
    )
}

pub(super) fn lib_rs(model: &Model) -> TokenStream {
    let options = ident(&model.options_name);
    // Code that works with any spec's crate (this repository's tests and tools) names the
    // options type by a name no spec type can take (they are PascalCase).
    let alias = quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        pub type __Options = #options;
    };
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
        text.push_str(&format!(
            "\n# Preparing a request\n\n`prepare` returns what to send to one model, with \
             every change it made (a parameter the model rejects removed, a deprecated one \
             moved, an effort or a number brought within what the model takes):\n\n\
             ```rust\n{}\n```\n",
            prepare_example_code(model)
        ));
    }
    let crate_doc = doc::lines(&text);
    quote! {
        #(#![doc = #crate_doc])*
        #![forbid(unsafe_code)]

        mod engine;
        /// The command line of the crate's binary (`docs/cli.md`).
        #[doc(hidden)]
        #[path = "cli.rs"]
        pub mod __cli;
        mod options;
        mod raw;
        mod rules;
        mod shapes;
        mod types;

        pub use engine::{
            find_model, prepare, validate, validate_for, Action, Change, Code, Issue, Issues, LlmOptions,
            Matched, ModelInfo, PrepareContext, PrepareWarning, Prepared, Reason, Severity,
            UnknownValue,
        };
        /// "Did you mean": the plain scan and the indexed lookup (the same answer), for tests.
        #[doc(hidden)]
        pub use engine::{suggest as __suggest, suggest_in as __suggest_in};
        pub use options::#options;
        #alias
        #types_use

        /// Every model of the catalog, in catalog order.
        pub fn models() -> &'static [ModelInfo] {
            rules::MODELS
        }
    }
}

/// The crate's `README.md` (crates.io shows it): what it is, how to install it, the
/// examples of the crate docs, the command line and the links.
pub(super) fn readme(model: &Model) -> String {
    let krate = &model.packages.rust;
    let mut out = format!(
        "<!--{} -->\n\n# {krate}\n\n{}",
        doc::header("", "schema/spec.yaml"),
        doc::package_intro(model)
    );
    out.push_str(&format!(
        "`{}` holds every parameter, each optional; `validate` reports every issue, \
         `prepare` adapts options to one model of the catalog, and `LlmOptions` keeps a model \
         and its options (an update replaces them, never merges).\n\n\
         ## Install\n\n```sh\ncargo add {krate}\n```\n\n\
         At run time it needs only `serde` and `serde_json`; the `schemars` feature derives \
         `JsonSchema` for every type.\n",
        model.options_name
    ));
    if !model.example.is_empty() {
        out.push_str(&format!(
            "\n## Usage\n\n```rust\n{}\n```\n\n## Preparing a request\n\n```rust\n{}\n```\n\n\
             ## Updating options at runtime\n\n```rust\n{}\n```\n",
            example_code(model),
            prepare_example_code(model),
            update_example_code(model)
        ));
    }
    out.push_str(&doc::command_line_section(
        model,
        krate,
        &format!("cargo install {krate}"),
        "the npm and PyPI packages",
    ));
    out.push_str(&doc::links_section(
        model,
        &format!("https://docs.rs/{krate}"),
    ));
    out
}
