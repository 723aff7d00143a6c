// The TypeScript side of the differential test (src/bin/differential.rs says the format):
//   node run.mjs <the package's dist/src/index.js> <dir>
// reads <dir>/inputs.jsonl and <dir>/ids.json and writes <dir>/typescript.jsonl.
import { readFileSync, createWriteStream } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [entry, dir] = process.argv.slice(2);
const { validate, prepare } = await import(pathToFileURL(entry).href);
const ids = JSON.parse(readFileSync(join(dir, "ids.json"), "utf8"));
const lines = readFileSync(join(dir, "inputs.jsonl"), "utf8").split("\n").filter((l) => l !== "");

/** Whether `out` is `input` with `changes` applied, value for value (the same objects). */
function replay(input, out) {
  const expected = new Map(Object.entries(input));
  for (const c of out.changes) {
    const had = expected.has(c.parameter);
    const v = expected.get(c.parameter);
    expected.delete(c.parameter);
    if (c.action === "set" || c.action === "clamped") {
      if (c.action === "clamped" && !had) return false;
      if (Object.hasOwn(out.options, c.parameter)) expected.set(c.parameter, out.options[c.parameter]);
      continue;
    }
    if (!had) return false;
    if (c.to !== undefined) expected.set(c.to, v);
  }
  const keys = Object.keys(out.options);
  return keys.length === expected.size && keys.every((k) => expected.has(k) && Object.is(expected.get(k), out.options[k]));
}

const stream = createWriteStream(join(dir, "typescript.jsonl"));
let buffer = "";
for (const line of lines) {
  const input = JSON.parse(line);
  const issues = validate(input).map((i) => [i.path, i.code, i.severity, i.message]);
  let prepared = null;
  if (input !== null && typeof input === "object" && !Array.isArray(input)) {
    prepared = [];
    for (const id of ids) {
      for (const hasTools of [false, true]) {
        const out = prepare(id, input, { hasTools });
        const changes = out.changes.map((c) => {
          const change = [c.parameter, c.action, c.to ?? null, c.reason, c.message];
          if ((c.action === "set" || c.action === "clamped") && Object.hasOwn(out.options, c.parameter)) {
            change.push(out.options[c.parameter]);
          }
          return change;
        });
        const warnings = out.warnings.map((w) => [w.reason, w.message]);
        const matched = out.matched === null ? null : [out.matched.by, out.matched.entry, out.matched.pattern];
        prepared.push([out.model ?? null, changes, replay(input, out), warnings, matched]);
      }
    }
  }
  buffer += JSON.stringify([issues, prepared]) + "\n";
  if (buffer.length > 1 << 20) {
    stream.write(buffer);
    buffer = "";
  }
}
stream.end(buffer);
