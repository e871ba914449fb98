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

from store.figures import context as cx
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
    goes comes says makes takes gives shows means remains includes covers marks brings puts
    needs helps keeps sets gets looks seems faces plans aims follows allows stands thanks
    accounts tall long wide high deep thick away old apiece each
    warmer colder hotter higher lower larger smaller bigger greater cheaper dearer longer
    shorter wider deeper faster slower stronger weaker older younger short shy
    worldwide nationwide overall abroad altogether total apiece respectively
    beat rose fell grew topped missed exceeded reached passed surpassed
    """.split()
)
# Words that are never the thing counted: times, periods and dates ("15% in January").
TIME_WORDS = frozenset(
    """
    year years month months week weeks day days quarter quarters today yesterday tonight night
    nights morning evening weekend hour hours minute minutes time times decade decades century
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday annually ago earlier since
    last this next in on during spring summer autumn winter
    """.split()
)
# "a year", "per day": a rate after a number, skipped before looking for what it counts.
_PER_WORDS = frozenset({"a", "an", "per", "each", "every"})
_PERIODS = frozenset({"year", "month", "week", "day", "quarter", "hour", "annum"})
# Verbs of level before a number whose subject may sit far back in the clause
# ("The number of people killed ... has climbed to 3,354").
LEVEL_WORDS = frozenset(
    """
    climbed rose risen reached passed stands stood increased jumped topped exceeded hit
    """.split()
)
PREVIOUS = "\x00previous"
# Modifiers right after a number that mean "additional", not a bound ("2,700 more were hurt").
ADDITIONAL = frozenset({"more", "additional", "other", "extra", "further", "new"})
# Words allowed between the counted noun and its event ("300 people were reportedly killed").
AUXILIARY = frozenset(
    """
    were was are is have has had been being be reportedly allegedly also now all later
    confirmed believed thought feared said reported to remain remained remains still went
    presumed likely both so far internally seriously critically severely badly lightly
    slightly gravely mortally since
    """.split()
)
# Heads that name a container of the real counted thing ("$1.5bn aid package" -> aid).
CONTAINER_HEADS = frozenset({"package", "packages", "programme", "program", "scheme", "worth"})
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
    running hovering sitting measures measured measuring weighs weighed weighing weigh spans
    rose risen rise rises increased grew climbed jumped soared surged gained fell fallen
    dropped declined decreased slid slipped slumped plunged tumbled sank shrank eased
    contracted up down just some nearly almost about around slowed accelerated quickened
    remained remain hovered held edged stayed stand projected expected forecast seen due likely
    reach put set came come amount amounts stay stays should could would may might must
    requires required needs needed numbers numbered totals total exceeds exceeded topped
    exceed top surpass approach near unchanged steady flat stable
    """.split()
)

# Also skipped walking left to a subject: times and every form of a change verb ("shed").
_SKIP_LEFT = TIME_WORDS | cx.UP_WORDS | cx.DOWN_WORDS

# Verbs of a level a named thing stood at ("the FTSE closed at 7,912").
_LEVEL_VERBS = frozenset(
    "closed ended finished opened settled traded stood hovered sat was is ends closes".split()
)

_OPEN_PUNCT = "([{\"'“‘«—–"
_CLOSE_PUNCT = ".,;:!?)]}\"'”’»…"
_CLAUSE_END = frozenset(',;:!?)]}"”»…')
_PUNCT = _CLOSE_PUNCT + _OPEN_PUNCT
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
# Words that open an aside between a counted noun and its verb ("..., including 3 children,").
_ASIDE_OPENERS = frozenset({"including", "among", "most", "many", "mostly", "mainly", "some"})
MONEY_OF_WORDS = frozenset({"of", "in"})
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


def _clean_uncached(raw: str) -> tuple[str, bool, str]:
    word = raw.rstrip(_CLOSE_PUNCT)
    if word.endswith(("'s", "’s")):
        word = word[:-2]
        return word, True, word.lower()
    return word, len(word) != len(raw), word.lower()


_CLEAN_CACHE: dict[str, tuple[str, bool, str]] = {}


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
            if words[i + 1][-1] in _CLOSE_PUNCT:
                return Counted()
            rest = read_of_phrase(words[i + 2 :], lexicon)
            return rest
    elif i < n and first.rstrip(_CLOSE_PUNCT) == "annually":
        return Counted()
    # "25 of 31 drones", "80,000 of the 150,000 households": the whole names the thing.
    if i + 1 < n and first == "of":
        j = i + 1
        if words[j].lower() in _OF_SKIP and j + 1 < n:
            j += 1
        if words[j][:1].isdigit() and words[j][-1] not in _CLOSE_PUNCT:
            i = j + 1
        elif j > i + 1 and words[j][:1].isalpha():
            i = j  # "41 of the drones"
    phrase: list[str] = []
    head_key: str | None = None
    ended = False
    while i < n and len(phrase) < 5 and not ended:
        raw = words[i]
        if raw[0] in _OPEN_PUNCT:
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
        if low in STOP or low in TIME_WORDS:
            break
        if low in lexicon.phrase_starts and not word_ended:
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
        if (
            low.endswith("s")
            and not low.endswith(("ss", "ous", "us", "is"))
            and len(low) > 3
            and not (word[0].isupper() and i < n and words[i][:1].islower())
        ):
            break  # a plural noun ends the phrase; a name ("31 Abrams tanks") does not
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
            if low in lexicon.events:
                head = phrase[-1].lower() if phrase else ""
                key = lexicon.group_of(low) or low
                return Counted(counts=word, key=key, from_event=True, head=head)
            for ph in lexicon.event_phrases if low in lexicon.event_phrase_starts else ():
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


