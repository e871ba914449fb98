"""One SSH session of `newsdesk serve`: a PTY, the app process on it, and the bytes between them.

Each session gets its own pseudo-terminal and its own `newsdesk --read-only` process (a warm
spare when one is ready), so sessions are isolated completely; this module is the byte pump
between the SSH channel and the PTY master, plus the session's idle limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import logging
import os
import signal
import struct
import termios
import time
from typing import TYPE_CHECKING, Any

import asyncssh

from tui.serve.settings import (
    NEEDS_PTY_MESSAGE,
    NO_COMMANDS_MESSAGE,
    SERVER_FULL_MESSAGE,
    START_FAILED_MESSAGE,
    child_env,
)

if TYPE_CHECKING:
    from tui.serve.server import NewsdeskServer

log = logging.getLogger("newsdesk.serve")

# A client's terminal size is clamped: a 1000x1000 "terminal" would make its app draw a million
# cells per frame.
MAX_COLS, MAX_ROWS = 500, 250
# Client input buffered while the app starts or stops reading (bytes).
MAX_PENDING_INPUT = 65536

# Sent to a client whose app was ended by the server (idle timeout, shutdown) so its terminal is
# usable again: leave the alternate screen, show the cursor, stop mouse and paste reporting.
RESTORE_TERMINAL = (
    b"\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"
    b"\x1b[?2004l\x1b[?1004l\x1b[0m\r\n"
)


def set_winsize(fd: int, cols: int, rows: int, xpix: int = 0, ypix: int = 0) -> None:
    """Set a PTY's size; a zero or absurd size from a client is clamped to something drawable."""
    cols = min(max(cols or 80, 10), MAX_COLS)
    rows = min(max(rows or 24, 4), MAX_ROWS)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, xpix, ypix))


