"""The SSH server behind `newsdesk serve`: one app process per session, on its own PTY.

Why one process per session: the app is an ordinary terminal program, so giving each session its
own pseudo-terminal and its own `newsdesk --read-only` process isolates sessions completely (a
crash, a leak or a slow query in one never touches another) and needs no custom Textual driver.
The server itself is only a byte pump between the SSH channel and the PTY master, plus the
policy: public-key logins only, no shell, exec, sftp, scp or forwarding, a session cap, login and
idle time limits, and a log file that receives every error so that a client never sees a
traceback. Connections are accepted by ``tui.serve.gate``, which limits those still logging in
per client address, so nobody without a key can lock the door for everybody else.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import logging
import logging.handlers
import os
import re
import signal
import struct
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh
import click

from tui.serve.gate import Door, Gate, Ticket, listen
from tui.serve.spares import SparePool

log = logging.getLogger("newsdesk.serve")


# Terminal values a client may pass on; anything else falls back to a safe default.
_TERM_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")
DEFAULT_TERM = "xterm-256color"
# A client's terminal size is clamped: a 1000x1000 "terminal" would make its app draw a million
# cells per frame.
MAX_COLS, MAX_ROWS = 500, 250
# Client input buffered while the app starts or stops reading (bytes).
MAX_PENDING_INPUT = 65536
# TERM values whose terminals are known to draw 24-bit colour. OpenSSH never forwards COLORTERM
# unless the user asks (SendEnv/SetEnv), so TERM is the only other hint a server gets.
_TRUECOLOR_TERMS = frozenset(
    {"xterm-kitty", "alacritty", "wezterm", "foot", "foot-extra", "xterm-ghostty", "contour"}
)

# Sent to a client whose app was ended by the server (idle timeout, shutdown) so its terminal is
# usable again: leave the alternate screen, show the cursor, stop mouse and paste reporting.
RESTORE_TERMINAL = (
    b"\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"
    b"\x1b[?2004l\x1b[?1004l\x1b[0m\r\n"
)

NEEDS_PTY_MESSAGE = "newsdesk needs a terminal: connect with `ssh -t` (and no command)."
NO_COMMANDS_MESSAGE = "newsdesk serve runs no commands: connect with `ssh -t` and no command."
SERVER_FULL_MESSAGE = "newsdesk: the server is full ({n} sessions); try again later."
TOO_MANY_LOGINS_MESSAGE = "newsdesk: too many connections are logged in; try again later"
START_FAILED_MESSAGE = "newsdesk: the server could not start the app; its log has the details."


@dataclass
class ServeSettings:
    """Everything the server needs, resolved and validated by the `serve` command."""

    host: str
    port: int
    authorized_keys: Path
    host_key: Path
    db_path: Path
    log_path: Path
    max_sessions: int = 10
    idle_timeout: float = 1800.0
    login_timeout: float = 30.0
    keepalive_interval: float = 30.0
    keepalive_count_max: int = 3
    # The app command for one session; None means the real `newsdesk --db DB --read-only`
    # (through tui.serve.child, which keeps Python errors off the client's screen).
    app_argv: Sequence[str] | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    # Warm app processes kept ready (imports done) so a session's first frame comes sooner.
    spares: int = 1
    # Before login (tui.serve.gate): seconds for the client's SSH version line, and how many
    # connections may be waiting to log in per client address and in all.
    banner_timeout: float = 10.0
    preauth_per_address: int = 10  # a team behind one NAT address may log in at once
    preauth_total: int = 64

    def app_args(self) -> list[str]:
        """The newsdesk options every session runs with: this library, never written."""
        return ["--db", str(self.db_path), "--read-only"]

    def argv(self) -> list[str]:
        """The command line of one session's app process, started cold."""
        if self.app_argv is not None:
            return list(self.app_argv)
        child = [sys.executable, "-m", "tui.serve.child", "--log", str(self.log_path)]
        return [*child, "--", *self.app_args()]

    def spare_argv(self, fd: int) -> list[str]:
        """The command line of a warm spare that waits on socket `fd` for its session."""
        child = [sys.executable, "-m", "tui.serve.child", "--log", str(self.log_path)]
        return [*child, "--spare", str(fd), "--", *self.app_args()]


