"""The newsdesk Textual app: browse, read and search a library, all data through store/.

Every library call runs on one database thread (see ``tui.dbthread``) inside a Textual thread
worker that posts the result back to the UI thread, so a slow query never freezes a key press.
Imports that the first frame does not need (sqlite_utils via an import, rapidfuzz via search)
are made on that thread, after the first frame, to keep start-up short.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import sys
import time
from array import array
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.worker import get_current_worker

from store.model import ArticleRow
from tui.commands import NewsdeskCommands
from tui.dbthread import DatabaseThread, Stale
from tui.keys import APP_BINDINGS, keymap_from_config
from tui.safe import content, one_line
from tui.screens.browse import BrowseScreen
from tui.widgets.article_list import PAGE_SIZE
from tui.widgets.reader import ReaderData

SORTS = ("date", "title", "source")
BENCH_FRAME_ENV = "NEWSDESK_BENCH_FRAME"  # set by bench/bench_app.py only
APP_SQLITE_CACHE_KB = 8192
SEARCH_LIMIT = 30  # hits shown; three screens of results at 80x24, and each costs UI time
# Characters of a notification or of the status line's category shown (the rest is marked cut).
NOTE_LIMIT = 500
STATUS_FIELD_LIMIT = 80
THEMES = {"dark": "textual-dark", "light": "textual-light"}
# App-level keys that change the article list; they are off while another screen is on top.
_BROWSE_ONLY_ACTIONS = frozenset({"cycle_sort", "cycle_category", "clear_picks"})


def _load_config() -> Any:
    """The user's config, or None when store.config is unavailable."""
    try:
        from store.config import load_config
    except ImportError:  # pragma: no cover - only while store/config.py is missing
        return None
    return load_config()


