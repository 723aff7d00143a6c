//! The model catalog: the effort parameter, families and models.

use super::types::named_enum;
use super::*;
use crate::model::{EffortRange, ModelLimit, OnlyValues, OutputFacts, ToolsEffort};

impl Checker<'_> {
    pub(super) fn lower_catalog(&mut self, spec: &CatalogSpec, model: &Model) -> Catalog {
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
        let mut family_rules: Vec<Rules> = Vec::new();
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
            family_rules.push(self.rule_level(
                &at,
                RuleFields {
                    efforts: &f.efforts,
                    tools: &f.tools,
                    values: &f.values,
                    limits: &f.limits,
                    output: &f.output,
                },
                model,
                &effort_values,
            ));
            families.push(model::Family {
                name: f.name.clone(),
                description: f.description.trim().to_owned(),
                reasoning: f.reasoning,
                rejects: in_spec_order(&f.rejects),
                allowed_at_effort_none: in_spec_order(&f.allowed_at_effort_none),
                source: f.source.clone(),
            });
        }
        let mut output_parameters = Vec::new();
        for (j, name) in spec.output_parameters.iter().enumerate() {
            match model.param(name).map(|p| &p.ty) {
                None => self.cat_err(
                    &format!("/output_parameters/{j}"),
                    "unknown_parameter",
                    format!(
                        "unknown parameter `{name}`{}",
                        suggestion(name, known.iter().copied())
                    ),
                ),
                Some(Ty::Integer(_)) => output_parameters.push(name.clone()),
                Some(_) => self.cat_err(
                    &format!("/output_parameters/{j}"),
                    "wrong_type",
                    format!("`{name}` must be an integer to be capped by a model's output"),
                ),
            }
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
            if m.min_reasoning_effort.is_some() && spec.effort.is_none() {
                self.cat_err(
                    &format!("{at}/min_reasoning_effort"),
                    "bad_model",
                    "`min_reasoning_effort` needs `effort:` at the top of the catalog".to_owned(),
                );
            }
            let own = self.rule_level(
                &at,
                RuleFields {
                    efforts: &m.efforts,
                    tools: &m.tools,
                    values: &m.values,
                    limits: &m.limits,
                    output: &m.output,
                },
                model,
                &effort_values,
            );
            let inherited = spec
                .families
                .iter()
                .position(|f| f.name == m.family)
                .and_then(|j| family_rules.get(j).cloned())
                .unwrap_or_default();
            let (efforts, tools, values, limits, output) = self.merge_rules(
                &at,
                &inherited,
                &own,
                m.min_reasoning_effort.as_ref(),
                m.rejects_reasoning_effort_with_tools,
                reasoning,
                model,
                &effort_values,
                &output_parameters,
                off_value,
            );
            let at_none = off_value.is_some() && efforts.lowest.as_deref() == off_value;
            let mut rejects = family.map(|f| f.rejects.clone()).unwrap_or_default();
            for (j, name) in m.rejects.iter().enumerate() {
                if model.param(name).is_none() {
                    self.cat_err(
                        &format!("{at}/rejects/{j}"),
                        "unknown_parameter",
                        format!(
                            "unknown parameter `{name}`{}",
                            suggestion(name, known.iter().copied())
                        ),
                    );
                } else if rejects.contains(name) {
                    self.cat_err(
                        &format!("{at}/rejects/{j}"),
                        "duplicate_name",
                        format!("`{name}` is already rejected by the family `{}`", m.family),
                    );
                } else {
                    rejects.push(name.clone());
                }
            }
            let rejects = in_spec_order(&rejects);
            self.check_prefixes(&format!("{at}/prefixes"), &m.prefixes);
            if let Some(d) = &m.deprecated {
                if let Some(date) = &d.shutdown
                    && !is_date(date)
                {
                    self.cat_err(
                        &format!("{at}/deprecated/shutdown"),
                        "bad_date",
                        format!("`{date}` is not a date (YYYY-MM-DD)"),
                    );
                }
                if let Some(next) = &d.successor
                    && !spec.models.iter().any(|o| &o.id == next)
                {
                    let ids: Vec<&str> = spec.models.iter().map(|o| o.id.as_str()).collect();
                    self.cat_err(
                        &format!("{at}/deprecated/successor"),
                        "unknown_model",
                        format!(
                            "unknown model `{next}`{}",
                            suggestion(next, ids.iter().copied())
                        ),
                    );
                }
            }
            let allowed = family
                .map(|f| f.allowed_at_effort_none.clone())
                .unwrap_or_default();
            models.push(entry(
                (m.id.clone(), m.family.clone(), reasoning),
                rejects,
                if at_none { allowed } else { Vec::new() },
                (efforts, tools, values, limits, output),
                m.deprecated.clone(),
                m.prefixes.clone(),
            ));
        }
        // A family with prefixes is an entry of its own: the rules an unknown id that
        // matches one of them gets.
        let mut family_entries = Vec::new();
        let mut family_entry_of = Vec::new();
        for (i, f) in spec.families.iter().enumerate() {
            if f.prefixes.is_empty() {
                continue;
            }
            let at = format!("/families/{i}");
            self.check_prefixes(&format!("{at}/prefixes"), &f.prefixes);
            let Some(checked) = families.iter().find(|x| x.name == f.name) else {
                continue;
            };
            let inherited = family_rules.get(i).cloned().unwrap_or_default();
            let (efforts, tools, values, limits, output) = self.merge_rules(
                &at,
                &Rules::default(),
                &inherited,
                None,
                false,
                f.reasoning,
                model,
                &effort_values,
                &output_parameters,
                off_value,
            );
            let at_none = off_value.is_some() && efforts.lowest.as_deref() == off_value;
            family_entry_of.push(i);
            family_entries.push(entry(
                (f.name.clone(), f.name.clone(), f.reasoning),
                checked.rejects.clone(),
                if at_none {
                    checked.allowed_at_effort_none.clone()
                } else {
                    Vec::new()
                },
                (efforts, tools, values, limits, output),
                None,
                f.prefixes.clone(),
            ));
        }
        let mut patterns: Vec<model::Pattern> = Vec::new();
        // Each prefix with where it is written, to locate a prefix written twice.
        let mut written: Vec<String> = Vec::new();
        for (i, m) in models.iter().enumerate() {
            for (j, p) in m.prefixes.iter().enumerate() {
                patterns.push(model::Pattern {
                    prefix: p.clone(),
                    target: model::PatternTarget::Model(i),
                });
                written.push(format!("/models/{i}/prefixes/{j}"));
            }
        }
        for (i, f) in family_entries.iter().enumerate() {
            for (j, p) in f.prefixes.iter().enumerate() {
                patterns.push(model::Pattern {
                    prefix: p.clone(),
                    target: model::PatternTarget::Family(i),
                });
                written.push(format!("/families/{}/prefixes/{j}", family_entry_of[i]));
            }
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (k, p) in patterns.iter().enumerate() {
            if let Some(&first) = seen.get(p.prefix.as_str()) {
                self.cat_err(
                    &written[k],
                    "duplicate_prefix",
                    format!(
                        "the prefix `{}` is already written at {}",
                        p.prefix, written[first]
                    ),
                );
            } else {
                seen.insert(p.prefix.as_str(), k);
            }
        }
        // Longest first; the sort is stable, so models come before families.
        patterns.sort_by_key(|p| std::cmp::Reverse(p.prefix.chars().count()));
        Catalog {
            description: spec.description.trim().to_owned(),
            effort: spec.effort.as_ref().map(|e| model::Effort {
                parameter: e.parameter.clone(),
                off: e.off_value.clone(),
            }),
            families,
            models,
            output_parameters,
            family_entries,
            patterns,
        }
    }
}

