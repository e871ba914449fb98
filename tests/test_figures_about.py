"""What a figure is about: qualifier, period (against the publication date) and attribution."""

from __future__ import annotations

from datetime import date

import pytest
from facts_stories import article

from store.figures import extract_article
from store.figures.attribution import find_mentions
from store.figures.periods import nearest_mention, period_bounds, time_mentions
from store.figures.qualifiers import parse, window
from store.figures.sources import AttributionLexicon, builtin_attributions

PUB = date(2025, 2, 27)


def _period(sentence: str, number: str, pub: date | None = PUB) -> str:
    at = sentence.index(number)
    mention = nearest_mention(sentence, time_mentions(sentence, pub), at, at + len(number))
    return mention.period if mention else ""


@pytest.mark.parametrize(
    ("sentence", "number", "period"),
    [
        ("Russia brought in 15,000 workers last year.", "15,000", "2024"),
        ("It sent 1,000 more troops since early February.", "1,000", "2025-02.."),
        ("So far, 15,000 troops have been sent.", "15,000", "..2025-02-27"),
        ("It sent 300 in December, the NIS said.", "300", "2024-12"),
        ("Some 300 were killed on Nov 5, 2024.", "300", "2024-11-05"),
        ("A total of 600 died so far this year.", "600", "2025..2025-02-27"),
        ("About 40 died in the past 24 hours.", "40", "2025-02-27"),
        ("The ministry said on Monday that 12 people died.", "12", ""),  # dates the statement
        ("80,000 homes had power, up from 45,000 last year.", "80,000", ""),  # another figure's
        ("The toll from last week's quake rose to 3,354.", "3,354", ""),  # dates the quake
        ("Some 12,000 troops were sent.", "12,000", ""),
    ],
)
def test_periods_resolve_against_the_publication_date(sentence, number, period) -> None:
    assert _period(sentence, number) == period


def test_relative_periods_need_a_date_but_years_do_not() -> None:
    assert _period("Some 300 died last year.", "300", None) == ""
    assert _period("Some 300 died in 2023.", "300", None) == "2023"


def test_period_bounds() -> None:
    assert period_bounds("2024") == (date(2024, 1, 1), date(2024, 12, 31))
    assert period_bounds("2025-02..") == (date(2025, 2, 1), None)
    assert period_bounds("..2025-02-27") == (None, date(2025, 2, 27))


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("About 300 were killed, South Korea's spy agency said.", "NIS"),
        ("According to the National Intelligence Service, 300 were killed.", "NIS"),
        ("The NIS believes around 12,000 troops will go.", "NIS"),
        ("US officials put the presence at between 10,000 and 12,000 troops.", "US"),
        ("Ukraine's military intelligence agency, the HUR, puts losses at 4,000.", "HUR"),
        ("About 1,000 were killed, Western officials told the BBC.", "Western officials"),
        ("Figures from the UN refugee agency show 6 million have fled.", "UNHCR"),
        ("The junta's latest count: 1,644 dead.", "junta"),
        ("Reuters, citing the Pentagon, said 300 died.", "Pentagon"),  # the original
    ],
)
def test_sources_are_found_and_folded(sentence, source) -> None:
    lexicon = builtin_attributions()
    names = [lexicon.fold(m.written) for m in find_mentions(sentence)]
    assert source in names


def test_passives_name_no_source() -> None:
    assert find_mentions("Four brigades are said to be involved.") == []


def test_each_number_takes_its_own_source_in_one_sentence() -> None:
    a = article(
        "T",
        "2025-01-14",
        "Wire",
        "At least 300 were killed, says South Korea's spy agency, while about 1,000 were "
        "killed, Western officials told the BBC.",
    )
    sources = {f.value_low: f.attribution for f in extract_article(a)}
    assert sources == {300: "NIS", 1000: "Western officials"}


def test_pronouns_and_generic_names_take_the_source_named_before() -> None:
    a = article(
        "T",
        "2025-01-14",
        "Wire",
        "About 300 soldiers were killed, South Korea's spy agency told lawmakers.",
        body=("Russia also brought in some 15,000 workers last year, according to the agency.",),
    )
    workers = next(f for f in extract_article(a) if f.key == "worker")
    assert workers.attribution == "NIS" and workers.period == "2024"


