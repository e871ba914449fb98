"""The SQLite library: articles, their versions, the FTS5 index and extracted figures.

Design notes (WHY it looks like this):

* Reads go through plain ``sqlite3`` (10 ms to import); ``sqlite_utils`` (~0.25 s) is imported
  only to generate the schema when a library is created or migrated, so ``newsdesk list`` and
  the app start fast.
* Every import batch is ONE transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) in WAL mode: a
  batch killed midway (even by SIGKILL) leaves the library exactly as before, and re-running
  the import completes it because unchanged articles are recognised by their content hash.
* Identity: ``doc_key`` is the normalised title + source. The same content hash again is
  "unchanged" and skipped; the same ``doc_key`` with a new hash becomes version n+1, takes
  ``is_latest`` and the old version stays stored (``versions()`` lists them all).
* The hot insert path is raw ``executemany`` with ids assigned here, so figures can reference
  their article without a round trip. Parsing (and figure extraction) runs in a process pool
  for large imports; the pool ships ready-to-insert tuples, not objects, to keep pickling cheap.
* FTS5 (external content over ``articles``) is kept in sync by triggers. For a big batch the
  insert trigger is dropped inside the transaction and the index filled with one
  ``INSERT ... SELECT`` before the trigger is re-created and the batch commits, so the index is
  never out of step with the table outside a transaction.
* The stored ``body`` column is the reading text: the lead paragraph, then ``Article.body``
  (subheadings and paragraphs). The lead is therefore searchable. ``sections`` and ``lead`` are
  also stored separately, so ``get()`` rebuilds the exact ``Article`` (figure offsets refer to
  ``Article.part_text``, never to this column).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store.collect import ImportFailure, collect, path_text, special_kind
from store.errors import EMPTY, NEEDS_UPGRADE, LibraryError, library_error
from store.library_file import check_damage, check_header, check_path, read_header, schema_version
from store.listing import (
    ROW_COLUMNS,
    SCHEMA_VERSION,
    SORTS,
    filters,
    match_category,
    recent_rows,
)
from store.model import Article, ArticleRow, Figure, Section, StoredArticle, VersionInfo

MAX_FILE_BYTES = 5 * 1024 * 1024
# A first line this long is no title (a one-line HTML or JSON blob, a paragraph without line
# breaks): such a file is refused rather than shown as a title in every list and search.
MAX_TITLE_CHARS = 2000

# Above this many files an import parses in a process pool; below it the pool's start-up
# (spawning interpreters) costs more than it saves.
POOL_THRESHOLD = 400
POOL_WORKERS = 2
# Above this many new rows in one batch the FTS index is filled with one INSERT ... SELECT
# instead of the per-row trigger.
BULK_FTS_THRESHOLD = 2000
# In bulk mode the index is filled every this many rows, so the writer indexes while the pool
# is still parsing instead of leaving all of it to the end (it overlaps on a 2-core machine).
FTS_CHUNK = 5000
# FTS5 keeps this many bytes of pending terms in memory before writing a segment; 16 MB instead
# of the 1 MB default measured ~25% less CPU per article when building the index.
FTS_HASHSIZE = 16 * 1024 * 1024
# FTS5 merges segments once this many share a level (4 is SQLite's default). A bulk batch
# raises it to 16 while it fills the index: at 100k articles that measured 12.3 s instead of
# 15.1 s of CPU for the index, and the same MATCH query times afterwards (six queries timed);
# the default comes back when the batch ends, so later small imports merge as before.
FTS_AUTOMERGE = 4
FTS_BULK_AUTOMERGE = 16
WRITE_CHUNK = 500
# How long a connection waits for another's write lock before reporting the library locked.
BUSY_TIMEOUT_MS = 5000

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called now and then during long work (import, re-extraction)."""

ARTICLE_COLUMNS = (
    "id",
    "doc_key",
    "version",
    "is_latest",
    "title",
    "category",
    "published",
    "published_raw",
    "source",
    "tags",
    "key_points",
    "lead",
    "sections",
    "body",
    "clutter",
    "raw",
    "content_hash",
    "path",
    "imported_at",
    "figures_version",
    "url",
)
FIGURE_COLUMNS = (
    "article_id",
    "ord",
    "value_low",
    "value_high",
    "bound",
    "unit",
    "counts",
    "key",
    "change",
    "sentence",
    "start",
    "end",
    "part",
    "places",
    "qualifier",
    "period",
    "attribution",
    "value_from",
)
FTS_COLUMNS = ("title", "key_points", "source", "category", "tags", "body")

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
)
_INSERT_FIGURE = (
    f"INSERT INTO figures ({', '.join(f'[{c}]' for c in FIGURE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(FIGURE_COLUMNS))})"
)
_FTS_COLS = ", ".join(FTS_COLUMNS)
_NEW_COLS = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
_OLD_COLS = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
_TRIGGER_INSERT = (
    "CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN "
    f"INSERT INTO articles_fts(rowid, {_FTS_COLS}) VALUES (new.id, {_NEW_COLS}); END"
)
_TRIGGER_DELETE = (
    "CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN "
    f"INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLS}) "
    f"VALUES ('delete', old.id, {_OLD_COLS}); END"
)
_TRIGGER_UPDATE = (
    f"CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF {_FTS_COLS} ON articles BEGIN "
    f"INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLS}) "
    f"VALUES ('delete', old.id, {_OLD_COLS}); "
    f"INSERT INTO articles_fts(rowid, {_FTS_COLS}) VALUES (new.id, {_NEW_COLS}); END"
)


