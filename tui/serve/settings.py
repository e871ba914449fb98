"""What `newsdesk serve` runs with: its settings, the host key, a session's environment, the log.

The SSH server itself (connections, logins, refusals) is ``tui.serve.server``; one session's PTY
and app process is ``tui.serve.session``.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh
import click

# Terminal values a client may pass on; anything else falls back to a safe default.
_TERM_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")
DEFAULT_TERM = "xterm-256color"
# TERM values whose terminals are known to draw 24-bit colour. OpenSSH never forwards COLORTERM
# unless the user asks (SendEnv/SetEnv), so TERM is the only other hint a server gets.
_TRUECOLOR_TERMS = frozenset(
    {"xterm-kitty", "alacritty", "wezterm", "foot", "foot-extra", "xterm-ghostty", "contour"}
)

NEEDS_PTY_MESSAGE = "newsdesk needs a terminal: connect with `ssh -t` (and no command)."
NO_COMMANDS_MESSAGE = "newsdesk serve runs no commands: connect with `ssh -t` and no command."
SERVER_FULL_MESSAGE = "newsdesk: the server is full ({n} sessions); try again later."
TOO_MANY_LOGINS_MESSAGE = "newsdesk: too many connections are logged in; try again later"
START_FAILED_MESSAGE = "newsdesk: the server could not start the app; its log has the details."


@dataclass
class ServeSettings:
    """Everything the server needs, resolved and validated by the `serve` command."""

    host: str
    port: int
    authorized_keys: Path
    host_key: Path
    db_path: Path
    log_path: Path
    max_sessions: int = 10
    idle_timeout: float = 1800.0
    login_timeout: float = 30.0
    keepalive_interval: float = 30.0
    keepalive_count_max: int = 3
    # The app command for one session; None means the real `newsdesk --db DB --read-only`
    # (through tui.serve.child, which keeps Python errors off the client's screen).
    app_argv: Sequence[str] | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    # Warm app processes kept ready (imports done) so a session's first frame comes sooner.
    spares: int = 1
    # Before login (tui.serve.gate): seconds for the client's SSH version line, and how many
    # connections may be waiting to log in per client address and in all.
    banner_timeout: float = 10.0
    preauth_per_address: int = 10  # a team behind one NAT address may log in at once
    preauth_total: int = 64

    def app_args(self) -> list[str]:
        """The newsdesk options every session runs with: this library, never written."""
        return ["--db", str(self.db_path), "--read-only"]

    def argv(self) -> list[str]:
        """The command line of one session's app process, started cold."""
        if self.app_argv is not None:
            return list(self.app_argv)
        child = [sys.executable, "-m", "tui.serve.child", "--log", str(self.log_path)]
        return [*child, "--", *self.app_args()]

    def spare_argv(self, fd: int) -> list[str]:
        """The command line of a warm spare that waits on socket `fd` for its session."""
        child = [sys.executable, "-m", "tui.serve.child", "--log", str(self.log_path)]
        return [*child, "--spare", str(fd), "--", *self.app_args()]


def load_or_create_host_key(path: Path) -> Any:
    """Read the host key, creating it once (mode 0600) so clients never see a changed key."""
    if path.exists():
        try:
            return asyncssh.read_private_key(str(path))
        except (OSError, ValueError, asyncssh.KeyImportError) as exc:
            raise click.ClickException(f"Cannot read the host key {path}: {exc}.") from None
    key = asyncssh.generate_private_key("ssh-ed25519", comment="newsdesk serve")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key.export_private_key())
        os.replace(tmp, path)
        pub = path.with_name(path.name + ".pub")
        pub.write_bytes(key.export_public_key())
    except OSError as exc:
        raise click.ClickException(f"Cannot write the host key {path}: {exc.strerror}.") from None
    return key


def child_env(
    term: str | None, client_env: dict[str, str], extra: dict[str, str]
) -> dict[str, str]:
    """The app's environment, built from scratch so nothing of the server's own leaks in.

    TERM comes from the client; COLORTERM is set to truecolor only when the client sent it (ssh
    -o SetEnv=COLORTERM=truecolor) or its TERM names a 24-bit terminal; otherwise Textual reads
    the colour depth from TERM (256 colours for xterm-256color). COLUMNS and LINES are never set:
    Textual would prefer them to the PTY size and stop following window changes.
    """
    term = term if term and _TERM_RE.match(term) else DEFAULT_TERM
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/"),
        "LANG": "C.UTF-8",
        "TERM": term,
        "TEXTUAL_ANIMATIONS": "none",
    }
    for name in ("NEWSDESK_CONFIG", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "PYTHONPATH"):
        if name in os.environ:
            env[name] = os.environ[name]
    colorterm = client_env.get("COLORTERM", "")
    if colorterm in ("truecolor", "24bit") or term in _TRUECOLOR_TERMS or term.endswith("-direct"):
        env["COLORTERM"] = "truecolor"
    # Exports (Markdown/CSV from the compare screen) would be written on the server, where a
    # served client can never fetch them: the app says so instead of filling the server's disk.
    env["NEWSDESK_EXPORTS_OFF"] = "1"
    env.update(extra)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def setup_logging(path: Path) -> None:
    """Send this server's log, and asyncssh's warnings, to the log file only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Watched: an external logrotate can move the file away; the next line reopens it.
    handler = logging.handlers.WatchedFileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    loggers = (
        ("newsdesk.serve", logging.INFO),
        ("asyncssh", logging.WARNING),
        ("newsdesk.dependencies", logging.WARNING),  # dependencies' warnings (see that module)
    )
    for name, level in loggers:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
