"""Sources named by the numbers they publish: "X's figures show", "the junta's latest count:",
"by Northwire's count", "figures released by the ministry", "An Ostrander Institute poll
published on Sunday found". Kept apart from ``attribution`` (the verbs of saying): these
patterns run only on sentences holding one of ``DATA_WORDS``.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures.mentions import Mention
from store.figures.source_phrases import credits_backward, object_after, subject_before
from store.figures.source_words import BODY_DATA_RE, DATA_ADJECTIVES
from store.figures.sources import DATA_WORDS
from store.figures.words import find_words

_DATA_OWNER_RE: Final = re.compile(
    r"(?P<owner>[\w.’'-]+)['’]s?\s+(?:(?:latest|own|official|new|updated|preliminary"
    r"|provisional|final|[a-z]+-[a-z]+)\s+)*$",
    re.IGNORECASE,
)
_DATA_SHOW_RE: Final = re.compile(
    # "The ministry's count of the dead stood at 40": what the numbers are of, then the verb
    r"(?:\s+of\s+[\w'’-]+(?:\s+[\w'’-]+){0,3}?(?=\s+(?:stood|stands|reached|reaches|was|is)\s))?"
    r"(?:\s+(?:published|released|conducted)(?:\s+(?:on|last|this)\s+\w+)?"
    r"|\s+quoted\s+by\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?"
    r"\s*(?::|,|\s+(?:stood|stands|stand|reached|reaches|rose|was|is)\s|,?\s+(?:show|shows"
    r"|showed|suggest|suggests|suggested|put|puts|indicate|indicates|indicated|say|says"
    r"|found|finds)\b"
    # "the bureau's estimate of about 265 km/h": the number right after "of"
    r"|\s+of\s+(?:(?:about|some|nearly|around|almost|roughly|over|more\s+than|at\s+least)\s+)?"
    r"(?P<number>[\d€$£]))",
    re.IGNORECASE,
)
_NUMBER_RE: Final = re.compile(r"[€$£]?\d[\d.,]*(?:[ \u00a0]\d{3}(?!\d))*")


def _digits_after(sentence: str, at: int) -> bool:
    """Whether another number follows the one at ``at`` in the sentence."""
    number = _NUMBER_RE.match(sentence, at)
    end = number.end() if number is not None else at + 1
    return any(c.isdigit() for c in sentence[end:])


# "by Northwire's count", "by the union's own estimate": whose reckoning a number is.
_BY_OWNER_RE: Final = re.compile(
    r"\b[Bb]y\s+(?!(?:each|every|both|all|any|its|their|his|her|our)\b)"
    r"(?P<owner>(?:the\s+)?[\w.&-]+(?:\s+[\w.&-]+){0,3}?)['’]s?\s+(?:own\s+|latest\s+)?$"
)
_EVENT_TALLIES: Final = frozenset({"toll", "count", "tally", "tallies"})
_DATA_FROM_RE: Final = re.compile(
    r"\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:from|by|released\s+by"
    r"|published\s+by|compiled\s+by|issued\s+by)\s+",
    re.IGNORECASE,
)


# A body's verb on its own estimate: "has kept its estimate", "stuck to its figure", "raised
# their forecast".
_KEPT_ITS_RE: Final = re.compile(
    r"\b(?P<verb>kept|keeps|keeping|stuck|sticks|sticking|maintained|maintains|maintaining"
    r"|raised|raises|raising|lowered|lowers|lowering|cut|cuts|cutting|revised|revises|revising"
    r"|updated|updates|updating|confirmed|confirms|confirming)\s+(?:to\s+)?(?:its|their)"
    r"\s+(?:(?:own|latest|first|earlier|initial|preliminary)\s+)*$"
)
# Words opening a data word that say which numbers, not whose: "Official figures show".
_NOT_OWNERS: Final = DATA_ADJECTIVES | frozenset({"government", "these", "those", "such"})
_BY_COUNT_RE: Final = re.compile(r"\bby\s+(?:the\s+)?(?:latest\s+|last\s+|own\s+)?$")


def data_mentions(sentence: str, lower: str, vocab: frozenset[str]) -> list[Mention]:
    """The sources a sentence names through their numbers, in no particular order."""
    out: list[Mention] = []
    data_hits = find_words(lower, DATA_WORDS, vocab)
    for m in data_hits:
        # "X's figures show", "the junta's latest count:": the owner of the numbers.
        before = sentence[max(0, m.start() - 60) : m.start()]
        kept = _KEPT_ITS_RE.search(before) if "its " in before or "their " in before else None
        if kept is not None:
            # "The insurers' association has kept its estimate of the loss at €1.4 billion":
            # the one who keeps, raises or cuts its own estimate gives it
            got = subject_before(sentence, m.start() - len(before) + kept.start("verb"))
            if got is not None:
                out.append(Mention(got[0], m.end(), got[1], True))
                continue
        show = _DATA_SHOW_RE.match(sentence, m.end())
        if (
            show is not None
            and show.group("number")
            and _digits_after(sentence, show.start("number"))
        ):
            show = None  # "X's estimate of 200,000 ... the 60,000 counted by police": only
            # a number alone in the rest of its sentence is read as the owner's
        if show is None:
            by = _BY_OWNER_RE.search(before) if "y " in before else None
            if by is not None:
                # "... to nearly 2,900, by Northwire's count": the owner of what comes before
                start = m.start() - len(before) + by.start("owner")
                written = sentence[start : m.start() - len(before) + by.end("owner")]
                out.append(Mention(start, m.end(), written, False))
            continue
        owner = _DATA_OWNER_RE.search(before)
        if owner is None:
            if before[-1:] == " " and before[-2:-1].isalpha():
                # "An Ostrander Institute poll published on Sunday found", "Ostmere Cruise
                # Line figures quoted by Vellandpress:": the name before them
                poller = subject_before(sentence, m.end())
                words = poller[1].split() if poller is not None else []
                if words[:1] and words[0] in ("A", "An", "The"):
                    words = words[1:]
                if (
                    poller is not None
                    and len(words) > 1
                    and m.word not in _EVENT_TALLIES
                    and sentence[m.start()].islower()  # ("the Law on Personal Data": a name)
                    and (
                        all(w[:1].isupper() for w in words[:-1])
                        # "..., ministry data show": a body named in lowercase, alone
                        or (len(words) == 2 and BODY_DATA_RE.match(" ".join(words)) is not None)
                    )
                    and words[0].lower() not in _NOT_OWNERS
                ):
                    out.append(Mention(poller[0], m.end(), poller[1], True))
            continue
        got = subject_before(sentence, m.start() - len(before) + owner.end("owner"))
        if got is None:
            continue
        start, text = got
        out.append(Mention(start, m.end(), text, True))
    for hit in data_hits:
        by = _DATA_FROM_RE.match(sentence, hit.end())
        if by is None or (
            hit.word in _EVENT_TALLIES
            and by.group().strip().lower() == "from"
            and _BY_COUNT_RE.search(lower, max(0, hit.start() - 24), hit.start()) is None
        ):
            # "the death toll from Monday's sinking": the event, not a source ("by the latest
            # count from Ostmere Cruise Line" names one)
            continue
        named = _NAMED_BEFORE_RE.search(sentence, max(0, hit.start() - 60), hit.start())
        if named is not None and by.group().strip().lower().startswith("published"):
            # "A Kestrel Research survey published by Marsk Online put ...": the pollster's
            # numbers, which the outlet only carried
            out.append(Mention(named.start(1), hit.end(), named.group(1), True))
            continue
        got = object_after(sentence, by.end())
        if got is not None:
            out.append(Mention(by.start(), got[0], got[1], credits_backward(sentence, got[0])))
    return out


# A name of two or more capitalised words right before a data word ("a Kestrel Research poll").
_NAMED_BEFORE_RE: Final = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){1,3})\s+$"
)
