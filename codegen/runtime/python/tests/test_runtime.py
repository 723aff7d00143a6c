"""The documented runtime behaviour: ``update_options`` replaces, never merges; model
lookup with and without the provider prefix; the quick path of ``validate`` never
disagrees with the full walk; Python values that JSON does not have."""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import pickle
import random
from typing import Any

import pytest

import llm_params
from llm_params import (
    NOT_GIVEN,
    PARAMETERS,
    Issue,
    LlmOptions,
    ModelOptions,
    find_model,
    models,
    prepare,
    suggest,
    validate,
)
from llm_params._engine import _issue_key, _quick, _validate_map


def full_walk(options: dict[str, Any]) -> list[Issue]:
    """``validate`` without its quick path."""
    issues: list[Issue] = []
    _validate_map(options, issues)
    issues.sort(key=_issue_key)
    return issues


def test_update_options_replaces_never_merges() -> None:
    llm = LlmOptions("openai/gpt-4o", {"temperature": 0.7, "max_completion_tokens": 1000})
    llm.update_options(extra_kwargs={"top_p": 0.5})
    assert dict(llm.extra_kwargs) == {"top_p": 0.5}
    assert llm.model == "openai/gpt-4o"

    llm.update_options(model="openai/gpt-5.3-chat-latest")
    assert llm.model == "openai/gpt-5.3-chat-latest"
    assert dict(llm.extra_kwargs) == {"top_p": 0.5}, "options kept when not given"

    llm.update_options(extra_kwargs={})
    assert dict(llm.extra_kwargs) == {}, "{} clears"

    llm.update_options(model="openai/gpt-4o", extra_kwargs={"temperature": 0.7})
    assert llm.request().options == {"temperature": 0.7}

    llm.update_options()
    assert llm.model == "openai/gpt-4o" and dict(llm.extra_kwargs) == {"temperature": 0.7}


def test_the_holder_keeps_its_own_copy() -> None:
    given: dict[str, Any] = {"temperature": 0.7}
    llm = LlmOptions("openai/gpt-4o", given)
    given["top_p"] = 0.1
    assert dict(llm.extra_kwargs) == {"temperature": 0.7}
    with pytest.raises(TypeError):
        llm.extra_kwargs["top_p"] = 0.1  # type: ignore[index]


def test_the_next_request_uses_the_new_model_rules() -> None:
    llm = LlmOptions("openai/gpt-4o", {"temperature": 0.7})
    assert len(llm.request().options) == 1
    llm.update_options(model="openai/gpt-5")
    nxt = llm.request()
    assert nxt.options == {}
    assert nxt.changes[0].parameter == "temperature"


def test_not_given_is_a_falsy_singleton() -> None:
    assert not NOT_GIVEN
    assert type(NOT_GIVEN)() is NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"


def test_models_are_found_with_or_without_their_provider() -> None:
    found = find_model("openai/gpt-5")
    assert found is not None and found.id == "openai/gpt-5"
    bare = find_model("gpt-5")
    assert bare is not None and bare.id == "openai/gpt-5"
    other = find_model("azure/gpt-5")
    assert other is not None and other.id == "openai/gpt-5"
    assert find_model("gpt-5-2025-08-07") is None
    assert all(find_model(m.id) is m for m in models())
    assert models()[0].bare_id == models()[0].id.rsplit("/", 1)[-1]


def test_typed_options_validate_like_raw_ones() -> None:
    typed: ModelOptions = {"temperature": 3.0, "top_p": 0.5}
    issues = validate(typed)
    assert [i.code for i in issues] == ["out_of_range", "mutually_exclusive"]
    assert issues == validate(json.loads(json.dumps(typed)))


def test_unknown_keys_name_the_nearest_parameter() -> None:
    issues = validate({"max_token": 5})
    assert len(issues) == 1
    assert issues[0].path == "/max_token"
    assert issues[0].severity == "error"
    assert "did you mean `max_tokens`" in issues[0].message


def test_deprecated_user_names_both_replacements() -> None:
    issues = validate({"user": "u-1"})
    assert issues[0].code == "deprecated"
    assert issues[0].severity == "warning"
    assert "`safety_identifier` or `prompt_cache_key`" in issues[0].message


