"""The command-line checker: ``check`` and ``prepare`` on JSON files of options.

The contract is ``docs/cli.md`` of the generator's repository: the Rust and TypeScript
packages carry the same checker, with the same text output byte for byte. It names no
parameter and no model: the verdicts are the engine's (``validate``, ``validate_for``,
``prepare``), the name and version the package's.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from . import __version__
from ._engine import Issue, _escape, _json_num, _to_f64, prepare, validate, validate_for
from ._rules import COMMAND

_USAGE: Final = {
    "check": f"{COMMAND} check [--model ID [--tools]] [--format text|json] FILE...",
    "prepare": f"{COMMAND} prepare --model ID [--tools] [--format text|json] FILE",
}

_HELP: Final = f"""\
{COMMAND} {__version__}: checks files of JSON options, or prepares them for a model

usage:
  {_USAGE["check"]}
  {_USAGE["prepare"]}
  {COMMAND} --help | --version

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
"""

_MAX_DEPTH: Final = 127
"""The deepest nesting of arrays and objects read, the options object being level 1
(serde_json's limit)."""


# --- output -----------------------------------------------------------------------------


def _write(stream: Any, text: str) -> None:
    """Writes UTF-8, whatever the locale (file names keep their bytes), and flushes, so
    standard output and standard error interleave as written."""
    if stream is None:
        return
    data = text.encode("utf-8", "surrogateescape")
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        stream.flush()
        raw.write(data)
        raw.flush()
    else:
        stream.write(data.decode("utf-8", "replace"))
        stream.flush()


def _out(text: str) -> None:
    _write(sys.stdout, text)


def _err(text: str) -> None:
    try:
        _write(sys.stderr, text)
    except (OSError, ValueError):
        pass


# --- the JSON printer -------------------------------------------------------------------

_STRING_ESCAPES: Final = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}
_NEEDS_ESCAPE: Final = re.compile(r'["\\\x00-\x1f]')
_EXACT: Final = 2.0**53


def _escape_char(m: re.Match[str]) -> str:
    c = m.group()
    return _STRING_ESCAPES.get(c) or f"\\u{ord(c):04x}"


def _json_string(s: str) -> str:
    """A string escaped only where JSON must (other controls as ``\\u00XX``)."""
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, s) + '"'


def _json_number(n: int | float) -> str:
    """A number from its value as a double: a whole number below 2^53 in magnitude as its
    digits (``1``, never ``1.0`` or ``-0``), any other as serde_json writes it."""
    x = _to_f64(n)
    if not math.isfinite(x):
        return "null"
    if x.is_integer() and abs(x) < _EXACT:
        return str(int(x))
    return _json_num(x)


