/**
 * The rules engine: validation, per-model preparation and the options holder.
 *
 * It interprets the tables of `rules.ts` (generated from the spec) and knows no parameter
 * by name. It is the TypeScript twin of the Rust crate's `engine.rs`: the conformance
 * vectors hold both to the same verdicts, issue for issue.
 *
 * Values are taken as JSON, the way `JSON.stringify` sends them: a key whose value is
 * `undefined` is absent, `null` is "not set", arrays are lists and every other non-null
 * object is a JSON object (its own enumerable keys). Numbers that JSON cannot carry
 * (`NaN`, `Infinity`), `bigint`s, functions and symbols are of no JSON type at all, so
 * they are `invalid_type` wherever a value is expected.
 *
 * @module
 */

import {
  COMMON_STEPS,
  CONSTRAINTS,
  FAMILY_ENTRIES,
  FAMILY_GROUPS,
  ISSUE_ORDER,
  MESSAGES,
  MODEL_GROUPS,
  MODELS,
  PARAMS,
  PATTERNS,
  REASON_ISSUES,
  STEP_GROUPS,
  TYPES,
} from "./rules.js";

/** Whether an issue makes the options invalid. */
export type Severity =
  /** The upstream API would reject the request. */
  | "error"
  /** The request works, but should change (a deprecated parameter). */
  | "warning";

/** Stable issue codes, the same strings in every language. */
export type Code =
  /** A key that is not a parameter (or not a field of the object). */
  | "unknown_parameter"
  /** A value of the wrong JSON type, or a required field missing. */
  | "invalid_type"
  /** A string outside its closed set, or a malformed map key. */
  | "invalid_value"
  /** A number outside its range, or too few items or characters. */
  | "out_of_range"
  /** A string longer than its limit. */
  | "too_long"
  /** A list or map with more items than its limit. */
  | "too_many_items"
  /** Two parameters that may not be set together. */
  | "mutually_exclusive"
  /** A parameter set without the value another one needs. */
  | "missing_dependency"
  /** A deprecated parameter, or (from {@link validateFor}) a deprecated model (a warning). */
  | "deprecated"
  /** ({@link validateFor}) A parameter the model rejects. */
  | "unsupported_by_model"
  /** ({@link validateFor}) A value the model does not take (an effort outside its range, one
   * it needs off with tools, a value outside its list). */
  | "unsupported_value";

/** One problem found by {@link validate}. */
export interface Issue {
  /** JSON Pointer to the value (`/logit_bias/1234`, `/stop/2`; `""` for the whole object). */
  path: string;
  /** Stable code. */
  code: Code;
  /** Error or warning. */
  severity: Severity;
  /** What is wrong, for people. (On the issues {@link validate} returns, an accessor that
   * writes the text when it is first read.) */
  message: string;
}

/** A field issues are sorted by ({@link ISSUE_ORDER} says which, in which order). @internal */
export type IssueField = keyof Issue;

/** A message: the text before and after the one value it is about. The generator writes
 * every text; the engine writes none. @internal */
export type Text = readonly [string, string];

/** The messages every spec has, by name (`MESSAGES` in the tables). @internal */
export type MessageName =
  | "hint"
  | "key_not_a_string"
  | "not_a_token_id"
  | "not_an_integer"
  | "not_an_object"
  | "unknown_parameter"
  | "wrong_array"
  | "wrong_boolean"
  | "wrong_integer"
  | "wrong_number"
  | "wrong_object"
  | "wrong_string";

/**
 * The shape and limits of a value, as tables generated from the spec, with the messages of
 * its limits. Named types are referenced by name (`ref`) and listed once in `TYPES`.
 *
 * @internal
 */
export type Rule =
  | { readonly kind: "bool" }
  | { readonly kind: "integer"; readonly min?: number; readonly max?: number; readonly outside?: Text }
  | { readonly kind: "float"; readonly min?: number; readonly max?: number; readonly outside?: Text }
  | {
      readonly kind: "string";
      readonly minLen?: number;
      readonly maxLen?: number;
      readonly many?: Text;
      readonly few?: Text;
    }
  | {
      readonly kind: "list";
      readonly item: Rule;
      readonly min?: number;
      readonly max?: number;
      readonly many?: Text;
      readonly few?: Text;
    }
  | {
      readonly kind: "map";
      readonly value: Rule;
      readonly min?: number;
      readonly max?: number;
      readonly keyMinLen?: number;
      readonly keyMaxLen?: number;
      readonly tokenIdKeys: boolean;
      readonly many?: Text;
      readonly few?: Text;
      readonly keyMany?: Text;
      readonly keyFew?: Text;
    }
  | {
      readonly kind: "enum";
      readonly name: string;
      readonly values: readonly string[];
      readonly wrong: Text;
      readonly invalid: Text;
    }
  | {
      readonly kind: "object";
      readonly name: string;
      readonly fields: readonly FieldRule[];
      readonly wrong: Text;
      readonly unknown: Text;
    }
  | { readonly kind: "union"; readonly name: string; readonly members: readonly Rule[]; readonly wrong: Text }
  | { readonly kind: "ref"; readonly name: string };

/** A field of an object rule. @internal */
export interface FieldRule {
  readonly name: string;
  readonly rule: Rule;
  readonly required: boolean;
  /** The message when a required field is missing. */
  readonly missing?: string;
}

/** A parameter: its wire name, the rule of its value and, when it is deprecated, the
 * warning `validate` gives. @internal */
export interface ParamRule {
  readonly name: string;
  readonly rule: Rule;
  readonly deprecation: string | null;
}

/** The rules between one parameter and others, checked when it is set (present and not
 * `null`); the issues are at its path, with these messages. @internal */
export interface Constraint {
  readonly param: string;
  /** Each other parameter that must not be set too, and the message. */
  readonly exclusive: readonly (readonly [string, string])[];
  /** Each other parameter, the JSON scalar it must equal, and the message. */
  readonly requires: readonly (readonly [string, boolean | number | string, string])[];
}

/** A condition of a {@link Step}, read when the step is reached: whether the request has
 * tools; whether `param` is set (present and not `null`); whether it holds one of the
 * strings `values` (or, with `unset`, is not set), or not; whether it is a number above or
 * below `number`. @internal */
export interface Cond {
  readonly test: "tools" | "no_tools" | "set" | "unset" | "in" | "not_in" | "above" | "below";
  readonly param?: string;
  readonly values?: readonly string[];
  readonly unset?: boolean;
  readonly number?: number;
}

/** One step of `prepare`: when every condition holds, `param` is removed, moved to `to`,
 * set to `value` (present or not) or clamped to `value`, and a change is recorded; `warn`
 * records a warning.
 * @internal */
export interface Step {
  readonly param: string;
  readonly when: readonly Cond[];
  readonly action: "remove" | "move" | "set" | "clamp" | "warn";
  readonly reason: Reason;
  /** One text, or two with the entry's id between them. */
  readonly message: readonly string[];
  readonly to?: string;
  readonly value?: boolean | number | string;
}

