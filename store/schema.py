"""The library's schema, declared once, and the steps that upgrade older libraries to it.

Why one declaration: the columns used to be written three times (the insert statements, the
table creation, the reading of figures), and a column added to one and not the others failed
only at run time. ``ARTICLES`` and ``FIGURES`` map each column to its SQL declaration; the
column lists, the insert statements and the tables a new library gets are all derived from
them, and an upgrade step adds whatever declared column an older library lacks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from store.listing import SCHEMA_VERSION

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called now and then during long work (import, re-extraction)."""

# In bulk mode the index is filled every this many rows, so the writer indexes while the pool
# is still parsing instead of leaving all of it to the end (it overlaps on a 2-core machine).
FTS_CHUNK = 5000
# FTS5 keeps this many bytes of pending terms in memory before writing a segment; 16 MB instead
# of the 1 MB default measured ~25% less CPU per article when building the index.
FTS_HASHSIZE = 16 * 1024 * 1024
# FTS5 merges segments once this many share a level (4 is SQLite's default). A bulk batch
# raises it to 16 while it fills the index: at 100k articles that measured 12.3 s instead of
# 15.1 s of CPU for the index, and the same MATCH query times afterwards (six queries timed);
# the default comes back when the batch ends, so later small imports merge as before.
FTS_AUTOMERGE = 4
FTS_BULK_AUTOMERGE = 16

ARTICLES: dict[str, str] = {
    "id": "INTEGER PRIMARY KEY",
    "doc_key": "TEXT",
    "version": "INTEGER",
    "is_latest": "INTEGER",
    "title": "TEXT",
    "category": "TEXT",
    "published": "TEXT",
    "published_raw": "TEXT",
    "source": "TEXT",
    "tags": "TEXT",
    "key_points": "TEXT",
    "lead": "TEXT",
    "sections": "TEXT",
    "body": "TEXT",
    "clutter": "TEXT",
    "raw": "TEXT",
    "content_hash": "TEXT",
    "path": "TEXT",
    "imported_at": "TEXT",
    "figures_version": "INTEGER",
    "url": "TEXT NOT NULL DEFAULT ''",  # schema 4: the page a fetched article came from
}
FIGURES: dict[str, str] = {
    "article_id": "INTEGER",
    "ord": "INTEGER",
    "value_low": "FLOAT",
    "value_high": "FLOAT",
    "bound": "TEXT",
    "unit": "TEXT",
    "counts": "TEXT",
    "key": "TEXT",
    "change": "TEXT",
    "sentence": "TEXT",
    "start": "INTEGER",
    "end": "INTEGER",
    "part": "TEXT",
    "places": "TEXT",
    # schema 3: what tells one fact from another, and the old value of a move
    "qualifier": "TEXT NOT NULL DEFAULT ''",
    "period": "TEXT NOT NULL DEFAULT ''",
    "attribution": "TEXT NOT NULL DEFAULT ''",
    "value_from": "FLOAT",
}
ARTICLE_COLUMNS = tuple(ARTICLES)
FIGURE_COLUMNS = tuple(FIGURES)
FTS_COLUMNS = ("title", "key_points", "source", "category", "tags", "body")

# ``raw`` may come as the text's exact UTF-8 bytes (store.importing._utf8_raw): the cast stores
# them as the same TEXT value a string gives, and leaves a string as it is.
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('CAST(? AS TEXT)' if c == 'raw' else '?' for c in ARTICLE_COLUMNS)})"
)
_INSERT_FIGURE = (
    f"INSERT INTO figures ({', '.join(f'[{c}]' for c in FIGURE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(FIGURE_COLUMNS))})"
)
_FTS_COLS = ", ".join(FTS_COLUMNS)
_NEW_COLS = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
_OLD_COLS = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
_TRIGGER_INSERT = (
    "CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN "
    f"INSERT INTO articles_fts(rowid, {_FTS_COLS}) VALUES (new.id, {_NEW_COLS}); END"
)
_TRIGGER_DELETE = (
    "CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN "
    f"INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLS}) "
    f"VALUES ('delete', old.id, {_OLD_COLS}); END"
)
_TRIGGER_UPDATE = (
    f"CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF {_FTS_COLS} ON articles BEGIN "
    f"INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLS}) "
    f"VALUES ('delete', old.id, {_OLD_COLS}); "
    f"INSERT INTO articles_fts(rowid, {_FTS_COLS}) VALUES (new.id, {_NEW_COLS}); END"
)


def _create_table(name: str, columns: dict[str, str]) -> str:
    body = ", ".join(f"[{column}] {declaration}" for column, declaration in columns.items())
    return f"CREATE TABLE [{name}] ({body})"


