"""The console script's quick ``list`` path: same output as click, and only when it is safe."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.library import Library
from store.samples import sample_items
from tui.cli import launch
from tui.cli import main as cli_main
from tui.cli.launch import parse_list_args, quick_list


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("launch") / "lib.db"
    with Library.open(path) as lib:
        items = sample_items()
        # One article with markup-like and control characters in its fields, and a second
        # version of it, so the list shows both the cleaning and the version count.
        evil = (
            "[Reuters] Budget [/x] vote \x1b]0;pwned\x07 passes\nCategory\nPolitics\n"
            "Publication date\n2 May 2025\n\n[Reuters] Budget [/x] vote passes\n"
            "Source:\u00a0 Wire\x9b31m Desk\n\nThe vote passed 50 to 40.\n"
        )
        lib.import_bytes([*items, ("evil.txt", evil.encode())])
        lib.import_bytes([("evil2.txt", evil.replace("50 to 40", "51 to 39").encode())])
    return path


@pytest.fixture
def private_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("NEWSDESK_CONFIG", raising=False)


def quick(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, str]:
    code = quick_list(args)
    return code, capsys.readouterr().out


CASES = [
    ["list"],
    ["list", "--json"],
    ["--read-only", "list"],
    ["list", "-c", "world"],
    ["list", "--category=Economy", "--json"],
    ["list", "--category", "War", "--limit", "3"],
    ["list", "--since", "2025-01"],
    ["list", "--since=2025-03-01", "--json", "-n", "4"],
    ["list", "--since", "2024-12-01 10:00"],
    ["list", "-n", "0"],
    ["list", "--limit=2", "--limit", "5"],
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) for c in CASES])
def test_quick_path_prints_exactly_what_click_prints(
    args: list[str], samples_db: Path, private_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    full = ["--db", str(samples_db), *args]
    code, out = quick(full, capsys)
    assert code == 0, "the quick path should have served this command"
    expected = CliRunner().invoke(cli_main, full)
    assert expected.exit_code == 0
    assert out == expected.output
    assert out.strip()


def test_quick_path_cleans_titles_and_keeps_brackets(
    samples_db: Path, private_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = quick(["--db", str(samples_db), "list", "-c", "politics"], capsys)
    assert code == 0
    line = next(x for x in out.splitlines() if "Budget" in x)
    assert line.endswith("[Reuters] Budget [/x] vote passes")
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "Wire" in line


def test_environment_library_takes_the_quick_path(
    samples_db: Path, private_env: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(samples_db))
    code, out = quick(["list", "-n", "3"], capsys)
    assert code == 0 and len(out.splitlines()) == 3
    assert out == CliRunner().invoke(cli_main, ["list", "-n", "3"]).output


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--help"],
        ["--help"],
        ["--version"],
        [],
        ["show", "1"],
        ["list", "-n5"],
        ["list", "-n", "-1"],
        ["list", "-n", "+5"],
        ["list", "--since", "yesterday"],
        ["list", "--since", "2025-13-01"],
        ["list", "--db", "x.db"],
        ["list", "list"],
        ["list", "--category"],
        ["list", "--bogus"],
        ["import", "list"],
    ],
)
def test_anything_unusual_goes_to_click(
    args: list[str], samples_db: Path, private_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = quick(["--db", str(samples_db), *args], capsys)
    assert code is None and out == ""


def test_parse_recognises_the_plain_forms() -> None:
    got = parse_list_args(["--db=lib.db", "--read-only", "list", "-c", "War", "--json"])
    assert got == {
        "db": "lib.db",
        "readonly": True,
        "category": "War",
        "since": None,
        "limit": "100",
        "as_json": True,
    }
    got = parse_list_args(["--db", "list", "list", "--limit=7", "--since", "2025"])
    assert got is not None and got["db"] == "list" and got["limit"] == "7"
    assert parse_list_args(["--db"]) is None
    assert parse_list_args(["--read-only"]) is None


def test_libraries_that_need_work_go_to_click(
    tmp_path: Path, samples_db: Path, private_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.db"
    assert quick(["--db", str(missing), "list"], capsys) == (None, "")
    assert not missing.exists()
    notes = tmp_path / "notes.db"
    notes.write_text("these are my notes, not a database\n")
    assert quick(["--db", str(notes), "list"], capsys) == (None, "")
    empty = tmp_path / "empty.db"
    Library.open(empty).close()
    assert quick(["--db", str(empty), "list"], capsys) == (None, "")
    newer = tmp_path / "newer.db"
    shutil.copy(samples_db, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    assert quick(["--db", str(newer), "list"], capsys) == (None, "")
    journal = tmp_path / "killed.db"
    shutil.copy(samples_db, journal)
    Path(f"{journal}-journal").write_bytes(b"\0" * 512)
    assert quick(["--db", str(journal), "list"], capsys) == (None, "")
    # no match for a filter: click prints its "No articles."
    assert quick(["--db", str(samples_db), "list", "-c", "Nothing"], capsys) == (None, "")
    # a folder is no library
    assert quick(["--db", str(tmp_path), "list"], capsys) == (None, "")


def test_empty_default_library_is_left_to_click_for_the_samples(
    private_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert quick(["list"], capsys) == (None, "")


def test_a_reader_that_leaves_early_gets_exit_status_1(
    samples_db: Path, private_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

        def fileno(self) -> int:
            return self.fd

    read_end, write_end = os.pipe()
    gone = Gone()
    gone.fd = os.dup(write_end)
    monkeypatch.setattr(sys, "stdout", gone)
    try:
        assert quick_list(["--db", str(samples_db), "list"]) == 1
    finally:
        for fd in (read_end, write_end, gone.fd):
            os.close(fd)


def test_main_falls_back_to_click(
    samples_db: Path, private_env: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(sys, "argv", ["newsdesk", "--db", str(samples_db), "list", "-n3"])
    with pytest.raises(SystemExit) as done:
        launch.main()
    assert done.value.code == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_quick_path_imports_neither_click_nor_the_model(samples_db: Path) -> None:
    # Modules already loaded at start-up (an editable install's path hook loads pathlib) do not
    # count; what the quick path itself pulls in does.
    code = (
        "import sys; before = set(sys.modules); from tui.cli.launch import quick_list; "
        f"code = quick_list(['--db', {str(samples_db)!r}, 'list', '--json', '-c', 'world']); "
        "heavy = ('click', 'dataclasses', 'store.library', 'store.model', 'pathlib', 'typing'); "
        "print(code, [m for m in heavy if m in sys.modules and m not in before], file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "0 []"
    assert '"title"' in done.stdout


def test_installed_command_uses_the_launcher(samples_db: Path, private_env: None) -> None:
    exe = shutil.which("newsdesk")
    assert exe, "the newsdesk command is not installed (pip install -e '.[test]')"
    env = dict(os.environ)
    quick_run = subprocess.run(
        [exe, "--db", str(samples_db), "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    full = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(samples_db), "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert quick_run.returncode == full.returncode == 0
    assert quick_run.stdout == full.stdout
    assert "tui.cli.launch" in Path(exe).read_text(errors="replace")


def test_opening_the_app_skips_click_when_nothing_needs_deciding(samples_db: Path) -> None:
    """``newsdesk --db LIB`` starts the app without importing click (~30 ms of the first frame);
    a missing library still goes to click, which says it does not exist."""
    from tui.cli.launch import parse_app_args

    assert parse_app_args(["--db", "x.db", "--read-only"]) == {"db": "x.db", "readonly": True}
    assert parse_app_args(["--db=x.db"]) == {"db": "x.db", "readonly": False}
    assert parse_app_args(["--db", "x.db", "list"]) is None
    assert parse_app_args(["--help"]) is None
    code = (
        "import sys, tui.app; tui.app.run = lambda db, readonly=False: print(db, readonly) or 7; "
        "from tui.cli.launch import quick_app; "
        f"print(quick_app(['--db', {str(samples_db)!r}, '--read-only']), 'click' in sys.modules); "
        f"print(quick_app(['--db', {str(samples_db.parent / 'missing.db')!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"{samples_db} True", "7 False", "None"]
