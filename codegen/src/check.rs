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

/// One spec file's name (for messages) and text.
#[derive(Debug, Clone, Copy)]
pub struct SpecSource<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

/// Names the generated code defines next to the spec's types; a spec type may not take them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Issue",
    "Issues",
    "UnknownValue",
    "Severity",
    "Code",
    "Prepared",
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

/// Reads, checks and lowers a spec (`spec.yaml`) and its catalog (`models.yaml`).
pub fn load(spec: SpecSource<'_>, catalog: SpecSource<'_>) -> Result<Model, SpecErrors> {
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
    let model = checker.lower(&param_spec, &catalog_spec);
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

/// Checks the document's shape against `T`'s JSON Schema, then decodes it.
fn decode<T: serde::de::DeserializeOwned + schemars::JsonSchema>(
    file: &str,
    doc: &Located,
    errors: &mut Vec<SpecError>,
) -> Option<T> {
    let schema = schemars::schema_for!(T).to_value();
    let known_keys = property_names(&schema);
    let validator = match jsonschema::validator_for(&schema) {
        Ok(v) => v,
        Err(e) => {
            errors.push(SpecError::new(
                file,
                doc.pos(""),
                "internal",
                format!("the spec format's schema does not compile: {e}"),
            ));
            return None;
        }
    };
    let before = errors.len();
    for error in validator.iter_errors(&doc.value) {
        shape_errors(file, doc, &error, &known_keys, errors);
    }
    if errors.len() > before {
        return None;
    }
    match serde_json::from_value(doc.value.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(SpecError::new(
                file,
                doc.pos(""),
                "wrong_type",
                e.to_string(),
            ));
            None
        }
    }
}

/// Every property name the schema knows, to suggest a fix for an unknown key.
fn property_names(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(schema, &mut out);
    out
}

