"""The side-by-side table of figures: rows = what is counted, columns = the articles.

A ``DataTable`` suits this (a comparison has tens of rows, never thousands) and gives sideways
scrolling with ``fixed_columns=1`` so the row labels stay put at 80 columns. Every cell and
header is a ``rich.text.Text`` built from cleaned article text: a ``str`` cell would be parsed
as markup (``Budget [/x] vote`` crashes a table, ``[@click=...]`` becomes an action).

Conflicts read without colour too: the row label carries ✗ (conflict), ✓ (agree) or · (single)
and a clashing cell carries ≠, so the table works under ``NO_COLOR`` and in a screenshot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from store.export import (
    CHANGE_SYMBOL,
    VERDICT_SYMBOL,
    ColumnInfo,
    cell_text,
    conflicting_articles,
)
from tui.keys import COMPARE_TABLE_BINDINGS
from tui.safe import fit, one_line

LABEL_WIDTH = 20  # the fixed row-label column, symbol included
CELL_WIDTH = 16  # widest an article column grows; longer cells end in an ellipsis
CONFLICT_MARK = "≠ "

VERDICT_STYLE = {"conflict": "bold red", "agree": "green", "single": "dim"}
CHANGE_STYLE = {"changed": "bold red", "added": "green", "removed": "yellow", "same": "dim"}
CELL_STYLE = {"conflict": "red", "agree": "", "single": ""}


def column_label(number: int, column: ColumnInfo) -> Text:
    """Two header lines: "1 Source" and the date ("undated" when the article gave none)."""
    source = one_line(column.source) or "unknown"
    if column.version:
        second = f"v{column.version} " + (column.published[:10] or "undated")
    else:
        second = column.published[:10] or "undated"
    first = fit(f"{number} {source}", CELL_WIDTH).rstrip()
    return Text(f"{first}\n{second}", no_wrap=True, end="")


def row_label(row: Any, change: str | None = None) -> Text:
    """The fixed first column: verdict symbol (or, between versions, the change), then the
    counted thing."""
    if change is not None:
        symbol, style = CHANGE_SYMBOL.get(change, "?"), CHANGE_STYLE.get(change, "")
    else:
        symbol, style = VERDICT_SYMBOL.get(row.verdict, "?"), VERDICT_STYLE.get(row.verdict, "")
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


class FigureTable(DataTable):
    """The comparison grid. Row keys are row indexes, column keys the article ids."""

    DEFAULT_CSS = """
    FigureTable {
        height: auto;
        max-height: 50%;
        min-height: 4;
    }
    """

    BINDINGS = COMPARE_TABLE_BINDINGS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id,
            cursor_type="cell",
            fixed_columns=1,
            header_height=2,
            zebra_stripes=False,
            show_row_labels=False,
        )
        self.article_ids: list[int] = []
        self.compare_rows: list[Any] = []

    def show(
        self,
        rows: Sequence[Any],
        columns: Sequence[ColumnInfo],
        changes: Mapping[str, str] | None = None,
    ) -> None:
        """Replace the table with ``rows`` (already sorted) over ``columns`` (article order).

        ``changes`` (row key -> changed/added/removed/same) is given when the columns are
        versions of one article; the row labels then say what changed instead of a verdict.
        """
        self.clear(columns=True)
        self.article_ids = [c.id for c in columns]
        self.compare_rows = list(rows)
        self.add_column(Text("What is counted\n", no_wrap=True, end=""), key="label")
        for number, column in enumerate(columns, 1):
            self.add_column(column_label(number, column), key=str(column.id))
        for index, row in enumerate(self.compare_rows):
            clashing = conflicting_articles(row)
            change = None
            if changes is not None:
                change = changes.get(row.key, "changed" if row.verdict == "conflict" else "same")
            self.add_row(
                row_label(row, change),
                *(cell(row, article_id, clashing) for article_id in self.article_ids),
                key=str(index),
            )
        if self.compare_rows:
            # Start on the first article's cell of the first (most conflicting) row.
            self.move_cursor(row=0, column=1 if self.article_ids else 0, animate=False)

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
