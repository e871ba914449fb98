"""Small readers of the words around a number, shared by the extractor's steps.

Each answers one question about the text right before or after a candidate ("is this a
name?", "is the bound written after it?", "does a change verb sit a few words back?"), looking
only at a short window, so the extractor's main step (``build.build``) stays a sequence of
decisions rather than a wall of string handling.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from store.figures import candidates as cd
from store.figures import context as cx
from store.figures import counted as ct
from store.figures import numbers as nb
from store.figures import unit_readers as ur
from store.figures.affix import starts_at, starts_at_any
from store.figures.lexicon import Lexicon
from store.model import Figure

# A sentence ends at . ! ? (with closing quotes) before a space, or at a line break.
SENTENCE_END_RE: Final = re.compile(r"[.!?…\n](?:(?<=\n)|[\"'”’)\]]*(?=\s))")
# The same ends (other than line breaks) read backwards: a space, closing quotes, then [.!?…].
SENTENCE_END_REVERSED_RE: Final = re.compile(r"\s[\"'”’)\]]*[.!?…]")


# What ends a sentence: one of ``_END_MARKS``, closing quotes, then a space (or a line break).
_END_MARKS: Final = ".!?…"
_CLOSERS: Final = "\"'”’)]"


def sentence_span(text: str, pos: int, floor: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``pos`` (spaces around it kept), found by looking
    only around ``pos``.

    A sentence ends where ``SENTENCE_END_RE`` matches, and its matches never overlap or depend
    on text before them, so the answer is the same as listing every end of the text and
    bisecting - but most texts carry figures in a few paragraphs only, and scanning just the
    line that holds ``pos`` halves the cost of sentence bounds (measured on corpus articles:
    29 us -> 13 us per article). The start is the last end at or before ``pos``: a line break
    (``floor``) or, later in the line, ``[.!?…]`` plus closing quotes before a space (what
    ``SENTENCE_END_REVERSED_RE`` finds on the reversed line). The end is the first match at
    or after that start, which always ends after ``pos``. ``floor`` is the offset after the
    last line break before ``pos`` (0 if none), which the caller knows already.

    Both are found by ``str.find``/``rfind`` of the few characters an end starts with, each a
    C scan, and the pattern tried only where one is: the regex engine tests every character
    against the pattern's first set, several times the cost.
    """
    if pos < 0:
        # No end lies before a negative offset (a spelled number at offset 0 can get one when
        # the text ends in "a "); slices and rfind would count it from the end instead.
        lo = 0
    elif pos >= len(text):
        # (past the text the reversed slice starts at its last character: read as written)
        m = SENTENCE_END_REVERSED_RE.search(text[pos : floor - 1 : -1] if floor else text[::-1])
        lo = pos - m.start() if m is not None else floor
    else:
        lo = _start_at(text, pos, floor)
    return lo, _end_from(text, lo)


def _start_at(text: str, pos: int, floor: int) -> int:
    """The last space at or before ``pos`` (and at or after ``floor``) that follows an end mark
    and closing quotes, else ``floor``; ``0 <= pos < len(text)``.

    The end marks are tried from the right: the first non-quote after a mark is the only space
    that mark can end at, and a later mark's space lies further right.
    """
    hi = pos + 1
    while True:
        mark = -1
        for ch in _END_MARKS:
            at = text.rfind(ch, floor, hi)
            if at > mark:
                mark = at
        if mark == -1:
            return floor
        k = mark + 1
        while k <= pos and text[k] in _CLOSERS:
            k += 1
        if k <= pos and text[k].isspace():
            return k
        hi = mark


def _end_from(text: str, lo: int) -> int:
    """``SENTENCE_END_RE.search(text, lo)``'s end, ``len(text)`` when there is none: the
    pattern read at each end mark or line break from ``lo`` on, nearest first (a line break
    ends there; a mark, closing quotes and a space end before the space)."""
    n = len(text)
    at = lo
    while True:
        first = n
        for ch in _END_MARKS:
            found = text.find(ch, at, first)
            if found != -1:
                first = found
        found = text.find("\n", at, first)
        if found != -1:
            return found + 1
        if first == n:
            return n
        k = first + 1
        while k < n and text[k] in _CLOSERS:
            k += 1
        if k < n and text[k].isspace():
            return k
        at = first + 1