@dataclass
class ImportSummary:
    """What one import batch did. ``ids`` are the rows it inserted, in input order."""

    imported: int = 0
    new_versions: int = 0
    unchanged: int = 0
    failed: list[ImportFailure] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    # FIFOs, sockets and devices met in a folder: never opened, one line each, not failures.
    skipped: list[ImportFailure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.imported + self.new_versions + self.unchanged + len(self.failed)

    def lines(self) -> list[str]:
        """A human summary: one count line, then one line per failure."""
        out = [
            f"imported {self.imported}, new versions {self.new_versions}, "
            f"unchanged {self.unchanged}, failed {len(self.failed)}"
        ]
        out.extend(f"failed: {failure}" for failure in self.failed)
        out.extend(f"skipped: {item}" for item in self.skipped)
        return out


# --------------------------------------------------------------------------------------------
# Preparing rows (runs in worker processes for large imports, so it is all module-level).


def normalise_key_part(text: str) -> str:
    """Case-, accent-width- and punctuation-insensitive form of a title or source."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def doc_key_for(title: str, source: str) -> str:
    """The identity of a story across re-imports: normalised title + normalised source."""
    return f"{normalise_key_part(title)}\x1f{normalise_key_part(source)}"


def url_doc_key(url: str) -> str:
    """The identity of a fetched page: its URL (scheme and host case-folded, no fragment).

    Why not title + source: a developing story is re-titled as it changes ("toll nears
    3,000" becomes "toll passes 3,000"), and it is still the same page.
    """
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url.strip())
        url = urlunsplit(
            (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
        )
    except ValueError:
        url = url.strip()
    return f"url\x1f{url}"


def content_hash_for(raw: str) -> str:
    """Hash of the decoded file text; an identical re-import has an identical hash."""
    import hashlib  # here, not at the top: `newsdesk list` never hashes (~2.5 ms start-up)

    return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def stored_body(article: Article) -> str:
    """The ``body`` column: lead, then the body text (see the module notes)."""
    body = article.body
    if article.lead:
        return f"{article.lead}\n\n{body}" if body else article.lead
    return body


def _fts_automerge(conn: sqlite3.Connection, level: int) -> None:
    """Set the FTS5 ``automerge`` level (stored in the index's config; part of the batch)."""
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', ?)", (level,))


def _dumps(value: Any) -> str:
    import json  # imported where used: `newsdesk list` needs no JSON (~1.5 ms start-up)

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _strings_json(items: Sequence[str]) -> str:
    """A list of strings as compact JSON, byte-identical to ``_dumps``.

    Every imported article stores four JSON columns; ``json.dumps`` builds an encoder per
    call, which over 100k articles cost ~2 s of worker CPU. The string escaper is the one
    ``json.dumps(ensure_ascii=False)`` itself uses.
    """
    from json.encoder import encode_basestring

    return "[" + ",".join(map(encode_basestring, items)) + "]"


def _sections_json(sections: Sequence[Section]) -> str:
    """The ``sections`` column, byte-identical to ``_dumps`` of heading/paragraphs dicts."""
    from json.encoder import encode_basestring

    return (
        "["
        + ",".join(
            '{"heading":'
            + encode_basestring(s.heading)
            + ',"paragraphs":['
            + ",".join(map(encode_basestring, s.paragraphs))
            + "]}"
            for s in sections
        )
        + "]"
    )


_PLAIN_PARTS = frozenset({"key_point", "lead", "body"})


def _places_json(places: Sequence[tuple[str, int, int]]) -> str:
    """``places`` as compact JSON, byte-identical to ``_dumps``, without the json module.

    An import stores ~10 figures per article: ``json.dumps`` per figure measured 0.033 ms per
    article in the workers, this 0.008 ms (~2.5 s of CPU saved over 100k). Anything but the
    usual part names and plain ints takes the json path.
    """
    out = []
    for place in places:
        part, start, end = place
        if part not in _PLAIN_PARTS or type(start) is not int or type(end) is not int:
            return _dumps([list(p) for p in places])
        out.append(f'["{part}",{start},{end}]')
    return f"[{','.join(out)}]"


_EXTRACTOR: Any = None  # (extract_article, EXTRACTOR_VERSION) once looked up; False if absent


def figure_extractor() -> tuple[Callable[[Article], list[Figure]], int] | None:
    """``store.figures.extract_article`` and its version, or None while it does not exist."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        try:
            from store.figures import EXTRACTOR_VERSION, extract_article
        except ImportError:
            _EXTRACTOR = False
        else:
            _EXTRACTOR = (extract_article, int(EXTRACTOR_VERSION))
    return _EXTRACTOR or None


def figure_rows(article: Article) -> tuple[list[tuple[Any, ...]], int]:
    """Figure rows (without article id) and the extractor version that produced them.

    An extractor crash on one article must not fail the import: that article gets no figures
    and version 0, so a later extractor release retries it.
    """
    found = figure_extractor()
    if found is None:
        return [], 0
    extract, version = found
    try:
        figures = extract(article)
    except Exception:  # noqa: BLE001 - a bad article must not stop a 100k import
        return [], 0
    rows = [
        (
            ord_,
            f.value_low,
            f.value_high,
            f.bound,
            f.unit,
            f.counts,
            f.key,
            f.change,
            f.sentence,
            f.start,
            f.end,
            f.part,
            _places_json(f.places),
            f.qualifier,
            f.period,
            f.attribution,
            f.value_from,
        )
        for ord_, f in enumerate(figures)
    ]
    return rows, version


def _page_identity(article: Article) -> str:
    """What a fetched page's hash covers: its URL and its text, not what its feed added.

    Why: one page often sits in two feeds with different categories, names or dates; hashing
    those would turn every fetch into a new version flipping between them. The URL is in it,
    so two pages with the same text stay two articles.
    """
    return "\x1f".join(
        (article.url, article.title, "\n".join(article.key_points), stored_body(article))
    )


def prepare_article(label: str, article: Article, figures: bool = True) -> tuple[Any, ...]:
    """A ready-to-insert record: everything but id, version, is_latest and imported_at."""
    figs, fig_version = figure_rows(article) if figures else ([], 0)
    url = article.url
    return (
        label,
        url_doc_key(url) if url else doc_key_for(article.title, article.source),
        article.title,
        article.category,
        article.published,
        article.published_raw,
        article.source,
        _strings_json(article.tags),
        _strings_json(article.key_points),
        article.lead,
        _sections_json(article.sections),
        stored_body(article),
        _strings_json(article.clutter),
        article.raw,
        content_hash_for(_page_identity(article) if url else article.raw),
        figs,
        fig_version,
        url,
    )


_CLUTTER: Sequence[str] | None = None
_FIGURES = True


def _init_worker(clutter_patterns: Sequence[str] | None, figures: bool = True) -> None:
    global _CLUTTER, _FIGURES
    _CLUTTER = clutter_patterns
    _FIGURES = figures


def parse_record(label: str, data: bytes, clutter: Sequence[str] | None = None) -> tuple:
    """File bytes parsed: ``(label, Article)``, or ``(label, None, reason)`` when refused."""
    from store.parse import ParseError, parse_bytes

    if len(data) > MAX_FILE_BYTES:
        return (label, None, f"the file is {len(data) / 1048576:.1f} MB, over the 5 MB limit")
    if label.lower().endswith((".html", ".htm")):
        return _title_checked(parse_html_record(label, data, clutter))
    try:
        return _title_checked((label, parse_bytes(data, clutter_patterns=clutter)))
    except ParseError as exc:
        return (label, None, _one_line(str(getattr(exc, "reason", "") or exc)))
    except Exception as exc:  # noqa: BLE001 - a parser bug is reported per file, not fatal
        return (label, None, _one_line(f"could not be parsed ({type(exc).__name__}: {exc})"))


def _title_checked(record: tuple) -> tuple:
    """``record``, or a refusal when its title is over ``MAX_TITLE_CHARS``."""
    if record[1] is None or len(record[1].title) <= MAX_TITLE_CHARS:
        return record
    return (
        record[0],
        None,
        f"the title (first line) is {len(record[1].title):,} characters long, over the "
        f"{MAX_TITLE_CHARS:,}-character limit for a title",
    )


def parse_html_record(label: str, data: bytes, clutter: Sequence[str] | None = None) -> tuple:
    """A saved web page through the fetcher's extractor (trafilatura, imported only here)."""
    try:
        from store.fetch.article import article_from_html
        from store.fetch.extract import ExtractError
    except ImportError:  # pragma: no cover - the fetch dependencies are not installed
        return (label, None, "saved web pages need the fetch dependencies (trafilatura)")
    try:
        return (label, article_from_html(data, label, clutter))
    except ExtractError as exc:
        return (label, None, _one_line(str(exc)))
    except Exception as exc:  # noqa: BLE001 - an extractor bug is reported per file, not fatal
        return (label, None, _one_line(f"could not be read ({type(exc).__name__}: {exc})"))


def prepare_bytes(
    label: str, data: bytes, clutter: Sequence[str] | None = None, figures: bool = True
) -> tuple:
    """Parse file bytes into a record, or ``(label, None, reason)`` when the file is refused."""
    got = parse_record(label, data, clutter)
    return got if got[1] is None else prepare_article(label, got[1], figures)


def read_record(path: str) -> tuple:
    """Read and parse one file: ``(path, Article)`` or a one-line ``(path, None, reason)``."""
    try:
        # O_NONBLOCK: a FIFO that slipped past collect()'s checks cannot block the import.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            info = os.fstat(fd)
            kind = special_kind(info.st_mode)
            if kind is not None:
                return (path, None, f"{kind}, not an article file")
            size = info.st_size
            if size > MAX_FILE_BYTES:
                return (path, None, f"the file is {size / 1048576:.1f} MB, over the 5 MB limit")
            data = _read_all(fd, size)
        finally:
            os.close(fd)
    except PermissionError:
        return (path, None, "the file cannot be read (permission denied)")
    except IsADirectoryError:
        return (path, None, "this is a folder, not a file")
    except OSError as exc:
        return (path, None, _one_line(f"the file cannot be read ({exc.strerror or exc})"))
    return parse_record(path, data, _CLUTTER)


def _read_all(fd: int, size: int) -> bytes:
    """The file's bytes, at most ``MAX_FILE_BYTES + 1`` (one more tells it is too big).

    Asking for the size ``fstat`` gave (plus one, to see EOF or growth) instead of the 5 MB
    limit: a 5 MB read buffer per file cost ~20 us, ~2 s of CPU over a 100k import.
    """
    chunks = [os.read(fd, size + 1)]
    got = len(chunks[0])
    while chunks[-1] and got <= MAX_FILE_BYTES:  # the file grew, or a short read: carry on
        chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def prepare_file(path: str) -> tuple:
    """Read and prepare one file; unreadable or oversize files become a one-line failure."""
    got = read_record(path)
    return got if got[1] is None else prepare_article(path, got[1], _FIGURES)


def prepare_files(paths: Sequence[str]) -> list[tuple]:
    """``prepare_file`` for a chunk of files, in two passes: parse them all, then the rest.

    Why: parsing and figure extraction each have their own code and tables; doing one phase
    for a whole chunk keeps them in the CPU caches. Measured on 3,000 corpus articles: parse
    then figures per file 0.480 ms, per chunk of 32+ files 0.435-0.445 ms.
    """
    parsed = [read_record(path) for path in paths]
    return [got if got[1] is None else prepare_article(got[0], got[1], _FIGURES) for got in parsed]


@contextlib.contextmanager
def _main_hidden() -> Iterator[None]:
    """Start spawn workers without re-running the caller's ``__main__``.

    Workers need only ``store``; re-importing a script's main module in each worker is wasted
    time and, for a script without an ``if __name__ == "__main__"`` guard, an endless pool of
    crashing workers (a hang). Spawn reads ``__main__.__spec__``/``__file__`` when the pool
    starts its workers, so they are hidden for exactly that moment.
    """
    main = sys.modules.get("__main__")
    saved: dict[str, Any] = {}
    if main is not None:
        for name in ("__file__", "__spec__"):
            if name in vars(main):
                saved[name] = vars(main)[name]
        main.__spec__ = None
        if "__file__" in saved:
            del main.__file__
    try:
        yield
    finally:
        if main is not None:
            for name, value in saved.items():
                setattr(main, name, value)


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "could not be parsed"


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[ImportFailure]]:
    """Files to import and the failures met looking for them (``store.collect.collect``).

    Skipped special files are reported with the failures here; ``import_paths`` keeps them apart.
    """
    found = collect(paths)
    return found.files, found.failures + found.skipped


# --------------------------------------------------------------------------------------------
# Schema and migrations.


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    """Version 1: articles, FTS5 index + vocab, figures, meta, indexes and sync triggers."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    articles = {
        "id": int,
        "doc_key": str,
        "version": int,
        "is_latest": int,
        "title": str,
        "category": str,
        "published": str,
        "published_raw": str,
        "source": str,
        "tags": str,
        "key_points": str,
        "lead": str,
        "sections": str,
        "body": str,
        "clutter": str,
        "raw": str,
        "content_hash": str,
        "path": str,
        "imported_at": str,
        "figures_version": int,
    }
    figures = {
        "article_id": int,
        "ord": int,
        "value_low": float,
        "value_high": float,
        "bound": str,
        "unit": str,
        "counts": str,
        "key": str,
        "change": str,
        "sentence": str,
        "start": int,
        "end": int,
        "part": str,
        "places": str,
    }
    conn.execute(db.create_table_sql("articles", articles, pk="id"))
    conn.execute(db.create_table_sql("figures", figures))
    conn.execute(db.create_table_sql("meta", {"key": str, "value": str}, pk="key"))
    for sql in (
        "CREATE INDEX idx_articles_latest_date ON articles (is_latest, published DESC, id DESC)",
        "CREATE INDEX idx_articles_latest_category "
        "ON articles (is_latest, category, published DESC, id DESC)",
        "CREATE INDEX idx_articles_doc ON articles (doc_key, version)",
        "CREATE INDEX idx_articles_hash ON articles (content_hash)",
        "CREATE INDEX idx_figures_article ON figures (article_id, ord)",
        "CREATE INDEX idx_figures_key ON figures (key)",
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({_FTS_COLS}, content='articles', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
        "CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'col')",
        _TRIGGER_INSERT,
        _TRIGGER_DELETE,
        _TRIGGER_UPDATE,
    ):
        conn.execute(sql)
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', ?)", (FTS_HASHSIZE,)
    )


_FTS_TABLE_2 = (
    f"CREATE VIRTUAL TABLE articles_fts USING fts5({_FTS_COLS}, content='articles', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
)


def _migrate_to_2(conn: sqlite3.Connection, progress: Progress | None = None) -> None:
    """Version 2: the FTS5 index without its prefix indexes, rebuilt from the articles.

    Why: ``prefix='2 3'`` made FTS5 index every word three times (whole, first two and first
    three letters), which measured ~5 s of the ~10 s the index costs for 100,000 articles on
    import, where the import is CPU-bound. Search now turns a 2-3 letter prefix into the
    whole words it most often starts (from the vocabulary it already keeps for spelling
    corrections), with keystroke latency still within budget (bench/bench_search.py).
    """
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE IF EXISTS articles_vocab")
    conn.execute("DROP TABLE IF EXISTS articles_fts")
    conn.execute(_FTS_TABLE_2)
    conn.execute("CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'col')")
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', ?)", (FTS_HASHSIZE,)
    )
    last = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    _fts_automerge(conn, FTS_BULK_AUTOMERGE)
    for start in range(1, last + 1, FTS_CHUNK):
        conn.execute(
            f"INSERT INTO articles_fts(rowid, {_FTS_COLS}) "
            f"SELECT id, {_FTS_COLS} FROM articles WHERE id >= ? AND id < ?",
            (start, start + FTS_CHUNK),
        )
        if progress is not None:
            progress(min(start + FTS_CHUNK - 1, last), last)
    _fts_automerge(conn, FTS_AUTOMERGE)
    for trigger in (_TRIGGER_INSERT, _TRIGGER_DELETE, _TRIGGER_UPDATE):
        conn.execute(trigger)


def _migrate_to_3(conn: sqlite3.Connection, _progress: Progress | None = None) -> None:
    """Version 3: what tells one fact from another (qualifier, period, attribution) and the
    old value of a move (value_from), stored with each figure.

    Why: the comparison aligns figures into facts, not nouns (issue 11). Stored figures are
    re-extracted on the next writable open because the extractor version changed with them.
    """
    have = {row[1] for row in conn.execute("PRAGMA table_info(figures)")}
    for column, kind in _FIGURE_COLUMNS_3.items():
        if column not in have:
            conn.execute(f"ALTER TABLE figures ADD COLUMN [{column}] {kind}")


# Columns added to ``figures`` by version 3 (declared once: version 1 creates the rest).
_FIGURE_COLUMNS_3 = {
    "qualifier": "TEXT NOT NULL DEFAULT ''",
    "period": "TEXT NOT NULL DEFAULT ''",
    "attribution": "TEXT NOT NULL DEFAULT ''",
    "value_from": "FLOAT",
}


def _migrate_to_4(conn: sqlite3.Connection, _progress: Progress | None = None) -> None:
    """Version 4: live news. ``articles.url`` (the page a fetched article came from, "" for a
    file), the ``feeds`` the user follows with their HTTP validators, and ``pages``: the
    validators of every article page fetched, so the next fetch asks "changed since?".

    Adding a column with a constant default rewrites nothing (SQLite stores the default in
    the schema), so this step is instant even for 100,000 articles.
    """
    have = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    if "url" not in have:
        conn.execute("ALTER TABLE articles ADD COLUMN url TEXT NOT NULL DEFAULT ''")
    conn.execute("CREATE INDEX IF NOT EXISTS idx_articles_url ON articles (url) WHERE url != ''")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS feeds ("
        " id INTEGER PRIMARY KEY,"
        " url TEXT NOT NULL UNIQUE,"
        " name TEXT NOT NULL DEFAULT '',"
        " category TEXT NOT NULL DEFAULT '',"
        " title TEXT NOT NULL DEFAULT '',"
        " site_url TEXT NOT NULL DEFAULT '',"
        " etag TEXT NOT NULL DEFAULT '',"
        " last_modified TEXT NOT NULL DEFAULT '',"
        " added_at TEXT NOT NULL DEFAULT '',"
        " checked_at TEXT NOT NULL DEFAULT '',"
        " status TEXT NOT NULL DEFAULT '')"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS pages ("
        " url TEXT PRIMARY KEY,"
        " feed_id INTEGER,"
        " etag TEXT NOT NULL DEFAULT '',"
        " last_modified TEXT NOT NULL DEFAULT '',"
        " checked_at TEXT NOT NULL DEFAULT '')"
    )


# Each step upgrades a library from (version - 1) to version; append, never edit old steps.
# A step gets the connection and the caller's progress callback (None when there is none).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection, Progress | None], None]] = {
    1: lambda conn, _progress: _migrate_to_1(conn),
    2: _migrate_to_2,
    3: _migrate_to_3,
    4: _migrate_to_4,
}


def migrate(conn: sqlite3.Connection, current: int, progress: Progress | None = None) -> None:
    """Run every step after ``current`` in one transaction and record the new version."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(current + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](conn, progress)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(version),),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


# --------------------------------------------------------------------------------------------


def _article_from_row(row: Mapping[str, Any]) -> Article:
    import json

    sections = [
        Section(heading=s["heading"], paragraphs=list(s["paragraphs"]))
        for s in json.loads(row["sections"] or "[]")
    ]
    return Article(
        title=row["title"],
        category=row["category"] or "",
        published=row["published"] or "",
        published_raw=row["published_raw"] or "",
        source=row["source"] or "",
        tags=json.loads(row["tags"] or "[]"),
        key_points=json.loads(row["key_points"] or "[]"),
        lead=row["lead"] or "",
        sections=sections,
        clutter=json.loads(row["clutter"] or "[]"),
        raw=row["raw"] or "",
        url=row.get("url") or "",
    )


_ARTICLE_FIELDS = (
    "title",
    "category",
    "published",
    "published_raw",
    "source",
    "tags",
    "key_points",
    "lead",
    "sections",
    "clutter",
    "raw",
)


def _extract_row(row: dict[str, Any]) -> tuple[int, list[tuple[Any, ...]], int]:
    """(id, figure rows, extractor version) for one stored article (runs in pool workers)."""
    figs, version = figure_rows(_article_from_row(row))
    return row["id"], figs, version


def _chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Library:
    """An open newsdesk library. Not thread-safe: use it from one thread at a time."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.fully_checked = False  # True once every page was checked (a small library's open)

    # ---- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        progress: Progress | None = None,
        cache_kb: int = 65536,
        wait_ms: int = BUSY_TIMEOUT_MS,
    ) -> Library:
        """Open (creating or upgrading when writable) the library at ``path``.

        ``cache_kb`` is SQLite's page cache for this connection: large for imports, smaller for
        a long-lived browsing session, whose reads by id all over a big file would fill it.

        Raises ``LibraryError`` with one sentence for a missing read-only library, a file that
        is not SQLite, a corrupt file, or a SQLite file that is not a newsdesk library.
        ``progress`` reports long work on open: a schema upgrade, figure re-extraction.
        """
        p = Path(path).expanduser()
        exists = check_path(p)  # a FIFO, socket or device is refused before it is opened
        if exists:
            check_header(p, read_header(p))
        elif readonly:
            raise LibraryError(f"There is no library at {p}.")
        try:
            if readonly:
                conn = sqlite3.connect(
                    p.resolve().as_uri() + "?mode=ro",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
            else:
                p.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(p, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise library_error(exc, p, writing=not readonly) from None
        lib = cls(conn, p, readonly)
        try:
            lib._prepare(cache_kb, progress, wait_ms)
        except LibraryError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise library_error(exc, p, writing=not readonly) from None
        if not readonly:
            try:
                lib.refresh_figures(progress)
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise library_error(exc, p, writing=True) from None
        if wait_ms != BUSY_TIMEOUT_MS:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return lib

    def _prepare(
        self, cache_kb: int, progress: Progress | None = None, wait_ms: int = 5000
    ) -> None:
        """Check the file, then set it up; nothing is written before every check has passed.

        A foreign or damaged file is refused here with its bytes untouched: the journal-mode
        switch to WAL (which rewrites the header) and any schema work come after the checks.
        """
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        conn.execute(f"PRAGMA cache_size = -{int(cache_kb)}")
        conn.execute("PRAGMA temp_store = MEMORY")
        current = schema_version(conn, self.path)
        if current == 0 and self.readonly:
            raise LibraryError(f"{self.path} is an empty file, not a newsdesk library.", EMPTY)
        if current > 0 and not self.readonly:
            self.fully_checked = check_damage(conn, self.path)
        if not self.readonly:
            # Every writable open puts the library (back) in WAL: a batch killed while it used
            # a rollback journal (see _journal_for_bulk) leaves it in DELETE mode.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        if current < SCHEMA_VERSION:
            if self.readonly:
                raise LibraryError(
                    f"{self.path} needs an upgrade; open it once without --read-only.",
                    NEEDS_UPGRADE,
                )
            migrate(conn, current, progress)

    def verify(self, *, full: bool = True) -> bool:
        """Check the library for damage (every page when ``full``); raises ``LibraryError``."""
        return check_damage(self.conn, self.path, full=full)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # ---- importing -------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Progress | None = None,
        *,
        clutter_patterns: Sequence[str] | None = None,
        workers: int | None = None,
        figures: bool = True,
    ) -> ImportSummary:
        """Import files and folders (recursive) as one transaction.

        Each refused file (binary, empty, > 5 MB, undecodable, no title, unreadable) becomes a
        one-line failure; the others are imported. ``progress(done, total)`` counts files.
        ``figures=False`` defers figure extraction to the next ``refresh_figures``/open (used by
        the benchmark to separate the costs).
        """
        self._require_writable()
        found = collect(paths)
        files = found.files
        total = len(files)
        n_workers = POOL_WORKERS if workers is None else workers
        if total >= POOL_THRESHOLD and n_workers > 1:
            import multiprocessing

            ctx = multiprocessing.get_context("spawn")
            with (
                _main_hidden(),
                ctx.Pool(n_workers, _init_worker, (clutter_patterns, figures)) as pool,
            ):
                chunk = max(8, min(256, total // (n_workers * 16) or 1))
                chunks = pool.imap(prepare_files, list(_chunks(files, chunk)))
                records = (record for part in chunks for record in part)
                summary = self._write(records, total, progress, figures_done=figures)
        else:
            _init_worker(clutter_patterns, figures)
            summary = self._write(
                (prepare_file(f) for f in files), total, progress, figures_done=figures
            )
        summary.failed[:0] = found.failures
        summary.skipped = found.skipped
        return summary

    def import_bytes(
        self,
        items: Iterable[tuple[str, bytes]],
        *,
        clutter_patterns: Sequence[str] | None = None,
    ) -> ImportSummary:
        """Import (label, file bytes) pairs as one batch, parsed in this process."""
        self._require_writable()
        total = len(items) if isinstance(items, Sized) else 0
        records = (prepare_bytes(label, data, clutter_patterns) for label, data in items)
        return self._write(records, total, None)

    def import_articles(
        self,
        items: Iterable[tuple[str, Article]],
        *,
        before_commit: Callable[[sqlite3.Connection], None] | None = None,
    ) -> ImportSummary:
        """Import already-parsed articles, ``(path or label, Article)``, as one batch.

        ``items`` is consumed inside the transaction; a sized collection of many items takes
        the bulk path (an unsized iterator of unknown length never does).
        ``before_commit(conn)`` runs inside the same transaction just before it commits: the
        fetcher stores a feed's HTTP validators there, so a feed is either fetched and stored
        whole, or (killed midway) exactly as before.
        """
        self._require_writable()
        total = len(items) if isinstance(items, Sized) else 0
        records = (prepare_article(label, article) for label, article in items)
        return self._write(records, total, None, before_commit=before_commit)

    def import_prepared(
        self,
        records: Sequence[tuple],
        *,
        before_commit: Callable[[sqlite3.Connection], None] | None = None,
    ) -> ImportSummary:
        """Import records made by ``prepare_article`` (in another thread or process) as one
        batch; ``before_commit`` as for ``import_articles``."""
        self._require_writable()
        return self._write(records, len(records), None, before_commit=before_commit)

    def ensure_samples(self) -> ImportSummary | None:
        """Import the shipped samples into an EMPTY library; None when it already has some."""
        if self.readonly or self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
            return None
        from store.samples import sample_items

        return self.import_bytes(sample_items())

    def _require_writable(self) -> None:
        if self.readonly:
            raise LibraryError(f"{self.path} is open read-only; nothing can be imported.")

    def _write(
        self,
        records: Iterable[tuple],
        total: int,
        progress: Progress | None,
        figures_done: bool = True,
        before_commit: Callable[[sqlite3.Connection], None] | None = None,
    ) -> ImportSummary:
        """Store prepared records in one transaction; see the module notes for the rules."""
        conn = self.conn
        summary = ImportSummary()
        imported_at = _now()
        switched = (
            total >= BULK_FTS_THRESHOLD
            and conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
            and self._journal_for_bulk()
        )
        try:
            summary = self._write_batch(
                records, total, progress, figures_done, imported_at, before_commit
            )
        finally:
            if switched:
                conn.execute("PRAGMA journal_mode = WAL")
        return summary

    def _journal_for_bulk(self) -> bool:
        """Use a rollback journal instead of WAL for a big first batch, when nobody else reads.

        Only for an EMPTY library: in rollback mode other readers are locked out while the
        batch spills pages, which is harmless when there is nothing to read yet, but would
        freeze an app browsing a full library during a later import (WAL keeps it readable).

        WAL writes every new page twice (into the WAL, then into the file at the checkpoint):
        ~1.7 GB extra for 100k articles. A rollback journal records only pages that existed
        before the batch, so appending is written once, and a killed batch still rolls back
        (the hot journal is replayed on the next open). Switching needs exclusive access; if
        another connection has the library open, SQLite refuses and the batch stays in WAL.
        """
        try:
            mode = self.conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError:
            return False
        return str(mode).lower() == "delete"

    def _write_batch(
        self,
        records: Iterable[tuple],
        total: int,
        progress: Progress | None,
        figures_done: bool,
        imported_at: str,
        before_commit: Callable[[sqlite3.Connection], None] | None = None,
    ) -> ImportSummary:
        conn = self.conn
        summary = ImportSummary()
        conn.execute("BEGIN IMMEDIATE")
        try:
            first_id = (conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1
            was_empty = first_id == 1
            bulk = total >= BULK_FTS_THRESHOLD
            if bulk:
                conn.execute("DROP TRIGGER IF EXISTS articles_ai")
                _fts_automerge(conn, FTS_BULK_AUTOMERGE)
            state = _BatchState(next_id=first_id, check_db=not was_empty)
            fts_from = first_id
            done = 0
            pending: list[tuple] = []
            for record in records:
                done += 1
                if record[1] is None:
                    summary.failed.append(ImportFailure(path_text(record[0]), record[2]))
                else:
                    pending.append(record)
                    if len(pending) >= WRITE_CHUNK:
                        self._write_chunk(pending, state, summary, imported_at)
                        pending = []
                        if bulk and state.next_id - fts_from >= FTS_CHUNK:
                            self._index_range(fts_from, state.next_id)
                            fts_from = state.next_id
                if progress is not None and (done % 200 == 0 or done == total):
                    progress(done, total)
            if pending:
                self._write_chunk(pending, state, summary, imported_at)
            if bulk:
                self._index_range(fts_from, state.next_id)
                conn.execute(_TRIGGER_INSERT)
                _fts_automerge(conn, FTS_AUTOMERGE)
            found = figure_extractor()
            if not figures_done and summary.ids:
                # figures were skipped: make the next writable open extract them
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('extractor_version', '0')"
                )
            elif found is not None and was_empty:
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('extractor_version', ?)",
                    (str(found[1]),),
                )
            if before_commit is not None:
                before_commit(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return summary

    def _index_range(self, start: int, stop: int) -> None:
        """Add rows ``start <= id < stop`` to the FTS index (bulk mode, trigger dropped)."""
        self.conn.execute(
            f"INSERT INTO articles_fts(rowid, {_FTS_COLS}) "
            f"SELECT id, {_FTS_COLS} FROM articles WHERE id >= ? AND id < ?",
            (start, stop),
        )

    def _write_chunk(
        self,
        records: list[tuple],
        state: _BatchState,
        summary: ImportSummary,
        imported_at: str,
    ) -> None:
        conn = self.conn
        known_hashes: set[str] = set()
        db_latest: dict[str, tuple[int, int]] = {}
        if state.check_db:
            hashes = list({r[14] for r in records} - state.hashes)
            for part in _chunks(hashes, 500):
                marks = ",".join("?" * len(part))
                known_hashes.update(
                    r[0]
                    for r in conn.execute(
                        f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", part
                    )
                )
            keys = list({r[1] for r in records} - state.latest.keys())
            for part in _chunks(keys, 500):
                marks = ",".join("?" * len(part))
                for key, id_, version in conn.execute(
                    "SELECT doc_key, id, version FROM articles "
                    f"WHERE is_latest = 1 AND doc_key IN ({marks})",
                    part,
                ):
                    db_latest[key] = (id_, version)
        rows: list[list[Any]] = []
        row_index: dict[int, int] = {}
        demote: list[tuple[int]] = []
        figures: list[tuple] = []
        for r in records:
            (label, doc_key, title, category, published, published_raw, source, tags) = r[:8]
            (key_points, lead, sections, body, clutter, raw, chash, figs, fig_version) = r[8:17]
            url = r[17] if len(r) > 17 else ""
            if chash in state.hashes or chash in known_hashes:
                summary.unchanged += 1
                continue
            state.hashes.add(chash)
            previous = state.latest.get(doc_key) or db_latest.get(doc_key)
            new_id = state.next_id
            state.next_id += 1
            if previous is None:
                version = 1
                summary.imported += 1
            else:
                prev_id, prev_version = previous
                version = prev_version + 1
                summary.new_versions += 1
                if prev_id in row_index:
                    rows[row_index[prev_id]][3] = 0
                else:
                    demote.append((prev_id,))
            state.latest[doc_key] = (new_id, version)
            row_index[new_id] = len(rows)
            rows.append(
                [
                    new_id,
                    doc_key,
                    version,
                    1,
                    title,
                    category,
                    published,
                    published_raw,
                    source,
                    tags,
                    key_points,
                    lead,
                    sections,
                    body,
                    clutter,
                    raw,
                    chash,
                    # a name that is not UTF-8 is stored with \xNN escapes
                    "" if url else path_text(label),
                    imported_at,
                    fig_version,
                    url,
                ]
            )
            figures.extend((new_id, *f) for f in figs)
            summary.ids.append(new_id)
        if demote:
            conn.executemany("UPDATE articles SET is_latest = 0 WHERE id = ?", demote)
        if rows:
            conn.executemany(_INSERT_ARTICLE, rows)
        if figures:
            conn.executemany(_INSERT_FIGURE, figures)

    # ---- figures ---------------------------------------------------------------------------

    def figures_stale(self) -> bool:
        """True when the stored figures came from another extractor version (or synonyms).

        A writable open re-extracts them (``refresh_figures``); a read-only one cannot.
        """
        found = figure_extractor()
        if found is None:
            return False
        stored = self.meta("extractor_version")
        try:
            return stored is None or int(stored) != found[1]
        except ValueError:
            return True

    def refresh_figures(self, progress: Progress | None = None) -> int:
        """Re-extract figures stored by another extractor version, in one transaction.

        Returns how many articles were re-extracted (0 when up to date or no extractor).
        """
        if self.readonly:
            return 0
        found = figure_extractor()
        if found is None:
            return 0
        _, version = found
        stored = self.meta("extractor_version")
        # "!=", not "<": the version includes a fingerprint of the user's synonyms, so a
        # change in either direction means the stored figures are stale.
        if stored is not None and int(stored) == version:
            return 0
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM articles WHERE figures_version != ? ORDER BY id", (version,)
                )
            ]
            total = len(ids)
            done = 0
            with contextlib.ExitStack() as stack:
                extract: Callable[[list[dict[str, Any]]], Iterable[tuple]]
                if total >= POOL_THRESHOLD and POOL_WORKERS > 1:
                    import multiprocessing

                    ctx = multiprocessing.get_context("spawn")
                    stack.enter_context(_main_hidden())
                    pool = stack.enter_context(ctx.Pool(POOL_WORKERS))

                    def extract(rows: list[dict[str, Any]]) -> Iterable[tuple]:
                        return pool.map(_extract_row, rows, chunksize=25)

                else:

                    def extract(rows: list[dict[str, Any]]) -> Iterable[tuple]:
                        return map(_extract_row, rows)

                for part in _chunks(ids, 2000):
                    marks = ",".join("?" * len(part))
                    cur = conn.execute(
                        f"SELECT id, {', '.join(_ARTICLE_FIELDS)} FROM articles "
                        f"WHERE id IN ({marks})",
                        part,
                    )
                    cols = [d[0] for d in cur.description]
                    rows = [dict(zip(cols, raw, strict=True)) for raw in cur]
                    fig_rows: list[tuple] = []
                    versions: list[tuple[int, int]] = []
                    for id_, figs, fig_version in extract(rows):
                        fig_rows.extend((id_, *f) for f in figs)
                        versions.append((fig_version, id_))
                    conn.executemany(
                        "DELETE FROM figures WHERE article_id = ?", [(i,) for i in part]
                    )
                    conn.executemany(_INSERT_FIGURE, fig_rows)
                    conn.executemany(
                        "UPDATE articles SET figures_version = ? WHERE id = ?", versions
                    )
                    done += len(part)
                    if progress is not None:
                        progress(done, total)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('extractor_version', ?)",
                (str(version),),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return total

    def figures(self, id: int) -> list[Figure]:
        """The figures stored for one article (any version), in text order."""
        import json

        names = FIGURE_COLUMNS[2:]
        cols = ", ".join(f"[{c}]" for c in names)
        out: list[Figure] = []
        for row in self.conn.execute(
            f"SELECT {cols} FROM figures WHERE article_id = ? ORDER BY ord", (id,)
        ):
            fields = dict(zip(names, row, strict=True))
            places = fields.pop("places")
            fields["places"] = tuple(tuple(p) for p in json.loads(places or "[]"))
            for text_field in ("qualifier", "period", "attribution"):
                fields[text_field] = fields[text_field] or ""
            out.append(Figure(**fields))
        return out

    # ---- reading ---------------------------------------------------------------------------

    def count(self, category: str | None = None, since: str | None = None) -> int:
        """How many articles (newest versions only) match the filters."""
        where, params = filters(category, since)
        return self.conn.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[
            0
        ]

    def ids(
        self, sort: str = "date", *, category: str | None = None, since: str | None = None
    ) -> list[int]:
        """Ids of the newest versions in list order (date: newest first, undated last)."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
        where, params = filters(category, since)
        sql = f"SELECT id FROM articles WHERE {where} ORDER BY {SORTS[sort]}"
        return [r[0] for r in self.conn.execute(sql, params)]

    def rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        """List rows for ``ids`` in the same order (unknown ids are left out)."""
        found: dict[int, ArticleRow] = {}
        for part in _chunks(list(ids), 500):
            marks = ",".join("?" * len(part))
            for r in self.conn.execute(
                f"SELECT {ROW_COLUMNS} FROM articles WHERE id IN ({marks})", part
            ):
                found[r[0]] = ArticleRow(*r)
        return [found[i] for i in ids if i in found]

    def recent(
        self, limit: int = 100, category: str | None = None, since: str | None = None
    ) -> list[ArticleRow]:
        """The newest ``limit`` articles (date order, undated last)."""
        return [ArticleRow(*r) for r in recent_rows(self.conn, limit, category, since)]

    def match_category(self, wanted: str) -> str:
        """The stored category a typed name means (exact, else ignoring case)."""
        return match_category(self.conn, wanted)

    def get(self, id: int) -> StoredArticle | None:
        """One stored article (any version) with its version history, or None."""
        cur = self.conn.execute("SELECT * FROM articles WHERE id = ?", (id,))
        raw = cur.fetchone()
        if raw is None:
            return None
        row = dict(zip([d[0] for d in cur.description], raw, strict=True))
        return StoredArticle(
            id=row["id"],
            article=_article_from_row(row),
            version=row["version"],
            versions=self._versions_of(row["doc_key"]),
            imported_at=row["imported_at"] or "",
            path=row["path"] or "",
        )

    def _versions_of(self, doc_key: str) -> list[VersionInfo]:
        return [
            VersionInfo(*r)
            for r in self.conn.execute(
                "SELECT id, version, imported_at, content_hash FROM articles "
                "WHERE doc_key = ? ORDER BY version",
                (doc_key,),
            )
        ]

    def versions(self, id: int) -> list[VersionInfo]:
        """Every stored version of the article ``id`` belongs to, oldest first."""
        row = self.conn.execute("SELECT doc_key FROM articles WHERE id = ?", (id,)).fetchone()
        return self._versions_of(row[0]) if row else []

    def categories(self) -> list[tuple[str, int]]:
        """(category, number of articles) over newest versions, by name; "" = uncategorised."""
        return list(
            self.conn.execute(
                "SELECT category, count(*) FROM articles WHERE is_latest = 1 "
                "GROUP BY category ORDER BY category COLLATE NOCASE"
            )
        )


@dataclass
class _BatchState:
    """What one import batch has written so far (ids, hashes, newest version per story)."""

    next_id: int
    check_db: bool
    hashes: set[str] = field(default_factory=set)
    latest: dict[str, tuple[int, int]] = field(default_factory=dict)
