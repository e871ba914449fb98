"""Parser speed: µs per ~400-word article and articles/s (a benchmark, not a test).

Times are CPU time of this process (``time.process_time``, best of 3 rounds), so that other
work on a shared machine inflates them less than wall-clock time would.

Target: ≤ 100 µs per 400-word article for ``parse_bytes`` (decode included), so the parser is a
small part of the 2,500 articles/s import budget. Run:

    python3 bench/bench_parse.py [--n 20000]

It prints figures for synthetic articles in the full format (category, date, tags, source,
key points, subheadings, trailing clutter), for CRLF/NBSP/cp1251 variants, and for the shipped
samples, plus the cost of importing ``store.parse``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.parse import parse_bytes  # noqa: E402

WORDS = (
    "the troops port grain Kyiv said officials about more than ministry on Friday region "
    "attack drones missiles 2,100 15% million tonnes between and 3,000 killed injured "
    "according to report government budget of in a was were had been would"
).split()


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def make_article(rng: random.Random, words: int = 400) -> str:
    """A synthetic article of about ``words`` words in the issue-2 file format."""
    title = _sentence(rng, 6, 12).rstrip(".")
    lines = [
        title,
        "Category",
        rng.choice(["World", "Economy", "War", "Politics"]),
        "Publication date",
        f"{rng.randint(1, 28)} February 2025, {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "",
        title,
        "",
        "Izmail port",
        "Source:\u00a0 Ukrinform",
        "",
        _sentence(rng, 20, 30),
        "",
        "Points of attention",
        "",
    ]
    count = 60
    for _ in range(3):
        point = _sentence(rng, 8, 14)
        count += point.count(" ") + 1
        lines.append("  \u2022 " + point)
    lines.append("")
    while count < words:
        if rng.random() < 0.2:
            lines += [_sentence(rng, 3, 6).rstrip("."), ""]
        para = " ".join(_sentence(rng, 10, 20) for _ in range(rng.randint(2, 4)))
        count += para.count(" ") + 1
        lines += [para, ""]
    lines += ["By staying on the site, you agree to the use of cookies.", "24196 views"]
    return "\n".join(lines) + "\n"


def bench(label: str, docs: list[bytes], rounds: int = 3) -> None:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for data in docs:
            parse_bytes(data)
        best = min(best, time.process_time() - t0)
    per = best / len(docs)
    avg_words = sum(len(d.split()) for d in docs) / len(docs)
    print(
        f"{label:<34} {len(docs):>6} docs  ~{avg_words:4.0f} words  "
        f"{per * 1e6:7.1f} µs/article  {1 / per:9,.0f} articles/s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="synthetic articles per run")
    args = ap.parse_args()
    rng = random.Random(2025)
    texts = [make_article(rng) for _ in range(args.n)]
    bench("synthetic, UTF-8 LF", [t.encode() for t in texts])
    bench(
        "synthetic, CRLF + BOM", [b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode() for t in texts]
    )
    bench(
        "synthetic, NBSP/zero-width",
        [t.replace(" the ", "\u00a0the\u200b ").encode() for t in texts],
    )
    bench("synthetic, Windows-1251", [t.replace("\u00a0", " ").encode("cp1251") for t in texts])
    samples = [p.read_bytes() for p in sorted((ROOT / "sample_articles").glob("*.txt"))]
    if samples:
        bench("shipped samples (x200)", samples * 200)
    out = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            "import store.parse",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stderr.splitlines()
    total = next(line for line in reversed(out) if line.rstrip().endswith("store.parse"))
    print(f"import store.parse (cumulative µs): {total.split('|')[1].strip()}")


if __name__ == "__main__":
    main()
