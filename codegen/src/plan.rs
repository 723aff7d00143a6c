//! The rule plan: every decision `validate` and `prepare` make, taken once, here.
//!
//! The emitters print this plan, never the rules themselves: the Rust target as generated
//! code, TypeScript and Python as tables that a thin engine reads (the README's design
//! notes say why). What a runtime still writes by hand is rule-free: the JSON kinds of a
//! value, comparing a number with a bound, counting code points, JSON Pointers, the
//! edit-distance suggestion, and the steps below executed in order.
//!
//! Decided here and nowhere else:
//! - which parameter of an exclusive pair carries the issue (the later one, in spec
//!   order), and the text of every issue about parameters together;
//! - the deprecation warning of each parameter;
//! - every message template ([`Template`]): the fixed text around the one value a runtime
//!   puts in;
//! - what `prepare` does to each model's request, as an ordered list of [`Step`]s with the
//!   conditions under which each applies (tools or not, which parameters are set, what the
//!   reasoning effort is), including what `null` means there;
//! - the order of issues ([`ISSUE_ORDER`]).

use serde_json::Value;

use crate::model::{
    CatalogModel, Count, Deprecation, Model, NamedKind, Param, Range, ReasoningSupport,
    ToolsEffort, Ty,
};

/// Issues are sorted by these fields, compared as strings by code point (stable: issues
/// with equal keys keep the order the checks produced them in).
pub const ISSUE_ORDER: [&str; 2] = ["path", "code"];

/// The runtime value a message is about, and how a runtime writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The JSON kind of the value: `a string`, `null`, `an object`.
    Kind,
    /// A number as a bound is written: `2`, `0.5`, every digit, no exponent.
    Number,
    /// A number as JSON writes it (`2.5`, `1e300`).
    JsonNumber,
    /// A count (of items, entries or characters).
    Count,
    /// A key or a string value, as it is.
    Text,
}

/// A message with one value put in: `before`, the value written as [`Slot`] says, then
/// `after`. Messages with a "did you mean" add [`HINT`] when there is a suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub before: String,
    pub slot: Slot,
    pub after: String,
}

impl Template {
    fn new(before: impl Into<String>, slot: Slot, after: impl Into<String>) -> Self {
        Template {
            before: before.into(),
            slot,
            after: after.into(),
        }
    }

    /// The message for a value already written as text.
    pub fn render(&self, value: &str) -> String {
        format!("{}{value}{}", self.before, self.after)
    }
}

/// The "did you mean" after an unknown key or an enum value: before, the suggestion, after.
pub const HINT: (&str, &str) = ("; did you mean `", "`?");

/// The message when the options are not an object at all.
pub fn not_an_object() -> Template {
    Template::new("options must be a JSON object, not ", Slot::Kind, "")
}

/// A value of the wrong JSON kind, where `expected` is `an integer`, `a Stop`.
pub fn wrong_kind(expected: &str) -> Template {
    Template::new(format!("expected {expected}, got "), Slot::Kind, "")
}

/// A number with a fraction where an integer goes.
pub fn not_an_integer() -> Template {
    Template::new("expected an integer, got ", Slot::JsonNumber, "")
}

/// A number outside its inclusive range (`3 is outside the range 0 to 2`; with one bound,
/// `0 is below the minimum, 1`).
pub fn outside(min: Option<f64>, max: Option<f64>) -> Template {
    let after = match (min, max) {
        (Some(_), Some(_)) | (None, None) => {
            format!(" is outside the range {}", bounds(min, max))
        }
        (Some(lo), None) => format!(" is below the minimum, {}", fmt_num(lo)),
        (None, Some(hi)) => format!(" is above the maximum, {}", fmt_num(hi)),
    };
    Template::new("", Slot::Number, after)
}

/// What is counted by a size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Characters,
    Items,
    Entries,
    KeyCharacters,
}

