"""List benchmark: the newest 100 articles of a big library, in-process and as a command.

    python3 bench/bench_import.py /tmp/corpus100k          # makes /tmp/newsdesk-bench-import.db
    python3 bench/bench_list.py /tmp/newsdesk-bench-import.db

Prints (median and best of several runs):
* ``Library.open`` + ``recent(100)`` inside one process (what the app pays);
* ``recent(100)`` alone on an open library, plus the category-filtered and ``ids()`` variants;
* the wall time of the whole ``newsdesk --db ... list`` subprocess, which includes Python's own
  start-up, measured next to a bare ``python3 -c pass`` so the two can be told apart.
The target from issue 2 is ``newsdesk list`` of the newest 100 in under 50 ms at 100k.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.library import Library  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, best) wall time in milliseconds."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times)


def report(label: str, result: tuple[float, float]) -> None:
    print(f"{label:<48} median {result[0]:8.2f} ms   best {result[1]:8.2f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path, help="a library made by bench_import.py")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args(argv)

    def open_and_list() -> None:
        lib = Library.open(args.db, readonly=True)
        lib.recent(100)
        lib.close()

    lib = Library.open(args.db, readonly=True)
    total = lib.count()
    category = max(lib.categories(), key=lambda item: item[1])[0]
    print(f"library: {args.db} ({total:,} articles, newest versions)")
    report("Library.open + recent(100)", timed(open_and_list, args.runs))
    report("recent(100) on an open library", timed(lambda: lib.recent(100), args.runs))
    report(
        f"recent(100, category={category!r})",
        timed(lambda: lib.recent(100, category=category), args.runs),
    )
    report(
        "recent(100, since='2025-06-01')", timed(lambda: lib.recent(100, since="2025-06-01"), 20)
    )
    report("ids() (all, date order)", timed(lambda: lib.ids(), max(3, args.runs // 4)))
    report("count()", timed(lambda: lib.count(), args.runs))
    lib.close()

    # The console script next to this interpreter, not a wrapper such as a pyenv shim (a bash
    # script that would add its own start-up to the figure).
    beside = Path(sys.executable).parent / "newsdesk"
    exe = str(beside) if beside.exists() else shutil.which("newsdesk")
    print(f"command: {exe or sys.executable + ' -m tui.cli'}")
    runs = max(5, args.runs // 2)
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    report("python3 -c pass (interpreter start-up only)", bare)
    cli = [exe] if exe else [sys.executable, "-m", "tui.cli"]
    cmd = [*cli, "--db", str(args.db), "list"]

    def run_cli() -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    whole = timed(run_cli, runs)
    report("`newsdesk list` subprocess, wall", whole)
    print(f"`newsdesk list` minus bare interpreter start-up: median {whole[0] - bare[0]:.1f} ms")

    def run_json() -> None:
        subprocess.run([*cmd, "--json"], check=True, stdout=subprocess.DEVNULL)

    report("`newsdesk list --json`", timed(run_json, runs))

    # The platform default library (no --db): the same file, found through the data folder.
    with tempfile.TemporaryDirectory() as data:
        (Path(data) / "newsdesk").mkdir()
        (Path(data) / "newsdesk" / "library.db").symlink_to(args.db.resolve())
        env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_DB"}
        env["XDG_DATA_HOME"] = data

        def run_default() -> None:
            subprocess.run([*cli, "list"], check=True, stdout=subprocess.DEVNULL, env=env)

        report("`newsdesk list` on the default library", timed(run_default, runs))

    def run_click() -> None:
        # "-n100" is the same request in a form only click parses: the full click path.
        subprocess.run(
            [*cli, "--db", str(args.db), "list", "-n100"], check=True, stdout=subprocess.DEVNULL
        )

    report("`newsdesk list -n100` (click path, for scale)", timed(run_click, runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
