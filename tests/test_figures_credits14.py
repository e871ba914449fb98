"""Who-said-it rules of the fourteenth session: words that name no source give no credit, and a
name is read whole."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.model import Article, Section


def _credits(lead: str) -> list[str]:
    got = extract_article(Article(title="t", lead=lead, sections=[Section("", ["No more."])]))
    return [f.attribution.removeprefix("the ") for f in got]


@pytest.mark.parametrize(
    "sentence",
    [
        "Turnout was 57.3% of some 4.8 million registered voters.",
        "Nationally, Yes was ahead with nearly 52% with most polling stations counted.",
        "The asphalt reached 51C, according to measurements by the Technical University.",
    ],
)
def test_a_number_a_share_or_a_bare_data_word_credits_nobody(sentence: str) -> None:
    credits = _credits(sentence)
    assert credits and all(c in ("", "Technical University") for c in credits), (
        credits
    )  # never "million", "most polling stations" or "measurements"


def test_a_phrase_of_place_before_the_subject_is_no_part_of_the_source() -> None:
    assert _credits("On its leak site the gang claims to hold 1.2 terabytes of files.") == ["gang"]


def test_an_outlet_named_today_keeps_its_whole_name() -> None:
    got = _credits("Kessin Today reported that the hospital is treating 55 patients.")
    assert got == ["Kessin Today"]
    assert _credits("The ministry today said 14 people had died.") == ["ministry"]