def _is_noun_like(raw: str, lexicon: Lexicon) -> bool:
    word = raw.rstrip(_CLOSE_PUNCT).lower()
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
    got = read_noun_phrase(words, lexicon, allow_event=False, start=i)
    if not got.key:
        return Counted()
    got.counts = " ".join(w.rstrip(_CLOSE_PUNCT) for w in words[:i]) + " " + got.counts
    return got


def left_words(lower: str, start: int, floor: int) -> list[str]:
    """Up to 14 words before ``start`` (nearest last), stopping at a clause break.

    ``lower`` is the lowercased text, so the words come back lowercase at no extra cost.
    """
    lo = max(floor, start - 120)
    seg = lower[lo:start]
    raw = seg.rsplit(None, 14)
    if len(raw) == 15 or (
        lo > floor and raw and not lower[lo - 1].isspace() and not lower[lo].isspace()
    ):
        raw = raw[1:]  # beyond the 14 words, or a word cut in half by the window
    if seg.replace(" ", "").isalpha():
        return raw  # only letters and spaces: no word can break the clause, all of them count
    out: list[str] = []
    for word in reversed(raw):
        last = word[-1]
        if last in _CLAUSE_END or (last == "." and word not in _ABBREVIATIONS):
            break  # "civilians," or "said." ends the clause; "No." and "U.S." do not
        if word[0] in _OPEN_PUNCT:
            out.append(word.lstrip(_OPEN_PUNCT))
            break
        out.append(word)
    out.reverse()
    return out


def left_event(words: list[str]) -> str:
    """The event key named within the last few words before a number ("killing at least").

    After a level verb ("has climbed to") the whole clause is searched, since the event
    usually sits in a long subject ("The number of people killed by the quake has ...").
    """
    tail = words[-6:]
    if not LEVEL_WORDS.isdisjoint(words[-3:]):
        tail = words
    for low in reversed(tail):
        if not low or low[0].isdigit() or low in ("and", "or", "but", "while"):
            return ""
        key = LEFT_EVENTS.get(low)
        if key is not None:
            return key
    return ""


def _noun_like_left(word: str) -> bool:
    return (
        len(word) >= 3
        and word[0].isalpha()
        and word not in STOP
        and word not in TIME_WORDS
        and (not word.endswith(("ed", "ing")) or word in _ING_NOUNS)
        and word not in LEFT_EVENTS
    )


# Nouns ending in -ing that are the subject of a sum or a share ("borrowing to fall to £87bn").
_ING_NOUNS = frozenset(
    "borrowing spending funding financing lending housing pricing trading shipping".split()
)
# Capitals that are common nouns, not names: a share or a sum of them is what is counted.
_COMMON_ACRONYMS = frozenset("gdp ebitda ebit eps cpi pmi arpu nav vat capex opex".split())


# Present-tense verbs that end a subject phrase when walking left from a number.
_SUBJECT_VERBS = frozenset(
    """
    raises raise cuts cut sells sell buys buy reports report says say sees see expects expect
    """.split()
)
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})
_PREPOSITIONS = frozenset({"of", "from", "on", "in", "to"})
_TALLY_WORDS = frozenset({"number", "total", "count", "tally", "figure"})
# Unit words that end a number: the words left of "to 50%" lead back to that number.
_UNIT_WORDS = frozenset("points point percent cent pc pct bps pp cents".split())
_AVERAGE_WORDS = frozenset({"average", "total", "maximum", "minimum", "median", "mean"})
# A rate or level is of the measure named before it or after "of" ("the jobless rate").
_RATE_HEADS = frozenset({"rate", "level", "pace"})
_RATE_OF = frozenset(
    """
    unemployment jobless inflation employment participation vacancy poverty vaccination
    obesity literacy mortality infection default savings
    """.split()
)


def _is_proper(text: str, lower: str, word: str, start: int) -> bool:
    """True when ``word`` (the last time it occurs before ``start``) is written as a name."""
    idx = lower.rfind(word, max(0, start - 160), start)
    if idx == -1:
        return False
    written = text[idx : idx + len(word)]
    if word in _COMMON_ACRONYMS:
        return False
    if len(written) >= 2 and written.isupper():
        return True  # "SPD", "GDP"
    if not written[:1].isupper():
        return False
    tail = written[1:]
    if not tail.islower() and any(c.isupper() for c in tail):
        return True  # "AfD" (an all-lowercase tail, the usual case, has no capital: no scan)
    before = text[max(0, idx - 3) : idx].rstrip()
    return bool(before) and before[-1] not in '.!?•-*–\n"“(:'


