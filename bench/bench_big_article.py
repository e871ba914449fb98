"""CPU and memory for opening the biggest articles import accepts, in the app (issue 13).

Each case is a file written here and imported through ``Library.import_paths`` (so it is
something import really accepts), then opened in the reader of a headless app at 120x40:

* 100,000 key points (3.5 MB), each with a figure;
* a 4.4 MB body of 10,000 paragraphs;
* a 4.4 MB body in one paragraph;
* a 4 MB title: import refuses titles over 2,000 characters, so this one is written into the
  library directly, as another program could.

For each: process CPU seconds (all threads: the database thread's fetch included) from the
key press until the reader has drawn the article, the RSS growth, and the peak RSS growth
(``VmHWM`` after resetting it through ``/proc/self/clear_refs``). A short article is opened
first so that code paths and widgets are warm, as in a real session.

    python3 bench/bench_big_article.py [--db /tmp/newsdesk-bench-big.db] [--runs 3]

Building the library takes a minute (figure extraction of the 4.4 MB bodies); it is kept.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARA = "The port authority said 40 vessels waited at the channel on Friday while talks went on. "


def case_files(folder: Path) -> dict[str, Path]:
    """The article files, written once."""
    files = {
        "short article": "Short one\nSource: Wire\n\nJust a few words about 12 ships.\n",
        "100,000 key points (3.5 MB)": (
            "Hundred thousand points\nCategory\nWorld\nPublication date\n3 March 2025\n\n"
            "Hundred thousand points\nSource: Big Wire\n\nA lead about the evacuation.\n\n"
            "Key points\n\n"
            + "".join(f"• {i % 900 + 100} evacuated from zone {i}.\n" for i in range(100_000))
            + "\nBackground\n\nThe rest of the story.\n"
        ),
        "4 MB title (written directly)": (
            "Long title to come\nCategory\nWorld\n\nSource: Long Titles\n\nA short body.\n"
        ),
        "4.4 MB body, 10,000 paragraphs": (
            "Huge body\nSource: Big Wire\n\n" + "\n\n".join(PARA * 5 for _ in range(10_000))
        ),
        "4.4 MB body, one paragraph": "One paragraph\nSource: Big Wire\n\n" + PARA * 50_000,
    }
    out = {}
    for n, (name, text) in enumerate(files.items()):
        path = folder / f"{n}.txt"
        if not path.exists():
            path.write_text(text + "\n", encoding="utf-8")
        out[name] = path
    return out


def build(db: Path) -> dict[str, int]:
    """Import the cases (once) and return each case's article id."""
    from store.library import Library

    folder = db.with_suffix(".articles")
    folder.mkdir(exist_ok=True)
    files = case_files(folder)
    with Library.open(db) as lib:
        if lib.count() < len(files):
            summary = lib.import_paths(sorted(files.values()))
            if summary.failed:
                raise SystemExit(f"import refused a case: {summary.failed}")
        ids = dict(lib.conn.execute("SELECT path, id FROM articles WHERE is_latest = 1"))
        found = {name: ids[str(path)] for name, path in files.items()}
        long_title = ("A very long title word " * 180_000)[:4_000_000].strip()
        lib.conn.execute(
            "UPDATE articles SET title = ? WHERE id = ? AND length(title) < 1000",
            (long_title, found["4 MB title (written directly)"]),
        )
    return found


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def status(field: str) -> float:
    """A /proc/self/status memory field, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


async def open_article(app: object, pilot: object, article_id: int) -> tuple[float, ...]:
    """Open one article in the reader; (CPU s, RSS growth MB, peak RSS growth MB)."""
    reader = app.browse.reader  # type: ignore[attr-defined]
    reset_peak()
    rss0, cpu0 = status("VmRSS"), cpu()
    app.browse.open_article(article_id)  # type: ignore[attr-defined]
    while reader.data is None or reader.data.stored.id != article_id:
        await pilot.pause(0.01)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]  # the frame with the article is drawn
    return cpu() - cpu0, status("VmRSS") - rss0, status("VmHWM") - rss0


async def measure(db: Path, ids: dict[str, int], runs: int) -> dict[str, list[tuple]]:
    from tui.app import NewsdeskApp

    results: dict[str, list[tuple]] = {name: [] for name in ids}
    short = ids["short article"]
    for _ in range(runs):
        app = NewsdeskApp(db, readonly=True, cursor_blink=False)
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.ready:
                await pilot.pause(0.05)
            await open_article(app, pilot, short)  # warm up
            for name, article_id in ids.items():
                results[name].append(await open_article(app, pilot, article_id))
                await open_article(app, pilot, short)  # back to a small one
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "newsdesk-bench-big.db"
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ids = build(args.db)
    results = asyncio.run(measure(args.db, ids, args.runs))
    print(f"opening an article in the reader, 120x40, median of {args.runs} runs")
    print(f"{'article':34} {'CPU s':>7} {'RSS +MB':>8} {'peak +MB':>9}")
    for name, rows in results.items():
        cpu_s, rss, peak = (statistics.median(col) for col in zip(*rows, strict=True))
        print(f"{name:34} {cpu_s:7.3f} {rss:8.1f} {peak:9.1f}")


if __name__ == "__main__":
    main()
