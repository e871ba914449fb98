"""The SQLite library: identity and versions, FTS sync, ordering, bad input, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from library_support import as_version_1

import store.batch as batch_mod
import store.importing as importing_mod
import store.library as library_mod
from store.library import SCHEMA_VERSION, Library, LibraryError, collect_files
from store.model import Article, Section

REPO = Path(__file__).resolve().parent.parent


def art(
    title: str,
    *,
    source: str = "Reuters",
    category: str = "World",
    published: str = "2025-03-01",
    body: str = "Body text.",
    key_points: list[str] | None = None,
    lead: str = "",
) -> Article:
    """A hand-built article whose raw text depends on every field, like a real file's would."""
    sections = [Section("", [body]), Section("Background", ["More details follow."])]
    kp = key_points if key_points is not None else [f"Key point about {title}."]
    raw = "\n".join([title, category, published, source, lead, *kp, body])
    return Article(
        title=title,
        category=category,
        published=published,
        published_raw=published,
        source=source,
        tags=["tag one"],
        key_points=kp,
        lead=lead,
        sections=sections,
        clutter=["24196 views"],
        raw=raw,
    )


@pytest.fixture
def lib(tmp_path: Path):
    library = Library.open(tmp_path / "lib.db")
    yield library
    library.close()


def fts_ids(lib: Library, query: str) -> set[int]:
    return {
        r[0]
        for r in lib.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (query,)
        )
    }


