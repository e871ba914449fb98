"""One article, full screen, over the screen it was opened from (a comparison, for now).

Why a screen of its own: Esc must return to where the reader came from as it was. Opening a
figure's article from the comparison used to leave the comparison for the browse screen, so Esc
landed on the list and ``c`` rebuilt the comparison with its cursor reset. Pushed over the
comparison, this screen's Esc simply pops back to it, cursor and all.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen

from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.reader import ReaderBody, ReaderView
from tui.app.widgets.reader_content import SentenceMark


class ArticleScreen(Screen[None]):
    """Reads ``article_id`` (with ``mark``'s sentence marked and in view); Esc goes back."""

    HELP_TITLE = "Article"

    def __init__(
        self,
        article_id: int,
        mark: SentenceMark | None = None,
        picker: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.mark = mark
        self.picker = picker

    def compose(self) -> ComposeResult:
        yield ReaderView(self.app.database, id="reader")  # type: ignore[attr-defined]
        yield KeyBar()

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    def on_mount(self) -> None:
        self.reader.load(self.article_id, self.mark)
        self.set_focus(self.query_one(ReaderBody))

    @on(ReaderBody.BackRequested)
    def _back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.picker is not None if action == "pick_shown" else True

    def action_pick_shown(self) -> None:
        """Space: pick or unpick the article being read (for the next comparison)."""
        if self.picker is not None and self.reader.article_id is not None:
            self.picker(self.reader.article_id)
            self.notify("Picked or unpicked for comparison.", timeout=2)

    def action_related(self) -> None:
        """r: related articles; the one chosen replaces this article here."""
        from tui.app.screens.related import RelatedScreen

        article_id = self.reader.article_id
        if article_id is None:
            return

        def chosen(picked: int | None) -> None:
            if picked is not None:
                self.reader.load(picked)

        self.app.push_screen(RelatedScreen(article_id, picker=self.picker), chosen)
