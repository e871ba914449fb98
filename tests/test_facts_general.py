"""Rules of the facts diff written for text the benchmark stories were not written for: each
on invented sentences (a ferry, a ministry bulletin, a blackout...), none from the benchmark."""

from __future__ import annotations

import facts_stories as stories

from store.figures import extract_article
from store.figures.compare import compare


def _figures(lead: str, *body: str, published: str = "2025-05-02"):
    return extract_article(stories.article("T", published, "Outlet", lead, body=body))


def _credit(value: float, lead: str, *body: str) -> str:
    return next(f.attribution for f in _figures(lead, *body) if f.value_low == value)


def _table(articles):
    return compare([(i, a, extract_article(a)) for i, a in enumerate(articles)])


def _rows_with(table, article: int, value: float):
    return [r for r in table.rows if any(f.value_low == value for f in r.cells.get(article, []))]


def test_a_participle_of_an_earlier_clause_is_no_part_of_the_source() -> None:
    """ "reached" of "The number of deaths reached 60" is no "officials reached by phone"."""
    got = _credit(60, "The number of fatalities reached 60, the regional governor said.")
    assert got == "regional governor"


def test_a_body_named_only_generically_is_still_the_source() -> None:
    assert _credit(300, "Casualties rose to 300, according to the army.") == "army"
    assert _credit(40, "The fund lost 40% of its value, the regulator said.") == "regulator"


def test_a_pronoun_takes_the_body_opening_an_earlier_sentence() -> None:
    lead = "The Varna Coast Guard gave an update on Monday. It said 41 people had died."
    assert _credit(41, lead) == "Varna Coast Guard"
    body = "It said 41 people had died and 212 were rescued."
    assert _credit(212, "The Varna Coast Guard gave an update on Monday.", body) == (
        "Varna Coast Guard"
    )
    assert _credit(212, "The ministry said 41 died. It added that 212 were rescued.") == (
        "ministry"
    )
