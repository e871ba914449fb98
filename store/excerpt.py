"""What the reader shows of one article: every field bounded, whatever the article holds.

Why: import accepts any file up to 5 MB, and one such file can be 100,000 key points or a 4 MB
title. Reading it whole (``Library.get``) materialises the raw text, the JSON columns and every
string in Python, and the terminal would then lay out megabytes of text: 48 s of CPU and
~700 MB for one article before this module. Here SQLite's JSON functions walk the stored arrays
and only a bounded prefix of each field reaches Python, so opening any article costs about the
same as opening a short one; what is left out is counted so the reader can say so.

Cuts keep figure offsets valid: key points and body blocks are taken whole, in order, and only
the last one taken may be cut short (a prefix), so every offset inside what is shown still
points at the same character as in the stored article.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass

from store.model import (
    PART_BODY,
    PART_KEY_POINT,
    PART_LEAD,
    Article,
    Figure,
    Section,
    StoredArticle,
    VersionInfo,
)


@dataclass(frozen=True)
class ExcerptLimits:
    """How much of each field the reader shows (characters unless said otherwise).

    Chosen so that opening the largest article import accepts stays under ~0.3 s of CPU on a
    2-core machine (``bench/bench_big_article.py``): laying out text in the terminal costs
    about 2 ms of CPU per 1,000 characters, so the body and the key points together stay near
    70,000 characters, about 10,000 words, more than nearly any news article has.
    """

    line: int = 300  # title, category, source, the raw date, each tag
    tags: int = 40
    key_points: int = 100  # how many key points
    key_point_chars: int = 8_000  # all key points together
    body_chars: int = 32_000  # the lead and the body blocks together
    body_blocks: int = 1_000
    figures: int = 3_000  # figures highlighted (in the shown text only)
    url: int = 8_000  # longer addresses are no usable links (browsers stop near here)


DEFAULT_LIMITS = ExcerptLimits()


@dataclass(frozen=True)
class Cuts:
    """What an excerpt left out: zero everywhere means the whole article is shown."""

    title_chars: int = 0
    tags: int = 0
    key_points: int = 0  # key points not shown at all
    key_point_cut: bool = False  # the last shown key point is cut short
    body_cut: bool = False  # the lead or body is not shown to its end
    body_chars: int = 0  # characters of the lead and body not shown

    @property
    def any(self) -> bool:
        return bool(
            self.title_chars or self.tags or self.key_points or self.key_point_cut or self.body_cut
        )


@dataclass(frozen=True)
class Excerpt:
    """A stored article with every field bounded, and what was cut."""

    stored: StoredArticle
    cuts: Cuts
    shown: dict[str, int]  # characters shown per part (offsets below these are on screen)


_HEAD = (
    "SELECT id, doc_key, version, imported_at, path, substr(title, 1, :line), length(title), "
    "substr(category, 1, :line), published, substr(published_raw, 1, :line), "
    "substr(source, 1, :line), substr(lead, 1, :body), length(lead), length(body), "
    "CASE WHEN length(url) <= :url THEN url ELSE '' END FROM articles WHERE id = :id"
)
_TAGS = (
    "SELECT substr(value, 1, :line) FROM json_each((SELECT tags FROM articles WHERE id = :id)) "
    "LIMIT :tags"
)
_KEY_POINTS = (
    "SELECT substr(value, 1, :chars), length(value) FROM json_each(("
    "SELECT key_points FROM articles WHERE id = :id))"
)
# Every heading and paragraph, in document order, from one streaming walk of the sections JSON
# (json_tree); the walk stops as soon as the reader has enough. Per-paragraph json_extract on
# the section would parse the whole section again for every paragraph.
_BLOCKS = (
    "SELECT path, key, substr(atom, 1, :chars), length(atom) FROM json_tree(("
    "SELECT sections FROM articles WHERE id = :id)) WHERE type = 'text'"
)
# A JSON column another program filled with something else reads as empty (SQLite raises
# "malformed JSON" when the walk starts; checking with json_valid first would parse it twice).
_COUNT = "SELECT json_array_length({column}) FROM articles WHERE id = :id"


def _text(value: object) -> str:
    """A column as text whatever another program stored in it (NULL, a number, a blob)."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def excerpt(
    conn: sqlite3.Connection, article_id: int, limits: ExcerptLimits = DEFAULT_LIMITS
) -> Excerpt | None:
    """The article ``article_id`` bounded by ``limits``, or None when there is no such id."""
    params = {
        "id": article_id,
        "line": limits.line,
        "body": limits.body_chars,
        "tags": limits.tags,
        "chars": limits.key_point_chars,
        "url": limits.url,
    }
    head = conn.execute(_HEAD, params).fetchone()
    if head is None:
        return None
    (id_, doc_key, version, imported_at, path, title, title_len, category, published) = head[:9]
    (published_raw, source, lead, lead_len, body_len, url) = head[9:]
    tags: list[str] = []
    with contextlib.suppress(sqlite3.OperationalError):
        tags.extend(_text(r[0]) for r in conn.execute(_TAGS, params))
    n_tags = _count(conn, "tags", article_id) if len(tags) >= limits.tags else len(tags)
    key_points, point_cut, more_points = _take_key_points(conn, params, limits)
    n_points = _count(conn, "key_points", article_id) if more_points else len(key_points)
    lead = _text(lead)
    lead_len = int(lead_len or 0)
    budget = max(0, limits.body_chars - len(lead)) if lead_len <= len(lead) else 0
    sections, body_cut = _take_blocks(conn, params, limits, budget)
    # The stored body column is the lead, a blank line, then the body blocks (store.library).
    stored_text = "\n\n".join(x for x in (lead, "\n\n".join(_blocks_of(sections))) if x)
    article = Article(
        title=_text(title),
        category=_text(category),
        published=_text(published),
        published_raw=_text(published_raw),
        source=_text(source),
        tags=tags,
        key_points=key_points,
        lead=lead,
        sections=sections,
        url=_text(url),
    )
    cuts = Cuts(
        title_chars=max(0, int(title_len or 0) - len(article.title)),
        tags=max(0, int(n_tags or 0) - len(tags)),
        key_points=max(0, int(n_points or 0) - len(key_points)),
        key_point_cut=point_cut,
        body_cut=body_cut or lead_len > len(lead),
        body_chars=max(0, int(body_len or 0) - len(stored_text)),
    )
    versions = [
        VersionInfo(*r)
        for r in conn.execute(
            "SELECT id, version, imported_at, content_hash FROM articles "
            "WHERE doc_key = ? ORDER BY version",
            (doc_key,),
        )
    ]
    stored = StoredArticle(
        id=int(id_),
        article=article,
        version=int(version or 1),
        versions=versions,
        imported_at=_text(imported_at),
        path=_text(path),
    )
    shown = {
        PART_KEY_POINT: len(article.key_points_text),
        PART_LEAD: len(article.lead),
        PART_BODY: len(article.body),
    }
    return Excerpt(stored, cuts, shown)


