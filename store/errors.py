"""One sentence that names what is wrong with a library: permission, disk full, locked, damaged.

Why a module of its own: SQLite words most failures in its own terms ("attempt to write a
readonly database", "disk I/O error", "database is locked"), and the same words stand for very
different causes. A folder the user cannot write, a full disk, another program holding the write
lock and a damaged file each need a different action from the user, so each cause gets its own
sentence here, and every part of newsdesk (the command line, the app, ``serve``) words a failure
the same way. Python's ``sqlite3`` exceptions carry SQLite's extended error code
(``sqlite_errorname``), which tells these causes apart better than the message does.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

# The kinds of failure a user can act on (the words used in the sentences below).
PERMISSION = "permission"
DISK_FULL = "disk full"
LOCKED = "locked"
DAMAGED = "damaged"
INTERRUPTED = "interrupted"
NEEDS_UPGRADE = "needs upgrade"
EMPTY = "empty"  # an empty file: a writable open makes it a library
OTHER = "other"

# Below this much free space a write error is reported as a full disk.
_NEARLY_FULL_BYTES = 1 << 20


class LibraryError(Exception):
    """A library that cannot be used; the message is one sentence meant for the user.

    ``kind`` is one of the kinds above, so callers can act on the cause (a read command falls
    back to a writable open for an interrupted import, never for a locked library).
    """

    def __init__(self, message: str, kind: str = OTHER) -> None:
        super().__init__(message)
        self.kind = kind


def library_error(exc: BaseException, path: Path | str | None, *, writing: bool) -> LibraryError:
    """``exc`` as a ``LibraryError`` with its one sentence and its kind."""
    return LibraryError(describe(exc, path, writing=writing), kind_of(exc))


def _code(exc: BaseException) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or "")


def kind_of(exc: BaseException) -> str:
    """Which of the kinds above ``exc`` (a ``sqlite3.Error`` or ``OSError``) stands for."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return PERMISSION
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return DISK_FULL
        return OTHER
    code = _code(exc)
    text = str(exc).lower()
    if code == "SQLITE_READONLY_ROLLBACK":
        return INTERRUPTED  # a hot journal that a read-only connection may not roll back
    if code.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or "readonly" in text:
        return PERMISSION
    if code.startswith("SQLITE_FULL") or "disk is full" in text:
        return DISK_FULL
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return LOCKED
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return DAMAGED
    if code.startswith("SQLITE_IOERR"):
        return DISK_FULL if _disk_nearly_full() else OTHER
    if code.startswith("SQLITE_CANTOPEN"):
        return PERMISSION  # refined by the caller's path checks
    return OTHER


def _file_size_limited() -> bool:
    """True when this process runs under a file-size limit (``ulimit -f``)."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    except (ImportError, OSError, ValueError):
        return False
    return soft != resource.RLIM_INFINITY


def _free_space_low(folder: Path) -> bool:
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < _NEARLY_FULL_BYTES


def _disk_nearly_full(folder: Path | None = None) -> bool:
    """True when a write error is best explained by a full disk or the file-size limit.

    SQLite reports a write that the file-size limit stopped, and some full-disk writes, as a
    generic I/O error; the free space and the limit tell which it was.
    """
    return (folder is not None and _free_space_low(folder)) or _file_size_limited()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _permission_sentence(path: Path, writing: bool) -> str:
    """Which permission is missing: the file's, or its folder's (SQLite writes beside it)."""
    folder = path.parent
    if path.exists() and not os.access(path, os.R_OK):
        return f"The library {path} cannot be read: permission denied on the file."
    if writing and path.exists() and not _writable(path):
        return (
            f"The library {path} cannot be written: permission denied (the file is read-only "
            "for this user); use --read-only to browse it."
        )
    if not _writable(folder):
        if writing:
            return (
                f"The library {path} cannot be written: permission denied on its folder "
                f"{folder} (SQLite writes its journal files beside the library)."
            )
        return (
            f"The library {path} cannot be opened: permission denied on its folder {folder} "
            "(even to read a library, SQLite must create its -shm file beside it)."
        )
    verb = "written" if writing else "opened"
    return f"The library {path} cannot be {verb}: permission denied."


def describe(exc: BaseException, path: Path | str | None, *, writing: bool = True) -> str:
    """One sentence for the user naming what is wrong (never a traceback, never two lines)."""
    where = Path(path) if path is not None else None
    name = f"The library {where}" if where is not None else "The library"
    kind = kind_of(exc)
    detail = _detail(exc)
    if kind == DISK_FULL or (
        _code(exc).startswith("SQLITE_IOERR")
        and where is not None
        and _disk_nearly_full(where.parent)
    ):
        low = where is not None and _free_space_low(where.parent)
        if not low and _file_size_limited():
            return (
                f"{name} cannot be written: the file-size limit (ulimit -f) was reached; "
                "nothing was changed."
            )
        return f"{name} cannot be written: the disk is full; nothing was changed."
    if kind == PERMISSION:
        if where is None:
            return f"{name} cannot be {'written' if writing else 'read'}: permission denied."
        return _permission_sentence(where, writing)
    if kind == LOCKED:
        return (
            f"{name} is locked: another program is writing to it; try again when it has finished."
        )
    if kind == DAMAGED:
        return damaged_sentence(name, detail, writing=writing)
    if kind == INTERRUPTED:
        return f"{name} has an interrupted import to roll back; open it once without --read-only."
    if _code(exc).startswith("SQLITE_IOERR"):
        return f"{name} could not be {'written' if writing else 'read'}: a disk error ({detail})."
    return f"{name} could not be {'written' if writing else 'read'} ({detail})."


def damaged_sentence(name: str, why: str, *, writing: bool = True) -> str:
    """The sentence for a damaged library (``name`` is "The library PATH")."""
    untouched = "; nothing was written to it" if writing else ""
    return (
        f"{name} is damaged ({why}){untouched}: restore it from a backup, or import the "
        "articles into a new library."
    )


def _detail(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    if isinstance(exc, sqlite3.Error):
        return " ".join(str(exc).split()).rstrip(".") or type(exc).__name__
    return " ".join(str(exc).split()).rstrip(".") or type(exc).__name__