def test_messages_read_like_the_rust_ones() -> None:
    by_path = {i.path: i.message for i in validate({"temperature": 2.01, "n": 2.5, "top_logprobs": 3})}
    assert by_path["/temperature"] == "2.01 is outside the range 0 to 2"
    assert by_path["/n"] == "expected an integer, got 2.5"
    assert by_path["/top_logprobs"] == "`top_logprobs` requires `logprobs: true`"
    huge = validate({"temperature": 1e300})[0].message
    assert huge == "1" + "0" * 300 + " is outside the range 0 to 2"
    assert validate({"n": 1e-7})[0].message == "expected an integer, got 1e-7"
    assert validate(7)[0].message == "options must be a JSON object, not a number"


def test_unions_and_lists_name_the_member_that_fits() -> None:
    def summary(options: dict[str, Any]) -> list[tuple[str, str, str]]:
        return [(i.path, i.code, i.message) for i in validate(options)]

    assert summary({"stop": 1.5}) == [("/stop", "invalid_type", "expected a Stop, got a number")]
    assert summary({"stop": ("a", 1, None)}) == [
        ("/stop/1", "invalid_type", "expected a string, got a number"),
        ("/stop/2", "invalid_type", "expected a string, got null"),
    ]
    assert summary({"tool_choice": {"type": "function"}}) == [
        ("/tool_choice/function", "invalid_type", "a NamedToolChoice needs the field `function`")
    ]
    assert summary({"tool_choice": "auto2"}) == [
        (
            "/tool_choice",
            "invalid_value",
            "`auto2` is not a ToolChoiceMode: expected one of `auto`, `required`, `none`;"
            " did you mean `auto`?",
        )
    ]


def test_issues_are_dataclasses_whose_message_is_written_when_read() -> None:
    issues = validate({"temprature": 1, "n": 0, "service_tier": "flx"})
    expected = [
        Issue("/n", "out_of_range", "error", "0 is outside the range 1 to 128"),
        Issue(
            "/service_tier",
            "invalid_value",
            "error",
            "`flx` is not a ServiceTier: expected one of `auto`, `default`, `flex`, `scale`,"
            " `priority`; did you mean `flex`?",
        ),
        Issue(
            "/temprature",
            "unknown_parameter",
            "error",
            "unknown parameter `temprature`; did you mean `temperature`?",
        ),
    ]
    assert issues == expected
    assert [dataclasses.asdict(i) for i in validate({"n": 0})] == [
        {"path": "/n", "code": "out_of_range", "severity": "error", "message": "0 is outside the range 1 to 128"}
    ]
    assert [f.name for f in dataclasses.fields(Issue)] == ["path", "code", "severity", "message"]
    assert repr(validate({"n": 0})[0]) == (
        "Issue(path='/n', code='out_of_range', severity='error', message='0 is outside the range 1 to 128')"
    )
    # Pickles and copies carry the message, not what writes it.
    assert pickle.loads(pickle.dumps(validate({"n": 0, "bogus": 1}))) == validate({"n": 0, "bogus": 1})
    assert copy.deepcopy(issues) == expected and copy.copy(issues[0]) == expected[0]
    moved = dataclasses.replace(validate({"n": 0})[0], path="/m")
    assert (moved.path, moved.message) == ("/m", "0 is outside the range 1 to 128")
    changed = validate({"n": 0})[0]
    changed.message = "mine"
    assert changed.message == "mine" and changed != expected[0]
    match issues[0]:
        case Issue(path, code, severity, message):
            assert (path, code, severity, message) == ("/n", "out_of_range", "error", expected[0].message)


def test_suggestions_follow_the_shared_rule() -> None:
    names = ["max_tokens", "max_completion_tokens", "temperature"]
    assert suggest("max_token", names) == "max_tokens"
    assert suggest("temprature", names) == "temperature"
    assert suggest("zzz", names) is None
    # Ties go to the first name.
    assert suggest("ab", ["ax", "ay"]) == "ax"
    # The limit is max(2, a third of the length), in code points.
    assert suggest("ab", ["abcd"]) == "abcd"
    assert suggest("ab", ["abcde"]) is None
    assert suggest("température", ["temperature"]) == "temperature"


