// The engine's hand-written tests: the documented runtime behaviour, what JavaScript values
// add to JSON, the catalog rules of `prepare`, and the engine's fast path checked against
// its reporting path.
//
// They run on the package of the `full` fixture spec (`codegen/tests/fixtures/full/`:
// options type `ChatOptions`, the models `acme/think-1` ... `acme/tiny-1`), which they rely
// on: `cargo xtask test` copies this file into that package's `test/` (it is not part of any
// generated package) and runs it there, with the fixture's vectors beside it.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";

import { sortIssues, suggestIndexed, validateWithoutFastPath } from "../src/engine.js";
import {
  LlmOptions,
  PARAMETERS,
  findModel,
  models,
  plain,
  prepare,
  suggest,
  validate,
  validateFor,
  type ChatOptions,
  type Issue,
  type Prepared,
} from "../src/index.js";

/** Issues as plain objects with all four fields (`deepEqual` on the issues themselves would
 * not compare their messages, which are accessors). */
function fields(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ path: i.path, code: i.code, severity: i.severity, message: i.message }));
}

test("updateOptions replaces, never merges", () => {
  const llm = new LlmOptions("acme/chat-1", { temperature: 0.7, max_output_tokens: 1000 });
  llm.updateOptions({ modelOptions: { top_p: 0.5 } });
  assert.deepEqual(llm.modelOptions, { top_p: 0.5 });
  assert.equal(llm.model, "acme/chat-1");

  llm.updateOptions({ model: "other/chat-2" });
  assert.equal(llm.model, "other/chat-2");
  assert.deepEqual(llm.modelOptions, { top_p: 0.5 }, "options kept when not given");

  llm.updateOptions({ modelOptions: {} });
  assert.deepEqual(llm.modelOptions, {}, "{} clears");

  llm.updateOptions();
  assert.deepEqual(llm.modelOptions, {}, "nothing given, nothing changes");

  llm.updateOptions({ model: "acme/chat-1", modelOptions: { temperature: 0.7 } });
  assert.deepEqual(llm.request().options, { temperature: 0.7 });
});

test("the holder keeps its own copy of the options", () => {
  const mine: ChatOptions = { temperature: 0.7 };
  const llm = new LlmOptions("acme/chat-1", mine);
  mine.temperature = 1.5;
  assert.deepEqual(llm.modelOptions, { temperature: 0.7 });
});

test("the next request uses the new model's rules", () => {
  const llm = new LlmOptions("acme/chat-1", { temperature: 0.7 });
  assert.deepEqual(llm.request().options, { temperature: 0.7 });
  llm.updateOptions({ model: "acme/think-2" });
  const next = llm.request();
  assert.deepEqual(next.options, {});
  assert.deepEqual(
    next.changes.map((c) => [c.parameter, c.action, c.reason]),
    [["temperature", "removed", "unsupported_by_model"]],
  );
});

