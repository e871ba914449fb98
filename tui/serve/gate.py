"""The door of `newsdesk serve`: who may wait to log in, for how long, and how the rest are told.

Why: connections that have not logged in yet cost an attacker nothing (a TCP connection that
never sends a byte), and a server that keeps one global pre-authentication limit can be locked
by a few dozen of them: every real client is then refused until they time out, and repeating
it keeps a team out for good. So the server accepts connections itself and admits them here:

* at most ``per_address`` connections per client address may be waiting to log in (IPv6
  addresses count per /64, what one host usually holds); more from that address are refused;
* at most ``total`` may be waiting in all; when they are, a newcomer from an address holding
  fewer waiting connections than the busiest address takes the oldest slot of that address.
  Silent connections from some addresses therefore never keep other addresses out;
* a connection that has not sent its SSH version line within a short deadline is closed (and
  ``--login-timeout`` bounds the whole login).

A refused client gets the server's version line and then an SSH disconnect message with the
reason, which OpenSSH shows ("Received disconnect ... server busy"); a disconnect sent before
the version line makes OpenSSH print "banner line contains invalid characters" instead. The
refusal is written straight to the socket: no SSH connection object is built for it, so a
flood of refused connections leaves the server's memory where it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import socket
import struct
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

SERVER_VERSION = b"SSH-2.0-newsdesk"
BUSY_REASON = "newsdesk: server busy (too many connections waiting to log in); try again later"
DISCONNECT_TOO_MANY_CONNECTIONS = 12  # RFC 4253, 11.1
_MSG_DISCONNECT = 1
# How long a refused client may take to read the refusal before its socket is closed.
REFUSAL_LINGER = 2.0


def address_key(host: str) -> str:
    """The unit the per-address limit counts: the IPv4 address, or the IPv6 /64."""
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))
    return str(ip)


@dataclass(eq=False)
class Ticket:
    """One admitted connection's place in the queue to log in; ``release`` gives it back."""

    key: str
    gate: Gate
    close: Callable[[], None] | None = None  # closes the connection (set once it exists)
    released: bool = False

    def release(self) -> None:
        if not self.released:
            self.released = True
            self.gate._forget(self)


@dataclass
class Gate:
    """Counts connections waiting to log in, per client address (see the module notes)."""

    per_address: int = 10
    total: int = 64
    waiting: dict[str, OrderedDict[int, Ticket]] = field(default_factory=dict)
    count: int = 0

    def admit(self, host: str) -> Ticket | None:
        """A ticket for a new connection from ``host``, or None when it must be refused."""
        key = address_key(host)
        mine = self.waiting.get(key)
        held = len(mine) if mine else 0
        if held >= self.per_address:
            return None
        if self.count >= self.total and not self._evict_for(held):
            return None
        ticket = Ticket(key, self)
        self.waiting.setdefault(key, OrderedDict())[id(ticket)] = ticket
        self.count += 1
        return ticket

    def _evict_for(self, held: int) -> bool:
        """Free the oldest slot of the busiest address, if it holds more than ``held``."""
        busiest = max(self.waiting.values(), key=len, default=None)
        if not busiest or len(busiest) <= held + 1:
            return False
        _, victim = next(iter(busiest.items()))
        victim.release()
        if victim.close is not None:
            with contextlib.suppress(Exception):
                victim.close()
        return True

    def _forget(self, ticket: Ticket) -> None:
        held = self.waiting.get(ticket.key)
        if held is not None and held.pop(id(ticket), None) is not None:
            self.count -= 1
            if not held:
                del self.waiting[ticket.key]


def disconnect_packet(code: int, reason: str) -> bytes:
    """An unencrypted SSH_MSG_DISCONNECT packet, as sent before any key exchange."""
    text = reason.encode("utf-8")
    payload = (
        bytes([_MSG_DISCONNECT])
        + struct.pack(">I", code)
        + struct.pack(">I", len(text))
        + text
        + struct.pack(">I", 0)  # language tag: none
    )
    padding = 8 - (len(payload) + 5) % 8
    if padding < 4:
        padding += 8
    length = 1 + len(payload) + padding
    return struct.pack(">IB", length, padding) + payload + os.urandom(padding)


