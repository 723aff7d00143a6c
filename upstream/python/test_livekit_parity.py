"""``prepare`` against LiveKit's own code (the pinned livekit-agents,
``livekit/agents/inference/llm.py``), run for real.

What is compared: the models of the spec's catalog that LiveKit knows (its model
literals, ``LLMModels``, read at run time), and the parameters the spec shares with
LiveKit (not the ``extension: true`` ones), each alone beside the reasoning effort, with
and without tools, at effort ``high`` and ``none``; then the whole request LiveKit puts on
the wire. Each disagreement is one line naming the model, the parameter and what each
side does.

The known, deliberate differences (``docs/prepare.md``: ``max_tokens`` moves to
``max_completion_tokens``; ``reasoning_effort`` is removed for non-reasoning models) are
data in ``differences.json`` (``livekit_prepare``): a comparison that disagrees only by
those changes passes, and an entry that no comparison needs fails, so the data cannot go
stale.
"""

from __future__ import annotations

import asyncio
import json
import typing
from collections.abc import Iterator
from typing import Any

import httpx2
import openai
import pytest
from livekit.agents import inference
from livekit.agents import llm as lk_llm
from livekit.agents.inference import llm as lk

import upstream
from llm_params import PARAMETERS, LlmOptions, ModelInfo, Prepared, models, prepare

LIVEKIT = upstream.package(upstream.LIVEKIT)
# LiveKit's own names for the effort and its "off" value.
EFFORT = "reasoning_effort"
EFFORTS: tuple[str | None, ...] = ("high", "none") if EFFORT in PARAMETERS else (None,)
# What LiveKit's `chat()` does beside `drop_unsupported_params`: it removes `tool_choice`
# when there are no tools. prepare's `no_tools` changes are compared on the whole request
# path (below), not with `drop_unsupported_params`.
OUTSIDE_DROP = {"no_tools"}


def literal_ids(t: object) -> Iterator[str]:
    for arg in typing.get_args(t):
        if typing.get_origin(arg) is typing.Literal:
            yield from (a for a in typing.get_args(arg) if isinstance(a, str))
        else:
            yield from literal_ids(arg)


LIVEKIT_MODELS = frozenset(literal_ids(lk.LLMModels))
COMPARED_MODELS: list[ModelInfo] = [m for m in models() if m.id in LIVEKIT_MODELS]
LIVEKIT_KEYS = lk.ChatCompletionOptions.__required_keys__ | lk.ChatCompletionOptions.__optional_keys__
SHARED = [p for p in upstream.shared_parameters() if p in LIVEKIT_KEYS]
KNOWN: dict[str, Any] = upstream.differences().get("livekit_prepare", {})
KEPT: dict[str, Any] = upstream.differences().get("livekit_drops", {})


def variants() -> Iterator[tuple[str | None, bool]]:
    for effort in EFFORTS:
        for has_tools in (False, True):
            yield effort, has_tools


def describe(effort: str | None, has_tools: bool) -> str:
    tools = "tools" if has_tools else "no tools"
    return tools if effort is None else f"effort {effort}, {tools}"


def undo(given: dict[str, Any], ours: Prepared, reasons: dict[str, set[str]]) -> dict[str, Any]:
    """prepare's result with the changes named in ``reasons`` (parameter -> change
    reasons) undone: the parameter back as given, where it moved to gone unless given."""
    out = dict(ours.options)
    for c in ours.changes:
        if c.reason not in reasons.get(c.parameter, set()):
            continue
        if c.action == "moved" and c.to is not None and c.to not in given:
            out.pop(c.to, None)
        if c.parameter in given:
            out[c.parameter] = given[c.parameter]
        else:  # set by prepare (an effort the model needs with tools)
            out.pop(c.parameter, None)
    return out


def what_differs(
    given: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any], changes: Prepared
) -> str:
    """What each side does differently, key by key, in words."""
    moved = {c.to: c.parameter for c in changes.changes if c.action == "moved" and c.to}
    said = []
    for key in sorted(set(ours) | set(theirs)):
        if key in moved and moved[key] not in ours:
            continue  # said with the parameter that moved
        if key in theirs and key not in ours:
            to = next((c.to for c in changes.changes if c.parameter == key and c.to), None)
            does = f"moves it to `{to}`" if to else "drops it"
            said.append(f"`{key}`: {LIVEKIT} sends it, prepare {does}")
        elif key in ours and key not in theirs:
            said.append(f"`{key}`: {LIVEKIT} drops it, prepare sends it")
        elif ours[key] != theirs[key]:
            said.append(f"`{key}`: {LIVEKIT} sends {theirs[key]!r}, prepare sends {ours[key]!r}")
    return "; ".join(said) or f"given {given}: prepare {ours}, {LIVEKIT} {theirs}"


