//! What the examples of every target share, chosen once from the spec: the docs' pages,
//! the Rust doc tests and the TypeScript and Python example files render the same choices.

use crate::model::Model;

/// The two models the `update_options` example switches between: the first of the
/// catalog and one from its middle (placeholders when the catalog is empty).
pub fn models(model: &Model) -> (String, String) {
    let ids: Vec<&str> = model.catalog.models.iter().map(|m| m.id.as_str()).collect();
    match ids.as_slice() {
        [] => ("acme/model-a".to_owned(), "acme/model-b".to_owned()),
        [only] => ((*only).to_owned(), (*only).to_owned()),
        _ => (ids[0].to_owned(), ids[ids.len() / 2].to_owned()),
    }
}

/// The first example entry alone: what the update example replaces the options with.
pub fn first(model: &Model) -> Option<&(String, serde_json::Value)> {
    model.example.first()
}
