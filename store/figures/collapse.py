"""Repeats of one figure in an article collapse into one figure that remembers every place.

Kept apart from extraction: it runs once per article over all its figures, after each part's
figures were read, and knows nothing of the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from store.figures.records import replaced
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD, Figure


def _is_fallback(fig: Figure) -> bool:
    """True for a figure whose key only names its unit (nothing counted was found)."""
    return fig.key == fig.unit.lower()


_PART_ORDER: Final = {PART_KEY_POINT: 0, PART_LEAD: 1, PART_BODY: 2}


def _place_order(place: tuple[str, int, int]) -> tuple[int, int]:
    return _PART_ORDER.get(place[0], 3), place[1]


def _figure_order(fig: Figure) -> tuple[int, int]:
    return _PART_ORDER.get(fig.part, 3), fig.start


def collapse(figures: Iterable[Figure]) -> list[Figure]:
    """One figure per (key, value, unit), remembering every place it appeared.

    A figure with nothing counted ("The AfD took 20.8%") joins a figure of the same value and
    unit that does name its thing ("20.8% of the vote"): the same number said twice in one
    article is the same figure. Only figures that gained places are rebuilt (most appear once).
    """
    seen: dict[tuple[str, float, float, str], int] = {}
    out: list[Figure] = []
    extra: dict[int, list[tuple[str, int, int]]] = {}  # index in ``out`` -> all its places
    fallbacks: list[Figure] = []
    for fig in figures:
        if fig.key == fig.unit.lower():  # _is_fallback, inlined: this loop sees every figure
            fallbacks.append(fig)
            continue
        ident = (fig.key, fig.value_low, fig.value_high, fig.unit)
        idx = seen.get(ident)
        if idx is None:
            seen[ident] = len(out)
            out.append(fig)
        else:
            _add_places(extra, out, idx, fig)
    # The first named figure of each value and unit, which a fallback of that value joins
    # (built only when there are fallbacks; most articles have none).
    named: dict[tuple[float, float, str], int] = {}
    if fallbacks:
        for idx, fig in enumerate(out):
            named.setdefault((fig.value_low, fig.value_high, fig.unit), idx)
    for fig in fallbacks:
        idx = named.get((fig.value_low, fig.value_high, fig.unit))
        if idx is None:
            ident = (fig.key, fig.value_low, fig.value_high, fig.unit)
            idx = seen.get(ident)
            if idx is None:
                seen[ident] = len(out)
                out.append(fig)
                continue
        _add_places(extra, out, idx, fig)
    for idx, pl in extra.items():
        fig = out[idx]
        if len(pl) != len(fig.places):
            out[idx] = replaced(fig, places=tuple(sorted(pl, key=_place_order)))
    out.sort(key=_figure_order)
    return out


def _add_places(
    extra: dict[int, list[tuple[str, int, int]]], out: list[Figure], idx: int, fig: Figure
) -> None:
    """Add the places of ``fig`` to those of ``out[idx]``, the figure it repeats."""
    pl = extra.get(idx)
    if pl is None:
        pl = extra[idx] = list(out[idx].places)
    pl.extend(fig.places)
