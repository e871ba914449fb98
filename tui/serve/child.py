"""The process `newsdesk serve` starts for one session: `newsdesk ARGS`, errors kept off-screen.

Why a separate entry point instead of plain `python -m tui.cli`: Textual draws on the real
stderr (`sys.__stderr__`, here the session's PTY) but prints a crash traceback, like Python
itself, through `sys.stderr`. Pointing `sys.stderr` at the server's log file sends every
traceback there, while this module still shows the client one clear sentence. It also makes the
PTY the process's controlling terminal, so the kernel delivers SIGWINCH and SIGHUP to it.

Usage (by the server only): python -m tui.serve.child --log FILE [--spare FD] -- [options]
With --spare, the process first imports the app and waits on the Unix socket FD for a session
(see tui/serve/spares.py).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import time
import traceback
from typing import TextIO

CRASH_MESSAGE = "newsdesk stopped on an error; the server log has the details."
# What a spare imports ahead: the app, and what the app's first frame loads
# lazily (measured: the library, the config, Textual's terminal driver and layouts).
PRELOAD = (
    "tui.app",
    "store.library",
    "store.config",
    "textual.drivers.linux_driver",
    "textual._xterm_parser",
    "textual.layouts.horizontal",
    "textual.layouts.stream",
    "textual.scrollbar",
)


def _take_controlling_tty() -> None:
    """Opening our PTY as a session leader (start_new_session) makes it the controlling tty."""
    with contextlib.suppress(OSError):
        os.close(os.open(os.ttyname(0), os.O_RDWR))


def _say(tty: TextIO, message: str) -> None:
    from store.sanitize import one_line  # the client's terminal: sanitized like all output

    with contextlib.suppress(OSError, ValueError):
        tty.write(one_line(message) + "\r\n")
        tty.flush()


class _Tee:
    """sys.stderr for the app: everything to the log, and a copy kept to judge at exit."""

    def __init__(self, log: TextIO) -> None:
        self.log = log
        self.kept: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.log.write(text)
        if self.size < 4096:
            self.kept.append(text)
            self.size += len(text)
        return len(text)

    def flush(self) -> None:
        self.log.flush()

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.log.fileno()

    @property
    def encoding(self) -> str:
        return self.log.encoding

    def short_message(self) -> str | None:
        """What the app said, when it is one plain sentence a user should read (not a trace)."""
        text = "".join(self.kept).strip()
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) != 1 or len(text) > 300 or "Traceback" in text:
            return None
        if any(ord(ch) < 32 or 0x2500 <= ord(ch) < 0x2600 for ch in text):
            return None  # control characters or box drawing: a rendered traceback, not a sentence
        return lines[0].strip()


def run(log_path: str, args: list[str]) -> int:
    """Run the newsdesk command line with `args`; returns the exit status."""
    _take_controlling_tty()
    tty = sys.stderr
    try:
        log = open(log_path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (lives until exit)
    except OSError:
        log = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} app pid {os.getpid()} started\n")
    tee = _Tee(log)
    sys.stderr = tee
    try:
        if len(args) == 3 and args[0] == "--db" and args[2] == "--read-only":
            # What the server always asks for. By the CLI's contract, `newsdesk --db DB
            # --read-only` is `tui.app.run(DB, readonly=True)`; calling it directly leaves click
            # and the command line unloaded, about 2 MB less per session.
            from pathlib import Path

            from tui.app import run as run_app

            status = int(run_app(Path(args[1]), readonly=True) or 0)
        else:
            status = _run_cli(args, log, tty)
    except SystemExit as exc:
        code = exc.code
        status = code if isinstance(code, int) else (0 if code is None else 1)
    except Exception:
        log.write(f"app pid {os.getpid()} failed:\n{traceback.format_exc()}")
        status = 1
    if status != 0 and tee.kept:
        _say(tty, tee.short_message() or CRASH_MESSAGE)
    log.flush()
    return status


def _run_cli(args: list[str], log: TextIO, tty: TextIO) -> int:
    """`newsdesk ARGS` through the command line; a click error becomes one sentence."""
    import click

    from tui.cli import main as cli_main

    try:
        result = cli_main.main(args=args, prog_name="newsdesk", standalone_mode=False)
    except click.ClickException as exc:
        log.write(f"app pid {os.getpid()}: {exc.format_message()}\n")
        _say(tty, f"newsdesk: {exc.format_message()}")
        return exc.exit_code
    except click.exceptions.Abort:
        return 1
    return result if isinstance(result, int) else 0


def wait_as_spare(fd: int) -> bool:
    """Import what the app needs, then wait for a session: its PTY and its environment.

    Returns False when the server closed the socket without sending one (shutdown): exit then.
    """
    import json
    import socket

    sock = socket.socket(fileno=fd)
    # The point of a spare: pay for these imports before a client connects. A module that
    # fails here is simply imported (and its error reported) by the session itself.
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)

    try:
        message, fds, _flags, _addr = socket.recv_fds(sock, 1 << 20, 1)
    except OSError:
        return False
    finally:
        sock.close()
    if not fds:
        return False
    pty = fds[0]
    for target in (0, 1, 2):
        os.dup2(pty, target)
    if pty > 2:
        os.close(pty)
    env = json.loads(message.decode())["env"]
    os.environ.clear()
    os.environ.update(env)
    with contextlib.suppress(OSError):
        os.chdir(env.get("HOME", "/"))
    # The standard streams were opened on /dev/null; reopen them on the PTY (Textual draws on
    # sys.__stderr__ and reads sys.__stdin__).
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(  # noqa: SIM115
        1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False
    )
    sys.stderr = sys.__stderr__ = open(  # noqa: SIM115
        2, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False
    )
    return True


def main(argv: list[str] | None = None) -> int:
    from tui.dependency_warnings import route

    route()  # a dependency's warnings go to the server log, never to the client's screen
    argv = list(sys.argv[1:] if argv is None else argv)
    log_path = os.devnull
    spare_fd: int | None = None
    while argv and argv[0] in ("--log", "--spare") and len(argv) >= 2:
        if argv[0] == "--log":
            log_path = argv[1]
        else:
            spare_fd = int(argv[1])
        argv = argv[2:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    if spare_fd is not None:
        try:
            if not wait_as_spare(spare_fd):
                return 0
        except Exception:
            with contextlib.suppress(OSError), open(log_path, "a", encoding="utf-8") as log:
                log.write(f"spare pid {os.getpid()} failed:\n{traceback.format_exc()}")
            with contextlib.suppress(OSError):
                os.write(2, (CRASH_MESSAGE + "\r\n").encode())
            return 1
    return run(log_path, argv)


if __name__ == "__main__":
    sys.exit(main())
