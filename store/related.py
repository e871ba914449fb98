"""Related articles: other reports of the same story, ranked, for one article.

Why this shape: scoring every article in a 100,000-article library with rapidfuzz costs
hundreds of milliseconds, so candidates come first from FTS5, queried with only the article's
most *distinctive* title and key-point words (the rarest ones, judged by the FTS vocabulary),
and then a bounded set is ranked by title/key-point similarity (rapidfuzz), the overlap of
figure keys (the same story counts the same things) and the distance between publication dates.

Old versions (``is_latest = 0``) stay in the FTS index, which follows the articles table, so
every query here leaves them out itself: in the word counts (which decide the query words and
their weights) and in the candidate slots. Revising an article then changes another article's
related list only by that article's own row, which now shows its newest version.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from store.model import ArticleRow

CANDIDATES = 200  # rows pulled from FTS5 before ranking: bounded work whatever the library size
QUERY_TERMS = 10  # distinctive words used for the candidate query
COUNT_CAP = 1_000  # word counts stop here: past it a word is common, its exact count moot
HIT_BUDGET = 3_000  # most FTS hits handed to bm25 (~3 us each) from the rare words
PAIR_TERMS = 3  # with no rare word: the rarest word AND one of the next two

# Weights of the ranking (sum to 1). Text similarity dominates: figure keys like "killed" are
# shared by many unrelated stories, and dates only separate stories that read alike.
W_TEXT = 0.6
W_KEYS = 0.25
W_DATE = 0.15
DATE_SCALE_DAYS = 14.0  # a gap of two weeks halves the date score

# The ids an FTS query here must not return: old versions, listed by ``_list_old_versions``.
_OLD_VERSIONS = "temp.related_old_versions"

_WORD = re.compile(r"\w+", re.UNICODE)
_STOP = frozenset(
    """
    a an and are as at be been but by for from has have he her his in into is it its of on or
    our said says she that the their them they this to was were which who will with after over
    than more new what we know about up out not no all also how why when where while amid
    says said could would should may might two three four five six seven eight nine ten
    """.split()
)


@dataclass(frozen=True)
class RelatedHit:
    """One related article: its list row, its score (0..1) and why it was ranked there."""

    row: ArticleRow
    score: float
    text: float
    shared_keys: tuple[str, ...] = ()
    days_apart: int | None = None
    reasons: tuple[str, ...] = field(default=())


def _fold(word: str) -> str:
    """Lower case without diacritics: the form FTS5's unicode61 (remove_diacritics 2) indexes."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered  # nothing to strip; most words, and the decomposition is the slow part
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _word_set(text: str) -> set[str]:
    """Every folded word of ``text`` (no filtering): what a candidate shares with the article."""
    return {_fold(w) for w in _WORD.findall(text)}


def _words(text: str) -> list[str]:
    """Candidate query words: folded, no stop words, no bare numbers, at least 3 characters."""
    seen: dict[str, None] = {}
    for raw in _WORD.findall(text):
        word = _fold(raw)
        if len(word) < 3 or word in _STOP or word.isdigit() or "_" in word:
            continue
        seen.setdefault(word, None)
    return list(seen)


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _quote(term: str) -> str:
    """One FTS5 string token: quoted, so operator words (AND, NOT, NEAR) and quotes inside
    article text stay plain words and cannot change a query's meaning."""
    return '"' + term.replace('"', '""') + '"'


