"""Reading the library: list ids and rows, one article with its versions, its figures.

A mixin of ``Library`` (it reads ``self.conn``), kept apart from opening and writing so each
module holds one subject.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from store.importing import _chunks
from store.listing import (
    ROW_COLUMNS,
    SORTS,
    filters,
    match_category,
    recent_rows,
)
from store.model import Article, ArticleRow, Figure, Section, StoredArticle, VersionInfo
from store.schema import FIGURE_COLUMNS


def _article_from_row(row: Mapping[str, Any]) -> Article:
    import json

    sections = [
        Section(heading=s["heading"], paragraphs=list(s["paragraphs"]))
        for s in json.loads(row["sections"] or "[]")
    ]
    return Article(
        title=row["title"],
        category=row["category"] or "",
        published=row["published"] or "",
        published_raw=row["published_raw"] or "",
        source=row["source"] or "",
        tags=json.loads(row["tags"] or "[]"),
        key_points=json.loads(row["key_points"] or "[]"),
        lead=row["lead"] or "",
        sections=sections,
        clutter=json.loads(row["clutter"] or "[]"),
        raw=row["raw"] or "",
        url=row.get("url") or "",
    )


class Queries:
    """The read side of ``Library``."""

    conn: sqlite3.Connection

    def figures(self, id: int) -> list[Figure]:
        """The figures stored for one article (any version), in text order."""
        import json

        names = FIGURE_COLUMNS[2:]
        cols = ", ".join(f"[{c}]" for c in names)
        out: list[Figure] = []
        for row in self.conn.execute(
            f"SELECT {cols} FROM figures WHERE article_id = ? ORDER BY ord", (id,)
        ):
            fields = dict(zip(names, row, strict=True))
            places = fields.pop("places")
            fields["places"] = tuple(tuple(p) for p in json.loads(places or "[]"))
            for text_field in ("qualifier", "period", "attribution"):
                fields[text_field] = fields[text_field] or ""
            out.append(Figure(**fields))
        return out

    # ---- reading ---------------------------------------------------------------------------

    def count(self, category: str | None = None, since: str | None = None) -> int:
        """How many articles (newest versions only) match the filters."""
        where, params = filters(category, since)
        return self.conn.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[
            0
        ]

    def ids(
        self, sort: str = "date", *, category: str | None = None, since: str | None = None
    ) -> list[int]:
        """Ids of the newest versions in list order (date: newest first, undated last)."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
        where, params = filters(category, since)
        sql = f"SELECT id FROM articles WHERE {where} ORDER BY {SORTS[sort]}"
        return [r[0] for r in self.conn.execute(sql, params)]

    def rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        """List rows for ``ids`` in the same order (unknown ids are left out)."""
        found: dict[int, ArticleRow] = {}
        for part in _chunks(list(ids), 500):
            marks = ",".join("?" * len(part))
            for r in self.conn.execute(
                f"SELECT {ROW_COLUMNS} FROM articles WHERE id IN ({marks})", part
            ):
                found[r[0]] = ArticleRow(*r)
        return [found[i] for i in ids if i in found]

    def recent(
        self, limit: int = 100, category: str | None = None, since: str | None = None
    ) -> list[ArticleRow]:
        """The newest ``limit`` articles (date order, undated last)."""
        return [ArticleRow(*r) for r in recent_rows(self.conn, limit, category, since)]

    def match_category(self, wanted: str) -> str:
        """The stored category a typed name means (exact, else ignoring case)."""
        return match_category(self.conn, wanted)

    def get(self, id: int) -> StoredArticle | None:
        """One stored article (any version) with its version history, or None."""
        cur = self.conn.execute("SELECT * FROM articles WHERE id = ?", (id,))
        raw = cur.fetchone()
        if raw is None:
            return None
        row = dict(zip([d[0] for d in cur.description], raw, strict=True))
        return StoredArticle(
            id=row["id"],
            article=_article_from_row(row),
            version=row["version"],
            versions=self._versions_of(row["doc_key"]),
            imported_at=row["imported_at"] or "",
            path=row["path"] or "",
        )

    def _versions_of(self, doc_key: str) -> list[VersionInfo]:
        return [
            VersionInfo(*r)
            for r in self.conn.execute(
                "SELECT id, version, imported_at, content_hash FROM articles "
                "WHERE doc_key = ? ORDER BY version",
                (doc_key,),
            )
        ]

    def versions(self, id: int) -> list[VersionInfo]:
        """Every stored version of the article ``id`` belongs to, oldest first."""
        row = self.conn.execute("SELECT doc_key FROM articles WHERE id = ?", (id,)).fetchone()
        return self._versions_of(row[0]) if row else []

    def categories(self) -> list[tuple[str, int]]:
        """(category, number of articles) over newest versions, by name; "" = uncategorised."""
        return list(
            self.conn.execute(
                "SELECT category, count(*) FROM articles WHERE is_latest = 1 "
                "GROUP BY category ORDER BY category COLLATE NOCASE"
            )
        )