/// Turns one JSON Schema error into located spec errors. For `anyOf` (a type expression
/// can take several forms) it reports the errors of the alternative that came closest.
fn shape_errors(
    file: &str,
    doc: &Located,
    error: &jsonschema::ValidationError<'_>,
    known_keys: &BTreeSet<String>,
    out: &mut Vec<SpecError>,
) {
    use jsonschema::error::ValidationErrorKind as K;
    let pointer = error.instance_path().as_str().to_owned();
    match error.kind() {
        K::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let at = push_token(&pointer, key);
                out.push(SpecError::new(
                    file,
                    doc.key_pos(&at),
                    "unknown_key",
                    format!(
                        "unknown key `{key}`{}",
                        suggestion(key, known_keys.iter().map(String::as_str))
                    ),
                ));
            }
        }
        K::AnyOf { context } | K::OneOfNotValid { context } => {
            let best = context.iter().min_by_key(|branch| {
                let type_mismatch = branch.iter().any(|e| {
                    matches!(e.kind(), K::Type { .. }) && e.instance_path().as_str() == pointer
                });
                let depth = branch
                    .iter()
                    .map(|e| e.instance_path().as_str().len())
                    .max()
                    .unwrap_or(0);
                (type_mismatch, usize::MAX - depth, branch.len())
            });
            match best {
                Some(branch) if !branch.is_empty() => {
                    for e in branch {
                        shape_errors(file, doc, e, known_keys, out);
                    }
                }
                _ => out.push(SpecError::new(
                    file,
                    doc.pos(&pointer),
                    "wrong_type",
                    "this value fits none of the allowed forms".to_owned(),
                )),
            }
        }
        K::Required { property } => out.push(SpecError::new(
            file,
            doc.pos(&pointer),
            "missing_key",
            format!("missing required key {property}"),
        )),
        _ => out.push(SpecError::new(
            file,
            doc.pos(&pointer),
            "wrong_type",
            format!("{} (at `{}`)", error, display_pointer(&pointer)),
        )),
    }
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
            params,
            types,
            catalog: Catalog {
                description: String::new(),
                effort: None,
                families: Vec::new(),
                models: Vec::new(),
            },
            example: Vec::new(),
        };
        model.example = self.lower_example(spec, &model);
        self.check_param_relations(spec, &model);
        model.catalog = self.lower_catalog(catalog, &model);
        model
    }

    fn lower_types(&mut self, spec: &ParamSpec) -> Vec<NamedType> {
        let names: BTreeSet<&str> = spec.types.keys().map(String::as_str).collect();
        let mut out = Vec::new();
        for (name, def) in &spec.types {
            let at = push_token("/types", name);
            if !is_pascal_case(name) {
                self.err_key(
                    &at,
                    "not_pascal_case",
                    format!("type name `{name}` is not PascalCase"),
                );
            }
            if RESERVED_TYPE_NAMES.contains(&name.as_str()) || *name == spec.options_name {
                self.err_key(
                    &at,
                    "name_collision",
                    format!("type name `{name}` is taken by the generated code; pick another"),
                );
            }
            let kind = match def {
                TypeDef::Enum(e) => {
                    let at = format!("{at}/enum");
                    let mut seen = BTreeMap::new();
                    let mut values = Vec::new();
                    if e.values.is_empty() {
                        self.err(&at, "empty_enum", format!("enum `{name}` has no values"));
                    }
                    for (i, v) in e.values.iter().enumerate() {
                        let (value, description) = match v {
                            spec::EnumValue::Bare(s) => (s.clone(), String::new()),
                            spec::EnumValue::Described { value, description } => {
                                (value.clone(), description.clone())
                            }
                        };
                        let vat = format!("{at}/{i}");
                        match variant_name(&value) {
                            None => self.err(
                                &vat,
                                "bad_enum_value",
                                format!(
                                    "enum value `{value}` has no letters or digits to name it by"
                                ),
                            ),
                            Some(ident) => {
                                if let Some(prev) = seen.insert(ident.clone(), value.clone()) {
                                    let message = if prev == value {
                                        format!("duplicate enum value `{value}` in `{name}`")
                                    } else {
                                        format!(
                                            "enum values `{prev}` and `{value}` of `{name}` both become `{ident}` in code"
                                        )
                                    };
                                    self.err(&vat, "duplicate_name", message);
                                }
                            }
                        }
                        values.push(model::EnumValue { value, description });
                    }
                    NamedKind::Enum(values)
                }
                TypeDef::Object(o) => {
                    let mut seen = BTreeSet::new();
                    let mut fields = Vec::new();
                    for (i, f) in o.fields.iter().enumerate() {
                        let fat = format!("{at}/fields/{i}");
                        if !is_snake_case(&f.name) {
                            self.err(
                                &format!("{fat}/name"),
                                "not_snake_case",
                                format!("field name `{}` is not snake_case", f.name),
                            );
                        }
                        if !seen.insert(f.name.clone()) {
                            self.err(
                                &format!("{fat}/name"),
                                "duplicate_name",
                                format!("duplicate field `{}` in `{name}`", f.name),
                            );
                        }
                        let ctx = format!("{name}{}", f.name.to_upper_camel_case());
                        let ty = self.lower_expr(
                            &f.ty,
                            &f.limits,
                            &format!("{fat}/type"),
                            &fat,
                            &names,
                            &ctx,
                        );
                        fields.push(model::Field {
                            name: f.name.clone(),
                            ty: ty.unwrap_or(Ty::Bool),
                            required: f.required,
                            nullable: f.nullable,
                            description: f.description.clone(),
                        });
                    }
                    NamedKind::Object(fields)
                }
                TypeDef::Union(u) => {
                    let members =
                        self.lower_union(&u.one_of, &format!("{at}/one_of"), &names, name);
                    NamedKind::Union(members)
                }
            };
            let description = match def {
                TypeDef::Enum(e) => e.description.clone(),
                TypeDef::Object(o) => o.description.clone(),
                TypeDef::Union(u) => u.description.clone(),
            };
            out.push(NamedType {
                name: name.clone(),
                description,
                inline: false,
                kind,
            });
        }
        out
    }

    /// Recursive types would need boxing in Rust and unbounded recursion in validators:
    /// the spec does not need them, so they are refused.
    fn check_cycles(&mut self, types: &[NamedType]) {
        let refs: HashMap<&str, Vec<&str>> = types
            .iter()
            .map(|t| {
                let mut names = Vec::new();
                match &t.kind {
                    NamedKind::Enum(_) => {}
                    NamedKind::Object(fields) => {
                        fields.iter().for_each(|f| named_refs(&f.ty, &mut names))
                    }
                    NamedKind::Union(members) => {
                        members.iter().for_each(|m| named_refs(m, &mut names))
                    }
                }
                (t.name.as_str(), names)
            })
            .collect();
        for t in types {
            let mut stack = vec![t.name.as_str()];
            let mut seen = BTreeSet::new();
            while let Some(n) = stack.pop() {
                for r in refs.get(n).into_iter().flatten() {
                    if *r == t.name {
                        self.err_key(
                            &push_token("/types", &t.name),
                            "recursive_type",
                            format!(
                                "type `{}` contains itself; recursive types are not supported",
                                t.name
                            ),
                        );
                        stack.clear();
                        break;
                    }
                    if seen.insert(*r) {
                        stack.push(r);
                    }
                }
            }
        }
    }

    fn lower_union(
        &mut self,
        members: &[Slot],
        at: &str,
        names: &BTreeSet<&str>,
        ctx: &str,
    ) -> Vec<Ty> {
        if members.len() < 2 {
            self.err(
                at,
                "bad_union",
                "a union needs at least two members".to_owned(),
            );
        }
        self.unions.push((ctx.to_owned(), at.to_owned()));
        let mut out = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let mat = format!("{at}/{i}");
            let (expr, limits) = slot_parts(m);
            if let Some(ty) =
                self.lower_expr(expr, limits, &mat, &mat, names, &format!("{ctx}Member{i}"))
            {
                out.push(ty);
            }
        }
        out
    }

    /// The members of a union must take disjoint sets of JSON values, so that the value
    /// alone picks the member: a typed language decodes into the member whose shape fits
    /// (serde's untagged enums, TypeScript narrowing) and cannot re-pick when a limit
    /// fails. Integers and floats are both numbers; two enums may share the string kind
    /// when they share no value.
    fn check_union_overlaps(&mut self, types: &[NamedType]) {
        for (name, at) in std::mem::take(&mut self.unions) {
            let Some(NamedKind::Union(members)) =
                types.iter().find(|t| t.name == name).map(|t| &t.kind)
            else {
                continue;
            };
            let wires: Vec<Vec<Wire>> = members.iter().map(|m| wire(m, types, 0)).collect();
            for j in 1..wires.len() {
                let clash = (0..j).find_map(|i| clash(&wires[i], &wires[j]).map(|w| (i, w)));
                if let Some((i, what)) = clash {
                    self.err(
                        &format!("{at}/{j}"),
                        "bad_union",
                        format!("members {i} and {j} of this union both take {what}; a value could not tell them apart"),
                    );
                }
            }
        }
    }

    /// Lowers a type expression with the limits written beside it. `at` locates the type,
    /// `limits_at` the object holding the limits.
    fn lower_expr(
        &mut self,
        expr: &TypeExpr,
        limits: &Limits,
        at: &str,
        limits_at: &str,
        names: &BTreeSet<&str>,
        ctx: &str,
    ) -> Option<Ty> {
        let allowed: &[&str] = match expr {
            TypeExpr::Name(n) if n == "integer" || n == "float" => &["range"],
            TypeExpr::Name(n) if n == "string" => &["length"],
            TypeExpr::List(_) => &["items"],
            TypeExpr::Map(_) => &["entries", "keys"],
            _ => &[],
        };
        for (key, present) in [
            ("range", limits.range.is_some()),
            ("length", limits.length.is_some()),
            ("items", limits.items.is_some()),
            ("entries", limits.entries.is_some()),
            ("keys", limits.keys.is_some()),
        ] {
            if present && !allowed.contains(&key) {
                self.err_key(
                    &format!("{limits_at}/{key}"),
                    "limit_not_applicable",
                    format!("`{key}` does not apply to {}", describe_expr(expr)),
                );
            }
        }
        let count = |c: Option<spec::Count>| {
            c.map(|c| Count {
                min: c.min,
                max: c.max,
            })
            .unwrap_or_default()
        };
        for (key, c) in [
            ("length", limits.length),
            ("items", limits.items),
            ("entries", limits.entries),
        ] {
            if let Some(spec::Count {
                min: Some(lo),
                max: Some(hi),
            }) = c
                && lo > hi
            {
                self.err(
                    &format!("{limits_at}/{key}"),
                    "bad_limit",
                    format!("`{key}`: min {lo} is above max {hi}"),
                );
            }
        }
        let range = limits
            .range
            .map(|r| model::Range {
                min: r.min,
                max: r.max,
            })
            .unwrap_or_default();
        if let (Some(lo), Some(hi)) = (range.min, range.max)
            && lo > hi
        {
            self.err(
                &format!("{limits_at}/range"),
                "bad_limit",
                format!("range min {lo} is above max {hi}"),
            );
        }
        Some(match expr {
            TypeExpr::Name(n) => match n.as_str() {
                "boolean" => Ty::Bool,
                "string" => Ty::String(count(limits.length)),
                "integer" => {
                    for (k, b) in [("min", range.min), ("max", range.max)] {
                        if let Some(b) = b
                            && (b.fract() != 0.0 || b.abs() > 9.007_199_254_740_991e15)
                        {
                            self.err(
                                &format!("{limits_at}/range/{k}"),
                                "bad_limit",
                                format!(
                                    "an integer range needs whole bounds within ±2^53, not {b}"
                                ),
                            );
                        }
                    }
                    Ty::Integer(range)
                }
                "float" => Ty::Float(range),
                other if names.contains(other) => Ty::Named(other.to_owned()),
                other => {
                    let candidates = PRIMITIVES.iter().copied().chain(names.iter().copied());
                    self.err(
                        at,
                        "unknown_type",
                        format!("unknown type `{other}`{}", suggestion(other, candidates)),
                    );
                    return None;
                }
            },
            TypeExpr::List(l) => {
                let (e, lim) = slot_parts(&l.list);
                let item = self.lower_expr(
                    e,
                    lim,
                    &format!("{at}/list"),
                    &format!("{at}/list"),
                    names,
                    &format!("{ctx}Item"),
                )?;
                Ty::List {
                    item: Box::new(item),
                    items: count(limits.items),
                }
            }
            TypeExpr::Map(m) => {
                let (e, lim) = slot_parts(&m.map);
                let value = self.lower_expr(
                    e,
                    lim,
                    &format!("{at}/map"),
                    &format!("{at}/map"),
                    names,
                    &format!("{ctx}Value"),
                )?;
                let keys = limits.keys.clone().unwrap_or_default();
                Ty::Map {
                    value: Box::new(value),
                    entries: count(limits.entries),
                    key_length: count(keys.length),
                    key_format: keys.format,
                }
            }
            TypeExpr::OneOf(o) => {
                let name = ctx.to_owned();
                if !self.taken.insert(name.clone()) {
                    self.err(at, "name_collision", format!("this inline union would be named `{name}`, which is taken; define it under `types:` with another name"));
                    return None;
                }
                let members = self.lower_union(&o.one_of, &format!("{at}/one_of"), names, &name);
                self.inline.push(NamedType {
                    name: name.clone(),
                    description: String::new(),
                    inline: true,
                    kind: NamedKind::Union(members),
                });
                Ty::Named(name)
            }
        })
    }

    fn lower_params(&mut self, spec: &ParamSpec, types: &[NamedType]) -> Vec<Param> {
        let names: BTreeSet<&str> = spec.types.keys().map(String::as_str).collect();
        if spec.parameters.is_empty() {
            self.err(
                "/parameters",
                "no_parameters",
                "a spec needs at least one parameter".to_owned(),
            );
        }
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for (i, p) in spec.parameters.iter().enumerate() {
            let at = format!("/parameters/{i}");
            if !is_snake_case(&p.name) {
                self.err(
                    &format!("{at}/name"),
                    "not_snake_case",
                    format!("parameter name `{}` is not snake_case", p.name),
                );
            }
            if !seen.insert(p.name.clone()) {
                self.err(
                    &format!("{at}/name"),
                    "duplicate_name",
                    format!("duplicate parameter `{}`", p.name),
                );
            }
            if p.summary.trim().is_empty() {
                self.err(
                    &format!("{at}/summary"),
                    "missing_summary",
                    format!("parameter `{}` needs a summary", p.name),
                );
            }
            let ctx = p.name.to_upper_camel_case();
            // A parameter whose type is broken still counts as declared, so that the
            // names referring to it do not raise errors of their own; `fits` accepts
            // anything for a type it does not know.
            let ty = self
                .lower_expr(&p.ty, &p.limits, &format!("{at}/type"), &at, &names, &ctx)
                .unwrap_or_else(|| Ty::Named(String::new()));
            if let Some(d) = &p.default {
                let all: Vec<NamedType> = types.iter().chain(self.inline.iter()).cloned().collect();
                if let Err(why) = fits(&ty, d, &all) {
                    self.err(
                        &format!("{at}/default"),
                        "bad_default",
                        format!("default of `{}` {why}", p.name),
                    );
                }
            }
            out.push(Param {
                name: p.name.clone(),
                ty,
                default: p.default.clone(),
                reasoning: p.reasoning,
                exclusive_with: {
                    let mut v = p.exclusive_with.clone();
                    v.sort();
                    v.dedup();
                    v
                },
                requires: p
                    .requires
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                deprecated: p.deprecated.as_ref().map(|d| model::Deprecation {
                    replaced_by: d.replaced_by.clone(),
                    moves_to: d.moves_to.clone(),
                    note: d.note.clone(),
                }),
                requires_tools: p.requires_tools,
                summary: p.summary.trim().to_owned(),
                description: p.description.trim().to_owned(),
                source: p.source.clone(),
                extension: p.extension,
            });
        }
        out
    }

    fn lower_example(&mut self, spec: &ParamSpec, model: &Model) -> Vec<(String, Value)> {
        let known: Vec<&str> = model.params.iter().map(|p| p.name.as_str()).collect();
        for (name, value) in &spec.example {
            let at = push_token("/example", name);
            match model.param(name) {
                None => self.err_key(
                    &at,
                    "unknown_parameter",
                    format!(
                        "the example sets unknown parameter `{name}`{}",
                        suggestion(name, known.iter().copied())
                    ),
                ),
                Some(p) => {
                    if let Err(why) = fits(&p.ty, value, &model.types) {
                        self.err(&at, "bad_example", format!("the example's `{name}` {why}"));
                    }
                }
            }
        }
        model
            .params
            .iter()
            .filter_map(|p| {
                spec.example
                    .get(&p.name)
                    .map(|v| (p.name.clone(), v.clone()))
            })
            .collect()
    }

    fn check_param_relations(&mut self, spec: &ParamSpec, model: &Model) {
        let known: Vec<&str> = model.params.iter().map(|p| p.name.as_str()).collect();
        let by_name: HashMap<&str, &Param> =
            model.params.iter().map(|p| (p.name.as_str(), p)).collect();
        for (i, p) in spec.parameters.iter().enumerate() {
            let at = format!("/parameters/{i}");
            for (j, other) in p.exclusive_with.iter().enumerate() {
                let oat = format!("{at}/exclusive_with/{j}");
                if *other == p.name {
                    self.err(
                        &oat,
                        "bad_exclusive",
                        format!("`{}` cannot exclude itself", p.name),
                    );
                    continue;
                }
                match by_name.get(other.as_str()) {
                    None => self.err(&oat, "unknown_parameter", format!("`exclusive_with` names unknown parameter `{other}`{}", suggestion(other, known.iter().copied()))),
                    Some(o) if !o.exclusive_with.contains(&p.name) => self.err(
                        &oat,
                        "exclusive_not_symmetric",
                        format!("`{}` excludes `{other}` but `{other}` does not exclude `{}`; list it on both", p.name, p.name),
                    ),
                    Some(_) => {}
                }
            }
            for (other, value) in &p.requires {
                let oat = push_token(&format!("{at}/requires"), other);
                match by_name.get(other.as_str()) {
                    None => self.err_key(
                        &oat,
                        "unknown_parameter",
                        format!(
                            "`requires` names unknown parameter `{other}`{}",
                            suggestion(other, known.iter().copied())
                        ),
                    ),
                    Some(o) if *other == p.name => {
                        let _ = o;
                        self.err_key(
                            &oat,
                            "bad_requires",
                            format!("`{}` cannot require itself", p.name),
                        );
                    }
                    Some(o) => {
                        // `prepare` would strip `other` and keep `p`, sending a request
                        // that fails `validate`.
                        if o.requires_tools && !p.requires_tools {
                            self.err_key(&oat, "dependency_stripped", format!("`{}` requires `{other}`, which needs tools (`requires_tools: true`), but `{}` does not; mark `{}` `requires_tools: true` too", p.name, p.name, p.name));
                        }
                        if o.reasoning == ReasoningSupport::Only
                            && p.reasoning != ReasoningSupport::Only
                        {
                            self.err_key(&oat, "dependency_stripped", format!("`{}` requires `{other}`, which only reasoning models take (`reasoning: only`), but `{}` does not; mark `{}` `reasoning: only` too", p.name, p.name, p.name));
                        }
                        if value.is_null() {
                            self.err(&oat, "bad_requires", format!("`requires: {{{other}: null}}` can never hold: null means not set"));
                        } else if value.is_array() || value.is_object() {
                            self.err(&oat, "bad_requires", format!("`requires` takes a boolean, number or string for `{other}`, not a list or object"));
                        } else if let Err(why) = fits(&o.ty, value, &model.types) {
                            self.err(
                                &oat,
                                "bad_requires",
                                format!("required value of `{other}` {why}"),
                            );
                        }
                    }
                }
            }
            if let Some(d) = &p.deprecated {
                if d.replaced_by.is_empty() {
                    self.err(
                        &format!("{at}/deprecated/replaced_by"),
                        "bad_replacement",
                        format!("deprecated `{}` needs at least one replacement", p.name),
                    );
                }
                for (j, r) in d.replaced_by.iter().enumerate() {
                    let rat = format!("{at}/deprecated/replaced_by/{j}");
                    match by_name.get(r.as_str()) {
                        None => self.err(
                            &rat,
                            "unknown_parameter",
                            format!(
                                "`replaced_by` names unknown parameter `{r}`{}",
                                suggestion(r, known.iter().copied())
                            ),
                        ),
                        Some(o) if o.name == p.name => self.err(
                            &rat,
                            "bad_replacement",
                            format!("`{}` cannot replace itself", p.name),
                        ),
                        Some(o) if o.deprecated.is_some() => self.err(
                            &rat,
                            "bad_replacement",
                            format!("replacement `{r}` is itself deprecated"),
                        ),
                        Some(_) => {}
                    }
                }
                if let Some(m) = &d.moves_to {
                    let mat = format!("{at}/deprecated/moves_to");
                    if !d.replaced_by.contains(m) {
                        self.err(
                            &mat,
                            "bad_replacement",
                            format!("`moves_to: {m}` must be one of `replaced_by`"),
                        );
                    } else if let (Some(a), Some(b)) =
                        (by_name.get(p.name.as_str()), by_name.get(m.as_str()))
                        && a.ty != b.ty
                    {
                        self.err(
                            &mat,
                            "bad_replacement",
                            format!("`{}` cannot move to `{m}`: their types differ", p.name),
                        );
                    }
                }
            }
        }
    }

    fn lower_catalog(&mut self, spec: &CatalogSpec, model: &Model) -> Catalog {
        let known: Vec<&str> = model.params.iter().map(|p| p.name.as_str()).collect();
        let mut effort_values: Option<Vec<String>> = None;
        if let Some(effort) = &spec.effort {
            match model.param(&effort.parameter) {
                None => self.cat_err(
                    "/effort/parameter",
                    "unknown_parameter",
                    format!(
                        "unknown parameter `{}`{}",
                        effort.parameter,
                        suggestion(&effort.parameter, known.iter().copied())
                    ),
                ),
                Some(p) => match (&p.ty, named_enum(model, &p.ty)) {
                    (Ty::Named(n), Some(values)) => {
                        if !values.contains(&effort.off_value) {
                            self.cat_err(
                                "/effort/off_value",
                                "invalid_value",
                                format!("`{}` is not a value of `{n}`", effort.off_value),
                            );
                        }
                        effort_values = Some(values);
                    }
                    _ => self.cat_err(
                        "/effort/parameter",
                        "wrong_type",
                        format!("`{}` must have an enum type", p.name),
                    ),
                },
            }
        }
        let off_value = spec.effort.as_ref().map(|e| e.off_value.as_str());
        let in_spec_order = |names: &[String]| -> Vec<String> {
            model
                .params
                .iter()
                .filter(|p| names.contains(&p.name))
                .map(|p| p.name.clone())
                .collect()
        };
        let mut families = Vec::new();
        let mut family_names = BTreeSet::new();
        for (i, f) in spec.families.iter().enumerate() {
            let at = format!("/families/{i}");
            if !is_snake_case(&f.name) {
                self.cat_err(
                    &format!("{at}/name"),
                    "not_snake_case",
                    format!("family name `{}` is not snake_case", f.name),
                );
            }
            if !family_names.insert(f.name.clone()) {
                self.cat_err(
                    &format!("{at}/name"),
                    "duplicate_name",
                    format!("duplicate family `{}`", f.name),
                );
            }
            for (key, list) in [
                ("rejects", &f.rejects),
                ("allowed_at_effort_none", &f.allowed_at_effort_none),
            ] {
                let mut seen = BTreeSet::new();
                for (j, name) in list.iter().enumerate() {
                    let pat = format!("{at}/{key}/{j}");
                    if model.param(name).is_none() {
                        self.cat_err(
                            &pat,
                            "unknown_parameter",
                            format!(
                                "unknown parameter `{name}`{}",
                                suggestion(name, known.iter().copied())
                            ),
                        );
                    } else if !seen.insert(name) {
                        self.cat_err(&pat, "duplicate_name", format!("`{name}` is listed twice"));
                    } else if key == "allowed_at_effort_none" && !f.rejects.contains(name) {
                        self.cat_err(&pat, "bad_family", format!("`{name}` is allowed at effort none but not rejected in the first place"));
                    }
                }
            }
            // `prepare` must not strip a parameter that another one it keeps requires:
            // the request it sends would fail `validate` (and the API).
            for (j, q) in f.rejects.iter().enumerate() {
                for p in model
                    .params
                    .iter()
                    .filter(|p| p.requires.iter().any(|(r, _)| r == q))
                {
                    let kept = !f.rejects.contains(&p.name)
                        || (f.allowed_at_effort_none.contains(&p.name)
                            && !f.allowed_at_effort_none.contains(q));
                    if kept {
                        let message = if f.rejects.contains(&p.name) {
                            format!(
                                "family `{}` takes `{}` back at effort none but not `{q}`, which it requires; allow `{q}` at effort none too, or stop allowing `{}`",
                                f.name, p.name, p.name
                            )
                        } else {
                            format!(
                                "family `{}` rejects `{q}`, which `{}` requires, but sends `{}`; reject `{}` too",
                                f.name, p.name, p.name, p.name
                            )
                        };
                        self.cat_err(&format!("{at}/rejects/{j}"), "dependency_stripped", message);
                    }
                }
            }
            families.push(model::Family {
                name: f.name.clone(),
                description: f.description.trim().to_owned(),
                reasoning: f.reasoning,
                rejects: in_spec_order(&f.rejects),
                allowed_at_effort_none: in_spec_order(&f.allowed_at_effort_none),
                source: f.source.clone(),
            });
        }
        let mut models = Vec::new();
        let mut ids = BTreeSet::new();
        let mut bare_ids: BTreeMap<String, String> = BTreeMap::new();
        for (i, m) in spec.models.iter().enumerate() {
            let at = format!("/models/{i}");
            let valid_id = m.id.split('/').count() == 2
                && m.id
                    .split('/')
                    .all(|part| !part.is_empty() && !part.chars().any(char::is_whitespace));
            if !valid_id {
                self.cat_err(
                    &format!("{at}/id"),
                    "bad_model_id",
                    format!("model id `{}` must be `provider/name`", m.id),
                );
            }
            if !ids.insert(m.id.clone()) {
                self.cat_err(
                    &format!("{at}/id"),
                    "duplicate_name",
                    format!("duplicate model `{}`", m.id),
                );
            }
            let bare = m.id.rsplit('/').next().unwrap_or(&m.id).to_owned();
            if let Some(prev) = bare_ids.insert(bare.clone(), m.id.clone())
                && prev != m.id
            {
                self.cat_err(&format!("{at}/id"), "ambiguous_model", format!("`{}` and `{prev}` share the name `{bare}`, so `{bare}` alone would be ambiguous", m.id));
            }
            let family = families.iter().find(|f| f.name == m.family);
            if family.is_none() {
                let candidates: Vec<&str> = families.iter().map(|f| f.name.as_str()).collect();
                self.cat_err(
                    &format!("{at}/family"),
                    "unknown_family",
                    format!(
                        "unknown family `{}`{}",
                        m.family,
                        suggestion(&m.family, candidates.iter().copied())
                    ),
                );
            }
            if let (Some(min), Some(values)) = (&m.min_reasoning_effort, &effort_values)
                && !values.contains(min)
            {
                self.cat_err(
                    &format!("{at}/min_reasoning_effort"),
                    "invalid_value",
                    format!(
                        "`{min}` is not a reasoning effort; expected one of {}",
                        values.join(", ")
                    ),
                );
            }
            let reasoning = m.reasoning.or(family.map(|f| f.reasoning)).unwrap_or(false);
            if !reasoning
                && (m.min_reasoning_effort.is_some() || m.rejects_reasoning_effort_with_tools)
            {
                self.cat_err(
                    &at,
                    "bad_model",
                    format!(
                        "`{}` is not a reasoning model, so it has no reasoning effort rules",
                        m.id
                    ),
                );
            }
            if m.min_reasoning_effort.is_some() && spec.effort.is_none() {
                self.cat_err(
                    &format!("{at}/min_reasoning_effort"),
                    "bad_model",
                    "`min_reasoning_effort` needs `effort:` at the top of the catalog".to_owned(),
                );
            }
            let at_none = off_value.is_some() && m.min_reasoning_effort.as_deref() == off_value;
            models.push(CatalogModel {
                id: m.id.clone(),
                family: m.family.clone(),
                reasoning,
                rejects: family.map(|f| f.rejects.clone()).unwrap_or_default(),
                allowed_at_effort_off: if at_none {
                    family
                        .map(|f| f.allowed_at_effort_none.clone())
                        .unwrap_or_default()
                } else {
                    Vec::new()
                },
                min_reasoning_effort: m.min_reasoning_effort.clone(),
                rejects_effort_with_tools: m.rejects_reasoning_effort_with_tools,
            });
        }
        Catalog {
            description: spec.description.trim().to_owned(),
            effort: spec.effort.as_ref().map(|e| model::Effort {
                parameter: e.parameter.clone(),
                off: e.off_value.clone(),
            }),
            families,
            models,
        }
    }
}

