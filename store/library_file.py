"""Checks on a library file before newsdesk opens it, and before it writes a single byte.

Why: newsdesk must never make things worse. ``--db`` naming a FIFO would hang every command at
``open()``; a SQLite file that belongs to another program must come out byte-identical (not
switched to WAL, not given newsdesk's tables); and a damaged library must be refused before an
import writes into it, because writing into a broken b-tree or free list can spread the damage
to pages that were intact.

The checks, cheapest first:

1. ``check_path``: the path is a regular file (or does not exist yet); decided with ``stat``,
   so nothing that is not a regular file is ever opened.
2. ``check_header``: the first 100 bytes are a plausible SQLite header (magic, page size, the
   fixed payload fractions, a size that matches the file). Read with ``O_NONBLOCK`` as a second
   guard in case the path was swapped for a FIFO after the ``stat``.
3. ``schema_version``: the tables and columns are newsdesk's and ``meta`` holds its schema
   version; anything else is a foreign file and is refused unchanged.
4. ``check_damage``: ``PRAGMA quick_check`` over the small tables and a read down the right edge
   of the tables an import appends to, always (about a millisecond at any size); and a full
   ``PRAGMA quick_check`` of the whole file when it is small enough for that to stay cheap
   (``FULL_CHECK_MAX_BYTES``), or when asked (``serve`` checks fully once at start-up).
   Measured on a 100,000-article library (1.5 GB, 2 cores, file in the page cache): the cheap
   check ~1 ms; the full check 0.84 s of CPU, 1.0 s wall (README, "The library").
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from store.errors import LibraryError, damaged_sentence, library_error
from store.listing import SCHEMA_VERSION, SQLITE_MAGIC

# Up to this size a writable open checks every page (about 0.15 s of CPU at this size); above
# it only the cheap structural check runs before an import.
FULL_CHECK_MAX_BYTES = 256 * 1024 * 1024
HEADER_BYTES = 100

# Columns of `articles` that newsdesk reads and writes: a table by that name without them is
# another program's.
REQUIRED_ARTICLE_COLUMNS = frozenset(
    {"id", "doc_key", "version", "is_latest", "title", "category", "published", "source", "body"}
)

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def check_path(path: Path) -> bool:
    """True when ``path`` is a regular file, False when nothing is there yet; else refused.

    ``os.stat`` follows symbolic links, so a link to a library is fine and a link to a FIFO is
    not. Nothing is opened here.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise library_error(exc, path, writing=False) from None
    if stat.S_ISDIR(mode):
        raise LibraryError(f"{path} is a folder, not a library file.")
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise LibraryError(f"{path} is {what}, not a library file; give --db a regular file.")
    return True


def read_header(path: Path) -> bytes:
    """The file's first 100 bytes, read without ever blocking (``O_NONBLOCK``, regular only)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return b""
    except OSError as exc:
        raise library_error(exc, path, writing=False) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped after check_path's stat
            raise LibraryError(f"{path} is not a regular file; give --db a regular file.")
        return os.read(fd, HEADER_BYTES)
    except OSError as exc:
        raise library_error(exc, path, writing=False) from None
    finally:
        os.close(fd)


def check_header(path: Path, head: bytes, size: int | None = None) -> None:
    """Refuse a file that is not SQLite, or whose header SQLite itself could not have written.

    An empty file is allowed (a new library is written into it).
    """
    if not head:
        return
    if head[:16] != SQLITE_MAGIC[: len(head[:16])] or len(head) < 16:
        raise LibraryError(f"{path} is not a newsdesk library (it is not a SQLite database).")
    if len(head) < HEADER_BYTES:
        raise LibraryError(_damaged(path, "the file is shorter than a SQLite header"))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise LibraryError(_damaged(path, f"its header gives a page size of {page_size}"))
    if head[18] not in (1, 2) or head[19] not in (1, 2) or head[21:24] != b"\x40\x20\x20":
        raise LibraryError(_damaged(path, "its header holds values SQLite never writes"))
    if size is None:
        size = path.stat().st_size
    if size % page_size:
        raise LibraryError(_damaged(path, "its size is not a whole number of pages"))
    # The page count in the header is trusted only when SQLite marked it valid and no WAL is
    # beside the file (a checkpoint in another process may be extending the file right now).
    pages = int.from_bytes(head[28:32], "big")
    counter, valid_for = head[24:28], head[92:96]
    wal = path.with_name(path.name + "-wal")
    settled = not wal.exists() or wal.stat().st_size == 0
    if settled and counter == valid_for and pages * page_size > size:
        raise LibraryError(_damaged(path, f"it is cut short: {size // page_size} of {pages} pages"))


def schema_version(conn: sqlite3.Connection, path: Path) -> int:
    """The library's schema version, 0 for a new (empty) file; a foreign file is refused.

    Runs only reads, so a refused file is left exactly as it was.
    """
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    tables = {name for kind, name in objects if kind == "table"}
    if not objects:
        # No tables, views, indexes or triggers: an empty file newsdesk may make a library, unless
        # another program already stamped it as its own.
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if user_version or application_id:
            raise LibraryError(f"{path} is a SQLite database of another program, not a library.")
        return 0
    if "meta" not in tables or "articles" not in tables:
        raise LibraryError(f"{path} is a SQLite database but not a newsdesk library.")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    meta_columns = {row[1] for row in conn.execute("PRAGMA table_info(meta)")}
    if not REQUIRED_ARTICLE_COLUMNS <= columns or not {"key", "value"} <= meta_columns:
        raise LibraryError(
            f"{path} is a SQLite database with tables named like a newsdesk library's, "
            "but it is not one."
        )
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        current = int(row[0]) if row else -1
    except (TypeError, ValueError):
        current = -1
    if current < 1:
        raise LibraryError(f"{path} is a SQLite database but not a newsdesk library.")
    if current > SCHEMA_VERSION:
        raise LibraryError(
            f"{path} was written by a newer newsdesk (schema {current}); "
            "upgrade newsdesk to open it."
        )
    return current


def check_damage(conn: sqlite3.Connection, path: Path, *, full: bool | None = None) -> bool:
    """Refuse a damaged library before anything is written to it; True when fully checked.

    ``full=None`` checks every page when the file is at most ``FULL_CHECK_MAX_BYTES``; True
    always does (``serve`` at start-up); False only runs the cheap part.
    """
    try:
        for table in ("sqlite_master", "meta"):
            _quick_check(conn, path, f"PRAGMA quick_check('{table}')")
        # Down the right edge of the tables an import appends to, and through the small ones.
        conn.execute("SELECT max(id) FROM articles").fetchone()
        conn.execute("SELECT max(rowid) FROM figures").fetchone()
        conn.execute("SELECT count(*) FROM meta").fetchone()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        if not 0 <= free < max(pages, 1):
            raise LibraryError(_damaged(path, f"its free list counts {free} of {pages} pages"))
        if full is None:
            full = path.stat().st_size <= FULL_CHECK_MAX_BYTES
        if full:
            _quick_check(conn, path, "PRAGMA quick_check(1)")
    except sqlite3.DatabaseError as exc:
        raise library_error(exc, path, writing=True) from None
    return full


def _quick_check(conn: sqlite3.Connection, path: Path, sql: str) -> None:
    found = conn.execute(sql).fetchone()
    if found is None or found[0] != "ok":
        first = " ".join(str(found[0] if found else "no answer").split())[:200]
        raise LibraryError(_damaged(path, f"SQLite's check found: {first}"))


def _damaged(path: Path, why: str) -> str:
    return damaged_sentence(f"The library {path}", why)
