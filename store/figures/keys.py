"""Keys a first reading gets wrong: the word it lands on names the change or the measure, and
the counted thing is one step further.

"a 3% drop in sales" counts sales, not the drop; "3.7 million units" of shipments counts
shipments, not units. Each rule here takes the key the noun-phrase reading gave and looks one
step on, only when that key is one of these words, so other figures never pay for it.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import counted as ct
from store.figures import subject as sj
from store.figures import units as un
from store.figures.around import sentence_around
from store.figures.candidates import Cand
from store.figures.lexicon import Lexicon
from store.model import Figure

# Nouns of a change after a number ("a 3% drop in sales"): the thing is after "in"/"of".
CHANGE_HEADS: Final = frozenset(
    """
    drop fall rise increase decrease decline gain jump surge slump dip cut reduction growth
    hike climb slide plunge tumble
    """.split()
)
# Counters that name no thing ("289.4 million units"): the subject of the clause does.
GENERIC_COUNTERS: Final = frozenset({"unit", "item", "piece"})
_IN_OF: Final = frozenset({"in", "of"})


def changed_thing(text: str, pos: int, head: str, lexicon: Lexicon) -> str:
    """What a change noun after a number is a change in ("a 3% drop in sales" -> "sale"), or
    "" when no "in"/"of" phrase follows the noun."""
    words = ct.right_words(text, pos)
    for i, raw in enumerate(words[:3]):
        if raw.rstrip(".,;:!?)").lower() == head:
            rest = words[i + 1 :]
            if raw[-1:] in ".,;:!?)" or not rest or rest[0].lower() not in _IN_OF:
                return ""
            return ct.read_of_phrase(rest, lexicon).key
    return ""


# Where "Rs" is written: the rupee of the country the text names nearest to the sum.
_RUPEE_PLACES: Final = re.compile(
    r"\b(?P<PKR>pakistan|pakistani|karachi|lahore|islamabad|rawalpindi|peshawar)"
    r"|(?P<LKR>sri lanka|sri lankan|colombo)"
    r"|(?P<NPR>nepal|nepali|nepalese|kathmandu)"
    r"|(?P<INR>india|indian|delhi|mumbai|bengaluru|kolkata|chennai|sensex|nifty)\b"
)


def rupee_of(lower: str, pos: int) -> str:
    """The ISO code of "Rs" at ``pos``: the rupee of the country named nearest to it in the
    text (Pakistan, Sri Lanka, Nepal or India), INR when none is named."""
    best, code = len(lower) + 1, "INR"
    for m in _RUPEE_PLACES.finditer(lower):
        gap = abs(m.start() - pos)
        if gap < best:
            best, code = gap, m.lastgroup or "INR"
    return code


def multiplier_of(text: str, start: int, prev: Figure | None, part: str) -> Figure | None:
    """The sum a fraction set off after it measures ("fined EUR25m, a tenth of its profit":
    the fine is 0.1 times the profit), or None."""
    if prev is None or prev.part != part or prev.unit not in un.MONEY:
        return None
    between = text[prev.end : start]
    if "," not in between or len(between) > 12:
        return None
    hedge = between.replace(",", " ").split()
    return prev if all(w.lower() in _HEDGES for w in hedge) else None


_HEDGES = frozenset({"about", "roughly", "nearly", "almost", "around", "or", "some", "just"})


# Words of a court's or a regulator's order before a duration: the duration is that order.
_DURATION_KEYS: Final = {
    **dict.fromkeys(
        """
        jailed imprisoned sentenced caged locked jail prison custody detention sentence
        sentences imprisonment
        """.split(),
        "sentence",
    ),
    **dict.fromkeys("banned ban disqualified barred suspended suspension".split(), "ban"),
}


def duration_key(rest: list[str]) -> str:
    """What a duration is when a sentencing or banning word comes shortly before it ("jailed
    for four years and six months" -> "sentence", "banned from driving for 18 months" ->
    "ban"), or ""."""
    for word in reversed(rest[-7:]):
        if word[-1:] in ",;:":
            return ""
        key = _DURATION_KEYS.get(word)
        if key is not None:
            return key
    return ""


_SCALE_WORDS = frozenset("million billion trillion thousand bn m mn k tn".split())


def after_apposed_sum(after: list[str], lexicon: Lexicon) -> ct.Counted:
    """The noun after a sum set off by a comma: "a three-year, $3 billion bailout" makes the
    three years those of the bailout (``after`` starts at the comma)."""
    i = 1
    while i < len(after) and i < 4:
        word = after[i].lower()
        if word[:1].isalpha() and word not in _SCALE_WORDS:
            break
        i += 1
    if i == 1 or i >= len(after):
        return ct.Counted()
    return ct.read_noun_phrase(after, lexicon, allow_event=False, start=i)


def spread_over(
    text: str, start: int, left: list[str], prev: Figure | None, part: str
) -> Figure | None:
    """The sum a duration after "over" spreads ("will invest $3.2bn in Sweden over two
    years": the two years are the investment's, and "over" is no bound), or None."""
    if not left or left[-1] != "over" or prev is None or prev.part != part:
        return None
    if prev.unit in ("count", "fraction", "x", "%") or prev.key == prev.unit.lower():
        return None
    between = text[prev.end : start]
    if len(between) > 40 or any(c in between for c in ",;:.!?"):
        return None
    return prev


# Who forecasts a number ("the 200,000 economists had forecast") and the verbs they do it with.
_FORECAST_RE: Final = re.compile(
    r"\s+(?:(?:the\s+)?(?:analysts?|economists?|forecasters?|strategists?|traders?|investors?"
    r"|markets?|experts?|pollsters?)\s+(?:had\s+|have\s+|were\s+|was\s+|had\s+been\s+)?"
    r"(?:expected|forecast|forecasted|predicted|estimated|anticipated|projected|pencilled"
    r"|penciled|seen|expecting|forecasting|predicting)"
    r"|(?:expected|forecast|forecasted|predicted|estimated|anticipated|projected)\s+by)\b"
)


def forecast_key(
    text: str,
    lower: str,
    end: int,
    unit: str,
    prev: Figure | None,
    counted: Figure | None,
    read: ct.Counted,
) -> str:
    """What a forecast or a requirement set against a figure counts: "386,810 vehicles,
    short of the 457,000 analysts had expected" and "3.4%, above the 3.1% economists
    forecast" forecast what the figure before them in the sentence (of their unit) counted,
    not analysts or economists; "72 seats, one more than the 71 needed for a majority" and
    "a 16.5pc share, short of the 22pc mandated by the rules" need or mandate it (``read``,
    the words after the number, is then one participle, never a thing counted). A share
    "of them" ("2.3 million people ..., nearly half of them", "14% of them") is a share of
    the last count of the sentence that named its thing. "" when none of these follows the
    number or no such figure comes before."""
    if unit in _SHARE_UNITS and _OF_THEM_RE.match(lower, end) is not None:
        before = counted  # "2.3 million people ..., nearly half of them": a share of them
    elif not _is_participle(read) and _FORECAST_RE.match(lower, end) is None:
        return ""
    else:
        before = prev if prev is not None and prev.unit == unit else None
        if before is None and unit == "count":
            before = counted
    if before is None or before.key == before.unit.lower():
        return ""
    lo = max(sentence_around(text, end)[0], text.rfind(";", 0, end))
    return before.key if before.start >= lo else ""


_SHARE_UNITS: Final = frozenset({"%", "fraction"})
_OF_THEM_RE: Final = re.compile(r" of (?:them|those|these|whom)\b")


def _is_participle(read: ct.Counted) -> bool:
    """A past participle alone read as the counted noun ("needed", "mandated"), no event."""
    return (
        not read.from_event
        and read.counts.lower() == read.head
        and len(read.head) > 4
        and read.head.endswith("ed")
        and read.head.isalpha()
        and read.key == read.head
    )


# Nouns after a number that name a level passed, not a thing counted ("the 1,000 mark").
MARK_HEADS: Final = frozenset({"mark", "milestone", "threshold", "barrier", "level"})
# Words between the verb and such a level ("fell below the $80 mark").
_MARK_GAP: Final = frozenset("the a an above below beyond past through over under".split())


def mark_subject(rest: list[str], lexicon: Lexicon, text: str, lower: str, start: int) -> str:
    """What passed a level written as "the N mark" (a count or a sum): "Auckland's population
    had topped the 1.7 million mark" -> population, "the death toll passed the 1,000 mark"
    -> killed, "Bitcoin broke through the $70,000 level" -> bitcoin; "" when the clause
    names nothing before it. (A percentage threshold is often a rule of its own: "missed the
    5% threshold" of an election.)"""
    words = list(rest)
    while words and words[-1] in _MARK_GAP:
        words.pop()
    event = sj.left_event(words)  # "the death toll passed"
    if event or not words:
        return event
    words.pop()  # the verb, whatever it is ("topped", "broke through", "nears")
    while words and (words[-1] in _MARK_AUXILIARIES or words[-1].endswith("ly")):
        words.pop()
    words.append("is")  # the subject of a level, as "the population is"
    subject = sj.left_subject(words, lexicon, text, lower, start)
    if subject and subject != ct.PREVIOUS:
        return subject
    return sj.left_name(words, text, lower, start)


_MARK_AUXILIARIES: Final = frozenset("had has have was is were are been just now finally".split())


_OBJECT_OPENERS: Final = frozenset("its their the his her our".split())


def left_key(
    text: str,
    lower: str,
    a: Cand,
    end: int,
    rest: list[str],
    lexicon: Lexicon,
    prev: Figure | None,
    unit: str,
) -> str:
    """The subject before a number (``subject.left_subject``), or, for a verb that is its
    own multiplier (``a.change``), what it multiplies: its object ("the firm doubled its
    dividend" -> dividend), else its subject ("Sales of plug-in hybrids more than tripled",
    "registrations halved" -> sale, registration: read as the subject of "is"). A verb with
    no subject of its own ("..., and in some months topped 90%", "..., rising to £40m")
    goes on with the subject of the figure before it in the sentence, in the same unit."""
    start = a.start
    if a.change:
        after = ct.right_words(text, end)
        if after and after[0].lower() in _OBJECT_OPENERS:
            got = ct.read_noun_phrase(after, lexicon, allow_event=False, start=1)
            if got.key:
                return got.key
        return sj.left_subject([*rest, "is"], lexicon, text, lower, start)
    key = sj.left_subject(rest, lexicon, text, lower, start)
    if key or not rest or rest[0] not in ("and", "but") or not all(_no_noun(w) for w in rest):
        return key
    if prev is None or prev.unit != unit or prev.key == prev.unit.lower():
        return ""
    if lower.startswith(" of ", end) and _OF_PRONOUN_RE.match(lower, end) is None:
        return ""  # "and half of its 600,000 residents": a whole of its own
    return prev.key if sentence_around(text, prev.start) == sentence_around(text, start) else ""


_OF_PRONOUN_RE: Final = re.compile(r" of (?:it|them|those|these|this|that)\b")


def _no_noun(word: str) -> bool:
    """A word that is no noun a subject could be: a function word, a time, a verb."""
    return (
        word in ct.STOP
        or word in ct.TIME_WORDS
        or word in ct.SUBJECT_SKIP
        or word.endswith(("ed", "ing"))
        or not word[:1].isalpha()
    )
