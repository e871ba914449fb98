"""The unit vocabulary: one spelling per unit, what each measures, and how a value is worded.

``unit`` in a figure is always one of the canonical names here (``km``, ``km/h``, ``GB``, ``%``,
ISO 4217 codes for money, ``count``, ...), so scripts reading the JSON can rely on it; README
lists them. Each unit is one row of ``TABLE``: its name, the spellings written after a space
(matched case-insensitively, up to four words: "percentage points", "miles per hour"), the
spellings glued to the digits or hyphenated ("70mph", "6.7-inch"), and spellings that only count
in one letter case ("38C" is Celsius, "5G" is no unit). Adding a unit is adding a row.

The readers of these spellings after a number are in ``unit_readers``; money written before a
number ("$", "HK$", "EUR", "RM", the scraped "PS" for "£") in ``currency``. ``format_value``
words a value with its unit for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

# (canonical, kind, spaced spellings, glued/hyphenated spellings, case-sensitive glued ones)
TABLE: Final[tuple[tuple[str, str, str, str, str], ...]] = (
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


UNITS: Final[dict[str, Unit]] = {row[0]: Unit(row[0], row[1]) for row in TABLE}
UNITS["count"] = Unit("count", "count")
UNITS["fraction"] = Unit("fraction", "ratio")
MONEY: Final = frozenset(name for name, unit in UNITS.items() if unit.kind == "money")
DURATIONS: Final = frozenset(name for name, unit in UNITS.items() if unit.kind == "time")
# Units whose value is a share of something: the noun after them is no counted thing
# ("15% month on month"), the subject before them is.
SHARES: Final = frozenset({"%", "pp", "bp", "ppm"})
# Units a written sign makes a change rather than a signed level ("closed -0.8%").
SIGN_IS_CHANGE: Final = frozenset({"%", "pp", "bp", "points"})


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
_SCALES: Final = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


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
