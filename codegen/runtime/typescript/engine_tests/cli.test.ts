// The command line (`src/cli.ts`, the package's `bin`) against `docs/cli.md`: the text and
// JSON outputs byte for byte, the exit statuses, every kind of file that cannot be used,
// and the usage errors.
//
// They run on the package of the `full` fixture spec (`codegen/tests/fixtures/full/`: the
// command `fixture-full`, the parameters `temperature` ... `penalty`, the models
// `acme/think-1` ... `acme/think-3`), which they rely on: `cargo xtask test` copies this file
// into that package's `test/` and runs it there. Some run `dist/src/cli.js` as a child
// process, the others call `main` with captured streams.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { main, toJson } from "../src/cli.js";

const CLI = fileURLToPath(new URL("../src/cli.js", import.meta.url));
const DIR = mkdtempSync(join(tmpdir(), "llm-params-cli-"));

/** Writes a file into the scratch directory; its path. */
function file(name: string, contents: string | Uint8Array): string {
  const path = join(DIR, name);
  writeFileSync(path, contents);
  return path;
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** `main` with captured streams (and `stdin` as standard input). */
async function run(args: string[], stdin: string | Uint8Array = ""): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: () => (typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin),
  });
  return { status, stdout, stderr };
}

/** The built command line as a child process, in the scratch directory. */
function spawn(args: string[], input: string | Uint8Array = ""): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, cwd: DIR, encoding: "utf8" });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test("a clean file: exit 0, nothing printed (as a child process)", () => {
  file("clean.json", '{"temperature": 0.7, "max_output_tokens": 1000}');
  assert.deepEqual(spawn(["check", "clean.json"]), { status: 0, stdout: "", stderr: "" });
  assert.deepEqual(spawn(["check", "--", "clean.json"]), { status: 0, stdout: "", stderr: "" });
});

test("issues: exit 1, one line each in validate's order (as a child process)", () => {
  file("issues.json", '{"temperature": 3, "top_p": 0.5, "user": "u", "foo": 1, "bias": {"x": 1}}');
  assert.deepEqual(spawn(["check", "issues.json"]), {
    status: 1,
    stdout: [
      "issues.json: /bias/x: error[invalid_value]: key `x` is not a token id (digits)\n",
      "issues.json: /foo: error[unknown_parameter]: unknown parameter `foo`\n",
      "issues.json: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n",
      "issues.json: /top_p: error[mutually_exclusive]: `top_p` and `temperature` cannot both be set; set one of them\n",
      "issues.json: /user: warning[deprecated]: `user` is deprecated; use `end_user` or `session_tag` instead. Split in two\n",
    ].join(""),
    stderr: "",
  });
});

test("warnings alone do not fail", async () => {
  const path = file("warn.json", '{"user": "u"}');
  assert.deepEqual(await run(["check", path]), {
    status: 0,
    stdout: `${path}: /user: warning[deprecated]: \`user\` is deprecated; use \`end_user\` or \`session_tag\` instead. Split in two\n`,
    stderr: "",
  });
});

test("check --model reports what the model does not take; --tools says the request has tools", async () => {
  const path = file("tools.json", '{"tool_choice": "auto", "parallel_tools": true, "temperature": 0.5}');
  assert.deepEqual(await run(["check", path, "--model", "acme/chat-1"]), {
    status: 1,
    stdout:
      `${path}: /parallel_tools: error[missing_dependency]: \`parallel_tools\` removed: the request has no tools\n` +
      `${path}: /tool_choice: error[missing_dependency]: \`tool_choice\` removed: the request has no tools\n`,
    stderr: "",
  });
  assert.deepEqual(await run(["check", "--model=acme/chat-1", "--tools", path]), { status: 0, stdout: "", stderr: "" });
  assert.deepEqual(await run(["check", "--tools", "--model", "acme/tiny-1", path]), {
    status: 1,
    stdout:
      `${path}: /parallel_tools: error[unsupported_by_model]: \`parallel_tools\` removed: acme/tiny-1 does not support it\n` +
      `${path}: /tool_choice: error[unsupported_by_model]: \`tool_choice\` removed: acme/tiny-1 does not support it\n`,
    stderr: "",
  });
  // By name and by prefix too: those models are in the catalog.
  const byPrefix = await run(["check", "--model", "think-9", "--tools", path]);
  assert.equal(byPrefix.stdout, `${path}: /temperature: error[unsupported_by_model]: \`temperature\` removed: think-9 does not support it\n`);
  assert.equal(byPrefix.stderr, "");
});

