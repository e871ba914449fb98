"""What a search is made of: its settings, the parsed query and the hit it returns, and the
folding that makes "Kyiv", "KYIV" and "Kýiv" one word. Every other search module reads its
settings from here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from store.model import ArticleRow

# Hit fields (what part of the article matched best).
FIELD_TITLE = "title"
FIELD_KEY_POINTS = "key_points"
FIELD_SOURCE = "source"
FIELD_CATEGORY = "category"
FIELD_TAGS = "tags"
FIELD_BODY = "body"

# Candidate caps per stage; the ranking stage never sees more than their sum.
SHORT_CANDIDATES = 600
BODY_CANDIDATES = 200
# A prefix of 4+ characters has no FTS5 prefix index, and FTS5 merges the doclists of every
# matching term before returning a row; expanded through the vocabulary into at most this many
# whole terms, it becomes an OR that FTS5 merges lazily (and LIMIT stops early).
MAX_PREFIX_EXPANSION = 24
# A 2-3 letter prefix matches hundreds of words; its candidates come from the words it starts
# in the most articles (candidates are capped per stage anyway, see above).
SHORT_PREFIX_TERMS = 24
SNIPPET_WIDTH = 120
# Candidate stages: all words in the short fields, all words anywhere, any word (fallback).
STAGE_SHORT, STAGE_BODY, STAGE_ANY_WORD = 0, 1, 2
# Up to this many articles the vocabulary is read on the spot (well under a second); above
# it, in a background thread so no key press waits for it.
VOCAB_SYNC_LIMIT = 20_000
# Big libraries keep a copy of their vocabulary and source list in the user cache dir (this
# environment variable moves it).
CACHE_ENV = "NEWSDESK_CACHE_DIR"
CACHE_FORMAT = 1
CACHE_KEEP_FILES = 12  # vocabulary + source list of the last six big libraries
# Short fields in the order candidates keep their tokens, and how much a match in each counts
# ("meta" is source, category and tags together; which of them matched is settled for the
# shown hits only).
FIELD_ORDER = ("title", "key_points", "meta")
FIELD_WEIGHTS = (1.0, 0.92, 0.9)
# What a query word found only in the body (by FTS) adds to an article's score.
BODY_WORD_SCORE = 45.0
# Fuzzy token matches below this rapidfuzz ratio do not count (words of 6+ letters need more:
# at 75, "report" would match "exports").
MIN_TOKEN_RATIO = 75
MIN_TOKEN_RATIO_LONG = 80
# While the last word is being typed, its fuzzy match against the start of a longer token
# (which must begin with the same letter).
TYPING_HEAD_RATIO = 80
ROW_CACHE_SIZE = 4000
# Page cache of the search connection. FTS5 reads its doclists through it; 1 MB holds the
# index pages a typed query revisits (its prefixes), and every served SSH session pays for
# it (4 MB here cost a session ~3 MB of RSS for no measured speed).
SEARCH_CACHE_KB = 1024
# Words after this many are ignored: each costs an FTS5 term and a ranking pass.
MAX_QUERY_WORDS = 12

_WORD = re.compile(r"[^\W_]+")
_FILTER = re.compile(r'(?i)(?<!\S)(cat|src|since):("([^"]*)"?|\S*)')
_SINCE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SPACE_LIKE = re.compile(r"[\r\n\t\f\v]")


class SearchCancelled(Exception):
    """Raised inside a search when its ``cancelled`` callback says a newer search took over."""


@dataclass
class SearchHit:
    """One ranked result.

    ``field`` names the part that matched best (title, key_points, source, category, tags or
    body). ``spans`` are (start, end) character ranges of the matched characters: in
    ``row.title`` when ``field == "title"``, otherwise in ``snippet`` (a one-line excerpt of
    that part, ``…`` marking cut ends). A filter-only search lists articles with field "title"
    and no spans.
    """

    row: ArticleRow
    score: float
    field: str
    snippet: str
    spans: list[tuple[int, int]]


@dataclass
class ParsedQuery:
    """A query split into free text and filters. ``problems`` lists ignored filter values."""

    text: str
    words: list[str]
    categories: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    since: str | None = None
    problems: list[str] = field(default_factory=list)
    typing_last_word: bool = True

    @property
    def has_filters(self) -> bool:
        return bool(self.categories or self.sources or self.since)


# ----------------------------------------------------------------------------- text helpers


def _latin(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    out: list[str] = []
    strip = False
    for c in unicodedata.normalize("NFD", ch.lower()):
        if unicodedata.combining(c):
            if not strip:
                out.append(c)
        else:
            strip = _latin(c)
            out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """Lower-case and drop diacritics the way FTS5's ``unicode61 remove_diacritics 2`` does.

    That tokenizer strips marks from Latin letters only ("Kyïv" -> "kyiv", "İ" -> "i") and
    leaves Cyrillic alone ("Київ" stays "київ", "й" is not "и"), so query words folded here
    are exactly the index's terms, and both sides of every fuzzy comparison agree.
    """
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` plus, for each folded character, the index of its source character.

    Folding can change lengths (ligatures, some capitals), and spans must point into the
    original text, so spans are computed on the folded text and mapped back through this.
    """
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def parse_query(query: str) -> ParsedQuery:
    """Split ``query`` into filters (``cat:``, ``src:``, ``since:``) and free-text words.

    Filter values may be quoted (``src:"kyiv independent"``); a filter with no value yet (the
    user is still typing it) is ignored. ``since:`` takes YYYY, YYYY-MM or YYYY-MM-DD.
    """
    cats: list[str] = []
    srcs: list[str] = []
    since: str | None = None
    problems: list[str] = []

    def take(m: re.Match[str]) -> str:
        nonlocal since
        key = m.group(1).lower()
        value = m.group(3) if m.group(3) is not None else m.group(2)
        value = value.strip().strip('"').strip()
        if not value:
            return " "
        if key == "cat":
            cats.append(value)
        elif key == "src":
            srcs.append(value)
        else:
            iso = _parse_since(value)
            if iso is None:
                problems.append(f"since:{value} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
            else:
                since = iso
        return " "

    text = _FILTER.sub(take, query)
    words = [w for w in (fold(t) for t in _WORD.findall(text)) if w][:MAX_QUERY_WORDS]
    typing = bool(query) and not query[-1].isspace() and bool(words)
    if words and not _WORD.search(text.rstrip()[-1:] or " "):
        typing = False  # the last character typed is punctuation: the last word is complete
    return ParsedQuery(
        text=" ".join(text.split()),
        words=words,
        categories=cats,
        sources=srcs,
        since=since,
        problems=problems,
        typing_last_word=typing,
    )


def _parse_since(value: str) -> str | None:
    m = _SINCE.match(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return date(int(year), int(month), int(day)).isoformat()
        if month:
            if not 1 <= int(month) <= 12:
                return None
            return f"{year}-{int(month):02d}"
    except ValueError:
        return None
    return year


def _fts_term(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


@dataclass(slots=True)
class _Row:
    """The short fields of one article as the ranking needs them (cached per library)."""

    title: str
    category: str
    published: str
    source: str
    tags_json: str
    key_points_json: str
    latest: bool
    tokens: tuple[tuple[str, ...], ...]  # folded tokens: title, key points, other short fields
