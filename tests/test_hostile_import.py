"""Import and the library file under hostile input: odd names, special files, unreadable paths,
damaged and foreign files, and `--db` naming something that is not a file (issue 13)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from hostile_support import FifoWatch, article_text, newsdesk, output, unprivileged

import store.library_file as library_file
from store.library import Library, LibraryError
from store.samples import sample_items


def make_library(path: Path) -> Path:
    with Library.open(path) as lib:
        lib.import_bytes(sample_items())
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    return d


# ---- names, special files, unreadable paths --------------------------------------------------
def test_any_file_name_is_imported_and_shown_with_escapes(tmp_path: Path, folder: Path) -> None:
    names = {
        b"bad\xff\xfename.txt": "Grain deal one",
        b"esc\x1b]0;pwned\x07.txt": "Grain deal two",
        "emoji \U0001f468\u200d\U0001f469\u200d\U0001f467.txt".encode(): "Grain deal three",
    }
    for raw, title in names.items():
        Path(os.fsdecode(bytes(folder) + b"/" + raw)).write_text(article_text(title))
    db = tmp_path / "lib.db"
    result = newsdesk("--db", db, "import", folder)
    assert result.returncode == 0, output(result)
    assert b"imported 3," in result.stdout and b"Traceback" not in result.stderr
    with Library.open(db, readonly=True) as lib:
        paths = sorted(lib.get(row.id).path for row in lib.recent())  # type: ignore[union-attr]
    assert paths == sorted(
        [
            f"{folder}/bad\\xff\\xfename.txt",
            f"{folder}/emoji \U0001f468\u200d\U0001f469\u200d\U0001f467.txt",
            f"{folder}/esc\\x1b]0;pwned\\x07.txt",
        ]
    )
    shown = newsdesk("--db", db, "show", "1", "--json")
    assert shown.returncode == 0
    assert b"\x1b" not in shown.stdout and b"\x07" not in shown.stdout
    assert json.loads(shown.stdout)["path"].endswith(".txt")


def test_special_files_in_a_folder_are_skipped_never_opened(tmp_path: Path, folder: Path) -> None:
    (folder / "story.txt").write_text(article_text("Harbour reopens"))
    fifo = FifoWatch(folder / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "control.sock"))
    os.symlink("/dev/null", folder / "device.txt")
    try:
        result = newsdesk("--db", tmp_path / "lib.db", "import", folder)
        assert not fifo.opened, "the import opened the FIFO"
    finally:
        fifo.close()
        listener.close()
    text = output(result)
    assert result.returncode == 0, text
    assert "imported 1, new versions 0, unchanged 0, failed 0" in text
    lines = [line for line in text.splitlines() if line.startswith("skipped: ")]
    assert len(lines) == 3
    assert any("pipe.txt: a named pipe (FIFO)" in line for line in lines)
    assert any("control.sock: a socket" in line for line in lines)
    assert any("device.txt: a character device" in line for line in lines)


def test_an_unreadable_file_on_the_command_line_is_one_failure(tmp_path: Path) -> None:
    prefix = unprivileged(tmp_path)
    locked = tmp_path / "locked.txt"
    locked.write_text(article_text("Locked away"))
    locked.chmod(0)
    readable = tmp_path / "open.txt"
    readable.write_text(article_text("Open for all"))
    result = newsdesk("--db", tmp_path / "lib.db", "import", locked, readable, prefix=prefix)
    text = output(result)
    assert result.returncode == 1, text
    assert "Usage:" not in text
    assert "imported 1, new versions 0, unchanged 0, failed 1" in text
    assert f"failed: {locked}: the file cannot be read (permission denied)" in text


# ---- damaged and foreign files ---------------------------------------------------------------
def damage_middle_pages(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(4096 * (size // 4096 // 2))
        fh.write(bytes(range(256)) * 48)  # three pages of nonsense


def test_a_damaged_library_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    db = make_library(tmp_path / "lib.db")
    damage_middle_pages(db)
    before = db.read_bytes()
    story = tmp_path / "new.txt"
    story.write_text(article_text("Fresh news"))
    result = newsdesk("--db", db, "import", story)
    text = output(result)
    assert result.returncode == 1, text
    errors = [line for line in text.splitlines() if line.strip()]
    assert len(errors) == 1 and "is damaged" in errors[0] and "nothing was written" in errors[0]
    assert db.read_bytes() == before
    # serve refuses it too (checked in full at start-up)
    from tui.serve import _check_library

    with pytest.raises(click.ClickException, match="is damaged"):
        _check_library(db)
    assert db.read_bytes() == before


def test_a_big_library_gets_the_cheap_check(tmp_path: Path, monkeypatch) -> None:
    """Above FULL_CHECK_MAX_BYTES only the header, schema and structure are checked on open:
    a header SQLite never writes is still refused before anything is written."""
    monkeypatch.setattr(library_file, "FULL_CHECK_MAX_BYTES", 0)
    db = make_library(tmp_path / "lib.db")
    with Library.open(db) as lib:
        assert not lib.fully_checked
    data = bytearray(db.read_bytes())
    data[21] = 0x41  # the maximum embedded payload fraction is always 64
    db.write_bytes(bytes(data))
    with pytest.raises(LibraryError, match="is damaged"):
        Library.open(db)
    assert db.read_bytes() == bytes(data)


def _foreign(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()
    return path


FOREIGN = {
    "other tables": ("CREATE TABLE songs (name TEXT)", "INSERT INTO songs VALUES ('a')"),
    "look-alike tables": (
        "CREATE TABLE meta (k TEXT, v TEXT)",
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT)",
    ),
    "no schema version": (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, doc_key TEXT, version INTEGER, "
        "is_latest INTEGER, title TEXT, category TEXT, published TEXT, source TEXT, body TEXT)",
    ),
    "stamped, empty": ("PRAGMA application_id = 1234", "PRAGMA user_version = 7"),
    # No table at all, only a view: once taken for an empty new file, switched to WAL and
    # half made into a library before an error was reported.
    "only a view": ("CREATE VIEW articles AS SELECT 1 AS id",),
}


@pytest.mark.parametrize("case", sorted(FOREIGN))
def test_a_foreign_sqlite_file_is_never_changed(tmp_path: Path, case: str) -> None:
    db = _foreign(tmp_path / "other.db", *FOREIGN[case])
    before = db.read_bytes()
    story = tmp_path / "new.txt"
    story.write_text(article_text("Fresh news"))
    for args in (["import", story], ["list"], ["figures", "1"], ["--read-only", "list"]):
        result = newsdesk("--db", db, *args)
        text = output(result)
        assert result.returncode == 1, (args, text)
        assert "library" in text and "Traceback" not in text, (args, text)
        assert db.read_bytes() == before, args  # not even the journal mode changed
    from tui.serve import _check_library

    with pytest.raises(click.ClickException):
        _check_library(db)
    assert db.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists()


# ---- --db naming something that is not a regular file ----------------------------------------
@pytest.fixture
def not_files(tmp_path: Path) -> Iterator[dict[str, Path]]:
    fifo = FifoWatch(tmp_path / "pipe.db")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.db"))
    (tmp_path / "folder.db").mkdir()
    try:
        yield {
            "a named pipe (FIFO)": fifo.path,
            "a socket": tmp_path / "sock.db",
            "a character device": Path("/dev/null"),
        }
        assert not fifo.opened, "newsdesk opened the FIFO named by --db"
    finally:
        fifo.close()
        sock.close()


def test_db_must_name_a_regular_file(tmp_path: Path, not_files: dict[str, Path]) -> None:
    story = tmp_path / "new.txt"
    story.write_text(article_text("Fresh news"))
    for kind, path in not_files.items():
        for args in (["list"], ["--read-only", "list"], ["import", story], ["show", "1"], []):
            result = newsdesk("--db", path, *args)
            text = output(result)
            assert result.returncode == 1, (kind, args, text)
            assert kind in text and "not a library file" in text, (kind, args, text)
    # A folder is refused by the option itself (a usage error), before anything runs.
    result = newsdesk("--db", tmp_path / "folder.db", "list")
    assert result.returncode == 2 and "is a directory" in output(result)
