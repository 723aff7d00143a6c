//! Whether a value (a default, a required value) fits a type with its limits.

use super::*;

/// Whether a value fits a type with its limits. Used for defaults and required values;
/// the message completes "the default of `x` ...".
pub fn fits(ty: &Ty, value: &Value, types: &[NamedType]) -> Result<(), String> {
    fits_with(ty, value, &|name| types.iter().find(|t| t.name == name))
}

/// [`fits`], with the named types found by `named` (so that a caller holding them in more
/// than one list need not copy them into one).
pub fn fits_with<'t>(
    ty: &Ty,
    value: &Value,
    named: &dyn Fn(&str) -> Option<&'t NamedType>,
) -> Result<(), String> {
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
            a.iter().try_for_each(|v| fits_with(item, v, named))
        }
        (
            Ty::Map {
                value: vt, entries, ..
            },
            Value::Object(m),
        ) => {
            in_count(m.len(), entries, "entries")?;
            m.values().try_for_each(|v| fits_with(vt, v, named))
        }
        (Ty::Named(n), v) => match named(n).map(|t| &t.kind) {
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
                if members.iter().any(|m| fits_with(m, v, named).is_ok()) {
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
                            Some(x) if !(x.is_null() && f.nullable) => fits_with(&f.ty, x, named)?,
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
