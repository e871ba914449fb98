"""What the command line prints: terminal-safe text, the article list, JSON for scripts.

Kept free of click (and of everything heavier than ``re``) because both the click commands in
``cli.py`` and the quick ``list`` path in ``launch.py`` print through it: one formatter means the
two paths cannot drift apart, and the quick path stays quick.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# ``typing`` costs ~4 ms of start-up that the quick list path cannot spare; type checkers read
# this block, the interpreter skips it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from store.listing import ListRow
    from store.model import ArticleRow

    Row = ArticleRow | ListRow

# The plain list shows this much of a title (JSON output always has all of it).
LIST_TITLE_LIMIT = 1000
_SINCE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?)?$")


def clean(text: str) -> str:
    """Text safe to print to a terminal (``store.sanitize``, the one sanitizer)."""
    from store.sanitize import sanitize

    return sanitize(text)


def one_line(text: str, limit: int | None = None) -> str:
    """Sanitized, on one line (whitespace runs folded), cut with a mark past ``limit``."""
    from store.sanitize import one_line as folded

    return folded(text, limit)


def dumps(value: object) -> str:
    """JSON for scripts: UTF-8 kept readable; C1 and bidi controls escaped (JSON escapes C0)."""
    import json

    from store.sanitize import json_safe

    return json_safe(json.dumps(value, ensure_ascii=False, indent=2))


def valid_since(value: str) -> str | None:
    """``--since`` as stored dates compare (``T`` between date and time), or None if no date."""
    text = value.strip()
    if not _SINCE.match(text):
        return None
    from datetime import datetime

    padded = (text + "-01-01"[len(text) - 4 :]) if len(text) < 10 else text
    try:
        datetime.fromisoformat(padded.replace(" ", "T"))
    except ValueError:
        return None
    return text.replace(" ", "T")


def row_json(row: Row) -> dict[str, object]:
    """One ``list --json`` object (public shape, documented in README.md)."""
    return {
        "id": row.id,
        "title": row.title,
        "category": row.category,
        "published": row.published,
        "source": row.source,
        "versions": row.versions,
    }


def row_lines(rows: Sequence[Row]) -> Iterable[str]:
    """The plain list: id, date, category, source, title; one line per article."""
    if not rows:
        yield "No articles."
        return
    width = max(len(str(r.id)) for r in rows)
    for r in rows:
        date = one_line(r.published)[:10] or "undated"
        yield (
            f"{r.id:>{width}}  {date:<10}  "
            f"{one_line(r.category)[:12]:<12}  "
            f"{one_line(r.source)[:16]:<16}  {one_line(r.title, LIST_TITLE_LIMIT)}"
        )
