"""Snapshots of the compare screen at 80x24 and 120x40 (four reports of the Myanmar quake).

Plain ``def`` tests: ``snap_compare`` runs its own event loop.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_support import QUAKE, build_sample_library, find_id, ids_by_title, wait_for, wait_ready

from tui.app import NewsdeskApp
from tui.screens.compare import CompareScreen


@pytest.fixture(scope="module")
def quake_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    path = build_sample_library(tmp_path_factory.mktemp("snap") / "samples.db")
    titles = ids_by_title(path)
    return path, [find_id(titles, QUAKE[k]) for k in ("reuters", "ap", "bbc", "aljazeera")]


def _app_and_steps(quake_db: tuple[Path, list[int]], keys: tuple[str, ...] = ()):
    path, ids = quake_db
    app = NewsdeskApp(path, cursor_blink=False)

    async def run_before(pilot) -> None:
        await wait_ready(app, pilot)
        app.picked = list(ids)
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


def test_compare_screen_80x24(snap_compare, quake_db) -> None:
    app, run_before = _app_and_steps(quake_db, ("j", "j"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_compare_screen_120x40(snap_compare, quake_db) -> None:
    app, run_before = _app_and_steps(quake_db)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
