"""The engine's documented behaviour, on the package of the `full` fixture spec
(``codegen/tests/fixtures/full/``, import ``fixture_full``), which these tests rely on:
``update_options`` replaces, never merges; model lookup with and without the provider
prefix; "did you mean"; deprecation warnings; the messages; what ``prepare`` changes and
why; the quick path of ``validate`` never disagreeing with the full walk; Python values
that JSON does not have.

Not embedded in any generated package: ``cargo xtask test`` runs them on the fixture's
package (``target/fixtures/full/generated/python``), with ``LLM_PARAMS_CONFORMANCE`` set
to that fixture's vectors.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import os
import pickle
import random
from pathlib import Path
from typing import Any, assert_type

import pytest

import fixture_full
from fixture_full import (
    NOT_GIVEN,
    PARAMETERS,
    ChatOptions,
    Issue,
    LlmOptions,
    Matched,
    Prepared,
    PrepareWarning,
    find_model,
    models,
    plain,
    prepare,
    suggest,
    validate,
    validate_for,
)
from fixture_full._engine import _issue_key, _Names, _quick, _validate_map


def full_walk(options: dict[Any, Any]) -> list[Issue]:
    """``validate`` without its quick path."""
    issues: list[Issue] = []
    _validate_map(options, issues)
    issues.sort(key=_issue_key)
    return issues


def summary(options: object) -> list[tuple[str, str, str]]:
    return [(i.path, i.code, i.message) for i in validate(options)]


def codes(options: object) -> list[tuple[str, str]]:
    return [(i.path, i.code) for i in validate(options)]


# --- the options holder -----------------------------------------------------------------


def test_update_options_replaces_never_merges() -> None:
    llm = LlmOptions("acme/chat-1", {"temperature": 0.7, "max_output_tokens": 1000})
    llm.update_options(extra_kwargs={"top_p": 0.5})
    assert dict(llm.extra_kwargs) == {"top_p": 0.5}
    assert llm.model == "acme/chat-1"

    llm.update_options(model="acme/think-1")
    assert llm.model == "acme/think-1"
    assert dict(llm.extra_kwargs) == {"top_p": 0.5}, "options kept when not given"

    llm.update_options(extra_kwargs={})
    assert dict(llm.extra_kwargs) == {}, "{} clears"

    llm.update_options(model="acme/chat-1", extra_kwargs={"temperature": 0.7})
    assert llm.request().options == {"temperature": 0.7}

    llm.update_options()
    assert llm.model == "acme/chat-1" and dict(llm.extra_kwargs) == {"temperature": 0.7}
    assert repr(llm) == "LlmOptions(model='acme/chat-1', extra_kwargs={'temperature': 0.7})"


def test_the_holder_keeps_its_own_copy() -> None:
    given: ChatOptions = {"temperature": 0.7}
    llm = LlmOptions("acme/chat-1", given)
    given["top_p"] = 0.1
    assert dict(llm.extra_kwargs) == {"temperature": 0.7}
    with pytest.raises(TypeError):
        llm.extra_kwargs["top_p"] = 0.1  # type: ignore[index]
    assert dict(LlmOptions("acme/chat-1").extra_kwargs) == {}


def test_the_next_request_uses_the_new_model_rules() -> None:
    llm = LlmOptions("acme/chat-1", {"temperature": 0.7})
    assert llm.request().options == {"temperature": 0.7}
    llm.update_options(model="acme/think-2")
    nxt = llm.request()
    assert nxt.options == {}
    assert [(c.parameter, c.action, c.reason) for c in nxt.changes] == [
        ("temperature", "removed", "unsupported_by_model")
    ]
    llm.update_options(extra_kwargs={"tool_choice": "auto"})
    assert llm.request().options == {}
    assert llm.request(has_tools=True).options == {"tool_choice": "auto"}


def test_the_holder_is_typed_with_the_options_type() -> None:
    """``mypy --strict`` checks these lines: an ignore that is not needed is an error."""
    llm = LlmOptions("acme/chat-1", {"temperature": 0.7})
    assert_type(llm.request(), Prepared[ChatOptions])
    llm.update_options(extra_kwargs={"temperatur": 0.7})  # type: ignore[arg-type]
    assert dict(llm.extra_kwargs) == {"temperatur": 0.7}, "not checked at run time"
    raw: dict[str, Any] = {"temperature": 0.7}
    LlmOptions("acme/chat-1", raw)  # type: ignore[arg-type]
    assert repr(LlmOptions("acme/chat-1")) == "LlmOptions(model='acme/chat-1', extra_kwargs={})"


def test_prepare_is_typed_by_what_it_is_given() -> None:
    """Typed options give ``Prepared[ChatOptions]``; any other mapping (a dict from JSON)
    gives ``Prepared[dict[str, Any]]``, a bare ``Prepared``. Checked by ``mypy --strict``
    (``assert_type``) and at run time."""
    typed: ChatOptions = {"temperature": 0.7, "max_output_tokens": 1000}
    prepared = prepare("acme/chat-1", typed)
    assert_type(prepared, Prepared[ChatOptions])
    sent: ChatOptions = prepared.options
    assert sent == typed and sent is not typed

    raw: dict[str, Any] = {"temperature": 0.7, "extra": [1]}
    assert_type(prepare("acme/chat-1", raw), Prepared[dict[str, Any]])
    assert_type(prepare("acme/chat-1", raw), Prepared)
    assert prepare("acme/chat-1", raw).options["extra"] is raw["extra"], "the caller's value"
    # A literal that is not a `ChatOptions` (a misspelt key) is raw options, not an error.
    assert_type(prepare("acme/chat-1", {"temperatur": 0.7}), Prepared)
    from_json = prepare("acme/chat-1", json.loads('{"temperature": 0.7}'))
    assert from_json.options == {"temperature": 0.7}
    assert isinstance(prepared, Prepared) and type(prepared) is type(from_json)


def test_plain_is_the_options_as_a_dict() -> None:
    typed: ChatOptions = {"temperature": 0.7, "stop": ["a"]}
    out = plain(typed)
    assert_type(out, dict[str, Any])
    assert out == typed and out is not typed and out["stop"] is typed["stop"]
    assert type(out) is dict
    assert plain(prepare("acme/chat-1", typed).options) == typed


def test_not_given_is_a_falsy_singleton() -> None:
    assert not NOT_GIVEN
    assert type(NOT_GIVEN)() is NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"


# --- the catalog ------------------------------------------------------------------------


def test_models_are_found_with_or_without_their_provider() -> None:
    found = find_model("acme/think-1")
    assert found is not None and found.id == "acme/think-1"
    bare = find_model("think-1")
    assert bare is not None and bare.id == "acme/think-1"
    other = find_model("azure/think-1")
    assert other is not None and other.id == "acme/think-1"
    assert find_model("think-1-2025-08-07") is None
    assert find_model("acme/think") is None, "ids are not prefixes"
    assert all(find_model(m.id) is m for m in models())
    assert [m.id for m in models()] == [
        "acme/think-1",
        "acme/think-2",
        "acme/think-mini",
        "acme/chat-1",
        "other/chat-2",
        "acme/tiny-1",
        "acme/think-3",
    ]
    assert models()[0].bare_id == "think-1"


def test_families_apply_to_their_models() -> None:
    think2 = find_model("think-2")
    assert think2 is not None
    assert (think2.family, think2.reasoning, think2.min_reasoning_effort) == ("reasoner", True, "low")
    assert think2.rejects_effort_with_tools
    assert "max_tokens" in think2.rejects
    # The family's effort-`none` allowances apply only where the lowest effort is `none`.
    assert think2.allowed_at_effort_off == ()
    think1 = find_model("think-1")
    assert think1 is not None and set(think1.allowed_at_effort_off) == {
        "temperature",
        "top_p",
        "logprobs",
        "top_logprobs",
    }
    chat2 = find_model("other/chat-2")
    assert chat2 is not None and chat2.family == "plain" and chat2.reasoning, "a model overrides its family"
    tiny = find_model("tiny-1")
    assert tiny is not None and not tiny.reasoning and set(tiny.rejects) == {"tool_choice", "parallel_tools", "bias"}


# --- validate ---------------------------------------------------------------------------


def test_typed_options_validate_like_raw_ones() -> None:
    typed: ChatOptions = {"temperature": 3.0, "top_p": 0.5}
    issues = validate(typed)
    assert [(i.path, i.code) for i in issues] == [
        ("/temperature", "out_of_range"),
        ("/top_p", "mutually_exclusive"),
    ]
    assert issues == validate(json.loads(json.dumps(typed)))


def test_unknown_keys_name_the_nearest_parameter() -> None:
    issues = validate({"max_token": 5})
    assert len(issues) == 1
    assert issues[0].path == "/max_token"
    assert issues[0].code == "unknown_parameter"
    assert issues[0].severity == "error"
    assert issues[0].message == "unknown parameter `max_token`; did you mean `max_tokens`?"
    assert summary({"zzzzzzzz": 1}) == [("/zzzzzzzz", "unknown_parameter", "unknown parameter `zzzzzzzz`")]


def test_unknown_fields_name_the_nearest_field() -> None:
    assert summary({"format": {"type": "text", "schema_nam": "x"}}) == [
        (
            "/format/schema_nam",
            "unknown_parameter",
            "unknown field of ResponseFormat `schema_nam`; did you mean `schema_name`?",
        )
    ]


def test_deprecations_warn_and_name_their_replacements() -> None:
    issues = validate({"user": "u-1"})
    assert [(i.path, i.code, i.severity) for i in issues] == [("/user", "deprecated", "warning")]
    assert "`end_user` or `session_tag`" in issues[0].message
    assert issues[0].message == (
        "`user` is deprecated; use `end_user` or `session_tag` instead. Split in two"
    )
    moved = validate({"max_tokens": 10})
    assert [(i.code, i.severity) for i in moved] == [("deprecated", "warning")]
    assert "`max_output_tokens`" in moved[0].message
    assert validate({"user": None, "max_tokens": None}) == [], "null is not set"


def test_messages_read_like_the_rust_ones() -> None:
    by_path = {
        i.path: i.message
        for i in validate({"temperature": 2.01, "max_output_tokens": 2.5, "top_logprobs": 3})
    }
    assert by_path["/temperature"] == "2.01 is outside the range 0 to 2"
    assert by_path["/max_output_tokens"] == "expected an integer, got 2.5"
    assert by_path["/top_logprobs"] == "`top_logprobs` requires `logprobs: true`"
    huge = validate({"temperature": 1e300})[0].message
    assert huge == "1" + "0" * 300 + " is outside the range 0 to 2"
    assert validate({"max_output_tokens": 1e-7})[0].message == "expected an integer, got 1e-7"
    assert validate(7)[0].message == "options must be a JSON object, not a number"
    assert summary({"top_logprobs": 3, "logprobs": True}) == []
    assert codes({"top_logprobs": 3, "logprobs": False}) == [("/top_logprobs", "missing_dependency")]


def test_lengths_count_code_points() -> None:
    assert validate({"session_tag": "🙂" * 32}) == []
    assert codes({"session_tag": "🙂" * 33}) == [("/session_tag", "too_long")]
    assert codes({"end_user": ""}) == [("/end_user", "out_of_range")]
    assert codes({"labels": {"": "x"}}) == [("/labels/", "out_of_range")]
    assert codes({"labels": {"k": "v" * 513}}) == [("/labels/k", "too_long")]
    assert codes({"labels": {"k" * 65: "v"}}) == [("/labels/" + "k" * 65, "too_long")]
    assert codes({"labels": {f"k{i}": "v" for i in range(17)}}) == [("/labels", "too_many_items")]


def test_unions_and_lists_name_the_member_that_fits() -> None:
    assert summary({"stop": 1.5}) == [("/stop", "invalid_type", "expected a Stop, got a number")]
    assert summary({"stop": ("a", 1, None)}) == [
        ("/stop/1", "invalid_type", "expected a string, got a number"),
        ("/stop/2", "invalid_type", "expected a string, got null"),
    ]
    assert codes({"stop": ["a", "b", "c", "d", "e"]}) == [("/stop", "too_many_items")]
    assert codes({"stop": []}) == [("/stop", "out_of_range")]
    assert summary({"tool_choice": {"type": "function"}}) == [
        ("/tool_choice/name", "invalid_type", "a NamedTool needs the field `name`")
    ]
    assert summary({"tool_choice": "auto2"}) == [
        (
            "/tool_choice",
            "invalid_value",
            "`auto2` is not a ToolMode: expected one of `auto`, `none`, `required`;"
            " did you mean `auto`?",
        )
    ]
    assert codes({"modes": ["text", "video"]}) == [("/modes/1", "invalid_value")]
    assert validate({"format": {"type": "json_schema", "schema_name": None, "hint": 3}}) == []
    assert codes({"format": {"type": "json_schema", "hint": 1.5}}) == [("/format/hint", "invalid_type")]


def test_issues_are_dataclasses_whose_message_is_written_when_read() -> None:
    issues = validate({"temprature": 1, "max_output_tokens": 0, "effort": "hgih"})
    expected = [
        Issue(
            "/effort",
            "invalid_value",
            "error",
            "`hgih` is not a Effort: expected one of `none`, `minimal`, `low`, `medium`,"
            " `high`; did you mean `high`?",
        ),
        Issue("/max_output_tokens", "out_of_range", "error", "0 is outside the range 1 to 128000"),
        Issue(
            "/temprature",
            "unknown_parameter",
            "error",
            "unknown parameter `temprature`; did you mean `temperature`?",
        ),
    ]
    assert issues == expected
    zero = {"max_output_tokens": 0}
    message = "0 is outside the range 1 to 128000"
    assert [dataclasses.asdict(i) for i in validate(zero)] == [
        {"path": "/max_output_tokens", "code": "out_of_range", "severity": "error", "message": message}
    ]
    assert [f.name for f in dataclasses.fields(Issue)] == ["path", "code", "severity", "message"]
    assert repr(validate(zero)[0]) == (
        f"Issue(path='/max_output_tokens', code='out_of_range', severity='error', message='{message}')"
    )
    # Pickles and copies carry the message, not what writes it.
    two = {"max_output_tokens": 0, "bogus": 1}
    assert pickle.loads(pickle.dumps(validate(two))) == validate(two)
    assert copy.deepcopy(issues) == expected and copy.copy(issues[0]) == expected[0]
    moved = dataclasses.replace(validate(zero)[0], path="/m")
    assert (moved.path, moved.message) == ("/m", message)
    changed = validate(zero)[0]
    changed.message = "mine"
    assert changed.message == "mine" and changed != expected[1]
    match issues[1]:
        case Issue(path, code, severity, text):
            assert (path, code, severity, text) == ("/max_output_tokens", "out_of_range", "error", message)


def test_suggestions_follow_the_shared_rule() -> None:
    names = ["max_tokens", "max_output_tokens", "temperature"]
    assert suggest("max_token", names) == "max_tokens"
    assert suggest("temprature", names) == "temperature"
    assert suggest("zzz", names) is None
    # Ties go to the first name.
    assert suggest("ab", ["ax", "ay"]) == "ax"
    # The limit is 2, in code points, however long the key.
    assert suggest("ab", ["abcd"]) == "abcd"
    assert suggest("ab", ["abcde"]) is None
    assert suggest("a" * 40, ["a" * 43, "a" * 42]) == "a" * 42
    assert suggest("température", ["temperature"]) == "temperature"
    # The same in a list long enough to be indexed.
    many = [f"parameter_{i}" for i in range(40)]
    assert suggest("parameter_", many) == "parameter_0"
    assert suggest("paramtr_1", many) == "parameter_1"
    assert suggest("pramtr_1", many) is None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance over code points, the plain way."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        new = [i]
        for j, cb in enumerate(b, 1):
            new.append(min(row[j - 1] + (ca != cb), row[j] + 1, new[j - 1] + 1))
        row = new
    return row[-1]


def test_suggestions_agree_with_the_plain_definition() -> None:
    """Short lists (scanned) and long ones (indexed by deletions): the same answer as
    every name's full distance."""

    rng = random.Random(7)
    alphabet = "abc_é\U0001f642"

    def word(most: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(most)))

    def near(name: str) -> str:
        k = list(name)
        for _ in range(rng.randrange(4)):
            i = rng.randrange(len(k) + 1)
            op = rng.randrange(3)
            if op == 0 and i < len(k):
                k[i] = rng.choice(alphabet)
            elif op == 1 and i < len(k):
                del k[i]
            else:
                k.insert(i, rng.choice(alphabet))
        return "".join(k)

    found = indexed = 0
    for round in range(300):
        names = [word(40 if round % 10 == 0 else 9) for _ in range(rng.randrange(60))]
        indexed += len(names) >= 16
        # The engine's own lists: indexed when long.
        indexed_names = _Names(names)
        for _ in range(20):
            key = near(rng.choice(names)) if names and rng.random() < 0.75 else word(12)
            want, best = None, 3
            for n in names:
                d = _distance(key, n)
                if d < best:
                    want, best = n, d
            found += want is not None
            assert suggest(key, names) == want, (key, names)
            assert indexed_names.closest(key) == want, (key, names)
    assert found > 1500, found
    assert indexed > 150, indexed


