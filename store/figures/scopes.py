"""Scopes that keep a count apart from the whole it is part of or exceeds: "including 12
children", "96 of the passengers", "overloaded by 33 passengers".

Kept apart from ``store.figures.claims`` because they are read from the words around a
number alone, and ``store.figures.facts`` never lets a part or an excess share a row with a
whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from store.figures.lexicon import EVENT_GROUPS, Lexicon
from store.model import Figure

# The scope of a count that is a part of a whole named before it: "including 12 children",
# "among the dead were 12 children", "the dead include 3 firefighters".
PART: Final = "part"
_PART_WORDS: Final = frozenset({"including", "include", "includes", "included", "among"})
OF_THEM: Final = (["of", "them"], ["of", "whom"], ["of", "which"])
_PART_OF: Final = (["of", "the"], ["of", "those"], ["of", "these"], ["of", "their"], ["of", "its"])


def part_scope(
    left: Sequence[str],
    right: Sequence[str],
    unit: str,
    event: bool = False,
    lex: Lexicon | None = None,
    after: str = "",
) -> str:
    """EXCESS for a difference, PART for a part of a whole, else "".

    ``event``: the count is of something that happened to what it counts (killed, rescued):
    "six of its troops died" and "28,000 of its passengers are stranded" are the whole count
    of the dead or stranded, not a part of it, unless the whole named is itself that event's
    ("12 of the dead were in Marrit"); ``lex`` says which nouns name events."""
    if _difference(left, right, unit, after):
        return EXCESS
    if unit == "count" and not _PART_WORDS.isdisjoint(w.lower() for w in left[-4:]):
        return PART
    if unit == "count" and [w.lower() for w in right[:2]] in _PART_OF:
        if event and lex is not None and len(right) > 2 and not _names_event(right[2], lex):
            return ""
        return PART  # "96 of the passengers were foreigners"
    if unit == "count" and [w.lower() for w in left[-2:]] in OF_THEM:
        return PART  # "1,820 cases, of which 260 were confirmed"
    return ""


# The scope of a count that is a difference from another: "overloaded by 33 passengers",
# "33 more passengers than allowed". Never the same fact as the whole count.
EXCESS: Final = "excess"


def _names_event(word: str, lex: Lexicon) -> bool:
    """Whether a noun names what happened to people ("the dead", "the injured")."""
    return lex.group_of(word.lower()) in EVENT_GROUPS


def _difference(left: Sequence[str], right: Sequence[str], unit: str, after: str) -> bool:
    """A count that is a difference, written right after a participle of exceeding or change
    and "by" ("overloaded by 33 passengers", "the target was surpassed by 40") or before
    "more ... than": the excess, never the whole count."""
    if unit != "count":
        return False
    ahead = [w.lower() for w in right[:4]]
    if right and right[-1].lower() == "than" and len(right) <= 4:
        # "58 dead, more than 200 injured": the words stop at the next number, whose hedge
        # the "more than" is
        ahead = ahead[:-2]
    if "more" in ahead[:1] and "than" in ahead:
        return True
    if ahead[1:2] == ["more"] and "than" in ahead:
        more = _MORE_RE.search(after)
        if more is None or "," not in after[: more.start()]:
            return True  # "33 passengers more than allowed", not "3,140 jobs, more than it said"
    lows = [w.lower() for w in left[-5:]]
    while lows and lows[-1] in _HEDGE_TOKENS:
        lows.pop()  # "overloaded by at least 33"
    return (
        len(lows) >= 2
        and lows[-1] == "by"
        and (
            lows[-2] in _BY_DIFFERENCE
            or (lows[-2].startswith(("over", "out")) and lows[-2].endswith("ed"))
        )
    )


_MORE_RE: Final = re.compile(r"\bmore\b", re.IGNORECASE)
_HEDGE_TOKENS = frozenset("at least more than about some nearly almost around over up to".split())
# Participles whose "by" gives a difference ("exceeded the limit by 40", "overloaded by 33"):
# after any other, "by" names who did it ("attended by 58,730 spectators", "started by more
# than 18,000 runners", "joined by 85 more", "supported by six air tankers").
_BY_DIFFERENCE: Final = frozenset(
    """
    exceeded surpassed topped beaten missed trailed failed increased decreased raised reduced
    lowered dropped declined climbed jumped slipped widened narrowed
    """.split()
)


# "€10,000 (about $11,700) each": a sum for each one, past a conversion in brackets.
_EACH_AFTER_RE: Final = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:each|apiece|(?:to|for)\s+(?:the\s+\w+\s+of\s+)?each\s)"
)


def each_after(figure: Figure, at: int) -> str:
    """ "per person" when "each" follows the number (past a bracket: "€10,000 (about
    $11,700) to the family of each victim"), else ""."""
    if at < 0:
        return ""
    end = at + max(1, figure.end - figure.start)
    return "per person" if _EACH_AFTER_RE.match(figure.sentence, end) else ""