def load_or_create_host_key(path: Path) -> Any:
    """Read the host key, creating it once (mode 0600) so clients never see a changed key."""
    if path.exists():
        try:
            return asyncssh.read_private_key(str(path))
        except (OSError, ValueError, asyncssh.KeyImportError) as exc:
            raise click.ClickException(f"Cannot read the host key {path}: {exc}.") from None
    key = asyncssh.generate_private_key("ssh-ed25519", comment="newsdesk serve")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key.export_private_key())
        os.replace(tmp, path)
        pub = path.with_name(path.name + ".pub")
        pub.write_bytes(key.export_public_key())
    except OSError as exc:
        raise click.ClickException(f"Cannot write the host key {path}: {exc.strerror}.") from None
    return key


def child_env(
    term: str | None, client_env: dict[str, str], extra: dict[str, str]
) -> dict[str, str]:
    """The app's environment, built from scratch so nothing of the server's own leaks in.

    TERM comes from the client; COLORTERM is set to truecolor only when the client sent it (ssh
    -o SetEnv=COLORTERM=truecolor) or its TERM names a 24-bit terminal; otherwise Textual reads
    the colour depth from TERM (256 colours for xterm-256color). COLUMNS and LINES are never set:
    Textual would prefer them to the PTY size and stop following window changes.
    """
    term = term if term and _TERM_RE.match(term) else DEFAULT_TERM
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/"),
        "LANG": "C.UTF-8",
        "TERM": term,
        "TEXTUAL_ANIMATIONS": "none",
    }
    for name in ("NEWSDESK_CONFIG", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "PYTHONPATH"):
        if name in os.environ:
            env[name] = os.environ[name]
    colorterm = client_env.get("COLORTERM", "")
    if colorterm in ("truecolor", "24bit") or term in _TRUECOLOR_TERMS or term.endswith("-direct"):
        env["COLORTERM"] = "truecolor"
    # Exports (Markdown/CSV from the compare screen) would be written on the server, where a
    # served client can never fetch them: the app says so instead of filling the server's disk.
    env["NEWSDESK_EXPORTS_OFF"] = "1"
    env.update(extra)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def set_winsize(fd: int, cols: int, rows: int, xpix: int = 0, ypix: int = 0) -> None:
    """Set a PTY's size; a zero or absurd size from a client is clamped to something drawable."""
    cols = min(max(cols or 80, 10), MAX_COLS)
    rows = min(max(rows or 24, 4), MAX_ROWS)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, xpix, ypix))


# Session channel requests refused with a log line. asyncssh refuses agent and X11 forwarding
# itself (both are off) without telling the application, so the channel's handlers for these
# requests are replaced on each session's channel; test_serve_door checks each logs its line.
_REFUSED_CHANNEL_REQUESTS = {
    "_process_auth_agent_req_at_openssh_dot_com_request": "agent forwarding (ssh -A)",
    "_process_x11_req_request": "X11 forwarding (ssh -X)",
}


def refuse_forwarding_requests(chan: Any, session_id: int, peer: str) -> None:
    """Make ``chan`` refuse agent and X11 forwarding requests, logging each."""
    for handler, what in _REFUSED_CHANNEL_REQUESTS.items():
        if not hasattr(chan, handler):  # an asyncssh release renamed it: refused, unlogged
            log.warning("cannot log refused %s requests with this asyncssh", what)
            continue

        def refused(_packet: Any, what: str = what) -> bool:
            log.info("session %d: refused %s from %s", session_id, what, peer)
            return False

        setattr(chan, handler, refused)