/** Compiles only when `A` and `B` are the same type (`tsc --strict` checks these tests). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(yes: Same<A, B>): void => assert.equal(yes, true);

test("the holder is typed with the options type", () => {
  const llm = new LlmOptions("acme/chat-1", { temperature: 0.7 });
  same<ReturnType<typeof llm.request>, Prepared<ChatOptions>>(true);
  // @ts-expect-error a misspelt key is not a parameter
  llm.updateOptions({ modelOptions: { temperatur: 0.7 } });
  assert.deepEqual(llm.modelOptions, { temperatur: 0.7 }, "not checked at run time");
});

test("prepare is typed by what it is given", () => {
  const typed: ChatOptions = { temperature: 0.7, max_output_tokens: 1000 };
  const prepared = prepare("acme/chat-1", typed);
  same<typeof prepared, Prepared<ChatOptions>>(true);
  const sent: ChatOptions = prepared.options;
  assert.deepEqual(sent, typed);
  assert.notEqual(sent, typed, "a new object");

  const raw: Record<string, unknown> = { temperature: 0.7, extra: [1] };
  const fromRaw = prepare("acme/chat-1", raw);
  same<typeof fromRaw, Prepared>(true);
  same<typeof fromRaw, Prepared<Record<string, unknown>>>(true);
  assert.equal(fromRaw.options["extra"], raw["extra"], "the caller's value");
  // A literal that is not a `ChatOptions` (a misspelt key) is raw options, not an error.
  const misspelt = prepare("acme/chat-1", { temperatur: 0.7 });
  same<typeof misspelt, Prepared>(true);
  // A value typed `any` counts as typed options.
  const fromJson = prepare("acme/chat-1", JSON.parse('{"temperature": 0.7}'));
  same<typeof fromJson, Prepared<ChatOptions>>(true);
  assert.deepEqual(fromJson.options, { temperature: 0.7 });
});

test("plain is the options as a plain object", () => {
  const typed: ChatOptions = { temperature: 0.7, stop: ["a"], top_p: undefined };
  const out = plain(typed);
  same<typeof out, Record<string, unknown>>(true);
  assert.deepEqual(out, { temperature: 0.7, stop: ["a"] }, "without the undefined values");
  assert.notEqual(out, typed, "a new object");
  assert.equal(out["stop"], typed.stop, "the caller's value");
  assert.deepEqual(plain(prepare("acme/chat-1", typed).options), { temperature: 0.7, stop: ["a"] });
});

test("models are found with or without their provider", () => {
  assert.equal(findModel("acme/think-1")?.id, "acme/think-1");
  assert.equal(findModel("think-1")?.id, "acme/think-1");
  assert.equal(findModel("azure/think-1")?.id, "acme/think-1");
  assert.equal(findModel("chat-2")?.id, "other/chat-2");
  assert.equal(findModel("think-1-2025-08-07"), undefined);
  assert.equal(findModel("acme/think"), undefined);
  assert.deepEqual(
    models().map((m) => m.id),
    ["acme/think-1", "acme/think-2", "acme/think-mini", "acme/chat-1", "other/chat-2", "acme/tiny-1", "acme/think-3"],
    "catalog order",
  );
  assert.ok(models().every((m) => findModel(m.id) === m));
});

test("each model carries its family's rules and its own", () => {
  const think2 = findModel("acme/think-2");
  assert.equal(think2?.family, "reasoner");
  assert.equal(think2?.reasoning, true);
  assert.deepEqual(think2?.rejects, ["temperature", "top_p", "top_k", "max_tokens", "logprobs", "top_logprobs", "penalty"]);
  assert.equal(think2?.minReasoningEffort, "low");
  // The family's effort-none allowances hold only for a model that goes down to `none`.
  assert.deepEqual(findModel("acme/think-1")?.allowedAtEffortOff, ["temperature", "top_p", "logprobs", "top_logprobs"]);
  assert.deepEqual(think2?.allowedAtEffortOff, []);
  assert.deepEqual(findModel("acme/think-mini")?.allowedAtEffortOff, []);
  assert.equal(think2?.rejectsEffortWithTools, true);
  assert.equal(findModel("acme/think-1")?.minReasoningEffort, "none");
  assert.equal(findModel("acme/think-mini")?.minReasoningEffort, null);
  assert.equal(findModel("acme/think-mini")?.rejectsEffortWithTools, false);
  assert.equal(findModel("acme/chat-1")?.reasoning, false);
  assert.deepEqual(findModel("acme/chat-1")?.rejects, []);
  assert.equal(findModel("other/chat-2")?.reasoning, true, "a model's own reasoning flag wins over its family's");
  assert.deepEqual(findModel("acme/tiny-1")?.rejects, ["bias", "tool_choice", "parallel_tools"], "in the spec's order");
});

test("typed options validate like raw ones", () => {
  const typed: ChatOptions = { temperature: 3, top_p: 0.5 };
  const issues = validate(typed);
  assert.deepEqual(
    issues.map((i) => i.code),
    ["out_of_range", "mutually_exclusive"],
  );
  assert.deepEqual(fields(issues), fields(validate(JSON.parse(JSON.stringify(typed)))));
});

test("unknown keys name the nearest parameter", () => {
  const issues = validate({ max_token: 5 });
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.path, "/max_token");
  assert.equal(issues[0]?.severity, "error");
  assert.match(issues[0]?.message ?? "", /did you mean `max_tokens`/);
});

test("deprecated user names both replacements", () => {
  const issues = validate({ user: "u-1" });
  assert.equal(issues[0]?.code, "deprecated");
  assert.equal(issues[0]?.severity, "warning");
  assert.match(issues[0]?.message ?? "", /`end_user` or `session_tag`/);
});

test("messages print numbers as the Rust engine does", () => {
  const message = (input: unknown) => validate(input)[0]?.message;
  assert.equal(message({ temperature: 2.01 }), "2.01 is outside the range 0 to 2");
  assert.equal(message({ temperature: 1e300 })?.length, "1".length + 300 + " is outside the range 0 to 2".length);
  assert.equal(message({ top_p: -1e-7 }), "-0.0000001 is outside the range 0 to 1");
  assert.equal(message({ top_k: 2.5 }), "expected an integer, got 2.5");
  assert.equal(message({ top_k: 1e-7 }), "expected an integer, got 1e-7");
  assert.equal(message({ top_k: 0.00001 }), "expected an integer, got 0.00001");
  assert.equal(message({ top_k: 0.000001 }), "expected an integer, got 1e-6");
  assert.equal(message({ top_k: 0.0001 }), "expected an integer, got 0.0001");
  assert.equal(message({ top_k: 101 }), "101 is outside the range 1 to 100");
  assert.equal(message({ top_logprobs: 1, logprobs: false }), "`top_logprobs` requires `logprobs: true`");
  assert.equal(message(["x"]), "options must be a JSON object, not an array");
});

test("issues serialize, print and copy with their message", () => {
  const issues = validate({ temperature: 3, bogus: 1 });
  const want: Issue[] = [
    { path: "/bogus", code: "unknown_parameter", severity: "error", message: "unknown parameter `bogus`" },
    { path: "/temperature", code: "out_of_range", severity: "error", message: "3 is outside the range 0 to 2" },
  ];
  assert.deepEqual(fields(issues), want);
  assert.equal(JSON.stringify(issues), JSON.stringify(want), "same JSON, same key order");
  assert.deepEqual(JSON.parse(JSON.stringify(issues)), want);
  assert.equal(inspect(issues[1]), inspect(want[1]), "console.log shows the message");
  const [first] = validate({ max_token: 5 });
  assert.ok(first !== undefined);
  const copy: Issue = { ...first, message: first.message };
  assert.equal(copy.message, "unknown parameter `max_token`; did you mean `max_tokens`?");
  assert.equal(first.message, copy.message, "read twice, same text");
  first.message = "changed";
  assert.equal(first.message, "changed", "the message is writable, as its type says");
  assert.equal(JSON.parse(JSON.stringify(first)).message, "changed");
});

test("undefined is absent, as JSON.stringify leaves it out", () => {
  assert.deepEqual(validate({ temperature: undefined, bogus: undefined }), []);
  assert.deepEqual(validate({ labels: { k: undefined } }), []);
  assert.deepEqual(validate({ format: { type: "text", schema_name: undefined } }), []);
  assert.deepEqual(
    validate({ format: { type: undefined } }).map((i) => `${i.path} ${i.code}`),
    ["/format/type invalid_type"],
    "a required field set to undefined is missing",
  );
  const out = prepare("acme/think-2", { temperature: undefined, max_tokens: 5 });
  assert.deepEqual(out.options, { max_output_tokens: 5 });
  assert.deepEqual(
    out.changes.map((c) => c.parameter),
    ["max_tokens"],
  );
});

test("values JSON cannot carry are of no JSON type", () => {
  for (const v of [Number.NaN, Infinity, -Infinity, 10n, () => 1, Symbol("x")]) {
    const issues = validate({ temperature: v, seed: v, stop: v });
    assert.deepEqual(
      issues.map((i) => `${i.path} ${i.code}`),
      ["/seed invalid_type", "/stop invalid_type", "/temperature invalid_type"],
      String(typeof v),
    );
  }
  assert.deepEqual(
    validate(undefined).map((i) => i.code),
    ["invalid_type"],
  );
  assert.deepEqual(
    validate({ stop: [undefined] }).map((i) => `${i.path} ${i.code}`),
    ["/stop/0 invalid_type"],
  );
});

test("a __proto__ key is a key like any other", () => {
  const input = JSON.parse('{"__proto__": 1, "temperature": 0.5}') as Record<string, unknown>;
  assert.deepEqual(
    validate(input).map((i) => `${i.path} ${i.code}`),
    ["/__proto__ unknown_parameter"],
  );
  const out = prepare("someone/unknown", input);
  assert.ok(Object.prototype.hasOwnProperty.call(out.options, "__proto__"));
  assert.equal(Object.getPrototypeOf(out.options), Object.prototype);
});

test("prepare leaves its input alone", () => {
  const input = { max_tokens: 100, temperature: 0.2, tool_choice: "auto" } as const;
  const copy = structuredClone(input);
  const out = prepare("acme/think-2", input, { hasTools: false });
  assert.deepEqual(input, copy);
  assert.deepEqual(out.options, { max_output_tokens: 100 });
  assert.equal(out.model, "acme/think-2");
  assert.throws(() => prepare("acme/think-2", null as unknown as object), TypeError);
});

/** What `prepare` did, as `parameter action reason [to]` lines. */
function changes(model: string, options: ChatOptions, hasTools = false): { options: Record<string, unknown>; changes: string[] } {
  const out = prepare(model, options, { hasTools });
  return {
    options: out.options,
    changes: out.changes.map((c) => [c.parameter, c.action, c.reason, ...(c.to === undefined ? [] : [c.to])].join(" ")),
  };
}

