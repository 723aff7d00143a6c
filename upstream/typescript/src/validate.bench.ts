// `npm run bench` (in `upstream/typescript`): `validate` of the package in
// `generated/typescript` (built: `cargo xtask test --only typescript` builds it) against an
// ajv-compiled validator (ajv's draft 2020-12 build) of the package's JSON Schema of the
// options (`json-schema/model-options.schema.json`, generated from the same spec), on the
// same inputs, which are written for this repository's spec. Not part of `cargo xtask test`
// (it only type-checks this file): timings depend on the machine. `BENCH_SCHEMA=path`
// benchmarks against another schema file, `BENCH_MS=n` sets the time spent per input and
// validator (default 300).
//
// Both validators get the same parsed JSON objects. The verdicts are checked first, so the
// figures compare validators that agree. Ours always collects every issue, so the fair
// comparison is ajv with `allErrors: true`; ajv stopping at its first error is shown too.
// Our issues write their message when it is first read (ajv's messages are constant
// strings): the table times `validate` alone, and the line after it the six-issue input
// with every message read as well.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { Ajv2020 } from "ajv/dist/2020.js";
import { z } from "zod";

import { validate } from "../../../generated/typescript/dist/src/index.js";

const schemaPath =
  process.env["BENCH_SCHEMA"] ??
  fileURLToPath(new URL("../../../generated/typescript/json-schema/model-options.schema.json", import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;

const ajvAll = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);
const ajvFirst = new Ajv2020({ allErrors: false, allowUnionTypes: true }).compile(schema);
// zod 4, built from the same schema by `z.fromJSONSchema` (what a zod user gets without
// writing the schema twice). zod has no JSON Schema `not`, which the schema uses for the
// rules between parameters (`allOf`): those are left out, so zod does less work than ours.
const { allOf: _rules, ...perValue } = schema as { allOf?: unknown } & Record<string, unknown>;
const zodSchema = z.fromJSONSchema(perValue as Parameters<typeof z.fromJSONSchema>[0]);

/** Inputs as they arrive: parsed from JSON text. */
const inputs: { name: string; valid: boolean; value: unknown }[] = [
  {
    name: "valid, small (the reference's example)",
    valid: true,
    value: { temperature: 0.7, max_completion_tokens: 1000 },
  },
  {
    name: "valid, rich (23 parameters, nested objects, lists, maps)",
    valid: true,
    value: {
      temperature: 0.7,
      max_completion_tokens: 1000,
      reasoning_effort: "low",
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
      seed: 42,
      stop: ["\n\n", "END"],
      n: 1,
      logprobs: true,
      top_logprobs: 5,
      logit_bias: { "50256": -100, "1234": 5 },
      parallel_tool_calls: true,
      tool_choice: { type: "function", function: { name: "get_weather" } },
      service_tier: "auto",
      metadata: { user: "u-1", session: "s-1", "tenant 🙂": "acme" },
      store: false,
      prediction: { type: "content", content: [{ type: "text", text: "Hello, world" }] },
      modalities: ["text"],
      web_search_options: {
        search_context_size: "medium",
        user_location: { type: "approximate", approximate: { city: "Paris", country: "FR" } },
      },
      verbosity: "low",
      prompt_cache_key: "conversation-42",
      safety_identifier: "5f4dcc3b5aa765d61d8327deb882cf99",
      prompt_cache_options: { mode: "implicit", ttl: "30m" },
    },
  },
  {
    name: "invalid, one issue (temperature out of range)",
    valid: false,
    value: { temperature: 3, max_completion_tokens: 1000 },
  },
  {
    name: "invalid, six issues",
    valid: false,
    value: {
      temperature: 3,
      top_p: 0.5,
      max_completion_tokens: 0,
      stop: ["a", "b", "c", "d", "e"],
      reasoning_effort: "extreme",
      bogus: 1,
    },
  },
].map((c) => ({ ...c, value: JSON.parse(JSON.stringify(c.value)) as unknown }));

for (const c of inputs) {
  const ours = validate(c.value).filter((i) => i.severity === "error").length === 0;
  if (ours !== c.valid || ajvAll(c.value) !== c.valid || ajvFirst(c.value) !== c.valid || zodSchema.safeParse(c.value).success !== c.valid) {
    throw new Error(`the validators disagree on "${c.name}": ${JSON.stringify(validate(c.value))} / ${JSON.stringify(ajvAll.errors)}`);
  }
}

let sink = 0;

// One loop per validator, so that each call site sees one function (as in an application).
function loopOurs(v: unknown, n: number): void {
  let s = 0;
  for (let i = 0; i < n; i++) s += validate(v).length;
  sink += s;
}
function loopAjvAll(v: unknown, n: number): void {
  let s = 0;
  for (let i = 0; i < n; i++) s += ajvAll(v) ? 0 : 1;
  sink += s;
}
function loopAjvFirst(v: unknown, n: number): void {
  let s = 0;
  for (let i = 0; i < n; i++) s += ajvFirst(v) ? 0 : 1;
  sink += s;
}
function loopZod(v: unknown, n: number): void {
  let s = 0;
  for (let i = 0; i < n; i++) s += zodSchema.safeParse(v).success ? 0 : 1;
  sink += s;
}
function loopOursMessages(v: unknown, n: number): void {
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (const issue of validate(v)) s += issue.message.length;
  }
  sink += s;
}
type Candidate = { name: string; loop: (v: unknown, n: number) => void };
const candidates: Candidate[] = [
  { name: "llm-params validate", loop: loopOurs },
  { name: "ajv, allErrors: true", loop: loopAjvAll },
  { name: "ajv, allErrors: false", loop: loopAjvFirst },
  { name: "zod 4 safeParse", loop: loopZod },
];

