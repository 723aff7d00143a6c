#!/usr/bin/env node
/**
 * The command line: `check` and `prepare` on files of JSON options, as `docs/cli.md` of the
 * generator's repository specifies them (the same output as the Rust and Python packages').
 *
 * `main` takes the arguments and, for tests, the streams; run as a program (the package's
 * `bin`), it reads `process.argv` and sets `process.exitCode`.
 *
 * @module
 */

import { readFileSync, realpathSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";

import { compareCodePoints, jsonFloat, prepare, validate, validateFor, type Issue } from "./engine.js";
import { COMMAND, VERSION } from "./rules.js";

/** Where the command line reads and writes (the process's streams by default). */
export interface Io {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** All of standard input, as bytes (read only for the file `-`). */
  stdin?: () => Uint8Array | Promise<Uint8Array>;
}

const USAGE_CHECK = `${COMMAND} check [--model ID [--tools]] [--format text|json] FILE...`;
const USAGE_PREPARE = `${COMMAND} prepare --model ID [--tools] [--format text|json] FILE`;

const HELP = `${COMMAND} ${VERSION}: checks files of JSON options, or prepares them for a model

usage:
  ${USAGE_CHECK}
  ${USAGE_PREPARE}
  ${COMMAND} --help | --version

FILE is a path, or - for standard input: one JSON object of options, in UTF-8.

commands:
  check     report every issue of each file; with --model, also what that model does
            not take
  prepare   print the options to send to the model (standard output) and every change
            (standard error)

options:
  --model ID           the model the request is for
  --tools              the request carries tools
  --format text|json   the output format (default text)
  --                   the end of the options
  --help               print this help
  --version            print the version

exit status: 0 clean (warnings do not fail), 1 an issue of severity error (prepare: the
options are invalid), 2 bad usage or a file that cannot be used
`;

/** A usage error: its message. */
class Usage {
  constructor(
    readonly message: string,
    readonly usage: string,
  ) {}
}

interface Args {
  command: "check" | "prepare";
  model: string | null;
  tools: boolean;
  json: boolean;
  files: string[];
}

/** The arguments, or what to print instead (help, version, a usage error). */
function parse(argv: readonly string[]): Args | Usage | "help" | "version" {
  const [first, ...rest] = argv;
  const general = `usage: ${COMMAND} check|prepare [--model ID] [--tools] [--format text|json] FILE... (${COMMAND} --help)`;
  if (first === undefined) return new Usage("no command: expected check or prepare", general);
  if (first === "--help" || first === "-h") return "help";
  if (first === "--version") return "version";
  if (first !== "check" && first !== "prepare") {
    const what = first.startsWith("-") ? "option" : "command";
    return new Usage(`unknown ${what} \`${first}\`: expected check or prepare first`, general);
  }
  const usage = `usage: ${first === "check" ? USAGE_CHECK : USAGE_PREPARE}`;
  const args: Args = { command: first, model: null, tools: false, json: false, files: [] };
  let options = true;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!options || arg === "-" || !arg.startsWith("-")) {
      args.files.push(arg);
      continue;
    }
    if (arg === "--") {
      options = false;
      continue;
    }
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--version") return "version";
    if (arg === "--tools") {
      args.tools = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (name !== "--model" && name !== "--format") {
      const message = name === "--tools" ? "`--tools` takes no value" : `unknown option \`${name}\``;
      return new Usage(message, usage);
    }
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = rest[i + 1];
      if (next === undefined) return new Usage(`\`${name}\` needs a value`, usage);
      value = next;
      i++;
    }
    if (name === "--model") {
      args.model = value;
    } else if (value === "json" || value === "text") {
      args.json = value === "json";
    } else {
      return new Usage(`\`--format\` is text or json, not \`${value}\``, usage);
    }
  }
  if (args.tools && args.model === null) return new Usage("`--tools` needs `--model`", usage);
  if (args.command === "prepare" && args.model === null) return new Usage("prepare needs `--model`", usage);
  if (args.files.length === 0) return new Usage("no file given", usage);
  if (args.command === "prepare" && args.files.length > 1) return new Usage("prepare takes one file", usage);
  if (args.files.filter((f) => f === "-").length > 1) return new Usage("standard input (`-`) given more than once", usage);
  return args;
}

