// `npm run check`: this repository's spec, as `generated/typescript` types it, against the
// real `openai` and `@livekit/agents` types. It compares only what the spec shares with them
// (ECOSYSTEM.md says what and why, in prose):
//
// - openai's `ChatCompletionCreateParams`: every parameter without `extension: true` must be
//   one of its keys, with the same type both ways (absent and `null` aside);
// - LiveKit's `inference.LLM` `modelOptions`: every parameter LiveKit types, the same type
//   both ways; a parameter LiveKit does not type passes through its index signature and is
//   not compared;
// - the whole options object: assignable to LiveKit's `modelOptions` (constructor and
//   `updateOptions`) and to openai's parameters, but for the known differences; a misspelt
//   key is an error in an options literal; what `prepare` returns for raw options goes to
//   LiveKit as it is;
// - what a LiveKit user writes: `new inference.LLM({ model, modelOptions: plain(options) })`
//   compiles (and `updateOptions`, and with `prepare`), and the straightforward
//   `modelOptions: options` compiles exactly when no known difference leaves values of the
//   spec out of LiveKit's type; `prepare(model, options).options` and `llm.request()` are of
//   the options type.
//
// How: it writes `gen/check.ts`, one assignment per parameter, package and direction, each
// on its own line, runs the real type checker (`tsc --noEmit`) on it, and maps each error's
// line back to what it compares. A failure is one line per parameter and package: the
// parameter, the package and its version (read from the installed package), both types as
// the checker prints them and what the checker adds, e.g. "`seed`: openai 6.49.0
// (ChatCompletionCreateParams) types it `number`, the spec says `string`; neither takes
// every value of the other". The known, deliberate differences are data
// (`known-differences.json`, each with its reason): they are compared as exactly what they
// say, and one that no longer shows fails too. Entries for parameters the spec does not have
// are ignored.
//
// The spec is read from `schema/spec.yaml` (for `extension` and the options type's name);
// the types from the built package (`generated/typescript/dist/`, which `cargo xtask test`
// builds first).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { parse } from "yaml";

/** `upstream/typescript/`. */
const here = fileURLToPath(new URL("..", import.meta.url));
const root = join(here, "..", "..");
const SPEC = "schema/spec.yaml";
const PACKAGE = "generated/typescript";
const KNOWN = "known-differences.json";

interface Param {
  name: string;
  extension: boolean;
}

/** The spec's parameters (name, `extension`) and the name of its options type. */
function readSpec(): { optionsName: string; params: Param[] } {
  const doc = parse(readFileSync(join(root, SPEC), "utf8")) as { options_name?: unknown; parameters?: unknown };
  const list = Array.isArray(doc.parameters) ? (doc.parameters as unknown[]) : [];
  const params = list.map((p) => {
    const o = p as { name?: unknown; extension?: unknown };
    if (typeof o.name !== "string") throw new Error(`${SPEC}: a parameter without a name`);
    return { name: o.name, extension: o.extension === true };
  });
  const optionsName = typeof doc.options_name === "string" ? doc.options_name : "ModelOptions";
  return { optionsName, params };
}

/** One package compared: its name, installed version, the alias of the compared type in the
 * check file, and which of the spec's parameters it shares. */
interface Upstream {
  name: string;
  version: string;
  alias: string;
  what: string;
  /** Whether the spec claims to share the parameter with this package. */
  shares: (p: Param) => boolean;
  /** Whether a shared parameter the package does not type is a failure (openai), or simply
   * not compared (LiveKit, whose index signature passes any key through). */
  mustType: boolean;
}

function installedVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

type Direction = "spec_to_upstream" | "upstream_to_spec";

interface KnownEntry {
  spec_to_upstream?: string;
  upstream_to_spec?: string;
  untyped?: boolean;
  reason: string;
}

