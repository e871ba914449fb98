"""The ``newsdesk`` command line, through click's runner and through the installed command."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.samples import sample_files
from tui.cli import main

ARTICLE = """{title}
Category
{category}
Publication date
{date}

{title}
Harbour
Source:\u00a0 {source}

{lead}

Points of attention

  • {point}
  • Exports rose 15% month on month.

Why it matters

More than 40 vessels waited at the channel on Friday, the port authority said.

By staying on the site, you agree to the use of cookies.
"""


def write_article(
    folder: Path,
    name: str,
    title: str,
    *,
    category: str = "Economy",
    date: str = "3 March 2025, 09:40",
    source: str = "Ukrinform",
    lead: str = "Ports shipped about 2.1 million tonnes of grain in February.",
    point: str = "Ports shipped about 2.1 million tonnes of grain.",
) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ARTICLE.format(
        title=title, category=category, date=date, source=source, lead=lead, point=point
    )
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private library via NEWSDESK_DB, and a private data dir so no real default is touched."""
    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "lib.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("NEWSDESK_CONFIG", raising=False)
    return dict(os.environ)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.output


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_article(folder, "a.txt", "Danube ports handle record grain", date="3 March 2025, 09:40")
    write_article(
        folder, "sub/b.txt", "Seoul tightens border checks", category="World", date="Feb 1, 2025"
    )
    write_article(folder, "sub/deeper/c.txt", "Undated budget vote", category="Politics", date="")
    return folder


