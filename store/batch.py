"""Writing a batch of prepared records in one transaction, and re-extracting figures.

A mixin of ``Library`` (it uses ``self.conn``): the rules are in ``store.library``'s notes (one
transaction per batch, identity by content hash and doc key, the bulk FTS path).
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from store.collect import ImportFailure, path_text
from store.figure_rows import figure_extractor, figure_rows
from store.importing import (
    POOL_THRESHOLD,
    POOL_WORKERS,
    ImportSummary,
    PreparedArticle,
    Record,
    _chunks,
    _main_hidden,
)
from store.queries import _article_from_row
from store.schema import (
    _FTS_COLS,
    _INSERT_ARTICLE,
    _INSERT_FIGURE,
    _TRIGGER_INSERT,
    FIGURE_COLUMNS,
    FTS_AUTOMERGE,
    FTS_BULK_AUTOMERGE,
    FTS_CHUNK,
    Progress,
    _fts_automerge,
)

# Above this many new rows in one batch the FTS index is filled with one INSERT ... SELECT
# instead of the per-row trigger.
BULK_FTS_THRESHOLD = 2000
WRITE_CHUNK = 500

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


# Figures are inserted this many rows per INSERT statement (the rest one row per statement).
# 50 rows of 18 columns keep a statement under 999 parameters, the limit of SQLite before 3.32.
FIGURES_PER_INSERT = 50
_FIGURE_WIDTH = len(FIGURE_COLUMNS)
_INSERT_FIGURES = _INSERT_FIGURE + (", (" + ", ".join("?" * _FIGURE_WIDTH) + ")") * (
    FIGURES_PER_INSERT - 1
)


def _insert_figures(conn: sqlite3.Connection, values: list[Any]) -> None:
    """Insert figure rows given as their values one after another (``FIGURE_COLUMNS`` each),
    in order, ``FIGURES_PER_INSERT`` rows per statement.

    Why: a 100k import stores ~1.2 million figures; one row per ``executemany`` step costs
    the statement's per-row overhead each time (bind, step, reset). Fifty rows per statement
    measured ~12% less CPU for the figure inserts. Flat values, sliced straight into each
    statement's parameters, spare a tuple per figure and a join per statement: 35.7 -> 30.4 us
    an article for the figure inserts (20,000 corpus articles, best of four). Rows (and so
    rowids) keep their order.
    """
    per = FIGURES_PER_INSERT * _FIGURE_WIDTH
    full = len(values) - len(values) % per
    for start in range(0, full, per):
        conn.execute(_INSERT_FIGURES, values[start : start + per])
    if full < len(values):
        conn.executemany(
            _INSERT_FIGURE,
            [values[at : at + _FIGURE_WIDTH] for at in range(full, len(values), _FIGURE_WIDTH)],
        )


# While a batch is written, the cyclic garbage collector's youngest generation is collected
# after this many net allocations instead of Python's default 700 (see _fewer_collections).
BATCH_GC_THRESHOLD = 20_000
_gc_lock = threading.Lock()
_gc_batches = 0  # batches writing now (threads), so the last one to end restores the setting
_gc_saved: tuple[int, int, int] = (700, 10, 10)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage less often while a batch is written (process-wide, restored).

    Why: the writer unpickles the pool's records (a tuple per figure, ~1.2 million for 100k
    articles) and builds rows; each young object is tracked, and with the default threshold
    the collector ran ~2,100 times over such an import, ~0.8-1.4 s of the writer's ~20 s of
    CPU. Nothing is switched off: collections still happen, ~100 times less often. Records
    hold no reference cycles (2,000 prepared articles with the collector off left 0
    unreachable objects), so memory does not grow meanwhile.
    """
    global _gc_batches, _gc_saved
    with _gc_lock:
        if _gc_batches == 0:
            _gc_saved = gc.get_threshold()
            if _gc_saved[0] and _gc_saved[0] < BATCH_GC_THRESHOLD:
                gc.set_threshold(BATCH_GC_THRESHOLD, *_gc_saved[1:])
        _gc_batches += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_batches -= 1
            if _gc_batches == 0:
                gc.set_threshold(*_gc_saved)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _BatchState:
    """What one import batch has written so far (ids, hashes, newest version per story)."""

    next_id: int
    check_db: bool
    hashes: set[str] = field(default_factory=set)
    latest: dict[str, tuple[int, int]] = field(default_factory=dict)


class BatchWriter:
    """The write side of ``Library``."""

    conn: sqlite3.Connection
    readonly: bool

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _write(
        self,
        records: Iterable[Record],
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
            with _fewer_collections():
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
        records: Iterable[Record],
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
            pending: list[PreparedArticle] = []
            for record in records:
                done += 1
                if record[1] is None:  # Refused: (label, None, reason)
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
            if not figures_done and summary.ids:
                # figures were skipped: make the next writable open extract them
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('extractor_version', '0')"
                )
            elif was_empty:
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('extractor_version', ?)",
                    (str(figure_extractor().version),),
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
        records: list[PreparedArticle],
        state: _BatchState,
        summary: ImportSummary,
        imported_at: str,
    ) -> None:
        conn = self.conn
        known_hashes: set[str] = set()
        db_latest: dict[str, tuple[int, int]] = {}
        if state.check_db:
            hashes = list({r.content_hash for r in records} - state.hashes)
            for part in _chunks(hashes, 500):
                marks = ",".join("?" * len(part))
                known_hashes.update(
                    r[0]
                    for r in conn.execute(
                        f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", part
                    )
                )
            keys = list({r.doc_key for r in records} - state.latest.keys())
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
        figures: list[Any] = []  # the rows' values one after another (``_insert_figures``)
        for r in records:
            doc_key, chash = r.doc_key, r.content_hash
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
                    r.title,
                    r.category,
                    r.published,
                    r.published_raw,
                    r.source,
                    r.tags,
                    r.key_points,
                    r.lead,
                    r.sections,
                    r.body,
                    r.clutter,
                    r.raw,
                    chash,
                    # a name that is not UTF-8 is stored with \xNN escapes
                    "" if r.url else path_text(r.label),
                    imported_at,
                    r.figures_version,
                    r.url,
                ]
            )
            for figure in r.figures:
                figures.append(new_id)
                figures.extend(figure)
            summary.ids.append(new_id)
        if demote:
            conn.executemany("UPDATE articles SET is_latest = 0 WHERE id = ?", demote)
        if rows:
            conn.executemany(_INSERT_ARTICLE, rows)
        if figures:
            _insert_figures(conn, figures)

    # ---- figures ---------------------------------------------------------------------------

    def figures_stale(self) -> bool:
        """True when the stored figures came from another extractor version (or synonyms).

        A writable open re-extracts them (``refresh_figures``); a read-only one cannot.
        """
        stored = self.meta("extractor_version")
        try:
            return stored is None or int(stored) != figure_extractor().version
        except ValueError:
            return True

    def refresh_figures(self, progress: Progress | None = None) -> int:
        """Re-extract figures stored by another extractor version, in one transaction.

        Returns how many articles were re-extracted (0 when up to date).
        """
        if self.readonly:
            return 0
        version = figure_extractor().version
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
