"""Numbers whose own words name nothing, yet which a reader counts as figures.

The extractor keeps a bare number ("57", "11") only when the words beside it name what it
counts, because most bare numbers in news are names, codes or list labels. A few shapes mark a
bare number as a quantity all the same, and these functions read them:

- an age set off by commas after a name or a person ("Hamilton, 39, will join", "Man, 27,
  charged"), the way news gives ages; and an age bound after people ("Brits over 50");
- a cue word that only goes with quantities ("only 57 got through", "the remaining 11", "a
  record 88,350", "unbeaten 112"), or a hedge ("at least 33", "roughly 100 trillion");
- digits joined to a noun before another noun ("a 105-qubit chip", "the 21,000-capacity
  ground"): a count of that noun, or of the head when the noun is a measure;
- a count that refers back to the thing just counted ("three of them", "of which about 1.57
  million"): it takes the key of the last count of its sentence.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import around as ar
from store.figures import candidates as cd
from store.figures import context as cx
from store.figures import counted as ct
from store.figures import numbers as nb
from store.figures import subject as sj
from store.figures.lexicon import Lexicon
from store.model import Figure

# Singular people nouns news sets an age after ("the woman, 34, was"); plurals and groups come
# from the lexicon's people words.
_PERSON_WORDS: Final = frozenset(
    """
    man woman boy girl mother father mum dad son daughter wife husband teenager pensioner
    grandmother grandfather gran grandad driver officer student nurse doctor teacher soldier
    """.split()
)
# Capitalised words that are no person: a number after "Tuesday," or "March," is a date.
_NOT_NAMES: Final = cx.MONTH_WORDS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# People named by the group an age bound sets apart ("children under five", "adults over 65").
_AGE_GROUPS: Final = frozenset(
    """
    adults adult children kids teens teenagers pensioners people women men anyone everyone
    those voters drivers patients smokers workers babies infants youngsters
    """.split()
)
# Word cues before a bare number that only go with a quantity, longest first.
_CUES: Final[tuple[tuple[str, ...], ...]] = (
    ("a", "record"),
    ("a", "new", "record"),
    ("the", "remaining"),
    ("a", "further"),
    ("another",),
    ("only",),
    ("just",),
    ("unbeaten",),
    ("remaining",),
    ("all",),
)
_CUE_LAST: Final = frozenset(c[-1] for c in _CUES)
# Words after "N of" that point back to the thing counted before ("three of them").
_BACK_AFTER: Final = (" of them", " of those", " of these", " of whom", " of which")
# "97 remain in Gaza", "41 remained below ground": what is left of the thing counted before.
_REMAIN_RE: Final = re.compile(r" (?:still )?remain(?:ed)?\b")
# "7 of 8", "9 of their last 10": two numbers of one thing, the noun (if any) after the second.
_OF_PAIR: Final = r"(?:the |their |its |his |her |our )?(?:last |first |past |previous |next )?"
_OF_NEXT_RE: Final = re.compile(r" of " + _OF_PAIR + r"\d")
_OF_GAP_RE: Final = re.compile(r" of " + _OF_PAIR)


def apposed_age(text: str, start: int, end: int, value: float, lexicon: Lexicon) -> bool:
    """True for an age set off by commas after a name or a person: "Hamilton, 39, will join",
    "Man, 27, charged", "the woman, 34, was". A whole number from 1 to 119 only."""
    if value != int(value) or not 1 <= value <= 119 or start < 4:
        return False
    if text[start - 2 : start] != ", " or text[end : end + 1] != ",":
        return False
    j = start - 2
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "'’-"):
        k -= 1
    word = text[k:j]
    if len(word) < 2 or not word[0].isalpha():
        return False
    low = word.lower()
    if low in _NOT_NAMES:
        return False
    if low in _PERSON_WORDS or low in lexicon.people:
        return True
    return word[0].isupper()


def age_bound(rest: list[str], hedge: str, value: float, lexicon: Lexicon) -> bool:
    """True for an age bound after a group of people: "Brits over 50", "children under 5",
    "adults aged over 65" (``rest`` are the words before the hedge, ``hedge`` its bound)."""
    if hedge not in (">", "<", ">=", "<=") or not rest or value != int(value):
        return False
    if not 1 <= value <= 119:
        return False
    word = rest[-1]
    if word in _AGE_GROUPS or word in lexicon.people:
        return True
    # A nationality or a group written as a capitalised plural ("Brits", "Americans").
    return len(word) > 3 and word.endswith("s") and word.isalpha() and word[:-1] in _DEMONYMS


# Groups named by where they are from; a short list, as any longer one would guess.
_DEMONYMS: Final = frozenset(
    """
    brit american briton canadian australian european german french italian spaniard scot
    indian chinese japanese irish welsh english
    """.split()
)


def cue_length(rest: list[str]) -> int:
    """How many of the last words of ``rest`` are a cue that marks a quantity (0 if none)."""
    if not rest or rest[-1] not in _CUE_LAST:
        return 0
    for cue in _CUES:
        n = len(cue)
        if len(rest) >= n and tuple(rest[-n:]) == cue:
            return n
    return 0


def refers_back(lower: str, rest: list[str], end: int, start: int = 0, prev_end: int = -1) -> bool:
    """True for a count of the thing counted just before: "three of them", "of which 12", a
    share written "7 of 8" or "9 of their last 10", what is left of it ("97 remain")."""
    if lower.startswith(_BACK_AFTER, end) or _OF_NEXT_RE.match(lower, end) is not None:
        return True
    if _REMAIN_RE.match(lower, end) is not None:
        return True  # "Of the 251 hostages taken, 97 remain in Gaza": hostages
    if len(rest) >= 2 and rest[-2] in ("of", "among") and rest[-1] in ("which", "whom", "them"):
        return True  # "of whom 12", "among them 350 from the directorate"
    # the second of a pair, only when the first was read as a figure ("Photo 1 of 12" is none)
    return 0 <= prev_end < start and _OF_GAP_RE.fullmatch(lower, prev_end, start) is not None


# Verbs that give the level a thing's count came to ("cancellations have reached 612",
# "the toll rose to 21", "cancellations ran to 390"): the subject is what the number counts.
_LEVEL_VERBS: Final = frozenset(
    "reached reach reaches topped exceeded passed surpassed totalled totaled numbered".split()
)
_LEVEL_TO: Final = frozenset(
    "rose risen climbed jumped soared surged grew increased fell dropped declined ran".split()
)


# Subjects whose level is a price, never a count ("shares rose to 40").
PRICE_KEYS: Final = frozenset("share stock price yield rate bond currency".split())


def level_verb(rest: list[str]) -> bool:
    """Whether the words before a bare number end in a verb of reaching a level: "reached",
    "rose to", "ran to" (not "up to": a bound)."""
    if not rest:
        return False
    if rest[-1] in _LEVEL_VERBS:
        return True
    return len(rest) >= 2 and rest[-1] == "to" and rest[-2] in _LEVEL_TO


def bracketed_count(text: str, start: int, end: int, value: float, lexicon: Lexicon) -> str:
    """The key of a number in brackets right after a word for a counted group: "the injured
    (9,120) and the missing (412)" -> injured, missing; "" otherwise (not "(2016)")."""
    if text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        return ""
    if 1900 <= value <= 2100 and value == int(value):
        return ""  # a year
    before = text[max(0, start - 30) : start - 1].split()
    word = before[-1].lower() if before else ""
    return lexicon.word_key.get(word, "") if word.isalpha() else ""


