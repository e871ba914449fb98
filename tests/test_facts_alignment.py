"""Alignment of parallel facts: which figures share a row when the same thing is counted in
several places, phases or states at once. Every sentence is invented here, in domains the
benchmark stories do not cover (vaccination, transport, sport, retail, weather elsewhere)."""

from __future__ import annotations

import facts_stories as stories

from store.figures import extract_article
from store.figures.claims import make_claims
from store.figures.compare import compare


def _table(articles):
    return compare([(i, a, extract_article(a)) for i, a in enumerate(articles)])


def _row(table, article: int, value: float):
    rows = [r for r in table.rows if any(f.value_low == value for f in r.cells.get(article, []))]
    assert len(rows) == 1, (value, [r.label for r in rows])
    return rows[0]


def _art(source: str, published: str, lead: str, *body: str):
    return stories.article("Story", published, source, lead, body=body)


def test_a_place_opening_the_clause_holds_until_a_semicolon() -> None:
    """ "In Dalmor ... 40%; in Kesh the figure is 15%": each province keeps its own row."""
    a = _art(
        "A",
        "2026-02-03",
        "In Dalmor region about 40 percent of adults have had the booster; in Kesh the figure "
        "is about 15 percent.",
    )
    b = _art("B", "2026-02-03", "Uptake is lowest in Kesh region, where 16% of adults have had it.")
    c = _art(
        "C",
        "2026-02-05",
        "In Dalmor 62 per cent of adults have had it, in Kesh 30 per cent of adults.",
    )
    table = _table([a, b, c])
    kesh = _row(table, 1, 16)
    assert _row(table, 0, 15) is kesh and _row(table, 2, 30) is kesh
    dalmor = _row(table, 0, 40)
    assert _row(table, 2, 62) is dalmor and dalmor is not kesh


def test_a_place_named_as_the_province_of_x_or_x_s_is_read() -> None:
    a = _art("A", "2026-02-03", "In the coastal province of Dalmor, 40% of adults have had it.")
    b = _art("B", "2026-02-03", "Only 15% of Kesh's adults have had the booster.")
    c = _art("C", "2026-02-04", "In Dalmor region 41 percent of adults have had the booster.")
    table = _table([a, b, c])
    assert _row(table, 0, 40) is _row(table, 2, 41)
    assert _row(table, 1, 15) is not _row(table, 0, 40)


def test_a_count_across_the_country_is_not_one_region_s() -> None:
    a = _art("A", "2026-01-10", "About 90,000 homes across Norland lost their water supply.")
    b = _art("B", "2026-01-10", "The utility says 30,000 homes in Brel have no water.")
    c = _art("C", "2026-01-11", "Some 70,000 homes were still without water on Sunday.")
    table = _table([a, b, c])
    assert _row(table, 2, 70000) is _row(table, 0, 90000)
    assert _row(table, 1, 30000) is not _row(table, 0, 90000)


def test_a_count_followed_by_its_parts_is_the_whole() -> None:
    """ "8,000 were moved, among them 3,000 from the town of Ulm": 8,000 is no Ulm count."""
    a = _art(
        "A",
        "2026-05-01",
        "About 3,000 spectators from the town of Ulm were evacuated from the east stand.",
    )
    b = _art(
        "B",
        "2026-05-02",
        "8,000 spectators were evacuated from the east stand, among them 3,000 from the town "
        "of Ulm.",
    )
    c = _art("C", "2026-05-02", "Some 8,000 spectators were evacuated.")
    table = _table([a, b, c])
    assert _row(table, 1, 8000) is _row(table, 2, 8000)
    assert _row(table, 1, 8000) is not _row(table, 0, 3000)


def test_homes_given_back_their_power_are_not_homes_still_without_it() -> None:
    a = _art("A", "2026-03-04", "About 250,000 homes were without power on Tuesday.")
    b = _art("B", "2026-03-05", "Power had been restored to 180,000 homes by Wednesday morning.")
    c = _art("C", "2026-03-05", "About 70,000 homes were still without power on Wednesday.")
    table = _table([a, b, c])
    assert _row(table, 0, 250000) is _row(table, 2, 70000)
    assert _row(table, 1, 180000) is not _row(table, 0, 250000)


def test_a_temperature_of_one_day_is_not_another_day_s() -> None:
    """A temperature is a reading at a time: Monday's heat at one station and the same
    station's low three days later are two facts, not a revision."""
    a = _art("A", "2026-08-04", "The temperature reached 39.5C at Tarsk airport on Monday.")
    b = _art(
        "B", "2026-08-05", "The temperature at Tarsk airport touched nearly 40 degrees on Monday."
    )
    c = _art(
        "C",
        "2026-08-07",
        "A cold front brought the temperature in Tarsk down to 22C on Thursday.",
    )
    table = _table([a, b, c])
    assert _row(table, 0, 39.5) is _row(table, 1, 40)
    assert _row(table, 2, 22) is not _row(table, 0, 39.5)


def test_two_days_forecasts_are_two_facts() -> None:
    """A forecast's day written with its number is the day it is for."""
    a = _art("A", "2026-06-01", "The weather service forecast up to 35C in Lorn on Wednesday.")
    b = _art("B", "2026-06-04", "Temperatures could reach 31C in Lorn on Saturday.")
    c = _art("C", "2026-06-02", "Temperatures could reach 35C in Lorn on Wednesday.")
    table = _table([a, b, c])
    assert _row(table, 0, 35) is _row(table, 2, 35)
    assert _row(table, 1, 31) is not _row(table, 0, 35)