def fts_integrity(lib: Library) -> None:
    """FTS5's own check that the index matches the external content table exactly."""
    lib.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def snapshot(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return list(
            conn.execute("SELECT id, doc_key, version, is_latest, content_hash FROM articles")
        )
    finally:
        conn.close()


# ---- identity, versions --------------------------------------------------------------------


def test_import_then_unchanged_reimport_is_skipped(lib: Library) -> None:
    items = [("a.txt", art("Alpha")), ("b.txt", art("Beta"))]
    first = lib.import_articles(items)
    assert (first.imported, first.new_versions, first.unchanged) == (2, 0, 0)
    again = lib.import_articles(items)
    assert (again.imported, again.new_versions, again.unchanged, again.ids) == (0, 0, 2, [])
    assert lib.count() == 2
    assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_changed_text_becomes_a_new_version_and_old_is_kept(lib: Library) -> None:
    lib.import_articles([("a.txt", art("Alpha", body="First telling."))])
    summary = lib.import_articles([("a2.txt", art("Alpha", body="Second telling."))])
    assert (summary.imported, summary.new_versions) == (0, 1)
    new_id = summary.ids[0]
    rows = lib.recent()
    assert [r.id for r in rows] == [new_id]
    assert rows[0].versions == 2
    versions = lib.versions(new_id)
    assert [v.version for v in versions] == [1, 2]
    old = lib.get(versions[0].id)
    assert old is not None and "First telling." in old.article.body
    assert lib.get(new_id).article.sections[0].paragraphs == ["Second telling."]
    assert lib.versions(versions[0].id) == versions
    latest = lib.conn.execute("SELECT id FROM articles WHERE is_latest = 1").fetchall()
    assert latest == [(new_id,)]


def test_title_and_source_identity_is_normalised(lib: Library) -> None:
    lib.import_articles([("a.txt", art("Grain  exports RISE", source="Ukrinform"))])
    s = lib.import_articles([("b.txt", art("grain exports rise!", source="ukrinform", body="x"))])
    assert s.new_versions == 1
    other = lib.import_articles([("c.txt", art("Grain exports rise", source="Reuters"))])
    assert other.imported == 1


def test_versions_within_one_batch(lib: Library) -> None:
    s = lib.import_articles(
        [
            ("1.txt", art("Alpha", body="one")),
            ("2.txt", art("Alpha", body="two")),
            ("3.txt", art("Alpha", body="three")),
            ("4.txt", art("Alpha", body="two")),
        ]
    )
    assert (s.imported, s.new_versions, s.unchanged) == (1, 2, 1)
    latest = lib.conn.execute("SELECT version FROM articles WHERE is_latest = 1").fetchall()
    assert latest == [(3,)]
    assert [v.version for v in lib.versions(s.ids[0])] == [1, 2, 3]


def test_versions_across_write_chunks(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_mod, "WRITE_CHUNK", 3)
    items = [(f"{i}.txt", art(f"Story {i % 4}", body=f"take {i}")) for i in range(14)]
    s = lib.import_articles(items)
    assert (s.imported, s.new_versions) == (4, 10)
    assert lib.count() == 4
    per_story = lib.conn.execute(
        "SELECT doc_key, sum(is_latest), max(version), count(*) FROM articles GROUP BY doc_key"
    ).fetchall()
    assert sorted(r[1:] for r in per_story) == [(1, 3, 3), (1, 3, 3), (1, 4, 4), (1, 4, 4)]


# ---- FTS -----------------------------------------------------------------------------------


def test_fts_tracks_inserts_and_versions(lib: Library) -> None:
    lib.import_articles([("a.txt", art("Alpha", body="zeppelin harbour"))])
    assert len(fts_ids(lib, "zeppelin")) == 1
    s = lib.import_articles([("a.txt", art("Alpha", body="submarine harbour", lead="Rotterdam"))])
    assert fts_ids(lib, "submarine") == set(s.ids)
    assert fts_ids(lib, "rotterdam") == set(s.ids)  # the lead is searchable
    assert fts_ids(lib, "key_points:alpha") == {1, s.ids[0]}
    fts_integrity(lib)
    # an in-place edit through SQL (e.g. a future migration) keeps the index in step
    lib.conn.execute("UPDATE articles SET body = 'hovercraft' WHERE id = ?", (s.ids[0],))
    assert fts_ids(lib, "hovercraft") == set(s.ids)
    assert fts_ids(lib, "submarine") == set()
    lib.conn.execute("DELETE FROM articles WHERE id = ?", (s.ids[0],))
    assert fts_ids(lib, "hovercraft") == set()
    fts_integrity(lib)


def test_bulk_fts_path_fills_index_and_restores_trigger(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib.import_articles([("first.txt", art("Before bulk", body="walrus"))])
    monkeypatch.setattr(batch_mod, "BULK_FTS_THRESHOLD", 3)
    monkeypatch.setattr(batch_mod, "WRITE_CHUNK", 2)
    monkeypatch.setattr(batch_mod, "FTS_CHUNK", 3)
    items = [(f"{i}.txt", art(f"Bulk {i}", body=f"narwhal number{i}")) for i in range(10)]
    s = lib.import_articles(items)
    assert fts_ids(lib, "narwhal") == set(s.ids)
    assert len(fts_ids(lib, "walrus")) == 1  # not indexed twice, not lost
    fts_integrity(lib)
    names = {r[0] for r in lib.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"articles_ai", "articles_ad", "articles_au"} <= names
    monkeypatch.setattr(library_mod, "BULK_FTS_THRESHOLD", 10_000)
    later = lib.import_articles([("late.txt", art("After bulk", body="porpoise"))])
    assert fts_ids(lib, "porpoise") == set(later.ids)
    fts_integrity(lib)


def test_vocab_lists_terms(lib: Library) -> None:
    lib.import_articles([("a.txt", art("Kharkiv shelling", body="Kharkiv"))])
    terms = {r[0] for r in lib.conn.execute("SELECT term FROM articles_vocab")}
    assert "kharkiv" in terms


# ---- reading -------------------------------------------------------------------------------


def test_order_filters_and_counts(lib: Library) -> None:
    lib.import_articles(
        [
            ("1", art("Older", published="2025-01-05", category="War", source="BBC")),
            ("2", art("Undated", published="", category="Economy", source="AP")),
            ("3", art("Newest", published="2025-03-01T09:40", category="War", source="Yonhap")),
            ("4", art("Middle", published="2025-02-10", category="Economy", source="AP")),
        ]
    )
    titles = [r.title for r in lib.recent()]
    assert titles == ["Newest", "Middle", "Older", "Undated"]
    assert [r.title for r in lib.recent(limit=2)] == ["Newest", "Middle"]
    assert [r.title for r in lib.recent(category="War")] == ["Newest", "Older"]
    assert [r.title for r in lib.recent(since="2025-02-01")] == ["Newest", "Middle"]
    assert lib.count() == 4 and lib.count(category="Economy") == 2
    assert lib.count(since="2025-02-10") == 2
    assert lib.categories() == [("Economy", 2), ("War", 2)]
    by_date = lib.ids()
    assert [r.title for r in lib.rows(by_date)] == titles
    by_title = lib.rows(lib.ids(sort="title"))
    assert [r.title for r in by_title] == ["Middle", "Newest", "Older", "Undated"]
    by_source = lib.rows(lib.ids(sort="source"))
    assert [r.source for r in by_source] == ["AP", "AP", "BBC", "Yonhap"]
    assert [r.title for r in by_source[:2]] == ["Middle", "Undated"]
    reversed_ids = list(reversed(by_date))
    assert [r.id for r in lib.rows(reversed_ids)] == reversed_ids
    assert lib.rows([999_999]) == []
    with pytest.raises(ValueError):
        lib.ids(sort="colour")


def test_get_round_trips_the_article(lib: Library) -> None:
    original = art("Round trip", lead="Lead para.", key_points=["One.", "Two."])
    s = lib.import_articles([("dir/rt.txt", original)])
    stored = lib.get(s.ids[0])
    assert stored is not None
    assert stored.article == original
    assert stored.path == "dir/rt.txt" and stored.version == 1
    assert lib.get(424242) is None
    assert lib.figures(s.ids[0]) == [] or all(f.sentence for f in lib.figures(s.ids[0]))


# ---- opening -------------------------------------------------------------------------------


def test_new_library_records_schema_and_wal(tmp_path: Path) -> None:
    with Library.open(tmp_path / "new.db") as lib:
        assert lib.meta("schema_version") == str(SCHEMA_VERSION)
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sorted(library_mod.MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))


def _matches(lib: Library, query: str) -> list[int]:
    return [
        r[0]
        for r in lib.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", (query,)
        )
    ]