// ---------------------------------------------------------------------------------------
// Reading a file

/** Why a file cannot be used: the message, and where in its text (1-based, in characters). */
interface Unusable {
  message: string;
  line: number | null;
  column: number | null;
}

/** A JSON problem at a UTF-16 offset of the text (`null`: no position). */
class Problem {
  constructor(
    readonly message: string,
    readonly at: number | null,
  ) {}
}

/** The operating system's reason in an error of `node:fs` (`ENOENT: no such file or
 * directory, open 'x'` gives `no such file or directory`). */
function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const m = /^[A-Z][A-Z0-9_]*: (.*?), [a-z]+(?: '.*')?$/s.exec(message);
  return m?.[1] ?? message;
}

/** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
function invalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Levels of arrays and objects allowed, the options object being level 1 (serde_json's
 * limit). */
const MAX_DEPTH = 127;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}

/**
 * The first problem of a JSON text, in text order, or `null`: a syntax error (at its
 * position, with serde_json's wording), a number too large for a double, half of a
 * surrogate pair written as an escape, or nesting deeper than {@link MAX_DEPTH} (these
 * three without a position). Recursion is bounded by the depth limit.
 */
function scanJson(s: string): Problem | null {
  let i = 0;
  const n = s.length;
  const code = (): number | undefined => (i < n ? s.charCodeAt(i) : undefined);
  const ws = (): void => {
    for (;;) {
      const c = code();
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else return;
    }
  };
  function fail(message: string, at: number | null = i): never {
    throw new Problem(message, at);
  }
  const hex4 = (from: number): number | null => {
    if (from + 4 > n) return null;
    for (let k = from; k < from + 4; k++) if (!isHex(s.charCodeAt(k))) return null;
    return parseInt(s.slice(from, from + 4), 16);
  };
  const string = (): void => {
    i++; // the opening quote
    for (;;) {
      const c = code();
      if (c === undefined) fail("EOF while parsing a string");
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail("control character (\\u0000-\\u001F) found while parsing a string");
      if (c !== 0x5c) {
        i++;
        continue;
      }
      const start = i;
      i++;
      const e = code();
      if (e === undefined) fail("EOF while parsing a string");
      if (e !== 0x75) {
        if (!'"\\/bfnrt'.includes(s[i] as string)) fail("invalid escape");
        i++;
        continue;
      }
      const unit = hex4(i + 1);
      if (unit === null) fail(i + 5 > n ? "EOF while parsing a string" : "invalid escape");
      i += 5;
      const u = unit;
      if (u >= 0xdc00 && u <= 0xdfff) fail(`half of a surrogate pair (${s.slice(start, i)})`, null);
      if (u >= 0xd800 && u <= 0xdbff) {
        const low = s.charCodeAt(i) === 0x5c && s.charCodeAt(i + 1) === 0x75 ? hex4(i + 2) : null;
        if (low === null || low < 0xdc00 || low > 0xdfff) fail(`half of a surrogate pair (${s.slice(start, i)})`, null);
        i += 6;
      }
    }
  };
  const digits = (): void => {
    if (!isDigit(code())) fail(i >= n ? "EOF while parsing a value" : "invalid number");
    while (isDigit(code())) i++;
  };
  const number = (): void => {
    const start = i;
    if (code() === 0x2d) i++;
    if (code() === 0x30) i++;
    else digits();
    if (code() === 0x2e) {
      i++;
      digits();
    }
    if (code() === 0x65 || code() === 0x45) {
      i++;
      if (code() === 0x2b || code() === 0x2d) i++;
      digits();
    }
    const text = s.slice(start, i);
    if (!Number.isFinite(Number(text))) fail(`a number out of range (${text})`, null);
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (i >= n) fail("EOF while parsing a value");
      if (s[i] !== ch) fail(`expected \`${word}\``);
      i++;
    }
  };
  const value = (depth: number): void => {
    ws();
    const c = code();
    switch (c) {
      case undefined:
        return fail("EOF while parsing a value");
      case 0x7b: // {
      case 0x5b: // [
        return nested(depth + 1, c === 0x7b);
      case 0x22:
        return string();
      case 0x74:
        return literal("true");
      case 0x66:
        return literal("false");
      case 0x6e:
        return literal("null");
      default:
        if (c === 0x2d || isDigit(c)) return number();
        return fail("expected value");
    }
  };
  const nested = (depth: number, object: boolean): void => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`, null);
    const [close, what] = object ? [0x7d, "an object"] : [0x5d, "a list"];
    i++;
    ws();
    if (code() === close) {
      i++;
      return;
    }
    for (;;) {
      if (object) {
        ws();
        const c = code();
        if (c === undefined) fail(`EOF while parsing ${what}`);
        if (c !== 0x22) fail("key must be a string");
        string();
        ws();
        if (code() === undefined) fail(`EOF while parsing ${what}`);
        if (code() !== 0x3a) fail("expected `:`");
        i++;
      }
      value(depth);
      ws();
      const c = code();
      if (c === undefined) fail(`EOF while parsing ${what}`);
      if (c === close) {
        i++;
        return;
      }
      if (c !== 0x2c) fail(object ? "expected `,` or `}`" : "expected `,` or `]`");
      i++;
      ws();
      if (code() === close) fail("trailing comma");
    }
  };
  try {
    value(0);
    ws();
    if (i < n) fail("trailing characters");
    return null;
  } catch (e) {
    if (e instanceof Problem) return e;
    throw e;
  }
}

/** The 1-based line and column (in characters) of a UTF-16 offset. */
function lineColumn(s: string, at: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < at && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      column = 1;
    } else if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(s.charCodeAt(i - 1)))) {
      column++;
    }
  }
  return { line, column };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** The JSON kind of a parsed value that is not an object, as the error names it. */
function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "boolean" ? "a boolean" : typeof v === "number" ? "a number" : "a string";
}

/** A file's options, or why they cannot be used. */
type Loaded = { options: Record<string, unknown> } | { error: Unusable };

/** The options of a file's bytes, or why they cannot be used. */
function decode(bytes: Uint8Array): Loaded {
  const unusable = (message: string, at: { line: number; column: number } | null = null): Loaded => ({
    error: { message, line: at?.line ?? null, column: at?.column ?? null },
  });
  const bad = invalidUtf8(bytes);
  if (bad >= 0) return unusable(`not UTF-8 (byte ${bad})`);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  const problem = scanJson(text);
  if (problem !== null) {
    const at = problem.at === null ? null : lineColumn(text, problem.at);
    return unusable(`invalid JSON: ${problem.message}`, at);
  }
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return unusable(`expected a JSON object of options, got ${kindOf(value)}`);
  }
  return { options: value as Record<string, unknown> };
}

// ---------------------------------------------------------------------------------------
// Writing

/** A JSON string, escaped only where JSON must. */
function jsonString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(from, i);
    from = i + 1;
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += "\\\\";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x0c:
        out += "\\f";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x0d:
        out += "\\r";
        break;
      case 0x09:
        out += "\\t";
        break;
      default:
        out += `\\u00${c.toString(16).padStart(2, "0")}`;
    }
  }
  return out + s.slice(from) + '"';
}

/** A number from its value as a double: a whole number below 2^53 in magnitude as its
 * digits, any other as serde_json writes a float. */
function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 53) return n === 0 ? "0" : String(n);
  return jsonFloat(n);
}

/** JSON indented by two spaces, the keys of every object sorted by code point. */
export function toJson(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return jsonNumber(value);
    case "string":
      return jsonString(value);
    case "object":
      break;
    default:
      return "null";
  }
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + toJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort(compareCodePoints);
  if (keys.length === 0) return "{}";
  return `{\n${keys.map((k) => `${inner}${jsonString(k)}: ${toJson(o[k], inner)}`).join(",\n")}\n${indent}}`;
}

/** A parameter's name as a JSON Pointer. */
function pointer(name: string): string {
  return "/" + name.replace(/~/g, "~0").replace(/\//g, "~1");
}

function issueLine(file: string, i: Issue): string {
  return `${file}: ${i.path === "" ? "(root)" : i.path}: ${i.severity}[${i.code}]: ${i.message}\n`;
}

function issueJson(i: Issue): object {
  return { path: i.path, code: i.code, severity: i.severity, message: i.message };
}

function unusableLine(file: string, u: Unusable): string {
  const at = u.line === null ? "" : `:${u.line}:${u.column}`;
  return `${file}${at}: error: ${u.message}\n`;
}

function note(file: string, model: string): string {
  return `${file}: (root): note: model \`${model}\` is not in the catalog: nothing is changed\n`;
}