impl Counted {
    fn noun(self) -> &'static str {
        match self {
            Counted::Characters => "characters",
            Counted::Items => "items",
            Counted::Entries => "entries",
            Counted::KeyCharacters => "characters in the key",
        }
    }
}

/// A size above its limit (`too_long` for strings and keys, `too_many_items` otherwise).
pub fn too_many(counted: Counted, min: Option<u64>, max: Option<u64>) -> Template {
    Template::new(
        "",
        Slot::Count,
        format!(
            " {}, more than the limit ({})",
            counted.noun(),
            count_bounds(min, max)
        ),
    )
}

/// A size below its limit (`out_of_range`).
pub fn too_few(counted: Counted, min: Option<u64>, max: Option<u64>) -> Template {
    Template::new(
        "",
        Slot::Count,
        format!(
            " {}, fewer than the limit ({})",
            counted.noun(),
            count_bounds(min, max)
        ),
    )
}

/// A map key that is not a token id.
pub fn not_a_token_id() -> Template {
    Template::new("key `", Slot::Text, "` is not a token id (digits)")
}

/// A map key that is not a string (only Python's dicts can hold one; the value is the
/// key as Python writes it).
pub fn key_not_a_string() -> Template {
    Template::new("key ", Slot::Text, " is not a string")
}

/// A string outside a closed set; [`HINT`] follows when a value is close.
pub fn not_in_set(name: &str, values: &[String]) -> Template {
    let listed: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    Template::new(
        "`",
        Slot::Text,
        format!("` is not a {name}: expected one of {}", listed.join(", ")),
    )
}

/// A key that is not a parameter (`what` is `parameter`) or not a field of an object
/// (`field of Name`); [`HINT`] follows when a name is close.
pub fn unknown(what: &str) -> Template {
    Template::new(format!("unknown {what} `"), Slot::Text, "`")
}

/// A required field that is missing (a fixed text).
pub fn missing_field(object: &str, field: &str) -> String {
    format!("a {object} needs the field `{field}`")
}

/// The deprecation warning of a parameter (a fixed text).
pub fn deprecation(name: &str, d: &Deprecation) -> String {
    let names: Vec<String> = d.replaced_by.iter().map(|n| format!("`{n}`")).collect();
    let mut m = format!("`{name}` is deprecated; use {} instead", names.join(" or "));
    let note = d.note.trim_end_matches('.');
    if !note.is_empty() {
        m.push_str(". ");
        m.push_str(note);
    }
    m
}

/// What a value of `ty` is called in a message (`an integer`, `a Stop`).
pub fn expected(ty: &Ty) -> String {
    match ty {
        Ty::Bool => "a boolean".to_owned(),
        Ty::Integer(_) => "an integer".to_owned(),
        Ty::Float(_) => "a number".to_owned(),
        Ty::String(_) => "a string".to_owned(),
        Ty::List { .. } => "an array".to_owned(),
        Ty::Map { .. } => "an object".to_owned(),
        Ty::Named(name) => format!("a {name}"),
    }
}

/// The messages every spec has, by the name the runtimes look them up with: the one about
/// options that are not an object, the hint, and those of the plain kinds.
pub fn common_messages() -> Vec<(&'static str, Template)> {
    let kinds = [
        ("wrong_boolean", Ty::Bool),
        ("wrong_integer", Ty::Integer(Range::default())),
        ("wrong_number", Ty::Float(Range::default())),
        ("wrong_string", Ty::String(Count::default())),
    ];
    let mut out = vec![
        ("not_an_object", not_an_object()),
        ("not_an_integer", not_an_integer()),
        ("not_a_token_id", not_a_token_id()),
        ("key_not_a_string", key_not_a_string()),
        ("unknown_parameter", unknown("parameter")),
        ("hint", Template::new(HINT.0, Slot::Text, HINT.1)),
        ("wrong_array", wrong_kind("an array")),
        ("wrong_object", wrong_kind("an object")),
    ];
    out.extend(
        kinds
            .iter()
            .map(|(name, ty)| (*name, wrong_kind(&expected(ty)))),
    );
    out.sort_by_key(|(name, _)| *name);
    out
}

