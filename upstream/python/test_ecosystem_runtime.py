"""The options through the real packages at run time, the two ways ``COMPATIBILITY.md``
documents: unpacked into openai's ``client.chat.completions.create`` (through a mock
transport), and given to LiveKit's ``inference.LLM(extra_kwargs=...)``.

The options hold a valid value of every parameter the spec shares with the upstream
packages (not the ``extension: true`` ones) and openai takes, taken from the conformance
vectors; the types are compared by ``check_types.py``. These functions are type-checked too (``mypy
--strict``), so the documented calls type-check as written.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import openai
from livekit.agents import inference
from openai.types.chat.completion_create_params import CompletionCreateParamsNonStreaming

import upstream
from llm_params import models, plain, prepare

OPENAI = upstream.package(upstream.OPENAI)
LIVEKIT = upstream.package(upstream.LIVEKIT)


OPENAI_KEYS = CompletionCreateParamsNonStreaming.__optional_keys__


def shared_options() -> dict[str, Any]:
    """A valid value of every shared parameter that openai's ``create`` takes (a shared
    parameter it does not take is ``check_types.py``'s one-line failure, not a
    ``TypeError`` here)."""
    samples = upstream.samples()
    shared = [p for p in upstream.shared_parameters() if p in OPENAI_KEYS]
    missing = [p for p in shared if p not in samples]
    assert not missing, f"no valid value in the conformance vectors for {missing}"
    return {p: samples[p] for p in shared}


def any_model() -> str:
    """A model of the catalog (prepare changes nothing for an unknown one)."""
    return models()[0].id if models() else "provider/unknown-model"


def livekit_llm(options: dict[str, Any]) -> inference.LLM:
    """What type-checks (``check_types.py`` checks it with the options type): typed options
    through ``plain`` (a ``dict[str, Any]``, which ``extra_kwargs`` takes), raw options as
    they are or as ``prepare`` returns them, or a copy as a plain dict."""
    typed: Any = options  # of the spec's options type, which this test does not name
    llm = inference.LLM(any_model(), api_key="key", api_secret="s" * 32, extra_kwargs=plain(typed))
    llm.update_options(extra_kwargs=prepare(any_model(), options).options)
    llm.update_options(extra_kwargs=plain(prepare(any_model(), typed).options))
    llm.update_options(extra_kwargs=dict(options))
    return llm


def test_livekit_keeps_the_options_as_given() -> None:
    options = shared_options()
    llm = livekit_llm(options)
    assert llm._opts.extra_kwargs == options, f"{LIVEKIT} changed the options"
    assert llm._opts.extra_kwargs is not options


def test_openai_sends_exactly_the_options() -> None:
    """``create(**options)`` puts every key on the wire as it is; so does
    ``create(**prepare(...).options)``."""
    bodies: list[dict[str, Any]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        bodies.append(json.loads(request.content))
        return httpx2.Response(
            200,
            json={
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": "gpt-5",
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": "hi"},
                    }
                ],
            },
        )

    client = openai.OpenAI(
        api_key="key",
        base_url="http://openai.invalid/v1",
        http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
        max_retries=0,
    )
    options = shared_options()
    client.chat.completions.create(
        model="gpt-5", messages=[{"role": "user", "content": "hi"}], **options
    )
    prepared = prepare(any_model(), options).options
    client.chat.completions.create(
        model="gpt-5", messages=[{"role": "user", "content": "hi"}], **prepared
    )

    def sent(body: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in body.items() if k not in ("model", "messages")}

    wrong = [
        f"`{k}`: {OPENAI} sends {sent(bodies[0]).get(k)!r}, the options say {v!r}"
        for k, v in json.loads(json.dumps(options)).items()
        if sent(bodies[0]).get(k) != v
    ]
    extra = sorted(set(sent(bodies[0])) - set(options))
    assert not wrong and not extra, "\n" + "\n".join(wrong + [f"{OPENAI} also sends {extra}"])
    assert sent(bodies[1]) == json.loads(json.dumps(prepared))
