"""Whole words found fast in short texts, for the readers of what a figure is about.

Why not one regular expression of alternatives ("said|says|told|..."): Python's regex engine
tries every alternative at every character, about 160 us for a 2,300-character text. Here the
words present are found by one split and a set intersection, both in C, and only those are
located with ``str.find``: a few microseconds.
"""

from __future__ import annotations

import re
from typing import Final

# Punctuation to spaces, so that ``split`` gives the words of a text in one C call.
SPLIT_TABLE: Final = str.maketrans({c: " " for c in ".,;:!?\"'“”‘’()[]{}/\\-–—…•*#@&+=<>|~`^%$€£"})
# The same for ASCII text, as bytes: ``str.translate`` looks every character up in a dict
# (~1.4 us for a sentence); ``bytes.translate`` indexes a 256-byte table, and encoding and
# decoding an ASCII string are copies. Same words: only the table's ASCII entries can apply.
SPLIT_BYTES: Final = bytes(
    ord(SPLIT_TABLE[b]) if b < 128 and b in SPLIT_TABLE else b  # type: ignore[arg-type]
    for b in range(256)
)


# The non-ASCII punctuation of ``SPLIT_TABLE`` (curly quotes, dashes), for text that is not
# ASCII: one regex turns it to spaces, then the ASCII punctuation goes through the bytes table
# on the UTF-8 encoding (non-ASCII characters are bytes >= 0x80, which the table keeps).
_NON_ASCII_SPLIT_RE: Final = re.compile(
    "[" + re.escape("".join(chr(c) for c in SPLIT_TABLE if c >= 128)) + "]"
)


def split_words(lower: str) -> list[str]:
    """``lower`` with the punctuation of ``SPLIT_TABLE`` as spaces, split into words."""
    if lower.isascii():
        return lower.encode("ascii").translate(SPLIT_BYTES).decode("ascii").split()
    spaced = _NON_ASCII_SPLIT_RE.sub(" ", lower).encode("utf-8", "surrogatepass")
    return spaced.translate(SPLIT_BYTES).decode("utf-8", "surrogatepass").split()


def vocabulary(lower: str) -> frozenset[str]:
    """The words of a lowercased text, punctuation removed: what ``find_words`` looks in."""
    return frozenset(split_words(lower))


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
    present = words & vocab if vocab is not None else words.intersection(split_words(lower))
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


# Words a first reading lands on that name no thing counted: adverbs and the like ("the total
# thus increases to 2,245", "cutting 640 somewhere else", "fined X 150,000 euros late on
# Monday").
_NOT_THINGS: Final = frozenset(
    """
    thus else however again also still then there here even just only yet late soon ago
    later earlier instead meanwhile overall further altogether already now today yesterday
    tomorrow tonight almost nearly roughly about around some shortly nationally globally
    locally respectively reportedly initially finally currently recently early
    """.split()
)


def no_thing(key: str) -> bool:
    """Whether a key names nothing counted: a word of ``_NOT_THINGS``, or a possessive cut from
    its noun ("week'" of "the week's total"). (Not every word in "-ly": "family", "telly",
    "assembly" are things.)"""
    return key in _NOT_THINGS or key.endswith(("'", "’"))
