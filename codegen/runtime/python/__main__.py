"""``python -m <package>``: the command-line checker (``_cli.py``)."""

from ._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
