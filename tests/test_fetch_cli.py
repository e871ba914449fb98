"""``newsdesk feeds``, ``newsdesk fetch`` and saved pages through ``newsdesk import``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fetch_support import FixtureServer, Item, Route, article_page, page, quake_page, rss2

from tui.cli import main

RSS = "application/rss+xml"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    srv = FixtureServer().start()
    yield srv
    srv.stop()


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_feeds_add_list_remove(server: FixtureServer, tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    items = [Item("A story", server.url("/a"), guid="a")]
    server.set("/rss", body=rss2("Courier feed", "/", items).encode(), content_type=RSS)
    # a page that names its feed in <link rel="alternate"> (harbour.html names /feeds/business.xml)
    server.set("/article", body=page("harbour"))
    server.set("/feeds/business.xml", body=rss2("Business", "/", items).encode(), content_type=RSS)
    server.set("/nofeed", body=page("paywall"))

    code, out, _ = run(db, "feeds", "add", server.url("/rss"), "--category", "World")
    assert code == 0 and "Following feed 1" in out and "(Courier feed)" in out
    code, out, _ = run(db, "feeds", "add", server.url("/article"), "--name", "Biz")
    assert code == 0 and f"The page names a feed: {server.url('/feeds/business.xml')}" in out
    code, out, err = run(db, "feeds", "add", server.url("/nofeed"))
    assert code == 1 and "names no feed" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    code, out, err = run(db, "feeds", "add", server.url("/rss"))
    assert code == 1 and "followed already" in err
    code, out, err = run(db, "feeds", "add", server.url("/missing"))
    assert code == 1 and "404" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(db, "feeds", "add", "ftp://example.invalid/feed")
    assert code == 1 and "not a web address" in err

    code, out, _ = run(db, "feeds", "list", "--json")
    listed = json.loads(out)
    assert [(f["id"], f["category"], f["name"]) for f in listed] == [
        (1, "World", ""),
        (2, "", "Biz"),
    ]
    assert set(listed[0]) >= {"id", "url", "name", "title", "category", "status", "checked_at"}
    code, out, _ = run(db, "feeds", "list")
    assert "Courier feed" in out and "not fetched yet" in out

    code, out, _ = run(db, "feeds", "remove", "1")
    assert code == 0 and "No longer following feed 1" in out
    code, out, _ = run(db, "feeds", "remove", server.url("/feeds/business.xml"))
    assert code == 0
    code, _, err = run(db, "feeds", "remove", "7")
    assert code == 1 and "No followed feed" in err


def test_opml_import_and_export_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    opml = tmp_path / "subs.opml"
    opml.write_text(
        """<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="Loose" xmlUrl="https://loose.example/rss"/>
  <outline text="World">
    <outline text="Wire &amp; Co" type="rss" xmlUrl="https://wire.example/feed"/>
    <outline text="Europe"><outline text="Danube" xmlUrl="https://danube.example/atom"/></outline>
  </outline>
  <outline text="Not a feed" xmlUrl="javascript:alert(1)"/>
