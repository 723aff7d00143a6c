//! One module per target; each is a pure function `&Model -> Vec<OutputFile>`.

pub mod conformance;
pub mod doc;
pub mod examples;
pub mod json_schema;
pub mod markdown;
pub mod python;
pub mod rust;
pub mod site;
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
    // The two largest emitters (the Rust crate, formatted by prettyplease, and the
    // vectors) on threads of their own, the rest on this one; the files come out in the
    // same order whatever finishes first.
    let (rust, conformance, rest) = std::thread::scope(|scope| {
        let rust = scope.spawn(|| rust::emit(model));
        let conformance = scope.spawn(|| conformance::emit(model));
        let mut rest = typescript::emit(model);
        rest.extend(python::emit(model));
        rest.extend(json_schema::emit(model));
        let docs = markdown::emit(model);
        let site = docs
            .first()
            .map(|page| site::emit(model, &page.contents))
            .unwrap_or_default();
        rest.extend(docs);
        rest.extend(site);
        let join = |h: std::thread::ScopedJoinHandle<'_, Vec<OutputFile>>| {
            h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
        };
        (join(rust), join(conformance), rest)
    });
    out.extend(rust);
    out.extend(conformance);
    out.extend(rest);
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