def test_version_1_library_is_upgraded_to_an_index_without_prefixes(tmp_path: Path) -> None:
    from store.samples import sample_items

    path = tmp_path / "old.db"
    with Library.open(path) as lib:
        lib.import_bytes(sample_items())
        before = {q: _matches(lib, q) for q in ("ceasefire", "kyiv OR harbour", "tro*", "zz*")}
    assert before["ceasefire"] and before["tro*"]
    as_version_1(path)
    with pytest.raises(LibraryError, match="needs an upgrade"):
        Library.open(path, readonly=True)
    seen: list[tuple[int, int]] = []
    with Library.open(path, progress=lambda done, total: seen.append((done, total))) as lib:
        assert lib.meta("schema_version") == str(SCHEMA_VERSION) == "4"
        fts_sql = lib.conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
        ).fetchone()[0]
        assert "prefix" not in fts_sql
        lib.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        assert {q: _matches(lib, q) for q in before} == before
        assert (
            seen
            and seen[-1][0]
            == seen[-1][1]
            == lib.conn.execute("SELECT max(id) FROM articles").fetchone()[0]
        )
        # the triggers are back: a new article is searchable at once
        lib.import_bytes([("new.txt", b"Glacier melt record\nCategory\nScience\n\nIce.\n")])
        assert len(_matches(lib, "glacier")) == 1


def test_version_2_library_gains_the_fact_columns_of_figures(tmp_path: Path) -> None:
    from store.samples import sample_items

    path = tmp_path / "v2.db"
    with Library.open(path) as lib:
        lib.import_bytes(sample_items())
        article_id = lib.conn.execute("SELECT min(article_id) FROM figures").fetchone()[0]
        count = len(lib.figures(article_id))
    conn = sqlite3.connect(path)
    for column in ("qualifier", "period", "attribution", "value_from"):
        conn.execute(f"ALTER TABLE figures DROP COLUMN [{column}]")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Library.open(path) as lib:
        assert lib.meta("schema_version") == str(SCHEMA_VERSION)
        columns = {row[1] for row in lib.conn.execute("PRAGMA table_info(figures)")}
        assert {"qualifier", "period", "attribution", "value_from"} <= columns
        figures = lib.figures(article_id)
        assert len(figures) == count
        assert all(isinstance(f.qualifier, str) and isinstance(f.period, str) for f in figures)


def test_open_refuses_non_sqlite_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("just some notes, not a database\n" * 10)
    with pytest.raises(LibraryError, match="not a newsdesk library"):
        Library.open(bad)
    assert bad.read_text().startswith("just some notes")


