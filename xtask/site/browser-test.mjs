// The docs site in a real browser: `cargo xtask test --only site` runs this once per spec
// on the site `cargo xtask site` built, with the system's Chromium driven by
// playwright-core. It fails (exit 1) with one line per problem.
//
// node browser-test.mjs --site DIR --pkg PACKAGE.cjs --artifacts DIR --chromium PATH
//
// - every page loads from file:// with no request other than file:// and no script error;
// - every internal link (a, link, script) of every page resolves: the file exists and the
//   anchor is an id of the page it names;
// - every control of the checker has a label, and the keyboard reaches them all;
// - the spec's example, an invalid object, a non-object and text that is not JSON typed
//   into the checker, for a model of the catalog with tools and for an unknown model: the
//   issues, the prepared options, the changes and warnings shown are what the same
//   TypeScript package (PACKAGE.cjs, bundled for node from the same sources) computes;
// - the deep link (options, model, tools in the URL) restores the same check in a new page;
// - at 390 px no page scrolls sideways; the dark scheme changes the colors;
// - screenshots of a parameter page and of the checker (light, dark, 390 px) are kept in
//   the artifacts directory.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
for (const k of ["site", "pkg", "artifacts", "chromium"]) {
  if (!args[k]) {
    console.error("usage: node browser-test.mjs --site DIR --pkg PACKAGE.cjs --artifacts DIR --chromium PATH");
    process.exit(2);
  }
}
const site = resolve(args.site);
const artifacts = resolve(args.artifacts);
mkdirSync(artifacts, { recursive: true });
const pkg = createRequire(import.meta.url)(resolve(args.pkg));

const problems = [];
const fail = (msg) => {
  problems.push(msg);
  console.error(`  FAIL ${msg}`);
};
// Each part says "ok" only when it found no problem.
let mark = 0;
const ok = (msg) => {
  if (problems.length === mark) console.log(`  ok   ${msg}`);
  mark = problems.length;
};

const profile = mkdtempSync(join(tmpdir(), "llm-params-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: args.chromium,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: { width: 1024, height: 800 },
});

const offsite = [];
context.on("request", (r) => {
  if (!r.url().startsWith("file:")) offsite.push(r.url());
});

async function open(url, errors) {
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`${url}: script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${url}: console error: ${m.text()}`);
  });
  await page.goto(url);
  return page;
}

