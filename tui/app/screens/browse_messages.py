"""What the database thread sends the browse screen: typed messages, one per kind of answer.

Kept apart from the screen so the screen module holds behaviour only; each message is what one
request through ``tui.app.database`` replies with.
"""

from __future__ import annotations

from array import array
from typing import Any

from textual.message import Message

from store.model import ArticleRow


class FirstPage(Message):
    """The newest rows, read while the library opened (the first frame shows them)."""

    def __init__(self, rows: list[ArticleRow]) -> None:
        super().__init__()
        self.rows = rows


class IdsLoaded(Message):
    """The full list of ids for a sort and filter (and the categories, the data version)."""

    def __init__(
        self, ids: array[int], categories: list[tuple[str, int]] | None, data_version: int
    ) -> None:
        super().__init__()
        self.ids = ids
        self.categories = categories
        self.data_version = data_version


class DataVersion(Message):
    """SQLite's ``data_version``: it changes when another connection commits."""

    def __init__(self, value: int) -> None:
        super().__init__()
        self.value = value


class HitsFound(Message):
    """Search results for ``query``."""

    def __init__(self, query: str, hits: list[Any], problems: list[str] | None = None) -> None:
        super().__init__()
        self.query = query
        self.hits = hits
        self.problems = problems or []  # filters that were ignored ("since:2025-13 is not…")
