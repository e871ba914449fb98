"""Which files an import reads, and how their names are written down.

Why a module apart from the library: the folders handed to ``newsdesk import`` are the user's
own, and anything can be in them. A FIFO would block ``open()`` forever while the import holds
the library's write lock; a socket or a device is no article either; a name that is not UTF-8
cannot be stored in SQLite as it is. Each of those becomes one line in the import's summary
and the rest of the import goes on.

* Special files (FIFOs, sockets, devices) are recognised from the directory entry or ``stat``
  and never opened; ``store.library`` opens files with ``O_NONBLOCK`` as a second guard.
* A file name is stored as text: bytes that are not UTF-8 and control characters are written as
  ``\\xNN`` escapes (``path_text``), so every byte of the name stays visible and nothing in it can
  drive a terminal.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass

# Characters a stored file name writes as escapes: C0/C1 controls, DEL, bidi controls.
_NAME_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass(frozen=True)
class ImportFailure:
    """A file (or item) that was not imported, and why, in one line."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Collected:
    """The files an import will read, and what it refused or skipped while looking."""

    files: list[str]
    failures: list[ImportFailure]
    skipped: list[ImportFailure]


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def path_text(path: str) -> str:
    """A file name as stored text: undecodable bytes and controls as visible ``\\xNN`` escapes.

    Python hands undecodable bytes of a name over as lone surrogates (``surrogateescape``),
    which SQLite cannot store; they go back to their bytes and are written as escapes.
    """
    if path.isprintable():
        return path
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _NAME_UNSAFE_RE.sub(_escape, text)


def special_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is ("a named pipe (FIFO)", ...), else None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _skip(path: str, kind: str) -> ImportFailure:
    return ImportFailure(path_text(path), f"{kind}, not an article file (never opened)")


def collect(paths: Iterable[str | os.PathLike[str]]) -> Collected:
    """Expand files and folders (recursively, hidden entries skipped) into a sorted file list.

    Missing paths, unreadable folders and broken links are failures; FIFOs, sockets and devices
    are skipped (never opened); the rest of the import goes on.
    """
    found = Collected([], [], [])
    for given in paths:
        p = os.fspath(given)
        try:
            mode = os.stat(p).st_mode
        except FileNotFoundError:
            found.failures.append(ImportFailure(path_text(p), "no such file or folder"))
            continue
        except OSError as exc:
            reason = _one_line(f"cannot be read ({exc.strerror})")
            found.failures.append(ImportFailure(path_text(p), reason))
            continue
        if stat.S_ISDIR(mode):
            files: list[str] = []
            _walk(p, files, found)
            found.files.extend(sorted(files))
        elif stat.S_ISREG(mode):
            found.files.append(p)
        else:
            found.skipped.append(_skip(p, special_kind(mode) or "not a regular file"))
    return found


def _walk(top: str, files: list[str], found: Collected) -> None:
    """Every visible regular file under ``top``; symbolic links to folders are not followed."""
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
            where = path_text(str(exc.filename or folder))
            found.failures.append(ImportFailure(where, f"folder cannot be read ({reason})"))
            continue
        subfolders = []
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                    continue
                if entry.is_file():  # follows a link to a file; d_type, no stat, for the rest
                    files.append(entry.path)
                    continue
                mode = entry.stat().st_mode  # not a file: what is it? (lstat-free for links)
            except FileNotFoundError:
                found.failures.append(
                    ImportFailure(path_text(entry.path), "a broken link (its target is missing)")
                )
                continue
            except OSError as exc:
                reason = _one_line(f"cannot be read ({exc.strerror})")
                found.failures.append(ImportFailure(path_text(entry.path), reason))
                continue
            if stat.S_ISDIR(mode):
                continue  # a link to a folder: not followed (no loops, no escaping the tree)
            found.skipped.append(_skip(entry.path, special_kind(mode) or "not a regular file"))
        pending.extend(reversed(subfolders))