test("prepare: what a family rejects is removed, or moved where its deprecation says", () => {
  assert.deepEqual(changes("acme/think-mini", { temperature: 0.5, top_k: 5, penalty: 1, max_tokens: 10, seed: 1 }), {
    options: { max_output_tokens: 10, seed: 1 },
    changes: [
      "temperature removed unsupported_by_model",
      "top_k removed unsupported_by_model",
      "max_tokens moved unsupported_by_model max_output_tokens",
      "penalty removed unsupported_by_model",
    ],
  });
  assert.deepEqual(changes("acme/think-mini", { max_tokens: 10, max_output_tokens: 20 }), {
    options: { max_output_tokens: 20 },
    changes: ["max_tokens removed replacement_set"],
  });
  // A plain model takes them all, the deprecated ones too (validate warns about those).
  const all: ChatOptions = { temperature: 0.5, top_k: 5, max_tokens: 10, user: "u", penalty: 1 };
  assert.deepEqual(changes("acme/chat-1", all), { options: all, changes: [] });
  const message = prepare("acme/think-mini", { max_tokens: 10 }).changes[0]?.message;
  assert.equal(message, "`max_tokens` moved to `max_output_tokens`: acme/think-mini rejects `max_tokens`");
});

test("prepare: reasoning off takes back what the family allows at effort none", () => {
  const sampling: ChatOptions = { temperature: 0.5, logprobs: true, top_logprobs: 2, penalty: 1 };
  assert.deepEqual(changes("acme/think-1", { ...sampling, effort: "none" }), {
    options: { temperature: 0.5, logprobs: true, top_logprobs: 2, effort: "none" },
    changes: ["penalty removed unsupported_by_model"],
  });
  assert.deepEqual(changes("acme/think-1", { ...sampling, effort: "low" }).changes, [
    "temperature removed unsupported_by_model",
    "logprobs removed unsupported_by_model",
    "top_logprobs removed unsupported_by_model",
    "penalty removed unsupported_by_model",
  ]);
  assert.deepEqual(changes("acme/think-1", sampling).options, {}, "no effort is not effort none");
  assert.deepEqual(
    changes("acme/think-mini", { ...sampling, effort: "none" }).options,
    { effort: "none" },
    "a model without `min_reasoning_effort: none` has no allowances",
  );
});