def test_python_values_that_json_does_not_have() -> None:
    """``nan``, infinities, sets and non-string keys cannot be sent as JSON: they are
    ``invalid_type``, never accepted."""
    for value in (math.nan, math.inf, -math.inf):
        assert codes({"temperature": value, "seed": value}) == [
            ("/seed", "invalid_type"),
            ("/temperature", "invalid_type"),
        ], value
    assert [i.code for i in validate({"stop": {"a"}})] == ["invalid_type"]
    assert codes({"bias": {50256: 1}}) == [("/bias/50256", "invalid_type")]
    assert codes({"labels": {1: "x"}}) == [("/labels/1", "invalid_type")]
    assert codes({"format": {"type": "text", 1: 2}}) == [("/format/1", "unknown_parameter")]
    assert codes({1: 2}) == [("/1", "unknown_parameter")]


def test_token_ids_are_ascii_digits() -> None:
    """``str.isdigit`` also takes other scripts' digits; a token id is ASCII digits only,
    as in Rust (``u8::is_ascii_digit``)."""
    assert validate({"bias": {"50256": 1}}) == []
    for key in ("\u0661\u0662", "\uff11", "\u00b2", "1 ", ""):
        assert codes({"bias": {key: 1}}) == [(f"/bias/{key}", "invalid_value")], key


