"""Speed of the compare screen and of related articles (issue 5 targets: <= 100 ms each).

1. Key press to drawn table: a library with 20 reports of one story (figures extracted at
   import), the app with those 20 picked, ``c`` pressed; the clock stops when the compare
   screen has drawn its table (the screen stamps ``drawn_at`` after the refresh that shows it).
2. Related articles for one article in a 100,000-article library: ``store.related.related``
   timed for many articles; median, 95th percentile and max printed.

The 100k library is reused when one exists (``--db``, else any /tmp/*.db holding >= 90,000
articles, such as the one bench/gen_corpus.py + the import bench leave); otherwise it is built
from bench/gen_corpus.py output under /tmp. Nothing is written into the repository.

    python3 bench/bench_compare.py [--db /tmp/x.db] [--rounds 15] [--related 60]
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.library import Library  # noqa: E402
from store.parse import parse_text  # noqa: E402
from store.related import related  # noqa: E402

SOURCES = ["Reuters", "AP", "BBC", "AFP", "DPA", "Yonhap", "Kyodo", "Ukrinform", "Interfax", "EFE"]


def story_text(n: int) -> str:
    """One report of a flood story; figures partly agree and partly conflict across reports."""
    source = SOURCES[n % len(SOURCES)] + ("" if n < len(SOURCES) else f" {n}")
    day = 1 + n
    killed = 100 + 10 * (n % 4)
    return "\n".join(
        [
            f"Floods in the river valley: report {n}",
            "Category",
            "World",
            "Publication date",
            f"2025-04-{day:02d}" if n % 7 else "",
            "",
            f"Floods in the river valley: report {n}",
            f"Source:\u00a0 {source}",
            "",
            f"About {killed} people were killed and more than {200 + n} were injured.",
            "",
            "Points of attention",
            "",
            f"  • At least {1000 + 100 * n} homes were flooded.",
            f"  • Between 1,000 and {3000 + n * 10} troops were sent to help.",
            "",
            "The numbers",
            "",
            f"Officials said {50 + n} schools closed and damage reached $1.{n % 9} billion.",
            f"Prices of bread rose {5 + n % 3}% in the region.",
        ]
    )


async def time_compare(rounds: int) -> tuple[list[float], list[float], list[float]]:
    """(wall, CPU, wall of a bare one-Static screen push in the same app, for reference)."""
    from textual.screen import Screen
    from textual.widgets import Static

    from tui.app import NewsdeskApp
    from tui.app.screens.compare import CompareScreen

    class Bare(Screen):
        drawn_at: float | None = None

        def compose(self):
            yield Static("bare")

        def on_mount(self) -> None:
            self.call_after_refresh(self.stamp)

        def stamp(self) -> None:
            self.drawn_at = time.perf_counter()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "story.db"
        lib = Library.open(db)
        lib.import_articles([(f"story-{n}", parse_text(story_text(n))) for n in range(20)])
        ids = lib.ids()
        nfig = sum(len(lib.figures(i)) for i in ids)
        lib.close()
        print(f"compare: 20 articles, {nfig} figures in all")
        app = NewsdeskApp(db, cursor_blink=False)
        times: list[float] = []
        cpu: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.browse.ready:
                await pilot.pause(0.05)
            app.browse.picked = list(ids)
            for _ in range(rounds + 1):  # the first round warms imports and caches up
                start = time.perf_counter()
                cpu_start = time.process_time()
                await pilot.press("c")
                screen = app.screen
                while not isinstance(screen, CompareScreen) or screen.drawn_at is None:
                    await asyncio.sleep(0.001)
                    screen = app.screen
                times.append(screen.drawn_at - start)
                cpu.append(screen.drawn_cpu - cpu_start)
                assert len(screen.data.columns) == 20
                await pilot.press("escape")
                await pilot.pause(0.3)  # let the list screen settle, as a user's pause would
            bare: list[float] = []
            for _ in range(rounds + 1):
                start = time.perf_counter()
                screen = Bare()
                app.push_screen(screen)
                while screen.drawn_at is None:
                    await asyncio.sleep(0.001)
                bare.append(screen.drawn_at - start)
                app.pop_screen()
                await pilot.pause(0.3)
        return times[1:], cpu[1:], bare[1:]


def find_big_libraries(explicit: Path | None) -> list[Path]:
    """``explicit``, else every /tmp library with >= 90,000 articles, most figures first (a
    corpus without figures or with one-word titles says little about related articles)."""
    candidates = [explicit] if explicit else [Path(p) for p in glob.glob("/tmp/*.db")]
    found: list[tuple[int, Path]] = []
    for path in candidates:
        if path is None or not path.exists():
            continue
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            n = conn.execute("SELECT count(*) FROM articles WHERE is_latest = 1").fetchone()[0]
            figures = conn.execute("SELECT count(*) FROM figures").fetchone()[0]
            conn.execute("SELECT rowid FROM articles_fts LIMIT 1").fetchall()
            conn.close()
        except sqlite3.Error:
            continue
        if n >= 90_000:
            found.append((figures, path))
    return [p for _, p in sorted(found, key=lambda f: -f[0])]


def build_big_library(path: Path) -> None:
    corpus = Path("/tmp/nd-compare-corpus")
    if not corpus.exists():
        print("generating 100,000 articles with bench/gen_corpus.py …", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen_corpus.py"),
                str(corpus),
                "--count",
                "100000",
            ],
            check=True,
        )
    print(f"importing into {path} …", flush=True)
    start = time.perf_counter()
    lib = Library.open(path)
    summary = lib.import_paths([corpus])
    lib.close()
    print(f"imported {summary.imported} in {time.perf_counter() - start:.1f} s", flush=True)


def time_related(db: Path, count: int) -> tuple[list[float], int, float]:
    lib = Library.open(db, readonly=True)
    total = lib.count()
    ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles WHERE is_latest = 1")]
    rng = random.Random(5)
    sample = rng.sample(ids, min(count, len(ids)))
    related(lib.conn, sample[0])  # warm the page cache and imports
    times: list[float] = []
    found = 0
    for article_id in sample:
        start = time.perf_counter()
        hits = related(lib.conn, article_id)
        times.append(time.perf_counter() - start)
        found += len(hits)
    lib.close()
    return times, total, found / max(1, len(sample))


def time_related_common_words(db: Path, count: int) -> list[float]:
    """Worst case: every title word counted as common, so the pair query path runs."""
    import store.related as related_module

    real = related_module._term_counts

    def saturated(conn: sqlite3.Connection, words: list[str]) -> dict[str, int]:
        return {w: related_module.COUNT_CAP for w in real(conn, words)}

    related_module._term_counts = saturated
    try:
        return time_related(db, count)[0]
    finally:
        related_module._term_counts = real


def report(name: str, seconds: list[float], target_ms: float) -> None:
    ms = sorted(t * 1000 for t in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    verdict = "OK" if statistics.median(ms) <= target_ms else "OVER TARGET"
    print(
        f"{name}: median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, "
        f"max {ms[-1]:.1f} ms over {len(ms)} runs (target <= {target_ms:.0f} ms: {verdict})"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="a 100,000-article library to reuse")
    ap.add_argument("--rounds", type=int, default=15, help="compare screen openings to time")
    ap.add_argument("--related", type=int, default=60, help="articles to find related ones for")
    ap.add_argument("--skip-related", action="store_true")
    args = ap.parse_args(argv)

    print(f"machine load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    wall, cpu, bare = asyncio.run(time_compare(args.rounds))
    report("key press -> drawn compare table (20 articles), wall", wall, 100)
    report("key press -> drawn compare table (20 articles), process CPU", cpu, 100)
    report("reference: push of a bare one-Static screen in the same app, wall", bare, 100)

    if args.skip_related:
        return 0
    libraries = find_big_libraries(args.db)
    if not libraries:
        libraries = [args.db or Path("/tmp/nd-compare-100k.db")]
        build_big_library(libraries[0])
    for db in libraries[:2]:
        times, total, avg_hits = time_related(db, args.related)
        print(f"related: library {db} with {total:,} articles; {avg_hits:.1f} hits per article")
        report("related articles for one article (100k library)", times, 100)
        worst = time_related_common_words(db, max(10, args.related // 3))
        report("related, worst case: no rare title word (pairs of common words)", worst, 100)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