test("a model outside the catalog: the options only, and a note", async () => {
  const clean = file("clean2.json", '{"temperature": 0.5}');
  const bad = file("bad-temp.json", '{"temperature": 5}');
  assert.deepEqual(await run(["check", "--model", "acme/nope", clean, bad]), {
    status: 1,
    stdout: `${bad}: /temperature: error[out_of_range]: 5 is outside the range 0 to 2\n`,
    stderr:
      `${clean}: (root): note: model \`acme/nope\` is not in the catalog: nothing is changed\n` +
      `${bad}: (root): note: model \`acme/nope\` is not in the catalog: nothing is changed\n`,
  });
});

test("prepare writes the options as the same bytes in every language, and the changes", async () => {
  const path = file(
    "prepare.json",
    '{"temperature": 1.0, "penalty": -0.0, "max_output_tokens": 1.5e3, "stop": ["x"], "top_k": 1e1,\n' +
      ' "labels": {"z": "tab\\there", "\u00e9": "\\u0001\\u001f\\"\\\\\\/", "\ud83d\ude00": "\ud83d\ude00\u00e9", "\uffff": "c\\b\\f\\n\\r", "a": "\\u007f\\u2028"},\n' +
      ' "format": {"type": "json_schema", "schema_name": null, "examples": [], "hint": 1e300}, "bias": {}}',
  );
  const expected = [
    "{",
    '  "bias": {},',
    '  "format": {',
    '    "examples": [],',
    '    "hint": 1e300,',
    '    "schema_name": null,',
    '    "type": "json_schema"',
    "  },",
    '  "labels": {',
    '    "a": "\u007f\u2028",',
    '    "z": "tab\\there",',
    '    "\u00e9": "\\u0001\\u001f\\"\\\\/",',
    '    "\uffff": "c\\b\\f\\n\\r",',
    '    "\ud83d\ude00": "\ud83d\ude00\u00e9"',
    "  },",
    '  "max_output_tokens": 1500,',
    '  "penalty": 0,',
    '  "stop": [',
    '    "x"',
    "  ],",
    '  "temperature": 1,',
    '  "top_k": 10',
    "}",
    "",
  ].join("\n");
  assert.deepEqual(await run(["prepare", "--model", "acme/chat-1", path]), { status: 0, stdout: expected, stderr: "" });
  // A model outside the catalog gets them as they are, with the note.
  assert.deepEqual(await run(["prepare", path, "--model", "nope/nope"]), {
    status: 0,
    stdout: expected,
    stderr: `${path}: (root): note: model \`nope/nope\` is not in the catalog: nothing is changed\n`,
  });

  const think = file(
    "think.json",
    '{"temperature": 1.5e-7, "max_tokens": 10000, "seed": 1, "tier": "batch", "format": {"type": "text", "hint": 1152921504606846976}}',
  );
  assert.deepEqual(await run(["prepare", "--model", "acme/think-3-2099", "--tools", think]), {
    status: 0,
    stdout: [
      "{",
      '  "effort": "none",',
      '  "format": {',
      '    "hint": 1.152921504606847e18,',
      '    "type": "text"',
      "  },",
      '  "max_output_tokens": 4096,',
      '  "temperature": 1.5e-7',
      "}",
      "",
    ].join("\n"),
    stderr: [
      `${think}: /effort: set[effort_with_tools]: \`effort\` set to \`none\`: acme/think-3 takes tools only at that effort`,
      `${think}: /max_tokens: moved[unsupported_by_model]: \`max_tokens\` moved to \`max_output_tokens\`: acme/think-3 rejects \`max_tokens\``,
      `${think}: /seed: removed[unsupported_by_model]: \`seed\` removed: acme/think-3 does not support it`,
      `${think}: /tier: removed[value_unsupported_by_model]: \`tier\` removed: acme/think-3 takes only \`standard\``,
      `${think}: /max_output_tokens: clamped[above_model_limit]: \`max_output_tokens\` lowered to 4096: the most acme/think-3 takes`,
      `${think}: (root): warning[deprecated_model]: acme/think-3 is deprecated and shuts down on 2027-01-01; use acme/think-1 instead`,
      "",
    ].join("\n"),
  });
});

