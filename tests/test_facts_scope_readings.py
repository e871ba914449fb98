"""Scopes read as the words mean them. "would" is the future of reported speech, not a number
that may come: "said it would pay EUR 4.20 a share" is the offer every other report gives.
"by" after a participle names who did it unless the participle is one of exceeding or change:
"attended by 58,730 spectators" is the attendance, not an excess. A rate adverb in a name is
no rate ("Harbour Daily reports"), and "daily" may stand well left of its sum. Invented
sentences (a snap election, a takeover bid, a ferry, a race), none from the benchmark."""

from __future__ import annotations

import facts_stories as stories

from store.figures import extract_article
from store.figures.claims import make_claims
from store.figures.compare import compare
from store.figures.facts import compatible


def _articles(*leads: str):
    return [stories.article("T", "2026-03-11", f"S{i}", lead) for i, lead in enumerate(leads)]


def _claims(*leads: str):
    articles = _articles(*leads)
    return make_claims([(i, a, extract_article(a)) for i, a in enumerate(articles)])


def test_a_cost_that_would_come_and_one_that_will_are_one_fact() -> None:
    articles = _articles(
        "A snap election would cost the treasury 84 million euros, the commission said.",
        "A snap election will cost the treasury 84 million euros, the commission said.",
    )
    table = compare([(i, a, extract_article(a)) for i, a in enumerate(articles)])
    rows = [r for r in table.rows if r.unit == "EUR"]
    assert len(rows) == 1 and set(rows[0].cells) == {0, 1}


def test_an_offer_in_reported_speech_is_the_offer() -> None:
    said, made = _claims(
        "Corriven said on Tuesday it would pay 4.20 euros a share for the club.",
        "Corriven's opening bid on Tuesday was 4.20 euros a share.",
    )
    assert said.scope == "" and made.scope == ""
    assert compatible(said, made)


def test_what_could_or_may_come_is_still_a_projection() -> None:
    could, sent, may = _claims(
        "Pyongyang could eventually send as many as 20,000 soldiers, officials said.",
        "Pyongyang has sent about 11,000 soldiers, officials said.",
        "The strike may cost the ports 40 million euros a week, the employers said.",
    )
    assert could.scope == "projected" and sent.scope == "" and may.scope == "projected"
    assert not compatible(could, sent)


def _scope(text: str, value: float) -> str:
    (claim,) = [c for c in _claims(text) if c.figure.value_low == value]
    return claim.scope


def test_by_after_a_participle_names_who_did_it_not_a_difference() -> None:
    assert _scope("The final was attended by 58,730 spectators, the club said.", 58730) == ""
    assert _scope("The race was started by more than 18,000 runners.", 18000) == ""
    assert _scope("The recount is carried out by 116 counting teams.", 116) == ""
    assert _scope("The 120 teams were joined by 85 more on Tuesday.", 85) == ""
    # A difference still is one: the excess is never the count aboard.
    assert _scope("The ferry was overloaded by 33 passengers.", 33) == "excess"
    assert _scope("The target was surpassed by 4,000 doses.", 4000) == "excess"
    assert _scope("The shelter was overcrowded by 60 people.", 60) == "excess"


def test_more_than_said_before_is_no_excess_of_the_count() -> None:
    said = "The airline will now cut 3,140 jobs, more than it first announced, the agency said."
    assert _scope(said, 3140) == ""
    assert _scope("The ferry carried 33 passengers more than allowed.", 33) == "excess"
    assert _scope("It was carrying 33 more passengers than allowed.", 33) == "excess"


def _rate(text: str, value: float) -> str:
    (claim,) = [c for c in _claims(text) if c.figure.value_low == value]
    return claim.rate


def test_a_rate_adverb_in_a_name_is_no_rate() -> None:
    assert _rate("Around 290,000 homes without power, Harbour Daily reports.", 290000) == ""
    assert _rate("The mill turns out 400 tonnes daily, the owners said.", 400) == "per day"


def test_a_daily_loss_named_before_its_sum_is_a_rate() -> None:
    said = "Analysts think the ferry line's real daily loss is closer to 7 million euros."
    assert _rate(said, 7_000_000) == "per day"
