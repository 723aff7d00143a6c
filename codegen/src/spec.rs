//! The spec as written in YAML: serde and schemars types that mirror the files, nothing more.
//!
//! Two files make a spec: `spec.yaml` ([`ParamSpec`]: version, parameters, named types) and
//! `models.yaml` ([`CatalogSpec`]: model families and models). Meaning (names resolve, defaults
//! fit their type, exclusivity is symmetric, ...) is checked later, in [`crate::check`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `spec.yaml`: every parameter, and the named types they use.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "llm-params parameter spec")]
pub struct ParamSpec {
    /// JSON Schema of this file, for editors. Ignored by the generator.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Semantic version of the spec; every generated package takes it as its version.
    pub version: String,
    /// Name of the options type in every target (`ModelOptions`).
    #[serde(default = "default_options_name")]
    pub options_name: String,
    /// Package names in each registry.
    #[serde(default)]
    pub packages: Packages,
    /// What this spec is; the generated packages and docs say it.
    #[serde(default)]
    pub description: String,
    /// The documents and packages the spec was written from (name and version).
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Every parameter, in the order the docs list them.
    pub parameters: Vec<Parameter>,
    /// Named types (`PascalCase`): enums, objects and unions used by parameters.
    #[serde(default)]
    pub types: BTreeMap<String, TypeDef>,
    /// The usage example of the docs (parameter -> value); every generated package shows
    /// it and tests that it round-trips.
    #[serde(default)]
    pub example: BTreeMap<String, Value>,
}

fn default_options_name() -> String {
    "ModelOptions".to_owned()
}

/// Names of the generated packages, and what every manifest says about them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Packages {
    /// crates.io name (`kebab-case`).
    #[serde(default = "default_package")]
    pub rust: String,
    /// npm name.
    #[serde(default = "default_package")]
    pub npm: String,
    /// PyPI distribution name; the import name is its `snake_case`.
    #[serde(default = "default_package")]
    pub python: String,
    /// Where the source lives (`https://github.com/acme/llm-params`): `repository` of
    /// every manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    /// The project's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// Where the reference docs are published (crates.io links docs.rs when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    /// Registry keywords: at most 5, each at most 20 ASCII letters, digits, `-` or `_`,
    /// starting with a letter or digit (crates.io's rule, the strictest of the three).
    #[serde(default = "default_keywords")]
    pub keywords: Vec<String>,
    /// The packages' license, an SPDX expression.
    #[serde(default = "default_license")]
    pub license: String,
    /// The license texts every package carries, paths relative to the spec's folder
    /// (`../LICENSE`); each file's name starts with `LICENSE`, `LICENCE`, `COPYING` or
    /// `NOTICE`. Required unless `license` is the default, whose two texts the generator
    /// ships.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub license_files: Vec<String>,
    /// A changelog (markdown, relative to the spec's folder) every package carries as
    /// `CHANGELOG.md`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changelog: Option<String>,
}

impl Default for Packages {
    fn default() -> Self {
        Packages {
            rust: default_package(),
            npm: default_package(),
            python: default_package(),
            repository: None,
            homepage: None,
            documentation: None,
            keywords: default_keywords(),
            license: default_license(),
            license_files: Vec::new(),
            changelog: None,
        }
    }
}

/// The license whose texts the generator ships (`LICENSE-MIT`, `LICENSE-APACHE`).
pub const DEFAULT_LICENSE: &str = "MIT OR Apache-2.0";

fn default_license() -> String {
    DEFAULT_LICENSE.to_owned()
}

fn default_keywords() -> Vec<String> {
    ["llm", "parameters", "validation"]
        .map(str::to_owned)
        .to_vec()
}

fn default_package() -> String {
    "llm-params".to_owned()
}

/// A document or package the spec was read from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short name used by `source:` fields, e.g. `openai-python`.
    pub id: String,
    /// What was read, with its version, e.g. `openai 3.57.0 (PyPI)`.
    pub title: String,
    /// Where to find it.
    #[serde(default)]
    pub url: Option<String>,
}

