"""The side a count of votes is on: "by 112 votes to 47", "voted 97 to 103", "99 for, 94
against", "57 in favour".

Why: a vote gives two or three counts of one thing (votes) in one breath, and each outlet
words them its own way; without the side, the 112 for of one report and the 47 against of
another share a row, and the diff calls a settled vote a conflict.
"""

from __future__ import annotations

import re
from typing import Final

FOR, AGAINST = "for", "against"

# Keys of things counted in a vote.
_VOTE_KEYS: Final = frozenset({"vote", "deputy", "lawmaker", "mp", "senator", "member", "ballot"})
# A vote's words near the number: then "112 to 47" is a vote even when the key is not.
_VOTE_WORDS_RE: Final = re.compile(r"\b(?:vot(?:e|es|ed|ing)|ballots?)\b", re.IGNORECASE)
# Right of the first number of "112 (votes) to 47", "112-47", "112 in favour", "99 for".
_FIRST_OF_PAIR_RE: Final = re.compile(r"\s*(?:votes?\s+)?(?:to|-|–)\s*\d")
# ("99 deputies voted for the motion": who voted, then the side)
_FOR_AFTER_RE: Final = re.compile(
    r"\s*(?:votes?\s+)?(?:in\s+favou?r\b|for\b(?!\s+(?:the|a|an)\b))"
    r"|\s*(?:[a-z]+\s+)?(?:voted|vote)\s+(?:for|in\s+favou?r|yes)\b"
)
_AGAINST_AFTER_RE: Final = re.compile(
    r"\s*(?:votes?\s+)?(?:against|opposed)\b|\s*(?:[a-z]+\s+)?(?:voted|vote)\s+(?:against|no)\b"
)
# Left of the second number of "112 (votes) to 47", "112-47".
_SECOND_OF_PAIR_RE: Final = re.compile(r"\d\s*(?:votes?\s+)?(?:to|-|–)\s*$")


def vote_side(sentence: str, at: int, length: int, key: str) -> str:
    """``for``, ``against`` or "" for the number at ``at`` (``length`` characters) of
    ``sentence``; "" unless the count is of votes (its key, or a vote word in its sentence)."""
    if at < 0 or (key not in _VOTE_KEYS and _VOTE_WORDS_RE.search(sentence) is None):
        return ""
    after = sentence[at + length : at + length + 30]
    if _AGAINST_AFTER_RE.match(after):
        return AGAINST
    if _FOR_AFTER_RE.match(after):
        return FOR
    before = sentence[max(0, at - 20) : at]
    if _SECOND_OF_PAIR_RE.search(before):
        return AGAINST
    if _FIRST_OF_PAIR_RE.match(after):
        return FOR
    return ""