def _dump(value: object, indent: str, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, (int, float)):
        out.append(_json_number(value))
    elif isinstance(value, str):
        out.append(_json_string(value))
    elif isinstance(value, Mapping):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        out.append("{")
        for i, key in enumerate(sorted(value, key=str)):
            out.append("\n" if i == 0 else ",\n")
            out.append(inner)
            out.append(_json_string(str(key)))
            out.append(": ")
            _dump(value[key], inner, out)
        out.append("\n" + indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        out.append("[")
        for i, item in enumerate(value):
            out.append("\n" if i == 0 else ",\n")
            out.append(inner)
            _dump(item, inner, out)
        out.append("\n" + indent + "]")
    else:
        raise TypeError(f"not a JSON value: {type(value).__name__}")


def dumps(value: object) -> str:
    """``value`` as the checker prints JSON: two-space indents, keys sorted by code point,
    strings escaped only where JSON must, numbers as doubles; no final newline."""
    out: list[str] = []
    _dump(value, "", out)
    return "".join(out)


# --- reading ----------------------------------------------------------------------------


class _Unusable(Exception):
    """A file that cannot be used: why, and where when the parser says."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def text(self, label: str) -> str:
        if self.line is None:
            return f"{label}: error: {self.message}\n"
        return f"{label}:{self.line}:{self.column}: error: {self.message}\n"

    def as_json(self) -> dict[str, object]:
        return {"message": self.message, "line": self.line, "column": self.column}


class _Refused(ValueError):
    """What the JSON parser would take and the checker refuses."""


# Every string (possibly unterminated), constant of Python's parser and number, and every
# bracket, outside strings. Before the parser's first error, the text is JSON, so these
# are its tokens.
_TOKEN: Final = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"?'
    r"|-?Infinity|NaN"
    r"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
    r"|[\[\]{}]",
    re.DOTALL,
)
_SURROGATE_HINT: Final = re.compile(r"\\u[dD][89a-fA-F]")
_STRING_ESCAPE: Final = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)
_AT_VALUE: Final = frozenset({"Expecting value"})
_AT_STRING: Final = frozenset({"Expecting value", "Expecting property name enclosed in double quotes"})


@dataclass
class _Refusal:
    """The first thing in a text that the checker refuses though Python's parser takes
    it: the parser's verdict on the text before ``cut`` decides whether an error comes
    first (an error at ``cut`` itself only when it is not one of ``expected``)."""

    cut: int
    at: int
    message: str
    expected: frozenset[str] = _AT_VALUE


def _lone_surrogate(token: str) -> int | None:
    """The offset in a string token of the first ``\\uXXXX`` escape that leaves half of
    a surrogate pair (Python pairs a high one with a low one right after it)."""
    high: int | None = None
    high_end = -1
    for e in _STRING_ESCAPE.finditer(token):
        digits = e.group(1)
        unit = -1 if digits is None else int(digits, 16)
        if high is not None:
            if e.start() == high_end and 0xDC00 <= unit <= 0xDFFF:
                high = None
                continue
            return high
        if 0xD800 <= unit <= 0xDBFF:
            high, high_end = e.start(), e.end()
        elif 0xDC00 <= unit <= 0xDFFF:
            return e.start()
    return high


def _out_of_range(number: str) -> bool:
    """Whether a JSON number is too large for a double."""
    if "." in number or "e" in number or "E" in number:
        return math.isinf(float(number))
    digits = len(number) - number.startswith("-")
    # The largest double has 309 digits.
    if digits != 309:
        return digits > 309
    return math.isinf(_to_f64(int(number)))


def _first_refusal(text: str) -> _Refusal | None:
    depth = 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        first = token[0]
        at = m.start()
        if first == '"':
            if "\\" not in token or not _SURROGATE_HINT.search(token):
                continue
            offset = _lone_surrogate(token)
            if offset is None:
                continue
            # An error in the string before the escape comes first.
            try:
                json.loads(token[:offset] + '"')
            except json.JSONDecodeError as e:
                return _Refusal(at, at + e.pos, f"invalid JSON: {e.msg}", _AT_STRING)
            escape = token[offset : offset + 6]
            return _Refusal(at, at + offset, f"invalid JSON: a lone surrogate ({escape})", _AT_STRING)
        if first in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                return _Refusal(
                    at, at, f"invalid JSON: arrays and objects nested deeper than {_MAX_DEPTH} levels"
                )
        elif first in "]}":
            depth -= 1
        elif first == "N" or token.endswith("y"):
            return _Refusal(at, at, "invalid JSON: Expecting value")
        elif _out_of_range(token):
            return _Refusal(at, -1, f"invalid JSON: a number out of range ({token})")
    return None


def _refuse_constant(name: str) -> object:
    raise _Refused(f"invalid JSON: Expecting value ({name})")


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise _Refused(f"invalid JSON: a number out of range ({text})")
    return number


def _loads(text: str) -> object:
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite)


def _position(text: str, pos: int) -> tuple[int, int]:
    """The line and column (from 1, in characters) of an offset, as ``json`` counts."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - text.rfind("\n", 0, pos)


def _suspicious(value: object) -> bool:
    """Whether parsed JSON nests deeper than the limit or holds a number that is not a
    finite double."""
    # The value in a list of its own, at level 0.
    stack: list[tuple[object, int]] = [([value], 0)]
    while stack:
        container, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return True
        items = container.values() if isinstance(container, dict) else container
        assert isinstance(items, Iterable)
        for item in items:
            kind = type(item)
            if kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float:
                if math.isinf(item):
                    return True
            elif kind is int and item.bit_length() > 1023 and math.isinf(_to_f64(item)):
                return True
    return False


def _parse(text: str) -> object:
    """Parses JSON as every language of the checker does: Python's parser, refusing what
    it would take and the others do not (``NaN``, numbers too large for a double, lone
    surrogates, nesting deeper than 127 levels), the first problem in the text first.

    Python's parser reads most files alone; what it refuses, or a value that may hold
    something refused, is read again token by token (:func:`_parse_exactly`)."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return _parse_exactly(text)
    if _suspicious(value) or _SURROGATE_HINT.search(text):
        return _parse_exactly(text)
    return value


def _parse_exactly(text: str) -> object:
    """:func:`_parse` token by token: the first thing refused, and the parser's verdict
    on the text before it."""
    refusal = _first_refusal(text)
    try:
        try:
            if refusal is None:
                return _loads(text)
            _loads(text[: refusal.cut])
            # The refused token comes after a whole value: the text is not JSON there.
            _loads(text)
        except json.JSONDecodeError as e:
            if refusal is None or e.pos < refusal.cut or (
                e.pos == refusal.cut and e.msg not in refusal.expected
            ):
                raise _Unusable(f"invalid JSON: {e.msg}", e.lineno, e.colno) from None
    except RecursionError:
        raise _Unusable(
            f"invalid JSON: arrays and objects nested deeper than {_MAX_DEPTH} levels"
        ) from None
    except ValueError as e:
        raise _Unusable(str(e) if isinstance(e, _Refused) else f"invalid JSON: {e}") from None
    assert refusal is not None
    if refusal.at < 0:
        raise _Unusable(refusal.message)
    raise _Unusable(refusal.message, *_position(text, refusal.at))


_KINDS: Final[dict[type, str]] = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def _read(path: str, label: str) -> dict[str, Any]:
    """The options in a file (``-``: standard input)."""
    try:
        if path == "-":
            stdin = sys.stdin
            if stdin is None:
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            raw = getattr(stdin, "buffer", None)
            data: bytes = raw.read() if raw is not None else stdin.read().encode("utf-8")
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as e:
        raise _Unusable(f"cannot read {label}: {e.strerror or e}") from None
    except ValueError as e:
        raise _Unusable(f"cannot read {label}: {e}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _Unusable(f"not UTF-8 (byte {e.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    value = _parse(text)
    if not isinstance(value, dict):
        kind = _KINDS.get(type(value), "a value")
        raise _Unusable(f"expected a JSON object of options, got {kind}")
    return value


# --- the command line -------------------------------------------------------------------


class _Usage(Exception):
    """Bad usage: the message, and the command whose usage line to show."""

    def __init__(self, message: str, command: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.command = command


@dataclass
class _Args:
    command: str
    model: str | None
    tools: bool
    json: bool
    files: list[str]


def _parse_args(argv: Sequence[str]) -> _Args | str:
    """The arguments (the command first, then options and files in any order), or
    ``"help"`` / ``"version"``; raises :class:`_Usage`."""
    if not argv:
        raise _Usage("no command: expected check or prepare", None)
    first = argv[0]
    if first in ("--help", "-h"):
        return "help"
    if first == "--version":
        return "version"
    if first not in _USAGE:
        what = "option" if first.startswith("-") else "command"
        raise _Usage(f"unknown {what} `{first}`: expected check or prepare first", None)
    command = first
    model: str | None = None
    tools = False
    output = "text"
    files: list[str] = []
    options = True
    rest = argv[1:]
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if not options or arg == "-" or not arg.startswith("-"):
            files.append(arg)
            continue
        if arg == "--":
            options = False
            continue
        if arg in ("--help", "-h"):
            return "help"
        if arg == "--version":
            return "version"
        if arg == "--tools":
            tools = True
            continue
        name, eq, value = arg.partition("=")
        if name not in ("--model", "--format"):
            raise _Usage(
                "`--tools` takes no value" if name == "--tools" else f"unknown option `{name}`",
                command,
            )
        if not eq:
            if i == len(rest):
                raise _Usage(f"`{name}` needs a value", command)
            value = rest[i]
            i += 1
        if name == "--model":
            model = value
        elif value in ("text", "json"):
            output = value
        else:
            raise _Usage(f"`--format` is text or json, not `{value}`", command)
    if tools and model is None:
        raise _Usage("`--tools` needs `--model`", command)
    if command == "prepare" and model is None:
        raise _Usage("prepare needs `--model`", command)
    if not files:
        raise _Usage("no file given", command)
    if command == "prepare" and len(files) > 1:
        raise _Usage("prepare takes one file", command)
    if files.count("-") > 1:
        raise _Usage("standard input (`-`) given more than once", command)
    return _Args(command, model, tools, output == "json", files)


def _hint(command: str | None) -> str:
    if command is None:
        return (
            f"usage: {COMMAND} check|prepare [--model ID] [--tools] [--format text|json] "
            f"FILE... ({COMMAND} --help)\n"
        )
    return f"usage: {_USAGE[command]}\n"


def _label(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _issue_lines(label: str, issues: list[Issue]) -> str:
    return "".join(
        f"{label}: {i.path or '(root)'}: {i.severity}[{i.code}]: {i.message}\n" for i in issues
    )


def _issues_json(issues: list[Issue]) -> list[dict[str, object]]:
    return [
        {"path": i.path, "code": i.code, "severity": i.severity, "message": i.message}
        for i in issues
    ]


def _has_error(issues: list[Issue]) -> bool:
    return any(i.severity == "error" for i in issues)


def _note(label: str, model: str) -> str:
    return f"{label}: (root): note: model `{model}` is not in the catalog: nothing is changed\n"


def _check(args: _Args) -> int:
    status = 0
    model = args.model
    unknown = model is not None and prepare(model, {}, has_tools=args.tools).model is None
    files: list[dict[str, object]] = []
    for path in args.files:
        label = _label(path)
        try:
            options = _read(path, label)
        except _Unusable as e:
            status = 2
            if args.json:
                files.append({"file": label, "error": e.as_json()})
            else:
                _err(e.text(label))
            continue
        if model is None:
            issues = validate(options)
        else:
            if unknown and not args.json:
                _err(_note(label, model))
            issues = validate_for(model, options, has_tools=args.tools)
        if _has_error(issues):
            status = max(status, 1)
        if args.json:
            files.append({"file": label, "issues": _issues_json(issues)})
        elif issues:
            _out(_issue_lines(label, issues))
    if args.json:
        _out(dumps({"files": files}) + "\n")
    return status


def _prepare(args: _Args) -> int:
    path = args.files[0]
    model = args.model
    assert model is not None
    label = _label(path)
    try:
        options = _read(path, label)
    except _Unusable as e:
        if args.json:
            _out(dumps({"file": label, "error": e.as_json()}) + "\n")
        else:
            _err(e.text(label))
        return 2
    issues = validate(options)
    if _has_error(issues):
        if args.json:
            _out(dumps({"file": label, "issues": _issues_json(issues)}) + "\n")
        else:
            _err(_issue_lines(label, issues))
        return 1
    prepared = prepare(model, options, has_tools=args.tools)
    if args.json:
        matched = prepared.matched
        changes: list[dict[str, object]] = []
        for c in prepared.changes:
            change: dict[str, object] = {
                "parameter": c.parameter,
                "action": c.action,
                "reason": c.reason,
                "message": c.message,
            }
            if c.action == "moved":
                change["to"] = c.to
            changes.append(change)
        document: dict[str, object] = {
            "file": label,
            "model": prepared.model,
            "matched": None
            if matched is None
            else {"by": matched.by, "entry": matched.entry, "pattern": matched.pattern},
            "options": prepared.options,
            "changes": changes,
            "warnings": [{"reason": w.reason, "message": w.message} for w in prepared.warnings],
        }
        _out(dumps(document) + "\n")
        return 0
    _out(dumps(prepared.options) + "\n")
    if prepared.model is None:
        _err(_note(label, model))
        return 0
    lines = [
        f"{label}: /{_escape(c.parameter)}: {c.action}[{c.reason}]: {c.message}\n"
        for c in prepared.changes
    ]
    # A model's warning comes after its changes (its step is the last one).
    lines.extend(f"{label}: (root): warning[{w.reason}]: {w.message}\n" for w in prepared.warnings)
    _err("".join(lines))
    return 0


def _run(argv: Sequence[str]) -> int:
    try:
        args = _parse_args(argv)
    except _Usage as e:
        _err(f"{COMMAND}: error: {e.message}\n{_hint(e.command)}")
        return 2
    if args == "help":
        _out(_HELP)
        return 0
    if args == "version":
        _out(f"{COMMAND} {__version__}\n")
        return 0
    assert isinstance(args, _Args)
    return _check(args) if args.command == "check" else _prepare(args)


def _quiet_stdout() -> None:
    """After a closed pipe, standard output goes nowhere, so that the interpreter's last
    flush has nothing to complain about."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Runs the checker on ``argv`` (``sys.argv[1:]`` when ``None``) and returns the exit
    status: 0 clean, 1 an issue of severity error, 2 bad usage or a file that cannot be
    used."""
    try:
        return _run(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except Exception as e:  # a bug: said in one line, never a traceback
        _err(f"{COMMAND}: error: internal error: {type(e).__name__}: {e}\n")
        return 2
