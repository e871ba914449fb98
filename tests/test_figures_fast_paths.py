"""Fast paths of the extractor against the plain code they stand for, on tricky random text.

Each fast path skips work when a cheap test says it cannot change the answer; these tests
hold it to the slow answer on text made of the characters that matter (clause marks, quotes,
brackets, abbreviations, Unicode spaces), so a test that misses a case fails here.
"""

from __future__ import annotations

import random
import re

from store.figures import around as ar
from store.figures import candidates as cd
from store.figures import clause as cl
from store.figures import numbers as nb
from store.figures import spelled as sp
from store.figures import subject as sj
from store.figures.build_words import SentenceSpans
from store.figures.counted import OPEN_PUNCT
from store.figures.words import SPLIT_TABLE, split_words, vocabulary

_PIECES = [
    "said",
    "No.",
    "u.s.",
    "killed,",
    "(about",
    "“quoted”",
    "end.",
    "up;",
    "a",
    "42",
    "1,200",
    "—",
    "«x»",
    "why?",
    "’s",
    "e.g.",
    "-",
    "$5",
    "…",
    "[b]",
    "x:",
    "Ünïcode",
]
_SPACES = [" ", " ", " ", "  ", "\u00a0", "\u2009", "\t", "\n"]


def _random_text(rnd: random.Random) -> str:
    parts = []
    for _ in range(rnd.randint(0, 18)):
        parts.append(rnd.choice(_PIECES))
        parts.append(rnd.choice(_SPACES))
    if rnd.random() < 0.3:
        parts.append(rnd.choice(".,;:!?)]}\"”»…([{'“‘«—–"))
    return "".join(parts)


def _left_words_slow(lower: str, start: int, floor: int) -> list[str]:
    """``left_words`` without its shortcuts: every word read from the number leftwards."""
    lo = max(floor, start - 120)
    seg = lower[lo:start]
    raw = seg.rsplit(None, 14)
    if len(raw) == 15 or (
        lo > floor and raw and not lower[lo - 1].isspace() and not lower[lo].isspace()
    ):
        raw = raw[1:]
    out: list[str] = []
    for word in reversed(raw):
        last = word[-1]
        if last in sj._CLAUSE_END or (last == "." and word not in sj._ABBREVIATIONS):
            break
        if word[0] in OPEN_PUNCT:
            out.append(word.lstrip(OPEN_PUNCT))
            break
        out.append(word)
    out.reverse()
    return out


def test_left_words_matches_the_word_by_word_reading() -> None:
    rnd = random.Random(12)
    for _ in range(20_000):
        text = _random_text(rnd).lower()
        start = rnd.randint(0, len(text))
        floor = rnd.randint(0, start)
        assert sj.left_words(text, start, floor) == _left_words_slow(text, start, floor), text


def test_split_words_matches_the_translate_table() -> None:
    rnd = random.Random(11)
    for _ in range(20_000):
        text = _random_text(rnd).lower()
        slow = text.translate(SPLIT_TABLE).split()
        assert split_words(text) == slow, text
        assert vocabulary(text) == frozenset(slow)
    every_ascii = "".join(chr(c) for c in range(128))
    assert split_words(every_ascii) == every_ascii.translate(SPLIT_TABLE).split()


def _sentence_span_slow(text: str, pos: int, floor: int) -> tuple[int, int]:
    """``sentence_span`` reversing the whole line back to ``floor`` at once."""
    if pos < 0:
        lo = 0
    else:
        back = text[pos : floor - 1 : -1] if floor else text[pos::-1]
        m = ar.SENTENCE_END_REVERSED_RE.search(back)
        lo = pos - m.start() if m is not None else floor
    m = ar.SENTENCE_END_RE.search(text, lo)
    return lo, (m.end() if m is not None else len(text))


def test_sentence_span_matches_reversing_the_whole_line() -> None:
    rnd = random.Random(13)
    ends = [
        "",
        ".\u201d ",
        "!) ",
        "\n",
        "3.5",
        ". ",
        "?\u2019\u00a0",
        "\u2026 ",
        ".\u201d",
        ".)x. ",
    ]
    for _ in range(20_000):
        text = "".join(_random_text(rnd) + rnd.choice(ends) for _ in range(rnd.randint(1, 4)))
        if not text:
            continue
        pos = rnd.randint(-1, len(text) + 1)  # (offsets past the end too)
        floor = text.rfind("\n", 0, max(pos, 0)) + 1
        assert ar.sentence_span(text, pos, floor) == _sentence_span_slow(text, pos, floor), (
            text,
            pos,
        )