/// The values of an enum type, or `None` for any other type.
fn named_enum(model: &Model, ty: &Ty) -> Option<Vec<String>> {
    match ty {
        Ty::Named(n) => match model.named(n).map(|t| &t.kind) {
            Some(NamedKind::Enum(values)) => Some(values.iter().map(|v| v.value.clone()).collect()),
            _ => None,
        },
        _ => None,
    }
}

fn slot_parts(slot: &Slot) -> (&TypeExpr, &Limits) {
    static NO_LIMITS: Limits = Limits {
        range: None,
        length: None,
        items: None,
        entries: None,
        keys: None,
    };
    match slot {
        Slot::Bare(e) => (e, &NO_LIMITS),
        Slot::Limited(l) => (&l.ty, &l.limits),
    }
}

fn describe_expr(e: &TypeExpr) -> String {
    match e {
        TypeExpr::Name(n) => format!("type `{n}`"),
        TypeExpr::List(_) => "a list".to_owned(),
        TypeExpr::Map(_) => "a map".to_owned(),
        TypeExpr::OneOf(_) => "a union (put limits on its members)".to_owned(),
    }
}

fn named_refs<'a>(ty: &'a Ty, out: &mut Vec<&'a str>) {
    match ty {
        Ty::Named(n) => out.push(n),
        Ty::List { item, .. } => named_refs(item, out),
        Ty::Map { value, .. } => named_refs(value, out),
        Ty::Bool | Ty::Integer(_) | Ty::Float(_) | Ty::String(_) => {}
    }
}

