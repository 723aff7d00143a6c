"""``prepare`` against LiveKit's own code, model by model and parameter by parameter.

The Rust suite compares with a transcription of ``drop_unsupported_params``
(``crates/llm-params-tests/tests/livekit_parity.rs``); here the real function runs, from
the pinned livekit-agents (``livekit/agents/inference/llm.py``). Every catalog model,
every parameter LiveKit strips for some model (read from LiveKit's own table), with and
without tools, at effort ``high`` and ``none``.

Deliberate differences (``docs/prepare.md``): ``max_tokens`` moves to
``max_completion_tokens`` for OpenAI reasoning models (LiveKit sends it and the API
rejects it), and ``reasoning_effort`` is removed for non-reasoning models (LiveKit sends
it). Both are asserted below, not skipped.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx2
import openai
from livekit.agents import inference
from livekit.agents import llm as lk_llm
from livekit.agents.inference import llm as lk

from llm_params import LlmOptions, Prepared, models, prepare

# Every parameter LiveKit strips for some model prefix: its own table, not a copy.
STRIPPED: list[str] = sorted({p for params in lk._UNSUPPORTED_PARAMS.values() for p in params})


def livekit(model: str, params: dict[str, Any], has_tools: bool) -> dict[str, Any]:
    tools: list[Any] | None = [object()] if has_tools else None
    return lk.drop_unsupported_params(model, dict(params), tools=tools)


def test_livekit_strips_what_we_know_of() -> None:
    assert len(STRIPPED) >= 9, STRIPPED
    assert "temperature" in STRIPPED and "stop" in STRIPPED


def test_every_model_and_stripped_parameter_agrees_with_livekit() -> None:
    checked = 0
    wrong: list[str] = []
    for m in models():
        for effort in ("high", "none"):
            for has_tools in (False, True):
                for p in STRIPPED:
                    given = {p: 1, "reasoning_effort": effort}
                    ours = prepare(m.id, given, has_tools=has_tools)
                    theirs = livekit(m.id, given, has_tools)
                    ours_out = dict(ours.options)
                    if not m.reasoning:
                        # Deliberate difference: we also remove the effort for
                        # non-reasoning models.
                        assert any(
                            c.parameter == "reasoning_effort" and c.action == "removed"
                            for c in ours.changes
                        ), m.id
                        ours_out["reasoning_effort"] = effort
                    if ours_out != theirs:
                        wrong.append(
                            f"{m.id} with {p}, effort {effort}, tools {has_tools}: "
                            f"ours {ours_out}, LiveKit {theirs}"
                        )
                    checked += 1
    assert not wrong, "\n".join(wrong)
    assert checked > 1000, checked


def test_max_tokens_moves_where_livekit_would_send_it_to_a_rejecting_model() -> None:
    rejecting = [m for m in models() if "max_tokens" in m.rejects]
    assert rejecting
    for m in rejecting:
        ours = prepare(m.id, {"max_tokens": 64})
        assert ours.options == {"max_completion_tokens": 64}, m.id
        assert livekit(m.id, {"max_tokens": 64}, False) == {"max_tokens": 64}


def test_update_options_replaces_like_livekit() -> None:
    """The holder against LiveKit's own ``inference.LLM.update_options`` (building the LLM
    opens no connection)."""
    theirs = inference.LLM(
        "openai/gpt-4o", api_key="key", api_secret="s" * 32, extra_kwargs={"temperature": 0.7}
    )
    ours = LlmOptions("openai/gpt-4o", {"temperature": 0.7})
    steps: list[dict[str, Any]] = [
        {"extra_kwargs": {"top_p": 0.5}},
        {"model": "openai/gpt-5"},
        {"extra_kwargs": {}},
        {"model": "openai/gpt-4.1", "extra_kwargs": {"seed": 1, "n": 2}},
        {},
    ]
    for step in steps:
        theirs.update_options(**step)
        ours.update_options(**step)
        assert ours.model == theirs.model, step
        assert dict(ours.extra_kwargs) == theirs._opts.extra_kwargs, step


# --- the whole request path -------------------------------------------------------------

# A value for every parameter LiveKit strips, and for the ones we also move or remove.
REQUEST: dict[str, Any] = {
    "temperature": 0.5,
    "top_p": 0.9,
    "presence_penalty": 0.1,
    "frequency_penalty": 0.1,
    "logit_bias": {"50256": -100},
    "logprobs": True,
    "top_logprobs": 2,
    "n": 2,
    "stop": ["END"],
    "max_tokens": 64,
    "seed": 7,
    "tool_choice": "required",
}


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


def as_livekit_would(given: dict[str, Any], ours: Prepared) -> dict[str, Any]:
    """Our result with the deliberate differences undone: what we move or remove and
    LiveKit sends (``max_tokens``, ``reasoning_effort`` for non-reasoning models)."""
    out = dict(ours.options)
    for c in ours.changes:
        if c.action == "moved" and c.to is not None:
            if c.to not in given:
                del out[c.to]
            out[c.parameter] = given[c.parameter]
        elif c.reason in ("replacement_set", "not_reasoning_model"):
            out[c.parameter] = given[c.parameter]
    return out


def test_every_model_agrees_with_livekits_whole_request_path() -> None:
    """What LiveKit puts on the wire (``chat()``: its ``tool_choice`` handling, then
    ``drop_unsupported_params``, then the no-tools rule) against ``prepare``."""

    async def run() -> list[str]:
        wire = LiveKitWire()
        wrong: list[str] = []
        for m in models():
            for effort in ("high", "none"):
                for has_tools in (False, True):
                    given = {**REQUEST, "reasoning_effort": effort}
                    ours = prepare(m.id, given, has_tools=has_tools)
                    expected = as_livekit_would(given, ours)
                    theirs = await wire.send(m.id, given, has_tools)
                    if theirs != expected:
                        wrong.append(
                            f"{m.id}, effort {effort}, tools {has_tools}:\n"
                            f"  ours (as LiveKit would) {expected}\n  LiveKit {theirs}"
                        )
        if wire.llm is not None:
            await wire.llm.aclose()
        return wrong

    wrong = asyncio.run(run())
    assert not wrong, "\n".join(wrong)
