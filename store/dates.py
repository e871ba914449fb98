"""Publication dates in the forms news sites print them, to ISO 8601, with the stdlib only.

``dateutil`` would do this but costs start-up time and guesses (it fills a missing year or day
from today's date); ``time.strptime`` is locale-dependent and slow. A date that cannot be read
without guessing yields "": the parser never invents one.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "jan january січня січень января январь",
        "feb february лютого лютий февраля февраль",
        "mar march березня березень марта март",
        "apr april квітня квітень апреля апрель",
        "may травня травень мая май",
        "jun june червня червень июня июнь",
        "jul july липня липень июля июль",
        "aug august серпня серпень августа август",
        "sep sept september вересня вересень сентября сентябрь",
        "oct october жовтня жовтень октября октябрь",
        "nov november листопада листопад ноября ноябрь",
        "dec december грудня грудень декабря декабрь",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num

_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*|понеділок|вівторок|середа|четвер"
    r"|п'ятниця|субота|неділя|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)"
    r"\.?,?\s+"
)
_TIME_T = (
    r"(?P<H{0}>\d{{1,2}})[:.](?P<M{0}>\d{{2}})(?::\d{{2}}(?:\.\d+)?)?(?:\s*(?P<ap{0}>[ap])\.?m\.?)?"
)
_TIME = _TIME_T.format("")
_LEAD_TIME = rf"(?:{_TIME_T.format('0')}\s*[,|\-–—]?\s*)?"
_TAIL_TIME = rf"(?:(?:\s*[,|\-–—]\s*|\s+|\s*,?\s*at\s+|T){_TIME})?"
_END = r"(?![\w])"

_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # 2025-02-27, 2025/02/27, 2025-02-27T14:05:33+02:00
        rf"{_LEAD_TIME}(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_TAIL_TIME}{_END}",
        # 27.02.2025, 27/02/2025, 27-02-2025 (day first unless that is impossible)
        rf"{_LEAD_TIME}(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})"
        rf"{_TAIL_TIME}{_END}",
        # 27 February 2025, 27th of Feb. 2025, 27 лютого 2025 р.
        rf"{_LEAD_TIME}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>[^\W\d_]+)\.?,?\s+"
        rf"(?P<y>\d{{4}}){_TAIL_TIME}{_END}",
        # February 27, 2025 / Feb. 27 2025
        rf"{_LEAD_TIME}(?P<mon>[^\W\d_]+)\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<y>\d{{4}}){_TAIL_TIME}{_END}",
    )
]
_WEEKDAY_RE = re.compile(_WEEKDAY, re.IGNORECASE)


def _hour(h: str | None, m: str | None, ap: str | None) -> tuple[int, int] | None:
    if h is None or m is None:
        return None
    hour, minute = int(h), int(m)
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap.lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def parse_date(raw: str) -> str:
    """``raw`` as ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``; "" when it is not a definite date.

    Accepts day-month-year and month-day-year with English, Ukrainian or Russian month names,
    ISO dates, and dotted/slashed numeric dates, each with an optional time (24-hour or am/pm)
    before or after and an optional weekday in front. Trailing words such as a time zone are
    ignored. Ambiguous numeric dates like 03/04/2025 give "".
    """
    s = raw.strip()
    if not s or len(s) > 120:
        return ""
    wd = _WEEKDAY_RE.match(s)
    if wd:
        s = s[wd.end() :]
    for pattern in _PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        g = m.groupdict()
        year = int(g["y"])
        if "mon" in g:
            month = _MONTHS.get(g["mon"].lower().rstrip("."), 0)
            day = int(g["d"])
        elif "a" in g:
            a, b = int(g["a"]), int(g["b"])
            if g["sep"] == "." or a > 12:
                day, month = a, b
            elif b > 12:
                month, day = a, b
            elif a == b:
                day = month = a
            else:
                return ""  # 03/04/2025: day-first or month-first cannot be told apart
        else:
            month, day = int(g["m"]), int(g["d"])
        if not 1900 <= year <= 2200 or not month:
            return ""
        try:
            iso = date(year, month, day).isoformat()
        except ValueError:
            return ""
        hm = _hour(g.get("H"), g.get("M"), g.get("ap")) or _hour(
            g.get("H0"), g.get("M0"), g.get("ap0")
        )
        if hm:
            return f"{iso}T{hm[0]:02d}:{hm[1]:02d}"
        return iso
    return ""
