"""The command-line checker (``docs/cli.md``) on the package of the `full` fixture spec
(import ``fixture_full``, command ``fixture-full``): exit statuses, the exact lines of
``check`` and ``prepare``, the bytes of the JSON printer, every input that cannot be
used, usage errors and ``--format json``. Most tests call ``main`` with the standard
streams replaced; some run ``python -m fixture_full`` or the console script in a child
process, as a user does.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import fixture_full
from fixture_full._cli import _parse, _parse_exactly, _Unusable, dumps, main
from fixture_full._rules import COMMAND

Result = tuple[int, str, str]


def run(*args: str, stdin: bytes = b"") -> Result:
    """``main(args)`` in this process, its standard streams bytes: the exit status,
    standard output and standard error."""
    streams = [io.BytesIO(stdin), io.BytesIO(), io.BytesIO()]
    wrapped = [io.TextIOWrapper(s, encoding="utf-8") for s in streams]
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = wrapped
    try:
        status = main(list(args))
        for w in wrapped[1:]:
            w.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return status, streams[1].getvalue().decode("utf-8"), streams[2].getvalue().decode("utf-8")


def spawn(*args: str, stdin: bytes = b"") -> Result:
    """``python -m fixture_full ARGS`` in a child process, as a user runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "fixture_full", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


