"""Test helpers for libraries of older schema versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import store.schema as schema_mod


def as_version_3(path: Path) -> None:
    """Turn a current library back into what version 3 wrote: no URLs, feeds or pages."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("DROP INDEX idx_articles_url")
    conn.execute("ALTER TABLE articles DROP COLUMN url")
    conn.execute("DROP TABLE feeds")
    conn.execute("DROP TABLE pages")
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    conn.execute("COMMIT")
    conn.close()


def as_version_1(path: Path) -> None:
    """Turn a current library back into what version 1 wrote: the FTS index with prefixes."""
    as_version_3(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE articles_vocab")
    conn.execute("DROP TABLE articles_fts")
    conn.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, key_points, source, category, "
        "tags, body, content='articles', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    conn.execute("CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'col')")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    for sql in (
        schema_mod._TRIGGER_INSERT,
        schema_mod._TRIGGER_DELETE,
        schema_mod._TRIGGER_UPDATE,
    ):
        conn.execute(sql)
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.execute("COMMIT")
    conn.close()
