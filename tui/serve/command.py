"""`newsdesk serve`: serve the app to SSH clients, each session its own read-only app process.

This module holds only the click command, and imports nothing heavy at load time: every
`newsdesk` start-up loads it. The server itself (asyncssh, the session policy) is in
tui/serve/server.py, one session's PTY pump in tui/serve/session.py, its settings, host key and
log set-up in tui/serve/settings.py; the per-session app entry point is tui/serve/child.py.
"""

from __future__ import annotations

from pathlib import Path

import click

APP_NAME = "newsdesk"
HOST_KEY_NAME = "ssh_host_ed25519_key"
LOG_NAME = "serve.log"


def default_host_key_path() -> Path:
    """The host key lives in the user data dir, next to the default library, so it survives."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / HOST_KEY_NAME


def default_log_path() -> Path:
    """Server logs are state, not data: they go in the user state dir."""
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False) / LOG_NAME


def _check_library(db_path: Path, may_write: bool = True, samples: bool = False) -> None:
    """Fail at start-up, not in every session, when the library cannot be opened read-only,
    is not a newsdesk library or is damaged.

    A library written by an older newsdesk is upgraded here, once (sessions are read-only and
    could never do it), unless ``--read-only`` was given: then its one-sentence error stands.
    """
    from store.library import Library, LibraryError
    from store.listing import open_current

    try:
        if samples:  # store.paths.receives_samples, applied by the command line
            # Like a first `newsdesk`, a first `newsdesk serve` fills the default library with
            # the samples, once; sessions themselves can never write.
            with Library.open(db_path) as lib:
                lib.ensure_samples()
        if not db_path.exists():
            raise click.ClickException(
                f"No library at {db_path}: run `newsdesk` once or `newsdesk import` first."
            )
        if may_write and open_current(str(db_path)) is None:
            # Older schema (or a killed import to roll back): the writable open does the work.
            from tui.cli import ProgressBar

            Library.open(db_path, progress=ProgressBar("Updating the library")).close()
        with Library.open(db_path, readonly=True) as lib:
            # Every page, once: a damaged library would fail in every session instead (about
            # 1 s per 100,000 articles when the file is in the page cache).
            lib.verify(full=True)
    except LibraryError as exc:
        raise click.ClickException(str(exc)) from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=2222,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port, printed at start).",
)
@click.option(
    "--authorized-keys",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="OpenSSH authorized_keys file: the public keys allowed to log in.",
)
@click.option(
    "--host-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Host key file; created once if missing. Default: in the user data directory.",
)
@click.option(
    "--max-sessions",
    default=10,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Sessions (app processes) allowed at once; more are told the server is full.",
)
@click.option(
    "--idle-timeout",
    default=1800.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds without a key press before a session is closed (0: never).",
)
@click.option(
    "--login-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(1),
    help="Seconds a client has to log in.",
)
@click.option(
    "--banner-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a new connection has to send its SSH version line.",
)
@click.option(
    "--spares",
    default=1,
    show_default=True,
    type=click.IntRange(0, 100),
    help="App processes kept started ahead, so a new session draws sooner (0: none).",
)
@click.option(
    "--fetch-every",
    default=None,
    metavar="DURATION",
    help="Fetch the followed feeds now and then every DURATION (30m, 2h); the server is "
    "the one writer, sessions stay read-only.",
)
@click.option(
    "--log",
    "log_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Log file. Default: serve.log in the user state directory.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    authorized_keys: Path,
    host_key: Path | None,
    max_sessions: int,
    idle_timeout: float,
    login_timeout: float,
    banner_timeout: float,
    spares: int,
    fetch_every: str | None,
    log_path: Path | None,
) -> None:
    """Serve newsdesk over SSH: each client gets its own read-only app session."""
    obj = ctx.obj
    every = None
    if fetch_every is not None:
        from tui.serve.fetch import parse_every

        try:
            every = parse_every(fetch_every)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--fetch-every") from None
        if getattr(obj, "readonly", False):
            raise click.ClickException(
                "--fetch-every writes to the library; it cannot be used with --read-only."
            )
    db_path = getattr(obj, "db_path", None)
    if db_path is None:
        from store.paths import default_db_path

        db_path = default_db_path()
    db_path = Path(db_path).resolve()
    _check_library(
        db_path,
        may_write=not getattr(obj, "readonly", False),
        samples=bool(getattr(obj, "seeds_samples", lambda: False)()),
    )
    import asyncio

    from tui.serve.server import serve_forever
    from tui.serve.settings import ServeSettings, setup_logging

    settings = ServeSettings(
        host=host,
        port=port,
        authorized_keys=authorized_keys.resolve(),
        host_key=(host_key or default_host_key_path()).resolve(),
        db_path=db_path,
        log_path=(log_path or default_log_path()).resolve(),
        max_sessions=max_sessions,
        idle_timeout=idle_timeout,
        login_timeout=login_timeout,
        banner_timeout=banner_timeout,
        spares=spares,
    )
    try:
        setup_logging(settings.log_path)
    except OSError as exc:
        raise click.ClickException(
            f"Cannot write the log {settings.log_path}: {exc.strerror}."
        ) from None
    if every is None:
        asyncio.run(serve_forever(settings))
    else:
        from tui.serve.fetch import serve_and_fetch

        asyncio.run(serve_and_fetch(settings, every))