def test_tuples_are_arrays_and_bools_are_not_numbers() -> None:
    assert validate({"stop": ("a", "b")}) == []
    assert validate({"modes": ("text",)}) == []
    assert [i.code for i in validate({"max_output_tokens": True})] == ["invalid_type"]
    assert [i.code for i in validate({"temperature": False})] == ["invalid_type"]
    assert [i.code for i in validate({"logprobs": 1})] == ["invalid_type"]


def test_big_integers_are_integers() -> None:
    """An integer too big for a double is compared with a bound as the Rust engine does:
    converted to a double."""
    assert validate({"format": {"type": "text", "hint": 10**400}}) == []
    assert codes({"max_output_tokens": 10**400}) == [("/max_output_tokens", "out_of_range")]
    assert validate({"seed": 2**53 - 1}) == [] and validate({"seed": -(2**53 - 1)}) == []
    assert codes({"seed": 2**53}) == [("/seed", "out_of_range")]
    assert codes({"seed": 10**30}) == [("/seed", "out_of_range")]


# --- prepare ----------------------------------------------------------------------------


def changes(model: str, options: dict[str, Any], has_tools: bool = False) -> tuple[dict[str, Any], list[tuple[str, str, str | None, str]]]:
    out = prepare(model, options, has_tools=has_tools)
    return out.options, [(c.parameter, c.action, c.to, c.reason) for c in out.changes]


