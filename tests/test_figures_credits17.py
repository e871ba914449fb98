"""Who-said-it rules of the seventeenth session, learnt from a batch of stories scored blind
(a stock sell-off, a nurses' strike, a crypto-exchange hack, a cycling crash). Every sentence
here is invented for the rule, in other domains than those stories."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.model import Article, Figure, Section


def _figures(lead: str, body: str = "No more.") -> list[Figure]:
    return extract_article(Article(title="t", lead=lead, sections=[Section("", [body])]))


def _credit(lead: str, value: float, body: str = "No more.") -> str:
    fig = next(f for f in _figures(lead, body) if f.value_low == value)
    return fig.attribution.removeprefix("the ")


def test_an_outlet_which_cited_a_body_relays_the_number_before_it() -> None:
    """ "..., according to Harbour Today, which cited the port authority": the authority."""
    lead = (
        "Some 2,300 containers are stuck on the quays, according to Harbour Today, "
        "which cited the port authority."
    )
    assert _credit(lead, 2300) == "port authority"
    who = "The fair drew 41,000 visitors, according to Expo Daily, who cited the organisers."
    assert _credit(who, 41000) == "organisers"


@pytest.mark.parametrize(
    ("sentence", "value", "source"),
    [
        (
            "According to the estimation of the transport ministry, the closure cost "
            "EUR 18 million.",
            18_000_000,
            "transport ministry",
        ),
        (
            "According to calculations of the Dorvan Institute, repairs will take 14 weeks.",
            14,
            "Dorvan Institute",
        ),
    ],
)
def test_the_estimate_of_a_body_is_the_body_s(sentence: str, value: float, source: str) -> None:
    assert _credit(sentence, value) == source


def test_a_body_named_in_lowercase_before_its_data_gives_them() -> None:
    """ "..., airport data show" names no one; "..., ministry data show" names the ministry."""
    lead = "Some 9,400 pupils missed school last week, ministry data show."
    assert _credit(lead, 9400) == "ministry"


def test_a_thing_that_counts_yields_to_the_body_closing_the_sentence() -> None:
    """A list "counts" persons but says nothing; a company that counted them speaks."""
    lead = "The register of unpaid fines counts 31 400 drivers, informed the traffic police."
    assert _credit(lead, 31400) == "traffic police"
    named = "Brenn Water counted 8,200 homes without water on Friday, KNA said."
    assert _credit(named, 8200) == "Brenn Water"


def test_an_owner_s_tally_of_something_is_its_own() -> None:
    """ "The league's count of the spectators stood at 18,000": the league's count."""
    lead = "The league's count of the spectators stood at 18,000 on Sunday."
    assert _credit(lead, 18000) == "league"


def test_it_after_a_body_s_tally_stands_for_the_body_named_before() -> None:
    """ "The exchange's tally ..., it said": "it" is the exchange, a name read earlier, never
    the word "The"."""
    lead = "Trading was halted for 25 minutes in all on Monday, the Kerro Exchange said."
    body = "The exchange's tally of cancelled orders stands at about 6,100, it said."
    assert _credit(lead, 6100, body) == "Kerro Exchange"


def test_what_an_outlet_cites_is_no_subject_of_a_verb() -> None:
    """ "citing ministry estimates" names the ministry, never a source "citing ministry"."""
    lead = "The agency put the bill for the floods at €42m, citing ministry estimates."
    body = "Some 9,000 homes were damaged, the Daily reported, quoting ministry data."
    assert _credit(lead, 42_000_000, body) == "ministry"
    assert _credit(lead, 9000, body) == "ministry"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Fourteen ferries now cancelled.", 14),  # the things counted open the sentence
        ("2 310 lab-confirmed infections are registered.", 2310),  # a compound, no verb
        ("The quay was flooded, with the water level put at 3.4 metres.", 3.4),  # a passive
    ],
)
def test_what_is_counted_or_put_is_no_source(sentence: str, value: float) -> None:
    assert _credit(sentence, value) == ""


def test_a_body_that_put_a_number_at_in_a_relative_clause_gives_it() -> None:
    """ "Reserves, which the grid operator put at 4,100 MW on Monday, ...": its object."""
    lead = "Reserves, which the grid operator put at 4,100 MW on Monday, are thin, traders said."
    assert _credit(lead, 4100) == "grid operator"


def test_a_pollster_s_survey_published_by_an_outlet_is_the_pollster_s() -> None:
    lead = (
        "A Norring Polls survey published by Harbour Today on Monday put support for the "
        "plan at 38 per cent."
    )
    assert _credit(lead, 38) == "Norring Polls"


def test_a_body_s_estimate_of_a_number_is_the_body_s() -> None:
    """ "against the coastguard's radar-based estimate of about 40 knots": the coastguard's
    (not "against the coastguard"); a number after it is not the coastguard's."""
    lead = (
        "Sailors reported a calmer sea, against the coastguard's radar-based estimate of 40 knots."
    )
    assert _credit(lead, 40) == "coastguard"
    two = "The union's estimate of 9,000 marchers was far above the police figure of 4,000."
    assert _credit(two, 4000) != "union"  # a later number is never the owner's


def test_who_measured_a_number_gives_it_inside_what_an_outlet_reports() -> None:
    """ "Harbour Today reported that a Brenn Institute crew had measured waves of 11 metres":
    the crew that measured, whom the outlet only relays."""
    lead = "Harbour Today reported that a Brenn Institute crew had measured waves of 11 metres."
    assert "Brenn Institute" in _credit(lead, 11)


def test_a_sentence_opening_with_the_names_no_source_the() -> None:
    """ "The pier's weight limit ..., she told ...": "she" stands for no one named, never for
    the article "The" that opens the sentence."""
    lead = "The pier's weight limit was 12 tonnes, she told Radio Harlow on Friday."
    assert _credit(lead, 12) == ""


def test_recalls_the_body_after_a_comma_credits_it_but_a_recall_is_no_credit() -> None:
    """ ", recalls the Chamber." credits the Chamber; "Brenn recalled 9,000 kettles" is a
    product recall, no source."""
    lead = "The 2019 walkout lasted 22 days, recalls the Chamber of Shipping."
    assert _credit(lead, 22) == "Chamber of Shipping"
    assert _credit("Brenn recalled 9,000 kettles on Monday.", 9000) == ""


def test_a_body_that_puts_a_number_nearer_another_gives_it() -> None:
    """ "puts the queue nearer 40 km" is a put without "at": the federation's number."""
    plain = "The hauliers' federation puts the queue nearer 40 km."
    assert _credit(plain, 40) == "hauliers' federation"