/// A number in a message: `2`, not `2.0`; otherwise every digit, no exponent.
pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn bounds(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{} to {}", fmt_num(lo), fmt_num(hi)),
        (Some(lo), None) => format!("at least {}", fmt_num(lo)),
        (None, Some(hi)) => format!("at most {}", fmt_num(hi)),
        (None, None) => "any".to_owned(),
    }
}

fn count_bounds(min: Option<u64>, max: Option<u64>) -> String {
    bounds(min.map(|n| n as f64), max.map(|n| n as f64))
}

/// A JSON scalar as written in a message (`true`, `"high"`, `2`).
fn json_text(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

// --- parameters together ------------------------------------------------------------------

/// The rules between one parameter and others, checked when it is set (present and not
/// `null`); its issues are at its path.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub param: String,
    /// Exclusive parameters that come earlier in the spec (each pair is reported once, on
    /// the later parameter): an issue when the other is set too.
    pub exclusive: Vec<Exclusive>,
    /// Dependencies: an issue unless the other parameter holds the value.
    pub requires: Vec<Requires>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exclusive {
    pub other: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Requires {
    pub other: String,
    /// A JSON scalar; numbers compare as f64, strings and booleans exactly.
    pub value: Value,
    pub message: String,
}

/// Every parameter with a rule that involves another, in spec order.
pub fn constraints(model: &Model) -> Vec<Constraint> {
    model
        .params
        .iter()
        .filter_map(|p| constraint(model, p))
        .collect()
}

/// Whether `old` is the former name of `new` (`renamed_from`).
fn renamed(model: &Model, old: &str, new: &str) -> bool {
    model
        .param(new)
        .and_then(|p| p.renamed_from.as_ref())
        .is_some_and(|r| r.name == old)
}

/// The rules between `p` and other parameters, if it has any.
pub fn constraint(model: &Model, p: &Param) -> Option<Constraint> {
    let position = |n: &str| model.params.iter().position(|q| q.name == n);
    let me = position(&p.name);
    let exclusive: Vec<Exclusive> = p
        .exclusive_with
        .iter()
        .filter(|o| position(o) < me)
        .map(|o| Exclusive {
            other: o.clone(),
            message: format!("`{}` and `{o}` cannot both be set; set one of them", p.name),
        })
        .collect();
    let requires: Vec<Requires> = p
        .requires
        .iter()
        .map(|(o, v)| Requires {
            other: o.clone(),
            value: v.clone(),
            message: format!("`{}` requires `{o}: {}`", p.name, json_text(v)),
        })
        .collect();
    (!exclusive.is_empty() || !requires.is_empty()).then(|| Constraint {
        param: p.name.clone(),
        exclusive,
        requires,
    })
}

/// The deprecation warning of a parameter, if it is deprecated.
pub fn deprecation_of(p: &Param) -> Option<String> {
    p.deprecated.as_ref().map(|d| deprecation(&p.name, d))
}

// --- prepare ------------------------------------------------------------------------------

/// A condition on the request, read when a step is reached (after the steps before it).
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// The request has tools (`true`) or has none (`false`).
    Tools(bool),
    /// The parameter is set: present and not `null`.
    Set(String),
    /// The parameter is not set: absent or `null`.
    Unset(String),
    /// The parameter holds one of these strings, or (when `unset` is true) is not set.
    In {
        param: String,
        values: Vec<String>,
        unset: bool,
    },
    /// Not [`Cond::In`] with the same fields.
    NotIn {
        param: String,
        values: Vec<String>,
        unset: bool,
    },
    /// The parameter is a number (not a boolean) above this one.
    Above(String, f64),
    /// The parameter is a number (not a boolean) below this one.
    Below(String, f64),
}

/// What a step does to its parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Act {
    /// Not sent (the parameter must be present).
    Remove,
    /// Sent under another name, its value unchanged (the parameter must be present).
    Move { to: String },
    /// Sent with this value, whether it was present or not.
    Set { value: Value },
    /// Sent as this number instead (the parameter must be present).
    Clamp { value: f64 },
    /// Nothing changes; a warning is reported (the step names no parameter).
    Warn,
}

