"""Finding candidates cheaply: a few FTS5 queries per search, each capped with ``LIMIT``, over the
short fields first and the body only when they give too few, newest rowids first; then the
candidates' rows, read once and cached. A mixin of ``Searcher`` (it uses ``_conn`` and the
shared state), kept apart from ranking so each module holds one stage.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from store.model import ArticleRow
from store.search_query import (
    _WORD,
    BODY_CANDIDATES,
    FIELD_TITLE,
    MAX_PREFIX_EXPANSION,
    ROW_CACHE_SIZE,
    SHORT_CANDIDATES,
    SHORT_PREFIX_TERMS,
    STAGE_ANY_WORD,
    STAGE_BODY,
    ParsedQuery,
    SearchCancelled,
    SearchHit,
    _fts_term,
    _Row,
    fold,
)
from store.search_ranking import _tokens
from store.search_vocabulary import _Vocabulary

# ----------------------------------------------------------------------------- the searcher


@dataclass(slots=True)
class _Candidate:
    id: int
    title: str
    category: str
    published: str
    source: str
    tags_json: str
    key_points_json: str
    tokens: tuple[tuple[str, ...], ...]
    stage: int
    score: float = 0.0
    field: str = FIELD_TITLE


class CandidateSearch:
    """The candidate stages of ``Searcher``."""

    _state: Any
    _library: Any

    def _filter_sql(
        self, conn: sqlite3.Connection, q: ParsedQuery
    ) -> tuple[str | None, list[Any], str]:
        """SQL conditions for the filters, and the same as FTS5 column constraints.

        The FTS5 form (``{category} : "war"``) lets the index skip other categories instead of
        looking up every matching row just to reject it; the SQL form keeps it exact.
        """
        clauses = ["a.is_latest = 1"]
        params: list[Any] = []
        fts: list[str] = []
        for column, wanted, known in (
            ("category", q.categories, self._categories if q.categories else None),
            ("source", q.sources, self._sources if q.sources else None),
        ):
            if known is None:
                continue
            values = _resolve(wanted, known(conn), substring=column == "source")
            if not values:
                return None, [], ""
            clauses.append(f"a.{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
            if all(_WORD.search(v) for v in values):
                fts.append("{" + column + "} : (" + " OR ".join(map(_fts_term, values)) + ")")
        if q.since:
            clauses.append("a.published >= ?")
            params.append(q.since)
        return " AND ".join(clauses), params, " AND ".join(fts)

    def _list_filtered(
        self, conn: sqlite3.Connection, where: str, params: list[Any], limit: int
    ) -> list[SearchHit]:
        rows = conn.execute(
            "SELECT a.id, a.title, a.category, a.published, a.source,"
            " (SELECT count(*) FROM articles v WHERE v.doc_key = a.doc_key)"
            f" FROM articles a WHERE {where} ORDER BY a.published DESC, a.id DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [
            SearchHit(
                row=ArticleRow(id=r[0], title=r[1], category=r[2] or "", published=r[3] or "",
                               source=r[4] or "", versions=int(r[5] or 1)),
                score=0.0,
                field=FIELD_TITLE,
                snippet="",
                spans=[],
            )
            for r in rows
        ]  # fmt: skip

    def _variants(self, conn: sqlite3.Connection, q: ParsedQuery) -> list[list[str]]:
        """Per query word: the word, then spelling corrections from the index vocabulary."""
        out: list[list[str]] = []
        vocab: _Vocabulary | None = None
        asked = False
        for i, w in enumerate(q.words):
            forms = [w]
            if len(w) >= 4 and not w.isdigit():
                if not asked:
                    vocab, asked = self._vocabulary(conn), True
                if vocab is None:
                    out.append(forms)
                    continue
                last = i == len(q.words) - 1 and q.typing_last_word
                forms.extend(c for c in vocab.correct(w, as_prefix=last) if c != w)
            out.append(forms)
        return out

    def _fts_group(self, forms: list[str], conn: sqlite3.Connection) -> str | None:
        """One query word as an FTS5 expression: its prefix OR'd with its corrections."""
        word = forms[0]
        parts: list[str] = []
        if len(word) == 1:
            parts.append(_fts_term(word))
        elif len(word) <= 3:
            # The index keeps no prefix index (it cost ~half of the FTS build on import), and
            # FTS5 answers a short prefix alone by merging every word it starts: a short
            # prefix becomes the words it most often starts, which FTS5 ORs lazily. Numbers
            # are not in the vocabulary (and there are thousands of them): "20" is the number
            # 20 until a fourth digit makes it a prefix.
            # Until a big library's vocabulary has been read (seconds, in the background) a
            # short word is just that word: "co*" alone measured 290 ms at 100,000 articles.
            vocab = None if word.isdigit() else self._vocabulary(conn)
            if vocab is not None:
                parts.extend(
                    _fts_term(t) for t in vocab.most_common_with_prefix(word, SHORT_PREFIX_TERMS)
                )
            else:
                parts.append(_fts_term(word))
        else:
            vocab = self._state.vocab
            expanded = None
            if vocab is not None and not word.isdigit():  # numbers are not in the vocabulary
                expanded = vocab.with_prefix(word, MAX_PREFIX_EXPANSION)
            if expanded is None:
                parts.append(_fts_term(word) + "*")
            else:
                parts.extend(_fts_term(t) for t in expanded)
        parts.extend(_fts_term(c) for c in forms[1:])
        if not parts:
            parts.append(_fts_term(word) + "*")  # no such term: let FTS5 say so
        return "(" + " OR ".join(parts) + ")"

    def _candidates(
        self,
        conn: sqlite3.Connection,
        variants: list[list[str]],
        filters: tuple[str, list[Any], str],
        limit: int,
        cancelled: Callable[[], bool],
    ) -> list[_Candidate]:
        """Articles worth ranking: matches in the short fields, then (if few) in the body.

        Each stage is one FTS5 query capped by LIMIT; a word matches by prefix, by its whole
        vocabulary expansion, or by a spelling correction. Only when the words never occur
        together does an OR of them give candidates.
        """
        where, params, fts_filter = filters
        # Words of one or two letters ("of", "a") are in nearly every article: they only
        # slow the FTS5 intersection down, so they narrow nothing unless they are all there is.
        # Short numbers ("42") do narrow, and stay.
        longest = max(len(forms[0]) for forms in variants)
        groups = []
        for forms in variants:
            if len(forms[0]) <= 2 and longest > 2 and not forms[0].isdigit():
                continue
            g = self._fts_group(forms, conn)
            if g:
                groups.append(g)
        if not groups:
            return []
        found: dict[int, _Candidate] = {}
        filtered = (where, params) if params else None  # is_latest alone is checked in Python
        expr_and = " AND ".join(groups)
        stages = [
            ("{title key_points source category tags} : (" + expr_and + ")", SHORT_CANDIDATES),
            (expr_and, BODY_CANDIDATES),
        ]
        if len(groups) > 1:
            any_word = " OR ".join(groups)
            stages.append(
                ("{title key_points source category tags} : (" + any_word + ")", SHORT_CANDIDATES)
            )
        if fts_filter:
            stages = [(f"{expr} AND {fts_filter}", cap) for expr, cap in stages]
        for n, (expr, cap) in enumerate(stages):
            if n == STAGE_BODY and len(found) >= max(limit, 1) * 4:
                continue  # plenty of short-field hits: body-only ones would rank below them
            if n == STAGE_ANY_WORD and found:
                continue  # OR only as a fallback when the words never occur together
            if cancelled():
                raise SearchCancelled
            self._fetch(conn, expr, cap, filtered, n, found)
        return list(found.values())

    def _fetch(
        self,
        conn: sqlite3.Connection,
        expr: str,
        cap: int,
        filtered: tuple[str, list[Any]] | None,
        stage: int,
        found: dict[int, _Candidate],
    ) -> None:
        """Add up to ``cap`` articles matching ``expr`` (newest rowids first) to ``found``.

        Without filters only rowids come from FTS5 and the short fields come from a per-library
        row cache, so the next key press (which finds mostly the same articles) reads almost
        nothing from the table.
        """
        if filtered is None:
            sql = (
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT ?"
            )
            args: list[Any] = [expr, cap]
        else:
            where, params = filtered
            sql = (
                "SELECT f.rowid FROM articles_fts f JOIN articles a ON a.id = f.rowid"
                f" WHERE articles_fts MATCH ? AND {where} ORDER BY f.rowid DESC LIMIT ?"
            )
            args = [expr, *params, cap]
        try:
            ids = [r[0] for r in conn.execute(sql, args)]
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                return  # a query our quoting could not express; treat as no matches
            raise
        new = [i for i in ids if i not in found]
        rows = self._rows(conn, new)
        for aid in new:
            row = rows.get(aid)
            if row is None or not row.latest:
                continue
            found[aid] = _Candidate(
                id=aid,
                title=row.title,
                category=row.category,
                published=row.published,
                source=row.source,
                tags_json=row.tags_json,
                key_points_json=row.key_points_json,
                tokens=row.tokens,
                stage=stage,
            )

    def _rows(self, conn: sqlite3.Connection, ids: list[int]) -> dict[int, _Row]:
        """Short fields (and their folded tokens) of ``ids``, through the shared row cache."""
        cache = self._state.rows
        out: dict[int, _Row] = {}
        missing: list[int] = []
        for aid in ids:
            row = cache.get(aid)
            if row is None:
                missing.append(aid)
            else:
                out[aid] = row
        for start in range(0, len(missing), 500):
            part = missing[start : start + 500]
            for r in conn.execute(
                "SELECT id, title, category, published, source, tags, key_points, is_latest"
                f" FROM articles WHERE id IN ({','.join('?' * len(part))})",
                part,
            ):
                # Tokens come straight from the stored JSON text (its brackets and quotes are
                # separators anyway); the lists are decoded only for the hits shown.
                row = _Row(
                    title=r[1] or "",
                    category=r[2] or "",
                    published=r[3] or "",
                    source=r[4] or "",
                    tags_json=r[5] or "",
                    key_points_json=r[6] or "",
                    latest=bool(r[7]),
                    tokens=(
                        _tokens(r[1]),
                        _tokens(r[6]),
                        _tokens(f"{r[4]} {r[2]} {r[5]}"),
                    ),
                )
                out[r[0]] = cache[r[0]] = row
        while len(cache) > ROW_CACHE_SIZE:
            try:
                cache.popitem(last=False)
            except KeyError:
                break
        return out


def _resolve(wanted: list[str], known: list[str], *, substring: bool = False) -> list[str]:
    """Map typed filter values to stored ones: exact, then prefix, substring, then fuzzy."""
    out: list[str] = []
    folded = [(fold(k), k) for k in known]
    for value in wanted:
        v = fold(value)
        hit = [k for f, k in folded if f == v]
        if not hit:
            hit = [k for f, k in folded if f.startswith(v)]
        if not hit and substring:
            hit = [k for f, k in folded if v in f]
        if not hit and len(v) >= 3:
            best = process.extractOne(v, [f for f, _ in folded], scorer=fuzz.ratio, score_cutoff=75)
            if best is not None:
                hit = [folded[best[2]][1]]
        out.extend(h for h in hit if h not in out)
    return out