/** The known differences, by package and parameter; a malformed entry is an error. */
function readKnown(packages: readonly string[]): Map<string, Map<string, KnownEntry>> {
  const doc = JSON.parse(readFileSync(join(here, KNOWN), "utf8")) as Record<string, unknown>;
  const out = new Map<string, Map<string, KnownEntry>>();
  for (const [pkg, entries] of Object.entries(doc)) {
    if (pkg === "//") continue;
    if (!packages.includes(pkg)) throw new Error(`${KNOWN}: unknown package \`${pkg}\` (one of ${packages.join(", ")})`);
    const byParam = new Map<string, KnownEntry>();
    for (const [param, raw] of Object.entries(entries as Record<string, unknown>)) {
      const e = raw as Record<string, unknown>;
      const where = `${KNOWN}: ${pkg} \`${param}\``;
      for (const k of Object.keys(e)) {
        if (!["spec_to_upstream", "upstream_to_spec", "untyped", "reason"].includes(k)) throw new Error(`${where}: unknown key \`${k}\``);
      }
      if (typeof e["reason"] !== "string" || e["reason"] === "") throw new Error(`${where}: no reason`);
      for (const k of ["spec_to_upstream", "upstream_to_spec"]) {
        if (e[k] !== undefined && (typeof e[k] !== "string" || e[k] === "")) throw new Error(`${where}: \`${k}\` must be a TypeScript type`);
      }
      if (e["untyped"] !== undefined && e["untyped"] !== true) throw new Error(`${where}: \`untyped\` can only be true`);
      if (e["untyped"] === true && (e["spec_to_upstream"] !== undefined || e["upstream_to_spec"] !== undefined)) {
        throw new Error(`${where}: an untyped parameter has no type to differ from`);
      }
      if (e["untyped"] === undefined && e["spec_to_upstream"] === undefined && e["upstream_to_spec"] === undefined) {
        throw new Error(`${where}: says nothing (spec_to_upstream, upstream_to_spec or untyped)`);
      }
      byParam.set(param, e as unknown as KnownEntry);
    }
    out.set(pkg, byParam);
  }
  return out;
}

/** What one line of the check file compares, and how its verdict reads. */
type Probe =
  /** An error means the package types the parameter (a query, not a check). */
  | { kind: "typed"; pkg: Upstream; param: string }
  /** Every value of one side (less a known difference) is a value of the other. */
  | { kind: "assign"; pkg: Upstream; param: string; dir: Direction; except: string | undefined }
  /** A known difference still shows: none of its values fits the other side. */
  | { kind: "still_differs"; pkg: Upstream; param: string; dir: Direction; except: string }
  /** A known difference names only values its side has. */
  | { kind: "in_source"; pkg: Upstream; param: string; dir: Direction; except: string }
  /** A whole-object statement that must hold. */
  | { kind: "whole"; pkg: Upstream; says: string }
  /** A misspelt key in an options literal must be an error. */
  | { kind: "misspelt"; key: string }
  /** Code a user writes, which must compile (or, `compiles: false`, must not: the known
   * differences say why). `pkg`: the package it is written against, if any. */
  | { kind: "user"; pkg: Upstream | undefined; says: string; compiles: boolean };

/** A misspelling of one of the names that is not itself a name. */
function misspelling(names: readonly string[]): string {
  for (const n of names) {
    const chars = Array.from(n);
    if (chars.length < 3) continue;
    const candidate = chars.slice(0, -1).join("");
    if (!names.includes(candidate)) return candidate;
  }
  let candidate = `${names[0] ?? "option"}_`;
  while (names.includes(candidate)) candidate += "_";
  return candidate;
}

const lit = (s: string): string => JSON.stringify(s);

