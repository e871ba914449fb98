"""The words around a number: hedges on the left, units and non-figure signals on the right.

Each pattern here is anchored at the number's edge (``match`` at its end, or a ``$``-anchored
search over a short window before its start), so looking around a candidate costs a few
microseconds whatever the length of the article.
"""

from __future__ import annotations

import re

# Hedge words before a number and the bound they give. Longest phrases first in the pattern.
HEDGES: dict[str, str] = {
    "about": "~",
    "around": "~",
    "round about": "~",
    "approximately": "~",
    "approx.": "~",
    "roughly": "~",
    "some": "~",
    "nearly": "~",
    "almost": "~",
    "close to": "~",
    "an estimated": "~",
    "estimated": "~",
    "circa": "~",
    "an approximate": "~",
    "up to": "<=",
    "as many as": "<=",
    "as much as": "<=",
    "at most": "<=",
    "no more than": "<=",
    "not more than": "<=",
    "a maximum of": "<=",
    "more than": ">",
    "over": ">",
    "just over": ">",
    "well over": ">",
    "above": ">",
    "upwards of": ">",
    "in excess of": ">",
    "exceeding": ">",
    "at least": ">=",
    "no fewer than": ">=",
    "no less than": ">=",
    "not less than": ">=",
    "not fewer than": ">=",
    "a minimum of": ">=",
    "fewer than": "<",
    "less than": "<",
    "under": "<",
    "just under": "<",
    "below": "<",
}
# Longest hedge in words; the extractor tries the last 3, 2, then 1 words before a number.
HEDGE_MAX_WORDS = max(len(h.split()) for h in HEDGES)
# The last word of every hedge: a number after any other word has no hedge, and the extractor
# skips joining the last 3, 2 and 1 words to look them up (most numbers have no hedge).
HEDGE_LAST_WORDS = frozenset(h.split()[-1] for h in HEDGES)
# Words before a number that open a range: "between X and Y", "from X to Y".
RANGE_OPENERS = frozenset({"between", "from"})
# What joins the two ends of a range (after the first number and its unit, if any).
RANGE_JOIN_RE = re.compile(r"[ \u00a0]*(?:(?P<dash>[-–—])|\s(?P<word>to|and)\s)[ \u00a0]*", re.I)

# Bound markers after a number: "300 or more", "300-plus", "300+".
AFTER_BOUND_RE = re.compile(
    r"(?:\s+or\s+(?P<ge>more|above|greater)|\s+or\s+(?P<le>fewer|less|below)"
    r"|(?P<gt>\+|-plus\b|\s+plus\b(?!\s+\w+\s+(?:of|in)\b))|\s+or\s+so\b(?P<approx>))",
    re.IGNORECASE,
)

# The same after the counted noun: "640 sailors or more".
AFTER_NOUN_BOUND_RE = re.compile(
    r"(?:[ \u00a0]+[A-Za-z'’-]+){1,3}?[ \u00a0]+or[ \u00a0]+"
    r"(?:(?P<ge>more|above|greater)|(?P<le>fewer|less|below))\b",
    re.IGNORECASE,
)

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
MONTH_AFTER_RE = re.compile(rf"\s*(?:of\s+)?(?:{MONTHS})\b", re.IGNORECASE)
MONTH_WORDS = frozenset(MONTHS.split("|"))

