"""Opening a comparison from the browse screen: ``c`` loads it first and then pushes the
compare screen with it, so its first frame already has the table; one article is compared
with its own versions. Kept apart from the compare screen, which only shows a comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.message import Message
from textual.screen import Screen

from tui.app.screens.compare import CompareData, CompareScreen, load_compare_data


class ComparisonReady(Message):
    """A comparison loaded before its screen is pushed (posted to the screen that asked)."""

    def __init__(self, ids: list[int], data: CompareData, export: str = "") -> None:
        super().__init__()
        self.ids = ids
        self.data = data
        self.export = export  # "markdown" / "csv": write it once shown


class VersionsFound(Message):
    """The stored versions of the article to compare (one id: nothing to compare)."""

    def __init__(self, ids: list[int]) -> None:
        super().__init__()
        self.ids = ids


NOT_ENOUGH = "Pick at least two articles with space to compare them."


def open_compare(
    screen: Screen, picked: Sequence[int], reading: int | None, export: str = ""
) -> None:
    """``c`` on ``screen``: compare the picked articles, or the versions of one article.

    With two or more picked the comparison is loaded first and the screen pushed with it
    (``ComparisonReady``: one frame with the table instead of an empty frame, then a second).
    With one picked (or none, while ``reading`` an article) that article's versions are looked
    up (``VersionsFound``) and compared when there are several; otherwise one sentence says
    what to do. ``screen`` handles both messages by calling ``compare_ready``/``versions_found``.
    """
    database = screen.app.database  # type: ignore[attr-defined]
    ids = list(picked)
    if len(ids) >= 2:
        database.request(
            screen,
            lambda library: load_compare_data(library, ids),
            lambda data: ComparisonReady(ids, data, export),
            group="compare-open",
            exclusive=True,
        )
        return
    if export:
        screen.notify("Pick at least two articles with space to export their comparison.")
        return
    candidate = ids[0] if ids else reading
    if candidate is None:
        screen.notify(NOT_ENOUGH)
        return

    def look_up(library: Any) -> VersionsFound:
        from store.figures.compare import compared_versions  # figure code: on first use

        return VersionsFound(compared_versions([v.id for v in library.versions(candidate)]))

    database.request(
        screen,
        look_up,
        lambda found: found,
        group="compare-versions",
        exclusive=True,
    )


def show_comparison(
    browse: Any, ids: list[int], data: CompareData | None = None, export: str = ""
) -> None:
    """Push the comparison of ``ids`` over the browse screen (``ComparisonReady`` or, for one
    article, ``VersionsFound``), unless another screen came up meanwhile."""
    if data is None and len(ids) < 2:
        browse.notify(NOT_ENOUGH)
    elif browse.app.screen is browse:
        screen = CompareScreen(
            ids, data=data, picker=browse.toggle_pick, picked=browse.picked, export=export
        )
        browse.app.push_screen(screen)
