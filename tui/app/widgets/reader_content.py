"""What the reader shows, built as ``Content``: header, key points, body and figures, with
figures highlighted, changes since the previous version marked and a figure's sentence marked.

All text is built from cleaned plain strings plus spans, so article text is never parsed as
markup; highlight offsets (figures refer to character offsets in ``Article.part_text``) are
moved when control characters are removed. The article comes bounded from ``store.excerpt``,
and each cut is marked where it happens, with what was left out. The widgets that show it are
in ``tui.app.widgets.reader``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from textual.content import Content

from store.excerpt import Cuts
from store.figures.render import about_text, figure_value
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD, Article, Figure, StoredArticle
from tui.safe import clean_with_offsets, one_line

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
