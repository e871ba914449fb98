"""Verdicts on a fact, figure against figure: agree, conflict, single or revised.

Every figure stands for the values it allows. "About N" allows what rounds to N at the
precision it is written in, the place of its last non-zero digit ("about 23,700" is
[23,650, 23,750) and agrees with 23,713; "about 11,000" is [10,500, 11,500) and conflicts with
"about 12,000"; "about 300" is [250, 350)). "More than 1,000" is (1000, inf), "between 1,000
and 3,000" [1000, 3000], an unhedged number its point.

Claims of one publication day that allow no common value conflict. Claims of different days
that moved (allow no common value, or are bounds of one direction at different values) are a
``revised`` count, up or down, as a story develops (a toll, acres burned, the missing) -
unless the thing is fixed once it happened (a deployment, a magnitude: two numbers from two
sources dispute it) or the count is of a period or an event that was over when the later
report came out (Wednesday's march counted again on Thursday).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from store.figures.claims import TALLY_KEYS, Claim
from store.figures.facts import Fact
from store.figures.measures import TALLY_UNITS
from store.model import Figure

AGREE, CONFLICT, SINGLE, REVISED = "agree", "conflict", "single", "revised"
VERDICT_ORDER: Final = {CONFLICT: 0, REVISED: 1, AGREE: 2, SINGLE: 3}


@dataclass(frozen=True)
class Interval:
    """A set of values a figure allows; open ends exclude the endpoint."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        lo, lo_open = max((self.low, self.low_open), (other.low, other.low_open))
        hi, hi_closed = min((self.high, not self.high_open), (other.high, not other.high_open))
        if lo < hi:
            return True
        return lo == hi and not lo_open and hi_closed

    def above(self, other: Interval) -> bool:
        """True when every value allowed here is at least every value allowed there."""
        return self.low >= other.high or (self.low == other.high and self.low_open)


def written_step(value: float) -> float:
    """The precision a value is written at: 23,700 -> 100, 11,000 -> 1,000, 2.5 -> 0.1,
    $1.5bn (1,500,000,000) -> 100,000,000."""
    value = abs(value)
    if value == 0:
        return 1.0
    if value != int(value):
        text = f"{value:.6f}".rstrip("0")
        decimals = len(text.split(".")[1]) if "." in text else 0
        return 10.0**-decimals
    n = int(value)
    step = 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return float(step)


def interval(fig: Figure) -> Interval:
    """The interval of values a figure's bound allows."""
    lo, hi = fig.value_low, fig.value_high
    bound = fig.bound
    if bound == ">":
        return Interval(lo, math.inf, low_open=True)
    if bound == ">=":
        return Interval(lo, math.inf)
    if bound == "<":
        return Interval(min(0.0, lo), hi, high_open=True)
    if bound == "<=":
        return Interval(min(0.0, lo), hi)
    if bound == "~":
        # What rounds to N: [N - step/2, N + step/2), so "about 11,000" and "about 12,000"
        # share no value.
        half_lo, half_hi = written_step(lo) / 2, written_step(hi) / 2
        return Interval(lo - half_lo, hi + half_hi, high_open=True)
    return Interval(lo, hi)


def agree(a: Figure, b: Figure) -> bool:
    """True when two figures allow a common value."""
    return interval(a).overlaps(interval(b))


def _moved(a: Figure, b: Figure) -> bool:
    """A count moved between two reports: no common value, or two bounds of one direction at
    different values ("at least 40", later "at least 60")."""
    if not agree(a, b):
        return True
    one_way = {">", ">="}
    if a.bound in one_way and b.bound in one_way:
        return a.value_low != b.value_low
    return False


@dataclass(frozen=True)
class Judgement:
    """A fact's verdict, and which claims clash with the most others (the odd ones out)."""

    verdict: str
    clashing: frozenset[int]  # indices into the fact's claims


def _distinct(a: Claim, b: Claim) -> bool:
    """Two claims that are two reports: other articles, or other sources in one article."""
    return a.article != b.article or a.figure.attribution != b.figure.attribution


