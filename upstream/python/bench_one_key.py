"""What validating one key costs at two spec sizes (issue 16, point 5): one known key (the
spec's last parameter), one unknown key with a suggestion and one without (its message
read, so the suggestion is computed), and the package's import time.

    target/release/xtask synth --params 50 --models 45 /tmp/s50
    target/release/xtask --root /tmp/s50 gen
    target/release/xtask synth --params 5000 --models 45 /tmp/s5k
    target/release/xtask --root /tmp/s5k gen
    python3 upstream/python/bench_one_key.py /tmp/s50 /tmp/s5k

Each directory holds a generated spec (``DIR/generated/python/src``); each is measured in
processes of its own (both packages are ``llm_params``-like, so one process cannot import
both). Keys are drawn from the spec's own names: unknown keys are a parameter's name with
a letter inserted (a suggestion) or changed beyond distance 2 (none), several hundred of
each, cycled, so the engine's memo of recent keys (256) does not answer. Medians of 5 runs.
Not part of the test command: timings depend on the machine.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import importlib, json, sys, time
src, package = sys.argv[1], sys.argv[2]
sys.path.insert(0, src)
t = time.perf_counter()
pkg = importlib.import_module(package)
imported = time.perf_counter() - t
if sys.argv[3] == "import":
    print(json.dumps({"import": imported, "params": len(pkg.PARAMETERS)}))
    raise SystemExit
validate, names = pkg.validate, list(pkg.PARAMETERS)
suggest = pkg._engine._PARAM_NAMES.closest  # the engine's index of the names
known = set(names)
last = names[-1]
value = next(v for v in (1, 0.5, "a", True, ["a"], {"a": 1}, {}) if validate({last: v}) == [])
near, far = [], []
for n in names[::-1]:
    for c in "qjz":
        for at in range(1, len(n)):
            if len(near) < 400:
                k = n[:at] + c + n[at:]
                if k not in known and suggest(k) is not None:
                    near.append(k)
            if len(far) < 400:
                k = c + "x" + n[::-1][:at] + "w" + n[::-1][at:]
                if k not in known and suggest(k) is None:
                    far.append(k)
assert near and far, "no keys of each kind"

def run(keys, n):
    # The options are made beforehand: only ``validate`` is timed. Every issue's message
    # is read: the suggestion is part of it.
    options = [{k: value} for k in keys]
    count = len(options)
    t = time.perf_counter()
    for i in range(n):
        for issue in validate(options[i % count]):
            issue.message
    return (time.perf_counter() - t) / n

out = {}
for label, keys in (("known", [last]), ("near", near), ("far", far)):
    run(keys, 200)
    out[label] = min(run(keys, 3000) for _ in range(3))
print(json.dumps(out))
"""


def measure(root: Path, what: str) -> dict[str, float]:
    src = root / "generated" / "python" / "src"
    package = next(p.name for p in src.iterdir() if (p / "__init__.py").exists())
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", CHILD, str(src), package, what],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        for _ in range(5)
    ]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> None:
    small, large = (Path(a) for a in sys.argv[1:3])
    rows = []
    for root in (small, large):
        row = measure(root, "import") | measure(root, "keys")
        rows.append((int(row["params"]), row))
    (p1, a), (p2, b) = rows
    print(f"| Python | {p1} parameters | {p2} parameters | ratio |")
    print("|---|---|---|---|")
    for key, label, scale, unit in (
        ("known", "validate, one known key (the last parameter)", 1e9, "ns"),
        ("near", "validate, one unknown key with a suggestion (message read)", 1e6, "us"),
        ("far", "validate, one unknown key without (message read)", 1e6, "us"),
        ("import", "import of the package", 1e3, "ms"),
    ):
        print(
            f"| {label} | {a[key] * scale:.1f} {unit} | {b[key] * scale:.1f} {unit} "
            f"| {b[key] / a[key]:.2f} |"
        )


if __name__ == "__main__":
    main()
