"""What reaches the terminal from a library another program wrote with hostile text (issue 13).

The library is written directly with sqlite3 (not through import, which would clean the text):
escape sequences that clear the screen, set the window title, write the clipboard (OSC 52),
8-bit C1 controls, bidi overrides and isolates, BEL and markup, in every column of every table
the app reads. The checks look at what the terminal gets: the app's screen (headless), the
bytes a real terminal (tmux) receives, the command line's output, and exported files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from app_support import make_app, screen_text, wait_for
from hostile_support import REPO, newsdesk, output

from store.library import Library
from store.sanitize import json_safe, one_line, sanitize

CLEAR = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;aGFja2VkIGNsaXBib2FyZA==\x07"  # OSC 52: "hacked clipboard"
WINDOW_TITLE = "\x1b]0;pwned-title\x07"
DCS = "\x1bP+q544e\x1b\\"
C1 = "\x9b31m\x9d2;c1-title\x9c"
BIDI = "\u202eevil\u202c \u2066iso\u2069"
MARKUP = "[@click=app.quit]q[/] [b]bold[/b] [/x]"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji: three people, two joiners


def hostile(word: str) -> str:
    return f"{word} {CLEAR}{CLIPBOARD}{WINDOW_TITLE}{DCS}{C1}{BIDI}\x07{MARKUP} {FAMILY}"


# Never on the screen, in the terminal's bytes or in plain output.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MARKERS = (b"]52;", b"aGFja2Vk", b"pwned-title", b"c1-title", b"P+q544e", b"\xe2\x80\xae")


def write_hostile_library(path: Path) -> Path:
    """A library in newsdesk's schema whose every text column holds the payloads."""
    Library.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for n in (1, 2):
        sections = [
            {"heading": hostile(f"Heading{n}"), "paragraphs": [hostile(f"Paragraph{n} 300 troops")]}
        ]
        row = {
            "id": n,
            "doc_key": hostile(f"key{n}"),
            "version": 1,
            "is_latest": 1,
            "title": hostile(f"Title{n}"),
            "category": hostile(f"Category{n}"),
            "published": f"2025-03-0{n}" + CLEAR + C1,
            "published_raw": hostile(f"Date{n}"),
            "source": hostile(f"Source{n}"),
            "tags": json.dumps([hostile(f"Tag{n}")]),
            "key_points": json.dumps([hostile(f"Point{n} 1,200 workers")]),
            "lead": hostile(f"Lead{n}"),
            "sections": json.dumps(sections),
            "body": hostile(f"Lead{n}") + "\n\n" + hostile(f"Paragraph{n} 300 troops"),
            "clutter": json.dumps([hostile("Clutter")]),
            "raw": hostile("Raw"),
            "content_hash": f"hash{n}",
            "path": hostile(f"path{n}.txt"),
            "imported_at": hostile("2025-03-03T09:41:07Z"),
            "figures_version": 0,
        }
        names = ", ".join(row)
        conn.execute(
            f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(row))})", [*row.values()]
        )
        sentence = hostile(f"Sentence{n} 300 troops")
        figure = {
            "article_id": n, "ord": 0, "value_low": 300 * n, "value_high": 300 * n,
            "bound": hostile("~"), "unit": hostile("unit"), "counts": hostile("troops"),
            "key": "troops", "change": hostile("up"), "sentence": sentence, "start": 0,
            "end": 3, "part": "key_point", "places": "[]",
        }  # fmt: skip
        conn.execute(
            f"INSERT INTO figures ({', '.join(f'[{k}]' for k in figure)}) "
            f"VALUES ({', '.join('?' * len(figure))})",
            [*figure.values()],
        )
    conn.execute("COMMIT")
    conn.close()
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_hostile_library(tmp_path / "hostile.db")


def assert_clean(text: str, where: str, *, escaped: bool = False) -> None:
    """No control or bidi character in ``text``; with ``escaped`` (JSON, whose escapes keep
    the stored text inert and whole) the payloads' words may remain, else not even those."""
    found = FORBIDDEN.findall(text)
    assert not found, f"{where}: {sorted(set(found))!r} reached the terminal"
    if escaped:
        return
    for marker in MARKERS:
        assert marker.decode("utf-8", "replace") not in text, f"{where}: {marker!r}"


# ---- the sanitizer itself ---------------------------------------------------------------------
def test_the_sanitizer_removes_sequences_whole_and_keeps_joiners() -> None:
    text = hostile("Title")
    clean = sanitize(text)
    assert_clean(clean, "sanitize")
    assert FAMILY in clean and MARKUP in clean  # joiners and brackets are kept as text
    assert clean.startswith("Title ") and "evil iso" in clean
    assert one_line("a\n\tb\x1b[31m c") == "a b c"
    assert sanitize("name\udcff.txt") == "name\\xff.txt"  # undecodable byte, shown escaped
    assert json_safe('"\u202e\x85"') == '"\\u202e\\u0085"'


