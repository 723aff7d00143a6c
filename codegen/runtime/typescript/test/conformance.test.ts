// Runs every file of `generated/conformance/` against this package, with the same
// comparison as the Rust runner (`crates/llm-params-tests/tests/suite/body.rs`); the
// format is in `docs/conformance.md`. The files are read beside the package
// (`../conformance`), or from `LLM_PARAMS_CONFORMANCE` when it is set.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { prepare, validate, validateFor, type Issue } from "../src/index.js";

/** The compiled test runs from `dist/test/`: the vectors are at `../../../conformance`. */
const dir =
  process.env["LLM_PARAMS_CONFORMANCE"] ??
  fileURLToPath(new URL("../../../conformance/", import.meta.url));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface ValidateCase {
  name: string;
  input: Json;
  issues: Json[];
  message_contains?: string;
}

interface PrepareCase {
  name: string;
  model: string;
  has_tools?: boolean;
  input: { [key: string]: Json };
  expected_model: string | null;
  output: Json;
  changes: Json[];
  warnings?: Json[];
  matched?: Json;
}

interface VectorFile {
  validate?: ValidateCase[];
  prepare?: PrepareCase[];
  reason_issues?: { [reason: string]: { code: string; severity: string } };
}

/** `/key` with the JSON Pointer escapes. */
function pointer(key: string): string {
  return "/" + key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** JSON equality; object key order does not matter (as serde_json's `Value` equality). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.prototype.hasOwnProperty.call(b, k) &&
        jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

function summary(issues: Issue[]): Json[] {
  return issues.map((i) => ({ path: i.path, code: i.code, severity: i.severity }));
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ file: f, doc: JSON.parse(readFileSync(join(dir, f), "utf8")) as VectorFile }));

let validated = 0;
let prepared = 0;

for (const { file, doc } of files) {
  test(`conformance: ${file}`, () => {
    const disagreements: string[] = [];
    for (const c of doc.validate ?? []) {
      validated++;
      const issues = validate(c.input);
      const got = summary(issues);
      if (!jsonEqual(got, c.issues)) {
        disagreements.push(
          `${file}: ${c.name}\n  input: ${JSON.stringify(c.input)}\n  want:  ${JSON.stringify(c.issues)}\n  got:   ${JSON.stringify(got)}`,
        );
        continue;
      }
      const words = c.message_contains;
      if (words !== undefined && !issues.some((i) => i.message.includes(words))) {
        disagreements.push(`${file}: ${c.name}: no message contains ${JSON.stringify(words)}: ${JSON.stringify(issues)}`);
      }
    }
    for (const c of doc.prepare ?? []) {
      prepared++;
      const out = prepare(c.model, c.input, { hasTools: c.has_tools ?? false });
      const changes = out.changes.map((ch, i) => {
        const v: { [key: string]: Json } = { parameter: ch.parameter, action: ch.action, reason: ch.reason };
        // Derived vectors state every message; hand-written ones may leave it out.
        const wanted = c.changes[i];
        if (typeof wanted === "object" && wanted !== null && !Array.isArray(wanted) && "message" in wanted) {
          v["message"] = ch.message;
        }
        if (ch.to !== undefined) v["to"] = ch.to;
        return v;
      });
      const got: { [key: string]: Json } = { model: out.model, output: out.options as Json, changes };
      const want: { [key: string]: Json } = { model: c.expected_model, output: c.output, changes: c.changes };
      // Derived vectors state the warnings and the match; hand-written ones may not.
      if (c.warnings !== undefined) {
        got["warnings"] = out.warnings.map((w) => ({ reason: w.reason, message: w.message }));
        want["warnings"] = c.warnings;
      }
      if (c.matched !== undefined) {
        got["matched"] = out.matched === null ? null : { ...out.matched };
        want["matched"] = c.matched;
      }
      if (!jsonEqual(got, want)) {
        disagreements.push(`${file}: ${c.name}\n  want: ${JSON.stringify(want)}\n  got:  ${JSON.stringify(got)}`);
      }
      // validateFor: validate's issues, and one per expected change and warning (the
      // parameters' pointers are ASCII, so UTF-16 order is code point order here).
      const table = doc.reason_issues;
      if (table !== undefined && c.warnings !== undefined) {
        const row = (i: Issue): Json[] => [i.path, i.code, i.severity, i.message];
        const wantIssues: Json[][] = validate(c.input).map(row);
        for (const ch of c.changes as { [key: string]: string }[]) {
          const t = table[ch["reason"] as string] as { code: string; severity: string };
          wantIssues.push([pointer(ch["parameter"] as string), t.code, t.severity, ch["message"] as string]);
        }
        for (const w of c.warnings as { [key: string]: string }[]) {
          const t = table[w["reason"] as string] as { code: string; severity: string };
          wantIssues.push(["", t.code, t.severity, w["message"] as string]);
        }
        const key = (r: Json[]): string => `${r[0] as string}\u0000${r[1] as string}`;
        wantIssues.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        const gotIssues = validateFor(c.model, c.input, { hasTools: c.has_tools ?? false }).map(row);
        if (!jsonEqual(gotIssues, wantIssues)) {
          disagreements.push(
            `${file}: ${c.name} (validateFor)\n  want: ${JSON.stringify(wantIssues)}\n  got:  ${JSON.stringify(gotIssues)}`,
          );
        }
      }
    }
    assert.equal(disagreements.length, 0, `${disagreements.length} disagreement(s):\n${disagreements.join("\n")}`);
  });
}

/** Every case of the files, counted apart from the runs above. */
const cases = files.reduce(
  (n, { doc }) => ({ validate: n.validate + (doc.validate ?? []).length, prepare: n.prepare + (doc.prepare ?? []).length }),
  { validate: 0, prepare: 0 },
);

test("conformance: every vector ran", () => {
  // The vectors are derived from the spec, which has at least one parameter: an empty or
  // missing directory is a broken setup, not a pass.
  assert.ok(files.length > 0, `no vector files in ${dir}`);
  assert.ok(cases.validate > 0, `no validate vectors in ${dir}`);
  assert.deepEqual({ validate: validated, prepare: prepared }, cases);
});