</body></opml>""",
        encoding="utf-8",
    )
    code, out, _ = run(db, "feeds", "import", str(opml))
    assert code == 0 and out.strip() == "added 3 feed(s), 0 followed already"
    code, out, _ = run(db, "feeds", "import", str(opml))
    assert out.strip() == "added 0 feed(s), 3 followed already"
    code, exported, _ = run(db, "feeds", "export")
    assert code == 0 and exported.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<opml version="2.0">' in exported and "Wire &amp; Co" in exported
    again = tmp_path / "again.opml"
    again.write_text(exported, encoding="utf-8")
    code, out, _ = run(tmp_path / "other.db", "feeds", "import", str(again))
    assert out.strip() == "added 3 feed(s), 0 followed already"
    _, listed, _ = run(tmp_path / "other.db", "feeds", "list", "--json")
    cats = {f["url"]: (f["name"], f["category"]) for f in json.loads(listed)}
    assert cats == {
        "https://loose.example/rss": ("Loose", ""),
        "https://wire.example/feed": ("Wire & Co", "World"),
        "https://danube.example/atom": ("Danube", "Europe"),
    }
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline", encoding="utf-8")
    code, _, err = run(db, "feeds", "import", str(bad))
    assert code == 1 and "not valid OPML" in err and len(err.strip().splitlines()) == 1


def test_fetch_json_summary_exit_status_and_show_url(server: FixtureServer, tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    items = [
        Item("Quake", server.url("/quake"), guid="q"),
        Item("Gone", server.url("/gone"), guid="g"),
    ]
    server.set("/quake", body=quake_page("2,719", "4,521"))
    server.set("/gone", status=410)
    server.set("/rss", body=rss2("Wire", "/", items).encode(), content_type=RSS)
    code, _, err = run(db, "fetch")
    assert code == 1 and "No feeds followed" in err
    run(db, "feeds", "add", server.url("/rss"))

    code, out, err = run(db, "fetch", "--json")

    assert code == 1  # a page failed (and nothing else stored for it: the entry has no text)
    summary = json.loads(out)
    assert (summary["new"], summary["updated"], len(summary["failed"])) == (1, 0, 1)
    assert summary["failed"][0]["url"] == server.url("/gone")
    assert "fetched 1/1 feeds" in err
    code, out, _ = run(db, "show", str(summary["ids"][0]), "--json")
    shown = json.loads(out)
    assert shown["url"] == server.url("/quake") and shown["path"] == ""
    server.set("/gone", body=article_page("Back again", "Site", ["It is back now. " * 10]))
    code, out, _ = run(db, "fetch")
    assert code == 0 and out.splitlines()[0] == "new 1, updated 0, unchanged 1, failed 0"


def test_import_reads_saved_web_pages(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "harbour.html").write_bytes(page("harbour"))
    (folder / "meteors.htm").write_bytes(page("amp"))
    (folder / "empty.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    code, out, _ = run(db, "import", str(folder))
    assert code == 1
    assert out.splitlines()[0] == "imported 2, new versions 0, unchanged 0, failed 1"
    assert "empty.html: the page holds no article text" in out
    _, listed, _ = run(db, "list", "--json")
    rows = {r["title"]: r for r in json.loads(listed)}
    harbour = rows["Harbour cranes return to work after three-week strike"]
    assert (harbour["source"], harbour["category"]) == ("Coastline Courier", "Business")
    _, shown, _ = run(db, "show", str(harbour["id"]), "--json")
    data = json.loads(shown)
    assert data["url"] == "" and data["path"].endswith("harbour.html")
    assert len(data["key_points"]) == 3 and "Ships at anchor" in data["body"]


def test_the_list_quick_path_and_cli_import_no_fetch_libraries(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tui.cli.launch import main\n"
        f"sys.argv = ['newsdesk', '--db', {str(tmp_path / 'l.db')!r}, 'list']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import tui.cli\n"
        "heavy = ('aiohttp', 'feedparser', 'trafilatura', 'lxml', 'store.fetch.run')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stderr
    assert out.strip().splitlines()[-1] == "[]"


def test_kill_9_mid_fetch_leaves_the_library_as_before(
    server: FixtureServer, tmp_path: Path
) -> None:
    db = tmp_path / "lib.db"
    run(db, "import", str(_write_one(tmp_path)))
    items = [Item(f"Story {i}", server.url(f"/slow{i}"), guid=str(i)) for i in range(6)]
    for i in range(6):
        server.set(
            f"/slow{i}", Route(body=article_page(f"S{i}", "Slow", ["Text. " * 30]), delay=30)
        )
    server.set("/rss", body=rss2("Slow wire", "/", items).encode(), content_type=RSS, etag='"e"')
    run(db, "feeds", "add", server.url("/rss"))
    before = _snapshot(db)
    exe = shutil.which("newsdesk")
    assert exe
    proc = subprocess.Popen(
        [exe, "--db", str(db), "fetch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    deadline = time.monotonic() + 60
    while len([s for s in server.seen if s.path.startswith("/slow")]) < 2:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert _snapshot(db) == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def _write_one(tmp_path: Path) -> Path:
    path = tmp_path / "one.txt"
    path.write_text("Local story\nCategory\nWorld\n\nIt happened here today.\n", encoding="utf-8")
    return path


def _snapshot(db: Path) -> tuple[object, ...]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute(
                "SELECT id, doc_key, version, is_latest, content_hash FROM articles"
            ).fetchall(),
            conn.execute("SELECT * FROM feeds").fetchall(),
            conn.execute("SELECT * FROM pages").fetchall(),
            conn.execute("SELECT count(*) FROM figures").fetchall(),
        )
    finally:
        conn.close()
