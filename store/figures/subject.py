"""What a number counts, read leftwards: the event or subject before it.

"killing at least 40 people" (event before), "Exports rose 15%" (the subject before a change
verb), "the Nikkei fell 0.6%" (a name before a level or change), "lend Ukraine $50bn" (a money
verb). The words are read nearest last from a short window, stopping at a clause break; the
word lists shared with the reading rightwards are in ``counted``.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import context as cx
from store.figures.around import sentence_around
from store.figures.counted import (
    CLOSE_PUNCT,
    LEFT_EVENTS,
    LEVEL_WORDS,
    OPEN_PUNCT,
    PREVIOUS,
    STOP,
    SUBJECT_SKIP,
    TIME_WORDS,
    read_noun_phrase,
)
from store.figures.lexicon import Lexicon

# Also skipped walking left to a subject: times and every form of a change verb ("shed").
_SKIP_LEFT: Final = TIME_WORDS | cx.UP_WORDS | cx.DOWN_WORDS

# Verbs of a level a named thing stood at ("the FTSE closed at 7,912").
_LEVEL_VERBS: Final = frozenset(
    "closed ended finished opened settled traded stood hovered sat was is ends closes".split()
)
_CLAUSE_END: Final = frozenset(',;:!?)]}"”»…')
_PUNCT: Final = CLOSE_PUNCT + OPEN_PUNCT
_ABBREVIATIONS: Final = frozenset(
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


def left_words(lower: str, start: int, floor: int) -> list[str]:
    """Up to 14 words before ``start`` (nearest last), stopping at a clause break.

    ``lower`` is the lowercased text, so the words come back lowercase at no extra cost. The
    words are read from the nearest leftwards and the answer is a slice of the split: a clause
    break sits a handful of words back (five on average), so this costs less than any scan of
    the whole window for a mark that could break it (a regex there cost more than the loop).
    """
    lo = max(floor, start - 120)
    raw = lower[lo:start].rsplit(None, 14)
    if len(raw) == 15 or (
        lo > floor and raw and not lower[lo - 1].isspace() and not lower[lo].isspace()
    ):
        raw = raw[1:]  # beyond the 14 words, or a word cut in half by the window
    i = len(raw)
    while i:
        word = raw[i - 1]
        last = word[-1]
        if last in _CLAUSE_END or (last == "." and word not in _ABBREVIATIONS):
            return raw[i:]  # "civilians," or "said." ends the clause; "No." and "U.S." do not
        if word[0] in OPEN_PUNCT:
            out = raw[i:]
            out.insert(0, word.lstrip(OPEN_PUNCT))  # a bracket or quote opens the clause
            return out
        i -= 1
    return raw


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
_ING_NOUNS: Final = frozenset(
    "borrowing spending funding financing lending housing pricing trading shipping".split()
)
# Capitals that are common nouns, not names: a share or a sum of them is what is counted.
_COMMON_ACRONYMS: Final = frozenset("gdp ebitda ebit eps cpi pmi arpu nav vat capex opex".split())


# Present-tense verbs that end a subject phrase when walking left from a number.
_SUBJECT_VERBS: Final = frozenset(
    """
    raises raise cuts cut sells sell buys buy reports report says say sees see expects expect
    """.split()
)
_DETERMINERS: Final = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"}
)
_PREPOSITIONS: Final = frozenset({"of", "from", "on", "in", "to", "at", "across", "among", "for"})
_TALLY_WORDS: Final = frozenset({"number", "total", "count", "tally", "figure"})
# Unit words that end a number: the words left of "to 50%" lead back to that number.
_UNIT_WORDS: Final = frozenset("points point percent cent pc pct bps pp cents".split())
_AVERAGE_WORDS: Final = frozenset({"average", "total", "maximum", "minimum", "median", "mean"})
# A rate or level is of the measure named before it or after "of" ("the jobless rate").
_RATE_HEADS: Final = frozenset({"rate", "level", "pace"})
_RATE_OF: Final = frozenset(
    """
    unemployment jobless inflation employment participation vacancy poverty vaccination
    obesity literacy mortality infection default savings
    """.split()
)


# Two-word verbs that say a thing amounts to a number ("made up", "accounted for"): the
# number is the subject's, as after "is"; neither word is a change or a counted thing.
_AMOUNT_PAIRS: Final = frozenset(
    (verb, particle)
    for verbs, particle in (
        ("make makes made making", "up"),
        ("account accounts accounted accounting", "for"),
        ("come comes came coming", "to"),
    )
    for verb in verbs.split()
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
    if before and before[-1] not in _OPENERS_BEFORE:
        return True
    # A capital opening a sentence says nothing by itself: the word is a name when the text
    # writes it so elsewhere, mid-sentence ("Aster 50 closed at 6,118" after "Port Aster").
    at = text.find(written)
    while at != -1:
        if at != idx:
            mid = text[max(0, at - 3) : at].rstrip()
            if mid and mid[-1] not in _OPENERS_BEFORE and mid[-1].isalnum():
                return True
        at = text.find(written, at + 1)
    return False


_OPENERS_BEFORE: Final = '.!?•-*–\n"“(:'


def _march_noun(word: str, text: str, start: int) -> bool:
    """Whether "march" before ``start`` is the noun, written in lowercase ("Tuesday's march
    in Marsk"), not the month ("March", which the lowercased words cannot tell apart)."""
    return (
        word.strip(_PUNCT) in ("march", "marches") and "march" in text[max(0, start - 160) : start]
    )


def _after_determiner(words: list[str], i: int) -> bool:
    """True when ``words[i]`` follows a determiner, directly or after a hyphenated modifier."""
    if words[i - 1] in _DETERMINERS:
        return True
    return i > 1 and "-" in words[i - 1] and words[i - 2] in _DETERMINERS


_RECORD_OPENERS: Final = frozenset({"a", "new", "fresh", "all-time"})


# Heads that name a market's instrument, not the thing it prices or averages: the name
# before them does ("Brent crude futures" -> brent, "the Nasdaq Composite" -> nasdaq).
_INSTRUMENT_HEADS: Final = frozenset({"futures", "future", "average", "composite"})


def _instrument_name(words: list[str], head_at: int, text: str, lower: str, start: int) -> str:
    """The first word of the phrase ending at ``words[head_at]`` when it is written with a
    capital ("Wheat futures", "the Dow Jones Industrial Average" -> wheat, dow); "" when the
    phrase has no other word or it is a common word ("the national average")."""
    k = head_at
    while k > 0:
        w = words[k - 1]
        if not w[:1].isalpha() or w in STOP or w[-1] in _PUNCT or w in SUBJECT_SKIP:
            break
        if w.endswith(("'s", "’s")):
            break  # "Japan's Nikkei Stock Average": the owner is no part of the name
        k -= 1
    if k == head_at:
        return ""
    word = words[k]
    at = lower.rfind(word, max(0, start - 160), start)
    return word if at != -1 and text[at].isupper() else ""


def left_subject(
    words: list[str], lexicon: Lexicon, text: str = "", lower: str = "", start: int = 0
) -> str:
    """The subject noun before a change or level ("Exports of oil rose 15%" -> "exports").

    Returns ``PREVIOUS`` when the words lead back to another number ("to 15.5% from 14.5%"),
    so the caller can give this figure the key of that one. A name ("SPD fell to 16.4%") is
    who reports or holds the number, not what it counts, so it gives no subject.
    """
    if len(words) >= 2 and (words[-2], words[-1]) in _AMOUNT_PAIRS:
        words = [*words[:-2], "is"]  # "The turnout made up 61.4%": the turnout is 61.4%
    if words and words[-1] == "record":
        # "power demand hits record 8,647 MW", "jumped 96% to a record 5.35 trillion yen":
        # the record is the subject's level, as the number alone would be
        k = len(words) - 1
        while k and words[k - 1] in _RECORD_OPENERS:
            k -= 1
        words = words[:k]
    for k in range(len(words) - 3, max(-1, len(words) - 6), -1):
        if words[k] in _LEVEL_VERBS and words[k + 1] == "the" and words[k + 2] in TIME_WORDS:
            # "Shares ended the session down 17.8%", "closed the week 2% higher": the subject
            # is at that level, whatever span of time it closed
            words = [*words[:k], "is", *words[k + 3 :]]
            break
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
            if not _noun_like_left(words[j - 1]) and not _march_noun(words[j - 1], text, start):
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
        # "the number of shelters", "the number of invalid ballots": the last noun of the
        # phrase after "of", before any verb or preposition, is what is numbered
        k = head_at + 2
        while k < i and words[k][-1:] not in _PUNCT and _noun_like_left(words[k + 1]):
            k += 1
        head = words[k].strip(_PUNCT)
    elif head in _RATE_HEADS:
        if head_at + 2 <= i and words[head_at + 1] == "of":
            head = words[head_at + 2].strip(_PUNCT)  # "the annual rate of inflation"
        elif head_at >= 1 and words[head_at - 1] in _RATE_OF:
            head = words[head_at - 1]  # "the unemployment rate"
    elif head in ("index", "indices") and head_at >= 1 and text:
        if _is_proper(text, lower, words[head_at - 1].strip(_PUNCT), start):
            return ""  # "the Dax index fell": the name says which index (``left_name``)
    elif head in _INSTRUMENT_HEADS and text:
        name = _instrument_name(words, head_at, text, lower, start)
        if name:
            return name  # "Brent crude futures climbed", "The Nikkei share average fell"
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


# Words allowed between the comma opening an aside and its number ("Turnout, at about 61%,").
_ASIDE_WORDS: Final = frozenset("at about around some nearly almost roughly just now still".split())
_SENTENCE_ENDS: Final = ".!?\n•"


def apposed_subject(text: str, lower: str, start: int, floor: int, lexicon: Lexicon) -> str:
    """The noun a number set off by commas right after it belongs to: "Turnout, at about 61
    percent, is the highest since 2014" gives "turnout", "Inflation, now 3.2%, ..." gives
    "inflation". Only a short noun phrase opening its sentence, then a comma, then the
    number (with at most "at"/"now" and a hedge) reads so; "" otherwise."""
    comma = lower.rfind(",", max(floor, start - 40), start)
    if comma == -1 or any(w not in _ASIDE_WORDS for w in lower[comma + 1 : start].split()):
        return ""
    opening = max(floor, *(lower.rfind(c, floor, comma) + 1 for c in _SENTENCE_ENDS))
    words = lower[opening:comma].split()
    if not words or len(words) > 3:
        return ""
    head = words[-1].strip(_PUNCT)
    if not _noun_like_left(head) or (len(words) > 1 and words[0] not in _DETERMINERS):
        return ""
    if _is_proper(text, lower, head, comma):
        return ""
    return lexicon.key_for_noun(head)


# Verbs by which a party or a candidate gets a share of the vote ("won 45%", "took 33.8%",
# "received 45.1 per cent", "polled 12%"), and "leads with 45.1%".
_VOTE_VERBS: Final = frozenset(
    """
    won win wins winning took take takes taking received receive receives receiving got
    gets secured secures polled polls garnered garners captured captures
    """.split()
)
_LEAD_VERBS: Final = frozenset("leads led leading lead".split())


def vote_share(words: list[str]) -> bool:
    """Whether a bare percentage is a share of the vote by its verb: a party or candidate
    "won 45%", "took 33.8%", "received 45.1 per cent", "leads with 45.1%". What else it
    could be a share of is always written ("took 20% of the market", "won 65% of points")."""
    if not words:
        return False
    if words[-1] in _VOTE_VERBS:
        return len(words) > 1
    return len(words) > 2 and words[-1] == "with" and words[-2] in _LEAD_VERBS


# "the number of dead", "the total of people evacuated": a tally naming what it numbers.
_TALLY_OF_RE: Final = re.compile(r"\b(?:number|total|count|tally) of ")
# Words that may come before such a tally opening its sentence ("The total number of").
_TALLY_OPENERS: Final = frozenset("the a an total overall official latest new".split())
# Verbs that put a tally at a number ("put the number of dead at 40").
_PUT_VERBS: Final = frozenset({"put", "puts", "putting", "placed", "places"})


def tally_subject(
    text: str, lower: str, start: int, rest: list[str], lexicon: Lexicon, key: str, unit: str
) -> tuple[str, bool]:
    """What "the number of X" before a bare number counts: "The number of dead as a result of
    two explosions was 11" -> killed, "the number of patients waiting ... narrowed to 38,650"
    -> patient (X read as after a number, events included), and whether that key outranks
    the subject the walk left from the verb finds (``rest``, the words left of the number):
    it does when X is an event or the tally opens its sentence (it is then the subject of the
    number's verb, whatever nouns come between), unless the walk finds X's own noun ("the
    number of jobless claims" -> claim) or leads back to the number before. ("", False) when
    the sentence holds no such tally before ``start``, or the number ends it ("a
    total of 40": the number's own words say what it counts), or the number has a ``key``
    already, or a unit other than a count, or no verb or preposition before it."""
    if key or unit not in ("", "count") or not rest or rest[-1] not in SUBJECT_SKIP:
        return "", False
    lo = sentence_around(text, start)[0]
    at = begin = -1
    for m in _TALLY_OF_RE.finditer(lower, lo, start):
        begin, at = m.start(), m.end()
    if at == -1 or ";" in lower[at:start]:
        return "", False
    words = text[at:start].split()
    if len(words) < 2:
        return "", False
    got = read_noun_phrase(words, lexicon)
    if got.from_event or not got.key:
        return got.key, got.from_event
    opening = lower[lo:begin].split()
    verb = next((w for w in reversed(opening) if w not in _TALLY_OPENERS), "")
    if verb in _PUT_VERBS and rest[-1] == "at":
        # "Organisers now put the number of riders who fell in the first crash at 52": the
        # tally is what is put at the number, whatever nouns its clause goes on with
        return got.key, True
    if not all(w in _TALLY_OPENERS for w in opening):
        return got.key, False
    subject = left_subject(rest, lexicon, text, lower, start)
    own = [lexicon.key_for_noun(w.strip(_PUNCT)) for w in words[:3]]
    return got.key, subject != PREVIOUS and subject not in own
