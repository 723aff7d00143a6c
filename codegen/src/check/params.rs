//! Parameters: lowering, the example, and the rules between parameters (exclusivity,
//! dependencies, deprecations).

use super::*;

impl Checker<'_> {
    pub(super) fn lower_params(&mut self, spec: &ParamSpec, types: &[NamedType]) -> Vec<Param> {
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
            } else if let Some(why) = crate::names::reserved_wire_name(&p.name) {
                self.err(
                    &format!("{at}/name"),
                    "reserved_name",
                    format!("parameter name `{}` {why}", p.name),
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
                let inline = &self.inline;
                let named = |name: &str| types.iter().chain(inline.iter()).find(|t| t.name == name);
                if let Err(why) = super::values::fits_with(&ty, d, &named) {
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
                renamed_from: p.renamed_from.as_ref().map(|r| model::Rename {
                    name: r.name.clone(),
                    since: r.since.clone(),
                }),
            });
        }
        self.lower_renames(spec, &mut out);
        out
    }

    /// Each `renamed_from`, checked, and lowered into a deprecated parameter of the old
    /// name that moves to the new one (placed right after it), for the `since` minor
    /// series only.
    fn lower_renames(&mut self, spec: &ParamSpec, out: &mut Vec<Param>) {
        let declared: BTreeSet<&str> = spec.parameters.iter().map(|p| p.name.as_str()).collect();
        let version = super::semver_parts(&spec.version);
        let mut old_names = BTreeSet::new();
        for (i, p) in spec.parameters.iter().enumerate().rev() {
            let Some(r) = &p.renamed_from else { continue };
            let at = format!("/parameters/{i}/renamed_from");
            let mut ok = true;
            if r.name == p.name {
                self.err(
                    &format!("{at}/name"),
                    "bad_rename",
                    format!("`{}` cannot be renamed from itself", p.name),
                );
                ok = false;
            } else if !is_snake_case(&r.name) {
                self.err(
                    &format!("{at}/name"),
                    "not_snake_case",
                    format!("former name `{}` is not snake_case", r.name),
                );
                ok = false;
            } else if let Some(why) = crate::names::reserved_wire_name(&r.name) {
                self.err(
                    &format!("{at}/name"),
                    "reserved_name",
                    format!("former name `{}` {why}", r.name),
                );
                ok = false;
            } else if declared.contains(r.name.as_str()) {
                self.err(
                    &format!("{at}/name"),
                    "rename_clash",
                    format!(
                        "`{}` is renamed from `{}`, but the spec still has a parameter `{}`; remove it (the rename keeps the old name working)",
                        p.name, r.name, r.name
                    ),
                );
                ok = false;
            } else if !old_names.insert(r.name.clone()) {
                self.err(
                    &format!("{at}/name"),
                    "rename_clash",
                    format!("`{}` is the former name of two parameters", r.name),
                );
                ok = false;
            }
            match (super::semver_parts(&r.since), version) {
                (None, _) => {
                    self.err(
                        &format!("{at}/since"),
                        "bad_version",
                        format!(
                            "`since: {}` is not a semantic version (MAJOR.MINOR.PATCH)",
                            r.since
                        ),
                    );
                    ok = false;
                }
                (Some(since), Some(v)) if (since.0, since.1) < (v.0, v.1) => {
                    self.err(
                        &at,
                        "stale_rename",
                        format!(
                            "`{}` was renamed from `{}` in {}; the old name is kept for the {}.{}.x series only: remove `renamed_from` (version {})",
                            p.name, r.name, r.since, since.0, since.1, spec.version
                        ),
                    );
                    ok = false;
                }
                (Some(since), Some(v)) if since > v => {
                    self.err(
                        &format!("{at}/since"),
                        "bad_rename",
                        format!(
                            "`since: {}` is after the spec's version {}",
                            r.since, spec.version
                        ),
                    );
                    ok = false;
                }
                _ => {}
            }
            let Some(pos) = out.iter().position(|q| q.name == p.name) else {
                continue;
            };
            if !ok {
                continue;
            }
            let new = &out[pos];
            let old = Param {
                name: r.name.clone(),
                ty: new.ty.clone(),
                default: new.default.clone(),
                reasoning: new.reasoning,
                // The old name carries the new one's rules: `prepare` sends it under the
                // new name, so what the new name may not be sent with, nor may the old.
                exclusive_with: new.exclusive_with.clone(),
                requires: new.requires.clone(),
                deprecated: Some(model::Deprecation {
                    replaced_by: vec![new.name.clone()],
                    moves_to: Some(new.name.clone()),
                    note: format!("Renamed to `{}` in {}.", new.name, r.since),
                }),
                requires_tools: new.requires_tools,
                summary: format!("Renamed to `{}`.", new.name),
                description: String::new(),
                source: None,
                extension: new.extension,
                renamed_from: None,
            };
            for partner in out.iter_mut() {
                if partner.exclusive_with.contains(&p.name) {
                    partner.exclusive_with.push(old.name.clone());
                    partner.exclusive_with.sort();
                    partner.exclusive_with.dedup();
                }
            }
            out.insert(pos + 1, old);
        }
    }

    pub(super) fn lower_example(
        &mut self,
        spec: &ParamSpec,
        model: &Model,
    ) -> Vec<(String, Value)> {
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

    pub(super) fn check_param_relations(&mut self, spec: &ParamSpec, model: &Model) {
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
}
