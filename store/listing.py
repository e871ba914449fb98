"""The article list (newest first, filtered) read with nothing heavier than ``sqlite3``.

Why a module apart from ``library.py``: ``newsdesk list`` has a budget of 50 ms for the whole
command, and Python's own start-up takes a quarter of it. Importing ``library.py`` (dataclasses,
pathlib, the schema and import code) costs about as much again, so the command line's quick path
(``tui/cli/launch.py``) reads the list through this module alone. ``Library.recent`` builds its
query here too, so the quick path and the app can never disagree on order or filters.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections import namedtuple

SCHEMA_VERSION = 4
SQLITE_MAGIC = b"SQLite format 3\x00"

ROW_COLUMNS = "id, title, category, published, source, version"
SORTS = {
    "date": "published DESC, id DESC",
    "title": "title COLLATE NOCASE, published DESC, id DESC",
    "source": "source COLLATE NOCASE, published DESC, id DESC",
}

# One row of the list, for the quick path (``Library.recent`` wraps the same columns in
# ``store.model.ArticleRow``; both have these attribute names).
ListRow = namedtuple("ListRow", "id title category published source versions")


def filters(category: str | None, since: str | None) -> tuple[str, list[object]]:
    """The WHERE clause (newest versions only) and its parameters."""
    where = "is_latest = 1"
    params: list[object] = []
    if category is not None:
        where += " AND category = ?"
        params.append(category)
    if since:
        where += " AND published >= ?"
        params.append(since)
    return where, params


def recent_rows(
    conn: sqlite3.Connection, limit: int, category: str | None = None, since: str | None = None
) -> list[tuple]:
    """The newest ``limit`` rows (``-1`` = all) as plain tuples in ``ROW_COLUMNS`` order."""
    where, params = filters(category, since)
    sql = f"SELECT {ROW_COLUMNS} FROM articles WHERE {where} ORDER BY {SORTS['date']} LIMIT ?"
    return conn.execute(sql, [*params, limit]).fetchall()


def match_category(conn: sqlite3.Connection, wanted: str) -> str:
    """The stored category name ``wanted`` means: itself when used, else a case-blind match.

    Users type ``--category world`` for "World"; an exact name wins so two categories that
    differ only in case stay apart.
    """
    if conn.execute(
        "SELECT 1 FROM articles WHERE is_latest = 1 AND category = ? LIMIT 1", (wanted,)
    ).fetchone():
        return wanted
    folded = wanted.casefold()
    for (name,) in conn.execute(
        "SELECT DISTINCT category FROM articles WHERE is_latest = 1 "
        "ORDER BY category COLLATE NOCASE"
    ):
        if name.casefold() == folded:
            return name
    return wanted


def open_current(path: str) -> sqlite3.Connection | None:
    """A read-only connection to a library that needs nothing done before it is read, or None.

    None means "use the full ``Library.open``": the file is missing or not SQLite, a killed
    import left a rollback journal to replay, the schema is another version, or SQLite refused
    it. The full open then does the work or says what is wrong in one sentence; this function
    never reports errors itself, so the quick path cannot word one differently.
    """
    try:
        # Never block: a FIFO (or a device) named by --db goes to the full open, which refuses
        # it; O_NONBLOCK guards against a swap between the stat and the open.
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            head = os.read(fd, 16) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
        if head != SQLITE_MAGIC:
            return None
        if os.path.exists(path + "-journal"):
            return None
        # A URI names the file, so "?" and "#" in the path must be escaped (and "%" first).
        uri = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
        conn = sqlite3.connect(f"file:{uri}?mode=ro", uri=True, isolation_level=None)
    except (OSError, sqlite3.Error):
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.Error:
        conn.close()
        return None
    if row is None or str(row[0]) != str(SCHEMA_VERSION):
        conn.close()
        return None
    return conn
