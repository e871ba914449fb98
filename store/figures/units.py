"""The unit vocabulary: one spelling per unit, every way news writes it, and money's forms.

``unit`` in a figure is always one of the canonical names here (``km``, ``km/h``, ``GB``, ``%``,
ISO 4217 codes for money, ``count``, ...), so scripts reading the JSON can rely on it; README
lists them. Each unit is one row of ``_TABLE``: its name, the spellings written after a space
(matched case-insensitively, up to four words: "percentage points", "miles per hour"), the
spellings glued to the digits or hyphenated ("70mph", "6.7-inch"), and spellings that only count
in one letter case ("38C" is Celsius, "5G" is no unit). Lookups are plain dict hits on the
word(s) after a number, so adding a unit is adding a row, and reading one costs a few dict
probes rather than a long regex alternation.

Money written before a number ("$", "HK$", "EUR", "RM", the scraped "PS" for "£") is in
``currency_before``; ``format_value`` words a value with its unit for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# (canonical, kind, spaced spellings, glued/hyphenated spellings, case-sensitive glued ones)
_TABLE: tuple[tuple[str, str, str, str, str], ...] = (
    ("%", "share", "per cent|percent|pct|%|pc", "%|pc|pct|percent", ""),
    (
        "pp",
        "share",
        "percentage points|percentage point|percent points|per cent points|pp|ppt|ppts",
        "pp|ppt",
        "",
    ),
    ("bp", "share", "basis points|basis point|bps|bp", "bp|bps", ""),
    ("x", "ratio", "", "x|fold", ""),
    ("mm", "length", "mm|millimetres|millimetre|millimeters|millimeter", "mm", ""),
    ("cm", "length", "cm|centimetres|centimetre|centimeters|centimeter", "cm", ""),
    ("m", "length", "metres|metre|meters|meter", "metre|meter|metres|meters", ""),
    ("km", "length", "km|kms|kilometres|kilometre|kilometers|kilometer", "km|kilometre", ""),
    ("in", "length", "inches|inch", "inch|in", ""),
    ("ft", "length", "feet|foot|ft", "ft|foot|feet", ""),
    ("yd", "length", "yd|yds", "yd", ""),
    ("yards", "sport", "yards|yard", "yard", ""),
    ("mi", "length", "miles|mile|mi", "mile|mi", ""),
    ("nm", "length", "nanometres|nanometre|nanometers|nanometer|nm", "nm|nanometre", ""),
    ("nmi", "length", "nautical miles|nautical mile", "nautical-mile", ""),
    (
        "m²",
        "area",
        "square metres|square metre|square meters|square meter|sq m|sqm|sq. m|m²|m2",
        "m²|sqm",
        "",
    ),
    (
        "km²",
        "area",
        "square kilometres|square kilometre|square kilometers|square kilometer|sq km|sq. km"
        "|km²|km2|sqkm",
        "km²|km2",
        "",
    ),
    ("ha", "area", "hectares|hectare|ha", "ha|hectare", ""),
    ("acres", "area", "acres|acre", "acre", ""),
    ("ft²", "area", "square feet|square foot|sq ft|sq. ft|sqft|ft²", "ft²|sqft", ""),
    ("mi²", "area", "square miles|square mile|sq mi|sq. mi|sq miles|mi²", "mi²", ""),
    ("ml", "volume", "ml|millilitres|millilitre|milliliters|milliliter", "ml", ""),
    ("l", "volume", "litres|litre|liters|liter", "litre|liter|l", ""),
    ("m³", "volume", "cubic metres|cubic metre|cubic meters|cubic meter|m³", "m³", ""),
    ("gal", "volume", "gallons|gallon|gal", "gallon|gal", ""),
    (
        "bbl",
        "volume",
        "barrels a day|barrels per day|barrels|barrel|bbl|bpd|b/d",
        "barrel|bbl|bpd",
        "",
    ),
    ("bcm", "volume", "bcm", "bcm", ""),
    ("mg", "mass", "mg|milligrams|milligram|milligrammes|milligramme", "mg", ""),
    ("g", "mass", "grams|gram|grammes|gramme", "gram", "g"),
    ("kg", "mass", "kg|kgs|kilos|kilo|kilograms|kilogram|kilogrammes|kilogramme", "kg|kilo", ""),
    ("t", "mass", "tonnes|tonne|tons|ton|metric tons|metric tonnes", "tonne|ton", "t"),
    ("lb", "mass", "lb|lbs", "lb|lbs|pound", ""),
    ("oz", "mass", "ounces|ounce|oz", "oz|ounce", ""),
    (
        "km/h",
        "speed",
        "km/h|kmh|kph|kilometres per hour|kilometers per hour|kilometres an hour"
        "|kilometers an hour",
        "km/h|kmh|kph",
        "",
    ),
    ("mph", "speed", "mph|miles per hour|miles an hour", "mph", ""),
    ("m/s", "speed", "m/s|metres per second|meters per second", "m/s", ""),
    ("kn", "speed", "knots|knot|kn|kts", "knot|kt|kts", ""),
    ("W", "power", "watts|watt|w", "watt|w", "W"),
    ("kW", "power", "kw|kilowatts|kilowatt", "kw|kilowatt", ""),
    ("MW", "power", "mw|megawatts|megawatt", "mw|megawatt", ""),
    ("GW", "power", "gw|gigawatts|gigawatt", "gw|gigawatt", ""),
    ("hp", "power", "hp|bhp|horsepower", "hp|bhp|horsepower", ""),
    ("Wh", "energy", "wh|watt-hours|watt hours", "wh", ""),
    ("kWh", "energy", "kwh|kilowatt-hours|kilowatt hours|kilowatt-hour", "kwh", ""),
    ("MWh", "energy", "mwh|megawatt-hours|megawatt hours", "mwh", ""),
    ("GWh", "energy", "gwh|gigawatt-hours|gigawatt hours", "gwh", ""),
    ("TWh", "energy", "twh|terawatt-hours|terawatt hours", "twh", ""),
    ("kcal", "energy", "kcal|calories|calorie|kilocalories", "kcal|calorie", ""),
    ("J", "energy", "joules|joule", "joule", "J"),
    ("lb-ft", "torque", "lb-ft|lb ft|pound-feet|pound feet|lbs-ft|ft-lb", "lb-ft|pound-feet", ""),
    ("Nm", "torque", "newton-metres|newton metres|newton-meters", "", "Nm"),
    ("Hz", "frequency", "hz|hertz", "hz|hertz", ""),
    ("kHz", "frequency", "khz|kilohertz", "khz", ""),
    ("MHz", "frequency", "mhz|megahertz", "mhz", ""),
    ("GHz", "frequency", "ghz|gigahertz", "ghz", ""),
    ("KB", "data", "kb|kilobytes|kilobyte", "kb", ""),
    ("MB", "data", "mb|megabytes|megabyte", "mb", ""),
    ("GB", "data", "gb|gigabytes|gigabyte", "gb", ""),
    ("TB", "data", "tb|terabytes|terabyte", "tb", ""),
    ("PB", "data", "pb|petabytes|petabyte", "pb", ""),
    ("Mbps", "rate", "mbps|mbit/s|mb/s|megabits per second", "mbps", ""),
    ("Gbps", "rate", "gbps|gbit/s|gb/s|gigabits per second", "gbps", ""),
    (
        "°C",
        "temperature",
        "°c|º c|° c|degrees celsius|degrees centigrade|degree celsius|celsius|c",
        "°c|ºc|celsius",
        "C",
    ),
    (
        "°F",
        "temperature",
        "°f|º f|° f|degrees fahrenheit|degree fahrenheit|fahrenheit|f",
        "°f|ºf",
        "F",
    ),
    ("hPa", "pressure", "hpa|hectopascals|hectopascal|millibars|millibar|mbar", "hpa", ""),
    ("mpg", "fuel", "mpg|miles per gallon", "mpg", ""),
    ("ppm", "share", "ppm|parts per million", "ppm", ""),
    ("seconds", "time", "seconds|second|secs|sec", "second|sec", ""),
    ("minutes", "time", "minutes|minute|mins|min", "minute|min", ""),
    ("hours", "time", "hours|hour|hrs", "hour|hr", ""),
    ("days", "time", "days|day", "day", ""),
    ("weeks", "time", "weeks|week", "week", ""),
    ("months", "time", "months|month", "month", ""),
    ("years", "time", "years|year|yrs", "year|yr", ""),
    ("points", "sport", "points|point|pts", "point|pts", ""),
    ("runs", "sport", "runs", "run", ""),
    ("goals", "sport", "goals", "goal", ""),
    ("magnitude", "quake", "", "magnitude", ""),
    # Money named after the number: "5m euros", "950€", "40 US dollars", "50 cents".
    ("USD", "money", "dollars|dollar|us dollars|us dollar|usd", "usd", ""),
    ("EUR", "money", "euros|euro|eur|€", "eur|€", ""),
    ("GBP", "money", "pounds sterling|pound sterling|sterling|pounds|pound|gbp|£", "gbp", ""),
    ("GBX", "money", "pence", "pence", "p"),
    ("JPY", "money", "yen|jpy|¥", "jpy", ""),
    ("CNY", "money", "yuan|renminbi|rmb|cny", "cny|rmb|yuan", ""),
    ("INR", "money", "rupees|rupee|inr|indian rupees", "inr", ""),
    ("PKR", "money", "pakistani rupees|pkr", "pkr", ""),
    ("LKR", "money", "sri lankan rupees|lkr", "lkr", ""),
    ("NPR", "money", "nepalese rupees|nepali rupees|npr", "npr", ""),
    ("MYR", "money", "ringgit|myr", "myr", ""),
    ("HKD", "money", "hong kong dollars|hk dollars|hkd", "hkd", ""),
    ("AUD", "money", "australian dollars|aud", "aud", ""),
    ("SGD", "money", "singapore dollars|sgd", "sgd", ""),
    ("CAD", "money", "canadian dollars|cad", "cad", ""),
    ("NZD", "money", "new zealand dollars|nzd", "nzd", ""),
    ("TWD", "money", "taiwan dollars|new taiwan dollars|twd", "twd", ""),
    ("CHF", "money", "swiss francs|francs|franc|chf", "chf", ""),
    ("KRW", "money", "krw|korean won", "krw", ""),
    ("RUB", "money", "roubles|rouble|rubles|ruble|rub", "rub", "₽"),
    ("UAH", "money", "hryvnias|hryvnia|hryvnas|hryvna|uah", "uah", "₴"),
    ("BRL", "money", "reais|brazilian reais|brl", "brl", ""),
    ("ZAR", "money", "rand|zar", "zar", ""),
    ("TRY", "money", "liras|lira|turkish lira|try", "", ""),
    ("MXN", "money", "pesos|peso|mexican pesos|mxn", "mxn", ""),
    ("ARS", "money", "argentine pesos|ars", "ars", ""),
    ("PHP", "money", "philippine pesos", "", ""),
    ("SEK", "money", "kronor|krona|swedish kronor|sek", "sek", ""),
    ("NOK", "money", "kroner|norwegian kroner|nok", "nok", ""),
    ("DKK", "money", "danish kroner|dkk", "dkk", ""),
    ("PLN", "money", "zlotys|zloty|pln", "pln", ""),
    ("ILS", "money", "shekels|shekel|ils", "ils", ""),
    ("AED", "money", "dirhams|dirham|aed", "aed", ""),
    ("SAR", "money", "riyals|riyal|saudi riyals|sar", "sar", ""),
    ("IQD", "money", "iraqi dinars|dinars|dinar|iqd", "iqd", ""),
    ("NGN", "money", "naira|ngn", "ngn", ""),
    ("KES", "money", "kenyan shillings|shillings|kes", "kes", ""),
    ("EGP", "money", "egyptian pounds|egp", "egp", ""),
    ("IDR", "money", "rupiah|idr", "idr", ""),
    ("THB", "money", "baht|thb", "thb", ""),
    ("VND", "money", "dong|vnd", "vnd", ""),
    ("BTC", "money", "bitcoins|btc", "btc", ""),
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of the vocabulary: its one spelling and what it measures."""

    name: str
    kind: str