test("prepare: reasoning-only parameters go for models that do not reason", () => {
  assert.deepEqual(changes("acme/chat-1", { effort: "low", seed: 1 }), {
    options: { seed: 1 },
    changes: ["effort removed not_reasoning_model"],
  });
  assert.deepEqual(changes("other/chat-2", { effort: "low" }), { options: { effort: "low" }, changes: [] });
  assert.equal(
    prepare("acme/chat-1", { effort: "low" }).changes[0]?.message,
    "`effort` removed: acme/chat-1 is not a reasoning model",
  );
});

test("prepare: tool parameters need tools, and some models take no tools", () => {
  const tools: ChatOptions = { tool_choice: { type: "function", name: "lookup" }, parallel_tools: true };
  assert.deepEqual(changes("acme/chat-1", tools), {
    options: {},
    changes: ["tool_choice removed no_tools", "parallel_tools removed no_tools"],
  });
  assert.deepEqual(changes("acme/chat-1", tools, true), { options: tools, changes: [] });
  assert.deepEqual(changes("acme/tiny-1", { ...tools, bias: { "42": 1 } }, true), {
    options: {},
    changes: [
      "bias removed unsupported_by_model",
      "tool_choice removed unsupported_by_model",
      "parallel_tools removed unsupported_by_model",
    ],
  });
});

