//! The one place that reads YAML.
//!
//! A YAML document becomes a JSON value plus the line and column of every node and every
//! mapping key, indexed by JSON Pointer. serde then decodes the JSON value, and every later
//! error (schema, semantic) finds its location by pointer. Scalars resolve by the YAML 1.2
//! core schema, as serde_yaml does: `1.0.0` is a string, `1.0` a float, `yes` a string.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::error::{Pos, SpecError};

/// A YAML document as JSON, with the position of every node.
#[derive(Debug, Clone)]
pub struct Located {
    pub value: Value,
    nodes: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
}

impl Located {
    /// Position of the node at `pointer`, or of its nearest ancestor that exists.
    pub fn pos(&self, pointer: &str) -> Pos {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.nodes.get(p) {
                return *pos;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return Pos::START,
            }
        }
    }

    /// Position of the key of the mapping entry at `pointer` (falls back to [`Self::pos`]).
    pub fn key_pos(&self, pointer: &str) -> Pos {
        self.keys
            .get(pointer)
            .copied()
            .unwrap_or_else(|| self.pos(pointer))
    }
}

/// Appends one JSON Pointer token (escaped per RFC 6901).
pub fn push_token(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Parses one YAML document. `file` only labels errors.
pub fn parse(file: &str, text: &str) -> Result<Located, Vec<SpecError>> {
    let mut builder = Builder {
        file,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: HashMap::new(),
        keys: HashMap::new(),
        root: None,
        documents: 0,
        errors: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, true) {
        let m = e.marker();
        builder.errors.push(SpecError::new(
            file,
            pos_of(m),
            "yaml_syntax",
            e.info().to_owned(),
        ));
    }
    if !builder.errors.is_empty() {
        return Err(builder.errors);
    }
    if builder.documents > 1 {
        return Err(vec![SpecError::new(
            file,
            Pos::START,
            "yaml_syntax",
            "expected one YAML document, found several",
        )]);
    }
    Ok(Located {
        value: builder.root.unwrap_or(Value::Null),
        nodes: builder.nodes,
        keys: builder.keys,
    })
}

fn pos_of(m: &Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Pos {
        line: m.line(),
        column: m.col() + 1,
    }
}

enum Frame {
    Seq {
        pointer: String,
        items: Vec<Value>,
        anchor: usize,
    },
    Map {
        pointer: String,
        entries: Map<String, Value>,
        pending_key: Option<String>,
        anchor: usize,
    },
}

struct Builder<'a> {
    file: &'a str,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    nodes: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    root: Option<Value>,
    documents: usize,
    errors: Vec<SpecError>,
}

