//! The checked model: resolved, typed and ordered. Emitters read this and nothing else.
//!
//! Every name here is already valid, every reference resolves, every default fits its
//! type: an emitter never has to check anything, and never fails.

use serde_json::Value;

pub use crate::spec::{KeyFormat, ModelDeprecation, Packages, ReasoningSupport, ToolsEffort};

/// The whole checked spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Semantic version; every generated package takes it.
    pub version: String,
    /// Name of the options type (`ModelOptions`).
    pub options_name: String,
    pub packages: Packages,
    /// The files every package carries as they are: the license texts and the changelog.
    pub shipped: Vec<ShippedFile>,
    pub description: String,
    pub sources: Vec<Source>,
    /// In spec order (the order of the docs).
    pub params: Vec<Param>,
    /// Each parameter's index in `params`, by name (built with them by the checker).
    pub param_index: std::collections::HashMap<String, usize>,
    /// Sorted by name, including the unions the spec wrote inline.
    pub types: Vec<NamedType>,
    pub catalog: Catalog,
    /// The usage example (parameter, value), in parameter order.
    pub example: Vec<(String, Value)>,
}

/// The largest minimum a length, item or entry count may have. Maximums go up to the
/// format's largest integer (2^53 - 1): nothing is built that long, the vectors at a
/// maximum above [`MAX_MATERIALIZED`] are left out.
pub const MAX_MINIMUM: u64 = 4096;

/// The longest string, list or map the conformance vectors build at a maximum: a limit
/// above it gets no "at its maximum" and "one past it" vectors (the engines' comparison
/// with the limit is the same code at any size, and the smaller limits test it).
pub const MAX_MATERIALIZED: u64 = 4096;

/// A file every package carries as it is (no "generated" header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShippedFile {
    /// Its name in each package (`LICENSE-MIT`, `CHANGELOG.md`).
    pub name: String,
    pub contents: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Wire name (`snake_case`).
    pub name: String,
    pub ty: Ty,
    pub default: Option<Value>,
    pub reasoning: ReasoningSupport,
    /// Sorted, symmetric.
    pub exclusive_with: Vec<String>,
    /// Parameter name and the value it must have; sorted by name.
    pub requires: Vec<(String, Value)>,
    pub deprecated: Option<Deprecation>,
    pub requires_tools: bool,
    pub summary: String,
    pub description: String,
    pub source: Option<String>,
    pub extension: bool,
    /// A declared rename (`renamed_from`): the checker also lowered the old name into a
    /// deprecated parameter that moves to this one.
    pub renamed_from: Option<Rename>,
}

/// A parameter's former name and the version that renamed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    pub name: String,
    pub since: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deprecation {
    pub replaced_by: Vec<String>,
    pub moves_to: Option<String>,
    pub note: String,
}

/// Inclusive numeric bounds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Range {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Inclusive count bounds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

