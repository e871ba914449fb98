"""Money written before a number: "$", "US$", "$US", "HK$", "EUR", "RM", "Rs", and the forms
scraping leaves of "£" and "¥" ("PS4.1m", "Y=250")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# Money written before a number. Longest first: "HK$" before "$".
CURRENCY_SYMBOLS: Final = {
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
DOLLAR_PREFIXES: Final = {
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
LETTER_PREFIXES: Final = {
    "rm": "MYR",
    "rs": "INR",
    "rs.": "INR",
    "rp": "IDR",
    "ksh": "KES",
    "sh": "KES",
}
ISO_CODES: Final = frozenset(
    """
    usd eur gbp jpy cny inr myr hkd aud sgd cad chf krw rub uah brl zar try mxn sek nok dkk pln
    nzd twd ils aed sar egp ngn kes idr thb vnd pkr ars clp cop czk huf ron qar kwd
    """.split()
)


# Currency signs as scraping mangles them: UTF-8 bytes read as Windows-1252.
_MANGLED: Final = (("â‚¬", "EUR"), ("Â£", "GBP"), ("Â¥", "JPY"), ("â‚¹", "INR"))


@dataclass(frozen=True, slots=True, init=False)
class CurrencyHit:
    """Money written before a number: the code and where its sign or letters start.
    (``__init__`` written out for mypyc, as ``unit_readers.UnitHit``'s.)"""

    code: str
    start: int

    def __init__(self, code: str, start: int) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "start", start)


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
