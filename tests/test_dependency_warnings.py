"""A dependency's warnings never reach a user; ours still do (issue 10)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tui import dependency_warnings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def routed() -> object:
    before = warnings.showwarning
    dependency_warnings.route()
    yield dependency_warnings.routed()
    warnings.showwarning = before


def test_a_dependency_warning_goes_to_the_log_not_stderr(
    routed: object, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger=dependency_warnings.LOGGER_NAME):
        warnings.warn_explicit(
            "DSA is deprecated", UserWarning, "/venv/site-packages/somedep/crypto.py", 40
        )
    assert capsys.readouterr().err == ""
    assert any("DSA is deprecated" in r.getMessage() for r in caplog.records)
    assert all(r.name == dependency_warnings.LOGGER_NAME for r in caplog.records)


def test_our_own_warning_still_shows() -> None:
    """Run in a fresh process: pytest records warnings itself while a test runs."""
    ours = str(REPO / "store" / "library.py")
    code = (
        "import warnings; from tui.dependency_warnings import route; route(); "
        f"warnings.warn_explicit('our own warning', UserWarning, {ours!r}, 1)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert "our own warning" in done.stderr


def test_a_dependency_warning_without_logging_set_up_prints_nothing() -> None:
    """In a fresh process with no log handlers, Python's last-resort handler must stay quiet."""
    code = (
        "import warnings; from tui.dependency_warnings import route; route(); "
        "warnings.warn_explicit('noisy', UserWarning, '/x/site-packages/dep.py', 1)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stderr == "" and done.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["list"],
        ["list", "--json"],
        ["extract", "-"],
        ["serve", "--help"],
    ],
)
def test_commands_print_only_their_own_lines_with_every_warning_enabled(
    tmp_path: Path, args: list[str]
) -> None:
    """``-W always`` turns on every warning any dependency raises while a command runs."""
    env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_CONFIG"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-W", "always", "-m", "tui.cli", "--db", str(tmp_path / "l.db"), *args],
        cwd=REPO,
        input="Troops: 1,000 soldiers arrived.\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Warning" not in done.stderr, done.stderr
    assert "Warning" not in done.stdout