UNITS: dict[str, Unit] = {row[0]: Unit(row[0], row[1]) for row in _TABLE}
UNITS["count"] = Unit("count", "count")
UNITS["fraction"] = Unit("fraction", "ratio")
MONEY = frozenset(name for name, unit in UNITS.items() if unit.kind == "money")
DURATIONS = frozenset(name for name, unit in UNITS.items() if unit.kind == "time")
# Units whose value is a share of something: the noun after them is no counted thing
# ("15% month on month"), the subject before them is.
SHARES = frozenset({"%", "pp", "bp", "ppm"})
# Units a written sign makes a change rather than a signed level ("closed -0.8%").
SIGN_IS_CHANGE = frozenset({"%", "pp", "bp", "points"})

# Values of the sub-units, exactly: "50 cents" is 0.50 USD, and stays USD unless a currency
# is named before it.
_CENTS = Decimal("0.01")
# Words hyphenated to a spaced unit that only describe it ("2 nanometre-class", "a 5 km-long").
_CLASS_SUFFIXES = frozenset({"class", "scale", "sized", "long", "wide", "high", "deep", "thick"})
# Words between a number and a time unit that say the periods run on ("five straight years").
_IN_A_ROW = frozenset({"consecutive", "straight", "successive"})
_TIME_UNITS = frozenset("days day weeks week months month years year hours minutes".split())
# Hundredths named after the number, with the currency they are hundredths of.
_SUBUNITS = {"sen": "MYR", "paise": "INR", "kopecks": "RUB", "kopeks": "RUB", "centavos": "MXN"}
_CENT_CURRENCIES = {"us": "USD", "euro": "EUR", "australian": "AUD", "canadian": "CAD"}