def test_python_values_that_json_does_not_have() -> None:
    """``nan``, infinities, sets and non-string keys cannot be sent as JSON: they are
    ``invalid_type``, never accepted."""
    for value in (math.nan, math.inf, -math.inf):
        issues = validate({"temperature": value, "seed": value})
        assert [(i.path, i.code) for i in issues] == [
            ("/seed", "invalid_type"),
            ("/temperature", "invalid_type"),
        ], value
    assert [i.code for i in validate({"stop": {"a"}})] == ["invalid_type"]
    assert [(i.path, i.code) for i in validate({"logit_bias": {50256: 1}})] == [
        ("/logit_bias/50256", "invalid_type")
    ]
    assert [(i.path, i.code) for i in validate({1: 2})] == [("/1", "unknown_parameter")]


def test_token_ids_are_ascii_digits() -> None:
    """``str.isdigit`` also takes other scripts' digits; a token id is ASCII digits only,
    as in Rust (``u8::is_ascii_digit``)."""
    assert validate({"logit_bias": {"50256": 1}}) == []
    for key in ("\u0661\u0662", "\uff11", "\u00b2", "1 ", ""):
        assert [(i.path, i.code) for i in validate({"logit_bias": {key: 1}})] == [
            (f"/logit_bias/{key}", "invalid_value")
        ], key


def test_tuples_are_arrays_and_bools_are_not_numbers() -> None:
    assert validate({"stop": ("a", "b")}) == []
    assert [i.code for i in validate({"n": True})] == ["invalid_type"]
    assert [i.code for i in validate({"temperature": False})] == ["invalid_type"]


def test_big_integers_are_integers() -> None:
    assert validate({"seed": 10**30}) == []
    assert validate({"max_completion_tokens": 10**400}) == []
    assert [i.code for i in validate({"n": 10**400})] == ["out_of_range"]


def test_prepare_returns_a_new_dict_and_leaves_the_input_alone() -> None:
    given: dict[str, Any] = {"temperature": 0.5, "max_tokens": 10, "extra": [1]}
    out = prepare("openai/gpt-5", given)
    assert given == {"temperature": 0.5, "max_tokens": 10, "extra": [1]}
    assert out.options == {"max_completion_tokens": 10, "extra": [1]}
    assert out.options["extra"] is given["extra"]


def test_the_package_exports_what_it_says() -> None:
    for name in llm_params.__all__:
        assert hasattr(llm_params, name), name
    assert PARAMETERS[0] == "temperature"
    assert set(ModelOptions.__annotations__) == set(PARAMETERS)
    assert ModelOptions.__required_keys__ == frozenset()


# --- the quick path ---------------------------------------------------------------------

VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 2, 5, 20, 21, 100, 129, 10**20, 0.0, -0.0, 0.5, 1.5,
    2.0, 2.01, -2.5, 1e300, -1e-300, math.nan, math.inf, "", "a", "auto", "none", "low",
    "high", "text", "24h", "x" * 129, "🙂" * 65, [], ["a"], ["a", "b", "c", "d", "e"],
    [1], ["text", "audio"], [None], {}, {"a": 1}, {"1": 1}, {"12": 200}, {"k": "v"},
    {"type": "function", "function": {"name": "f"}}, {"type": "function", "function": {}},
    {"type": "content", "content": "x"}, {"type": "content", "content": [{"type": "text", "text": "t"}]},
    {"search_context_size": "low"}, {"user_location": None}, {"mode": "explicit", "ttl": "30m"},
    {"x": None}, ("a",), {"a"},
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


def test_the_quick_path_agrees_on_every_vector() -> None:
    from pathlib import Path

    import test_conformance

    for path in test_conformance.vector_files():
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        for case in doc.get("validate", []):
            options = case["input"]
            if isinstance(options, dict):
                assert validate(options) == full_walk(options), case["name"]
