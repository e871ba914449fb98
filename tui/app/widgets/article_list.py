"""The article list: a Line-API virtual list that stays instant at 100,000 articles.

Only the ids of the list live in memory (a compact ``array``); the rows themselves are fetched
a page at a time from the library on the database thread and kept in a small LRU cache.
``render_line`` draws from that cache and, on a miss, asks for the page and draws a placeholder
until it arrives. Nothing here measures every row, which is what makes DataTable and OptionList
take ~20 s at this size (see FIELD-NOTES.md).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from math import ceil

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from store.model import ArticleRow
from tui.app.keys import LIST_BINDINGS
from tui.safe import fit, one_line

#: ``loader(ids, reply)``: fetch rows for ``ids`` off the UI thread, then post ``reply(rows)``
#: (a ``PageLoaded`` message) to the list.
RowLoader = Callable[[Sequence[int], Callable[[list[ArticleRow]], Message]], None]

PAGE_SIZE = 64
CACHE_PAGES = 40  # 2,560 rows at most: a few screens either side of any scroll position
TEXT_CACHE = 512  # fitted row texts kept (a few screens' worth)

PICKED_MARK = "*"
VERSIONS_MARK = "+"


def display_date(published: str) -> str:
    """The date column: the ISO day, or "undated" (a date is never invented)."""
    return one_line(published)[:10] or "undated"


def column_widths(width: int) -> tuple[int, int, int]:
    """(category, source, title) widths for a list ``width`` cells wide.

    Category and date are what the list promises, so narrow panes cut the title and then the
    source, never the category: at 80 columns (a usual SSH size) and in the 110-column split
    view alike, every row still says what kind of news it is and when.
    """
    fixed = 2 + 10 + 1  # marks, date, gap
    if width >= 90:
        category, source = 12, 16
    elif width >= 64:
        category, source = 10, 12
    elif width >= 44:
        category, source = 9, 9
    else:
        category, source = 8, 0
    used = fixed + category + 1 + (source + 1 if source else 0)
    return category, source, max(0, width - used)


def thumb_start(size: int, virtual: float, window: float, position: float) -> int | None:
    """The scroll thumb's start in eighths of a cell, as Textual's ``ScrollBarRender.render_bar``
    computes it (None when it draws no thumb). The picture of a bar of a given size depends on
    this number only: tests/test_app_list.py pins that against Textual's own renderer."""
    virtual = ceil(virtual)
    window = ceil(window if window < virtual else 0)
    if not (window and size and virtual and size != virtual):
        return None
    thumb_size = max(1, window / (virtual / size))
    return int((size - thumb_size) * (position / (virtual - window)) * 8)


class ThumbScrollBar(ScrollBar):
    """A scroll bar that repaints only when its thumb moves on screen.

    Textual repaints a scroll bar on every change of position. Over 100,000 rows a page turn
    moves the thumb by a hundredth of a cell, so the repaint (a Rich render of every bar line,
    ~1.5 ms) draws the same picture again; here it is skipped until ``thumb_start`` changes.
    Textual has no public way to give a ScrollView another scroll bar class, so
    ``ArticleList.vertical_scrollbar`` uses two private names (``_vertical_scrollbar`` and
    ``App._start_widget``); a test pins both, and the arithmetic, against Textual's own.
    """

    position: Reactive[float] = Reactive(0, repaint=False)

    def _thumb_start(self, position: float) -> int | None:
        size = self.size.height if self.vertical else self.size.width
        return thumb_start(size, self.window_virtual_size, self.window_size, position)

    def watch_position(self, old: float, new: float) -> None:
        if self._thumb_start(old) != self._thumb_start(new):
            self.refresh()


