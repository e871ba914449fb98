"""The name of a source as written left of its verb ("the state Department of Forestry and
Fire said") or right of it ("according to the NIS on Friday", ", said the ministry").

Kept apart from ``store.figures.attribution`` (which finds the mentions of a sentence and
which way each credits) because reading where a name starts and ends is its own subject: the
words that belong to a verb, an appositive, a participle, a place after "officials in".
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Final

from store.figures.periods import MONTHS, WEEKDAYS
from store.figures.sources import DATA_WORDS, SUBJECT_STOP, TIME_WORDS, _norm

# Words for the numbers a source publishes: "X's figures show", "the junta's latest count".
_DATA_WORDS: Final = "|".join(sorted(DATA_WORDS))
_WORD_RE: Final = re.compile(r"\(?[\w.’'&-]+\)?[,;:]?")
# "X's latest figures" read as a name: the suffix after the owner, dropped.
_DATA_SUFFIX_RE: Final = re.compile(
    rf"['’]s?\s+(?:(?:latest|own|official|new)\s+)*(?:{_DATA_WORDS})$"
)
# Words right before the verb that belong to the verb ("has said", "also told").
_AUX: Final = frozenset(
    "has have had also reportedly previously now later earlier would will could may might "
    "separately further again then first initially still already today yesterday so far"
    "".split()
)
_BE: Final = frozenset("is are was were be been being".split())
_MODALS: Final = frozenset("will would can could may might must shall should".split())
# A verb right after one of these shares the subject of the clause before it.
_COORDINATORS: Final = frozenset({"and", "but", "or", "nor"})
# Words after a name read rightwards ("said the NIS on Friday") that end it.
_OBJECT_STOP: Final = (
    SUBJECT_STOP
    | frozenset(
        "on in at for during last this that late early show shows showed suggest suggests "
        "suggested put puts indicate indicates said says published released issued found "
        "finds quoted cited interviewed shortly soon just between after before since until - – —"
        "".split()
    )
) - {"and"}
# Recipients after "told" that are no source ("told the BBC", "told reporters").
TIME_AFTER_RE: Final = re.compile(
    r"\s*(?:,?\s*(?:on\s+\w+\s+(?:morning|afternoon|evening|night)\b|on\s+\w+"
    r"|in\s+a\s+(?:statement|report|briefing|post)|late\s+on\s+\w+"
    r"|earlier|today|yesterday|tonight|this\s+(?:morning|afternoon|evening|week)|last\s+week"
    r"|in\s+\w+\s+\d{4}))?",
    re.IGNORECASE,
)
MAX_SUBJECT_WORDS: Final = 8


# Who is "in" or "at" a place when a source is named so ("doctors in Marsa").
_PEOPLE_AT: Final = frozenset(
    {"authorities", "officials", "police", "doctors", "medics", "rescuers", "witnesses"}
    | {"residents", "experts", "sources", "staff", "workers", "diplomats", "analysts"}
    | {"agents", "volunteers", "traders", "brokers", "observers", "engineers", "nurses"}
    | {"forecasters", "meteorologists", "scientists", "researchers", "economists"}
    | {"inspectors", "investigators", "specialists", "epidemiologists"}
)


# Bodies named with their seat: "the transport ministry in Valdor", "the embassy in Kessin".
_BODIES_IN: Final = frozenset(
    "ministry agency office department embassy consulate authority authorities".split()
)


# Who a possessive opening a sentence stands for ("Its rain gauge ..." is it).
_POSSESSOR: Final = {"its": "it", "their": "they"}


# Time words left of a subject that are no part of it ("Since Monday the seismologists ...").
_TIME_OPENERS: Final = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today overnight".split()
)
# Words opening a description of a name between commas, which may run long: "Border Watch, a
# monitoring group of retired officers from both countries, said", "X, which has patrolled
# the frontier since the 2019 ceasefire, gave".
_DESCRIPTION_OPENERS: Final = frozenset({"a", "an", "which", "who", "whose"})
_ABBREVIATION_RE: Final = re.compile(r"^\(?(?:[A-Z]\.)+\)?[,;:]?$")


_DASHES: Final = frozenset({"-", "–", "—"})
# Closing quotation marks (not "’", which also ends a plural possessive: "the farmers’ union").
_CLOSING_QUOTES: Final = ('"', "”")


def _ends_clause(word: str) -> bool:
    """True for a word that closes a clause or a sentence ("killed,", "artillery."), or a
    quotation ('dead,"': the speaker named after a quote is never part of its words)."""
    if word.endswith(_CLOSING_QUOTES) and len(word) > 1:
        return True
    if word.endswith((",", ";", ":", "!", "?", ")")) or word in _DASHES:
        return True  # ("Port Sarel, 10 March (ASN) – The directorate said": the dateline)
    return word.endswith(".") and not _ABBREVIATION_RE.match(word)


_PARTICIPLES = frozenset(
    "quoted cited interviewed polled surveyed speaking writing contacted reached".split()
)


# Verbs whose object is whom the speakers spoke to, not who speaks: "who spoke to the Post".
_SPOKE: Final = frozenset({"spoke", "spoken", "talked", "speaking", "talking"})
# Where a body sits, after its name: no part of the name ("the agency across the border").
_ACROSS: Final = frozenset({"across", "beyond"})
# A participle that dates what a source put out, and the words of that date.
_MADE_WHEN: Final = frozenset({"released", "published", "issued", "conducted"})
_WHEN_WORDS: Final = TIME_WORDS | {"on", "in", "at", "late", "earlier", "yesterday"}


def _name_end(words: list[str], i: int) -> int:
    """Where a name ending at ``words[i]`` really ends: "Western officials quoted in the same
    report put" names the officials, before the participle. A participle of an earlier
    clause is no part of the name: "The toll reached 60, the governor said" names the
    governor."""
    for k in range(i, max(-1, i - 6), -1):
        if k < i and (_ends_clause(words[k]) or words[k][:1].isdigit()):
            break
        if k > 0 and words[k].lower() in _PARTICIPLES:
            return k - 1
        if (
            k > 0
            and words[k].lower() in _MADE_WHEN
            and all(w.lower().strip(",") in _WHEN_WORDS for w in words[k + 1 : i + 1])
        ):
            return k - 1  # "A Veritas Polling survey released on Wednesday puts": the survey
    return i


def _walk_left(words: list[str], i: int) -> int:
    """The index of the first word of the name that ends at ``words[i]``."""
    first = i
    while first - 1 >= 0 and i - first + 1 < MAX_SUBJECT_WORDS:
        word = words[first - 1]
        if word == "and" and first - 2 >= 0 and words[first - 2][:1].isupper():
            if words[first][:1].isupper():
                first -= 1  # "Centers for Disease Control and Prevention"
                continue
        if (
            word.lower() in ("in", "at")
            and first - 2 >= 0
            and (
                words[first - 2].lower() in _PEOPLE_AT
                or (
                    (words[first - 2].lower() in _BODIES_IN or words[first - 2][:1].isupper())
                    and words[first][:1].isupper()
                )
            )
            and (words[first][:1].isupper() or (words[first] == "the" and word.lower() == "at"))
        ):
            first -= 1  # "Authorities in Marsa", "officials at the ministry": who, not where
            continue
        if _ends_clause(word) or word.lower() in SUBJECT_STOP or word[:1].isdigit():
            break
        first -= 1
    return first


def _named_today(words: list[str], i: int) -> bool:
    """Whether a capitalised "Today" ends a name ("Kessin Today reported"), an outlet's,
    rather than saying when ("the ministry today said")."""
    return words[i] in ("Today", "Tonight") and i > 0 and words[i - 1][:1].isupper()


def subject_before(sentence: str, verb_start: int) -> tuple[int, str] | None:
    """The subject written left of a verb: (its start, its text), or None.

    The walk reads the words as strings; only the subject's own words are then located in
    the sentence (a verb follows most sentences' figures, so this runs for most of them)."""
    line_start = max(sentence.rfind("\n", 0, verb_start) + 1, verb_start - 180)
    left = sentence[:verb_start]
    segment = left[line_start:]
    words = segment.split()[-3 * MAX_SUBJECT_WORDS :]
    i = len(words) - 1
    while i >= 0 and (
        (words[i].lower().strip(",") in _AUX and not _named_today(words, i))
        or (words[i].endswith("ly") and words[i].islower() and i > 0)
    ):
        i -= 1  # "has also said", "is preliminarily estimated" (then a passive: no one)
    if i >= 0 and words[i].lower() in _BE:
        return None  # "are said to be involved": a passive, nobody is named
    if i < 0:
        return None
    if words[i].lower() in _COORDINATORS:
        # "X reported ... and said": the subject is the first verb's, credited there; "The
        # insurer Aldmar has been hit by the gang and says 80,000 ...": the sentence's subject
        return _opening_subject(sentence, sentence.rfind("\n", 0, verb_start) + 1, verb_start)
    relative = words[i].lower() in ("which", "who") and i > 0 and words[i - 1].endswith(",")
    if relative:
        i -= 1  # "Clear Ballot, which says": the relative pronoun stands for the name before it
        if words[i].lower().rstrip(",") in SUBJECT_STOP:
            return None
    if words[i].endswith(",") and not relative:
        # "Ukraine's military intelligence agency, the HUR, puts": the appositive names it;
        # "A Western official, speaking on condition of anonymity, said": the name comes first.
        j = i - 1
        while j >= 0 and not words[j].endswith(",") and i - j < 2 * MAX_SUBJECT_WORDS:
            j -= 1
        if j < 0 or not words[j].endswith(","):
            return None
        own = _POSSESSOR.get(words[0].lower())
        if own and line_start == 0 and not any(w.endswith(",") for w in words[:j]):
            # "Its rain gauge at Port Velan, Oskel's capital, recorded": its gauge, its number
            return len(segment) - len(segment.lstrip()), own
        if i - j > MAX_SUBJECT_WORDS and words[j + 1].lower() not in _DESCRIPTION_OPENERS:
            return None  # a long clause between commas is a description only when it says so
        opener = words[j + 1]
        if opener[:1].isupper() or opener.lower() == "the":
            first = j + 1  # "..., the HUR, puts"
        else:
            # "Lee, a member of the committee, said": the name before the description.
            i = j
            if words[i].lower().rstrip(",") in SUBJECT_STOP:
                return None
            first = _walk_left(words, i)
    else:
        i = i if relative else _name_end(words, i)
        first = _walk_left(words, i)
        across = (
            next(
                (
                    k
                    for k in range(first + 1, i)
                    if words[k] in _ACROSS and words[k - 1][:1].isupper()
                ),
                None,
            )
            if "across" in segment or "beyond" in segment
            else None
        )
        if across is not None:
            i = across - 1  # "the Estmar Orbital Tracking Agency across the border puts"
        if relative:
            # "They disputed the Interior Ministry, which puts", "The site quoted analysts at
            # Brenner Capital, who put": the name from its article, or after the participle
            cut = [k for k in range(first, i) if words[k].lower() in ("the", "a", "an")]
            if not cut:
                cut = [k + 1 for k in range(first, i) if words[k] in _PARTICIPLES]
            first = cut[-1] if cut else first
    if first > 1 and words[first - 1] == "to" and words[first - 2].lower() in _SPOKE:
        return None  # "Fans who spoke to the Post said": the fans, no source named
    # Locate words[first..i] from the right, as a reader of the segment would.
    at = len(segment)
    stop = 0
    for k in range(len(words) - 1, first - 1, -1):
        at = segment.rfind(words[k], 0, at)
        if k == i:
            stop = at + len(words[k])
    start = line_start + at
    text = left[start : line_start + stop].rstrip(",;: ")
    while text.lower().split()[:1] and (
        text.lower().split()[0] in SUBJECT_STOP or text.lower().split()[0] in _TIME_OPENERS
    ):
        text = text.split(None, 1)[1] if " " in text else ""
    if not text or not any(ch.isalpha() for ch in text) or text.split()[0] in _MODALS:
        return None  # "(fund that X set up) will start taking (claims)": no name
    if (
        _norm(text) in ("", "it's", "a", "an")
        or text.startswith(("of ", "for ", "per ", "%"))
        or not (text[0].isalnum() or text[0] in "\"“'‘(")
    ):
        return None  # "With 82% of ballots counted": a participle after a share, no source
    return start, text


# A clause opening on a name and its verb: "The insurer Aldmar has been hit", "Kessin Port was".
_OPENING_RE: Final = re.compile(
    r"(?:The\s+)?(?:[a-z]+\s+){0,2}?(?P<name>[A-Z][\w'’&-]*(?:\s+(?:of\s+|and\s+|for\s+)?"
    r"[A-Z][\w'’&-]*)*)\s+(?P<verb>has|have|had|is|are|was|were|[a-z]+ed)\b"
)
_SAYING_FIRST: Final = frozenset(
    "said reported told announced stated estimated confirmed claimed added noted".split()
)


def _opening_subject(sentence: str, start: int, verb_start: int) -> tuple[int, str] | None:
    """The name opening the sentence (from ``start``) as the subject of a verb after "and",
    when its own first verb says nothing (a saying verb credits on its own); else None."""
    m = _OPENING_RE.match(sentence, start, verb_start)
    if m is None or m.group("verb") in _SAYING_FIRST or "," in sentence[m.end() : verb_start]:
        return None
    return m.start("name"), m.group("name")


_REPORT_OF_RE = re.compile(
    r"\s*(?:the\s+|a\s+)?(?:(?:last|latest|new|recent|first|daily|official|final|preliminary"
    r"|updated|annual|monthly|weekly|quarterly)\s+)*(?:report|reports|statement|figures|data"
    r"|estimate|count|update|bulletin|classification|ranking|rankings|census|audit"
    r"|assessment|tally|survey|briefing|measurements|readings|calculations"
    r"|analysis|study|findings|records|filings?)\s+(?:(?:released|published|compiled|issued)\s+)?"
    r"(?:of|from|by|with)\s+",
    re.IGNORECASE,
)


# "the balance communicated this Wednesday by the company", "the figures released on Monday
# by the ministry": what a body made public, then the body after "by".
_MADE_PUBLIC_BY_RE = re.compile(
    r"\s*(?:the|a|an|its|their)\s+(?:[a-z]+\s+){0,2}?(?:that\s+|which\s+)?(?:was\s+|were\s+)?"
    r"(?:released|published|communicated|updated|issued|compiled|provided|presented|given"
    r"|announced|shared|disclosed|distributed|circulated|posted|revised|prepared|sent)"
    r"(?:\s+(?:on|this|last|late\s+on|early\s+on)\s+\w+|\s+(?:earlier|today|yesterday"
    r"|overnight))?\s+by\s+(?=\S)"
)


def object_after(sentence: str, pos: int) -> tuple[int, str] | None:
    """The name written right of ``pos`` ("according to the NIS on Friday"): (end, text)."""
    line_end = sentence.find("\n", pos)
    stop = line_end if line_end != -1 else len(sentence)
    report = _REPORT_OF_RE.match(sentence, pos) or _MADE_PUBLIC_BY_RE.match(sentence, pos)
    if report is not None:
        pos = report.end()  # "the last report of the Department of ...": the department
    # The first ten words are all the loop below reads (eight, and the look ahead past an
    # "and"); the rest of a long sentence is never split.
    words = [(m.start(), m.group()) for m in islice(_WORD_RE.finditer(sentence, pos, stop), 10)]
    taken: list[tuple[int, str]] = []
    for start, word in words[:MAX_SUBJECT_WORDS]:
        bare = word.rstrip(",;:")
        if taken and bare.lower() in _OBJECT_STOP and not _inside_name(words, len(taken)):
            break
        if bare.lower() == "and" and not (
            taken and len(words) > len(taken) + 1 and words[len(taken) + 1][1][:1].isupper()
        ):
            break
        if bare[:1].isdigit():
            break
        if taken and bare.islower() and bare.endswith("ed") and taken[-1][1][:1].isupper():
            break  # "polled by Harbour Research expected a cut": the verb ends the name
        taken.append((start, bare))
        if word != bare or word.endswith("."):
            break
    if not taken:
        return None
    end = taken[-1][0] + len(taken[-1][1])
    text = sentence[taken[0][0] : end].rstrip(".")
    if "'" in text or "’" in text:  # (what the suffix needs: most names have no apostrophe)
        text = _DATA_SUFFIX_RE.sub("", text)
    if not any(ch.isalpha() for ch in text):
        return None
    if text.islower():
        named = _APPOSED_AFTER_RE.match(sentence, end)
        if named is not None:
            return named.end(1), named.group(1)  # "its organiser, Greywater Live, which"
    return end, text


# A name set after a generic one between commas: "according to the operator, Orlesian State
# Railways, which", "its organiser, Greywater Live." (the name, not "the operator").
_APPOSED_AFTER_RE: Final = re.compile(
    r",\s+((?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w&'’-]*){0,4})(?=\s*(?:,|\.|$))"
)


# Lowercase words inside a name between capitalised ones: "Citizens for a Vote", "Institute
# for Fiscal Studies", "Doctors without Borders".
_NAME_LINKS: Final = frozenset({"for", "without", "against"})
_NOT_NAME_STARTS: Final = frozenset(WEEKDAYS) | {month.lower() for month in MONTHS}


def _inside_name(words: list[tuple[int, str]], at: int) -> bool:
    """Whether the word at ``at`` links two capitalised words of one name."""
    word = words[at][1]
    if word.lower() not in _NAME_LINKS or not words[at - 1][1][:1].isupper():
        return False
    nxt = at + 1
    if nxt < len(words) and words[nxt][1].lower() in ("a", "the"):
        nxt += 1
    return (
        nxt < len(words)
        and words[nxt][1][:1].isupper()
        and words[nxt][1].rstrip(",;:.").lower() not in _NOT_NAME_STARTS
    )


def credits_backward(sentence: str, end: int) -> bool:
    """True when nothing but a time phrase, or whom it was said to ("to the local press",
    "to reporters"), follows a mention before its clause ends."""
    m = TIME_AFTER_RE.match(sentence, end)
    at = m.end() if m else end
    told = _TOLD_TO_RE.match(sentence, at)
    if told is not None:
        m = TIME_AFTER_RE.match(sentence, told.end())
        at = m.end() if m else told.end()
    where = _PLACE_AFTER_RE.match(sentence, at)
    if where is not None:
        # "..., Governor Ilse Korvath told a news conference in Kelmar."
        m = TIME_AFTER_RE.match(sentence, where.end())
        at = m.end() if m else where.end()
    rest = sentence[at:].lstrip()
    after = _WHEN_CLAUSE_RE.match(rest)
    if after is not None:
        rest = rest[after.end() :]  # ", the board announced after the last stations reported,"
    return not rest or rest[0] in ',.;:)!?"”’'


# When a credit was given, in a clause of its own with no number and no "that" in it: "the
# board announced on Tuesday after the last polling stations reported, a margin of ...".
_WHEN_CLAUSE_RE: Final = re.compile(r"(?:after|before|when|once|as)\s+(?![^,.;]*\bthat\b)[^\d,.;]*")
# Whom a number was said to, after the one who said it: ", declared the governor to the
# local press,", ", said the minister to reporters."
_TOLD_TO_RE: Final = re.compile(
    r"\s*to\s+(?:the\s+)?(?:local\s+|foreign\s+|national\s+|state\s+)?(?:press|media"
    r"|reporters|journalists|newspaper|broadcaster|radio|television|parliament|lawmakers"
    r"|deputies|senators|the\s+agency)\b"
)


# Where a credit was given, after its verb or recipient: "in Kelmar", "at the UN".
_PLACE_AFTER_RE: Final = re.compile(
    r"\s*\b(?:in|at)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+){0,2}"
)


# Verbs of a source only with a number after them (after "by" for "stands"): "The company
# stands by 112", "stood by a turnout of 61.4%", "has published 44.8%", "linked 23 injuries",
# "has received 50,000 complaints".
WITH_NUMBER: Final = frozenset({"stands", "stood", "published", "publishes", "linked", "received"})
_NUMBER_AFTER_RE: Final = re.compile(
    r"\s+(?:(?:its|their|his|her|the|a|an)\s+(?:[a-z]+\s+)?)?(?:(?:about|some|nearly|more"
    r"\s+than|at\s+least|over|almost)\s+)?(?:[£$€¥]?\d|(?:figure|count|estimate|number|tally|turnout"
    r"|toll|total)\b)"
)


def number_after(word: str, lower: str, end: int) -> bool:
    """Whether a number follows a verb that credits only with one (after "by" for "stands"),
    "received" only after "has"/"have"/"had" ("The site has received 50,000 complaints": a
    count kept so far; "Each family received €8,000" is no source)."""
    if word == "received" and not lower.endswith(
        ("has received", "have received", "had received"), 0, end
    ):
        return False
    if word in ("stands", "stood"):
        if not lower.startswith(" by", end):
            return False
        end += 3
    return _NUMBER_AFTER_RE.match(lower, end) is not None


COUNTS_ON_RE: Final = re.compile(r"\s+(?:on|upon|as|for|among|towards?|against)\b")


# Verbs that put a number on a thing ("X put the toll at 40").
PUT_FORMS: Final = frozenset({"put", "puts", "putting"})
# "puts participation nearer 63%", "put the toll closer to 40": a put without "at".
PUT_NEAR_RE: Final = re.compile(r"\s(?:nearer|closer\s+to|close\s+to)\s+\d")
# What one measured, then the number: "measured winds of 305 km/h", "measured 44.6C".
MEASURED_RE: Final = re.compile(
    r"\s+(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,3}?(?:of\s+)?"
    r"(?:(?:about|some|nearly|almost|around|up\s+to|more\s+than)\s+)?\d"
)
