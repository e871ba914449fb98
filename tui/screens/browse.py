"""The main screen: status line, article list (or search results), and the reader.

Wide terminals (>= 100 columns) show the list and the reader side by side and the reader follows
the cursor; narrow ones show one at a time (Enter reads, Esc goes back). The screen only routes
messages; every database call goes through the app, which runs it off the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Footer, Input, OptionList, Static

from tui.keys import SCREEN_BINDINGS
from tui.safe import content
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ReaderBody, ReaderData, ReaderView
from tui.widgets.search import SearchInput, SearchPanel, SearchResults

if TYPE_CHECKING:
    from tui.app import NewsdeskApp

WIDE = 100  # columns from which list and reader sit side by side
FOLLOW_DELAY = 0.15  # seconds the cursor must rest before the side reader loads (wide mode)


class BrowseScreen(Screen[None]):
    """List, search and reader in one screen; classes ``-wide``/``-reading``/``-searching``."""

    BINDINGS = SCREEN_BINDINGS
    AUTO_FOCUS = "ArticleList"

    def __init__(self, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self._follow_timer: Timer | None = None
        self._follow_target: int | None = None
        self._search_panel: SearchPanel | None = None

    @property
    def newsdesk(self) -> NewsdeskApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(Content("newsdesk  ·  opening the library…"), id="status")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                # The search panel is mounted later (ensure_search_panel): an Input and an
                # OptionList cost ~0.2 s to mount, which the first frame should not pay for.
                yield ArticleList(
                    self.newsdesk.load_rows, picker=self.newsdesk.toggle_pick, id="articles"
                )
            yield ReaderView(id="reader")
        # The footer is mounted just after the first frame (mount_footer): it builds a widget
        # per key, and the list matters more in the first frame than the key hints.

    def on_mount(self) -> None:
        self._apply_width(self.size.width or self.app.size.width)
        self.set_focus(self.query_one(ArticleList))
        self.newsdesk.start()

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        was_wide = self.has_class("-wide")
        self.set_class(width >= WIDE, "-wide")
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

    # ----- status -------------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        if self.is_mounted:  # a note from the database thread can come before the screen is up
            # Categories and notes come from the library: sanitized like every other string.
            line = " ".join(text.splitlines())  # one line, its own spacing kept
            self.query_one("#status", Static).update(content(line))

    # ----- list ---------------------------------------------------------------------------
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
            self.newsdesk.load_article(target)

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id)

    def open_article(self, article_id: int) -> None:
        """Read ``article_id``: side by side when wide, full screen when narrow."""
        self._stop_following()
        self.newsdesk.load_article(article_id)
        self.add_class("-reading")
        self.set_focus(self.query_one(ReaderBody))

    def show_article(self, data: ReaderData) -> None:
        self.reader.show(data)

    # ----- reader -------------------------------------------------------------------------
    @on(ReaderBody.BackRequested)
    def _back(self) -> None:
        self.remove_class("-reading")
        if self.has_class("-searching"):
            self.set_focus(self.query_one(SearchResults))
        else:
            self.set_focus(self.article_list)

    def action_pick_shown(self) -> None:
        """Space in the reader: pick or unpick the article being read."""
        if self.reader.article_id is not None:
            self.newsdesk.toggle_pick(self.reader.article_id)

    @on(ReaderBody.VersionRequested)
    def _version(self, event: ReaderBody.VersionRequested) -> None:
        data = self.reader.data
        if data is None or len(data.stored.versions) < 2:
            self.app.notify("This article has only one version.", timeout=2)
            return
        ordered = sorted(data.stored.versions, key=lambda v: v.version)
        index = next((i for i, v in enumerate(ordered) if v.id == data.stored.id), 0)
        target = index + event.delta
        if 0 <= target < len(ordered):
            self._stop_following()
            self.newsdesk.load_article(ordered[target].id)
        else:
            edge = "oldest" if target < 0 else "newest"
            self.app.notify(f"This is the {edge} version.", timeout=2)

    # ----- search -------------------------------------------------------------------------
    def mount_footer(self) -> None:
        # The footer is mounted late (after the first frame); by then a fast q may already
        # have closed the screen, and mounting into a detached screen raises.
        if self.is_attached and not self.query(Footer):
            self.mount(Footer())
            # A footer fills itself when the bindings change; tell it they did.
            self.call_after_refresh(self.refresh_bindings)

    def ensure_search_panel(self) -> AwaitMount | None:
        """Mount the (hidden) search panel if it is not there yet."""
        if self._search_panel is not None or not self.is_attached:
            return None
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
        self.set_focus(self.query_one(SearchInput))

    def close_search(self) -> None:
        if self._search_panel is not None:
            self._search_panel.reset()
        self.remove_class("-searching")
        self.remove_class("-reading")
        self.set_focus(self.article_list)

    @on(SearchPanel.CloseRequested)
    def _close_search(self) -> None:
        self.close_search()

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        self.newsdesk.run_search(event.value)

    @on(Input.Submitted, "#search-input")
    def _open_top(self, event: Input.Submitted) -> None:
        panel = self.query_one(SearchPanel)
        if panel.hits and panel.search_text == event.value:
            self.open_article(panel.hits[0].row.id)
        elif event.value.strip():
            # Results not in yet: open the top hit as soon as they arrive.
            self.newsdesk.open_top_when_ready = event.value

    @on(OptionList.OptionSelected, "#search-results")
    def _open_hit(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_article(int(event.option.id))

    def show_hits(self, hits: list[Any], query: str) -> None:
        if self._search_panel is not None:
            self._search_panel.show_hits(hits, query)

    # ----- panes --------------------------------------------------------------------------
    def action_switch_pane(self) -> None:
        """Tab: search box <-> results while searching, else list <-> reader."""
        focused = self.focused
        if self.has_class("-searching") and not isinstance(focused, ReaderBody):
            target = (
                self.query_one(SearchResults)
                if isinstance(focused, SearchInput)
                else self.query_one(SearchInput)
            )
            self.set_focus(target)
            return
        if isinstance(focused, ReaderBody):
            self._back()
        else:
            if self.reader.data is None and self.article_list.current_id is not None:
                self.newsdesk.load_article(self.article_list.current_id)
            self.add_class("-reading")
            self.set_focus(self.query_one(ReaderBody))
