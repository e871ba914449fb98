"""How two numbers next to each other relate: a range, a move, a score, or nothing.

"1,000 to 3,000" and "two or three" are ranges (one figure, two ends); "slid from $61,200 at
9.30pm to $59,870" and "narrowed to 41,300 from 57,900" are moves (one figure: the new value,
its direction, and the old value in ``value_from``); "won 3-2" is a score, which newsdesk does
not read as figures at all. These are decided from the words between and around the two
numbers only, before either is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from store.figures import candidates as cd
from store.figures import context as cx

# Verbs (and nouns) before "from X to Y" that make it a move rather than a span.
MOVE_WORDS: Final = (
    cx.UP_WORDS
    | cx.DOWN_WORDS
    | frozenset(
        """
        went go goes gone moved moves changed change shifted swung swing rise fall increase
        decrease drop jump cut raised lowered reduced revised adjusted grown
        """.split()
    )
)
# Words before a number that is a score ("won 3-2", "a 2-1 lead").
_SCORE_BEFORE: Final = frozenset(
    """
    won win wins beat beats beating lost lose loses losing drew draw draws drawing defeated
    defeat thrashed thrash edged edge led lead leads leading trailed trailing trail routed
    crushed stunned clinched sealed secured claimed recorded
    """.split()
)
_SCORE_AFTER: Final = frozenset(
    """
    win wins victory victories defeat defeats loss losses lead draw scoreline triumph thrashing
    result aggregate home away advantage half-time halftime margin success reverse deficit
    comeback
    """.split()
)
# "to 41,300 from 57,900", "to 4.1%, down from 4.3%": the gap before the old value.
_GAP_HEDGE: Final = (
    r"(?:(?:a|an|the|about|around|some|nearly|almost|roughly|revised|an?[ \u00a0]+revised"
    r"|more[ \u00a0]+than|less[ \u00a0]+than|fewer[ \u00a0]+than|over|under|at[ \u00a0]+least"
    # "down from a peak of 2.3 million", "up from a revised low of 4%"
    r"|(?:a|an|the)(?:[ \u00a0]+[a-z-]+){1,2}?[ \u00a0]+of)"
    r"[ \u00a0]+)?$"
)
_TO_FROM_GAP_RE: Final = re.compile(
    r"(?:[ \u00a0]+[A-Za-z'’-]+){0,4}?,?[ \u00a0]+\(?from[ \u00a0]+" + _GAP_HEDGE,
    re.IGNORECASE,
)
# "5.7% of reported thefts led to a charge last year, down from 7.1%": with "up"/"down"
# written, the old value may come later in the sentence.
_UP_DOWN_FROM_GAP_RE: Final = re.compile(
    r"(?:[ \u00a0]+[A-Za-z0-9'’-]+){0,9}?,?[ \u00a0]+\(?(?P<dir>up|down)[ \u00a0]+from[ \u00a0]+"
    + _GAP_HEDGE,
    re.IGNORECASE,
)
# "from $61,200 at 9.30pm to $59,870": the gap before the new value.
_FROM_TO_GAP_RE: Final = re.compile(
    r"(?:[^.;:!?()\n]|(?<=\d)\.(?=\d)){0,50}?[ \u00a0]to[ \u00a0]+"
    r"(?:(?:about|around|some|nearly|almost|roughly|just)[ \u00a0]+)?$",
    re.IGNORECASE,
)
_HEDGE_WORDS: Final = frozenset({"about", "around", "some", "nearly", "almost", "roughly", "just"})


# Units that are a power of ten of another: a range may change unit between its ends ("4Hz to
# 40kHz" is 4..40,000 Hz). Each maps to its base unit and the power of ten.
_PREFIXED: Final[dict[str, tuple[str, int]]] = {
    "Hz": ("Hz", 0),
    "kHz": ("Hz", 3),
    "MHz": ("Hz", 6),
    "GHz": ("Hz", 9),
    "W": ("W", 0),
    "kW": ("W", 3),
    "MW": ("W", 6),
    "GW": ("W", 9),
    "Wh": ("Wh", 0),
    "kWh": ("Wh", 3),
    "MWh": ("Wh", 6),
    "GWh": ("Wh", 9),
    "TWh": ("Wh", 12),
    "KB": ("B", 3),
    "MB": ("B", 6),
    "GB": ("B", 9),
    "TB": ("B", 12),
    "PB": ("B", 15),
    "Mbps": ("bps", 6),
    "Gbps": ("bps", 9),
    "mm": ("m", -3),
    "cm": ("m", -2),
    "m": ("m", 0),
    "km": ("m", 3),
    "mg": ("g", -3),
    "g": ("g", 0),
    "kg": ("g", 3),
    "ml": ("l", -3),
    "l": ("l", 0),
}


def unit_factor(frm: str, to: str) -> Decimal | None:
    """The factor that turns a value in ``frm`` into ``to`` when both are powers of ten of one
    base unit ("kHz" -> "Hz" is 1000), else None."""
    a, b = _PREFIXED.get(frm), _PREFIXED.get(to)
    if a is None or b is None or a[0] != b[0]:
        return None
    return Decimal(10) ** (a[1] - b[1])


@dataclass(frozen=True, slots=True)
class Move:
    """Two candidates that are one move: which is the new value, which the old, its way."""

    new: cd.Cand
    old: cd.Cand
    direction: str  # "up", "down", or "" when only the values can tell


def _unit(c: cd.Cand) -> str:
    return c.unit or c.unit_after


def _same_units(a: cd.Cand, b: cd.Cand) -> bool:
    ua, ub = _unit(a), _unit(b)
    return not ua or not ub or ua == ub


def _words_before(lower: str, pos: int, n: int = 5) -> list[str]:
    words = lower[max(0, pos - 60) : pos].split()[-n:]
    while words and words[-1] in _HEDGE_WORDS:
        words.pop()
    return words


def _clause_tail(words: list[str]) -> list[str]:
    """The words after the last clause break among ``words`` (a comma, semicolon or colon)."""
    for i in range(len(words) - 1, -1, -1):
        if words[i][-1:] in ",;:":
            return words[i + 1 :]
    return words


def _direction(words: list[str]) -> str:
    for word in reversed(words):
        word = word.strip(",;:")
        if word in cx.UP_WORDS:
            return "up"
        if word in cx.DOWN_WORDS:
            return "down"
    return ""


def _is_move_verb(word: str) -> bool:
    """A verb of movement before "to X from Y": a listed one, or any past tense
    ("quickened to 3.5% from 3.2%")."""
    return word in MOVE_WORDS or (word.endswith("ed") and len(word) > 4)


def find_move(text: str, lower: str, a: cd.Cand, b: cd.Cand) -> Move | None:
    """The move ``a`` and ``b`` (in text order) make together, or None."""
    if a.vague or b.vague or not _same_units(a, b) or b.start - a.unit_end > 70:
        return None
    before = _words_before(lower, a.start, 8) or [""]  # ("About 1.2 million": sentence start)
    gap = text[a.unit_end : b.start]
    if before[-1] == "from":
        verb_words = _clause_tail(before[:-1])[-6:]  # "raised the key interest rate from"
        if not any(w.strip(",") in MOVE_WORDS for w in verb_words):
            return None
        if _FROM_TO_GAP_RE.fullmatch(gap) is None or " from " in gap:
            return None
        return Move(b, a, _direction(verb_words))
    m = _UP_DOWN_FROM_GAP_RE.fullmatch(gap)
    if m is not None:
        return Move(a, b, m.group("dir").lower())
    m = _TO_FROM_GAP_RE.fullmatch(gap)
    if m is None:
        return None
    if before[-1] == "to" and any(_is_move_verb(w.strip(",")) for w in before[:-1][-6:]):
        return Move(a, b, _direction(before[:-1][-6:]))
    return None


def is_score(text: str, lower: str, a: cd.Cand, b: cd.Cand, join: str) -> bool:
    """True for a sports score or result ("won 3-2", "a 2-1 lead", "3-1 on aggregate")."""
    if join not in "-–—" or _unit(a) or _unit(b) or a.spelled or b.spelled:
        return False
    if a.low != int(a.low) or b.low != int(b.low) or a.low > 200 or b.low > 200:
        return False
    before = lower[max(0, a.start - 24) : a.start].split()
    if before and before[-1].strip(",") in _SCORE_BEFORE:
        return True
    if len(before) >= 2 and before[-1] in ("a", "the", "an", "their", "his", "her", "its"):
        if before[-2].strip(",") in _SCORE_BEFORE:
            return True
    after = lower[b.unit_end : b.unit_end + 24].split()
    return bool(after) and after[0].strip(",.;:") in _SCORE_AFTER


def is_range(lower: str, a: cd.Cand, b: cd.Cand, word: str) -> bool:
    """Whether two numbers joined by a dash, "to", "and" or "or" are the ends of one range.

    Not when their units differ ("rose 2.3% to $84.10"), not "and" without "between", not
    "to" after a change verb ("rose 2.3% to 4%" is a change and a level, not a range), and
    "or" only between close numbers rising ("two or three", "5 or 6 per cent").
    """
    if not _same_units(a, b):
        if unit_factor(_unit(b), _unit(a)) is None:
            return False
        if any(w in MOVE_WORDS for w in lower[max(0, a.start - 30) : a.start].split()[-3:]):
            return False  # "grew from 5MW to 2GW": a move, not a span
    if ("x" in (_unit(a), _unit(b)) or "fraction" in (_unit(a), _unit(b))) and _unit(a) != _unit(b):
        return False  # "halved to 27,024": a multiplier is no end of a range
    before = lower[max(0, a.start - 16) : a.start].split()
    if word == "and":
        return bool(before) and before[-1] == "between"
    if word == "or":
        if b.vague or a.vague or not (a.low < b.low <= max(10 * a.low, a.low + 10)):
            return False
        return not lower.startswith((" more", " fewer", " less", " so"), b.unit_end)
    if word == "to" and b.scaled and not a.scaled and a.low < b.low and (a.spelled or b.spelled):
        return True  # "losing two to three thousand soldiers": one scale for both ends
    factor = unit_factor(_unit(b), _unit(a)) if _unit(a) != _unit(b) else None
    b_low = b.low * float(factor) if factor is not None else b.low
    if word == "to" and b_low < a.low and not b.scaled:
        return False  # "48% to 45%", "won 5 to 2": two figures side by side, no span
    if word == "to" and before:
        last = before[-1]
        if last == "by" and _unit(a) and _unit(a) == _unit(b) and a.low < b.low <= 2 * a.low:
            return True  # "could climb by 15% to 20%": the size of the change is a span
        if last in ("by", "of") and len(before) > 1:
            last = before[-2]
        if last in cx.UP_WORDS or last in cx.DOWN_WORDS:
            return False
        if _unit(a) and not _unit(b) and _changed_before(lower, a.start):
            return False  # "lifting the FBM KLCI 8.5 points to 1,624": a change, then a level
    return True


def _changed_before(lower: str, pos: int) -> bool:
    """True when a change verb is among the four words before ``pos`` in its clause."""
    words = lower[max(0, pos - 48) : pos].split()[-4:]
    for word in reversed(words):
        if word[-1:] in ",;:":
            return False
        if word in cx.UP_WORDS or word in cx.DOWN_WORDS:
            return True
    return False


def is_label(a: cd.Cand, b: cd.Cand) -> bool:
    """True for "0-62mph", "0-100 km/h": the name of a sprint, whose time is the figure."""
    return a.low == 0 and not _unit(a) and _unit(b) in ("mph", "km/h")