def test_prepare_returns_a_new_dict_and_leaves_the_input_alone() -> None:
    given: dict[str, Any] = {"temperature": 0.5, "max_tokens": 10, "extra": [1]}
    out = prepare("acme/think-2", given)
    assert given == {"temperature": 0.5, "max_tokens": 10, "extra": [1]}
    assert out.model == "acme/think-2"
    assert out.options == {"max_output_tokens": 10, "extra": [1]}
    assert out.options["extra"] is given["extra"]


def test_deprecated_parameters_move_where_they_are_rejected() -> None:
    assert changes("acme/think-2", {"max_tokens": 10}) == (
        {"max_output_tokens": 10},
        [("max_tokens", "moved", "max_output_tokens", "unsupported_by_model")],
    )
    # The replacement already set: the old one goes.
    assert changes("acme/think-2", {"max_tokens": 10, "max_output_tokens": 20}) == (
        {"max_output_tokens": 20},
        [("max_tokens", "removed", None, "replacement_set")],
    )
    # Where it is not rejected it stays (validate warns about it).
    assert changes("acme/chat-1", {"max_tokens": 10}) == ({"max_tokens": 10}, [])
    # No `moves_to`: a deprecated parameter is never moved.
    assert changes("acme/think-2", {"user": "u"}) == ({"user": "u"}, [])
    message = prepare("acme/think-2", {"max_tokens": 10}).changes[0].message
    assert message == "`max_tokens` moved to `max_output_tokens`: acme/think-2 rejects `max_tokens`"


