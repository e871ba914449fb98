"""Named events that own their counts: "the Palisades fire", "Hurricane Helene".

Why apart from the qualifier readers: two fires burning at once are counted the same way
(acres, containment, evacuees), and only the event's name tells their rows apart. Reading a
name needs the whole article (a capital opening a sentence is a name only when the article
also writes it capitalised mid-sentence), so this runs lazily, per sentence that holds an
event word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from store.figures.affix import ends_at
from store.figures.qualifiers import CAPITAL_COMMON as _CAPITAL_COMMON
from store.figures.qualifiers import actor_in
from store.figures.words import find_words

_EVENT_NOUNS = {
    "fire": "fire",
    "fires": "fire",
    "blaze": "fire",
    "wildfire": "fire",
    "inferno": "fire",
    "complex": "fire",
    "storm": "storm",
    "quake": "earthquake",
    "earthquake": "earthquake",
    "flood": "flood",
    "floods": "flood",
    "flooding": "flood",
    "eruption": "eruption",
}
_EVENT_WORDS: Final = frozenset(_EVENT_NOUNS)
_KIND_WORDS: Final = frozenset({"hurricane", "typhoon", "cyclone", "tropical"})
# A capitalised word right after an event noun makes it part of an organisation's name.
_ORG_AFTER_RE: Final = re.compile(r"[ \t]+[A-Z][a-z]")
_NAME_TOKEN_RE: Final = re.compile(r"[A-Z][\w'’.-]*")
_NAME_AFTER_RE: Final = re.compile(r"\s+([A-Z][a-z]+)")
_ADJECTIVE_ENDINGS: Final = (
    "ful",
    "ous",
    "ive",
    "al",
    "ic",
    "ing",
    "ed",
    "est",
    "er",
    "ly",
    "less",
)


@dataclass(frozen=True)
class NamedEvent:
    """A named event in a text ("Palisades fire") and where it was named."""

    start: int
    name: str


def _is_compound_adjective(word: str) -> bool:
    """ "Fast-moving", "Wind-driven": a capitalised adjective opening a sentence, never part
    of a name (hyphenated names capitalise both halves: "Saint-Denis")."""
    head, dash, tail = word.partition("-")
    return bool(dash) and tail[:1].islower()


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in '.!?:\n•-–—*"“'


_EVENT_CHECK = _EVENT_WORDS | _KIND_WORDS
EVENT_WORDS: Final = _EVENT_CHECK  # a sentence without any of these names no event


# The words of ``_EVENT_CHECK`` that hold no other of them ("fire" for "fires", "wildfire"):
# a text holds one of the words exactly when it holds one of these, in fewer scans.
_EVENT_STEMS: Final = tuple(
    sorted(w for w in _EVENT_CHECK if not any(o != w and o in w for o in _EVENT_CHECK))
)


def may_name_events(lower: str) -> bool:
    """A cheap first test on a lowercased text: could it name an event at all? (Substring
    scans in C, no word list built; a false alarm only costs a call to ``named_events``.)"""
    return any(word in lower for word in _EVENT_STEMS)


def named_events(text: str, context: str | Callable[[], str] | None = None) -> list[NamedEvent]:
    """The named events of a text, in order: "the Eaton fire" -> "Eaton fire".

    A single capitalised word opening a sentence ("Flash floods kill") is a name only when
    ``context`` (else ``text``; a callable is called only then) also writes it capitalised
    mid-sentence.
    """
    out: list[NamedEvent] = []
    lower = text.lower()
    present = frozenset(word for word in _EVENT_CHECK if word in lower)
    if not present:
        return out
    for hit in find_words(lower, _KIND_WORDS, present):
        end = hit.end()
        kind = hit.word
        if kind == "tropical":
            if not lower.startswith(" storm", end):
                continue
            kind, end = "tropical storm", end + 6
        after = _NAME_AFTER_RE.match(text, end)
        if after is not None and text[hit.start()].isupper():
            out.append(NamedEvent(hit.start(), f"{kind} {after.group(1)}"))
    for hit in find_words(lower, _EVENT_WORDS, present):
        start = hit.start()
        if start < 2 or not text[start - 1].isspace():
            continue
        if _ORG_AFTER_RE.match(text, hit.end()):
            continue  # "the Pasadena Fire Department", "the Flood Authority": a body, no event
        tokens = text[max(0, start - 60) : start - 1].split()[-3:]
        written: list[str] = []
        for token in reversed(tokens):
            if not token[:1].isupper() or not _NAME_TOKEN_RE.fullmatch(token):
                break
            written.insert(0, token)
        if not written:
            continue
        name_start = start - 1 - len(" ".join(written))
        words = [w.removesuffix("'s").removesuffix("’s") for w in written]
        while words and (
            words[0] in _CAPITAL_COMMON or words[0].isdigit() or _is_compound_adjective(words[0])
        ):
            words.pop(0)
            name_start = -1
        if not words or any(w in _CAPITAL_COMMON for w in words):
            continue
        if words[0].lower() in _KIND_WORDS:
            continue  # "Hurricane Helene flooding": named above
        at = name_start if name_start >= 0 else text.rfind(words[0], 0, start)
        if len(words) == 1 and _opens_sentence(text, at) and not text.startswith(":", hit.end()):
            # "Flash floods kill": a capital that may only open the sentence. A name is written
            # capitalised mid-sentence somewhere too, or heads a bulletin line ("Eaton fire:").
            seen = (context() if callable(context) else context) if context else text
            if words[0].lower().endswith(_ADJECTIVE_ENDINGS) or not re.search(
                rf"[a-z,] {re.escape(words[0])}\b", seen
            ):
                continue
        if len(words) <= 2 and actor_in(words) is not None:
            continue  # "Russian offensive", "Israeli strike": an actor, not a named event
        out.append(NamedEvent(at, f"{' '.join(words)} {_EVENT_NOUNS[hit.word]}"))
    out.sort(key=lambda e: e.start)
    return out


# A place named right of a number: "near Pinecrest", "in the zone of Dry Creek".
PLACE_RE: Final = re.compile(
    r"\b(?:near|around|in|at|outside|of|from|close to)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
)


# What ``names_place`` looks for first: a capital (few in a window of text).
_CAPITAL_RE: Final = re.compile(r"[A-Z]")
_PLACE_WORDS: Final = frozenset({"near", "around", "in", "at", "outside", "of", "from"})


def names_place(text: str) -> bool:
    """``PLACE_RE.search(text) is not None``, found from the other end: each capital (one
    character class, which the regex engine scans for in C) with the spaces and the word before
    it checked. ``PLACE_RE`` itself opens with ``\\b`` and eight words, tried at every
    character."""
    for m in _CAPITAL_RE.finditer(text):
        end = m.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end == m.start():
            continue  # the place's name follows spaces
        start = end
        while start > 0 and _is_word_char(text[start - 1]):
            start -= 1
        word = text[start:end]
        if word in _PLACE_WORDS:
            return True
        if (
            word == "to"
            and ends_at(text, "close ", start)
            and (start == 6 or not _is_word_char(text[start - 7]))
        ):
            return True
    return False


def _is_word_char(ch: str) -> bool:
    """A character of ``\\w`` (what ``\\b`` tells apart from the rest)."""
    return ch.isalnum() or ch == "_"


def event_at_place(text: str, places: dict[str, str]) -> str:
    """The event named after the first place ``text`` names ("about 2,300 near Dry Creek" ->
    "Dry Creek fire"), given the article's events by lowercased place; "" when none."""
    for hit in PLACE_RE.finditer(text):
        name = hit.group(1).lower()
        for place, event in places.items():
            if name == place or name.startswith(place + " "):
                return event
    return ""


def events_by_place(parts: Iterable[list[NamedEvent]]) -> dict[str, str]:
    """Lowercased place -> event name for the named events of an article's parts ("pinecrest"
    -> "Pinecrest fire"), when they are two or more: with one event every count is already
    that event's, and there is nothing to tell apart."""
    events: dict[str, str] = {}
    for found in parts:
        for event in found:
            place = event.name.rsplit(" ", 1)[0]
            if place and place[:1].isupper():
                events.setdefault(place.lower(), event.name)
    return events if len(set(events.values())) >= 2 else {}
