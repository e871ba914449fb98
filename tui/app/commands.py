"""Command palette entries (Ctrl+p): the app's (help, theme) and the browse screen's (category
filters, sort orders, picks, comparison and its exports).

The palette is the discoverable twin of the quick keys, so every entry maps to an action the keys
also reach; the browse screen's entries are offered only on that screen, where they act.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from tui.safe import one_line

if TYPE_CHECKING:
    from tui.app import NewsdeskApp
    from tui.app.screens.browse import BrowseScreen

MATCH_STYLE = "bold underline"


class _Commands(Provider):
    """Entries matched fuzzily against what the user types (subclasses list them)."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            # Content, not str: a str prompt would be parsed as markup (titles come from data).
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), callback, text=title, help=help_text)


class AppCommands(_Commands):
    """What works on every screen: help and the one theme command (dark / light)."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: NewsdeskApp = self.app  # type: ignore[assignment]
        return [
            ("Help: keys of the focused pane", app.action_help, "Show key bindings (?)"),
            ("Theme: switch dark / light", app.action_toggle_theme, "Switch theme (Ctrl+t)"),
        ]


class BrowseCommands(_Commands):
    """The browse screen's filters, sort orders and actions, exports of the picks included."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        browse: BrowseScreen = self.screen  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Category: all", partial(browse.set_category, None), "Show every category"),
        ]
        for name, count in browse.categories:
            commands.append(
                (
                    f"Category: {one_line(name) or 'uncategorised'}",
                    partial(browse.set_category, name),
                    f"{count:,} article(s)",
                )
            )
        for sort in ("date", "title", "source"):
            commands.append((f"Sort by {sort}", partial(browse.set_sort, sort), "Order the list"))
        commands += [
            ("Search articles", browse.open_search, "Open the search box (/)"),
            ("Unpick all articles", browse.action_clear_picks, "Clear the comparison picks"),
            ("Compare picked articles", browse.action_compare, "Figures side by side (c)"),
            (
                "Export comparison of the picked articles as Markdown",
                partial(browse.action_compare, "markdown"),
                "Opens the comparison and writes a .md file",
            ),
            (
                "Export comparison of the picked articles as CSV",
                partial(browse.action_compare, "csv"),
                "Opens the comparison and writes a .csv file",
            ),
            ("Related articles", browse.action_related, "Other reports of the story read (r)"),
        ]
        return commands


def _highlight(matcher: Matcher, title: str) -> Content:
    """The title as plain Content with the matched characters styled.

    ``Matcher.highlight`` parses its argument as markup, and category names come from article
    files: "[/x]" would raise and "[b]" would vanish. So only the match offsets are taken from
    the matcher and applied to plain text.
    """
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(MATCH_STYLE, offset, offset + 1)
    return content