def test_sentence_spans_reuse_matches_a_fresh_search() -> None:
    """``SentenceSpans`` hands back the last span for an offset inside it: the same bounds a
    fresh ``sentence_span`` gives, for offsets in any order (moves build their later end first)."""
    rnd = random.Random(15)
    ends = ["", ".\u201d ", "!) ", "\n", ". ", "? ", "\u2026 ", ".) x. "]
    for _ in range(4_000):
        text = "".join(_random_text(rnd) + rnd.choice(ends) for _ in range(rnd.randint(1, 4)))
        if not text:
            continue
        spans = SentenceSpans()
        for _ in range(8):
            pos = rnd.randint(-2, len(text) - 1)
            floor = text.rfind("\n", 0, max(pos, 0)) + 1
            want = ar.sentence_span(text, pos, floor)
            assert spans.span(text, pos, floor) == want, (text, pos)
            if pos >= 0:  # every offset inside the span found is answered from it
                for inside in range(want[0], min(want[1], len(text))):
                    inner_floor = text.rfind("\n", 0, inside) + 1
                    assert ar.sentence_span(text, inside, inner_floor) == want, (text, inside)


_CLAUSE_PIECES = [
    *_PIECES,
    ", ",
    "; ",
    ": ",
    "(",
    ") ",
    " – ",
    " — ",
    " - ",
    "!",
    "?",
    "“",
    "”",
    "U.S.",
    "x.",
    "-",
]


# The clause breaks as first written: regexes (``clause`` now finds them with str.find).
_LAST_BREAK_RE = re.compile(r".*(?:[,;:] |\(|\) | [–—] )", re.DOTALL)
_FIRST_BREAK_RE = re.compile(r"[,;:] |[()]| [–—] ")


def _around_slow(text: str, pos: int, stop: int) -> tuple[list, ...]:
    """``clause.around`` as first written: break regexes, one punctuation pattern, ``_clean``
    on every side."""
    base = max(0, pos - cl.REACH)
    left_text = text[base:pos]
    m = _LAST_BREAK_RE.match(left_text)
    if m is not None:
        base += m.end()
        left_text = left_text[m.end() :]
    elif base > 0:
        base += left_text.find(" ") + 1
        left_text = left_text[left_text.find(" ") + 1 :]
    right_text = text[stop : stop + cl.REACH]
    m = _FIRST_BREAK_RE.search(right_text)
    if m is not None:
        right_text = right_text[: m.start()]
    elif stop + cl.REACH < len(text):
        right_text = right_text[: right_text.rfind(" ") + 1]
    punct = re.compile(r"[,;:()\"“”!\[\]?.–—]|\s-\s")
    left = left_text.split()
    right = right_text.split()
    if punct.search(left_text):
        left = cl._clean(left)
    if punct.search(right_text):
        right = cl._clean(right)
    return left, right, [w.lower() for w in left], [w.lower() for w in right], [base]


def test_around_matches_cleaning_every_word() -> None:
    rnd = random.Random(14)
    for _ in range(20_000):
        text = "".join(rnd.choice(_CLAUSE_PIECES) for _ in range(rnd.randint(0, 70)))
        pos = rnd.randint(0, len(text))
        stop = rnd.randint(pos, len(text))
        window, base = cl.around(text, pos, stop)
        words = (window.left, window.right, window.low_left, window.low_right)
        got = (*map(list, words), [base])
        assert got == _around_slow(text, pos, stop), (text, pos, stop)


_MONEY_PIECES = [
    "USD",
    "usd",
    "Rs",
    "Rs.",
    "rs",
    "Rp",
    "KSh",
    "Sh",
    "sh",
    "HK$",
    "US$",
    "$US",
    "RM",
    "PS",
    "Y=",
    "€",
    "EUR",
    "paid",
    "A",
    "the",
    "x.",
    "(",
    "Â£",
]


def test_money_after_a_space_needs_a_capital_or_rs_before_it() -> None:
    """``digit_candidate`` asks ``_money_before`` about a number after a space only when the
    character before the space is a capital or one of "s.ph" (a cheap test, no call)."""
    rnd = random.Random(16)
    for _ in range(20_000):
        text = "".join(
            rnd.choice(_MONEY_PIECES) + rnd.choice(["", " ", "  ", "\u00a0"])
            for _ in range(rnd.randint(1, 4))
        )
        text = text.rstrip("\u00a0") + " 40"
        start = len(text) - 2
        p2 = text[start - 2] if start >= 3 else ""
        if not (p2 and (p2.isupper() or p2 in "s.ph")):
            assert cd._money_before(text, start, " ") is None, text


