"""Who-said-it rules of the fifteenth session: credits written in the shapes wire copy and
translated bulletins use ("quoted X as putting", "by X's count", "a X survey released on
Tuesday puts"), and names that run on past where they end."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.model import Article, Section


def _credits(lead: str) -> list[str]:
    got = extract_article(Article(title="t", lead=lead, sections=[Section("", ["No more."])]))
    return [f.attribution.removeprefix("the ") for f in got]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "The Harbour Post quoted the insurer Kelmar Re as putting the damage at €80 million.",
            "Kelmar Re",
        ),
        (
            "Radio Velt quoted the weather office as expecting 90 mm of rain by Sunday.",
            "weather office",
        ),
    ],
)
def test_the_one_quoted_as_putting_or_expecting_a_number_gives_it(
    sentence: str, source: str
) -> None:
    assert _credits(sentence) == [source]


def test_a_count_owned_after_by_credits_its_owner() -> None:
    assert _credits("That brings the week's arrests to 212, by Fenwire's count.") == ["Fenwire"]
    # "each government's count" names no one source
    assert _credits("Going by each side's count of its dead, 15 soldiers have been killed.") == [""]


def test_a_name_goes_on_past_for_between_capitalised_words() -> None:
    assert _credits(
        "The petition has 41,200 signatures, according to Parents for a Safe Road."
    ) == ["Parents for a Safe Road"]
    # a weekday after "for" is a time, not part of the name
    got = _credits("The count rose to 41,200, according to Velpress for Monday.")
    assert got == ["Velpress"]


def test_spoken_of_credits_its_subject() -> None:
    assert _credits("The harbour police had spoken of some 3,000 people on the quay.") == [
        "harbour police"
    ]


def test_a_pollster_named_before_its_survey_and_a_release_date_is_the_source() -> None:
    got = _credits("A Tarlow Research survey released on Monday puts the Greens at 14.5%.")
    assert got == ["Tarlow Research"]
    got = _credits("A poll by Tarlow Research published last week put the Greens at 12%.")
    assert got == ["Tarlow Research"]


def test_staff_of_a_named_body_speak_for_the_body() -> None:
    got = _credits("Forecasters at the Kessel Weather Service expect 41C on Friday.")
    assert got == ["Kessel Weather Service"]


def test_a_verb_closing_the_sentence_after_a_comma_credits_what_comes_before() -> None:
    got = _credits("The number of ministers who quit rose to 6, the Press Office specified.")
    assert got == ["Press Office"]
    # not before a plain object: "Prices indicated a 5% rise" names no source
    assert _credits("Prices indicated a 5% rise in rents.") == [""]


def test_for_its_part_between_a_verb_and_that_keeps_the_credit() -> None:
    got = _credits("The promoter, Brightline Live, declared for its part that 2 000 tickets sold.")
    assert got == ["Brightline Live"]


def test_a_day_with_its_time_of_day_after_the_credit_still_credits_backwards() -> None:
    got = _credits(
        "More than 900 posts will go, the dockers' union said on Monday evening, well above "
        "the 600 the port authority announced."
    )
    assert got[0] == "dockers' union"


def test_where_a_body_sits_is_no_part_of_its_name() -> None:
    got = _credits(
        "Kessel counts 80 pieces, but the Orvane Tracking Agency across the border puts the "
        "count at more than 300."
    )
    assert got[-1] == "Orvane Tracking Agency"


def test_whom_people_spoke_to_is_not_who_says_the_number() -> None:
    got = _credits("Fans who spoke to the Courier said tickets went for up to €600 outside.")
    assert got == [""]


def test_filings_and_accounts_name_their_owner() -> None:
    got = _credits(
        "Orvik holds 12.5% of the bank, according to filings with the Tarn Stock Exchange."
    )
    assert got == ["Tarn Stock Exchange"]
    got = _credits("Orvik now holds 14% of the bank, according to a stock exchange filing.")
    assert got == ["stock exchange"]
    got = _credits("The club owes about €40 million, according to the club's latest accounts.")
    assert got == ["club"]


def test_a_small_number_said_again_takes_the_credit_of_a_passage_naming_the_same_place() -> None:
    # the key point names the place plainly, the body with a possessive: one passage's words
    art = Article(
        title="t",
        key_points=["Dead in all: 28 in Osk, 12 in Marrow."],
        lead="Police said 9 people were still missing on Friday.",
        sections=[Section("", ["The relief council put Osk's toll at 28 and Marrow's at 12."])],
    )
    got = {f.value_low: f.attribution for f in extract_article(art) if f.part == "key_point"}
    assert got[12.0].lower().removeprefix("the ") == "relief council"


def test_a_bare_number_in_custody_is_a_count_of_the_detained() -> None:
    got = extract_article(
        Article(
            title="t",
            lead="Border police reported 17 in custody on their side.",
            sections=[Section("", ["No more."])],
        )
    )
    assert [(f.value_low, f.key) for f in got] == [(17.0, "detained")]


def test_a_summary_holding_the_same_numbers_as_a_credited_passage_takes_its_credit() -> None:
    # the places are named all over the article: only the numbers tell the passages apart
    art = Article(
        title="t",
        key_points=["14 suspects held in Osk and six in Marrow"],
        lead="Raids in Osk and Marrow hit 40 homes on Monday, the bank said.",
        sections=[
            Section(
                "",
                [
                    "Officers in Osk and Marrow seized 300 cloned cards.",
                    "Of those detained, 14 were arrested in Osk and six in Marrow, police said.",
                ],
            )
        ],
    )
    got = {f.value_low: f.attribution for f in extract_article(art) if f.part == "key_point"}
    assert got == {14.0: "police", 6.0: "police"}
