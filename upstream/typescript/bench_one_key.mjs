// What validating one key costs at two spec sizes (issue 16, point 5): one known key (the
// spec's last parameter), one unknown key with a suggestion and one without (its message
// read, so the suggestion is computed).
//
//     target/release/xtask synth --params 50 --models 45 /tmp/s50
//     target/release/xtask --root /tmp/s50 gen
//     (cd /tmp/s50/generated/typescript && npm ci && npm run build)
//     ... the same for --params 5000 in /tmp/s5k ...
//     node upstream/typescript/bench_one_key.mjs /tmp/s50 /tmp/s5k
//
// Keys are drawn from the spec's own names: unknown keys are a parameter's name with a
// letter inserted (a suggestion) or changed beyond distance 2 (none), several hundred of
// each, cycled. The best of 5 runs of each. Not part of the test command: timings depend on
// the machine.

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

async function measure(root) {
  const pkg = await import(pathToFileURL(resolve(root, "generated/typescript/dist/src/index.js")).href);
  const { validate, suggest } = pkg;
  const names = [...pkg.PARAMETERS];
  const known = new Set(names);
  const last = names[names.length - 1];
  const value = [1, 0.5, "a", true, ["a"], { a: 1 }, {}].find((v) => validate({ [last]: v }).length === 0);
  const near = [];
  const far = [];
  for (const n of [...names].reverse()) {
    const r = [...n].reverse().join("");
    for (const c of "qjz") {
      for (let at = 1; at < n.length; at++) {
        if (near.length < 400) {
          const k = n.slice(0, at) + c + n.slice(at);
          if (!known.has(k) && suggest(k, pkg.PARAMETERS) !== undefined) near.push(k);
        }
        if (far.length < 400) {
          const k = c + "x" + r.slice(0, at) + "w" + r.slice(at);
          if (!known.has(k) && suggest(k, pkg.PARAMETERS) === undefined) far.push(k);
        }
      }
    }
  }
  const run = (keys, n) => {
    // The options are made beforehand: only `validate` is timed.
    const options = keys.map((k) => ({ [k]: value }));
    let sink = 0;
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      // Every issue's message is read: the suggestion is part of it.
      for (const issue of validate(options[i % options.length])) sink += issue.message.length;
    }
    if (sink < 0) console.log(sink);
    return ((performance.now() - t) * 1e6) / n;
  };
  const out = { params: names.length };
  for (const [label, keys] of [
    ["known", [last]],
    ["near", near],
    ["far", far],
  ]) {
    run(keys, 2000);
    const n = label === "known" ? 200000 : 20000;
    out[label] = Math.min(...Array.from({ length: 5 }, () => run(keys, n)));
  }
  return out;
}

const [a, b] = [await measure(process.argv[2]), await measure(process.argv[3])];
console.log(`| TypeScript | ${a.params} parameters | ${b.params} parameters | ratio |`);
console.log("|---|---|---|---|");
for (const [key, label] of [
  ["known", "validate, one known key (the last parameter)"],
  ["near", "validate, one unknown key with a suggestion (message read)"],
  ["far", "validate, one unknown key without (message read)"],
]) {
  console.log(`| ${label} | ${a[key].toFixed(0)} ns | ${b[key].toFixed(0)} ns | ${(b[key] / a[key]).toFixed(2)} |`);
}
