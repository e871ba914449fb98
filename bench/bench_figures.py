"""Speed of the figure extractor and of comparison, on generated ~400-word news articles.

Prints articles/s on one core and on every core (a process pool, as a parallel import would
use), and the time to compare 20 articles. Run: python3 bench/bench_figures.py [--articles N]
The articles are generated from templates with random numbers so the run needs no data files.
The default density (--density 0.18: share of sentences that carry figures) gives about as
many figures per 400 words as the hand-written samples have (~7-9, plus dates, years and times
that must be rejected); --density 0.45 is a figure-dense stress case (~21 per article).
The shipped samples themselves are timed too (they are shorter, ~240 words).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.figures import extract_article  # noqa: E402
from store.figures.compare import compare  # noqa: E402
from store.model import Article, Section  # noqa: E402

FIGURE_SENTENCES = [
    "Officials said at least {n} people were killed and about {m:,} more were injured.",
    "The ministry said {n:,} troops had been moved to the border region since {month} {day}.",
    "Exports rose {p}% in {month}, while imports fell by ${b}bn over the same period.",
    "Between {n:,} and {m:,} residents were evacuated from the eastern districts on {day} {month}.",
    "The aid package is worth $1.{d}bn and includes {n} armoured vehicles and {s} howitzers.",
    "Some {m:,} workers joined the strike, according to the union, up from {n:,} a week earlier.",
    "Ports shipped nearly {p}.{d} million tonnes of grain last month, the agency said.",
    "More than {n} vessels were waiting to enter the channel on {weekday}.",
    "The central bank raised its key rate to {p}% and said inflation could reach {d}.{s}%.",
    "Rescuers said {word} people were still missing after the {n:,}-strong team searched.",
    "Prices were up {s} cents at the close, after a {p}% drop in the previous session.",
    "Police detained {n} protesters in the capital, a spokesman told reporters at {hour}:{minute}.",
]
PLAIN_SENTENCES = [
    "The talks are expected to continue next week in the capital, diplomats said.",
    "Residents described long queues at checkpoints and a shortage of fuel in the region.",
    "The government has not commented on the reports, which could not be verified.",
    "Analysts warned that the situation remained fragile and could change quickly.",
    "The decision was criticised by opposition parties, who called for an inquiry.",
    "Several roads were closed and power cuts were reported across the city on {weekday}.",
    "In a statement released in {year}, the agency said it would publish a full review.",
    "The announcement came after a meeting of senior officials late on Tuesday night.",
    "Local media reported heavy traffic near the border crossing throughout the day.",
    "The organisation said it was working with partners to deliver help where needed.",
]
WORDS = ["two", "three", "five", "twelve", "twenty-five", "dozens of"]
MONTHS = ["January", "February", "March", "April", "May", "June"]
WEEKDAYS = ["Monday", "Tuesday", "Friday", "Sunday"]


def _fill(template: str, rnd: random.Random) -> str:
    return template.format(
        n=rnd.randint(2, 20000),
        m=rnd.randint(100, 90000),
        p=rnd.randint(1, 40),
        b=rnd.randint(1, 9),
        d=rnd.randint(1, 9),
        s=rnd.randint(2, 60),
        word=rnd.choice(WORDS),
        month=rnd.choice(MONTHS),
        day=rnd.randint(1, 28),
        weekday=rnd.choice(WEEKDAYS),
        year=rnd.randint(2015, 2025),
        hour=rnd.randint(10, 23),
        minute=rnd.randint(10, 59),
    )


def make_article(rnd: random.Random, words: int = 400, density: float = 0.18) -> Article:
    """A generated article of about ``words`` words: key points, lead and body paragraphs."""
    sentences: list[str] = []
    count = 0
    while count < words:
        pool = FIGURE_SENTENCES if rnd.random() < density else PLAIN_SENTENCES
        sentence = _fill(rnd.choice(pool), rnd)
        sentences.append(sentence)
        count += len(sentence.split())
    key_points = sentences[:2]
    lead = sentences[2]
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(3, len(sentences), 4)]
    return Article(
        title="Generated article",
        key_points=key_points,
        lead=lead,
        sections=[Section("", paragraphs[:3]), Section("What comes next", paragraphs[3:])],
    )


def _samples() -> list[Article]:
    """The shipped sample articles, parsed (empty if the parser is not there)."""
    try:
        from store.parse import parse_bytes
    except ImportError:
        return []
    folder = Path(__file__).resolve().parent.parent / "sample_articles"
    return [parse_bytes(p.read_bytes()) for p in sorted(folder.glob("*.txt"))]


def _build_kind() -> str:
    """Whether the extractor runs compiled (setup.py builds it with mypyc) or from source."""
    from store.figures import build

    return "Python source" if build.__file__.endswith(".py") else "compiled (mypyc)"


def _extract_timed(articles: list[Article]) -> tuple[int, float]:
    """Figures found and the CPU seconds this worker process spent finding them."""
    c0 = time.process_time()
    n = _extract_many(articles)
    return n, time.process_time() - c0


def _extract_many(articles: list[Article]) -> int:
    return sum(len(extract_article(a)) for a in articles)


def _bench_per_line(articles: list[Article], lines: int = 10_000) -> None:
    """`newsdesk extract --per-line` on 10,000 paragraphs, as a user would run it."""
    paragraphs = [p for a in articles for s in a.sections for p in s.paragraphs]
    if not paragraphs:
        return
    text = "\n".join(paragraphs[i % len(paragraphs)] for i in range(lines)) + "\n"
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "lines.txt"
        src.write_text(text, encoding="utf-8")
        cmd = [sys.executable, "-m", "tui.cli", "extract", str(src), "--per-line"]
        t0 = time.perf_counter()
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
    out_lines = done.stdout.count("\n")
    status = "ok" if done.returncode == 0 and out_lines == lines else f"FAILED: {done.stderr}"
    print(f"extract --per-line, {lines:,} lines: {wall:.2f} s wall (whole command), {status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--density", type=float, default=0.18)
    args = parser.parse_args()
    rnd = random.Random(7)
    articles = [make_article(rnd, density=args.density) for _ in range(args.articles)]
    words = statistics.mean(len((a.key_points_text + a.lead + a.body).split()) for a in articles)
    extract_article(articles[0])  # warm caches (lexicon load, fuzzy lookups)

    best = best_cpu = float("inf")
    figures = 0
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        figures = _extract_many(articles)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(
        f"articles: {len(articles)}, mean words: {words:.0f}, "
        f"figures/article: {figures / len(articles):.1f}; extractor: {_build_kind()}"
    )
    print(
        f"single core: {len(articles) / best:,.0f} articles/s wall "
        f"({best / len(articles) * 1e6:.0f} us each); {len(articles) / best_cpu:,.0f} "
        f"articles/s of CPU time ({best_cpu / len(articles) * 1e6:.0f} us each)"
    )

    if args.workers > 1:
        chunks = [articles[i :: args.workers * 4] for i in range(args.workers * 4)]
        with ProcessPoolExecutor(args.workers) as pool:
            list(pool.map(_extract_timed, chunks[: args.workers]))  # start the workers
            best_p = float("inf")
            cpu_p = 0.0
            for _ in range(3):
                t0 = time.perf_counter()
                results = list(pool.map(_extract_timed, chunks))
                wall = time.perf_counter() - t0
                if wall < best_p:
                    best_p, cpu_p = wall, sum(cpu for _, cpu in results)
        print(
            f"{args.workers} processes: {len(articles) / best_p:,.0f} articles/s wall; "
            f"{len(articles) / cpu_p * args.workers:,.0f} articles/s if each process had its "
            f"own core ({len(articles) / cpu_p:,.0f} per CPU-second)"
        )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average while measuring: {load:.2f} on {os.cpu_count()} cores")

    samples = _samples()
    if samples:
        reps = max(1, 2000 // len(samples))
        many = samples * reps
        c0 = time.process_time()
        _extract_many(many)
        cpu = time.process_time() - c0
        sw = statistics.mean(len((a.key_points_text + a.lead + a.body).split()) for a in samples)
        print(
            f"shipped samples ({len(samples)} x {reps}, mean words {sw:.0f}): "
            f"{len(many) / cpu:,.0f} articles/s of CPU time, "
            f"{len(many) * sw / cpu:,.0f} words/s"
        )

    _bench_per_line(articles)

    items = [(i + 1, a, extract_article(a)) for i, a in enumerate(articles[:20])]
    runs = []
    for _ in range(20):
        t0 = time.perf_counter()
        comparison = compare(items)
        runs.append(time.perf_counter() - t0)
    print(
        f"compare 20 articles: median {statistics.median(runs) * 1e3:.2f} ms, "
        f"worst {max(runs) * 1e3:.2f} ms, rows: {len(comparison.rows)}"
    )


if __name__ == "__main__":
    main()
