//! Spec files -> checked [`Model`], with every error at once, each located.
//!
//! Three passes: the YAML is read with positions ([`crate::yaml`]); its shape is checked
//! against the spec format's own JSON Schema (from schemars), which reports every unknown
//! key and wrong type together; then the meaning is checked while lowering into the model.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::error::{SpecError, SpecErrors};
use crate::model::{self, Catalog, CatalogModel, Count, Model, NamedKind, NamedType, Param, Ty};
use heck::ToUpperCamelCase;

use crate::names::{is_pascal_case, is_snake_case, suggestion, variant_name};
use crate::spec::{
    self, CatalogSpec, Limits, ParamSpec, ReasoningSupport, Slot, TypeDef, TypeExpr,
};
use crate::yaml::{self, Located, push_token};

mod catalog;
mod packages;
mod params;
mod shape;
mod types;
mod values;

pub use packages::is_shipped_name;
use shape::decode;
pub use values::fits;

/// The values of an enum type, in spec order (`None` for any other type).
pub fn enum_values(model: &Model, ty: &Ty) -> Option<Vec<String>> {
    types::named_enum(model, ty)
}

/// One spec file's name (for messages) and text.
#[derive(Debug, Clone, Copy)]
pub struct SpecSource<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

/// Python's keywords: a package imported as one could not be imported.
const PYTHON_KEYWORDS: &[&str] = &[
    "false", "none", "true", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Names the generated code defines next to the spec's types; a spec type may not take them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Issue",
    "Issues",
    "UnknownValue",
    "Severity",
    "Code",
    "Prepared",
    "PrepareWarning",
    "Matched",
    "Step",
    "Cond",
    "Constraint",
    "Change",
    "ChangeAction",
    "Action",
    "Reason",
    "PrepareContext",
    "LlmOptions",
    "ModelInfo",
    "Rule",
    "FieldRule",
    "ParamRule",
    "Lit",
    "Reasoning",
    "Path",
    "Sink",
    "EffortRule",
    "OptionsHolder",
    "NotGiven",
    "Value",
    "Option",
    "String",
    "Vec",
    "Box",
    "Result",
];

const PRIMITIVES: &[&str] = &["string", "integer", "float", "boolean"];

/// Reads, checks and lowers a spec (`spec.yaml`) and its catalog (`models.yaml`), given as
/// texts: a spec that names files to ship (`packages.license_files`, `packages.changelog`)
/// needs [`load_in`].
pub fn load(spec: SpecSource<'_>, catalog: SpecSource<'_>) -> Result<Model, SpecErrors> {
    load_from(None, spec, catalog)
}

/// [`load`], reading the files the spec names (license texts, changelog) relative to
/// `dir`, the spec's folder.
pub fn load_in(
    dir: &std::path::Path,
    spec: SpecSource<'_>,
    catalog: SpecSource<'_>,
) -> Result<Model, SpecErrors> {
    load_from(Some(dir), spec, catalog)
}

fn load_from(
    dir: Option<&std::path::Path>,
    spec: SpecSource<'_>,
    catalog: SpecSource<'_>,
) -> Result<Model, SpecErrors> {
    let mut errors = Vec::new();
    let spec_doc = yaml::parse(spec.file, spec.text)
        .map_err(|e| errors.extend(e))
        .ok();
    let catalog_doc = yaml::parse(catalog.file, catalog.text)
        .map_err(|e| errors.extend(e))
        .ok();
    let (Some(spec_doc), Some(catalog_doc)) = (spec_doc, catalog_doc) else {
        return Err(SpecErrors::sorted(errors));
    };
    let param_spec = decode::<ParamSpec>(spec.file, &spec_doc, &mut errors);
    let catalog_spec = decode::<CatalogSpec>(catalog.file, &catalog_doc, &mut errors);
    let (Some(param_spec), Some(catalog_spec)) = (param_spec, catalog_spec) else {
        return Err(SpecErrors::sorted(errors));
    };
    let mut checker = Checker {
        spec_file: spec.file,
        spec_doc: &spec_doc,
        catalog_file: catalog.file,
        catalog_doc: &catalog_doc,
        errors,
        inline: Vec::new(),
        taken: BTreeSet::new(),
        unions: Vec::new(),
    };
    let mut model = checker.lower(&param_spec, &catalog_spec);
    model.shipped = checker.package_files(dir, &param_spec.packages);
    if checker.errors.is_empty() {
        Ok(model)
    } else {
        Err(SpecErrors::sorted(checker.errors))
    }
}

/// JSON Schema of `spec.yaml`, as written to `schema/spec.schema.json`.
pub fn spec_schema() -> Value {
    schemars::schema_for!(ParamSpec).to_value()
}

/// JSON Schema of `models.yaml`, as written to `schema/models.schema.json`.
pub fn catalog_schema() -> Value {
    schemars::schema_for!(CatalogSpec).to_value()
}

fn display_pointer(p: &str) -> &str {
    if p.is_empty() { "/" } else { p }
}

struct Checker<'a> {
    spec_file: &'a str,
    spec_doc: &'a Located,
    catalog_file: &'a str,
    catalog_doc: &'a Located,
    errors: Vec<SpecError>,
    /// Unions written inline, named by where they stand.
    inline: Vec<NamedType>,
    /// Every type name in use: the spec's, the inline ones, and the generated code's own.
    taken: BTreeSet<String>,
    /// Every union: its type name and where its `one_of` stands.
    unions: Vec<(String, String)>,
}