/** The check file and what each of its lines compares (by 1-based line number). */
function checkFile(
  optionsName: string,
  params: readonly Param[],
  upstreams: readonly Upstream[],
  known: Map<string, Map<string, KnownEntry>>,
): { text: string; probes: Map<number, Probe>; misspelt: string } {
  const lines: string[] = [
    `// @generated by upstream/typescript/src/check.ts from ${SPEC} and ${KNOWN}; do not edit.`,
    `import type { inference } from "@livekit/agents";`,
    `import type OpenAI from "openai";`,
    `import type { ${optionsName} as Spec, Prepared } from "../../../${PACKAGE}/dist/src/index.js";`,
    `/** The declared keys of a type, without its index signature. */`,
    `type Known<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };`,
    `/** The type of each declared key, absent and \`null\` aside. */`,
    `type Values<T> = { [K in Known<T>]-?: Exclude<T[K & keyof T], null | undefined> };`,
    `type Typed<T, K extends PropertyKey> = K extends Known<T> ? true : false;`,
    `/** What a package takes under a key (anything, when it does not type the key). */`,
    `type Target<T, K extends PropertyKey> = K extends Known<T> ? Values<T>[K] : unknown;`,
    `/** What a package may hold under a key (nothing, when it does not type the key). */`,
    `type Source<T, K extends PropertyKey> = K extends Known<T> ? Values<T>[K] : never;`,
    `/** The members of E that are values of T. */`,
    `type Fits<E, T> = E extends T ? E : never;`,
    `type SpecValues = Values<Spec>;`,
    `type LiveKit = NonNullable<ConstructorParameters<typeof inference.LLM>[0]["modelOptions"]>;`,
    `type LiveKitUpdate = NonNullable<Parameters<inference.LLM["updateOptions"]>[0]["modelOptions"]>;`,
    `type OpenAIParams = OpenAI.Chat.Completions.ChatCompletionCreateParams;`,
    `declare function value<T>(): T;`,
    `import { inference as livekit } from "@livekit/agents";`,
    `import { LlmOptions, plain, prepare } from "../../../${PACKAGE}/dist/src/index.js";`,
    `const model = "openai/gpt-5";`,
  ];
  const probes = new Map<number, Probe>();
  let n = 0;
  const add = (code: string, probe: Probe): void => {
    lines.push(`export const _${n++}: ${code}`);
    probes.set(lines.length, probe);
  };
  const inSpec = new Set(params.map((p) => p.name));

  for (const p of params) {
    const k = lit(p.name);
    for (const u of upstreams) {
      if (!u.shares(p)) continue;
      const entry = known.get(u.name)?.get(p.name);
      add(`Typed<${u.alias}, ${k}> = false;`, { kind: "typed", pkg: u, param: p.name });
      const toUp = entry?.spec_to_upstream;
      add(`Target<${u.alias}, ${k}> = value<Exclude<SpecValues[${k}], ${toUp ?? "never"}>>();`, {
        kind: "assign",
        pkg: u,
        param: p.name,
        dir: "spec_to_upstream",
        except: toUp,
      });
      if (toUp !== undefined) {
        const fits = `Fits<${toUp}, Target<${u.alias}, ${k}>>`;
        add(`[${fits}] extends [never] ? true : ${fits} = true;`, {
          kind: "still_differs",
          pkg: u,
          param: p.name,
          dir: "spec_to_upstream",
          except: toUp,
        });
        const extra = `Exclude<${toUp}, SpecValues[${k}]>`;
        add(`[${extra}] extends [never] ? true : ${extra} = true;`, {
          kind: "in_source",
          pkg: u,
          param: p.name,
          dir: "spec_to_upstream",
          except: toUp,
        });
      }
      const toSpec = entry?.upstream_to_spec;
      add(`SpecValues[${k}] = value<Exclude<Source<${u.alias}, ${k}>, ${toSpec ?? "never"}>>();`, {
        kind: "assign",
        pkg: u,
        param: p.name,
        dir: "upstream_to_spec",
        except: toSpec,
      });
      if (toSpec !== undefined) {
        const fits = `Fits<${toSpec}, SpecValues[${k}]>`;
        add(`[${fits}] extends [never] ? true : ${fits} = true;`, {
          kind: "still_differs",
          pkg: u,
          param: p.name,
          dir: "upstream_to_spec",
          except: toSpec,
        });
        const extra = `Exclude<${toSpec}, Source<${u.alias}, ${k}>>`;
        add(`[${extra}] extends [never] ? true : ${extra} = true;`, {
          kind: "in_source",
          pkg: u,
          param: p.name,
          dir: "upstream_to_spec",
          except: toSpec,
        });
      }
    }
  }

  // The whole options object, adjusted by the known differences of the spec's side.
  const adjusted = (u: Upstream): string => {
    const entries = [...(known.get(u.name) ?? new Map<string, KnownEntry>())].filter(
      ([param, e]) => inSpec.has(param) && e.spec_to_upstream !== undefined,
    );
    if (entries.length === 0) return "Spec";
    const omitted = entries.map(([param]) => lit(param)).join(" | ");
    const narrowed = entries.map(([param, e]) => `${lit(param)}?: Exclude<SpecValues[${lit(param)}], ${e.spec_to_upstream}>`);
    return `Omit<Spec, ${omitted}> & { ${narrowed.join("; ")} }`;
  };
  for (const u of upstreams) {
    const but = known.get(u.name)?.size ? " but for the known differences" : "";
    if (u.alias === "LiveKit") {
      add(`LiveKit = value<${adjusted(u)}>();`, {
        kind: "whole",
        pkg: u,
        says: `the options are assignable to new inference.LLM({ modelOptions })${but}`,
      });
      add(`LiveKitUpdate = value<${adjusted(u)}>();`, {
        kind: "whole",
        pkg: u,
        says: `the options are assignable to llm.updateOptions({ modelOptions })${but}`,
      });
      add(`LiveKit = value<Prepared["options"]>();`, {
        kind: "whole",
        pkg: u,
        says: "what prepare() returns for raw options (`Prepared`) goes to new inference.LLM({ modelOptions }) as it is",
      });
      // What a LiveKit user writes. The straightforward code compiles exactly when no known
      // difference leaves values of the spec out of LiveKit's type; `plain` always does.
      const differs = [...(known.get(u.name) ?? new Map<string, KnownEntry>())].some(
        ([param, e]) => inSpec.has(param) && e.spec_to_upstream !== undefined,
      );
      add(`unknown = new livekit.LLM({ model, modelOptions: value<Spec>() });`, {
        kind: "user",
        pkg: u,
        says: `\`new inference.LLM({ model, modelOptions: options })\` ${differs ? "does not compile (the known differences)" : "compiles"}`,
        compiles: !differs,
      });
      add(`unknown = new livekit.LLM({ model, modelOptions: plain(value<Spec>()) });`, {
        kind: "user",
        pkg: u,
        says: "`new inference.LLM({ model, modelOptions: plain(options) })` compiles",
        compiles: true,
      });
      add(`unknown = value<inference.LLM>().updateOptions({ modelOptions: plain(value<Spec>()) });`, {
        kind: "user",
        pkg: u,
        says: "`llm.updateOptions({ modelOptions: plain(options) })` compiles",
        compiles: true,
      });
      add(`unknown = new livekit.LLM({ model, modelOptions: plain(prepare(model, value<Spec>()).options) });`, {
        kind: "user",
        pkg: u,
        says: "`new inference.LLM({ model, modelOptions: plain(prepare(model, options).options) })` compiles",
        compiles: true,
      });
    } else {
      const shared = params.filter((p) => u.shares(p)).map((p) => lit(p.name));
      const keys = `Extract<${shared.length > 0 ? shared.join(" | ") : "never"}, Known<${u.alias}>>`;
      add(`Pick<${u.alias}, ${keys}> = value<Pick<${adjusted(u)}, ${keys}>>();`, {
        kind: "whole",
        pkg: u,
        says: `the options (their shared parameters) are assignable to ${u.what}${but}`,
      });
    }
  }
  // Typed all the way: what `prepare` and the holder give for typed options is the options type.
  add(`Spec = prepare(model, value<Spec>()).options;`, {
    kind: "user",
    pkg: undefined,
    says: `\`prepare(model, options).options\` is a \`${optionsName}\``,
    compiles: true,
  });
  add(`Prepared<Spec> = value<LlmOptions>().request();`, {
    kind: "user",
    pkg: undefined,
    says: `\`llm.request()\` (LlmOptions) is a \`Prepared<${optionsName}>\``,
    compiles: true,
  });
  const misspelt = misspelling(params.map((p) => p.name));
  add(`Spec = { ${lit(misspelt)}: value<never>() };`, { kind: "misspelt", key: misspelt });
  return { text: `${lines.join("\n")}\n`, probes, misspelt };
}