def _split(spellings: str) -> list[str]:
    return [s for s in spellings.split("|") if s]


SPACED: dict[str, str] = {}
GLUED: dict[str, str] = {}
GLUED_EXACT: dict[str, str] = {}
for _name, _kind, _spaced, _glued, _exact in _TABLE:
    for _s in _split(_spaced):
        SPACED.setdefault(_s, _name)
    for _s in _split(_glued):
        GLUED.setdefault(_s, _name)
    for _s in _split(_exact):
        GLUED_EXACT.setdefault(_s, _name)
# One-letter spaced forms are units only in their case ("38 C"), never as a lowercase word.
for _one in ("c", "f", "w"):
    SPACED.pop(_one, None)
GLUED.pop("w", None)
SPACED_EXACT = {"C": "°C", "F": "°F", "W": "W", "Nm": "Nm"}
# The longest spaced spelling in words: the lookup tries this many words first.
_MAX_WORDS = max(len(s.split()) for s in SPACED)
# First words of the spaced spellings, a cheap test before any phrase is built.
SPACED_FIRST = frozenset(s.split()[0] for s in SPACED) | {
    "c",
    "f",
    "w",
    "cents",
    "cent",
    "euro",
    *_IN_A_ROW,
    *_SUBUNITS,
}

# A glued unit: the letters (and unit signs) right after the digits.
_GLUED_RE = re.compile(r"[A-Za-z°º²³µ%€£/]+(?:-[A-Za-z]+)?")
_TRAIL = ".,;:!?)]}\"'”’"


