"""Pilot tests of the article list: order, count, sort, filter, picks, widths, 100k scroll."""

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
    wait_rows,
)
from rich.cells import cell_len

import store.figure_rows as figure_rows_module
import store.library as library_module
from store.figures import EXTRACTOR_VERSION
from store.model import Article, Section
from tui.app.widgets.article_list import ArticleList, column_widths, thumb_start
from tui.safe import fit


def no_figures(article: object) -> list:
    """An extractor that finds nothing (what these tests assume)."""
    return []


@pytest.fixture
def small_library(tmp_path: Path) -> Path:
    articles = [make_article(i) for i in range(30)]
    articles.append(make_article(100, title=INJECTED_TITLE))
    articles.append(Article(title="An undated note", source="Nordic Post", raw="undated note"))
    return build_library(tmp_path / "lib.db", articles)


async def test_list_is_newest_first_with_count(small_library: Path) -> None:
    app = make_app(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.query_one(ArticleList)
        rows = await wait_rows(pilot, article_list)
        dates = [r.published for r in rows if r and r.published]
        assert dates == sorted(dates, reverse=True)
        text = screen_text(app)
        assert "32 article(s)" in text
        assert "by date" in text
        # The undated article sorts last and says "undated" rather than inventing a date.
        await pilot.press("G")
        await wait_for(pilot, lambda: "undated" in screen_text(app))


async def test_injected_title_shows_literally_in_list(small_library: Path) -> None:
    app = make_app(small_library)
    # 160 columns: the list's half is wide enough for the whole tag in the title column.
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.article_list
        await wait_rows(pilot, article_list)
        lines = [article_list.render_line(y).text for y in range(5)]
        assert any("[bold red]x[/] [@click=app.quit]" in line for line in lines), lines
        assert app.is_running  # the action tag did not quit the app


async def test_sort_cycles_and_category_filter(small_library: Path) -> None:
    app = make_app(small_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.query_one(ArticleList)
        await pilot.press("s")
        await wait_for(pilot, lambda: app.browse.sort == "title" and "by title" in screen_text(app))
        await wait_rows(pilot, article_list)
        titles = [r.title for r in article_list.visible_rows() if r]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("s")
        await wait_for(pilot, lambda: "by source" in screen_text(app))
        # The quick key walks through the categories; the count follows the filter.
        await pilot.press("f")
        await wait_for(pilot, lambda: app.browse.category is not None and app.browse.total < 32)
        category = app.browse.category
        await wait_rows(pilot, article_list)
        assert {r.category for r in article_list.visible_rows() if r} == {category}
        assert f"{app.browse.total} article(s)" in screen_text(app)


async def test_space_picks_in_order_and_marks_rows(small_library: Path) -> None:
    app = make_app(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.query_one(ArticleList)
        first = article_list.current_id
        await pilot.press("j", "j", "space")
        third = article_list.current_id
        await pilot.press("k", "k", "space")
        assert app.browse.picked == [third, first]
        await wait_for(pilot, lambda: screen_text(app).count("\n* ") == 2)
        assert "2 picked" in screen_text(app)
        await pilot.press("space")  # unpick the first again
        assert app.browse.picked == [third]


def test_fit_truncates_by_cells_with_an_ellipsis() -> None:
    assert fit("short", 8) == "short   "
    assert fit("a long headline", 6) == "a lon…"
    cjk = fit("日本語のタイトルです", 9)
    assert cell_len(cjk) == 9 and cjk.startswith("日本語の") and "…" in cjk
    emoji = fit("🔥🔥🔥 hot", 4)
    assert cell_len(emoji) == 4 and emoji.startswith("🔥")
    assert fit("x", 0) == ""


def test_columns_always_fill_the_width() -> None:
    for width in (30, 48, 64, 80, 90, 120):
        category, source, title = column_widths(width)
        used = 13 + (category + 1 if category else 0) + (source + 1 if source else 0) + title
        assert used == width


async def test_wide_characters_never_overflow_a_row(tmp_path: Path) -> None:
    titles = [
        "北京の記者会見で大規模な発表があり詳細は未定",
        "🔥🌍 Heatwave 🔥 across the region today " * 3,
    ]
    articles = [
        Article(
            title=t,
            category="天気",
            source="東京新聞",
            published="2024-02-0" + str(n + 1),
            raw=t,
            sections=[Section("", ["x"])],
        )
        for n, t in enumerate(titles)
    ]
    path = build_library(tmp_path / "wide.db", articles)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.query_one(ArticleList)
        await wait_rows(pilot, article_list)
        width = article_list.scrollable_content_region.width
        for y in range(2):
            strip = article_list.render_line(y)
            assert strip.cell_length == width, (article_list.size, article_list.region)
            assert "…" in strip.text, (article_list.size, article_list.region, width)


async def test_scroll_to_the_end_of_a_100k_library(tmp_path: Path, monkeypatch) -> None:
    # No figure extraction: this test is about the list, and it keeps the build a few seconds.
    monkeypatch.setattr(
        figure_rows_module,
        "_EXTRACTOR",
        figure_rows_module.Extractor(no_figures, int(EXTRACTOR_VERSION)),
    )
    count = 100_000
    articles = (
        Article(
            title=f"Story {i}",
            category=("World", "Sport")[i % 2],
            source="Wire",
            published=f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            raw=f"s{i}",
            sections=[Section("", ["Text."])],
        )
        for i in range(count)
    )
    path = tmp_path / "big.db"
    library = library_module.Library.open(path)
    library.import_articles((f"g/{n}", a) for n, a in enumerate(articles))
    library.close()
    # Read-only: a writable open would try to back-fill figures for every article.
    app = make_app(path, readonly=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready, timeout=30)
        article_list = app.browse.query_one(ArticleList)
        assert article_list.count == count
        assert "100,000 article(s)" in screen_text(app)
        await pilot.press("G")
        assert article_list.cursor == count - 1
        await wait_rows(pilot, article_list)
        last = article_list.visible_rows()[-1]
        assert last is not None and last.published == "2010-01-01"  # oldest date sorts last
        await pilot.press("pageup", "ctrl+u", "k")
        assert article_list.cursor < count - 1
        await pilot.press("g")
        assert article_list.cursor == 0
        # The row cache stays bounded however far the list was scrolled.
        assert len(article_list._pages) <= 40


async def test_resize_from_wide_to_narrow(small_library: Path) -> None:
    app = make_app(small_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        screen = app.browse
        await wait_for(pilot, lambda: screen.reader.data is not None)
        assert screen.is_wide
        assert screen.reader.display and screen.query_one("#left").display
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: not screen.is_wide)
        await pilot.pause()
        assert screen.query_one("#left").display and screen.focused is screen.article_list
        assert screen.reader.styles.display == "none"
        await pilot.press("enter")  # narrow: the reader replaces the list
        await wait_for(pilot, lambda: screen.query_one("#left").styles.display == "none")
        assert screen.reader.styles.display == "block"
        await pilot.resize_terminal(120, 40)
        await wait_for(pilot, lambda: screen.is_wide)
        await pilot.pause()
        assert screen.query_one("#left").styles.display == "block"


async def test_mouse_click_moves_the_cursor_and_a_second_click_opens(small_library: Path) -> None:
    app = make_app(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.query_one(ArticleList)
        await wait_rows(pilot, article_list)
        await pilot.click(ArticleList, offset=(5, 2))
        assert article_list.cursor == 2
        await pilot.click(ArticleList, offset=(5, 2))
        reader = app.browse.reader
        await wait_for(pilot, lambda: reader.article_id == article_list.ids[2])
        assert app.browse.has_class("-reading")


@pytest.mark.parametrize("size", [(80, 24), (110, 30), (60, 20)])
async def test_category_and_date_show_at_every_width(
    small_library: Path, size: tuple[int, int]
) -> None:
    """The list promises category and date: narrow panes cut the title, never those two."""
    app = make_app(small_library)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.query_one(ArticleList)
        rows = await wait_rows(pilot, article_list)
        for y, row in enumerate(rows):
            line = article_list.render_line(y).text
            assert row.published[:10] in line
            assert row.category in line, (size, line)


async def test_an_empty_library_says_how_to_import(tmp_path: Path) -> None:
    path = build_library(tmp_path / "empty.db", [])
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await wait_for(pilot, lambda: "newsdesk import PATH" in screen_text(app))


async def test_articles_another_process_imports_appear_and_the_cursor_stays(
    small_library: Path,
) -> None:
    """SQLite's data_version is read every second; the cursor keeps its article and its row."""
    app = make_app(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.article_list
        await pilot.press("j", "j", "j")
        kept = article_list.current_id
        row_on_screen = article_list.cursor - round(article_list.scroll_offset.y)
        newest = make_article(7, title="Arrived while the app was open")
        newest.published = newest.published_raw = "2030-01-01"
        newest.raw = "arrived later"
        with library_module.Library.open(small_library) as writer:
            writer.import_articles([("late.txt", newest)])
        await wait_for(pilot, lambda: app.browse.total == 33)
        assert article_list.current_id == kept
        assert article_list.cursor - round(article_list.scroll_offset.y) == row_on_screen
        await pilot.press("g")  # the newest is above, one row out of view
        await wait_for(pilot, lambda: "Arrived while the app" in screen_text(app))


def test_thumb_start_decides_the_scroll_bar_picture_as_textual_draws_it() -> None:
    """Pins the private arithmetic ThumbScrollBar copies: two positions with the same
    ``thumb_start`` must give the same picture in Textual's renderer, or a repaint is missed."""
    from textual.scrollbar import ScrollBarRender

    for size, virtual, window in ((20, 100_000, 20), (7, 300, 7), (38, 1_000, 38)):
        pictures: dict[int | None, list] = {}
        for step in range(0, 4000):
            position = (virtual - window) * step / 3999
            start = thumb_start(size, virtual, window, position)
            bar = ScrollBarRender.render_bar(size, virtual, window, position)
            picture = [(s.text, s.style) for s in bar.segments]
            assert pictures.setdefault(start, picture) == picture, (size, position)
        assert len(pictures) > 1


async def test_the_list_scroll_bar_is_a_thumb_scroll_bar_in_the_widget_tree(
    small_library: Path,
) -> None:
    """Pins the private names ArticleList.vertical_scrollbar relies on (_vertical_scrollbar,
    App._start_widget): the bar is ours, mounted under the list, and follows the cursor."""
    from tui.app.widgets.article_list import ThumbScrollBar

    app = make_app(small_library)
    async with app.run_test(size=(80, 12)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        article_list = app.browse.article_list
        bar = article_list.vertical_scrollbar
        assert isinstance(bar, ThumbScrollBar) and bar.parent is article_list and bar.is_attached
        await pilot.press("G")
        await wait_for(pilot, lambda: bar.position == article_list.scroll_offset.y > 0)