class Hub:
    """State shared by all connections: settings, the live sessions, counters."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.spares = SparePool(
            settings.spares if settings.app_argv is None else 0,
            settings.spare_argv,
            child_env(None, {}, settings.extra_env),
            str(settings.log_path),
        )
        self.sessions: set[Any] = set()  # the live AppSession objects
        self._tasks: set[asyncio.Future[Any]] = set()
        self.servers: set[NewsdeskServer] = set()  # every connection, logged in or not
        self.logged_in = 0
        self.gate = Gate(settings.preauth_per_address, settings.preauth_total)
        self.door: Door | None = None
        self.next_id = 1
        self._keys: Any = None
        self._keys_mtime = -1.0

    def authorized_keys(self) -> Any:
        """The authorized keys, re-read when the file changes so edits need no restart."""
        path = self.settings.authorized_keys
        try:
            mtime = path.stat().st_mtime
            if mtime != self._keys_mtime:
                self._keys = asyncssh.read_authorized_keys(str(path))
                self._keys_mtime = mtime
        except (OSError, ValueError, asyncssh.KeyImportError):
            log.exception("cannot read authorized keys %s; keeping the previous list", path)
        return self._keys

    def background(self, job: Any) -> None:
        """Run a coroutine on its own, keeping a reference so it is not collected mid-way."""
        task = asyncio.ensure_future(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def new_id(self) -> int:
        n = self.next_id
        self.next_id += 1
        return n


class NewsdeskServer(asyncssh.SSHServer):
    """One per connection: public-key auth against the authorized keys, then sessions."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.conn: Any = None
        self.peer = "?"
        self.username = ""
        self.fingerprint = ""
        self.open_sessions = 0
        self._idle: asyncio.TimerHandle | None = None
        self._banner: asyncio.TimerHandle | None = None
        self.ticket: Ticket | None = None
        self._logged_in = False

    def connection_made(self, conn: Any) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self.peer = f"{peer[0]}:{peer[1]}"
        self.hub.servers.add(self)
        door = self.hub.door
        self.ticket = door.claim(peer) if door is not None else None
        if self.ticket is not None:
            self.ticket.close = conn.abort  # the gate may give this slot to another address
        loop = asyncio.get_running_loop()
        self._banner = loop.call_later(self.hub.settings.banner_timeout, self._banner_expired)
        log.info("connection from %s", self.peer)

    def _banner_expired(self) -> None:
        """No SSH version line from the client in time: a silent connection, closed."""
        self._banner = None
        if self.conn is not None and not self.conn.get_extra_info("client_version"):
            log.info(
                "connection from %s closed: no SSH version line within %g s",
                self.peer,
                self.hub.settings.banner_timeout,
            )
            self.conn.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self._release_ticket()
        self.hub.servers.discard(self)
        if self._logged_in:
            self.hub.logged_in -= 1
            self._logged_in = False
        self._cancel_idle()
        if exc is not None and not isinstance(exc, asyncssh.ConnectionLost):
            log.info("connection from %s lost: %s", self.peer, exc)
        elif exc is not None and "timeout" in str(exc).lower():
            log.info("connection from %s closed: %s", self.peer, exc)

    def _release_ticket(self) -> None:
        if self._banner is not None:
            self._banner.cancel()
            self._banner = None
        if self.ticket is not None:
            self.ticket.release()
            self.ticket = None

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def host_based_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: Any) -> bool:
        keys = self.hub.authorized_keys()
        peer = self.conn.get_extra_info("peername") or ("", 0)
        ok = keys is not None and keys.validate(key, peer[0], peer[0]) is not None
        fingerprint = key.get_fingerprint()
        if ok:
            # The signed request, which is what actually logs in, is the last one validated.
            self.fingerprint = fingerprint
        else:
            log.info("key refused for %r from %s: %s", username, self.peer, fingerprint)
        return ok

    def auth_completed(self) -> None:
        self._release_ticket()  # logged in: no longer waiting at the door
        self.username = self.conn.get_extra_info("username") or ""
        limit = self.hub.settings.max_sessions * 2 + 8
        if self.hub.logged_in >= limit:
            log.warning("login %r from %s refused: %d logged in", self.username, self.peer, limit)
            self.conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, TOO_MANY_LOGINS_MESSAGE)
            return
        self.hub.logged_in += 1
        self._logged_in = True
        log.info("login %r from %s key %s", self.username, self.peer, self.fingerprint)
        self._arm_idle()

    def session_requested(self) -> Any:
        session = AppSession(self)
        chan = self.conn.create_server_channel()
        refuse_forwarding_requests(chan, session.id, self.peer)
        return chan, session

    # -- forwarding and tunnels: all refused, each with a log line ------------------------------
    def connection_requested(self, dest_host: str, dest_port: int, *_orig: Any) -> bool:
        log.info(
            "refused TCP forwarding (ssh -L) to %s:%s from %s", dest_host, dest_port, self.peer
        )
        return False

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        log.info(
            "refused remote forwarding (ssh -R) of %s:%s from %s",
            listen_host,
            listen_port,
            self.peer,
        )
        return False

    def unix_connection_requested(self, dest_path: str) -> bool:
        log.info("refused socket forwarding to %r from %s", dest_path, self.peer)
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        log.info("refused remote socket forwarding of %r from %s", listen_path, self.peer)
        return False

    def tun_requested(self, unit: int | None) -> bool:
        log.info("refused tunnel device (ssh -w) from %s", self.peer)
        return False

    def tap_requested(self, unit: int | None) -> bool:
        log.info("refused ethernet tunnel (ssh -w) from %s", self.peer)
        return False

    # Sessions report in so a connection with no session does not idle forever.
    def session_opened(self) -> None:
        self.open_sessions += 1
        self._cancel_idle()

    def session_closed(self) -> None:
        self.open_sessions -= 1
        if self.open_sessions == 0:
            self._arm_idle()

    def _arm_idle(self) -> None:
        self._cancel_idle()
        timeout = self.hub.settings.idle_timeout
        if timeout > 0:
            loop = asyncio.get_running_loop()
            self._idle = loop.call_later(timeout, self._idle_expired)

    def _cancel_idle(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def _idle_expired(self) -> None:
        if self.open_sessions == 0 and self.conn is not None:
            log.info("closing idle connection of %s from %s", self.username, self.peer)
            self.conn.close()


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


def setup_logging(path: Path) -> None:
    """Send this server's log, and asyncssh's warnings, to the log file only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Watched: an external logrotate can move the file away; the next line reopens it.
    handler = logging.handlers.WatchedFileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    loggers = (
        ("newsdesk.serve", logging.INFO),
        ("asyncssh", logging.WARNING),
        ("newsdesk.dependencies", logging.WARNING),  # dependencies' warnings (see that module)
    )
    for name, level in loggers:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


async def start_server(settings: ServeSettings) -> tuple[Door, Hub, str]:
    """Start listening; returns (the door: sockets and accept loops, hub, host key fingerprint).

    The server accepts connections itself (``tui.serve.gate``) and hands each one it admits to
    asyncssh, which runs the SSH protocol on that socket.
    """
    host_key = load_or_create_host_key(settings.host_key)
    hub = Hub(settings)
    if hub.authorized_keys() is None:
        raise click.ClickException(f"Cannot read any key from {settings.authorized_keys}.")
    options = {
        "server_factory": lambda: NewsdeskServer(hub),
        "server_host_keys": [host_key],
        "server_version": "newsdesk",
        "encoding": None,
        "line_editor": False,
        "allow_pty": True,
        "agent_forwarding": False,
        "x11_forwarding": False,
        "allow_scp": False,
        "sftp_factory": None,
        "password_auth": False,
        "kbdint_auth": False,
        "gss_host": None,
        "login_timeout": settings.login_timeout,
        "keepalive_interval": settings.keepalive_interval,
        "keepalive_count_max": settings.keepalive_count_max,
    }

    async def start_ssh(sock: Any, _ticket: Ticket) -> None:
        await asyncssh.run_server(sock, **options)

    try:
        sockets = listen(settings.host, settings.port)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise click.ClickException(
            f"Cannot listen on {settings.host}:{settings.port}: {reason}."
        ) from None
    hub.door = Door(sockets, hub.gate, start_ssh, log.warning)
    return hub.door, hub, host_key.get_fingerprint()


async def serve_forever(settings: ServeSettings, announce: bool = True) -> None:
    """Run the server until SIGINT or SIGTERM, then end every session's app."""
    server, hub, fingerprint = await start_server(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    port = server.sockets[0].getsockname()[1] if server.sockets else settings.port
    log.info(
        "listening on %s:%d, host key %s, library %s",
        settings.host,
        port,
        fingerprint,
        settings.db_path,
    )
    if announce:
        click.echo(f"newsdesk serve: listening on {settings.host}:{port}")
        click.echo(f"  host key   {fingerprint}")
        click.echo(f"  library    {settings.db_path} (read-only)")
        click.echo(f"  log        {settings.log_path}")
        click.echo(f"  connect    ssh -t -p {port} {settings.host}")
    fill = asyncio.create_task(hub.spares.fill())
    await stop.wait()
    log.info("shutting down: %d sessions open", len(hub.sessions))
    server.close()
    hub.spares.close()
    await fill
    for session in list(hub.sessions):
        session.shutdown()
    for _ in range(40):
        if not hub.sessions:
            break
        await asyncio.sleep(0.1)
    await server.wait_closed()
    for other in list(hub.servers):  # logged in without a session, or still logging in
        if other.conn is not None:
            other.conn.close()