@dataclass(frozen=True, slots=True)
class UnitHit:
    """A unit read after a number: its name, where its words end, and a factor on the value
    (``cents`` is 0.01 of the currency, 1 otherwise)."""

    name: str
    end: int
    factor: Decimal | None = None


def _glued_name(token: str) -> str:
    name = GLUED_EXACT.get(token)
    if name is None:
        name = GLUED.get(token.lower(), "")
    return name


def glued_after(text: str, pos: int) -> UnitHit | None:
    """A unit glued to the digits at ``pos`` ("70mph", "128GB", "2.4pc", "212p", "38C")."""
    m = _GLUED_RE.match(text, pos)
    if m is None:
        return None
    token = m.group()
    if "-" in token:
        compound = _glued_name(token)  # "lb-ft"
        if compound:
            return UnitHit(compound, m.end())
        token = token.split("-", 1)[0]
    end = pos + len(token)
    name = _glued_name(token)
    if not name and "/" in token:
        token = token.split("/", 1)[0]
        end = pos + len(token)
        name = _glued_name(token)
    if not name:
        return None
    if end < len(text) and (text[end].isdigit() or text[end] in "_@"):
        return None  # "4x4", "12p3": a code
    if text.startswith(" ", end):
        nxt = text[end + 1 : end + 12].split(None, 1)
        if nxt:
            word = nxt[0].rstrip(_TRAIL)
            longer = SPACED.get(f"{token.lower()} {word.lower()}")
            if longer is not None and longer != name:
                return UnitHit(longer, end + 1 + len(word))  # "738lb ft"
    return UnitHit(name, end)


def hyphen_unit(word: str) -> str:
    """The unit named by a hyphenated word after a number ("6.7-inch", "240-hp"), or ""."""
    return _glued_name(word) or SPACED.get(word.lower(), "")