def test_a_count_since_a_day_in_the_perfect_is_a_count_to_date() -> None:
    """ "has registered 180 complaints since the final" is the "so far" count, revised."""
    a = _art("A", "2026-07-13", "The league has so far received 120 formal complaints.")
    b = _art(
        "B",
        "2026-07-15",
        "The league has received 180 complaints since the final, the Gazette reported.",
    )
    table = _table([a, b])
    row = _row(table, 0, 120)
    assert _row(table, 1, 180) is row and row.verdict == "revised"


def test_a_count_lost_is_the_count_another_outlet_states_plainly() -> None:
    """ "The squad lost four players" and "four players withdrew": one count, whatever verb
    says it; the change is a fact apart only for shares, points and sums."""
    a = _art("A", "2026-05-04", "The Harlow squad lost four players to injury on Saturday.")
    b = _art("B", "2026-05-04", "Four Harlow players withdrew injured on Saturday.")
    table = _table([a, b])
    assert _row(table, 0, 4) is _row(table, 1, 4)


def test_a_duration_lost_is_the_delay_another_outlet_states() -> None:
    a = _art("A", "2026-05-04", "The leading boat lost 52 seconds at the second buoy.")
    b = _art(
        "B", "2026-05-04", "The leading boat rounded the second buoy with a delay of 52 seconds."
    )
    table = _table([a, b])
    assert _row(table, 0, 52) is _row(table, 1, 52)


def test_a_share_fall_is_not_the_level_it_fell_to() -> None:
    a = _art("A", "2026-05-04", "The Dorvan 30 index fell 3.1% on Monday.")
    b = _art(
        "B", "2026-05-04", "The Dorvan 30 index closed at 3.1% above its yearly low on Monday."
    )
    table = _table([a, b])
    assert _row(table, 0, 3.1) is not _row(table, 1, 3.1)


def test_a_number_an_article_repeats_in_other_words_is_one_figure() -> None:
    """The lead's "lorries" and the body's "trucks" at one crossing are one number said
    twice: one figure in the row, not a second row of its own."""
    a = _art(
        "A",
        "2026-05-04",
        "About 6,500 lorries are queuing at the Dervik crossing.",
        "Customs officers counted about 6,500 trucks queuing at the Dervik crossing on Tuesday.",
    )
    b = _art("B", "2026-05-04", "Some 6,500 lorries were stuck at the Dervik crossing on Tuesday.")
    table = _table([a, b])
    row = _row(table, 1, 6500)
    assert len(row.cells[0]) == 1
    assert [r for r in table.rows if any(f.value_low == 6500 for f in r.cells.get(0, []))] == [row]


def test_one_number_for_two_things_in_one_article_stays_two_figures() -> None:
    a = _art(
        "A",
        "2026-05-04",
        "Fourteen climbers were stranded on the ridge overnight.",
        "Rescuers brought 14 search dogs up from the valley at dawn.",
    )
    table = _table([a])
    rows = [r for r in table.rows if any(f.value_low == 14 for f in r.cells.get(0, []))]
    assert len(rows) == 2


def test_a_place_after_in_and_neighbouring_is_the_count_s_own() -> None:
    """ "... in the port of Tarsk and about 900 in neighbouring Ulm": Ulm's count, not Tarsk's."""
    lead = (
        "Crews have reconnected about 2,100 homes in the port of Tarsk and about 900 "
        "in neighbouring Ulm since Monday."
    )
    art = _art("A", "2026-05-05", lead)
    places = {c.figure.value_low: c.place for c in make_claims([(0, art, extract_article(art))])}
    assert places == {2100: "Tarsk", 900: "Ulm"}


def test_a_place_named_near_the_end_of_the_reach_is_read_whole() -> None:
    """The place must start within the reach right of the number, but its name is read to
    its end: a window cut at the reach had made "Norvell" a place called "No"."""
    (claim,) = make_claims(
        [
            (0, art, extract_article(art))
            for art in [
                _art(
                    "A",
                    "2026-11-19",
                    "A second charter plane carrying 241 passengers from the cruise liner "
                    "landed in Norvell overnight.",
                )
            ]
        ]
    )
    assert claim.place == "Norvell"
    (far,) = make_claims(
        [
            (0, art, extract_article(art))
            for art in [
                _art(
                    "A",
                    "2026-11-19",
                    "Crews cleared 241 passengers from the stranded liner over a long and cold "
                    "night of work before the ferry docked in Norvell.",
                )
            ]
        ]
    )
    assert far.place == ""  # named too far right of the number to be its place


def test_houses_and_dwellings_are_one_fact() -> None:
    a = _art("A", "2026-04-14", "In Ostrand county 3 400 dwellings were damaged by the storm.")
    b = _art("B", "2026-04-14", "About 3,400 houses were damaged in Ostrand county alone.")
    c = _art("C", "2026-04-14", "Some 9,000 households in Ostrand county have no power.")
    table = _table([a, b])
    assert _row(table, 0, 3400) is _row(table, 1, 3400)
    assert _row(table, 0, 3400).key == "home"
    assert [f.key for f in extract_article(c)] == ["household"]  # people, not buildings