/// One step of `prepare`: when every condition holds and its parameter is present (even
/// as `null`; a [`Act::Set`] needs no presence, an [`Act::Warn`] no parameter), the action
/// is taken and a change (or, for [`Act::Warn`], a warning) recorded with the reason and the
/// message. A message is one text, or two with the id of the entry that matched (the
/// catalog id, or the requested id for a family's prefix) between them: spec text in a
/// message never stands for the id.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub param: String,
    pub when: Vec<Cond>,
    pub act: Act,
    pub reason: &'static str,
    pub message: Vec<String>,
}

/// A message with the model's id between `before` and `after`.
fn around(before: String, after: String) -> Vec<String> {
    vec![before, after]
}

/// Stable reason codes, in the order the runtimes list them.
pub const REASONS: [&str; 11] = [
    "no_tools",
    "not_reasoning_model",
    "effort_with_tools",
    "unsupported_by_model",
    "replacement_set",
    "effort_too_low",
    "effort_too_high",
    "value_unsupported_by_model",
    "above_model_limit",
    "below_model_limit",
    "deprecated_model",
];

/// What `validate_for` reports for each reason of a change or warning of `prepare`: the
/// issue code and its severity. The issue is at the parameter's path (the whole options'
/// for a warning about the model) and its message is the change's.
pub const REASON_ISSUES: [(&str, &str, &str); 11] = [
    ("no_tools", "missing_dependency", "error"),
    ("not_reasoning_model", "unsupported_by_model", "error"),
    ("effort_with_tools", "unsupported_value", "error"),
    ("unsupported_by_model", "unsupported_by_model", "error"),
    ("replacement_set", "unsupported_by_model", "error"),
    ("effort_too_low", "unsupported_value", "error"),
    ("effort_too_high", "unsupported_value", "error"),
    ("value_unsupported_by_model", "unsupported_value", "error"),
    ("above_model_limit", "out_of_range", "error"),
    ("below_model_limit", "out_of_range", "error"),
    ("deprecated_model", "deprecated", "warning"),
];

/// `prepare` for every model of the catalog. A model that is not in the catalog gets its
/// options unchanged; a known one gets [`PreparePlan::common`] then its group's steps.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparePlan {
    /// Steps for every known model, before its own.
    pub common: Vec<Step>,
    /// Distinct lists of steps; models whose rules are the same share one.
    pub groups: Vec<Vec<Step>>,
    /// For each model of the catalog, in catalog order, the index of its group.
    pub model_group: Vec<usize>,
    /// For each family entry of the catalog (a family with prefixes), its group.
    pub family_group: Vec<usize>,
}

pub fn prepare(model: &Model) -> PreparePlan {
    let common = model
        .params
        .iter()
        .filter(|p| p.requires_tools)
        .map(|p| Step {
            param: p.name.clone(),
            when: vec![Cond::Tools(false)],
            act: Act::Remove,
            reason: "no_tools",
            message: vec![format!("`{}` removed: the request has no tools", p.name)],
        })
        .collect();
    let mut groups: Vec<Vec<Step>> = Vec::new();
    // Groups found by their steps' text (steps hold floats and JSON values, which do not
    // hash): one lookup per model, not a comparison with every group.
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut group_of = |steps: Vec<Step>| {
        let key = format!("{steps:?}");
        *index.entry(key).or_insert_with(|| {
            groups.push(steps);
            groups.len() - 1
        })
    };
    let model_group = model
        .catalog
        .models
        .iter()
        .map(|m| group_of(model_steps(model, m)))
        .collect();
    let family_group = model
        .catalog
        .family_entries
        .iter()
        .map(|m| group_of(model_steps(model, m)))
        .collect();
    PreparePlan {
        common,
        groups,
        model_group,
        family_group,
    }
}