def spaced_after(text: str, pos: int, first: str) -> UnitHit | None:
    """A unit written after the one space at ``pos`` ("5 per cent", "300 miles per hour").

    ``first`` is the lowercased next word with trailing punctuation dropped (the caller has
    read it for its own tests). Longest spellings win: "percentage points" before "percentage".
    """
    chunk = text[pos + 1 : pos + 40]
    words = chunk.split(None, _MAX_WORDS)[:_MAX_WORDS]
    if not words:
        return None
    exact = SPACED_EXACT.get(words[0].rstrip(_TRAIL))
    if exact is not None:
        return UnitHit(exact, pos + 1 + len(words[0].rstrip(_TRAIL)))
    if first in ("cents", "cent"):
        return UnitHit("USD", pos + 1 + chunk.index(words[0]) + len(first), _CENTS)
    if first in _SUBUNITS:  # "12 sen" is 0.12 ringgit, "50 paise" 0.50 rupee
        return UnitHit(_SUBUNITS[first], pos + 1 + chunk.index(words[0]) + len(first), _CENTS)
    if first in _IN_A_ROW and len(words) > 1:  # "400 consecutive days": the unit after
        skip = pos + 1 + chunk.index(words[0]) + len(words[0])
        nxt = words[1].rstrip(_TRAIL).lower()
        hit = spaced_after(text, skip, nxt) if nxt in _TIME_UNITS else None
        return hit
    if len(words) > 1 and words[1].rstrip(_TRAIL).lower() in ("cents", "cent"):
        code = _CENT_CURRENCIES.get(first)
        if code is not None:  # "66.2 US cents", "50 euro cents"
            at = chunk.index(words[1], len(words[0]))
            return UnitHit(code, pos + 1 + at + len(words[1].rstrip(_TRAIL)), _CENTS)
    offset = 0
    spans: list[tuple[int, int, str]] = []
    for raw in words:
        at = chunk.index(raw, offset)
        word = raw.rstrip(_TRAIL)
        low = word.lower()
        if low == "sq" and raw[len(word) : len(word) + 1] == ".":
            word = raw = "sq"  # "sq. km"
        elif "-" in low and low.split("-", 1)[1] in _CLASS_SUFFIXES:
            # "a 2 nanometre-class process": the unit, with its describing word read over
            spans.append((at, at + len(word), low.split("-", 1)[0]))
            break
        spans.append((at, at + len(word), low))
        offset = at + len(raw)
        if word != raw:
            break  # punctuation ends the unit's words
    for n in range(len(spans), 0, -1):
        phrase = " ".join(s[2] for s in spans[:n])
        name = SPACED.get(phrase)
        if name is not None:
            return UnitHit(name, pos + 1 + spans[n - 1][1])
    return None


# Money written before a number. Longest first: "HK$" before "$".
CURRENCY_SYMBOLS = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "₹": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₦": "NGN",
    "₱": "PHP",
    "₪": "ILS",
    "฿": "THB",
    "₫": "VND",
}
DOLLAR_PREFIXES = {
    "us": "USD",
    "a": "AUD",
    "au": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "can": "CAD",
    "hk": "HKD",
    "nz": "NZD",
    "s": "SGD",
    "sg": "SGD",
    "nt": "TWD",
    "r": "BRL",
    "mx": "MXN",
}
# Letters glued before digits that name money ("RM12.90", "Rs 500", "Rp 1,000").
LETTER_PREFIXES = {"rm": "MYR", "rs": "INR", "rs.": "INR", "rp": "IDR", "ksh": "KES", "sh": "KES"}
ISO_CODES = frozenset(
    """
    usd eur gbp jpy cny inr myr hkd aud sgd cad chf krw rub uah brl zar try mxn sek nok dkk pln
    nzd twd ils aed sar egp ngn kes idr thb vnd pkr ars clp cop czk huf ron qar kwd
    """.split()
)


# Currency signs as scraping mangles them: UTF-8 bytes read as Windows-1252.
_MANGLED = (("â‚¬", "EUR"), ("Â£", "GBP"), ("Â¥", "JPY"), ("â‚¹", "INR"))


@dataclass(frozen=True, slots=True)
class CurrencyHit:
    """Money written before a number: the code and where its sign or letters start."""

    code: str
    start: int


