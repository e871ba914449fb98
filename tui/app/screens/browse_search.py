"""The browse screen's search: the search panel, queries run on the database thread (a newer
one supersedes an older), the hits shown and opened.

``SearchingScreen`` is the base of ``tui.app.screens.browse.BrowseScreen``, which provides what
the search opens articles with (``article_list``, ``open_article``, ``database``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import on
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Input, OptionList

from tui.app.screens.browse_messages import HitsFound

if TYPE_CHECKING:
    # Imported when the panel is first mounted, after the first frame: its widget classes
    # (~2 ms to create) are not in that frame.
    from tui.app.widgets.search import SearchPanel

SEARCH_LIMIT = 30  # hits shown; three screens of results at 80x24, and each costs UI time


class SearchingScreen(Screen[None]):
    """The search half of the browse screen (its class ``-searching`` while searching)."""

    def __init__(self, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self.open_top_when_ready: str | None = None
        self.search_latencies: list[float] = []  # seconds from keystroke to results shown
        self._search_started: dict[str, float] = {}
        self._searcher: Any = None
        self._search_panel: SearchPanel | None = None

    def ensure_search_panel(self) -> AwaitMount | None:
        """Mount the (hidden) search panel if it is not there yet."""
        if self._search_panel is not None or not self.is_attached:
            return None
        from tui.app.widgets.search import SearchPanel

        self._search_panel = SearchPanel(id="search", cursor_blink=self.cursor_blink)
        return self.query_one("#left").mount(self._search_panel, before=0)

    async def open_search(self) -> None:
        mounting = self.ensure_search_panel()
        if mounting is not None:
            await mounting
        # set_focus, not focus(): focus() is deferred behind key presses already queued, so
        # a fast "/word" would send "word" to the list instead of the search box.
        self.add_class("-searching")
        self.remove_class("-reading")
        self.set_focus(self.query_one("#search-input"))

    def close_search(self) -> None:
        if self._search_panel is not None:
            self._search_panel.reset()
        self.remove_class("-searching")
        self.remove_class("-reading")
        self.set_focus(self.article_list)

    def on_search_panel_close_requested(self) -> None:
        """Esc in the search box or the results (``SearchPanel.CloseRequested``)."""
        self.close_search()

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search on the database thread; a newer query supersedes an older one mid-flight."""
        self._search_started[query] = time.perf_counter()
        if not query.strip() or self.database.library is None:
            self.workers.cancel_group(self, "search")
            self.show_hits(query, [])
            return
        database = self.database

        def search(library: Any) -> HitsFound:
            from store.search import Searcher, parse_query

            if self._searcher is None:
                self._searcher = Searcher(library)
            hits = self._searcher.search(query, limit=SEARCH_LIMIT, cancelled=database.superseded)
            return HitsFound(query, hits, parse_query(query).problems)

        self.database.request(self, search, lambda found: found, group="search", exclusive=True)

    def close_searcher(self, _library: Any) -> None:
        """On the database thread, before the library closes: the searcher's connections."""
        if self._searcher is not None:
            self._searcher.close()

    @on(HitsFound)
    def _hits_found(self, message: HitsFound) -> None:
        query, hits = message.query, message.hits
        self.show_hits(query, hits, message.problems)
        started = self._search_started.pop(query, None)
        if started is not None:
            self.search_latencies.append(time.perf_counter() - started)
        if self.open_top_when_ready == query:
            self.open_top_when_ready = None
            if hits:
                self.open_hit(hits[0].row.id)

    def show_hits(self, query: str, hits: list[Any], problems: list[str] | None = None) -> None:
        if self._search_panel is not None:
            self._search_panel.show_hits(hits, query, problems)

    def open_hit(self, article_id: int) -> None:
        """Read a search hit, and put the list's cursor on it for when the search closes."""
        self.article_list.select(article_id)
        self.open_article(article_id)

    @on(Input.Submitted, "#search-input")
    def _open_top(self, event: Input.Submitted) -> None:
        panel = self._search_panel
        if panel is None:
            return
        if panel.hits and panel.search_text == event.value:
            self.open_hit(panel.hits[0].row.id)
        elif event.value.strip():
            # Results not in yet: open the top hit as soon as they arrive.
            self.open_top_when_ready = event.value

    @on(OptionList.OptionSelected, "#search-results")
    def _open_selected_hit(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_hit(int(event.option.id))
