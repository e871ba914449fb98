"""Related articles: a modal list of other reports of the same story, best first.

Opened with ``r`` from the reader. The ranking (``store.related``) runs in a thread worker on
the app's database thread; the list holds at most a few dozen entries, so an ``OptionList``
is fine here. Enter (or the digit shown beside an entry) dismisses the modal with the chosen
article id, which the app opens in the reader; Esc dismisses with None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.related import RelatedHit, related
from tui.app.database import DatabaseFailed
from tui.app.keys import RELATED_BINDINGS
from tui.safe import content, one_line

RELATED_LIMIT = 20


def hit_content(number: int, hit: RelatedHit, picked: bool = False) -> Content:
    """Two lines per hit: "n  title" and "source · date · why it is related" (dim); a "*"
    marks an article picked for comparison."""
    row = hit.row
    prefix = (f"{number}" if number <= 9 else " ") + ("*" if picked else " ") + " "
    date = one_line(row.published)[:10] or "undated"
    detail = " · ".join([one_line(row.source) or "unknown", date, *hit.reasons])
    return Content.assemble(
        Content.styled(prefix, "bold"),
        Content(one_line(row.title)),
        Content("\n  "),
        Content.styled(detail, "dim"),
    )


@dataclass(frozen=True)
class RelatedResult:
    """What the database thread finds for one article: its title and its related articles."""

    title: str
    hits: list[RelatedHit]


def load_related(library: Any, article_id: int) -> RelatedResult:
    """The article's title and its related articles (database thread)."""
    stored = library.get(article_id)
    title = stored.article.title if stored else ""
    return RelatedResult(title, related(library.conn, article_id, limit=RELATED_LIMIT))


class RelatedFound(Message):
    """The article's title and its related articles, from the database thread."""

    def __init__(self, title: str, hits: list[RelatedHit]) -> None:
        super().__init__()
        self.title = title
        self.hits = hits


class RelatedScreen(ModalScreen[int | None]):
    """Pick one related article; the result is its id, or None when closed."""

    BINDINGS = RELATED_BINDINGS
    HELP_TITLE = "Related articles"

    DEFAULT_CSS = """
    RelatedScreen {
        align: center middle;
    }
    RelatedScreen > Vertical {
        width: 90%;
        max-width: 110;
        height: 80%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    RelatedScreen #related-title {
        height: auto;
        max-height: 2;
        text-style: bold;
    }
    RelatedScreen OptionList, RelatedScreen OptionList:focus {
        height: 1fr;
        border: none;
        padding: 0;
        background: $surface;
    }
    """

    def __init__(
        self,
        article_id: int,
        picked: Sequence[int] = (),
        picker: Callable[[int], None] | None = None,
    ) -> None:
        """``picked``/``picker``: the browse screen's picks (marked here; space toggles)."""
        super().__init__()
        self.article_id = article_id
        self.picked = picked
        self.picker = picker
        self.hits: list[RelatedHit] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Finding related articles…"), id="related-title")
            yield OptionList(id="related-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    def load(self) -> None:
        article_id = self.article_id
        self.app.database.request(  # type: ignore[attr-defined]
            self,
            lambda library: load_related(library, article_id),
            lambda found: RelatedFound(found.title, found.hits),
            group="related-load",
            exclusive=True,
        )

    @on(RelatedFound)
    def _found(self, message: RelatedFound) -> None:
        self.show_hits(message.title, message.hits)

    @on(DatabaseFailed)
    def _failed(self, message: DatabaseFailed) -> None:
        message.stop()
        self._show_error(f"Related articles could not be found: {message.sentence}")

    def _show_error(self, message: str) -> None:
        self.query_one("#related-title", Static).update(content(message))

    def show_hits(self, title: str, hits: list[RelatedHit]) -> None:
        self.hits = hits
        heading = f"Related to: {one_line(title)}" if title else "Related articles"
        if not hits:
            heading += " (none found)"
        self.query_one("#related-title", Static).update(content(heading))
        options = self.query_one(OptionList)
        options.clear_options()
        picked = set(self.picked)
        options.add_options(
            Option(hit_content(n, hit, hit.row.id in picked), id=str(hit.row.id))
            for n, hit in enumerate(hits, 1)
        )
        if hits:
            options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_open_nth(self, n: int) -> None:
        if 1 <= n <= len(self.hits):
            self.dismiss(self.hits[n - 1].row.id)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Picking is offered only where the picks can be changed (opened from the browse
        screen or a comparison it opened)."""
        return self.picker is not None if action == "pick" else True

    def action_pick(self) -> None:
        """Space: pick (or unpick) the highlighted article for comparison, staying here."""
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or index >= len(self.hits) or self.picker is None:
            return
        hit = self.hits[index]
        self.picker(hit.row.id)
        picked = hit.row.id in self.picked
        options.replace_option_prompt_at_index(index, hit_content(index + 1, hit, picked))