def test_open_refuses_foreign_sqlite_db(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE songs (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not a newsdesk library"):
        Library.open(other)
    with pytest.raises(LibraryError):
        Library.open(other, readonly=True)


def test_open_refuses_corrupt_library(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.import_articles([("a", art("Alpha"))])
    data = bytearray(path.read_bytes())
    data[16:100] = os.urandom(84)  # page size and header fields become nonsense
    path.write_bytes(bytes(data))
    for name in ("lib.db-wal", "lib.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    with pytest.raises(LibraryError) as info:
        Library.open(path)
    assert "\n" not in str(info.value)


def test_open_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(LibraryError, match="newer newsdesk"):
        Library.open(path)


def test_readonly(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with pytest.raises(LibraryError, match="no library"):
        Library.open(path, readonly=True)
    assert not path.exists()
    with Library.open(path) as lib:
        lib.import_articles([("a", art("Alpha"))])
    with Library.open(path, readonly=True) as ro:
        assert [r.title for r in ro.recent()] == ["Alpha"]
        with pytest.raises(LibraryError, match="read-only"):
            ro.import_articles([("b", art("Beta"))])
        with pytest.raises(sqlite3.OperationalError):
            ro.conn.execute("DELETE FROM articles")


def test_folder_as_library_path(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="folder"):
        Library.open(tmp_path)


# ---- failure safety ------------------------------------------------------------------------


def test_error_midway_rolls_back_whole_batch(lib: Library) -> None:
    lib.import_articles([("a", art("Alpha"))])
    before = snapshot(lib.path)

    def items():
        for i in range(1200):
            if i == 1100:
                raise RuntimeError("disk on fire")
            yield (f"{i}", art(f"Story {i}"))

    with pytest.raises(RuntimeError):
        lib.import_articles(items())
    assert snapshot(lib.path) == before
    assert not lib.conn.in_transaction
    fts_integrity(lib)


def test_collect_files_reports_missing_and_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "b.txt").write_text("x")
    (tmp_path / "d" / "sub" / "a.txt").write_text("x")
    (tmp_path / "d" / ".hidden").write_text("x")
    files, failures = collect_files([tmp_path / "d", tmp_path / "missing.txt"])
    assert [Path(f).name for f in files] == ["b.txt", "a.txt"]
    assert [(Path(f.path).name, f.reason) for f in failures] == [
        ("missing.txt", "no such file or folder")
    ]
    real_scandir = os.scandir

    def deny(path):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    files, failures = collect_files([tmp_path / "d"])
    assert [Path(f).name for f in files] == ["b.txt"]
    assert len(failures) == 1 and "permission denied" in failures[0].reason


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import store.batch
    from store.library import Library

    db, folder, marker, mode = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    if mode == "small-batch":  # the per-row trigger path in WAL, as a batch under the threshold
        store.batch.BULK_FTS_THRESHOLD = 10**9

    def progress(done, total):
        # called inside the batch's transaction, after the rows so far were written
        if done >= 2600 and not marker.exists():
            marker.write_text("mid-batch")
            time.sleep(120)

    with Library.open(db) as lib:
        # a tiny page cache makes the batch spill pages into the file before the kill, the
        # hard case for recovery (100k-article imports do this with the normal cache)
        lib.conn.execute("PRAGMA cache_size = 20")
        s = lib.import_paths([folder], progress)
    print(s.imported, s.unchanged)
    """
)

STORY = """Story {i} from the wire
Category
Economy
Publication date
2025-01-{day:02d}

Story {i} from the wire
Source:\u00a0 Wire

Article number {i} about ports handling {i} tonnes of grain.
"""


def run_kill_script(db: Path, folder: Path, marker: Path, mode: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(db), str(folder), str(marker), mode],
        env=env,
        stdout=subprocess.DEVNULL,  # killed before it prints: a pipe would be left open
    )


@pytest.mark.parametrize("mode", ["bulk", "small-batch"])
def test_sigkill_mid_import_leaves_library_as_before_and_rerun_completes(
    tmp_path: Path, mode: str
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(3000):
        text = STORY.format(i=i, day=i % 28 + 1)
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "lib.db"
    Library.open(db).close()  # an empty library: the bulk path may use a rollback journal
    before = snapshot(db)
    marker = tmp_path / "marker"
    proc = run_kill_script(db, folder, marker, mode)
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, "import finished before it could be killed"
        assert time.monotonic() < deadline, "import never reached the middle"
        time.sleep(0.05)
    # 2,500 rows (5 write chunks) are in the open transaction now: kill it hard.
    journal = tmp_path / "lib.db-journal"
    assert journal.exists() == (mode == "bulk")  # a big first batch uses a rollback journal
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    if mode == "bulk":
        # The killed batch wrote pages into the file: a read-only open may not roll the hot
        # journal back, so it refuses in one sentence rather than show a half-written batch.
        with pytest.raises(LibraryError, match="interrupted import"):
            Library.open(db, readonly=True)
        # `newsdesk list` falls back to a writable open, which rolls the batch back
        from click.testing import CliRunner

        from tui.cli import main

        listed = CliRunner().invoke(main, ["--db", str(db), "list", "--json"])
        assert listed.exit_code == 0 and json.loads(listed.output) == []
    assert snapshot(db) == before
    with Library.open(db) as lib:
        assert lib.count() == 0
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        fts_integrity(lib)
        # re-running the same import completes it
        s = lib.import_paths([folder])
        assert (s.imported, s.unchanged, s.failed) == (3000, 0, [])
        assert lib.count() == 3000
        assert len(fts_ids(lib, "ports")) == 3000
        fts_integrity(lib)
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        again = lib.import_paths([folder])
        assert (again.imported, again.unchanged) == (0, 3000)


def test_summary_lines_name_each_failure() -> None:
    s = library_mod.ImportSummary(imported=2, new_versions=1, unchanged=3)
    s.failed.append(library_mod.ImportFailure("x/bad.bin", "file looks binary"))
    assert s.lines() == [
        "imported 2, new versions 1, unchanged 3, failed 1",
        "failed: x/bad.bin: file looks binary",
    ]
    assert json.dumps(s.lines())  # plain strings


@pytest.mark.parametrize("pool", [False, True], ids=["in-process", "worker-pool"])
def test_figures_stored_at_import_and_reextracted_after_version_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: bool
) -> None:
    if pool:
        monkeypatch.setattr(library_mod, "POOL_THRESHOLD", 1)
    found = library_mod.figure_extractor()
    path = tmp_path / "lib.db"
    story = art("Troops sent", body="About 1,500 troops were sent to the border on Monday.")
    with Library.open(path) as lib:
        s = lib.import_articles([("t.txt", story)])
        figs = lib.figures(s.ids[0])
        assert any(f.value_low == 1500 and f.part == "body" for f in figs)
        assert lib.meta("extractor_version") == str(found.version)
        # pretend an older extractor wrote them, and lost them
        lib.conn.execute("DELETE FROM figures")
        lib.conn.execute("UPDATE articles SET figures_version = 1")
        lib.conn.execute("UPDATE meta SET value = '1' WHERE key = 'extractor_version'")
    calls: list[tuple[int, int]] = []
    with Library.open(path, progress=lambda done, total: calls.append((done, total))) as lib:
        assert lib.figures(s.ids[0]) == figs
        assert lib.meta("extractor_version") == str(found.version)
        assert calls and calls[-1] == (1, 1)
    with Library.open(path, progress=lambda d, t: calls.append((-d, -t))) as lib:
        assert all(c[0] >= 0 for c in calls)  # up to date: nothing re-extracted


def test_bulk_batch_with_another_connection_open_stays_correct(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app may hold the library open while an import runs: the rollback-journal switch is
    refused then, and the batch must still land, visible to the other connection."""
    path = tmp_path / "lib.db"
    lib = Library.open(path)
    lib.import_articles([("a", art("Alpha"))])
    reader = Library.open(path, readonly=True)
    assert reader.count() == 1
    monkeypatch.setattr(library_mod, "BULK_FTS_THRESHOLD", 3)
    s = lib.import_articles([(f"{i}", art(f"Bulk {i}", body="krill")) for i in range(10)])
    assert s.imported == 10
    assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert reader.count() == 11
    assert len(fts_ids(reader, "krill")) == 10
    reader.close()
    lib.close()


def test_import_without_figures_gets_them_on_next_open(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Troops arrive\nCategory\nWar\nPublication date\n2025-01-02\n\nTroops arrive\n"
        "Source:\u00a0 Wire\n\nAbout 1,500 troops were sent to the border on Monday.\n",
        encoding="utf-8",
    )
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        s = lib.import_paths([folder], figures=False)
        assert lib.figures(s.ids[0]) == []
    with Library.open(path) as lib:
        assert any(f.value_low == 1500 for f in lib.figures(s.ids[0]))


def test_open_sets_the_page_cache_the_caller_asks_for(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    Library.open(path).close()
    for readonly, kb in ((False, 65536), (True, 8192)):
        library = Library.open(path, readonly=readonly, cache_kb=kb)
        try:
            assert library.conn.execute("PRAGMA cache_size").fetchone()[0] == -kb
        finally:
            library.close()


# ---- the hand-written JSON and file reading of the import path -----------------------------

_ODD_STRINGS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from('"\\\x00\x1f\u2028\x85')
)


@settings(max_examples=300, deadline=None)
@given(
    strings=st.lists(_ODD_STRINGS, max_size=5),
    sections=st.lists(st.tuples(_ODD_STRINGS, st.lists(_ODD_STRINGS, max_size=3)), max_size=3),
)
def test_hand_written_json_is_byte_identical_to_json_dumps(
    strings: list[str], sections: list[tuple[str, list[str]]]
) -> None:
    assert importing_mod._strings_json(strings) == importing_mod._dumps(strings)
    secs = [Section(heading=h, paragraphs=ps) for h, ps in sections]
    expected = importing_mod._dumps([{"heading": h, "paragraphs": ps} for h, ps in sections])
    assert importing_mod._sections_json(secs) == expected
    assert json.loads(importing_mod._sections_json(secs)) == json.loads(expected)


def test_read_record_reads_whole_files_and_refuses_big_ones(tmp_path: Path) -> None:
    text = "Title\nCategory\nWorld\n\nTitle\nSource:\u00a0 Wire\n\nA lead with 5 people.\n"
    small = tmp_path / "small.txt"
    small.write_text(text, encoding="utf-8")
    label, article = importing_mod.read_record(str(small))[:2]
    assert label == str(small) and article is not None and article.raw == text
    # exactly at the limit is read whole; one byte over is refused without being parsed
    edge = tmp_path / "edge.txt"
    edge.write_bytes(text.encode() + b"x" * (importing_mod.MAX_FILE_BYTES - len(text.encode())))
    got = importing_mod.read_record(str(edge))
    assert got[1] is not None and len(got[1].raw.encode()) == importing_mod.MAX_FILE_BYTES
    big = tmp_path / "big.txt"
    big.write_bytes(b"y" * (importing_mod.MAX_FILE_BYTES + 1))
    assert "over the 5 MB limit" in importing_mod.read_record(str(big))[2]
    assert "folder" in importing_mod.read_record(str(tmp_path))[2]
    # a file that grew after fstat (here: a size that is too small) is still read whole
    fd = os.open(small, os.O_RDONLY)
    try:
        assert importing_mod._read_all(fd, 3) == text.encode()
    finally:
        os.close(fd)


def test_version_3_library_gains_urls_feeds_and_pages(tmp_path: Path) -> None:
    from library_support import as_version_3

    from store.fetch.registry import add_feed, list_feeds
    from store.samples import sample_items

    path = tmp_path / "v3.db"
    with Library.open(path) as lib:
        lib.import_bytes(sample_items())
        before = lib.count()
    as_version_3(path)
    with pytest.raises(LibraryError, match="needs an upgrade"):
        Library.open(path, readonly=True)
    with Library.open(path) as lib:
        assert lib.meta("schema_version") == str(SCHEMA_VERSION) == "4"
        assert lib.count() == before
        stored = lib.get(lib.recent(1)[0].id)
        assert stored is not None and stored.article.url == ""
        add_feed(lib.conn, "https://feeds.example/rss")
        assert [f.url for f in list_feeds(lib.conn)] == ["https://feeds.example/rss"]


def test_the_schema_is_declared_once_and_records_are_named(tmp_path: Path) -> None:
    """A new library's tables have exactly the declared columns, in order; the import pipeline
    hands the writer named records, not positional tuples."""
    from store.importing import PreparedArticle, Refused, prepare_bytes
    from store.schema import ARTICLE_COLUMNS, FIGURE_COLUMNS

    with Library.open(tmp_path / "fresh.db") as fresh:
        for table, declared in (("articles", ARTICLE_COLUMNS), ("figures", FIGURE_COLUMNS)):
            have = tuple(r[1] for r in fresh.conn.execute(f"PRAGMA table_info({table})"))
            assert have == declared
    record = prepare_bytes("a.txt", b"A title\nSource: Wire\n\nA lead with 40 people.\n")
    assert isinstance(record, PreparedArticle)
    assert record.title == "A title" and record.label == "a.txt" and record.figures
    refused = prepare_bytes("b.txt", b"")
    assert isinstance(refused, Refused) and refused.reason


def test_a_broken_extractor_install_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    # Importing articles without figures, silently, would hide a broken (half-compiled) install.
    import store.figure_rows as figure_rows_module

    monkeypatch.setattr(figure_rows_module, "_EXTRACTOR", None)
    monkeypatch.setitem(sys.modules, "store.figures", None)  # makes the import raise
    with pytest.raises(ImportError):
        figure_rows_module.figure_extractor()