# Things glued to or right after a number that say it is no figure at all.
NOT_FIGURE_AFTER_RE = re.compile(
    r"""(?:
        (?:st|nd|rd|th)\b                               # ordinals: 2nd, 21st
      | s\b                                             # decades: 1990s
      | :\d                                             # times: 14:05
      | \s?(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|cet\b|est\b|bst\b|hrs\b|h\b|o['’]clock)
      | -(?:mm|millimet(?:re|er))\b                     # calibres: 170-mm
      | \s?(?:mm|millimet(?:re|er))\b(?=\s+(?!(?:of|in|on|at|for|over|during|within|since
          |by|and|or|a|an|per|to|from|the|this|that|last|across|than)\b)[a-z])   # 155mm guns
      | -?(?:calibre|caliber|cal)\b
      | -?(?:years?|months?|weeks?|days?)[-\s]old\b     # ages
      | \s(?:years?|months?)\s+old\b
      | \s?(?:views?|px|pt|likes?|shares|comments?|followers|subscribers|retweets|reposts)\b
      | \s+min(?:ute)?s?\s+read\b
      | [/.]\d                                          # 12/03, 1.2.3
      | [A-Za-z]*\d                                     # codes: 4x4, 7B12
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Words right before a number that make it a name or a code ("Article 5", "No. 10").
NAME_WORDS = frozenset(
    """
    no no. nos number article articles resolution page chapter section route highway flight
    line platform room level grade phase season episode vol vol. volume part paragraph clause
    rule item category bus tram gate block unit building apartment house street version model
    type class stage step day week channel pier
    """.split()
)
MONTH_WORDS_DOT = MONTH_WORDS | frozenset(m + "." for m in MONTH_WORDS)

# Units after a number, in one alternation; the named group says which unit matched.
_UNIT_TABLE: list[tuple[str, str]] = [
    ("pct", r"\s?%|\s?per\s?cent\b|\s?percent\b|\s?pct\b"),
    ("pp", r"\s?(?:percentage|per\s?cent(?:age)?)\s+points?\b|\s?pp\b"),
    ("km2", r"\s?(?:km²|km2\b|sq\.?\s?km\b|square\s+kilomet(?:re|er)s?\b)"),
    ("mi2", r"\s?(?:sq\.?\s?mi(?:les?)?\b|square\s+miles?\b)"),
    ("ha", r"\s?(?:hectares?\b|ha\b)"),
    ("km", r"\s?(?:km\b|kilomet(?:re|er)s?\b)"),
    ("mi", r"\s(?:miles?\b)"),
    ("ft", r"\s(?:feet|foot|ft)\b"),
    ("m", r"\s?(?:metres?\b|meters?\b)"),
    ("mm", r"\s?(?:mm|millimet(?:re|er)s?)\b"),
    ("t", r"\s(?:metric\s+)?(?:tonnes?|tons?)\b"),
    ("kg", r"\s?(?:kg\b|kilo(?:gram(?:me)?)?s?\b)"),
    ("bbl", r"\s(?:barrels?\b(?:\s+(?:a|per)\s+day\b)?|bpd\b|bbl\b)"),
    ("bcm", r"\s(?:bcm\b|cubic\s+met(?:re|er)s?\b)"),
    ("l", r"\s(?:lit(?:re|er)s?\b)"),
    ("mw", r"\s?(?:mw\b|megawatts?\b)"),
    ("gw", r"\s?(?:gw\b|gigawatts?\b)"),
    ("degc", r"\s?(?:°\s?c\b|degrees?\s+celsius\b)|(?-i:C)\b"),
    ("ppm", r"\s(?:parts\s+per\s+million|ppm)\b"),
    ("usd", r"\s(?:us\s+)?dollars?\b|\susd\b"),
    ("eur", r"\s(?:euros?\b|eur\b)"),
    ("gbp", r"\s(?:pounds?\s+sterling|pounds?)\b|\sgbp\b"),
    ("rub", r"\s(?:roubles?|rubles?|rub)\b"),
    ("uah", r"\s(?:hryvnias?|hryvnia|hryvnas?|uah)\b"),
    ("cny", r"\s(?:yuan|renminbi|cny)\b"),
    ("jpy", r"\s(?:yen|jpy)\b"),
    ("inr", r"\s(?:rupees?|inr)\b"),
    ("chf", r"\s(?:swiss\s+)?francs?\b|\schf\b"),
    ("cents", r"\s(?:cents?)\b"),
    ("zar", r"\s(?:rand)\b"),
    ("try", r"\s(?:liras?|lira)\b"),
    ("pln", r"\s(?:zlotys?|zloty)\b"),
    ("sek", r"\s(?:kronor|kronas?|krona)\b"),
    ("ils", r"\s(?:shekels?)\b"),
    ("pesos", r"\s(?:pesos?)\b"),
    ("dinars", r"\s(?:dinars?)\b"),
    ("dirhams", r"\s(?:dirhams?)\b"),
    ("riyals", r"\s(?:riyals?|rials?)\b"),
    ("years", r"\s(?:years?)\b"),
    ("months", r"\s(?:months?)\b"),
    ("weeks", r"\s(?:weeks?)\b"),
    ("days", r"\s(?:days?)\b"),
    ("hours", r"\s(?:hours?)\b"),
]
UNIT_NAMES = {
    "pct": "%",
    "pp": "pp",
    "km2": "km²",
    "mi2": "sq mi",
    "ha": "ha",
    "km": "km",
    "mi": "miles",
    "ft": "ft",
    "m": "m",
    "mm": "mm",
    "t": "tonnes",
    "kg": "kg",
    "bbl": "barrels",
    "bcm": "bcm",
    "l": "litres",
    "mw": "MW",
    "gw": "GW",
    "degc": "°C",
    "ppm": "ppm",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rub": "RUB",
    "uah": "UAH",
    "cny": "CNY",
    "jpy": "JPY",
    "inr": "INR",
    "chf": "CHF",
    "cents": "cents",
    "zar": "ZAR",
    "try": "TRY",
    "pln": "PLN",
    "sek": "SEK",
    "ils": "ILS",
    "pesos": "pesos",
    "dinars": "dinars",
    "dirhams": "dirhams",
    "riyals": "riyals",
    "years": "years",
    "months": "months",
    "weeks": "weeks",
    "days": "days",
    "hours": "hours",
}
CURRENCIES = frozenset(
    {"ZAR", "TRY", "PLN", "SEK", "ILS", "pesos", "dinars", "dirhams", "riyals"}
) | frozenset(
    {
        "USD",
        "EUR",
        "GBP",
        "RUB",
        "UAH",
        "CNY",
        "JPY",
        "INR",
        "CHF",
        "AUD",
        "CAD",
        "HKD",
        "KRW",
        "cents",
    }
)
DURATIONS = frozenset({"years", "months", "weeks", "days", "hours"})
UNIT_RE = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNIT_TABLE), re.IGNORECASE
)

# Change verbs: the number is a change ("rose 15%", "fell by $2bn", "up 19 cents").
UP_WORDS = frozenset(
    """
    rose risen rise rises rising increased increases increase increasing grew grown grow grows
    growing climbed climbs climb jumped jumps jump soared soars surged surges surge gained gains
    gain up higher added adds rallied advanced advances spiked boosted raised expanded widened
    swelled
    """.split()
)
DOWN_WORDS = frozenset(
    """
    fell fallen fall falls falling dropped drops drop declined declines decline decreased
    decreases decrease down lower slid slides slipped slumped slumps plunged plunges plummeted
    tumbled tumbles sank sinks shrank shrunk shrinks lost loses cut cuts eased eases contracted
    narrowed dipped dips reduced slashed retreated
    """.split()
)
CHANGE_RIGHT_RE = re.compile(
    r"[ \u00a0]+(?:(?P<up>rise|increase|jump|gain|surge|growth|hike|higher|up)"
    r"|(?P<down>drop|fall|decline|decrease|cut|reduction|slump|lower|down|loss))\b",
    re.IGNORECASE,
)


# The first word of every unit above, for a cheap test before the (slow) unit pattern runs.
UNIT_FIRST_WORDS = frozenset(
    """
    per percent pct percentage pp km km² km2 sq sq. square hectares hectare ha kilometres
    kilometers kilometre kilometer miles mile feet foot ft metres metre meters meter mm
    millimetres millimeters millimetre millimeter metric tonnes tonne tons ton kg kilograms
    kilogrammes kilogramme kilogram kilos kilo barrels barrel bpd bbl bcm cubic litres liters
    litre liter mw megawatts megawatt gw gigawatts gigawatt °c degrees degree parts ppm us
    dollars dollar usd euros euro eur pounds pound gbp roubles rouble rubles ruble rub
    hryvnias hryvnia hryvnas hryvna uah yuan renminbi cny yen jpy rupees rupee inr swiss francs
    franc chf cents cent rand lira liras zloty zlotys kronor krona kronas shekels shekel pesos
    peso dinars dinar dirhams dirham riyals riyal rials rial years year months month weeks week
    days day hours hour
    """.split()
)
# The same for what makes a number no figure ("9 am", "24196 views", "16 px", "5 min read").
NOT_FIGURE_FIRST_WORDS = frozenset(
    """
    a.m. p.m. am pm gmt utc cet est bst hrs h o'clock o’clock mm millimetre millimeter
    millimetres millimeters years year months month views view px pt likes like shares comments
    comment followers subscribers retweets reposts min mins minute minutes
    """.split()
)
_TRAILING = ".,;:!?)]}\"'”’"


def _next_word(text: str, pos: int) -> str:
    """The lowercase word after the single space at ``pos`` (punctuation after it dropped)."""
    chunk = text[pos + 1 : pos + 16]
    parts = chunk.split(None, 1)
    if not parts or chunk[:1].isspace():
        return ""
    word = parts[0].lower()
    stripped = word.rstrip(_TRAILING)
    return stripped or word


def unit_may_follow(text: str, pos: int) -> bool:
    """False when no unit can start at ``pos``, so ``UNIT_RE`` need not run (it is slow)."""
    if pos >= len(text):
        return False
    ch = text[pos]
    if ch.isalpha() or ch in "%°":
        return True
    if ch not in " \u00a0":
        return False
    word = _next_word(text, pos)
    return word in UNIT_FIRST_WORDS or word[:1] in ("%", "°") or word.startswith("km")


def not_figure_may_follow(text: str, pos: int) -> bool:
    """False when ``NOT_FIGURE_AFTER_RE`` cannot match at ``pos`` (a cheap test first)."""
    if pos >= len(text):
        return False
    ch = text[pos]
    if ch not in " \u00a0\t":
        return True
    return _next_word(text, pos) in NOT_FIGURE_FIRST_WORDS


def may_follow(text: str, pos: int) -> tuple[bool, bool]:
    """``(unit_may_follow(text, pos), not_figure_may_follow(text, pos))`` in one look.

    Every digit candidate asks both at its end; reading the next word once instead of twice
    saves a slice, a split and a lowercasing per candidate. ``text`` may be the lowercased text
    (offsets kept): the answers only depend on ASCII words, which lowercase alike either way.
    """
    if pos >= len(text):
        return False, False
    ch = text[pos]
    if ch == " " or ch == "\u00a0":
        word = _next_word(text, pos)
        unit = word in UNIT_FIRST_WORDS or word[:1] in ("%", "°") or word.startswith("km")
        return unit, word in NOT_FIGURE_FIRST_WORDS
    if ch == "\t":
        return False, _next_word(text, pos) in NOT_FIGURE_FIRST_WORDS
    return ch.isalpha() or ch in "%°", True