/// One model parameter.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Wire name, `snake_case`, exactly as the API takes it.
    pub name: String,
    /// The value's type: `string`, `integer`, `float`, `boolean`, a named type, or
    /// `{ list: .. }`, `{ map: .. }`, `{ one_of: [..] }`.
    #[serde(rename = "type")]
    pub ty: TypeExpr,
    /// Limits on the value (numbers: `range`; strings: `length`; lists: `items`; maps:
    /// `entries` and `keys`).
    #[serde(flatten)]
    pub limits: Limits,
    /// The value the upstream API uses when the parameter is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// How reasoning models treat the parameter.
    #[serde(default)]
    pub reasoning: ReasoningSupport,
    /// Parameters that may not be set together with this one (must be symmetric).
    #[serde(default)]
    pub exclusive_with: Vec<String>,
    /// Other parameters and the value they must have when this one is set,
    /// e.g. `{ logprobs: true }`.
    #[serde(default)]
    pub requires: BTreeMap<String, Value>,
    /// Set when the parameter is deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    /// One sentence: what the parameter does.
    pub summary: String,
    /// Longer markdown description.
    #[serde(default)]
    pub description: String,
    /// Where the limits come from when the LiveKit reference is silent (a `sources` id
    /// and what it says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `true` when the parameter is not on the LiveKit reference page but the SDKs take it.
    #[serde(default)]
    pub extension: bool,
    /// The parameter only means something when tools are sent; `prepare` removes it when
    /// there are none (as LiveKit does with `tool_choice`).
    #[serde(default)]
    pub requires_tools: bool,
    /// The parameter's former name, for one minor series: the generated packages still
    /// take the old name, with a deprecation warning, and `prepare` moves its value here.
    /// After the `since` minor series (`0.5.x` for `since: 0.5.0`) the checker asks for
    /// it to be removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<RenamedFrom>,
}

/// A declared rename: the old name and the version that renamed it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenamedFrom {
    /// The former wire name.
    pub name: String,
    /// The version that renamed it (the spec's `version` when the rename was made).
    pub since: String,
}

/// Limits on a value. Which ones apply depends on the type; the checker rejects the others.
/// (No `deny_unknown_fields`: it is flattened into its parent, which denies them.)
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
pub struct Limits {
    /// Numeric range, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    /// String length in Unicode code points (what the upstream API counts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<Count>,
    /// Number of items in a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Count>,
    /// Number of entries in a map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entries: Option<Count>,
    /// Rules for the keys of a map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<KeyRules>,
}

/// An inclusive numeric range; either bound may be left out.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Range {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// An inclusive count (length, items, entries); either bound may be left out.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Count {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
}

/// Rules for map keys.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyRules {
    /// Key length in Unicode code points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<Count>,
    /// A closed format for keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<KeyFormat>,
}

/// Closed formats for map keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeyFormat {
    /// A token id: one or more ASCII digits (`logit_bias`).
    TokenId,
}

/// How reasoning models treat a parameter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReasoningSupport {
    /// Every model takes it.
    #[default]
    Supported,
    /// Reasoning models reject it (which ones exactly is the catalog's business).
    Unsupported,
    /// Only reasoning models take it.
    Only,
}

/// Deprecation of a parameter.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// The parameters to use instead.
    pub replaced_by: Vec<String>,
    /// When a model rejects this parameter, its value is moved to this one (which must be
    /// among `replaced_by` and of the same type) instead of being removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moves_to: Option<String>,
    /// Why, in one sentence.
    #[serde(default)]
    pub note: String,
}

/// A type expression. A bare string names a primitive (`string`, `integer`, `float`,
/// `boolean`) or a named type from `types:`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TypeExpr {
    Name(String),
    List(ListType),
    Map(MapType),
    OneOf(OneOfType),
}

/// `{ list: <item> }`: a JSON array.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListType {
    pub list: Box<Slot>,
}

/// `{ map: <value> }`: a JSON object with string keys.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapType {
    pub map: Box<Slot>,
}

/// `{ one_of: [..] }`: an untagged union. Its members take disjoint JSON values (not two
/// number types, a string and an enum, two objects; two enums only with no shared value).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OneOfType {
    pub one_of: Vec<Slot>,
}

/// Where a type appears inside another one (list item, map value, union member): a type
/// alone, or `{ type: .., <limits> }`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Slot {
    Bare(TypeExpr),
    Limited(LimitedSlot),
}

/// A type with limits.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitedSlot {
    #[serde(rename = "type")]
    pub ty: TypeExpr,
    #[serde(flatten)]
    pub limits: Limits,
}

/// A named type.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TypeDef {
    Enum(EnumDef),
    Object(ObjectDef),
    Union(UnionDef),
}

/// A closed set of strings.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    #[serde(default)]
    pub description: String,
    #[serde(rename = "enum")]
    pub values: Vec<EnumValue>,
}

/// One value of an enum: the string alone, or with a description.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum EnumValue {
    Bare(String),
    Described {
        value: String,
        #[serde(default)]
        description: String,
    },
}

/// A JSON object with known fields; other keys are rejected.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectDef {
    #[serde(default)]
    pub description: String,
    pub fields: Vec<Field>,
}

/// A field of an object type.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeExpr,
    #[serde(flatten)]
    pub limits: Limits,
    /// Whether the field must be present.
    #[serde(default)]
    pub required: bool,
    /// Whether `null` is accepted (and means "not set").
    #[serde(default)]
    pub nullable: bool,
    #[serde(default)]
    pub description: String,
}

/// A named union. Its members take disjoint JSON values (not two number types, a string
/// and an enum, two objects; two enums only with no shared value).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnionDef {
    #[serde(default)]
    pub description: String,
    pub one_of: Vec<Slot>,
}

