"""What the upstream checks share: the facts of this repository's spec that they compare,
the installed upstream packages and their versions, and the known differences
(``differences.json``).

The spec is read through the package generated from it (``llm_params``: its parameters,
its options type, its catalog), through ``schema/spec.yaml`` for the one fact the package
does not carry (which parameters are ``extension: true``), and through the conformance
vectors for a valid value of each parameter. Package versions come from the installed
packages' metadata.
"""

from __future__ import annotations

import importlib.metadata
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

import llm_params

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "schema" / "spec.yaml"
VECTORS = ROOT / "generated" / "conformance"
DIFFERENCES = Path(__file__).resolve().with_name("differences.json")

OPENAI = "openai"
LIVEKIT = "livekit-agents"


def package(dist: str) -> str:
    """``name version`` of an installed distribution, as failures name it."""
    return f"{dist} {importlib.metadata.version(dist)}"


@cache
def extensions() -> frozenset[str]:
    """The parameters the spec marks ``extension: true``: not claimed to be upstream."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return frozenset(
        str(p["name"]) for p in spec.get("parameters", []) if p.get("extension") is True
    )


def shared_parameters() -> list[str]:
    """The parameters the spec claims to share with the upstream packages: every one but
    the extensions, in spec order."""
    return [p for p in llm_params.PARAMETERS if p not in extensions()]


def options_type_name() -> str:
    """The name of the spec's options ``TypedDict``: the exported one whose keys are the
    parameters."""
    for name in llm_params.__all__:
        value = getattr(llm_params, name)
        if isinstance(value, type) and hasattr(value, "__required_keys__"):
            if set(getattr(value, "__annotations__", {})) == set(llm_params.PARAMETERS):
                return name
    raise LookupError("llm_params exports no TypedDict of its parameters")


@cache
def samples() -> dict[str, Any]:
    """A valid value of each parameter (valid alone: not every pair is valid together),
    taken from the conformance vectors the spec derives: the first value a case without
    errors sets."""
    found: dict[str, Any] = {}
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc.get("validate", []):
            options = case["input"]
            if not isinstance(options, dict):
                continue
            if any(i["severity"] == "error" for i in case["issues"]):
                continue
            for key, value in options.items():
                if key in llm_params.PARAMETERS and value is not None:
                    found.setdefault(key, value)
        for case in doc.get("prepare", []):
            for key, value in case["input"].items():
                if key in llm_params.PARAMETERS and value is not None:
                    if not any(i.severity == "error" for i in llm_params.validate({key: value})):
                        found.setdefault(key, value)
    return found


@cache
def differences() -> dict[str, Any]:
    """The known, deliberate differences, keyed by parameter (see the file's
    ``$comment``); entries of parameters the spec does not share are left out."""
    data: dict[str, Any] = json.loads(DIFFERENCES.read_text(encoding="utf-8"))
    shared = set(shared_parameters())
    return {
        # `catalog_ids` is keyed by model id, not by parameter: kept as it is.
        section: entries
        if section == "catalog_ids"
        else {p: entry for p, entry in entries.items() if p in shared}
        for section, entries in data.items()
        if not section.startswith("$")
    }
