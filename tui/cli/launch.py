"""The ``newsdesk`` console script: a quick path for plain ``list``, click for everything else.

Why: ``newsdesk list`` has a 50 ms budget for the whole command and Python's start-up takes
~15 ms of it; importing click and the dataclass model takes another ~25 ms before a row is read.
Plain ``list`` invocations (the ones scripts repeat) are therefore read here with only
``store.listing`` and printed with ``tui.cli.output``, the same formatter the click command uses.

The quick path never decides anything the click path would decide differently: any argument it
does not recognise exactly (``--help``, ``-n5``, a bad date, a value starting with ``-``), a
library that needs work before it can be read (missing, empty and due for the samples, another
schema, a killed import to roll back) or any error hands the whole command line to click, which
gives the full behaviour and the one-sentence errors. Tests run both paths on the same
arguments and compare their output byte for byte.
"""

from __future__ import annotations

import os
import sys

_GLOBAL_VALUE = {"--db": "db"}
_GLOBAL_FLAG = {"--read-only": "readonly"}
_LIST_VALUE = {
    "--category": "category",
    "-c": "category",
    "--since": "since",
    "--limit": "limit",
    "-n": "limit",
}
_LIST_FLAG = {"--json": "as_json"}


def parse_list_args(argv: list[str]) -> dict[str, object] | None:
    """The options of a plain ``[--db P] [--read-only] list [...]`` command line, else None."""
    opts: dict[str, object] = {
        "db": None,
        "readonly": False,
        "category": None,
        "since": None,
        "limit": "100",
        "as_json": False,
    }
    values, flags = _GLOBAL_VALUE, _GLOBAL_FLAG
    seen_list = False
    i = 0
    while i < len(argv):
        token = argv[i]
        i += 1
        if not seen_list and token == "list":
            seen_list = True
            values, flags = _LIST_VALUE, _LIST_FLAG
            continue
        if token in flags:
            opts[flags[token]] = True
            continue
        name, eq, value = token.partition("=")
        if eq and name.startswith("--") and name in values:
            opts[values[name]] = value
            continue
        if token in values and i < len(argv) and not argv[i].startswith("-"):
            opts[values[token]] = argv[i]
            i += 1
            continue
        return None  # anything else (help, version, another command, odd syntax): click
    if not seen_list:
        return None
    return opts


def quick_list(argv: list[str]) -> int | None:
    """Run a plain ``list`` and return its exit status, or None when click must run it."""
    opts = parse_list_args(argv)
    if opts is None:
        return None
    limit = str(opts["limit"])
    if not (limit.isascii() and limit.isdigit()):
        return None
    since = opts["since"]
    if since is not None:
        from tui.cli.output import valid_since

        since = valid_since(str(since))
        if since is None:
            return None
    db = opts["db"]
    if db is None:
        from store.paths import default_db_path

        # An empty default library gets the samples first: no rows below sends it to click.
        db = default_db_path()
    elif not db:
        return None
    from store.listing import ListRow, match_category, open_current, recent_rows

    conn = open_current(os.path.abspath(os.path.expanduser(str(db))))
    if conn is None:
        return None
    import sqlite3

    try:
        category = opts["category"]
        if category is not None:
            category = match_category(conn, str(category))
        rows = [ListRow(*r) for r in recent_rows(conn, int(limit) or -1, category, since)]
    except sqlite3.Error:
        return None  # click reopens it and words the error
    finally:
        conn.close()
    if not rows:
        return None  # click says "No articles." (and knows when samples are due)
    from tui.cli.output import dumps, row_json, row_lines

    if opts["as_json"]:
        text = dumps([row_json(r) for r in rows]) + "\n"
    else:
        text = "".join(line + "\n" for line in row_lines(rows))
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left (``newsdesk list | head``): exit as the click path does, without a
        # second error when Python flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def parse_app_args(argv: list[str]) -> dict[str, object] | None:
    """The options of a plain ``[--db P] [--read-only]`` (open the app), else None."""
    opts: dict[str, object] = {"db": None, "readonly": False}
    i = 0
    while i < len(argv):
        token = argv[i]
        i += 1
        if token == "--read-only":
            opts["readonly"] = True
        elif token.startswith("--db=") and len(token) > 5:
            opts["db"] = token[5:]
        elif token == "--db" and i < len(argv) and argv[i] and not argv[i].startswith("-"):
            opts["db"] = argv[i]
            i += 1
        else:
            return None  # a command, help, version or odd syntax: click
    return opts


def quick_app(argv: list[str]) -> int | None:
    """Open the app without click (its import is ~30 ms of the first frame) when nothing needs
    deciding: the library exists and holds articles, or is not one that gets the samples.
    Anything else (a missing file, a default library still due for its samples) goes to click,
    which words the error or seeds the library first."""
    opts = parse_app_args(argv)
    if opts is None:
        return None
    from store.paths import DB_ENV, default_db_path, receives_samples

    named = opts["db"] is not None or bool(os.environ.get(DB_ENV, "").strip())
    db = os.path.abspath(os.path.expanduser(str(opts["db"] or default_db_path())))
    if not os.path.isfile(db):
        return None
    if receives_samples(db, named=named) and not _has_articles(db):  # type: ignore[arg-type]
        return None
    from tui.app import run

    return run(db, readonly=bool(opts["readonly"]))


def _has_articles(db: str) -> bool:
    from store.listing import open_current

    conn = open_current(db)
    if conn is None:
        return False  # needs an upgrade or a roll-back: click's path does it with progress
    try:
        return conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
    except Exception:  # noqa: BLE001 - click reopens it and words the error
        return False
    finally:
        conn.close()


def main() -> int:
    """Entry point of the ``newsdesk`` console script."""
    from tui.dependency_warnings import route

    route()
    argv = sys.argv[1:]
    code = quick_list(argv)
    if code is None:
        code = quick_app(argv)
    if code is not None:
        return code
    from tui.cli import main as cli_main

    return cli_main()
