//! Named and inline types: lowering, recursion, and unions whose members the value alone
//! must tell apart.

use super::*;

impl Checker<'_> {
    pub(super) fn lower_types(&mut self, spec: &ParamSpec) -> Vec<NamedType> {
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
            if ["None", "True", "False"].contains(&name.as_str()) {
                self.err_key(
                    &at,
                    "reserved_name",
                    format!("type name `{name}` is a Python keyword: the Python package could not export it; pick another"),
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
                        } else if let Some(why) = crate::names::reserved_wire_name(&f.name) {
                            self.err(
                                &format!("{fat}/name"),
                                "reserved_name",
                                format!("field name `{}` {why}", f.name),
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
    pub(super) fn check_cycles(&mut self, types: &[NamedType]) {
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

    pub(super) fn lower_union(
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
    pub(super) fn check_union_overlaps(&mut self, types: &[NamedType]) {
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
    pub(super) fn lower_expr(
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
        let key_length = limits.keys.as_ref().and_then(|k| k.length);
        for (key, c) in [
            ("length", limits.length),
            ("items", limits.items),
            ("entries", limits.entries),
            ("keys/length", key_length),
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
            // Every valid value is at least this long: the vectors, the tests and the
            // docs' samples would have to hold one.
            if let Some(spec::Count { min: Some(lo), .. }) = c
                && lo > model::MAX_MINIMUM
            {
                self.err(
                    &format!("{limits_at}/{key}/min"),
                    "limit_too_large",
                    format!(
                        "`{key}`: a minimum of {lo} is not supported (at most {}): every valid \
                         value would be that long",
                        model::MAX_MINIMUM
                    ),
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
                let key_length = keys.length.unwrap_or_default();
                let possible = possible_keys(
                    key_length.min.unwrap_or(0),
                    key_length.max,
                    keys.format.is_some(),
                );
                if let Some(lo) = limits.entries.and_then(|e| e.min)
                    && lo > possible
                {
                    self.err(
                        &format!("{limits_at}/entries/min"),
                        "unsatisfiable_limit",
                        format!(
                            "at least {lo} entries, but the key rules allow only {possible} \
                             different keys of their longest length"
                        ),
                    );
                }
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
}

/// The values of an enum type, or `None` for any other type.
pub(super) fn named_enum(model: &Model, ty: &Ty) -> Option<Vec<String>> {
    match ty {
        Ty::Named(n) => match model.named(n).map(|t| &t.kind) {
            Some(NamedKind::Enum(values)) => Some(values.iter().map(|v| v.value.clone()).collect()),
            _ => None,
        },
        _ => None,
    }
}

pub(super) fn slot_parts(slot: &Slot) -> (&TypeExpr, &Limits) {
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

pub(super) fn describe_expr(e: &TypeExpr) -> String {
    match e {
        TypeExpr::Name(n) => format!("type `{n}`"),
        TypeExpr::List(_) => "a list".to_owned(),
        TypeExpr::Map(_) => "a map".to_owned(),
        TypeExpr::OneOf(_) => "a union (put limits on its members)".to_owned(),
    }
}

pub(super) fn named_refs<'a>(ty: &'a Ty, out: &mut Vec<&'a str>) {
    match ty {
        Ty::Named(n) => out.push(n),
        Ty::List { item, .. } => named_refs(item, out),
        Ty::Map { value, .. } => named_refs(value, out),
        Ty::Bool | Ty::Integer(_) | Ty::Float(_) | Ty::String(_) => {}
    }
}

/// The JSON values a type takes, by kind; enums by their values.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Wire {
    Boolean,
    Number,
    AnyString,
    Strings(BTreeSet<String>),
    Array,
    Object,
}

/// What a member takes on the wire (depth-limited: recursive types are refused elsewhere).
pub(super) fn wire(ty: &Ty, types: &[NamedType], depth: usize) -> Vec<Wire> {
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
pub(super) fn clash(a: &[Wire], b: &[Wire]) -> Option<String> {
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

/// How many different keys of the longest length a map's key rules allow (saturating):
/// token ids are ASCII digits (at least one); other keys any text. A minimum of entries
/// above it is refused, so that the vectors can always build a map that has it.
fn possible_keys(min: u64, max: Option<u64>, token_id: bool) -> u64 {
    let Some(max) = max else {
        return u64::MAX;
    };
    if max < min.max(u64::from(token_id)) {
        return 0;
    }
    // Letters are enough to count: any text has more.
    let base: u64 = if token_id { 10 } else { 26 };
    base.checked_pow(u32::try_from(max).unwrap_or(u32::MAX))
        .unwrap_or(u64::MAX)
}