class Tally:
    """Disagreements by model and parameter (one line each, naming the cases), and which
    known differences some comparison needed."""

    def __init__(self) -> None:
        self.wrong: dict[tuple[str, str, str], list[str]] = {}
        self.used: set[str] = set()
        self.compared = 0

    def compare(
        self,
        model: str,
        parameter: str,
        case: str,
        given: dict[str, Any],
        ours: Prepared,
        theirs: dict[str, Any],
        scope: dict[str, set[str]],
    ) -> None:
        """Compares, first as is, then with the known differences undone (``scope``
        changes are always undone: they are not LiveKit's to make here)."""
        self.compared += 1
        ours_out = undo(given, ours, scope)
        if ours_out == theirs:
            return
        known = {p: set(KNOWN[p]["changes"]) | scope.get(p, set()) for p in KNOWN}
        undone = undo(given, ours, {**scope, **known})
        # Keys LiveKit drops where prepare deliberately sends them, and keys whose known
        # change leaves nothing to compare (`ignore`), are left out of the comparison.
        skipped = {
            p for p in KEPT if p in undone and p not in theirs
        } | {
            c.parameter
            for c in ours.changes
            if c.parameter in KNOWN and KNOWN[c.parameter].get("ignore") and c.reason in KNOWN[c.parameter]["changes"]
        }
        if {k: v for k, v in undone.items() if k not in skipped} == {
            k: v for k, v in theirs.items() if k not in skipped
        }:
            self.used.update(
                c.parameter for c in ours.changes if c.parameter in KNOWN and c.reason in KNOWN[c.parameter]["changes"]
            )
            self.used.update(f"kept:{p}" for p in skipped if p in KEPT)
            return
        key = (model, parameter, what_differs(given, ours_out, theirs, ours))
        self.wrong.setdefault(key, []).append(case)

    def lines(self) -> list[str]:
        return [
            f"`{model}` with `{parameter}` ({'; '.join(cases)}): {what}"
            for (model, parameter, what), cases in self.wrong.items()
        ]

    def stale(self) -> list[str]:
        return [
            f"`{p}`: the known difference with {LIVEKIT} (prepare's "
            f"{', '.join(KNOWN[p]['changes'])}) no longer shows in any comparison; remove it "
            "from upstream/python/differences.json"
            for p in KNOWN
            if p not in self.used
        ] + [
            f"`{p}`: {LIVEKIT} no longer drops it where prepare sends it; remove it from "
            "`livekit_drops` in upstream/python/differences.json"
            for p in KEPT
            if f"kept:{p}" not in self.used
        ]


def livekit_drop(model: str, params: dict[str, Any], has_tools: bool) -> dict[str, Any]:
    tools: list[Any] | None = [object()] if has_tools else None
    return lk.drop_unsupported_params(model, dict(params), tools=tools)


def given_for(parameter: str, effort: str | None, value: Any) -> dict[str, Any]:
    given: dict[str, Any] = {parameter: value}
    if effort is not None:
        given[EFFORT] = effort
    return given


def test_the_catalog_has_livekits_models() -> None:
    """The catalog's ids are LiveKit's model literals (``LLMModels``), so a LiveKit release
    with new models turns this red with the ids to add. Deliberate differences are data
    (``catalog_ids`` in ``differences.json``: ``extra`` ids the catalog has and LiveKit
    does not, ``missing`` ids LiveKit has and the catalog leaves out, each with a reason)."""
    known = upstream.differences().get("catalog_ids", {})
    extra = set(known.get("extra", {}))
    missing = set(known.get("missing", {}))
    ours = {m.id for m in models()}
    to_add = sorted(LIVEKIT_MODELS - ours - missing)
    not_livekits = sorted(ours - LIVEKIT_MODELS - extra)
    stale = sorted((extra & LIVEKIT_MODELS) | (missing & ours) | (extra - ours) | (missing - LIVEKIT_MODELS))
    assert not to_add, f"{LIVEKIT} has models the catalog lacks; add them to schema/models.yaml: {to_add}"
    assert not not_livekits, (
        f"the catalog has models {LIVEKIT} does not: {not_livekits}; if that is deliberate, "
        "list them under `catalog_ids.extra` in upstream/python/differences.json with a reason"
    )
    assert not stale, f"catalog_ids entries in upstream/python/differences.json no longer needed: {stale}"


