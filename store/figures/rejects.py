"""Numbers that are no figure, told by their first words around: the early rejections of ``build``.

Why apart from ``build``: these checks need only the number, its unit and the words just left
of it, and they run before any reading of hedges, units or counted nouns, so they form one
question ("is this a date, a name, an address, a time referred to?") with one answer.
"""

from __future__ import annotations

import re
from typing import Final

from store.figures import around as ar
from store.figures import candidates as cd
from store.figures import context as cx
from store.figures.affix import starts_at_any
from store.figures.build_words import PERIOD_BEFORE
from store.figures.lexicon import default_lexicon

# How a line of links may start (a space, or the first three letters of its label), for a
# cheap test before the pattern: two set lookups of the line's first characters.
_LINK_SPACES: Final = frozenset(" \t\u00a0")
_LINK_HEADS: Final = frozenset("rel rea als see fur mor mos tre rec you pop edi don wha".split())
# A line of links to other stories, told by its label: every number on it is in a headline of
# another story or numbers the list ("Related: 10 ways to keep cool", "Most read 1. Storm").
# Labels of a list of links to other stories ("Related", "Most read", "Trending now").
_LINK_LABELS: Final = r"""(?:related(?:\ (?:stories|articles|links|coverage|reading))?
      | read\ (?:more|also|next) | also\ read | see\ also | further\ reading
      | more\ on\ this(?:\ story)? | more\ stories
      | most\ (?:read|popular|viewed|shared|watched|commented|emailed|discussed|clicked)
      | trending(?:\ now)? | popular(?:\ now|\ stories|\ articles)?
      | recommended(?:\ for\ you)? | you\ (?:may|might)\ also\ like
      | editor['’]?s['’]?\ picks? | don['’]?t\ miss | what\ to\ read\ next
    )"""
# A line of links, told by its label: every number on it is in a headline of another story or
# numbers the list ("Related: 10 ways to keep cool", "Most read 1. Storm").
_LINK_LINE_RE: Final = re.compile(
    r"[ \t\u00a0]*" + _LINK_LABELS + r"(?:[ \t\u00a0]*[:|›»\u2013\u2014-]|[ \t\u00a0]+(?=\d))",
    re.VERBOSE,
)
# The same label alone on the first line of a block of lines ("Most read" then "1. Storm
# toll rises to nine" on the lines below): every line of the block is a link.
_LINK_HEADING_RE: Final = re.compile(
    r"[ \t\u00a0]*" + _LINK_LABELS + r"[ \t\u00a0]*:?[ \t\u00a0]*$", re.VERBOSE
)
# How far back a links block's label is looked for: such blocks are a dozen short lines, and
# a text of single-spaced lines must not be searched to its start for every number.
_LINK_BLOCK_REACH: Final = 2000


# Words before "at" and a spelled hour that make it a time ("the bulletin is at seven", "the
# count begins at eight"), and words after it ("at eight tomorrow morning").
_CLOCK_VERBS: Final = frozenset(
    "is begins starts resumes opens closes airs sport news bulletin headlines weather tomorrow"
    " tonight today".split()
)
_CLOCK_AFTER_RE: Final = re.compile(
    r"\s*(?:tomorrow|tonight|this (?:morning|evening|afternoon)"
    r"|in the (?:morning|evening|afternoon))\b"
)


def _clock_context(lower: str, left: list[str], end: int) -> bool:
    """Whether "at" and a spelled number read as a time of day: a verb of a programme or an
    event's start before "at", or a part of the day after the number."""
    if len(left) >= 2 and left[-2] in _CLOCK_VERBS:
        return True
    return _CLOCK_AFTER_RE.match(lower, end) is not None


# A term joined to the name of a debt or a deposit: "two-year government bond yields", "the
# 10-year yield", "a 12-month deposit rate" name a product, not a length of time reported.
_MATURITY_RE: Final = re.compile(
    r"(?:[ \u00a0]+(?:government|sovereign|state|treasury|benchmark|fixed|term|savings)){0,2}"
    r"[ \u00a0]+(?:bonds?|yields?|notes?|bills?|gilts?|bunds?|treasur(?:y|ies)|deposits?"
    r"|paper|swaps?)\b"
)


def _maturity(lower: str, at: int) -> bool:
    """Whether the words after a "-year" or "-month" at ``at`` name a bond or a deposit."""
    space = lower.find(" ", at)
    return space != -1 and _MATURITY_RE.match(lower, space) is not None


