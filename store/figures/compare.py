"""Side-by-side comparison of the figures several articles give for the same things.

Rows are the things counted (figure keys), columns the articles. A row's verdict comes from
interval overlap: every figure stands for an interval ("more than 1,000" is (1000, inf),
"about 11,000" is 11,000 +/- 3%, "between 1,000 and 3,000" is [1000, 3000]); two articles
agree on a row when some figure of one overlaps some figure of the other. A row agrees when
every pair of articles that report it agrees, conflicts otherwise, and is single when only one
article reports it. Conflicts sort first because they are what a reader opens this view for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from store.model import Article, Figure

# How far "about N" reaches either side of N: tight enough that "about 11,000" and
# "about 12,000" conflict, loose enough that "about 2,700" and "2,750" agree.
APPROX_TOLERANCE = 0.03
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
    """True when some figure of ``a`` overlaps some figure of ``b``."""
    return any(interval(x).overlaps(interval(y)) for x in a for y in b)


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
    """agree / conflict / single for one row's cells (empty cells are ignored)."""
    filled = [figs for figs in cells.values() if figs]
    if len(filled) < 2:
        return "single"
    for i in range(len(filled)):
        for j in range(i + 1, len(filled)):
            if not figures_agree(filled[i], filled[j]):
                return "conflict"
    return "agree"


def label_for(key: str, unit: str) -> str:
    """A short row label: the key, with the unit when it is not a plain count."""
    return key if unit == "count" else f"{key} ({unit})"


def compare(articles: Sequence[tuple[int, Article | None, list[Figure]]]) -> Comparison:
    """Compare the figures of 2..N articles: (id, article, figures) in column order.

    The article itself is not read (its figures are); it is accepted so callers can pass what
    they have. A key reported with different units becomes one row per unit, so "$2bn of aid"
    never conflicts with "2,000 tonnes of aid".
    """
    ids = [aid for aid, _, _ in articles]
    units_per_key: dict[str, set[str]] = {}
    for _, _, figs in articles:
        for f in figs:
            units_per_key.setdefault(f.key, set()).add(f.unit)
    groups: dict[tuple[str, str], dict[int, list[Figure]]] = {}
    order: dict[tuple[str, str], int] = {}
    for aid, _, figs in articles:
        for f in figs:
            split = len(units_per_key[f.key]) > 1
            gid = (f.key, f.unit if split else "")
            cells = groups.get(gid)
            if cells is None:
                cells = groups[gid] = {}
                order[gid] = len(order)
            cells.setdefault(aid, []).append(f)
    ranked: list[tuple[int, int, int, CompareRow]] = []
    for gid, cells in groups.items():
        key, split_unit = gid
        unit = split_unit or next(iter(units_per_key[key]))
        label = label_for(key, unit)
        row = CompareRow(key if not split_unit else label, label, row_verdict(cells), cells, unit)
        filled = sum(1 for figs in cells.values() if figs)
        ranked.append((VERDICT_ORDER[row.verdict], -filled, order[gid], row))
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