class AppSession(asyncssh.SSHServerSession):
    """One SSH session: a PTY, the app process on it, and the bytes pumped between them."""

    def __init__(self, server: NewsdeskServer) -> None:
        self.server = server
        self.hub = server.hub
        self.id = self.hub.new_id()
        self.chan: Any = None
        self.term: str | None = None
        self.size = (80, 24, 0, 0)
        self.has_pty = False
        self.command: str | None = None
        self.proc: asyncio.subprocess.Process | None = None
        self.master = -1
        self.bytes_out = 0
        self.bytes_in = 0
        self.started = time.monotonic()
        self.closed = False
        self.end_reason = ""
        self._reading = False
        self._output_done = asyncio.Event()
        self._pending_in = b""
        self._idle: asyncio.TimerHandle | None = None
        self._task: asyncio.Task[None] | None = None

    # -- asyncssh callbacks -------------------------------------------------------------
    def connection_made(self, chan: Any) -> None:
        self.chan = chan
        self.server.session_opened()

    def pty_requested(self, term_type: str, term_size: tuple, term_modes: Any) -> bool:
        self.has_pty = True
        self.term = term_type
        self.size = tuple(term_size)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted only so the client gets a clear sentence instead of a bare failure; the
        # command itself is never run.
        self.command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        log.info("session %d: refused subsystem %r", self.id, subsystem)
        return False

    def break_received(self, msec: int) -> bool:
        return False

    def signal_received(self, signal: str) -> None:
        return None

    def eof_received(self) -> bool:
        return True

    def session_started(self) -> None:
        try:
            if self.command is not None:
                log.info("session %d: refused command %r", self.id, self.command[:200])
                self._refuse(NO_COMMANDS_MESSAGE)
            elif not self.has_pty:
                log.info("session %d: refused, no terminal", self.id)
                self._refuse(NEEDS_PTY_MESSAGE)
            elif len(self.hub.sessions) >= self.hub.settings.max_sessions:
                log.warning("session %d: refused, server full", self.id)
                self._refuse(SERVER_FULL_MESSAGE.format(n=self.hub.settings.max_sessions))
            else:
                self.hub.sessions.add(self)
                self._task = asyncio.create_task(self._run())
        except Exception:
            log.exception("session %d: failed to start", self.id)
            self._refuse(START_FAILED_MESSAGE)

    def data_received(self, data: bytes, datatype: Any) -> None:
        self.bytes_in += len(data)
        self._arm_idle()
        # Kept until the app's PTY exists, so keys typed during start-up are not lost.
        self._pending_in = (self._pending_in + data)[-MAX_PENDING_INPUT:]
        self._flush_input()

    def terminal_size_changed(self, width: int, height: int, pw: int, ph: int) -> None:
        self.size = (width, height, pw, ph)
        if self.master < 0:
            return
        try:
            set_winsize(self.master, width, height, pw, ph)
            if self.proc is not None and self.proc.returncode is None:
                os.killpg(self.proc.pid, signal.SIGWINCH)
        except OSError:
            pass

    def pause_writing(self) -> None:
        # The client is not keeping up: stop reading the PTY, which in turn blocks the
        # app's writes, instead of buffering its frames without bound.
        self._stop_reading()

    def resume_writing(self) -> None:
        self._start_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed:
            self.closed = True
            self.end_reason = self.end_reason or "client gone"
            self._kill_app()
        self._cancel_idle()
        self.server.session_closed()

    # -- the app process -----------------------------------------------------------------
    async def _run(self) -> None:
        status = 1
        try:
            env = child_env(
                self.term, dict(self.chan.get_environment()), self.hub.settings.extra_env
            )
            master, slave = os.openpty()
            self.master = master
            set_winsize(slave, *self.size)
            os.set_blocking(master, False)
            warm = True
            try:
                self.proc = self.hub.spares.take(slave, env)
                if self.proc is None:
                    warm = False
                    self.proc = await asyncio.create_subprocess_exec(
                        *self.hub.settings.argv(),
                        stdin=slave,
                        stdout=slave,
                        stderr=slave,
                        env=env,
                        cwd=env["HOME"],
                        start_new_session=True,
                    )
            finally:
                os.close(slave)
            if self.hub.spares.enabled:
                self.hub.background(self.hub.spares.fill())
            if self.closed:  # the client left while the app was starting
                self._kill_app()
            log.info(
                "session %d: %r key %s app pid %d (%s) term %s size %dx%d",
                self.id,
                self.server.username,
                self.server.fingerprint,
                self.proc.pid,
                "spare" if warm else "new process",
                env["TERM"],
                self.size[0],
                self.size[1],
            )
            self._start_reading()
            self._flush_input()
            self._arm_idle()
            returncode = await self.proc.wait()
            status = returncode if returncode >= 0 else 128 - returncode
            # Let the last frame (the terminal restore) reach the client.
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._output_done.wait(), 2.0)
        except Exception:
            log.exception("session %d: app failed", self.id)
            if not self.closed and self.proc is None:
                self._write(START_FAILED_MESSAGE.encode() + b"\r\n")
        finally:
            self._kill_app(hard=True)
            self._finish(status)

    def _finish(self, status: int) -> None:
        self._stop_reading()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
        self.hub.sessions.discard(self)
        self._cancel_idle()
        log.info(
            "session %d: end (%s) status %d, %d bytes out, %d bytes in, %.1f s",
            self.id,
            self.end_reason or "app exited",
            status,
            self.bytes_out,
            self.bytes_in,
            time.monotonic() - self.started,
        )
        if not self.closed:
            if self.end_reason:
                self._write(RESTORE_TERMINAL + f"newsdesk: {self.end_reason}.\r\n".encode())
                status = 1
            self.closed = True
            with contextlib.suppress(OSError):
                self.chan.exit(status)

    def _kill_app(self, hard: bool = False) -> None:
        proc = self.proc
        if proc is None or (proc.returncode is not None and self._output_done.is_set()):
            return  # gone, and nothing of its group still holds the PTY
        sig = signal.SIGKILL if hard else signal.SIGHUP
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        if not hard and proc.returncode is None:
            asyncio.get_running_loop().call_later(3.0, self._kill_app, True)

    def _start_reading(self) -> None:
        if self.master >= 0 and not self._reading and not self._output_done.is_set():
            asyncio.get_running_loop().add_reader(self.master, self._on_output)
            self._reading = True

    def _stop_reading(self) -> None:
        if self._reading:
            asyncio.get_running_loop().remove_reader(self.master)
            self._reading = False

    def _on_output(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return
        except OSError as exc:
            if exc.errno != errno.EIO:
                log.warning("session %d: pty read failed: %s", self.id, exc)
            data = b""
        if not data:  # EIO: every copy of the PTY's slave side is closed.
            self._stop_reading()
            self._output_done.set()
            return
        self._write(data)

    def _write(self, data: bytes) -> None:
        if self.closed:
            return
        try:
            self.chan.write(data)
            self.bytes_out += len(data)
        except OSError:
            pass

    def _flush_input(self) -> None:
        while self._pending_in and self.master >= 0:
            try:
                n = os.write(self.master, self._pending_in)
            except BlockingIOError:
                # The app is not reading; keep what is left (bounded) for later.
                self._pending_in = self._pending_in[-MAX_PENDING_INPUT:]
                asyncio.get_running_loop().call_later(0.05, self._flush_input)
                return
            except OSError:
                self._pending_in = b""
                return
            self._pending_in = self._pending_in[n:]

    def _refuse(self, message: str) -> None:
        self.closed = True
        with contextlib.suppress(OSError):
            self.chan.write(message.encode() + b"\r\n")
            self.chan.exit(1)

    # -- idle timeout -------------------------------------------------------------------
    def _arm_idle(self) -> None:
        timeout = self.hub.settings.idle_timeout
        if timeout <= 0 or self.proc is None:
            return
        self._cancel_idle()
        self._idle = asyncio.get_running_loop().call_later(timeout, self._idle_expired)

    def _cancel_idle(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def _idle_expired(self) -> None:
        minutes = self.hub.settings.idle_timeout / 60
        self.end_reason = (
            f"closed after {minutes:g} minutes without a key press"
            if minutes >= 1
            else f"closed after {self.hub.settings.idle_timeout:g} s without a key press"
        )
        log.info("session %d: idle timeout", self.id)
        self._kill_app()

    def shutdown(self) -> None:
        self.end_reason = "the server is shutting down"
        self._kill_app()
