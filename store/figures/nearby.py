"""The names written in a number's own clause: whose number it is, when a sentence has several.

Why: "Withdrawals from Estrand reached €3.1 billion" and "From Norvik Cooperative Bank clients
withdrew €420 million" count the same thing for two banks; "The Civic Alliance received 33.4
per cent, the National Renewal Party 45.1 per cent" gives two parties' shares in one sentence.
The counted key and the words around the numbers are alike; the capitalised names in the clause
of each number are not. The clause ends at a comma, semicolon, colon or bracket, so a name in the
next clause (another party, the outlet credited) is not read as this number's.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures.lexicon import default_lexicon
from store.figures.periods import MONTHS, WEEKDAYS

_NAME_RE: Final = re.compile(r"[A-Z][A-Za-z'’-]+")
_LEFT_WORDS: Final = 10
_RIGHT_WORDS: Final = 6
_CLAUSE_MARKS: Final = ",;:()"
_STEM: Final = 5

# Capitalised words that name nobody: sentence openers, titles of address, time words.
_NOT_NAMES: Final = (
    frozenset(
        """
        the a an in on at to from by for with and or but as that this these those it its
        he she they we i there here according about some more nearly almost around over
        under after before since until while when where what who his her their our
        mr mrs ms dr
        """.split()
    )
    | frozenset(w.lower() for w in WEEKDAYS)
    | frozenset(w.lower() for w in MONTHS)
)


def names_near(sentence: str, at: int, length: int, skip: frozenset[str]) -> frozenset[str]:
    """The capitalised words of the clause a number at ``at`` stands in (first five letters,
    lowercased), without words of ``skip`` (the credited source's name)."""
    if at < 0:
        return frozenset()
    left = sentence[:at]
    left = left[max(left.rfind(mark) for mark in _CLAUSE_MARKS) + 1 :]
    right = sentence[at + length :]
    ends = [i for i in (right.find(mark) for mark in _CLAUSE_MARKS) if i >= 0]
    if ends:
        right = right[: min(ends)]
    # Whole words only, so that two wordings of one clause read alike: the last words before
    # the number and the first after it.
    words = left.split(" ")
    if len(words) > _LEFT_WORDS:
        left = " ".join(words[-_LEFT_WORDS:])
    right = " ".join(right.split(" ")[: _RIGHT_WORDS + 1])
    opening = at - len(left)  # where the left text starts in the sentence
    out: set[str] = set()
    for text, offset in ((left, opening), (right, -1)):
        for match in _NAME_RE.finditer(text):
            word = match.group().lower().replace("’", "'")
            if word.endswith("'s"):
                word = word[:-2]
            if word in _NOT_NAMES or word in skip or len(word) < 3:
                continue
            if offset + match.start() == 0 and _counted_word(word):
                continue  # "Customers withdrew": a capital only for opening the sentence
            out.add(word[:_STEM])
    return frozenset(out)


def _counted_word(word: str) -> bool:
    """Whether a word is one the lexicon counts (a thing or people, not a name)."""
    lex = default_lexicon()
    return lex.group_of(word) is not None or word in lex.people
