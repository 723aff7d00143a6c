"""Runs every file of the conformance vectors against the Python engine: the Rust and
TypeScript packages run the same files and must agree, with 0 disagreements. The format
is in ``docs/conformance.md``; the comparison is the one of
``crates/llm-params-tests/tests/suite/body.rs``.

The vectors sit beside this file, in ``conformance/`` (``cargo xtask gen`` copies them
there, so the sdist carries them); ``LLM_PARAMS_CONFORMANCE`` names another directory.
Nothing here names a parameter or a model: the same file tests every spec's package.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from llm_params import PARAMETERS, Issue, models, prepare, validate, validate_for


def conformance_dir() -> Path:
    env = os.environ.get("LLM_PARAMS_CONFORMANCE")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent / "conformance"


def vector_files() -> list[Path]:
    return sorted(conformance_dir().glob("*.json"))


def same(a: Any, b: Any) -> bool:
    """JSON equality as serde_json's ``Value`` has it: ``1``, ``1.0`` and ``true`` are
    three different values (Python's ``==`` says they are equal)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def summary(issues: list[Issue]) -> list[dict[str, str]]:
    return [{"path": i.path, "code": i.code, "severity": i.severity} for i in issues]


def disagreements(name: str, doc: dict[str, Any]) -> tuple[list[str], int, int]:
    """Every case of one file that the engine gets wrong, and how many ran."""
    wrong: list[str] = []
    validated = prepared = 0
    for case in doc.get("validate", []):
        validated += 1
        issues = validate(case["input"])
        got = summary(issues)
        want = case["issues"]
        if not same(got, want):
            wrong.append(
                f"{name}: {case['name']}\n  input: {json.dumps(case['input'])}\n"
                f"  want:  {json.dumps(want)}\n  got:   {json.dumps(got)}"
            )
            continue
        words = case.get("message_contains")
        if words is not None and not any(words in i.message for i in issues):
            wrong.append(f"{name}: {case['name']}: no message contains {words!r}: {issues}")
    for case in doc.get("prepare", []):
        prepared += 1
        out = prepare(case["model"], case["input"], has_tools=bool(case.get("has_tools", False)))
        changes = []
        for i, c in enumerate(out.changes):
            change: dict[str, Any] = {"parameter": c.parameter, "action": c.action, "reason": c.reason}
            # Derived vectors state every message; hand-written ones may leave it out.
            if i < len(case["changes"]) and "message" in case["changes"][i]:
                change["message"] = c.message
            if c.to is not None:
                change["to"] = c.to
            changes.append(change)
        got_case: dict[str, Any] = {"model": out.model, "output": out.options, "changes": changes}
        want_case: dict[str, Any] = {
            "model": case["expected_model"],
            "output": case["output"],
            "changes": case["changes"],
        }
        # Derived vectors state the warnings and the match; hand-written ones may not.
        if "warnings" in case:
            got_case["warnings"] = [{"reason": w.reason, "message": w.message} for w in out.warnings]
            want_case["warnings"] = case["warnings"]
        if "matched" in case:
            m = out.matched
            got_case["matched"] = None if m is None else {"by": m.by, "entry": m.entry, "pattern": m.pattern}
            want_case["matched"] = case["matched"]
        # Change records compare without key order (a dict), like serde_json's objects.
        if not same(got_case, want_case):
            wrong.append(
                f"{name}: {case['name']}\n  want: {json.dumps(want_case)}\n  got:  {json.dumps(got_case)}"
            )
        # validate_for: validate's issues, and one per expected change and warning.
        table = doc.get("reason_issues")
        if table is not None and "warnings" in case:
            has_tools = bool(case.get("has_tools", False))
            want_issues = [[i.path, i.code, i.severity, i.message] for i in validate(case["input"])]
            for c in case["changes"]:
                t = table[c["reason"]]
                want_issues.append([pointer(c["parameter"]), t["code"], t["severity"], c["message"]])
            for w in case["warnings"]:
                t = table[w["reason"]]
                want_issues.append(["", t["code"], t["severity"], w["message"]])
            want_issues.sort(key=lambda i: (i[0], i[1]))
            got_issues = [
                [i.path, i.code, i.severity, i.message]
                for i in validate_for(case["model"], case["input"], has_tools=has_tools)
            ]
            if got_issues != want_issues:
                wrong.append(
                    f"{name}: {case['name']} (validate_for)\n  want: {json.dumps(want_issues)}\n"
                    f"  got:  {json.dumps(got_issues)}"
                )
    return wrong, validated, prepared


def pointer(key: str) -> str:
    """``/key`` with the JSON Pointer escapes."""
    return "/" + key.replace("~", "~0").replace("/", "~1")


def load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def test_the_vectors_are_there() -> None:
    names = [p.name for p in vector_files()]
    assert {"validate.json", "prepare.json"} <= set(names), (
        f"no conformance vectors in {conformance_dir()}"
    )


@pytest.mark.parametrize("path", vector_files(), ids=lambda p: p.name)
def test_every_vector_gets_the_expected_verdict(path: Path) -> None:
    doc = load(path)
    assert "validate" in doc or "prepare" in doc, f"{path.name} holds no cases"
    wrong, validated, prepared = disagreements(path.name, doc)
    assert not wrong, f"{len(wrong)} disagreement(s):\n" + "\n".join(wrong)


def test_the_vectors_are_of_this_package() -> None:
    """Vectors of another spec (or another version of it) would test nothing."""
    import llm_params

    for path in vector_files():
        version = load(path).get("spec_version")
        assert version in (None, llm_params.__version__), f"{path.name}: spec {version}"


def test_every_parameter_and_model_is_in_some_vector() -> None:
    """The vectors cover the whole spec: every parameter is validated, alone or among
    others, and every model of the catalog is prepared for."""
    keys: set[object] = set()
    prepared_for: set[str] = set()
    for path in vector_files():
        doc = load(path)
        for case in doc.get("validate", []):
            if isinstance(case["input"], dict):
                keys.update(case["input"])
        for case in doc.get("prepare", []):
            prepared_for.add(case["model"])
    missing = [p for p in PARAMETERS if p not in keys]
    assert not missing, f"parameters no validate vector sets: {missing}"
    unprepared = [m.id for m in models() if m.id not in prepared_for]
    assert not unprepared, f"models no prepare vector names: {unprepared}"


def test_json_equality_is_strict() -> None:
    assert not same(1, 1.0)
    assert not same(True, 1)
    assert not same({"a": [1]}, {"a": [True]})
    assert same({"a": [1.5, None]}, {"a": [1.5, None]})
