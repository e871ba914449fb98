"""When a count holds: the day a forecast is for, and counts to date written with "since".

Why, at compare time: alignment keeps two counts apart when they hold at different times and
together when both are counts to date. Two readings the extractor's period and scope miss:

* a forecast's day written right after its number is the day it is for ("up to 42C on
  Friday", "could peak at 2,000 MW on Monday"), so two days' forecasts are two facts, while a
  plan's day elsewhere in the sentence only dates the report ("agreed on Wednesday to raise
  the age to 64");
* a count in the perfect tense with "since" ("the league has received 180 complaints since
  the final") is a count to date, like "so far": the same fact as another outlet's "has so
  far received 120 complaints", not a count of one day.
"""

from __future__ import annotations

from typing import Final

from store.figures import qualifiers as ql

# Days a forecast may be for, written right after its number.
_DAYS: Final = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday tomorrow tonight weekend".split()
)
_DAY_REACH: Final = 8  # words right of the number (the caller's words stop at the next number)


def day_follows(right: list[str]) -> bool:
    """Whether a day is named in the words right after a number: "up to 46C in the southern
    region on Wednesday"."""
    return not _DAYS.isdisjoint(w.lower() for w in right[:_DAY_REACH])


_PERFECT: Final = frozenset({"has", "have", "had"})


def running_total(left: list[str], right: list[str]) -> str:
    """total for a count in the perfect tense followed by "since" ("has registered 72
    complaints since polling day"); "" otherwise ("is the highest since 2014" is no count to
    date, nor is "registered 72 complaints on Tuesday")."""
    if _PERFECT.isdisjoint(w.lower() for w in left[-4:]):
        return ""
    return ql.TOTAL if "since" in (w.lower() for w in right[:4]) else ""
