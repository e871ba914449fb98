"""What a pointer to a number ("the figure", "the number") counts when its own sentences
name nothing: the thing its article counted nearest before it.

Kept apart from ``store.figures.claims`` (which builds the claims and calls this) so that
module stays readable; it reads only the claims already built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from store.model import Figure

if TYPE_CHECKING:
    from store.figures.claims import Claim

_PART_ORDER: Final = {"lead": 0, "key_point": 1, "body": 2}


def _place_key(part: str, start: int) -> tuple[int, int]:
    return _PART_ORDER.get(part, 3), start


def last_counted(
    claims: Sequence[Claim], column: int, unit: str, figure: Figure, elliptic: frozenset[str]
) -> Claim | None:
    """What "the figure" or "the number" points back to when its sentences name nothing
    ("Kastrel said 148 workers were on site. The union put the figure at 200"): the claim of
    the thing the same article counted last before it in the same unit, None when there is
    none. A figure said again (lead, then body) stands where it is said nearest before."""
    here = _place_key(figure.part, figure.start)
    best: tuple[int, int] = (-1, -1)
    found: Claim | None = None
    for claim in reversed(claims):
        if claim.column != column:
            break
        if claim.unit != unit or not claim.key or claim.key in elliptic:
            continue
        places = claim.figure.places or ((claim.figure.part, claim.figure.start, 0),)
        for part, start, _ in places:
            at = _place_key(part, start)
            if best < at < here:
                best, found = at, claim
    return found


# Words that open a part of the count before them ("among them 9,000 from Velby").
SUBSET_OPENERS: Final = (
    ["of", "them"],
    ["of", "whom"],
    ["of", "which"],
    ["among", "them"],
    ["among", "whom"],
)


def whole_before(claims: Sequence[Claim], column: int, figure: Figure) -> str:
    """The key of the count said shortly before ``figure`` in its part (in any of that
    count's places: a figure said again is one figure), "" when there is none."""
    for claim in reversed(claims):
        if claim.column != column:
            return ""
        before = claim.figure
        places = before.places or ((before.part, before.start, before.end),)
        if claim.unit == "count" and any(
            p == figure.part and 0 < figure.start - s < 120 for p, s, _ in places
        ):
            return claim.key
    return ""
