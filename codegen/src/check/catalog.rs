//! The model catalog: the effort parameter, families and models.

use super::types::named_enum;
use super::*;

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
