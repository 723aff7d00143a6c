//! The command-line checker (`docs/cli.md`): `check FILE...` and `prepare FILE`, the same
//! in every language, byte for byte. The crate's binary (`src/main.rs`) calls [`main`].
//! It needs nothing beyond the library's own dependencies.

use std::fmt::Write as _;
use std::io::Read as _;
use std::process::ExitCode;

use serde_json::{Map, Value};

use crate::engine::kind;
use crate::{prepare, validate, validate_for, Issue, PrepareContext, Prepared, Severity};

const NAME: &str = env!("CARGO_PKG_NAME");
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The usage line of each command.
fn usage_of(command: Command) -> String {
    match command {
        Command::Check => {
            format!("usage: {NAME} check [--model ID [--tools]] [--format text|json] FILE...")
        }
        Command::Prepare => {
            format!("usage: {NAME} prepare --model ID [--tools] [--format text|json] FILE")
        }
    }
}

fn help() -> String {
    format!(
        "{NAME} {VERSION}: checks files of JSON options, or prepares them for a model

usage:
  {NAME} check [--model ID [--tools]] [--format text|json] FILE...
  {NAME} prepare --model ID [--tools] [--format text|json] FILE
  {NAME} --help | --version

FILE is a path, or - for standard input: one JSON object of options, in UTF-8.

commands:
  check     report every issue of each file; with --model, also what that model does
            not take
  prepare   print the options to send to the model (standard output) and every change
            (standard error)

options:
  --model ID           the model the request is for
  --tools              the request carries tools
  --format text|json   the output format (default text)
  --                   the end of the options
  --help               print this help
  --version            print the version

exit status: 0 clean (warnings do not fail), 1 an issue of severity error (prepare: the
options are invalid), 2 bad usage or a file that cannot be used
"
    )
}

