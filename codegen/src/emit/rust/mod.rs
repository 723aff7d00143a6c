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
use crate::plan;

/// Where the crate goes.
pub const DIR: &str = "generated/rust";

pub fn emit(model: &Model) -> Vec<OutputFile> {
    let shapes = shapes::Shapes::new(model);
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
        rust_file("src/options.rs", options_rs(model, &shapes)),
        rust_file("src/types.rs", types_rs(model)),
        rust_file("src/rules.rs", rules_rs(model)),
        rust_file("src/raw.rs", raw::raw_rs(model, &shapes)),
        rust_file("src/shapes.rs", shapes.file()),
        OutputFile {
            path: format!("{DIR}/src/engine.rs"),
            contents: format!(
                "{}\n\n{ENGINE}",
                doc::header("//", "codegen/runtime/rust_engine.rs")
            ),
        },
        OutputFile {
            path: format!("{DIR}/src/cli.rs"),
            contents: format!(
                "{}\n\n{CLI}",
                doc::header("//", "codegen/runtime/rust_cli.rs")
            ),
        },
        rust_file("src/main.rs", main_rs(model)),
        OutputFile {
            path: format!("{DIR}/README.md"),
            contents: readme(model),
        },
    ]
}

/// The command-line checker (`docs/cli.md`), the same for every spec:
/// `codegen/runtime/rust_cli.rs`, copied as it is, like [`ENGINE`].
const CLI: &str = include_str!("../../../runtime/rust_cli.rs");

/// The crate's binary, named after the crate: the command line of `docs/cli.md`.
fn main_rs(model: &Model) -> TokenStream {
    let krate = format_ident!("{}", model.packages.rust.replace('-', "_"));
    let doc = format!(
        "`{}`: checks options files against the spec, or prepares them for a model \
         (`{0} check FILE... [--model ID [--tools]]`, `{0} prepare FILE --model ID`).",
        model.packages.rust
    );
    quote! {
        #![doc = #doc]

        fn main() -> ::std::process::ExitCode {
            #krate::__cli::main()
        }
    }
}

/// The rules engine, the same for every spec: `codegen/runtime/rust_engine.rs`, copied as
/// it is. It is ordinary Rust, formatted by rustfmt (`cargo xtask test` checks it) and
/// compiled and linted in every generated crate of the workspace.
const ENGINE: &str = include_str!("../../../runtime/rust_engine.rs");

mod examples;
mod naming;
mod options;
mod packaging;
mod raw;
mod rules;
mod shapes;
mod typed;
mod types;

pub use examples::{
    example_code, expected_json, prepare_example_code, rust_value, update_example_code,
};
pub use naming::{field_ident, rust_type};
use naming::{ident, member_variant, variant_ident};
use options::{options_rs, rename_attr};
pub use packaging::format_tokens;
use packaging::{lib_rs, manifest, readme, rust_file};
use rules::{lit, rules_rs};
use types::types_rs;

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