interface TscError {
  line: number;
  code: string;
  /** The first line of the message. */
  head: string;
  /** The whole message, its elaborations joined into one line. */
  message: string;
  /** The elaborations alone, joined into one line. */
  details: string;
}

/** Runs the installed `tsc` on the check file; its errors, each as one line. */
function typeCheck(dir: string): { errors: TscError[]; other: string[] } {
  const tsc = join(here, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), "--pretty", "false"], {
    encoding: "utf8",
  });
  if (run.error !== undefined) throw run.error;
  const errors: TscError[] = [];
  const other: string[] = [];
  const head = /^gen[\\/]check\.ts\((\d+),\d+\): error (TS\d+): (.*)$/;
  for (const raw of `${run.stdout}${run.stderr}`.split(/\r?\n/)) {
    if (raw.trim() === "") continue;
    const m = head.exec(raw);
    const last = errors[errors.length - 1];
    if (m !== null) {
      const head = (m[3] as string).trim();
      errors.push({ line: Number(m[1]), code: m[2] as string, head, message: head, details: "" });
    } else if (/^\s/.test(raw) && last !== undefined) {
      last.message += ` ${raw.trim()}`;
      last.details = `${last.details} ${raw.trim()}`.trim();
    } else {
      other.push(raw);
    }
  }
  if (run.status !== 0 && errors.length === 0 && other.length === 0) other.push(`tsc exited with ${run.status}`);
  return { errors, other };
}

