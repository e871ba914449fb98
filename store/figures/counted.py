"""What a number counts: the noun phrase or event after it, or the event or subject before it.

News writes counts in a handful of shapes, and these functions read just those shapes:
"15,000 Russian troops" (noun after), "300 were killed" / "2,700 more were injured" (event
after, with "more" meaning additional), "killing at least 40 people" (event before),
"2.1 million tonnes of grain" (unit, then "of" and the thing), "Exports rose 15%" (the subject
before a change verb).

Words are split with ``str.split`` on short windows rather than a tokenizing regex: it is
several times faster, and punctuation glued to a word is exactly the clause break we need.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.figures.lexicon import Lexicon

# Words that end a noun phrase or may never be its head.
STOP = frozenset(
    """
    the a an of in on at to from by for with and or but nor as that which who whom whose
    were was is are be been being had have has will would could should may might must can
    did do does said says say told than this these those its their his her our my your
    into onto over under after before since during across near per each while when where if
    not no also already still reportedly allegedly so all both last next according just only
    about around some nearly almost up down out off there here it they them he she we you i
    what how why then now until amid against among between through toward towards
    within without including included via like unlike plus minus versus vs whereas because
    though although whether yet ago earlier later more less most least such same other
    another every any many much few several own
    sent gave paid spent won lost made took put set got brought bought sold sought held kept
    left met saw found came went became began ran led fought shot hit struck
    """.split()
)
# Modifiers right after a number that mean "additional", not a bound ("2,700 more were hurt").
ADDITIONAL = frozenset({"more", "additional", "other", "extra", "further", "new"})
# Words allowed between the counted noun and its event ("300 people were reportedly killed").
AUXILIARY = frozenset(
    """
    were was are is have has had been being be reportedly allegedly also now all later
    confirmed believed thought feared said reported to remain remained remains still went
    presumed likely both so far
    """.split()
)
# Heads that name a container of the real counted thing ("$1.5bn aid package" -> aid).
CONTAINER_HEADS = frozenset(
    """
    package packages deal deals programme program plan tranche worth bill fund scheme contract
    contracts agreement loan order
    """.split()
)
# Event forms written before a number ("killing 40", "wounded 12", "a death toll of 300").
LEFT_EVENTS = {
    "killing": "killed",
    "killed": "killed",
    "kills": "killed",
    "kill": "killed",
    "toll": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "dead": "killed",
    "injuring": "injured",
    "injured": "injured",
    "injures": "injured",
    "wounding": "injured",
    "wounded": "injured",
    "hurting": "injured",
    "injuries": "injured",
    "casualties": "casualties",
    "detaining": "detained",
    "detained": "detained",
    "arresting": "detained",
    "arrested": "detained",
    "arrests": "detained",
    "displacing": "displaced",
    "displaced": "displaced",
    "evacuating": "displaced",
    "evacuated": "displaced",
    "capturing": "prisoners",
    "captured": "prisoners",
    "missing": "missing",
}
# Keys that a nearby event overrides: "killed 12 soldiers" is a count of the killed.
EVENT_OVERRIDES = frozenset(
    """
    troops civilians people person persons children child women woman men man resident
    residents other others individual individuals victim victims those
    """.split()
)
# Words skipped when looking left of a number for its subject ("Exports rose by 15%").
SUBJECT_SKIP = frozenset(
    """
    to by of at from reached stood was is were are has have had been be will would hit
    totalled totaled totalling amounted amounting now stands standing worth valued estimated
    rose risen rise rises increased grew climbed jumped soared surged gained fell fallen
    dropped declined decreased slid slipped slumped plunged tumbled sank shrank eased
    contracted up down just some nearly almost about around slowed accelerated quickened
    remained remain hovered held edged stayed
    """.split()
)

_OPEN_PUNCT = "([{\"'“‘«—–"
_CLOSE_PUNCT = ".,;:!?)]}\"'”’»…"
_CLAUSE_END = frozenset(',;:!?)]}"”»…')
_ABBREVIATIONS = frozenset(
    {
        "no.",
        "nos.",
        "approx.",
        "vol.",
        "st.",
        "mr.",
        "dr.",
        "u.s.",
        "u.k.",
        "u.n.",
        "e.g.",
        "i.e.",
        "est.",
    }
)
_OF_WORDS = frozenset({"of", "in", "for"})
_OF_SKIP = frozenset({"the", "its", "their", "new", "all", "his", "her", "our"})


@dataclass(slots=True)
class Counted:
    """What the text beside a number says it counts."""

    counts: str = ""
    key: str = ""
    from_event: bool = False
    head: str = ""


def right_words(text: str, pos: int) -> list[str]:
    """The next dozen words after ``pos`` as written, stopping at a line break."""
    chunk = text[pos : pos + 100]
    nl = chunk.find("\n")
    if nl != -1:
        chunk = chunk[:nl]
    words = chunk.split()
    if len(chunk) == 100 and words and not chunk[-1].isspace():
        words.pop()  # the last word may be cut in half by the window
    return words


def _clean(raw: str) -> tuple[str, bool]:
    """A word without its trailing punctuation, and whether that punctuation ends the phrase."""
    word = raw.rstrip(_CLOSE_PUNCT)
    if word.endswith(("'s", "’s")):
        word = word[:-2]
        return word, True
    return word, len(word) != len(raw)


def read_noun_phrase(
    words: list[str], lexicon: Lexicon, *, allow_event: bool = True, start: int = 0
) -> Counted:
    """The counted noun (and any event after it) in ``words``, which follow a number/unit."""
    i = start
    n = len(words)
    # "2,700 more were injured": "more" means additional here, never a bound.
    while i < n and words[i].lower() in ADDITIONAL:
        i += 1
    phrase: list[str] = []
    head_key: str | None = None
    ended = False
    while i < n and len(phrase) < 4 and not ended:
        raw = words[i]
        if raw[0] in _OPEN_PUNCT:
            break
        word, word_ended = _clean(raw)
        if not word:
            break
        low = word.lower()
        if not word[0].isalpha():
            # Calibre-like modifiers inside the phrase: "12 170-mm howitzers".
            if word[0].isdigit() and "-" in word and not phrase and not word_ended:
                i += 1
                continue
            break
        if low in STOP:
            break
        if lexicon.phrases and not word_ended:
            hit = lexicon.phrase_at([w.rstrip(_CLOSE_PUNCT) for w in words[i : i + 4]])
            if hit is not None:
                key, used = hit
                phrase.extend(w.rstrip(_CLOSE_PUNCT) for w in words[i : i + used])
                head_key = key
                ended = words[i + used - 1][-1] in _CLOSE_PUNCT
                i += used
                break
        if low in lexicon.events:
            if not phrase and allow_event:
                return Counted(
                    counts=word, key=lexicon.group_of(low) or low, from_event=True, head=low
                )
            break
        if phrase and low.endswith(("ed", "ing")) and lexicon.group_of(low) is None:
            break
        phrase.append(word)
        ended = word_ended
        i += 1
        group = lexicon.group_of(low)
        if group is not None:
            head_key = group
            break
        if low.endswith("s") and not low.endswith(("ss", "ous", "us", "is")) and len(low) > 3:
            break
    # An event after the noun phrase: "300 people were killed", "2,700 had been wounded".
    if allow_event and not ended:
        j = i
        skipped = 0
        while j < n and skipped < 4:
            word, stop = _clean(words[j])
            if word.lower() not in AUXILIARY or stop:
                break
            j += 1
            skipped += 1
        if j < n:
            word, _ = _clean(words[j])
            low = word.lower()
            if low in lexicon.events:
                head = phrase[-1].lower() if phrase else ""
                key = lexicon.group_of(low) or low
                return Counted(counts=word, key=key, from_event=True, head=head)
            for ph in lexicon.event_phrases:
                got = [w.rstrip(_CLOSE_PUNCT).lower() for w in words[j : j + len(ph)]]
                if tuple(got) == ph:
                    key = lexicon.group_of(ph[0]) or "killed"
                    return Counted(counts=" ".join(ph), key=key, from_event=True, head=ph[0])
    if not phrase:
        return Counted()
    head = phrase[-1]
    if head_key is None:
        if head.lower() in CONTAINER_HEADS and len(phrase) > 1:
            head = phrase[-2]
        head_key = lexicon.key_for_noun(head)
    return Counted(counts=" ".join(phrase), key=head_key, head=head.lower())


def read_of_phrase(words: list[str], lexicon: Lexicon) -> Counted:
    """The thing after "of"/"in" ("tonnes of grain", "$1.5bn in military aid")."""
    if not words:
        return Counted()
    first = words[0].lower()
    i = 1
    if first == "worth" and len(words) > 1 and words[1].lower() == "of":
        i = 2
    elif first not in _OF_WORDS:
        return Counted()
    while i < len(words) and words[i].lower() in _OF_SKIP:
        i += 1
    got = read_noun_phrase(words, lexicon, allow_event=False, start=i)
    if not got.key:
        return Counted()
    got.counts = " ".join(w.rstrip(_CLOSE_PUNCT) for w in words[:i]) + " " + got.counts
    return got


def left_words(text: str, start: int, floor: int) -> list[str]:
    """Up to 8 lowercase words before ``start`` (nearest last), stopping at a clause break."""
    lo = max(floor, start - 80)
    raw = text[lo:start].split()
    if lo > floor and raw and not text[lo - 1].isspace():
        raw.pop(0)  # cut in half by the window
    out: list[str] = []
    for word in reversed(raw):
        last = word[-1]
        if last in _CLAUSE_END or (last == "." and word.lower() not in _ABBREVIATIONS):
            break  # "civilians," or "said." ends the clause; "No." and "U.S." do not
        stripped = word.lstrip(_OPEN_PUNCT)
        out.append(stripped.lower())
        if len(stripped) != len(word) or len(out) >= 8:
            break
    out.reverse()
    return out


def left_event(words: list[str]) -> str:
    """The event key named within the last few words before a number ("killing at least")."""
    for low in reversed(words[-6:]):
        if not low or low[0].isdigit() or low in ("and", "or", "but", "while"):
            return ""
        key = LEFT_EVENTS.get(low)
        if key is not None:
            return key
    return ""


def left_subject(words: list[str], lexicon: Lexicon) -> str:
    """The subject noun before a change or level ("Exports rose 15%" -> "exports")."""
    i = len(words) - 1
    skipped = 0
    while i >= 0 and skipped < 5 and words[i] in SUBJECT_SKIP:
        i -= 1
        skipped += 1
    if i < 0 or skipped == 0:
        return ""
    low = words[i].strip(_CLOSE_PUNCT + _OPEN_PUNCT)
    if (
        len(low) < 3
        or not low[0].isalpha()
        or low in STOP
        or low.endswith(("ed", "ing"))
        or low in LEFT_EVENTS
    ):
        return ""
    return lexicon.key_for_noun(low)