/** One model of the catalog, with its family's rules applied. */
export interface ModelInfo {
  /** Full id, `provider/name`. */
  readonly id: string;
  /** The family whose rules apply. */
  readonly family: string;
  /** Whether it takes the reasoning effort parameter. */
  readonly reasoning: boolean;
  /** Parameters it rejects. */
  readonly rejects: readonly string[];
  /** Rejected parameters it takes again when reasoning is off. */
  readonly allowedAtEffortOff: readonly string[];
  /** Its lowest reasoning effort. */
  readonly minReasoningEffort: string | null;
  /** Whether it rejects the reasoning effort when tools are present. */
  readonly rejectsEffortWithTools: boolean;
  /** Its highest reasoning effort. */
  readonly maxReasoningEffort: string | null;
  /** Its reasoning effort when the request gives none. */
  readonly defaultReasoningEffort: string | null;
  /** Whether it takes tools only with reasoning off. */
  readonly requiresEffortOffWithTools: boolean;
  /** The most tokens one response may have. */
  readonly maxOutputTokens: number | null;
  /** The most tokens of input and output together. */
  readonly contextWindow: number | null;
  /** When it stops answering (`YYYY-MM-DD`), if it is deprecated. */
  readonly shutdown: string | null;
  /** The catalog id to use instead, if it is deprecated. */
  readonly successor: string | null;
  /** Ids that get its rules: prefixes of the id, or of the name without the provider. */
  readonly prefixes: readonly string[];
}

const hasOwn = Object.prototype.hasOwnProperty;

// ---------------------------------------------------------------------------------------
// JSON kinds

/** A JSON object: any non-null object that is not an array. */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A JSON number: a finite `number`. */
function isNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** The JSON kind of a value, as messages name it. */
function kind(v: unknown): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "a boolean";
    case "number":
      return Number.isFinite(v) ? "a number" : `${v} (not a JSON number)`;
    case "string":
      return "a string";
    case "object":
      return Array.isArray(v) ? "an array" : "an object";
    default:
      return `${typeof v} (not a JSON value)`;
  }
}

/** Length in Unicode code points (a lone surrogate counts as one). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** A non-empty string of ASCII digits (a token id). */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Numbers in messages, printed as the Rust engine prints them

/** The shortest round-trip digits of a finite number and its decimal exponent:
 * `n = 0.d1d2d3... * 10^point` (sign dropped). */
function digitsOf(n: number): { digits: string; point: number } {
  const [mantissa = "0", exp = "0"] = Math.abs(n).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  return { digits, point: Number(exp) + 1 };
}

