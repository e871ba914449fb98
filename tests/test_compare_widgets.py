"""The compare screen's pieces on their own: table cells, sentence highlights, the trend chart."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import App, ComposeResult

from store.export import ColumnInfo
from store.model import Figure
from tui.app.widgets.figure_table import FigureTable, cell, column_label, row_label
from tui.app.widgets.sentences import (
    HIGHLIGHT,
    SentencePanel,
    SentenceView,
    sentence_content,
    window,
)
from tui.app.widgets.trend import chart, spark

INJECTION = "[bold red]x[/] [@click=app.quit]y[/] Budget [/x] vote"


def fig(low: float, high: float | None = None, bound: str = "=", unit: str = "count") -> Figure:
    return Figure(
        low, low if high is None else high, bound, unit, "killed", "killed", "", "s", 0, 1, "body"
    )


@dataclass
class Row:
    key: str
    label: str
    verdict: str
    cells: dict[int, list[Figure]] = field(default_factory=dict)


COLUMNS = [
    ColumnInfo(1, "Reuters", "2025-03-28", "a"),
    ColumnInfo(2, f"AP {INJECTION}", "2025-03-29T10:00", "b"),
    ColumnInfo(3, "Wire", "", "c"),
]


def test_cells_are_text_never_markup_and_marked_without_colour() -> None:
    row = Row("killed", INJECTION, "conflict", {1: [fig(144)], 2: [fig(144)], 3: [fig(3000)]})
    label = row_label(row)
    assert isinstance(label, Text)
    assert label.plain.startswith("✗ [bold red]x[/]")  # literal, and the symbol reads in mono
    odd = cell(row, 3, {3})
    assert isinstance(odd, Text) and odd.plain == "≠ 3,000"
    assert cell(row, 1, {3}).plain == "144"
    assert cell(Row("k", "k", "single", {1: [fig(1)]}), 2, set()).plain == "–"
    header = column_label(2, COLUMNS[1])
    assert header.plain.split("\n")[0].startswith("2 AP [bold red]")
    assert header.plain.split("\n")[1] == "2025-03-29"
    assert column_label(3, COLUMNS[2]).plain.endswith("undated")


def test_sentence_highlight_survives_control_characters() -> None:
    sentence = "\x1b]0;owned\x07 About 11,000 people died."
    start = sentence.index("About")
    view = SentenceView("~11,000", sentence, start, start + len("About 11,000"))
    content = sentence_content(view)
    assert "\x1b" not in content.plain and "\x07" not in content.plain
    marked = [content.plain[s.start : s.end] for s in content.spans if s.style == HIGHLIGHT]
    assert marked == ["About 11,000"]


def test_window_keeps_the_current_column_in_view() -> None:
    assert window(10, 3, 0) == (0, 3)
    assert window(10, 3, 5) == (4, 7)
    assert window(10, 3, 9) == (7, 10)
    assert window(2, 5, 1) == (0, 2)


def test_trend_orders_by_date_and_lists_undated_apart() -> None:
    row = Row(
        "killed",
        "killed",
        "conflict",
        {2: [fig(1644)], 1: [fig(144, bound=">=")], 3: [fig(1000, 3000, "range")]},
    )
    lines = chart(row, {c.id: c for c in COLUMNS}, width=80).plain.splitlines()
    assert lines[0].startswith("killed over time  ")
    assert lines[0].endswith("▂█")  # the sparkline: 144 then 1,644
    assert lines[1].startswith("2025-03-28 Reuters") and lines[1].rstrip().endswith("≥144")
    assert "→" in lines[1]  # an open bound points on
    assert lines[2].startswith("2025-03-29 AP") and lines[2].rstrip().endswith("1,644")
    assert lines[3] == "undated: Wire 1,000–3,000"
    # Bars grow with the value: the 1,644 bar is longer than the 144 one.
    assert lines[2].count("█") > lines[1].count("█")


def test_trend_without_dates_says_so() -> None:
    row = Row("killed", "killed", "single", {3: [fig(5)]})
    text = chart(row, {c.id: c for c in COLUMNS}).plain
    assert "No dated values to plot." in text and "undated: Wire 5" in text


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield FigureTable(id="table")
        yield SentencePanel(id="sentences")


async def test_table_and_sentences_at_80_columns_with_many_articles() -> None:
    columns = [ColumnInfo(i, f"Source {i}", f"2025-04-{i:02d}", "t") for i in range(1, 13)]
    rows = [Row("killed", "killed", "conflict", {c.id: [fig(100 * c.id)] for c in columns})]
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(FigureTable)
        table.show(rows, columns)
        panel = app.query_one(SentencePanel)
        panel.set_columns(columns)
        views = {
            c.id: [SentenceView(f"{100 * c.id}", f"{100 * c.id} died.", 0, 3)] for c in columns
        }
        panel.show("killed", views, columns[-1].id)
        await pilot.pause()
        assert table.current_article() == 1 and table.current_row() is rows[0]
        text = panel.content.plain
        assert "12 Source 12" in text  # the current (last) column is in view
        assert "more ▶" not in text and "◀" in text  # and the strip says what is off-screen
        assert "1 Source 1 " not in text


def test_spark_scales_from_zero_to_the_largest() -> None:
    assert spark([144, 1644, 2719, 3354]) == "▁▄▇█"
    assert spark([]) == "" and spark([0, 0]) == ""


async def test_empty_table_takes_every_key_without_error() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(FigureTable)
        table.show([], COLUMNS)
        table.focus()
        for key in ("j", "k", "l", "h", "pagedown", "pageup", "G", "g", "enter"):
            await pilot.press(key)
        await pilot.pause()
        assert table.current_row() is None
        assert table.cursor_row == 0
