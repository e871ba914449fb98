"""Blocks of links a scraped page leaves in the body ("Most read" and its numbered headlines,
"Related" and its lines): every number in them belongs to another story or numbers the list.
Invented page text."""

from __future__ import annotations

from store.figures import extract_article
from store.model import Article, Section

_PAGE = [
    "Firefighters said 240 homes were evacuated in Varn on Monday.",
    "Most read\n1. Harbour toll rises to 14\n2. Five things to know about the new tram\n"
    "3. Council approves 320 new homes",
    "Related\nPhoto gallery: 36 pictures from the fire\nWinter fuel: 5 ways to cut your bill",
    "By evening 310 homes had been evacuated, the fire service said.",
]


def _values(paragraphs: list[str]) -> set[float]:
    article = Article(title="t", lead="", sections=[Section("", paragraphs)])
    return {f.value_low for f in extract_article(article)}


def test_numbers_in_a_links_block_are_no_figures() -> None:
    values = _values(_PAGE)
    assert {240, 310} <= values
    assert not values & {1, 2, 3, 14, 5, 320, 36}


def test_a_block_without_a_links_heading_keeps_its_numbers() -> None:
    """A list of lines under any other first line is the article's own ("Casualties" and
    its lines, a bulletin's items)."""
    values = _values(["Casualties\n14 dead in Varn\n320 injured in Ostby"])
    assert {14, 320} <= values


def test_a_spelled_hour_after_at_is_a_time_where_a_programme_or_start_is_said() -> None:
    """ "The next bulletin is at seven", "the count begins tomorrow at eight", "at nine in the
    morning"; a toll put or standing "at seven" is still a count."""
    assert _values(["Our next bulletin is at seven."]) == set()
    assert _values(["Voting resumes tomorrow at eight."]) == set()
    assert _values(["Talks are due to restart at nine in the morning."]) == set()
    assert 7 in _values(["The ministry put the toll at seven."])
    assert 9 in _values(["The toll stood at nine on Friday."])


def test_a_berth_a_kilometre_marker_and_a_hotline_are_names() -> None:
    assert _values(["The ferry tied up at berth 4 on Monday."]) == set()
    assert _values(["He fell at kilometre 88 of the stage."]) == set()
    assert _values(["Call the free hotline 1470 for help."]) == set()


def test_a_term_joined_to_a_bond_or_deposit_names_the_product() -> None:
    """ "two-year government bond yields", "the 12-month deposit rate": no length of time is
    reported; "a five-year contract" and "a 10-year-old" still are read."""
    assert _values(["Two-year government bond yields rose to 4.1%."]) == {4.1}
    assert _values(["The bank cut its 12-month deposit rate to 3%."]) == {3}
    assert 5 in _values(["He signed a five-year contract."])


def test_last_as_a_verb_keeps_its_duration() -> None:
    """ "will last 8 hours", "is expected to last two weeks" are lengths of time; "the last
    three months" is a period referred to."""
    assert 8 in _values(["The power cuts will last 8 hours per day."])
    assert 2 in _values(["The strike is expected to last two weeks."])
    assert 3 not in _values(["In the last three months prices rose 5%."])


def test_the_thing_measured_is_not_who_measured_it() -> None:
    """ "The quake measured 7.4" credits nobody; "the Met Office measured 44.6C" credits it."""
    article = Article(title="t", lead="The quake measured 7.4 on the Richter scale.")
    assert [f.attribution for f in extract_article(article)] == [""]
    article = Article(title="t", lead="The Met Office measured 44.6C at Ostby airport.")
    assert [f.attribution for f in extract_article(article)] == ["Met Office"]


def test_what_happened_is_no_source() -> None:
    """ "The storm puts the toll nearer 40", "The outbreak counts 120 cases": an event or a
    phenomenon as a subject credits nobody; a name holding such a word ("the Department of
    Forestry and Fire") is still a body."""
    for lead in ("The storm puts the toll nearer 40.", "The outbreak counts 120 cases so far."):
        assert [f.attribution for f in extract_article(Article(title="t", lead=lead))] == [""]
    lead = "The Department of Forestry and Fire counts 4,960 acres burned."
    assert [f.attribution for f in extract_article(Article(title="t", lead=lead))] == [
        "Department of Forestry and Fire"
    ]


def test_a_links_label_far_above_in_a_block_of_single_lines_hides_nothing() -> None:
    """The label of a links block is looked for within a short reach: lines far below it in a
    text with no blank line (a log, a pasted table) keep their numbers, and each number's
    look-up stays short however long the text is."""
    lines = ["Most read"] + [
        f"Line {i}: the ferry carried {i + 10} passengers." for i in range(200)
    ]
    values = _values(["\n".join(lines)])
    assert 11 not in values  # right under the label: a link
    assert 209 in values  # thousands of characters below it: the text's own