try {
  // --- every page, its ids and its links ---------------------------------------------
  const files = readdirSync(site).filter((f) => f.endsWith(".html")).sort();
  const ids = new Map();
  const links = [];
  const errors = [];
  for (const f of files) {
    const url = pathToFileURL(join(site, f)).href;
    const page = await open(url, errors);
    const found = await page.evaluate(() => ({
      ids: Array.from(document.querySelectorAll("[id]"), (e) => e.id),
      links: [
        ...Array.from(document.querySelectorAll("a[href]"), (a) => a.getAttribute("href")),
        ...Array.from(document.querySelectorAll("link[href]"), (a) => a.getAttribute("href")),
        ...Array.from(document.querySelectorAll("script[src]"), (a) => a.getAttribute("src")),
      ],
    }));
    ids.set(f, new Set(found.ids));
    for (const href of found.links) links.push({ from: f, href });
    await page.close();
  }
  errors.forEach(fail);
  let internal = 0;
  let external = 0;
  for (const { from, href } of links) {
    if (/^(https?:|mailto:)/i.test(href)) {
      external += 1;
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) {
      fail(`${from}: link to ${href}: not relative, not http(s) or mailto`);
      continue;
    }
    internal += 1;
    const target = new URL(href, pathToFileURL(join(site, from)));
    const path = fileURLToPath(target);
    if (!existsSync(path)) {
      fail(`${from}: link ${href}: no file ${path}`);
      continue;
    }
    const anchor = decodeURIComponent(target.hash.slice(1));
    const name = path.slice(site.length + 1);
    if (target.hash && !href.startsWith("checker.html#options=") && !ids.get(name)?.has(anchor)) {
      fail(`${from}: link ${href}: no id "${anchor}" in ${name}`);
    }
  }
  if (internal === 0) fail("no internal link at all");
  ok(`${files.length} pages, ${internal} internal links resolve (${external} external, not followed)`);

  // --- the search -------------------------------------------------------------------
  const serrors = [];
  const index = await open(pathToFileURL(join(site, "index.html")).href, serrors);
  const entries = await index.evaluate(() => window.LLM_PARAMS_SEARCH);
  if (!Array.isArray(entries) || entries.length === 0) fail("search: the index has no entries");
  for (const entry of (entries ?? []).slice(0, 3)) {
    await index.fill("#q", "");
    await index.locator("#q").pressSequentially(entry.name);
    const hits = await index.evaluate(() => Array.from(document.querySelectorAll("#results a"), (a) => a.getAttribute("href")));
    if (!hits.includes(entry.url)) fail(`search: typing ${entry.name} does not list ${entry.url} (${hits.slice(0, 5).join(", ")})`);
  }
  // A word of a description finds its entry too.
  const described = (entries ?? []).find((e) => /[a-z]{6,}/i.test(e.text));
  if (described) {
    const word = described.text.match(/[a-z]{6,}/i)[0];
    await index.fill("#q", word);
    const hits = await index.evaluate(() => Array.from(document.querySelectorAll("#results a"), (a) => a.getAttribute("href")));
    if (!hits.includes(described.url)) fail(`search: "${word}" does not find ${described.url}`);
  }
  await index.fill("#q", "zzqx no such word zzqx");
  const none = await index.evaluate(() => document.querySelectorAll("#results a").length);
  if (none !== 0) fail("search: a word of no entry lists entries");
  await index.close();
  serrors.forEach(fail);
  ok(`search: names and description words find their pages`);

  // --- the checker -------------------------------------------------------------------
  const checkerUrl = pathToFileURL(join(site, "checker.html")).href;
  const cerrors = [];
  const page = await open(checkerUrl, cerrors);
  await page.waitForFunction(() => document.body.dataset.ready === "1", null, { timeout: 10000 });
  const unlabeled = await page.evaluate(() =>
    Array.from(document.querySelectorAll("input, select, textarea"))
      .filter((e) => e.labels === null || e.labels.length === 0)
      .map((e) => e.id),
  );
  if (unlabeled.length) fail(`checker: controls without a label: ${unlabeled.join(", ")}`);
  const models = await page.evaluate(() => Array.from(document.querySelectorAll("#model option"), (o) => o.value));
  const example = JSON.parse(await page.evaluate(() => document.getElementById("example-data").textContent));
  const known = models.filter((m) => m !== "");
  const firstParam = Object.keys(example)[0] ?? null;
  const invalid = { __not_a_parameter__: 1 };
  if (firstParam !== null) invalid[firstParam] = [[["not a value of any parameter"]]];

  const shown = () =>
    page.evaluate(() => ({
      state: document.body.dataset.state,
      parseError: document.getElementById("parse-error").textContent,
      issues: Array.from(document.querySelectorAll("#issues li"), (li) => ({
        path: li.dataset.path,
        code: li.dataset.code,
        severity: li.dataset.severity,
        message: li.dataset.message,
        key: li.querySelector(".key")?.textContent,
      })),
      prepared: document.getElementById("prepared").textContent,
      changes: Array.from(document.querySelectorAll("#changes li[data-parameter]"), (li) => ({
        parameter: li.dataset.parameter,
        action: li.dataset.action,
        reason: li.dataset.reason,
        to: li.dataset.to,
        message: li.dataset.message,
      })),
      warnings: Array.from(document.querySelectorAll("#warnings li[data-reason]"), (li) => ({
        reason: li.dataset.reason,
        message: li.dataset.message,
      })),
      matched: document.getElementById("matched").textContent,
    }));

  async function setControls(text, model, tools) {
    if (model !== null && known.includes(model)) {
      await page.selectOption("#model", model);
    } else {
      await page.selectOption("#model", "");
      await page.fill("#model-other", model ?? "unknown-provider/unknown-model");
    }
    await page.setChecked("#tools", tools);
    await page.fill("#options", "");
    // Typed as a user types (the page updates on every keystroke); a long text pasted.
    if (text.length <= 400) await page.locator("#options").pressSequentially(text);
    else await page.fill("#options", text);
  }

  function expected(text, model, tools) {
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      return { state: "parse-error" };
    }
    const issues = pkg.validate(value).map((i) => ({
      path: i.path,
      code: i.code,
      severity: i.severity,
      message: i.message,
      key: i.path === "" ? "(the object)" : i.path,
    }));
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { state: "not-an-object", issues, prepared: "" };
    }
    const p = pkg.prepare(model, value, { hasTools: tools });
    return {
      state: "checked",
      issues,
      prepared: JSON.stringify(p.options, null, 2),
      changes: p.changes.map((c) => ({
        parameter: c.parameter,
        action: c.action,
        reason: c.reason,
        to: c.to ?? "",
        message: c.message,
      })),
      warnings: p.warnings.map((w) => ({ reason: w.reason, message: w.message })),
    };
  }

  function compare(label, got, want) {
    for (const k of Object.keys(want)) {
      const g = JSON.stringify(got[k]);
      const w = JSON.stringify(want[k]);
      if (g !== w) {
        fail(`checker, ${label}: ${k} shown ${g.slice(0, 400)}, the package says ${w.slice(0, 400)}`);
        return false;
      }
    }
    return true;
  }

  const unknownModel = "unknown-provider/unknown-model";
  const cases = [
    ["the spec's example", JSON.stringify(example, null, 2)],
    ["an invalid object", JSON.stringify(invalid)],
    ["a non-object", "[1, 2]"],
    ["text that is not JSON", "{\"a\": "],
  ];
  const modelsToTry = [[known[0] ?? unknownModel, true], [unknownModel, false]];
  if (known.length > 1) modelsToTry.push([known[known.length - 1], false]);
  let checks = 0;
  for (const [label, text] of cases) {
    for (const [model, tools] of modelsToTry) {
      await setControls(text, model, tools);
      const got = await shown();
      const want = expected(text, model, tools);
      if (compare(`${label}, model ${model}, tools ${tools}`, got, want)) checks += 1;
      if (label === "an invalid object" && (got.issues ?? []).length === 0) fail("checker: the invalid object shows no issue");
      if (label === "an invalid object" && !got.issues.some((i) => i.key === "/__not_a_parameter__")) {
        fail("checker: the unknown key's issue does not point at it");
      }
      if (label === "text that is not JSON" && got.parseError === "") fail("checker: text that is not JSON shows no error");
    }
  }
  ok(`checker: ${checks} checks shown exactly as the TypeScript package computes them`);

  // The example button gives the spec's example.
  await page.click("#example");
  const afterButton = await page.inputValue("#options");
  if (JSON.stringify(JSON.parse(afterButton)) !== JSON.stringify(example)) fail("checker: the example button does not load the spec's example");

  // --- the deep link -----------------------------------------------------------------
  const deepModel = known[known.length - 1] ?? unknownModel;
  const deepText = JSON.stringify(invalid);
  await setControls(deepText, deepModel, true);
  const before = await shown();
  const link = page.url();
  if (!link.includes("#")) fail("checker: the URL holds no deep link");
  const again = await open(link, cerrors);
  await again.waitForFunction(() => document.body.dataset.ready === "1", null, { timeout: 10000 });
  const restored = await again.evaluate(() => ({
    options: document.getElementById("options").value,
    model: document.getElementById("model").value || document.getElementById("model-other").value,
    tools: document.getElementById("tools").checked,
  }));
  if (restored.options !== deepText || restored.model !== deepModel || restored.tools !== true) {
    fail(`checker: the deep link restores ${JSON.stringify(restored)}, not ${JSON.stringify({ options: deepText, model: deepModel, tools: true })}`);
  }
  const page2 = page;
  const afterShown = await again.evaluate(() => document.getElementById("prepared").textContent);
  if (afterShown !== before.prepared) fail("checker: the deep link shows another prepared output");
  await again.close();
  // A parameter page's "try it" link opens the checker with its options.
  const tryLinks = links.filter((l) => l.href.startsWith("checker.html#options="));
  // Every parameter page's example is valid options (a deprecated one gets a warning).
  for (const l of tryLinks) {
    const text = new URLSearchParams(l.href.split("#")[1]).get("options");
    const errs = pkg.validate(JSON.parse(text)).filter((i) => i.severity === "error");
    if (errs.length) fail(`${l.from}: its example ${text} has errors: ${JSON.stringify(errs)}`);
  }
  if (tryLinks.length) {
    const t = await open(pathToFileURL(join(site, tryLinks[0].from)).href, cerrors);
    await t.click("a.try");
    await t.waitForFunction(() => document.body.dataset.ready === "1", null, { timeout: 10000 });
    const text = await t.inputValue("#options");
    const wanted = new URLSearchParams(tryLinks[0].href.split("#")[1]).get("options");
    if (text !== wanted) fail(`checker: ${tryLinks[0].from}'s link fills ${text}, not ${wanted}`);
    await t.close();
  }
  ok("checker: deep links round-trip");

  // --- keyboard ----------------------------------------------------------------------
  const wantFocus = ["options", "model", "tools", "example"];
  const reached = new Set();
  await page2.goto(checkerUrl);
  await page2.waitForFunction(() => document.body.dataset.ready === "1", null, { timeout: 10000 });
  for (let i = 0; i < 40 && reached.size < wantFocus.length; i += 1) {
    await page2.keyboard.press("Tab");
    const id = await page2.evaluate(() => document.activeElement?.id ?? "");
    if (wantFocus.includes(id)) reached.add(id);
  }
  const missed = wantFocus.filter((id) => !reached.has(id));
  if (missed.length) fail(`checker: the keyboard does not reach ${missed.join(", ")}`);
  // Typing with the focus in the text area checks as one types.
  await page2.focus("#options");
  await page2.keyboard.press("Control+A");
  await page2.keyboard.type("{\"__typed__\": 1}");
  const typed = await shown();
  if (!typed.issues.some((i) => i.key === "/__typed__")) fail("checker: typing with the keyboard shows no issue at /__typed__");
  ok("checker: keyboard reaches every control, and typing checks");
  cerrors.forEach(fail);

  // --- phone width, color schemes, screenshots ---------------------------------------
  const paramPage = files.find((f) => f.startsWith("param-")) ?? "index.html";
  const shots = [
    [paramPage, "parameter"],
    ["checker.html", "checker"],
    ["index.html", "index"],
    ["catalog.html", "catalog"],
  ];
  const narrow = await context.newPage();
  await narrow.setViewportSize({ width: 390, height: 844 });
  for (const [file, name] of shots) {
    for (const scheme of ["light", "dark"]) {
      await narrow.emulateMedia({ colorScheme: scheme });
      await narrow.goto(pathToFileURL(join(site, file)).href);
      const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) fail(`${file} at 390 px (${scheme}): the page is ${width} px wide, it scrolls sideways`);
      if (name === "parameter" || name === "checker") {
        await narrow.screenshot({ path: join(artifacts, `${name}-390-${scheme}.png`), fullPage: true });
      }
    }
  }
  const colors = {};
  for (const scheme of ["light", "dark"]) {
    await narrow.emulateMedia({ colorScheme: scheme });
    await narrow.goto(checkerUrl);
    colors[scheme] = await narrow.evaluate(() => {
      const s = getComputedStyle(document.body);
      return `${s.backgroundColor} / ${s.color}`;
    });
  }
  if (colors.light === colors.dark) fail(`the dark scheme changes no color (${colors.light})`);
  await narrow.close();
  const wide = await context.newPage();
  for (const [file, name] of shots.slice(0, 2)) {
    await wide.goto(pathToFileURL(join(site, file)).href);
    await wide.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  }
  await wide.close();
  ok(`390 px and dark/light (${colors.light} vs ${colors.dark}); screenshots in ${artifacts}`);

  if (offsite.length) fail(`requests off the disk: ${[...new Set(offsite)].slice(0, 5).join(", ")}`);
} catch (e) {
  fail(`the browser test stopped: ${e && e.stack ? e.stack : e}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (problems.length) {
  console.error(`${problems.length} problem(s) on ${site}`);
  process.exit(1);
}
console.log(`all checks passed on ${site}`);