# Verbs of a crowd right after a bare number: "the union said 150,000 took part".
_TURNOUT_VERBS: Final = (
    " took part",
    " marched",
    " joined",
    " attended",
    " turned out",
    " participated",
    " demonstrated",
    " protested",
    " walked out",
)


# A fact box line: "Deaths: 3", "Cases: 250 (health department)", "Rescued: 331".
_LABEL_RE: Final = re.compile(r"(?:^|[\n•.;,]\s*)([A-Za-z][A-Za-z' ()-]{1,40}):\s*$")


def label_key(text: str, start: int, lexicon: Lexicon) -> str:
    """The key a fact-box label gives the number after it ("Deaths: 3" -> killed): the last
    word of the label a synonym group knows, "" when none does ("Score: 3")."""
    if text[start - 2 : start] not in (": ", ":\u00a0") and text[start - 1 : start] != ":":
        return ""
    hit = _LABEL_RE.search(text, max(0, start - 44), start)
    if hit is None:
        return ""
    label = hit.group(1).lower()
    words = label.split()
    for phrase, key in lexicon.phrases:
        if len(phrase) <= len(words) and " ".join(phrase) in label:
            return key  # "In hospital: 38"
    for word in reversed(words):
        found = lexicon.word_key.get(word)
        if found is not None:
            return found
    if (
        2 <= len(words) <= 5
        and words[0].isalpha()
        and words[0].endswith("s")
        and not words[0].endswith("ss")
        and (words[1] == "to" or words[1].endswith(("ed", "ing")))
    ):
        # "Branches to close: 140", "Ships waiting off Kessel: 58", "Cars recalled: 84,000":
        # things and what befalls them (a counter of a page, "Views: 2,300", is one word)
        return lexicon.key_for_noun(words[0])
    if len(words) == 2 and words[0].endswith("ed") and words[1].endswith("s"):
        return lexicon.key_for_noun(words[1])  # "Postponed operations: 3,960"
    return ""


