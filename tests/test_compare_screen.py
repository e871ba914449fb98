"""Pilot tests of the compare screen inside the real app, on the shipped sample articles."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from compare_support import (
    INJECTION,
    QUAKE,
    build_sample_library,
    find_id,
    ids_by_title,
    injected_article,
    open_compare,
    screen_text,
    wait_for,
    wait_ready,
)

from tui.app import NewsdeskApp
from tui.app.screens.article import ArticleScreen
from tui.app.screens.compare import EXPORTS_OFF_MESSAGE, CompareScreen
from tui.app.widgets.figure_table import FigureTable
from tui.app.widgets.reader_content import MARK_STYLE
from tui.app.widgets.sentences import HIGHLIGHT, SentencePanel


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compare") / "samples.db"
    return build_sample_library(path, extra=[("inject.txt", injected_article())])


@pytest.fixture(scope="module")
def titles(sample_db: Path) -> dict[str, int]:
    return ids_by_title(sample_db)


def quake(titles: dict[str, int], *names: str) -> list[int]:
    return [find_id(titles, QUAKE[n]) for n in names]


def row_index(screen: CompareScreen, key: str) -> int:
    return next(i for i, r in enumerate(screen.data.rows) if r.key == key)


async def move_to(pilot, screen: CompareScreen, row: int, article_id: int | None = None) -> None:
    """Move the table cursor with keys, as a user would (j/k rows, h/l columns)."""
    table = screen.query_one(FigureTable)
    while table.cursor_row < row:
        await pilot.press("j")
    while table.cursor_row > row:
        await pilot.press("k")
    if article_id is not None:
        column = table.article_ids.index(article_id) + 1
        while table.cursor_column < column:
            await pilot.press("l")
        while table.cursor_column > column:
            await pilot.press("h")
    await pilot.pause()


async def test_three_reports_of_a_growing_toll_read_as_revised(sample_db, titles) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        ids = quake(titles, "reuters", "ap", "bbc")
        screen = await open_compare(app, pilot, ids)
        data = screen.data
        assert [c.id for c in data.columns] == ids
        killed = data.rows[row_index(screen, "killed")]
        # The toll grew over three days: a count revised as the story developed, not a dispute.
        assert killed.verdict == "revised"
        assert {i for i, figs in killed.cells.items() if figs} == set(ids)
        order = {"conflict": 0, "revised": 1, "agree": 2, "single": 3}
        assert [order[r.verdict] for r in data.rows] == sorted(order[r.verdict] for r in data.rows)
        text = screen_text(app)
        assert "↗ killed" in text  # the symbol reads without colour
        assert "1,644" in text and "2,719" in text
        assert "1 Reuters" in text and "2025-03-28" in text  # source and date in the header
        assert "revised: ≥144 (junta 2025-03-28) → 1,644" in text  # the sequence, in order


async def test_two_sources_at_odds_on_a_deployment_conflict(sample_db, titles) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        yonhap = find_id(titles, "Seoul says North Korea is preparing")
        kyiv = find_id(titles, "Ukraine captures North Korean soldiers")
        screen = await open_compare(app, pilot, [yonhap, kyiv])
        await move_to(pilot, screen, row_index(screen, "troops"))
        troops = screen.data.rows[row_index(screen, "troops")]
        # A deployment is fixed once it happened: two sources, two numbers, a dispute.
        assert troops.verdict == "conflict" and troops.clashing == {yonhap, kyiv}
        text = screen_text(app)
        assert "✗ troops" in text and "≠ ~12,000" in text
        assert "conflict: ~11,000 (HUR) vs ~12,000 (NIS)" in text  # who says what


async def test_a_toll_that_moves_between_days_is_revised_either_way(sample_db, titles) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        bbc = find_id(titles, QUAKE["bbc"])
        injected = find_id(titles, "Quake report")  # "About 500" a day after BBC's 2,719
        screen = await open_compare(app, pilot, [bbc, injected])
        killed = screen.data.rows[row_index(screen, "killed")]
        assert killed.verdict == "revised" and killed.summary.startswith("2,719 (military leader")


async def test_moving_to_a_row_shows_each_sentence_with_the_number_marked(
    sample_db, titles
) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        reuters, ap = quake(titles, "reuters", "ap")
        screen = await open_compare(app, pilot, [reuters, ap])
        await move_to(pilot, screen, row_index(screen, "injured"))
        panel = screen.query_one(SentencePanel)
        assert "732" in panel.text_of(reuters)
        assert "3,408" in panel.text_of(ap)
        content = panel.content_of(ap)
        marked = [content.plain[s.start : s.end] for s in content.spans if s.style == HIGHLIGHT]
        assert "3,408" in marked
        # The trend follows the row: its values over publication date.
        trend = str(screen.query_one("#compare-trend").content)
        assert trend.index("2025-03-28") < trend.index("2025-03-29")


async def test_enter_opens_the_reader_at_the_sentence(sample_db, titles) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        ap, aljazeera = quake(titles, "ap", "aljazeera")
        screen = await open_compare(app, pilot, [ap, aljazeera])
        # The Al Jazeera figure that sits deepest in its body: far below the first screen.
        index, figure = max(
            (
                (i, f)
                for i, r in enumerate(screen.data.rows)
                for f in r.cells.get(aljazeera, [])
                if f.part == "body"
            ),
            key=lambda p: p[1].start,
        )
        await move_to(pilot, screen, index, aljazeera)
        table = screen.query_one(FigureTable)
        where = (table.cursor_row, table.cursor_column)
        await pilot.press("enter")
        # The article opens over the comparison, scrolled to the figure's sentence, marked.
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen), "the article")
        reader = app.screen.reader
        await wait_for(pilot, lambda: reader.article_id == aljazeera, "the reader")
        body = app.screen.query_one("#reader-body")
        await wait_for(pilot, lambda: body.scroll_y > 0, "the reader to scroll")
        await pilot.pause()
        words = " ".join(figure.sentence.split()[:4])
        assert words in screen_text(app)
        marked = [
            reader.body_content.plain[s.start : s.end]
            for s in reader.body_content.spans
            if s.style == MARK_STYLE
        ]
        assert marked == [figure.sentence.strip()]
        # Esc: back to the comparison as it was, cursor and all (not to the list).
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "the comparison")
        assert (table.cursor_row, table.cursor_column) == where


async def test_fewer_than_two_picked_gives_one_sentence(sample_db, titles) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.browse.picked = quake(titles, "bbc")
        await pilot.press("c")
        await wait_for(pilot, lambda: len(app._notifications) > 0, "a notification")
        messages = [n.message for n in app._notifications]
        assert any("at least two" in m for m in messages)
        assert not isinstance(app.screen, CompareScreen)


async def test_a_hundred_and_first_pick_is_refused_in_one_sentence(sample_db) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.browse.picked = list(range(1000, 1100))  # a hundred picked (ids need not exist)
        app.browse.toggle_pick(7)
        await wait_for(pilot, lambda: len(app._notifications) > 0, "a notification")
        assert [n.message for n in app._notifications] == [
            "Compare at most 100 articles at a time."
        ]
        assert len(app.browse.picked) == 100 and 7 not in app.browse.picked
        app.browse.toggle_pick(1000)  # unpicking still works
        assert len(app.browse.picked) == 99


async def test_export_writes_markdown_and_csv_without_overwriting(
    sample_db, titles, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSDESK_EXPORT_DIR", str(tmp_path))
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        ids = quake(titles, "reuters", "ap", "bbc")
        screen = await open_compare(app, pilot, ids)
        await pilot.press("e")
        await pilot.press("E")
        await pilot.press("e")
        await wait_for(pilot, lambda: len(list(tmp_path.iterdir())) == 3, "three files")
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == [
            "newsdesk-comparison-2.md",
            "newsdesk-comparison.csv",
            "newsdesk-comparison.md",
        ]
        md = (tmp_path / "newsdesk-comparison.md").read_text(encoding="utf-8")
        table = [line for line in md.splitlines() if line.startswith("| ")]
        assert table[0].startswith("| Fact | Verdict | Who says what | 1. Reuters · 2025-03-28")
        killed = next(line for line in table if line.startswith("| killed |"))
        assert killed.startswith("| killed | ↗ revised | ≥144 (junta 2025-03-28) → 1,644 (junta")
        assert "1,644" in killed and "2,719" in killed
        order = ["✗ conflict", "↗ revised", "✓ agree", "· single"]
        verdicts = [order.index(line.split(" | ")[1]) for line in table[1:]]
        assert verdicts == sorted(verdicts)  # conflicts first, as on screen
        rows = list(csv.DictReader(io.StringIO((tmp_path / "newsdesk-comparison.csv").read_text())))
        killed = [r for r in rows if r["key"] == "killed"]
        assert {int(r["article_id"]) for r in killed} == set(ids)
        assert all(r["verdict"] == "revised" for r in killed)
        assert {r["attribution"] for r in killed} == {"junta", "military leader"}
        assert len(rows) == sum(len(f) for r in screen.data.rows for f in r.cells.values())
        await wait_for(
            pilot,
            lambda: any(str(tmp_path) in n.message for n in app._notifications),
            "the path in a notification",
        )


async def test_injection_strings_show_literally(sample_db, titles) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        injected = find_id(titles, "Quake report")
        reuters = find_id(titles, QUAKE["reuters"])
        screen = await open_compare(app, pilot, [injected, reuters])
        await move_to(pilot, screen, row_index(screen, "killed"), injected)
        text = screen_text(app)
        assert isinstance(app.screen, CompareScreen)  # [@click=app.quit] did nothing
        assert "\x1b" not in text and "\x07" not in text
        panel = screen.query_one(SentencePanel).text_of(injected)
        assert INJECTION in panel
        assert "\x1b" not in panel and "\x07" not in panel
        assert "officials said" in panel
        assert "Wire [bold red]x[/]" in text  # the source in the column header, verbatim


async def test_many_articles_scroll_sideways_with_labels_fixed(sample_db, titles) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        ids = list(titles.values())[:12]
        screen = await open_compare(app, pilot, ids)
        table = screen.query_one(FigureTable)
        first_label = table.row_text(0)[0]
        for _ in range(len(ids)):
            await pilot.press("l")
        await pilot.pause()
        assert table.current_article() == ids[-1]
        assert table.scrolled_columns > 0
        text = screen_text(app)
        assert first_label in text  # the label column stayed
        last_header = f"{len(ids)} {screen.data.columns[-1].source}"[:12]
        assert last_header in text and "◀" in text  # the last article is in view


@pytest.mark.parametrize("how", ["picked", "reading"])
async def test_comparing_versions_shows_what_changed(tmp_path, how) -> None:
    report = injected_article
    db = build_sample_library(tmp_path / "v.db", extra=[("v1.txt", report("Wire", "About 500"))])
    # The same title and source with a new death toll: a second version of the article.
    db = build_sample_library(db, extra=[("v2.txt", report("Wire", "About 900"))])
    latest = find_id(ids_by_title(db), "Quake report")
    app = NewsdeskApp(db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        if how == "picked":
            app.browse.picked = [latest]  # one article with two versions: c compares the versions
        else:  # nothing picked, the article open in the reader
            app.browse.open_article(latest)
            await wait_for(pilot, lambda: app.browse.reader.article_id == latest, "reader")
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CompareScreen) and app.screen.drawn_at is not None,
            "the version comparison",
        )
        screen = app.screen
        assert screen.data.versions
        assert [c.version for c in screen.data.columns] == [1, 2]
        index = row_index(screen, "killed")
        killed = screen.data.rows[index]
        assert killed.verdict == "revised"  # the outlet updated its toll
        assert screen.data.changes[index] == "changed"
        text = screen_text(app)
        assert "Δ killed" in text and "v1" in text and "v2" in text
        assert "~500" in text and "~900" in text


async def test_a_version_comparison_exports_as_versions_agreeing_with_the_screen(
    tmp_path, monkeypatch
) -> None:
    report = injected_article
    db = build_sample_library(tmp_path / "v.db", extra=[("v1.txt", report("Wire", "About 500"))])
    db = build_sample_library(db, extra=[("v2.txt", report("Wire", "About 900"))])
    monkeypatch.setenv("NEWSDESK_EXPORT_DIR", str(tmp_path / "out"))
    app = NewsdeskApp(db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.browse.picked = [find_id(ids_by_title(db), "Quake report")]
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CompareScreen) and app.screen.drawn_at is not None,
            "the version comparison",
        )
        await pilot.press("e", "E")
        out = tmp_path / "out"
        await wait_for(pilot, lambda: len(list(out.glob("*.*"))) == 2, "both exports")
        markdown = next(out.glob("*.md")).read_text()
        assert markdown.startswith("# Comparison of 2 versions")
        assert "| killed | Δ changed |" in markdown
        rows = list(csv.DictReader(io.StringIO(next(out.glob("*.csv")).read_text())))
        # the status column says what the screen says; verdict keeps the facts engine's word
        assert {r["status"] for r in rows if r["key"] == "killed"} == {"Δ changed"}


async def test_exports_off_says_so_and_writes_nothing(
    sample_db, titles, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSDESK_EXPORT_DIR", str(tmp_path))
    monkeypatch.setenv("NEWSDESK_EXPORTS_OFF", "1")
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await open_compare(app, pilot, quake(titles, "reuters", "ap"))
        await pilot.press("e")
        await pilot.press("E")
        await wait_for(pilot, lambda: len(app._notifications) >= 2, "two notifications")
        messages = [n.message for n in app._notifications]
        assert messages.count(EXPORTS_OFF_MESSAGE) == 2
        await pilot.pause(0.2)
    assert list(tmp_path.iterdir()) == []


async def test_palette_exports_and_help_lists_compare_keys(
    sample_db, titles, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSDESK_EXPORT_DIR", str(tmp_path))
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        screen = await open_compare(app, pilot, quake(titles, "reuters", "ap"))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export comparison as csv")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(tmp_path.glob("*.csv")), "the CSV from the palette")
        assert app.screen is screen
        await pilot.press("question_mark")
        await pilot.pause()
        ids = {i for _title, entries in app.screen.sections for _k, _d, i in entries}
        assert {"export_markdown", "export_csv", "compare.first", "compare.half_down"} <= ids
        titles = [title for title, _entries in app.screen.sections]
        assert titles[:2] == ["Comparison table", "Comparison"]  # headings, not class names
        assert "search" not in ids  # "/" does nothing here, so help does not offer it


async def test_compare_key_can_be_remapped(sample_db, titles) -> None:
    from types import SimpleNamespace

    config = SimpleNamespace(keys={"compare": "v"}, theme="dark", clutter_patterns=[], synonyms={})
    app = NewsdeskApp(sample_db, cursor_blink=False, config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.browse.picked = quake(titles, "reuters", "ap")
        await pilot.press("c")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, CompareScreen)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen), "the compare screen")


async def test_related_from_the_compare_screen_opens_over_the_comparison(sample_db, titles) -> None:
    from tui.app.screens.related import RelatedScreen

    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        reuters, ap = quake(titles, "reuters", "ap")
        await open_compare(app, pilot, [reuters, ap])
        await pilot.press("r")  # related of the cursor's article (Reuters)
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, RelatedScreen) and bool(app.screen.hits),
            "related articles",
        )
        first = app.screen.hits[0].row.id
        assert first in set(quake(titles, "ap", "bbc", "aljazeera"))
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen), "the article")
        await wait_for(pilot, lambda: app.screen.reader.article_id == first, "the reader")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen), "the comparison")


async def test_list_keys_do_nothing_while_the_comparison_is_shown(sample_db, titles) -> None:
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        ids = quake(titles, "reuters", "ap")
        await open_compare(app, pilot, ids)
        sort, category = app.browse.sort, app.browse.category
        await pilot.press("s", "f", "x")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert (app.browse.sort, app.browse.category) == (sort, category)
        assert app.browse.picked == ids  # x (unpick all) must not drop what is being compared
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.browse.sort != sort  # back on the list, the same key sorts again


async def test_comparison_rows_move_like_every_other_list(sample_db, titles) -> None:
    """g/G first/last row, Ctrl+d/Ctrl+u half pages, and "▼ n more rows" while rows lie below."""
    app = NewsdeskApp(sample_db, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        screen = await open_compare(app, pilot, quake(titles, "bbc", "ap", "reuters", "aljazeera"))
        table = screen.query_one(FigureTable)
        rows = len(table.compare_rows)
        height = table.size.height - 2
        assert rows > height, "the sample comparison should not fit 80x24"
        assert f"▼ {rows - height} more rows" in screen_text(app)
        column = table.cursor_column
        await pilot.press("G")
        assert table.cursor_row == rows - 1 and table.cursor_column == column
        assert "more rows" not in screen_text(app)
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("ctrl+d")
        assert table.cursor_row == max(1, height // 2)
        await pilot.press("ctrl+u")
        assert table.cursor_row == 0