test("numbers are written from their value as a double, as serde_json lays them out", () => {
  const cases: [number, string][] = [
    [1.0, "1"],
    [-0, "0"],
    [0, "0"],
    [-7, "-7"],
    [2.5, "2.5"],
    [-1.5, "-1.5"],
    [0.1, "0.1"],
    [1e300, "1e300"],
    [-1e300, "-1e300"],
    [1.5e-7, "1.5e-7"],
    [1e-7, "1e-7"],
    [0.00001, "0.00001"],
    [1.2345e16, "1.2345e16"],
    [1e16, "1e16"],
    [2 ** 60, "1.152921504606847e18"],
    [2 ** 53 - 1, "9007199254740991"],
    [-(2 ** 53 - 1), "-9007199254740991"],
    // Not below 2^53: serde_json's float layout.
    [2 ** 53, "9007199254740992.0"],
    [1e15 + 0.5, "1000000000000000.5"],
    [Number.MIN_VALUE, "5e-324"],
    [Number.MAX_VALUE, "1.7976931348623157e308"],
  ];
  for (const [n, text] of cases) assert.equal(toJson(n), text, `${n}`);
  assert.equal(toJson({ b: [1, { c: [] }], a: {} }), '{\n  "a": {},\n  "b": [\n    1,\n    {\n      "c": []\n    }\n  ]\n}');
});

test("prepare of invalid options: the issues on standard error, nothing on standard output, exit 1", async () => {
  const path = file("invalid.json", '{"temperature": 3, "user": "u"}');
  assert.deepEqual(await run(["prepare", "--model", "acme/chat-1", path]), {
    status: 1,
    stdout: "",
    stderr:
      `${path}: /temperature: error[out_of_range]: 3 is outside the range 0 to 2\n` +
      `${path}: /user: warning[deprecated]: \`user\` is deprecated; use \`end_user\` or \`session_tag\` instead. Split in two\n`,
  });
});

test("files that cannot be used: exit 2, one line each", async () => {
  const nested = (levels: number): string => '{"a": ' + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "}";
  const cases: [string, string | Uint8Array, string][] = [
    ["utf8.json", Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82, 0x22, 0x7d]), ": error: not UTF-8 (byte 6)"],
    ["latin1.json", Uint8Array.from([0x7b, 0x7d, 0x20, 0xe9]), ": error: not UTF-8 (byte 3)"],
    ["surrogate-bytes.json", Uint8Array.from([0x22, 0xed, 0xa0, 0x80, 0x22]), ": error: not UTF-8 (byte 1)"],
    // The byte-order mark is skipped: columns on the first line count after it.
    ["bom-bad.json", "\ufeff{\u00e9", ":1:2: error: invalid JSON: key must be a string"],
    ["syntax.json", '{"\u00e9\ud83d\ude00": x}', ":1:8: error: invalid JSON: expected value"],
    ["lines.json", '{\n  "a": 1,\n  "b": tru\n}', ":3:11: error: invalid JSON: expected `true`"],
    ["eof.json", '{"a": 1', ":1:8: error: invalid JSON: EOF while parsing an object"],
    ["empty.json", "", ":1:1: error: invalid JSON: EOF while parsing a value"],
    ["comma.json", '{"a": [1,]}', ":1:10: error: invalid JSON: trailing comma"],
    ["trailing.json", "{} {}", ":1:4: error: invalid JSON: trailing characters"],
    ["control.json", '{"a": "\t"}', ":1:8: error: invalid JSON: control character (\\u0000-\\u001F) found while parsing a string"],
    ["escape.json", '{"a": "\\x"}', ":1:9: error: invalid JSON: invalid escape"],
    ["number.json", '{"a": 01}', ":1:8: error: invalid JSON: expected `,` or `}`"],
    ["nan.json", '{"a": NaN}', ":1:7: error: invalid JSON: expected value"],
    ["infinity.json", '{"a": -Infinity}', ":1:8: error: invalid JSON: invalid number"],
    ["range.json", '{"a": [1, 1e400]}', ": error: invalid JSON: a number out of range (1e400)"],
    ["range-negative.json", '{"a": -2e308}', ": error: invalid JSON: a number out of range (-2e308)"],
    ["lone.json", '{"a": "\\ud800"}', ": error: invalid JSON: half of a surrogate pair (\\ud800)"],
    ["lone-low.json", '{"\\uDC00": 1}', ": error: invalid JSON: half of a surrogate pair (\\uDC00)"],
    ["lone-twice.json", '{"a": "\\ud83d\\ud83d\\ude00"}', ": error: invalid JSON: half of a surrogate pair (\\ud83d)"],
    ["deep.json", nested(128), ": error: invalid JSON: nested deeper than 127 levels"],
    ["very-deep.json", "[".repeat(100000), ": error: invalid JSON: nested deeper than 127 levels"],
    ["array.json", "[]", ": error: expected a JSON object of options, got an array"],
    ["string.json", '"{}"', ": error: expected a JSON object of options, got a string"],
    ["number-root.json", "1", ": error: expected a JSON object of options, got a number"],
    ["boolean.json", " true ", ": error: expected a JSON object of options, got a boolean"],
    ["null.json", "null", ": error: expected a JSON object of options, got null"],
  ];
  for (const [name, contents, line] of cases) {
    const path = file(name, contents);
    assert.deepEqual(await run(["check", path]), { status: 2, stdout: "", stderr: path + line + "\n" }, name);
  }
  const missing = join(DIR, "no-such-file.json");
  const r = await run(["check", missing]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, new RegExp(`^${escape(missing)}: error: cannot read ${escape(missing)}: \\S.*\\n$`));
  const dir = join(DIR, "a-directory.json");
  mkdirSync(dir, { recursive: true });
  assert.match((await run(["check", dir])).stderr, /: error: cannot read .*a-directory\.json: \S.*\n$/);
});