fn model_steps(model: &Model, m: &CatalogModel) -> Vec<Step> {
    let mut steps = Vec::new();
    let effort = model.catalog.effort.as_ref();
    let effort_values = effort
        .map(|e| effort_values(model, &e.parameter))
        .unwrap_or_default();
    // With tools: remove the effort, or set it to its off value, as the model needs.
    if let (Some(e), Some((rule, _))) = (effort, &m.tools) {
        steps.push(match rule {
            ToolsEffort::Reject => Step {
                param: e.parameter.clone(),
                when: vec![Cond::Tools(true)],
                act: Act::Remove,
                reason: "effort_with_tools",
                message: around(
                    format!("`{}` removed: ", e.parameter),
                    " rejects it when tools are present".to_owned(),
                ),
            },
            ToolsEffort::RequireOff => Step {
                param: e.parameter.clone(),
                when: vec![
                    Cond::Tools(true),
                    Cond::NotIn {
                        param: e.parameter.clone(),
                        values: vec![e.off.clone()],
                        unset: false,
                    },
                ],
                act: Act::Set {
                    value: Value::String(e.off.clone()),
                },
                reason: "effort_with_tools",
                message: around(
                    format!("`{}` set to `{}`: ", e.parameter, e.off),
                    " takes tools only at that effort".to_owned(),
                ),
            },
        });
    }
    if !m.reasoning {
        for p in model
            .params
            .iter()
            .filter(|p| p.reasoning == ReasoningSupport::Only)
        {
            steps.push(Step {
                param: p.name.clone(),
                when: Vec::new(),
                act: Act::Remove,
                reason: "not_reasoning_model",
                message: around(
                    format!("`{}` removed: ", p.name),
                    " is not a reasoning model".to_owned(),
                ),
            });
        }
    }
    // An effort the model does not take is raised to the next one it takes, or lowered to
    // its highest: the nearest, so the request keeps its intent.
    if let Some(e) = effort
        && m.reasoning
    {
        let rank = |v: &Option<String>| {
            v.as_ref()
                .and_then(|v| effort_values.iter().position(|x| x == v))
        };
        let lo = rank(&m.efforts.lowest).unwrap_or(0);
        let hi = rank(&m.efforts.highest).unwrap_or(effort_values.len().saturating_sub(1));
        let takes = |i: usize| {
            (lo..=hi).contains(&i)
                && (m.efforts.accepted.is_empty() || m.efforts.accepted.contains(&effort_values[i]))
        };
        // (target, reason, the efforts that become it), in enum order.
        let mut moves: Vec<(usize, &'static str, Vec<String>)> = Vec::new();
        for (i, v) in effort_values.iter().enumerate() {
            if takes(i) {
                continue;
            }
            let (target, reason) = if i > hi {
                (hi, "effort_too_high")
            } else {
                match (i..=hi).find(|&j| takes(j)) {
                    Some(j) => (j, "effort_too_low"),
                    None => continue,
                }
            };
            match moves
                .iter_mut()
                .find(|(t, r, _)| *t == target && *r == reason)
            {
                Some((_, _, values)) => values.push(v.clone()),
                None => moves.push((target, reason, vec![v.clone()])),
            }
        }
        for (target, reason, values) in moves {
            let to = &effort_values[target];
            let message = if reason == "effort_too_high" {
                around(
                    format!("`{}` lowered to `{to}`: the highest ", e.parameter),
                    " takes".to_owned(),
                )
            } else if target == lo {
                around(
                    format!("`{}` raised to `{to}`: the lowest ", e.parameter),
                    " takes".to_owned(),
                )
            } else {
                around(
                    format!("`{}` raised to `{to}`: the next effort ", e.parameter),
                    " takes".to_owned(),
                )
            };
            steps.push(Step {
                param: e.parameter.clone(),
                when: vec![Cond::In {
                    param: e.parameter.clone(),
                    values,
                    unset: false,
                }],
                act: Act::Set {
                    value: Value::String(to.clone()),
                },
                reason,
                message,
            });
        }
    }
    // An absent effort is the model's default effort.
    let off_by_default =
        effort.is_some_and(|e| m.efforts.default.as_deref() == Some(e.off.as_str()));
    // Whether a rejected parameter is rejected in this request: always, or (for those the
    // model takes back with reasoning off) only while the effort is not off.
    let rejected_unless = |name: &str| -> Option<Vec<Cond>> {
        if !m.rejects.iter().any(|r| r == name) {
            return None;
        }
        Some(match effort {
            Some(e) if m.allowed_at_effort_off.iter().any(|a| a == name) => {
                vec![Cond::NotIn {
                    param: e.parameter.clone(),
                    values: vec![e.off.clone()],
                    unset: off_by_default,
                }]
            }
            _ => Vec::new(),
        })
    };
    for p in &model.params {
        let Some(when) = rejected_unless(&p.name) else {
            continue;
        };
        let name = &p.name;
        let target = p.deprecated.as_ref().and_then(|d| d.moves_to.as_ref());
        // The target takes the value unless the model rejects it too in this request.
        let target_takes = target.and_then(|to| match rejected_unless(to) {
            None => Some((to, Vec::new())),
            Some(conds) if conds.is_empty() => None,
            Some(_) => effort.map(|e| {
                (
                    to,
                    vec![Cond::In {
                        param: e.parameter.clone(),
                        values: vec![e.off.clone()],
                        unset: off_by_default,
                    }],
                )
            }),
        });
        if let Some((to, takes)) = target_takes {
            let mut moved = when.clone();
            moved.extend(takes.iter().cloned());
            moved.push(Cond::Set(name.clone()));
            let mut kept = moved.clone();
            moved.push(Cond::Unset(to.clone()));
            kept.push(Cond::Set(to.clone()));
            steps.push(Step {
                param: name.clone(),
                when: moved,
                act: Act::Move { to: to.clone() },
                reason: "unsupported_by_model",
                // A declared rename (`renamed_from`) says so; another move names the
                // model that rejects the old parameter.
                message: if renamed(model, name, to) {
                    around(
                        format!("`{name}` renamed to `{to}`: "),
                        " takes it under its new name".to_owned(),
                    )
                } else {
                    around(
                        format!("`{name}` moved to `{to}`: "),
                        format!(" rejects `{name}`"),
                    )
                },
            });
            steps.push(Step {
                param: name.clone(),
                when: kept,
                act: Act::Remove,
                reason: "replacement_set",
                message: around(
                    format!("`{name}` removed: "),
                    format!(" rejects it and `{to}` is already set"),
                ),
            });
        }
        steps.push(Step {
            param: name.clone(),
            when,
            act: Act::Remove,
            reason: "unsupported_by_model",
            message: around(
                format!("`{name}` removed: "),
                " does not support it".to_owned(),
            ),
        });
    }
    for v in &m.values {
        let listed: Vec<String> = v.only.iter().map(|x| format!("`{x}`")).collect();
        // Only values of the parameter's type that the model does not take: an invalid
        // value is `validate`'s to report, not `prepare`'s to drop.
        let others: Vec<String> = crate::check::enum_values(
            model,
            &model.param(&v.param).map_or(Ty::Bool, |p| p.ty.clone()),
        )
        .unwrap_or_default()
        .into_iter()
        .filter(|x| !v.only.contains(x))
        .collect();
        if others.is_empty() {
            continue;
        }
        steps.push(Step {
            param: v.param.clone(),
            when: vec![Cond::In {
                param: v.param.clone(),
                values: others,
                unset: false,
            }],
            act: Act::Remove,
            reason: "value_unsupported_by_model",
            message: around(
                format!("`{}` removed: ", v.param),
                format!(" takes only {}", listed.join(", ")),
            ),
        });
    }
    for l in &m.limits {
        if let Some(max) = l.range.max {
            steps.push(Step {
                param: l.param.clone(),
                when: vec![Cond::Above(l.param.clone(), max)],
                act: Act::Clamp { value: max },
                reason: "above_model_limit",
                message: around(
                    format!("`{}` lowered to {}: the most ", l.param, fmt_num(max)),
                    " takes".to_owned(),
                ),
            });
        }
        if let Some(min) = l.range.min {
            steps.push(Step {
                param: l.param.clone(),
                when: vec![Cond::Below(l.param.clone(), min)],
                act: Act::Clamp { value: min },
                reason: "below_model_limit",
                message: around(
                    format!("`{}` raised to {}: the least ", l.param, fmt_num(min)),
                    " takes".to_owned(),
                ),
            });
        }
    }
    if let Some(d) = &m.deprecated {
        let mut message = " is deprecated".to_owned();
        if let Some(date) = &d.shutdown {
            message.push_str(&format!(" and shuts down on {date}"));
        }
        if let Some(next) = &d.successor {
            message.push_str(&format!("; use {next} instead"));
        }
        steps.push(Step {
            param: String::new(),
            when: Vec::new(),
            act: Act::Warn,
            reason: "deprecated_model",
            message: around(String::new(), message),
        });
    }
    steps
}

/// The values of the effort parameter's enum, in spec order.
fn effort_values(model: &Model, param: &str) -> Vec<String> {
    let Some(Ty::Named(n)) = model.param(param).map(|p| &p.ty) else {
        return Vec::new();
    };
    match model.named(n).map(|t| &t.kind) {
        Some(NamedKind::Enum(values)) => values.iter().map(|v| v.value.clone()).collect(),
        _ => Vec::new(),
    }
}

/// One change `prepare` made, as the conformance vectors hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub parameter: String,
    /// `removed`, `moved`, `set` or `clamped`.
    pub action: &'static str,
    /// Where it moved to (for `moved`).
    pub to: Option<String>,
    pub reason: &'static str,
    pub message: String,
}