/** Rust's `Display` of an `f64`: shortest round-trip digits, never an exponent. */
function rustDisplay(n: number): string {
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const { digits, point } = digitsOf(n);
  const sign = n < 0 ? "-" : "";
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A number as the Rust engine's messages write a bound or a value (`2`, `2.01`). */
function fmtNum(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(Math.trunc(n) + 0);
  return rustDisplay(n);
}

/** serde_json's `Display` of a JSON float (ryu's format: `2.5`, `1e-7`, `1.0`). (Also the
 * command line's JSON printer.) @internal */
export function jsonFloat(n: number): string {
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const { digits, point } = digitsOf(n);
  const sign = n < 0 ? "-" : "";
  const len = digits.length;
  if (point >= len && point <= 16) return `${sign}${digits}${"0".repeat(point - len)}.0`;
  if (point > 0 && point <= 16) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  if (point > -5 && point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  const e = point - 1;
  return len === 1 ? `${sign}${digits}e${e}` : `${sign}${digits[0]}.${digits.slice(1)}e${e}`;
}

const NO_TEXT: Text = ["", ""];

/** A message: its text around the value, written. */
function fill(text: Text, value: string): string {
  return text[0] + value + text[1];
}

/** The "did you mean" after a message, when a name is close. */
function hint(closest: string | undefined): string {
  return closest === undefined ? "" : fill(MESSAGES.hint, closest);
}

// ---------------------------------------------------------------------------------------
// Compiled rules

/** A type check without reports: `true` exactly when {@link check} would report nothing. */
type Accept = (v: unknown) => boolean;

const namedRules = new Map<string, Rule>();
for (const t of TYPES) {
  if ("name" in t) namedRules.set(t.name, t);
}

/** The rule a reference stands for. The generator only emits references it defines. */
function resolve(rule: Rule): Exclude<Rule, { kind: "ref" }> {
  let r: Rule = rule;
  while (r.kind === "ref") {
    const target = namedRules.get(r.name);
    if (target === undefined) throw new Error(`llm-params: no type named ${r.name}`);
    r = target;
  }
  return r;
}

const acceptors = new Map<Rule, Accept>();

/** Compiles a rule into a closure, once per rule; a named type is compiled once and shared.
 * While a rule compiles it is a trampoline, so a type may refer to itself. */
function acceptor(rule: Rule): Accept {
  const r = resolve(rule);
  const done = acceptors.get(r);
  if (done !== undefined) return done;
  let compiled: Accept | undefined;
  acceptors.set(r, (v) => (compiled as Accept)(v));
  compiled = compile(r);
  acceptors.set(r, compiled);
  return compiled;
}

function compile(rule: Exclude<Rule, { kind: "ref" }>): Accept {
  switch (rule.kind) {
    case "bool":
      return (v) => typeof v === "boolean";
    case "integer": {
      const lo = rule.min ?? -Infinity;
      const hi = rule.max ?? Infinity;
      return (v) => typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi;
    }
    case "float": {
      const { min, max } = rule;
      if (min !== undefined && max !== undefined) {
        return (v) => typeof v === "number" && v >= min && v <= max;
      }
      const lo = min ?? -Infinity;
      const hi = max ?? Infinity;
      return (v) => typeof v === "number" && Number.isFinite(v) && v >= lo && v <= hi;
    }
    case "string": {
      const { minLen, maxLen } = rule;
      if (minLen === undefined && maxLen === undefined) return (v) => typeof v === "string";
      const lo = minLen ?? 0;
      const hi = maxLen ?? Infinity;
      // Code points are at most the UTF-16 length and at least half of it: count them
      // only when the length alone cannot decide.
      return (v) =>
        typeof v === "string" &&
        (v.length <= hi || codePoints(v) <= hi) &&
        (v.length >= 2 * lo || codePoints(v) >= lo);
    }
    case "list": {
      const item = acceptor(rule.item);
      const lo = rule.min ?? 0;
      const hi = rule.max ?? Infinity;
      return (v) => {
        if (!Array.isArray(v) || v.length > hi || v.length < lo) return false;
        for (let i = 0; i < v.length; i++) {
          if (!item(v[i])) return false;
        }
        return true;
      };
    }
    case "map": {
      const value = acceptor(rule.value);
      const lo = rule.min ?? 0;
      const hi = rule.max ?? Infinity;
      const keyLo = rule.keyMinLen ?? 0;
      const keyHi = rule.keyMaxLen ?? Infinity;
      const tokenIds = rule.tokenIdKeys;
      return (v) => {
        if (!isObject(v)) return false;
        let n = 0;
        for (const k in v) {
          if (!hasOwn.call(v, k)) continue;
          const x = v[k];
          if (x === undefined) continue;
          n++;
          if (k.length > keyHi && codePoints(k) > keyHi) return false;
          if (k.length < 2 * keyLo && codePoints(k) < keyLo) return false;
          if (tokenIds && !isDigits(k)) return false;
          if (!value(x)) return false;
        }
        return n >= lo && n <= hi;
      };
    }
    case "enum": {
      const values = rule.values;
      if (values.length > 8) {
        const set = new Set(values);
        return (v) => typeof v === "string" && set.has(v);
      }
      // A few values: comparing is faster than hashing.
      return (v) => {
        if (typeof v !== "string") return false;
        for (let i = 0; i < values.length; i++) {
          if (values[i] === v) return true;
        }
        return false;
      };
    }
    case "object": {
      const names = rule.fields.map((f) => f.name);
      const accepts = rule.fields.map((f) => acceptor(f.rule));
      const required = rule.fields.map((f) => f.required);
      const count = required.filter(Boolean).length;
      const byName = new Map(names.map((n, i) => [n, i]));
      // Keys from `for...in` are internalized strings: with a few fields, comparing them is
      // faster than hashing.
      const indexOf =
        names.length <= 8
          ? (k: string): number => {
              for (let i = 0; i < names.length; i++) {
                if (names[i] === k) return i;
              }
              return -1;
            }
          : (k: string): number => byName.get(k) ?? -1;
      return (v) => {
        if (!isObject(v)) return false;
        let seen = 0;
        for (const k in v) {
          if (!hasOwn.call(v, k)) continue;
          const x = v[k];
          if (x === undefined) continue;
          const i = indexOf(k);
          if (i < 0) return false;
          if (x === null) continue;
          if (!(accepts[i] as Accept)(x)) return false;
          if (required[i]) seen++;
        }
        return seen === count;
      };
    }
    case "union": {
      const members = rule.members.map(acceptor);
      return (v) => {
        for (let i = 0; i < members.length; i++) {
          if (members[i]!(v)) return true;
        }
        return false;
      };
    }
  }
}

// ---------------------------------------------------------------------------------------
// Issues: made by validation with their message still in parts. The message is written the
// first time it is read (most callers of `validate` only look at codes and paths), so a
// suggestion or a number is only formatted for the issues that someone reads.

/** Writes a message from the part an issue keeps (a primitive: never the caller's objects).
 * Formats that need a rule are made once per rule, with the rule at hand. */
type Format<A> = (a: A) => string;
type AnyFormat = Format<unknown>;

/** Whether issues are sorted by path first: then {@link orderOf} the path decides most
 * comparisons without comparing strings (else every issue's order is 0). */
const PATH_FIRST = ISSUE_ORDER[0] === "path";

/** The issues {@link validate} returns: an {@link Issue} whose `message` is an accessor
 * that writes the text on first read. `JSON.stringify` and `util.inspect` (so
 * `console.log`) see all four fields, through {@link ReportedIssue.toJSON}. */
class ReportedIssue implements Issue {
  // Declared only: the constructor creates them (a field declaration would define each
  // one before the constructor sets it, twice the work).
  declare path: string;
  declare code: Code;
  declare severity: Severity;
  /** {@link orderOf} the path, to sort without comparing strings. */
  #order: number;
  /** `null` once the message is written (or when it was given): `#part` then holds it. */
  #format: AnyFormat | null;
  #part: unknown;

  constructor(path: string, order: number, code: Code, severity: Severity, format: AnyFormat | null, part: unknown) {
    this.path = path;
    this.code = code;
    this.severity = severity;
    this.#order = PATH_FIRST ? order : 0;
    this.#format = format;
    this.#part = part;
  }

  /** What is wrong, for people. */
  get message(): string {
    const format = this.#format;
    if (format !== null) {
      this.#part = format(this.#part);
      this.#format = null;
    }
    return this.#part as string;
  }

  set message(text: string) {
    this.#format = null;
    this.#part = text;
  }

  /** The issue as a plain object with its four fields, in the order of {@link Issue}. */
  toJSON(): Issue {
    return { path: this.path, code: this.code, severity: this.severity, message: this.message };
  }

  /** Node's `util.inspect` (and so `console.log`) shows the plain object. */
  [Symbol.for("nodejs.util.inspect.custom")](): Issue {
    return this.toJSON();
  }

  /** {@link sortIssues} for issues made by validation: their paths' orders first, and
   * {@link compareIssues} only when these are equal. */
  static sort(issues: ReportedIssue[]): void {
    const n = issues.length;
    if (n > 16) {
      issues.sort((a, b) => (a.#order === b.#order ? compareIssues(a, b) : a.#order - b.#order));
      return;
    }
    // A few issues: an insertion sort, without the calls of Array.prototype.sort.
    for (let i = 1; i < n; i++) {
      const x = issues[i] as ReportedIssue;
      const order = x.#order;
      let j = i - 1;
      for (; j >= 0; j--) {
        const y = issues[j] as ReportedIssue;
        if (y.#order < order || (y.#order === order && compareIssues(y, x) <= 0)) break;
        issues[j + 1] = y;
      }
      issues[j + 1] = x;
    }
  }
}

/**
 * A number that orders JSON Pointers (`""` or starting with `/`) as {@link compareIssues}
 * orders their paths, as far as their first three code units after the `/` go: when the
 * orders of two paths differ, so do the paths, the same way round; equal orders say
 * nothing. See {@link orderFrom}.
 */
function orderOf(pointer: string): number {
  return orderFrom(pointer, 1);
}

/**
 * The order of three code units of `s` from `start`, 10 bits each: 0 for the end, the unit
 * plus one below U+03FE, and 1023 for every unit from U+03FE (all of them after the others
 * in code point order too); the units after a 0 or a 1023 count as 0, as what follows two
 * different units that both count 1023 must not decide. The 30 bits are a small integer,
 * which engines store and compare unboxed.
 */
function orderFrom(s: string, start: number): number {
  let order = 0;
  let open = true;
  for (let i = start; i < start + 3; i++) {
    let unit = 0;
    if (open && i < s.length) {
      const c = s.charCodeAt(i);
      unit = c < 0x3fe ? c + 1 : 0x3ff;
    }
    open = unit !== 0 && unit !== 0x3ff;
    order = (order << 10) | unit;
  }
  return order;
}

function report<A>(
  issues: Issue[],
  path: string,
  order: number,
  code: Code,
  severity: Severity,
  format: Format<A> | null,
  part: A,
): void {
  issues.push(new ReportedIssue(path, order, code, severity, format as AnyFormat | null, part));
}

// ---------------------------------------------------------------------------------------
// Reports: what is wrong, where. Only runs on values that the compiled check refused.

/** A path into the options, rendered as a JSON Pointer only when an issue is reported, and
 * then once (the issues of a value and of its children share their parents' text). */
interface Path {
  readonly parent: Path | null;
  readonly key: string | number;
  /** The pointer, once rendered (known ahead for the parameters' own paths). */
  text: string | undefined;
  /** {@link orderOf} the pointer, once rendered. */
  order: number;
}

/** One reference token of a JSON Pointer (`~` -> `~0`, `/` -> `~1`), with its `/`. */
function token(k: string | number): string {
  if (typeof k === "number") return `/${k}`;
  return k.includes("~") || k.includes("/") ? `/${k.replace(/~/g, "~0").replace(/\//g, "~1")}` : `/${k}`;
}

/** The pointer of a key of the options (`/` and the key, escaped). */
function keyPointer(k: string): string {
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c === 0x7e || c === 0x2f) return token(k);
  }
  return "/" + k;
}

function render(path: Path): string {
  let text = path.text;
  if (text === undefined) {
    text = path.parent === null ? token(path.key) : render(path.parent) + token(path.key);
    path.text = text;
    path.order = orderOf(text);
  }
  return text;
}

function at(parent: Path | null, key: string | number): Path {
  return { parent, key, text: undefined, order: 0 };
}

/** A parameter's own path, rendered ahead. */
function paramPath(name: string): Path {
  const path = at(null, name);
  render(path);
  return path;
}

function error<A>(issues: Issue[], path: Path, code: Code, format: Format<A>, part: A): void {
  const text = render(path);
  issues.push(new ReportedIssue(text, path.order, code, "error", format as AnyFormat, part));
}

/** A count against the limits of a rule (or of its keys), with its messages. */
interface Count {
  readonly min: number;
  readonly max: number;
  readonly tooMany: Code;
  readonly more: Format<number>;
  readonly fewer: Format<number>;
}

function count(
  min: number | undefined,
  max: number | undefined,
  many: Text | undefined,
  few: Text | undefined,
  tooMany: Code,
): Count {
  const [moreBefore, moreAfter] = many ?? NO_TEXT;
  const [fewerBefore, fewerAfter] = few ?? NO_TEXT;
  return {
    min: min ?? 0,
    max: max ?? Infinity,
    tooMany,
    more: (n) => moreBefore + String(n) + moreAfter,
    fewer: (n) => fewerBefore + String(n) + fewerAfter,
  };
}

/** Too many -> `tooMany`, too few -> `out_of_range`. */
function checkCount(n: number, c: Count, path: Path, issues: Issue[]): void {
  if (n > c.max) error(issues, path, c.tooMany, c.more, n);
  else if (n < c.min) error(issues, path, "out_of_range", c.fewer, n);
}

/** A test of whether a value has the JSON kind a rule takes (for choosing a union member). */
function kindTest(rule: Rule): Accept {
  const r = resolve(rule);
  switch (r.kind) {
    case "bool":
      return (v) => typeof v === "boolean";
    case "integer":
    case "float":
      return isNumber;
    case "string":
    case "enum":
      return (v) => typeof v === "string";
    case "list":
      return Array.isArray;
    case "map":
    case "object":
      return isObject;
    case "union": {
      const members = r.members.map(kindTest);
      return (v) => members.some((m) => m(v));
    }
  }
}

/** The message of a value of the wrong JSON kind for a rule. */
function wrongText(rule: Resolved): Text {
  switch (rule.kind) {
    case "bool":
      return MESSAGES.wrong_boolean;
    case "integer":
      return MESSAGES.wrong_integer;
    case "float":
      return MESSAGES.wrong_number;
    case "string":
      return MESSAGES.wrong_string;
    case "list":
      return MESSAGES.wrong_array;
    case "map":
      return MESSAGES.wrong_object;
    default:
      return rule.wrong;
  }
}

/** Whether reports skip the values that the compiled checks accept. Only
 * {@link validateWithoutFastPath} turns it off, to compare the two. */
let fastChecks = true;

type Resolved = Exclude<Rule, { kind: "ref" }>;

const notInteger: Format<number> = (n) => fill(MESSAGES.not_an_integer, jsonFloat(n));
const notTokenId: Format<string> = (k) => fill(MESSAGES.not_a_token_id, k);

const outsideFormats = new Map<Rule, Format<number>>();

/** The message of a number outside the range of a rule; one format per rule. */
function outsideFormat(r: Extract<Rule, { kind: "integer" | "float" }>): Format<number> {
  let format = outsideFormats.get(r);
  if (format === undefined) {
    const [before, after] = r.outside ?? NO_TEXT;
    format = (n) => before + fmtNum(n) + after;
    outsideFormats.set(r, format);
  }
  return format;
}

/**
 * Reports every issue of a value against a rule (the Rust engine's `check`), compiled like
 * the {@link Accept} checks: once per rule, with the rule's limits and its children's
 * checks and reports at hand. With the fast checks, a report only runs on a value that the
 * compiled check of its rule refused, and skips the children that their checks accept.
 */
type Report = (v: unknown, path: Path, issues: Issue[]) => void;

const reporters = new Map<Rule, Report>();

function reporter(rule: Rule): Report {
  const r = resolve(rule);
  const done = reporters.get(r);
  if (done !== undefined) return done;
  let compiled: Report | undefined;
  reporters.set(r, (v, path, issues) => (compiled as Report)(v, path, issues));
  compiled = compileReport(r);
  reporters.set(r, compiled);
  return compiled;
}

function compileReport(r: Resolved): Report {
  const wrongKind: Format<string> = (got) => fill(wrongText(r), got);
  /** Reports a value of the wrong JSON kind. The kind is written now: the issue keeps no
   * reference to the caller's value. */
  const wrong = (v: unknown, path: Path, issues: Issue[]): void => {
    error(issues, path, "invalid_type", wrongKind, kind(v));
  };
  switch (r.kind) {
    case "bool":
      return (v, path, issues) => {
        if (typeof v !== "boolean") wrong(v, path, issues);
      };
    case "integer":
    case "float": {
      const lo = r.min ?? -Infinity;
      const hi = r.max ?? Infinity;
      const integer = r.kind === "integer";
      const outside = outsideFormat(r);
      return (v, path, issues) => {
        if (!isNumber(v)) wrong(v, path, issues);
        else if (integer && !Number.isInteger(v)) error(issues, path, "invalid_type", notInteger, v);
        else if (v < lo || v > hi) error(issues, path, "out_of_range", outside, v);
      };
    }
    case "string": {
      const length = count(r.minLen, r.maxLen, r.many, r.few, "too_long");
      return (v, path, issues) => {
        if (typeof v !== "string") wrong(v, path, issues);
        else checkCount(codePoints(v), length, path, issues);
      };
    }
    case "list": {
      const size = count(r.min, r.max, r.many, r.few, "too_many_items");
      const accept = acceptor(r.item);
      const report = reporter(r.item);
      return (v, path, issues) => {
        if (!Array.isArray(v)) {
          wrong(v, path, issues);
          return;
        }
        checkCount(v.length, size, path, issues);
        const fast = fastChecks;
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (!fast || !accept(x)) report(x, at(path, i), issues);
        }
      };
    }
    case "map": {
      const size = count(r.min, r.max, r.many, r.few, "too_many_items");
      const keyLength = count(r.keyMinLen, r.keyMaxLen, r.keyMany, r.keyFew, "too_long");
      const tokenIdKeys = r.tokenIdKeys;
      const accept = acceptor(r.value);
      const report = reporter(r.value);
      return (v, path, issues) => {
        if (!isObject(v)) {
          wrong(v, path, issues);
          return;
        }
        const keys = ownKeys(v);
        checkCount(keys.length, size, path, issues);
        const fast = fastChecks;
        for (const k of keys) {
          const p = at(path, k);
          checkCount(codePoints(k), keyLength, p, issues);
          if (tokenIdKeys && !isDigits(k)) error(issues, p, "invalid_value", notTokenId, k);
          const x = v[k];
          if (!fast || !accept(x)) report(x, p, issues);
        }
      };
    }
    case "enum": {
      const accept = acceptor(r);
      const values = r.values;
      const notOneOf: Format<string> = (v) => fill(r.invalid, v) + hint(closest(v, values));
      return (v, path, issues) => {
        if (typeof v !== "string") wrong(v, path, issues);
        // With the fast checks, a string here is one the compiled check refused.
        else if (fastChecks || !accept(v)) error(issues, path, "invalid_value", notOneOf, v);
      };
    }
    case "object": {
      const fields = r.fields.map((f) => ({
        name: f.name,
        required: f.required,
        accept: acceptor(f.rule),
        report: reporter(f.rule),
      }));
      const names = new Set(fields.map((f) => f.name));
      const missing = new Map(r.fields.map((f) => [f.name, f.missing ?? ""]));
      const missingField: Format<string> = (field) => missing.get(field) ?? "";
      const unknownField: Format<string> = (k) => unknownMessage(r.unknown, k, fieldNames(r));
      return (v, path, issues) => {
        if (!isObject(v)) {
          wrong(v, path, issues);
          return;
        }
        const fast = fastChecks;
        for (const f of fields) {
          const x = hasOwn.call(v, f.name) ? v[f.name] : undefined;
          if (x === null || x === undefined) {
            if (f.required) error(issues, at(path, f.name), "invalid_type", missingField, f.name);
          } else if (!fast || !f.accept(x)) {
            f.report(x, at(path, f.name), issues);
          }
        }
        for (const k of ownKeys(v)) {
          if (!names.has(k)) error(issues, at(path, k), "unknown_parameter", unknownField, k);
        }
      };
    }
    case "union": {
      // The first member that takes the value wins; otherwise the first member of the
      // value's JSON kind explains what is wrong. With the fast checks, no member takes
      // the value (the union's compiled check refused it).
      const fits = r.members.map(kindTest);
      const reports = r.members.map(reporter);
      return (v, path, issues) => {
        if (fastChecks) {
          for (let i = 0; i < fits.length; i++) {
            if ((fits[i] as Accept)(v)) {
              (reports[i] as Report)(v, path, issues);
              return;
            }
          }
          wrong(v, path, issues);
          return;
        }
        const before = issues.length;
        let first: Issue[] | undefined;
        for (let i = 0; i < fits.length; i++) {
          if (!(fits[i] as Accept)(v)) continue;
          (reports[i] as Report)(v, path, issues);
          if (issues.length === before) return;
          const these = issues.splice(before);
          first ??= these;
        }
        if (first !== undefined) issues.push(...first);
        else wrong(v, path, issues);
      };
    }
  }
}

const fieldNameLists = new WeakMap<Rule, readonly string[]>();

/** The field names of an object rule (one list per rule, so that suggestions can cache
 * their index). */
function fieldNames(r: Extract<Rule, { kind: "object" }>): readonly string[] {
  let names = fieldNameLists.get(r);
  if (names === undefined) {
    names = r.fields.map((f) => f.name);
    fieldNameLists.set(r, names);
  }
  return names;
}

/** Own enumerable keys whose value is not `undefined` (the keys JSON would carry). */
function ownKeys(o: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const k in o) {
    if (hasOwn.call(o, k) && o[k] !== undefined) keys.push(k);
  }
  return keys;
}

// ---------------------------------------------------------------------------------------
// Suggestions

/**
 * The closest name by Levenshtein distance over code points, when the distance is at most
 * 2; ties go to the first name. Every language uses this same rule.
 */
export function suggest(key: string, names: Iterable<string>): string | undefined {
  // One scan: an index pays off only when the same list is searched again, and the
  // caller's list may change between calls.
  const list = Array.from(names);
  const i = firstClosest(codePointsOf(key), list.map(codePointsOf), upTo(list.length));
  return i < 0 ? undefined : list[i];
}

/**
 * {@link suggest} through the engine's index of `names` (built on the first call for this
 * array, which must not change afterwards). Same answer; the tests compare the two.
 *
 * @internal
 */
export function suggestIndexed(key: string, names: readonly string[]): string | undefined {
  return closest(key, names);
}

/** The greatest distance of a suggestion. */
const MAX_DISTANCE = 2;
/** Lists this long or longer are indexed on their first suggestion; shorter ones are
 * scanned (same answer). */
const INDEX_FROM = 16;

/** The code points of a string (a lone surrogate is one). */
function codePointsOf(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) as number;
    out.push(c);
    if (c > 0xffff) i++;
  }
  return out;
}

