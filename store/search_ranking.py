"""Ranking candidates and marking matches: which tokens of an article match which query words
(rapidfuzz over the distinct tokens of all candidates at once), the spans to highlight and the
body snippet for the top hits.
"""

from __future__ import annotations

import json
import sys
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from store.search_query import (
    _SPACE_LIKE,
    _WORD,
    FIELD_CATEGORY,
    FIELD_KEY_POINTS,
    FIELD_SOURCE,
    FIELD_TAGS,
    MIN_TOKEN_RATIO,
    MIN_TOKEN_RATIO_LONG,
    SNIPPET_WIDTH,
    TYPING_HEAD_RATIO,
    _fold_with_map,
    fold,
)

if TYPE_CHECKING:  # a type only: the candidate stage imports this module
    from store.search_candidates import _Candidate


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
