"""Plain data passed between the core (store/) and everything that shows it (tui/).

These are dataclasses on purpose: the UI, the command line and the tests all consume the same
records without knowing anything about SQLite or the file format, and records pickle cleanly
into worker processes during a parallel import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Names of the parts of an article a figure (or a search hit) can sit in.
PART_KEY_POINT = "key_point"
PART_LEAD = "lead"
PART_BODY = "body"

# Bounds a figure can carry; "range" means value_low..value_high both stated.
BOUNDS = ("=", "~", ">", ">=", "<", "<=", "range")


@dataclass
class Section:
    """A run of body paragraphs under one subheading ("" for text before any subheading)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Article:
    """One parsed article file. Every non-blank input line lands in exactly one field.

    ``published`` is ISO 8601 (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``) or "" when the file gives
    no usable date; a date is never invented. ``published_raw`` keeps what the file said.
    ``clutter`` keeps the page-clutter lines the parser removed, so nothing is silently lost.
    ``raw`` is the decoded file text, verbatim (for a fetched page: the extracted article in the
    file format). ``url`` is the page it was fetched from, "" for an imported file; an article
    with a URL is identified by it, so a revised page (new title included) is a new version.
    """

    title: str
    category: str = ""
    published: str = ""
    published_raw: str = ""
    source: str = ""
    tags: list[str] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    lead: str = ""
    sections: list[Section] = field(default_factory=list)
    clutter: list[str] = field(default_factory=list)
    raw: str = ""
    url: str = ""

    @property
    def body(self) -> str:
        """The body as one text: subheadings on their own line, paragraphs split by blank lines.

        Figure offsets for the ``body`` part are character offsets into exactly this string.
        """
        blocks: list[str] = []
        for section in self.sections:
            if section.heading:
                blocks.append(section.heading)
            blocks.extend(section.paragraphs)
        return "\n\n".join(blocks)

    @property
    def key_points_text(self) -> str:
        """Key points joined by newlines; figure offsets for ``key_point`` index into this."""
        return "\n".join(self.key_points)

    def part_text(self, part: str) -> str:
        """The text a figure's ``start``/``end`` offsets refer to, for each part name."""
        if part == PART_KEY_POINT:
            return self.key_points_text
        if part == PART_LEAD:
            return self.lead
        if part == PART_BODY:
            return self.body
        raise ValueError(f"unknown article part: {part!r}")


@dataclass(frozen=True)
class Figure:
    """A number an article reports, with what it counts and where it was said.

    ``start``/``end`` are character offsets of the number's own words (hedge included) inside
    ``Article.part_text(part)``. ``places`` lists every (part, start, end) where the same key and
    value appeared in one article; duplicates collapse into one Figure.

    What tells one fact from another of the same ``key`` (issue 11): ``qualifier`` (first /
    additional / total / per day / the actor), ``period`` (the time it refers to, resolved
    against the publication date; "" when the text says nothing) and ``attribution`` (who the
    article credits with the number). ``value_from`` is the old value of a move written with
    both ends ("from $61,200 to $59,870"); None otherwise.
    """

    value_low: float
    value_high: float
    bound: str
    unit: str
    counts: str
    key: str
    change: str
    sentence: str
    start: int
    end: int
    part: str
    places: tuple[tuple[str, int, int], ...] = ()
    qualifier: str = ""
    period: str = ""
    attribution: str = ""
    value_from: float | None = None

    def to_json(self) -> dict[str, object]:
        """The public JSON shape (documented in README.md; keep it stable)."""
        return {
            "value_low": self.value_low,
            "value_high": self.value_high,
            "bound": self.bound,
            "unit": self.unit,
            "counts": self.counts,
            "key": self.key,
            "change": self.change,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "part": self.part,
            "qualifier": self.qualifier,
            "period": self.period,
            "attribution": self.attribution,
            "from": self.value_from,
        }


@dataclass(frozen=True)
class ArticleRow:
    """What the article list shows for one article (the newest version of it)."""

    id: int
    title: str
    category: str
    published: str
    source: str
    versions: int = 1


@dataclass(frozen=True)
class VersionInfo:
    """One stored version of an article (same title and source, different text)."""

    id: int
    version: int
    imported_at: str
    content_hash: str


@dataclass
class StoredArticle:
    """An article as the library holds it: its id, the parsed record and its version history."""

    id: int
    article: Article
    version: int = 1
    versions: list[VersionInfo] = field(default_factory=list)
    imported_at: str = ""
    path: str = ""