def test_digit_run_values_read_without_the_separator_pattern() -> None:
    """A digit run without space groups is read by ``float`` after dropping its commas: the
    value ``digits_value`` gives."""
    rnd = random.Random(17)
    for _ in range(20_000):
        digits = "".join(rnd.choice("0123456789,.") for _ in range(rnd.randint(1, 12)))
        plain = digits.replace(",", "")
        if plain.replace(".", "", 1).isdigit():
            assert float(plain) == nb.digits_value(digits), digits
    for grouped in ("3 000", "12\u00a0500", "1 234 567", "4\u202f000"):
        plain = grouped.replace(",", "")
        assert not plain.replace(".", "", 1).isdigit()  # space groups go the slow way


def test_sign_before_only_after_a_sign_character() -> None:
    """``digit_candidate`` calls ``_sign_before`` only when a sign character precedes."""
    for text in ("a -5", "(+4", "x5", " 5", "F-16", "−40", "‒3", "—3"):
        at = len(text) - 1
        if text[at - 1] not in cd._SIGNS:
            assert cd._sign_before(text, at) == 0, text


_WORDY_PIECES = [
    "one",
    "twenty",
    "five",
    "fold",
    "hundreds",
    "half",
    "dozen",
    "tens",
    "doubled",
    "onely",
    "café",
    "über",
    "İstanbul",
    "x",
    "3",
    "2,000",
    "’s",
]
_WORDY_GLUE = [" ", "", "-", "’", "“", "”", "—", "–", "…", "«", "»", "•", "·", ".", ",", "é"]


def _number_words_slow(lower: str) -> set[str]:
    """``number_words_in`` as first written: a ``str.translate`` split and a set."""
    present = nb.NUMBER_WORD_SET.intersection(lower.translate(nb.WORD_SPLIT_TABLE).split())
    return {nb.NUMBER_WORDS[w] for w in present}


def test_number_words_in_other_text_matches_the_translate_split() -> None:
    """Text that is not ASCII is split through its UTF-8 bytes once its non-ASCII breaks are
    spaces: the same number words as the ``str.translate`` split, whatever the spaces."""
    spaces = [chr(c) for c in range(0x80, 0x110000) if chr(c).isspace()]
    assert max(map(ord, spaces)) <= 0x3000 and set(spaces) <= set(nb.NON_ASCII_BREAKS)
    rnd = random.Random(19)
    glue = _WORDY_GLUE + spaces + ["\ud800"]
    for _ in range(20_000):
        text = "".join(
            rnd.choice(_WORDY_PIECES) + rnd.choice(glue) for _ in range(rnd.randint(0, 12))
        ).lower()
        ascii_lower = text.encode("ascii") if text.isascii() else None
        assert sp.number_words_in(text, ascii_lower) == _number_words_slow(text), repr(text)


def test_split_words_of_other_text_matches_the_translate_table() -> None:
    """Non-ASCII text goes through a regex and the UTF-8 bytes: the same words as the table."""
    rnd = random.Random(20)
    glue = [*_WORDY_GLUE, "\u00a0", "\u2009", "\u3000", "\ud800", "(", "/", "%", "€", "£"]
    for _ in range(20_000):
        text = "".join(
            rnd.choice(_WORDY_PIECES) + rnd.choice(glue) for _ in range(rnd.randint(0, 12))
        ).lower()
        assert split_words(text) == text.translate(SPLIT_TABLE).split(), repr(text)


_PLACE_WORDS = ["near", "around", "in", "at", "outside", "of", "from", "close", "to", "within"]
_PLACE_WORDS += ["Dry", "Creek", "x", "_", "5", "é", "É", "'", "Near", "close to", "Xin"]
_PLACE_SEPARATORS = [" ", " ", "  ", "", "\n", "\u00a0", "-", ",", "'"]


def test_names_place_matches_the_place_pattern() -> None:
    """``events.names_place`` answers as ``PLACE_RE.search`` finding a match does."""
    from store.figures import events as ev

    rnd = random.Random(16)
    found = 0
    for _ in range(40_000):
        text = "".join(
            rnd.choice(_PLACE_WORDS) + rnd.choice(_PLACE_SEPARATORS)
            for _ in range(rnd.randint(0, 8))
        )
        want = ev.PLACE_RE.search(text) is not None
        assert ev.names_place(text) == want, text
        found += want
    assert found > 3_000  # (both answers well covered)
