"""The source sentences of one comparison row, side by side, the numbers highlighted.

This is what lets a reader judge a conflict: "about 11,000" next to "12,000 confirmed" reads
differently once the sentences are beside each other. One column per article that reports the
row (the others are left out, so two claims fill the width at 80 columns). With more columns
than fit, a window of columns around the table's current article is shown, with "◀ n" / "n ▶"
saying how many are off to each side.

Why one widget drawing all columns rather than a widget per article: a comparison of 20
articles would mount 20 widgets (styles, layout) on every open, which cost more than the whole
100 ms budget; wrapping a few sentences into columns of Content costs well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from textual.content import Content
from textual.widgets import Static

from store.export import ColumnInfo
from tui.safe import clean_with_offsets, fit, one_line

HIGHLIGHT = "bold reverse"
MIN_WIDTH = 26  # narrowest a sentence column gets; fewer columns are shown instead
RULE = "▏"


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


def window(count: int, fits: int, current: int) -> tuple[int, int]:
    """[start, stop) of ``fits`` columns out of ``count`` that keeps ``current`` in view."""
    fits = max(1, min(fits, count))
    start = min(max(0, current - fits // 2), count - fits)
    return start, start + fits


class SentencePanel(Static):
    """Side-by-side sentences; ``show`` draws them for one row."""

    DEFAULT_CSS = """
    SentencePanel {
        height: 1fr;
        min-height: 5;
        border-top: solid $foreground 30%;
        overflow-y: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id)
        self._columns: list[ColumnInfo] = []
        self._shown: dict[int, Content] = {}  # article id -> its column, for text_of()
        self._last: tuple[str, Mapping[int, Sequence[SentenceView]], int | None] | None = None

    def set_columns(self, columns: Sequence[ColumnInfo]) -> None:
        """The articles in table order (numbers in the headers follow it)."""
        self._columns = list(columns)

    def show(
        self, label: str, views: Mapping[int, Sequence[SentenceView]], current: int | None
    ) -> None:
        """Draw the sentences of one row: ``views`` maps article id -> its sentences."""
        self._last = (label, views, current)
        reporting = [
            (number, column)
            for number, column in enumerate(self._columns, 1)
            if views.get(column.id)
        ]
        self._shown = {c.id: column_content(n, c, views[c.id]) for n, c in reporting}
        if not reporting:
            self.update(Content.styled(f"No sentences for {one_line(label)}.", "$text-muted"))
            return
        width = self.scrollable_content_region.width or self.app.size.width
        fits = max(1, width // MIN_WIDTH)
        ids = [c.id for _, c in reporting]
        focus = ids.index(current) if current in ids else 0
        start, stop = window(len(ids), fits, focus)
        col_width = max(MIN_WIDTH, width // (stop - start)) if stop > start else width
        blocks: list[list[Content]] = []
        for article_id in ids[start:stop]:
            text_width = max(4, col_width - 3)  # rule, space, text, space
            lines = self._shown[article_id].wrap(text_width)
            style = "bold $accent" if article_id == current else "$foreground 30%"
            rule = Content.styled(RULE, style)
            blocks.append(
                [
                    rule + Content(" ") + line.pad_right(text_width + 1 - line.cell_length)
                    for line in lines
                ]
            )
        height = max(len(b) for b in blocks)
        rows: list[Content] = []
        for y in range(height):
            row = Content("")
            for block in blocks:
                row += block[y] if y < len(block) else Content(" " * col_width)
            rows.append(row)
        more = []
        if start:
            more.append(f"◀ {start} more")
        if stop < len(ids):
            more.append(f"{len(ids) - stop} more ▶")
        if more:
            rows.insert(0, Content.styled(fit("   ".join(more), width).rstrip(), "$text-muted"))
        self.update(Content("\n").join(rows))

    def on_resize(self) -> None:
        if self._last is not None:
            self.show(*self._last)

    def text_of(self, article_id: int) -> str:
        """The plain text of one article's column for the current row ("" when not shown)."""
        column = self._shown.get(article_id)
        return column.plain if column is not None else ""

    def content_of(self, article_id: int) -> Content | None:
        """The styled column of one article (None when it does not report the row)."""
        return self._shown.get(article_id)