/** A list of names ready for suggestions: their code points and, for a long list, the
 * index of their deletions (built on the first suggestion). */
interface Suggester {
  readonly points: readonly (readonly number[])[];
  index: Index | undefined;
  longest: number;
}

/** The first position of each name, and the positions (ascending) of the names by each
 * string made by deleting one code point of them, and two. `null` when a name has a lone
 * surrogate (deleting a code point could then join two into a pair): such a list is
 * scanned. */
type Index = {
  readonly exact: Map<string, number>;
  readonly one: Map<string, number[]>;
  readonly two: Map<string, number[]>;
} | null;

/** One per list of the tables. */
const suggesters = new WeakMap<readonly string[], Suggester>();

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The strings made by deleting one code point of `s`. */
function deletionsOfOne(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const next = (s.codePointAt(i) as number) > 0xffff ? i + 2 : i + 1;
    out.push(s.slice(0, i) + s.slice(next));
    i = next - 1;
  }
  return out;
}

/** The strings made by deleting two code points of `s`. */
function deletionsOfTwo(s: string): Set<string> {
  const starts: number[] = [];
  for (let i = 0; i < s.length; i++) {
    starts.push(i);
    if ((s.codePointAt(i) as number) > 0xffff) i++;
  }
  starts.push(s.length);
  const two = new Set<string>();
  const n = starts.length - 1;
  for (let i = 0; i < n; i++) {
    const head = s.slice(0, starts[i]);
    const after = starts[i + 1] as number;
    for (let j = i + 1; j < n; j++) two.add(head + s.slice(after, starts[j]) + s.slice(starts[j + 1]));
  }
  return two;
}

