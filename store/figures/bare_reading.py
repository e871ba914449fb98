"""A bare number read as a quantity: one with no unit and no counted noun after it.

"only 57 got through", "at least 33", "three of them", "Deaths: 3", "the stadium holds 60,000",
"6,200 in Tarnby and 2,719 in Holm", "voted 218 to 214": a cue word, a hedge, a pointer back,
a label or the shape of its clause marks such a number as a figure, and says what it counts
(its subject, a label, or the last count of its sentence). Kept apart from ``build`` because it
is one question of its own, asked only when the words after the number named nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.figures import bare as br
from store.figures import bare_lists as bl
from store.figures import candidates as cd
from store.figures import counted as ct
from store.figures import subject as sj
from store.figures.around import sentence_around
from store.figures.build_words import CLAUSE_END_CHARS
from store.figures.lexicon import EVENT_GROUPS, Lexicon
from store.model import Figure


@dataclass
class BareReading:
    """What a bare number is: its key, whether it is kept as a figure though it names nothing,
    and a unit it takes from the figure before it ("" when none)."""

    key: str = ""
    keep: bool = False
    unit: str = ""


def read_bare(
    text: str,
    lower: str,
    part: str,
    lexicon: Lexicon,
    a: cd.Cand,
    end: int,
    prev: Figure | None,
    counted_before: Figure | None,
    rest: list[str],
    low: float,
    hedge_len: int,
) -> BareReading:
    """Read a bare number at ``a`` (``end`` where it ends, ``rest`` the words on its left
    without its hedge, ``low`` its value, ``prev`` the figure before it in the text and
    ``counted_before`` the last count of its sentence that named its thing)."""
    key, keep, unit = "", False, ""
    # A bare number a cue word, a hedge or a pointer back marks as a quantity ("only 57
    # got through", "at least 33", "three of them", "dozens more"): kept, with the key its
    # subject or the last count of its sentence gives.
    cue = 0 if a.spelled else br.cue_length(rest)
    prev_end = prev.end if prev is not None and prev.part == part else -1
    back = br.refers_back(lower, rest, end, a.start, prev_end) or (
        lower.startswith(" more", end)
        and (a.vague or _thing_counted_here(text, part, a, counted_before))
    )  # "dozens more", "joined by 85 more on Tuesday" (more of what the sentence counted)
    rival = False
    if not back and counted_before is not None and prev_end >= 0 and br.total_to(rest):
        back = True  # "37 new cases, bringing the total to 412"
    if not back and prev is not None and prev_end >= 0 and not br.state_label(text, a.start):
        # "200,000 according to X", "X put it at 7.2": another source's number for the
        # thing the sentence counted before
        rival = (
            br.pointer_at(rest) or (prev.unit == "count" and counted_before is not None)
        ) and br.rival_count(lower, rest, a.start, end)
        rival = back = rival and sentence_around(text, prev.start) == sentence_around(text, a.start)
    bracketed = br.bracketed_count(text, a.start, end, low, lexicon) or br.label_key(
        text, a.start, lexicon
    )
    # A hedged bare number is a quantity; not "over 1. FC Köln" (a German ordinal) nor
    # "at around 10" (a time of day).
    hedged = hedge_len > 0 and low > 1 and not br.clock_time(rest, low)
    partitive = None if bracketed or back else bl.partitive_whole(text, lower, a.start, lexicon)
    if bracketed:
        key, keep = bracketed, True  # "the injured (9,120)", "Deaths: 3"
    elif partitive is not None or (
        not back and prev is not None and bl.opening_state(text, lower, a.start, end, low)
    ):
        # "Of the 17 cars, 11 have been located", "Of those, 35,900 came from Hessmark",
        # "Nine were in serious condition.": a part of the whole counted just before
        key = partitive or _whole_before(text, part, a, prev, counted_before)
        keep = bool(key)
    elif back or (not a.spelled and (cue or hedged or (rest and rest[-1] == "of"))):
        key = br.bare_key(text, lower, part, lexicon, rest[: len(rest) - cue], a, counted_before)
        if not key and back and br.refers_back(lower, rest, end, a.start, prev_end):
            key = _whole_before(text, part, a, prev, counted_before)  # "Ten of those ..."
        keep = bool(key) or cue > 0 or hedged or back
        if rival and prev is not None and prev.unit != "count":
            unit = prev.unit  # "measured it at magnitude 7.4; X put it at 7.2"
    elif br.level_verb(rest) and not a.vague:
        # "Confirmed cases reached 1,409", "cancellations ran to 390 in all": the count of the
        # verb's subject, kept only when the subject names a thing ("it reached 40": none)
        key = br.bare_key(text, lower, part, lexicon, rest, a, None)
        keep = bool(key) and key not in br.PRICE_KEYS  # "shares rose to 40": a price
    elif br.capacity_words(rest) and not a.vague and low > 1:
        # "the stadium holds 60,000", "the Defender seats eight": what the subject holds
        verb = br.capacity_words(rest)
        key = sj.left_subject(br.holder(rest, verb), lexicon, text, lower, a.start)
        key, keep = ("" if key == ct.PREVIOUS else key), True
        if verb == 2:
            key = "capacity"  # "a stadium licensed for 48,000": never the tickets sold
    elif br.difference_after(lower, end) and not a.vague:
        # "one more than Serena Williams", "one short of the record": a difference of the
        # thing counted before
        key = br.bare_key(text, lower, part, lexicon, [], a, counted_before)
        keep = True
    elif (
        not a.spelled
        and rest
        and rest[-1].endswith("ed")
        and text[end : end + 1] in CLAUSE_END_CHARS
        and counted_before is not None
    ):
        # "launched 188 drones ...; air defences downed 176.": the object of a verb,
        # counted like the last count of its sentence (none there: no figure)
        key = br.bare_key(text, lower, part, lexicon, [], a, counted_before)
        keep = bool(key)
    elif bl.gapped_item(text, a.start, end, counted_before):
        # "Kelmar has 14 outbreaks, Orsenna six": the first clause's verb and thing
        key = br.bare_key(text, lower, part, lexicon, [], a, counted_before)
        keep = bool(key)
    elif bl.list_item(text, lower, rest, a.start, end, prev, counted_before):
        # "6,200 in Tarnby and 2,719 in Holm", "17 remain in one gallery, 26 in the other"
        key = br.bare_key(text, lower, part, lexicon, [], a, counted_before)
        keep = bool(key) or bl.bare_count(prev, text, a.start)
    elif rest[-2:] == ["out", "for"] and not a.spelled:
        keep = True  # "bowled out for 104": the total of an innings
    elif not a.vague and (
        br.vote_tally(lower, end)
        or br.vote_label(lower, a.start)
        or (rest and rest[-1] in ("voted", "vote"))
        or (rest and rest[-1] == "to" and prev is not None and prev.key == "vote")
    ):
        key, keep = "vote", True  # "312 in favour and 201 against", "voted 218 to 214"
    return BareReading(key, keep, unit)


def _thing_counted_here(text: str, part: str, a: cd.Cand, counted_before: Figure | None) -> bool:
    """Whether the last count that named its thing is in the sentence of ``a`` and counts a
    thing, not an event ("nine drowned ... searching for 27 more": the 27 are missing)."""
    return (
        counted_before is not None
        and counted_before.key not in EVENT_GROUPS
        and counted_before.part == part
        and sentence_around(text, counted_before.start) == sentence_around(text, a.start)
    )


def _whole_before(
    text: str, part: str, a: cd.Cand, prev: Figure | None, counted_before: Figure | None
) -> str:
    """The key of the count a partitive number is part of: the last count of its sentence,
    else the figure right before it when that one is a count in the sentence before."""
    here = sentence_around(text, a.start)
    if counted_before is not None and counted_before.part == part:
        if sentence_around(text, counted_before.start) == here:
            return counted_before.key
    if prev is None or prev.part != part or prev.unit != "count" or not prev.key:
        return ""
    before = sentence_around(text, max(0, here[0] - 2))
    return prev.key if before[0] <= prev.start < before[1] else ""