impl Builder<'_> {
    /// Pointer of the node about to start, or `None` when it is a mapping key.
    fn next_pointer(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Seq { pointer, items, .. }) => {
                Some(push_token(pointer, &items.len().to_string()))
            }
            Some(Frame::Map {
                pointer,
                pending_key,
                ..
            }) => pending_key.as_ref().map(|k| push_token(pointer, k)),
        }
    }

    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.errors
            .push(SpecError::new(self.file, pos, "yaml_syntax", message));
    }

    /// Places a finished node into its parent.
    fn place(&mut self, value: Value, anchor: usize, pos: Pos) {
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map {
                pointer,
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                Some(key) => {
                    entries.insert(key, value);
                }
                None => {
                    let key = match value {
                        Value::String(s) => s,
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        _ => {
                            self.errors.push(SpecError::new(
                                self.file,
                                pos,
                                "yaml_syntax",
                                "mapping keys must be strings",
                            ));
                            return;
                        }
                    };
                    let duplicate = entries.contains_key(&key);
                    let child = push_token(pointer, &key);
                    *pending_key = Some(key.clone());
                    self.keys.insert(child, pos);
                    if duplicate {
                        self.error(pos, format!("duplicate key `{key}`"));
                    }
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = pos_of(&mark);
        match ev {
            Event::DocumentStart => self.documents += 1,
            Event::Scalar(text, style, anchor, tag) => {
                if let Some(tag) = tag {
                    let message = format!(
                        "YAML tags are not supported here (`{}{}`)",
                        tag.handle, tag.suffix
                    );
                    self.error(pos, message);
                }
                let value = if style == TScalarStyle::Plain {
                    match resolve_plain(&text) {
                        Ok(v) => v,
                        Err(message) => {
                            self.error(pos, message);
                            Value::Null
                        }
                    }
                } else {
                    Value::String(text)
                };
                if let Some(p) = self.next_pointer() {
                    self.nodes.insert(p, pos);
                }
                self.place(value, anchor, pos);
            }
            Event::Alias(id) => {
                let value = match self.anchors.get(&id) {
                    Some(v) => v.clone(),
                    None => {
                        self.error(pos, "alias to an unknown anchor");
                        Value::Null
                    }
                };
                if let Some(p) = self.next_pointer() {
                    self.nodes.insert(p, pos);
                }
                self.place(value, 0, pos);
            }
            Event::SequenceStart(anchor, _) => {
                let pointer = self.next_pointer();
                let pointer = match pointer {
                    Some(p) => p,
                    None => {
                        self.error(pos, "mapping keys must be strings");
                        String::from("/?")
                    }
                };
                self.nodes.insert(pointer.clone(), pos);
                self.stack.push(Frame::Seq {
                    pointer,
                    items: Vec::new(),
                    anchor,
                });
            }
            Event::MappingStart(anchor, _) => {
                let pointer = match self.next_pointer() {
                    Some(p) => p,
                    None => {
                        self.error(pos, "mapping keys must be strings");
                        String::from("/?")
                    }
                };
                self.nodes.insert(pointer.clone(), pos);
                self.stack.push(Frame::Map {
                    pointer,
                    entries: Map::new(),
                    pending_key: None,
                    anchor,
                });
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq { items, anchor, .. }) = self.stack.pop() {
                    self.place(Value::Array(items), anchor, pos);
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map {
                    entries, anchor, ..
                }) = self.stack.pop()
                {
                    self.place(Value::Object(entries), anchor, pos);
                }
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
    }
}

/// Resolves a plain scalar by the YAML 1.2 core schema.
fn resolve_plain(text: &str) -> Result<Value, String> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Value::Null),
        "true" | "True" | "TRUE" => return Ok(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Ok(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => {
            return Err(format!(
                "`{text}` is not a finite number; the spec only holds JSON values"
            ));
        }
        _ => {}
    }
    let bytes = text.as_bytes();
    let looks_numeric = bytes
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && bytes.iter().any(u8::is_ascii_digit);
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(i) = u64::from_str_radix(hex, 16)
    {
        return Ok(Value::Number(i.into()));
    }
    if let Some(oct) = text.strip_prefix("0o")
        && let Ok(i) = u64::from_str_radix(oct, 8)
    {
        return Ok(Value::Number(i.into()));
    }
    if !looks_numeric {
        return Ok(Value::String(text.to_owned()));
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let unsigned = text.strip_prefix('+').unwrap_or(text);
        if let Ok(i) = unsigned.parse::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = unsigned.parse::<u64>() {
            return Ok(Value::Number(u.into()));
        }
    }
    match text.parse::<f64>() {
        Ok(f) => Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| format!("`{text}` is not a finite number")),
        // Things like `1.0.0` or `1-2`: a string, as YAML says.
        Err(_) => Ok(Value::String(text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_resolve_by_the_core_schema() {
        let doc = parse(
            "t.yaml",
            "a: 1\nb: 1.5\nc: 1.0.0\nd: true\ne: ~\nf: '1'\ng: yes\nh: -3\ni: 1e3\n",
        )
        .expect("valid yaml");
        assert_eq!(
            doc.value,
            serde_json::json!({
                "a": 1, "b": 1.5, "c": "1.0.0", "d": true, "e": null,
                "f": "1", "g": "yes", "h": -3, "i": 1000.0
            })
        );
    }

    #[test]
    fn nodes_and_keys_are_located() {
        let doc = parse("t.yaml", "top:\n  - name: x\n    deep: [1, 2]\n").expect("valid yaml");
        assert_eq!(
            doc.pos("/top/0/name"),
            Pos {
                line: 2,
                column: 11
            }
        );
        assert_eq!(doc.key_pos("/top/0/deep"), Pos { line: 3, column: 5 });
        assert_eq!(
            doc.pos("/top/0/deep/1"),
            Pos {
                line: 3,
                column: 15
            }
        );
        // A pointer below a scalar falls back to the nearest node.
        assert_eq!(
            doc.pos("/top/0/name/zzz"),
            Pos {
                line: 2,
                column: 11
            }
        );
    }

    #[test]
    fn duplicate_keys_and_syntax_errors_are_located() {
        let errors = parse("t.yaml", "a: 1\nb: 2\na: 3\n").expect_err("duplicate");
        assert_eq!(errors[0].pos, Pos { line: 3, column: 1 });
        assert!(errors[0].message.contains("duplicate key `a`"));

        let errors = parse("t.yaml", "a: [1, 2\nb: 3\n").expect_err("syntax");
        assert_eq!(errors[0].code, "yaml_syntax");
        assert!(errors[0].pos.line >= 1);
    }

    #[test]
    fn anchors_are_expanded_and_non_finite_numbers_rejected() {
        let doc = parse("t.yaml", "a: &x [1, 2]\nb: *x\n").expect("valid yaml");
        assert_eq!(doc.value["b"], serde_json::json!([1, 2]));
        let errors = parse("t.yaml", "a: .nan\n").expect_err("nan");
        assert!(errors[0].message.contains("finite"));
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(push_token("/a", "b/c~d"), "/a/b~1c~0d");
    }
}