function indexAdd(index: Map<string, number[]>, keys: Iterable<string>, i: number): void {
  for (const k of keys) {
    const list = index.get(k);
    if (list === undefined) index.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  }
}

/** Adds to `out` the positions `index` has for any of `keys`. */
function foundIn(index: Map<string, number[]>, keys: Iterable<string>, out: Set<number>): Set<number> {
  for (const k of keys) {
    const list = index.get(k);
    if (list !== undefined) for (const i of list) out.add(i);
  }
  return out;
}

function buildIndex(names: readonly string[]): Index {
  const exact = new Map<string, number>();
  const one = new Map<string, number[]>();
  const two = new Map<string, number[]>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (LONE_SURROGATE.test(name)) return null;
    if (!exact.has(name)) exact.set(name, i);
    const ones = deletionsOfOne(name);
    indexAdd(one, ones, i);
    indexAdd(two, deletionsOfTwo(name), i);
  }
  return { exact, one, two };
}

/** The first of the names at these positions (ascending) at the least distance from the
 * key, at most 2; -1 for none. */
function firstClosest(a: readonly number[], points: readonly (readonly number[])[], positions: Iterable<number>): number {
  let best = -1;
  let bound = MAX_DISTANCE;
  for (const i of positions) {
    const d = distanceWithin(a, points[i] as readonly number[], bound);
    if (d >= 0) {
      best = i;
      if (d === 0) break;
      bound = d - 1;
    }
  }
  return best;
}

function* upTo(n: number): Iterable<number> {
  for (let i = 0; i < n; i++) yield i;
}

/**
 * The suggestion for `key` among `names`: the first name at the least distance, at most 2.
 * A long list is searched through the deletions of its names (symmetric deletion, as in
 * SymSpell): two strings are within distance 2 only if deleting at most two code points
 * of each gives a common string, so only the names sharing a deletion with the key can be
 * suggested. Where the deletions meet tells much of the distance (none from either side:
 * 0; none from one side and one from the other: 1; one from each, or two from one side
 * only: at most 2), so the distance is measured only for the pairs it leaves open. Same
 * answer as a scan, in a time that does not grow with the list.
 */
