// Checks that hold for any spec: everything they touch comes from what the package exports
// (its parameter list and its model catalog), never from one spec's names. The behaviour
// of the engine on one known spec is tested in the repository
// (`codegen/runtime/typescript/engine_tests/`, on the `full` fixture spec).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { main } from "../src/cli.js";
import { LlmOptions, PARAMETERS, findModel, models, prepare, suggest, validate } from "../src/index.js";
import { COMMAND, VERSION } from "../src/rules.js";
import type * as Api from "../src/index.js";

type Options = NonNullable<ConstructorParameters<typeof LlmOptions>[1]>;

/** A name that is not in `names`. */
function unused(names: readonly string[], base: string): string {
  let name = base;
  while (names.includes(name)) name += "_";
  return name;
}

test("the parameter list has every parameter once, and null sets none of them", () => {
  assert.ok(PARAMETERS.length > 0, "a spec has at least one parameter");
  assert.equal(new Set(PARAMETERS).size, PARAMETERS.length);
  const allNull = Object.fromEntries(PARAMETERS.map((p) => [p, null]));
  assert.deepEqual(validate(allNull), [], "null is not set");
  assert.deepEqual(validate({}), []);
});

test("a key that is no parameter is reported at its path", () => {
  const names: readonly string[] = PARAMETERS;
  const key = unused(names, "no_such_parameter");
  const issues = validate({ [key]: 1 });
  assert.deepEqual(
    issues.map((i) => [i.path, i.code, i.severity]),
    [[`/${key}`, "unknown_parameter", "error"]],
  );
  assert.match(issues[0]?.message ?? "", new RegExp(`unknown parameter \`${key}\``));
  // A parameter's name with one character dropped is a close miss: the message suggests
  // the nearest name, as `suggest` picks it.
  const name = PARAMETERS.find((p) => p.length >= 4 && !names.includes(p.slice(0, -1)));
  if (name !== undefined) {
    const miss = name.slice(0, -1);
    const nearest = suggest(miss, PARAMETERS);
    assert.ok(nearest !== undefined, `${miss} is one edit away from ${name}`);
    const [issue, ...rest] = validate({ [miss]: 1 });
    assert.equal(rest.length, 0);
    assert.equal(issue?.message, `unknown parameter \`${miss}\`; did you mean \`${nearest}\`?`);
  }
});

test("options that are not an object are one invalid_type issue", () => {
  for (const input of [null, [], "x", 1, true]) {
    assert.deepEqual(
      validate(input).map((i) => [i.path, i.code]),
      [["", "invalid_type"]],
      JSON.stringify(input),
    );
  }
});

test("every model of the catalog is found by its id, and prepares empty options unchanged", () => {
  const ids = models().map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length, "ids are unique");
  for (const m of models()) {
    assert.equal(findModel(m.id), m);
    const bare = m.id.slice(m.id.lastIndexOf("/") + 1);
    const found = findModel(bare);
    assert.equal(found?.id.slice(found.id.lastIndexOf("/") + 1), bare, `${bare} is found without its provider`);
    const out = prepare(m.id, {});
    assert.deepEqual(
      { model: out.model, options: out.options, changes: out.changes, matched: out.matched },
      { model: m.id, options: {}, changes: [], matched: { by: "id", entry: m.id, pattern: null } },
    );
    assert.ok(
      out.warnings.every((w) => w.reason === "deprecated_model"),
      "nothing but a deprecated model is warned about",
    );
    if (m.shutdown !== null || m.successor !== null) assert.equal(out.warnings.length, 1, "a deprecated model is");
  }
});

test("an unknown model gets the options as they are", () => {
  const id = unused(
    models().flatMap((m) => [m.id, m.id.slice(m.id.lastIndexOf("/") + 1)]),
    "no-such-provider/no-such-model",
  );
  assert.equal(findModel(id), undefined);
  const input = { [unused(PARAMETERS, "extra")]: 1, [PARAMETERS[0] as string]: "anything" };
  const out = prepare(id, input);
  assert.deepEqual(out, { model: null, options: input, changes: [], warnings: [], matched: null });
  assert.notEqual(out.options, input, "a new object");
});

