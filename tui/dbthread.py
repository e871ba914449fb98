"""One thread that owns the library connection; the UI thread never touches SQLite.

Why one thread: a ``sqlite3.Connection`` is bound to the thread that opened it unless opened
with ``check_same_thread=False``, and even then concurrent cursors on one connection interleave
badly. So the Library is opened, used and closed on a single executor thread. Textual thread
workers wrap each call (so the app can cancel and await them like any worker) and hand the
result back to the UI thread with ``call_from_thread``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class Stale(Exception):
    """Raised inside the database thread when the request was superseded before it ran."""


class DatabaseThread:
    """Runs callables one at a time on a dedicated thread that holds the Library."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-db")
        self.library: Any = None  # store.library.Library once opened (on this thread)
        self._generations: dict[str, int] = {}
        self._lock = threading.Lock()

    def next_generation(self, group: str) -> int:
        """Start a new request in ``group``; older requests in it become stale."""
        with self._lock:
            value = self._generations.get(group, 0) + 1
            self._generations[group] = value
            return value

    def is_current(self, group: str, generation: int) -> bool:
        with self._lock:
            return self._generations.get(group, 0) == generation

    def submit(
        self, fn: Callable[..., T], *args: Any, group: str = "", generation: int = 0
    ) -> Future[T]:
        """Queue ``fn(*args)``; if a newer request in ``group`` arrives first, it is skipped."""

        def guarded() -> T:
            if group and generation and not self.is_current(group, generation):
                raise Stale(group)
            return fn(*args)

        return self._executor.submit(guarded)

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run on the database thread and wait (for use from worker threads and shutdown)."""
        return self._executor.submit(fn, *args).result()

    def close(self) -> None:
        """Close the library on its own thread, then stop the thread."""

        def close_library() -> None:
            if self.library is not None:
                try:
                    self.library.close()
                finally:
                    self.library = None

        try:
            self._executor.submit(close_library).result(timeout=5)
        except Exception:  # noqa: BLE001 - closing must never stop the app from exiting
            pass
        self._executor.shutdown(wait=False, cancel_futures=True)
