// The live checker of the docs site: the generated TypeScript package, bundled into the
// page by `cargo xtask site`, so the page gives exactly the packages' verdicts. Every text
// is written as text (`textContent`), never as markup.
import { prepare, validate } from "../../typescript/src/index.js";

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`checker: no #${id} in the page`);
  return el as T;
};

const optionsBox = byId<HTMLTextAreaElement>("options");
const modelSelect = byId<HTMLSelectElement>("model");
const otherRow = byId<HTMLElement>("other-row");
const otherInput = byId<HTMLInputElement>("model-other");
const toolsBox = byId<HTMLInputElement>("tools");
const parseError = byId<HTMLElement>("parse-error");
const issuesList = byId<HTMLUListElement>("issues");
const issuesSummary = byId<HTMLElement>("issues-summary");
const matchedText = byId<HTMLElement>("matched");
const preparedBox = byId<HTMLElement>("prepared");
const changesList = byId<HTMLUListElement>("changes");
const warningsList = byId<HTMLUListElement>("warnings");

function clear(el: HTMLElement): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

function item(list: HTMLElement, data: Record<string, string>, parts: [string, string][]): void {
  const li = document.createElement("li");
  for (const [k, v] of Object.entries(data)) li.dataset[k] = v;
  for (const [cls, text] of parts) {
    const span = document.createElement(cls === "key" ? "code" : "span");
    span.className = cls;
    span.textContent = text;
    li.appendChild(span);
    li.appendChild(document.createTextNode(" "));
  }
  list.appendChild(li);
}

/** The model id the controls name. */
function modelId(): string {
  return modelSelect.value === "" ? otherInput.value : modelSelect.value;
}

function writeHash(): void {
  const params = new URLSearchParams();
  params.set("options", optionsBox.value);
  params.set("model", modelId());
  if (toolsBox.checked) params.set("tools", "1");
  const hash = "#" + params.toString();
  if (location.hash === hash) return;
  try {
    history.replaceState(null, "", hash);
  } catch {
    location.hash = hash;
  }
}

function readHash(): boolean {
  if (location.hash.length <= 1) return false;
  const params = new URLSearchParams(location.hash.slice(1));
  const options = params.get("options");
  if (options === null) return false;
  optionsBox.value = options;
  const model = params.get("model");
  if (model !== null) {
    const known = Array.from(modelSelect.options).some((o) => o.value === model && model !== "");
    modelSelect.value = known ? model : "";
    if (!known) otherInput.value = model;
  }
  toolsBox.checked = params.get("tools") === "1";
  return true;
}

function update(): void {
  otherRow.hidden = modelSelect.value !== "";
  clear(issuesList);
  clear(changesList);
  clear(warningsList);
  parseError.textContent = "";
  let options: unknown;
  try {
    options = JSON.parse(optionsBox.value);
  } catch (e) {
    parseError.textContent = `Not JSON: ${(e as Error).message}`;
    issuesSummary.textContent = "";
    matchedText.textContent = "";
    preparedBox.textContent = "";
    document.body.dataset.state = "parse-error";
    writeHash();
    return;
  }
  const issues = validate(options);
  issuesSummary.textContent =
    issues.length === 0 ? "No issues." : `${issues.length} issue${issues.length === 1 ? "" : "s"}.`;
  for (const i of issues) {
    item(
      issuesList,
      { path: i.path, code: i.code, severity: i.severity, message: i.message },
      [
        ["key", i.path === "" ? "(the object)" : i.path],
        [i.severity === "error" ? "severity error" : "severity warning", i.severity],
        ["code", i.code],
        ["message", i.message],
      ],
    );
  }
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    matchedText.textContent = "prepare takes an options object.";
    preparedBox.textContent = "";
    document.body.dataset.state = "not-an-object";
    writeHash();
    return;
  }
  const id = modelId();
  const prepared = prepare(id, options, { hasTools: toolsBox.checked });
  matchedText.textContent =
    prepared.matched === null
      ? `${id} is not in the catalog: the options are sent unchanged.`
      : `${id} matched ${prepared.matched.entry} by ${prepared.matched.by}` +
        (prepared.matched.pattern === null ? "." : ` (prefix ${prepared.matched.pattern}).`);
  preparedBox.textContent = JSON.stringify(prepared.options, null, 2);
  for (const c of prepared.changes) {
    item(
      changesList,
      { parameter: c.parameter, action: c.action, reason: c.reason, to: c.to ?? "", message: c.message },
      [
        ["key", c.parameter],
        ["action", c.to === undefined ? c.action : `${c.action} to ${c.to}`],
        ["reason", c.reason],
        ["message", c.message],
      ],
    );
  }
  if (prepared.changes.length === 0) item(changesList, {}, [["none", "No change."]]);
  for (const w of prepared.warnings) {
    item(warningsList, { reason: w.reason, message: w.message }, [
      ["reason", w.reason],
      ["message", w.message],
    ]);
  }
  if (prepared.warnings.length === 0) item(warningsList, {}, [["none", "No warning."]]);
  document.body.dataset.state = "checked";
  writeHash();
}

byId<HTMLButtonElement>("example").addEventListener("click", () => {
  const data = byId<HTMLElement>("example-data").textContent ?? "{}";
  optionsBox.value = JSON.stringify(JSON.parse(data), null, 2);
  update();
});
// Enter in the model id field would submit the form (and reload the page).
byId<HTMLFormElement>("checker").addEventListener("submit", (e) => e.preventDefault());
for (const el of [optionsBox, otherInput]) el.addEventListener("input", update);
for (const el of [modelSelect, toolsBox]) el.addEventListener("change", update);
window.addEventListener("hashchange", () => {
  if (readHash()) update();
});
readHash();
byId<HTMLElement>("checker-missing").hidden = true;
update();
document.body.dataset.ready = "1";