REFUSAL = SERVER_VERSION + b"\r\n" + disconnect_packet(DISCONNECT_TOO_MANY_CONNECTIONS, BUSY_REASON)


async def refuse(sock: socket.socket) -> None:
    """Send the version line and the disconnect, then let the client read them and close.

    The socket is shut for writing and drained briefly before it is closed: closing a socket
    with unread input resets the connection, which can discard the refusal in flight.
    """
    loop = asyncio.get_running_loop()
    try:
        sock.setblocking(False)
        await asyncio.wait_for(loop.sock_sendall(sock, REFUSAL), REFUSAL_LINGER)
        sock.shutdown(socket.SHUT_WR)
        deadline = loop.time() + REFUSAL_LINGER
        while (left := deadline - loop.time()) > 0:
            if not await asyncio.wait_for(loop.sock_recv(sock, 4096), left):
                break
    except (TimeoutError, OSError):
        pass
    finally:
        sock.close()


def listen(host: str, port: int, backlog: int = 1024) -> list[socket.socket]:
    """Listening sockets for ``host`` (every address it resolves to) on one port."""
    infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, _name, address in dict.fromkeys(infos):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            if port == 0 and len(sockets) > 1:  # the same free port on every address
                address = (address[0], sockets[0].getsockname()[1], *address[2:])
            sock.bind(address)
            sock.listen(backlog)
            sock.setblocking(False)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


class Door:
    """The listening sockets and their accept loops: admit through the gate, or refuse.

    ``start_ssh(sock, ticket)`` is called for every admitted connection; the ticket waits in
    ``pending`` (by the client's address and port) until the SSH connection object claims it.
    """

    def __init__(
        self,
        sockets: list[socket.socket],
        gate: Gate,
        start_ssh: Callable[[socket.socket, Ticket], object],
        log: Callable[..., None],
    ) -> None:
        self.sockets = sockets
        self.gate = gate
        self.pending: dict[tuple[str, int], Ticket] = {}
        self._start_ssh = start_ssh
        self._log = log
        self._refused: dict[str, int] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._loops = [asyncio.ensure_future(self._accept(sock)) for sock in sockets]

    def claim(self, peer: tuple[str, int]) -> Ticket | None:
        """The ticket of the connection from ``peer`` (called by its SSH connection)."""
        return self.pending.pop((peer[0], peer[1]), None)

    async def _accept(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                sock, peer = await loop.sock_accept(listener)
            except asyncio.CancelledError:
                raise
            except OSError as exc:  # e.g. out of file descriptors: wait, do not spin
                self._log("accept failed: %s", exc)
                await asyncio.sleep(0.5)
                continue
            host, port = peer[0], peer[1]
            ticket = self.gate.admit(host)
            if ticket is None:
                self._note_refusal(ticket_key=address_key(host), peer=f"{host}:{port}")
                self._keep(refuse(sock))
                continue
            self.pending[(host, port)] = ticket
            self._keep(self._run(sock, ticket, (host, port)))

    async def _run(self, sock: socket.socket, ticket: Ticket, peer: tuple[str, int]) -> None:
        try:
            await self._start_ssh(sock, ticket)  # type: ignore[misc]
        except Exception:  # noqa: BLE001 - failed logins end here; the server logs them
            ticket.release()
        finally:
            self.pending.pop(peer, None)

    def _note_refusal(self, ticket_key: str, peer: str) -> None:
        """One log line for the 1st, 2nd, 4th, 8th... refusal per address: a flood cannot
        fill the disk with log lines."""
        n = self._refused.get(ticket_key, 0) + 1
        self._refused[ticket_key] = n
        if n & (n - 1) == 0:
            self._log(
                "connection from %s refused (server busy): %d waiting to log in from %s, "
                "%d in all; %d refused from there so far",
                peer,
                len(self.gate.waiting.get(ticket_key, ())),
                ticket_key,
                self.gate.count,
                n,
            )

    def _keep(self, job: object) -> None:
        task = asyncio.ensure_future(job)  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def close(self) -> None:
        """Stop listening (connections already made go on)."""
        for task in self._loops:
            task.cancel()
        for sock in self.sockets:
            sock.close()

    async def wait_closed(self) -> None:
        for task in self._loops:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
