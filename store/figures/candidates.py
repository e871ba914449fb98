"""Finding number candidates: digit runs and spelled numbers, with their currency and unit.

One scan finds every digit run (``bytes.find`` on ASCII text) and every number word (substring
search only for the number words the text really holds); each is then read with what is glued
to it: a currency before ("$", "HK$", "EUR", "RM", the scraped "PS" and "Y="), a sign or a
leading point (".300"), a scale ("4.1m", read with exact decimals), scientific notation, a
fraction ("1/2"), and the unit after (``units``). What no figure can be (codes, dates, times,
decades) is dropped here, before any context is read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from store.figures import context as cx
from store.figures import currency as cu
from store.figures import numbers as nb
from store.figures import unit_readers as ur
from store.figures.affix import ends_at_any, starts_at, starts_at_any
from store.figures.cand import Cand  # (the other steps name it ``cd.Cand``)

_GLUED_BEFORE: Final = frozenset("/:#№_^×")
# Money letters that may end right before " 500" without a capital last ("Rs 500").
_LETTER_MONEY: Final = ("Rs", "Rs.", "Rp", "Sh", "KSh")
_NOT_AFTER_WON: Final = frozenset(
    {"the", "a", "an", "by", "his", "her", "their", "its", "gold", "in", "at"}
)
_SYMBOLS: Final = frozenset(cu.CURRENCY_SYMBOLS)
_SIGNS: Final = {"-": -1, "−": -1, "+": 1, "‒": -1}
# A scale suffix in capitals without money before it is a name: "4K", "221B", "5G".
_CAPITAL_SCALES: Final = frozenset("KBM")
# Words after a glued "m" that make it metres, not millions ("a 5m wall", "the 100m final").
_METRE_WORDS: Final = frozenset(
    """
    tall long high deep wide away sprint hurdles freestyle backstroke breaststroke butterfly
    relay race final dash high-rise
    """.split()
)
# Verbs before a glued "m" that make it metres ("cleared 6.24m", "the pitch measures 105m").
_METRE_VERBS: Final = frozenset(
    """
    measures measured measuring cleared clears vaulted jumped leapt leaped threw throws hurled
    swam dived
    """.split()
)
# Race distances in metres, which "m" after them always is ("1500m", "the 100m").
_RACE_METRES: Final = frozenset({"60", "100", "110", "200", "400", "800", "1500", "3000", "5000"})
_AGE_RE: Final = re.compile(r"-?(?P<unit>year|month|week|day)s?[-\s]old\b", re.IGNORECASE)
_FRACTION_AFTER_RE: Final = re.compile(r"/(\d{1,2})(?![\d/])")
# Words after a number written with a leading point that make it a calibre (".22 rifle").
_POINT_CALIBRE_RE: Final = re.compile(
    r"[ -](?:calibre|caliber|rifles?|pistols?|guns?|handguns?|revolvers?|rounds?|bullets?"
    r"|cartridges?|ammunition|ammo|magnum)\b"
)
_DENOMINATORS: Final = frozenset({2, 3, 4, 5, 8, 10, 16})
_VULGAR: Final = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
_AGE_UNITS: Final = {"year": "years", "month": "months", "week": "weeks", "day": "days"}
# "at 9.30", "until 14.00": a clock time when the decimals are minutes and nothing follows.
_CLOCK_BEFORE: Final = frozenset({"at", "from", "until", "till", "by", "before", "after", "around"})


def _digits_shape(raw: str) -> str | None:
    """The valid number at the start of a digit run ("11,000." -> "11,000"), or None."""
    raw = raw.rstrip(",.")
    if raw.isdigit():
        return raw
    if "," in raw:
        m = nb.COMMA_GROUPS_RE.match(raw)
        if m is None or m.end() != len(raw):
            if nb.DECIMAL_COMMA_RE.fullmatch(raw):
                return raw.replace(",", ".")  # "6,8 metres": a decimal comma (translated text)
            return None  # a list like "1,2,3"
        return raw
    if "." in raw:
        m = nb.PLAIN_RE.match(raw)
        if m is None or (m.end() != len(raw) and not raw[m.end()].isspace()):
            return None  # "1.2.3"
        if m.end() == len(raw):
            return raw
    m = nb.SPACE_GROUPS_RE.match(raw)
    if m is not None and m.end() == len(raw):
        return raw
    first = nb.PLAIN_RE.match(raw)
    assert first is not None  # ``raw`` is a digit run: it starts with a digit
    return first.group()  # "2023 300": only the first run counts


def _money_before(text: str, start: int, prev: str) -> cu.CurrencyHit | None:
    """The currency before the digits at ``start``, looked for only where one can be."""
    if prev in _SYMBOLS or prev == "=" or prev in "¬£¥¹":
        return cu.currency_before(text, start)
    if prev.isalpha():
        return cu.currency_before(text, start)
    if prev == " " and start >= 3:
        p2 = text[start - 2]
        if p2.isupper() or (p2 in "s.ph" and ends_at_any(text, _LETTER_MONEY, start - 1)):
            return cu.currency_before(text, start)
    return None


def _sign_before(text: str, at: int) -> int:
    """+1/-1 for a sign written right before ``at`` ("-0.8%", "(+0.4%)"), 0 otherwise."""
    if at == 0:
        return 0
    sign = _SIGNS.get(text[at - 1], 0)
    if not sign:
        return 0
    if at >= 2:
        before = text[at - 2]
        if not (before.isspace() or before in "([\"'“‘"):
            return 0  # "F-16", "1,000-3,000", "3-2", "2%-6%"
    return sign


def digit_candidate(text: str, lower: str, m: re.Match[str]) -> Cand | None:
    """The candidate for one digit run, or None when it is glued to a code, a year or a time.

    Runs for every digit run of every text, so the common shapes take the short paths: plain
    digits skip ``_digits_shape``, a currency is only looked for after a symbol, a letter or a
    space after a capital, and the word after the number is read once for both the unit and
    the no-figure test (``cx.may_follow``). ``lower`` is ``text`` lowercased letter by letter;
    the word tests read it because every word they look for is ASCII.
    """
    start = m.start()
    cstart, unit = start, ""
    point = False
    if start:
        prev = text[start - 1]
        if prev == " ":
            # Most numbers follow a space after a lowercase word: money before a space ends in
            # a capital ("USD 40m") or is "Rs", "Rp", "Sh" or "Rs.", tested before any call.
            p2 = text[start - 2] if start >= 3 else ""
            may_pay = p2 and (p2.isupper() or p2 in "s.ph")
            hit = _money_before(text, start, prev) if may_pay else None
        else:
            hit = _money_before(text, start, prev) if prev != "." else None
        if hit is not None:
            cstart, unit = hit.start, hit.code
        elif prev.isalnum() or prev in _GLUED_BEFORE or prev == "=":
            return None  # "MH17", "1/2", "10:30"
        elif prev == ".":
            if start >= 2 and not (text[start - 2].isspace() or text[start - 2] in "(\"'“"):
                return None  # "v1.2", "1.2.3"
            if _POINT_CALIBRE_RE.match(lower, m.end()):
                return None  # "a .22 rifle", ".50 calibre rounds": a calibre
            point = True  # ".300"
        elif prev in "-‐" and start >= 2 and text[start - 2].isalpha():
            if not ends_at_any(lower, ("magnitude", "sub"), start - 1):
                return None  # "F-16", "COVID-19" ("magnitude-7.4", "sub-5 nanometre" are no code)
        elif prev in "-‐–" and _season_end(text, start):
            return None  # "the 2025-26 season": the second year of a span, no figure
    digits = m.group()
    if point:
        run = nb.PLAIN_RE.match(digits)
        assert run is not None  # a digit run starts with a digit
        digits = run.group()
        if "." in digits:
            return None
        dec = Decimal("0." + digits)
        cstart = start - 1
    elif digits.isdigit():
        dec = None
    elif digits[-3:-2] == "," and _EURO_DECIMAL_RE.match(text, start):
        dec = Decimal(digits.replace(",", ".", 1))  # "712,40€": a decimal comma before the euro
        digits = digits.replace(",", ".", 1)
    else:
        shaped = _digits_shape(digits)
        if shaped is None:
            return None
        digits = shaped
        dec = None
    if len(digits) > nb.MAX_DIGITS:
        return None  # no figure is written with this many digits
    if digits[0] == "0" and len(digits) > 1 and digits[1].isdigit():
        return None  # "020 7946", "007": phone numbers and codes, never a quantity
    end = start + len(digits)
    value = float(dec) if dec is not None else (float(digits) if digits.isdigit() else None)
    scaled = False
    metres = False
    n = len(text)
    if end < n:
        ch = text[end]
        nxt = text[end + 1 : end + 2]  # the character after a space or a hyphen, if any
        if ch in nb.SCALE_FIRST or (ch in " \u00a0" and nxt in nb.SCALE_FIRST):
            sm = nb.SCALE_RE.match(text, end)
            if sm is not None:
                word = sm.group()
                if len(word) == 1 and word in _CAPITAL_SCALES and not unit:
                    return None  # "4K", "221B": a name, not thousands or billions
                if word == "m" and not unit and _metres_before(lower, start, sm.end()):
                    sm, metres = None, True  # "cleared 6.24m", "105m by 69m": a length
                elif (
                    word == "m"
                    and not unit
                    and (_metres_after(lower, sm.end()) or digits in _RACE_METRES)
                ):
                    sm = None  # "the 1500m world record", "a 5m-high wall": a name or a look
                if sm is not None:
                    value = nb.exact(nb.digits_decimal(digits) * nb.scale_decimal(word))
                    if value is None:
                        return None
                    end = sm.end()
                    scaled = True
        elif ch in "×x*" or (ch == " " and nxt in "×x"):
            sci = nb.SCIENTIFIC_RE.match(text, end)
            if sci is not None:
                power = nb.scientific(sci.group("exp"))
                value = nb.exact(nb.digits_decimal(digits) * power) if power else None
                if value is None:
                    return None  # "3×10^400": past any float, so no figure at all
                end = sci.end()
                scaled = True
        elif ch == "^" and digits == "10":
            power_m = _POWER_RE.match(text, end)
            if power_m is not None:
                value = nb.exact(Decimal(10) ** int(power_m.group(1)))  # "10^25 years"
                if value is None:
                    return None
                end, scaled = power_m.end(), True
        elif ch in _VULGAR:
            value = nb.exact(nb.digits_decimal(digits) + _VULGAR[ch])
            end += 1
        elif (ch == " " or ch == "-") and nxt.isdigit():
            mixed = _mixed_fraction(text, end, digits)
            if mixed is not None:
                value, end = mixed  # "95 1/3 innings", "rose 12-1/4 cents"
    if value is None:
        plain = digits.replace(",", "")  # "1,200", "2.5": no space groups, float reads it as is
        value = float(plain) if plain.replace(".", "", 1).isdigit() else nb.digits_value(digits)
    if unit == "GBP" and text.startswith("PS", cstart):
        if not scaled and "." not in digits and "," not in digits:
            return None  # "PS5" is a console; "PS4.1m", "PS1,200" are pounds
    fraction = False
    if end < n and text[end] == "/" and not scaled and digits.isdigit():
        fm = _FRACTION_AFTER_RE.match(text, end)
        if fm is None:
            return None
        den = int(fm.group(1))
        if den not in _DENOMINATORS or not 0 < value < den:
            return None  # "24/7", "12/03"
        value = value / den
        end = fm.end()
        fraction = True
    if not fraction and not scaled and not unit and starts_at(lower, " in ", end):
        ratio = nb.ONE_IN_RE.match(text, start)
        if ratio is not None and (start and text[start - 1] in "-–"):
            ratio = None  # "6-2 in 131 minutes": a score, then a time
        if ratio is not None and cx.unit_may_follow(lower, ratio.end()):
            ratio = None  # "2 in 131 minutes"
        if ratio is not None and ratio.group("num").isdigit():
            den_text = ratio.group("den")
            d = int(den_text) if den_text.isdigit() else nb.words_value(den_text)
            if d and 0 < value < d:
                value, end, fraction = value / d, ratio.end(), True  # "1 in 3 voters"
    if not scaled and not unit and len(digits) == 4 and 1800 <= value <= 2100 and digits.isdigit():
        nxt = lower[end : end + 8]
        if not nxt.startswith((" year", " month", " week", " day", " hour", "-year", "-month")):
            return None  # a year
    age = (
        _AGE_RE.match(text, end)
        if starts_at_any(text, ("-", " "), end) and lower.find("old", end, end + 18) != -1
        else None
    )
    if age is not None:
        uname = _AGE_UNITS[age.group("unit").lower()]
        return Cand(cstart, end, value, value, "", False, False, scaled, age.end(), uname, age=True)
    unit_may, not_figure_may = cx.may_follow(lower, end)  # (read after the year and age tests)
    if not_figure_may and cx.NOT_FIGURE_AFTER_RE.match(text, end):
        return None
    hit_after = None
    if metres:
        hit_after = ur.UnitHit("m", end + 1)
    elif unit_may:
        hit_after = _unit_after(text, lower, end)
    if hit_after is not None:
        unit_name, unit_end = hit_after.name, hit_after.end
        if hit_after.factor is not None:
            value = nb.times(value, hit_after.factor)
            if value is None:
                return None
    elif end < n and text[end].isalpha():
        return None  # glued letters that are no unit: "5G", "3D"
    elif not unit and (scaled or "," in digits) and starts_at(lower, " won", end):
        # "1,300 won", "2 trillion won": Korean money; after a small bare number "won" is
        # the verb ("Labour 3 won ...") and is left alone.
        after_won = lower[end + 5 : end + 14].split(None, 1)
        if after_won and after_won[0].strip(",.") in _NOT_AFTER_WON:
            unit_name, unit_end = "", end
        else:
            unit_name, unit_end = "KRW", end + 4
    else:
        unit_name, unit_end = ("fraction" if fraction else ""), end
    if unit_name == "GBX" and unit:
        unit_name = ""  # "$5p"? keep the currency written first
    elif unit_name == "GBX" and value in _VIDEO_LINES and _video_after(lower, unit_end):
        return None  # "a 1080p screen": a video mode, not pence
    if not unit and not unit_name and not scaled and "." in digits and _clock(text, lower, cstart):
        return None  # "at 9.30"
    if starts_at(text, " ", unit_end) and text[unit_end + 1 : unit_end + 2].isdigit():
        if not unit_name and not unit and _phone_after(text, unit_end):
            return None  # "20 7946 0958": digit groups side by side are a phone number
    sign = _sign_before(text, cstart) if cstart and text[cstart - 1] in _SIGNS else 0
    if sign:
        cstart -= 1
    return Cand(cstart, end, value, value, unit, False, False, scaled, unit_end, unit_name, sign)


# Lines of the video modes written "1080p"; pence only when no screen word follows.
_VIDEO_LINES: Final = frozenset({144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0})
_VIDEO_WORDS: Final = frozenset(
    """
    screen screens display displays video videos resolution footage stream streaming camera
    cameras monitor monitors panel hd recording playback tv webcam oled lcd ips quality
    """.split()
)


def _season_end(text: str, start: int) -> bool:
    """True for the two digits after a year and a dash that name the next year: "2025-26"."""
    if start < 5 or not text[start - 5 : start - 1].isdigit():
        return False
    if start >= 6 and text[start - 6].isdigit():
        return False
    two = text[start : start + 2]
    if not two.isdigit() or text[start + 2 : start + 3].isdigit():
        return False
    year = int(text[start - 5 : start - 1])
    return 1800 <= year <= 2100 and int(two) == (year + 1) % 100


def _video_after(lower: str, pos: int) -> bool:
    """True when a screen word (or "/60", "@60fps") follows a "1080p"."""
    if starts_at_any(lower, ("/", "@"), pos):
        return True
    parts = lower[pos : pos + 16].split(None, 1)
    return bool(parts) and parts[0].strip(".,;:)") in _VIDEO_WORDS


# The fraction of a mixed number after its whole part: "95 1/3", "12-1/4", "6.43-3/4".
_MIXED_RE: Final = re.compile(r"[ -](\d)/(\d{1,2})(?![\d/.,]\d|[\d/])")


def _mixed_fraction(text: str, end: int, digits: str) -> tuple[float, int] | None:
    """The value and end of a mixed number whose whole part ``digits`` ends at ``end``.

    A fraction after a space or a hyphen adds to the number ("95 1/3" is 95.333...); after
    decimals it counts in units of the last decimal, as commodity prices are quoted ("$6.43-3/4"
    is 6.4375). Only proper fractions with the usual denominators, and a space only after a
    whole number: "on 12 1/4" without a denominator it knows is no fraction.
    """
    m = _MIXED_RE.match(text, end)
    if m is None or ("," in digits and text[end] == " "):
        return None
    num, den = int(m.group(1)), int(m.group(2))
    if den not in _DENOMINATORS or not 0 < num < den:
        return None
    if text[end] == " " and not digits.isdigit():
        return None
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    part = Decimal(num) / Decimal(den) * Decimal(10) ** -decimals
    value = nb.exact(nb.digits_decimal(digits) + part)
    return (value, m.end()) if value is not None else None


# Digits with a decimal comma right before the euro sign ("712,40€", "3,50 €"), as written in
# the eurozone; any other "3,50" stays no number.
_EURO_DECIMAL_RE: Final = re.compile(r"\d{1,3},\d{2}[ \u00a0]?€")

# A power of ten written alone: "10^25", "10^-9".
_POWER_RE: Final = re.compile(r"\^(-?\d{1,3})(?![\d.])")

_PHONE_NEXT_RE = re.compile(r" (\d+)(?: \d)?")


def _phone_after(text: str, pos: int) -> bool:
    """True when the digits after the space at ``pos`` continue a phone number: a group of
    four or more digits, or a group followed by yet another ("20 7946 0958")."""
    m = _PHONE_NEXT_RE.match(text, pos)
    return m is not None and (len(m.group(1)) >= 4 or m.end() > pos + 1 + len(m.group(1)))


def _metres_after(lower: str, pos: int) -> bool:
    """True when the word after a glued "m" says it is metres ("a 5m wall", "100m sprint")."""
    if starts_at(lower, "-", pos):
        word = lower[pos + 1 : pos + 12].split(None, 1)[0] if lower[pos + 1 : pos + 2] else ""
        return word.rstrip(".,;:") in _METRE_WORDS
    if not starts_at(lower, " ", pos):
        return False
    parts = lower[pos + 1 : pos + 16].split(None, 1)
    return bool(parts) and parts[0].rstrip(".,;:") in _METRE_WORDS


_BY_METRES_RE = re.compile(r" by \d+(?:\.\d+)?m\b")
_METRES_WORD_RE: Final = re.compile(r"\d+(?:\.\d+)?m")


def _metres_before(lower: str, start: int, end: int) -> bool:
    """True for a glued "m" number that is metres by its neighbours: a verb of measuring or
    jumping before it ("cleared 6.24m"), or the other side of a "by" ("105m by 69m")."""
    words = lower[max(0, start - 20) : start].split()
    if words and words[-1] in _METRE_VERBS:
        return True
    if len(words) >= 2 and words[-1] == "by" and _METRES_WORD_RE.fullmatch(words[-2]):
        return True
    return _BY_METRES_RE.match(lower, end) is not None


_CLOCK_RE = re.compile(r"(\d{1,2})\.(\d{2})(?![\d%])")


def _clock(text: str, lower: str, start: int) -> bool:
    """True for "at 9.30" (hour.minutes after a time preposition), a time, not a figure."""
    m = _CLOCK_RE.match(text[start : start + 6])
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return False
    before = lower[max(0, start - 8) : start].split()
    return bool(before) and before[-1] in _CLOCK_BEFORE


def _unit_after(text: str, lower: str, end: int) -> ur.UnitHit | None:
    """The unit written after the number ending at ``end``: glued, or after one space."""
    if end >= len(text):
        return None
    ch = text[end]
    if ch == " " or ch == "\u00a0":
        word = cx.next_word(lower, end)
        return ur.spaced_after(text, end, word)
    return ur.glued_after(text, end)


def with_unit(text: str, lower: str, cand: Cand) -> Cand | None:
    """``cand`` with the unit written after it; None for glued letters that are no unit."""
    hit = _unit_after(text, lower, cand.end) if cx.unit_may_follow(lower, cand.end) else None
    if hit is not None:
        cand.unit_after = hit.name
        cand.unit_end = hit.end
        if hit.factor is not None:
            value = nb.times(cand.low, hit.factor)
            if value is None:
                return None
            cand.low = cand.high = value
    elif cand.end < len(text) and text[cand.end].isalpha() and not cand.spelled:
        return None  # glued letters that are no unit: "5G", "3D"
    return cand


def digit_runs(text: str, ascii_lower: bytes | None) -> list[re.Match[str]]:
    """``list(nb.DIGITS_RE.finditer(text))``, found faster when the text is ASCII.

    The pattern matches at every digit and nowhere else, so its matches are: a match at the
    first digit, then one at the first digit after that match, and so on. In ASCII text the
    next digit is found with ``bytes.find`` on a copy where every digit is "0", a third of the
    cost of the regex engine's scan for a digit over the whole text. ``ascii_lower`` is the
    lowercased text encoded, when it is ASCII: lowercasing keeps every digit at its offset.
    A list rather than a generator: a dozen runs an article, each resumed generator step cost
    more than appending.
    """
    if ascii_lower is None:
        return list(nb.DIGITS_RE.finditer(text))
    marks = ascii_lower.translate(nb.DIGIT_MARKS)
    match = nb.DIGITS_RE.match
    find = marks.find
    runs = []
    pos = find(b"0")
    while pos != -1:
        m = match(text, pos)
        assert m is not None  # every marked byte starts a digit run
        runs.append(m)
        pos = find(b"0", m.end())
    return runs
