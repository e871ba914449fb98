"""Turn untrusted article text into something a widget can show verbatim and harmlessly.

Article text comes from scraped files: it may hold Textual markup (``[@click=app.quit]``), Rich
markup, or terminal escape sequences (``ESC ] 0 ; title BEL``). Nothing from an article may be
handed to a widget as a markup string, and control characters must go before display, so every
path from the library to the screen goes through this module.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from rich.cells import cell_len, get_character_cell_size
from textual.content import Content

from store.text import ANY_CONTROL_RE, CONTROL_SEQUENCE_RE, strip_controls

ELLIPSIS = "…"


def one_line(text: str) -> str:
    """Clean text for a single-line cell: controls stripped, whitespace runs collapsed."""
    return " ".join(strip_controls(text).split())


def clean_with_offsets(text: str) -> tuple[str, Callable[[int], int]]:
    """Strip control characters and return a function mapping old offsets to new ones.

    Figure and search offsets refer to the stored text; when a control character is removed the
    offsets after it shift, so highlights must be moved by the same amount.
    """
    if not ANY_CONTROL_RE.search(text):
        return text, lambda offset: offset
    starts: list[int] = []  # start of each removed run, in the original text
    shift: list[int] = []  # characters removed up to and including that run
    ends: list[int] = []
    total = 0
    pieces: list[str] = []
    last = 0
    for match in CONTROL_SEQUENCE_RE.finditer(text):  # the same removals as strip_controls
        pieces.append(text[last : match.start()])
        last = match.end()
        total += match.end() - match.start()
        starts.append(match.start())
        ends.append(match.end())
        shift.append(total)
    pieces.append(text[last:])
    cleaned = "".join(pieces)

    def remap(offset: int) -> int:
        index = bisect_left(ends, offset + 1) - 1  # last run ending at or before offset
        before = shift[index] if index >= 0 else 0
        inside = bisect_left(starts, offset + 1) - 1  # a run containing offset?
        if inside > index:  # offset falls inside a removed run: clamp to its start
            return starts[inside] - (shift[inside - 1] if inside > 0 else 0)
        return offset - before

    return cleaned, remap


def content(text: str, style: str = "") -> Content:
    """Untrusted text as Content: never parsed as markup, control characters removed."""
    return Content.styled(strip_controls(text), style) if style else Content(strip_controls(text))


def fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to exactly ``width`` terminal cells, marking a cut with an ellipsis.

    Uses cell widths, so CJK and emoji (two cells each) never overflow the column; when a wide
    character would straddle the edge a space fills the gap.
    """
    if width <= 0:
        return ""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    limit = width - 1  # room for the ellipsis
    cells = 0
    out: list[str] = []
    for char in text:
        size = get_character_cell_size(char)
        if cells + size > limit:
            break
        out.append(char)
        cells += size
    return "".join(out) + ELLIPSIS + " " * (limit - cells)
