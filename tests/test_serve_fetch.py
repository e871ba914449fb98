"""``newsdesk serve --fetch-every``: the server process fetches; sessions stay read-only."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fetch_support import FixtureServer, Item, quake_page, rss2
from test_serve import keygen, stop

from store.fetch.registry import add_feed
from store.library import Library
from tui.cli import main
from tui.serve.fetch import parse_every


def start_server(root: Path, db: Path, *args: str) -> tuple[subprocess.Popen[str], int]:
    """`newsdesk --db DB serve --port 0 ...`, its port read from the "listening on" line
    (lines before it, such as a dependency's deprecation warnings, are skipped)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSDESK_CONFIG", "COLUMNS", "LINES")}
    for name in ("CONFIG", "DATA", "STATE"):
        env[f"XDG_{name}_HOME"] = str(root / name.lower())
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(db), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    seen = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if not ready:
            continue
        line = proc.stdout.readline()
        seen += line
        match = re.search(r"listening on [\d.]+:(\d+)", line)
        if match:
            return proc, int(match.group(1))
        if not line:
            break
    proc.kill()
    raise AssertionError(f"server did not start: {seen}")


def test_durations() -> None:
    assert parse_every("30m") == 1800 and parse_every("2h") == 7200 and parse_every("90") == 90
    assert parse_every("1d") == 86400 and parse_every("1.5h") == 5400
    for bad in ("soon", "10s", "-5m", ""):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_fetch_every_is_refused_with_read_only_or_a_bad_duration(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("")
    db = tmp_path / "lib.db"
    Library.open(db).close()
    base = ["--db", str(db)]
    args = ["serve", "--authorized-keys", str(keys), "--log", str(tmp_path / "log")]
    result = CliRunner().invoke(main, [*base, "--read-only", *args, "--fetch-every", "30m"])
    assert result.exit_code == 1 and "cannot be used with --read-only" in result.output
    result = CliRunner().invoke(main, [*base, *args, "--fetch-every", "later"])
    assert result.exit_code == 2 and "not a duration" in result.output


def test_the_server_fetches_into_the_library(tmp_path: Path) -> None:
    web = FixtureServer().start()
    try:
        web.set("/quake", body=quake_page("2,719", "4,521"))
        items = [Item("Quake", web.url("/quake"), guid="q")]
        web.set("/rss", body=rss2("Wire", "/", items).encode(), content_type="application/rss+xml")
        db = tmp_path / "lib.db"
        with Library.open(db) as lib:
            add_feed(lib.conn, web.url("/rss"))
        key = keygen(tmp_path / "client")
        authorized = tmp_path / "authorized_keys"
        authorized.write_text(Path(f"{key}.pub").read_text())
        log = tmp_path / "serve.log"
        proc, _port = start_server(
            tmp_path,
            db,
            "--authorized-keys",
            str(authorized),
            "--host-key",
            str(tmp_path / "host_key"),
            "--log",
            str(log),
            "--spares",
            "0",
            "--fetch-every",
            "30m",
        )
        try:
            deadline = time.monotonic() + 60
            while "fetch: new 1, updated 0" not in (log.read_text() if log.exists() else ""):
                assert time.monotonic() < deadline, log.read_text() if log.exists() else "no log"
                assert proc.poll() is None
                time.sleep(0.2)
        finally:
            stop(proc)
        with Library.open(db, readonly=True) as lib:
            rows = lib.recent(5)
        assert [r.source for r in rows] == ["Northern Wire"]
    finally:
        web.stop()
