"""The reader: header, key points pinned above a scrolling body, figures and changes marked.

The key points live outside the scrolling container on purpose: they are the summary a reader
keeps in view while the body scrolls. All text is built as ``Content`` from cleaned plain
strings plus spans, so article text is never parsed as markup; highlight offsets (figures refer
to character offsets in ``Article.part_text``) are moved when control characters are removed.

Rendering is bounded: the article comes from ``store.excerpt`` with every field cut to a size
the terminal lays out in a fraction of a second (100,000 key points or a 4 MB title would take
tens of seconds and hundreds of MB), and each cut is marked where it happens, with what was
left out.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from store.excerpt import Cuts
from store.figures.render import about_text, figure_value
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD, Article, Figure, StoredArticle
from tui.app.keys import READER_BINDINGS
from tui.safe import clean_with_offsets, content, one_line

FIGURE_STYLE = "bold on $warning-muted"
HEADING_STYLE = "bold $text-primary"
CHANGED_STYLE = "underline $text-success"
REMOVED_STYLE = "dim strike"
CUT_STYLE = "italic $text-warning"
MARK_STYLE = "reverse"  # the sentence a figure came from, when opened from a comparison


@dataclass
class ReaderData:
    """Everything the reader shows for one article, fetched together on the database thread."""

    stored: StoredArticle
    figures: list[Figure] = field(default_factory=list)
    previous: Article | None = None  # the version before this one, to mark what changed
    cuts: Cuts = field(default_factory=Cuts)  # what store.excerpt left out


@dataclass(frozen=True)
class SentenceMark:
    """Where a figure was read: its ``part``, the offset of its number in that part, and the
    sentence around it. The reader marks that sentence and scrolls it into view."""

    part: str
    start: int
    sentence: str


def load_reader_data(library: Any, article_id: int) -> ReaderData | None:
    """An article, its figures and the version before it (runs on the database thread).

    Bounded (store.excerpt): any article import accepts opens in a fraction of a second, with
    what was left out marked in the reader.
    """
    from store.excerpt import DEFAULT_LIMITS, excerpt, shown_figures

    conn = library.conn
    got = excerpt(conn, article_id)
    if got is None:
        return None
    stored = got.stored
    figures = shown_figures(conn, article_id, got.shown, DEFAULT_LIMITS.figures)
    previous = None
    if stored.version > 1:
        older = [v for v in stored.versions if v.version == stored.version - 1]
        if older:
            before = excerpt(conn, older[0].id)
            previous = before.stored.article if before else None
    return ReaderData(stored, figures, previous, got.cuts)


def sentence_span(text: str, mark: SentenceMark | None) -> tuple[int, int] | None:
    """The range of ``mark``'s sentence in ``text`` (the part it came from), or None."""
    if mark is None:
        return None
    wanted = mark.sentence.strip()
    if not wanted:
        return None
    start = text.rfind(wanted, 0, mark.start + 1)
    if start < 0 or start + len(wanted) <= mark.start:
        start = text.find(wanted)
    return (start, start + len(wanted)) if start >= 0 else None


