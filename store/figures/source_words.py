"""Which words of a mention can name a source ("the commission's partial count" -> "the
commission", "Veritas Polling published last week" -> "Veritas Polling"), and which written
names read as news outlets. A reader would rather see no credit than "Monday evening",
"percent of polling stations" or "will start taking" given as one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from store.figures import numbers as nb
from store.figures.sources import DATA_WORDS, PRONOUNS, TIME_WORDS

# The same with the words that only name a count's owner after it ("the projection of X").
_OWNED_WORDS: Final = DATA_WORDS | {
    "figure",
    "counts",
    "projection",
    "projections",
    "result",
    "results",
    "measurement",
    "measurements",
    "readings",
    "calculations",
    "calculation",
    "estimation",
    "estimations",
    "accounts",
}
_OWNED: Final = "|".join(sorted(_OWNED_WORDS))
# "the commission's partial count", "Vantorre's quarterly report": the owner of the count or
# of the document ("the report" alone points back to a source named before it).
_OWNED_DATA_RE: Final = re.compile(
    rf"^(?P<owner>.+?)['’]s?\s+(?:[a-z]+\s+)?(?:{_OWNED}|report|statement|filing|website)$"
)
_DATA_OF_RE: Final = re.compile(
    rf"^(?:(?:the|a|an|its|their)\s+)?(?:[a-z]+\s+)?(?:{_OWNED})\s+(?:of|from|by)\s+"
    r"(?P<owner>.+)$"
)
# "a Veritas Polling survey released on Wednesday": a name written before its data word.
_NAMED_DATA_RE: Final = re.compile(
    rf"^(?:(?:[Tt]he|[Aa]n?)\s+)?(?P<owner>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){{0,3}})\s+"
    rf"(?:(?:latest|new|own|weekly|monthly)\s+)?(?:{_OWNED})\b"
)
# "a stock exchange filing", "the ministry's data": a body named in lowercase before its data.
BODY_DATA_RE: Final = re.compile(
    rf"^(?:(?:the|a|an)\s+)?(?P<owner>(?:[a-z]+\s+){{0,2}}(?:exchange|ministry|police|company"
    rf"|bank|agency|union|authority|regulator|club|council|commission|institute|office"
    rf"|service|department))\s+(?:filings?|{_OWNED})$"
)
# A participle after a name says when or how its numbers came out; no name goes on past it.
_MADE_RE: Final = re.compile(
    r"\s+(?:published|released|issued|conducted|commissioned|carried|made)\b(?:\s|$)"
)
# What a number is "according to" that names no one: a rule, a plan, a clause of a law.
_NO_SOURCE_WORDS: Final = frozenset(
    "article section clause paragraph chapter law regulation decree rules schedule plan "
    "timetable".split()
)
# The last word of an outlet's name ("Orsland Wire", "Harbour Today"), or how one ends
# ("Kaledpress", "Northwire"): a relay, which gives way to the source it names.
_OUTLET_LAST: Final = frozenset(
    "wire press news today post herald gazette times tribune journal ledger courier daily "
    "live radio tv online chronicle observer mail express monitor bulletin".split()
)


def outlet_like(written: str) -> bool:
    """Whether a written source reads as a news outlet by its name ("the Varnholt Gazette",
    "Ardpress", "Northwire"): who relays numbers more often than who counts them."""
    words = written.split()
    if not words or not words[-1][:1].isupper():
        return False
    last = words[-1].lower().strip(".,;:'’\"”")
    return last in _OUTLET_LAST or (len(last) > 5 and last.endswith(("press", "wire")))


# Words no name ends with: a modal or an auxiliary before a verb, or "to" before one.
_NEVER_LAST: Final = frozenset(
    "can could may might will would should must shall to have has had been be is are was were "
    "do does did who not".split()
)
# Words of a number or a share of things: no source is named by one.
_NUMBER_NAMES: Final = frozenset(
    "hundred hundreds thousand thousands million millions billion billions trillion dozen "
    "dozens".split()
)
_QUANTIFIERS: Final = frozenset({"most", "all"})
# Words that say which of a body's numbers, not whose: "final figures", "official data".
DATA_ADJECTIVES: Final = frozenset(
    "final official latest new preliminary provisional updated partial early first".split()
)
# A number word alone ("Two counts", a heading) is no source either.
_NUMBER_WORDS: Final = frozenset(
    "one two three four five six seven eight nine ten eleven twelve both".split()
)
# A lowercase word run on into "the" and a subject; not when the word links the two ("the
# head of the union", "police in the capital").
_RUN_ON_RE: Final = re.compile(r"^[A-Za-z][\w\s-]*?\b([a-z]+)\s+(the\s+\S.*)$")
_PLACE_THEN_THE_RE: Final = re.compile(r"^([A-Z][\w'’-]*)\s+(the\s+[a-z].*)$")
_LINKS: Final = frozenset(
    "of and or for to from by with at in on into over under about against between than as "
    "is are was were".split()
)
_NUMBER_IN_RE: Final = re.compile(r"(?:^|\s)\d|\d[.,]\d")
_SAID_RE: Final = re.compile(r"\s+(?:said|says|say|told|added)\b")


@lru_cache(maxsize=4096)
def source_words(written: str) -> str:
    """The words of a mention that can name a source, "" when none can: a time ("Monday
    evening"), a share ("percent of polling stations") or words with a number in them are no
    source; a count's owner is ("the commission's partial count" -> "the commission"); a
    name run on into its verb and object is cut ("the Institute said the 44.6C")."""
    text = written.strip()
    said = _SAID_RE.search(text)
    if said is not None and said.start() > 0:
        text = text[: said.start()]
    if _NUMBER_IN_RE.search(text) is not None:
        return ""  # "CSI 300", "RM12.90 and CIMB": a number, not a name (a code like "SO15" is)
    lowered = text.lower()
    if "percent" in lowered or "per cent" in lowered or "%" in lowered:
        return ""
    made = _MADE_RE.search(text)
    if made is not None and made.start() > 0:
        text = text[: made.start()]  # "Veritas Polling published last week": the pollster
        lowered = text.lower()
    for pattern in (_OWNED_DATA_RE, _DATA_OF_RE, _NAMED_DATA_RE, BODY_DATA_RE):
        owner = pattern.match(text)
        if owner is not None:
            text = owner.group("owner").strip()
            lowered = text.lower()
    words = [w for w in lowered.split() if w not in ("the", "on", "in", "at", "by")]
    if (
        any(w in _NUMBER_NAMES for w in words)
        or (words and words[0] in _QUANTIFIERS)
        or (len(words) == 1 and words[0] in _NUMBER_WORDS)
    ):
        return ""  # "4.8 million (registered)", "(with) most polling stations (counted)"
    placed = _PLACE_THEN_THE_RE.match(text)
    if placed is not None and placed.group(1).lower() not in _LINKS:
        return source_words(placed.group(2))  # "(At) Ondavik the harbour board('s tally)"
    run_on = _RUN_ON_RE.search(text)
    if run_on is not None and run_on.group(1).lower() not in _LINKS:
        # "(On its) leak site the gang (claims)": a phrase of place or time, then the subject
        return source_words(text[run_on.start(2) :])
    if not words or all(w.removesuffix("'s").strip(".,") in TIME_WORDS for w in words):
        return ""
    if words and words[-1] in _OWNED_WORDS and all(w in DATA_ADJECTIVES for w in words[:-1]):
        return ""  # "according to projections from ...", "final figures put": no owner read
    if all(w in ("according", "to", "as", "per") for w in words):
        return ""  # the words of a credit without its name
    if len(words) == 1 and len(words[0]) >= 8 and words[0].endswith("ing") and text[:1].isupper():
        return ""  # "Rebuilding put at €240m", "Shelling killed 12": a deed, no name
    if len(words) > 1 and words[-1] in PRONOUNS:
        return ""  # "(the 3,200) cuts it (announced)": a clause, no name
    if words[-1] in _NEVER_LAST:
        return ""  # "Passengers can (claim ...)", "(been) told to": a clause, not a name
    if words and words[-1] in _NO_SOURCE_WORDS and all(w in ("a", "an") for w in words[:-1]):
        return ""  # "according to Article 214", "according to a schedule"
    return text


def opens_with_number(text: str) -> bool:
    """Whether a subject opens with a number, digits or spelled ("Nineteen tornadoes"): what
    is counted, never who counted it."""
    words = text.split()
    first = words[0].lower() if words else ""
    return first[:1].isdigit() or first in nb.UNITS or first in nb.TENS


# A number right before a subject, not a year or a clock ("34 outbreaks", "1 900 homes"; not
# "In 2024 police", "At 14:05 the officer", "2,070, the union").
_NUMBER_BEFORE_RE: Final = re.compile(r"(?<![\w.,:])(?!(?:19|20)\d\d\s+$)\d(?:[\d,. ]*\d)?\s+$")


def counted_after_number(sentence: str, start: int) -> bool:
    """Whether the subject at ``start`` follows a number written in digits, other than a
    year: the subject is then what the number counts ("34 outbreaks confirmed")."""
    return _NUMBER_BEFORE_RE.search(sentence, max(0, start - 16), start) is not None


def in_common_nouns(text: str) -> bool:
    """Whether a subject is written in common nouns only ("The waiting list"), no name."""
    words = text.split()
    return (
        bool(words)
        and not any(w[:1].isupper() for w in words[1:])
        and (text[:1].islower() or words[0] in ("The", "A", "An"))
    )
