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

Each search opens its own read-only connection per thread, because the app runs searches in a
worker thread while the UI keeps its own connection. A ``cancelled`` callback is checked between
stages and, through SQLite's progress handler, inside long statements, so a newer key press can
stop an older search almost at once.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import re
import sqlite3
import sys
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from store.model import ArticleRow

# Hit fields (what part of the article matched best).
FIELD_TITLE = "title"
FIELD_KEY_POINTS = "key_points"
FIELD_SOURCE = "source"
FIELD_CATEGORY = "category"
FIELD_TAGS = "tags"
FIELD_BODY = "body"

# Candidate caps per stage; the ranking stage never sees more than their sum.
SHORT_CANDIDATES = 600
BODY_CANDIDATES = 200
# A prefix of 4+ characters has no FTS5 prefix index, and FTS5 merges the doclists of every
# matching term before returning a row; expanded through the vocabulary into at most this many
# whole terms, it becomes an OR that FTS5 merges lazily (and LIMIT stops early).
MAX_PREFIX_EXPANSION = 24
# A 2-3 letter prefix matches hundreds of words; its candidates come from the words it starts
# in the most articles (candidates are capped per stage anyway, see above).
SHORT_PREFIX_TERMS = 24
SNIPPET_WIDTH = 120
# Candidate stages: all words in the short fields, all words anywhere, any word (fallback).
STAGE_SHORT, STAGE_BODY, STAGE_ANY_WORD = 0, 1, 2
# Up to this many articles the vocabulary is read on the spot (well under a second); above
# it, in a background thread so no key press waits for it.
VOCAB_SYNC_LIMIT = 20_000
# Big libraries keep a copy of their vocabulary and source list in the user cache dir (this
# environment variable moves it).
CACHE_ENV = "NEWSDESK_CACHE_DIR"
CACHE_FORMAT = 1
CACHE_KEEP_FILES = 12  # vocabulary + source list of the last six big libraries
# Short fields in the order candidates keep their tokens, and how much a match in each counts
# ("meta" is source, category and tags together; which of them matched is settled for the
# shown hits only).
FIELD_ORDER = ("title", "key_points", "meta")
FIELD_WEIGHTS = (1.0, 0.92, 0.9)
# What a query word found only in the body (by FTS) adds to an article's score.
BODY_WORD_SCORE = 45.0
# Fuzzy token matches below this rapidfuzz ratio do not count (words of 6+ letters need more:
# at 75, "report" would match "exports").
MIN_TOKEN_RATIO = 75
MIN_TOKEN_RATIO_LONG = 80
# While the last word is being typed, its fuzzy match against the start of a longer token
# (which must begin with the same letter).
TYPING_HEAD_RATIO = 80
ROW_CACHE_SIZE = 4000
# Page cache of the search connection. FTS5 reads its doclists through it; 1 MB holds the
# index pages a typed query revisits (its prefixes), and every served SSH session pays for
# it (4 MB here cost a session ~3 MB of RSS for no measured speed).
SEARCH_CACHE_KB = 1024
# Words after this many are ignored: each costs an FTS5 term and a ranking pass.
MAX_QUERY_WORDS = 12

_WORD = re.compile(r"[^\W_]+")
_FILTER = re.compile(r'(?i)(?<!\S)(cat|src|since):("([^"]*)"?|\S*)')
_SINCE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SPACE_LIKE = re.compile(r"[\r\n\t\f\v]")


class SearchCancelled(Exception):
    """Raised inside a search when its ``cancelled`` callback says a newer search took over."""


@dataclass
class SearchHit:
    """One ranked result.

    ``field`` names the part that matched best (title, key_points, source, category, tags or
    body). ``spans`` are (start, end) character ranges of the matched characters: in
    ``row.title`` when ``field == "title"``, otherwise in ``snippet`` (a one-line excerpt of
    that part, ``…`` marking cut ends). A filter-only search lists articles with field "title"
    and no spans.
    """

    row: ArticleRow
    score: float
    field: str
    snippet: str
    spans: list[tuple[int, int]]


