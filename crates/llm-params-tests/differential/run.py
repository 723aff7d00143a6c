"""The Python side of the differential test (src/bin/differential.rs says the format):

    python run.py <module> <dir>

reads <dir>/inputs.jsonl and <dir>/ids.json and writes <dir>/python.jsonl.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any


def main() -> None:
    module, directory = sys.argv[1], Path(sys.argv[2])
    engine: Any = importlib.import_module(module)
    ids = json.loads((directory / "ids.json").read_text(encoding="utf-8"))

    def replay(options: dict[str, Any], out: Any) -> bool:
        expected = dict(options)
        for c in out.changes:
            had = c.parameter in expected
            value = expected.pop(c.parameter, None)
            if c.action in ("set", "clamped"):
                if c.action == "clamped" and not had:
                    return False
                if c.parameter in out.options:
                    expected[c.parameter] = out.options[c.parameter]
                continue
            if not had:
                return False
            if c.to is not None:
                expected[c.to] = value
        got = out.options
        return got.keys() == expected.keys() and all(got[k] is expected[k] for k in got)

    with (directory / "inputs.jsonl").open(encoding="utf-8") as inputs, (
        directory / "python.jsonl"
    ).open("w", encoding="utf-8") as results:
        for line in inputs:
            options = json.loads(line)
            issues = [[i.path, i.code, i.severity, i.message] for i in engine.validate(options)]
            prepared: list[Any] | None = None
            if isinstance(options, dict):
                prepared = []
                for model in ids:
                    for has_tools in (False, True):
                        out = engine.prepare(model, options, has_tools=has_tools)
                        changes = []
                        for c in out.changes:
                            change = [c.parameter, c.action, c.to, c.reason, c.message]
                            if c.action in ("set", "clamped") and c.parameter in out.options:
                                change.append(out.options[c.parameter])
                            changes.append(change)
                        warnings = [[w.reason, w.message] for w in out.warnings]
                        m = out.matched
                        matched = None if m is None else [m.by, m.entry, m.pattern]
                        prepared.append([out.model, changes, replay(options, out), warnings, matched])
            results.write(json.dumps([issues, prepared], ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
