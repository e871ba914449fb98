"""Reads during another process's import, and errors that name their cause (issue 13).

An import is held open mid-transaction by a helper process (it stops after a number of files
and waits for a release file), so the readers run against a real writer at a known moment.
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app_support import make_app, wait_for
from hostile_support import REPO, TIMEOUT, article_text, newsdesk, output, unprivileged

from store.library import Library
from store.samples import sample_items
from tui.app.widgets.search import SearchPanel

PAUSED_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from store.library import Library

    db, folder, marker, release, stop_at = sys.argv[1:6]
    release = Path(release)

    def progress(done, total):
        if done >= int(stop_at) and not Path(marker).exists():
            Path(marker).write_text(str(done))
            while not release.exists():  # the write transaction stays open meanwhile
                time.sleep(0.05)

    with Library.open(db) as lib:
        summary = lib.import_paths([folder], progress)
    print("imported", summary.imported)
    """
)


def write_folder(folder: Path, count: int, word: str) -> Path:
    folder.mkdir()
    for i in range(count):
        title = f"Harbour {word} report number {i}"
        (folder / f"{i:05d}.txt").write_text(article_text(title, point=f"{i + 10} ships waited."))
    return folder


@contextmanager
def paused_import(db: Path, folder: Path, stop_at: int) -> Iterator[None]:
    """An import of ``folder`` into ``db`` in another process, stopped mid-transaction."""
    marker, release = db.with_suffix(".marker"), db.with_suffix(".release")
    proc = subprocess.Popen(
        [sys.executable, "-c", PAUSED_IMPORT, db, folder, marker, release, str(stop_at)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not marker.exists():
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "the import never reached the pause"
            time.sleep(0.05)
        yield
        release.write_text("go")
        out, _ = proc.communicate(timeout=TIMEOUT)
        assert proc.returncode == 0, out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_reads_work_while_another_process_imports(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_bytes(sample_items())
        first, second = (row.id for row in lib.recent(2))
    folder = write_folder(tmp_path / "more", 600, "ferry")
    with paused_import(db, folder, stop_at=400):
        for args in (
            ["list"],
            ["list", "--json", "--limit", "0"],
            ["show", str(first)],
            ["figures", str(first)],
            ["figures", str(first), "--json"],
            ["compare", str(first), str(second)],
        ):
            result = newsdesk("--db", db, *args)
            assert result.returncode == 0, (args, output(result))
            assert b"ferry" not in result.stdout  # the import's rows are not committed yet


async def test_app_opens_and_searches_while_another_process_imports(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_bytes(sample_items())
    folder = write_folder(tmp_path / "more", 600, "ferry")
    with paused_import(db, folder, stop_at=400):
        app = make_app(db)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.browse.ready, timeout=60)
            assert app.database.library.readonly  # browsing needs no write lock
            await pilot.press("slash", *"myanmar")
            panel = app.browse.query_one(SearchPanel)
            await wait_for(pilot, lambda: bool(panel.hits), timeout=60)
            assert all("ferry" not in hit.row.title for hit in panel.hits)


def test_first_import_does_not_make_reads_fail_busy(tmp_path: Path) -> None:
    """A first big import uses a rollback journal; readers see the library as it was."""
    db = tmp_path / "lib.db"
    Library.open(db).close()
    folder = write_folder(tmp_path / "first", 2100, "barge")
    with paused_import(db, folder, stop_at=1000):
        assert (tmp_path / "lib.db-journal").exists()  # the bulk path's rollback journal
        listed = newsdesk("--db", db, "list", "--json")
        assert listed.returncode == 0 and listed.stdout.strip() == b"[]", output(listed)
        for args in (["figures", "1"], ["compare", "1", "2"], ["show", "1"]):
            result = newsdesk("--db", db, *args)
            text = output(result)
            assert result.returncode == 1, (args, text)
            assert "There is no article with id 1." in text, (args, text)


# ---- errors that say what is wrong -----------------------------------------------------------
def test_read_only_folder_and_read_only_file_name_the_permission(tmp_path: Path) -> None:
    prefix = unprivileged(tmp_path)
    folder = tmp_path / "shelf"
    folder.mkdir()
    db = folder / "lib.db"
    with Library.open(db) as lib:
        lib.import_bytes(sample_items())
    story = tmp_path / "new.txt"
    story.write_text(article_text("Fresh news"))
    folder.chmod(0o555)
    try:
        for args in (["import", story], ["--read-only", "list"], ["list"]):
            result = newsdesk("--db", db, *args, prefix=prefix)
            text = output(result).strip()
            assert result.returncode == 1, (args, text)
            assert len(text.splitlines()) == 1, text
            assert f"permission denied on its folder {folder}" in text, (args, text)
            assert "corrupt" not in text and "interrupted" not in text, text
    finally:
        folder.chmod(0o755)
    db.chmod(0o444)
    result = newsdesk("--db", db, "import", story, prefix=prefix)
    text = output(result)
    assert result.returncode == 1 and "the file is read-only for this user" in text, text


def _can_mount_tmpfs(where: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=320k", "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


FSIZE_LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
    from tui.cli.launch import main
    sys.argv = ["newsdesk", *sys.argv[1:]]
    sys.exit(main())
    """
)


def test_a_full_disk_is_named(tmp_path: Path) -> None:
    """A small tmpfs when the machine allows mounting one; else the file-size limit, which
    SQLite meets the same way (a write that stops short)."""
    samples = tmp_path / "samples"
    samples.mkdir()
    for name, data in sample_items():
        (samples / Path(name).name).write_bytes(data)
    disk = tmp_path / "disk"
    disk.mkdir()
    if _can_mount_tmpfs(disk):
        try:
            result = newsdesk("--db", disk / "lib.db", "import", samples)
        finally:
            subprocess.run(["umount", str(disk)], check=True)
        expected = "the disk is full"
    else:
        result = subprocess.run(
            [sys.executable, "-c", FSIZE_LIMITED, "--db", disk / "lib.db", "import", samples],
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=TIMEOUT,
        )
        expected = "the file-size limit (ulimit -f) was reached"
    text = output(result).strip()
    assert result.returncode == 1, text
    assert text.splitlines() == [f"Error: The library {disk / 'lib.db'} cannot be written: "
                                 f"{expected}; nothing was changed."]  # fmt: skip
    assert resource.getrlimit(resource.RLIMIT_FSIZE)[0] == resource.RLIM_INFINITY


def test_a_locked_library_is_named(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    Library.open(db).close()
    story = tmp_path / "new.txt"
    story.write_text(article_text("Fresh news"))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        result = newsdesk("--db", db, "import", story)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    text = output(result).strip()
    assert result.returncode == 1, text
    assert len(text.splitlines()) == 1 and "is locked: another program is writing to it" in text