# Words before "last" that make it the verb ("will last 8 hours", "is expected to last two
# weeks"), not "the last three months".
_LAST_VERB_BEFORE: Final = frozenset(
    "will would could may might should must can to not 'll ’ll did does do".split()
)


def _in_link_block(lower: str, floor: int) -> bool:
    """Whether the line at ``floor`` is below a links heading in its block of lines (a
    block ends at a blank line). A paragraph's own first line is never such a line."""
    reach = max(0, floor - _LINK_BLOCK_REACH)
    start = lower.rfind("\n\n", reach, floor)
    if start == -1 and reach:
        return False  # no blank line within reach: no short block of links
    start = 0 if start == -1 else start + 2
    if start >= floor:
        return False
    end = lower.find("\n", start)
    return _LINK_HEADING_RE.match(lower[start:end]) is not None


# Words of a news broadcast before "at": "the news at seven" is a clock time, not a count.
_BULLETIN_WORDS: Final = frozenset(
    "news bulletin bulletins headlines newscast newscasts briefing".split()
)
_OCLOCK: Final = (" o'clock", " o\u2019clock")
# Name words a spelled number may follow as a name too: "a category four storm", "phase two".
# (Not every name word: "no one" and "number one" are no names of this kind.)
_SPELLED_NAME_WORDS: Final = frozenset(
    """
    category level phase stage grade tier signal class type chapter article section clause
    paragraph episode season gate platform terminal unit shaft
    """.split()
)

# Digits before capitalised words that end in a military formation: "16 Air Assault Brigade",
# "10 Mountain Division" (a name, as "the 27th Mountain Brigade" is; a count would be plural),
# unless people of the formation follow ("300 Brigade soldiers").
_FORMATION_AFTER_RE: Final = re.compile(
    r"(?:[ \u00a0][A-Z][a-z]+){0,3}[ \u00a0]"
    r"(?:Brigade|Division|Regiment|Battalion|Corps|Squadron|Flotilla)\b"
    r"(?![ \u00a0](?:soldiers|troops|men|women|members|personnel|officers|fighters|veterans"
    r"|staff|recruits|marines|commanders|units)\b)"
)

# A number with a point before a word of software releases is a version: "a 4.1 update", "the
# 2.0 release" (whole numbers are left alone: "2 release clauses").
_RELEASE_AFTER_RE: Final = re.compile(
    r"[ \u00a0](?:update|upgrade|release|patch|version|build|firmware|beta)\b(?![-'’])",
    re.IGNORECASE,
)

# A status code after "a" or "HTTP" and before "error" (capitalised words between): "a 504
# error", "an HTTP 503 Service Unavailable error". "503 errors were logged" counts errors.
_ERROR_AFTER_RE: Final = re.compile(
    r"(?:[ \u00a0][A-Z][A-Za-z]*){0,3}[ \u00a0]"
    r"(?:[Ee]rror|[Ss]tatus|[Cc]ode|[Rr]esponse)\b(?![-'’])"
)
_CODE_BEFORE: Final = frozenset({"a", "an", "http", "https"})

# Words of a phone line before "on"/"at": "call the hotline on 1517" is a number to dial.
_PHONE_WORDS: Final = frozenset(
    """
    hotline hotlines helpline helplines phone telephone tel tel. freephone whatsapp fax
    switchboard
    """.split()
)

# A pager line: "‹ 1 of 2 ›", "Page 2 / 3 Next", "1 of 3 | Next page" (the whole line).
_PAGER_LINE_RE: Final = re.compile(
    r"[^\w\n]*(?:page[^\w\n]+)?\d{1,3}[^\w\n]*(?:of|/)[^\w\n]*\d{1,3}"
    r"(?:[^\w\n]+(?:next|prev|previous|older|newer|page|pages))*[^\w\n]*(?:\n|$)"
)

# A clock time written with a point and "hours" after "at"/"from"/"until": "at 14.30 hours".
_CLOCK_POINT_RE: Final = re.compile(r"(?:[01]?\d|2[0-3])\.[0-5]\d")
_CLOCK_HOURS_BEFORE: Final = frozenset({"at", "from", "until", "till"})