def test_parameters_that_need_tools_go_without_them() -> None:
    given = {"tool_choice": "auto", "parallel_tools": True, "seed": 1}
    assert changes("acme/chat-1", given) == (
        {"seed": 1},
        [
            ("tool_choice", "removed", None, "no_tools"),
            ("parallel_tools", "removed", None, "no_tools"),
        ],
    )
    assert changes("acme/chat-1", given, has_tools=True) == (given, [])
    # A family that rejects them removes them even with tools.
    assert changes("acme/tiny-1", given, has_tools=True) == (
        {"seed": 1},
        [
            ("tool_choice", "removed", None, "unsupported_by_model"),
            ("parallel_tools", "removed", None, "unsupported_by_model"),
        ],
    )


def test_the_effort_goes_for_non_reasoning_models_and_with_tools_where_rejected() -> None:
    assert changes("acme/chat-1", {"effort": "low"}) == (
        {},
        [("effort", "removed", None, "not_reasoning_model")],
    )
    assert changes("other/chat-2", {"effort": "low"}) == ({"effort": "low"}, [])
    assert changes("acme/think-2", {"effort": "low"}, has_tools=True) == (
        {},
        [("effort", "removed", None, "effort_with_tools")],
    )
    assert changes("acme/think-1", {"effort": "low"}, has_tools=True) == ({"effort": "low"}, [])