function closest(key: string, names: readonly string[]): string | undefined {
  let s = suggesters.get(names);
  if (s === undefined) {
    const points = names.map(codePointsOf);
    s = { points, index: undefined, longest: points.reduce((m, p) => Math.max(m, p.length), 0) };
    suggesters.set(names, s);
  }
  const a = codePointsOf(key);
  if (names.length >= INDEX_FROM && a.length > s.longest + MAX_DISTANCE) return undefined;
  if (names.length >= INDEX_FROM && s.index === undefined) s.index = buildIndex(names);
  const index = s.index;
  if (names.length < INDEX_FROM || index == null || LONE_SURROGATE.test(key)) {
    const i = firstClosest(a, s.points, upTo(names.length));
    return i < 0 ? undefined : names[i];
  }
  const { exact, one, two } = index;
  const same = exact.get(key);
  if (same !== undefined) return names[same];
  const keyOne = deletionsOfOne(key);
  // Distance 1: a name one longer or one shorter (certain), or of the same length with one
  // code point changed (one deletion from each side: 1 or 2).
  const certain = foundIn(one, [key], new Set());
  for (const k of keyOne) {
    const i = exact.get(k);
    if (i !== undefined) certain.add(i);
  }
  const bothOne = foundIn(one, keyOne, new Set());
  let best = names.length;
  for (const i of certain) if (i < best) best = i;
  for (const i of bothOne) {
    if (i < best && distanceWithin(a, s.points[i] as readonly number[], 1) >= 0) best = i;
  }
  if (best < names.length) return names[best];
  // Distance 2 (no name is nearer): certain for one deletion from each side, or two from
  // one side only; measured when the deletions from both sides add up to 3 or 4.
  const keyTwo = deletionsOfTwo(key);
  for (const i of foundIn(two, [key], bothOne)) if (i < best) best = i;
  for (const k of keyTwo) {
    const i = exact.get(k);
    if (i !== undefined && i < best) best = i;
  }
  const open = foundIn(two, keyTwo, foundIn(one, keyTwo, foundIn(two, keyOne, new Set())));
  const sorted = [...open].filter((i) => i < best).sort((x, y) => x - y);
  for (const i of sorted) {
    if (distanceWithin(a, s.points[i] as readonly number[], 2) >= 0) {
      best = i;
      break;
    }
  }
  return best < names.length ? names[best] : undefined;
}

/** The Levenshtein distance of `a` and `b` when it is at most `bound`, else -1 (a length
 * gap or a row past the bound ends the work). */
function distanceWithin(a: readonly number[], b: readonly number[], bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return -1;
  const row: number[] = [];
  for (let j = 0; j <= b.length; j++) row.push(j);
  for (let i = 0; i < a.length; i++) {
    let prev = row[0] as number;
    row[0] = i + 1;
    let least = i + 1;
    for (let j = 0; j < b.length; j++) {
      const cur = row[j + 1] as number;
      const value = a[i] === b[j] ? prev : 1 + Math.min(prev, cur, row[j] as number);
      row[j + 1] = value;
      if (value < least) least = value;
      prev = cur;
    }
    if (least > bound) return -1;
  }
  const d = row[b.length] as number;
  return d <= bound ? d : -1;
}

/** "unknown parameter `x`; did you mean `y`?" */
function unknownMessage(text: Text, key: string, names: readonly string[]): string {
  return fill(text, key) + hint(closest(key, names));
}

// ---------------------------------------------------------------------------------------
// Validation

interface CompiledParam {
  readonly rule: ParamRule;
  readonly accept: Accept;
  readonly report: Report;
  /** For a number (most parameters are), its check and report without calls of `accept`
   * and `report`: whether it takes only integers, its bounds and the message outside them. */
  readonly number: typeof NOT_A_NUMBER | typeof FLOAT | typeof INTEGER;
  readonly lo: number;
  readonly hi: number;
  readonly outside: Format<number>;
  /** Its deprecation message, or `null` when it is not deprecated. */
  readonly deprecation: string | null;
  /** The cross-parameter rules checked when it is set (`null`: none). */
  readonly relations: readonly Relation[] | null;
  /** Its path, rendered once. */
  readonly path: Path;
}

interface Relation {
  readonly name: string;
  /** Its path, rendered once. */
  readonly path: Path;
  /** Exclusive with these earlier parameters: each pair is reported once, on the later one. */
  readonly exclusive: readonly Other[];
  /** Requires these parameters to have these values. */
  readonly requires: readonly Other[];
}

/** The other parameter of a relation, and the message of its issue. */
interface Other {
  readonly name: string;
  /** The JSON scalar it must equal (for a requirement). */
  readonly value: boolean | number | string | null;
  readonly message: string;
}

const paramNames: readonly string[] = PARAMS.map((p) => p.name);

/** The cross-parameter rules, in spec order, by the parameter they are reported on: only
 * the rules of the parameters set are checked. */
const relationsOf = new Map<string, Relation[]>();
for (const c of CONSTRAINTS) {
  const r: Relation = {
    name: c.param,
    path: paramPath(c.param),
    exclusive: c.exclusive.map(([o, message]) => ({ name: o, value: null, message })),
    requires: c.requires.map(([o, value, message]) => ({ name: o, value, message })),
  };
  const list = relationsOf.get(c.param);
  if (list === undefined) relationsOf.set(c.param, [r]);
  else list.push(r);
}

const NOT_A_NUMBER = 0;
const FLOAT = 1;
const INTEGER = 2;

function compileParam(p: ParamRule): CompiledParam {
  const r = resolve(p.rule);
  const numeric = r.kind === "integer" || r.kind === "float";
  return {
    rule: p,
    accept: acceptor(p.rule),
    report: reporter(p.rule),
    number: r.kind === "integer" ? INTEGER : r.kind === "float" ? FLOAT : NOT_A_NUMBER,
    lo: numeric ? (r.min ?? -Infinity) : 0,
    hi: numeric ? (r.max ?? Infinity) : 0,
    // Unused for the other parameters.
    outside: numeric ? outsideFormat(r) : notInteger,
    deprecation: p.deprecation,
    relations: relationsOf.get(p.name) ?? null,
    path: paramPath(p.name),
  };
}

/**
 * Reports the issues of a parameter's (non-null) value, as `accept` then `report` would: for
 * a finite number of the kind a number parameter takes, its range is checked here (the same
 * test, message and path as its compiled check and its report), which spares two calls for
 * the most common parameters. Returns the issues, created when there is one.
 */
function checkParam(p: CompiledParam, v: unknown, issues: Issue[] | undefined): Issue[] | undefined {
  const number = p.number;
  if (number !== NOT_A_NUMBER && typeof v === "number" && v - v === 0 && (number === FLOAT || Number.isInteger(v))) {
    if (v < p.lo || v > p.hi) error((issues ??= []), p.path, "out_of_range", p.outside, v);
  } else if (number !== NOT_A_NUMBER || !p.accept(v)) {
    p.report(v, p.path, (issues ??= []));
  }
  return issues;
}

/** The parameters by name: an object without prototype (no inherited key can match), which
 * engines look keys up in faster than in a `Map`. */
const compiledParams: { [name: string]: CompiledParam | undefined } = Object.create(null) as {
  [name: string]: CompiledParam | undefined;
};
for (const p of PARAMS) compiledParams[p.name] = compileParam(p);

function isSet(o: Record<string, unknown>, name: string): boolean {
  return hasOwn.call(o, name) && o[name] != null;
}

const unknownParameter: Format<string> = (key) => unknownMessage(MESSAGES.unknown_parameter, key, paramNames);
const notAnObject: Format<string> = (got) => fill(MESSAGES.not_an_object, got);

