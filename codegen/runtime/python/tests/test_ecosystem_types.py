"""The generated types against the real ecosystem: livekit-agents' ``inference.LLM``
(``extra_kwargs``) and openai's ``client.chat.completions.create``.

``mypy --strict`` checks this module (``cargo xtask test``); pytest runs it too, so the
same code also runs, against a mock transport where it would reach the network.

Every ``# type: ignore[code]`` below marks a genuine difference between the types, said
beside it and in ``COMPATIBILITY.md``. ``--strict`` includes ``warn_unused_ignores``: the
day a difference disappears, mypy fails on the ignore, so none can hide anything.

What the checks pin down, key by key (``PARAMETERS`` is every key; a test makes sure
each function below touches every one):

- our value types fit LiveKit's ``ChatCompletionOptions`` and openai's
  ``CompletionCreateParams``, except ``prediction``;
- LiveKit's value types fit ours once ``None`` is set aside, except ``prediction``;
- openai's fit ours once ``None`` is set aside, except ``prediction``, ``stop``,
  ``tool_choice`` and ``service_tier``.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2
import openai
from livekit.agents import inference
from livekit.agents.inference.llm import ChatCompletionOptions
from openai.types.chat.completion_create_params import CompletionCreateParamsNonStreaming

from llm_params import PARAMETERS, ModelOptions, prepare

LIVEKIT_KEY = "key"
LIVEKIT_SECRET = "s" * 32


def every_key() -> ModelOptions:
    """Every parameter set once (not valid together: ``temperature`` and ``top_p`` are
    exclusive; what matters here is the shape of each value)."""
    return {
        "temperature": 0.7,
        "top_p": 0.9,
        "max_tokens": 100,
        "max_completion_tokens": 1000,
        "reasoning_effort": "low",
        "frequency_penalty": 0.5,
        "presence_penalty": -0.5,
        "seed": 42,
        "stop": ["\n", "END"],
        "n": 2,
        "logprobs": True,
        "top_logprobs": 5,
        "logit_bias": {"50256": -100},
        "parallel_tool_calls": False,
        "tool_choice": {"type": "function", "function": {"name": "lookup"}},
        "user": "user-1",
        "service_tier": "flex",
        "metadata": {"team": "voice"},
        "store": False,
        "prediction": {"type": "content", "content": [{"type": "text", "text": "draft"}]},
        "modalities": ["text"],
        "web_search_options": {
            "search_context_size": "low",
            "user_location": {"type": "approximate", "approximate": {"city": "Paris"}},
        },
        "verbosity": "low",
        "prompt_cache_key": "cache-1",
        "safety_identifier": "hash-1",
        "prompt_cache_options": {"mode": "explicit", "ttl": "30m"},
        "prompt_cache_retention": "24h",
    }


# --- ours into theirs, key by key -------------------------------------------------------


def ours_into_livekit(o: ModelOptions) -> ChatCompletionOptions:
    lk: ChatCompletionOptions = {}
    lk["temperature"] = o["temperature"]
    lk["top_p"] = o["top_p"]
    lk["max_tokens"] = o["max_tokens"]
    lk["max_completion_tokens"] = o["max_completion_tokens"]
    lk["reasoning_effort"] = o["reasoning_effort"]
    lk["frequency_penalty"] = o["frequency_penalty"]
    lk["presence_penalty"] = o["presence_penalty"]
    lk["seed"] = o["seed"]
    lk["stop"] = o["stop"]
    lk["n"] = o["n"]
    lk["logprobs"] = o["logprobs"]
    lk["top_logprobs"] = o["top_logprobs"]
    lk["logit_bias"] = o["logit_bias"]
    lk["parallel_tool_calls"] = o["parallel_tool_calls"]
    lk["tool_choice"] = o["tool_choice"]
    lk["user"] = o["user"]
    lk["service_tier"] = o["service_tier"]
    lk["metadata"] = o["metadata"]
    lk["store"] = o["store"]
    # LiveKit types `prediction` with openai's ChatCompletionPredictionContentParam, whose
    # text parts (ChatCompletionContentPartTextParam) have an optional
    # `prompt_cache_breakpoint` key that the spec's PredictionTextPart does not declare: a
    # TypedDict fits another only if it declares every key of it (PEP 589). And `content`
    # is `Iterable[...]` there, `list[...]` here, which TypedDict values (invariant) do
    # not reconcile.
    lk["prediction"] = o["prediction"]  # type: ignore[typeddict-item]
    lk["modalities"] = o["modalities"]
    lk["web_search_options"] = o["web_search_options"]
    lk["verbosity"] = o["verbosity"]
    lk["prompt_cache_key"] = o["prompt_cache_key"]
    lk["safety_identifier"] = o["safety_identifier"]
    lk["prompt_cache_options"] = o["prompt_cache_options"]
    lk["prompt_cache_retention"] = o["prompt_cache_retention"]
    return lk


def ours_into_openai(o: ModelOptions) -> CompletionCreateParamsNonStreaming:
    p: CompletionCreateParamsNonStreaming = {"model": "gpt-5", "messages": []}
    p["temperature"] = o["temperature"]
    p["top_p"] = o["top_p"]
    p["max_tokens"] = o["max_tokens"]
    p["max_completion_tokens"] = o["max_completion_tokens"]
    p["reasoning_effort"] = o["reasoning_effort"]
    p["frequency_penalty"] = o["frequency_penalty"]
    p["presence_penalty"] = o["presence_penalty"]
    p["seed"] = o["seed"]
    p["stop"] = o["stop"]
    p["n"] = o["n"]
    p["logprobs"] = o["logprobs"]
    p["top_logprobs"] = o["top_logprobs"]
    p["logit_bias"] = o["logit_bias"]
    p["parallel_tool_calls"] = o["parallel_tool_calls"]
    p["tool_choice"] = o["tool_choice"]
    p["user"] = o["user"]
    p["service_tier"] = o["service_tier"]
    p["metadata"] = o["metadata"]
    p["store"] = o["store"]
    # The same ChatCompletionPredictionContentParam as LiveKit's (see ours_into_livekit).
    p["prediction"] = o["prediction"]  # type: ignore[typeddict-item]
    p["modalities"] = o["modalities"]
    p["web_search_options"] = o["web_search_options"]
    p["verbosity"] = o["verbosity"]
    p["prompt_cache_key"] = o["prompt_cache_key"]
    p["safety_identifier"] = o["safety_identifier"]
    p["prompt_cache_options"] = o["prompt_cache_options"]
    p["prompt_cache_retention"] = o["prompt_cache_retention"]
    return p


# --- theirs into ours, key by key -------------------------------------------------------
# Both type most keys `X | None`: the API reads null as "not set", and so does `validate`.
# ModelOptions leaves `None` out of its types (an absent key says "not set"), as the Rust
# and TypeScript types do; each value is therefore taken when it is not None.


def livekit_into_ours(lk: ChatCompletionOptions) -> ModelOptions:
    o: ModelOptions = {}
    if (temperature := lk.get("temperature")) is not None:
        o["temperature"] = temperature
    if (top_p := lk.get("top_p")) is not None:
        o["top_p"] = top_p
    if (max_tokens := lk.get("max_tokens")) is not None:
        o["max_tokens"] = max_tokens
    if (max_completion_tokens := lk.get("max_completion_tokens")) is not None:
        o["max_completion_tokens"] = max_completion_tokens
    if (reasoning_effort := lk.get("reasoning_effort")) is not None:
        o["reasoning_effort"] = reasoning_effort
    if (frequency_penalty := lk.get("frequency_penalty")) is not None:
        o["frequency_penalty"] = frequency_penalty
    if (presence_penalty := lk.get("presence_penalty")) is not None:
        o["presence_penalty"] = presence_penalty
    if (seed := lk.get("seed")) is not None:
        o["seed"] = seed
    if (stop := lk.get("stop")) is not None:
        o["stop"] = stop
    if (n := lk.get("n")) is not None:
        o["n"] = n
    if (logprobs := lk.get("logprobs")) is not None:
        o["logprobs"] = logprobs
    if (top_logprobs := lk.get("top_logprobs")) is not None:
        o["top_logprobs"] = top_logprobs
    if (logit_bias := lk.get("logit_bias")) is not None:
        o["logit_bias"] = logit_bias
    if (parallel_tool_calls := lk.get("parallel_tool_calls")) is not None:
        o["parallel_tool_calls"] = parallel_tool_calls
    if (tool_choice := lk.get("tool_choice")) is not None:
        o["tool_choice"] = tool_choice
    if (user := lk.get("user")) is not None:
        o["user"] = user
    if (service_tier := lk.get("service_tier")) is not None:
        o["service_tier"] = service_tier
    if (metadata := lk.get("metadata")) is not None:
        o["metadata"] = metadata
    if (store := lk.get("store")) is not None:
        o["store"] = store
    if (prediction := lk.get("prediction")) is not None:
        # openai's text parts may carry `prompt_cache_breakpoint`, which the spec does
        # not know (`validate` reports it as an unknown field); see ours_into_livekit.
        o["prediction"] = prediction  # type: ignore[typeddict-item]
    if (modalities := lk.get("modalities")) is not None:
        o["modalities"] = modalities
    if (web_search_options := lk.get("web_search_options")) is not None:
        o["web_search_options"] = web_search_options
    if (verbosity := lk.get("verbosity")) is not None:
        o["verbosity"] = verbosity
    if (prompt_cache_key := lk.get("prompt_cache_key")) is not None:
        o["prompt_cache_key"] = prompt_cache_key
    if (safety_identifier := lk.get("safety_identifier")) is not None:
        o["safety_identifier"] = safety_identifier
    if (prompt_cache_options := lk.get("prompt_cache_options")) is not None:
        o["prompt_cache_options"] = prompt_cache_options
    if (prompt_cache_retention := lk.get("prompt_cache_retention")) is not None:
        o["prompt_cache_retention"] = prompt_cache_retention
    return o


def openai_into_ours(p: CompletionCreateParamsNonStreaming) -> ModelOptions:
    o: ModelOptions = {}
    if (temperature := p.get("temperature")) is not None:
        o["temperature"] = temperature
    if (top_p := p.get("top_p")) is not None:
        o["top_p"] = top_p
    if (max_tokens := p.get("max_tokens")) is not None:
        o["max_tokens"] = max_tokens
    if (max_completion_tokens := p.get("max_completion_tokens")) is not None:
        o["max_completion_tokens"] = max_completion_tokens
    if (reasoning_effort := p.get("reasoning_effort")) is not None:
        o["reasoning_effort"] = reasoning_effort
    if (frequency_penalty := p.get("frequency_penalty")) is not None:
        o["frequency_penalty"] = frequency_penalty
    if (presence_penalty := p.get("presence_penalty")) is not None:
        o["presence_penalty"] = presence_penalty
    if (seed := p.get("seed")) is not None:
        o["seed"] = seed
    if (stop := p.get("stop")) is not None:
        # openai takes any `SequenceNotStr[str]` (a tuple, say); ours is `list[str]`,
        # what JSON gives back and what LiveKit types (`validate` takes tuples too).
        o["stop"] = stop  # type: ignore[typeddict-item]
    if (n := p.get("n")) is not None:
        o["n"] = n
    if (logprobs := p.get("logprobs")) is not None:
        o["logprobs"] = logprobs
    if (top_logprobs := p.get("top_logprobs")) is not None:
        o["top_logprobs"] = top_logprobs
    if (logit_bias := p.get("logit_bias")) is not None:
        o["logit_bias"] = logit_bias
    if (parallel_tool_calls := p.get("parallel_tool_calls")) is not None:
        o["parallel_tool_calls"] = parallel_tool_calls
    if (tool_choice := p.get("tool_choice")) is not None:
        # openai also has `allowed_tools` and custom-tool choices; LiveKit's ToolChoice
        # (a mode or a named function), which the spec follows, does not.
        o["tool_choice"] = tool_choice  # type: ignore[typeddict-item]
    if (user := p.get("user")) is not None:
        o["user"] = user
    if (service_tier := p.get("service_tier")) is not None:
        # openai-python 3.57.0 also has "fast" (served as "priority"); LiveKit's types do
        # not take it, so the spec leaves it out.
        o["service_tier"] = service_tier  # type: ignore[typeddict-item]
    if (metadata := p.get("metadata")) is not None:
        o["metadata"] = metadata
    if (store := p.get("store")) is not None:
        o["store"] = store
    if (prediction := p.get("prediction")) is not None:
        # See livekit_into_ours.
        o["prediction"] = prediction  # type: ignore[typeddict-item]
    if (modalities := p.get("modalities")) is not None:
        o["modalities"] = modalities
    if (web_search_options := p.get("web_search_options")) is not None:
        o["web_search_options"] = web_search_options
    if (verbosity := p.get("verbosity")) is not None:
        o["verbosity"] = verbosity
    if (prompt_cache_key := p.get("prompt_cache_key")) is not None:
        o["prompt_cache_key"] = prompt_cache_key
    if (safety_identifier := p.get("safety_identifier")) is not None:
        o["safety_identifier"] = safety_identifier
    if (prompt_cache_options := p.get("prompt_cache_options")) is not None:
        o["prompt_cache_options"] = prompt_cache_options
    if (prompt_cache_retention := p.get("prompt_cache_retention")) is not None:
        o["prompt_cache_retention"] = prompt_cache_retention
    return o


# --- the calls --------------------------------------------------------------------------


def livekit_llm(options: ModelOptions) -> inference.LLM:
    """ModelOptions where LiveKit takes ``extra_kwargs``."""
    # As a whole, ModelOptions is not a ChatCompletionOptions to a type checker: TypedDict
    # values are invariant (PEP 589), and LiveKit types 19 keys `X | None` where ours have
    # `X`, besides `prediction`. Key by key every other value fits (ours_into_livekit).
    inference.LLM(
        "openai/gpt-5",
        api_key=LIVEKIT_KEY,
        api_secret=LIVEKIT_SECRET,
        extra_kwargs=options,  # type: ignore[arg-type]
    )
    # What type-checks: a copy as a plain dict (`extra_kwargs` also takes
    # `dict[str, Any]`; LiveKit copies it with `dict(...)` itself), or what `prepare`
    # returns for the model.
    llm = inference.LLM(
        "openai/gpt-5", api_key=LIVEKIT_KEY, api_secret=LIVEKIT_SECRET, extra_kwargs=dict(options)
    )
    llm.update_options(extra_kwargs=prepare("openai/gpt-5", options).options)
    llm.update_options(extra_kwargs=dict(options))
    return llm


def openai_create(client: openai.OpenAI, options: ModelOptions) -> None:
    """ModelOptions unpacked into ``create``: mypy checks each key against its argument."""
    client.chat.completions.create(
        model="gpt-5",
        messages=[{"role": "user", "content": "hi"}],
        # `prediction` only (see ours_into_openai); ours_into_openai shows that every
        # other key fits, one per line, so nothing else hides behind this ignore.
        **options,  # type: ignore[arg-type]
    )
    prepared = prepare("openai/gpt-5", options)
    client.chat.completions.create(
        model="gpt-5", messages=[{"role": "user", "content": "hi"}], **prepared.options
    )


# --- at run time ------------------------------------------------------------------------


def test_every_key_is_checked_both_ways() -> None:
    keys = set(PARAMETERS)
    assert set(every_key()) == keys
    assert set(ours_into_livekit(every_key())) == keys
    assert set(ours_into_openai(every_key())) == keys | {"model", "messages"}
    assert set(livekit_into_ours(ours_into_livekit(every_key()))) == keys
    assert set(openai_into_ours(ours_into_openai(every_key()))) == keys


def test_the_keys_are_livekits_and_openais() -> None:
    livekit_keys = set(ChatCompletionOptions.__annotations__)
    openai_keys = set(CompletionCreateParamsNonStreaming.__annotations__)
    assert set(PARAMETERS) == livekit_keys
    assert set(PARAMETERS) <= openai_keys


def test_livekit_keeps_the_options_as_given() -> None:
    options = every_key()
    llm = livekit_llm(options)
    assert llm._opts.extra_kwargs == options
    assert llm._opts.extra_kwargs is not options


def test_openai_sends_exactly_the_options() -> None:
    """``create(**options)`` puts every key on the wire as it is."""
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
    options = every_key()
    openai_create(client, options)
    sent = {k: v for k, v in bodies[0].items() if k not in ("model", "messages")}
    assert sent == json.loads(json.dumps(options))
    prepared = prepare("openai/gpt-5", options).options
    assert {k: v for k, v in bodies[1].items() if k not in ("model", "messages")} == prepared

