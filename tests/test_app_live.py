"""Live news in the app: R fetches with progress, new articles appear, o opens the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import build_library, make_app, make_article, wait_for
from fetch_support import FixtureServer, Item, quake_page, rss2

from store.fetch.registry import add_feed
from store.library import Library
from tui.app.live import LinkScreen, has_local_display, safe_url


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return build_library(tmp_path / "lib.db", [make_article(i) for i in range(5)])


async def test_r_fetches_in_the_background_and_new_articles_appear(
    server: FixtureServer, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.set("/quake", body=quake_page("2,719", "4,521"))
    items = [Item("Quake", server.url("/quake"), guid="q")]
    server.set("/rss", body=rss2("Wire", "/", items).encode(), content_type="application/rss+xml")
    with Library.open(library) as lib:
        add_feed(lib.conn, server.url("/rss"), category="World")
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 2 10.0.0.2 22")  # no local display
    app = make_app(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready and app.browse.total == 5)
        await pilot.press("R")
        await wait_for(pilot, lambda: app.browse.total == 6, timeout=30)
        await wait_for(pilot, lambda: not app.browse.fetching)
        assert "fetched: new 1, updated 0, failed 0" in app.browse.note
        # the new article is first (newest); o shows its address as a link, not a browser
        app.browse.article_list.cursor = 0
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkScreen))
        screen = app.screen
        assert screen.url == server.url("/quake")
        link = screen.query_one("#link").render()
        assert any(getattr(span.style, "link", None) == server.url("/quake") for span in link.spans)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, LinkScreen))


async def test_r_in_a_read_only_session_says_who_fetches(library: Path) -> None:
    app = make_app(library, readonly=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("R")
        await pilot.pause(0.1)
        assert not app.browse.fetching
        assert any("read-only" in str(n.message) for n in app._notifications)


async def test_a_read_only_session_sees_articles_another_process_stores(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, readonly=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready and app.browse.total == 5)
        with Library.open(library) as writer:
            writer.import_articles([("late.txt", make_article(99, title="Arrived later"))])
        await wait_for(pilot, lambda: app.browse.total == 6)


async def test_o_on_a_file_article_says_there_is_no_address(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("o")
        await wait_for(
            pilot, lambda: any("no web address" in str(n.message) for n in app._notifications)
        )


def test_addresses_are_cleaned_and_displays_detected(monkeypatch: pytest.MonkeyPatch) -> None:
    assert safe_url("https://a.example/x\x1b]8;;evil\x07") == "https://a.example/x"
    assert safe_url("javascript:alert(1)") == "" and safe_url("file:///etc/passwd") == ""
    monkeypatch.setenv("SSH_CONNECTION", "1 2 3 4")
    assert not has_local_display()
    monkeypatch.delenv("SSH_CONNECTION")
    monkeypatch.delenv("SSH_TTY", raising=False)
    monkeypatch.delenv("NEWSDESK_EXPORTS_OFF", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    assert has_local_display()