Write = Callable[[str, str | bytes], None]


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Write:
    """Writes files in a scratch directory, the working directory of the runs (so the
    paths in the output are the short names given)."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (tmp_path / name).write_bytes(data)

    return write


USAGE_CHECK = f"usage: {COMMAND} check [--model ID [--tools]] [--format text|json] FILE...\n"
USAGE_PREPARE = f"usage: {COMMAND} prepare --model ID [--tools] [--format text|json] FILE\n"
USAGE_ANY = (
    f"usage: {COMMAND} check|prepare [--model ID] [--tools] [--format text|json] FILE... "
    f"({COMMAND} --help)\n"
)


# --- check ------------------------------------------------------------------------------


def test_the_command_is_the_distributions_name() -> None:
    assert COMMAND == "fixture-full"
    assert spawn("--version") == (0, f"fixture-full {fixture_full.__version__}\n", "")
    assert fixture_full.__version__ == "0.3.0-rc.1"


def test_a_clean_file_prints_nothing(files: Write) -> None:
    files("ok.json", '{"temperature": 0.7, "max_output_tokens": 1000}')
    assert run("check", "ok.json") == (0, "", "")


def test_issues_are_printed_in_validates_order_and_fail(files: Write) -> None:
    files(
        "bad.json",
        '{"temperature": 3, "top_p": 0.5, "tmperature": 1, "bias": {"x": 1, "a/b~c": 2}}',
    )
    assert run("check", "bad.json") == (
        1,
        "bad.json: /bias/a~1b~0c: error[invalid_value]: key `a/b~c` is not a token id (digits)\n"
        "bad.json: /bias/x: error[invalid_value]: key `x` is not a token id (digits)\n"
        "bad.json: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n"
        "bad.json: /tmperature: error[unknown_parameter]: unknown parameter `tmperature`; did you mean `temperature`?\n"
        "bad.json: /top_p: error[mutually_exclusive]: `top_p` and `temperature` cannot both be set; set one of them\n",
        "",
    )


def test_warnings_are_printed_and_do_not_fail(files: Write) -> None:
    files("old.json", '{"max_tokens": 100, "user": "u"}')
    assert run("check", "old.json") == (
        0,
        "old.json: /max_tokens: warning[deprecated]: `max_tokens` is deprecated; use `max_output_tokens` instead. Reasoning models reject it\n"
        "old.json: /user: warning[deprecated]: `user` is deprecated; use `end_user` or `session_tag` instead. Split in two\n",
        "",
    )


def test_the_root_is_named_root(files: Write) -> None:
    files("deprecated_model.json", "{}")
    assert run("check", "--model", "acme/think-3", "deprecated_model.json") == (
        0,
        "deprecated_model.json: (root): warning[deprecated]: acme/think-3 is deprecated and shuts down on 2027-01-01; use acme/think-1 instead\n",
        "",
    )


def test_a_model_reports_what_it_does_not_take_with_and_without_tools(files: Write) -> None:
    files("effort.json", '{"effort": "high", "temperature": 0.5, "tool_choice": "auto"}')
    assert run("check", "effort.json") == (0, "", "")
    assert run("check", "--model", "acme/think-2", "effort.json") == (
        1,
        "effort.json: /temperature: error[unsupported_by_model]: `temperature` removed: acme/think-2 does not support it\n"
        "effort.json: /tool_choice: error[missing_dependency]: `tool_choice` removed: the request has no tools\n",
        "",
    )
    # Options after the file, and `--model=ID`.
    assert run("check", "effort.json", "--tools", "--model=acme/think-2") == (
        1,
        "effort.json: /effort: error[unsupported_value]: `effort` removed: acme/think-2 rejects it when tools are present\n"
        "effort.json: /temperature: error[unsupported_by_model]: `temperature` removed: acme/think-2 does not support it\n",
        "",
    )


def test_a_model_outside_the_catalog_is_checked_as_options_with_a_note(files: Write) -> None:
    files("effort.json", '{"effort": "high", "temperature": 3}')
    assert run("check", "--model", "nope/model-9", "effort.json") == (
        1,
        "effort.json: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n",
        "effort.json: (root): note: model `nope/model-9` is not in the catalog: nothing is changed\n",
    )


def test_models_found_by_name_or_prefix_are_in_the_catalog(files: Write) -> None:
    files("t.json", '{"top_k": 5}')
    message = "`top_k` removed: {} does not support it"
    for model, named in [
        ("think-1", "acme/think-1"),
        ("azure/think-1", "acme/think-1"),
        ("think-1-2025-08-07", "think-1-2025-08-07"),
        ("acme/think-3-2025-01-01", "acme/think-3"),
    ]:
        status, out, err = run("check", "--model", model, "t.json")
        assert (status, err) == (1, ""), model
        assert "t.json: /top_k: error[unsupported_by_model]: " + message.format(named) + "\n" in out


def test_several_files_one_unusable(files: Write) -> None:
    files("a.json", '{"temperature": 3}')
    files("b.json", "[1]")
    files("c.json", '{"top_k": 0}')
    files("d.json", "{}")
    assert run("check", "a.json", "b.json", "missing.json", "c.json", "d.json") == (
        2,
        "a.json: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n"
        "c.json: /top_k: error[out_of_range]: 0 is outside the range 1 to 100\n",
        "b.json: error: expected a JSON object of options, got an array\n"
        "missing.json: error: cannot read missing.json: No such file or directory\n",
    )
    assert run("check", "d.json", "b.json")[0] == 2
    assert run("check", "d.json", "a.json")[0] == 1


def test_standard_input(files: Write) -> None:
    files("a.json", '{"temperature": 3}')
    assert spawn("check", "a.json", "-", stdin=b'{"top_k": 0}') == (
        1,
        "a.json: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n"
        "<stdin>: /top_k: error[out_of_range]: 0 is outside the range 1 to 100\n",
        "",
    )
    assert run("check", "-", stdin=b"") == (
        2,
        "",
        "<stdin>:1:1: error: invalid JSON: Expecting value\n",
    )


def test_double_dash_ends_the_options(files: Write) -> None:
    files("--tools", '{"temperature": 3}')
    assert run("check", "--", "--tools") == (
        1,
        "--tools: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n",
        "",
    )
    # `-` after `--` is still standard input.
    assert run("check", "--format=text", "--", "-", stdin=b"{}") == (0, "", "")


# --- prepare ----------------------------------------------------------------------------

PRINTED = (
    '{"temperature": 1.0, "penalty": 1.5e-7, "max_tokens": 10, "top_k": 40, "seed": -0.0,'
    ' "labels": {"b": "\u00e9\\u0001\\n\\"\\\\/", "a": "\\u007f\\t\\u001f\\b\\f\\r", "B": "\U0001f600"},'
    ' "stop": ["x"], "bias": {},'
    ' "format": {"type": "json_schema", "examples": [], "strict": true, "schema_name": null}}'
)


def test_prepare_prints_the_options_sorted_and_the_changes(files: Write) -> None:
    files("p.json", PRINTED)
    assert spawn("prepare", "--model", "acme/think-1", "p.json") == (
        0,
        "{\n"
        '  "bias": {},\n'
        '  "format": {\n'
        '    "examples": [],\n'
        '    "schema_name": null,\n'
        '    "strict": true,\n'
        '    "type": "json_schema"\n'
        "  },\n"
        '  "labels": {\n'
        '    "B": "\U0001f600",\n'
        '    "a": "\x7f\\t\\u001f\\b\\f\\r",\n'
        '    "b": "\u00e9\\u0001\\n\\"\\\\/"\n'
        "  },\n"
        '  "max_output_tokens": 10,\n'
        '  "seed": 0,\n'
        '  "stop": [\n'
        '    "x"\n'
        "  ]\n"
        "}\n",
        "p.json: /temperature: removed[unsupported_by_model]: `temperature` removed: acme/think-1 does not support it\n"
        "p.json: /top_k: removed[unsupported_by_model]: `top_k` removed: acme/think-1 does not support it\n"
        "p.json: /max_tokens: moved[unsupported_by_model]: `max_tokens` moved to `max_output_tokens`: acme/think-1 rejects `max_tokens`\n"
        "p.json: /penalty: removed[unsupported_by_model]: `penalty` removed: acme/think-1 does not support it\n",
    )


def test_prepare_writes_numbers_from_their_value(files: Write) -> None:
    files("p.json", PRINTED)
    status, out, err = run("prepare", "--model", "acme/chat-1", "p.json")
    assert (status, err) == (0, "")
    assert '\n  "temperature": 1,\n' in out
    assert '\n  "penalty": 1.5e-7,\n' in out
    assert '\n  "seed": 0,\n' in out
    assert '\n  "top_k": 40\n' in out


def test_prepare_reports_sets_clamps_and_the_models_warning_last(files: Write) -> None:
    files("p.json", '{"max_tokens": 10, "temperature": 0.5, "tier": "batch"}')
    assert run("prepare", "p.json", "--tools", "--model", "acme/think-3") == (
        0,
        '{\n  "effort": "none",\n  "max_output_tokens": 16,\n  "temperature": 0.5\n}\n',
        "p.json: /effort: set[effort_with_tools]: `effort` set to `none`: acme/think-3 takes tools only at that effort\n"
        "p.json: /max_tokens: moved[unsupported_by_model]: `max_tokens` moved to `max_output_tokens`: acme/think-3 rejects `max_tokens`\n"
        "p.json: /tier: removed[value_unsupported_by_model]: `tier` removed: acme/think-3 takes only `standard`\n"
        "p.json: /max_output_tokens: clamped[below_model_limit]: `max_output_tokens` raised to 16: the least acme/think-3 takes\n"
        "p.json: (root): warning[deprecated_model]: acme/think-3 is deprecated and shuts down on 2027-01-01; use acme/think-1 instead\n",
    )


def test_prepare_for_a_model_outside_the_catalog_changes_nothing(files: Write) -> None:
    files("p.json", '{"temperature": 1.50, "max_tokens": 10}')
    assert run("prepare", "--model=nope/model-9", "p.json") == (
        0,
        '{\n  "max_tokens": 10,\n  "temperature": 1.5\n}\n',
        "p.json: (root): note: model `nope/model-9` is not in the catalog: nothing is changed\n",
    )


def test_prepare_refuses_invalid_options(files: Write) -> None:
    files("p.json", '{"temperature": 3, "max_tokens": 10}')
    assert run("prepare", "--model", "acme/think-1", "p.json") == (
        1,
        "",
        "p.json: /max_tokens: warning[deprecated]: `max_tokens` is deprecated; use `max_output_tokens` instead. Reasoning models reject it\n"
        "p.json: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n",
    )


def test_prepare_of_an_unusable_file(files: Write) -> None:
    files("p.json", '{"temperature": NaN}')
    assert run("prepare", "--model", "acme/think-1", "p.json") == (
        2,
        "",
        "p.json:1:17: error: invalid JSON: Expecting value\n",
    )


# --- the JSON printer -------------------------------------------------------------------


def test_numbers_are_written_from_their_value_as_a_double() -> None:
    numbers: list[Any] = [
        1.0,
        1,
        -0.0,
        0,
        2.5,
        1e300,
        1.5e-7,
        2**60,
        2**53 - 1,
        2**53,
        -(2**53),
        1.2345e16,
        1e16,
        0.1,
        -1e-7,
        100.0,
        1e21,
        123456789012345680000.0,
        5e-324,
        1.7976931348623157e308,
        10**308,
    ]
    assert json.loads(dumps(numbers)) == [float(n) for n in numbers]
    assert dumps(numbers).split("\n")[1:-1] == [
        "  1,",
        "  1,",
        "  0,",
        "  0,",
        "  2.5,",
        "  1e300,",
        "  1.5e-7,",
        "  1.152921504606847e18,",
        "  9007199254740991,",
        "  9007199254740992.0,",
        "  -9007199254740992.0,",
        "  1.2345e16,",
        "  1e16,",
        "  0.1,",
        "  -1e-7,",
        "  100,",
        "  1e21,",
        "  1.2345678901234568e20,",
        "  5e-324,",
        "  1.7976931348623157e308,",
        "  1e308",
    ]


def test_strings_are_escaped_only_where_json_must() -> None:
    every_control = "".join(chr(c) for c in range(0x20))
    text = every_control + '"\\/\x7f\u00e9\u2028\U0001f600'
    assert dumps(text) == (
        '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r'
        "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
        '\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\\"\\\\/\x7f\u00e9\u2028\U0001f600"'
    )
    assert json.loads(dumps(text)) == text


def test_keys_are_sorted_by_code_point_and_nesting_is_indented() -> None:
    value = {"b": [], "a": {}, "\U0001f600": [{"z": None, "y": [True, False]}], "\uffff": 1, "B": "x"}
    assert dumps(value) == (
        "{\n"
        '  "B": "x",\n'
        '  "a": {},\n'
        '  "b": [],\n'
        '  "\uffff": 1,\n'
        '  "\U0001f600": [\n'
        "    {\n"
        '      "y": [\n'
        "        true,\n"
        "        false\n"
        "      ],\n"
        '      "z": null\n'
        "    }\n"
        "  ]\n"
        "}"
    )
    assert dumps({}) == "{}" and dumps([]) == "[]"


# --- files that cannot be used ----------------------------------------------------------


def test_unreadable_paths(files: Write, tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    assert run("check", "missing.json") == (
        2,
        "",
        "missing.json: error: cannot read missing.json: No such file or directory\n",
    )
    assert run("check", "dir") == (2, "", "dir: error: cannot read dir: Is a directory\n")


def test_not_utf8_gives_the_offset_of_the_first_bad_byte(files: Write) -> None:
    files("latin1.json", b'{"user": "caf\xe9"}')
    assert run("check", "latin1.json") == (2, "", "latin1.json: error: not UTF-8 (byte 13)\n")
    # A truncated sequence, a surrogate encoded in UTF-8, an overlong form; the offset
    # counts a byte-order mark.
    for data, offset in [
        (b'{"user": "\xe2\x82"}', 10),
        (b'{"user": "\xed\xa0\x80"}', 10),
        (b'{"user": "\xc0\xaf"}', 10),
        (b'\xef\xbb\xbf{"user": "\xff"}', 13),
    ]:
        files("bad.json", data)
        assert run("check", "bad.json") == (2, "", f"bad.json: error: not UTF-8 (byte {offset})\n")


def test_a_byte_order_mark_is_skipped(files: Write) -> None:
    files("bom.json", b'\xef\xbb\xbf{"temperature": 3}')
    assert run("check", "bom.json") == (
        1,
        "bom.json: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n",
        "",
    )
    # Columns count from after it.
    files("bom.json", b"\xef\xbb\xbf{,}")
    assert run("check", "bom.json") == (
        2,
        "",
        "bom.json:1:2: error: invalid JSON: Expecting property name enclosed in double quotes\n",
    )


def test_invalid_json_is_located(files: Write) -> None:
    files("comma.json", '{\n  "temperature": 0.5,\n}\n')
    assert run("check", "comma.json") == (
        2,
        "",
        "comma.json:3:1: error: invalid JSON: Expecting property name enclosed in double quotes\n",
    )
    # Columns count characters, not bytes.
    files("col.json", '{"user": "\u00e9\u00e9\u00e9" "x"}')
    assert run("check", "col.json") == (
        2,
        "",
        "col.json:1:16: error: invalid JSON: Expecting ',' delimiter\n",
    )
    files("two.json", "{} {}")
    assert run("check", "two.json") == (2, "", "two.json:1:4: error: invalid JSON: Extra data\n")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"temperature": NaN}', "1:17"),
        ('{"temperature": Infinity}', "1:17"),
        ('{"temperature":\n -Infinity}', "2:2"),
        ('{"stop": ["a", NaN]}', "1:16"),
        ("NaN", "1:1"),
    ],
)
def test_nan_and_infinity_are_not_json(files: Write, text: str, where: str) -> None:
    files("nan.json", text)
    assert run("check", "nan.json") == (
        2,
        "",
        f"nan.json:{where}: error: invalid JSON: Expecting value\n",
    )


def test_a_syntax_error_before_a_refused_token_comes_first(files: Write) -> None:
    for text, line in [
        ('{"a": 1 "b": NaN}', "1:9: error: invalid JSON: Expecting ',' delimiter"),
        ("[1 NaN]", "1:4: error: invalid JSON: Expecting ',' delimiter"),
        ("{NaN: 1}", "1:2: error: invalid JSON: Expecting property name enclosed in double quotes"),
        ('{"a": 1} NaN', "1:10: error: invalid JSON: Extra data"),
        ('{"a" "\\ud800"}', "1:6: error: invalid JSON: Expecting ':' delimiter"),
        ('{"a": "\\x\\ud800"}', "1:8: error: invalid JSON: Invalid \\escape"),
        ("{[" + "[" * 200, "1:2: error: invalid JSON: Expecting property name enclosed in double quotes"),
    ]:
        files("first.json", text)
        assert run("check", "first.json") == (2, "", f"first.json:{line}\n"), text


@pytest.mark.parametrize(
    "number", ["1e400", "-1e400", "1.5e309", "1" + "0" * 309, "-" + "9" * 400, "1" * 5000]
)
def test_numbers_too_large_for_a_double_are_refused(files: Write, number: str) -> None:
    files("big.json", f'{{"seed": 1, "temperature": {number}}}')
    assert run("check", "big.json") == (
        2,
        "",
        f"big.json: error: invalid JSON: a number out of range ({number})\n",
    )


def test_numbers_just_within_a_double_are_read(files: Write) -> None:
    largest = str(int(1.7976931348623157e308))
    assert len(largest) == 309
    files("big.json", f'{{"seed": {largest}, "penalty": 1e-400, "temperature": 1.7976931348623157e308}}')
    status, out, err = run("check", "big.json")
    assert (status, err) == (1, "")
    assert [line.split(": ")[1:3] for line in out.splitlines()] == [
        ["/seed", "error[out_of_range]"],
        ["/temperature", "error[out_of_range]"],
    ]


@pytest.mark.parametrize(
    ("text", "where", "escape"),
    [
        ('{"user": "\\ud800"}', "1:11", "\\ud800"),
        ('{"user": "ok\\uDC00"}', "1:13", "\\uDC00"),
        ('{"user": "\\ud83d\\ud83d\\ude00"}', "1:11", "\\ud83d"),
        ('{"labels": {"\\ud800x": "v"}}', "1:14", "\\ud800"),
        ('{"stop": ["a",\n "b\\\\\\udfff"]}', "2:6", "\\udfff"),
    ],
)
def test_lone_surrogates_are_not_text(files: Write, text: str, where: str, escape: str) -> None:
    files("sur.json", text)
    assert run("check", "sur.json") == (
        2,
        "",
        f"sur.json:{where}: error: invalid JSON: a lone surrogate ({escape})\n",
    )


def test_surrogate_pairs_and_escaped_backslashes_are_text(files: Write) -> None:
    files("pair.json", '{"end_user": "\\ud83d\\ude00 \\\\ud800"}')
    assert run("check", "pair.json") == (0, "", "")
    assert run("prepare", "--model", "acme/chat-1", "pair.json") == (
        0,
        '{\n  "end_user": "\U0001f600 \\\\ud800"\n}\n',
        "",
    )


def test_a_number_out_of_range_at_the_root_is_refused_before_the_kind(files: Write) -> None:
    for number in ["1" + "0" * 400, "-1e400"]:
        files("root.json", number)
        assert run("check", "root.json") == (
            2,
            "",
            f"root.json: error: invalid JSON: a number out of range ({number})\n",
        )


FRAGMENTS = [
    "{", "}", "[", "]", '"a"', '"user"', ":", ",", " ", "\n", "1", "-0.5", "1e400", "1e-400",
    "NaN", "-Infinity", "null", "tru", '"\\ud800"', '"\\ud83d\\ude00"', '"\\\\ud800"', '"x',
    '"\\x"', "[" * 130, "]" * 130, "\u00e9", "\ufeff",
]


def test_any_text_gets_a_verdict_and_both_readers_agree() -> None:
    """Random texts: never an internal error, and the quick reader (Python's parser, then
    a look at the value) agrees with the exact one (token by token)."""

    def outcome(parse: Callable[[str], object], text: str) -> object:
        try:
            return ("value", parse(text))
        except _Unusable as e:
            return ("unusable", e.message, e.line, e.column)

    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 12)))
        assert outcome(_parse, text) == outcome(_parse_exactly, text), text
        status, _, err = run("check", "-", stdin=text.encode("utf-8"))
        assert status in (0, 1, 2) and "internal error" not in err, text
        status, _, err = run("prepare", "--model", "acme/think-3", "-", stdin=text.encode("utf-8"))
        assert status in (0, 1, 2) and "internal error" not in err, text


def nested(levels: int) -> str:
    """An options object nesting ``levels`` levels in all (the object being level 1)."""
    inner = levels - 1
    return '{"deep": ' + "[" * inner + "]" * inner + "}"


def test_nesting_is_limited_to_127_levels(files: Write) -> None:
    files("127.json", nested(127))
    assert run("check", "127.json") == (
        1,
        "127.json: /deep: error[unknown_parameter]: unknown parameter `deep`; did you mean `seed`?\n",
        "",
    )
    files("128.json", nested(128))
    assert run("check", "128.json") == (
        2,
        "",
        "128.json:1:136: error: invalid JSON: arrays and objects nested deeper than 127 levels\n",
    )
    files("deep.json", "[" * 100_000)
    assert run("check", "deep.json") == (
        2,
        "",
        "deep.json:1:128: error: invalid JSON: arrays and objects nested deeper than 127 levels\n",
    )
    files("deep.json", '{"a": ' + '{"a": ' * 127 + "1" + "}" * 128)
    assert run("check", "deep.json") == (
        2,
        "",
        "deep.json:1:763: error: invalid JSON: arrays and objects nested deeper than 127 levels\n",
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("[]", "an array"),
        ('"options"', "a string"),
        ("1.5", "a number"),
        ("-0", "a number"),
        ("true", "a boolean"),
        ("false", "a boolean"),
        ("null", "null"),
    ],
)
def test_the_root_must_be_an_object(files: Write, text: str, kind: str) -> None:
    files("root.json", f" {text}\n")
    assert run("check", "root.json") == (
        2,
        "",
        f"root.json: error: expected a JSON object of options, got {kind}\n",
    )


def test_a_key_given_twice_keeps_its_last_value(files: Write) -> None:
    files("twice.json", '{"temperature": 5, "temperature": 1.0}')
    assert run("check", "twice.json") == (0, "", "")
    assert run("prepare", "--model", "acme/chat-1", "twice.json") == (
        0,
        '{\n  "temperature": 1\n}\n',
        "",
    )


# --- usage ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message", "usage"),
    [
        ((), "no command: expected check or prepare", USAGE_ANY),
        (("verify", "a.json"), "unknown command `verify`: expected check or prepare first", USAGE_ANY),
        (("a.json",), "unknown command `a.json`: expected check or prepare first", USAGE_ANY),
        (("--model", "m"), "unknown option `--model`: expected check or prepare first", USAGE_ANY),
        (("check",), "no file given", USAGE_CHECK),
        (("check", "-x", "a.json"), "unknown option `-x`", USAGE_CHECK),
        (("check", "--tool", "a.json"), "unknown option `--tool`", USAGE_CHECK),
        (("check", "--bogus=1", "a.json"), "unknown option `--bogus`", USAGE_CHECK),
        (("check", "a.json", "--model"), "`--model` needs a value", USAGE_CHECK),
        (("check", "a.json", "--format"), "`--format` needs a value", USAGE_CHECK),
        (("check", "--format", "yaml", "a.json"), "`--format` is text or json, not `yaml`", USAGE_CHECK),
        (("check", "--format=JSON", "a.json"), "`--format` is text or json, not `JSON`", USAGE_CHECK),
        (("check", "--tools=yes", "a.json"), "`--tools` takes no value", USAGE_CHECK),
        (("check", "--tools", "a.json"), "`--tools` needs `--model`", USAGE_CHECK),
        (("check", "-", "a.json", "-"), "standard input (`-`) given more than once", USAGE_CHECK),
        (("prepare", "a.json"), "prepare needs `--model`", USAGE_PREPARE),
        (("prepare", "--model", "m"), "no file given", USAGE_PREPARE),
        (("prepare", "--model", "m", "a.json", "b.json"), "prepare takes one file", USAGE_PREPARE),
        (("--format", "json", "check"), "unknown option `--format`: expected check or prepare first", USAGE_ANY),
    ],
)
def test_usage_errors(args: tuple[str, ...], message: str, usage: str) -> None:
    assert run(*args) == (2, "", f"{COMMAND}: error: {message}\n{usage}")


def test_usage_errors_print_no_json() -> None:
    assert run("check", "--format", "json") == (2, "", f"{COMMAND}: error: no file given\n{USAGE_CHECK}")


def test_help_and_version_go_to_standard_output() -> None:
    status, out, err = spawn("--help")
    assert (status, err) == (0, "")
    assert out.startswith(f"{COMMAND} {fixture_full.__version__}: ")
    for line in (USAGE_CHECK, USAGE_PREPARE):
        assert "\n  " + line.removeprefix("usage: ") in out
    assert run("check", "a.json", "--help") == (0, out, "")
    assert run("--version", "--help") == (0, f"{COMMAND} {fixture_full.__version__}\n", "")
    # An option's value is not a flag.
    assert run("check", "--model", "--help")[0] == 2


# --- --format json ----------------------------------------------------------------------


def test_check_json(files: Write) -> None:
    files("a.json", '{"temperature": 3, "max_tokens": 1}')
    files("b.json", '{"a": 1 "b": 2}')
    files("c.json", "{}")
    status, out, err = run("check", "--format", "json", "a.json", "b.json", "missing.json", "c.json", "-", stdin=b"[]")
    assert (status, err) == (2, "")
    assert out.endswith("}\n")
    assert json.loads(out) == {
        "files": [
            {
                "file": "a.json",
                "issues": [
                    {
                        "path": "/max_tokens",
                        "code": "deprecated",
                        "severity": "warning",
                        "message": "`max_tokens` is deprecated; use `max_output_tokens` instead. Reasoning models reject it",
                    },
                    {
                        "path": "/temperature",
                        "code": "out_of_range",
                        "severity": "error",
                        "message": "3 is outside the range 0 to 2",
                    },
                ],
            },
            {
                "file": "b.json",
                "error": {"message": "invalid JSON: Expecting ',' delimiter", "line": 1, "column": 9},
            },
            {
                "file": "missing.json",
                "error": {
                    "message": "cannot read missing.json: No such file or directory",
                    "line": None,
                    "column": None,
                },
            },
            {"file": "c.json", "issues": []},
            {
                "file": "<stdin>",
                "error": {
                    "message": "expected a JSON object of options, got an array",
                    "line": None,
                    "column": None,
                },
            },
        ]
    }
    # The printer's bytes: sorted keys, two spaces.
    assert out.startswith('{\n  "files": [\n    {\n      "file": "a.json",\n      "issues": [\n        {\n          "code": "deprecated",\n')


def test_check_json_exit_statuses_and_the_note(files: Write) -> None:
    files("a.json", '{"temperature": 0.5}')
    assert run("check", "--format=json", "a.json") == (
        0,
        '{\n  "files": [\n    {\n      "file": "a.json",\n      "issues": []\n    }\n  ]\n}\n',
        "",
    )
    status, out, err = run("check", "--format=json", "--model", "acme/think-2", "a.json")
    assert (status, err) == (1, "")
    assert json.loads(out)["files"][0]["issues"][0]["code"] == "unsupported_by_model"
    # JSON output writes nothing on standard error, not even the note of a model outside
    # the catalog (as in every language).
    status, out, err = run("check", "--format=json", "--model", "nope/x", "a.json")
    assert (status, json.loads(out), err) == (
        0,
        {"files": [{"file": "a.json", "issues": []}]},
        "",
    )


def test_prepare_json(files: Write) -> None:
    files("p.json", '{"max_tokens": 10, "temperature": 0.5, "seed": 7}')
    status, out, err = run("prepare", "--format", "json", "--model", "acme/think-3-2025", "--tools", "p.json")
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert list(document) == sorted(["file", "model", "matched", "options", "changes", "warnings"])
    assert document == {
        "file": "p.json",
        "model": "acme/think-3",
        "matched": {"by": "prefix", "entry": "acme/think-3", "pattern": "acme/think-3-20"},
        "options": {"effort": "none", "max_output_tokens": 16, "temperature": 0.5},
        "changes": [
            {
                "parameter": "effort",
                "action": "set",
                "reason": "effort_with_tools",
                "message": "`effort` set to `none`: acme/think-3 takes tools only at that effort",
            },
            {
                "parameter": "max_tokens",
                "action": "moved",
                "to": "max_output_tokens",
                "reason": "unsupported_by_model",
                "message": "`max_tokens` moved to `max_output_tokens`: acme/think-3 rejects `max_tokens`",
            },
            {
                "parameter": "seed",
                "action": "removed",
                "reason": "unsupported_by_model",
                "message": "`seed` removed: acme/think-3 does not support it",
            },
            {
                "parameter": "max_output_tokens",
                "action": "clamped",
                "reason": "below_model_limit",
                "message": "`max_output_tokens` raised to 16: the least acme/think-3 takes",
            },
        ],
        "warnings": [
            {
                "reason": "deprecated_model",
                "message": "acme/think-3 is deprecated and shuts down on 2027-01-01; use acme/think-1 instead",
            }
        ],
    }
    status, out, err = run("prepare", "--format=json", "--model", "think-1", "p.json")
    assert (status, err) == (0, "")
    assert json.loads(out)["matched"] == {"by": "name", "entry": "acme/think-1", "pattern": None}


def test_prepare_json_outside_the_catalog_invalid_and_unusable(files: Write) -> None:
    files("p.json", '{"temperature": 1.0}')
    assert run("prepare", "--format=json", "--model", "nope/x", "p.json") == (
        0,
        "{\n"
        '  "changes": [],\n'
        '  "file": "p.json",\n'
        '  "matched": null,\n'
        '  "model": null,\n'
        '  "options": {\n'
        '    "temperature": 1\n'
        "  },\n"
        '  "warnings": []\n'
        "}\n",
        "",
    )
    files("bad.json", '{"temperature": 3}')
    status, out, err = run("prepare", "--format=json", "--model", "acme/chat-1", "bad.json")
    assert (status, err) == (1, "")
    assert json.loads(out) == {
        "file": "bad.json",
        "issues": [
            {
                "path": "/temperature",
                "code": "out_of_range",
                "severity": "error",
                "message": "3 is outside the range 0 to 2",
            }
        ],
    }
    files("nan.json", '{\n"temperature": NaN}')
    status, out, err = run("prepare", "--format=json", "--model", "acme/chat-1", "nan.json")
    assert (status, err) == (2, "")
    assert json.loads(out) == {
        "file": "nan.json",
        "error": {"message": "invalid JSON: Expecting value", "line": 2, "column": 16},
    }


# --- the process ------------------------------------------------------------------------


def test_the_console_script(files: Write) -> None:
    script = shutil.which(COMMAND, path=os.path.dirname(sys.executable))
    assert script is not None, f"no `{COMMAND}` beside {sys.executable}"
    files("a.json", '{"temperature": 3}')
    done = subprocess.run([script, "check", "a.json"], capture_output=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        b"a.json: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n",
        b"",
    )
    done = subprocess.run([script, "--version"], capture_output=True, check=False)
    assert done.stdout == f"{COMMAND} {fixture_full.__version__}\n".encode()


def test_main_in_process(files: Write, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    files("a.json", '{"temperature": "\u00e9"}')
    assert main(["check", "a.json"]) == 1
    out, err = capsysbinary.readouterr()
    assert (out, err) == (
        "a.json: /temperature: error[invalid_type]: expected a number, got a string\n".encode(),
        b"",
    )
    assert main(["check"]) == 2
    assert capsysbinary.readouterr().err.startswith(f"{COMMAND}: error: ".encode())


def test_output_is_utf8_whatever_the_locale(files: Write) -> None:
    files("\u00e9.json", '{"labels": {"k": "\u00e9\U0001f600"}}')
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "fixture_full", "prepare", "--model", "acme/chat-1", "\u00e9.json"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == '{\n  "labels": {\n    "k": "\u00e9\U0001f600"\n  }\n}\n'.encode()


def test_a_closed_pipe_is_no_traceback(files: Write) -> None:
    # Far more output than a pipe holds.
    files("many.json", "{" + ", ".join(f'"unknown_{i}": {i}' for i in range(20_000)) + "}")
    child = subprocess.Popen(
        [sys.executable, "-m", "fixture_full", "check", "many.json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait() == 1
    assert err == b""