def _list_old_versions(conn: sqlite3.Connection) -> None:
    """List the ids of old versions in ``temp.related_old_versions`` for a lookup's queries.

    Why a table: with ``rowid NOT IN (SELECT id FROM articles WHERE is_latest = 0)`` SQLite
    builds that list again for every statement (~0.4 ms at 2,000 old versions), and the word
    counts run one statement per word (~15 per lookup); listed once, each hit is a primary-key
    probe. The table lives in the connection's temporary database (in memory), which a
    read-only connection may write. It is refilled, and the word counts kept with it
    (``_term_counts``) are forgotten, whenever the library may have changed: another
    connection committed (``data_version``) or this one wrote (``total_changes``).
    """
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS related_old_versions (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS related_counts (word TEXT PRIMARY KEY, n)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS related_state (data_version, changes)")
    version = conn.execute("PRAGMA data_version").fetchone()[0]
    listed = conn.execute("SELECT data_version, changes FROM temp.related_state").fetchone()
    if listed == (version, conn.total_changes):
        return
    conn.execute("DELETE FROM temp.related_state")
    conn.execute("DELETE FROM temp.related_counts")
    conn.execute("DELETE FROM temp.related_old_versions")
    conn.execute(
        "INSERT INTO temp.related_old_versions SELECT id FROM articles WHERE is_latest = 0"
    )
    # The one row inserted here is the last change: the state records the count after it.
    conn.execute("INSERT INTO temp.related_state VALUES (?, ?)", (version, conn.total_changes + 1))


def _term_counts(conn: sqlite3.Connection, words: list[str]) -> dict[str, int]:
    """How many articles hold each word in title or key points, counted up to COUNT_CAP.

    An article counts once, with its newest version: old versions of it would make its words
    look more common with every revision. Exact counts from ``fts5vocab`` walk a word's whole
    posting list (~4 ms for a common word at 100k articles); stopping at COUNT_CAP bounds each
    word to well under a millisecond, and beyond the cap a word is "common" whatever its exact
    count. Words found nowhere are left out. Needs ``_list_old_versions(conn)`` first, and
    keeps the counts with the list until the library changes: common words recur from one
    lookup to the next, and leaving old versions out costs a probe per hit.
    """
    found: dict[str, int] = {}
    for start in range(0, len(words), 500):
        chunk = words[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(f"SELECT word, n FROM temp.related_counts WHERE word IN ({marks})", chunk)
        )
    new = [word for word in dict.fromkeys(words) if word not in found]
    for word in new:
        found[word] = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? "
            f"AND rowid NOT IN {_OLD_VERSIONS} LIMIT ?)",
            ("{title key_points} : " + _quote(word), COUNT_CAP),
        ).fetchone()[0]
    if new:
        conn.executemany(
            "INSERT INTO temp.related_counts VALUES (?, ?)", [(w, found[w]) for w in new]
        )
        # Kept in step with these writes, so they do not read as a change of the library.
        conn.execute("UPDATE temp.related_state SET changes = ?", (conn.total_changes + 1,))
    return {word: found[word] for word in words if found[word]}