test("what the parsers would take is refused only where the doc says", async () => {
  const nested = (levels: number): string => '{"a": ' + "[".repeat(levels - 1) + "]".repeat(levels - 1) + "}";
  // 127 levels, the options object being level 1: read, and checked.
  const deep = file("deep-ok.json", nested(127));
  const r = await run(["check", deep]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, `${deep}: /a: error[unknown_parameter]: unknown parameter \`a\`\n`);
  // A byte-order mark is skipped, a key given twice keeps its last value, a surrogate pair
  // escaped is a character, tiny numbers are 0, and -0 is 0.
  const ok = file("ok.json", '\ufeff{"temperature": 5, "temperature": 0.5, "stop": ["\\ud83d\\ude00"], "penalty": -1e-400}');
  assert.deepEqual(await run(["prepare", "--model", "acme/chat-1", ok]), {
    status: 0,
    stdout: '{\n  "penalty": 0,\n  "stop": [\n    "\ud83d\ude00"\n  ],\n  "temperature": 0.5\n}\n',
    stderr: "",
  });
});

test("standard input is `-`, named <stdin>", async () => {
  assert.deepEqual(await run(["check", "-"], '{"temperature": 9}'), {
    status: 1,
    stdout: "<stdin>: /temperature: error[out_of_range]: 9 is outside the range 0 to 2\n",
    stderr: "",
  });
  assert.deepEqual(spawn(["check", "-"], '{"top_k": 0}'), {
    status: 1,
    stdout: "<stdin>: /top_k: error[out_of_range]: 0 is outside the range 1 to 100\n",
    stderr: "",
  });
  assert.deepEqual(spawn(["prepare", "-", "--model", "acme/think-1"], '{"temperature": 1}'), {
    status: 0,
    stdout: "{}\n",
    stderr: "<stdin>: /temperature: removed[unsupported_by_model]: `temperature` removed: acme/think-1 does not support it\n",
  });
  assert.deepEqual(spawn(["check", "-"], Uint8Array.from([0xff])), {
    status: 2,
    stdout: "",
    stderr: "<stdin>: error: not UTF-8 (byte 0)\n",
  });
  // A file named like an option, after `--`.
  file("--tools", "{}");
  assert.deepEqual(spawn(["check", "--", "--tools"]), { status: 0, stdout: "", stderr: "" });
});

