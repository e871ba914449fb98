"""Reading a unit after a number: the spellings of the vocabulary as dict lookups.

Each spelling of ``units.TABLE`` is a key here: spaced ones (after a space, case-insensitive,
up to four words), glued or hyphenated ones ("70mph", "6.7-inch"), and the ones that only count
in one letter case ("38C" is Celsius, "5G" is no unit). Reading one costs a few dict probes on
the word(s) after a number rather than a long regex alternation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from store.figures.affix import starts_at
from store.figures.units import TABLE

# Values of the sub-units, exactly: "50 cents" is 0.50 USD, and stays USD unless a currency
# is named before it.
_CENTS: Final = Decimal("0.01")
# Words hyphenated to a spaced unit that only describe it ("2 nanometre-class", "a 5 km-long").
_CLASS_SUFFIXES: Final = frozenset(
    {"class", "scale", "sized", "long", "wide", "high", "deep", "thick"}
)
# Words between a number and a time unit that say the periods run on ("five straight years").
_IN_A_ROW: Final = frozenset({"consecutive", "straight", "successive"})
_TIME_UNITS: Final = frozenset("days day weeks week months month years year hours minutes".split())
# Hundredths named after the number, with the currency they are hundredths of.
_SUBUNITS: Final = {
    "sen": "MYR",
    "paise": "INR",
    "kopecks": "RUB",
    "kopeks": "RUB",
    "centavos": "MXN",
}
_CENT_CURRENCIES: Final = {"us": "USD", "euro": "EUR", "australian": "AUD", "canadian": "CAD"}


def _split(spellings: str) -> list[str]:
    return [s for s in spellings.split("|") if s]


SPACED: Final[dict[str, str]] = {}
GLUED: Final[dict[str, str]] = {}
GLUED_EXACT: Final[dict[str, str]] = {}
for _name, _kind, _spaced, _glued, _exact in TABLE:
    for _s in _split(_spaced):
        SPACED.setdefault(_s, _name)
    for _s in _split(_glued):
        GLUED.setdefault(_s, _name)
    for _s in _split(_exact):
        GLUED_EXACT.setdefault(_s, _name)
# One-letter spaced forms are units only in their case ("38 C"), never as a lowercase word.
for _one in ("c", "f", "w"):
    SPACED.pop(_one, None)
GLUED.pop("w", None)
SPACED_EXACT: Final = {"C": "°C", "F": "°F", "W": "W", "Nm": "Nm"}
# The longest spaced spelling in words: the lookup tries this many words first.
_MAX_WORDS: Final = max(len(s.split()) for s in SPACED)
# First words of the spaced spellings, a cheap test before any phrase is built.
SPACED_FIRST: Final[frozenset[str]] = frozenset(s.split()[0] for s in SPACED) | {
    "c",
    "f",
    "w",
    "cents",
    "cent",
    "euro",
    *_IN_A_ROW,
    *_SUBUNITS,
}

# A glued unit: the letters (and unit signs) right after the digits.
_GLUED_RE: Final = re.compile(r"[A-Za-z°º²³µ%€£/]+(?:-[A-Za-z]+)?")
_TRAIL: Final = ".,;:!?)]}\"'”’"


@dataclass(frozen=True, slots=True, init=False)
class UnitHit:
    """A unit read after a number: its name, where its words end, and a factor on the value
    (``cents`` is 0.01 of the currency, 1 otherwise).

    ``__init__`` is written out so that mypyc compiles it (``cand.Cand`` says why); frozen,
    it sets each field once through ``object.__setattr__``, as the generated one does."""

    name: str
    end: int
    factor: Decimal | None

    def __init__(self, name: str, end: int, factor: Decimal | None = None) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "factor", factor)


def _glued_name(token: str) -> str:
    name = GLUED_EXACT.get(token)
    if name is None:
        name = GLUED.get(token.lower(), "")
    return name


def glued_after(text: str, pos: int) -> UnitHit | None:
    """A unit glued to the digits at ``pos`` ("70mph", "128GB", "2.4pc", "212p", "38C")."""
    m = _GLUED_RE.match(text, pos)
    if m is None:
        return None
    token = m.group()
    if "-" in token:
        compound = _glued_name(token)  # "lb-ft"
        if compound:
            return UnitHit(compound, m.end())
        token = token.split("-", 1)[0]
    end = pos + len(token)
    name = _glued_name(token)
    if not name and "/" in token:
        token = token.split("/", 1)[0]
        end = pos + len(token)
        name = _glued_name(token)
    if not name:
        return None
    if end < len(text) and (text[end].isdigit() or text[end] in "_@"):
        return None  # "4x4", "12p3": a code
    if starts_at(text, " ", end):
        nxt = text[end + 1 : end + 12].split(None, 1)
        if nxt:
            word = nxt[0].rstrip(_TRAIL)
            longer = SPACED.get(f"{token.lower()} {word.lower()}")
            if longer is not None and longer != name:
                return UnitHit(longer, end + 1 + len(word))  # "738lb ft"
    return UnitHit(name, end)


def hyphen_unit(word: str) -> str:
    """The unit named by a hyphenated word after a number ("6.7-inch", "240-hp"), or ""."""
    return _glued_name(word) or SPACED.get(word.lower(), "")


def spaced_after(text: str, pos: int, first: str) -> UnitHit | None:
    """A unit written after the one space at ``pos`` ("5 per cent", "300 miles per hour").

    ``first`` is the lowercased next word with trailing punctuation dropped (the caller has
    read it for its own tests). Longest spellings win: "percentage points" before "percentage".
    """
    chunk = text[pos + 1 : pos + 40]
    words = chunk.split(None, _MAX_WORDS)[:_MAX_WORDS]
    if not words:
        return None
    exact = SPACED_EXACT.get(words[0].rstrip(_TRAIL))
    if exact is not None:
        return UnitHit(exact, pos + 1 + len(words[0].rstrip(_TRAIL)))
    if first in ("cents", "cent"):
        return UnitHit("USD", pos + 1 + chunk.index(words[0]) + len(first), _CENTS)
    if first in _SUBUNITS:  # "12 sen" is 0.12 ringgit, "50 paise" 0.50 rupee
        return UnitHit(_SUBUNITS[first], pos + 1 + chunk.index(words[0]) + len(first), _CENTS)
    if first in _IN_A_ROW and len(words) > 1:  # "400 consecutive days": the unit after
        skip = pos + 1 + chunk.index(words[0]) + len(words[0])
        nxt = words[1].rstrip(_TRAIL).lower()
        hit = spaced_after(text, skip, nxt) if nxt in _TIME_UNITS else None
        return hit
    if len(words) > 1 and words[1].rstrip(_TRAIL).lower() in ("cents", "cent"):
        code = _CENT_CURRENCIES.get(first)
        if code is not None:  # "66.2 US cents", "50 euro cents"
            at = chunk.index(words[1], len(words[0]))
            return UnitHit(code, pos + 1 + at + len(words[1].rstrip(_TRAIL)), _CENTS)
    offset = 0
    spans: list[tuple[int, int, str]] = []
    for raw in words:
        at = chunk.index(raw, offset)
        word = raw.rstrip(_TRAIL)
        low = word.lower()
        if low == "sq" and raw[len(word) : len(word) + 1] == ".":
            word = raw = "sq"  # "sq. km"
        elif "-" in low and low.split("-", 1)[1] in _CLASS_SUFFIXES:
            # "a 2 nanometre-class process": the unit, with its describing word read over
            spans.append((at, at + len(word), low.split("-", 1)[0]))
            break
        spans.append((at, at + len(word), low))
        offset = at + len(raw)
        if word != raw:
            break  # punctuation ends the unit's words
    for n in range(len(spans), 0, -1):
        phrase = " ".join(s[2] for s in spans[:n])
        name = SPACED.get(phrase)
        if name is not None:
            return UnitHit(name, pos + 1 + spans[n - 1][1])
    return None


def cents_factor() -> Decimal:
    """What one cent is of its currency (exactly)."""
    return _CENTS
