"""`newsdesk serve` over loopback with a 100,000-article library: start-up, memory, idle CPU, bytes.

Runs the real server (`newsdesk --db LIB serve`) and the real OpenSSH client on a pseudo-terminal
of 80x24 with TERM=xterm-256color and no COLORTERM (what a stock `ssh` sends), and prints:

- ssh start to first full frame (the newest article's title and the key help both drawn), over
  several fresh connections, with the default warm spare and with `--spares 0`, plus the bare
  SSH round trip (`ssh -T`) for comparison;
- RSS (and PSS) of each session's app process, and the server's own growth per session;
- CPU of an idle session (app + server) over 30 s, and the bytes it sent meanwhile;
- bytes the server wrote to the channel per key press (list moves, search typing), counted on the
  client's PTY (ssh puts it in raw mode, so these are exactly the channel's data bytes) and
  cross-checked against the per-session total the server logs.

Issue 6 targets: first frame <= 1.0 s, <= 50 MB RSS per session, < 0.2% CPU per idle session.

    python3 bench/bench_ssh.py [--db /tmp/newsdesk-bench-ssh.db] [--idle 30] [--starts 5]

The library is reused when it exists; otherwise copied from another benchmark's 100k library
under /tmp, or built with bench/gen_corpus.py + `newsdesk import`.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 100_000
CANDIDATES = ["/tmp/newsdesk-bench-search.db", "/tmp/hundred.db", "/tmp/newsdesk-bench-import.db"]
ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
CLK = os.sysconf("SC_CLK_TCK")


# ---- the library -------------------------------------------------------------------------------


def announced_port(proc: subprocess.Popen[str], timeout: float = 60.0) -> int:
    """The port in the server's "listening on HOST:PORT" line, wherever among its lines."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        line = proc.stdout.readline() if ready else ""
        if not line:
            break
        match = re.search(r"listening on \S+:(\d+)", line)
        if match:
            return int(match.group(1))
    raise SystemExit("the server did not say it was listening")


