"""Comparison: intervals, verdicts, row order, units, JSON and versions (facts as rows)."""

from __future__ import annotations

from store.figures import extract_text
from store.figures.compare import compare, compare_versions, figures_agree, interval
from store.model import Figure


def fig(low: float, bound: str = "=", key: str = "troops", unit: str = "count", high=None):
    return Figure(low, low if high is None else high, bound, unit, key, key, "", "s", 0, 1, "body")


def test_intervals() -> None:
    assert interval(fig(5, ">")).low_open
    assert interval(fig(5, ">=")).high == float("inf")
    assert interval(fig(5, "<")).low == 0
    assert interval(fig(1, "range", high=3)).high == 3


def test_more_than_agrees_with_a_range_that_reaches_above() -> None:
    assert figures_agree([fig(1000, ">")], [fig(1000, "range", high=3000)])


def test_about_values_that_differ_conflict() -> None:
    assert not figures_agree([fig(11000, "~")], [fig(12000, "~")])
    assert figures_agree([fig(11000, "~")], [fig(11000, "=")])


def test_open_bounds() -> None:
    assert not figures_agree([fig(1000, ">")], [fig(1000)])  # "more than 1,000" vs 1,000
    assert figures_agree([fig(1000, ">=")], [fig(1000)])
    assert figures_agree([fig(500, "<=")], [fig(300, "~")])
    assert not figures_agree([fig(500, "<")], [fig(700)])


def test_different_units_cannot_clash() -> None:
    assert figures_agree([fig(20e9, unit="USD")], [fig(18e9, unit="EUR")])
    table = compare([(1, None, [fig(20e9, unit="USD")]), (2, None, [fig(18e9, unit="EUR")])])
    assert [r.verdict for r in table.rows] == ["single", "single"]  # never one fact


def test_verdicts_and_row_order() -> None:
    a = extract_text(
        "About 11,000 troops crossed. At least 40 villagers died. Engineers built 3 bridges."
    )
    b = extract_text("About 12,000 troops crossed. More than 30 villagers were killed.")
    c = extract_text("Some 12,000 troops crossed and 15,000 workers followed.")
    table = compare([(1, None, a), (2, None, b), (3, None, c)])
    verdicts = {r.key: r.verdict for r in table.rows}
    assert verdicts == {
        "troops": "conflict",
        "killed": "agree",
        "bridge": "single",
        "worker": "single",
    }
    assert table.rows[0].verdict == "conflict"
    order = ["conflict", "revised", "agree", "single"]
    assert [r.verdict for r in table.rows] == sorted(
        (r.verdict for r in table.rows), key=order.index
    )
    assert table.articles == [1, 2, 3]
    troops = next(r for r in table.rows if r.key == "troops")
    assert [f.value_low for f in troops.cells[3]] == [12000]
    assert "crossed" in troops.cells[1][0].sentence


def test_json_shape() -> None:
    a = extract_text("About 11,000 troops crossed.")
    b = extract_text("About 12,000 troops crossed.")
    data = compare([(7, None, a), (9, None, b)]).to_json()
    assert data["articles"] == [7, 9] and data["versions"] is False
    row = data["rows"][0]
    assert row["key"] == "troops" and row["verdict"] == "conflict"
    assert set(row["cells"]) == {"7", "9"}
    assert row["cells"]["7"][0]["value_low"] == 11000
    assert row["summary"] == "~11,000 vs ~12,000"  # no source or outlet known here
    assert {"label", "unit", "qualifier", "period", "actor", "claims"} <= set(row)
    assert row["claims"][0] == {
        "article": 7,
        "published": "",
        "source": "",
        "attribution": "",
        "value": "~11,000",
    }
    assert {"qualifier", "period", "attribution", "from"} <= set(row["cells"]["7"][0])


def test_versions() -> None:
    old = extract_text("About 300 were killed. 40 ships waited. Exports rose 5%.")
    new = extract_text("About 340 were killed. 40 ships waited. 12 ports closed.")
    status = {c.key: c.status for c in compare_versions(old, new)}
    assert status == {"killed": "changed", "ship": "same", "port": "added", "exports": "removed"}
    assert compare_versions(old, new)[0].status == "changed"


def test_figures_with_nothing_counted_align_only_by_their_words() -> None:
    # ("The Greens took 11.6%" is a share of the vote by its verb: this wording names nothing)
    a = extract_text("For the Greens it was 11.6% on Sunday.")
    b = extract_text("For the Greens it was 12.2% on Sunday.")
    c = extract_text("Turnout in the south reached 60%.")
    assert [f.key for f in a] == ["%"]
    rows = compare([(1, None, a), (2, None, b), (3, None, c)]).rows
    greens = next(r for r in rows if 1 in r.cells)
    assert set(greens.cells) == {1, 2} and greens.verdict == "conflict"
    assert next(r for r in rows if 3 in r.cells).verdict == "single"
