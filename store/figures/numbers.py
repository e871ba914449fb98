"""How numbers are written in news text, as precompiled patterns and their values.

Everything here is compiled once at import. Finding candidates is the hot loop of the
extractor, so it avoids one big case-insensitive alternation (which Python's regex engine tries
at every character): digits are found with a pattern that starts with ``\\d`` (the engine skips
straight to digits), and spelled-out numbers with plain substring search on the lowercased text,
checked against a small anchored pattern only where a number word actually occurs.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Final

from store.model import Figure

UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: Final = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: Final = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "k": 1e3,
    "crore": 1e7,
    "crores": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lakh crore": 1e12,
}

# The same scales as exact decimals, which values are multiplied by: "£4.1m" is 4100000, not
# 4099999.9999999995 as 4.1 * 1e6 is in binary floating point.
SCALES_DEC: Final = {word: Decimal(int(value)) for word, value in SCALES.items()}
SCALES_DEC["lakh crore"] = Decimal(10**12)

# Vague quantities ("dozens of", "tens of thousands of"): a low..high interval (bound "range",
# as CONVENTIONS.md says): the lowest and highest value the words can stand for.
VAGUE: Final = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 199.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0),
    "tens of thousands": (20000.0, 99999.0),
    "hundreds of thousands": (200000.0, 999999.0),
    "millions": (2e6, 9.99e6),
    "tens of millions": (2e7, 9.99e7),
    "hundreds of millions": (2e8, 9.99e8),
    "billions": (2e9, 9.99e9),
    "tens of billions": (2e10, 9.99e10),
    "hundreds of billions": (2e11, 9.99e11),
}
# Fractions written in words: the denominator of each ("two-thirds" is 2/3).
FRACTION_WORDS: Final = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "tenth": 10,
    "tenths": 10,
    "hundredth": 100,
    "hundredths": 100,
    "thousandth": 1000,
    "thousandths": 1000,
    "millionth": 1000000,
}
# Verbs that are a multiplier and its direction ("sales doubled" is x2 up).
MULTIPLY_VERBS: Final = {
    "doubled": (2.0, "up"),
    "doubling": (2.0, "up"),
    "tripled": (3.0, "up"),
    "trebled": (3.0, "up"),
    "tripling": (3.0, "up"),
    "quadrupled": (4.0, "up"),
    "halved": (0.5, "down"),
    "halving": (0.5, "down"),
    "double": (2.0, "up"),
    "triple": (3.0, "up"),
    "twice": (2.0, ""),
}
# Words before "double"/"triple" that make them a multiplier ("more than double").
MULTIPLY_BEFORE: Final = frozenset(
    {"than", "nearly", "almost", "about", "roughly", "to", "will", "could"}
)
_SMALL_WORDS: Final = "|".join(sorted(list(UNITS) + list(TENS), key=len, reverse=True))
FOLD_RE: Final = re.compile(
    rf"(?:(?P<spelled>{_SMALL_WORDS})"
    r"|hundred|thousand)[- ]?fold\b",
    re.IGNORECASE,
)
# "one in five", "1 in 4", "one in every three": a share written as a ratio.
ONE_IN_RE: Final = re.compile(
    r"(?P<num>one|two|three|\d{1,2})\s+in\s+(?:every\s+)?"
    rf"(?P<den>{_SMALL_WORDS}|\d{{1,3}})\b",
    re.IGNORECASE,
)
# "a third", "two-thirds", "three quarters", "half": a fraction word and its numerator.
FRACTION_RE: Final = re.compile(
    r"(?:(?P<num>a|an|one|two|three|four|five|seven|nine)[- ])?"
    r"(?P<frac>half|halves|thirds?|quarters?|fifths?|sixth|tenths?|hundredths?|thousandths?"
    r"|millionth)\b",
    re.IGNORECASE,
)

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN_WORDS: Final = "|".join(TENS)
_SPELLED: Final = rf"(?:(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})"

# Substrings whose presence means a spelled number may be there (checked on lowercase text).
WORD_STARTS: Final[tuple[str, ...]] = (
    *UNITS,
    *TENS,
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "scores",
    "tens",
    "half",
    "third",
    "quarter",
    "fifth",
    "tenth",
    "fold",
    "doubl",
    "tripl",
    "trebled",
    "quadrupled",
    "halv",
    "twice",
)

# Whole words that signal a spelled number, mapped to the substring searched for it. A text is
# first split into words (punctuation and digits turned into spaces, all in C) and only the
# number words it really contains are searched for.
NUMBER_WORDS: Final[dict[str, str]] = {w: w for w in WORD_STARTS}
NUMBER_WORDS.update(
    {
        "dozens": "dozen",
        "hundreds": "hundred",
        "thousands": "thousand",
        "millions": "million",
        "billions": "billion",
        "half": "half",
        "thirds": "third",
        "quarters": "quarter",
        "fifths": "fifth",
        "tenths": "tenth",
        **{w: w for w in ("hundredth", "hundredths", "thousandth", "thousandths", "millionth")},
        "doubled": "doubl",
        "doubling": "doubl",
        "tripled": "tripl",
        "tripling": "tripl",
        "halved": "halv",
        "double": "doubl",
        "triple": "tripl",
        "twice": "twice",
        "halving": "halv",
        **{f"{w}fold": w for w in ("two", "three", "four", "five", "six", "ten", "hundred")},
    }
)
NUMBER_WORD_SET: Final = frozenset(NUMBER_WORDS)
_WORD_SPLIT_CHARS: Final = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789’‘“”—–…«»•·"
WORD_SPLIT_TABLE: Final = str.maketrans({c: " " for c in _WORD_SPLIT_CHARS})

# The same split for ASCII text encoded as bytes, where ``bytes.translate`` is a plain table
# lookup (str.translate with a dict is several times slower): every separator, and every
# character ``str.split`` splits at (ASCII whitespace, \x1c-\x1f included), becomes a space.
_ASCII_SPLIT: Final = "".join(c for c in _WORD_SPLIT_CHARS if c.isascii()) + "".join(
    chr(i) for i in range(128) if chr(i).isspace()
)
WORD_SPLIT_BYTES: Final = bytes.maketrans(_ASCII_SPLIT.encode("ascii"), b" " * len(_ASCII_SPLIT))
NUMBER_WORDS_BYTES: Final[dict[bytes, str]] = {
    w.encode("ascii"): s for w, s in NUMBER_WORDS.items()
}
# For text that is not ASCII: every non-ASCII separator of the split (curly quotes, dashes)
# and every non-ASCII character ``str.split`` splits at (no-break and thin spaces; none lies
# past U+3000), found by one regex. Once they are spaces the text is split like ASCII text
# through its UTF-8 bytes, where any other non-ASCII letter is bytes >= 0x80 that stay glued
# to their word, as ``str.split`` keeps them: ``str.translate`` with a dict costs ~16 ns a
# character on such text, several times this.
NON_ASCII_BREAKS: Final = "".join(c for c in _WORD_SPLIT_CHARS if not c.isascii()) + "".join(
    chr(i) for i in range(128, 0x3001) if chr(i).isspace()
)
NON_ASCII_BREAK_RE: Final = re.compile("[" + re.escape(NON_ASCII_BREAKS) + "]")


def _trie_pattern(words: list[str]) -> str:
    """One regex alternative for ``words``, nested by shared prefixes ("f(?:i(?:ve|...)|...)").

    A flat alternation of 40 words tries each word at each place; nested, a place that starts
    with no number word's first letter fails after one test per letter.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if "" in node:
            alts.append("")  # the word may end here ("four" in "four(?:teen|)")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree)