def test_user_spellings_extend_the_lexicon() -> None:
    lexicon = AttributionLexicon({"NIS": ["National Intelligence Service"]}).extended(
        {"NIS": ["Seoul's spooks"], "Cal Fire": ["the state fire agency"]}
    )
    assert lexicon.fold("Seoul's spooks") == "NIS"
    assert lexicon.fold("The state fire agency") == "Cal Fire"
    assert lexicon.fold("the county sheriff") == "county sheriff"  # unknown: as written


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("North Korea sent more than 1,000 additional troops.", "additional, North Korean"),
        ("Between 1,000 and 3,000 new soldiers arrived.", "additional"),
        ("A second contingent of 3,000 troops left.", "additional"),
        ("The first 11,000 troops were sent in October.", "first"),
        ("In all, 14,000 troops have been sent.", "total"),
        ("Russia fires about 100 drones a day.", "per day, Russian"),
        ("Russia has 50,000 Russian troops there.", "Russian"),
        ("The Eaton fire has burned 14,117 acres.", "Eaton fire"),
        ("About 2,700 more were injured.", ""),  # others, not a new wave
        ("For the first time 300 troops crossed.", ""),
    ],
)
def test_qualifiers(sentence, qualifier) -> None:
    a = article("T", "2025-02-27", "Wire", sentence)
    figures = extract_article(a)
    assert figures and figures[0].qualifier == qualifier


def test_qualifier_strings_read_back() -> None:
    q = parse("additional, total, per day, North Korean")
    assert (q.wave, q.scope, q.rate, q.actor) == ("additional", "total", "per day", "North Korean")
    assert parse("").text() == ""
    w = window(["sent", "another"], ["troops"])
    assert w.low_left == ["sent", "another"]


def test_two_verbs_of_one_subject_do_not_break_the_pass() -> None:
    """Two mentions starting at the same word ("Coinbase reported ... and said ...") once made
    sorting the named sources compare mentions, which fails."""
    art = article(
        "Results",
        "2025-02-27",
        "Wire",
        "Coinbase reported revenue of $1.6bn and said trading volume rose to $312bn.",
    )
    assert len(extract_article(art)) == 2


def test_a_second_verb_after_and_keeps_the_first_verbs_subject() -> None:
    """ "X reported A and said B": B is X's too, not "X reported A and"'s."""
    art = article(
        "Harvest",
        "2025-02-27",
        "Wire",
        "The co-operative reported 4,000 tonnes of wheat and said prices rose 12% in a year.",
    )
    sources = {f.attribution for f in extract_article(art)}
    assert sources == {"co-operative"}
    mentions = find_mentions("Growers sold 300 tonnes and said prices fell.")
    assert not any(m.written.endswith("and") for m in mentions)


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        # a count's owner is the source, not the count
        ("Attendance stood at 41,200, according to the league's provisional count.", "league"),
        ("Exports fell 2.5%, according to estimates by the Grain Board.", "Grain Board"),
        # a time or a bare data word is no source: better no credit than a wrong one
        ("58 percent of ballots were in, according to Sunday evening.", ""),
        ("Sales rose 4% in March, according to projections from the trade body.", ""),
        # a place or a day before the number is where or when, not who
        ("In Tarsk counted 88 per cent of the votes.", ""),
        ("Friday's 39.1C at the harbour was the hottest day on record.", ""),
        # a clause is no name: the credit is the one the sentence gives
        ("Shoppers can claim €40 each, the regulator says.", "regulator"),
        # an outlet relaying a source, with a day between: the source gave the number
        (
            "Imports fell 3%, Tidewire reported on Monday, citing the customs office.",
            "customs office",
        ),
    ],
)
def test_a_credit_names_a_source_or_nobody(sentence: str, credited: str) -> None:
    from store.model import Article, Section

    got = extract_article(
        Article(title="t", lead=sentence, sections=[Section("", ["No more."])], source="Wire")
    )
    assert [f.attribution.removeprefix("the ") for f in got] == [credited]


@pytest.mark.parametrize(
    ("sentence", "number", "period"),
    [
        # PUB is a Thursday: what is to come is the coming Saturday, what happened the last one
        ("Fares are expected to rise 4% on Saturday.", "4%", "2025-03-01"),
        ("The new line will carry 9,000 riders a day from Saturday.", "9,000", "2025-03-01"),
        ("Turnout reached 61% on Saturday, officials said.", "61%", "2025-02-22"),
        ("The offer expires on Monday with 300 seats left.", "300", "2025-03-03"),
    ],
)
def test_a_weekday_ahead_of_the_report_is_the_coming_one(
    sentence: str, number: str, period: str
) -> None:
    assert _period(sentence, number) == period
