"""Write a synthetic corpus of article files in the real scraped format, for benchmarks.

Each article is about 400 words: title, Category and Publication date blocks (dates in several
common forms, some empty), the repeated title, tag/caption lines, ``Source:`` line, a lead, key
points (under varying headings and bullets, sometimes none), subheaded body paragraphs carrying
figures (troops, killed, injured, money, percentages, ranges), and page clutter. A share of the
stories repeat with changed text so the import also exercises versions.

    python3 bench/gen_corpus.py /tmp/corpus --count 100000

Deterministic for a given --seed. Writes into /tmp (never into the repository).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

CATEGORIES = ["World", "Politics", "Economy", "War", "Technology", "Health", "Sport", "Culture"]
SOURCES = ["Reuters", "Yonhap", "Ukrinform", "AP", "BBC", "Kyodo", "AFP", "DPA", "Interfax"]
PLACES = ["Kharkiv", "Odesa", "Seoul", "Busan", "Izmail", "Gdansk", "Riga", "Warsaw", "Kyiv"]
SUBJECTS = [
    "grain exports",
    "ports",
    "air defence",
    "energy grid",
    "budget talks",
    "rail freight",
    "drone factories",
    "bond markets",
    "wheat harvest",
    "border crossings",
]
VERBS = ["rise", "fall", "stall", "recover", "surge", "slow", "double", "shrink"]
KP_HEADINGS = ["Points of attention", "Key points", "Key takeaways", "Highlights"]
BULLETS = ["•", "-", "*", "–"]
SUBHEADINGS = [
    "Why it matters",
    "What officials said",
    "Background",
    "What comes next",
    "Reaction abroad",
    "The numbers",
]
CLUTTER = [
    "By staying on the site, you agree to the use of cookies.",
    "You might prefer the English version of this page. Switch?",
    "{n} views",
    "+ ↺ − 16 px",
]
FILLER = (
    "officials said the situation remained difficult but under control while analysts "
    "expected further changes in the coming weeks as talks continued between the parties "
    "and local authorities asked residents to follow official announcements closely"
).split()
SYLLABLES = "ka lo mi ren tas vor pel gra nis dor bu che li sta pro ver mon tal sek ran".split()


def _vocabulary(size: int = 20_000) -> tuple[list[str], list[float]]:
    """Made-up words with Zipf-like weights, so the FTS index sees a realistic spread of terms
    (a handful of very common words, a long tail of rare ones) instead of a tiny fixed list."""
    vrng = random.Random(12345)
    words: set[str] = set(FILLER)
    while len(words) < size:
        words.add("".join(vrng.choice(SYLLABLES) for _ in range(vrng.randint(1, 4))))
    ordered = sorted(words)
    vrng.shuffle(ordered)
    cum: list[float] = []
    total = 0.0
    for rank in range(1, len(ordered) + 1):
        total += 1.0 / rank
        cum.append(total)
    return ordered, cum


VOCAB, VOCAB_CUM = _vocabulary()

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def fmt_date(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return ""
    y = rng.choice([2023, 2024, 2025])
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    style = rng.randrange(3)
    if style == 0:
        return f"{d} {MONTHS[m - 1]} {y}, {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    if style == 1:
        return f"{MONTHS[m - 1][:3]} {d}, {y}"
    return f"{y}-{m:02d}-{d:02d}"


def figure_sentence(rng: random.Random, place: str) -> str:
    n = rng.randint(2, 90) * 100
    kind = rng.randrange(6)
    if kind == 0:
        return f"About {n:,} troops were moved towards {place}, the ministry said."
    if kind == 1:
        return (
            f"At least {rng.randint(2, 80)} people were killed and {rng.randint(5, 200)} injured."
        )
    if kind == 2:
        return f"The package is worth ${rng.randint(1, 60)} billion over {rng.randint(2, 5)} years."
    if kind == 3:
        return f"Exports rose {rng.randint(1, 40)}% month on month near {place}."
    if kind == 4:
        return f"Between {n:,} and {n * 3:,} workers were affected, officials estimated."
    return f"More than {rng.randint(10, 90)} vessels waited at {place} on Friday."


def paragraph(rng: random.Random, place: str, words: int) -> str:
    out = [figure_sentence(rng, place)]
    count = len(out[0].split())
    while count < words:
        n = rng.randint(8, 16)
        sentence = " ".join(rng.choices(VOCAB, cum_weights=VOCAB_CUM, k=n))
        out.append(sentence[0].upper() + sentence[1:] + f" in {rng.choice(PLACES)}.")
        count += n + 2
    return " ".join(out)


def article_text(i: int, rng: random.Random, versions_every: int) -> tuple[str, str]:
    """(file name, text). Every ``versions_every``-th file re-tells an earlier story."""
    story = i
    if versions_every and i % versions_every == versions_every - 1 and i > 0:
        story = rng.randrange(i)
    srng = random.Random(story)
    place = srng.choice(PLACES)
    title = f"{place} {srng.choice(SUBJECTS)} {srng.choice(VERBS)} as talks resume (report {story})"
    source = srng.choice(SOURCES)
    lines: list[str] = [title]
    if rng.random() > 0.05:
        lines += ["Category", srng.choice(CATEGORIES)]
    lines += ["Publication date", fmt_date(rng), "", title]
    for _ in range(rng.randrange(3)):
        lines.append(rng.choice([place, f"{place} port", "Photo: press service"]))
    lines += [f"Source:\u00a0 {source}", "", paragraph(rng, place, 40), ""]
    if rng.random() > 0.15:
        lines += [rng.choice(KP_HEADINGS), ""]
        bullet = rng.choice(BULLETS)
        for _ in range(rng.randint(2, 4)):
            lines.append(f"  {bullet} {figure_sentence(rng, place)}")
        lines.append("")
    words = 0
    while words < 205:
        lines += [rng.choice(SUBHEADINGS), ""]
        for _ in range(rng.randint(1, 3)):
            lines += [paragraph(rng, place, 50), ""]
            words += 50
    for _ in range(rng.randrange(3)):
        lines.append(rng.choice(CLUTTER).format(n=rng.randint(100, 99999)))
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return f"{i // 1000:03d}/article-{i:06d}.txt", text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="output folder (created; use /tmp)")
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--versions-every", type=int, default=50, help="every Nth file re-tells a story (0: never)"
    )
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    total_words = 0
    made: set[Path] = set()
    for i in range(args.count):
        name, text = article_text(i, rng, args.versions_every)
        path = args.out / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(text.encode("utf-8"))
        total_words += len(text.split())
    dt = time.perf_counter() - t0
    print(
        f"wrote {args.count} articles to {args.out} in {dt:.1f} s, "
        f"{total_words / max(args.count, 1):.0f} words per article on average",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    raise SystemExit(main())
