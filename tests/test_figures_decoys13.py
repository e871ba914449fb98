"""Numbers that are no quantity and must not come out as figures (decoys of the facts gold):
lines of links to other stories, clock times of news bulletins, names with numbers in them.
Each rule also keeps the real figures written next to it."""

from __future__ import annotations

import pytest

from store.figures import extract_article, extract_text
from store.model import Article, Section


def values(text: str) -> list[float]:
    return [f.value_low for f in extract_text(text)]


@pytest.mark.parametrize(
    "line",
    [
        "Related: Heatwave: 10 ways to keep a flat cool without air conditioning",
        "Related: Five questions about ransomware",
        "Read more: Storm kills 12 in Halden",
        "See also - 3 charts that explain the crisis",
        "Most read 1. Mine collapse 2. Road closures 3. Winter timetable",
        "Most popular: 1. Dessa bridge reopens 2. School exams postponed",
    ],
)
def test_numbers_on_a_line_of_links_are_no_figures(line: str) -> None:
    assert values(line) == []


def test_a_line_of_links_keeps_the_figures_of_the_lines_around_it() -> None:
    article = Article(
        title="Storm",
        sections=[
            Section(
                "",
                [
                    "The storm killed 12 people in Halden.",
                    "Related: Five questions about storms",
                    "Most read 1. Storm Orla 2. Road closures",
                    "Related stories are listed below; 40 homes were damaged.",
                ],
            )
        ],
    )
    assert sorted(f.value_low for f in extract_article(article)) == [12, 40]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Corvania Radio 2, the six o'clock news. Storm Orla has cost more than 300 flights.",
            [300],
        ),
        ("Kanal Ost, the nine o\u2019clock news.", []),
        ("Radio Elmsford One, the news at seven.", []),
        ("The bulletin at eight reported 12 dead.", [12]),
        ("At eleven o'clock, 40 people were evacuated.", [40]),
        # "at" after other words keeps its count.
        ("The toll stood at seven.", [7]),
        ("Seven were killed at five sites.", [7, 5]),
    ],
)
def test_bulletin_and_clock_times_are_no_figures(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A category four storm killed 12 people.", [12]),
        ("Sarneth, a category-four typhoon, made landfall.", []),
        ("Category Four winds battered the coast.", []),
        ("The alert was raised to level three, and 40 homes were evacuated.", [40]),
        ("Phase two of the plan covers 300 schools.", [300]),
        # A count after other words, or a name word after the number, stays a count.
        ("The category's four members resigned.", [4]),
        ("Four categories of storm were named.", [4]),
    ],
)
def test_spelled_numbers_after_a_name_word_are_names(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops from the 27 Mountain Brigade joined.", []),
        ("The 16 Air Assault Brigade deployed 300 troops.", [300]),
        ("The 82 Airborne Division lost 40 men.", [40]),
        # Plural formations and people of a formation are counts.
        ("The 5 Brigades were merged.", [5]),
        ("The army sent 300 Brigade soldiers.", [300]),
    ],
)
def test_digits_before_a_formation_name_are_names(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The firmware 2.1 update bricked 4,000 routers.", [4000]),
        ("The 2.0 release fixed 12 bugs.", [12]),
        ("It shipped the 17.2 build on Monday.", []),
        # Whole numbers and plurals stay counts; a unit makes the number a quantity.
        ("He has 2 release clauses.", [2]),
        ("The 3 updates fixed it.", [3]),
        ("Shares rose 2.1 percent after the update.", [2.1]),
    ],
)
def test_a_number_with_a_point_before_a_release_word_is_a_version(
    text: str, expected: list[float]
) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Users got a 504 error.", []),
        ("Users got a 503 Service Unavailable error.", []),
        ("Users saw an HTTP 500 error for two hours.", [2]),
        # Plural errors and error messages are counts.
        ("Engineers logged 503 errors in an hour.", [503]),
        ("The team found 120 error messages.", [120]),
    ],
)
def test_a_status_code_before_error_is_no_figure(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call the hotline on 1517.", []),
        ("Call the helpline at 116 123 for support.", []),
        ("The hotline on 1517 received 3,000 calls.", [3000]),
        # A price or a level after other words stays a figure.
        ("The phone at 1,200 euros sold out.", [1200]),
        ("Calls to the hotline rose to 3,000.", [3000]),
    ],
)
def test_a_number_after_hotline_on_is_a_phone_number(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A .50 calibre gun was found.", []),
        ("A 50 calibre machine gun killed 3 people.", [3]),
        ("He bought a 12-gauge shotgun and a 12 gauge rifle.", []),
        ("Police found a .22 rifle and .45 rounds.", []),
        # Counts of guns and plural gauges stay figures.
        ("Police seized 40 rifles and 12 gauges.", [40, 12]),
    ],
)
def test_calibres_and_gauges_are_no_figures(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Page 1/2", []),
        ("\u2039 1 of 2 \u203a", []),
        ("1 of 3 | Next page", []),
        ("The storm killed 12 people.\n2 of 3\nPower is back.", [12]),
        # "N of M" inside a sentence stays what it was.
        ("3 of 4 voters backed it.", [3, 4]),
        ("2 of 3 were hurt", [2, 3]),
    ],
)
def test_a_pager_line_is_no_figure(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 2025-26 season starts in August.", []),
        ("In the 2024\u201325 budget, 300 jobs were cut.", [300]),
        ("Scores of 1999-00 were kept.", []),
    ],
)
def test_the_second_year_of_a_season_span_is_no_figure(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry left at 14.30 hours with 300 people aboard.", [300]),
        ("From 22.00 hours a curfew applies.", []),
        # A duration after other words, or past a clock's hours, stays a duration.
        ("The flight took 14.30 hours.", [14.3]),
        ("Work was capped at 37.50 hours a week.", [37.5]),
    ],
)
def test_a_clock_time_with_a_point_and_hours_is_no_figure(text: str, expected: list[float]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Under \u00a7 12 of the act, 300 firms must report.", [300]),
        ("Units 3 and 4 tripped.", []),
        ("Articles 12 and 13 of the law were cited.", []),
        # A count after a singular name, or far from the list's first number, stays a count.
        ("Gate 7 and 300 fans were crushed.", [300]),
        ("Units 3 and 40 soldiers arrived.", [40]),
    ],
)
def test_section_signs_and_lists_after_a_plural_name_word_are_names(
    text: str, expected: list[float]
) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Popular now: 1. Storm Orla 2. Winter tyres", []),
        ("Most commented 1. Mine collapse 2. Road closures", []),
        ("Editor\u2019s picks: 5 things to know", []),
        ("Don\u2019t miss: 10 ways to save on heating", []),
        # The same first words in a sentence are no label.
        ("Popular demand drove 300 sales.", [300]),
        ("Popular support stood at 40%.", [40]),
    ],
)
def test_more_labels_of_a_line_of_links(text: str, expected: list[float]) -> None:
    assert values(text) == expected
