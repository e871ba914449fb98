"""Snapshots of the compare screen at 80x24 and 120x40 (four reports of the Myanmar quake).

The figures are written here by hand rather than taken from the extractor: these tests pin
the screen's drawing, and must not change each time the extractor learns a new phrase (its
own tests pin what it finds). Plain ``def`` tests: ``snap_compare`` runs its own event loop.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from compare_support import QUAKE, SAMPLES, find_id, ids_by_title, wait_for, wait_ready

import store.figure_rows as figure_rows_module
from store.library import Library
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD, Article, Figure
from store.parse import parse_bytes
from tui.app import NewsdeskApp
from tui.app.screens.compare import CompareScreen

FILES = {
    "reuters": "2025-03-28-myanmar-earthquake-reuters.txt",
    "ap": "2025-03-29-myanmar-quake-death-toll-ap.txt",
    "bbc": "2025-04-01-myanmar-earthquake-toll-bbc.txt",
    "aljazeera": "2025-04-04-myanmar-quake-aljazeera.txt",
}

# (words as written, key, low, high, bound, unit): found in the key points, lead or body.
FIGURES = {
    "Powerful earthquake": [
        ("At least 144", "killed", 144, 144, ">=", "count"),
        ("732", "injured", 732, 732, "=", "count"),
        ("about 100", "missing", 100, 100, "~", "count"),
    ],
    "Myanmar quake death toll climbs": [
        ("1,644", "killed", 1644, 1644, "=", "count"),
        ("3,408", "injured", 3408, 3408, "=", "count"),
        ("139", "missing", 139, 139, "=", "count"),
        ("$5 million", "aid", 5e6, 5e6, "=", "USD"),
        ("20 to 80", "rescuers", 20, 80, "range", "count"),
    ],
    "Myanmar earthquake: death toll": [
        ("2,719", "killed", 2719, 2719, "=", "count"),
        ("4,521", "injured", 4521, 4521, "=", "count"),
        ("441", "missing", 441, 441, "=", "count"),
    ],
    "Myanmar quake toll passes": [
        ("3 354", "killed", 3354, 3354, "=", "count"),
        ("about 4,850", "injured", 4850, 4850, "~", "count"),
        ("220", "missing", 220, 220, "=", "count"),
        ("about 80%", "buildings", 80, 80, "~", "%"),
    ],
}


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or key point line) around [start, end)."""
    dot = text.rfind(". ", 0, start)
    left = max(dot + 2 if dot != -1 else 0, text.rfind("\n", 0, start) + 1)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    return text[left:right].strip()


def hand_figures(article: Article) -> list[Figure]:
    """The figures listed in FIGURES for this article, placed where their words first occur."""
    spec = next((v for k, v in FIGURES.items() if article.title.startswith(k)), [])
    found: list[Figure] = []
    for words, key, low, high, bound, unit in spec:
        for part in (PART_KEY_POINT, PART_LEAD, PART_BODY):
            text = article.part_text(part)
            match = re.search(re.escape(words), text)
            if match:
                start, end = match.span()
                sentence = _sentence(text, start, end)
                found.append(
                    Figure(low, high, bound, unit, key, key, "", sentence, start, end, part)
                )
                break
    return found


@pytest.fixture(scope="module")
def quake_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    from store.figures import EXTRACTOR_VERSION

    path = tmp_path_factory.mktemp("snap") / "quake.db"
    saved = figure_rows_module._EXTRACTOR
    # Same version number as the real extractor, so opening the library never re-extracts.
    figure_rows_module._EXTRACTOR = figure_rows_module.Extractor(
        hand_figures, int(EXTRACTOR_VERSION)
    )
    try:
        lib = Library.open(path)
        items = [(name, parse_bytes((SAMPLES / name).read_bytes())) for name in FILES.values()]
        lib.import_articles(items)
        lib.close()
    finally:
        figure_rows_module._EXTRACTOR = saved
    titles = ids_by_title(path)
    return path, [find_id(titles, QUAKE[k]) for k in ("reuters", "ap", "bbc", "aljazeera")]


def _app_and_steps(quake_db: tuple[Path, list[int]], keys: tuple[str, ...] = ()):
    path, ids = quake_db
    app = NewsdeskApp(path, cursor_blink=False)

    async def run_before(pilot) -> None:
        await wait_ready(app, pilot)
        app.browse.picked = list(ids)
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CompareScreen) and app.screen.drawn_at is not None,
            "the compare table",
        )
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return app, run_before


def test_hand_figures_sit_on_their_words() -> None:
    article = parse_bytes((SAMPLES / FILES["aljazeera"]).read_bytes())
    figures = hand_figures(article)
    assert [f.key for f in figures] == ["killed", "injured", "missing", "buildings"]
    for f in figures:
        assert article.part_text(f.part)[f.start : f.end] in f.sentence
    assert figures[0].sentence.startswith("The number of people killed")


def test_compare_screen_80x24(snap_compare, quake_db) -> None:
    app, run_before = _app_and_steps(quake_db, ("j", "l"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_compare_screen_120x40(snap_compare, quake_db) -> None:
    app, run_before = _app_and_steps(quake_db)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