def _blocks_of(sections: list[Section]) -> list[str]:
    return [b for s in sections for b in ([s.heading] if s.heading else []) + s.paragraphs]


def _count(conn: sqlite3.Connection, column: str, article_id: int) -> int:
    try:
        row = conn.execute(_COUNT.format(column=column), {"id": article_id}).fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0] or 0) if row else 0


def _take_key_points(
    conn: sqlite3.Connection, params: dict[str, object], limits: ExcerptLimits
) -> tuple[list[str], bool, bool]:
    """Key points in order until the count or the characters run out; the cursor is left
    early, so SQLite never hands the rest of a 100,000-point array to Python.

    Returns the points, whether the last one is cut short, and whether more were left out.
    """
    points: list[str] = []
    used = 0
    cursor = conn.execute(_KEY_POINTS, params)
    try:
        for value, length in cursor:
            if len(points) >= limits.key_points or used >= limits.key_point_chars:
                return points, False, True
            text = _text(value)[: limits.key_point_chars - used]
            points.append(text)
            used += len(text) + 1
            if len(text) < int(length or 0):
                return points, True, True  # later points would shift the offsets of figures
    except sqlite3.OperationalError:
        pass  # not JSON: no key points to show
    finally:
        cursor.close()
    return points, False, False


def _take_blocks(
    conn: sqlite3.Connection, params: dict[str, object], limits: ExcerptLimits, budget: int
) -> tuple[list[Section], bool]:
    """Sections with their paragraphs, in order, within ``budget`` characters.

    Returns the sections and whether anything after them was left out (or the last block cut).
    """
    sections: list[Section] = []
    blocks = 0
    current = None  # the JSON path of the section being filled
    cursor = conn.execute(_BLOCKS, {**params, "chars": max(1, budget)})
    try:
        for path, key, value, length in cursor:
            path = str(path)
            if key == "heading" and path.startswith("$["):
                section, is_heading = path, True
            elif path.endswith(".paragraphs"):
                section, is_heading = path[: -len(".paragraphs")], False
            else:
                continue  # some other string in a JSON another program wrote
            text = _text(value)
            if is_heading and not text:
                continue
            if budget <= 0 or blocks >= limits.body_blocks:
                return sections, True
            shown = text[:budget]
            if section != current:
                sections.append(Section(shown if is_heading else "", []))
                current = section
            elif is_heading:  # a heading after paragraphs of its section: a new block anyway
                sections.append(Section(shown, []))
            if not is_heading:
                sections[-1].paragraphs.append(shown)
            blocks += 1
            budget -= len(shown) + 2
            if len(shown) < int(length or 0):
                return sections, True  # cut short: later blocks would shift figure offsets
    except sqlite3.OperationalError:
        pass  # not JSON: no body blocks to show
    finally:
        cursor.close()
    return sections, False