test("prepare: a model may reject the effort when tools are present", () => {
  const options: ChatOptions = { effort: "high", tool_choice: "auto" };
  assert.deepEqual(changes("acme/think-2", options, true), {
    options: { tool_choice: "auto" },
    changes: ["effort removed effort_with_tools"],
  });
  assert.deepEqual(changes("acme/think-2", options, false).changes, [
    "tool_choice removed no_tools",
  ]);
  assert.deepEqual(changes("acme/think-1", options, true), { options, changes: [] });
});

test("prepare: an unknown model gets everything as it is", () => {
  const options: ChatOptions = { temperature: 0.5, effort: "low", tool_choice: "auto", max_tokens: 3 };
  assert.deepEqual(prepare("acme/other-9", options), { model: null, options, changes: [], warnings: [], matched: null });
});

test("PARAMETERS lists every parameter once", () => {
  assert.equal(new Set(PARAMETERS).size, PARAMETERS.length);
  const all = Object.fromEntries(PARAMETERS.map((p) => [p, null]));
  assert.deepEqual(validate(all), [], "null is not set");
});

test("suggestions follow the rule every language uses", () => {
  // The closest name within distance 2; ties go to the first.
  assert.equal(suggest("max_token", PARAMETERS), "max_tokens");
  assert.equal(suggest("temprature", PARAMETERS), "temperature");
  assert.equal(suggest("zzz", PARAMETERS), undefined);
  assert.equal(suggest("ab", ["xy", "ay", "ab"]), "ab");
  assert.equal(suggest("ab", ["ay", "xb"]), "ay", "a tie goes to the first name");
  assert.equal(suggest("", ["a", "abc"]), "a");
  assert.equal(suggest("🙂🙂x", ["🙂x"]), "🙂x", "code points, not UTF-16 units");
  const long = "a".repeat(40);
  assert.equal(suggest(long, ["a".repeat(43), "a".repeat(42)]), "a".repeat(42), "at most 2, however long the key");
  const many = Array.from({ length: 40 }, (_, i) => `parameter_${i}`);
  assert.equal(suggest("parameter_", many), "parameter_0", "a tie goes to the first, in a long list too");
  assert.equal(suggest("paramtr_1", many), "parameter_1");
  assert.equal(suggest("pramtr_1", many), undefined, "three edits are too many");
  // Deleting `x` would join the two lone surrogates into the key's pair: distance 3 still.
  const lone = [...many, "\uD800x\uDC00"];
  assert.equal(suggestIndexed("\uD800\uDC00", lone), undefined, "lone surrogates are code points");
  assert.equal(suggestIndexed("\uD800\uDC00x", lone), "\uD800x\uDC00");
  assert.equal(suggestIndexed("parameter_", many), "parameter_0");
  assert.equal(suggestIndexed("paramtr_1", many), "parameter_1");
  assert.equal(suggestIndexed("pramtr_1", many), undefined);
});

/** Levenshtein distance over code points, the plain way. */
function distance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let row = y.map((_, j) => j + 1);
  row.unshift(0);
  for (let i = 0; i < x.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < y.length; j++) {
      next.push(Math.min((row[j] as number) + (x[i] === y[j] ? 0 : 1), (row[j + 1] as number) + 1, (next[j] as number) + 1));
    }
    row = next;
  }
  return row[y.length] as number;
}

