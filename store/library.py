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
from store.importing import (
    MAX_FILE_BYTES,
    POOL_THRESHOLD,
    POOL_WORKERS,
    ImportFailure,
    ImportSummary,
    PreparedArticle,
    Refused,
    _chunks,
    _init_worker,
    _main_hidden,
    collect_files,
    content_hash_for,
    doc_key_for,
    figure_extractor,
    figure_rows,
    normalise_key_part,
    prepare_article,
    prepare_bytes,
    prepare_file,
    prepare_files,
    read_record,
    stored_body,
    url_doc_key,
)
from store.listing import (
    SCHEMA_VERSION,
    SQLITE_MAGIC,
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


class LibraryError(Exception):
    """A library that cannot be used; the message is one sentence meant for the user."""


class Library(BatchWriter, Queries):
    """An open newsdesk library. Not thread-safe: use it from one thread at a time."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    # ---- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        progress: Progress | None = None,
        cache_kb: int = 65536,
    ) -> Library:
        """Open (creating or upgrading when writable) the library at ``path``.

        ``cache_kb`` is SQLite's page cache for this connection: large for imports, smaller for
        a long-lived browsing session, whose reads by id all over a big file would fill it.

        Raises ``LibraryError`` with one sentence for a missing read-only library, a file that
        is not SQLite, a corrupt file, or a SQLite file that is not a newsdesk library.
        ``progress`` reports long work on open: a schema upgrade, figure re-extraction.
        """
        p = Path(path).expanduser()
        if p.is_dir():
            raise LibraryError(f"{p} is a folder, not a library file.")
        _check_header(p)
        try:
            if readonly:
                if not p.exists():
                    raise LibraryError(f"There is no library at {p}.")
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
            raise LibraryError(f"The library {p} cannot be opened ({_reason(exc)}).") from None
        lib = cls(conn, p, readonly)
        try:
            lib._prepare(cache_kb, progress)
        except LibraryError:
            conn.close()
            raise
        except sqlite3.OperationalError as exc:
            conn.close()
            if readonly and "readonly" in str(exc):
                # a hot rollback journal: a big first import was killed and must be rolled back
                raise LibraryError(
                    f"The library {p} has an interrupted import to roll back; "
                    "open it once without --read-only."
                ) from None
            if "locked" in str(exc) or "busy" in str(exc):
                raise LibraryError(
                    f"The library {p} is busy (another newsdesk is writing to it); "
                    "try again when it has finished."
                ) from None
            raise LibraryError(
                f"{p} is not a usable newsdesk library (corrupt or not SQLite: {_reason(exc)})."
            ) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LibraryError(
                f"{p} is not a usable newsdesk library (corrupt or not SQLite: {_reason(exc)})."
            ) from None
        if not readonly:
            lib.refresh_figures(progress)
        return lib

    def _prepare(self, cache_kb: int, progress: Progress | None = None) -> None:
        conn = self.conn
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(f"PRAGMA cache_size = -{int(cache_kb)}")
        conn.execute("PRAGMA temp_store = MEMORY")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            if self.readonly:
                raise LibraryError(f"{self.path} is an empty file, not a newsdesk library.")
            conn.execute("PRAGMA journal_mode = WAL")
            current = 0
        elif "meta" not in tables or "articles" not in tables:
            raise LibraryError(f"{self.path} is a SQLite database but not a newsdesk library.")
        else:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            try:
                current = int(row[0]) if row else -1
            except ValueError:
                current = -1
            if current < 0:
                raise LibraryError(f"{self.path} is a SQLite database but not a newsdesk library.")
            if current > SCHEMA_VERSION:
                raise LibraryError(
                    f"{self.path} was written by a newer newsdesk (schema {current}); "
                    "upgrade newsdesk to open it."
                )
        if not self.readonly:
            # Every writable open puts the library (back) in WAL: a batch killed while it used
            # a rollback journal (see _journal_for_bulk) leaves it in DELETE mode.
            if tables:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        if current < SCHEMA_VERSION:
            if self.readonly:
                raise LibraryError(
                    f"{self.path} needs an upgrade; open it once without --read-only."
                )
            migrate(conn, current, progress)

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
        files, failures = collect_files(paths)
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
        summary.failed[:0] = failures
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


def _check_header(p: Path) -> None:
    """Refuse a non-SQLite file before SQLite sees it (it would report it only later)."""
    try:
        with open(p, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise LibraryError(f"The library {p} cannot be read ({_reason(exc)}).") from None
    if head and head != SQLITE_MAGIC[: len(head)] or 0 < len(head) < 16:
        raise LibraryError(f"{p} is not a newsdesk library (it is not a SQLite database).")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc).rstrip(".") or type(exc).__name__