@dataclass
class ParsedQuery:
    """A query split into free text and filters. ``problems`` lists ignored filter values."""

    text: str
    words: list[str]
    categories: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    since: str | None = None
    problems: list[str] = field(default_factory=list)
    typing_last_word: bool = True

    @property
    def has_filters(self) -> bool:
        return bool(self.categories or self.sources or self.since)


# ----------------------------------------------------------------------------- text helpers


def _latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    out: list[str] = []
    strip = False
    for c in unicodedata.normalize("NFD", ch.lower()):
        if unicodedata.combining(c):
            if not strip:
                out.append(c)
        else:
            strip = _latin(c)
            out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """Lower-case and drop diacritics the way FTS5's ``unicode61 remove_diacritics 2`` does.

    That tokenizer strips marks from Latin letters only ("Kyïv" -> "kyiv", "İ" -> "i") and
    leaves Cyrillic alone ("Київ" stays "київ", "й" is not "и"), so query words folded here
    are exactly the index's terms, and both sides of every fuzzy comparison agree.
    """
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` plus, for each folded character, the index of its source character.

    Folding can change lengths (ligatures, some capitals), and spans must point into the
    original text, so spans are computed on the folded text and mapped back through this.
    """
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def parse_query(query: str) -> ParsedQuery:
    """Split ``query`` into filters (``cat:``, ``src:``, ``since:``) and free-text words.

    Filter values may be quoted (``src:"kyiv independent"``); a filter with no value yet (the
    user is still typing it) is ignored. ``since:`` takes YYYY, YYYY-MM or YYYY-MM-DD.
    """
    cats: list[str] = []
    srcs: list[str] = []
    since: str | None = None
    problems: list[str] = []

    def take(m: re.Match[str]) -> str:
        nonlocal since
        key = m.group(1).lower()
        value = m.group(3) if m.group(3) is not None else m.group(2)
        value = value.strip().strip('"').strip()
        if not value:
            return " "
        if key == "cat":
            cats.append(value)
        elif key == "src":
            srcs.append(value)
        else:
            iso = _parse_since(value)
            if iso is None:
                problems.append(f"since:{value} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
            else:
                since = iso
        return " "

    text = _FILTER.sub(take, query)
    words = [w for w in (fold(t) for t in _WORD.findall(text)) if w][:MAX_QUERY_WORDS]
    typing = bool(query) and not query[-1].isspace() and bool(words)
    if words and not _WORD.search(text.rstrip()[-1:] or " "):
        typing = False  # the last character typed is punctuation: the last word is complete
    return ParsedQuery(
        text=" ".join(text.split()),
        words=words,
        categories=cats,
        sources=srcs,
        since=since,
        problems=problems,
        typing_last_word=typing,
    )


def _parse_since(value: str) -> str | None:
    m = _SINCE.match(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return date(int(year), int(month), int(day)).isoformat()
        if month:
            if not 1 <= int(month) <= 12:
                return None
            return f"{year}-{int(month):02d}"
    except ValueError:
        return None
    return year


def _fts_term(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _min_ratio(form: str) -> float:
    return MIN_TOKEN_RATIO if len(form) <= 5 else MIN_TOKEN_RATIO_LONG


def _token_marks(tok: str, forms: Sequence[str], typing: bool) -> list[tuple[int, int]] | None:
    """Which characters of one folded token match a query word (None when it does not).

    Same rules as ``token_scores``: a prefix marks itself; a close spelling marks the letters
    the two share (Levenshtein "equal" blocks), so the typo's extra or missing letters stay
    plain.
    """
    for rank, form in enumerate(forms):
        if tok.startswith(form):
            return [(0, len(form))]
        if len(form) < 4:
            continue
        if fuzz.ratio(form, tok) >= _min_ratio(form):
            target = tok
        elif (
            typing
            and rank == 0
            and len(tok) > len(form)
            and tok[0] == form[0]
            and fuzz.ratio(form, tok[: len(form)]) >= TYPING_HEAD_RATIO
        ):
            target = tok[: len(form)]
        else:
            continue
        return [
            (op.dest_start, op.dest_end)
            for op in Levenshtein.opcodes(form, target)
            if op.tag == "equal"
        ]
    return None


class _Marker:
    """Decides, once per distinct token, which characters match; shared by one result list.

    Tokens the ranking already scored are known not to match when they got no score, which
    skips the spelling comparison for nearly every token of the shown titles and key points.
    """

    def __init__(
        self,
        variants: Sequence[Sequence[str]],
        *,
        typing_last_word: bool = False,
        scores: Sequence[dict[str, float]] | None = None,
        checked: set[str] | frozenset[str] | None = None,
    ) -> None:
        self.variants = variants
        self.typing_last_word = typing_last_word
        self.scores = scores
        self.checked = checked or frozenset()
        self.memo: dict[tuple[int, str], list[tuple[int, int]] | None] = {}

    def marks(self, vi: int, tok: str) -> list[tuple[int, int]] | None:
        key = (vi, tok)
        if key in self.memo:
            return self.memo[key]
        if self.scores is not None and tok in self.checked and tok not in self.scores[vi]:
            result = None
        else:
            typing = self.typing_last_word and vi == len(self.variants) - 1
            result = _token_marks(tok, self.variants[vi], typing)
        self.memo[key] = result
        return result


def match_spans(
    text: str,
    variants: Sequence[Sequence[str]],
    marker: _Marker | None = None,
) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that match the query words.

    ``variants`` holds, per query word, the folded word first and then its spelling
    corrections. A token starting with a variant marks that prefix; a token close in spelling
    marks the characters the two share, so "ukrane" lights up "Ukra" and "ne" of "Ukraine".
    When no token matches, the best fuzzy substring is marked instead.
    """
    if not text or not variants:
        return []
    if marker is None:
        marker = _Marker(variants)
    folded, where = _fold_with_map(text)
    spans: list[tuple[int, int]] = []
    tokens = [(m.start(), m.group()) for m in _WORD.finditer(folded)]
    for vi, forms in enumerate(variants):
        found = False
        for start, tok in tokens:
            marks = marker.marks(vi, tok)
            if marks:
                spans.extend((start + s, start + e) for s, e in marks)
                found = True
        if not found and forms and len(forms[0]) >= 3:
            al = fuzz.partial_ratio_alignment(forms[0], folded, score_cutoff=75)
            if al is not None:
                spans.append((al.dest_start, al.dest_end))
    out: list[tuple[int, int]] = []
    for s, e in _merge_spans(spans):
        if s >= len(where):
            continue
        start = where[s]
        end = where[min(e, len(where)) - 1] + 1
        out.append((start, end))
    return _merge_spans(out)


def _clip(text: str, spans: list[tuple[int, int]], width: int) -> tuple[str, list[tuple[int, int]]]:
    """A one-line window of ``text`` of about ``width`` characters around the first span."""
    text = _SPACE_LIKE.sub(" ", text)
    if len(text) <= width:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.rfind(" ", max(0, start - 15), start + 1)  # begin on a word
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space > first else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    clipped = [
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end
    ]
    return prefix + text[start:end] + suffix, clipped


def _first_match(body: str, forms: Sequence[str]) -> int | None:
    """Where the first of ``forms`` starts a word in ``body`` (lower-cased), or None.

    ``str.find`` per form beats one case-insensitive regex alternation several times over on
    a few kilobytes of text.
    """
    low = body.lower()
    if len(low) != len(body):
        low = body  # lower-casing changed lengths (rare letters): search as typed
    best: int | None = None
    for form in forms:
        at = low.find(form)
        while at >= 0 and (best is None or at < best):
            if at == 0 or not (low[at - 1].isalnum()):
                best = at
                break
            at = low.find(form, at + 1)
    return best


def body_snippet(
    body: str,
    variants: Sequence[Sequence[str]],
    marker: _Marker | None = None,
) -> tuple[str, list[tuple[int, int]]]:
    """A one-line excerpt of ``body`` around the first matching word, with its spans.

    A body is long, so the first occurrence is found with plain substring search and only the
    window the excerpt will show is scanned token by token; folding the whole body is the slow
    path, kept for words that match only once diacritics are removed.
    """
    forms = [f for fs in variants for f in fs if f]
    if not body or not forms:
        return _clip(body, [], SNIPPET_WIDTH)
    at = _first_match(body, forms)
    if at is None and not body.isascii():
        folded, where = _fold_with_map(body)
        found = _first_match(folded, forms)
        if found is not None and found < len(where):
            at = where[found]
    at = at or 0
    # _clip starts at most width/3 + 15 characters before the first span.
    start = max(0, at - SNIPPET_WIDTH // 3 - 20)
    window = body[start : at + SNIPPET_WIDTH + 5]
    spans = [(s + start, e + start) for s, e in match_spans(window, variants, marker)]
    spans = [sp for sp in spans if sp[1] > at] or spans
    return _clip(body, spans, SNIPPET_WIDTH)


def _tokens(text: str | None) -> tuple[str, ...]:
    """Distinct folded tokens, interned: thousands of cached rows share the same strings."""
    if not text:
        return ()
    return tuple(dict.fromkeys(map(sys.intern, _WORD.findall(fold(text)))))


def token_scores(
    variants: Sequence[Sequence[str]], tokens: list[str], *, typing_last_word: bool
) -> list[dict[str, float]]:
    """Per query word, a score (0-100) for every token it matches.

    An exact token scores 100, a token the word begins scores 97, a token within
    ``MIN_TOKEN_RATIO`` (rapidfuzz ratio) its score; while the last word is still being typed
    it may also fuzzily match the start of a longer token. Spelling corrections count 8 less.
    """
    out: list[dict[str, float]] = []
    ordered = sorted(tokens)
    for i, forms in enumerate(variants):
        scores: dict[str, float] = {}
        typing = typing_last_word and i == len(variants) - 1
        for rank, form in enumerate(forms):
            penalty = 0.0 if rank == 0 else 8.0
            found: list[tuple[str, float]] = []
            k = bisect_left(ordered, form)
            while k < len(ordered) and ordered[k].startswith(form):
                tok = ordered[k]
                found.append((tok, (100.0 if len(tok) == len(form) else 97.0) - penalty))
                k += 1
            if len(form) >= 4:
                found.extend(
                    (tok, float(score) - penalty)
                    for tok, score, _ in process.extract(
                        form, tokens, scorer=fuzz.ratio, score_cutoff=_min_ratio(form), limit=None
                    )
                )
                if typing and rank == 0:
                    longer = [t for t in tokens if len(t) > len(form) and t[0] == form[0]]
                    heads = [t[: len(form)] for t in longer]
                    found.extend(
                        (longer[idx], float(score) - 5.0)
                        for _, score, idx in process.extract(
                            form,
                            heads,
                            scorer=fuzz.ratio,
                            score_cutoff=TYPING_HEAD_RATIO,
                            limit=None,
                        )
                    )
            for tok, value in found:
                if value > scores.get(tok, 0.0):
                    scores[tok] = value
        out.append(scores)
    return out


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


# ----------------------------------------------------------------------------- the searcher


@dataclass(slots=True)
class _Row:
    """The short fields of one article as the ranking needs them (cached per library)."""

    title: str
    category: str
    published: str
    source: str
    tags_json: str
    key_points_json: str
    latest: bool
    tokens: tuple[tuple[str, ...], ...]  # folded tokens: title, key points, other short fields


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


class Searcher:
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


def _json_list(raw: Any) -> list[str]:
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return [str(raw)]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


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


def _short_field(
    c: _Candidate,
    group: str,
    variants: list[list[str]],
    marker: _Marker,
) -> tuple[str, str, list[tuple[int, int]]]:
    """The key point, or the one of source/category/tags, that shows the match best.

    Returns (field name, its text, spans in that text); "best" = most characters marked.
    """
    if group == FIELD_KEY_POINTS:
        options = [(FIELD_KEY_POINTS, kp) for kp in _json_list(c.key_points_json)]
    else:
        options = [
            (FIELD_SOURCE, c.source),
            (FIELD_CATEGORY, c.category),
            (FIELD_TAGS, ", ".join(_json_list(c.tags_json))),
        ]
    best = (group if group != "meta" else FIELD_TAGS, "", [])
    best_marked = -1
    for name, text in options:
        spans = match_spans(text, variants, marker)
        marked = sum(e - s for s, e in spans)
        if marked > best_marked:
            best, best_marked = (name, text, spans), marked
    return best
