"""The reader: header, key points pinned above a scrolling body, figures and changes marked.

The key points live outside the scrolling container on purpose: they are the summary a reader
keeps in view while the body scrolls. What each part shows is built as ``Content`` in
``tui.app.widgets.reader_content`` (article text is never parsed as markup); this module holds
the widgets that load and show it.

Rendering is bounded: the article comes from ``store.excerpt`` with every field cut to a size
the terminal lays out in a fraction of a second (100,000 key points or a 4 MB title would take
tens of seconds and hundreds of MB), and each cut is marked where it happens, with what was
left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tui.app.keys import READER_BINDINGS
from tui.safe import content

if TYPE_CHECKING:
    # Imported where first used, on the database thread: it brings store.figures and
    # store.excerpt (~45 ms), which the first frame (an empty reader) does not need.
    from tui.app.widgets.reader_content import ReaderData, SentenceMark


class ReaderBody(VerticalScroll, can_focus=True):
    """The scrolling part of the reader; owns the reader's key bindings."""

    BINDINGS = READER_BINDINGS
    HELP_TITLE = "Reader"

    class VersionRequested(Message):
        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class BackRequested(Message):
        pass

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the version keys (footer and help) for an article with a single version."""
        if action == "version":
            view = next((a for a in self.ancestors if isinstance(a, ReaderView)), None)
            data = view.data if view is not None else None
            return data is not None and len(data.stored.versions) > 1
        return True

    def action_half_down(self) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_half_up(self) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_version(self, delta: int) -> None:
        self.post_message(self.VersionRequested(delta))

    def action_back(self) -> None:
        self.post_message(self.BackRequested())


class ReaderView(Vertical):
    """Header and pinned key points on top, the body scrolling below them.

    ``load`` asks the database for an article and shows it when it arrives (``Loaded``, posted
    to this view and bubbling on to its screen); the older/newer version keys are handled here,
    so every screen with a reader gets them.
    """

    class Loaded(Message):
        """An article requested with ``load`` arrived (``data`` is None when it is gone)."""

        def __init__(self, article_id: int, data: ReaderData | None, mark: SentenceMark | None):
            super().__init__()
            self.article_id = article_id
            self.data = data
            self.mark = mark

    def __init__(
        self, database: Any = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.database = database  # tui.app.database.Database
        self.data: ReaderData | None = None
        self.mark: SentenceMark | None = None
        self.changed_blocks = 0
        self._multi_version = False
        self.key_points_content = Content("")  # kept for tests: what the widgets were given
        self.body_content = Content("")

    def compose(self) -> ComposeResult:
        # The key points box and the two blocks of a marked sentence are mounted when first
        # needed (``_key_points``, ``_marked_blocks``): the first frame shows an empty reader
        # and every widget in it costs styling, layout and drawing before that frame.
        yield Static(Content("Select an article to read it."), id="reader-header")
        with ReaderBody(id="reader-body"):
            yield Static(Content(""), id="reader-text")

    def _key_points(self) -> tuple[VerticalScroll, Static]:
        """The pinned key points box and its text, between the header and the body."""
        box = next(self.query("#reader-keypoints-box").results(VerticalScroll), None)
        if box is not None:
            return box, box.query_one("#reader-keypoints", Static)
        text = Static(Content(""), id="reader-keypoints")
        box = VerticalScroll(text, id="reader-keypoints-box", can_focus=False)
        self.mount(box, before=self.query_one(ReaderBody))
        return box, text

    def _marked_blocks(self) -> tuple[Static, Static]:
        """With a marked sentence: its block, then the rest (so it can be scrolled to)."""
        body = self.query_one(ReaderBody)
        marked = next(body.query("#reader-marked").results(Static), None)
        if marked is not None:
            return marked, body.query_one("#reader-rest", Static)
        marked = Static(Content(""), id="reader-marked", classes="-after")
        rest = Static(Content(""), id="reader-rest", classes="-after")
        body.mount(marked, rest)
        return marked, rest

    def _hide(self, selector: str) -> None:
        """Hide the parts ``selector`` names that are mounted (the others are not shown)."""
        for widget in self.query(selector):
            widget.display = False

    @property
    def article_id(self) -> int | None:
        return self.data.stored.id if self.data else None

    def load(self, article_id: int, mark: SentenceMark | None = None) -> None:
        """Fetch ``article_id`` off the UI thread and show it (a newer load wins)."""

        def reply(data: ReaderData | None) -> ReaderView.Loaded:
            return self.Loaded(article_id, data, mark)

        def fetch(library: Any) -> ReaderData | None:
            from tui.app.widgets.reader_content import load_reader_data

            return load_reader_data(library, article_id)

        self.database.request(
            self,
            fetch,
            reply,
            group=f"reader-{id(self)}",
            exclusive=True,
        )

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.data is None:
            self.notify("That article is no longer in the library.", severity="warning")
        else:
            self.show(message.data, message.mark)

    @on(ReaderBody.VersionRequested)
    def _version(self, event: ReaderBody.VersionRequested) -> None:
        event.stop()
        data = self.data
        if data is None or len(data.stored.versions) < 2:
            self.notify("This article has only one version.", timeout=2)
            return
        ordered = sorted(data.stored.versions, key=lambda v: v.version)
        index = next((i for i, v in enumerate(ordered) if v.id == data.stored.id), 0)
        target = index + event.delta
        if 0 <= target < len(ordered):
            self.load(ordered[target].id)
        else:
            edge = "oldest" if target < 0 else "newest"
            self.notify(f"This is the {edge} version.", timeout=2)

    def show(self, data: ReaderData, mark: SentenceMark | None = None) -> None:
        """Display ``data`` and scroll the body back to the top, or to ``mark``'s sentence."""
        from tui.app.widgets.reader_content import build_body, build_header, build_key_points

        self.data = data
        self.mark = mark
        self.query_one("#reader-header", Static).update(build_header(data))
        key_points = build_key_points(data, mark)
        if key_points:
            box, key_points_text = self._key_points()
            box.display = True
            key_points_text.update(key_points)
        else:
            self._hide("#reader-keypoints-box")
        body = build_body(data, mark)
        self.changed_blocks = body.changed
        if data.previous is not None:
            note = Content.styled(
                f"{body.changed} block(s) changed since version {data.stored.version - 1}",
                "$text-muted",
            )
            body.pieces.insert(0, note)
            if body.marked is not None:
                body.marked += 1
        self.key_points_content, self.body_content = key_points, body.content
        text = self.query_one("#reader-text", Static)
        split = body.marked
        marked: Static | None = None
        if split is None:
            text.update(body.content)
            self._hide("#reader-marked, #reader-rest")
        else:
            marked, rest = self._marked_blocks()
            before, after = body.pieces[:split], body.pieces[split + 1 :]
            text.update(Content("\n\n").join(before))
            text.display = bool(before)
            marked.update(body.pieces[split])
            rest.update(Content("\n\n").join(after))
            marked.display, rest.display = True, bool(after)
        if split is None:
            text.display = True
        reader_body = self.query_one(ReaderBody)
        reader_body.scroll_home(animate=False)
        if marked is not None:
            # After the layout of the new text: then the marked block's place is known.
            self.call_after_refresh(marked.scroll_visible, top=True, animate=False)
        multi = len(data.stored.versions) > 1
        if multi != self._multi_version:
            # Only when the version keys appear or go: a bindings refresh rebuilds the footer,
            # which costs more than drawing the article.
            self._multi_version = multi
            reader_body.refresh_bindings()

    def clear(self, message: str = "Select an article to read it.") -> None:
        self.data = None
        self.mark = None
        self.query_one("#reader-header", Static).update(content(message))
        self.query_one("#reader-text", Static).update(Content(""))
        self._hide("#reader-keypoints-box, #reader-marked, #reader-rest")
