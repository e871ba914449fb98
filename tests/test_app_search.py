"""Pilot tests of search as you type: typo tolerance, highlights, Enter, Esc, injection."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    INJECTED_TITLE,
    build_library,
    make_app,
    make_article,
    screen_text,
    wait_for,
)

from store.library import Library
from store.model import ArticleRow
from store.search import Searcher
from tui.app.screens.browse_search import SEARCH_LIMIT
from tui.app.widgets.search import MATCH_STYLE, SearchInput, SearchPanel, SearchResults, hit_prompt


@pytest.fixture
def library(tmp_path: Path) -> Path:
    articles = [make_article(i) for i in range(40)]
    articles.append(
        make_article(500, title="Parliament approves the reservoir budget", body="Dam money.")
    )
    articles.append(make_article(501, title=INJECTED_TITLE, body="Budget vote text."))
    return build_library(tmp_path / "lib.db", articles)


def panel_of(app) -> SearchPanel:
    return app.browse.query_one(SearchPanel)


async def test_typo_finds_the_article_and_enter_opens_it(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchInput)
        await pilot.press(*"resevoir")  # typo: missing "r"
        panel = panel_of(app)
        await wait_for(
            pilot, lambda: panel.hits and panel.hits[0].row.title.startswith("Parliament")
        )
        assert "Parliament approves the reservoir budget" in screen_text(app)
        await pilot.press("enter")
        reader = app.browse.reader
        await wait_for(pilot, lambda: reader.data is not None)
        assert reader.data.stored.article.title == "Parliament approves the reservoir budget"
        assert app.browse.search_latencies  # every shown result set was timed for the benchmark


async def test_results_follow_the_latest_keystroke(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("slash", *"harbour", "backspace", "backspace", *"ur")
        await pilot.press(*" reservoir")
        panel = panel_of(app)
        await wait_for(pilot, lambda: bool(panel.hits))
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Whatever order the workers finished in, the panel shows the final query's results.
        assert panel.search_text == "harbour reservoir"
        with Library.open(library, readonly=True) as lib:
            expected = [
                h.row.id for h in Searcher(lib).search("harbour reservoir", limit=SEARCH_LIMIT)
            ]
        assert [h.row.id for h in panel.hits] == expected


async def test_escape_clears_the_search_and_returns_to_the_list(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("slash", *"budget")
        panel = panel_of(app)
        await wait_for(pilot, lambda: bool(panel.hits))
        await pilot.press("escape")
        assert panel.search_text == ""
        assert app.focused is app.browse.article_list
        assert not panel.display or panel.styles.display == "none"
        await pilot.press("slash")
        assert panel_of(app).search_text == ""  # it reopens empty


async def test_down_moves_into_results_and_enter_opens_that_hit(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("slash", *"budget")
        panel = panel_of(app)
        await wait_for(pilot, lambda: len(panel.hits) >= 2)
        await pilot.press("down")
        assert isinstance(app.focused, SearchResults)
        await pilot.press("j", "enter")
        second = panel.hits[1].row.id
        await wait_for(pilot, lambda: app.browse.reader.article_id == second)


async def test_injected_title_shows_literally_in_results(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("slash", *"vote")
        panel = panel_of(app)
        await wait_for(pilot, lambda: any(h.row.title == INJECTED_TITLE for h in panel.hits))
        await wait_for(pilot, lambda: INJECTED_TITLE in screen_text(app))
        assert app.is_running


def test_hit_prompt_marks_the_matched_characters() -> None:
    class Hit:
        def __init__(self, field: str, snippet: str, spans: list[tuple[int, int]]) -> None:
            self.row = ArticleRow(1, "Budget [/x] vote", "World", "2024-01-02", "Wire")
            self.field, self.snippet, self.spans, self.score = field, snippet, spans, 1.0

    title_hit = hit_prompt(Hit("title", "", [(0, 6)]))
    marked = [title_hit.plain[s.start : s.end] for s in title_hit.spans if s.style == MATCH_STYLE]
    assert marked == ["Budget"]
    assert title_hit.plain.startswith("Budget [/x] vote")
    snippet = "said \x1b]0;owned\x07 the dam cost"
    start = snippet.index("dam")
    body_hit = hit_prompt(Hit("body", snippet, [(start, start + 3)]))
    marked = [body_hit.plain[s.start : s.end] for s in body_hit.spans if s.style == MATCH_STYLE]
    assert marked == ["dam"]  # offsets moved past the removed escape sequence
    assert "\x1b" not in body_hit.plain and "\x07" not in body_hit.plain


async def test_a_month_13_says_it_is_not_a_date(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("slash", *"since:2025-13 budget")
        await wait_for(pilot, lambda: "not a date" in screen_text(app))
        assert "No matches." not in screen_text(app)


async def test_the_list_cursor_follows_an_opened_search_hit(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("slash", *"reservoir")
        panel = panel_of(app)
        await wait_for(pilot, lambda: bool(panel.hits))
        hit = panel.hits[0].row.id
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.browse.reader.article_id == hit)
        assert app.browse.article_list.current_id == hit
        await pilot.press("escape", "escape")  # back from the reader, then close the search
        assert app.focused is app.browse.article_list
        assert app.browse.article_list.current_id == hit