# Figures starting inside the shown text, each with only its places inside the shown text (one
# figure said 50,000 times in a 4 MB body has 50,000 places; SQLite's JSON functions filter
# them without handing the list to Python).
_FIGURES = (
    "SELECT value_low, value_high, bound, unit, counts, [key], change, sentence, start, [end], "
    "part, qualifier, period, attribution, value_from, "
    "(SELECT json_group_array(json(value)) FROM (SELECT value FROM json_each("
    "CASE WHEN json_valid(f.places) THEN f.places ELSE '[]' END) "
    "WHERE json_extract(value, '$[1]') < CASE json_extract(value, '$[0]') "
    "WHEN 'key_point' THEN :key_point WHEN 'lead' THEN :lead ELSE :body END LIMIT :places)) "
    "FROM figures AS f WHERE article_id = :id AND start < CASE part "
    "WHEN 'key_point' THEN :key_point WHEN 'lead' THEN :lead ELSE :body END "
    "ORDER BY ord LIMIT :figures"
)


def shown_figures(
    conn: sqlite3.Connection, article_id: int, shown: dict[str, int], limit: int
) -> list[Figure]:
    """The figures that start inside the shown text (at most ``limit`` of them), each with
    the places (at most ``limit``) that are inside it."""
    rows = conn.execute(
        _FIGURES,
        {
            "id": article_id,
            "key_point": shown.get(PART_KEY_POINT, 0),
            "lead": shown.get(PART_LEAD, 0),
            "body": shown.get(PART_BODY, 0),
            "figures": limit,
            "places": limit,
        },
    )
    out: list[Figure] = []
    for row in rows:
        *values, qualifier, period, attribution, value_from, places = row
        try:
            where = tuple((str(p[0]), int(p[1]), int(p[2])) for p in json.loads(places or "[]"))
        except (TypeError, ValueError, IndexError):
            where = ()
        try:
            figure = Figure(
                *values,  # type: ignore[arg-type]
                places=where,
                qualifier=_text(qualifier),
                period=_text(period),
                attribution=_text(attribution),
                value_from=value_from,
            )
        except TypeError:
            continue
        out.append(figure)
    return out