test("usage errors: NAME: error: MESSAGE and a usage line, exit 2, nothing on standard output", async () => {
  const check = "usage: fixture-full check [--model ID [--tools]] [--format text|json] FILE...\n";
  const prepareUsage = "usage: fixture-full prepare --model ID [--tools] [--format text|json] FILE\n";
  const general = "usage: fixture-full check|prepare [--model ID] [--tools] [--format text|json] FILE... (fixture-full --help)\n";
  const cases: [string[], string, string][] = [
    [[], "no command: expected check or prepare", general],
    [["lint", "x.json"], "unknown command `lint`: expected check or prepare first", general],
    [["--model", "m", "check", "x.json"], "unknown option `--model`: expected check or prepare first", general],
    [["check"], "no file given", check],
    [["check", "--bogus", "x.json"], "unknown option `--bogus`", check],
    [["check", "-x", "x.json"], "unknown option `-x`", check],
    [["check", "x.json", "--model"], "`--model` needs a value", check],
    [["check", "--format", "yaml", "x.json"], "`--format` is text or json, not `yaml`", check],
    [["check", "--format=", "x.json"], "`--format` is text or json, not ``", check],
    [["check", "--tools", "x.json"], "`--tools` needs `--model`", check],
    [["check", "--tools=yes", "--model", "m", "x.json"], "`--tools` takes no value", check],
    [["check", "-", "x.json", "-"], "standard input (`-`) given more than once", check],
    [["prepare", "x.json"], "prepare needs `--model`", prepareUsage],
    [["prepare", "--model", "m"], "no file given", prepareUsage],
    [["prepare", "--model", "m", "a.json", "b.json"], "prepare takes one file", prepareUsage],
  ];
  for (const [args, message, usage] of cases) {
    assert.deepEqual(await run(args), { status: 2, stdout: "", stderr: `fixture-full: error: ${message}\n${usage}` }, args.join(" "));
  }
  // Usage errors are text, also with --format json.
  assert.equal((await run(["check", "--format", "json"])).stdout, "");
  assert.deepEqual(spawn(["check", "--nope"]), {
    status: 2,
    stdout: "",
    stderr: `fixture-full: error: unknown option \`--nope\`\n${check}`,
  });
});

test("--help and --version print on standard output", async () => {
  assert.deepEqual(spawn(["--version"]), { status: 0, stdout: "fixture-full 0.3.0-rc.1\n", stderr: "" });
  const help = await run(["--help"]);
  assert.equal(help.status, 0);
  assert.equal(help.stderr, "");
  assert.match(help.stdout, /^fixture-full 0\.3\.0-rc\.1: /);
  assert.ok(help.stdout.includes("\n  fixture-full check [--model ID [--tools]] [--format text|json] FILE...\n"));
  assert.ok(help.stdout.includes("\n  fixture-full prepare --model ID [--tools] [--format text|json] FILE\n"));
  assert.deepEqual(await run(["check", "--help"]), help);
});

test("several files, one unusable: exit 2, the others still checked", async () => {
  const clean = file("many-clean.json", "{}");
  const bad = file("many-bad.json", "{");
  const issues = file("many-issues.json", '{"top_k": 0}');
  assert.deepEqual(await run(["check", clean, bad, issues]), {
    status: 2,
    stdout: `${issues}: /top_k: error[out_of_range]: 0 is outside the range 1 to 100\n`,
    stderr: `${bad}:1:2: error: invalid JSON: EOF while parsing an object\n`,
  });
  assert.equal((await run(["check", clean, issues])).status, 1);
});