/// `models.yaml`: model families (the rules) and the models that follow them.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "llm-params model catalog")]
pub struct CatalogSpec {
    /// JSON Schema of this file, for editors. Ignored by the generator.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Where the rules were read, with versions.
    #[serde(default)]
    pub description: String,
    /// The parameter that sets reasoning effort, and its value that turns reasoning off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<EffortSpec>,
    /// The parameters a model's output cap (`output.max_tokens`) limits, e.g.
    /// `max_completion_tokens`: `prepare` lowers a larger value to the cap.
    #[serde(default)]
    pub output_parameters: Vec<String>,
    /// Rule sets shared by several models.
    #[serde(default)]
    pub families: Vec<Family>,
    /// Every model id, with its provider prefix.
    #[serde(default)]
    pub models: Vec<ModelSpec>,
}

/// Which parameter carries reasoning effort.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EffortSpec {
    /// A parameter whose type is an enum, e.g. `reasoning_effort`.
    pub parameter: String,
    /// The enum value that turns reasoning off, e.g. `none`.
    pub off_value: String,
}

/// A rule set shared by several models.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// `snake_case` name that models refer to.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Whether these are reasoning models (they take `reasoning_effort`).
    pub reasoning: bool,
    /// Parameters these models reject. A rejected parameter whose deprecation has
    /// `moves_to` is moved there; the others are removed.
    #[serde(default)]
    pub rejects: Vec<String>,
    /// Rejected parameters that are accepted again at `reasoning_effort: "none"`, for models
    /// whose lowest effort is `"none"`.
    #[serde(default)]
    pub allowed_at_effort_none: Vec<String>,
    /// Where these rules come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Ids that get these rules without being in the catalog: each a prefix of the id
    /// (`openai/o3`), or of the name without the provider when it has no `/` (`o3`).
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// The reasoning efforts the model takes, and its default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub efforts: Option<Efforts>,
    /// What the model needs of the reasoning effort when the request has tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<ToolsRule>,
    /// Parameters the model takes only at some of their values.
    #[serde(default)]
    pub values: BTreeMap<String, ValueRule>,
    /// Numeric parameters whose range is narrower for this model than in the spec.
    #[serde(default)]
    pub limits: BTreeMap<String, LimitRule>,
    /// Output cap and context window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Output>,
}

/// Reasoning efforts, as values of the effort parameter's enum (in its order).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Efforts {
    /// Every effort taken, when they are not all the efforts between the lowest and the
    /// highest (instead of `lowest` and `highest`): one it does not take is raised to the
    /// next one it takes (or lowered to the highest).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// The lowest effort taken: a lower one is raised to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lowest: Option<String>,
    /// The highest effort taken: a higher one is lowered to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highest: Option<String>,
    /// The effort when the request gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What a reasoning model needs of the effort when the request has tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ToolsEffort {
    /// It rejects the effort parameter with tools: `prepare` removes it.
    Reject,
    /// It takes tools only at the effort's off value: `prepare` sets it.
    RequireOff,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolsRule {
    pub effort: ToolsEffort,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The values of an enum parameter that the model takes; `prepare` removes another.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueRule {
    pub only: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A narrower range for a numeric parameter; `prepare` clamps a value outside it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// How much a model writes and reads.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The most tokens one response may have: the cap on the catalog's
    /// `output_parameters`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u64>,
    /// The most tokens of input and output together (documentation only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_window: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A model that its provider is retiring.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelDeprecation {
    /// When it stops answering (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shutdown: Option<String>,
    /// The catalog id to use instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One model.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// Full id with provider prefix, e.g. `openai/gpt-5`.
    pub id: String,
    /// The family whose rules apply.
    pub family: String,
    /// Overrides the family's `reasoning`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<bool>,
    /// Lowest `reasoning_effort` the model takes (a value of the `reasoning_effort` enum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_reasoning_effort: Option<String>,
    /// The model rejects `reasoning_effort` when tools are present (the same as
    /// `tools: { effort: reject }`).
    #[serde(default)]
    pub rejects_reasoning_effort_with_tools: bool,
    /// Parameters this model rejects besides its family's.
    #[serde(default)]
    pub rejects: Vec<String>,
    /// Ids that get this model's rules (dated snapshots, aliases): prefixes of the id, or
    /// of the name without the provider when they have no `/`. An exact id wins over a
    /// prefix; the longest prefix wins over a shorter one.
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// The provider is retiring it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<ModelDeprecation>,
    /// The reasoning efforts the model takes, and its default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub efforts: Option<Efforts>,
    /// What the model needs of the reasoning effort when the request has tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<ToolsRule>,
    /// Parameters the model takes only at some of their values.
    #[serde(default)]
    pub values: BTreeMap<String, ValueRule>,
    /// Numeric parameters whose range is narrower for this model than in the spec.
    #[serde(default)]
    pub limits: BTreeMap<String, LimitRule>,
    /// Output cap and context window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Output>,
}
