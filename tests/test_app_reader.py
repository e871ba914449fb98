"""Pilot tests of the reader: header, pinned key points, figures, headings, versions, injection."""

from __future__ import annotations

from pathlib import Path

from app_support import (
    INJECTED_BODY,
    INJECTED_TITLE,
    build_library,
    make_app,
    make_article,
    screen_text,
    wait_for,
)
from textual.content import Content

import store.figure_rows as figure_rows_module
from store.figures import EXTRACTOR_VERSION
from store.library import Library
from store.model import Article, Section
from tui.app.widgets.reader import ReaderBody
from tui.app.widgets.reader_content import CHANGED_STYLE, FIGURE_STYLE, HEADING_STYLE


def no_figures(article: object) -> list:
    """An extractor that finds nothing (what these tests assume)."""
    return []


def styled_texts(content: Content, style: str) -> list[str]:
    """The text under every span of ``content`` carrying ``style``."""
    return [content.plain[s.start : s.end] for s in content.spans if s.style == style]


def long_article() -> Article:
    paragraphs = [f"Paragraph {n} of a long report on the harbour." for n in range(60)]
    paragraphs[-1] = "The very last paragraph mentions 2,500 troops."
    return Article(
        title="Harbour report",
        category="World",
        published="2024-03-05",
        source="Morning Herald",
        tags=["harbour", "port"],
        key_points=["Officials counted 1,200 workers.", "Second point stays pinned."],
        lead="A lead paragraph.",
        sections=[Section("", paragraphs[:30]), Section("Reaction", paragraphs[30:])],
        raw="long report",
    )


async def test_header_and_key_points_stay_pinned_while_the_body_scrolls(tmp_path: Path) -> None:
    path = build_library(tmp_path / "lib.db", [long_article()])
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("enter")
        reader = app.browse.reader
        await wait_for(pilot, lambda: reader.data is not None)
        await pilot.pause()
        text = screen_text(app)
        for expected in ("Harbour report", "World", "2024-03-05", "Morning Herald", "#harbour"):
            assert expected in text
        assert "Second point stays pinned." in text
        assert "The very last paragraph" not in text
        assert isinstance(app.focused, ReaderBody)
        await pilot.press("G")
        await wait_for(pilot, lambda: "The very last paragraph" in screen_text(app))
        text = screen_text(app)
        assert "Second point stays pinned." in text  # key points did not scroll away
        assert "Harbour report" in text
        await pilot.press("escape")  # narrow: back to the list
        await wait_for(pilot, lambda: app.focused is app.browse.article_list)


async def test_figures_and_headings_are_highlighted(tmp_path: Path) -> None:
    path = build_library(tmp_path / "lib.db", [long_article()])
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        reader = app.browse.reader
        await wait_for(pilot, lambda: reader.data is not None)  # wide: the reader follows
        assert reader.data.figures, "the figure extractor found nothing to highlight"
        assert "2,500" in styled_texts(reader.body_content, FIGURE_STYLE)
        assert "1,200" in styled_texts(reader.key_points_content, FIGURE_STYLE)
        assert "Reaction" in styled_texts(reader.body_content, HEADING_STYLE)


