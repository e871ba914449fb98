"""The side a count belongs to when the text says so by its shape: the side of a vote ("by 112
votes to 47", "voted 97 to 103", "99 for, 94 against", "57 in favour") and who won seats, votes
or a share ("National Renewal won 72 seats", "Estrand gained 4%").

Why: a vote gives two or three counts of one thing (votes) in one breath, and a result one
count per party, each outlet wording them its own way; without the side, the 112 for of one
report and the 47 against of another share a row, and the diff calls a settled vote a
conflict.
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


# Keys of what a party, a bidder or a side wins.
_WON_KEYS: Final = frozenset({"seat", "vote", "mandate", "%", "share"})
# "National Renewal won 72 seats", "the Civic Alliance will receive 49 seats", "Yes took
# 50.6%": a name, a verb of winning, maybe a hedge, then the number.
_WINNER_RE: Final = re.compile(
    r"(?:^|[.;:,]\s+|\s(?:and|while|but|as)\s+|^(?:The|the)\s+|\s(?:the)\s+)"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+"
    r"(?:will\s+|would\s+|could\s+|has\s+|have\s+|had\s+|is\s+set\s+to\s+|is\s+on\s+course\s+for\s+)?"
    r"(?:won|wins|win|took|takes|take|receive|receives|received|got|gets|secured|secures"
    r"|gained|gains|polled|polls|scored|scores|leads\s+with|led\s+with|is\s+on)\s+"
    r"(?:about\s+|nearly\s+|almost\s+|around\s+|some\s+|just\s+(?:over|under)\s+|more\s+than\s+)?$"
)
_NOT_WINNERS: Final = frozenset({"It", "They", "He", "She", "We", "This", "That", "There"})


def winner_of(sentence: str, at: int, key: str) -> str:
    """Who wins the seats, votes or share at ``at``, named as the subject right before it
    ("" when none is): the side the count belongs to, as two parties' seats are two facts."""
    if at <= 0 or key not in _WON_KEYS:
        return ""
    found = _WINNER_RE.search(sentence[max(0, at - 80) : at])
    if found is None:
        return ""
    name = found.group("name")
    return "" if name in _NOT_WINNERS else name