impl Count {
    pub fn is_unbounded(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

/// A resolved type with its limits.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Bool,
    /// A whole number; bounds are integral.
    Integer(Range),
    Float(Range),
    /// Length counted in Unicode code points.
    String(Count),
    List {
        item: Box<Ty>,
        items: Count,
    },
    /// A JSON object with string keys.
    Map {
        value: Box<Ty>,
        entries: Count,
        key_length: Count,
        key_format: Option<KeyFormat>,
    },
    /// A type from [`Model::types`], by name. Unions written inline in the spec are
    /// named by where they stand (`stop` -> `Stop`) and live there too.
    Named(String),
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedType {
    /// `PascalCase`.
    pub name: String,
    pub description: String,
    /// Written inline in the spec (and named by the checker).
    pub inline: bool,
    pub kind: NamedKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NamedKind {
    /// A closed set of strings, in spec order.
    Enum(Vec<EnumValue>),
    /// An object with known fields, in spec order; other keys are rejected.
    Object(Vec<Field>),
    /// The first member that fits (an untagged union), in spec order.
    Union(Vec<Ty>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub value: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Wire name.
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub description: String,
}

/// The model catalog with every family rule already applied to each model.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub description: String,
    /// The parameter that sets reasoning effort, if the spec has one.
    pub effort: Option<Effort>,
    pub families: Vec<Family>,
    /// In catalog order.
    pub models: Vec<CatalogModel>,
    /// The parameters a model's output cap limits.
    pub output_parameters: Vec<String>,
    /// Each family with `prefixes`, as the rules an id that matches one of them gets.
    pub family_entries: Vec<CatalogModel>,
    /// Every prefix, longest first (then in catalog order: models, then families).
    pub patterns: Vec<Pattern>,
}

/// An id prefix and the entry it leads to.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// Matched against the full id when it has a `/`, else against the name without the
    /// provider.
    pub prefix: String,
    pub target: PatternTarget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternTarget {
    /// An index into [`Catalog::models`].
    Model(usize),
    /// An index into [`Catalog::family_entries`].
    Family(usize),
}

/// The efforts a model takes, as values of the effort enum.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EffortRange {
    /// Every effort taken, in enum order, when not all between `lowest` and `highest` are.
    pub accepted: Vec<String>,
    pub lowest: Option<String>,
    pub highest: Option<String>,
    pub default: Option<String>,
    pub source: Option<String>,
}

/// The values of a parameter a model takes.
#[derive(Debug, Clone, PartialEq)]
pub struct OnlyValues {
    pub param: String,
    pub only: Vec<String>,
    pub source: Option<String>,
}

/// A narrower range of a numeric parameter for a model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelLimit {
    pub param: String,
    pub range: Range,
    /// Integer parameters clamp to whole bounds.
    pub integer: bool,
    pub source: Option<String>,
}

/// What a source says of a model's output and context.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFacts {
    pub max_tokens: Option<u64>,
    pub context_window: Option<u64>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Effort {
    /// The parameter (its type is an enum).
    pub parameter: String,
    /// The enum value that turns reasoning off.
    pub off: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    pub name: String,
    pub description: String,
    pub reasoning: bool,
    /// In spec order of the parameters.
    pub rejects: Vec<String>,
    pub allowed_at_effort_none: Vec<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CatalogModel {
    /// Full id, `provider/name`.
    pub id: String,
    pub family: String,
    /// Takes the effort parameter.
    pub reasoning: bool,
    /// Parameters the model rejects, in spec order.
    pub rejects: Vec<String>,
    /// Rejected parameters accepted again at effort "off"; empty unless the model's lowest
    /// effort is the off value.
    pub allowed_at_effort_off: Vec<String>,
    pub min_reasoning_effort: Option<String>,
    pub rejects_effort_with_tools: bool,
    /// The efforts it takes (model facts over its family's).
    pub efforts: EffortRange,
    /// What it needs of the effort with tools, and the source.
    pub tools: Option<(ToolsEffort, Option<String>)>,
    /// Parameters it takes only at some values, in spec order.
    pub values: Vec<OnlyValues>,
    /// Narrower ranges, in spec order (the output cap among them).
    pub limits: Vec<ModelLimit>,
    pub output: Option<OutputFacts>,
    pub deprecated: Option<ModelDeprecation>,
    pub prefixes: Vec<String>,
}

impl CatalogModel {
    /// The id without its provider prefix.
    pub fn bare_id(&self) -> &str {
        self.id.rsplit('/').next().unwrap_or(&self.id)
    }
}

impl Model {
    pub fn param(&self, name: &str) -> Option<&Param> {
        match self.param_index.get(name).and_then(|&i| self.params.get(i)) {
            Some(p) if p.name == name => Some(p),
            // An index out of step with the list (a model edited after the checker built
            // it) is not trusted.
            _ => self.params.iter().find(|p| p.name == name),
        }
    }

    /// A named type (they are sorted by name).
    pub fn named(&self, name: &str) -> Option<&NamedType> {
        match self.types.binary_search_by(|t| t.name.as_str().cmp(name)) {
            Ok(i) => Some(&self.types[i]),
            Err(_) => self.types.iter().find(|t| t.name == name),
        }
    }

    /// The names of the named types some parameter uses, directly or through other types.
    /// A spec may keep types that no parameter uses any more (after a parameter is
    /// removed); a target that emits code per type and per use emits only these.
    pub fn reachable_types(&self) -> std::collections::BTreeSet<&str> {
        fn walk<'a>(model: &'a Model, ty: &'a Ty, seen: &mut std::collections::BTreeSet<&'a str>) {
            match ty {
                Ty::List { item: inner, .. } | Ty::Map { value: inner, .. } => {
                    walk(model, inner, seen)
                }
                Ty::Named(name) => {
                    let Some(t) = model.named(name) else { return };
                    if !seen.insert(t.name.as_str()) {
                        return;
                    }
                    match &t.kind {
                        NamedKind::Enum(_) => {}
                        NamedKind::Object(fields) => {
                            fields.iter().for_each(|f| walk(model, &f.ty, seen))
                        }
                        NamedKind::Union(members) => {
                            members.iter().for_each(|m| walk(model, m, seen))
                        }
                    }
                }
                Ty::Bool | Ty::Integer(_) | Ty::Float(_) | Ty::String(_) => {}
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for p in &self.params {
            walk(self, &p.ty, &mut seen);
        }
        seen
    }
}
