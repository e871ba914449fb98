"""The time a figure refers to, resolved against the article's publication date.

Why a period at all: a developing story repeats the same counted thing for different times
("12,000 troops" sent in 2024, "1,000 more" since February, "15,000 so far"), and a comparison
that ignores the time lines a count of one month up against another month's. The period is a
short string, stable in JSON and in the library:

- ``2024``, ``2024-10`` or ``2024-10-18``: that year, month or day;
- ``2025-02..``: from then on (``since early February``);
- ``..2025-02-27``: up to the publication date (``so far``, ``to date``);
- ``2025..2025-02-27``: both ends (``so far this year``);
- ``""``: the text says nothing (or only something relative and the article is undated).

Only the time expression nearest to the number in its sentence counts, and never one that
dates the statement rather than the fact ("officials said on Friday") or one on the far side
of a comparison ("up from 45,000 last year").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final, NamedTuple

from store.figures.words import find_words, vocabulary

_MONTH_NAMES_TEXT = (
    "January February March April May June July August September October November December"
)
MONTHS: Final = {m: i for i, m in enumerate(_MONTH_NAMES_TEXT.split(), 1)}
_MONTH_ABBR: Final = {m[:3]: i for m, i in MONTHS.items()} | {"Sept": 9}
WEEKDAYS: Final = {
    d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
SPEECH_VERBS: Final = frozenset(
    """
    said says say told tells announced announces reported reports added adds confirmed confirms
    stated states warned warns claimed claims estimated estimates wrote writes briefed noted
    """.split()
)

_PREPOSITIONS = frozenset(
    "since from until till by before after in during throughout for of on".split()
)
_PARTS: Final = frozenset("early late mid end start beginning middle the of".split())
_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d")
_MONTH_START_RE: Final = re.compile(
    r"(?:Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec)"
)  # month openers
_MONTH_AT_RE: Final = re.compile(
    r"(?P<month>[A-Z][a-z]+)\.?(?:\s+(?P<mday>\d{1,2})(?:st|nd|rd|th)?\b)?"
    r"(?:,?\s+(?P<myear>(?:19|20)\d\d)\b)?"
)
_DAY_BEFORE_RE: Final = re.compile(r"(?P<dday>\d{1,2})(?:st|nd|rd|th)?\s+$")
_RELATIVE_RE: Final = re.compile(
    r"(?:so|thus)\s+far(?:\s+this\s+year)?|to\s+date|until\s+now|up\s+to\s+now|as\s+of\s+now"
    r"|since\s+the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?P<since_what>\w+)"
    r"|(?P<rel_sign>last|this|next|past)\s+(?P<rel_unit>year|month|week)"
    r"|earlier\s+this\s+(?P<earlier>year|month|week)"
    r"|yesterday|today|tonight|overnight|(?:in|over)\s+the\s+(?:past|last)\s+(?:24\s+hours|day)"
    r"|(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
# Between a number and a time expression: the time belongs to another clause or another figure.
_BOUNDARY_RE: Final = re.compile(
    r";|\b(?:while|whereas|but|compared|versus|vs)\b"
    r"|\b(?:from|than|against|double|triple|twice)\s+(?:[a-z]+\s+){0,2}?[\d$€£]",
    re.IGNORECASE,
)
# The end of the words between a number and a later time that compare it with that time.
_COMPARED_TIME_RE: Final = re.compile(r"\b(?:than|compared with)\s*$")
MAX_DISTANCE: Final = 140  # characters between the number and its time expression


class TimeMention(NamedTuple):
    """A time expression found in a sentence: where it is and the period it stands for (a
    named tuple: cheap to build, one per time expression of every sentence holding a figure)."""

    start: int
    end: int
    period: str
    running: bool  # "so far", "to date": a total up to the publication date


def published_date(published: str) -> date | None:
    """The publication date of an ISO ``published`` ("2025-02-27T10:12" too), or None."""
    if len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_key(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.get(name.capitalize()) or _MONTH_ABBR.get(name.capitalize(), 0)


def _latest_month(month: int, pub: date | None) -> int | None:
    """The year of a ``month`` named without one: this year's when it has begun by ``pub``
    or lies within half a year ahead ("in May" in April), else last year's ("in December"
    in February). None without a date."""
    if pub is None:
        return None
    if month <= pub.month:
        return pub.year
    return pub.year - 1 if (pub.month - month) % 12 <= 6 else pub.year


def _previous_weekday(weekday: int, pub: date) -> date:
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)


def _next_weekday(weekday: int, pub: date) -> date:
    return pub + timedelta(days=(weekday - pub.weekday()) % 7)


# Words that put the rest of their clause ahead of the report: modals and verbs of
# expecting or scheduling ("is expected to reach 2,000 MW on Monday", "the deadline expires
# on Tuesday", "polls open on Sunday"). A weekday after them is the coming one; anywhere else a
# bare weekday in news is the one just past.
_AHEAD_WORDS: Final = frozenset(
    """
    will would shall 'll could might expect expects expected forecast forecasts predicted
    predicts due scheduled expires expire begins starts opens closes resumes
    """.split()
)
_CLAUSE_END_RE: Final = re.compile(r"[.;:!?]|,\s")


def _ahead(lower: str, start: int) -> bool:
    """Whether the clause before a weekday at ``start`` speaks of what is to come."""
    before = lower[max(0, start - 80) : start]
    ends = [m.end() for m in _CLAUSE_END_RE.finditer(before)]
    if ends:
        before = before[ends[-1] :]
    return not _AHEAD_WORDS.isdisjoint(before.replace("’", "'").split())


def _open(prep: str | None, text: str) -> str:
    """A point period made open by its preposition: since X -> "X..", until X -> "..X"."""
    if prep in ("since", "from", "after"):
        return text + ".."
    if prep in ("until", "till", "by", "before"):
        return ".." + text
    return text


def _before_words(lower: str, at: int) -> list[str]:
    return lower[max(0, at - 40) : at].replace(",", " ").split()


def _preposition(lower: str, at: int) -> str | None:
    """The preposition that opens a time expression starting at ``at`` ("since early ...")."""
    words = _before_words(lower, at)
    while words and words[-1] in _PARTS and words[-1] not in ("of",):
        words.pop()
    if words and words[-1] == "of" and len(words) >= 2 and words[-2] in _PARTS:
        words = words[:-2]  # "since the end of"
        while words and words[-1] in _PARTS:
            words.pop()
    if words and words[-1] in _PREPOSITIONS:
        return words[-1]
    return None


def _month_mention(sentence: str, lower: str, at: int, pub: date | None) -> TimeMention | None:
    m = _MONTH_AT_RE.match(sentence, at)
    if m is None:
        return None
    month = _month_key(m.group("month"))
    if not month or (m.group("month") not in MONTHS and m.group("month") not in _MONTH_ABBR):
        return None
    if pub is None and not m.group("myear"):
        return None  # no year written and none to resolve one from (read no further)
    start, end = at, m.end()
    day_text = m.group("mday")
    day_before = _DAY_BEFORE_RE.search(sentence, max(0, at - 6), at)
    if day_before is not None and not day_text:
        day_text = day_before.group("dday")
        start = day_before.start()
        if m.group("mday"):
            return None
    year_text = m.group("myear")
    prep = _preposition(lower, start)
    year = int(year_text) if year_text else _latest_month(month, pub)
    if year is None:
        return None
    if day_text and prep not in ("in", "during", "throughout"):
        try:
            text = _open(prep, date(year, month, int(day_text)).isoformat())
        except ValueError:
            return None
    else:
        text = _open(prep, f"{year}-{month:02d}")
    return TimeMention(start, end, text, False)


def _relative(m: re.Match[str], pub: date | None, ahead: bool = False) -> tuple[str, bool]:
    """(period, running) of a relative expression ("last year", "so far", "on Monday");
    ``ahead`` when its clause speaks of what is to come (then "on Friday" is the next one)."""
    rel = m.group()
    running = rel.startswith(("so", "thus", "to date", "until", "up to", "as of", "since"))
    if pub is None:
        return "", running
    today = pub.isoformat()
    if running and not rel.startswith("since"):
        if rel.endswith("this year"):
            return f"{pub.year}..{today}", True
        return f"..{today}", True
    if rel.startswith("since"):
        what = (m.group("since_what") or "").lower()
        if what == "year":
            return f"{pub.year}..{today}", True
        if what == "month":
            return f"{pub.year}-{pub.month:02d}..{today}", True
        return f"..{today}", True
    unit = m.group("rel_unit") or m.group("earlier")
    if unit:
        sign = (m.group("rel_sign") or "this").lower()
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[sign]
        if unit == "year":
            return str(pub.year + step), False
        if unit == "month":
            month_index = pub.year * 12 + pub.month - 1 + step
            return f"{month_index // 12}-{month_index % 12 + 1:02d}", False
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        return f"{monday.isoformat()}..{(monday + timedelta(days=6)).isoformat()}", False
    if rel == "yesterday":
        return (pub - timedelta(days=1)).isoformat(), False
    weekday = m.group("weekday")
    if weekday:
        if ahead:
            return _next_weekday(WEEKDAYS[weekday], pub).isoformat(), False
        return _previous_weekday(WEEKDAYS[weekday], pub).isoformat(), False
    return today, False  # today, tonight, overnight, the past 24 hours


def _dates_a_statement(lower: str, start: int, end: int) -> bool:
    """True when the time expression dates a statement ("said on Friday", "on Monday said")."""
    before = lower[max(0, start - 40) : start].split()
    if before and before[-1] in SPEECH_VERBS:
        return True
    if len(before) >= 2 and before[-2] in SPEECH_VERBS and before[-1] not in ("that",):
        return True  # "told lawmakers on Monday"
    after = lower[end : end + 12].split()
    return bool(after) and after[0].strip(",") in SPEECH_VERBS


def _word_at(lower: str, start: int, end: int) -> bool:
    """True when ``lower[start:end]`` is a whole word (no letter or digit glued on)."""
    return (start == 0 or not lower[start - 1].isalnum()) and (
        end >= len(lower) or not lower[end].isalnum()
    )


def time_mentions(
    sentence: str,
    pub: date | None,
    lower: str | None = None,
    vocab: frozenset[str] | None = None,
) -> list[TimeMention]:
    """Every time expression of a sentence that could date a figure, in order.

    Written as a few searches that each start with a literal or a character class (the regex
    engine then skips straight to candidates) plus Python checks of the words around.
    ``lower`` and ``vocab`` are the sentence lowercased and its set of words, when the caller
    has them (``store.figures.attribution.vocabulary``).
    """
    if lower is None:
        lower = sentence.lower()
    out: list[TimeMention] = []
    # (every year starts "19" or "20": two substring tests skip the scan in most sentences)
    years = _YEAR_RE.finditer(sentence) if "19" in sentence or "20" in sentence else ()
    for m in years:
        start, end = m.start(), m.end()
        if not _word_at(lower, start, end) or (start and sentence[start - 1] in "-–/$€£.,"):
            continue
        if (
            sentence[end : end + 1] in ("-", "–", "/", ".", ",")
            and sentence[end + 1 : end + 2].isdigit()
        ):
            continue  # "2022-24", "2025.5": no year
        if _possessive(sentence, end):
            continue
        prep = _preposition(lower, start)
        if _BEFORE_MONTH_RE.search(sentence, max(0, start - 14), start):
            continue  # the year of "February 24, 2025": read with its month
        out.append(TimeMention(start, end, _open(prep, m.group()), False))
    for m in _MONTH_START_RE.finditer(sentence):
        start = m.start()
        if m.group() not in _MONTH_ABBR or (start and sentence[start - 1].isalpha()):
            continue
        mention = _month_mention(sentence, lower, start, pub)
        if mention is None or _possessive(sentence, mention.end):
            continue
        if _dates_a_statement(lower, mention.start, mention.end):
            continue  # "said on March 3", "has said since October"
        out.append(mention)
    if vocab is None:
        vocab = vocabulary(lower)
    if not vocab.isdisjoint(_RELATIVE_ANCHORS):
        seen: set[int] = set()
        for hit in find_words(lower, _RELATIVE_ANCHORS, vocab):
            rel: re.Match[str] | None = None
            at = hit.start()
            for _ in range(3):  # the anchor, or one or two words before it ("so far")
                if at not in seen:
                    rel = _RELATIVE_RE.match(lower, at)
                    if rel is not None and rel.end() >= hit.end():
                        seen.add(at)
                        break
                    rel = None
                if at < 2:
                    break
                at = lower.rfind(" ", 0, at - 1) + 1
            if rel is None:
                continue
            start, end = rel.start(), rel.end()
            if not _word_at(lower, start, end) or _possessive(sentence, end):
                continue
            period, running = _relative(
                rel, pub, bool(rel.group("weekday")) and _ahead(lower, start)
            )
            if rel.group("weekday"):
                if lower.endswith("on ", 0, start):
                    start -= 3
                if _dates_a_statement(lower, start, end):
                    continue
            if period or running:
                out.append(TimeMention(start, end, period, running))
    if len(out) > 1:
        out.sort(key=lambda t: (t.start, -t.end))
        kept = [out[0]]
        for mention in out[1:]:
            if mention.start >= kept[-1].end:
                kept.append(mention)  # "this year" inside "so far this year" is dropped
        out = kept
    return out


# A word every relative expression of ``_RELATIVE_RE`` holds, rarer than its first word
# ("far" in "so far", "past" in "in the past 24 hours"): the expression is matched from it or
# from one or two words before it.
_RELATIVE_ANCHORS: Final = frozenset(
    """
    far date now since last this next past earlier yesterday today tonight overnight
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
_BEFORE_MONTH_RE: Final = re.compile(r"[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+$")