def latest_count(path: Path, latest_only: bool = True) -> int:
    """Articles in a library (newest versions only, or every stored version)."""
    where = "WHERE is_latest = 1" if latest_only else ""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute(f"SELECT count(*) FROM articles {where}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def big_enough(path: Path) -> bool:
    # gen_corpus.py writes some stories twice (as new versions), so count every version.
    return path.exists() and latest_count(path, latest_only=False) >= ARTICLES


def ensure_library(db: Path) -> None:
    if big_enough(db):
        return
    for cand in CANDIDATES:
        src = Path(cand)
        if src != db and big_enough(src):
            print(f"copying the 100k library {src} -> {db} (a consistent SQLite backup)")
            source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
            target = sqlite3.connect(db)
            source.backup(target)
            target.close()
            source.close()
            return
    corpus = Path(tempfile.mkdtemp(prefix="newsdesk-ssh-corpus-", dir="/tmp"))
    print(f"building a 100k library: corpus in {corpus}, then newsdesk import (takes minutes)")
    gen = [sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(corpus)]
    subprocess.run([*gen, "--count", str(ARTICLES)], check=True)
    imp = [sys.executable, "-m", "tui.cli", "--db", str(db), "import", str(corpus)]
    subprocess.run(imp, check=True, cwd=ROOT)
    shutil.rmtree(corpus, ignore_errors=True)


def newest_title(db: Path) -> str:
    sys.path.insert(0, str(ROOT))
    from store.library import Library

    with Library.open(db, readonly=True) as lib:
        return lib.recent(1)[0].title


# ---- processes ---------------------------------------------------------------------------------
def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def on_pty(pid: int) -> bool:
    try:
        return os.readlink(f"/proc/{pid}/fd/0").startswith("/dev/pts/")
    except OSError:
        return False


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB: PSS shares pages mapped by several processes between them."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss / 1024, pss / 1024


class Client:
    """OpenSSH on its own 80x24 PTY; everything it prints is kept with arrival times."""

    def __init__(self, argv: list[str], cols: int = 80, rows: int = 24) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "COLUMNS", "LINES")}
        env["TERM"] = "xterm-256color"
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.fd = master
        self.data = bytearray()
        self.text = b""

    def pump(self, timeout: float) -> int:
        """Read what is there within `timeout`; returns the number of bytes read."""
        got = 0
        ready, _, _ = select.select([self.fd], [], [], timeout)
        while ready:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return got
            if not chunk:
                return got
            self.data += chunk
            got += len(chunk)
            ready, _, _ = select.select([self.fd], [], [], 0)
        return got

    def wait_text(self, needles: list[bytes], timeout: float = 60.0) -> float:
        """Seconds from the ssh start until every needle is drawn (escapes stripped)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.pump(0.01):
                plain = ANSI.sub(b"", bytes(self.data))
                if all(n in plain for n in needles):
                    return time.perf_counter() - self.started
        raise SystemExit(f"no full frame within {timeout} s: {bytes(self.data[-400:])!r}")

    def settle(self, quiet: float = 0.4, limit: float = 5.0) -> int:
        """Read until nothing arrives for `quiet` seconds; returns the bytes read."""
        total = 0
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            got = self.pump(quiet)
            if not got:
                break
            total += got
        return total

    def key(self, data: bytes) -> int:
        os.write(self.fd, data)
        return self.settle()

    def close(self) -> int | None:
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.pump(0.2)
        os.close(self.fd)
        return self.proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsdesk-bench-ssh.db"))
    ap.add_argument("--idle", type=float, default=30.0, help="seconds of idle CPU sampling")
    ap.add_argument("--starts", type=int, default=5, help="fresh connections to time")
    ap.add_argument("--sessions", type=int, default=5, help="concurrent sessions for memory")
    args = ap.parse_args()

    db = args.db.resolve()
    ensure_library(db)
    title = newest_title(db)
    print(f"library {db}: {latest_count(db):,} articles; newest: {title[:50]!r}")

    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-ssh-"))
    key = work / "client"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    (work / "authorized_keys").write_text(Path(f"{key}.pub").read_text())
    needles = [title[:20].encode(), b"Quit"]
    servers: list[subprocess.Popen[str]] = []

    def start_server(name: str, spares: int) -> tuple[subprocess.Popen[str], list[str], Path]:
        log = work / f"{name}.log"
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env["XDG_CONFIG_HOME"] = str(work / "config")
        argv = [
            sys.executable, "-m", "tui.cli", "--db", str(db), "serve", "--port", "0",
            "--authorized-keys", str(work / "authorized_keys"), "--host-key", str(work / "host"),
            "--log", str(log), "--max-sessions", "20", "--spares", str(spares),
        ]  # fmt: skip
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        servers.append(proc)
        assert proc.stdout is not None
        port = announced_port(proc)
        ssh = [
            "ssh", "-F", "/dev/null", "-p", str(port), "-i", str(key), "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "127.0.0.1",
        ]  # fmt: skip
        return proc, ssh, log

    def sessions_of(server: subprocess.Popen[str]) -> list[int]:
        """The server's children running a session (on a PTY), not spares waiting for one."""
        return [p for p in children(server.pid) if on_pty(p)]

    def time_starts(ssh: list[str], n: int) -> list[float]:
        """ssh start to first full frame, fresh connections 3 s apart (a spare is ready again)."""
        out = []
        for _ in range(n):
            time.sleep(3)
            c = Client([ssh[0], "-tt", *ssh[1:]])
            out.append(c.wait_text(needles))
            c.settle()
            c.key(b"q")
            c.close()
        return out

    try:
        cold_server, cold_ssh, _ = start_server("cold", 0)
        cold_starts = time_starts(cold_ssh, args.starts)
        cold_server.send_signal(signal.SIGINT)
        cold_server.wait(15)
        server, ssh, log = start_server("warm", 1)
        # Bare SSH round trip: connect, authenticate, open a session, get the one-line refusal.
        trips = []
        for _ in range(args.starts):
            t = time.perf_counter()
            subprocess.run([ssh[0], "-T", *ssh[1:]], capture_output=True)
            trips.append(time.perf_counter() - t)

        starts = time_starts(ssh, args.starts)
        spares = [p for p in children(server.pid) if not on_pty(p)]
        spare_rss = memory_mb(spares[0])[0] if spares else 0.0

        # One session in depth: memory, idle CPU, bytes per key press.
        server_rss_before = memory_mb(server.pid)[0]
        c = Client([ssh[0], "-tt", *ssh[1:]])
        first = c.wait_text(needles)
        c.settle()
        first_frame_bytes = len(c.data)
        (app,) = sessions_of(server)
        time.sleep(3)
        c.settle()
        rss, pss = memory_mb(app)
        before = (cpu_seconds(app), cpu_seconds(server.pid), len(c.data))
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < args.idle:
            c.pump(0.5)
        wall = time.perf_counter() - t0
        app_cpu = (cpu_seconds(app) - before[0]) / wall * 100
        srv_cpu = (cpu_seconds(server.pid) - before[1]) / wall * 100
        idle_bytes = len(c.data) - before[2]

        moves = [c.key(k) for k in [b"\x1b[B"] * 10 + [b"\x1b[A"] * 5 + [b"j"] * 5]
        search_open = c.key(b"/")
        typing = [c.key(ch.encode()) for ch in "kyiv"]
        c.key(b"\x1b")
        c.settle()
        c.key(b"q")
        status = c.close()
        client_total = len(c.data)
        time.sleep(0.5)
        logged = re.findall(r"end \(.*?\) status \d+, (\d+) bytes out", log.read_text())

        # Several sessions at once: per-session memory, and what the server grows by.
        many = [Client([ssh[0], "-tt", *ssh[1:]]) for _ in range(args.sessions)]
        for m in many:
            m.wait_text(needles)
        time.sleep(2)
        for m in many:
            m.settle()
        apps = sessions_of(server)
        mems = [memory_mb(p) for p in apps]
        server_rss_many = memory_mb(server.pid)[0]
        for m in many:
            m.key(b"q")
            m.close()
    finally:
        for proc in servers:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                proc.wait(15)

    med = statistics.median
    print(
        f"ssh -T round trip (connect + auth + refusal), {args.starts} runs: "
        f"median {med(trips):.3f} s, max {max(trips):.3f} s"
    )
    for label, runs in (("with a warm spare (default)", starts), ("--spares 0", cold_starts)):
        print(
            f"ssh start -> first full frame (80x24, 100k library), {label}, {len(runs)} fresh"
            f" connections: median {med(runs):.3f} s, min {min(runs):.3f} s,"
            f" max {max(runs):.3f} s"
        )
    print(f"a waiting spare's RSS: {spare_rss:.1f} MB")
    print(f"first frame of the in-depth session: {first:.3f} s, {first_frame_bytes:,} bytes")
    print(
        f"app RSS per session: {rss:.1f} MB (PSS {pss:.1f} MB); with {args.sessions} at once: "
        f"RSS {statistics.mean(m[0] for m in mems):.1f} MB, "
        f"PSS {statistics.mean(m[1] for m in mems):.1f} MB each"
    )
    growth = (server_rss_many - server_rss_before) / args.sessions
    print(
        f"server RSS: {server_rss_before:.1f} MB with no session, {server_rss_many:.1f} MB with "
        f"{args.sessions}: {growth:.2f} MB per session"
    )
    print(
        f"idle session CPU over {wall:.0f} s: app {app_cpu:.3f}%, server {srv_cpu:.3f}%, "
        f"{idle_bytes} bytes sent"
    )
    print(
        f"bytes per key press, list moves (Down/Up/j, n={len(moves)}): median {med(moves):.0f}, "
        f"mean {statistics.mean(moves):.0f}, max {max(moves)}"
    )
    print(f"bytes per key press, opening search: {search_open}; typing 'kyiv': {typing}")
    print(
        f"exit status after q: {status}; client received {client_total:,} bytes, the server "
        f"logged {logged[-1] if logged else '?'} bytes out for that session"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
