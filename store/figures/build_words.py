"""The word lists and small tests the figure build (``build``) reads around a number.

Apart from the build step so that step stays one readable function: which nouns a hyphenated
number counts ("six-cylinder"), which words make a spelled "one" a pronoun, which verbs make
"up to N" a level reached, and whether "points" are percentage points or index points.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import units as un
from store.figures.around import sentence_around, sentence_span
from store.model import Figure

# Units after which a noun is never the counted thing ("15% month on month").
OF_ONLY_UNITS: Final = un.SHARES | frozenset({"°C", "°F", "x"})
# Nouns after a hyphenated number that are what it counts ("six-cylinder", "8-speed").
HYPHEN_NOUNS: Final = frozenset(
    """
    cylinder seat seater door speed member storey story bedroom bed game match man person
    page lane core wheel engine nation country state party point star
    """.split()
)
# Nouns after a hyphenated duration that make it the name of an instrument, not a figure.
TENOR_RE: Final = re.compile(
    r"(?i)(?:bonds?|notes?|yields?|treasur(?:y|ies)|gilts?|bunds?|jgbs?|delivery|futures|bills?"
    r"|swaps?|paper|maturity|tenor)\b"
)
# Words before a duration that make it a period of time referred to, not a quantity
# ("in the final three months", "over the past 12 months").
PERIOD_BEFORE: Final = frozenset({"last", "past", "previous", "next", "final", "first", "coming"})
# Words of STOP that are never what a hyphenated measure describes.
NOT_HEADS: Final = frozenset(
    """
    the a an of in on at to from by for with and or but as that which who was is are were
    """.split()
)
# "one of", "one another": a pronoun, not a count ("one officer" is a count).
ONE_OF_RE: Final = re.compile(r" (?:of|another)\b", re.IGNORECASE)
# What a spelled "one" counts besides people and events ("one count of bribery").
ONE_COUNTS: Final = frozenset(
    """
    count charge goal seat vote medal title run try wicket case death point victory win
    game match set frame lap shot stroke race round hole
    """.split()
)
# Words before a spelled "one" that make it a pronoun: "no one", "the one", "at one point".
ONE_BEFORE: Final = frozenset(
    {"no", "the", "any", "every", "each", "this", "that", "which", "at", "another"}
)
# Verbs of movement before "up to N" that make it a level reached, not "at most N".
MOTION_VERBS: Final = frozenset(
    {
        "went",
        "go",
        "goes",
        "rose",
        "grew",
        "shot",
        "crept",
        "ticks",
        "edges",
        "moves",
        "climbs",
        "jumps",
        "rises",
        "is",
        "was",
        "be",
        "been",
    }
)
# Units of a change written before a level ("8.5 points to 1,624").
# Words after a unit of measure that name what it measures: not "in", which after a measure
# says where or when ("6,120 MW in the south", "12 mm in an hour").
MEASURE_OF_WORDS: Final = frozenset({"of", "for"})
MOVE_UNITS: Final = frozenset({"points", "%", "pp", "bp"})
# Verbs that with "up" or "back" say a thing lost what it had gained: "the index gave up 412
# points", "the shares gave back 3%" are falls, whatever "up" says alone.
GIVE_VERBS: Final = frozenset("give gives gave given giving".split())
# Verbs a following "up"/"down" is a particle of ("touched down", "shot down").
PARTICLE_VERBS: Final = frozenset(
    "touched touches shot shoots broke breaks shut wound knocked turned backed set sat"
    # "made up 61.4%", "makes up a third": to make up is to amount to, never a rise
    " make makes made making".split()
)
# Verbs of getting money that are no change of it ("raised $40m from investors").
RAISED_MONEY: Final = frozenset(
    "raised raises raise raising recovered recovers recover recovering".split()
)
# Words before a number that compare it with the figure just before ("up from 45,000").
REFERENCE_WORDS: Final = frozenset({"from", "against", "versus", "vs", "with"})
EVENT_KEYS: Final = frozenset(
    {"killed", "injured", "casualties", "missing", "displaced", "detained", "prisoners"}
)
CLAUSE_END_CHARS: Final = frozenset({".", ",", ";", ":", ")", "!", "?", ""})


_INDEX_WORDS_RE = re.compile(
    r"(?i)\b(?:index|indices|stocks?|shares|dow|nasdaq|s&p|ftse|nikkei|kospi|sensex|nifty|dax"
    r"|cac|hang seng|asx|tsx|ibovespa|bourse|market|points? in|klci|stoxx|topix|jse|psei)\b"
)


def poll_points(text: str, start: int, value: float) -> bool:
    """True when "points" are percentage points: a small change in a sentence of shares (a
    "%" nearby) that names no market index, whose points are index points."""
    if value > 30:
        return False
    lo, hi = sentence_around(text, start)
    sentence = text[lo:hi]
    if "%" not in sentence and "per cent" not in sentence and "percent" not in sentence:
        return False
    return _INDEX_WORDS_RE.search(sentence) is None


def is_fallback(fig: Figure) -> bool:
    """True for a figure whose key only names its unit (nothing counted was found)."""
    return fig.key == fig.unit.lower()


class SentenceSpans:
    """The bounds of the last sentence found in one text, reused for the next number in it.

    Why: most figures share their sentence with the one before ("between 1,000 and 3,000 ...,
    up from 500"), and ``sentence_span`` reverses and searches the text around every number.
    The answer is the same for every offset inside a sentence (its start is the last sentence
    end at or before the offset, and no end lies between that start and the sentence's own
    end), so an offset inside the last span found takes that span without a search. One object
    serves one text and is dropped with it: nothing is kept between texts or articles.
    """

    __slots__ = ("lo", "hi")

    def __init__(self) -> None:
        self.lo, self.hi = 0, -1  # no span yet: no offset lies inside it

    def span(self, text: str, pos: int, floor: int) -> tuple[int, int]:
        """``sentence_span(text, pos, floor)`` for the text this object serves."""
        if self.lo <= pos < self.hi:
            return self.lo, self.hi
        lo, hi = sentence_span(text, pos, floor)
        if pos >= 0:  # (a negative offset is clamped to 0: never the span of other offsets)
            self.lo, self.hi = lo, hi
        return lo, hi