def sentence_around(text: str, pos: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``pos``, without the spaces around it."""
    lo, hi = sentence_span(text, pos, text.rfind("\n", 0, pos) + 1)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


# Street words after a number and a name: "10 Downing Street", "221 Baker St".
STREET_WORDS: Final = frozenset(
    """
    street st st. road rd rd. avenue ave ave. lane boulevard blvd drive place square way
    court terrace crescent close highway parkway plaza circle row wharf
    """.split()
)


# Capitalised words that may open a sentence right before a number without naming anything.
COMMON_OPENERS: Final = (
    ct.STOP
    | frozenset(w for hedge in cx.HEDGES for w in hedge.split())
    | frozenset({"between", "from", "exactly", "precisely", "only", "just", "including"})
)


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def after_name(text: str, lower: str, start: int) -> bool:
    """True when the word right before ``start`` is a capitalised name ("Apollo 11",
    "Boeing 737", "MAX 9"); at the start of a sentence, unless it is a common word ("About",
    "Some", "The")."""
    j = start
    while j > 0 and text[j - 1] in " \u00a0":
        j -= 1
    if j == start or j == 0 or not text[j - 1].isalpha():
        return False
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "'’-"):
        k -= 1
    if text[k:j] == lower[k:j]:
        return False  # a lowercase word; "iPhone 15" is a name all the same (one string test)
    if lower[k:j] in _WEEKDAYS:
        return False  # "mobilised on Wednesday 60 000 demonstrators": a day, then a count
    i = k
    while i > 0 and text[i - 1] in " \u00a0":
        i -= 1
    if i > 0 and text[i - 1].isspace():
        return _opener_is_name(lower[k:j])  # a line starts here
    if i > 0 and text[i - 1] not in '.!?:;\n"“(•–-*':
        return True
    return _opener_is_name(lower[k:j])


def _opener_is_name(word: str) -> bool:
    """Whether the capitalised word opening a sentence before a number names something: not
    a common opener ("About", "Some") nor a verb in the past ("Counted 3 482 600 ballots",
    "Evacuated 12 000": a line of key points that starts on its verb)."""
    return word not in COMMON_OPENERS and not (len(word) > 4 and word.endswith("ed"))


def bound_after(text: str, pos: int) -> str:
    if not starts_at_any(text, (" or", "+", "-plus", " plus", "\u00a0or"), pos):
        return ""
    after = cx.AFTER_BOUND_RE.match(text, pos)
    if after is None:
        return ""
    if after.group("ge"):
        return ">="
    if after.group("le"):
        return "<="
    if after.group("gt") is not None:
        return ">"
    return "~"


def scale_of(text: str, cand: cd.Cand) -> Decimal:
    """The scale written with a scaled candidate ("3bn" -> 10**9, "three thousand" -> 1000)."""
    if cand.spelled:
        for size in (10**12, 10**9, 10**6, 10**3):
            if cand.high >= size:
                return Decimal(size)
        return Decimal(1)
    digits_only = unscaled(text, cand)
    if not digits_only:
        return Decimal(1)
    return (Decimal(repr(cand.high)) / Decimal(repr(digits_only))).to_integral_value()


def period_after(text: str, pos: int) -> bool:
    """True when "-week", "-year", ... follows ``pos`` ("£150,000-a-week")."""
    return starts_at_any(text, ("-week", "-year", "-month", "-day", "-hour", "-season"), pos)


def in_place(after: list[str]) -> bool:
    """True for "in" and a name after a sum ("Rs 24,999 in India"): where, not what."""
    if len(after) < 2 or after[0] != "in" or not after[1][:1].isupper():
        return False
    ended = after[1][-1] in ".,;:!?)" or len(after) == 2
    return ended or after[2].lower() in ct.STOP  # ("$2bn in Ukraine aid" is aid)


def more_of(lower: str, pos: int) -> bool:
    """True when "more" and a noun follow ("20% more range"), not "more than"."""
    if not starts_at(lower, " more ", pos):
        return False
    return not starts_at(lower, "than", pos + 6)


def comma_after(between: str) -> bool:
    """True when a change follows a figure after a comma in the same clause ("$1.1bn, up
    12%", "3.02 million vehicles in 2023, up 62%")."""
    return "," in between and len(between) <= 48 and not any(c in between for c in ".;:!?")


def ago_after(lower: str, pos: int) -> bool:
    """True when one word and then "ago" follow ("two seasons ago")."""
    window = lower[pos : pos + 24]
    if "ago" not in window:
        return False
    words = window.split(None, 2)
    return len(words) >= 2 and words[1].rstrip(".,;:") == "ago"


def capital_after(text: str, pos: int) -> bool:
    """True when the next word starts with a capital ("Six Nations")."""
    return starts_at(text, " ", pos) and text[pos + 1 : pos + 2].isupper()


def hyphen_unit_after(text: str, pos: int) -> bool:
    """True when a hyphenated unit follows ("RS's 4.0-litre"): a measure, even after a name."""
    if not starts_at(text, "-", pos):
        return False
    word = text[pos + 1 : pos + 14].split(None, 1)
    return bool(word) and bool(ur.hyphen_unit(word[0].split("-")[0].rstrip(".,;:")))


def verb_back(words: list[str]) -> str:
    """The direction of a change verb a few words back ("cut national insurance by 2p")."""
    for word in reversed(words[-5:]):
        if word[-1:] in ",;:":
            return ""
        if word in cx.UP_WORDS:
            return "up"
        if word in cx.DOWN_WORDS:
            return "down"
    return ""


def street_after(text: str, pos: int) -> bool:
    """True when a name and a street word follow ("10 Downing Street"): an address."""
    if not starts_at(text, " ", pos) or not text[pos + 1 : pos + 2].isupper():
        return False
    words = text[pos + 1 : pos + 40].split()[:3]
    return any(w.lower().rstrip(",.") in STREET_WORDS for w in words[1:]) and words[0][:1].isupper()


def carried_from(text: str, start: int, prev: Figure | None, part: str) -> Figure | None:
    """The figure just before when this one restates it: ", or 0.7%", "(31 miles)"."""
    if prev is None or prev.part != part or start - prev.end > 18 or start < prev.end:
        return None
    between = text[prev.end : start].strip(" ,\u00a0").lower()
    if between in ("or", "("):
        return prev
    # "or about 0.7%", "(about $6.5 million)", "(roughly 31 miles)": a hedge of the restatement
    opener, _, hedge = between.partition(" ") if between[:2] == "or" else ("(", "", between[1:])
    if opener not in ("or", "(") or hedge.strip() not in _RESTATE_HEDGES:
        return None
    return prev


_RESTATE_HEDGES: Final = frozenset(
    "about some around roughly nearly almost approximately approx. c. ~ just".split()
)


def fraction_of(text: str, pos: int, lexicon: Lexicon) -> ct.Counted:
    """What a fraction is of: "a third of the patients", "half its income"."""
    after = ct.right_words(text, pos)
    if after and after[0].lower() == "of":
        return ct.read_of_phrase(after, lexicon)
    i = 0
    while i < len(after) and after[i].lower() in ("the", "its", "their", "his", "her", "our"):
        i += 1
    return ct.read_noun_phrase(after, lexicon, allow_event=False, start=i)


def unscaled(text: str, cand: cd.Cand) -> float:
    """The digits of a scaled candidate without their scale ("3bn" -> 3.0)."""
    pos = cand.start
    while pos < cand.end and not text[pos].isdigit():
        pos += 1
    m = nb.DIGITS_RE.match(text, pos)
    digits = cd._digits_shape(m.group()) if m is not None else None
    if not digits:
        return cand.high
    return nb.digits_value(digits) or cand.high


def hedge_start(text: str, start: int, words: int) -> int:
    """The offset where the last ``words`` words before ``start`` begin."""
    lo = max(0, start - 60)
    seg = text[lo:start]
    parts = seg.rsplit(None, words)
    if len(parts) <= words:
        return lo + len(seg) - len(seg.lstrip())
    return lo + len(seg) - len(seg[len(parts[0]) :].lstrip())


# Words after "N times" that make it how often ("broke his serve five times to win", "three
# times a week"); after others it is a multiplier ("3.5 times book value", "six times those").
_TIMES_FREQUENCY_NEXT: Final = frozenset(
    """
    to in this last a an per since during before after and but at on so while when already
    now each every between until in a row within
    """.split()
)


def times_is_multiplier(lower: str, pos: int, rest: list[str]) -> bool:
    """True when "N times" at ``pos`` (after "times") is a multiplier: a comparison follows
    ("3.5 times faster", "four times the size", "2.8 times as likely") or a change verb comes
    before ("sales rose 3.5 times"). False for how often ("broke his serve five times")."""
    if rest and (rest[-1] in cx.UP_WORDS or rest[-1] in cx.DOWN_WORDS):
        return True
    nxt = lower[pos : pos + 16].split(None, 1)
    if not nxt or nxt[0][:1] in ",.;:!?)" or lower[pos : pos + 1] in ",.;:!?)":
        return False  # "met her six times."
    return nxt[0].strip(",.;:!?)") not in _TIMES_FREQUENCY_NEXT