def _distinctive(
    counts: dict[str, int], title_words: list[str], point_words: list[str], limit: int
) -> list[str]:
    """The query terms: the title's rarer words first, then the key points' rarest, by rarity.

    Title words lead because a story's headline words ("Myanmar", "quake") are what other
    reports of it share, while key points also carry generic wording. A word only the article
    itself uses (count 1) finds nothing else and is skipped.
    """
    order = {w: i for i, w in enumerate(title_words + point_words)}

    def rarest(words: list[str]) -> list[str]:
        usable = [w for w in dict.fromkeys(words) if counts.get(w, 0) > 1]
        return sorted(usable, key=lambda w: (counts[w], order[w]))

    ranked = rarest(title_words)[: max(1, limit * 2 // 3)]
    ranked += [w for w in rarest(point_words) if w not in ranked]
    return ranked[:limit]


def _match_query(terms: list[str], counts: dict[str, int] | None = None) -> str:
    """The candidate query over title and key points.

    Words in fewer than COUNT_CAP articles match alone, rarest first, while their counts add
    up to HIT_BUDGET: bm25 ranking costs a few microseconds per hit, so the budget bounds it.
    When the article has no such word (a headline of everyday words), its rarest word matches
    together with one of the next two ("kharkiv AND drone"): intersecting posting lists is far
    cheaper than ranking their union.
    """
    counts = counts or {}
    rare: list[str] = []
    total = 0
    for term in terms:
        n = counts.get(term, 0)
        if n < COUNT_CAP and (not rare or total + n <= HIT_BUDGET):
            rare.append(term)
            total += n
    if rare:
        clauses = [_quote(t) for t in rare]
    else:
        first, *others = terms[:PAIR_TERMS]
        clauses = [f"({_quote(first)} AND {_quote(b)})" for b in others] or [_quote(first)]
    return "{title key_points} : (" + " OR ".join(clauses) + ")"


def _figure_keys(conn: sqlite3.Connection, ids: list[int]) -> dict[int, set[str]]:
    keys: dict[int, set[str]] = {i: set() for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for article_id, key in conn.execute(
            f"SELECT DISTINCT article_id, key FROM figures WHERE article_id IN ({marks})", chunk
        ):
            if key:
                keys[article_id].add(key)
    return keys


def _key_points_text(raw: str | None) -> str:
    try:
        points = json.loads(raw or "[]")
    except ValueError:
        return ""
    return " ".join(str(p) for p in points) if isinstance(points, list) else ""


def related(conn: sqlite3.Connection, article_id: int, *, limit: int = 20) -> list[RelatedHit]:
    """Articles related to ``article_id``, best first (its own versions are left out).

    Only the newest version of each other article is considered. Unknown ids give [].
    """
    me = conn.execute(
        "SELECT title, key_points, published, doc_key FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if me is None:
        return []
    title, kp_raw, published, doc_key = me
    _list_old_versions(conn)
    title = title or ""
    key_points = _key_points_text(kp_raw)
    title_words = _words(title)
    point_words = _words(key_points)
    counts = _term_counts(conn, list(dict.fromkeys(title_words + point_words)))
    terms = _distinctive(counts, title_words, point_words, QUERY_TERMS)
    if not terms:
        return []
    # Rank inside FTS5 first and join only the best rowids: joining every hit to its article
    # row (wide rows, bodies included) before sorting cost more than the ranking itself. Old
    # versions are left out before the slots are taken: a story revised many times would
    # otherwise fill them and push real reports out. Of this article's own versions only the
    # newest can remain, so one slot more covers it.
    rows = conn.execute(
        "SELECT a.id, a.title, a.key_points, a.published, a.category, a.source, a.doc_key "
        "FROM (SELECT rowid AS rid, bm25(articles_fts) AS score FROM articles_fts "
        f"      WHERE articles_fts MATCH ? AND rowid NOT IN {_OLD_VERSIONS} "
        "      ORDER BY score LIMIT ?) AS hits "
        "JOIN articles a ON a.id = hits.rid WHERE a.doc_key != ? ORDER BY hits.score",
        (_match_query(terms, counts), CANDIDATES + 1, doc_key or ""),
    ).fetchall()[:CANDIDATES]
    if not rows:
        return []
    my_keys = _figure_keys(conn, [article_id])[article_id]
    their_keys = _figure_keys(conn, [r[0] for r in rows])
    my_date = _parse_date(published or "")
    version_counts = _version_counts(conn, [r[6] for r in rows])
    # Inverse document frequency of this article's words: sharing "myanmar" says more than
    # sharing "people". The largest id less the old versions stands in for the number of
    # articles (cheap, close enough, and unchanged when an article gets a new version).
    size = conn.execute(
        f"SELECT max(id) - (SELECT count(*) FROM {_OLD_VERSIONS}) FROM articles"
    ).fetchone()[0]
    size = max(2, size or 2)
    idf = {w: math.log(size / n) for w, n in counts.items() if n > 1}
    idf_total = sum(idf.values()) or 1.0

    my_title = default_process(title)
    my_points = default_process(key_points)
    hits: list[RelatedHit] = []
    for cid, ctitle, ckp, cpub, ccat, csource, cdoc in rows:
        their_points_raw = _key_points_text(ckp)
        title_score = fuzz.token_set_ratio(my_title, default_process(ctitle or "")) / 100.0
        their_points = default_process(their_points_raw)
        kp_score = (
            fuzz.token_set_ratio(my_points, their_points) / 100.0
            if my_points and their_points
            else title_score
        )
        their_words = _word_set(f"{ctitle or ''} {their_points_raw}")
        overlap = sum(v for w, v in idf.items() if w in their_words) / idf_total
        text = 0.5 * overlap + 0.3 * title_score + 0.2 * kp_score
        shared = my_keys & their_keys.get(cid, set())
        union = my_keys | their_keys.get(cid, set())
        keys_score = len(shared) / len(union) if union else 0.0
        other_date = _parse_date(cpub or "")
        days = abs((other_date - my_date).days) if my_date and other_date else None
        date_score = 0.5 if days is None else math.exp(-math.log(2) * days / DATE_SCALE_DAYS)
        score = W_TEXT * text + W_KEYS * keys_score + W_DATE * date_score
        reasons = [f"words {text:.0%}"]
        if shared:
            reasons.append("same figures: " + ", ".join(sorted(shared)[:3]))
        if days is not None:
            reasons.append(
                "same day" if days == 0 else f"{days} day{'' if days == 1 else 's'} apart"
            )
        row = ArticleRow(cid, ctitle, ccat or "", cpub or "", csource or "", version_counts[cdoc])
        hits.append(RelatedHit(row, score, text, tuple(sorted(shared)), days, tuple(reasons)))
    hits.sort(key=lambda h: (-h.score, h.row.id))
    return hits[:limit]


def _version_counts(conn: sqlite3.Connection, doc_keys: list[str]) -> dict[str, int]:
    unique = list(dict.fromkeys(doc_keys))
    counts = {k: 1 for k in unique}
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for key, n in conn.execute(
            f"SELECT doc_key, count(*) FROM articles WHERE doc_key IN ({marks}) GROUP BY doc_key",
            chunk,
        ):
            counts[key] = n
    return counts
