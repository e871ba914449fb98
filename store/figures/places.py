"""The place a count stands in, read from the clause of its number.

Why: a developing story counts the same thing in several places at once (polling stations
reported in one province and in another, homes without power in one region and in the whole
country, evacuees from a town and from a village). Alignment keeps two counts of different
places apart, so the place must be read wherever the clause names it, not only right after
the number:

* right of the number: "60,000 marched in Corvell", "at Orly airport", "inhabitants of the
  town of Ulm", "15% of Kesh's adults";
* left of it, in the same clause: "In Dalmor region about 40% ...", "in Kesh region, where
  16% ...", "the temperature at Tarsk airport touched 40", "Lorn city hit 38C".

A clause ends at a semicolon, at ", while / whereas / but", and at the next number: "In
Dalmor 62%, in Kesh 30%" gives Dalmor to 62 and Kesh to 30. Names of kinds of place
("province", "airport") are read as part of the place; a capitalised word followed by some
other noun is an adjective ("in Israeli air strikes"), not a place. "X and Y" is one place.
The whole is a place of its own: "nationwide", "across Norland", and a count followed by its
parts ("8,000 were evacuated, among them 3,000 from Ulm").
"""

from __future__ import annotations

import re
from typing import Final

from store.model import Figure

# The next number right of a figure (digits or a spelled one after a separator).
_NEXT_NUMBER_RE: Final = re.compile(r"[,;:]\s+(?:about |some |nearly |around )?\d|\s\d")
# Kinds of place, written after a name ("Dalmor region") or before "of" and a name ("the
# province of Dalmor").
_PLACE_NOUNS: Final = frozenset(
    """
    province provinces region regions county counties district districts state states city
    town village villages municipality oblast prefecture department area valley airport port
    island capital suburb suburbs borough parish commune canton governorate
    """.split()
)
_NAME: Final = r"[A-Z][\w’'-]*"
_KIND: Final = "|".join(sorted(_PLACE_NOUNS))
# "in the coastal province of Dalmor", "at the airport of Tarsk", "from the town of Ulm".
_KIND_OF_RE: Final = re.compile(
    rf"\b(?:[Ii]n|[Aa]t|[Ff]rom|[Oo]f|[Aa]cross)\s+the\s+(?:[\w-]+\s+){{0,2}}?(?:{_KIND})\s+of\s+"
    rf"(?:the\s+)?(?P<name>{_NAME}(?:\s+and\s+{_NAME})?)"
)
# "in Corvell", "at Orsa airport", "in the capital Corvell", "in Harlow and Ulm", "in
# neighbouring Dulmor".
# Parts of a place: "in the upper part of Dresk", "in parts of Kharkiv", "in the north of
# Kesh" are in the place (not "in the capsizing of the MV Lirena": an event of a thing).
_PARTS: Final = (
    "part|parts|north|south|east|west|centre|center|middle|heart|outskirts|rest|edge|suburbs"
    "|interior|coast"
)
# Words between "and" and a second place: "in Lorvik and neighbouring Daskeny".
_NEARBY: Final = "neighbouring|neighboring|nearby|adjacent|northern|southern|eastern|western"
_NEARBY_WORDS: Final = frozenset(_NEARBY.split("|"))
_IN_RE: Final = re.compile(
    rf"\b(?:[Ii]n|[Aa]t)\s+(?:(?:{_NEARBY})\s+)?(?:the\s+(?:[a-z]+\s+){{0,2}}?)?"
    rf"(?:(?:[a-z]+\s+)?(?:{_PARTS})\s+of\s+(?:the\s+)?)?"
    rf"(?P<name>{_NAME}(?:\s+{_NAME})?)(?P<and>\s+and\s+(?:(?:{_NEARBY})\s+)?{_NAME})?"
)
# "Dresk, where 24 bodies were found", "the upper part of Dresk, where 20 died".
_WHERE_RE: Final = re.compile(rf"(?P<name>{_NAME}(?:\s+{_NAME})?),\s+where\b")
# "inhabitants of Harlow", "15% of Kesh's adults".
_OF_RE: Final = re.compile(
    rf"\b(?:inhabitants|residents|villagers|citizens)\s+of\s+(?P<name>{_NAME})"
    rf"|\bof\s+(?P<owner>{_NAME})['’]s\s+[a-z]"
)
# A clause opened by a place and its kind: "Lorn city hit 38C".
_SUBJECT_RE: Final = re.compile(rf"^\s*(?:the\s+|The\s+)?(?P<name>{_NAME})\s+(?:{_KIND})\b")
_WORD_AFTER_RE: Final = re.compile(r"[ \t]+([a-z]+)")
# The opening of a list's next item right before the next number: ", in (the) X ...".
_NEXT_ITEM_RE: Final = re.compile(r"[,;]\s+(?:in|at)\s+[^,;]*$")
_CLAUSE_BREAK_RE: Final = re.compile(r";|,\s+(?:while|whereas|but)\s")
# A count of the whole country, set apart from one place's.
_WHOLE_RE: Final = re.compile(
    r"\b(?:nationwide|countrywide|across the (?:country|nation)|around the country"
    r"|throughout the country|in the whole country|across all)\b"
    rf"|\bacross\s+{_NAME}(?:\s+{_NAME})?\b(?!\s+(?:{_KIND})\b)"
)
WHOLE: Final = "(whole country)"
# A count whose parts follow it ("8,000 were evacuated, of them 5,000 from Harlow"): the whole
# the parts are counted in, never one of their places.
_PARTS_AFTER_RE: Final = re.compile(
    r"[^;.\d]{0,50}?,\s+(?:among them|of them|of whom|of which|including)\s+"
    r"(?:about |some |nearly |around |more than |at least )?\d"
)
_REACH: Final = 60  # characters right of the number a place may be named in
_NOT_PLACES: Final = frozenset(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That In At Of
    """.split()
)
# Lowercase words that may follow a place name ("in Corvell on Wednesday").
_FUNCTION_WORDS: Final = frozenset(
    """
    on in at and or but for from to by with during since after before as while where when
    which who that is was were are has have had said says the a an of under over about some
    nearly around almost more than only just still now down up this next last today tonight
    tomorrow yesterday overnight early late
    """.split()
)


def _tidy(name: str) -> str:
    """One spelling of a place: possessive dropped, the names of "X and Y" in order."""
    parts = [
        " ".join(w for w in p.split() if w not in _NEARBY_WORDS)
        .removesuffix("'s")
        .removesuffix("’s")
        for p in name.split(" and ")
    ]
    return " and ".join(sorted(p for p in parts if p))


def _named(text: str, match: re.Match[str]) -> str:
    """The place an "in X" match names, "" when X is no place: a month or a weekday, or an
    adjective before another noun ("in Israeli air strikes"); a kind of place ("Orsa
    airport") or a verb ("In Dalmor vaccinated 62%") may follow."""
    name = match.group("name")
    words = name.split()
    if words[0] in _NOT_PLACES:
        return ""
    if len(words) > 1 and (words[1] in _NOT_PLACES or words[1].lower() in _PLACE_NOUNS):
        name = words[0]
    after = _WORD_AFTER_RE.match(text, match.end("name"))
    if match.group("and") is None and after is not None:
        word = after.group(1)
        if word not in _FUNCTION_WORDS and word not in _PLACE_NOUNS and not word.endswith("ed"):
            return ""
    if match.group("and") is not None:
        name += match.group("and")
    return _tidy(name)


_CAPITAL_RE: Final = re.compile(r"[A-Z]")


def _last_place(text: str) -> str:
    """The place named last in ``text`` (the one nearest a number that follows it)."""
    if _CAPITAL_RE.search(text) is None:
        return ""  # every place is a name: most clauses hold none (compare time is per figure)
    found: list[tuple[int, str]] = []
    for hit in _KIND_OF_RE.finditer(text):
        found.append((hit.start(), _tidy(hit.group("name"))))
    for hit in _IN_RE.finditer(text):
        name = _named(text, hit)
        if name and not any(s <= hit.start() < s + 40 for s, _ in found):
            found.append((hit.start(), name))
    subject = _SUBJECT_RE.match(text)
    if subject is not None and subject.group("name") not in _NOT_PLACES:
        found.append((subject.start(), _tidy(subject.group("name"))))
    for hit in _WHERE_RE.finditer(text):
        if hit.group("name").split()[0] not in _NOT_PLACES:
            found.append((hit.start(), _tidy(hit.group("name"))))
    return max(found)[1] if found else ""


def _first_place(text: str, reach: int) -> str:
    """The place named first in ``text`` (the one nearest a number before it), when it starts
    within ``reach`` characters: the name itself is read whole, past ``reach`` ("landed in
    Norvell" is Norvell, not the "No" a cut window would leave)."""
    whole = _WHOLE_RE.search(text)
    found: list[tuple[int, str]] = []
    if whole is not None and whole.start() < reach:
        found.append((whole.start(), WHOLE))
    if _CAPITAL_RE.search(text) is None:
        return WHOLE if found else ""
    for hit in _KIND_OF_RE.finditer(text):
        found.append((hit.start(), _tidy(hit.group("name"))))
    for hit in _IN_RE.finditer(text):
        name = _named(text, hit)
        if name:
            found.append((hit.start(), name))
    for hit in _OF_RE.finditer(text):
        name = hit.group("name") or hit.group("owner")
        if name not in _NOT_PLACES:
            found.append((hit.start(), _tidy(name)))
    found = [f for f in found if f[0] < reach]
    return min(found)[1] if found else ""


def place_of(figure: Figure, at: int) -> str:
    """The place a count stands in: named right of its number up to the next number or the end
    of the clause, else left of it in the same clause ("" when the clause names none)."""
    if at < 0:
        return ""
    sentence = figure.sentence
    end = at + max(1, figure.end - figure.start)
    if figure.unit == "count" and _PARTS_AFTER_RE.match(sentence, end) is not None:
        # "8,000 were evacuated, among them 3,000 from Ulm": the whole (a count of things
        # is divided so, not "the 5 km zone, among them 9,000 residents")
        return WHOLE
    after = sentence[end:][: _REACH + 30]
    cut = _NEXT_NUMBER_RE.search(after)
    listed = cut is not None
    if cut is not None:
        after = after[: cut.start()]
    brk = _CLAUSE_BREAK_RE.search(after)
    if brk is not None:
        after, listed = after[: brk.start()], False
    right = _first_place(after, _REACH)
    opener = _NEXT_ITEM_RE.search(after) if right and listed else None
    if opener is not None and right.split(" and ")[0].split()[0] in after[opener.start() :]:
        # "62% of adults, in Kesh 30%", "are treated 58 injured, in the Elmsford General
        # Hospital 54": the place opens the next item of a list
        right = ""
    if right:
        return right
    before = sentence[:at]
    starts = [m.end() for m in _CLAUSE_BREAK_RE.finditer(before)]
    previous = list(_NEXT_NUMBER_RE.finditer(before))
    if previous:
        starts.append(previous[-1].end())  # "..., in Kesh 30%": after the number before it
    clause = before[max(starts, default=0) :]
    if _WHOLE_RE.search(clause) is not None:
        return WHOLE
    return _last_place(clause)