class ArticleList(ScrollView, can_focus=True):
    """Newest-first list of articles drawn line by line from a paged row cache."""

    BINDINGS = LIST_BINDINGS
    HELP_TITLE = "Article list"

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--date",
        "article-list--category",
        "article-list--source",
        "article-list--title",
        "article-list--mark",
        "article-list--pending",
    }

    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; overflow-y: auto; }
    """

    class Highlighted(Message):
        """The cursor moved onto an article."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    class Opened(Message):
        """Enter (or a click on the highlighted row) asked to read an article."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    class PageLoaded(Message):
        """The rows of page ``page_no`` of list ``generation`` arrived from the database."""

        def __init__(self, page_no: int, generation: int, rows: list[ArticleRow]) -> None:
            super().__init__()
            self.page_no = page_no
            self.generation = generation
            self.rows = rows

    def __init__(
        self,
        loader: RowLoader | None = None,
        *,
        picker: Callable[[int], None] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.loader = loader
        # Picking is a direct call, not a message: a message would be handled after keys
        # already queued, so "space space c" typed fast would compare before the picks landed.
        self.picker = picker
        self.ids: array[int] = array("q")
        self.cursor = 0
        self.picked: set[int] = set()
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0  # bumped by set_ids so late pages for an old list are dropped
        self._styles: dict[str, tuple[Style, Style]] | None = None
        self._texts: OrderedDict[tuple[int, int], tuple[str, str, str, str]] = OrderedDict()
        self.empty_text = ""  # drawn on an empty list (what to do about it)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own property, but creating a ``ThumbScrollBar``."""
        if self._vertical_scrollbar is None:
            scroll_bar = ThumbScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            scroll_bar.display = False
            self._vertical_scrollbar = scroll_bar
            self.app._start_widget(self, scroll_bar)
        return self._vertical_scrollbar

    # ----- data ---------------------------------------------------------------------------
    def show_first_page(self, rows: list[ArticleRow]) -> None:
        """Draw the first rows before the full id list is known (the start-up fast path)."""
        self.set_ids([row.id for row in rows])
        self.store_page(0, rows)

    def set_ids(self, ids: Iterable[int], *, keep: int | None = None) -> None:
        """Show a new list of ids (after a sort or filter), keeping ``keep`` selected if present.

        Cached pages whose ids did not change are kept, so replacing the start-up page with the
        full list redraws nothing.
        """
        old_ids, old_pages = self.ids, dict(self._pages)
        # Where the kept row sat on screen: it stays there (an import by another process or a
        # new sort must not make the list jump under the reader's eyes).
        old_offset = self.cursor - round(self.scroll_offset.y)
        # An array from the app is taken as it is (not copied: 800 KB at 100,000 articles).
        self.ids = ids if isinstance(ids, array) else array("q", ids)
        self._pages.clear()
        self._pending.clear()
        self._generation += 1
        for page_no, rows in old_pages.items():
            start, end = page_no * PAGE_SIZE, (page_no + 1) * PAGE_SIZE
            if len(rows) == min(PAGE_SIZE, len(self.ids) - start) and (
                old_ids[start:end] == self.ids[start:end]
            ):
                self._pages[page_no] = rows
        index, found = 0, False
        if keep is not None:
            try:
                index, found = self.ids.index(keep), True
            except ValueError:
                index = 0
        self.cursor = min(index, max(0, len(self.ids) - 1))
        self.virtual_size = Size(0, len(self.ids))
        height = self.scrollable_content_region.height
        if not (found and 0 <= old_offset < height):
            old_offset = height // 2
        self.scroll_to(y=max(0, self.cursor - old_offset), animate=False, immediate=True)
        self.refresh()
        if self.ids:
            self.post_message(self.Highlighted(self.ids[self.cursor]))

    def select(self, article_id: int) -> None:
        """Put the cursor on ``article_id`` when it is in the list (a search hit opened)."""
        try:
            index = self.ids.index(article_id)
        except ValueError:
            return
        self.move_to(index)

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def current_id(self) -> int | None:
        return self.ids[self.cursor] if self.ids else None

    def row_at(self, index: int) -> ArticleRow | None:
        """The cached row at ``index``, requesting its page when it is not cached yet."""
        page_no = index // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is not None:
            self._pages.move_to_end(page_no)
            offset = index - page_no * PAGE_SIZE
            return page[offset] if offset < len(page) else None
        self._request(page_no)
        return None

    def _request(self, page_no: int) -> None:
        if page_no in self._pending or self.loader is None:
            return
        self._pending.add(page_no)
        start = page_no * PAGE_SIZE
        ids = self.ids[start : start + PAGE_SIZE].tolist()
        self.loader(ids, partial(self.PageLoaded, page_no, self._generation))

    def on_article_list_page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return  # a page of a list shown before a sort, filter or refresh
        self._pending.discard(message.page_no)
        self.store_page(message.page_no, message.rows)

    def store_page(self, page_no: int, rows: list[ArticleRow]) -> None:
        """Put a fetched page in the cache (evicting the least recently drawn); redraw only the
        lines of it that are on screen (a prefetched page off screen costs no frame)."""
        self._pages[page_no] = rows
        self._pages.move_to_end(page_no)
        while len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)
        top = round(self.scroll_offset.y)
        bottom = top + max(1, self.scrollable_content_region.height)
        start, end = max(top, page_no * PAGE_SIZE), min(bottom, (page_no + 1) * PAGE_SIZE)
        if start < end:
            self.refresh_lines(start, end - start)

    def _prefetch(self) -> None:
        """Ask for the pages a screen above and below the view, before they are drawn."""
        if not self.ids or self.loader is None:
            return
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_offset.y)
        first = max(0, top - height) // PAGE_SIZE
        last = min(len(self.ids) - 1, top + 2 * height) // PAGE_SIZE
        for page_no in range(first, last + 1):
            if page_no not in self._pages:
                self._request(page_no)

    def invalidate_rows(self) -> None:
        """Drop cached rows (e.g. after an import) so they are fetched again."""
        self._pages.clear()
        self._pending.clear()
        self._generation += 1
        self.refresh()

    # ----- drawing ------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None  # theme or CSS changed: recompute the column styles

    def _column_styles(self) -> dict[str, tuple[Style, Style]]:
        """(plain, cursor) Rich style per column, computed once per theme, not per line."""
        if self._styles is None:
            base = self.rich_style
            cursor = self.get_component_rich_style("article-list--cursor")
            styles = {}
            for name in ("mark", "date", "category", "source", "title", "pending"):
                plain = base + self.get_component_rich_style(f"article-list--{name}")
                styles[name] = (plain, plain + cursor)
            self._styles = styles
        return self._styles

    def _row_texts(self, row: ArticleRow, width: int) -> tuple[str, str, str, str]:
        """Fitted column texts for ``row`` at ``width``, cached: a page turn redraws every line,
        and cutting CJK text to cell widths is the costly part of drawing one."""
        key = (row.id, width)
        cached = self._texts.get(key)
        if cached is None:
            cat_w, src_w, title_w = column_widths(width)
            cached = (
                fit(display_date(row.published), 10) + " ",
                fit(one_line(row.category), cat_w) + " " if cat_w else "",
                fit(one_line(row.source), src_w) + " " if src_w else "",
                fit(one_line(row.title), title_w) if title_w else "",
            )
            self._texts[key] = cached
            if len(self._texts) > TEXT_CACHE:
                self._texts.popitem(last=False)
        return cached

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not self.ids and y == 0 and self.empty_text and width > 2:
            text = fit("  " + self.empty_text, width)
            return Strip([Segment(text, self._column_styles()["title"][0])], width)
        if index >= len(self.ids) or width <= 0:
            return Strip.blank(width, self.rich_style)
        styles = self._column_styles()
        # The cursor row is always marked: in wide mode the reader beside the list follows it.
        which = 1 if index == self.cursor else 0
        row = self.row_at(index)
        if row is None:
            return Strip([Segment(fit("  …", width), styles["pending"][which])], width)
        marks = (PICKED_MARK if row.id in self.picked else " ") + (
            VERSIONS_MARK if row.versions > 1 else " "
        )
        date, category, source, title = self._row_texts(row, width)
        segments = [
            Segment(marks, styles["mark"][which]),
            Segment(date, styles["date"][which]),
        ]
        if category:
            segments.append(Segment(category, styles["category"][which]))
        if source:
            segments.append(Segment(source, styles["source"][which]))
        if title:
            segments.append(Segment(title, styles["title"][which]))
        return Strip(segments, width)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self.ids))
        self._ensure_visible()
        self.refresh()

    # ----- movement -----------------------------------------------------------------------
    @property
    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def move_to(self, index: int) -> None:
        """Put the cursor on ``index`` (clamped), scroll only as much as needed."""
        if not self.ids:
            return
        index = max(0, min(index, len(self.ids) - 1))
        if index == self.cursor:
            return
        old = self.cursor
        self.cursor = index
        if not self._ensure_visible():
            self.refresh_line(old)
            self.refresh_line(index)
        self._prefetch()
        self.post_message(self.Highlighted(self.ids[index]))

    def _ensure_visible(self) -> bool:
        """Scroll so the cursor row is on screen; True when the view moved."""
        top = round(self.scroll_offset.y)
        height = self._page_height
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
            return True
        if self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
            return True
        return False

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def _jump(self, delta: int) -> None:
        """Move the cursor and the view together by ``delta`` rows (a page turn)."""
        if not self.ids:
            return
        target = max(0, min(self.cursor + delta, len(self.ids) - 1))
        top = round(self.scroll_offset.y) + delta
        top = max(0, min(top, max(0, len(self.ids) - self._page_height)))
        self.scroll_to(y=top, animate=False, immediate=True)
        self.move_to(target)
        self.refresh()

    def action_page_down(self) -> None:
        self._jump(self._page_height)

    def action_page_up(self) -> None:
        self._jump(-self._page_height)

    def action_half_down(self) -> None:
        self._jump(max(1, self._page_height // 2))

    def action_half_up(self) -> None:
        self._jump(-max(1, self._page_height // 2))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.ids) - 1)

    def action_open(self) -> None:
        if self.ids:
            self.post_message(self.Opened(self.ids[self.cursor]))

    def action_pick(self) -> None:
        if self.ids and self.picker is not None:
            self.picker(self.ids[self.cursor])

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.ids):
            if index == self.cursor:
                self.action_open()
            else:
                self.move_to(index)

    def visible_rows(self) -> list[ArticleRow | None]:
        """Rows currently on screen (None while a page is loading); for tests and the bench."""
        height = self.scrollable_content_region.height
        if height <= 0:
            return []  # not laid out yet
        top = round(self.scroll_offset.y)
        end = min(len(self.ids), top + height)
        return [self.row_at(i) for i in range(top, end)]
