"""Command palette entries (Ctrl+p): category filters, sort orders and the app's actions.

The palette is the discoverable twin of the quick keys, so every entry maps to an app action the
keys also reach.
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

MATCH_STYLE = "bold underline"


class NewsdeskCommands(Provider):
    """Filters, sort orders and actions, matched fuzzily against what the user types."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: NewsdeskApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Category: all", partial(app.set_category, None), "Show every category"),
        ]
        for name, count in app.categories:
            commands.append(
                (
                    f"Category: {one_line(name) or 'uncategorised'}",
                    partial(app.set_category, name),
                    f"{count:,} article(s)",
                )
            )
        for sort in ("date", "title", "source"):
            commands.append((f"Sort by {sort}", partial(app.set_sort, sort), "Order the list"))
        commands += [
            ("Search articles", app.action_search, "Open the search box (/)"),
            ("Help: keys of the focused pane", app.action_help, "Show key bindings (?)"),
            ("Toggle dark / light theme", app.action_toggle_theme, "Switch theme"),
            ("Unpick all articles", app.action_clear_picks, "Clear the comparison picks"),
            ("Compare picked articles", app.action_compare, "Figures side by side (c)"),
            ("Related articles", app.action_related, "Other reports of the story read (r)"),
        ]
        return commands

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
