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
from concurrent.futures import Future
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
from textual.worker import get_current_worker

from store.export import ColumnInfo, export_comparison, figure_in_sentence
from store.figures.render import CHANGE_LEGEND, LEGEND, figure_value
from tui.keys import COMPARE_BINDINGS
from tui.safe import content, one_line
from tui.widgets.figure_table import FigureTable
from tui.widgets.sentences import SentencePanel, SentenceView
from tui.widgets.trend import TrendChart

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
    ("hjkl", "bold"),
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


def failure_reason(exc: BaseException) -> str:
    """A short, user-facing reason: the library's own sentence, or a plain cause."""
    import sqlite3

    from store.library import LibraryError

    if isinstance(exc, LibraryError):
        return one_line(str(exc)).rstrip(".")
    if isinstance(exc, sqlite3.Error):
        return "the library could not be read (" + one_line(str(exc)) + ")"
    if isinstance(exc, AttributeError):
        return "the library is not open yet"
    return one_line(str(exc)) or type(exc).__name__


def start_loading(app: Any, ids: Sequence[int]) -> Future[CompareData] | None:
    """Queue ``load_compare_data`` on the app's database thread now (None without one)."""
    db = getattr(app, "db", None)
    if db is None or not hasattr(db, "submit"):
        return None
    wanted = list(ids)
    return db.submit(lambda: load_compare_data(db.library, wanted))


def exports_off() -> bool:
    """True when this session must not write export files (see ``EXPORTS_OFF_ENV``)."""
    return os.environ.get(EXPORTS_OFF_ENV, "").strip() not in ("", "0")


def export_folder(config: Any = None) -> Path:
    """Where exports go: ``$NEWSDESK_EXPORT_DIR``, else ``export_dir`` from config.toml, else
    the current directory."""
    configured = os.environ.get(EXPORT_DIR_ENV, "").strip()
    configured = configured or (getattr(config, "export_dir", "") or "").strip()
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

    def __init__(
        self,
        ids: Sequence[int],
        *,
        export_dir: Path | None = None,
        data: CompareData | None = None,
    ) -> None:
        """``data``: the comparison, already loaded (``open_compare`` loads before pushing, so
        the screen's first frame shows the table); without it the screen loads ``ids`` in a
        worker and draws when they arrive."""
        super().__init__()
        self.ids = list(ids)
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

    @work(thread=True, exclusive=True, group="compare-load")
    def load(self) -> None:
        """Fetch and compare on the database thread, then draw on the UI thread."""
        try:
            data = run_on_library(self.app, load_compare_data, self.ids)
        except Exception as exc:  # noqa: BLE001 - shown as one sentence, never a traceback
            message = f"The comparison could not be made: {failure_reason(exc)}."
            self.app.call_from_thread(self._failed, message)
            return
        self.app.call_from_thread(self.show_data, data)

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

    def action_related(self) -> None:
        """r: the related articles of the article under the cursor; the pick opens in the
        reader (leaving the comparison)."""
        from tui.screens.related import RelatedScreen

        article_id = self.query_one(FigureTable).current_article()
        if article_id is None:
            self.notify("Move to an article's column to see its related articles.")
            return

        def chosen(picked: int | None) -> None:
            if picked is not None:
                self.post_message(self.OpenArticle(picked, "", 0, ""))

        self.app.push_screen(RelatedScreen(article_id), chosen)

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


def scroll_reader_to_sentence(reader: Any, part: str, sentence: str) -> int | None:
    """Scroll the reader's body so ``sentence`` sits near the top; return the line, or None.

    Key points are pinned above the body (always in view), so they need no scroll. For the lead
    and body the sentence is found in the text the reader shows (control characters are gone
    there too) and its line is counted by wrapping the text before it at the body's width,
    which is how the reader lays it out.
    """
    from store.model import PART_KEY_POINT
    from tui.safe import sanitize
    from tui.widgets.reader import ReaderBody

    if part == PART_KEY_POINT or not sentence.strip():
        return None
    text_widget = reader.query_one("#reader-text", Static)
    body = reader.query_one(ReaderBody)
    plain = str(text_widget.content)
    offset = plain.find(sanitize(sentence).strip())
    if offset < 0:
        return None
    width = max(1, text_widget.content_region.width)
    line = len(Content(plain[:offset] + "x").wrap(width)) - 1
    line += text_widget.content_region.y - body.content_region.y + int(body.scroll_y)
    body.scroll_to(y=max(0, line - 1), animate=False)
    return line


NOT_ENOUGH = "Pick at least two articles with space to compare them."


def open_compare(app: Any) -> None:
    """``c``: compare the picked articles, or the versions of one article.

    With two or more picked the screen opens at once (it loads in its own worker). With one
    picked (or none, while an article is open in the reader) that article's versions are
    looked up off the UI thread and compared when there are several; otherwise a one-sentence
    notification says what to do.
    """
    if isinstance(app.screen, CompareScreen):
        return  # already comparing; Esc goes back to pick others
    picked = list(getattr(app, "picked", []))
    if len(picked) >= 2:
        future = start_loading(app, picked)
        if future is None:
            app.push_screen(CompareScreen(picked))
            return

        def wait_then_push() -> None:
            # Load first, push after: one frame with the table instead of an empty frame
            # followed by a second one once the data arrives.
            try:
                data = future.result()
            except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
                message = f"The comparison could not be made: {failure_reason(exc)}."
                app.call_from_thread(app.notify, message, severity="error", markup=False)
                return
            if not get_current_worker().is_cancelled:  # a second c press supersedes this one
                app.call_from_thread(app.push_screen, CompareScreen(picked, data=data))

        app.run_worker(
            wait_then_push, thread=True, group="compare-open", exclusive=True, exit_on_error=False
        )
        return
    if picked:
        candidate = picked[0]
    else:  # nothing picked: the article being read, if it has versions
        browse = getattr(app, "browse", None)
        candidate = browse.reader.article_id if browse is not None else None
    if candidate is None:
        app.notify(NOT_ENOUGH)
        return

    def versions(library: Any) -> list[int]:
        return [v.id for v in library.versions(candidate)]

    def decide(ids: list[int]) -> None:
        if len(ids) >= 2:
            app.push_screen(CompareScreen(ids))
        else:
            app.notify(NOT_ENOUGH)

    def lookup() -> None:
        try:
            ids = run_on_library(app, versions)
        except Exception:  # noqa: BLE001 - fall back to the plain advice
            ids = []
        app.call_from_thread(decide, ids)

    app.run_worker(lookup, thread=True, group="compare-versions", exit_on_error=False)


def open_article_at(app: Any, message: CompareScreen.OpenArticle) -> None:
    """Leave the compare screen and read the article scrolled to the figure's sentence.

    The reader loads asynchronously (and scrolls to the top when it shows an article), so the
    scroll waits until the reader shows *this* load of the article, then runs after a refresh.
    """
    if isinstance(app.screen, CompareScreen):
        app.pop_screen()
    browse = app.browse
    reader = browse.reader
    before = reader.data
    browse.open_article(message.article_id)
    tries = 0

    def check() -> None:
        nonlocal tries
        tries += 1
        data = reader.data
        if data is not None and data is not before and data.stored.id == message.article_id:
            timer.stop()
            reader.call_after_refresh(
                scroll_reader_to_sentence, reader, message.part, message.sentence
            )
        elif tries > 150:  # three seconds: the load failed and was reported elsewhere
            timer.stop()

    timer = app.set_interval(0.02, check)
