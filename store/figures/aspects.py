"""Aspects: the verb said of a counted thing ("troops were sent", "acres burned"), shown in
a row's label next to its key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

_AUXILIARIES = frozenset(
    "were was are is have has had been be being now reportedly already also so far all".split()
)
_CLAUSE_ENDS: Final = frozenset(
    {"and", "but", "while", "whereas", "after", "before", "as", "saying", "according"}
)
_PARTICLES: Final = frozenset({"in", "out", "up", "off", "back", "down"})
_IRREGULAR: Final = frozenset(
    """
    sent brought built lost held fled made won sold bought paid spent taken given shot hit
    struck burnt seen left caught freed
    """.split()
)
# Verbs that say who said or thought something, never what happened to the counted thing.
_NOT_ASPECT: Final = frozenset(
    """
    said reported estimated believed expected confirmed claimed announced added warned noted
    stated told quoted cited suggested included compared based related called named listed
    located needed planned used aged scheduled projected proposed allocated pledged informed
    received made taken took won got given recorded registered repeated
    """.split()
)
# Verbs of reporting, possession and transfer ("received 45.1%", "made up 61.4%", "taken
# to hospital", "recorded far fewer") above say how a number is had or known, not what
# happened to the thing counted. Words that open an object: a verb before them is what the
# counted thing did to something else ("stations sent their protocols"), no aspect of it.
_OBJECT_OPENERS: Final = frozenset({"the", "their", "its", "a", "an", "his", "her", "our"})


def _verb(word: str) -> str:
    low = word.lower()
    if low in _NOT_ASPECT:
        return ""
    if low in _IRREGULAR or (len(low) >= 5 and low.endswith("ed")):
        return low
    return ""


def aspect_of(left: Sequence[str], right: Sequence[str]) -> str:
    """The verb said of the counted thing, for a row label: after it ("troops were sent",
    "acres burned") or right before the number ("sent 12,000 troops")."""
    for i, word in enumerate(right[:5]):
        if word.lower() in _CLAUSE_ENDS:
            break  # "41,200 acres and destroyed 312 homes": the verb of another count
        if word.lower() in _AUXILIARIES:
            continue
        verb = _verb(word)
        if verb:
            k = i + 1
            if k < len(right) and right[k].lower() in _PARTICLES:
                k += 1  # "had sent in their tallies"
            if k < len(right) and right[k].lower() in _OBJECT_OPENERS:
                break  # "97% of stations sent their protocols": their deed, no aspect
            return verb
    if left and left[-1].lower() == "of":
        return ""  # "downed 98 of 120 drones": the verb is the 98's, not the whole's
    for word in reversed(left[-2:]):
        verb = _verb(word)
        if verb:
            return verb
    return _planned_verb(left)


# Words between a verb and its number that say how many, not what was done ("to shed another
# 640", "will cut up to 2,000").
_HEDGES: Final = frozenset(
    "another a further more than about some nearly almost around up to at least over".split()
)
_MODALS: Final = frozenset("will would could may might must shall should to".split())


def _planned_verb(left: Sequence[str]) -> str:
    """The plain verb after a modal or "to" right before the number: "will cut 2,400 jobs",
    "to create 640 jobs", "plans to shed another 640" (what is planned is done to the thing
    counted, and "cut" and "create" are two facts)."""
    words = [w.lower() for w in left[-6:]]
    while words and words[-1] in _HEDGES:
        words.pop()
    if len(words) < 2 or words[-2] not in _MODALS:
        return ""
    verb = words[-1]
    if not verb.isalpha() or verb in _NOT_ASPECT or verb in _AUXILIARIES or verb in _OBJECT_OPENERS:
        return ""
    return verb
