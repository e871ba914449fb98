"""Who-said-it rules of the credits13 branch: each credit names a body or a person, or nobody."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.model import Article, Section


def _credits(lead: str, body: tuple[str, ...] = ("No more.",)) -> list[str]:
    got = extract_article(Article(title="t", lead=lead, sections=[Section("", list(body))]))
    return [f.attribution.removeprefix("the ") for f in got]


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        (
            "The storm killed 31 people, according to the balance updated on Tuesday by "
            "the Coast Guard.",
            "Coast Guard",
        ),
        (
            "Sales fell 4%, according to the figures released this week by Dorvan Statistics.",
            "Dorvan Statistics",
        ),
        (
            "Exports fell 9%, according to a statement issued late on Monday by the Grain Board.",
            "Grain Board",
        ),
    ],
)
def test_what_a_body_made_public_credits_the_body(sentence: str, credited: str) -> None:
    assert _credits(sentence) == [credited]


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        # a saying verb's form after a number or a possessive is a noun: nobody is named
        ("Storm chasers filed more than 2,300 damage reports on Monday.", ""),
        ("Hail smashed cars, and 1,800 insurance claims were filed.", ""),
        ("The loss was 12 million, far above the firm's first estimate.", ""),
        # the sentence's own source stays the credit
        ("The regulator told lawmakers that its own estimate is 3.4 million.", "regulator"),
    ],
)
def test_a_noun_after_a_number_or_a_possessive_is_no_saying_verb(
    sentence: str, credited: str
) -> None:
    assert set(_credits(sentence)) == {credited}


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        # a long description between commas after the name: the name still speaks
        (
            "Lake Watch, a monitoring group of retired officers from both countries, said "
            "about 1,100 shells fell.",
            ["Lake Watch"],
        ),
        (
            "The Drava Observer Mission, which has patrolled the frontier since the 2019 "
            "ceasefire, counted 1,140 shells.",
            ["Drava Observer Mission"],
        ),
        # a number inside the description is the article's, not the speaker's
        (
            "The operator, which has 4,800 employees and about 3.2 million subscribers, said "
            "its shops were open.",
            ["", ""],
        ),
    ],
)
def test_a_long_description_between_commas_keeps_the_name(
    sentence: str, credited: list[str]
) -> None:
    assert _credits(sentence) == credited


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        # "which" and "who" after a name stand for it
        (
            "Open Ballot, which says it had about 1,400 volunteers, put turnout at 55%.",
            ["Open Ballot", "Open Ballot"],
        ),
        (
            "The paper quoted analysts at Norrvik Capital, who put the cost at €140 million.",
            ["Norrvik Capital"],
        ),
        (
            "Aid groups disputed the Interior Ministry, which puts the number at 1,640.",
            ["Interior Ministry"],
        ),
    ],
)
def test_a_relative_pronoun_stands_for_the_name_before_it(
    sentence: str, credited: list[str]
) -> None:
    assert _credits(sentence) == credited


def test_a_body_s_own_people_speak_for_it() -> None:
    lead = (
        "The Drava Observer Mission, which has patrolled the frontier since 2019, gave a "
        "lower count: its teams recorded 1,140 shells."
    )
    assert _credits(lead) == ["Drava Observer Mission"]
    # a person named after "its" is that person, not the body
    assert _credits(
        "Owners filed more than 300 complaints, its director Mikael Tornqvist said."
    ) == ["Mikael Tornqvist"]


def test_a_pronoun_takes_the_name_opening_its_own_sentence() -> None:
    body = (
        "Fair Vote counted 1,400 volunteers at polling stations.",
        "The Civic Union also disputes the spoiled papers: it says about 150,000 were thrown out.",
    )
    got = _credits("Turnout was 61%, the Electoral Board said.", body)
    assert got[-1] == "Civic Union"
    # a source named between the opening and the pronoun is the one it stands for
    body = ("Cool air brought 36C, the Weather Office said, but it forecast 42C on Friday.",)
    assert _credits("No figures here.", body)[-1] == "Weather Office"


def test_a_title_of_a_place_is_the_official_not_the_place() -> None:
    lead = "The authorities evacuated 196,000 people, informed the governor of Tessa, Ana Ruiz."
    assert _credits(lead) == ["governor of Tessa"]


def test_a_number_before_claimed_by_is_the_claimant_s() -> None:
    lead = (
        "The ministry estimates losses at about €400 million, Tessel Wire reported, well "
        "short of the €1.2 billion claimed by the Farmers' Union."
    )
    assert _credits(lead) == ["ministry", "Farmers' Union"]


def test_a_generic_body_takes_no_named_body_of_another_kind() -> None:
    body = (
        "The Miners' Union puts the number underground at about 150.",
        "The collapse happened at a depth of 612 metres, the company said.",
    )
    assert _credits("No figures here.", body)[-1] == "company"


def test_a_conversion_takes_the_credit_of_the_amount_it_converts() -> None:
    body = ("The rescue is worth €4.5 billion (about $4.9 billion).",)
    got = _credits("Finance Minister Ana Ruiz said the state would inject €4.5 billion.", body)
    assert got == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        (
            "The Tessa Alliance declared that about 150,000 ballots were thrown out.",
            "Tessa Alliance",
        ),
        (
            "The director of the Road Safety Agency Ana Ruiz declared to journalists that 23 "
            "people were hurt.",
            "Ana Ruiz",
        ),
        # without "that" the verb only credits after a comma, the name after it
        ("Prices indicated a 5% rise.", ""),
    ],
)
def test_declared_or_specified_that_is_a_saying_verb(sentence: str, credited: str) -> None:
    assert _credits(sentence) == [credited]


def test_communicated_credits_like_informed() -> None:
    lead = "In total, 20 soldiers died in the clash, communicated the Lakeside Observer Mission."
    assert _credits(lead) == ["Lakeside Observer Mission"]
    assert _credits("The Port Authority of Tessa communicated that 52 ships are waiting.") == [
        "Port Authority of Tessa"
    ]
    # "the balance communicated by X": the participle of a document, not a saying verb
    lead = "It hit 1 100 000 users, according to the balance communicated by the Tessa Bank."
    assert _credits(lead) == ["Tessa Bank"]


def test_a_ministry_is_not_the_authority_of_a_port() -> None:
    body = (
        "The Port Authority of Tessa communicated that 52 ships are waiting.",
        "Losses are estimated by the Ministry at 400 million euro.",
    )
    assert _credits("No figures here.", body)[-1] == "Ministry"
