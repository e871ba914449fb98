"""Facts: figures of several articles aligned by what they count, judged figure against figure."""

from __future__ import annotations

import facts_stories as stories
import pytest

from store.figures import extract_article, extract_text
from store.figures.compare import compare, compare_versions
from store.figures.render import claims_summary
from store.figures.verdicts import interval
from store.model import Figure


def _table(articles):
    return compare([(i, a, extract_article(a)) for i, a in enumerate(articles)])


def _row(table, **want):
    """The one row whose fields contain every wanted value."""
    rows = [r for r in table.rows if all(v in getattr(r, k) for k, v in want.items())]
    assert len(rows) == 1, [(r.label, r.verdict) for r in table.rows]
    return rows[0]


def test_troop_story_separates_waves_totals_and_armies() -> None:
    table = _table(stories.TROOPS)
    first = _row(table, key="troops", label="North Korean", verdict="conflict")
    assert set(first.cells) == {0, 1, 2}
    assert first.summary == "~11,000 (NIS) vs ~12,000 (US)"  # the dispute, with who says what
    additional = _row(table, key="troops", qualifier="additional")
    assert set(additional.cells) == {2, 3} and additional.verdict == "agree"
    assert additional.period == "2025-02.."
    assert _row(table, key="troops", actor="Russian").verdict == "single"
    total = _row(table, key="troops", qualifier="total")
    assert set(total.cells) == {3} and total.verdict == "single"
    # One article feeds several rows: Agency C gives the second wave and last year's count.
    assert sum(1 for r in table.rows if 2 in r.cells) == 2


def test_fire_story_keeps_two_fires_apart_and_follows_each_over_days() -> None:
    table = _table(stories.FIRES)
    for fire in ("Palisades fire", "Eaton fire"):
        row = _row(table, unit="acres", actor=fire)
        assert set(row.cells) == {0, 1, 2, 3}
        assert row.verdict == "revised"
        assert " → " in row.summary  # a sequence, not a dispute
    # The bulletin quotes two sources on the toll the same day: a conflict, each with its source.
    killed = _row(table, key="killed")
    assert killed.verdict == "conflict"
    assert [f.attribution for f in killed.cells[3]] == ["sheriff", "medical examiner"]
    assert "16 (sheriff)" in killed.summary and "11 (medical examiner" in killed.summary


def test_the_value_never_decides_the_row() -> None:
    """Swapping the numbers between outlets leaves the rows as they were."""
    a = stories.article("T", "2025-01-08", "A", "The Palisades fire has burned 2,900 acres.")
    b = stories.article("T", "2025-01-08", "B", "The Palisades fire has burned 90,000 acres.")
    c = stories.article("T", "2025-01-08", "C", "The Eaton fire has burned 2,900 acres.")
    table = _table([a, b, c])
    palisades = _row(table, actor="Palisades fire")
    assert set(palisades.cells) == {0, 1} and palisades.verdict == "conflict"
    assert set(_row(table, actor="Eaton fire").cells) == {2}


def test_generic_people_join_the_thing_their_sentence_counts() -> None:
    a = stories.article(
        "T",
        "2025-02-27",
        "A",
        "North Korea sent between 1,000 and 3,000 people to reinforce its troops in January.",
    )
    b = stories.article(
        "T", "2025-02-28", "B", "Between 1,000 and 3,000 new soldiers arrived in January."
    )
    table = _table([a, b])
    row = _row(table, key="troops")
    assert set(row.cells) == {0, 1}


def test_about_n_covers_what_rounds_to_n() -> None:
    def fig(value: float, bound: str = "=") -> Figure:
        return Figure(value, value, bound, "count", "acres", "acre", "", "s", 0, 1, "body")

    assert interval(fig(23700, "~")).overlaps(interval(fig(23713)))
    assert not interval(fig(11000, "~")).overlaps(interval(fig(12000, "~")))
    assert interval(fig(2700, "~")).overlaps(interval(fig(2719)))
    assert interval(fig(300, "~")).overlaps(interval(fig(340)))  # [250, 350)
    assert not interval(fig(300, "~")).overlaps(interval(fig(350)))


@pytest.mark.parametrize(
    ("texts", "verdict"),
    [
        (["About 300 people were killed.", "About 600 people were killed."], "revised"),
        (["About 600 people were killed.", "About 300 people were killed."], "revised"),
        (["About 11,000 troops were sent.", "About 12,000 troops were sent."], "conflict"),
    ],
)
def test_a_count_that_moves_between_days_is_revised_unless_a_fixed_thing(texts, verdict) -> None:
    articles = [
        stories.article("T", f"2025-01-1{n}", f"Outlet {n}", text) for n, text in enumerate(texts)
    ]
    assert _table(articles).rows[0].verdict == verdict


def test_reports_of_the_same_day_that_differ_conflict() -> None:
    a = stories.article("T", "2025-01-10", "A", "About 300 people were killed.")
    b = stories.article("T", "2025-01-10", "B", "About 600 people were killed.")
    assert _table([a, b]).rows[0].verdict == "conflict"


def test_two_sources_later_at_odds_on_a_fixed_count_conflict() -> None:
    a = stories.article("T", "2025-01-10", "A", "Seoul says 11,000 troops were sent last year.")
    b = stories.article("T", "2025-02-10", "B", "Kyiv says 12,000 troops were sent last year.")
    row = _table([a, b]).rows[0]
    assert row.verdict == "conflict" and row.period == "2024"


def test_durations_and_ages_never_join_other_facts() -> None:
    a = stories.article(
        "T", "2025-01-10", "A", "The 58-year-old driver was jailed for 10 years. 12 people died."
    )
    table = _table([a, a])
    killed = _row(table, key="killed")
    assert all(f.unit == "count" for figs in killed.cells.values() for f in figs)


def test_versions_use_the_same_engine() -> None:
    old = extract_text("About 300 were killed. 40 ships waited. Exports rose 5%.")
    new = extract_text("About 400 were killed. 40 ships waited. 12 ports closed.")
    status = {c.key: c.status for c in compare_versions(old, new)}
    assert status == {"killed": "changed", "ship": "same", "port": "added", "exports": "removed"}
    table = compare([(1, None, old), (2, None, new)], versions=True)
    assert table.versions
    assert _row(table, key="killed").verdict == "revised"  # the outlet updated its number


def test_claims_summary_names_sources_and_orders_values() -> None:
    table = _table(stories.TROOPS)
    row = _row(table, key="troops", label="North Korean", verdict="conflict")
    assert claims_summary(row.claims, "conflict") == row.summary
    assert claims_summary(row.claims, "agree") == "~11,000 (NIS); ~12,000 (US)"


def test_one_article_gives_two_numbers_of_one_fact_only_from_two_named_sources() -> None:
    """An article puts two of its figures into one row only when it credits each to its own
    source; a credited and an uncredited number of one article are two facts (the gold of
    62 stories has 133 facts of the first kind and 3 of the second)."""
    one = stories.article(
        "T",
        "2025-03-02",
        "A",
        "The ministry said 40 people were hurt in the blast. About 60 people were hurt in it.",
    )
    facts = _table([one]).rows
    assert sorted(sum(len(f) for f in r.cells.values()) for r in facts) == [1, 1]
    two = stories.article(
        "T",
        "2025-03-02",
        "A",
        "The ministry said 40 people were hurt. The union said 65 people were hurt.",
    )
    row = _row(_table([two]), key="injured")
    assert [f.attribution for f in row.cells[0]] == ["ministry", "union"]