# Section and paragraph signs before a number: "§ 12", "§§ 3".
_SECTION_SIGNS: Final = frozenset({"§", "§§", "¶"})
_LIST_JOINS: Final = frozenset({"and", "or", "to", "&"})


# A place on a course after a distance: "the 30-kilometre mark", "the 20 km marker".
_MARKER_AFTER_RE: Final = re.compile(r"[ \u00a0]+(?:mark|marker|milestone)\b")
_HYPHEN_MARKER_RE: Final = re.compile(
    r"-(?:kilomet(?:re|er)|km|mile|metre|meter)[ \u00a0]+(?:mark|marker|milestone)\b"
)


def _lone_zero(text: str, start: int) -> bool:
    """Whether the "0" at ``start`` stands alone (not the end of "10" or "2.0")."""
    return start < 1 or not (text[start - 1].isdigit() or text[start - 1] in ".,")


_NEXT_WORD_RE: Final = re.compile(r"[ \u00a0]+([a-z][a-z-]+)")


def _counted_after(text: str, end: int) -> bool:
    """Whether a plural the lexicon knows as counted (people, cases, homes...) follows the
    number: then a name or a name word before it ("Dravik 88 cases", "the control building 6
    workers") does not make the number part of a name."""
    m = _NEXT_WORD_RE.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    if not word.endswith("s"):
        return False
    lex = default_lexicon()
    return word in lex.people or word in lex.word_key


def _grouped(text: str, start: int, end: int) -> bool:
    """Whether the digits are written in groups of thousands ("148,312", "1 563")."""
    digits = text[start:end]
    return len(digits) >= 5 and digits[-4] in ", \u00a0\u202f" and digits[-3:].isdigit()


def _named_list(left: list[str], value: float) -> bool:
    """True for the second number of a list after a plural name word: "Articles 12 and 13",
    "Units 3 and 4", "Routes 7 or 9" (a plural name word names every number of its list).
    Numbered names of one list lie close together: "Units 3 and 40 soldiers" is a count."""
    if len(left) < 3 or left[-1] not in _LIST_JOINS or not left[-2].isdigit():
        return False
    word = left[-3]
    first = int(left[-2])
    return (
        len(word) > 3
        and word[-1] == "s"
        and word[:-1] in cx.NAME_WORDS
        and first < value < 2 * first + 10
    )


