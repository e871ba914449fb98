"""The current fact's values over publication date: a small hand-drawn bar chart.

Why hand-drawn and not ``Sparkline``: a sparkline spreads values evenly over its width and
cannot say which date or outlet a bar belongs to, and a story's figures come from a handful of
articles. One line per dated article (date, source, a bar scaled to the largest value, the
figure as written) shows a number growing or shrinking across the story; a range draws its
low end solid and the rest shaded, an open bound (">1,000") ends in an arrow. Undated articles
cannot be placed on the time axis, so they are listed apart on one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.content import Content
from textual.widgets import Static

from store.export import ColumnInfo
from store.figures.render import figure_value as figure_text
from tui.safe import fit, one_line

BAR_MAX = 24
SOLID = "█"
SHADE = "░"
SPARKS = "▁▂▃▄▅▆▇█"


def spark(values: list[float]) -> str:
    """One character per value, oldest first, scaled from 0 to the largest: the whole story's
    trend on the title line, even when there are more dated reports than lines to show."""
    top = max(values, default=0.0)
    if top <= 0:
        return ""
    last = len(SPARKS) - 1
    return "".join(SPARKS[max(0, min(last, round(last * v / top)))] for v in values)


def points_for(row: Any, columns: Mapping[int, ColumnInfo]) -> list[tuple[ColumnInfo, Any]]:
    """(column, figure) pairs of a row, one per figure, in article order."""
    pairs: list[tuple[ColumnInfo, Any]] = []
    for article_id, figures in row.cells.items():
        column = columns.get(article_id)
        if column is None:
            continue
        pairs.extend((column, fig) for fig in figures)
    return pairs


def chart(row: Any, columns: Mapping[int, ColumnInfo], width: int = 80) -> Content:
    """The chart as Content: a title, dated bars oldest first, then the undated line."""
    pairs = points_for(row, columns)
    label = one_line(row.label or row.key)
    title = Content.styled(f"{label} over time", "bold")
    dated = sorted(
        ((c, f) for c, f in pairs if c.published), key=lambda p: (p[0].published, p[0].id)
    )
    undated = [(c, f) for c, f in pairs if not c.published]
    if not pairs:
        return title + Content("\nNo values in this row.")
    if len(dated) > 1:
        values = [(f.value_low + max(f.value_high, f.value_low)) / 2 for _, f in dated]
        title += Content("  ") + Content.styled(spark(values), "$accent")
    lines: list[Content] = [title]
    top = max(max(f.value_low, f.value_high) for _, f in pairs) or 1.0
    bar_width = max(6, min(BAR_MAX, width - 40))
    for column, fig in dated:
        solid = round(bar_width * max(fig.value_low, 0) / top)
        high = max(fig.value_high, fig.value_low)
        shade = round(bar_width * max(high, 0) / top) - solid
        if fig.bound in (">", ">="):
            bar = SOLID * solid + "→"
        else:
            bar = SOLID * solid + SHADE * max(shade, 0)
        line = Content.assemble(
            Content(f"{one_line(column.published)[:10]} "),
            Content(fit(one_line(column.source) or "unknown", 12) + " "),
            Content.styled(fit(bar, bar_width + 1), "$accent"),
            Content(" " + one_line(figure_text(fig))),
        )
        lines.append(line)
    if not dated:
        lines.append(Content.styled("No dated values to plot.", "dim"))
    if undated:
        items = "; ".join(
            f"{one_line(c.source) or 'unknown'} {one_line(figure_text(f))}" for c, f in undated
        )
        lines.append(Content.styled("undated: ", "italic") + Content(items))
    return Content("\n").join(lines)


class TrendChart(Static):
    """Shows ``chart`` for the current row; ``show_row`` redraws it."""

    DEFAULT_CSS = """
    TrendChart {
        height: auto;
        max-height: 5;
        padding: 0 1;
        border-top: solid $foreground 30%;
    }
    """

    def show_row(self, row: Any | None, columns: Sequence[ColumnInfo]) -> None:
        by_id = {c.id: c for c in columns}
        if row is None:
            self.update(Content("No row selected."))
            return
        self.update(chart(row, by_id, self.size.width or 80))
