"""Numbers written in words: "twenty-five", "a dozen", "tens of millions of", "a third of",
"one in five", "fourfold", "doubled".

Found by substring search on the lowercased text, and only for the number words the text
really holds (one pass over the words picks them), so text without number words costs one
split. Each hit is then read with a short anchored pattern at its position.
"""

from __future__ import annotations

from typing import Final

from store.figures import candidates as cd
from store.figures import context as cx
from store.figures import numbers as nb
from store.figures import unit_readers as ur
from store.figures import units as un
from store.figures.affix import starts_at

# Words after a fraction that make it a share of something ("a third of", "half the").
_FRACTION_NEXT: Final = frozenset(
    {"of", "the", "its", "their", "his", "her", "our", "all", "them", "that", "this", "those"}
    | {"were", "are", "was", "is", "had", "have", "said", "say"}
)
_HEDGE_WORDS: Final = frozenset({"about", "almost", "nearly", "roughly", "around", "some", "over"})
# Words before "half"/"quarter" that make them time or no share ("the first half", "a half
# hour", "second quarter").
_NOT_FRACTION_BEFORE: Final = frozenset(
    {"first", "second", "third", "fourth", "last", "final", "next", "each", "every", "other"}
)
_NUMERATORS: Final = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_FOLD: Final = {"hundred": 100, "thousand": 1000}
# Comparatives after "N times" that make it a multiplier ("3.5 times faster").
TIMES_NEXT: Final = frozenset(
    """
    more higher greater larger bigger faster slower cheaper dearer lower smaller as the over
    than longer stronger worse better heavier
    """.split()
)


def number_words_in(lower: str, ascii_lower: bytes | None) -> set[str]:
    """The substrings to search for spelled numbers: those of the number words in ``lower``.

    Only whole words count, as ``str.split`` cuts the text once punctuation and digits are
    spaces. ``ascii_lower`` is ``lower`` encoded when it is ASCII (other text is encoded here
    after its non-ASCII breaks become spaces); the words are found by one regex over the bytes,
    which gives the same words without splitting the whole text.
    """
    if ascii_lower is None:
        # Other text: its non-ASCII breaks turned to spaces, then split the same way through
        # its UTF-8 bytes (``nb.NON_ASCII_BREAK_RE`` says why this gives the same words).
        spaced = nb.NON_ASCII_BREAK_RE.sub(" ", lower)
        ascii_lower = spaced.encode("utf-8", "surrogatepass")
    padded = b" " + ascii_lower.translate(nb.WORD_SPLIT_BYTES) + b" "
    return {nb.NUMBER_WORDS_BYTES[w] for w in nb.NUMBER_WORD_BYTES_RE.findall(padded)}


def _word_before(lower: str, pos: int) -> str:
    words = lower[max(0, pos - 20) : pos].split()
    return words[-1] if words else ""


def _by_before(lower: str, pos: int) -> bool:
    """True for "by a third", "by almost a quarter": a fraction that is a change's size."""
    words = lower[max(0, pos - 30) : pos].split()
    while words and words[-1] in _HEDGE_WORDS:
        words.pop()
    return bool(words) and words[-1] == "by"


def _special(text: str, lower: str, start: int) -> cd.Cand | None:
    """Fractions, ratios and multipliers in words at ``start``, or None."""
    m = nb.ONE_IN_RE.match(text, start)
    if m is not None:
        num, den = m.group("num"), m.group("den")
        n = nb.UNITS.get(num.lower()) if not num.isdigit() else int(num)
        d = nb.words_value(den) if not den.isdigit() else int(den)
        if n and d and n < d:
            return cd.Cand(
                start, m.end(), n / d, n / d, "", True, False, False, m.end(), "fraction"
            )
    m = nb.FOLD_RE.match(text, start)
    if m is not None:
        word = m.group("spelled")
        value = nb.words_value(word) if word else _FOLD.get(m.group().split("f")[0].lower())
        if value:
            value = float(value)
            return cd.Cand(start, m.end(), value, value, "", True, False, False, m.end(), "x")
    m = nb.FRACTION_RE.match(text, start)
    if m is not None and not (m.end() < len(text) and text[m.end()] == "-"):
        frac = m.group("frac").lower()
        num_word = (m.group("num") or "").lower()
        if not num_word and _word_before(lower, start) in _NOT_FRACTION_BEFORE:
            return None
        after = lower[m.end() : m.end() + 12].split()
        nxt = after[0].strip(",.;:") if after else ""
        if frac.startswith("half") and (
            num_word in ("two", "three", "four", "five") or nxt in ("a", "an")
        ):
            return None  # "half a million" is a number; "two and a half" no share
        if (
            nxt in _FRACTION_NEXT
            or nxt in TIMES_NEXT
            or nxt in ("less", "fewer")
            or _by_before(lower, start)
            or (frac.startswith("half") and not num_word and _word_before(lower, start) == "than")
        ):
            den = nb.FRACTION_WORDS[frac]
            num = _NUMERATORS.get(num_word, 1)
            if num < den:
                value = num / den
                return cd.Cand(
                    start, m.end(), value, value, "", True, False, False, m.end(), "fraction"
                )
        return None
    first = lower[start : start + 12].split(None, 1)
    if first:
        verb = first[0].rstrip(",.;:")
        mult = nb.MULTIPLY_VERBS.get(verb)
        if verb in ("double", "triple", "twice") and _word_before(
            lower, start
        ) not in nb.MULTIPLY_BEFORE | {"than"}:
            following = lower[start + len(verb) : start + len(verb) + 12].split(None, 1)
            if verb != "twice" or not following or following[0].strip(",.") not in TIMES_NEXT:
                mult = None  # "a double bed", "triple jump", "met twice"
        if mult is not None:
            end = start + len(verb)
            cand = cd.Cand(start, end, mult[0], mult[0], "", True, False, False, end, "x")
            cand.change = mult[1]
            return cand
    return None