test("--format json: one document of the documented shape, whatever the outcome", async () => {
  const clean = file("json-clean.json", "{}");
  const bad = file("json-bad.json", '{"a":\n  }');
  const range = file("json-range.json", '{"a": 1e999}');
  const issues = file("json-issues.json", '{"temperature": 3}');
  const missing = join(DIR, "json-missing.json");
  const r = await run(["check", "--format", "json", clean, bad, range, issues, missing, "--model", "acme/nope"]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "");
  assert.ok(r.stdout.endsWith("}\n"));
  const doc = JSON.parse(r.stdout) as { files: Record<string, unknown>[] };
  assert.equal(r.stdout, toJson(doc) + "\n", "written by the same printer");
  assert.equal(doc.files.length, 5);
  assert.deepEqual(doc.files.slice(0, 4), [
    { file: clean, issues: [] },
    { file: bad, error: { message: "invalid JSON: expected value", line: 2, column: 3 } },
    { file: range, error: { message: "invalid JSON: a number out of range (1e999)", line: null, column: null } },
    { file: issues, issues: [{ path: "/temperature", code: "out_of_range", severity: "error", message: "3 is outside the range 0 to 2" }] },
  ]);
  const last = doc.files[4] as { file: string; error: { message: string; line: null; column: null } };
  assert.equal(last.file, missing);
  assert.match(last.error.message, /^cannot read .*json-missing\.json: \S/);
  assert.deepEqual([last.error.line, last.error.column], [null, null]);

  const root = file("json-root.json", '{"temperature": 3, "top_p": 0.5}');
  const checked = JSON.parse((await run(["check", "--format=json", root])).stdout) as unknown;
  assert.deepEqual(checked, {
    files: [
      {
        file: root,
        issues: [
          { path: "/temperature", code: "out_of_range", severity: "error", message: "3 is outside the range 0 to 2" },
          { path: "/top_p", code: "mutually_exclusive", severity: "error", message: "`top_p` and `temperature` cannot both be set; set one of them" },
        ],
      },
    ],
  });
  assert.deepEqual(JSON.parse((await run(["check", "--format", "json", "-"], "[]")).stdout), {
    files: [{ file: "<stdin>", error: { message: "expected a JSON object of options, got an array", line: null, column: null } }],
  });
});

test("prepare --format json: the model, how it matched, the options, the changes and warnings", async () => {
  const path = file("json-prepare.json", '{"max_tokens": 10000, "temperature": 0.5}');
  const r = await run(["prepare", "--format", "json", "--model", "think-3", path]);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, "");
  assert.deepEqual(JSON.parse(r.stdout), {
    file: path,
    model: "acme/think-3",
    matched: { by: "name", entry: "acme/think-3", pattern: null },
    options: { max_output_tokens: 4096, temperature: 0.5 },
    changes: [
      {
        parameter: "max_tokens",
        action: "moved",
        to: "max_output_tokens",
        reason: "unsupported_by_model",
        message: "`max_tokens` moved to `max_output_tokens`: acme/think-3 rejects `max_tokens`",
      },
      {
        parameter: "max_output_tokens",
        action: "clamped",
        reason: "above_model_limit",
        message: "`max_output_tokens` lowered to 4096: the most acme/think-3 takes",
      },
    ],
    warnings: [
      {
        reason: "deprecated_model",
        message: "acme/think-3 is deprecated and shuts down on 2027-01-01; use acme/think-1 instead",
      },
    ],
  });
  const unknown = await run(["prepare", "--format", "json", "--model", "x/y", path]);
  assert.deepEqual(JSON.parse(unknown.stdout), {
    file: path,
    model: null,
    matched: null,
    options: { max_tokens: 10000, temperature: 0.5 },
    changes: [],
    warnings: [],
  });
  assert.equal(unknown.stderr, "");
  const invalid = await run(["prepare", "--format", "json", "--model", "think-3", file("json-invalid.json", '{"top_k": 0}')]);
  assert.equal(invalid.status, 1);
  assert.deepEqual(JSON.parse(invalid.stdout), {
    file: join(DIR, "json-invalid.json"),
    issues: [{ path: "/top_k", code: "out_of_range", severity: "error", message: "0 is outside the range 1 to 100" }],
  });
  const unusable = await run(["prepare", "--format", "json", "--model", "think-3", file("json-unusable.json", "{,}")]);
  assert.equal(unusable.status, 2);
  assert.deepEqual(JSON.parse(unusable.stdout), {
    file: join(DIR, "json-unusable.json"),
    error: { message: "invalid JSON: key must be a string", line: 1, column: 2 },
  });
});

test("a reader that goes away is no error worth a stack trace", () => {
  const labels = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "x".repeat(500)]));
  const big = file("big.json", JSON.stringify({ labels }));
  const shell = spawnSync("/bin/sh", ["-c", `"$0" "$1" prepare --model acme/chat-1 "$2" | head -c 1`, process.execPath, CLI, big], {
    encoding: "utf8",
  });
  if (shell.error !== undefined) return; // no shell here
  assert.equal(shell.stdout, "{");
  assert.equal(shell.stderr, "");
});

/** A string as a regular expression that matches it. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
