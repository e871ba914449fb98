"""Whole words found fast in short texts, for the readers of what a figure is about.

Why not one regular expression of alternatives ("said|says|told|..."): Python's regex engine
tries every alternative at every character, about 160 us for a 2,300-character text. Here the
words present are found by one split and a set intersection, both in C, and only those are
located with ``str.find``: a few microseconds.
"""

from __future__ import annotations

# Punctuation to spaces, so that ``split`` gives the words of a text in one C call.
SPLIT_TABLE = str.maketrans({c: " " for c in ".,;:!?\"'“”‘’()[]{}/\\-–—…•*#@&+=<>|~`^%$€£"})


def vocabulary(lower: str) -> frozenset[str]:
    """The words of a lowercased text, punctuation removed: what ``find_words`` looks in."""
    return frozenset(lower.translate(SPLIT_TABLE).split())


class Hit:
    """A whole word found in a text, with the ``start()``/``end()`` of a regex match."""

    __slots__ = ("_start", "_end", "word")

    def __init__(self, start: int, end: int, word: str) -> None:
        self._start, self._end, self.word = start, end, word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def find_words(lower: str, words: frozenset[str], vocab: frozenset[str] | None = None) -> list[Hit]:
    """Every whole-word occurrence of ``words`` (single words) in ``lower``, in order.

    ``vocab`` is the ``vocabulary`` of ``lower`` when the caller has it already.
    """
    present = (
        words & vocab
        if vocab is not None
        else words.intersection(lower.translate(SPLIT_TABLE).split())
    )
    if not present:
        return []
    hits: list[Hit] = []
    n = len(lower)
    for word in present:
        at = lower.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not lower[at - 1].isalnum()) and (end >= n or not lower[end].isalnum()):
                hits.append(Hit(at, end, word))
            at = lower.find(word, end)
    if len(hits) > 1:
        hits.sort(key=Hit.start)
    return hits
