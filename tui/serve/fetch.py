"""``newsdesk serve --fetch-every 30m``: the server fetches the followed feeds on a schedule.

Why the server and not the sessions: served sessions open the library read-only (SQLite
``mode=ro``) and can never write; one writer avoids two fetches racing for the same pages.
The fetch runs as a task in the server's own event loop (its CPU work in worker threads), so
no extra process is needed; sessions notice the new articles through ``PRAGMA data_version``
(tui/app/live.py). Each run's summary, and every failed feed or page, goes to the server log.
"""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path

log = logging.getLogger("newsdesk.serve")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
MIN_EVERY = 60.0  # seconds: more often than this is impolite to the sites followed


def parse_every(text: str) -> float:
    """ "30m", "2h", "90s", "1d" or plain seconds to seconds; ``ValueError`` (one sentence)."""
    m = _EVERY_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a duration; write it like 30m, 2h or 90s.")
    seconds = float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]
    if seconds < MIN_EVERY:
        raise ValueError("Fetch at most once a minute (--fetch-every 1m or more).")
    return seconds


async def fetch_once(db_path: Path) -> None:
    """One fetch of every followed feed into the library, summarised in the log."""
    from store.fetch.registry import list_feeds
    from store.fetch.run import fetch_feeds
    from store.library import Library

    lib = await asyncio.to_thread(Library.open, db_path)
    try:
        if not list_feeds(lib.conn):
            log.info("fetch: no feeds followed")
            return
        summary = await fetch_feeds(lib)
    finally:
        lib.close()
    for line in summary.lines():
        (log.warning if line.startswith("failed:") else log.info)("fetch: %s", line)


async def fetch_forever(db_path: Path, every: float) -> None:
    """Fetch now, then every ``every`` seconds; a failed run is logged and the next one tried."""
    while True:
        try:
            await fetch_once(db_path)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the server keeps serving; the log has the traceback
            log.exception("fetch failed")
        await asyncio.sleep(every)


async def serve_and_fetch(settings: object, every: float) -> None:
    """Run the SSH server with the fetch schedule beside it until the server stops."""
    from tui.serve.server import serve_forever

    task = asyncio.create_task(fetch_forever(settings.db_path, every))  # type: ignore[attr-defined]
    try:
        await serve_forever(settings)  # type: ignore[arg-type]
    finally:
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception):  # noqa: BLE001 - stopping anyway
            pass
