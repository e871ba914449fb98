"""Spelled numbers of several words: "four and a half million", "a hundred and twenty",
"twenty-three thousand five hundred", "a two-billion-euro rescue". Each was read wrong before
(4.5 euros, 20 injured, 23,000 of "five"), a figure worse than none. Invented sentences."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.model import Article, Figure, Section


def _figures(lead: str) -> list[Figure]:
    return extract_article(Article(title="t", lead=lead, sections=[Section("", ["No more."])]))


def _values(lead: str) -> dict[float, Figure]:
    return {f.value_low: f for f in _figures(lead)}


@pytest.mark.parametrize(
    ("lead", "value", "unit"),
    [
        ("The league is losing three and a half million euros a month.", 3_500_000, "EUR"),
        ("The kidnappers asked for two and a half million dollars.", 2_500_000, "USD"),
        ("Nearly four and a half thousand lorries queued at the border.", 4_500, "count"),
    ],
)
def test_and_a_half_before_a_scale_scales_the_whole(lead: str, value: float, unit: str) -> None:
    values = _values(lead)
    assert value in values
    assert values[value].unit == unit
    assert value / 1_000_000 not in values and value / 1_000 not in values


def test_a_hundred_and_twenty_is_one_number() -> None:
    """Not a hundred and, apart, twenty."""
    values = _values("Six died and about a hundred and twenty were hurt in the stampede.")
    assert 120 in values
    assert 20 not in values


def test_thousands_then_hundreds_is_one_number() -> None:
    values = _values("Police sealed thirty-two thousand four hundred ballots in the vault.")
    assert values.get(32_400) is not None
    assert values[32_400].key == "ballot"


def test_two_scales_in_a_row_add_up_and_two_numbers_stay_two() -> None:
    """ "three million two hundred thousand" is one number; "five thousand and ten thousand"
    is never 15,000."""
    assert 3_200_000 in _values("Three million two hundred thousand voters turned out.")
    assert 15_000 not in _values("Between five thousand and ten thousand people marched.")


def test_a_hyphenated_scale_is_read() -> None:
    values = _values("Parliament passed a three-billion-euro aid package.")
    assert values.get(3e9) is not None
    assert values[3e9].unit == "EUR"


def test_accounts_after_a_number_are_counted() -> None:
    """ "accounts" stops a noun phrase as the verb of "accounts for"; after a number it is the
    noun."""
    assert _values("The exchange froze 12,400 accounts on Monday.")[12_400].key == "account"
    assert _values("Tourism accounts for 12 percent of output.")[12].unit == "%"


@pytest.mark.parametrize(
    ("lead", "value", "unit"),
    [
        ("The flight took 1 hour 40 minutes.", 100, "minutes"),
        ("The talks lasted three hours and 20 minutes.", 200, "minutes"),
        ("She won in two hours, 14 minutes and 37 seconds.", 8077, "seconds"),
        ("The winner ran two hours fourteen minutes thirty-seven seconds.", 8077, "seconds"),
    ],
)
def test_a_length_of_time_in_parts_is_one_figure(lead: str, value: float, unit: str) -> None:
    """ "1 hour 40 minutes" is 100 minutes, never a "1 hour" and a "40 minutes" of its own."""
    figs = _figures(lead)
    assert [(f.value_low, f.unit) for f in figs] == [(value, unit)]
    assert figs[0].key == unit


def test_parts_that_do_not_make_one_length_stay_apart() -> None:
    """A part too big for its unit ("5 hours and 90 minutes") is no part of one length."""
    assert len(_figures("It took 5 hours and 90 minutes.")) == 2