class NewsdeskApp(App[None]):
    """Keyboard-first news browser over a (possibly 100,000-article) library."""

    CSS_PATH = "newsdesk.tcss"
    TITLE = "newsdesk"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {NewsdeskCommands}

    def __init__(
        self,
        db_path: Path | str,
        *,
        readonly: bool = False,
        config: Any = None,
        import_samples: bool = False,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.readonly = readonly
        self.config = config
        self.import_samples = import_samples and not readonly
        self.cursor_blink = cursor_blink
        self.db = DatabaseThread()
        self.picked: list[int] = []  # ordered: the compare screen reads this
        self.sort = "date"
        self.category: str | None = None
        self.categories: list[tuple[str, int]] = []
        self.total = 0
        self.ready = False  # True once the first list of ids is on screen
        self.fetching = False  # True while an R fetch runs (tui/live.py)
        self.data_version: int | None = None  # SQLite's data_version last seen (tui/live.py)
        self.status_note = ""
        self.open_top_when_ready: str | None = None
        self.error: str | None = None  # the one sentence shown when the library cannot open
        self.search_latencies: list[float] = []  # seconds from keystroke to results shown
        self._search_started: dict[str, float] = {}
        self._searcher: Any = None
        self._search_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-search")
        keys = getattr(config, "keys", None) or {}
        self._keymap, self.unknown_key_ids = keymap_from_config(keys)
        theme = getattr(config, "theme", "dark") or "dark"
        self.theme = THEMES.get(theme, THEMES["dark"])
        self._first_frame_marked = False
        # Start opening the library now, while Textual is still starting up.
        self._opening: Future[list[ArticleRow]] = self.db.submit(self._open_first_page)

    # ----- start-up -----------------------------------------------------------------------
    def get_default_screen(self) -> BrowseScreen:
        self._browse = BrowseScreen(cursor_blink=self.cursor_blink)
        return self._browse

    @property
    def browse(self) -> BrowseScreen:
        """The main screen (it stays at the bottom of the stack for the app's lifetime)."""
        return self._browse

    def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)
        if self.unknown_key_ids:
            self.notify(
                "Unknown key binding id(s) in the config file: "
                + ", ".join(sorted(self.unknown_key_ids))
                + ".",
                severity="warning",
                markup=False,  # ids come from the user's file and may hold brackets
            )

    def start(self) -> None:
        """Show the first page, then the full list (called once the main screen is mounted).

        The library was already being opened on the database thread since ``__init__``, in
        parallel with Textual's own start-up; the first page comes from ``recent()`` so the first
        frame does not wait for the 100,000 ids of the full list (~80 ms) or the categories.
        """

        def opened(first: list[ArticleRow]) -> None:
            self._set_note("")
            self.browse.article_list.loading = False
            if first:
                self.browse.article_list.show_first_page(first)
                self._first_frame_mark()
            self.call_after_refresh(self.browse.mount_footer)  # one frame after the rows
            self.reload_ids(initial=True)
            from tui.live import watch_library

            watch_library(self)

        def failed(error: BaseException) -> None:
            self.error = _sentence(error, self.db_path)
            self.exit(return_code=1, message=content(self.error))

        if self._opening.done():
            # Usually the case: opening took less than Textual's start-up. Taking a finished
            # result needs no worker round trip, so the very first frame already has rows.
            error = self._opening.exception()
            if error is None:
                opened(self._opening.result())
            else:
                failed(error)
            return
        self._set_note("opening the library…")
        self.browse.article_list.loading = True
        self._await_future(self._opening, opened, group="open", on_error=failed)

    def _open_first_page(self) -> list[ArticleRow]:
        """Runs on the database thread: open (importing samples on a first run), first page."""
        from store.opening import open_for_reading

        def note(text: str) -> None:
            try:
                self.call_from_thread(self._set_note, text)
            except Exception:  # noqa: BLE001 - the app loop may not be running yet
                pass

        def progress(done: int, total: int) -> None:
            # Only after an upgrade: a newer schema or figure extractor does its work on open.
            note(f"updating the library {done:,}/{total:,}…")

        # Memory budget: browsing reads rows by id all over a large file and would fill the
        # 64 MB page cache an import wants, so the app's connection keeps 8 MB. Browsing only
        # reads, so the library is opened read-only (works while another process imports); a
        # writable open happens only for work that must be done first (store.opening).
        self.db.library = open_for_reading(
            self.db_path,
            may_write=not self.readonly,
            progress=progress,
            cache_kb=APP_SQLITE_CACHE_KB,
            fresh_figures=True,
            wants_samples=self.import_samples,
        )
        library = self.db.library
        if self.import_samples and library.count() == 0:
            note("importing the sample articles…")
            library.ensure_samples()
        if self.sort == "date" and self.category is None:
            return library.recent(limit=PAGE_SIZE)
        return []

    def _first_frame_mark(self) -> None:
        if not self._first_frame_marked and os.environ.get(BENCH_FRAME_ENV):
            self._first_frame_marked = True
            self.call_after_refresh(self._bench_first_frame)

    # ----- database plumbing --------------------------------------------------------------
    def db_request(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        group: str,
        exclusive: bool = False,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn`` on the database thread inside a thread worker; deliver to ``on_done``.

        With ``exclusive`` a newer request in ``group`` cancels the older worker, and an older
        request still queued on the database thread is skipped before it touches SQLite.
        """
        generation = self.db.next_generation(group) if exclusive else 0
        future = self.db.submit(fn, group=group if exclusive else "", generation=generation)
        self._await_future(
            future,
            on_done,
            group=group,
            exclusive=exclusive,
            generation=generation,
            on_error=on_error,
        )

    def _await_future(
        self,
        future: Future[Any],
        on_done: Callable[[Any], None],
        *,
        group: str,
        exclusive: bool = False,
        generation: int = 0,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """A thread worker that waits for ``future`` and posts its result to the UI thread."""

        def wait() -> None:
            worker = get_current_worker()
            try:
                result = future.result()
            except Stale:
                return
            except Exception as error:  # noqa: BLE001 - reported to the user as one sentence
                if not worker.is_cancelled:
                    self._deliver(on_error or self._report_error, error)
                return
            if worker.is_cancelled or (exclusive and not self.db.is_current(group, generation)):
                return
            self._deliver(on_done, result)

        self.run_worker(wait, thread=True, group=group, exclusive=exclusive, exit_on_error=False)

    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        try:
            self.call_from_thread(callback, value)
        except RuntimeError:
            pass  # the app is shutting down

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification (widgets and screens call this one) passes the sanitizer.

        Messages often carry a path, a category or an error text read from the library, so they
        are sanitized and never parsed as markup: no notification needs markup, and one that
        had it would let a category named ``[@click=app.quit]`` act.
        """
        super().notify(
            one_line(message, limit=NOTE_LIMIT),
            title=one_line(title, limit=NOTE_LIMIT),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def _report_error(self, error: BaseException) -> None:
        self.notify(_sentence(error, self.db_path), severity="error", markup=False)

    def load_rows(self, ids: Sequence[int], on_rows: Callable[[list[ArticleRow]], None]) -> None:
        """Fetch list rows for ``ids`` (one page) off the UI thread.

        Page turns ask for a page every second or third key press, so this path skips the
        thread worker ``db_request`` uses (a new thread plus worker state messages each time,
        ~1 ms of CPU): the database thread's future hands its result straight to the event
        loop. Pages are never cancelled (the list drops stale ones itself).
        """
        wanted = list(ids)
        future = self.db.submit(lambda: self.db.library.rows(wanted))
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # Textual's active app/message pump, for refresh

        def arrived(done: Future[list[ArticleRow]]) -> None:  # runs on the UI thread
            error = done.exception()
            if error is not None:
                self._report_error(error)
            else:
                on_rows(done.result())

        def deliver(done: Future[list[ArticleRow]]) -> None:  # runs on the database thread
            try:
                loop.call_soon_threadsafe(arrived, done, context=context)
            except RuntimeError:
                pass  # the event loop is closed: the app is shutting down

        future.add_done_callback(deliver)

    # ----- list ---------------------------------------------------------------------------
    def _show_ids(self, ids: Sequence[int], keep: int | None = None) -> None:
        """Show the full list (after start-up, a sort or a filter), keeping ``keep`` selected."""
        article_list = self.browse.article_list
        article_list.loading = False
        article_list.set_ids(ids, keep=keep)
        self.total = len(ids)
        self.ready = True
        self.browse.ensure_search_panel()  # after the first frame, before "/" is likely
        self.update_status()
        self._first_frame_mark()
        if ids and self.browse.reader.data is None and self.browse.is_wide:
            self.load_article(article_list.current_id)  # type: ignore[arg-type]
        elif not ids:
            self.browse.reader.clear(
                "The library is empty: import articles with `newsdesk import PATH`."
                if self.category is None
                else "No articles in this category."
            )

    def _bench_first_frame(self) -> None:
        """bench/bench_app.py: record when the first frame with rows was drawn, then when the
        footer (mounted right after it) was drawn too, then quit."""
        rows_drawn = time.time()

        def footer_drawn() -> None:
            marks = f"{rows_drawn:.6f} {time.time():.6f}"
            Path(os.environ[BENCH_FRAME_ENV]).write_text(marks)
            self.exit()

        def after_footer_mounted() -> None:
            self.browse.mount_footer()
            self.call_after_refresh(footer_drawn)

        self.call_after_refresh(after_footer_mounted)

    def reload_ids(self, *, initial: bool = False) -> None:
        """Fetch the full id list for the current sort and filter (and, at start, categories)."""
        keep = self.browse.article_list.current_id
        sort, category = self.sort, self.category

        def fetch() -> tuple[array[int], list[tuple[str, int]] | None]:
            library = self.db.library
            # Packed here, on the database thread: the list of 100,000 Python ints (~4 MB) is
            # freed at once instead of living on in this worker's finished future.
            ids = array("q", library.ids(sort=sort, category=category))
            return ids, (library.categories() if initial else None)

        def show(result: tuple[array[int], list[tuple[str, int]] | None]) -> None:
            ids, categories = result
            if categories is not None:
                self.categories = categories
            self._show_ids(ids, keep=keep)

        self.db_request(fetch, show, group="ids", exclusive=True)

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

    def update_status(self) -> None:
        category = (
            "all categories"
            if self.category is None
            else (one_line(self.category, limit=STATUS_FIELD_LIMIT) or "uncategorised")
        )
        parts = [f"newsdesk  ·  {self.total:,} article(s)", f"by {self.sort}", category]
        if self.picked:
            parts.append(f"{len(self.picked)} picked")
        if self.readonly:
            parts.append("read-only")
        if self.status_note:
            parts.append(self.status_note)
        self.browse.set_status("  ·  ".join(parts))

    def _set_note(self, note: str) -> None:
        self.status_note = note
        self.update_status()

    # ----- picking ------------------------------------------------------------------------
    def toggle_pick(self, article_id: int) -> None:
        """Pick or unpick an article for comparison (order of picking is kept)."""
        if article_id in self.picked:
            self.picked.remove(article_id)
        else:
            self.picked.append(article_id)
        article_list = self.browse.article_list
        article_list.picked = set(self.picked)
        article_list.refresh()
        self.update_status()

    def action_clear_picks(self) -> None:
        self.picked.clear()
        self.browse.article_list.picked = set()
        self.browse.article_list.refresh()
        self.update_status()

    # ----- reader -------------------------------------------------------------------------
    def load_article(self, article_id: int) -> None:
        """Fetch an article, its figures and the version before it; show it in the reader."""

        def fetch() -> ReaderData | None:
            # Bounded (store.excerpt): any article import accepts opens in a fraction of a
            # second, with what was left out marked in the reader.
            from store.excerpt import DEFAULT_LIMITS, excerpt, shown_figures

            conn = self.db.library.conn
            got = excerpt(conn, article_id)
            if got is None:
                return None
            stored = got.stored
            figures = shown_figures(conn, article_id, got.shown, DEFAULT_LIMITS.figures)
            previous = None
            if stored.version > 1:
                older = [v for v in stored.versions if v.version == stored.version - 1]
                if older:
                    before = excerpt(conn, older[0].id)
                    previous = before.stored.article if before else None
            return ReaderData(stored, figures, previous, got.cuts)

        def show(data: ReaderData | None) -> None:
            if data is None:
                self.notify("That article is no longer in the library.", severity="warning")
            else:
                self.browse.show_article(data)

        self.db_request(fetch, show, group="reader", exclusive=True)

    # ----- search -------------------------------------------------------------------------
    def run_search(self, query: str) -> None:
        """Search off the UI thread; a newer query cancels an older one mid-flight."""
        self._search_started[query] = time.perf_counter()
        if not query.strip() or self.db.library is None:
            self.workers.cancel_group(self, "search")
            self.browse.show_hits([], query)
            return
        self._search_worker(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_worker(self, query: str) -> None:
        """Waits for the search thread; a newer keystroke cancels this worker, and the search
        itself checks ``cancelled`` between steps so a stale query stops early.

        The search runs on one long-lived thread, not in the worker's own thread: Searcher
        keeps one read-only SQLite connection (and its page cache) per thread, so a thread per
        keystroke would open a connection per keystroke and memory would grow with typing.
        """
        worker = get_current_worker()
        try:
            future = self._search_pool.submit(self._search_now, query, lambda: worker.is_cancelled)
            hits = future.result()
        except Exception as error:  # noqa: BLE001 - shown as one sentence in the panel
            if not worker.is_cancelled:
                self._deliver(self._search_failed, error)
            return
        if not worker.is_cancelled:
            self._deliver(self._show_hits, (query, hits))

    def _search_now(self, query: str, cancelled: Callable[[], bool]) -> list[Any]:
        """Runs on the search thread."""
        if cancelled():
            return []
        if self._searcher is None:
            from store.search import Searcher

            self._searcher = Searcher(self.db.library)
        return self._searcher.search(query, limit=SEARCH_LIMIT, cancelled=cancelled)

    def _search_failed(self, error: BaseException) -> None:
        from tui.widgets.search import SearchPanel

        self.browse.query_one(SearchPanel).show_error(_sentence(error, self.db_path))

    def _show_hits(self, result: tuple[str, list[Any]]) -> None:
        query, hits = result
        self.browse.show_hits(hits, query)
        started = self._search_started.pop(query, None)
        if started is not None:
            self.search_latencies.append(time.perf_counter() - started)
        if self.open_top_when_ready == query:
            self.open_top_when_ready = None
            if hits:
                self.browse.open_article(hits[0].row.id)

    # ----- actions ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that act on the article list do nothing while another screen is on top.

        Without this, ``s`` or ``f`` pressed on the compare screen would re-sort or re-filter
        the hidden list underneath it, and ``x`` would drop the picks being compared.
        """
        if action in _BROWSE_ONLY_ACTIONS and self.screen is not self._browse:
            return False
        return True

    async def action_search(self) -> None:
        from textual.widgets import Input

        focused = self.focused
        if isinstance(focused, Input):
            # The binding has priority over text boxes, so give them back the character.
            if focused.id == "search-input" or self.screen is not self.browse:
                focused.insert_text_at_cursor("/")
                return
        if self.screen is not self.browse:
            return
        await self.browse.open_search()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]

    # ----- compare and related (tui/screens/compare.py, tui/screens/related.py) -----------
    def action_compare(self) -> None:
        from tui.screens.compare import open_compare  # lazy: not needed for the first frame

        open_compare(self)

    # ----- live news (tui/live.py) -------------------------------------------------------
    def action_fetch(self) -> None:
        from tui.live import start_fetch

        start_fetch(self)

    def action_open_url(self) -> None:
        from tui.live import open_url

        open_url(self)

    def action_related(self) -> None:
        from tui.screens.related import open_related

        open_related(self)

    def on_compare_screen_open_article(self, message: Any) -> None:
        from tui.screens.compare import open_article_at

        open_article_at(self, message)

    def on_unmount(self) -> None:
        self._search_pool.shutdown(wait=False, cancel_futures=True)
        if self._searcher is not None:
            self._searcher.close()
        self.db.close()


def _sentence(error: BaseException, db_path: Path | None = None) -> str:
    """One clear sentence for the user, never a traceback (SQLite's own words are translated
    into what is wrong: permission, disk full, locked, damaged)."""
    import sqlite3

    if isinstance(error, sqlite3.Error):
        from store.errors import describe

        return describe(error, db_path, writing=False)
    text = str(error).strip() or error.__class__.__name__
    text = text.splitlines()[0]
    return text if text.endswith((".", "!", "?")) else text + "."


def run(db_path: Path | str, readonly: bool = False) -> int:
    """Run the app on ``db_path``; returns the process exit status.

    The samples are imported on the first run only when this is the user's default library
    (an explicit ``--db`` file stays as the user made it) and it is writable.
    """
    try:
        config = _load_config()
    except Exception as error:  # noqa: BLE001 - store.config raises ConfigError, one sentence
        print(f"newsdesk: {one_line(_sentence(error))}", file=sys.stderr)
        return 2
    db_path = Path(db_path)
    try:
        from store.paths import default_db_path

        is_default = db_path.expanduser().resolve() == default_db_path().expanduser().resolve()
    except Exception:  # noqa: BLE001 - no default path known: treat as an explicit file
        is_default = False
    app = NewsdeskApp(db_path, readonly=readonly, config=config, import_samples=is_default)
    app.run()
    return app.return_code or 0
