"""Live news in the app: ``R`` fetches the followed feeds, ``o`` opens an article's page, and
the list picks up articles another process stored (a fetch, ``newsdesk serve --fetch-every``).

Why these choices:

* The fetch runs in a thread worker with its own writable connection and its own event loop,
  so the app's database thread (which serves every key press) never waits for the network;
  each feed lands in one transaction, and the list is reloaded as each one commits.
* A served session is read-only and never fetches; the server process is the one writer. The
  browse screen notices other writers through SQLite's ``PRAGMA data_version`` (one cheap
  query a second on the database thread) and reloads the list when it changes.
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
from textual.message import Message
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import Static

from tui.safe import one_line

if TYPE_CHECKING:
    from tui.app.screens.browse import BrowseScreen

SERVED_ENV = "NEWSDESK_EXPORTS_OFF"  # set in served sessions (tui/serve/settings.child_env)


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


class AddressFound(Message):
    """An article's web address and title (both "" when it is gone), for ``o``."""

    def __init__(self, url: str, title: str) -> None:
        super().__init__()
        self.url = url
        self.title = title


def open_url(browse: BrowseScreen) -> None:
    """``o``: the article in the reader (else under the list cursor) in the browser; the
    browse screen hands the ``AddressFound`` reply to ``show_address``."""
    from tui.app.widgets.reader import ReaderBody

    if isinstance(browse.focused, ReaderBody) or browse.article_list.current_id is None:
        article_id = browse.reader.article_id
    else:
        article_id = browse.article_list.current_id
    if article_id is None:
        browse.notify("No article is selected.", timeout=2)
        return

    def fetch(library: Any) -> AddressFound:
        stored = library.get(article_id)
        return (
            AddressFound(stored.article.url, stored.article.title)
            if stored
            else (AddressFound("", ""))
        )

    browse.database.request(browse, fetch, lambda found: found, group="open-url")


def show_address(browse: BrowseScreen, found: AddressFound) -> None:
    url = safe_url(found.url)
    if not url:
        browse.notify("This article came from a file: it has no web address.", timeout=3)
        return
    if has_local_display():
        import webbrowser

        # an argument list, never a shell: the address cannot run a command
        if webbrowser.open(url, new=2):
            browse.notify(f"Opened in your browser: {url}", markup=False, timeout=3)
            return
    browse.app.push_screen(LinkScreen(url, found.title))


def start_fetch(browse: BrowseScreen) -> None:
    """``R``: fetch every followed feed in the background; progress in the status line."""
    app = browse.newsdesk
    if app.readonly:
        browse.notify(
            "This library is open read-only; its feeds are fetched by whoever serves it.",
            timeout=4,
        )
        return
    if browse.fetching:
        browse.notify("A fetch is already running.", timeout=2)
        return
    browse.fetching = True
    browse.set_note("fetching feeds…")
    browse.run_worker(
        lambda: _fetch_in_thread(browse), thread=True, group="fetch", exit_on_error=False
    )


def _fetch_in_thread(browse: BrowseScreen) -> None:
    """A thread worker with its own writable connection: the database thread, which serves
    every key press, never waits for the network."""
    import asyncio

    from store.fetch.registry import list_feeds
    from store.fetch.run import FetchProgress, FetchSummary, fetch_feeds
    from store.library import Library

    app = browse.newsdesk

    def later(fn: Any, *args: Any) -> None:
        try:
            app.call_from_thread(fn, *args)
        except RuntimeError:
            pass  # the app is shutting down

    def note(p: FetchProgress) -> None:
        later(browse.set_note, f"fetching {p.feeds_done}/{p.feeds_total} feeds…")

    def landed(_part: FetchSummary) -> None:
        later(lambda: browse.reload_ids(initial=True))

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
    later(fetch_done, browse, summary, error)


def fetch_done(browse: BrowseScreen, summary: Any, error: BaseException | None) -> None:
    """Say what the fetch did: counts in the status line, figure changes as notifications."""
    from tui.app.database import sentence

    browse.fetching = False
    if error is not None:
        browse.set_note("")
        browse.notify(sentence(error), severity="error", markup=False)
        return
    if summary is None:
        browse.set_note("")
        browse.notify("No feeds followed; add one with `newsdesk feeds add URL`.", markup=False)
        return
    counts = f"fetched: new {summary.new}, updated {summary.updated}, failed {len(summary.failed)}"
    browse.set_note(counts)
    for version in summary.versions[:5]:
        browse.notify(one_line(version.line()), title="Updated", markup=False, timeout=8)
    if summary.failed:
        first = one_line(str(summary.failed[0]))
        more = f" (and {len(summary.failed) - 1} more)" if len(summary.failed) > 1 else ""
        browse.notify(f"{first}{more}", title="Failed", severity="warning", markup=False)
    browse.reload_ids(initial=True)