def _add_missing_columns(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> None:
    """Add every declared column ``table`` lacks (a constant default rewrites no rows)."""
    have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    for column, declaration in columns.items():
        if column not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN [{column}] {declaration}")


def _fts_automerge(conn: sqlite3.Connection, level: int) -> None:
    """Set the FTS5 ``automerge`` level (stored in the index's config; part of the batch)."""
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', ?)", (level,))


# --------------------------------------------------------------------------------------------
# Schema and migrations.


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    """Version 1: articles, FTS5 index + vocab, figures, meta, indexes and sync triggers.

    The tables are created as declared today (``ARTICLES``, ``FIGURES``); the later steps find
    their columns already there and only add what else they bring.
    """
    conn.execute(_create_table("articles", ARTICLES))
    conn.execute(_create_table("figures", FIGURES))
    conn.execute(_create_table("meta", {"key": "TEXT PRIMARY KEY", "value": "TEXT"}))
    for sql in (
        "CREATE INDEX idx_articles_latest_date ON articles (is_latest, published DESC, id DESC)",
        "CREATE INDEX idx_articles_latest_category "
        "ON articles (is_latest, category, published DESC, id DESC)",
        "CREATE INDEX idx_articles_doc ON articles (doc_key, version)",
        "CREATE INDEX idx_articles_hash ON articles (content_hash)",
        "CREATE INDEX idx_figures_article ON figures (article_id, ord)",
        "CREATE INDEX idx_figures_key ON figures (key)",
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({_FTS_COLS}, content='articles', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
        "CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'col')",
        _TRIGGER_INSERT,
        _TRIGGER_DELETE,
        _TRIGGER_UPDATE,
    ):
        conn.execute(sql)
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', ?)", (FTS_HASHSIZE,)
    )


_FTS_TABLE_2 = (
    f"CREATE VIRTUAL TABLE articles_fts USING fts5({_FTS_COLS}, content='articles', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)


def _migrate_to_2(conn: sqlite3.Connection, progress: Progress | None = None) -> None:
    """Version 2: the FTS5 index without its prefix indexes, rebuilt from the articles.

    Why: ``prefix='2 3'`` made FTS5 index every word three times (whole, first two and first
    three letters), which measured ~5 s of the ~10 s the index costs for 100,000 articles on
    import, where the import is CPU-bound. Search now turns a 2-3 letter prefix into the
    whole words it most often starts (from the vocabulary it already keeps for spelling
    corrections), with keystroke latency still within budget (bench/bench_search.py).
    """
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE IF EXISTS articles_vocab")
    conn.execute("DROP TABLE IF EXISTS articles_fts")
    conn.execute(_FTS_TABLE_2)
    conn.execute("CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'col')")
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', ?)", (FTS_HASHSIZE,)
    )
    last = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    _fts_automerge(conn, FTS_BULK_AUTOMERGE)
    for start in range(1, last + 1, FTS_CHUNK):
        conn.execute(
            f"INSERT INTO articles_fts(rowid, {_FTS_COLS}) "
            f"SELECT id, {_FTS_COLS} FROM articles WHERE id >= ? AND id < ?",
            (start, start + FTS_CHUNK),
        )
        if progress is not None:
            progress(min(start + FTS_CHUNK - 1, last), last)
    _fts_automerge(conn, FTS_AUTOMERGE)
    for trigger in (_TRIGGER_INSERT, _TRIGGER_DELETE, _TRIGGER_UPDATE):
        conn.execute(trigger)


def _migrate_to_3(conn: sqlite3.Connection, _progress: Progress | None = None) -> None:
    """Version 3: what tells one fact from another (qualifier, period, attribution) and the
    old value of a move (value_from), stored with each figure.

    Why: the comparison aligns figures into facts, not nouns (issue 11). Stored figures are
    re-extracted on the next writable open because the extractor version changed with them.
    """
    _add_missing_columns(conn, "figures", FIGURES)


def _migrate_to_4(conn: sqlite3.Connection, _progress: Progress | None = None) -> None:
    """Version 4: live news. ``articles.url`` (the page a fetched article came from, "" for a
    file), the ``feeds`` the user follows with their HTTP validators, and ``pages``: the
    validators of every article page fetched, so the next fetch asks "changed since?".

    Adding a column with a constant default rewrites nothing (SQLite stores the default in
    the schema), so this step is instant even for 100,000 articles.
    """
    _add_missing_columns(conn, "articles", ARTICLES)
    conn.execute("CREATE INDEX IF NOT EXISTS idx_articles_url ON articles (url) WHERE url != ''")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS feeds ("
        " id INTEGER PRIMARY KEY,"
        " url TEXT NOT NULL UNIQUE,"
        " name TEXT NOT NULL DEFAULT '',"
        " category TEXT NOT NULL DEFAULT '',"
        " title TEXT NOT NULL DEFAULT '',"
        " site_url TEXT NOT NULL DEFAULT '',"
        " etag TEXT NOT NULL DEFAULT '',"
        " last_modified TEXT NOT NULL DEFAULT '',"
        " added_at TEXT NOT NULL DEFAULT '',"
        " checked_at TEXT NOT NULL DEFAULT '',"
        " status TEXT NOT NULL DEFAULT '')"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS pages ("
        " url TEXT PRIMARY KEY,"
        " feed_id INTEGER,"
        " etag TEXT NOT NULL DEFAULT '',"
        " last_modified TEXT NOT NULL DEFAULT '',"
        " checked_at TEXT NOT NULL DEFAULT '')"
    )


# Each step upgrades a library from (version - 1) to version; append, never edit old steps.
# A step gets the connection and the caller's progress callback (None when there is none).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection, Progress | None], None]] = {
    1: lambda conn, _progress: _migrate_to_1(conn),
    2: _migrate_to_2,
    3: _migrate_to_3,
    4: _migrate_to_4,
}


def migrate(conn: sqlite3.Connection, current: int, progress: Progress | None = None) -> None:
    """Run every step after ``current`` in one transaction and record the new version."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](conn, progress)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(version),),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
