// The options type against the real ecosystem, at the type level: compiling this file with
// `tsc --strict` is the test (ECOSYSTEM.md says the same in prose). Only types are imported,
// so nothing of `@livekit/agents` or `openai` is loaded when the compiled file runs.
//
// Each `Expect<...>` fails to compile unless its statement holds; each `@ts-expect-error`
// fails to compile unless the line below it is an error. The differences are listed by
// name, so a new one (or one that goes away) fails the build until this file and
// ECOSYSTEM.md are updated.

import assert from "node:assert/strict";
import { test } from "node:test";

import type { inference } from "@livekit/agents";
import type OpenAI from "openai";

import type { LlmOptions, ModelOptions, Prepared, ReasoningEffort } from "../src/index.js";

// ---------------------------------------------------------------------------------------
// Type-level assertions

type Expect<T extends true> = T;
/** Exactly the same type (not only mutually assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Each assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The declared keys of a type, without its index signature. */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
/** Keys of both types whose values (absent and `null` aside) are not the same type. */
type Differing<A, B> = {
  [K in keyof A & KnownKeys<B>]-?: Same<NonNullable<A[K]>, NonNullable<B[K & keyof B]>> extends true ? never : K;
}[keyof A & KnownKeys<B>];

// ---------------------------------------------------------------------------------------
// @livekit/agents 1.9.0: `inference.LLM`'s `modelOptions`

/** What `new inference.LLM({ modelOptions })` takes. */
type LiveKitOptions = NonNullable<ConstructorParameters<typeof inference.LLM>[0]["modelOptions"]>;
/** What `llm.updateOptions({ modelOptions })` takes. */
type LiveKitUpdate = NonNullable<Parameters<inference.LLM["updateOptions"]>[0]["modelOptions"]>;

type _LiveKitNames = [
  Expect<Equal<LiveKitOptions, inference.ChatCompletionOptions>>,
  Expect<Equal<LiveKitUpdate, inference.ChatCompletionOptions>>,
  // LiveKit types every parameter of the spec but one, and one that the spec leaves out.
  Expect<Equal<Exclude<keyof ModelOptions, KnownKeys<LiveKitOptions>>, "prompt_cache_options">>,
  Expect<Equal<Exclude<KnownKeys<LiveKitOptions>, keyof ModelOptions>, "response_format">>,
  // Of the shared parameters, two have different types ...
  Expect<Equal<Differing<ModelOptions, LiveKitOptions>, "reasoning_effort" | "tool_choice">>,
  // ... reasoning_effort: the spec has two values that LiveKit's type lacks,
  Expect<Equal<Exclude<ReasoningEffort, NonNullable<LiveKitOptions["reasoning_effort"]>>, "xhigh" | "max">>,
  Expect<Equal<Exclude<NonNullable<LiveKitOptions["reasoning_effort"]>, ReasoningEffort>, never>>,
  // ... tool_choice: LiveKit takes all of openai's tool choices, the spec a subset of them.
  Expect<Same<LiveKitOptions["tool_choice"], OpenAI.Chat.Completions.ChatCompletionCreateParams["tool_choice"]>>,
  Expect<Same<ModelOptions["tool_choice"] | LiveKitOptions["tool_choice"], LiveKitOptions["tool_choice"]>>,
];

/** Everything but `reasoning_effort` is accepted by LiveKit as it is, including
 * `prompt_cache_options`, which LiveKit's index signature (`Record<string, unknown>`)
 * passes through untyped. */
export function toLiveKit(options: Omit<ModelOptions, "reasoning_effort">): LiveKitOptions {
  const forUpdate: LiveKitUpdate = options;
  return forUpdate;
}

/** The whole options type is not: `reasoning_effort` may be `xhigh` or `max`. */
export function wholeToLiveKit(options: ModelOptions): LiveKitOptions {
  // @ts-expect-error reasoning_effort: "xhigh" | "max" are not in LiveKit's type
  const lk: LiveKitOptions = options;
  return lk;
}

/** Every other effort is. */
export function effortToLiveKit(options: ModelOptions & { reasoning_effort?: Exclude<ReasoningEffort, "xhigh" | "max"> }): LiveKitOptions {
  return options;
}

/** `prompt_cache_options` passes, but untyped: LiveKit accepts any value under that key. */
export function untypedInLiveKit(): LiveKitOptions {
  return { prompt_cache_options: "not an object" };
}

/** What `prepare` returns goes to LiveKit as it is. */
export function preparedToLiveKit(prepared: Prepared): LiveKitOptions {
  return prepared.options;
}

/** `updateOptions` has the same shape and the same rule (replace, never merge). */
export function sameUpdate(ours: LlmOptions, theirs: inference.LLM, options: Omit<ModelOptions, "reasoning_effort">): void {
  ours.updateOptions({ model: "openai/gpt-5", modelOptions: options });
  theirs.updateOptions({ model: "openai/gpt-5", modelOptions: options });
  ours.updateOptions({ modelOptions: {} });
  theirs.updateOptions({ modelOptions: {} });
}

// ---------------------------------------------------------------------------------------
// openai 6.49.0: `ChatCompletionCreateParams`

type OpenAIParams = OpenAI.Chat.Completions.ChatCompletionCreateParams;

type _OpenAINames = [
  // openai types every parameter of the spec ...
  Expect<Equal<Exclude<keyof ModelOptions, keyof OpenAIParams>, never>>,
  // ... and each the same, absent and `null` aside, but tool_choice: the spec's is a subset.
  Expect<Equal<Differing<ModelOptions, OpenAIParams>, "tool_choice">>,
  Expect<Same<ModelOptions["tool_choice"] | OpenAIParams["tool_choice"], OpenAIParams["tool_choice"]>>,
  // The spec's tool choice is openai's without `allowed_tools` and custom tools.
  Expect<
    Same<
      NonNullable<ModelOptions["tool_choice"]>,
      Exclude<
        NonNullable<OpenAIParams["tool_choice"]>,
        OpenAI.Chat.Completions.ChatCompletionAllowedToolChoice | OpenAI.Chat.Completions.ChatCompletionNamedToolChoiceCustom
      >
    >
  >,
];

/** The options fit openai's request parameters as they are. */
export function toOpenAI(options: ModelOptions): Pick<OpenAIParams, keyof ModelOptions> {
  return options;
}

/** openai's `null`s ("explicitly not set") are not in the options type: omit the key. */
export function nullInOpenAI(): Pick<OpenAIParams, "temperature"> {
  const theirs: Pick<OpenAIParams, "temperature"> = { temperature: null };
  // @ts-expect-error the options type has no `null` (validate() accepts it as not set)
  const ours: ModelOptions = theirs;
  return ours;
}

/** Misspelled keys are errors in an options literal, as they are for openai's. */
export function misspelled(): ModelOptions {
  // @ts-expect-error `max_token` is not a parameter
  return { max_token: 5 };
}

test("the ecosystem type test compiled (tsc --strict is the check)", () => {
  assert.equal(typeof toLiveKit, "function");
});
