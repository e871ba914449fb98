"""The import pipeline: from files, bytes or parsed articles to records ready to insert.

Everything here is module-level because large imports run it in worker processes (the pool
ships ready-to-insert records, not objects, to keep pickling cheap). A record is a
``PreparedArticle`` (a named tuple: named fields, and still a plain tuple to pickle) or, for a
file that is refused, a ``Refused`` one-line reason.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from store.collect import ImportFailure, collect, special_kind
from store.figure_rows import figure_rows
from store.model import Article, Section

MAX_FILE_BYTES = 5 * 1024 * 1024
# A first line this long is no title (a one-line HTML or JSON blob, a paragraph without line
# breaks): such a file is refused rather than shown as a title in every list and search.
MAX_TITLE_CHARS = 2000
# Above this many files an import parses in a process pool; below it the pool's start-up
# (spawning interpreters) costs more than it saves.
POOL_THRESHOLD = 400
POOL_WORKERS = 2


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


class PreparedArticle(NamedTuple):
    """One article ready to insert: everything but id, version, is_latest and imported_at."""

    label: str  # the file it came from, or the label it was given
    doc_key: str
    title: str
    category: str
    published: str
    published_raw: str
    source: str
    tags: str  # JSON
    key_points: str  # JSON
    lead: str
    sections: str  # JSON
    body: str
    clutter: str  # JSON
    raw: str | bytes  # the text, or exactly its UTF-8 (a plain UTF-8 file's bytes; see _utf8_raw)
    content_hash: str
    figures: list[tuple[Any, ...]]  # figure rows without the article id
    figures_version: int
    url: str


class Refused(NamedTuple):
    """A file or item that is not imported, with the one-line reason why."""

    label: str
    article: None
    reason: str


Record = PreparedArticle | Refused

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


def content_hash_for(raw: str, utf8: bytes | None = None) -> str:
    """Hash of the decoded file text; an identical re-import has an identical hash.
    ``utf8``, when given, is exactly ``raw`` in UTF-8 (the file's bytes), not encoded again."""
    import hashlib  # here, not at the top: `newsdesk list` never hashes (~2.5 ms start-up)

    data = raw.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def stored_body(article: Article) -> str:
    """The ``body`` column: lead, then the body text (see the module notes)."""
    body = article.body
    if article.lead:
        return f"{article.lead}\n\n{body}" if body else article.lead
    return body


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


def _page_identity(article: Article) -> str:
    """What a fetched page's hash covers: its URL and its text, not what its feed added.

    Why: one page often sits in two feeds with different categories, names or dates; hashing
    those would turn every fetch into a new version flipping between them. The URL is in it,
    so two pages with the same text stay two articles.
    """
    return "\x1f".join(
        (article.url, article.title, "\n".join(article.key_points), stored_body(article))
    )


def prepare_article(
    label: str, article: Article, figures: bool = True, raw_utf8: bytes | None = None
) -> PreparedArticle:
    """A ready-to-insert record: everything but id, version, is_latest and imported_at.

    ``raw_utf8``: exactly ``article.raw`` in UTF-8, when the caller has it (``_utf8_raw``).
    """
    figs, fig_version = figure_rows(article) if figures else ([], 0)
    url = article.url
    return PreparedArticle(
        label=label,
        doc_key=url_doc_key(url) if url else doc_key_for(article.title, article.source),
        title=article.title,
        category=article.category,
        published=article.published,
        published_raw=article.published_raw,
        source=article.source,
        tags=_strings_json(article.tags),
        key_points=_strings_json(article.key_points),
        lead=article.lead,
        sections=_sections_json(article.sections),
        body=stored_body(article),
        clutter=_strings_json(article.clutter),
        raw=article.raw if raw_utf8 is None else raw_utf8,
        content_hash=(
            content_hash_for(_page_identity(article))
            if url
            else content_hash_for(article.raw, raw_utf8)
        ),
        figures=figs,
        figures_version=fig_version,
        url=url,
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
        from store.fetch.htmltext import ExtractError
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
) -> Record:
    """Parse file bytes into a record, or ``(label, None, reason)`` when the file is refused."""
    got = parse_record(label, data, clutter)
    return Refused(*got) if got[1] is None else prepare_article(label, got[1], figures)


def read_record(path: str) -> tuple:
    """Read and parse one file: ``(path, Article)`` or a one-line ``(path, None, reason)``."""
    return _read_record(path)[0]


def _read_record(path: str) -> tuple[tuple, bytes | None]:
    """``read_record``'s answer, and the file's bytes when they are the article's raw text."""
    data = _read_file(path)
    if isinstance(data, tuple):
        return data, None
    got = parse_record(path, data, _CLUTTER)
    return got, _utf8_raw(path, data, got)


def _utf8_raw(label: str, data: bytes, got: tuple) -> bytes | None:
    """``data`` when it is exactly the parsed article's ``raw`` in UTF-8, else None.

    Why: for a file with any non-ASCII character ``raw`` was encoded again for its hash, the
    pickle to the writer and SQLite, and decoded in the writer (~17 us an article). The writer
    stores the bytes as TEXT (``CAST(? AS TEXT)``): the same value. ``store.parse.decode``
    keeps the text verbatim; without a BOM it decoded UTF-8, else Windows-1251 (a character
    per byte), so a text shorter than its bytes came from UTF-8. ASCII stays a string.
    """
    article = got[1]
    if article is None or label.lower().endswith((".html", ".htm")):
        return None
    if (
        len(article.raw) < len(data)
        and data[:3] != b"\xef\xbb\xbf"
        and data[:2] not in (b"\xff\xfe", b"\xfe\xff")
    ):
        return data
    return None


def _read_file(path: str) -> bytes | tuple:
    """The bytes of the file at ``path``, or a one-line ``(path, None, reason)`` refusal."""
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
    return data


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


def prepare_file(path: str) -> Record:
    """Read and prepare one file; unreadable or oversize files become a one-line failure."""
    got, utf8 = _read_record(path)
    return Refused(*got) if got[1] is None else prepare_article(path, got[1], _FIGURES, utf8)


def prepare_files(paths: Sequence[str]) -> list[Record]:
    """``prepare_file`` for a chunk of files, in two passes: parse them all, then the rest.

    Why: parsing and figure extraction each have their own code and tables; doing one phase
    for a whole chunk keeps them in the CPU caches. Measured on 3,000 corpus articles: parse
    then figures per file 0.480 ms, per chunk of 32+ files 0.435-0.445 ms.
    """
    parsed = [_read_record(path) for path in paths]
    return [
        Refused(*got) if got[1] is None else prepare_article(got[0], got[1], _FIGURES, utf8)
        for got, utf8 in parsed
    ]


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


def _chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]