/// The JSON values a type takes, by kind; enums by their values.
#[derive(Debug, Clone, PartialEq)]
enum Wire {
    Boolean,
    Number,
    AnyString,
    Strings(BTreeSet<String>),
    Array,
    Object,
}

/// What a member takes on the wire (depth-limited: recursive types are refused elsewhere).
fn wire(ty: &Ty, types: &[NamedType], depth: usize) -> Vec<Wire> {
    match ty {
        Ty::Bool => vec![Wire::Boolean],
        Ty::Integer(_) | Ty::Float(_) => vec![Wire::Number],
        Ty::String(_) => vec![Wire::AnyString],
        Ty::List { .. } => vec![Wire::Array],
        Ty::Map { .. } => vec![Wire::Object],
        Ty::Named(n) => match types.iter().find(|t| &t.name == n).map(|t| &t.kind) {
            Some(NamedKind::Enum(values)) => {
                vec![Wire::Strings(
                    values.iter().map(|v| v.value.clone()).collect(),
                )]
            }
            Some(NamedKind::Object(_)) => vec![Wire::Object],
            Some(NamedKind::Union(members)) if depth < 16 => members
                .iter()
                .flat_map(|m| wire(m, types, depth + 1))
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// What two members both take, if anything ("numbers", "the string `auto`").
fn clash(a: &[Wire], b: &[Wire]) -> Option<String> {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| (x, y)))
        .find_map(|pair| match pair {
            (Wire::Boolean, Wire::Boolean) => Some("booleans".to_owned()),
            (Wire::Number, Wire::Number) => Some("numbers".to_owned()),
            (Wire::Array, Wire::Array) => Some("arrays".to_owned()),
            (Wire::Object, Wire::Object) => Some("objects".to_owned()),
            (Wire::AnyString, Wire::AnyString) => Some("strings".to_owned()),
            (Wire::AnyString, Wire::Strings(v)) | (Wire::Strings(v), Wire::AnyString) => {
                v.first().map(|s| format!("the string `{s}`"))
            }
            (Wire::Strings(x), Wire::Strings(y)) => x
                .intersection(y)
                .next()
                .map(|s| format!("the string `{s}`")),
            _ => None,
        })
}

fn semver_parts(v: &str) -> Option<(u64, u64, u64)> {
    let core = v.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    let out = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(out)
}

/// Whether a value fits a type with its limits. Used for defaults and required values;
/// the message completes "the default of `x` ...".
pub fn fits(ty: &Ty, value: &Value, types: &[NamedType]) -> Result<(), String> {
    let in_range = |n: f64, r: &model::Range| {
        if r.min.is_some_and(|m| n < m) || r.max.is_some_and(|m| n > m) {
            Err(format!(
                "is {n}, outside the range {}",
                crate::render::range(r)
            ))
        } else {
            Ok(())
        }
    };
    let in_count = |n: usize, c: &Count, what: &str| {
        let n = n as u64;
        if c.min.is_some_and(|m| n < m) || c.max.is_some_and(|m| n > m) {
            Err(format!(
                "has {n} {what}, outside {}",
                crate::render::count(c)
            ))
        } else {
            Ok(())
        }
    };
    match (ty, value) {
        (Ty::Bool, Value::Bool(_)) => Ok(()),
        (Ty::Integer(r), Value::Number(n)) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 => in_range(f, r),
            _ => Err(format!("must be an integer, not {n}")),
        },
        (Ty::Float(r), Value::Number(n)) => in_range(n.as_f64().unwrap_or(f64::NAN), r),
        (Ty::String(c), Value::String(s)) => in_count(s.chars().count(), c, "characters"),
        (Ty::List { item, items }, Value::Array(a)) => {
            in_count(a.len(), items, "items")?;
            a.iter().try_for_each(|v| fits(item, v, types))
        }
        (
            Ty::Map {
                value: vt, entries, ..
            },
            Value::Object(m),
        ) => {
            in_count(m.len(), entries, "entries")?;
            m.values().try_for_each(|v| fits(vt, v, types))
        }
        (Ty::Named(n), v) => match types.iter().find(|t| t.name == *n).map(|t| &t.kind) {
            Some(NamedKind::Enum(values)) => match v {
                Value::String(s) if values.iter().any(|x| x.value == *s) => Ok(()),
                _ => Err(format!(
                    "is `{v}`, not one of {}",
                    values
                        .iter()
                        .map(|x| format!("`{}`", x.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            },
            Some(NamedKind::Union(members)) => {
                if members.iter().any(|m| fits(m, v, types).is_ok()) {
                    Ok(())
                } else {
                    Err(format!("is `{v}`, which fits none of the members of `{n}`"))
                }
            }
            Some(NamedKind::Object(fields)) => match v {
                Value::Object(m) => {
                    for f in fields {
                        match m.get(&f.name) {
                            None | Some(Value::Null) if f.required => {
                                return Err(format!("lacks required field `{}`", f.name));
                            }
                            Some(x) if !(x.is_null() && f.nullable) => fits(&f.ty, x, types)?,
                            _ => {}
                        }
                    }
                    match m.keys().find(|k| !fields.iter().any(|f| f.name == **k)) {
                        Some(k) => Err(format!("has unknown field `{k}`")),
                        None => Ok(()),
                    }
                }
                _ => Err(format!("must be an object, not `{v}`")),
            },
            None => Ok(()),
        },
        (ty, v) => Err(format!("must be {}, not `{v}`", crate::render::ty_name(ty))),
    }
}
