"""Untrusted text as Textual ``Content``, fitted to terminal cells.

The sanitizing itself (escape sequences, control characters, bidi overrides) is done by
``store.sanitize``, the one place every string passes before it reaches a terminal; this module
adds what only the UI needs: ``Content`` that is never parsed as markup (``[@click=app.quit]`` in
a title stays text) and fitting to a column width in cells.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from textual.content import Content

from store.sanitize import clip, sanitize, sanitize_with_offsets
from store.sanitize import one_line as _one_line

__all__ = ["clean_with_offsets", "clip", "content", "fit", "one_line", "sanitize"]

ELLIPSIS = "…"
# No single line on screen is wider than a few hundred cells (serve clamps terminals to 500
# columns), so a one-line field is cut here before any work on it: a 4 MB title then costs no
# more than a short one in the list, the search results or the compare screen.
LINE_LIMIT = 1000


def one_line(text: str, limit: int | None = LINE_LIMIT) -> str:
    """Sanitized text on one line, cut (with a visible mark) past ``limit`` characters."""
    return _one_line(text, limit)


# The figure and search highlighters move their offsets by what the sanitizer removed.
clean_with_offsets = sanitize_with_offsets


def content(text: str, style: str = "") -> Content:
    """Untrusted text as Content: never parsed as markup, sanitized for the terminal."""
    return Content.styled(sanitize(text), style) if style else Content(sanitize(text))


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