# A whole number word in ASCII text split as above and padded with a space at each end: the
# words ``NUMBER_WORD_SET.intersection(text.split())`` would give, found without building a
# bytes object for every word of the text (17 us instead of 25 us per corpus article).
NUMBER_WORD_BYTES_RE: Final = re.compile(
    f" ({_trie_pattern(sorted(NUMBER_WORDS))})(?= )".encode("ascii")
)
# Every ASCII digit turned into "0", so one ``bytes.find(b"0")`` finds the next digit.
DIGIT_MARKS: Final = bytes.maketrans(b"123456789", b"000000000")

# Digit runs: "11,000", "3 000" (space or no-break space), "2.5", "40". The pattern starts with
# a digit and has no alternation so the engine scans fast; separators are checked afterwards.
DIGITS_RE: Final = re.compile(r"\d(?:[\d,.]*\d)?(?:[ \u00a0\u202f]\d{3}(?![\d\w-]))*")
# Valid shapes of a digit run (after trailing sentence punctuation is dropped).
COMMA_GROUPS_RE: Final = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
SPACE_GROUPS_RE: Final = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+")
PLAIN_RE: Final = re.compile(r"\d+(?:\.\d+)?")
# "6,8", "2,5", "12,75": one comma and one or two digits after it is never a thousands
# separator; translated text writes decimals so.
DECIMAL_COMMA_RE: Final = re.compile(r"\d{1,3},\d{1,2}")
# A scale after digits: "2.1 million", "$1.5bn", "40k" (glued suffixes only).
SCALE_RE: Final = re.compile(
    r"[ \u00a0]?(?:million|billion|trillion|thousand|mln|bln|trn"
    r"|lakh[ \u00a0]crore|crores?|lakhs?)\b"
    r"|(?:bn|mn|tn|m|k|b)\b(?![-'’][A-Za-z])",
    re.IGNORECASE,
)
SCALE_FIRST: Final = frozenset("mbtkMBTKcl")
# A spelled number at a known position ("twenty-five", "a thousand", "two hundred thousand",
# "a hundred and twenty", "twenty-three thousand five hundred", "a two-billion-euro rescue").
# A group after a scale joins it only when no scale follows the group ("five thousand and
# ten thousand" are two numbers).
_BIG_SCALE: Final = r"(?:thousand|million|billion|trillion)"
_HUNDREDS: Final = rf"(?:{_SPELLED}|an?)\s+hundred(?:\s+(?:and\s+)?{_SPELLED}\b)?"
_GROUP: Final = rf"(?:{_HUNDREDS}|{_SPELLED})"
WORDS_RE: Final = re.compile(
    rf"""
    (?:{_GROUP}|an?|half\s+a)(?:[\s-]+{_BIG_SCALE}\b)+
    (?:\s+{_GROUP}(?:[\s-]+{_BIG_SCALE}\b)+)*
    (?:\s+(?:and\s+)?{_GROUP}\b(?![\s-]+(?:hundred|{_BIG_SCALE})\b))?
  | {_HUNDREDS}\b
  | (?:{_SPELLED}|a|half\s+a)\s+dozen\b
  | {_SPELLED}\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A scale after "N and a half": "four and a half million".
HALF_SCALE_RE: Final = re.compile(rf"[ -]{_BIG_SCALE}\b")
VAGUE_RE: Final = re.compile(
    r"(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|dozens|scores|hundreds|thousands|millions|billions)"
    # "hundreds of", or the count alone before "more" or a verb ("dozens more were hurt")
    r"(?:\s+of\b|(?=\s+(?:more|were|have|had|are|died|fled)\b))",
    re.IGNORECASE,
)
# Scientific notation after digits: "6.02×10^23", "6.02 x 10²³", "1.6*10^-19".
SCIENTIFIC_RE: Final = re.compile(
    r"[ \u00a0]?[×x*][ \u00a0]?10(?:\^|\*\*)?(?P<exp>[-−]?\d{1,3}|[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![\d.])"
)
_SUPERSCRIPTS: Final = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")
# Longest digit run read as a number: longer runs are codes or garbage, never figures, and
# past float range a value would print as Infinity (no JSON).
MAX_DIGITS: Final = 30

_SEPARATORS = re.compile(r"[\s,\u00a0\u202f]")


def digits_value(text: str) -> float:
    """The value of a digit string with thousands separators ("3 000" -> 3000.0)."""
    if text.isdigit():
        return float(text)
    return float(_SEPARATORS.sub("", text))


def digits_decimal(text: str) -> Decimal:
    """The exact value of a digit string with thousands separators ("4.1" -> Decimal("4.1"))."""
    return Decimal(text if text.isdigit() else _SEPARATORS.sub("", text))


def scale_value(text: str) -> float:
    """The multiplier of a scale word or suffix ("bn" -> 1e9); 1.0 when empty."""
    word = text.strip().lower()
    return SCALES.get(word, 1.0) if word else 1.0


def scale_decimal(text: str) -> Decimal:
    """The exact multiplier of a scale word or suffix ("bn" -> Decimal(10**9))."""
    return SCALES_DEC.get(" ".join(text.lower().split()), Decimal(1))


def exact(value: Decimal) -> float | None:
    """``value`` as the nearest float, or None when it is past float range (or not a number).

    Every value the extractor stores passes through here, so a 400-digit number or "9e999"
    never becomes Infinity (which is no JSON) nor raises: its candidate is dropped instead.
    """
    try:
        out = float(value)
    except (OverflowError, ValueError, InvalidOperation):
        return None
    return out if math.isfinite(out) else None


def times(value: float, factor: Decimal) -> float | None:
    """``value * factor`` rounded once, from the exact decimal ``value`` was read from."""
    return exact(Decimal(repr(value)) * factor)


def scientific(exp_text: str) -> Decimal | None:
    """10 to the power written after "×10^" (superscripts and minus signs read), or None."""
    try:
        exp = int(exp_text.translate(_SUPERSCRIPTS))
    except ValueError:
        return None
    if abs(exp) > 300:
        return None
    return Decimal(10) ** exp


def words_value(text: str) -> float | None:
    """The value of a spelled-out number ("twenty-five", "a thousand", "two hundred thousand")."""
    total = 0.0
    current = 0.0
    seen = False
    for word in re.split(r"[\s-]+", text.lower()):
        if word in UNITS:
            current += UNITS[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word in ("a", "an"):
            if current == 0:
                current = 1.0
            seen = True
        elif word == "half":
            current = 0.5
            seen = True
        elif word == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif word == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif word in ("thousand", "million", "billion", "trillion"):
            total += float(Decimal(repr(current or 1.0)) * SCALES_DEC[word])
            current = 0.0
            seen = True
    if not seen:
        return None
    return total + current


_VAGUE_SPANS: Final = frozenset(VAGUE.values())


def vague_span(fig: Figure) -> bool:
    """Whether a figure is a vague quantity ("thousands", "dozens"): its span is one of theirs."""
    return fig.bound == "range" and (fig.value_low, fig.value_high) in _VAGUE_SPANS


def vague_range(text: str) -> tuple[float, float]:
    """The interval a vague quantity stands for ("dozens" -> 24..99)."""
    key = " ".join(text.lower().split())
    return VAGUE.get(key, (0.0, 0.0))


def format_value(value: float) -> str:
    """A compact human form of a value: 2100000 -> "2.1m", 11000 -> "11,000", 2.5 -> "2.5"."""
    if value >= 1e12:
        return f"{value / 1e12:.3g}tn"
    if value >= 1e9:
        return f"{value / 1e9:.3g}bn"
    if value >= 1e6:
        return f"{value / 1e6:.3g}m"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6g}"