/** Reports the cross-parameter rules of a parameter that is set. */
function checkRelations(o: Record<string, unknown>, relations: readonly Relation[], issues: Issue[]): void {
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i] as Relation;
    const path = r.path;
    for (let j = 0; j < r.exclusive.length; j++) {
      const other = r.exclusive[j] as Other;
      if (isSet(o, other.name)) {
        report(issues, path.text as string, path.order, "mutually_exclusive", "error", null, other.message);
      }
    }
    for (let j = 0; j < r.requires.length; j++) {
      const other = r.requires[j] as Other;
      if (!isSet(o, other.name) || o[other.name] !== other.value) {
        report(issues, path.text as string, path.order, "missing_dependency", "error", null, other.message);
      }
    }
  }
}

function validateMap(o: Record<string, unknown>, fast: boolean): Issue[] {
  let issues: Issue[] | undefined;
  // The rules of the parameters set, checked once every key is seen.
  let related: (readonly Relation[])[] | undefined;
  for (const key in o) {
    if (!hasOwn.call(o, key)) continue;
    const v = o[key];
    if (v === undefined) continue;
    const p = compiledParams[key];
    if (p === undefined) {
      const path = keyPointer(key);
      // Unless the key escapes, the pointer's units after its `/` are the key's.
      const order = path.length === key.length + 1 ? orderFrom(key, 0) : orderOf(path);
      report((issues ??= []), path, order, "unknown_parameter", "error", unknownParameter, key);
      continue;
    }
    if (v === null) continue;
    if (p.relations !== null) (related ??= []).push(p.relations);
    if (fast) issues = checkParam(p, v, issues);
    else p.report(v, p.path, (issues ??= []));
    if (p.deprecation !== null) {
      const path = p.path;
      report((issues ??= []), path.text as string, path.order, "deprecated", "warning", null, p.deprecation);
    }
  }
  if (related !== undefined) {
    for (let i = 0; i < related.length; i++) checkRelations(o, related[i] as readonly Relation[], (issues ??= []));
  }
  if (issues === undefined) return [];
  if (issues.length > 1) ReportedIssue.sort(issues as ReportedIssue[]);
  return issues;
}

/**
 * Validates raw options (a JSON object of parameters) and returns every issue, sorted by
 * path then code. `null` counts as not set.
 *
 * Each issue's `message` is written when it is first read: an issue is an object of the
 * {@link Issue} shape whose `message` is an accessor (so `JSON.stringify`, `console.log`
 * and reading `.message` give the text; an object spread copies only the other fields).
 */
export function validate(options: unknown): Issue[] {
  if (!isObject(options)) {
    const issues: Issue[] = [];
    report(issues, "", 0, "invalid_type", "error", notAnObject, kind(options));
    return issues;
  }
  return validateMap(options, true);
}

/**
 * {@link validate}, plus what `model` does not take: each change {@link prepare} would make
 * (and each warning it would give) as an issue at the parameter's path, with the change's
 * message, so a caller can refuse a request instead of rewriting it. Sorted like
 * {@link validate}.
 */
export function validateFor(model: string, options: unknown, context: PrepareContext = {}): Issue[] {
  const issues = validate(options);
  if (!isObject(options)) return issues;
  const prepared = prepare(model, options, context);
  for (const c of prepared.changes) {
    const [code, severity] = REASON_ISSUES[c.reason];
    const path = keyPointer(c.parameter);
    report(issues, path, orderOf(path), code, severity, null, c.message);
  }
  for (const w of prepared.warnings) {
    const [code, severity] = REASON_ISSUES[w.reason];
    report(issues, "", 0, code, severity, null, w.message);
  }
  if (issues.length > 1) sortIssues(issues);
  return issues;
}

/**
 * {@link validate} without its fast path: every set parameter goes through the reporting
 * check. Same result, slower; the tests compare the two.
 *
 * @internal
 */
export function validateWithoutFastPath(options: unknown): Issue[] {
  if (!isObject(options)) return validate(options);
  fastChecks = false;
  try {
    return validateMap(options, false);
  } finally {
    fastChecks = true;
  }
}

/** Compares strings by code point, as Rust compares `str`s (UTF-16 code-unit order differs
 * only for characters beyond U+FFFF against U+E000..U+FFFF). (Also the command line's key
 * order.) @internal */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (U+D800..U+DFFF) stand for code points above U+FFFF.
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Compares issues by the fields of {@link ISSUE_ORDER} in turn, each by code point. */
function compareIssues(a: Issue, b: Issue): number {
  for (const field of ISSUE_ORDER) {
    const x = a[field];
    const y = b[field];
    if (x !== y) return compareCodePoints(x, y);
  }
  return 0;
}

/** Sorts issues the way every language does: by the fields of {@link ISSUE_ORDER} in turn
 * (path, then code), strings by code point; stable. */
export function sortIssues(issues: Issue[]): Issue[] {
  if (issues.length > 16) return issues.sort(compareIssues);
  // A few issues: an insertion sort, without the calls of Array.prototype.sort.
  for (let i = 1; i < issues.length; i++) {
    const x = issues[i] as Issue;
    let j = i - 1;
    while (j >= 0 && compareIssues(issues[j] as Issue, x) > 0) {
      issues[j + 1] = issues[j] as Issue;
      j--;
    }
    issues[j + 1] = x;
  }
  return issues;
}

// ---------------------------------------------------------------------------------------
// Preparation

/** What `prepare` did to one parameter. */
export type Action =
  /** Not sent. */
  | "removed"
  /** Sent under another name (`to`). */
  | "moved"
  /** Sent with a value the model takes (an effort raised, lowered or set). */
  | "set"
  /** A number brought within the model's limit. */
  | "clamped";

/** Why `prepare` changed a parameter. Stable strings in every language. */
export type Reason =
  /** It only means something with tools, and the request has none. */
  | "no_tools"
  /** It is for reasoning models and this one is not. */
  | "not_reasoning_model"
  /** The model rejects the reasoning effort when tools are present. */
  | "effort_with_tools"
  /** The model rejects it. */
  | "unsupported_by_model"
  /** The model rejects it and its replacement is already set. */
  | "replacement_set"
  /** The effort is below the model's lowest. */
  | "effort_too_low"
  /** The effort is above the model's highest. */
  | "effort_too_high"
  /** The model takes the parameter only at other values. */
  | "value_unsupported_by_model"
  /** A number above the model's limit (its output cap, or a narrower range). */
  | "above_model_limit"
  /** A number below the model's limit. */
  | "below_model_limit"
  /** The model is being retired (a warning; nothing changes). */
  | "deprecated_model";

/** One change made by {@link prepare}. */
export interface Change {
  /** The parameter as given. */
  parameter: string;
  /** Removed or moved. */
  action: Action;
  /** Where it moved to (for `moved`; absent otherwise). */
  to?: string;
  /** Stable reason code. */
  reason: Reason;
  /** What happened and why, for people. */
  message: string;
}

/** What the request needs beyond the options. */
export interface PrepareContext {
  /** Whether the request carries tools (default `false`). */
  hasTools?: boolean;
}

/** Something `prepare` reports without changing anything (a deprecated model). */
export interface PrepareWarning {
  reason: Reason;
  message: string;
}

/** How a model id found its rules. */
export interface Matched {
  /** Its catalog id, its name without the provider, or a prefix. */
  by: "id" | "name" | "prefix";
  /** The catalog id of the model, or the family whose prefix matched. */
  entry: string;
  /** The prefix, for `prefix`. */
  pattern: string | null;
}