/// A warning of `prepare` (nothing changed).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub reason: &'static str,
    pub message: String,
}

/// What an id resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A model of the catalog, by index.
    Model(usize),
    /// A family entry (a family with prefixes), by index.
    Family(usize),
}

/// How an id was matched: its entry, `id`, `name` (without the provider) or `prefix`,
/// and the prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub entry: Entry,
    pub by: &'static str,
    pub pattern: Option<String>,
}

/// Finds the entry of an id: the catalog id; else the name without the provider; else the
/// longest prefix (a prefix with a `/` against the id, one without against the name).
pub fn find(model: &Model, id: &str) -> Option<Matched> {
    Finder::new(model).find(model, id)
}

/// [`find`] for many ids: the catalog's ids and names indexed once.
pub struct Finder<'a> {
    by_id: std::collections::HashMap<&'a str, usize>,
    by_name: std::collections::HashMap<&'a str, usize>,
}

impl<'a> Finder<'a> {
    pub fn new(model: &'a Model) -> Self {
        let mut by_id = std::collections::HashMap::new();
        let mut by_name = std::collections::HashMap::new();
        // The first model of an id or a name wins, as a search in catalog order finds it.
        for (i, m) in model.catalog.models.iter().enumerate() {
            by_id.entry(m.id.as_str()).or_insert(i);
            by_name.entry(m.bare_id()).or_insert(i);
        }
        Finder { by_id, by_name }
    }