def test_what_is_compared() -> None:
    """Says what the comparisons below cover; fails only if the spec and LiveKit share
    no model or no parameter (then nothing would be compared)."""
    print(
        f"\n{len(COMPARED_MODELS)} of {len(models())} catalog models are LiveKit's; "
        f"{len(SHARED)} shared parameters; {LIVEKIT}"
    )
    if not COMPARED_MODELS or not SHARED:
        pytest.skip("the spec and LiveKit share no model or no parameter: nothing to compare")


def test_every_shared_model_and_parameter_agrees_with_drop_unsupported_params() -> None:
    tally = Tally()
    for m in COMPARED_MODELS:
        for p in SHARED:
            if p == EFFORT:
                continue
            for effort, has_tools in variants():
                given = given_for(p, effort, 1)
                ours = prepare(m.id, given, has_tools=has_tools)
                theirs = livekit_drop(m.id, given, has_tools)
                scope = {p: OUTSIDE_DROP for p in PARAMETERS}
                tally.compare(m.id, p, describe(effort, has_tools), given, ours, theirs, scope)
    failures = tally.lines() + (tally.stale() if tally.compared else [])
    assert not failures, "\n" + "\n".join(failures)


def test_update_options_replaces_like_livekit() -> None:
    """The holder against LiveKit's own ``inference.LLM.update_options`` (building the LLM
    opens no connection)."""
    ids = sorted(LIVEKIT_MODELS)[:3]
    first, second = (SHARED + ["a", "b"])[:2]
    theirs = inference.LLM(ids[0], api_key="key", api_secret="s" * 32, extra_kwargs={first: 1})
    given: Any = {first: 1}  # parameters by name, not a typed literal
    ours = LlmOptions(ids[0], given)
    steps: list[dict[str, Any]] = [
        {"extra_kwargs": {second: 2}},
        {"model": ids[1]},
        {"extra_kwargs": {}},
        {"model": ids[2], "extra_kwargs": {first: 3, second: 4}},
        {},
    ]
    for step in steps:
        theirs.update_options(**step)
        ours.update_options(**step)
        assert ours.model == theirs.model, step
        assert dict(ours.extra_kwargs) == theirs._opts.extra_kwargs, step


# --- the whole request path -------------------------------------------------------------


@lk_llm.function_tool
async def lookup(city: str) -> str:
    """Looks a city up."""
    return city


class LiveKitWire:
    """The bodies LiveKit's own ``inference.LLM.chat`` sends, caught by a mock transport."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.llm: inference.LLM | None = None
        self.client = openai.AsyncOpenAI(
            api_key="key",
            base_url="http://livekit.invalid/v1",
            http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(self.handler)),
            max_retries=0,
        )

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        chunk = {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "delta": {"content": "ok"}, "finish_reason": "stop"}],
        }
        sse = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n"
        return httpx2.Response(200, content=sse.encode(), headers={"content-type": "text/event-stream"})

    async def send(self, model: str, options: dict[str, Any], has_tools: bool) -> dict[str, Any]:
        # One LLM for every request, switched with LiveKit's own update_options (building
        # one costs a TLS context).
        if self.llm is None:
            self.llm = inference.LLM(model, api_key="key", api_secret="s" * 32)
            self.llm._client = self.client
        llm = self.llm
        llm.update_options(model=model, extra_kwargs=options)
        ctx = lk_llm.ChatContext.empty()
        ctx.add_message(role="user", content="hi")
        before = len(self.bodies)
        async with llm.chat(chat_ctx=ctx, tools=[lookup] if has_tools else None) as stream:
            async for _ in stream:
                pass
        assert len(self.bodies) == before + 1
        # What the request carries besides the options.
        envelope = {"model", "messages", "stream", "stream_options", "tools"}
        return {k: v for k, v in self.bodies[-1].items() if k not in envelope}


def test_every_shared_model_agrees_with_livekits_whole_request_path() -> None:
    """What LiveKit puts on the wire (``chat()``: its ``tool_choice`` handling, then
    ``drop_unsupported_params``, then the no-tools rule) against ``prepare``, with every
    shared parameter set at once (a valid value of each, from the conformance vectors)."""
    samples = upstream.samples()
    request = {p: samples[p] for p in SHARED if p in samples and p != EFFORT}

    async def run() -> Tally:
        wire = LiveKitWire()
        tally = Tally()
        for m in COMPARED_MODELS:
            for effort, has_tools in variants():
                given = {**request, **({} if effort is None else {EFFORT: effort})}
                ours = prepare(m.id, given, has_tools=has_tools)
                theirs = await wire.send(m.id, given, has_tools)
                tally.compare(m.id, "every shared parameter", describe(effort, has_tools), given, ours, theirs, {})
        if wire.llm is not None:
            await wire.llm.aclose()
        return tally

    tally = asyncio.run(run())
    assert not tally.lines(), "\n" + "\n".join(tally.lines())