def word_candidates(
    text: str, lower: str, taken: list[tuple[int, int]], ascii_lower: bytes | None = None
) -> list[cd.Cand]:
    """Spelled-out, vague and fraction numbers, found by substring search on the lowercased text.

    ``taken`` are the spans of the digit candidates (in order): words inside one ("2 million")
    are part of it. ``ascii_lower`` is ``lower`` encoded, when it is ASCII.
    """
    searched = number_words_in(lower, ascii_lower)
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
    out: list[cd.Cand] = []
    busy_until = -1
    ti = 0
    for pos in hits:
        if pos < busy_until:
            continue
        while ti < len(taken) and taken[ti][1] <= pos:
            ti += 1
        if ti < len(taken) and taken[ti][0] <= pos:
            continue  # inside a digit candidate: "2 million"
        try:
            cand = _word_candidate(text, lower, pos)
        except (ArithmeticError, ValueError, IndexError):
            cand = None  # one odd spelling never costs the text its other figures
        if cand is None:
            continue
        busy_until = max(cand.unit_end, cand.end)
        out.append(cand)
    return out


def _word_candidate(text: str, lower: str, pos: int) -> cd.Cand | None:
    start = pos
    # "a thousand", "half a million", "a dozen", "a third".
    if starts_at(lower, "a ", pos - 2) and (pos == 2 or not lower[pos - 3].isalpha()):
        start = pos - 2
        if starts_at(lower, "half ", start - 5):
            start -= 5
    elif starts_at(lower, "an ", pos - 3) and (pos == 3 or not lower[pos - 4].isalpha()):
        start = pos - 3
    special = _special(text, lower, start)
    if special is None and start != pos:
        special = _special(text, lower, pos)
    if special is not None:
        return special
    vm = nb.VAGUE_RE.match(text, start)
    if vm is not None:
        low, high = nb.vague_range(vm.group("vague"))
        cand = cd.Cand(start, vm.end(), low, high, "", True, True, False, vm.end(), "")
        money = ur.spaced_after(text, vm.end(), cx.next_word(lower, vm.end()))
        if money is not None and money.name in un.MONEY and money.factor is None:
            cand.unit_after, cand.unit_end = money.name, money.end  # "millions of dollars"
        return cand
    wm = nb.WORDS_RE.match(text, start)
    if wm is None and start != pos:
        start = pos  # "a six-core CPU": the article is no part of the number
        wm = nb.WORDS_RE.match(text, start)
    if wm is None or (wm.end() < len(text) and text[wm.end()].isalpha()):
        return None
    value = nb.words_value(wm.group())
    if value is None:
        return None
    end = wm.end()
    if value < 1000 and starts_at(lower, " and a half", end):
        value, end = value + 0.5, end + 11  # "six and a half hours"
        scale = nb.HALF_SCALE_RE.match(lower, end)
        if scale is not None:  # "four and a half million euros"
            value *= nb.SCALES[scale.group()[1:]]
            end = scale.end()
    cand = cd.Cand(start, end, value, value, "", True, False, value >= 1000, end, "")
    if starts_at(text, "-", end) and not starts_at(text, "-strong", end):
        return cand  # a compound ("six-cylinder", "two-day"): read where the figure is built
    return cd.with_unit(text, lower, cand)
