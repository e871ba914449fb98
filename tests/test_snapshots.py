"""Snapshot tests (pytest-textual-snapshot) of the list, reader and search at 80x24 and 120x40.

Plain ``def`` tests: snap_compare runs its own event loop. Each waits for the data to arrive
(an observable condition, not a fixed delay) before the screenshot is taken.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import INJECTED_TITLE, build_library, make_app, make_article, wait_for

from store.model import Article, Section

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    articles = [make_article(i) for i in range(40)]
    articles.append(make_article(300, title=INJECTED_TITLE))
    articles.append(
        Article(
            title="北京の記者会見で大規模な発表があり詳細は未定 🔥",
            category="World",
            published="2024-12-24",
            source="東京新聞",
            key_points=["About 3,000 troops were deployed.", "Talks resume on Monday."],
            lead="A lead with 12 injured.",
            sections=[
                Section("", ["First paragraph: 40 people were killed in the blast."]),
                Section("Reaction", ["Officials promised $2 billion in aid."]),
            ],
            tags=["asia"],
            raw="cjk",
        )
    )
    return build_library(tmp_path / "snap.db", articles)


async def _ready(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.browse.ready)
    await wait_for(pilot, lambda: bool(app.browse.article_list.visible_rows()))
    await wait_for(pilot, lambda: None not in app.browse.article_list.visible_rows())
    if app.browse.is_wide:
        await wait_for(pilot, lambda: app.browse.reader.data is not None)
    # The key bar fills itself once the bindings are known.
    await wait_for(pilot, lambda: bool(app.browse.query_one("KeyBar").hints()))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_list(snap_compare, library: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(library), terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader(snap_compare, library: Path, size: tuple[int, int]) -> None:
    async def open_reader(pilot) -> None:
        await _ready(pilot)
        await pilot.press("enter")
        reader = pilot.app.browse.reader
        await wait_for(pilot, lambda: reader.data is not None and reader.data.figures)
        await pilot.pause()

    assert snap_compare(make_app(library), terminal_size=size, run_before=open_reader)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search(snap_compare, library: Path, size: tuple[int, int]) -> None:
    async def search(pilot) -> None:
        await _ready(pilot)
        await pilot.press("slash", *"harbr")
        panel = pilot.app.browse.query_one("SearchPanel")
        await wait_for(pilot, lambda: bool(panel.hits))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(library), terminal_size=size, run_before=search)
