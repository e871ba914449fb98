"""The ``newsdesk`` command line.

Kept light on purpose: ``tui.cli.launch`` (the console script) prints a plain ``list`` with
``tui.cli.output`` without importing click, and that import goes through this package. The click
commands live in ``tui.cli.commands``; their names are reachable from here too (``from tui.cli
import main``), imported on first use.
"""

from __future__ import annotations

_FROM_COMMANDS = frozenset({"main", "CliContext", "ProgressBar"})


def __getattr__(name: str) -> object:
    if name in _FROM_COMMANDS:
        from tui.cli import commands

        return getattr(commands, name)
    raise AttributeError(f"module 'tui.cli' has no attribute {name!r}")
