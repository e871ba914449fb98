"""The app's one door to the library: a database thread, and requests that answer with messages.

Why one thread: a ``sqlite3.Connection`` belongs to the thread that opened it, and concurrent
cursors on one connection interleave badly, so the Library is opened, used and closed on a single
executor thread and the UI thread never touches SQLite.

Why messages (harlequin's pattern): ``request(node, fn, reply)`` runs ``fn(library)`` on that
thread inside a Textual thread worker of ``node`` and posts ``reply(result)`` to ``node``, a typed
message its handlers pick up like any other. A failure posts ``DatabaseFailed`` with one sentence
for the user instead. Requests in an exclusive group supersede each other: a newer one cancels
the older worker, and an older one still queued on the thread is skipped before it runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

T = TypeVar("T")


class Stale(Exception):
    """Raised on the database thread when a request was superseded before it ran."""


class DatabaseFailed(Message):
    """A request of ``group`` failed; ``sentence`` says why, for the user."""

    def __init__(self, group: str, sentence: str) -> None:
        super().__init__()
        self.group = group
        self.sentence = sentence


def sentence(error: BaseException, db_path: Path | None = None) -> str:
    """One clear sentence for the user, never a traceback (SQLite's own words are translated
    into what is wrong: permission, disk full, locked, damaged)."""
    import sqlite3

    if isinstance(error, sqlite3.Error):
        from store.errors import describe

        return describe(error, db_path, writing=False)
    text = str(error).strip() or error.__class__.__name__
    text = text.splitlines()[0]
    return text if text.endswith((".", "!", "?")) else text + "."


class Database:
    """Runs callables one at a time on a dedicated thread that holds the Library."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path  # the library file, named in error sentences
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-db")
        self.library: Any = None  # store.library.Library once opened (on the thread)
        self._generations: dict[str, int] = {}
        self._lock = threading.Lock()
        self._running = threading.local()  # (group, generation) of the request being run

    # ----- the door ---------------------------------------------------------------------------
    def request(
        self,
        node: DOMNode,
        fn: Callable[[Any], T],
        reply: Callable[[T], Message],
        *,
        group: str,
        exclusive: bool = False,
    ) -> None:
        """Run ``fn(library)`` on the database thread; post ``reply(result)`` to ``node``.

        ``exclusive``: a newer request in ``group`` supersedes this one (its reply is dropped).
        """
        generation = self._next_generation(group) if exclusive else 0
        future = self.submit(fn, group=group if exclusive else "", generation=generation)

        def wait() -> None:
            worker = get_current_worker()
            try:
                result = future.result()
            except Stale:
                return
            except Exception as error:  # noqa: BLE001 - reported to the user as one sentence
                if not worker.is_cancelled:
                    node.post_message(DatabaseFailed(group, sentence(error, self.path)))
                return
            if worker.is_cancelled or (exclusive and not self._is_current(group, generation)):
                return
            node.post_message(reply(result))

        node.run_worker(wait, thread=True, group=group, exclusive=exclusive, exit_on_error=False)

    def superseded(self) -> bool:
        """On the database thread, inside ``fn``: True once a newer request of the same
        exclusive group is waiting (a long search checks this between steps and stops)."""
        running = getattr(self._running, "value", None)
        return running is not None and not self._is_current(*running)

    # ----- plumbing ---------------------------------------------------------------------------
    def submit(self, fn: Callable[[Any], T], *, group: str = "", generation: int = 0) -> Future[T]:
        """Queue ``fn(library)``; skipped if a newer request in ``group`` arrived first.

        For the app's start (the library opens before any screen exists) and ``request``.
        """

        def guarded() -> T:
            if group and generation and not self._is_current(group, generation):
                raise Stale(group)
            self._running.value = (group, generation) if group else None
            try:
                return fn(self.library)
            finally:
                self._running.value = None

        return self._executor.submit(guarded)

    def call(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(library)`` on the database thread and wait (from worker threads only)."""
        return self.submit(fn).result()

    def _next_generation(self, group: str) -> int:
        with self._lock:
            value = self._generations.get(group, 0) + 1
            self._generations[group] = value
            return value

    def _is_current(self, group: str, generation: int) -> bool:
        with self._lock:
            return self._generations.get(group, 0) == generation

    def close(self, before: Callable[[Any], None] | None = None) -> None:
        """Close the library on its own thread (after ``before(library)``), then the thread."""

        def close_library(library: Any) -> None:
            try:
                if before is not None:
                    before(library)
            finally:
                if library is not None:
                    try:
                        library.close()
                    finally:
                        self.library = None

        try:
            self.submit(close_library).result(timeout=5)
        except Exception:  # noqa: BLE001 - closing must never stop the app from exiting
            pass
        self._executor.shutdown(wait=False, cancel_futures=True)
