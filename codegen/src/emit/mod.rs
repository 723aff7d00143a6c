//! One module per target; each is a pure function `&Model -> Vec<OutputFile>`.

pub mod conformance;
pub mod doc;
pub mod examples;
pub mod json_schema;
pub mod markdown;
pub mod python;
pub mod rust;
pub mod typescript;

use crate::OutputFile;
use crate::model::Model;

/// Whether a file is one every package carries verbatim (license texts, the changelog): a
/// header would make a license unrecognisable to license scanners, so they have none.
pub use crate::check::is_shipped_name;

/// Every generated file of every target, in a stable order.
pub fn all(model: &Model) -> Vec<OutputFile> {
    let mut out = Vec::new();
    for dir in [rust::DIR, typescript::DIR, python::DIR] {
        out.extend(model.shipped.iter().map(|f| OutputFile {
            path: format!("{dir}/{}", f.name),
            contents: f.contents.clone(),
        }));
    }
    out.extend(rust::emit(model));
    out.extend(conformance::emit(model));
    out.extend(typescript::emit(model));
    out.extend(python::emit(model));
    out.extend(json_schema::emit(model));
    out.extend(markdown::emit(model));
    out
}

/// The JSON Schemas of the spec format itself (`schema/*.schema.json`), for editors and
/// for the checker's first pass.
pub fn spec_schemas() -> Vec<OutputFile> {
    [
        ("schema/spec.schema.json", crate::check::spec_schema()),
        ("schema/models.schema.json", crate::check::catalog_schema()),
    ]
    .into_iter()
    .map(|(path, schema)| OutputFile {
        path: path.to_owned(),
        contents: json_file(schema, "the spec types in codegen/src/spec.rs"),
    })
    .collect()
}

/// A pretty JSON file whose first key is a `$comment` with the generated-file header.
pub fn json_file(value: serde_json::Value, from: &str) -> String {
    let mut out = serde_json::Map::new();
    out.insert(
        "$comment".to_owned(),
        serde_json::Value::String(doc::header("", from).trim_start().to_owned()),
    );
    if let serde_json::Value::Object(map) = value {
        for (k, v) in map {
            out.insert(k, v);
        }
    }
    let mut text =
        serde_json::to_string_pretty(&serde_json::Value::Object(out)).unwrap_or_default();
    text.push('\n');
    text
}
