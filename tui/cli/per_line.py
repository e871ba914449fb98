"""``newsdesk extract --per-line``: one JSON array of figures per input line, in input order.

Why a module of its own: a long input is shared out to worker processes, one per core, in
chunks of lines; each worker returns its chunk's output as one string, and the chunks are
written in input order, so the output is byte for byte what one process writes. Workers are
forked (Linux) after the extractor is imported, so they start in milliseconds instead of
importing it again; elsewhere, and for short inputs, where a second process costs more than it
saves, the lines are read here. (The command imports this module only when it runs, so the
extractor imported at the top costs nothing to other commands.)
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any

from store.figures import extract_text
from store.figures.about import annotate
from store.model import Article, Section
from store.sanitize import json_safe

# Below this many lines one process is quicker: a forked pool costs ~20 ms to start and stop.
PARALLEL_LINES = 2_000
# Lines per task: large enough that passing tasks costs little, small enough to share out.
CHUNK_LINES = 250

# ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` builds this encoder for every
# call; one kept encoder gives the same text.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def figures_of(text: str) -> list[Any]:
    """The figures of one line and what each is about, the line read as an undated body."""
    figures = extract_text(text)
    if not figures:
        return figures  # (nothing to annotate: no article is built for a line without any)
    return annotate(figures, Article(title="", sections=[Section("", [text])]))


def lines_json(lines: Sequence[str]) -> str:
    """The output for ``lines``: one compact JSON array per line, each ending in a newline.

    Sanitized once for the whole chunk: ``json_safe`` escapes single characters, so the text
    is the same as escaping each line on its own.
    """
    encode = _ENCODER.encode
    out = []
    for raw in lines:
        line = raw.removesuffix("\r")
        figs = figures_of(line) if line.strip() else []
        out.append(encode([f.to_json() for f in figs]))
    out.append("")
    return json_safe("\n".join(out))


def _chunks(lines: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(lines), CHUNK_LINES):
        yield lines[start : start + CHUNK_LINES]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def multiprocessing_pool(workers: int) -> Any:
    """A pool of ``workers`` forked processes (``multiprocessing.pool.Pool``)."""
    import multiprocessing

    return multiprocessing.get_context("fork").Pool(workers)


def write_per_line(lines: Sequence[str], out: IO[str]) -> None:
    """Write the figures of every line of ``lines`` to ``out``, one JSON array a line."""
    cores = _cores()
    if len(lines) < PARALLEL_LINES or cores < 2 or not sys.platform.startswith("linux"):
        for chunk in _chunks(lines):
            out.write(lines_json(chunk))
        out.flush()
        return
    # Load the extractor's tables (lexicons, sources) here once: forked workers start with them.
    figures_of("Officials said 3 people were hurt.")
    workers = min(cores, -(-len(lines) // CHUNK_LINES))
    # A forked worker flushes its copy of the standard streams when it ends: nothing may be
    # left in them to be written twice.
    out.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    with multiprocessing_pool(workers) as pool:
        for text in pool.imap(lines_json, _chunks(lines)):
            out.write(text)
    out.flush()