/// Runs the command line with the process's arguments and standard streams.
pub fn main() -> ExitCode {
    let args: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect()
    {
        Ok(args) => args,
        Err(_) => {
            eprintln!("{NAME}: error: an argument is not UTF-8");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = run(&args, &mut stdout.lock(), &mut stderr.lock(), &mut || {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    });
    ExitCode::from(code)
}

/// The command line on the given streams: the exit status (0 clean, 1 issues, 2 bad input
/// or usage). Output that cannot be written (a closed pipe) is dropped.
pub fn run(
    args: &[String],
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
    stdin: &mut dyn FnMut() -> std::io::Result<Vec<u8>>,
) -> u8 {
    let cmd = match parse_args(args) {
        Parsed::Help => {
            let _ = write!(out, "{}", help());
            return 0;
        }
        Parsed::Version => {
            let _ = writeln!(out, "{NAME} {VERSION}");
            return 0;
        }
        Parsed::Run(cmd) => cmd,
        Parsed::Usage { message, usage } => {
            let _ = writeln!(err, "{NAME}: error: {message}\n{usage}");
            return 2;
        }
    };
    let context = PrepareContext {
        has_tools: cmd.tools,
    };
    let mut status = 0;
    let mut reports = Vec::new();
    for file in &cmd.files {
        let shown = if file == "-" {
            "<stdin>"
        } else {
            file.as_str()
        };
        let options = match read_options(file, stdin) {
            Ok(options) => options,
            Err(e) => {
                status = 2;
                if cmd.json {
                    reports.push(file_error(shown, &e));
                } else {
                    let _ = writeln!(err, "{}", e.line(shown));
                }
                continue;
            }
        };
        let value = Value::Object(options);
        match cmd.command {
            Command::Check => {
                let issues = match &cmd.model {
                    Some(model) => {
                        if !cmd.json && !resolves(model) {
                            let _ = writeln!(err, "{}", unknown_model_note(shown, model));
                        }
                        validate_for(model, &value, context)
                    }
                    None => validate(&value),
                };
                if issues.iter().any(|i| i.severity == Severity::Error) {
                    status = status.max(1);
                }
                if cmd.json {
                    reports.push(file_issues(shown, &issues));
                } else {
                    for issue in &issues {
                        let _ = writeln!(out, "{}", issue_line(shown, issue));
                    }
                }
            }
            Command::Prepare => {
                let model = cmd.model.as_deref().unwrap_or_default();
                let issues = validate(&value);
                if issues.iter().any(|i| i.severity == Severity::Error) {
                    status = 1;
                    if cmd.json {
                        reports.push(file_issues(shown, &issues));
                    } else {
                        for issue in &issues {
                            let _ = writeln!(err, "{}", issue_line(shown, issue));
                        }
                    }
                    continue;
                }
                let Value::Object(options) = value else {
                    unreachable!("read_options returns objects")
                };
                let prepared = prepare(model, &options, context);
                if cmd.json {
                    reports.push(prepared_json(shown, &prepared));
                } else {
                    print_prepared(out, err, shown, model, &prepared);
                }
            }
        }
    }
    if cmd.json {
        let doc = match cmd.command {
            Command::Check => {
                let mut doc = Map::new();
                doc.insert("files".into(), Value::Array(reports));
                Value::Object(doc)
            }
            Command::Prepare => reports.pop().unwrap_or(Value::Null),
        };
        let _ = writeln!(out, "{}", to_json(&doc));
    }
    let _ = out.flush();
    let _ = err.flush();
    status
}

/// Whether an id reaches any rules: a catalog model (by id, name or prefix) or a family
/// entry through its prefix.
fn resolves(model: &str) -> bool {
    prepare(model, &Map::new(), PrepareContext::default())
        .model
        .is_some()
}

fn unknown_model_note(file: &str, model: &str) -> String {
    format!("{file}: (root): note: model `{model}` is not in the catalog: nothing is changed")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Command {
    Check,
    Prepare,
}

struct Cmd {
    command: Command,
    model: Option<String>,
    tools: bool,
    json: bool,
    files: Vec<String>,
}

enum Parsed {
    Help,
    Version,
    Run(Cmd),
    /// A usage error: its message and the usage line to show.
    Usage {
        message: String,
        usage: String,
    },
}

/// The arguments: the command first, then options and files in any order.
fn parse_args(args: &[String]) -> Parsed {
    let general = format!(
        "usage: {NAME} check|prepare [--model ID] [--tools] [--format text|json] FILE... \
         ({NAME} --help)"
    );
    let fail = |message: String, usage: &str| Parsed::Usage {
        message,
        usage: usage.to_owned(),
    };
    let Some(first) = args.first() else {
        return fail("no command: expected check or prepare".into(), &general);
    };
    let command = match first.as_str() {
        "--help" | "-h" => return Parsed::Help,
        "--version" => return Parsed::Version,
        "check" => Command::Check,
        "prepare" => Command::Prepare,
        other => {
            let what = if other.starts_with('-') {
                "option"
            } else {
                "command"
            };
            return fail(
                format!("unknown {what} `{other}`: expected check or prepare first"),
                &general,
            );
        }
    };
    let usage = usage_of(command);
    let mut cmd = Cmd {
        command,
        model: None,
        tools: false,
        json: false,
        files: Vec::new(),
    };
    let mut options = true;
    let mut rest = args[1..].iter();
    while let Some(arg) = rest.next() {
        if !options || arg == "-" || !arg.starts_with('-') {
            cmd.files.push(arg.clone());
            continue;
        }
        match arg.as_str() {
            "--" => {
                options = false;
                continue;
            }
            "--help" | "-h" => return Parsed::Help,
            "--version" => return Parsed::Version,
            "--tools" => {
                cmd.tools = true;
                continue;
            }
            _ => {}
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (arg.as_str(), None),
        };
        if name != "--model" && name != "--format" {
            let message = if name == "--tools" {
                "`--tools` takes no value".to_owned()
            } else {
                format!("unknown option `{name}`")
            };
            return fail(message, &usage);
        }
        let value = match inline {
            Some(v) => v.to_owned(),
            None => match rest.next() {
                Some(v) => v.clone(),
                None => return fail(format!("`{name}` needs a value"), &usage),
            },
        };
        if name == "--model" {
            cmd.model = Some(value);
        } else if value == "json" || value == "text" {
            cmd.json = value == "json";
        } else {
            return fail(format!("`--format` is text or json, not `{value}`"), &usage);
        }
    }
    if cmd.tools && cmd.model.is_none() {
        return fail("`--tools` needs `--model`".into(), &usage);
    }
    if cmd.command == Command::Prepare && cmd.model.is_none() {
        return fail("prepare needs `--model`".into(), &usage);
    }
    if cmd.files.is_empty() {
        return fail("no file given".into(), &usage);
    }
    if cmd.command == Command::Prepare && cmd.files.len() > 1 {
        return fail("prepare takes one file".into(), &usage);
    }
    if cmd.files.iter().filter(|f| *f == "-").count() > 1 {
        return fail("standard input (`-`) given more than once".into(), &usage);
    }
    Parsed::Run(cmd)
}

/// Why a file cannot be used, with its position when it has one.
struct FileError {
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

impl FileError {
    fn new(message: String) -> Self {
        FileError {
            message,
            line: None,
            column: None,
        }
    }

    fn line(&self, file: &str) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                format!("{file}:{line}:{column}: error: {}", self.message)
            }
            _ => format!("{file}: error: {}", self.message),
        }
    }
}

fn read_options(
    file: &str,
    stdin: &mut dyn FnMut() -> std::io::Result<Vec<u8>>,
) -> Result<Map<String, Value>, FileError> {
    let bytes = if file == "-" {
        stdin()
    } else {
        std::fs::read(file)
    }
    .map_err(|e| {
        let shown = if file == "-" { "<stdin>" } else { file };
        FileError::new(format!("cannot read {shown}: {e}"))
    })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| FileError::new(format!("not UTF-8 (byte {})", e.valid_up_to())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(text, &e))?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(FileError::new(format!(
            "expected a JSON object of options, got {}",
            kind(&other)
        ))),
    }
}