def test_import_list_show_round_trip(env: dict[str, str], corpus: Path) -> None:
    code, out = run("import", str(corpus))
    assert code == 0, out
    assert out.splitlines() == ["imported 3, new versions 0, unchanged 0, failed 0"]

    code, out = run("list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["title"] for r in rows] == [
        "Danube ports handle record grain",
        "Seoul tightens border checks",
        "Undated budget vote",
    ]
    assert set(rows[0]) >= {"id", "title", "category", "published", "source"}
    assert rows[0]["published"].startswith("2025-03-03")
    assert rows[2]["published"] == ""
    assert rows[0]["source"] == "Ukrinform" and rows[1]["category"] == "World"

    code, out = run("show", str(rows[0]["id"]), "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["id"] == rows[0]["id"]
    assert shown["title"] == rows[0]["title"]
    assert shown["tags"] == ["Harbour"]
    assert shown["key_points"] == [
        "Ports shipped about 2.1 million tonnes of grain.",
        "Exports rose 15% month on month.",
    ]
    assert "More than 40 vessels" in shown["body"]
    assert shown["body"].startswith("Ports shipped about 2.1 million")
    assert [v["version"] for v in shown["versions"]] == [1]
    assert "cookies" not in shown["body"]

    code, out = run("show", str(rows[0]["id"]))
    assert code == 0
    assert out.splitlines()[0] == "Danube ports handle record grain"
    assert "  • Exports rose 15% month on month." in out

    code, out = run("list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3 and "2025-03-03" in lines[0] and "undated" in lines[2]


def test_reimport_unchanged_and_new_version(env: dict[str, str], corpus: Path) -> None:
    assert run("import", str(corpus))[0] == 0
    code, out = run("import", str(corpus))
    assert out.splitlines()[0] == "imported 0, new versions 0, unchanged 3, failed 0"
    write_article(corpus, "a.txt", "Danube ports handle record grain", lead="Revised lead.")
    code, out = run("import", str(corpus / "a.txt"))
    assert out.splitlines()[0] == "imported 0, new versions 1, unchanged 0, failed 0"
    rows = json.loads(run("list", "--json")[1])
    assert len(rows) == 3
    newest = next(r for r in rows if r["title"].startswith("Danube"))
    assert newest["versions"] == 2
    shown = json.loads(run("show", str(newest["id"]), "--json")[1])
    assert [v["version"] for v in shown["versions"]] == [1, 2]
    assert shown["version"] == 2 and shown["body"].startswith("Revised lead.")
    old = json.loads(run("show", str(shown["versions"][0]["id"]), "--json")[1])
    assert old["body"].startswith("Ports shipped")


def test_bad_input_is_reported_per_file_and_rest_continues(
    env: dict[str, str], corpus: Path, tmp_path: Path
) -> None:
    assert run("import", str(corpus))[0] == 0
    before = sqlite3.connect(tmp_path / "lib.db").execute("SELECT * FROM articles").fetchall()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (bad / "big.txt").write_bytes(b"Title\n" + b"word " * (1_100_000))
    (bad / "notitle.txt").write_bytes(b"\n\n   \n\n")
    (bad / "broken-link.txt").symlink_to(bad / "nowhere.txt")
    write_article(bad, "good.txt", "A good one among bad ones")
    code, out = run("import", str(bad), str(tmp_path / "missing"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "imported 1, new versions 0, unchanged 0, failed 6"
    failed = {line.split(": ")[1].rsplit("/", 1)[-1]: line for line in lines[1:]}
    assert set(failed) == {
        "empty.txt",
        "binary.bin",
        "big.txt",
        "notitle.txt",
        "broken-link.txt",
        "missing",
    }
    assert all(line.startswith("failed: ") and line.count("\n") == 0 for line in lines[1:])
    assert "empty" in failed["empty.txt"]
    assert "binary" in failed["binary.bin"]
    assert "5 MB" in failed["big.txt"]
    after = sqlite3.connect(tmp_path / "lib.db").execute("SELECT * FROM articles").fetchall()
    assert after[: len(before)] == before and len(after) == len(before) + 1


def test_list_filters(env: dict[str, str], corpus: Path) -> None:
    run("import", str(corpus))
    titles = lambda *a: [r["title"] for r in json.loads(run("list", "--json", *a)[1])]  # noqa: E731
    assert titles("--category", "World") == ["Seoul tightens border checks"]
    assert titles("--category", "world") == ["Seoul tightens border checks"]
    assert titles("--since", "2025-02-15") == ["Danube ports handle record grain"]
    assert titles("--since", "2025") == [
        "Danube ports handle record grain",
        "Seoul tightens border checks",
    ]
    assert titles("--limit", "1") == ["Danube ports handle record grain"]
    assert len(titles("--limit", "0")) == 3
    code, out = run("list", "--since", "yesterday")
    assert code == 2 and "not a date" in out


def test_errors_are_one_sentence(env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n")
    code, out = run("--db", str(bad), "list")
    assert code == 1
    assert out.startswith("Error: ") and "not a newsdesk library" in out
    assert "Traceback" not in out and len(out.strip().splitlines()) == 1
    (tmp_path / "empty").mkdir()
    run("import", str(tmp_path / "empty"))
    code, out = run("show", "12345")
    assert code == 1 and "no article with id 12345" in out
    code, out = run("--read-only", "--db", str(tmp_path / "none.db"), "list")
    assert code == 1 and "does not exist" in out
    assert not (tmp_path / "none.db").exists()


def test_read_only_refuses_import(env: dict[str, str], corpus: Path, tmp_path: Path) -> None:
    run("import", str(corpus / "a.txt"))
    code, out = run("--read-only", "import", str(corpus))
    assert code == 1 and "read-only" in out
    assert len(json.loads(run("--read-only", "list", "--json")[1])) == 1


def test_db_option_beats_environment(env: dict[str, str], corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    run("--db", str(other), "import", str(corpus / "a.txt"))
    assert len(json.loads(run("--db", str(other), "list", "--json")[1])) == 1
    code, out = run("list", "--json")  # NEWSDESK_DB's library was never made
    assert code == 1 and "does not exist" in out


def test_progress_bar_for_long_imports(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for i in range(260):
        write_article(folder, f"{i:03d}.txt", f"Story number {i}")
    result = CliRunner().invoke(main, ["import", str(folder)])
    assert result.exit_code == 0
    assert "Importing" in result.stderr
    assert result.stdout.splitlines() == ["imported 260, new versions 0, unchanged 0, failed 0"]


def test_control_characters_never_reach_the_terminal(env: dict[str, str], tmp_path: Path) -> None:
    write_article(tmp_path / "in", "evil.txt", "Evil \x1b]0;pwned\x07 title \x9b31m here")
    run("import", str(tmp_path / "in"))
    code, out = run("list")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    raw = run("list", "--json")[1]
    assert "\x1b" not in raw and "\x9b" not in raw
    rows = json.loads(raw)
    show = run("show", str(rows[0]["id"]))[1]
    assert "\x1b" not in show and "\x9b" not in show


# ---- the installed command -----------------------------------------------------------------


def newsdesk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("newsdesk")
    assert exe, "the newsdesk command is not installed (pip install -e '.[test]')"
    return subprocess.run(
        [exe, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_installed_command_imports_and_lists(env: dict[str, str], corpus: Path) -> None:
    done = newsdesk("import", str(corpus), env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported 3,")
    listed = newsdesk("list", "--json", "--limit", "2", env=env)
    assert listed.returncode == 0
    assert [r["title"] for r in json.loads(listed.stdout)] == [
        "Danube ports handle record grain",
        "Seoul tightens border checks",
    ]
    bad = newsdesk("--db", str(corpus / "a.txt"), "list", env=env)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().startswith("Error:")


def test_default_library_gets_the_samples_on_first_use(tmp_path: Path) -> None:
    samples = sample_files()
    assert len(samples) >= 24
    env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    first = newsdesk("list", "--json", "--limit", "0", env=env)
    assert first.returncode == 0, first.stderr
    rows = json.loads(first.stdout)
    assert len(rows) == len(samples)
    assert (tmp_path / "data" / "newsdesk" / "library.db").exists()
    # a second run does not import them again
    again = newsdesk("list", "--json", "--limit", "0", env=env)
    assert len(json.loads(again.stdout)) == len(samples)
    # a library chosen with --db stays the user's own: no samples (and it must exist first)
    (tmp_path / "empty").mkdir()
    made = newsdesk("--db", str(tmp_path / "own.db"), "import", str(tmp_path / "empty"), env=env)
    assert made.returncode == 0, made.stderr
    own = newsdesk("--db", str(tmp_path / "own.db"), "list", "--json", env=env)
    assert json.loads(own.stdout) == []


def test_a_mistyped_db_is_not_created(tmp_path: Path, env: dict[str, str], corpus: Path) -> None:
    typo = tmp_path / "typo.db"
    for args in (["list"], ["show", "1"], ["figures", "1"], []):
        result = newsdesk("--db", str(typo), *args, env=env)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "does not exist" in result.stderr and "Traceback" not in result.stderr
        assert not typo.exists()
    made = newsdesk("--db", str(typo), "import", str(corpus), env=env)
    assert made.returncode == 0 and typo.exists()


def test_a_library_named_by_newsdesk_db_never_gets_the_samples(
    tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app

    made: list[dict[str, object]] = []

    class FakeApp:
        return_code = 0

        def __init__(self, db_path: Path, **kwargs: object) -> None:
            made.append(kwargs)

        def run(self) -> None:
            pass

    (tmp_path / "empty").mkdir()
    assert run("import", str(tmp_path / "empty"))[0] == 0  # NEWSDESK_DB's library, empty
    monkeypatch.setattr(tui.app, "NewsdeskApp", FakeApp)
    assert run()[0] == 0
    assert made and not made[0].get("import_samples", False)
    conn = sqlite3.connect(os.environ["NEWSDESK_DB"])
    try:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    finally:
        conn.close()


def test_cli_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, tui.cli; "
        "print(sorted(m for m in ('sqlite_utils', 'textual', 'rich', 'store.library') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_no_command_opens_the_app(
    env: dict[str, str], corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app

    calls: list[tuple[Path, bool]] = []

    def fake_run(db_path: Path, readonly: bool = False) -> int:
        calls.append((Path(db_path), readonly))
        return 3

    monkeypatch.setattr(tui.app, "run", fake_run)
    assert run("--db", str(tmp_path / "x.db"), "import", str(corpus))[0] == 0
    result = CliRunner().invoke(main, ["--read-only", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 3
    assert calls == [(tmp_path / "x.db", True)]
    monkeypatch.delenv("NEWSDESK_DB")
    result = CliRunner().invoke(main, [])
    default = tmp_path / "data" / "newsdesk" / "library.db"
    assert calls[-1] == (default, False)
    # the default library got the samples before the app opened it
    conn = sqlite3.connect(default)
    try:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()
    assert n == len(sample_files())


def test_no_command_without_the_app_prints_the_list(
    env: dict[str, str], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    run("import", str(corpus))
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "tui.app" else real_find_spec(name, *a),
    )
    code, out = run()
    assert code == 0
    assert "Danube ports handle record grain" in out.splitlines()[0]


def test_truncated_library_gives_one_line_not_a_traceback(
    env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    for i in range(120):
        write_article(folder, f"{i:03d}.txt", f"Story number {i}", lead="Lead text. " * 80)
    db = tmp_path / "big.db"
    assert run("--db", str(db), "import", str(folder))[0] == 0
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.truncate(size // 3)
    for args in (["list", "--limit", "0"], ["show", "100"], ["import", str(folder / "000.txt")]):
        result = CliRunner().invoke(main, ["--db", str(db), *args])
        assert result.exit_code == 1, (args, result.output)
        assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
        assert "Traceback" not in result.output
