"""What a number counts: the noun phrase or event after it (the walk left is in ``subject``).

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
from typing import Final

from store.figures import numbers as nb
from store.figures.lexicon import Lexicon

# Words that end a noun phrase or may never be its head.
STOP: Final = frozenset(
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
    goes comes says makes takes gives shows means remains includes covers marks brings puts
    remain remained
    needs helps keeps sets gets looks seems faces plans aims follows allows stands thanks
    accounts tall long wide high deep thick away old apiece each
    warmer colder hotter higher lower larger smaller bigger greater cheaper dearer longer
    shorter wider deeper faster slower stronger weaker older younger short shy
    worldwide nationwide overall abroad altogether total apiece respectively
    beat rose fell grew topped missed exceeded reached passed surpassed
    """.split()
)
# Words that are never the thing counted: times, periods and dates ("15% in January").
TIME_WORDS: Final = frozenset(
    """
    year years month months week weeks day days quarter quarters today yesterday tonight night
    overnight nights morning evening weekend hour hours minute minutes time times decade
    decades century session sessions
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday annually ago earlier since
    last this next in on during spring summer autumn winter
    """.split()
)
# "a year", "per day": a rate after a number, skipped before looking for what it counts.
_PER_WORDS: Final = frozenset({"a", "an", "per", "each", "every"})
_PERIODS: Final = frozenset({"year", "month", "week", "day", "quarter", "hour", "annum"})
# Verbs of level before a number whose subject may sit far back in the clause
# ("The number of people killed ... has climbed to 3,354").
LEVEL_WORDS: Final = frozenset(
    """
    climbed rose risen reached passed stands stood increased jumped topped exceeded hit
    """.split()
)
PREVIOUS: Final = "\x00previous"
# Modifiers right after a number that mean "additional", not a bound ("2,700 more were hurt").
ADDITIONAL: Final = frozenset({"more", "additional", "other", "extra", "further", "new"})
# Words allowed between the counted noun and its event ("300 people were reportedly killed").
AUXILIARY: Final = frozenset(
    """
    were was are is have has had been being be reportedly allegedly also now all later
    confirmed believed thought feared said reported to remain remained remains still went
    presumed likely both so far internally seriously critically severely badly lightly
    slightly gravely mortally since
    """.split()
)
# Heads that name a container of the real counted thing ("$1.5bn aid package" -> aid).
CONTAINER_HEADS: Final = frozenset(
    {"package", "packages", "programme", "program", "scheme", "worth"}
)
# Event forms written before a number ("killing 40", "wounded 12", "a death toll of 300").
LEFT_EVENTS: Final = {
    "vaccinated": "vaccinated",
    "vaccinating": "vaccinated",
    "immunised": "vaccinated",
    "immunized": "vaccinated",
    "rescued": "rescued",
    "rescuing": "rescued",
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
EVENT_OVERRIDES: Final = frozenset(
    """
    troops civilians people person persons children child women woman men man resident
    residents other others individual individuals victim victims those
    """.split()
)
# Words skipped when looking left of a number for its subject ("Exports rose by 15%").
SUBJECT_SKIP: Final = frozenset(
    """
    to by of at from reached stood was is were are has have had been be will would hit
    totalled totaled totalling amounted amounting now stands standing worth valued estimated
    running hovering sitting measures measured measuring weighs weighed weighing weigh spans
    rose risen rise rises increased grew climbed jumped soared surged gained fell fallen
    dropped declined decreased slid slipped slumped plunged tumbled sank shrank eased
    contracted up down just some nearly almost about around slowed accelerated quickened
    remained remain hovered held edged stayed stand projected expected forecast seen due likely
    reach put set came come amount amounts stay stays should could would may might must
    requires required needs needed numbers numbered totals total exceeds exceeded topped
    exceed top surpass approach near unchanged steady flat stable hits peaked peaking
    passed passes remains tops surpassed climbs rises
    """.split()
)

OPEN_PUNCT: Final = "([{\"'“‘«—–"
CLOSE_PUNCT: Final = ".,;:!?)]}\"'”’»…"
_OF_WORDS: Final = frozenset({"of", "in", "for"})
# Words that open an aside between a counted noun and its verb ("..., including 3 children,").
_ASIDE_OPENERS: Final = frozenset(
    {"including", "among", "most", "many", "mostly", "mainly", "some"}
)
MONEY_OF_WORDS: Final = frozenset({"of", "in"})
_OF_SKIP: Final = frozenset({"the", "its", "their", "new", "all", "his", "her", "our"})


_ORDINALS: Final = frozenset(
    "first second third fourth fifth sixth final last previous past coming".split()
)


@dataclass(slots=True, init=False)
class Counted:
    """What the text beside a number says it counts.

    ``__init__`` is written out so that mypyc compiles it (``candidates.Cand`` says why).
    """

    counts: str
    key: str
    from_event: bool
    head: str

    def __init__(
        self, counts: str = "", key: str = "", from_event: bool = False, head: str = ""
    ) -> None:
        self.counts = counts
        self.key = key
        self.from_event = from_event
        self.head = head


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


def _clean_uncached(raw: str) -> tuple[str, bool, str]:
    if _is_initialism(raw):
        return raw, False, raw.lower()  # "2,500 U.S. troops": the stop is the initialism's
    word = raw.rstrip(CLOSE_PUNCT)
    if word.endswith(("'s", "’s")):
        word = word[:-2]
        return word, True, word.lower()
    return word, len(word) != len(raw), word.lower()


def _is_initialism(raw: str) -> bool:
    """ "U.S.", "U.K.", "E.U.": capitals each followed by a full stop."""
    return (
        len(raw) >= 4
        and raw[-1] == "."
        and all(c == "." if k % 2 else c.isupper() for k, c in enumerate(raw))
    )


_CLEAN_CACHE: Final[dict[str, tuple[str, bool, str]]] = {}


def _clean(raw: str) -> tuple[str, bool, str]:
    """A word without trailing punctuation, whether that punctuation ends the phrase, and the
    word lowercased. Cached: the same words recur in every article."""
    try:
        return _CLEAN_CACHE[raw]
    except KeyError:
        got = _clean_uncached(raw)
        if len(_CLEAN_CACHE) > 100_000:
            _CLEAN_CACHE.clear()
        _CLEAN_CACHE[raw] = got
        return got


def read_noun_phrase(
    words: list[str], lexicon: Lexicon, *, allow_event: bool = True, start: int = 0
) -> Counted:
    """The counted noun (and any event after it) in ``words``, which follow a number/unit."""
    i = start
    n = len(words)
    # "2,700 more were injured": "more" means additional here, never a bound.
    first = words[i].lower() if i < n else ""  # lowered once for each test below
    while first in ADDITIONAL:
        i += 1
        first = words[i].lower() if i < n else ""
    # "about €3bn a year in profits": a rate is no counted thing.
    if i + 1 < n and first in _PER_WORDS:
        _, _, period = _clean(words[i + 1])
        if period in _PERIODS:
            if words[i + 1][-1] in CLOSE_PUNCT:
                return Counted()
            rest = read_of_phrase(words[i + 2 :], lexicon)
            return rest
    elif i < n and first.rstrip(CLOSE_PUNCT) == "annually":
        return Counted()
    # "25 of 31 drones", "80,000 of the 150,000 households": the whole names the thing.
    if i + 1 < n and first == "of":
        j = i + 1
        if words[j].lower() in _OF_SKIP and j + 1 < n:
            j += 1
        if words[j][:1].isdigit() and words[j][-1] not in CLOSE_PUNCT:
            i = past_owner(words, j + 1)  # "4,500 of the 21,000-capacity ground's seats"
        elif j > i + 1 and words[j][:1].isalpha():
            i = past_owner(words, j)  # "41 of the drones", "21 of the country's districts"
    phrase: list[str] = []
    head_key: str | None = None
    ended = False
    while i < n and len(phrase) < 5 and not ended:
        raw = words[i]
        if raw[0] in OPEN_PUNCT:
            break
        word, word_ended, low = _clean(raw)
        if not word:
            break
        if not word[0].isalpha():
            # Calibre-like modifiers inside the phrase: "12 170-mm howitzers".
            if (
                word[0].isdigit()
                and ("-" in word or word.lower().endswith("mm"))
                and not phrase
                and not word_ended
            ):
                i += 1
                continue
            break
        if (low in STOP and not _noun_accounts(low, words, i)) or low in TIME_WORDS:
            break
        if low in _ORDINALS and i + 1 < n and _clean(words[i + 1])[2] in TIME_WORDS:
            break  # "£112.5m in the third quarter": a date, nothing counted
        if low in lexicon.phrase_starts and not word_ended:
            hit = lexicon.phrase_at([w.rstrip(CLOSE_PUNCT) for w in words[i : i + 4]])
            if hit is not None:
                key, used = hit
                phrase.extend(w.rstrip(CLOSE_PUNCT) for w in words[i : i + used])
                head_key = key
                ended = words[i + used - 1][-1] in CLOSE_PUNCT
                i += used
                break
        if low in lexicon.events:
            if not phrase and allow_event:
                return Counted(
                    counts=word, key=lexicon.group_of(low) or low, from_event=True, head=low
                )
            break
        if phrase and low.endswith("ed") and lexicon.group_of(low) is None:
            break
        phrase.append(word)
        ended = word_ended
        i += 1
        group = lexicon.group_of(low)
        if group is not None:
            # "civilian ships", "soldier deaths": a singular group word before a noun is a
            # modifier; the noun after it is what is counted.
            if (
                not ended
                and not low.endswith("s")
                and low + "s" in lexicon.word_key
                and i < n
                and _is_noun_like(words[i], lexicon)
            ):
                continue
            head_key = group
            break
        if low in lexicon.people:
            break  # "people", "children", "staff": a head whatever its ending
        if low in lexicon.plurals and not ended and i < n and _plural_noun(words[i]):
            continue  # "41,000 measles doses", "300 arms shipments": a noun's modifier
        if (
            low.endswith("s")
            and not low.endswith(("ss", "ous", "us", "is"))
            and len(low) > 3
            and not (word[0].isupper() and i < n and words[i][:1].islower())
        ) or (len(word) >= 3 and word[-1] == "s" and word[:-1].isupper()):
            # a plural noun ends the phrase ("64 MPs abstaining", "72 GPUs drawing"); a name
            # ("31 Abrams tanks") does not
            break
    # "14 people, including three children, died": skip the aside to reach the verb.
    if allow_event and ended and phrase and i < n and words[i].lower() in _ASIDE_OPENERS:
        j = i
        while j < n and j - i < 8 and words[j][-1] != ",":
            j += 1
        if j < n and j - i < 8:
            i = j + 1
            ended = False
    # An event after the noun phrase: "300 people were killed", "2,700 had been wounded".
    if allow_event and not ended:
        j = i
        skipped = 0
        cleaned = None  # _clean(words[j]) for the first word that is no auxiliary, if any
        while j < n:
            cleaned = _clean(words[j])
            if skipped == 4 or cleaned[2] not in AUXILIARY or cleaned[1]:
                break
            j += 1
            skipped += 1
            cleaned = None
        if cleaned is not None:
            word, _, low = cleaned
            if low in lexicon.events and not (skipped == 0 and _object_after(words, j + 1)):
                head = phrase[-1].lower() if phrase else ""
                key = lexicon.group_of(low) or low
                return Counted(counts=word, key=key, from_event=True, head=head)
            for ph in lexicon.event_phrases if low in lexicon.event_phrase_starts else ():
                got = [w.rstrip(CLOSE_PUNCT).lower() for w in words[j : j + len(ph)]]
                if tuple(got) == ph:
                    key = lexicon.phrase_key(ph) or lexicon.group_of(ph[0]) or "killed"
                    return Counted(counts=" ".join(ph), key=key, from_event=True, head=ph[0])
    if not phrase:
        if allow_event and i < n:
            return reported_event(words[i : i + 8], lexicon)  # "33 the army says are dead"
        return Counted()
    head = phrase[-1]
    if head_key is None:
        if head.lower() in CONTAINER_HEADS and len(phrase) > 1:
            head = phrase[-2]
        head_key = lexicon.key_for_noun(head)
    return Counted(counts=" ".join(phrase), key=head_key, head=head.lower())


# Verbs of saying or believing set between a number and its event ("at least 33 the military
# says are dead", "12 police believe were killed").
_SAYING: Final = frozenset(
    "says say said believes believe believed fears fear feared estimates estimated".split()
)


def reported_event(words: list[str], lexicon: Lexicon) -> Counted:
    """The event of a number whose source is set between them: "33 the military says are
    dead" counts the dead. ``words`` follow the number: at most three words of the source,
    then a verb of saying, then up to three auxiliaries and the event; empty otherwise."""
    for k in range(1, min(4, len(words))):
        word, ended, low = _clean(words[k])
        if ended or not word.isalpha():
            return Counted()
        if low in _SAYING and not _clean(words[k - 1])[1]:
            j = k + 1
            while j < len(words) and j - k <= 3 and _clean(words[j])[2] in AUXILIARY:
                j += 1
            if j == k + 1 or j >= len(words):
                return Counted()  # no auxiliary: "40 the police said" names no event
            word, _, low = _clean(words[j])
            if low not in lexicon.events:
                return Counted()
            return Counted(counts=word, key=lexicon.group_of(low) or low, from_event=True)
    return Counted()


# Words that open the object of an active verb: "the two cities detained 175 people", "six
# officers arrested the driver" (the counted noun did the deed, it did not undergo it).
_OBJECT_OPENERS: Final = (
    frozenset(
        "the a an their its his her our some about nearly around more over dozens hundreds"
        " thousands".split()
    )
    | frozenset(nb.UNITS)
    | frozenset(nb.TENS)
)


def _object_after(words: list[str], j: int) -> bool:
    """Whether ``words[j]`` opens an object: a number or a determiner."""
    if j >= len(words):
        return False
    word = words[j].lower()
    return word[:1].isdigit() or word in _OBJECT_OPENERS


def _noun_accounts(low: str, words: list[str], i: int) -> bool:
    """Whether "accounts" is the noun ("23,500 accounts were frozen"), not the verb of "X
    accounts for 40%" (the reason it stops a phrase)."""
    if low != "accounts":
        return False
    return i + 1 >= len(words) or _clean(words[i + 1])[2] != "for"


def past_owner(words: list[str], i: int) -> int:
    """Where the counted noun starts when ``words[i]`` is a possessive: "of the country's
    districts" counts districts, not the country. An owner names whose things are counted,
    never the things; the noun after it is the head (``i`` itself when no noun follows)."""
    if i + 1 >= len(words):
        return i
    raw = words[i]
    if not raw.endswith(("'s", "’s", "s'", "s’")) or not raw[:1].isalpha():
        return i
    nxt = words[i + 1]
    if nxt.lower() in ("most", "least") and i + 2 < len(words) and words[i + 2][:1].isalpha():
        return i + 2  # "90% of the world's most advanced chips"
    if not nxt[:1].isalpha() or nxt.rstrip(CLOSE_PUNCT).lower() in STOP:
        return i
    return i + 1


def _plural_noun(raw: str) -> bool:
    """Whether a word reads as a plural noun ("doses", "shipments"), not a verb or a name."""
    word = raw.rstrip(CLOSE_PUNCT)
    low = word.lower()
    return (
        len(low) > 3
        and low.isalpha()
        and word[0].islower()
        and low.endswith("s")
        and not low.endswith(("ss", "ous", "us", "is"))
        and low not in STOP
    )


def _is_noun_like(raw: str, lexicon: Lexicon) -> bool:
    word = raw.rstrip(CLOSE_PUNCT).lower()
    return (
        bool(word)
        and word[0].isalpha()
        and word not in STOP
        and word not in TIME_WORDS
        and word not in lexicon.events
        and word not in AUXILIARY
    )


def read_of_phrase(
    words: list[str], lexicon: Lexicon, of_words: frozenset[str] | None = None
) -> Counted:
    """The thing after "of"/"in" ("tonnes of grain", "$1.5bn in military aid")."""
    if not words:
        return Counted()
    first = words[0].lower()
    i = 1
    if first == "worth" and len(words) > 1 and words[1].lower() == "of":
        i = 2
    elif first not in (of_words or _OF_WORDS):
        return Counted()
    while i < len(words) and words[i].lower() in _OF_SKIP:
        i += 1
    i = past_owner(words, i)  # "81% of Ilsk's polling stations": the stations are counted
    got = read_noun_phrase(words, lexicon, allow_event=False, start=i)
    if not got.key:
        return Counted()
    got.counts = " ".join(w.rstrip(CLOSE_PUNCT) for w in words[:i]) + " " + got.counts
    return got