/// serde_json's error as a located one: its message without the position it appends, and
/// the column counted in characters (serde_json counts bytes).
fn json_error(text: &str, e: &serde_json::Error) -> FileError {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full.as_str(),
    };
    let message = format!("invalid JSON: {message}");
    if e.line() == 0 {
        return FileError::new(message);
    }
    let line_text = text.split('\n').nth(e.line() - 1).unwrap_or_default();
    let bytes = e.column().min(line_text.len());
    let mut end = bytes;
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    let column = line_text[..end].chars().count() + usize::from(end < bytes);
    FileError {
        message,
        line: Some(e.line()),
        column: Some(column.max(1)),
    }
}

fn pointer(path: &str) -> &str {
    if path.is_empty() {
        "(root)"
    } else {
        path
    }
}

fn issue_line(file: &str, issue: &Issue) -> String {
    format!(
        "{file}: {}: {}[{}]: {}",
        pointer(&issue.path),
        issue.severity,
        issue.code,
        issue.message
    )
}

fn print_prepared(
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
    file: &str,
    model: &str,
    prepared: &Prepared,
) {
    if prepared.model.is_none() {
        let _ = writeln!(err, "{}", unknown_model_note(file, model));
    }
    for c in &prepared.changes {
        let _ = writeln!(
            err,
            "{file}: /{}: {}[{}]: {}",
            escape_token(&c.parameter),
            c.action,
            c.reason,
            c.message
        );
    }
    for w in &prepared.warnings {
        let _ = writeln!(err, "{file}: (root): warning[{}]: {}", w.reason, w.message);
    }
    let _ = writeln!(out, "{}", to_json(&Value::Object(prepared.options.clone())));
}

