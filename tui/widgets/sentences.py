"""The source sentences of one comparison row, side by side, the numbers highlighted.

This is what lets a reader judge a conflict: "about 11,000" next to "12,000 confirmed" reads
differently once the sentences are beside each other. One column per article that reports the
row (the others are hidden, so two claims fill the width at 80 columns); with many articles the
strip scrolls sideways and follows the table's cursor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import HorizontalScroll
from textual.content import Content
from textual.widgets import Static

from store.export import ColumnInfo
from tui.safe import clean_with_offsets, one_line

HIGHLIGHT = "bold reverse"
MIN_WIDTH = 26  # narrowest a sentence column gets before the strip scrolls sideways


class SentenceView(NamedTuple):
    """One figure's sentence with the number's span in it (offsets into ``sentence``)."""

    figure: str
    sentence: str
    start: int
    end: int


def sentence_content(view: SentenceView) -> Content:
    """The sentence as Content (never markup), control characters gone, number highlighted."""
    cleaned, remap = clean_with_offsets(view.sentence)
    text = Content(cleaned.replace("\n", " "))
    start, end = remap(view.start), remap(view.end)
    if 0 <= start < end <= len(cleaned):
        text = text.stylize(HIGHLIGHT, start, end)
    return text


def column_content(number: int, column: ColumnInfo, views: Sequence[SentenceView]) -> Content:
    """A column: "1 Source · date" in bold, then each sentence of the row from that article."""
    head = Content.styled(f"{number} {one_line(column.heading)}", "bold")
    parts: list[Content] = [head]
    for view in views:
        parts.append(Content("\n"))
        parts.append(Content.styled(one_line(view.figure), "bold") + Content(": "))
        parts.append(sentence_content(view))
    return Content.assemble(*parts)


class SentenceColumn(Static):
    """One article's sentences for the current row."""

    DEFAULT_CSS = """
    SentenceColumn {
        width: 26;
        height: auto;
        padding: 0 1;
        border-left: vkey $foreground 30%;
    }
    SentenceColumn.current {
        border-left: vkey $accent;
    }
    """


class SentencePanel(HorizontalScroll):
    """Side-by-side sentences; ``show`` fills it for one row."""

    DEFAULT_CSS = """
    SentencePanel {
        height: 1fr;
        min-height: 5;
        border-top: solid $foreground 30%;
    }
    SentencePanel > .empty {
        color: $text-muted;
        width: 1fr;
        padding: 0 1;
    }
    """

    can_focus = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: list[ColumnInfo] = []
        self._widgets: dict[int, SentenceColumn] = {}
        self._empty = Static(Content("No figures to show."), classes="empty")

    def compose(self) -> ComposeResult:
        yield self._empty

    async def set_columns(self, columns: Sequence[ColumnInfo]) -> None:
        """Make one (hidden) column per article, in the table's order."""
        await self.remove_children(SentenceColumn)
        self._columns = list(columns)
        self._widgets = {c.id: SentenceColumn(id=f"sentences-{c.id}") for c in columns}
        for widget in self._widgets.values():
            widget.display = False
        if self._widgets:
            await self.mount_all(list(self._widgets.values()))

    def show(
        self, label: str, views: Mapping[int, Sequence[SentenceView]], current: int | None
    ) -> None:
        """Show the sentences of one row: ``views`` maps article id -> its sentences."""
        shown = 0
        for number, column in enumerate(self._columns, 1):
            widget = self._widgets[column.id]
            row_views = views.get(column.id, ())
            widget.display = bool(row_views)
            widget.set_class(column.id == current, "current")
            if row_views:
                shown += 1
                widget.update(column_content(number, column, row_views))
        # Share the width between the shown columns, never narrower than MIN_WIDTH (then the
        # strip scrolls sideways); fr units with a min-width do not share reliably here.
        available = self.scrollable_content_region.width or self.app.size.width
        width = max(MIN_WIDTH, available // max(1, shown))
        for widget in self._widgets.values():
            if widget.display:
                widget.styles.width = width
        self._empty.display = shown == 0
        if shown == 0:
            self._empty.update(Content(f"No sentences for {one_line(label)}."))
        if current is not None and current in self._widgets and self._widgets[current].display:
            self.scroll_to_widget(self._widgets[current], animate=False)

    def text_of(self, article_id: int) -> str:
        """The plain text shown for one article (for tests and the clipboard)."""
        widget = self._widgets.get(article_id)
        if widget is None or not widget.display:
            return ""
        return str(widget.render())
