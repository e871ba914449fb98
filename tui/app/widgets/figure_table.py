"""The side-by-side table of figures: rows = what is counted, columns = the articles.

A small Line-API widget rather than a ``DataTable``: a DataTable renders every cell of a row
through Rich for each line it draws, which for 20 articles cost ~55 ms of CPU before the first
frame, more than half the 100 ms budget for opening a comparison. Here ``render_line`` joins
pre-measured plain strings into one ``Strip`` and draws only the columns in view. The row-label
column stays fixed while the article columns scroll sideways a whole column at a time (the
cursor always in view), and the two header lines (source, date) stay put when rows scroll.

Cell text comes from cleaned article text and is only ever a plain string given a style here,
so nothing is parsed as markup (``Budget [/x] vote`` and ``[@click=...]`` show literally).

Rows are facts (what is counted, with what tells it apart: "troops sent · first · 2024").
Verdicts read without colour too: the row label carries ✗ (conflict), ↗ (revised), ✓ (agree)
or · (single) and a clashing cell carries ≠, so the table works under ``NO_COLOR`` and in a
screenshot. The marks and the cell wording come from ``store.figures.render``, the renderer
the command line and the exports use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from store.export import ColumnInfo, conflicting_articles
from store.figures.render import CHANGE_MARKS, CLASH_MARK, MARKS, cell_text
from tui.app.keys import COMPARE_TABLE_BINDINGS
from tui.safe import fit, one_line

LABEL_WIDTH = 28  # the fixed row-label column, symbol included
CELL_WIDTH = 16  # widest an article column grows; longer cells end in an ellipsis
CONFLICT_MARK = CLASH_MARK + " "

# Names of the table's component classes (colours from the theme, so both themes keep text at
# >= 4.5:1 and NO_COLOR keeps the bold), or "dim"; the symbols carry the meaning either way.
# A revised count (a toll that grew between reports) is bold in the theme's primary colour.
VERDICT_STYLE = {"conflict": "conflict", "revised": "revised", "agree": "agree", "single": "dim"}
CHANGE_STYLE = {"changed": "conflict", "added": "agree", "removed": "removed", "same": "dim"}
CELL_STYLE = {"conflict": "clash", "agree": "", "single": ""}
THEMED_STYLES = frozenset({"conflict", "revised", "agree", "removed", "clash"})


def column_label(number: int, column: ColumnInfo) -> Text:
    """Two header lines: "1 Source" and the date ("undated" when the article gave none)."""
    source = one_line(column.source) or "unknown"
    if column.version:
        second = f"v{column.version} " + (one_line(column.published)[:10] or "undated")
    else:
        second = one_line(column.published)[:10] or "undated"
    first = fit(f"{number} {source}", CELL_WIDTH).rstrip()
    return Text(f"{first}\n{second}", no_wrap=True, end="")


def row_label(row: Any, change: str | None = None) -> Text:
    """The fixed first column: verdict symbol (or, between versions, the change), then the
    counted thing."""
    if change is not None:
        symbol, style = CHANGE_MARKS.get(change, "?"), CHANGE_STYLE.get(change, "")
    else:
        symbol, style = MARKS.get(row.verdict, "?"), VERDICT_STYLE.get(row.verdict, "")
    label = fit(f"{symbol} {one_line(row.label or row.key)}", LABEL_WIDTH).rstrip()
    return Text(label, style=style, no_wrap=True, end="")


def cell(row: Any, article_id: int, clashing: set[int]) -> Text:
    """One article's figures for one row; "–" when it reports none; ≠ marks a clash."""
    figures = row.cells.get(article_id, [])
    if not figures:
        return Text("–", style="dim", no_wrap=True, end="")
    words = one_line(cell_text(figures))
    if article_id in clashing:
        return Text(
            fit(CONFLICT_MARK + words, CELL_WIDTH).rstrip(),
            style=CELL_STYLE["conflict"],
            no_wrap=True,
            end="",
        )
    return Text(fit(words, CELL_WIDTH).rstrip(), no_wrap=True, end="")


