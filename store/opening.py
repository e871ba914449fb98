"""How commands that only read open a library: read-only first, writable only for real work.

Why: a writable open takes locks (the WAL switch, re-extracting figures) that another process's
import holds for minutes, so ``figures`` and ``compare`` used to fail with "busy" during a big
import while ``list`` worked. Reading needs no write lock, so every read opens the library
read-only (SQLite ``mode=ro``). Only work that cannot wait is done with a writable open: rolling
back an interrupted import, a schema upgrade, the samples of a first run, and figures from an
older extractor; when another program holds the lock, figures are read as stored instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.errors import EMPTY, INTERRUPTED, LOCKED, NEEDS_UPGRADE, LibraryError
from store.library import BUSY_TIMEOUT_MS, Library, Progress

# Failures of a read-only open that a writable open resolves.
_NEEDS_WRITER = frozenset({INTERRUPTED, NEEDS_UPGRADE, EMPTY})


def open_for_reading(
    path: Path,
    *,
    may_write: bool,
    progress: Progress | None = None,
    cache_kb: int = 65536,
    fresh_figures: bool = False,
    wants_samples: bool = False,
    writable: Callable[[int], Library] | None = None,
) -> Library:
    """The library at ``path`` for reading (see the module notes); ``LibraryError`` otherwise.

    ``fresh_figures`` asks for figures from the current extractor when a writer can make them;
    ``wants_samples`` for the shipped samples in an empty default library. ``writable(wait_ms)``
    opens the library for writing (default: ``Library.open``), so callers can show progress.
    """

    def open_writable(wait_ms: int = BUSY_TIMEOUT_MS) -> Library:
        if writable is not None:
            return writable(wait_ms)
        return Library.open(path, progress=progress, cache_kb=cache_kb, wait_ms=wait_ms)

    if not may_write:
        return Library.open(path, readonly=True, cache_kb=cache_kb)
    if not path.is_file():
        return open_writable()  # a new library, or something Library.open refuses in a sentence
    try:
        reader = Library.open(path, readonly=True, cache_kb=cache_kb)
    except LibraryError as exc:
        if exc.kind in _NEEDS_WRITER:
            return open_writable()
        raise
    try:
        samples_due = wants_samples and reader.count() == 0
        needs_work = samples_due or (fresh_figures and reader.figures_stale())
    except BaseException:
        reader.close()
        raise
    if not needs_work:
        return reader
    try:
        # Figures can wait for another program's import: do not wait for its lock then.
        library = open_writable(BUSY_TIMEOUT_MS if samples_due else 0)
    except LibraryError as exc:
        if exc.kind == LOCKED and not samples_due:
            return reader  # another program is importing: its figures, as stored, will do
        reader.close()
        raise
    reader.close()
    return library
