"""The library's vocabulary (FTS5 terms with their counts) for spelling corrections and prefix
expansion, and the caches shared by every searcher of one library: in memory per process, and on
disk for big libraries so the next start need not read a 100,000-article index again.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from store.search_query import CACHE_ENV, CACHE_KEEP_FILES, _Row

# ----------------------------------------------------------------------------- shared caches


def _cache_file(db_path: Path, kind: str) -> Path | None:
    """Where a list derived from ``db_path`` is kept between runs ($NEWSDESK_CACHE_DIR or the
    user cache dir); None when there is no usable place."""
    root = os.environ.get(CACHE_ENV, "").strip()
    if not root:
        try:
            from platformdirs import user_cache_dir

            root = user_cache_dir("newsdesk", appauthor=False)
        except Exception:  # noqa: BLE001 - no cache dir simply means no cache
            return None
    try:
        name = hashlib.sha1(str(db_path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    except OSError:
        return None
    return Path(root).expanduser() / "search" / f"{kind}-{name[:20]}.json"


def _load_cached(path: Path | None, key: list[Any]) -> dict[str, Any] | None:
    """The saved payload when ``path`` holds one for exactly ``key``, else None."""
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data


def _save_cached(path: Path | None, key: list[Any], payload: dict[str, Any]) -> None:
    """Write atomically (temp file, then rename); failing to cache is not an error."""
    if path is None:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"key": key, **payload}, f, ensure_ascii=False)
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return
    _prune_cache(path.parent)


def _prune_cache(folder: Path) -> None:
    """Keep only the most recently written copies: every library ever opened (test runs make
    many) would otherwise leave its files behind for good."""
    try:
        files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[CACHE_KEEP_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


class _Vocabulary:
    """Terms of the FTS index (numbers left out), sorted, with how many articles hold each.

    Kept compact (a sorted list, an array of counts, per-length lists sharing the same
    strings) because it lives as long as the app: ~140k terms take about 10 MB.
    """

    def __init__(
        self, rows: Iterable[tuple[str, int]], *, ready: tuple[list[str], array] | None = None
    ) -> None:
        if ready is not None:
            self.terms, self.counts = ready
        else:
            docs: dict[str, int] = {}
            for term, n in rows:
                if term.isdigit():
                    continue
                if n > docs.get(term, 0):
                    docs[term] = n
            self.terms = sorted(docs)
            self.counts = array("I", (docs[t] for t in self.terms))
            del docs
        self.by_len: dict[int, list[str]] = {}
        for term in self.terms:
            self.by_len.setdefault(len(term), []).append(term)
        self.corrections: dict[str, list[str]] = {}
        self.lock = threading.Lock()

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> _Vocabulary | None:
        """Rebuild from ``payload()`` output; None when it does not look right."""
        try:
            terms, counts = data["terms"], data["counts"]
            if not (isinstance(terms, list) and isinstance(counts, list)):
                return None
            if len(terms) != len(counts) or terms != sorted(terms):
                return None
            return cls((), ready=([str(t) for t in terms], array("I", map(int, counts))))
        except (ValueError, TypeError, KeyError, OverflowError):
            return None

    def payload(self) -> dict[str, Any]:
        return {"terms": self.terms, "counts": list(self.counts)}

    def _index(self, term: str) -> int:
        i = bisect_left(self.terms, term)
        return i if i < len(self.terms) and self.terms[i] == term else -1

    def count(self, term: str) -> int:
        i = self._index(term)
        return self.counts[i] if i >= 0 else 0

    def __contains__(self, term: str) -> bool:
        return self._index(term) >= 0

    def with_prefix(self, prefix: str, cap: int) -> list[str] | None:
        """Terms starting with ``prefix`` (None when more than ``cap``)."""
        i = bisect_left(self.terms, prefix)
        out: list[str] = []
        terms = self.terms
        while i < len(terms) and terms[i].startswith(prefix):
            out.append(terms[i])
            if len(out) > cap:
                return None
            i += 1
        return out

    def most_common_with_prefix(self, prefix: str, cap: int) -> list[str]:
        """Terms starting with ``prefix``: all of them up to ``cap``, else the ``cap`` found in
        the most articles (ties in term order)."""
        lo = bisect_left(self.terms, prefix)
        hi = bisect_left(self.terms, prefix + "\U0010ffff", lo)
        if hi - lo <= cap:
            return self.terms[lo:hi]
        counts = self.counts
        best = heapq.nsmallest(cap, range(lo, hi), key=lambda i: (-counts[i], i))
        return [self.terms[i] for i in sorted(best)]

    def has_prefix(self, prefix: str) -> bool:
        i = bisect_left(self.terms, prefix)
        return i < len(self.terms) and self.terms[i].startswith(prefix)

    def correct(self, word: str, *, as_prefix: bool) -> list[str]:
        """Likely intended terms for a word the index does not hold (best first, at most 3)."""
        if len(word) < 4 or word.isdigit() or word in self:
            return []
        if as_prefix and self.has_prefix(word):
            return []
        with self.lock:
            cached = self.corrections.get(word)
        if cached is not None:
            return cached
        # OSA distance counts a swap of neighbours ("harvset") as one edit; two edits only for
        # long words, or "goverm" would become "over".
        max_dist = 1 if len(word) <= 7 else 2
        found: list[tuple[int, int, str]] = []
        for n in range(len(word) - max_dist, len(word) + max_dist + 1):
            bucket = self.by_len.get(n)
            if not bucket:
                continue
            for term, dist, _ in process.extract(
                word,
                bucket,
                scorer=OSA.distance,
                score_cutoff=max_dist,
                limit=None,
            ):
                found.append((int(dist), -self.count(term), term))
        if as_prefix and len(word) >= 5:
            # Still typing: compare with the start of longer terms too ("goverm" -> "governme…").
            # Only terms sharing the first letter: a slice of the sorted list, cheap to take.
            lo = bisect_left(self.terms, word[0])
            hi = bisect_left(self.terms, word[0] + "\U0010ffff")
            longer = [t for t in self.terms[lo:hi] if len(t) > len(word) + max_dist]
            heads = [t[: len(word)] for t in longer]
            for _, dist, idx in process.extract(
                word, heads, scorer=OSA.distance, score_cutoff=1, limit=20
            ):
                term = longer[idx]
                found.append((int(dist) + 1, -self.count(term), term))
        found.sort()
        best: list[str] = []
        for _, _, term in found:
            if term not in best:
                best.append(term)
            if len(best) == 3:
                break
        with self.lock:
            if len(self.corrections) > 5000:
                self.corrections.clear()
            self.corrections[word] = best
        return best


class _LibraryState:
    """What every Searcher on one database file shares: vocabulary and filter value lists.

    All of it is rebuilt when the article count or the highest id changes (an import or a new
    version), which ``PRAGMA data_version`` tells us cheaply on each search.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.vocab_lock = threading.Lock()
        self.vocab_loading = False
        self.stamp: tuple[int, int] | None = None
        self.vocab: _Vocabulary | None = None
        self.categories: list[str] | None = None
        self.sources: list[str] | None = None
        self.rows: OrderedDict[int, _Row] = OrderedDict()

    def reset(self, stamp: tuple[int, int]) -> None:
        self.stamp = stamp
        self.vocab = None
        self.categories = None
        self.sources = None
        self.rows.clear()


_STATES: dict[str, _LibraryState] = {}
_STATES_LOCK = threading.Lock()


def _state_for(key: str) -> _LibraryState:
    with _STATES_LOCK:
        st = _STATES.get(key)
        if st is None:
            st = _STATES[key] = _LibraryState()
        return st