def currency_before(text: str, start: int) -> CurrencyHit | None:
    """Money written right before the digits at ``start`` ("$", "US$", "$US", "EUR", "RM").

    Also the forms scraping leaves of "£" and "¥": "PS4.1m" and "Y=250" (the caller checks
    that what follows "PS" is money-shaped, since "PS5" is a console).
    """
    if start == 0:
        return None
    ch = text[start - 1]
    code = CURRENCY_SYMBOLS.get(ch)
    if code is not None:
        s = start - 1
        if ch == "$":
            j = s
            while j > 0 and text[j - 1].isalpha() and s - j < 3:
                j -= 1
            prefix = text[j:s].lower()
            if prefix in DOLLAR_PREFIXES and (j == 0 or not text[j - 1].isalnum()):
                return CurrencyHit(DOLLAR_PREFIXES[prefix], j)
        return CurrencyHit(code, s)
    for mangled, mcode in _MANGLED:
        if text.startswith(mangled, start - len(mangled)):
            return CurrencyHit(mcode, start - len(mangled))  # "â‚¬5m": a "€" read as cp1252
    if ch == "S" and text.startswith("$U", start - 3):  # "$US40m"
        return CurrencyHit("USD", start - 3)
    if (
        ch == "="
        and start >= 2
        and text[start - 2] == "Y"
        and (start == 2 or not text[start - 3].isalnum())
    ):
        return CurrencyHit("JPY", start - 2)  # "Y=250": a scraped "¥250"
    j = start
    if ch == " ":
        j -= 1
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == ".") and j - k < 4:
        k -= 1
    if k == j or (k > 0 and text[k - 1].isalnum()):
        return None
    word = text[k:j]
    low = word.lower()
    if word.isupper() and low in ISO_CODES:
        return CurrencyHit(low.upper(), k)
    if low in LETTER_PREFIXES and word[0].isupper():
        return CurrencyHit(LETTER_PREFIXES[low], k)
    if word == "PS" and ch != " ":
        return CurrencyHit("GBP", k)  # a scraped "£" (checked by the caller)
    if word == "RMB":
        return CurrencyHit("CNY", k)
    return None


def cents_factor() -> Decimal:
    """What one cent is of its currency (exactly)."""
    return _CENTS


_SYMBOL_OF = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "INR": "₹",
    "KRW": "₩",
    "HKD": "HK$",
    "AUD": "A$",
    "SGD": "S$",
    "CAD": "C$",
    "NZD": "NZ$",
}
_SCALES = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


def _number(value: float) -> str:
    """A value in short words: 4100000 -> "4.1m", 11000 -> "11,000", 0.8 -> "0.8"."""
    if value != value or value in (float("inf"), float("-inf")):
        return "?"
    dec = Decimal(repr(value))
    sign = "-" if dec < 0 else ""
    dec = abs(dec)
    for size, word in _SCALES:
        if dec >= size:
            return f"{sign}{_plain(dec / size, 3)}{word}"
    if dec == dec.to_integral_value():
        return f"{sign}{int(dec):,}"
    return f"{sign}{_plain(dec, 6)}"


def _plain(dec: Decimal, digits: int) -> str:
    dec = dec.normalize()
    text = f"{dec:.{digits}g}" if dec < Decimal(10) ** digits else f"{dec:,.0f}"
    if "e" in text or "E" in text:
        text = f"{dec:,.0f}"
    return text


def format_value(value: float, unit: str) -> str:
    """A value worded with its unit, the way a reader writes it: "$4.1m", "HK$12.5bn",
    "212p", "0.8%", "4.5 pp", "70 mph", "38 °C", "a third" stays "0.333", "4x".

    Display code calls this rather than gluing a unit on itself, so every unit of the
    vocabulary reads the same everywhere.
    """
    number = _number(value)
    if unit in _SYMBOL_OF:
        if number.startswith("-"):
            return "-" + _SYMBOL_OF[unit] + number[1:]
        return _SYMBOL_OF[unit] + number
    if unit == "GBX":
        return f"{number}p"
    if unit in ("%", "x"):
        return f"{number}{unit}"
    if unit == "fraction":
        return f"{value:.3g}"
    if unit in ("count", ""):
        return number
    if unit == "magnitude":
        return f"magnitude {number}"
    if unit in MONEY:
        return f"{unit} {number}"
    return f"{number} {unit}"