/// A model's rules merged from its family's and its own: efforts, tool rule, values,
/// limits, output.
type Merged = (
    EffortRange,
    Option<(ToolsEffort, Option<String>)>,
    Vec<OnlyValues>,
    Vec<ModelLimit>,
    Option<OutputFacts>,
);

/// A catalog entry (a model, or a family that ids match by prefix) from its checked parts.
fn entry(
    (id, family, reasoning): (String, String, bool),
    rejects: Vec<String>,
    allowed_at_effort_off: Vec<String>,
    (efforts, tools, values, limits, output): Merged,
    deprecated: Option<model::ModelDeprecation>,
    prefixes: Vec<String>,
) -> CatalogModel {
    CatalogModel {
        id,
        family,
        reasoning,
        rejects,
        allowed_at_effort_off,
        min_reasoning_effort: efforts.lowest.clone(),
        rejects_effort_with_tools: matches!(tools, Some((ToolsEffort::Reject, _))),
        efforts,
        tools,
        values,
        limits,
        output,
        deprecated,
        prefixes,
    }
}

/// One level of model rules (a family's, or a model's own), checked and converted.
#[derive(Debug, Clone, Default)]
pub(super) struct Rules {
    pub efforts: EffortRange,
    pub tools: Option<(ToolsEffort, Option<String>)>,
    pub values: BTreeMap<String, OnlyValues>,
    pub limits: BTreeMap<String, ModelLimit>,
    pub output: Option<OutputFacts>,
}

