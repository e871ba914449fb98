"""Side-by-side comparison of the figures several articles give for the same things.

Rows are the things counted (figure keys), columns the articles. A row's verdict comes from
interval overlap: every figure stands for an interval ("more than 1,000" is (1000, inf),
"about 11,000" is the point 11,000, "between 1,000 and 3,000" is [1000, 3000]); two articles
agree on a row when some figure of one overlaps some figure of the other. A row agrees when
every pair of articles that report it agrees, conflicts otherwise, and is single when only one
article reports it. Conflicts sort first because they are what a reader opens this view for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from store.model import Article, Figure

# How far "about N" reaches either side of N, as a fraction of N. Zero: "about N" is the point
# N, so "about 11,000" and "about 12,000" conflict and so do "about 2,700" and "2,750" (two
# outlets that round differently do report different numbers; the reader sees both).
APPROX_TOLERANCE = 0.0
VERDICT_ORDER = {"conflict": 0, "agree": 1, "single": 2}


@dataclass(frozen=True)
class Interval:
    """A set of values a figure allows; open ends exclude the endpoint."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        lo, lo_open = max((self.low, self.low_open), (other.low, other.low_open))
        hi, hi_open = min((self.high, not self.high_open), (other.high, not other.high_open))
        hi_open = not hi_open
        if lo < hi:
            return True
        return lo == hi and not lo_open and not hi_open


def interval(fig: Figure) -> Interval:
    """The interval of values a figure's bound allows."""
    lo, hi = fig.value_low, fig.value_high
    b = fig.bound
    if b == ">":
        return Interval(lo, math.inf, low_open=True)
    if b == ">=":
        return Interval(lo, math.inf)
    if b == "<":
        return Interval(min(0.0, lo), hi, high_open=True)
    if b == "<=":
        return Interval(min(0.0, lo), hi)
    if b == "~":
        return Interval(lo - abs(lo) * APPROX_TOLERANCE, hi + abs(hi) * APPROX_TOLERANCE)
    return Interval(lo, hi)


def figures_agree(a: Sequence[Figure], b: Sequence[Figure]) -> bool:
    """True unless ``a`` and ``b`` clash: for every unit both report, some figure of ``a`` in
    that unit must overlap some figure of ``b`` in it. Figures in different units ("$20bn" and
    "€18.1bn") cannot clash, so two cells with no unit in common agree vacuously.
    """
    for unit in {f.unit for f in a} & {f.unit for f in b}:
        xs = [interval(f) for f in a if f.unit == unit]
        ys = [interval(f) for f in b if f.unit == unit]
        if not any(x.overlaps(y) for x in xs for y in ys):
            return False
    return True


def comparable(a: Sequence[Figure], b: Sequence[Figure]) -> bool:
    """True when two cells share a unit, so that they can agree or clash at all."""
    return bool({f.unit for f in a} & {f.unit for f in b})


@dataclass
class CompareRow:
    """One thing counted, the figure(s) each article gives for it, and the verdict."""

    key: str
    label: str
    verdict: str
    cells: dict[int, list[Figure]] = field(default_factory=dict)
    unit: str = "count"

    def to_json(self, articles: Sequence[int]) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "verdict": self.verdict,
            "cells": {str(aid): [f.to_json() for f in self.cells.get(aid, [])] for aid in articles},
        }


@dataclass
class Comparison:
    """The table: article ids in column order and one row per thing counted."""

    articles: list[int]
    rows: list[CompareRow]

    def to_json(self) -> dict[str, object]:
        return {
            "articles": list(self.articles),
            "rows": [r.to_json(self.articles) for r in self.rows],
        }

    @property
    def conflicts(self) -> list[CompareRow]:
        return [r for r in self.rows if r.verdict == "conflict"]


def row_verdict(cells: dict[int, list[Figure]]) -> str:
    """agree / conflict / single for one row's cells (empty cells are ignored).

    Conflict when some pair of articles clashes (``figures_agree``); agree when at least one
    pair is comparable (shares a unit) and none clashes; single otherwise (one source, or
    sources that only give the thing in different units).
    """
    filled = [figs for figs in cells.values() if figs]
    verdict = "single"
    for i in range(len(filled)):
        for j in range(i + 1, len(filled)):
            if not figures_agree(filled[i], filled[j]):
                return "conflict"
            if verdict == "single" and comparable(filled[i], filled[j]):
                verdict = "agree"
    return verdict


def label_for(key: str, unit: str) -> str:
    """A short row label: the key, with the unit when it is not a plain count."""
    return key if unit == "count" else f"{key} ({unit})"


def compare(articles: Sequence[tuple[int, Article | None, list[Figure]]]) -> Comparison:
    """Compare the figures of 2..N articles: (id, article, figures) in column order.

    The article itself is not read (its figures are); it is accepted so callers can pass what
    they have. One row per key; figures in different units sit in the same row but are only
    compared within their unit (see ``row_verdict``).
    """
    ids = [aid for aid, _, _ in articles]
    groups: dict[str, dict[int, list[Figure]]] = {}
    for aid, _, figs in articles:
        for f in figs:
            groups.setdefault(f.key, {}).setdefault(aid, []).append(f)
    ranked: list[tuple[int, int, int, CompareRow]] = []
    for order, (key, cells) in enumerate(groups.items()):
        units = sorted({f.unit for figs in cells.values() for f in figs})
        unit = units[0] if len(units) == 1 else "mixed"
        label = label_for(key, units[0]) if len(units) == 1 else key
        # A key that only names the unit ("usd", "%") means nothing counted was found: such
        # figures are shown side by side but never judged, since they may be different things.
        unnamed = all(f.key == f.unit.lower() for figs in cells.values() for f in figs)
        verdict = "single" if unnamed else row_verdict(cells)
        row = CompareRow(key, label, verdict, cells, unit)
        filled = sum(1 for figs in cells.values() if figs)
        ranked.append((VERDICT_ORDER[row.verdict], -filled, order, row))
    ranked.sort(key=lambda t: t[:3])
    return Comparison(ids, [t[3] for t in ranked])


@dataclass
class VersionChange:
    """How one thing counted changed between two versions of an article."""

    key: str
    label: str
    status: str  # "added", "removed", "changed" or "same"
    old: list[Figure]
    new: list[Figure]

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "status": self.status,
            "old": [f.to_json() for f in self.old],
            "new": [f.to_json() for f in self.new],
        }


def _values(figs: Sequence[Figure]) -> set[tuple[float, float, str, str]]:
    return {(f.value_low, f.value_high, f.bound, f.unit) for f in figs}


def compare_versions(old: Sequence[Figure], new: Sequence[Figure]) -> list[VersionChange]:
    """What changed in the figures between an older and a newer version of one article.

    Changed rows come first, then added, removed and unchanged ones.
    """
    table = compare([(0, None, list(old)), (1, None, list(new))])
    out: list[VersionChange] = []
    for row in table.rows:
        before = row.cells.get(0, [])
        after = row.cells.get(1, [])
        if not before:
            status = "added"
        elif not after:
            status = "removed"
        elif _values(before) == _values(after):
            status = "same"
        else:
            status = "changed"
        out.append(VersionChange(row.key, row.label, status, before, after))
    rank = {"changed": 0, "added": 1, "removed": 2, "same": 3}
    out.sort(key=lambda c: rank[c.status])
    return out
