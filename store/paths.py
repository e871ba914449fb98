"""Where the default library lives.

Kept apart from the library itself so the command line can work out the path without importing
SQLite code, and so tests can point everything elsewhere with one environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "NEWSDESK_DB"
DB_FILENAME = "library.db"


def default_db_path() -> Path:
    """The library file: ``$NEWSDESK_DB`` when set, else ``library.db`` in the user data dir."""
    override = os.environ.get(DB_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsdesk", appauthor=False)) / DB_FILENAME


def is_default_db(path: Path) -> bool:
    """True when ``path`` is the platform default library (the one that gets the samples).

    A library named by ``--db`` or ``NEWSDESK_DB`` is the user's own choice and stays empty
    until they import into it; only the platform default is seeded with samples.
    """
    from platformdirs import user_data_dir

    default = Path(user_data_dir("newsdesk", appauthor=False)) / DB_FILENAME
    try:
        return Path(path).expanduser().resolve() == default.resolve()
    except OSError:
        return False


def receives_samples(path: Path, *, named: bool) -> bool:
    """The one rule for the shipped samples: only the platform default library gets them.

    ``named``: the user chose the library with ``--db`` or ``NEWSDESK_DB`` (even one that
    happens to be the default file): that library starts empty until they import into it.
    The command line applies this once, before the app or a command opens the library.
    """
    return not named and is_default_db(path)
