"""Live news in the app: ``R`` fetches the followed feeds, ``o`` opens an article's page, and
the list picks up articles another process stored (a fetch, ``newsdesk serve --fetch-every``).

Why these choices:

* The fetch runs in a thread worker with its own writable connection and its own event loop,
  so the app's database thread (which serves every key press) never waits for the network;
  each feed lands in one transaction, and the list is reloaded as each one commits.
* A served session is read-only and never fetches; the server process is the one writer. The
  app notices other writers through SQLite's ``PRAGMA data_version`` (one cheap query every
  few seconds on the database thread) and reloads the list when it changes.
* ``o`` hands the address to the browser only when there is a local display. Over SSH there
  is none on the user's side: the address is shown instead, as a clickable OSC 8 link beside
  the plain text, which terminals that know OSC 8 open on click and all can copy.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Static

from tui.safe import one_line

if TYPE_CHECKING:
    from tui.app import NewsdeskApp

WATCH_SECONDS = 5.0  # how often the list checks whether another process stored articles
SERVED_ENV = "NEWSDESK_EXPORTS_OFF"  # set in served sessions (tui/serve_server.child_env)


def has_local_display() -> bool:
    """True when a browser started here would open in front of the user."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY") or os.environ.get(SERVED_ENV):
        return False
    if sys.platform == "darwin" or sys.platform.startswith("win"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def safe_url(url: str) -> str:
    """``url`` without control characters, or "" unless it is an http(s) address."""
    cleaned = one_line(url, limit=None)  # never cut: a cut address is another address
    return cleaned if cleaned.startswith(("http://", "https://")) else ""


class LinkScreen(ModalScreen[None]):
    """An article's address: a clickable OSC 8 link, and the plain address to copy."""

    BINDINGS = [("escape,q,o,enter", "dismiss", "Close")]
    DEFAULT_CSS = """
    LinkScreen { align: center middle; }
    LinkScreen > Vertical {
        width: 90%; max-width: 100; height: auto; padding: 1 2;
        border: round $accent; background: $surface;
    }
    """

    def __init__(self, url: str, title: str) -> None:
        super().__init__()
        self.url = url
        self.title_text = title

    def compose(self) -> ComposeResult:
        link = Content.styled("▶ open this article's page", Style(link=self.url, underline=True))
        with Vertical():
            yield Static(Content.styled(one_line(self.title_text), "bold"))
            yield Static(link, id="link")
            yield Static(Content(self.url), id="url")
            yield Static(Content.styled("Esc closes", "$text-muted"))


def open_url(app: NewsdeskApp) -> None:
    """``o``: the article in the reader (else under the list cursor) in the browser."""
    from tui.widgets.reader import ReaderBody

    browse = app.browse
    if isinstance(app.focused, ReaderBody) or browse.article_list.current_id is None:
        article_id = browse.reader.article_id
    else:
        article_id = browse.article_list.current_id
    if article_id is None:
        app.notify("No article is selected.", timeout=2)
        return

    def fetch() -> tuple[str, str]:
        stored = app.db.library.get(article_id)
        return (stored.article.url, stored.article.title) if stored else ("", "")

    def show(found: tuple[str, str]) -> None:
        url = safe_url(found[0])
        if not url:
            app.notify("This article came from a file: it has no web address.", timeout=3)
            return
        if has_local_display():
            import webbrowser

            # an argument list, never a shell: the address cannot run a command
            if webbrowser.open(url, new=2):
                app.notify(f"Opened in your browser: {url}", markup=False, timeout=3)
                return
        app.push_screen(LinkScreen(url, found[1]))

    app.db_request(fetch, show, group="open-url")


def start_fetch(app: NewsdeskApp) -> None:
    """``R``: fetch every followed feed in the background; progress in the status line."""
    if app.readonly:
        app.notify(
            "This library is open read-only; its feeds are fetched by whoever serves it.",
            timeout=4,
        )
        return
    if getattr(app, "fetching", False):
        app.notify("A fetch is already running.", timeout=2)
        return
    app.fetching = True
    app._set_note("fetching feeds…")
    app.run_worker(lambda: _fetch_in_thread(app), thread=True, group="fetch", exit_on_error=False)


def _fetch_in_thread(app: NewsdeskApp) -> None:
    import asyncio

    from store.fetch.registry import list_feeds
    from store.fetch.run import FetchProgress, FetchSummary, fetch_feeds
    from store.library import Library

    def note(p: FetchProgress) -> None:
        app._deliver(app._set_note, f"fetching {p.feeds_done}/{p.feeds_total} feeds…")

    def landed(_part: FetchSummary) -> None:
        app._deliver(lambda _v: app.reload_ids(initial=True), None)

    summary: Any = None
    error: BaseException | None = None
    try:
        config = app.config
        clutter = list(getattr(config, "clutter_patterns", ()) or ()) or None
        with Library.open(app.db_path) as lib:
            if list_feeds(lib.conn):
                summary = asyncio.run(
                    fetch_feeds(lib, clutter_patterns=clutter, progress=note, on_stored=landed)
                )
    except Exception as exc:  # noqa: BLE001 - told to the user in one sentence
        error = exc
    app._deliver(lambda _v: fetch_done(app, summary, error), None)


def fetch_done(app: NewsdeskApp, summary: Any, error: BaseException | None) -> None:
    """Say what the fetch did: counts in the status line, figure changes as notifications."""
    app.fetching = False
    if error is not None:
        app._set_note("")
        app._report_error(error)
        return
    if summary is None:
        app._set_note("")
        app.notify("No feeds followed; add one with `newsdesk feeds add URL`.", markup=False)
        return
    counts = f"fetched: new {summary.new}, updated {summary.updated}, failed {len(summary.failed)}"
    app._set_note(counts)
    for version in summary.versions[:5]:
        app.notify(one_line(version.line()), title="Updated", markup=False, timeout=8)
    if summary.failed:
        first = one_line(str(summary.failed[0]))
        more = f" (and {len(summary.failed) - 1} more)" if len(summary.failed) > 1 else ""
        app.notify(f"{first}{more}", title="Failed", severity="warning", markup=False)
    app.reload_ids(initial=True)


def watch_library(app: NewsdeskApp) -> None:
    """Reload the list when another process has stored articles (checked every few seconds).

    ``app.data_version`` holds the last value seen; the first check runs at once.
    """

    def check() -> int:
        return int(app.db.library.conn.execute("PRAGMA data_version").fetchone()[0])

    def compare(version: int) -> None:
        seen = getattr(app, "data_version", None)
        if seen is not None and version != seen:
            app.reload_ids(initial=True)
        app.data_version = version

    def tick() -> None:
        if app.db.library is not None:
            app.db_request(check, compare, group="watch", exclusive=True)

    tick()
    app.set_interval(WATCH_SECONDS, tick)