def state_label(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a fact-box label that is a participle ("deaths:
    12, recovered: 40", "Discharged: 9"): it says what happened to the people counted, so the
    number is no other source's figure for the count before it (as after "organisers:" or
    "GFL:")."""
    before = text[max(0, start - 24) : start].rstrip()
    if not before.endswith(":"):
        return False
    words = before[:-1].split()
    return bool(words) and words[-1].isalpha() and words[-1].lower().endswith("ed")


# "X put it at 7.2", "Y puts the number at 40": the thing counted before, by another source.
_POINTERS_AT: Final = frozenset(
    {"it", "them", "figure", "number", "toll", "total", "count", "tally"}
)


# "bringing the total to", "taking the number since Tuesday to": the running total.
_TOTAL_WORDS: Final = frozenset({"total", "tally", "number", "toll", "count"})
_BRINGING: Final = frozenset(
    "bringing brings brought taking takes took pushing pushes pushed lifting lifts".split()
)
_OWNERS: Final = frozenset({"the", "its", "their"})


def total_to(rest: list[str]) -> bool:
    """True for "... bringing the total to", "taking the total to": the running total of what
    the sentence counted before."""
    if not rest or rest[-1] != "to":
        return False
    if len(rest) >= 2 and rest[-2] in _TOTAL_WORDS:
        return True
    # "taking the total since the eruption began to 184": words between the total and "to"
    window = rest[-10:-1]
    return any(
        w in _BRINGING and window[i + 1] in _OWNERS and window[i + 2] in _TOTAL_WORDS
        for i, w in enumerate(window[:-2])
    )


def pointer_at(rest: list[str]) -> bool:
    """True for "... put it at", "... puts the number at" right before a number."""
    return len(rest) >= 3 and rest[-1] == "at" and rest[-2] in _POINTERS_AT and rest[-3] in _PUT


_PUT = frozenset({"put", "puts", "putting", "placed", "places", "estimated", "estimates"})


def rival_count(lower: str, rest: list[str], start: int, end: int) -> bool:
    """True for a bare number that another source gives for what the sentence counted before:
    "60,000 according to police, 200,000 according to the union", "against the union's
    200,000", "Police: 41,000 marchers; union: 150,000". The caller checks that a count was
    named earlier in the sentence."""
    if lower.startswith(" according to ", end) or lower.startswith(_TURNOUT_VERBS, end):
        return True
    before = lower[max(0, start - 12) : start].rstrip()
    if before.endswith(":") and before[-2:-1].isalpha():
        return True  # "union: 150,000"
    if pointer_at(rest):
        return True  # "the Global Seismic Network put it at 7.2"
    if rest and (rest[-1] in _SAYS or (rest[-1] in _ONLY and rest[-2:-1] and rest[-2] in _SAYS)):
        return True  # "... 58,000 people; the promoter says 47,500", "X accepts only seven"
    return bool(rest) and rest[-1].endswith(("'s", "’s")) and len(rest[-1]) > 3


# Verbs of a source giving its own number for what the sentence counted before.
_SAYS: Final = frozenset(
    """
    says say said puts put estimates estimated counts counted reports reported claims claimed
    accepts accepted recognises recognized recognizes acknowledges acknowledged insists
    maintains gives gave cites cited
    """.split()
)
_ONLY: Final = frozenset({"only", "just", "merely"})


# Nouns joined to digits that measure the head after them rather than name what is counted:
# "the 21,000-capacity ground" is a ground, "a 10-place grid penalty" a penalty.
HYPHEN_MEASURES: Final = frozenset(
    {"capacity", "place", "season", "spot", "position", "stage", "time"}
)


def compound_noun(word: str, after: list[str]) -> bool:
    """True when ``word`` (joined by a hyphen to digits) is a noun and a noun follows it:
    "105-qubit chip", "1,000-TANK LOSS", "12-season stint". Adjectives and participles
    ("3-sided", "2-running") and a word that ends the phrase ("won 3-nil.") are no compound."""
    if len(word) < 3 or not word.isalpha() or word in ct.STOP or word in ct.TIME_WORDS:
        return False
    if word.endswith(("ed", "ing", "ly", "nil")) or word in ("way", "dash"):
        return False
    if word in nb.UNITS or word in nb.TENS:
        return False  # "7-Eleven stores": a name
    if not after:
        return False
    nxt = after[0]
    head = nxt.rstrip(".,;:!?)\"'’”").lower().removesuffix("'s").removesuffix("’s")
    return head.isalpha() and head not in ct.STOP and head not in ct.TIME_WORDS


# Prepositions before a hedged hour: "at around 10", "by about 11" are times of day.
_CLOCK_BEFORE: Final = frozenset({"at", "from", "until", "till", "by", "before", "after", "since"})


def clock_time(rest: list[str], value: float) -> bool:
    """True when a hedged bare number is an hour ("kicks off at about 8")."""
    return bool(rest) and rest[-1] in _CLOCK_BEFORE and value == int(value) and value <= 24


# Verbs whose bare number is what the subject holds ("the stadium holds 60,000").
CAPACITY_VERBS: Final = frozenset(
    "holds seats carries accommodates sleeps houses employs fits holding".split()
)
# "a camp designed for 350", "a stadium licensed for 48,000": what a place was made to hold.
_BUILT_FOR: Final = frozenset("designed built meant intended licensed certified rated".split())


def capacity_words(rest: list[str]) -> int:
    """How many words before a bare number say what a thing holds: 1 for "holds", 2 for
    "designed for"; 0 when they say nothing of the kind."""
    if rest and rest[-1] in CAPACITY_VERBS:
        return 1
    if len(rest) >= 2 and rest[-1] == "for" and rest[-2] in _BUILT_FOR:
        return 2
    return 0


_VOTE_AFTER: Final = (" in favour", " in favor", " against")


def holder(rest: list[str], verb: int = 1) -> list[str]:
    """The words before a capacity verb of ``verb`` words read as the subject of "is" ("the
    stadium holds 60,000" -> "the stadium is"), past a relative pronoun ("a stadium that
    holds 55,000")."""
    words = rest[:-verb]
    if words and words[-1] in ("that", "which"):
        words = words[:-1]
    return [*words, "is"]


def vote_tally(lower: str, end: int) -> bool:
    """True for a bare number of votes: "312 in favour", "201 against" (then a clause end or
    "and"/"with"), not "40 against Spain"."""
    if not lower.startswith((" in favo", " against"), end):
        return False
    for cue in _VOTE_AFTER:
        if lower.startswith(cue, end):
            nxt = lower[end + len(cue) : end + len(cue) + 6]
            return nxt[:1] in ("", ",", ".", ";", ")") or nxt.startswith((" and ", " with "))
    return False


# A side of a vote named before its number: "against – 94", "abstained: 7", "for - 99".
_VOTE_LABEL_RE: Final = re.compile(
    r"(?:^|[\s,;(])(?:for|against|abstained|abstentions|in favou?r|yes|no)\s*[–—:-]\s*$"
)


_VOTE_WORDS_RE: Final = re.compile(r"\b(?:vot\w*|deput\w*|ballots?|mps?|senators?)\b")


def vote_label(lower: str, start: int) -> bool:
    """True for a bare number after a side of a vote and a dash or colon, in a sentence that
    speaks of votes or deputies."""
    if _VOTE_LABEL_RE.search(lower, max(0, start - 16), start) is None:
        return False
    lo, hi = ar.sentence_around(lower, start)
    return _VOTE_WORDS_RE.search(lower, lo, hi) is not None


_DIFFERENCE_AFTER: Final = (" more than", " fewer than", " short of", " shy of", " better than")


def difference_after(lower: str, end: int) -> bool:
    """True for a number that is a difference: "one more than Serena", "two short of"."""
    return lower.startswith(_DIFFERENCE_AFTER, end)


def quake_measure(lower: str, start: int, value: float) -> bool:
    """True for "the quake, measuring 6.4" (the caller saw "measuring"): a magnitude measured,
    a quake named just before."""
    if not 0 < value < 10:
        return False
    before = lower[max(0, start - 60) : start]
    return "quake" in before or "tremor" in before


def bare_key(
    text: str,
    lower: str,
    part: str,
    lexicon: Lexicon,
    rest: list[str],
    a: cd.Cand,
    counted_before: Figure | None,
) -> str:
    """What a bare number marked as a quantity counts: the subject of its verb ("the prison
    population reached a record 88,350", "a target of 241"), else the thing the last count of
    its sentence named ("500-600 trucks ... only 57 got through"), else nothing."""
    last = rest[-1] if rest else ""
    if last in ct.SUBJECT_SKIP or last in cx.UP_WORDS or last in cx.DOWN_WORDS:
        key = sj.left_subject(rest, lexicon, text, lower, a.start)  # a verb or "of" first
        if key and key != ct.PREVIOUS:
            return key
    if (
        counted_before is not None
        and counted_before.part == part
        and ar.sentence_around(text, counted_before.start) == ar.sentence_around(text, a.start)
    ):
        return counted_before.key
    return ""
