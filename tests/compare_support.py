"""Shared set-up for the compare, related and snapshot tests: a sample library and the app.

Kept out of conftest.py (owned elsewhere) and imported by name; pytest puts tests/ on sys.path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.library import Library

SAMPLES = Path(__file__).resolve().parent.parent / "sample_articles"

INJECTION = "[bold red]x[/] [@click=app.quit]y[/] Budget [/x] vote"
OSC = "\x1b]0;owned\x07"

# Myanmar earthquake, told by four outlets over a week: death tolls conflict (they grew).
QUAKE = {
    "reuters": "Powerful earthquake hits central Myanmar",
    "ap": "Myanmar quake death toll climbs past 1,600",
    "bbc": "Myanmar earthquake: death toll nears 3,000",
    "aljazeera": "Myanmar quake toll passes 3,300",
}


def build_sample_library(path: Path, extra: list[tuple[str, str]] | None = None) -> Path:
    """A library at ``path`` with every shipped sample (and ``extra`` (label, text) files)."""
    from store.parse import parse_text

    lib = Library.open(path)
    lib.import_paths([SAMPLES])
    if extra:
        lib.import_articles([(label, parse_text(text)) for label, text in extra])
    lib.close()
    return path


def ids_by_title(path: Path) -> dict[str, int]:
    lib = Library.open(path, readonly=True)
    try:
        return {r.title: r.id for r in lib.rows(lib.ids())}
    finally:
        lib.close()


def find_id(titles: dict[str, int], prefix: str) -> int:
    matches = [i for t, i in titles.items() if t.startswith(prefix)]
    assert len(matches) == 1, (prefix, matches)
    return matches[0]


def injected_article(source: str = "Wire", killed: str = "About 500") -> str:
    """An article about the quake whose title, source and sentences carry injection strings."""
    return "\n".join(
        [
            f"Quake report {INJECTION}",
            "Category",
            "World",
            "Publication date",
            "2 April 2025",
            "",
            f"Quake report {INJECTION}",
            f"Source:\u00a0 {source} {INJECTION}",
            "",
            f"{killed} people were killed in the quake, {INJECTION} officials said {OSC}.",
        ]
    )


async def wait_ready(app: Any, pilot: Any) -> None:
    for _ in range(400):
        if app.browse.ready:
            break
        await pilot.pause(0.02)
    assert app.browse.ready, "the app never showed its list"


async def wait_for(pilot: Any, predicate: Any, what: str, tries: int = 400) -> None:
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def open_compare(app: Any, pilot: Any, ids: list[int]) -> Any:
    """Pick ``ids`` the way a user does (the app's list), press c, wait for the drawn table."""
    from tui.app.screens.compare import CompareScreen

    app.browse.picked = list(ids)
    await pilot.press("c")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, CompareScreen) and app.screen.drawn_at is not None,
        "the compare table",
    )
    await pilot.pause()
    return app.screen


def screen_text(app: Any) -> str:
    """What the terminal shows, as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
