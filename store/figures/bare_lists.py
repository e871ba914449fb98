"""Bare numbers whose place in a list or a clause says what they count: the next item of a
list ("6,200 in Tarnby and 2,719 in Holm", "..., in Northgate 1 156"), a gapped clause
("Kelmar has 14 outbreaks, Orsenna six"), a part after a partitive opening ("Of the 17 cars,
11 ...", "Of those, 12 ..."), a number that opens its sentence with a verb of being ("Nine
were in serious condition.").

Kept apart from ``bare`` (cues, hedges, labels, ages): these read the shape of the sentence
around the number rather than the words next to it.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import around as ar
from store.figures.lexicon import EVENT_GROUPS, Lexicon
from store.model import Figure

# A sentence opened by the whole its number is part of: "Of the 17 cars, 11 ...", "Of those,
# 35,900 ...", "Among the injured, 12 ...", "Of the homes still without power, 41,000 ...".
_PARTITIVE_RE: Final = re.compile(
    r"(?:of|among) (?:the|those|these|them|whom|which)\b(?P<whole>[^;:,]*)(?:,[^;:,]*)?, "
    r"(?:about |some |nearly |around |almost |more than |at least |only |just )?$"
)
# A sentence that opens with a bare number and a verb of being or staying ("Nine were in
# serious condition."): a part of the thing the sentence before counted.
_OPENING_STATE_RE: Final = re.compile(r" (?:were|are|have been|had been|remain(?:ed)?|died)\b")


def partitive_whole(text: str, lower: str, start: int, lexicon: Lexicon) -> str | None:
    """For a number after a partitive opening, what the whole counts: "" when the opening
    points back ("Of those,") or holds a number of its own (its count gives the key), the
    key of its noun when it names one ("Of the homes still without power,"), None when the
    sentence opens otherwise."""
    lo, _ = ar.sentence_around(text, start)
    m = _PARTITIVE_RE.fullmatch(lower, lo, start)
    if m is None:
        return None
    whole = m.group("whole").split()
    if not whole or any(ch.isdigit() for ch in m.group("whole")):
        return ""
    noun = whole[0]
    return lexicon.key_for_noun(noun) if noun.isalpha() and noun.endswith("s") else ""


def opening_state(text: str, lower: str, start: int, end: int, value: float) -> bool:
    """Whether a small bare number opens its sentence and is followed by a verb of being or
    staying ("Nine were in serious condition.", "Two remain missing.")."""
    if value >= 1000:
        return False
    lo, _ = ar.sentence_around(text, start)
    return lo == start and _OPENING_STATE_RE.match(lower, end) is not None


# What follows the items of a list of one count by place or group: "6,200 in Tarnby and
# 2,719 in Holm", "120 on Monday and 85 on Tuesday", "40 among adults and 12 among children".
# What follows an item of a list of one count: where or when, perhaps after "more" ("8 in
# Holm and 3 in Lisk", "six on Tuesday and three more overnight").
_LIST_ITEM_RE: Final = re.compile(
    r" (?:more |other |others |additional |still )?"
    r"(?:(?:in|at|on|from|among|across|near|after|before|to|off|around|during|aboard|for"
    r"|against) (?=[a-z])"
    r"|(?:overnight|yesterday|today|tonight)\b)"
)
# The next item of a list that says how the thing stands: "11 have been located and six are
# still missing". Only after a count of a thing: after an event ("12 were killed and 30
# were injured") the verb names another count.
_LIST_STATE_RE: Final = re.compile(r" (?:still )?(?:were|are|remain(?:ed)?)\b")


# Marks that open the next item of a list: "8 in Holm, 3 in Lisk", "390 in all: 210 in the
# first round", "76 of them divers - 36 in the first shift".
_JOINTS: Final = frozenset({", ", ": ", "- ", "– ", "; "})


def list_item(
    text: str,
    lower: str,
    rest: list[str],
    start: int,
    end: int,
    prev: Figure | None,
    counted: Figure | None,
) -> bool:
    """Whether a bare number after "and" or a comma is followed by where or when it counts,
    like the item before it ("... 8 in Holm and 3 in Lisk"), after a count that named its
    thing (``counted``) or a bare one (``bare_count``)."""
    after_joint = (
        rest[-1:] in (["and"], ["after"], ["plus"], ["including"])
        or text[start - 2 : start] in _JOINTS
        or rest[-2:] in (["as", "were"], ["as", "was"], ["as", "did"], ["as", "had"])
    )  # "..., as were six on the Sonnhang": the same verb and thing as the count before
    if not after_joint:
        return False
    if _LIST_ITEM_RE.match(lower, end) is not None:
        return counted is not None or bare_count(prev, text, start)
    return (
        counted is not None
        and counted.key not in EVENT_GROUPS
        and _LIST_STATE_RE.match(lower, end) is not None
        and ar.sentence_around(text, counted.start) == ar.sentence_around(text, start)
    )


# The subject of a gapped clause between a list joint and its number: "..., Orsenna six",
# "... and the Green Alliance 38", "..., in Northgate 1 156", "... and Ilsk for 1,123".
_GAPPED_RE: Final = re.compile(
    r"(?:, |,? and )(?:(?:in|at|for|from|on) )?(?:the )?"
    r"(?:[A-Z][\w'’-]*|[a-z]+)(?: [A-Z][\w'’-]*){0,3}(?: (?:for|in|at|with))? $"
)
_GAP_END_RE: Final = re.compile(r"\s*(?:[.,;:)]|$)")


def gapped_item(text: str, start: int, end: int, counted: Figure | None) -> bool:
    """Whether a bare number closes a gapped clause after a count of a thing in its sentence:
    "Kelmar has 14 confirmed outbreaks, Orsenna six", "the Civic Front controls 71 seats and
    the Green Alliance 38", "the police counted 6 500, the organisers 12 000". The verb and
    the noun are left out because they are the first clause's, so is what is counted."""
    if counted is None or counted.end > start:
        return False
    if ar.sentence_around(text, counted.start) != ar.sentence_around(text, start):
        return False
    if _GAP_END_RE.match(text, end) is None:
        return False
    return _GAPPED_RE.search(text, max(counted.end, start - 50), start) is not None


def bare_count(prev: Figure | None, text: str, start: int) -> bool:
    """Whether the figure before, in the sentence of ``start``, is a count that names nothing
    ("17 remain in the north gallery"): the next item of its list counts the same thing."""
    return (
        prev is not None
        and prev.unit == "count"
        and prev.key == "count"
        and ar.sentence_around(text, prev.start) == ar.sentence_around(text, start)
    )
