"""Runs every file of ``generated/conformance/`` against the Python engine: the Rust and
TypeScript packages run the same files and must agree, with 0 disagreements. The format
is in ``docs/conformance.md``; the comparison is the one of
``crates/llm-params-tests/tests/conformance.rs``.

Set ``LLM_PARAMS_CONFORMANCE`` to the directory of the vectors when the package does not
sit in its repository (``generated/python`` beside ``generated/conformance``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from llm_params import Issue, prepare, validate


def conformance_dir() -> Path:
    env = os.environ.get("LLM_PARAMS_CONFORMANCE")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "conformance"


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
        for c in out.changes:
            change: dict[str, Any] = {"parameter": c.parameter, "action": c.action, "reason": c.reason}
            if c.to is not None:
                change["to"] = c.to
            changes.append(change)
        got_case = {"model": out.model, "output": out.options, "changes": changes}
        want_case = {
            "model": case["expected_model"],
            "output": case["output"],
            "changes": case["changes"],
        }
        # Change records compare without key order (a dict), like serde_json's objects.
        if not same(got_case, want_case):
            wrong.append(
                f"{name}: {case['name']}\n  want: {json.dumps(want_case)}\n  got:  {json.dumps(got_case)}"
            )
    return wrong, validated, prepared


def test_the_vectors_are_there() -> None:
    names = [p.name for p in vector_files()]
    assert {"validate.json", "prepare.json", "edge_cases.json"} <= set(names), (
        f"no conformance vectors in {conformance_dir()}"
    )


@pytest.mark.parametrize("path", vector_files(), ids=lambda p: p.name)
def test_every_vector_gets_the_expected_verdict(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    wrong, validated, prepared = disagreements(path.name, doc)
    assert validated + prepared > 0, f"{path.name} has no cases"
    assert not wrong, f"{len(wrong)} disagreement(s):\n" + "\n".join(wrong)


def test_as_many_vectors_as_the_rust_runner_requires() -> None:
    validated = prepared = 0
    for path in vector_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        validated += len(doc.get("validate", []))
        prepared += len(doc.get("prepare", []))
    assert validated > 200 and prepared > 100, f"too few vectors: {validated} / {prepared}"


def test_json_equality_is_strict() -> None:
    assert not same(1, 1.0)
    assert not same(True, 1)
    assert not same({"a": [1]}, {"a": [True]})
    assert same({"a": [1.5, None]}, {"a": [1.5, None]})