async def test_nothing_is_highlighted_without_figures(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(
        figure_rows_module,
        "_EXTRACTOR",
        figure_rows_module.Extractor(no_figures, int(EXTRACTOR_VERSION)),
    )
    path = build_library(tmp_path / "lib.db", [long_article()])
    app = make_app(path, readonly=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        reader = app.browse.reader
        await wait_for(pilot, lambda: reader.data is not None)
        assert reader.data.figures == []
        assert styled_texts(reader.body_content, FIGURE_STYLE) == []
        assert styled_texts(reader.key_points_content, FIGURE_STYLE) == []


async def test_undated_article_says_undated(tmp_path: Path) -> None:
    article = Article(title="No date here", source="Wire", raw="nd", sections=[Section("", ["x"])])
    path = build_library(tmp_path / "lib.db", [article])
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await wait_for(pilot, lambda: app.browse.reader.data is not None)
        await pilot.pause()
        assert "undated" in screen_text(app).split("▏", 1)[-1]  # in the reader pane


async def test_injected_text_shows_literally_and_harmlessly_in_the_reader(tmp_path: Path) -> None:
    article = make_article(1, title=INJECTED_TITLE, body=INJECTED_BODY)
    article.key_points = ["[@click=app.quit]click[/] me \x1b[31mred"]
    path = build_library(tmp_path / "lib.db", [article])
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.browse.reader.data is not None)
        await pilot.pause()
        text = screen_text(app)
        assert INJECTED_TITLE in text
        assert "nothing [b]bold[/b] here." in text
        assert "[@click=app.quit]click[/] me red" in text
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in text
        assert "\x1b" not in app.browse.reader.body_content.plain
        await pilot.click("#reader-header")  # clicking the title must not run the action tag
        assert app.is_running


async def test_versions_switch_and_changes_are_marked(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    first = make_article(7, body="Officials said 300 people attended the meeting.")
    second = make_article(7, body="Officials said 450 people attended the meeting.")
    second.raw = "second version"
    second.sections.append(Section("", ["A brand new closing paragraph."]))
    library = Library.open(path)
    library.import_articles([("v1.txt", first)])
    library.import_articles([("v2.txt", second)])
    library.close()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        reader = app.browse.reader
        await wait_for(pilot, lambda: reader.data is not None)
        assert reader.data.stored.version == 2
        await wait_for(pilot, lambda: "+" in screen_text(app).splitlines()[1][:2])
        assert "version 2 of 2" in screen_text(app)
        changed = styled_texts(reader.body_content, CHANGED_STYLE)
        assert "450" in changed
        assert "A brand new closing paragraph." in changed
        assert reader.changed_blocks == 2
        await pilot.press("tab")
        assert "Older version" in screen_text(app)  # the footer offers the version keys
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: reader.data.stored.version == 1)
        assert "version 1 of 2" in screen_text(app)
        assert styled_texts(reader.body_content, CHANGED_STYLE) == []
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: reader.data.stored.version == 2)


async def test_space_in_the_reader_picks_the_article(tmp_path: Path) -> None:
    path = build_library(tmp_path / "lib.db", [make_article(i) for i in range(3)])
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.browse.reader.data is not None)
        await pilot.press("space")
        assert app.browse.picked == [app.browse.reader.article_id]


async def test_a_new_version_marks_a_changed_title_lead_and_key_points(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    first = make_article(7, title="Harbour works begin")
    second = make_article(7, title="Harbour Works Begin!")  # same article: case, punctuation
    second.raw = "second version"
    second.lead = "Lead of article 7, now with 40 cranes."
    second.key_points = [first.key_points[0], "A new key point."]
    with Library.open(path) as library:
        library.import_articles([("v1.txt", first)])
        library.import_articles([("v2.txt", second)])
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        reader = app.browse.reader
        await wait_for(pilot, lambda: reader.data is not None and reader.data.stored.version == 2)
        header = reader.query_one("#reader-header").render()
        assert styled_texts(header, CHANGED_STYLE) == ["Works Begin!"]  # the words that changed
        assert styled_texts(reader.key_points_content, CHANGED_STYLE) == ["A new key point."]
        changed = styled_texts(reader.body_content, CHANGED_STYLE)
        assert "7, now with 40 cranes." in changed


async def test_reader_parts_are_mounted_when_first_shown(tmp_path: Path) -> None:
    """The empty reader of the first frame holds only what it shows (each widget costs the
    first frame styling, layout and drawing); the key points box comes with the first article
    that has key points and hides again for one without."""
    plain = Article(
        title="Plain note without key points",
        published="2024-01-02",
        source="Wire",
        sections=[Section("", ["Just a paragraph."])],
        raw="plain",
    )
    path = build_library(tmp_path / "lib.db", [long_article(), plain])
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: nothing is read until Enter
        await wait_for(pilot, lambda: app.browse.ready)
        reader = app.browse.reader
        optional = "#reader-keypoints-box, #reader-keypoints, #reader-marked, #reader-rest"
        assert len(reader.query(optional)) == 0
        await pilot.press("enter")  # the newest: Harbour report, with key points
        await wait_for(pilot, lambda: reader.data is not None)
        await pilot.pause()
        box = reader.query_one("#reader-keypoints-box")
        assert box.display and "Second point stays pinned." in screen_text(app)
        await pilot.press("escape", "down", "enter")
        await wait_for(pilot, lambda: reader.data.stored.article.title == plain.title)
        await pilot.pause()
        assert not box.display
        assert "Just a paragraph." in screen_text(app)
        assert len(reader.query("#reader-marked, #reader-rest")) == 0