def test_rejected_parameters_come_back_at_effort_none_where_the_model_allows_it() -> None:
    sampling = {"temperature": 0.5, "logprobs": True, "penalty": 0.1}
    # think-1's lowest effort is `none`: at `none`, its family's allowances apply.
    assert changes("acme/think-1", {**sampling, "effort": "none"}) == (
        {"temperature": 0.5, "logprobs": True, "effort": "none"},
        [("penalty", "removed", None, "unsupported_by_model")],
    )
    assert changes("acme/think-1", {**sampling, "effort": "high"}) == (
        {"effort": "high"},
        [
            ("temperature", "removed", None, "unsupported_by_model"),
            ("logprobs", "removed", None, "unsupported_by_model"),
            ("penalty", "removed", None, "unsupported_by_model"),
        ],
    )
    # think-mini has no lowest effort: no allowance.
    out, _ = changes("acme/think-mini", {**sampling, "effort": "none"})
    assert out == {"effort": "none"}
    # think-2's lowest is `low`: `none` is raised to it, and nothing comes back.
    out, done = changes("acme/think-2", {**sampling, "effort": "none"})
    assert out == {"effort": "low"}
    assert done[0] == ("effort", "set", None, "effort_too_low")
    # The effort removed for tools no longer counts as `none`.
    out, _ = changes("acme/think-2", {"temperature": 0.5, "effort": "none"}, has_tools=True)
    assert out == {}


def test_changes_come_in_the_documented_order() -> None:
    """No tools, then the effort with tools, then non-reasoning models, then what the
    family rejects, in spec order."""
    out = prepare(
        "acme/tiny-1",
        {"bias": {"1": 1}, "effort": "low", "tool_choice": "none", "temperature": 1},
    )
    assert [(c.parameter, c.reason) for c in out.changes] == [
        ("tool_choice", "no_tools"),
        ("effort", "not_reasoning_model"),
        ("bias", "unsupported_by_model"),
    ]
    assert out.options == {"temperature": 1}
    assert [c.message for c in out.changes] == [
        "`tool_choice` removed: the request has no tools",
        "`effort` removed: acme/tiny-1 is not a reasoning model",
        "`bias` removed: acme/tiny-1 does not support it",
    ]


def test_unknown_models_and_keys_pass_through() -> None:
    given = {"temperature": 0.5, "max_tokens": 1, "not_a_parameter": 1}
    out = prepare("acme/other-9", given, has_tools=False)
    assert (out.model, out.options, out.changes, out.matched) == (None, given, [], None)
    found = prepare("think-2", given)
    assert found.model == "acme/think-2" and found.options["not_a_parameter"] == 1


