"""Check the hand-annotated figure gold sets (bench/gold/sentences_*.json).

Validates the shape described in bench/gold/CONVENTIONS.md and prints sentence and figure
counts per file and per genre. Usage: python bench/gold/check_gold.py [FILE ...]
(without arguments every sentences_*.json next to this script is checked). Exits 1 on errors.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent

GENRES = frozenset(
    "markets economy sports tech autos health weather science politics crime war".split()
)
BOUNDS = frozenset({"=", "~", ">", ">=", "<", "<=", "range"})
CHANGES = frozenset({"", "up", "down"})

# ISO 4217 codes (CONVENTIONS.md names the common ones and allows the rest), plus pence.
CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
    BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR
    FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
    JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT
    MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG
    QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS
    TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR
    ZMW ZWL GBX""".split()
)

# The unit vocabulary of CONVENTIONS.md ("Unit (one spelling each)"), money aside.
UNITS = (
    frozenset(
        """count % pp bp fraction x
        mm cm m km in ft yd mi nm nmi  m² km² ha acres ft² mi²  ml l m³ gal bbl
        mg g kg t lb oz  km/h mph m/s kn  W kW MW GW hp  Wh kWh MWh GWh TWh kcal J
        lb-ft Nm  Hz kHz MHz GHz  KB MB GB TB PB  Mbps Gbps  °C °F  hPa  mpg
        seconds minutes hours days weeks months years  points runs goals yards  magnitude""".split()
    )
    | CURRENCIES
)

SENTENCE_FIELDS = frozenset({"id", "genre", "text", "figures"})
FIGURE_FIELDS = frozenset({"text", "value_low", "value_high", "bound", "unit", "change", "key"})
OPTIONAL_FIGURE_FIELDS = frozenset({"from"})
ID_RE = re.compile(r"^([a-z]+)-(\d+)$")


