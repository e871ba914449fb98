"""`newsdesk serve` before login: silent connections cannot lock the door (issue 13).

The real server and the real OpenSSH client on loopback. 127.0.0.2 plays an attacker holding
hundreds of TCP connections that never send a byte; 127.0.0.1 is a team member with a key. The
waits are deadlines on real events (a subprocess ending, a socket closing), never timings.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_serve import TIMEOUT, keygen, start_server, stop, wait_until

from store.library import Library
from tui.serve.gate import BUSY_REASON, REFUSAL, SERVER_VERSION, Gate, address_key
from tui.serve.settings import NEEDS_PTY_MESSAGE

pytestmark = pytest.mark.skipif(
    not os.environ.get("CI") and not (shutil.which("ssh") and shutil.which("ssh-keygen")),
    reason="needs the OpenSSH client",
)

FLOOD = 200


@dataclass
class Door:
    proc: subprocess.Popen[str]
    port: int
    key: Path
    log: Path

    def ssh(self, *extra: str, source: str = "127.0.0.1") -> list[str]:
        return [
            "ssh", *extra, "-F", "/dev/null", "-p", str(self.port), "-i", str(self.key),
            "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-o", f"BindAddress={source}", "127.0.0.1",
        ]  # fmt: skip

    def login(self, *extra: str, source: str = "127.0.0.1") -> subprocess.CompletedProcess[str]:
        """A real login; a deadline of a few seconds, not a measurement."""
        return subprocess.run(
            self.ssh("-T", *extra, source=source), capture_output=True, text=True, timeout=30
        )

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def door(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Door]:
    root = tmp_path_factory.mktemp("door")
    key = keygen(root / "client")
    (root / "authorized_keys").write_text(Path(f"{key}.pub").read_text())
    db = root / "library.db"
    with Library.open(db) as lib:
        lib.ensure_samples()
    log = root / "serve.log"
    started = start_server(
        root, db, "--authorized-keys", str(root / "authorized_keys"), "--host-key",
        str(root / "host_key"), "--log", str(log), "--spares", "0", "--banner-timeout", "5",
    )  # fmt: skip
    try:
        yield Door(started.proc, started.port, key, log)
    finally:
        stop(started.proc)


def silent_connections(port: int, count: int, source: str = "127.0.0.2") -> list[socket.socket]:
    """``count`` TCP connections from ``source`` that never send a byte."""
    socks = []
    for _ in range(count):
        sock = socket.socket()
        sock.bind((source, 0))
        sock.connect(("127.0.0.1", port))
        socks.append(sock)
    return socks


def read_until_closed(sock: socket.socket) -> bytes:
    sock.settimeout(TIMEOUT)
    data = b""
    while chunk := sock.recv(4096):
        data += chunk
    return data


def test_silent_connections_from_one_address_never_keep_another_out(door: Door) -> None:
    before = door.rss_kb()
    # Each round floods from an address of its own: the server may notice the close of the
    # previous round's silent connections only after the next flood arrived, and then frees
    # their slots while the new round's login is on its way (a race of the test, not the door).
    for source in ("127.0.0.2", "127.0.0.4", "127.0.0.5"):
        flood = silent_connections(door.port, FLOOD, source=source)
        try:
            # OpenSSH from the flooded address (whose slots the flood holds until the version
            # line deadline) shows the server's reason, not a broken banner.
            busy = door.login(source=source)
            assert busy.returncode == 255, busy
            assert "server busy" in busy.stderr, busy.stderr
            assert "banner" not in busy.stderr and "invalid characters" not in busy.stderr
            # A refused one got the version line, then the reason as an SSH disconnect.
            refused = read_until_closed(flood[-1])
            assert refused.startswith(SERVER_VERSION + b"\r\n") and len(refused) == len(REFUSAL)
            assert BUSY_REASON.encode() in refused  # (the packet's padding is random)
            # Every time, a team member with a key logs in from another address.
            for _ in range(2):
                result = door.login()
                assert result.returncode == 1, result.stderr
                assert result.stdout.strip() == NEEDS_PTY_MESSAGE  # logged in, session opened
        finally:
            for sock in flood:
                sock.close()
    # Three floods of 200 later the server holds no more memory (a generous bound: the
    # refusals build no SSH connection object, each admitted one is let go).
    assert door.rss_kb() - before < 30_000
    log = door.log.read_text()
    assert "refused (server busy)" in log and "127.0.0.2" in log


def test_a_connection_that_never_sends_its_version_is_closed(door: Door) -> None:
    (sock,) = silent_connections(door.port, 1, source="127.0.0.3")
    with sock:
        assert read_until_closed(sock) == SERVER_VERSION + b"\r\n"  # then closed, unanswered
    wait_until(
        lambda: "no SSH version line within 5 s" in door.log.read_text(),
        "the closed silent connection in the log",
    )


def test_refused_forwarding_agent_x11_and_channels_are_logged(door: Door, tmp_path: Path) -> None:
    agent = subprocess.run(
        ["ssh-agent", "-s", "-a", str(tmp_path / "agent.sock")], capture_output=True, text=True
    )
    env = {**os.environ, "SSH_AUTH_SOCK": str(tmp_path / "agent.sock"), "DISPLAY": ":99"}
    try:
        forwarded = subprocess.run(
            # the first -o of an option wins: the agent (holding no key) is the one forwarded
            door.ssh("-T", "-o", f"IdentityAgent={tmp_path / 'agent.sock'}",
                     "-o", "ForwardAgent=yes", "-o", "ForwardX11=yes",
                     "-o", "ForwardX11Trusted=yes", "-R", "0:127.0.0.1:9"),
            capture_output=True, text=True, timeout=30, env=env,
        )  # fmt: skip
        assert forwarded.returncode == 1, forwarded.stderr  # logged in; everything refused
    finally:
        pid = next((w for w in agent.stdout.replace(";", " ").split() if w.isdigit()), None)
        if pid is not None:
            subprocess.run(["kill", pid], capture_output=True)
    tunnel = door.login("-W", "127.0.0.1:9")  # a direct TCP channel (what ssh -L opens)
    assert tunnel.returncode == 255 and "forwarding failed" in tunnel.stderr
    device = door.login("-w", "any")
    assert "Tunnel forwarding failed" in device.stderr
    wanted = (
        "refused remote forwarding (ssh -R)",
        "refused agent forwarding (ssh -A)",
        "refused X11 forwarding (ssh -X)",
        "refused TCP forwarding (ssh -L) to 127.0.0.1:9",
        "refused tunnel device (ssh -w)",
    )
    wait_until(
        lambda: all(line in door.log.read_text() for line in wanted),
        "a log line for every refused request",
    )


# ---- the gate's rules ------------------------------------------------------------------------
def test_the_gate_limits_each_address_and_makes_room_for_new_ones() -> None:
    gate = Gate(per_address=3, total=5)
    closed: list[str] = []
    tickets = []
    for _ in range(3):
        ticket = gate.admit("10.0.0.1")
        assert ticket is not None
        ticket.close = lambda: closed.append("10.0.0.1")
        tickets.append(ticket)
    assert gate.admit("10.0.0.1") is None  # that address waits with 3 already
    assert gate.admit("10.0.0.2") is not None and gate.admit("10.0.0.2") is not None
    assert gate.count == 5
    # Full: a newcomer from a third address takes the busiest address's oldest slot...
    assert gate.admit("10.0.0.3") is not None
    assert closed == ["10.0.0.1"] and tickets[0].released and gate.count == 5
    # ...but nobody takes from an address that holds no more than it would.
    assert gate.admit("10.0.0.4") is not None  # 10.0.0.1 still held 2, 10.0.0.4 had 0
    assert gate.admit("10.0.0.4") is None  # now every address holds at most 2 of 5
    for ticket in tickets:
        ticket.release()
        ticket.release()  # twice is harmless
    assert gate.count == 4  # 10.0.0.2 twice, 10.0.0.3 and 10.0.0.4 still waiting


def test_ipv6_addresses_count_per_64() -> None:
    assert address_key("2001:db8::1") == address_key("2001:db8::ffff:1") == "2001:db8::/64"
    assert address_key("2001:db8:0:1::1") != address_key("2001:db8::1")
    assert address_key("::ffff:192.0.2.7") == "192.0.2.7"
    assert address_key("192.0.2.7") == "192.0.2.7"


def test_the_refusal_is_a_well_formed_ssh_packet() -> None:
    packet = REFUSAL[len(SERVER_VERSION) + 2 :]
    length, padding = int.from_bytes(packet[:4], "big"), packet[4]
    assert len(packet) == length + 4 and (length + 4) % 8 == 0 and padding >= 4
    payload = packet[5 : 4 + length - padding]
    assert payload[0] == 1  # SSH_MSG_DISCONNECT
    assert int.from_bytes(payload[1:5], "big") == 12  # too many connections
    assert BUSY_REASON.encode() in payload
