"""``Cand``: one number found in the text, before its context is read (made by
``store.figures.candidates``, read by every later step)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, init=False)
class Cand:
    """One number in the text, before its context is read.

    ``__init__`` is written out (the dataclass's own would be the same): mypyc compiles a
    written one, while the one ``dataclass`` generates runs as interpreted Python, about
    4 us of every candidate (``tests/test_figures_records.py`` holds the two alike).
    """

    start: int  # start of the number's own words (currency and sign included, hedge excluded)
    end: int  # end of the number (and scale), before any unit
    low: float
    high: float
    unit: str  # unit from a currency prefix, "" if none
    spelled: bool
    vague: bool
    scaled: bool  # a scale word or suffix was written ("2 million", "$1.5bn")
    unit_end: int  # end of the unit when one follows, else ``end``
    unit_after: str  # unit written after the number
    sign: int  # -1 or +1 when a sign was written before the digits ("-0.8%", "+0.4%")
    change: str  # "up"/"down" when the words themselves are a move ("doubled")
    age: bool  # "58-year-old", "aged 58"

    def __init__(
        self,
        start: int,
        end: int,
        low: float,
        high: float,
        unit: str,
        spelled: bool,
        vague: bool,
        scaled: bool,
        unit_end: int,
        unit_after: str,
        sign: int = 0,
        change: str = "",
        age: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.low = low
        self.high = high
        self.unit = unit
        self.spelled = spelled
        self.vague = vague
        self.scaled = scaled
        self.unit_end = unit_end
        self.unit_after = unit_after
        self.sign = sign
        self.change = change
        self.age = age
