"""Numbers the extractor reads as figures, or refuses, around names, sources and lists: a
name before a count, another source's bare number, a subject with its place, a lot or a ward."""

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


def test_fans_runners_and_the_like_are_people_an_event_befalls() -> None:
    assert [k for _, k, _, _ in _claims("Fourteen fans died in the crush.")] == ["killed"]
    assert [k for _, k, _, _ in _claims("38 runners were taken to hospital.")] == ["hospitalised"]
    assert [k for _, k, _, _ in _claims("18,400 runners started the race.")] == ["runner"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Dravik 88 cases, Olmesund 41 cases.", [88.0, 41.0]),
        ("Rescuers freed from the ruins of the control building 6 workers alive.", [6.0]),
        ("In the rescue operation take part 1 180 rescuers.", [1180.0]),
        ("Boeing 737 jets were grounded.", []),
        ("Gate 9 was closed and Unit 3 tripped.", []),
    ],
)
def test_a_name_before_a_number_keeps_no_count_of_people_or_cases_from_being_read(
    text: str, values: list[float]
) -> None:
    a = Article(title="t", lead=text, sections=[Section("", ["More."])])
    assert [f.value_low for f in extract_article(a)] == values


def test_another_sources_bare_number_for_the_same_count_is_read() -> None:
    def values(text: str) -> list[tuple[float, str]]:
        a = Article(title="t", lead=text, sections=[Section("", ["More."])])
        return [(f.value_low, f.key) for f in extract_article(a)]

    assert values("Police say about 58,000 people came; the promoter says 47,500.") == [
        (58000.0, "people"),
        (47500.0, "people"),
    ]
    assert values("The agency counts 23 injured; the company accepts only seven.") == [
        (23.0, "injured"),
        (7.0, "injured"),
    ]
    assert values("Some 40 people were hurt, and the minister said 2026 would be hard.") == [
        (40.0, "injured")
    ]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Cancellations at Halden International have reached 612, the airport said.",
            "cancellation",
        ),
        ("Complaints have passed 6,000.", "complaint"),
        ("The number of affected policyholders remains 86 000.", "policyholder"),
        ("Unemployment in the euro zone fell to 6.1%.", "unemployment"),
    ],
)
def test_a_level_reached_by_a_subject_with_its_place_counts_the_subject(
    text: str, key: str
) -> None:
    a = Article(title="t", lead=text, sections=[Section("", ["More."])])
    assert [f.key for f in extract_article(a)] == [key]


@pytest.mark.parametrize(
    "text",
    [
        "Marlen Foods recalls lot 4471 of its wraps.",
        "She died in ward 12 of the city hospital.",
        "The water authority hotline is 0 800 500 215.",
        "He collapsed at the 30-kilometre mark.",
        "He collapsed at the 20 km marker.",
    ],
)
def test_a_lot_a_ward_a_phone_number_or_a_course_marker_is_no_figure(text: str) -> None:
    assert extract_article(Article(title="t", lead=text, sections=[Section("", ["More."])])) == []


def test_a_count_near_such_words_is_still_read() -> None:
    def values(text: str) -> list[float]:
        a = Article(title="t", lead=text, sections=[Section("", ["More."])])
        return [f.value_low for f in extract_article(a)]

    assert values("Ward 12 patients were moved after 30 people fell ill.") == [12.0, 30.0]
    assert values("A 30-kilometre march began; inflation was 0 percent.") == [30.0, 0.0]


def test_items_of_a_list_by_time_and_a_part_among_them_are_read() -> None:
    def values(text: str) -> list[tuple[float, str]]:
        a = Article(title="t", lead=text, sections=[Section("", ["More."])])
        return [(f.value_low, f.key) for f in extract_article(a)]

    assert values(
        "Of these, 47 were taken into custody before the match and 62 after its end."
    ) == [
        (47.0, "detained"),
        (62.0, "detained"),
    ]
    got = values("The rescue force has grown to about 1,500, among them 350 from the army.")
    assert [v for v, _ in got] == [1500.0, 350.0] and got[0][1] == got[1][1]