# ---- the app, headless --------------------------------------------------------------------------
async def test_the_app_shows_hostile_text_inert(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await wait_for(pilot, lambda: app.browse.reader.data is not None)
        await pilot.pause()
        seen = [screen_text(app)]
        assert "Title2" in seen[0] and "Paragraph2" in seen[0]
        assert FAMILY in seen[0]  # the joined emoji reaches the screen whole
        await pilot.press("f")  # the category filter: its name goes to the status line
        await wait_for(pilot, lambda: app.browse.category is not None)
        await wait_for(pilot, lambda: "Category" in screen_text(app).splitlines()[0])
        seen.append(screen_text(app))
        app.notify(hostile("Note"), title=hostile("NoteTitle"))  # any notification
        await pilot.pause()
        seen.append(screen_text(app))
        await pilot.press("f", "f")  # the other category, then all categories again
        await wait_for(pilot, lambda: app.browse.category is None and app.browse.total == 2)
        await wait_for(pilot, lambda: None not in app.browse.article_list.visible_rows())
        await pilot.press("space", "down", "space", "c")  # compare the two articles
        await wait_for(pilot, lambda: "conflict" in screen_text(app) or "agree" in screen_text(app))
        seen.append(screen_text(app))
        assert app.is_running  # the markup in the titles never ran app.quit
    for n, text in enumerate(seen):
        assert_clean(text, f"screen {n}")


async def test_exports_of_hostile_articles_are_inert(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_EXPORT_DIR", str(tmp_path))
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.browse.ready)
        await pilot.press("space", "down", "space", "c")
        await wait_for(pilot, lambda: "conflict" in screen_text(app))
        await pilot.press("e", "E")
        await wait_for(pilot, lambda: len(list(tmp_path.glob("*.md"))) == 1)
        await wait_for(pilot, lambda: len(list(tmp_path.glob("*.csv"))) == 1)
    for exported in [*tmp_path.glob("*.md"), *tmp_path.glob("*.csv")]:
        assert_clean(exported.read_text(encoding="utf-8").replace("\n", " "), exported.name)


# ---- the command line ------------------------------------------------------------------------
def test_command_line_output_is_inert(library: Path) -> None:
    outputs = {}
    for args in (
        ["list"],
        ["list", "--json"],
        ["show", "1"],
        ["show", "1", "--json"],
        ["figures", "1"],
        ["figures", "1", "--json"],
        ["compare", "1", "2"],
        ["compare", "1", "2", "--json"],
        ["list", "--category", hostile("Category1")],
    ):
        result = newsdesk("--db", library, *args)
        assert result.returncode == 0, (args, output(result))
        outputs[" ".join(args[:2])] = result.stdout
        text = output(result)
        assert_clean(text.replace("\n", " "), " ".join(args), escaped="--json" in args)
    assert FAMILY.encode() in outputs["list"]  # joiners kept
    listed = json.loads(outputs["list --json"])
    assert listed[0]["title"] == hostile("Title2")  # JSON keeps the stored text, escaped
    extracted = subprocess.run(
        [sys.executable, "-m", "tui.cli", "extract"],
        input=hostile("About 300 troops arrived.").encode(),
        capture_output=True,
        cwd=REPO,
        timeout=120,
    )
    assert_clean(output(extracted).replace("\n", " "), "extract")


# ---- a real terminal ---------------------------------------------------------------------------
@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[list[str]]:
    if not os.environ.get("CI") and not shutil.which("tmux"):
        pytest.skip("needs tmux")
    base = ["tmux", "-S", str(tmp_path / "tmux.sock"), "-f", "/dev/null"]
    yield base
    subprocess.run([*base, "kill-server"], capture_output=True)


def test_a_real_terminal_receives_no_hostile_bytes(
    library: Path, tmp_path: Path, tmux: list[str]
) -> None:
    raw = tmp_path / "terminal.bin"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NEWSDESK_DB")}
    env.update(TERM="xterm-256color", PYTHONPATH=str(REPO), TEXTUAL_ANIMATIONS="none")
    app = f"{sys.executable} -m tui.cli --db {library} --read-only"
    go = tmp_path / "go"
    # The app starts once the capture is in place: every byte it writes goes to `raw`.
    script = f"while [ ! -e {go} ]; do sleep 0.05; done; cd {REPO} && {app}; echo EXITED-$?"

    def tm(*args: str) -> str:
        done = subprocess.run([*tmux, *args], check=True, capture_output=True, text=True, env=env)
        return done.stdout

    tm("new-session", "-d", "-s", "h", "-x", "120", "-y", "40", script + "; sleep 600")
    tm("set-option", "-g", "set-clipboard", "on")  # an OSC 52 would land in tmux's buffers
    tm("set-option", "-g", "escape-time", "10")
    tm("pipe-pane", "-t", "h", f"cat >> {raw}")
    go.write_text("go")

    def wait(check: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + 60
        while not check(text := tm("capture-pane", "-p", "-t", "h")):
            assert time.monotonic() < deadline, f"{what} never appeared:\n{text}"
            time.sleep(0.1)
        return text

    wait(lambda s: "Paragraph2" in s, "the list and the reader")
    tm("send-keys", "-t", "h", "f")  # the category filter: its name goes to the status line
    wait(lambda s: "Category1" in s.splitlines()[0], "the category in the status line")
    tm("send-keys", "-t", "h", "Enter")
    wait(lambda s: "Heading1" in s, "the reader")
    tm("send-keys", "-t", "h", "q")
    wait(lambda s: "EXITED-0" in s, "the app to quit")
    data = raw.read_bytes()
    assert b"Paragraph2" in data and len(data) > 2000  # the capture saw the app draw
    for marker in MARKERS:
        assert marker not in data, marker
    assert not re.search(rb"\x1b\][0-9]", data.replace(b"\x1b]22;", b"")), "an OSC reached it"
    assert tm("list-buffers").strip() == ""  # nothing was written to the clipboard
    assert "pwned" not in tm("display-message", "-p", "-t", "h", "#{pane_title}")