    /// The entry `id` finds: by full id, by name, or by the longest prefix.
    pub fn find(&self, model: &Model, id: &str) -> Option<Matched> {
        let cat = &model.catalog;
        let bare = id.rsplit('/').next().unwrap_or(id);
        if let Some(&i) = self.by_id.get(id) {
            return Some(Matched {
                entry: Entry::Model(i),
                by: "id",
                pattern: None,
            });
        }
        if let Some(&i) = self.by_name.get(bare) {
            return Some(Matched {
                entry: Entry::Model(i),
                by: "name",
                pattern: None,
            });
        }
        find_prefix(cat, id, bare)
    }
}

fn find_prefix(cat: &crate::model::Catalog, id: &str, bare: &str) -> Option<Matched> {
    cat.patterns.iter().find_map(|p| {
        let subject = if p.prefix.contains('/') { id } else { bare };
        subject.starts_with(&p.prefix).then(|| Matched {
            entry: match p.target {
                crate::model::PatternTarget::Model(i) => Entry::Model(i),
                crate::model::PatternTarget::Family(i) => Entry::Family(i),
            },
            by: "prefix",
            pattern: Some(p.prefix.clone()),
        })
    })
}

impl PreparePlan {
    /// The steps of an entry: the common ones, then its own.
    pub fn steps(&self, entry: Entry) -> impl Iterator<Item = &Step> {
        let group = match entry {
            Entry::Model(i) => self.model_group[i],
            Entry::Family(i) => self.family_group[i],
        };
        self.common.iter().chain(self.groups[group].iter())
    }

