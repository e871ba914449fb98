"""Facts: the figures of several articles grouped into rows that count the same thing.

Why not one row per counted noun: a developing story counts the same noun for different facts
(troops sent in a first deployment, a second one, the total so far, another army's troops),
and one outlet's "between 1,000 and 3,000 people" is another's "1,000-3,000 new soldiers".
A fact is one unit and change; its claims share what the fields ``store.figures.about`` and
``store.figures.claims`` read tell: mostly the counted key (generic nouns like "people" take
the thing their sentence counts; two wordings of one thing may keep two keys), a compatible
qualifier (wave, scope, rate, actor), place and period, and words around the number. The value
is never looked at: two articles that give different numbers for the same fact must land in
one row, or the comparison could never show a conflict.

Alignment is average-linkage grouping: every claim starts as a row of its own, and the two
rows whose claims most likely state one fact merge, surest first, while the mean score over the
pairs across them (``store.figures.affinity``: weights fitted on the gold stories rather than
chosen by hand) stays above a threshold. Some things keep two claims apart whatever else they
share (``compatible``: other places, sides, waves, times, a part against the whole). One
article puts two of its figures into one row only when it credits each to a source of its own
(the same article quoting two sources for one fact: both in the row, each with its source); a
credited and an uncredited figure of one article are two facts (the gold has 133 facts of the
first kind and 3 of the second, and the looser gate merged 115 pairs of two facts).

The claims themselves (each figure read as a key, qualifier, period and words) are built
by ``store.figures.claims``.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Final, NamedTuple

from store.figures import qualifiers as ql
from store.figures.affinity import THRESHOLD, WEIGHTS, Rarity, profile, score
from store.figures.build_words import MOVE_UNITS
from store.figures.claims import (
    GENERIC_KEYS,
    TALLY_KEYS,
    Claim,
)
from store.figures.measures import TALLY_UNITS
from store.figures.numbers import vague_span
from store.figures.scopes import EXCESS, PART
from store.figures.sources import same_source
from store.figures.units import MONEY
from store.model import Figure


@dataclass
class Fact:
    """A row: the claims that state one fact, and what tells it apart."""

    key: str
    unit: str
    change: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def wave(self) -> str:
        return _shared([c.wave for c in self.claims])

    @property
    def scope(self) -> str:
        return _shared([c.scope for c in self.claims])

    @property
    def rate(self) -> str:
        return _first(c.rate for c in self.claims)  # claims of one row share their rate

    @property
    def actor(self) -> str:
        return _shared([c.actor for c in self.claims])

    @property
    def place(self) -> str:
        return _shared([c.place for c in self.claims])

    def period(self) -> str:
        """The period at least half the claims state ("" otherwise)."""
        counts: dict[str, int] = {}
        for claim in self.claims:
            if claim.figure.period:
                counts[claim.figure.period] = counts.get(claim.figure.period, 0) + 1
        if not counts:
            return ""
        best, n = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0])))
        return best if 2 * n >= len(self.claims) else ""


def change_of(figure: Figure) -> str:
    """The change a figure states as a fact: none for a move with both ends ("lifted the rate
    to 4.75% from 4.25%" gives the rate now, the level another outlet states plainly), and
    none but for shares, points and sums: a share that "fell 6.3%" states a move, another
    fact than its level, but "lost three riders" counts the riders another outlet says
    "abandoned" (gold: 535 -> 538 of 1,253 rows, 17 -> 19 of 70 on a batch written blind)."""
    if figure.value_from is not None or figure.unit not in _MOVING_UNITS:
        return ""
    return figure.change


# Units whose changes are facts apart from their levels.
_MOVING_UNITS: Final = MOVE_UNITS | MONEY


def _shared(values: list[str]) -> str:
    """The value at least half of a row's claims state (compatible claims never state two
    different ones), else "": a row of ten plain counts and one "total" is not a total."""
    stated = [v for v in values if v]
    if stated and 2 * len(stated) >= len(values):
        return stated[0]
    return ""


def _first(values: object) -> str:
    for value in values:  # type: ignore[attr-defined]
        if value:
            return value
    return ""


def _periods_meet(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    lo = max((d for d in (a[0], b[0]) if d is not None), default=None)
    hi = min((d for d in (a[1], b[1]) if d is not None), default=None)
    return lo is None or hi is None or lo <= hi


def _time_of(claim: Claim) -> tuple[date | None, date | None]:
    """The period a claim covers: what it states, else up to its publication date."""
    if claim.stated_period:
        return claim.period
    return (None, claim.asof)


# What happened to things, each its own count: "600 buildings collapsed" is not "4,300
# buildings damaged or destroyed", nor "98 drones downed" the 120 "launched". Verbs of one
# class are one outcome ("razed" and "flattened", "launched" and "fired").
_OUTCOME_CLASSES: Final = (
    "collapsed",
    "destroyed razed flattened gutted",
    "damaged",
    "flooded",
    "burnt burned",
    "evacuated",
    "closed",
    "reopened",
    "cancelled canceled",
    "delayed",
    "infected",
    "vaccinated",
    "recovered",
    "tested",
    "launched fired",
    "downed intercepted shot",
    "cut cuts shed sheds axe axed eliminate eliminated slash slashed",
    "create creates created hire hires hired",
)
_OUTCOMES: Final = {word: i for i, words in enumerate(_OUTCOME_CLASSES) for word in words.split()}


# Words that set a part of a counted group apart by where it comes from: "4,300 foreign
# rescuers" are not the "4,000 rescuers, soldiers and volunteers" searching.
_ORIGINS: Final = frozenset({"foreign", "international", "overseas", "domestic", "local"})


def _origin(claim: Claim) -> str:
    return _origin_of(claim.figure.counts) if claim.figure.counts else ""


@lru_cache(maxsize=4096)
def _origin_of(counts: str) -> str:
    """The origin word of a counted phrase ("foreign" in "foreign rescuers"), "" if none."""
    return next((w for w in counts.lower().split() if w in _ORIGINS), "")


# Stems (claims.STEM letters) that say displaced people may go back: "orders were lifted for
# 6,000 residents", "6,000 evacuees were allowed to return" count those no longer displaced.
_RETURN_STEMS: Final = frozenset({"lifte", "allow", "retur", "repat"})


def _returning(claim: Claim) -> bool:
    """Whether a count is of things given back what the others lack: displaced people allowed
    back home, homes whose power or water was restored ("power was restored to 420,000
    homes" is not the 120,000 still without it)."""
    if not _RESTORED_STEMS.isdisjoint(claim.words):
        return True
    return claim.key in _UNDONE_KEYS and not _RETURN_STEMS.isdisjoint(claim.words)


# Stems of verbs that undo a loss for whatever is counted: restored, reconnected.
_RESTORED_STEMS: Final = frozenset({"resto", "recon"})


_UNDONE_KEYS = frozenset({"displaced"})  # what an order sends away and lets back


def compatible(a: Claim, b: Claim) -> bool:
    """Whether two claims may state the same fact (the same key, unit and change assumed)."""
    return a.rate == b.rate and _marks_fit(marks_of(a), marks_of(b)) and fields_fit(a, b)


class Marks(NamedTuple):
    """What a claim's things went through (an outcome class, -1 for none), whether they got
    back what others lack, and where they come from: claims that differ in any never state
    one fact."""

    outcome: int
    returning: bool
    origin: str


def marks_of(claim: Claim) -> Marks:
    return Marks(_OUTCOMES.get(claim.aspect, -1), _returning(claim), _origin(claim))


def _marks_fit(a: Marks, b: Marks) -> bool:
    """Whether two claims' marks allow one fact (an outcome of no class fits any other)."""
    return (
        a.returning == b.returning
        and a.origin == b.origin
        and (a.outcome == b.outcome or a.outcome < 0 or b.outcome < 0)
    )


def fields_fit(a: Claim, b: Claim) -> bool:
    """The rest of ``compatible``, once the rate and ``marks_of`` fit."""
    if (a.scope == ql.TOTAL) != (b.scope == ql.TOTAL) and not (
        a.key in TALLY_KEYS or a.unit in TALLY_UNITS
    ):
        return False  # "15,000 sent so far" is not the 11,000 of one deployment
    if (a.key in TALLY_KEYS or a.unit in TALLY_UNITS) and (a.wave == ql.ADDITIONAL) != (
        b.wave == ql.ADDITIONAL
    ):
        return False  # "saved 86 persons more": an increment of a running count, not it
    if (a.scope == EXCESS) != (b.scope == EXCESS) or (a.scope == PART) != (b.scope == PART):
        return False  # "overloaded by 33 passengers" is not how many were aboard
    if (a.scope == ql.PROJECTED) != (b.scope == ql.PROJECTED):
        return False  # "could eventually send as many as 20,000" is not what was sent
    if a.actor and b.actor and ql.actor_stem(a.actor) != ql.actor_stem(b.actor):
        return False
    if a.place and b.place and a.place != b.place:
        return False  # the march in Corvell and the one in Santel
    if a.wave and b.wave and a.wave != b.wave:
        return False
    if (a.scope == ql.TOTAL and b.wave) or (b.scope == ql.TOTAL and a.wave):
        return False  # the total of every wave is not one wave
    if a.stated_period and b.stated_period:
        return _periods_meet(a.period, b.period)
    if a.stated_period or b.stated_period:
        # "since February" cannot be what an article of January counted. A single day
        # stated by one of them may only date the report ("agreed on Wednesday the terms
        # of a $50bn loan"): a day keeps two claims apart only when both state one.
        if _is_day(a) or _is_day(b):
            # An undated report published before that day cannot be about it (Thursday's
            # march is not what a paper of Wednesday counted, nor Wednesday's 12.5% fall
            # of a share the fall a paper of Tuesday reported).
            dated, other = (a, b) if _is_day(a) else (b, a)
            start = dated.period[0]
            if (
                not other.stated_period
                and other.asof is not None
                and start is not None
                # a count or a move of that day; a level's day only dates a report
                and (dated.unit == "count" or change_of(dated.figure) != "")
            ):
                return other.asof >= start
            return True
        return _periods_meet(_time_of(a), _time_of(b))
    return True


def _is_day(claim: Claim) -> bool:
    lo, hi = claim.period
    return claim.stated_period and lo is not None and hi is not None and (hi - lo).days < 7


_READING = {"lead": 0, "key_point": 1, "body": 2}


def _reading_place(claim: Claim) -> tuple[int, int]:
    """Where a figure first appears in reading order (lead, key points, body)."""
    places = claim.figure.places or ((claim.figure.part, claim.figure.start, claim.figure.end),)
    return min((_READING.get(p, 3), s) for p, s, _ in places)


def _repeats(a: Claim, b: Claim) -> bool:
    """Whether two claims of one article say the same number of the same thing: "2,886
    dead" in the key points and "the toll reached 2,886 persons" in the body."""
    fa, fb = a.figure, b.figure
    return (
        a.key == b.key
        and (bool(a.key) or a.unit != "count")
        and fa.value_low == fb.value_low
        and fa.value_high == fb.value_high
        and fa.bound == fb.bound
        and a.unit == b.unit
        and change_of(fa) == change_of(fb)
        and (
            not fa.attribution or not fb.attribution or same_source(fa.attribution, fb.attribution)
        )
        and compatible(a, b)
    )


# How likely, in the fitted affinity's log-odds, two equal numbers of one article worded with
# different keys must be one fact to be read as one number said twice (``_restates``).
_RESTATE_BAR: Final = -2.5


def _restates(a: Claim, b: Claim, rarity: Rarity) -> bool:
    """Whether two claims of one article say one number twice in other words: "About 18,000
    containers are stuck at Castrell" in the lead, "the port authority put the number of
    boxes stranded at Castrell at about 18,000" in the body.

    Why: an article that repeats a number states one fact once; kept as two claims, the
    second lands in a row of its own or in another fact's row, and either row is wrong. The
    same number alone proves nothing ("14 skiers were buried", "14 avalanche dogs"), nor
    does one sentence ("15,000 soldiers and 15,000 workers"): the claims must stand in two
    sentences and the fitted affinity rate them likely one fact. Measured on the pairs of
    equal numbers in one article of the gold stories: 56 of 176 repeats are folded, none of
    the 51 pairs of two things.
    """
    fa, fb = a.figure, b.figure
    if fa.value_low != fb.value_low or fa.value_high != fb.value_high or fa.bound != fb.bound:
        return False
    if a.unit != b.unit or change_of(fa) != change_of(fb) or fa.sentence == fb.sentence:
        return False
    if fa.attribution and fb.attribution and not same_source(fa.attribution, fb.attribution):
        return False
    return compatible(a, b) and score(profile(a, rarity), profile(b, rarity)) >= _RESTATE_BAR


def fold_repeats(claims: Sequence[Claim], rarity: Rarity | None = None) -> list[Claim]:
    """One claim per number an article repeats for one thing, the first one read.

    Why: extraction folds repeats only when they are worded with the same key, but one
    article often says a number twice in different words ("The number was more than 1,000"
    in the lead, "more than 1,000 additional troops" in the key points). Shown twice in one
    row they would read as two sources; kept in two rows, as two facts. ``rarity``: the
    words' weights among all the claims compared (worked out here when not given)."""
    if rarity is None:
        rarity = Rarity.of(claims)
    by_article: dict[int, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    dropped: set[int] = set()
    merged: dict[int, Claim] = {}
    for mine in by_article.values():
        if len(mine) < 2:
            continue
        ordered = sorted(mine, key=_reading_place)
        kept: list[Claim] = []
        for claim in ordered:
            for i, k in enumerate(kept):
                if _repeats(claim, k) or _restates(claim, k, rarity):
                    dropped.add(id(claim))
                    merged[id(k)] = kept[i] = _merged(k, claim)
                    break
            else:
                kept.append(claim)
    return [merged.get(id(c), c) for c in claims if id(c) not in dropped]


def _merged(kept: Claim, repeat: Claim) -> Claim:
    """The claim kept for a repeated number, with what the repeat says and it does not ("the
    number of more than 1,000" in the lead is the key points' "1,000 additional troops")."""
    return replace(
        kept,
        wave=kept.wave or repeat.wave,
        scope=kept.scope or repeat.scope,
        actor=kept.actor or repeat.actor,
        place=kept.place or repeat.place,
        words=kept.words | repeat.words,
    )


def align(
    claims: Sequence[Claim],
    weights: tuple[float, ...] | None = None,
    threshold: float | None = None,
) -> list[Fact]:
    """Group claims into facts (rows).

    Every claim starts as a row of its own; the two rows whose claims most likely state one
    fact (the mean of ``affinity.score`` over every pair across them) merge, again and again,
    while that mean is above ``threshold`` and no pair across them is ruled out by
    ``linkable``. Merging the surest pair first makes the result independent of the order
    the articles come in."""
    fitted = WEIGHTS if weights is None else weights  # others than WEIGHTS: bench/fit_alignment
    bar = THRESHOLD if threshold is None else threshold
    claims = fold_repeats(claims)
    rarity = Rarity.of(claims)  # among the claims that stand: a repeat's words count once
    kinds: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: c.order):
        kinds.setdefault((claim.unit, change_of(claim.figure), claim.rate), []).append(claim)
    facts: list[Fact] = []
    for members in kinds.values():
        for group in _cluster(members, fitted, bar, rarity):
            first = group[0]
            fact = Fact(first.key, first.unit, change_of(first.figure), list(group))
            fact.claims.sort(key=lambda c: (c.column, c.order))
            fact.key = _row_key(fact)
            facts.append(fact)
    facts.sort(key=lambda f: min(c.order for c in f.claims))
    return facts


def linkable(a: Claim, b: Claim, ma: Marks, mb: Marks) -> bool:
    """Whether two claims of one kind (unit, change and rate) may be in one row at all, their
    ``marks`` worked out beforehand (once per claim, not per pair)."""
    if a.article == b.article:
        fa, fb = a.figure, b.figure
        if same_source(fa.attribution, fb.attribution):
            return False  # one article, one source: two figures are two facts
        if not (fa.attribution and fb.attribution) and not (vague_span(fa) or vague_span(fb)):
            return False  # one credited, one not: two facts ("thousands marched; police
            # counted 12,000" is one fact said vaguely, then by its source)
    return _marks_fit(ma, mb) and fields_fit(a, b)


def _cluster(
    claims: list[Claim], weights: tuple[float, ...], threshold: float, rarity: Rarity
) -> list[list[Claim]]:
    """Average-linkage grouping of claims of one kind (see ``align``).

    Only pairs that may share a row are kept (``sums``); a pair missing there rules out any
    row holding both. Past ``_BLOCK_ABOVE`` claims of one kind (a comparison of a hundred
    articles), claims of two different named keys are not scored at all: such pairs seldom
    join, and scoring every pair would grow with the square of the claims."""
    n = len(claims)
    sums: list[dict[int, float]] = [{} for _ in range(n)]  # summed scores between two rows
    profiles = [profile(c, rarity) for c in claims]
    marks = [marks_of(c) for c in claims]
    block = n > _BLOCK_ABOVE
    for i in range(n):
        a, ma, pa = claims[i], marks[i], profiles[i]
        for j in range(i + 1, n):
            pb = profiles[j]
            if block and pa.key != pb.key and not (pa.generic or pb.generic):
                continue
            if linkable(a, claims[j], ma, marks[j]):
                value = score(pa, pb, weights)
                sums[i][j] = value
                sums[j][i] = value
    rows: dict[int, list[Claim]] = {i: [claims[i]] for i in range(n)}
    version = [0] * n  # a row's entries in the heap are stale once it has grown
    heap: list[tuple[float, int, int, int, int]] = []
    for i in range(n):
        for j, total in sums[i].items():
            if j > i and total > threshold:
                heap.append((-total, i, j, 0, 0))
    heapq.heapify(heap)
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if i not in rows or j not in rows or version[i] != vi or version[j] != vj:
            continue
        rows[i].extend(rows.pop(j))
        version[i] += 1
        size = len(rows[i])
        mine, theirs = sums[i], sums[j]
        for k in list(mine):
            if k != j and k not in theirs:
                del mine[k]  # row j could never share a row with k: nor can the merged row
                del sums[k][i]
        for k, total in theirs.items():
            if k != i:
                del sums[k][j]
                if k in mine:
                    mine[k] += total
                    sums[k][i] = mine[k]
        sums[j] = {}
        del mine[j]
        for k, total in mine.items():
            mean = total / (size * len(rows[k]))
            if mean > threshold:
                lo, hi = (i, k) if i < k else (k, i)
                heapq.heappush(heap, (-mean, lo, hi, version[lo], version[hi]))
    return [rows[i] for i in sorted(rows)]


_BLOCK_ABOVE: Final = 400


def _row_key(fact: Fact) -> str:
    """The key a row shows: the one most of its claims name (a generic one only if none
    names another), first read first on a tie."""
    counts: dict[str, int] = {}
    for claim in fact.claims:
        if claim.key and claim.key not in GENERIC_KEYS:
            counts[claim.key] = counts.get(claim.key, 0) + 1
    if not counts:
        return fact.key
    return max(counts.items(), key=lambda kv: kv[1])[0]