def figure_spans(figures: list[Figure]) -> dict[str, list[tuple[int, int]]]:
    """Character ranges to highlight per article part (every place a figure was said)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for figure in figures:
        places = figure.places or ((figure.part, figure.start, figure.end),)
        for part, start, end in places:
            if end > start:
                spans[part].append((start, end))
    return spans


def _styled(text: str, spans: list[tuple[int, int]], style: str, base: str = "") -> Content:
    """Clean ``text`` and apply ``style`` to ``spans`` (offsets into the uncleaned text).

    Spans past the end of ``text`` (figures in a part of the article that was cut) are dropped
    or clipped.
    """
    cleaned, remap = clean_with_offsets(text)
    result = Content.styled(cleaned, base) if base else Content(cleaned)
    size = len(text)
    for start, end in spans:
        if start < size and end > start:
            result = result.stylize(style, remap(start), remap(min(end, size)))
    return result


def cut_note(text: str) -> Content:
    """A visible mark where the reader stops short of the stored article."""
    return Content.styled(f"… {text}", CUT_STYLE)


def _blocks(article: Article) -> list[tuple[bool, str, int]]:
    """(is_heading, text, offset in Article.body) for every block, as Article.body joins them."""
    blocks: list[tuple[bool, str, int]] = []
    offset = 0
    for section in article.sections:
        items = ([(True, section.heading)] if section.heading else []) + [
            (False, p) for p in section.paragraphs
        ]
        for is_heading, text in items:
            blocks.append((is_heading, text, offset))
            offset += len(text) + 2
    return blocks


def _word_changes(old: str, new: str) -> list[tuple[int, int]]:
    """Character ranges in ``new`` whose words differ from ``old``."""
    old_words, new_words = old.split(" "), new.split(" ")
    starts, position = [], 0
    for word in new_words:
        starts.append(position)
        position += len(word) + 1
    ranges: list[tuple[int, int]] = []
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert") and j2 > j1:
            ranges.append((starts[j1], starts[j2 - 1] + len(new_words[j2 - 1])))
    return ranges


def build_header(data: ReaderData) -> Content:
    """Title, then category, date (or "undated"), source, version, then tags."""
    article = data.stored.article
    versions = len(data.stored.versions) or 1
    meta: list[Content | tuple[str, str] | str] = [
        (one_line(article.category) or "uncategorised", "$text-primary"),
        "  ·  ",
        (one_line(article.published)[:16].replace("T", " ") or "undated", "bold"),
        "  ·  ",
        (one_line(article.source) or "unknown source", "italic"),
    ]
    if versions > 1:
        meta += ["  ·  ", (f"version {data.stored.version} of {versions}", "bold")]
    cuts = data.cuts
    title = Content.styled(one_line(article.title), "bold")
    if data.previous is not None:
        old_title = one_line(data.previous.title)
        title = _changed(title, one_line(article.title), old_title)
    if cuts.title_chars:
        title += Content.styled(f"… [{cuts.title_chars:,} more characters not shown]", "bold")
    parts: list[Content | tuple[str, str] | str] = [title, "\n", *meta]
    if article.tags:
        tags = "  ".join("#" + one_line(t) for t in article.tags)
        if cuts.tags:
            tags += f"  (+{cuts.tags:,} more tags)"
        parts += ["\n", (tags, "$text-muted")]
    return Content.assemble(*parts)


def build_key_points(data: ReaderData, mark: SentenceMark | None = None) -> Content:
    """Bulleted key points with their figures highlighted ("" when there are none)."""
    article = data.stored.article
    if not article.key_points:
        return Content("")
    spans = figure_spans(data.figures).get(PART_KEY_POINT, [])
    joined = _styled(article.key_points_text, spans, FIGURE_STYLE)
    if data.previous is not None:
        joined = _changed_lines(joined, article.key_points, data.previous.key_points)
    if mark is not None and mark.part == PART_KEY_POINT:
        marked = sentence_span(article.key_points_text, mark)
        if marked is not None:
            _cleaned, remap = clean_with_offsets(article.key_points_text)
            joined = joined.stylize_before(MARK_STYLE, remap(marked[0]), remap(marked[1]))
    lines = joined.split("\n", allow_blank=True)
    bullet = Content.styled("• ", "$text-primary")
    shown = [bullet + line for line in lines]
    cuts = data.cuts
    if cuts.key_points or cuts.key_point_cut:
        more = f"{cuts.key_points:,} more key points" if cuts.key_points else "the rest"
        shown.append(cut_note(f"{more} not shown (the reader shows the first {len(lines):,})"))
    return Content("\n").join(shown)


@dataclass
class Body:
    """The reading text as blocks (lead, headings, paragraphs, removed text), so the reader can
    put the block holding a marked sentence in a widget of its own and scroll to it."""

    pieces: list[Content]
    changed: int = 0  # blocks changed since the previous version
    marked: int | None = None  # index in ``pieces`` of the block with the marked sentence

    @property
    def content(self) -> Content:
        return Content("\n\n").join(self.pieces)


def build_body(data: ReaderData, mark: SentenceMark | None = None) -> Body:
    """Lead and body with headings styled, figures highlighted, changed text marked and, with
    ``mark``, the sentence a figure came from shown reversed."""
    article = data.stored.article
    spans = figure_spans(data.figures)
    body = Body([])
    pieces = body.pieces
    if article.lead:
        lead = _styled(article.lead, spans.get(PART_LEAD, []), FIGURE_STYLE, "italic")
        if data.previous is not None:
            lead = _changed(lead, article.lead, data.previous.lead)
        if mark is not None and mark.part == PART_LEAD:
            lead = _mark(lead, article.lead, sentence_span(article.lead, mark))
            body.marked = len(pieces)
        pieces.append(lead)

    blocks = _blocks(article)
    changed: dict[int, list[tuple[int, int]] | None] = {}  # block -> word ranges (None = all)
    removed_before: dict[int, list[str]] = defaultdict(list)
    if data.previous is not None:
        old_blocks = [text for _h, text, _o in _blocks(data.previous)]
        new_blocks = [text for _h, text, _o in blocks]
        matcher = SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            if tag == "replace" and i2 - i1 == j2 - j1:
                for k in range(j2 - j1):
                    changed[j1 + k] = _word_changes(old_blocks[i1 + k], new_blocks[j1 + k])
            else:
                for j in range(j1, j2):
                    changed[j] = None
                if i2 > i1:
                    removed_before[j1].extend(old_blocks[i1:i2])

    marked_span = sentence_span(article.body, mark) if mark and mark.part == PART_BODY else None
    body_spans = sorted(spans.get(PART_BODY, []))
    starts = [s for s, _e in body_spans]
    widest = max((e - s for s, e in body_spans), default=0)
    for index, (is_heading, text, offset) in enumerate(blocks):
        for old in removed_before.get(index, []):
            pieces.append(Content.styled("− " + one_line(old), REMOVED_STYLE))
        end = offset + len(text)
        # Only the spans that can touch this block (found by bisection: a figure said
        # thousands of times must not cost blocks x places).
        first, stop = bisect_left(starts, offset - widest), bisect_left(starts, end)
        local = [
            (max(s, offset) - offset, min(e, end) - offset)
            for s, e in body_spans[first:stop]
            if s < end and e > offset
        ]
        block = _styled(text, local, FIGURE_STYLE, HEADING_STYLE if is_heading else "")
        if index in changed:
            ranges = changed[index]
            if ranges is None:
                block = block.stylize_before(CHANGED_STYLE)
            else:
                for start, stop in ranges:
                    block = block.stylize_before(CHANGED_STYLE, start, stop)
        if marked_span is not None and offset <= marked_span[0] < end + 2:
            local_span = (marked_span[0] - offset, min(marked_span[1], end) - offset)
            block = _mark(block, text, local_span)
            body.marked, marked_span = len(pieces), None
        pieces.append(block)
    for old in removed_before.get(len(blocks), []):
        pieces.append(Content.styled("− " + one_line(old), REMOVED_STYLE))
    cuts = data.cuts
    if cuts.body_cut:
        pieces.append(
            cut_note(
                f"the rest of this article is not shown here: {cuts.body_chars:,} more "
                f"characters (`newsdesk show {data.stored.id}` prints it all)"
            )
        )
    figures = build_figures(data.figures)
    if figures:
        pieces.append(figures)
    body.changed = len(changed) + sum(len(v) for v in removed_before.values())
    return body


def _changed(content: Content, text: str, old: str) -> Content:
    """``content`` (built from ``text``) with the words that differ from ``old`` marked."""
    if text == old:
        return content
    _cleaned, remap = clean_with_offsets(text)
    for start, stop in [(0, len(text))] if not old else _word_changes(old, text):
        content = content.stylize_before(CHANGED_STYLE, remap(start), remap(stop))
    return content


def _changed_lines(content: Content, lines: list[str], old_lines: list[str]) -> Content:
    """Key points (``content``, built from ``lines`` joined by newlines) with new or changed
    points marked: a point reworded has its changed words marked, a new one all of it."""
    starts, position = [], 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    joined = "\n".join(lines)
    _cleaned, remap = clean_with_offsets(joined)
    matcher = SequenceMatcher(None, old_lines, lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k, j in enumerate(range(j1, j2)):
            old = old_lines[i1 + k] if tag == "replace" and i1 + k < i2 else ""
            ranges = _word_changes(old, lines[j]) if old else [(0, len(lines[j]))]
            for start, stop in ranges:
                a, b = starts[j] + start, starts[j] + stop
                content = content.stylize_before(CHANGED_STYLE, remap(a), remap(b))
    return content


def _mark(content: Content, text: str, span: tuple[int, int] | None) -> Content:
    """``content`` (built from ``text``) with ``span`` (offsets into ``text``) marked."""
    if span is None:
        return content
    _cleaned, remap = clean_with_offsets(text)
    return content.stylize_before(MARK_STYLE, remap(span[0]), remap(span[1]))


def build_figures(figures: list[Figure]) -> Content:
    """The article's figures after its text, each with what it is about: "~12,000 troops ·
    North Korean · per NIS" (worded by the renderer the comparison and the CLI use)."""
    if not figures:
        return Content("")
    lines = [Content.styled("Figures in this article", HEADING_STYLE)]
    for figure in figures:
        counts = one_line(figure.counts or figure.key)
        line = Content.styled(one_line(figure_value(figure, with_from=True)), FIGURE_STYLE)
        line += Content(f" {counts}" if counts else "")
        about = about_text(figure)
        if about:
            line += Content.styled(f" · {one_line(about)}", "$text-muted")
        lines.append(line)
    return Content("\n").join(lines)


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
        yield Static(Content("Select an article to read it."), id="reader-header")
        with VerticalScroll(id="reader-keypoints-box", can_focus=False):
            yield Static(Content(""), id="reader-keypoints")
        with ReaderBody(id="reader-body"):
            yield Static(Content(""), id="reader-text")
            # With a marked sentence: its block, then the rest (so it can be scrolled to).
            yield Static(Content(""), id="reader-marked", classes="-after")
            yield Static(Content(""), id="reader-rest", classes="-after")

    @property
    def article_id(self) -> int | None:
        return self.data.stored.id if self.data else None

    def load(self, article_id: int, mark: SentenceMark | None = None) -> None:
        """Fetch ``article_id`` off the UI thread and show it (a newer load wins)."""

        def reply(data: ReaderData | None) -> ReaderView.Loaded:
            return self.Loaded(article_id, data, mark)

        self.database.request(
            self,
            lambda library: load_reader_data(library, article_id),
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
        self.data = data
        self.mark = mark
        self.query_one("#reader-header", Static).update(build_header(data))
        key_points = build_key_points(data, mark)
        box = self.query_one("#reader-keypoints-box")
        box.display = bool(key_points)
        self.query_one("#reader-keypoints", Static).update(key_points)
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
        marked = self.query_one("#reader-marked", Static)
        rest = self.query_one("#reader-rest", Static)
        split = body.marked
        if split is None:
            text.update(body.content)
            marked.display = rest.display = False
        else:
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
        if split is not None:
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
        self.query_one("#reader-keypoints-box").display = False
        self.query_one("#reader-text", Static).update(Content(""))
        self.query_one("#reader-marked", Static).display = False
        self.query_one("#reader-rest", Static).display = False