/**
 * The options to send to one model, and what was changed to get there.
 *
 * Typed by what `prepare` was given: `Prepared<ModelOptions>` (the spec's options type) for
 * typed options, `Prepared` (`Prepared<Record<string, unknown>>`) for any other object.
 */
export interface Prepared<O extends object = Record<string, unknown>> {
  /** The catalog id of the model (the id as given, when a family's prefix matched it), or
   * `null` when the model is unknown. */
  model: string | null;
  /** What to send: a new object (the input is not modified; nested values are shared). For
   * typed options, of their type: `prepare` only removes keys, moves a value to a key of the
   * same type, or sets a value the spec allows. */
  options: O;
  /** Every change, in the order they were made. */
  changes: Change[];
  /** What the request should know and nothing changed for (a deprecated model). */
  warnings: PrepareWarning[];
  /** How the model was found, or `null` when it is unknown. */
  matched: Matched | null;
}

/** Every model of the catalog, in catalog order. */
export function models(): readonly ModelInfo[] {
  return MODELS;
}

/** Finds a model by its full id, by its name without the provider prefix, or by the
 * longest of the catalog models' prefixes that the id starts with. */
export function findModel(model: string): ModelInfo | undefined {
  return findEntry(model)?.info ?? undefined;
}

interface Entry {
  /** The model, or `null` for a family entry. */
  readonly info: ModelInfo | null;
  readonly steps: readonly Step[];
  readonly matched: Matched;
}

function findEntry(model: string): Entry | undefined {
  const ofModel = (i: number, by: Matched["by"], pattern: string | null): Entry => {
    const info = MODELS[i] as ModelInfo;
    const steps = STEP_GROUPS[MODEL_GROUPS[i] as number] as readonly Step[];
    return { info, steps, matched: { by, entry: info.id, pattern } };
  };
  const exact = MODELS.findIndex((m) => m.id === model);
  if (exact >= 0) return ofModel(exact, "id", null);
  const bare = model.slice(model.lastIndexOf("/") + 1);
  const named = MODELS.findIndex((m) => m.id.slice(m.id.lastIndexOf("/") + 1) === bare);
  if (named >= 0) return ofModel(named, "name", null);
  for (const [prefix, family, i] of PATTERNS) {
    if (!(prefix.includes("/") ? model : bare).startsWith(prefix)) continue;
    if (!family) return ofModel(i, "prefix", prefix);
    const entry = FAMILY_ENTRIES[i] as ModelInfo;
    const steps = STEP_GROUPS[FAMILY_GROUPS[i] as number] as readonly Step[];
    return { info: null, steps, matched: { by: "prefix", entry: entry.family, pattern: prefix } };
  }
  return undefined;
}

/** Sets an own property, also for the key `__proto__` (which `=` would treat as the
 * prototype). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    o[key] = value;
  }
}

/**
 * Prepares options for a model: removes what it rejects, moves what has moved, and reports
 * every change. Unknown models get the options unchanged (the API ignores what it does not
 * support). Keys that are not parameters pass through. The input is not modified.
 */
export function prepare(model: string, options: object, context: PrepareContext = {}): Prepared {
  if (!isObject(options)) throw new TypeError("llm-params: prepare() takes an options object");
  const out: Record<string, unknown> = {};
  for (const k in options) {
    if (hasOwn.call(options, k) && options[k] !== undefined) put(out, k, options[k]);
  }
  const changes: Change[] = [];
  const warnings: PrepareWarning[] = [];
  const found = findEntry(model);
  if (found === undefined) return { model: null, options: out, changes, warnings, matched: null };
  const entryId = found.info === null ? model : found.info.id;
  const hasTools = context.hasTools === true;
  for (const list of [COMMON_STEPS, found.steps]) {
    for (const step of list) {
      if (!step.when.every((c) => holds(c, out, hasTools))) continue;
      const message = step.message.join(entryId);
      const { param, reason } = step;
      if (step.action === "warn") {
        warnings.push({ reason, message });
        continue;
      }
      if (step.action === "set") {
        put(out, param, step.value);
        changes.push({ parameter: param, action: "set", reason, message });
        continue;
      }
      if (!hasOwn.call(out, param)) continue;
      if (step.action === "remove") {
        delete out[param];
        changes.push({ parameter: param, action: "removed", reason, message });
      } else if (step.action === "move") {
        const to = step.to as string;
        const value = out[param];
        delete out[param];
        put(out, to, value);
        changes.push({ parameter: param, action: "moved", to, reason, message });
      } else {
        put(out, param, step.value);
        changes.push({ parameter: param, action: "clamped", reason, message });
      }
    }
  }
  return { model: entryId, options: out, changes, warnings, matched: found.matched };
}

function holds(c: Cond, out: Record<string, unknown>, hasTools: boolean): boolean {
  const param = c.param as string;
  switch (c.test) {
    case "tools":
      return hasTools;
    case "no_tools":
      return !hasTools;
    case "set":
      return isSet(out, param);
    case "unset":
      return !isSet(out, param);
    case "above":
    case "below": {
      const v = hasOwn.call(out, param) ? out[param] : undefined;
      if (!isNumber(v)) return false;
      return c.test === "above" ? v > (c.number as number) : v < (c.number as number);
    }
    case "in":
    case "not_in": {
      const v = hasOwn.call(out, param) ? out[param] : undefined;
      const within =
        v === null || v === undefined ? c.unset === true : typeof v === "string" && (c.values as readonly string[]).includes(v);
      return c.test === "in" ? within : !within;
    }
  }
}

// ---------------------------------------------------------------------------------------
// The options holder

/** A shallow copy of an options object, without the keys whose value is `undefined`. */
function copyOptions<O extends object>(options: O): O {
  const out: Record<string, unknown> = {};
  for (const k in options) {
    if (hasOwn.call(options, k) && options[k] !== undefined) put(out, k, options[k]);
  }
  return out as O;
}

/**
 * The options as a plain object: a shallow copy (the keys whose value is `undefined` left
 * out, as `prepare` leaves them out). The package exports it typed with its options type, as
 * `plain`, for an API that types its options with a type of its own.
 */
export function plainOptions(options: object): Record<string, unknown> {
  return copyOptions(options) as Record<string, unknown>;
}

/**
 * The documented runtime behaviour of an LLM's options: a model and persistent options,
 * where an update **replaces** the options (never merges) and `{}` clears them.
 *
 * The package exports it typed with its options type as `LlmOptions`.
 */
export class OptionsHolder<O extends object> {
  #model: string;
  #options: O;

  /** A model and its persistent options (copied). */
  constructor(model: string, modelOptions: O = {} as O) {
    this.#model = model;
    this.#options = copyOptions(modelOptions);
  }

  /**
   * Both arguments are optional. `modelOptions` replaces the previous options object: keys
   * not in it are dropped; `{}` clears them.
   */
  updateOptions({ model, modelOptions }: { model?: string; modelOptions?: O } = {}): void {
    if (model !== undefined) this.#model = model;
    if (modelOptions !== undefined) this.#options = copyOptions(modelOptions);
  }

  /** The current model. */
  get model(): string {
    return this.#model;
  }

  /** The current persistent options. */
  get modelOptions(): Readonly<O> {
    return this.#options;
  }

  /** What the next request sends: the current options prepared for the current model. */
  request(context: PrepareContext = {}): Prepared<O> {
    // The options are a copy of what was given as `O`, and `prepare` keeps them of that
    // type (see `Prepared.options`).
    return prepare(this.#model, this.#options, context) as Prepared<object> as Prepared<O>;
  }
}