# --- the package ------------------------------------------------------------------------


def test_the_package_exports_what_it_says() -> None:
    for name in fixture_full.__all__:
        assert hasattr(fixture_full, name), name
    assert PARAMETERS[:3] == ("temperature", "top_p", "top_k")
    assert set(ChatOptions.__annotations__) == set(PARAMETERS)
    assert ChatOptions.__required_keys__ == frozenset()
    assert fixture_full.__version__ == "0.3.0-rc.1"


# --- the quick path ---------------------------------------------------------------------

VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 2, 5, 20, 21, 100, 101, 129, 10**20, 0.0, -0.0, 0.5, 1.5,
    2.0, 2.01, -2.5, 1e300, -1e-300, math.nan, math.inf, "", "a", "auto", "none", "low",
    "high", "text", "audio", "x" * 33, "x" * 65, "🙂" * 65, [], ["a"], ["a", "b", "c", "d", "e"],
    [1], ["text", "audio"], ["text", "text", "audio"], [None], {}, {"a": 1}, {"1": 1},
    {"12": 200}, {"k": "v"}, {"type": "function", "name": "f"}, {"type": "function"},
    {"type": "text"}, {"type": "json_schema", "schema_name": None, "examples": ["a"] * 4},
    {"type": "text", "hint": 1.5}, {"type": "text", "strict": 1}, {"x": None}, ("a",), {"a"},
]


def test_the_quick_path_never_disagrees_with_the_full_walk() -> None:
    rng = random.Random(20261120)
    keys = list(PARAMETERS) + ["bogus", "max_token"]
    for _ in range(20000):
        options = {rng.choice(keys): rng.choice(VALUES) for _ in range(rng.randint(0, 4))}
        full = full_walk(options)
        assert validate(options) == full, options
        if _quick(options):
            assert full == [], options


def vector_files() -> list[Path]:
    directory = os.environ.get("LLM_PARAMS_CONFORMANCE")
    assert directory, "LLM_PARAMS_CONFORMANCE names the full fixture's vectors"
    files = sorted(Path(directory).glob("*.json"))
    assert files, f"no vectors in {directory}"
    return files


def test_the_quick_path_agrees_on_every_vector() -> None:
    checked = 0
    for path in vector_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc.get("validate", []):
            options = case["input"]
            if isinstance(options, dict):
                assert validate(options) == full_walk(options), case["name"]
                checked += 1
    assert checked > 0


# --- per-model rules ----------------------------------------------------------------------


def test_ids_match_exactly_then_by_name_then_by_the_longest_prefix() -> None:
    assert prepare("acme/think-3", {}).matched == Matched("id", "acme/think-3", None)
    assert prepare("think-3", {}).matched == Matched("name", "acme/think-3", None)
    # A dated snapshot: the model's own prefix, longer than its family's.
    snapshot = prepare("acme/think-3-2026-01-01", {"effort": "minimal"})
    assert snapshot.matched == Matched("prefix", "acme/think-3", "acme/think-3-20")
    assert snapshot.model == "acme/think-3"
    assert snapshot.options == {"effort": "low"}
    # The family's prefix (against the name without the provider): its rules, no model's.
    family = prepare("azure/think-9", {"temperature": 0.5, "effort": "high"})
    assert family.matched == Matched("prefix", "reasoner", "think-")
    assert family.model == "azure/think-9", "the id as given"
    assert family.options == {"effort": "high"}
    assert family.changes[0].message == "`temperature` removed: azure/think-9 does not support it"
    assert find_model("azure/think-9") is None, "a family entry is no catalog model"
    snapshot_info = find_model("acme/think-3-2026-01-01")
    assert snapshot_info is not None and snapshot_info.id == "acme/think-3"


def test_an_effort_the_model_does_not_take_becomes_the_nearest_it_takes() -> None:
    # think-3 takes none, low and high.
    assert changes("acme/think-3", {"effort": "minimal"}) == (
        {"effort": "low"},
        [("effort", "set", None, "effort_too_low")],
    )
    assert changes("acme/think-3", {"effort": "medium"})[0] == {"effort": "high"}
    assert changes("acme/think-3", {"effort": "high"}) == ({"effort": "high"}, [])
    # think-2's lowest is low: none and minimal are raised to it.
    out = prepare("acme/think-2", {"effort": "none"})
    assert out.options == {"effort": "low"}
    assert out.changes[0].message == "`effort` raised to `low`: the lowest acme/think-2 takes"
    # Not an effort at all: validate's to report, prepare's to pass.
    assert changes("acme/think-3", {"effort": "extreme"}) == ({"effort": "extreme"}, [])


