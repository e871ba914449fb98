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
  for large imports; the pool ships ready-to-insert records (``store.importing``), not objects.
* FTS5 (external content over ``articles``) is kept in sync by triggers. For a big batch the
  insert trigger is dropped inside the transaction and the index filled with one
  ``INSERT ... SELECT`` before the trigger is re-created and the batch commits, so the index is
  never out of step with the table outside a transaction.
* The stored ``body`` column is the reading text: the lead paragraph, then ``Article.body``
  (subheadings and paragraphs). The lead is therefore searchable. ``sections`` and ``lead`` are
  also stored separately, so ``get()`` rebuilds the exact ``Article`` (figure offsets refer to
  ``Article.part_text``, never to this column).

The library is split by subject: ``store.schema`` (tables and upgrades), ``store.importing``
(files to records), ``store.batch`` (records into the tables), ``store.queries`` (reading);
this module opens a library and ties them together. Names other code imports from here stay
importable from here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence, Sized
from pathlib import Path

from store.batch import BULK_FTS_THRESHOLD, WRITE_CHUNK, BatchWriter
from store.collect import ImportFailure, collect
from store.errors import EMPTY, NEEDS_UPGRADE, LibraryError, library_error
from store.figure_rows import figure_extractor, figure_rows
from store.importing import (
    MAX_FILE_BYTES,
    MAX_TITLE_CHARS,
    POOL_THRESHOLD,
    POOL_WORKERS,
    ImportSummary,
    PreparedArticle,
    Refused,
    _chunks,
    _init_worker,
    _main_hidden,
    collect_files,
    content_hash_for,
    doc_key_for,
    normalise_key_part,
    prepare_article,
    prepare_bytes,
    prepare_file,
    prepare_files,
    read_record,
    stored_body,
    url_doc_key,
)
from store.library_file import check_damage, check_header, check_path, read_header, schema_version
from store.listing import (
    SCHEMA_VERSION,
)
from store.model import Article
from store.queries import Queries
from store.schema import (
    ARTICLE_COLUMNS,
    FIGURE_COLUMNS,
    FTS_COLUMNS,
    MIGRATIONS,
    Progress,
    migrate,
)

# How long a connection waits for another's write lock before reporting the library locked.
BUSY_TIMEOUT_MS = 5000
# The page size of a new library, in bytes (SQLite's default is 4096). An article row is
# ~12 KB (raw text, reading text and sections JSON), so with 4 KB pages each one is a chain of
# overflow pages, and a 100k import wrote ~470,000 pages one pwrite() each (and read ~190,000
# back). 8 KB pages measured the writer's CPU for 100k articles alone (the main process's
# share, unpickling included) at ~14-17 s instead of ~17-25 s, most of it system time; 16 KB
# measured no better than 4 KB. An existing library keeps the size it was made with.
PAGE_SIZE = 8192

__all__ = [
    "ARTICLE_COLUMNS",
    "BULK_FTS_THRESHOLD",
    "FIGURE_COLUMNS",
    "FTS_COLUMNS",
    "MAX_FILE_BYTES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "WRITE_CHUNK",
    "ImportFailure",
    "MAX_TITLE_CHARS",
    "ImportSummary",
    "Library",
    "LibraryError",
    "PreparedArticle",
    "Progress",
    "Refused",
    "collect_files",
    "content_hash_for",
    "doc_key_for",
    "figure_extractor",
    "figure_rows",
    "normalise_key_part",
    "prepare_article",
    "prepare_bytes",
    "read_record",
    "stored_body",
    "url_doc_key",
]


class Library(BatchWriter, Queries):
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
        if current == 0 and not self.readonly:
            # Only a new file takes it (the size is fixed once the first table exists).
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
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
        records: Sequence[PreparedArticle],
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
