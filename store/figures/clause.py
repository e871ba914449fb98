"""The words of a number's clause: what ``store.figures.about`` hands the qualifier readers
(``store.figures.qualifiers``) for each place of a figure.

Runs for every figure of every imported article, so it reads only ``REACH`` characters on each
side of the number, cut at the nearest clause break, and cleans punctuation only when there
is some.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import qualifiers as ql

_STRIP: Final = ',;:()"“”![]?'
_DASHES: Final = frozenset({"-", "–", "—"})
# Any character ``_clean`` may remove, and a lone dash: two searches, as a character class
# alone lets the regex engine skip ahead in C (~0.2 us a window), while the one pattern
# ``class|\s-\s`` tried both branches at every character (~0.6 us).
_PUNCT_RE: Final = re.compile(r"[,;:()\"“”!\[\]?.–—]")
_LONE_DASH_RE: Final = re.compile(r"\s-\s")


def _has_punct(text: str, end: int) -> bool:
    """Whether ``text[:end]`` holds a character ``_clean`` may remove or a lone dash."""
    return _PUNCT_RE.search(text, 0, end) is not None or (
        "-" in text and _LONE_DASH_RE.search(text, 0, end) is not None
    )


def _punct_ends(text: str) -> tuple[int, int]:
    """Where the first character ``_clean`` may remove and the first lone dash of ``text``
    end (-1 for none): ``_has_punct(text, end)`` for every ``end`` from two searches, as the
    right side asks it twice."""
    m = _PUNCT_RE.search(text)
    dash = _LONE_DASH_RE.search(text) if "-" in text else None
    return (m.end() if m is not None else -1), (dash.end() if dash is not None else -1)


# Clause breaks: the last one left of a number, the first one right of it. No two of a side
# start with the same character, so the break found is the one starting last (first): a few
# ``rfind``/``find`` calls in C, where a regex ``.*(?:[,;:] |...)`` backtracked over the window
# and tried each alternative at every character.
_LEFT_BREAKS: Final = (", ", "; ", ": ", "(", ") ", " – ", " — ")
_RIGHT_BREAKS: Final = (", ", "; ", ": ", "(", ")", " – ", " — ")
REACH: Final = 80  # characters read on each side of a number


def _last_break_end(text: str) -> int:
    """Where the text after the last clause break of ``text`` starts, -1 when it has none."""
    start = end = -1
    for brk in _LEFT_BREAKS:
        at = text.rfind(brk)
        if at > start:
            start, end = at, at + len(brk)
    return end


def _first_break(text: str) -> int:
    """Where the first clause break of ``text`` starts, -1 when it has none."""
    first = -1
    for brk in _RIGHT_BREAKS:
        at = text.find(brk)
        if at != -1 and (first == -1 or at < first):
            first = at
    return first


def _clean(tokens: list[str]) -> list[str]:
    """Tokens with punctuation stripped from their ends (rare: clause breaks cut the window
    before most of it), a lone dash dropped."""
    out = []
    for token in tokens:
        if token[-1] in _STRIP or token[0] in _STRIP or token[-1] == ".":
            token = token.strip(_STRIP)
            if token.endswith(".") and token.count(".") == 1:
                token = token[:-1]
        if token and token not in _DASHES:
            out.append(token)
    return out


def around(text: str, pos: int, stop: int) -> tuple[ql.Window, int]:
    """The words of the number's clause within ``REACH`` characters left of ``pos`` and right
    of ``stop`` in its sentence ``text``, and where the left words start.

    Substring searches for the clause breaks and ``split`` instead of splitting every
    sentence into words: only a few words on each side of a number matter.
    """
    base = max(0, pos - REACH)
    left_text = text[base:pos]
    cut = _last_break_end(left_text)
    if cut != -1:
        base += cut
        left_text = left_text[cut:]
    elif base > 0:
        space = left_text.find(" ")
        base += space + 1  # the first word may be cut in half
        left_text = left_text[space + 1 :]
    right_text = text[stop : stop + REACH]
    cut = _first_break(right_text)
    if cut != -1:
        right_text = right_text[:cut]
    elif stop + REACH < len(text):
        right_text = right_text[: right_text.rfind(" ") + 1]
    left = left_text.split()
    right = right_text.split()
    if _has_punct(left_text, len(left_text)):
        left = _clean(left)
        low_left = [w.lower() for w in left]
    else:
        low_left = left_text.lower().split()
    punct, dash = _punct_ends(right_text)
    if punct != -1 or dash != -1:
        end = len(right_text.rstrip()) - 1
        if right and not (-1 < punct <= end or -1 < dash <= end) and "-" not in right:
            # Only the last word carries punctuation (the sentence's full stop, most often):
            # clean that one alone (``_clean`` of one token, inline).
            token = right[-1]
            if token[-1] in _STRIP or token[0] in _STRIP or token[-1] == ".":
                token = token.strip(_STRIP)
                if token.endswith(".") and token.count(".") == 1:
                    token = token[:-1]
            low_right = right_text.lower().split()
            if token and token not in _DASHES:
                right[-1] = token
                low_right[-1] = token.lower()
            else:
                del right[-1]
                del low_right[-1]
        else:
            right = _clean(right)
            low_right = [w.lower() for w in right]
    else:
        low_right = right_text.lower().split()
    return ql.Window(left, right, low_left, low_right), base
