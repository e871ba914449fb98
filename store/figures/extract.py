"""Find the figures in a text: one scan for number candidates, then a short look around each.

For each candidate the extractor (1) rejects what is no figure (dates, years, times, ordinals,
calibres, codes, page clutter), (2) reads a hedge or range opener on the left for the bound,
(3) reads a unit and the counted noun or event on the right, (4) falls back to an event or a
subject on the left, and (5) notes a change direction. Ranges ("1,000 to 3,000") merge two
adjacent candidates. Figures with the same key and value collapse into one with every place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from store.figures import context as cx
from store.figures import counted as ct
from store.figures import numbers as nb
from store.figures.about import annotate
from store.figures.lexicon import Lexicon, default_lexicon
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD, Article, Figure

# Units after which a noun is never the counted thing ("15% month on month").
_OF_ONLY_UNITS = frozenset({"%", "pp", "°C"})
# Words before a spelled "one" that make it a pronoun: "no one", "the one", "at one point".
_ONE_BEFORE = frozenset(
    {"no", "the", "any", "every", "each", "this", "that", "which", "at", "only", "just", "another"}
)
_GLUED_BEFORE = frozenset("/.:#№_")
# Verbs of movement before "up to N" that make it a level reached, not "at most N".
_MOTION_VERBS = frozenset(
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
# Words before a number that compare it with the figure just before ("up from 45,000").
_REFERENCE_WORDS = frozenset({"from", "against", "versus", "vs", "with"})
_EVENT_KEYS = frozenset(
    {"killed", "injured", "casualties", "missing", "displaced", "detained", "prisoners"}
)
_CLAUSE_END_CHARS = frozenset({".", ",", ";", ":", ")", "!", "?", ""})
# A sentence ends at . ! ? (with closing quotes) before a space, or at a line break.
_SENTENCE_END_RE = re.compile(r"[.!?…\n](?:(?<=\n)|[\"'”’)\]]*(?=\s))")
# The same ends (other than line breaks) read backwards: a space, closing quotes, then [.!?…].
_SENTENCE_END_REVERSED_RE = re.compile(r"\s[\"'”’)\]]*[.!?…]")


@dataclass(slots=True)
class _Cand:
    start: int  # start of the number's own words (currency included, hedge excluded)
    end: int  # end of the number (and scale), before any unit
    low: float
    high: float
    unit: str  # unit from a currency prefix, "" if none
    spelled: bool
    vague: bool
    scaled: bool  # a scale word or suffix was written ("2 million", "$1.5bn")
    unit_end: int  # end of the unit when one follows, else ``end``
    unit_after: str  # unit written after the number


def _currency_before(text: str, start: int) -> tuple[int, str]:
    """A currency written right before ``start`` ("$", "US$", "EUR "): (new start, code)."""
    if start == 0:
        return start, ""
    ch = text[start - 1]
    code = nb.CURRENCY_SYMBOLS.get(ch)
    if code is not None:
        s = start - 1
        if ch == "$":
            j = s
            while j > 0 and text[j - 1].isalpha() and s - j < 2:
                j -= 1
            prefix = text[j:s].lower()
            if prefix in nb.DOLLAR_PREFIXES and (j == 0 or not text[j - 1].isalnum()):
                return j, nb.DOLLAR_PREFIXES[prefix]
        return s, code
    if ch == " " and start >= 4 and text[start - 4 : start - 1].lower() in nb.CURRENCY_CODES:
        if start == 4 or not text[start - 5].isalnum():
            return start - 4, text[start - 4 : start - 1].upper()
    return start, ""


def _digits_shape(raw: str) -> str | None:
    """The valid number at the start of a digit run ("11,000." -> "11,000"), or None."""
    raw = raw.rstrip(",.")
    if raw.isdigit():
        return raw
    if "," in raw:
        m = nb.COMMA_GROUPS_RE.match(raw)
        if m is None or m.end() != len(raw):
            return None  # "3,4" or a list like "1,2,3"
        return raw
    if "." in raw:
        m = nb.PLAIN_RE.match(raw)
        if m is None or (m.end() != len(raw) and not raw[m.end()].isspace()):
            return None  # "1.2.3"
        if m.end() == len(raw):
            return raw
    m = nb.SPACE_GROUPS_RE.match(raw)
    if m is not None and m.end() == len(raw):
        return raw
    return nb.PLAIN_RE.match(raw).group()  # "2023 300": only the first run counts


def _digit_candidate(text: str, lower: str, m) -> _Cand | None:  # noqa: ANN001 - re.Match
    """The candidate for one digit run, or None when it is glued to a code, a year or a time.

    Runs for every digit run of every text, so the common shapes take the short paths: plain
    digits skip ``_digits_shape``, a currency is only looked for after a symbol or a space
    that follows a three-letter code, and the word after the number is read once for both the
    unit and the no-figure test (``cx.may_follow``). ``lower`` is ``text`` lowercased letter
    by letter (see ``_lowered``); the code and word tests read it because every word they
    look for is ASCII, which lowercases the same in place or in a slice.
    """
    start = m.start()
    cstart, unit = start, ""
    if start:
        prev = text[start - 1]
        if prev.isalnum() or prev in _GLUED_BEFORE:
            return None  # "MH17", "1/2", "10:30", "v1.2"
        if prev in "-‐" and start >= 2 and text[start - 2].isalpha():
            return None  # "F-16", "COVID-19"
        if prev in nb.CURRENCY_SYMBOLS or (
            prev == " " and start >= 4 and lower[start - 4 : start - 1] in nb.CURRENCY_CODES
        ):
            cstart, unit = _currency_before(text, start)
    digits = m.group()
    if digits.isdigit():
        value = float(digits)
    else:
        digits = _digits_shape(digits)
        if digits is None:
            return None
        value = nb.digits_value(digits)
    end = start + len(digits)
    scaled = False
    if end < len(text) and (
        text[end] in nb.SCALE_FIRST
        or (text[end] in " \u00a0" and text[end + 1 : end + 2] in nb.SCALE_FIRST)
    ):
        sm = nb.SCALE_RE.match(text, end)
        if sm is not None:
            value *= nb.scale_value(sm.group())
            end = sm.end()
            scaled = True
    unit_may, not_figure_may = cx.may_follow(lower, end)
    um = cx.UNIT_RE.match(text, end) if unit_may else None  # the unit after, read once
    if not scaled and not unit and len(digits) == 4 and 1800 <= value <= 2100:
        if digits.isdigit():
            if um is None or um.lastgroup in ("years", "months", "weeks", "days", "hours"):
                return None  # a year
    if not_figure_may and cx.NOT_FIGURE_AFTER_RE.match(text, end):
        return None
    # What _with_unit does, inline: this runs for every digit run.
    if um is not None and um.lastgroup is not None:
        unit_name, unit_end = cx.UNIT_NAMES[um.lastgroup], um.end()
    elif end < len(text) and text[end].isalpha():
        return None  # glued letters that are no unit: "5G", "3D"
    else:
        unit_name, unit_end = "", end
    return _Cand(cstart, end, value, value, unit, False, False, scaled, unit_end, unit_name)


def _with_unit(text: str, cand: _Cand) -> _Cand | None:
    """``cand`` with the unit written after it; None for glued letters that are no unit."""
    um = cx.UNIT_RE.match(text, cand.end) if cx.unit_may_follow(text, cand.end) else None
    if um is not None and um.lastgroup is not None:
        cand.unit_after = cx.UNIT_NAMES[um.lastgroup]
        cand.unit_end = um.end()
    elif cand.end < len(text) and text[cand.end].isalpha() and not cand.spelled:
        return None  # glued letters that are no unit: "5G", "3D"
    return cand


def _number_words_in(lower: str, ascii_lower: bytes | None) -> set[str]:
    """The substrings to search for spelled numbers: those of the number words in ``lower``.

    Only whole words count, as ``str.split`` cuts the text once punctuation and digits are
    spaces. ``ascii_lower`` is ``lower`` encoded when it is ASCII; then the words are found by
    one regex over the bytes, which gives the same words without splitting the whole text.
    """
    if ascii_lower is not None:
        padded = b" " + ascii_lower.translate(nb.WORD_SPLIT_BYTES) + b" "
        return {nb.NUMBER_WORDS_BYTES[w] for w in nb.NUMBER_WORD_BYTES_RE.findall(padded)}
    present = nb.NUMBER_WORD_SET.intersection(lower.translate(nb.WORD_SPLIT_TABLE).split())
    return {nb.NUMBER_WORDS[w] for w in present}


def _word_candidates(
    text: str, lower: str, taken: list[tuple[int, int]], ascii_lower: bytes | None = None
) -> list[_Cand]:
    """Spelled-out and vague numbers, found by substring search on the lowercased text.

    ``ascii_lower`` is ``lower`` encoded, when it is ASCII (see ``_number_words_in``).
    """
    searched = _number_words_in(lower, ascii_lower)
    if not searched:
        return []
    hits: list[int] = []
    for word in searched:
        pos = lower.find(word)
        while pos != -1:
            if pos == 0 or not lower[pos - 1].isalpha():
                hits.append(pos)
            pos = lower.find(word, pos + len(word))
    if not hits:
        return []
    hits.sort()
    out: list[_Cand] = []
    busy_until = -1
    ti = 0
    for pos in hits:
        if pos < busy_until:
            continue
        while ti < len(taken) and taken[ti][1] <= pos:
            ti += 1
        if ti < len(taken) and taken[ti][0] <= pos:
            continue  # inside a digit candidate: "2 million"
        start = pos
        # "a thousand", "half a million", "a dozen".
        if lower.startswith("a ", pos - 2) and (pos == 2 or not lower[pos - 3].isalpha()):
            start = pos - 2
            if lower.startswith("half ", start - 5):
                start -= 5
        vm = nb.VAGUE_RE.match(text, start)
        if vm is not None:
            low, high = nb.vague_range(vm.group("vague"))
            busy_until = vm.end()
            cand = _Cand(start, vm.end(), low, high, "", True, True, False, vm.end(), "")
            out.append(cand)
            continue
        wm = nb.WORDS_RE.match(text, start)
        if wm is None or (wm.end() < len(text) and text[wm.end()].isalpha()):
            continue
        value = nb.words_value(wm.group())
        busy_until = wm.end()
        if value is None:
            continue
        end = wm.end()
        if text.startswith("-", end) and not text.startswith("-strong", end):
            continue  # a compound adjective: "two-day", "three-storey"
        cand = _Cand(start, end, value, value, "", True, False, value >= 1000, end, "")
        got = _with_unit(text, cand)
        if got is not None:
            out.append(got)
    return out


def _digit_runs(text: str, ascii_lower: bytes | None) -> Iterator[re.Match[str]]:
    """``nb.DIGITS_RE.finditer(text)``, found faster when the text is ASCII.

    The pattern matches at every digit and nowhere else, so its matches are: a match at the
    first digit, then one at the first digit after that match, and so on. In ASCII text the
    next digit is found with ``bytes.find`` on a copy where every digit is "0", a third of the
    cost of the regex engine's scan for a digit over the whole text. ``ascii_lower`` is the
    lowercased text encoded, when it is ASCII: lowercasing keeps every digit at its offset.
    """
    if ascii_lower is None:
        yield from nb.DIGITS_RE.finditer(text)
        return
    marks = ascii_lower.translate(nb.DIGIT_MARKS)
    match = nb.DIGITS_RE.match
    pos = marks.find(b"0")
    while pos != -1:
        m = match(text, pos)
        yield m
        pos = marks.find(b"0", m.end())


def _candidates(text: str, lower: str) -> list[_Cand]:
    """Every number candidate of ``text`` in order of position."""
    ascii_lower = lower.encode("ascii") if lower.isascii() else None
    out: list[_Cand] = []
    for m in _digit_runs(text, ascii_lower):
        cand = _digit_candidate(text, lower, m)
        if cand is not None:
            out.append(cand)
    words = _word_candidates(text, lower, [(c.start, c.end) for c in out], ascii_lower)
    if words:
        out.extend(words)
        out.sort(key=lambda c: c.start)
    return out


def _sentence_span(text: str, pos: int, floor: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``pos`` (spaces around it kept), found by looking
    only around ``pos``.

    A sentence ends where ``_SENTENCE_END_RE`` matches, and its matches never overlap or depend
    on text before them, so the answer is the same as listing every end of the text and
    bisecting - but most texts carry figures in a few paragraphs only, and scanning just the
    line that holds ``pos`` halves the cost of sentence bounds (measured on corpus articles:
    29 us -> 13 us per article). The start is the last end at or before ``pos``: a line break
    (``floor``) or, later in the line, ``[.!?…]`` plus closing quotes before a space (searched
    backwards on the reversed line by ``_SENTENCE_END_REVERSED_RE``). The end is the first
    match at or after that start, which always ends after ``pos``. ``floor`` is the offset
    after the last line break before ``pos`` (0 if none), which the caller knows already.
    """
    if pos < 0:
        # No end lies before a negative offset (a spelled number at offset 0 can get one when
        # the text ends in "a "); slices and rfind would count it from the end instead.
        lo = 0
    else:
        back = text[pos : floor - 1 : -1] if floor else text[pos::-1]
        m = _SENTENCE_END_REVERSED_RE.search(back)
        lo = pos - m.start() if m is not None else floor
    m = _SENTENCE_END_RE.search(text, lo)
    return lo, (m.end() if m is not None else len(text))


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``pos``, without the spaces around it."""
    lo, hi = _sentence_span(text, pos, text.rfind("\n", 0, pos) + 1)
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _lowered(text: str) -> str:
    lower = text.lower()
    if len(lower) != len(text):  # a rare letter whose lowercase is longer: keep offsets true
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


def _figures_in(text: str, part: str, lexicon: Lexicon) -> list[Figure]:
    lower = _lowered(text)
    cands = _candidates(text, lower)
    figures: list[Figure] = []
    prev: Figure | None = None
    i = 0
    n = len(cands)
    while i < n:
        a = cands[i]
        i += 1
        b: _Cand | None = None
        # Ranges: "1,000 to 3,000", "1,000–3,000", "between 1,000 and 3,000".
        if i < n and cands[i].start - a.unit_end <= 6:
            join = cx.RANGE_JOIN_RE.match(text, a.unit_end)
            if join is not None and join.end() == cands[i].start:
                if _is_range(lower, a, cands[i], (join.group("word") or "").lower()):
                    b = cands[i]
                    i += 1
        fig = _build(text, lower, part, lexicon, a, b, prev)
        if fig is not None:
            figures.append(fig)
            prev = fig
    return figures


def _unit_of(cand: _Cand) -> str:
    return cand.unit or cand.unit_after


def _is_range(lower: str, a: _Cand, b: _Cand, word: str) -> bool:
    """Whether two numbers joined by a dash, "to" or "and" are the ends of one range.

    Not when their units differ ("rose 2.3% to $84.10"), not "and" without "between", and not
    "to" after a change verb ("rose 2.3% to 4%" is a change and a level, not a range).
    """
    ua, ub = _unit_of(a), _unit_of(b)
    if ua and ub and ua != ub:
        return False
    before = lower[max(0, a.start - 16) : a.start].split()
    if word == "and":
        return bool(before) and before[-1] == "between"
    if word == "to" and before:
        last = before[-1]
        if last in ("by", "of") and len(before) > 1:
            last = before[-2]
        if last in cx.UP_WORDS or last in cx.DOWN_WORDS:
            return False
    return True


# Capitalised words that may open a sentence right before a number without naming anything.
_COMMON_OPENERS = (
    ct.STOP
    | frozenset(w for hedge in cx.HEDGES for w in hedge.split())
    | frozenset({"between", "from", "exactly", "precisely", "only", "just", "including"})
)


def _after_name(text: str, lower: str, start: int) -> bool:
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
    if not text[k].isupper():
        return False
    i = k
    while i > 0 and text[i - 1] in " \u00a0":
        i -= 1
    if i > 0 and text[i - 1].isspace():
        return lower[k:j] not in _COMMON_OPENERS  # a line starts here
    if i > 0 and text[i - 1] not in '.!?:;\n"“(•–-*':
        return True
    return lower[k:j] not in _COMMON_OPENERS


def _bound_after(text: str, pos: int) -> str:
    if not text.startswith((" or", "+", "-plus", " plus", "\u00a0or"), pos):
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


def _build(
    text: str,
    lower: str,
    part: str,
    lexicon: Lexicon,
    a: _Cand,
    b: _Cand | None,
    prev: Figure | None,
) -> Figure | None:
    last = b if b is not None else a
    unit = a.unit or a.unit_after or last.unit or last.unit_after
    low, high = a.low, last.high
    if b is not None:
        # "2 to 3 million", "10-15bn": a scale written once applies to both ends.
        if b.scaled and not a.scaled and not a.spelled:
            factor = b.high / _unscaled(text, b)
            if factor > 1 and a.low * factor <= b.low:
                low = a.low * factor
        if low > high:
            low, high = high, low
    floor = text.rfind("\n", 0, a.start) + 1
    left = ct.left_words(lower, a.start, floor)
    # Dates: "27 February", "February 27".
    if not unit and a.low == int(a.low) and 1 <= a.low <= 31 and not a.spelled:
        if (left and left[-1] in cx.MONTH_WORDS_DOT) or cx.MONTH_AFTER_RE.match(text, last.end):
            return None
    if left and left[-1] in cx.NAME_WORDS and not a.spelled and not unit:
        return None
    if (
        not a.spelled
        and not unit
        and _after_name(text, lower, a.start)
        and (not left or left[-1] not in cx.MONTH_WORDS_DOT)
    ):
        return None
    bound = "="
    start = a.start
    hedge_len = 0
    if left and left[-1] in cx.HEDGE_LAST_WORDS:
        for k in range(min(cx.HEDGE_MAX_WORDS, len(left)), 0, -1):
            hedge = cx.HEDGES.get(" ".join(left[-k:]))
            if hedge is not None:
                bound, hedge_len = hedge, k
                break
    if hedge_len == 2 and left[-2:] == ["up", "to"] and len(left) > 2:
        before = left[-3]
        if before.endswith("ed") or before in _MOTION_VERBS:
            bound, hedge_len = "=", 0  # "edged up to 4.2%": a move, not a ceiling
    rest = left[: len(left) - hedge_len] if hedge_len else left
    if hedge_len:
        start = _hedge_start(text, a.start, hedge_len)
    if b is not None:
        bound = "range"
        if not hedge_len and rest and rest[-1] in cx.RANGE_OPENERS:
            start = _hedge_start(text, a.start, 1)
            rest = rest[:-1]
    elif a.vague:
        bound = "range"
    else:
        bound = _bound_after(text, last.unit_end) or bound
    end = last.unit_end
    # A hyphenated word after the number: a unit, "-strong", or an adjective compound.
    counted: ct.Counted
    if not last.unit_after and text.startswith("-", end) and end + 1 < len(text):
        word_end = end + 1
        while word_end < len(text) and text[word_end].isalpha():
            word_end += 1
        word = text[end + 1 : word_end].lower()
        if not word:
            return None
        um = cx.UNIT_RE.fullmatch(" " + word)
        after = ct.right_words(text, word_end)
        if word == "strong":
            counted = ct.read_noun_phrase(after, lexicon, allow_event=False)
            if not counted.key:
                counted = ct.Counted(counts="strong", key="troops")
        elif um is not None and um.lastgroup is not None:
            unit = cx.UNIT_NAMES[um.lastgroup]
            if unit in cx.DURATIONS:
                return None  # "a 10-year bond", "a 30-day truce": an adjective, not a figure
            end = word_end
            counted = ct.read_noun_phrase(after, lexicon, allow_event=False)
        else:
            return None
    elif last.unit_after and last.unit_after not in cx.CURRENCIES:
        counted = ct.Counted()
        if last.unit_after in _OF_ONLY_UNITS:
            # "The deficit will reach 19.4% of GDP": the subject is what the share measures.
            subject = ct.left_subject(rest, lexicon, text, lower, a.start)
            if subject:
                counted = ct.Counted(key=subject)
        if not counted.key:
            after = ct.right_words(text, last.unit_end)  # only read when no subject was found
            counted = ct.read_of_phrase(after, lexicon)
            if counted.key:
                counted.counts = f"{text[last.end : last.unit_end].strip()} {counted.counts}"
            else:
                counted = ct.read_noun_phrase(after, lexicon, allow_event=False)
    else:
        after = ct.right_words(text, end)
        counted = ct.read_noun_phrase(after, lexicon, allow_event=not unit)
        if unit and not counted.key:
            counted = ct.read_of_phrase(after, lexicon, ct.MONEY_OF_WORDS)
        if unit and not counted.key:
            counted = ct.Counted(key=ct.money_verb(rest, lexicon))
        if unit and not counted.key and after and after[0].lower() == "for":
            counted = ct.read_of_phrase(after, lexicon)  # "€500m for ammunition"
    key = counted.key
    counts = counted.counts
    if bound == "=" and counted.key and " or " in text[end : end + 60]:
        far = cx.AFTER_NOUN_BOUND_RE.match(text, end)
        if far is not None:
            bound = ">=" if far.group("ge") else "<="
    if not counted.from_event and (not unit or unit == "count"):
        ev = ct.left_event(rest)
        if ev and (not key or key in ct.EVENT_OVERRIDES or key in lexicon.people_keys):
            key = ev
            counts = counts or ev
    # Change direction: "rose 15%", "fell by $2bn", "up 19 cents", "a 15% rise".
    change = ""
    if rest:
        verb = rest[-1]
        if verb in ("by", "of") and len(rest) > 1:
            verb = rest[-2]
        if verb in ("up", "down") and (not unit or unit == "count"):
            verb = ""  # "shot down 25 drones": a particle, not a change of a count
        if verb in cx.UP_WORDS:
            change = "up"
        elif verb in cx.DOWN_WORDS:
            change = "down"
    if not change and unit:
        cr = cx.CHANGE_RIGHT_RE.match(text, end)
        if cr is not None:
            change = "up" if cr.group("up") else "down"
    if not key and unit:
        key = ct.left_subject(rest, lexicon, text, lower, a.start)
    elif not key and not a.spelled and text[end : end + 1] in _CLAUSE_END_CHARS:
        # A bare count closing its clause takes the subject of its verb ("a majority
        # requires 316.", "The number of shelters stands at 46.").
        key = ct.left_subject(rest, lexicon, text, lower, a.start)
        if key == ct.PREVIOUS:
            key = ""
    if (
        not key
        and rest
        and rest[-1] in _REFERENCE_WORDS
        and prev is not None
        and prev.part == part
        and prev.unit == (unit or "count")
        and not _is_fallback(prev)
        and _sentence_around(text, prev.start) == _sentence_around(text, a.start)
    ):
        key = prev.key  # "restored to 80,000 households, up from 45,000"
    if (
        rest
        and rest[-1] == "including"
        and prev is not None
        and prev.key in _EVENT_KEYS
        and (not unit or unit == "count")
        and _sentence_around(text, prev.start) == _sentence_around(text, a.start)
    ):
        key = prev.key  # "14 people, including three children, died": the children died too
    if rest and rest[-1] == "magnitude":
        key = counts = "magnitude"  # "a magnitude 7.4 earthquake"
    if (
        change
        and not key
        and len(rest) <= 2
        and prev is not None
        and prev.part == part
        and not _is_fallback(prev)
        and text[prev.end : a.start].lstrip()[:1] == ","
    ):
        # "net profit was $1.1bn, up 12%": a change right after a figure is that figure's.
        key = prev.key
    if key == ct.PREVIOUS:
        # "raised the rate to 15.5% from 14.5%": a bare number after another shares its key.
        key = prev.key if prev is not None and not _is_fallback(prev) else ""
    # "fines of up to €35 million or 7%": a hedge before a list applies to each item.
    if bound == "=" and not hedge_len and prev is not None and prev.bound not in ("=", "range"):
        if prev.part == part and text[prev.end : a.start].strip(" ,") in ("or", "and"):
            bound = prev.bound
    if a.spelled and not a.vague:
        if not key:
            return None
        if a.low == 1 and (
            (rest and rest[-1] in _ONE_BEFORE)
            or text.startswith((" of", " another"), a.end)
            or (key not in lexicon.groups and key not in lexicon.people_keys)
        ):
            return None  # "one side", "no one": a spelled "one" counts only people or events
    if not unit:
        if not key:
            return None
        unit = "count"
    if not key:
        key = lexicon.unit_keys.get(unit, "") or unit.lower()
    if unit in cx.DURATIONS and key == unit:
        return None
    s_lo, s_hi = _sentence_span(text, a.start, floor)
    return Figure(
        value_low=float(low),
        value_high=float(high),
        bound=bound,
        unit=unit,
        counts=counts,
        key=key,
        change=change,
        sentence=text[s_lo:s_hi].strip(),  # what _sentence_around would cut, in one step
        start=start,
        end=end,
        part=part,
        places=((part, start, end),),
    )


def _unscaled(text: str, cand: _Cand) -> float:
    """The digits of a scaled candidate without their scale ("3bn" -> 3.0)."""
    pos = cand.start
    while pos < cand.end and not text[pos].isdigit():
        pos += 1
    m = nb.DIGITS_RE.match(text, pos)
    digits = _digits_shape(m.group()) if m is not None else None
    if not digits:
        return cand.high
    return nb.digits_value(digits) or cand.high


def _hedge_start(text: str, start: int, words: int) -> int:
    """The offset where the last ``words`` words before ``start`` begin."""
    lo = max(0, start - 60)
    seg = text[lo:start]
    parts = seg.rsplit(None, words)
    if len(parts) <= words:
        return lo + len(seg) - len(seg.lstrip())
    return lo + len(seg) - len(seg[len(parts[0]) :].lstrip())


def _is_fallback(fig: Figure) -> bool:
    """True for a figure whose key only names its unit (nothing counted was found)."""
    return fig.key == fig.unit.lower()


_PART_ORDER = {PART_KEY_POINT: 0, PART_LEAD: 1, PART_BODY: 2}


def _place_order(place: tuple[str, int, int]) -> tuple[int, int]:
    return _PART_ORDER.get(place[0], 3), place[1]


def _figure_order(fig: Figure) -> tuple[int, int]:
    return _PART_ORDER.get(fig.part, 3), fig.start


def _collapse(figures: Iterable[Figure]) -> list[Figure]:
    """One figure per (key, value, unit), remembering every place it appeared.

    A figure with nothing counted ("The AfD took 20.8%") joins a figure of the same value and
    unit that does name its thing ("20.8% of the vote"): the same number said twice in one
    article is the same figure. Only figures that gained places are rebuilt (most appear once).
    """
    seen: dict[tuple[str, float, float, str], int] = {}
    out: list[Figure] = []
    extra: dict[int, list[tuple[str, int, int]]] = {}  # index in ``out`` -> all its places
    fallbacks: list[Figure] = []
    for fig in figures:
        if fig.key == fig.unit.lower():  # _is_fallback, inlined: this loop sees every figure
            fallbacks.append(fig)
            continue
        ident = (fig.key, fig.value_low, fig.value_high, fig.unit)
        idx = seen.get(ident)
        if idx is None:
            seen[ident] = len(out)
            out.append(fig)
        else:
            _add_places(extra, out, idx, fig)
    # The first named figure of each value and unit, which a fallback of that value joins
    # (built only when there are fallbacks; most articles have none).
    named: dict[tuple[float, float, str], int] = {}
    if fallbacks:
        for idx, fig in enumerate(out):
            named.setdefault((fig.value_low, fig.value_high, fig.unit), idx)
    for fig in fallbacks:
        idx = named.get((fig.value_low, fig.value_high, fig.unit))
        if idx is None:
            ident = (fig.key, fig.value_low, fig.value_high, fig.unit)
            idx = seen.get(ident)
            if idx is None:
                seen[ident] = len(out)
                out.append(fig)
                continue
        _add_places(extra, out, idx, fig)
    for idx, pl in extra.items():
        fig = out[idx]
        if len(pl) != len(fig.places):
            out[idx] = replace(fig, places=tuple(sorted(pl, key=_place_order)))
    out.sort(key=_figure_order)
    return out


def _add_places(
    extra: dict[int, list[tuple[str, int, int]]], out: list[Figure], idx: int, fig: Figure
) -> None:
    """Add the places of ``fig`` to those of ``out[idx]``, the figure it repeats."""
    pl = extra.get(idx)
    if pl is None:
        pl = extra[idx] = list(out[idx].places)
    pl.extend(fig.places)


def extract_text(text: str, part: str = PART_BODY, lexicon: Lexicon | None = None) -> list[Figure]:
    """Every figure in one text, offsets into ``text``; repeats collapse into one figure."""
    lex = lexicon if lexicon is not None else default_lexicon()
    return _collapse(_figures_in(text, part, lex))


def extract_article(article: Article, lexicon: Lexicon | None = None) -> list[Figure]:
    """Every figure of an article: key points, then lead, then body; repeats collapse."""
    lex = lexicon if lexicon is not None else default_lexicon()
    found: list[Figure] = []
    for part in (PART_KEY_POINT, PART_LEAD, PART_BODY):
        text = article.part_text(part)
        if text:
            found.extend(_figures_in(text, part, lex))
    # What each figure is about (qualifier, period, attribution): one pass after collapsing.
    return annotate(_collapse(found), article)