impl Checker<'_> {
    fn err(&mut self, pointer: &str, code: &'static str, message: String) {
        let pos = self.spec_doc.pos(pointer);
        self.errors
            .push(SpecError::new(self.spec_file, pos, code, message));
    }

    fn err_key(&mut self, pointer: &str, code: &'static str, message: String) {
        let pos = self.spec_doc.key_pos(pointer);
        self.errors
            .push(SpecError::new(self.spec_file, pos, code, message));
    }

    fn cat_err(&mut self, pointer: &str, code: &'static str, message: String) {
        let pos = self.catalog_doc.pos(pointer);
        self.errors
            .push(SpecError::new(self.catalog_file, pos, code, message));
    }

    fn lower(&mut self, spec: &ParamSpec, catalog: &CatalogSpec) -> Model {
        if semver_parts(&spec.version).is_none() {
            self.err(
                "/version",
                "bad_version",
                format!(
                    "version `{}` is not a semantic version (MAJOR.MINOR.PATCH)",
                    spec.version
                ),
            );
        }
        if !is_pascal_case(&spec.options_name) {
            self.err(
                "/options_name",
                "not_pascal_case",
                format!("`{}` is not PascalCase", spec.options_name),
            );
        }
        for (key, name) in [
            ("rust", &spec.packages.rust),
            ("npm", &spec.packages.npm),
            ("python", &spec.packages.python),
        ] {
            let ok = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && name.starts_with(|c: char| c.is_ascii_lowercase())
                && !name.ends_with('-');
            if !ok {
                self.err(
                    &format!("/packages/{key}"),
                    "bad_package_name",
                    format!("package name `{name}` must be lowercase letters, digits and dashes"),
                );
            } else if key == "python" && PYTHON_KEYWORDS.contains(&name.replace('-', "_").as_str())
            {
                self.err(
                    &format!("/packages/{key}"),
                    "bad_package_name",
                    format!(
                        "the Python package `{name}` would be imported as `{}`, a Python keyword",
                        name.replace('-', "_")
                    ),
                );
            } else if key == "rust" && matches!(name.as_str(), "self" | "crate" | "super") {
                self.err(
                    &format!("/packages/{key}"),
                    "bad_package_name",
                    format!("the crate `{name}` would be named by a Rust keyword"),
                );
            }
        }
        self.taken.extend(spec.types.keys().cloned());
        self.taken.insert(spec.options_name.clone());
        self.taken
            .extend(RESERVED_TYPE_NAMES.iter().map(|s| (*s).to_owned()));
        let mut types = self.lower_types(spec);
        let params = self.lower_params(spec, &types);
        types.append(&mut self.inline);
        types.sort_by(|a, b| a.name.cmp(&b.name));
        self.check_cycles(&types);
        self.check_union_overlaps(&types);
        let mut model = Model {
            version: spec.version.clone(),
            options_name: spec.options_name.clone(),
            packages: spec.packages.clone(),
            shipped: Vec::new(),
            description: spec.description.clone(),
            sources: spec
                .sources
                .iter()
                .map(|s| model::Source {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    url: s.url.clone(),
                })
                .collect(),
            param_index: params
                .iter()
                .enumerate()
                .map(|(i, p)| (p.name.clone(), i))
                .collect(),
            params,
            types,
            catalog: Catalog {
                description: String::new(),
                effort: None,
                families: Vec::new(),
                models: Vec::new(),
                output_parameters: Vec::new(),
                family_entries: Vec::new(),
                patterns: Vec::new(),
            },
            example: Vec::new(),
        };
        model.example = self.lower_example(spec, &model);
        self.check_param_relations(spec, &model);
        model.catalog = self.lower_catalog(catalog, &model);
        reject_renamed(&mut model);
        model
    }
}

/// The API knows a renamed parameter only by its new name: every family and model rejects
/// the old one, so `prepare` moves its value to the new name (its deprecation's
/// `moves_to`).
fn reject_renamed(model: &mut Model) {
    let old: Vec<String> = model
        .params
        .iter()
        .filter_map(|p| p.renamed_from.as_ref())
        .filter(|r| {
            model
                .param(&r.name)
                .is_some_and(|q| q.deprecated.as_ref().is_some_and(|d| d.moves_to.is_some()))
        })
        .map(|r| r.name.clone())
        .collect();
    if old.is_empty() {
        return;
    }
    let index = model.param_index.clone();
    let add = |rejects: &mut Vec<String>| {
        for name in &old {
            if !rejects.contains(name) {
                rejects.push(name.clone());
            }
        }
        rejects.sort_by_key(|n| index.get(n).copied().unwrap_or(usize::MAX));
    };
    let catalog = &mut model.catalog;
    catalog
        .families
        .iter_mut()
        .for_each(|f| add(&mut f.rejects));
    catalog.models.iter_mut().for_each(|m| add(&mut m.rejects));
    catalog
        .family_entries
        .iter_mut()
        .for_each(|m| add(&mut m.rejects));
}

fn semver_parts(v: &str) -> Option<(u64, u64, u64)> {
    let v = semver::Version::parse(v).ok()?;
    Some((v.major, v.minor, v.patch))
}