    /// Runs the steps of an entry on `options`, `id` going between the parts of each message: what every
    /// runtime's `prepare` does, here to build the conformance vectors' expected results.
    pub fn run(
        &self,
        entry: Entry,
        id: &str,
        options: &mut serde_json::Map<String, Value>,
        has_tools: bool,
    ) -> (Vec<Change>, Vec<Warning>) {
        let mut changes = Vec::new();
        let mut warnings = Vec::new();
        for step in self.steps(entry) {
            if !step.when.iter().all(|c| holds(c, options, has_tools)) {
                continue;
            }
            let message = step.message.join(id);
            if step.act == Act::Warn {
                warnings.push(Warning {
                    reason: step.reason,
                    message,
                });
                continue;
            }
            let present = options.contains_key(&step.param);
            let (action, to) = match &step.act {
                Act::Set { value } => {
                    options.insert(step.param.clone(), value.clone());
                    ("set", None)
                }
                _ if !present => continue,
                Act::Remove => {
                    options.remove(&step.param);
                    ("removed", None)
                }
                Act::Move { to } => {
                    let value = options.remove(&step.param).unwrap_or(Value::Null);
                    options.insert(to.clone(), value);
                    ("moved", Some(to.clone()))
                }
                Act::Clamp { value } => {
                    options.insert(step.param.clone(), number(*value));
                    ("clamped", None)
                }
                Act::Warn => continue,
            };
            changes.push(Change {
                parameter: step.param.clone(),
                action,
                to,
                reason: step.reason,
                message,
            });
        }
        (changes, warnings)
    }
}

/// A bound as a JSON number: an integer when it is whole (as every runtime writes it).
pub fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

fn holds(c: &Cond, options: &serde_json::Map<String, Value>, has_tools: bool) -> bool {
    let set = |p: &str| options.get(p).is_some_and(|v| !v.is_null());
    let within = |p: &str, values: &[String], unset: bool| match options.get(p) {
        None | Some(Value::Null) => unset,
        Some(Value::String(s)) => values.iter().any(|v| v == s),
        Some(_) => false,
    };
    let number = |p: &str| match options.get(p) {
        Some(Value::Number(n)) => n.as_f64(),
        _ => None,
    };
    match c {
        Cond::Tools(t) => has_tools == *t,
        Cond::Set(p) => set(p),
        Cond::Unset(p) => !set(p),
        Cond::In {
            param,
            values,
            unset,
        } => within(param, values, *unset),
        Cond::NotIn {
            param,
            values,
            unset,
        } => !within(param, values, *unset),
        Cond::Above(p, n) => number(p).is_some_and(|x| x > *n),
        Cond::Below(p, n) => number(p).is_some_and(|x| x < *n),
    }
}
