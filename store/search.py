"""Search as you type over the library: fuzzy on the short fields, full-text on the body.

Scoring every article on every key press is far too slow at 100,000 articles (rapidfuzz WRatio
over 100k titles takes ~0.75 s), so a search runs in cheap, bounded stages:

1. parse the query: ``cat:``, ``src:`` and ``since:`` filters, free-text words;
2. correct misspelt words against the FTS5 vocabulary (``articles_vocab``) with rapidfuzz;
3. collect candidates with a few FTS5 queries, each capped with ``LIMIT`` (the short fields
   first, the body only when they give too few), newest rowids first so the caps cost little;
4. rank those (at most ~800) with rapidfuzz: each query word against the distinct tokens of all
   candidates in one call, then per article only dictionary look-ups;
5. build spans (and a snippet for key-point, tag, source or body hits) for the top results only.

The stages live in modules of their own: ``store.search_query`` (settings, parsing, folding),
``store.search_vocabulary`` (corrections and the shared caches), ``store.search_candidates``
(the FTS5 stages) and ``store.search_ranking`` (scores, spans, snippets); ``Searcher`` here runs
them. Each search opens its own read-only connection per thread, because the app runs searches in a
worker thread while the UI keeps its own connection. A ``cancelled`` callback is checked between
stages and, through SQLite's progress handler, inside long statements, so a newer key press can
stop an older search almost at once.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.model import ArticleRow
from store.search_candidates import CandidateSearch, _Candidate
from store.search_query import (  # noqa: F401 - the names other code imports from here
    BODY_WORD_SCORE,
    CACHE_FORMAT,
    FIELD_BODY,
    FIELD_CATEGORY,
    FIELD_KEY_POINTS,
    FIELD_ORDER,
    FIELD_SOURCE,
    FIELD_TAGS,
    FIELD_TITLE,
    FIELD_WEIGHTS,
    SEARCH_CACHE_KB,
    SNIPPET_WIDTH,
    STAGE_ANY_WORD,
    VOCAB_SYNC_LIMIT,
    ParsedQuery,
    SearchCancelled,
    SearchHit,
    fold,
    parse_query,
)
from store.search_ranking import (  # noqa: F401
    _clip,
    _Marker,
    _short_field,
    body_snippet,
    match_spans,
    token_scores,
)
from store.search_vocabulary import (  # noqa: F401
    _STATES,
    CACHE_KEEP_FILES,
    _cache_file,
    _load_cached,
    _save_cached,
    _state_for,
    _Vocabulary,
)


class Searcher(CandidateSearch):
    """Searches one library. Safe to call from several threads (one connection per thread)."""

    def __init__(self, library: Any) -> None:
        self._library = library
        self._path = _database_path(library)
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._opened_lock = threading.Lock()
        self._shared_lock = threading.Lock()
        key = str(self._path) if self._path else f"memory:{id(library)}"
        self._state = _state_for(key)

    # -- connections

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if self._path is None:
            # In-memory library: share its connection (serialised by a lock in _run).
            conn = self._library.conn
        else:
            uri = Path(self._path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.execute(f"PRAGMA cache_size = -{SEARCH_CACHE_KB}")
            with self._opened_lock:
                self._opened.append(conn)
        self._local.conn = conn
        self._local.data_version = None
        return conn

    def close(self) -> None:
        """Close the connections this searcher opened (not the library's own)."""
        with self._opened_lock:
            for conn in self._opened:
                conn.close()
            self._opened.clear()
        self._local = threading.local()

    def _refresh(self, conn: sqlite3.Connection) -> None:
        """Drop shared caches when the library changed since the last look."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version == getattr(self._local, "data_version", None) and self._state.stamp:
            return
        self._local.data_version = version
        stamp_row = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM articles").fetchone()
        stamp = (int(stamp_row[0]), int(stamp_row[1]))
        with self._state.lock:
            if self._state.stamp != stamp:
                self._state.reset(stamp)

    def _vocabulary(self, conn: sqlite3.Connection, *, wait: bool = False) -> _Vocabulary | None:
        """The shared vocabulary; on a big library, loaded in the background on first need.

        Reading the term list of a 100,000-article index takes seconds, far too long for a key
        press: until the background load finishes, searches simply skip spelling correction.
        Small libraries (and ``wait=True``) load it on the spot.
        """
        st = self._state
        if st.vocab is not None:
            return st.vocab
        stamp = st.stamp
        if wait or self._path is None or (stamp is not None and stamp[0] <= VOCAB_SYNC_LIMIT):
            return self._load_vocabulary(conn, stamp)
        with st.lock:
            if st.vocab_loading:
                return None
            st.vocab_loading = True
        threading.Thread(
            target=self._background_vocabulary, args=(stamp,), name="newsdesk-vocab", daemon=True
        ).start()
        return None

    def _load_vocabulary(
        self, conn: sqlite3.Connection, stamp: tuple[int, int] | None
    ) -> _Vocabulary | None:
        st = self._state
        with st.vocab_lock:  # one loader at a time; others wait for its result
            if st.vocab is None:
                vocab = self._read_vocabulary(conn, stamp)
                with st.lock:
                    if st.stamp == stamp:
                        st.vocab = vocab
                return vocab
            return st.vocab

    def _disk_key(self, conn: sqlite3.Connection, stamp: tuple[int, int] | None) -> list[Any]:
        """Identity of the library's content for the on-disk copies: path, article count,
        highest id and that article's import time (a re-created file differs in the last)."""
        if stamp is None:
            return []
        row = conn.execute("SELECT imported_at FROM articles WHERE id = ?", (stamp[1],))
        last = row.fetchone()
        return [CACHE_FORMAT, str(Path(str(self._path)).resolve()), *stamp, last[0] if last else ""]

    def _uses_disk(self, stamp: tuple[int, int] | None) -> bool:
        return self._path is not None and stamp is not None and stamp[0] > VOCAB_SYNC_LIMIT

    def _read_vocabulary(
        self, conn: sqlite3.Connection, stamp: tuple[int, int] | None
    ) -> _Vocabulary:
        """The vocabulary from the index, or from the on-disk copy of an unchanged big library.

        Reading it from FTS5 takes seconds at 100,000 articles; the copy in the user cache dir
        takes tens of milliseconds. Any trouble with the copy just means reading the index.
        """
        if not self._uses_disk(stamp):
            return _Vocabulary(conn.execute("SELECT term, doc FROM articles_vocab"))
        key = self._disk_key(conn, stamp)
        path = _cache_file(Path(str(self._path)), "vocab")
        data = _load_cached(path, key)
        vocab = _Vocabulary.from_payload(data) if data is not None else None
        if vocab is None:
            vocab = _Vocabulary(conn.execute("SELECT term, doc FROM articles_vocab"))
            _save_cached(path, key, vocab.payload())
        return vocab

    def _background_vocabulary(self, stamp: tuple[int, int] | None) -> None:
        try:
            uri = Path(str(self._path)).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True)
            try:
                self._load_vocabulary(conn, stamp)
                if self._state.stamp == stamp:
                    self._sources(conn)
            finally:
                conn.close()
        except sqlite3.Error:
            pass  # no corrections until the next attempt; searching itself still works
        finally:
            with self._state.lock:
                self._state.vocab_loading = False

    def _categories(self, conn: sqlite3.Connection) -> list[str]:
        """Distinct categories (an index walk: milliseconds even at 100,000 articles)."""
        st = self._state
        cats = st.categories
        if cats is None:
            stamp = st.stamp
            cats = [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT category FROM articles WHERE is_latest = 1 AND category != ''"
                )
            ]
            with st.lock:
                if st.stamp == stamp:
                    st.categories = cats
        return cats

    def _sources(self, conn: sqlite3.Connection) -> list[str]:
        """Distinct sources: a full table scan (~0.7 s at 100,000), so the background loader
        fetches them too, right after the vocabulary."""
        st = self._state
        sources = st.sources
        if sources is None:
            stamp = st.stamp
            key: list[Any] = []
            path: Path | None = None
            data: dict[str, Any] | None = None
            if self._uses_disk(stamp):
                key = self._disk_key(conn, stamp)
                path = _cache_file(Path(str(self._path)), "sources")
                data = _load_cached(path, key)
            if data is not None and isinstance(data.get("sources"), list):
                sources = [str(v) for v in data["sources"]]
            else:
                sources = [
                    r[0]
                    for r in conn.execute(
                        "SELECT DISTINCT source FROM articles WHERE is_latest = 1 AND source != ''"
                    )
                ]
                if path is not None:
                    _save_cached(path, key, {"sources": sources})
            with st.lock:
                if st.stamp == stamp:
                    st.sources = sources
        return sources

    def warm(self) -> None:
        """Load the vocabulary and filter lists now, blocking (call it off the UI thread).

        Without it, a big library loads its vocabulary in the background on the first search
        that needs it (typos are not corrected for those few seconds), and the source list on
        the first ``src:`` filter (~0.7 s at 100,000 articles unless the on-disk copy in the
        user cache dir is current).
        """
        conn = self._conn()
        self._refresh(conn)
        self._vocabulary(conn, wait=True)
        self._categories(conn)
        self._sources(conn)

    # -- public API

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[SearchHit]:
        """Ranked hits for ``query`` (best first, at most ``limit``).

        An empty query gives no hits; filters alone list matching articles newest first. When
        ``cancelled()`` turns true the search stops early and returns an empty list.
        """
        parsed = parse_query(query or "")
        if limit <= 0 or (not parsed.words and not parsed.has_filters):
            return []
        conn = self._conn()
        lock = self._shared_lock if self._path is None else None
        check = cancelled or (lambda: False)

        def progress() -> int:
            return 1 if check() else 0

        if lock:
            lock.acquire()
        try:
            if cancelled is not None:
                conn.set_progress_handler(progress, 200)
            try:
                return self._search(conn, parsed, limit, check)
            except SearchCancelled:
                return []
            except sqlite3.OperationalError as exc:
                if check() or "interrupt" in str(exc).lower():
                    return []
                raise
            finally:
                if cancelled is not None:
                    conn.set_progress_handler(None, 0)
        finally:
            if lock:
                lock.release()

    # -- stages

    def _search(
        self,
        conn: sqlite3.Connection,
        q: ParsedQuery,
        limit: int,
        cancelled: Callable[[], bool],
    ) -> list[SearchHit]:
        self._refresh(conn)
        where, params, fts_filter = self._filter_sql(conn, q)
        if where is None:
            return []  # a filter value that matches nothing
        if not q.words or (q.has_filters and all(len(w) == 1 for w in q.words)):
            # A lone letter typed after filters narrows nothing yet: keep listing the filter.
            return self._list_filtered(conn, where, params, limit)
        if cancelled():
            raise SearchCancelled
        variants = self._variants(conn, q)
        if cancelled():
            raise SearchCancelled
        cands = self._candidates(conn, variants, (where, params, fts_filter), limit, cancelled)
        if cancelled():
            raise SearchCancelled
        # Short words ("of") before the last one only add noise to ranking and highlighting;
        # the word being typed counts even when short ("kyiv b" prefers b-words).
        longest = max(len(forms[0]) for forms in variants)
        last = len(variants) - 1
        ranking = [
            forms
            for i, forms in enumerate(variants)
            if len(forms[0]) > 2
            or longest <= 2
            or forms[0].isdigit()
            or (i == last and q.typing_last_word)
        ]
        typing = q.typing_last_word and ranking[-1] is variants[-1]
        marker = _Marker(ranking, typing_last_word=typing)
        ranked = self._rank(cands, ranking, typing, marker)
        top = ranked[:limit]
        if cancelled():
            raise SearchCancelled
        return self._hits(conn, top, ranking, marker)

    def _rank(
        self,
        cands: list[_Candidate],
        variants: list[list[str]],
        typing_last_word: bool,
        marker: _Marker,
    ) -> list[_Candidate]:
        """Score each candidate per query word: its best-matching token in each short field.

        Words are scored against the distinct tokens of all candidates at once (rapidfuzz in
        C), so the per-candidate work is only dictionary look-ups. A word that none of the
        short fields matches still counts a little: FTS found it (or a correction) in the body.
        """
        if not cands:
            return []
        uniq: set[str] = set()
        for c in cands:
            for group in c.tokens:
                uniq.update(group)
        per_word = token_scores(variants, list(uniq), typing_last_word=typing_last_word)
        marker.scores, marker.checked = per_word, uniq
        n = len(per_word)
        keysets = [set(scores) for scores in per_word]
        weights = list(enumerate(FIELD_WEIGHTS))
        for c in cands:
            totals = [0.0] * len(FIELD_WEIGHTS)
            best_total = 0.0
            for scores, keys in zip(per_word, keysets, strict=True):
                best = 0.0
                for k, weight in weights:
                    hit = keys.intersection(c.tokens[k])
                    if hit:
                        s = max(map(scores.__getitem__, hit)) * weight
                        totals[k] += s
                        if s > best:
                            best = s
                if best >= 70:
                    best_total += best
                elif c.stage != STAGE_ANY_WORD:  # FTS5 found every word, this one in the body
                    best_total += BODY_WORD_SCORE
            score = best_total / n
            k_best = max(range(len(totals)), key=totals.__getitem__)
            if totals[k_best] / n < 50:  # under half the words show in any short field
                c.field = FIELD_BODY
            else:
                c.field = FIELD_ORDER[k_best]
            c.score = score
        cands.sort(key=lambda c: (c.score, c.published, c.id), reverse=True)
        return cands

    def _hits(
        self,
        conn: sqlite3.Connection,
        top: list[_Candidate],
        variants: list[list[str]],
        marker: _Marker,
    ) -> list[SearchHit]:
        if not top:
            return []
        ids = [c.id for c in top]
        marks = ",".join("?" * len(ids))
        versions = dict(
            conn.execute(
                "SELECT a.id, (SELECT count(*) FROM articles v WHERE v.doc_key = a.doc_key)"
                f" FROM articles a WHERE a.id IN ({marks})",
                ids,
            ).fetchall()
        )
        body_ids = [c.id for c in top if c.field == FIELD_BODY]
        bodies: dict[int, str] = {}
        if body_ids:
            bodies = dict(
                conn.execute(
                    "SELECT id, coalesce(body, '')"
                    f" FROM articles WHERE id IN ({','.join('?' * len(body_ids))})",
                    body_ids,
                ).fetchall()
            )
        hits: list[SearchHit] = []
        for c in top:
            row = ArticleRow(
                id=c.id,
                title=c.title,
                category=c.category,
                published=c.published,
                source=c.source,
                versions=int(versions.get(c.id) or 1),
            )
            snippet, spans, name = "", [], c.field
            if c.field == FIELD_TITLE:
                spans = match_spans(c.title, variants, marker)
            elif c.field == FIELD_BODY:
                snippet, spans = body_snippet(bodies.get(c.id, ""), variants, marker)
            else:
                name, text, spans = _short_field(c, c.field, variants, marker)
                snippet, spans = _clip(text, spans, SNIPPET_WIDTH)
            hits.append(SearchHit(row, round(c.score, 2), name, snippet, spans))
        return hits


# ----------------------------------------------------------------------------- small helpers


def _database_path(library: Any) -> Path | None:
    """The file behind a library (None for an in-memory one)."""
    path = getattr(library, "path", None)
    if path:
        return Path(path)
    conn = getattr(library, "conn", None)
    if conn is None:
        return None
    for _, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None
