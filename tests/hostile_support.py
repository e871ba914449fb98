"""Helpers for the hostile-input tests: the real command in a subprocess, FIFOs that report
whether anyone opened them, and a way to lose root's permission override.

Every wait has a deadline and waits for a real signal (a process ending, a marker file); none
asserts on elapsed time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 120.0  # generous: reached only when something hangs

# The installed console script's entry point (tui.cli.launch: the quick list path, then click).
LAUNCH = "import sys; from tui.cli.launch import main; sys.exit(main())"

ARTICLE = """{title}
Category
{category}
Publication date
3 March 2025, 09:40

{title}
Source: {source}

{lead}

Key points

  • {point}

Background

More than 40 vessels waited at the channel on Friday, the port authority said.
"""


def article_text(
    title: str,
    *,
    category: str = "Economy",
    source: str = "Port Watch",
    lead: str = "Ports shipped about 2.1 million tonnes of grain in February.",
    point: str = "Exports rose 15% month on month.",
) -> str:
    return ARTICLE.format(title=title, category=category, source=source, lead=lead, point=point)


def newsdesk(
    *args: str | os.PathLike[str],
    prefix: Sequence[str] = (),
    env: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[bytes]:
    """Run the real `newsdesk ARGS` (bytes out, so what reaches a terminal can be checked)."""
    base = {k: v for k, v in os.environ.items() if k not in ("NEWSDESK_DB", "NEWSDESK_CONFIG")}
    base["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [*prefix, sys.executable, "-c", LAUNCH, *map(os.fspath, args)],
        capture_output=True,
        env={**base, **(env or {})},
        cwd=REPO,
        timeout=timeout,
    )


def output(result: subprocess.CompletedProcess[bytes]) -> str:
    return (result.stdout + result.stderr).decode("utf-8", "replace")


_DROP = "-dac_override,-dac_read_search"


def unprivileged(probe_dir: Path) -> list[str]:
    """A command prefix under which file permissions apply (CI runs the tests as root).

    As root, ``setpriv`` drops the two capabilities that let root ignore permissions, keeping
    the user (so the interpreter and the work tree stay reachable); the probe proves it works.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make file permissions apply")
    prefix = [setpriv, f"--bounding-set={_DROP}", f"--inh-caps={_DROP}", "--"]
    probe = probe_dir / "permission-probe"
    probe.write_text("secret")
    probe.chmod(0)
    try:
        seen = subprocess.run([*prefix, "cat", str(probe)], capture_output=True, timeout=30)
    finally:
        probe.unlink()
    if seen.returncode == 0:
        pytest.skip("setpriv could not drop root's permission override in this container")
    return prefix


class FifoWatch:
    """A FIFO with a writer waiting on it: ``opened`` tells whether anyone opened it to read.

    Opening a FIFO for writing blocks until a reader opens it, so the writer thread finishing
    is proof that the code under test opened the FIFO; ``close`` releases the writer.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self._opened = threading.Event()
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()

    def _write(self) -> None:
        try:
            with open(self.path, "wb") as fifo:
                self._opened.set()
                fifo.write(b"x")
        except OSError:
            self._opened.set()

    @property
    def opened(self) -> bool:
        return self._opened.is_set()

    def close(self) -> None:
        if not self._opened.is_set():
            # Open the reading end ourselves so the writer thread can finish.
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
            self._thread.join(10)
            os.close(fd)
        self._thread.join(10)
