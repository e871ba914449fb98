"""How numbers are written: separators, decimals, scales, spelled-out and vague numbers, ranges."""

from __future__ import annotations

import pytest

from store.figures import extract_text
from store.figures.numbers import format_value, words_value


def one(text: str):
    figs = extract_text(text)
    assert len(figs) == 1, [(f.value_low, f.key) for f in figs]
    return figs[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials counted 11,000 volunteers at the rally.", 11000),
        ("Officials counted 3 000 volunteers at the rally.", 3000),
        ("Officials counted 3\u00a0000 volunteers at the rally.", 3000),
        ("Officials counted 3\u202f000 volunteers at the rally.", 3000),
        ("Officials counted 12500 volunteers at the rally.", 12500),
        ("Officials counted 1,250,000 volunteers at the rally.", 1250000),
    ],
)
def test_thousands_separators(text: str, value: float) -> None:
    fig = one(text)
    assert fig.value_low == fig.value_high == value
    assert fig.key == "volunteer"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The fund holds $1.5bn for repairs.", 1.5e9, "USD"),
        ("The fund holds €2.25 billion for repairs.", 2.25e9, "EUR"),
        ("The port moved 2.1 million tonnes of maize.", 2.1e6, "t"),
        ("The march drew 40k cyclists.", 40000, "count"),
        ("The city spent £3m on lamps.", 3e6, "GBP"),
        ("The levy raised UAH 4.2 trillion over the decade.", 4.2e12, "UAH"),
        ("Turnout was 61.7% in the capital.", 61.7, "%"),
    ],
)
def test_decimals_scales_and_currencies(text: str, value: float, unit: str) -> None:
    fig = one(text)
    assert fig.value_low == pytest.approx(value)
    assert fig.unit == unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Three ambulances arrived within minutes.", 3),
        ("Twenty-five ambulances arrived within minutes.", 25),
        ("A thousand ambulances were ordered.", 1000),
        ("Two hundred thousand leaflets were printed.", 200000),
        ("Half a million leaflets were printed.", 500000),
        ("A dozen ambulances arrived.", 12),
    ],
)
def test_spelled_out_numbers(text: str, value: float) -> None:
    assert one(text).value_low == value


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Dozens of fishermen were rescued.", 24, 99),
        ("Hundreds of fishermen were rescued.", 200, 999),
        ("Thousands of fishermen were rescued.", 2000, 9999),
        ("Tens of thousands of fishermen were rescued.", 20000, 99999),
    ],
)
def test_vague_quantities_are_ranges(text: str, low: float, high: float) -> None:
    fig = one(text)
    assert (fig.value_low, fig.value_high, fig.bound) == (low, high, "range")


@pytest.mark.parametrize(
    "text",
    [
        "Between 1,000 and 3,000 volunteers signed up.",
        "Some 1,000 to 3,000 volunteers signed up.",
        "Roughly 1,000–3,000 volunteers signed up.",
        "From 1,000 to 3,000 volunteers signed up.",
        "Organisers expect 1,000-3,000 volunteers.",
    ],
)
def test_ranges(text: str) -> None:
    fig = one(text)
    assert (fig.value_low, fig.value_high, fig.bound) == (1000, 3000, "range")
    assert fig.key == "volunteer"


def test_range_shares_a_scale_written_once() -> None:
    fig = one("The repairs will cost $2-3bn over a decade.")
    assert (fig.value_low, fig.value_high) == (2e9, 3e9)
    fig = one("Between 4 and 6 million households lost power.")
    assert (fig.value_low, fig.value_high) == (4e6, 6e6)


def test_words_value_and_format_value() -> None:
    assert words_value("forty-two") == 42
    assert words_value("seven hundred") == 700
    assert words_value("nonsense") is None
    assert format_value(2_100_000) == "2.1m"
    assert format_value(11_000) == "11,000"
    assert format_value(3.5e9) == "3.5bn"
