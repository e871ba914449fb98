"""What a generic count says it counts: "people", "persons" or "the number" take the thing
their sentence counts ("people ... under evacuation orders" are displaced, "the number of
victims" are the killed), read through the stems of the lexicon's synonym groups.

Kept apart from ``store.figures.claims``, which calls these for every generic key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from store.figures.lexicon import Lexicon
from store.figures.people import GENERIC_KEYS, STEM, own_verb, stem_groups

# Words that name what happened to people only when they stand for a count of them, so they
# are not synonyms of a key (a "victim" of fraud is alive), but say it of a generic count:
# "the number of victims has reached 2,886 persons", "the toll rose to 40 people".
_GENERIC_HINTS: Final = {"victi": "killed", "toll": "killed", "tolls": "killed"}
_COUNT_NOUNS: Final = frozenset({"number", "count", "total", "tally"})


def _group_of_stem(low: str, groups: dict[str, str], lexicon: Lexicon) -> str | None:
    """The group of a word: its own when the lexicon lists it ("custody" is detained, though
    its first letters are those of "customers"), else the group of its stem."""
    return (
        lexicon.word_key.get(low.strip(".,;:"))
        or groups.get(low[:STEM])
        or _GENERIC_HINTS.get(low[:STEM])
    )


def counted_subject(left: Sequence[str], lexicon: Lexicon) -> str:
    """What "the number of X" left of the number counts ("The number of victims of the
    earthquake ... has reached 2,886 persons" -> killed), "" when the sentence has none."""
    groups = stem_groups(lexicon)
    for i in range(len(left) - 2, -1, -1):
        if left[i].lower() in _COUNT_NOUNS and left[i + 1].lower() == "of":
            # "the number of victims", "the number of measles infections"
            for word in left[i + 2 : i + 4]:
                group = _group_of_stem(word.lower(), groups, lexicon)
                if group is not None and group not in GENERIC_KEYS:
                    return group
            return ""
    return ""


def resolve_generic(
    key: str, left: Sequence[str], right: Sequence[str], lexicon: Lexicon, reach: int = 8
) -> str:
    """A generic key takes the thing its sentence says it counts: the nearest word of a
    synonym group ("people ... under evacuation orders" -> displaced, "the number of dead"
    -> killed), read outwards from the number."""
    groups = stem_groups(lexicon)
    near_right = list(right[:reach])
    near_left = list(reversed(left[-reach:]))
    for i in range(max(len(near_right), len(near_left))):
        for words in (near_right, near_left):
            if i < len(words):
                low = words[i].lower()
                if low in GENERIC_KEYS:
                    continue  # "persons" is no "personnel": a people noun names no event
                group = _group_of_stem(low, groups, lexicon)
                if group is not None and group not in GENERIC_KEYS:
                    return group
                if words is near_right and own_verb(low, words[i - 1].lower() if i else ""):
                    # "5,000 people attended the funeral of the soldiers": what follows
                    # their own verb is what they did it to, not what befell them
                    near_right = near_right[:i]
    return key