/// A key as a JSON Pointer token (`~` as `~0`, `/` as `~1`).
fn escape_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn file_error(file: &str, e: &FileError) -> Value {
    let mut error = Map::new();
    error.insert("message".into(), e.message.clone().into());
    error.insert("line".into(), e.line.map_or(Value::Null, Value::from));
    error.insert("column".into(), e.column.map_or(Value::Null, Value::from));
    let mut doc = Map::new();
    doc.insert("file".into(), file.into());
    doc.insert("error".into(), Value::Object(error));
    Value::Object(doc)
}

fn file_issues(file: &str, issues: &[Issue]) -> Value {
    let mut doc = Map::new();
    doc.insert("file".into(), file.into());
    doc.insert(
        "issues".into(),
        serde_json::to_value(issues).unwrap_or(Value::Null),
    );
    Value::Object(doc)
}

fn prepared_json(file: &str, prepared: &Prepared) -> Value {
    let mut doc = Map::new();
    doc.insert("file".into(), file.into());
    // The fields of `Prepared` (`options` as given), as serde writes them.
    if let Ok(Value::Object(fields)) = serde_json::to_value(prepared) {
        doc.extend(fields);
    }
    Value::Object(doc)
}

/// JSON as every language's command line writes it (`docs/cli.md`): two-space indent, keys
/// sorted by code point, the fewest escapes, numbers from their value as a double.
pub fn to_json(v: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, v, 0);
    out
}

fn write_json(out: &mut String, v: &Value, depth: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                write_json(out, item, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                write_string(out, key);
                out.push_str(": ");
                write_json(out, &map[key], depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push('}');
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A whole number below 2^53 in magnitude as its digits; any other in the shortest digits
/// that read back as it, laid out as serde_json's `ryu` lays them out (`2.5`, `1e300`,
/// `1.5e-7`, `1.2345e16`), as the other languages' engines write a JSON float. (Not
/// serde_json's own `Display`, whose layout changed between its versions.)
fn write_number(out: &mut String, n: &serde_json::Number) {
    let f = n.as_f64().unwrap_or(f64::NAN);
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        // Exact: |f| < 2^53.
        let _ = write!(out, "{}", f as i64);
        return;
    }
    // `{:e}` writes the shortest digits that read back: `d.ddde-7`.
    let scientific = format!("{:e}", f.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let point = exponent.parse::<i64>().unwrap_or(0) + 1;
    let len = digits.len() as i64;
    if f < 0.0 {
        out.push('-');
    }
    if point >= len && point <= 16 {
        out.push_str(&digits);
        out.push_str(&"0".repeat((point - len) as usize));
        out.push_str(".0");
    } else if point > 0 && point <= 16 {
        let (whole, fraction) = digits.split_at(point as usize);
        let _ = write!(out, "{whole}.{fraction}");
    } else if point > -5 && point <= 0 {
        let _ = write!(
            out,
            "0.{}{digits}",
            "0".repeat(point.unsigned_abs() as usize)
        );
    } else if len == 1 {
        let _ = write!(out, "{digits}e{}", point - 1);
    } else {
        let _ = write!(out, "{}.{}e{}", &digits[..1], &digits[1..], point - 1);
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_from_their_double() {
        let cases = [
            ("1.0", "1"),
            ("-0.0", "0"),
            ("1e300", "1e300"),
            ("1.5e-7", "1.5e-7"),
            ("2.5", "2.5"),
            ("1152921504606846976", "1.152921504606847e18"),
            ("9007199254740991", "9007199254740991"),
            ("9007199254740994", "9007199254740994.0"),
            ("1.2345e16", "1.2345e16"),
            ("-0.5", "-0.5"),
            ("0.00001", "0.00001"),
            ("1e-6", "1e-6"),
            ("123.456", "123.456"),
        ];
        for (input, written) in cases {
            let v: Value = serde_json::from_str(input).expect("a number");
            assert_eq!(to_json(&v), written, "{input}");
        }
    }
}
