"""Who-said-it rules of the nineteenth session, each on invented sentences (a fair, a museum,
a harbour), none from the benchmark stories."""

from __future__ import annotations

from store.figures import extract_article
from store.model import Article, Section


def _credit(lead: str, value: float) -> str:
    figures = extract_article(Article(title="t", lead=lead, sections=[Section("", ["No more."])]))
    return next(f for f in figures if f.value_low == value).attribution


def test_the_things_a_number_counts_never_confirm_it() -> None:
    """ "34 outbreaks confirmed": the outbreaks are counted, nobody is credited."""
    assert _credit("- 41 stalls confirmed, 12 of them from abroad", 41) == ""
    lead = "The 1 900 homes damaged were counted by the State Emergency Directorate."
    assert _credit(lead, 1900) == "State Emergency Directorate"
    # A year or a clock before the subject is no count of it.
    assert _credit("In 2024 police recorded 312 thefts at the fair.", 312) == "police"
    assert _credit("At 14:05 the harbour master announced that 126 boats had left.", 126) == (
        "harbour master"
    )
    assert _credit("Visitors reached 2,070, the organisers said.", 2070) == "organisers"


def test_a_time_after_a_source_s_name_is_no_part_of_it() -> None:
    lead = (
        "The hall, about 400 metres long, was last inspected 14 months ago, according to "
        "records published by the Ministry of Culture overnight."
    )
    assert _credit(lead, 400) == "Ministry of Culture"
    assert _credit("The museum drew 9,000 visitors, the Lorvik Post said yesterday.", 9000) == (
        "Lorvik Post"
    )
