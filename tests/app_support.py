"""Shared helpers for the app tests: small generated libraries and polling for async results.

The app fetches everything on its database thread, so tests wait for an observable condition
(with a generous timeout) instead of sleeping a fixed time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from store.library import Library
from store.model import Article, Section
from tui.app import NewsdeskApp

INJECTED_TITLE = "[bold red]x[/] [@click=app.quit]y[/] Budget [/x] vote"
INJECTED_BODY = "The minister said \x1b]0;owned\x07 nothing [b]bold[/b] here."

CATEGORIES = ["World", "Economy", "Science", "Sport"]
SOURCES = ["Daily Wire Service", "Morning Herald", "Reuters Desk", "Nordic Post"]


def make_article(i: int, *, title: str | None = None, body: str | None = None) -> Article:
    """A small, valid article; ``i`` varies date, category and source."""
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    paragraphs = [body] if body is not None else [f"Paragraph one of article {i}.", "More text."]
    return Article(
        title=title or f"Article number {i} about harbour works",
        category=CATEGORIES[i % len(CATEGORIES)],
        published=f"2024-{month:02d}-{day:02d}",
        published_raw=f"2024-{month:02d}-{day:02d}",
        source=SOURCES[i % len(SOURCES)],
        tags=[f"tag{i % 5}"],
        key_points=[f"Key point for {i}: 1,200 workers."],
        lead=f"Lead of article {i}.",
        sections=[Section("", paragraphs), Section("Background", ["Earlier events."])],
        raw=f"raw {i}",
    )


def build_library(path: Path, articles: list[Article]) -> Path:
    """Write ``articles`` into a new library at ``path`` and return the path."""
    library = Library.open(path)
    try:
        library.import_articles((f"gen/{n}.txt", a) for n, a in enumerate(articles))
    finally:
        library.close()
    return path


def make_app(path: Path, **kwargs: object) -> NewsdeskApp:
    kwargs.setdefault("cursor_blink", False)
    return NewsdeskApp(path, **kwargs)  # type: ignore[arg-type]


async def wait_for(pilot: object, predicate: Callable[[], object], timeout: float = 15.0) -> None:
    """Let the app run until ``predicate()`` is true; fail with a clear message on timeout."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s: {predicate}")
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        await asyncio.sleep(0)


async def wait_rows(pilot: object, article_list: object) -> list:
    """Wait until the list has laid out and every visible row is loaded; return the rows."""

    def loaded() -> bool:
        rows = article_list.visible_rows()  # type: ignore[attr-defined]
        return bool(rows) and None not in rows

    await wait_for(pilot, loaded)
    return article_list.visible_rows()  # type: ignore[attr-defined]


def screen_text(app: NewsdeskApp) -> str:
    """Everything visible on the current screen, as plain text lines."""
    return "\n".join(
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    )
