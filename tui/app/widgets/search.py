"""The search box and its ranked results, with the matched characters highlighted.

The panel only shows: queries go to the app, which runs them on the database thread in an
exclusive worker (a newer keystroke supersedes an older search) and hands back hits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.keys import RESULTS_BINDINGS, SEARCH_BINDINGS
from tui.safe import clean_with_offsets, content, one_line

MATCH_STYLE = "bold reverse"


def highlight(text: str, spans: Sequence[tuple[int, int]], base: str = "") -> Content:
    """``text`` as single-line Content with ``spans`` (offsets into ``text``) highlighted."""
    cleaned, remap = clean_with_offsets(text)
    flat = cleaned.replace("\n", " ").replace("\t", " ")
    result = Content.styled(flat, base) if base else Content(flat)
    for start, end in spans:
        result = result.stylize(MATCH_STYLE, remap(start), remap(end))
    return result


def hit_prompt(hit: Any, width: int = 0) -> Content:
    """Two lines per hit: title (matches marked when the title matched), then date/source and
    the snippet (matches marked when another field matched)."""
    row = hit.row
    title_spans = hit.spans if hit.field == "title" else []
    title = highlight(row.title, title_spans, "bold")
    date = one_line(row.published)[:10] or "undated"
    meta = Content.styled(f"{date}  {one_line(row.source)}  ", "$text-muted")
    if hit.field != "title" and hit.snippet:
        snippet = highlight(hit.snippet, hit.spans)
        second = meta + Content.styled(f"{hit.field}: ", "$text-muted") + snippet
    else:
        second = meta + Content.styled(one_line(row.category), "$text-muted")
    if width > 1:
        # Two lines per hit whatever the width: more hits fit on an 80x24 screen.
        title = title.truncate(width, ellipsis=True)
        second = second.truncate(width, ellipsis=True)
    return title + Content("\n") + second


class SearchInput(Input):
    BINDINGS = SEARCH_BINDINGS
    HELP_TITLE = "Search box"

    def action_close(self) -> None:
        self.post_message(SearchPanel.CloseRequested())

    def action_results(self) -> None:
        results = self.screen.query_one(SearchResults)
        if results.option_count:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0


class SearchResults(OptionList):
    BINDINGS = RESULTS_BINDINGS
    HELP_TITLE = "Search results"

    def action_close(self) -> None:
        self.post_message(SearchPanel.CloseRequested())


class SearchPanel(Vertical):
    """Search box on top, ranked results below; hidden until ``/``."""

    class CloseRequested(Message):
        pass

    def __init__(self, *, id: str | None = None, cursor_blink: bool = True) -> None:
        super().__init__(id=id)
        self.cursor_blink = cursor_blink
        self.hits: list[Any] = []

    def compose(self) -> ComposeResult:
        yield SearchInput(
            placeholder="Search: words, typos ok; cat: src: since: filters",
            id="search-input",
        )
        yield Static(Content(""), id="search-status")
        yield SearchResults(id="search-results")

    def on_mount(self) -> None:
        self.query_one(SearchInput).cursor_blink = self.cursor_blink

    @property
    def search_text(self) -> str:
        return self.query_one(SearchInput).value

    def show_hits(self, hits: list[Any], query: str, problems: list[str] | None = None) -> None:
        """Replace the results with ``hits`` for ``query`` (ignored if the box moved on);
        ``problems`` (filters that were ignored, such as a month 13) are said first."""
        if query != self.search_text:
            return
        self.hits = hits
        results = self.query_one(SearchResults)
        results.clear_options()
        width = results.scrollable_content_region.width - 2  # option padding
        results.add_options(Option(hit_prompt(hit, width), id=str(hit.row.id)) for hit in hits)
        status = self.query_one("#search-status", Static)
        if problems:
            note = "; ".join(one_line(p) for p in problems)
            status.update(Content.styled(note[:1].upper() + note[1:] + ".", "$text-warning"))
        elif not query.strip():
            status.update(Content(""))
        elif hits:
            status.update(
                Content.styled(f"{len(hits)} result(s); Enter opens the top one", "$text-muted")
            )
        else:
            status.update(Content.styled("No matches.", "$text-muted"))

    def show_error(self, message: str) -> None:
        self.query_one("#search-status", Static).update(content(message, "$error"))

    def reset(self) -> None:
        self.query_one(SearchInput).value = ""
        self.hits = []
        self.query_one(SearchResults).clear_options()
        self.query_one("#search-status", Static).update(Content(""))
