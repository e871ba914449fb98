"""The newsdesk Textual app: holds the library (through its database thread), the config and the
screens; the screens do the work (the browse screen owns the list, search, picks and reader).

The library starts opening on the database thread in ``__init__``, in parallel with Textual's own
start-up, so the first page of rows is read, or nearly, when the browse screen mounts (it waits
the last few milliseconds rather than drawing a loading frame first). Imports that the first
frame does not need (sqlite_utils via an import, rapidfuzz via search, store.figures via the
reader) are made on that thread after the first frame, to keep start-up short.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from store.model import ArticleRow
from tui.app.commands import AppCommands
from tui.app.database import Database, sentence
from tui.app.keys import APP_BINDINGS, keymap_from_config
from tui.app.screens.browse import BrowseScreen
from tui.app.widgets.article_list import PAGE_SIZE
from tui.safe import content, one_line

BENCH_FRAME_ENV = "NEWSDESK_BENCH_FRAME"  # set by bench/bench_app.py only
APP_SQLITE_CACHE_KB = 8192
THEMES = {"dark": "textual-dark", "light": "textual-light"}
# Characters of a notification shown (the rest is marked cut).
NOTE_LIMIT = 500


def _load_config() -> Any:
    """The user's config (store.config raises ConfigError, one sentence, on a bad file)."""
    from store.config import load_config

    return load_config()


class NewsdeskApp(App[None]):
    """Keyboard-first news browser over a (possibly 100,000-article) library."""

    CSS_PATH = "newsdesk.tcss"
    TITLE = "newsdesk"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {AppCommands}
    HELP_TITLE = "Everywhere"

    def __init__(
        self,
        db_path: Path | str,
        *,
        readonly: bool = False,
        config: Any = None,
        import_samples: bool = False,
        cursor_blink: bool = True,
    ) -> None:
        """``import_samples``: the caller's decision (``store.paths.receives_samples``, made by
        the command line) that this library gets the shipped samples when it is empty; the app
        never decides it. ``run`` leaves it off: the command line has seeded already."""
        # NO_COLOR: Textual's default is to turn colours into greys of the same luminance, which
        # leaves red on black (a conflict row) at ~1.6:1. Treating colours as native ANSI makes
        # it draw every cell in the terminal's own foreground and background instead, so every
        # state is carried by marks and text styles (bold, reverse, underline), never colour.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.db_path = Path(db_path)
        self.readonly = readonly
        self.config = config
        self.import_samples = import_samples and not readonly
        self.cursor_blink = cursor_blink
        self.database = Database(self.db_path)
        self.error: str | None = None  # the one sentence shown when the library cannot open
        keys = getattr(config, "keys", None) or {}
        self._keymap, self.key_problems = keymap_from_config(keys)
        theme = getattr(config, "theme", "dark") or "dark"
        self.theme = THEMES.get(theme, THEMES["dark"])
        # Start opening the library now, while Textual is still starting up.
        self.opening: Future[list[ArticleRow]] = self.database.submit(self._open_first_page)
        self._browse: BrowseScreen | None = None
        self._first_frame_marked = False

    # ----- start-up -----------------------------------------------------------------------
    def get_default_screen(self) -> BrowseScreen:
        self._browse = BrowseScreen(self.opening, cursor_blink=self.cursor_blink)
        return self._browse

    @property
    def browse(self) -> BrowseScreen:
        """The main screen (it stays at the bottom of the stack for the app's lifetime)."""
        assert self._browse is not None
        return self._browse

    def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)
        if self.key_problems:
            # Text from the user's file may hold brackets: never markup.
            self.notify(self.key_problems, severity="warning", markup=False, timeout=10)

    def _open_first_page(self, _library: None) -> list[ArticleRow]:
        """Runs on the database thread: open (importing samples when told to), first page."""
        from store.opening import open_for_reading

        def note(text: str) -> None:
            try:
                self.call_from_thread(self._note, text)
            except Exception:  # noqa: BLE001 - the app loop may not be running yet
                pass

        def progress(done: int, total: int) -> None:
            # Only after an upgrade: a newer schema or figure extractor does its work on open.
            note(f"updating the library {done:,}/{total:,}…")

        # Memory budget: browsing reads rows by id all over a large file and would fill the
        # 64 MB page cache an import wants, so the app's connection keeps 8 MB. Browsing only
        # reads, so the library is opened read-only (works while another process imports); a
        # writable open happens only for work that must be done first (store.opening).
        library = open_for_reading(
            self.db_path,
            may_write=not self.readonly,
            progress=progress,
            cache_kb=APP_SQLITE_CACHE_KB,
            fresh_figures=True,
            wants_samples=self.import_samples,
        )
        self.database.library = library
        if self.import_samples and library.count() == 0:
            note("importing the sample articles…")
            library.ensure_samples()
        return library.recent(limit=PAGE_SIZE)

    def _note(self, text: str) -> None:
        if self._browse is not None:
            self._browse.set_note(text)

    def fail(self, reason: str) -> None:
        """The library cannot be opened: leave with one sentence and exit status 1."""
        self.error = reason
        self.exit(return_code=1, message=content(reason))

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

    # ----- actions ------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette entries, less the two newsdesk words its own way (one theme
        command that switches between the two themes newsdesk checks, one help command)."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Keys"):
                yield command

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` searches the browse screen's list: elsewhere it is not offered (help and footer
        list only keys that work where they are shown), and a text box keeps the character."""
        if action == "search":
            from textual.widgets import Input

            return self.screen is self._browse and not isinstance(self.focused, Input)
        return True

    async def action_search(self) -> None:
        await self.browse.open_search()

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]

    def bench_first_frame(self) -> None:
        """bench/bench_app.py: record when the first full frame (rows and key bar, which are
        composed together) was drawn, then quit. Two marks, rows then keys, for the bench's
        format: they are the same frame."""
        if self._first_frame_marked or not os.environ.get(BENCH_FRAME_ENV):
            return
        self._first_frame_marked = True

        def drawn() -> None:
            import time

            now = f"{time.time():.6f}"
            Path(os.environ[BENCH_FRAME_ENV]).write_text(f"{now} {now}")
            self.exit()

        self.call_after_refresh(drawn)

    def on_unmount(self) -> None:
        browse = self._browse
        self.database.close(browse.close_searcher if browse is not None else None)


def run(db_path: Path | str, readonly: bool = False, *, import_samples: bool = False) -> int:
    """Run the app on ``db_path``; returns the process exit status."""
    try:
        config = _load_config()
    except Exception as error:  # noqa: BLE001 - store.config raises ConfigError, one sentence
        print(f"newsdesk: {one_line(sentence(error))}", file=sys.stderr)
        return 2
    app = NewsdeskApp(db_path, readonly=readonly, config=config, import_samples=import_samples)
    # The modules imported so far (Textual, Rich and ours: ~35,000 tracked objects) live as long as
    # the process. Left to the collector, they made it run one full collection (~12 ms) while
    # the first frame was being built; frozen, they are never traversed again.
    gc.freeze()
    app.run()
    return app.return_code or 0