/// The rule fields of a family or a model entry.
pub(super) struct RuleFields<'a> {
    pub efforts: &'a Option<spec::Efforts>,
    pub tools: &'a Option<spec::ToolsRule>,
    pub values: &'a BTreeMap<String, spec::ValueRule>,
    pub limits: &'a BTreeMap<String, spec::LimitRule>,
    pub output: &'a Option<spec::Output>,
}

/// A `YYYY-MM-DD` date.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()))
        && matches!(parts[1].parse::<u8>(), Ok(1..=12))
        && matches!(parts[2].parse::<u8>(), Ok(1..=31))
}

impl Checker<'_> {
    fn check_prefixes(&mut self, at: &str, prefixes: &[String]) {
        for (j, p) in prefixes.iter().enumerate() {
            let parts = p.split('/').count();
            if p.is_empty() || p.chars().any(char::is_whitespace) || parts > 2 || p.ends_with('/') {
                self.cat_err(
                    &format!("{at}/{j}"),
                    "bad_prefix",
                    format!("`{p}` is not an id prefix (`provider/name-start` or `name-start`, no spaces)"),
                );
            }
        }
    }

    /// Checks one level of rules at `at` (`/families/0`, `/models/3`).
    pub(super) fn rule_level(
        &mut self,
        at: &str,
        fields: RuleFields<'_>,
        model: &Model,
        effort_values: &Option<Vec<String>>,
    ) -> Rules {
        let mut out = Rules::default();
        if effort_values.is_none() {
            for (key, given) in [
                ("efforts", fields.efforts.is_some()),
                ("tools", fields.tools.is_some()),
            ] {
                if given {
                    self.cat_err(
                        &format!("{at}/{key}"),
                        "bad_model",
                        format!("`{key}` needs `effort:` at the top of the catalog (which parameter is the reasoning effort)"),
                    );
                }
            }
        }
        if let Some(e) = fields.efforts {
            for (key, value) in [
                ("lowest", &e.lowest),
                ("highest", &e.highest),
                ("default", &e.default),
            ] {
                let Some(v) = value else { continue };
                match effort_values {
                    // Said once, below.
                    None => {}
                    Some(values) if !values.contains(v) => self.cat_err(
                        &format!("{at}/efforts/{key}"),
                        "invalid_value",
                        format!(
                            "`{v}` is not a reasoning effort; expected one of {}",
                            values.join(", ")
                        ),
                    ),
                    Some(_) => {}
                }
            }
            let mut accepted = Vec::new();
            if e.values.is_empty()
                && e.lowest.is_none()
                && e.highest.is_none()
                && e.default.is_none()
            {
                self.cat_err(
                    &format!("{at}/efforts"),
                    "bad_model",
                    "`efforts` says nothing: give `values`, `lowest`, `highest` or `default`"
                        .to_owned(),
                );
            }
            if !e.values.is_empty() {
                if e.lowest.is_some() || e.highest.is_some() {
                    self.cat_err(
                        &format!("{at}/efforts/values"),
                        "bad_model",
                        "give the efforts as `values` or as `lowest`/`highest`, not both"
                            .to_owned(),
                    );
                }
                for (k, v) in e.values.iter().enumerate() {
                    if effort_values.as_ref().is_some_and(|all| !all.contains(v)) {
                        self.cat_err(
                            &format!("{at}/efforts/values/{k}"),
                            "invalid_value",
                            format!("`{v}` is not a reasoning effort"),
                        );
                    }
                }
                accepted = effort_values
                    .iter()
                    .flatten()
                    .filter(|v| e.values.contains(v))
                    .cloned()
                    .collect();
            }
            out.efforts = EffortRange {
                lowest: e.lowest.clone().or_else(|| accepted.first().cloned()),
                highest: e.highest.clone().or_else(|| accepted.last().cloned()),
                accepted,
                default: e.default.clone(),
                source: e.source.clone(),
            };
        }
        if let Some(t) = fields.tools {
            out.tools = Some((t.effort, t.source.clone()));
        }
        for (param, rule) in fields.values {
            let pat = format!(
                "{at}/values/{}",
                param.replace('~', "~0").replace('/', "~1")
            );
            let values = model.param(param).and_then(|p| named_enum(model, &p.ty));
            match values {
                None if model.param(param).is_none() => self.cat_err(
                    &pat,
                    "unknown_parameter",
                    format!("unknown parameter `{param}`"),
                ),
                None => self.cat_err(
                    &pat,
                    "wrong_type",
                    format!("`{param}` must have an enum type to list the values a model takes"),
                ),
                Some(all) => {
                    if rule.only.is_empty() {
                        self.cat_err(
                            &format!("{pat}/only"),
                            "bad_model",
                            format!("`only` lists no value: reject `{param}` instead"),
                        );
                    }
                    for (k, v) in rule.only.iter().enumerate() {
                        if !all.contains(v) {
                            self.cat_err(
                                &format!("{pat}/only/{k}"),
                                "invalid_value",
                                format!(
                                    "`{v}` is not a value of `{param}`; expected one of {}",
                                    all.join(", ")
                                ),
                            );
                        }
                    }
                    let only = all
                        .iter()
                        .filter(|v| rule.only.contains(v))
                        .cloned()
                        .collect();
                    out.values.insert(
                        param.clone(),
                        OnlyValues {
                            param: param.clone(),
                            only,
                            source: rule.source.clone(),
                        },
                    );
                }
            }
        }
        for (param, rule) in fields.limits {
            let pat = format!(
                "{at}/limits/{}",
                param.replace('~', "~0").replace('/', "~1")
            );
            let (range, integer) = match model.param(param).map(|p| &p.ty) {
                None => {
                    self.cat_err(
                        &pat,
                        "unknown_parameter",
                        format!("unknown parameter `{param}`"),
                    );
                    continue;
                }
                Some(Ty::Integer(r)) => (*r, true),
                Some(Ty::Float(r)) => (*r, false),
                Some(_) => {
                    self.cat_err(
                        &pat,
                        "wrong_type",
                        format!("`{param}` is not a number, so it has no range to narrow"),
                    );
                    continue;
                }
            };
            let mut ok = true;
            for (key, bound) in [("min", rule.min), ("max", rule.max)] {
                let Some(b) = bound else { continue };
                if !b.is_finite()
                    || (integer && b.fract() != 0.0)
                    || b.abs() > 9_007_199_254_740_991.0
                {
                    self.cat_err(
                        &format!("{pat}/{key}"),
                        "bad_limit",
                        format!(
                            "`{b}` is not a{} bound",
                            if integer { " whole-number" } else { " finite" }
                        ),
                    );
                    ok = false;
                } else if range.min.is_some_and(|m| b < m) || range.max.is_some_and(|m| b > m) {
                    self.cat_err(
                        &format!("{pat}/{key}"),
                        "bad_limit",
                        format!(
                            "{b} is outside `{param}`'s own range: a model's limit only narrows it"
                        ),
                    );
                    ok = false;
                }
            }
            if let (Some(lo), Some(hi)) = (rule.min, rule.max)
                && lo > hi
            {
                self.cat_err(
                    &pat,
                    "bad_limit",
                    format!("`min` ({lo}) is above `max` ({hi})"),
                );
                ok = false;
            }
            if ok {
                out.limits.insert(
                    param.clone(),
                    ModelLimit {
                        param: param.clone(),
                        range: model::Range {
                            min: rule.min,
                            max: rule.max,
                        },
                        integer,
                        source: rule.source.clone(),
                    },
                );
            }
        }
        if let Some(o) = fields.output {
            out.output = Some(OutputFacts {
                max_tokens: o.max_tokens,
                context_window: o.context_window,
                source: o.source.clone(),
            });
        }
        out
    }

    /// A model's rules: its own over its family's, field by field, with the checks that
    /// need both (at `at`, the model's pointer).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn merge_rules(
        &mut self,
        at: &str,
        family: &Rules,
        own: &Rules,
        legacy_lowest: Option<&String>,
        legacy_tools: bool,
        reasoning: bool,
        model: &Model,
        effort_values: &Option<Vec<String>>,
        output_parameters: &[String],
        off_value: Option<&str>,
    ) -> Merged {
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        let efforts = EffortRange {
            accepted: if own.efforts.accepted.is_empty() {
                family.efforts.accepted.clone()
            } else {
                own.efforts.accepted.clone()
            },
            lowest: legacy_lowest
                .cloned()
                .or_else(|| pick(&own.efforts.lowest, &family.efforts.lowest)),
            highest: pick(&own.efforts.highest, &family.efforts.highest),
            default: pick(&own.efforts.default, &family.efforts.default),
            source: pick(&own.efforts.source, &family.efforts.source),
        };
        let tools = if legacy_tools {
            Some((ToolsEffort::Reject, None))
        } else {
            own.tools.clone().or_else(|| family.tools.clone())
        };
        let has_efforts =
            efforts.lowest.is_some() || efforts.highest.is_some() || efforts.default.is_some();
        if !reasoning && (has_efforts || tools.is_some()) {
            self.cat_err(
                at,
                "bad_model",
                "not a reasoning model, so it has no reasoning effort rules (`efforts`, `tools`, `min_reasoning_effort`)".to_owned(),
            );
        }
        if let Some(values) = effort_values {
            let rank =
                |v: &Option<String>| v.as_ref().and_then(|v| values.iter().position(|x| x == v));
            let (lo, hi, de) = (
                rank(&efforts.lowest),
                rank(&efforts.highest),
                rank(&efforts.default),
            );
            if let (Some(lo), Some(hi)) = (lo, hi)
                && lo > hi
            {
                self.cat_err(
                    at,
                    "bad_model",
                    format!(
                        "the lowest effort `{}` is above the highest `{}`",
                        values[lo], values[hi]
                    ),
                );
            }
            if let Some(d) = de
                && (lo.is_some_and(|lo| d < lo) || hi.is_some_and(|hi| d > hi))
            {
                self.cat_err(
                    at,
                    "bad_model",
                    format!(
                        "the default effort `{}` is outside the efforts the model takes",
                        values[d]
                    ),
                );
            }
        }
        if let (Some((ToolsEffort::RequireOff, _)), Some(e)) = (&tools, off_value)
            && efforts.lowest.as_deref().is_some_and(|l| l != e)
        {
            self.cat_err(
                at,
                "bad_model",
                format!(
                    "the model needs the effort `{e}` with tools but its lowest effort is `{}`",
                    efforts.lowest.as_deref().unwrap_or_default()
                ),
            );
        }
        let mut values: BTreeMap<String, OnlyValues> = family.values.clone();
        values.extend(own.values.clone());
        let mut limits: BTreeMap<String, ModelLimit> = family.limits.clone();
        limits.extend(own.limits.clone());
        let output = own.output.clone().or_else(|| family.output.clone());
        if let Some(cap) = output.as_ref().and_then(|o| o.max_tokens) {
            for name in output_parameters {
                let cap = cap as f64;
                let entry = limits.entry(name.clone()).or_insert_with(|| ModelLimit {
                    param: name.clone(),
                    range: model::Range::default(),
                    integer: true,
                    source: output.as_ref().and_then(|o| o.source.clone()),
                });
                if entry.range.max.is_none_or(|m| m > cap) {
                    entry.range.max = Some(cap);
                }
            }
        }
        let order = |name: &String| model.params.iter().position(|p| &p.name == name);
        let mut values: Vec<OnlyValues> = values.into_values().collect();
        values.sort_by_key(|v| order(&v.param));
        let mut limits: Vec<ModelLimit> = limits.into_values().collect();
        limits.sort_by_key(|l| order(&l.param));
        (efforts, tools, values, limits, output)
    }
}
