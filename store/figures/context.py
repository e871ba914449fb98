"""The words around a number: hedges on the left, units and non-figure signals on the right.

Each pattern here is anchored at the number's edge (``match`` at its end, or a ``$``-anchored
search over a short window before its start), so looking around a candidate costs a few
microseconds whatever the length of the article.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import unit_readers as ur
from store.figures import units as un

# Hedge words before a number and the bound they give. Longest phrases first in the pattern.
HEDGES: Final[dict[str, str]] = {
    "about": "~",
    "around": "~",
    "round about": "~",
    "approximately": "~",
    "approx.": "~",
    "roughly": "~",
    "some": "~",
    "nearly": "~",
    "almost": "~",
    "close to": "~",
    "an estimated": "~",
    "estimated": "~",
    "circa": "~",
    "an approximate": "~",
    "up to": "<=",
    "as many as": "<=",
    "as much as": "<=",
    "at most": "<=",
    "no more than": "<=",
    "not more than": "<=",
    "a maximum of": "<=",
    "more than": ">",
    "over": ">",
    "just over": ">",
    "well over": ">",
    "above": ">",
    "upwards of": ">",
    "in excess of": ">",
    "exceeding": ">",
    "at least": ">=",
    "no fewer than": ">=",
    "no less than": ">=",
    "not less than": ">=",
    "not fewer than": ">=",
    "a minimum of": ">=",
    "fewer than": "<",
    "less than": "<",
    "under": "<",
    "just under": "<",
    "below": "<",
}
# Longest hedge in words; the extractor tries the last 3, 2, then 1 words before a number.
HEDGE_MAX_WORDS: Final = max(len(h.split()) for h in HEDGES)
# The last word of every hedge: a number after any other word has no hedge, and the extractor
# skips joining the last 3, 2 and 1 words to look them up (most numbers have no hedge).
HEDGE_LAST_WORDS: Final = frozenset(h.split()[-1] for h in HEDGES)
# Words before a number that open a range: "between X and Y", "from X to Y".
RANGE_OPENERS: Final = frozenset({"between", "from"})
# What joins the two ends of a range (after the first number and its unit, if any).
RANGE_JOIN_RE: Final = re.compile(
    r"[ \u00a0]*(?:(?P<dash>[-–—])|\s(?P<word>to|and|or)\s)[ \u00a0]*", re.I
)

# Bound markers after a number: "300 or more", "300-plus", "300+".
AFTER_BOUND_RE: Final = re.compile(
    r"(?:\s+or\s+(?P<ge>more|above|greater)|\s+or\s+(?P<le>fewer|less|below)"
    r"|(?P<gt>\+|-plus\b|\s+plus\b(?!\s+\w+\s+(?:of|in)\b))|\s+or\s+so\b(?P<approx>))",
    re.IGNORECASE,
)

# The same after the counted noun: "640 sailors or more".
AFTER_NOUN_BOUND_RE: Final = re.compile(
    r"(?:[ \u00a0]+[A-Za-z'’-]+){1,3}?[ \u00a0]+or[ \u00a0]+"
    r"(?:(?P<ge>more|above|greater)|(?P<le>fewer|less|below))\b",
    re.IGNORECASE,
)

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
MONTH_AFTER_RE: Final = re.compile(rf"\s*(?:of\s+)?(?:{MONTHS})\b", re.IGNORECASE)
MONTH_WORDS: Final = frozenset(MONTHS.split("|"))

# Things glued to or right after a number that say it is no figure at all.
NOT_FIGURE_AFTER_RE: Final = re.compile(
    r"""(?:
        (?:st|nd|rd|th)\b                               # ordinals: 2nd, 21st
      | s\b                                             # decades: 1990s
      | :\d                                             # times: 14:05
      | \s?(?:a\.m\b|p\.m\b|am\b|pm\b|gmt\b|utc\b|cet\b|est\b|bst\b|edt\b|pdt\b|cest\b
          |ist\b|jst\b|hrs\b|h\b|o['’]clock|local\s+time\b)
      | -(?:mm|millimet(?:re|er))\b                     # calibres: 170-mm
      | \s?(?:mm|millimet(?:re|er))\b(?=\s+(?!(?:of|in|on|at|for|over|during|within|since
          |by|and|or|a|an|per|to|from|the|this|that|last|across|than|thick|thin|long|wide
          |before|after|when|while|until|if|but|so|as|with|each|every|apiece
          |tall|high|deep|diameter|rain|rainfall|lens|screen|display
          |was|were|is|are|fell|has|had|have|will|could|may)\b)[a-z])   # 155mm guns
      | (?:-|\s)?(?:calibre|caliber|gauge)\b             # a .50 calibre gun, 12-gauge
      | -?cal\b
      | -?(?:years?|months?|weeks?|days?)[-\s]old\b     # ages
      | \s(?:years?|months?)\s+old\b
      | \sfm\b                          # "on 101.4 FM": a station's frequency, no quantity
      | \s?(?:views?|px|pt|likes?|shares|comments?|retweets|reposts|watching|readers)\b
      | \s?mm\b(?=\s+and\s+\d+\s?mm\b)                  # 155mm and 105mm shells
      | \s+min(?:ute)?s?\s+read\b
      | [/.]\d                                          # 12/03, 1.2.3
      | [A-Za-z]*\d                                     # codes: 4x4, 7B12
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Words right before a number that make it a name or a code ("Article 5", "No. 10").
NAME_WORDS: Final = frozenset(
    """
    no no. nos number article articles resolution page chapter section route highway flight
    line platform room level grade phase season episode vol vol. volume part paragraph clause
    rule item category bus tram gate block unit building apartment house street version model lap
    type class stage step day week channel pier call dial ring log ref lot batch ward terminal
    shaft hall pad lane exit junction bay courtroom cell berth dock kilometre kilometer hotline
    helpline
    """.split()
)
MONTH_WORDS_DOT: Final = MONTH_WORDS | frozenset(m + "." for m in MONTH_WORDS)

DURATIONS = un.DURATIONS
CURRENCIES: Final = un.MONEY

# Change verbs: the number is a change ("rose 15%", "fell by $2bn", "up 19 cents"). Each stem
# is written once and its forms are made here ("tumble" -> tumbled, tumbles, tumbling), so a
# verb form news uses is never missing from one list while present in the other.
_UP_STEMS: Final = """
    rise:rose,risen,rising increase grow:grew,grown climb jump soar surge gain rally:rallied
    advance spike boost raise expand widen swell add rebound recover leap:leapt accelerate
    improve climb jump pick surge strengthen firm edge quicken accelerate hike lift
    up higher
"""
_DOWN_STEMS: Final = """
    fall:fell,fallen drop:dropped,dropping decline decrease slide:slid,sliding slip:slipped,slipping
    slump plunge plummet tumble sink:sank,sunk shrink:shrank,shrunk lose:lost,losing
    cut:cutting ease contract narrow dip:dipped,dipping reduce slash retreat shed:shedding crash
    sag:sagged,sagging weaken skid:skidded,skidding dive:dived,dove,diving tank slow lower
    trim:trimmed,trimming nosedive shave:shaved halve collapse
    down lower
"""


def _forms(stems: str) -> frozenset[str]:
    """Every form of each stem: "tumble" -> tumble, tumbles, tumbled, tumbling."""
    out: set[str] = set()
    for item in stems.split():
        stem, _, irregular = item.partition(":")
        out.add(stem)
        out.update(w for w in irregular.split(",") if w)
        if stem in ("up", "down", "higher", "lower") and not irregular:
            continue
        if stem.endswith("e"):
            out.update({stem + "s", stem + "d", stem[:-1] + "ing"})
        elif stem.endswith("y") and stem[-2] not in "aeiou":
            out.update({stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"})
        else:
            out.update({stem + "s", stem + "ed", stem + "ing"})
    return frozenset(out)


UP_WORDS: Final[frozenset[str]] = _forms(_UP_STEMS) | {"higher"}
DOWN_WORDS: Final[frozenset[str]] = (_forms(_DOWN_STEMS) | {"lower"}) - {"slows", "slowing"}
CHANGE_RIGHT_RE: Final = re.compile(
    r"[ \u00a0]+(?:(?P<up>rise|increase|jump|gain|surge|growth|hike|higher|up|expansion|rally)"
    r"|(?P<down>drop|fall|decline|decrease|cut|reduction|slump|lower|down|loss|contraction"
    r"|slide|plunge|dip|cheaper))\b",
    re.IGNORECASE,
)


# A share compared with an earlier time: "9% more than a year earlier" is a rise. (A sum more
# than another, "£30,000 more than the Competition", is a difference, no change.)
SHARE_MORE_RE: Final = re.compile(
    r"[ \u00a0]+(?:(?P<up>more)|(?P<down>less|fewer))[ \u00a0]+than\b", re.IGNORECASE
)


# The first word of every spaced unit, for a cheap test before the unit lookup runs.
UNIT_FIRST_WORDS: Final = ur.SPACED_FIRST

# The same for what makes a number no figure ("9 am", "24196 views", "16 px", "5 min read").
NOT_FIGURE_FIRST_WORDS: Final = frozenset(
    """
    a.m. p.m. a.m p.m am pm local gmt utc cet est bst hrs h o'clock o’clock mm millimetre millimeter
    millimetres millimeters years year months month views view px pt likes like shares comments
    comment followers subscribers retweets reposts min mins minute minutes watching readers
    fm calibre caliber gauge
    """.split()
)
_TRAILING: Final = ".,;:!?)]}\"'”’"
# Signs that may start a unit glued to the digits ("15%", "38°C", "950€").
_GLUED_UNIT_CHARS: Final = "%°º€£²"


def next_word(text: str, pos: int) -> str:
    """The lowercase word after the single space at ``pos`` (punctuation after it dropped)."""
    chunk = text[pos + 1 : pos + 16]
    parts = chunk.split(None, 1)
    if not parts or chunk[:1].isspace():
        return ""
    word = parts[0].lower()
    stripped = word.rstrip(_TRAILING)
    return stripped or word


def _hyphened_unit(word: str) -> bool:
    """True for a unit word with a describing word hyphenated on ("nanometre-class")."""
    return "-" in word and word.split("-", 1)[0] in UNIT_FIRST_WORDS


def unit_may_follow(text: str, pos: int) -> bool:
    """False when no unit can start at ``pos``, so ``UNIT_RE`` need not run (it is slow)."""
    if pos >= len(text):
        return False
    ch = text[pos]
    if ch.isalpha() or ch in _GLUED_UNIT_CHARS:
        return True
    if ch not in " \u00a0":
        return False
    word = next_word(text, pos)
    return word in UNIT_FIRST_WORDS or word[:1] in ("%", "°", "€", "£") or _hyphened_unit(word)


def not_figure_may_follow(text: str, pos: int) -> bool:
    """False when ``NOT_FIGURE_AFTER_RE`` cannot match at ``pos`` (a cheap test first)."""
    if pos >= len(text):
        return False
    ch = text[pos]
    if ch not in " \u00a0\t":
        return _may_open_not_figure(ch)
    return next_word(text, pos) in NOT_FIGURE_FIRST_WORDS


def _may_open_not_figure(ch: str) -> bool:
    """Whether ``NOT_FIGURE_AFTER_RE`` can match starting with ``ch`` (not a space or a tab):
    each of its branches opens with a letter or digit, a space (``\\s?``), or one of ":-/.".
    A comma, a per cent sign or a bracket after the number (most candidates) skips the
    pattern, which tries all its branches case-blind (~8k instructions a number)."""
    return ch.isalnum() or ch.isspace() or ch in ":-/."


def may_follow(text: str, pos: int) -> tuple[bool, bool]:
    """``(unit_may_follow(text, pos), not_figure_may_follow(text, pos))`` in one look.

    Every digit candidate asks both at its end; reading the next word once instead of twice
    saves a slice, a split and a lowercasing per candidate. ``text`` may be the lowercased text
    (offsets kept): the answers only depend on ASCII words, which lowercase alike either way.
    """
    if pos >= len(text):
        return False, False
    ch = text[pos]
    if ch == " " or ch == "\u00a0":
        word = next_word(text, pos)
        unit = (
            word in UNIT_FIRST_WORDS
            or word[:1] in ("%", "°", "€", "£")
            or ("-" in word and _hyphened_unit(word))
        )
        return unit, word in NOT_FIGURE_FIRST_WORDS
    if ch == "\t":
        return False, next_word(text, pos) in NOT_FIGURE_FIRST_WORDS
    return ch.isalpha() or ch in _GLUED_UNIT_CHARS, _may_open_not_figure(ch)


# Nouns of a change before "of" ("growth of 7%", "a cut of 25 basis points"); "loss" is left
# out: "a loss of $5m" is a level.
CHANGE_NOUNS_UP: Final = frozenset(
    "growth increase increases rise rises gain gains jump surge hike hikes rally expansion".split()
)
CHANGE_NOUNS_DOWN: Final = frozenset(
    """
    cut cuts fall falls drop drops decline declines decrease reduction contraction slump dip
    """.split()
)
