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

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from store.excerpt import Cuts
from store.figures.render import about_text, figure_value
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD, Article, Figure, StoredArticle
from tui.keys import READER_BINDINGS
from tui.safe import clean_with_offsets, content, one_line

FIGURE_STYLE = "bold $warning"
HEADING_STYLE = "bold $accent"
CHANGED_STYLE = "underline $success"
REMOVED_STYLE = "dim strike"
CUT_STYLE = "italic $warning"


@dataclass
class ReaderData:
    """Everything the reader shows for one article, fetched together on the database thread."""

    stored: StoredArticle
    figures: list[Figure] = field(default_factory=list)
    previous: Article | None = None  # the version before this one, to mark what changed
    cuts: Cuts = field(default_factory=Cuts)  # what store.excerpt left out


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
        (one_line(article.category) or "uncategorised", "$secondary"),
        "  ·  ",
        (one_line(article.published)[:16].replace("T", " ") or "undated", "bold"),
        "  ·  ",
        (one_line(article.source) or "unknown source", "italic"),
    ]
    if versions > 1:
        meta += ["  ·  ", (f"version {data.stored.version} of {versions}", "$warning")]
    cuts = data.cuts
    title = one_line(article.title)
    if cuts.title_chars:
        title += f"… [{cuts.title_chars:,} more characters not shown]"
    parts: list[Content | tuple[str, str] | str] = [(title, "bold"), "\n", *meta]
    if article.tags:
        tags = "  ".join("#" + one_line(t) for t in article.tags)
        if cuts.tags:
            tags += f"  (+{cuts.tags:,} more tags)"
        parts += ["\n", (tags, "$text-muted")]
    return Content.assemble(*parts)


def build_key_points(data: ReaderData) -> Content:
    """Bulleted key points with their figures highlighted ("" when there are none)."""
    article = data.stored.article
    if not article.key_points:
        return Content("")
    spans = figure_spans(data.figures).get(PART_KEY_POINT, [])
    joined = _styled(article.key_points_text, spans, FIGURE_STYLE)
    lines = joined.split("\n", allow_blank=True)
    bullet = Content.styled("• ", "$accent")
    shown = [bullet + line for line in lines]
    cuts = data.cuts
    if cuts.key_points or cuts.key_point_cut:
        more = f"{cuts.key_points:,} more key points" if cuts.key_points else "the rest"
        shown.append(cut_note(f"{more} not shown (the reader shows the first {len(lines):,})"))
    return Content("\n").join(shown)


def build_body(data: ReaderData) -> tuple[Content, int]:
    """Lead and body with headings styled, figures highlighted and changed text marked.

    Returns the content and the number of blocks changed since the previous version.
    """
    article = data.stored.article
    spans = figure_spans(data.figures)
    pieces: list[Content] = []
    if article.lead:
        pieces.append(_styled(article.lead, spans.get(PART_LEAD, []), FIGURE_STYLE, "italic"))

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
    count = len(changed) + sum(len(v) for v in removed_before.values())
    return Content("\n\n").join(pieces), count


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
    """Header and pinned key points on top, the body scrolling below them."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.data: ReaderData | None = None
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

    @property
    def article_id(self) -> int | None:
        return self.data.stored.id if self.data else None

    def show(self, data: ReaderData) -> None:
        """Display ``data`` and scroll the body back to the top."""
        self.data = data
        self.query_one("#reader-header", Static).update(build_header(data))
        key_points = build_key_points(data)
        box = self.query_one("#reader-keypoints-box")
        box.display = bool(key_points)
        self.query_one("#reader-keypoints", Static).update(key_points)
        body, self.changed_blocks = build_body(data)
        if data.previous is not None:
            note = Content.styled(
                f"{self.changed_blocks} block(s) changed since version {data.stored.version - 1}",
                "$text-muted",
            )
            body = Content("\n\n").join([note, body]) if body else note
        self.key_points_content, self.body_content = key_points, body
        self.query_one("#reader-text", Static).update(body)
        self.query_one(ReaderBody).scroll_home(animate=False)
        multi = len(data.stored.versions) > 1
        if multi != self._multi_version:
            # Only when the version keys appear or go: a bindings refresh rebuilds the footer,
            # which costs more than drawing the article.
            self._multi_version = multi
            self.query_one(ReaderBody).refresh_bindings()

    def clear(self, message: str = "Select an article to read it.") -> None:
        self.data = None
        self.query_one("#reader-header", Static).update(content(message))
        self.query_one("#reader-keypoints-box").display = False
        self.query_one("#reader-text", Static).update(Content(""))