test("updateOptions replaces the options, never merges them", () => {
  const [a = "", b = a] = PARAMETERS;
  const first = { [a]: 1 } as Options;
  const llm = new LlmOptions("some/model", first);
  (first as Record<string, unknown>)[a] = 2;
  assert.deepEqual(llm.modelOptions, { [a]: 1 }, "the holder keeps its own copy");
  llm.updateOptions({ modelOptions: { [b]: 3 } as Options });
  assert.deepEqual(llm.modelOptions, { [b]: 3 });
  llm.updateOptions({ model: "other/model" });
  assert.equal(llm.model, "other/model");
  assert.deepEqual(llm.modelOptions, { [b]: 3 }, "options kept when not given");
  llm.updateOptions();
  assert.deepEqual(llm.modelOptions, { [b]: 3 }, "nothing given, nothing changes");
  llm.updateOptions({ modelOptions: {} as Options });
  assert.deepEqual(llm.modelOptions, {}, "{} clears");
});

test("the command line is the package's bin, named after it, and prints its version", () => {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    name: string;
    version: string;
    bin: Record<string, string>;
  };
  assert.equal(COMMAND, manifest.name.slice(manifest.name.lastIndexOf("/") + 1));
  assert.equal(VERSION, manifest.version);
  assert.deepEqual(manifest.bin, { [COMMAND]: "./dist/src/cli.js" });
  const cli = fileURLToPath(new URL("../src/cli.js", import.meta.url));
  const r = spawnSync(process.execPath, [cli, "--version"], { encoding: "utf8" });
  assert.deepEqual([r.status, r.stdout, r.stderr], [0, `${COMMAND} ${VERSION}\n`, ""]);
});

test("the command line finds nothing to say about empty options", async () => {
  let output = "";
  const write = (t: string): void => void (output += t);
  const io = { stdout: write, stderr: write, stdin: () => new TextEncoder().encode("{}") };
  assert.equal(await main(["check", "-"], io), 0);
  assert.equal(output, "");
  assert.equal(await main(["check", "--format", "json", "-"], io), 0);
  assert.equal(output, '{\n  "files": [\n    {\n      "file": "<stdin>",\n      "issues": []\n    }\n  ]\n}\n');
});

test("import and require of the package's name load its ES module and its CommonJS build, which agree", async () => {
  const { name } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string };
  // The package imports itself by name: what its `exports` give a user.
  const esm = (await import(name)) as typeof Api;
  const cjs = createRequire(import.meta.url)(name) as typeof Api & { __esModule?: unknown };
  assert.equal(esm.validate, validate, "import loads the ES module (dist/src/)");
  assert.equal(cjs.__esModule, true, "require loads what tsc wrote as CommonJS");
  assert.notEqual(cjs.validate, validate, "require loads another copy");
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(esm).sort(), "the same exports");
  assert.deepEqual(cjs.PARAMETERS, PARAMETERS);
  assert.deepEqual(cjs.models(), models());
  assert.deepEqual(cjs.validate({}), []);
  const key = unused(PARAMETERS, "not_a_parameter");
  assert.equal(JSON.stringify(cjs.validate({ [key]: 1 })), JSON.stringify(validate({ [key]: 1 })));
  for (const id of [...models().map((m) => m.id), "unknown/model"]) {
    for (const hasTools of [false, true]) {
      const options = {} as Options;
      assert.equal(
        JSON.stringify(cjs.prepare(id, options, { hasTools })),
        JSON.stringify(prepare(id, options, { hasTools })),
        `prepare(${JSON.stringify(id)}, {}, { hasTools: ${hasTools} })`,
      );
    }
  }
  const llm = new cjs.LlmOptions("some/model", {});
  assert.ok(!(llm instanceof LlmOptions), "each build has its own classes");
});
