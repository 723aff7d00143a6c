"""The spec's types against openai's and livekit-agents', as mypy sees them.

    python check_types.py [--out DIR] [--cache-dir DIR]

Compares what the spec claims to share: every parameter not marked ``extension: true``
must be a key of openai's ``CompletionCreateParamsNonStreaming`` (what
``client.chat.completions.create`` takes) and of LiveKit's ``ChatCompletionOptions`` (what
``inference.LLM(extra_kwargs=...)`` takes), and its type must fit theirs both ways:

- ``to_theirs``: a value of the spec's options type fits their key;
- ``to_ours``: their value, ``None`` set aside (``None`` means "not set" to the API and to
  ``validate``; the spec says "not set" by leaving the key out), fits ours.

It also checks what a user writes (``USER_CODE``): LiveKit's ``inference.LLM`` given
``plain(options)`` (constructor, ``update_options``, and with ``prepare``) type-checks, the
straightforward ``extra_kwargs=options`` does not (a ``TypedDict``'s values are invariant,
and LiveKit's are ``X | None``), and ``prepare`` and the holder give the options type back.

The check writes a module with one assignment per parameter, direction and package, each
on its own line, runs ``mypy --strict`` on it, and maps every error's line back to its
parameter: each disagreement is one line naming the parameter, the package and its
version, and both types as mypy writes them. The known, deliberate differences are data
(``differences.json``, with their reasons); one that mypy no longer reports is a failure
too, so the data cannot go stale. Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from livekit.agents.inference.llm import ChatCompletionOptions
from openai.types.chat.completion_create_params import CompletionCreateParamsNonStreaming

import upstream

Direction = Literal["to_theirs", "to_ours"]


@dataclass(frozen=True)
class Upstream:
    """One upstream type the options are compared with."""

    dist: str
    module: str
    type_name: str
    keys: frozenset[str]
    # A value of the type with none of the compared keys set.
    empty: str


UPSTREAMS = (
    Upstream(
        upstream.OPENAI,
        "openai.types.chat.completion_create_params",
        "CompletionCreateParamsNonStreaming",
        CompletionCreateParamsNonStreaming.__required_keys__
        | CompletionCreateParamsNonStreaming.__optional_keys__,
        '{"model": "gpt-5", "messages": []}',
    ),
    Upstream(
        upstream.LIVEKIT,
        "livekit.agents.inference.llm",
        "ChatCompletionOptions",
        ChatCompletionOptions.__required_keys__ | ChatCompletionOptions.__optional_keys__,
        "{}",
    ),
)


@dataclass(frozen=True)
class UserCode:
    """A line a user writes, and whether ``mypy --strict`` must accept it."""

    code: str
    """The line, with ``options`` (of the spec's options type), ``raw``
    (``dict[str, Any]``), ``model``, ``llm`` (LiveKit's) and ``client`` (openai's)."""
    says: str
    """What it shows, for people."""
    type_checks: bool
    """False: it must not type-check (and ``says`` why)."""


USER_CODE = (
    UserCode(
        "inference.LLM(model=model, extra_kwargs=options)",
        "`inference.LLM(model=..., extra_kwargs=options)` does not type-check: a TypedDict "
        "fits another only if every shared key has exactly the same type, and LiveKit "
        "types most keys `X | None` (COMPATIBILITY.md)",
        False,
    ),
    UserCode(
        "inference.LLM(model=model, extra_kwargs=plain(options))",
        "`inference.LLM(model=..., extra_kwargs=plain(options))` type-checks",
        True,
    ),
    UserCode(
        "llm.update_options(extra_kwargs=plain(options))",
        "`llm.update_options(extra_kwargs=plain(options))` type-checks",
        True,
    ),
    UserCode(
        "inference.LLM(model=model, extra_kwargs=plain(prepare(model, options).options))",
        "`inference.LLM(model=..., extra_kwargs=plain(prepare(model, options).options))` type-checks",
        True,
    ),
    UserCode(
        "inference.LLM(model=model, extra_kwargs=prepare(model, raw).options)",
        "`inference.LLM(model=..., extra_kwargs=prepare(model, raw).options)` type-checks "
        "(raw options: `dict[str, Any]`)",
        True,
    ),
    UserCode(
        'client.chat.completions.create(model=model, messages=[], **plain(options))',
        "`client.chat.completions.create(model=..., messages=..., **plain(options))` type-checks",
        True,
    ),
    UserCode(
        "typed: OPTIONS = prepare(model, options).options",
        "`prepare(model, options).options` is of the options type",
        True,
    ),
    UserCode(
        "request: Prepared[OPTIONS] = LlmOptions(model, options).request()",
        "`LlmOptions(model, options).request()` is a `Prepared` of the options type",
        True,
    ),
)
"""What a user writes (``OPTIONS`` stands for the options type's name)."""


@dataclass(frozen=True)
class Line:
    """What one line of the check module compares."""

    parameter: str
    dist: str
    direction: Direction


def check_module(
    options: str, parameters: list[str]
) -> tuple[str, dict[int, Line], dict[int, UserCode]]:
    """The module mypy checks, what each of its assignment lines compares, and which of its
    lines is which user code."""
    lines = [
        "# Written by upstream/python/check_types.py: one assignment per parameter,",
        "# direction and package. Do not edit; it is rewritten on every run.",
        "from __future__ import annotations",
        "",
        "from typing import Any",
        "",
        "import openai",
        "from livekit.agents import inference",
        f"from llm_params import {options}, LlmOptions, Prepared, plain, prepare",
    ]
    for u in UPSTREAMS:
        lines.append(f"from {u.module} import {u.type_name}")
    lines += ["", ""]
    where: dict[int, Line] = {}
    for n, u in enumerate(UPSTREAMS):
        shared = [p for p in parameters if p in u.keys]
        lines += [
            f"def check_{n}(ours: {options}, theirs: {u.type_name}) -> None:",
            f"    to_theirs: {u.type_name} = {u.empty}",
            f"    to_ours: {options} = {{}}",
        ]
        for p in shared:
            key = repr(p)
            where[len(lines) + 1] = Line(p, u.dist, "to_theirs")
            lines.append(f"    to_theirs[{key}] = ours[{key}]")
            # Narrowed by the walrus, not through a TypeVar (which would join the members
            # of a union into their common base).
            where[len(lines) + 1] = Line(p, u.dist, "to_ours")
            value = f"v{len(lines) + 1}"
            lines.append(
                f"    if ({value} := theirs.get({key})) is not None: to_ours[{key}] = {value}"
            )
        lines += ["", ""]
    lines += [
        "def user_code(",
        f"    options: {options}, raw: dict[str, Any], llm: inference.LLM, client: openai.OpenAI",
        ") -> None:",
        '    model = "openai/gpt-5"',
    ]
    user: dict[int, UserCode] = {}
    for code in USER_CODE:
        user[len(lines) + 1] = code
        lines.append("    " + code.code.replace("OPTIONS", options))
    return "\n".join(lines).rstrip() + "\n", where, user


ERROR = re.compile(r"^(?P<file>.+?):(?P<line>\d+): error: (?P<message>.*?)(  \[(?P<code>[a-z-]+)\])?$")
TYPES = re.compile(r'has incompatible type "(?P<given>.+)"; expected "(?P<expected>.+)"')


def mypy(module: Path, cache_dir: str | None) -> list[tuple[int, str]]:
    """mypy's errors on ``module``: (line, message); line 0 for the others."""
    args = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-pretty",
        "--no-error-summary",
        "--show-error-codes",
        "--hide-error-context",
        "--no-color-output",
    ]
    if cache_dir:
        args += ["--cache-dir", cache_dir]
    done = subprocess.run(
        [*args, str(module)], capture_output=True, text=True, cwd=module.parent, check=False
    )
    errors = []
    for text in done.stdout.splitlines():
        m = ERROR.match(text)
        if m is None:
            continue  # notes
        # An error anywhere but on an assignment line is the module's own (line 0).
        same_file = Path(m["file"]).name == module.name
        errors.append((int(m["line"]) if same_file else 0, m["message"] if same_file else text))
    if done.returncode not in (0, 1) or done.stderr.strip():
        errors.append((0, done.stderr.strip() or f"mypy exited with {done.returncode}"))
    return errors


def fact(line: Line, message: str, also_to_ours: bool = False) -> str:
    """One line: the parameter, the package and its version, and both types as mypy
    writes them (``also_to_ours``: their values do not fit the spec's either)."""
    who = upstream.package(line.dist)
    m = TYPES.search(message)
    if m is None:
        return f"`{line.parameter}`: {who} ({line.direction}): mypy says: {message}"
    if line.direction == "to_theirs":
        why = "the spec's values do not fit theirs"
        if also_to_ours:
            why += ", nor theirs the spec's"
        return f"`{line.parameter}`: {who} types it `{m['expected']}`, the spec says `{m['given']}` ({why})"
    return (
        f"`{line.parameter}`: {who} types it `{m['given']}` (None aside), the spec says "
        f"`{m['expected']}` (their values do not fit the spec's)"
    )


def verdicts(
    parameters: list[str],
    where: dict[int, Line],
    errors: list[tuple[int, str]],
    known: dict[str, dict[str, dict[str, str]]],
) -> tuple[list[str], int]:
    """Every failure as one line, and how many comparisons fit."""
    failures: list[str] = []
    for p in parameters:
        missing = [u for u in UPSTREAMS if p not in u.keys]
        if missing:
            names = " nor ".join(f"{upstream.package(u.dist)} (`{u.type_name}`)" for u in missing)
            lead = "neither " if len(missing) > 1 else ""
            failures.append(
                f"`{p}`: {lead}{names} has this key; the spec shares it (mark it "
                "`extension: true` if it is not meant to be upstream)"
            )
    reported: dict[Line, str] = {}
    for line_no, message in errors:
        line = where.get(line_no)
        if line is None:
            failures.append(f"the check module does not type-check: {message}")
        else:
            reported.setdefault(line, message)
    # One line per parameter and package: the spec's value not fitting theirs says it
    # best; their value not fitting the spec's is added to it, or said alone.
    unknown = {
        line: message
        for line, message in reported.items()
        if known.get(line.parameter, {}).get(line.dist, {}).get(line.direction) is None
    }
    for p in parameters:
        for u in UPSTREAMS:
            to_theirs = Line(p, u.dist, "to_theirs")
            to_ours = Line(p, u.dist, "to_ours")
            if to_theirs in unknown:
                failures.append(fact(to_theirs, unknown[to_theirs], to_ours in unknown))
            elif to_ours in unknown:
                failures.append(fact(to_ours, unknown[to_ours]))
    compared = set(where.values())
    for p, by_dist in known.items():
        for dist, by_direction in by_dist.items():
            for direction in by_direction:
                if direction not in ("to_theirs", "to_ours"):
                    failures.append(f"`{p}`: differences.json: no direction `{direction}`")
                    continue
                line = Line(p, dist, cast(Direction, direction))
                if line in compared and line not in reported:
                    failures.append(
                        f"`{p}`: the known difference with {upstream.package(dist)} "
                        f"({direction}) no longer shows; remove it from "
                        "upstream/python/differences.json"
                    )
    agreed = len(where) - len(reported)
    return failures, agreed


def user_verdicts(user: dict[int, UserCode], errors: list[tuple[int, str]]) -> list[str]:
    """A failure for each line of user code that mypy accepts or rejects against what it
    must."""
    rejected: dict[int, str] = {}
    for line_no, message in errors:
        if line_no in user:
            rejected.setdefault(line_no, message)
    failures = []
    for line_no, u in user.items():
        if u.type_checks and line_no in rejected:
            failures.append(f"it is not true that {u.says}: mypy says: {rejected[line_no]}")
        elif not u.type_checks and line_no not in rejected:
            failures.append(
                f"it is not true that {u.says}: it type-checks now; update COMPATIBILITY.md "
                "(Passing the options) and this check"
            )
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="where to write the check module (default: a temporary directory)")
    parser.add_argument("--cache-dir", help="mypy's cache directory")
    args = parser.parse_args()
    parameters = upstream.shared_parameters()
    source, where, user = check_module(upstream.options_type_name(), parameters)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) if args.out is None else args.out
        out.mkdir(parents=True, exist_ok=True)
        module = out / "check_upstream_types.py"
        module.write_text(source, encoding="utf-8")
        errors = mypy(module, args.cache_dir)
    failures, agreed = verdicts(
        parameters,
        where,
        [(n, m) for n, m in errors if n not in user],
        upstream.differences().get("types", {}),
    )
    failures += user_verdicts(user, errors)
    skipped = sorted(upstream.extensions())
    packages = ", ".join(upstream.package(u.dist) for u in UPSTREAMS)
    print(
        f"types of {len(parameters)} shared parameters against {packages}: "
        f"{len(where)} comparisons, {agreed} fit"
        + (f"; not compared (extension): {', '.join(skipped)}" if skipped else "")
    )
    print(f"what a user writes, against {upstream.package(upstream.LIVEKIT)} and {upstream.package(upstream.OPENAI)}:")
    for code in USER_CODE:
        print(f"- {code.says}")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
