"""Readings of the words around a figure that tell the comparison what fact it states:
idioms for what happened to people ("lost their homes"), turnout shares and gapped figures
("burned 23,700 acres and the Dry Creek Fire nearly 5,000"). The place a count stands in is
read by ``store.figures.places``.

Kept apart from ``store.figures.claims`` (which builds the claims) because each is a small
vocabulary of its own. All run at compare time, per figure, never during extraction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from store.figures import qualifiers as ql
from store.figures.events import named_events
from store.model import Figure

# The next number right of a figure (digits or a spelled one after a separator), where the
# words of another figure begin.
NEXT_NUMBER_RE: Final = re.compile(r"[,;:]\s+(?:about |some |nearly |around )?\d|\s\d")

# Idioms for what happened to people, read after a count of them.
_EVENT_PHRASES: Final = {
    ("lost", "their", "homes"): "displaced",
    ("lost", "their", "houses"): "displaced",
    ("lost", "their", "housing"): "displaced",
    ("lost", "their", "home"): "displaced",
    ("left", "homeless"): "displaced",
    ("made", "homeless"): "displaced",
    ("lost", "their", "lives"): "killed",
    ("ordered", "out"): "displaced",
    ("ordered", "to", "leave"): "displaced",
    ("forced", "to", "flee"): "displaced",
    ("from", "their", "homes"): "displaced",
    ("from", "their", "houses"): "displaced",
    ("from", "their", "home"): "displaced",
    ("in", "shelters"): "displaced",
    ("in", "emergency", "shelters"): "displaced",
    ("in", "evacuation", "centres"): "displaced",
    ("in", "evacuation", "centers"): "displaced",
    ("in", "hospital"): "hospitalised",
    ("in", "hospitals"): "hospitalised",
    ("in", "intensive", "care"): "critical condition",
    ("in", "critical", "condition"): "critical condition",
    ("in", "serious", "condition"): "critical condition",
    ("on", "board"): "passenger",
    ("were", "aboard"): "passenger",
    ("were", "on", "board"): "passenger",
}
# Verbs of a crowd: "8,000 teachers marched" counts protesters, whoever they are.
_CROWD_VERBS: Final = frozenset({"marched", "rallied", "demonstrated", "protested"})


def crowd_verb(right: Sequence[str]) -> bool:
    """Whether the words right after a count say a crowd gathered ("teachers marched",
    "8,000 have marched"): the counted noun, then helpers, then the verb."""
    for index, word in enumerate(right[:3]):
        low = word.lower()
        if low in _CROWD_VERBS:
            return True
        if index > 0 and low not in ("have", "had", "also"):
            return False
    return False
    return False


def event_phrase(right: Sequence[str]) -> str:
    """The event an idiom right after a count of people names ("" when none)."""
    lows = [w.lower() for w in right[:7]]
    for i in range(min(5, len(lows))):
        event = _EVENT_PHRASES.get(tuple(lows[i : i + 3])) or _EVENT_PHRASES.get(
            tuple(lows[i : i + 2])
        )
        if event is not None:
            return event
    return ""


# What a share of people did when it is their turnout: "70% of employees stayed off work"
# is the participation another outlet gives as "participation in the strike was 70%".
_TAKING_PART: Final = frozenset(
    {
        ("stayed", "off", "work"),
        ("stayed", "away", "from"),
        ("walked", "out"),
        ("took", "part"),
        ("went", "on", "strike"),
        ("joined", "the", "strike"),
        ("turned", "out"),
    }
)


def share_taking_part(right: Sequence[str]) -> str:
    lows = [w.lower() for w in right[:7]]
    for i in range(len(lows)):
        if tuple(lows[i : i + 2]) in _TAKING_PART or tuple(lows[i : i + 3]) in _TAKING_PART:
            return "participation"
    return ""


# "... 23,700 acres and the Dry Creek Fire nearly 5,000", "... £5 million and the European
# Commission €12 million": a new subject and a bare number after a conjunction, the verb and
# the counted thing left out (gapping). Matched on the sentence left of the number.
_GAP_RE: Final = re.compile(
    r"(?:\band|\bwhile|\bwhereas|\bbut|,)\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s*$"
)
_GAP_BETWEEN: Final = 2  # words allowed between the earlier figure and the conjunction ("million")


def gapped(figure: Figure, at: int, figures: Sequence[Figure]) -> tuple[Figure, str] | None:
    """(the earlier figure whose verb and thing a gapped figure shares, the new subject), or
    None when ``figure`` is not gapped. Only a figure that names nothing of its own is."""
    if at <= 0 or figure.counts or figure.key not in (figure.unit.lower(), "count", ""):
        return None
    sentence = figure.sentence
    hit = _GAP_RE.search(sentence, 0, at)
    if hit is None:
        return None
    base = figure.start - at  # where the sentence starts in its part
    best: tuple[int, Figure] | None = None
    for other in figures:
        if other is figure:
            continue
        for part, start, end in other.places or ((other.part, other.start, other.end),):
            if part != figure.part or start < base or end > base + hit.start() + 1:
                continue
            between = sentence[end - base : hit.start()]
            if len(between.split()) <= _GAP_BETWEEN and (best is None or start > best[0]):
                best = (start, other)
    return (best[1], hit.group("name")) if best is not None else None


def named_subject(name: str) -> str:
    """The side or event a gapped subject names: "the Dry Creek Fire" -> "Dry Creek fire",
    "the European Commission" -> "European Union" (through the actors lexicon), "" when it
    names neither."""
    events = named_events(f"and the {name} ")
    if events:
        return events[-1].name
    got = ql.actor_in(name.split())
    if got is not None:
        return got[1]
    return ql.actor_table().get(name.lower(), "")


# Words right before a count that make it what something can hold, not what it holds.
_CAPACITY_LEFT: Final = frozenset(
    {"capacity", "room", "designed", "licensed", "certified", "seats"}
)


def is_capacity(left: Sequence[str]) -> bool:
    """Whether a count is a capacity: "a capacity of 600 passengers", "room for 350 people",
    "licensed to carry 500"."""
    near = [w.lower() for w in left[-4:]]
    return any(w in _CAPACITY_LEFT for w in near)
