"""The SSH server behind `newsdesk serve`: one app process per session, on its own PTY.

Why one process per session: the app is an ordinary terminal program, so giving each session its
own pseudo-terminal and its own `newsdesk --read-only` process isolates sessions completely (a
crash, a leak or a slow query in one never touches another) and needs no custom Textual driver.
The server itself is only a byte pump between the SSH channel and the PTY master, plus the
policy: public-key logins only, no shell, exec, sftp, scp or forwarding, a session cap, login and
idle time limits, and a log file that receives every error so that a client never sees a
traceback. This module holds the server: state shared by all connections (``Hub``), one
``NewsdeskServer`` per connection, and start-up and shutdown; one session's PTY and app process
is ``tui.serve.session``, the settings, host key and log set-up ``tui.serve.settings``.
Connections are accepted by ``tui.serve.gate``, which limits those still logging in
per client address, so nobody without a key can lock the door for everybody else.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from typing import Any

import asyncssh
import click

from tui.serve.gate import Door, Gate, Ticket, listen
from tui.serve.session import AppSession
from tui.serve.settings import (
    TOO_MANY_LOGINS_MESSAGE,
    ServeSettings,
    child_env,
    load_or_create_host_key,
)
from tui.serve.spares import SparePool

log = logging.getLogger("newsdesk.serve")


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
