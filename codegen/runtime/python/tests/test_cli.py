"""The command-line checker, for whatever spec the package was generated from: its name
and version, a console script named like the distribution, and the verdicts that hold
for any spec (nothing set is clean; an unknown key is an error; what is not a JSON object
cannot be used). Nothing here names a parameter or a model of one spec.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import llm_params
from llm_params import prepare
from llm_params._cli import main
from llm_params._rules import COMMAND


def run(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """``python -m llm_params ARGS``: the exit status, standard output and standard error."""
    done = subprocess.run(
        [sys.executable, "-m", llm_params.__name__, *args],
        input=stdin,
        capture_output=True,
        check=False,
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def test_the_command_is_named_like_the_distribution() -> None:
    dist = importlib.metadata.distribution(llm_params.__name__)
    assert COMMAND == dist.metadata["Name"]
    scripts = [e for e in dist.entry_points if e.group == "console_scripts"]
    assert [(e.name, e.value) for e in scripts] == [(COMMAND, f"{llm_params.__name__}._cli:main")]


def test_version_and_help() -> None:
    assert run("--version") == (0, f"{COMMAND} {llm_params.__version__}\n", "")
    status, out, err = run("--help")
    assert (status, err) == (0, "")
    assert f"{COMMAND} check " in out and f"{COMMAND} prepare " in out


def test_nothing_set_is_clean(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("{}\n", encoding="utf-8")
    assert run("check", str(empty)) == (0, "", "")
    assert run("check", "-", stdin=b"{}") == (0, "", "")
    status, out, err = run("prepare", "--model=x", "--format", "json", "--", "-", stdin=b"\xef\xbb\xbf{}")
    assert (status, err) == (0, "")
    assert json.loads(out)["file"] == "<stdin>"


def test_an_unknown_key_is_an_error_and_a_non_object_cannot_be_used() -> None:
    assert run("check", "-", stdin=b'{"Not A Parameter": 1}') == (
        1,
        "<stdin>: /Not A Parameter: error[unknown_parameter]: "
        + llm_params.validate({"Not A Parameter": 1})[0].message
        + "\n",
        "",
    )
    assert run("check", "-", stdin=b"[]") == (
        2,
        "",
        "<stdin>: error: expected a JSON object of options, got an array\n",
    )


def test_a_model_outside_the_catalog_changes_nothing() -> None:
    model = "not a model/\u2603"
    assert prepare(model, {}).model is None
    assert run("prepare", f"--model={model}", "-", stdin=b"{}") == (
        0,
        "{}\n",
        f"<stdin>: (root): note: model `{model}` is not in the catalog: nothing is changed\n",
    )


def test_usage_errors_exit_2() -> None:
    status, out, err = run("check")
    assert (status, out) == (2, "")
    assert err.startswith(f"{COMMAND}: error: ") and err.count("\n") == 2
    assert main(["--version"]) == 0
