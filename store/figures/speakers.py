"""Who a speaker speaks for: "a spokesperson for the ministry" and "a police spokeswoman" are
the ministry and the police, "forecasters at the Weather Service" the service.

Kept apart from ``store.figures.sources`` (the lexicon of names and what a written name
shows as) because it reads one shape of mention, a person standing for a body, and is
called for every mention resolved (hence cached).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

# "a spokesperson for the ministry", "officials at the health ministry", "a source close to the
# agency": a person speaking for a body; the body is the source.
_SPEAKER_RE: Final = re.compile(
    r"^(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?(?:spokes(?:person|man|woman)|officials?"
    r"|representatives?|sources?|aides?|members?|experts?|scientists?|researchers?"
    r"|seismologists?|analysts?|staff|forecasters?|meteorologists?|economists?|inspectors?"
    r"|investigators?|epidemiologists?)\s+(?:for|of|at|from|in|with|close\s+to)\s+",
    re.IGNORECASE,
)


# "a police spokeswoman", "a ministry official", "a coast guard spokesman": the body first.
_BODY_SPEAKER_RE: Final = re.compile(
    r"^(?:an?\s+|the\s+)([\w'’]+(?:\s+[\w'’]+){0,2}?)\s+(?:spokes(?:person|man|woman)"
    r"|officials?|representatives?|sources?)$",
    re.IGNORECASE,
)
# A word one of the two speaker patterns needs (its stem: "spokes" for "spokeswoman").
_SPEAKER_NOUNS: Final = (
    "spokes",
    "official",
    "representative",
    "source",
    "aide",
    "member",
    "expert",
    "scientist",
    "researcher",
    "seismologist",
    "analyst",
    "staff",
    "forecaster",
    "meteorologist",
    "economist",
    "inspector",
    "investigator",
    "epidemiologist",
)
_NOT_BODIES: Final = frozenset(
    "senior top local government anonymous unnamed other two three several western foreign "
    "us same".split()
)


@lru_cache(maxsize=8192)
def speaker_body(written: str) -> str:
    """The body a speaker stands for ("the ministry" in "a spokesperson for the ministry",
    "police" in "a police spokeswoman"), "" when ``written`` names no speaker of a body.

    Both patterns need one of ``_SPEAKER_NOUNS``; most mentions hold none, and substring tests
    cost a fraction of the two case-blind regexes. Only ASCII text is decided by the test
    (case-blind matching also equates letters such as "ſ" and "s" that ``lower`` keeps apart).
    Cached (a function of the words alone): the same mentions ("officials", "a police
    spokesman") recur across articles, and each is read twice per article.
    """
    if written.isascii():
        lower = written.lower()
        if not any(noun in lower for noun in _SPEAKER_NOUNS):
            return ""
    hit = _SPEAKER_RE.match(written)
    if hit is None or hit.end() >= len(written):
        body = _BODY_SPEAKER_RE.match(written)
        if body is None or body.group(1).split()[0].lower() in _NOT_BODIES:
            return ""
        return body.group(1)
    return written[hit.end() :]