def not_a_figure(
    text: str,
    lower: str,
    a: cd.Cand,
    b: cd.Cand | None,
    last: cd.Cand,
    unit: str,
    left: list[str],
    floor: int,
) -> bool:
    """True for a day of a month, a number after a name word, a street number, a number that
    is part of a name, a period referred to ("in the final three months"), a time ago, a number
    on a line of links to other stories, a clock time ("six o'clock", "the news at seven").
    ``floor`` is the start of the number's line."""
    if (
        lower[floor : floor + 1] in _LINK_SPACES or lower[floor : floor + 3] in _LINK_HEADS
    ) and _LINK_LINE_RE.match(lower, floor):
        return True  # "Related: Five questions about ransomware", "Most read 1. Storm"
    if floor and _in_link_block(lower, floor):
        return True  # "Most read" above "1. Grauhorn avalanche toll rises to nine"
    if (
        (
            unit == "fraction"
            or starts_at_any(lower, (" of ", "/", " / "), a.end)
            or "of" in left[-1:]
        )
        and a.start - floor < 12
        and _PAGER_LINE_RE.match(lower, floor)
    ):
        return True  # "‹ 1 of 2 ›", "Page 1/2": a pager, a line of its own
    if (
        not unit
        and b is None
        and a.low == int(a.low)
        and 1 <= a.low <= 24
        and (
            starts_at_any(lower, _OCLOCK, a.end)
            or (len(left) >= 2 and left[-1] == "at" and left[-2] in _BULLETIN_WORDS)
        )
    ):
        return True  # "the six o'clock news", "the news at seven": a clock time
    if (
        not unit
        and b is None
        and not a.spelled
        and "." in text[a.start : a.end]
        and _RELEASE_AFTER_RE.match(text, last.end)
    ):
        return True  # "the firmware 2.1 update", "a 4.1 release": a version, not a count
    if (
        not unit
        and b is None
        and not a.spelled
        and 100 <= a.low <= 599
        and a.low == int(a.low)
        and a.end - a.start == 3
        and left
        and left[-1] in _CODE_BEFORE
        and _ERROR_AFTER_RE.match(text, last.end)
    ):
        return True  # "users saw a 504 error": a status code, not a count
    if (
        not unit
        and not a.spelled
        and a.end - a.start >= 3
        and len(left) >= 2
        and left[-1] in ("on", "at")
        and left[-2] in _PHONE_WORDS
    ):
        return True  # "call the hotline on 1517", "the helpline at 116 123": a phone number
    if (
        not unit
        and text.startswith("0 ", a.start)
        and a.end - a.start > 4
        and _lone_zero(text, a.start)
    ):
        return True  # "the hotline is 0 800 500 215": a phone number, no quantity starts "0 "
    if (unit and _MARKER_AFTER_RE.match(lower, last.unit_end)) or _HYPHEN_MARKER_RE.match(
        lower, last.end
    ):
        return True  # "at the 30-kilometre mark": a place on a course, not a distance covered
    if (
        unit == "hours"
        and b is None
        and left
        and left[-1] in _CLOCK_HOURS_BEFORE
        and _CLOCK_POINT_RE.fullmatch(text, a.start, a.end)
    ):
        return True  # "the ferry left at 14.30 hours": a clock time, not a duration
    # Dates: "27 February", "February 27".
    if not unit and a.low == int(a.low) and 1 <= a.low <= 31 and not a.spelled:
        if (left and left[-1] in cx.MONTH_WORDS_DOT) or cx.MONTH_AFTER_RE.match(text, last.end):
            return True
    if left and left[-1] in cx.NAME_WORDS and not a.spelled and not unit:
        return not _counted_after(text, last.end)  # not "building 6 workers alive"
    if (
        not a.spelled
        and not unit
        and ((bool(left) and left[-1] in _SECTION_SIGNS) or _named_list(left, a.low))
    ):
        return True  # "§ 12 of the act", "Articles 12 and 13", "Units 3 and 4"
    if (
        a.spelled
        and not unit
        and b is None
        and a.low <= 12
        and left
        and left[-1] == "at"
        and _clock_context(lower, left, last.unit_end)
    ):
        return True  # "Our next bulletin is at seven", "begins tomorrow at eight"
    if lower.startswith(("-year", "-month"), last.unit_end) and _maturity(lower, last.unit_end):
        return True  # "two-year government bonds", "the 12-month deposit rate": a product's name
    if left and a.spelled and not unit and left[-1].rstrip("-") in _SPELLED_NAME_WORDS:
        return True  # "a category four storm", "a category-four typhoon", "Level Three"
    if not a.spelled and not unit and ar.street_after(text, last.end):
        return True  # "10 Downing Street"
    if (
        not a.spelled
        and not unit
        and b is None
        and a.low < 1000
        and _FORMATION_AFTER_RE.match(text, last.end)
    ):
        return True  # "the 16 Air Assault Brigade": a unit's name
    if (
        not a.spelled
        and not unit
        and not ar.hyphen_unit_after(text, last.unit_end)
        and ar.after_name(text, lower, a.start)
        and (not left or left[-1] not in cx.MONTH_WORDS_DOT)
        and not _counted_after(text, last.end)
        and not _grouped(text, a.start, a.end)
    ):
        # "Apollo 11", "Boeing 737"; not "Dravik 88 cases, Olmesund 41 cases", nor "Marant
        # 148,312 votes" (no name's number is written in thousands)
        return True
    if (
        unit in cx.DURATIONS
        and left
        and left[-1] in PERIOD_BEFORE
        and b is None
        and not (left[-1] == "last" and len(left) >= 2 and left[-2] in _LAST_VERB_BEFORE)
    ):
        return True  # "in the final three months": a period referred to
    end = last.unit_end
    if unit in cx.DURATIONS and not left and starts_at_any(lower, (" after ", " later"), end):
        return True  # "Three weeks after the decision, ...": when, not how long
    if starts_at_any(lower, (" ago", " earlier"), end) or ar.ago_after(lower, end):
        return True  # "two seasons ago": when, not how many
    if (
        a.spelled
        and text[a.start].isupper()
        and a.start >= 2
        and text[a.start - 1] == " "
        and text[a.start - 2] not in '.!?:"“\n'
        and ar.capital_after(text, a.end)
    ):
        return True  # "the Six Nations", "the Big Four": a name
    return False
