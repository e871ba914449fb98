"""The key a measure (a number in a unit: acres, %, mm, km) is aligned by.

Kept apart from ``store.figures.claims`` because a measure is keyed by other rules than a
count: by what owns it, by a lexicon word next to it, by a market noun or by its unit, so that
every wording of one measure lands in one fact row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from store.figures.lexicon import Lexicon, singular
from store.model import Figure

TALLY_UNITS = frozenset({"acres", "ha", "km²", "sq mi", "hectares"})


def is_unnamed(figure: Figure) -> bool:
    """True when nothing counted was found (the key only names the unit: "usd", "%")."""
    return figure.key == figure.unit.lower() or not figure.key


# Nouns that name the event that owns a measure rather than the measure itself: "the
# Palisades fire grew to 17,234 acres" measures acres of the fire.
OWNER_NOUNS: Final = frozenset(
    "fire fires blaze wildfire inferno storm hurricane quake earthquake tremor shock flood "
    "floods".split()
)


def measure_word(
    left: Sequence[str], right: Sequence[str], lexicon: Lexicon, generic: frozenset[str]
) -> str:
    """A lexicon word written right next to a measure: "5% contained", "contained at 45 %"."""
    for word in (*right[:1], *reversed(left[-2:])):
        group = lexicon.group_of(word) if len(word) >= 5 else None
        if group is not None and group not in generic:
            return group
    return ""


# Measures written two ways: "300 mm of rain", "rainfall of 340 mm".
MEASURE_SYNONYMS: Final = {"rainfall": "rain", "precipitation": "rain", "snowfall": "snow"}
# Nouns whose moves in % are the price of one thing: "shares", "the share price", "the stock".
_MARKET_NOUNS: Final = {"shares": "share", "share": "share", "stock": "share", "stocks": "share"}


def market_noun(left: Sequence[str]) -> str:
    """The market thing a bare % move belongs to, named in its clause ("" when none)."""
    for word in reversed(left):
        key = _MARKET_NOUNS.get(word.lower())
        if key is not None:
            return key
    return ""


def measured_key(figure: Figure, actor: str) -> str:
    """The key a measure is aligned by. A measure in a unit (acres, %, km) is often keyed by
    what owns it ("the fire grew to 17,234 acres" gives "fire") or by nothing ("2,900
    acres"): with an actor it is the unit's own quantity ("", compared by unit and actor),
    so every wording of one fire's acres lands in one row."""
    key = figure.key
    if figure.unit == "count":
        return key
    if figure.unit in TALLY_UNITS or key in OWNER_NOUNS:
        return ""  # an area is the area burned or flooded, however the clause words it
    owner = actor.lower().split()[-1] if actor else ""
    if actor and (is_unnamed(figure) or key == owner):
        return ""
    return key


# Units that name the one quantity they measure, whatever noun the clause uses for it ("the
# thermometer hit 45.1C", "Orsa sweltered at 45C"): one temperature row.
_TEMPERATURE_UNITS: Final = frozenset({"°C", "°F"})
# Nouns that say what a measure in a length, depth or speed is ("the river level", "a gust
# of 110 km/h"), and the things whose measure in a length is their level.
_MEASURE_NOUNS: Final = {
    "level": "level",
    "levels": "level",
    "depth": "depth",
    "deep": "depth",
    "underground": "depth",
    "height": "height",
    "rain": "rain",
    "rainfall": "rain",
    "precipitation": "rain",
    "snow": "snow",
    "snowfall": "snow",
    "gust": "gust",
    "gusts": "gust",
    "wind": "wind",
    "winds": "wind",
    "surge": "surge",
    "waves": "wave",
    "wave": "wave",
    "visibility": "visibility",
    "humidity": "humidity",
    "radius": "radius",
    "river": "level",
    "water": "level",
    "tide": "level",
    "crest": "level",
    "gauge": "level",
}
# Keys that say what a measure is: never replaced by a measure noun nearby ("a distance of
# 2.8 kilometres ... at waves of 4 to 5 metres" keeps its distance).
_MEASURE_KINDS: Final = frozenset(_MEASURE_NOUNS.values()) | frozenset(
    "distance length width height altitude elevation diameter radius range speed".split()
)
# Words right after a length that make it a distance: "about 3 km off Sova island".
_DISTANCE_AFTER: Final = frozenset("off from away offshore inland north south east west".split())
_RADIUS_UNITS: Final = frozenset({"km", "m", "mi", "ft"})
_LENGTHS: Final = frozenset({"mm", "cm", "m", "km", "ft", "in", "km/h", "mph", "knots", "m/s"})
# Words of a sentence that make "degrees" an angle, not a temperature.
_ANGLE_WORDS: Final = frozenset(
    "angle turn turned tilt tilted rotated rotation latitude longitude".split()
)


def temperature_of(value: float, key: str, unit: str, words: Sequence[str]) -> str:
    """The unit of a count of "degrees" that is a temperature ("" when it is not one):
    "Orsa sweltered at 45 degrees". Above 60 it can only be Fahrenheit."""
    if unit != "count" or key not in ("degree", "degrees"):
        return ""
    if not _ANGLE_WORDS.isdisjoint(w.lower() for w in words):
        return ""
    return "°F" if value > 60 else "°C"


def measure_noun(key: str, unit: str, left: Sequence[str], right: Sequence[str]) -> str:
    """The key of a measure by what it measures rather than the noun the clause happens to
    use: a temperature whatever holds it, a length by the nearest measure noun of its
    clause ("the Tamar peaked at 6.8 metres, its highest level" is a level); "" to keep
    ``key``."""
    if unit in _TEMPERATURE_UNITS:
        return "temperature"
    if unit not in _LENGTHS or key in _MEASURE_KINDS:
        return ""
    if unit in _RADIUS_UNITS and right[:1] and left[-1:]:
        if left[-1].lower() == "within" and right[0].lower() == "of":
            # "within 2 km of the plant", "within 500 m of the school": every point closer
            # than that to a place, a radius around it; the place is no thing measured
            return "radius"
    if right[:1] and right[0].lower() in _DISTANCE_AFTER and unit in _RADIUS_UNITS:
        return "distance"  # "about 3 km off Sova island", "30 km from the coast"
    # Any other key ("87 mph in the hills" keyed by the hills) gives way to a measure noun of
    # the clause ("Winds gusted ..."), and stays when there is none.
    for i in range(8):
        for words, at in ((right, i), (left, len(left) - 1 - i)):
            if 0 <= at < len(words):
                got = _MEASURE_NOUNS.get(words[at].lower())
                if got is not None:
                    return got
    return ""


# A fact-box label right before a number: "Turnout: 64%", "Highest gust: 110 km/h".
_LABEL_RE: Final = re.compile(r"([A-Za-z][A-Za-z' -]{1,40}):\s*$")


def label_word(sentence: str, at: int) -> str:
    """The last word of a fact-box label written right before a measure ("Turnout: 64%" ->
    "turnout"), "" when there is none."""
    if at <= 0 or ":" not in sentence[max(0, at - 3) : at]:
        return ""
    hit = _LABEL_RE.search(sentence, 0, at)
    if hit is None or hit.start() > 0 and sentence[hit.start() - 1] not in " \n•":
        return ""
    words = hit.group(1).lower().split()
    return words[-1] if words else ""


_MONEY_HEDGES = frozenset("more than about some nearly almost around over up to at least".split())
_LEVEL_VERBS: Final = frozenset(
    "reached reach reaches hit totalled totaled stood stand stands".split()
)


def money_key(left: Sequence[str], key: str, lexicon: Lexicon, before: str) -> str:
    """The key of a sum by the verb that moved it ("customers withdrew more than €2 billion
    in deposits" is a withdrawal), or, when nothing names it, by the subject of a level verb
    ("Withdrawals from Estrand ... have reached €3.4 billion")."""
    words = [w.lower() for w in left[-5:]]
    while words and words[-1] in _MONEY_HEDGES:
        words.pop()
    if words and words[-1] in lexicon.money_verbs:
        return lexicon.money_verbs[words[-1]]
    if key and key.upper() != key and key not in ("eur", "usd", "gbp"):
        return key
    if words and words[-1] in _LEVEL_VERBS:
        head = before.split(None, 1)[0].lower() if before.split() else ""
        if head.isalpha() and head.endswith("s") and head not in ("the", "its", "this"):
            return singular(head)
    return key


def money_noun(left: Sequence[str], right: Sequence[str], key: str) -> str:
    """The noun a sum names that the lexicon took for an event of people ("rescue" in "the
    rescue is worth €4.5 billion"): the word of its clause whose first letters are the key's."""
    for word in (*reversed(left[-6:]), *right[:3]):
        low = word.lower()
        if low[:4] == key[:4] and low.isalpha():
            return low.removesuffix("s")
    return ""