const budget = Number(process.env["BENCH_MS"] ?? 300);
const rounds = 9;

/** Nanoseconds per call of each validator on one input: calls per round sized to the time
 * budget, rounds of the validators interleaved (so that a busy machine slows all of them
 * alike), the median round of each. */
function measure(value: unknown, of: Candidate[] = candidates): number[] {
  const calibrate = (loop: (v: unknown, n: number) => void): number => {
    let n = 1000;
    for (;;) {
      const start = process.hrtime.bigint();
      loop(value, n);
      const ns = Number(process.hrtime.bigint() - start);
      if (ns > 20e6 || n > 1e8) return Math.max(1000, Math.round((n * budget * 1e6) / rounds / ns));
      n *= 4;
    }
  };
  const counts = of.map((c) => calibrate(c.loop));
  const times: number[][] = of.map(() => []);
  for (let r = 0; r < rounds; r++) {
    of.forEach((c, i) => {
      const n = counts[i] as number;
      const start = process.hrtime.bigint();
      c.loop(value, n);
      (times[i] as number[]).push(Number(process.hrtime.bigint() - start) / n);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)] as number);
}

console.log(`schema: ${schemaPath}`);
console.log(`node ${process.version}; per input and validator: median of ${rounds} interleaved rounds (~${budget} ms each validator)\n`);
const rows: string[][] = [["input", ...candidates.map((c) => `${c.name} (ns)`), "ours / ajv all", "ours / ajv first", "ours / zod"]];
for (const c of inputs) {
  const [ours = NaN, all = NaN, first = NaN, zod = NaN] = measure(c.value);
  rows.push([c.name, ours.toFixed(0), all.toFixed(0), first.toFixed(0), zod.toFixed(0), (ours / all).toFixed(2), (ours / first).toFixed(2), (ours / zod).toFixed(2)]);
}
const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
for (const r of rows) {
  console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join("  "));
}
const six = inputs[inputs.length - 1] as (typeof inputs)[number];
const [read = NaN, all = NaN] = measure(six.value, [
  { name: "llm-params validate, every message read", loop: loopOursMessages },
  { name: "ajv, allErrors: true", loop: loopAjvAll },
]);
console.log(`\n${six.name}, every message read: ${read.toFixed(0)} ns (ajv, allErrors: true: ${all.toFixed(0)} ns; ratio ${(read / all).toFixed(2)})`);
console.log(`\nratio < 1: ours is faster${sink < 0 ? "." : ""}`);
