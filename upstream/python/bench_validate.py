"""How fast ``validate`` is, against fastjsonschema compiled from the equivalent JSON Schema,
and pydantic v2 and msgspec over the equivalent TypedDict (``schema_types.py``).

    target/python/venv/bin/python upstream/python/bench_validate.py [--schema PATH] [--quick]

(from the repository root, after ``cargo xtask test`` has installed the package generated
from this repository's spec, ``llm_params``, and fastjsonschema into that venv).

The schema is the draft-07 rendering of the options' schema
(``generated/json-schema/model-options.draft-07.schema.json``; fastjsonschema stops at
draft 07). Both validators see the same inputs and must give the same verdict on each
(valid or not) before anything is timed. Not part of the test command: timings depend on
the machine.

The comparison favours fastjsonschema on invalid input: it raises at the first error,
while ``validate`` collects every issue, with its path and code. Messages (and their "did
you mean" suggestions) are written when they are first read: the rows marked "reading
every message" include that.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import msgspec
from pydantic import TypeAdapter, ValidationError

import schema_types
from llm_params import _engine, validate

CASES: dict[str, dict[str, Any]] = {
    "valid, small": {"temperature": 0.7, "max_completion_tokens": 1000},
    "valid, rich": {
        "temperature": 0.7,
        "max_completion_tokens": 1000,
        "frequency_penalty": 0.5,
        "presence_penalty": -0.5,
        "seed": 42,
        "stop": ["\n", "END", "STOP", "###"],
        "n": 2,
        "logprobs": True,
        "top_logprobs": 5,
        "logit_bias": {str(50000 + i): i - 50 for i in range(20)},
        "parallel_tool_calls": True,
        "tool_choice": {"type": "function", "function": {"name": "lookup"}},
        "service_tier": "flex",
        "metadata": {f"key{i}": "v" * 64 for i in range(16)},
        "store": False,
        "prediction": {
            "type": "content",
            "content": [{"type": "text", "text": "draft"}, {"type": "text", "text": "more"}],
        },
        "modalities": ["text", "audio"],
        "web_search_options": {
            "search_context_size": "low",
            "user_location": {
                "type": "approximate",
                "approximate": {"city": "Paris", "country": "FR", "timezone": "Europe/Paris"},
            },
        },
        "verbosity": "low",
        "prompt_cache_key": "cache-1",
        "safety_identifier": "hash-1",
        "prompt_cache_options": {"mode": "explicit", "ttl": "30m"},
    },
    "invalid, several issues": {
        "temperature": 3,
        "top_p": 0.5,
        "n": 0,
        "stop": ["a", "b", "c", "d", "e"],
        "logprobs": "yes",
        "service_tier": "fastest",
    },
    "invalid, one wrong value": {"temperature": 0.7, "max_completion_tokens": 0},
    "invalid, one misspelt key": {"temprature": 0.7},
}


def default_schema() -> Path:
    return (
        Path(__file__).resolve().parents[2]
        / "generated"
        / "json-schema"
        / "model-options.draft-07.schema.json"
    )


def per_call(fn: Callable[[], object], quick: bool) -> float:
    """Seconds per call: the best of several runs."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    runs = timer.repeat(repeat=3 if quick else 7, number=number)
    return min(runs) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", type=Path, default=default_schema())
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args()
    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    # By default fastjsonschema writes the schema's defaults into the input it checks,
    # which would change the input between runs (and set `temperature` and `top_p`).
    compiled: Callable[[object], object] = fastjsonschema.compile(schema, use_default=False)

    def fjs_valid(x: object) -> bool:
        try:
            compiled(x)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def ours_valid(x: object) -> bool:
        return not any(i.severity == "error" for i in validate(x))

    # pydantic v2 and msgspec over the TypedDict / Struct a user would write, with the
    # limits of the 2020-12 schema (schema_types.py; no rules between parameters).
    full = json.loads((args.schema.parent / "model-options.schema.json").read_text(encoding="utf-8"))
    adapter: TypeAdapter[Any] = TypeAdapter(schema_types.pydantic_type(full))
    struct = schema_types.msgspec_type(full)

    def pydantic_valid(x: object) -> bool:
        try:
            adapter.validate_python(x)
        except ValidationError:
            return False
        return True

    def msgspec_valid(x: object) -> bool:
        try:
            msgspec.convert(x, struct)
        except msgspec.ValidationError:
            return False
        return True

    for name, options in CASES.items():
        before = copy.deepcopy(options)
        verdicts = {v(options) for v in (ours_valid, fjs_valid, pydantic_valid, msgspec_valid)}
        if len(verdicts) != 1:
            print(f"the verdicts differ on {name!r}: {validate(options)}", file=sys.stderr)
            return 1
        if options != before:
            print(f"a validator changed the input {name!r}", file=sys.stderr)
            return 1

    print(f"schema: {args.schema}")
    print(
        f"{'input':<36} {'validate':>12} {'fastjsonschema':>15} {'ratio':>7}"
        f" {'pydantic':>11} {'ratio':>7} {'msgspec':>10} {'ratio':>7}"
    )

    def row(name: str, ours: float, theirs: float, others: tuple[float, float] | None = None) -> None:
        line = f"{name:<36} {ours * 1e6:>10.2f}us {theirs * 1e6:>13.2f}us {ours / theirs:>7.2f}"
        if others is not None:
            p, m = others
            line += f" {p * 1e6:>9.2f}us {ours / p:>7.2f} {m * 1e6:>8.2f}us {ours / m:>7.2f}"
        print(line)

    def messages(x: object) -> list[str]:
        return [i.message for i in validate(x)]

    for name, options in CASES.items():
        ours = per_call(lambda: validate(options), args.quick)
        theirs = per_call(lambda: fjs_valid(options), args.quick)
        others = (
            per_call(lambda: pydantic_valid(options), args.quick),
            per_call(lambda: msgspec_valid(options), args.quick),
        )
        row(name, ours, theirs, others)
        if name == "invalid, several issues":
            row("  ... reading every message", per_call(lambda: messages(options), args.quick), theirs)
    # "Did you mean" answers are remembered; the first time a misspelling's message is
    # read costs the edit distances.
    misspelt = CASES["invalid, one misspelt key"]
    forget = _engine._PARAM_NAMES._memo.clear

    def cold() -> object:
        forget()
        return messages(misspelt)

    row("  ... its message, the first time", per_call(cold, args.quick), per_call(lambda: fjs_valid(misspelt), args.quick))
    print("ratio = validate time / the other's time (below 1: validate is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