def judge(fact: Fact, ordered: bool = True, versions: bool = False) -> Judgement:
    """The verdict of a fact. ``ordered`` is False when the claims' dates mean nothing (then
    every difference is a conflict); with ``versions`` the claims are versions of one
    article, and a number that changed between them was revised by its outlet."""
    claims = fact.claims
    reports = [
        (i, c) for i, c in enumerate(claims) if not any(_same_report(c, d) for d in claims[:i])
    ]
    if len(reports) < 2 or not any(_distinct(a, b) for (_, a), (_, b) in _pairs(reports)):
        return Judgement(SINGLE, frozenset())
    clashes: dict[int, int] = {}
    moves: list[tuple[Claim, Claim]] = []
    conflict = False
    for (i, a), (j, b) in _pairs(reports):
        if not _distinct(a, b):
            continue
        same_time = not ordered or a.published == b.published or not a.published or not b.published
        if same_time:
            if not agree(a.figure, b.figure):
                conflict = True
                clashes[i] = clashes.get(i, 0) + 1
                clashes[j] = clashes.get(j, 0) + 1
        elif _moved(a.figure, b.figure):
            early, late = (a, b) if a.published < b.published else (b, a)
            moves.append((early, late))
            clashes[i] = clashes.get(i, 0) + 1
            clashes[j] = clashes.get(j, 0) + 1
    if conflict:
        return Judgement(CONFLICT, _worst(clashes))
    if not moves:
        return Judgement(AGREE, frozenset())
    if versions or all(_revision(fact, early, late) for early, late in moves):
        return Judgement(REVISED, frozenset())
    return Judgement(CONFLICT, _worst(clashes))


def _same_report(a: Claim, b: Claim) -> bool:
    """The same figure said twice by one source in one article."""
    return (
        a.article == b.article
        and a.figure.attribution == b.figure.attribution
        and a.figure.value_low == b.figure.value_low
        and a.figure.value_high == b.figure.value_high
    )


def _pairs(items: Sequence[tuple[int, Claim]]) -> Iterable[tuple[tuple[int, Claim], ...]]:
    for x in range(len(items)):
        for y in range(x + 1, len(items)):
            yield items[x], items[y]


# Things fixed once they happened (a deployment, a quake's magnitude): their numbers do not
# develop with the story, so two numbers on different days dispute them.
FIXED_KEYS: Final = frozenset(
    {"troops", "magnitude", "depth", "population", "distance", "passenger", "capacity"}
)
FIXED_UNITS: Final = frozenset({"magnitude"})


def is_tally(fact: Fact) -> bool:
    """A running count: a toll, acres burned, people displaced, a total so far."""
    return (
        fact.key in TALLY_KEYS
        or fact.unit in TALLY_UNITS
        or all(c.scope == "total" for c in fact.claims)
        or all(c.figure.period.startswith("..") for c in fact.claims)
    )


def is_fixed(fact: Fact) -> bool:
    """A thing that does not develop with the story once reported (not a running total)."""
    if is_tally(fact):
        return False
    return fact.key in FIXED_KEYS or fact.unit in FIXED_UNITS


def _revision(fact: Fact, early: Claim, late: Claim) -> bool:
    """Whether a move from ``early`` to ``late`` is the count developing with the story.

    Counts move as a story develops (a toll, acres, firefighters, aftershocks), either way.
    Not a fixed thing, unless one source updates its own number; and not the count of a
    period or an event that was over when the later report came out (Wednesday's march,
    counted again on Thursday): that is history, disputed."""
    if is_fixed(fact):
        return early.source == late.source
    if is_tally(fact):
        return True
    for claim in (early, late):
        end = claim.period[1]
        if claim.figure.period and end is not None and late.asof is not None and end < late.asof:
            return False
    return True


def _worst(clashes: dict[int, int]) -> frozenset[int]:
    if not clashes:
        return frozenset()
    top = max(clashes.values())
    return frozenset(i for i, n in clashes.items() if n == top)


def _values(figs: Sequence[Figure]) -> set[tuple[float, float, str, str]]:
    return {(f.value_low, f.value_high, f.bound, f.unit) for f in figs}


def row_change(row: Any, first: int, last: int) -> str:
    """changed / added / removed / same for one row between two columns."""
    before = row.cells.get(first, [])
    after = row.cells.get(last, [])
    if not before:
        return "added"
    if not after:
        return "removed"
    return "same" if _values(before) == _values(after) else "changed"