HEADER_LINES = 2
GAP = 2  # spaces between columns
SCROLL_MARK_STYLE = "dim"


class FigureTable(Widget, can_focus=True):
    """The comparison grid; ``show`` fills it. Column 0 is the row labels, 1.. the articles."""

    BINDINGS = COMPARE_TABLE_BINDINGS
    HELP_TITLE = "Comparison table"

    DEFAULT_CSS = """
    FigureTable {
        height: auto;
        max-height: 40%;
        min-height: 4;
        padding: 0 1;
    }
    FigureTable > .figure-table--header {
        text-style: bold;
    }
    FigureTable > .figure-table--cursor {
        text-style: reverse bold;
    }
    FigureTable:blur > .figure-table--cursor {
        text-style: underline;
    }
    FigureTable > .figure-table--conflict {
        color: $text-error;
        text-style: bold;
    }
    FigureTable > .figure-table--clash {
        color: $text-error;
    }
    FigureTable > .figure-table--agree {
        color: $text-success;
    }
    FigureTable > .figure-table--removed {
        color: $text-warning;
    }
    FigureTable > .figure-table--revised {
        color: $text-primary;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {
        "figure-table--header",
        "figure-table--cursor",
        *(f"figure-table--{name}" for name in THEMED_STYLES),
    }

    cursor_row = reactive(0, always_update=False, layout=False)
    cursor_column = reactive(1, always_update=False, layout=False)

    class CellHighlighted(Message):
        """The cursor moved to (``row``, ``column``)."""

        def __init__(self, table: FigureTable, row: int, column: int) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.column = column

        @property
        def control(self) -> FigureTable:
            return self.table

    class CellSelected(CellHighlighted):
        """Enter (or a click on the cursor cell) on (``row``, ``column``)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_ids: list[int] = []
        self.compare_rows: list[Any] = []
        self._labels: list[tuple[str, str]] = []  # (text, style) per row
        self._cells: list[list[tuple[str, str]]] = []  # [row][article] -> (text, style)
        self._headers: list[tuple[str, str]] = []  # (line 1, line 2) per article
        self._label_width = 8
        self._widths: list[int] = []
        self._first_column = 1  # the leftmost article column in view
        self._top = 0  # the first row in view
        self._styles: dict[str, Style] = {}

    # ----- data -----------------------------------------------------------------------------
    def show(
        self,
        rows: Sequence[Any],
        columns: Sequence[ColumnInfo],
        changes: Sequence[str] | None = None,
        clashing: Sequence[set[int]] | None = None,
    ) -> None:
        """Replace the table with ``rows`` (already sorted) over ``columns`` (article order).

        ``changes`` (per row: changed/added/removed/same) is given when the columns are
        versions of one article; the row labels then say what changed instead of a verdict.
        ``clashing`` (per row, the article ids to mark ≠) may be precomputed off the UI thread.
        """
        self.article_ids = [c.id for c in columns]
        self.compare_rows = list(rows)
        self._headers = []
        for number, column in enumerate(columns, 1):
            first, _, second = column_label(number, column).plain.partition("\n")
            self._headers.append((first, second))
        self._labels = []
        self._cells = []
        for index, row in enumerate(self.compare_rows):
            change = None
            if changes is not None and index < len(changes):
                change = changes[index]
            label = row_label(row, change)
            self._labels.append((label.plain, str(label.style or "")))
            marked = clashing[index] if clashing is not None else conflicting_articles(row)
            texts = (cell(row, article_id, marked) for article_id in self.article_ids)
            self._cells.append([(t.plain, str(t.style or "")) for t in texts])
        self._label_width = max([cell_len("Fact")] + [cell_len(text) for text, _ in self._labels])
        self._widths = []
        for index, (first, second) in enumerate(self._headers):
            widths = [cell_len(first), cell_len(second)]
            widths += [cell_len(r[index][0]) for r in self._cells]
            self._widths.append(min(CELL_WIDTH, max(widths)))
        self._first_column = 1
        self._top = 0
        self.set_reactive(FigureTable.cursor_row, 0)
        self.set_reactive(FigureTable.cursor_column, 1 if self.article_ids else 0)
        self.refresh(layout=True)
        if self.compare_rows:
            self.post_message(self.CellHighlighted(self, 0, self.cursor_column))

    def current_row(self) -> Any | None:
        """The comparison row under the cursor (None on an empty table)."""
        if not self.compare_rows:
            return None
        return self.compare_rows[min(self.cursor_row, len(self.compare_rows) - 1)]

    def current_article(self) -> int | None:
        """The article id of the column under the cursor (None on the label column)."""
        column = self.cursor_column
        if column < 1 or column > len(self.article_ids):
            return None
        return self.article_ids[column - 1]

    def row_text(self, index: int) -> list[str]:
        """The plain texts of one row: its label, then one cell per article (for tests)."""
        return [self._labels[index][0]] + [text for text, _ in self._cells[index]]

    @property
    def scrolled_columns(self) -> int:
        """How many article columns are scrolled out of view on the left."""
        return self._first_column - 1

    # ----- layout ---------------------------------------------------------------------------
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return HEADER_LINES + max(1, len(self.compare_rows))

    def _visible_columns(self) -> list[int]:
        """Article column numbers (1-based) that fit beside the fixed labels."""
        room = self.size.width - self._label_width - GAP
        shown: list[int] = []
        for column in range(self._first_column, len(self.article_ids) + 1):
            need = self._widths[column - 1] + GAP
            if shown and need > room:
                break
            shown.append(column)
            room -= need
        return shown

    def _body_height(self) -> int:
        return max(1, self.size.height - HEADER_LINES)

    def _follow_cursor(self) -> None:
        """Scroll (by whole columns and rows) so the cursor cell is in view."""
        if self.cursor_column >= 1:
            if self.cursor_column < self._first_column:
                self._first_column = self.cursor_column
            while self.cursor_column not in self._visible_columns() and (
                self._first_column < self.cursor_column
            ):
                self._first_column += 1
        if self.cursor_row < self._top:
            self._top = max(0, self.cursor_row)
        elif self.cursor_row >= self._top + self._body_height():
            self._top = self.cursor_row - self._body_height() + 1

    def on_resize(self, event: events.Resize) -> None:
        self._follow_cursor()

    # ----- drawing --------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}  # theme changed: the themed colours are read again

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            if name in THEMED_STYLES:
                style = self.get_component_rich_style(f"figure-table--{name}", partial=True)
            else:
                style = Style.parse(name) if name else Style()
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        header = self.get_component_rich_style("figure-table--header", partial=True)
        cursor = self.get_component_rich_style("figure-table--cursor", partial=True)
        columns = self._visible_columns() if self.article_ids else []
        segments: list[Segment] = []

        def put(text: str, cells: int, style: Style) -> None:
            segments.append(Segment(fit(text, cells), base + style))

        if y < HEADER_LINES:
            left = "Fact" if y == 0 else ""
            if y == 1:
                # Under the heading: what lies out of view, columns to the left, rows below.
                marks = []
                if self._first_column > 1:
                    marks.append(f"◀ {self._first_column - 1}")
                if self.rows_below:
                    marks.append(f"▼ {self.rows_below} more rows")
                elif marks:
                    marks[0] += " more"
                left = " ".join(marks)
            put(left, self._label_width, header if y == 0 else self._style(SCROLL_MARK_STYLE))
            for column in columns:
                segments.append(Segment(" " * GAP, base))
                put(self._headers[column - 1][y], self._widths[column - 1], header)
            hidden_right = len(self.article_ids) - (columns[-1] if columns else 0)
            used = sum(s.cell_length for s in segments)
            if y == 1 and hidden_right > 0 and width - used > 2:
                mark = f"{hidden_right} more ▶"
                put(mark.rjust(width - used), width - used, self._style(SCROLL_MARK_STYLE))
        else:
            index = self._top + y - HEADER_LINES
            if not 0 <= index < len(self.compare_rows):
                return Strip.blank(width, base)
            text, style = self._labels[index]
            label_style = self._style(style)
            if index == self.cursor_row and self.cursor_column == 0:
                label_style += cursor
            put(text, self._label_width, label_style)
            for column in columns:
                segments.append(Segment(" " * GAP, base))
                text, style = self._cells[index][column - 1]
                cell_style = self._style(style)
                if index == self.cursor_row and column == self.cursor_column:
                    cell_style += cursor
                put(text, self._widths[column - 1], cell_style)
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def watch_cursor_row(self) -> None:
        self._moved()

    def watch_cursor_column(self) -> None:
        self._moved()

    def _moved(self) -> None:
        self._follow_cursor()
        self.refresh()
        if self.compare_rows:
            self.post_message(self.CellHighlighted(self, self.cursor_row, self.cursor_column))

    # ----- keys and mouse -------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        if self.cursor_row < len(self.compare_rows) - 1:
            self.cursor_row += 1

    def action_cursor_up(self) -> None:
        if self.cursor_row > 0:
            self.cursor_row -= 1

    def action_cursor_right(self) -> None:
        if self.cursor_column < len(self.article_ids):
            self.cursor_column += 1

    def action_cursor_left(self) -> None:
        if self.cursor_column > 0:
            self.cursor_column -= 1

    def action_page_down(self) -> None:
        if self.compare_rows:
            last = len(self.compare_rows) - 1
            self.cursor_row = min(last, self.cursor_row + self._body_height())

    def action_page_up(self) -> None:
        self.cursor_row = max(0, self.cursor_row - self._body_height())

    def action_half_down(self) -> None:
        if self.compare_rows:
            last = len(self.compare_rows) - 1
            self.cursor_row = min(last, self.cursor_row + max(1, self._body_height() // 2))

    def action_half_up(self) -> None:
        self.cursor_row = max(0, self.cursor_row - max(1, self._body_height() // 2))

    def action_first_row(self) -> None:
        self.cursor_row = 0

    def action_last_row(self) -> None:
        self.cursor_row = max(0, len(self.compare_rows) - 1)

    @property
    def rows_below(self) -> int:
        """Rows below the last one in view (shown as "▼ n more" in the header)."""
        return max(0, len(self.compare_rows) - self._top - self._body_height())

    def action_first_column(self) -> None:
        self.cursor_column = 1 if self.article_ids else 0

    def action_last_column(self) -> None:
        self.cursor_column = len(self.article_ids)

    def action_select_cursor(self) -> None:
        if self.compare_rows:
            self.post_message(self.CellSelected(self, self.cursor_row, self.cursor_column))

    def move_cursor(self, row: int, column: int) -> None:
        """Put the cursor on (``row``, ``column``), clamped to the table."""
        self.cursor_row = max(0, min(row, len(self.compare_rows) - 1))  # 0 on an empty table
        self.cursor_column = max(0, min(column, len(self.article_ids)))

    def on_click(self, event: events.Click) -> None:
        if event.y < HEADER_LINES or not self.compare_rows:
            return
        row = self._top + event.y - HEADER_LINES
        if row >= len(self.compare_rows):
            return
        column = 0
        x = self._label_width
        for candidate in self._visible_columns():
            x += GAP
            if x <= event.x < x + self._widths[candidate - 1]:
                column = candidate
                break
            x += self._widths[candidate - 1]
        if (row, column) == (self.cursor_row, self.cursor_column) and event.chain >= 2:
            self.action_select_cursor()
        self.move_cursor(row, column)