async function main(): Promise<number> {
  const { optionsName, params } = readSpec();
  const dist = join(root, PACKAGE, "dist", "src", "index.js");
  if (!existsSync(dist)) {
    console.log(`${PACKAGE}/dist/ is missing: build the package first (cargo xtask test --only typescript, or npm run build there)`);
    return 1;
  }
  // The package must be the spec's: the same parameters (else `cargo xtask gen` is due).
  const pkg = (await import(pathToFileURL(dist).href)) as { PARAMETERS: readonly string[] };
  const inPackage = [...pkg.PARAMETERS].sort().join(", ");
  const inSpec = params.map((p) => p.name).sort().join(", ");
  if (inPackage !== inSpec) {
    console.log(`${PACKAGE} is not generated from ${SPEC}: run \`cargo xtask gen\` and rebuild it`);
    return 1;
  }

  const upstreams: Upstream[] = [
    {
      name: "openai",
      version: installedVersion("openai"),
      alias: "OpenAIParams",
      what: "ChatCompletionCreateParams",
      shares: (p) => !p.extension,
      mustType: true,
    },
    {
      name: "@livekit/agents",
      version: installedVersion("@livekit/agents"),
      alias: "LiveKit",
      what: "inference.LLM's modelOptions",
      shares: () => true,
      mustType: false,
    },
  ];
  const known = readKnown(upstreams.map((u) => u.name));
  const { text, probes, misspelt } = checkFile(optionsName, params, upstreams, known);
  const dir = join(here, "gen");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "check.ts"), text);
  writeFileSync(
    join(dir, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: "es2022",
          lib: ["es2022"],
          module: "nodenext",
          moduleResolution: "nodenext",
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          verbatimModuleSyntax: true,
        },
        files: ["check.ts"],
      },
      null,
      2,
    )}\n`,
  );
  const { errors, other } = typeCheck(dir);

  const failures: string[] = [];
  const errorAt = new Map<number, TscError>();
  for (const e of errors) {
    if (probes.has(e.line) && !errorAt.has(e.line)) errorAt.set(e.line, e);
    else failures.push(`gen/check.ts line ${e.line}: ${e.code}: ${e.message}`);
  }
  failures.push(...other);
  const label = (u: Upstream): string => `${u.name} ${u.version}`;
  const typed = new Set<string>();
  for (const [line, probe] of probes) {
    if (probe.kind === "typed" && errorAt.has(line)) typed.add(`${probe.pkg.name}\0${probe.param}`);
  }
  const isTyped = (u: Upstream, param: string): boolean => typed.has(`${u.name}\0${param}`);
  const failedPackages = new Set<string>();
  /** The type an error's message ends with (`... is not assignable to type 'X'.`). */
  const offending = (e: TscError): string => /to type '(.*)'\.$/.exec(e.head)?.[1] ?? e.head;
  /** Both types of `Type 'A' is not assignable to type 'B'.` */
  const types = (e: TscError): [string, string] | undefined => {
    const m = /^Type '(.*)' is not assignable to type '(.*)'\.$/.exec(e.head);
    return m === null ? undefined : [m[1] as string, m[2] as string];
  };
  /** The failed assignments of each parameter and package, both directions together. */
  const assigns = new Map<string, { pkg: Upstream; param: string; to?: TscError; from?: TscError; except: string[] }>();

  // Per parameter: one line per failed statement.
  for (const [line, probe] of probes) {
    const error = errorAt.get(line);
    if (error === undefined || probe.kind === "typed" || probe.kind === "whole" || probe.kind === "misspelt" || probe.kind === "user") continue;
    failedPackages.add(probe.pkg.name);
    switch (probe.kind) {
      case "assign": {
        const key = `${probe.pkg.name}\0${probe.param}`;
        const both = assigns.get(key) ?? { pkg: probe.pkg, param: probe.param, except: [] };
        if (probe.dir === "spec_to_upstream") both.to = error;
        else both.from = error;
        if (probe.except !== undefined) both.except.push(`\`${probe.except}\``);
        assigns.set(key, both);
        break;
      }
      case "still_differs": {
        const taker = probe.dir === "spec_to_upstream" ? label(probe.pkg) : "the spec";
        const why = isTyped(probe.pkg, probe.param) ? "" : ` (${label(probe.pkg)} does not type \`${probe.param}\`)`;
        failures.push(
          `\`${probe.param}\`: known difference with ${label(probe.pkg)} no longer shows: ${taker} now takes \`${offending(error)}\`${why}, which ${KNOWN} lists as not taken (\`${probe.except}\`); update it`,
        );
        break;
      }
      case "in_source": {
        const whose = probe.dir === "spec_to_upstream" ? "the spec's type" : `${label(probe.pkg)}'s type`;
        failures.push(
          `\`${probe.param}\`: known difference with ${label(probe.pkg)} no longer shows: ${whose} has no \`${offending(error)}\`, which ${KNOWN} lists (\`${probe.except}\`); update it`,
        );
        break;
      }
    }
  }
  // One line per parameter and package: the package's type and the spec's, from the checker.
  for (const { pkg: u, param, to, from, except } of assigns.values()) {
    const where = `${label(u)} (${u.what})`;
    // `to`: the spec's values into the package's type; `from`: the other way round.
    const spec = (to && types(to)?.[0]) ?? (from && types(from)?.[1]);
    const theirs = (to && types(to)?.[1]) ?? (from && types(from)?.[0]);
    const known = except.length > 0 ? ` (the known difference ${except.join(" and ")} aside)` : "";
    const facts =
      spec !== undefined && theirs !== undefined ? `${where} types it \`${theirs}\`, the spec says \`${spec}\`${known}` : `${where}${known}`;
    /** What the checker adds: its elaborations, or its whole message when its types were not read. */
    const why = (e: TscError): string => {
      const text = types(e) === undefined ? e.message : e.details;
      return text === "" ? "" : `: ${text}`;
    };
    if (to !== undefined && from !== undefined) {
      failures.push(`\`${param}\`: ${facts}; neither takes every value of the other${why(to)}`);
    } else if (to !== undefined) {
      failures.push(`\`${param}\`: ${facts}; it does not take every value the spec allows${why(to)}`);
    } else if (from !== undefined) {
      failures.push(`\`${param}\`: ${facts}; it takes values the spec does not${why(from)}`);
    }
  }
  // Typed or not: a query, whose answer fails only when it contradicts the spec or the data.
  for (const [, probe] of probes) {
    if (probe.kind !== "typed") continue;
    const entry = known.get(probe.pkg.name)?.get(probe.param);
    const typedNow = isTyped(probe.pkg, probe.param);
    if (entry?.untyped === true && typedNow) {
      failures.push(
        `\`${probe.param}\`: known difference with ${label(probe.pkg)} no longer shows: it types the parameter now (${probe.pkg.what}); remove the entry from ${KNOWN}`,
      );
      failedPackages.add(probe.pkg.name);
    } else if (probe.pkg.mustType && entry?.untyped !== true && !typedNow) {
      failures.push(
        `\`${probe.param}\`: ${label(probe.pkg)} has no such parameter (${probe.pkg.what}), and the spec does not mark it \`extension: true\``,
      );
      failedPackages.add(probe.pkg.name);
    }
  }
  // Whole-object statements: reported only when no parameter of that package failed, since a
  // parameter's failure breaks them too and is the one line worth reading.
  const wholes: string[] = [];
  for (const [line, probe] of probes) {
    const error = errorAt.get(line);
    if (probe.kind === "whole") {
      wholes.push(`${label(probe.pkg)}: ${probe.says}`);
      if (error !== undefined && !failedPackages.has(probe.pkg.name)) {
        failures.push(`${label(probe.pkg)}: it is not true that ${probe.says}: ${error.message}`);
      }
    } else if (probe.kind === "user") {
      const who = probe.pkg === undefined ? PACKAGE : label(probe.pkg);
      wholes.push(`${who}: ${probe.says}`);
      if (probe.compiles && error !== undefined) {
        failures.push(`${who}: it is not true that ${probe.says}: ${error.message}`);
      } else if (!probe.compiles && error === undefined) {
        failures.push(
          `${who}: it is not true that ${probe.says}: it compiles now; update ECOSYSTEM.md (what LiveKit users write) and ${KNOWN}`,
        );
      }
    } else if (probe.kind === "misspelt") {
      wholes.push(`a misspelt key (\`${misspelt}\`) is an error in a \`${optionsName}\` literal`);
      if (error === undefined || !["TS2353", "TS2561"].includes(error.code)) {
        failures.push(
          `a misspelt key (\`${misspelt}\`) is not an error in a \`${optionsName}\` object literal${error === undefined ? "" : `: ${error.message}`}`,
        );
      }
    }
  }

  // What was compared, for people.
  console.log(`${SPEC} (${params.length} parameters) as ${PACKAGE} types it, against the installed packages:`);
  for (const u of upstreams) {
    const shared = params.filter((p) => u.shares(p));
    const compared = shared.filter((p) => isTyped(u, p.name)).map((p) => p.name);
    const notShared = params.filter((p) => !u.shares(p)).map((p) => p.name);
    const untyped = shared.filter((p) => !isTyped(u, p.name)).map((p) => p.name);
    let line = `- ${label(u)} (${u.what}): ${compared.length} parameter(s) compared both ways (absent and null aside)`;
    if (notShared.length > 0) line += `; not compared, \`extension: true\`: ${notShared.join(", ")}`;
    if (untyped.length > 0) line += `; not typed by ${u.name}${u.mustType ? "" : " (not compared)"}: ${untyped.join(", ")}`;
    console.log(line);
  }
  for (const w of wholes) console.log(`- ${w}`);
  console.log(`known differences (${KNOWN}):`);
  for (const u of upstreams) {
    for (const [param, e] of known.get(u.name) ?? []) {
      if (!params.some((p) => p.name === param)) {
        console.log(`- ${u.name} \`${param}\`: ignored, the spec has no such parameter`);
        continue;
      }
      if (!u.shares(params.find((p) => p.name === param) as Param)) {
        console.log(`- ${u.name} \`${param}\`: ignored, not compared with ${u.name}`);
        continue;
      }
      const what = e.untyped
        ? "not typed"
        : [
            e.spec_to_upstream !== undefined ? `spec's \`${e.spec_to_upstream}\` not taken` : "",
            e.upstream_to_spec !== undefined ? `${u.name}'s \`${e.upstream_to_spec}\` not taken` : "",
          ]
            .filter((s) => s !== "")
            .join("; ");
      console.log(`- ${u.name} \`${param}\`: ${what}. ${e.reason}`);
    }
  }
  const checks = [...probes.values()].filter((p) => p.kind !== "typed").length;
  if (failures.length > 0) {
    console.log(`\n${failures.length} upstream check(s) failed:`);
    for (const f of failures) console.log(f);
    console.log(
      `\nWhere the spec contradicts a package: either the spec is wrong, or the difference is deliberate; then mark the parameter \`extension: true\` (openai: not one of its parameters), or describe the difference in upstream/typescript/${KNOWN}, with its reason.`,
    );
    return 1;
  }
  console.log(`\nupstream check: ${checks} statements hold`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.log(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
