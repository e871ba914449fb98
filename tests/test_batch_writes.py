"""How the import writer stores rows: figures many rows per statement, in order; the collector
setting it changes during a batch comes back afterwards."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest

import store.batch as batch_mod
from store.library import Library
from store.schema import FIGURE_COLUMNS, FIGURES, _create_table


def _figure_row(i: int) -> tuple[object, ...]:
    return (
        i // 7,  # article_id
        i % 7,  # ord
        float(i) + 0.5,
        float(i) * 2,
        "=",
        "",
        "people",
        f"killed {i}",
        "",
        f"Sentence {i} — with a dash.",
        i,
        i + 3,
        "body",
        f'[["body",{i},{i + 3}]]',
        "",
        "",
        "",
        None if i % 2 else float(i),
    )


@pytest.mark.parametrize(
    "count",
    [0, 1, batch_mod.FIGURES_PER_INSERT - 1, batch_mod.FIGURES_PER_INSERT, 2 * 50 + 37],
)
def test_figures_are_inserted_whole_and_in_order(count: int) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(_create_table("figures", FIGURES))
    rows = [_figure_row(i) for i in range(count)]
    batch_mod._insert_figures(conn, [value for row in rows for value in row])
    stored = conn.execute(
        f"SELECT {', '.join(f'[{c}]' for c in FIGURE_COLUMNS)} FROM figures ORDER BY rowid"
    ).fetchall()
    assert stored == rows


def test_a_batch_restores_the_collector_setting(tmp_path: Path) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    with Library.open(tmp_path / "lib.db") as lib:
        lib.import_bytes(
            [
                (f"a{i}.txt", f"Title {i}\nSource: Wire\n\n{i} people came.\n".encode())
                for i in range(3)
            ]
        )
        lib.import_articles([], before_commit=lambda _conn: seen.append(gc.get_threshold()))
        assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert seen and seen[0][0] >= batch_mod.BATCH_GC_THRESHOLD
    assert gc.get_threshold() == before


def test_raw_text_travels_as_its_own_utf8_and_is_stored_as_text(tmp_path: Path) -> None:
    """A plain UTF-8 file's bytes stand for its raw text on the way to the writer; every other
    encoding keeps the string; the library holds the same TEXT either way."""
    import store.importing as importing_mod

    text = "Kyiv – a title\nSource: Wire\n\n«Twelve» people came; 3 000 € were paid.\n"
    files = {
        "utf8.txt": text.encode(),
        "bom.txt": b"\xef\xbb\xbf" + text.replace("Kyiv", "Lviv").encode(),
        "cp1251.txt": "Київ title\nSource: Wire\n\nДванадцять людей.\n".encode("cp1251"),
        "ascii.txt": b"Plain title\nSource: Wire\n\nTwelve people came.\n",
        "utf16.txt": text.replace("Kyiv", "Odesa").encode("utf-16"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    records = importing_mod.prepare_files([str(tmp_path / name) for name in files])
    kinds = {Path(r.label).name: type(r.raw) for r in records}
    assert kinds == {
        "utf8.txt": bytes,
        "bom.txt": str,
        "cp1251.txt": str,
        "ascii.txt": str,
        "utf16.txt": str,
    }
    by_name = {Path(r.label).name: r for r in records}
    assert by_name["utf8.txt"].raw == files["utf8.txt"]
    assert by_name["utf8.txt"].content_hash == importing_mod.content_hash_for(text)
    with Library.open(tmp_path / "lib.db") as lib:
        lib.import_prepared([r for r in records if isinstance(r, importing_mod.PreparedArticle)])
        stored = dict(lib.conn.execute("SELECT path, raw FROM articles"))
        types = {t for (t,) in lib.conn.execute("SELECT DISTINCT typeof(raw) FROM articles")}
        assert types == {"text"}
        assert stored[str(tmp_path / "utf8.txt")] == text
        again = lib.import_paths([tmp_path], workers=1)
        assert again.unchanged == len(files) and again.imported == 0
