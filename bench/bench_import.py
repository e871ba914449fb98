"""Import benchmark: a synthetic corpus into a FRESH library, FTS (and figures) included.

    python3 bench/gen_corpus.py /tmp/corpus100k --count 100000
    python3 bench/bench_import.py /tmp/corpus100k

Prints wall time, articles per second, CPU time of this process and of the worker processes,
and the library size. The target from issue 2 is >= 2,500 articles/s for 100,000 articles on a
2-core machine. Options let one measure the variants the import can take (trigger-maintained
FTS instead of the bulk fill, no pool, no figure extraction) so choices rest on figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import store.batch as batch_mod  # noqa: E402
import store.library as library_mod  # noqa: E402
from store.library import Library  # noqa: E402


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="folder made by bench/gen_corpus.py")
    ap.add_argument("--db", type=Path, default=Path("/tmp/newsdesk-bench-import.db"))
    ap.add_argument("--workers", type=int, default=library_mod.POOL_WORKERS)
    ap.add_argument(
        "--fts-triggers",
        action="store_true",
        help="keep the per-row FTS trigger instead of the bulk INSERT ... SELECT",
    )
    ap.add_argument("--no-figures", action="store_true", help="skip figure extraction")
    ap.add_argument(
        "--rebuild-fts",
        action="store_true",
        help="afterwards, time a full FTS rebuild (what the index alone costs)",
    )
    args = ap.parse_args(argv)

    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    if args.fts_triggers:
        batch_mod.BULK_FTS_THRESHOLD = 10**12

    t0 = time.perf_counter()
    files, _ = library_mod.collect_files([args.corpus])
    t_walk = time.perf_counter() - t0
    print(f"corpus: {len(files)} files ({t_walk:.2f} s to list them)")

    cpu0 = _cpu()
    t0 = time.perf_counter()
    lib = Library.open(args.db)
    # When the writer has stored the last record: what follows is the tail the pool cannot
    # overlap (last FTS chunk, trigger, COMMIT with its fsync, journal switch back to WAL).
    marks: dict[int, float] = {}

    def progress(done: int, total: int) -> None:
        for pct in (10, 50, 90, 100):
            if pct not in marks and done * 100 >= total * pct:
                marks[pct] = time.perf_counter() - t0

    summary = lib.import_paths(
        [args.corpus], progress, workers=args.workers, figures=not args.no_figures
    )
    wall = time.perf_counter() - t0
    cpu1 = _cpu()
    n = summary.imported + summary.new_versions
    print(
        f"imported {summary.imported}, new versions {summary.new_versions}, unchanged "
        f"{summary.unchanged}, failed {len(summary.failed)}"
    )
    print(
        f"import: {wall:.2f} s wall, {len(files) / wall:,.0f} files/s, {n / wall:,.0f} stored/s "
        f"(workers={args.workers}, fts={'triggers' if args.fts_triggers else 'bulk'}, "
        f"figures={'off' if args.no_figures else 'on'})"
    )
    print(
        f"cpu: writer {cpu1[0] - cpu0[0]:.1f} s, workers {cpu1[1] - cpu0[1]:.1f} s; "
        f"cores: {os.cpu_count()}"
    )
    if 100 in marks:
        steps = ", ".join(f"{pct}% at {at:.1f} s" for pct, at in sorted(marks.items()))
        print(f"records written: {steps}; tail after the last record {wall - marks[100]:.1f} s")
    load = os.getloadavg()
    print(f"load average now: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    figures = lib.conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    print(f"figures stored: {figures:,}")
    if args.rebuild_fts:
        t0 = time.perf_counter()
        lib.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        print(f"FTS rebuild alone: {time.perf_counter() - t0:.2f} s")
    lib.close()
    size = sum(
        Path(f"{args.db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{args.db}{s}").exists()
    )
    print(f"library: {args.db} {size / 1e6:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
