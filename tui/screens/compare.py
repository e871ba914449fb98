"""The compare screen: the figures of the picked articles side by side.

Layout, top to bottom: a one-line summary, the figure table (conflicts first), the sentences of
the row under the cursor side by side, and that row's values over publication date. Everything
that touches the library (articles, figures, the comparison itself, sentence offsets) runs in a
thread worker on the app's database thread; the UI thread only builds widgets from the result.

Enter on a cell asks the app to open that article in the reader at the figure's sentence
(``CompareScreen.OpenArticle``); ``e``/``E`` export Markdown/CSV without overwriting files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from store.export import (
    ColumnInfo,
    export_comparison,
    figure_in_sentence,
    figure_text,
    sorted_rows,
)
from tui.safe import one_line
from tui.widgets.figure_table import FigureTable
from tui.widgets.sentences import SentencePanel, SentenceView
from tui.widgets.trend import TrendChart

EXPORT_DIR_ENV = "NEWSDESK_EXPORT_DIR"

COMPARE_BINDINGS: list[Binding] = [
    Binding("escape", "close", "Back", id="compare.close"),
    Binding("enter", "open_cell", "Open at sentence", id="compare.open"),
    Binding("e", "export_markdown", "Export Markdown", id="export_markdown"),
    Binding("E", "export_csv", "Export CSV", id="export_csv"),
]


@dataclass
class CompareData:
    """A loaded comparison with everything the screen draws, built off the UI thread."""

    comparison: Any
    rows: list[Any]
    columns: list[ColumnInfo]
    sentences: dict[tuple[int, int], list[SentenceView]] = field(default_factory=dict)
    versions: bool = False  # every column is a version of the same article
    missing: list[int] = field(default_factory=list)

    @property
    def conflicts(self) -> int:
        return sum(1 for r in self.rows if r.verdict == "conflict")


def load_compare_data(library: Any, ids: Sequence[int]) -> CompareData:
    """Read the articles and figures, compare them and precompute each sentence's highlight.

    Runs on the database thread. When every id is a version of one article the columns are
    labelled with version numbers, so the table reads as "what changed between versions".
    """
    from store.figures.compare import compare

    stored = []
    missing: list[int] = []
    for article_id in dict.fromkeys(ids):
        item = library.get(article_id)
        if item is None:
            missing.append(article_id)
        else:
            stored.append(item)
    triples = [(s.id, s.article, library.figures(s.id)) for s in stored]
    comparison = compare(triples)
    by_id = {s.id: s for s in stored}
    doc_sets = {frozenset(v.id for v in s.versions) for s in stored}
    versions = len(stored) > 1 and len(doc_sets) == 1
    columns = []
    for article_id in comparison.articles:
        s = by_id[article_id]
        a = s.article
        version = s.version if versions else 0
        columns.append(ColumnInfo(article_id, a.source, a.published, a.title, version))
    rows = sorted_rows(comparison.rows)
    sentences: dict[tuple[int, int], list[SentenceView]] = {}
    for index, row in enumerate(rows):
        for article_id, figures in row.cells.items():
            article = by_id[article_id].article if article_id in by_id else None
            views = [SentenceView(figure_text(f), *figure_in_sentence(article, f)) for f in figures]
            if views:
                sentences[(index, article_id)] = views
    return CompareData(comparison, rows, columns, sentences, versions, missing)


def export_folder() -> Path:
    """Where exports go: ``$NEWSDESK_EXPORT_DIR`` when set, else the current directory."""
    configured = os.environ.get(EXPORT_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else Path.cwd()


def run_on_library(app: Any, fn: Callable[..., Any], *args: Any) -> Any:
    """Call ``fn(library, *args)`` where the library lives (the app's database thread).

    Blocking: call it from a thread worker. Apps without a database thread (tests, tools)
    may offer a plain ``library`` attribute instead.
    """
    db = getattr(app, "db", None)
    if db is not None and hasattr(db, "call"):
        return db.call(lambda: fn(db.library, *args))
    return fn(app.library, *args)


class CompareScreen(Screen):
    """Compare the figures of ``ids`` (two or more articles, or versions of one)."""

    BINDINGS = COMPARE_BINDINGS

    DEFAULT_CSS = """
    CompareScreen #compare-summary {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    CompareScreen #compare-trend-box {
        height: auto;
        max-height: 7;
    }
    """

    class OpenArticle(Message):
        """Open ``article_id`` in the reader scrolled to (``part``, ``start``)."""

        def __init__(self, article_id: int, part: str, start: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.part = part
            self.start = start

    def __init__(self, ids: Sequence[int], *, export_dir: Path | None = None) -> None:
        super().__init__()
        self.ids = list(ids)
        self.data: CompareData | None = None
        self.export_dir = export_dir

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Comparing {len(self.ids)} articles…"), id="compare-summary")
        yield FigureTable(id="compare-table")
        yield SentencePanel(id="compare-sentences")
        with VerticalScroll(id="compare-trend-box", can_focus=False):
            yield TrendChart(id="compare-trend")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FigureTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="compare-load")
    def load(self) -> None:
        """Fetch and compare on the database thread, then draw on the UI thread."""
        try:
            data = run_on_library(self.app, load_compare_data, self.ids)
        except Exception as exc:  # noqa: BLE001 - shown as one sentence, never a traceback
            message = (
                f"The comparison could not be made ({one_line(str(exc)) or type(exc).__name__})."
            )
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self.show_data, data)

    def _failed(self, message: str) -> None:
        self.query_one("#compare-summary", Static).update(Content(message))
        self.notify(message, severity="error", markup=False)

    async def show_data(self, data: CompareData) -> None:
        """Draw a loaded comparison (UI thread)."""
        self.data = data
        table = self.query_one(FigureTable)
        await self.query_one(SentencePanel).set_columns(data.columns)
        table.show(data.rows, data.columns)
        what = "versions" if data.versions else "articles"
        summary = (
            f"{len(data.columns)} {what} · {len(data.rows)} rows · {data.conflicts} in conflict"
            "  (✗ conflict ✓ agree · one source ≠ odd one out)"
        )
        if data.missing:
            summary += f"   ({len(data.missing)} missing)"
        self.query_one("#compare-summary", Static).update(Content(summary))
        self._show_row()

    def _show_row(self) -> None:
        if self.data is None:
            return
        table = self.query_one(FigureTable)
        row = table.current_row()
        trend = self.query_one(TrendChart)
        panel = self.query_one(SentencePanel)
        if row is None:
            panel.show("this comparison", {}, None)
            trend.show_row(None, self.data.columns)
            return
        index = table.cursor_row
        views = {c.id: self.data.sentences.get((index, c.id), []) for c in self.data.columns}
        panel.show(row.label or row.key, views, table.current_article())
        trend.show_row(row, self.data.columns)

    @on(DataTable.CellHighlighted)
    def _cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._show_row()

    @on(DataTable.CellSelected)
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_open_cell()

    def action_open_cell(self) -> None:
        """Open the article of the cell under the cursor at its figure's sentence."""
        table = self.query_one(FigureTable)
        row = table.current_row()
        article_id = table.current_article()
        if row is None or article_id is None:
            self.notify("Move to an article's cell to open it.")
            return
        figures = row.cells.get(article_id, [])
        if not figures:
            self.notify("This article gives no figure for this row.")
            return
        figure = figures[0]
        self.post_message(self.OpenArticle(article_id, figure.part, figure.start))

    def action_close(self) -> None:
        self.dismiss()

    def action_export_markdown(self) -> None:
        self._export("markdown")

    def action_export_csv(self) -> None:
        self._export("csv")

    def _export(self, fmt: str) -> None:
        if self.data is None:
            self.notify("The comparison is still loading.")
            return
        self._write_export(fmt, self.data, self.export_dir or export_folder())

    @work(thread=True, group="compare-export")
    def _write_export(self, fmt: str, data: CompareData, folder: Path) -> None:
        columns = {c.id: c for c in data.columns}
        try:
            path = export_comparison(data.comparison, columns, folder, fmt)
        except OSError as exc:
            reason = one_line(exc.strerror or str(exc))
            message = f"The export could not be written to {folder} ({reason})."
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        name = "Markdown" if fmt == "markdown" else "CSV"
        self.app.call_from_thread(
            self.notify, f"{name} written to {path}", title="Exported", markup=False
        )
