"""The feeds a library follows, and the HTTP validators of every page fetched from them.

Both live in the library file itself (tables ``feeds`` and ``pages``, schema 3), so a library
carries what it follows wherever it is copied, and a fetch stores its articles and the new
validators in one transaction: never "articles stored, ETag lost" or the other way round.
Plain ``sqlite3``: these are a few rows, and the quick paths must not import anything heavy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

_FEED_COLUMNS = (
    "id, url, name, category, title, site_url, etag, last_modified, added_at, checked_at, status"
)


class RegistryError(Exception):
    """A feed that cannot be added or found; the message is one sentence for the user."""


@dataclass
class Feed:
    """One followed feed: where it is, what the user calls it, what the server said last."""

    id: int
    url: str
    name: str = ""  # the user's name ("" = use the feed's own title)
    category: str = ""  # the user's category for its articles ("" = the entries' own tags)
    title: str = ""  # the feed's own title, as last fetched
    site_url: str = ""
    etag: str = ""
    last_modified: str = ""
    added_at: str = ""
    checked_at: str = ""
    status: str = ""  # "ok", "not modified", or why the last fetch failed

    @property
    def label(self) -> str:
        """The name shown to the user: theirs, else the feed's title, else its address."""
        return self.name or self.title or self.url

    def to_json(self) -> dict[str, object]:
        """The public ``feeds list --json`` shape (documented in README.md)."""
        return {
            "id": self.id,
            "url": self.url,
            "name": self.name,
            "title": self.title,
            "category": self.category,
            "site_url": self.site_url,
            "added_at": self.added_at,
            "checked_at": self.checked_at,
            "status": self.status,
        }


@dataclass
class PageState:
    """What the server said about an article page last time (sent back as "changed since?")."""

    url: str
    feed_id: int | None = None
    etag: str = ""
    last_modified: str = ""
    checked_at: str = ""


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def list_feeds(conn: sqlite3.Connection) -> list[Feed]:
    """Every followed feed, in the order they were added."""
    return [Feed(*row) for row in conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds ORDER BY id")]


def get_feed(conn: sqlite3.Connection, id_or_url: str) -> Feed | None:
    """The feed with this id (digits) or address, else None."""
    text = id_or_url.strip()
    if text.isdigit():
        row = conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE id = ?", (int(text),))
    else:
        row = conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (text,))
    found = row.fetchone()
    return Feed(*found) if found else None


def add_feed(
    conn: sqlite3.Connection, url: str, *, name: str = "", category: str = "", title: str = ""
) -> Feed:
    """Follow ``url``; ``RegistryError`` when it is followed already."""
    existing = get_feed(conn, url)
    if existing is not None:
        raise RegistryError(f"The feed {url} is followed already (id {existing.id}).")
    with _transaction(conn):
        cur = conn.execute(
            "INSERT INTO feeds (url, name, category, title, added_at) VALUES (?, ?, ?, ?, ?)",
            (url, name, category, title, now()),
        )
    feed = get_feed(conn, str(cur.lastrowid))
    assert feed is not None
    return feed


def add_many(conn: sqlite3.Connection, feeds: Iterable[tuple[str, str, str]]) -> tuple[int, int]:
    """Follow ``(url, name, category)`` rows in one transaction: (added, already followed)."""
    added = skipped = 0
    stamp = now()
    with _transaction(conn):
        for url, name, category in feeds:
            cur = conn.execute(
                "INSERT OR IGNORE INTO feeds (url, name, category, added_at) VALUES (?, ?, ?, ?)",
                (url, name, category, stamp),
            )
            if cur.rowcount:
                added += 1
            else:
                skipped += 1
    return added, skipped


def remove_feed(conn: sqlite3.Connection, id_or_url: str) -> Feed:
    """Stop following a feed (its articles stay in the library); ``RegistryError`` if unknown."""
    feed = get_feed(conn, id_or_url)
    if feed is None:
        raise RegistryError(f"No followed feed has the id or address {id_or_url!r}.")
    with _transaction(conn):
        conn.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
        conn.execute("UPDATE pages SET feed_id = NULL WHERE feed_id = ?", (feed.id,))
    return feed


def save_feed_state(conn: sqlite3.Connection, feed: Feed) -> None:
    """Store what the last fetch learned (call inside the batch's transaction)."""
    conn.execute(
        "UPDATE feeds SET title = ?, site_url = ?, etag = ?, last_modified = ?, checked_at = ?, "
        "status = ? WHERE id = ?",
        (
            feed.title,
            feed.site_url,
            feed.etag,
            feed.last_modified,
            feed.checked_at,
            feed.status,
            feed.id,
        ),
    )


def page_states(conn: sqlite3.Connection, urls: Sequence[str]) -> dict[str, PageState]:
    """The stored state of the pages among ``urls`` that were fetched before."""
    out: dict[str, PageState] = {}
    for start in range(0, len(urls), 500):
        part = list(urls[start : start + 500])
        marks = ",".join("?" * len(part))
        for row in conn.execute(
            "SELECT url, feed_id, etag, last_modified, checked_at FROM pages "
            f"WHERE url IN ({marks})",
            part,
        ):
            out[row[0]] = PageState(*row)
    return out


def save_pages(conn: sqlite3.Connection, pages: Iterable[PageState]) -> None:
    """Store page validators (call inside the batch's transaction)."""
    conn.executemany(
        "INSERT OR REPLACE INTO pages (url, feed_id, etag, last_modified, checked_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(p.url, p.feed_id, p.etag, p.last_modified, p.checked_at) for p in pages],
    )


class _transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on any error) on an autocommit connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *_rest: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