test("suggestions agree with the plain definition, in short and in indexed lists", () => {
  const random = rng(7);
  const alphabet = ["a", "b", "c", "_", "é", "🙂"];
  const pick = () => alphabet[Math.floor(random() * alphabet.length)] as string;
  const word = (max: number) => Array.from({ length: Math.floor(random() * max) }, pick).join("");
  /** A name with up to three code points changed, deleted or inserted. */
  const near = (name: string) => {
    const k = Array.from(name);
    for (let e = Math.floor(random() * 4); e > 0; e--) {
      const i = Math.floor(random() * (k.length + 1));
      const op = Math.floor(random() * 3);
      if (op === 0 && i < k.length) k[i] = pick();
      else if (op === 1 && i < k.length) k.splice(i, 1);
      else k.splice(i, 0, pick());
    }
    return k.join("");
  };
  let found = 0;
  let indexed = 0;
  for (let round = 0; round < 150; round++) {
    // Lists below and above the length that is indexed.
    const names = Array.from({ length: Math.floor(random() * 60) }, () => word(round % 10 === 0 ? 40 : 9));
    if (names.length >= 16) indexed++;
    for (let k = 0; k < 20; k++) {
      const base = names[Math.floor(random() * names.length)];
      const key = base !== undefined && random() < 0.75 ? near(base) : word(12);
      let want: string | undefined;
      let best = Infinity;
      for (const n of names) {
        const d = distance(key, n);
        if (d <= 2 && d < best) {
          want = n;
          best = d;
        }
      }
      if (want !== undefined) found++;
      assert.equal(suggest(key, names), want, JSON.stringify({ key, names }));
      assert.equal(suggestIndexed(key, names), want, JSON.stringify({ key, names }));
    }
  }
  assert.ok(found > 800, `only ${found} keys had a suggestion`);
  assert.ok(indexed > 70, `only ${indexed} lists were indexed`);
});

// The fast path (compiled checks) must give exactly what the reporting path gives.

const vectorDir =
  process.env["LLM_PARAMS_CONFORMANCE"] ??
  fileURLToPath(new URL("../../../conformance/", import.meta.url));

