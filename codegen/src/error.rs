//! Errors in a spec: data with a file, a position, a stable code and a message.

use std::fmt;

/// A 1-based line and column in a spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// One problem in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub file: String,
    pub pos: Pos,
    /// Stable, `snake_case`: `yaml_syntax`, `unknown_key`, `wrong_type`, `bad_default`,
    /// `exclusive_not_symmetric`, `unknown_parameter`, `unknown_type`, `duplicate_name`,
    /// `not_snake_case`, ...
    pub code: &'static str,
    pub message: String,
}

impl SpecError {
    pub fn new(file: &str, pos: Pos, code: &'static str, message: impl Into<String>) -> Self {
        SpecError {
            file: file.to_owned(),
            pos,
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error[{}]: {}",
            self.file, self.pos.line, self.pos.column, self.code, self.message
        )
    }
}

/// Every error found in a spec, sorted by file and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl SpecErrors {
    pub fn sorted(mut errors: Vec<SpecError>) -> Self {
        errors.sort_by(|a, b| (&a.file, a.pos, &a.message).cmp(&(&b.file, b.pos, &b.message)));
        errors.dedup();
        SpecErrors(errors)
    }
}

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        write!(
            f,
            "{} error{} in the spec",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for SpecErrors {}
