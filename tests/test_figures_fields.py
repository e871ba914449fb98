"""Fields a claim reads for the comparison: the side of a count of votes and who won it,
what is done to the thing counted, its place, a pointer back, a plan."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.figures.claims import make_claims
from store.model import Article, Section


def _claims(text: str) -> list[tuple[float, str, str, str]]:
    a = Article(title="t", lead=text, sections=[Section("", ["No more."])], published="2026-01-02")
    return [
        (c.figure.value_low, c.key, c.actor, c.place)
        for c in make_claims([(0, a, extract_article(a))])
    ]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Parliament approved the fund by 112 votes to 47.", {112.0: "for", 47.0: "against"}),
        (
            "Lawmakers voted 112 to 47 on Thursday to create the fund.",
            {112.0: "for", 47.0: "against"},
        ),
        ("The motion got 57 votes in favour and 103 against.", {57.0: "for", 103.0: "against"}),
        ("99 deputies voted for the motion and 94 against.", {99.0: "for", 94.0: "against"}),
    ],
)
def test_each_count_of_a_vote_has_its_side(text: str, sides: dict[float, str]) -> None:
    got = {value: actor for value, _key, actor, _place in _claims(text)}
    assert got == sides


def test_a_vote_named_by_its_verb_is_a_count_of_votes() -> None:
    got = _claims("In the second round 97 voted for and 103 voted against.")
    assert [(v, k, a) for v, k, a, _ in got] == [(97.0, "vote", "for"), (103.0, "vote", "against")]


def test_numbers_that_are_no_vote_take_no_side() -> None:
    assert [a for _, _, a, _ in _claims("The Assembly needed 91 votes to pass the bill.")] == [""]
    assert [a for _, _, a, _ in _claims("Prices rose from 12 to 47 euros.")] == [""]


def test_a_place_followed_by_a_time_word_is_still_the_place() -> None:
    got = _claims("Another scorcher, with a forecast high of 40 degrees in Merrow this afternoon.")
    assert got[0][3] == "Merrow"


def test_what_is_planned_for_the_thing_counted_is_its_aspect() -> None:
    def aspects(text: str) -> list[str]:
        a = Article(title="t", lead=text, sections=[Section("", ["No more."])])
        return [c.aspect for c in make_claims([(0, a, extract_article(a))])]

    assert aspects("The firm undertook to create 640 new jobs there.") == ["create"]
    assert aspects("The firm will shed another 640 jobs at its head office.") == ["shed"]
    assert aspects("It plans to have 300 stores.") == [""]


def test_jobs_created_and_jobs_cut_are_never_one_fact() -> None:
    from store.figures.facts import linkable, marks_of

    a = Article(title="t", lead="The firm promised to create 640 jobs.", published="2026-01-02")
    b = Article(title="u", lead="The firm will cut 640 jobs.", published="2026-01-03")
    ca, cb = make_claims([(0, a, extract_article(a)), (1, b, extract_article(b))])
    assert not linkable(ca, cb, marks_of(ca), marks_of(cb))


def test_people_who_suffered_injuries_are_counted_as_injured() -> None:
    keys = [k for _, k, _, _ in _claims("31 police officers suffered injuries, police said.")]
    assert keys == ["injured"]
    assert [k for _, k, _, _ in _claims("40 workers suffered losses.")] == ["worker"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Most of the victims lived in the upper part of Dresk, where 20 people died.", "Dresk"),
        ("Dresk, where 24 bodies have been pulled from the mud, accounts for most.", "Dresk"),
        ("Fighting in parts of Kharkiv killed 12 people.", "Kharkiv"),
        ("The number killed in the capsizing of the MV Lirena has risen to 41.", ""),
    ],
)
def test_a_part_of_a_place_or_a_place_where_it_happened_is_the_place(text: str, place: str) -> None:
    assert _claims(text)[0][3] == place


def test_the_true_number_is_that_of_the_count_it_disputes_where_it_was() -> None:
    got = _claims(
        "The company says 180,000 households in Belmonte are cut off. The governor says the "
        "true number is more than 400,000."
    )
    assert [(v, k, p) for v, k, _, p in got] == [
        (180000.0, "household", "Belmonte"),
        (400000.0, "household", "Belmonte"),
    ]


def test_some_of_a_group_who_went_through_another_event_are_counted_by_it() -> None:
    got = _claims("Five of the injured died in hospital during the night.")
    assert [(v, k) for v, k, _, _ in got] == [(5.0, "killed")]
    assert [k for _, k, _, _ in _claims("Twelve of the wounded were flown to the capital.")] == [
        "injured"
    ]


def test_a_place_opening_the_next_item_of_a_list_is_not_this_ones() -> None:
    got = _claims("In St Bride's Hospital are treated 58 injured, in Elmsford General Hospital 54.")
    assert got[0][3] != "Elmsford General"
    assert [p for *_, p in _claims("In Dalmor 62% of adults, in Kesh 30%.")] == ["Dalmor", "Kesh"]


def test_who_won_the_seats_or_the_share_is_the_side_it_belongs_to() -> None:
    got = _claims("The Civic Alliance took 33.8% and 51 seats.")
    assert [(v, a) for v, _, a, _ in got] == [(33.8, "Civic Alliance"), (51.0, "Civic Alliance")]
    assert _claims("National Renewal will receive 74 seats of 140.")[0][2] == "National Renewal"
    assert _claims("It won 12 seats.")[0][2] == ""
    assert _claims("Estrand took a 75% stake in the lender.")[0][2] == ""


def test_a_plan_announced_is_the_same_fact_however_it_is_worded() -> None:
    from store.figures.facts import linkable, marks_of

    a = Article(title="t", lead="The firm plans to shed some 2,100 jobs.", published="2026-01-02")
    b = Article(title="u", lead="The firm will cut 2,100 jobs.", published="2026-01-03")
    c = Article(title="v", lead="It could eventually cut 3,000 jobs.", published="2026-01-03")
    ca, cb, cc = make_claims(
        [(0, a, extract_article(a)), (1, b, extract_article(b)), (2, c, extract_article(c))]
    )
    assert linkable(ca, cb, marks_of(ca), marks_of(cb))
    assert not linkable(cb, cc, marks_of(cb), marks_of(cc))  # a number that may come


def test_two_places_joined_by_and_a_word_of_nearness_are_one_place() -> None:
    got = _claims("Police in Harlow and neighbouring Ostvik detained 41 people on Monday.")
    assert got[0][3] == "Harlow and Ostvik"


def test_people_in_custody_are_counted_as_detained() -> None:
    got = _claims("In all, 45 people are now in custody.")
    assert got[0][1] == "detained"


def test_a_stem_two_synonym_groups_share_decides_neither() -> None:
    from store.figures.generic import resolve_generic
    from store.figures.lexicon import default_lexicon
    from store.figures.people import stem_groups

    lexicon = default_lexicon()
    assert "custo" not in stem_groups(lexicon)  # "custody" (detained) and "customers"
    # each word still reads as its own group
    assert resolve_generic("people", [], ["are", "in", "custody"], lexicon) == "detained"
    assert resolve_generic("people", [], ["who", "are", "customers"], lexicon) == "customer"