function vectorInputs(): unknown[] {
  const inputs: unknown[] = [];
  for (const f of readdirSync(vectorDir).filter((f) => f.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(join(vectorDir, f), "utf8")) as {
      validate?: { input: unknown }[];
      prepare?: { input: unknown }[];
    };
    for (const c of [...(doc.validate ?? []), ...(doc.prepare ?? [])]) inputs.push(c.input);
  }
  return inputs;
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("the fast path agrees with the reporting path", () => {
  const inputs = vectorInputs();
  // Every value any vector uses, under every key of its kind, mixed at random.
  const values: unknown[] = [];
  const walk = (v: unknown): void => {
    values.push(v);
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
  };
  inputs.forEach(walk);
  const keys = [...PARAMETERS, "bogus"];
  const random = rng(20261126);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  for (let i = 0; i < 20000; i++) {
    const input: Record<string, unknown> = {};
    const n = 1 + Math.floor(random() * 4);
    for (let j = 0; j < n; j++) input[pick(keys)] = pick(values);
    inputs.push(input);
  }
  let checked = 0;
  for (const input of inputs) {
    assert.deepEqual(fields(validate(input)), fields(validateWithoutFastPath(input)), JSON.stringify(input));
    checked++;
  }
  assert.ok(checked > 20000);
});

test("issues come sorted by path then code, whatever the keys", () => {
  // Keys that escape (`~`, `/`), that extend a parameter's name with characters before and
  // after `/`, and characters on both sides of U+03FE, U+E000 and the surrogates: the sort
  // must agree with the plain comparison (a stable sort of a sorted list changes nothing).
  const units = ["a", "b", "s", "t", "~", "/", "-", ".", " ", "0", "é", "Ж", "Я", "\uE000", "\uFFFF", "🙂", "\uD800", "\uDFFF"];
  const random = rng(99);
  const word = (): string =>
    Array.from({ length: Math.floor(random() * 5) }, () => units[Math.floor(random() * units.length)]).join("");
  const names = [...PARAMETERS, "stop-x", "stop.x", "stop_x", "stop/0", "top_p~", "seed ", "Яa", "Жb", "Яb", "Жa"];
  let checked = 0;
  for (let i = 0; i < 3000; i++) {
    const input: Record<string, unknown> = {};
    for (let j = 0; j < 1 + Math.floor(random() * 6); j++) {
      const r = random();
      if (r < 0.3) input[word()] = 1;
      else if (r < 0.45) input[names[Math.floor(random() * names.length)] as string] = "x";
      else if (r < 0.6) input[(names[Math.floor(random() * names.length)] as string) + word()] = 1;
      else if (r < 0.8) input["labels"] = { [word()]: 1, [word()]: "ok", [word()]: 2 };
      else input["bias"] = { [word()]: 1000, [word()]: 5, "12": 200 };
    }
    const issues = validate(input);
    assert.deepEqual(fields(sortIssues([...issues])), fields(issues), JSON.stringify(input));
    assert.deepEqual(fields(validateWithoutFastPath(input)), fields(issues), JSON.stringify(input));
    checked += issues.length;
  }
  assert.ok(checked > 5000, `only ${checked} issues`);
});

test("prepare: ids match exactly, then by name, then by the longest prefix", () => {
  assert.deepEqual(prepare("think-3", {}).matched, { by: "name", entry: "acme/think-3", pattern: null });
  const snapshot = prepare("acme/think-3-2026-01-01", { effort: "minimal" });
  assert.deepEqual(snapshot.matched, { by: "prefix", entry: "acme/think-3", pattern: "acme/think-3-20" });
  assert.deepEqual(snapshot.options, { effort: "low" });
  const family = prepare("azure/think-9", { temperature: 0.5, effort: "high" });
  assert.deepEqual(family.matched, { by: "prefix", entry: "reasoner", pattern: "think-" });
  assert.equal(family.model, "azure/think-9");
  assert.deepEqual(family.options, { effort: "high" });
  assert.equal(findModel("azure/think-9"), undefined);
});

test("prepare: efforts, tools, values, limits and caps of a model", () => {
  assert.deepEqual(prepare("acme/think-3", { effort: "medium" }).options, { effort: "high" });
  const tools = prepare("acme/think-3", { effort: "high", temperature: 0.5 }, { hasTools: true });
  assert.deepEqual(tools.options, { effort: "none", temperature: 0.5 });
  assert.deepEqual(
    tools.changes.map((c) => [c.parameter, c.action, c.reason]),
    [["effort", "set", "effort_with_tools"]],
  );
  const out = prepare("acme/think-3", { tier: "batch", temperature: 1.5, max_output_tokens: 10000, seed: 1 });
  assert.deepEqual(out.options, { temperature: 1, max_output_tokens: 4096 });
  assert.deepEqual(
    out.changes.map((c) => [c.parameter, c.action, c.reason]),
    [
      ["seed", "removed", "unsupported_by_model"],
      ["tier", "removed", "value_unsupported_by_model"],
      ["temperature", "clamped", "above_model_limit"],
      ["max_output_tokens", "clamped", "above_model_limit"],
    ],
  );
  assert.deepEqual(out.warnings, [
    {
      reason: "deprecated_model",
      message: "acme/think-3 is deprecated and shuts down on 2027-01-01; use acme/think-1 instead",
    },
  ]);
});

test("validateFor: validate, and what prepare would change, as issues", () => {
  const issues = validateFor("acme/think-3", { effort: "medium", tier: "batch", temperature: 3 });
  assert.deepEqual(
    issues.map((i) => [i.path, i.code, i.severity]),
    [
      ["", "deprecated", "warning"],
      ["/effort", "unsupported_value", "error"],
      ["/temperature", "out_of_range", "error"],
      ["/temperature", "unsupported_by_model", "error"],
      ["/tier", "unsupported_value", "error"],
    ],
  );
  assert.deepEqual(fields(validateFor("acme/other-9", { temperature: 3 })), fields(validate({ temperature: 3 })));
});

