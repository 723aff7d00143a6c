"""What the package says about itself holds, for whatever spec it was generated from:
every name it exports exists, its options type has every parameter (and only them, none
required), the catalog finds each of its models, and a few verdicts that follow from the
metadata alone. Nothing here names a parameter or a model of one spec.
"""

from __future__ import annotations

import importlib.metadata
import json
from typing import Any

from packaging.version import Version

import llm_params
from llm_params import PARAMETERS, Issue, LlmOptions, find_model, models, prepare, validate


def options_type() -> type:
    """The spec's options ``TypedDict``, whatever the spec calls it: the exported
    ``TypedDict`` whose keys are the parameters."""
    found = [
        value
        for name in llm_params.__all__
        if isinstance(value := getattr(llm_params, name), type)
        and hasattr(value, "__required_keys__")
        and set(getattr(value, "__annotations__", {})) == set(PARAMETERS)
    ]
    assert found, "no exported TypedDict has exactly the parameters as keys"
    return found[0]


def test_every_exported_name_exists() -> None:
    for name in llm_params.__all__:
        assert hasattr(llm_params, name), name
    assert len(set(llm_params.__all__)) == len(llm_params.__all__)


def test_the_options_type_has_every_parameter_and_none_is_required() -> None:
    assert PARAMETERS, "a spec has at least one parameter"
    assert len(set(PARAMETERS)) == len(PARAMETERS)
    assert getattr(options_type(), "__required_keys__") == frozenset()


def test_the_version_is_the_distributions() -> None:
    """The spec's version, as the distribution's metadata normalizes it (PEP 440)."""
    dist = importlib.metadata.distribution(llm_params.__name__)
    assert Version(dist.version) == Version(llm_params.__version__)


def test_nothing_set_is_valid_and_unknown_keys_are_errors() -> None:
    assert validate({}) == []
    # Not a parameter of any spec: parameter names are snake_case.
    unknown = "Not A Parameter"
    issues = validate({unknown: 1})
    assert [(i.path, i.code, i.severity) for i in issues] == [
        (f"/{unknown}", "unknown_parameter", "error")
    ]
    assert [i.code for i in validate([])] == ["invalid_type"]
    assert all(isinstance(i, Issue) for i in issues)


def test_null_means_not_set_for_every_parameter() -> None:
    for name in PARAMETERS:
        assert validate({name: None}) == [], name
    assert validate(json.loads(json.dumps({name: None for name in PARAMETERS}))) == []


def test_every_model_is_found_by_its_id_and_by_its_name() -> None:
    ids = [m.id for m in models()]
    assert len(set(ids)) == len(ids), "a model is listed twice"
    for m in models():
        assert find_model(m.id) is m
        if m.bare_id in ids:
            continue  # its name is itself a full id
        # Without its provider (or under another), a name finds the first model of the
        # catalog with that name.
        first = next(x for x in models() if x.bare_id == m.bare_id)
        assert find_model(m.bare_id) is first, m.id
        assert find_model(f"another-provider/{m.bare_id}") is first, m.id


def test_an_unknown_model_gets_the_options_unchanged() -> None:
    unknown = "no-such-provider/no-such-model-" + "x" * 40
    assert find_model(unknown) is None
    given = {name: None for name in PARAMETERS} | {"extra": [1]}
    out = prepare(unknown, given, has_tools=True)
    assert out.model is None and out.changes == [] and out.options == given
    assert out.options is not given


def test_update_options_replaces_never_merges() -> None:
    first = PARAMETERS[0]
    # Options of any spec: `Any`, since the options type of this one is not named here.
    given: Any = {first: None}
    other: Any = {"other": 1}
    llm = LlmOptions("any/model", given)
    llm.update_options(extra_kwargs=other)
    assert dict(llm.extra_kwargs) == {"other": 1}
    llm.update_options(model="another/model")
    assert (llm.model, dict(llm.extra_kwargs)) == ("another/model", {"other": 1})
    llm.update_options(extra_kwargs={})
    assert dict(llm.extra_kwargs) == {}