// ---------------------------------------------------------------------------------------
// The commands

/** Reads standard input to its end, as bytes. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

/** Runs the command line on `argv` (the arguments after the command's name); resolves to
 * the exit status. */
export async function main(argv: readonly string[], io: Io = {}): Promise<number> {
  const out = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const err = io.stderr ?? ((t: string) => void process.stderr.write(t));
  const stdin = io.stdin ?? readStdin;
  const args = parse(argv);
  if (args === "help") {
    out(HELP);
    return 0;
  }
  if (args === "version") {
    out(`${COMMAND} ${VERSION}\n`);
    return 0;
  }
  if (args instanceof Usage) {
    err(`${COMMAND}: error: ${args.message}\n${args.usage}\n`);
    return 2;
  }
  const load = async (file: string): Promise<Loaded> => {
    let bytes: Uint8Array;
    try {
      bytes = file === "-" ? await stdin() : readFileSync(file);
    } catch (e) {
      return { error: { message: `cannot read ${label(file)}: ${reason(e)}`, line: null, column: null } };
    }
    try {
      return decode(bytes);
    } catch (e) {
      // Not expected (the text is checked before it is parsed): one line, no stack trace.
      const message = e instanceof RangeError ? "nested too deeply" : String(e);
      return { error: { message: `invalid JSON: ${message}`, line: null, column: null } };
    }
  };
  const context = { hasTools: args.tools };
  const unknownModel = args.model !== null && prepare(args.model, {}, context).model === null;

  if (args.command === "prepare") {
    const file = args.files[0] as string;
    const model = args.model as string;
    const name = label(file);
    const loaded = await load(file);
    if ("error" in loaded) {
      if (args.json) out(toJson({ file: name, error: loaded.error }) + "\n");
      else err(unusableLine(name, loaded.error));
      return 2;
    }
    const { options } = loaded;
    const issues = validate(options);
    if (issues.some((i) => i.severity === "error")) {
      if (args.json) out(toJson({ file: name, issues: issues.map(issueJson) }) + "\n");
      else err(issues.map((i) => issueLine(name, i)).join(""));
      return 1;
    }
    const p = prepare(model, options, context);
    if (args.json) {
      const changes = p.changes.map((c) => ({ ...c }));
      const warnings = p.warnings.map((w) => ({ ...w }));
      out(toJson({ file: name, model: p.model, matched: p.matched, options: p.options, changes, warnings }) + "\n");
      return 0;
    }
    out(toJson(p.options) + "\n");
    if (p.model === null) {
      err(note(name, model));
    } else {
      let text = "";
      for (const c of p.changes) text += `${name}: ${pointer(c.parameter)}: ${c.action}[${c.reason}]: ${c.message}\n`;
      for (const w of p.warnings) text += `${name}: (root): warning[${w.reason}]: ${w.message}\n`;
      err(text);
    }
    return 0;
  }

  let status = 0;
  const results: object[] = [];
  for (const file of args.files) {
    const name = label(file);
    const loaded = await load(file);
    if ("error" in loaded) {
      status = 2;
      if (args.json) results.push({ file: name, error: loaded.error });
      else err(unusableLine(name, loaded.error));
      continue;
    }
    const { options } = loaded;
    const issues = args.model === null ? validate(options) : validateFor(args.model, options, context);
    if (issues.some((i) => i.severity === "error")) status = Math.max(status, 1);
    if (args.json) {
      results.push({ file: name, issues: issues.map(issueJson) });
    } else {
      if (unknownModel) err(note(name, args.model as string));
      const text = issues.map((i) => issueLine(name, i)).join("");
      if (text !== "") out(text);
    }
  }
  if (args.json) out(toJson({ files: results }) + "\n");
  return status;
}

/** A file as the output names it. */
function label(file: string): string {
  return file === "-" ? "<stdin>" : file;
}

/** Whether this module is the program node runs (through the `bin` link or directly). */
function isMain(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  // A reader that goes away (`| head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      process.stderr.write(`${COMMAND}: error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