def is_number(value: Any) -> bool:
    """True for a finite int or float (bools are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def check_figure(fig: Any, where: str, sentence_text: str) -> list[str]:
    """Return the problems of one figure object."""
    if not isinstance(fig, dict):
        return [f"{where}: figure is not an object"]
    errors: list[str] = []
    missing = FIGURE_FIELDS - fig.keys()
    unknown = fig.keys() - FIGURE_FIELDS - OPTIONAL_FIGURE_FIELDS
    if missing:
        errors.append(f"{where}: missing fields {sorted(missing)}")
    if unknown:
        errors.append(f"{where}: unknown fields {sorted(unknown)}")
    text = fig.get("text")
    if not isinstance(text, str) or not text.strip():
        errors.append(f"{where}: text must be a non-empty string")
    elif text not in sentence_text:
        errors.append(f"{where}: text {text!r} does not occur verbatim in the sentence")
    low, high = fig.get("value_low"), fig.get("value_high")
    values_ok = is_number(low) and is_number(high)
    if not values_ok:
        errors.append(f"{where}: value_low/value_high must be numbers ({low!r}, {high!r})")
    elif low > high:
        errors.append(f"{where}: value_low {low} > value_high {high}")
    bound = fig.get("bound")
    if bound not in BOUNDS:
        errors.append(f"{where}: bound {bound!r} not in {sorted(BOUNDS)}")
    elif values_ok and bound != "range" and low != high:
        errors.append(f"{where}: bound {bound!r} needs value_low == value_high")
    elif values_ok and bound == "range" and low == high:
        errors.append(f"{where}: a range needs two different ends")
    unit = fig.get("unit")
    if unit not in UNITS:
        errors.append(f"{where}: unit {unit!r} is not in the vocabulary")
    change = fig.get("change")
    if change not in CHANGES:
        errors.append(f"{where}: change {change!r} not in {sorted(CHANGES)}")
    if "from" in fig:
        if not change:
            errors.append(f"{where}: 'from' is only allowed on a change (up/down)")
        if not is_number(fig["from"]):
            errors.append(f"{where}: 'from' must be a number")
    key = fig.get("key")
    if not isinstance(key, str):
        errors.append(f"{where}: key must be a string")
    elif key != key.lower() or key != key.strip():
        errors.append(f"{where}: key {key!r} must be lowercase without outer spaces")
    return errors


def check_sentence(sent: Any, where: str) -> list[str]:
    """Return the problems of one sentence object and its figures."""
    if not isinstance(sent, dict):
        return [f"{where}: sentence is not an object"]
    errors: list[str] = []
    missing = SENTENCE_FIELDS - sent.keys()
    unknown = sent.keys() - SENTENCE_FIELDS
    if missing:
        errors.append(f"{where}: missing fields {sorted(missing)}")
    if unknown:
        errors.append(f"{where}: unknown fields {sorted(unknown)}")
    genre = sent.get("genre")
    if genre not in GENRES:
        errors.append(f"{where}: genre {genre!r} not in {sorted(GENRES)}")
    sid = sent.get("id")
    match = ID_RE.match(sid) if isinstance(sid, str) else None
    if not match:
        errors.append(f"{where}: id {sid!r} is not like 'markets-001'")
    elif match.group(1) != genre:
        errors.append(f"{where}: id {sid!r} does not start with its genre {genre!r}")
    text = sent.get("text")
    if not isinstance(text, str) or not text.strip():
        errors.append(f"{where}: text must be a non-empty string")
        text = ""
    figures = sent.get("figures")
    if not isinstance(figures, list):
        errors.append(f"{where}: figures must be a list")
        return errors
    for i, fig in enumerate(figures):
        errors += check_figure(fig, f"{where} figure {i}", text)
    return errors


def ambiguous_texts(sent: dict[str, Any]) -> list[str]:
    """Figure texts that occur more than once in their sentence (location is ambiguous)."""
    text = sent.get("text")
    figures = sent.get("figures")
    if not isinstance(text, str) or not isinstance(figures, list):
        return []
    found = []
    for fig in figures:
        ftext = fig.get("text") if isinstance(fig, dict) else None
        if isinstance(ftext, str) and ftext and text.count(ftext) > 1:
            found.append(ftext)
    return found


def load(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Load one gold file; return its sentence objects and top-level problems."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [], [f"{path.name}: cannot load: {exc}"]
    if not isinstance(data, dict):
        return [], [f"{path.name}: top level is not an object"]
    errors = []
    if not isinstance(data.get("notes"), str):
        errors.append(f"{path.name}: 'notes' must be a string")
    sentences = data.get("sentences")
    if not isinstance(sentences, list):
        return [], errors + [f"{path.name}: 'sentences' must be a list"]
    return sentences, errors


def count_table(rows: Iterable[tuple[str, int, int, int]], title: str) -> str:
    """Format (name, sentences, figures, empty) rows as a small table."""
    lines = [f"{title:<28} {'sentences':>9} {'figures':>8} {'no-figure':>9}"]
    total = [0, 0, 0]
    for name, n_sent, n_fig, n_empty in rows:
        lines.append(f"  {name:<26} {n_sent:>9} {n_fig:>8} {n_empty:>9}")
        total = [total[0] + n_sent, total[1] + n_fig, total[2] + n_empty]
    lines.append(f"  {'total':<26} {total[0]:>9} {total[1]:>8} {total[2]:>9}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Check the given files (or every gold file), print counts, return the exit code."""
    paths = [Path(a) for a in argv] or sorted(GOLD_DIR.glob("sentences_*.json"))
    if not paths:
        print("no sentences_*.json files found", file=sys.stderr)
        return 1
    errors: list[str] = []
    seen_ids: dict[str, str] = {}
    per_genre: dict[str, list[int]] = {}
    texts: Counter[str] = Counter()
    warnings: list[str] = []
    for path in paths:
        sentences, file_errors = load(path)
        errors += file_errors
        genre_rows: dict[str, list[int]] = {}
        for i, sent in enumerate(sentences):
            sid = sent.get("id") if isinstance(sent, dict) else None
            where = f"{path.name} [{i}] {sid}"
            errors += check_sentence(sent, where)
            if isinstance(sid, str):
                if sid in seen_ids:
                    errors.append(f"{where}: id also used in {seen_ids[sid]}")
                seen_ids.setdefault(sid, path.name)
            if not isinstance(sent, dict):
                continue
            texts[str(sent.get("text"))] += 1
            for ftext in ambiguous_texts(sent):
                warnings.append(f"{where}: figure text {ftext!r} occurs more than once")
            figures = sent.get("figures")
            n_fig = len(figures) if isinstance(figures, list) else 0
            genre = str(sent.get("genre"))
            for table in (genre_rows, per_genre):
                row = table.setdefault(genre, [0, 0, 0])
                row[0] += 1
                row[1] += n_fig
                row[2] += n_fig == 0
        rows = [(g, *genre_rows[g]) for g in sorted(genre_rows)]
        print(count_table(rows, path.name))
        print()
    if len(paths) > 1:
        print(count_table([(g, *per_genre[g]) for g in sorted(per_genre)], "all files"))
        print()
    for text, n in sorted(texts.items()):
        if n > 1:
            warnings.append(f"sentence text used {n} times: {text!r}")
    for warning in warnings:
        print(f"warning: {warning}")
    for error in errors:
        print(f"error: {error}")
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
