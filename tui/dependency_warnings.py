"""Warnings raised inside dependencies go to a log, never to the user's terminal.

Why: a dependency's release can start warning at import (cryptography 51 makes asyncssh print
five ``CryptographyDeprecationWarning: DSA is deprecated`` lines), which garbles the output of
``newsdesk serve`` and of every command, and breaks anything that reads our own lines. Warnings
raised from our own code (``store``, ``tui``) still show as Python shows them.

``route()`` replaces ``warnings.showwarning`` and costs no import: ``logging`` is imported only
when a dependency actually warns, so the ``newsdesk list`` quick path stays within its budget.
The records go to the ``newsdesk.dependencies`` logger, which has a null handler of its own (so
Python's last-resort handler never prints them) and propagates to whatever the process set up:
``newsdesk serve`` writes them to its log file.
"""

from __future__ import annotations

import os
import warnings
from typing import Any, TextIO

LOGGER_NAME = "newsdesk.dependencies"
# Our packages, as directory prefixes: a warning whose frame lies below one of them is ours.
_OURS = tuple(
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), name) + os.sep
    for name in ("store", "tui")
)
_original = warnings.showwarning


def is_ours(filename: str) -> bool:
    """Whether a warning attributed to ``filename`` comes from newsdesk's own code."""
    return os.path.abspath(filename).startswith(_OURS)


def _show(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    if is_ours(filename):
        _original(message, category, filename, lineno, file, line)
        return
    import logging

    logger = logging.getLogger(LOGGER_NAME)
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    logger.warning("%s:%d: %s: %s", filename, lineno, category.__name__, message)


def route() -> None:
    """Send dependencies' warnings to the log from now on (idempotent)."""
    warnings.showwarning = _show


def routed() -> Any:
    """The function now showing warnings (for tests)."""
    return warnings.showwarning
