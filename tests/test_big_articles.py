"""The biggest articles open bounded, with what was left out marked (issue 13).

The libraries are written directly with sqlite3, as another program could: 100,000 key points
each with a figure, a 4 MB title, a body of 10,000 paragraphs, one paragraph of 4 MB. What is
checked is how much reaches the screen (never how long it takes: bench/bench_big_article.py
measures CPU and memory).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from app_support import make_app, screen_text, wait_for

from store.excerpt import DEFAULT_LIMITS, ExcerptLimits, excerpt, shown_figures
from store.library import MAX_TITLE_CHARS, Library

PARA = "The port authority said 40 vessels waited at the channel on Friday while talks went on."
POINTS = 100_000


def _insert(conn: sqlite3.Connection, id_: int, title: str, **columns: object) -> None:
    row = {
        "id": id_,
        "doc_key": f"key{id_}",
        "version": 1,
        "is_latest": 1,
        "title": title,
        "category": "World",
        "published": f"2025-03-{id_:02d}",
        "source": "Big Wire",
        "tags": "[]",
        "key_points": "[]",
        "lead": "",
        "sections": "[]",
        "body": "",
        "clutter": "[]",
        "raw": "",
        "content_hash": f"h{id_}",
        "path": f"big{id_}.txt",
        "imported_at": "2025-03-03T09:41:07Z",
        "figures_version": 0,
    }
    row.update(columns)
    names = ", ".join(row)
    conn.execute(
        f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(row))})", [*row.values()]
    )


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.db"
    Library.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    for trigger in ("articles_ai", "articles_ad", "articles_au"):  # another tool: no index
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("BEGIN")
    points = [f"{i % 900 + 100} evacuated from zone {i}." for i in range(POINTS)]
    _insert(conn, 1, "Hundred thousand points", key_points=json.dumps(points))
    figures, offset = [], 0
    for n, point in enumerate(points):
        figures.append((1, n, n % 900 + 100, n % 900 + 100, "=", "count", "evacuated",
                        "evacuated", "", point, offset, offset + 3, "key_point", "[]"))  # fmt: skip
        offset += len(point) + 1
    names = "article_id, ord, value_low, value_high, bound, unit, counts, [key], change, "
    names += "sentence, start, [end], part, places"
    conn.executemany(f"INSERT INTO figures ({names}) VALUES ({', '.join('?' * 14)})", figures)
    _insert(conn, 2, ("A very long title word " * 180_000)[:4_000_000])
    sections = [{"heading": "", "paragraphs": [f"{n}: {PARA * 5}" for n in range(10_000)]}]
    body = "\n\n".join(sections[0]["paragraphs"])  # type: ignore[arg-type]
    _insert(conn, 3, "Ten thousand paragraphs", sections=json.dumps(sections), body=body)
    _insert(conn, 4, "One paragraph", lead=PARA * 45_000, body=PARA * 45_000)
    conn.execute("COMMIT")
    conn.close()
    return path


def test_excerpt_is_bounded_and_counts_what_it_left_out(big_library: Path) -> None:
    conn = sqlite3.connect(big_library)
    points = excerpt(conn, 1)
    assert points is not None
    shown = points.stored.article.key_points
    assert len(shown) == DEFAULT_LIMITS.key_points
    assert points.cuts.key_points == POINTS - len(shown)
    figures = shown_figures(conn, 1, points.shown, DEFAULT_LIMITS.figures)
    assert len(figures) == len(shown)  # only the figures of the points shown
    text = points.stored.article.key_points_text
    for figure in figures:  # offsets still point at the same characters
        assert text[figure.start : figure.end] == str(int(figure.value_low))

    title = excerpt(conn, 2)
    assert title is not None
    assert len(title.stored.article.title) == DEFAULT_LIMITS.line
    assert title.cuts.title_chars == 4_000_000 - DEFAULT_LIMITS.line

    for article_id in (3, 4):
        got = excerpt(conn, article_id)
        assert got is not None and got.cuts.body_cut
        article = got.stored.article
        shown_chars = len(article.lead) + len(article.body)
        assert shown_chars <= DEFAULT_LIMITS.body_chars
        assert got.cuts.body_chars > 3_800_000  # counted, for the mark in the reader
    conn.close()


def test_a_cut_block_keeps_figure_offsets(tmp_path: Path) -> None:
    from store.model import Article, Section

    article = Article(
        title="Offsets",
        lead="A lead.",
        sections=[Section("", ["First: 12 ships.", "Second: 300 were killed in the blast."])],
        raw="offsets",
    )
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.import_articles([("a", article)])
        full = lib.get(1)
        assert full is not None
        # the lead, the first block and "Secon": the second block is cut before its figure
        limits = ExcerptLimits(body_chars=len("A lead.") + len("First: 12 ships.") + 2 + 5)
        got = excerpt(lib.conn, 1, limits)
        assert got is not None and got.cuts.body_cut
        cut_body = got.stored.article.body
        assert cut_body == full.article.body[: len(cut_body)]  # a prefix: offsets unchanged
        figures = shown_figures(lib.conn, 1, got.shown, 100)
        assert {f.counts for f in figures} == {"ships"}  # "300 killed" starts past the cut
        for f in figures:
            assert cut_body[f.start : f.end] == full.article.body[f.start : f.end]


async def test_the_reader_draws_bounded_text_and_marks_the_cuts(big_library: Path) -> None:
    app = make_app(big_library, readonly=True)
    async with app.run_test(size=(110, 30)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        reader = app.browse.reader

        async def read(article_id: int) -> None:
            app.browse.open_article(article_id)
            await wait_for(pilot, lambda: reader.article_id == article_id, timeout=60)
            await pilot.pause()

        await read(1)
        points = reader.key_points_content.plain
        assert points.count("\n") == DEFAULT_LIMITS.key_points  # 100 points and the mark
        assert f"{POINTS - DEFAULT_LIMITS.key_points:,} more key points not shown" in points
        assert reader.key_points_content.spans  # the shown figures are highlighted
        assert "100 evacuated from zone 0." in screen_text(app)

        await read(2)
        assert "more characters not shown]" in str(
            app.browse.query_one("#reader-header").content  # type: ignore[attr-defined]
        )
        assert "A very long title word" in screen_text(app)

        for article_id in (3, 4):
            await read(article_id)
            body = reader.body_content.plain
            assert len(body) < DEFAULT_LIMITS.body_chars + 300
            assert body.rstrip().endswith("prints it all)")
            assert "the rest of this article is not shown here" in body


def test_import_refuses_a_title_over_the_limit(tmp_path: Path) -> None:
    long_title = "word " * (MAX_TITLE_CHARS // 5 + 1)
    with Library.open(tmp_path / "lib.db") as lib:
        summary = lib.import_bytes(
            [
                ("long.txt", f"{long_title}\nSource: X\n\nBody.\n".encode()),
                ("ok.txt", b"Fine\n\nBody.\n"),
            ]
        )
    assert summary.imported == 1
    (failure,) = summary.failed
    assert failure.path == "long.txt"
    assert f"over the {MAX_TITLE_CHARS:,}-character limit for a title" in failure.reason
