"""Where a figure's sentence starts and ends, and whether it points back at the one before.

Kept apart from ``store.figures.about`` (which reads what a figure is about) because these are
plain text rules about sentences, used to find the sentence a place of a figure lies in and
whether a pronoun or "the blaze" at its start carries the event named just before.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import events as ev

_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
_BACK_WORDS: Final = frozenset({"it", "its", "it's", "they", "their"})
_BACK_DETERMINERS: Final = frozenset({"the", "this", "that", "its"})


def points_back(sentence: str) -> bool:
    """Whether a sentence opens by pointing back at what the one before named ("It has
    burned...", "The blaze has killed...")."""
    words = sentence[:40].lower().split()
    if not words:
        return False
    if words[0] in _BACK_WORDS:
        return True
    return len(words) > 1 and words[0] in _BACK_DETERMINERS and words[1] in ev.EVENT_WORDS


def sentence_bounds(text: str, start: int) -> tuple[str, int]:
    """The sentence of ``text`` holding ``start`` and its offset (the extractor's rule, read
    simply: it ends at . ! ? … before a space, or at a line break)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    line = text[lo : hi if hi != -1 else len(text)]
    rel = start - lo
    s_lo = 0
    for before in _SENTENCE_END_RE.finditer(line, 0, rel):
        s_lo = before.end()
    end = _SENTENCE_END_RE.search(line, rel)
    raw = line[s_lo : end.end() if end else len(line)]
    stripped = raw.lstrip()
    return stripped.rstrip(), lo + s_lo + (len(raw) - len(stripped))
