"""A length of time written in parts is one figure: "1 hour 40 minutes", "three hours and 20
minutes", "two hours, 14 minutes and 37 seconds".

Why: each part is read as a figure of its own, and neither is the length reported: "1 hour"
and "40 minutes" would each be compared as a duration, and the first would agree with any
other "1 hour". The parts join into one figure in the smallest unit written (100 minutes),
exactly, so two outlets giving the same time in other words still agree.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures.numbers import NUMBER_WORDS
from store.figures.records import replaced
from store.model import Figure

# Each unit and the next smaller one it splits into, with how many of those it holds.
_SPLITS: Final = {"weeks": ("days", 7), "days": ("hours", 24), "hours": ("minutes", 60)}
_SPLITS_SECONDS: Final = {"minutes": ("seconds", 60)}
# What may join a part (its unit word included in the figure, or not) to the next part.
_JOINT_RE: Final = re.compile(
    r"(?:[ \u00a0]*(?:weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b)?"
    r"(?:,?[ \u00a0]+and[ \u00a0]+|,[ \u00a0]*|[ \u00a0]+)$"
)


def _smaller(unit: str) -> tuple[str, int] | None:
    return _SPLITS.get(unit) or _SPLITS_SECONDS.get(unit)


def join_durations(text: str, figures: list[Figure]) -> list[Figure]:
    """``figures`` of ``text`` (in order) with each run of duration parts joined into one."""
    if len(figures) < 2:
        return figures
    out: list[Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        if prev is not None and _joins(text, prev, fig):
            step = _smaller(prev.unit)
            assert step is not None  # _joins checked it
            value = prev.value_low * step[1] + fig.value_low
            out[-1] = replaced(
                prev,
                key=fig.unit if _unnamed(prev) else prev.key,
                value_low=value,
                value_high=value,
                unit=fig.unit,
                end=fig.end,
                places=((prev.part, prev.start, fig.end),),
            )
            continue
        out.append(fig)
    return out


def _unnamed(fig: Figure) -> bool:
    """Whether a part's key names nothing but its unit or a number word ("two hours
    fourteen minutes" read "fourteen" as what the hours counted)."""
    return fig.key == fig.unit or fig.key in NUMBER_WORDS


def _joins(text: str, prev: Figure, fig: Figure) -> bool:
    """Whether ``fig`` is the next smaller part of the length of time ``prev`` began."""
    step = _smaller(prev.unit)
    if step is None or fig.unit != step[0] or fig.part != prev.part:
        return False
    if prev.value_low != prev.value_high or fig.value_low != fig.value_high:
        return False  # a range is no part of one length
    if prev.change or fig.change or not 0 <= fig.value_low < step[1]:
        return False  # "up 2 hours, 30 minutes late": two figures; "1 hour 90 minutes": no
    gap = text[prev.end : fig.start]
    return len(gap) <= 16 and _JOINT_RE.match(gap) is not None
