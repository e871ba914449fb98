"""Side-by-side comparison of what several articles (or versions of one) report: facts as rows.

Rows are facts (``store.figures.facts``): what is counted, with the qualifier, period and
actor that tell it from other counts of the same thing; columns are the articles. Each row
has a verdict (``store.figures.verdicts``): conflict, revised, agree or single, in that order
of importance, since conflicts are what a reader opens this view for. The same engine compares
the versions of one article, the version order standing for time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from store.figures import periods as pd
from store.figures import render
from store.figures.claims import Claim, make_claims
from store.figures.facts import Fact, align
from store.figures.verdicts import (
    AGREE,
    CONFLICT,
    REVISED,
    SINGLE,
    VERDICT_ORDER,
    Interval,
    agree,
    interval,
    judge,
    row_change,
)
from store.model import Article, Figure

__all__ = [
    "AGREE",
    "CONFLICT",
    "MAX_COMPARED",
    "TOO_MANY",
    "REVISED",
    "SINGLE",
    "CompareRow",
    "Comparison",
    "Interval",
    "VersionChange",
    "compare",
    "compare_versions",
    "compared_versions",
    "figures_agree",
    "interval",
    "row_change",
]
# Keys that already say what happened (no verb is added to their label).
_EVENT_KEYS: Final = frozenset(
    "killed injured casualties missing displaced detained prisoners hostages".split()
)


def figures_agree(a: Sequence[Figure], b: Sequence[Figure]) -> bool:
    """True unless ``a`` and ``b`` clash: for every unit both report, some figure of ``a`` in
    that unit allows a value some figure of ``b`` in it allows."""
    for unit in {f.unit for f in a} & {f.unit for f in b}:
        xs = [f for f in a if f.unit == unit]
        ys = [f for f in b if f.unit == unit]
        if not any(agree(x, y) for x in xs for y in ys):
            return False
    return True


@dataclass
class CompareRow:
    """One fact, the figure(s) each article gives for it, and the verdict.

    ``claims`` are the figures in column order with who says them; ``clashing`` the articles
    whose figures clash with the most others (the odd ones out, marked in the table).
    """

    key: str
    label: str
    verdict: str
    cells: dict[int, list[Figure]] = field(default_factory=dict)
    unit: str = "count"
    qualifier: str = ""
    period: str = ""
    actor: str = ""
    claims: list[Claim] = field(default_factory=list)
    clashing: set[int] = field(default_factory=set)

    @property
    def summary(self) -> str:
        """Who says what: "~11,000 (NIS) vs ~12,000 (US; HUR)", or the revised sequence."""
        return render.claims_summary(self.claims, self.verdict)

    def to_json(self, articles: Sequence[int]) -> dict[str, object]:
        """The public JSON shape of a row (README.md, "Figures and comparison")."""
        out: dict[str, object] = {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "verdict": self.verdict,
            "qualifier": self.qualifier,
            "period": self.period,
            "actor": self.actor,
            "summary": self.summary,
            "claims": [
                {
                    "article": c.article,
                    "published": c.published,
                    "source": c.source,
                    "attribution": c.figure.attribution,
                    "value": render.figure_value(c.figure),
                }
                for c in self.claims
            ],
            "cells": {str(aid): [f.to_json() for f in self.cells.get(aid, [])] for aid in articles},
        }
        return out


@dataclass
class Comparison:
    """The table: article ids in column order and one row per fact.

    ``versions`` is True when the columns are versions of one article, oldest first.
    """

    articles: list[int]
    rows: list[CompareRow]
    versions: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "articles": list(self.articles),
            "versions": self.versions,
            "rows": [r.to_json(self.articles) for r in self.rows],
        }

    @property
    def conflicts(self) -> list[CompareRow]:
        return [r for r in self.rows if r.verdict == CONFLICT]


def _most_common(values: Sequence[str]) -> str:
    values = [v for v in values if v]
    if not values:
        return ""
    return Counter(values).most_common(1)[0][0]


def _head_word(counts: str) -> str:
    words = counts.split()
    return words[-1].lower() if words else ""


def label_for(fact: Fact) -> str:
    """A readable row label: "troops sent · first · 2024", "acre · Palisades fire"."""
    unit = fact.unit
    name = fact.key
    written = _most_common([_head_word(c.figure.counts) for c in fact.claims])
    if written and written != name and written.rstrip("s") == name.rstrip("s"):
        name = written  # "acres" where the key is the singular "acre"
    if not name or name == unit.lower():
        head = unit  # a measure named by its unit: "acres"
    elif unit == "count":
        head = name
    else:
        head = f"{name} ({unit})"
    if fact.key not in _EVENT_KEYS:
        aspect = _most_common([c.aspect for c in fact.claims])
        if aspect and aspect != fact.key:
            head = f"{head} {aspect}"
    parts = [head]
    for value in (fact.wave, fact.scope, fact.rate, fact.actor):
        if value:
            parts.append(value)
    period = fact.period()
    if period:
        parts.append(pd.describe(period))
    return " · ".join(parts)


def _qualifier(fact: Fact) -> str:
    return ", ".join(v for v in (fact.wave, fact.scope, fact.rate, fact.actor) if v)


# The most articles one comparison takes. Why a limit: rows are formed by scoring pairs of
# figures, so the work grows with the square of the figures (100 articles of one story, about
# 1,000 figures, take a few hundred milliseconds; 500 would take seconds), and a table of more
# columns than this is read by no one.
MAX_COMPARED: Final = 100
TOO_MANY: Final = f"Compare at most {MAX_COMPARED} articles at a time."


def compared_versions(ids: Sequence[int]) -> list[int]:
    """The versions (ids, oldest first) a comparison of versions shows: all of them, or the
    first and the latest ``MAX_COMPARED - 1`` (a live page updated all day)."""
    if len(ids) <= MAX_COMPARED:
        return list(ids)
    return [ids[0], *ids[len(ids) - MAX_COMPARED + 1 :]]


def compare(
    articles: Sequence[tuple[int, Article | None, Sequence[Figure]]],
    *,
    versions: bool = False,
    weights: tuple[float, ...] | None = None,
    threshold: float | None = None,
) -> Comparison:
    """Compare the figures of 2..MAX_COMPARED articles: (id, article, figures) in column
    order (more raise ValueError with ``TOO_MANY``; callers check first).

    With ``versions`` the columns are versions of one article, oldest first: the version order
    is the order in time (their publication dates may all be the same). ``weights`` and
    ``threshold`` replace the fitted ones (``bench/fit_alignment.py`` scores a story left out
    with weights fitted on the others: passed, since a compiled module sees no patched name).
    """
    if len(articles) > MAX_COMPARED:
        raise ValueError(TOO_MANY)
    ids = [aid for aid, _, _ in articles]
    dates = [f"v{n:04d}" for n in range(len(articles))] if versions else None
    facts = align(make_claims(articles, dates=dates), weights, threshold)
    ranked: list[tuple[int, int, int, CompareRow]] = []
    for order, fact in enumerate(facts):
        judgement = judge(fact, versions=versions)
        cells: dict[int, list[Figure]] = {}
        for claim in fact.claims:
            cells.setdefault(claim.article, []).append(claim.figure)
        clashing = {fact.claims[i].article for i in judgement.clashing}
        row = CompareRow(
            key=fact.key,
            label=label_for(fact),
            verdict=judgement.verdict,
            cells=cells,
            unit=fact.unit,
            qualifier=_qualifier(fact),
            period=fact.period(),
            actor=fact.actor,
            claims=list(fact.claims),
            clashing=clashing,
        )
        ranked.append((VERDICT_ORDER[row.verdict], -len(cells), order, row))
    ranked.sort(key=lambda t: t[:3])
    return Comparison(ids, [t[3] for t in ranked], versions)


@dataclass
class VersionChange:
    """How one fact changed between the oldest and the newest version of an article."""

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


CHANGE_RANK = {"changed": 0, "added": 1, "removed": 2, "same": 3}


def changes_of(comparison: Comparison) -> list[VersionChange]:
    """What changed in each fact from the first column to the last, changed rows first."""
    if not comparison.articles:
        return []
    first, last = comparison.articles[0], comparison.articles[-1]
    out = [
        VersionChange(
            row.key,
            row.label,
            row_change(row, first, last),
            row.cells.get(first, []),
            row.cells.get(last, []),
        )
        for row in comparison.rows
        if row.cells.get(first) or row.cells.get(last)
    ]
    out.sort(key=lambda c: CHANGE_RANK[c.status])
    return out


def compare_versions(old: Sequence[Figure], new: Sequence[Figure]) -> list[VersionChange]:
    """What changed in the figures between an older and a newer version of one article."""
    return changes_of(compare([(0, None, list(old)), (1, None, list(new))], versions=True))