def _after_determiner(words: list[str], i: int) -> bool:
    """True when ``words[i]`` follows a determiner, directly or after a hyphenated modifier."""
    if words[i - 1] in _DETERMINERS:
        return True
    return i > 1 and "-" in words[i - 1] and words[i - 2] in _DETERMINERS


def left_subject(
    words: list[str], lexicon: Lexicon, text: str = "", lower: str = "", start: int = 0
) -> str:
    """The subject noun before a change or level ("Exports of oil rose 15%" -> "exports").

    Returns ``PREVIOUS`` when the words lead back to another number ("to 15.5% from 14.5%"),
    so the caller can give this figure the key of that one. A name ("SPD fell to 16.4%") is
    who reports or holds the number, not what it counts, so it gives no subject.
    """
    i = len(words) - 1
    skipped = 0
    while i >= 0 and skipped < 8 and (words[i] in SUBJECT_SKIP or words[i] in _SKIP_LEFT):
        if skipped and i > 0 and words[i] not in SUBJECT_SKIP and _after_determiner(words, i):
            break  # "a contract worth", "a five-year contract worth": a noun, no verb
        i -= 1
        skipped += 1
    if i < 0 or skipped == 0:
        return ""
    word = words[i].strip(_PUNCT)
    if word.endswith(("-year-old", "-old")):
        return ""  # "the 29-year-old has 14 goals": a person, no thing counted
    if word and (word[0].isdigit() or word[0] in "$€£¥₽₴" or word in _UNIT_WORDS):
        return PREVIOUS  # ("by 500 basis points to 50%": the unit of the number before)
    if not _noun_like_left(word):
        return ""
    if skipped == 1 and words[-1] == "of":
        # "a loan of $50bn", "a price of $400": the noun before "of" is what the sum is.
        if (text and _is_proper(text, lower, word, start)) or word in _AVERAGE_WORDS:
            return ""  # ("an average of 20.9%" says how, not what: the words after do)
        return lexicon.key_for_noun(word)
    # "Income from agricultural exports fell", "Concentrations of carbon dioxide in the air
    # reached": the head is the noun before the first preposition of the phrase.
    head = word
    head_at = i
    j = i - 1
    steps = 0
    while j >= 1 and steps < 8:
        w = words[j]
        if w in _PREPOSITIONS:
            if not _noun_like_left(words[j - 1]):
                break
            head = words[j - 1]
            head_at = j - 1
            j -= 2
            steps += 2
            continue
        if (w in STOP and w not in _DETERMINERS) or not w[:1].isalpha():
            break
        if w.endswith("ed") or w in SUBJECT_SKIP or w in _SUBJECT_VERBS:
            break  # a verb: the subject phrase ends here
        j -= 1
        steps += 1
    head = head.strip(_PUNCT)
    if head in _TALLY_WORDS and head_at + 2 <= i and words[head_at + 1] == "of":
        head = words[head_at + 2].strip(_PUNCT)  # "the number of shelters"
    elif head in _RATE_HEADS:
        if head_at + 2 <= i and words[head_at + 1] == "of":
            head = words[head_at + 2].strip(_PUNCT)  # "the annual rate of inflation"
        elif head_at >= 1 and words[head_at - 1] in _RATE_OF:
            head = words[head_at - 1]  # "the unemployment rate"
    elif head in ("index", "indices") and head_at >= 1 and text:
        if _is_proper(text, lower, words[head_at - 1].strip(_PUNCT), start):
            return ""  # "the Dax index fell": the name says which index (``left_name``)
    if text and _is_proper(text, lower, head, start):
        return ""
    return lexicon.key_for_noun(head)


def money_verb(words: list[str], lexicon: Lexicon) -> str:
    """The key named by a money verb just before a sum ("lend Ukraine $50bn" -> "loan")."""
    for word in reversed(words[-3:]):
        key = lexicon.money_verbs.get(word)
        if key is not None:
            return key
    return ""


def left_name(words: list[str], text: str, lower: str, start: int) -> str:
    """The name before a change or level of a named thing ("the Nikkei fell 0.6%" -> "nikkei").

    ``left_subject`` gives no key for a name (the holder of a number is not what it counts);
    a market index, a coin or a commodity is, when the number is its change or its level.
    """
    i = len(words) - 1
    skipped = 0
    while (
        i >= 0
        and skipped < 4
        and (words[i] in SUBJECT_SKIP or words[i] in _SKIP_LEFT or words[i] in _LEVEL_VERBS)
    ):
        i -= 1
        skipped += 1
    if i < 0 or skipped == 0:
        return ""
    word = words[i].strip(_PUNCT)
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if word in ("index", "indices") and i > 0:
        return left_name([*words[:i], "is"], text, lower, start)  # "the Dax index"
    if word.isdigit() and i > 0 and len(word) <= 4:
        name = left_name([words[i - 1], "is"], text, lower, start)  # "the FTSE 100", "Nifty 50"
        return f"{name} {word}" if name else ""
    if len(word) < 2 or not word.isalpha() or word in STOP:
        return ""
    return word if _is_proper(text, lower, word, start) else ""
