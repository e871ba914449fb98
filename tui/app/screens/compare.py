"""The compare screen: the figures of the picked articles side by side.

Layout, top to bottom: a one-line summary, the table of facts (conflicts first), who says what
for the fact under the cursor, its sentences side by side, and its values over publication
date. Everything
that touches the library (articles, figures, the comparison itself, sentence offsets) runs in a
thread worker on the app's database thread; the UI thread only builds widgets from the result.

Enter on a cell asks the app to open that article in the reader at the figure's sentence
(``CompareScreen.OpenArticle``); ``e``/``E`` export Markdown/CSV without overwriting files.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from store.export import ColumnInfo, export_comparison, figure_in_sentence
from store.figures.render import CHANGE_LEGEND, LEGEND, figure_value
from tui.app.database import DatabaseFailed
from tui.app.keys import COMPARE_BINDINGS
from tui.app.widgets.figure_table import FigureTable
from tui.app.widgets.sentences import SentencePanel, SentenceView
from tui.app.widgets.trend import TrendChart
from tui.safe import content, one_line

EXPORT_DIR_ENV = "NEWSDESK_EXPORT_DIR"
# Set (to anything but "" or "0") where exports would land out of the user's reach: a served
# SSH session writes on the server, which its client can never fetch files from.
EXPORTS_OFF_ENV = "NEWSDESK_EXPORTS_OFF"
EXPORTS_OFF_MESSAGE = (
    "Exports are off in this session: files would be written on the server, out of your reach."
)
# A fixed key line instead of a Footer: the Footer rebuilds a widget per binding on every
# open, which alone cost more than the 100 ms budget for drawing a comparison. "?" lists all.
KEY_HINT = Content.assemble(
    ("⏎", "bold"),
    " read at sentence  ",
    ("e", "bold"),
    "/",
    ("E", "bold"),
    " export md/csv  ",
    ("r", "bold"),
    " related  ",
    ("hjkl g G", "bold"),
    " move  ",
    ("esc", "bold"),
    " back  ",
    ("?", "bold"),
    " keys",
)


@dataclass
class CompareData:
    """A loaded comparison with everything the screen draws, built off the UI thread."""

    comparison: Any
    rows: list[Any]
    columns: list[ColumnInfo]
    sentences: dict[tuple[int, int], list[SentenceView]] = field(default_factory=dict)
    versions: bool = False  # every column is a version of the same article
    missing: list[int] = field(default_factory=list)
    # With versions, per row: "changed" / "added" / "removed" / "same", oldest to newest.
    changes: list[str] = field(default_factory=list)
    # Per row, the articles whose figures clash with the most others (marked ≠).
    clashing: list[set[int]] = field(default_factory=list)

    @property
    def conflicts(self) -> int:
        return sum(1 for r in self.rows if r.verdict == "conflict")

    @property
    def revised(self) -> int:
        return sum(1 for r in self.rows if r.verdict == "revised")


def sentence_label(figure: Any) -> str:
    """How a figure is introduced above its sentence: the value, and its source if credited."""
    value = figure_value(figure, with_from=True)
    return f"{value} per {figure.attribution}" if figure.attribution else value


def load_compare_data(library: Any, ids: Sequence[int]) -> CompareData:
    """Read the articles and figures, compare them and precompute each sentence's highlight.

    Runs on the database thread. When every id is a version of one article the columns are
    labelled with version numbers and compared by the same engine, the version order
    standing for time, so the table reads as "what changed between versions".
    """
    from store.figures.compare import compare, row_change

    stored = []
    missing: list[int] = []
    for article_id in dict.fromkeys(ids):
        item = library.get(article_id)
        if item is None:
            missing.append(article_id)
        else:
            stored.append(item)
    doc_sets = {frozenset(v.id for v in s.versions) for s in stored}
    versions = len(stored) > 1 and len(doc_sets) == 1
    if versions:
        stored.sort(key=lambda s: s.version)  # oldest first, so the table reads as a history
    triples = [(s.id, s.article, library.figures(s.id)) for s in stored]
    comparison = compare(triples, versions=versions)
    by_id = {s.id: s for s in stored}
    columns = []
    for article_id in comparison.articles:
        s = by_id[article_id]
        a = s.article
        version = s.version if versions else 0
        columns.append(ColumnInfo(article_id, a.source, a.published, a.title, version))
    rows = list(comparison.rows)  # already in verdict order
    changes: list[str] = []
    if versions and comparison.articles:
        first, last = comparison.articles[0], comparison.articles[-1]
        changes = [row_change(row, first, last) for row in rows]
    sentences: dict[tuple[int, int], list[SentenceView]] = {}
    for index, row in enumerate(rows):
        for article_id, figures in row.cells.items():
            article = by_id[article_id].article if article_id in by_id else None
            views = [
                SentenceView(sentence_label(f), *figure_in_sentence(article, f)) for f in figures
            ]
            if views:
                sentences[(index, article_id)] = views
    clashing = [set(row.clashing) if row.verdict == "conflict" else set() for row in rows]
    return CompareData(comparison, rows, columns, sentences, versions, missing, changes, clashing)


def who_says_what(row: Any) -> Content:
    """The fact under the cursor in one line: its verdict and who says what (untrusted names
    and values as plain Content, never markup)."""
    verdict = Content.styled(f"{row.verdict}: ", "bold")
    return verdict + Content(one_line(getattr(row, "summary", "") or row.label))


class ComparisonLoaded(Message):
    """A comparison the compare screen loaded itself."""

    def __init__(self, data: CompareData) -> None:
        super().__init__()
        self.data = data


def exports_off() -> bool:
    """True when this session must not write export files (see ``EXPORTS_OFF_ENV``)."""
    return os.environ.get(EXPORTS_OFF_ENV, "").strip() not in ("", "0")


def export_folder(config: Any = None) -> Path:
    """Where exports go: ``$NEWSDESK_EXPORT_DIR``, else ``export_dir`` from config.toml, else
    the current directory."""
    configured = os.environ.get(EXPORT_DIR_ENV, "").strip()
    configured = configured or (getattr(config, "export_dir", "") or "").strip()
    return Path(configured).expanduser() if configured else Path.cwd()


class CompareCommands(Provider):
    """Palette entries of the compare screen: the two exports (keys e and E)."""

    def _commands(self) -> list[tuple[str, str, str]]:
        return [
            ("Export comparison as Markdown", "export_markdown", "Write a .md file (e)"),
            ("Export comparison as CSV", "export_csv", "Write a .csv file (E)"),
        ]

    async def discover(self) -> Hits:
        screen = self.screen
        for title, action, help_text in self._commands():
            yield DiscoveryHit(
                Content(title), partial(screen.run_action, action), text=title, help=help_text
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        screen = self.screen
        for title, action, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(screen.run_action, action),
                    text=title,
                    help=help_text,
                )


class CompareScreen(Screen):
    """Compare the figures of ``ids`` (two or more articles, or versions of one)."""

    BINDINGS = COMPARE_BINDINGS
    COMMANDS = {CompareCommands}

    DEFAULT_CSS = """
    CompareScreen #compare-summary {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    CompareScreen #compare-keys {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    CompareScreen #compare-who {
        height: auto;
        max-height: 2;
        padding: 0 1;
        border-top: solid $foreground 30%;
    }
    CompareScreen #compare-trend-box {
        height: auto;
        max-height: 5;
    }
    """

    class OpenArticle(Message):
        """Open ``article_id`` in the reader scrolled to (``part``, ``start``)."""

        def __init__(self, article_id: int, part: str, start: int, sentence: str = "") -> None:
            super().__init__()
            self.article_id = article_id
            self.part = part
            self.start = start
            self.sentence = sentence

    HELP_TITLE = "Comparison"

    def __init__(
        self,
        ids: Sequence[int],
        *,
        export_dir: Path | None = None,
        data: CompareData | None = None,
        picker: Callable[[int], None] | None = None,
        picked: Sequence[int] = (),
        export: str = "",
    ) -> None:
        """``data``: the comparison, already loaded (``open_compare`` loads before pushing, so
        the screen's first frame shows the table); without it the screen loads ``ids`` itself
        and draws when they arrive. ``picker``/``picked``: the browse screen's picks, for the
        related-articles list and the reader opened from here."""
        super().__init__()
        self.ids = list(ids)
        self.picker = picker
        self.picked = picked
        self._export_when_shown = export
        self._ready = data
        self.data: CompareData | None = None
        self.export_dir = export_dir
        self.drawn_at: float | None = None  # perf_counter once the table is on screen (bench)
        self.drawn_cpu: float | None = None  # process_time at the same moment (bench)
        self._shown_at: tuple[int, int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Comparing {len(self.ids)} articles…"), id="compare-summary")
        yield FigureTable(id="compare-table")
        yield Static(Content(""), id="compare-who")
        yield SentencePanel(id="compare-sentences")
        with VerticalScroll(id="compare-trend-box"):  # Tab reaches it to scroll long charts
            yield TrendChart(id="compare-trend")
        yield Static(KEY_HINT, id="compare-keys")

    def on_mount(self) -> None:
        self.query_one(FigureTable).focus()
        if self._ready is not None:
            self.show_data(self._ready)  # loaded before the push: the first frame has it all
        else:
            self.load()

    def load(self) -> None:
        """Fetch and compare on the database thread; ``ComparisonLoaded`` draws it."""
        ids = self.ids
        self.app.database.request(  # type: ignore[attr-defined]
            self,
            lambda library: load_compare_data(library, ids),
            ComparisonLoaded,
            group="compare-load",
            exclusive=True,
        )

    @on(ComparisonLoaded)
    def _loaded(self, message: ComparisonLoaded) -> None:
        self.show_data(message.data)

    @on(DatabaseFailed)
    def _database_failed(self, message: DatabaseFailed) -> None:
        message.stop()
        self._failed(f"The comparison could not be made: {message.sentence}")

    def _failed(self, message: str) -> None:
        self.query_one("#compare-summary", Static).update(content(message))
        self.notify(message, severity="error", markup=False)

    def show_data(self, data: CompareData) -> None:
        """Draw a loaded comparison (UI thread)."""
        self.data = data
        table = self.query_one(FigureTable)
        self.query_one(SentencePanel).set_columns(data.columns)
        table.show(data.rows, data.columns, data.changes if data.versions else None, data.clashing)
        if data.versions:
            changed = sum(1 for status in data.changes if status != "same")
            summary = (
                f"{len(data.columns)} versions · {len(data.rows)} facts · {changed} changed"
                f"   {CHANGE_LEGEND}"
            )
        else:
            summary = (
                f"{len(data.columns)} articles · {len(data.rows)} facts · "
                f"{data.conflicts} conflict{'s' if data.conflicts != 1 else ''} · "
                f"{data.revised} revised   {LEGEND}"
            )
        if not data.rows:
            summary = f"{len(data.columns)} articles · no figures found to compare"
        if data.missing:
            summary += f"   ({len(data.missing)} missing)"
        self.query_one("#compare-summary", Static).update(content(summary))
        self._show_row()
        self.call_after_refresh(self._stamp_drawn)
        if self._export_when_shown:
            self._export(self._export_when_shown)
            self._export_when_shown = ""

    def _stamp_drawn(self) -> None:
        self.drawn_cpu = time.process_time()
        self.drawn_at = time.perf_counter()

    def _show_row(self) -> None:
        if self.data is None:
            return
        table = self.query_one(FigureTable)
        where = (id(self.data), table.cursor_row, table.cursor_column)
        if where == self._shown_at:
            return  # the table re-announces the same cell after loading; draw once
        self._shown_at = where
        row = table.current_row()
        trend = self.query_one(TrendChart)
        panel = self.query_one(SentencePanel)
        if row is None:
            panel.show("this comparison", {}, None)
            trend.show_row(None, self.data.columns)
            self.query_one("#compare-who", Static).update(Content(""))
            return
        index = table.cursor_row
        views = {c.id: self.data.sentences.get((index, c.id), []) for c in self.data.columns}
        panel.show(row.label or row.key, views, table.current_article())
        trend.show_row(row, self.data.columns)
        self.query_one("#compare-who", Static).update(who_says_what(row))

    @on(FigureTable.CellHighlighted)
    def _cell_highlighted(self, event: FigureTable.CellHighlighted) -> None:
        event.stop()
        self._show_row()

    @on(FigureTable.CellSelected)
    def _cell_selected(self, event: FigureTable.CellSelected) -> None:
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
        self.post_message(self.OpenArticle(article_id, figure.part, figure.start, figure.sentence))

    def action_close(self) -> None:
        self.dismiss()

    @on(OpenArticle)
    def _open_article(self, message: OpenArticle) -> None:
        """Read the article over the comparison, at the figure's sentence (marked); Esc comes
        back here with the cursor where it was."""
        from tui.app.screens.article import ArticleScreen
        from tui.app.widgets.reader_content import SentenceMark

        message.stop()
        mark = SentenceMark(message.part, message.start, message.sentence)
        self.app.push_screen(
            ArticleScreen(message.article_id, mark if message.sentence else None, self.picker)
        )

    def action_related(self) -> None:
        """r: the related articles of the article under the cursor; the pick opens in a reader
        over the comparison."""
        from tui.app.screens.related import RelatedScreen

        article_id = self.query_one(FigureTable).current_article()
        if article_id is None:
            self.notify("Move to an article's column to see its related articles.")
            return

        def chosen(picked: int | None) -> None:
            if picked is not None:
                self.post_message(self.OpenArticle(picked, "", 0, ""))

        self.app.push_screen(RelatedScreen(article_id, self.picked, self.picker), chosen)

    def action_export_markdown(self) -> None:
        self._export("markdown")

    def action_export_csv(self) -> None:
        self._export("csv")

    def _export(self, fmt: str) -> None:
        if exports_off():
            self.notify(EXPORTS_OFF_MESSAGE, severity="warning", markup=False)
            return
        if self.data is None:
            self.notify("The comparison is still loading.")
            return
        folder = self.export_dir or export_folder(getattr(self.app, "config", None))
        self._write_export(fmt, self.data, folder)

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