def _possessive(sentence: str, end: int) -> bool:
    """True for "last week's", "Friday's": the time dates a noun, not the count. Unless the
    noun is an event whose count the sentence gives ("Thursday's march drew 41,000")."""
    if not sentence.startswith(("'s", "’s"), end):
        return False
    noun = sentence[end + 2 : end + 20].split(None, 1)
    return not noun or noun[0].lower().strip(",.") not in _DATED_EVENTS


# Gatherings a possessive time dates together with their count: "Thursday's march drew
# 41,000". Not disasters: "last week's earthquake has killed 2,886" is a toll to date.
_DATED_EVENTS: Final = frozenset(
    """
    march marches rally rallies protest protests demonstration demonstrations walkout vote
    election match game race concert summit meeting session
    """.split()
)


def nearest_mention(
    sentence: str, mentions: list[TimeMention], start: int, end: int
) -> TimeMention | None:
    """The time expression that dates the number at ``start``..``end`` of ``sentence``.

    The nearest one, unless a clause break or a comparison lies between them ("up from 45,000
    last year" dates the 45,000, not the number before it).
    """
    best: TimeMention | None = None
    best_gap = MAX_DISTANCE + 1
    for mention in mentions:
        if mention.end <= start:
            gap_text = sentence[mention.end : start]
        elif mention.start >= end:
            gap_text = sentence[end : mention.start]
            if _COMPARED_TIME_RE.search(gap_text):
                continue  # "41,000 ..., smaller crowds than on Wednesday": another time's
        else:
            continue
        if len(gap_text) > MAX_DISTANCE or _BOUNDARY_RE.search(gap_text):
            continue
        if len(gap_text) < best_gap:
            best, best_gap = mention, len(gap_text)
    return best


def period_bounds(period: str) -> tuple[date | None, date | None]:
    """The first and last day a period string covers (None for an open or empty end)."""
    if not period:
        return None, None
    if ".." in period:
        lo_text, hi_text = period.split("..", 1)
        return _start_of(lo_text), _end_of(hi_text)
    return _start_of(period), _end_of(period)


def _start_of(text: str) -> date | None:
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def _end_of(text: str) -> date | None:
    try:
        if len(text) == 4:
            return date(int(text), 12, 31)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            return nxt - timedelta(days=1)
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def describe(period: str) -> str:
    """A period for a row label: "2024", "since 2025-02", "to 2025-02-27", "2025-01..03"."""
    if not period:
        return ""
    if ".." not in period:
        return period
    lo, hi = period.split("..", 1)
    if lo and hi:
        return f"{lo} to {hi}"
    return f"since {lo}" if lo else f"to {hi}"
