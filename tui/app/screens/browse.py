"""The main screen: status line, article list (or search results) and the reader.

The screen owns its work: the list's ids, sort and category, the picks, the search and what the
reader shows. Every database call goes through the app's one door (``tui.app.database``) and comes
back as a typed message handled here. Wide terminals (>= 100 columns) show the list and the reader
side by side and the reader follows the cursor; narrow ones show one at a time (Enter reads, Esc
goes back). Articles imported by another process appear while the screen is open: SQLite's
``data_version`` is read every second and the list is fetched again when it changes.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from concurrent.futures import Future, wait
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from store.model import ArticleRow
from tui.app.commands import BrowseCommands
from tui.app.database import DatabaseFailed, sentence
from tui.app.keys import SCREEN_BINDINGS
from tui.app.screens.browse_messages import DataVersion, FirstPage, IdsLoaded
from tui.app.screens.browse_search import SearchingScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.reader import ReaderBody, ReaderView
from tui.safe import content, one_line

if TYPE_CHECKING:
    from tui.app import NewsdeskApp

WIDE = 100  # columns from which list and reader sit side by side
FIRST_PAGE_WAIT = 0.1  # seconds the screen waits for the first page before showing "opening"
FOLLOW_DELAY = 0.15  # seconds the cursor must rest before the side reader loads (wide mode)
POLL_SECONDS = 1.0  # how often the library is asked whether another process changed it
SORTS = ("date", "title", "source")
STATUS_FIELD_LIMIT = 80  # characters of the status line's category shown
EMPTY_HINT = "The library is empty: import articles with `newsdesk import PATH`."


class BrowseScreen(SearchingScreen):
    """List, search and reader in one screen; classes ``-wide``/``-reading``/``-searching``."""

    BINDINGS = SCREEN_BINDINGS
    COMMANDS = {BrowseCommands}
    AUTO_FOCUS = "ArticleList"
    HELP_TITLE = "Browse"

    def __init__(self, opening: Future[list[ArticleRow]], *, cursor_blink: bool = True) -> None:
        super().__init__(cursor_blink=cursor_blink)
        self.opening = opening
        self.picked: list[int] = []  # in picking order: the comparison's column order
        self.sort = "date"
        self.category: str | None = None
        self.categories: list[tuple[str, int]] = []
        self.total = 0
        self.ready = False  # True once the full list of ids is on screen
        self.fetching = False  # True while an R fetch runs (tui/app/live.py)
        self.note = ""
        self._data_version: int | None = None
        self._follow_timer: Timer | None = None
        self._follow_target: int | None = None

    @property
    def newsdesk(self) -> NewsdeskApp:
        return self.app  # type: ignore[return-value]

    @property
    def database(self) -> Any:
        return self.newsdesk.database

    def compose(self) -> ComposeResult:
        # The layout class before the first layout: set in on_mount it restyles and lays out
        # the screen a second time before the first frame.
        self.set_class(self.app.size.width >= WIDE, "-wide")
        yield Static(Content("newsdesk  ·  opening the library…"), id="status")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                # The search panel is mounted later (ensure_search_panel): an Input and an
                # OptionList cost ~0.2 s to mount, which the first frame should not pay for.
                yield ArticleList(self._load_rows, picker=self.toggle_pick, id="articles")
            yield ReaderView(self.database, id="reader")
        yield KeyBar(id="keys")  # one widget: it is in the first frame with the rows

    def on_mount(self) -> None:
        self._apply_width(self.size.width or self.app.size.width)
        self.set_focus(self.query_one(ArticleList))
        self._start()

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        was_wide = self.has_class("-wide")
        self.set_class(width >= WIDE, "-wide")
        for keys in self.query(KeyBar):
            # Narrow: the room "^p Commands" takes goes to the browse keys (Ctrl+p is in help).
            # Redrawn only on a change: a resize redraws the bar anyway.
            if keys.show_palette != self.is_wide:
                keys.show_palette = self.is_wide
                keys.refresh()
        if was_wide and not self.is_wide:
            # Going narrow: show whichever pane holds the focus.
            self.set_class(isinstance(self.focused, ReaderBody), "-reading")

    @property
    def is_wide(self) -> bool:
        return self.has_class("-wide")

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    # ----- start-up -----------------------------------------------------------------------
    def _start(self) -> None:
        """Show the first page (read by the app while Textual started, from ``recent()``: the
        first frame waits neither for 100,000 ids, ~80 ms, nor the categories), then the rest."""
        opening = self.opening
        if not opening.done():
            # Usually a few milliseconds of work are left (the database thread shares the GIL
            # with Textual's start-up). Waiting for them here costs less than the way round: a
            # loading indicator, a worker and one more frame before the rows. A library that
            # needs real work first (an upgrade, the samples) is shown opening after this wait.
            wait([opening], timeout=FIRST_PAGE_WAIT)
        if opening.done():
            # Taking a finished result needs no worker round trip, so the very first frame
            # already has rows.
            error = opening.exception()
            if error is None:
                self._first_page(FirstPage(opening.result()))
            else:
                self.post_message(DatabaseFailed("open", sentence(error)))
            return
        self.set_note("opening the library…")
        self.article_list.loading = True
        self.database.request(
            self, lambda _library: opening.result(), FirstPage, group="open", exclusive=True
        )

    @on(FirstPage)
    def _first_page(self, message: FirstPage) -> None:
        self.set_note("")
        self.article_list.loading = False
        if message.rows and self.sort == "date" and self.category is None:
            self.article_list.show_first_page(message.rows)
            self.newsdesk.bench_first_frame()
        self.call_after_refresh(self.reload_ids, initial=True)
        self.set_interval(POLL_SECONDS, self._poll)

    @on(DatabaseFailed)
    def _failed(self, message: DatabaseFailed) -> None:
        message.stop()
        if message.group == "open":
            self.newsdesk.fail(message.sentence)
        elif message.group == "search" and self._search_panel is not None:
            self._search_panel.show_error(message.sentence)
        elif message.group != "poll":
            self.notify(message.sentence, severity="error", markup=False)

    # ----- list ---------------------------------------------------------------------------
    def _load_rows(self, ids: Sequence[int], reply: Any) -> None:
        """The list's page loader: rows for ``ids`` come back to the list as ``reply(rows)``."""
        wanted = list(ids)
        self.database.request(
            self.article_list, lambda library: library.rows(wanted), reply, group="rows"
        )

    def reload_ids(self, *, initial: bool = False) -> None:
        """Fetch the full id list for the current sort and filter (and the categories)."""
        sort, category = self.sort, self.category

        def fetch(library: Any) -> IdsLoaded:
            # Packed here, on the database thread: the list of 100,000 Python ints (~4 MB) is
            # freed at once instead of living on in this worker's finished future.
            ids = array("q", library.ids(sort=sort, category=category))
            categories = library.categories() if initial else None
            version = library.conn.execute("PRAGMA data_version").fetchone()[0]
            return IdsLoaded(ids, categories, version)

        self.database.request(self, fetch, lambda loaded: loaded, group="ids", exclusive=True)

    @on(IdsLoaded)
    def _show_ids(self, message: IdsLoaded) -> None:
        """Show the full list (after start-up, a sort, a filter or a change underneath),
        keeping the cursor's article selected."""
        if message.categories is not None:
            self.categories = message.categories
        self._data_version = message.data_version
        article_list = self.article_list
        article_list.loading = False
        article_list.set_ids(message.ids, keep=article_list.current_id)
        self.total = len(message.ids)
        self.ready = True
        self.ensure_search_panel()  # after the first frame, before "/" is likely
        self.update_status()
        self.newsdesk.bench_first_frame()
        ids = message.ids
        if not ids:
            article_list.empty_text = (
                EMPTY_HINT if self.category is None else "No articles in this category."
            )
            self.reader.clear(article_list.empty_text)
        elif self.reader.data is None and self.is_wide:
            self.reader.load(ids[article_list.cursor])

    def _poll(self) -> None:
        """Ask (on the database thread) whether another process changed the library."""
        if not self.ready:
            return

        def version(library: Any) -> int:
            return library.conn.execute("PRAGMA data_version").fetchone()[0]

        self.database.request(self, version, DataVersion, group="poll", exclusive=True)

    @on(DataVersion)
    def _changed_underneath(self, message: DataVersion) -> None:
        if self._data_version is not None and message.value != self._data_version:
            self._data_version = message.value
            self.article_list.invalidate_rows()
            self.reload_ids(initial=True)

    def set_sort(self, sort: str) -> None:
        if sort in SORTS:
            self.sort = sort
            self.reload_ids()

    def set_category(self, category: str | None) -> None:
        self.category = category
        self.reload_ids()

    def action_cycle_sort(self) -> None:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])

    def action_cycle_category(self) -> None:
        names = [None] + [name for name, _count in self.categories]
        index = names.index(self.category) if self.category in names else 0
        self.set_category(names[(index + 1) % len(names)])

    # ----- status -------------------------------------------------------------------------
    def update_status(self) -> None:
        category = (
            "all categories"
            if self.category is None
            else (one_line(self.category, limit=STATUS_FIELD_LIMIT) or "uncategorised")
        )
        parts = [f"newsdesk  ·  {self.total:,} article(s)", f"by {self.sort}", category]
        if self.picked:
            parts.append(f"{len(self.picked)} picked")
        if self.newsdesk.readonly:
            parts.append("read-only")
        if self.note:
            parts.append(self.note)
        if self.is_mounted:  # a note from the database thread can come before the screen is up
            # Categories and notes come from the library: sanitized like every other string.
            line = " ".join("  ·  ".join(parts).splitlines())  # one line, its own spacing kept
            self.query_one("#status", Static).update(content(line))

    def set_note(self, note: str) -> None:
        self.note = note
        self.update_status()

    # ----- picking ------------------------------------------------------------------------
    def toggle_pick(self, article_id: int) -> None:
        """Pick or unpick an article for comparison (order of picking is kept)."""
        from store.figures.compare import MAX_COMPARED, TOO_MANY  # figure code: on first use

        if article_id in self.picked:
            self.picked.remove(article_id)
        elif len(self.picked) >= MAX_COMPARED:
            self.notify(TOO_MANY)
            return
        else:
            self.picked.append(article_id)
        self._picks_changed()

    def action_clear_picks(self) -> None:
        self.picked.clear()
        self._picks_changed()

    def _picks_changed(self) -> None:
        article_list = self.article_list
        article_list.picked = set(self.picked)
        article_list.refresh()
        self.update_status()

    def action_pick_shown(self) -> None:
        """Space in the reader: pick or unpick the article being read."""
        if self.reader.article_id is not None:
            self.toggle_pick(self.reader.article_id)

    def action_compare(self, export: str = "") -> None:
        """c: compare the picks; ``export`` ("markdown"/"csv", from the palette) then writes
        the comparison to a file, as ``e``/``E`` do on the comparison."""
        from tui.app.screens.compare_open import open_compare  # lazy: not in the first frame

        open_compare(self, self.picked, self.reader.article_id, export)

    def on_comparison_ready(self, message: Any) -> None:
        from tui.app.screens.compare_open import show_comparison

        show_comparison(self, message.ids, message.data, message.export)

    def on_versions_found(self, message: Any) -> None:
        from tui.app.screens.compare_open import show_comparison

        show_comparison(self, message.ids)

    # ----- live news (tui/app/live.py) -------------------------------------------------------
    def action_fetch(self) -> None:
        from tui.app.live import start_fetch

        start_fetch(self)

    def action_open_url(self) -> None:
        from tui.app.live import open_url

        open_url(self)

    def on_address_found(self, message: Any) -> None:
        from tui.app.live import show_address

        show_address(self, message)

    def action_related(self) -> None:
        from tui.app.screens.related import RelatedScreen

        article_id = self.reader.article_id
        if article_id is None:
            self.notify("Open an article to see its related articles.")
            return

        def chosen(picked: int | None) -> None:
            if picked is not None:
                self.open_article(picked)

        self.app.push_screen(RelatedScreen(article_id, self.picked, self.toggle_pick), chosen)

    # ----- reader -------------------------------------------------------------------------
    @on(ArticleList.Highlighted)
    def _follow(self, event: ArticleList.Highlighted) -> None:
        """Wide mode: load the highlighted article once the cursor rests for FOLLOW_DELAY.

        One paused interval timer is reset on every move (creating a timer per key press costs
        more than the move itself), so a held key never loads the articles it passes over.
        """
        if not self.is_wide:
            return
        self._follow_target = event.article_id
        if self._follow_timer is None:
            self._follow_timer = self.set_interval(FOLLOW_DELAY, self._follow_rest, pause=True)
        self._follow_timer.reset()
        self._follow_timer.resume()

    def _stop_following(self) -> None:
        """An explicit choice (open, version switch) wins over a pending cursor follow."""
        if self._follow_timer is not None:
            self._follow_timer.pause()
        self._follow_target = None

    def _follow_rest(self) -> None:
        if self._follow_timer is not None:
            self._follow_timer.pause()
        if isinstance(self.focused, ReaderBody):
            return  # the reader is being read: the list cursor does not steer it now
        target = self._follow_target
        if target is not None and target != self.reader.article_id:
            self.reader.load(target)

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id)

    def open_article(self, article_id: int) -> None:
        """Read ``article_id``: side by side when wide, full screen when narrow."""
        self._stop_following()
        self.reader.load(article_id)
        self.add_class("-reading")
        self.set_focus(self.query_one(ReaderBody))

    @on(ReaderBody.BackRequested)
    def _back(self) -> None:
        self.remove_class("-reading")
        if self.has_class("-searching"):
            self.set_focus(self.query_one("#search-results"))
        else:
            self.set_focus(self.article_list)

    # ----- panes --------------------------------------------------------------------------
    def action_switch_pane(self) -> None:
        """Tab: search box <-> results while searching, else list <-> reader."""
        focused = self.focused
        if self.has_class("-searching") and not isinstance(focused, ReaderBody):
            from tui.app.widgets.search import SearchInput

            target = self.query_one(
                "#search-results" if isinstance(focused, SearchInput) else "#search-input"
            )
            self.set_focus(target)
            return
        if isinstance(focused, ReaderBody):
            self._back()
        else:
            if self.reader.data is None and self.article_list.current_id is not None:
                self.reader.load(self.article_list.current_id)
            self.add_class("-reading")
            self.set_focus(self.query_one(ReaderBody))
