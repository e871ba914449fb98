"""Warm spare app processes for `newsdesk serve`: start-up paid before the client connects.

Why: most of a session's time to first frame is Python importing Textual and the app (about
0.4 s on an idle machine, well over a second on a busy one). A spare is a `tui.serve.child
--spare` process started ahead of time with the heavy imports already done; it waits on a Unix
socket for a session's PTY (passed as a file descriptor) and the session's environment, then
runs exactly like a freshly started app. Each spare is still its own process used by exactly one
session, so sessions stay isolated; a spare that is never used costs its memory only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
from collections import deque
from collections.abc import Callable
from typing import Any

log = logging.getLogger("newsdesk.serve")

# A spare that dies before it is used this many times in a row disables the pool: sessions then
# start cold, which is slower but works.
MAX_EARLY_DEATHS = 3


class SparePool:
    """Keeps up to `size` spares ready; `take()` hands one out, `fill()` replaces it."""

    def __init__(
        self,
        size: int,
        argv: Callable[[int], list[str]],
        env: dict[str, str],
        stderr_path: str,
    ) -> None:
        self.size = size
        self._argv = argv
        self._env = env
        self._stderr_path = stderr_path
        self._ready: deque[tuple[asyncio.subprocess.Process, socket.socket]] = deque()
        self._starting = 0
        self._deaths = 0
        self._closed = False

    @property
    def enabled(self) -> bool:
        return self.size > 0 and not self._closed and self._deaths < MAX_EARLY_DEATHS

    async def fill(self) -> None:
        """Start spares until `size` are ready or starting."""
        while self.enabled and len(self._ready) + self._starting < self.size:
            self._starting += 1
            try:
                spare = await self._start()
            except Exception:
                log.exception("cannot start a spare app process")
                self._deaths += 1
                spare = None
            finally:
                self._starting -= 1
            if spare is not None:
                if self._closed:
                    self._kill(*spare)
                else:
                    self._ready.append(spare)

    async def _start(self) -> tuple[asyncio.subprocess.Process, socket.socket]:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with open(self._stderr_path, "ab") as errors:
                proc = await asyncio.create_subprocess_exec(
                    *self._argv(theirs.fileno()),
                    stdin=asyncio.subprocess.DEVNULL,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=errors,
                    env=self._env,
                    cwd=self._env.get("HOME", "/"),
                    start_new_session=True,
                    pass_fds=(theirs.fileno(),),
                )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return proc, ours

    def take(self, pty_slave: int, env: dict[str, str]) -> asyncio.subprocess.Process | None:
        """Give a ready spare this session's PTY and environment; None when none is ready."""
        while self._ready:
            proc, sock = self._ready.popleft()
            if proc.returncode is not None:
                log.warning("a spare app process died unused (status %s)", proc.returncode)
                self._deaths += 1
                sock.close()
                continue
            try:
                payload = json.dumps({"env": env}).encode()
                socket.send_fds(sock, [payload], [pty_slave])
            except OSError as exc:
                log.warning("could not hand a session to spare pid %d: %s", proc.pid, exc)
                self._kill(proc, sock)
                continue
            sock.close()
            self._deaths = 0
            return proc
        return None

    def close(self) -> None:
        """End every unused spare (server shutdown)."""
        self._closed = True
        while self._ready:
            self._kill(*self._ready.popleft())

    @staticmethod
    def _kill(proc: Any, sock: socket.socket) -> None:
        sock.close()  # a waiting spare sees end-of-file and exits by itself...
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # ...but do not wait for it to notice