def test_a_model_that_needs_reasoning_off_with_tools_gets_it_set() -> None:
    out, done = changes("acme/think-3", {"effort": "high", "temperature": 0.5}, has_tools=True)
    # Set to none (given or not), at which the family takes temperature back.
    assert out == {"effort": "none", "temperature": 0.5}
    assert done == [("effort", "set", None, "effort_with_tools")]
    assert changes("acme/think-3", {}, has_tools=True)[0] == {"effort": "none"}
    assert changes("acme/think-3", {}, has_tools=False)[0] == {}


def test_the_default_effort_counts_when_none_is_given() -> None:
    # think-3's default is none: temperature stays without an effort; not at high.
    assert changes("acme/think-3", {"temperature": 0.5})[0] == {"temperature": 0.5}
    assert changes("acme/think-3", {"temperature": 0.5, "effort": "high"})[0] == {"effort": "high"}
    # think-1 has no default: without an effort, it is not off.
    assert changes("acme/think-1", {"temperature": 0.5})[0] == {}


def test_values_limits_and_output_caps_of_a_model() -> None:
    out, done = changes(
        "acme/think-3",
        {"tier": "batch", "temperature": 1.5, "max_output_tokens": 10000, "seed": 1},
    )
    assert out == {"temperature": 1, "max_output_tokens": 4096}
    assert done == [
        ("seed", "removed", None, "unsupported_by_model"),
        ("tier", "removed", None, "value_unsupported_by_model"),
        ("temperature", "clamped", None, "above_model_limit"),
        ("max_output_tokens", "clamped", None, "above_model_limit"),
    ]
    assert changes("acme/think-3", {"tier": "standard", "max_output_tokens": 8})[0] == {
        "tier": "standard",
        "max_output_tokens": 16,
    }
    # A value of no type the model knows passes: validate reports it.
    assert changes("acme/think-3", {"tier": 7})[0] == {"tier": 7}
    # max_tokens moves (think-3's family rejects it) and the cap applies where it lands.
    assert changes("acme/think-3", {"max_tokens": 9000})[0] == {"max_output_tokens": 4096}


def test_a_deprecated_model_is_warned_about_and_nothing_changes() -> None:
    out = prepare("acme/think-3", {})
    assert out.changes == []
    assert out.warnings == [
        PrepareWarning(
            "deprecated_model",
            "acme/think-3 is deprecated and shuts down on 2027-01-01; use acme/think-1 instead",
        )
    ]
    info = find_model("acme/think-3")
    assert info is not None
    assert (info.shutdown, info.successor, info.max_output_tokens, info.context_window) == (
        "2027-01-01",
        "acme/think-1",
        4096,
        32000,
    )
    assert (info.min_reasoning_effort, info.max_reasoning_effort, info.default_reasoning_effort) == (
        "none",
        "high",
        "none",
    )
    assert info.requires_effort_off_with_tools


def test_validate_for_reports_what_prepare_would_change() -> None:
    issues = validate_for("acme/think-3", {"effort": "medium", "tier": "batch", "temperature": 3})
    assert [(i.path, i.code, i.severity) for i in issues] == [
        ("", "deprecated", "warning"),
        ("/effort", "unsupported_value", "error"),
        ("/temperature", "out_of_range", "error"),
        ("/temperature", "unsupported_by_model", "error"),
        ("/tier", "unsupported_value", "error"),
    ]
    # validate's own issue comes first among equals, then prepare's.
    assert [(i.path, i.code, i.severity, i.message) for i in validate_for("acme/chat-1", {"effort": "high"})] == [
        ("/effort", "unsupported_by_model", "error", "`effort` removed: acme/chat-1 is not a reasoning model")
    ]
    assert validate_for("acme/other-9", {"temperature": 3}) == validate({"temperature": 3})
    assert validate_for("acme/think-3", [1]) == validate([1])

